import sys

from roundtable_lib.cli import main

sys.exit(main())
