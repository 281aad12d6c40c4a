"""Entry point of the bundle: the same `induct` command as an installed wheel."""

import sys

from app.cli import main

sys.exit(main())
