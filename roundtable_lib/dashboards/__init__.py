"""The participants' dashboards: read-only, public views that update themselves.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.store` (read-only, public),
:mod:`roundtable_lib.display`, ipywidgets. Never the chair's widgets, the outputs or plotly.
"""

from roundtable_lib.dashboards.views import (
    PAGES,
    CapacityDashboard,
    LiveDashboard,
    Projector,
    open_dashboard,
    query_param,
)

__all__ = ["PAGES", "CapacityDashboard", "LiveDashboard", "Projector", "open_dashboard", "query_param"]
