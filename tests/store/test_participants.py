"""Registration as the store keeps it: the meeting's limits are warnings, never refusals."""


def test_registration_limits_warn_not_crash(fresh_store, meeting):
    warnings = []
    for n in range(meeting.per_cso_limit + 1):
        _person, warnings = fresh_store.add_participant(f"MAP {n}", "map")
    assert warnings == [f"This makes 5 people from MAP; the limit is {meeting.per_cso_limit} per CSO."]
    assert len(fresh_store.participants()) == 5
