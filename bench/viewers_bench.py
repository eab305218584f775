"""Viewers: N phones arriving at the dashboards, against a naive Voila dashboard, same run.

The workbook is served as `roundtable serve` serves it; the naive baseline (bench/naive/: pandas,
a plotly FigureWidget and a refresh thread) by a stock Voila. For each, first one real Chromium
page (its bytes, its time to content, the files it fetched), then N simulated viewers
(bench/viewer.py, measured by bench/arrivals.py) arriving evenly over ``VIEWERS_ARRIVAL`` seconds
per 100 viewers. Reported per N, as workbook / naive: time until each viewer has content (p50,
p95, max), bytes per first and repeat visit, kernel RSS/USS, total memory, CPU per arrival, idle
CPU per viewer and websocket bytes per idle minute, update latency to every page (p50, p95),
kernels left after the tabs close.

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
from pathlib import Path

import psutil

from bench.arrivals import ROWS, arrive
from bench.common import ARTIFACTS, CULL, ROOT, env_list, fmt, mean
from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo
from roundtable_lib.serving.processes import free_local_port, interrupt  # interrupt: SIGTERM acts as Ctrl-C
from roundtable_lib.serving.serve import ServePlan


class Server:
    """The workbook's Voila (as `roundtable serve`) or the naive baseline's stock Voila."""

    def __init__(self, system, db, folder, max_viewers, warm=0, voila=None):
        """``voila``: fields of the workbook's VoilaCommand to change (``{"transport": "tcp"}``)."""
        self.system, self.port, self.token = system, free_local_port(), secrets.token_urlsafe(12)
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
            "kernel_rss": mean(rss),
            "kernel_uss": mean(uss),
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


def measure(system, n, assets, folder, db, settings):
    """One count of viewers at a fresh server of ``system``: the row of figures (bench/arrivals.py)."""
    server = Server(system, db, folder, max_viewers=n + 10, warm=settings["warm"])
    try:
        arrival = settings["arrival"] * n / 100
        return asyncio.run(arrive(server, n, assets, arrival, settings["idle"], settings["hold"], db))
    finally:
        server.stop()


# ------------------------------------------------------------------ the run and its report


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
            lines.append(f"| {n} | {label} | {fmt(a, scale)} | {fmt(b, scale)} | {ratio} |")
        if "other_dashboard_bytes" in w:
            lines.append(
                f"| {n} | another dashboard, warm cache (KB) | {fmt(w['other_dashboard_bytes'], 1 / 1024)} | | |"
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
        "ns": env_list("VIEWERS_N", "1,10,25,50,100"),
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
