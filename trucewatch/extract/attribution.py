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

from trucewatch.extract.actors import ADJECTIVES
from trucewatch.extract.lexicon import words
from trucewatch.extract.spans import ActorMention, Sentence, Trigger, doc_lowers, doc_text

# Words after an actor name that make it a speaker, a place or a victim rather than a force:
# "the Russian Defence Ministry said", "Turkish hospitals", "rebel-held", "Syrian civilians".
NOT_FORCE_AFTER = words(
    """ministry defence defense foreign president presidents officials official media news
    television tv embassy spokesman spokesperson sources state side people citizens civilians
    territory territories border capital city province reconciliation center centre
    observatory network red held controlled dominated backed supported hospitals hospital
    agency envoy minister ministers authorities diplomats diplomat delegation counterpart
    counterparts leader leaders leadership newspaper daily channel foreign-ministry sources.
    press interior parliament lawmakers chief commander command general envoy"""
)
# Reporting verbs: an actor before one of these speaks about the incident, it did not do it.
REPORTING = words(
    """said says say told reported reports according claimed claims stated accused accuses blamed
    blames denied denies announced added noted confirmed"""
)
TARGET_PREPS = frozenset(
    {
        "on",
        "against",
        "targeting",
        "targeted",
        "at",
        "hit",
        "hitting",
        "struck",
        "striking",
        "killed",
        "killing",
        "pounded",
        "pounding",
        "shelled",
        "bombed",
        "attacked",
        "attacking",
    }
)
CIVILIAN_WORDS = words(
    """civilians civilian citizens children child women residents residential hospital hospitals
    school schools market marketplace wedding shrine mosque bakery pilgrims homes houses bus
    clinic displaced refugees camp kindergarten worshippers passengers family families"""
)
SOURCE_WORDS = frozenset({"by"})


def is_force(doc: Doc, mention: ActorMention) -> bool:
    """True when a mention names a force that can act, not a speaker, area or victim."""
    if mention.canonical is None or mention.canonical == "civilians":
        return False
    end = mention.token_end
    while end < len(doc) and doc[end].text in ("-", "–"):
        end += 1
    return not (end < len(doc) and doc_lowers(doc)[end] in NOT_FORCE_AFTER)


def _first_of_pair(doc: Doc, mention: ActorMention) -> ActorMention:
    """Joint attribution takes the first-named party: "Syrian and Russian warplanes" → Syrian."""
    i = mention.token_start
    if i >= 2 and doc_lowers(doc)[i - 1] == "and" and doc_lowers(doc)[i - 2] in ADJECTIVES:
        first = doc[i - 2]
        return replace(
            mention,
            start=first.idx,
            text=doc_text(doc)[first.idx : mention.end],
            canonical=ADJECTIVES[first.lower_],
            token_start=i - 2,
        )
    return mention


def _first_in_run(before: list[ActorMention], cand: ActorMention) -> ActorMention:
    """The first of the actors named together with ``cand`` ("the regime and Russian forces")."""
    k = before.index(cand)
    while k > 0 and cand.token_start - before[k - 1].token_end <= 2:
        k -= 1
        cand = before[k]
    return before[k]


def _adjective_agent(doc: Doc, trigger: Trigger, sent: Sentence) -> ActorMention | None:
    """ "government air strikes", "Russian raids": a party's adjective right before the trigger
    names who carried it out, when the sentence names no force otherwise."""
    k = trigger.token_start - 1
    if k < sent.token_start:
        return None
    word = doc_lowers(doc)[k]
    party = ADJECTIVES.get(word)
    if party is None or (k > sent.token_start and doc_lowers(doc)[k - 1] in ("-", "pro", "anti")):
        return None
    tok = doc[k]
    return ActorMention(tok.idx, tok.idx + len(tok.text), tok.text, party, k, k + 1, sent.index)


def perpetrator_of(
    doc: Doc, trigger: Trigger, sent: Sentence, actors: list[ActorMention]
) -> ActorMention | None:
    """The actor the sentence says carried out the triggered incident, or None."""
    in_sent = [a for a in actors if a.sent == sent.index and is_force(doc, a)]
    if not in_sent:
        return _adjective_agent(doc, trigger, sent)
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
    # 1. "by X" within a few words after the trigger
    for a in in_sent:
        if 0 <= a.token_start - trigger.token_end <= 4:
            window = doc[trigger.token_end : a.token_start]
            if any(t.lower_ in SOURCE_WORDS for t in window):
                return a
    # 2. the actor right before the trigger ("Russian warplanes", "regime forces shelled")
    # an actor that ends inside the trigger phrase names its agent ("Russian warplanes")
    before = [
        a
        for a in in_sent
        if a.token_start < trigger.token_start and a.token_end <= trigger.token_end
    ]
    if before:
        last = before[-1]
        gap = doc[min(last.token_end, trigger.token_start) : trigger.token_start]
        if len(gap) <= 3 and not any(t.lower_ in REPORTING or t.is_punct for t in gap):
            return _first_of_pair(doc, last)
        # 3. the subject of the clause the trigger is in: the last actor before it with no
        # reporting verb in between ("activists said that the regime ... carried out strikes")
        lows = doc_lowers(doc)
        for cand in reversed(before):
            between = lows[min(cand.token_end, trigger.token_start) : trigger.token_start]
            if not any(w in REPORTING for w in between):
                return _first_of_pair(doc, _first_in_run(before, cand))
            break
    # 4. "X-held" etc. excluded above; an agent in a "by" phrase anywhere in the clause
    for a in in_sent:
        if a.token_start > 0 and doc_lowers(doc)[a.token_start - 1] == "by":
            return a
    return None


def target_of(
    doc: Doc,
    trigger: Trigger,
    sent: Sentence,
    actors: list[ActorMention],
    perpetrator: str | None,
) -> tuple[str | None, tuple[int, int] | None]:
    """The stated target (canonical actor or "civilians") and its character span, or None."""
    for a in actors:
        if a.sent != sent.index or a.token_start < trigger.token_end or not is_force(doc, a):
            continue
        if a.canonical == perpetrator:
            continue
        window = doc[max(trigger.token_end, a.token_start - 4) : a.token_start]
        if any(t.lower_ in TARGET_PREPS for t in window):
            return a.canonical, (a.start, a.end)
    for tok in doc[sent.token_start : sent.token_end]:
        if tok.lower_ in CIVILIAN_WORDS:
            return "civilians", (tok.idx, tok.idx + len(tok.text))
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
    doc._.attributions = {t.start: attribute(doc, t) for t in doc._.triggers}
    return doc
