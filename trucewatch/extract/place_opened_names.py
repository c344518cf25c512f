"""Places the gazetteer lacks told by the word that opens their name: "shells fell in Tal
Toughan", "the villages of Masada, Um al-Rais", "in al-Mastumah" (Tal, Kafr, Deir, Um, Khirbet,
or the article al-), located by the known place around them."""

from __future__ import annotations

from spacy.tokens import Doc

from trucewatch.extract.place_locating import located
from trucewatch.extract.place_name_shape import (
    NAME_REACH,
    article_of_name,
    bad_name,
    hyphen_joined,
    name_word,
    title_cased,
)
from trucewatch.extract.place_name_words import (
    CAMP,
    FUNCTION_WORDS,
    NAME_OPENERS,
    NOT_PLACE_AFTER,
    NOT_TOWN_LAST,
    OPENER_INTRO,
    PARTY_OPENERS,
    PUBLISHED_IN,
    WHOSE_AFTER,
)
from trucewatch.extract.spans import (
    PlaceMention,
    doc_lowers,
    doc_texts,
    tokens_text,
)
from trucewatch.gazetteer.places import load_gazetteer


def opened_names(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "shells fell in Tal Toughan", "the villages of Masada, Um al-Rais": a name opened by a
    word that opens Arabic place names (Tal, Kafr, Deir, Um, Khirbet ...) that the gazetteer
    lacks. Told after "in", "at", "near", it is a place, located by the known place around it
    (:func:`located`). A known name told right after such an opener and its article ("Um
    al-Rais": "Rais" keys like the town al-Rai) is only the end of a longer name we lack: the
    longer name replaces it, wherever it is told."""
    lowers = doc_lowers(doc)
    starts = {p.token_start: p for p in found}
    covered = {k for p in found for k in range(p.token_start, p.token_end)}
    out = list(found)
    dropped: set[int] = set()
    k = 0
    while k < len(doc) - 1:
        opener = lowers[k] in NAME_OPENERS and doc_texts(doc)[k][:1].isupper()
        article = lowers[k] in ("al", "el") and (
            lowers[k + 1] == "-" or doc_texts(doc)[k + 1][:1].isupper()
        )
        if not (opener or article) or k in covered:
            k += 1
            continue
        last, absorbed = k, None
        # "Khirbat-Jawed Tam Hawa": a name written with its opener hyphen-joined ends with the
        # joined word; a word after a space begins the next name of a list stripped of commas
        joined = opener and hyphen_joined(doc, k)
        j = k + 1
        while j < len(doc) and j - k <= NAME_REACH:
            if article_of_name(lowers, j):
                j += 1
                continue
            if not doc_texts(doc)[j][:1].isupper() or lowers[j] in NAME_OPENERS | FUNCTION_WORDS:
                break  # "... al-Wafideen Camp In a statement": the next sentence begins
            if joined and last > k and doc[j - 1].whitespace_:
                break
            known = starts.get(j)
            if known is not None:
                # only "Opener al-Known" is one name; "Ain Tarma Zamalka" lists a known town
                if last == k:
                    absorbed, last = known, known.token_end - 1
                break
            if j in covered:
                break
            last = j
            j += 1
        if last == k:
            k += 1
            continue
        back = k - 1 if k > 0 and lowers[k - 1] != "the" else k - 2
        told = back >= 0 and lowers[back] in OPENER_INTRO
        if absorbed is None and not told:
            k = last + 1
            continue
        if article and (absorbed is not None or not _article_name(doc, k, last)):
            k = last + 1  # "al-Bab" is known; "in al-Qaeda", "in al-Watan newspaper" no place
            continue
        if last + 1 < len(doc) and lowers[last + 1] in CAMP:
            last += 1  # "Al Fawwar camp": a camp's name holds the word, as a street's does
        mention = located(doc, [p for p in found if p is not absorbed], k, last)
        if mention is not None:
            if absorbed is not None:
                dropped.add(id(absorbed))
            out.append(mention)
            covered.update(range(k, last + 1))
        k = last + 1
    if len(out) == len(found):
        return found
    return sorted((p for p in out if id(p) not in dropped), key=lambda p: p.start)


def _article_name(doc: Doc, first: int, last: int) -> bool:
    """True when "al-X" (tokens ``first``..``last``) can name a place: no actor of that name
    (al-Qaeda, al-Nusra Front), no outlet, body or building named by the word after it, not a
    publication something was said in."""
    from trucewatch.gazetteer.actors import load_actors

    lowers = doc_lowers(doc)
    after = lowers[last + 1] if last + 1 < len(doc) else ""
    if after in NOT_PLACE_AFTER - CAMP or after == "(":
        return False
    if first > 1 and lowers[first - 2] in PUBLISHED_IN:
        return False
    actors = load_actors()
    return not any(
        actors.resolve(tokens_text(doc, first, j + 1)) is not None
        for j in range(first + 1, last + 1)
    )


def article_joined(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "the strike on Urum al-Joz", "air raids in Deir al-Adas": a capitalised word joined by
    the Arabic article to another ("X al-Y"), told right after a place word ("in", "on",
    "near", "struck" ...), that the gazetteer lacks, is a place, located by the known place
    around it (:func:`located`). Arabic place names are so written; so are people's and armed
    groups' names, which the gazetteer's stop-list and actor list hold, and which a word that
    opens a group's name ("Jaish", "Liwa") tells."""
    lowers = doc_lowers(doc)
    texts = doc_texts(doc)
    covered = {k for p in found for k in range(p.token_start, p.token_end)}
    added: list[PlaceMention] = []
    k = 1
    while k + 3 < len(doc):
        last = _joined_end(texts, lowers, k)
        if last < 0 or any(j in covered for j in range(k, last + 1)):
            k += 1
            continue
        back = k - 1 if lowers[k - 1] != "the" else k - 2
        if back < 0 or lowers[back] not in OPENER_INTRO or lowers[k] in PARTY_OPENERS:
            k += 1
            continue
        if bad_name(doc, k, last) or title_cased(doc, k) or _not_town(doc, k, last):
            k = last + 1
            continue
        mention = located(doc, found, k, last)
        if mention is not None:
            added.append(mention)
            covered.update(range(k, last + 1))
        k = last + 1
    return sorted(found + added, key=lambda p: p.start) if added else found


def _joined_end(texts: list[str], lowers: list[str], k: int) -> int:
    """The last token of "X al-Y" (or "X al-Y al-Z") opened at ``k``, else -1."""
    if not name_word(texts[k], lowers[k]):
        return -1
    last = -1
    j = k + 1
    while (
        j + 2 < len(texts)
        and lowers[j] in ("al", "el")
        and lowers[j + 1] == "-"
        and texts[j + 2][:1].isupper()
        and texts[j + 2].isalpha()
    ):
        last = j + 2
        j += 3
    return last


def _not_town(doc: Doc, first: int, last: int) -> bool:
    """True when a word after "X al-Y" makes it a building's, an outlet's or a force's name
    ("Hatim al-Taie school", "Badr al-Din al-Hussein technical institute", "Bashar al-Assads
    regime"), or it is a person's with the possessive's apostrophe stripped."""
    lowers = doc_lowers(doc)
    after = lowers[last + 1 : last + 3]
    if any(w in NOT_TOWN_LAST or w in WHOSE_AFTER for w in after):
        return True
    name = tokens_text(doc, first, last + 1)
    if not name.endswith("s"):
        return False
    from trucewatch.gazetteer.actors import load_actors

    return load_actors().resolve(name[:-1]) is not None or load_gazetteer().stopped(name[:-1])
