"""Turning bytes into text without losing any: UTF-8 first, cp1252 for the bytes that are not.

Real archives mix encodings (FA-KES is cp1252 with bytes cp1252 leaves undefined), so decoding is
per byte, not per file: valid UTF-8 stays UTF-8, each invalid byte is read as cp1252, and a byte
that means nothing in cp1252 either becomes U+FFFD. Every fallback is recorded as a repair.
"""

from __future__ import annotations

import codecs
import threading
from collections import Counter
from dataclasses import dataclass

# Bytes cp1252 leaves undefined; Python's cp1252 codec refuses them.
_CP1252_UNDEFINED = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with the encoding used and what had to be repaired."""

    text: str
    encoding: str
    repairs: tuple[str, ...] = ()


class BinaryInput(ValueError):
    """The bytes are not text (NUL bytes or mostly control characters)."""


def _cp1252_char(byte: int) -> str:
    if byte in _CP1252_UNDEFINED:
        return "\ufffd"
    return bytes([byte]).decode("cp1252")


_LOCAL = threading.local()
_HANDLER = "trucewatch-cp1252"


def _fallback_to_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the first offending byte as cp1252 and go on after it."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    byte = exc.object[exc.start]
    counter = getattr(_LOCAL, "fallback", None)
    if counter is not None:
        counter[byte] += 1
    return _cp1252_char(byte), exc.start + 1


codecs.register_error(_HANDLER, _fallback_to_cp1252)


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` as UTF-8 with a per-byte cp1252 fallback; raise BinaryInput for non-text."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(
                data.decode("utf-16"), "utf-16", ("decoded as UTF-16 (byte-order mark)",)
            )
        except UnicodeDecodeError as exc:
            raise BinaryInput(f"UTF-16 byte-order mark but invalid UTF-16: {exc.reason}") from exc
    if b"\x00" in data:
        raise BinaryInput("binary content: NUL bytes found")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_mixed(data)
    if _mostly_control(text):
        raise BinaryInput("binary content: mostly control characters")
    return Decoded(text, "utf-8")


def _decode_mixed(data: bytes) -> Decoded:
    """UTF-8 where valid, cp1252 byte by byte where not, with the repairs listed."""

    fallback: Counter[int] = Counter()
    _LOCAL.fallback = fallback
    try:
        text = data.decode("utf-8", errors=_HANDLER)
    finally:
        _LOCAL.fallback = None
    undefined = sum(n for b, n in fallback.items() if b in _CP1252_UNDEFINED)
    readable = sum(fallback.values()) - undefined
    repairs = []
    if readable:
        shown = ", ".join(
            f"0x{b:02X}×{n}" for b, n in sorted(fallback.items()) if b not in _CP1252_UNDEFINED
        )
        repairs.append(f"{readable} byte(s) not valid UTF-8 read as cp1252 ({shown})")
    if undefined:
        shown = ", ".join(
            f"0x{b:02X}×{n}" for b, n in sorted(fallback.items()) if b in _CP1252_UNDEFINED
        )
        repairs.append(f"{undefined} undecodable byte(s) replaced by U+FFFD ({shown})")
    if _mostly_control(text):
        raise BinaryInput("binary content: mostly control characters")
    return Decoded(text, "utf-8+cp1252", tuple(repairs))


def _mostly_control(text: str) -> bool:
    if not text:
        return False
    sample = text[:4096]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    return control > len(sample) * 0.1
