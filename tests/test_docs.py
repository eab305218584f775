"""The docs are a contract: the README's commands exist and work as written, and each package's
docstring lists the modules it holds."""

import ast
import re

import pytest

from roundtable_lib.cli import COMMANDS
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_two_commands_are_make_targets():
    assert "make run " in README and "make test " in README
    targets = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, re.M))
    assert {"run", "test", "lint", "bench"} <= targets


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)


def test_every_roundtable_command_in_the_readme_exists_and_every_command_is_documented():
    used = set(re.findall(r"roundtable ([\w-]+)", README)) - {"init_", "Workbook"}
    used &= {w for w in used if w.islower()}
    assert used <= set(COMMANDS), used - set(COMMANDS)
    for name in COMMANDS:
        assert f"roundtable {name}" in README, name


def test_the_scripting_api_in_the_readme_runs(tmp_path, monkeypatch):
    block = README.split("## Scripting the workbook", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    code = block.replace('"data/roundtable.db"', repr(str(tmp_path / "api.db")))
    namespace = {}
    exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    [item] = namespace["store"].items(session="s2")  # deleted, then brought back by undo()
    assert item["text_th"] == "รายการวิทยุเข้าถึงผู้ฟัง 30,000 คน"
    assert namespace["dashboard"].readonly


PACKAGES = sorted(p.parent for p in (ROOT / "roundtable_lib").glob("*/__init__.py"))


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.name)
def test_each_package_docstring_lists_its_modules_as_they_are(package):
    """A newcomer reads the package's docstring first: one line per module, none missing, none gone."""
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
    listed = {
        name
        for line in doc.splitlines()
        if line.startswith("- ")
        for name in re.findall(r"``(\w+)``", line.split(":")[0])
    }
    modules = {p.stem for p in package.glob("*.py")} - {"__init__"}
    assert listed == modules
    assert "May import:" in doc
