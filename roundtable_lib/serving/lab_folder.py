"""The chairs' JupyterLab's own folder, one per database: its workspaces and its page style.

JupyterLab keeps the tabs a browser had open (its "workspace") in the user's home by default,
for every server alike: a meeting's JupyterLab would reopen the tabs of the rehearsal on the
demo database, and start a kernel for each. Here each database has a folder of its own, beside
it and named after it (``roundtable.db`` -> ``roundtable.db.jupyterlab/``), holding

- ``workspaces/``: JupyterLab's ``--LabApp.workspaces_dir``; the default workspace is written
  again at each start, with one tab, the registration notebook, so the first screen a chair
  sees is a notebook of this meeting and never what was open when the server last stopped;
- ``custom/custom.css``: the page style (``--LabApp.custom_css``), from
  ``share/jupyter/lab/custom/chair.css`` with its words in English and Thai: no code, prompt or
  "Loading widget..." flashes on a chair's screen, and a notebook whose kernel is gone says
  once how it starts again instead of "model not found" in every cell.

May import: the standard library and :mod:`roundtable_lib.meeting.labels` (``roundtable serve``
reads it without loading the Jupyter server).
"""

import hashlib
import json
import re
from pathlib import Path
from string import Template

from roundtable_lib.meeting.labels import t

SHARE_LAB = Path(__file__).resolve().parents[1] / "share" / "jupyter" / "lab"
CHAIR_CSS = SHARE_LAB / "custom" / "chair.css"
FIRST_NOTEBOOK = "00_registration.ipynb"  # the first chair's notebook, first on the agenda
WORKSPACE_EXTENSION = ".jupyterlab-workspace"


def lab_folder(db_address):
    """The folder of the chairs' JupyterLab for the database at ``db_address`` (an absolute
    path, or a server's URL: then a folder under ``~/.local/share/roundtable``, named after the
    server and database, never after the password)."""
    if "://" not in db_address:
        db = Path(db_address)
        return db.parent / f"{db.name}.jupyterlab"
    where = re.sub(r"^[^:]+://([^@/]*@)?", "", db_address)  # no scheme, no user or password
    name = re.sub(r"[^\w.-]+", "_", where).strip("_") or "database"
    return Path.home() / ".local" / "share" / "roundtable" / f"{name}.jupyterlab"


def workspace_file_name(name="default"):
    """The file JupyterLab reads a workspace from: jupyterlab_server's slug, the name and the
    first four hex digits of its SHA-256 (``default`` -> ``default-37a8.jupyterlab-workspace``)."""
    return f"{name}-{hashlib.sha256(name.encode()).hexdigest()[:4]}{WORKSPACE_EXTENSION}"


def default_workspace(notebook=FIRST_NOTEBOOK, name="default"):
    """A workspace called ``name`` with one tab, ``notebook``, and the file browser beside it."""
    key = f"notebook:{notebook}"
    return {
        "data": {
            "layout-restorer:data": {
                "main": {
                    "dock": {"type": "tab-area", "currentIndex": 0, "widgets": [key]},
                    "current": key,
                },
                "down": {"size": 0, "widgets": []},
                "left": {"collapsed": False, "visible": True, "current": "filebrowser", "widgets": ["filebrowser"]},
                "right": {"collapsed": True, "visible": True, "widgets": []},
                "relativeSizes": [0.18, 0.82, 0],
                "top": {"simpleVisibility": True},
            },
            key: {"data": {"path": notebook, "factory": "Notebook"}},
        },
        "metadata": {"id": name},
    }


def chair_css():
    """The page style with its friendly lines in both languages (CSS strings: quotes and
    backslashes escaped, the two languages on two lines)."""

    def quoted(text):
        return text.replace("\\", "\\\\").replace('"', '\\"')

    def lines(key):
        return '"' + quoted(t(key, "en")) + "\\A " + quoted(t(key, "th")) + '"'

    return Template(CHAIR_CSS.read_text(encoding="utf-8")).substitute(
        kernel_gone=lines("lab.kernel_gone"), disconnected=lines("lab.disconnected")
    )


def chair_workspace(notebook):
    """The name of the workspace that opens a chair on ``notebook``: its name without
    ``.ipynb`` (``02_implementation_updates``)."""
    return Path(notebook).stem


def prepare(folder, notebook=FIRST_NOTEBOOK, chair_notebooks=()):
    """Write ``folder``'s default workspace (one tab, ``notebook``), one workspace per chair's
    notebook in ``chair_notebooks`` (one tab each: a chair's link opens their notebook alone,
    whatever another chair left open), and the page style. Returns ``folder``."""
    workspaces = folder / "workspaces"
    workspaces.mkdir(parents=True, exist_ok=True)
    (workspaces / workspace_file_name()).write_text(json.dumps(default_workspace(notebook), indent=1))
    for each in chair_notebooks:
        name = chair_workspace(each)
        (workspaces / workspace_file_name(name)).write_text(json.dumps(default_workspace(each, name), indent=1))
    custom = folder / "custom"
    custom.mkdir(exist_ok=True)
    (custom / "custom.css").write_text(chair_css(), encoding="utf-8")
    return folder
