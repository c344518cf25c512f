"""Assemble incidents from a sentence's trigger, place, date, actors and casualty figures.

Steps: (1) each sentence yields one draft per incident type its triggers support, if it is told
as a happening (not a plan, a threat or a background campaign) and is grounded by a place or a
casualty figure; (2) each draft takes the place where it happened (after "in/on/at/near/
targeting", nearest the trigger, most specific), the date nearest its trigger in the same
sentence (or a roundup lead's date), the stated perpetrator and target, and its figures;
(3) figures in a following sentence with no trigger ("Four people were killed in the attack")
join the incident just told; (4) drafts of one type at one place and day merge; (5) the main
incident is the first violent one told (non-violent only when nothing violent is reported).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.attribution import (
    CIVILIAN_WORDS,
    REPORTING,
    Attribution,
    carrier_statements,
)
from trucewatch.extract.events import TRUCE_ACTS, resolve_sentence
from trucewatch.extract.lexicon import words
from trucewatch.extract.places import (
    CAPITAL,
    CAPITAL_REGION,
    headline_figures,
    headline_tiers,
    tag_list_tokens,
)
from trucewatch.extract.quantities import MONTH_WORDS, PEOPLE, is_year
from trucewatch.extract.spans import (
    ActorMention,
    PlaceMention,
    Quantity,
    Sentence,
    Trigger,
    doc_lowers,
    doc_text,
    sentence_of,
)
from trucewatch.model.incident import (
    NON_VIOLENT,
    GeoPrecision,
    Incident,
    IncidentType,
    Place,
    TimePrecision,
    Toll,
)
from trucewatch.model.report import Mention

LOCATIVE = words(
    """in on at near targeting targeted into across around outside outskirts of hit struck
    pounded shelled bombed inside within towards toward over"""
)
NEST_GAP = words("in of the neighbourhood neighborhood district town village city area province")
# Words that make a sentence a plan, threat, warning or habit rather than a happening.
IRREALIS = words(
    """will would could might may should plans plan planning preparing prepare threatened
    threatens threaten warned warns vowed vows intends intend ready continue continues
    continuing"""
)
DELIVERY_ACTS = words(
    """delivered delivering deliver entered enter arrived arrive reached reach dropped drop
    airdrop airdropped evacuated evacuation carried carrying sent bring brought distributed
    unloaded"""
)
# Words before a trigger that say it did not happen or stopped ("had stopped bombing Aleppo",
# "denied reports that its jets hit").
NEGATING = words("stopped halted suspended ceased denied denies deny denying without never no not")
# Sentence openers that tie a sentence to another story: no date is inherited across them.
COORD_FILLER = frozenset({"areas", "area", "town", "towns", "village", "villages", "of", "the"})
CHAIN_WORDS = COORD_FILLER | {"and", ",", "or", "in"}
SPAN_WORDS = frozenset({"continued", "until", "through", "between", "began"})
DETACHED = frozenset({"also", "meanwhile", "elsewhere", "earlier", "separately", "previously"})
# Words that make a sentence a habit or a history rather than one happening.
HABITUAL = words("previously regularly repeatedly often usually frequently routinely constant")
# A war's or a period's tally; the war words count only beside a figure in the thousands.
WEAPON_TYPES = frozenset(
    {
        IncidentType.AIR_STRIKE,
        IncidentType.SHELLING,
        IncidentType.ARMED_CLASH,
        IncidentType.EXPLOSION,
        IncidentType.CHEMICAL_ATTACK,
    }
)
SUMMARY_WORDS = words("overall total tally monthly weekly yearly annual")
WAR_WORDS = words("war conflict uprising revolt revolution crisis bloodshed")
UPDATE_WORDS = frozenset({"rose", "rises", "risen", "climbed", "climbs", "increased", "reached"})
# Dates that name a period rather than a day are not an incident's date.
PERIOD_KINDS = frozenset({"span", "since", "dateline"})
LOOSE_DAY_WORDS = ("overnight", "last night", "tonight")


@dataclass(slots=True)
class Draft:
    """An incident being assembled, with the mentions behind each field."""

    type: IncidentType
    sent: int
    trigger: Trigger
    place: PlaceMention | None = None
    date: object | None = None  # a DateMention
    perpetrator: str | None = None
    target: str | None = None
    killed: Toll = field(default_factory=Toll)
    injured: Toll = field(default_factory=Toll)
    evidence: list[Mention] = field(default_factory=list)
    inherited_date: bool = False
    vague: set[str] = field(default_factory=set)  # tolls known only as "dozens", "tens"
    roundup: bool = False  # a lead listing three or more governorates: dates others, not coded
    loose: bool = False  # told "overnight" / "last night": no day, not even from a merge
    counted_target: bool = False  # target read from who the toll counts, not stated as hit


def _mention(field_name: str, doc: Doc, start: int, end: int) -> Mention:
    return Mention(field_name, start, end, doc_text(doc)[start:end], doc._.report_id)


def _is_happening(doc: Doc, sent: Sentence, kind: IncidentType, triggers: list[Trigger]) -> bool:
    words = [w for w in doc_lowers(doc)[sent.token_start : sent.token_end]]
    first = min(t.token_start for t in triggers)
    before = {w for w in doc_lowers(doc)[sent.token_start : first]}
    if kind == IncidentType.TRUCE_DECLARED:
        return bool(TRUCE_ACTS.intersection(words)) or any(w.endswith("-hour") for w in words)
    if kind == IncidentType.HUMANITARIAN_DELIVERY:
        acts = [i for i, w in enumerate(words) if w in DELIVERY_ACTS]
        # "shot down after delivering aid": the delivery is the setting of another story
        done = [i for i in acts if not (i > 0 and words[i - 1] in ("after", "before", "to"))]
        # "a deal that will see 150 fighters evacuated": a plan, wherever the modal stands
        return bool(done) and not (set(words) & IRREALIS or before & NEGATING)
    if kind == IncidentType.ACCESSION:
        return True
    lowers = doc_lowers(doc)
    purpose = all(
        "to" in lowers[max(sent.token_start, t.token_start - 2) : t.token_start] for t in triggers
    )
    if purpose and kind in (IncidentType.TERRITORY_TAKEN, IncidentType.ARMED_CLASH):
        return False  # "battling to take control of", "an offensive to gain full control"
    if kind == IncidentType.ARMED_CLASH and all(_participle(lowers, t) for t in triggers):
        return False  # "a coalition fighting militants": who they are, not what happened
    last = max(t.token_end for t in triggers)
    after = {w for w in lowers[last : min(last + 12, sent.token_end)]}
    if (before | after) & IRREALIS or set(words) & HABITUAL or before & NEGATING:
        return False
    if all(t.token_start > 1 and lowers[t.token_start - 2] == "aimed" for t in triggers):
        return False  # "an operations room aimed at fighting the regime": a purpose
    return not _is_context(doc, sent)


def _is_context(doc: Doc, sent: Sentence) -> bool:
    """Background, caption or period tally: the sentence sets the scene (cached per sentence,
    since each incident type a sentence holds asks again)."""
    cache = doc.user_data.setdefault("tw_context", {})
    found = cache.get(sent.index)
    if found is None:
        found = _is_background(doc, sent) or _is_caption(doc, sent) or is_period(doc, sent)
        cache[sent.index] = found
    return found


FOES = words("militants jihadists rebels terrorists insurgents the is isis isil daesh extremists")


def _participle(lowers: list[str], trigger: Trigger) -> bool:
    """ "fighting militants", "fighting the regime": the verb describes an actor."""
    nxt = lowers[trigger.token_end] if trigger.token_end < len(lowers) else ""
    return trigger.text.lower() == "fighting" and nxt in FOES


# Phrases that set a sentence weeks or years before the report ("seized earlier this month").
EARLIER = (("earlier", "this", "month"), ("earlier", "this", "year"), ("last", "month"),
           ("last", "year"), ("last", "summer"), ("last", "winter"))  # fmt: skip


def _is_background(doc: Doc, sent: Sentence) -> bool:
    """A sentence set in an earlier year ("sarin was used in Ghouta in 2013", "seized in the
    1967 war") is background to the report, not one of its incidents."""
    anchor = doc._.anchor
    if anchor is None:
        return False
    years = [
        d.date.year
        for d in doc._.dates or ()
        if sent.start <= d.start < sent.end and d.date is not None
    ]
    toks = doc_lowers(doc)[sent.token_start : sent.token_end]
    years += [int(w[-4:]) for w in toks if w[-1:].isdigit() and _year_token(w)]
    if ("earlier" in toks or "last" in toks) and any(
        tuple(toks[i : i + len(p)]) == p for p in EARLIER for i in range(len(toks))
    ):
        return True
    if years and max(years) < anchor.year:
        return True
    # "seized by rebels in February", "since July": every date told is weeks before the report
    told = [
        d
        for d in doc._.dates or ()
        if sent.start <= d.start < sent.end and d.date is not None and d.kind != "dateline"
    ]
    # a day named outright ("on February 22") is an incident told, however old
    recent = [
        d
        for d in told
        if int(d.precision) == int(TimePrecision.DAY) or (anchor - (d.end_date or d.date)).days <= 7
    ]
    return bool(told) and not recent


# Word pairs that open a photo caption ("In this photo taken on June 8 ..."). A credit such as
# "(AFP Photo)" is not enough: with punctuation stripped it runs into the story's first sentence.
PHOTO_WORDS = frozenset({("this", "photo"), ("photo", "taken"), ("this", "picture")})


def _is_caption(doc: Doc, sent: Sentence) -> bool:
    """A photo caption ("A boy inspects the rubble after shelling in Hass Syria October 26
    2016"): it ends on a full date; it shows the story, it does not tell another incident."""
    if sent.index == 0:
        return False  # the dateline line
    toks = [w for w in doc_lowers(doc)[sent.token_start : sent.token_end] if w not in ".,"]
    if any(pair in PHOTO_WORDS for pair in pairwise(toks)):
        return True  # "In this photo taken on ...": a picture's caption
    if len(toks) < 4:
        return False
    month, day, year = toks[-3:]
    return month in MONTH_WORDS and day.isdigit() and len(day) <= 2 and is_year(year)


# Words that open a clause telling another happening ("... has risen while SDF fighters make
# gains in Manbij"): a place across one is not where the trigger's incident happened.
CLAUSE_BREAKS = words("while whereas meanwhile")


def _across_clause(doc: Doc, trigger: Trigger, p: PlaceMention) -> bool:
    """True when the place stands in a "while"-clause after the trigger's own. (A place before
    the trigger may set the whole sentence: "In Daraya ... barrel bombs ... while clashes".)"""
    if p.token_start < trigger.token_end:
        return False
    return any(w in CLAUSE_BREAKS for w in doc_lowers(doc)[trigger.token_end : p.token_start])


def _speaking(doc: Doc, p: PlaceMention, sent_end: int) -> bool:
    """ "officials in Damascus said", "Damascus and Moscow denied": the place names a speaker
    (or its seat), not where something happened."""
    after = doc[p.token_end : min(p.token_end + 2, sent_end)]
    if any(t.lower_ in REPORTING for t in after):
        return True
    if len(after) == 2 and after[0].lower_ == "and" and after[1].text[:1].isupper():
        nxt = doc[after[1].i + 1 : min(after[1].i + 2, sent_end)]
        return any(t.lower_ in REPORTING for t in nxt)
    return False


def _choose_place(doc: Doc, sent: Sentence, trigger: Trigger) -> PlaceMention | None:
    cands = [
        p for p in doc._.places if p.sent == sent.index and not _across_clause(doc, trigger, p)
    ]
    if not cands:
        return None

    def score(p: PlaceMention) -> tuple[int, int, int, int, int]:
        speaking = _speaking(doc, p, sent.token_end)
        locative = _locative(doc, p)
        if _comes_from(doc, p.token_start, sent.token_start):
            locative = False
        dist = min(abs(p.token_start - trigger.token_end), abs(trigger.token_start - p.token_end))
        specific = -int(p.place.geo_precision)
        follows = int(p.token_start >= trigger.token_start)
        return (int(locative), int(not speaking), specific, follows, -dist)

    best = max(cands, key=score)
    if score(best)[:2] == (0, 0):
        return None  # only a speaker ("Damascus and Moscow denied any role"): no place told
    # "al-Midan in Aleppo", "Hass in Idlib": the specific place wins; "X in Y" is one location
    inner = next(
        (p for p in cands if p.token_end <= best.token_start and _nests(doc, p, best)), None
    )
    return inner if inner is not None else best


def _nests(doc: Doc, inner: PlaceMention, outer: PlaceMention) -> bool:
    """ "X in Y", "X neighbourhood of Y": a place named inside another of the same governorate."""
    gap = doc_lowers(doc)[inner.token_end : outer.token_start]
    if not gap or len(gap) > 3 or not ({"in", "of"} & set(gap)):
        return False
    if not all(w in NEST_GAP for w in gap):
        return False
    same = inner.place.governorate == outer.place.governorate
    return same and inner.place.geo_precision <= outer.place.geo_precision


# Words between "from" and a place that still leave the place an origin ("evacuees from the two
# besieged towns of X", "fighters from the village of Y", "from the northern towns of X and Y").
ORIGIN_FILLER = words(
    """the of two three both besieged town towns village villages city cities area areas
    neighbourhood neighborhood district regime-held government-held rebel-held and
    predominantly mainly mostly northern southern eastern western central nearby
    pro-government opposition-held government-controlled rebel-controlled - held controlled
    regime government rebel opposition pro province governorate coastal"""
)
# Words before "to" that make the place a destination ("their journey to X", "bused to Y").
HEADING = words(
    """journey way route heading headed head bound bused transferred moved taken transported
    evacuated relocated travel travelling traveling"""
)
ORIGIN_REACH = 10  # tokens back from a place to the "from" that makes it an origin


def _comes_from(doc: Doc, token_start: int, sent_start: int) -> bool:
    """ "people from X", "evacuees from the northern towns of X and Y", "buses carrying civilians
    out of X", "on their journey to X": X is where they came from or were going, not where the
    incident happened. Names on the way
    back ("Shia", another town of the list) are part of the origin phrase."""
    lowers = doc_lowers(doc)
    k = token_start - 1
    floor = max(sent_start, token_start - ORIGIN_REACH)
    while k >= floor and (lowers[k] in ORIGIN_FILLER or doc[k].text[:1].isupper()):
        k -= 1
    if k < sent_start:
        return False
    if lowers[k] == "to" and k > sent_start and lowers[k - 1] in HEADING:
        return True  # "their journey to X": where they were going, not where it happened
    return lowers[k] == "from" or (lowers[k] == "out" and lowers[k + 1 : k + 2] == ["of"])


def _place_chain(doc: Doc, first: PlaceMention | None) -> list[PlaceMention]:
    """The chosen place and those joined to it by "and" / "," ("Eastern Ghouta and Darayya")."""
    if first is None:
        return []
    chain = [first]
    for p in doc._.places:
        if p.sent != first.sent or p.token_start <= chain[-1].token_start:
            continue
        gap = doc[chain[-1].token_end : p.token_start]
        if len(gap) <= 4 and all(t.lower_ in CHAIN_WORDS for t in gap):
            chain.append(p)
        elif p.token_start > chain[-1].token_end:
            break
    return chain


def _per_town(doc: Doc, draft: Draft, chain: list[PlaceMention]) -> list[Draft]:
    """ "Shells hit al-Fouaa and Kafraya": one incident per town (GOLD-DEV.md); a toll that
    is not split between them stays with the first."""
    out = []
    seen = {draft.place.place.name} if draft.place else set()
    for prev, p in pairwise(chain):
        gap = {w for w in doc_lowers(doc)[prev.token_end : p.token_start]}
        if not gap & {"and", ",", "or"} or gap & {"in", "of"} - COORD_FILLER:
            break  # "X in Y" nests a place; only "X and Y" names two
        if p.place.geo_precision == GeoPrecision.REGION or p.place.name in seen:
            continue
        seen.add(p.place.name)
        twin = Draft(draft.type, draft.sent, draft.trigger, place=p, date=draft.date)
        twin.roundup = draft.roundup
        twin.perpetrator, twin.target = draft.perpetrator, draft.target
        twin.counted_target = draft.counted_target
        twin.evidence = [m for m in draft.evidence if m.field not in ("place", "killed", "injured")]
        twin.evidence.append(_mention("place", doc, p.start, p.end))
        out.append(twin)
    return out


def _choose_date(doc: Doc, sent: Sentence, trigger: Trigger) -> object | None:
    dates = [
        d
        for d in doc._.dates or ()
        if sent.start <= d.start < sent.end
        and d.kind not in PERIOD_KINDS
        and d.date is not None
        and int(d.precision) == int(TimePrecision.DAY)  # spans and "past two days" are no day
    ]
    # "said on Thursday": the day of the report, not of the incident
    dates = [d for d in dates if not _reporting_date(doc, d)]
    if _loose_day(doc, sent):
        return None  # "overnight", "last night": which calendar day is unclear (GOLD-DEV.md)
    if not dates:
        return None
    # "began Saturday and continued Sunday": a span of days names no single day
    if len({d.date for d in dates}) > 1:
        span_words = {w for w in doc_lowers(doc)[sent.token_start : sent.token_end]} & SPAN_WORDS
        if span_words:
            return None
    return min(dates, key=lambda d: abs(d.start - trigger.start))


def _loose_day(doc: Doc, sent: Sentence) -> bool:
    """ "overnight", "last night": the text does not say which calendar day."""
    text = doc_text(doc)[sent.start : sent.end].lower()
    return "overnight" in text or "last night" in text


def _reporting_date(doc: Doc, date: object) -> bool:
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return False
    # the words before the date in its own sentence ("...the reports. On Monday" is no cue)
    floor = doc._.sentences[sentence_of(doc, span.start)].token_start
    before = doc[max(floor, span.start - 4) : span.start]
    words = [t.lower_ for t in before]
    # the verb right before the date, allowing "on" and a short subject ("told AFP on")
    return any(w in REPORTING for w in words[-3:]) and "killed" not in words


def _quantities_for(
    quantities: list[Quantity], sent: Sentence, triggers: dict[IncidentType, Trigger]
) -> dict[IncidentType, list[Quantity]]:
    """Give each figure in the sentence to the incident whose trigger is nearest."""
    out: dict[IncidentType, list[Quantity]] = {k: [] for k in triggers}
    # the dead are the toll of a weapon before that of a capture or an execution
    lethal = [k for k in triggers if k in WEAPON_TYPES] or list(triggers)
    for q in quantities:
        if q.sent != sent.index:
            continue
        kind = min(
            lethal,
            key=lambda k: min(abs(q.start - triggers[k].start), abs(q.end - triggers[k].end)),
        )
        out[kind].append(q)
    return out


def _combine(old: Toll, new: Toll, update: bool) -> Toll:
    """Two figures for one toll: an update replaces, a disagreement widens to min/max."""
    if not old.known:
        return new
    if not new.known or new == old:
        return old
    if update:
        return new
    lows = [v for v in (old.low, new.low, old.best, new.best) if v is not None]
    highs = [v for v in (old.high, new.high) if v is not None]
    open_ended = old.high is None or new.high is None
    low = min(lows) if lows else None
    high = None if open_ended else max(highs)
    if low is not None and high is not None and low == high:
        return Toll(low, low, high)
    return Toll(low=low, high=high)


def is_summary(doc: Doc, sent: Sentence) -> bool:
    """A sentence that sums up a war or a period ("the conflict has killed 300,000 since
    2011", "a total of", "the monthly toll"): its figures belong to no single incident."""
    toks = doc_lowers(doc)[sent.token_start : sent.token_end]
    # "over the past seven days", "in the two weeks of fighting before the pause"
    tally = any(w in ("past", "the") and _counts_days(toks, i + 1) for i, w in enumerate(toks))
    return bool(SUMMARY_WORDS.intersection(toks)) or tally or is_period(doc, sent)


def is_period(doc: Doc, sent: Sentence) -> bool:
    """A sentence told over a war or a period ("killed 300,000 since 2011", "over the past few
    days"): it is no incident of its own (GOLD-DEV.md: period summaries are not coded)."""
    toks = [w for w in doc_lowers(doc)[sent.token_start : sent.token_end]] + [""]
    big = any(
        q.sent == sent.index and (q.toll.low or q.toll.high or 0) >= 1000
        for q in doc._.quantities or ()
    )
    for i, w in enumerate(toks[:-1]):
        nxt = toks[i + 1]
        if big and w in WAR_WORDS:
            return True  # "the war has killed 300,000", but not "a war monitor said"
        if w == "since" and (nxt in ("the", "its") or nxt in MONTH_WORDS or is_year(nxt)):
            return True
        if w == "the" and _counts_days(toks, i + 1) and toks[min(i + 3, len(toks) - 1)] == "of":
            return True  # "in the two weeks of fighting before the pause"
        if w in ("past", "recent") and nxt in PERIOD_OPENERS:
            return True  # "over the past few days", "in recent weeks" (not "the past two days")
    return False


PERIOD_OPENERS = frozenset({"few", "days", "weeks", "months", "year", "several", "week", "month"})
PERIOD_UNITS = frozenset({"days", "weeks", "months", "years", "hours"})


def _counts_days(toks: list[str], k: int) -> bool:
    """ "seven days", "48 hours", "two weeks": a count of a period's units."""
    from trucewatch.extract.numbers import TENS, UNITS

    word = toks[k] if k < len(toks) else ""
    number = word.isdigit() or word in UNITS or word in TENS
    return number and k + 1 < len(toks) and toks[k + 1] in PERIOD_UNITS


def _year_token(word: str) -> bool:
    """ "2014" or "mid-2014"."""
    return is_year(word[-4:]) and (len(word) == 4 or word[-5] == "-")


def _add_toll(draft: Draft, kind: str, toll: Toll, vague: bool, update: bool) -> bool:
    """Fold one figure into a draft's toll; "dozens" counts only while no number is given."""
    old = draft.killed if kind == "killed" else draft.injured
    if vague and old.known and kind not in draft.vague:
        return False
    if not vague and kind in draft.vague:
        new, update = toll, True  # a number replaces "dozens"
        draft.vague.discard(kind)
    else:
        new = toll
        if vague and not old.known:
            draft.vague.add(kind)
    combined = _combine(old, new, update)
    if kind == "killed":
        draft.killed = combined
    else:
        draft.injured = combined
    return True


def _add_quantity(doc: Doc, draft: Draft, q: Quantity) -> None:
    update = any(w in q.text.lower().split() for w in UPDATE_WORDS)
    if _add_toll(draft, q.kind, q.toll, q.vague, update):
        draft.evidence.append(_mention(q.kind, doc, q.start, q.end))
        if draft.target is None and draft.type in COUNTED_TARGET_TYPES:
            counted = civilians_counted(doc, q, draft.type)
            if counted is not None:  # "killing 37 civilians": the civilians were hit
                draft.target, draft.counted_target = "civilians", True
                draft.evidence.append(_mention("target", doc, *counted))


def _join_target(home: Draft, other: Draft) -> None:
    """Fill ``home``'s target from a draft of the same incident: a target stated as hit ("an
    attack on YPG positions") outranks one read from who the toll counted."""
    if home.target is None or (home.counted_target and not other.counted_target and other.target):
        if home.target is not None:  # the toll's words no longer back the target
            home.evidence = [m for m in home.evidence if m.field != "target"]
        home.target, home.counted_target = other.target, other.counted_target


# Incidents whose dead name their target; a capture's or a truce's do not.
COUNTED_TARGET_TYPES = WEAPON_TYPES | {IncidentType.ATTACK_ON_CIVILIANS}
# Who a toll may count when it names civilians: anyone but those who bear arms. "People" killed
# in a clash may be its fighters, so there only words that exclude them count.
COUNTED_CIVILIANS = (PEOPLE - words("soldier soldiers fighter fighters member members man men")) | (
    CIVILIAN_WORDS
    | words("residents inhabitants villagers patients passengers worshippers medics volunteers")
)
VAGUE_PEOPLE = words("people persons person")
COUNT_STOPS = words("were was are is have has had in on at when by after as who while")
PEOPLE_REACH = (
    3  # words after a figure where the people it counts are named ("37 Syrian civilians")
)


def civilians_counted(doc: Doc, q: Quantity, kind: IncidentType) -> tuple[int, int] | None:
    """The character span of the word saying a toll counts civilians ("two civilians", "28
    people, children among them", "a mother and her child"), or None when it counts fighters,
    soldiers or rebels, or says nothing of who they were."""
    if q.people_at < 0:
        return None
    sent = doc._.sentences[q.sent]
    lowers = doc_lowers(doc)
    for k in range(q.people_at, min(q.people_at + PEOPLE_REACH, sent.token_end)):
        w = lowers[k]
        if w in ARMED_VICTIMS or w in COUNT_STOPS or doc[k].is_punct:
            return None
        if w in COUNTED_CIVILIANS and not (kind == IncidentType.ARMED_CLASH and w in VAGUE_PEOPLE):
            return doc[k].idx, doc[k].idx + len(doc[k].text)
    return None


def draft_incidents(doc: Doc) -> list[Draft]:
    """Drafts, one per (sentence, type), before merging."""
    by_sent: dict[int, list[Trigger]] = {}
    related = _related_lists(doc)
    tags = tag_list_tokens(doc)
    for t in doc._.triggers or ():
        if t.token_start < related.get(t.sent, t.token_start + 1) and t.token_start not in tags:
            by_sent.setdefault(t.sent, []).append(t)
    killers: dict[int, ActorMention] = {}
    for t, killer in _kill_triggers(doc, by_sent):
        by_sent[t.sent] = [t]
        killers[t.start] = killer
    quantities: list[Quantity] = doc._.quantities or []
    pending: list[Draft] = []
    drafts = _ground_pending(doc, _drafts_from(doc, by_sent, killers, pending), pending, quantities)
    if not any(d.type not in NON_VIOLENT for d in drafts):
        # the lead types nothing violent: an untyped attack told there may still be the story
        fallback = _untyped_attack(doc, related)
        if fallback is not None:
            drafts = sorted(
                drafts + _drafts_from(doc, {fallback.sent: [fallback]}, {}), key=lambda d: d.sent
            )
    drafts = _fold_back_references(doc, drafts)
    _carry_perpetrator(drafts)
    _carrier_perpetrator(doc, drafts)
    _attach_orphan_figures(doc, drafts, quantities)
    _inherit_lead_date(doc, drafts)
    return [d for d in drafts if not d.roundup]


def _drafts_from(
    doc: Doc,
    by_sent: dict[int, list[Trigger]],
    killers: dict[int, ActorMention],
    pending: list[Draft] | None = None,
) -> list[Draft]:
    """Drafts from the triggers of each sentence, in the order told; drafts with neither
    place nor figure go to ``pending`` (when given) to be grounded by :func:`_ground_pending`."""
    attributions: dict[int, Attribution] = doc._.attributions or {}
    drafts: list[Draft] = []
    sents: list[Sentence] = doc._.sentences
    quantities: list[Quantity] = doc._.quantities or []
    for index in sorted(by_sent):
        sent = sents[index]
        sent_words = {w for w in doc_lowers(doc)[sent.token_start : sent.token_end]}
        types = resolve_sentence(by_sent[index], sent_words)
        kept = {k: ts for k, ts in types.items() if _is_happening(doc, sent, k, ts)}
        if not kept:
            continue
        leading = {k: min(ts, key=lambda t: (-t.strength, t.start)) for k, ts in kept.items()}
        summary = is_summary(doc, sent)
        figures = {} if summary else _quantities_for(quantities, sent, leading)
        told: list[tuple[Draft, list[PlaceMention]]] = []
        for kind, trigger, own_place, own_figures in _told_apart(doc, sent, kept, leading, figures):
            draft = Draft(kind, index, trigger)
            draft.evidence.append(_mention("type", doc, trigger.start, trigger.end))
            draft.place = own_place or _choose_place(doc, sent, trigger)
            chain = _place_chain(doc, draft.place)
            for p in chain:
                draft.evidence.append(_mention("place", doc, p.start, p.end))
            draft.date = _choose_date(doc, sent, trigger)
            draft.loose = _loose_day(doc, sent)
            if draft.date is not None:
                draft.evidence.append(_mention("date", doc, draft.date.start, draft.date.end))
            attr = attributions.get(trigger.start)
            if trigger.start in killers:  # "the army killed 30 terrorists": the army acted
                killer = killers[trigger.start]
                draft.perpetrator = killer.canonical
                draft.evidence.append(_mention("perpetrator", doc, killer.start, killer.end))
            elif attr is not None and kind not in NON_VIOLENT:
                if attr.perpetrator is not None:
                    draft.perpetrator = attr.perpetrator.canonical
                    draft.evidence.append(
                        _mention("perpetrator", doc, attr.perpetrator.start, attr.perpetrator.end)
                    )
                if attr.target is not None and attr.target != draft.perpetrator:
                    draft.target = attr.target
                    if attr.target_span:
                        draft.evidence.append(_mention("target", doc, *attr.target_span))
            for q in own_figures:
                if kind not in NON_VIOLENT:
                    _add_quantity(doc, draft, q)
            grounded = draft.place is not None or draft.killed.known or draft.injured.known
            # "attacks in Aleppo Hama Damascus and its countryside": a roundup's lead, too vague
            # to code; it only lends its day to the items told after it
            draft.roundup = len({p.place.governorate for p in chain}) >= 3
            if grounded or kind in NON_VIOLENT:
                told.append((draft, chain))
            elif kind in WEAPON_TYPES and _name_the_weapon(drafts, draft):
                pass
            elif pending is not None:
                pending.append(draft)
        for draft, chain in _one_per_place(told):
            drafts.append(draft)
            if draft.type not in NON_VIOLENT:
                drafts.extend(_per_town(doc, draft, chain))
    return drafts


def _told_apart(
    doc: Doc,
    sent: Sentence,
    kept: dict[IncidentType, list[Trigger]],
    leading: dict[IncidentType, Trigger],
    figures: dict[IncidentType, list[Quantity]],
) -> list[tuple[IncidentType, Trigger, PlaceMention | None, list[Quantity]]]:
    """(type, trigger, place or None, figures) for each incident a sentence tells: one per
    type, unless the sentence tells one type at two places each after its own trigger ("14
    were killed in strikes in Deir Ezzor and five died in raids in Hasakeh"): two incidents
    (GOLD-DEV.md: two towns are two incidents), each with the figures nearest its trigger."""
    out: list[tuple[IncidentType, Trigger, PlaceMention | None, list[Quantity]]] = []
    for kind, trigger in leading.items():
        own = _own_places(doc, sent, kept[kind]) if kind not in NON_VIOLENT else []
        if len(own) < 2:
            out.append((kind, trigger, None, figures.get(kind, [])))
            continue
        mine: dict[int, list[Quantity]] = {t.start: [] for t, _ in own}
        for q in figures.get(kind, []):
            nearest = min(
                (t for t, _ in own),
                key=lambda t: min(abs(q.start - t.end), abs(t.start - q.end)),
            )
            mine[nearest.start].append(q)
        out += [(kind, t, p, mine[t.start]) for t, p in own]
    return out


def _own_places(
    doc: Doc, sent: Sentence, triggers: list[Trigger]
) -> list[tuple[Trigger, PlaceMention]]:
    """Triggers of one type each followed, before the next, by a place of their own
    ("strikes in X ... raids in Y"), one per distinct place."""
    ordered = sorted(triggers, key=lambda t: t.start)
    if len(ordered) < 2:
        return []
    places = [p for p in doc._.places or () if p.sent == sent.index]
    own: list[tuple[Trigger, PlaceMention]] = []
    for k, t in enumerate(ordered):
        limit = ordered[k + 1].token_start if k + 1 < len(ordered) else sent.token_end
        place = next(
            (
                p
                for p in places
                if t.token_end <= p.token_start < limit
                and _locative(doc, p)
                and not _comes_from(doc, p.token_start, sent.token_start)
            ),
            None,
        )
        if place is not None and all(place.place.name != o.place.name for _, o in own):
            own.append((t, place))
    return own


# Words between a locative and its place that do not change it ("in the central Hama
# province", "in western Syria's Idlib province").
PLACE_MODIFIERS = words(
    """the central northern southern eastern western northeastern northwestern southeastern
    southwestern north south east west rural besieged nearby syria syrias syrian"""
)


def _locative(doc: Doc, p: PlaceMention) -> bool:
    """ "in X", "on the X", "near X", "province of X", "in the central X province": a place
    told as where something is."""
    lowers = doc_lowers(doc)
    k = p.token_start - 1
    while k > 0 and p.token_start - k <= 3 and lowers[k] in PLACE_MODIFIERS:
        k -= 1
    prev = lowers[p.token_start - 1] if p.token_start > 0 else ""
    prev2 = lowers[p.token_start - 2] if p.token_start > 1 else ""
    return (
        prev in LOCATIVE
        or prev2 in LOCATIVE
        or prev in ("-", "of")
        or (k >= 0 and lowers[k] in LOCATIVE)
    )


# When one sentence tells several weapons at one place, the incident is of the most telling one
# ("the air force and artillery struck them at X": one incident, GOLD-DEV.md "rocket plus
# sniper fire is shelling").
WEAPON_RANK = (
    IncidentType.CHEMICAL_ATTACK,
    IncidentType.EXPLOSION,
    IncidentType.AIR_STRIKE,
    IncidentType.SHELLING,
)


def _one_per_place(
    told: list[tuple[Draft, list[PlaceMention]]],
) -> list[tuple[Draft, list[PlaceMention]]]:
    """One weapon incident per place in a sentence: the best-ranked type keeps the others'
    figures and evidence."""
    out: list[tuple[Draft, list[PlaceMention]]] = []
    for draft, chain in sorted(
        told, key=lambda dc: WEAPON_RANK.index(dc[0].type) if dc[0].type in WEAPON_RANK else 9
    ):
        home = next(
            (
                d
                for d, _ in out
                if d.type in WEAPON_RANK
                and draft.type in WEAPON_RANK
                and _place_name(d) == _place_name(draft)
            ),
            None,
        )
        if home is None:
            out.append((draft, chain))
            continue
        for kind in ("killed", "injured"):
            toll = draft.killed if kind == "killed" else draft.injured
            if toll.known and not (home.killed if kind == "killed" else home.injured).known:
                _add_toll(home, kind, toll, kind in draft.vague, update=False)
        home.perpetrator = home.perpetrator or draft.perpetrator
        _join_target(home, draft)
        home.evidence.extend(m for m in draft.evidence if m.field != "type")
    return sorted(out, key=lambda dc: dc[0].trigger.start)


def _place_name(d: Draft) -> str | None:
    return d.place.place.name if d.place is not None else None


def _related_lists(doc: Doc) -> dict[int, int]:
    """Sentence -> token where a "Related" list of other headlines starts (web page furniture
    that punctuation stripping glued to the story)."""
    out: dict[int, int] = {}
    if "Related" not in doc_text(doc):
        return out  # the common case, without walking the tokens
    for t in doc:
        if t.text == "Related" and t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper():
            out.setdefault(sentence_of(doc, t.i), t.i)
    return out


# Victims who are fighters: "the army killed 60 terrorists" is a clash (GOLD-DEV.md 762, 583).
COMBATANTS = words(
    """terrorists terrorist militants militant gunmen jihadists fighters insurgents mercenaries
    extremists takfiris"""
)


KILL_VERBS = words("killed kills killing kill eliminated eliminating")


def _kill_triggers(
    doc: Doc, by_sent: dict[int, list[Trigger]]
) -> list[tuple[Trigger, ActorMention]]:
    """ "The army killed 60 terrorists near X": a force named as killing fighters, in a
    sentence naming no weapon, tells an armed clash; the killing words stand as its trigger."""
    actors = doc._.actors or []
    lowers = doc_lowers(doc)
    sents = doc._.sentences
    out: list[tuple[Trigger, ActorMention]] = []
    for q in doc._.quantities or ():
        if q.kind != "killed" or q.sent in by_sent or any(t.sent == q.sent for t, _ in out):
            continue
        sent = sents[q.sent]
        if not COMBATANTS.intersection(
            lowers[q.token_start : min(q.token_end + 3, sent.token_end)]
        ):
            continue
        killer = [
            a
            for a in actors
            if a.sent == q.sent
            and a.token_end <= q.token_start
            and a.canonical not in (None, "civilians")
        ]
        # the force acts: "the army killed ...", not "60 soldiers were killed by ..."
        acts = killer and KILL_VERBS.intersection(lowers[killer[0].token_end : q.token_end])
        if not acts:
            continue
        kind = IncidentType.ARMED_CLASH
        trigger = Trigger(q.start, q.end, q.text, kind, q.token_start, q.token_end, q.sent, 1)
        out.append((trigger, killer[0]))
    return out


# Words that tell an attack without saying with what ("a terrorist attack", "targeted a bus").
UNTYPED_ATTACK = words("attack attacks attacked targeted targeting killed kills killing")
# Victims who bore arms: their killing, with no weapon named, is a clash, not an atrocity.
ARMED_VICTIMS = COMBATANTS | words("soldiers soldier troops troopers rebels policemen")
LEAD_SENTENCES = 4  # an untyped attack counts only where a report tells its story: the lead


def _untyped_attack(doc: Doc, related: dict[int, int]) -> Trigger | None:
    """ "A terrorist attack killed 18 in X", "19 killed in an attack on Y": when a report types
    no incident, the first happening in its lead that states a toll (or an attack at a place)
    is its incident. Fighters killed make it a clash, anyone else an attack on civilians."""
    sents: list[Sentence] = doc._.sentences
    lowers = doc_lowers(doc)
    quantities: list[Quantity] = doc._.quantities or []
    placed = {p.sent for p in doc._.places or ()}
    for sent in sents[:LEAD_SENTENCES]:
        if sent.index in related or is_summary(doc, sent):
            continue
        toks = range(sent.token_start, sent.token_end)
        word = next((i for i in toks if lowers[i] in UNTYPED_ATTACK), None)
        figures = [q for q in quantities if q.sent == sent.index]
        if not figures and (word is None or sent.index not in placed):
            continue
        victims = lowers[sent.token_start : sent.token_end]
        if figures:
            q = figures[0]
            # who the figure counts: "30 members of the regime troops", not "a terrorist attack"
            victims = lowers[q.token_start : min(q.token_end + 5, sent.token_end)]
        kind = (
            IncidentType.ARMED_CLASH
            if ARMED_VICTIMS.intersection(victims)
            else IncidentType.ATTACK_ON_CIVILIANS
        )
        if word is not None:
            tok = doc[word]
            start, end, text, t0, t1 = tok.idx, tok.idx + len(tok.text), tok.text, word, word + 1
        else:
            q = figures[0]
            start, end, text, t0, t1 = q.start, q.end, q.text, q.token_start, q.token_end
        trigger = Trigger(start, end, text, kind, t0, t1, sent.index, 1)
        if _is_happening(doc, sent, kind, [trigger]):
            return trigger
    return None


def _name_the_weapon(drafts: list[Draft], hint: Draft) -> bool:
    """ "...a massacre in Bab al-Nairab killing 25. The victims were hit by airstrikes": a
    weapon named right after a massacre says what kind of incident the massacre was.
    True when it did."""
    for d in reversed(drafts):
        if d.sent < hint.sent - 1:
            return False
        if d.type == IncidentType.ATTACK_ON_CIVILIANS and d.sent == hint.sent - 1:
            d.type = hint.type
            d.evidence.append(hint.evidence[0])
            d.perpetrator = d.perpetrator or hint.perpetrator
            return True
    return False


GROUNDING_REACH = 2  # sentences after a placeless, toll-less incident where its toll may follow


def _ground_pending(
    doc: Doc, drafts: list[Draft], pending: list[Draft], quantities: list[Quantity]
) -> list[Draft]:
    """ "Victims of a suspected chemical attack ... The WHO put the death toll at 70": an
    incident told in the lead with neither place nor figure takes the figures of the next
    sentence or two that tell no incident of their own (no trigger, no background, no
    period tally); with none it is dropped, as before."""
    if not pending:
        return drafts
    sents = doc._.sentences
    told = {d.sent for d in drafts if d.type not in NON_VIOLENT}
    triggered = {t.sent for t in doc._.triggers or ()}
    grounded: list[Draft] = []
    for p in pending:
        if p.sent in told or p.type in NON_VIOLENT or p.sent >= LEAD_SENTENCES:
            continue
        for k in range(p.sent + 1, min(p.sent + GROUNDING_REACH + 1, len(sents))):
            if k in told or k in triggered:
                break
            figures = [q for q in quantities if q.sent == k]
            if not figures:
                continue
            if (
                is_summary(doc, sents[k])
                or _is_context(doc, sents[k])
                or _superseded(doc, sents[k])
            ):
                break
            for q in figures:
                toll = p.killed if q.kind == "killed" else p.injured
                if not toll.known:
                    _add_quantity(doc, p, q)
            break
        if p.killed.known or p.injured.known:
            grounded.append(p)
            told.add(p.sent)
    return sorted(drafts + grounded, key=lambda d: (d.sent, d.trigger.start))


def _carry_perpetrator(drafts: list[Draft]) -> None:
    """ "Regime and Russian jets carried out air strikes on Aleppo. Six died in air strikes on
    Atareb": the next sentence's incident of the same type keeps the actor just named."""
    for prev, d in pairwise(drafts):
        follows = d.type == prev.type and d.sent - prev.sent == 1
        if d.perpetrator is None and prev.perpetrator and follows and _same_governorate(prev, d):
            d.perpetrator = prev.perpetrator


DEFINITE = words("the this these")


def _fold_back_references(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """ "An air strike hit a camp near Sarmada ... The strike came on the day a regime of calm
    for Aleppo city took effect": "the strike", with no toll of its own and no place told as
    where it hit, is the strike already told, not another; what it adds (a day, a party) goes
    to that one. A place it names in passing is not the incident's."""
    lowers = doc_lowers(doc)
    out: list[Draft] = []
    for d in drafts:
        t = d.trigger
        definite = t.token_start > 0 and lowers[t.token_start - 1] in DEFINITE
        told = [e for e in out if e.type == d.type and e.sent < d.sent]
        if (
            not definite
            or d.type in NON_VIOLENT
            or not told
            or d.killed.known
            or d.injured.known
            or d.place is None
            or _told_where(doc, d.place)
        ):
            out.append(d)
            continue
        home = told[-1]
        if not _same_day(home.date, d.date):
            out.append(d)
            continue
        home.date = home.date or d.date
        home.perpetrator = home.perpetrator or d.perpetrator
        _join_target(home, d)
        home.evidence.extend(m for m in d.evidence if m.field not in ("type", "place"))
    return out


NAME_GLUE = frozenset({"al", "el", "-"})  # inside names ("al-Zablatani")
LIST_REACH = 8  # tokens back from a listed place to the locative that opens its list


def _told_where(doc: Doc, place: PlaceMention) -> bool:
    """True when a place is told as where something happened: after a locative itself, or listed
    after one ("in the towns of Teldo, Tel Dahab and Kafr Laha": each of them)."""
    if _locative(doc, place):
        return True
    lowers = doc_lowers(doc)
    floor = max(doc._.sentences[place.sent].token_start, place.token_start - LIST_REACH)
    for k in range(place.token_start - 1, floor - 1, -1):
        if lowers[k] in LOCATIVE:
            return True
        listed = lowers[k] in CHAIN_WORDS | NAME_GLUE or doc[k].text[:1].isupper()
        if not listed:
            return False
    return False


CARRIER_REACH = 5  # sentences back from "the aircraft were Russian" to the raids it tells of


def _carrier_perpetrator(doc: Doc, drafts: list[Draft]) -> None:
    """ "Jets struck two villages ... Residents said the aircraft were Russian": a statement of
    whose the carrier was gives the perpetrator of the nearest incident of that kind told
    before it (all its drafts in that sentence, one per town), when none is stated."""
    for st in carrier_statements(doc):
        told = [
            d
            for d in drafts
            if d.type == st.trigger.type
            and 0 <= st.trigger.sent - d.sent <= CARRIER_REACH
            and d.trigger.start < st.trigger.start
        ]
        if not told:
            continue
        nearest = max(told, key=lambda d: (d.sent, d.trigger.start))
        for d in told:
            if d.sent == nearest.sent and d.perpetrator is None:
                d.perpetrator = st.perpetrator
                d.evidence.append(_mention("perpetrator", doc, st.start, st.end))


def _same_governorate(a: Draft, b: Draft) -> bool:
    ga = a.place.place.governorate if a.place else None
    gb = b.place.place.governorate if b.place else None
    return ga is None or gb is None or ga == gb


def _attach_orphan_figures(doc: Doc, drafts: list[Draft], quantities: list[Quantity]) -> None:
    """Figures in a sentence with no incident of its own join the incident just told."""
    taken = {d.sent for d in drafts}
    sents = doc._.sentences
    for q in quantities:
        if q.sent in taken or is_summary(doc, sents[q.sent]):
            continue
        if _superseded(doc, sents[q.sent]):
            continue  # "Earlier counts had put the dead at 27": a count since replaced
        prior = [d for d in drafts if 0 < q.sent - d.sent <= 2 and d.type not in NON_VIOLENT]
        if not prior:  # another source's count may come a few sentences on
            prior = [
                d
                for d in drafts
                if 0 < q.sent - d.sent <= COUNT_REACH
                and d.type not in NON_VIOLENT
                and _another_count(doc, sents[q.sent], q, d)
            ]
        # "...killing at least 25. The victims were hit by airstrikes": the next sentence
        after = [d for d in drafts if d.sent - q.sent == 1 and d.type not in NON_VIOLENT]
        if not prior and not after:
            continue
        draft = prior[-1] if prior else after[0]
        toll = draft.killed if q.kind == "killed" else draft.injured
        # a number may still replace "dozens" (GOLD-DEV.md: "dozens" only when no number is given)
        figure = q.toll.low or q.toll.high or 0
        if not toll.known or (q.kind in draft.vague and not q.vague and figure >= (toll.low or 0)):
            _add_quantity(doc, draft, q)
        elif _another_count(doc, sents[q.sent], q, draft):
            _add_quantity(doc, draft, q)  # two sources disagreeing: the toll widens


# Verbs by which a source gives its own count of the dead ("X put the dead at 56", "Y said 85
# had died", "Z claimed 160 civilians had died").
COUNT_CUES = REPORTING | words("put gave counted")
ADDED = words("other others more another further additional")
COUNT_REACH = 5  # sentences after an incident where other sources' counts of its dead follow
SUPERSEDED = words("earlier previous previously initial initially preliminary")


def _superseded(doc: Doc, sent: Sentence) -> bool:
    """ "Earlier counts had put the dead at 27": a sentence telling a count since replaced."""
    return bool(SUPERSEDED.intersection(doc_lowers(doc)[sent.token_start : sent.token_end]))


def _another_count(doc: Doc, sent: Sentence, q: Quantity, draft: Draft) -> bool:
    """True when a later sentence gives another source's count of the same incident's dead: a
    whole number (not "dozens", not a part "among" them), told by a source, in a sentence that
    names no place other than the incident's."""
    if q.kind != "killed" or q.vague or q.toll.best is None or "killed" in draft.vague:
        return False
    toks = doc_lowers(doc)[sent.token_start : sent.token_end]
    if not COUNT_CUES.intersection(toks) or "among" in toks or SUPERSEDED.intersection(toks):
        return False  # "Earlier counts had put the dead at 27": an old count, since updated
    near = doc_lowers(doc)[q.token_start : min(q.token_end + 2, sent.token_end)]
    if ADDED.intersection(near):
        return False  # "24 other people were killed": more dead, not another count
    here = {p.place.governorate for p in doc._.places or () if p.sent == sent.index}
    home = draft.place.place.governorate if draft.place is not None else None
    return not here or here == {home}


def _inherit_lead_date(doc: Doc, drafts: list[Draft]) -> None:
    """A roundup lead's date covers the later items at the places it lists."""
    dated = [d for d in drafts if d.date is not None and d.type not in NON_VIOLENT]
    if not dated:
        return
    lead = dated[0]
    if lead.sent > 2:
        return
    lead_places = {
        p.place.governorate for p in doc._.places if p.sent == lead.sent and p.place.governorate
    }
    if "Damascus" in lead_places:
        lead_places.add("Rif Dimashq")  # "in Damascus and its countryside"
    sents = doc._.sentences
    for d in drafts:
        if d.date is not None or d.sent <= lead.sent or d.type in NON_VIOLENT:
            continue
        if d.place is None or d.place.place.governorate not in lead_places:
            continue
        words = {t.lower_ for t in doc[sents[d.sent].token_start : sents[d.sent].token_end]}
        if words & DETACHED or _loose_day(doc, sents[d.sent]):
            continue
        d.date = lead.date
        d.inherited_date = True


LATER_SAME = 5  # sentences within which a placed incident of the same type lends its place


def _place_from_context(doc: Doc, drafts: list[Draft]) -> None:
    """An incident told without a place happened where the story is set: the nearest place
    named in the next two sentences or the one before, else the place of the next incident of
    the same type told soon after, else the report's most named governorate — at regional
    precision, since the text does not tie it to a town."""
    places: list[PlaceMention] = doc._.places or []
    if not places:
        return
    counts: dict[str, int] = {}
    sents = doc._.sentences
    for p in places:
        if p.place.governorate and not _speaking(doc, p, sents[p.sent].token_end):
            counts[p.place.governorate] = counts.get(p.place.governorate, 0) + 1
    for d in drafts:
        if d.place is not None or d.type in NON_VIOLENT:
            continue
        # places of the draft's own sentence were weighed (and refused) by _choose_place: a
        # speaker, a "while"-clause's place
        near = [p for p in places if 0 < p.sent - d.sent <= 2 or p.sent - d.sent == -1]
        # "evacuees from X": where the victims came from is not where it happened
        near = [
            p
            for p in near
            if p.place.governorate and not _comes_from(doc, p.token_start, _sent_start(doc, p))
        ]
        # "30 killed in a suicide blast ... The blast struck the Atmeh crossing": the same kind
        # of incident placed a little later in the report is where this one happened
        later = next(
            (
                o.place
                for o in drafts
                if o.type == d.type and o.place is not None and 0 < o.sent - d.sent <= LATER_SAME
            ),
            None,
        )
        if near:
            best = min(near, key=lambda p: (abs(p.sent - d.sent) + (p.sent < d.sent), p.start))
            d.place = replace(best, place=_regional(best.place))
        elif later is not None:
            d.place = replace(later, place=_regional(later.place))
        elif counts:
            gov = max(counts, key=lambda g: counts[g])
            anchor = next(p for p in places if p.place.governorate == gov)
            d.place = replace(anchor, place=Place(gov, gov, geo_precision=GeoPrecision.REGION))
        if d.place is not None:
            d.evidence.append(_mention("place", doc, d.place.start, d.place.end))


def _sent_start(doc: Doc, p: PlaceMention) -> int:
    return doc._.sentences[p.sent].token_start


def _regional(place: Place) -> Place:
    if place.geo_precision >= GeoPrecision.NEAR_TOWN:
        return place
    return replace(place, geo_precision=GeoPrecision.NEAR_TOWN)


def _same_day(a: object | None, b: object | None) -> bool:
    return a is None or b is None or a.date == b.date


def _same_place(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    """Two mentions can name one incident's place: one is unknown or a region holding the
    other, or both name the same town. Two distinct towns are two incidents (GOLD-DEV.md)."""
    if a is None or b is None:
        return True
    pa, pb = a.place, b.place
    if pa.governorate != pb.governorate:
        return False
    if pa.name == pb.name:
        return True
    broad = (GeoPrecision.REGION,)
    # a governorate's own city or region stands for the whole story there
    return (
        pa.geo_precision in broad
        or pb.geo_precision in broad
        or pa.name == pa.governorate
        or pb.name == pb.governorate
    )


def _absorb_massacres(drafts: list[Draft]) -> list[Draft]:
    """ "A massacre in Bab al-Nairab killed 25. The victims were hit by airstrikes": a massacre
    told beside a weapon incident at the same place is that incident, not another one."""
    out = []
    for d in drafts:
        if d.type == IncidentType.ATTACK_ON_CIVILIANS:
            weapon = next(
                (
                    w
                    for w in drafts
                    if w.type in WEAPON_TYPES
                    and abs(w.sent - d.sent) <= 1
                    and _same_place(w.place, d.place)
                ),
                None,
            )
            if weapon is not None:
                for kind in ("killed", "injured"):
                    toll = d.killed if kind == "killed" else d.injured
                    if toll.known:
                        _add_toll(weapon, kind, toll, kind in d.vague, update=False)
                weapon.place = weapon.place or d.place
                weapon.date = weapon.date or d.date
                weapon.perpetrator = weapon.perpetrator or d.perpetrator
                _join_target(weapon, d)
                weapon.evidence.extend(m for m in d.evidence if m.field != "type")
                continue
        out.append(d)
    return out


def _absorb_delivery(drafts: list[Draft]) -> list[Draft]:
    """ "Chlorine in Saraqeb ... barrel bombs fell on Saraqeb on Monday": the aircraft or shell
    that carried a chemical weapon to a town is that chemical attack, told again (GOLD-DEV.md:
    a chemical weapon outranks the platform that delivered it)."""
    chemical = [
        d
        for d in drafts
        if d.type == IncidentType.CHEMICAL_ATTACK
        and d.place is not None
        and d.place.place.geo_precision < GeoPrecision.REGION
    ]
    if not chemical:
        return drafts
    out = []
    carriers = (IncidentType.AIR_STRIKE, IncidentType.SHELLING, IncidentType.EXPLOSION)
    for d in drafts:
        home = next(
            (
                c
                for c in chemical
                if d.type in carriers
                and d.place is not None
                and d.place.place.name == c.place.place.name
                and _same_day(c.date, d.date)
            ),
            None,
        )
        if home is None:
            out.append(d)
            continue
        home.date = home.date or d.date
        home.perpetrator = home.perpetrator or d.perpetrator
        _join_target(home, d)
        for kind in ("killed", "injured"):
            toll = d.killed if kind == "killed" else d.injured
            if toll.known and not (home.killed if kind == "killed" else home.injured).known:
                _add_toll(home, kind, toll, kind in d.vague, update=False)
        home.evidence.extend(m for m in d.evidence if m.field != "type")
    return out


def merge(drafts: list[Draft]) -> list[Draft]:
    """Merge drafts of one type at one governorate and day; fill each other's gaps."""
    merged: list[Draft] = []
    for d in _absorb_delivery(_absorb_massacres(drafts)):
        home = None
        for m in merged:
            if m.type != d.type or not _same_day(m.date, d.date):
                continue
            if _same_place(m.place, d.place):
                home = m
                break
        if home is None:
            merged.append(d)
            continue
        if home.place is None and d.place is not None:
            home.place = d.place
        elif (
            d.place is not None
            and home.place is not None
            and d.place.place.geo_precision < home.place.place.geo_precision
        ):
            home.place = d.place  # a more specific place for the same incident
        if home.date is None and d.sent - home.sent <= 2 and not home.loose:
            home.date = d.date  # a day told far from the lead may be another day's event
        home.perpetrator = home.perpetrator or d.perpetrator
        _join_target(home, d)
        if d.killed.known:
            _add_toll(home, "killed", d.killed, "killed" in d.vague, update=False)
        if d.injured.known:
            _add_toll(home, "injured", d.injured, "injured" in d.vague, update=False)
        home.evidence.extend(d.evidence)
    return merged


def _to_incident(doc: Doc, d: Draft) -> Incident:
    date = d.date.date if d.date is not None else None
    time = getattr(d.date, "time_utc", None) if d.date is not None else None
    precision = None
    if d.date is not None:
        precision = TimePrecision(int(d.date.precision))
        if any(w in d.date.text.lower() for w in LOOSE_DAY_WORDS):
            date, time, precision = None, None, None
    place: Place | None = d.place.place if d.place is not None else None
    return Incident(
        type=d.type,
        date=date,
        time=time if isinstance(time, dt.datetime) else None,
        time_precision=precision,
        place=place,
        perpetrator=d.perpetrator,
        target=d.target,
        killed=d.killed,
        injured=d.injured,
        # one mention may back a field twice after merging: keep it once
        evidence=sorted(
            {(m.field, m.start, m.end): m for m in d.evidence}.values(),
            key=lambda m: (m.start, m.field),
        ),
        report_id=doc._.report_id,
    )


def choose_main(
    incidents: list[Incident],
    headline: Sequence[Sequence[str]] | None = None,
    figures: frozenset[int] = frozenset(),
) -> None:
    """Flag the incident the report is mainly about: among the violent incidents (else any),
    the first told in the governorates the headline names first (:func:`headline_tiers`:
    "Warplanes pound Idlib as battles rage in Aleppo" is a story about Idlib), else in those it
    names next, else the first told; of those, the first whose toll the headline gives when one
    does. A headline's "Damascus" takes in its countryside, which surrounds the city. An
    execution or a massacre told first is the story as much as a strike is (massacres told
    beside a weapon have already merged into it)."""
    if not incidents:
        return
    violent = [i for i in incidents if i.type not in NON_VIOLENT]
    pool = violent or incidents
    for tier in headline or ():
        region = set(tier) | ({CAPITAL_REGION} if CAPITAL in tier else set())
        named = [i for i in pool if i.place and i.place.governorate in region]
        if named:
            pool = named
            break
    if figures:  # "Strikes kill 58 civilians": the incident whose toll the headline gives
        pool = [i for i in pool if _states(i, figures)] or pool
    pool[0].main = True


def _states(incident: Incident, figures: frozenset[int]) -> bool:
    """True when one of the incident's killed or injured figures is among ``figures``."""
    values = {incident.killed.low, incident.killed.best, incident.killed.high}
    values |= {incident.injured.low, incident.injured.best, incident.injured.high}
    return bool(values & figures)


def assemble(doc: Doc) -> list[Incident]:
    """The doc's incidents, merged, main flagged."""
    drafts = merge(draft_incidents(doc))
    _place_from_context(doc, drafts)
    incidents = [_to_incident(doc, d) for d in merge(drafts)]
    report = doc._.report
    title = report.title if report is not None else None
    tiers = headline_tiers(title)
    choose_main(incidents, tiers, headline_figures(title))
    _main_place_from_headline(doc, incidents, [gov for tier in tiers for gov in tier])
    return incidents


def _main_place_from_headline(doc: Doc, incidents: list[Incident], headline: list[str]) -> None:
    """A main incident the text places nowhere happened where the headline sets the story: the
    first governorate the headline names, at regional precision, backed by the text's first
    mention of a place there (no mention, no place: the evidence must be in the text)."""
    main = next((i for i in incidents if i.main), None)
    if main is None or main.place is not None or not headline:
        return
    mention = next((p for p in doc._.places or () if p.place.governorate == headline[0]), None)
    if mention is None:
        return
    gov = headline[0]
    main.place = Place(gov, gov, geo_precision=GeoPrecision.REGION)
    main.evidence.append(_mention("place", doc, mention.start, mention.end))


@Language.component("tw_incidents")
def incidents_component(doc: Doc) -> Doc:
    """Store incidents on ``doc._.incidents``."""
    doc._.incidents = assemble(doc)
    return doc
