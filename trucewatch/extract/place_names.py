"""Places the gazetteer lacks, found by how the text tells them: the six readers of
:func:`trucewatch.extract.places.find_places`, each in the module of how the text tells the
name. Each is recorded under its own name, at the coordinates of the place that locates it,
with an honest precision.

- by its kind ("the village of Ghandoura", "the Sevre district"): ``place_kind_names``
- by the word that opens it ("in Tal Toughan", "in al-Mastumah"): ``place_opened_names``
- by the known place right after it ("in Urum al-Kubra, west of Aleppo", "on Zarqoun in
  Idlib province"): ``place_located_names``
- told again or respelt ("the camp in Zamrin", "Jameliaiah in West Aleppo"):
  ``place_retold_names``

Their word lists are in ``place_name_words``, the shape of a name ("Tal Zarqoun al-Kabir",
"MSF Hospital" is no town) in ``place_name_shape``, and how an unknown name is located in
``place_locating``. This module keeps the readers' names importable from here."""

from __future__ import annotations

from trucewatch.extract.place_kind_names import introduced
from trucewatch.extract.place_located_names import told_in, unlisted
from trucewatch.extract.place_name_words import COMPASS, NOT_NAMES
from trucewatch.extract.place_opened_names import opened_names
from trucewatch.extract.place_retold_names import repeated, spelled

__all__ = [
    "COMPASS",
    "NOT_NAMES",
    "introduced",
    "opened_names",
    "repeated",
    "spelled",
    "told_in",
    "unlisted",
]
