"""Chart images (PNG) for the Word, HTML and PDF documents, drawn by kaleido with the Chromium
already on the machine.

A document names each chart once, in the caption under the image (and the heading above it
says what the section is), so the image is drawn without the figure's own title.
"""

import asyncio
import os
import shutil
import threading

# The charts are drawn in a thread of their own while the spreadsheets import pandas. plotly
# imports numpy lazily, so without this the chart thread can meet numpy half-imported
# ("partially initialized module 'numpy'"). Imported here, numpy is whole before any thread starts.
import numpy  # noqa: F401
import plotly.graph_objects as go

NO_CHARTS_ENV = "ROUNDTABLE_NO_CHARTS"
# 800 pixels across the text width (about 16 cm) print the charts' 13-pixel labels at about
# 7.5 points, near the tables' size; the scale keeps them sharp.
CHART_WIDTH, CHART_SCALE = 800, 2


def find_chromium():
    """The Chromium to use (``$BROWSER_PATH``, else chromium on the PATH), or None."""
    browser = os.environ.get("BROWSER_PATH") or next(
        (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None
    )
    return browser if browser and os.access(browser, os.X_OK) else None


def without_title(fig):
    """A copy of ``fig`` as a document draws it: no title of its own, its height shrunk by the
    room the title took."""
    copy = go.Figure(fig)
    if copy.layout.title.text:
        top = copy.layout.margin.t if copy.layout.margin.t is not None else 60
        copy.update_layout(title=None, margin_t=20)
        if copy.layout.height:
            copy.update_layout(height=max(copy.layout.height - max(top - 20, 0), 120))
    return copy


def render_charts(charts, enabled=None):
    """PNG images of the figures: ({key: png bytes}, [(title, reason)] for the charts left out).

    Kaleido drives a Chromium already on the machine (Debian's /usr/bin/chromium, or
    ``$BROWSER_PATH``); it is never asked to download one. MathJax is turned off so that
    nothing is fetched from a CDN. Set ``ROUNDTABLE_NO_CHARTS=1`` (or ``enabled=False``) to
    build the report with tables only.
    """
    if not charts:
        return {}, []
    if enabled is None:
        enabled = not os.environ.get(NO_CHARTS_ENV)
    if not enabled:
        return {}, [(title, "chart images are turned off") for _, title, _ in charts]
    browser = find_chromium()
    if not browser:
        return {}, [(title, "no Chromium browser was found to draw it") for _, title, _ in charts]
    try:
        import kaleido
    except ImportError:
        return {}, [(title, "kaleido is not installed") for _, title, _ in charts]

    untitled = [without_title(fig) for _, _, fig in charts]

    async def draw():
        async with kaleido.Kaleido(n=1, timeout=60, mathjax=False) as k:
            return [
                await k.calc_fig(
                    fig, opts=dict(format="png", width=CHART_WIDTH, height=fig.layout.height or 450, scale=CHART_SCALE)
                )
                for fig in untitled
            ]

    outcome = {}

    def run():  # a thread of its own: a notebook kernel already runs an event loop
        try:
            outcome["images"] = asyncio.run(draw())
        except BaseException as exc:  # noqa: BLE001 any failure means "no charts", never "no report"
            outcome["error"] = exc

    previous = os.environ.get("BROWSER_PATH")
    os.environ["BROWSER_PATH"] = browser
    try:
        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        thread.join(120)
    finally:
        if previous is None:
            os.environ.pop("BROWSER_PATH", None)
    if "images" not in outcome:
        error = outcome.get("error")
        reason = f"the browser could not draw it ({type(error).__name__})" if error else "drawing it timed out"
        return {}, [(title, reason) for _, title, _ in charts]
    return {key: png for (key, _, _), png in zip(charts, outcome["images"], strict=True)}, []
