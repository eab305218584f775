"""What both the chairs' screens and the dashboards draw, one module per kind of thing:

- ``html``: the escaped HTML of stored items, the timer, the heatmap, the cards (pure).
- ``status``: the short messages beside a form's buttons, and the colours that say how things stand (pure).
- ``charts``: plotly figures from rows (nothing here calls ``.show()``).
- ``tick``: the clock pages refresh on: a hidden widget as the browser's heartbeat, ticks counted in the kernel.
- ``languages``: which language a page and each text on it are in, as HTML says it (``lang``, ``dir``).

May import: :mod:`roundtable_lib.meeting` and the standard library; plotly in ``charts`` only,
ipywidgets and traitlets in ``tick`` only. Never the store, the chair, the dashboards or the
outputs.
"""
