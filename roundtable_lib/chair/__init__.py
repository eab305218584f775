"""The session chairs' screens: ipywidgets that write what the room says through the store.

- ``screen``: the chair's view of a session notebook, one heading per phase.
- ``forms``: the capture form (and, handed on, the session header).
- ``session_header``: the session's header and "We are now in this session", showing where the room is.
- ``entries``: one captured entry as the list of latest entries shows it and the form corrects it.
- ``facilitation``: the speaker queue, summary box, agenda, offer/ask matching (and, handed on, the timer).
- ``timer``: the presentation timer, which follows the running clock.
- ``presenter``: which organisation presents now (the timer's), followed by the capture forms.
- ``registration``: registration and attendance.
- ``endorsement``: recording each organisation's decision on the joint recommendations.
- ``voting``: opening a poll, picking one of the session's polls, entering its ballots.
- ``poll_panel``: one poll: its ballots or a show of hands, closing, revealing, its results.
- ``capacity``: the stored capacity assessment as a heatmap, and loading another file.
- ``presenting``: the projector-safe "presenting" switch, one per kernel.
- ``checklist``: picking any of several choices by ticking boxes.
- ``keystrokes``: buttons and Enter keys that act on what the chair actually typed.
- ``layout``: the layout every chair screen shares, so they look alike.
- ``follow``: views that follow the store, redrawn within seconds when another kernel writes.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.store`,
:mod:`roundtable_lib.display`, :mod:`roundtable_lib.exceptions`; ipywidgets, traitlets, IPython
(to show widgets in a notebook) and ipykernel (``keystrokes``). Never the dashboards, the outputs
or the serving side.
"""
