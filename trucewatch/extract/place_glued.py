"""Place names glued to the word after them by copy that lost its spaces ("air raids near
Kobaninorth Syria"): the name is read off the front of the token. Helper of
:func:`trucewatch.extract.places.find_places`."""

from __future__ import annotations

from spacy.tokens import Doc

from trucewatch.extract.spans import PlaceMention, doc_starts, doc_text, doc_texts, sentence_of
from trucewatch.gazetteer.places import load_gazetteer

# Words a lost space glues to a place name: where in a country or region it lies.
GLUED_TAILS = ("north", "south", "east", "west", "northern", "southern", "eastern", "western")
GLUED_NAME = 4  # letters a glued name needs at least, so a short common word is not read


def glued(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "near Kobaninorth Syria": a capitalised token no place covers that is a known place's
    name with a compass word glued to its end is that place (the mention is the name only)."""
    covered = {k for p in found for k in range(p.token_start, p.token_end)}
    gaz = load_gazetteer()
    added: list[PlaceMention] = []
    for i, text in enumerate(doc_texts(doc)):
        if i in covered or not (text[:1].isupper() and text.isalpha()):
            continue
        lower = text.lower()
        tail = next((t for t in GLUED_TAILS if lower.endswith(t)), None)
        if tail is None or len(text) - len(tail) < GLUED_NAME:
            continue
        name = text[: len(text) - len(tail)]
        candidates = gaz.lookup(name)
        if not candidates or gaz.stopped(name):
            continue
        start = doc_starts(doc)[i]
        end = start + len(name)
        added.append(
            PlaceMention(
                start=start,
                end=end,
                text=doc_text(doc)[start:end],
                place=candidates[0],
                token_start=i,
                token_end=i + 1,
                sent=sentence_of(doc, i),
                candidates=tuple(candidates),
            )
        )
    return sorted(found + added, key=lambda p: p.start) if added else found
