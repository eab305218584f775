"""`roundtable serve --workers N`: Voila workers behind Debian's nginx, on PostgreSQL."""

import re
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request

import pytest

from roundtable_lib import Store
from roundtable_lib.cli import build_parser
from roundtable_lib.serving.serve import ServePlan
from roundtable_lib.serving.viewer_kernels import WorkerKernelManager
from roundtable_lib.serving.workers import NGINX, Workers, nginx_conf, worker_caps
from roundtable_lib.store.postgres import DASHBOARD_ROLE
from tests.helpers import ROOT, free_port, serving

ARTIFACTS = ROOT / "test-artifacts"

# The Jupyter server's pattern for kernel ids in URLs (jupyter_server.services.kernels.handlers).
JUPYTER_KERNEL_ID = re.compile(r"^\w+-\w+-\w+-\w+-\w+$")


@pytest.mark.parametrize(
    "max_viewers, workers, caps",
    [(40, 1, [40]), (40, 4, [10, 10, 10, 10]), (10, 3, [4, 3, 3]), (300, 4, [75, 75, 75, 75]), (2, 4, [1, 1, 1, 1])],
)
def test_the_viewer_cap_is_split_across_workers(max_viewers, workers, caps):
    assert worker_caps(max_viewers, workers) == caps


@pytest.mark.parametrize("worker", [0, 7, 63])
def test_kernel_ids_name_their_worker_and_keep_jupyters_shape(worker):
    ids = {WorkerKernelManager(worker=worker).new_kernel_id() for _ in range(50)}
    assert len(ids) == 50
    for kid in ids:
        assert JUPYTER_KERNEL_ID.match(kid) and kid.startswith(f"w{worker:02d}")
        assert re.search(f"/w{worker:02d}[0-9a-f]{{5}}-", f"/api/kernels/{kid}/channels")  # nginx's map


def test_each_worker_gets_its_port_number_cap_and_the_shared_secret(db_path):
    plan = ServePlan(db=db_path, voila_port=8866, max_viewers=10, warm_kernels=4)
    pool = Workers(plan, 3, ports=[9001, 9002, 9003])
    for i, port in enumerate(pool.ports):
        command = pool.worker_command(i)
        assert f"--port={port}" in command and "--Voila.ip=127.0.0.1" in command
        assert "--port=8866" not in command and "--Voila.ip=0.0.0.0" not in command
        assert f"--WorkerKernelManager.worker={i}" in command
        assert f"--WorkerKernelManager.max_kernels={worker_caps(10, 3)[i]}" in command
        assert f"--WorkerKernelManager.warm_kernels={[2, 1, 1][i]}" in command  # 4 warm kernels in all
        assert not any(a.startswith("--ViewerKernelManager.") for a in command)  # one section: the worker's
        assert f"--Voila.cookie_secret={pool.cookie_secret}" in command
        assert f"--token={plan.voila_token}" in command
    with pytest.raises(Exception, match="1 to 64"):
        Workers(plan, 0)


@pytest.mark.slow
def test_nginx_accepts_its_configuration(tmp_path):
    conf = nginx_conf(tmp_path, "0.0.0.0", free_port(), [free_port() for _ in range(3)])
    (tmp_path / "nginx.conf").write_text(conf)
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for i in range(3):
        assert f'"~/w{i:02d}[0-9a-f]{{5}}-" worker{i};' in conf
    assert "daemon off;" in conf and "access_log off;" in conf and "proxy_next_upstream error timeout" in conf


def test_serve_takes_workers_and_a_dashboards_address():
    args = build_parser().parse_args(["serve", "--workers", "4", "--dashboards-db", "postgresql://phones@db/meeting"])
    assert args.workers == 4 and args.dashboards_db == "postgresql://phones@db/meeting"
    assert build_parser().parse_args(["serve"]).workers == 1


CHAIR = textwrap.dedent(
    """
    import sys
    from roundtable_lib import Store
    store = Store(sys.argv[1], actor="chair:room-b")  # another laptop: its own process and connection
    store.add_item("s2", "progress", text_en=sys.argv[2], org="map")
    """
)


def _get(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


@pytest.mark.slow
@pytest.mark.browser
def test_dashboards_through_nginx_on_two_workers_follow_a_chair_on_another_laptop(
    postgres_cluster, meeting, chromium, tmp_path
):
    url = postgres_cluster.new_database()
    with Store(url, actor="organiser") as store:
        store.init(meeting)
        store.set_current_session("s2")
        store.add_item("s2", "progress", text_en="Captured before the doors opened", org="map")
    postgres_cluster.sql(f"DROP ROLE IF EXISTS phones; CREATE ROLE phones LOGIN IN ROLE {DASHBOARD_ROLE}")
    phones = postgres_cluster.url(url.rsplit("/", 1)[1], user="phones")
    port = free_port()
    args = ["--no-lab", "--workers", 2, "--max-viewers", 2, "--voila-port", port, "--dashboards-db", phones]
    with serving(url, tmp_path, *args) as (proc, printed):
        token = printed.split("/voila/render/index.ipynb?token=")[1].split()[0]
        assert "2 dashboard workers behind nginx, 2 viewers at most (1, 1)" in printed
        page_url = f"http://127.0.0.1:{port}/voila/render/live.ipynb?token={token}"
        pages, kernels = [], []
        for _ in range(2):
            context = chromium.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            sockets = []
            page.on("websocket", lambda ws, sockets=sockets: sockets.append(ws.url))
            assert page.goto(page_url, timeout=120_000).status == 200
            page.get_by_text("Captured before the doors opened").first.wait_for(timeout=60_000)
            deadline = time.monotonic() + 60
            while not sockets and time.monotonic() < deadline:
                page.wait_for_timeout(200)
            kernels += [re.search(r"/api/kernels/(w\d\d)", u).group(1) for u in sockets if "/api/kernels/" in u]
            pages.append(page)
        # Round robin: one viewer per worker, each kernel's websocket through nginx to its own worker.
        assert sorted(set(kernels)) == ["w00", "w01"], kernels

        text = "Room B: shelter referral agreed / ตกลงเรื่องการส่งต่อ"
        subprocess.run([sys.executable, "-c", CHAIR, url, text], check=True, timeout=60)
        for n, page in enumerate(pages):
            page.get_by_text("Room B: shelter referral agreed").first.wait_for(timeout=60_000)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"workers-viewer{n}.png"))

        # Both workers full: the third viewer gets the bilingual page, from a worker, through nginx.
        status, headers, body = _get(page_url)
        assert status == 503
        if headers.get("Content-Encoding") == "gzip":  # nginx compresses a page past 512 bytes, as browsers accept
            import gzip

            body = gzip.decompress(body)
        assert "Too many viewers" in body.decode() and "ผู้ชมมากเกินไป" in body.decode()

        # Voila's scripts: cached by nginx after the first request, compressed, cacheable by phones.
        static = f"http://127.0.0.1:{port}/voila/static/voila.js"
        _get(static)
        status, headers, _body = _get(static)
        assert status == 200 and headers.get("X-Cache") == "HIT"
        assert headers.get("Content-Encoding") == "gzip" and "max-age=86400" in headers.get("Cache-Control", "")
        for page in pages:
            page.context.close()

        proc.terminate()
        assert proc.wait(timeout=60) in (0, 130)
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0  # nginx is gone too
