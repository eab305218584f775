"""Moving a meeting between databases (``roundtable migrate-db``): SQLite to PostgreSQL and back.

Every table is copied row for row with its ids (history ids too, so undo and the change token
keep working), in one transaction on the target: all of it lands, or nothing does. Before that
transaction commits, the target is read back and compared with the source: the number of rows
per table and a content checksum (SHA-256 of every row, in key order, as canonical JSON) must be
equal, and so must the history (its length, its last id and its own checksum). A target that
already holds a meeting is refused unless ``replace=True``.

Like :mod:`roundtable_lib.store`, this module touches the database directly; it reads tables
generically (whatever migrations created them), so tables added later are moved too.
"""

import hashlib
import json
from dataclasses import dataclass, field

import sqlalchemy as sa

from roundtable_lib.exceptions import StoreError
from roundtable_lib.store import Store, postgres

SKIP = {"migrations"}  # the target's own, made by the same migrations (checked to be equal)
BATCH = 500


@dataclass
class TableReport:
    name: str
    source_rows: int
    target_rows: int
    source_sum: str
    target_sum: str

    @property
    def same(self):
        return self.source_rows == self.target_rows and self.source_sum == self.target_sum


@dataclass
class TransferReport:
    source: str
    target: str
    tables: list = field(default_factory=list)
    history: dict = field(default_factory=dict)

    @property
    def same(self):
        return all(t.same for t in self.tables)

    def lines(self):
        out = [f"From {self.source}", f"To   {self.target}", f"{'table':<16}{'rows':>8}{'copied':>8}  checksum"]
        for t in self.tables:
            mark = "same" if t.same else f"DIFFERENT ({t.target_sum[:12]})"
            out.append(f"{t.name:<16}{t.source_rows:>8}{t.target_rows:>8}  {t.source_sum[:12]} {mark}")
        h = self.history
        if h:
            out.append(f"History: {h['entries']} entries, last id {h['last_id']}, checksum {h['checksum'][:12]}: same")
        return out


def _tables(conn):
    md = sa.MetaData()
    md.reflect(conn, schema=None)
    return [t for t in md.sorted_tables if t.name not in SKIP]


def _canonical(value):
    if isinstance(value, bool):
        return int(value)
    return value


def table_digest(conn, table):
    """(rows, sha256) of a table's content, independent of the engine it lives on."""
    key = list(table.primary_key.columns) or list(table.columns)
    digest = hashlib.sha256()
    rows = 0
    names = sorted(c.name for c in table.columns)
    for row in conn.execute(sa.select(table).order_by(*key)).mappings():
        digest.update(json.dumps([_canonical(row[n]) for n in names], ensure_ascii=False, default=str).encode())
        digest.update(b"\n")
        rows += 1
    return rows, digest.hexdigest()


def _history(conn):
    h = sa.table("history", sa.column("id"))
    entries, last = conn.execute(sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(h.c.id), 0))).one()
    return entries, last


def _has_data(conn, tables):
    return any(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() for t in tables)


def transfer(source, target, replace=False):
    """Copy the meeting at ``source`` into ``target`` (paths or URLs). Returns a :class:`TransferReport`;
    raises :class:`StoreError` (and leaves the target as it was) when anything differs."""
    with Store(source, readonly=True, actor="migrate-db") as src, Store(target, actor="migrate-db") as dst:
        if src.label == dst.label:
            raise StoreError("The source and the target are the same database.")
        if src.applied_migrations() != dst.applied_migrations():
            raise StoreError(
                f"{src.label} and {dst.label} have different schema versions: open both with this "
                "version of the workbook first (`roundtable status --db ...`)."
            )
        report = TransferReport(src.label, dst.label)
        with src.engine.connect() as sconn, dst.atomic() as dconn:
            source_tables = _tables(sconn)
            target_tables = {t.name: t for t in _tables(dconn)}
            missing = [t.name for t in source_tables if t.name not in target_tables]
            if missing:
                raise StoreError(f"The target has no table {missing[0]!r}; is it the same version of the workbook?")
            if _has_data(dconn, target_tables.values()):
                if not replace:
                    raise StoreError(
                        f"{dst.label} already holds a meeting; nothing was copied. Use an empty database, or "
                        "--replace to overwrite it."
                    )
                for t in reversed(list(target_tables.values())):
                    dconn.execute(sa.delete(t))
            for table in source_tables:
                dest = target_tables[table.name]
                batch = []
                for row in sconn.execute(sa.select(table)).mappings():
                    batch.append({k: _canonical(v) for k, v in row.items()})
                    if len(batch) >= BATCH:
                        dconn.execute(sa.insert(dest), batch)
                        batch = []
                if batch:
                    dconn.execute(sa.insert(dest), batch)
            if dst.postgres:
                postgres.reset_sequences(dconn)
            for table in source_tables:
                s_rows, s_sum = table_digest(sconn, table)
                t_rows, t_sum = table_digest(dconn, target_tables[table.name])
                report.tables.append(TableReport(table.name, s_rows, t_rows, s_sum, t_sum))
            s_hist, t_hist = _history(sconn), _history(dconn)
            if not report.same or s_hist != t_hist:
                # Leaving the with-block by an exception rolls the whole copy back.
                raise StoreError("The copy differs from the source; nothing was written:\n" + "\n".join(report.lines()))
            history = next(t for t in report.tables if t.name == "history")
            report.history = {"entries": s_hist[0], "last_id": s_hist[1], "checksum": history.source_sum}
    return report
