"""The shared lookups every component leans on: phrase lexicon, sentence of a token, token at a
character. They are cached and indexed for speed, so these pin down what they return."""

from __future__ import annotations

import spacy

from trucewatch.extract.lexicon import Lexicon
from trucewatch.extract.pipeline import build_pipeline, make_doc
from trucewatch.extract.spans import sentence_of, token_at
from trucewatch.model.report import Report, Source


def _doc(text: str):
    return spacy.blank("en").make_doc(text)


def _found(lex: Lexicon[str], text: str) -> list[tuple[str, tuple[str, ...]]]:
    doc = _doc(text)
    return [(doc[m.start : m.end].text, m.values) for m in lex.find(doc)]


def test_the_longest_phrase_wins_and_matches_do_not_overlap() -> None:
    lex: Lexicon[str] = Lexicon()
    lex.add_many([("Deir", "part"), ("Deir ez-Zor", "city"), ("Zor countryside", "region")])
    assert _found(lex, "Shells hit Deir ez-Zor countryside and Deir.") == [
        ("Deir ez-Zor", ("city",)),
        ("Deir", ("part",)),
    ]


def test_spellings_of_one_name_meet_on_one_key() -> None:
    lex: Lexicon[str] = Lexicon()
    lex.add("al-Midan", "quarter")
    text = "Fighting in al Midan, then in Al-Midan's market and in Al Mīdan."
    assert [v for _, v in _found(lex, text)] == [("quarter",)] * 3


def test_an_ambiguous_phrase_keeps_every_value_and_a_short_doc_is_safe() -> None:
    lex: Lexicon[str] = Lexicon()
    lex.add_many([("Tal Abyad", "Raqqa"), ("Tal Abyad", "Aleppo"), ("Tal Abyad gate", "crossing")])
    assert _found(lex, "near Tal Abyad") == [("Tal Abyad", ("Raqqa", "Aleppo"))]
    assert _found(lex, "") == []
    assert "tal abyad" in lex and "Tal" not in lex


def test_sentence_of_follows_the_sentences_the_pipeline_set() -> None:
    nlp = build_pipeline()
    text = "Shells hit the town. Two people died. The army denied it."
    doc = nlp(make_doc(nlp, Report(source=Source("test"), text=text)))
    assert len(doc._.sentences) == 3
    for tok in doc:
        sent = doc._.sentences[sentence_of(doc, tok.i)]
        assert sent.token_start <= tok.i < sent.token_end, tok.text


def test_token_at_agrees_with_spacy_char_span() -> None:
    text = "Shells hit  Aleppo.\n\nThen  two more fell "
    doc = _doc(text)
    for char in range(-2, len(text) + 2):
        span = doc.char_span(char, char + 1, alignment_mode="expand") if char >= 0 else None
        assert token_at(doc, char) == (span.start if span is not None else -1), char
