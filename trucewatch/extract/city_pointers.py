""" "The city" as where an incident happened: "Government forces were also fighting rebels in
northern neighbourhoods of the city", "a strike ... in a separate part of the same city". A
sentence that names no place of its own may still place its incident, in the town the report
named just before; :func:`in_the_city` reads the phrase, :func:`city_pointed_to` the town.
Used by :func:`trucewatch.extract.town_counts.place_from_previous` for drafts that would
otherwise be dropped as having neither place nor figure.

"The same neighbourhood" (or district, quarter, town) points instead at the place of the incident
told just before: :func:`the_same_part` reads it and :func:`part_told_before` gives that place
when the draft is made (:mod:`trucewatch.extract.drafts`), so a draft it places never reaches
the "the city" reading.

"Near the capital", "on the outskirts of the capital" in a report about Damascus are the
capital's surroundings, Rif Dimashq (:func:`city_pointed_to` with the noun "capital")."""

from __future__ import annotations

from spacy.tokens import Doc

from trucewatch.extract.draft import Draft, specificity
from trucewatch.extract.lexicon import words
from trucewatch.extract.place_reading import party, speaking
from trucewatch.extract.roles import is_context, is_summary
from trucewatch.extract.spans import PlaceMention, Sentence, doc_lowers
from trucewatch.gazetteer.places import load_gazetteer
from trucewatch.model.incident import NON_VIOLENT

CITY_NOUNS = words("city town village")
CITY_LOCATIVES = words("in on into inside across around near at outside within")
# "... of the city" places an incident there only after a part of it ("neighbourhoods of the
# city"), not after a share or a bearing ("60 percent of the city", "southwest of the town").
CITY_PARTS = words(
    "part parts neighbourhood neighbourhoods neighborhood neighborhoods district districts "
    "quarter quarters outskirts suburb suburbs centre center streets street areas area edge edges "
    "side"
)
# Where the trigger's own clause ends: "a pilot who parachuted near the town" is someone
# else's act, "fired from positions inside the city" tells where the fire came from.
CLAUSE_BREAKS = words("who which that after before when while as from , ; :")
# Words before the trigger that tell a second incident of the kind ("another attack").
ANOTHER = words("another separate second")
CITY_BACK = 6  # sentences back where the town "the city" points to may have been named

# "pounded rebel positions near the capital", "on the outskirts of the capital": the capital's
# surroundings, told by a word of nearness before "the capital" or a part of them before "of".
CAPITAL = "capital"
CAPITAL_NEAR = words("near around outside")
CAPITAL_PARTS = words("outskirts suburbs countryside edge edges environs")
# The capital's governorate and the one around it: a report naming either is about Damascus,
# so "the capital" is Damascus and its surroundings are Rif Dimashq.
CAPITAL_GOVERNORATES = frozenset({"Damascus", "Rif Dimashq"})
CAPITAL_SURROUNDINGS = "Rif Dimashq"


def in_the_city(doc: Doc, d: Draft) -> str | None:
    """The noun ("city", "town", "village") of a "the (same) city" that the draft's trigger
    clause tells as where it happened, or None. Not in a tally or background sentence ("raids
    on the town over the past week"), and not "the town of X", which names its town."""
    sent = doc._.sentences[d.sent]
    if is_summary(doc, sent) or is_context(doc, sent):
        return None
    lowers = doc_lowers(doc)
    if ANOTHER.intersection(lowers[sent.token_start : d.trigger.token_end]):
        # "In another attack on Sunday, jets hit a bakery in the same town": another incident
        # at that town, which would merge into the one told there (merging keeps a second
        # incident at one town apart only by its dead); left out, as before
        return None
    span = lowers[d.trigger.token_end : sent.token_end]
    span = span[: next((i for i, w in enumerate(span) if w in CLAUSE_BREAKS), len(span))]
    for i in range(1, len(span) - 1):
        before = span[i - 1]
        at = before in CITY_LOCATIVES or (before == "of" and i > 1 and span[i - 2] in CITY_PARTS)
        near = before in CAPITAL_NEAR or (before == "of" and i > 1 and span[i - 2] in CAPITAL_PARTS)
        if span[i] == "the" and span[i + 1] == CAPITAL and near:
            return CAPITAL  # "near the capital", "on the outskirts of the capital"
        if span[i] != "the" or not at:
            continue
        # "the city", "the same town", "the divided town", "the rebel-held city"
        for k in (i + 1, i + 2):
            if k < len(span) and span[k] in CITY_NOUNS and span[k + 1 : k + 2] != ["of"]:
                return span[k]
    return None


def city_pointed_to(doc: Doc, index: int, noun: str) -> PlaceMention | None:
    """The town "the city" (``noun``) in sentence ``index`` points to: of the towns and cities
    the report named in the CITY_BACK sentences before (not a capital standing for its
    government, nor a region), the last one named, or in that one's sentence the last one it
    called so ("the city of Idlib ... and rural towns such as Saraqib": Idlib)."""
    if noun == CAPITAL:
        return _capital_surroundings(doc, index)
    lowers = doc_lowers(doc)
    named = [
        p
        for p in doc._.places or ()
        if 0 < index - p.sent <= CITY_BACK
        and specificity(p.place) < 3
        and not party(doc, p)
        and not speaking(doc, p, doc._.sentences[p.sent].token_end)
    ]
    if not named:
        return None
    last = max(named, key=lambda p: p.token_start)

    def called(p: PlaceMention) -> bool:
        before = lowers[max(0, p.token_start - 2) : p.token_start]
        return before == [noun, "of"] or lowers[p.token_end : p.token_end + 1] == [noun]

    so_called = [p for p in named if p.sent == last.sent and called(p)]
    return max(so_called, key=lambda p: p.token_start) if so_called else last


def _capital_surroundings(doc: Doc, index: int) -> PlaceMention | None:
    """ "Regime warplanes pounded rebel positions near the capital": in a report that names
    Damascus or its countryside, the capital's surroundings are Rif Dimashq, told at the word
    "capital" of sentence ``index``; None in a report about another country's capital."""
    if not any(p.place.governorate in CAPITAL_GOVERNORATES for p in doc._.places or ()):
        return None
    sent = doc._.sentences[index]
    lowers = doc_lowers(doc)
    at = next((k for k in range(sent.token_start, sent.token_end) if lowers[k] == CAPITAL), None)
    if at is None:
        return None
    token = doc[at]
    place = load_gazetteer().governorate_place(CAPITAL_SURROUNDINGS)
    return PlaceMention(
        start=token.idx,
        end=token.idx + len(token.text),
        text=token.text,
        place=place,
        token_start=at,
        token_end=at + 1,
        sent=index,
    )


# Nouns for a part of the country an incident was told at: "on the same neighbourhood".
SAME_PARTS = frozenset(
    {"neighbourhood", "neighborhood", "district", "quarter", "area", "suburb", "village", "town"}
)
SAME_LOCATIVES = frozenset({"on", "in", "at", "near", "targeting", "hit", "struck"})
# How many sentences back the place "the same neighbourhood" points to may have been told.
SAME_REACH = 2


def the_same_part(doc: Doc, sent: Sentence) -> bool:
    """The sentence tells where it happened as "on the same neighbourhood" ("in the same
    town"), pointing back at the place of an incident just told."""
    lowers = doc_lowers(doc)[sent.token_start : sent.token_end]
    return any(
        lowers[i] == "same"
        and lowers[i - 1] == "the"
        and lowers[i - 2] in SAME_LOCATIVES
        and lowers[i + 1] in SAME_PARTS
        for i in range(2, len(lowers) - 1)
    )


def part_told_before(drafts: list[Draft], index: int) -> PlaceMention | None:
    """ "A barrel bomb attack on the district of Al Mashhad killed five. On Monday 24 were
    killed in a barrel bomb attack on the same neighbourhood": the place of the last incident
    told at most SAME_REACH sentences before, when it names a town or a part of one (a city
    or region is not what "the same neighbourhood" points to)."""
    last = next((d for d in reversed(drafts) if d.type not in NON_VIOLENT), None)
    if last is None or last.place is None or not 0 < index - last.sent <= SAME_REACH:
        return None
    return last.place if specificity(last.place.place) < 2 else None
