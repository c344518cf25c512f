"""Generate a synthetic corpus of reports, some of which reuse each other, from FA-KES texts.

Usage: ``.venv/bin/python bench/make_corpus.py --n 100000 --out /tmp/reuse-100k.jsonl``

Why synthetic: reuse detection must be timed at 10k and 100k reports, and FA-KES has 804. The
generator learns FA-KES's words and how they follow each other (a word bigram chain) and writes
*fresh* reports from it: same vocabulary and sentence lengths, but no two fresh reports share a
sentence, so the corpus is not one big reprint family. A share of reports (``--reuse-rate``) are
then derived from earlier ones the way outlets copy: whole copies, a new lead paragraph on top,
a few sentences lifted into an otherwise new report, paragraphs recombined from two reports,
words perturbed, sentences dropped or inserted. Each line records what it was derived from, so a
benchmark can score the clusters it finds.

Line format: ``{"id", "text", "published" (ISO date), "source", "derived_from": [ids],
"transform"}``. The FA-KES file is read (cp1252, csv module) from ``../shared/data/fakes/``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import re
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_FAKES = Path(__file__).resolve().parents[1].parent / "shared/data/fakes/FA-KES-Dataset.csv"
OUTLETS = ("wire-a", "wire-b", "daily-c", "weekly-d", "agency-e", "site-f", "radio-g", "tv-h")
_SENTENCE_RE = re.compile(r"[^.!?]+[.!?]")
_WORD_RE = re.compile(r"\S+")
_START = "<s>"
_END = "</s>"


def read_fakes_texts(path: Path) -> list[str]:
    """The article texts of the FA-KES CSV (cp1252 bytes; undecodable bytes replaced)."""
    raw = path.read_bytes().decode("cp1252", errors="replace")
    return [row["article_content"] for row in csv.DictReader(io.StringIO(raw))]


@dataclass
class BigramChain:
    """A word bigram chain: successors[w] lists every word seen after w (so frequent ones recur)."""

    successors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def learn(cls, texts: list[str]) -> BigramChain:
        """Learn word successions from sentences of ``texts``."""
        chain = cls()
        for text in texts:
            for sentence in _SENTENCE_RE.findall(text):
                words = _WORD_RE.findall(sentence)
                if len(words) < 5:
                    continue
                for prev, nxt in zip([_START, *words], [*words, _END], strict=True):
                    chain.successors[prev].append(nxt)
        return chain

    def sentence(self, rng: random.Random, min_words: int = 8, max_words: int = 35) -> str:
        """A fresh sentence: a walk from the sentence start until an end or ``max_words``."""
        while True:
            words: list[str] = []
            word = _START
            while len(words) < max_words:
                word = rng.choice(self.successors[word])
                if word == _END:
                    break
                words.append(word)
            if len(words) >= min_words:
                text = " ".join(words)
                return text if text[-1] in ".!?" else text + "."


@dataclass
class Report:
    """A generated report: paragraphs of sentences, and where it came from."""

    id: str
    paragraphs: list[list[str]]
    published: dt.date
    source: str
    derived_from: list[str]
    transform: str

    def to_json(self) -> str:
        return json.dumps(
            {
                "id": self.id,
                "text": "\n\n".join(" ".join(p) for p in self.paragraphs),
                "published": self.published.isoformat(),
                "source": self.source,
                "derived_from": self.derived_from,
                "transform": self.transform,
            },
            ensure_ascii=False,
        )


class Generator:
    """Writes fresh reports and derives copies from earlier ones."""

    def __init__(self, chain: BigramChain, rng: random.Random) -> None:
        self.chain = chain
        self.rng = rng

    def paragraphs(self, n_sentences: int) -> list[list[str]]:
        """Fresh text: ``n_sentences`` sentences in paragraphs of one to four."""
        out: list[list[str]] = []
        left = n_sentences
        while left > 0:
            k = min(left, self.rng.randint(1, 4))
            out.append([self.chain.sentence(self.rng) for _ in range(k)])
            left -= k
        return out

    def perturb(self, sentence: str) -> str:
        """Change one or two words (a typo, a synonym, a dropped word), as editors do."""
        words = sentence.split()
        for _ in range(self.rng.randint(1, 2)):
            if len(words) < 6:
                break
            i = self.rng.randrange(len(words))
            if self.rng.random() < 0.5:
                del words[i]
            else:
                words[i] = self.rng.choice(self.chain.successors[_START])
        return " ".join(words)

    def derive(self, sources: list[Report]) -> tuple[list[list[str]], str]:
        """New paragraphs reusing ``sources`` (one, or two for a recombination)."""
        rng = self.rng
        base = [list(p) for p in sources[0].paragraphs]
        kind = rng.choice(("copy", "lead", "lift", "recombine", "edit"))
        if len(sources) > 1:
            kind = "recombine"
        if kind == "copy":
            return base, "exact copy"
        if kind == "lead":
            return self.paragraphs(rng.randint(1, 3)) + base, "new lead paragraph"
        if kind == "lift":
            # A few sentences lifted into an otherwise new report (as seed 003 does).
            sentences = [s for p in base for s in p]
            k = max(2, len(sentences) // 3)
            lifted = sorted(rng.sample(range(len(sentences)), min(k, len(sentences))))
            own = self.paragraphs(rng.randint(4, 10))
            for i in lifted:
                own.insert(rng.randint(0, len(own)), [sentences[i]])
            return own, f"{len(lifted)} sentences lifted into a new report"
        if kind == "recombine":
            other = [list(p) for p in sources[-1].paragraphs]
            half_a = base[: max(1, len(base) // 2)]
            half_b = other[len(other) // 2 :]
            return half_a + half_b, "paragraphs recombined"
        # "edit": words perturbed, a sentence dropped, a sentence inserted.
        edited = [[self.perturb(s) if rng.random() < 0.3 else s for s in p] for p in base]
        flat = [(pi, si) for pi, p in enumerate(edited) for si in range(len(p))]
        if len(flat) > 3:
            pi, si = rng.choice(flat)
            del edited[pi][si]
        edited = [p for p in edited if p]
        edited.insert(rng.randint(0, len(edited)), [self.chain.sentence(rng)])
        return edited, "words perturbed, sentences dropped and inserted"


def generate(n: int, reuse_rate: float, seed: int, fakes: Path) -> Iterator[Report]:
    """Yield ``n`` reports; about ``reuse_rate`` of them are derived from earlier ones."""
    rng = random.Random(seed)
    gen = Generator(BigramChain.learn(read_fakes_texts(fakes)), rng)
    start = dt.date(2016, 1, 1)
    recent: deque[Report] = deque(maxlen=2000)  # mostly recent stories get copied (news cycle)
    for i in range(n):
        rid = f"syn{i:07d}"
        if recent and rng.random() < reuse_rate:
            sources = [rng.choice(recent)]
            if rng.random() < 0.15:
                sources.append(rng.choice(recent))
            paragraphs, transform = gen.derive(sources)
            published = max(s.published for s in sources) + dt.timedelta(days=rng.randint(0, 3))
            derived = sorted({s.id for s in sources})
        else:
            paragraphs = gen.paragraphs(rng.randint(6, 18))
            published = start + dt.timedelta(days=rng.randint(0, 365))
            transform, derived = "fresh", []
        report = Report(rid, paragraphs, published, rng.choice(OUTLETS), derived, transform)
        recent.append(report)
        yield report


def main() -> None:
    """Command line: write the corpus as JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True, help="number of reports")
    parser.add_argument("--out", type=Path, required=True, help="output JSONL file")
    parser.add_argument("--reuse-rate", type=float, default=0.1, help="share of derived reports")
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--fakes", type=Path, default=DEFAULT_FAKES, help="FA-KES CSV")
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8") as out:
        for report in generate(args.n, args.reuse_rate, args.seed, args.fakes):
            out.write(report.to_json() + "\n")


if __name__ == "__main__":
    main()
