"""A party's common noun written as a possessive with its apostrophe stripped, as FA-KES copy
prints it: "the coalitions airstrike" (the coalition's), "the armys shelling" (the army's).

"armys" is no English word, so it is always the army's; "coalitions" and "regimes" are also
plurals ("rebel coalitions"), so they are read as possessives only after "the" and before a
noun of an act or of what a party fights with ("the coalitions airstrike", "the regimes
warplanes")."""

from __future__ import annotations

from spacy.tokens import Doc

from trucewatch.extract.lexicon import words
from trucewatch.extract.spans import ActorMention, doc_lowers, doc_text, sentence_of

# the stripped possessive → the party its noun stands for (as "the coalition", "the army" do)
ALWAYS_POSSESSIVE = {"armys": "Syrian government forces"}
PLURAL_OR_POSSESSIVE = {
    "coalitions": "US-led coalition",
    "regimes": "Syrian government forces",
}
# "the alliances warplanes" (the alliance's): an alliance flying aircraft over Syria is the
# US-led one (the SDF, also "an alliance", flies none), so only before an air word.
AIR_ONLY_POSSESSIVE = {"alliances": "US-led coalition"}
AIR_POSSESSED = words(
    """airstrike airstrikes air aircraft jets warplanes planes helicopters drones bombers
    raids"""
)
# What such a possessive owns when it names the party acting: an act, or its carrier or men.
POSSESSED = words(
    """airstrike airstrikes strike strikes air shelling bombardment bombing bombings raid raids
    attack attacks offensive assault operation operations campaign artillery rockets missiles
    aircraft jets warplanes planes helicopters drones bombers tanks forces troops soldiers
    units fighter war barrel bombs shells mortars snipers militias fighters gunboats"""
)


def stripped_possessives(doc: Doc, taken: set[int]) -> list[ActorMention]:
    """Mentions of parties named by a possessive with its apostrophe stripped, on tokens no
    other mention holds (``taken``)."""
    found = []
    lowers = doc_lowers(doc)
    n = len(lowers)
    for k, low in enumerate(lowers):
        party = ALWAYS_POSSESSIVE.get(low)
        if party is None and low in PLURAL_OR_POSSESSIVE:
            the_before = k > 0 and lowers[k - 1] == "the"
            owned_after = k + 1 < n and lowers[k + 1] in POSSESSED
            party = PLURAL_OR_POSSESSIVE[low] if the_before and owned_after else None
        elif party is None and low in AIR_ONLY_POSSESSIVE:
            the_before = k > 0 and lowers[k - 1] == "the"
            flown = k + 1 < n and lowers[k + 1] in AIR_POSSESSED
            party = AIR_ONLY_POSSESSIVE[low] if the_before and flown else None
        if party is None or k in taken:
            continue
        tok = doc[k]
        text = doc_text(doc)[tok.idx : tok.idx + len(tok.text)]
        found.append(
            ActorMention(
                tok.idx, tok.idx + len(tok.text), text, party, k, k + 1, sentence_of(doc, k)
            )
        )
    return found


# Bare force nouns a possessive before them gives to its party ("the coalitions air force").
BARE_FORCES = words("army troops forces military soldiers") | {"air force", "armed forces"}


def owned_forces(
    doc: Doc, found: list[ActorMention], owners: list[ActorMention]
) -> tuple[list[ActorMention], list[ActorMention]]:
    """``found`` with each bare force noun right after a stripped possessive in ``owners`` ("the
    coalitions air force", "the alliances Air Force") given to that possessive's party as one
    mention (alone, the bare noun would stand for the Syrian one), and the possessives left."""
    by_end = {o.token_end: o for o in owners}
    used: set[int] = set()
    out = []
    for a in found:
        owner = by_end.get(a.token_start)
        if owner is not None and a.text.lower() in BARE_FORCES:
            used.add(owner.token_start)
            text = doc_text(doc)[owner.start : a.end]
            a = ActorMention(
                owner.start, a.end, text, owner.canonical, owner.token_start, a.token_end, a.sent
            )
        out.append(a)
    return out, [o for o in owners if o.token_start not in used]
