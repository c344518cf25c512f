"""Name normalisation shared by the gazetteer build script and the runtime lookups.

Arabic place names reach English text in many romanisations: "Deir ez-Zor", "Deir al-Zor",
"Dayr az Zawr", "Deir Ezzor". Two steps bring them together:

* :func:`fold` is the light step: lower case, no diacritics, no apostrophes or ayn marks,
  punctuation turned into spaces. "Dar‘ā" and "Dar'a" both fold to "dara".
* :func:`normalise` is the lookup key: the folded name without Arabic article tokens
  (al-, el-, ar-, as-, ash-, ad-, an-, at-, az-...), with "Dayr"/"Dair"/"Der" read as "Deir"
  and doubled letters collapsed ("Lattakia" = "Latakia", "Darayya" = "Daraya").

The same :func:`normalise` runs at build time (to index names) and at lookup time (on the query),
so the two can never drift apart.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose into a base letter plus a combining mark.
_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ə": "e",
        "Ə": "e",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "þ": "th",
    }
)

# Ayn/hamza marks and every apostrophe-like character: dropped, so "Dar'a" = "Dara".
_MARKS = re.compile(r"[\'`´‘’ʿʾʼʻ′\"“”]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOUBLE = re.compile(r"([a-z])\1+")

#: Arabic definite-article tokens, in the romanisations seen in GeoNames and news copy.
ARTICLES = frozenset(
    {"al", "el", "il", "ul", "ar", "er", "as", "es", "ash", "esh", "ad", "ed", "adh", "edh"}
    | {"an", "en", "at", "et", "ath", "eth", "az", "ez", "ag", "aj", "ej"}
)

# "Deir" (monastery) is spelt many ways; only whole tokens are rewritten.
_DEIR = frozenset({"dayr", "dair", "deyr", "der", "dier", "deir"})


def fold(text: str) -> str:
    """Lower-case ``text``, strip diacritics and apostrophes, turn punctuation into spaces.

    >>> fold("Ma‘arrat an-Nu‘mān")
    'maarrat an numan'
    """
    text = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", _MARKS.sub("", text)).strip()


def tokens(name: str) -> list[str]:
    """The lookup-key tokens of ``name`` (see :func:`normalise`)."""
    # Collapse doubles first, so that "Ezz" and "ez" are the same article token.
    folded = [_DOUBLE.sub(r"\1", token) for token in fold(name).split()]
    folded = ["deir" if token in _DEIR else token for token in folded]
    return [t for t in folded if t not in ARTICLES] or folded  # a bare "Al" stays itself


# Spellings of the words that open Arabic place names, read as one ("Kfar Nabl" = "Kafr Nabl").
_WORD_VARIANTS = {
    "kfar": "kafr", "kafar": "kafr", "kefr": "kafr", "kfr": "kafr",
    "ein": "ain", "ayn": "ain", "ayin": "ain", "aen": "ain",
    "tel": "tal", "til": "tal",
    "jebel": "jabal", "jabel": "jabal", "jbel": "jabal", "jebal": "jabal",
    "khirbet": "khirbat", "kherbet": "khirbat", "khirbit": "khirbat", "khirba": "khirbat",
    "shaykh": "sheikh", "shaikh": "sheikh", "sheik": "sheikh", "cheikh": "sheikh",
    "maaret": "maarat", "marat": "maarat", "maarat": "maarat", "marrat": "maarat",
}  # fmt: skip
_DIPHTHONG = re.compile(r"ei|ey|ai")  # "Sheikh" = "Shaykh", "Beit" = "Bayt", "Ein" = "Ayn"
_ENDING = re.compile(r"(?<=..)(?:eh|ah|e)$")  # "Hamdaniyeh" = "Hamdaniyah" = "Hamdaniya"


def place_tokens(name: str) -> list[str]:
    """The place-variant key tokens of ``name``: :func:`tokens`, with the vowel spellings of
    English copy read as one ("ee" = "i": "Jisreen" = "Jisrin"; "ou"/"oo" = "u", "ei"/"ai" =
    "ay": "Sheikhoun" = "Shaykhun"), the opening words of Arabic names in one spelling ("Kfar" =
    "Kafr", "Ein"/"Ayn" = "Ain", "Tell" = "Tal", "Jebel" = "Jabal"), and the final "-eh"/"-ah"/"-e"
    as "-a" ("Hasakeh" = "Hasakah" = "Hasaka").

    Looser than :func:`normalise`, so used for places only (actor names keep the stricter key).
    """
    out = []
    for raw in fold(name).split():
        token = raw.replace("ee", "i").replace("oo", "u").replace("ou", "u")
        token = _DOUBLE.sub(r"\1", token)
        if token in _DEIR:
            token = "deir"
        token = _DIPHTHONG.sub("ay", _WORD_VARIANTS.get(token, token))
        if len(token) >= 5:
            token = _ENDING.sub("a", token)
        out.append(token)
    return [t for t in out if t not in ARTICLES] or out


def place_key(name: str) -> str:
    """The place-variant lookup key (see :func:`place_tokens`)."""
    return " ".join(place_tokens(name))


_VOWELS = re.compile(r"[aeiouy]")
_FINAL_H = re.compile(r"(?<=[aeiouy])h$")  # "-iyah", "-ieh", "-eh": a vowel's written ending
SKELETON_LETTERS = 3  # a shorter skeleton ("Tal" -> "tl") matches too much to mean anything


def skeleton(name: str) -> str:
    """The consonant skeleton of a place name: :func:`place_tokens` without vowels (and "y",
    which English copy writes for a long "i"), doubled letters collapsed and the written
    ending "-ah"/"-eh"/"-iyah" dropped, so that transliterations the lighter keys keep apart
    meet: "Jameliaiah" = "Jamiliyeh", "Hamadaniyeh" = "Hamdaniyah", "al-Jabiryieh" =
    "Jabiriyeh". Very loose, so only for a name the text tells as a place beside a known one
    of the same governorate; "" when fewer than :data:`SKELETON_LETTERS` consonants remain."""
    out = []
    for token in place_tokens(name):
        token = _FINAL_H.sub("", token)
        out.append(_DOUBLE.sub(r"\1", token[:1] + _VOWELS.sub("", token[1:])))
    key = " ".join(t for t in out if t)
    return key if len(key.replace(" ", "")) >= SKELETON_LETTERS else ""


def normalise(name: str) -> str:
    """The lookup key of a place or actor name.

    Case, diacritics, apostrophes, hyphens and spacing do not matter; article tokens are
    dropped; "Dayr"/"Dair"/"Der" read as "Deir"; doubled letters are collapsed.

    >>> normalise("Deir al-Zor") == normalise("Dayr az Zor") == normalise("deir ez-zor")
    True
    >>> normalise("Lattakia") == normalise("Latakia")
    True
    """
    return " ".join(tokens(name))


def unglue(key: str) -> str:
    """Split an article glued to a word ("alfouaa" -> "fouaa"), as in punctuation-stripped text.

    Only used as a fallback when a key has no match, since "aleppo" also starts with "al".
    """
    out = []
    for token in key.split():
        if len(token) >= 6 and token[:2] in {"al", "el"}:
            token = token[2:]
        out.append(token)
    return " ".join(out)


_APOSTROPHES = re.compile(r"[`´‘’ʿʾʼʻ′]")
_SPACE = re.compile(r"\s+")


def surface(name: str) -> str:
    """A name as it can appear in running text, for case-insensitive phrase matching.

    Lower case and no diacritics, but hyphens kept and apostrophe-like marks unified to "'",
    so that ``nlp.make_doc(surface(name))`` tokenises like the same words in an article:
    "Deir ez-Zor" -> "deir ez-zor", "Dar‘a" -> "dar'a".
    """
    text = unicodedata.normalize("NFKD", name.casefold().translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("'", text)
    return _SPACE.sub(" ", text).strip()


def surface_variants(name: str, stop: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Every text spelling of ``name`` worth matching: as written, with hyphens as spaces, and
    without a leading article ("al-Mayadin" -> "al-mayadin", "al mayadin", "mayadin").

    Variants whose folded form is in ``stop`` (the gazetteer's stop-list) are left out, and an
    article is only dropped when at least five letters remain: "al-Bab" never yields "bab".
    """
    base = surface(name)
    out = {base, _SPACE.sub(" ", base.replace("-", " ")).strip()}
    words = fold(name).split()
    if len(words) > 1 and words[0] in ARTICLES:
        rest = re.sub(r"^\S+?[-\s]+", "", base, count=1)
        if len(rest.replace(" ", "")) >= 5:
            out |= {rest, _SPACE.sub(" ", rest.replace("-", " ")).strip()}
    return {form for form in out if form and fold(form) not in stop}
