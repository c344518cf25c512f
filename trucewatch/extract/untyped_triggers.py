"""Triggers a report's words imply without naming a weapon: "the army killed 60 terrorists"
(a force named as killing fighters tells a clash, or an air strike when the force flies), and
"a terrorist attack killed 18" (an untyped attack in the lead of a report that types nothing
violent)."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.draft import LEAD_SENTENCES
from trucewatch.extract.events import find_triggers
from trucewatch.extract.figure_roles import toll_figures
from trucewatch.extract.lexicon import word_list, words
from trucewatch.extract.roles import is_happening, is_summary
from trucewatch.extract.spans import ActorMention, Quantity, Sentence, Trigger, doc_lowers
from trucewatch.extract.tolls import ARMED_VICTIMS, COMBATANTS
from trucewatch.extract.trigger_roles import passing_role
from trucewatch.model.incident import IncidentType

KILL_VERBS = word_list("KILL_VERBS")
# Words in (or right after) the name of a force that kills from the air ("the Air Force",
# "Russia's Aerospace Forces", "Syrian warplanes"); "supported by the air force" names the help.
AIR_KILLERS = frozenset({"aerospace", "airforce", "warplanes", "jets", "aircraft"})
SUPPORTED = frozenset({"by", "of"})
# Fighters a force is told to kill: the lexicon's fighters and the soldiers of a state
# ("YPG killed 17 Turkish servicemen").
KILLED_FIGHTERS = COMBATANTS | frozenset({"servicemen", "serviceman"})
# Words between "by" and the force's name in a passive killing ("killed by the Kurdish-led SDF").
BY_GAP = 3


def kill_triggers(
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
        if not KILLED_FIGHTERS.intersection(
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
            # "17 militants were killed by the Kurdish-led SDF": the force after "killed by"
            killer = [a for a in actors if a.sent == q.sent and _killed_by(lowers, q, a)][:1]
            if not killer:
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


# Verbs of a force wrecking its enemy's means ("army units destroyed vehicles of terrorists").
DESTROY_VERBS = words("destroyed destroying demolished")
ACT_GAP = 3  # words between the force's name and its verb ("army units on Sunday destroyed")
ENEMY_REACH = 14  # words after the verb where whose means they were is told


def destroy_triggers(
    doc: Doc, by_sent: dict[int, list[Trigger]]
) -> list[tuple[Trigger, ActorMention]]:
    """ "Army units destroyed vehicles equipped with machineguns for terrorists in al-Lataminah":
    a force named as destroying its armed enemy's means at a place, in a sentence naming no
    weapon, tells an armed clash (as "the army killed 60 terrorists" does, GOLD-DEV.md 762),
    an air strike when the force flies; the verb stands as its trigger. So does a force that
    "attacked" its enemy or a place named right after the verb ("the militants had also
    attacked the village of X, killing 20": :data:`ASSAULT_VERBS`)."""
    actors = doc._.actors or []
    lowers = doc_lowers(doc)
    placed = {p.sent for p in doc._.places or ()}
    out: list[tuple[Trigger, ActorMention]] = []
    for sent in doc._.sentences:
        if sent.index in by_sent or sent.index not in placed or is_summary(doc, sent):
            continue
        for a in actors:
            if a.sent != sent.index or a.canonical in (None, "civilians"):
                continue
            verb = next(
                (
                    k
                    for k in range(a.token_end, min(a.token_end + ACT_GAP + 1, sent.token_end))
                    if lowers[k] in DESTROY_VERBS or lowers[k] in ASSAULT_VERBS
                ),
                None,
            )
            if verb is None:
                continue
            reach = lowers[verb + 1 : min(verb + 1 + ENEMY_REACH, sent.token_end)]
            enemy = KILLED_FIGHTERS.intersection(reach) or any(
                b.sent == sent.index
                and verb < b.token_start <= verb + ENEMY_REACH
                and b.canonical not in (None, "civilians", a.canonical)
                for b in actors
            )
            if lowers[verb] in ASSAULT_VERBS:
                # "the militants had also attacked the village of X, killing 20": a force
                # that attacks a place or its enemy there fought there
                enemy = enemy or _attacked_place(doc, sent, verb)
            if not enemy:
                continue
            named = lowers[a.token_start : a.token_end + 2]
            aloft = AIR_KILLERS.intersection(named) or ("air", "force") in set(pairwise(named))
            kind = IncidentType.AIR_STRIKE if aloft else IncidentType.ARMED_CLASH
            t = doc[verb]
            trigger = Trigger(t.idx, t.idx + len(t), t.text, kind, verb, verb + 1, sent.index, 1)
            if is_happening(doc, sent, kind, [trigger]):
                out.append((trigger, a))
                break
    return out


# Verbs of a force falling on a place or its enemy ("forces attacked rebel positions around
# X", "fighters had also attacked the village of X"), read as destroy verbs are.
ASSAULT_VERBS = words("attacked")
PLACE_GAP = 6  # words between "attacked" and the place it names ("the village of X")


def _attacked_place(doc: Doc, sent: Sentence, verb: int) -> bool:
    """Whether a place of the sentence follows the attack verb closely ("attacked the village
    of X", "attacked rebel positions around the town of X")."""
    return any(
        p.sent == sent.index and verb < p.token_start <= verb + PLACE_GAP
        for p in doc._.places or ()
    )


def _killed_by(lowers: list[str], q: Quantity, a: ActorMention) -> bool:
    """Whether the force ``a`` is named after the figure ``q`` as its killer: "were killed by
    (the Kurdish-led) SDF", a killing verb right before "by" and at most a few words between."""
    if a.token_start <= q.token_end or a.canonical in (None, "civilians"):
        return False
    by = next(
        (k for k in range(a.token_start - 1, a.token_start - 2 - BY_GAP, -1) if lowers[k] == "by"),
        None,
    )
    if by is None or by < q.token_end or lowers[by - 1] not in KILL_VERBS:
        return False
    return "," not in lowers[q.token_end : by]


# Words that tell an attack without saying with what ("a terrorist attack", "targeted a bus").
UNTYPED_ATTACK = word_list("UNTYPED_ATTACK")


def untyped_attack(doc: Doc, related: dict[int, int]) -> Trigger | None:
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
            victims = outside_brackets(lowers[q.token_start : sent.token_end])[
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


def outside_brackets(tokens: list[str]) -> list[str]:
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


# Words that open a clause telling how the dead were killed ("... were killed when gunmen
# stormed a checkpoint", "... died as the army shelled the town").
HOW_CLAUSE = frozenset({"when", "as"})
# Words after a force's name that show it does not act in the clause: it is acted on ("when
# soldiers were ambushed") or is listed or qualified ("and", "who"); a force owning something
# ("the army's convoy") is followed by no word at all.
NOT_ACTING = words(
    "was were is are had has have been being and or who which that of in on at to from with near"
)
# Words that end the subject before its kill verb, or open another clause in it ("mines
# planted by X who ... killed"): the agent stands a few plain words before the verb.
SUBJECT_BREAK = frozenset({"and", "or", "who", "which", "that", "were", "was", "while"})
AGENT_GAP = 3


def untyped_killer(doc: Doc, trigger: Trigger) -> ActorMention | None:
    """Who killed in an untyped attack's sentence: the force opening a "when" clause after the
    killing ("Four people were killed when gunmen attacked a checkpoint") or the agent of what
    killed ("mines planted by the group have killed six"). A headline's attack ("Four killed in
    terrorist attack") is told again by the next sentence, which may name the killer; None
    when neither names one."""
    sents = doc._.sentences
    for index in (trigger.sent, trigger.sent + 1)[: 2 if trigger.sent + 1 < LEAD_SENTENCES else 1]:
        if index < len(sents):
            killer = _killer_in(doc, sents[index])
            if killer is not None:
                return killer
    return None


def _killer_in(doc: Doc, sent: Sentence) -> ActorMention | None:
    """The force opening a "when" clause after the sentence's kill verb, or the "by" agent of
    the kill verb's subject."""
    lowers = doc_lowers(doc)
    kill = next(
        (i for i in range(sent.token_start, sent.token_end) if lowers[i] in KILL_VERBS), None
    )
    if kill is None:
        return None
    for a in doc._.actors or ():
        if a.sent != sent.index or a.canonical in (None, "civilians"):
            continue
        before = a.token_start - 1
        if before > sent.token_start and lowers[before] == "the":
            before -= 1
        if before <= sent.token_start:
            continue
        if a.token_start > kill and lowers[before] in HOW_CLAUSE:
            nxt = doc[a.token_end] if a.token_end < sent.token_end else None
            if nxt is not None and nxt.is_alpha and nxt.is_lower and nxt.lower_ not in NOT_ACTING:
                return a
        if a.token_end <= kill and lowers[before] == "by":
            between = lowers[a.token_end : kill]
            done = doc[before - 1]
            plain = len(between) <= AGENT_GAP and all(w.isalpha() for w in between)
            if (
                plain
                and not SUBJECT_BREAK.intersection(between)
                and done.is_lower
                and done.lower_.endswith(("ed", "laid", "left", "set"))
            ):
                return a
    return None
