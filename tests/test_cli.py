"""The ``extract`` command through real subprocesses: run, validate, schema, help, stdin, bad input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT

EXTRACT = [sys.executable, "-m", "extract.cli"]
COMMANDS = ["run", "validate", "score", "schema"]


def cli(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run ``extract`` in a subprocess; text output."""
    proc = subprocess.run([*EXTRACT, *args], input=stdin, capture_output=True, cwd=cwd, timeout=300)
    proc.stdout, proc.stderr = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    return proc


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """One run over good documents and every kind of bad input."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "b-good.txt").write_text("Le patron d’Apple, Tim Cook, a parlé à Paris.", encoding="utf-8")
    (folder / "a-good.txt").write_text("Sam Altman dirige OpenAI.", encoding="utf-8")
    (folder / "c-cp1252.txt").write_bytes("Emmanuel Macron a déclaré « ça suffit ».".encode("cp1252"))
    (folder / "d-empty.txt").write_bytes(b"")
    (folder / "e-binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 20)
    (folder / "empty-dir").mkdir()
    out = folder / "out" / "records.jsonl"
    proc = cli("run", str(folder), str(folder / "missing.txt"), str(folder / "empty-dir"), "--out", str(out))
    return proc, out


def test_run_writes_good_documents_in_order_and_reports_each_bad_one(mixed_run) -> None:
    proc, out = mixed_run
    assert proc.returncode == 1, proc.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["doc_id"] for line in lines] == ["a-good", "b-good", "c-cp1252"]
    assert all(set(line) == {"doc_id", "actors", "statements", "contracts"} for line in lines)
    err = proc.stderr
    assert "c-cp1252.txt: not valid UTF-8" in err and "cp1252" in err
    assert "d-empty.txt: read: empty document" in err
    assert "e-binary.txt: read: binary file" in err
    assert "missing.txt: read: no such file" in err
    assert "empty-dir: read: no .txt" in err
    assert not list(out.parent.glob("*.partial")), "temporary file left behind"


def test_run_output_validates_under_the_models(mixed_run) -> None:
    from extract.records import DocumentRecords

    _, out = mixed_run
    for line in out.read_text(encoding="utf-8").splitlines():
        DocumentRecords.model_validate_json(line)


def test_run_reads_stdin() -> None:
    proc = cli("run", "-", stdin="Selon Tim Cook, la situation est grave.".encode())
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stdout.splitlines()
    assert json.loads(line)["doc_id"] == "stdin"


def test_only_bad_inputs_exit_1_without_output(tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    proc = cli("run", str(tmp_path / "nothing.txt"), "--out", str(out))
    assert proc.returncode == 1 and "nothing.txt" in proc.stderr
    assert out.read_text() == ""


def test_interrupted_run_leaves_the_previous_output_intact(tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    out.write_text("previous\n")
    # stdin left open: the run has opened its temporary output and waits for its document however
    # slow the machine (a file input could be done before the signal on a loaded machine)
    proc = subprocess.Popen([*EXTRACT, "run", "-", "--out", str(out)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    deadline = time.monotonic() + 60
    while not (tmp_path / "records.jsonl.partial").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=120)
    proc.stdin.close()
    assert proc.returncode == 130 and "interrupted" in proc.stderr.read().decode()
    assert out.read_text() == "previous\n"
    assert not (tmp_path / "records.jsonl.partial").exists()  # nothing finished: nothing kept


@pytest.mark.parametrize("args", [["run"], ["run", "x.txt", "--n-process", "0"], ["nosuchcommand"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert cli(*args).returncode == 2


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    proc = cli(command, "--help")
    assert proc.returncode == 0 and "Example: extract " in proc.stdout


def test_root_cli_script_runs_the_same_app() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and all(c in proc.stdout for c in COMMANDS)


def test_schema_is_json_schema_of_document_records() -> None:
    schema = json.loads(cli("schema").stdout)
    assert schema["title"] == "DocumentRecords" and "Statement" in schema["$defs"]


def _gold(tmp_path: Path, text: str, record: dict) -> Path:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "corpus" / "d1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "gold" / "d1.json").write_text(json.dumps(record), encoding="utf-8")
    return tmp_path / "gold"


def test_validate_reports_each_problem_with_file_and_record(tmp_path: Path) -> None:
    gold = _gold(tmp_path, "« Bonjour. » dit Ana.", {
        "doc_id": "d1",
        "actors": [{"id": "ana", "name": "Ana", "kind": "person"}],
        "statements": [{"speaker": "ana", "speaker_mention": "Ana", "quote": "Bonjour", "kind": "direct",
                        "start": 2, "end": 10}],
    })
    proc = cli("validate", str(gold))
    assert proc.returncode == 1
    assert "d1.json: statements[0]:" in proc.stdout and "not the quote" in proc.stdout


def test_validate_reports_schema_errors(tmp_path: Path) -> None:
    gold = _gold(tmp_path, "x", {"doc_id": "d1", "actors": [{"id": "a", "name": "A", "kind": "thing"}]})
    proc = cli("validate", str(gold))
    assert proc.returncode == 1 and "d1.json: actors.0.kind:" in proc.stdout


def test_validate_accepts_a_clean_gold_folder(tmp_path: Path) -> None:
    gold = _gold(tmp_path, "« Bonjour. » dit Ana.", {
        "doc_id": "d1", "actors": [{"id": "ana", "name": "Ana", "kind": "person"}],
        "statements": [{"speaker": "ana", "speaker_mention": "Ana", "quote": "Bonjour.", "kind": "direct",
                        "start": 2, "end": 10}],
    })
    proc = cli("validate", str(gold))
    assert proc.returncode == 0, proc.stdout
