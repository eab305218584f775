"""The viewers' kernels (roundtable_lib.serving.viewer_kernels) at a venue: slow phones, warm
kernels, bursts of arrivals, the viewer cap, hundreds of viewers in one process.

The slow tests run a real Voila (as `roundtable serve` does) and simulated viewers
(bench/viewer.py: the page, its kernel's websocket and its widgets' state, as a browser gets
them) on 127.0.0.1.
"""

import asyncio
import time
import urllib.request

import pytest

from bench.viewer import Viewer
from tests.helpers import VoilaServer
from tests.helpers.kernels import kernel_ids


def _run(make_coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API (other tests, same session)
    keeps an event loop running in the main thread."""
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def _kernel_exists(server, kernel_id):
    try:
        with urllib.request.urlopen(
            f"{server.base}/api/kernels/{kernel_id}?token={server.plan.voila_token}", timeout=30
        ):
            return True
    except urllib.error.HTTPError as err:
        assert err.code == 404, err
        return False


@pytest.mark.slow
def test_a_phone_slower_than_the_idle_timeout_still_gets_its_dashboard(fresh_store, tmp_path):
    # Culling checks every second, after 2 s idle; a page's kernel waits 20 s for the page to connect.
    server = VoilaServer(
        fresh_store.path,
        tmp_path,
        cull_seconds=2,
        max_viewers=10,
        connect_grace_seconds=20,
    )
    try:

        async def scenario():
            slow = Viewer(server.base, "live.ipynb", server.plan.voila_token, timeout=60)
            gone = Viewer(server.base, "summary.ipynb", server.plan.voila_token, timeout=60)
            # Both pages arrive; their JavaScript takes 8 s (several idle timeouts) to connect.
            real_connect = slow._connect

            async def late_connect():
                await asyncio.sleep(8)
                await real_connect()

            slow._connect = late_connect
            visit = await slow.open()
            assert not visit.error, visit.error + server.output()
            assert len(visit.states) > 5  # the dashboard's widgets arrived: the page renders
            await asyncio.sleep(4)  # connected, idle for 2 idle timeouts: never culled with a tab open
            assert _kernel_exists(server, visit.kernel_id)

            # A page that never connects is not kept forever: its kernel goes after the grace.
            code, body, _ = await gone._get("/voila/render/summary.ipynb", cacheable=False)
            assert code == 200, (code, body[:300], server.output()[-3000:])
            kernel = Viewer.kernel_id_of(body)
            assert _kernel_exists(server, kernel)
            deadline = time.monotonic() + 60
            while _kernel_exists(server, kernel) and time.monotonic() < deadline:
                await asyncio.sleep(1)
            assert not _kernel_exists(server, kernel)
            assert _kernel_exists(server, visit.kernel_id)  # the slow phone's page still lives
            await slow.close()
            gone.http.close()

        _run(scenario)
    finally:
        server.stop()


def _kernel_ids(server):
    """Ids of the kernels Voila runs now, forked or ordinary."""
    return kernel_ids(server.proc.pid)


def _wait_for_kernels(server, count, timeout=120):
    deadline = time.monotonic() + timeout
    while len(_kernel_ids(server)) < count and time.monotonic() < deadline:
        time.sleep(0.5)
    return _kernel_ids(server)


@pytest.mark.slow
def test_viewers_get_warm_kernels_with_their_own_request_and_the_pool_refills(fresh_store, tmp_path):
    from roundtable_lib.meeting.labels import t

    # Two warm kernels; two viewer places; culling after 2 s idle, checked every second.
    server = VoilaServer(fresh_store.path, tmp_path, max_viewers=2, warm_kernels=2, cull_seconds=2)
    try:
        warm = _wait_for_kernels(server, 2)
        assert len(warm) == 2
        time.sleep(6)  # three idle timeouts: kernels waiting for viewers are not culled
        assert _kernel_ids(server) == warm

        async def scenario():
            # Two phones at the same instant take both places (a kernel being handed over is
            # one viewer, not two) and both warm kernels.
            thai = Viewer(server.base, "live.ipynb?lang=th", server.plan.voila_token, timeout=120)
            other = Viewer(server.base, "summary.ipynb", server.plan.voila_token, timeout=120)
            visits = await asyncio.gather(thai.open(), other.open())
            assert not any(v.error for v in visits), [v.error for v in visits] + [server.output()[-3000:]]
            assert {v.kernel_id for v in visits} == warm  # warm kernels, not ones started for them
            # The request's own query string reached its kernel: that page is in Thai.
            assert t("dash.live", "th") in str(visits[0].states)
            assert t("dash.live", "th") not in str(visits[1].states)
            # Warm kernels are not viewers, and both places are now taken.
            third = Viewer(server.base, "summary.ipynb", server.plan.voila_token, timeout=120)
            code, _, _ = await third._get("/voila/render/summary.ipynb", cacheable=False)
            third.http.close()
            assert code == 503
            # Arrivals paused and their pages connected: the used warm kernels are replaced.
            now = await asyncio.to_thread(_wait_for_kernels, server, 4)
            assert warm < now and len(now) == 4
            await asyncio.gather(thai.close(), other.close())

        _run(scenario)
        assert "Warm kernels switched off" not in server.output()
    finally:
        server.stop()


@pytest.mark.slow
def test_a_kernel_still_starting_takes_one_place_not_two(tmp_path):
    # The server lists a kernel before it has finished starting. Counted as a viewer and as a
    # start in progress, it took two places: arrivals a moment apart were refused (or pages still
    # loading evicted) below the cap (300 arrivals: 11 lost).
    from tornado import web

    from roundtable_lib.serving.viewer_kernels import ViewerKernelManager

    async def scenario():
        manager = ViewerKernelManager(max_kernels=2, root_dir=str(tmp_path))
        # Kernels are listed, then wait here until released: "still starting", for as long as
        # the test needs, on any machine.
        release, finish = asyncio.Event(), manager._finish_kernel_start

        async def slow_finish(kernel_id):
            await release.wait()
            return await finish(kernel_id)

        manager._finish_kernel_start = slow_finish
        try:
            first = asyncio.ensure_future(manager.start_kernel(kernel_name="python3"))
            while not manager.list_kernel_ids():  # listed, not yet ready
                await asyncio.sleep(0.005)
            second = asyncio.ensure_future(manager.start_kernel(kernel_name="python3"))  # the second place
            while len(manager.list_kernel_ids()) < 2 and not second.done():
                await asyncio.sleep(0.005)
            assert not second.done(), second.exception()  # not refused: it is starting
            with pytest.raises(web.HTTPError) as refused:
                await manager.start_kernel(kernel_name="python3")  # a third is one too many
            assert refused.value.status_code == 503
            release.set()
            assert await first != await second
        finally:
            release.set()
            await manager.shutdown_all(now=True)

    _run(scenario)


@pytest.mark.slow
def test_warm_kernels_that_cannot_warm_up_are_switched_off_and_viewers_still_get_content(fresh_store, tmp_path):
    server = VoilaServer(
        fresh_store.path,
        tmp_path,
        ["--ViewerKernelManager.warm_code=import a_module_that_is_not_installed"],
        warm_kernels=2,
    )
    try:
        deadline = time.monotonic() + 120
        while "Warm kernels switched off" not in server.output() and time.monotonic() < deadline:
            time.sleep(1)
        log = server.output()
        assert "Warm kernels switched off: 3 in a row failed to warm up" in log, log[-3000:]
        assert "ModuleNotFoundError" in log  # the reason, in the same line
        assert not _kernel_ids(server)  # the kernels that failed were shut down

        async def scenario():
            viewer = Viewer(server.base, "live.ipynb", server.plan.voila_token, timeout=120)
            visit = await viewer.open()
            assert not visit.error and visit.states, visit.error + server.output()[-3000:]
            await viewer.close()

        _run(scenario)
    finally:
        server.stop()


BURSTS, PER_BURST = 20, 10  # 200 kernel starts; `make bench` arrives 50-100 at once


@pytest.mark.slow
def test_bursts_of_arrivals_all_get_content_and_no_kernel_dies_at_start(fresh_store, tmp_path):
    server = VoilaServer(fresh_store.path, tmp_path, max_viewers=PER_BURST * 2)
    try:

        async def burst():
            viewers = [
                Viewer(server.base, "summary.ipynb", server.plan.voila_token, timeout=240) for _ in range(PER_BURST)
            ]
            visits = await asyncio.gather(*(v.open() for v in viewers))
            await asyncio.gather(*(v.close() for v in viewers))  # the tabs close: kernels shut down
            return visits

        started = time.monotonic()
        for n in range(BURSTS):
            visits = _run(burst)
            failed = [v.error for v in visits if v.error or not v.states]
            assert not failed, f"burst {n}: {failed}\n{server.output()[-3000:]}"
            assert time.monotonic() - started < 900, "bursts took too long"
        log = server.output()
    finally:
        server.stop()
    assert "Address already in use" not in log
    assert "died" not in log.lower()
    assert "without encryption" not in log  # kernels talk over Unix sockets, not TCP


@pytest.mark.slow
def test_one_voila_process_can_hold_hundreds_of_viewers_sockets_and_files():
    # 300 viewers in one process failed with ZeroMQ's "Too many open files" (1,023 sockets per
    # context by default; a Debian session allows 1,024 open files). Under those limits, the
    # viewer manager raises both, and 1,500 sockets (about five per viewer) can be opened.
    import resource
    import subprocess
    import sys

    probe = """
import resource, zmq
from roundtable_lib.serving.viewer_kernels import ViewerKernelManager
before = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
manager = ViewerKernelManager(max_kernels=300)
sockets = [manager.context.socket(zmq.DEALER) for _ in range(1500)]
for s in sockets:
    s.bind("inproc://viewer-%d" % id(s))
print(before, resource.getrlimit(resource.RLIMIT_NOFILE)[0], manager.context.get(zmq.MAX_SOCKETS), len(sockets))
for s in sockets:
    s.close(linger=0)
"""

    def debian_session_limits():
        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        resource.setrlimit(resource.RLIMIT_NOFILE, (1024, hard))

    done = subprocess.run(
        [sys.executable, "-c", probe], preexec_fn=debian_session_limits, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    before, after, max_sockets, opened = map(int, done.stdout.split())
    assert before == 1024
    assert after > 1024 and max_sockets >= 32768 and opened == 1500
