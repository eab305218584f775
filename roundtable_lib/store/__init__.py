"""The store: one :class:`Store` owns one database; the workbook reads and writes a meeting
through it (see :mod:`roundtable_lib.store.database` for how it is built).

- ``database``: :class:`Store`, the facade composed of the parts below.
- ``engine``: where the database is, connections, transactions, running the migrations.
- ``tables``: the tables as the queries name them, and how a row goes in and comes out.
- ``migrations``: the ordered, named schema migrations.
- ``public``: the privacy policy applied, at one boundary, by a public store.
- ``history``: every write recorded, undo, the change token.
- ``state``: the meeting definition and meeting-wide state (session, timer, merge record).
- ``items``, ``participants``, ``polls``, ``capacity``: what the chairs capture, who takes part, votes, the assessment.
- ``endorsements``: each organisation's decision on the joint recommendations (endorses, abstains, not asked).
- ``postgres``: the store on PostgreSQL: connection set-up, write locking, the dashboards' read-only role.
- ``file_check``: is this file a roundtable database? Asked before the store opens it for writing.
- ``backup``: backups, snapshots while serving, and restore.
- ``transfer``: moving a meeting between SQLite and PostgreSQL (``roundtable migrate-db``).

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.exceptions`, SQLAlchemy and the
standard library. Never ipywidgets, IPython, plotly or pandas (a test checks).
"""

from roundtable_lib.store.database import Store, db_target, default_db_path, new_id

__all__ = ["Store", "db_target", "default_db_path", "new_id"]
