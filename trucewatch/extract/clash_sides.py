"""Which side acts in a clause that names several: the first of parties named together, the
side repelling an attack, the first side a clash pits against another, the subject of a
fighting verb past describing words, and a party speaking of its own men.

Used by :mod:`trucewatch.extract.attribution` (who did it) for one trigger at a time.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from trucewatch.extract.actor_roles import PARTY_MEN, is_victim
from trucewatch.extract.actors import ADJECTIVES, CARRIER_NOUNS, STATE_NAMES
from trucewatch.extract.lexicon import words
from trucewatch.extract.spans import ActorMention, Sentence, Trigger, doc_lowers, doc_text
from trucewatch.model.incident import IncidentType

# Reporting verbs: an actor before one of these speaks about the incident, it did not do it.
REPORTING = words(
    """said says say told reported reports according claimed claims stated accused accuses blamed
    blames denied denies announced added noted confirmed published issued"""
)
# Verbs of fighting whose subject is a side acting in a clash ("as rebels battled to break ..."):
# asked only when a clash names no agent otherwise.
# (Finite forms only: "18 rebels fighting against IS were killed" tells the victims.)
FIGHTING_VERBS = words("battled fought clashed stormed assaulted attacked advanced pushed launched")
# Words a run of actors named together may have between them ("the regime and Russian forces",
# "regime forces, Russian jets"); a verb between them ("the opposition accused government
# forces") parts a speaker from the party it names.
# "Jabhat al-Nusra terrorists and other terrorist groups": the named group comes first.
RUN_GLUE = words("and , & the its their allied other")
# Participles whose "by" names who holds or backs a place or a force, not who attacked:
# "areas held by rebels", "rebels backed by Turkey".
HOLDING = words(
    """held controlled dominated besieged surrounded encircled run occupied backed supported
    sponsored funded armed led"""
)
# "Government forces repelled a rebel offensive": the side repelling an attack acts in the
# battle, not the side whose attack it was; how far the repelled attack may follow the verb.
REPELLING = words(
    """repelled repel repels repelling repulsed repulse repulses repulsing thwarted thwart
    thwarts thwarting foiled foil foils foiling fended"""
)
REPEL_REACH = 5
# How far back the subject of a fighting verb may stand ("Army units in cooperation with local
# defence groups clashed with ...").
SUBJECT_REACH = 10
# "the clashes pitted the Nusra Front against IS": the first side named, as for "between".
PITTING = words("pitted pitting pits pit")
PIT_REACH = 6


def first_of_pair(doc: Doc, mention: ActorMention) -> ActorMention:
    """Joint attribution takes the first-named party: "Syrian and Russian warplanes" → Syrian."""
    i = mention.token_start
    lows = doc_lowers(doc)
    if i < 2 or lows[i - 1] not in ("and", "&"):  # "Russian & Regime Airstrikes"
        return mention
    # "Syrian and Russian warplanes"; "Russia and Syrian regime war planes" (a state's name)
    party = ADJECTIVES.get(lows[i - 2]) or STATE_NAMES.get(lows[i - 2])
    if party is None or party == mention.canonical:
        return mention
    first = doc[i - 2]
    return replace(
        mention,
        start=first.idx,
        text=doc_text(doc)[first.idx : mention.end],
        canonical=party,
        token_start=i - 2,
    )


def first_in_run(doc: Doc, before: list[ActorMention], cand: ActorMention) -> ActorMention:
    """The first of the actors named together with ``cand`` ("the regime and Russian forces")."""
    k = before.index(cand)
    lows = None
    while k > 0 and cand.token_start - before[k - 1].token_end <= 2:
        lows = lows or doc_lowers(doc)
        gap = lows[before[k - 1].token_end : cand.token_start]
        if not all(w in RUN_GLUE for w in gap):
            break  # "the opposition accused government forces": a speaker, then the accused
        k -= 1
        cand = before[k]
    return before[k]


# "IS said one of its fighters blew himself up": the speaker's own men, named by "its"/"their";
# and its own carriers and forces ("Russia said its warplanes struck 40 targets", "the coalition
# said its aircraft hit the bridge", "the army said its units shelled ...").
OWN = words("its their")
OWN_MEN = PARTY_MEN | CARRIER_NOUNS | words("forces units air")


def speakers_own_men(
    doc: Doc, trigger: Trigger, sent: Sentence, in_sent: list[ActorMention]
) -> ActorMention | None:
    """ "Daesh said in a statement that one of its fighters had blown himself up", "the army
    said its troops shelled the village", "Russia said its warplanes struck 40 targets": the
    party speaking, whose men or carriers ("its fighters", "its jets")
    carried out the act told after; None when no such men are told before the trigger or no
    party speaks of them."""
    lows = doc_lowers(doc)
    for k in range(sent.token_start + 1, trigger.token_start):
        if lows[k] in SELF and _speaker_pronoun(lows, k, trigger):
            # "the army said it shelled rebel positions", "rebels said they shot down ..."
            speakers = [a for a in in_sent if a.token_end <= k]
            between = lows[speakers[-1].token_end : k] if speakers else []
            return speakers[-1] if REPORTING.intersection(between) else None
        if k + 1 >= trigger.token_start or lows[k] not in OWN or lows[k + 1] not in OWN_MEN:
            continue
        speakers = [a for a in in_sent if a.token_end <= k]
        if not speakers:
            return None
        between = lows[speakers[-1].token_end : k]
        return speakers[-1] if REPORTING.intersection(between) else None
    return None


# "The army said it shelled ...", "rebels said they had shot down ...": the speaker as the
# subject of what it tells; the words a pronoun and the act may have between them.
SELF = words("it they")
SELF_GAP = words(
    "had has have also then later carried out conducted launched staged the a an two several"
)
SELF_REACH = 4


def _speaker_pronoun(lows: list[str], k: int, trigger: Trigger) -> bool:
    """True when the pronoun at ``k`` follows a reporting verb ("said it", "said that they")
    and opens the clause whose act is the trigger, only auxiliaries between."""
    j = k - 1
    if j >= 0 and lows[j] == "that":
        j -= 1
    if j < 0 or lows[j] not in REPORTING:
        return False
    gap = lows[k + 1 : trigger.token_start]
    return len(gap) <= SELF_REACH and all(w in SELF_GAP for w in gap)


def fighting_subject(
    doc: Doc, trigger: Trigger, sent: Sentence, in_sent: list[ActorMention]
) -> ActorMention | None:
    """ "Army units in cooperation with local defence groups clashed with IS": the subject of a
    fighting verb, further back than the actor right before it, when only describing words
    stand between (no punctuation, reporting verb or other act); the first actor of that
    stretch. None when the trigger is no fighting verb or no such subject is told."""
    lows = doc_lowers(doc)
    if lows[trigger.token_end - 1] not in FIGHTING_VERBS:
        return None
    start = max(sent.token_start, trigger.token_start - SUBJECT_REACH)
    acts = {
        j
        for t in doc._.triggers or ()
        if t.sent == sent.index and t is not trigger
        for j in range(t.token_start, t.token_end)
    }
    subject = None
    for k in range(trigger.token_start - 1, start - 1, -1):
        tok = doc[k]
        if (tok.is_punct and tok.text not in "-–") or lows[k] in REPORTING or k in acts:
            break
        here = next((a for a in in_sent if a.token_start == k), None)
        if here is not None:
            subject = here
    return subject


def repeller(
    doc: Doc, trigger: Trigger, sent: Sentence, in_sent: list[ActorMention]
) -> ActorMention | None:
    """ "Government forces repelled a rebel offensive", "Kurdish fighters repulsed an assault by
    IS": for a repelling verb, or an attack one just before it takes as its object, the subject
    of that verb (a backer, "backed by Russian air support", skipped); None when the attack is
    no repelled one or the verb's subject names no force."""
    if trigger.type != IncidentType.ARMED_CLASH:
        return None
    lows = doc_lowers(doc)
    if lows[trigger.token_start] in REPELLING:  # "repulsed an assault by IS": the verb itself
        verb: int | None = trigger.token_start
    else:
        start = max(sent.token_start, trigger.token_start - REPEL_REACH)
        back = range(trigger.token_start - 1, start - 1, -1)
        verb = next((k for k in back if lows[k] in REPELLING), None)
        gap = doc[verb : trigger.token_start] if verb is not None else ()
        if verb is None or any(t.is_punct and t.text not in "-–" for t in gap):
            return None
    subjects = [
        a
        for a in in_sent
        if a.token_end <= verb
        and not (
            a.token_start >= 2
            and lows[a.token_start - 1] == "by"
            and lows[a.token_start - 2] in HOLDING
        )
    ]
    if not subjects:
        return None
    between = lows[subjects[-1].token_end : verb]
    if any(w in REPORTING for w in between):
        return None
    return first_of_pair(doc, first_in_run(doc, subjects, subjects[-1]))


def pitted(
    doc: Doc, trigger: Trigger, sent: Sentence, in_sent: list[ActorMention]
) -> ActorMention | None:
    """ "The clashes pitted the Nusra Front against the Islamic State group": the first side a
    clash pits against another whose men the report does not tell killed (the side that lost
    them did not act: "30 ISIL militants were killed in clashes with Kurdish troops ... The
    fighting pitted ISIL militants against the YPG"); None otherwise."""
    lows = doc_lowers(doc)
    k = trigger.token_end
    if trigger.type != IncidentType.ARMED_CLASH or k >= sent.token_end or lows[k] not in PITTING:
        return None
    sides = [a for a in in_sent if 0 < a.token_start - k <= PIT_REACH + 6]
    sents: list[Sentence] = doc._.sentences
    lost = {
        a.canonical for a in doc._.actors or () if is_victim(doc, a, sents[a.sent])
    }  # "30 ISIL militants killed in clashes with Kurds ... The fighting pitted ISIL against"
    return next((a for a in sides if a.canonical not in lost), None)


# "Rebel fighters surrounded the village after fierce clashes with the army", "Kurdish fighters
# took the town after heavy fighting with IS": the subject of a verb of gaining ground fought
# the clash its clause ends with, not the side it was fought with (who lost ground: "the army
# lost the village after clashes with rebels" keeps the rule "with X").
GAINING = words(
    """took take takes taking captured capture captures capturing seized seize seizes seizing
    surrounded surround surrounds encircled encircle besieged entered enter enters stormed
    storm recaptured recapture retook retake regained regain advanced advance advances
    advancing pushed push pushes expelled expel drove drive drives overran overrun
    liberated liberate freed"""
)
# Words that tie the clash to the clause before it ("after", "amid", "in", "following").
CLASH_LINKS = words("after amid in during following through")
GAIN_REACH = 4  # words from the subject to its verb ("Kurdish fighters on Monday took")


def gaining_subject(
    doc: Doc, trigger: Trigger, sent: Sentence, in_sent: list[ActorMention]
) -> ActorMention | None:
    """The subject of a verb of gaining ground whose clause the clash closes ("rebels took the
    town after clashes with the army"): the first actor of the run before the verb, with no
    punctuation, reporting verb or other act between it and the trigger; None otherwise."""
    lows = doc_lowers(doc)
    k = trigger.token_start - 1
    while k > sent.token_start and not doc[k].is_alpha and doc[k].text not in ",;:":
        k -= 1
    # the trigger's own describing words ("after fierce clashes"), at most a few
    while k > sent.token_start and lows[k] not in CLASH_LINKS and doc[k].is_alpha:
        if lows[k] in GAINING or lows[k] in REPORTING:
            return None
        k -= 1
        if trigger.token_start - k > 4:
            return None
    if lows[k] not in CLASH_LINKS:
        return None
    acts = {
        j
        for t in doc._.triggers or ()
        if t.sent == sent.index and t is not trigger
        for j in range(t.token_start, t.token_end)
    }
    for j in range(k - 1, sent.token_start - 1, -1):
        tok = doc[j]
        if lows[j] not in GAINING:  # (the verb itself may be told as a capture: "took")
            if (tok.is_punct and tok.text not in "-–") or lows[j] in REPORTING or j in acts:
                return None
            continue
        subjects = [a for a in in_sent if a.token_end <= j and j - a.token_end <= GAIN_REACH]
        if not subjects:
            return None
        subject = subjects[-1]
        gap = doc[subject.token_end : j]
        if any(t.is_punct or t.lower_ in REPORTING for t in gap):
            return None
        return first_of_pair(doc, first_in_run(doc, subjects, subject))
    return None
