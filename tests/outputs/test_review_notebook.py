"""The organisers' review notebook stays thin and shows the endorsement form, so a decision
given after the meeting can be recorded where the organisers export."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from roundtable_lib import Store
from roundtable_lib.serving.serve import ServePlan

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "organisers_review.ipynb"


def test_the_review_notebook_is_thin_and_offers_the_endorsement_form():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code:
        assert not cell.outputs and cell.execution_count is None
        assert "def " not in cell.source and "class " not in cell.source
    assert any("EndorsementForm(store, lang=review.lang)" in cell.source for cell in code)


def test_the_review_exports_where_jupyterlab_shows_them_and_voila_never_serves(tmp_path):
    """Export writes into exports/ beside the notebook: inside the chairs' JupyterLab's root (its
    file browser shows it), outside the one folder Voila serves to the participants."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    config = next(c.source for c in nb.cells if c.cell_type == "code" and "OUT = " in c.source)
    out = config.split("OUT = ", 1)[1].split("#", 1)[0].strip().strip("\"'")
    plan = ServePlan(db=tmp_path / "x.db", root=NOTEBOOK.parents[1])
    exports = (NOTEBOOK.parent / out).resolve()
    lab_root = NOTEBOOK.parent.resolve()
    served = plan.voila().dashboards.resolve()
    assert exports.is_relative_to(lab_root) and exports != lab_root
    assert not exports.is_relative_to(served) and not served.is_relative_to(exports)
    assert f"--ServerApp.root_dir={plan.root / 'notebooks'}" in plan.lab_command()
    assert str(plan.voila().dashboards) in plan.voila_command()
    # git keeps exports out of the repository (a public folder is shared whole, never committed)
    ignored = (NOTEBOOK.parents[1] / ".gitignore").read_text(encoding="utf-8").split()
    assert "exports/" in ignored


@pytest.mark.slow
def test_the_review_notebook_runs_and_shows_the_form(tmp_path, meeting, monkeypatch):
    db = tmp_path / "fresh.db"
    with Store(db, actor="tests") as store:
        store.init(meeting)
        store.add_item("s3", "recommendation", "A weekly day off", text_th="วันหยุดประจำสัปดาห์")
    monkeypatch.setenv("ROUNDTABLE_DB", str(db))  # the kernel inherits it
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb, kernel_name="python3", timeout=180, resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    form = next(c for c in nb.cells if c.cell_type == "code" and "EndorsementForm(store" in c.source)
    shown = [o for o in form.outputs if o.output_type == "execute_result"]
    assert shown and "application/vnd.jupyter.widget-view+json" in shown[0]["data"]
    assert "EndorsementForm" in shown[0]["data"]["text/plain"]
