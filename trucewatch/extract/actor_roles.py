"""Whether an actor named in a sentence acts in it: a force (not a speaker, an area or a
victim) that is not told as killed or hurt there.

Used by the attribution component (who did it) and the headline reading.
"""

from __future__ import annotations

from spacy.tokens import Doc

from trucewatch.extract.actors import STATE_NAMES
from trucewatch.extract.lexicon import words
from trucewatch.extract.spans import ActorMention, Sentence, doc_lowers

# Words after an actor name that make it a speaker, a place or a victim rather than a force:
# "the Russian Defence Ministry said", "Turkish hospitals", "rebel-held", "Syrian civilians",
# "an army checkpoint", "the opposition government", "a mainly Kurdish town", "the opposition
# bastion east of Damascus" (a place or body of the party's); and what it owns (OWNED_AFTER).
NOT_FORCE_AFTER = words(
    """ministry defence defense foreign president presidents officials official media news
    television tv embassy spokesman spokesperson sources state side people citizens civilians
    territory territories border capital city province reconciliation center centre
    observatory network red held controlled dominated backed supported hospitals hospital
    agency envoy minister ministers authorities diplomats diplomat delegation counterpart
    counterparts leader leaders leadership newspaper daily channel foreign-ministry sources.
    press interior parliament lawmakers chief commander command general envoy government
    headquarters checkpoint checkpoints barracks outpost outposts town towns village villages
    district districts neighbourhood neighbourhoods neighborhood neighborhoods region regions
    areas area bastion bastions stronghold strongholds enclave enclaves pocket pockets sector
    sectors suburb suburbs countryside"""
)
# What a party owns or holds: "bombs attached to an army bus", "the ISIL positions were pounded",
# "a Russian base". The party is no force there (it did not act), but it is the side hit, so
# a target reading still takes it ("shelled YPG positions": the YPG). Not "car": "a Daesh car
# bomb" is Daesh's act.
OWNED_AFTER = words(
    """bus buses convoy convoys vehicle vehicles truck trucks post posts position positions base
    bases depot depots facility facilities installation installations building buildings
    airport"""
)
NOT_FORCE_AFTER = NOT_FORCE_AFTER | OWNED_AFTER
# Passive casualty words: an actor they follow ("Islamic State militants have been killed") is
# the victim, never the perpetrator.
PASSIVE_AUX = words("were was are is been being")
# ("50 troops were summarily executed": men put to death are victims as the slain are; "a
# Russian helicopter was shot down", "a Syrian jet was downed": a party's aircraft lost)
CASUALTY_PARTICIPLES = words("killed wounded injured slain hurt executed beheaded shot downed")
# Men of a party ("Islamic State jihadists", "members of the FSA"): the party's own, so a
# casualty word after them makes the party the victim.
PARTY_MEN = words(
    """soldiers fighters members troops personnel officers men militants jihadists terrorists
    gunmen insurgents militiamen rebels commanders servicemen"""
)
NAME_GAP = words("group faction movement")  # "rebel group Ahrar al-Sham"
# What a party flies or drives, and words telling what kind it is, between the party and the
# casualty words: "a Russian military transport helicopter was shot down".
CARRIER_GAP = words(
    """helicopter helicopters jet jets warplane warplanes plane planes aircraft drone drones
    bomber bombers tank tanks military transport fighter combat"""
)
# A party's name may be followed by what kind of party it is before the casualty words:
# "members of the Jaish al-Islam rebel group were killed".
PARTY_KIND = NAME_GAP | words("rebel jihadist militant militia armed opposition islamist")
# ("members of Syrian opposition groups were killed": a party's groups are its men too; "most of
# them members of opposition groups, were killed": an apposition's closing comma)
VICTIM_GAP = (
    PASSIVE_AUX
    | PARTY_MEN
    | PARTY_KIND
    | CARRIER_GAP
    | words("have has had reportedly all groups factions ,")
)
# ("has lost over one hundred militants": a party's men lost are its victims too)
# ("eliminated 12 Daesh militants": state and Russian copy's word for killing fighters)
ACTIVE_CASUALTY = words(
    "killed killing kills kill wounding injuring lost losing eliminated eliminating eliminate "
    "eliminates"
)
# Words between an active casualty verb and the party it hit: "killed at least 18 ISIL",
# "killing 14 fighters from Jaish al-Islam" (the men "from" a party are its own).
OBJECT_COUNT = PARTY_MEN | words(
    """at least more than over some dozens scores hundreds tens of the two three four five six
    seven eight nine ten eleven twelve twenty thirty forty fifty so-called so called - from
    one hundred dozen"""
)
# tokens from an actor to its auxiliary ("ISIS militants |have been| killed", "Russian |Mi-8
# military transport helicopter was| shot down"); only words of VICTIM_GAP may stand between
VICTIM_REACH = 6
# A state's name after one of these is a place, not its forces: "said in Turkey", "fled to
# Turkey", "a visit to Russia".
PLACE_PREPS = words("in into inside to at across near within")
# Places and gatherings of a party named with "of" before it: "the headquarters of Ahrar
# al-Sham", "a gathering of YPG militants" (the place hit, not who hit it).
PLACE_OF = words(
    """headquarters gathering gatherings positions position base bases checkpoint checkpoints
    convoy convoys post posts camp camps barracks depot depots offices office"""
)
# A party's adjective joined by a hyphen to a participle makes a describing word, not an agent:
# "a Russian-proposed pause", "Russian-made tanks", "a Turkish-brokered truce".
MADE_WORDS = words("made built run")


def is_force(doc: Doc, mention: ActorMention) -> bool:
    """True when a mention names a force that can act, not a speaker, area or victim."""
    if mention.canonical is None or mention.canonical == "civilians":
        return False
    lows = doc_lowers(doc)
    k = mention.token_start
    if k > 0 and lows[k - 1] in PLACE_PREPS and mention.text.lower() in STATE_NAMES:
        return False  # "a Syrian opposition figure said in Turkey"
    if _place_of(lows, k):
        return False  # "near the headquarters of Ahrar al-Sham", "a gathering of militants"
    end = mention.token_end
    while end < len(doc) and doc[end].text in ("-", "–"):
        end += 1
    if end > mention.token_end and end < len(doc) and mention.token_end - k == 1:
        after = lows[end]
        if after in MADE_WORDS or (after.endswith("ed") and after not in ("backed", "led")):
            return False  # "a Russian-proposed pause" (backed: the old rule below; "US-led")
    if end >= len(doc) or doc_lowers(doc)[end] not in NOT_FORCE_AFTER:
        return True
    # "Kurdish fighters backed by US air strikes" act; "US-backed rebels" are other men
    return doc_lowers(doc)[end] in ("backed", "supported") and doc_lowers(doc)[
        end + 1 : end + 2
    ] == ["by"]


def owns_what_is_hit(doc: Doc, mention: ActorMention) -> bool:
    """True when a party's name stands right before something it owns or holds ("YPG
    positions", "an army bus"): the side hit there, though no force acting (:func:`is_force`)."""
    end = mention.token_end
    named = mention.canonical not in (None, "civilians")
    return named and end < len(doc) and doc_lowers(doc)[end] in OWNED_AFTER


OF_REACH = 4  # words between "of" and the party ("a gathering of YPG - PYD militants")
QUOTES = frozenset({'"', "'", "“", "”"})


def _place_of(lows: list[str], k: int) -> bool:
    """True when the party at token ``k`` follows "of" after a place or gathering word ("the
    headquarters of the YPG", 'a "large gathering" of Kurdish militants'), the words between
    being no punctuation but quotes."""
    for j in range(k - 1, max(-1, k - 1 - OF_REACH), -1):
        if lows[j] == "of":
            m = j - 1
            while m >= 0 and lows[m] in QUOTES:
                m -= 1
            return m >= 0 and lows[m] in PLACE_OF
        if not lows[j][:1].isalnum() and lows[j] not in ("-", "–"):
            return False
    return False


def is_victim(doc: Doc, mention: ActorMention, sent: Sentence) -> bool:
    """True when the sentence tells the actor's men killed or hurt ("132 Islamic State
    militants have been killed", "40 Terrorists Killed in ...", "the army killed 18 ISIL
    commanders"): a victim, not an agent."""
    lows = doc_lowers(doc)
    k = mention.token_start - 1
    if k > sent.token_start and lows[k] == "(":
        # "members of the Free Syrian Army (FSA)": the short name stands where its full name does
        named = next((a for a in doc._.actors or () if a.token_end == k), None)
        if named is not None and named.canonical == mention.canonical:
            return is_victim(doc, named, sent)
    # the object of an active casualty verb: "killed 18 ISIL", "killing dozens of Nusra"
    for j in range(mention.token_start - 1, max(sent.token_start, mention.token_start - 9), -1):
        w = lows[j]
        if w in ACTIVE_CASUALTY:
            return lows[j - 1] not in PASSIVE_AUX if j > sent.token_start else True
        if not (w[:1].isdigit() or w in OBJECT_COUNT):
            break
    # "leader of rebel group Ahrar al-Sham was killed": a name in apposition says for both
    apposed = next(
        (
            a
            for a in doc._.actors or ()
            if a.sent == mention.sent
            and 0 <= a.token_start - mention.token_end <= 1
            and a.canonical == mention.canonical
            and all(w in NAME_GAP for w in lows[mention.token_end : a.token_start])
        ),
        None,
    )
    if apposed is not None:
        return is_victim(doc, apposed, sent)
    end = min(sent.token_end, mention.token_end + VICTIM_REACH + 1)
    for k in range(mention.token_end, end):
        w = lows[k]
        if w in CASUALTY_PARTICIPLES:
            if lows[k - 1] in PASSIVE_AUX or (
                lows[k - 1].endswith("ly") and lows[k - 2] in PASSIVE_AUX
            ):
                return True  # "were killed", "were summarily executed"
            # a headline's "40 Terrorists Killed in ...", "35 IS jihadists killed in clashes":
            # the participle with no object, only the party's men between
            return lows[k + 1 : k + 2] in (["in"], ["near"], [])
        if w not in VICTIM_GAP and not w.endswith("ly") and not _model(w):
            return False  # ("were summarily executed"; "a Russian Su-24 jet was downed")
    return False


# Verbs of attack whose object is the side attacked: "rebels attacked government forces with
# two car bombs", "IS targeted the army with mortar shells" (the subject wields the weapon).
ATTACKING_VERBS = words(
    """attacked attacking targeted targeting ambushed ambushing struck striking shelled pounded
    pounding bombed raided raiding stormed storming assaulted assaulting besieged besieging
    bombarded bombarding hit hitting"""
)
# Words that may stand between such a verb and its object ("attacked the Syrian army").
OBJECT_LEAD = words("the a an")


def is_attacked(doc: Doc, mention: ActorMention, sent: Sentence) -> bool:
    """True when the actor is the object of an attack verb in its sentence ("rebels attacked
    government forces", "struck the Syrian army") or its passive subject ("army positions were
    targeted with mortars", "government troops were ambushed"): the side attacked, not the one
    attacking."""
    lows = doc_lowers(doc)
    k = mention.token_start - 1
    while k > sent.token_start and lows[k] in OBJECT_LEAD:
        k -= 1
    if k >= sent.token_start and k < mention.token_start and lows[k] in ATTACKING_VERBS:
        return True
    end = min(sent.token_end - 1, mention.token_end + VICTIM_REACH)
    for k in range(mention.token_end, end):
        w = lows[k]
        if w in PASSIVE_AUX:
            nxt = lows[k + 1]
            return nxt in ATTACKING_VERBS and not nxt.endswith("ing")
        if w not in VICTIM_GAP or w == ",":
            return False
    return False


def _model(word: str) -> bool:
    """True for an aircraft's or weapon's model designation ("mi-8", "su-24", "mig-23")."""
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)
