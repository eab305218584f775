"""The store: one :class:`Store` owns one database; the workbook reads and writes a meeting
through it (see :mod:`roundtable_lib.store.database` for how it is built, and which other modules
of this package touch a database and why).

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.exceptions`, SQLAlchemy and the
standard library. Never ipywidgets, IPython, plotly or pandas (a test checks).
"""

from roundtable_lib.store.database import Store, db_target, default_db_path, new_id

__all__ = ["Store", "db_target", "default_db_path", "new_id"]
