"""Actors named or described in a report, mapped to the canonical names monitors use.

Two sources feed one lexicon: the actor dictionary (names, aliases, officials and the bodies
they speak for) and the descriptors news prose uses instead of names ("regime forces",
"Russian warplanes", "rebels", "terrorist groups"). The canonical perpetrator names are those
of GOLD-DEV.md; a mention that fits none keeps ``canonical=None``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from trucewatch.extract.actor_possessives import owned_forces, stripped_possessives
from trucewatch.extract.lexicon import Lexicon, words
from trucewatch.extract.places import tag_list_tokens
from trucewatch.extract.spans import (
    ActorMention,
    doc_lowers,
    doc_starts,
    doc_text,
    doc_texts,
    sentence_of,
    token_end_char,
)

GOV = "Syrian government forces"
OPP = "Syrian opposition"
RUS = "Russian forces"
USC = "US-led coalition"
ISIL = "ISIL"
NUSRA = "Jabhat al-Nusra"
KURD = "Kurdish forces (YPG/SDF)"
TUR = "Turkish forces"
ISR = "Israeli forces"
CANONICAL = (GOV, OPP, RUS, USC, ISIL, NUSRA, KURD, TUR, ISR)

# How news prose names the parties without naming a unit. Nationality adjectives stand for the
# state's forces ("Russian warplanes" → Russian forces): the noun after them is checked by the
# attribution component, not here.
DESCRIPTORS: dict[str, tuple[str, ...]] = {
    GOV: (
        "regime",
        "regime forces",
        "Syrian regime",
        "Assad regime",
        "government forces",
        "pro-government forces",
        "pro-regime forces",
        # the militias fighting for the government are its forces in the gold's sense
        "pro-government militias",
        "pro-government militia",
        "pro-government militiamen",
        "pro-government gunmen",
        "pro-regime militias",
        "pro-regime militia",
        "pro-regime militiamen",
        "pro-regime gunmen",
        "pro-regime fighters",
        "government militias",
        "regime militias",
        "loyalist militias",
        "regime troops",
        "government troops",
        "Syrian troops",
        "Syrian army",
        "Syrian Arab Army",
        "army",
        "army units",
        "troops",
        "Syrian forces",
        "Syrian military",
        "Syrian government",
        "Syrian air force",
        "Syrian warplanes",
        "Syrian jets",
        "regime warplanes",
        "regime aircraft",
        "regime jets",
        "regime helicopters",
        "air force",
        "regime air force",
        "loyalist forces",
        "loyalists",
        "Syrian Arab Air Force",
        "Syrian government forces",
        "Assad forces",
        "Assads forces",
        "army helicopters",
        "government warplanes",
        "government aircraft",
        "government helicopters",
        "government jets",
        "government planes",
        "government artillery",
        "regime artillery",
        "army artillery",
        "National Defence Forces",
        "National Defense Forces",
        "armed forces",
    ),
    RUS: (
        "Russian",
        "Russia",
        "Russian warplanes",
        "Russian jets",
        "Russian aircraft",
        "Russian air force",
        "Russian Aerospace Forces",
        "Russian military",
        "Russian forces",
        "Russian planes",
        "Russian bombers",
        "Russian helicopters",
    ),
    OPP: (
        "rebels",
        "rebel",
        "rebel groups",
        "rebel fighters",
        "opposition",
        "opposition fighters",
        "opposition forces",
        "armed opposition",
        "Free Syrian Army",
        "FSA",
        "Jaish al-Islam",
        "Ahrar al-Sham",
        "Army of Conquest",
        "Jaish al-Fath",
        "Faylaq al-Sham",
        "armed groups",
        "terrorists",
        "terrorist",
        "terrorist group",
        "terrorist groups",
        "terrorist organizations",
        "terrorist organisations",
        "gunmen",
        "insurgents",
        "Islamist rebels",
        "militants",
        "armed men",
        "Syrian opposition",
        "Nour al-Din al-Zenki",
        "Jaish al-Tahrir",
        "Fastaqim",
        "Jaish al-Izza",
    ),
    ISIL: (
        "ISIL",
        "ISIS",
        "IS",
        "Islamic State",
        "Daesh",
        "Daesh terrorists",
        "IS group",
        "Islamic State group",
        "Daesh group",
        "Daesh terrorist organization",
        "ISIS terrorist organization",
        "ISIL terrorist organization",
        "ISIS terrorists",
        "ISIL terrorists",
        "ISIS terrorist",
        "Daesh terrorist",
    ),
    NUSRA: (
        "Nusra",
        "al-Nusra",
        "Nusra Front",
        "al-Nusra Front",
        "Jabhat al-Nusra",
        "Fateh al-Sham",
        "Jabhat Fateh al-Sham",
        "Jabhat Fatah al-Sham",
        "Hayat Tahrir al-Sham",
        "HTS",
        "Tahrir al-Sham",
        "Jabhat al-Nusra terrorists",
        "Nusra terrorists",
        "Nusra Front terrorists",
    ),
    USC: (
        "US-led coalition",
        "U.S.-led coalition",
        "coalition",
        "international coalition",
        "coalition warplanes",
        "coalition aircraft",
        "coalition jets",
        "American",
        "US",
        "U.S.",
        "United States",
        "US warplanes",
        "American warplanes",
        "Pentagon",
        "anti-ISIS coalition",
        "anti-Daesh coalition",
        "US-led",
        "U.S.-led",
    ),
    KURD: (
        "YPG",
        "SDF",
        "Kurdish",
        "Kurdish forces",
        "Syrian Democratic Forces",
        "PYD",
        "Kurdish militia",
        "Kurdish fighters",
        "Peoples Protection Units",
        "People's Protection Units",
        "Kurdish militias",
    ),
    TUR: (
        "Turkish",
        "Turkey",
        "Turkish army",
        "Turkish armed forces",
        "Turkish military",
        "Turkish jets",
        "Turkish warplanes",
        "Turkish forces",
        "Turkish artillery",
    ),
    ISR: ("Israeli", "Israel", "Israeli warplanes", "Israeli jets", "Israeli forces", "IDF"),
}
# Adjectives that name a party when coordinated: "Syrian and Russian warplanes" (first named).
ADJECTIVES: dict[str, str] = {
    "syrian": GOV,
    "regime": GOV,
    "government": GOV,
    "russian": RUS,
    "turkish": TUR,
    "american": USC,
    "coalition": USC,
    "israeli": ISR,
    "kurdish": KURD,
}
# States named as the party a carrier belongs to: "warplanes, either Russia or Syria" (FA-KES
# strips the possessive: "Russias jets").
STATE_NAMES: dict[str, str] = {
    "russia": RUS,
    "russias": RUS,
    "syria": GOV,
    "syrias": GOV,
    "turkey": TUR,
    "turkeys": TUR,
    "israel": ISR,
    "israels": ISR,
}
# A government or its head accused of an attack stands for the forces it commands ("accused
# President Assad of the attack", "blamed the strike on Moscow"): the dictionary's top body of
# the accused, mapped to those forces.
STATE_FORCES: dict[str, str] = {
    "Syrian government": GOV,
    "Russian government": RUS,
    "US government": USC,
    "Turkish government": TUR,
    "Israeli government": ISR,
}
# Generic words for fighters: after a named party they are that party's men ("Islamic State
# militants", "Kurdish militants"), so they join the name before them instead of standing for
# the opposition on their own.
# (Headlines write the singular for the plural: "Army kills 33 Fateh al-Sham Terrorist"; a
# group's "loyalists" are its men too: "al-Qaeda loyalists attacked".)
GENERIC_FIGHTERS = frozenset(
    {"militants", "fighters", "terrorists", "gunmen", "insurgents", "militiamen", "jihadists"}
    | {"militant", "fighter", "terrorist", "gunman", "insurgent", "militiaman", "jihadist"}
    | {"loyalists"}
)
# Short names that are ordinary words in lower case ("is", "us"): matched only as written here.
CASE_SENSITIVE = frozenset({"IS", "US", "HTS", "IDF", "SDF", "FSA", "YPG", "PYD"})


# What a party fights with: a party's adjective before one of these names the party acting
# ("Syrian tanks shelled", "Syrian fighter jets targeted", "regime snipers fired"), as "Russian
# warplanes" does; a make is not a party ("Russian-made tanks": the hyphen parts them).
CARRIER_NOUNS = words(
    """aircraft jets jet warplanes warplane planes plane helicopters helicopter drones drone
    bombers bomber gunships gunship artillery tanks tank snipers sniper gunboats"""
) | {"fighter jets", "fighter planes", "combat jets", "combat aircraft", "war planes"}


# A party's men: "Kurdish troops", "Turkish soldiers" are that party's, one mention (else the
# bare "troops" after the adjective would stand for the Syrian army on its own).
# (and its state's forces as a whole: "the Turkish air force", "Turkish military", "the coalition
# air force": the bare "air force" or "army" would stand for the Syrian one)
MEN_NOUNS = words("soldiers troops forces servicemen units army military") | {
    "air force",
    "armed forces",
}
# Nationalities of states outside the canonical parties: their "army", "air force" or "troops"
# are not the Syrian ones ("the Iraqi air force struck IS near Albu Kamal", "Lebanese troops
# shelled militants near Arsal"); a state the actor dictionary knows keeps its own entry
# ("Jordanian air force", "French warplanes"), matched as one longer name.
FOREIGN_NATIONALITIES = words(
    """iraqi lebanese iranian jordanian egyptian saudi qatari emirati kuwaiti bahraini libyan
    yemeni afghan pakistani british french german italian belgian dutch danish norwegian
    swedish australian canadian chinese indian greek cypriot armenian azerbaijani"""
)
# The bare force nouns that stand for the Syrian army on their own.
STATE_FORCE_NOUNS = MEN_NOUNS - {"servicemen", "units"}


# A state's possessive stands for its adjective before a force's name: "Russia's Aerospace
# Forces", "Turkey's warplanes" (FA-KES strips the apostrophe: "Russias Aerospace Forces").
STATE_POSSESSIVES: dict[str, tuple[str, ...]] = {
    "russian": ("Russia's", "Russias"),
    "syrian": ("Syria's", "Syrias"),
    "turkish": ("Turkey's", "Turkeys"),
    "israeli": ("Israel's", "Israels"),
}


def _possessive_forms(phrase: str) -> list[str]:
    """A force's name written with its state's possessive for its adjective ("Russian Aerospace
    Forces" → "Russia's Aerospace Forces", "Russias Aerospace Forces"); none for a phrase that
    does not start with a state's adjective or is that adjective alone."""
    adjective, _, rest = phrase.partition(" ")
    states = STATE_POSSESSIVES.get(adjective.lower())
    if not states or not rest:
        return []
    return [f"{state} {rest}" for state in states]


def _carrier_descriptors() -> list[tuple[str, str]]:
    """(phrase, canonical) for each party adjective before each carrier noun or men noun."""
    nouns = sorted(CARRIER_NOUNS | MEN_NOUNS)
    return [(f"{adj} {noun}", party) for adj, party in ADJECTIVES.items() for noun in nouns]


def _possessives_of(phrases: tuple[str, ...]) -> list[str]:
    """The possessive spellings of the acronyms among descriptors ("IDFs")."""
    return [w for p in phrases for w in _possessives(p)[1:]]


def _possessives(form: str) -> list[str]:
    """An acronym with its possessive as FA-KES prints it, the apostrophe stripped ("ISILs
    terrorists"); short ones ("IS", "US") would make ordinary words."""
    if len(form) >= 3 and form.isalpha() and form.isupper():
        return [form, form + "s"]
    return [form]


@lru_cache(maxsize=1)
def _dictionary() -> object | None:
    """The project's actor dictionary, when it is installed."""
    try:
        from trucewatch.gazetteer.actors import load_actors
    except ImportError:
        return None
    return load_actors()


_FORCE_KINDS = frozenset({"state_force", "foreign_force", "faction"})
_DOTTED = {"un": "u.n.", "us": "u.s.", "u.n.": "un", "u.s.": "us"}


def _dotted_variants(form: str) -> set[str]:
    """A name with its acronyms dotted and undotted: "un refugee agency" and "u.n. refugee
    agency" (copy writes both)."""
    words = form.split(" ")
    swapped = " ".join(_DOTTED.get(w, w) for w in words)
    return {form, swapped}


@lru_cache(maxsize=1)
def actor_lexicon() -> Lexicon[str]:
    """Dictionary surface forms first (names win), then our descriptors."""
    lex: Lexicon[str] = Lexicon()
    actors = _dictionary()
    if actors is not None:
        for form, entries in actors.surface_forms().items():  # type: ignore[attr-defined]
            for actor in entries:
                for spelling in _dotted_variants(form):
                    for written in _possessives(spelling):
                        lex.add(written, "@" + actor.name)  # "@": resolved later
    for canonical, phrases in DESCRIPTORS.items():
        for phrase in phrases:
            lex.add(phrase, canonical)
        for phrase in _possessives_of(phrases):
            lex.add(phrase, canonical)
    for phrase, canonical in _carrier_descriptors():
        if phrase not in lex:  # a descriptor of its own ("Syrian jets") keeps its entry
            lex.add(phrase, canonical)
    _add_possessive_forms(lex, actors)
    return lex


def _add_possessive_forms(lex: Lexicon[str], actors: object | None) -> None:
    """Each force's name that starts with a state's adjective, again with the state's possessive
    (:func:`_possessive_forms`), and each dictionary name written with a possessive, again
    with its apostrophe stripped, for the same value; a form the lexicon has keeps its entry."""
    pairs: list[tuple[str, str]] = []
    if actors is not None:
        for form, entries in actors.surface_forms().items():  # type: ignore[attr-defined]
            pairs += [(form, "@" + a.name) for a in entries if a.kind in _FORCE_KINDS]
            # "Russia's Defence Ministry" as FA-KES prints it: "Russias Defence Ministry"
            glued = form.replace("'s ", "s ").replace("’s ", "s ")
            if glued != form and glued not in lex:
                for a in entries:
                    lex.add(glued, "@" + a.name)
    for canonical, phrases in DESCRIPTORS.items():
        pairs += [(p, canonical) for p in phrases]
    pairs += _carrier_descriptors()
    for phrase, value in pairs:
        for form in _possessive_forms(phrase):
            if form not in lex:
                lex.add(form, value)


def canonical_of(text: str, value: str, on: dt.date | None) -> tuple[str | None, str | None]:
    """(canonical perpetrator name, organisation spoken for) of one lexicon value."""
    if not value.startswith("@"):
        return value, None
    actors = _dictionary()
    if actors is None:
        return None, None
    name = value[1:]
    canonical = actors.canonical(text, on) or actors.canonical(name, on)  # type: ignore[attr-defined]
    speaker = None
    actor = actors.resolve(text, on) or actors.resolve(name, on)  # type: ignore[attr-defined]
    if actor is not None:
        speaker = actor.name
        if actor.kind in ("person", "official") and actor.parent:
            # the body itself, even on a date before it was set up under that name
            speaker = actors.get(actor.parent).name  # type: ignore[attr-defined]
    if canonical is not None and canonical not in CANONICAL and canonical != "civilians":
        speaker = speaker or canonical
        # a force under one of the canonical parties counts as that party: "French warplanes"
        # fly for the US-led coalition, "Russian Aerospace Forces" are Russian forces
        top = actors.top(name, on) if actor is not None and actor.kind in _FORCE_KINDS else None  # type: ignore[attr-defined]
        canonical = top if top in CANONICAL else None
    return canonical, speaker


def forces_of(mention: ActorMention, on: dt.date | None = None) -> str | None:
    """The canonical force a mention names, or, for a government, its head or its ministers,
    the forces that government commands (:data:`STATE_FORCES`); None otherwise."""
    if mention.canonical in CANONICAL:
        return mention.canonical
    actors = _dictionary()
    if actors is None or mention.canonical == "civilians":
        return None
    for name in (mention.speaker, mention.text):
        if name:
            top = actors.top(name, on)  # type: ignore[attr-defined]
            if top in STATE_FORCES:
                return STATE_FORCES[top]
    return None


# Words after a name that may still run on a tag list into the story's first sentence ("Tags
# ... Russia Airstrikes in opposition areas ..."): no verb, so the name does not start it.
LINKING = words("in on at of the a an and or for to with by from near")


def _armed_group(mention: ActorMention, on: dt.date | None) -> bool:
    """True for a mention of an armed group outside the canonical parties ("al-Qaeda"): its
    men named after it are its own, a party of no canonical name."""
    actors = _dictionary()
    if actors is None or mention.canonical is not None:
        return False
    actor = actors.resolve(mention.text, on)  # type: ignore[attr-defined]
    return actor is not None and actor.kind in _FORCE_KINDS | {"designated"}


def _prose_after(doc: Doc, end: int) -> bool:
    """True when a lower-case word other than a preposition or article follows a name (its
    verb, as in "Russian forces returned"): prose, not a list of capitalised keywords."""
    return end < len(doc) and doc[end].is_lower and doc_lowers(doc)[end] not in LINKING


def find_actors(doc: Doc) -> list[ActorMention]:
    """All actor mentions in the doc (none in a page's "Tags ..." keyword list: no sentence
    names them, so they neither act nor speak; but a name the story's first words follow,
    "Tags Aleppo Russia Russian forces returned to ...", starts the story)."""
    on = doc._.anchor
    found = []
    tags = tag_list_tokens(doc)
    texts, starts, lowers = doc_texts(doc), doc_starts(doc), doc_lowers(doc)
    for match in actor_lexicon().find(doc):
        if match.start in tags and not _prose_after(doc, match.end):
            continue
        start = starts[match.start]
        end = starts[match.end - 1] + len(texts[match.end - 1])
        text = doc_text(doc)[start:end]
        if match.end - match.start == 1 and text.upper() in CASE_SENSITIVE and text != text.upper():
            continue
        if not text[:1].isupper() and text.lower() in ("us", "is", "israel", "turkey"):
            continue
        canonical, speaker = None, None
        for value in match.values:
            canonical, speaker = canonical_of(text, value, on)
            if canonical is not None:
                break
        if (
            text.lower() in STATE_FORCE_NOUNS
            and match.start > 0
            and lowers[match.start - 1] in FOREIGN_NATIONALITIES
        ):
            canonical = None  # "the Iraqi air force": another state's, of no canonical party
        prev = found[-1] if found else None
        if (
            prev is not None
            and prev.token_end == match.start
            and (prev.canonical not in (None, "civilians") or _armed_group(prev, on))
            and text.lower() in GENERIC_FIGHTERS
        ):  # "Islamic State militants": ISIL's men, not the opposition; "al-Qaeda loyalists"
            found[-1] = replace(
                prev, end=end, text=doc_text(doc)[prev.start : end], token_end=match.end
            )
            continue
        found.append(
            ActorMention(
                start=start,
                end=end,
                text=text,
                canonical=canonical,
                token_start=match.start,
                token_end=match.end,
                sent=sentence_of(doc, match.start),
                speaker=speaker,
            )
        )
    found = [_government_forces(doc, a, on) for a in found]
    taken = {k for a in found for k in range(a.token_start, a.token_end)}
    extra = stripped_possessives(doc, taken)  # "the coalitions airstrike": the coalition's
    if extra:  # "the coalitions air force": the coalition's, not the Syrian one
        found, extra = owned_forces(doc, found, extra)
    return sorted(found + extra, key=lambda a: a.token_start) if extra else found


def _government_forces(doc: Doc, mention: ActorMention, on: dt.date | None) -> ActorMention:
    """A government named as a body ("the Damascus government", "the Assad government") with
    its men's noun right after ("... government forces seized areas"): the forces it commands,
    as one mention; any other mention unchanged."""
    k = mention.token_end
    if mention.canonical is not None or k >= len(doc) or doc_lowers(doc)[k] not in MEN_NOUNS:
        return mention
    forces = forces_of(mention, on)
    if forces is None:
        return mention
    end = token_end_char(doc, k)
    text = doc_text(doc)[mention.start : end]
    return replace(mention, end=end, text=text, canonical=forces, token_end=k + 1)


@Language.component("tw_actors")
def actors_component(doc: Doc) -> Doc:
    """Store actor mentions on ``doc._.actors``."""
    doc._.actors = find_actors(doc)
    return doc
