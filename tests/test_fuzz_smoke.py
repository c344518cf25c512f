"""The short version of ``make fuzz``: every fuzz target's one-input function over a few hundred
generated inputs and its seed files, so the checks the fuzzers make also run in ``make test``.

A target's ``KNOWN`` lists bugs reported but not yet fixed, passed over here exactly as in long
fuzz runs; each must also have a failing test in tests/test_hostile_readers.py. All are empty now.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
FUZZ = ROOT / "fuzz"
TARGETS = ["decode", "text", "html", "csv", "jsonl", "yaml"]
EXAMPLES = {"html": 80, "yaml": 150}  # the slower targets get fewer inputs


def _target(name: str) -> ModuleType:
    if str(FUZZ) not in sys.path:
        sys.path.insert(0, str(FUZZ))  # the targets import their helper as a sibling module
    return importlib.import_module(f"fuzz_{name}")


def _one_input(name: str) -> Callable[[bytes], None]:
    module = _target(name)
    fuzzlib = importlib.import_module("fuzzlib")
    return fuzzlib.tolerating(module.one_input, module.KNOWN)


# Bytes a fuzzer would try early: arbitrary, text-like, and structured fragments of each format.
FRAGMENTS = st.sampled_from(
    [
        *(b"\n", b",", b'"', b"{", b"}", b"[", b":", b"&a ", b"*a", b"!!", b"<p>", b"</p>"),
        *(b"\xe9", b"text", b"id", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"http://x.org/2016/\n"),
    ]
)
INPUTS = (
    st.binary(max_size=1500)
    | st.lists(FRAGMENTS | st.binary(max_size=8), max_size=60).map(b"".join)
    | st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass"))
)


@pytest.mark.parametrize("name", TARGETS)
def test_fuzz_target_survives_generated_inputs(name):
    one_input = _one_input(name)

    @settings(
        max_examples=EXAMPLES.get(name, 250),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(INPUTS)
    def run(data: bytes) -> None:
        one_input(data)

    run()


@pytest.mark.parametrize("name", TARGETS)
def test_fuzz_target_accepts_its_seeds(name):
    seeds = sorted((FUZZ / "seeds" / name).iterdir())
    assert seeds, f"fuzz/seeds/{name} is empty: the fuzzer would start from nothing"
    one_input = _target(name).one_input  # strict: seeds must not need the known-bug allowance
    for seed in seeds:
        one_input(seed.read_bytes())


def test_fuzz_targets_run_under_atheris(tmp_path):
    pytest.importorskip("atheris", reason="atheris is not installed in this environment")
    # Instrumentation costs seconds of start-up per target; this only checks the entry points.
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "FUZZ_NO_INSTRUMENT": "1",
        "FUZZ_TOLERATE_KNOWN": "1",
    }
    runs = {
        name: subprocess.Popen(
            [sys.executable, str(FUZZ / f"fuzz_{name}.py"), "-runs=30", f"-seed={i + 1}"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, name in enumerate(TARGETS)
    }
    for name, proc in runs.items():
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"fuzz_{name}.py: {err[-2000:]}"
        assert "Done 30 runs" in err, f"fuzz_{name}.py did not fuzz: {err[-500:]}"
