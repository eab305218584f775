"""The tables as the store's queries name them, and how a row goes into and comes out of them.

Lists, dicts and flags are stored as JSON text and integers, so that one schema serves SQLite
and PostgreSQL; :func:`encode` and :func:`decode` convert at the edge, and every part of the
:class:`~roundtable_lib.store.Store` uses them. The table definitions themselves are the
migrations' (:mod:`roundtable_lib.store.migrations`); these are lightweight handles naming the
columns the queries use.

May import: SQLAlchemy and the standard library.
"""

import datetime as _dt
import json
import uuid

import sqlalchemy as sa

ITEM_COLUMNS = (
    "id session kind org orgs text_en text_th attrs sensitive created_at created_by updated_at updated_by deleted_at"
).split()
TABLES = {
    name: sa.table(name, *(sa.column(c) for c in cols.split()))
    for name, cols in {
        "meeting": "id definition loaded_at",
        "items": " ".join(ITEM_COLUMNS),
        "history": "id at actor entity entity_id action before after undoes",
        "state": "key value updated_at",
        "migrations": "name applied_at",
        "participants": "id name org role language consent attended created_at updated_at deleted_at names short_name",
        "polls": "id session title_en title_th method weighting budget per_option_limit status revealed "
        "created_at closed_at eligible",
        "poll_options": "id poll_id label_en label_th item_id position",
        "ballots": "id poll_id voter_kind voter participant_id org is_tally allocations created_at updated_at",
        "capacity_assessments": "id scores illustrative source size sha256 loaded_at loaded_by is_current",
        "endorsements": "org decision decided_by note decided_at recorded_by",
    }.items()
}
JSON_FIELDS = {"orgs": list, "attrs": dict, "allocations": dict, "names": dict, "eligible": list}
BOOL_FIELDS = {"sensitive", "consent", "attended", "revealed", "is_tally"}
# The history keeps each change's before and after as JSON text (None for a creation or removal).
HISTORY_JSON = ("before", "after")


def utc_now():
    """The real time (an aware datetime): the store's clock unless it is given another."""
    return _dt.datetime.now(_dt.UTC)


def stamp(moment):
    """``moment`` (an aware datetime) as the ISO text the store keeps: UTC, to the microsecond."""
    return moment.astimezone(_dt.UTC).isoformat(timespec="microseconds")


def now():
    """The real time as stored text. Writes stamp :meth:`Store.now` instead, which a demonstration
    may set; only the migrations' record (when this machine changed the schema) uses this."""
    return stamp(utc_now())


def new_id():
    """A client-generated id: forms make one per entry, so a retried submit is recognised."""
    return uuid.uuid4().hex


def decode(mapping, table=None):
    """A database row as the store returns it: a dict with its lists, dicts and flags restored."""
    row = dict(mapping)
    for key, kind in JSON_FIELDS.items():
        if key in row and isinstance(row[key], str):
            row[key] = json.loads(row[key]) if row[key] else kind()
    for key in BOOL_FIELDS & row.keys():
        row[key] = bool(row[key])
    if table == "history":
        for key in HISTORY_JSON:
            if key in row:
                row[key] = json.loads(row[key]) if row[key] else None
    return row


def encode(values):
    """``values`` as the database stores them (the reverse of :func:`decode`)."""
    out = dict(values)
    for key in JSON_FIELDS.keys() & out.keys():
        out[key] = json.dumps(out[key], ensure_ascii=False, sort_keys=True)
    for key in BOOL_FIELDS & out.keys():
        out[key] = int(bool(out[key]))
    return out


def dump(row):
    """A history entry's before or after as JSON text (None stays None)."""
    return json.dumps(row, ensure_ascii=False, sort_keys=True) if row is not None else None
