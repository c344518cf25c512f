"""Places named in a report, resolved against the gazetteer, with their governorate.

Beyond the gazetteer lookup itself this component reads the phrases monitors use for regions:
"Hama province", "the countryside of Aleppo", "Damascus countryside" (= Rif Dimashq), and marks a
place as *near* a town for "on the outskirts of X" or "east of X". Ambiguous names take the
candidate whose governorate the rest of the report supports.

Places the gazetteer lacks are found by how the text tells them, each reader in the module of
that telling, and recorded under their own name at the coordinates of the place that locates
them (``place_locating``), with an honest precision:

- by its kind ("the village of Ghandoura", "the Sevre district"): ``place_kind_names``
- by the word that opens it ("in Tal Toughan", "in al-Mastumah"): ``place_opened_names``
- by the known place right after it ("in Urum al-Kubra, west of Aleppo"): ``place_located_names``
- told again or respelt ("the camp in Zamrin", "Jameliaiah in West Aleppo"):
  ``place_retold_names``

Their word lists are in ``place_name_words`` and the shape of a name ("Tal Zarqoun al-Kabir";
"MSF Hospital" is no town) in ``place_name_shape``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.lexicon import Lexicon, blank_tokenizer, words
from trucewatch.extract.place_glued import glued
from trucewatch.extract.place_kind_names import introduced
from trucewatch.extract.place_located_names import told_in, unlisted
from trucewatch.extract.place_name_words import COMPASS, NOT_NAMES
from trucewatch.extract.place_nesting import (
    CAPITAL,
    CAPITAL_REGION,
    far_beside,
    nest,
    quarters_of_the_city,
    same_named,
)
from trucewatch.extract.place_opened_names import article_joined, opened_names
from trucewatch.extract.place_retold_names import repeated, spelled
from trucewatch.extract.spans import (
    PlaceMention,
    doc_lowers,
    doc_starts,
    doc_text,
    doc_texts,
    sentence_of,
    token_end_char,
)
from trucewatch.gazetteer.places import GOVERNORATES
from trucewatch.model.incident import GeoPrecision, Place

REGION_AFTER = frozenset({"province", "governorate", "countryside", "region", "suburbs"})
REGION_BEFORE = frozenset({"province", "governorate", "countryside", "rural", "rif"})
NEAR_WORDS = frozenset({"outskirts", "near", "nearby", "outside", "around", "vicinity"})
SUBURBS = frozenset({"suburbs", "suburb"})  # "the suburbs of X": around X
# Words that open Arabic place names ("Tal Abyad", "Bab al-Hawa"); alone they name nothing.
NAME_PARTS_WORDS = words(
    """tal tel tell tall bab kafr kfar kafar deir ain ayn jabal jebel jabel wadi khan ras qasr
    hay beit bayt umm abu bir sheikh shaykh maarat marat"""
)


@lru_cache(maxsize=65536)
def place_token_key(text: str) -> str | None:
    """A token's key under the gazetteer's place-variant normalisation (so "Kfar" matches
    "Kafr" and "Jisreen" "Jisrin"); None for article tokens ("al-")."""
    from trucewatch.gazetteer.normalise import ARTICLES, place_tokens

    if text.lower() in ARTICLES:
        return None
    parts = place_tokens(text)
    return " ".join(parts) if parts else None


#: NAME_PARTS_WORDS under the token key ("Kfar" and "Kafr" are one).
NAME_PARTS = frozenset(k for k in map(place_token_key, NAME_PARTS_WORDS) if k)


@lru_cache(maxsize=1)
def gazetteer_lexicon() -> tuple[Lexicon[Place], object]:
    """The gazetteer's surface forms as a lexicon (built once per process)."""
    from trucewatch.gazetteer.places import load_gazetteer

    gaz = load_gazetteer()
    lex: Lexicon[Place] = Lexicon(place_token_key)
    for form, places in gaz.surface_forms().items():
        for place in places:
            lex.add(form, place)
            # FA-KES strips apostrophes: "Aleppo's" arrives as "Aleppos". (Not for a form that
            # holds an ayn mark itself: "Sa'an" + s keys as the French word "Sans".)
            if len(form) >= 5 and not form.endswith("s") and "'" not in form:
                lex.add(form + "s", place)
            # Stripped copy glues a name's first word to the next: "KafrTakharim", "TalRifaat".
            parts = form.replace("-", " ").split()
            if len(parts) == 2 and place_token_key(parts[0]) in NAME_PARTS and len(parts[1]) >= 4:
                lex.add("".join(parts), place)
            # ... and an article to its word: "Bab Alnairab", "Deir Alzor"
            glued = _glue_articles(parts)
            if glued != parts:
                lex.add(" ".join(glued), place)
            # ... and a leading one, written "al" whatever its sound: "Alwaer", "Altibni"
            if len(parts) >= 2 and parts[0] in LEADING_ARTICLES and len(parts[1]) >= 3:
                lex.add(" ".join(["al" + parts[1], *glued[2:]]), place)
    return lex, gaz


LEADING_ARTICLES = frozenset({"al", "el", "as", "at", "ad", "ar", "an", "az", "ash", "ath"})


def _glue_articles(parts: list[str]) -> list[str]:
    """A name's words with each inner "al"/"el" joined to the word after it, as copy stripped
    of punctuation writes them ("bab al nairab" -> "bab alnairab"); a leading article stays."""
    out: list[str] = []
    k = 0
    while k < len(parts):
        if k > 0 and parts[k] in ("al", "el") and k + 1 < len(parts) and len(parts[k + 1]) >= 3:
            out.append(parts[k] + parts[k + 1])
            k += 2
        else:
            out.append(parts[k])
            k += 1
    return out


def _region(governorate: str) -> Place:
    """A governorate as a place of regional precision."""
    return Place(name=governorate, governorate=governorate, geo_precision=GeoPrecision.REGION)


def _choose(candidates: tuple[Place, ...], votes: Counter[str]) -> Place:
    """The candidate whose governorate the report mentions most; gazetteer order breaks ties."""
    if len(candidates) == 1 or not votes:
        return candidates[0]
    best = max(
        range(len(candidates)),
        key=lambda k: (votes.get(candidates[k].governorate or "", 0), -k),
    )
    return candidates[best]


def _dateline_place(doc: Doc, start: int, end: int) -> bool:
    """ "DAMASCUS (Sputnik)", "BEIRUT -": where the story was filed, not where it happened."""
    texts, starts = doc_texts(doc), doc_starts(doc)
    text = doc_text(doc)[starts[start] : starts[end - 1] + len(texts[end - 1])]
    if not (text.isupper() and len(text) > 3):
        return False
    nxt = texts[end] if end < len(doc) else ""
    return nxt in ("(", "-", "–", "—", ":") or start == 0 or texts[start - 1].isspace()


def title_governorates(title: str | None) -> set[str]:
    """Governorates a headline names: the report's main story is set there."""
    return set(headline_governorates(title))


# Headline words that state a toll: the governorate named after one is where the toll fell.
HEADLINE_TOLL = words("kill kills killed killing dead die dies died death deaths toll massacre")
HEADLINE_HURT = words("wounded wounds injured injures injure")
LIST_GAP = frozenset({"and", ",", "&"})
# "in Damascus, its countryside, Aleppo and Homs": the capital's countryside joins a list
LIST_REGION = words("its countryside suburbs")


def headline_figures(title: str | None) -> frozenset[int]:
    """The figures a headline gives for a toll ("Strikes kill 58 civilians" → {58}), with their
    total when it lists groups ("22 pupils and six teachers killed" → {22, 6, 28}); none when
    it names no casualty word. Years and days of dates are not figures."""
    if not title:
        return frozenset()
    from trucewatch.extract.numbers import find_numbers
    from trucewatch.extract.quantities import is_date_part

    doc = blank_tokenizer()(title)
    if not any(t.lower_ in HEADLINE_TOLL | HEADLINE_HURT for t in doc):
        return frozenset()
    found = [int(n.value) for n in find_numbers(doc) if not n.vague and not is_date_part(doc, n)]
    return frozenset(found) | ({sum(found)} if len(found) > 1 else set())


def headline_governorates(title: str | None) -> list[str]:
    """Governorates a headline names, in the order of :func:`headline_tiers`."""
    return [gov for tier in headline_tiers(title) for gov in tier]


def headline_tiers(title: str | None) -> list[list[str]]:
    """Governorates a headline names, grouped as it names them: those named after its toll
    come first ("Army retakes X in Homs, kills 50 in Hama": the dead are the story, so Hama),
    unless that toll is spread over several governorates listed together (a tally, not one
    event: those named before come first), then the others in order; names listed together
    ("in Hasaka and Aleppo", "in Damascus, its countryside and Homs") form one group, among
    which the headline ranks none above another."""
    if not title:
        return []
    lex, _ = gazetteer_lexicon()
    doc = blank_tokenizer()(title)
    toll_at = next((t.i for t in doc if t.lower_ in HEADLINE_TOLL), len(doc))
    after: list[list[str]] = []
    before: list[list[str]] = []
    seen: set[str] = set()
    last_end = -1
    for match in lex.find(doc):
        first = doc[match.start]
        if not first.text[:1].isupper():
            continue
        if match.end - match.start == 1 and place_token_key(first.text) in NAME_PARTS:
            continue
        cands = {p.governorate for p in match.values if p.governorate}
        if len(cands) != 1:
            continue
        gov = next(iter(cands))
        gap = doc[last_end : match.start]
        listed = last_end >= 0 and all(t.lower_ in LIST_GAP | LIST_REGION for t in gap)
        last_end = match.end
        if gov in seen:
            continue
        seen.add(gov)
        tiers = after if match.start > toll_at else before
        if listed and tiers:
            tiers[-1].append(gov)
        else:
            tiers.append([gov])
    if len(after) == 1 and len(after[0]) > 1 and before:
        # "Army advances in Aleppo, kills 140 in Hama & Homs": a toll spread over several
        # governorates is a tally of many actions, not one event; the place the headline
        # names alone before it sets the story
        return before + after
    return after + before


# Words that end a page's "Tags" list: the story's next sentence has begun.
TAG_STOPS = words("the a an at in on of and to was were is are has have had for with by from as")
TAG_REACH = 30  # tokens a tag list may run


def tag_list_tokens(doc: Doc) -> frozenset[int]:
    """Tokens of a web page's "Tags Syria Idlib Zabadani ..." list, glued to the story when
    punctuation was stripped: keywords of the page, not places or events the text tells.
    The list runs from "Tags" to the first function word or full stop (cached per doc)."""
    cached = doc.user_data.get("tw_tags")
    if cached is not None:
        return cached
    found: set[int] = set()
    if "Tags" in doc_text(doc):  # the common case, without walking the tokens
        for tok in doc:
            if tok.text != "Tags" or (tok.i > 0 and doc_texts(doc)[tok.i - 1] not in (".", "\n")):
                continue
            k = tok.i + 1
            while k < min(len(doc), tok.i + TAG_REACH) and doc_texts(doc)[k] != ".":
                if doc_lowers(doc)[k] in TAG_STOPS:
                    break
                k += 1
            found.update(range(tok.i, k))
    result = frozenset(found)
    doc.user_data["tw_tags"] = result
    return result


def find_places(doc: Doc) -> list[PlaceMention]:
    """All place mentions in the doc, resolved and region-aware."""
    lex, gaz = gazetteer_lexicon()
    tags = tag_list_tokens(doc)
    raw = []
    texts, starts, text = doc_texts(doc), doc_starts(doc), doc_text(doc)
    for match in lex.find(doc):
        if match.start in tags:
            continue  # a page's keyword list names places the story may not be about
        first, last = texts[match.start], texts[match.end - 1]
        told = text[starts[match.start] : starts[match.end - 1] + len(last)]
        if gaz.stopped(told) and not _article_before(doc, match.start):
            continue  # "Duma" (the Russian parliament) keys like "Douma": never a place
        # names are capitalised; a lower-case hit is a common word, unless it is a
        # descriptive name ending in one ("the outskirts of Damascus")
        lower = not first[:1].isupper() and not first[:1].isdigit()
        if lower and (match.end - match.start == 1 or not last[:1].isupper()):
            continue
        # "Tal", "Bab", "Kafr" alone are the first word of a name we lack; "al-Bab" is a name
        # (the article makes the word the whole name: keys drop articles)
        one_part = match.end - match.start == 1 and place_token_key(first) in NAME_PARTS
        if one_part and not _article_before(doc, match.start):
            continue
        if _dateline_place(doc, match.start, match.end):
            continue
        if _outlet(doc, match.start):
            continue  # "TV channel Al-Mayadin reported": a broadcaster named after a town
        if _surname(doc, match.start, match.end):
            continue  # "Yasser Harak told reporters": a man's name, not al-Hirak
        if _allegiance(doc, match.start, match.end):
            continue  # "troops loyal to Damascus": the government the capital stands for
        if match.end < len(doc) and doc_lowers(doc)[match.end] in ("street", "st"):
            continue  # "Thawra Street" names a street, not the town of that name
        if doc_lowers(doc)[match.end - 1] == "capital" and (
            match.start == 0 or doc_lowers(doc)[match.start - 1] != "the"
        ):
            continue  # "the Syrian capital" is Damascus; "IS's de facto Syrian capital" is not
        raw.append(match)
    votes: Counter[str] = Counter()
    for match in raw:
        govs = {p.governorate for p in match.values if p.governorate}
        if len(govs) == 1:
            votes[next(iter(govs))] += 1
    found: list[PlaceMention] = []
    for match in raw:
        place = _choose(tuple(match.values), votes)
        start_tok, end_tok = match.start, match.end
        nxt = doc_lowers(doc)[end_tok] if end_tok < len(doc) else ""
        # "Idlib's eastern countryside", "Aleppos southern countryside": a region too
        after = _past_possessive(doc, end_tok)
        if after != end_tok and after < len(doc) and doc_lowers(doc)[after] in REGION_AFTER:
            nxt, end_tok = doc_lowers(doc)[after], after
        # "east of the Syrian capital", "on the outskirts of the city", "outside the capital
        # Damascus": look past "the" and an apposition's head noun
        back = start_tok
        while (
            back > 0
            and start_tok - back < APPOSITION_REACH
            and (doc_lowers(doc)[back - 1] in APPOSITION)
        ):
            back -= 1
        prev = doc_lowers(doc)[back - 1] if back > 0 else ""
        prev2 = doc_lowers(doc)[back - 2] if back > 1 else ""
        # "west of the city of Raqqa", "on the outskirts of the town of X": the kind named
        # with its own "of" stands between the compass or nearness word and the name
        if prev == "of" and prev2 in KIND_OF:
            k = back - 3
            while k > 0 and doc_lowers(doc)[k] in APPOSITION:
                k -= 1
            before = doc_lowers(doc)[k - 1] if k > 0 else ""
            if doc_lowers(doc)[k] == "of" and before in COMPASS | NEAR_WORDS:
                prev2 = before
        # "the suburb of Jaramana" names the suburb, as "the town of X" names the town; "a
        # suburb of Damascus" and "the suburbs of X" are around the city
        named = prev2 == "suburb" and place.name not in GOVERNORATES
        if place.governorate:
            # "the province of X" is X's region; "the Damascus suburbs of X" names X itself
            region_of = {prev2} - {"suburbs"} if prev == "of" else set()
            if prev2 == "region" and back > 2 and doc_texts(doc)[back - 3][:1].isupper():
                region_of = set()  # "in Kalasa region of the capital": a part of the city
            region_words = {nxt, prev} | region_of
            if region_words & (REGION_AFTER | REGION_BEFORE):
                # "Damascus countryside" / "Damascus province" mean Rif Dimashq, not the city.
                gov = CAPITAL_REGION if place.governorate == CAPITAL else place.governorate
                place = _region(gov)
                if nxt in REGION_AFTER:
                    end_tok += 1
            elif (
                prev in NEAR_WORDS
                or (prev == "of" and prev2 in COMPASS | NEAR_WORDS | SUBURBS and not named)
                # "a Damascus suburb", "the Homs suburb of X": a place around the city
                or nxt in SUBURBS
            ):
                if place.governorate == CAPITAL and place.geo_precision == GeoPrecision.TOWN:
                    place = replace(place, governorate=CAPITAL_REGION)
                if place.geo_precision == GeoPrecision.TOWN:
                    place = replace(place, geo_precision=GeoPrecision.NEAR_TOWN)
        start = doc_starts(doc)[start_tok]
        end = token_end_char(doc, end_tok - 1)
        found.append(
            PlaceMention(
                start=start,
                end=end,
                text=doc_text(doc)[start:end],
                place=place,
                token_start=start_tok,
                token_end=end_tok,
                sent=sentence_of(doc, start_tok),
                candidates=tuple(match.values),
            )
        )
    found = same_named(doc, quarters_of_the_city(doc, nest(doc, glued(doc, found))))
    found = far_beside(doc, found)
    found = article_joined(doc, opened_names(doc, introduced(doc, unlisted(doc, found))))
    return repeated(doc, told_in(doc, spelled(doc, found)))


# Words between a modifier and the name it modifies ("outside the capital Damascus", "east of
# the Syrian city of Homs" reads "east of ... Homs").
APPOSITION = frozenset({"the", "capital", "syrian", "syrias", "city"})
APPOSITION_REACH = 3
KIND_OF = frozenset({"city", "town", "village"})  # "the city of X" after a compass's "of"


# Words before a name that make it a media outlet ("the channel Al-Mayadin", "Orient TV").
OUTLET_WORDS = words("channel tv television newspaper daily agency broadcaster station website")


DIRECTIONS = words(
    """northern southern eastern western central northeastern northwestern southeastern
    southwestern north-eastern north-western south-eastern south-western"""
)


def _past_possessive(doc: Doc, end: int) -> int:
    """The token after a name's possessive ("'s") and one direction word ("eastern"), where a
    region word may stand ("Idlib's eastern countryside"); ``end`` when there are neither."""
    lowers = doc_lowers(doc)
    k = end
    if k < len(doc) and lowers[k] in ("'s", "’s", "'"):
        k += 1
    if k < len(doc) and lowers[k] in DIRECTIONS:
        k += 1
    return k


# Verbs of speech right after a name that make it a speaker's ("Yasser Harak told reporters").
SPEECH = words("said says told tells added noted stated explained")


def _surname(doc: Doc, start: int, end: int) -> bool:
    """True when a one-word name stands between a capitalised word inside the sentence (a
    given name, not a direction or a nationality) and a verb of speech: a person's surname
    ("Yasser Harak told reporters"), not a place."""
    if end - start != 1 or start < 1 or end >= len(doc):
        return False
    lowers = doc_lowers(doc)
    given = doc[start - 1]
    if lowers[end] not in SPEECH or not (given.text[:1].isupper() and given.text.isalpha()):
        return False
    # a sentence's first word may be any capitalised word ("Meanwhile Damascus said")
    first = doc._.sentences[sentence_of(doc, start)].token_start
    return lowers[start - 1] not in NOT_NAMES and first < start - 1


# "loyal to X", "allied to X", "backed by X": X is a government or its capital standing for it.
ALLEGIANCE = frozenset({("loyal", "to"), ("allied", "to"), ("allied", "with"), ("backed", "by")})


# A stance glued to a name ("pro-Damascus media", "anti-Damascus rebels") and a name glued to
# its backing or seat ("Damascus-backed militias", "a Damascus-based group"): the capital stands
# for its government, or names where a body sits, not where anything happened.
STANCE_PREFIXES = frozenset({"pro", "anti"})
STANCE_SUFFIXES = frozenset({"backed", "allied", "aligned", "based", "friendly", "loyal"})
# Nouns after a name that make it the government seated there ("the Damascus government").
GOVERNMENT_NOUNS = frozenset({"government", "regime", "authorities", "administration"})


def _allegiance(doc: Doc, start: int, end: int | None = None) -> bool:
    """True when the name at ``start`` is whom forces are loyal to or backed by ("troops loyal
    to Damascus", "militias backed by Tehran", "pro-Damascus media", "Damascus-backed
    fighters"): a government, not where anything happened."""
    lowers = doc_lowers(doc)
    if start >= 2 and lowers[start - 1] == "-" and lowers[start - 2] in STANCE_PREFIXES:
        return True
    # "Damascus-backed", "Raqqa-based"
    after = lowers[end : end + 2] if end is not None else []
    if after[:1] == ["-"] and after[1:] and after[1] in STANCE_SUFFIXES:
        return True
    if after[:1] and after[0] in GOVERNMENT_NOUNS:
        return True  # "Damascus government forces", "the Damascus regime"
    k = start - 1
    if k >= 0 and lowers[k] == "the":
        k -= 1
    return k >= 1 and (lowers[k - 1], lowers[k]) in ALLEGIANCE


def _article_before(doc: Doc, start: int) -> bool:
    """True when the token before ``start`` is an article joined to it ("al-Bab", "Al Bab")."""
    from trucewatch.gazetteer.normalise import ARTICLES

    lowers = doc_lowers(doc)
    k = start - 1
    if k >= 0 and lowers[k] == "-":
        k -= 1
    return k >= 0 and lowers[k] in ARTICLES


def _outlet(doc: Doc, start: int) -> bool:
    """True when the name at ``start`` follows a word naming a media outlet."""
    lowers = doc_lowers(doc)
    k = start - 1
    while k >= 0 and lowers[k] in ("al", "-", "el"):
        k -= 1
    return k >= 0 and lowers[k] in OUTLET_WORDS


@Language.component("tw_places", requires=["doc._.sentences"], assigns=["doc._.places"])
def places_component(doc: Doc) -> Doc:
    """Store place mentions on ``doc._.places``."""
    doc._.places = find_places(doc)
    return doc
