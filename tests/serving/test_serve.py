"""`roundtable serve`: the command lines it builds, and one real run of both servers."""

import json
import os
import signal
import urllib.error
import urllib.request

import pytest

from roundtable_lib.cli import build_parser
from roundtable_lib.meeting.labels import t
from roundtable_lib.serving.serve import ServePlan, addresses_from_ip, terminal_qr
from tests.helpers import free_port, serving


def _option(command, name):
    return [arg.split("=", 1)[1] for arg in command if arg.startswith(f"--{name}=")]


@pytest.mark.slow
@pytest.mark.parametrize("chairs_lan, host", [(False, "127.0.0.1"), (True, "0.0.0.0")])
def test_jupyterlab_listens_on_the_venue_network_only_when_asked_and_always_with_a_token(db_path, chairs_lan, host):
    plan = ServePlan(db=db_path, chairs_lan=chairs_lan)
    command = plan.lab_command()
    assert _option(command, "ServerApp.ip") == [host]
    assert _option(command, "IdentityProvider.token") == [plan.lab_token]
    assert len(plan.lab_token) >= 24
    assert '"voila.server_extension": False' in " ".join(command)  # dashboards never inside JupyterLab
    assert plan.lab_url().endswith(f"?token={plan.lab_token}")


@pytest.mark.slow
def test_voila_serves_only_the_dashboards_with_the_template_the_cap_and_culling(db_path):
    plan = ServePlan(db=db_path, max_viewers=7, cull_seconds=30, warm_kernels=3)
    command = plan.voila_command()
    assert command[3] == str(plan.root / "notebooks" / "dashboards")
    assert _option(command, "token") == [plan.voila_token]
    assert _option(command, "template") == ["roundtable"]
    assert _option(command, "VoilaConfiguration.show_tracebacks") == ["False"]
    assert _option(command, "VoilaConfiguration.multi_kernel_manager_class") == [
        "roundtable_lib.serving.viewer_kernels.ViewerKernelManager"
    ]
    assert _option(command, "ViewerKernelManager.max_kernels") == ["7"]
    assert _option(command, "ViewerKernelManager.warm_kernels") == ["3"]
    assert _option(command, "ViewerKernelManager.cull_idle_timeout") == ["22"]  # 22 + 3 (interval) + 5 s to shut down
    assert _option(command, "ViewerKernelManager.cull_connected") == ["False"]
    env = plan.env()
    assert env["JUPYTER_PATH"].split(os.pathsep)[0].endswith(os.path.join("roundtable_lib", "share", "jupyter"))
    assert env["ROUNDTABLE_PUBLIC_URL"] == plan.voila_url("index.ipynb")
    assert env["ROUNDTABLE_DB"] == str(db_path.resolve())


def test_the_participants_address_carries_the_token_and_prints_as_a_qr_code(db_path):
    plan = ServePlan(db=db_path, voila_host="127.0.0.1", voila_port=8866)
    assert plan.voila_url() == f"http://127.0.0.1:8866/voila/render/index.ipynb?token={plan.voila_token}"
    qr = terminal_qr(plan.voila_url())
    assert set(qr) <= set("█▀▄ \n") and len(qr.splitlines()) > 15


def test_the_serve_command_takes_the_new_options():
    args = build_parser().parse_args(
        ["serve", "--chairs-lan", "--max-viewers", "5", "--cull-seconds", "60", "--warm-kernels", "0"]
    )
    assert (args.chairs_lan, args.max_viewers, args.cull_seconds, args.warm_kernels) == (True, 5, 60, 0)
    defaults = build_parser().parse_args(["serve"])
    assert (defaults.chairs_lan, defaults.max_viewers, defaults.cull_seconds, defaults.warm_kernels) == (
        False,
        40,
        120,
        0,
    )


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.url, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, url, ""


@pytest.mark.slow
def test_roundtable_serve_answers_with_the_token_and_refuses_without(demo_store, tmp_path):
    lab_port, voila_port = free_port(), free_port()
    with serving(demo_store.path, tmp_path, "--lab-port", lab_port, "--voila-port", voila_port) as (_proc, printed):
        voila_token = printed.split("/voila/render/index.ipynb?token=")[1].split()[0]
        lab_token = printed.split("Chairs")[1].split("/lab?token=")[1].split()[0]  # not JupyterLab's own masked line
        assert "this computer only" in printed and "▄" in printed  # the QR code

        status, _url, body = _status(f"http://127.0.0.1:{voila_port}/voila/render/index.ipynb?token={voila_token}")
        assert status == 200 and "application/vnd.jupyter.widget-view+json" in body  # the landing page's widget
        status, url, body = _status(f"http://127.0.0.1:{voila_port}/voila/render/index.ipynb")
        assert "/login" in url and "widget-view" not in body

        status, _url, _body = _status(f"http://127.0.0.1:{lab_port}/api/contents?token={lab_token}")
        assert status == 200
        status, _url, _body = _status(f"http://127.0.0.1:{lab_port}/api/contents")
        assert status in (401, 403)


def _started_in_the_background():
    # A shell without job control starts background commands with SIGINT ignored; Python then
    # never turns SIGINT into KeyboardInterrupt unless the program handles it itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.slow
@pytest.mark.parametrize(
    "sig, preexec_fn",
    [(signal.SIGTERM, None), (signal.SIGINT, None), (signal.SIGINT, _started_in_the_background)],
    ids=["SIGTERM", "SIGINT", "SIGINT-from-a-background-shell"],
)
def test_stopping_roundtable_serve_stops_its_servers(demo_store, tmp_path, sig, preexec_fn):
    """A `kill` (or a closed terminal, or a CI timeout) must not leave Voila serving the meeting."""
    import socket

    voila_port = free_port()
    with serving(demo_store.path, tmp_path, "--no-lab", "--voila-port", voila_port, preexec_fn=preexec_fn) as (
        proc,
        _printed,
    ):
        proc.send_signal(sig)
        assert proc.wait(timeout=30) in (0, 130)
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", voila_port)) != 0  # nothing listens any more


IP_OUTPUT = """\
2: wlp2s0    inet 81.2.69.160/24 brd 81.2.69.255 scope global dynamic wlp2s0\\       valid_lft 3600sec
3: enp0s31f6    inet 192.168.1.23/24 brd 192.168.1.255 scope global enp0s31f6\\       valid_lft forever
4: docker0    inet 10.0.0.1/16 brd 10.0.255.255 scope global docker0\\       valid_lft forever
"""


def test_the_venue_address_prefers_private_networks():
    assert addresses_from_ip(IP_OUTPUT) == ["192.168.1.23", "10.0.0.1", "81.2.69.160"]
    assert addresses_from_ip("") == []


def test_the_organiser_can_say_the_address(demo_store):
    plan = ServePlan(db=demo_store.path, address="192.168.1.50", chairs_lan=True)
    assert plan.voila_url().startswith("http://192.168.1.50:8866/voila/render/index.ipynb?token=")
    assert plan.lab_url().startswith("http://192.168.1.50:8888/lab?token=")
    args = build_parser().parse_args(["serve", "--address", "192.168.1.50"])
    assert args.address == "192.168.1.50"


@pytest.mark.slow
def test_roundtable_serve_builds_both_command_lines_without_loading_voila_or_the_jupyter_server():
    # Voila's application and the kernel managers run in Voila's own process; the `roundtable`
    # command only names them (1-2 s less before the organiser sees the addresses).
    import subprocess
    import sys

    probe = """
import sys
from pathlib import Path
from roundtable_lib.serving.serve import ServePlan
from roundtable_lib.serving.workers import Workers
plan = ServePlan(db=Path("x.db"))
plan.lab_command(), plan.voila_command(), Workers(plan, 2).worker_command(1)
print(sorted({m.split(".")[0] for m in sys.modules} & {"voila", "jupyter_server", "jupyterlab", "zmq", "tornado"}))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


def test_each_database_has_its_own_jupyterlab_folder_beside_it(tmp_path):
    plan = ServePlan(db=tmp_path / "roundtable.db")
    other = ServePlan(db=tmp_path / "rehearsal" / "demo.db")
    assert plan.lab_folder == tmp_path / "roundtable.db.jupyterlab"
    assert other.lab_folder != plan.lab_folder
    command = plan.lab_command()
    assert _option(command, "LabApp.workspaces_dir") == [str(plan.lab_folder / "workspaces")]
    assert _option(command, "LabApp.custom_css") == ["True"]
    tornado = json.loads(_option(command, "ServerApp.tornado_settings")[0])
    assert tornado["static_custom_path"] == [str(plan.lab_folder / "custom")]
    assert "Content-Security-Policy" in tornado["headers"]  # the policy is still sent
    server = ServePlan(db="postgresql://chair:s3cret@db.local:5432/roundtable")
    assert "s3cret" not in str(server.lab_folder) and "roundtable" in server.lab_folder.name


def test_the_default_workspace_opens_the_registration_notebook_only_and_is_written_at_each_start(tmp_path):
    from jupyterlab_server.workspaces_handler import WORKSPACE_EXTENSION, slugify

    plan = ServePlan(db=tmp_path / "roundtable.db")
    saved = plan.lab_folder / "workspaces" / f"{slugify('default')}{WORKSPACE_EXTENSION}"
    plan.prepare_lab()
    saved.write_text(json.dumps({"data": {"notebook:findings.csv": {}}, "metadata": {"id": "default"}}))
    plan.prepare_lab()  # the next start: what was open last is not reopened
    workspace = json.loads(saved.read_text())
    dock = workspace["data"]["layout-restorer:data"]["main"]["dock"]["widgets"]
    assert dock == ["notebook:00_registration.ipynb"]
    assert "findings.csv" not in saved.read_text()


def test_the_page_style_says_in_both_languages_how_a_screen_starts_again(tmp_path):
    plan = ServePlan(db=tmp_path / "roundtable.db")
    css = (plan.prepare_lab() / "custom" / "custom.css").read_text(encoding="utf-8")
    assert "$" not in css and css.startswith('@charset "UTF-8";')
    assert t("lab.kernel_gone", "en") in css and t("lab.kernel_gone", "th") in css
    assert t("lab.disconnected", "en") in css and t("lab.disconnected", "th") in css
    assert ".jp-InputPlaceholder" in css and ".jp-Notebook-footer" in css
