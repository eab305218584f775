"""The meeting: what it is and what may be said of it. The bottom layer, pure Python.

- ``definition``: the meeting file (organisations, agenda, limits), read from YAML.
- ``labels``: the software's own words, in English and Thai.
- ``rules``: what can be captured and its validation, the tally of a poll, offer/ask matching.
- ``privacy``: the one policy of what the public may see.
- ``typed_text``: making typed text safe to store.
- ``assessment``: the capacity-assessment file, its checks, and the one key of a capacity area.
- ``clock``: where the presentation timer stands and how it reads: the chair's screen and every dashboard use it.
- ``files``: the one reader of a file a person hands the workbook (plain, size-capped, UTF-8).

May import: the standard library, PyYAML and :mod:`roundtable_lib.exceptions`. Never ipywidgets,
IPython, plotly, pandas or SQLAlchemy, and nothing else of the workbook.
"""

from roundtable_lib.meeting.definition import Meeting, load_meeting

__all__ = ["Meeting", "load_meeting"]
