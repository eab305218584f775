"""The organisers' review notebook stays thin and shows the endorsement form, so a decision
given after the meeting can be recorded where the organisers export."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from roundtable_lib import Store

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "organisers_review.ipynb"


def test_the_review_notebook_is_thin_and_offers_the_endorsement_form():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell in code:
        assert not cell.outputs and cell.execution_count is None
        assert "def " not in cell.source and "class " not in cell.source
    assert any(cell.source.strip().endswith("EndorsementForm(store)") for cell in code)


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
    form = next(c for c in nb.cells if c.cell_type == "code" and "EndorsementForm(store)" in c.source)
    shown = [o for o in form.outputs if o.output_type == "execute_result"]
    assert shown and "application/vnd.jupyter.widget-view+json" in shown[0]["data"]
    assert "EndorsementForm" in shown[0]["data"]["text/plain"]
