"""What a claimant's back-reference can point to: the speakers heard so far and the
organisations named before ("the charity" → MSF, "the monitor" → the Observatory, "it" → the
body that spoke last, "the military" → the force named last, "a monitor said" → the monitor
named in the next sentences)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from trucewatch.extract import claim_words as W
from trucewatch.extract.actors import _dictionary
from trucewatch.extract.claimant_names import resolve_mention
from trucewatch.extract.spans import doc_text

_NAME = r"[A-Z][\w'’]+(?:-[A-Z][\w'’]+)?"
_PARTICLE = r"(?:(?:al|el|ad|ar|as|ash|az)-[A-Z][\w'’]+|(?:de|bin|ibn|abu|van|von) [A-Z][\w'’]+)"


@lru_cache(maxsize=64)
def _titled_pattern(role: str) -> re.Pattern[str]:
    """A role word (any case) and the person's name after it: two to four name words."""
    name = rf"(?:{_NAME}|{_PARTICLE})"
    return re.compile(rf"\b(?i:{re.escape(role)})\s+((?:{name})(?:\s+(?:{name})){{1,3}})")


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


class ClaimantContext:
    """What a back-reference can point to: organisations named before, and earlier speakers."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.spoken: list[Speaker] = []
        actors = _dictionary()
        self.named: list[tuple[int, str, str, str]] = []  # (char start, name, kind, text)
        for m in doc._.actors or ():
            resolved = resolve_mention(m)
            if resolved is not None and actors is not None:
                name, kind = resolved
                self.named.append((m.start, name, kind, m.text))

    def refer(self, head: str, before: int, modifier: str = "") -> tuple[str, str] | None:
        """The organisation a descriptor with this head noun refers back to ("the charity"); a
        modifier narrows it ("the monitoring group" is a monitor, not the militant group)."""
        kinds = W.BACK_REFERENCES.get(modifier) or W.BACK_REFERENCES.get(head)
        if kinds is None:
            return None
        pool = [
            (
                name,
                kind,
                kind in W.ORGANISATION_KINDS | {"organisation"} and (not kinds or kind in kinds),
                head in text.lower().split(),
            )
            for name, kind, text in self._heard_before(before, described=False)
        ]
        # an organisation of a fitting kind whose name carries the head ("the commission" →
        # the Commission of Inquiry, though the UN spoke since), else the most recent
        # organisation of a fitting kind, or whose name carries the head ("the centre" →
        # "Russian Centre for Reconciliation")
        for name, kind, fits, carries in pool:
            if fits and carries:
                return name, kind
        for name, kind, fits, carries in pool:
            if fits or (kind != "person" and carries):
                return name, kind
        return None

    def _heard_before(self, before: int, described: bool) -> list[tuple[str, str, str]]:
        """(name, kind, text as written) of the speakers heard and the actors named before
        ``before``, latest first; ``described`` keeps speakers known only by description."""
        pool = [
            (s.start, s.name, s.kind, s.name)
            for s in self.spoken
            if described or s.kind != "described"
        ]
        pool += self.named
        ordered = sorted((p for p in pool if p[0] < before), key=lambda p: p[0], reverse=True)
        return [(name, kind, text) for _, name, kind, text in ordered]

    def titled(self, role: str, before: int) -> str | None:
        """The person last introduced with a title before ``before`` ("Homs governor Talal
        al-Barazi", "U.N. envoy Staffan de Mistura"), for "the governor said"."""
        if role not in W.PERSON_TITLES:
            return None  # "the source said": a source is introduced with no name
        text = doc_text(self.doc)[:before]
        found = None
        for match in _titled_pattern(role).finditer(text):
            # the name stops at a word that names no one ("told AFP Tuesday")
            words = match.group(1).split()
            cut = next((k for k, w in enumerate(words) if w in W.NOT_CLAIMANTS), len(words))
            if cut >= 2:
                found = " ".join(words[:cut])
        return found

    def carrying(self, head: str, before: int) -> tuple[str, str] | None:
        """The body named or heard last before ``before`` whose name carries the head word
        ("the government" → "Turkish government"), not a person or an armed force."""
        for name, kind, text in self._heard_before(before, described=True):
            if kind in W.ORGANISATION_KINDS and head in text.lower().split():
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
