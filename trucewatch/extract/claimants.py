"""Who makes a claim: the person or organisation behind a reporting cue.

A cue is a verb of saying or counting ("said", "estimates", "put the toll at") or a source
preposition ("according to", "citing"). Its claimant is the noun phrase before the verb, or the
name after it when nothing stands before (", said Kuralenko"), resolved through the actor
gazetteer: an official stands for the body they speak for ("Konashenkov" → Russian Defence
Ministry), a descriptor refers back to the organisation named before ("the charity" → MSF,
"the monitor" → the Observatory, "it" → the body that spoke last). A dateline city, a
sentence-opening word, a weekday or a place in Syria is never a claimant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from trucewatch.extract import claim_words as W
from trucewatch.extract.actors import _dictionary
from trucewatch.extract.spans import ActorMention, Sentence, doc_lowers, doc_text

# Speaker-like actor kinds: a mention of one of these names the claimant outright.
_SPEAKING_KINDS = W.ORGANISATION_KINDS | {"person"}
_ORG_WORDS = W.ORG_WORDS
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
_QUOTES = frozenset({'"', "“", "”", "'", "’", "‘"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """A claimant found for a cue: the name recorded, the text naming it, and how it was found."""

    name: str
    start: int  # character span of the words naming the claimant (for the evidence)
    end: int
    cue: int  # token index of the cue
    kind: str  # actor kind, or "person" / "organisation" / "described"
    after: bool = False  # named after the cue (", said X"; "according to X")
    referred: bool = False  # found through a pronoun or a back-reference ("it", "the agency")


def speakers(doc: Doc) -> dict[int, list[Speaker]]:
    """Every sentence's speakers, by sentence index, found in document order (cached on the doc).

    Back-references and pronouns resolve against what came before, so the sentences are read
    in order and each speaker found joins the context of the next.
    """
    cached = doc.user_data.get("tw_speakers")
    if cached is not None:
        return cached
    context = _Context(doc)
    out: dict[int, list[Speaker]] = {}
    for sent in doc._.sentences:
        found = []
        for cue, span, after in _cue_sites(doc, sent):
            speaker = _speaker(doc, sent, cue, span, after, context)
            if speaker is not None:
                found.append(speaker)
                context.spoken.append(speaker)
        out[sent.index] = found
    doc.user_data["tw_speakers"] = out
    return out


def speaker_for(doc: Doc, sent: Sentence, near: int) -> Speaker | None:
    """The claimant of the figure at token ``near``: the closest cue in the sentence, one
    before it preferred ("X said 40 ..., and Y said 12"; "40 ..., X said"); a relative clause
    right after the figure names its own source ("250,000 that the UN cited")."""
    found = speakers(doc).get(sent.index, [])
    if not found:
        return None
    lows = doc_lowers(doc)
    after = [s for s in found if s.cue > near]
    for s in after:  # "the figure of 250,000 people that the United Nations cited"
        gap = lows[near : min(near + 4, s.cue)]
        if any(w in ("that", "which") for w in gap) and s.cue - near <= 10:
            return s
    # otherwise the closest cue, one after the figure counting half again its distance
    # ("they say ... which has killed 132 civilians ..., the observatory said")
    return min(found, key=lambda s: (near - s.cue) if s.cue < near else 1.5 * (s.cue - near))


class _Context:
    """What a back-reference can point to: organisations named before, and earlier speakers."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.spoken: list[Speaker] = []
        actors = _dictionary()
        self.named: list[tuple[int, str, str, str]] = []  # (char start, name, kind, text)
        for m in doc._.actors or ():
            resolved = _resolve_mention(m)
            if resolved is not None and actors is not None:
                name, kind = resolved
                self.named.append((m.start, name, kind, m.text))

    def refer(self, head: str, before: int, modifier: str = "") -> tuple[str, str] | None:
        """The organisation a descriptor with this head noun refers back to ("the charity"); a
        modifier narrows it ("the monitoring group" is a monitor, not the militant group)."""
        kinds = W.BACK_REFERENCES.get(modifier) or W.BACK_REFERENCES.get(head)
        if kinds is None:
            return None
        pool = [(s.start, s.name, s.kind, s.name) for s in self.spoken if s.kind != "described"]
        pool += self.named
        pool = sorted((p for p in pool if p[0] < before), key=lambda p: p[0], reverse=True)
        # the most recent organisation of a fitting kind, or whose name carries the head
        # ("the centre" → "Russian Centre for Reconciliation")
        for _, name, kind, text in pool:
            fits = kind in W.ORGANISATION_KINDS | {"organisation"} and (not kinds or kind in kinds)
            if fits or (kind != "person" and head in text.lower().split()):
                return name, kind
        return None

    def ahead(self, head: str, after: int, modifier: str = "") -> tuple[str, str] | None:
        """The reporting body named soon after an indefinite descriptor ("a monitor said. The
        Syrian Observatory ... said"): within the next two sentences, monitors, aid bodies
        and media only."""
        kinds = W.BACK_REFERENCES.get(modifier) or W.BACK_REFERENCES.get(head) or frozenset()
        sents = self.doc._.sentences
        index = next((s.index for s in sents if s.start <= after < s.end), None)
        if index is None:
            return None
        limit = sents[min(index + 2, len(sents) - 1)].end
        for start, name, kind, _text in sorted(self.named):
            reporting = kind in W.REPORTING_KINDS - {"official_body"}
            if after <= start < limit and reporting and (not kinds or kind in kinds):
                return name, kind
        return None

    def force(self, before: int) -> tuple[str, str] | None:
        """The armed force named or heard last, for "the military said"."""
        pool = [(s.start, s.name, s.kind) for s in self.spoken] + [
            (n[0], n[1], n[2]) for n in self.named
        ]
        forces = [p for p in pool if p[0] < before and p[2] in W.FORCE_KINDS]
        return max(forces)[1:] if forces else None

    def pronoun(self, word: str, before: int) -> tuple[str, str] | None:
        """ "it" → the organisation that spoke last; "he"/"she" → the last speaker."""
        earlier = [s for s in self.spoken if s.start < before and s.kind != "described"]
        if word in ("he", "she"):
            return (earlier[-1].name, earlier[-1].kind) if earlier else None
        orgs = [s for s in earlier if s.kind != "person"]
        if orgs:
            return orgs[-1].name, orgs[-1].kind
        named = [n for n in self.named if n[0] < before and n[2] in W.REPORTING_KINDS]
        return (named[-1][1], named[-1][2]) if named else None


def _resolve_mention(m: ActorMention) -> tuple[str, str] | None:
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


def _cue_sites(doc: Doc, sent: Sentence) -> list[tuple[int, tuple[int, int] | None, bool]]:
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
        elif w in W.SPEECH_VERBS and not _adjectival(doc, sent, i):
            subject = _subject(doc, sent, i)
            if subject is None and w in W.INVERTED:
                out.append((i, _phrase_after(doc, sent, i + 1), True))
            else:
                out.append((i, subject, False))
        i += 1
    return out


def _document_subject(doc: Doc, sent: Sentence) -> tuple[int, int] | None:
    """A sentence opening with a document of someone's ("The report ...", "The bulletin also
    ..."): its figures are that body's claims."""
    lows = doc_lowers(doc)
    i = sent.token_start
    if i + 1 < sent.token_end and lows[i] == "the" and lows[i + 1] in W.DOCUMENTS:
        return i, i + 2
    return None


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
    if j < sent.token_start or doc[j].text in _QUOTES:
        return None  # '..." said X': the speaker follows the verb
    if doc[j].text == ")":  # "the Qatar Red Crescent Society (QRCS) has announced"
        k = j
        while k > sent.token_start and doc[k].text != "(" and j - k < 6:
            k -= 1
        if doc[k].text == "(":
            j = k - 1
    if lows[j] in W.PRONOUNS:
        return j, j + 1
    if lows[j] in _CLAUSE_OPENERS and j - 1 > sent.token_start and doc[j - 1].text == ",":
        j -= 2  # "according to state media, which said": the phrase the clause hangs on
    elif doc[j].text == ",":
        # "X, which documents deaths ..., put": the phrase before the clause;
        # "The report's author, Rabie Nasser, said": the name between the commas
        k = j - 1
        while k > sent.token_start and doc[k].text != "," and j - k < 25:
            k -= 1
        if doc[k].text != ",":
            return None
        if not _nameish(doc, k + 1):
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


def _nameish(doc: Doc, j: int) -> bool:
    """A token that ends a name or an actor ("UNHCR", "Observatory")."""
    return doc[j].text[:1].isupper() and doc[j].text not in W.NOT_CLAIMANTS


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
        if w == "the" and i - 2 >= floor and lows[i - 1] in ("of", "for") and _nameish(doc, i - 2):
            i -= 1  # "Centre for Reconciliation of the Opposing Sides": "the" inside a name
            continue
        if w in W.DETERMINERS:
            i -= 1
            break
        glue = w in W.NAME_GLUE and i > floor and doc[i - 1].text[:1].isupper() and i + 1 < end
        if (
            tok.text[:1].isupper()
            or w in W.NP_WORDS
            or w in W.UNNAMED_SOURCES
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
    if lows[start] in ("a", "an") and start - 1 >= floor and _nameish(doc, start - 1):
        # "the Syrian Observatory for Human Rights a Britain-based monitor said" (copy that
        # lost its commas): the name before the apposition speaks
        named = _walk_back(doc, sent, start - 1, floor)
        if named is not None:
            return named
    if start - 2 >= floor and lows[start - 1] == "and" and _nameish(doc, start - 2):
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
            if lows[k] in ("a", "an") and k - 1 >= floor and _nameish(doc, k - 1):
                # "Doctor Ibrahim al-Hamid a neurologist in Saraqib said": the name speaks
                named = _walk_back(doc, sent, k - 1, floor)
                if named is not None:
                    return named
            return k, end
    return start, end


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
        if doc[end].is_lower and w.endswith("ed") and w not in W.NP_WORDS and end > start:
            break  # "said an army unit targeted ...": a clause, the unit is no source
        end += 1
    return (start, end) if end > start else None


def _comma_name(doc: Doc, i: int) -> bool:
    """A comma before an appositive name: "the head of the centre, Lieutenant General X,"."""
    return doc[i].text == "," and i + 1 < len(doc) and doc[i + 1].text[:1].isupper()


def _speaker(
    doc: Doc,
    sent: Sentence,
    cue: int,
    span: tuple[int, int] | None,
    after: bool,
    context: _Context,
) -> Speaker | None:
    if span is None:
        return None
    a, b = span
    a = max(a, _dateline_end(doc))  # "GENEVA, July 9 (Wire) —" is never a claimant
    lows = doc_lowers(doc)
    while b - a > 1 and doc[a].text in W.NOT_CLAIMANTS and _connector(doc, a):
        a += 1  # "But activists", "Thursday Syrian state media": the connector is no part
    if a >= b:
        return None
    text = doc_text(doc)
    char_start, char_end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)

    def make(name: str, kind: str, s: int = char_start, e: int = char_end) -> Speaker:
        return Speaker(name.strip(), s, e, cue, kind, after)

    def referred(found: tuple[str, str]) -> Speaker:
        return Speaker(found[0], char_start, char_end, cue, found[1], after, referred=True)

    if b - a == 1 and lows[a] in W.PRONOUNS:
        found = context.pronoun(lows[a], char_start)
        return referred(found) if found else None
    # a speaking actor inside the phrase names the claimant (the last one: "UN aid chief
    # Stephen O'Brien" gives O'Brien's body)
    inside = [m for m in doc._.actors or () if m.token_start >= a and m.token_end <= b]
    for m in reversed(inside):
        resolved = _resolve_mention(m)
        if resolved is not None and resolved[1] in _SPEAKING_KINDS | W.ORGANISATION_KINDS:
            return make(resolved[0], resolved[1], m.start, m.end)
    # "a citizen journalist from Manbij": the head comes before the place it is from
    core = next((k for k in range(a + 1, b) if lows[k] in ("from", "in")), b)
    words = [w for w in lows[a:core] if w not in W.DETERMINERS]
    if not words:
        return None
    head = words[-1]
    runs = _name_runs(doc, a, b)
    national = _in_capital(doc, a, core, b)
    if national is not None:
        return make(*national)
    definite = lows[a] in ("the", "its", "this") or (len(words) == 1 and lows[a] == head)
    if not runs and definite:
        if head in W.BACK_REFERENCES:  # "the charity", "the Britain-based monitoring group"
            modifier = words[-2] if len(words) > 1 else ""
            found = context.refer(head, char_start, modifier)
            if found is None:  # "the monitor" with none named: as described; a document: no one
                return None if head in W.DOCUMENTS else make(head, "described")
            return referred(found)
        if head in W.FORCE_REFERENCES and len(words) == 1:  # "the military said"
            found = context.force(char_start)
            if found is not None:
                return referred(found)
        if head in W.ROLE_NOUNS and len(words) <= 2:  # "the envoy said"
            found = context.pronoun("he", char_start)
            return referred(found) if found else make(head, "described")
    if not runs and lows[a] in ("a", "an") and head in W.AHEAD_HEADS:
        # "..., a monitor said." and the Observatory named in the next sentence (wire style)
        modifier = words[-2] if len(words) > 1 else ""
        found = context.ahead(head, char_end, modifier)
        if found is not None:
            return referred(found)
    named = _name_in(doc, a, b, runs)
    if named is not None:
        s, e, kind = named
        name = text[doc[s].idx : doc[e - 1].idx + len(doc[e - 1].text)]
        return make(*_as_actor(name, kind))
    # a force or faction named at the phrase's head ("the Turkish military said")
    for m in reversed(inside):
        if m.token_end == b and m.canonical and m.canonical != "civilians":
            return make(m.canonical, "force", m.start, m.end)
    if head in W.DESCRIBED_HEADS:
        if len(words) == 1:
            return make(head, "described")  # "residents said", "Residents said"
        first = a + 1 if lows[a] in W.DETERMINERS and b - a > 2 else a
        return make(text[doc[first].idx : char_end], "described")
    return None


def _in_capital(doc: Doc, a: int, core: int, b: int) -> tuple[str, str] | None:
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
    found = _as_actor(name, "")
    return found if found[1] else None


def _connector(doc: Doc, i: int) -> bool:
    """A leading word that joins the sentence on rather than naming anyone ("But", "Thursday");
    pronouns, articles and nationality words are part of the phrase."""
    low = doc_lowers(doc)[i]
    return low not in W.PRONOUNS and low not in W.DETERMINERS and low not in W.NATIONALITIES


def _as_actor(name: str, kind: str) -> tuple[str, str]:
    """A name found in the text, resolved through the actor gazetteer when it is there
    (also with a possessive "s" the source stripped: "SANAs" → SANA)."""
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


def _name_runs(doc: Doc, a: int, b: int) -> list[tuple[int, int]]:
    """Runs of capitalised words that name someone: not a place an event was said in ("a
    conference in London"), a channel ("the Twitter account of"), a modifier ("the
    Britain-based group"), a sentence-opening common word ("Activists", "Local") or a place in
    Syria."""
    lows = doc_lowers(doc)
    runs: list[tuple[int, int]] = []
    i = a
    while i < b:
        capital_next = i + 1 < b and doc[i + 1].text[:1].isupper()
        starts = _nameish(doc, i) or (lows[i] in W.NATIONALITIES and capital_next)
        if not starts or (lows[i] in W.COMMON_CAPITALS and not capital_next):
            i += 1
            continue
        s = i
        while i < b and (
            doc[i].text[:1].isupper()
            or (
                lows[i] in W.NAME_GLUE | {"'s", "’s"}
                and i + 1 < b
                and doc[i + 1].text[:1].isupper()
            )
            or (lows[i] == "-" and i + 1 < b and doc[i + 1].text[:1].isupper())
            or (lows[i] in ("al", "el", "ad", "ar", "as", "ash", "az") and _hyphen_name(doc, i, b))
        ):
            i += 1
        located = s > a and lows[s - 1] in ("in", "from", "at", "near", "inside", "outside")
        channel = i < len(doc) and lows[i] in W.CHANNELS
        modifier = i < len(doc) and lows[i] == "-"  # "Britain-based", "U.S.-led"
        org = any(lows[k] in _ORG_WORDS for k in range(s, i))  # "Hama Police Command" stays
        for k in (2, 1):  # "in Aleppo Ibrahim Abu Leith told" (commas lost): the place drops
            if not org and i - s > k + 1 and _is_syrian_place(doc[s : s + k].text):
                s, located = s + k, False
                break
        if not (located or channel or modifier or _is_syrian_place(doc[s:i].text)):
            runs.append((s, i))
        i = max(i, s + 1)
    return runs


def _hyphen_name(doc: Doc, i: int, b: int) -> bool:
    """An article joined to a name by a hyphen: "al-Zor", "ar-Raqqa"."""
    return i + 2 < b and doc[i + 1].text == "-" and doc[i + 2].text[:1].isupper()


def _name_in(doc: Doc, a: int, b: int, runs: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    """The last proper name in a phrase, titles and possessor dropped; with its kind.

    "British Prime Minister David Cameron" → "David Cameron"; "Jordan's King Abdullah" →
    "King Abdullah"; "Dogan news agency" → the whole phrase (a name with its organisation
    word); "Syrian state television" → the whole phrase.
    """
    lows = doc_lowers(doc)
    # an organisation word ends the phrase: the name runs on to it ("Syrian state television")
    tail_org = lows[b - 1] in _ORG_WORDS
    if not runs:
        if tail_org and any(
            _nameish(doc, k) or lows[k] in W.NATIONALITIES for k in range(a, b - 1)
        ):
            first = a + 1 if lows[a] in W.DETERMINERS else a
            places = [
                k for k in range(a, b - 1) if _nameish(doc, k) and _is_syrian_place(doc[k].text)
            ]
            if places:  # "near Deir ez-Zor and Raqqa local media": the media, not the towns
                first = places[-1] + 1
            return first, b, "organisation"
        return None
    s, e = runs[-1]
    org = bool({lows[k] for k in range(s, e)} & _ORG_WORDS)
    possessive = [k for k in range(s, e) if lows[k] in ("'s", "’s")]
    if possessive and not org:  # "Jordan's King Abdullah": the person, not the country
        s = possessive[-1] + 1
    while e - s > 2 and (doc[s].text in W.TITLES or lows[s] in W.NATIONALITIES) and not org:
        s += 1  # "Prime Minister David Cameron" → "David Cameron"; "Colonel Brandt" stays
    if e - s == 2 and doc[s].text in W.TITLES and doc[s + 1].text in W.TITLES:
        return None
    while s < e and lows[e - 1] in W.NAME_GLUE:
        e -= 1
    if s >= e:
        return None
    if e < b and tail_org and all(doc[k].is_lower for k in range(e, b)):
        if _is_syrian_place(doc[e - 1].text):  # "near Raqqa local media": the media speak
            s = e
        e = b  # "Dogan news agency"
    words = {lows[k] for k in range(s, e)}
    kind = "organisation" if words & _ORG_WORDS or e - s == 1 else "person"
    return s, e, kind


def _is_syrian_place(name: str) -> bool:
    from trucewatch.gazetteer import load_gazetteer

    return bool(load_gazetteer().lookup(name))


def _dateline_end(doc: Doc) -> int:
    """First token after a dateline ("GENEVA, July 9 (Wire) —"); 0 when there is none."""
    cached = doc.user_data.get("tw_dateline_end")
    if cached is not None:
        return cached
    end = 0
    if len(doc) > 1 and doc[0].text.isupper() and doc[0].is_alpha and len(doc[0].text) > 1:
        for i in range(1, min(len(doc), 14)):
            if doc[i].text in ("—", "–", "--", "-"):
                end = i + 1
                break
    doc.user_data["tw_dateline_end"] = end
    return end


def speaker_name(doc: Doc, speaker: Speaker) -> str:
    """The claimant as recorded: a surname alone gives the full name used before ("Cameron"
    → "David Cameron", "Halabi" → "Mohammad al-Halabi")."""
    name = speaker.name
    if speaker.kind not in ("person", "organisation") or " " in name:
        return name
    earlier = doc_text(doc)[: speaker.start]
    full = re.compile(r"\b([A-Z][\w'’]+) ((?:[a-z]{1,3}-)?)" + re.escape(name) + r"\b")
    for match in reversed(list(full.finditer(earlier))):
        first = match.group(1)
        if first not in W.TITLES and first not in W.NOT_CLAIMANTS:
            return f"{first} {match.group(2)}{name}"
    return name
