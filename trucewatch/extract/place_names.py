"""Places the gazetteer lacks, found by how the text tells them: "in Urum al-Kubra, west of
Aleppo" (a name located by the known place it lies near) and "the village of Ghandoura", "the
Sevre district", "Khaled Bin al-Walid street" (a name introduced by its kind). Each is recorded
under its own name, at the coordinates of the place that locates it, with an honest precision.
Helpers of :func:`trucewatch.extract.places.find_places`."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc

from trucewatch.extract.lexicon import words
from trucewatch.extract.spans import PlaceMention, doc_lowers, doc_text, doc_texts, sentence_of
from trucewatch.gazetteer.places import load_gazetteer
from trucewatch.model.incident import GeoPrecision, Place

COMPASS = frozenset(
    {"east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest"}
)

# Words before a name that make it a place told ("in X", "at X", "the village of X").
PLACE_INTRO = frozenset({"in", "at", "near", "of", "outside", "on"})
# Words in a distance before the compass point ("X, about 4 km west of Y").
DISTANCE = words("about some around nearly almost km kilometres kilometers miles mi")
NAME_GLUE = frozenset({"al", "el", "ad", "as", "ash", "at", "ar", "an", "az", "-"})
NAME_REACH = 5  # tokens an unlisted name may run ("Urum al-Kubra", "Kafr Hamra al-Jadida")


def unlisted(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "in Urum al-Kubra, west of Aleppo city": a place the gazetteer lacks, located by one it
    knows. The mention becomes the named place (the whole phrase is its evidence), near the known
    one: its governorate and coordinates, at near-town precision (ACLED's code for a place
    coded by the nearest known town)."""
    lowers = doc_lowers(doc)
    taken = {k for p in found for k in range(p.token_start, p.token_end)}
    out = list(found)
    for n, known in enumerate(found):
        k = known.token_start - 1
        if k > 0 and lowers[k] == "the":
            k -= 1
        if k < 2 or lowers[k] != "of" or lowers[k - 1] not in COMPASS:
            continue
        k -= 2
        while k > 0 and (lowers[k] in DISTANCE or lowers[k][:1].isdigit()):
            k -= 1
        if lowers[k] != ",":
            continue
        first = _name_start(doc, k, taken)
        if first < 0 or sentence_of(doc, first) != known.sent:
            continue
        name = doc_text(doc)[doc[first].idx : doc[k - 1].idx + len(doc[k - 1].text)]
        precision = max(known.place.geo_precision, GeoPrecision.NEAR_TOWN)
        place = replace(known.place, name=name, geo_precision=precision, geonameid=None)
        start = doc[first].idx
        out[n] = replace(
            known,
            start=start,
            text=doc_text(doc)[start : known.end],
            place=place,
            token_start=first,
            candidates=(),
        )
    return out


def _name_start(doc: Doc, comma: int, taken: set[int]) -> int:
    """The first token of a capitalised name that ends right before ``comma`` and follows "in",
    "at", "near" or "of" (not a place or actor already known), or -1."""
    lowers = doc_lowers(doc)
    k = comma - 1
    first = -1
    while k > 0 and comma - k <= NAME_REACH and k not in taken:
        tok = doc[k]
        if lowers[k] in PLACE_INTRO:
            break  # "In al-Mastumah": the sentence's capital "In" opens no name
        if tok.text[:1].isupper():
            first = k
        elif lowers[k] not in NAME_GLUE:
            break
        k -= 1
    if first < 0:
        return -1
    # "al-Mastumah": the article opens the name
    if first >= 2 and lowers[first - 1] == "-" and lowers[first - 2] in NAME_GLUE:
        first -= 2
    before = lowers[first - 1] if first > 0 else ""
    return first if before in PLACE_INTRO else -1


# Nouns that introduce a place by its kind ("the village of Ghandoura", "Sevre district",
# "Mare city", "Khaled Bin al-Walid street", "near the Habeet area", "in Kalasa region of
# the capital").
KIND_NOUNS = words(
    """village villages town city district neighbourhood neighborhood suburb quarter hamlet
    farms street square market area region camp"""
)
# Kind nouns that also follow a party's name ("the Nusra area", "the Kurdish region"): the
# name before them must not be an actor's.
PARTY_KIND_NOUNS = words("area region camp")
# Kind nouns for a part of a town ("the Sevre district"), never a town of its own.
QUARTER_NOUNS = words("district neighbourhood neighborhood quarter")
# Kind nouns that are part of the name they follow ("Baghdad Street", "Saadallah al-Jabiri
# Square"), unlike "the Sevre district", whose name is "Sevre".
KIND_IN_NAME = frozenset({"street", "square", "market", "camp"})
# Capitalised words before a kind noun that say whose it is, not what it is called ("the
# Syrian town of X", "a Kurdish village"): never a place's name.
NOT_NAMES = words(
    """syrian syrias syria turkish kurdish russian iranian iraqi lebanese jordanian israeli
    american arab arabic assyrian armenian christian alawite sunni shia shiite druze turkmen
    northern southern eastern western central old new main"""
)


def introduced(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "the district of Sevre in the province of Idlib", "the Ghandoura village near Jarablus":
    a place the gazetteer lacks, introduced by its kind and located by a known place in the
    same sentence (the one it is said to lie in or near, else the nearest). It takes that
    place's governorate and coordinates at near-town precision (ACLED's code for a place coded
    by the nearest known town); its own name is the mention."""
    lowers = doc_lowers(doc)
    found = [p for p in found if not _longer_quarter_name(doc, p, found)]
    taken = {k for p in found for k in range(p.token_start, p.token_end)}
    added: list[PlaceMention] = []
    for k, low in enumerate(lowers):
        if low not in KIND_NOUNS:
            continue
        span = _name_after(doc, k, taken) if k + 2 < len(doc) and lowers[k + 1] == "of" else None
        span = span or _name_before(doc, k, taken)
        if span is None:
            continue
        first, last = span
        if low in PARTY_KIND_NOUNS and (
            _bad_name(doc, first, last)
            or _title_cased(doc, first)
            or _respelt(doc, found, first, last)
            or _group_name(doc, first, last)
        ):
            continue  # "the Jaish al-Islam area", "the Sheitaat area": whose area, not its name
        if low in KIND_IN_NAME and last == k - 1:
            last = k  # "Khaled Bin al-Walid street": a street's name holds the word
        mention = _located(doc, found, first, last, quarter=low in QUARTER_NOUNS)
        if mention is not None:
            added.append(mention)
            taken.update(range(first, last + 1))
    return sorted(found + added, key=lambda p: p.start) if added else found


LONGER_REACH = 4  # words from a known name to the quarter noun ("Shahba al - Jadida district")


def _longer_quarter_name(doc: Doc, p: PlaceMention, found: list[PlaceMention]) -> bool:
    """True when a known name opens a longer one the text calls a quarter: "the Shahba
    al-Jadida district" (New Shahba, a part of a city) is not the town of Shahba. The words
    after the known name are an article and capitalised words, named by no other place."""
    lowers = doc_lowers(doc)
    k = p.token_end
    if k + 1 >= len(doc) or lowers[k] not in ("al", "el"):
        return False
    k += 1
    if lowers[k] == "-":
        k += 1
    first = k
    while k < len(doc) and k - p.token_end <= LONGER_REACH and doc[k].text[:1].isupper():
        k += 1
    if k == first or k >= len(doc) or lowers[k] not in QUARTER_NOUNS:
        return False
    return not any(first <= q.token_start < k for q in found if q is not p)


def _respelt(doc: Doc, found: list[PlaceMention], first: int, last: int) -> bool:
    """True when the name ``doc[first:last + 1]`` is a known place respelt ("in Salamyieh
    area in the countryside of Hama"): :func:`spelled` reads it as that place, which an area
    named after its town is."""
    sent = sentence_of(doc, first)
    govs = {p.place.governorate for p in found if p.sent == sent and p.place.governorate}
    text = doc_text(doc)
    name = text[doc[first].idx : doc[last].idx + len(doc[last].text)]
    return bool(govs) and load_gazetteer().spelled_like(name, govs) is not None


# Nouns after a name that make it a people's ("the al-Sheitaat tribe", "the Zarqoun clan").
GROUP_NOUNS = words("tribe tribes tribal clan clans family families community")


def _group_name(doc: Doc, first: int, last: int) -> bool:
    """True when the text names a tribe, clan or family so ("the al-Sheitaat tribe"): "the
    al-Sheitaat area" is then the people's area, not a place of that name."""
    texts = doc_texts(doc)
    words_ = texts[first : last + 1]
    n = len(words_)
    return any(
        texts[k : k + n] == words_ and texts[k + n].lower() in GROUP_NOUNS
        for k in range(len(texts) - n)
    )


def _party(doc: Doc, first: int, last: int) -> bool:
    """True when the tokens ``first``..``last`` name an actor (a party, a force)."""
    from trucewatch.gazetteer.actors import load_actors

    text = doc_text(doc)
    return (
        load_actors().resolve(text[doc[first].idx : doc[last].idx + len(doc[last].text)])
        is not None
    )


def _located(
    doc: Doc, found: list[PlaceMention], first: int, last: int, quarter: bool = False
) -> PlaceMention | None:
    """The unknown name ``doc[first:last + 1]`` as a place mention, located by a known place:
    the one it is said to lie in ("... of Sevre in Idlib"), else the nearest in its sentence
    (near-town precision), else the story of the sentence before or after (its governorate, at
    region precision; but a ``quarter`` the text calls a district or neighbourhood is a part
    of the town told there, at near-town precision)."""
    sent = sentence_of(doc, first)
    near = [p for p in found if p.sent == sent and not (first <= p.token_start <= last)]
    if near:
        outer = next((p for p in near if 0 < p.token_start - last <= 8), None) or min(
            near, key=lambda p: min(abs(p.token_start - last), abs(first - p.token_end))
        )
        precision = max(outer.place.geo_precision, GeoPrecision.NEAR_TOWN)
    else:
        # "... in Eastern Ghouta. The shell hit a school in the town of Jisreen": told in
        # the story of the sentence before (else after), known only by its governorate
        outer = _neighbour_place(found, sent, doc)
        if outer is None or not outer.place.governorate:
            return None
        precision = GeoPrecision.REGION
        if quarter and outer.place.geo_precision == GeoPrecision.TOWN:
            # "... in Aleppo city. The rocket struck the Shahba al-Jadida district in the west
            # of the city": a district is a part of a town, the one the story just told
            precision = GeoPrecision.NEAR_TOWN
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    name = doc_text(doc)[start:end]
    if precision == GeoPrecision.REGION and outer.place.geo_precision < GeoPrecision.REGION:
        place = replace(_governorate_place(outer.place.governorate), name=name)
    else:
        place = replace(outer.place, name=name, geo_precision=precision, geonameid=None)
    return PlaceMention(start, end, name, place, first, last + 1, sent, ())


# Words that open Arabic place names and rarely a person's ("Tal Toughan", "Kafr Hamra",
# "Deir Jamal", "Um al-Rais", "Khirbet Ghazaleh", "Karam al-Jabal" (vineyard), "Jubb
# al-Qadi" (well), "Bustan al-Basha" (garden), "Nabi Habil" (prophet's shrine), "Hammam
# al-Turkman" (bath)), in the spellings English copy gives them; "Abu" and "Sheikh" open
# people's names too.
NAME_OPENERS = words(
    """tal tel tell tall kafr kfar kafar kefr deir dayr dair ain ayn ein jabal jebel jabel wadi
    khan ras qasr beit bayt umm um bir maarat marat maaret maarrat khirbet khirbat khirbit
    kherbet kharbet khirbeh hay hayy burj rajm jisr qalaat qalat mazraat mazraa ard marj karm
    karam kerm hawsh housh hosh dahiyat madinat harat jubb jeb jib bustan nabi nebi hammam"""
)
FUNCTION_WORDS = words("in on at the a an of and to for by with from as while")
# Words before a name that tell it as a place ("in Tal Toughan", "near Kafr Hamra").
OPENER_INTRO = frozenset(
    {"in", "at", "near", "outside", "into", "towards", "toward", "on", "hit", "struck",
     "pounded", "shelled", "bombed", "targeted", "targeting", "stormed", "captured"}
)  # fmt: skip


def _article_of_name(lowers: list[str], j: int) -> bool:
    """True when token ``j`` is an article inside a name: "al"/"el" ("Tal al-Dabe", "Tal Al
    Dabe"), the hyphen, or a sun-letter article written with its hyphen ("Deir as-Saan"); a
    bare "as" or "an" is English ("... in Tal Dabe as an air strike hit")."""
    word = lowers[j]
    if word in ("al", "el", "-"):
        return True
    return word in NAME_GLUE and j + 1 < len(lowers) and lowers[j + 1] == "-"


def opened_names(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "shells fell in Tal Toughan", "the villages of Masada, Um al-Rais": a name opened by a
    word that opens Arabic place names (Tal, Kafr, Deir, Um, Khirbet ...) that the gazetteer
    lacks. Told after "in", "at", "near", it is a place, located by the known place around it
    (:func:`_located`). A known name told right after such an opener and its article ("Um
    al-Rais": "Rais" keys like the town al-Rai) is only the end of a longer name we lack: the
    longer name replaces it, wherever it is told."""
    lowers = doc_lowers(doc)
    starts = {p.token_start: p for p in found}
    covered = {k for p in found for k in range(p.token_start, p.token_end)}
    out = list(found)
    dropped: set[int] = set()
    k = 0
    while k < len(doc) - 1:
        opener = lowers[k] in NAME_OPENERS and doc[k].text[:1].isupper()
        article = lowers[k] in ("al", "el") and (
            lowers[k + 1] == "-" or doc[k + 1].text[:1].isupper()
        )
        if not (opener or article) or k in covered:
            k += 1
            continue
        last, absorbed = k, None
        # "Khirbat-Jawed Tam Hawa": a name written with its opener hyphen-joined ends with the
        # joined word; a word after a space begins the next name of a list stripped of commas
        joined = opener and _hyphen_joined(doc, k)
        j = k + 1
        while j < len(doc) and j - k <= NAME_REACH:
            if _article_of_name(lowers, j):
                j += 1
                continue
            if not doc[j].text[:1].isupper() or lowers[j] in NAME_OPENERS | FUNCTION_WORDS:
                break  # "... al-Wafideen Camp In a statement": the next sentence begins
            if joined and last > k and doc[j - 1].whitespace_:
                break
            known = starts.get(j)
            if known is not None:
                # only "Opener al-Known" is one name; "Ain Tarma Zamalka" lists a known town
                if last == k:
                    absorbed, last = known, known.token_end - 1
                break
            if j in covered:
                break
            last = j
            j += 1
        if last == k:
            k += 1
            continue
        back = k - 1 if k > 0 and lowers[k - 1] != "the" else k - 2
        told = back >= 0 and lowers[back] in OPENER_INTRO
        if absorbed is None and not told:
            k = last + 1
            continue
        if article and (absorbed is not None or not _article_name(doc, k, last)):
            k = last + 1  # "al-Bab" is known; "in al-Qaeda", "in al-Watan newspaper" no place
            continue
        if last + 1 < len(doc) and lowers[last + 1] in CAMP:
            last += 1  # "Al Fawwar camp": a camp's name holds the word, as a street's does
        mention = _located(doc, [p for p in found if p is not absorbed], k, last)
        if mention is not None:
            if absorbed is not None:
                dropped.add(id(absorbed))
            out.append(mention)
            covered.update(range(k, last + 1))
        k = last + 1
    if len(out) == len(found):
        return found
    return sorted((p for p in out if id(p) not in dropped), key=lambda p: p.start)


# Words after "al-X" that make it the name of an outlet, a body or a building ("al-Watan
# newspaper", "al-Quds hospital", "al-Baath party"), not of a town or quarter.
NOT_PLACE_AFTER = words(
    """newspaper daily channel tv television agency website radio magazine front brigade
    brigades movement group army battalion party hospital hall university school mosque
    church park bridge road highway oilfield field plant station factory hotel stadium river
    mountain hill hills valley plain castle roundabout square street market prison camp"""
)
CAMP = frozenset({"camp"})
# Words before "in al-X" that make al-X a publication ("a report in al-Monitor").
PUBLISHED_IN = words("report article interview statement column published wrote written")


def _article_name(doc: Doc, first: int, last: int) -> bool:
    """True when "al-X" (tokens ``first``..``last``) can name a place: no actor of that name
    (al-Qaeda, al-Nusra Front), no outlet, body or building named by the word after it, not a
    publication something was said in."""
    from trucewatch.gazetteer.actors import load_actors

    lowers = doc_lowers(doc)
    after = lowers[last + 1] if last + 1 < len(doc) else ""
    if after in NOT_PLACE_AFTER - CAMP or after == "(":
        return False
    if first > 1 and lowers[first - 2] in PUBLISHED_IN:
        return False
    actors = load_actors()
    text = doc_text(doc)
    return not any(
        actors.resolve(text[doc[first].idx : doc[j].idx + len(doc[j].text)]) is not None
        for j in range(first + 1, last + 1)
    )


def _neighbour_place(
    found: list[PlaceMention], sent: int, doc: Doc | None = None
) -> PlaceMention | None:
    """The last place told in the sentence before ``sent``, else the first in the one after;
    not one told after "came as" ("The strikes came as a car bomb wounded 37 in Homs": another
    happening's place), whose sentence's own story is then the one before it."""
    before = [p for p in found if p.sent == sent - 1]
    if doc is not None and before:
        lowers = doc_lowers(doc)
        start = doc._.sentences[sent - 1].token_start
        own = [p for p in before if not _came_as(lowers[start : p.token_start])]
        # every place of the sentence before is another happening's: the story's is earlier
        earlier = [p for p in found if p.sent == sent - 2]
        before = own or earlier or before
    if before:
        return before[-1]
    return next((p for p in found if p.sent == sent + 1), None)


CAME = frozenset({"came", "come", "comes"})


def _came_as(words_: list[str]) -> bool:
    """True when "came as" (or "come as", "comes as") stands among ``words_``."""
    return any(a in CAME and b == "as" for a, b in pairwise(words_))


def _governorate_place(governorate: str) -> Place:
    """A governorate's own region-precision place, with its coordinates."""
    return load_gazetteer().governorate_place(governorate)


def _name_after(doc: Doc, k: int, taken: set[int]) -> tuple[int, int] | None:
    """ "village of Ghandoura", "town of al-Ghandour": the capitalised name after "of"."""
    first = k + 2
    if first >= len(doc) or first in taken or not doc[first].text[:1].isupper():
        return None
    last = first
    lowers = doc_lowers(doc)
    joined = _hyphen_joined(doc, first)
    while last + 1 < len(doc) and last + 1 - first < NAME_REACH and last + 1 not in taken:
        nxt = doc[last + 1]
        spaced = last > first + 1 and bool(doc[last].whitespace_)
        if joined and spaced and lowers[last + 1] not in NAME_GLUE:
            break  # "Khirbat-Jawed Tam Hawa": the hyphenated name ends; another begins
        if nxt.text[:1].isupper() or (lowers[last + 1] in NAME_GLUE and last + 2 < len(doc)):
            last += 1
        else:
            break
    while last >= first and lowers[last] in NAME_GLUE:
        last -= 1
    if last < first or any(w in NOT_NAMES for w in lowers[first : last + 1]):
        return None  # "town of Al Tabqah" with the name known: only its article was left
    return first, last


def _hyphen_joined(doc: Doc, first: int) -> bool:
    """True when a name's first word, not an article, is hyphen-joined to the next ("Khirbat-
    Jawed", "Tal-Rifaat"): copy that writes a name so joins all its words, so a word after a
    space (unless an article: "Tal-Jawed al-Kabir") is the next name of a list."""
    from trucewatch.gazetteer.normalise import ARTICLES

    return (
        first + 2 < len(doc)
        and doc[first + 1].text == "-"
        and not doc[first].whitespace_
        and not doc[first + 1].whitespace_
        and doc[first].lower_ not in ARTICLES
    )


def _owner_place(doc: Doc, opening: int, taken: set[int]) -> bool:
    """True when a known place told possessively opens the name ("Daraa's Manshiyah
    district", stripped copy "Daraas Manshiyah district"): the quarter of that city."""
    k = opening - 1
    if k >= 0 and doc[k].lower_ in ("'s", "’s"):
        k -= 1
    elif k < 0 or not doc[k].text.endswith("s"):
        return False
    return k >= 0 and k in taken and doc[k].text[:1].isupper()


def _name_before(doc: Doc, k: int, taken: set[int]) -> tuple[int, int] | None:
    """ "the Sevre district", "in al-Hamadaniya neighbourhood": the capitalised name right
    before the kind noun, opened by "the" or a place word ("in", "at", "near")."""
    lowers = doc_lowers(doc)
    last = k - 1
    if last < 1 or last in taken or not doc[last].text[:1].isupper():
        return None
    first = last
    while first - 1 > 0 and last - first < NAME_REACH and first - 1 not in taken:
        prev = doc[first - 1]
        if lowers[first - 1] in PLACE_INTRO and lowers[first] != "-":
            break  # "at al-Hamadaniya": English "at", not the article of "at-Tall"
        if prev.text[:1].isupper() or lowers[first - 1] in NAME_GLUE:
            first -= 1
        else:
            break
    opening = first  # "at al-Hamadaniya neighbourhood": the article opens the name
    while lowers[first] in NAME_GLUE or lowers[first] == "the":
        first += 1
    before = lowers[opening - 1] if opening > 0 else ""
    # "the rebel-held Zarqoun district", "the besieged eastern Zarqoun neighbourhood": words
    # that say whose or what the quarter is may stand between "the" and its name
    k = opening - 1
    while k > 0 and opening - k <= ADJECTIVE_REACH and lowers[k] in QUARTER_ADJECTIVES:
        k -= 1
    if k < opening - 1 and lowers[k] == "the":
        before = "the"
    if first > last or not (before in PLACE_INTRO | {"the"} or _owner_place(doc, opening, taken)):
        return None
    if any(w in NOT_NAMES for w in lowers[first : last + 1]):
        return None  # "the Syrian town of Kobane": whose town, not its name
    return first, last


ADJECTIVE_REACH = 4  # words between "the" and a quarter's name ("the rebel-held X district")
QUARTER_ADJECTIVES = words(
    """- northern southern eastern western central northeastern northwestern southeastern
    southwestern small key strategic nearby besieged rebel rebels opposition government
    regime held controlled militant jihadist kurdish flashpoint residential populated
    densely crowded busy poor old"""
)


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
            start, end = doc[k].idx, doc[k + n - 1].idx + len(texts[k + n - 1])
            sent = sentence_of(doc, k)
            out.append(replace(p, start=start, end=end, token_start=k, token_end=k + n, sent=sent))
            covered.update(range(k, k + n))
    return sorted(out, key=lambda m: m.start)


SPELLED_REACH = 3  # tokens a respelt name may run ("Bab al-Nayrab", "Sheikh Maqsoud")
SPELLED_LIST = frozenset({"and", ","})


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
    gaz, actors, text = load_gazetteer(), load_actors(), doc_text(doc)
    added: list[PlaceMention] = []
    k = 1
    texts = doc_texts(doc)
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
        start_tok = doc._.sentences[sent].token_start
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
            if any(j in covered or not doc[j].text[:1].isupper() for j in range(k, last + 1)):
                continue
            name = text[doc[first].idx : doc[last].idx + len(doc[last].text)]
            if actors.resolve(name) is not None or gaz.stopped(name):
                break  # "on Nusra", "in Hezbollah": a party, not a place; "of Kilis": Turkey's
            if last + 2 < len(doc) and lowers[last + 1] == "-" and doc[last + 2].text[:1].isupper():
                break  # "Hassak-Nisibis": part of a compound name, not a place alone
            place = gaz.spelled_like(name, govs)
            if place is not None:
                hit = (last, name, place)
                break
        if hit is None:
            k += 1
            continue
        last, name, place = hit
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        mention = PlaceMention(
            start, end, name, replace(place, name=name), first, last + 1, sent, (place,)
        )
        added.append(mention)
        covered.update(range(first, last + 1))
        k = last + 1
    return sorted(found + added, key=lambda p: p.start) if added else found


def _ends(mentions: list[PlaceMention]) -> set[int]:
    """The last tokens of some mentions."""
    return {p.token_end - 1 for p in mentions}


# Words that may stand between a bare name and the known place it is said to lie in ("X in
# northern Hama", "X, a rebel-held village in Idlib province", "X in the countryside of Hama").
LOCATING = words(
    """in the a an of 's - , northern southern eastern western central northeastern
    northwestern southeastern southwestern north south east west rural countryside province
    governorate village town city district neighbourhood neighborhood suburb suburbs area
    region small key strategic nearby besieged rebel rebels opposition government regime
    held controlled militant jihadist isis is kurdish flashpoint near outside"""
)
LOCATING_REACH = 8  # tokens from the name to the known place that locates it
# Words before a bare name that tell it as where something happened ("struck X", "in X",
# "infiltrated X", "retook X").
TOLD_INTRO = OPENER_INTRO | words(
    "infiltrated entered attacked raided besieged seized recaptured retook liberated overran"
)
# Capitalised words after "in"/"on" that name a time, a language, a country or a people,
# never a Syrian place ("in March in Idlib", "on Monday in Hama", "strikes on Russia in ...").
NOT_PLACE_WORDS = words(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday ramadan eid christmas
    english arabic syria turkey iraq lebanon jordan israel russia iran europe america
    militants rebels terrorists jihadists fighters civilians residents troops forces military"""
)


def told_in(doc: Doc, found: list[PlaceMention]) -> list[PlaceMention]:
    """ "air strikes on Zarqoun in Idlib province", "struck Zarqoun, a village in northern
    Hama", "bombed Zarqoun and Marqoun in the Hama countryside": a bare capitalised name the
    gazetteer lacks, told as where something happened ("in", "on", "near", "struck", "hit"
    ...) and said to lie in a known place right after it, is a place in that one, located by
    it (:func:`_located`). Names of parties, people on the stop-list, months, weekdays and
    countries are never read so."""
    lowers = doc_lowers(doc)
    covered = {k for p in found for k in range(p.token_start, p.token_end)}
    starts = {p.token_start for p in found}
    texts = doc_texts(doc)
    added: list[PlaceMention] = []
    k = 1
    while k < len(doc):
        # (the cheap tests first: most tokens are lower-case or follow no place word)
        if not texts[k][:1].isupper() or k in covered:
            k += 1
            continue
        first = k - 2 if k >= 2 and lowers[k - 1] == "-" and lowers[k - 2] in NAME_GLUE else k
        back = first - 1 if lowers[first - 1] != "the" else first - 2
        if back < 0 or lowers[back] not in TOLD_INTRO or not _name_word(texts[k], lowers[k]):
            k += 1
            continue
        names = []
        last = _name_end(doc, k, covered)
        names.append((first, last))
        j = last + 1
        # "Zarqoun and Marqoun in Idlib", "Zarqoun, Marqoun and Sarqoun in Idlib": a list
        while j + 1 < len(doc) and lowers[j] in ("and", ",") and j + 1 not in covered:
            nxt = j + 1
            if not _name_word(texts[nxt], lowers[nxt]):
                break
            end = _name_end(doc, nxt, covered)
            names.append((nxt, end))
            j = end + 1
        # the known place that locates the names, right after them
        gap = j
        while gap < len(doc) and gap - j < LOCATING_REACH and gap not in starts:
            if lowers[gap] not in LOCATING:
                break
            gap += 1
        between = lowers[j:gap]
        kind_of = any(a in KIND_NOUNS and b == "of" for a, b in pairwise(between))
        if gap not in starts or not ({"in", "near", "outside"} & set(between) or kind_of):
            k = j
            continue
        for a, b in names:
            if _bad_name(doc, a, b) or _title_cased(doc, a):
                continue
            mention = _located(doc, found, a, b)
            if mention is not None:
                added.append(mention)
                covered.update(range(a, b + 1))
        k = j
    return sorted(found + added, key=lambda p: p.start) if added else found


def _name_word(text: str, low: str) -> bool:
    """True when a token can open a place's name: capitalised letters, not a time, a country
    or a word that says whose a place is."""
    return (
        text[:1].isupper()
        and text.isalpha()
        and len(text) >= 3
        and low not in NOT_PLACE_WORDS | NOT_NAMES | FUNCTION_WORDS
    )


def _name_end(doc: Doc, k: int, covered: set[int]) -> int:
    """The last token of the capitalised name opened at ``k`` (articles inside it allowed:
    "Tal Zarqoun al-Kabir")."""
    lowers = doc_lowers(doc)
    last, j = k, k + 1
    while j < len(doc) and j - k < NAME_REACH:
        if _article_of_name(lowers, j) and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
            j += 1
            continue
        if j in covered or not _name_word(doc[j].text, lowers[j]):
            break
        last, j = j, j + 1
    return last


# Last words that make a capitalised name a building, a site or a happening, not a town ("MSF
# Hospital", "Salem Mosque", "Terrorist Rocket Attacks" in a title-cased headline).
NOT_TOWN_LAST = NOT_PLACE_AFTER | words(
    """attack attacks shelling bombing bombings fire fighting battle battles airstrike
    airstrikes strike strikes raid raids blast explosion clashes offensive directorate
    building centre center office headquarters base airport bomb bombs"""
)
# Common words a title-cased headline capitalises ("Civilians Killed in Escalating Bombardment
# on Idlib", "Eight Martyred in Car Bomb"); capitalised before a name, they tell a headline.
HEADLINE_WORDS = NOT_TOWN_LAST | words(
    """killed kill kills killing martyred martyrs injured wounded dead die dies bombardment
    escalating terrorist terrorists civilians people children militants soldiers troops days
    army forces"""
)


def _bad_name(doc: Doc, first: int, last: int) -> bool:
    """True when the name is a party's, on the gazetteer's stop-list (people's names, English
    words), or a building's or a happening's ("MSF Hospital", "Rocket Attacks")."""
    name = doc_text(doc)[doc[first].idx : doc[last].idx + len(doc[last].text)]
    if doc_lowers(doc)[last] in NOT_TOWN_LAST:
        return True
    gaz = load_gazetteer()
    if len(name) > 4 and name.endswith("s") and gaz.lookup(name[:-1]):
        return True  # "Hamas countryside": "Hama's" with its apostrophe stripped
    return _party(doc, first, last) or gaz.stopped(name)


TITLE_REACH = 6


def _title_cased(doc: Doc, first: int) -> bool:
    """True when the name stands in title-cased words (a headline: "Civilians Killed in
    Escalating Bombardment on Idlib in Last Three Days"), where capitals tell nothing: a common
    word of such headlines is capitalised in the six words before it ("the Emir of ISIL in X"
    has none)."""
    start = doc._.sentences[sentence_of(doc, first)].token_start
    before = doc[max(start, first - TITLE_REACH) : first]
    return any(t.text[:1].isupper() and t.lower_ in HEADLINE_WORDS for t in before)
