"""Polls and ballots: opening a poll, entering ballots or a show of hands, closing, reopening,
revealing, a runoff between options tied at the top, and the ranked results. One part of
:class:`~roundtable_lib.store.Store`.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.exceptions`, the store's own
modules, SQLAlchemy and the standard library.
"""

import sqlalchemy as sa

from roundtable_lib.exceptions import ValidationError
from roundtable_lib.meeting import poll_rules, rules
from roundtable_lib.meeting.eligibility import eligible_orgs, not_eligible, validate_eligible
from roundtable_lib.meeting.refusals import not_found, refusal
from roundtable_lib.store.tables import TABLES, encode, new_id


class Polls:
    """Polls, their options and ballots. Needs the engine's ``atomic``, ``_reading`` and
    ``_stored``, the public view's ``_select`` and ``_results_shown`` and the history's ``_record``."""

    def create_poll(
        self,
        session,
        title_en="",
        title_th="",
        method="dots",
        options=(),
        budget=None,
        per_option_limit=None,
        weighting="person",
        id=None,
        actor=None,
        eligible=None,
    ):
        """Open a poll. ``options`` are item ids (captured recommendations, needs) or
        dicts with label_en/label_th for free options. Results stay hidden until revealed.

        ``eligible`` lists the organisations whose ballots count; by default those whose role
        votes in the meeting file (the donor and observers do not rank civil society's
        recommendations). Pass every organisation for a poll everyone answers (feedback).

        A title (English or Thai) already used by another poll of the meeting is refused."""
        data = rules.validate_poll(
            self.meeting,
            dict(
                session=session,
                title_en=title_en,
                title_th=title_th,
                method=method,
                budget=budget,
                per_option_limit=per_option_limit,
                weighting=weighting,
            ),
        )
        data["eligible"] = validate_eligible(self.meeting, eligible)
        options = list(options)
        if len(options) < 2:
            raise refusal("poll.two_options", "options")
        poll_id = id or new_id()
        with self.atomic() as conn:
            existing = self._stored(conn, "polls", poll_id)
            if existing is not None:
                return self.get_poll(poll_id)
            t = TABLES["polls"]
            titles = conn.execute(sa.select(t.c.session, t.c.title_en, t.c.title_th)).mappings().all()
            poll_rules.check_title_free(data, titles)
            row = {
                **data,
                "id": poll_id,
                "status": "open",
                "revealed": False,
                "created_at": self.now(),
                "closed_at": None,
            }
            conn.execute(sa.insert(TABLES["polls"]).values(**encode(row)))
            for position, option in enumerate(options):
                self._add_option(conn, poll_id, option, position)
            self._record(conn, "poll", poll_id, "create", None, row, actor)
        return self.get_poll(poll_id)

    def _add_option(self, conn, poll_id, option, position):
        if isinstance(option, str):
            item = self._stored(conn, "items", option)
            if item is None or item["deleted_at"]:
                raise refusal("store.no_option_item", "options", value=repr(option))
            option = {"item_id": item["id"], "label_en": item["text_en"], "label_th": item["text_th"]}
        data = rules.validate_option(option)
        conn.execute(sa.insert(TABLES["poll_options"]).values(id=new_id(), poll_id=poll_id, position=position, **data))

    def get_poll(self, poll_id):
        t = TABLES["polls"]
        with self._reading() as conn:
            rows = self._select(conn, "polls", sa.select(t).where(t.c.id == poll_id))
            if not rows:
                raise not_found("store.no_poll", value=repr(poll_id))
            return self._with_options(conn, rows[0])

    def polls(self, session=None):
        t = TABLES["polls"]
        query = sa.select(t).order_by(t.c.created_at, t.c.id)
        if session is not None:
            query = query.where(t.c.session == session)
        with self._reading() as conn:
            return [self._with_options(conn, poll) for poll in self._select(conn, "polls", query)]

    def _with_options(self, conn, poll):
        o = TABLES["poll_options"]
        query = sa.select(o).where(o.c.poll_id == poll["id"]).order_by(o.c.position)
        return {**poll, "options": self._select(conn, "poll_options", query)}

    def cast_ballot(
        self, poll_id, participant_id=None, allocations=None, actor=None, voter=None, voter_kind="participant"
    ):
        """Enter one voter's ballot. Entering the same voter's ballot again replaces the earlier one.

        The voter is a registered participant (``cast_ballot(poll, participant_id, allocations)``),
        or, with nobody registered, an organisation (``voter="map", voter_kind="organisation"``:
        one ballot per organisation) or a numbered paper ballot (``voter=7, voter_kind="ballot"``:
        one ballot per number, counted one each whatever the weighting). The database holds at
        most one ballot per (poll, voter kind, voter), and a poll's ballots are all of one kind, so
        nobody is counted twice (a show of hands, :meth:`record_tally`, may come on top of people's
        ballots, never of organisations').
        """
        if voter_kind == "participant" and voter is None:
            voter = participant_id
        elif participant_id is not None:
            raise ValidationError("Give the participant or the voter of a ballot, not both.", "voter")
        voter = rules.validate_voter(self.meeting, voter_kind, voter)
        try:
            with self.atomic() as conn:
                poll = self.get_poll(poll_id)
                org = self._voter_org(conn, poll, voter_kind, voter)
                options = {o["id"] for o in poll["options"]}
                clean = rules.validate_ballot(poll, options, allocations, voter_kind=voter_kind)
                ballot_id = f"{poll_id}:{voter}" if voter_kind == "participant" else f"{poll_id}:{voter_kind}:{voter}"
                participant = voter if voter_kind == "participant" else None
                self._put_ballot(conn, poll_id, ballot_id, participant, org, False, clean, actor, voter_kind, voter)
        except sa.exc.IntegrityError:
            # Only when two screens enter the same voter at the same instant on a server database.
            raise refusal("poll.same_moment", "voter") from None
        return clean

    def _voter_org(self, conn, poll, voter_kind, voter):
        """The organisation a ballot counts for, once the voter may vote in this poll: a
        registered participant, and of the same kind as the poll's other ballots."""
        poll_id = poll["id"]
        org = voter if voter_kind == "organisation" else None
        if voter_kind == "participant":
            participant = self._stored(conn, "participants", voter)
            if participant is None or participant["deleted_at"]:
                raise refusal("poll.registered_participant", "participant")
            org = participant["org"]
        eligible = eligible_orgs(self.meeting, self._stored(conn, "polls", poll_id))
        if org is not None and org not in eligible:
            raise not_eligible(self.meeting, org, eligible)
        # Two screens entering different kinds of ballot at once must not both pass the check
        # below: lock the poll's row (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises
        # writers, and SQLAlchemy leaves FOR UPDATE out there).
        p = TABLES["polls"]
        conn.execute(sa.select(p.c.id).where(p.c.id == poll_id).with_for_update())
        poll_rules.check_mode(poll["method"], self._entered_kinds(conn, poll_id), voter_kind)
        return org

    def _entered_kinds(self, conn, poll_id):
        """How the poll's votes were entered so far: voter kinds, and "tally" for a show of hands."""
        b = TABLES["ballots"]
        return set(conn.execute(sa.select(b.c.voter_kind).where(b.c.poll_id == poll_id).distinct()).scalars())

    def record_tally(self, poll_id, counts, actor=None):
        """Enter a show of hands: the number of hands per option. Replaces an earlier tally.
        Refused on a poll entered by organisation: hands count people, never added to organisations."""
        with self.atomic() as conn:
            poll = self.get_poll(poll_id)
            if poll["status"] == "open":
                poll_rules.check_mode(poll["method"], self._entered_kinds(conn, poll_id), "tally")
            clean = rules.validate_ballot(poll, {o["id"] for o in poll["options"]}, counts, tally=True)
            self._put_ballot(conn, poll_id, f"{poll_id}:tally", None, None, True, clean, actor, "tally", "tally")
        return clean

    def _put_ballot(
        self, conn, poll_id, ballot_id, participant_id, org, is_tally, allocations, actor, voter_kind, voter
    ):
        b = TABLES["ballots"]
        before = self._stored(conn, "ballots", ballot_id)
        stamp = self.now()
        row = {
            "id": ballot_id,
            "poll_id": poll_id,
            "voter_kind": voter_kind,
            "voter": voter,
            "participant_id": participant_id,
            "org": org,
            "is_tally": is_tally,
            "allocations": allocations,
            "updated_at": stamp,
        }
        if before is None:
            conn.execute(sa.insert(b).values(**encode(row), created_at=stamp))
        else:
            conn.execute(sa.update(b).where(b.c.id == ballot_id).values(**encode(row)))
        self._record(conn, "ballot", ballot_id, "update" if before else "create", before, row, actor)

    def ballots(self, poll_id):
        b = TABLES["ballots"]
        query = sa.select(b).where(b.c.poll_id == poll_id).order_by(b.c.created_at)
        with self._reading() as conn:
            return self._select(conn, "ballots", query)

    def _set_poll(self, poll_id, actor, action, **values):
        with self.atomic() as conn:
            before = self._stored(conn, "polls", poll_id)
            if before is None:
                raise not_found("store.no_poll", value=repr(poll_id))
            t = TABLES["polls"]
            conn.execute(sa.update(t).where(t.c.id == poll_id).values(**encode(values)))
            self._record(conn, "poll", poll_id, action, before, {**before, **values}, actor)
        return self.get_poll(poll_id)

    def close_poll(self, poll_id, actor=None):
        """Close a poll: its ballots and results are frozen from now on. Closing it again changes nothing."""
        if self.get_poll(poll_id)["status"] == "closed":
            return self.get_poll(poll_id)
        return self._set_poll(poll_id, actor, "close", status="closed", closed_at=self.now())

    def reopen_poll(self, poll_id, actor=None):
        """Open a closed poll again, so ballots can be entered once more; the history keeps when it
        was closed and reopened. Reopening an open poll changes nothing."""
        if self.get_poll(poll_id)["status"] == "open":
            return self.get_poll(poll_id)
        return self._set_poll(poll_id, actor, "reopen", status="open", closed_at=None)

    def open_runoff(self, poll_id, actor=None, id=None):
        """Open a runoff for a poll whose first place is tied: a new single-choice poll in the same
        session, between the tied options only, with the same voters and weighting, titled
        "Runoff: <title>". ``id`` makes a retried click open one runoff, not two."""
        if id is not None:
            with self._reading() as conn:
                if self._stored(conn, "polls", id) is not None:
                    return self.get_poll(id)
        results = self.poll_results(poll_id)
        poll, tied = results["poll"], poll_rules.top_tie(results["results"])
        if not tied:
            raise refusal("poll.no_tie", "poll")
        options = [{k: o[k] for k in ("item_id", "label_en", "label_th")} for o in tied]
        return self.create_poll(
            poll["session"],
            **poll_rules.runoff_titles(poll, self.polls()),
            method="single",
            options=options,
            weighting=poll["weighting"],
            id=id,
            actor=actor,
            eligible=eligible_orgs(self.meeting, poll),
        )

    def reveal_poll(self, poll_id, revealed=True, actor=None):
        """Show (or hide again) a poll's results on the dashboards."""
        return self._set_poll(poll_id, actor, "reveal" if revealed else "hide", revealed=revealed)

    def poll_results(self, poll_id):
        """The poll, its number of ballots and its ranked results (ties share a rank).

        A public store returns results only once the chair has revealed them.
        """
        poll = self.get_poll(poll_id)
        if not self._results_shown(poll):
            return {
                "poll": poll,
                "voters": None,
                "organisations": None,
                "voter_orgs": None,
                "apart": None,
                "ballots_by": None,
                "results": None,
            }
        ballots = self.ballots(poll_id)
        # Ballots from organisations that do not vote in this poll (entered before polls knew
        # who votes) are counted apart: never in the results, and said so.
        eligible = set(eligible_orgs(self.meeting, poll))
        apart = [b for b in ballots if not b["is_tally"] and b["org"] and b["org"] not in eligible]
        ballots = [b for b in ballots if b not in apart]
        people = [b for b in ballots if not b["is_tally"]]
        voted = {b["org"] for b in people if b["org"]}
        # A public poll's options are already the policy's (withheld ones left out, labels redacted).
        return {
            "poll": poll,
            # A show of hands has no count of voters; ballots do.
            "voters": len(people) if people or not ballots else None,
            # Numbered paper ballots belong to no organisation.
            "organisations": len(voted),
            # Who voted, in the meeting file's order (ids).
            "voter_orgs": [o for o in self.meeting.org_ids if o in voted],
            "apart": len(apart),
            # How the ballots were entered: {"participant"|"organisation"|"ballot": count}.
            "ballots_by": {kind: sum(1 for b in people if b["voter_kind"] == kind) for kind in rules.VOTER_KINDS},
            "results": rules.tally(poll, poll["options"], ballots),
        }
