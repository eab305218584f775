"""Viewers: N phones arriving at the dashboards, against a naive Voila dashboard, same run.

The workbook is served as `roundtable serve` serves it; the naive baseline (bench/naive/: pandas,
a plotly FigureWidget and a refresh thread) by a stock Voila. For each, first one real Chromium
page (its bytes, its time to content, the files it fetched), then N simulated viewers
(bench/viewer.py) arriving evenly over ``VIEWERS_ARRIVAL`` seconds per 100 viewers. Reported
per N, as workbook / naive: time until each viewer has content (p50, p95, max), bytes per first
and repeat visit, kernel RSS/USS, total memory, CPU per arrival, idle CPU per viewer and
websocket bytes per idle minute, update latency to every page (p50, p95), kernels left after the
tabs close.

Environment (defaults are the full run that bench/RESULTS.md records):
  VIEWERS_N=1,10,25,50,100   viewer counts; VIEWERS_N=1,10 is the quick run for development
  VIEWERS_NAIVE_MAX=100      the naive dashboard's kernels take ~175 MB each (RSS): not beyond this
                             N, nor beyond what this machine's free memory holds
  VIEWERS_ARRIVAL=30         seconds over which 100 viewers arrive (scaled down for fewer)
  VIEWERS_IDLE=20            seconds of idle measurement
  VIEWERS_HOLD=0             seconds to hold every viewer connected afterwards (600: the
                             "100 viewers for 10 minutes, no kernel lost" target)
  VIEWERS_CHROMIUM=1         0 skips the Chromium validation pages
  VIEWERS_WARM=10            the workbook's warm kernels (`roundtable serve --warm-kernels`)
Only 127.0.0.1 is ever contacted; Chromium resolves no other host name.
"""

import asyncio
import dataclasses
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil

from bench.viewer import Cache, Viewer
from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo
from roundtable_lib.serving.processes import interrupt  # Ctrl-C and SIGTERM stop every server started here
from roundtable_lib.serving.serve import ServePlan

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CULL = 30  # the workbook's --cull-seconds in this benchmark


def _env_list(name, default):
    return [int(x) for x in os.environ.get(name, default).split(",") if x.strip()]


def _free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The workbook's Voila (as `roundtable serve`) or the naive baseline's stock Voila."""

    def __init__(self, system, db, folder, max_viewers, warm=0, voila=None):
        """``voila``: fields of the workbook's VoilaCommand to change (``{"transport": "tcp"}``)."""
        self.system, self.port, self.token = system, _free_port(), secrets.token_urlsafe(12)
        self.warm = warm if system == "workbook" else 0
        self.log = open(Path(folder) / f"{system}-voila.log", "a+")  # noqa: SIM115 - closed in stop()
        if system == "workbook":
            plan = ServePlan(
                db=db,
                voila_port=self.port,
                voila_host="127.0.0.1",
                lab=False,
                max_viewers=max_viewers,
                warm_kernels=self.warm,
                cull_seconds=CULL,
                voila_token=self.token,
            )
            command = dataclasses.replace(plan.voila(), **(voila or {})).argv()
            env, self.page = plan.env(), "live.ipynb"
        else:
            command = [
                sys.executable,
                "-m",
                "voila",
                str(ROOT / "bench" / "naive"),
                "--no-browser",
                "--Voila.ip=127.0.0.1",
                f"--port={self.port}",
                "--Voila.port_retries=0",
                f"--token={self.token}",
            ]
            env, self.page = dict(os.environ, ROUNDTABLE_DB=str(db)), "dashboard.ipynb"
        self.proc = subprocess.Popen(command, env=env, stdout=self.log, stderr=self.log)
        self.base = f"http://127.0.0.1:{self.port}"
        self.ps = psutil.Process(self.proc.pid)
        deadline = time.monotonic() + 120
        import urllib.request

        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/", timeout=5).close()
                break
            except Exception:  # noqa: BLE001
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{system} Voila exited; see {self.log.name}") from None
                time.sleep(0.3)
        self.wait_for_kernels(self.warm)

    def wait_for_kernels(self, count, timeout=180):
        """Until ``count`` kernels run (the warm ones started ahead of viewers, once replaced)."""
        deadline = time.monotonic() + timeout
        while len(self.kernels()) < count and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(1)  # the last one finishes its imports

    def kernels(self):
        found = []
        for p in self.ps.children(recursive=True):
            try:
                if "ipykernel" in " ".join(p.cmdline()):
                    found.append(p)
            except psutil.Error:
                pass
        return found

    def cpu(self):
        """CPU seconds of the server and its kernels, living and ended."""
        t = self.ps.cpu_times()
        total = t.user + t.system + t.children_user + t.children_system
        for p in self.ps.children(recursive=True):
            try:
                c = p.cpu_times()
                total += c.user + c.system
            except psutil.Error:
                pass
        return total

    def memory(self):
        rss, uss = [], []
        for p in self.kernels():
            try:
                info = p.memory_full_info()
                rss.append(info.rss)
                uss.append(info.uss)
            except psutil.Error:
                pass
        server = self.ps.memory_info().rss
        return {
            "kernel_rss": _mean(rss),
            "kernel_uss": _mean(uss),
            "total": server + sum(rss),
            "total_uss": server + sum(uss),
        }

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def _mean(values):
    return sum(values) / len(values) if values else 0


def _pct(values, q):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


# ------------------------------------------------------------------ one real Chromium page


def chromium_visit(server, page):
    """First and repeat visit of ``page`` in Debian's Chromium: bytes, time to content, the
    static files fetched (for the simulated viewers), websocket frames until content."""
    from playwright.sync_api import sync_playwright

    selector = ".rt-dashboard" if server.system == "workbook" else ".js-plotly-plot"
    url = f"{server.base}/voila/render/{page}{'&' if '?' in page else '?'}token={server.token}"
    result = {}
    with sync_playwright() as p:
        # Every host name but 127.0.0.1 resolves to nothing (a stock Voila page names a CDN).
        # Not Playwright's request routing: that would switch the browser's cache off.
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        )
        context = browser.new_context(viewport={"width": 390, "height": 844})
        tab = context.new_page()
        cdp = context.new_cdp_session(tab)
        cdp.send("Network.enable")
        responses, sizes, frames = {}, {}, {"in": 0, "out": 0}
        cdp.on("Network.responseReceived", lambda e: responses.__setitem__(e["requestId"], e["response"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
        cdp.on("Network.webSocketFrameReceived", lambda e: frames.__setitem__("in", frames["in"] + 1))
        cdp.on("Network.webSocketFrameSent", lambda e: frames.__setitem__("out", frames["out"] + 1))
        for visit in ("first", "repeat"):
            responses.clear()
            sizes.clear()
            frames.update({"in": 0, "out": 0})
            start = time.monotonic()
            tab.goto(url, timeout=300_000)
            tab.wait_for_selector(selector, timeout=300_000)
            result[f"{visit}_content_s"] = time.monotonic() - start
            time.sleep(3)  # late files and the first ticks
            result[f"{visit}_bytes"] = sum(sizes.values())
            result[f"{visit}_ws_frames"] = dict(frames)
            if visit == "first":
                prefix = len(server.base)
                result["assets"] = sorted(
                    {
                        u[prefix:].split("?token=")[0]
                        for u in responses.values()
                        if u.startswith(server.base) and "/voila/render/" not in u and "/api/kernels/" not in u
                    }
                )
        ARTIFACTS.mkdir(exist_ok=True)
        shot = page.split(".")[0] + ("-projector" if "projector" in page else "")
        tab.screenshot(path=str(ARTIFACTS / f"viewers-bench-{server.system}-{shot}.png"))
        browser.close()
    return result


# ------------------------------------------------------------------ N simulated viewers


async def _arrive(server, n, assets, arrival_s, idle_s, hold_s, db):
    viewers = [Viewer(server.base, server.page, server.token, assets, cache=Cache(), timeout=600) for _ in range(n)]
    resting = len(server.kernels())  # warm kernels waiting for viewers
    cpu0, t0 = server.cpu(), time.monotonic()
    server_cpu0 = sum(server.ps.cpu_times()[:2])

    async def one(i, viewer):
        await asyncio.sleep(i * arrival_s / max(1, n))
        return await viewer.open()

    visits = await asyncio.gather(*(one(i, v) for i, v in enumerate(viewers)))
    arrival_cpu = server.cpu() - cpu0
    server_cpu = sum(server.ps.cpu_times()[:2]) - server_cpu0
    out = {"n": n, "errors": [v.error for v in visits if v.error][:3], "failed": sum(1 for v in visits if v.error)}
    content = [v.content_seconds for v in visits if not v.error]
    out.update(content_p50=_pct(content, 0.5), content_p95=_pct(content, 0.95), content_max=max(content, default=None))
    out["last_content_after_start"] = max((v.content_at - t0 for v in visits if v.content_at), default=None)
    out["first_visit_bytes"] = _mean([v.http_bytes for v in visits if not v.error])
    out["ws_bytes_to_content"] = _mean([v.ws_at_content for v in visits if not v.error])
    out["cpu_per_arrival"] = arrival_cpu / n
    out["server_cpu_per_arrival"] = server_cpu / n  # the Voila process alone (one thread serves all)
    out.update(server.memory())
    out["kernels"] = len(server.kernels()) - resting
    if server.warm:
        # Used warm kernels are replaced once arrivals pause: that work is part of an arrival's
        # cost too, only off its path. Idle is measured once it is done.
        await asyncio.to_thread(server.wait_for_kernels, resting + n)
        out["cpu_per_arrival_replaced"] = (server.cpu() - cpu0) / n

    # Idle: nothing changes; the pages keep ticking.
    await asyncio.sleep(2)
    wires0 = [v.wire_bytes() for v in viewers]
    cpu0 = server.cpu()
    await asyncio.sleep(idle_s)
    idle_cpu = server.cpu() - cpu0
    wires1 = [v.wire_bytes() for v in viewers]
    out["idle_cpu_per_viewer"] = idle_cpu / idle_s / n
    out["idle_cpu_total"] = idle_cpu / idle_s
    out["idle_ws_bytes_per_min"] = _mean(
        [(b[0] + b[1] - a[0] - a[1]) * 60 / idle_s for a, b in zip(wires0, wires1, strict=True)]
    )

    # An update: a chair captures an item; how long until every page shows it?
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
    out["update_missed"] = sum(1 for x in latency if x is None)
    out.update(update_p50=_pct(latency, 0.5), update_p95=_pct(latency, 0.95))

    if hold_s:
        before = len(server.kernels())
        await asyncio.sleep(hold_s)
        out["hold_s"] = hold_s
        out["hold_kernels_lost"] = before - len(server.kernels())
        out["hold_pages_lost"] = sum(1 for v in viewers if v.ws is None or v.ws.protocol is None)

    # A repeat visit (the same phone, its cache warm) and, for the workbook, another dashboard.
    again = Viewer(server.base, server.page, server.token, assets, cache=viewers[0].cache, timeout=600)
    await again.open()
    out["repeat_visit_bytes"] = again.visit.http_bytes
    await again.close()
    if server.system == "workbook":
        other = Viewer(server.base, "summary.ipynb", server.token, assets, cache=viewers[0].cache, timeout=600)
        await other.open()
        out["other_dashboard_bytes"] = other.visit.http_bytes
        await other.close()

    # The tabs close (the page's beforeunload asks Voila to shut its kernel down).
    await asyncio.gather(*(v.close() for v in viewers))
    await asyncio.sleep(CULL + 15)
    out["kernels_left"] = len(server.kernels()) - resting
    return out


def measure(system, n, assets, folder, db, settings):
    server = Server(system, db, folder, max_viewers=n + 10, warm=settings["warm"])
    try:
        arrival = settings["arrival"] * n / 100
        return asyncio.run(_arrive(server, n, assets, arrival, settings["idle"], settings["hold"], db))
    finally:
        server.stop()


# ------------------------------------------------------------------ the run and its report

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
    ("kernels left after tabs closed", "kernels_left", 1),
]


def _fmt(value, scale):
    if value is None:
        return "-"
    value = value * scale
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"


def report(results, chromium, settings):
    lines = [
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: VIEWERS_N={settings['ns']} "
        f"arrival {settings['arrival']} s per 100, idle {settings['idle']} s, hold {settings['hold']} s, "
        f"workbook warm kernels {settings.get('warm', 0)}",
        "",
        "| N | metric | workbook | naive | ratio |",
        "|---|---|---|---|---|",
    ]
    for n in settings["ns"]:
        w, nv = results["workbook"].get(n, {}), results["naive"].get(n, {})
        for label, key, scale in ROWS:
            a, b = w.get(key), nv.get(key)
            ratio = f"{a / b:.2f}" if isinstance(a, int | float) and isinstance(b, int | float) and b else ""
            lines.append(f"| {n} | {label} | {_fmt(a, scale)} | {_fmt(b, scale)} | {ratio} |")
        if "other_dashboard_bytes" in w:
            lines.append(
                f"| {n} | another dashboard, warm cache (KB) | {_fmt(w['other_dashboard_bytes'], 1 / 1024)} | | |"
            )
        if "hold_s" in w:
            lines.append(
                f"| {n} | held {w['hold_s']} s: kernels lost / pages lost "
                f"| {w['hold_kernels_lost']} / {w['hold_pages_lost']} | | |"
            )
        if w.get("errors") or nv.get("errors"):
            lines.append(f"| {n} | errors | {w.get('errors')} | {nv.get('errors')} | |")
    lines += ["", "Chromium (one real page, the simulated viewer of N=1 beside it):", ""]
    lines += ["| | workbook | naive |", "|---|---|---|"]
    others = [k for k in chromium.get("workbook", {}) if k.startswith("first_bytes ")]
    for key in ("first_content_s", "first_bytes", *others, "repeat_bytes", "first_ws_frames", "repeat_ws_frames"):
        lines.append(
            f"| Chromium {key} | {chromium.get('workbook', {}).get(key, '-')} "
            f"| {chromium.get('naive', {}).get(key, '-')} |"
        )
    for system in ("workbook", "naive"):
        one = results[system].get(1)
        if one and system in chromium:
            ratio = one["first_visit_bytes"] / max(1, chromium[system]["first_bytes"])
            lines.append(f"| simulated/Chromium first-visit bytes ({system}) | {ratio:.2f} | |")
    return "\n".join(lines)


def run():
    import signal

    signal.signal(signal.SIGTERM, interrupt)
    settings = {
        "ns": _env_list("VIEWERS_N", "1,10,25,50,100"),
        "naive_max": int(os.environ.get("VIEWERS_NAIVE_MAX", "100")),
        "arrival": float(os.environ.get("VIEWERS_ARRIVAL", "30")),
        "idle": float(os.environ.get("VIEWERS_IDLE", "20")),
        "hold": float(os.environ.get("VIEWERS_HOLD", "0")),
        "warm": int(os.environ.get("VIEWERS_WARM", "10")),
    }
    results, chromium = {"workbook": {}, "naive": {}}, {}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        with Store(db, actor="chair:bench") as store:
            store.init(load_meeting(ROOT / "data" / "meeting.yaml"))
            fill_demo(store)
        for system in ("workbook", "naive"):
            server = Server(system, db, folder, max_viewers=20, warm=settings["warm"])
            try:
                if os.environ.get("VIEWERS_CHROMIUM", "1") != "0":
                    chromium[system] = chromium_visit(server, server.page)
                    assets = chromium[system].pop("assets")
                    print(f"  {system}: Chromium {json.dumps(chromium[system])}", flush=True)
                    if system == "workbook":  # the other first visits a participant can make
                        for other in ("synergies.ipynb", "live.ipynb?view=projector", "index.ipynb?lang=th"):
                            seen = chromium_visit(server, other)
                            chromium[system][f"first_bytes {other}"] = seen["first_bytes"]
                            print(f"  {system}: Chromium {other} first visit {seen['first_bytes']} bytes", flush=True)
                else:
                    assets = []
            finally:
                server.stop()
            for n in settings["ns"]:
                if system == "naive" and n > settings["naive_max"]:
                    continue
                if system == "naive" and n * 175 * 2**20 > 0.85 * psutil.virtual_memory().available:
                    print(f"  naive N={n} not run: its kernels would not fit in free memory", flush=True)
                    continue
                results[system][n] = measure(system, n, assets, folder, db, settings)
                print(f"  {system} N={n}: {json.dumps(results[system][n], default=str)}", flush=True)
        text = report(results, chromium, settings)
    print(text)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "viewers-bench.md").write_text(text + "\n")
    return all(not r.get("failed") for system in results.values() for r in system.values())
