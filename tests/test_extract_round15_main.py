"""Round 15, the main-incident model's cross-validation tools (``scripts/build_main_model.py``):
the figures over several fold splits, and the articles the hand rule misses, on examples we make
(no article text)."""

from __future__ import annotations

import numpy as np

from tests.test_extract_main_choice import _script


def _examples(script, n: int = 10) -> list:
    """Articles of two candidates each: the gold main is the one with feature 0 set; the rule
    picks it in all but the last two articles, and the last article has no gold candidate."""
    d = len(script.FEATURES)
    out = []
    for k in range(n):
        x = np.zeros((2, d))
        x[k % 2, 0] = 1.0
        y = np.zeros(2)
        if k < n - 1:
            y[k % 2] = 1.0
        hit = k < n - 2
        out.append(script.Example(k, x, y, hit, k % 2 if hit else 1 - k % 2))
    return out


def test_the_cross_validation_is_reported_for_each_seed() -> None:
    script = _script()
    table = script.seed_table(_examples(script), [1, 2], folds=2)
    assert [row[0] for row in table] == [1, 2]
    # the rule's hits and the ceiling do not depend on the split; the ranker learns feature 0
    assert all(row[1] == 8 and row[3] == 9 and row[2] == 9 for row in table)


def test_the_rule_s_misses_say_whether_a_candidate_was_the_gold_main() -> None:
    script = _script()
    assert script.rule_misses(_examples(script)) == [(8, True), (9, False)]
