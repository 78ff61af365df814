"""The statement stage's logic: quotations (:mod:`.quotes`), reported speech (:mod:`.reported`),
speakers (:mod:`.speakers`, :mod:`.attribution`), channel and date (:mod:`.context`)."""

from .collect import Collector
from .quotes import Quote, find_quotes

__all__ = ["Collector", "Quote", "find_quotes"]
