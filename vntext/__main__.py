"""``python -m vntext`` runs the command line."""

from vntext.cli import main

raise SystemExit(main())
