"""The meeting: what it is and what may be said of it. The bottom layer, pure Python.

- ``definition``: the meeting file (organisations, agenda, limits), read from YAML.
- ``yaml_limits``: the meeting file's YAML read without trusting it (no aliases, bounded size and depth).
- ``labels``: the software's own words (``t(key, lang)``), with counts in words.
- ``catalogues``: where those words live: one gettext catalogue per language
  (``roundtable_lib/locale/<lang>/LC_MESSAGES/roundtable.po``), read with Babel; coverage.
- ``languages``: the language and direction a page is in (``lang``, ``dir``).
- ``refusals``: a refusal that carries its words in every language, shown in the reader's.
- ``poll_rules``: which ways of voting a poll can take, and what may not be mixed.
- ``programme``: the day's programme, sessions and breaks at the times the meeting file gives.
- ``eligibility``: who may vote and who may endorse, from each organisation's role.
- ``funder``: the funder named on the report's cover, its disclaimer and emblem.
- ``actors``: who did something, in words ("the chair of Session 2", not ``chair:s2``).
- ``rules``: what can be captured and its validation, the tally of a poll, offer/ask matching.
- ``privacy``: the one policy of what the public may see.
- ``typed_text``: making typed text safe to store.
- ``assessment``: the capacity-assessment file, its checks, and the one key of a capacity area.
- ``clock``: where the presentation timer stands and how it reads (the chair's screen and every
  dashboard use it), and a stored time as the meeting's local time.
- ``files``: the one reader of a file a person hands the workbook (plain, size-capped, UTF-8).
- ``file_languages``: a meeting file's languages, its working language, and its texts in them.
- ``scripts``: the writing systems typed text may be in, and the Noto font that draws each.
- ``name_scripts``: where a name starts and ends in Devanagari, Arabic, Ethiopic and Cyrillic.

May import: the standard library, PyYAML, Babel (the label catalogues, dates and numbers) and
:mod:`roundtable_lib.exceptions`. Never ipywidgets, IPython, plotly, pandas or SQLAlchemy, and
nothing else of the workbook.
"""

from roundtable_lib.meeting.definition import Meeting, load_meeting

__all__ = ["Meeting", "load_meeting"]
