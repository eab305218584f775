"""Ordered, named schema migrations, recorded in the ``migrations`` table.

A database made at one meeting must still open at the next one. Each migration is a function
that takes a SQLAlchemy connection inside a write transaction; it is applied once, in order,
and its name is recorded. Table definitions here are frozen as they were when the migration
was written: never edit a released migration, add a new one.

Tables are declared with SQLAlchemy Core types so that the same migrations run on SQLite and,
later, PostgreSQL.
"""

import json

import sqlalchemy as sa

MIGRATIONS = []


def migration(fn):
    MIGRATIONS.append(fn)
    return fn


def _text():
    return sa.Text()


@migration
def m0001_meeting_items_history(conn):
    md = sa.MetaData()
    sa.Table(
        "meeting",
        md,
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("definition", _text(), nullable=False),
        sa.Column("loaded_at", sa.String(40), nullable=False),
    )
    sa.Table(
        "items",
        md,
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("session", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("org", sa.String(64)),
        sa.Column("orgs", _text(), nullable=False, server_default="[]"),
        sa.Column("text_en", _text(), nullable=False, server_default=""),
        sa.Column("text_th", _text(), nullable=False, server_default=""),
        sa.Column("attrs", _text(), nullable=False, server_default="{}"),
        sa.Column("sensitive", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("deleted_at", sa.String(40)),
        sa.Index("ix_items_session_kind", "session", "kind"),
    )
    sa.Table(
        "history",
        md,
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("before", _text()),
        sa.Column("after", _text()),
        sa.Column("undoes", sa.Integer()),
        sa.Index("ix_history_entity", "entity", "entity_id"),
    )
    sa.Table(
        "state",
        md,
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", _text(), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    md.create_all(conn)


@migration
def m0002_participants_and_polls(conn):
    md = sa.MetaData()
    sa.Table(
        "participants",
        md,
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", _text(), nullable=False),
        sa.Column("org", sa.String(64), nullable=False),
        sa.Column("role", _text(), nullable=False, server_default=""),
        sa.Column("language", sa.String(8), nullable=False, server_default="en"),
        sa.Column("consent", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("attended", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("deleted_at", sa.String(40)),
    )
    sa.Table(
        "polls",
        md,
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("session", sa.String(64), nullable=False),
        sa.Column("title_en", _text(), nullable=False, server_default=""),
        sa.Column("title_th", _text(), nullable=False, server_default=""),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("weighting", sa.String(16), nullable=False, server_default="person"),
        sa.Column("budget", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("per_option_limit", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("status", sa.String(16), nullable=False, server_default="open"),
        sa.Column("revealed", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("closed_at", sa.String(40)),
    )
    sa.Table(
        "poll_options",
        md,
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("poll_id", sa.String(64), sa.ForeignKey("polls.id"), nullable=False),
        sa.Column("label_en", _text(), nullable=False, server_default=""),
        sa.Column("label_th", _text(), nullable=False, server_default=""),
        sa.Column("item_id", sa.String(64)),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    sa.Table(
        "ballots",
        md,
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("poll_id", sa.String(64), sa.ForeignKey("polls.id"), nullable=False),
        sa.Column("participant_id", sa.String(64)),
        sa.Column("org", sa.String(64)),
        sa.Column("is_tally", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("allocations", _text(), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("poll_id", "participant_id", name="uq_ballot_per_participant"),
    )
    md.create_all(conn)


@migration
def m0003_ballot_voters(conn):
    """Ballots say who cast them: a participant, an organisation, or a numbered paper ballot.

    Rooms vote without registering anyone (one vote per organisation, paper ballots, a show of
    hands), so the voter is no longer always a participant. ``voter_kind`` is "participant",
    "organisation", "ballot" (a numbered anonymous paper ballot) or "tally" (the show of hands),
    ``voter`` the participant id, organisation id, ballot number or "tally"; the database refuses a
    second row for the same (poll, kind, voter), whatever code writes it. SQLAlchemy Core has no
    ALTER TABLE construct, so the table is rebuilt (copy aside, drop, create, copy back): the same
    steps run on SQLite and PostgreSQL.
    """
    md = sa.MetaData()
    old = sa.Table("ballots", md, autoload_with=conn)
    aside = sa.Table(
        "ballots_m0003",
        md,
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("poll_id", sa.String(64), nullable=False),
        sa.Column("participant_id", sa.String(64)),
        sa.Column("org", sa.String(64)),
        sa.Column("is_tally", sa.Integer(), nullable=False),
        sa.Column("allocations", _text(), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    copied = [c.name for c in aside.columns]
    aside.create(conn)
    conn.execute(sa.insert(aside).from_select(copied, sa.select(*(old.c[name] for name in copied))))
    old.drop(conn)
    new_md = sa.MetaData()
    sa.Table("polls", new_md, sa.Column("id", sa.String(64), primary_key=True))  # for the foreign key only
    ballots = sa.Table(
        "ballots",
        new_md,
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("poll_id", sa.String(64), sa.ForeignKey("polls.id"), nullable=False),
        sa.Column("voter_kind", sa.String(16), nullable=False),
        sa.Column("voter", sa.String(64), nullable=False),
        sa.Column("participant_id", sa.String(64)),
        sa.Column("org", sa.String(64)),
        sa.Column("is_tally", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("allocations", _text(), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("poll_id", "voter_kind", "voter", name="uq_ballot_per_voter"),
    )
    ballots.create(conn)
    tally = aside.c.is_tally != 0
    conn.execute(
        sa.insert(ballots).from_select(
            [*copied, "voter_kind", "voter"],
            sa.select(
                *(aside.c[name] for name in copied),
                sa.case((tally, sa.literal("tally")), else_=sa.literal("participant")),
                sa.case((tally, sa.literal("tally")), else_=sa.func.coalesce(aside.c.participant_id, aside.c.id)),
            ),
        )
    )
    aside.drop(conn)


@migration
def m0004_capacity_assessment(conn):
    """One capacity assessment for everyone, so that the chair's view, the dashboards and the
    report never show different scores: every file a chair confirmed is kept, and ``is_current``
    marks the one every screen shows. The partial unique index lets the database itself refuse a
    second current one (SQLite and PostgreSQL both support partial indexes)."""
    md = sa.MetaData()
    sa.Table(
        "capacity_assessments",
        md,
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("scores", _text(), nullable=False),
        sa.Column("illustrative", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("source", _text(), nullable=False, server_default=""),
        sa.Column("size", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("sha256", sa.String(64), nullable=False, server_default=""),
        sa.Column("loaded_at", sa.String(40), nullable=False),
        sa.Column("loaded_by", sa.String(200), nullable=False),
        sa.Column("is_current", sa.Integer(), nullable=False, server_default="0"),
        sa.Index(
            "uq_capacity_assessment_current",
            "is_current",
            unique=True,
            sqlite_where=sa.text("is_current = 1"),
            postgresql_where=sa.text("is_current = 1"),
        ),
    )
    md.create_all(conn)


@migration
def m0005_dashboards_replace_withheld_names(conn):
    """No table changes. On PostgreSQL the dashboards' view of participants now gives the names
    the privacy policy withholds (those only), so that a dashboard replaces them in typed texts
    as a SQLite dashboard always did; the views are rebuilt after every migration, and this one
    makes an existing database rebuild them."""


@migration
def m0006_endorsements_and_poll_eligibility(conn):
    """Endorsement is an act, recorded, and who may vote is part of the poll.

    ``endorsements`` holds each organisation's latest decision on the joint recommendations
    (endorses, abstains, not asked), by whom and when; the history keeps every earlier one. A
    poll's ``eligible`` lists the organisations whose ballots count (JSON text); NULL, as every
    poll made before this migration has, means "the organisations whose role votes in the
    meeting file". Adding a nullable column is plain ALTER TABLE on SQLite and PostgreSQL alike,
    so the table is not rebuilt.
    """
    md = sa.MetaData()
    sa.Table(
        "endorsements",
        md,
        sa.Column("org", sa.String(64), primary_key=True),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("decided_by", _text(), nullable=False, server_default=""),
        sa.Column("note", _text(), nullable=False, server_default=""),
        sa.Column("decided_at", sa.String(40), nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
    )
    md.create_all(conn)
    conn.exec_driver_sql("ALTER TABLE polls ADD COLUMN eligible TEXT")


@migration
def m0007_participant_names_per_language(conn):
    """A participant's name in each meeting language, and the short form they go by.

    One person is written "Somchai Nuengdee" in English, "คุณสมชาย หนึ่งดี" in Thai and called
    "Somchai" in the room; the privacy policy must withhold every spelling, so every spelling is
    registered. ``names`` is JSON {language: spelling}. The name already registered is carried
    over as the spelling of the script it is written in (Thai letters: Thai, else English).
    ALTER TABLE ... ADD COLUMN with a constant default is the same on SQLite and PostgreSQL.
    """
    conn.execute(sa.text("ALTER TABLE participants ADD COLUMN names TEXT NOT NULL DEFAULT '{}'"))
    conn.execute(sa.text("ALTER TABLE participants ADD COLUMN short_name TEXT NOT NULL DEFAULT ''"))
    rows = conn.execute(sa.text("SELECT id, name FROM participants")).all()
    for pid, name in rows:
        lang = "th" if any("\u0e00" <= c <= "\u0e7f" for c in name or "") else "en"
        names = json.dumps({lang: name} if name else {}, ensure_ascii=False)
        conn.execute(sa.text("UPDATE participants SET names = :names WHERE id = :id"), {"names": names, "id": pid})


def names():
    return [fn.__name__ for fn in MIGRATIONS]
