"""Check the knowledge base before you commit: links, glossary, sources, front matter.

    python -m kb.check               # build into a temp folder, then check
    python -m kb.check --site site   # check an existing build instead
    python -m kb.check --external    # also try every external link (network)

The checks live in kb/check/, one module per family (links, glossary,
sources, front matter); see kb/check/cli.py for what each one checks.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2.0

from kb.check.cli import main

if __name__ == "__main__":
    sys.exit(main())
