"""Gazetteers of places and actors, built by ``scripts/build_gazetteer.py`` into ``data/``.

``places``: :func:`load_gazetteer` (towns, named areas, governorates; :data:`GOVERNORATES`).
``actors``: :func:`load_actors` (aliases, hierarchy, validity dates).
``normalise``: the one name normalisation used at build time and at lookup time.
"""

from trucewatch.gazetteer.actors import ActorDictionary, load_actors
from trucewatch.gazetteer.normalise import normalise
from trucewatch.gazetteer.places import GOVERNORATES, Gazetteer, load_gazetteer

__all__ = [
    "GOVERNORATES",
    "ActorDictionary",
    "Gazetteer",
    "load_actors",
    "load_gazetteer",
    "normalise",
]
