"""The meeting: what it is and what may be said of it. The bottom layer, pure Python.

``definition`` (the meeting file), ``labels`` (the software's own words), ``rules`` (what can be
captured and its validation, the tally, offer/ask matching), ``privacy`` (the one policy of what
the public may see), ``typed_text`` (making typed text safe to store), ``assessment`` (the
capacity-assessment file and the one key of a capacity area), ``files`` (the one reader of a
file a person hands the workbook).

May import: the standard library, PyYAML and :mod:`roundtable_lib.exceptions`. Never ipywidgets,
IPython, plotly, pandas or SQLAlchemy, and nothing else of the workbook.
"""

from roundtable_lib.meeting.definition import Meeting, load_meeting

__all__ = ["Meeting", "load_meeting"]
