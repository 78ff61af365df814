"""The ``extract`` command line: parses options and calls the library."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    help="Who said what, who is paid by whom, and who the actors are, from French news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _cores() -> int:
    """Cores this process may run on (a container or ``taskset`` may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@app.command()
def run(
    paths: List[str] = typer.Argument(..., help="Files, folders (recursive), globs, .jsonl files, or - for stdin."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="JSONL output file (default: stdout)."),
    n_process: Optional[int] = typer.Option(
        None, "--n-process", "-n", min=1, help="Worker processes (default: the cores available; 1 for one file)."),
    batch_size: int = typer.Option(16, min=1, help="Documents per spaCy batch."),
    resume: bool = typer.Option(False, help="Skip documents already in --out (or its .partial) and keep them."),
    errors: Optional[Path] = typer.Option(None, help="Write failed documents as JSONL (doc_id, stage, message)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary line."),
    actors: Optional[Path] = typer.Option(None, "--actors", help="Also write the cross-document actor registry (JSONL)."),
) -> None:
    """Extract actors, statements and contracts: one JSON line per document, in input order.

    Exit status: 0 when every document was processed, 1 when any failed (the summary
    line and --errors say how many and which), 2 for usage errors.

    Example: extract run corpus/ --out out/records.jsonl --errors out/errors.jsonl
    """
    from .runner import RunOptions, count_documents, run as run_job

    if resume and out is None:
        raise typer.BadParameter("--resume needs --out", param_hint="--resume")
    single = len(paths) == 1 and (paths[0] == "-" or Path(paths[0]).is_file() and Path(paths[0]).suffix == ".txt")
    options = RunOptions(out=out, n_process=n_process or (1 if single else _cores()),
                         batch_size=batch_size, resume=resume, errors=errors, actors=actors)
    show_bar = not quiet and sys.stderr.isatty()
    try:
        if show_bar:
            from .progress import ProgressBar

            with ProgressBar(count_documents(paths)) as bar:
                options.progress = bar
                summary = run_job(paths, options, _stderr)
        else:
            summary = run_job(paths, options, _stderr)
    except KeyboardInterrupt:
        hint = f"; finished documents are in {out}.partial: rerun with --resume" if out else ""
        _stderr(f"interrupted: {out or 'the output'} was left as it was before the run{hint}")
        raise typer.Exit(130)
    if not quiet:
        counts = ", ".join(f"{n} {k}" for k, n in summary.counts.items())
        kept = f", {summary.kept} kept from the previous run" if summary.kept else ""
        _stderr(f"{summary.written} documents written ({counts}){kept}; {len(summary.failures)} failed")
    raise typer.Exit(1 if summary.failures else 0)


@app.command()
def validate(
    gold_dir: Path = typer.Argument(..., exists=True, file_okay=False, help="Folder of gold/<doc_id>.json files."),
    corpus: Optional[Path] = typer.Option(None, help="Folder of the texts (default: corpus/ beside the gold folder)."),
) -> None:
    """Check every gold file: schema, actor references, and offsets against its text.

    Example: extract validate gold/
    """
    from .gold import gold_files, validate_gold

    corpus_dir = corpus or gold_dir.resolve().parent / "corpus"
    problems = validate_gold(gold_dir, corpus_dir)
    for problem in problems:
        print(problem)
    _stderr(f"{len(gold_files(gold_dir))} gold files, {len(problems)} problems")
    raise typer.Exit(1 if problems else 0)


@app.command()
def score(
    gold: Path = typer.Option(..., "--gold", exists=True, file_okay=False, help="Gold folder."),
    pred: Path = typer.Option(..., "--pred", exists=True, dir_okay=False, help="Predictions (JSONL from extract run)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    fail_under_f1: Optional[float] = typer.Option(None, help="Exit 1 when any headline F1 is below this."),
    write_baseline: bool = typer.Option(
        False, "--write-baseline", help="Also write GOLD/baseline.json: the headline figures, floored to 3 decimals."),
    errors: bool = typer.Option(True, "--errors/--no-errors", help="List every false positive and negative in the table."),
) -> None:
    """Score predictions against the gold set (RECORDS.md §3).

    Example: extract score --gold gold/ --pred out/records.jsonl --no-errors
    """
    from .scoring import score as score_fn
    from .scoring import write_baseline as write_baseline_fn

    report = score_fn(gold, pred)
    print(report.model_dump_json(indent=2) if as_json else report.to_table(errors=errors))
    if write_baseline:
        figures = write_baseline_fn(report, gold / "baseline.json")["figures"]
        _stderr(f"baseline written to {gold / 'baseline.json'}: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    if fail_under_f1 is not None and report.min_f1() < fail_under_f1:
        _stderr(f"an F1 is below {fail_under_f1}")
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of one document's records (a line of extract run, or a gold file).

    Example: extract schema > records.schema.json
    """
    from .records import DocumentRecords

    print(json.dumps(DocumentRecords.model_json_schema(), indent=2, ensure_ascii=False))


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
