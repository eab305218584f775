"""The capacity assessment as the store holds it: the shipped sample, and the areas a need is
filed under. May import the meeting layer only (the store is passed in)."""

from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.meeting.assessment import default_path, load_capacity


def store_sample(store, actor=None):
    """Store the shipped illustrative sample, unless an assessment is stored already.

    Returns a line to tell the person (what was stored, or why nothing was). A meeting with
    other organisations than the sample's gets no assessment rather than a wrong one.
    """
    current = store.capacity_assessment()
    if current is not None:
        return f"Capacity assessment: {current.describe()} (kept)."
    try:
        data = load_capacity(default_path(), store.meeting)
    except RoundtableError as exc:
        first = str(exc).splitlines()[0]
        return f"No capacity assessment stored: the shipped sample does not fit this meeting ({first})."
    stored = store.save_capacity_assessment(data, actor=actor)
    return f"Capacity assessment: {stored.describe()}."


def need_areas(store):
    """The capacity areas a chair files a need under: those of the assessment stored in the
    database, in its order. With none stored, there are none to offer and the chair types the
    area (the meeting defines no areas of its own); never the shipped sample file's areas."""
    data = store.capacity_assessment()
    return data.areas if data is not None else []
