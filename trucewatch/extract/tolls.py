"""Tolls: which figures of a sentence are which incident's dead and injured, who they count
(civilians make the target), and figures told in later sentences."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.attribution import (
    CIVILIAN_WORDS,
    REPORTING,
)
from trucewatch.extract.casualty_words import KILLED, adds_dead
from trucewatch.extract.draft import (
    LEAD_SENTENCES,
    UPDATE_WORDS,
    WEAPON_TYPES,
    Draft,
    add_toll,
    mention,
)
from trucewatch.extract.figure_roles import elapsed_after, sides_counted
from trucewatch.extract.lexicon import word_list, words
from trucewatch.extract.quantities import PEOPLE
from trucewatch.extract.roles import SUPERSEDED, is_summary, superseded
from trucewatch.extract.spans import (
    Quantity,
    Sentence,
    Trigger,
    doc_lowers,
    doc_starts,
    token_end_char,
)
from trucewatch.extract.victim_counts import plus
from trucewatch.model.dates import TimePrecision
from trucewatch.model.incident import (
    NON_VIOLENT,
    GeoPrecision,
    IncidentType,
)


def quantities_for(
    quantities: list[Quantity],
    sent: Sentence,
    triggers: dict[IncidentType, Trigger],
    doc: Doc | None = None,
) -> dict[IncidentType, list[Quantity]]:
    """Give each figure in the sentence to the incident whose trigger is nearest. With ``doc``
    given, every trigger of each type told there counts (not only the type's leading one), and
    a figure goes to an incident told in its own clause when one is: clauses are parted by
    "while", "whereas", ";" and a "... a day after ..." that sets an earlier event after the
    news ("The rebel barrage killed 10 in Damascus while air strikes on Eastern Ghouta killed
    82": the 82 are the strikes' dead)."""
    out: dict[IncidentType, list[Quantity]] = {k: [] for k in triggers}
    # the dead are the toll of a weapon before that of a capture or an execution
    lethal = [k for k in triggers if k in WEAPON_TYPES] or list(triggers)
    told = [(k, triggers[k]) for k in lethal]
    bounds: list[int] = []
    if doc is not None:
        told += [
            (t.type, t)
            for t in doc._.triggers or ()
            if t.sent == sent.index and t.type in lethal and t is not triggers[t.type]
        ]
        lowers = doc_lowers(doc)
        bounds = elapsed_after(doc, sent) + [
            k for k in range(sent.token_start, sent.token_end) if lowers[k] in CLAUSE_BREAKS
        ]
    for q in quantities:
        if q.sent != sent.index:
            continue
        side = [(k, t) for k, t in told if _same_side(bounds, q.token_start, t.token_start)]
        kind, _ = min(
            side or told,
            key=lambda kt: min(abs(q.start - kt[1].start), abs(q.end - kt[1].end)),
        )
        out[kind].append(q)
    return out


# Words that open another clause of a sentence, with a happening and figures of its own.
CLAUSE_BREAKS = words("while whereas ;")


def _same_side(bounds: list[int], a: int, b: int) -> bool:
    """True when no token of ``bounds`` stands between tokens ``a`` and ``b``."""
    return not any(min(a, b) < k < max(a, b) for k in bounds)


def is_update(q: Quantity) -> bool:
    """True when a figure is told as a toll's new count ("the toll has risen to 82"), or as
    the figure a toll was carried to ("then raised its toll to 19", "brought the death toll to
    30": whoever raised it, the toll now stands there)."""
    told = q.text.lower().split()
    return any(w in UPDATE_WORDS for w in told) or any(
        a == "toll" and b == "to" for a, b in pairwise(told)
    )


def add_quantity(doc: Doc, draft: Draft, q: Quantity) -> None:
    """Fold a figure into a draft's toll, with its evidence and the target its dead name."""
    if q.toll.best == 0 and draft_known(draft, q.kind):
        return  # "no casualties among civilians" beside a count: the count stands
    update = is_update(q)
    t = draft.trigger.token_start
    if (
        q.kind == "killed"
        and draft.more_dead is None
        and "separate" in doc_lowers(doc)[max(0, t - 2) : t]
    ):
        draft.more_dead = "apart"  # "separate air strikes killed 12": another attack's dead
    if q.kind == "killed" and not draft.killed.known and counts_other_dead(doc, q):
        # "three more civilians were killed in an attack": another incident's dead; "another
        # seven were also killed in the clash": more dead of the incident told
        t = draft.trigger.token_start
        definite = t > 0 and doc_lowers(doc)[t - 1] in DEFINITE
        draft.more_dead = "told" if definite else "apart"
    elif (
        q.kind == "killed"
        and not draft.killed.known
        and draft.more_dead is None
        and draft.type == IncidentType.ARMED_CLASH
        and _other_side_before(doc, q)
    ):
        draft.more_dead = "told"  # "35 IS jihadists ... Four YPG fighters were killed": more
    elif draft_known(draft, q.kind) and not update and counts_other_dead(doc, q):
        # "15 were killed in Manbij while six others were killed in a village nearby": dead
        # beside those just counted are never a second count of them (which would lower the
        # toll); told at a place of their own they are another incident's, else more of these
        if not q.vague and q.toll.best is not None and not _elsewhere(doc, q, None):
            toll = draft.killed if q.kind == "killed" else draft.injured
            added = plus(toll, q.toll.best)
            if q.kind == "killed":
                draft.killed = added
            else:
                draft.injured = added
            draft.evidence.append(mention(q.kind, doc, q.start, q.end))
        return
    if add_toll(draft, q.kind, q.toll, q.vague, update):
        draft.evidence.append(mention(q.kind, doc, q.start, q.end))
        if draft.target is None and draft.type in COUNTED_TARGET_TYPES:
            counted = civilians_counted(doc, q, draft.type)
            if counted is not None:  # "killing 37 civilians": the civilians were hit
                draft.target, draft.counted_target = "civilians", True
                draft.evidence.append(mention("target", doc, *counted))


def draft_known(draft: Draft, kind: str) -> bool:
    """True when the draft already has a toll of this kind ("killed" or "injured")."""
    return (draft.killed if kind == "killed" else draft.injured).known


ELSEWHERE_REACH = 8  # tokens after a figure of other dead where the place they died may follow
AT_PLACE = words("in near at outside")


def _elsewhere(doc: Doc, q: Quantity, draft: Draft | None) -> bool:
    """True when the clause of a figure of other dead says they died at a place of their own:
    "... while six others were killed in a village near the city", "two more in Binnish"
    (a place other than the draft's, or a village or town with no name; with no draft given,
    any place named there: a clause of a sentence that tells where its own dead died)."""
    sent = doc._.sentences[q.sent]
    lowers = doc_lowers(doc)
    end = min(sent.token_end, q.token_end + ELSEWHERE_REACH)
    home = draft.place.place.name if draft is not None and draft.place is not None else None
    for k in range(q.token_end, end - 1):
        if lowers[k] not in AT_PLACE:
            continue
        if OWN_PLACE_HEADS.intersection(lowers[k + 1 : k + 4]):
            return True  # "in a village", "in another town"
        named = [p for p in doc._.places or () if p.token_start in (k + 1, k + 2)]
        if any(draft is None or p.place.name != home for p in named):
            return True
    return False


# Incidents whose dead name their target; a capture's or a truce's do not.
COUNTED_TARGET_TYPES = WEAPON_TYPES | {IncidentType.ATTACK_ON_CIVILIANS}


# Who a toll may count when it names civilians: anyone but those who bear arms. "People" killed
# in a clash may be its fighters, so there only words that exclude them count.
COUNTED_CIVILIANS = (PEOPLE - words("soldier soldiers fighter fighters member members man men")) | (
    CIVILIAN_WORDS
    | words("residents inhabitants villagers patients passengers worshippers medics volunteers")
)


VAGUE_PEOPLE = word_list("VAGUE_PEOPLE")


COUNT_STOPS = word_list("COUNT_STOPS")


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
            return doc_starts(doc)[k], token_end_char(doc, k)
    return None


# Victims who are fighters: "the army killed 60 terrorists" is a clash (GOLD-DEV.md 762, 583).
COMBATANTS = word_list("COMBATANTS")


# Victims who bore arms: their killing, with no weapon named, is a clash, not an atrocity.
ARMED_VICTIMS = COMBATANTS | words(
    "soldiers soldier troops troopers rebels policemen servicemen serviceman militiamen personnel"
)


def attach_orphan_figures(doc: Doc, drafts: list[Draft], quantities: list[Quantity]) -> None:
    """Figures in a sentence with no incident of its own join the incident just told."""
    taken = {d.sent for d in drafts}
    sents = doc._.sentences
    for q in quantities:
        if q.elliptic or q.sent in taken or is_summary(doc, sents[q.sent]):
            continue
        if superseded(doc, sents[q.sent]) and _old_count(doc, q):
            continue  # "Earlier counts had put the dead at 27": a count since replaced
        near_end = min(q.token_end + 2, sents[q.sent].token_end)
        # "the toll had risen to 13 as more bodies were found": an update is the whole new
        # count, whatever "more" follows it
        update = is_update(q) and not q.vague
        added = adds_dead(doc_lowers(doc), q.token_start, near_end, ADDED)
        if not update and (added or counts_other_dead(doc, q)):
            _also_died(doc, drafts, q)  # "six other members also died": more of the dead told
            continue  # "24 other people were killed": the rest of a total, or another's dead
        prior = [d for d in drafts if 0 < q.sent - d.sent <= 2 and d.type not in NON_VIOLENT]
        if not prior:  # another source's count may come a few sentences on
            prior = [
                d
                for d in drafts
                if 0 < q.sent - d.sent <= COUNT_REACH
                and d.type not in NON_VIOLENT
                and _another_count(doc, sents[q.sent], q, d)
            ]
        if not prior:  # "an attack killed dozens ... At least 86 people were killed"
            prior = _vague_count_for(doc, drafts, q)
        # "...killing at least 25. The victims were hit by airstrikes": the next sentence
        after = [d for d in drafts if d.sent - q.sent == 1 and d.type not in NON_VIOLENT]
        if not prior and not after:  # "A bomber killed 16 outside a bakery ...": the lead's
            after = _first_told_after(drafts, q)  # dead, the incident named a few sentences on
        if not prior and not after:
            continue
        if _own_place(doc, sents[q.sent], prior[-1] if prior else after[0]):
            continue  # "An attack on the village of Batbo killed 19": another place's dead
        if _earlier_period(doc, sents[q.sent], prior[-1] if prior else after[0]):
            continue  # "Also in July over 25 civilians were killed": an earlier month's dead
        draft = prior[-1] if prior else after[0]
        draft = _told_at(doc, q, prior) or draft
        toll = draft.killed if q.kind == "killed" else draft.injured
        # a number may still replace "dozens" (GOLD-DEV.md: "dozens" only when no number is given)
        figure = q.toll.low or q.toll.high or 0
        if not toll.known or (q.kind in draft.vague and not q.vague and figure >= (toll.low or 0)):
            add_quantity(doc, draft, q)
        elif _another_count(doc, sents[q.sent], q, draft):
            add_quantity(doc, draft, q)  # two sources disagreeing: the toll widens
        elif is_update(q) and not q.vague:
            add_quantity(doc, draft, q)  # "the toll has since risen to 82": the new count


FIGURE_TOWN_REACH = 3  # words from a figure's verb to the town it was counted in


def _told_at(doc: Doc, q: Quantity, prior: list[Draft]) -> Draft | None:
    """ "... air strikes on Saraqeb and the village of Sheikh Mustafa. Eleven civilians were
    killed in Saraqeb and another man died in Sheikh Mustafa": a figure told at one of the towns
    just listed belongs to that town's incident, not to the last one told. The place named
    right after the figure (past its verb) picks it among the drafts of one sentence."""
    last = [d for d in prior if d.sent == prior[-1].sent] if prior else []
    if len(last) < 2:
        return None
    by_name = {d.place.place.name: d for d in last if d.place is not None}
    end = q.token_end + FIGURE_TOWN_REACH + 2
    for p in doc._.places or ():
        if p.sent == q.sent and q.token_end <= p.token_start <= end:
            return by_name.get(p.place.name)
    return None


def _old_count(doc: Doc, q: Quantity) -> bool:
    """True when a word for a replaced count ("earlier", "previous", "initial") stands before a
    figure in its sentence, and the figure is no update: "Earlier counts had put the dead at
    27". A new count told before the old one it replaces ("126 people killed in the attack,
    the monitor said, updating a previous toll of 112") is the toll."""
    lowers = doc_lowers(doc)
    start = doc._.sentences[q.sent].token_start
    return not is_update(q) and bool(SUPERSEDED.intersection(lowers[start : q.token_start]))


ALSO = words("also too")
ALSO_REACH = 2  # sentences after an incident where "N others also died" adds to its dead


def _also_died(doc: Doc, drafts: list[Draft], q: Quantity) -> None:
    """ "A bombing killed the group's leader. The monitor said six other members also died":
    dead told as others who "also" died, in a sentence telling no incident of its own just
    after one, are more of its dead (never a second count of them): added to its toll, or, when
    it has none yet, its own dead to be added to those of the incident it merges with. Told at
    a place of their own ("five others also died in Binnish") they are left alone."""
    if q.kind != "killed" or q.vague or q.toll.best is None:
        return
    if any(m.field == "killed" and m.start == q.start for d in drafts for m in d.evidence):
        return  # already counted, by an incident told in its sentence and folded back
    sent = doc._.sentences[q.sent]
    if not ALSO.intersection(doc_lowers(doc)[sent.token_start : sent.token_end]):
        return
    prior = [d for d in drafts if 0 < q.sent - d.sent <= ALSO_REACH and d.type not in NON_VIOLENT]
    if not prior or _elsewhere(doc, q, prior[-1]):
        return
    draft = prior[-1]
    if not draft.killed.known:  # its dead were told before it: they join them when merged
        draft.more_dead = draft.more_dead or "told"
        add_toll(draft, "killed", q.toll, False, False)
    else:
        draft.killed = plus(draft.killed, q.toll.best)
    draft.evidence.append(mention("killed", doc, q.start, q.end))


def _earlier_period(doc: Doc, sent: Sentence, draft: Draft) -> bool:
    """True when a sentence dates what it tells to a week or a month that ended before the
    incident's day (for an undated incident, to a month that ended before the report's day):
    "Also in July over 25 civilians were killed in strikes near the town" in an August report
    counts another month's dead. A day named there is left alone: "the monitor said on Monday"
    may date the saying, not the dead."""
    told = draft.date.date if draft.date is not None else None
    day = told or doc._.anchor
    if day is None:
        return False
    # an undated incident may itself be "last week's": only a whole earlier month sets it apart
    coarsest = TimePrecision.WEEK if told is not None else TimePrecision.MONTH
    for d in doc._.dates or ():
        if not (sent.start <= d.start < sent.end) or d.kind == "dateline":
            continue
        if d.precision >= coarsest and d.end_date is not None and d.end_date < day:
            return True
    return False


def _first_told_after(drafts: list[Draft], q: Quantity) -> list[Draft]:
    """The first violent incident told within :data:`COUNT_REACH` sentences after a figure in
    the lead, when no incident is told before it: the lead counts the story's dead before its
    weapon is named."""
    if q.sent >= 2 * LEAD_SENTENCES or any(d.sent <= q.sent for d in drafts):
        return []
    later = [d for d in drafts if 0 < d.sent - q.sent <= COUNT_REACH and d.type not in NON_VIOLENT]
    return later[:1]


def _vague_count_for(doc: Doc, drafts: list[Draft], q: Quantity) -> list[Draft]:
    """The incident a number may give its toll to when it had only "dozens": the last violent
    one told within :data:`COUNT_REACH` sentences before, with no other incident told in
    between, counted vaguely in the same kind, in a sentence naming no other governorate."""
    if q.vague or (q.toll.low is None and q.toll.best is None):
        return []
    before = [d for d in drafts if 0 < q.sent - d.sent <= COUNT_REACH and d.type not in NON_VIOLENT]
    if not before:
        return []
    last = max(before, key=lambda d: d.sent)
    if q.kind not in last.vague or sum(d.sent == last.sent for d in before) > 1:
        return []  # another incident told in the same sentence may own the number
    here = {p.place.governorate for p in doc._.places or () if p.sent == q.sent}
    home = last.place.place.governorate if last.place is not None else None
    return [last] if not here or here == {home} else []


# Heads of "the village of X": a sentence telling one names a place of its own.
OWN_PLACE_HEADS = words("village town city neighbourhood neighborhood district suburb")


def _own_place(doc: Doc, sent: Sentence, draft: Draft) -> bool:
    """True when a sentence names a place of its own that is not the draft's ("the village of
    Batbo" after a strike on Aleppo): its figures count another incident's dead."""
    if draft.place is None:
        return False  # a placeless incident may well be the one told there
    lowers = doc_lowers(doc)
    home, told = draft.place.place.name.lower(), draft.place.text.lower()
    for k in range(sent.token_start, sent.token_end - 2):
        if lowers[k] not in OWN_PLACE_HEADS or lowers[k + 1] != "of" or not doc[k + 2].is_title:
            continue
        j = k + 2  # the name's words, "al" and "-" read over: "the town of Al Tabqah"
        while j < sent.token_end and j - k <= 5 and (doc[j].is_title or lowers[j] in NAME_GLUE):
            j += 1
        name = [w for w in lowers[k + 2 : j] if w not in NAME_GLUE]
        if name and not any(w in home or w in told for w in name) and not _holds(draft, name):
            return True
    return False


NAME_GLUE = frozenset({"al", "el", "ad", "ar", "as", "-"})


def _holds(draft: Draft, name: list[str]) -> bool:
    """True when the named city holds the draft's place: "the city of Homs" around a strike
    placed in its Akrama quarter (a named part of a city lies in the governorate named after
    its seat)."""
    place = draft.place.place if draft.place is not None else None
    if place is None or place.geo_precision != GeoPrecision.NEAR_TOWN or not place.governorate:
        return False
    return " ".join(name) == place.governorate.lower()


# Verbs by which a source gives its own count of the dead ("X put the dead at 56", "Y said 85
# had died", "Z claimed 160 civilians had died").
COUNT_CUES = REPORTING | words("put gave counted")


ADDED = word_list("ADDED")
DEFINITE = word_list("DEFINITE")


def counts_other_dead(doc: Doc, q: Quantity) -> bool:
    """True when a figure counts dead beside others already told: "three more civilians",
    "another five", "killed a further 9", "21 others died", "six children were also killed"
    (not "more than 20", a lower bound, nor the "others" of the injured told after it)."""
    lowers = doc_lowers(doc)
    start = max(doc._.sentences[q.sent].token_start, q.token_start - 1)
    if adds_dead(lowers, start, q.token_end, ADDED):
        return True
    # "six children were also killed", "one civilian was also killed in the strikes": "also"
    # between the people counted and their verb tells dead beside those already told
    verb = q.token_end - 1
    return lowers[verb] in KILLED and "also" in lowers[q.token_start : verb]


COUNT_REACH = 5  # sentences after an incident where other sources' counts of its dead follow


def _another_count(doc: Doc, sent: Sentence, q: Quantity, draft: Draft) -> bool:
    """True when a later sentence gives another source's count of the same incident's dead: a
    whole number (not "dozens", not a part "among" them), told by a source, in a sentence that
    names no place other than the incident's."""
    if q.kind != "killed" or q.vague or q.toll.best is None or "killed" in draft.vague:
        return False
    toks = doc_lowers(doc)[sent.token_start : sent.token_end]
    if not COUNT_CUES.intersection(toks) or "among" in toks or SUPERSEDED.intersection(toks):
        return False  # "Earlier counts had put the dead at 27": an old count, since updated
    if adds_dead(doc_lowers(doc), q.token_start, min(q.token_end + 2, sent.token_end), ADDED):
        return False  # "24 other people were killed": more dead, not another count
    if draft.type == IncidentType.ARMED_CLASH and _other_side(doc, q, draft):
        return False  # "Four YPG fighters were killed" after "35 IS jihadists": the other side
    here = {p.place.governorate for p in doc._.places or () if p.sent == sent.index}
    home = draft.place.place.governorate if draft.place is not None else None
    return not here or here == {home}


# (the words after a figure read for whose fighters it counts; this later value is also the one
# civilians_counted reads, so it stays here)
PEOPLE_REACH = 4


def _other_side(doc: Doc, q: Quantity, draft: Draft) -> bool:
    """True when a figure counts fighters of one side and the clash's toll so far counted
    fighters named for another side only ("At least 35 IS jihadists were killed ... Four YPG
    fighters were killed in those clashes"): the other side's dead, no second count of them."""
    told = [m.start for m in draft.evidence if m.field == "killed"]
    earlier = [x for x in doc._.quantities or () if x.kind == "killed" and x.start in told]
    return _sides_differ(doc, q, earlier)


def _other_side_before(doc: Doc, q: Quantity) -> bool:
    """True when the killed figures of the sentences just before count fighters of another
    side only: a new telling of a clash with this figure ("Four YPG fighters were killed in
    those clashes") counts more dead of the fight they told, to be added when the two merge
    (only a clash has two sides: an air strike's "two members of the NDF" after "five Syrian
    forces" is another source's count)."""
    earlier = [
        x
        for x in doc._.quantities or ()
        if x.kind == "killed" and 0 < q.sent - x.sent <= SIDE_REACH
    ]
    return _sides_differ(doc, q, earlier)


SIDE_REACH = 4  # sentences back where the other side's dead may have been told


def _sides_differ(doc: Doc, q: Quantity, earlier: list[Quantity]) -> bool:
    mine = sides_counted(doc, q)
    if mine is None:
        return False
    # ("22 of the jihadists", naming nobody's, neither joins nor parts the sides)
    theirs = [t for x in earlier if x is not q and (t := sides_counted(doc, x)) is not None]
    return bool(theirs) and all(not t & mine for t in theirs)
