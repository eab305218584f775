"""Roundtable Workbook: capture a facilitated meeting live, show it read-only, export it.

The public API other tools may rely on::

    from roundtable_lib import Store, load_meeting
    store = Store("data/roundtable.db")
    store.init(load_meeting("data/meeting.yaml"))
    store.add_item("s2", "progress", text_en="...", org="map")
    store.items(session="s2")

Submodules with heavy dependencies (widgets, charts, exports) are imported only when used, so
a dashboard kernel stays light.
"""

from roundtable_lib.exceptions import (
    MeetingError,
    NotFound,
    ReadOnlyStore,
    RoundtableError,
    StoreError,
    ValidationError,
)
from roundtable_lib.meeting.definition import Meeting, load_meeting
from roundtable_lib.store import Store, default_db_path

__all__ = [
    "Meeting",
    "MeetingError",
    "NotFound",
    "ReadOnlyStore",
    "RoundtableError",
    "Store",
    "StoreError",
    "ValidationError",
    "default_db_path",
    "load_meeting",
]
__version__ = "0.1.0"
