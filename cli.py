"""Command-line entry from a source checkout: ``python cli.py --help`` runs the ``extract`` app."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from extract.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
