"""The actor stage on case sentences (tests/cases/actors.jsonl) and its invariants on the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.records import Actor
from tests.conftest import ROOT, case_id, load_cases

CASES = load_cases("actors")


def _actors(nlp, text: str) -> tuple[list[dict], list[tuple[int, int, str]]]:
    """spaCy's own pipes, then the actor component alone (other project stages play no part)."""
    doc = nlp.make_doc(text)
    for name, pipe in nlp.pipeline:
        if not name.startswith("extract_"):
            doc = pipe(doc)
    doc = nlp.get_pipe("extract_actors").process(doc)  # unguarded: an exception fails the test
    return doc._.actors, doc._.actor_mentions


def _params():
    for row in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if row.get("xfail") else []
        yield pytest.param(row, id=case_id(row), marks=marks)


def _role_key(role: dict) -> tuple[str, str]:
    return role["title"] or "", role["org"] or ""


def _check(row: dict, actors: list[dict]) -> None:
    by_name = {a["name"]: a for a in actors}
    names_by_id = {a["id"]: a["name"] for a in actors}
    for want in row["expected"]:
        got = by_name.get(want["name"])
        assert got is not None, f"missing {want['name']!r}; got {sorted(by_name)}"
        assert got["kind"] == want["kind"]
        if "aliases" in want:
            assert sorted(got["aliases"]) == sorted(want["aliases"])
        if "org_type" in want:
            assert got["org_type"] == want["org_type"]
        if "roles" in want:
            roles = [{"title": r["title"], "org": names_by_id.get(r["org"]) if r["org"] else None} for r in got["roles"]]
            assert sorted(roles, key=_role_key) == sorted(want["roles"], key=_role_key)
    if row.get("only"):
        assert sorted(by_name) == sorted(w["name"] for w in row["expected"])
    for name in row.get("absent", []):
        assert name not in by_name


@pytest.mark.parametrize("row", list(_params()))
def test_actor_cases(nlp, row):
    actors, _ = _actors(nlp, row["text"])
    _check(row, actors)


@pytest.mark.parametrize("row", CASES[:12], ids=case_id)
def test_actors_are_valid_records_with_consistent_mentions(nlp, row):
    actors, mentions = _actors(nlp, row["text"])
    ids = {a["id"] for a in actors}
    for actor in actors:
        Actor(**actor)
        assert all(r["org"] is None or r["org"] in ids for r in actor["roles"])
    assert sorted(mentions) == sorted((s, e, a["id"]) for a in actors for s, e in a["mentions"])
    assert all(0 <= s < e <= len(row["text"]) for s, e, _ in mentions)


def test_actor_mentions_cover_names_and_described_holders(nlp):
    text = ("Reid Hoffman, cofondateur de LinkedIn, a parlé. Plus tard, le cofondateur de LinkedIn a ajouté "
            "qu’il fallait agir.")
    actors, mentions = _actors(nlp, text)
    hoffman = next(a for a in actors if a["name"] == "Reid Hoffman")
    spans = [text[s:e] for s, e, i in mentions if i == hoffman["id"]]
    assert spans == ["Reid Hoffman", "le cofondateur de LinkedIn"]


def test_holder_is_not_guessed_when_two_people_share_the_role(nlp):
    text = ("Paul Lopez, fondateur de Foo Ventures, et Marc Petit, fondateur de Foo Ventures, ont signé. "
            "Le fondateur de Foo Ventures a refusé.")
    actors, mentions = _actors(nlp, text)
    described = [(s, e) for s, e, _ in mentions if text[s:e].startswith("Le fondateur")]
    assert described == []


@pytest.mark.corpus
def test_corpus_actor_ids_unique_and_offsets_valid(extractor):
    for path in sorted(Path(ROOT / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        actors, mentions = _actors(extractor.nlp, text)
        assert len({a["id"] for a in actors}) == len(actors)
        assert all(0 <= s < e <= len(text) for s, e, _ in mentions)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([row["text"] for row in CASES]), min_size=1, max_size=4))
def test_any_mix_of_case_texts_gives_consistent_actors(nlp, texts):
    text = "\n\n".join(texts)
    actors, mentions = _actors(nlp, text)
    ids = [a["id"] for a in actors]
    kinds = {a["id"]: a["kind"] for a in actors}
    assert len(set(ids)) == len(ids)
    for actor in actors:
        Actor(**actor)
        folded = [f.casefold() for f in [actor["name"], *actor["aliases"]]]
        assert len(set(folded)) == len(folded), "an alias repeats the name or another alias"
        assert all(r["org"] is None or kinds.get(r["org"]) == "organization" for r in actor["roles"])
    assert all(0 <= s < e <= len(text) for s, e, _ in mentions)
