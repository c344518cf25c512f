"""How English copy tells a place as where something is: after a locative ("in X", "near the
besieged town of Y", "in Daraa's Manshiyah district"), listed after one, named as a speaker
("officials in Damascus said") or a party ("talks with Damascus"), or across a clause that
tells another happening. The word-level readings every place component shares."""

from __future__ import annotations

from spacy.tokens import Doc

from trucewatch.extract.attribution import REPORTING
from trucewatch.extract.lexicon import word_list
from trucewatch.extract.spans import PlaceMention, Trigger, doc_lowers, doc_texts
from trucewatch.gazetteer.places import load_gazetteer
from trucewatch.model.incident import IncidentType

LOCATIVE = word_list("LOCATIVE")
NEST_GAP = word_list("NEST_GAP")


# Words between listed places that do not end the list ("the towns of A and B").
COORD_FILLER = frozenset({"areas", "area", "town", "towns", "village", "villages", "of", "the"})


CHAIN_WORDS = COORD_FILLER | {"and", ",", "or", "in"}


# The Arabic article a place's name may start with. Place mentions begin after it ("al-Zahraa"
# is told from "Zahraa"), so it stands between two listed places: "Nubbul and al-Zahraa".
NAME_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an"})


def list_gap(lowers: list[str], start: int, end: int) -> list[str]:
    """The words between two places (``start`` .. ``end``), less the article that opens the
    second place's name ("and al -" reads as "and"), so "A and al-B" is a list like "A and B"."""
    gap = lowers[start:end]
    # only after a word of its own: "A al-B" with nothing between is no list
    if len(gap) >= 3 and gap[-1] == "-" and gap[-2] in NAME_ARTICLES:
        return gap[:-2]
    if len(gap) >= 2 and gap[-1] in ("al", "el"):
        return gap[:-1]  # "A and Al Zahraa", the hyphen dropped
    return gap


# Words that open a clause telling another happening ("... has risen while SDF fighters make
# gains in Manbij"): a place across one is not where the trigger's incident happened.
CLAUSE_BREAKS = word_list("CLAUSE_BREAKS")


def across_clause(doc: Doc, trigger: Trigger, p: PlaceMention) -> bool:
    """True when the place stands in a "while"-clause after the trigger's own. (A place before
    the trigger may set the whole sentence: "In Daraya ... barrel bombs ... while clashes".)"""
    if p.token_start < trigger.token_end:
        return False
    return any(w in CLAUSE_BREAKS for w in doc_lowers(doc)[trigger.token_end : p.token_start])


def speaking(doc: Doc, p: PlaceMention, sent_end: int) -> bool:
    """ "officials in Damascus said", "Damascus and Moscow denied", "the local council of the
    city of Afrin": the place names a speaker (or its seat), not where something happened."""
    # read as token columns: this runs for every place weighed, and a Token costs more to build
    lowers, texts = doc_lowers(doc), doc_texts(doc)
    k = p.token_end
    after = range(k, min(k + 2, sent_end))
    if any(lowers[j] in REPORTING for j in after):
        return True
    if _seat_of_body(doc, p):
        return True
    if len(after) == 2 and lowers[k] == "and" and texts[k + 1][:1].isupper():
        return any(lowers[j] in REPORTING for j in range(k + 2, min(k + 3, sent_end)))
    return False


# Bodies that speak for a town ("the local council of X", "the governor of X", "the mayor of
# X"): the town named after one is the speaker's seat.
BODIES = frozenset({"council", "governor", "mayor", "municipality", "directorate"})
SEAT_FILLER = frozenset({"the", "syrian", "city", "town", "village", "of", "local"})
SEAT_REACH = 7


def _seat_of_body(doc: Doc, p: PlaceMention) -> bool:
    """True when the place follows "<body> of" ("the local council of the Syrian city of
    Afrin", "the governor of Homs"): the body's seat, told for who speaks."""
    lowers = doc_lowers(doc)
    k = p.token_start - 1
    floor = max(0, p.token_start - SEAT_REACH)
    if k < 1 or lowers[k] != "of":
        return False
    while k >= floor and lowers[k] in SEAT_FILLER:
        k -= 1
    return k >= floor and lowers[k] in BODIES


# Words between a locative and its place that do not change it ("in the central Hama
# province", "in western Syria's Idlib province").
PLACE_MODIFIERS = word_list("PLACE_MODIFIERS")


# Words saying who holds a place, between a locative and the place ("in rebel-held X", "in the
# besieged government-controlled town of Y"): they do not change where it is.
CONTROL_WORDS = frozenset(
    {"-", "held", "controlled", "rebel", "regime", "government", "opposition", "is", "isis",
     "isil", "daesh", "kurdish", "jihadist", "insurgent", "town", "city", "village", "of"}
)  # fmt: skip
MODIFIER_REACH = 6  # tokens from a locative to its place across modifiers


def locative(doc: Doc, p: PlaceMention) -> bool:
    """ "in X", "on the X", "near X", "province of X", "in the central X province", "in
    rebel-held X": a place told as where something is."""
    lowers = doc_lowers(doc)
    k = p.token_start - 1
    while (
        k > 0
        and p.token_start - k <= MODIFIER_REACH
        and (lowers[k] in PLACE_MODIFIERS or lowers[k] in CONTROL_WORDS or owner(doc, k))
    ):
        k -= 1
    prev = lowers[p.token_start - 1] if p.token_start > 0 else ""
    prev2 = lowers[p.token_start - 2] if p.token_start > 1 else ""
    return (
        prev in LOCATIVE
        or prev2 in LOCATIVE
        or prev in ("-", "of")
        or (k >= 0 and lowers[k] in LOCATIVE)
    )


POSSESSIVE = frozenset({"'s", "’s"})


def owner(doc: Doc, k: int) -> bool:
    """True when token ``k`` is a possessive or the capitalised owner before one ("in Daraa's
    Manshiyah district": the city owning the place does not change where it is), also in copy
    that strips apostrophes ("targeted Aleppos Atarib district": a known place with an "s")."""
    lowers = doc_lowers(doc)
    if lowers[k] in POSSESSIVE:
        return True
    if k + 1 < len(doc) and lowers[k + 1] in POSSESSIVE and doc_texts(doc)[k][:1].isupper():
        return True
    return _stripped_possessive(doc, k)


def _stripped_possessive(doc: Doc, k: int) -> bool:
    """True when token ``k`` is a known place's name with its apostrophe stripped ("Aleppos",
    "Daraas") before a capitalised word or a word that tells whose a place is."""
    texts = doc_texts(doc)
    text = texts[k]
    if len(text) < 5 or not text[:1].isupper() or not text.endswith("s") or k + 1 >= len(doc):
        return False
    nxt = doc_lowers(doc)[k + 1]
    if not (texts[k + 1][:1].isupper() or nxt in PLACE_MODIFIERS or nxt in CONTROL_WORDS):
        return False
    return bool(load_gazetteer().lookup(text[:-1]))


NAME_GLUE = frozenset({"al", "el", "-"})  # inside names ("al-Zablatani")


LIST_REACH = 8  # tokens back from a listed place to the locative that opens its list


def told_where(doc: Doc, place: PlaceMention) -> bool:
    """True when a place is told as where something happened: after a locative itself, or listed
    after one ("in the towns of Teldo, Tel Dahab and Kafr Laha": each of them)."""
    if locative(doc, place):
        return True
    lowers = doc_lowers(doc)
    floor = max(doc._.sentences[place.sent].token_start, place.token_start - LIST_REACH)
    for k in range(place.token_start - 1, floor - 1, -1):
        if lowers[k] in LOCATIVE:
            return True
        listed = lowers[k] in CHAIN_WORDS | NAME_GLUE or doc_texts(doc)[k][:1].isupper()
        if not listed:
            return False
    return False


PARTY_CUES = frozenset({"with", "by"})
# Words before a place that make it a party one acts on ("accused Damascus of", "urged Ankara
# to") and pairs that do ("threats to Damascus", "support for Damascus"); words after it that
# make it the government ("its Damascus ally", "the Damascus government").
PARTY_VERBS = frozenset({"accused", "accusing", "accuses", "urged", "urging", "urges"})
PARTY_PAIRS = frozenset({("threat", "to"), ("threats", "to"), ("support", "for")})
GOVERNMENT_AFTER = frozenset({"ally", "allies", "government", "authorities", "leadership"})
PARTY_BEFORE = PARTY_CUES | PARTY_VERBS


def party(doc: Doc, p: PlaceMention) -> bool:
    """ "talks with Damascus", "a request by Damascus", "accused Damascus of breaking the deal",
    "one of the biggest threats to Damascus", "its Damascus ally": a capital standing for its
    government, not where anything happened."""
    lowers = doc_lowers(doc)
    k = p.token_start
    if k > 0 and lowers[k - 1] in PARTY_BEFORE:
        return True
    if k > 1 and (lowers[k - 2], lowers[k - 1]) in PARTY_PAIRS:
        return True
    return p.token_end < len(lowers) and lowers[p.token_end] in GOVERNMENT_AFTER


# Words that single out one place among several a happening covers ("shelling hit western
# districts, particularly in Hamdaniyeh"; "strikes across Idlib, including in Saraqib").
HIGHLIGHT = frozenset(
    {"particularly", "especially", "notably", "mainly", "mostly", "chiefly", "primarily",
     "largely", "including"}
)  # fmt: skip
HIGHLIGHT_REACH = 5  # tokens from the singling-out word to the place ("mainly in the town of X")


def highlighted(doc: Doc, p: PlaceMention) -> bool:
    """True when the place is singled out among several a happening covers ("particularly in
    the district of X", "mostly in X"): the worst-hit or best-known of them, not where the
    whole incident happened."""
    lowers = doc_lowers(doc)
    k = p.token_start - 1
    floor = max(0, p.token_start - HIGHLIGHT_REACH)
    while k >= floor and lowers[k] in LOCATIVE | NEST_GAP | CONTROL_WORDS:
        k -= 1
    return (k >= floor and lowers[k] in HIGHLIGHT) or _part_of_happening(doc, p)


# Words before "of the" + a happening that make it a part of a wider one ("Much of the
# fighting was focused on X").
PART_OF = frozenset({"much", "most", "some", "part"})


def _part_of_happening(doc: Doc, p: PlaceMention) -> bool:
    """True when the place is told for a part of a happening ("Much of the fighting was
    focused on the X frontline"): the worst-hit place of a wider one."""
    lowers = doc_lowers(doc)
    return any(
        t.sent == p.sent
        and t.token_end <= p.token_start
        and t.token_start >= 3
        and lowers[t.token_start - 3] in PART_OF
        and lowers[t.token_start - 2 : t.token_start] == ["of", "the"]
        for t in doc._.triggers or ()
    )


# Relative pronouns that open a clause about something named before the place.
RELATIVE = frozenset({"which", "who", "whose"})


def in_others_clause(doc: Doc, kind: IncidentType, start: int, p: PlaceMention) -> bool:
    """True when the place, told after token ``start`` (a trigger's end, or its sentence's
    start), stands in a relative clause whose own verb is a happening of another kind than
    ``kind`` ("... air strikes and backing for the SDF, which on Friday took full control of
    Manbij"): the capture's place, not the strikes'."""
    if p.token_start < start:
        return False
    lowers = doc_lowers(doc)
    opened = next((k for k in range(start, p.token_start) if lowers[k] in RELATIVE), None)
    if opened is None:
        return False
    return any(
        t.type != kind
        and opened < t.token_start
        and t.token_end <= p.token_start
        # "the Observatory, which relies on sources, said after the assault at X": speech
        # closes the relative clause before the trigger
        and not any(w in REPORTING for w in lowers[opened : t.token_start])
        for t in doc._.triggers or ()
        if t.sent == p.sent
    )


# Words before an incident's place that spread it over the whole area ("across the east of
# Aleppo", "throughout Idlib province", "in and around Aleppo").
SPREAD = frozenset({"across", "throughout"})
SPREAD_REACH = 6  # tokens from the spreading word to the place ("across the rebel-held east of")


def spread_over(doc: Doc, p: PlaceMention) -> bool:
    """True when the place is told as the area a happening is spread over ("strikes across
    the rebel-held east of Aleppo", "45 killed in and around Aleppo"): no one town or quarter
    of it is where the incident happened."""
    lowers = doc_lowers(doc)
    k = p.token_start - 1
    floor = max(0, p.token_start - SPREAD_REACH)
    while k >= floor and lowers[k] in PLACE_MODIFIERS | CONTROL_WORDS | {"of", "parts", "part"}:
        k -= 1
    if k < floor:
        return False
    if lowers[k] in SPREAD:
        return True
    return lowers[k] == "around" and k >= 2 and lowers[k - 2 : k] == ["in", "and"]


# Determiners that open a sentence retelling an incident told before ("The blast hit X").
RETOLD = frozenset({"the", "this", "that"})
# Words that open a clause after a retelling's place ("..., which was on the front line
# until 2012", "... before troops took the city in 2012").
LATER_CLAUSE = RELATIVE | frozenset({"before", "after", "since", "until", "when", "where"})
RETOLD_REACH = 3  # tokens from the sentence's start to the retold incident's word


def retold_main_clause(doc: Doc, kind: IncidentType, p: PlaceMention) -> bool:
    """True when the place's sentence opens by retelling an incident of ``kind`` ("The blast
    hit the neighbourhood of X, which was on the front line until 2012") and the place stands
    in that main clause, before any clause that may recall the past: the past the later
    clause recalls does not make the retelling background."""
    sent = doc._.sentences[p.sent]
    lowers = doc_lowers(doc)
    if lowers[sent.token_start] not in RETOLD:
        return False
    opening = next(
        (
            t
            for t in doc._.triggers or ()
            if t.sent == p.sent
            and t.type == kind
            and t.token_start - sent.token_start <= RETOLD_REACH
            and t.token_end <= p.token_start
        ),
        None,
    )
    if opening is None:
        return False
    return not any(w in LATER_CLAUSE for w in lowers[opening.token_end : p.token_start])
