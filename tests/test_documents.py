"""The document reader: encodings, metadata, bad input, order, JSONL and stdin."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from extract.documents import Document, ReadError, iter_documents, slug


def _read(paths, stdin=None):
    warnings: list[str] = []
    items = list(iter_documents([str(p) for p in paths], warnings.append, stdin=stdin))
    return items, warnings


def test_folder_is_read_recursively_in_sorted_order_with_meta(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z-doc.txt").write_text("Texte Z.", encoding="utf-8")
    (tmp_path / "a-doc.txt").write_text("Texte A.", encoding="utf-8")
    (tmp_path / "a-doc.meta.json").write_text(json.dumps({"published": "2026-01-27", "locale": "fr-CA"}))
    (tmp_path / "notes.md").write_text("ignored")
    items, warnings = _read([tmp_path])
    assert [i.doc_id for i in items] == ["a-doc", "z-doc"]
    assert (items[0].published, items[0].locale) == ("2026-01-27", "fr-CA")
    assert warnings == []


def test_cp1252_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "ancien.txt"
    path.write_bytes("Le député a déclaré : « ça suffit ».".encode("cp1252"))
    (item,), warnings = _read([path])
    assert isinstance(item, Document) and "déclaré" in item.text and "«" in item.text
    assert len(warnings) == 1 and "ancien.txt" in warnings[0] and "cp1252" in warnings[0]


def test_text_is_nfc_and_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "de\u0301clare\u0301".encode("utf-8"))
    (item,), _ = _read([path])
    assert item.text == "déclaré"


@pytest.mark.parametrize("name,data,message", [
    ("vide.txt", b"", "empty document"),
    ("blancs.txt", b"  \n\t\n", "empty document"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("controles.txt", bytes(range(1, 9)) * 40, "binary"),
])
def test_bad_files_give_one_error_naming_the_file(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(data)
    (tmp_path / "bon.txt").write_text("Un texte.", encoding="utf-8")
    items, _ = _read([tmp_path / name, tmp_path / "bon.txt"])
    assert isinstance(items[0], ReadError) and message in items[0].message and name in items[0].source
    assert isinstance(items[1], Document)


def test_missing_path_and_folder_without_text(tmp_path: Path) -> None:
    (tmp_path / "vide").mkdir()
    items, _ = _read([tmp_path / "absent.txt", tmp_path / "vide"])
    assert [type(i) for i in items] == [ReadError, ReadError]
    assert "no such file" in items[0].message and "no .txt" in items[1].message


def test_malformed_meta_is_ignored_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("Un texte.", encoding="utf-8")
    (tmp_path / "d.meta.json").write_text("{not json")
    (item,), warnings = _read([tmp_path / "d.txt"])
    assert item.published is None and "d.meta.json" in warnings[0]


def test_bad_published_date_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("Un texte.", encoding="utf-8")
    (tmp_path / "d.meta.json").write_text(json.dumps({"published": "27/01/2026"}))
    (item,), warnings = _read([tmp_path / "d.txt"])
    assert item.published is None and "YYYY-MM-DD" in warnings[0]


def test_jsonl_input_with_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "lot.jsonl"
    path.write_text("\n".join([
        json.dumps({"doc_id": "a", "text": "Texte A.", "published": "2026-01-02"}),
        "{broken",
        json.dumps({"doc_id": "Bad Id", "text": "x"}),
        json.dumps({"doc_id": "b", "text": "Texte B."}),
    ]), encoding="utf-8")
    items, _ = _read([path])
    assert [type(i).__name__ for i in items] == ["Document", "ReadError", "ReadError", "Document"]
    assert items[0].published == "2026-01-02" and items[1].source.endswith("lot.jsonl:2")


def test_stdin_and_duplicate_ids(tmp_path: Path) -> None:
    (tmp_path / "stdin.txt").write_text("Autre.", encoding="utf-8")
    items, _ = _read(["-", tmp_path / "stdin.txt"], stdin=io.BytesIO("Bonjour.".encode()))
    assert items[0].doc_id == "stdin" and items[0].text == "Bonjour."
    assert isinstance(items[1], ReadError) and "duplicate doc_id" in items[1].message


@pytest.mark.parametrize("stem,expected", [
    ("000_27f5fbcf0d1baef1", "000_27f5fbcf0d1baef1"),
    ("Article Été 2025", "article-ete-2025"),
    ("--", "doc"),
])
def test_slug(stem: str, expected: str) -> None:
    assert slug(stem) == expected
