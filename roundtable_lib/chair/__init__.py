"""The session chairs' screens: ipywidgets that write what the room says through the store.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.store`,
:mod:`roundtable_lib.display`, ipywidgets. Never the dashboards, the outputs or the serving side.
"""
