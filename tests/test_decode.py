"""Decoding bytes of unknown encoding: nothing lost, every repair said."""

import codecs

import pytest

from trucewatch.ingest.decode import BinaryInput, decode_bytes


def test_valid_utf8_is_kept_as_is_with_no_repairs():
    decoded = decode_bytes("Darayya — 72 hours’ calm".encode())
    assert decoded.text == "Darayya — 72 hours’ calm"
    assert decoded.repairs == ()


def test_cp1252_bytes_are_read_as_cp1252_and_recorded():
    decoded = decode_bytes(b"strike \x95 market \xb5 caf\xe9")
    assert decoded.text == "strike • market µ café"
    assert decoded.repairs and "cp1252" in decoded.repairs[0]
    assert "0x95" in decoded.repairs[0]


def test_bytes_undefined_in_cp1252_become_replacement_characters_and_are_recorded():
    decoded = decode_bytes(b"Aleppo\x81 shelling")
    assert decoded.text == "Aleppo\ufffd shelling"
    assert any("0x81" in r and "U+FFFD" in r for r in decoded.repairs)


def test_mixed_utf8_and_cp1252_keeps_the_utf8_characters():
    decoded = decode_bytes(b"Hmeimim " + "naïve ".encode() + b"\x93quoted\x94")
    assert decoded.text == "Hmeimim naïve “quoted”"


def test_utf16_with_bom_is_decoded():
    decoded = decode_bytes(codecs.BOM_UTF16_LE + "Idlib".encode("utf-16-le"))
    assert decoded.text == "Idlib"


def test_utf8_bom_is_dropped():
    assert decode_bytes(codecs.BOM_UTF8 + b"Homs").text == "Homs"


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary", bytes(range(1, 31)) * 20])
def test_binary_input_is_refused_with_a_reason(data):
    with pytest.raises(BinaryInput, match="binary"):
        decode_bytes(data)
