"""More of an attack told at a new place: "Coalition raids near Kobani killed 35 fighters.
ISIL facilities and vehicles were also hit in Hasakeh" tells another air strike, at Hasakeh.
Used by :mod:`.drafts` after :func:`~trucewatch.extract.town_counts.figures_at_new_places`,
which reads the same for a sentence that counts dead at a new town."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.draft import WEAPON_TYPES, Draft, mention, place_name, take_party
from trucewatch.extract.incident_dates import choose_date
from trucewatch.extract.incident_places import told_where
from trucewatch.extract.lexicon import words
from trucewatch.extract.roles import is_context, is_summary
from trucewatch.extract.spans import Sentence, Trigger, doc_lowers
from trucewatch.extract.town_counts import NEW_PLACE_REACH

# Verbs that, right after "also", tell more of the attack just told ("were also hit in X").
HIT_AGAIN = words("hit targeted struck bombed pounded shelled raided")


def also_hit_at_new_places(doc: Doc, drafts: list[Draft], triggered: set[int]) -> list[Draft]:
    """ "Coalition raids near Kobani killed 35 fighters. ISIL facilities and vehicles were also
    hit in Hasakeh": a sentence with no incident word of its own that says "also hit" (or
    targeted, struck, bombed, ...) at one place told as where, just after a weapon incident
    placed elsewhere, tells the same kind of attack there: another incident, attributed as the
    one before, with only its own day (GOLD-DEV.md: "also" links are not enough)."""
    sents: list[Sentence] = doc._.sentences
    lowers = doc_lowers(doc)
    told = {d.sent for d in drafts}
    out = list(drafts)
    for sent in sents:
        k = sent.index
        if k in told or k in triggered or is_summary(doc, sent) or is_context(doc, sent):
            continue
        words_k = lowers[sent.token_start : sent.token_end]
        hit = next(
            (i for i, (a, b) in enumerate(pairwise(words_k)) if a == "also" and b in HIT_AGAIN),
            None,
        )
        prior = [d for d in drafts if 0 < k - d.sent <= NEW_PLACE_REACH and d.type in WEAPON_TYPES]
        if hit is None or not prior:
            continue
        places = [p for p in doc._.places or () if p.sent == k and told_where(doc, p)]
        before = prior[-1]
        if len({p.place.name for p in places}) != 1 or place_name(before) == places[0].place.name:
            continue
        verb = doc[sent.token_start + hit + 1]
        trigger = Trigger(
            verb.idx, verb.idx + len(verb), verb.text, before.type, verb.i, verb.i + 1, k, 1
        )
        draft = Draft(before.type, k, trigger, place=places[0])
        draft.apart = True
        draft.evidence.append(before.evidence[0])  # the type was told with the attack before
        take_party(draft, before)
        draft.evidence.append(mention("place", doc, places[0].start, places[0].end))
        draft.date = choose_date(doc, sent, trigger)
        out.append(draft)
    return sorted(out, key=lambda d: (d.sent, d.trigger.start))
