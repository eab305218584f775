"""Fixtures of the chair tests in a real JupyterLab: ``lab`` (one server per test module, so
the state one module leaves, a chair's language or an open poll, never reaches another) and
``chair_page`` (a chair laptop's 1366x768 in Debian's Chromium)."""

import pytest

from tests.helpers.jupyterlab import FIGURES, LabServer


@pytest.fixture(scope="session")
def fresh_figures():
    """figures.txt holds this run's figures only: emptied once per run, never per module, or
    each module's JupyterLab would erase the figures the modules before it recorded."""
    FIGURES.unlink(missing_ok=True)


@pytest.fixture(scope="module")
def lab(tmp_path_factory, fresh_figures):
    server = LabServer(tmp_path_factory.mktemp("lab"))
    yield server
    server.stop()


@pytest.fixture
def chair_page(chromium):
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    yield page
    context.close()
