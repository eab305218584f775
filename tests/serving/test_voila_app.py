"""The participants' Voila (roundtable_lib.serving.voila_app): what a page loads.

Its policy header, landing redirects and private connection files are tested against a real
server in tests/dashboards/test_offline_pages.py; its kernels in test_viewer_kernels.py."""

from roundtable_lib.serving.voila_app import RoundtableVoila, page_extensions, static_digest, voila_tornado_settings


def test_a_dashboard_page_loads_the_widget_managers_and_nothing_else():
    installed = [
        {"name": n}
        for n in ("@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8", "jupyterlab-plotly")
    ] + [{"name": "jupyterlab_pygments"}]
    names = [e["name"] for e in page_extensions(installed)]
    # No plotly.js (1.45 MB gzipped): the synergies network is an SVG. Nothing shows code.
    assert names == ["@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8"]


def test_pages_and_websockets_are_compressed_by_default():
    settings = RoundtableVoila().tornado_settings
    assert settings == voila_tornado_settings()
    assert settings["compress_response"] is True and settings["websocket_compression_options"] == {}


def test_the_static_files_address_changes_when_a_file_does(tmp_path):
    (tmp_path / "voila.js").write_text("one")
    before = static_digest([tmp_path, tmp_path / "missing"])
    assert before == static_digest([tmp_path])
    (tmp_path / "voila.js").write_text("two, longer")
    assert static_digest([tmp_path]) != before
