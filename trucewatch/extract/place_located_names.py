"""Places the gazetteer lacks told by the known place right after them: "in Urum al-Kubra,
west of Aleppo" (a compass point from a known place) and "air strikes on Zarqoun in Idlib
province", "struck Zarqoun, a village in northern Hama" (a bare name said to lie in one)."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.place_locating import located
from trucewatch.extract.place_name_shape import (
    NAME_REACH,
    bad_name,
    name_end,
    name_word,
    title_cased,
)
from trucewatch.extract.place_name_words import (
    COMPASS,
    DISTANCE,
    KIND_NOUNS,
    LOCATING,
    NAME_GLUE,
    PLACE_INTRO,
    TOLD_INTRO,
)
from trucewatch.extract.spans import (
    PlaceMention,
    doc_lowers,
    doc_starts,
    doc_text,
    doc_texts,
    sentence_of,
    tokens_text,
)
from trucewatch.model.incident import GeoPrecision


def unlisted(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "in Urum al-Kubra, west of Aleppo city": a place the gazetteer lacks, located by one it
    knows. The mention becomes the named place (the whole phrase is its evidence), near the known
    one: its governorate and coordinates, at near-town precision (ACLED's code for a place
    coded by the nearest known town)."""
    lowers = doc_lowers(doc)
    taken = {k for p in found for k in range(p.token_start, p.token_end)}
    out = list(found)
    for n, known in enumerate(found):
        k = known.token_start - 1
        if k > 0 and lowers[k] == "the":
            k -= 1
        if k < 2 or lowers[k] != "of" or lowers[k - 1] not in COMPASS:
            continue
        k -= 2
        while k > 0 and (lowers[k] in DISTANCE or lowers[k][:1].isdigit()):
            k -= 1
        if lowers[k] != ",":
            continue
        first = _name_start(doc, k, taken)
        if first < 0 or sentence_of(doc, first) != known.sent:
            continue
        name = tokens_text(doc, first, k)
        precision = max(known.place.geo_precision, GeoPrecision.NEAR_TOWN)
        place = replace(known.place, name=name, geo_precision=precision, geonameid=None)
        start = doc_starts(doc)[first]
        out[n] = replace(
            known,
            start=start,
            text=doc_text(doc)[start : known.end],
            place=place,
            token_start=first,
            candidates=(),
        )
    return out


def _name_start(doc: Doc, comma: int, taken: set[int]) -> int:
    """The first token of a capitalised name that ends right before ``comma`` and follows "in",
    "at", "near" or "of" (not a place or actor already known), or -1."""
    lowers = doc_lowers(doc)
    k = comma - 1
    first = -1
    while k > 0 and comma - k <= NAME_REACH and k not in taken:
        tok = doc[k]
        if lowers[k] in PLACE_INTRO:
            break  # "In al-Mastumah": the sentence's capital "In" opens no name
        if tok.text[:1].isupper():
            first = k
        elif lowers[k] not in NAME_GLUE:
            break
        k -= 1
    if first < 0:
        return -1
    # "al-Mastumah": the article opens the name
    if first >= 2 and lowers[first - 1] == "-" and lowers[first - 2] in NAME_GLUE:
        first -= 2
    before = lowers[first - 1] if first > 0 else ""
    return first if before in PLACE_INTRO else -1


LOCATING_REACH = 8  # tokens from the name to the known place that locates it


def told_in(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "air strikes on Zarqoun in Idlib province", "struck Zarqoun, a village in northern
    Hama", "bombed Zarqoun and Marqoun in the Hama countryside": a bare capitalised name the
    gazetteer lacks, told as where something happened ("in", "on", "near", "struck", "hit"
    ...) and said to lie in a known place right after it, is a place in that one, located by
    it (:func:`located`). Names of parties, people on the stop-list, months, weekdays and
    countries are never read so."""
    lowers = doc_lowers(doc)
    covered = {k for p in found for k in range(p.token_start, p.token_end)}
    starts = {p.token_start for p in found}
    texts = doc_texts(doc)
    added: list[PlaceMention] = []
    k = 1
    while k < len(doc):
        # (the cheap tests first: most tokens are lower-case or follow no place word)
        if not texts[k][:1].isupper() or k in covered:
            k += 1
            continue
        first = k - 2 if k >= 2 and lowers[k - 1] == "-" and lowers[k - 2] in NAME_GLUE else k
        back = first - 1 if lowers[first - 1] != "the" else first - 2
        if back < 0 or lowers[back] not in TOLD_INTRO or not name_word(texts[k], lowers[k]):
            k += 1
            continue
        names = []
        last = name_end(doc, k, covered)
        names.append((first, last))
        j = last + 1
        # "Zarqoun and Marqoun in Idlib", "Zarqoun, Marqoun and Sarqoun in Idlib": a list
        while j + 1 < len(doc) and lowers[j] in ("and", ",") and j + 1 not in covered:
            nxt = j + 1
            if not name_word(texts[nxt], lowers[nxt]):
                break
            end = name_end(doc, nxt, covered)
            names.append((nxt, end))
            j = end + 1
        # the known place that locates the names, right after them
        gap = j
        while gap < len(doc) and gap - j < LOCATING_REACH and gap not in starts:
            if lowers[gap] not in LOCATING:
                break
            gap += 1
        between = lowers[j:gap]
        kind_of = any(a in KIND_NOUNS and b == "of" for a, b in pairwise(between))
        if gap not in starts or not ({"in", "near", "outside"} & set(between) or kind_of):
            k = j
            continue
        for a, b in names:
            if bad_name(doc, a, b) or title_cased(doc, a):
                continue
            mention = located(doc, found, a, b)
            if mention is not None:
                added.append(mention)
                covered.update(range(a, b + 1))
        k = j
    return sorted(found + added, key=lambda p: p.start) if added else found
