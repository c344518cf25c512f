"""What the pipeline's components leave on a Doc: typed mentions, registered as ``Doc._`` slots.

Each component writes one slot and reads the slots of components before it, so the order in
``pipeline.COMPONENTS`` is the only coupling between them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.attrs import IDX, LOWER, ORTH
from spacy.tokens import Doc

from trucewatch.model.incident import Claim, Incident, IncidentType, Place, Toll


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text, resolved to a gazetteer entry."""

    start: int  # character offsets into the doc text
    end: int
    text: str
    place: Place
    token_start: int
    token_end: int
    sent: int  # sentence index
    candidates: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named or described in the text ("Russian warplanes", "the regime", "ISIL")."""

    start: int
    end: int
    text: str
    canonical: str | None  # one of the canonical perpetrator names, "civilians", or None
    token_start: int
    token_end: int
    sent: int
    speaker: str | None = None  # organisation the mention speaks for, when it is a claimant


@dataclass(frozen=True, slots=True)
class Quantity:
    """A casualty figure: killed or injured, read as low/best/high."""

    start: int
    end: int
    text: str
    kind: str  # "killed" | "injured"
    toll: Toll
    token_start: int
    token_end: int
    sent: int
    vague: bool = False  # "dozens": a lower bound standing in for a number not given
    people_at: int = -1  # token where the words for who was counted begin ("37 |civilians")
    elliptic: bool = False  # "... and 5 in Hass": a figure sharing the verb before it


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word or phrase that signals an incident type in one sentence."""

    start: int
    end: int
    text: str
    type: IncidentType
    token_start: int
    token_end: int
    sent: int
    strength: int = 2  # 2 = names the type on its own, 1 = only when nothing stronger is near


@dataclass(slots=True)
class Sentence:
    """A sentence's character and token bounds (cached; Doc.sents is slow to re-walk)."""

    index: int
    start: int
    end: int
    token_start: int
    token_end: int


@dataclass(slots=True)
class Extraction:
    """What one report says: its incidents (the main one flagged) and its claims."""

    incidents: list[Incident] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


_SLOTS = {
    "report": None,
    "report_id": None,
    "anchor": None,
    "anchor_range": None,
    "sentences": None,
    "places": None,
    "actors": None,
    "dates": None,
    "quantities": None,
    "triggers": None,
    "attributions": None,
    "roles": None,
    "figure_roles": None,
    "drafts": None,
    "merged": None,
    "placed": None,
    "incidents": None,
    "main": None,
    "attribution_status": None,
    "claims": None,
}


def register_extensions() -> None:
    """Register the ``Doc._`` slots once (idempotent)."""
    for name, default in _SLOTS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


# Where spaCy stores the ``doc._.sentences`` slot (tests/test_extract_components.py checks it).
_SENTENCES_KEY = ("._.", "sentences", None, None)


def sentence_of(doc: Doc, token_index: int) -> int:
    """Index of the sentence holding a token (binary search over the sentences' first tokens,
    cached per sentence list: components ask this for nearly every token they weigh)."""
    # read the slot where spaCy keeps it: ``doc._`` builds a proxy object on every access
    sents: list[Sentence] = doc.user_data.get(_SENTENCES_KEY) or []
    cached = doc.user_data.get("tw_sentence_starts")
    if cached is None or cached[0] is not sents:
        cached = doc.user_data["tw_sentence_starts"] = (sents, [s.token_start for s in sents])
    return max(bisect_right(cached[1], token_index) - 1, 0)


def doc_text(doc: Doc) -> str:
    """The doc's text, cached (``Doc.text`` re-joins every token on each call)."""
    text = doc.user_data.get("tw_text")
    if text is None:
        text = doc.user_data["tw_text"] = doc.text
    return text


def quantity_over(
    doc: Doc,
    token_start: int,
    token_end: int,
    kind: str,
    toll: Toll,
    sent: int,
    *,
    vague: bool = False,
    people_at: int = -1,
    elliptic: bool = False,
) -> Quantity:
    """A casualty figure told over tokens [token_start, token_end) of sentence ``sent``, its
    character span and evidence text taken from the doc (the one way figures are made)."""
    start, end = doc_starts(doc)[token_start], token_end_char(doc, token_end - 1)
    return Quantity(
        start=start,
        end=end,
        text=doc_text(doc)[start:end],
        kind=kind,
        toll=toll,
        token_start=token_start,
        token_end=token_end,
        sent=sent,
        vague=vague,
        people_at=people_at,
        elliptic=elliptic,
    )


def _token_strings(doc: Doc, attr: int, slot: str) -> list[str]:
    """One string attribute of every token, cached on the doc. Read as a column of hashes:
    iterating a Doc builds a Token object per token, which costs twice as much."""
    cached = doc.user_data.get(slot)
    if cached is None:
        strings = doc.vocab.strings
        cached = doc.user_data[slot] = [strings[h] for h in doc.to_array(attr).tolist()]
    return cached


def doc_texts(doc: Doc) -> list[str]:
    """Every token's text, cached (indexing a Doc builds a Token object each time)."""
    # the cache is read here first: rules ask for the column hundreds of times per report
    cached = doc.user_data.get("tw_token_texts")
    return cached if cached is not None else _token_strings(doc, ORTH, "tw_token_texts")


def doc_lowers(doc: Doc) -> list[str]:
    """Every token's lower-cased text, cached (indexing a Doc builds a Token object each time)."""
    cached = doc.user_data.get("tw_lowers")
    return cached if cached is not None else _token_strings(doc, LOWER, "tw_lowers")


def doc_starts(doc: Doc) -> list[int]:
    """Every token's first character offset, cached (what ``doc[i].idx`` gives, as a column)."""
    starts = doc.user_data.get("tw_token_starts")
    if starts is None:
        starts = doc.user_data["tw_token_starts"] = doc.to_array(IDX).tolist()
    return starts


def token_end_char(doc: Doc, k: int) -> int:
    """The character offset just past token ``k`` (``doc[k].idx + len(doc[k])``, from columns)."""
    return doc_starts(doc)[k] + len(doc_texts(doc)[k])


def tokens_text(doc: Doc, start: int, end: int) -> str:
    """The text of tokens [start, end), as ``doc[start:end].text`` gives it, from columns."""
    return doc_text(doc)[doc_starts(doc)[start] : token_end_char(doc, end - 1)]


def token_at(doc: Doc, char: int) -> int:
    """The token holding character ``char``, else the one after it (``len(doc)`` in trailing
    whitespace), -1 outside the text: what ``doc.char_span(char, char + 1,
    alignment_mode="expand").start`` gives, by bisection over token starts cached per doc."""
    starts = doc_starts(doc)
    if char < 0 or char >= len(doc_text(doc)):
        return -1
    i = bisect_right(starts, char) - 1
    if i >= 0 and char < starts[i] + len(doc_texts(doc)[i]):
        return i
    return i + 1
