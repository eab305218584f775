"""The documents' charts as their readers see them: drawn without a second title (the caption
names each chart), on scales that fit what they measure, with every label whole. The images of
the demo's report are kept in test-artifacts/documents/charts/ for people to look at."""

import struct

import pytest

from roundtable_lib.display import charts
from roundtable_lib.meeting.rules import SCALE
from roundtable_lib.outputs import export
from roundtable_lib.outputs.chart_images import CHART_SCALE, CHART_WIDTH, find_chromium, render_charts, without_title
from roundtable_lib.outputs.report import report_blocks
from tests.helpers import ROOT

ARTIFACTS = ROOT / "test-artifacts" / "documents" / "charts"


def _png_size(png):
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def test_a_document_draws_a_chart_with_no_title_of_its_own():
    fig = charts.vote_chart("Priorities", [{"label": "A", "score": 3, "tied": False}])
    drawn = without_title(fig)
    assert not drawn.layout.title.text and fig.layout.title.text == "Priorities"  # the screen's figure keeps it
    assert drawn.layout.height < fig.layout.height  # no empty band where the title was


def test_the_reports_charts_fit_what_they_measure(demo_store):
    """Every vote chart of the demo's report: a 1-5 poll on 1-5, counts on whole numbers from 0,
    labels whole; the capacity heatmaps on their own scales."""
    content = export.collect(demo_store.path)
    blocks, wanted = report_blocks(content)
    figures = {key: fig for key, _title, fig in wanted}
    captions = [b[2] for b in blocks if b[0] == "chart"]
    assert len(captions) == len(figures) and all(captions)
    last_heading = ""
    for block in blocks:  # a caption says what the chart shows, never the heading above it again
        if block[0] == "h":
            last_heading = block[2]
        elif block[0] == "chart":
            assert block[2] != last_heading
    methods = {f"poll{n}": res["poll"]["method"] for n, res in enumerate(content.polls)}
    polls = [key for key in figures if key in methods]
    assert polls and "scale" in {methods[k] for k in polls}
    for key in polls:
        axis = figures[key].layout.xaxis
        if methods[key] == "scale":
            assert tuple(axis.range) == SCALE and axis.dtick == 1
        else:
            assert axis.range[0] == 0 and axis.tickformat == ",d" and axis.dtick >= 1
        assert all("…" not in label for label in figures[key].data[0].y)
    needs = figures["needs"].data[0]
    assert needs.colorbar.dtick == 1 and needs.zmin == 0
    assert (figures["assessment"].data[0].zmin, figures["assessment"].data[0].zmax) == SCALE


@pytest.mark.slow  # kaleido starts Chromium
@pytest.mark.skipif(find_chromium() is None, reason="no Chromium to draw charts")
def test_the_demo_reports_charts_are_drawn_as_sized(demo_store):
    """Each image is as tall as its figure says (the figure grew with its labels), and kept for
    people to look at."""
    _blocks, wanted = report_blocks(export.collect(demo_store.path))
    images, omitted = render_charts(wanted, enabled=True)
    assert not omitted and set(images) == {key for key, _, _ in wanted}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for key, _title, fig in wanted:
        (ARTIFACTS / f"{key}.png").write_bytes(images[key])
        width, height = _png_size(images[key])
        assert width == round(CHART_WIDTH * CHART_SCALE)
        assert height == round(without_title(fig).layout.height * CHART_SCALE)
