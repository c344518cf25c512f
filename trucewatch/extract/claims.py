"""Claims: numeric statements someone is reported as making, with claimant, unit and period.

"28,000 of 80,000 fighters eliminated (35 percent) since 30 Sep 2015, said Lukyanov"; "up to 75
sorties a day, a NATO document said"; "over 967 civilians have died, Airwars noted". A claim needs
a reporting cue (said, according to, estimated, reported ...) in its sentence or the next one
(a quote often closes in the following sentence), and a figure with a countable unit after it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.actors import canonical_of
from trucewatch.extract.lexicon import words
from trucewatch.extract.numbers import Number, find_numbers
from trucewatch.extract.quantities import is_date_part
from trucewatch.extract.sentences import STARTERS
from trucewatch.extract.spans import Sentence, doc_lowers, doc_text, sentence_of
from trucewatch.model.incident import Claim
from trucewatch.model.report import Mention

CUES = words(
    """said says say told reported reports according estimated estimate estimates noted revealed
    stated added claimed claims announced confirmed highlighted warned put gave"""
)
UNITS = words(
    """fighters terrorists militants civilians people sorties strikes airstrikes messages groups
    meetings tons tonnes trucks violations settlements children soldiers jets planes aircraft
    targets facilities bases positions convoys gunmen rebels members combatants missions
    flights towns villages persons refugees families deaths dead bodies"""
)
PERIOD_WORDS = {
    ("a", "day"): "per day",
    ("per", "day"): "per day",
    ("daily",): "per day",
    ("a", "week"): "per week",
    ("per", "week"): "per week",
    ("a", "month"): "per month",
}
TITLES = frozenset({"the", "of", "for", "al", "-", "de", "and"})
INVERTED = frozenset({"said", "says", "according", "added", "stated", "claimed", "told"})
# A pronoun claimant speaks for the last claimant named before it.
PRONOUNS = frozenset({"He", "She", "It", "We", "They", "I"})


def _capital_run(doc: Doc, start: int, step: int, limit: int) -> tuple[int, int] | None:
    """A run of capitalised tokens from ``start`` going ``step`` (+1/-1); (first, end) or None."""
    i, taken = start, []
    while 0 <= i < len(doc) and len(taken) < limit:
        tok = doc[i]
        # "Observatory for Human Rights": a name runs over "for", "of", "al-" either way
        if tok.text[:1].isupper() or (taken and tok.lower_ in TITLES):
            taken.append(i)
        elif tok.lower_ == "the" and not taken and step > 0:
            pass
        else:
            break
        i += step
    while taken and doc[taken[-1]].lower_ in TITLES:
        taken.pop()
    if step < 0 and len(taken) > 1 and doc[taken[-1]].lower_ == "the":
        taken.pop()  # "The Syrian Observatory ... said": the article is no part of the name
    if not taken:
        return None
    return min(taken), max(taken) + 1


def _cues_for(doc: Doc, sent: Sentence, near: int | None) -> list[int]:
    """The sentence's cue tokens, those nearest before the figure first ("X gave 90 dead and
    Y said 124": 90 is X's, 124 is Y's), then the rest in order."""
    lows = doc_lowers(doc)
    cues = [i for i in range(sent.token_start, sent.token_end) if lows[i] in CUES]
    if near is None:
        return cues
    before = [i for i in cues if i < near]
    return before[::-1] + [i for i in cues if i >= near]


# Words that end a described claimant ("a citizen journalist from Manbij said"): the clause
# before them is another claim.
CLAUSE_OPENERS = frozenset({"and", ",", ";", "while", "but", "whereas"})
DETERMINERS = frozenset({"a", "an", "the", "one"})


def _described(doc: Doc, sent: Sentence, cue: int) -> tuple[int, int] | None:
    """A claimant described, not named: "an opposition activist network gave", "a citizen
    journalist from Manbij said" — the clause's noun phrase from its determiner to the cue."""
    lows = doc_lowers(doc)
    k = cue - 1
    while k >= sent.token_start and cue - k <= 7 and lows[k] not in CLAUSE_OPENERS:
        k -= 1
    first = k + 1
    if first >= cue - 1 or lows[first] not in DETERMINERS:
        return None
    return first, cue


def claimant_in(
    doc: Doc, sent: Sentence, near: int | None = None
) -> tuple[str | None, tuple[int, int] | None]:
    """The organisation or person a sentence's reporting cue names, with its span; with
    ``near`` (a figure's token), the cue nearest before that figure speaks first."""
    on = doc._.anchor
    for i in _cues_for(doc, sent, near):
        tok = doc[i]
        nxt = tok.i + 1
        if tok.lower_ == "according" and nxt < len(doc) and doc_lowers(doc)[nxt] == "to":
            nxt += 1
        # "said Kuralenko", "according to the ministry": the claimant follows only these cues
        after = _capital_run(doc, nxt, +1, 8) if tok.lower_ in INVERTED else None
        before = _capital_run(doc, tok.i - 1, -1, 8)
        described = _described(doc, sent, tok.i)
        lows = doc_lowers(doc)
        origin = before is not None and lows[before[0] - 1] in ("from", "in", "of", "at")
        if described is not None and (before is None or origin) and described[0] < tok.i - 1:
            # "a citizen journalist from Manbij said": the journalist speaks, not Manbij
            first, end = described
            text = doc_text(doc)[doc[first].idx : doc[end - 1].idx + len(doc[end - 1].text)]
            return text, (doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text))
        spans = [s for s in (before, after) if s is not None]
        if not spans:
            subject = _subject_run(doc, sent.token_start, tok.i)
            if subject is not None:
                spans = [subject]
            elif any(t.lower_ == "the" for t in doc[max(sent.token_start, tok.i - 4) : tok.i]):
                # "the group noted": the body named last; else the role itself ("the general")
                named = _last_named(doc, sent)
                if named is not None:
                    return named, None
                role = doc[tok.i - 1]
                if role.is_alpha and role.lower_ != "the":
                    return role.lower_, (role.idx, role.idx + len(role.text))
        for first, end in spans:
            text = doc[first:end].text
            if text in PRONOUNS:
                # inside a quote the speaker is named where the quote closes
                if doc_text(doc)[sent.start : sent.start + 1] in (
                    '"',
                    "“",
                ) and sent.index + 1 < len(doc._.sentences):
                    name, span = claimant_in(doc, doc._.sentences[sent.index + 1])
                    if name is not None and name not in PRONOUNS:
                        return name, span
                return _last_named(doc, sent), None
            name = _resolve(text, on) or _resolve(doc[end - 1].text, on) or text
            return name, (doc[first].idx, doc[end - 1].idx + len(doc[end - 1].text))
    return None, None


def _subject_run(doc: Doc, start: int, cue: int) -> tuple[int, int] | None:
    """The first capitalised run of the clause before a cue ("The NATO document ... noted")."""
    i = start
    if i < cue and doc[i].text in STARTERS:
        i += 1
    while i < cue:
        if doc[i].text[:1].isupper():
            return _capital_run(doc, i, +1, 6)
        i += 1
    return None


def _last_named(doc: Doc, sent: Sentence) -> str | None:
    """The claimant named most recently before this sentence, for "he said"."""
    for index in range(sent.index - 1, max(-1, sent.index - 6), -1):
        name, _ = claimant_in(doc, doc._.sentences[index])
        if name is not None:
            return name
    return None


def _resolve(text: str, on: object) -> str | None:
    """An official resolves to the body they speak for; a force to its canonical name."""
    from trucewatch.extract.actors import _dictionary

    actors = _dictionary()
    if actors is None:
        return None
    actor = actors.resolve(text, on)  # type: ignore[attr-defined]
    if actor is None:
        return None
    canonical, speaker = canonical_of(text, "@" + actor.name, on)
    return speaker or canonical or actor.name


def _unit_after(doc: Doc, num: Number, sent: Sentence) -> tuple[str, int] | None:
    for j in range(num.end, min(num.end + 4, sent.token_end)):
        if doc_lowers(doc)[j] in UNITS:
            return doc_lowers(doc)[j], j + 1
    # "put the dead at 56", "the death toll rose to 40": the unit stands before the figure
    before = doc_lowers(doc)[max(sent.token_start, num.start - 4) : num.start]
    if before[-1:] in (["at"], ["to"]) and {"dead", "toll"} & set(before):
        return "dead", num.end
    return None


def _period(doc: Doc, sent: Sentence, end: int) -> str | None:
    for phrase, label in PERIOD_WORDS.items():
        for j in range(end, min(end + 6, sent.token_end)):
            if tuple(w for w in doc_lowers(doc)[j : j + len(phrase)]) == phrase:
                return label
    return None


def _since(doc: Doc, sents: list[Sentence], index: int) -> str | None:
    """A "since" date in the claim's sentence or the one before it."""
    for k in (index, index - 1):
        if k < 0:
            continue
        found = _since_in(doc, sents[k])
        if found is not None:
            return found
    return None


def _since_in(doc: Doc, sent: Sentence) -> str | None:
    text = doc_text(doc)[sent.start : sent.end].lower()
    for d in doc._.dates or ():
        if not (sent.start <= d.start < sent.end) or d.date is None:
            continue
        # "Since Moscow started its operation on September 30 last year"
        if d.kind in ("absolute", "weekday") and "since " in text[: d.start - sent.start + 1]:
            return f"since {d.date.isoformat()}"
        if d.kind in ("since", "span"):
            if d.kind == "since":
                return f"since {d.date.isoformat()}"
            end = d.end_date.isoformat() if d.end_date else "?"
            return f"{d.date.isoformat()}/{end}"
    return None


def find_claims(doc: Doc) -> list[Claim]:
    """All claims in the doc."""
    sents: list[Sentence] = doc._.sentences
    nums = find_numbers(doc)
    out: list[Claim] = []
    for num in nums:
        if num.vague or is_date_part(doc, num):
            continue  # "in 2016", "on 27 April": a date, not a count
        index = sentence_of(doc, num.start)
        sent = sents[index]
        claimant, cspan = claimant_in(doc, sent, num.start)
        if claimant is None and index + 1 < len(sents):
            claimant, cspan = claimant_in(doc, sents[index + 1])
        if claimant is None:
            continue
        unit = _unit_after(doc, num, sent)
        of_total = None
        # "80,000 fighters, of whom 28,000": the part takes the whole's unit
        if num.start >= 2 and doc_lowers(doc)[num.start - 1] in ("whom", "which"):
            whole = [m for m in nums if m.end <= num.start and m.start >= sent.token_start]
            if whole:
                of_total = whole[-1].value
                unit = unit or _unit_after(doc, whole[-1], sent)
        if num.start >= 1 and doc_lowers(doc)[num.start - 1] == "of" and of_total is None:
            pass
        nxt_of = num.end < len(doc) and doc_lowers(doc)[num.end] == "of"
        if nxt_of and unit is None:
            later = [m for m in nums if m.start in (num.end + 1, num.end + 2)]
            if later:
                of_total = later[0].value
                unit = _unit_after(doc, later[0], sent)
        if unit is None:
            continue
        percent = None
        for m in nums:
            near = num.end <= m.start <= num.end + 2 and m.end < len(doc)
            if near and doc_lowers(doc)[m.end] in ("percent", "%", "per"):
                percent = m.value
        period = _period(doc, sent, unit[1]) or _since(doc, sents, index)
        start = doc[num.start].idx
        end_tok = doc[unit[1] - 1]
        end = max(
            end_tok.idx + len(end_tok.text), doc[num.end - 1].idx + len(doc[num.end - 1].text)
        )
        evidence = [Mention("quantity", start, end, doc_text(doc)[start:end], doc._.report_id)]
        if cspan is not None:
            evidence.append(
                Mention(
                    "claimant",
                    cspan[0],
                    cspan[1],
                    doc_text(doc)[cspan[0] : cspan[1]],
                    doc._.report_id,
                )
            )
        out.append(
            Claim(
                claimant=claimant,
                quantity=num.value,
                unit=unit[0],
                period=period,
                of_total=of_total,
                percent=percent,
                evidence=evidence,
                report_id=doc._.report_id,
            )
        )
    return out


@Language.component("tw_claims")
def claims_component(doc: Doc) -> Doc:
    """Store claims on ``doc._.claims``."""
    doc._.claims = find_claims(doc)
    return doc
