"""Claimants' names: a claimant phrase resolved to the person or body it names.

Through the actor gazetteer an official gives the body they speak for ("Konashenkov" → Russian
Defence Ministry), "the defence ministry in Moscow" is Russia's, a possessive "s" the source
stripped is read over ("SANAs" → SANA); in a phrase, the runs of capitalised words that name
someone are told from places in Syria, channels, modifiers and sentence-opening words.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from trucewatch.extract import claim_words as W
from trucewatch.extract.actors import _dictionary
from trucewatch.extract.spans import ActorMention, doc_lowers, doc_texts, tokens_text


def resolve_mention(m: ActorMention) -> tuple[str, str] | None:
    """(claimant name, kind) of an actor mention: an official gives their body."""
    return _resolve_names(m.text, m.speaker, m.canonical)


@lru_cache(maxsize=8192)
def _resolve_names(text: str, speaker: str | None, canonical: str | None) -> tuple[str, str] | None:
    """Cached by the mention's words: the same names recur in every report."""
    actors = _dictionary()
    if actors is None:
        return None
    actor = actors.resolve(text) or (  # type: ignore[attr-defined]
        actors.resolve(speaker) if speaker else None  # type: ignore[attr-defined]
    )
    if actor is None:
        return (canonical, "force") if canonical and canonical != "civilians" else None
    name = speaker or actor.name  # "United States" says: the US government, not its forces
    kind = actor.kind
    if kind == "person" and actor.parent:
        body = actors.get(actor.parent)  # type: ignore[attr-defined]
        name, kind = body.name, body.kind
    return name, kind


def nameish(doc: Doc, j: int) -> bool:
    """A token that ends a name or an actor ("UNHCR", "Observatory")."""
    return doc_texts(doc)[j][:1].isupper() and doc_texts(doc)[j] not in W.NOT_CLAIMANTS


def in_capital(doc: Doc, a: int, core: int, b: int) -> tuple[str, str] | None:
    """ "The defence ministry in Moscow" → Russian Defence Ministry: a body placed in a capital
    is that country's, resolved through the actor gazetteer."""
    lows = doc_lowers(doc)
    if core >= b - 1 or lows[core] != "in":
        return None
    nation = W.CAPITALS.get(doc[core + 1 : b].text)
    if nation is None:
        return None
    words = [t.text for t in doc[a:core] if t.lower_ not in W.DETERMINERS]
    return _resolved(f"{nation} {' '.join(words)}")


def _resolved(name: str) -> tuple[str, str] | None:
    """(name, kind) of a name the actor gazetteer knows, an official giving their body."""
    found = as_actor(name, "")
    return found if found[1] else None


def connector(doc: Doc, i: int) -> bool:
    """A leading word that joins the sentence on rather than naming anyone ("But", "Thursday");
    pronouns, articles and nationality words are part of the phrase."""
    low = doc_lowers(doc)[i]
    return low not in W.PRONOUNS and low not in W.DETERMINERS and low not in W.NATIONALITIES


@lru_cache(maxsize=8192)
def as_actor(name: str, kind: str) -> tuple[str, str]:
    """A name found in the text, resolved through the actor gazetteer when it is there
    (also with a possessive "s" the source stripped: "SANAs" → SANA); cached by its words,
    as every claimant phrase is now looked up whole."""
    actors = _dictionary()
    if actors is None:
        return name, kind
    for candidate in (name, name[:-1] if name.endswith("s") else None):
        actor = actors.resolve(candidate) if candidate else None  # type: ignore[attr-defined]
        if actor is not None:
            if actor.kind == "person" and actor.parent:
                body = actors.get(actor.parent)  # type: ignore[attr-defined]
                return body.name, body.kind
            return actor.name, actor.kind
    return name, kind


def name_runs(doc: Doc, a: int, b: int) -> list[tuple[int, int]]:
    """Runs of capitalised words that name someone: not a place an event was said in ("a
    conference in London"), a channel ("the Twitter account of"), a modifier ("the
    Britain-based group"), a sentence-opening common word ("Activists", "Local") or a place in
    Syria."""
    lows = doc_lowers(doc)
    runs: list[tuple[int, int]] = []
    i = a
    while i < b:
        capital_next = i + 1 < b and doc_texts(doc)[i + 1][:1].isupper()
        starts = nameish(doc, i) or (lows[i] in W.NATIONALITIES and capital_next)
        if not starts or (lows[i] in W.COMMON_CAPITALS and not capital_next):
            i += 1
            continue
        s = i
        while i < b and (
            doc_texts(doc)[i][:1].isupper()
            or (
                lows[i] in W.NAME_GLUE | {"'s", "’s"}
                and i + 1 < b
                and doc_texts(doc)[i + 1][:1].isupper()
            )
            or (lows[i] == "-" and i + 1 < b and doc_texts(doc)[i + 1][:1].isupper())
            or (lows[i] in ("al", "el", "ad", "ar", "as", "ash", "az") and _hyphen_name(doc, i, b))
        ):
            i += 1
        org = any(lows[k] in W.ORG_WORDS for k in range(s, i))  # "Hama Police Command" stays
        located = s > a and lows[s - 1] in ("in", "from", "at", "near", "inside", "outside")
        # "a source at Aleppo Police Command": a body the source is at, not a place, names it
        at_body = org and lows[s - 1] in ("at", "in") and _source_before(doc, a, s)
        located = located and not at_body
        channel = i < len(doc) and lows[i] in W.CHANNELS
        modifier = i < len(doc) and lows[i] == "-"  # "Britain-based", "U.S.-led"
        for k in (2, 1):  # "in Aleppo Ibrahim Abu Leith told" (commas lost): the place drops
            if not org and i - s > k + 1 and is_syrian_place(doc[s : s + k].text):
                s, located = s + k, False
                break
        if not (located or channel or modifier or is_syrian_place(doc[s:i].text)):
            runs.append((s, i))
        i = max(i, s + 1)
    return runs


def _source_before(doc: Doc, a: int, s: int) -> bool:
    """Whether the words before a located run end in a source or official ("a source at",
    "an official in")."""
    return s - 2 >= a and doc_lowers(doc)[s - 2] in W.ROLE_NOUNS | W.UNNAMED_SOURCES


def _hyphen_name(doc: Doc, i: int, b: int) -> bool:
    """An article joined to a name by a hyphen: "al-Zor", "ar-Raqqa"."""
    return i + 2 < b and doc_texts(doc)[i + 1] == "-" and doc_texts(doc)[i + 2][:1].isupper()


def name_in(doc: Doc, a: int, b: int, runs: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    """The last proper name in a phrase, titles and possessor dropped; with its kind.

    "British Prime Minister David Cameron" → "David Cameron"; "Jordan's King Abdullah" →
    "King Abdullah"; "Dogan news agency" → the whole phrase (a name with its organisation
    word); "Syrian state television" → the whole phrase.
    """
    lows = doc_lowers(doc)
    # an organisation word ends the phrase: the name runs on to it ("Syrian state television")
    tail_org = lows[b - 1] in W.ORG_WORDS
    if not runs:
        if tail_org and any(nameish(doc, k) or lows[k] in W.NATIONALITIES for k in range(a, b - 1)):
            first = a + 1 if lows[a] in W.DETERMINERS else a
            places = [
                k for k in range(a, b - 1) if nameish(doc, k) and is_syrian_place(doc_texts(doc)[k])
            ]
            if places and places != [first]:
                # "near Deir ez-Zor and Raqqa local media": the media, not the towns; a place
                # opening the phrase alone is the body's seat ("Aleppo police command")
                first = places[-1] + 1
            return first, b, "organisation"
        return None
    s, e = runs[-1]
    org = bool({lows[k] for k in range(s, e)} & W.ORG_WORDS)
    possessive = [k for k in range(s, e) if lows[k] in ("'s", "’s")]
    if possessive and not org:  # "Jordan's King Abdullah": the person, not the country
        s = possessive[-1] + 1
    while (
        e - s > 2
        and not org
        and (
            doc_texts(doc)[s] in W.TITLES
            or lows[s] == "-"  # "Secretary-General" read as three tokens
            or lows[s] in W.NATIONALITIES
            or lows[s][:-1] in W.COUNTRIES  # "Iraqs Deputy Interior Minister" (its "'" stripped)
        )
    ):
        s += 1  # "Prime Minister David Cameron" → "David Cameron"; "Colonel Brandt" stays
    if e - s == 2 and doc_texts(doc)[s] in W.TITLES and doc_texts(doc)[s + 1] in W.TITLES:
        return None
    while s < e and lows[e - 1] in W.NAME_GLUE:
        e -= 1
    if s >= e:
        return None
    if e < b and tail_org and all(doc[k].is_lower for k in range(e, b)):
        if is_syrian_place(doc_texts(doc)[e - 1]):  # "near Raqqa local media": the media speak
            s = e
        e = b  # "Dogan news agency"
    words = {lows[k] for k in range(s, e)}
    kind = "organisation" if words & W.ORG_WORDS or e - s == 1 else "person"
    return s, e, kind


def is_syrian_place(name: str) -> bool:
    from trucewatch.gazetteer import load_gazetteer

    return bool(load_gazetteer().lookup(name))


#: Particles inside a person's name ("Staffan de Mistura", "Hamad bin Jassim").
_NAME_PARTICLES = frozenset({"de", "bin", "ibn", "abu", "van", "von", "al", "el", "-"})


def titled_person(doc: Doc, a: int, b: int, after: int) -> tuple[int, int] | None:
    """The person a title introduces at the end of a claimant phrase, when the gazetteer does
    not know them ("UN aid chief Mark Lowcock", "U.N. High Commissioner for Human Rights
    Michelle Bachelet"): the tokens of their name, or None.

    The name is the phrase's last capitalised word with one given name (and the particles
    between) before it; everything from ``after`` (the end of a body named in the title) up to
    the name must be title words, so "UN aid chief" or "High Commissioner for Human Rights"
    is the title and "Michelle Bachelet" the speaker (a person the gazetteer knows then gives
    their body).
    """
    texts, lows = doc_texts(doc), doc_lowers(doc)

    def name_word(j: int) -> bool:  # "Human Rights", "Armed Forces" name no one
        w = lows[j]
        return (
            texts[j][:1].isupper()
            and doc[j].is_alpha
            and texts[j] not in W.TITLES
            and texts[j] not in W.NOT_CLAIMANTS
            and w not in W.NP_WORDS
            and w not in W.ORG_WORDS
            and w not in W.NATIONALITIES
        )

    if b - a < 3 or not name_word(b - 1):
        return None
    k = b - 1
    while k - 1 > a and lows[k - 1] in _NAME_PARTICLES:
        k -= 1
    if k - 1 <= a or not name_word(k - 1):
        return None
    k -= 1  # the given name ("Michelle Bachelet"), and a second one ("Rami Abdul Rahman")
    if k - 1 > a and name_word(k - 1):
        k -= 1
    if not any(lows[j] in W.PERSON_TITLE_WORDS for j in range(a, k)):
        return None  # no title before the name: not an introduced person
    title = range(max(a, after), k)
    # the words between the body and the name are a title: title words, lower-case words of a
    # claimant phrase, and a title's complement ("for Human Rights", "of Foreign Affairs")
    glued = False
    for j in title:
        if lows[j] in ("for", "of"):
            glued = True
        elif not (texts[j] in W.TITLES or lows[j] in W.NP_WORDS or (glued and doc[j].is_title)):
            return None
    if not as_actor(tokens_text(doc, k, b), "")[1] and as_actor(tokens_text(doc, k + 1, b), "")[1]:
        k += 1  # "Observatory chief Rami Abdul Rahman": the name the gazetteer knows
    return k, b
