"""The meeting's data as pandas DataFrames, for organisers who analyse after the meeting.

::

    from roundtable_lib.outputs.dataframes import frames
    data = frames("data/roundtable.db")                 # public: what a published file may hold
    data = frames("data/roundtable.db", internal=True)  # the organisers' view: every item and name
    data["items"].groupby("org_label").size()

The data is read through :func:`roundtable_lib.outputs.export.collect`, so it passes through the same
privacy :class:`~roundtable_lib.meeting.privacy.Policy` as the exports and the dashboards: in public, no
sensitive or deleted item, no name of a participant who did not consent (counted by
organisation, and replaced wherever it was typed), no option standing for a withheld item, no
results of a poll the chair has not revealed.

pandas is imported by this module only, and nothing the dashboards import imports it: one
dashboard viewer is one kernel, and pandas would cost each of them ~50 MB.
"""

from pathlib import Path

import pandas as pd

from roundtable_lib.meeting.assessment import area_key
from roundtable_lib.meeting.labels import LABELS, pick, t

ATTR_COLUMNS = (
    "topic",
    "area",
    "asked_by",
    "answer",
    "owner_person",
    "due",
    "status",
    "format",
    "provider",
    "timing",
    "rating",
)
ITEM_COLUMNS = (
    "id session session_title kind kind_label org org_label organisations text_en text_th".split()
    + list(ATTR_COLUMNS)
    + ["captured_at"]
)
INTERNAL_ITEM_COLUMNS = ("sensitive", "captured_by")
ITEM_ORG_COLUMNS = "item_id session kind org org_label role".split()
PARTICIPANT_COLUMNS = "name org org_label role language attended".split()
COUNT_COLUMNS = "org org_label named not_named total".split()
# A poll's method and weighting as stored ("dots", "person"), and beside each the words the
# chair's screen shows for it (method_label "Dot voting"), as kind beside kind_label.
POLL_COLUMNS = (
    "poll_id session title_en title_th method method_label weighting weighting_label status revealed voters "
    "organisations"
).split()
VOTE_COLUMNS = (
    "poll_id poll_title method method_label rank option_en option_th item_id item_kind score votes tied voters "
    "organisations"
).split()
CAPACITY_COLUMNS = "org org_label area score illustrative source".split()
NEEDS_SCORE_COLUMNS = "org org_label area score needs".split()


def frames(db=None, internal=False, assessment=None):
    """The meeting at ``db`` as DataFrames, public unless ``internal``.

    ``db`` is a database path, a :class:`~roundtable_lib.store.Store`, or None for the default
    database. ``assessment`` is a capacity-assessment CSV file to use instead of the meeting's.
    Returns a dict of DataFrames (every one has its columns even when it has no rows):

    - ``items``: one row per captured item: session, kind, organisation, ``organisations`` (the
      linked organisations' ids, comma-separated), both texts, the kind-specific fields (topic,
      area, asked_by, owner_person, due, status, ...) and ``captured_at`` (a zone-aware timestamp
      in the meeting's time zone);
      internally also ``sensitive`` and ``captured_by``.
    - ``item_orgs``: the long form, one row per item and organisation: ``role`` is ``"owner"``
      (the organisation the item is from) or ``"linked"`` (a synergy's partners, a training's
      target organisations).
    - ``participants``: the people who may be named (in public, those who consented).
    - ``participant_counts``: per organisation, how many are ``named`` and ``not_named``.
    - ``polls``: one row per poll; ``voters`` and ``organisations`` are empty until revealed.
    - ``votes``: one row per option of every poll whose results may be shown, best first.
    - ``capacity``: the capacity assessment, one row per organisation and area, with ``score``
      and whether the data is an ``illustrative`` sample.
    """
    from roundtable_lib.outputs import export

    path, store = _path_and_store(db)
    content = export.collect(path, internal=internal, assessment=assessment)
    meeting = content.meeting
    stored = _stored_assessment(store or path) if assessment is None else None
    return {
        "items": _items(content),
        "item_orgs": _item_orgs(content),
        "participants": _participants(content),
        "participant_counts": _participant_counts(content),
        "polls": _polls(content),
        "votes": _votes(content),
        "capacity": _capacity(meeting, stored if stored is not None else content.assessment),
    }


def needs_against_scores(data):
    """Needs captured against the assessment's scores, per organisation and capacity area.

    ``data`` is what :func:`frames` returned. One row per scored (organisation, area): its
    ``score`` and the number of ``needs`` captured for it (0 when none). Areas are compared by
    :func:`~roundtable_lib.meeting.assessment.area_key`, as the capacity check and the report
    compare them: "Fund raising " in a need matches "Fund raising", "M & E" matches "M and E".
    """
    scores = data["capacity"]
    needs = data["items"][data["items"]["kind"] == "need"]
    counts = (
        needs.assign(key=needs["area"].map(area_key)).groupby(["org", "key"]).size()
        if len(needs)
        else pd.Series(dtype="int64")
    )
    rows = []
    for row in scores.itertuples(index=False):
        rows.append(
            {
                "org": row.org,
                "org_label": row.org_label,
                "area": row.area,
                "score": row.score,
                "needs": int(counts.get((row.org, area_key(row.area)), 0)),
            }
        )
    return _frame(rows, NEEDS_SCORE_COLUMNS)


# ------------------------------------------------------------------------------ helpers


def _path_and_store(db):
    from roundtable_lib.store import Store, default_db_path

    if isinstance(db, Store):
        return db.path, db
    return Path(db) if db is not None else default_db_path(), None


def _stored_assessment(source):
    """The assessment stored in the database (``Store.capacity_assessment()``), or None."""
    from roundtable_lib.store import Store

    if isinstance(source, Store):
        return source.capacity_assessment()
    with Store(source, readonly=True, actor="frames") as store:
        return store.capacity_assessment()


def _frame(rows, columns):
    return pd.DataFrame(rows, columns=list(columns))


def _session_title(meeting, session):
    try:
        return pick(meeting.session(session).title, "en")
    except KeyError:
        return session


def _items(content):
    meeting = content.meeting
    rows = []
    for i in content.items:
        attrs = i.get("attrs") or {}
        row = {
            "id": i["id"],
            "session": i["session"],
            "session_title": _session_title(meeting, i["session"]),
            "kind": i["kind"],
            "kind_label": t("kind." + i["kind"]),
            "org": i["org"],
            "org_label": content.org_label(i["org"]) if i["org"] else "",
            "organisations": ", ".join(i.get("orgs") or []),
            "text_en": i["text_en"],
            "text_th": i["text_th"],
            **{k: attrs.get(k) for k in ATTR_COLUMNS},
            "captured_at": i.get("created_at"),
        }
        if content.internal:
            row.update(sensitive=bool(i.get("sensitive")), captured_by=i.get("created_by"))
        rows.append(row)
    columns = ITEM_COLUMNS + (list(INTERNAL_ITEM_COLUMNS) if content.internal else [])
    frame = _frame(rows, columns)
    # Stored in UTC; an analyst reads the room's clock (still zone-aware: .dt.tz_convert("UTC") undoes it).
    captured = pd.to_datetime(frame["captured_at"], utc=True, format="ISO8601")
    frame["captured_at"] = captured.dt.tz_convert(meeting.time_zone)
    frame["rating"] = frame["rating"].astype("Int64")
    return frame


def _participants(content):
    return _frame(
        [
            {
                "name": p["name"],
                "org": p["org"],
                "org_label": content.org_label(p["org"]),
                "role": p.get("role", ""),
                "language": p.get("language", ""),
                "attended": bool(p.get("attended", True)),
            }
            for p in content.named
        ],
        PARTICIPANT_COLUMNS,
    )


def _participant_counts(content):
    return _frame(
        [
            {
                "org": org,
                "org_label": content.org_label(org),
                "named": c["named"],
                "not_named": c["unnamed"],
                "total": c["named"] + c["unnamed"],
            }
            for org, c in content.counts.items()
        ],
        COUNT_COLUMNS,
    )


def _item_orgs(content):
    rows = []
    for i in content.items:
        linked = [(i["org"], "owner")] if i["org"] else []
        linked += [(o, "linked") for o in i.get("orgs") or [] if o != i["org"]]
        for org, role in linked:
            rows.append(
                {
                    "item_id": i["id"],
                    "session": i["session"],
                    "kind": i["kind"],
                    "org": org,
                    "org_label": content.org_label(org),
                    "role": role,
                }
            )
    return _frame(rows, ITEM_ORG_COLUMNS)


def _polls(content):
    rows = [
        {
            "poll_id": res["poll"]["id"],
            "session": res["poll"]["session"],
            "title_en": res["poll"]["title_en"],
            "title_th": res["poll"]["title_th"],
            "method": res["poll"]["method"],
            "method_label": _code_label("method", res["poll"]["method"]),
            "weighting": res["poll"]["weighting"],
            "weighting_label": _code_label("weighting", res["poll"]["weighting"]),
            "status": res["poll"]["status"],
            "revealed": bool(res["poll"]["revealed"]),
            "voters": res["voters"],
            "organisations": res["organisations"],
        }
        for res in content.polls
    ]
    frame = _frame(rows, POLL_COLUMNS)
    for column in ("voters", "organisations"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _votes(content):
    kinds = {i["id"]: i["kind"] for i in content.items}
    rows = []
    for res in content.polls:
        poll = res["poll"]
        for r in res["results"] or []:  # None: not revealed (in public)
            rows.append(
                {
                    "poll_id": poll["id"],
                    "poll_title": poll["title_en"] or poll["title_th"],
                    "method": poll["method"],  # the chart's scale: 1-5 means or whole counts
                    "method_label": _code_label("method", poll["method"]),
                    "rank": r["rank"],
                    "option_en": r["label_en"],
                    "option_th": r["label_th"],
                    "item_id": r.get("item_id"),
                    "item_kind": kinds.get(r.get("item_id")),
                    "score": float(r["score"]),
                    "votes": r["votes"],
                    "tied": bool(r["tied"]),
                    "voters": res["voters"],
                    "organisations": res["organisations"],
                }
            )
    frame = _frame(rows, VOTE_COLUMNS)
    for column in ("voters", "organisations"):
        frame[column] = frame[column].astype("Int64")
    return frame


def _code_label(key, code):
    """A poll's stored ``method`` or ``weighting`` in the chair's words ("Dot voting")."""
    return t(f"{key}.{code}") if f"{key}.{code}" in LABELS else code


def _capacity(meeting, data):
    rows = []
    for r in getattr(data, "rows", None) or []:
        try:
            label = meeting.org(r["org"]).label()
        except KeyError:
            label = r["org"]
        rows.append(
            {
                "org": r["org"],
                "org_label": label,
                "area": r["area"],
                "score": float(r["score"]),
                "illustrative": bool(data.illustrative),
                "source": data.source,
            }
        )
    return _frame(rows, CAPACITY_COLUMNS)
