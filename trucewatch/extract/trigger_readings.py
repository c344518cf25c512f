"""Second readings of incident triggers from what surrounds them, and the ``tw_events``
component that finds triggers (:func:`~trucewatch.extract.events.find_triggers`) and applies them.

A trigger's word alone may not settle its type: "bombings" in a report of planted bombs are
blasts; a bare "bomb" that fell is an air strike; a "bombardment" that names no weapon takes the
weapon the sentences beside it name; a blast with no bomb named anywhere is the impact of the
weapon told beside it.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.events import STRONG, WEAK, find_triggers
from trucewatch.extract.lexicon import word_list, words
from trucewatch.extract.spans import Sentence, Trigger, doc_lowers
from trucewatch.extract.trigger_roles import passing_role
from trucewatch.model.incident import IncidentType as T

# "Bombardment" and its verb name fire without its source: guns or aircraft. Told alone (no
# weapon named in its sentence), it takes its type from the weapons its neighbouring sentences
# name ("... was followed by escalated bombardment. Most bombing was carried out by air forces
# raining barrel bombs"), and without them stays shelling (GOLD-DEV.md 28#1).
BOMBARD_WORDS = words("bombardment bombardments bombard bombards bombarding bombarded")


def read_bombings_as_blasts(triggers: list[Trigger]) -> list[Trigger]:
    """ "Bombings struck Jableh and Tartus ... a car bomb and a suicide bomber struck the bus
    station": when a report names bombs planted or carried (a strong explosion trigger) and no
    aircraft or air strike at all, its bare "bombings", "strikes" and "struck" are those
    blasts, not air strikes."""
    kinds = {(t.type, t.strength) for t in triggers}
    if (T.EXPLOSION, STRONG) not in kinds or (T.AIR_STRIKE, STRONG) in kinds:
        return triggers
    out = []
    for t in triggers:
        if t.type == T.AIR_STRIKE and t.strength == WEAK:
            t = replace(t, type=T.EXPLOSION)
        out.append(t)
    return out


# Words after a bare "bomb(s)" that say it fell from the air ("bombs that landed on Ghouta").
DROPPED = words("dropped dropping landed fell aerially airdropped")
# Parties before a bare "bombs" whose bombs are dropped from aircraft ("regime bombs").
AIR_PARTIES = words("regime government russian syrian army")
BARE_BOMBS = frozenset({"bomb", "bombs"})


def read_dropped_bombs(doc: Doc, triggers: list[Trigger]) -> list[Trigger]:
    """ "Five were killed by regime bombs that landed on Ghouta", "a bomb dropped by a
    helicopter": a bare bomb that fell, or a government's bombs, is an air strike
    (GOLD-DEV-2.md codes "regime bombs" so), not a bomb planted on the ground."""
    lowers = doc_lowers(doc)
    out = []
    for t in triggers:
        if t.type == T.EXPLOSION and t.strength == WEAK and t.text.lower() in BARE_BOMBS:
            after = lowers[t.token_end : t.token_end + 3]
            before = lowers[t.token_start - 1] if t.token_start > 0 else ""
            if DROPPED.intersection(after) or before in AIR_PARTIES:
                t = replace(t, type=T.AIR_STRIKE)
        out.append(t)
    return out


# Strong trigger words neighbours may name that fix no source: munitions fired from the
# ground or the air ("missiles"), and the word "raids" (a ground raid as well as an air raid).
UNSOURCED = words("rocket rockets missile missiles projectiles raids")
# Parties with no aircraft: their bombardment is fire from the ground, whatever the sentences
# around it say of the government's planes ("rebel bombardment of government-held districts").
GROUND_PARTIES = word_list("COMBATANTS") | words(
    "rebel rebels opposition isis isil daesh nusra jihadist insurgent"
)
WEAPON_KINDS = (T.AIR_STRIKE, T.SHELLING)
# Sentences on either side searched for the nearest weapon named: a headline's "bombardment"
# is told by the story's first sentences, a story's by the ones beside it.
BOMBARD_REACH = 3


def _by_sentence(triggers: list[Trigger]) -> dict[int, list[Trigger]]:
    """The triggers of each sentence, by sentence index."""
    by_sent: dict[int, list[Trigger]] = {}
    for t in triggers:
        by_sent.setdefault(t.sent, []).append(t)
    return by_sent


def read_bombardment_from_neighbours(doc: Doc, triggers: list[Trigger]) -> list[Trigger]:
    """ "The city's liberation was followed by escalated bombardment from government forces.
    Most bombing was carried out by air forces raining barrel bombs": a bombardment told with
    no weapon in its sentence is an air strike when the sentences on either side name aircraft
    or their bombs and no gun (artillery, mortars, shells), and it is no ground party's."""
    by_sent = _by_sentence(triggers)
    lowers = doc_lowers(doc)
    sents = doc._.sentences
    out = []
    for t in triggers:
        ambiguous = t.type == T.SHELLING and t.text.lower() in BOMBARD_WORDS
        if ambiguous and _bombardment_by_air(doc, t, by_sent, lowers, sents):
            t = replace(t, type=T.AIR_STRIKE)
        out.append(t)
    return out


def _bombardment_by_air(
    doc: Doc,
    t: Trigger,
    by_sent: dict[int, list[Trigger]],
    lowers: list[str],
    sents: list[Sentence],
) -> bool:
    """Whether a bombardment trigger, alone in its sentence, is told among aircraft only: the
    nearest sentences naming a weapon name aircraft or their bombs and no gun, and tell the
    same attack (:func:`_same_attack`)."""
    own = by_sent.get(t.sent, [])
    if any(o.type in WEAPON_KINDS and o.text.lower() not in BOMBARD_WORDS for o in own):
        return False  # its own sentence names the weapon: the sentence rules settle it
    sent = sents[t.sent]
    if any(_ground_party(lowers, k) for k in range(sent.token_start, sent.token_end)):
        return False
    for gap in range(1, BOMBARD_REACH + 1):
        named = {
            k: {
                o.type
                for o in by_sent.get(k, [])
                if o.type in WEAPON_KINDS
                and o.strength == STRONG
                and o.text.lower() not in BOMBARD_WORDS | UNSOURCED
            }
            for k in (t.sent - gap, t.sent + gap)
        }
        named = {k: kinds for k, kinds in named.items() if kinds}
        if named:  # the nearest sentences that name a weapon settle it
            return all(
                kinds == {T.AIR_STRIKE} and _same_attack(doc, t.sent, k)
                for k, kinds in named.items()
            )
    return False


def _same_attack(doc: Doc, own: int, other: int) -> bool:
    """Whether sentence ``other`` may tell the attack sentence ``own`` tells: not when both
    count dead and no count is shared ("39 were killed in the bombardment ... they included
    four aid workers killed in an air raid": a part, or another attack), nor when both name
    places and no governorate is shared ("air strikes killed 45 in Saraqeb ... in Aleppo,
    bombardment killed three": another city's attack)."""
    dead: dict[int, set[int]] = {own: set(), other: set()}
    for q in doc._.quantities or ():
        if q.sent in dead and q.kind == "killed":
            dead[q.sent].update(v for v in (q.toll.low, q.toll.best, q.toll.high) if v is not None)
    if dead[own] and dead[other] and not dead[own] & dead[other]:
        return False
    areas: dict[int, set[str]] = {own: set(), other: set()}
    for p in doc._.places or ():
        if p.sent in areas and p.place.governorate:
            areas[p.sent].add(p.place.governorate)
    return not (areas[own] and areas[other] and not areas[own] & areas[other])


# Words after a party that make it describe ground it holds ("rebel-held Idlib", "the
# opposition-controlled village"): the place bombarded, not who bombarded it.
HOLDING = words("- held controlled")


def _ground_party(lowers: list[str], k: int) -> bool:
    """A party without aircraft named at token ``k``, not as the holder of a place."""
    nxt = lowers[k + 1] if k + 1 < len(lowers) else ""
    return lowers[k] in GROUND_PARTIES and nxt not in HOLDING


# Words of a blast that name no bomb: the blast of whatever weapon hit ("two explosions struck
# the university"); a bomb, a mine or explosives are named otherwise.
BLAST_WORDS = words("blast blasts explosion explosions exploded")


def read_blasts_from_neighbours(doc: Doc, triggers: list[Trigger]) -> list[Trigger]:
    """ "Two explosions struck Aleppo University ... killing 82 ... State media said rebels had
    fired two rockets at the campus": blasts told with no weapon in their sentence, in a report
    that names no bomb planted, carried or driven (no strong explosion word anywhere), are the
    impact of the weapon the nearest sentences name (GOLD-DEV.md: "an explosion needs a bomb of
    its own"); of accounts that differ, the first told. The weapon's word is as strong as its
    own, so the blast's weak "struck" yields to it."""
    if any(t.type == T.EXPLOSION and t.strength == STRONG for t in triggers):
        return triggers
    by_sent = _by_sentence(triggers)
    out = []
    for t in triggers:
        if t.type == T.EXPLOSION and t.text.lower() in BLAST_WORDS:
            kind = _blast_weapon(doc, t, by_sent)
            if kind is not None:
                t = replace(t, type=kind, strength=STRONG)
        out.append(t)
    return out


def _blast_weapon(doc: Doc, t: Trigger, by_sent: dict[int, list[Trigger]]) -> T | None:
    """The strike type of the first strong weapon word in the nearest sentences (within
    BOMBARD_REACH) that name one and tell the same attack; None when the blast's own sentence
    names a strong weapon (the sentence rules settle it) or none is near."""
    own = by_sent.get(t.sent, [])
    if any(o.type in WEAPON_KINDS and o.strength == STRONG for o in own):
        return None
    for gap in range(1, BOMBARD_REACH + 1):
        named = [
            o
            for k in (t.sent - gap, t.sent + gap)
            if _tells_blast(by_sent.get(k, [])) and _same_attack(doc, t.sent, k)
            for o in by_sent.get(k, [])
            if o.type in WEAPON_KINDS
            and o.strength == STRONG
            and o.text.lower() not in BOMBARD_WORDS
        ]
        if named:
            return min(named, key=lambda o: o.start).type
    return None


def _tells_blast(told: list[Trigger]) -> bool:
    """Whether a sentence's triggers tell a blast too ("the blasts hit an area ... rebels had
    fired two rockets"): the weapon it names is then the blast's, not fire the war has seen
    ("rebels regularly fire rockets into the capital")."""
    return any(o.type == T.EXPLOSION and o.strength == WEAK for o in told)


@Language.component(
    "tw_events", requires=["doc._.sentences", "doc._.anchor"], assigns=["doc._.triggers"]
)
def events_component(doc: Doc) -> Doc:
    """Store trigger hits on ``doc._.triggers``; triggers that name an incident in passing
    (:func:`~trucewatch.extract.trigger_roles.passing_role`) are left out."""
    found = [t for t in find_triggers(doc) if passing_role(doc, t) is None]
    found = read_dropped_bombs(doc, read_bombings_as_blasts(found))
    found = read_blasts_from_neighbours(doc, found)
    doc._.triggers = read_bombardment_from_neighbours(doc, found)
    return doc
