"""Fuzz byte decoding: ``python fuzz/fuzz_decode.py -runs=N [corpus dir]``."""

from __future__ import annotations

import codecs

from fuzzlib import Known, run

from trucewatch.ingest.decode import BinaryInput, Decoded, decode_bytes


def one_input(data: bytes) -> None:
    """Decode any bytes: text that can be stored, or BinaryInput; valid UTF-8 is never altered."""
    try:
        decoded = decode_bytes(data)
    except BinaryInput as exc:
        assert str(exc), "a refusal with no reason"
        return
    assert isinstance(decoded, Decoded)
    decoded.text.encode("utf-8")  # no lone surrogates
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            plain = data.decode("utf-8")
        except UnicodeDecodeError:
            assert decoded.repairs, "invalid UTF-8 decoded without a recorded repair"
        else:
            assert decoded.text == plain and not decoded.repairs, "valid UTF-8 was changed"


KNOWN: tuple[Known, ...] = ()  # no open bugs

if __name__ == "__main__":
    run(one_input, KNOWN)
