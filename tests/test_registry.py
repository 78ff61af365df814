"""The cross-document actor registry: merges, the no-false-merge rule, atomic output, run --actors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.documents import slug
from extract.records import DocumentRecords
from extract.registry import ActorRegistry


def _doc(doc_id: str, *actors: dict) -> DocumentRecords:
    rows = []
    for a in actors:
        row = {"id": a.get("id") or slug(a["name"]), "aliases": [], **a}
        if row["kind"] == "organization":
            row.setdefault("org_type", "company")
        rows.append(row)
    return DocumentRecords(doc_id=doc_id, actors=rows)


def _registry(*docs: DocumentRecords) -> list[dict]:
    registry = ActorRegistry()
    for doc in docs:
        registry.add(doc)
    return registry.entries()


def _names(entries: list[dict]) -> list[str]:
    return sorted(e["name"] for e in entries)


def test_same_person_in_two_documents_is_one_entry_with_counts():
    entries = _registry(
        _doc("a", {"name": "Donald Trump", "kind": "person", "aliases": ["Trump"], "mentions": [(0, 5), (9, 21)]}),
        _doc("b", {"name": "Donald Trump", "kind": "person", "mentions": [(3, 15)]}),
    )
    assert len(entries) == 1
    entry = entries[0]
    assert entry["name"] == "Donald Trump" and entry["aliases"] == ["Trump"] and entry["mentions"] == 3
    assert [(d["doc_id"], d["actor_id"], d["mentions"]) for d in entry["documents"]] == [
        ("a", "donald-trump", 2), ("b", "donald-trump", 1)]


@pytest.mark.parametrize("first, second", [
    ({"name": "Jeff Bezos", "kind": "person"}, {"name": "Jeff Dean", "kind": "person"}),
    ({"name": "Donald Trump", "kind": "person", "aliases": ["Trump"]},
     {"name": "Melania Trump", "kind": "person", "aliases": ["Trump"]}),
    ({"name": "Marine Le Pen", "kind": "person", "aliases": ["Le Pen"]},
     {"name": "Jean-Marie Le Pen", "kind": "person", "aliases": ["Le Pen"]}),
    ({"name": "Amazon", "kind": "organization"}, {"name": "Amazon Web Services", "kind": "organization", "aliases": ["AWS"]}),
    ({"name": "Google", "kind": "organization"}, {"name": "Google DeepMind", "kind": "organization"}),
    ({"name": "Fine Bakery Company", "kind": "organization", "aliases": ["FBC"]},
     {"name": "Foo Bar Consulting", "kind": "organization", "aliases": ["FBC"]}),
    ({"name": "Orange", "kind": "organization"}, {"name": "Orange", "kind": "person"}),
], ids=["shared given name", "shared surname", "shared surname with a particle", "parent and subsidiary", "unit", "acronym with two expansions", "kinds"])
def test_different_actors_never_merge(first, second):
    assert len(_registry(_doc("a", first), _doc("b", second))) == 2


def test_acronym_alone_joins_its_expansion_and_english_name_wins():
    entries = _registry(
        _doc("a", {"name": "service de l’immigration et des douanes", "kind": "organization", "aliases": ["ICE"]}),
        _doc("b", {"name": "ICE", "kind": "organization"}),
        _doc("c", {"name": "Immigration and Customs Enforcement", "kind": "organization"}),
    )
    assert len(entries) == 1
    assert entries[0]["name"] == "Immigration and Customs Enforcement"
    assert sorted(entries[0]["aliases"]) == ["ICE", "service de l’immigration et des douanes"]


def test_unknown_acronym_alone_joins_the_only_expansion():
    entries = _registry(
        _doc("a", {"name": "Système Zeta Corp", "kind": "organization", "aliases": ["SZC"]}),
        _doc("b", {"name": "SZC", "kind": "organization"}),
    )
    assert _names(entries) == ["Système Zeta Corp"]


def test_spelling_and_case_variants_merge_and_count_once():
    entries = _registry(
        _doc("a", {"name": "Google Deepmind", "kind": "organization"}),
        _doc("b", {"name": "Google DeepMind", "kind": "organization"}),
        _doc("c", {"name": "OpenAI", "kind": "organization", "aliases": ["Open AI"]}),
        _doc("d", {"name": "Open AI", "kind": "organization"}),
    )
    assert _names(entries) == ["Google DeepMind", "OpenAI"]
    assert next(e for e in entries if e["name"] == "Google DeepMind")["aliases"] == []


def test_accent_variants_of_a_person_merge():
    entries = _registry(_doc("a", {"name": "Renée Good", "kind": "person"}), _doc("b", {"name": "Renee Good", "kind": "person"}))
    assert len(entries) == 1 and entries[0]["aliases"] == ["Renee Good"]


def test_ids_are_unique_slugs():
    entries = _registry(
        _doc("a", {"name": "Orange", "kind": "organization"}),
        _doc("b", {"name": "Orange", "kind": "person", "id": "orange"}),
    )
    assert sorted(e["id"] for e in entries) == ["orange", "orange-2"]


def test_write_is_atomic_and_keeps_the_old_file_on_failure(tmp_path: Path, monkeypatch):
    target = tmp_path / "actors.jsonl"
    registry = ActorRegistry()
    registry.add(_doc("a", {"name": "Sam Altman", "kind": "person"}))
    registry.write(target)
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["name"] for r in rows] == ["Sam Altman"]

    def broken() -> list[dict]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(registry, "entries", broken)
    with pytest.raises(RuntimeError):
        registry.write(target)
    assert target.read_text(encoding="utf-8") == json.dumps(rows[0], ensure_ascii=False) + "\n"
    assert [p.name for p in tmp_path.iterdir()] == ["actors.jsonl"]


def test_run_writes_the_registry(tmp_path: Path):
    from extract.pipeline import Outcome
    from extract.runner import RunOptions, run

    class Fixed:
        """An extractor stand-in returning fixed records, so no model is needed."""

        def process(self, items, n_process=1, batch_size=16):
            for doc in items:
                who = "Sam Altman" if doc.doc_id == "one" else "Tim Cook"
                yield Outcome(doc.doc_id, records=_doc(doc.doc_id, {"name": who, "kind": "person"},
                                                       {"name": "OpenAI", "kind": "organization"}))

    for doc_id in ("one", "two"):
        (tmp_path / f"{doc_id}.txt").write_text("Texte.", encoding="utf-8")
    actors = tmp_path / "out" / "actors.jsonl"
    run([str(tmp_path)], RunOptions(out=tmp_path / "out" / "records.jsonl", actors=actors), lambda m: None, extractor=Fixed())
    rows = [json.loads(line) for line in actors.read_text(encoding="utf-8").splitlines()]
    assert _names(rows) == ["OpenAI", "Sam Altman", "Tim Cook"]
    assert [d["doc_id"] for d in next(r for r in rows if r["name"] == "OpenAI")["documents"]] == ["one", "two"]
