"""Drafts: one per sentence and incident type the sentence tells as a happening.

Each draft takes the place where it happened, the date nearest its trigger, the stated
perpetrator and target, and its figures; then figures of sentences without an incident join the
incident just told, back-references fold into the incident they name, and a roundup lead lends
its day to the items after it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract import happening_words as hw
from trucewatch.extract.also_hit import also_hit_at_new_places
from trucewatch.extract.attribution import (
    Attribution,
)
from trucewatch.extract.city_pointers import part_told_before, the_same_part
from trucewatch.extract.draft import (
    WEAPON_TYPES,
    Draft,
    add_toll,
    join_target,
    mention,
    one_of_listed,
    place_name,
)
from trucewatch.extract.draft_links import (
    another_names_weapon,
    carrier_perpetrator,
    carry_perpetrator,
    fold_back_references,
    ground_pending,
    name_the_weapon,
)
from trucewatch.extract.evacuations import evacuation, per_town_kind, referred_evacuations
from trucewatch.extract.events import resolve_sentence
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
from trucewatch.extract.places import (
    tag_list_tokens,
)
from trucewatch.extract.roles import is_happening, is_summary, related_lists
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
from trucewatch.extract.untyped_triggers import (
    ASSAULT_VERBS,
    destroy_triggers,
    kill_triggers,
    untyped_attack,
    untyped_killer,
)
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
    for t, killer in kill_triggers(doc, by_sent):
        by_sent[t.sent] = [t]
        killers[t.start] = killer
    assaults: set[int] = set()  # "rebels attacked a checkpoint in X": read from the verb alone
    for t, force in destroy_triggers(doc, by_sent):
        by_sent[t.sent] = [t]  # "army units destroyed vehicles of terrorists in X": a clash
        killers[t.start] = force
        if t.text.lower() in ASSAULT_VERBS:
            assaults.add(t.start)
    quantities: list[Quantity] = toll_figures(doc)
    pending: list[Draft] = []
    drafts = ground_pending(doc, _drafts_from(doc, by_sent, killers, pending), pending, quantities)
    drafts = place_from_previous(doc, drafts, pending)
    if not any(d.type not in NON_VIOLENT and d.trigger.start not in assaults for d in drafts):
        # the lead types nothing violent: an untyped attack told there may still be the story
        fallback = untyped_attack(doc, related)
        if fallback is not None:
            extra = _drafts_from(doc, {fallback.sent: [fallback]}, {})
            killer = untyped_killer(doc, fallback)
            for d in extra:
                # "Four people were killed when gunmen stormed a checkpoint": who killed
                if killer is not None and d.perpetrator is None:
                    d.perpetrator = killer.canonical
                    d.evidence.append(mention("perpetrator", doc, killer.start, killer.end))
            drafts = sorted(drafts + extra, key=lambda d: d.sent)
    drafts = fold_back_references(doc, drafts)
    drafts = figures_at_new_places(doc, drafts, quantities, set(by_sent))
    drafts = also_hit_at_new_places(doc, drafts, set(by_sent))
    carry_perpetrator(doc, drafts)
    carrier_perpetrator(doc, drafts)
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
    place nor figure go to ``pending`` (when given) to be grounded by :func:`ground_pending`."""
    attributions: dict[int, Attribution] = doc._.attributions or {}
    drafts: list[Draft] = []
    sents: list[Sentence] = doc._.sentences
    quantities: list[Quantity] = toll_figures(doc)
    for index in sorted(by_sent):
        sent = sents[index]
        sent_words = {w for w in doc_lowers(doc)[sent.token_start : sent.token_end]}
        types = resolve_sentence(_described(doc, by_sent[index]), sent_words)
        kept = {k: ts for k, ts in types.items() if is_happening(doc, sent, k, ts)}
        if not kept:
            continue
        leading = {k: min(ts, key=lambda t: (-t.strength, t.start)) for k, ts in kept.items()}
        summary = is_summary(doc, sent)
        figures = {} if summary else quantities_for(quantities, sent, leading, doc)
        told: list[tuple[Draft, list[PlaceMention]]] = []
        for kind, trigger, own_place, own_figures in _told_apart(doc, sent, kept, leading, figures):
            draft = Draft(kind, index, trigger)
            draft.evidence.append(mention("type", doc, trigger.start, trigger.end))
            draft.place = own_place or choose_place(doc, sent, trigger)
            if draft.place is None and kind not in NON_VIOLENT and the_same_part(doc, sent):
                draft.place = part_told_before(drafts, index)
            if draft.place is None and kind == IncidentType.TERRITORY_TAKEN:
                draft.place = _driven_from(doc, sent, trigger)
            chain = place_chain(doc, draft.place)
            for p in chain:
                draft.evidence.append(mention("place", doc, p.start, p.end))
            draft.date = choose_date(doc, sent, trigger)
            draft.loose = loose_day(doc, sent)
            # "Meanwhile, other sources said ... struck X": another happening, never folded
            # into an incident told at another town
            draft.another = _another_of_its_kind(doc, sent, trigger)
            draft.apart = (
                draft.place is not None and _opens_meanwhile(doc, sent)
            ) or _told_as_another(doc, sent, trigger)
            if draft.date is not None:
                draft.evidence.append(mention("date", doc, draft.date.start, draft.date.end))
            attr = attributions.get(trigger.start)
            if trigger.start in killers:  # "the army killed 30 terrorists": the army acted
                killer = killers[trigger.start]
                draft.killing = True
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
            if draft.another and kind in WEAPON_TYPES:
                another_names_weapon(drafts, draft)
            if grounded or kind in NON_VIOLENT:
                told.append((draft, chain))
            elif kind in WEAPON_TYPES and name_the_weapon(drafts, draft, frozenset(killers)):
                pass
            elif pending is not None:
                pending.append(draft)
        for draft, chain in _one_per_place(told):
            draft.among = draft.place is not None and one_of_listed(doc, draft.place)
            twins = per_town(doc, draft, chain) if per_town_kind(draft) else []
            others = []
            if draft.type not in NON_VIOLENT or draft.type == IncidentType.HUMANITARIAN_DELIVERY:
                others = other_governorates(doc, draft, chain, twins)
            if evacuation(draft):
                others += referred_evacuations(doc, draft, [*twins, *others])
            elif draft.type == IncidentType.HUMANITARIAN_DELIVERY:
                others += referred_twins(doc, draft, [*twins, *others])
            # the other governorates' twins go first: a toll told in the next sentence joins
            # "the incident just told", which stays the draft itself and its own list's towns
            for twin in [*others, draft, *twins]:
                twin.among = twin.among or bool(twins or others)
                drafts.append(twin)
    return drafts


def _described(doc: Doc, triggers: list[Trigger]) -> list[Trigger]:
    """The sentence's triggers less fighting that only describes an actor ("struck the SDF in
    Tabqa, killing 18 rebels fighting against Daesh": :func:`~.happening_words.participle`).
    Such fighting tells no clash (:func:`~.roles.is_happening`), so it must not outrank the
    sentence's weak weapon word ("struck") either, as a clash told would."""
    return [
        t for t in triggers if not (t.type == IncidentType.ARMED_CLASH and hw.participle(doc, t))
    ]


# Words between "from" / "out of" and the place a force was driven from ("from the city of X").
DRIVEN_GAP = 3


def _driven_from(doc: Doc, sent: Sentence, trigger: Trigger) -> PlaceMention | None:
    """ "Troops ousted the Islamic State group from Hasakeh on Tuesday", "expelled rival rebels
    from Deir al-Zor city": a capture told as driving a force off takes place where the force
    was driven from (for other incidents such an origin is not where they happened)."""
    lowers = doc_lowers(doc)
    k = trigger.token_end
    if lowers[k - 1] == "out" and k < sent.token_end and lowers[k] == "of":
        k += 1
    elif lowers[k - 1] != "from":
        return None
    for p in doc._.places or ():
        if p.sent != sent.index or not k <= p.token_start <= k + DRIVEN_GAP:
            continue
        gap = doc[k : p.token_start]
        if all(t.is_alpha and t.is_lower for t in gap):  # "from the city of X", not "from A, B"
            return p
    return None


# Openings of a sentence that turn to another happening of the same time ("Meanwhile, ...",
# "In the meantime, ...").
MEANWHILE = (("meanwhile",), ("in", "the", "meantime"), ("and", "meanwhile"))


def _opens_meanwhile(doc: Doc, sent: Sentence) -> bool:
    """Whether the sentence opens with "Meanwhile" or "In the meantime"."""
    first = [w for w in doc_lowers(doc)[sent.token_start : sent.token_start + 4] if w != ","]
    return any(tuple(first[: len(m)]) == m for m in MEANWHILE)


# Words that tell an incident as one more besides those already told ("in another attack",
# "a separate raid"), when they come shortly before its trigger.
ANOTHER = frozenset({"another", "separate"})
# Nouns for an attack as such, which "another" may set apart though they type nothing
# ("in another attack, jets hit ..."); a trigger word right after it does the same.
ATTACK_NOUNS = frozenset(
    {"attack", "attacks", "incident", "raid", "raids", "strike", "strikes", "assault"}
)
# How many words before the trigger such a word may stand ("in a separate raid on Sunday,
# warplanes ..."), and how many words after it the attack it names may follow.
ANOTHER_REACH = 8
ANOTHER_NOUN_GAP = 3


def _told_as_another(doc: Doc, sent: Sentence, trigger: Trigger) -> bool:
    """ "In another attack on Sunday, jets hit a bakery in the same town", "a separate raid
    wounded three": an incident told as another attack is not a retelling of one told before,
    even at the same town (it never folds into it: ``Draft.apart``). "Another" must name an
    attack (a trigger word or an attack noun within a few words): "another five were killed"
    counts more dead and "another man died" more victims, both of incidents already told."""
    lowers = doc_lowers(doc)
    starts = {t.token_start for t in doc._.triggers or () if t.sent == sent.index}
    for k in range(max(sent.token_start, trigger.token_start - ANOTHER_REACH), trigger.token_start):
        if lowers[k] not in ANOTHER:
            continue
        after = range(k + 1, min(k + 1 + ANOTHER_NOUN_GAP, trigger.token_end))
        if any(j in starts or lowers[j] in ATTACK_NOUNS for j in after):
            return True
    return False


def _another_of_its_kind(doc: Doc, sent: Sentence, trigger: Trigger) -> bool:
    """ "In another air strike, 60 were killed": "another" (or "a separate") names the
    incident's own trigger, its weapon, not only an attack ("in another attack"): the incident
    told before was one of that kind too."""
    lowers = doc_lowers(doc)
    start = trigger.token_start
    # right before the trigger, or one word before ("another deadly air strike"), so that
    # "another five were killed" (more dead) is not read as naming a kind
    return any(lowers[k] in ANOTHER for k in range(max(sent.token_start, start - 2), start))


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
        # a party passes only between tellings of one kind: a shelling caption glued to a
        # bomb's lead does not name the bomber
        home.perpetrator = home.perpetrator or (
            draft.perpetrator if draft.type == home.type else None
        )
        join_target(home, draft)
        home.evidence.extend(m for m in draft.evidence if m.field != "type")
    return sorted(out, key=lambda dc: dc[0].trigger.start)


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
