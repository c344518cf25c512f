"""How a report nests its places: a quarter name the gazetteer holds for one city, told right
after another governorate's seat city, is a quarter of the city told ("two compounds in the
city of Homs ... the branch in the al-Mahatta district"), and "X in Y" settles an ambiguous X
by the enclosing Y. Helpers of :func:`trucewatch.extract.places.find_places`."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from trucewatch.extract.lexicon import words
from trucewatch.extract.spans import PlaceMention, doc_lowers, doc_starts
from trucewatch.model.incident import GeoPrecision, Place, distance_km

# The capital is wholly surrounded by Rif Dimashq: its countryside and surroundings belong there.
CAPITAL, CAPITAL_REGION = "Damascus", "Rif Dimashq"


def _quarter_like(p: Place) -> bool:
    """A place the gazetteer knows only by the city it lies in (a quarter, a named area)."""
    return p.geonameid is None and p.geo_precision == GeoPrecision.NEAR_TOWN


QUARTER_WORDS = words("neighbourhood neighborhood district quarter")
CALLED_PLACE = QUARTER_WORDS | words("village town")
CALLED_PART = QUARTER_WORDS | words("region area")
CALLED_AREA = words("area")


def _called_quarter(doc: Doc, m: PlaceMention, kinds: frozenset[str] = QUARTER_WORDS) -> bool:
    """True when the text calls the name a quarter, or one of ``kinds`` ("the Zahra
    neighbourhood", "the district of Zahra"): a one-word name the gazetteer knows only as a
    town of another governorate is then a quarter of the city told, as a quarter-like name
    is."""
    lowers = doc_lowers(doc)
    if lowers[m.token_end - 1] in kinds and m.token_end - m.token_start > 1:
        return True  # "the Zahraa district": a mention that ends in its kind calls itself so
    after = lowers[m.token_end] if m.token_end < len(doc) else ""
    k = m.token_start - 1
    while k > 0 and lowers[k] in ("al", "el", "-"):
        k -= 1  # "the neighbourhood of al-Kallaseh"
    return after in kinds or (k >= 1 and lowers[k] == "of" and lowers[k - 1] in kinds)


def quarters_of_the_city(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "two compounds in the city of Homs ... the branch in the al-Mahatta district and the
    one in al-Ghouta": a one-word quarter name (Station, Orchard, Market ...) is shared by
    many cities, and the gazetteer holds it for one. Told right after another governorate's
    seat city (same sentence or the one before), in a report that names no other place of the
    quarter's governorate up to the quarter's sentence (a later story of the report's is
    another), it is a quarter of the city told: its own name, located by that city at
    near-town precision. "the Zahraa district" is a one-word name with its kind."""
    out = list(found)
    for k, m in enumerate(found):
        if not m.candidates or len(_without_kind(place_key_words(m.text))) != 1:
            continue
        if not (all(map(_quarter_like, m.candidates)) or _called_quarter(doc, m)):
            continue
        solid = {
            p.place.governorate
            for p in found
            if p.place.name != m.place.name
            and p.sent <= m.sent
            and not all(map(_quarter_like, p.candidates))
        }
        if m.place.governorate in solid:
            continue
        city = next(
            (
                c
                for c in reversed(found[:k])
                if m.sent - 1 <= c.sent <= m.sent
                and c.place.geo_precision == GeoPrecision.TOWN
                and c.place.name == c.place.governorate
                and c.place.governorate != m.place.governorate
                # the capital's own countryside surrounds it: "the Damascus Ghouta" is Rif Dimashq
                and (c.place.governorate, m.place.governorate) != (CAPITAL, CAPITAL_REGION)
            ),
            None,
        )
        if city is not None:
            name = m.text
            if (
                m.token_end - m.token_start > 1
                and doc_lowers(doc)[m.token_end - 1] in QUARTER_WORDS
            ):
                name = name[: doc_starts(doc)[m.token_end - 1] - m.start].rstrip()  # its kind off
            place = replace(city.place, name=name, geo_precision=GeoPrecision.NEAR_TOWN)
            out[k] = replace(m, place=replace(place, geonameid=None), candidates=())
    return out


def _without_kind(keys: list[str]) -> list[str]:
    """A name's key words without the quarter noun it ends in ("Zahraa district")."""
    return keys[:-1] if len(keys) > 1 and keys[-1] in QUARTER_WORDS else keys


def place_key_words(text: str) -> list[str]:
    """The words of a name under the place key, without its articles ("al-Mahatta" -> one)."""
    from trucewatch.gazetteer.normalise import place_tokens

    return place_tokens(text)


NESTING = frozenset({"in", "of", "near", "outside"})
PLACE_NOUNS = words(
    """the neighbourhood neighborhood district town city village area suburb quarter street
    region countryside province governorate camp"""
)


def nest(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "al-Midan neighbourhood in Aleppo": the enclosing place settles an ambiguous name.

    The candidate in the enclosing governorate wins; if the name has none there, the
    gazetteer's entry is another place of that name, and the name told is a place it lacks,
    located by the enclosing place (its coordinates and governorate, at near-town precision
    or coarser).
    """
    out = list(found)
    for k, inner in enumerate(found[:-1]):
        outer = found[k + 1]
        gap = doc[inner.token_end : outer.token_start]
        if len(gap) > 4 or not any(t.lower_ in NESTING for t in gap):
            continue
        if not all(t.lower_ in NESTING | PLACE_NOUNS for t in gap):
            continue  # "Aleppo and 22 in Idlib" lists two places; it does not nest them
        gov = outer.place.governorate
        if not gov or inner.place.governorate == gov:
            continue
        match = next((c for c in inner.candidates if c.governorate == gov), None)
        inside = not {"near", "outside"} & {t.lower_ for t in gap}
        seat = any(c.name == c.governorate for c in inner.candidates)
        if match is None and not inside:
            continue  # "the city of Idlib near Aleppo": a town by another may lie across a border
        # only a name the text introduces as a place of its own ("the village of X in Y") is
        # one inside Y; in "evacuees from Foua and Kefraya in Rashideen" Y places the story
        # "Kalassa region of the capital": a mention that ends in its kind calls itself a part
        # "Kalassa area of the capital" calls itself so by the kind word after it, too
        called = _called_quarter(doc, inner, CALLED_PLACE | CALLED_AREA) or (
            doc_lowers(doc)[inner.token_end - 1] in CALLED_PART
        )
        if match is not None or seat or not called:
            out[k] = replace(inner, place=match or outer.place)
            continue
        # another place of that name: the name told is a place the gazetteer lacks inside the
        # enclosing one ("the district of Zahra in Homs"), located by it
        precision = max(outer.place.geo_precision, GeoPrecision.NEAR_TOWN)
        name = inner.text
        if inner.token_end - inner.token_start > 1 and doc_lowers(doc)[inner.token_end - 1] in (
            CALLED_PART
        ):
            kind_at = doc_starts(doc)[inner.token_end - 1]
            name = name[: kind_at - inner.start].rstrip()  # its kind off
        place = replace(outer.place, name=name, geo_precision=precision, geonameid=None)
        out[k] = replace(inner, place=place, candidates=())
    return out


# Words that may stand between a town and the governorate it is told in ("Safsafah, a village
# in the western Hama countryside"); a list word or another place between them breaks the link.
NOT_BETWEEN = words("and or while but ; whereas")
GOVERNORATE_REACH = 10


def same_named(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "the village of Kafr Nasra, in the southern Hama countryside": a town the gazetteer
    holds only in another governorate, told in a governorate the report places it in (a
    governorate named within a few words after it, nothing listed between) and whose own
    governorate the report names nowhere else, is another town of that name: a place the
    gazetteer lacks, in the governorate told, at region precision."""
    lowers = doc_lowers(doc)
    out = list(found)
    for k, m in enumerate(found[:-1]):
        govs = {c.governorate for c in m.candidates}
        if not m.candidates or len(govs) != 1 or m.place.geo_precision != GeoPrecision.TOWN:
            continue
        if any(c.name == c.governorate for c in m.candidates):
            continue  # a seat city is the one everyone means
        outer = found[k + 1]
        gov = outer.place.governorate
        if outer.sent != m.sent or outer.place.geo_precision != GeoPrecision.REGION:
            continue
        if not gov or gov in govs or outer.token_start - m.token_end > GOVERNORATE_REACH:
            continue
        if any(lowers[j] in NOT_BETWEEN for j in range(m.token_end, outer.token_start)):
            continue
        if any(p.place.governorate in govs for p in found if p.place.name != m.place.name):
            continue  # the report names the town's own governorate: it may well be that town
        out[k] = replace(m, place=replace(outer.place, name=m.text), candidates=())
    return out


# Words that may stand between a town and the known place the text sets it beside ("Safsafeh
# east of Tabqa", "Safsafeh, some 10 km east of Tabqa", "Safsafeh near Tabqa").
BESIDE = frozenset({"near", "outside", "of", "the", ",", "about", "some", "around", "nearly"})
BESIDE_UNITS = words("km kilometres kilometers miles mi")
COMPASS_WORDS = words("east west north south northeast northwest southeast southwest")
BESIDE_REACH = 6
FAR_KM = 50.0  # a town set beside a place farther than this is not the one the gazetteer holds


def far_beside(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "captured the area of Safsafeh east of Tabqa": a town the text sets beside a known place
    ("X east of Y", "X, 10 km north of Y", "X near Y") that the gazetteer holds only far from
    that place (more than ``FAR_KM``, so never a town across a nearby border) and only in a
    governorate the report names nowhere else, is another town of that name: a place the
    gazetteer lacks, near the place it is told beside (its governorate and coordinates, at
    near-town precision)."""
    lowers = doc_lowers(doc)
    out = list(found)
    for k, m in enumerate(found[:-1]):
        outer = found[k + 1]
        if outer.sent != m.sent or not m.candidates or outer.place.governorate is None:
            continue
        if m.place.geo_precision != GeoPrecision.TOWN or outer.place.lat is None:
            continue
        gap = lowers[m.token_end : outer.token_start]
        if not gap or len(gap) > BESIDE_REACH or not ({"near", "outside", "of"} & set(gap)):
            continue
        if not all(w in BESIDE | BESIDE_UNITS | COMPASS_WORDS or w[:1].isdigit() for w in gap):
            continue
        if "of" in gap and not COMPASS_WORDS & set(gap):
            continue  # "the village of X", "Safsafeh of Tartus": nesting, not beside
        govs = {c.governorate for c in m.candidates}
        if outer.place.governorate in govs or any(c.name == c.governorate for c in m.candidates):
            continue  # a town of the governorate told, or a seat city everyone means
        distances = [distance_km(c, outer.place) for c in m.candidates]
        if any(d is None or d <= FAR_KM for d in distances):
            continue
        if any(p.place.governorate in govs for p in found if p.place.name != m.place.name):
            continue  # the report names the town's own governorate: it may well be that town
        precision = max(outer.place.geo_precision, GeoPrecision.NEAR_TOWN)
        place = replace(outer.place, name=m.text, geo_precision=precision, geonameid=None)
        out[k] = replace(m, place=place, candidates=())
    return out
