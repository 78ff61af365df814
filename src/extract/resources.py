"""Locate and load the data files in ``models/`` (lexicons, patterns, gazetteers, config).

Files are read once and cached; callers get plain Python data.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any


def models_dir() -> Path:
    """The ``models/`` folder: inside the installed package, or at the source checkout's root."""
    packaged = Path(__file__).resolve().parent / "models"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "models"


def resource_path(relative: str) -> Path:
    """Path of one resource file, e.g. ``resource_path("money/currencies.json")``."""
    path = models_dir() / relative
    if not path.exists():
        raise FileNotFoundError(f"resource {relative!r} not found under {models_dir()}")
    return path


@lru_cache(maxsize=None)
def load_json(relative: str) -> Any:
    """Parse a JSON resource once."""
    return json.loads(resource_path(relative).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_jsonl(relative: str) -> tuple[Any, ...]:
    """Parse a JSON-lines resource once (blank lines and ``//`` comment lines skipped)."""
    lines = resource_path(relative).read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip() and not line.lstrip().startswith("//"))


@lru_cache(maxsize=None)
def load_words(relative: str) -> frozenset[str]:
    """A whitespace-separated word list; ``#`` starts a comment."""
    words: set[str] = set()
    for line in resource_path(relative).read_text(encoding="utf-8").splitlines():
        words.update(line.split("#", 1)[0].split())
    return frozenset(words)


@lru_cache(maxsize=None)
def load_lines(relative: str) -> tuple[str, ...]:
    """A list of entries, one per line (entries may contain spaces); ``#`` starts a comment."""
    out = []
    for line in resource_path(relative).read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return tuple(out)
