"""The project's spaCy components; importing this package registers their factories."""

from . import actors  # noqa: F401
from . import contracts  # noqa: F401
from . import dates  # noqa: F401
from . import money  # noqa: F401
from . import statements  # noqa: F401
