"""Trigger roles: a trigger word that names a kind of incident without telling one.

A sentence can name an air strike, a truce or an evacuation and still tell none of them:

- **support** — "forces backed by Russian air strikes recaptured Palmyra": the strikes say who
  helped; the story is the capture.
- **recall** — "around Khan Sheikhun, the site of a deadly April chemical attack": an earlier
  event named to place the news, not a new attack (GOLD-DEV-2.md: an event placed in an earlier
  month than the news is not coded).
  So is a chemical attack told only to time the news, in an "after" clause behind a main clause
  that tells its own dead or fire ("19 people were killed near Damascus on Tuesday, hours after
  a chemical attack in Khan Sheikhun"): the sentence's news is the main clause's. Only chemical
  attacks: they outrank every other weapon in their sentence (:mod:`.events`), so the clause
  would make the main clause's fire a chemical attack; a strike in such a clause stays an
  incident of its own (GOLD-DEV-2.md codes "two days after Russian jets hit a convoy").
  So is a span of months or years ending in the trigger ("after two years of bombardment",
  "years of siege"): the background the news comes after. So is an incident named again as
  the subject of "came as" / "comes a day after" ("The strikes came as the SDF said it had
  encircled Manbij"): told before, and the news set beside it is not its place (unless that
  news is violent itself: the sentence then weighs both words as before).
- **picture** — "Russian jets are seen at Hmeimim air base": a caption describing a photo.
- **supply** — "a group that has received TOW anti-tank missiles": an arm handed over.
- **materiel** — "destroyed a tank and two rocket launchers", "their helicopter crashed": a
  weapon or aircraft that is the object of the deed (destroyed, lost), not fire delivered.
- **hypothetical** — "in case of another chemical attack", "in the event of a strike": a
  condition, not a happening.
- **plan** — "in preparation for the final liberation of Raqqa", "planned to break the lines
  and recapture the areas using car bombs" (in the clause a plan opens): what is yet to come.
- **habit** — "barrel bombs that the regime has deployed to deadly effect in Aleppo": a weapon
  in a present-perfect clause of using tells what the war has seen, not one happening.
- **prisoners** — "captured 15 militants", "another 15 terrorists were captured": people taken
  prisoner, not ground taken.
- **headline** — "... Sputnik Syrian Army Reportedly Engaged in Fierce Fighting Against Daesh in
  Homs ...": a capitalised trigger inside a long Title Case run is the headline of another
  story the page links to, not the report's news (its own title excepted).
- **topic** — "disputes over a parallel evacuation", "talks on a truce": the trigger is what
  people argue or negotiate about, not a happening told.
- **target** — "Russian jets bombed an aid convoy", "a raid on a Red Crescent convoy": the
  delivery is what the attack hit (GOLD-DEV-2.md codes the strike, not a delivery).
- **medical** — "a girl was evacuated to a hospital", "the medical evacuation": a patient moved
  to care, not a delivery of aid nor people leaving a town under a deal.
- **sniper** — "a child was killed by sniper fire in al-Masharfeh": a sniper's killing, which
  fits none of the coded types (GOLD-DEV-2.md); "rebel rocket and sniper fire" stays a shelling
  by its rockets' own trigger.
- **modifier** — "an evacuation deal", "ceasefire violations", "combat fatigues", "chemical
  weapons inspectors": the trigger word qualifies another noun (a deal is no delivery, a
  violation no truce, clothing no fight, an inspector no attack).

:func:`passing_role` names the role of one trigger (None: the trigger may tell a happening);
the ``tw_events`` component drops triggers that have one, so the type rules never see them.

Clause scope (used by :mod:`.roles`): :func:`in_relative` tells an earlier-time phrase that only
dates a relative clause.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.events import trigger_lexicon
from trucewatch.extract.lexicon import word_list, words
from trucewatch.extract.place_motion_words import FLIGHT, FLIGHT_GAP
from trucewatch.extract.quantities import MONTH_WORDS
from trucewatch.extract.spans import (
    Sentence,
    Trigger,
    doc_lowers,
    doc_starts,
    doc_text,
    token_end_char,
)
from trucewatch.model.incident import NON_VIOLENT
from trucewatch.model.incident import IncidentType as T

# Word pairs standing just before a trigger that make it the help another force had.
SUPPORT_PAIRS = frozenset(
    {("backed", "by"), ("supported", "by"), ("covered", "by"), ("help", "of"),
     ("support", "of"), ("cover", "of"), ("backing", "of"), ("aided", "by"),
     ("assisted", "by"), ("backed", "with"), ("up", "by")}
)  # fmt: skip

# Finite verbs of fire that, told after the backer's phrase with no "that"/"which" between,
# are the backed force's own deed ("forces backed by Russian jets shelled Douma").
BACKED_DEEDS = words("shelled pounded bombarded bombed struck targeted rocketed attacked fired")
RELATIVES = words("that which who whose")

# Campaign nouns that "in support of" names as what another force's fire backs, not a clash.
SUPPORTED_CAMPAIGNS = words("offensive offensives")

# Word pairs just before a trigger that point back at an earlier event.
RECALL_PAIRS = frozenset({("site", "of"), ("anniversary", "of"), ("scene", "of")})
# Adjectives right before a trigger that set it beside the news as an earlier event of its kind
# ("a similar bombing in the same square on July 25", "a previous chemical attack").
COMPARED = words("similar previous prior")
# ...unless the sentence tells it as one more: "later two more people were killed in a similar
# rocket attack on the town of Qardaha" is a new attack like the one before, not an earlier one.
ONE_MORE = words("later more also further again")
# "the gas used in that incident", "the toll of that attack": a demonstrative that points back
# at an event the reader already knows names it, it does not tell a new one.
POINTING_BACK = words("that those")
POINTED_NOUNS = words("incident incidents attack attacks strike strikes")

# Nouns of arguing or negotiating and the preposition after them that make the trigger a few
# words on their topic ("disputes over a parallel evacuation", "talks on a ceasefire").
TOPIC_NOUNS = words(
    "dispute disputes disagreement disagreements row rows wrangling talks negotiations "
    "argument arguments debate debates haggling"
)
TOPIC_PREPOSITIONS = words("over about on")

# Word pairs just before a trigger that make it a condition ("in case of another chemical
# attack", "in the event of a strike"); "event of" may have an article between.
HYPOTHETICAL_PAIRS = frozenset({("case", "of"), ("event", "of")})
# Word pairs just before a trigger that make it what something is done ahead of, a plan ("in
# preparation for the final liberation of Raqqa", "strikes ahead of an offensive").
PLAN_PAIRS = frozenset({("preparation", "for"), ("ahead", "of"), ("prelude", "to")})

# Verbs before a weapon or aircraft that make it the object of a deed, not fire delivered
# ("destroyed a tank two rocket launchers and three cannons"), and words after an aircraft that
# make it the one lost ("their helicopter crashed").
MATERIEL_VERBS = words("destroyed destroying destroy destroys seized seizing captured capturing")
LOST_WORDS = words("crashed crash crashes crashing")

# Verbs before a bomb or mine that make it one found, made safe or stopped, not one that went
# off ("dismantled explosive devices", "defused a car bomb", "seized explosive belts").
DISARM_VERBS = MATERIEL_VERBS | words(
    "dismantled dismantling dismantle defused defusing defuse removed removing cleared clearing "
    "found finding discovered confiscated foiled thwarted intercepted disarmed neutralized "
    "neutralised"
)
# Explosion trigger words naming a device that can be found or defused (last word of the phrase).
EXPLOSIVES = words(
    "bomb bombs mine mines landmine landmines device devices ied ieds explosives belt belts "
    "vest vests vbied"
)

# Verbs of fire before a delivery that make it what was hit ("bombed an aid convoy"), nouns of an
# attack that do so with a preposition after them ("a raid on a ... convoy", "the bombing of an
# aid convoy"), and the passive after it ("the convoy was hit").
HIT_VERBS = words("hit hits struck bombed targeted targeting attacked shelled ambushed")
ATTACK_NOUNS = words(
    "attack attacks strike strikes raid raids bombing bombings shelling airstrike airstrikes"
)
ATTACK_PREPOSITIONS = words("on of against")
TARGET_REACH = 10  # tokens before a delivery where its attacker may stand ("a raid on a joint
# United Nations Red Cross and Red Crescent convoy")
# Words that end the phrase: an attack word past them is another clause's.
TARGET_BREAKS = words(", ; : . which who that after before since while as")
PASSIVE_HIT = words("was were been being")

# Words before "after" that make it a time told from an earlier event ("hours after", "a day
# after", "shortly after"), and words of a main clause that tell its own news: its dead or its
# fire ("were killed ... hours after a chemical attack", "bombarded the suburbs a day after").
TIMED_BY = words("hour hours day days week weeks shortly soon just minutes")
OWN_NEWS = words(
    "killed died dead wounded injured shelled bombarded bombed struck pounded raided targeted"
)
TIMED_REACH = 12  # tokens before a trigger where its "after" may stand
TIMED_BREAKS = words(", ; : . which who that")

# Word pairs before a chemical attack that name it as the history of the place a strike hit
# ("an airbase used as a launchpad for a chemical attack", "an airfield from which a chemical
# attack was launched", "strikes around Khan Sheikhun, the site of the regime's chemical attack in
# April"), told after a clause that tells the strike (:data:`STRIKE_WORDS`). Not "in retaliation
# for" / "in response to": the attack answered may be the week's news, coded in its own right.
HISTORY_PAIRS = frozenset({("launchpad", "for"), ("pad", "for"), ("from", "which"), ("site", "of")})
HISTORY_REACH = 6  # tokens before a chemical attack where "site of", "launchpad for" may stand

# Sniper fire: a killing by a sniper fits none of the coded types (GOLD-DEV-2.md); told beside
# rockets or shells ("rebel rocket and sniper fire") the rockets' own trigger tells the shelling.
SNIPERS = words("sniper snipers")

# Words just after a trigger that make it a picture's subject ("jets are seen at ...").
PICTURE_WORDS = frozenset({("are", "seen"), ("is", "seen"), ("were", "seen"), ("was", "seen")})

# Nouns right after a trigger that make it a modifier, by incident type.
MODIFIED = {
    T.HUMANITARIAN_DELIVERY: words("deal deals agreement agreements plan plans talks negotiations"),
    # "the Idlib de-escalation zone", "the ceasefire line": a zone or line a truce drew, named
    # as a place or a plan, is no truce taking effect (written_tune.md: zones only referenced
    # are not coded)
    T.TRUCE_DECLARED: words(
        "violations violation violated breaches breach talks negotiations monitors monitoring "
        "zone zones line lines"
    ),
    T.CHEMICAL_ATTACK: words(
        "inspectors inspector experts investigators team stockpile stockpiles programme "
        "program convention watchdog arsenal"
    ),
    T.ARMED_CLASH: words(
        "fatigues uniform uniforms gear vest vests boots aircraft jets helicopters helicopter "
        "engineers experience training"
    ),
}

# Full month names; "may" and "march" are left out: before a trigger they are verbs or modals
# ("jets may strike", "the march on Raqqa") far more often than months.
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), 1) if m not in ("may", "march")}

RECALL_REACH = 3  # tokens before a trigger where "the site of", "an April" may stand
# tokens before a trigger where "supported by US-led coalition", "received several TOW
# anti-tank" may stand
SUPPORT_REACH = 6

# Verbs before a weapon that make it an arm handed over or held, not fired ("has received
# several TOW anti-tank missiles from the US").
SUPPLY_WORDS = words(
    "received receive receives supplied supply supplies acquired possess possesses stockpiled"
)
WEAPON_NOUN_TYPES = frozenset({T.SHELLING, T.AIR_STRIKE})
# Trigger words naming an arm that can be handed over ("received missiles"); a hospital that
# "received a man suffering suffocation" received no weapon.
ARMS = words(
    "missile missiles rocket rockets launchers mortar mortars cannon cannons howitzer howitzers "
    "artillery drone drones jet "
    "jets warplane warplanes helicopter helicopters aircraft plane planes"
)
# Words of a clause that tell a strike (its weapon or its deed), for :func:`_place_history`.
STRIKE_WORDS = (
    OWN_NEWS
    | ARMS
    | words("strike strikes airstrike airstrikes raid raids shelling fired launched")
)


# Verbs of using a weapon that, in a present-perfect relative clause on the trigger, tell a
# habit of the war ("barrel bombs that the regime has deployed to deadly effect in Aleppo"),
# not one happening.
USE_VERBS = words("deployed used employed dropped relied wielded unleashed")
PERFECT_AUX = words("has have")
HABIT_REACH = 6  # tokens after the relative pronoun where "has deployed" may stand
HABIT_BREAKS = words(", ; : . and but while since on")

# Units of a long span that, as "<span> of" right before a trigger, make it the background the
# news comes after ("after two years of bombardment", "years of siege").
SPAN_UNITS = words("years months")
SPAN_GAP = words("heavy intense relentless constant daily near-daily regime government")

# Words of a plan that, with "to", make what follows in their clause an aim ("planned to attack
# the town using car bombs"); a clause break ends the plan's reach ("..., but the car bombs
# were targeted and exploded").
PLAN_VERBS = words("planned planning plotted plotting")
PLAN_BREAKS = words(", ; : . but while when after before as since however")
# Words before a participle that make it a deed already done, describing a noun in the plan
# ("planned to recapture the just-liberated areas": the areas were taken, the retaking planned).
DONE_BEFORE = words("the a an - just newly recently already")


def _habit_clause(lowers: list[str], t: Trigger, end: int) -> bool:
    """ "barrel bombs that the regime has deployed in Aleppo", "rockets which it has used":
    a present-perfect clause of using on the trigger tells what the war has seen, not news."""
    k = t.token_end
    if k >= end or lowers[k] not in ("that", "which"):
        return False
    clause = lowers[k + 1 : min(k + 1 + HABIT_REACH, end)]
    for a, b in pairwise(clause):
        if a in HABIT_BREAKS:
            return False
        if a in PERFECT_AUX and b in USE_VERBS:
            return True
    return False


def _span_of(before: list[str]) -> bool:
    """ "after two years of bombardment", "years of heavy shelling": a span of months or
    years ending in the trigger is the background the news comes after."""
    k = len(before) - 1
    while k >= 0 and before[k] in SPAN_GAP:
        k -= 1
    return k >= 1 and before[k] == "of" and before[k - 1] in SPAN_UNITS


def _planned(lowers: list[str], t: Trigger, start: int) -> bool:
    """ "the terrorists planned to break the lines and recapture the areas using car bombs":
    the trigger stands in the clause a plan opens ("planned to"), what was yet to come; a
    participle describing a noun there ("the just-liberated areas") tells a deed done."""
    k = t.token_start - 1
    if t.text.lower().endswith("ed") and k > start and lowers[k] in DONE_BEFORE:
        return False
    for k in range(t.token_start - 1, start, -1):
        if lowers[k] in PLAN_BREAKS:
            return False
        if lowers[k] == "to" and lowers[k - 1] in PLAN_VERBS:
            return True
    return False


def _fled(wide: list[str]) -> bool:
    """ "had fled fighting in", "displaced by the heavy shelling": the trigger is what people
    fled, right after a word of flight (:data:`FLIGHT`) past a few gap words; it is why they
    left, told without a day or a deed (written_tune_4.md)."""
    k = len(wide) - 1
    while k >= 0 and wide[k] in FLIGHT_GAP:
        k -= 1
    return k >= 0 and wide[k] in FLIGHT


def passing_role(doc: Doc, t: Trigger) -> str | None:
    """Why a trigger names an incident without telling one ("support", "supply", "recall",
    "picture", "modifier"), or None when it may tell a happening."""
    lowers = doc_lowers(doc)
    sent = doc._.sentences[t.sent]
    wide = lowers[max(sent.token_start, t.token_start - SUPPORT_REACH) : t.token_start]
    if t.type in WEAPON_NOUN_TYPES and _backing(wide, t.text.lower()):
        return "support"  # the fire that backed a force, not the force's own deed
    if t.text.lower() in SUPPORTED_CAMPAIGNS and ("support", "of") in set(pairwise(wide)):
        return "support"  # "its bombing campaign in support of the regime offensive"
    arm = t.text.lower().split()[-1] in ARMS
    if arm and SUPPLY_WORDS.intersection(wide):
        return "supply"
    after = lowers[t.token_end : min(t.token_end + 2, sent.token_end)]
    if t.type in WEAPON_NOUN_TYPES and arm and _materiel(wide, after):
        return "materiel"
    explosive = t.text.lower().split()[-1] in EXPLOSIVES
    if t.type == T.EXPLOSION and explosive and _materiel(wide, [], DISARM_VERBS):
        return "materiel"  # "dismantled scores of explosive devices and mines": none went off
    if _linked_headline(doc, t, sent.token_start, sent.token_end):
        return "headline"
    if _fled(wide):
        return "displacement"
    if t.type == T.TERRITORY_TAKEN and _prisoners(lowers, t, sent.token_start, sent.token_end):
        return "prisoners"
    if t.type == T.TERRITORY_TAKEN and _held_by(doc, t, sent.token_end):
        return "state"
    lo = max(sent.token_start, t.token_start - RECALL_REACH)
    before = lowers[lo : t.token_start]
    pairs = set(pairwise(before))
    if pairs & HYPOTHETICAL_PAIRS:
        return "hypothetical"
    if set(pairwise(wide)) & PLAN_PAIRS:
        return "plan"  # "in preparation for the final liberation of": a wider reach
    if _topic(wide):
        return "topic"
    if _planned(lowers, t, sent.token_start):
        return "plan"  # "planned to attack the town using car bombs"
    if _habit_clause(lowers, t, sent.token_end):
        return "habit"  # "barrel bombs that the regime has deployed in Aleppo"
    if _span_of(before):
        return "recall"  # "after two years of bombardment": the background of the news
    if pairs & RECALL_PAIRS or _earlier_month(doc, before) or _earlier_period(doc, t, before):
        return "recall"
    told_as_more = ONE_MORE.intersection(lowers[sent.token_start : t.token_start])
    if COMPARED.intersection(before[-2:]) and not told_as_more:
        return "recall"  # "a similar bombing in the same square on July 25": an earlier one
    if _points_back(lowers, t, sent.token_end):
        return "recall"
    if _came_as(lowers, t, sent.token_start, sent.token_end) and not _violence_after(doc, t, sent):
        return "recall"  # "The strikes came as the SDF encircled Manbij": told already
    if t.type == T.CHEMICAL_ATTACK and _timed_by(lowers, t, sent.token_start, sent.token_end):
        return "recall"
    if t.type == T.CHEMICAL_ATTACK and _place_history(lowers, t, sent.token_start):
        return "recall"
    if t.type == T.HUMANITARIAN_DELIVERY and _hit(lowers, t, sent.token_start, sent.token_end):
        return "target"
    if t.type == T.HUMANITARIAN_DELIVERY and _medical(lowers, t, sent.token_start, sent.token_end):
        return "medical"
    if t.type == T.SHELLING and t.text.lower().split()[0] in SNIPERS:
        return "sniper"  # a sniper's killing is not coded; "rocket and sniper fire" has rockets
    if tuple(after) in PICTURE_WORDS:
        return "picture"
    nxt = after[0] if after else ""
    if nxt in MODIFIED.get(t.type, ()):
        return "modifier"
    return None


# Words that make an evacuation a patient's transfer for care: before it ("a medical
# evacuation"), or after it, what it was for ("evacuated to a hospital", "the evacuation of the
# wounded for treatment").
MEDICAL_BEFORE = words("medical medically")
MEDICAL_AFTER = words("hospital hospitals treatment care")
MEDICAL_REACH = 5  # tokens after the trigger ("evacuated to a Damascus hospital")
# One person evacuated ("a girl was evacuated", "Girl evacuated"): a single patient's transfer,
# not people leaving a besieged town under a deal.
ONE_PERSON = words("girl boy child baby woman man patient journalist")
EVACUATED = words("evacuated evacuation")


def _medical(lowers: list[str], t: Trigger, start: int, end: int) -> bool:
    """ "a girl shot in Madaya was evacuated to a Damascus hospital", "the medical evacuation
    was sabotaged", "prevented the evacuation of the wounded for treatment": moving patients to
    care, not a humanitarian delivery or the evacuation of a town (GOLD-DEV-2.md codes
    deliveries of aid and people leaving under a deal)."""
    if lowers[t.token_end - 1] not in EVACUATED:
        return False
    if t.token_start > start and lowers[t.token_start - 1] in MEDICAL_BEFORE:
        return True
    after = lowers[t.token_end : min(t.token_end + MEDICAL_REACH, end)]
    if MEDICAL_AFTER.intersection(after):
        return True
    before = lowers[max(start, t.token_start - 3) : t.token_start]
    return bool(ONE_PERSON.intersection(before))


# "The strikes came as ...", "The attack comes amid ...": an incident already told, named again
# to set it beside other news; the words after "came" are that news, not its place.
CAME = words("came comes")
SET_BESIDE = words("as amid after days day hours hour weeks week shortly just barely only a")
DEFINITE = words("the these this those latest")
DEFINITE_REACH = 3  # tokens before the trigger where its "the" may stand ("the latest air strikes")


def _came_as(lowers: list[str], t: Trigger, start: int, end: int) -> bool:
    """ "The strikes came as US-backed forces said they had encircled Manbij": a definite
    trigger as the subject of "came"/"comes" followed by "as", "amid", "after" or a span
    ("a day after", "hours after") points back at an incident told before."""
    k = t.token_end
    if k + 1 >= end or lowers[k] not in CAME or lowers[k + 1] not in SET_BESIDE:
        return False
    before = lowers[max(start, t.token_start - DEFINITE_REACH) : t.token_start]
    return bool(DEFINITE.intersection(before))


def _violence_after(doc: Doc, t: Trigger, sent: Sentence) -> bool:
    """Whether a trigger word of a violent kind stands after ``t`` in its sentence ("the raids
    came as the faction said it had begun a new offensive"): the sentence then weighs the two
    itself, as it did before (a strong trigger left out would let a weak one through)."""
    return any(
        t.token_end <= m.start < sent.token_end
        and any(kind not in NON_VIOLENT for kind, _ in m.values)
        for m in trigger_lexicon().find(doc)
    )


def _timed_by(lowers: list[str], t: Trigger, start: int, end: int) -> bool:
    """ "At least 19 people were killed near Damascus on Tuesday, hours after a chemical attack
    in Khan Sheikhun", "Just days after a chemical attack, a woman was killed by a bomb on a
    bus": the trigger stands in a "<time> after" clause beside a main clause that tells its own
    dead or fire (:data:`OWN_NEWS`), before it or, when the clause comes first, after it; the
    clause only times the news."""
    for k in range(t.token_start - 1, max(start, t.token_start - TIMED_REACH) - 1, -1):
        if lowers[k] in TIMED_BREAKS:
            return False
        if lowers[k] == "after" and k - 1 > start and lowers[k - 1] in TIMED_BY:
            if OWN_NEWS.intersection(lowers[start : k - 1]):
                return True
            return _news_after(lowers[t.token_end : end])
    return False


def _news_after(rest: list[str]) -> bool:
    """Whether the words after a fronted "<time> after" clause's trigger hold the main clause's
    own dead or fire, not the trigger's relative clause ("hours after a gas attack that killed
    80"): a word of :data:`OWN_NEWS` with no relative pronoun before it."""
    for w in rest:
        if w in RELATIVES:
            return False
        if w in OWN_NEWS:
            return True
    return False


def _place_history(lowers: list[str], t: Trigger, start: int) -> bool:
    """ "Cruise missiles struck an airbase used as a launchpad for a chemical attack", "strikes
    around Khan Sheikhun, the site of the regime's chemical attack in April": the chemical
    attack is named as the history of the place struck (:data:`HISTORY_PAIRS`), after a
    clause that tells the strike (:data:`STRIKE_WORDS`). Only chemical attacks: they outrank
    every other weapon in their sentence (:mod:`.events`), so the strike told would become a
    chemical attack, or be lost."""
    lo = max(start, t.token_start - HISTORY_REACH)
    for k in range(t.token_start - 2, lo - 1, -1):
        if (lowers[k], lowers[k + 1]) in HISTORY_PAIRS:
            return bool(STRIKE_WORDS.intersection(lowers[start:k]))
    return False


def _hit(lowers: list[str], t: Trigger, start: int, end: int) -> bool:
    """ "Russian warplanes bombed an aid convoy", "a raid on a joint UN convoy", "the aid convoy
    was hit": the delivery is the attack's object, in its own phrase."""
    for k in range(t.token_start - 1, max(start, t.token_start - TARGET_REACH) - 1, -1):
        w = lowers[k]
        if w in TARGET_BREAKS:
            break
        if w in HIT_VERBS:
            return True
        if w in ATTACK_PREPOSITIONS and k > start and lowers[k - 1] in ATTACK_NOUNS:
            return True
    after = lowers[t.token_end : min(t.token_end + 2, end)]
    return len(after) == 2 and after[0] in PASSIVE_HIT and after[1] in HIT_VERBS


def _backing(wide: list[str], trigger: str) -> bool:
    """Whether a weapon trigger is the help named by a support phrase before it ("backed by
    Russian air strikes"), not the deed of the force that help backs ("backed by Russian
    warplanes shelled Douma": a verb of fire after the backer with no relative pronoun)."""
    at = [k for k, pair in enumerate(pairwise(wide)) if pair in SUPPORT_PAIRS]
    if not at:
        return False
    between = wide[at[-1] + 2 :]
    return not (trigger in BACKED_DEEDS and between and not RELATIVES.intersection(between))


# Words that may stand between a place's "which" and a capture told of it ("which had fallen
# to", "which was completely captured by").
STATE_GAP = words("had has have was were been completely fully entirely already finally")
# Words of a day that make a relative clause tell a capture as news ("which rebels seized on
# Monday"), not the place's state.
DAY_WORDS = words(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today overnight tonight"
)


def _held_by(doc: Doc, t: Trigger, end: int) -> bool:
    """ "their homes in eastern Aleppo, which fell to regime forces": a capture told in a
    relative clause on a place names who holds the place, not a capture of the report's news
    (unless the clause gives the day)."""
    lowers = doc_lowers(doc)
    k = t.token_start - 1
    while k > 0 and lowers[k] in STATE_GAP:
        k -= 1
    if k < 1 or lowers[k] != "which":
        return False
    named = doc[k - 1] if lowers[k - 1] != "," else doc[k - 2]
    if not named.text[:1].isupper():
        return False  # "the offensive, which captured ...": a deed, not a place's state
    clause = lowers[t.token_end : end]
    stop = next((i for i, w in enumerate(clause) if w in (",", ".", ";")), len(clause))
    return not DAY_WORDS.intersection(clause[:stop]) and not MONTH_WORDS.intersection(clause[:stop])


# Lower-case words a Title Case headline keeps ("Fighting Against Daesh in Homs").
HEADLINE_GLUE = words("in of the to and for on at a an as by with from near after over")
HEADLINE_RUN = 6  # capitalised words in a run that make it a headline, not a name
HEADLINE_GOES_ON = 2  # capitalised words after the trigger: a headline goes on, a story does not
OWN_TITLE = 0.6  # share of the report's title words in a run that make the run that title


def _linked_headline(doc: Doc, t: Trigger, start: int, end: int) -> bool:
    """A capitalised trigger, not opening its sentence, inside a run of HEADLINE_RUN or more
    capitalised words (headline glue and numbers allowed between them) that goes on capitalised
    after the trigger ("Bombing Targets Civilians", not a story's "Air strikes kill 11") and is
    not the report's own title: the headline of a linked story pasted into the page ("Syrian
    Army Reportedly Engaged in Fierce Fighting Against Daesh in Homs"). Names ("the Syrian Arab
    Air Force") are shorter."""
    own = [doc[k].text for k in range(t.token_start, t.token_end)]
    if t.token_start == start or not all(map(_capital, own)):
        return False  # a headline capitalises every word of it: "Air Strikes", not "Air strikes"
    lo = t.token_start
    while lo > start and _in_headline(doc[lo - 1].text):
        lo -= 1
    hi = t.token_end
    while hi < end and _in_headline(doc[hi].text):
        hi += 1
    after = [doc[k].text for k in range(t.token_end, hi)]
    run = [doc[k].text for k in range(lo, hi)]
    if sum(_capital(w) for w in after) < HEADLINE_GOES_ON or sum(map(_capital, run)) < HEADLINE_RUN:
        return False
    return not _own_title(doc, doc_starts(doc)[lo], token_end_char(doc, hi - 1))


def _capital(word: str) -> bool:
    return word[:1].isalpha() and word[:1].isupper()


def _own_title(doc: Doc, start: int, end: int) -> bool:
    """True when the run at characters [start, end) is (or holds) the report's own title, glued
    to a byline or a dateline: the title stands in the text around it, or most of its words are
    in the run."""
    report = doc._.report
    title = " ".join((report.title or "").lower().split()) if report is not None else ""
    if not title:
        return False
    text = doc_text(doc)
    around = " ".join(text[max(0, start - len(title)) : end + len(title)].lower().split())
    if title in around:
        return True
    words_ = set(title.split())
    told = set(text[start:end].lower().split())
    return len(words_ & told) >= OWN_TITLE * len(words_)


def _in_headline(word: str) -> bool:
    """A word a headline run may hold: capitalised, glue, or a number ("Kills 20 Daesh")."""
    return (word[:1].isupper() and word[:1].isalpha()) or word in HEADLINE_GLUE or word.isdigit()


# Capture verbs whose object may be people ("captured 15 militants") rather than ground.
TAKING = words("captured capturing captures seized seizing seizes")
# Who can be taken prisoner: fighters, and people named by their role.
CAPTIVES = word_list("COMBATANTS") | words(
    "soldiers soldier troops rebels members member people civilians men women hostages "
    "prisoners commanders commander officers officer leader leaders pilot pilots"
)
# Words after a bare count that show it counts people ("captured 10 in Daraa"), not places.
AFTER_COUNT = words("in of near from during . , ; and others more")
CAPTIVE_REACH = 3  # tokens after a capture verb where its count or captives may stand
PASSIVE_BE = words("were was been being")
ABOUT = words("another a an at least more than some several dozens dozen nearly around about")


def _prisoners(lowers: list[str], t: Trigger, start: int, end: int) -> bool:
    """ "captured 15 militants", "Captured 10 in Rural Daraa", "15 terrorists were captured":
    the capture verb's object (or passive subject) is people, so prisoners were taken, not
    ground; "captured 10 villages" and "captured the town" stay a capture."""
    if lowers[t.token_start] not in TAKING or t.token_end - t.token_start != 1:
        return False
    after = lowers[t.token_end : min(t.token_end + CAPTIVE_REACH + 2, end)]
    k = 0
    while k < len(after) and after[k] in ABOUT:
        k += 1
    if k < len(after) and _count(after[k]):
        nxt = after[k + 1] if k + 1 < len(after) else "."
        return (
            nxt in CAPTIVES
            or nxt in AFTER_COUNT
            or (k + 2 < len(after) and after[k + 2] in CAPTIVES)
        )
    if k < len(after) and after[k] in CAPTIVES:
        return True
    # "15 terrorists were captured": people as the passive subject
    if t.token_start - 1 > start and lowers[t.token_start - 1] in PASSIVE_BE:
        if lowers[t.token_start - 2] in CAPTIVES:
            return True
        # "150 civilians who were captured at a school": the same, through a relative pronoun
        who = lowers[t.token_start - 2] in ("who", "that")
        return who and t.token_start - 2 > start and lowers[t.token_start - 3] in CAPTIVES
    return False


def _count(word: str) -> bool:
    from trucewatch.extract.numbers import TENS, UNITS

    return word.isdigit() or word in UNITS or word in TENS


def _topic(wide: list[str]) -> bool:
    """ "amid disputes over a parallel evacuation": a noun of arguing and its preposition stand
    before the trigger with no clause break between (a full stop, a comma, "and", a verb of its
    own would end the phrase)."""
    for k in range(len(wide) - 1, 0, -1):
        if wide[k] in (".", ",", ";", "and", "but", "that", "which", "after", "as"):
            return False
        if wide[k] in TOPIC_PREPOSITIONS and wide[k - 1] in TOPIC_NOUNS:
            return True
    return False


def _materiel(wide: list[str], after: list[str], verbs: frozenset[str] = MATERIEL_VERBS) -> bool:
    """ "destroyed a tank and two rocket launchers": the arm is what was destroyed or seized;
    "the helicopter crashed": the aircraft is what was lost. The verb must stand in the
    weapon's own list (no full stop or "and" of another clause between)."""
    if after and after[0] in LOST_WORDS:
        return True
    for w in reversed(wide):
        if w in verbs:
            return True
        if w in (".", ";", "by", "with", "from", "that", "which"):
            return False  # "shelled with rockets", "rockets fired from": delivered fire
    return False


def _points_back(lowers: list[str], t: Trigger, end: int) -> bool:
    """ "the poison gas in that incident last week": the trigger sits in a phrase a
    demonstrative points back to, an event already known."""
    after = lowers[t.token_end : min(t.token_end + 3, end)]
    return any(a in POINTING_BACK and b in POINTED_NOUNS for a, b in pairwise(after))


def _earlier_month(doc: Doc, before: list[str]) -> bool:
    """ "a deadly April chemical attack" in a report of October: a month qualifying the
    trigger, earlier than the report's own month, names an earlier event."""
    anchor: dt.date | None = doc._.anchor
    if anchor is None:
        return False
    for k in range(max(0, len(before) - 2), len(before)):
        month = MONTHS.get(before[k])
        if month is None or month == anchor.month:
            continue
        # "in April", "on April 3", "since March" date a happening; a bare qualifier recalls
        if k == 0 or before[k - 1] not in DATING_WORDS:
            return True
    return False


DATING_WORDS = words("in on since of until from by early late mid during last this")


# Word pairs before a trigger that set it a year or a month before the report ("last year's
# chemical attack"); after it, "ago" does ("the attack two years ago").
EARLIER_PAIRS = frozenset({("last", "year"), ("last", "month"), ("previous", "year")})
AGO_REACH = 4  # tokens after a trigger where "two years ago", "in August 2013" may stand
# Words that close the trigger's phrase: a year past them dates another clause.
PHRASE_ENDS = words(", ; : that which who whom when while where after before but and as since")
AGO_UNITS = words("year years month months")


def _earlier_period(doc: Doc, t: Trigger, before: list[str]) -> bool:
    """ "the 2013 sarin attack", "last year's chemical attack", "the chemical attack in Ghouta
    in August 2013", "the attack two years ago": a year earlier than the report's, or a
    relative phrase reaching back a year or a month, qualifying the trigger names an earlier
    event (GOLD-DEV-2.md: an event placed in an earlier year or month is background), even in a
    sentence that also tells a new one."""
    anchor: dt.date | None = doc._.anchor
    if set(pairwise(before)) & EARLIER_PAIRS:
        return True
    if anchor is not None and any(_earlier_year(w, anchor) for w in before):
        return True  # "the 2013 sarin attack", "2013's attack"
    lowers = doc_lowers(doc)
    sent = doc._.sentences[t.sent]
    after = []
    for w in lowers[t.token_end : min(t.token_end + AGO_REACH + 1, sent.token_end)]:
        if w in PHRASE_ENDS:
            break
        after.append(w)
    for k, w in enumerate(after):
        if w == "ago" and k > 0 and after[k - 1] in AGO_UNITS:
            return True  # "two years ago", "a month ago"
        # "in 2013", "of August 2013": a year introduced as the trigger's own date
        dated = k > 0 and (after[k - 1] in ("in", "of") or after[k - 1] in MONTH_WORDS)
        if anchor is not None and dated and _earlier_year(w, anchor):
            return True
    return False


def _earlier_year(word: str, anchor: dt.date) -> bool:
    """A year token ("2013", "2013s" with the apostrophe stripped) before the report's year."""
    digits = word[:4]
    if not (digits.isdigit() and len(word) <= 5 and word[4:] in ("", "s")):
        return False
    return 1990 <= int(digits) < anchor.year


# --- clause scope: how far an earlier-time phrase reaches in its sentence ---

RELATIVES = words("which who whom whose")
# Words that open the main clause's verb after a relative clause ("The forces, which drove IS
# out last month, had seized 70 villages").
FINITE = words("had has have was were is are")
# Words that end a relative clause before the earlier-time phrase: the phrase is then outside it.
RELATIVE_ENDS = words(", ; : . and but while")
COORDINATORS = words("and or but")
RELATIVE_REACH = 14  # words back from the phrase where the relative pronoun may stand


def in_relative(toks: list[str], start: int, end: int) -> bool:
    """The earlier-time phrase ``toks[start:end]`` sits inside a relative clause that the
    sentence's own verb follows: the clause dates who the subject is, not the news told after it
    ("The forces which drove IS from Kobane last month had seized 70 villages")."""
    back = range(start - 1, max(-1, start - RELATIVE_REACH), -1)
    rel = next((k for k in back if toks[k] in RELATIVES | RELATIVE_ENDS), None)
    if rel is None or toks[rel] not in RELATIVES or rel == 0:
        return False
    # "which fell to the army last year and was evacuated": a verb joined by "and" is still
    # the relative clause's; the main clause's verb follows no conjunction
    return any(toks[m] in FINITE and toks[m - 1] not in COORDINATORS for m in range(end, len(toks)))
