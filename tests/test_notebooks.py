"""Every chair notebook runs top to bottom on a fresh, initialised database (nbval runs them on
the demo database; see conftest.py)."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from roundtable_lib import Store

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
CHAIR_NOTEBOOKS = sorted(NOTEBOOKS.glob("0*.ipynb"))


def test_every_agenda_item_has_a_chair_notebook():
    assert [p.stem[:2] for p in CHAIR_NOTEBOOKS] == ["00", "01", "02", "03", "04", "05"]


@pytest.mark.parametrize("path", CHAIR_NOTEBOOKS, ids=lambda p: p.stem)
def test_chair_notebook_is_thin(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) <= 10
    assert code[0].source.startswith("SESSION = ")
    for cell in code:
        assert not cell.outputs and cell.execution_count is None
        assert "def " not in cell.source and "class " not in cell.source
    assert "widgets" not in nb.metadata


@pytest.mark.slow
@pytest.mark.parametrize("path", CHAIR_NOTEBOOKS, ids=lambda p: p.stem)
def test_chair_notebook_runs_on_fresh_database(path, tmp_path, meeting, monkeypatch):
    db = tmp_path / "fresh.db"
    with Store(db, actor="tests") as store:
        store.init(meeting)
    monkeypatch.setenv("ROUNDTABLE_DB", str(db))  # the kernel inherits it
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    with Store(db) as store:
        # Running a chair notebook writes nothing by itself.
        assert store.items(include_deleted=True) == [] and store.polls() == [] and store.participants() == []
