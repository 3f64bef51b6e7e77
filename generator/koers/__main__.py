"""Allow `python -m koers`."""

from koers.cli import main

raise SystemExit(main())
