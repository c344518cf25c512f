"""Drafts: one per sentence and incident type the sentence tells as a happening.

Each draft takes the place where it happened, the date nearest its trigger, the stated
perpetrator and target, and its figures; then figures of sentences without an incident join the
incident just told, back-references fold into the incident they name, and a roundup lead lends
its day to the items after it.
"""

from __future__ import annotations

from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.attribution import (
    Attribution,
    carrier_statements,
)
from trucewatch.extract.draft import (
    LEAD_SENTENCES,
    WEAPON_TYPES,
    Draft,
    add_toll,
    join_target,
    mention,
    one_of_listed,
    place_name,
    same_day,
    same_governorate,
)
from trucewatch.extract.elaboration import elaborates, fold_elaboration
from trucewatch.extract.events import find_triggers, resolve_sentence
from trucewatch.extract.figure_roles import toll_figures
from trucewatch.extract.incident_dates import choose_date, loose_day
from trucewatch.extract.incident_places import (
    choose_place,
    figures_by_place,
    own_places,
    per_town,
    place_chain,
    told_where,
)
from trucewatch.extract.lexicon import word_list
from trucewatch.extract.places import (
    tag_list_tokens,
)
from trucewatch.extract.roles import is_context, is_happening, is_summary, related_lists, superseded
from trucewatch.extract.spans import (
    ActorMention,
    PlaceMention,
    Quantity,
    Sentence,
    Trigger,
    doc_lowers,
)
from trucewatch.extract.story_dates import inherit_lead_date
from trucewatch.extract.tolls import (
    ARMED_VICTIMS,
    COMBATANTS,
    DEFINITE,
    add_quantity,
    attach_orphan_figures,
    quantities_for,
)
from trucewatch.extract.town_counts import (
    dissolve_summing_lead,
    figures_at_new_places,
    other_governorates,
    place_from_previous,
    referred_twins,
)
from trucewatch.extract.trigger_roles import passing_role
from trucewatch.model.incident import (
    NON_VIOLENT,
    IncidentType,
)


def draft_incidents(doc: Doc) -> list[Draft]:
    """Drafts, one per (sentence, type), before merging."""
    by_sent: dict[int, list[Trigger]] = {}
    related = related_lists(doc)
    tags = tag_list_tokens(doc)
    for t in doc._.triggers or ():
        if t.token_start < related.get(t.sent, t.token_start + 1) and t.token_start not in tags:
            by_sent.setdefault(t.sent, []).append(t)
    killers: dict[int, ActorMention] = {}
    for t, killer in _kill_triggers(doc, by_sent):
        by_sent[t.sent] = [t]
        killers[t.start] = killer
    quantities: list[Quantity] = toll_figures(doc)
    pending: list[Draft] = []
    drafts = _ground_pending(doc, _drafts_from(doc, by_sent, killers, pending), pending, quantities)
    drafts = place_from_previous(doc, drafts, pending)
    if not any(d.type not in NON_VIOLENT for d in drafts):
        # the lead types nothing violent: an untyped attack told there may still be the story
        fallback = _untyped_attack(doc, related)
        if fallback is not None:
            drafts = sorted(
                drafts + _drafts_from(doc, {fallback.sent: [fallback]}, {}), key=lambda d: d.sent
            )
    drafts = _fold_back_references(doc, drafts)
    drafts = figures_at_new_places(doc, drafts, quantities, set(by_sent))
    _carry_perpetrator(drafts)
    _carrier_perpetrator(doc, drafts)
    attach_orphan_figures(doc, drafts, quantities)
    dissolve_summing_lead(doc, drafts)
    inherit_lead_date(doc, drafts)
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
    quantities: list[Quantity] = toll_figures(doc)
    for index in sorted(by_sent):
        sent = sents[index]
        sent_words = {w for w in doc_lowers(doc)[sent.token_start : sent.token_end]}
        types = resolve_sentence(by_sent[index], sent_words)
        kept = {k: ts for k, ts in types.items() if is_happening(doc, sent, k, ts)}
        if not kept:
            continue
        leading = {k: min(ts, key=lambda t: (-t.strength, t.start)) for k, ts in kept.items()}
        summary = is_summary(doc, sent)
        figures = {} if summary else quantities_for(quantities, sent, leading)
        told: list[tuple[Draft, list[PlaceMention]]] = []
        for kind, trigger, own_place, own_figures in _told_apart(doc, sent, kept, leading, figures):
            draft = Draft(kind, index, trigger)
            draft.evidence.append(mention("type", doc, trigger.start, trigger.end))
            draft.place = own_place or choose_place(doc, sent, trigger)
            chain = place_chain(doc, draft.place)
            for p in chain:
                draft.evidence.append(mention("place", doc, p.start, p.end))
            draft.date = choose_date(doc, sent, trigger)
            draft.loose = loose_day(doc, sent)
            if draft.date is not None:
                draft.evidence.append(mention("date", doc, draft.date.start, draft.date.end))
            attr = attributions.get(trigger.start)
            if trigger.start in killers:  # "the army killed 30 terrorists": the army acted
                killer = killers[trigger.start]
                draft.perpetrator = killer.canonical
                draft.evidence.append(mention("perpetrator", doc, killer.start, killer.end))
            elif attr is not None and kind not in NON_VIOLENT:
                if attr.perpetrator is not None:
                    draft.perpetrator = attr.perpetrator.canonical
                    draft.evidence.append(
                        mention("perpetrator", doc, attr.perpetrator.start, attr.perpetrator.end)
                    )
                if attr.target is not None and attr.target != draft.perpetrator:
                    draft.target = attr.target
                    if attr.target_span:
                        draft.evidence.append(mention("target", doc, *attr.target_span))
            for q in own_figures:
                if kind not in NON_VIOLENT:
                    add_quantity(doc, draft, q)
            grounded = draft.place is not None or draft.killed.known or draft.injured.known
            # "attacks in Aleppo Hama Damascus and its countryside": a roundup's lead, too vague
            # to code; it only lends its day to the items told after it
            # (the whole list counts, wherever in it the incident's own place stands)
            listed = [p for p in doc._.places if p.sent == index and told_where(doc, p)]
            draft.roundup = max(len({p.place.governorate for p in c}) for c in (chain, listed)) >= 3
            if grounded or kind in NON_VIOLENT:
                told.append((draft, chain))
            elif kind in WEAPON_TYPES and _name_the_weapon(drafts, draft):
                pass
            elif pending is not None:
                pending.append(draft)
        for draft, chain in _one_per_place(told):
            draft.among = draft.place is not None and one_of_listed(doc, draft.place)
            twins = per_town(doc, draft, chain) if draft.type not in NON_VIOLENT else []
            others = []
            if draft.type not in NON_VIOLENT or draft.type == IncidentType.HUMANITARIAN_DELIVERY:
                others = other_governorates(doc, draft, chain, twins)
            if draft.type == IncidentType.HUMANITARIAN_DELIVERY:
                others += referred_twins(doc, draft, [*twins, *others])
            # the other governorates' twins go first: a toll told in the next sentence joins
            # "the incident just told", which stays the draft itself and its own list's towns
            for twin in [*others, draft, *twins]:
                twin.among = twin.among or bool(twins or others)
                drafts.append(twin)
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
        own = own_places(doc, sent, kept[kind]) if kind not in NON_VIOLENT else []
        if len(own) < 2:
            pairs = figures_by_place(doc, sent, figures.get(kind, []))
            if len(pairs) < 2:  # no town of its own: an elliptic figure is no toll here
                own_figures = [q for q in figures.get(kind, []) if not q.elliptic]
                out.append((kind, trigger, None, own_figures))
            else:  # "killed 12 in Kafr Nabl and 5 in Hass": two villages, two incidents
                out += [(kind, trigger, place, qs) for place, qs in pairs]
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
                and place_name(d) == place_name(draft)
            ),
            None,
        )
        if home is None:
            out.append((draft, chain))
            continue
        for kind in ("killed", "injured"):
            toll = draft.killed if kind == "killed" else draft.injured
            if toll.known and not (home.killed if kind == "killed" else home.injured).known:
                add_toll(home, kind, toll, kind in draft.vague, update=False)
        home.perpetrator = home.perpetrator or draft.perpetrator
        join_target(home, draft)
        home.evidence.extend(m for m in draft.evidence if m.field != "type")
    return sorted(out, key=lambda dc: dc[0].trigger.start)


KILL_VERBS = word_list("KILL_VERBS")
# Words in (or right after) the name of a force that kills from the air ("the Air Force",
# "Russia's Aerospace Forces", "Syrian warplanes"); "supported by the air force" names the help.
AIR_KILLERS = frozenset({"aerospace", "airforce", "warplanes", "jets", "aircraft"})
SUPPORTED = frozenset({"by", "of"})


def _kill_triggers(
    doc: Doc, by_sent: dict[int, list[Trigger]]
) -> list[tuple[Trigger, ActorMention]]:
    """ "The army killed 60 terrorists near X": a force named as killing fighters, in a
    sentence naming no weapon, tells an armed clash; the killing words stand as its trigger."""
    actors = doc._.actors or []
    lowers = doc_lowers(doc)
    sents = doc._.sentences
    out: list[tuple[Trigger, ActorMention]] = []
    for q in toll_figures(doc):
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
        # "the Syrian Arab Air Force killed 100 militants": fighters killed from the air
        named = lowers[killer[0].token_start : killer[0].token_end + 2]
        aloft = AIR_KILLERS.intersection(named) or ("air", "force") in set(pairwise(named))
        air = aloft and not SUPPORTED.intersection(
            lowers[killer[0].token_start - 2 : killer[0].token_start]
        )
        kind = IncidentType.AIR_STRIKE if air else IncidentType.ARMED_CLASH
        trigger = Trigger(q.start, q.end, q.text, kind, q.token_start, q.token_end, q.sent, 1)
        out.append((trigger, killer[0]))
    return out


# Words that tell an attack without saying with what ("a terrorist attack", "targeted a bus").
UNTYPED_ATTACK = word_list("UNTYPED_ATTACK")


def _untyped_attack(doc: Doc, related: dict[int, int]) -> Trigger | None:
    """ "A terrorist attack killed 18 in X", "19 killed in an attack on Y": when a report types
    no incident, the first happening in its lead that states a toll (or an attack at a place)
    is its incident. Fighters killed make it a clash, anyone else an attack on civilians."""
    sents: list[Sentence] = doc._.sentences
    lowers = doc_lowers(doc)
    quantities: list[Quantity] = toll_figures(doc)
    placed = {p.sent for p in doc._.places or ()}
    # "the site of a chemical weapons attack": the word right after a trigger left out as
    # passing (a recall, a condition) is that trigger's noun, no attack of its own
    passed = {t.token_end for t in find_triggers(doc) if passing_role(doc, t) is not None}
    for sent in sents[:LEAD_SENTENCES]:
        if sent.index in related or is_summary(doc, sent):
            continue
        toks = range(sent.token_start, sent.token_end)
        if any(i in passed and lowers[i] in UNTYPED_ATTACK for i in toks):
            continue  # the sentence tells of the recalled event, its figures included
        word = next((i for i in toks if lowers[i] in UNTYPED_ATTACK), None)
        figures = [q for q in quantities if q.sent == sent.index]
        if not figures and (word is None or sent.index not in placed):
            continue
        victims = lowers[sent.token_start : sent.token_end]
        if figures:
            q = figures[0]
            # who the figure counts: "30 members of the regime troops", not "a terrorist attack"
            # (an aside in brackets, "35 Daesh (outlawed in Russia) militants", is skipped)
            victims = _outside_brackets(lowers[q.token_start : sent.token_end])[
                : q.token_end - q.token_start + 5
            ]
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
        if is_happening(doc, sent, kind, [trigger]):
            return trigger
    return None


def _outside_brackets(tokens: list[str]) -> list[str]:
    """The tokens outside round brackets."""
    out, depth = [], 0
    for w in tokens:
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(w)
    return out


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
            if is_summary(doc, sents[k]) or is_context(doc, sents[k]) or superseded(doc, sents[k]):
                break
            for q in figures:
                toll = p.killed if q.kind == "killed" else p.injured
                if not toll.known:
                    add_quantity(doc, p, q)
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
        if d.perpetrator is None and prev.perpetrator and follows and same_governorate(prev, d):
            d.perpetrator = prev.perpetrator


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
        if definite and told and d.type not in NON_VIOLENT and elaborates(lowers, t):
            fold_elaboration(told[-1], d)
            continue
        if (
            not definite
            or d.type in NON_VIOLENT
            or not told
            or d.killed.known
            or d.injured.known
            or d.place is None
            or told_where(doc, d.place)
        ):
            out.append(d)
            continue
        home = told[-1]
        if not same_day(home.date, d.date):
            out.append(d)
            continue
        home.date = home.date or d.date
        home.perpetrator = home.perpetrator or d.perpetrator
        join_target(home, d)
        home.evidence.extend(m for m in d.evidence if m.field not in ("type", "place"))
    return out


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
                d.evidence.append(mention("perpetrator", doc, st.start, st.end))


@Language.component(
    "tw_drafts",
    requires=[
        "doc._.sentences",
        "doc._.roles",
        "doc._.places",
        "doc._.actors",
        "doc._.dates",
        "doc._.quantities",
        "doc._.figure_roles",
        "doc._.triggers",
        "doc._.attributions",
    ],
    assigns=["doc._.drafts"],
)
def drafts_component(doc: Doc) -> Doc:
    """Store the drafts on ``doc._.drafts``."""
    doc._.drafts = draft_incidents(doc)
    return doc
