"""What leaves the room: the organisers' review, and the exports (report, joint
recommendations, spreadsheets, carry-forward package, DataFrames).

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.store`,
:mod:`roundtable_lib.display`; pandas, plotly, python-docx, openpyxl; ipywidgets only in
``review``. Never the chair's widgets, the dashboards or the serving side.
"""
