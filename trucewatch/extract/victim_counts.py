"""Counts told without digits, and figures that count no one's dead: "killing a man and a
woman" (2), "killed a commander as well as five of his men" (6), "19 killed and injured" (dead
and hurt in one count), "children aged 7 to 12" (ages, not head counts); and groups of victims
listed and summed: "22 pupils and six teachers were killed" (28), "29 fighters were killed
along with six jihadists" (35)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from trucewatch.extract.casualty_words import INJURED, KILLED, PEOPLE
from trucewatch.extract.lexicon import words
from trucewatch.extract.numbers import Number
from trucewatch.extract.spans import Quantity, doc_lowers, quantity_over
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
    after = i + 2 < len(lowers) and lowers[i + 1] in MIXED_JOINS and lowers[i + 2] in other
    before = i >= 2 and lowers[i - 1] in MIXED_JOINS and lowers[i - 2] in other
    # "88 Killed Injured in Rocket Attacks": a headline whose "and" or comma was stripped
    beside = lowers[max(0, i - 1) : i] + lowers[i + 1 : i + 2]
    bare = lowers[i] in HEADLINE_CASUALTIES and any(
        w in HEADLINE_CASUALTIES and w in other for w in beside
    )
    return after or before or bare


# Words joining the two kinds in one count: "killed and injured", "Killed & Injured".
MIXED_JOINS = frozenset({"and", "or", "&"})
# Casualty words a headline may set side by side for one mixed count ("Killed Injured").
HEADLINE_CASUALTIES = words("killed dead died martyred injured wounded hurt")


# One person counted by an article: "killing a woman", "killed a notorious commander".
SINGLE_VICTIMS = words(
    """mother father child son daughter wife husband brother sister baby girl boy woman man
    teacher pupil student civilian soldier fighter member person doctor nurse worker journalist
    infant toddler grandmother grandfather commander leader officer militant terrorist gunman
    jihadist rebel policeman volunteer paramedic medic resident driver emir farmer
    shepherd cleric imam engineer"""
)
SINGLE_ARTICLES = frozenset({"a", "an", "one", "another"})
SINGLE_REACH = 4  # words between "a" and the person it counts ("a notorious Takfiri terrorist")


# After the first person, "her child", "his son": one more, named through the first.
KIN_ARTICLES = SINGLE_ARTICLES | {"her", "his", "their"}
# "killing its leader", "killing his wife": one person named through whose they were.
POSSESSIVE = frozenset({"its", "his", "her", "their"})


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


def singles(
    doc: Doc, k: int, end: int, by_start: dict[int, Number]
) -> tuple[int, int, int, bool] | None:
    """ "killing a man and a woman" = 2, "killed a commander as well as five of his men" = 6,
    "killed an emir and at least 34 of his comrades" = at least 35: people counted by "a/an/one"
    after a forward casualty word, with any groups listed after them. Returns (count, first
    token, end token, whether the count is open-ended) or None."""
    lowers = doc_lowers(doc)
    if k < end and lowers[k] in ("the", "their") and k + 1 < end and lowers[k + 1] == "of":
        k += 2  # "claiming the life of a woman"
    elif k < end and lowers[k] == "of":
        k += 1
    start, j = k, _one_person(lowers, k, end, SINGLE_ARTICLES | POSSESSIVE)
    if j < 0:
        return None
    count, open_ended = 1, False
    while j < end:
        joint = 3 if lowers[j : j + 3] == ["as", "well", "as"] else 1
        if lowers[j] not in ("and", ",") and joint == 1:
            break
        nxt = _one_person(lowers, j + joint, end, KIN_ARTICLES)
        qualifier = 2 if tuple(lowers[j + joint : j + joint + 2]) in OPEN_COUNTS else 0
        num = by_start.get(j + joint + qualifier)
        if nxt > 0:
            count, j = count + 1, nxt
        elif num is not None and not num.vague:
            # "an emir and at least 34 of his comrades": one plus an open group is open too
            count, open_ended = count + int(num.value), open_ended or qualifier > 0
            j = num.end + 1 if num.end < end and lowers[num.end] in PEOPLE else num.end
        else:
            break
    return count, start, j, open_ended


# "at least 34", "more than 34": a group's count with no top (the total has none either).
OPEN_COUNTS = frozenset({("at", "least"), ("more", "than")})


def single_joined_before(lowers: list[str], start: int, sent_start: int) -> int:
    """ "An emir and at least 34 of his comrades were killed": the token where one person told
    by "a/an/one" stands joined by "and" before a group's figure starting at ``start`` (one
    more of the dead), else -1; "a man and his three children" too. A person after "including"
    or "among" is a part, not more."""
    joint = start - 1
    if joint > sent_start and lowers[joint] in POSSESSIVE:
        joint -= 1
    if joint <= sent_start or lowers[joint] != "and":
        return -1
    for k in range(joint - 2, max(sent_start, joint - 2 - SINGLE_REACH) - 1, -1):
        if lowers[k] in SINGLE_ARTICLES and _one_person(lowers, k, joint, SINGLE_ARTICLES) == joint:
            before = lowers[k - 1] if k > sent_start else ""
            return k if before not in ("of", "and", "with", "including", "among", ",") else -1
    return -1


# Casualty verbs that are never active: "a woman died" counts her, with no auxiliary.
INTRANSITIVE = words("died dies perished")


def single_before(doc: Doc, tok_i: int, sent_start: int) -> int:
    """ "A woman was killed", "one soldier died": one person named by "a/an/one" right before
    a passive casualty word (auxiliaries read over). Returns the article's token, or -1.
    "A mother and her child were killed" is a list (:func:`group_before`); "a child was among
    the dead" names a part and never reaches here (no casualty word follows the person)."""
    lowers = doc_lowers(doc)
    j = tok_i - 1
    while j >= sent_start and lowers[j] in AUXILIARY:
        j -= 1
    if j < sent_start or lowers[j] not in SINGLE_VICTIMS:
        return -1
    if j == tok_i - 1 and lowers[tok_i] not in INTRANSITIVE:
        return -1  # "a gunman killed": with no auxiliary the verb may be active
    for k in range(j - 1, max(sent_start - 1, j - 2 - SINGLE_REACH), -1):
        w = lowers[k]
        if w in SINGLE_ARTICLES:
            before = lowers[k - 1] if k > sent_start else ""
            return k if before not in ("of", "and", "with", "including", "among") else -1
        if not w.isalpha() or w in KILLED or w in INJURED or w in AUXILIARY | LIST_WORDS:
            return -1  # "a man woman and child died": a list, not one person
    return -1


LIST_WORDS = frozenset({"and", "or"})


def single_quantity(
    doc: Doc, word: int, single: tuple[int, int, int, bool], kind: str, sent: int
) -> Quantity:
    """The figure "killing a man and a woman" states, as a :class:`Quantity` from the casualty
    word at ``word`` to the last person counted."""
    count, first, last, open_ended = single
    quantity = counted(doc, word, last, count, kind, sent, people_at=first + 1)
    return replace(quantity, toll=Toll(low=count)) if open_ended else quantity


def counted(
    doc: Doc, token_start: int, token_end: int, count: int, kind: str, sent: int, people_at: int
) -> Quantity:
    """An exact count of ``kind`` told over tokens [token_start, token_end) of sentence
    ``sent``, as a :class:`Quantity` whose people are named from token ``people_at``."""
    toll = Toll(low=count, best=count, high=count)
    return quantity_over(doc, token_start, token_end, kind, toll, sent, people_at=people_at)


PARTITIVE = frozenset({"including", "among", "incl", "includes", "of"})


def introduces_part(lowers: list[str], k: int, sent_start: int) -> bool:
    """True when the word at ``k``, just before a figure (and the people it counts), makes the
    figure a part of a whole told before it: "23 civilians including nine children", "13
    civilians among them seven children" (commas stripped), "of whom two children". A bare
    "among" is no such word: in "four children were among eight people killed" the figure
    after it is the whole."""
    w = lowers[k]
    if w in PARTITIVE - {"among"}:
        return True
    return w in ("them", "whom") and k > sent_start and lowers[k - 1] in ("among", "of")


# Words standing for dead already counted: "They were among 19 people killed".
COUNTED_BEFORE = frozenset({"they", "these", "those", "both", "all"})


def wider_total(lowers: list[str], start: int, sent_start: int) -> bool:
    """ "Strikes on two hospitals left 10 dead. They were among 19 people killed across the
    province": a figure after "<they> were among" counts a wider total holding the dead told
    before, not an incident's toll."""
    k = start - 3
    return (
        k >= sent_start
        and lowers[start - 1] == "among"
        and lowers[start - 2] in ("were", "are")
        and lowers[k] in COUNTED_BEFORE
    )


# "14 of the dead", "five of them were children": the words after "of" that make a part.
PART_OF = frozenset({"the", "them", "those", "whom"})
SINGLE = frozenset({"a", "an", "her", "his", "their", "its", "one", "another"})
# Words between the groups of a list of victims: "a woman and two children".
LIST_GLUE = frozenset({"and", ",", "a", "an"})
AUXILIARY = frozenset({"were", "was", "been", "have", "has", "had", "all", "reportedly", "both"})


JOINERS = (("along", "with"), ("as", "well", "as"), ("together", "with"))


def joined_after(
    lowers: list[str], k: int, sent_end: int, by_start: dict[int, Number]
) -> Number | None:
    """The figure joined after a passive casualty word by "along with" / "as well as" ("29
    fighters were killed along with six jihadists"): more dead of the same count."""
    for phrase in JOINERS:
        n = len(phrase)
        if tuple(lowers[k : k + n]) == phrase and k + n < sent_end:
            num = by_start.get(k + n)
            return num if num is not None and not num.vague else None
    return None


def plus(toll: Toll, extra: int) -> Toll:
    """A toll with ``extra`` more dead on every reading it has."""
    return Toll(
        low=None if toll.low is None else toll.low + extra,
        best=None if toll.best is None else toll.best + extra,
        high=None if toll.high is None else toll.high + extra,
    )


def group_before(
    doc: Doc, tok_i: int, sent_start: int, by_end: dict[int, Number]
) -> tuple[int, int]:
    """ "A mother and her child were killed" = 2; "22 pupils and six teachers were killed" =
    28: a list of victim groups joined by "and" before a passive casualty word, summed.

    Returns (total, first token) or (0, -1) when the words before are no such list (a single
    group is left to the ordinary reading)."""
    lowers = doc_lowers(doc)
    j = tok_i - 1
    while j >= sent_start and lowers[j] in AUXILIARY:
        j -= 1
    total = items = 0
    while j >= sent_start and lowers[j] in GROUP_NOUNS:
        k = j - 1  # the group's count: a number, or "a/her/their" before a singular noun
        if k + 1 not in by_end and k in by_end and _modifies(doc, k):
            k -= 1  # "30 regime soldiers and 39 rebel fighters": one word says whose they were
        if k + 1 in by_end and not by_end[k + 1].vague:
            total += int(by_end[k + 1].value)
            k = by_end[k + 1].start - 1
        elif k >= sent_start and lowers[k] in SINGLE and not lowers[j].endswith("s"):
            total += 1
            k -= 1
        elif (
            k > sent_start
            and lowers[k - 1] in SINGLE
            and _modifies(doc, k)
            and not lowers[j].endswith("s")
        ):
            total += 1  # "a little girl", "his young son": one person, one word about them
            k -= 2
        else:
            return 0, -1  # "children and their father": a plural without a count is no sum
        items += 1
        first = k + 1
        if k >= sent_start and lowers[k] in ("and", ","):
            j = k - 1
            continue
        if (
            items > 0
            and k >= sent_start
            and lowers[first] in SINGLE
            and lowers[k] in SINGLE_VICTIMS
            and lowers[k] in GROUP_NOUNS
        ):
            j = k  # "a little boy a little girl and two women": a list whose commas were stripped
            continue
        if k >= sent_start and (lowers[k] in PARTITIVE or introduces_part(lowers, k, sent_start)):
            # "24 people including five children and two women", "23 civilians among them
            # eight children and six women" (commas stripped): parts, not a sum
            return 0, -1
        return (total, first) if items >= 2 else (0, -1)
    return 0, -1


# Nouns a listed group of the dead may be named by: people, and those who bear arms.
GROUP_NOUNS = PEOPLE | words(
    """staff soldiers troops servicemen militiamen policemen rebels fighters militants
    terrorists jihadists gunmen volunteers forces"""
)


def _modifies(doc: Doc, k: int) -> bool:
    """True when token ``k`` is a plain word that may stand between a figure and the people it
    counts ("39 |rebel fighters", "four |medical staff"), not a function word."""
    w = doc_lowers(doc)[k]
    return w.isalpha() and w not in AUXILIARY | LIST_GLUE | PARTITIVE | {"of", "the", "other"}


# Nouns that hold every victim: children, women and medics are among "civilians".
UMBRELLA = frozenset({"people", "persons", "civilians", "citizens"})


def umbrella_before(
    doc: Doc, start: int, sent_start: int, by_end: dict[int, Number]
) -> Number | None:
    """ "15 Syrian civilians 3 children killed" (a comma stripped): the figure that counts all
    the victims just before one that counts some of them, with nothing joining the two; else
    None."""
    lowers = doc_lowers(doc)
    k = start - 1
    if k <= sent_start or lowers[k] not in UMBRELLA:
        return None
    if k in by_end:
        return by_end[k]
    return by_end.get(k - 1) if _modifies(doc, k - 1) else None


UNCOUNTED_PLURALS = frozenset({"children", "people", "men", "women"})


def some_of_more(lowers: list[str], end: int, sent_end: int) -> bool:
    """True when the group a figure counts is joined to a group told without a count ("killing
    at least one teacher as well as the children", "two soldiers and their families"): the
    figure counts only some of the dead, no toll."""
    k = end
    while k < sent_end and k - end < 2 and lowers[k] not in GROUP_NOUNS:
        k += 1  # "one |Syrian teacher"
    if k >= sent_end or lowers[k] not in GROUP_NOUNS:
        return False
    glue = _group_joint(lowers, k + 1, sent_end)
    j = k + 1 + glue
    if not glue or j + 1 >= sent_end or lowers[j] not in ("the", "their", "his", "her"):
        return False
    noun = lowers[j + 1]
    return noun in GROUP_NOUNS and (noun.endswith("s") or noun in UNCOUNTED_PLURALS)


def groups_after(doc: Doc, end: int, sent_end: int, by_start: dict[int, Number]) -> tuple[int, int]:
    """ "killing 22 children and six teachers", "killing five women and a child": the groups
    listed after a figure's own people, summed. Returns (extra people, end token) or (0, end)
    when no further group is listed."""
    lowers = doc_lowers(doc)
    extra = 0
    j = end
    bare = -1  # the figure closing "a family of six": a group told with no noun after it
    while j < sent_end and (lowers[j] in GROUP_NOUNS or j == bare):
        nxt = _past_phrase(lowers, _past_aside(lowers, j + 1, sent_end), sent_end, by_start)
        # (no glue at all: "kill 10 children 5 women", a list whose commas were stripped)
        glue = _group_joint(lowers, nxt, sent_end)
        if not glue and lowers[j] in UMBRELLA:
            break  # "killing 15 civilians 3 children": the children are of the 15
        family = _family_of(lowers, nxt + glue, sent_end, by_start)
        if family is not None and (glue or lowers[nxt] in SINGLE_ARTICLES):
            # "killing three workers and a family of six" (or with the "and" stripped: "three
            # workers an entire family of six"): the family's members are more of the dead
            extra += int(family.value)
            end = j = bare = family.end - 1  # the list may go on after "a family of six"
            if family.end < sent_end and lowers[family.end] in GROUP_NOUNS:
                j = family.end  # "a family of six people"
            end = j + 1
            continue
        if nxt + glue < sent_end and nxt + glue in by_start:
            num = by_start[nxt + glue]
            if num.vague or num.end >= sent_end:
                break
            noun = num.end  # "killing 15 civilians and 27 pro-government fighters"
            if _more_dead_others(lowers, noun, sent_end):
                extra += int(num.value)  # "killing nine children and 14 others"
                end = noun + 1
                break
            if lowers[noun] not in GROUP_NOUNS and _modifies(doc, noun) and noun + 1 < sent_end:
                noun += 1
            if lowers[noun] not in GROUP_NOUNS:
                break
            extra += int(num.value)
            end = j = noun
            end += 1
            continue
        one = _one_person(lowers, nxt + glue, sent_end, SINGLE_ARTICLES) if glue else -1
        if one > 0 and (one >= sent_end or lowers[one] not in AUXILIARY):
            # "killing five women and a child" (not "... and a soldier was wounded")
            extra += 1
            end, j = one, one - 1
            continue
        break
    return extra, end


OTHERS_REACH = 3  # words after "others" where an injury word makes them the hurt


def _more_dead_others(lowers: list[str], k: int, sent_end: int) -> bool:
    """True when "others" at ``k`` closes a list of the dead ("killing nine children and 14
    others"), not the hurt told next ("killing five and 14 others were wounded")."""
    if k >= sent_end or lowers[k] != "others":
        return False
    after = lowers[k + 1 : min(sent_end, k + 1 + OTHERS_REACH)]
    return not any(w in INJURED for w in after)


ASIDE_LENGTH = 8  # words a bracketed aside after a group may run ("(a nurse and a clerk)")


def _past_aside(lowers: list[str], k: int, sent_end: int) -> int:
    """The token after a bracketed aside opening at ``k`` ("2 women (a nurse and a clerk) as
    well as 2 soldiers": who the group was, no group of its own), else ``k``."""
    if k >= sent_end or lowers[k] != "(":
        return k
    for j in range(k + 1, min(sent_end, k + 2 + ASIDE_LENGTH)):
        if lowers[j] == ")":
            return j + 1
    return k


PHRASE_LENGTH = 7  # words a "from ..." phrase after a group may run ("from the popular committees")


def _past_phrase(lowers: list[str], k: int, sent_end: int, by_start: dict[int, Number]) -> int:
    """The "and" after a phrase saying where a group came from ("two men from Hezbollah and
    three men from the popular committees", "14 jihadists from the Islamic State group and
    five civilians"), when a figure follows it; else ``k``."""
    if k >= sent_end or lowers[k] not in ("from", "of"):
        return k
    for j in range(k + 1, min(sent_end - 1, k + 1 + PHRASE_LENGTH)):
        if lowers[j] in KILLED or lowers[j] in INJURED or j in by_start:
            return k
        if lowers[j] == "and" and j + 1 in by_start:
            return j
    return k


# A family counted by its members: "a family of six", "an entire family of five".
FAMILY_OPENERS = frozenset({"a", "an", "the", "entire", "whole"})
FAMILY_REACH = 3  # words from the article to "family" ("an entire family of")


def _family_of(
    lowers: list[str], k: int, sent_end: int, by_start: dict[int, Number]
) -> Number | None:
    """The figure of "a family of six" / "an entire family of five" starting at ``k``, or None."""
    j = k
    while j < min(sent_end, k + FAMILY_REACH) and lowers[j] in FAMILY_OPENERS:
        j += 1
    if j == k or j + 2 >= sent_end or lowers[j] != "family" or lowers[j + 1] != "of":
        return None
    num = by_start.get(j + 2)
    return num if num is not None and not num.vague else None


# Joints between groups of victims read only after an active verb's list ("killing three
# workers in addition to two farmers"): after a passive one, "in addition to six wounded" may
# count the hurt.
LIST_JOINERS = (*JOINERS, ("in", "addition", "to"))


def _group_joint(lowers: list[str], k: int, sent_end: int) -> int:
    """How many words at ``k`` join one group of victims to the next: "and" (1), "as well as"
    (3), "along with" / "together with" (2), "in addition to" (3); 0 when none does."""
    if k < sent_end and lowers[k] == "and":
        return 1
    for phrase in LIST_JOINERS:
        if tuple(lowers[k : k + len(phrase)]) == phrase:
            return len(phrase)
    return 0
