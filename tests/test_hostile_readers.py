"""Readers under hostile input: no crash, no hang, bounded memory, and every refusal a
``Rejected`` (or, for agreement YAML, a located ``Problem``) naming the file, the line or row,
and the reason.

Parties to a ceasefire have reasons to feed a monitor broken or malicious files, so every reader
is run on arbitrary bytes (hypothesis), on well-formed input it must read back exactly, and on
the classic attacks: empty and binary files, truncated and mixed encodings, a 200 MB file, a CSV
with 10,000 columns or a 50 MB cell, archive bombs, YAML alias bombs and custom tags, deeply
nested HTML and HTML carrying scripts. Each bug these tests found stays covered by the test
that found it.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import re
import signal
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trucewatch.agreements.loader import read_record
from trucewatch.agreements.yamlfile import MAX_BYTES, YamlDoc, YamlFileError, load_yaml, parse_yaml
from trucewatch.ingest.decode import BinaryInput, decode_bytes
from trucewatch.ingest.html import read_html
from trucewatch.ingest.readers import read_drafts
from trucewatch.ingest.records import Rejected, ReportDraft
from trucewatch.ingest.run import ingest
from trucewatch.ingest.tabular import MAX_COLUMNS, MAX_LINE_BYTES, read_csv, read_jsonl
from trucewatch.ingest.text import read_text
from trucewatch.store import open_store
from trucewatch.store.reports import list_quarantine

ORIGIN = "hostile-input"
LOCATION = re.compile(r"^(file|line \d+|row \d+ \(line \d+\))$")
MB = 1 << 20
FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


class Hang(BaseException):
    """Raised by the alarm; a BaseException so no reader's ``except Exception`` can swallow it."""


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail the test (instead of hanging the suite) if the block runs longer than ``seconds``."""

    def alarm(_signum: int, _frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def peak_memory(work: Callable[[], object]) -> tuple[object, int]:
    """Run ``work`` and return its result and the peak bytes Python allocated meanwhile."""
    tracemalloc.start()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def checked(items: object, origin: str = ORIGIN) -> tuple[list[ReportDraft], list[Rejected]]:
    """Split reader output, asserting what every reader promises about each item."""
    drafts, rejected = [], []
    for item in items:  # type: ignore[attr-defined]
        if isinstance(item, Rejected):
            assert item.origin == origin
            assert LOCATION.match(item.location), item.location
            assert item.reason.strip()
            rejected.append(item)
        else:
            assert isinstance(item, ReportDraft)
            assert item.text.strip()
            item.text.encode("utf-8")  # storable: no lone surrogates
            drafts.append(item)
    return drafts, rejected


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode(encoding)


def as_stored(cell: str) -> str:
    """What a reader keeps of a text cell: newlines normalised, ends stripped."""
    return cell.replace("\r\n", "\n").replace("\r", "\n").strip()


# Text people write: any letter, digit, punctuation, space or newline, no control characters.
WRITTEN = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00")
    | st.sampled_from("\n\t"),
    min_size=1,
    max_size=80,
)


# --- any bytes: every reader ----------------------------------------------------------------


@FAST
@given(st.binary(max_size=3000))
def test_decode_bytes_gives_storable_text_or_a_binary_refusal(data):
    with within(5):
        try:
            decoded = decode_bytes(data)
        except BinaryInput as exc:
            assert "binary" in str(exc) or "UTF-16" in str(exc)
            return
    decoded.text.encode("utf-8")
    boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    if not data.startswith(boms):
        try:
            assert decoded.text == data.decode("utf-8") and not decoded.repairs
        except UnicodeDecodeError:
            assert decoded.repairs  # every fallback is recorded


@pytest.mark.parametrize(
    "reader",
    [
        pytest.param(lambda d: read_text(d, ORIGIN), id="text"),
        pytest.param(lambda d: read_html(d, ORIGIN), id="html"),
        pytest.param(lambda d: read_csv(io.BytesIO(d), ORIGIN), id="csv"),
        pytest.param(lambda d: read_jsonl(io.BytesIO(d), ORIGIN), id="jsonl"),
    ],
)
@FAST
@given(data=st.binary(max_size=2000) | WRITTEN.map(str.encode))
def test_any_bytes_give_reports_or_located_rejections(reader, data):
    with within(10):
        checked(reader(data))


@FAST
@given(WRITTEN)
def test_any_yaml_text_loads_or_names_file_and_line(text):
    with within(5):
        try:
            doc = parse_yaml(text, "agreements/hostile.yaml")
        except YamlFileError as exc:
            assert exc.problem.file == "agreements/hostile.yaml"
            assert str(exc).startswith("agreements/hostile.yaml")
            assert exc.problem.line is None or exc.problem.line >= 1
            return
    assert isinstance(doc, YamlDoc)


# --- well-formed input is read back exactly -------------------------------------------------


@FAST
@given(st.lists(st.tuples(WRITTEN, WRITTEN), min_size=1, max_size=8))
def test_csv_written_by_a_csv_library_reads_back_row_for_row(rows):
    data = csv_bytes([["source", "text"], *[list(r) for r in rows]])
    with within(5):
        drafts, rejected = checked(read_csv(io.BytesIO(data), ORIGIN))
    kept = [(i, t) for i, (_s, t) in enumerate(rows) if as_stored(t)]
    assert [(d.row, d.text) for d in drafts] == [(i, as_stored(t)) for i, t in kept]
    assert all("empty text cell" in r.reason for r in rejected)


# cp1252 characters whose bytes (0x80-0xBF) can never start a UTF-8 sequence, so a line in
# cp1252 is unambiguous: these are the curly quotes, dashes and signs FA-KES is full of.
CP1252_ONLY = "€‘’“”–—£©°«»"
CP1252_TEXT = st.text(alphabet=st.sampled_from("Douma shelled " + CP1252_ONLY), min_size=1)
UTF8_TEXT = st.text(alphabet=st.sampled_from("Darayya éüçñ حلب دمشق " + CP1252_ONLY), min_size=1)


@FAST
@given(st.lists(st.tuples(st.booleans(), CP1252_TEXT | UTF8_TEXT), min_size=1, max_size=10))
def test_mixed_encodings_are_repaired_row_by_row(rows):
    lines = [b"id,text\n"]
    for i, (in_cp1252, text) in enumerate(rows):
        line = csv_bytes([[str(i), text.strip() or "x"]], "utf-8")
        lines.append(line.decode().encode("cp1252") if in_cp1252 and _cp1252(text) else line)
    with within(5):
        drafts, rejected = checked(read_csv(io.BytesIO(b"".join(lines)), ORIGIN))
    assert not rejected
    assert [d.text for d in drafts] == [as_stored(t.strip() or "x") for _c, t in rows]
    for draft, (in_cp1252, text) in zip(drafts, rows, strict=True):
        needs_repair = in_cp1252 and _cp1252(text) and any(ch in CP1252_ONLY for ch in text)
        assert bool(draft.repairs) == needs_repair, (draft.repairs, text)


def _cp1252(text: str) -> bool:
    """True when ``text`` in cp1252 cannot be mistaken for UTF-8 (see CP1252_ONLY)."""
    return all(ch.isascii() or ch in CP1252_ONLY for ch in text)


@FAST
@given(st.lists(st.fixed_dictionaries({"source": WRITTEN, "text": WRITTEN}), max_size=8))
def test_json_lines_read_back_record_for_record(records):
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    with within(5):
        drafts, _rejected = checked(read_jsonl(io.BytesIO(data), ORIGIN))
    expected = [as_stored(r["text"]) for r in records if as_stored(r["text"])]
    assert [d.text for d in drafts] == expected


YAML_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=10), inner, max_size=4)
    ),
    max_leaves=25,
)


@FAST
@given(st.dictionaries(st.text(min_size=1, max_size=10), YAML_DATA, max_size=5))
def test_the_guarded_yaml_loader_reads_ordinary_yaml_as_safe_load_does(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    with within(5):
        assert parse_yaml(text, "x.yaml").data == yaml.safe_load(text)


# --- empty, binary, truncated, archives -----------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".html", ".csv"])
def test_an_empty_file_is_a_rejection_naming_it(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    drafts, rejected = checked(read_drafts([path]), str(path))
    assert not drafts and len(rejected) == 1
    assert re.search(r"empty|no report text|no article text", rejected[0].reason)


def test_an_empty_json_lines_file_yields_no_report(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    assert checked(read_drafts([path]), str(path))[0] == []


BINARY = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "gzip": gzip.compress(b"Shelling hit Douma. " * 200),
    "elf": b"\x7fELF\x02\x01\x01\x00" + bytes(200),
    "controls": bytes(range(1, 32)) * 50,
}


@pytest.mark.parametrize("name", sorted(BINARY))
@pytest.mark.parametrize("suffix", [".txt", ".html", ".csv", ".jsonl", ""])
def test_binary_content_is_refused_as_binary(tmp_path, name, suffix):
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(BINARY[name])
    with within(10):
        drafts, rejected = checked(read_drafts([path]), str(path))
    assert not drafts and rejected
    # Binary, or (a PNG's first line decodes as text) a CSV header with no text column.
    assert any(re.search(r"binary|not a JSON object|no text column", r.reason) for r in rejected)


def test_an_archive_bomb_is_refused_without_being_expanded(tmp_path):
    # Archives are not an accepted input: a 100 MB-of-zeros zip (about 100 kB on disk) and a
    # gzip bomb must be refused as binary, never unpacked.
    bomb = tmp_path / "reports.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("inside.txt", bytes(100 * MB))
    gz = tmp_path / "reports.txt.gz"
    gz.write_bytes(gzip.compress(bytes(100 * MB), compresslevel=9))
    for path in (bomb, gz):
        with within(10):
            (drafts, rejected), peak = peak_memory(lambda p=path: checked(read_drafts([p]), str(p)))
        assert not drafts and "binary" in rejected[0].reason
        assert peak < 5 * path.stat().st_size + 2 * MB, f"{path.name}: peak {peak:,} bytes"


def test_truncated_utf8_is_read_with_the_repair_recorded():
    whole = "Shelling hit Darayya — a monitor said. ".encode()
    cut = whole + "ح".encode()[:1]  # the file ends half-way through a two-byte letter
    drafts, _ = checked(read_text(cut, ORIGIN))
    assert drafts[0].text.startswith("Shelling hit Darayya — a monitor said.")
    assert drafts[0].repairs and "cp1252" in drafts[0].repairs[0]

    data = b"id,text\n1," + cut + b"\n2,Calm held in Hama overnight.\n"
    drafts, rejected = checked(read_csv(io.BytesIO(data), ORIGIN))
    assert not rejected and [bool(d.repairs) for d in drafts] == [True, False]


# --- size: 200 MB files, 10,000 columns, 50 MB cells ----------------------------------------


def _write_big_csv(path: Path, row_bytes: int, total: int) -> int:
    """A CSV of ``total`` bytes in rows of about ``row_bytes``, written in a stream."""
    rows = 0
    with path.open("wb") as out:
        out.write(b"id,source,text\n")
        body = (b"Shelling was reported near Jobar by local monitors. " * (row_bytes // 52))[
            :row_bytes
        ]
        while out.tell() < total:
            out.write(b"%d,Outlet %d,%s\n" % (rows, rows % 5, body))
            rows += 1
    return rows


@pytest.mark.slow  # writes and streams 200 MB
def test_a_200_mb_csv_is_streamed_in_bounded_memory(tmp_path):
    path = tmp_path / "archive.csv"
    rows = _write_big_csv(path, row_bytes=MB, total=200 * MB)
    assert path.stat().st_size >= 200 * MB

    def read() -> tuple[int, int]:
        drafts = rejected = 0
        for item in read_drafts([path]):
            if isinstance(item, Rejected):
                rejected += 1
            else:
                drafts += 1
        return drafts, rejected

    try:
        with within(60):
            (drafts, rejected), peak = peak_memory(read)
    finally:
        path.unlink()  # 200 MB is too much to leave in pytest's kept temporary folders
    assert (drafts, rejected) == (rows, 0)
    assert peak < 20 * MB, f"peak {peak:,} bytes while streaming 200 MB"


def test_a_200_mb_text_report_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(200 * MB)  # sparse: the size is what matters, and it must not be read
    (drafts, rejected), peak = peak_memory(lambda: checked(read_drafts([path]), str(path)))
    assert not drafts and "over the" in rejected[0].reason and "limit" in rejected[0].reason
    assert peak < MB


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_200_mb_single_line_is_refused_in_bounded_memory(tmp_path, suffix):
    path = tmp_path / f"one-line{suffix}"
    with path.open("wb") as out:
        for _ in range(200):
            out.write(b"a" * MB)
    try:
        with within(20):
            (drafts, rejected), peak = peak_memory(lambda: checked(read_drafts([path]), str(path)))
    finally:
        path.unlink()
    assert not drafts and "limit" in rejected[0].reason and rejected[0].location == "line 1"
    assert peak < 2 * MAX_LINE_BYTES, f"peak {peak:,} bytes for one refused line"


def test_a_header_of_10000_columns_is_refused_on_line_1():
    header = ",".join(f"col{i}" for i in range(10_000)).encode() + b"\n"
    drafts, rejected = checked(read_csv(io.BytesIO(header + b"a,b\n"), ORIGIN))
    assert not drafts and len(rejected) == 1
    assert rejected[0].location == "line 1" and f"over the {MAX_COLUMNS} limit" in (
        rejected[0].reason
    )


def test_a_row_of_10000_cells_is_refused_and_the_next_row_still_read():
    row = ",".join(["x"] * 10_000).encode()
    data = b"id,text\n" + row + b"\n2,Calm held in Homs.\n"
    drafts, rejected = checked(read_csv(io.BytesIO(data), ORIGIN))
    assert [r.location for r in rejected] == ["row 0 (line 2)"]
    assert "10000 cells" in rejected[0].reason
    assert [d.text for d in drafts] == ["Calm held in Homs."]


def test_a_50_mb_cell_on_one_line_is_refused_naming_row_and_line():
    cell = b"a" * (50 * MB)
    data = b"id,text\n1,short report about Hama\n2," + cell + b"\n"
    with within(20):
        drafts, rejected = checked(read_csv(io.BytesIO(data), ORIGIN))
    assert [d.text for d in drafts] == ["short report about Hama"]
    assert [r.location for r in rejected] == ["row 1 (line 3)"]
    assert f"over the {MAX_LINE_BYTES:,} limit" in rejected[0].reason


def test_a_50_mb_cell_over_many_lines_is_one_rejection():
    cell = (b"a" * 999 + b"\n") * 50_000  # 50 MB in one quoted cell, a thousand bytes a line
    data = b'id,text\n1,"' + cell + b'"\n2,Calm held in Homs.\n'
    with within(30):
        _drafts, rejected = checked(read_csv(io.BytesIO(data), ORIGIN))
    assert rejected and rejected[0].location == "row 0 (line 2)"
    assert "field larger than field limit" in rejected[0].reason
    assert len(rejected) <= 2, f"{len(rejected):,} rejections for one oversized cell"


# --- YAML: alias bombs, custom tags, size -------------------------------------------------


def test_a_billion_laughs_alias_bomb_stops_early():
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*l{i - 1}"] * 9)
        lines.append(f"l{i}: &l{i} [{refs}]")
    with within(5), pytest.raises(YamlFileError) as caught:
        parse_yaml("\n".join(lines) + "\n", "agreements/bomb.yaml")
    assert caught.value.problem.file == "agreements/bomb.yaml"
    # The line is in the message (not yet in Problem.line: see docs/security.md).
    assert re.search(r"line \d+: more than \d+ aliases", str(caught.value))


def test_an_alias_bomb_under_the_alias_cap_stops_at_the_value_cap():
    # 2 references per level, 24 levels: 48 aliases but 2**24 values once expanded.
    lines = ["l0: &l0 [x, x]"] + [f"l{i}: &l{i} [*l{i - 1}, *l{i - 1}]" for i in range(1, 25)]
    with within(10), pytest.raises(YamlFileError, match=r"more than \d+ values"):
        parse_yaml("\n".join(lines) + "\n", "agreements/bomb.yaml")


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object/apply:os.system ['touch pwned']",
        "!!python/name:os.system",
        "!!python/object/new:subprocess.Popen [['touch', 'pwned']]",
        "!!binary aGVsbG8=",
        "!vault secret",
        "!<tag:example.com,2016:party> YPG",
    ],
)
def test_custom_tags_are_refused_naming_the_line(tmp_path, value, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = f"id: coh-test\ntitle: A truce\nguarantors:\n  - {value}\n"
    with pytest.raises(YamlFileError) as caught:
        parse_yaml(text, "agreements/tagged.yaml")
    assert caught.value.problem.line == 4
    assert "not allowed" in caught.value.problem.message
    assert not (tmp_path / "pwned").exists()


def test_an_oversized_or_non_utf8_agreement_file_is_refused(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# padding\n" * (MAX_BYTES // 10 + 1))
    with pytest.raises(YamlFileError, match="larger than"):
        load_yaml(big, "agreements/big.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: Tr\xeave\n".encode("latin-1"))
    with pytest.raises(YamlFileError, match="not UTF-8"):
        load_yaml(latin, "agreements/latin.yaml")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a: &a [*a]\n", id="self-referencing-alias"),
        pytest.param("a: " + "[" * 5000 + "]" * 5000 + "\n", id="deep-flow-nesting"),
    ],
)
def test_recursive_or_deeply_nested_yaml_is_a_located_problem(text):
    with within(10), pytest.raises(YamlFileError):
        parse_yaml(text, "agreements/deep.yaml")


@pytest.mark.parametrize("day", ["2016-02-30", "2016-13-01", "2016-02-27T25:00:00Z"])
def test_an_impossible_date_is_a_located_problem(day):
    text = f"id: coh-test\ntitle: A truce\neffective:\n  from: {day}\n"
    with pytest.raises(YamlFileError) as caught:
        parse_yaml(text, "agreements/dated.yaml")
    assert caught.value.problem.line == 4


def test_a_control_character_in_yaml_is_a_located_problem():
    with pytest.raises(YamlFileError):
        parse_yaml("title: A truce\x0b\n", "agreements/control.yaml")


def test_a_bulletin_naming_an_unknown_agreement_is_located(tmp_path):
    folder = tmp_path / "agreements"
    folder.mkdir()
    (folder / "bulletins.yaml").write_text(
        "bulletins:\n"
        "  - agreement: no-such-truce\n"
        "    as_of: 2016-03-01\n"
        "    by: An example centre\n"
        "    settlements: 3\n"
        "    source: a bulletin we made up\n"
    )
    problems = [p for p in read_record(folder).problems if "no-such-truce" in p.message]
    assert problems, "an unknown agreement went unreported"
    assert all(p.file == "agreements/bulletins.yaml" and p.line for p in problems), problems


def test_a_control_area_polygon_without_coordinates_is_a_located_problem(tmp_path):
    folder = tmp_path / "agreements"
    folder.mkdir()
    (folder / "areas.yaml").write_text(
        "control_areas:\n"
        "  - id: example-area\n"
        "    holder: An example faction\n"
        "    claimant: Nobody in particular\n"
        "    valid_from: 2016-03-01\n"
        "    source: made up for this test\n"
        "    geometry:\n"
        "      type: Polygon\n"
        "      coords: [[[36.0, 35.0], [36.1, 35.0], [36.1, 35.1], [36.0, 35.0]]]\n"
    )
    problems = read_record(folder).problems
    assert any(p.file == "agreements/areas.yaml" and p.line for p in problems), problems


# --- HTML: nesting, scripts, event handlers -------------------------------------------------


def test_deeply_nested_html_neither_crashes_nor_hangs():
    depth = 100_000
    page = b"<html><body>" + b"<div>" * depth + b"<p>Calm held in Homs.</p>" + b"</div>" * depth
    with within(20):
        checked(read_html(page + b"</body></html>", ORIGIN))


MARKER = "XSSMARK"
HOSTILE_BITS = [
    f"<script>alert('{MARKER}')</script>",
    f"<script src='https://evil.example/{MARKER}.js'></script>",
    f"<style>body{{background:url({MARKER})}}</style>",
    f"<img src=x onerror=\"alert('{MARKER}')\">",
    f'<svg onload="{MARKER}()"></svg>',
    f'<a href="javascript:{MARKER}()">the list of accessions</a>',
    f'<iframe srcdoc="<script>{MARKER}</script>"></iframe>',
    f'<p onmouseover="{MARKER}()">',
]
SENTENCES = st.lists(
    st.sampled_from(
        [
            "Shelling hit a market in Douma on Monday morning, a local monitor said.",
            "An aid convoy of forty trucks reached Moadamiyeh after weeks of delay.",
            "The cessation of hostilities largely held across Hama and Homs overnight.",
            "Clashes were reported near Azaz, with both sides blaming the other.",
        ]
    ),
    min_size=2,
    max_size=6,
)


@settings(FAST, max_examples=60)  # trafilatura takes ~0.1 s a page
@given(SENTENCES, st.lists(st.sampled_from(HOSTILE_BITS), min_size=1, max_size=6), st.randoms())
def test_scripts_and_event_handlers_never_reach_the_stored_text(sentences, bits, rnd):
    parts = [f"<p>{s}</p>" for s in sentences] + bits
    rnd.shuffle(parts)
    page = (
        "<!doctype html><html><head><title>Daily bulletin</title></head><body><article>"
        + "".join(parts)
        + "</article></body></html>"
    )
    with within(10):
        drafts, _ = checked(read_html(page.encode(), ORIGIN))
    for draft in drafts:
        assert MARKER not in draft.text, draft.text
        assert MARKER not in (draft.title or "")


# --- the whole path: a folder of hostile files into the store ------------------------------


def test_a_folder_of_hostile_files_is_ingested_with_every_refusal_quarantined(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text("Calm held in Homs overnight, a monitor said.")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.html").write_bytes(BINARY["png"])
    (folder / "wide.csv").write_bytes(",".join(f"c{i}" for i in range(10_000)).encode())
    (folder / "mixed.jsonl").write_bytes(
        b'{"text": "Shelling hit Jobar."}\n{broken\n[1, 2]\n{"text": "Caf\xe9 shelled."}\n'
    )
    (folder / "bomb.zip").write_bytes(gzip.compress(bytes(10 * MB)))
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    with within(30):
        summary = ingest(store, [folder])
    with store.engine.connect() as conn:
        quarantined = list_quarantine(conn)
    store.close()
    assert summary.read == 3 and summary.repaired == 1
    where = {(Path(q["origin"]).name, q["location"]) for q in quarantined}
    assert where == {
        ("empty.txt", "file"),
        ("image.html", "file"),
        ("wide.csv", "line 1"),
        ("mixed.jsonl", "line 2"),
        ("mixed.jsonl", "line 3"),
        ("bomb.zip", "file"),
    }
    assert all(q["reason"].strip() for q in quarantined)


def test_deeply_nested_json_is_a_rejection_naming_its_line():
    data = b'{"text": "fine"}\n' + b"[" * 100_000 + b"\n"
    drafts, rejected = checked(read_jsonl(io.BytesIO(data), ORIGIN))
    assert len(drafts) == 1 and [r.location for r in rejected] == ["line 2"]
