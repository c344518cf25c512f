"""Where an incident's perpetrator comes from when the sentences telling it name none.

:func:`fallback_perpetrator` asks them in order (the order is kept here, beside the readings,
so a new fallback is added in one file): the one agent its sentences give for incidents of its
kind; an act it names again ("in what ... was"); a retelling just after ("The strike was
carried out by Russian jets"); a party named before a general word for the attack; a claim of
responsibility for it told after; the party its headline names as acting.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.actor_roles import is_force
from trucewatch.extract.actors import forces_of
from trucewatch.extract.attribution import DOUBT, Attribution, perpetrator_of
from trucewatch.extract.headline_attribution import headline_agent
from trucewatch.extract.lexicon import word_list, words
from trucewatch.extract.main_choice import read_headline
from trucewatch.extract.places import headline_figures
from trucewatch.extract.spans import (
    ActorMention,
    Sentence,
    Trigger,
    doc_lowers,
    sentence_of,
    token_at,
)
from trucewatch.gazetteer.actors import may_fly
from trucewatch.model.incident import Incident, IncidentType

# Sentences that make a story's lead: a kind's agent told there holds for its parts told after.
KIND_LEAD = 3
# Words telling the story has moved on to another incident ("in another incident", "in a
# separate attack").
MOVED_ON = words("another separate")
OTHER_EVENT = words("incident incidents attack attacks strike strikes raid raids bombing")


def moves_on(said: list[str]) -> bool:
    """Whether a sentence's words tell it moves on to another incident ("In another incident, a
    shell struck a school", "a separate attack"): its strike is not the one told before."""
    return any(w in MOVED_ON and n in OTHER_EVENT for w, n in pairwise(said))


# Kinds one side carries out (not a clash, fought by two; nor a delivery or truce).
ONE_SIDED_KINDS = frozenset(
    {
        IncidentType.AIR_STRIKE,
        IncidentType.SHELLING,
        IncidentType.EXPLOSION,
        IncidentType.CHEMICAL_ATTACK,
    }
)
IN_WHAT_REACH = 12  # tokens from "in what" to the incident it names ("... was a gas attack")
# Sentences after an incident's last where "the strike", "the clashes" still retell it.
RETOLD_AFTER = 2
RETELLING = words("the these this")
# "X claimed responsibility for the bombing", "X claimed the attack": a party owning an
# incident, told after it (how far: as for a denial).
CLAIM_AFTER = 6
CLAIMING = words("claimed claims claiming claim")
CLAIM_GAP = words("has have had later quickly swiftly also")


def fallback_perpetrator(
    doc: Doc,
    incident: Incident,
    told: list[int],
    actors: list[ActorMention],
    first: bool,
    accept: Callable[[ActorMention], bool] | None = None,
) -> ActorMention | None:
    """The party the first fallback that finds one names, asked in order, for an incident whose
    own sentences state no perpetrator: the kind's agent ("35 cases of suffocation in a
    terrorist chemical attack"); an act named again ("forces shelled Zamalka in what activists
    said was a gas attack"); a retelling just after ("The strike was carried out by Russian
    jets"); an agent named after it; a party named before a general word for the attack; a
    claim of responsibility; a party denying its own part; the headline's acting party
    ("Airstrikes by Assad regime warplanes kill 4"); the kind's agent told before. ``first``:
    no other incident is told before this one; ``accept``: a party it refuses (one that flies
    nothing, for an air strike) leaves the next fallback to be asked."""
    fallbacks = (
        lambda: untyped_agent(doc, incident, actors),
        lambda: same_kind_told(doc, incident, told),
        lambda: in_what(doc, incident, told),
        lambda: retold_after(doc, incident, told),
        lambda: agent_named_after(doc, incident, told),
        lambda: party_act_named(doc, incident, told),
        lambda: responsibility_claimed(doc, incident, told),
        lambda: denied_own_part(doc, incident, told),
        lambda: headline_party(doc, incident, actors, first),
        lambda: kind_agent_before(doc, incident, told),
    )
    for fallback in fallbacks:
        named = fallback()
        if named is not None and (accept is None or accept(named)):
            return named
    return None


# The words an untyped attack is told by ("attacked", "targeted"; :mod:`untyped_triggers`).
UNTYPED_ATTACK = word_list("UNTYPED_ATTACK")


def untyped_agent(doc: Doc, incident: Incident, actors: list[ActorMention]) -> ActorMention | None:
    """The agent of an incident's type words that no trigger holds ("IS fighters attacked army
    posts near X": an untyped attack the drafts typed from its victims), read as a trigger's
    agent is read (:func:`perpetrator_of`): the attribution step saw no trigger there, so
    nothing asked who acted. None when every type word is a trigger's or none names an agent."""
    triggers = {t.start for t in doc._.triggers or ()}
    sents: list[Sentence] = doc._.sentences
    for m in incident.evidence:
        # (a figure standing as the type's words, "20 fighters had been killed", names no act)
        if m.field != "type" or m.start in triggers or m.text.lower() not in UNTYPED_ATTACK:
            continue
        first, last = token_at(doc, m.start), token_at(doc, m.end - 1)
        if first < 0 or last < first:
            continue
        sent = sents[sentence_of(doc, first)]
        words = Trigger(m.start, m.end, m.text, incident.type, first, last + 1, sent.index, 1)
        agent = perpetrator_of(doc, words, sent, actors)
        if agent is not None:
            return agent
    return None


def same_kind_told(doc: Doc, incident: Incident, told: list[int]) -> ActorMention | None:
    """The one agent the sentences telling an incident give for incidents of its kind
    ("suffocation in a terrorist chemical attack": the attack's agent); None when they give
    none, or more than one party."""
    found = doc._.attributions or {}
    agents = [
        attr.perpetrator
        for t in doc._.triggers or ()
        if t.sent in told
        and t.type == incident.type
        and (attr := found.get(t.start)) is not None
        and attr.perpetrator is not None
    ]
    if incident.type == IncidentType.AIR_STRIKE:
        # a party that flies nothing is no strike's agent ("war planes from the coalition
        # against ISIS struck": the clause's subject read wrong), so it makes no second party
        agents = [a for a in agents if a.canonical is None or may_fly(a.canonical)]
    if len({a.canonical for a in agents}) != 1:
        return None
    return agents[0]


def kind_agent_before(doc: Doc, incident: Incident, told: list[int]) -> ActorMention | None:
    """The one agent the story gives incidents of this kind, told before the incident ("Regime
    air strikes on two towns have killed some 45 people in two days ... On Tuesday 24 people
    died in air strikes on Rastan"): a part told after a telling with an agent is that
    agent's, when every telling of the kind with an agent up to the incident names the same
    party and the one before is in the story's lead (its first sentences, :data:`KIND_LEAD`).
    The other side's fire told after ("Rebels answered with rockets on X") is another incident
    and does not unmake the lead's agent. None otherwise."""
    if incident.type not in ONE_SIDED_KINDS:
        return None
    lows = doc_lowers(doc)
    sents: list[Sentence] = doc._.sentences
    for i in told:
        said = lows[sents[i].token_start : sents[i].token_end]
        if moves_on(said):
            return None  # "In another incident, a shell struck a school": not the lead's
    found = doc._.attributions or {}
    agents = [
        (t, attr.perpetrator)
        for t in doc._.triggers or ()
        if t.type == incident.type
        and t.sent <= told[-1]
        and (attr := found.get(t.start)) is not None
        and attr.perpetrator is not None
    ]
    if len({a.canonical for _, a in agents}) != 1:
        return None
    before = [(t, a) for t, a in agents if t.sent < told[0]]
    if not before or before[0][0].sent >= KIND_LEAD:
        return None
    return before[-1][1]


def in_what(doc: Doc, incident: Incident, told: list[int]) -> ActorMention | None:
    """ "Regime forces fired rockets on Zamalka in what activists said was a gas attack": an
    incident named again as what an earlier act in its sentence was has that act's agent; None
    when there is no such naming or the act has no agent."""
    found = doc._.attributions or {}
    lows = doc_lowers(doc)
    sents: list[Sentence] = doc._.sentences
    starts = {m.start for m in incident.evidence if m.field == "type"}
    for t in doc._.triggers or ():
        if t.start not in starts or t.sent not in told:
            continue
        sent = sents[t.sent]
        k = next(
            (j for j in range(t.token_start - 1, sent.token_start, -1) if lows[j] == "what"),
            None,
        )
        if k is None or lows[k - 1] != "in" or t.token_start - k > IN_WHAT_REACH:
            continue
        acts = [
            a.perpetrator
            for u in doc._.triggers or ()
            if u.sent == t.sent
            and u.token_end <= k
            and (a := found.get(u.start)) is not None
            and a.perpetrator is not None
        ]
        if acts:
            return acts[-1]
    return None


def retold_after(doc: Doc, incident: Incident, told: list[int]) -> ActorMention | None:
    """The agent a sentence just after an incident gives when it retells it ("An air strike
    killed 18 people in Idlib. The strike was believed to have been carried out by Russian
    planes"): a definite trigger of the incident's kind that no other incident holds, its agent
    told after it. None when there is no such retelling, it names no agent, or it doubts
    ("whether", "not clear")."""
    lows = doc_lowers(doc)
    sents: list[Sentence] = doc._.sentences
    for t, attr in _retellings(doc, incident, told, RETOLD_AFTER):
        if attr is None or attr.perpetrator is None or attr.perpetrator.start < t.end:
            continue  # "a report that a US drone carried out the strike": a speaker's subject
        sent = sents[t.sent]
        if not DOUBT.intersection(lows[sent.token_start : sent.token_end]):
            return attr.perpetrator  # "it was not clear whether the raids were carried out by"
    return None


# "The attack was carried out by Syrian aircraft", "the deaths were caused by sarin dropped by
# Syrian aircraft": the incident named again by a definite noun, its agent given by a passive.
RETOLD_NOUNS = words(
    """attack attacks deaths death killings killing strike strikes raid raids bombing bombings
    bombardment shelling blast blasts explosion explosions massacre assault"""
)
AGENT_VERBS = words(
    """carried caused conducted launched perpetrated committed staged mounted dropped fired
    executed"""
)
PASSIVE = words("was were been")
AGENT_REACH = 12  # tokens from the retelling noun to the agent ("... caused by sarin dropped by")


def _nearby_sentences(
    doc: Doc,
    incident: Incident,
    told: list[int],
    reach: int,
    *,
    own_told: bool = False,
    doubting: bool = False,
) -> Iterator[tuple[int, Sentence]]:
    """The sentences from an incident's first telling to ``reach`` after its last that may
    name its party: none that tells another incident (unless it is one of the incident's own
    tellings and ``own_told``), and none that doubts ("whether", "not clear") unless
    ``doubting`` (a denial is itself a doubt's words)."""
    lows = doc_lowers(doc)
    sents: list[Sentence] = doc._.sentences
    held = {m.start for i in doc._.incidents or () if i is not incident for m in i.evidence}
    for index in range(told[0], min(len(sents), told[-1] + 1 + reach)):
        sent = sents[index]
        if not doubting and DOUBT.intersection(lows[sent.token_start : sent.token_end]):
            continue
        other = any(sent.token_start <= token_at(doc, m) < sent.token_end for m in held)
        if not other or (own_told and index in told):
            yield index, sent


def agent_named_after(doc: Doc, incident: Incident, told: list[int]) -> ActorMention | None:
    """The agent a sentence telling an incident, or just after, gives it by a passive about a
    definite noun naming it again ("The attack was carried out by Syrian aircraft", "The
    United States said the deaths were caused by sarin dropped by Syrian aircraft"): the first
    force after "by" past such a verb. None when no sentence says so, the sentence tells
    another incident, or it doubts ("whether", "not clear")."""
    lows = doc_lowers(doc)
    actors: list[ActorMention] = doc._.actors or []
    for index, sent in _nearby_sentences(doc, incident, told, RETOLD_AFTER):
        for k in range(sent.token_start + 1, sent.token_end - 2):
            if lows[k] not in RETOLD_NOUNS or lows[k - 1] not in RETELLING:
                continue
            if lows[k + 1] not in PASSIVE:
                continue
            reach = range(k + 2, min(sent.token_end - 1, k + AGENT_REACH))
            verb = next((j for j in reach if lows[j] in AGENT_VERBS), None)
            if verb is None:
                continue
            for a in actors:
                if (
                    a.sent == index
                    and verb < a.token_start <= k + AGENT_REACH
                    and lows[a.token_start - 1] == "by"
                    and is_force(doc, a)
                ):
                    return a
    return None


# Nouns naming an attack in general, a party's name or adjective before them telling whose it
# was ("the IS assault launched early Thursday", "the Russian bombing").
PARTY_ACT_NOUNS = words("attack bombing assault massacre crime")
# ... but "a terrorist attack" tells what kind of act it was ("this terrorist attack is aimed at
# ...", "may be a terrorist attack"), not which party carried it out.
KIND_WORDS = words("terrorist terror")
ARTICLES = words("a an the this that")
# An act "after" or "since" another is another: "hours after a regime attack on the town".
OTHER_ACT = words("after before following since than")
QUOTE_MARKS = frozenset({'"', "'", "“", "”", "‘", "’"})


def party_act_named(doc: Doc, incident: Incident, told: list[int]) -> ActorMention | None:
    """The party named before a general word for an attack in a sentence telling the incident
    or just after it ("... had died in the IS assault launched early Thursday", "the Russian
    bombing of the market"; not "a terrorist attack", a kind): that party, when the sentence
    tells no other
    incident, doubts nothing, and the attack is not one before or after another. None
    otherwise."""
    lows = doc_lowers(doc)
    actors: list[ActorMention] = doc._.actors or []
    for index, sent in _nearby_sentences(doc, incident, told, RETOLD_AFTER):
        for a in actors:
            k = a.token_end
            if a.sent != index or k >= sent.token_end or lows[k] not in PARTY_ACT_NOUNS:
                continue
            # "a 'terrorist attack'": an article opens it, quotes aside
            lead = [w for w in lows[max(sent.token_start, a.token_start - 3) : a.token_start]]
            words_before = [w for w in lead if w not in QUOTE_MARKS]
            opened = lows[a.token_start] in ARTICLES  # "the Islamic State assault"
            if not opened and (not words_before or words_before[-1] not in ARTICLES):
                continue
            if OTHER_ACT.intersection(lead) or not is_force(doc, a):
                continue
            if a.text.lower() not in KIND_WORDS:
                return a
    return None


def _retellings(
    doc: Doc, incident: Incident, told: list[int], reach: int
) -> Iterator[tuple[Trigger, Attribution | None]]:
    """Triggers of the incident's kind in the ``reach`` sentences after its last telling, told
    definite ("the strike", "this attack") and held by no other incident, each with its
    attribution (None when it has none)."""
    found = doc._.attributions or {}
    lows = doc_lowers(doc)
    sents: list[Sentence] = doc._.sentences
    held = {m.start for i in doc._.incidents or () if i is not incident for m in i.evidence}
    for t in doc._.triggers or ():
        if not told[-1] < t.sent <= told[-1] + reach or t.type != incident.type:
            continue
        k = t.token_start - 1
        if k < sents[t.sent].token_start or lows[k] not in RETELLING or t.start in held:
            continue
        yield t, found.get(t.start)


@lru_cache(maxsize=4096)
def _kinds(title: str | None) -> frozenset[IncidentType]:
    """The incident types a headline's words name (read once per headline)."""
    return read_headline(title).types


def headline_party(
    doc: Doc, incident: Incident, actors: list[ActorMention], first: bool = False
) -> ActorMention | None:
    """The party the headline names as acting (:func:`headline_agent`), for the incident whose
    toll the headline gives, or for the story's lead (``first``: no incident told before it)
    when the headline names its kind ("Rebel fire kills 14" over a text leading with rocket
    fire); backed by the text's first mention of that party (no mention, no perpetrator: the
    evidence must be in the text)."""
    report = doc._.report
    title = report.title if report is not None else None
    agent = headline_agent(title)
    if agent is None:
        return None
    tolls = {incident.killed.low, incident.killed.best, incident.killed.high} - {None}
    if not tolls & headline_figures(title) and not (first and incident.type in _kinds(title)):
        return None
    return next((a for a in actors if a.canonical == agent), None)


def responsibility_claimed(doc: Doc, incident: Incident, told: list[int]) -> ActorMention | None:
    """A party claiming responsibility with no incident word after it, in a sentence telling the
    incident or just after ("A car bomb killed 12 in Azaz. Islamic State claimed
    responsibility.", "IS claimed responsibility for the attack"): the party right before
    "claimed responsibility" ("has claimed", "later claimed"). None when no sentence says so,
    it doubts or denies ("no group has claimed responsibility"), or it tells another
    incident."""
    lows = doc_lowers(doc)
    actors: list[ActorMention] = doc._.actors or []
    for index, sent in _nearby_sentences(doc, incident, told, CLAIM_AFTER, own_told=True):
        for k in range(sent.token_start + 1, sent.token_end - 1):
            if lows[k] not in CLAIMING or lows[k + 1] != "responsibility":
                continue
            party = [
                a
                for a in actors
                if a.sent == index
                and a.token_end <= k
                and k - a.token_end <= 2
                and is_force(doc, a)
                and all(w in CLAIM_GAP for w in lows[a.token_end : k])
            ]
            if party:
                return party[-1]
    return None


# "Russia denied that its jets had carried out the raid", "the army denied any involvement": a
# party denying its own part in the act is the party the report says is accused of it.
DENYING = words("denied denies deny denying rejected rejects")
DENIER_GAP = words("has had have also strongly flatly quickly later swiftly")
OWN_PART = words(
    """its it their they involvement responsibility role carrying conducting launching bombing
    targeting striking shelling using dropping firing"""
)
DENIAL_REACH = 5  # tokens from the verb to the words of the party's own part


def denied_own_part(doc: Doc, incident: Incident, told: list[int]) -> ActorMention | None:
    """The party denying its own part in an incident, in a sentence telling it or just after
    ("Russia denied that its jets had carried out the raid", "the Syrian army denied any
    involvement"): the one the report tells accused (its status is then "denied"). None when
    no force denies so, or the sentence tells another incident."""
    lows = doc_lowers(doc)
    actors: list[ActorMention] = doc._.actors or []
    for index, sent in _nearby_sentences(
        doc, incident, told, RETOLD_AFTER, own_told=True, doubting=True
    ):
        for k in range(sent.token_start + 1, sent.token_end - 1):
            if lows[k] not in DENYING:
                continue
            after = lows[k + 1 : min(sent.token_end, k + 1 + DENIAL_REACH)]
            if not OWN_PART.intersection(after):
                continue
            for a in reversed(actors):
                if a.sent != index or a.token_end > k:
                    continue
                if all(w in DENIER_GAP for w in lows[a.token_end : k]) and forces_of(a):
                    return replace(a, canonical=forces_of(a))
                break
    return None


def claimed_after(doc: Doc, incident: Incident, told: list[int]) -> ActorMention | None:
    """A party claiming the incident in a sentence after it ("The Nusra Front claimed
    responsibility for the bombing", "IS claimed the attack"): a definite trigger of its kind,
    no other incident's, whose agent (the claimant) comes before it with a claiming word
    between; None when there is no such claim."""
    lows = doc_lowers(doc)
    for t, attr in _retellings(doc, incident, told, CLAIM_AFTER):
        agent = attr.perpetrator if attr is not None else None
        if agent is None or agent.token_end > t.token_start:
            continue
        if CLAIMING.intersection(lows[agent.token_end : t.token_start]):
            return agent
    return None
