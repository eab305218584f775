"""The meeting's funder, as the meeting file names it for the report's cover: its name and the
disclaimer its visibility rules ask for (in every language), and the emblem the workbook draws
for it (:mod:`roundtable_lib.outputs.emblem`).

``parse_funder(reader, meeting_mapping)`` is called by the meeting file's reader
(:mod:`roundtable_lib.meeting.definition`) with its own reader, so a mistake is reported as every
other field's is: ``data/meeting.yaml: meeting.funder.emblem: unknown emblem 'un' (...)``.

May import: the standard library only.
"""

EMBLEMS = ("eu",)  # emblems the workbook draws itself


def parse_funder(r, m):
    """``{"name": {en, th}, "disclaimer": {en, th}, "emblem": one of EMBLEMS or ""}``, or ``{}``
    when the file names no funder."""
    funder = r.get(m, "funder", "meeting", dict, required=False)
    if funder is None:
        return {}
    emblem = r.get(funder, "emblem", "meeting.funder", str, required=False, default="")
    if emblem and emblem not in EMBLEMS:
        r.fail("meeting.funder.emblem", f"unknown emblem {emblem[:40]!r} (the workbook draws: {', '.join(EMBLEMS)})")
    return {
        "name": r.text(funder, "name", "meeting.funder"),
        "disclaimer": r.text(funder, "disclaimer", "meeting.funder"),
        "emblem": emblem,
    }
