"""Forked viewer kernels: N phones at the workbook with kernels forked from a warm template,
beside today's ordinary kernels and the naive baseline, same run.

Each system is a fresh Voila per N, served as `roundtable serve` serves it (``ordinary``: a new
interpreter per kernel; ``warm``: the same with ``FORKED_WARM`` warm kernels; ``forked``:
``ROUNDTABLE_FORKED_KERNELS=1``, kernels forked from the template of
:mod:`roundtable_lib.serving.kernel_template`), or the naive dashboard on a stock Voila
(``naive``). N simulated viewers (bench/viewer.py) arrive evenly, ``FORKED_ARRIVAL`` seconds per
100 (30: 100 in 30 s, 300 in 90 s), then the phases of bench/arrivals.py: idle, a chair's
update reaching every page, an optional hold, the tabs closing. Reported per N and system, with
the ratio forked / ordinary: kernel USS and RSS (a forked kernel's shared pages are the
template's; its USS is what it costs), server + template + kernels memory (RSS counts shared
pages once per kernel; USS counts them once, in the template), CPU per arrival, last viewer
with content, update p95, idle CPU.

Environment:
  FORKED_N=20,100                 viewer counts (the issue's targets: 100,300,1000 on a quiet machine)
  FORKED_SYSTEMS=ordinary,forked,naive   which systems, in this order
  FORKED_NAIVE_MAX=20             the naive kernels take ~170 MB each: not beyond this N
  FORKED_ARRIVAL=30               seconds over which 100 viewers arrive (scaled with N)
  FORKED_IDLE=20                  seconds of idle measurement
  FORKED_HOLD=0                   seconds every viewer stays connected (600: the 10-minute hold)
  FORKED_HOLD_N=                  only this N holds (default: every N)
  FORKED_ORDINARY_MAX=1000        ordinary kernels take ~50 MB each: not beyond this N
  FORKED_WARM=10                  warm kernels of the ``warm`` system
  FORKED_ENGINE=sqlite            or postgres: a throwaway cluster, the dashboards through PgBouncer
                                  (pool of 10); reports the server connections at peak
The whole target run on a quiet machine is one command:
  FORKED_N=100,300,1000 FORKED_NAIVE_MAX=100 FORKED_HOLD=600 .venv/bin/python -m bench forked
"""

import asyncio
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import psutil

from bench.arrivals import ROWS, arrive
from bench.common import ARTIFACTS, ROOT, env_list, fmt
from bench.postgres_bench import bench_database
from bench.viewers_bench import Server
from roundtable_lib import Store, load_meeting
from roundtable_lib.demo import fill_demo
from roundtable_lib.serving.processes import interrupt

TEMPLATE_ROWS = [
    ("template RSS (MB)", "template_rss", 1 / 2**20),
    ("template USS (MB)", "template_uss", 1 / 2**20),
    ("kernel PSS (MB)", "kernel_pss", 1 / 2**20),
    ("server + template + kernels PSS (MB)", "total_pss", 1 / 2**20),
    ("PostgreSQL server connections at peak", "server_connections_peak", 1),
]


class MeasuredServer(Server):
    """:class:`bench.viewers_bench.Server` that also sees forked kernels (children of the
    template, whose command line is the template's) and counts the template's memory once."""

    def __init__(self, system, db, folder, max_viewers, warm=0):
        forked = system == "forked"
        super().__init__(
            "workbook" if system != "naive" else "naive",
            db,
            folder,
            max_viewers,
            warm=warm if system == "warm" else 0,
            voila={"forked_kernels": True} if forked else ({"forked_kernels": False} if system != "naive" else None),
        )
        self.label = system
        if forked:
            self._wait_for_template()

    def _wait_for_template(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "forked from a warm template" in Path(self.log.name).read_text(errors="replace"):
                return
            time.sleep(0.3)
        raise RuntimeError(f"the template never got ready; see {self.log.name}")

    def template(self):
        for p in self.ps.children():
            try:
                if "kernel_template" in " ".join(p.cmdline()):
                    return p
            except psutil.Error:
                pass
        return None

    def kernels(self):
        found = super().kernels()
        template = self.template()
        if template is not None:
            found = [p for p in found if p.pid != template.pid]
            try:
                found += [k for k in template.children() if k.status() != psutil.STATUS_ZOMBIE]
            except psutil.Error:
                pass
        return found

    def cpu(self):
        """Also the CPU of descendants that ended (a forked kernel is the template's to reap)."""
        total = super().cpu()
        for p in self.ps.children(recursive=True):
            try:
                c = p.cpu_times()
                total += c.children_user + c.children_system
            except psutil.Error:
                pass
        return total

    def memory(self):
        out = super().memory()
        pss = []
        for p in self.kernels():
            try:
                pss.append(p.memory_full_info().pss)
            except psutil.Error:
                pass
        out["kernel_pss"] = sum(pss) / len(pss) if pss else None
        server = self.ps.memory_full_info().pss
        template = self.template()
        if template is not None:
            info = template.memory_full_info()
            out.update(template_rss=info.rss, template_uss=info.uss)
            out["total"] += info.rss  # RSS: the template counted like one more process
            out["total_uss"] += info.rss  # the pages the kernels share, once
            server += info.pss
        out["total_pss"] = server + sum(pss)
        return out


def measure(system, n, folder, db, settings, dashboards_db=None, watch=None):
    server = MeasuredServer(system, dashboards_db or db, folder, max_viewers=n + 10, warm=settings["warm"])
    try:
        arrival = settings["arrival"] * n / 100
        if watch is not None:
            watch.take_peak()  # this system's run only
        hold = settings["hold"] if settings["hold_n"] in (None, n) else 0
        result = asyncio.run(arrive(server, n, [], arrival, settings["idle"], hold, db))
        if watch is not None:
            result["server_connections_peak"] = watch.take_peak()
        return result
    finally:
        server.stop()


def report(results, settings, load):
    systems = settings["systems"]
    ratio = "forked" in systems and "ordinary" in systems
    lines = [
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: FORKED_N={settings['ns']} "
        f"arrival {settings['arrival']} s per 100, idle {settings['idle']} s, hold {settings['hold']} s"
        f"{'' if settings['hold_n'] is None else ' at N=' + str(settings['hold_n'])}; "
        f"load average before / after: {load[0]} / {load[1]} on {os.cpu_count()} cores",
        "",
        "| N | metric | " + " | ".join(systems) + (" | forked / ordinary |" if ratio else " |"),
        "|---|---|" + "---|" * (len(systems) + ratio),
    ]
    for n in settings["ns"]:
        for label, key, scale in ROWS + TEMPLATE_ROWS:
            values = [results[s].get(n, {}).get(key) for s in systems]
            if all(v is None for v in values):
                continue
            cells = " | ".join(fmt(v, scale) for v in values)
            extra = ""
            if ratio:
                f, o = results["forked"].get(n, {}).get(key), results["ordinary"].get(n, {}).get(key)
                extra = f" {f / o:.2f} |" if isinstance(f, int | float) and isinstance(o, int | float) and o else " |"
            lines.append(f"| {n} | {label} | {cells} |{extra}")
        errors = {s: results[s].get(n, {}).get("errors") for s in systems if results[s].get(n, {}).get("errors")}
        if errors:
            lines.append(f"| {n} | errors | {json.dumps(errors)} |")
    return "\n".join(lines)


def run():
    import signal

    signal.signal(signal.SIGTERM, interrupt)
    settings = {
        "ns": env_list("FORKED_N", "20,100"),
        "systems": [s for s in os.environ.get("FORKED_SYSTEMS", "ordinary,forked,naive").split(",") if s],
        "naive_max": int(os.environ.get("FORKED_NAIVE_MAX", "20")),
        "arrival": float(os.environ.get("FORKED_ARRIVAL", "30")),
        "idle": float(os.environ.get("FORKED_IDLE", "20")),
        "hold": float(os.environ.get("FORKED_HOLD", "0")),
        "hold_n": int(os.environ["FORKED_HOLD_N"]) if os.environ.get("FORKED_HOLD_N") else None,
        "ordinary_max": int(os.environ.get("FORKED_ORDINARY_MAX", "1000")),
        "warm": int(os.environ.get("FORKED_WARM", "10")),
    }
    results = {s: {} for s in settings["systems"]}
    load = [" ".join(f"{x:.1f}" for x in os.getloadavg())]
    # FORKED_ENGINE=postgres: the dashboards through PgBouncer, as `roundtable serve` runs them.
    with tempfile.TemporaryDirectory() as folder, bench_database(folder) as (db, dashboards_db, watch):
        with Store(db, actor="chair:bench") as store:
            store.init(load_meeting(ROOT / "data" / "meeting.yaml"))
            fill_demo(store)
        for n in settings["ns"]:
            for system in settings["systems"]:
                if system == "naive" and (n > settings["naive_max"] or watch is not None):
                    continue  # the naive dashboard reads a SQLite file
                if system == "ordinary" and n > settings["ordinary_max"]:
                    continue
                results[system][n] = measure(system, n, folder, db, settings, dashboards_db, watch)
                row = {k: v for k, v in results[system][n].items() if k != "errors"}
                print(f"  {system} N={n}: {json.dumps(row, default=str)}", flush=True)
        logs = ARTIFACTS / "forked-bench-logs"  # the servers' logs: a failed viewer's reason is there
        logs.mkdir(parents=True, exist_ok=True)
        for log in Path(folder).glob("*.log"):
            shutil.copy(log, logs / log.name)
    load.append(" ".join(f"{x:.1f}" for x in os.getloadavg()))
    text = report(results, settings, load)
    print(text)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "forked-bench.md").write_text(text + "\n")
    return all(not r.get("failed") for system in results.values() for r in system.values())
