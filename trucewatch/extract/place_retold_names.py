"""Places told again or respelt: a name a reader has told as a place is that place wherever the
text names it again ("the key town of Zamrin ... the camp in Zamrin"), and a name no gazetteer
key reaches whose consonants are one known place's of a governorate the sentence names is that
place under the text's spelling ("the attack on Jameliaiah in West Aleppo")."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from trucewatch.extract.place_name_words import (
    GROUP_NOUNS,
    NAME_GLUE,
    NAME_OPENERS,
    NOT_NAMES,
    PLACE_INTRO,
    SPELLED_LIST,
)
from trucewatch.extract.spans import (
    PlaceMention,
    doc_lowers,
    doc_starts,
    doc_texts,
    sentence_of,
    token_end_char,
    tokens_text,
)
from trucewatch.gazetteer.places import load_gazetteer


def repeated(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "near the key town of Zamrin ... an ambush on the road to the camp in Zamrin": a name
    the gazetteer lacks, once the text has told it as a place (by its kind, its opener or the
    known place it lies near), is that place wherever the text names it again, spelt the same
    way. Every mention of it takes the place its first telling was read as (one name is one
    place in a report, wherever the sentence around a later mention points)."""
    read = [p for p in found if not p.candidates and p.place.geonameid is None]
    if not read:
        return found
    texts = doc_texts(doc)
    first: dict[tuple[str, ...], PlaceMention] = {}
    for p in read:
        words = tuple(texts[p.token_start : p.token_end])
        if words[0][:1].isupper():
            first.setdefault(words, p)
    read_ids = {id(p) for p in read}
    out = []
    for p in found:
        told = first.get(tuple(texts[p.token_start : p.token_end])) if id(p) in read_ids else None
        out.append(replace(p, place=told.place) if told is not None and told is not p else p)
    covered = {k for p in found for k in range(p.token_start, p.token_end)}
    for words, p in first.items():
        n = len(words)
        for k in range(len(texts) - n + 1):
            if texts[k] != words[0] or tuple(texts[k : k + n]) != words:
                continue
            if any(j in covered for j in range(k, k + n)):
                continue
            if k + n < len(texts) and texts[k + n].lower() in GROUP_NOUNS:
                continue  # "the al-Sheitaat tribe": the people of that name, not the place
            start, end = doc_starts(doc)[k], doc_starts(doc)[k + n - 1] + len(texts[k + n - 1])
            sent = sentence_of(doc, k)
            out.append(replace(p, start=start, end=end, token_start=k, token_end=k + n, sent=sent))
            covered.update(range(k, k + n))
    return sorted(out, key=lambda m: m.start)


SPELLED_REACH = 3  # tokens a respelt name may run ("Bab al-Nayrab", "Sheikh Maqsoud")


def _ends(mentions: list[PlaceMention]) -> set[int]:
    """The last tokens of some mentions."""
    return {p.token_end - 1 for p in mentions}


def spelled(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "the attack on Jameliaiah in West Aleppo": a capitalised name told as a place (after
    "in", "at", "on", "near", "of", or listed right after a place) that no gazetteer key
    reaches, but whose consonant skeleton is that of exactly one known place of a governorate
    the same sentence names (doubled or dropped vowels, "-iyah"/"-iyeh"/"-ieh" endings, an
    "al-"/"el-" article) is that place, under the text's own spelling."""
    from trucewatch.extract.place_nesting import QUARTER_WORDS
    from trucewatch.gazetteer.actors import load_actors

    lowers = doc_lowers(doc)
    covered = {k for p in found for k in range(p.token_start, p.token_end)}
    govs_of: dict[int, set[str]] = {}
    for p in found:
        if p.place.governorate:
            govs_of.setdefault(p.sent, set()).add(p.place.governorate)
    if not govs_of:
        return found
    gaz, actors = load_gazetteer(), load_actors()
    added: list[PlaceMention] = []
    k = 1
    texts = doc_texts(doc)
    sents = doc._.sentences  # read once: every ``doc._`` read builds a proxy object
    while k < len(texts):
        word = texts[k]
        # str.isalpha on the text is what Token.is_alpha reads, without building a Token
        if k in covered or not (word[:1].isupper() and word.isalpha()) or len(word) < 4:
            k += 1
            continue
        first = k - 2 if k >= 2 and lowers[k - 1] == "-" and lowers[k - 2] in NAME_GLUE else k
        sent = sentence_of(doc, first)
        # the sentence's own governorates, else those of the sentence before or after ("...
        # in Aleppo province. Strikes hit Kafr Nayeh on Monday")
        govs = govs_of.get(sent) or (govs_of.get(sent - 1, set()) | govs_of.get(sent + 1, set()))
        start_tok = sents[sent].token_start
        if not govs or first <= start_tok or lowers[k] in NOT_NAMES | NAME_OPENERS:
            k += 1
            continue
        back = first - 1 if lowers[first - 1] != "the" else first - 2
        listed = lowers[back] in SPELLED_LIST and (back - 1 in covered or back - 1 in _ends(added))
        after = lowers[k + 1] if k + 1 < len(doc) else ""
        if not (lowers[back] in PLACE_INTRO or listed or after in QUARTER_WORDS):
            k += 1
            continue
        hit = None
        for last in range(min(k + SPELLED_REACH, len(doc)) - 1, k - 1, -1):
            if any(j in covered or not doc_texts(doc)[j][:1].isupper() for j in range(k, last + 1)):
                continue
            name = tokens_text(doc, first, last + 1)
            if actors.resolve(name) is not None or gaz.stopped(name):
                break  # "on Nusra", "in Hezbollah": a party, not a place; "of Kilis": Turkey's
            if (
                last + 2 < len(doc)
                and lowers[last + 1] == "-"
                and doc_texts(doc)[last + 2][:1].isupper()
            ):
                break  # "Hassak-Nisibis": part of a compound name, not a place alone
            place = gaz.spelled_like(name, govs)
            if place is not None:
                hit = (last, name, place)
                break
        if hit is None:
            k += 1
            continue
        last, name, place = hit
        start, end = doc_starts(doc)[first], token_end_char(doc, last)
        mention = PlaceMention(
            start, end, name, replace(place, name=name), first, last + 1, sent, (place,)
        )
        added.append(mention)
        covered.update(range(first, last + 1))
        k = last + 1
    return sorted(found + added, key=lambda p: p.start) if added else found
