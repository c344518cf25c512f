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

from spacy.tokens import Doc

from trucewatch.extract import claim_words as W
from trucewatch.extract.claimant_context import ClaimantContext, Speaker
from trucewatch.extract.claimant_names import (
    as_actor,
    connector,
    in_capital,
    name_in,
    name_runs,
    resolve_mention,
    titled_person,
)
from trucewatch.extract.claimant_phrases import cue_sites, dateline_end
from trucewatch.extract.places import tag_list_tokens
from trucewatch.extract.spans import (
    Sentence,
    doc_lowers,
    doc_starts,
    doc_text,
    doc_texts,
    token_end_char,
    tokens_text,
)

__all__ = ["Speaker", "speaker_for", "speaker_name", "speakers"]

# Speaker-like actor kinds: a mention of one of these names the claimant outright.
_SPEAKING_KINDS = W.ORGANISATION_KINDS | {"person"}


def speakers(doc: Doc) -> dict[int, list[Speaker]]:
    """Every sentence's speakers, by sentence index, found in document order (cached on the doc).

    Back-references and pronouns resolve against what came before, so the sentences are read
    in order and each speaker found joins the context of the next.
    """
    cached = doc.user_data.get("tw_speakers")
    if cached is not None:
        return cached
    context = ClaimantContext(doc)
    out: dict[int, list[Speaker]] = {}
    for sent in doc._.sentences:
        found = []
        for cue, span, after in cue_sites(doc, sent):
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
    # a speaker after the figure, with nothing setting the figure's clause off, who goes on
    # to say something of their own ("... housing for 1500 people at the site Moscow said its
    # advisers were ...", "a strike that Russia said was a mistake") never reaches back
    # "SANA quoted local sources as saying": a relayed source that names no one is no claimant
    # of its own (its relayer is)
    found = [s for s in found if not (s.after and lows[s.cue] in W.RELAY_VERBS and _vague(s))]
    rival = any(s.cue < near for s in found)
    found = [s for s in found if s.cue < near or not _speaks_on(doc, sent, near, s, rival)]
    if not found:
        return None
    # otherwise the closest cue, one after the figure counting half again its distance
    # ("they say ... which has killed 132 civilians ..., the observatory said")
    best = min(found, key=lambda s: (near - s.cue) if s.cue < near else 1.5 * (s.cue - near))
    # "SANA said, citing a police source", "SANA, citing a police source, said": the source
    # relayed, the innermost, makes the claim
    # (media and unnamed reporters relay; a monitor or an official body vouches for what its
    # sources told it, and stays the claimant)
    if best.kind not in W.RELAYING_KINDS:
        return best
    for s in found:
        if s is not best and lows[s.cue] in W.RELAY_VERBS and abs(s.cue - best.cue) <= 12:
            return s
    return best


def _vague(s: Speaker) -> bool:
    """A described source naming no one ("local sources", "a source", "trusted sources")."""
    return s.kind == "described" and set(s.name.lower().split()) <= W.VAGUE_SOURCE_WORDS


def _speaks_on(doc: Doc, sent: Sentence, near: int, s: Speaker, rival: bool) -> bool:
    """Whether a speaker named before their cue, after the figure at ``near`` and not set off
    from it by a comma or quote, says something else: the cue runs straight on into a verb (a
    clause about the noun before: "a strike that Russia said was a mistake"), or, when a
    speaker before the figure (``rival``) may have said it, into a new subject ("... for 1500
    people at the site Moscow said its advisers were ...")."""
    if s.after or s.cue + 1 >= sent.token_end:
        return False
    nxt = doc_lowers(doc)[s.cue + 1]
    if nxt in W.FINITE_VERBS:  # "..., a cell that Washington said was plotting": even past a
        return True  # comma, what is said is about the noun before the speaker
    texts = doc_texts(doc)
    if any(texts[k] in W.CLAUSE_BREAKS for k in range(near, s.cue)):
        return False
    return rival and nxt in W.CLAUSE_SUBJECTS


def _speaker(
    doc: Doc,
    sent: Sentence,
    cue: int,
    span: tuple[int, int] | None,
    after: bool,
    context: ClaimantContext,
) -> Speaker | None:
    if span is None:
        return None
    a, b = span
    a = max(a, dateline_end(doc))  # "GENEVA, July 9 (Wire) —" is never a claimant
    a = _past_furniture(doc, a, b)
    lows = doc_lowers(doc)
    while b - a > 1 and doc_texts(doc)[a] in W.NOT_CLAIMANTS and connector(doc, a):
        a += 1  # "But activists", "Thursday Syrian state media": the connector is no part
    if a < b and lows[a] in W.NEGATED_SPEAKERS:
        return None  # "(Monday) No group said it ...": no one is named (not "group")
    while b - a > 1 and doc_texts(doc)[b - 1] == ".":
        b -= 1  # "according to the government's estimate.": the full stop is no part
    if a >= b:
        return None
    owner = _document_owner(doc, a, b)
    if owner is not None:  # "the government's last estimate": the government's claim
        return _speaker(doc, sent, cue, (a, owner), after, context)
    text = doc_text(doc)
    char_start, char_end = doc_starts(doc)[a], token_end_char(doc, b - 1)

    def make(name: str, kind: str, s: int = char_start, e: int = char_end) -> Speaker:
        return Speaker(name.strip(), s, e, cue, kind, after)

    def referred(found: tuple[str, str]) -> Speaker:
        return Speaker(found[0], char_start, char_end, cue, found[1], after, referred=True)

    if b - a == 1 and lows[a] in W.PRONOUNS:
        found = context.pronoun(lows[a], char_start)
        return referred(found) if found else None
    # the whole phrase, when the gazetteer knows it, is the fullest name ("the United Nations
    # human rights office", not the United Nations inside it)
    first = a + 1 if lows[a] in W.DETERMINERS and b - a > 1 else a
    whole = as_actor(tokens_text(doc, first, b), "")
    if whole[1] and b - first > 1:
        return make(*whole)
    national = _country_body(doc, first, b)
    if national is not None:  # "Russia's military", "Turkeys foreign ministry"
        return make(*national)
    # a speaking actor inside the phrase names the claimant (the last one: "UN aid chief
    # Stephen O'Brien" gives O'Brien's body)
    inside = [m for m in doc._.actors or () if m.token_start >= a and m.token_end <= b]
    person = titled_person(doc, a, b, inside[-1].token_end if inside else a)
    if person is not None:  # "UN aid chief Mark Lowcock": the person the title introduces
        s, e = person
        resolved = as_actor(tokens_text(doc, s, e), "person")
        return make(*resolved, doc_starts(doc)[s], token_end_char(doc, e - 1))
    for m in reversed(inside):
        resolved = resolve_mention(m)
        if resolved is not None and resolved[1] in _SPEAKING_KINDS | W.ORGANISATION_KINDS:
            return make(resolved[0], resolved[1], m.start, m.end)
    # "a citizen journalist from Manbij": the head comes before the place it is from
    core = next((k for k in range(a + 1, b) if lows[k] in ("from", "in")), b)
    words = [w for w in lows[a:core] if w not in W.DETERMINERS]
    if not words:
        return None
    head = words[-1]
    runs = name_runs(doc, a, b)
    national = in_capital(doc, a, core, b)
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
        if head in W.GOVERNMENT_HEADS and len(words) == 1:
            # "the government said": the government named before ("the Turkish government"),
            # else the government as described
            found = context.carrying(head, char_start)
            return referred(found) if found else make(head, "described")
        if head in W.FORCE_REFERENCES and len(words) == 1:  # "the military said"
            found = context.force(char_start)
            if found is not None:
                return referred(found)
        if head in W.ROLE_NOUNS | W.TITLED_ROLES and len(words) <= 2:  # "the envoy said"
            # the one introduced with that title ("Homs governor Talal al-Barazi"), else the
            # last speaker
            titled = context.titled(head, char_start)
            found = as_actor(titled, "person") if titled else context.pronoun("he", char_start)
            return referred(found) if found else make(head, "described")
    if not runs and lows[a] in ("a", "an") and head in W.AHEAD_HEADS:
        # "..., a monitor said." and the Observatory named in the next sentence (wire style)
        modifier = words[-2] if len(words) > 1 else ""
        found = context.ahead(head, char_end, modifier)
        if found is not None:
            return referred(found)
    named = name_in(doc, a, b, runs)
    if named is not None:
        s, e, kind = named
        name = tokens_text(doc, s, e)
        resolved = as_actor(name, kind)
        tail = lows[e:b]
        if resolved == (name, kind) and tail and all(w in W.GROUP_HEADS for w in tail):
            # "Coalition officials", "the French government": a name the gazetteer does not
            # know keeps the body or people it qualifies
            return make(tokens_text(doc, s, b), "described")
        return make(*resolved)
    # a force or faction named at the phrase's head ("the Turkish military said")
    for m in reversed(inside):
        if m.token_end == b and m.canonical and m.canonical != "civilians":
            return make(m.canonical, "force", m.start, m.end)
    if head in W.DESCRIBED_HEADS:
        if len(words) == 1:
            return make(head, "described")  # "residents said", "Residents said"
        first = a + 1 if lows[a] in W.DETERMINERS and b - a > 2 else a
        owner = [k for k in range(first, b - 1) if lows[k] in ("'s", "’s") and doc[k - 1].is_lower]
        if owner:  # "the city's police chief": the place's possessive only locates the source
            first = owner[-1] + 1
        # "killing 18 people including 11 children state media reported", "residents activists
        # said" (copy that lost its commas): a counted plural noun ends the clause before, and
        # the source starts after it
        ended = [k for k in range(first, b - 1) if _ends_phrase(doc, k)]
        if ended:
            first = ended[-1] + 1
        return make(text[doc_starts(doc)[first] : char_end], "described")
    return None


def _past_furniture(doc: Doc, a: int, b: int) -> int:
    """The phrase's start past page furniture glued on when punctuation was stripped: a page's
    "Tags ..." keyword list, and an all-capitals subheading of two or more words ("SLEEPING
    DEAD Opposition activists cited": the activists cite)."""
    tags = tag_list_tokens(doc)
    while a < b and a in tags:
        a += 1
    texts = doc_texts(doc)
    k = a
    while k < b and len(texts[k]) > 2 and texts[k].isalpha() and texts[k].isupper():
        k += 1
    if k - a >= 2 and k < b and not texts[k].isupper():
        return k
    return a


def _ends_phrase(doc: Doc, k: int) -> bool:
    """A lower-case plural that counts or names people ("children", "civilians", "residents")
    and is no modifier of the next word ("children's"): a phrase of its own ends there."""
    low = doc_lowers(doc)[k]
    if not doc[k].is_lower or doc_lowers(doc)[k + 1] in ("'s", "’s"):
        return False
    return low in W.UNITS or low in W.UNNAMED_SOURCES


def _country_body(doc: Doc, a: int, b: int) -> tuple[str, str] | None:
    """A body named by a country's possessive, the apostrophe kept or lost ("Russia's
    military", "Russias military"), read as the country's adjective and the body ("Russian
    military"), when the actor gazetteer knows that; else None."""
    lows = doc_lowers(doc)
    if lows[a] in W.COUNTRY_LOST_POSSESSIVES:
        rest = a + 1
        country = lows[a][:-1]
    elif a + 1 < b and lows[a + 1] in ("'s", "’s") and lows[a] in W.DEMONYMS:
        rest = a + 2
        country = lows[a]
    else:
        return None
    if rest >= b or not all(doc[k].is_lower for k in range(rest, b)):
        return None
    found = as_actor(f"{W.DEMONYMS[country]} {tokens_text(doc, rest, b)}", "")
    return found if found[1] else None


def _document_owner(doc: Doc, a: int, b: int) -> int | None:
    """The end of the owner in a possessed document ("the government's last estimate", "the
    UN's latest figures"): whose document it is speaks; None when the phrase is no such."""
    lows = doc_lowers(doc)
    if lows[b - 1] not in W.DOCUMENTS:
        return None
    for k in range(b - 2, a, -1):
        if lows[k] in ("'s", "’s"):
            return k
    return None


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
