"""Batch speed and memory of ``extract run`` against bare spaCy, on varied synthetic corpora.

Corpora of N articles are built from ``corpus/*.txt`` (deterministic seed): each article
takes one source article, swaps about a third of its paragraphs for paragraphs of other
articles, permutes the sentences of about half of them (never inside a quotation), and
swaps people's names and numbers for others drawn from small fixed pools, so texts differ
while the vocabulary stays bounded.

Every measured configuration runs in a fresh subprocess that loads the model (timed
apart), then either
- ``bare``: ``nlp.pipe`` over the texts with the same spaCy components as the full pipeline
  (the full pipeline with the project's ``extract_*`` components disabled), docs discarded;
- ``full``: ``extract.runner.run`` with a loaded extractor, i.e. ``extract run`` without the
  command line: read the JSONL input, ``Extractor.process``, records built, JSONL written
  to a file under the work folder (disk I/O included).
Both read the same JSONL file. The parent only waits: it samples the PSS of the subprocess
tree (workers included) and takes the kernel's peak RSS of the largest process from wait4.

Targets: full/bare words/s >= 0.85; 2 processes >= 1.7 x 1 process (full pipeline);
peak memory of the largest size within 10 % of the next size.

Speed runs are made ``--repeat`` times (default 2), bare and full interleaved, and the checks
take each configuration's fastest run, as ``timeit`` does: on a shared machine the CPU time of
one pass swings by 10-20 % between runs (other work, frequency), the fastest is the least
disturbed. Every run is printed.

Usage: ``python bench/throughput.py [--sizes 100,1000,10000] [--n-process 1,2]
[--only speed|memory] [--batch-size 16] [--speed-limit 1000] [--repeat 2]``
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

ROOT = Path(__file__).resolve().parents[1]
SEED = 2026
FIRST_POOL = ("Claire", "Julien", "Nadia", "Thomas", "Sophie", "Karim", "Élise", "Marc", "Inès", "Paul", "Léa", "Hugo")
LAST_POOL = ("Vasseur", "Benali", "Lefèvre", "Moreau", "Garnier", "Rousseau", "Chevalier", "Nguyen", "Fontaine",
             "Perrin", "Diallo", "Martinez")
NUMBERS_PER_LENGTH = 12
SWAP_PARAGRAPH, PERMUTE_SENTENCES, SWAP_NUMBER = 0.3, 0.5, 0.5
TARGET_RATIO, TARGET_SPEEDUP, TARGET_MEMORY = 0.85, 1.7, 1.10
PERSON_RE = re.compile(r"\b([A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?) ([A-ZÀ-Ý][\w’'-]+)")
SENTENCE_END_RE = re.compile(r"[.!?…]\s+(?=[«A-ZÀ-Ý])")
OPEN_MARKS, CLOSE_MARKS = "«“", "»”"


# ---- corpus ---------------------------------------------------------------------------

class CorpusMaker:
    """Deterministic varied articles from the seed corpus; article ``i`` is the same in every size."""

    def __init__(self, corpus_dir: Path, seed: int):
        from extract.resources import load_words

        self.seed = seed
        self.articles = []
        for path in sorted(corpus_dir.glob("*.txt")):
            meta_path = path.with_name(path.stem + ".meta.json")
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
            self.articles.append((paragraphs, meta))
        self.pool = [p for paragraphs, _ in self.articles for p in paragraphs[1:]]
        self.first_names = load_words("actors/first_names.txt")
        rng = random.Random(seed)
        self.numbers = {n: tuple(str(rng.randrange(10 ** (n - 1), 10 ** n)) for _ in range(NUMBERS_PER_LENGTH))
                        for n in range(1, 16)}

    def article(self, index: int) -> dict:
        """The ``index``-th article as a JSONL row of ``extract run``."""
        rng = random.Random(f"{self.seed}-{index}")
        paragraphs, meta = rng.choice(self.articles)
        body = [rng.choice(self.pool) if rng.random() < SWAP_PARAGRAPH else p for p in paragraphs[1:]]
        body = [permute_sentences(p, rng) if rng.random() < PERMUTE_SENTENCES else p for p in body]
        text = "\n\n".join([paragraphs[0], *body])
        text = self.swap_numbers(self.swap_names(text, rng), rng)
        return {"doc_id": f"bench-{index:06d}", "text": text,
                "published": meta.get("published"), "locale": meta.get("locale")}

    def swap_names(self, text: str, rng: random.Random) -> str:
        """Replace every « First Last » person (and later mentions of either part) by pool names."""
        mapping: dict[str, str] = {}
        for first, last in PERSON_RE.findall(text):
            if first.split("-")[0] in self.first_names:
                mapping.setdefault(first, rng.choice(FIRST_POOL))
                mapping.setdefault(last, rng.choice(LAST_POOL))
        if not mapping:
            return text
        names = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(mapping, key=len, reverse=True))) + r")\b")
        return names.sub(lambda m: mapping[m.group(0)], text)

    def swap_numbers(self, text: str, rng: random.Random) -> str:
        """Replace about half of the digit runs by a pool number of the same length (years by years, days by days)."""
        def swap(match: re.Match) -> str:
            digits = match.group(0)
            if rng.random() >= SWAP_NUMBER or len(digits) not in self.numbers:
                return digits
            if len(digits) == 4 and digits[:2] in ("19", "20"):
                return str(rng.randrange(1995, 2031))
            if len(digits) <= 2:  # days of the month, small counts
                return str(rng.randrange(1, 29))
            return rng.choice(self.numbers[len(digits)])
        return re.sub(r"\d+", swap, text)


def permute_sentences(paragraph: str, rng: random.Random) -> str:
    """The paragraph's sentences in a random order; quotations are never cut."""
    sentences, start, depth = [], 0, 0
    ends = {m.end() for m in SENTENCE_END_RE.finditer(paragraph)}
    for i, ch in enumerate(paragraph):
        depth += (ch in OPEN_MARKS) - (ch in CLOSE_MARKS)
        if i + 1 in ends and depth <= 0:
            sentences.append(paragraph[start:i + 1].strip())
            start = i + 1
    sentences.append(paragraph[start:].strip())
    sentences = [s for s in sentences if s]
    rng.shuffle(sentences)
    return " ".join(sentences)


def write_corpus(maker: CorpusMaker, size: int, path: Path) -> tuple[int, int]:
    """Write ``size`` articles as JSONL; return (words, characters)."""
    words = chars = 0
    with path.open("w", encoding="utf-8") as handle:
        for index in range(size):
            row = maker.article(index)
            words += len(row["text"].split())
            chars += len(row["text"])
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return words, chars


# ---- one measured configuration (runs in a fresh subprocess) ----------------------------

def cpu_seconds() -> float:
    """CPU time of this process and of its reaped children (spaCy joins its workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(kind: str, input_path: Path, n_process: int, batch_size: int, work: Path) -> dict:
    """Load the pipeline, then time one pass over ``input_path``; return the figures."""
    from extract.pipeline import load

    start = time.perf_counter()
    extractor = load()
    if kind == "bare":
        extractor.nlp.select_pipes(disable=[name for name, pipe in extractor.nlp.pipeline
                                            if extractor.nlp.get_pipe_meta(name).factory.startswith("extract_")])
    load_s, cpu0 = time.perf_counter() - start, cpu_seconds()
    start = time.perf_counter()
    result = bare_pass(extractor.nlp, input_path, n_process, batch_size) if kind == "bare" else \
        full_pass(extractor, input_path, n_process, batch_size, work)
    result.update(load_s=load_s, run_s=time.perf_counter() - start, cpu_s=cpu_seconds() - cpu0,
                  pipes=extractor.nlp.pipe_names)
    return result


def bare_pass(nlp, input_path: Path, n_process: int, batch_size: int) -> dict:
    """spaCy alone over the texts of the input file."""
    from extract.documents import Document, iter_documents

    texts = (d.text for d in iter_documents([str(input_path)], lambda m: None) if isinstance(d, Document))
    docs = sum(1 for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size))
    return {"docs": docs, "failed": 0, "errors": []}


def full_pass(extractor, input_path: Path, n_process: int, batch_size: int, work: Path) -> dict:
    """What ``extract run INPUT --out OUT`` does once the pipeline is loaded."""
    from extract.runner import RunOptions, run

    out = work / f"out-{os.getpid()}.jsonl"
    messages: list[str] = []
    summary = run([str(input_path)], RunOptions(out=out, n_process=n_process, batch_size=batch_size),
                  messages.append, extractor=extractor)
    out_bytes = out.stat().st_size
    out.unlink()
    return {"docs": summary.written, "failed": len(summary.failures), "errors": messages[:3],
            "out_mb": out_bytes / 2 ** 20, "counts": summary.counts}


# ---- the parent: run each configuration in a subprocess and watch its memory ---------------

@dataclass
class Run:
    """One measured configuration and its figures."""

    kind: str
    size: int
    n_process: int
    words: int
    figures: dict = field(default_factory=dict)

    @property
    def words_per_s(self) -> float:
        return self.words / self.figures["run_s"]

    @property
    def articles_per_s(self) -> float:
        return self.size / self.figures["run_s"]


def process_tree(pid: int) -> Iterator[int]:
    """``pid`` and all its descendants (from /proc/*/task/*/children)."""
    yield pid
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return
    for task in tasks:
        try:
            children = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
        except OSError:
            continue
        for child in children:
            yield from process_tree(int(child))


def tree_pss_kb(pid: int) -> int:
    """Proportional set size of a process tree, in kB (shared pages counted once)."""
    total = 0
    for member in process_tree(pid):
        try:
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
        except OSError:
            continue
        match = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
        total += int(match.group(1)) if match else 0
    return total


def run_config(kind: str, size: int, n_process: int, corpus: tuple[Path, int], args) -> Run:
    """Measure one configuration in a fresh subprocess; the parent samples memory and waits."""
    path, words = corpus
    result_path = args.workdir / f"result-{kind}-{size}-{n_process}.json"
    command = [sys.executable, __file__, "--worker", kind, "--input", str(path), "--n-process", str(n_process),
               "--batch-size", str(args.batch_size), "--workdir", str(args.workdir), "--result", str(result_path)]
    load_avg = Path("/proc/loadavg").read_text().split()[0]
    with (args.workdir / "worker-stderr.txt").open("w") as stderr:
        proc = subprocess.Popen(command, stdout=stderr, stderr=stderr)
        peak_pss, next_sample = 0, 0.0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() >= next_sample:
                peak_pss, next_sample = max(peak_pss, tree_pss_kb(proc.pid)), time.monotonic() + args.sample
            time.sleep(0.1)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{kind} size={size} n={n_process} failed:\n{(args.workdir / 'worker-stderr.txt').read_text()[-3000:]}")
    figures = json.loads(result_path.read_text())
    figures.update(rss_mb=usage.ru_maxrss / 1024, pss_mb=peak_pss / 1024, load_avg=load_avg)
    return Run(kind, size, n_process, words, figures)


HEADER = (f"{'articles':>8} {'pipeline':>8} {'proc':>4} {'load s':>6} {'run s':>7} {'words/s':>8} {'art/s':>6} "
          f"{'cpu s':>7} {'RSS MB':>7} {'PSS MB':>7} {'failed':>6} {'load1':>5}")


def row(run: Run) -> str:
    """One line of the results table."""
    f = run.figures
    return (f"{run.size:>8} {run.kind:>8} {run.n_process:>4} {f['load_s']:>6.1f} {f['run_s']:>7.1f} "
            f"{run.words_per_s:>8.0f} {run.articles_per_s:>6.2f} {f['cpu_s']:>7.1f} {f['rss_mb']:>7.0f} "
            f"{f['pss_mb']:>7.0f} {f['failed']:>6} {f['load_avg']:>5}")


def plan(args) -> list[tuple[str, int, int]]:
    """(pipeline, size, processes) to measure: bare and full interleaved, the speed rounds ``--repeat`` times."""
    configs = []
    for size in args.sizes:
        speed = args.only != "memory" and size <= args.speed_limit
        memory = args.only != "speed"
        for _ in range(args.repeat if speed else 1):
            for n in args.n_process:
                if speed:
                    configs += [("bare", size, n), ("full", size, n)]
                elif memory and n == args.memory_n_process:
                    configs.append(("full", size, n))
    return configs


def fastest(runs: list[Run]) -> dict[tuple[str, int, int], Run]:
    """The fastest run of each configuration: the one other work on the machine disturbed least."""
    best: dict[tuple[str, int, int], Run] = {}
    for run in runs:
        key = (run.kind, run.size, run.n_process)
        if key not in best or run.words_per_s > best[key].words_per_s:
            best[key] = run
    return best


def verdict(ok: Optional[bool]) -> str:
    return "n/a " if ok is None else "PASS" if ok else "FAIL"


def check_targets(runs: list[Run], args) -> list[str]:
    """The three target checks as printable lines (speed: the fastest of the repeated runs; memory: the highest)."""
    by = fastest(runs)
    lines = []
    speed_sizes = [s for s in args.sizes if ("full", s, args.n_process[0]) in by and ("bare", s, args.n_process[0]) in by]
    if speed_sizes:
        size = max(speed_sizes)
        for n in args.n_process:
            full, bare = by.get(("full", size, n)), by.get(("bare", size, n))
            if not (full and bare):
                continue
            ratio = full.words_per_s / bare.words_per_s
            by_cpu = bare.figures["cpu_s"] / full.figures["cpu_s"]
            lines.append(f"{verdict(ratio >= TARGET_RATIO)} full/bare words/s, {size} articles, {n} process(es): "
                         f"{ratio:.2f} (target >= {TARGET_RATIO}; by CPU time {by_cpu:.2f})")
        for kind in ("full", "bare"):
            one, two = by.get((kind, size, 1)), by.get((kind, size, 2))
            speedup = two.words_per_s / one.words_per_s if one and two else None
            target = f" (target >= {TARGET_SPEEDUP})" if kind == "full" else " (reference: what spaCy alone reaches here)"
            lines.append(f"{verdict(speedup >= TARGET_SPEEDUP) if speedup and kind == 'full' else 'info' if speedup else 'n/a '} "
                         f"{kind} speed-up 2 vs 1 process, {size} articles: " + (f"{speedup:.2f}" if speedup else "n/a") + target)
    memory = [r for r in runs if r.kind == "full" and r.n_process == args.memory_n_process]
    sizes = sorted({r.size for r in memory})
    if len(sizes) >= 2:
        for key, label in (("rss_mb", "peak RSS of the largest process"), ("pss_mb", "peak PSS of the process tree")):
            small, large = (max(r.figures[key] for r in memory if r.size == size) for size in sizes[-2:])
            growth = large / small
            lines.append(f"{verdict(growth <= TARGET_MEMORY)} {label}, {sizes[-1]} vs {sizes[-2]} articles, "
                         f"{args.memory_n_process} process(es): {large:.0f} vs {small:.0f} MB "
                         f"= {growth:.3f} (target <= {TARGET_MEMORY})")
    else:
        lines.append("n/a  memory growth: needs the full pipeline on two sizes (--sizes with two values)")
    return lines


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ints = lambda text: sorted({int(v) for v in text.split(",")})  # noqa: E731
    ap.add_argument("--sizes", type=ints, default=[100, 1000, 10000], help="corpus sizes, articles")
    ap.add_argument("--n-process", type=ints, default=[1, 2], help="process counts to measure")
    ap.add_argument("--batch-size", type=int, default=16, help="documents per spaCy batch")
    ap.add_argument("--only", choices=("speed", "memory"), help="only the speed runs or only the memory runs")
    ap.add_argument("--speed-limit", type=int, default=1000, help="largest size measured for speed (bare and full)")
    ap.add_argument("--repeat", type=int, default=2,
                    help="rounds of the speed runs, interleaved; the checks take each configuration's fastest")
    ap.add_argument("--memory-n-process", type=int, help="processes of the memory runs (default: the most measured)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--workdir", type=Path, help="where corpora and outputs go (default: a temporary folder)")
    ap.add_argument("--sample", type=float, default=5.0,
                    help="seconds between PSS samples (one costs ~70 ms of CPU on a 2-process tree)")
    ap.add_argument("--worker", choices=("bare", "full"), help=argparse.SUPPRESS)
    ap.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.memory_n_process = args.memory_n_process or max(args.n_process)
    return args


def main(argv: Optional[list[str]] = None) -> int:
    """Build the corpora, measure every planned configuration, print the table and the checks."""
    args = parse_args(argv)
    if args.worker:
        figures = measure(args.worker, args.input, args.n_process[0], args.batch_size, args.workdir)
        args.result.write_text(json.dumps(figures))
        return 0
    own_workdir = args.workdir is None
    args.workdir = args.workdir or Path(tempfile.mkdtemp(prefix="throughput-"))
    args.workdir.mkdir(parents=True, exist_ok=True)
    configs = plan(args)
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, batch size "
          f"{args.batch_size}, seed {args.seed}; full = extract.runner.run (JSONL in and out, disk I/O included)",
          flush=True)
    maker, corpora = CorpusMaker(args.corpus, args.seed), {}
    for size in sorted({size for _, size, _ in configs}):
        path = args.workdir / f"corpus-{size}.jsonl"
        words, chars = write_corpus(maker, size, path)
        corpora[size] = (path, words)
        print(f"corpus {size}: {words} words, {chars} characters, {words / size:.0f} words/article", flush=True)
    runs = []
    try:
        print(HEADER, flush=True)
        for kind, size, n in configs:
            runs.append(run_config(kind, size, n, corpora[size], args))
            print(row(runs[-1]), flush=True)
            for message in runs[-1].figures["errors"]:
                print(f"    {message[:200]}", flush=True)
    finally:
        if own_workdir:
            shutil.rmtree(args.workdir, ignore_errors=True)
    if runs:
        print(f"spaCy components: {', '.join(p for p in runs[-1].figures['pipes'] if not p.startswith('extract_'))}")
    print("\n".join(check_targets(runs, args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
