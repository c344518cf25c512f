"""Text reuse: copies of one story found, their shared passages located, the original named."""

from __future__ import annotations

import datetime as dt
import zlib
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from trucewatch.corroborate.align import normalise_tokens, segment
from trucewatch.corroborate.reuse import (
    MINHASH_SEED,
    ReuseCluster,
    ReuseDoc,
    _minhash_batch,
    find_reuse,
    shingle_hashes,
)

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

# --- passages we wrote ourselves (fictional events) -----------------------------------------

STORY = (
    "Shelling struck the eastern quarter of Talbiseh early on Monday, a local medic said.\n"
    "Four people were wounded when a shell hit a bakery queue near the old mosque, "
    "according to the medic, who asked not to be named.\n"
    "The town council said the shells came from positions north of the river and accused "
    "government forces of breaking the truce for the third time this week.\n"
    "A spokesman for the army denied any shelling and blamed armed groups inside the town.\n"
    "Residents said the bakery would stay closed until the council could repair its roof."
)

LEAD = (
    "Monitors in northern Homs recorded a tense night across several towns on the front line. "
    "Our correspondent in the area gathered the following account from residents and officials."
)

# A different event in the same town, told in other words.
SAME_TOWN_OTHER_STORY = (
    "An aid convoy of twelve trucks reached Talbiseh on Thursday after a delay of two weeks.\n"
    "The Red Crescent said the trucks carried flour, medicine and winter blankets for about "
    "eight thousand families.\n"
    "Talbiseh council members thanked the drivers and asked for a second convoy before the snow.\n"
    "No incidents were reported along the road from Homs, the aid group added."
)

OWN_REPORT = (
    "Farmers near Qalaat al-Madiq said they could not reach their fields for a fourth day.\n"
    "Sniper fire from a hill overlooking the plain has kept tractors in their yards since Friday, "
    "one farmer told a visiting journalist.\n"
    "The local council has asked both sides to let the harvest go ahead under a short pause."
)

BACKGROUND = (
    "The conflict has killed several hundred thousand people since it began and driven half "
    "of the population from their homes."
)

UNRELATED = [
    "Water returned to the old city of Idlib after engineers repaired a pumping station. "
    "The repair took nine days and was paid for by a charity from abroad.",
    "A school in Maarat reopened its doors to three hundred pupils on Sunday. "
    "Teachers said many children had missed two full years of lessons.",
    "Traders in Manbij reported that the price of bread had doubled in a month. "
    "They blamed the closure of the bridge on the eastern road.",
    "Doctors at a field hospital near Daraa asked for more fuel for their generators. "
    "Power cuts now last for most of the night, a nurse explained.",
    "Fishermen on the lake near Tabqa have stopped going out after a boat was sunk. "
    "Two of the crew swam to the shore and survived the attack.",
    "A football match in Qamishli drew a large crowd for the first time in years. "
    "Police stood at every gate and checked bags at the entrance.",
]


def members(clusters: list[ReuseCluster]) -> list[set[str]]:
    return [set(c.members) for c in clusters]


def cluster_of(clusters: list[ReuseCluster], doc_id: str) -> ReuseCluster:
    (found,) = [c for c in clusters if doc_id in c.members]
    return found


# --- the seeds ------------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_seeds_002_and_003_are_one_cluster_with_their_shared_sentences() -> None:
    docs = [
        ReuseDoc(id=p.name[:3], text=p.read_text(encoding="utf-8"))
        for p in sorted(SEEDS.glob("0*.txt"))
    ]
    assert len(docs) == 5
    clusters = find_reuse(docs)
    assert members(clusters) == [{"002", "003"}]  # 000, 001 and 004 join nothing
    cluster = clusters[0]
    texts = {d.id: d.text for d in docs}
    shared = " ".join(s.text for s in cluster.shared)
    assert "decreased over the past two days" in shared
    assert "coordination center to reconcile the warring parties" in shared
    assert "Konashenkov urged interaction human rights organizations" in shared
    # 003's own sentences (Kerry, Erdogan) are not listed as shared.
    assert "Kerry" not in shared and "Erdogan" not in shared
    for s in cluster.shared:
        # Offsets point at the same words in both reports.
        a_text = texts[s.a][s.a_span[0] : s.a_span[1]]
        b_text = texts[s.b][s.b_span[0] : s.b_span[1]]
        assert a_text == s.text
        assert len(set(normalise_tokens(a_text)) & set(normalise_tokens(b_text))) >= 0.7 * len(
            set(normalise_tokens(a_text))
        )
    # Undated: 002 holds the shared sentences in a longer context, 003 quotes it.
    assert cluster.original == "002"
    assert "context" in cluster.original_reason


# --- our own passages -----------------------------------------------------------------------


def test_exact_copy_is_one_cluster_and_the_earliest_is_the_original() -> None:
    clusters = find_reuse(
        [
            ReuseDoc("later", STORY, published=dt.date(2016, 3, 2), source="outlet B"),
            ReuseDoc("first", STORY, published=dt.date(2016, 3, 1), source="outlet A"),
            ReuseDoc("own", OWN_REPORT, published=dt.date(2016, 3, 1)),
        ]
    )
    assert members(clusters) == [{"first", "later"}]
    cluster = clusters[0]
    assert cluster.original == "first" and cluster.members[0] == "first"
    assert "earliest published (2016-03-01)" in cluster.original_reason
    # The whole story is one shared passage, identical words.
    (passage,) = cluster.shared
    assert passage.a == "first" and passage.similarity == 1.0
    assert passage.a_span == passage.b_span == (0, len(STORY))


def test_copy_with_a_new_lead_paragraph_is_found_and_its_span_starts_after_the_lead() -> None:
    copy = LEAD + "\n\n" + STORY
    clusters = find_reuse(
        [
            ReuseDoc("orig", STORY, published=dt.date(2016, 3, 1)),
            ReuseDoc("copy", copy, published=dt.date(2016, 3, 3)),
        ]
    )
    assert members(clusters) == [{"orig", "copy"}]
    (passage,) = clusters[0].shared
    assert passage.a == "orig"
    assert passage.b_span == (len(LEAD) + 2, len(copy))
    assert "Monitors in northern Homs" not in passage.text


def test_without_dates_the_report_quoted_in_a_longer_context_is_the_original() -> None:
    # "excerpt" takes two sentences of STORY and adds a line of its own.
    sentences = STORY.split("\n")
    excerpt = sentences[1] + " " + sentences[2] + " Talks on a local pause continue."
    clusters = find_reuse([ReuseDoc("excerpt", excerpt), ReuseDoc("story", STORY)])
    assert members(clusters) == [{"excerpt", "story"}]
    assert clusters[0].original == "story"
    assert "date unknown" in clusters[0].original_reason


def test_a_dated_original_beats_an_undated_copy_that_added_a_lead() -> None:
    copy = LEAD + "\n\n" + STORY
    clusters = find_reuse(
        [ReuseDoc("copy", copy), ReuseDoc("orig", STORY, published=dt.date(2016, 3, 1))]
    )
    assert clusters[0].original == "orig"
    assert "earliest dated member (2016-03-01)" in clusters[0].original_reason


def test_sentences_lifted_into_an_otherwise_new_report_are_listed_alone() -> None:
    sentences = STORY.split("\n")
    own = OWN_REPORT.split("\n")
    mixed = "\n".join([own[0], sentences[1], own[1], sentences[2], own[2]])
    clusters = find_reuse([ReuseDoc("story", STORY), ReuseDoc("mixed", mixed)])
    assert members(clusters) == [{"story", "mixed"}]
    shared = sorted(s.text for s in clusters[0].shared)
    assert shared == sorted([sentences[1], sentences[2]])


def test_copy_with_other_quotes_and_stripped_punctuation_is_still_a_copy() -> None:
    styled = (
        "The council said: “we will not accept another week like this one”, and the army’s "
        "officers denied it; 1,200 people have left the town since the truce began."
    )
    # FA-KES style: punctuation and apostrophes stripped, straight quotes, no thousands comma.
    stripped = (
        'The council said "we will not accept another week like this one" and the armys '
        "officers denied it 1200 people have left the town since the truce began."
    )
    clusters = find_reuse([ReuseDoc("a", styled), ReuseDoc("b", stripped)])
    assert members(clusters) == [{"a", "b"}]
    assert clusters[0].shared[0].similarity == 1.0


def test_two_unrelated_reports_about_the_same_town_do_not_cluster() -> None:
    docs = [ReuseDoc("shelling", STORY), ReuseDoc("convoy", SAME_TOWN_OTHER_STORY)]
    assert find_reuse(docs) == []


def test_empty_and_very_short_texts_join_nothing() -> None:
    docs = [
        ReuseDoc("empty", ""),
        ReuseDoc("blank", "  \n\n "),
        ReuseDoc("short", "Shelling struck Talbiseh."),
        ReuseDoc("story", STORY),
        ReuseDoc("copy", STORY),
    ]
    assert members(find_reuse(docs)) == [{"story", "copy"}]
    assert find_reuse([]) == []
    assert find_reuse([ReuseDoc("only", "")]) == []


def test_a_stock_background_sentence_in_many_reports_is_not_reuse() -> None:
    docs = [ReuseDoc(f"r{i}", text + " " + BACKGROUND) for i, text in enumerate(UNRELATED)]
    assert find_reuse(docs) == []
    # The same sentence in fewer reports than the limit is specific enough to link them.
    linked = find_reuse(docs, common_passage_reports=len(docs) + 1)
    assert members(linked) == [{d.id for d in docs}]


def test_a_chain_of_copies_is_one_cluster() -> None:
    second = STORY + "\n" + OWN_REPORT
    third = OWN_REPORT + "\n" + SAME_TOWN_OTHER_STORY
    clusters = find_reuse(
        [
            ReuseDoc("one", STORY, published=dt.date(2016, 3, 1)),
            ReuseDoc("two", second, published=dt.date(2016, 3, 2)),
            ReuseDoc("three", third, published=dt.date(2016, 3, 4)),
        ]
    )
    assert members(clusters) == [{"one", "two", "three"}]
    assert clusters[0].members == ("one", "two", "three")
    pairs = {(s.a, s.b) for s in clusters[0].shared}
    assert ("one", "two") in pairs and ("two", "three") in pairs


def test_repeated_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="unique"):
        find_reuse([ReuseDoc("x", STORY), ReuseDoc("x", OWN_REPORT)])


# --- building blocks --------------------------------------------------------------------------


def test_segments_keep_offsets_and_do_not_split_abbreviations() -> None:
    text = "The U.S. envoy met Gen. Salim in Geneva. Talks resume today!  Will they hold? Yes."
    segs = segment(text)
    assert [text[s.start : s.end] for s in segs] == [
        "The U.S. envoy met Gen. Salim in Geneva.",
        "Talks resume today!",
        "Will they hold?",
        "Yes.",
    ]
    for s in segs:
        assert list(s.tokens) == normalise_tokens(text[s.start : s.end])


def test_long_unpunctuated_text_is_cut_into_windows() -> None:
    text = " ".join(f"word{i}" for i in range(100))
    segs = segment(text, max_tokens=40)
    assert [len(s.tokens) for s in segs] == [40, 40, 20]
    assert text[segs[1].start : segs[1].end].split()[0] == "word40"


def test_normalised_tokens_ignore_case_quotes_apostrophes_and_separators() -> None:
    assert normalise_tokens("Russia’s “TRUCE” – 21,000 Erdoğan") == normalise_tokens(
        'russias "truce" - 21000 Erdogan'
    )


def test_batch_minhash_equals_datasketch_minhash() -> None:
    words = ["a", "convoy", "of", "twelve", "trucks", "reached", "the", "town", "after"]
    tokens = [zlib.crc32(w.encode()) for w in words]
    lengths = [5, 4]
    m = MinHash(num_perm=64, seed=MINHASH_SEED, scheme="affine32")
    a, b = (np.asarray(p, dtype=np.uint32) for p in m.permutations)
    signatures = _minhash_batch(tokens, lengths, a, b)
    shingles = shingle_hashes(np.asarray(tokens, dtype=np.uint64), np.asarray(lengths))
    assert len(shingles) == (5 - 2) + (4 - 2)  # no shingle spans two passages
    first = MinHash(num_perm=64, seed=MINHASH_SEED, scheme="affine32", hashfunc=lambda x: x)
    first.update_batch([int(h) for h in shingles[:3]])
    assert np.array_equal(first.hashvalues, signatures[0])
