"""The shape of a place's name in English copy, shared by the readers of names the gazetteer
lacks: where a capitalised name ends ("Tal Zarqoun al-Kabir"), which tokens are articles inside
it ("al-", "as-"), whether it is hyphen-joined ("Khirbat-Jawed"), and the names that are no
town's (a party's, a building's, a happening's, a title-cased headline's words)."""

from __future__ import annotations

from spacy.tokens import Doc

from trucewatch.extract.place_name_words import (
    FUNCTION_WORDS,
    HEADLINE_WORDS,
    NAME_GLUE,
    NOT_NAMES,
    NOT_PLACE_WORDS,
    NOT_TOWN_LAST,
)
from trucewatch.extract.spans import (
    doc_lowers,
    doc_texts,
    sentence_of,
    tokens_text,
)
from trucewatch.gazetteer.places import load_gazetteer

NAME_REACH = 5  # tokens an unlisted name may run ("Urum al-Kubra", "Kafr Hamra al-Jadida")


def article_of_name(lowers: list[str], j: int) -> bool:
    """True when token ``j`` is an article inside a name: "al"/"el" ("Tal al-Dabe", "Tal Al
    Dabe"), the hyphen, or a sun-letter article written with its hyphen ("Deir as-Saan"); a
    bare "as" or "an" is English ("... in Tal Dabe as an air strike hit")."""
    word = lowers[j]
    if word in ("al", "el", "-"):
        return True
    return word in NAME_GLUE and j + 1 < len(lowers) and lowers[j + 1] == "-"


def hyphen_joined(doc: Doc, first: int) -> bool:
    """True when a name's first word, not an article, is hyphen-joined to the next ("Khirbat-
    Jawed", "Tal-Rifaat"): copy that writes a name so joins all its words, so a word after a
    space (unless an article: "Tal-Jawed al-Kabir") is the next name of a list."""
    from trucewatch.gazetteer.normalise import ARTICLES

    return (
        first + 2 < len(doc)
        and doc_texts(doc)[first + 1] == "-"
        and not doc[first].whitespace_
        and not doc[first + 1].whitespace_
        and doc_lowers(doc)[first] not in ARTICLES
    )


def party_name(doc: Doc, first: int, last: int) -> bool:
    """True when the tokens ``first``..``last`` name an actor (a party, a force)."""
    from trucewatch.gazetteer.actors import load_actors

    return load_actors().resolve(tokens_text(doc, first, last + 1)) is not None


def name_word(text: str, low: str) -> bool:
    """True when a token can open a place's name: capitalised letters, not a time, a country
    or a word that says whose a place is."""
    return (
        text[:1].isupper()
        and text.isalpha()
        and len(text) >= 3
        and low not in NOT_PLACE_WORDS | NOT_NAMES | FUNCTION_WORDS
    )


def name_end(doc: Doc, k: int, covered: set[int]) -> int:
    """The last token of the capitalised name opened at ``k`` (articles inside it allowed:
    "Tal Zarqoun al-Kabir")."""
    lowers = doc_lowers(doc)
    last, j = k, k + 1
    while j < len(doc) and j - k < NAME_REACH:
        if article_of_name(lowers, j) and j + 1 < len(doc) and doc_texts(doc)[j + 1][:1].isupper():
            j += 1
            continue
        if j in covered or not name_word(doc_texts(doc)[j], lowers[j]):
            break
        last, j = j, j + 1
    return last


def bad_name(doc: Doc, first: int, last: int) -> bool:
    """True when the name is a party's, on the gazetteer's stop-list (people's names, English
    words), or a building's or a happening's ("MSF Hospital", "Rocket Attacks")."""
    name = tokens_text(doc, first, last + 1)
    if doc_lowers(doc)[last] in NOT_TOWN_LAST:
        return True
    gaz = load_gazetteer()
    if len(name) > 4 and name.endswith("s") and gaz.lookup(name[:-1]):
        return True  # "Hamas countryside": "Hama's" with its apostrophe stripped
    return party_name(doc, first, last) or gaz.stopped(name)


TITLE_REACH = 6


def title_cased(doc: Doc, first: int) -> bool:
    """True when the name stands in title-cased words (a headline: "Civilians Killed in
    Escalating Bombardment on Idlib in Last Three Days"), where capitals tell nothing: a common
    word of such headlines is capitalised in the six words before it ("the Emir of ISIL in X"
    has none)."""
    start = doc._.sentences[sentence_of(doc, first)].token_start
    before = doc[max(start, first - TITLE_REACH) : first]
    return any(t.text[:1].isupper() and t.lower_ in HEADLINE_WORDS for t in before)
