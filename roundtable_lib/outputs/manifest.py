"""The export folder's manifest: which files the workbook wrote there, so that the next export
can remove the ones it no longer produces.

Without it, a file from an earlier export outlives the item it was built from: export, mark the
only keynote sensitive, export again, and ``csv/keynote.csv`` would still hold the keynote.
``.roundtable-export.json`` lists, per variant (``public`` or ``internal``; one folder holds one
of them, see :func:`roundtable_lib.outputs.export.check_folder`, and older folders may list both),
the files the last export of that variant wrote. The next
export of the variant removes the listed files it did not write again, and nothing else: a
file the tool never wrote (the organiser's own notes) is never touched.

The manifest is read as hostile input: an entry that is not a plain relative path inside the
folder (``..``, absolute paths, links) is ignored, never followed.
"""

import json
import os
from pathlib import Path, PurePosixPath

NAME = ".roundtable-export.json"
FORMAT = "roundtable-export-manifest"


def _safe(name):
    """``name`` if it is a plain relative path (no ``..``, not absolute, no backslash), else None."""
    if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
        return None
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("", ".", "..") for part in path.parts) or name == NAME:
        return None
    return path.as_posix()


def read(out_dir):
    """{variant: [relative file names]} from the folder's manifest; {} if there is none or it is
    unreadable (then nothing is removed: the safe side)."""
    try:
        data = json.loads((Path(out_dir) / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("files"), dict):
        return {}
    out = {}
    for variant, names in data["files"].items():
        if isinstance(variant, str) and isinstance(names, list):
            out[variant] = [n for n in (_safe(x) for x in names) if n]
    return out


def write(out_dir, files, scratch_dir):
    """Write the manifest atomically (through ``scratch_dir``, on the same file system)."""
    tmp = Path(scratch_dir) / NAME
    payload = {"format": FORMAT, "files": {k: sorted(v) for k, v in sorted(files.items())}}
    tmp.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, Path(out_dir) / NAME)


def remove_stale(out_dir, old, new):
    """Remove files listed in ``old`` but not in ``new`` from ``out_dir``, and folders they leave
    empty; returns the names removed. Links and anything outside the folder are left alone."""
    out_dir = Path(out_dir)
    root = out_dir.resolve()
    removed = []
    for name in sorted(set(old) - set(new)):
        path = out_dir / name
        if path.is_symlink() or not path.is_file():
            continue
        try:
            if root not in path.resolve().parents:
                continue
            path.unlink()
        except OSError:
            continue
        removed.append(name)
        parent = path.parent
        while parent != out_dir and root in parent.resolve().parents:
            try:
                parent.rmdir()  # only when empty: a user's file in it keeps the folder
            except OSError:
                break
            parent = parent.parent
    return removed
