"""How one trigger stands in its sentence: whether it tells a happening or only names one.

:func:`~trucewatch.extract.roles.is_happening` asks these: an aim ("battling to take control
of"), a campaign ("its air campaign"), who fights whom ("a coalition fighting militants"), a
backdrop ("amid clashes", "the front lines of a battle"), a habit ("the shelling is daily"),
gains summed up to now ("has so far captured"), a truce under which or for which something is
done, people named as evacuees of another story, and fire or fighting told as a state going on
("ongoing fighting as well as air strikes")."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.draft import specificity
from trucewatch.extract.lexicon import word_list, words
from trucewatch.extract.spans import Sentence, Trigger, doc_lowers, doc_starts, token_end_char

# People an evacuation moves; after a word that makes them an object or a complement ("buses
# carrying residents evacuated from", "the bodies of civilians evacuated from"), "evacuated"
# describes them.
EVACUEES = words("people residents civilians syrians families evacuees passengers fighters")
HOLDING = words("carrying transporting of with for among including")


# A relative clause between the people and "evacuated" ("civilians who had been evacuated"):
# its pronoun and auxiliaries, read back from the participle.
RELATIVE_AUX = words("who that had have has been were was")


def evacuees_from(words: list[str], i: int) -> int | None:
    """ "buses carrying Syrians evacuated from two towns", "a convoy carrying civilians who had
    been evacuated from two towns": the participle at ``i`` qualifies people named as another
    verb's object (a relative clause, reduced or not), it tells no evacuation, nor does the
    "carrying" that names them; "2,200 evacuated from Madaya on Friday" and "residents were
    evacuated" tell one. Gives where that phrase starts (the "carrying"), or None."""
    if words[i] != "evacuated":
        return None
    k = i - 1
    if k >= 1 and words[k] in RELATIVE_AUX:
        while k >= 1 and words[k] in RELATIVE_AUX:
            k -= 1
        if words[k + 1] not in ("who", "that"):
            return None  # "residents were evacuated": the sentence's own verb
    if k < 1 or words[k] not in EVACUEES:
        return None
    if words[k - 1] in HOLDING:
        return k - 1
    return k - 2 if k >= 2 and words[k - 2] in HOLDING else None


# Adverbs of a daily habit; unlike HABITUAL they mark only the trigger they stand beside ("the
# shelling is daily", "daily air strikes"), not a sentence where "warplanes fly daily" is an aside.
DAILY = words("daily nightly constantly continually")
DAILY_REACH = 3  # tokens either side of a trigger where its "daily" may stand


def daily(lowers: list[str], sent: Sentence, trigger: Trigger) -> bool:
    """ "the shelling is daily and intense", "daily barrel bombs": the trigger names a habit."""
    lo = max(sent.token_start, trigger.token_start - DAILY_REACH)
    hi = min(sent.token_end, trigger.token_end + DAILY_REACH)
    return bool(
        DAILY.intersection(lowers[lo : trigger.token_start] + lowers[trigger.token_end : hi])
    )


# Verbs and nouns of stopping; the fighting they govern is what would stop, not news told
# ("willing to suspend aerial bombardment", "urged pauses in the battle for Raqqa"). The past
# forms ("had stopped bombing") are NEGATING, read over the whole sentence.
HALTING = words("suspend suspending halt halting stop stopping pause pauses pausing freeze")
HALT_GAP = words("the a an its their all of in on to aerial air ground")
HALT_REACH = 3  # words between the stopping word and the trigger ("suspend all aerial")


def halted(lowers: list[str], sent: Sentence, trigger: Trigger) -> bool:
    """ "suspend aerial bombardment of the city", "pauses in the battle for Raqqa": the trigger
    is what a stopping word would stop, so it tells no happening of its own."""
    k = trigger.token_start - 1
    gap = 0
    while k >= sent.token_start and lowers[k] in HALT_GAP and gap < HALT_REACH:
        k -= 1
        gap += 1
    if k < sent.token_start or lowers[k] not in HALTING:
        return False
    return lowers[k - 1] not in ("non", "-", "nonstop")  # "a non-stop battle" goes on


# Verbs of blame whose "of" clause holds what a party is blamed for ("accused the army of
# continuing ground attacks"), and the framing of a charge in the speaker's words ("condemning
# what it called the massacres").
ACCUSING = words("accused accusing accuses accuse")
CALLED = frozenset({("what", "it", "called"), ("what", "they", "called"), ("what", "he", "called")})
CHARGE_REACH = 3  # words from "of" (or "what it called") to the trigger: the charge's head
# Words that, between "of" and the trigger, make the trigger a detail of another charge
# ("accused the regime of wreaking disaster with its air strikes") rather than the charge.
CHARGE_BREAKS = words(". , ; : with by in on at against from after as while")
ACCUSER_REACH = 8  # words from "of" back to the blaming verb ("accused government forces of")


def charged(lowers: list[str], sent: Sentence, trigger: Trigger) -> bool:
    """ "accused government forces of continuing ground attacks on two districts", "condemning
    what it called the massacres committed by the coalition": the trigger heads what one party
    charges another with, a charge in the speaker's words rather than an attack the report
    tells as news (the caller checks that no day of its own is told)."""
    lo = max(sent.token_start, trigger.token_start - CHARGE_REACH - 1)
    for k in range(trigger.token_start - 1, lo - 1, -1):
        w = lowers[k]
        if w in CHARGE_BREAKS:
            return False
        if k >= 2 and tuple(lowers[k - 2 : k + 1]) in CALLED:
            return True
        if w == "of":
            back = lowers[max(sent.token_start, k - ACCUSER_REACH) : k]
            return bool(ACCUSING.intersection(back)) and not CHARGE_BREAKS.intersection(back[-2:])
    return False


# Units of a long stretch of a war: "weeks of street fighting", "months of shelling" name the
# violence of a period; days and hours stay out ("two days of fighting" may be one incident told,
# GOLD-DEV.md codes it).
LONG_STRETCH = words("weeks months years")
STRETCH_GAP = 2  # words between "of" and the trigger ("weeks of heavy street fighting")


def stretch(doc: Doc, sent: Sentence, trigger: Trigger) -> bool:
    """ "took the city after weeks of street fighting", "after months of shelling and air strikes
    around Daraa": the trigger names a period's violence, the backdrop of what is told, not one
    incident of its own."""
    lowers = doc_lowers(doc)
    k = trigger.token_start - 1
    gap = 0
    while k > sent.token_start and lowers[k] != "of" and gap < STRETCH_GAP:
        if not doc[k].is_alpha:
            return False
        k -= 1
        gap += 1
    return k > sent.token_start and lowers[k] == "of" and lowers[k - 1] in LONG_STRETCH


# Verbs of saying that open what a party alleges ("state media said rebels had fired ...").
ALLEGING = words("said says told claimed claims alleged accused reported added")
ALLEGE_REACH = 25  # tokens from the verb of saying to the trigger
PERFECT_REACH = 3  # tokens either side of the trigger where its "had" stands
BARE_REACH = 15  # tokens either side of the trigger that must hold no day


def bare_allegation(doc: Doc, sent: Sentence, trigger: Trigger) -> bool:
    """ "State media said rebels had fired mortar bombs into parts of Damascus", "the ministry
    said ... that its aircraft had used white phosphorus in residential neighbourhoods": an
    attack a speaker says had happened, told in the past perfect with no day and no town near
    it (the caller checks that the sentence counts no dead): an allegation of the war's
    conduct, not an incident the report tells."""
    lowers = doc_lowers(doc)
    lo = max(sent.token_start, trigger.token_start - ALLEGE_REACH)
    if not ALLEGING.intersection(lowers[lo : trigger.token_start]):
        return False
    near = lowers[
        max(sent.token_start, trigger.token_start - PERFECT_REACH) : min(
            sent.token_end, trigger.token_end + PERFECT_REACH
        )
    ]
    if not any(a == "had" and _participle_word(b) for a, b in pairwise(near)):
        return False  # "had full control": "had" is the verb, not the perfect's auxiliary
    lo_tok = max(sent.token_start, trigger.token_start - BARE_REACH)
    hi_tok = min(sent.token_end, trigger.token_end + BARE_REACH)
    # a town or quarter named near it ("jets had bombed the town of Hajin") makes it an
    # incident told, alleged but placed; "parts of Damascus", "residential areas" do not
    if any(
        p.sent == sent.index and lo_tok <= p.token_start < hi_tok and specificity(p.place) < 2
        for p in doc._.places or ()
    ):
        return False
    start, end = doc_starts(doc)[lo_tok], token_end_char(doc, hi_tok - 1)
    return not any(start <= d.start < end and d.date is not None for d in doc._.dates or ())


# Past participles that do not end in "-ed" ("had hit", "had been shelled").
IRREGULAR_PARTICIPLES = words("hit shot struck taken fought thrown begun been made put set")


def _participle_word(word: str) -> bool:
    """Whether a word after "had" makes a perfect ("had fired", "had used", "had been")."""
    return word.endswith("ed") or word in IRREGULAR_PARTICIPLES


def to_date(toks: list[str]) -> bool:
    """ "so far", "to date", "thus far": what the sentence tells is summed up to now."""
    return any(pair in TO_DATE for pair in pairwise(toks))


TO_DATE = frozenset({("so", "far"), ("to", "date"), ("thus", "far")})

# Plural nouns of gains that "recent" makes a campaign's sum ("the army's recent victories").
GAINS = words("victories gains advances successes achievements")


def recent_gains(toks: list[str]) -> bool:
    """ "The army's recent victories in the east of the city were secured after ... and it
    managed to win full control of ...": gains summed over recent weeks, not one capture."""
    return any(a == "recent" and b in GAINS for a, b in pairwise(toks))


FOES = word_list("FOES")


CAMPAIGN = frozenset({"campaign", "campaigns"})


# Nouns of a military campaign; as the subject of a verb in the present perfect ("the offensive
# ... has plunged Syria into its worst violence") they sum up the campaign to now.
CAMPAIGN_NOUNS = words("offensive offensives assault assaults battle battles")
SUBJECT_REACH = 6  # tokens from the sentence's start within which the campaign noun opens it
FINITE_VERBS = words("has have had was were is are")
PERFECT = words("has have")
CLAUSE_OPENERS = words("which who that")


def campaign_to_now(lowers: list[str], sent: Sentence, trigger: Trigger) -> bool:
    """ "The government offensive against eastern Aleppo - which has destroyed hospitals - has
    plunged Syria into the worst violence of the war": a campaign noun opening the sentence
    whose own verb is in the present perfect sums the campaign up to now, not one clash ("the
    offensive was launched on Sunday", "the offensive had stalled" stay happenings told)."""
    if " ".join(lowers[trigger.token_start : trigger.token_end]) not in CAMPAIGN_NOUNS:
        return False
    if trigger.token_start - sent.token_start > SUBJECT_REACH:
        return False
    for k in range(trigger.token_end, sent.token_end):
        if lowers[k] in FINITE_VERBS and lowers[k - 1] not in CLAUSE_OPENERS:
            return lowers[k] in PERFECT
    return False


def campaign(lowers: list[str], trigger: Trigger) -> bool:
    """ "the air campaign", "its bombing campaign": the trigger names a campaign."""
    nxt = lowers[trigger.token_end] if trigger.token_end < len(lowers) else ""
    return nxt in CAMPAIGN or bool(
        CAMPAIGN.intersection(lowers[trigger.token_start : trigger.token_end])
    )


# Words that make a truce a condition, a wish, a demand or a task, not one declared ("a
# ceasefire would take effect once talks begin", "calls for a ceasefire", "to monitor the
# truce"). "Will" and "should" stay out: a truce declared may start later ("is due to begin").
TRUCE_WISHES = words(
    "would could might calls call calling urged urges urging demanded demands proposal hopes"
)
# Words just before a truce that make it the object of a task ("to monitor and enforce the
# truce", "declared they would observe the ceasefire"), not its declaration.
TRUCE_TASKS = words("monitor monitoring enforce enforcing observe observing respect respecting")

# Auxiliaries before "fighting" that make it the sentence's verb ("troops were fighting"); the
# present ones stay out: "a coalition is battling Daesh in Syria and Iraq" is a state of the war.
AUXILIARIES = words("was were been had")
# Adverbs that may stand between an auxiliary and its verb ("were also fighting").
ADVERBS = words("also still again now reportedly allegedly heavily fiercely")
# Words before "fighting" that make it how someone fell ("three soldiers were killed fighting").
FELL = words("killed died wounded injured dead")


# Words that make a base-form "join the truce" a party's acceptance told ("signed agreements on
# Monday to join the cessation", "agreed to join the truce"); without one, "join" is a call,
# a refusal or a plan ("urged the groups to flee and join the truce", "who didn't join").
ACCEPTING = words("signed sign signs agreed agree agrees decided decides voted accepted chose")
ACCEPT_REACH = 8  # tokens before "join" within which the acceptance stands
DENIAL_REACH = 3  # tokens before the trigger within which a negation stands ("have not joined")
NOT_DONE = word_list("NEGATING") | {"n't"}


def accession_told(doc: Doc, sent: Sentence, trigger: Trigger) -> bool:
    """Whether an accession trigger tells a party joining, not a call, refusal or plan to join."""
    lowers = doc_lowers(doc)
    k = trigger.token_start
    if NOT_DONE.intersection(lowers[max(sent.token_start, k - DENIAL_REACH) : k]):
        return False
    if lowers[k] != "join":
        return True  # "joined the truce", "acceded", "signed reconciliation agreements"
    return bool(ACCEPTING.intersection(lowers[max(sent.token_start, k - ACCEPT_REACH) : k]))


def under(doc: Doc, trigger: Trigger) -> bool:
    """ "trucks set out under a local truce agreed in September": the truce frames the story."""
    lowers = doc_lowers(doc)
    return "under" in lowers[max(0, trigger.token_start - 3) : trigger.token_start]


def task(doc: Doc, trigger: Trigger) -> bool:
    """ "a mechanism to monitor and enforce the fragile truce": the truce is a task's object."""
    lowers = doc_lowers(doc)
    before = lowers[max(0, trigger.token_start - 5) : trigger.token_start]
    return bool(TRUCE_TASKS.intersection(before))


def purpose(doc: Doc, sent: Sentence, trigger: Trigger) -> bool:
    """ "battling to take control of", "an offensive to gain full control": an aim; "claims to
    have captured", "managed to seize" are deeds told, and in "troops loyal to Damascus
    established control" the "to" belongs to a name, not to the trigger."""
    lowers = doc_lowers(doc)
    k = trigger.token_start
    lo = sent.token_start
    if k - 1 >= lo and lowers[k - 1] == "to":
        to = k - 1
    elif k - 2 >= lo and lowers[k - 2] == "to" and _infinitive(doc[k - 1].text):
        to = k - 2  # "to gain full control", but not "loyal to Damascus established"
    else:
        to = _object_of_aim(doc, lo, k)
        if to is None:
            return False
    return not (to > lo and lowers[to - 1] in ACHIEVED)


OBJECT_GAP = 2  # words between an aim's verb and the trigger besides the article ("the final")


def _object_of_aim(doc: Doc, lo: int, k: int) -> int | None:
    """ "leaving foreign fighters to face the final assault", "sent troops to launch an
    offensive": the trigger is the object of an infinitive, what is aimed at or yet to come.
    Gives where the "to" stands, or None."""
    lowers = doc_lowers(doc)
    j = k - 1
    gap = 0
    while j > lo and lowers[j] not in ARTICLES and gap < OBJECT_GAP:
        if not doc[j].is_alpha:
            return None
        j -= 1
        gap += 1
    if j <= lo + 1 or lowers[j] not in ARTICLES:
        return None
    if lowers[j - 2] == "to" and _infinitive(doc[j - 1].text):
        return j - 2
    return None


# Words before "to" that make the trigger a deed done ("managed to seize", "able to capture").
ACHIEVED = words("managed succeeded able have has")


def _infinitive(word: str) -> bool:
    """A lower-case word that can stand between "to" and a trigger as its verb ("to gain full
    control"); a capitalised token there is a name ("loyal to Damascus")."""
    return word.isalpha() and word.islower() and word != "have"  # "claims to have captured"


def participle(doc: Doc, trigger: Trigger) -> bool:
    """ "fighting militants", "a group fighting government forces": the verb describes an
    actor (an actor named right after it, no auxiliary before it)."""
    lowers = doc_lowers(doc)
    if trigger.text.lower() not in ("fighting", "battling"):
        return False
    k = trigger.token_start - 1
    while k > 0 and (lowers[k] in ADVERBS or lowers[k].endswith("ly")):
        k -= 1  # "were also fighting", "were fiercely fighting": look past the adverb
    nxt = lowers[trigger.token_end] if trigger.token_end < len(lowers) else ""
    if k >= 1 and lowers[k] == "been" and lowers[k - 1] in PERFECT:
        # "the group has been fighting alongside other factions": what a side has been doing
        # for a time, who it is, not a fight told
        return True
    if k >= 0 and lowers[k] in AUXILIARIES | FELL:
        return False  # "forces were fighting rebels", "soldiers killed fighting IS": happenings
    if nxt == "to" and _aim_verb(lowers, trigger.token_end + 1) and k >= 0 and _noun(doc, k):
        return True  # "rebels fighting to overthrow the president": who they are, their aim
    follows = any(
        a.token_start in (trigger.token_end, trigger.token_end + 1) for a in doc._.actors or ()
    )
    return nxt in FOES | SIDES_JOINED or follows


def _aim_verb(lowers: list[str], k: int) -> bool:
    """A bare verb at token ``k`` after "fighting to" ("to overthrow", "to topple"), not a
    noun phrase ("fighting to the death", "fighting to the south")."""
    return k < len(lowers) and lowers[k].isalpha() and lowers[k] not in ARTICLES


ARTICLES = words("the a an its their his her this that these those")


def _noun(doc: Doc, k: int) -> bool:
    """Whether token ``k`` may be the people "fighting" describes ("rebels fighting to ..."):
    a word, not a verb's auxiliary or a clause's opening."""
    return doc[k].is_alpha and doc[k].lower_ not in CLAUSE_OPENERS | FINITE_VERBS


# Words right after "fighting" that open the sides an actor fights ("rebels fighting both the
# regime and the jihadists", "militias fighting alongside the army"): a description of who they
# are, like "fighting militants".
SIDES_JOINED = words("both alongside")


def amid(lowers: list[str], sent: Sentence, trigger: Trigger) -> bool:
    """ "came amid intense clashes", "as they fled the front lines of a battle raging in
    Manbij": fighting named as the backdrop of another happening."""
    before = lowers[max(sent.token_start, trigger.token_start - 3) : trigger.token_start]
    return "amid" in before or bool(set(pairwise(before)) & FRONT_OF)


# Word pairs before a clash that make it the place of another happening ("the front lines of a
# battle", "the frontline of the fighting").
FRONT_OF = frozenset({("lines", "of"), ("line", "of"), ("frontline", "of"), ("frontlines", "of")})


# Words after fighting told "as" it went on ("as intense fighting was underway", "as clashes
# raged"): the fighting is the time of another happening told before it.
GOING_ON = words("underway raged raging continued continuing")
AS_REACH = 3  # tokens between "as" and the fighting ("as intense fighting"), and after it


def as_backdrop(lowers: list[str], sent: Sentence, trigger: Trigger) -> bool:
    """ "Airstrikes killed 85 civilians on Tuesday as intense fighting was underway": fighting
    told as going on while another happening was told (its caller checks that a weapon's
    happening stands before it in the sentence)."""
    before = lowers[max(sent.token_start, trigger.token_start - AS_REACH) : trigger.token_start]
    after = lowers[trigger.token_end : min(sent.token_end, trigger.token_end + AS_REACH)]
    return "as" in before and bool(GOING_ON.intersection(after))


# Words before fire or fighting that tell it as a state going on ("ongoing fighting", "the
# continued bombardment", "have continued bombardment of").
STATE_BEFORE = words("ongoing continuing continued continuous persistent")
STATE_REACH = 2  # tokens between the state word and the trigger ("ongoing heavy fighting")
JOINED = words("and or well")  # "ongoing fighting as well as air strikes", "and shelling"
JOIN_REACH = 4  # tokens between two triggers joined under one state word ("as well as government")


def going_on(doc: Doc, sent: Sentence, trigger: Trigger) -> bool:
    """ "reported ongoing fighting as well as government air strikes on the battlefield": fire
    or fighting told as a state going on, not one incident (its caller asks that no day, town
    or toll be told: "continues to hit the Aleppo neighbourhoods of X and Y" is coded). A
    trigger joined by "and" / "as well as" to one so told goes on with it."""
    lowers = doc_lowers(doc)
    lo = trigger.token_start
    if STATE_BEFORE.isdisjoint(lowers[sent.token_start : lo]):
        return False  # no state word before it in the sentence: the usual case, one lookup
    if STATE_BEFORE.intersection(lowers[max(sent.token_start, lo - STATE_REACH - 1) : lo]):
        return True
    prior = [
        t
        for t in doc._.triggers or ()
        if t.sent == sent.index and t.token_end <= lo and lo - t.token_end <= JOIN_REACH
    ]
    return any(
        JOINED.intersection(lowers[t.token_end : lo]) and going_on(doc, sent, t) for t in prior
    )
