"""`python -m palabre`: the same command line as the `palabre` script, for a Python without it
on the PATH (a virtual environment not activated, Windows)."""

import sys

from palabre.cli import main

sys.exit(main())
