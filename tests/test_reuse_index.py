"""The reuse index (issue 14, incremental stages): with what an earlier run kept, reuse detection
cuts, hashes and aligns only new reports and pairs, and finds exactly the clusters a run without
it finds, even when the new reports change which sentences are common. Kept in the store on
SQLite and PostgreSQL.

Texts are the passages we wrote for tests/test_reuse.py.
"""

from __future__ import annotations

import datetime as dt

from tests.test_reuse import BACKGROUND, OWN_REPORT, STORY, UNRELATED
from trucewatch.corroborate.reuse import ReuseDoc, default_index_scheme, find_reuse
from trucewatch.corroborate.reuse_index import ReuseIndex
from trucewatch.store.corroboration import load_reuse_index, save_reuse_index


def _fresh() -> ReuseIndex:
    return ReuseIndex(default_index_scheme())


def _run_again(index: ReuseIndex) -> None:
    """What the store does between runs: the index as kept, nothing marked added or used."""
    index.added_docs.clear()
    index.added_pairs.clear()
    index.used_pairs.clear()


def test_new_reports_that_make_a_sentence_common_unlink_the_old_ones_as_a_full_run_would():
    # Four reports share one background sentence: specific enough to link them (limit five).
    first = [ReuseDoc(f"r{i}", text + " " + BACKGROUND) for i, text in enumerate(UNRELATED[:4])]
    index = _fresh()
    assert [set(c.members) for c in find_reuse(first, index=index)] == [{d.id for d in first}]
    assert set(index.docs) == {d.id for d in first}
    # Three more reports carry it: now it is stock background, and nothing is reuse.
    more = [
        ReuseDoc(f"s{i}", text + " " + BACKGROUND) for i, text in enumerate([*UNRELATED[4:], STORY])
    ]
    _run_again(index)
    assert find_reuse(first + more, index=index) == find_reuse(first + more) == []
    assert index.added_docs == {d.id for d in more}  # the old reports were not cut again
    assert all(pair[0].startswith("s") or pair[1].startswith("s") for pair in index.added_pairs)


def test_a_copy_arriving_later_joins_its_original_as_in_a_full_run():
    original = ReuseDoc("a", STORY, published=dt.date(2016, 3, 1))
    others = [ReuseDoc(f"u{i}", text) for i, text in enumerate(UNRELATED)]
    copy = ReuseDoc("b", OWN_REPORT + "\n" + STORY, published=dt.date(2016, 3, 2))
    index = _fresh()
    assert find_reuse([original, *others], index=index) == []
    _run_again(index)
    found = find_reuse([original, *others, copy], index=index)
    assert found == find_reuse([original, *others, copy])
    assert found[0].members == ("a", "b") and index.added_docs == {"b"}


def test_a_changed_text_or_other_parameters_are_computed_again():
    docs = [ReuseDoc("a", STORY), ReuseDoc("b", STORY + "\n" + OWN_REPORT)]
    index = _fresh()
    find_reuse(docs, index=index)
    _run_again(index)
    changed = [ReuseDoc("a", OWN_REPORT), docs[1]]
    assert find_reuse(changed, index=index) == find_reuse(changed)
    assert index.added_docs == {"a"}  # same id, another text: cut again
    _run_again(index)
    stricter = find_reuse(changed, min_similarity=0.95, index=index)
    assert stricter == find_reuse(changed, min_similarity=0.95)
    assert index.scheme != default_index_scheme() and index.added_docs == {"a", "b"}


def test_the_index_kept_in_the_store_serves_the_next_run(store):
    docs = [
        ReuseDoc("a", STORY, published=dt.date(2016, 3, 1)),
        ReuseDoc("b", OWN_REPORT + "\n" + STORY, published=dt.date(2016, 3, 2)),
        *(ReuseDoc(f"u{i}", text + " " + BACKGROUND) for i, text in enumerate(UNRELATED[:3])),
    ]
    expected = find_reuse(docs)
    first = _fresh()
    find_reuse(docs[:-1], index=first)
    with store.transaction() as conn:
        save_reuse_index(conn, first, [d.id for d in docs[:-1]])
    with store.engine.connect() as conn:
        kept = load_reuse_index(conn, default_index_scheme())
    assert set(kept.docs) == {d.id for d in docs[:-1]} and kept.pairs == first.pairs
    assert find_reuse(docs, index=kept) == expected
    assert kept.added_docs == {"u2"}
    with store.transaction() as conn:  # "a" was deleted from the store meanwhile
        save_reuse_index(conn, kept, [d.id for d in docs if d.id != "a"])
    with store.engine.connect() as conn:
        again = load_reuse_index(conn, default_index_scheme())
    assert set(again.docs) == {d.id for d in docs} - {"a"}
    assert all("a" not in pair for pair in again.pairs)
