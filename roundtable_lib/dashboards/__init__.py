"""The participants' dashboards: read-only, public views that update themselves.

- ``views``: every dashboard page, the projector that cycles through them, and the landing page.
- ``network``: the synergies network, drawn as an SVG.

May import: :mod:`roundtable_lib.meeting`, :mod:`roundtable_lib.store` (read-only, public),
:mod:`roundtable_lib.display`, :mod:`roundtable_lib.exceptions`, ipywidgets, segno (the landing
page's QR code). Never the chair's widgets, the outputs or plotly.
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
