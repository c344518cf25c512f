"""Claimant phrases: the words naming who stands behind a reporting cue.

A cue is a verb of saying or counting ("said", "estimates", "put the toll at") or a source
preposition ("according to", "citing"). Its phrase is the noun phrase before the verb (over
adverbs, a relative clause or an apposition), or the words after it when nothing stands before
(", said Kuralenko"; "according to state media"); a sentence opening with someone's document
("The report ...") is that body's. A dateline ("GENEVA, July 9 (Wire) —") is never a phrase.
"""

from __future__ import annotations

from spacy.tokens import Doc

from trucewatch.extract import claim_words as W
from trucewatch.extract.claimant_names import is_syrian_place, nameish, resolve_mention
from trucewatch.extract.spans import Sentence, doc_lowers, doc_texts

_ADVERB_GAP = frozenset(
    [
        "also",
        "later",
        "earlier",
        "then",
        "now",
        "again",
        "recently",
        "previously",
        "had",
        "has",
        "have",
    ]
)
_CLAUSE_OPENERS = frozenset({"which", "who", "whose", "where"})
#: Words that set a name as the place or time of what came before ("in", "near", "of").
_SETTING_WORDS = frozenset(
    ["in", "near", "of", "at", "from", "into", "outside", "inside", "around", "bordering", "to"]
)
_QUOTES = frozenset({'"', "“", "”", "'", "’", "‘"})


def cue_sites(doc: Doc, sent: Sentence) -> list[tuple[int, tuple[int, int] | None, bool]]:
    """(cue token, token span of its claimant phrase or None, named after the cue)."""
    lows = doc_lowers(doc)
    out = []
    document = _document_subject(doc, sent)
    if document is not None:  # "The report draws on interviews with 84 witnesses"
        out.append((document[1] - 1, document, False))
    i = sent.token_start
    covered = -1  # tokens of an "according to ..." phrase: "according to media reports"
    while i < sent.token_end:
        w = lows[i]
        if i <= covered:
            i += 1
            continue
        if w in W.SOURCE_PREPOSITIONS:
            nxt = W.SOURCE_PREPOSITIONS[w]
            start = i + 1
            if nxt:
                if start >= sent.token_end or lows[start] != nxt:
                    i += 1
                    continue
                start += 1
            phrase = _phrase_after(doc, sent, start, apposition=False)
            out.append((i, phrase, True))
            covered = phrase[1] if phrase else start + 3
        elif w in W.RELAY_VERBS and (quoted := _quoted_as_saying(doc, sent, i)) is not None:
            # "state television quoted the police chief as saying": the one who quotes, then
            # the one quoted (the claimant when the first only relays: see speaker_for)
            out.append((i, _subject(doc, sent, i), False))
            out.append((i, quoted, True))
            covered = quoted[1]
        elif w in W.SPEECH_VERBS and _verb_cue(doc, sent, i):
            subject = _subject(doc, sent, i)
            if subject is None and w in W.INVERTED:
                out.append((i, _phrase_after(doc, sent, i + 1), True))
            else:
                out.append((i, subject, False))
        i += 1
    return out


def _quoted_as_saying(doc: Doc, sent: Sentence, cue: int) -> tuple[int, int] | None:
    """The phrase between "quoted"/"cited" and "as saying" ("quoted the city's police chief as
    saying"): the innermost source of what follows."""
    lows = doc_lowers(doc)
    for k in range(cue + 2, min(cue + 14, sent.token_end - 1)):
        if lows[k] == "as" and lows[k + 1] in W.SAYING_FORMS:
            return cue + 1, k
        if doc[k].is_punct and lows[k] not in ("'s", "’s", "-", "."):
            return None
    return None


def _document_subject(doc: Doc, sent: Sentence) -> tuple[int, int] | None:
    """A sentence opening with a document of someone's ("The report ...", "The bulletin also
    ..."): its figures are that body's claims."""
    lows = doc_lowers(doc)
    i = sent.token_start
    if i + 1 < sent.token_end and lows[i] == "the" and lows[i + 1] in W.DOCUMENTS:
        return i, i + 2
    return None


def _verb_cue(doc: Doc, sent: Sentence, i: int) -> bool:
    """Whether a verb of saying at ``i`` is one: not an adjective ("an estimated 50"), not
    "claimed the lives of", not a word inside a known name ("the United States fired")."""
    if _adjectival(doc, sent, i) or _takes_lives(doc, i):
        return False
    if not doc[i].text[:1].isupper():
        return True
    return _name_around(doc, i, 0) is None and not _headline_verb(doc, sent, i)


def _headline_verb(doc: Doc, sent: Sentence, i: int) -> bool:
    """ "Mortar Attack Targets Damascus School Claims 11 Children", "Four Ceasefire Violations
    Recorded in ...", "... REUTERS Rodi Said": a capitalised verb of saying straight after a
    word inside a sentence is a Title Case headline's (a caption or a list of other stories
    glued on when punctuation was stripped) or part of a name, never the story's cue; prose
    capitalises a verb only where a sentence opens."""
    if i <= sent.token_start or doc[i].text.isupper():
        return False  # a sentence's first word; an all-capitals line keeps its cues
    before = doc_texts(doc)[i - 1]
    if not before[:1].isalnum():
        return False
    # "ISIL Claims Beheading of 18 ...": a headline whose subject is a known speaker is theirs
    for m in doc._.actors or ():
        if m.token_end == i:
            resolved = resolve_mention(m)
            if resolved is not None and resolved[1] in W.ORGANISATION_KINDS | {"person"}:
                return False
    return True


def _takes_lives(doc: Doc, i: int) -> bool:
    """ "The fighting claimed the lives of 129 loyalists", "claimed 40 lives": "claim" as in
    taking lives, no verb of saying (the fighting is no claimant)."""
    lows = doc_lowers(doc)
    if lows[i] not in W.LIFE_CLAIMS:
        return False
    tail = lows[i + 1 : i + 5]
    return any(w in ("life", "lives") for w in tail[:3]) and "said" not in tail


def _adjectival(doc: Doc, sent: Sentence, i: int) -> bool:
    """ "an estimated 55.4 years", "the reported attack": the verb form used as an adjective."""
    lows = doc_lowers(doc)
    return i > sent.token_start and lows[i - 1] in ("an", "a", "the") and lows[i] != "says"


def _subject(doc: Doc, sent: Sentence, cue: int) -> tuple[int, int] | None:
    """The claimant phrase before a cue verb, over a relative clause or an apposition."""
    lows = doc_lowers(doc)
    j = cue - 1
    while j >= sent.token_start and (lows[j] in _ADVERB_GAP or _adverb(doc, j)):
        j -= 1
    if j < sent.token_start or doc_texts(doc)[j] in _QUOTES:
        return None  # '..." said X': the speaker follows the verb
    if doc_texts(doc)[j] == ")":  # "the Qatar Red Crescent Society (QRCS) has announced"
        k = j
        while k > sent.token_start and doc_texts(doc)[k] != "(" and j - k < 6:
            k -= 1
        if doc_texts(doc)[k] == "(":
            j = k - 1
    if lows[j] in W.PRONOUNS:
        return j, j + 1
    if lows[j] == "and" and j > sent.token_start and lows[cue] in W.SAYING_VERBS:
        # "Guterres condemned the shelling and said ...": the subject of the sentence's first
        # verb says it too
        return _opening_subject(doc, sent, j)
    if lows[j] in _CLAUSE_OPENERS and j - 1 > sent.token_start and doc_texts(doc)[j - 1] == ",":
        j -= 2  # "according to state media, which said": the phrase the clause hangs on
    elif doc_texts(doc)[j] == ",":
        # "X, which documents deaths ..., put": the phrase before the clause;
        # "The report's author, Rabie Nasser, said": the name between the commas
        k = j - 1
        while k > sent.token_start and doc_texts(doc)[k] != "," and j - k < 25:
            k -= 1
        if doc_texts(doc)[k] != ",":
            return None
        known = _known_as(doc, k + 1, j)
        if known is not None:  # "The civil defence service, known as the White Helmets, said"
            return _walk_back(doc, sent, j - 1, known)
        if not nameish(doc, k + 1):
            # "Tahrir al-Sham, an alliance led by ..., claimed", "the document, prepared by
            # experts, highlighted": the phrase before the clause speaks
            j = k - 1
        else:
            return _walk_back(doc, sent, j - 1, k + 1)
    found = _walk_back(doc, sent, j, sent.token_start)
    if found is not None:
        # "The UK-based group which advocates the Syrian opposition said": the phrase before
        # the relative clause speaks, not its object
        for k in range(found[0] - 1, max(sent.token_start, found[0] - 6), -1):
            if doc[k].is_punct:
                break
            if lows[k] in ("which", "who") and k - 1 >= sent.token_start:
                outer = _walk_back(doc, sent, k - 1, sent.token_start)
                return outer if outer is not None else found
        return found
    # "a Britain-based monitor that gathers reports from contacts inside the country said":
    # the verb's subject is the speaker the relative clause describes
    for k in range(j, max(sent.token_start, j - 12), -1):
        if doc[k].is_punct or lows[k] in W.SPEECH_VERBS:
            break
        if lows[k] in ("that", "which", "who") and k - 1 >= sent.token_start:
            outer = _walk_back(doc, sent, k - 1, sent.token_start)
            if outer is not None and _speaker_head(doc, outer[1] - 1):
                return outer
            break
    return None


def _speaker_head(doc: Doc, k: int) -> bool:
    """A word that ends a speaker's phrase: a name, or a source's head ("monitor", "group")."""
    low = doc_lowers(doc)[k]
    return nameish(doc, k) or low in W.AHEAD_HEADS or low in W.DESCRIBED_HEADS


def _opening_subject(doc: Doc, sent: Sentence, stop: int) -> tuple[int, int] | None:
    """The noun phrase that opens the sentence and is the subject of its first verb, when only
    that verb's clause (no comma, no other cue) stands between it and ``stop``."""
    lows, texts = doc_lowers(doc), doc_texts(doc)
    start = max(sent.token_start, dateline_end(doc))
    k = start
    while k < stop and (texts[k][:1].isupper() or lows[k] in W.NP_WORDS or lows[k] in ("-", "'s")):
        k += 1
    if k == start or k >= stop or not doc[k].is_lower or lows[k] in W.NP_STOPS:
        return None  # no phrase, or it runs on into a clause of its own
    if any(texts[m] in W.CLAUSE_BREAKS or lows[m] in W.SPEECH_VERBS for m in range(k, stop)):
        return None
    return _walk_back(doc, sent, k - 1, start)


def _known_as(doc: Doc, i: int, end: int) -> int | None:
    """The first token of the name in a "known as" apposition starting at ``i`` ("known as the
    White Helmets", "also known as Daesh"), or None."""
    lows = doc_lowers(doc)
    k = i + 1 if lows[i] == "also" else i
    if lows[k : k + 2] == ["known", "as"] and k + 2 < end:
        return k + 2
    return None


def _adverb(doc: Doc, j: int) -> bool:
    tok = doc[j]
    return tok.is_lower and tok.is_alpha and len(tok.text) > 4 and tok.text.endswith("ly")


def _walk_back(doc: Doc, sent: Sentence, j: int, floor: int) -> tuple[int, int] | None:
    """The noun phrase ending at token ``j``: names, claimant words, possessives, determiner."""
    lows = doc_lowers(doc)
    end = j + 1
    i = j
    while i >= max(floor, sent.token_start) and end - i <= 10:
        tok = doc[i]
        w = lows[i]
        if w == "the" and i - 2 >= floor and lows[i - 1] in ("of", "for") and nameish(doc, i - 2):
            i -= 1  # "Centre for Reconciliation of the Opposing Sides": "the" inside a name
            continue
        if w in W.DETERMINERS:
            inner = _name_around(doc, i, floor)
            if inner is not None:  # "Save the Children": the article is inside a known name
                i = inner - 1
                continue
            i -= 1
            break
        glue = (
            w in W.NAME_GLUE and i > floor and doc_texts(doc)[i - 1][:1].isupper() and i + 1 < end
        )
        if (
            tok.text[:1].isupper()
            or w in W.NP_WORDS
            or w in W.UNNAMED_SOURCES
            or (w in W.ORG_WORDS and i + 1 == end)  # "the White Helmets rescue service"
            or w in ("'s", "’s", "-")
            or (i > floor and lows[i - 1] == "-")  # "Government-linked media"
            or glue
            or ("-" in w and tok.is_lower)
        ):
            i -= 1
            continue
        break
    start = i + 1
    if start >= end:
        return None
    before = _before_acronym(doc, start - 1, floor)
    if lows[start] in ("a", "an") and before >= floor and nameish(doc, before):
        # "the Syrian Observatory for Human Rights a Britain-based monitor said" (copy that
        # lost its commas; an acronym in brackets may follow the name): the name before the
        # apposition speaks, unless it is where or when the clause before happened ("in
        # Syrias Kobani a monitor said", "the end of Ramadan an official said"): then the
        # described source speaks
        named = _walk_back(doc, sent, before, floor)
        if named is not None and not _located(doc, named[0], start):
            return named
    if start - 2 >= floor and lows[start - 1] == "and" and nameish(doc, start - 2):
        # "compiled by UNHCR and the Turkish government": the first named speaks first
        first = _walk_back(doc, sent, start - 2, floor)
        if first is not None:
            return first
    if start - 2 >= floor and lows[start - 1] in ("on", "with", "at", "in"):
        # "Turkish officers on the joint commission reported": the officers report
        role = _walk_back(doc, sent, start - 2, floor)
        # ("a source at Hama Police Command" is the Command's)
        if role is not None and lows[role[1] - 1] in W.ROLE_NOUNS - {"source", "sources"}:
            return role
    # "a citizen journalist from Manbij said": the described source runs back over "from X"
    if start - 1 >= sent.token_start and lows[start - 1] in ("from", "in"):
        k = start - 2
        while k >= sent.token_start and end - k <= 8 and lows[k] not in W.DETERMINERS:
            if lows[k] in W.NP_STOPS or doc[k].is_punct:
                break
            k -= 1
        if k >= sent.token_start and lows[k] in W.DETERMINERS:
            if lows[k] in ("a", "an") and k - 1 >= floor and nameish(doc, k - 1):
                # "Doctor Ibrahim al-Hamid a neurologist in Saraqib said": the name speaks
                named = _walk_back(doc, sent, k - 1, floor)
                if named is not None:
                    return named
            return k, end
    return start, end


def _before_acronym(doc: Doc, j: int, floor: int) -> int:
    """The token before a bracketed acronym ending at ``j`` ("... Human Rights (SOHR)"), else
    ``j``."""
    texts = doc_texts(doc)
    if j - 2 >= floor and texts[j] == ")" and texts[j - 2] == "(":
        return j - 3
    return j


def _located(doc: Doc, a: int, b: int) -> bool:
    """Whether the name in tokens ``a:b`` is a place or time the clause before it is set in:
    it follows a preposition ("in Kobani", "near Thawra Street", "the end of Ramadan"), or it
    is a country or a place in Syria ("bordering Iraq")."""
    lows = doc_lowers(doc)
    if a > 0 and lows[a - 1] in _SETTING_WORDS:
        return True
    name = doc[a:b].text
    return lows[a] in W.COUNTRIES or lows[a] in W.COUNTRY_LOST_POSSESSIVES or is_syrian_place(name)


def _name_around(doc: Doc, i: int, floor: int) -> int | None:
    """The first token of an actor name that holds token ``i`` inside it ("Save the Children",
    "Front for the Liberation of ..."), when it starts at or after ``floor``; else None."""
    for m in doc._.actors or ():
        if floor <= m.token_start < i < m.token_end:
            return m.token_start
    return None


def _phrase_after(
    doc: Doc, sent: Sentence, start: int, apposition: bool = True
) -> tuple[int, int] | None:
    """The claimant phrase after "according to" / ", said": a noun phrase up to the clause's
    end; after a verb it runs on into an apposition ("said the head of the centre, General X,").
    A clause ("said the bus was ...") or a preposition ("said in a statement") is no phrase."""
    lows = doc_lowers(doc)
    if start >= sent.token_end or lows[start] in W.NP_STOPS or doc[start].is_punct:
        return None
    unnamed = "reports" in lows[start : start + 3] or lows[start] in W.UNNAMED_SOURCES
    if doc[start].is_lower and unnamed:
        return None  # "according to (earlier media) reports the strikes ...": unnamed
    end = start
    while end < sent.token_end and end - start < 14:
        w = lows[end]
        named_next = apposition and _comma_name(doc, end)
        if doc[end].is_punct and w not in ("'s", "’s", "-", ".") and not named_next:
            break
        document_by = w in ("by", "from") and end > start and lows[end - 1] in W.DOCUMENTS
        if w in W.NP_STOPS and w not in ("in", "of", "for", "the") and not document_by:
            break  # ("a new report by the Centre" runs on to the Centre)
        if w == "on" or (w == "in" and end + 1 < len(doc) and doc[end + 1].is_lower):
            break
        if end > start and doc[end].like_num:
            break  # "according to the Kurdish news agency 10 militants were killed" (no comma)
        if doc[end].is_lower and w.endswith("ed") and w not in W.NP_WORDS and end > start:
            break  # "said an army unit targeted ...": a clause, the unit is no source
        if doc[end].is_lower and w.endswith("ing") and w not in W.NP_WORDS and end > start:
            break  # "said spokesman X using the Arabic acronym": a participle's clause
        end += 1
    if apposition and end < sent.token_end and lows[end] in W.FINITE_VERBS:
        return None  # "and said the Ein Jalout school was hit": what is said, not who says it
    return (start, end) if end > start else None


def _comma_name(doc: Doc, i: int) -> bool:
    """A comma before an appositive name: "the head of the centre, Lieutenant General X,"."""
    return doc_texts(doc)[i] == "," and i + 1 < len(doc) and doc_texts(doc)[i + 1][:1].isupper()


def dateline_end(doc: Doc) -> int:
    """First token after a dateline ("GENEVA, July 9 (Wire) —"); 0 when there is none."""
    cached = doc.user_data.get("tw_dateline_end")
    if cached is not None:
        return cached
    end = 0
    if (
        len(doc) > 1
        and doc_texts(doc)[0].isupper()
        and doc[0].is_alpha
        and len(doc_texts(doc)[0]) > 1
    ):
        for i in range(1, min(len(doc), 14)):
            if doc_texts(doc)[i] in ("—", "–", "--", "-"):
                end = i + 1
                break
    doc.user_data["tw_dateline_end"] = end
    return end
