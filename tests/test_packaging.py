"""pyproject.toml is the one list of dependencies; environment.yml mirrors it for conda users."""

import re
import tomllib

import yaml

from tests.helpers import ROOT

CONDA_NAMES = {"kaleido": "python-kaleido"}


def _split(requirement):
    match = re.match(r"^\s*([A-Za-z0-9_.\-\[\]]+)\s*(.*)$", requirement)
    name = re.sub(r"\[.*\]", "", match.group(1)).lower().replace("_", "-")
    return CONDA_NAMES.get(name, name), match.group(2).replace(" ", "")


def test_environment_yml_mirrors_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = dict(_split(r) for r in project["dependencies"] + project["optional-dependencies"]["test"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = dict(_split(d) for d in env["dependencies"] if isinstance(d, str))
    # What conda-forge does not carry comes from PyPI, in the pip section (not the project itself).
    from_pypi = [d for section in env["dependencies"] if isinstance(section, dict) for d in section["pip"]]
    conda |= dict(_split(d) for d in from_pypi if not d.startswith("-"))
    assert conda.pop("python") == ">=3.11"
    conda.pop("pip")
    assert conda == wanted


def test_security_lower_bounds():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = dict(_split(r) for r in project["dependencies"])
    assert deps["voila"] == ">=0.5.6"
    assert deps["jupyter-server"] == ">=2.20"
    assert project["requires-python"] == ">=3.11"
    assert project["scripts"]["roundtable"] == "roundtable_lib.cli:main"
