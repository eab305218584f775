"""N simulated viewers arriving at a dashboard server, and what they measure: time until each
has content, bytes per visit, memory and CPU, the idle cost of open pages, how fast an update
reaches every page, and whether the kernels go once the tabs close.

Shared by bench/viewers_bench.py (the workbook against the naive dashboard) and
bench/workers_bench.py (W workers behind nginx against one process). :func:`arrive` runs the
phases in the order a meeting goes through them; each phase is a function of its own and adds
its figures to the row that :data:`ROWS` labels for the report.
"""

import asyncio
import time
import uuid

from bench.common import CULL, mean, pct
from bench.viewer import Cache, Viewer
from roundtable_lib import Store

# (label in the report, key of arrive()'s row, scale to the unit in the label)
ROWS = [
    ("content p50 (s)", "content_p50", 1),
    ("content p95 (s)", "content_p95", 1),
    ("content max (s)", "content_max", 1),
    ("last viewer has content, from first arrival (s)", "last_content_after_start", 1),
    ("first visit (KB)", "first_visit_bytes", 1 / 1024),
    ("websocket until content (KB)", "ws_bytes_to_content", 1 / 1024),
    ("repeat visit (KB)", "repeat_visit_bytes", 1 / 1024),
    ("kernel RSS (MB)", "kernel_rss", 1 / 2**20),
    ("kernel USS (MB)", "kernel_uss", 1 / 2**20),
    ("server + kernels RSS (MB)", "total", 1 / 2**20),
    ("server + kernels USS (MB)", "total_uss", 1 / 2**20),
    ("CPU per arrival (s)", "cpu_per_arrival", 1),
    ("of which the Voila server process (s)", "server_cpu_per_arrival", 1),
    ("CPU per arrival, used warm kernel replaced (s)", "cpu_per_arrival_replaced", 1),
    ("idle CPU per viewer (% of a core)", "idle_cpu_per_viewer", 100),
    ("idle CPU, all viewers (cores)", "idle_cpu_total", 1),
    ("websocket per idle page (KB/min)", "idle_ws_bytes_per_min", 1 / 1024),
    ("update reaches every page, p50 (s)", "update_p50", 1),
    ("update reaches every page, p95 (s)", "update_p95", 1),
    ("updates missed", "update_missed", 1),
    ("viewers failed", "failed", 1),
    ("kernels lost while held", "hold_kernels_lost", 1),
    ("pages lost while held", "hold_pages_lost", 1),
    ("kernels left after tabs closed", "kernels_left", 1),
]


async def arrive(server, n, assets, arrival_s, idle_s, hold_s, db):
    """``n`` viewers arrive evenly over ``arrival_s`` seconds at ``server`` (which has ``base``,
    ``page``, ``token``, ``warm``, ``system`` and ``kernels()``, ``cpu()``, ``memory()``,
    ``wait_for_kernels()``), idle for ``idle_s``, see a chair's capture in ``db``, stay
    ``hold_s`` more seconds, and close their tabs. Returns the row of figures :data:`ROWS` names."""
    viewers = [Viewer(server.base, server.page, server.token, assets, cache=Cache(), timeout=600) for _ in range(n)]
    resting = len(server.kernels())  # warm kernels waiting for viewers
    out = {"n": n}
    out.update(await _arrivals(server, viewers, arrival_s, resting))
    out.update(await _idle(server, viewers, idle_s))
    out.update(await _update(viewers, db))
    if hold_s:
        out.update(await _hold(server, viewers, hold_s))
    out.update(await _repeat_visits(server, viewers, assets))
    out.update(await _close(server, viewers, resting))
    return out


async def _arrivals(server, viewers, arrival_s, resting):
    """The viewers arrive: their time to content, bytes, memory, CPU per arrival."""
    n = len(viewers)
    cpu0, t0 = server.cpu(), time.monotonic()
    server_cpu0 = sum(server.ps.cpu_times()[:2])

    async def one(i, viewer):
        await asyncio.sleep(i * arrival_s / max(1, n))
        return await viewer.open()

    visits = await asyncio.gather(*(one(i, v) for i, v in enumerate(viewers)))
    arrival_cpu = server.cpu() - cpu0
    server_cpu = sum(server.ps.cpu_times()[:2]) - server_cpu0
    out = {"errors": [v.error for v in visits if v.error][:3], "failed": sum(1 for v in visits if v.error)}
    content = [v.content_seconds for v in visits if not v.error]
    out.update(content_p50=pct(content, 0.5), content_p95=pct(content, 0.95), content_max=max(content, default=None))
    out["last_content_after_start"] = max((v.content_at - t0 for v in visits if v.content_at), default=None)
    out["first_visit_bytes"] = mean([v.http_bytes for v in visits if not v.error])
    out["ws_bytes_to_content"] = mean([v.ws_at_content for v in visits if not v.error])
    out["cpu_per_arrival"] = arrival_cpu / n
    out["server_cpu_per_arrival"] = server_cpu / n  # the Voila process alone (one thread serves all)
    out.update(server.memory())
    out["kernels"] = len(server.kernels()) - resting
    if server.warm:
        # Used warm kernels are replaced once arrivals pause: that work is part of an arrival's
        # cost too, only off its path. Idle is measured once it is done.
        await asyncio.to_thread(server.wait_for_kernels, resting + n)
        out["cpu_per_arrival_replaced"] = (server.cpu() - cpu0) / n
    return out


async def _idle(server, viewers, idle_s):
    """Nothing changes; the pages keep ticking: CPU and websocket bytes per idle page."""
    await asyncio.sleep(2)
    wires0 = [v.wire_bytes() for v in viewers]
    cpu0 = server.cpu()
    await asyncio.sleep(idle_s)
    idle_cpu = server.cpu() - cpu0
    wires1 = [v.wire_bytes() for v in viewers]
    return {
        "idle_cpu_per_viewer": idle_cpu / idle_s / len(viewers),
        "idle_cpu_total": idle_cpu / idle_s,
        "idle_ws_bytes_per_min": mean(
            [(b[0] + b[1] - a[0] - a[1]) * 60 / idle_s for a, b in zip(wires0, wires1, strict=True)]
        ),
    }


async def _update(viewers, db):
    """A chair captures an item: how long until every page shows it?"""
    marker = f"bench-{uuid.uuid4().hex[:10]}"
    for v in viewers:
        v.markers.append(marker)
    with Store(db, actor="chair:bench") as chair:
        session = chair.current_session() or "s1"
        written = time.monotonic()
        chair.add_item(session, "progress", text_en=f"Update {marker}", org="map")
    deadline = written + 30
    while time.monotonic() < deadline and not all(marker in v.visit.seen for v in viewers if not v.visit.error):
        await asyncio.sleep(0.05)
    latency = [v.visit.seen[marker] - written if marker in v.visit.seen else None for v in viewers if not v.visit.error]
    return {
        "update_missed": sum(1 for x in latency if x is None),
        "update_p50": pct(latency, 0.5),
        "update_p95": pct(latency, 0.95),
    }


async def _hold(server, viewers, hold_s):
    """Every viewer stays connected ``hold_s`` seconds: are kernels or pages lost meanwhile?"""
    before = len(server.kernels())
    await asyncio.sleep(hold_s)
    return {
        "hold_s": hold_s,
        "hold_kernels_lost": before - len(server.kernels()),
        "hold_pages_lost": sum(1 for v in viewers if v.ws is None or v.ws.protocol is None),
    }


async def _repeat_visits(server, viewers, assets):
    """A repeat visit (the same phone, its cache warm) and, for the workbook, another dashboard."""
    again = Viewer(server.base, server.page, server.token, assets, cache=viewers[0].cache, timeout=600)
    await again.open()
    out = {"repeat_visit_bytes": again.visit.http_bytes}
    await again.close()
    if server.system == "workbook":
        other = Viewer(server.base, "summary.ipynb", server.token, assets, cache=viewers[0].cache, timeout=600)
        await other.open()
        out["other_dashboard_bytes"] = other.visit.http_bytes
        await other.close()
    return out


async def _close(server, viewers, resting):
    """The tabs close (the page's beforeunload asks Voila to shut its kernel down): kernels left."""
    await asyncio.gather(*(v.close() for v in viewers))
    await asyncio.sleep(CULL + 15)
    return {"kernels_left": len(server.kernels()) - resting}
