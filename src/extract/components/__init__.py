"""The project's spaCy components; importing this package registers their factories."""

from . import actors  # noqa: F401
