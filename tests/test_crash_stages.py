"""Every pipeline stage killed with SIGKILL at random points, then re-run, leaves the store exactly
as an uninterrupted run does, on SQLite and on PostgreSQL.

Each stage runs as ``python -m trucewatch.cli <stage> --db URL``. The kill comes from inside the
child at a random database operation (a hook loaded through ``sitecustomize`` counts every
statement and commit and sends the process SIGKILL at number K, K drawn at random), so kills land
mid-transaction, between batches and right before a commit alike, and never only during imports;
a second round of ``extract`` dies just after one of its batch commits (some reports stored,
some not), and a third is killed from outside after a random delay. After the killed
rounds the stage is run again to the end (same command), and the store is compared with an
uninterrupted reference run, table by table, leaving out only what records *when* work was done
(timestamps, surrogate row numbers, and the ingest run log).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import DateTime, Integer, create_engine, func, select, text

from trucewatch.store import open_store
from trucewatch.store.backup import snapshot
from trucewatch.store.schema import extractions, metadata

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "syria-2016"
AGREEMENTS = EXAMPLES / "agreements"
KILLED = -signal.SIGKILL

# Loaded by every child through PYTHONPATH: count database operations, die at number K.
KILL_HOOK = """
import os
if os.environ.get("TW_KILL_AT"):
    import signal
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    _left = [int(os.environ["TW_KILL_AT"])]
    def _tick(*_args, **_kwargs):
        _left[0] -= 1
        if _left[0] <= 0:
            os.kill(os.getpid(), signal.SIGKILL)
    event.listen(Engine, "before_cursor_execute", _tick)
    event.listen(Engine, "commit", _tick)
"""

# The uninterrupted reference run, in a child like the others (so it runs the same code from
# disk), printing how many database operations each stage took.
REFERENCE_RUN = """
import json, sys
from pathlib import Path
from sqlalchemy import event
from sqlalchemy.engine import Engine
from trucewatch.ingest.run import ingest
from trucewatch.pipeline import adjudicate_stored, corroborate_stage, extract_stored
from trucewatch.store import open_store
url, agreements, inputs = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
count, commits = [0], []
def tick(*_args, **_kwargs):
    count[0] += 1
def commit(*_args, **_kwargs):
    tick()
    commits.append(count[0])
event.listen(Engine, "before_cursor_execute", tick)
event.listen(Engine, "commit", commit)
store = open_store(url)
operations, commit_points = {}, {}
for name, work in [
    ("ingest", lambda: ingest(store, inputs)),
    ("extract", lambda: extract_stored(store)),
    ("corroborate", lambda: corroborate_stage(store)),
    ("adjudicate", lambda: adjudicate_stored(store, agreements)),
]:
    count[0] = 0
    commits.clear()
    work()
    operations[name] = count[0]
    commit_points[name] = list(commits)
print(json.dumps({"operations": operations, "commits": commit_points}))
"""

# Reports we write from templates: enough for extraction to commit in several batches.
PLACES = ["Douma", "Harasta", "Darayya", "Azaz", "Kafr Nabl", "Manbij", "Idlib", "Hama", "Homs"]
ACTORS = ["Government forces", "Russian aircraft", "Rebel factions", "ISIL fighters"]
ACTS = ["shelled", "carried out air strikes on", "attacked positions near", "fired rockets at"]
N_FEED = 80


def _write_feed(path: Path) -> None:
    rng = random.Random(2016)
    with path.open("w") as out:
        for i in range(N_FEED):
            line = (
                f"{rng.choice(ACTORS)} {rng.choice(ACTS)} {rng.choice(PLACES)} on "
                f"{rng.randint(1, 28)} {rng.choice(['March', 'April', 'May'])} 2016, killing "
                f"{rng.randint(2, 30)} people, monitors said in bulletin {i}."
            )
            out.write(json.dumps({"id": f"k{i}", "source": f"Desk {i % 6}", "text": line}) + "\n")


def _when_columns() -> list[str]:
    """Columns that say when or in which order work was done, not what was found."""
    skip = []
    for table in metadata.tables.values():
        for column in table.columns:
            surrogate = column.primary_key and isinstance(column.type, Integer)
            stamp = isinstance(column.type, DateTime) and column.name.endswith("at")
            if (surrogate and column.autoincrement in (True, "auto")) or stamp:
                skip.append(f"{table.name}.{column.name}")
    return skip


IGNORE = _when_columns()


def _state(url: str) -> dict[str, list[dict[str, object]]]:
    """The store's content, with surrogate keys replaced by what they point at."""
    store = open_store(url, migrate=False)
    try:
        with store.engine.connect() as conn:
            full = snapshot(conn)
    finally:
        store.close()
    full.pop("ingest_runs", None)  # a log of runs: a killed run rightly leaves its entry
    full.pop("stage_runs", None)  # likewise, and a resumed stage records what it had left to do
    ignored = set(IGNORE)
    # A killed PostgreSQL transaction still uses up sequence numbers, so a row's surrogate id
    # may differ from the reference run's: a reference to it is compared by the row it names.
    named = {}
    for table, column in (i.split(".") for i in ignored if i.endswith(".id")):
        if table in full:
            named[table] = {
                row[column]: {k: v for k, v in row.items() if f"{table}.{k}" not in ignored}
                for row in full[table]
            }
    refs = {
        (t.name, c.name): fk.column.table.name
        for t in metadata.tables.values()
        for c in t.columns
        for fk in c.foreign_keys
        if f"{fk.column.table.name}.{fk.column.name}" in ignored
    }
    state = {}
    for table, rows in full.items():
        canonical = []
        for row in rows:
            out = {}
            for key, value in row.items():
                if f"{table}.{key}" in ignored:
                    continue
                target = refs.get((table, key))
                out[key] = named[target].get(value) if target and value is not None else value
            canonical.append(out)
        state[table] = sorted(canonical, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return state


def _differences(got: dict, want: dict) -> list[str]:
    """Per table: how many rows are extra or missing against the reference, with one of each."""
    out = []
    for table in sorted(set(got) | set(want)):
        have = [json.dumps(r, sort_keys=True, default=str) for r in got.get(table, [])]
        need = [json.dumps(r, sort_keys=True, default=str) for r in want.get(table, [])]
        extra = sorted(set(have) - set(need))
        missing = sorted(set(need) - set(have))
        if extra or missing or len(have) != len(need):
            out.append(
                f"{table}: {len(have)} rows, reference {len(need)}; "
                f"extra {extra[:1]}, missing {missing[:1]}"
            )
    return out


@pytest.fixture
def reference_url(store_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty store of the same kind, for the uninterrupted run."""
    if store_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'reference.db'}"
        return
    base = store_url.split("?")[0]
    schema = f"tw_ref_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _child_env(hook_dir: Path, kill_at: int | None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hook_dir), str(ROOT)])}
    env.pop("TW_KILL_AT", None)
    if kill_at is not None:
        env["TW_KILL_AT"] = str(kill_at)
    return env


def _extracted(url: str) -> int:
    store = open_store(url, migrate=False)
    try:
        with store.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(extractions)).scalar_one()
    finally:
        store.close()


@pytest.mark.slow  # tens of seconds: `make test` runs it, the quick lane does not
def test_each_stage_killed_at_random_points_then_rerun_ends_as_an_uninterrupted_run(
    store_url, reference_url, tmp_path
):
    feed = tmp_path / "feed.jsonl"
    _write_feed(feed)
    inputs = [str(feed), str(EXAMPLES / "reports")]
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(KILL_HOOK)

    stages = [
        ("ingest", ["ingest", *inputs]),
        ("extract", ["extract"]),
        ("corroborate", ["corroborate"]),
        ("adjudicate", ["adjudicate", "--agreements", str(AGREEMENTS)]),
    ]
    rounds = {"ingest": 1, "extract": 2, "corroborate": 1, "adjudicate": 1}

    reference = subprocess.run(
        [sys.executable, "-c", REFERENCE_RUN, reference_url, str(AGREEMENTS), *inputs],
        env=_child_env(hook_dir, None),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert reference.returncode == 0, reference.stderr[-2000:]
    counted = json.loads(reference.stdout.strip().splitlines()[-1])
    operations, commits = counted["operations"], counted["commits"]
    expected = _state(reference_url)
    assert expected["rulings"], "the reference run ruled on nothing"

    # A new seed each run explores new kill points; TW_CRASH_SEED replays a failing one.
    seed = int(os.environ.get("TW_CRASH_SEED") or random.randrange(1_000_000))
    rng = random.Random(seed)
    store = open_store(store_url)  # migrated here so every kill lands in a stage's own work
    log: list[str] = [f"TW_CRASH_SEED={seed}"]
    partial = False  # whether a kill left extraction half done (some batches stored)
    for name, args in stages:
        command = [sys.executable, "-m", "trucewatch.cli", *args, "--db", store_url]
        killed = 0
        for round_ in range(rounds[name]):
            if round_ and len(commits[name]) > 1:
                # Just after a commit that is not the last: some work stored, some not yet.
                kill_at = rng.choice(commits[name][:-1]) + rng.randint(5, 40)
            else:
                kill_at = rng.randint(1, max(1, operations[name]))
            done = subprocess.run(
                command,
                env=_child_env(hook_dir, kill_at),
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode in (0, KILLED), f"{name} failed: {done.stderr[-2000:]}"
            killed += done.returncode == KILLED
            stored = ""
            if name == "extract":
                extracted = _extracted(store_url)
                partial = partial or 0 < extracted < len(expected["reports"])
                stored = f", {extracted} reports extracted"
            log.append(
                f"{name}: kill at op {kill_at}/{operations[name]}: {done.returncode}{stored}"
            )
        if name == "extract":
            killed += _kill_from_outside(command, _child_env(hook_dir, None), store_url, rng, log)
        assert killed >= 1, f"no {name} round was killed: {log}"

        rerun = subprocess.run(command, env=_child_env(hook_dir, None), capture_output=True)
        assert rerun.returncode == 0, rerun.stderr.decode()[-2000:]
    store.close()
    assert partial, f"no kill left extraction half done: {log}"
    # Compared once at the end: each stage reads what the one before stored, so a difference
    # left by any killed stage shows in its own tables or in everything after it.
    differences = _differences(_state(store_url), expected)
    assert not differences, f"store differs from the uninterrupted run: {differences}; {log}"
    print("\n".join(log))  # shown with -s: the figures docs/security.md reports


def _kill_from_outside(
    command: list[str], env: dict[str, str], url: str, rng: random.Random, log: list[str]
) -> int:
    """Start the stage and SIGKILL it from outside after a random delay (start-up included)."""
    before = _extracted(url)
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    delay = rng.uniform(0.5, 8.0)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        log.append(
            f"extract: killed from outside after {delay:.1f} s, {_extracted(url) - before}"
            " more reports extracted"
        )
        return 1
    assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
    log.append(f"extract: finished within {delay:.1f} s, before the outside kill")
    return 0
