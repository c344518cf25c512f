"""Sentence roles: whether a sentence tells a happening, sets the scene, or sums up a period.

The ``tw_sentence_roles`` component reads each sentence once and stores a :class:`SentenceRole`
per sentence on ``doc._.roles``; the incident components ask :func:`is_context`,
:func:`is_summary` and :func:`superseded`, which read it. :func:`is_happening` weighs one
incident type's triggers in a sentence (a plan, a threat or a habit is no happening).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract import happening_words as hw
from trucewatch.extract.draft import WEAPON_TYPES, specificity
from trucewatch.extract.events import STRONG, TRUCE_ACTS
from trucewatch.extract.lexicon import word_list, words
from trucewatch.extract.place_reading import told_where
from trucewatch.extract.quantities import MONTH_WORDS, is_year
from trucewatch.extract.spans import (
    Sentence,
    Trigger,
    doc_lowers,
    doc_text,
    sentence_of,
)
from trucewatch.extract.trigger_roles import in_relative
from trucewatch.model.incident import (
    IncidentType,
    TimePrecision,
)

# Words that make a sentence a plan, threat, warning or habit rather than a happening.
IRREALIS = word_list("IRREALIS")


DELIVERY_ACTS = word_list("DELIVERY_ACTS")


# Words before a trigger that say it did not happen or stopped ("had stopped bombing Aleppo",
# "denied reports that its jets hit").
NEGATING = word_list("NEGATING")


# Words that make a sentence a habit or a history rather than one happening.
HABITUAL = word_list("HABITUAL")


SUMMARY_WORDS = word_list("SUMMARY_WORDS")

# Words before a trigger that make it a state of the war ("the coalition is currently carrying
# out airstrikes against IS in Iraq and Syria"), not one happening; after it they describe
# something else ("districts which are currently held by rebels").
ONGOING = words("currently")


# "400,000 deaths caused by violence", "70,000 died because the fighting cut them off": beside
# a figure in the thousands, fighting and violence are the war's, not one clash's.
WAR_WORDS = word_list("WAR_WORDS") | words("violence fighting")


def _weapon_before(doc: Doc, sent: Sentence, trigger: Trigger) -> bool:
    """True when a weapon's trigger (an air strike, shelling, a bomb) stands before ``trigger``
    in its sentence."""
    return any(
        t.sent == sent.index and t.type in WEAPON_TYPES and t.token_end <= trigger.token_start
        for t in doc._.triggers or ()
    )


def is_happening(doc: Doc, sent: Sentence, kind: IncidentType, triggers: list[Trigger]) -> bool:
    words = [w for w in doc_lowers(doc)[sent.token_start : sent.token_end]]
    first = min(t.token_start for t in triggers)
    before = {w for w in doc_lowers(doc)[sent.token_start : first]}
    if kind == IncidentType.TRUCE_DECLARED:
        # "a ceasefire would take effect once talks begin", "calls for a ceasefire": a plan
        if set(words) & hw.TRUCE_WISHES or all(
            hw.under(doc, t) or hw.task(doc, t) for t in triggers
        ):
            return False
        if _truce_to_come(words):
            return False  # "agreed a ceasefire that will take effect at noon on Sunday"
        told = bool(TRUCE_ACTS.intersection(words)) or any(w.endswith("-hour") for w in words)
        # "violations since the truce began": a truce told as the backdrop of a period
        return told and not _backdrop(doc, sent)
    if kind == IncidentType.HUMANITARIAN_DELIVERY:
        acts = [i for i, w in enumerate(words) if w in DELIVERY_ACTS]
        # "shot down after delivering aid": the delivery is the setting of another story
        done = [i for i in acts if not (i > 0 and words[i - 1] in ("after", "before", "to"))]
        # "buses carrying residents evacuated from Foua": who the people were, not the news
        starts = {i: hw.evacuees_from(words, i) for i in done}
        named = {k for i, s in starts.items() if s is not None for k in range(s, i + 1)}
        done = [i for i in done if i not in named]
        # "a deal that will see 150 fighters evacuated": a plan, wherever the modal stands
        if not done or set(words) & IRREALIS or before & NEGATING:
            return False
        if _delivery_held_up(words):
            return False  # "a convoy of 20 aid trucks remained stuck awaiting clearances"
        # "35,000 had been evacuated since the first buses left": a period's tally
        return not _backdrop(doc, sent)
    if kind == IncidentType.ACCESSION:
        return any(hw.accession_told(doc, sent, t) for t in triggers)
    lowers = doc_lowers(doc)
    purpose = all(hw.purpose(doc, sent, t) for t in triggers)
    if purpose and kind in (IncidentType.TERRITORY_TAKEN, IncidentType.ARMED_CLASH):
        return False  # "battling to take control of", "an offensive to gain full control"
    if kind == IncidentType.TERRITORY_TAKEN and hw.to_date(words):
        return False  # "the operation has so far captured Jarablus": a campaign's gains
    if (
        kind == IncidentType.TERRITORY_TAKEN
        and hw.recent_gains(words)
        and not _days_told(doc, sent)
    ):
        return False  # "the army's recent victories ... managed to win full control": a campaign
    if all(hw.campaign(lowers, t) for t in triggers):
        return False  # "Russia launched its air campaign": a campaign, not one incident
    if (
        kind == IncidentType.ARMED_CLASH
        and all(hw.campaign_to_now(lowers, sent, t) for t in triggers)
        and not _days_told(doc, sent)
    ):
        # "the offensive ... has plunged Syria into its worst violence": a campaign; "the
        # offensive has killed 40 since Saturday" counts days of its own and stays
        return False
    if kind == IncidentType.ARMED_CLASH and all(hw.participle(doc, t) for t in triggers):
        return False  # "a coalition fighting militants": who they are, not what happened
    strong = [t for t in triggers if t.strength == STRONG] or triggers
    if kind == IncidentType.ARMED_CLASH and all(hw.amid(lowers, sent, t) for t in strong):
        # "the raids came amid intense clashes in Idlib": the setting of another; a weak word
        # elsewhere in the sentence ("spearheading an offensive in Iraq") tells no clash here
        return False
    if kind == IncidentType.ARMED_CLASH and all(
        hw.as_backdrop(lowers, sent, t) and _weapon_before(doc, sent, t) for t in strong
    ):
        return False  # "air strikes killed 85 as fighting was underway": the strikes' time
    # (a capture a side says it "had" made is news of its own, told however late)
    if (
        kind != IncidentType.TERRITORY_TAKEN
        and all(hw.bare_allegation(doc, sent, t) for t in triggers)
        and not any(q.sent == sent.index for q in doc._.quantities or ())
    ):
        return False  # "state media said rebels had fired mortar bombs into parts of Damascus"
    if all(hw.going_on(doc, sent, t) for t in triggers) and not _news_of_its_own(doc, sent):
        return False  # "reported ongoing fighting as well as air strikes": the war's state
    if all(hw.stretch(doc, sent, t) for t in triggers):
        return False  # "after weeks of street fighting": a period's violence, the backdrop
    if all(hw.daily(lowers, sent, t) for t in triggers):
        return False  # "the shelling is daily and intense": a habit of the war, not one incident
    if all(hw.halted(lowers, sent, t) for t in triggers):
        return False  # "willing to suspend aerial bombardment", "pauses in the battle for"
    charge = all(hw.charged(lowers, sent, t) for t in triggers)
    if charge and not _days_told(doc, sent, to_the_day=True):
        return False  # "accused the army of continuing attacks on": a charge with no day
    last = max(t.token_end for t in triggers)
    after = {w for w in lowers[last : min(last + 12, sent.token_end)]}
    plan = (before | after) & IRREALIS
    if plan and plan <= CONTINUING and _ongoing_at_a_town(doc, sent):
        plan = set()
    irrealis = plan and not _past_clause(doc, sent, triggers)
    if irrealis or set(words) & HABITUAL or before & (NEGATING | ONGOING):
        return False
    if all(t.token_start > 1 and lowers[t.token_start - 2] == "aimed" for t in triggers):
        return False  # "an operations room aimed at fighting the regime": a purpose
    return not is_context(doc, sent)


# Word pairs that set a truce's start after the news ("a ceasefire that will take effect at
# noon", "agreed on a truce to take effect at midnight", "is due to begin on Friday"), and the
# words that tell one already in force in the same sentence ("took effect", "came into force").
TRUCE_LATER = frozenset(
    {("will", "take"), ("to", "take"), ("will", "come"), ("to", "come"), ("will", "begin"),
     ("to", "begin"), ("will", "start"), ("to", "start"), ("due", "to"), ("set", "to")}
)  # fmt: skip
TRUCE_IN_FORCE = words("took came began started entered held holding")
# Words that make the later start the news of a deal struck ("have agreed a ceasefire that will
# take effect at noon") or a plan since dropped ("was initially scheduled to start on
# Thursday"). A plan's start told on its own ("the ceasefire is due to begin Thursday at 22:00
# GMT") still gives the truce and its hour (tests/test_extract_seeds.py, seed 002).
TRUCE_DEALT = words("agreed agree agrees announced announces reached initially originally")


def _truce_to_come(words: list[str]) -> bool:
    """ "agreed on Thursday on a ceasefire to take effect at midnight": a truce agreed for a
    later start is not yet declared in force (statements README rule 3: a ceasefire announced
    for a later date is not annotated), unless the sentence also tells one in force."""
    told = set(words)
    if TRUCE_IN_FORCE & told or not TRUCE_DEALT & told:
        return False
    return bool(set(pairwise(words)) & TRUCE_LATER)


# Words of aid held up on its way ("remained stuck awaiting clearances", "were blocked at a
# checkpoint"), and the words of aid that got through after all ("reached the town after being
# blocked for weeks").
HELD_UP = words("stuck awaiting waiting blocked barred stranded")
GOT_THROUGH = words("delivered arrived reached entered unloaded distributed")


def _delivery_held_up(words: list[str]) -> bool:
    """ "A convoy of 20 aid trucks carrying supplies remained stuck awaiting clearances": aid
    told as held up on its way, with no word that it got through, was not delivered (statements
    README rule 3: a delivery is coded only when the trucks reached the town)."""
    told = set(words)
    return bool(HELD_UP & told) and not GOT_THROUGH & told


def _backdrop(doc: Doc, sent: Sentence) -> bool:
    """A period tally or background ("since the truce began", "a truce agreed in February"),
    but not a photo caption: a caption shows the story's own delivery or truce, and its place
    is often the only one given."""
    return is_context(doc, sent) and not _is_caption(doc, sent)


def _days_told(doc: Doc, sent: Sentence, *, to_the_day: bool = False) -> bool:
    """Whether the sentence tells a date of its own (the dateline's does not count);
    ``to_the_day``: only a date told to the day ("on Monday", not "in August")."""
    return any(
        sent.start <= d.start < sent.end
        and d.date is not None
        and d.kind != "dateline"
        and (not to_the_day or int(d.precision) == int(TimePrecision.DAY))
        for d in doc._.dates or ()
    )


def _news_of_its_own(doc: Doc, sent: Sentence) -> bool:
    """Whether the sentence tells its own news: a day told to the day ("the continued shelling
    on Monday"), a town or quarter where it happens, or a count of the dead or hurt."""
    return (
        _days_told(doc, sent, to_the_day=True)
        or _ongoing_at_a_town(doc, sent)
        or any(q.sent == sent.index for q in doc._.quantities or ())
    )


CONTINUING = words("continue continues continuing")


def _ongoing_at_a_town(doc: Doc, sent: Sentence) -> bool:
    """ "The air force continues to relentlessly hit residential areas in the Aleppo
    neighbourhoods of Tariq al-Bab and Bustan al-Qasr": going on at named towns or quarters, an
    incident of the day (not a plan, not a war's state)."""
    return any(
        p.sent == sent.index and specificity(p.place) < 2 and told_where(doc, p)
        for p in doc._.places or ()
    )


# Words opening a clause that tells something already done ("after seizing the town").
PAST_OPENERS = words("after following since when")
PAST_REACH = 12  # tokens after the trigger where its clause's past day may stand


def _past_clause(doc: Doc, sent: Sentence, triggers: list[Trigger]) -> bool:
    """ "The UN said it would probe reports of a massacre in Khan Al-Assal after seizing the
    town from the regime last week": the plan word ("would") governs another clause; the
    trigger's own clause, opened by "after" / "since" / "when" and holding no plan word
    itself, tells a day already past, so it happened."""
    anchor = doc._.anchor
    if anchor is None:
        return False
    lowers = doc_lowers(doc)
    first = min(t.token_start for t in triggers)
    opener = max(
        (k for k in range(sent.token_start, first) if lowers[k] in PAST_OPENERS), default=None
    )
    if opener is None:
        return False
    end = min(max(t.token_end for t in triggers) + PAST_REACH, sent.token_end)
    if IRREALIS.intersection(lowers[opener:end]):
        return False
    start, stop = doc[opener].idx, doc[end - 1].idx
    return any(
        start <= d.start <= stop and d.date is not None and d.date < anchor
        for d in doc._.dates or ()
    )


def is_context(doc: Doc, sent: Sentence) -> bool:
    """Background, caption or period tally: the sentence sets the scene."""
    return doc._.roles[sent.index].context


def _context(doc: Doc, sent: Sentence, period: bool) -> bool:
    return period or _is_background(doc, sent) or _is_caption(doc, sent)


# Phrases that set a sentence weeks or years before the report ("seized earlier this month").
EARLIER = (("earlier", "this", "month"), ("earlier", "this", "year"), ("last", "month"),
           ("last", "year"), ("last", "summer"), ("last", "winter"))  # fmt: skip


OLD_DAY = 90  # days before publication past which a day named outright is background


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
        tuple(toks[i : i + len(p)]) == p and not in_relative(toks, i, i + len(p))
        for p in EARLIER
        for i in range(len(toks))
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
    # ... unless it lies months before the news (GOLD-DEV-2.md: an earlier month is background)
    recent = [
        d
        for d in told
        if (int(d.precision) == int(TimePrecision.DAY) and (anchor - d.date).days <= OLD_DAY)
        or (anchor - (d.end_date or d.date)).days <= 7
    ]
    return bool(told) and not recent


# Word pairs that open a photo caption ("In this photo taken on June 8 ..."). A credit such as
# "(AFP Photo)" is not enough: with punctuation stripped it runs into the story's first sentence.
PHOTO_WORDS = frozenset({("this", "photo"), ("photo", "taken"), ("this", "picture")})


# Word pairs of a wire story's credit line ("Additional reporting by X in Damascus; editing by
# Y"): it names where reporters sat, not where anything happened.
CREDIT_WORDS = frozenset({("reporting", "by"), ("editing", "by"), ("writing", "by")})


def is_credit(doc: Doc, sent: Sentence) -> bool:
    """A credit line ("Reporting by X in Beirut; editing by Y")."""
    toks = doc_lowers(doc)[sent.token_start : sent.token_end]
    return any(pair in CREDIT_WORDS for pair in pairwise(toks))


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


def is_summary(doc: Doc, sent: Sentence) -> bool:
    """A sentence that sums up a war or a period: its figures belong to no single incident."""
    return doc._.roles[sent.index].summary


def _summary(doc: Doc, sent: Sentence, period: bool) -> bool:
    """A sentence that sums up a war or a period ("the conflict has killed 300,000 since
    2011", "a total of", "the monthly toll"): its figures belong to no single incident."""
    toks = doc_lowers(doc)[sent.token_start : sent.token_end]
    # "over the past seven days", "in the two weeks of fighting before the pause"
    tally = any(w in ("past", "the") and _counts_days(toks, i + 1) for i, w in enumerate(toks))
    summing = SUMMARY_WORDS.intersection(toks)
    if summing == {"total"} and (_one_total(toks) or split_by_place(toks)):
        summing = set()  # "a total of 14 militants were killed in the raid": one attack's dead
    return period or bool(summing) or tally


# Words telling that a total adds up several attacks ("in separate operations", "in such
# attacks"): the total is then a tally, not one attack's dead.
MANY_ATTACKS = words("separate several various such multiple different series")


def _one_total(toks: list[str]) -> bool:
    """True when every "total" of a sentence only says "a total of N" (see
    :func:`one_attack_total`)."""
    return all(one_attack_total(toks, i) for i, w in enumerate(toks) if w == "total")


# Places a total may be split into before the sentence is read as a split ("including 9 in A
# 8 in B"): one "N in X" after "including" may be a group's part ("including 9 in hospital").
SPLIT_PARTS = 2
SPLIT_REACH = 4  # words from "including" to the first part's figure ("including at least 9")


def split_by_place(toks: list[str]) -> bool:
    """True when a sentence splits its total by place: "A total 54 civilians were killed in
    Aleppo on Tuesday including 9 in Alsaliheen 8 in Ansari and 5 in Almiyassar". The total is
    a day's dead over several places told one by one, each an incident's toll, not a tally of
    a period (a period the sentence tells still makes it one)."""
    from trucewatch.extract.numbers import TENS, UNITS

    def figure(w: str) -> bool:
        return w.isdigit() or w in UNITS or w in TENS

    for i, w in enumerate(toks):
        if w != "including":
            continue
        window = toks[i + 1 : i + 1 + SPLIT_REACH]
        if not any(figure(x) for x in window):
            continue
        after = toks[i + 1 :]
        parts = sum(
            1
            for k in range(len(after) - 1)
            if figure(after[k]) and after[k + 1] in ("in", "at") and after[k - 1 : k] != ["in"]
        )
        if parts >= SPLIT_PARTS:
            return True
    return False


def one_attack_total(toks: list[str], i: int) -> bool:
    """True when the "total" at ``i`` only says "a total of N" of one attack's dead ("a total
    of 14 militants were killed in the raid"), with no word that the total adds up several
    attacks ("a total of 24 were killed in separate operations"); "the total number of
    breaches" stays a tally."""
    a_total_of = 0 < i < len(toks) - 1 and toks[i - 1] == "a" and toks[i + 1] == "of"
    return a_total_of and not MANY_ATTACKS.intersection(toks)


# Verbs of a start after "since it" ("since it began on June 6"): the start of what is tallied.
BEGAN = words("began started begun erupted")


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
        since = w == "since" and (nxt in ("the", "its") or nxt in MONTH_WORDS or is_year(nxt))
        # "had killed 224 civilians since it began on June 6": the tally of what began then
        since = since or (w == "since" and nxt == "it" and toks[min(i + 2, len(toks) - 1)] in BEGAN)
        if since and not _superlative(toks[max(0, i - RANK_REACH) : i]):
            return True  # but "the deadliest since 2013" ranks one incident, sums no period
        if w == "the" and _counts_days(toks, i + 1) and toks[min(i + 3, len(toks) - 1)] == "of":
            return True  # "in the two weeks of fighting before the pause"
        if w in ("past", "recent") and nxt in PERIOD_OPENERS:
            return True  # "over the past few days", "in recent weeks" (not "the past two days")
        if w in ("past", "last") and _counts_days(toks, i + 1) and toks[i + 2] in LONG_UNITS:
            return True  # "in the past two weeks": a tally (GOLD-DEV.md codes "two days")
        if w == "during" and _spans_period(toks[i + 1 : i + 8]):
            return True  # "killed during the three-week offensive": a campaign's tally
    return _current_period(doc, sent, toks, big)


# The current period a tally may be told over ("killed many civilians this year").
CURRENT_UNITS = words("year month")
PERFECT_AUX = words("has have")


def _current_period(doc: Doc, sent: Sentence, toks: list[str], big: bool) -> bool:
    """A tally over the period the report is written in, with no day of its own: "strikes
    still killed many civilians this year", "coalition strikes killed hundreds in the city in
    August alone", "Russian strikes have killed thousands of civilians" (a perfect "have
    killed" of thousands sums a campaign up to now). A day told in the sentence ("killed 12 on
    Monday, the worst toll this month") keeps it one incident's news."""
    if _days_told(doc, sent, to_the_day=True):
        return False
    for i, w in enumerate(toks[:-1]):
        nxt = toks[i + 1]
        if w == "this" and nxt in CURRENT_UNITS and toks[i - 1 : i] != ["earlier"]:
            return True
        if w in MONTH_WORDS and nxt == "alone":
            return True
        if big and w in PERFECT_AUX and nxt == "killed":
            return True
    return False


# Words before "since" where a ranking word may stand ("the most lethal chemical weapons attack
# since the 1980s": the ranked incident may be named by several words).
RANK_REACH = 6

# Words that rank an incident against earlier ones ("the deadliest since 2013", "the first such
# attack since the truce"): the "since" after them dates no tally.
RANKING = words("worst deadliest heaviest biggest largest bloodiest first most fiercest highest")


def _superlative(before: list[str]) -> bool:
    return bool(RANKING.intersection(before))


SPAN = re.compile(r"\w ?- ?(?:day|week|month|year)\b|\b(?:week|month|year) ?- ?long\b")


def _spans_period(toks: list[str]) -> bool:
    """ "the roughly three-week offensive", "the month-long siege" (however the hyphen was split
    off): a campaign lasting days or more; "a five-day investigation" is no campaign."""
    return bool(SPAN.search(" ".join(toks))) and bool(CAMPAIGN_NOUNS.intersection(toks))


CAMPAIGN_NOUNS = words(
    "offensive offensives campaign battle battles fighting operation operations assault siege "
    "war bombardment bombing clashes"
)


PERIOD_OPENERS = frozenset({"few", "days", "weeks", "months", "year", "several", "week", "month"})


LONG_UNITS = frozenset({"weeks", "months", "years"})


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


def related_lists(doc: Doc) -> dict[int, int]:
    """Sentence -> token where a "Related" list of other headlines starts (web page furniture
    that punctuation stripping glued to the story). The list runs on through the sentences
    after it that read as headlines (mostly capitalised words), however they were split."""
    out: dict[int, int] = {}
    if "Related" not in doc_text(doc):
        return out  # the common case, without walking the tokens
    for t in doc:
        if t.text == "Related" and t.i + 1 < len(doc) and doc[t.i + 1].text[:1].isupper():
            out.setdefault(sentence_of(doc, t.i), t.i)
    sents: list[Sentence] = doc._.sentences
    for k in sorted(out):
        start = out[k]
        # "Related News" opens the page's closing furniture (other stories' headlines, "|"
        # separated menus, "Category News", copyright): it runs to the end of the text, and its
        # headlines ("Multiple suicide bombers attack refugee camp") are no report's incidents
        to_end = start + 1 < len(doc) and doc[start + 1].text == "News"
        for s in sents[k + 1 :]:
            if s.index in out or not (to_end or _headlines(doc, s)):
                break
            out[s.index] = s.token_start
    return out


def _headlines(doc: Doc, sent: Sentence) -> bool:
    """A run of headlines: at least two thirds of its words capitalised."""
    alpha = [t.text for t in doc[sent.token_start : sent.token_end] if t.text[:1].isalpha()]
    return bool(alpha) and sum(w[0].isupper() for w in alpha) * 3 >= 2 * len(alpha)


SUPERSEDED = word_list("SUPERSEDED")


def superseded(doc: Doc, sent: Sentence) -> bool:
    """ "Earlier counts had put the dead at 27": a sentence telling a count since replaced."""
    return doc._.roles[sent.index].superseded


def _superseded(doc: Doc, sent: Sentence) -> bool:
    return bool(SUPERSEDED.intersection(doc_lowers(doc)[sent.token_start : sent.token_end]))


@dataclass(frozen=True, slots=True)
class SentenceRole:
    """What a sentence does in its report."""

    context: bool  # background, a caption or a period tally: sets the scene
    summary: bool  # sums up a war or a period: its figures are no incident's toll
    superseded: bool  # tells a count since replaced ("earlier counts had put ...")


@Language.component(
    "tw_sentence_roles",
    requires=["doc._.sentences", "doc._.dates", "doc._.quantities", "doc._.anchor"],
    assigns=["doc._.roles"],
)
def sentence_roles_component(doc: Doc) -> Doc:
    """Store one :class:`SentenceRole` per sentence on ``doc._.roles``."""
    roles = []
    for s in doc._.sentences or ():
        period = is_period(doc, s)
        roles.append(
            SentenceRole(_context(doc, s, period), _summary(doc, s, period), _superseded(doc, s))
        )
    doc._.roles = _carry_context(doc, roles)
    return doc


REPEAT_CHARS = 40  # a repeated sentence this long at least is the same sentence, not a phrase
# Determiners opening a sentence that point back at the sentence before ("That agreement came
# after ..."): the sentence goes on about what was just told, in its time.
POINTING_OPENERS = words("that those")


def _carry_context(doc: Doc, roles: list[SentenceRole]) -> list[SentenceRole]:
    """Background carries over to two kinds of sentence that cannot date themselves: one that
    repeats an earlier background sentence (a timeline embedded twice, the second time without
    its dates: "August 21 2013 Washington accuses ..." then "Washington accuses ..."), and one
    whose first word points back at a background sentence just before ("... its arsenal in
    2013. That agreement came after hundreds were killed ...")."""
    sents: list[Sentence] = doc._.sentences or []
    text = doc_text(doc)
    lowers = doc_lowers(doc)
    said = [" ".join(text[s.start : s.end].lower().split()) for s in sents]
    out = list(roles)
    for k, s in enumerate(sents):
        if out[k].context:
            continue
        repeat = len(said[k]) >= REPEAT_CHARS and any(
            out[j].context and said[j].endswith(said[k]) for j in range(k)
        )
        nxt = lowers[s.token_start + 1] if s.token_start + 1 < s.token_end else ""
        points = (
            k > 0
            and out[k - 1].context
            and lowers[s.token_start] in POINTING_OPENERS
            and nxt.isalpha()
            and nxt not in ("is", "was", "are", "were", "has", "had")  # "That was ...": a pronoun
        )
        if repeat or points:
            out[k] = SentenceRole(True, out[k].summary, out[k].superseded)
    return out
