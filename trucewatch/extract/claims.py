"""Claims: numeric statements someone is reported as making, with claimant, unit and period.

"28,000 of 80,000 fighters eliminated (35 percent) since 30 Sep 2015, said Lukyanov"; "up to 75
sorties a day, a NATO document said"; "over 967 civilians have died, Airwars noted". A claim is a
figure in a sentence with a reporting cue whose claimant :mod:`trucewatch.extract.claimants`
finds (or, for a quote that closes in the next sentence, that sentence's). Cumulative and period
figures ("since September 2015", "so far", "in total", "over the past month", estimates,
campaign totals, counts of sorties or messages) are claims with their claimants, never an
incident's toll: :func:`period_of` tells which figures are such, for any component to ask.
Dates, years, durations ("within six months") and document numbers ("Resolution 2254") are no
claims.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract import claim_words as W
from trucewatch.extract.claimants import Speaker, speaker_for, speaker_name, speakers
from trucewatch.extract.numbers import Number, find_numbers
from trucewatch.extract.quantities import (
    ABOUT,
    LOWER_ONLY,
    MONTH_WORDS,
    UPPER_ONLY,
    is_date_part,
    is_year,
)
from trucewatch.extract.spans import (
    Sentence,
    doc_lowers,
    doc_starts,
    doc_text,
    doc_texts,
    sentence_of,
    token_end_char,
)
from trucewatch.model.incident import Claim
from trucewatch.model.report import Mention

_SCALES = {"billion": 1e9, "billions": 1e9, "bn": 1e9, "trillion": 1e12}


def _value(doc: Doc, num: Number) -> tuple[float, int]:
    """A figure's value and end token, reading a scale word the number reader leaves ("$10
    billion")."""
    lows = doc_lowers(doc)
    if num.end < len(doc) and lows[num.end] in _SCALES and lows[num.start][:1].isdigit():
        return num.value * _SCALES[lows[num.end]], num.end + 1
    return num.value, num.end


_QUALIFIERS = LOWER_ONLY + ABOUT + UPPER_ONLY


def qualifier_start(doc: Doc, num: Number) -> int:
    """The first token of the words qualifying a figure ("more than", "about", "up to"), or the
    figure's own start when none stands before it."""
    lows = doc_lowers(doc)
    for phrase in _QUALIFIERS:
        k = len(phrase)
        if num.start >= k and tuple(lows[num.start - k : num.start]) == phrase:
            return num.start - k
    return num.start


def _year_shaped_count(doc: Doc, num: Number) -> bool:
    """ "more than 2000 people", "about 2000 square kilometres": four digits that look like a
    year (copy that drops the thousands comma) but are qualified as an amount or count a noun."""
    lows = doc_lowers(doc)
    if num.end - num.start != 1 or not is_year(lows[num.start]) or num.end >= len(doc):
        return False
    nxt = lows[num.end]
    if qualifier_start(doc, num) < num.start:  # "roughly 2000 troops", "some 2000 to 2500"
        return (nxt.isalpha() and doc[num.end].is_lower and nxt not in W.NOT_UNITS) or nxt == "to"
    if nxt not in W.UNITS and nxt != "square":
        return False
    prev = lows[num.start - 1] if num.start > 0 else ""
    # "since 2011 people have fled", "in 2016 strikes rose": the year leads a clause
    return not (prev in W.YEAR_LEADS or prev in MONTH_WORDS)


def not_a_count(doc: Doc, num: Number) -> bool:
    """Dates, years, durations, times of day and document numbers: figures no one claims."""
    if num.vague or (is_date_part(doc, num) and not _year_shaped_count(doc, num)):
        return True
    lows = doc_lowers(doc)
    prev = lows[num.start - 1] if num.start > 0 else ""
    nxt = lows[num.end] if num.end < len(doc) else ""
    if prev in W.DOCUMENT_WORDS or nxt in (":", "gmt", "utc", "am", "pm", "a.m.", "p.m."):
        return True
    after = lows[num.end + 1] if num.end + 1 < len(doc) else ""
    if nxt == "-" and after in W.DISTANCE_UNITS:
        return True  # "a 98-kilometer area"
    if nxt in W.DISTANCE_UNITS:
        # "60 kilometres from Damascus", "50 km north of Raqqa": where; "a zone 15 km deep",
        # "to a depth of 30 km": a measure someone gives
        if after == ")":  # "30 km (20 miles) south of Idlib": the words after the brackets
            after = lows[num.end + 2] if num.end + 2 < len(doc) else ""
        return after in W.LOCATING_WORDS or after == "("
    if nxt == "-" and after in W.TIME_UNITS:
        return True  # "a ten-month siege", "the five-year war": a duration
    if nxt in W.TIME_UNITS:
        # "within six months", "ending five years of bloodshed": a duration; "from 70 years
        # to an estimated 55.4 years": a measure someone gives
        return prev not in W.MEASURE_LEADS
    # "the two leaders", "the one way": a set the text already knows, not a count
    # ("said that three more were hurt": "that" opens what is said, it points to no set)
    return prev in W.DETERMINERS - {"that"} and not lows[num.start][:1].isdigit()


def _unit(doc: Doc, num: Number, end: int, sent: Sentence) -> tuple[str, int] | None:
    """The counted noun after a figure (or a currency sign or "percent"), with its end token."""
    lows = doc_lowers(doc)
    if num.start > 0 and lows[num.start - 1] in W.CURRENCY:
        return W.CURRENCY[lows[num.start - 1]], end
    if end + 1 < sent.token_end and lows[end] in ("to", "or", "-") and lows[end + 1][:1].isdigit():
        # "15 to 20 km deep", "2000 to 2500 fighters": a range's first figure counts the noun
        # after its second
        upper = next((m for m in find_numbers(doc) if m.start == end + 1), None)
        if upper is not None:
            found = _unit(doc, upper, upper.end, sent)
            if found is not None:
                return found[0], end
    if end < sent.token_end and lows[end][:1].isdigit():
        # "0 85 12 Daesh terrorists" (a page's counters), "has risen to 86 30 of them
        # children": the noun is the next figure's; this one counts only what a phrase names
        return _counted_by_phrase(doc, num, end, sent)
    window = range(end, min(end + 5, sent.token_end))
    for j in window:  # a known counted noun near the figure ("967 Syrian and Iraqi civilians")
        w = lows[j]
        if w in W.PERCENT:
            return "percent", j + 1
        if w == "square" and j + 1 < sent.token_end:
            return f"square {lows[j + 1]}", j + 2
        if w in W.UNITS:
            return w, j + 1
        if doc[j].is_punct and w != "-":
            break
    for j in window:  # else the first plain noun after it ("1,446 localities")
        w = lows[j]
        if w in W.UNIT_SKIP or doc_texts(doc)[j][:1].isupper() or w == "-":
            continue
        verbal = w.endswith(("ing", "ed")) or w in W.SPEECH_VERBS  # "killed", "including"
        if doc[j].is_alpha and w not in W.NOT_UNITS and not doc[j].is_stop and not verbal:
            return w, j + 1
        break
    # "five of its fighters", "40 of its citizens"
    if end + 2 < sent.token_end and lows[end] == "of" and lows[end + 1] in W.POSSESSIVES:
        for j in range(end + 2, min(end + 5, sent.token_end)):
            if lows[j] in W.UNIT_SKIP or doc_texts(doc)[j][:1].isupper():
                continue
            return (lows[j], j + 1) if doc[j].is_alpha else None
    return _counted_by_phrase(doc, num, end, sent) or _casualty_count(doc, num, end)


def _casualty_count(doc: Doc, num: Number, end: int) -> tuple[str, int] | None:
    """A bare figure after a casualty verb counts its casualties: "killing 55 people and
    wounding 372" (wounded), "killed 40" (dead)."""
    start = qualifier_start(doc, num)
    if start == 0:
        return None
    unit = W.CASUALTY_VERBS.get(doc_lowers(doc)[start - 1])
    return (unit, end) if unit is not None else None


def _counted_by_phrase(doc: Doc, num: Number, end: int, sent: Sentence) -> tuple[str, int] | None:
    """A figure whose counted noun a phrase names: "the toll has risen to 72" (dead), "the
    number of localities rose to 1,446", "bringing to 1,097 the number of localities"."""
    lows = doc_lowers(doc)
    start = qualifier_start(doc, num)  # "put the toll at more than 346,000"
    if start == 0 or lows[start - 1] not in W.TOTAL_LEADS:
        return None
    after = lows[end : min(end + 3, sent.token_end)]
    if after[:2] in (["the", "number"], ["the", "toll"]):
        window = lows[end : sent.token_end]
    else:
        window = lows[sent.token_start : start]
    for k in range(len(window) - 1, -1, -1):  # the nearest phrase before the figure
        if window[k] in ("toll", "tolls"):
            return "dead", end
        if window[k] in ("number", "count", "total") and window[k + 1 : k + 2] == ["of"]:
            for w in window[k + 2 : k + 5]:
                if w not in W.UNIT_SKIP and w.isalpha():
                    return w, end
    return None


def period_of(doc: Doc, num: Number) -> str | None:
    """The period a figure covers, when it is cumulative or a rate: "per day", "so far", "in
    total", "over the past", "since 2015-09-30", "last year"; None for a one-off figure."""
    index = sentence_of(doc, num.start)
    sent = doc._.sentences[index]
    return _period(doc, sent, num.end) or _since(doc, doc._.sentences, index)


_PERIOD_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _label in W.PERIOD_PHRASES.items():
    _PERIOD_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _label))


def _period(doc: Doc, sent: Sentence, end: int) -> str | None:
    lows = doc_lowers(doc)
    for j in range(end, min(end + 8, sent.token_end)):
        for phrase, label in _PERIOD_BY_FIRST.get(lows[j], ()):
            if tuple(lows[j : j + len(phrase)]) == phrase:
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


def _claimant(doc: Doc, num: Number, index: int) -> Speaker | None:
    sents: list[Sentence] = doc._.sentences
    speaker = speaker_for(doc, sents[index], num.start)
    if speaker is None and index + 1 < len(sents):
        # the next sentence opens with who speaks, and it goes on with the same source: a
        # quote that closes there ("... 28,000 eliminated." Lukyanov said), or "The agency,
        # which ..., projected that ..." after the agency spoke before
        following = [
            s for s in speakers(doc).get(index + 1, []) if s.start - sents[index + 1].start < 30
        ]
        heard = [s for i in range(index) for s in speakers(doc).get(i, [])]
        quoted = any(ch in doc_text(doc)[sents[index].start : sents[index].end] for ch in '"“”')
        if following and (
            quoted or (following[0].referred and heard and heard[-1].name == following[0].name)
        ):
            speaker = following[0]
    return speaker


def find_claims(doc: Doc) -> list[Claim]:
    """All claims in the doc, each with its quantity and claimant evidence."""
    sents: list[Sentence] = doc._.sentences
    nums = find_numbers(doc)
    lows = doc_lowers(doc)
    out: list[Claim] = []
    last_unit: dict[int, str] = {}  # per sentence: "Lebanon with 1,172,753" shares the unit
    for num in nums:
        if not_a_count(doc, num):
            continue
        index = sentence_of(doc, num.start)
        sent = sents[index]
        speaker = _claimant(doc, num, index)
        if speaker is None or speaker.start <= doc_starts(doc)[num.start] < speaker.end:
            continue  # "One media activist said": a figure inside the speaker's name counts nothing
        value, end = _value(doc, num)
        unit = _unit(doc, num, end, sent)
        of_total = None
        # "80,000 fighters, of whom 28,000": the part takes the whole's unit
        if num.start >= 2 and lows[num.start - 1] in ("whom", "which"):
            whole = [m for m in nums if m.end <= num.start and m.start >= sent.token_start]
            if whole:
                of_total = whole[-1].value
                unit = unit or _unit(doc, whole[-1], whole[-1].end, sent)
        if end < len(doc) and lows[end] == "of" and unit is None:
            later = [m for m in nums if m.start in (end + 1, end + 2)]
            if later:
                of_total = later[0].value
                unit = _unit(doc, later[0], later[0].end, sent)
        # "Lebanon with 1,172,753", "eight of them", "including 6.5 million who": the unit of
        # the figure before it in the sentence
        lead = qualifier_start(doc, num)  # "including at least 20 in Baba Amr"
        prev = lows[lead - 1] if lead > 0 else ""
        of_them = lows[end : end + 2] == ["of", "them"]
        # "Lebanon 1.1m": a figure listed after a name
        listed = prev in W.LIST_LEADS or doc_texts(doc)[lead - 1][:1].isupper()
        if unit is None and index in last_unit and (listed or of_them):
            unit = (last_unit[index], end)
        if unit is None and lows[end : end + 1] == ["more"] and index > 0:
            # "83 civilians were evacuated ... On Sunday 611 more were brought out": more of the
            # noun the sentence before counted last
            before = [m for m in nums if sents[index - 1].token_start <= m.start < sent.token_start]
            if before:
                counted = _unit(doc, before[-1], _value(doc, before[-1])[1], sents[index - 1])
                unit = (counted[0], end + 1) if counted else None
        if unit is None:
            continue
        last_unit[index] = unit[0]
        percent = None
        for m in nums:
            near = end <= m.start <= end + 2 and m.end < len(doc)
            if near and lows[m.end] in ("percent", "%", "per"):
                percent = m.value
        period = _period(doc, sent, unit[1]) or _since(doc, sents, index)
        out.append(
            Claim(
                claimant=speaker_name(doc, speaker),
                quantity=value,
                unit=unit[0],
                period=period,
                of_total=of_total,
                percent=percent,
                evidence=_evidence(doc, num, max(end, unit[1]), speaker),
                report_id=doc._.report_id,
            )
        )
    return out


def _evidence(doc: Doc, num: Number, end: int, speaker: Speaker) -> list[Mention]:
    text = doc_text(doc)
    start = doc_starts(doc)[num.start]
    if num.start > 0 and doc_texts(doc)[num.start - 1] in W.CURRENCY:
        start = doc_starts(doc)[num.start - 1]
    stop = token_end_char(doc, end - 1)
    rid = doc._.report_id
    return [
        Mention("quantity", start, stop, text[start:stop], rid),
        Mention("claimant", speaker.start, speaker.end, text[speaker.start : speaker.end], rid),
    ]


@Language.component("tw_claims")
def claims_component(doc: Doc) -> Doc:
    """Store claims on ``doc._.claims``."""
    doc._.claims = find_claims(doc)
    return doc
