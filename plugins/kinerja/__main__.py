import sys

from kinerja.adapters.cli import main

sys.exit(main())
