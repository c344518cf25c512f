"""Numbers as reports write them: digits ("1,000"), words ("twenty-two"), and vague counts.

A vague count ("dozens", "tens", "scores") carries the lower bound the monitors' convention
gives it (GOLD-DEV.md: "dozens" → at least 24, "tens" → at least 20) and ``vague=True``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from trucewatch.extract.spans import doc_lowers

UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague counts: the lower bound they imply. "tenths" is how some outlets render "tens".
VAGUE = {
    "dozens": 24,
    "tens": 20,
    "tenths": 20,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
}
# "hundreds of thousands" = at least 200 thousand: the unit the plural scale word counts in.
VAGUE_SCALES = {"hundreds": 100, "thousands": 1000}


@dataclass(frozen=True, slots=True)
class Number:
    """A number in the text: token span [start, end), value, and whether it is a vague count."""

    start: int
    end: int
    value: float
    vague: bool = False


def _digits(text: str) -> float | None:
    clean = text.replace(",", "")
    try:
        return float(clean) if clean.replace(".", "", 1).isdigit() else None
    except ValueError:
        return None


def find_numbers(doc: Doc) -> list[Number]:
    """All numbers in the doc, left to right (cached on ``doc.user_data``)."""
    cached = doc.user_data.get("tw_numbers")
    if cached is not None:
        return cached
    out: list[Number] = []
    lows = doc_lowers(doc)
    n = len(doc)
    i = 0
    while i < n:
        low = lows[i]
        digit = _digits(low) if low[:1].isdigit() else None
        if digit is not None:
            end, value = i + 1, digit
            if end < n and lows[end] in SCALES:  # "1.5 million"
                value *= SCALES[lows[end]]
                end += 1
            out.append(Number(i, end, value))
            i = end
            continue
        if low in VAGUE:
            # "hundreds of thousands", "tens of thousands": the vague count of the scale word
            scale = lows[i + 2] if i + 2 < n and lows[i + 1] == "of" else ""
            if scale in VAGUE_SCALES and VAGUE_SCALES[scale] > VAGUE[low]:
                out.append(Number(i, i + 3, VAGUE[low] * VAGUE_SCALES[scale], vague=True))
                i += 3
                continue
            out.append(Number(i, i + 1, VAGUE[low], vague=True))
            i += 1
            continue
        if low == "dozen" and i > 0 and lows[i - 1] in ("a", "one"):
            out.append(Number(i - 1, i + 1, 12))
            i += 1
            continue
        if low in UNITS or low in TENS:
            value, end = 0.0, i
            current = 0.0
            while end < n:
                word = lows[end]
                if word in TENS:
                    current += TENS[word]
                elif word in UNITS:
                    current += UNITS[word]
                elif word == "-" and end + 1 < n and lows[end + 1] in UNITS:
                    pass
                elif word in SCALES and current:
                    current *= SCALES[word]
                    if SCALES[word] >= 1000:
                        value += current
                        current = 0
                elif word == "dozen":  # "two dozen"
                    current *= 12
                elif word == "and" and end + 1 < n and lows[end + 1] in UNITS | TENS:
                    if not current or current % 100:
                        break
                else:
                    break
                end += 1
            value += current
            # "one of them" is a partitive, not a count of its own
            if not (low == "one" and end == i + 1 and end < n and lows[end] == "of"):
                out.append(Number(i, end, value))
            i = max(end, i + 1)
            continue
        i += 1
    doc.user_data["tw_numbers"] = out
    return out
