"""Who did it to whom: the perpetrator and target an incident's sentence states.

Perpetrator, in order: an agent after the trigger ("shelling by Jaish al-Islam"); the actor
right before the trigger ("Russian warplanes struck", "regime forces shelled"); the subject of
the clause (the first actor before the trigger with no reporting verb in between). Target: the
actor after "on/against/targeting" the trigger, or ``civilians`` when the victims or the place
hit are civilian. Nothing stated → None; nothing is guessed from the weapon or the place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.actor_roles import (
    NOT_FORCE_AFTER,
    is_attacked,
    is_force,
    is_victim,
    owns_what_is_hit,
)
from trucewatch.extract.actors import ADJECTIVES, forces_of
from trucewatch.extract.clash_sides import (
    FIGHTING_VERBS,
    HOLDING,
    REPORTING,
    fighting_subject,
    first_in_run,
    first_of_pair,
    gaining_subject,
    pitted,
    repeller,
    speakers_own_men,
)
from trucewatch.extract.lexicon import words
from trucewatch.extract.spans import (
    ActorMention,
    Sentence,
    Trigger,
    doc_lowers,
    doc_starts,
    token_end_char,
)
from trucewatch.model.incident import IncidentType

TARGET_PREPS = words(
    """on against targeting targeted at hit hitting struck striking killed killing
    pounded pounding shelled bombed attacked attacking"""
)
CIVILIAN_WORDS = words(
    """civilians civilian citizens children child women residents residential hospital hospitals
    school schools market marketplace wedding shrine mosque bakery pilgrims homes houses bus
    clinic displaced refugees camp kindergarten worshippers passengers family families"""
)
SOURCE_WORDS = frozenset({"by"})
# "killed in clashes with Kurdish fighters": the side a clash is fought with acts in it, unless
# the clause's subject fought ("government forces clashed with IS").
CLASH_PARTNER = frozenset({"with", "against"})
# A one-sided clash word names its target after "against"/"with": "the offensive against the
# terrorists", "an assault against rebel positions" (the side attacked does not act).
ONE_SIDED = words(
    """offensive offensives assault assaults attack attacks operation operations campaign
    counteroffensive counter-offensive onslaught incursion push advance"""
)
# "clashes between FSA fighters and regime forces": the first side named (as in a joint list).
CLASH_BETWEEN = frozenset({"between"})
# "hold the regime accountable for the crime": responsibility for an incident, not for a
# policy ("held the regime responsible for exposing Syria to terrorism").
HOLDING_TO_ACCOUNT = words("held hold holds holding")
ANSWERABLE = words("responsible accountable")
INCIDENT_NOUNS = words(
    """attack attacks crime crimes massacre massacres bombing bombings strike strikes raid raids
    shelling killing killings it this these bloodshed assault atrocity atrocities"""
)
# "by" may follow a trigger after a participle ("shells fired by"), and its agent may follow
# after describing words ("by foreign-sponsored Takfiri militants"), but not past these words.
BY_LEAD = 3
BY_LEAD_WORDS = words(
    """fired launched carried out conducted dropped staged perpetrated committed planted waged
    mounted allegedly reportedly apparently"""
)
BY_REACH = 6
BY_BREAK = words("and or which who that while when after before as in on at near")
# Accusations naming the party behind an attack: "accused the regime of", "pointed the finger
# at Damascus", "held Russia responsible", "blamed the attack on Assad".
ACCUSING = words("accused accuses accusing accuse")
BLAMING = words("blamed blames blaming blame")
# Words between "blamed" and the party it names as its object ("blamed the Syrian regime").
OBJECT_LEAD = words("the syrian assad its their")
ACCUSE_REACH = 8  # tokens from "blamed" to the party blamed ("blamed the attack squarely on")
# Attackers a trigger may name, and how far the group they came from may follow ("from").
ATTACKERS = words("bomber bombers attacker attackers gunman gunmen sniper snipers")
FROM_REACH = 7
# Determiners that point back to an incident just told ("the strikes", "these raids"), and how
# many sentences back that telling may be.
RETELLING_DETERMINERS = words("the these those this that such")
RETOLD_REACH = 2
# An indirect question between an actor and the incident leaves the agent open: "Washington
# and Moscow traded claims about who launched the attack".
OPEN_QUESTION = words("who whom whether")
# Conjunctions that open a clause of its own between an actor and a trigger.
CLAUSE_OPENERS = words("as while when whereas because although though but since")
# Articles written capitalised inside a sentence start a new one the stripped punctuation
# glued on ("... rebels shell the city (file photo) A bomb exploded ...").
NEW_SENTENCE = frozenset({"A", "An", "The"})
# Words an adjective's noun phrase follows: "in a Syrian air strike", "by Turkish shelling".
NP_OPENERS = words("a an the in by of from after during following")


def accused_party(doc: Doc, sent: Sentence, actors: list[ActorMention]) -> ActorMention | None:
    """The party a sentence accuses of an attack: "accused X of", "blamed (the attack) on X",
    "pointed the finger at X", "held X responsible", "X was behind the attack" — a government
    or its head standing for its forces (:func:`forces_of`); None when there is no such
    accusation."""
    lows = doc_lowers(doc)
    named = [a for a in actors if a.sent == sent.index and forces_of(a) is not None]
    for a in named:
        before = lows[max(sent.token_start, a.token_start - ACCUSE_REACH) : a.token_start]
        after = lows[a.token_end : min(sent.token_end, a.token_end + 3)]
        near = before[-3:]
        if ACCUSING.intersection(near) and "of" in after and not habitual_accusation(lows, a, sent):
            return _as_force(a)
        if _accused_passive(lows, a, sent):
            return _as_force(a)  # "government forces were accused of shelling the town"
        if "finger" in before and "at" in before[before.index("finger") :]:
            return _as_force(a)
        if HOLDING_TO_ACCOUNT.intersection(near) and _answerable_for_incident(doc, sent, a):
            return _as_force(a)
        if after[:1] and after[0] in COPULA and after[1:2] in (["behind"], ["responsible"]):
            return _as_force(a)  # "the regime was behind the attack", "... is responsible"
        blame = [k for k, w in enumerate(before) if w in BLAMING]
        if blame and "on" in before[blame[-1] :]:
            return _as_force(a)
        if blame and all(w in OBJECT_LEAD for w in before[blame[-1] + 1 :]):
            return _as_force(a)  # "the negotiator blamed the regime (for the attack)"
    return _blamed_government(doc, sent)


ACCUSED_AUX = words("were was are is been being has have had")
# "accused by activists of", "accused by the opposition of": who accuses, between
ACCUSED_BY_REACH = 5


def _accused_passive(lows: list[str], a: ActorMention, sent: Sentence) -> bool:
    """ "Government forces were accused of shelling the town", "Russia has been accused by
    activists of bombing the market": the party a passive accusation names, of one act (not a
    practice, :func:`habitual_accusation`)."""
    k = a.token_end
    while k < sent.token_end and lows[k] in ACCUSED_AUX:
        k += 1
    if k == a.token_end or k >= sent.token_end or lows[k] not in ACCUSING:
        return False
    j = k + 1
    if j < sent.token_end and lows[j] == "by":
        j = next(
            (m for m in range(j, min(sent.token_end, j + ACCUSED_BY_REACH)) if lows[m] == "of"), j
        )
    if j + 1 >= sent.token_end or lows[j] != "of":
        return False
    verb = lows[j + 1]
    # "accused of using chemical weapons" (a practice) unless one act follows
    nxt = lows[j + 2] if j + 2 < sent.token_end else ""
    return not (
        verb.endswith("ing")
        and verb != "being"
        and nxt not in ONE_ACT
        and not (verb == "carrying" and nxt == "out")
    )


# Words that make what follows a gerund one act: "of using the gas", "of carrying out this
# attack", "of being behind it".
ONE_ACT = words("the this that these those its their a an it behind responsible")


def habitual_accusation(lows: list[str], a: ActorMention, sent: Sentence) -> bool:
    """ "The government has accused rebels of using poison gas": an accusation of a practice (a
    gerund before a bare noun), not of the incident told; False for "accused X of the attack",
    "of carrying out the strike", "of being behind it"."""
    k = next(
        (j for j in range(a.token_end, min(sent.token_end, a.token_end + 3)) if lows[j] == "of"),
        None,
    )
    if k is None or k + 2 >= sent.token_end:
        return False
    verb, nxt = lows[k + 1], k + 2
    if not verb.endswith("ing"):
        return False
    if verb == "carrying" and lows[nxt] == "out":
        nxt += 1
    return nxt < sent.token_end and lows[nxt] not in ONE_ACT and verb != "being"


def _answerable_for_incident(doc: Doc, sent: Sentence, a: ActorMention) -> bool:
    """ "held Russia responsible", "hold the regime accountable for the horrific crime": the
    party answers for an incident (the words after "for" name one); False for a policy ("held
    the regime responsible for exposing Syria to terrorism")."""
    lows = doc_lowers(doc)
    end = min(sent.token_end, a.token_end + 3)
    k = next((j for j in range(a.token_end, end) if lows[j] in ANSWERABLE), None)
    if k is None:
        return False
    if k + 1 >= sent.token_end or lows[k + 1] != "for":
        return True  # "held Russia responsible."
    starts = {t.token_start for t in doc._.triggers or () if t.sent == sent.index}
    reach = range(k + 2, min(sent.token_end, k + 6))
    return any(lows[j] in INCIDENT_NOUNS or j in starts for j in reach)


def _blamed_government(doc: Doc, sent: Sentence) -> ActorMention | None:
    """ "The opposition blamed the government": a bare "government" as the object of blame is
    the government of the country the report is about, standing for its forces."""
    lows = doc_lowers(doc)
    for k in range(sent.token_start, sent.token_end - 1):
        if lows[k] not in BLAMING:
            continue
        j = k + 1
        while j < sent.token_end and lows[j] in OBJECT_LEAD:
            j += 1
        nxt = lows[j + 1] if j + 1 < sent.token_end else ""
        if j < sent.token_end and lows[j] == "government" and nxt not in NOT_FORCE_AFTER:
            tok = doc[j]
            party = ADJECTIVES["government"]
            return ActorMention(tok.idx, tok.idx + len(tok), tok.text, party, j, j + 1, sent.index)
    return None


def _as_force(a: ActorMention) -> ActorMention:
    return replace(a, canonical=forces_of(a))


def _adjective_agent(doc: Doc, trigger: Trigger, sent: Sentence) -> ActorMention | None:
    """ "government air strikes", "Russian raids": a party's adjective right before the trigger
    names who carried it out (unless the sentence tells the carrier lost)."""
    k = trigger.token_start - 1
    if k < sent.token_start:
        return None
    word = doc_lowers(doc)[k]
    party = ADJECTIVES.get(word)
    if party is None or (k > sent.token_start and doc_lowers(doc)[k - 1] in ("-", "pro", "anti")):
        return None
    tok = doc[k]
    mention = ActorMention(tok.idx, tok.idx + len(tok.text), tok.text, party, k, k + 1, sent.index)
    # "a Russian military helicopter was shot down": the party's carrier lost, not its act
    return None if is_victim(doc, mention, sent) else mention


def _clause_between(doc: Doc, a: ActorMention, b: ActorMention) -> bool:
    """True when a word opening another clause ("while", "as"), a reporting verb or punctuation
    stands between two actors told in that order: they are named apart, not together."""
    gap = doc[a.token_end : b.token_start]
    return any(
        t.lower_ in CLAUSE_OPENERS or t.lower_ in REPORTING or (t.is_punct and t.text not in "-–")
        for t in gap
    )


def _opens_noun_phrase(doc: Doc, k: int, sent: Sentence) -> bool:
    """True when the word at ``k`` opens its noun phrase: first in the sentence, after an opener
    ("in a Syrian air strike"), or after one describing word that follows an opener ("a massive
    government aerial assault", "the heavy Russian bombardment")."""
    lows = doc_lowers(doc)
    if k == sent.token_start or lows[k - 1] in NP_OPENERS:
        return True
    return (
        k - 2 >= sent.token_start
        and doc[k - 1].is_lower
        and doc[k - 1].is_alpha
        and lows[k - 2] in NP_OPENERS
    )


def _by_agent(
    doc: Doc, trigger: Trigger, sent: Sentence, in_sent: list[ActorMention]
) -> ActorMention | None:
    """The agent of "by" right after a trigger, the describing words before it skipped ("shells
    fired by the US-backed rebel factions"); None past a clause break or another verb."""
    lows = doc_lowers(doc)
    k = trigger.token_end
    while k < min(sent.token_end, trigger.token_end + BY_LEAD) and lows[k] in BY_LEAD_WORDS:
        k += 1
    if k >= sent.token_end or lows[k] != "by":
        return None
    for a in in_sent:
        if 0 < a.token_start - k <= BY_REACH:
            gap = doc[k + 1 : a.token_start]
            if not any((t.is_punct and t.text not in "-–") or t.lower_ in BY_BREAK for t in gap):
                return a
            break
    return None


# Fire told with where it came from: "rocket fire from Syrian rebels", "shells fired from a
# Syrian warplane" (the party right after "from", past an article: its firer).
FIRE_TYPES = frozenset({IncidentType.SHELLING, IncidentType.AIR_STRIKE})
FROM_LEAD = words("fired launched dropped")
FROM_ARTICLES = words("the a an")


def _from_agent(
    doc: Doc, trigger: Trigger, sent: Sentence, in_sent: list[ActorMention]
) -> ActorMention | None:
    """The party a strike's fire came from ("rocket fire from Syrian rebels"), named right
    after "from"; None otherwise."""
    if trigger.type not in FIRE_TYPES:
        return None
    lows = doc_lowers(doc)
    k = trigger.token_end
    if k < sent.token_end and lows[k] in FROM_LEAD:
        k += 1
    if k >= sent.token_end or lows[k] != "from":
        return None
    k += 1
    while k < sent.token_end and lows[k] in FROM_ARTICLES:
        k += 1
    return next((a for a in in_sent if a.token_start == k), None)


def perpetrator_of(
    doc: Doc, trigger: Trigger, sent: Sentence, actors: list[ActorMention]
) -> ActorMention | None:
    """The actor the sentence says carried out the triggered incident, or None."""
    # (not the side an attack verb takes as its object: "rebels attacked government forces with
    # car bombs" tells who was attacked, however near the weapon)
    in_sent = [
        a
        for a in actors
        if a.sent == sent.index
        and is_force(doc, a)
        and not is_victim(doc, a, sent)
        and not is_attacked(doc, a, sent)
    ]
    # 0a. "accused government forces of gassing", "blamed the attack on Assad"
    accused = accused_party(doc, sent, actors)
    if accused is not None:
        return accused
    # a government speaking of "its forces" speaks for them ("the Assad government said its
    # forces seized the town")
    speakers = in_sent + [
        _as_force(a)
        for a in actors
        if a.sent == sent.index and a.canonical is None and forces_of(a) is not None
    ]
    if not in_sent:
        return _adjective_agent(doc, trigger, sent) or speakers_own_men(
            doc, trigger, sent, sorted(speakers, key=lambda a: a.token_start)
        )
    # 0'. "repelled a rebel offensive": the side repelling; "the clashes pitted X against Y": X
    side = repeller(doc, trigger, sent, in_sent) or pitted(doc, trigger, sent, in_sent)
    if side is not None:
        return side
    # 0. a claim of responsibility: "an attack claimed by the Daesh group"
    for a in in_sent:
        before = [
            w for w in doc_lowers(doc)[max(sent.token_start, a.token_start - 3) : a.token_start]
        ]
        after = [w for w in doc_lowers(doc)[a.token_end : min(sent.token_end, a.token_end + 3)]]
        if ("claimed" in before and "by" in before) or after[:2] == ["claimed", "responsibility"]:
            return a
    # 0b. "attributed them to the US-led coalition", "blamed the strikes on Russia"
    lows = doc_lowers(doc)
    for a in in_sent:
        window = lows[max(sent.token_start, a.token_start - 5) : a.token_start]
        if ("attributed" in window and "to" in window) or ("blamed" in window and "on" in window):
            return a
    # 0c. "a suicide bomber from al-Qaeda's Syrian affiliate al-Nusra Front": who the attacker
    # came from
    lows = doc_lowers(doc)
    k = trigger.token_end
    if lows[trigger.token_end - 1] in ATTACKERS and k < sent.token_end and lows[k] == "from":
        after = [a for a in in_sent if 0 < a.token_start - k <= FROM_REACH]
        gap_ok = [a for a in after if not any(t.is_punct for t in doc[k : a.token_start])]
        if gap_ok:
            return gap_ok[0]
    # 0d. "a Syrian air strike on an IS camp": a party's adjective opening the act's noun phrase
    # names who carried it out, though the sentence names other forces after it (not "Russian
    # and Syrian jets": the first named of a joint telling, read below)
    # (an actor before it in another clause is no joint telling either: "the rebel barrage
    # killed 10 while the government air strikes killed 82")
    adjective = _adjective_agent(doc, trigger, sent)
    if (
        adjective is not None
        and _opens_noun_phrase(doc, adjective.token_start, sent)
        and all(
            a.token_start >= trigger.token_end or _clause_between(doc, a, adjective)
            for a in in_sent
        )
    ):
        return adjective
    # 1. "by X" within a few words after the trigger; "clashes with X" for a clash (unless
    # its clause's subject fought: "government forces clashed with IS"); "clashes between X
    # and Y" (the first named)
    clash = trigger.type == IncidentType.ARMED_CLASH
    partner = clash and doc_lowers(doc)[trigger.token_end - 1] not in ONE_SIDED
    agent_words = SOURCE_WORDS | (CLASH_PARTNER | CLASH_BETWEEN if partner else frozenset())
    for a in in_sent:
        if 0 <= a.token_start - trigger.token_end <= 4:
            window = [t.lower_ for t in doc[trigger.token_end : a.token_start]]
            if any(w in agent_words for w in window) and not HOLDING.intersection(window):
                if clash and not SOURCE_WORDS.union(CLASH_BETWEEN).intersection(window):
                    subject = (
                        _clause_subject(doc, trigger, sent, in_sent, near_only=True)
                        or fighting_subject(doc, trigger, sent, in_sent)
                        or gaining_subject(doc, trigger, sent, in_sent)
                    )
                    if subject is not None:
                        return subject
                return a  # not "shelled areas held by rebels": the holders of the place hit
    # 1a. "the town fell to rebels", "fell into the hands of IS": a trigger ending in "to" (or
    # "hands" before "of") names who gained the place after it
    last = lows[trigger.token_end - 1]
    if last == "to" or (
        last == "hands" and lows[trigger.token_end : trigger.token_end + 1] == ["of"]
    ):
        after = trigger.token_end + (last == "hands")
        gained = next((a for a in in_sent if 0 <= a.token_start - after <= 1), None)
        if gained is not None and all(w in ("the", "a") for w in lows[after : gained.token_start]):
            return gained
    if last == "hands":  # "fell into rebel hands": the party named inside the phrase
        inside = [a for a in in_sent if trigger.token_start < a.token_start < trigger.token_end]
        if inside:
            return inside[0]
    # 1b. "an attack by foreign-sponsored Takfiri militants": "by" right after the trigger, its
    # agent after a few describing words (no clause break between)
    agent = _by_agent(doc, trigger, sent, in_sent)
    if agent is not None:
        return agent
    # 1b'. "a barrage of rocket fire from Syrian rebels": the party fire comes from
    agent = _from_agent(doc, trigger, sent, in_sent)
    if agent is not None:
        return agent
    # 1c. a trigger that is itself a party's carrier ("killed by Assads air force"): its party
    own = [a for a in in_sent if a.token_start == trigger.token_start]
    if own:
        return own[0]
    subject = _clause_subject(doc, trigger, sent, in_sent) or speakers_own_men(
        doc, trigger, sent, sorted(speakers, key=lambda a: a.token_start)
    )
    if subject is not None:
        return subject
    # 4. "X-held" etc. excluded above; an agent in a "by" phrase anywhere in the clause
    lows = doc_lowers(doc)
    for a in in_sent:
        k = a.token_start
        if k > 1 and lows[k - 1] == "by" and lows[k - 2] not in HOLDING:
            return a
    # 5. a clash naming no agent: the subject of a fighting verb in its sentence ("fresh fighting
    # shook Aleppo as rebels battled to break the siege")
    if clash:
        for a in in_sent:
            if a.token_end < sent.token_end and lows[a.token_end] in FIGHTING_VERBS:
                return first_in_run(doc, in_sent, a)  # "rebels and regime forces battled"
    return None


def _clause_subject(
    doc: Doc,
    trigger: Trigger,
    sent: Sentence,
    in_sent: list[ActorMention],
    near_only: bool = False,
) -> ActorMention | None:
    """The actor right before the trigger, or (unless ``near_only``) the subject of the clause
    it is in; None."""
    # 2. the actor right before the trigger ("Russian warplanes", "regime forces shelled")
    # an actor that ends inside the trigger phrase names its agent ("Russian warplanes")
    # (not the object inside an earlier trigger phrase: "drove US-backed rebels out ... in
    # fierce fighting" names the side driven out, not who fought)
    objects = {
        a.token_start
        for t in doc._.triggers or ()
        if t.sent == sent.index and t.token_end <= trigger.token_start
        for a in in_sent
        if t.token_start < a.token_start and a.token_end <= t.token_end
    }
    before = [
        a
        for a in in_sent
        if a.token_start < trigger.token_start
        and a.token_end <= trigger.token_end
        and a.token_start not in objects
        and not _backer(doc, a, sent)
    ]
    if before:
        last = before[-1]
        gap = doc[min(last.token_end, trigger.token_start) : trigger.token_start]
        # (not across a conjunction opening the trigger's own clause: "fighting raged between
        # rebels and regime loyalists as helicopters dropped a barrel bomb")
        if len(gap) <= 3 and not any(
            t.lower_ in REPORTING
            or t.lower_ in OPEN_QUESTION
            or t.lower_ in CLAUSE_OPENERS
            or t.is_punct
            for t in gap
        ):
            # "the Syrian army and Russian jets struck": the first named of a joint telling
            return first_of_pair(doc, first_in_run(doc, before, last))
        if near_only:
            return None
        # 3. the subject of the clause the trigger is in: the last actor before it with no
        # reporting verb in between ("activists said that the regime ... carried out strikes")
        lows = doc_lowers(doc)
        for cand in reversed(before):
            between = lows[min(cand.token_end, trigger.token_start) : trigger.token_start]
            if not any(w in REPORTING or w in OPEN_QUESTION for w in between) and not any(
                t.text in NEW_SENTENCE for t in doc[cand.token_end : trigger.token_start]
            ):
                return first_of_pair(doc, first_in_run(doc, before, cand))
            break
    return None


# Participles whose "by" names who backs a force ("Kurdish fighters backed by US air strikes
# stormed the town"): the backer is no subject of the verb after.
BACKING = words("backed supported sponsored funded armed aided assisted")


def _backer(doc: Doc, a: ActorMention, sent: Sentence) -> bool:
    """True when the actor is the agent of "backed by" (or "supported by" ...), a few describing
    words allowed between ("backed by heavy Russian air strikes")."""
    lows = doc_lowers(doc)
    for k in range(a.token_start - 1, max(sent.token_start, a.token_start - 4), -1):
        if lows[k] == "by":
            return k > sent.token_start and lows[k - 1] in BACKING
        if not doc[k].is_alpha:
            return False
    return False


def target_of(
    doc: Doc,
    trigger: Trigger,
    sent: Sentence,
    actors: list[ActorMention],
    perpetrator: str | None,
) -> tuple[str | None, tuple[int, int] | None]:
    """The stated target (canonical actor or "civilians") and its character span, or None."""
    lows = doc_lowers(doc)  # asked for every trigger: read the cached column, not Tokens
    for a in actors:
        if a.sent != sent.index or a.token_start < trigger.token_end:
            continue
        if not (is_force(doc, a) or owns_what_is_hit(doc, a)):
            continue  # "shelled YPG positions": the YPG was hit, though it did not act
        if a.canonical == perpetrator:
            continue
        window = lows[max(trigger.token_end, a.token_start - 4) : a.token_start]
        if TARGET_PREPS.intersection(window):
            return a.canonical, (a.start, a.end)
    for k in range(sent.token_start, sent.token_end):
        if lows[k] in CIVILIAN_WORDS:
            return "civilians", (doc_starts(doc)[k], token_end_char(doc, k))
    return None, None


COPULA = words("were was are is")
# Words before a statement that leave who the carrier was in doubt ("it was not clear whether
# the jets were Syrian", "denied that the planes were Russian").
DOUBT = words(
    """whether if not unclear unknown uncertain doubt doubted denied denies deny denying no
    never nor neither"""
)


@dataclass(frozen=True, slots=True)
class CarrierStatement:
    """ "Residents said the aircraft were Russian": whose the weapon carrier was, told apart from
    the incident it names (its trigger), with the span of the statement as evidence."""

    trigger: Trigger
    perpetrator: str
    start: int
    end: int


def carrier_statements(doc: Doc) -> list[CarrierStatement]:
    """Copular statements naming the party a definite weapon carrier belonged to ("the jets
    were Syrian", "the planes were Russian"). None for a choice ("Syrian or Russian"), a denial
    or a doubt ("it was not clear whether the jets were Syrian"), or a make ("Russian-made")."""
    lows = doc_lowers(doc)
    out: list[CarrierStatement] = []
    for t in doc._.triggers or ():
        sent = doc._.sentences[t.sent]
        k = t.token_end
        if t.token_start == sent.token_start or lows[t.token_start - 1] != "the":
            continue  # "its aircraft strike only ...": no carrier told before
        if k + 1 >= sent.token_end or lows[k] not in COPULA or lows[k + 1] not in ADJECTIVES:
            continue
        after = lows[k + 2] if k + 2 < sent.token_end else ""
        if after in ("or", "-", "–") or DOUBT.intersection(lows[sent.token_start : k]):
            continue  # "Syrian or Russian", "Russian-made", "whether the jets were Syrian"
        # "were Syrian and Russian": the first named, as for "Syrian and Russian warplanes"
        party = doc[k + 1]
        out.append(CarrierStatement(t, ADJECTIVES[party.lower_], t.start, party.idx + len(party)))
    return out


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who the sentence says acted, and against whom, for one trigger."""

    perpetrator: ActorMention | None
    target: str | None
    target_span: tuple[int, int] | None


def attribute(doc: Doc, trigger: Trigger) -> Attribution:
    """Perpetrator and target for one trigger."""
    sent = doc._.sentences[trigger.sent]
    actors = doc._.actors
    perp = perpetrator_of(doc, trigger, sent, actors)
    target, span = target_of(doc, trigger, sent, actors, perp.canonical if perp else None)
    return Attribution(perp, target, span)


@Language.component(
    "tw_attribution",
    requires=["doc._.sentences", "doc._.actors", "doc._.triggers"],
    assigns=["doc._.attributions"],
)
def attribution_component(doc: Doc) -> Doc:
    """Store an Attribution per trigger on ``doc._.attributions`` (keyed by trigger start)."""
    found: dict[int, Attribution] = {}
    for t in doc._.triggers:
        found[t.start] = _retold(doc, t, found) or attribute(doc, t)
    doc._.attributions = found
    return doc


def _retold(doc: Doc, trigger: Trigger, found: dict[int, Attribution]) -> Attribution | None:
    """ "The strikes hit an area ...", "these strikes": a definite trigger that names no agent
    in its own sentence retells an incident of its kind told just before; that telling's agent
    is its agent. None when the trigger is not retold or its sentence names an agent."""
    lows = doc_lowers(doc)
    k = trigger.token_start - 1
    sent = doc._.sentences[trigger.sent]
    if k < sent.token_start or lows[k] not in RETELLING_DETERMINERS:
        return None
    own = attribute(doc, trigger)
    if own.perpetrator is not None:
        return own
    earlier = [
        t
        for t in doc._.triggers
        if t.type == trigger.type and trigger.sent - RETOLD_REACH <= t.sent < trigger.sent
    ]
    for t in reversed(earlier):
        told = found.get(t.start)
        if told is not None and told.perpetrator is not None:
            return replace(own, perpetrator=told.perpetrator)
    return own
