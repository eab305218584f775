"""Bursts: viewers arriving all at once, burst after burst; every one gets content, no kernel dies at start.

The issue behind this: kernels started together over TCP raced for ports ("ZMQ Address already
in use") and a viewer's page never completed, in 3 of about 9 bursts of 25-50. The workbook's
Voila (as `roundtable serve` runs it: kernels over Unix sockets, warm kernels) takes
``BURSTS_COUNT`` bursts of ``BURSTS_SIZE`` simulated viewers (bench/viewer.py) arriving at the
same instant; after each burst the tabs close and the kernels go. The baseline, same run, is the
same Voila with kernels over TCP and no warm kernels (how it ran before), for ``BURSTS_BASELINE``
bursts. Reported: viewers without content, kernel deaths and port races in the servers' logs,
time until the last viewer of a burst has content (median and worst burst), CPU per arrival.

Environment:
  BURSTS_COUNT=20     bursts for the workbook
  BURSTS_SIZE=50      viewers per burst
  BURSTS_BASELINE=5   bursts for the TCP baseline (0: none)
  VIEWERS_WARM=10     the workbook's warm kernels
"""

import asyncio
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import ARTIFACTS, ROOT
from bench.viewer import Viewer
from bench.viewers_bench import Server
from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo
from roundtable_lib.serving.processes import interrupt

DEATHS = ("Address already in use", "died", "KernelDiedError", "Kernel restarted", "restarting kernel")


def _wait_for_at_most(server, count, timeout=120):
    deadline = time.monotonic() + timeout
    while len(server.kernels()) > count and time.monotonic() < deadline:
        time.sleep(0.5)


async def _burst(server, size):
    viewers = [Viewer(server.base, server.page, server.token, timeout=600) for _ in range(size)]
    t0 = time.monotonic()
    visits = await asyncio.gather(*(v.open() for v in viewers))
    done = [v for v in visits if not v.error and v.states]
    last = max((v.content_at - t0 for v in done), default=None)
    await asyncio.gather(*(v.close() for v in viewers))  # the tabs close: their kernels shut down
    return {"failed": size - len(done), "last": last, "errors": [v.error for v in visits if v.error][:2]}


def measure(server, bursts, size):
    resting = len(server.kernels())
    out = {"bursts": bursts, "arrivals": bursts * size, "failed": 0, "lasts": [], "errors": [], "cpu": 0.0}
    for n in range(bursts):
        cpu0 = server.cpu()
        result = asyncio.run(_burst(server, size))
        out["cpu"] += server.cpu() - cpu0
        out["failed"] += result["failed"]
        out["errors"] += result["errors"]
        if result["last"] is not None:
            out["lasts"].append(result["last"])
        _wait_for_at_most(server, resting)  # closed tabs' kernels are gone
        server.wait_for_kernels(resting)  # used warm kernels replaced
        print(f"    burst {n + 1}/{bursts}: {json.dumps(result)}", flush=True)
    server.log.flush()
    log = Path(server.log.name).read_text()
    out["deaths"] = sum(log.count(marker) for marker in DEATHS)
    out["last_median"] = statistics.median(out["lasts"]) if out["lasts"] else None
    out["last_worst"] = max(out["lasts"], default=None)
    out["cpu_per_arrival"] = out.pop("cpu") / out["arrivals"]
    out["tcp_warnings"] = log.count("without encryption")
    return out


def report(results, settings):
    lines = [
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: {settings['count']} bursts of "
        f"{settings['size']} viewers (workbook, warm kernels {settings['warm']}); baseline "
        f"{settings['baseline']} bursts (kernels over TCP, no warm kernels)",
        "",
        "| metric | workbook | baseline: TCP, no warm kernels |",
        "|---|---|---|",
    ]
    rows = [
        ("bursts", "bursts"),
        ("arrivals", "arrivals"),
        ("viewers without content", "failed"),
        ("kernel deaths / port races in the log", "deaths"),
        ("'running over TCP without encryption' warnings", "tcp_warnings"),
        ("last viewer of a burst has content, median burst (s)", "last_median"),
        ("last viewer of a burst has content, worst burst (s)", "last_worst"),
        ("CPU per arrival (s)", "cpu_per_arrival"),
    ]
    a, b = results.get("workbook", {}), results.get("baseline", {})
    for label, key in rows:
        fa, fb = a.get(key, "-"), b.get(key, "-")
        fa = f"{fa:.2f}" if isinstance(fa, float) else fa
        fb = f"{fb:.2f}" if isinstance(fb, float) else fb
        lines.append(f"| {label} | {fa} | {fb} |")
    if a.get("errors") or b.get("errors"):
        lines.append(f"| errors | {a.get('errors', [])[:3]} | {b.get('errors', [])[:3]} |")
    return "\n".join(lines)


def run():
    import signal

    signal.signal(signal.SIGTERM, interrupt)
    settings = {
        "count": int(os.environ.get("BURSTS_COUNT", "20")),
        "size": int(os.environ.get("BURSTS_SIZE", "50")),
        "baseline": int(os.environ.get("BURSTS_BASELINE", "5")),
        "warm": int(os.environ.get("VIEWERS_WARM", "10")),
    }
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        with Store(db, actor="chair:bench") as store:
            store.init(load_meeting(ROOT / "data" / "meeting.yaml"))
            fill_demo(store)
        runs = [("workbook", settings["count"], settings["warm"], {})]
        if settings["baseline"]:
            runs.append(("baseline", settings["baseline"], 0, {"transport": "tcp"}))
        for name, bursts, warm, voila in runs:
            logs = Path(folder) / name  # one log per run: deaths are counted in it
            logs.mkdir()
            server = Server("workbook", db, logs, max_viewers=settings["size"] + 10, warm=warm, voila=voila)
            try:
                print(f"  {name}: {bursts} bursts of {settings['size']}", flush=True)
                results[name] = measure(server, bursts, settings["size"])
                print(f"  {name}: {json.dumps(results[name], default=str)}", flush=True)
            finally:
                server.stop()
        text = report(results, settings)
    print(text)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bursts-bench.md").write_text(text + "\n")
    return not results["workbook"]["failed"] and not results["workbook"]["deaths"]
