"""extract: who said what, who is paid by whom, and who the actors are, from French news articles.

Public names (``shared/spec/RECORDS.md`` §4) are imported lazily, so ``extract score`` and
``extract validate`` never load spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_PUBLIC = {
    "load": "pipeline",
    "Extractor": "pipeline",
    "parse_money": "parsers.money",
    "MoneyMention": "parsers.money",
    "parse_dates": "parsers.dates",
    "DateMention": "parsers.dates",
    "score": "scoring",
    "ScoreReport": "scoring",
    "Document": "documents",
    "DocumentRecords": "records",
    "Actor": "records",
    "Statement": "records",
    "Contract": "records",
    "Money": "records",
    "Role": "records",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
