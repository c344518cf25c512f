"""Figure roles: whether a casualty figure is one incident's toll, a claim, or neither.

A figure is a **claim** when its sentence sums up a war or a period (:mod:`.roles`), or tells a
tally, an estimate or a campaign's total ("since", "so far", "in total", "as a result of the
bombings", "we estimate ... of whom 28,000"), or when it restates such a figure told elsewhere
in the report (a heading "Russia killed 28,000 terrorists" over the minister's estimate). A
figure in a sentence that only sets the scene (background, a caption) is **neither**. Every
other figure is a **toll**: only those become incidents' dead and injured.
"""

from __future__ import annotations

from enum import StrEnum

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.casualty_words import KILLED, PEOPLE, adds_dead
from trucewatch.extract.claim_words import SPEECH_VERBS, tells_span, weeks_of, whole_month
from trucewatch.extract.date_tokens import WEEKDAYS
from trucewatch.extract.lexicon import word_list, words
from trucewatch.extract.numbers import find_numbers
from trucewatch.extract.roles import (
    RANK_REACH,
    RANKING,
    SPLIT_PARTS,
    SUPERSEDED,
    one_attack_total,
    related_lists,
    split_by_place,
)
from trucewatch.extract.spans import Quantity, Sentence, doc_lowers, sentence_of
from trucewatch.model.incident import IncidentType

CLAIM_WORDS = word_list("CLAIM_WORDS")
CLAIM_PHRASES = tuple(tuple(p.split("_")) for p in word_list("CLAIM_PHRASES"))
# The phrases by first word, in list order: a sentence's words are looked up, not each phrase.
_CLAIM_PHRASES_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {
    first: tuple(p for p in CLAIM_PHRASES if p[0] == first)
    for first in {p[0] for p in CLAIM_PHRASES}
}
RECENT_DAYS = word_list("RECENT_DAYS")
# A cause phrase ending in "the" ("as a result of the ...") makes a total only when a campaign
# noun follows within this many words ("as a result of the Russian air strikes").
CAMPAIGN_NOUNS = word_list("CAMPAIGN_NOUNS")
CAUSE_REACH = 6


class FigureRole(StrEnum):
    """What a casualty figure is in its report."""

    TOLL = "toll"  # one incident's dead or injured
    CLAIM = "claim"  # a tally, an estimate or a campaign's total someone states
    NEITHER = "neither"  # told in a sentence that only sets the scene


def _claim_words(toks: list[str]) -> bool:
    """True when the words tell a tally or a campaign total (see :data:`CLAIM_WORDS`)."""
    for i, w in enumerate(toks):
        if w in CLAIM_WORDS:
            if w == "estimated" and i > 0 and toks[i - 1] == "an":
                continue  # "an estimated 20 killed in the blast": one incident's toll
            if w == "total" and one_attack_total(toks, i):
                continue  # "a total of 14 militants were killed in the raid": one attack's
            if w == "total" and split_by_place(toks):
                continue  # "a total 54 ... including 9 in A 8 in B": a day's, split by place
            if w == "since" and RANKING.intersection(toks[max(0, i - RANK_REACH) : i]):
                continue  # "killed six, the deadliest since 2013": ranks one incident's toll
            if w == "since" and i + 1 < len(toks) and toks[i + 1] in RECENT_DAYS:
                continue  # "killed since Saturday in fighting": one wave of days, coded whole
            if w == "campaign" and _election(toks, i):
                continue  # "shelled a campaign rally": an election's campaign, no war's
            return True
    for i, w in enumerate(toks):
        for p in _CLAIM_PHRASES_BY_FIRST.get(w, ()):
            if tuple(toks[i : i + len(p)]) != p or not _names_campaign(toks, i + len(p), p):
                continue
            if p[-1] in RATE_UNITS and toks[i + len(p) : i + len(p) + 1] in RELATIVE_NEXT:
                continue  # "a day after the truce", "a day earlier": a time, not a daily rate
            if p in TOTAL_PHRASES and split_by_place(toks):
                continue  # "in total 22 ... including 9 in A 8 in B": a day's, split by place
            if p == WHOM_PHRASE and i > 0 and toks[i - 1] in SHARE_OF_DEAD:
                continue  # "killing 85 soldiers, some of whom were beheaded": tells the dead
            return True
    return False


# "of whom" sums a tally up ("of whom 28,000 have been eliminated"), but after a word taking a
# share of the people just counted ("some of whom were beheaded", "most of whom were
# civilians") it only tells more about one incident's dead.
WHOM_PHRASE = ("of", "whom")
SHARE_OF_DEAD = words("some most many all several both half few none majority each")
# Phrases that sum figures up like "total": a split by place makes them a day's dead.
TOTAL_PHRASES = frozenset({("in", "total"), ("in", "all")})
# "a day" is a rate ("killed 20 a day") unless a word placing one time against another follows
# it: "a day after the truce began", "shelled a day earlier".
RATE_UNITS = words("day")
RELATIVE_TIME = words("after before earlier later ago following prior")
RELATIVE_NEXT = [[w] for w in RELATIVE_TIME]


# Words that make "campaign" an election's: "an election campaign", "a campaign rally".
ELECTION_BEFORE = words("election electoral presidential parliamentary")
ELECTION_AFTER = words("rally rallies office offices event events headquarters trail tent")


def _election(toks: list[str], i: int) -> bool:
    """True when "campaign" at ``i`` is an election's ("bombarded a campaign rally"), which
    counts nobody's dead, not a war's campaign whose figure is a total."""
    before = toks[i - 1] if i > 0 else ""
    after = toks[i + 1] if i + 1 < len(toks) else ""
    return before in ELECTION_BEFORE or after in ELECTION_AFTER


def _names_campaign(toks: list[str], end: int, phrase: tuple[str, ...]) -> bool:
    """A cause phrase ending in "the" counts a total only before a campaign noun ("as a result of
    the air strikes since September"); "as a result of the bombing of Raqqa 20 civilians have
    been killed" is one attack's toll. Other phrases count a total wherever they stand."""
    if phrase[-1] != "the":
        return True
    return bool(CAMPAIGN_NOUNS.intersection(toks[end : end + CAUSE_REACH]))


# Word pairs after which a sentence tells what provoked an attack ("in revenge for the death
# of five crewmen"): the dead told after them are the provoking event's.
PROVOKED_BY = frozenset(
    {("revenge", "for"), ("retaliation", "for"), ("reprisal", "for"), ("response", "to")}
)


def _provoking(doc: Doc, q: Quantity) -> bool:
    """True when a figure follows "in revenge for" / "in retaliation for": it counts the dead
    of the event that provoked the attack, not the attack's own. When that event is itself
    told as an incident ("in response to a chemical attack that killed 1,400") the figure is
    that incident's toll."""
    lowers = doc_lowers(doc)
    start = doc._.sentences[q.sent].token_start
    for k in range(start, q.token_start - 1):
        if (lowers[k], lowers[k + 1]) not in PROVOKED_BY:
            continue
        told = any(
            t.sent == q.sent and k < t.token_start < q.token_start for t in doc._.triggers or ()
        )
        return not told
    return False


# "comes a day after", "hours after", "two weeks after": the event told after such a phrase
# happened before the news.
ELAPSED_UNITS = words("day days hour hours week weeks")
OPENING_REACH = 2  # tokens from the sentence's start within which the phrase opens the sentence


def elapsed_after(doc: Doc, sent: Sentence) -> list[int]:
    """The tokens of "after" in "came a day after", "hours after" set after a sentence's news
    (not opening the sentence): what follows them happened earlier."""
    lowers = doc_lowers(doc)
    return [
        k
        for k in range(sent.token_start + OPENING_REACH + 1, sent.token_end)
        if lowers[k] == "after" and lowers[k - 1] in ELAPSED_UNITS
    ]


def _earlier_event(doc: Doc, q: Quantity) -> bool:
    """True when a figure follows "a day after" / "hours after" set after the news it dates
    ("the attack came a day after security forces killed 80 there"): it counts the dead of an
    earlier event. When that event is told as an incident of its own ("a day after air strikes
    killed 26") the figure is that incident's toll, and a sentence opening with the phrase ("A
    day after the truce, 20 people were killed") tells its news after it. A sentence makes one
    incident per type, so an event told with a word of the news's own type ("the raids came
    days after air strikes killed 20") has no incident of its own: its dead would be the news's.
    """
    before = [k for k in elapsed_after(doc, doc._.sentences[q.sent]) if k < q.token_start]
    if not before:
        return False
    k = before[0]
    here = [t for t in doc._.triggers or () if t.sent == q.sent]
    news = {t.type for t in here if t.token_start < k}
    told = any(k < t.token_start < q.token_start and t.type not in news for t in here)
    return not told


def _after_ranked_since(doc: Doc, q: Quantity) -> bool:
    """True when a figure follows a ranked "since" ("the first death in the town since an attack
    that killed 87"): it counts the earlier event the ranking names, not this one."""
    lowers = doc_lowers(doc)
    start = doc._.sentences[q.sent].token_start
    for k in range(start, q.token_start):
        if lowers[k] == "since" and RANKING.intersection(lowers[max(start, k - RANK_REACH) : k]):
            return True
    return False


def sentence_claims(doc: Doc, sent: Sentence) -> bool:
    """True when a sentence's figures are claims: it sums up a period or tells a tally (cached
    per doc: the figure roles, the claims and the story's places all ask it of one sentence)."""
    cache = doc.user_data.setdefault("tw_claim_sents", {})
    told = cache.get(sent.index)
    if told is None:
        told = cache[sent.index] = _sentence_claims(doc, sent)
    return told


def _sentence_claims(doc: Doc, sent: Sentence) -> bool:
    if doc._.roles[sent.index].summary:
        return True
    toks = doc_lowers(doc)[sent.token_start : sent.token_end]
    if _claim_words(toks) or whole_month(toks) or weeks_of(toks):
        return True
    # "killed since Saturday in fighting" is the wave the report tells, coded whole; after an
    # incident with a toll of its own ("16 were killed on Monday ... Since Thursday
    # bombardment has killed 44") it is the days' total around that incident
    days = [
        sent.token_start + i + 1
        for i, w in enumerate(toks)
        if w == "since" and toks[i + 1 : i + 2] in WEEKDAY_NEXT
    ]
    # "since Sunday morning" in Sunday's report is today's wave, not a total of days
    anchor = doc._.anchor
    today = [d for d in doc._.dates or () if d.date is not None and d.date == anchor]
    days = [k for k in days if not any(d.start <= doc[k].idx < d.end for d in today)]
    # "84 people were killed over a four-day stretch", "in the past three days": a span of
    # days, likewise a total around the day's incident told before it
    return (bool(days) or tells_span(toks)) and _other_toll_before(doc, sent)


WEEKDAY_NEXT = [[d] for d in WEEKDAYS]


# Openers of a web page's list of other stories run into the text ("Read Also Death toll rises
# to 70 in Deraa"), beside "Related" (:func:`related_lists`).
FURNITURE_OPENERS = (("read", "also"), ("read", "more"), ("also", "read"))


def _furniture(doc: Doc) -> dict[int, int]:
    """Sentence -> token where web page furniture starts: a "Related" list of other headlines,
    or what follows "Read Also" / "READ MORE" (other stories' headlines, whose figures are
    never this report's tolls)."""
    out = dict(related_lists(doc))
    lowers = doc_lowers(doc)
    for k in range(len(lowers) - 2):
        opens = (lowers[k], lowers[k + 1]) in FURNITURE_OPENERS and doc[k].text[:1].isupper()
        if opens and (doc[k + 2].text[:1].isupper() or doc[k + 2].is_punct):
            sent = sentence_of(doc, k)
            out[sent] = min(out.get(sent, k), k)
    return out


def _other_toll_before(doc: Doc, sent: Sentence) -> bool:
    """True when an earlier sentence tells an incident (a trigger) with a killed figure other
    than this sentence's (a heading restating the same wave's figure does not count)."""
    quantities: list[Quantity] = doc._.quantities or []
    own = {_value(q) for q in quantities if q.sent == sent.index}
    typed = {t.sent for t in doc._.triggers or () if t.sent < sent.index}
    return any(q.sent in typed and q.kind == "killed" and _value(q) not in own for q in quantities)


def _value(q: Quantity) -> int | None:
    return q.toll.best if q.toll.best is not None else (q.toll.low or q.toll.high)


def figure_roles(doc: Doc) -> list[FigureRole]:
    """One role per ``doc._.quantities`` entry, in the same order."""
    sents: list[Sentence] = doc._.sentences or []
    quantities: list[Quantity] = doc._.quantities or []
    claims = {k: sentence_claims(doc, sents[k]) for k in {q.sent for q in quantities}}
    roles = []
    for q in quantities:
        if claims[q.sent] or _after_ranked_since(doc, q):
            roles.append(FigureRole.CLAIM)
        elif doc._.roles[q.sent].context:
            roles.append(FigureRole.NEITHER)
        else:
            roles.append(FigureRole.TOLL)
    # a figure restating a claimed number is that claim again: anywhere in the report for a
    # thousand or more ("Russia killed 28,000 terrorists" over "of whom 28,000 have been
    # eliminated"); a smaller one when the next sentence shows it part of a tally ("50
    # civilians were killed in airstrikes. ... 865 killed including 50 civilians since ...")
    claimed: dict[int, set[int]] = {}
    for q, r in zip(quantities, roles, strict=True):
        if r == FigureRole.CLAIM and _value(q) is not None:
            claimed.setdefault(_value(q), set()).add(q.sent)
    for n in find_numbers(doc):
        if _in_claim(doc, n.start, sents):
            claimed.setdefault(int(n.value), set()).add(sentence_of(doc, n.start))
    # a headline restating a figure the body tells only as a claim ("100 Terrorists Killed in
    # Kobani" over "clashes have killed about 100 in the past three days") is that claim
    told = {
        _value(q)
        for q, r in zip(quantities, roles, strict=True)
        if r == FigureRole.TOLL and not _title_sentence(doc, sents[q.sent])
    }
    for k, q in enumerate(quantities):
        value = _value(q)
        if roles[k] != FigureRole.TOLL or value not in claimed:
            continue
        headline = value not in told and _title_sentence(doc, sents[q.sent])
        if value >= 1000 or q.sent + 1 in claimed[value] or headline:
            roles[k] = FigureRole.CLAIM
    # "updated its earlier toll of 15, saying three more people had died": the sentence tells
    # a replaced count, and the dead added to it are in the new count, never more of them
    replaced = {q.sent for q in quantities if superseded_count(doc, q)}
    intake = {k: _hospital_intake(doc, sents[k]) for k in {q.sent for q in quantities}}
    parts = _parts_among_dead(doc, quantities)
    restated = _restated_parts(doc, quantities)
    for k, q in enumerate(quantities):
        if roles[k] != FigureRole.TOLL:
            continue
        if superseded_count(doc, q) or _provoking(doc, q) or _earlier_event(doc, q):
            roles[k] = FigureRole.NEITHER
        elif _earlier_report(doc, sents[q.sent], q) and _other_toll_before(doc, sents[q.sent]):
            roles[k] = FigureRole.NEITHER  # "Earlier a source said 7 were killed": since summed
        elif q.sent in replaced and _added(doc, q):
            roles[k] = FigureRole.NEITHER  # "... three more people had died": the update's
        elif q.kind == "killed" and intake[q.sent]:
            roles[k] = FigureRole.NEITHER  # "the hospital received the bodies of three"
        elif q.kind == "killed" and _value(q) in parts:
            roles[k] = FigureRole.NEITHER  # "Five children and four staff killed": a part
        elif q.kind == "killed" and _subgroup_count(doc, q, quantities):
            roles[k] = FigureRole.NEITHER  # "UNICEF said 25 children were killed": a part
        elif q.kind == "killed" and k in restated:
            roles[k] = FigureRole.NEITHER  # "kills 7 commanders" over "49 including seven"
        elif _split_whole(doc, q, quantities):
            roles[k] = FigureRole.NEITHER  # "54 killed including 9 in A 8 in B": the parts'
    # (after the roles above, so that only a later count that is itself a toll makes a part)
    for k, q in enumerate(quantities):
        if (
            roles[k] == FigureRole.TOLL
            and q.kind == "killed"
            and _subgroup_before_whole(doc, q, quantities, roles)
        ):
            roles[k] = FigureRole.NEITHER  # "killed 25 children" … "updated to 82"
    for k, q in enumerate(quantities):
        if (
            roles[k] == FigureRole.TOLL
            and q.kind == "killed"
            and _side_share(doc, q, quantities, roles)
        ):
            roles[k] = FigureRole.NEITHER  # "left 40 dead" … "nine government fighters": a share
    furniture = _furniture(doc)
    for k, q in enumerate(quantities):
        if q.sent in furniture and q.token_start >= furniture[q.sent]:
            roles[k] = FigureRole.NEITHER  # "Related ... Strikes Killed at Least 84": headlines
    tallied = {q.sent for q, r in zip(quantities, roles, strict=True) if r == FigureRole.CLAIM}
    # "The town has been under rocket fire since mid-January. Twenty people have been killed":
    # a sentence that opens a period with no figure of its own goes on as its tally too
    counted = {q.sent for q in quantities}
    tallied |= {
        q.sent - 1
        for q in quantities
        if q.sent > 0 and q.sent - 1 not in counted and _opens_period(doc, sents[q.sent - 1])
    }
    for k, q in enumerate(quantities):
        if roles[k] != FigureRole.TOLL:
            continue
        if q.kind == "killed" and (_value(q) or 0) >= WAR_SCALE:
            roles[k] = FigureRole.CLAIM  # "400,000 deaths were caused by violence": the war's
        elif q.sent - 1 in tallied and not _anchored(doc, q):
            # "652 children were killed last year. UNICEF said 255 died in or near schools":
            # the tally goes on in a sentence that gives no day and no place of its own
            roles[k] = FigureRole.CLAIM
    return roles


def _opens_period(doc: Doc, sent: Sentence) -> bool:
    """True when a sentence with no figure tells a period by "since" a month or a season ("has
    been under rocket attacks since mid-January", "since the start of the year"), not since a
    day of this week (one wave of days) nor as a ranking ("the first since 2013")."""
    toks = doc_lowers(doc)[sent.token_start : sent.token_end]
    return "since" in toks and _claim_words(toks) and not doc._.roles[sent.index].summary


def _split_whole(doc: Doc, q: Quantity, quantities: list[Quantity]) -> bool:
    """True when a figure is the whole of a total its sentence splits by place ("A total 54
    were killed on Tuesday including 9 in Alsaliheen 8 in Ansari"): the parts told after it,
    each at its own place, are the incidents' tolls, and the whole belongs to none of them."""
    if q.elliptic:
        return False
    sent = doc._.sentences[q.sent]
    parts = [
        p
        for p in quantities
        if p.elliptic and p.sent == q.sent and p.kind == q.kind and p.token_start > q.token_end
    ]
    toks = doc_lowers(doc)[sent.token_start : sent.token_end]
    return len(parts) >= SPLIT_PARTS and split_by_place(toks)


# A hospital taking in the dead: "the hospital received the bodies of two people".
HOSPITALS = words("hospital hospitals clinic clinics morgue morgues infirmary")
INTAKE = words("received receiving receive receives brought taken admitted arrived")
BODIES = words("bodies body corpses dead")


def _hospital_intake(doc: Doc, sent: Sentence) -> bool:
    """True when a sentence tells the dead a hospital took in ("the town's hospital received
    the bodies of two people killed in the strike") after an incident told with a toll of its
    own: those one ward counted, a part of that toll, never another source's count of it."""
    toks = set(doc_lowers(doc)[sent.token_start : sent.token_end])
    if not (HOSPITALS & toks and INTAKE & toks and BODIES & toks):
        return False
    return _other_toll_before(doc, sent)


DEAD_NOUNS = words("dead victims killed fatalities")


def _parts_among_dead(doc: Doc, quantities: list[Quantity]) -> set[int]:
    """Sums of the groups a report lists "among the dead" ("Among the dead were four staff
    and five children" = 9) that are smaller than a killed figure it gives: a figure equal to
    such a sum ("Five children and four medical staff killed" over "killed 13") restates the
    part, not the toll."""
    lowers = doc_lowers(doc)
    killed = [v for q in quantities if q.kind == "killed" and (v := _value(q)) is not None]
    if len(killed) < 2:
        return set()
    sums: set[int] = set()
    nums = None
    for sent in doc._.sentences or ():
        toks = lowers[sent.token_start : sent.token_end]
        at = next(
            (
                i
                for i, w in enumerate(toks)
                if w == "among" and DEAD_NOUNS.intersection(toks[i + 1 : i + 3])
            ),
            -1,
        )
        if at < 0:
            continue
        nums = find_numbers(doc) if nums is None else nums
        after = [
            n for n in nums if sent.token_start + at < n.start < sent.token_end and not n.vague
        ]
        total = sum(int(n.value) for n in after)
        if len(after) >= 2 and any(total < v for v in killed):
            sums.add(total)
    return sums


INCLUDING = words("including includes among")
PART_REACH = 3  # words before a figure where "including" / "among them" may stand
NOUN_REACH = 5  # words after a figure where the people it counts are named
# Words read over between a part's figure and its people: "seven |of its field| commanders".
PART_GLUE = words("of its his their the")


def _people_nouns(lowers: list[str], start: int, end: int) -> frozenset[str]:
    """The first word naming people within :data:`NOUN_REACH` words from ``start`` (a figure's
    end), when it names a part of the dead ("field commanders" → {commanders}); empty when it
    names any dead ("civilians including three children": civilians) or there is none."""
    for w in lowers[start : min(end, start + NOUN_REACH)]:
        if w in PART_NOUNS:
            return frozenset({w})
        if w in ANY_DEAD:
            break
    return frozenset()


def _restated_parts(doc: Doc, quantities: list[Quantity]) -> set[int]:
    """Indexes of killed figures that restate a part of a larger toll told in another sentence
    ("Russia says it killed 7 field commanders" over "an air strike killed 49 militants
    including seven of its field commanders"): same number, same people named, the part
    introduced by "including" / "among them" after the whole. A headline often gives the part
    that made the news; it is no rival count of the dead."""
    lowers = doc_lowers(doc)
    sents = doc._.sentences
    wholes = [q for q in quantities if q.kind == "killed" and _value(q) is not None]
    if len(wholes) < 2:
        return set()
    parts: list[tuple[int, int, frozenset[str]]] = []  # (value, sentence, people)
    for n in find_numbers(doc):
        if n.vague:
            continue
        sent = sents[sentence_of(doc, n.start)]
        before = lowers[max(sent.token_start, n.start - PART_REACH) : n.start]
        if not INCLUDING.intersection(before):
            continue
        value = int(n.value)
        whole = [
            q
            for q in wholes
            if q.sent == sent.index and q.token_start < n.start and (_value(q) or 0) > value
        ]
        if not whole:
            continue
        k = n.end
        while k < sent.token_end and lowers[k] in PART_GLUE:
            k += 1
        nouns = _people_nouns(lowers, k, sent.token_end)
        if nouns:
            parts.append((value, sent.index, nouns))
    out: set[int] = set()
    for i, q in enumerate(quantities):
        if q.kind != "killed" or q.people_at < 0:
            continue
        nouns = _people_nouns(lowers, q.people_at, sents[q.sent].token_end)
        value = _value(q)
        if any(v == value and s != q.sent and nouns & ns for v, s, ns in parts):
            out.add(i)
    return out


# Nouns for those who bear arms; the words beside them name whose they were ("YPG fighters").
ARMED = words(
    """fighters militants jihadists soldiers troops rebels members servicemen militiamen gunmen
    terrorists forces"""
)
SIDE_WORDS = words("regime government opposition rebel kurdish turkish russian")
SIDE_NAME_REACH = 6  # words from a figure to the end of whom it counts ("Jaish al-Islam fighters")
SIDE_NAME_GLUE = frozenset({"al", "el", "-", "of", "pro"})


def fighter_sides(doc: Doc, q: Quantity) -> frozenset[str] | None:
    """The words naming whose fighters a figure counts ("35 Islamic State jihadists" → {islamic,
    state}; "270 soldiers" → an empty set); None when it counts no fighters."""
    if q.people_at < 0:
        return None
    lowers = doc_lowers(doc)
    span: list[str] = []
    named: set[str] = set()
    for k in range(q.people_at, min(len(doc), q.people_at + SIDE_NAME_REACH)):
        w = lowers[k]
        if w not in SIDE_NAME_GLUE and (
            not w.isalpha()
            or (w not in ARMED and w not in SIDE_WORDS and not doc[k].text[:1].isupper())
        ):
            break  # "Terrorists in Hama": the place is no side
        span.append(w)
        if w in SIDE_WORDS or (doc[k].text[:1].isupper() and w not in ARMED):
            named.add(w)
    return frozenset(named) if ARMED.intersection(span) else None


def sides_counted(doc: Doc, q: Quantity) -> frozenset[str] | None:
    """The words naming whose fighters a figure counts; None when it counts no fighters or
    names nobody's."""
    return fighter_sides(doc, q) or None


SHARE_REACH = 5  # sentences back where the count of all a fight's dead may stand


def _side_share(doc: Doc, q: Quantity, quantities: list[Quantity], roles: list[FigureRole]) -> bool:
    """True when a figure counts one side's fighters ("at least nine pro-government fighters
    were killed", "at least 40 Islamic State fighters were killed"), in a sentence naming no
    place of its own, after a larger count told just before of a fight's dead ("clashes left 40
    dead") or of that side's ("the offensive killed 40 government forces"): that side's share
    of those dead, never a rival source's lower count of them. A count of the other side's
    fighters ("four YPG fighters" after "35 IS jihadists") is left to be added, and one after a
    count of fighters naming nobody ("19 terrorists", then "16 Takfiri terrorists") may be
    another source's."""
    value = _value(q)
    mine = sides_counted(doc, q)
    if value is None or q.vague or not mine:
        return False
    if any(p.sent == q.sent for p in doc._.places or ()):
        return False  # "nine soldiers were killed in Tabqa": dead of a place of their own
    fights = {t.sent for t in doc._.triggers or () if t.type == IncidentType.ARMED_CLASH}
    sents: list[Sentence] = doc._.sentences
    for k, x in enumerate(quantities):
        if x.kind != "killed" or x.start >= q.start or x.sent == q.sent or x.vague:
            continue
        if x.sent not in fights:
            continue  # only a fight has sides: an air strike's dead may all be of one
        whole = _value(x)
        if roles[k] != FigureRole.TOLL or whole is None or whole <= value:
            continue
        if q.sent - x.sent > SHARE_REACH or _other_day(doc, sents[q.sent], sents[x.sent]):
            continue  # "On Tuesday ten more fighters were killed": another day's fight
        theirs = fighter_sides(doc, x)
        if theirs is None or theirs & mine:
            return True  # all the dead ("left 40 dead"), or that side's ("40 government forces")
    return False


def _other_day(doc: Doc, sent: Sentence, other: Sentence) -> bool:
    """True when a sentence names a day that ``other`` does not name."""
    days = [d for d in doc._.dates or () if d.date is not None]
    here = {d.date for d in days if sent.start <= d.start < sent.end}
    there = {d.date for d in days if other.start <= d.start < other.end}
    return bool(here - there)


# Nouns for the people a part counts; "people" and "civilians" name any toll, so no part.
ANY_DEAD = words("people persons person civilians civilian")
PART_NOUNS = (
    PEOPLE
    | words(
        """commanders leaders officers officials heads militants fighters jihadists terrorists
        rebels soldiers troops members gunmen staff medics volunteers"""
    )
) - ANY_DEAD


# Victims a count may hold only some of: children and women are among a toll of "people".
SUBGROUPS = words("children kids minors women girls boys")
WHOLE_GROUPS = words("people persons civilians citizens")
SUBGROUP_REACH = 2  # sentences back where the count of all the dead may stand


def _counts(doc: Doc, q: Quantity, group: frozenset[str]) -> bool:
    """True when the people a figure counts are named by a word of ``group`` ("25 children",
    "58 Syrian civilians"; one word about them read over)."""
    if q.people_at < 0:
        return False
    lowers = doc_lowers(doc)
    end = min(doc._.sentences[q.sent].token_end, q.people_at + 2)
    for k in range(q.people_at, end):
        if lowers[k] in group:
            return True
        if not lowers[k].isalpha():
            return False
    return False


def _subgroup_count(doc: Doc, q: Quantity, quantities: list[Quantity]) -> bool:
    """True when a figure counts only children or women, in a sentence naming no place of its
    own ("UNICEF said 25 children were killed"), after a larger count of all the dead, people or
    civilians, told just before ("air strikes killed 58 civilians in the town"): the children
    are among those dead, a part of that toll, never a rival source's lower count of it."""
    value = _value(q)
    if value is None or value < 2 or not _counts(doc, q, SUBGROUPS):
        return False
    if any(p.sent == q.sent for p in doc._.places or ()):
        return False  # "five children were killed in Binnish": dead of a place of their own
    for x in quantities:
        if x.kind != "killed" or x.start >= q.start or q.sent - x.sent > SUBGROUP_REACH:
            continue
        whole = _value(x)
        if whole is not None and whole > value and not x.vague and _counts(doc, x, WHOLE_GROUPS):
            return True
    return False


# Words in a figure's evidence that make it a count of all the dead, whoever they were ("an
# initial death toll of 47", "This was later updated to 82").
WHOLE_COUNT_WORDS = words("toll updated revised raised")
# Sentences ahead where the count of all the dead may follow a children's count (a quote or
# the children's town may stand between: "UNICEF said ... . Bodies of children were pulled
# from the rubble in X. The Observatory gave an initial toll of 47. This was updated to 82").
SUBGROUP_AHEAD = 3


def _subgroup_before_whole(
    doc: Doc, q: Quantity, quantities: list[Quantity], roles: list[FigureRole]
) -> bool:
    """True when a figure counts only children or women at a place ("air strikes killed 25
    children in Quriyah, UNICEF said") and a larger count of all the dead follows in the next
    sentences, either as a toll ("The Observatory's toll was later updated to 82") or as people
    killed at the children's own place ("... killed 82 people in Quriyah"): the children are
    among those dead, a part of that toll, not a rival source's lower count of it."""
    value = _value(q)
    if value is None or value < 2 or not _counts(doc, q, SUBGROUPS):
        return False
    lowers = doc_lowers(doc)
    mine = {p.place.name for p in doc._.places or () if p.sent == q.sent}
    if not mine:
        return False  # the children's figure may be all that grounds its sentence's incident
    for x, role in zip(quantities, roles, strict=True):
        if x.kind != "killed" or x.sent <= q.sent or x.sent - q.sent > SUBGROUP_AHEAD:
            continue
        whole = _value(x)
        if role != FigureRole.TOLL or whole is None or whole <= value or x.vague:
            continue
        if superseded_count(doc, x) or _counts(doc, x, SUBGROUPS):
            continue
        theirs = {p.place.name for p in doc._.places or () if p.sent == x.sent}
        if theirs:  # "... killed 82 people in Quriyah": the children's place, all the dead
            if theirs <= mine and _counts(doc, x, WHOLE_GROUPS):
                return True
        # told at no place, only a toll points back at the attack ("the toll was updated to
        # 82"); "A total of 33 people died" may sum the day's attacks across the country
        elif WHOLE_COUNT_WORDS.intersection(lowers[x.token_start : x.token_end]):
            return True
    return False


ADDED_WORDS = word_list("ADDED") - {"other", "others"}


def _added(doc: Doc, q: Quantity) -> bool:
    """True when a figure counts dead added to others ("three more", "a further two")."""
    lowers = doc_lowers(doc)
    start = max(doc._.sentences[q.sent].token_start, q.token_start - 1)
    return adds_dead(lowers, start, q.token_end, ADDED_WORDS)


# What a source gives when it counts: "earlier gave a toll of 20", "the initial count put".
COUNTING = words(
    "toll tolls count counts figure figures tally gave given put reported said estimate"
)
SUPERSEDED_REACH = 8  # tokens before a figure where "earlier gave a toll of" may stand


def superseded_count(doc: Doc, q: Quantity) -> bool:
    """True when a figure is a count its source has since replaced: "the monitor, which earlier
    gave a toll of 20", "an initial count put the dead at 12" (GOLD-DEV.md: the later figure of
    the same source replaces the earlier). "Earlier on Monday a strike killed 5" tells another
    incident, not an old count, so the word must qualify a count."""
    lowers = doc_lowers(doc)
    first = max(doc._.sentences[q.sent].token_start, q.token_start - SUPERSEDED_REACH)
    for k in range(first, q.token_start + 1):
        if lowers[k] in SUPERSEDED and COUNTING.intersection(lowers[k + 1 : k + 3]):
            return True
    return False


EARLIER_OPENING = 2  # tokens from the sentence's start within which "earlier" opens it
# tokens from "earlier" to the source's verb ("earlier on Wednesday a source at the police said")
EARLIER_TO_VERB = 12


def _earlier_report(doc: Doc, sent: Sentence, q: Quantity) -> bool:
    """True when a sentence opens with what a source had told earlier and the figure is in what
    it told, at no town or quarter of its own (at most the city the governorate is named for):
    "Earlier on Wednesday a source at the police said that 7 civilians were killed in attacks
    on Aleppo city".
    Told after the lead's count of the day, such a figure is an earlier count of the same dead
    (since updated) or a part the lead's count already holds (since summed), never the toll
    itself nor another source's count of it ("Earlier on Monday a strike killed 5" tells no
    source's count and is left alone)."""
    lowers = doc_lowers(doc)
    start = sent.token_start
    opening = [
        k
        for k in range(start, min(start + EARLIER_OPENING, sent.token_end))
        if lowers[k] == "earlier"
    ]
    if not opening:
        return False
    places = [p.place for p in doc._.places or () if p.sent == sent.index]
    if any(p.name != p.governorate for p in places):
        return False  # "Earlier ... a shell landed in al-Mohafazah killing 2": one place's part
    for k in range(opening[0] + 1, min(q.token_start, opening[0] + EARLIER_TO_VERB)):
        if lowers[k] in KILLED:
            return False  # "Earlier a strike killed 5 ... a source said": the strike's own
        if lowers[k] in SPEECH_VERBS:
            return True
    return False


#: Dead this many are a war's or a period's, never one incident's (the deadliest single
#: incidents of the war counted some hundreds to about 1,500 dead).
WAR_SCALE = 10_000


def _anchored(doc: Doc, q: Quantity) -> bool:
    """True when the figure's sentence gives a day or a place of its own."""
    sent = doc._.sentences[q.sent]
    if any(p.sent == q.sent for p in doc._.places or ()):
        return True
    return any(sent.start <= d.start < sent.end and d.date is not None for d in doc._.dates or ())


def _title_sentence(doc: Doc, sent: Sentence) -> bool:
    """True when a sentence is the report's own title told in its text (its words, however
    spaced, stand in the title, or the title in it)."""
    report = doc._.report
    title = " ".join((report.title or "").lower().split()) if report is not None else ""
    if not title:
        return False
    told = " ".join(doc_lowers(doc)[sent.token_start : sent.token_end]).rstrip(" .")
    squeeze = "".join(told.split())
    whole = "".join(title.split()).rstrip(".")
    return bool(squeeze) and (squeeze in whole or whole in squeeze)


def _in_claim(doc: Doc, token: int, sents: list[Sentence]) -> bool:
    """True when the number at ``token`` stands in a sentence that tells a claim."""
    return sentence_claims(doc, sents[sentence_of(doc, token)])


def toll_figures(doc: Doc) -> list[Quantity]:
    """The figures that are incidents' tolls (``doc._.figure_roles`` says which)."""
    roles = doc._.figure_roles
    quantities: list[Quantity] = doc._.quantities or []
    if roles is None:
        return quantities
    return [q for q, r in zip(quantities, roles, strict=True) if r == FigureRole.TOLL]


@Language.component(
    "tw_figure_roles",
    requires=[
        "doc._.sentences",
        "doc._.quantities",
        "doc._.roles",
        "doc._.places",
        "doc._.dates",
        "doc._.triggers",
    ],
    assigns=["doc._.figure_roles"],
)
def figure_roles_component(doc: Doc) -> Doc:
    """Store one :class:`FigureRole` per casualty figure on ``doc._.figure_roles``."""
    doc._.figure_roles = figure_roles(doc)
    return doc
