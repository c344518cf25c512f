"""Incident triggers: the words that say what kind of thing happened, sentence by sentence.

Each incident type has a trigger lexicon (``TRIGGERS``); a trigger is *strong* when it names the
type on its own ("air strike", "car bomb") and *weak* when it only counts with nothing stronger in
its sentence ("blast", "attack"). ``RULES`` then settle sentences holding several types, in the
GOLD-DEV.md conventions: a platform in the air makes rockets an air strike; a chemical weapon
outranks the aircraft that dropped it; a helicopter shot down is a clash, not an air strike.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc

from trucewatch.extract.lexicon import Lexicon, words
from trucewatch.extract.spans import (
    Trigger,
    doc_lowers,
    doc_starts,
    doc_text,
    sentence_of,
    token_end_char,
)
from trucewatch.model.incident import IncidentType as T

STRONG, WEAK = 2, 1


def phrases(text: str) -> tuple[str, ...]:
    """Trigger phrases written as one "|"-separated string (keeps the lexicon readable)."""
    return tuple(p.strip() for p in text.split("|") if p.strip())


# Generic words ("attack", "the incident") name no type: they are left out on purpose, and the
# figures in their sentences join the incident told just before (see incidents.py).
TRIGGERS: dict[T, dict[int, tuple[str, ...]]] = {
    T.AIR_STRIKE: {
        STRONG: phrases(
            """air strike|air strikes|airstrike|airstrikes|air raid|air raids|airraid|airraids|
            warplanes|warplane|war planes|war plane|jets|fighter jets|barrel bomb|barrel bombs|
            barrel bombing|explosive barrels|helicopter|helicopters|aircraft|drone|drones|
            bombers|aerial bombardment|aerial bombing|air bombardment|raids|airforce|
            air force|planes|air attack|air attacks|vacuum bombs|cluster bombs|
            cluster munitions|phosphorus bombs|phosphorous bombs|bunker buster|sorties|
            air campaign|aerial attack|aerial attacks|air-strike|air-strikes|aerial bomb|
            aerial bombs|aerial bombardments|air bombing|airstrike|bombing raids|vacuum bomb|
            aerial assault|aerial assaults|air assault|air assaults|war jets|warjets|gunship|
            gunships|aerospace forces|aerospace force|plane|aircrafts|fighter planes|
            fighter plane|jet"""
            # not "napalm" or "incendiary bombs": reports fire them from mortars as well;
            # "plane", "jet" (one aircraft) and "aircrafts" (a plural some outlets write)
            # count as platforms: bare, they need a verb of striking (PLATFORMS)
        ),
        WEAK: phrases("strike|strikes|bombing|bombings|bombed|raid|struck"),
    },
    T.SHELLING: {
        STRONG: phrases(
            """shelling|shelled|shells|shell|mortar|mortars|mortar rounds|artillery|rocket|
            rockets|rocket shells|missile|missiles|rocket launchers|grad|grad rockets|
            hell cannon|sniper|snipers|sniper fire|cannon|howitzer|tank fire|projectiles|
            rocket attack|rocket attacks|rocket fire|bombardment|bombardments|shellings|
            ballistic missile|surface-to-surface missile|rocketed|mortar shells|
            artillery fire|mortar fire|shelling attack|explosive rounds|
            explosive ammunition|artillery rounds|tank rounds|rocket rounds|mortar bombs"""
        ),
        # "bombarded" with no aircraft named is fire from the ground (GOLD-DEV.md 28#1); a bare
        # "barrage" is artillery's or rockets' unless air strikes are named ("a barrage of air
        # strikes")
        WEAK: phrases(
            "fired|pounded|pounding|bombard|bombards|bombarding|bombarded|barrage|barrages"
        ),
    },
    T.ARMED_CLASH: {
        STRONG: phrases(
            """clashes|clash|clashed|fighting|battle|battles|gun battle|firefight|ambush|
            ambushed|shot down|downed|repelled|repulsed|engagements|skirmishes|
            fierce fighting|heavy fighting|infiltration attempt|attacked positions|
            counter-attack|counterattack|stormed|gunfight|gunmen opened fire|opened fire|
            broke the siege|break the siege|breaking the siege|broken the siege"""
        ),
        # "advanced inside the bastion of Manbij", "advanced in the neighbourhood of Jobar": a
        # push into ground still held by the other side is fighting there (GOLD-DEV.md 288,
        # GOLD-DEV-2 732); "advanced into X" is ground taken (above)
        WEAK: phrases(
            """fought|combat|offensive|assault|assaults|advanced inside|advancing inside|
            advanced in|advancing in|advanced deeper|advancing deeper|advanced further|
            advancing further"""
        ),
    },
    T.EXPLOSION: {
        STRONG: phrases(
            """car bomb|car bombs|car bombing|suicide bomber|suicide bombers|suicide bombing|
            suicide attack|suicide bombings|suicide car bomb|explosive device|
            explosive devices|improvised explosive device|ied|ieds|landmine|landmines|
            land mine|land mines|booby-trapped|booby trapped|bomb-laden|explosive belt|
            explosive-laden|
            vbied|truck bomb|bomb blast|bomb exploded|bomb went off|twin bombings|detonated|
            blew himself up|blew themselves up|motorcycle bomb|explosive vest|tunnel bomb|
            suicide attacks|suicide car bombing|bomb attack|car-bomb|suicide attacker|
            suicide attackers|blowing themselves up|blowing himself up|blew herself up|
            bomb attacks|bomb blasts|bombing attack|bombing attacks|twin bombing|double bombing|
            double bombings|roadside bomb|roadside bombs|explosive charge|explosive charges|
            sticky bomb|sticky bombs|hand grenade|hand grenades|grenade attack|grenade attacks"""
            # not "booby traps" or "rigged with explosives": things found or stopped ("clearing
            # mines and booby traps", "destroyed the vehicle rigged with explosives")
        ),
        WEAK: phrases(
            "blast|blasts|explosion|explosions|exploded|bomb|bombs|explosives|blew up|blown up"
        ),
    },
    T.CHEMICAL_ATTACK: {
        STRONG: phrases(
            """chemical attack|chemical weapons|chemical weapon|chemical attacks|chlorine|
            sarin|toxic gas|poison gas|poisonous gas|nerve agent|toxic gases|
            chemical agents|chemical substances|mustard gas|chemical bombs|gas attack|
            suffocation|asphyxiation|chemical munitions|chemical strike|toxic chemicals|
            gassing|gassed|toxic fumes|deadly fumes|poisonous fumes|poisonous gases|
            chemical agent|sulphur mustard|sulfur mustard|mustard agent|chemical massacre|
            chemical massacres"""
        ),
        WEAK: (),
    },
    T.ATTACK_ON_CIVILIANS: {
        STRONG: phrases(
            """executed|executes|execution|executions|beheaded|beheading|beheadings|
            massacre|massacres|massacred|summary executions|summarily executed|shot dead|
            mass execution|public execution|kidnapped|abducted|slaughtered|slit the throats|
            slit their throats|slitting the throats|crucified|crucifies|crucifixion|murdered|
            murder of"""
        ),
        WEAK: (),
    },
    T.TERRITORY_TAKEN: {
        STRONG: phrases(
            """captured|seized|took control|taken control|take control|recaptured|retook|
            regained control|gained control|seized control|liberated|restored security|
            restored stability|restored control|fell to|overran|wrested control|seizing|
            capturing|captures|seizes|full control|advanced into|entered the town|
            entered the village|entered the city|retaking|took over|recapture|liberation of|
            regained|retaken|recaptures|took full control|taken over|established control|
            established full control|establish control|imposed control|imposed full control|
            capture of|managed to control|managed to take|managed to capture|
            managed to seize|managed to retake|managed to recapture|managed to regain|
            succeeded in capturing|succeeded in taking|succeeded in seizing|
            came under the control of|come under the control of|fell under the control of|
            fallen under the control of|comes under the control of"""
        ),
        WEAK: (),
    },
    T.HUMANITARIAN_DELIVERY: {
        STRONG: phrases(
            """aid convoy|aid convoys|humanitarian convoy|humanitarian convoys|airdrop|
            airdrops|air drop|air drops|airdropped aid|relief convoy|food aid|delivered aid|
            aid delivery|aid deliveries|relief supplies|humanitarian supplies|evacuation|
            evacuated|food parcels|medical supplies|relief items|humanitarian aid|
            truck convoy|trucks carrying aid|safe passage"""
        ),
        WEAK: phrases("convoy|convoys"),
    },
    T.TRUCE_DECLARED: {
        STRONG: phrases(
            """ceasefire|cease-fire|cease fire|truce|cessation of hostilities|regime of calm|
            regime of silence|period of calm|humanitarian pause|lull|de-escalation|
            humanitarian truce"""
        ),
        WEAK: (),
    },
    T.ACCESSION: {
        STRONG: phrases(
            """joined the truce|joined the ceasefire|join the truce|join the ceasefire|
            joined the cessation|accepted the terms|signed reconciliation|
            reconciliation agreement|joined the reconciliation|acceded|
            reconciliation process|settle their legal status|settled their status|
            joined the reconciliation process|joined the regime of ceasefire|join the cessation|
            joining the truce|joining the ceasefire|joining the cessation"""
        ),
        WEAK: (),
    },
}

# Words that make a truce trigger an announcement, not background ("the truce collapsed").
TRUCE_ACTS = words(
    """declared declare declares announced announce announces proposed proposes propose
    introduced introduction starting start starts began begin begins entered effect agreed
    reached hour hours established establish extended extend comes"""
)


def _rule_air_platform(types: dict[T, list[Trigger]]) -> None:
    """Rockets or missiles fired from the air are an air strike, not shelling."""
    air = [t for t in types.get(T.AIR_STRIKE, []) if t.strength == STRONG]
    if air and T.SHELLING in types:
        air_words = {
            "warplanes",
            "warplane",
            "jets",
            "helicopter",
            "helicopters",
            "aircraft",
            "drone",
            "drones",
            "planes",
            "war planes",
            "bombers",
            "fighter jets",
            "war jets",
            "warjets",
            "gunship",
            "gunships",
            "aerospace forces",
            "aerospace force",
            "plane",
            "aircrafts",
            "fighter planes",
            "fighter plane",
            "jet",
        }
        if any(t.text.lower() in air_words for t in air):
            munitions = {"rocket", "rockets", "missile", "missiles", "projectiles"}
            strong = [t for t in types[T.SHELLING] if t.strength == STRONG]
            if all(t.text.lower() in munitions for t in strong):
                del types[T.SHELLING]


def _rule_shot_down(types: dict[T, list[Trigger]]) -> None:
    """An aircraft shot down from the ground is a clash, not an air strike."""
    clash = types.get(T.ARMED_CLASH, [])
    if any(t.text.lower() in ("shot down", "downed") for t in clash):
        types.pop(T.AIR_STRIKE, None)


def _rule_chemical(types: dict[T, list[Trigger]]) -> None:
    """A chemical weapon outranks the aircraft or shell that delivered it; phosphorus does not."""
    if T.CHEMICAL_ATTACK in types:
        types.pop(T.AIR_STRIKE, None)
        types.pop(T.SHELLING, None)
        types.pop(T.EXPLOSION, None)


def _rule_weak(types: dict[T, list[Trigger]]) -> None:
    """Weak triggers count only when no strong trigger of another violent type is present."""
    strong = {k for k, ts in types.items() if any(t.strength == STRONG for t in ts)}
    for kind in list(types):
        if kind in strong:
            continue
        if strong - {kind, T.TRUCE_DECLARED, T.ACCESSION, T.HUMANITARIAN_DELIVERY}:
            del types[kind]


def _rule_shell_blast(types: dict[T, list[Trigger]]) -> None:
    """A shell or rocket that "exploded" is shelling; an explosion needs a bomb of its own."""
    both = T.EXPLOSION in types and T.SHELLING in types
    if both and all(t.strength == WEAK for t in types[T.EXPLOSION]):
        del types[T.EXPLOSION]


def _rule_airdrop(types: dict[T, list[Trigger]]) -> None:
    """An airdrop of aid is a delivery: the aircraft that flew it is no air strike."""
    both = T.HUMANITARIAN_DELIVERY in types and T.AIR_STRIKE in types
    if both and any("drop" in t.text.lower() for t in types[T.HUMANITARIAN_DELIVERY]):
        del types[T.AIR_STRIKE]


# Strong explosion words that tell a suicide attack, which may open with gunmen storming a place.
SUICIDE_WORDS = ("suicide", "blew", "blowing", "explosive belt", "explosive vest")


def _rule_suicide_storming(types: dict[T, list[Trigger]]) -> None:
    """ "Suicide attackers stormed two compounds, fighting guards before blowing themselves
    up": the storming is the suicide attack's first part, one explosion, not also a clash."""
    blasts = [t for t in types.get(T.EXPLOSION, []) if t.strength == STRONG]
    if T.ARMED_CLASH in types and any(w in t.text.lower() for t in blasts for w in SUICIDE_WORDS):
        del types[T.ARMED_CLASH]


RULES: tuple[Callable[[dict[T, list[Trigger]]], None], ...] = (
    _rule_suicide_storming,
    _rule_chemical,
    _rule_shot_down,
    _rule_airdrop,
    _rule_air_platform,
    _rule_shell_blast,
    _rule_weak,
)


# Types whose strong weapon words are also matched with one slip of the keyboard ("air stikes",
# "artilery"): a report's typo should not lose the day's strike.
TYPO_TYPES = (T.AIR_STRIKE, T.SHELLING, T.ARMED_CLASH, T.EXPLOSION, T.CHEMICAL_ATTACK)
TYPO_WORD_MIN = 6  # a word beside an exact partner ("air" + "stikes") may be this short
TYPO_ALONE_MIN = 9  # a word standing alone must be this long: short ones slip into real words
# Slips that spell a real word ("war plans", "rocket launches", "mortar sells"): never a typo.
REAL_SLIPS = words("plans launches sellings sells tapped canon panes bobbing")


def slips(word: str) -> set[str]:
    """Spellings one slip away from ``word`` that keep its first and last letters: one inner
    letter dropped ("stikes") or two inner letters swapped ("srtikes"). Why only these: they
    are the commonest typos, and keeping both ends keeps most variants out of real words."""
    out = set()
    for i in range(1, len(word) - 1):
        out.add(word[:i] + word[i + 1 :])
        if i + 1 < len(word) - 1:
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    out.discard(word)
    return out


def typo_phrases(phrase: str) -> set[str]:
    """Typo spellings of one strong trigger phrase: the last word of a phrase of several words
    (its partner words stay exact), or a long word standing alone."""
    parts = phrase.split()
    last = parts[-1]
    need = TYPO_WORD_MIN if len(parts) > 1 else TYPO_ALONE_MIN
    if len(last) < need or not last.isalpha():
        return set()
    return {" ".join([*parts[:-1], w]) for w in slips(last) - REAL_SLIPS}


@lru_cache(maxsize=1)
def trigger_lexicon() -> Lexicon[tuple[T, int]]:
    """All trigger phrases, longest match first, with typo spellings of strong weapon words
    (only where no real phrase of the lexicon has that spelling)."""
    lex: Lexicon[tuple[T, int]] = Lexicon()
    for kind, levels in TRIGGERS.items():
        for strength, phrases in levels.items():
            for phrase in phrases:
                lex.add(phrase, (kind, strength))
    for kind in TYPO_TYPES:
        for phrase in TRIGGERS[kind][STRONG]:
            for typo in sorted(typo_phrases(phrase)):
                if typo not in lex:
                    lex.add(typo, (kind, STRONG))
    return lex


def resolve_sentence(
    triggers: list[Trigger], sentence_words: frozenset[str] | set[str] | None = None
) -> dict[T, list[Trigger]]:
    """The incident types one sentence supports, after the precedence rules.

    ``sentence_words`` (the sentence's lower-cased tokens) lets a bare aircraft count only when the
    sentence says it struck: "the helicopter came down" is no air strike.
    """
    types: dict[T, list[Trigger]] = {}
    for t in triggers:
        types.setdefault(t.type, []).append(t)
    for rule in RULES:
        rule(types)
    air = types.get(T.AIR_STRIKE)
    bare = air and all(t.text.lower() in PLATFORMS for t in air)
    # aircraft that "foiled an offensive" struck it
    acts = ATTACK_VERBS | MASSACRE | FOILED
    if bare and sentence_words is not None and not sentence_words & acts:
        del types[T.AIR_STRIKE]
    return types


# Aircraft named as such; an air strike needs them to act (ATTACK_VERBS) in the sentence.
PLATFORMS = frozenset(
    phrases(
        """warplanes|warplane|war planes|war plane|jets|fighter jets|helicopter|helicopters|
        aircraft|drone|drones|bombers|planes|air force|airforce|war jets|warjets|gunship|
        gunships|aerospace forces|aerospace force|plane|aircrafts|fighter planes|fighter plane|
        jet"""
    )
)
ATTACK_VERBS = words(
    """struck strike strikes striking hit hits hitting pounded pounding bombed bombing bombs
    targeted targeting raided dropped dropping fired firing killed killing kill kills attacked
    attacking launched carried shelled shelling destroyed destroying hammered blasted
    rocketed strafed bombarded bombarding pound pounds"""
)


# A massacre told with aircraft is what they did ("Massacre by Russian Air Force in Atareb"): the
# aircraft struck, though no verb of striking stands beside them.
MASSACRE = words("massacre massacres massacred")


# Nouns after "strike" that make it a unit, not an attack ("a strike force of 6,000 fighters").
UNIT_NOUNS = words("force forces group groups team teams unit units")


# Verbs that, followed by "from" or "out" within a few words, tell a force driven off ground
# ("drove Islamic State from Kobane", "expelled rival rebels from the town", "pushed IS out").
EXPEL_FROM = words("drove driven drive drives driving expelled expel expels expelling ousted oust")
EXPEL_OUT = EXPEL_FROM | words("pushed kicked flushed forced")
EXPEL_GAP = 4  # tokens allowed between the verb and "from"/"out" (the force driven off)
# Words after "from"/"out of" that make the driving-off a displacement ("from their homes").
DISPLACED = words("their his her homes home houses country")
# Words that close a phrase: a "from" past them belongs to another clause.
CLAUSE_ENDS = words(", ; : . that which who and but while when after before by")
# "the villages ... were taken", "was taken on Tuesday": "taken" with no destination after it
# ("taken to hospital") is ground taken.
TAKEN_AFTER = words("on overnight yesterday today earlier late early last . ;") | words(
    "monday tuesday wednesday thursday friday saturday sunday"
)
PASSIVE = words("was were been being")
# Not a bare "lost control of X": its subject is the loser, whom attribution would take for the
# side that took the town. Only with the gainer named after "to" is it read.
# Ground told as lost to the side that took it ("the army lost the town of Ariha to rebels"),
# or as fallen into a side's hands ("fell into rebel hands", "fell into the hands of IS").
LOST = words("lost lose loses losing")
LOST_GAP = 7  # tokens allowed between "lost" and "to" (the ground lost)
# Words in that gap that make the loss men, lives or a fight, not ground ("lost 30 soldiers to
# an ambush", "lost their lives to shelling", "lost the battle to"): no capture.
LOST_NOT_GROUND = words(
    """life lives soldiers fighters men troops members officers people children civilians
    son sons daughter daughters family relatives contact touch battle war hope patience
    his her their its our my your"""
)
FALLEN = words("fell fallen falls fall falling")
# A force made to give up ground ("forced IS to withdraw from the town", "forcing the rebels to
# retreat"): the side that forced it took the ground. Not made to flee or leave: that is people
# driven from their homes.
FORCED = words("forced forcing")  # not "forces": the noun ("forces in X were ...")
GIVE_UP = words("withdraw retreat pull")
FORCED_GAP = 5  # tokens allowed for the force between "forced" and "to"
# Ground given up that is no town or area: a repelled assault's gains ("forced them to retreat
# from positions they seized a day earlier") belong to the clash, not to a capture.
NOT_GROUND = words("positions position posts post points lines frontlines front")


def _pattern_hits(doc: Doc) -> list[tuple[int, int]]:
    """Token spans [start, end) of the territory patterns the phrase lexicon cannot list: a
    verb of driving off with a gap before "from"/"out", and a passive "taken" standing alone."""
    lowers = doc_lowers(doc)
    n = len(lowers)
    hits = []
    for i, w in enumerate(lowers):
        if w in FORCED and (span := _forced_back(doc, lowers, i)) is not None:
            hits.append(span)  # before "forced ... out": "forced IS to withdraw"
        elif w in EXPEL_OUT:
            for j in range(i + 1, min(i + EXPEL_GAP + 2, n)):
                if lowers[j] in CLAUSE_ENDS or doc[j].is_sent_start:
                    break
                closer = lowers[j] == "out" or (lowers[j] == "from" and w in EXPEL_FROM)
                # "drove from Damascus" is a journey: the force driven off stands between,
                # unless the verb is passive ("IS was driven from Manbij")
                passive = i > 0 and lowers[i - 1] in PASSIVE
                if closer and (j > i + 1 or passive):
                    of = lowers[j] == "out" and j + 1 < n and lowers[j + 1] == "of"
                    k = j + 2 if of else j + 1
                    if not DISPLACED.intersection(lowers[k : k + 2]):
                        hits.append((i, j + 1))
                if closer:
                    break
        elif w in LOST and (span := _lost_to(doc, lowers, i)) is not None:
            hits.append(span)
        elif w in FALLEN and i + 1 < n and lowers[i + 1] == "into":
            # "fell into rebel hands", "fell into the hands of IS"
            ahead = lowers[i + 2 : i + 5]
            if "hands" in ahead:
                hits.append((i, i + 3 + ahead.index("hands")))
        elif w in STORMED and (span := _stormed_ground(doc, lowers, i)) is not None:
            hits.append(span)
        elif w == "taken" and i > 0 and lowers[i - 1] in PASSIVE:
            nxt = lowers[i + 1] if i + 1 < n else "."
            if nxt in TAKEN_AFTER or (i + 1 < n and doc[i + 1].is_sent_start):
                hits.append((i - 1, i + 1))
    return hits


# "stormed the town of Ghraneij", "stormed the Shaar gas field": a force that storms ground (a
# town, a base, a field) takes it (GOLD-DEV-2.md 531 and the written sets code it
# territory_taken); storming a post, a checkpoint or a building stays fighting.
STORMED = words("stormed storming storm storms")
STORMED_GROUND = words(
    """town towns village villages city neighbourhood neighborhood district districts
    base airbase airport field oilfield gasfield camp hill hills area"""
)
STORMED_GAP = 4  # tokens between "stormed" and the ground ("stormed the strategic gas field")
# Prepositions that end the verb's object before the ground: the ground is then where the
# stormed thing stood, not what was stormed.
GROUND_STOPS = words("in at near on inside outside around within across")


def _stormed_ground(doc: Doc, lowers: list[str], i: int) -> tuple[int, int] | None:
    """The span of "stormed <ground>" at token ``i``: the verb's object is a place word
    (:data:`STORMED_GROUND`) or a place the gazetteer knows, within STORMED_GAP tokens and no
    clause break; None for posts, checkpoints, buildings or people."""
    n = len(lowers)
    named = {k for p in doc._.places or () for k in range(p.token_start, p.token_end)}
    for j in range(i + 1, min(i + STORMED_GAP + 2, n)):
        if doc[j].is_sent_start or lowers[j] in CLAUSE_ENDS | GROUND_STOPS:
            return None  # "stormed ISIS gatherings in the villages": people, not ground
        if lowers[j] in STORMED_GROUND or j in named:
            return None if _driven_back(doc, lowers, j) else (i, j + 1)
    return None


# "... before local gunmen drove them back", "the attack was repelled": a storming that failed.
REPELLED = words("repelled repulsed repel repulse foiled thwarted")
BACK_VERBS = words("drove driven drive pushed beaten beat forced fought")


def _driven_back(doc: Doc, lowers: list[str], k: int) -> bool:
    """Whether the text goes on after token ``k``, in its sentence or the next, to tell the
    stormers driven back or repelled ("stormed villages ... before local gunmen drove them
    back", "... State media said the army had repelled the attack"): fighting, no capture (the
    written sets code it armed_clash)."""
    sents = doc._.sentences
    own = sentence_of(doc, k)
    end = sents[min(own + 1, len(sents) - 1)].token_end
    for j in range(k + 1, end):
        if lowers[j] in REPELLED:
            return True
        if lowers[j] == "back" and BACK_VERBS.intersection(lowers[max(k, j - 3) : j]):
            return True
    return False


def _lost_to(doc: Doc, lowers: list[str], i: int) -> tuple[int, int] | None:
    """The span of "lost <ground> to <side>" starting at token ``i``, or None. The ground must
    be named ("the town of X", "X", "control of X"), with no count, people or lives in it."""
    n = len(lowers)
    named = i + 1 < n and (doc[i + 1].pos_ == "PROPN" or doc[i + 1].is_title)
    if not named and (i + 1 >= n or lowers[i + 1] not in ("the", "control")):
        return None
    for j in range(i + 1, min(i + LOST_GAP + 2, n)):
        if doc[j].is_sent_start or lowers[j] in (",", ";", ".", "and", "but", "after"):
            return None
        if lowers[j] in LOST_NOT_GROUND or doc[j].like_num:
            return None
        if lowers[j] == "to" and j > i + 1:
            return (i, j + 1)
    return None


def _forced_back(doc: Doc, lowers: list[str], i: int) -> tuple[int, int] | None:
    """The span of "forced <force> to withdraw/retreat/pull" starting at token ``i``, or None.
    The force must not be people or a count of them ("forced thousands of civilians to ...")."""
    n = len(lowers)
    for j in range(i + 1, min(i + FORCED_GAP + 2, n - 1)):
        if doc[j].is_sent_start or lowers[j] in CLAUSE_ENDS or lowers[j] in LOST_NOT_GROUND:
            return None
        if doc[j].like_num or lowers[j] in ("residents", "families", "thousands", "hundreds"):
            return None
        if lowers[j] == "to":
            if j == i + 1 or lowers[j + 1] not in GIVE_UP:
                return None
            # the span ends on "from" / "out" so the ground given up places the capture
            # (drafts._driven_from), as for "drove IS out of X"
            k = j + 2
            if k < n and lowers[k] in ("from", "out"):
                ahead = [w for w in lowers[k + 1 : k + 4] if w not in ("of", "the", "their", "its")]
                return None if ahead and ahead[0] in NOT_GROUND else (i, k + 1)
            return (i, k)
    return None


# Verbs that tell an attack stopped by the side it hit ("the army foiled an attack by militants
# on its posts", "thwarted an infiltration attempt"): the attack met resistance, ground fighting.
FOILED = words("foil foils foiled foiling thwart thwarts thwarted thwarting")
# What was foiled for it to be fighting: an attack on the ground, not "efforts" or "a process".
FOILED_NOUNS = words(
    "attack attacks raid raids offensive offensives assault assaults infiltration incursion"
)
# "foiled an attempt by terrorists to infiltrate ...": an attempt is an attack when its verb is.
ATTEMPTS = words("attempt attempts")
ATTEMPTED = words("attack infiltrate penetrate storm advance sneak")
FOILED_GAP = 5  # tokens between the verb and the attack ("foiled on Saturday an attack")
ATTEMPT_GAP = 6  # tokens between "attempt" and its verb ("an attempt by the terrorists to ...")


def _foiled_hits(doc: Doc) -> list[tuple[int, int]]:
    """Token spans [start, end) of an attack told as foiled or thwarted: "the army foiled an
    attack by terrorists on a military post", "SDF Foil ISIS Raid", "the attack was foiled".
    A repelled attack is fighting (as "repelled" is), whatever its noun ("raid" alone reads as
    an air raid)."""
    lowers = doc_lowers(doc)
    n = len(lowers)
    hits = []
    for i, w in enumerate(lowers):
        if w not in FOILED:
            continue
        if i >= 2 and lowers[i - 1] in PASSIVE and lowers[i - 2] in FOILED_NOUNS:
            hits.append((i - 2, i + 1))  # "the attack was foiled"
            continue
        for j in range(i + 1, min(i + FOILED_GAP + 2, n)):
            if lowers[j] in CLAUSE_ENDS - {"by"} or doc[j].is_sent_start:
                break
            if lowers[j] in FOILED_NOUNS or (
                lowers[j] in ATTEMPTS
                and ATTEMPTED.intersection(lowers[j + 1 : j + 1 + ATTEMPT_GAP])
            ):
                hits.append((i, j + 1))
                break
    return hits


def find_triggers(doc: Doc) -> list[Trigger]:
    """Every trigger hit in the doc (before the per-sentence rules)."""
    out = [_pattern_trigger(doc, a, b) for a, b in _pattern_hits(doc)]
    # weak: "warplanes foiled an IS offensive" is the warplanes' strike, not a clash
    out += [_pattern_trigger(doc, a, b, T.ARMED_CLASH, WEAK) for a, b in _foiled_hits(doc)]
    taken = {k for t in out for k in range(t.token_start, t.token_end)}
    for match in trigger_lexicon().find(doc):
        if taken.intersection(range(match.start, match.end)):
            continue  # the pattern's span already names the type
        unit = match.end < len(doc) and doc[match.end].lower_ in UNIT_NOUNS
        if unit and doc[match.end - 1].lower_ in ("strike", "assault"):
            continue  # "a strike force", "assault groups": who, not what happened
        start, end = doc_starts(doc)[match.start], token_end_char(doc, match.end - 1)
        for kind, strength in match.values:
            out.append(
                Trigger(
                    start=start,
                    end=end,
                    text=doc_text(doc)[start:end],
                    type=kind,
                    token_start=match.start,
                    token_end=match.end,
                    sent=sentence_of(doc, match.start),
                    strength=strength,
                )
            )
    return sorted(out, key=lambda t: t.start)


def _pattern_trigger(
    doc: Doc, first: int, end: int, kind: T = T.TERRITORY_TAKEN, strength: int = STRONG
) -> Trigger:
    start, stop = doc_starts(doc)[first], token_end_char(doc, end - 1)
    return Trigger(
        start=start,
        end=stop,
        text=doc_text(doc)[start:stop],
        type=kind,
        token_start=first,
        token_end=end,
        sent=sentence_of(doc, first),
        strength=strength,
    )
