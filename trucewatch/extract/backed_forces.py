"""Forces told only by who backs them: "US-backed fighters", "Turkish-backed forces".

The backer is not the force: "US-backed fighters advanced on Raqqa" tells a Syrian force the
United States supports, not the coalition. A backed force named by its own name ("US-backed
rebels", "the US-backed Syrian Democratic Forces") is read by the actor lexicon as before; this
module reads the ones with no name of their own, from the force the backer is known to back
and, for the United States, which backed it supported in the war, from the force the article
itself names (the Kurdish-led SDF in the north-east, else the rebels).

Used by :mod:`trucewatch.extract.actors` once its mentions are found (imported there when
first asked, as this module takes the party names from it).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from trucewatch.extract.actors import GOV, KURD, OPP
from trucewatch.extract.lexicon import words
from trucewatch.extract.spans import (
    ActorMention,
    doc_lowers,
    doc_text,
    sentence_of,
    token_at,
    token_end_char,
)

US_BACKERS = words("us u.s. american washington")
# backers whose Syrian clients are one party in all the war: Turkey backs rebels; Russia and
# Iran back the government's forces and militias
ONE_CLIENT = {"turkish": OPP, "turkey": OPP, "ankara": OPP} | dict.fromkeys(
    ("russian", "russia", "iranian", "iran", "tehran", "moscow"), GOV
)
# the nouns a backed force is told by when it has no name of its own
BACKED_NOUNS = words(
    """fighters forces troops militia militias militiamen alliance coalition groups group
    force units gunmen"""
)
BACKED = re.compile(r"-backed\b", re.IGNORECASE)


def backed_forces(doc: Doc, found: list[ActorMention]) -> list[ActorMention]:
    """``found`` with each "X-backed <fighters>" told by no name of its own as one mention of
    the party X backs (any mention of the backer inside it dropped); ``found`` itself when the
    text tells none, or the backer's client cannot be told."""
    text = doc_text(doc)
    if "-backed" not in text and "-Backed" not in text:
        return found
    lows = doc_lowers(doc)
    taken = {k for a in found for k in range(a.token_start, a.token_end)}
    added: list[ActorMention] = []
    for match in BACKED.finditer(text):
        k = token_at(doc, match.start())
        if k < 0:
            continue
        # "U.S.-backed" is one token, "US-backed" three ("US", "-", "backed")
        word = lows[k]
        backer, first = (word[: -len("-backed")], k) if word.endswith("-backed") else ("", k)
        if not backer and k >= 1 and lows[k] == "-" and lows[k + 1 : k + 2] == ["backed"]:
            backer, first, k = lows[k - 1], k - 1, k + 1
        noun = k + 1
        if noun >= len(lows) or lows[noun] not in BACKED_NOUNS or noun in taken:
            continue  # "US-backed rebels": a name of its own, read already
        party = _client(backer, found)
        if party is None:
            continue
        start, end = doc[first].idx, token_end_char(doc, noun)
        added.append(
            ActorMention(
                start=start,
                end=end,
                text=text[start:end],
                canonical=party,
                token_start=first,
                token_end=noun + 1,
                sent=sentence_of(doc, first),
            )
        )
    if not added:
        return found
    inside = {k for a in added for k in range(a.token_start, a.token_end)}
    kept = [a for a in found if a.token_start not in inside]
    return sorted(kept + added, key=lambda a: a.token_start)


def _client(backer: str, found: list[ActorMention]) -> str | None:
    """The party a backer's unnamed force belongs to: its one client, or for the United States
    the Kurdish-led forces when the article names them, else the rebels it names; None when
    it names neither."""
    if backer in ONE_CLIENT:
        return ONE_CLIENT[backer]
    if backer not in US_BACKERS:
        return None
    named = {a.canonical for a in found}
    return KURD if KURD in named else OPP if OPP in named else None
