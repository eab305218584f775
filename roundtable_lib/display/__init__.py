"""What both the chairs' screens and the dashboards draw: escaped HTML of stored items
(``html``), plotly figures (``charts``), and the browser-driven clock both refresh on (``tick``).

May import: :mod:`roundtable_lib.meeting`, and for the modules that need them ipywidgets and
plotly. Never the store's writers, the chair, the dashboards or the outputs.
"""
