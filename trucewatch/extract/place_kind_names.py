"""Places the gazetteer lacks introduced by their kind: "the village of Ghandoura", "the Sevre
district", "Khaled Bin al-Walid street", "Daraa's Manshiyah district". Each is recorded under
its own name, located by the known place around it (:func:`place_locating.located`)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from trucewatch.extract.lexicon import words
from trucewatch.extract.place_locating import located
from trucewatch.extract.place_name_shape import NAME_REACH, bad_name, hyphen_joined, title_cased
from trucewatch.extract.place_name_words import (
    GROUP_NOUNS,
    KIND_IN_NAME,
    KIND_NOUNS,
    NAME_GLUE,
    NAME_OPENERS,
    NOT_NAMES,
    PARTY_KIND_NOUNS,
    PLACE_INTRO,
    QUARTER_ADJECTIVES,
    QUARTER_NOUNS,
)
from trucewatch.extract.spans import (
    PlaceMention,
    doc_lowers,
    doc_starts,
    doc_text,
    doc_texts,
    sentence_of,
    token_end_char,
    tokens_text,
)
from trucewatch.gazetteer.places import load_gazetteer
from trucewatch.model.incident import GeoPrecision


def introduced(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "the district of Sevre in the province of Idlib", "the Ghandoura village near Jarablus":
    a place the gazetteer lacks, introduced by its kind and located by a known place in the
    same sentence (the one it is said to lie in or near, else the nearest). It takes that
    place's governorate and coordinates at near-town precision (ACLED's code for a place coded
    by the nearest known town); its own name is the mention."""
    lowers = doc_lowers(doc)
    found = [p for p in found if not _longer_quarter_name(doc, p, found)]
    taken = {k for p in found for k in range(p.token_start, p.token_end)}
    added: list[PlaceMention] = []
    for k, low in enumerate(lowers):
        if low not in KIND_NOUNS and low not in LIST_KIND_NOUNS:
            continue
        of = k + 2 < len(doc) and lowers[k + 1] == "of"
        span = _name_after(doc, k, taken) if of else None
        if span is None and of and low in LIST_KIND_NOUNS and k + 2 in taken:
            # "the towns of Misraba Zaqmit and Hazzeh": the first is known, the rest not
            head = next((p for p in found if p.token_start <= k + 2 < p.token_end), None)
            if head is not None:
                added.extend(_rest_of_list(doc, head, k + 2, taken))
            continue
        if low in KIND_NOUNS:
            span = span or _name_before(doc, k, taken)
        if span is None:
            continue
        first, last = span
        if low in PARTY_KIND_NOUNS and (
            bad_name(doc, first, last)
            or title_cased(doc, first)
            or _respelt(doc, found, first, last)
            or _group_name(doc, first, last)
        ):
            continue  # "the Jaish al-Islam area", "the Sheitaat area": whose area, not its name
        if low in LIST_KIND_NOUNS and _respelt(doc, found, first, last):
            continue  # "the towns of Nubbul and al-Zahraa": a known town respelt, read later
        if low in KIND_IN_NAME and last == k - 1:
            last = k  # "Khaled Bin al-Walid street": a street's name holds the word
        mention = located(doc, found, first, last, quarter=low in QUARTER_NOUNS)
        if mention is not None:
            added.append(mention)
            taken.update(range(first, last + 1))
            if low in LIST_KIND_NOUNS and last > k:
                added.extend(_rest_of_list(doc, mention, last + 1, taken))
    return sorted(found + added, key=lambda p: p.start) if added else found


# Plural kind nouns that open a list of places ("the villages of Khirbat-Jawed Tam Hawa and Abu
# Lefeh"): every name of the list is a place of that kind, not only the first. Not a city's
# quarters: one toll over several neighbourhoods is one incident at the city (GOLD-DEV.md).
LIST_KIND_NOUNS = words("villages towns")
LIST_JOINS = frozenset({",", "and"})


def _rest_of_list(doc: Doc, head: PlaceMention, start: int, taken: set[int]) -> list[PlaceMention]:
    """The names the gazetteer lacks that follow ``head``, the first of a list opened by a
    plural kind noun, up to the list's end (the first word that is neither a join, a known
    place nor a name): each is a place of the list's kind, lying where ``head`` lies (its
    governorate, near-town precision at best). A known place of the list is stepped over."""
    lowers = doc_lowers(doc)
    out: list[PlaceMention] = []
    precision = max(head.place.geo_precision, GeoPrecision.NEAR_TOWN)
    k = start
    # where a name may open: after a join, a known place or a hyphen-joined name, whose ends
    # are plain ("Khirbat-Jawed Tam Hawa"); two unknown names run together ("Habreh al-Sharqi
    # Habreh al-Qarbi Rasm") have no end the words tell, so the list is read no further
    bounded = hyphen_joined(doc, head.token_start)
    while k < len(doc):
        if k in taken or lowers[k] in LIST_JOINS:
            k, bounded = k + 1, True
            continue
        span = _name_at(doc, k, True, taken) if bounded else None
        if span is None:
            break
        first, last = span
        bounded = hyphen_joined(doc, first)
        if _respelt(doc, [head], first, last):
            k = last + 1  # a known town respelt: the spelling reader places it
            continue
        start_char, end_char = doc_starts(doc)[first], token_end_char(doc, last)
        name = doc_text(doc)[start_char:end_char]
        place = replace(head.place, name=name, geo_precision=precision, geonameid=None)
        out.append(PlaceMention(start_char, end_char, name, place, first, last + 1, head.sent, ()))
        taken.update(range(first, last + 1))
        k = last + 1
    return out


LONGER_REACH = 4  # words from a known name to the quarter noun ("Shahba al - Jadida district")


def _longer_quarter_name(doc: Doc, p: PlaceMention, found: list[PlaceMention]) -> bool:
    """True when a known name opens a longer one the text calls a quarter: "the Shahba
    al-Jadida district" (New Shahba, a part of a city) is not the town of Shahba. The words
    after the known name are an article and capitalised words, named by no other place."""
    lowers = doc_lowers(doc)
    k = p.token_end
    if k + 1 >= len(doc) or lowers[k] not in ("al", "el"):
        return False
    k += 1
    if lowers[k] == "-":
        k += 1
    first = k
    while k < len(doc) and k - p.token_end <= LONGER_REACH and doc_texts(doc)[k][:1].isupper():
        k += 1
    if k == first or k >= len(doc) or lowers[k] not in QUARTER_NOUNS:
        return False
    return not any(first <= q.token_start < k for q in found if q is not p)


def _respelt(doc: Doc, found: list[PlaceMention], first: int, last: int) -> bool:
    """True when the name ``doc[first:last + 1]`` is a known place respelt ("in Salamyieh
    area in the countryside of Hama"): :func:`spelled` reads it as that place, which an area
    named after its town is."""
    sent = sentence_of(doc, first)
    govs = {p.place.governorate for p in found if p.sent == sent and p.place.governorate}
    name = tokens_text(doc, first, last + 1)
    return bool(govs) and load_gazetteer().spelled_like(name, govs) is not None


def _group_name(doc: Doc, first: int, last: int) -> bool:
    """True when the text names a tribe, clan or family so ("the al-Sheitaat tribe"): "the
    al-Sheitaat area" is then the people's area, not a place of that name."""
    texts = doc_texts(doc)
    words_ = texts[first : last + 1]
    n = len(words_)
    return any(
        texts[k : k + n] == words_ and texts[k + n].lower() in GROUP_NOUNS
        for k in range(len(texts) - n)
    )


def _name_after(doc: Doc, k: int, taken: set[int]) -> tuple[int, int] | None:
    """ "village of Ghandoura", "town of al-Ghandour": the capitalised name after "of" (its
    article, lower-case, may open it)."""
    return _name_at(doc, k + 2, doc_lowers(doc)[k].endswith("s"), taken)


def _name_at(doc: Doc, first: int, plural: bool, taken: set[int]) -> tuple[int, int] | None:
    """The capitalised name opening at ``first`` (its article, lower-case, may open it); in a
    ``plural`` kind's list the article-opened name ends with its article's word."""
    lowers = doc_lowers(doc)
    if first >= len(doc) or first in taken:
        return None
    opened = _article_opens(doc, first)
    if not (doc_texts(doc)[first][:1].isupper() or opened):
        return None
    if opened and plural and first + 2 not in taken:
        # "the villages of al-Qaderiyeh Bibkar Kadoushan": a list stripped of its commas; an
        # article-opened name of it ends with its article's word
        return first, first + 2
    last = first
    joined = hyphen_joined(doc, first)
    while last + 1 < len(doc) and last + 1 - first < NAME_REACH and last + 1 not in taken:
        nxt = doc[last + 1]
        spaced = last > first + 1 and bool(doc[last].whitespace_)
        if joined and spaced and lowers[last + 1] not in NAME_GLUE:
            break  # "Khirbat-Jawed Tam Hawa": the hyphenated name ends; another begins
        if last > first and lowers[last + 1] == lowers[first]:
            break  # "Qoraa al-Kabireh Qoraa al-Saghireh": twin villages listed without a comma
        if nxt.text[:1].isupper() or (lowers[last + 1] in NAME_GLUE and last + 2 < len(doc)):
            last += 1
        else:
            break
    while last >= first and lowers[last] in NAME_GLUE:
        last -= 1
    if last < first or any(w in NOT_NAMES for w in lowers[first : last + 1]):
        return None  # "town of Al Tabqah" with the name known: only its article was left
    if last == first and lowers[first] in NAME_OPENERS and _known_after(lowers, first, taken):
        return None  # "village of Tal Qarrah": the known Qarrah ends a longer name (opened_names)
    return first, last


def _article_opens(doc: Doc, k: int) -> bool:
    """True when token ``k`` is a lower-case article hyphen-joined to a capitalised word
    ("al-Khwyn")."""
    return (
        k + 2 < len(doc)
        and doc_lowers(doc)[k] in ("al", "el")
        and doc_texts(doc)[k + 1] == "-"
        and doc_texts(doc)[k + 2][:1].isupper()
    )


def _known_after(lowers: list[str], k: int, taken: set[int]) -> bool:
    """True when a known place's mention follows token ``k``, past any article ("Tal
    al-Qarrah")."""
    j = k + 1
    while j < len(lowers) and lowers[j] in NAME_GLUE:
        j += 1
    return j in taken


def _owner_place(doc: Doc, opening: int, taken: set[int]) -> bool:
    """True when a known place told possessively opens the name ("Daraa's Manshiyah
    district", stripped copy "Daraas Manshiyah district"): the quarter of that city."""
    k = opening - 1
    if k >= 0 and doc_lowers(doc)[k] in ("'s", "’s"):
        k -= 1
    elif k < 0 or not doc_texts(doc)[k].endswith("s"):
        return False
    return k >= 0 and k in taken and doc_texts(doc)[k][:1].isupper()


def _name_before(doc: Doc, k: int, taken: set[int]) -> tuple[int, int] | None:
    """ "the Sevre district", "in al-Hamadaniya neighbourhood": the capitalised name right
    before the kind noun, opened by "the" or a place word ("in", "at", "near")."""
    lowers = doc_lowers(doc)
    last = k - 1
    if last < 1 or last in taken or not doc_texts(doc)[last][:1].isupper():
        return None
    first = last
    while first - 1 > 0 and last - first < NAME_REACH and first - 1 not in taken:
        prev = doc[first - 1]
        if lowers[first - 1] in PLACE_INTRO and lowers[first] != "-":
            break  # "at al-Hamadaniya": English "at", not the article of "at-Tall"
        if prev.text[:1].isupper() or lowers[first - 1] in NAME_GLUE:
            first -= 1
        else:
            break
    opening = first  # "at al-Hamadaniya neighbourhood": the article opens the name
    while lowers[first] in NAME_GLUE or lowers[first] == "the":
        first += 1
    before = lowers[opening - 1] if opening > 0 else ""
    # "the rebel-held Zarqoun district", "the besieged eastern Zarqoun neighbourhood": words
    # that say whose or what the quarter is may stand between "the" and its name
    k = opening - 1
    while k > 0 and opening - k <= ADJECTIVE_REACH and lowers[k] in QUARTER_ADJECTIVES:
        k -= 1
    if k < opening - 1 and lowers[k] == "the":
        before = "the"
    if first > last or not (before in PLACE_INTRO | {"the"} or _owner_place(doc, opening, taken)):
        return None
    if any(w in NOT_NAMES for w in lowers[first : last + 1]):
        return None  # "the Syrian town of Kobane": whose town, not its name
    return first, last


ADJECTIVE_REACH = 4  # words between "the" and a quarter's name ("the rebel-held X district")
