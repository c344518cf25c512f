"""How each incident's perpetrator is known: stated, alleged, denied or disputed, with the
alternatives the text leaves open.

- **alternatives**: "Syrian or Russian aircraft", "the jets were Syrian or Russian": the
  perpetrator is the first named, the others are kept as alternatives;
- **doubt**: "it was not clear who carried out the raids" leaves the perpetrator open; a doubt
  naming two parties ("unclear if regime or Russian jets") keeps both, as alternatives do;
- **plausibility**: a party without aircraft (actor gazetteer, ``may_fly``) is never the
  perpetrator of an air strike; the first alternative that flies takes its place;
- **alleged**: every sentence naming the perpetrator rests on residents, activists, witnesses
  or unnamed sources (not a body's own: "a military source"), or one says "reportedly",
  "suspected" or tells another's claim "that ..." (``attribution_hedges``);
- **denied**: the accused (or its capital: "Moscow denied") denies it, in the sentences telling
  the incident or soon after; ``denied_by`` names who;
- **disputed**: the parties blame each other, or another party is blamed for the same incident;
- **stated**: otherwise (the text, or a party it quotes, says so).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.actor_roles import is_force, is_victim
from trucewatch.extract.actors import ADJECTIVES, GENERIC_FIGHTERS, ISIL, NUSRA, OPP, STATE_NAMES
from trucewatch.extract.attribution import accused_party, habitual_accusation
from trucewatch.extract.attribution_fallbacks import (
    claimed_after,
    fallback_perpetrator,
    headline_party,
)
from trucewatch.extract.attribution_hedges import ALLEGING_ADVERBS, CLAIMING, alleging
from trucewatch.extract.lexicon import word_list, word_map, words
from trucewatch.extract.spans import (
    ActorMention,
    Sentence,
    doc_lowers,
    doc_starts,
    doc_text,
    sentence_of,
    token_end_char,
    tokens_text,
)
from trucewatch.gazetteer.actors import may_fly
from trucewatch.model.incident import Attribution, Incident, IncidentType
from trucewatch.model.report import Mention

DENYING_VERBS = word_list("DENYING_VERBS")
BLAMING_VERBS = word_list("BLAMING_VERBS")
MUTUAL_BLAME = tuple(tuple(p.split("_")) for p in word_list("MUTUAL_BLAME"))
BLAME_OPENERS = frozenset(p[0] for p in MUTUAL_BLAME)
CARRIERS = word_list("CARRIERS")
CAPITAL_PARTIES = word_map("CAPITAL_PARTIES")
COPULA = frozenset({"were", "was", "are", "is"})
# Words that name fighters but no group: "terrorists", "terrorist groups", "armed men".
GENERIC_WORDS = frozenset(
    GENERIC_FIGHTERS
    | words("terrorist groups group organizations organisations armed men takfiri the other")
    | words("extremist extremists militant")
)
# The groups generic words may stand for (government media's "terrorists" are its armed foes):
# a name among them makes the generic word precise; another side named is another party.
GENERIC_MAY_BE = frozenset({OPP, ISIL, NUSRA})
AFTER_REACH = 6  # sentences after an incident's last where a denial or a blame still concerns it
# Sentences before an incident's first where an accusation of "the attack" may come first ("The
# SNC accused Assad of being behind the attack. ... 33 people were affected by the gas").
BEFORE_REACH = 4
# A doubt about who acted: "not (immediately) clear who", "unclear if", "not known which".
OPEN_AGENT = words("who whether which if")
DOUBT_CUES = words("unclear unknown uncertain")
DOUBT_AFTER_NOT = words("clear known know knew certain confirm say determine")
NEGATION = words("not no never n't")
DOUBT_REACH = 4
DOUBT_AFTER = 2  # sentences after an incident's last where a doubt about its agent is told
AGENT_REACH = 12
AGENT_CUES = words("carried behind responsible conducted launched fired dropped staged perpetrated")


@dataclass(frozen=True, slots=True)
class AttributionStatus:
    """How one incident's perpetrator is known, with the mentions that say so."""

    perpetrator: str | None
    status: Attribution | None
    alternatives: tuple[str, ...] = ()
    denied_by: str | None = None
    evidence: tuple[Mention, ...] = ()


def _token_at(doc: Doc, char: int) -> int:
    """The index of the token holding a character offset (token starts cached on the doc)."""
    starts = doc.user_data.get("tw_token_starts")
    if starts is None:
        starts = doc.user_data["tw_token_starts"] = doc.to_array("IDX").tolist()
    return max(0, bisect_right(starts, char) - 1)


def _sentences(doc: Doc, incident: Incident) -> list[int]:
    return sorted({sentence_of(doc, _token_at(doc, m.start)) for m in incident.evidence})


def _mention(doc: Doc, field: str, start: int, end: int) -> Mention:
    return Mention(field, start, end, doc_text(doc)[start:end], doc._.report_id)


def _tok_mention(doc: Doc, field: str, first: int, last: int) -> Mention:
    return _mention(doc, field, doc_starts(doc)[first], token_end_char(doc, last))


# Words of a party between its adjective and its carrier ("Syrian regime warplanes") and forms
# of "to be" a carrier's party follows ("jets believed to be Russian or Syrian").
CARRIER_OWNERS = words("regime government army military")
BEING = words("be been being")


OPP = "Syrian opposition"
NAMED_GROUPS = frozenset({"ISIL", "Jabhat al-Nusra"})


def alternatives_in(doc: Doc, sent: Sentence) -> tuple[list[str], Mention] | None:
    """ "Syrian or Russian aircraft", "the jets were Syrian or Russian", "warplanes, either
    Russian or Syrian", "either Russia or Syria's aircraft": the parties a carrier may belong
    to, first named first, with the words as evidence; None when none is told."""
    lows = doc_lowers(doc)
    for k in range(sent.token_start + 1, sent.token_end - 1):
        if lows[k] != "or":
            continue
        first, second = _carrier_party(lows[k - 1]), _carrier_party(lows[k + 1])
        if first is None or second is None or first == second:
            continue
        nxt = lows[k + 2] if k + 2 < sent.token_end else ""
        prev = lows[k - 2] if k - 2 >= sent.token_start else ""
        j = k - 3  # "warplanes, either Russia or Syria": the word before "either", over a comma
        while j > sent.token_start and lows[j] in (",", "-", "–"):
            j -= 1
        before_either = lows[j] if prev == "either" and j >= sent.token_start else ""
        # "Russian or Syrian regime warplanes": a party's own word may stand before the carrier
        carrier_after = nxt in CARRIERS or (
            nxt in CARRIER_OWNERS and k + 3 < sent.token_end and lows[k + 3] in CARRIERS
        )
        # "believed to be either Russian or Syrian"
        being = COPULA | BEING
        if carrier_after or prev in being or before_either in CARRIERS | being:
            return [first, second], _tok_mention(doc, "perpetrator", k - 1, k + 1)
    return None


def _agent_in_doubt(doc: Doc, told: list[int]) -> tuple[list[str], list[Mention]] | None:
    """ "It was not immediately clear who carried out the raids", "it is not known which aircraft
    carried out the strike", "unclear if regime warplanes or Russian aircraft struck": the text
    leaves the agent open, in the sentences telling the incident or the two after. Gives the
    parties its sentence names (first named first) with its words: the doubt's, and the words
    naming the first party (its evidence as the perpetrator); None when no doubt is told."""
    lows = doc_lowers(doc)
    sents: list[Sentence] = doc._.sentences
    # words of named bodies that are no party ("the Syrian Observatory") name no carrier
    bodies = {
        j
        for a in doc._.actors or ()
        if a.canonical is None
        for j in range(a.token_start, a.token_end)
    }
    for index in sorted({*told, *range(told[-1] + 1, min(told[-1] + 1 + DOUBT_AFTER, len(sents)))}):
        sent = sents[index]
        for k in range(sent.token_start + 1, sent.token_end):
            if lows[k] not in OPEN_AGENT:
                continue
            cue = lows[max(sent.token_start, k - DOUBT_REACH) : k]
            negated = any(w in NEGATION for w in cue)
            if not (
                DOUBT_CUES.intersection(cue) or (negated and DOUBT_AFTER_NOT.intersection(cue))
            ):
                continue
            rest = lows[k + 1 : min(sent.token_end, k + 1 + AGENT_REACH)]
            if not AGENT_CUES.intersection(rest):
                continue  # "not clear whether anyone was hurt": a doubt about something else
            parties: list[str] = []  # "regime and Russian planes operate, but not known which"
            words = [_tok_mention(doc, "attribution", k - 1, k)]
            for j in range(sent.token_start, sent.token_end):
                party = None if j in bodies else _carrier_party(lows[j])
                if party is not None and party not in parties:
                    if not parties:
                        words.append(_tok_mention(doc, "perpetrator", j, j))
                    parties.append(party)
            return parties, words
    return None


def _carrier_party(word: str) -> str | None:
    """The party a word before or after "or" names: an adjective ("Russian"), or a state's or
    its capital's name ("Russia", "Moscow")."""
    return ADJECTIVES.get(word) or STATE_NAMES.get(word) or CAPITAL_PARTIES.get(word)


def _party_of(doc: Doc, k: int, actors: list[ActorMention]) -> str | None:
    """The party a token names: a capital standing for its forces, or an actor mention."""
    party = CAPITAL_PARTIES.get(doc_lowers(doc)[k])
    if party is not None:
        return party
    return next((a.canonical for a in actors if a.token_start <= k < a.token_end), None)


def _denial(
    doc: Doc, sent: Sentence, accused: set[str], actors: list[ActorMention]
) -> tuple[str, Mention] | None:
    """ "Damascus and Moscow denied any role": who of the accused denies, in their own words."""
    lows = doc_lowers(doc)
    for k in range(sent.token_start, sent.token_end):
        if lows[k] not in DENYING_VERBS:
            continue
        deniers: list[int] = []
        j = k - 1
        # the subject run before the verb: "Damascus and Moscow", "Russia's defence ministry"
        while j >= sent.token_start and k - j <= 6:
            party = _party_of(doc, j, actors)
            if party is not None and party in accused:
                deniers.append(j)
            j -= 1
        if deniers:
            first, last = min(deniers), max(deniers)
            names = tokens_text(doc, first, last + 1)
            return names, _tok_mention(doc, "denied_by", first, k)
    return None


def _blame(
    doc: Doc, sent: Sentence, perpetrator: str | None, actors: list[ActorMention]
) -> tuple[list[str], Mention] | None:
    """ "the government and the rebels blamed each other", "the government blamed rebels for
    the attack": the incident is disputed; returns the parties blamed (those blaming each
    other, or the other party blamed) and the words."""
    lows = doc_lowers(doc)
    toks = lows[sent.token_start : sent.token_end]
    for i in range(len(toks)):
        if toks[i] in BLAME_OPENERS and any(tuple(toks[i : i + len(p)]) == p for p in MUTUAL_BLAME):
            k = sent.token_start + i
            parties: list[str] = []
            for a in actors:
                name = a.canonical
                told = a.sent == sent.index and a.token_end <= k
                if told and name not in (None, "civilians", *parties):
                    parties.append(name)
            return parties, _tok_mention(doc, "attribution", k, min(k + 1, sent.token_end - 1))
    for k in range(sent.token_start, sent.token_end):
        # "the regime accused by Washington of ...": the party after "by" accuses, not accused
        if lows[k] not in BLAMING_VERBS or (k + 1 < sent.token_end and lows[k + 1] == "by"):
            continue
        for j in range(k + 1, min(k + 5, sent.token_end)):
            party = _party_of(doc, j, actors)
            if party is not None and party != "civilians":
                blamed = next((a for a in actors if a.token_start <= j < a.token_end), None)
                if blamed is not None and habitual_accusation(lows, blamed, sent):
                    break  # "accuses Turkey of putting US forces at risk": a practice
                if perpetrator is not None and party != perpetrator:
                    return [party], _tok_mention(doc, "attribution", k, j)
                break
    return None


# Words that tell an air strike only as a bombing, which may as well be a bomb set off on the
# ground: the party behind it decides which.
BOMBING_WORDS = frozenset({"bombing", "bombings", "bombed"})


# Words between a party and its bombing that make the bombing its own deed ("IS said it carried
# out the bombing", "Nusra claimed the bombing").
OWN_DEED = ("carried out", "claimed", "behind")


def _told_as_bombing(doc: Doc, incident: Incident, evidence: list[Mention]) -> bool:
    """An air strike told only as a bombing whose party is named as setting it off: right
    before it ("terrorist bombings", "an IS bombing") or as carrying it out or claiming it."""
    told = [m for m in incident.evidence if m.field == "type"]
    if not told or any(m.text.lower() not in BOMBING_WORDS for m in told):
        return False
    text = doc_text(doc)
    for who in (m for m in (*incident.evidence, *evidence) if m.field == "perpetrator"):
        for m in told:
            gap = text[who.end : m.start].lower()
            if 0 <= m.start - who.end <= 80 and (
                len(gap.split()) <= 1 or any(w in gap for w in OWN_DEED)
            ):
                return True
    return False


def attribution_of(doc: Doc, incident: Incident, first: bool = False) -> AttributionStatus:
    """The perpetrator, its status, alternatives and denier for one incident; ``first`` when
    no other incident is told before it (an accusation of "the attack" anywhere before is then
    about this one: the story's)."""
    sents: list[Sentence] = doc._.sentences
    actors: list[ActorMention] = doc._.actors or []
    told = _sentences(doc, incident)
    if not told:
        return AttributionStatus(incident.perpetrator, None)
    evidence: list[Mention] = []
    perpetrator = incident.perpetrator
    named = _named_over_generic(doc, incident)
    if named is not None:  # "terrorists fired ..." then "ISIS terrorists fired ...": ISIL
        perpetrator = named.canonical
        incident.evidence = [m for m in incident.evidence if m.field != "perpetrator"]
        evidence.append(_mention(doc, "perpetrator", named.start, named.end))
    claimed = None
    if perpetrator is None or _generic_only(doc, incident):
        claimed = claimed_after(doc, incident, told)
    if claimed is not None:  # "a terrorist bombing ... Nusra Front claimed responsibility for it"
        perpetrator = claimed.canonical
        incident.evidence = [m for m in incident.evidence if m.field != "perpetrator"]
        evidence.append(_mention(doc, "perpetrator", claimed.start, claimed.end))
    alternatives: list[str] = []
    after = range(told[-1] + 1, min(told[-1] + 1 + AFTER_REACH, len(sents)))
    # the sentences between its tellings concern it too, for an accusation ("... in attacks
    # SANA blamed on terrorists"; for a denial or a blame this gave worse statuses on FA-KES)
    span = range(told[0], told[-1] + 1)
    for index in [*told, *after]:
        found = alternatives_in(doc, sents[index])
        if found is None:
            continue
        parties, words = found
        if perpetrator is None or perpetrator in parties:
            perpetrator = parties[0]  # the first named; the others stay as alternatives
            alternatives = parties[1:]
            evidence.append(words)
            break
    doubt = None if alternatives else _agent_in_doubt(doc, told)
    if doubt is not None:  # "it was not clear who carried out the raids": the agent is open
        parties, words = doubt
        if len(parties) < 2:
            return AttributionStatus(None, None)
        perpetrator, alternatives = parties[0], parties[1:]  # "unclear if Syrian or Russian jets"
        evidence.extend(words)
    if perpetrator is None:  # "the SNC accused Assad of being behind the attack"
        lead = range(0 if first else max(0, told[0] - BEFORE_REACH), told[0])
        accused = _accusation(doc, incident, [*span, *after, *lead], actors)
        if accused is not None:
            perpetrator = accused.canonical
            evidence.append(_mention(doc, "perpetrator", accused.start, accused.end))
    if perpetrator is None:
        named = fallback_perpetrator(doc, incident, told, actors, first)
        if named is not None:
            perpetrator = named.canonical
            evidence.append(_mention(doc, "perpetrator", named.start, named.end))
    # a clash is fought by both sides: the side its headline presents as acting ("Syrian Army
    # kills 33 Fateh al-Sham terrorists", "Kurdish forces repel IS attack") is its agent, when
    # the text names that side too
    if incident.type == IncidentType.ARMED_CLASH and perpetrator is not None and not alternatives:
        side = headline_party(doc, incident, actors, first)
        # (a headline's "terrorists" stand for the opposition in general: a group the text
        # names, "the Nusra Front", is more telling)
        generic = side is not None and side.canonical == OPP and perpetrator in NAMED_GROUPS
        if side is not None and side.canonical != perpetrator and not generic:
            perpetrator = side.canonical
            incident.evidence = [m for m in incident.evidence if m.field != "perpetrator"]
            evidence.append(_mention(doc, "perpetrator", side.start, side.end))
    if incident.type == IncidentType.AIR_STRIKE and perpetrator is not None:
        flying = [p for p in (perpetrator, *alternatives) if may_fly(p)]
        if not flying and _told_as_bombing(doc, incident, evidence):
            # "IS said it carried out the bombing": a party that flies nothing set off a bomb
            incident.type = IncidentType.EXPLOSION
        else:
            perpetrator, alternatives = (flying[0], flying[1:]) if flying else (None, [])
        if perpetrator is None:
            # "war planes from the coalition against ISIS struck": the party that flies nothing
            # was never the agent; the fallbacks were not asked while it stood, so ask them now
            named = fallback_perpetrator(
                doc,
                incident,
                told,
                actors,
                first,
                lambda a: a.canonical is not None and may_fly(a.canonical),
            )
            if named is not None and named.canonical is not None:
                perpetrator = named.canonical
                incident.evidence = [m for m in incident.evidence if m.field != "perpetrator"]
                evidence = [m for m in evidence if m.field != "perpetrator"]
                evidence.append(_mention(doc, "perpetrator", named.start, named.end))
    if perpetrator is None:
        return _disputed_only(doc, incident, [*told, *after], actors)
    status = Attribution.STATED
    denied_by = None
    perpetrator_words = [m for m in (*incident.evidence, *evidence) if m.field == "perpetrator"]
    # the tellings naming this party (a merged telling may name another: "evacuated by rebels")
    parties = {perpetrator, *alternatives}
    own = [m for m in perpetrator_words if _names_party(actors, m, parties)] or perpetrator_words
    named_in = [sentence_of(doc, _token_at(doc, m.start)) for m in own] or told
    # the report's own hedge on any telling naming the party ("allegedly", "suspected") makes it
    # alleged; unnamed sources only when every telling rests on them (a telling in the report's
    # own voice, "the Syrian army stepped up its operations", states it)
    allegations = [alleging(doc, sents[s], actors, perpetrator) for s in sorted(set(named_in))]
    hedges = ALLEGING_ADVERBS | CLAIMING
    hedged = [a for a in allegations if a is not None and a.text.lower() in hedges]
    alleged = hedged[0] if hedged else allegations[0] if allegations and all(allegations) else None
    if alleged is not None:
        status = Attribution.ALLEGED
        evidence.append(alleged)
    accused = {perpetrator, *alternatives}
    for index in [*told, *after]:
        blamed = _blame(doc, sents[index], perpetrator, actors)
        if blamed is not None:
            others, words = blamed
            status = Attribution.DISPUTED
            alternatives += [o for o in others if o != perpetrator and o not in alternatives]
            evidence.append(words)
            break
        denial = _denial(doc, sents[index], accused, actors)
        if denial is not None:
            status, (denied_by, words) = Attribution.DENIED, denial
            evidence.append(words)
            break
    return AttributionStatus(perpetrator, status, tuple(alternatives), denied_by, tuple(evidence))


def _names_party(actors: list[ActorMention], words: Mention, parties: set[str | None]) -> bool:
    """True when an actor mention within the words names one of ``parties``."""
    return any(
        a.canonical in parties for a in actors if words.start <= a.start and a.end <= words.end
    )


def _generic(text: str) -> bool:
    """True when a mention names no group, only fighters ("terrorists", "terrorist groups")."""
    return all(w in GENERIC_WORDS for w in text.lower().split())


def _generic_only(doc: Doc, incident: Incident) -> bool:
    """True when the incident's perpetrator comes only from generic words ("a terrorist
    bombing")."""
    by_start = {a.start: a for a in doc._.actors or ()}
    told = [
        by_start[m.start]
        for m in incident.evidence
        if m.field == "perpetrator" and m.start in by_start
    ]
    return bool(told) and all(_generic(a.text) for a in told)


def _named_over_generic(doc: Doc, incident: Incident) -> ActorMention | None:
    """A group named as acting on the incident when its perpetrator comes only from generic
    words ("a terrorist rocket attack" ... "ISIS terrorists fired 6 shells"): the name is what
    the text states; None otherwise."""
    by_start = {a.start: a for a in doc._.actors or ()}
    found = doc._.attributions or {}
    told: list[ActorMention] = []
    for m in incident.evidence:
        if m.field == "perpetrator" and m.start in by_start:
            told.append(by_start[m.start])
        attr = found.get(m.start) if m.field == "type" else None
        if attr is not None and attr.perpetrator is not None:
            told.append(attr.perpetrator)
    if not any(a.canonical == incident.perpetrator for a in told):
        return None
    if not all(_generic(a.text) for a in told if a.canonical == incident.perpetrator):
        return None
    named = next((a for a in told if a.canonical in NAMED_GROUPS - {incident.perpetrator}), None)
    return named or _one_group_named(doc, incident)


def _one_group_named(doc: Doc, incident: Incident) -> ActorMention | None:
    """The one group the sentences telling an incident name as a force, when its agent is told
    only as fighters ("The Islamic State launched a counteroffensive ... Militants retaliated
    to a government offensive"): the fighters are that group's. None when they name none,
    several, or a rebel group besides (a coalition: the opposition)."""
    told = set(_sentences(doc, incident))
    forces = [
        a
        for a in doc._.actors or ()
        if a.sent in told and is_force(doc, a) and not is_victim(doc, a, doc._.sentences[a.sent])
    ]
    if any(a.canonical == OPP and not _generic(a.text) for a in forces):
        return None  # "the Nusra Front and its allies of Faylaq al-Sham": a rebel coalition
    groups = [a for a in forces if a.canonical in NAMED_GROUPS]
    return groups[0] if len({a.canonical for a in groups}) == 1 else None


def _accusation(
    doc: Doc, incident: Incident, scope: list[int], actors: list[ActorMention]
) -> ActorMention | None:
    """The party accused of the incident in the sentences telling it or soon after ("accused
    President Assad of being behind the attack", "blamed the attack on Damascus"), or None."""
    sents: list[Sentence] = doc._.sentences
    for index in scope:
        accused = accused_party(doc, sents[index], actors)
        if accused is not None and accused.canonical is not None:
            return accused
    return None


def _disputed_only(
    doc: Doc, incident: Incident, scope: list[int], actors: list[ActorMention]
) -> AttributionStatus:
    """No perpetrator stated, but parties blame each other: the first blamed is the perpetrator,
    disputed, the others its alternatives."""
    for index in scope:
        blamed = _blame(doc, doc._.sentences[index], None, actors)
        if blamed is not None and blamed[0]:
            parties, words = blamed
            if incident.type == IncidentType.AIR_STRIKE:
                parties = [p for p in parties if may_fly(p)]
            if parties:
                named = _party_words(doc, actors, index, parties[0])
                return AttributionStatus(
                    parties[0],
                    Attribution.DISPUTED,
                    tuple(parties[1:]),
                    None,
                    (words, *([named] if named is not None else [])),
                )
    return AttributionStatus(None, None)


def _party_words(doc: Doc, actors: list[ActorMention], sent: int, party: str) -> Mention | None:
    """The first words of sentence ``sent`` naming ``party``: the evidence of a perpetrator
    taken from who blames whom."""
    for a in actors:
        if a.sent == sent and a.canonical == party:
            return _mention(doc, "perpetrator", a.start, a.end)
    return None


def _shared_with_twins(
    incidents: list[Incident], found: list[AttributionStatus]
) -> list[AttributionStatus]:
    """Twins of one telling share its party: "rockets with chemical agents hit Ain Tarma,
    Zamalka and Jobar" makes one incident per town from the same words, and the party the
    report accuses of the attack (told in a sentence merged into one of them) did all three.
    An incident with no party takes the status of an incident of its kind whose type words it
    shares; None stays when its twins name different parties."""
    words = [{(m.start, m.end) for m in i.evidence if m.field == "type"} for i in incidents]
    out = list(found)
    for k, status in enumerate(found):
        if status.perpetrator is not None or not words[k]:
            continue
        twins = [
            (j, other)
            for j, other in enumerate(found)
            if j != k
            and other.perpetrator is not None
            and incidents[j].type == incidents[k].type
            and words[j] & words[k]
            and _named_before(incidents[j], other, min(words[j] & words[k]))
        ]
        if len({t.perpetrator for _, t in twins}) == 1:
            j, twin = twins[0]
            # the words naming the party, where the twin holds them in its own evidence
            named = tuple(m for m in incidents[j].evidence if m.field == "perpetrator")
            out[k] = replace(twin, evidence=(*named, *twin.evidence))
    return out


def _named_before(incident: Incident, found: AttributionStatus, shared: tuple[int, int]) -> bool:
    """True when the party of an incident is named before the words it shares with its twins
    (the story told who, then where): a party named after them, in a telling with places of
    its own ("Russian jets struck the towns of A and B"), is that telling's, not the twins'."""
    named = [m.start for m in (*incident.evidence, *found.evidence) if m.field == "perpetrator"]
    return bool(named) and min(named) < shared[0]


def apply(incident: Incident, found: AttributionStatus) -> None:
    """Write an :class:`AttributionStatus` onto its incident (evidence kept once)."""
    incident.perpetrator = found.perpetrator
    incident.attribution = found.status
    incident.perpetrator_alternatives = found.alternatives
    incident.denied_by = found.denied_by
    if found.perpetrator is None:
        incident.evidence = [m for m in incident.evidence if m.field != "perpetrator"]
    seen = {(m.field, m.start, m.end) for m in incident.evidence}
    incident.evidence += [m for m in found.evidence if (m.field, m.start, m.end) not in seen]
    incident.evidence.sort(key=lambda m: (m.start, m.field))


@Language.component(
    "tw_attribution_status",
    requires=["doc._.incidents", "doc._.sentences", "doc._.actors"],
    assigns=["doc._.attribution_status"],
)
def attribution_status_component(doc: Doc) -> Doc:
    """Store one :class:`AttributionStatus` per incident and write it onto the incident."""
    incidents: list[Incident] = doc._.incidents or []
    end = len(doc_text(doc))  # Doc.text re-joins every token: read it once
    starts = [min((m.start for m in i.evidence), default=end) for i in incidents]
    first = min(starts, default=0)
    found = [attribution_of(doc, i, s == first) for i, s in zip(incidents, starts, strict=True)]
    found = _shared_with_twins(incidents, found)
    for incident, status in zip(doc._.incidents or (), found, strict=True):
        apply(incident, status)
    doc._.attribution_status = found
    return doc
