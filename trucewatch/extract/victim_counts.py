"""Counts told without digits, and figures that count no one's dead: "killing a man and a
woman" (2), "killed a commander as well as five of his men" (6), "19 killed and injured" (dead
and hurt in one count), "children aged 7 to 12" (ages, not head counts)."""

from __future__ import annotations

from spacy.tokens import Doc

from trucewatch.extract.casualty_words import INJURED, KILLED, PEOPLE
from trucewatch.extract.lexicon import words
from trucewatch.extract.numbers import Number
from trucewatch.extract.spans import Quantity, doc_lowers, doc_text
from trucewatch.model.incident import Toll

AGE_UNITS = words("year years month months")
RANGE_JOINS = frozenset({"and", "to", "-", "or"})


def is_age(doc: Doc, num: Number) -> bool:
    """ "aged 7", "a 12-year-old boy", "between 7 and 12 years old": a figure giving an age,
    never a head count (its unit may follow the second number of a range)."""
    lowers = doc_lowers(doc)
    if num.start > 0 and lowers[num.start - 1] in ("aged", "ages"):
        return True
    k = num.end
    if k + 1 < len(doc) and lowers[k] in RANGE_JOINS and lowers[k + 1][:1].isdigit():
        k += 2  # "7 and 12 years old": the age unit follows the range's top
    while k < len(doc) and lowers[k] == "-":
        k += 1
    if k >= len(doc) or lowers[k] not in AGE_UNITS:
        return False
    k += 1
    while k < len(doc) and lowers[k] == "-":
        k += 1
    return k < len(doc) and lowers[k] == "old"


# Verbs that take a life: "claiming the life of a woman" (only there is "life" a casualty word).
CLAIMING = words("claimed claiming claims claim cost costing took taking")


def mixed(lowers: list[str], i: int) -> bool:
    """True when the casualty word at ``i`` is joined by "and"/"or" to one of the other kind:
    "killed and injured", "dead or wounded" count both together (GOLD-DEV.md: a mixed casualty
    report gives no toll of its own)."""
    mine = KILLED if lowers[i] in KILLED else INJURED
    other = INJURED if mine is KILLED else KILLED
    after = i + 2 < len(lowers) and lowers[i + 1] in ("and", "or") and lowers[i + 2] in other
    before = i >= 2 and lowers[i - 1] in ("and", "or") and lowers[i - 2] in other
    return after or before


# One person counted by an article: "killing a woman", "killed a notorious commander".
SINGLE_VICTIMS = words(
    """mother father child son daughter wife husband brother sister baby girl boy woman man
    teacher pupil student civilian soldier fighter member person doctor nurse worker journalist
    infant toddler grandmother grandfather commander leader officer militant terrorist gunman
    jihadist rebel policeman volunteer paramedic medic resident driver"""
)
SINGLE_ARTICLES = frozenset({"a", "an", "one"})
SINGLE_REACH = 4  # words between "a" and the person it counts ("a notorious Takfiri terrorist")


# After the first person, "her child", "his son": one more, named through the first.
KIN_ARTICLES = SINGLE_ARTICLES | {"her", "his", "their"}


def _one_person(lowers: list[str], k: int, end: int, articles: frozenset[str]) -> int:
    """The token after "a/an/one [words] <person>" starting at ``k``, or -1."""
    if k >= end or lowers[k] not in articles:
        return -1
    for j in range(k + 1, min(end, k + 2 + SINGLE_REACH)):
        if lowers[j] in SINGLE_VICTIMS:
            while j + 1 < end and lowers[j + 1] in SINGLE_VICTIMS:
                j += 1  # "a rebel commander": one person named by two words
            return j + 1
        if lowers[j] in KILLED or lowers[j] in INJURED or not lowers[j].isalpha():
            return -1
    return -1


def singles(doc: Doc, k: int, end: int, by_start: dict[int, Number]) -> tuple[int, int, int] | None:
    """ "killing a man and a woman" = 2, "killed a commander as well as five of his men" = 6:
    people counted by "a/an/one" after a forward casualty word, with any groups listed after
    them. Returns (count, first token, end token) or None."""
    lowers = doc_lowers(doc)
    if k < end and lowers[k] in ("the", "their") and k + 1 < end and lowers[k + 1] == "of":
        k += 2  # "claiming the life of a woman"
    elif k < end and lowers[k] == "of":
        k += 1
    start, j = k, _one_person(lowers, k, end, SINGLE_ARTICLES)
    if j < 0:
        return None
    count = 1
    while j < end:
        joint = 3 if lowers[j : j + 3] == ["as", "well", "as"] else 1
        if lowers[j] not in ("and", ",") and joint == 1:
            break
        nxt = _one_person(lowers, j + joint, end, KIN_ARTICLES)
        num = by_start.get(j + joint)
        if nxt > 0:
            count, j = count + 1, nxt
        elif num is not None and not num.vague:
            count += int(num.value)
            j = num.end + 1 if num.end < end and lowers[num.end] in PEOPLE else num.end
        else:
            break
    return count, start, j


def single_quantity(
    doc: Doc, word: int, single: tuple[int, int, int], kind: str, sent: int
) -> Quantity:
    """The figure "killing a man and a woman" states, as a :class:`Quantity` from the casualty
    word at ``word`` to the last person counted."""
    count, first, last = single
    start, end = doc[word].idx, doc[last - 1].idx + len(doc[last - 1].text)
    return Quantity(
        start=start,
        end=end,
        text=doc_text(doc)[start:end],
        kind=kind,
        toll=Toll(low=count, best=count, high=count),
        token_start=word,
        token_end=last,
        sent=sent,
        people_at=first + 1,
    )
