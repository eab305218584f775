"""`make bench`: run every bench/*_bench.py module and print ratios against their baselines.

Timings on shared 2-core machines are noisy, so each benchmark measures its baseline in the
same run and reports a ratio; nothing here fails a build on an absolute time.
"""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(names=None):
    here = Path(__file__).parent
    modules = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.endswith("_bench"))
    if names:
        modules = [m for m in modules if any(n in m for n in names)]
    failed = 0
    for name in modules:
        module = importlib.import_module(f"bench.{name}")
        print(f"== {name}: {module.__doc__.strip().splitlines()[0]}")
        failed += 0 if module.run() else 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
