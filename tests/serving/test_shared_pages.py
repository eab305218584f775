"""The warm template's pages stay shared with the kernels forked from it
(roundtable_lib.serving.kernel_template.immortalize): a forked child that reads every module's
every attribute un-shares almost nothing once the template's objects are immortal, where it
un-shares megabytes when they are not (CPython writes a reference count on every read).

Each side is a real process that imports what a kernel imports, forks, and measures its child's
private pages (``/proc/<pid>/smaps_rollup``), so the figures are the kernel's own kind.
"""

import json
import subprocess
import sys
import textwrap

import pytest

from roundtable_lib.serving.kernel_template import can_immortalize, immortalize

TEMPLATE = textwrap.dedent(
    """
    import gc, json, os, sys
    from roundtable_lib.serving import kernel_template
    import ipywidgets, sqlalchemy, roundtable_lib.dashboards  # what every kernel imports

    def private_kb():
        with open("/proc/self/smaps_rollup") as rollup:
            return sum(int(line.split()[1]) for line in rollup if line.startswith("Private_"))

    gc.collect()
    immortal = kernel_template.immortalize() if sys.argv[1] == "immortal" else 0
    gc.freeze()
    read, write = os.pipe()
    if os.fork() == 0:
        before = private_kb()
        for module in list(sys.modules.values()):
            for value in list(vars(module).values()):
                str(type(value))
        os.write(write, json.dumps(private_kb() - before).encode())
        os._exit(0)
    os.wait()
    print(json.dumps({"immortal": immortal, "child_grew_kb": json.loads(os.read(read, 100))}))
    """
)


def _fork_and_touch(mode):
    done = subprocess.run([sys.executable, "-c", TEMPLATE, mode], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_an_interpreter_without_immortal_objects_is_left_as_it_is():
    if can_immortalize():
        assert sys.version_info >= (3, 12)
    else:
        assert immortalize() == 0  # nothing touched: Python 3.11 counts every reference


@pytest.mark.slow
@pytest.mark.skipif(not can_immortalize(), reason="immortal objects need CPython 3.12 or newer (make picks it)")
def test_a_forked_child_reading_everything_unshares_almost_nothing():
    mortal = _fork_and_touch("mortal")
    immortal = _fork_and_touch("immortal")
    assert immortal["immortal"] > 100_000  # every module, function, string and constant
    assert mortal["child_grew_kb"] > 4_000  # the cost this removes: reading un-shares pages
    assert immortal["child_grew_kb"] < mortal["child_grew_kb"] / 4, (mortal, immortal)
