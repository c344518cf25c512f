"""The party a headline names as acting: "Airstrikes by Assad regime warplanes kill 4 in
Idlib", "Militants attack Idlib, kill 3", "Kurdish forces repel IS attack" (the side repelling;
not the side hit, "Bomb attack on Russian base", nor one denying, "as Russia denies role").

A headline is the outlet's own statement about the incident it leads with. When it names one
acting party (its victims left out: "40 Terrorists Killed in Army Offensive" names the army),
that party carried out the incident whose toll the headline gives, if the text itself names no
one for it.
"""

from __future__ import annotations

from functools import lru_cache

from trucewatch.extract.actor_roles import ATTACKING_VERBS, is_force, is_victim
from trucewatch.extract.actors import CANONICAL, GENERIC_FIGHTERS, actor_lexicon, canonical_of
from trucewatch.extract.clash_sides import REPELLING
from trucewatch.extract.lexicon import blank_tokenizer, words
from trucewatch.extract.spans import ActorMention, Sentence

# Words before a party that make it the side hit: "Bomb attack on Russian base kills 2",
# "Turkish Army Shells Kurdish Positions" (a headline's verbs are in the present).
HIT_BEFORE = (
    words("on against targeting at")
    | ATTACKING_VERBS
    | words("attacks targets strikes hits shells bombs pounds raids storms ambushes bombards")
    | words("attack target hit shell pound storm ambush bombard")
)
HIT_LEAD = words("a an the")
# A headline's act verbs (in the present): a party named after the verb that follows the acting
# party is its object ("US-led Coalition Kills Over 20 Daesh Operatives Plotting Terrorist
# Attacks": Daesh and the "Terrorist" attacks plotted are no second actor).
ACT_VERBS = words(
    """kills kill attacks attack strikes strike hits hit shells shell bombs bomb pounds pound
    raids raid storms storm ambushes ambush bombards bombard targets target destroys destroy
    repels repel"""
)
# A party's men counted ("33 Militants Claimed in Fierce Fighting"): the dead, not who acted.
COUNT_WORDS = words("dozens scores hundreds tens")
ACT_NOUNS = words("attack bombing bombings blast blasts explosion explosions shelling raid")
# A party denying ("as Russia denies role") is no party named as acting.
DENYING = words("denies deny denied denying rejects rejected")


@lru_cache(maxsize=4096)
def headline_agent(title: str | None) -> str | None:
    """The one canonical party a headline names as acting, or None (no party, or several)."""
    if not title:
        return None
    doc = blank_tokenizer()(title)
    sent = Sentence(0, 0, len(title), 0, len(doc))
    spans: list[tuple[int, int, str | None]] = []
    for match in actor_lexicon().find(doc):
        first, last = doc[match.start], doc[match.end - 1]
        text = title[first.idx : last.idx + len(last.text)]
        canonical = next(
            (c for v in match.values if (c := canonical_of(text, v, None)[0]) is not None), None
        )
        if spans and spans[-1][1] == match.start and text.lower() in GENERIC_FIGHTERS:
            # "12 Daesh Militants": the party's men, one mention (as find_actors joins them)
            spans[-1] = (spans[-1][0], match.end, spans[-1][2])
            continue
        spans.append((match.start, match.end, canonical))
    lows = [t.lower_ for t in doc]
    # "Kurdish forces repel IS attack": the side repelling acts, the attack repelled is the
    # other's (as in the text, :func:`clash_sides.repeller`)
    repel = next((k for k, w in enumerate(lows) if w in REPELLING), None)
    # the act verb after the first party named: parties after it are its objects
    first_end = min((end for _, end, _ in spans), default=len(lows))
    verb = next((k for k in range(first_end, len(lows)) if lows[k] in ACT_VERBS), None)
    parties: set[str] = set()
    for start, end, canonical in spans:
        if canonical not in CANONICAL:
            continue
        if repel is not None and start > repel:
            continue
        if verb is not None and start > verb:
            continue
        counted = start > 0 and (doc[start - 1].like_num or lows[start - 1] in COUNT_WORDS)
        if counted and (end >= len(lows) or lows[end] not in ACT_VERBS | ACT_NOUNS):
            continue  # "33 Militants Claimed": the men counted dead (not "Three Terrorist Attacks")
        k = start - 1
        while k >= 0 and lows[k] in HIT_LEAD:
            k -= 1
        if k >= 0 and lows[k] in HIT_BEFORE:
            continue  # "attack on Russian base", "Shells Kurdish Positions": the side hit
        if end < len(lows) and lows[end] in DENYING:
            continue  # "as Russia denies role"
        first, last = doc[start], doc[end - 1]
        text = title[first.idx : last.idx + len(last.text)]
        mention = ActorMention(first.idx, last.idx + len(last.text), text, canonical, start, end, 0)
        if is_force(doc, mention) and not is_victim(doc, mention, sent):
            parties.add(canonical)
    return parties.pop() if len(parties) == 1 else None
