"""Check the knowledge base before you commit: links, glossary, sources, front matter.

    python scripts/check.py               # build into a temp folder, then check
    python scripts/check.py --site site   # check an existing build instead
    python scripts/check.py --external    # also try every external link (network)

The checks live in scripts/kbcheck/, one module per family (links, glossary,
sources, front matter); see scripts/kbcheck/cli.py for what each one checks.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2.0
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kbcheck.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
