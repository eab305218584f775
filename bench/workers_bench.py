"""Viewers across workers: `roundtable serve --workers W` (nginx in front) against one Voila process, same run.

The same simulated viewers as bench/viewers_bench.py (bench/viewer.py: the page, its static files,
its kernel websocket and ticks; measured by bench/arrivals.py), arriving at the participants'
address: once at one Voila process (as `roundtable serve` runs it), once at W Voila workers behind
nginx (as `roundtable serve --workers W` runs it). Reported per N as W workers / one process: time
until each viewer has content, memory, CPU per arrival, idle CPU, update latency, failures.

Environment:
  WORKERS_N=100,300    viewer counts (comma-separated); a count whose kernels would not fit in
                       this machine's free memory (KERNEL_MB each) is skipped, and the report says so
  WORKERS_W=4          workers
  WORKERS_BASELINE=1   0 skips the one-process baseline (when it is known from an earlier run)
  VIEWERS_WARM=10      warm kernels, all workers together (split as --warm-kernels splits them)
  VIEWERS_ARRIVAL, VIEWERS_IDLE, VIEWERS_HOLD as in bench/viewers_bench.py
"""

import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from bench.arrivals import ROWS, arrive
from bench.common import ARTIFACTS, CULL, ROOT, env_list, fmt
from bench.viewers_bench import Server
from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo
from roundtable_lib.serving.processes import free_local_port, interrupt

KERNEL_MB = 55  # a dashboard kernel's own memory (USS), measured by bench/viewers_bench.py (~50 MB)


class WorkersServer(Server):
    """`roundtable serve --no-lab --workers W` as a process: nginx, W Voila workers and their kernels."""

    def __init__(self, workers, db, folder, max_viewers, warm=0):
        self.system, self.port, self.page = f"{workers} workers", free_local_port(), "live.ipynb"
        self.warm = warm
        self.log = open(Path(folder) / f"workers-{workers}.log", "a+")  # noqa: SIM115 - closed in stop()
        self.log.seek(0, 2)
        since = self.log.tell()  # the log is shared by every count: read only this server's lines
        command = [sys.executable, "-m", "roundtable_lib", "serve", "--db", str(db), "--no-lab"]
        command += ["--host", "127.0.0.1", "--voila-port", str(self.port), "--workers", str(workers)]
        command += ["--max-viewers", str(max_viewers), "--cull-seconds", str(CULL), "--warm-kernels", str(warm)]
        self.proc = subprocess.Popen(
            command, stdout=self.log, stderr=self.log, env={**os.environ, "PYTHONUNBUFFERED": "1"}
        )
        self.ps = psutil.Process(self.proc.pid)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            with open(self.log.name, encoding="utf-8", errors="replace") as log:
                log.seek(since)
                printed = log.read()
            if "Press Ctrl-C" in printed:
                self.token = re.search(r"/voila/render/index\.ipynb\?token=(\S+)", printed).group(1)
                self.wait_for_kernels(self.warm)
                return
            if self.proc.poll() is not None:
                raise RuntimeError(f"roundtable serve --workers exited; see {self.log.name}")
            time.sleep(0.3)
        raise RuntimeError(f"roundtable serve --workers did not start; see {self.log.name}")

    def memory(self):
        """As for one process, plus every Voila worker and nginx (they are not the serve process)."""
        out = super().memory()
        kernels = {p.pid for p in self.kernels()}
        for p in self.ps.children(recursive=True):
            try:
                if p.pid not in kernels:
                    info = p.memory_full_info()
                    out["total"] += info.rss
                    out["total_uss"] += info.uss
            except psutil.Error:
                pass
        return out


def measure(server, n, settings, db):
    try:
        arrival = settings["arrival"] * n / 100
        return asyncio.run(arrive(server, n, [], arrival, settings["idle"], settings["hold"], db))
    finally:
        server.stop()


def report(results, settings):
    w = settings["workers"]
    lines = [
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: WORKERS_N={settings['ns']} WORKERS_W={w} "
        f"arrival {settings['arrival']} s per 100, idle {settings['idle']} s, hold {settings['hold']} s",
        "",
        f"| N | metric | {w} workers + nginx | 1 process | ratio |",
        "|---|---|---|---|---|",
    ]
    lines[1:1] = [f"- {line}" for line in settings.get("skipped", [])]
    for n in settings["ns"]:
        if n not in results["workers"]:
            continue
        a_row, b_row = results["workers"].get(n, {}), results["one"].get(n, {})
        for label, key, scale in ROWS:
            a, b = a_row.get(key), b_row.get(key)
            ratio = f"{a / b:.2f}" if isinstance(a, int | float) and isinstance(b, int | float) and b else ""
            lines.append(f"| {n} | {label} | {fmt(a, scale)} | {fmt(b, scale)} | {ratio} |")
        if a_row.get("errors") or b_row.get("errors"):
            lines.append(f"| {n} | errors | {a_row.get('errors')} | {b_row.get('errors')} | |")
    return "\n".join(lines)


def run():
    import signal

    signal.signal(signal.SIGTERM, interrupt)
    settings = {
        "ns": env_list("WORKERS_N", "100,300"),
        "workers": int(os.environ.get("WORKERS_W", "4")),
        "arrival": float(os.environ.get("VIEWERS_ARRIVAL", "30")),
        "idle": float(os.environ.get("VIEWERS_IDLE", "20")),
        "hold": float(os.environ.get("VIEWERS_HOLD", "0")),
        "warm": int(os.environ.get("VIEWERS_WARM", "10")),
    }
    results = {"workers": {}, "one": {}}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        with Store(db, actor="chair:bench") as store:
            store.init(load_meeting(ROOT / "data" / "meeting.yaml"))
            fill_demo(store)
        for n in settings["ns"]:
            free_mb = psutil.virtual_memory().available / 2**20
            if (n + settings["warm"]) * KERNEL_MB > 0.85 * free_mb:
                settings.setdefault("skipped", []).append(
                    f"N={n} not run: {n} kernels need ~{n * KERNEL_MB / 1024:.0f} GB, this machine has "
                    f"{free_mb / 1024:.0f} GB free"
                )
                print(f"  {settings['skipped'][-1]}", flush=True)
                continue
            server = WorkersServer(settings["workers"], db, folder, max_viewers=n + 10, warm=settings["warm"])
            results["workers"][n] = measure(server, n, settings, db)
            print(
                f"  {settings['workers']} workers N={n}: {json.dumps(results['workers'][n], default=str)}", flush=True
            )
            if os.environ.get("WORKERS_BASELINE", "1") != "0":
                one = Server("workbook", db, folder, max_viewers=n + 10, warm=settings["warm"])
                results["one"][n] = measure(one, n, settings, db)
                print(f"  one process N={n}: {json.dumps(results['one'][n], default=str)}", flush=True)
        text = report(results, settings)
    print(text)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "workers-bench.md").write_text(text + "\n")
    return all(not r.get("failed") for system in results.values() for r in system.values())
