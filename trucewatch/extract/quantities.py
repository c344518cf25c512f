"""Casualty figures: who was killed or injured, how many, read as low/best/high.

Readings (GOLD-DEV.md conventions): an exact figure N → N/N/N; "at least", "more than", "over"
N → low N, high unknown; "about", "around" N → N/N/N; "up to", "as many as" N → high N;
"nearly", "almost" N → best and high N (a count just short of N, no lower bound); "between
N and M" → N/–/M; a vague count ("dozens") → its lower bound, nothing else.

A figure belongs to a casualty word ("killed", "wounded", "death toll") in the same sentence:
active forms read forward ("killing at least 10"), passive forms backward ("10 civilians were
killed"), never across another casualty word or a clause joined by "and".
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.casualty_words import (
    HARMS,
    INJURED,
    KILLED,
    NONE_BOTH,
    NONE_GLUE,
    NONE_INJURED,
    NONE_KILLED,
    PEOPLE,
    SUFFERED,
)
from trucewatch.extract.lexicon import words
from trucewatch.extract.numbers import Number, find_numbers
from trucewatch.extract.spans import Quantity, doc_lowers, quantity_over, sentence_of
from trucewatch.extract.victim_counts import (
    CLAIMING,
    LIST_GLUE,
    PART_OF,
    counted,
    group_before,
    groups_after,
    introduces_part,
    is_age,
    joined_after,
    mixed,
    plus,
    single_before,
    single_joined_before,
    single_quantity,
    singles,
    some_of_more,
    umbrella_before,
    wider_total,
)
from trucewatch.model.incident import Toll

# Casualty words that read forward to their figure ("killing 5", "the toll rose to 11").
FORWARD = frozenset(
    {
        "killed",
        "killing",
        "kills",
        "eliminated",
        "eliminating",
        "kill",
        "injuring",
        "wounding",
        "injured",
        "wounded",
        "toll",
        "lives",
        "life",
        "left",
        "leaving",
    }
)
# Active forms never read backward: in "two bombers blew themselves up killing civilians" the
# figure before "killing" counts the killers, not the dead.
ACTIVE_ONLY = frozenset({"killing", "kills", "kill", "injuring", "wounding", "eliminating"})
# Active injury verbs open a clause of their own: in "Attack Kills Two Injures Three" the
# figure before "Injures" is still the dead.
ACTIVE_INJURED = frozenset({"injures", "injuring", "injure", "wounds", "wounding", "wound"})
# Words allowed between a forward casualty word and its figure.
BRIDGE = frozenset(
    {
        "at",
        "least",
        "more",
        "than",
        "over",
        "about",
        "around",
        "some",
        "nearly",
        "almost",
        "up",
        "to",
        "an",
        "estimated",
        "a",
        "total",
        "of",
        "approximately",
        "roughly",
        "rose",
        "rises",
        "risen",
        "climbed",
        "reached",
        "has",
        "had",
        "jumped",
        "increased",
        "the",
        "lives",
        "approx",
        "another",
        "further",
        "additional",
        "as",
        "many",
        "upwards",
        "between",
        # "killing a family of six", "killed an entire family of five"
        "family",
        "entire",
        "whole",
    }
)
LOWER_ONLY = (
    ("at", "least"),
    ("more", "than"),
    ("over",),
    ("upwards", "of"),
    ("in", "excess", "of"),
)
ABOUT = (("about",), ("around",), ("approximately",), ("some",), ("roughly",), ("an", "estimated"))
UPPER_ONLY = (("up", "to"), ("nearly",), ("almost",), ("as", "many", "as"))
# Upper bounds that are the count itself, just short: "nearly 58 people were killed" tells 58
# as the figure (its best), where "up to 58" only caps an unknown count.
NEAR_ONLY = (("nearly",), ("almost",))
# Units after a number that make it something other than a head count.
NOT_PEOPLE = words(
    """pm am gmt percent per km kilometers kilometres miles meters metres tons tonnes hours hour
    days day weeks week months month years year times mm sorties strikes rockets shells
    missiles trucks minutes %"""
)
REST = words("remaining")
_PASSIVE_GAP = 10  # tokens a figure may stand before its passive casualty word
TOLL_BACK_GAP = 3  # tokens a figure may stand before "toll" ("to 18 its toll")


def _part_after(lowers: list[str], end: int, sent_end: int) -> bool:
    """True when a figure is followed by "of them" / "of whom" / "of the dead": it counts a
    part of a toll told before it, not the toll."""
    return end + 1 < sent_end and lowers[end] == "of" and lowers[end + 1] in PART_OF


SUFFERED_REACH = 3  # words from "suffered" to its harm ("suffered from severe suffocation")


def _harm_after(lowers: list[str], index: int) -> bool:
    """True when a harm word ("suffocation", "breathing") follows "suffered" closely."""
    return any(w in HARMS for w in lowers[index + 1 : index + 1 + SUFFERED_REACH])


def _modifier(doc: Doc, num: Number) -> tuple[str, int]:
    """How the words before a figure qualify it: ("lower"|"about"|"upper"|"exact", start token)."""
    for kind, phrases in (("lower", LOWER_ONLY), ("about", ABOUT), ("upper", UPPER_ONLY)):
        for phrase in phrases:
            k = len(phrase)
            if (
                num.start >= k
                and tuple(w for w in doc_lowers(doc)[num.start - k : num.start]) == phrase
            ):
                return kind, num.start - k
    return "exact", num.start


def reading(doc: Doc, num: Number, nums: list[Number]) -> tuple[Toll, int, int]:
    """The toll a figure states, and the token span of the figure with its qualifier."""
    value = int(num.value)
    if num.vague:
        return Toll(low=value), num.start, num.end
    # "between 10 and 15", "10 to 15", "10-15"
    nxt = [m for m in nums if m.start in (num.end + 1, num.end + 2) and not m.vague]
    between = num.start > 0 and doc_lowers(doc)[num.start - 1] == "between"
    if between and nxt and doc_lowers(doc)[num.end] == "and":
        return Toll(low=value, high=int(nxt[0].value)), num.start - 1, nxt[0].end
    if nxt and num.end < len(doc) and doc_lowers(doc)[num.end] in ("to", "-", "or"):
        hi = int(nxt[0].value)
        if hi > value:
            return Toll(low=value, high=hi), num.start, nxt[0].end
    kind, start = _modifier(doc, num)
    if kind == "lower":
        return Toll(low=value), start, num.end
    if kind == "upper" and (doc_lowers(doc)[start],) in NEAR_ONLY:
        return Toll(best=value, high=value), start, num.end
    if kind == "upper":
        return Toll(high=value), start, num.end
    return Toll(low=value, best=value, high=value), start, num.end


MONTH_WORDS = words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec"""
)


def is_year(text: str) -> bool:
    """ "2016", "1982": four digits in the years a report can name."""
    return len(text) == 4 and text.isdigit() and text[:2] in ("19", "20")


def is_date_part(doc: Doc, num: Number) -> bool:
    """A year, or the day of a date ("June 18 2016", "18 June", "on May 3"): no head count."""
    lowers = doc_lowers(doc)
    if num.end - num.start == 1 and is_year(lowers[num.start]):
        return True
    if num.vague or num.value > 31 or not lowers[num.start][:1].isdigit():
        return False
    prev = lowers[num.start - 1] if num.start > 0 else ""
    nxt = lowers[num.end] if num.end < len(doc) else ""
    return prev in MONTH_WORDS or nxt in MONTH_WORDS or is_year(nxt)


def _is_headcount(doc: Doc, num: Number) -> bool:
    text = doc_lowers(doc)[num.start]
    if is_age(doc, num):
        return False
    if len(text) > 1 and text[0] == "0" and text.isdigit():
        return False  # "0914 Homs governor says ...": a wire's clock time, nobody counts "07"
    if num.end < len(doc) and doc_lowers(doc)[num.end] in NOT_PEOPLE:
        return False
    if is_date_part(doc, num):
        return False  # "in 2016", "on June 18 2016"
    if num.start > 0 and doc_lowers(doc)[num.start - 1] in REST:
        return False  # "the remaining six people killed": the rest of a toll told before
    return not (num.start > 0 and doc[num.start - 1].text in ("$", "€", "£"))


# Nouns for the people a figure counts that an "of" phrase saying whose they were may follow:
# "28 heads of the Ahrar al-Sham militant group", "four staff of the medical relief union".
WHOSE_NOUNS = PEOPLE | words(
    """heads leaders commanders officers officials staff elements militants gunmen jihadists
    terrorists rebels troops servicemen militiamen policemen volunteers personnel cadres"""
)
WHOSE_REACH = 12  # words an "of" phrase naming a group may run before the casualty word
WHOSE_STOPS = words("while but who which that where when after before as in on at")


def _whose_phrase(lowers: list[str], tok_i: int, sent_start: int, by_end: dict[int, Number]) -> int:
    """The length of an "of" phrase naming whose people a figure counts, between the figure's
    people and a passive casualty word ("23 members |of the al-Nusra Front terrorist group| were
    killed"); 0 when there is none. The phrase's words do not count against the distance a
    figure may stand from its verb: a group's long name is no sign the figure is another's."""
    for k in range(tok_i - 1, max(sent_start + 1, tok_i - 1 - WHOSE_REACH), -1):
        w = lowers[k]
        if w in KILLED or w in INJURED or w in WHOSE_STOPS or w in (",", ";", ".") or k in by_end:
            return 0  # another clause, or a figure of its own nearer the verb
        if w != "of" or lowers[k - 1] not in WHOSE_NOUNS:
            continue
        noun = k - 1  # the figure stands right before the people, or one word before them
        if noun in by_end or (noun - 1 in by_end and lowers[noun - 1].isalpha()):
            return tok_i - k
    return 0


# Words joining one person to a group of "his" people: "X alongside nine of his comrades".
LEADER_JOINS = (("and",), ("alongside",), ("along", "with"), ("together", "with"))
ONE_OWNER = frozenset({"his", "her"})


def _leader_joined_before(lowers: list[str], start: int, end: int, sent_start: int) -> int:
    """ "The commander Saud al-Asaf and three of his comrades were killed": a figure counting
    "N of his <people>" joined to the person before it counts N more than that one, who died
    with them. Returns the joint's first token, or -1 ("three of their comrades" names no one
    person; "... including nine of his men" is a part)."""
    if end + 1 >= len(lowers) or lowers[end] != "of" or lowers[end + 1] not in ONE_OWNER:
        return -1
    for joint in LEADER_JOINS:
        k = start - len(joint)
        if k > sent_start and tuple(lowers[k:start]) == joint:
            return k if lowers[k - 1] not in PARTITIVE_WORDS else -1
    return -1


PARTITIVE_WORDS = frozenset({"including", "among", "of", "with"})


ASIDE_REACH = 8  # tokens an aside set off by commas may run ("one of them a child")


def _aside_start(doc: Doc, comma: int, sent_start: int, by_end: dict[int, Number]) -> int:
    """ "At least 28 people, children among them, were killed", "two civilians, one of them a
    child, were killed": an aside between commas after the people a figure counts, read over
    to reach the figure. Returns the opening comma's token, or -1 when ``comma`` closes no such
    aside (the aside names no casualty of its own, and people or a figure stand before it)."""
    lowers = doc_lowers(doc)
    k = comma - 1
    while k > sent_start and comma - k <= ASIDE_REACH:
        w = lowers[k]
        if w in KILLED or w in INJURED or w in (";", ".", "while", "but"):
            return -1
        if w == ",":
            if k == comma - 1:
                return -1
            before = lowers[k - 1]
            return k if before in PEOPLE or k in by_end else -1
        k -= 1
    return -1


# Verbs that give a toll its new figure: "the toll ... has risen to 55", "stands at 30".
TOLL_UPDATES = words(
    """rose risen rises rise climbed climbs jumped increased reached reaches stands stood hit was
    is surpasses surpassed exceeds exceeded topped"""
)
TOLL_REACH = 25  # tokens from "toll" to its update verb ("the toll from ... around it has risen")
# Plural counts of casualties that, like "toll", take their figure from an update verb ("the
# number of deaths rose to 12", "injuries were put at 30"), but only close to it.
COUNT_NOUNS = words("deaths fatalities injuries")
COUNT_NOUN_REACH = 5  # tokens from the count noun to the figure ("deaths were put at 12")


# Words between "number of" and the casualty word naming who were counted ("the number of
# civilians killed"): at most NUMBER_OF_REACH of them.
NUMBER_OF_REACH = 2
NUMBER_OF_GLUE = PEOPLE | {"the"}


def _number_of(lowers: list[str], i: int, sent_start: int) -> bool:
    """True when the casualty word at ``i`` closes "the number of (people) killed" or "the
    number of (the) dead": a count named like "toll", whose figure an update verb gives."""
    k = i - 1
    while k > sent_start and i - k <= NUMBER_OF_REACH and lowers[k] in NUMBER_OF_GLUE:
        k -= 1
    return k > sent_start and lowers[k] == "of" and lowers[k - 1] == "number"


def _updated_toll(
    doc: Doc, toll_i: int, sent_end: int, by_start: dict[int, Number]
) -> tuple[Number | None, int]:
    """ "The death toll from last week's strikes on X has risen to 55", "placed the death toll
    from the air raids at 50": the figure after the update verb (or "at") that follows "toll",
    read over the words naming the incident. Returns the
    figure and the verb's token (for the evidence), or (None, -1)."""
    lowers = doc_lowers(doc)
    for j in range(toll_i + 1, min(sent_end, toll_i + TOLL_REACH)):
        w = lowers[j]
        if w in KILLED or w in INJURED or w in (";", "."):
            return None, -1  # another casualty word: that clause has its own figure
        if w not in TOLL_UPDATES and w != "at":
            continue
        k = j + 1
        while k < sent_end and k - j <= 4 and lowers[k] in BRIDGE | {"at"}:
            k += 1
        if w == "at" and k not in by_start:
            continue  # "the toll at the hospital rose to 5": no figure after this "at"
        return (by_start.get(k), j) if k in by_start else (None, -1)
    return None, -1


def find_quantities(doc: Doc) -> list[Quantity]:
    """Killed and injured figures in the doc."""
    nums = [m for m in find_numbers(doc) if _is_headcount(doc, m)]
    by_start = {m.start: m for m in nums}
    by_end = {m.end: m for m in nums}
    used: set[int] = set()
    out: list[Quantity] = []
    sents = doc._.sentences
    lowers = doc_lowers(doc)
    for index, low in enumerate(lowers):
        kind = "killed" if low in KILLED else "injured" if low in INJURED else None
        if kind is None and low in SUFFERED and _harm_after(lowers, index):
            kind = "injured"  # "35 people suffered suffocation": the hurt, read back
        if kind is None:
            continue
        tok = doc[index]  # a Token only for casualty words: building one per token is slow
        if low == "lives" and not (tok.i > 0 and lowers[tok.i - 1] in ("the", "their")):
            continue
        if low == "life" and not (tok.i > 1 and lowers[tok.i - 2] in CLAIMING):
            continue  # "claiming the life of a woman"; not "daily life"
        if low in ("death", "deaths") and tok.i + 1 < len(doc) and lowers[tok.i + 1] == "toll":
            continue  # "the death toll ...": "toll" reads its figure
        if mixed(lowers, tok.i):
            continue  # "19 killed and injured": dead and hurt in one count, neither toll
        sent = sents[sentence_of(doc, tok.i)]
        found: Number | None = None
        update_end = -1
        if low == "toll":  # "the toll from Monday's strikes on X has risen to 55"
            found, update_end = _updated_toll(doc, tok.i, sent.token_end, by_start)
        elif low in COUNT_NOUNS:  # "the number of deaths rose to 12", "fatalities reached 12"
            reach = min(sent.token_end, tok.i + COUNT_NOUN_REACH)
            found, update_end = _updated_toll(doc, tok.i, reach, by_start)
        elif kind == "killed" and _number_of(lowers, tok.i, sent.token_start):
            # "the number of civilians killed by the strike on X has risen to 20": a toll's
            # new count, read like "toll" over the words naming the incident
            found, update_end = _updated_toll(doc, tok.i, sent.token_end, by_start)
        nxt = lowers[tok.i + 1 : tok.i + 2]
        # "the dead at 56"; "led to the death of eight" (not "the death toll")
        forward = low in FORWARD or (
            (low == "dead" and nxt == ["at"]) or (low in ("death", "deaths") and nxt == ["of"])
        )
        if found is None and forward:  # read forward over qualifiers: "killing at least 10"
            j = tok.i + 1
            while j < sent.token_end and j - tok.i <= 6:
                if j in by_start:
                    found = by_start[j]
                    break
                if doc_lowers(doc)[j] not in BRIDGE:
                    break
                j += 1
            if (
                found is not None
                and found.end < len(doc)
                and doc_lowers(doc)[found.end] == "others"
            ):
                found = None  # "killed and 34 others injured" belongs to the next clause
            if found is not None and _part_after(lowers, found.end, sent.token_end):
                found = None  # "17 people were killed two of them medics": a part of the dead
            if found is not None and some_of_more(lowers, found.end, sent.token_end):
                found = None  # "killing one teacher as well as the children": not all the dead
            if (
                found is not None
                and kind == "killed"
                and found.end < len(doc)
                and lowers[found.end] in INJURED
                and lowers[found.end] not in ACTIVE_INJURED
            ):
                found = None  # "2 killed 5 injured": the figure before "injured" is the hurt
            if found is None and kind in ("killed", "injured") and low != "toll":
                # ("the toll of a suicide attack": "a" names the attack, not one victim)
                single = singles(doc, tok.i + 1, sent.token_end, by_start)
                if single is not None:  # "killing a man and a woman"
                    out.append(single_quantity(doc, tok.i, single, kind, sent.index))
                    continue
        if found is None and kind == "killed":
            total, first = group_before(doc, tok.i, sent.token_start, by_end)
            if total and not any(first <= m.start < tok.i and m.start in used for m in nums):
                used.update(m.start for m in nums if first <= m.start < tok.i)
                out.append(counted(doc, first, tok.i + 1, total, kind, sent.index, first))
                continue
        aside = range(0)
        if found is None and low not in ACTIVE_ONLY:  # read backward: "10 civilians were killed"
            j = tok.i
            # "28 heads of the Ahrar al-Sham militant group were killed": whose they were
            named = _whose_phrase(lowers, tok.i, sent.token_start, by_end)
            # "toll" reads back only to a figure right before it ("updated to 18 its toll"): a
            # figure further back counts a part or a time ("including seven children ... said
            # Friday giving an updated toll", "at 6 p.m. and expects the toll to rise")
            gap = TOLL_BACK_GAP if low == "toll" else _PASSIVE_GAP
            while j > sent.token_start and tok.i - j - len(aside) - named < gap:
                j -= 1
                w = doc_lowers(doc)[j]
                if j + 1 in by_end and (j + 1) not in used:
                    cand = by_end[j + 1]
                    if cand.start > 0 and lowers[cand.start - 1] == "from":
                        j = cand.start  # "six civilians from one family": whose, not how many
                        continue
                    if cand.start not in used:
                        found = cand
                    break
                if w == "," and not aside:
                    opening = _aside_start(doc, j, sent.token_start, by_end)
                    if opening >= 0:  # "28 people, children among them, were killed"
                        aside = range(opening, j + 1)
                        j = opening
                        continue
                if w in KILLED or w in INJURED or w in (",", ";", "while", "but", "."):
                    break
            # "Six hospital staff were among the dead": a part of a toll told elsewhere (an
            # aside's "children among them" describes the toll, it is no part told apart)
            # "14 of the dead were fighters": a part too
            # "11 jihadists made up the rest of the dead": "the dead" is the toll told before
            # "They were among 19 people killed across the province": a wider total
            if found is not None and (
                wider_total(lowers, found.start, sent.token_start)
                or any(
                    lowers[k] == "among"
                    or (k == found.end and lowers[k] == "of" and lowers[k + 1] in PART_OF)
                    or (k == tok.i - 1 and lowers[k] == "the" and low == "dead")
                    for k in range(found.end, tok.i)
                    if k not in aside
                )
            ):
                used.add(found.start)
                continue
        if found is None and low not in ACTIVE_ONLY and not aside:
            first = single_before(doc, tok.i, sent.token_start)
            if first >= 0:  # "a woman was killed": one person, no figure
                out.append(counted(doc, first, tok.i + 1, 1, kind, sent.index, first + 1))
                continue
        if found is None or found.start in used:
            continue
        # "23 civilians including nine children were killed": the part is not the toll
        # ("... including four women and two boys were killed": the list is the part too)
        part = found.start - 1
        while part > sent.token_start and doc_lowers(doc)[part] in PEOPLE | LIST_GLUE:
            part -= 1
            if part + 1 in by_end:
                part = by_end[part + 1].start - 1
        # ("four children were among eight people killed": the figure after "among" is the whole)
        if found.start > 0 and introduces_part(lowers, part, sent.token_start):
            j, part_of = part, found
            while j > max(sent.token_start, found.start - 8):
                j -= 1
                whole = by_end.get(j + 1)
                if whole is not None and whole.start not in used:
                    found = whole
                    break
            if found is part_of and lowers[part] in ("them", "whom"):
                used.add(found.start)  # "..., among them six women who were killed": a part
                continue
        whole = umbrella_before(doc, found.start, sent.token_start, by_end)
        if whole is not None and whole.start not in used:
            found = whole  # "15 civilians 3 children killed": the children are of the 15
        # "between 10 and 15 died": the figure read backward is the top of a range
        if found.start >= 2 and doc_lowers(doc)[found.start - 1] in ("and", "to", "-", "or"):
            lower = by_end.get(found.start - 1)
            if lower is not None and lower.start not in used and lower.value < found.value:
                found = lower
        used.add(found.start)
        toll, start_tok, end_tok = reading(doc, found, nums)
        if found.start < tok.i:  # "an emir and at least 34 of his comrades were killed"
            one = single_joined_before(lowers, start_tok, sent.token_start)
            if one < 0:  # "Ramadan al-Sabta alongside nine of his comrades were killed"
                one = _leader_joined_before(lowers, start_tok, found.end, sent.token_start)
            if one >= 0:
                toll, start_tok = plus(toll, 1), one
        people_at = end_tok  # "three or four |people were killed", "killing 37 |civilians"
        if low in FORWARD and toll.best is not None:
            extra, group_end = groups_after(doc, end_tok, sent.token_end, by_start)
            if extra:
                total = toll.best + extra
                toll, end_tok = Toll(low=total, best=total, high=total), group_end
        if found.start < tok.i:  # "29 fighters were killed along with six jihadists"
            joined = joined_after(lowers, tok.i + 1, sent.token_end, by_start)
            if joined is not None and joined.start not in used:
                toll = plus(toll, int(joined.value))
                used.add(joined.start)
                end_tok = max(end_tok, joined.end)
        used.update(m.start for m in nums if start_tok <= m.start < end_tok)
        span_start = min(start_tok, tok.i)
        span_end = max(end_tok, tok.i + 1)
        if update_end >= 0:  # the update verb is evidence too: "toll ... has risen to 55"
            span_start, span_end = update_end, max(end_tok, tok.i + 1)
        out.append(
            quantity_over(
                doc,
                span_start,
                span_end,
                kind,
                toll,
                sent.index,
                vague=found.vague,
                people_at=people_at,
            )
        )
    out += _elliptic(doc, out, nums, used)
    out += _retold_toll(doc, out, nums, used)
    out += _no_casualties(doc)
    out.sort(key=lambda q: q.start)
    return out


# Words after "no ... casualties" that name whose they were not ("no casualties among the
# militants"): one side spared, no count of the incident's dead.
NONE_SIDE = words("among")
# "without any casualties", "without causing casualties": none told by a preposition.
NONE_WITHOUT = words("without")


def _no_casualties(doc: Doc) -> list[Quantity]:
    """ "The attack caused material damage but left no human casualties", "without any
    casualties", "no one was hurt": an explicit count of none, killed and/or injured 0. Words
    that leave the count unknown ("no word on casualties", "no immediate reports of deaths",
    "gave no casualty toll") are not read; nor is none on one side ("no casualties among the
    militants")."""
    lowers = doc_lowers(doc)
    if "no" not in lowers and "nobody" not in lowers and "without" not in lowers:
        return []  # the common case, without walking the tokens again
    out: list[Quantity] = []
    n = len(lowers)
    for i, w in enumerate(lowers):
        kinds: tuple[str, ...] = ()
        end = i
        if w == "no" or w in NONE_WITHOUT:
            j = i + 1
            if w in NONE_WITHOUT:
                while j < n and lowers[j] in ("any", "causing", "leaving"):
                    j += 1
            while j < n and lowers[j] in NONE_GLUE:
                j += 1
            noun = lowers[j] if j < n else ""
            if noun in NONE_BOTH:
                kinds = ("killed", "injured")
            elif noun in NONE_KILLED:
                kinds = ("killed",)
            elif noun in NONE_INJURED:
                kinds = ("injured",)
            elif w == "no" and noun == "one" and j + 2 < n and lowers[j + 1] in ("was", "were"):
                j += 2
                noun = lowers[j]
                kinds = ("killed",) if noun in KILLED else ("injured",) if noun in INJURED else ()
            end = j + 1
        elif w == "nobody" and i + 2 < n and lowers[i + 1] in ("was", "were"):
            noun = lowers[i + 2]
            kinds = ("killed",) if noun in KILLED else ("injured",) if noun in INJURED else ()
            end = i + 3
        if not kinds or (end < n and lowers[end] in NONE_SIDE):
            continue
        sent = sentence_of(doc, i)
        out += [
            quantity_over(doc, i, end, kind, Toll(low=0, best=0, high=0), sent) for kind in kinds
        ]
    return out


# Openings that point back at the toll just told: "This was later updated to 82".
POINTERS = words("this it that")
# Verbs that give a count told before a new figure ("updated to 82", "raised to 30").
RETOLD = words("updated revised raised increased rose risen climbed")
RETOLD_REACH = 5  # words from the pointer to its verb ("It has since been revised to")


def _retold_toll(
    doc: Doc, found: list[Quantity], nums: list[Number], used: set[int]
) -> list[Quantity]:
    """ "The Observatory gave an initial death toll of 47. This was later updated to 82": a
    sentence opening with a word pointing back at the toll of the sentence before, whose verb
    updates it, gives that toll's new figure (same kind)."""
    by_start = {m.start: m for m in nums}
    lowers = doc_lowers(doc)
    sents = doc._.sentences
    out: list[Quantity] = []
    for sent in sents[1:]:
        first = sent.token_start
        if lowers[first] not in POINTERS:
            continue
        verb = next(
            (
                k
                for k in range(first + 1, min(sent.token_end, first + 1 + RETOLD_REACH))
                if lowers[k] in RETOLD
            ),
            -1,
        )
        if verb < 0 or verb + 2 >= sent.token_end or lowers[verb + 1] != "to":
            continue
        num = by_start.get(verb + 2)
        told = [
            q
            for q in found
            if q.sent == sent.index - 1 and "toll" in lowers[q.token_start : q.token_end]
        ]
        if num is None or num.start in used or not told:
            continue
        used.add(num.start)
        toll, _, end_tok = reading(doc, num, nums)
        out.append(
            quantity_over(
                doc,
                verb,
                end_tok,
                told[-1].kind,
                toll,
                sent.index,
                vague=num.vague,
                people_at=end_tok,
            )
        )
    return out


ELLIPSIS_REACH = 10  # tokens after a figure where "... and 5 in Hass" may follow
ELLIPSIS_PLACE = frozenset({"in", "at", "near"})
# "54 were killed in strikes on Aleppo on Tuesday including 9 in Ansari 8 in Sukkari": a total
# split by place. The list may open this far after the total's figure.
INCLUDING_REACH = 25
# "1 in each of the districts", "2 in both towns": no one place, so no part of its own.
NO_ONE_PLACE = frozenset({"each", "every", "both", "all", "several", "other"})


def _elliptic(
    doc: Doc, found: list[Quantity], nums: list[Number], used: set[int]
) -> list[Quantity]:
    """ "Strikes killed 12 people in Kafr Nabl and 5 in Hass": a bare figure after "and" that
    is followed by its own place shares the verb of the figure before it (same kind). So do the
    parts of a total split by place, "... killed 22 including 9 in Saraqeb 8 in Binnish and 5
    in Taftanaz" (the commas may be stripped): each names the dead of its own place."""
    by_start = {m.start: m for m in nums}
    lowers = doc_lowers(doc)
    sents = doc._.sentences
    out: list[Quantity] = []
    for q in found:
        sent = sents[q.sent]
        j = q.token_end
        limit = q.token_end + ELLIPSIS_REACH
        listing = False  # inside a list of parts by place opened by "including"
        while j < min(max(limit, q.token_end + INCLUDING_REACH), sent.token_end - 2):
            if lowers[j] in KILLED or lowers[j] in INJURED:
                break  # another verb: its own figures
            num = by_start.get(j + 1)
            opener = (lowers[j] in ("and", ",") and j < limit) or (
                lowers[j] == "including" or (listing and doc[j].text[:1].isupper())
            )
            if opener and num is not None and num.start not in used:
                after = num.end
                # a part opened by "including" names no people between figure and place:
                # "including 9 children in Binnish" may count the children of one town only
                if lowers[j] in ("and", ",") and after < sent.token_end and lowers[after] in PEOPLE:
                    after += 1
                if (
                    after + 1 < sent.token_end
                    and lowers[after] in ELLIPSIS_PLACE
                    and lowers[after + 1] not in NO_ONE_PLACE
                ):
                    used.add(num.start)
                    listing = listing or lowers[j] == "including"
                    toll, start_tok, end_tok = reading(doc, num, nums)
                    out.append(
                        quantity_over(
                            doc,
                            start_tok,
                            end_tok,
                            q.kind,
                            toll,
                            q.sent,
                            vague=num.vague,
                            people_at=end_tok,
                            elliptic=True,
                        )
                    )
                    j = after
                    limit = max(limit, j + ELLIPSIS_REACH)  # the list goes on from here
                    continue
            j += 1
    return out


@Language.component("tw_quantities", requires=["doc._.sentences"], assigns=["doc._.quantities"])
def quantities_component(doc: Doc) -> Doc:
    """Store casualty figures on ``doc._.quantities``."""
    doc._.quantities = find_quantities(doc)
    return doc
