"""Viewer kernels forked from a warm template (roundtable_lib.serving.forked_kernels and
kernel_template): each is a normal kernel to jupyter_client (interrupt, shutdown), shares no
descriptor, socket, database connection or random state with the template or another kernel,
sees captures made after the template started, and stays read-only on the dashboards' side.

The slow tests start real kernels through jupyter_client's own provisioner lookup (a kernel
spec naming ``roundtable-forked``, as Voila's command line does through its default), and a real
Voila serving a dashboard from forked kernels.
"""

import asyncio
import json
import os
import signal
import sys
import time

import pytest

from roundtable_lib.serving import forked_kernels, voila_command
from roundtable_lib.serving.forked_kernels import ForkedProvisioner, Template, ipykernel_arguments
from roundtable_lib.serving.voila_command import FORKED, VoilaCommand, forked_kernels_wanted

# -- quick: the switch and the command line ----------------------------------------------------


FLAG = f"--KernelProvisionerFactory.default_provisioner_name={FORKED}"


def test_the_environment_says_1_or_0_and_anything_else_is_the_default(tmp_path, monkeypatch):
    for default in (False, True):  # switching the default is the one constant
        monkeypatch.setattr(voila_command, "DEFAULT_FORKED_KERNELS", default)
        for said in (None, "", "  ", "maybe"):
            assert forked_kernels_wanted({} if said is None else {"ROUNDTABLE_FORKED_KERNELS": said}) is default
        for said in ("1", "yes", "true", " ON "):
            assert forked_kernels_wanted({"ROUNDTABLE_FORKED_KERNELS": said}) is True
        for said in ("0", "no", "false", "Off"):
            assert forked_kernels_wanted({"ROUNDTABLE_FORKED_KERNELS": said}) is False
    common = dict(
        dashboards=tmp_path, token="t", ip="127.0.0.1", port=1, max_kernels=4, warm_kernels=0, cull_seconds=30,
        connect_grace_seconds=60,
    )  # fmt: skip
    assert FLAG not in VoilaCommand(**common, forked_kernels=False).argv()
    assert FLAG in VoilaCommand(**common, forked_kernels=True).argv()
    monkeypatch.delenv("ROUNDTABLE_FORKED_KERNELS", raising=False)
    monkeypatch.setattr(voila_command, "DEFAULT_FORKED_KERNELS", True)
    assert FLAG in VoilaCommand(**common).argv()  # the default reaches the command line


@pytest.mark.parametrize("environment", [None, "0", "1"])
def test_serve_forked_and_ordinary_kernels_win_over_the_environment(db_path, monkeypatch, environment):
    from roundtable_lib.cli import build_parser, serve_plan
    from roundtable_lib.serving.workers import Workers

    if environment is None:
        monkeypatch.delenv("ROUNDTABLE_FORKED_KERNELS", raising=False)
    else:
        monkeypatch.setenv("ROUNDTABLE_FORKED_KERNELS", environment)
    from_environment = forked_kernels_wanted()
    for options, forked in (([], from_environment), (["--forked-kernels"], True), (["--ordinary-kernels"], False)):
        plan = serve_plan(build_parser().parse_args(["serve", *options]), db_path)
        assert plan.forked_kernels is forked, options
        assert (FLAG in plan.voila_command()) is forked, options
        # Each worker of --workers N is started the same way.
        assert all((FLAG in Workers(plan, 2).worker_command(i)) is forked for i in range(2)), options
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--forked-kernels", "--ordinary-kernels"])


def test_only_ipykernel_is_forked():
    assert ipykernel_arguments(["/v/bin/python", "-m", "ipykernel_launcher", "-f", "c.json"]) == ["-f", "c.json"]
    assert ipykernel_arguments(["/usr/bin/R", "--slave", "-f", "c.json"]) is None
    assert ipykernel_arguments(["/v/bin/python", "-m", "other_kernel", "-f", "c.json"]) is None


def test_the_provisioner_is_registered_under_the_name_voila_is_given():
    from jupyter_client.provisioning import KernelProvisionerFactory

    entries = KernelProvisionerFactory.instance().get_provisioner_entries()
    assert entries.get(FORKED) == "roundtable_lib.serving.forked_kernels:ForkedProvisioner"


def test_a_module_missing_from_the_environment_does_not_stop_the_template(capsys):
    import gc

    from roundtable_lib.serving.kernel_template import warm_up

    try:
        warm_up(("json", "no_such_module_for_the_template"))
    finally:
        gc.unfreeze()  # this is the test process, not a template
    assert "no_such_module_for_the_template not preloaded" in capsys.readouterr().err


def test_a_kernel_is_watched_even_past_descriptor_1023():
    # Voila raises its limit of open files and holds thousands with hundreds of viewers; select()
    # refuses a descriptor numbered past 1023, and a viewer got an error page.
    import resource

    from roundtable_lib.serving.forked_kernels import ForkedKernel

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip("this machine allows fewer than 1200 open files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200), hard))
    held = []
    try:
        while not held or held[-1] < 1100:
            held.append(os.open(os.devnull, os.O_RDONLY))
        this_process = ForkedKernel(os.getpid())  # a living process, its pidfd past 1023
        assert this_process._pidfd is None or this_process._pidfd > 1023
        assert this_process.poll() is None
        if this_process._pidfd is not None:
            held.append(this_process._pidfd)
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


# -- slow: real kernels from a real template ---------------------------------------------------

PROBE = """
import json, os, random, threading
def _fd_targets():
    out = {}
    for fd in os.listdir('/proc/self/fd'):
        try:
            out[int(fd)] = os.readlink(f'/proc/self/fd/{fd}')
        except OSError:
            pass
    return out
from roundtable_lib.store import Store
_store = Store(os.environ['ROUNDTABLE_DB'], readonly=True, public=True, actor='dashboard')
_texts = [i.get('text_en') for i in _store.items()]
try:
    _store.add_item('s1', 'recommendation', text_en='from a viewer')
    _write = 'accepted'
except Exception as error:
    _write = type(error).__name__
print(json.dumps({'pid': os.getpid(), 'ppid': os.getppid(), 'pgid': os.getpgid(0), 'random': random.random(),
                  'fds': _fd_targets(), 'threads': len(threading.enumerate()), 'texts': _texts, 'write': _write}))
"""


def _kernel_spec_dir(tmp_path):
    """A kernel spec like the environment's python3, naming the forked provisioner (what
    --KernelProvisionerFactory.default_provisioner_name does for every spec in Voila)."""
    spec = tmp_path / "kernels" / "forked"
    spec.mkdir(parents=True, exist_ok=True)
    kernel = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "forked",
        "language": "python",
        "metadata": {"kernel_provisioner": {"provisioner_name": FORKED}},
    }
    (spec / "kernel.json").write_text(json.dumps(kernel))
    return spec.parent


async def _start(tmp_path, db):
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    specs = KernelSpecManager(kernel_dirs=[str(_kernel_spec_dir(tmp_path))])
    km = AsyncKernelManager(kernel_name="forked", kernel_spec_manager=specs, transport="ipc")
    km.connection_file = str(tmp_path / f"kernel-{time.monotonic_ns()}.json")
    await km.start_kernel(env={**os.environ, "ROUNDTABLE_DB": str(db)}, cwd=str(tmp_path))
    client = km.client()
    client.start_channels()
    await client.wait_for_ready(timeout=60)
    return km, client


async def _run(client, code, timeout=60):
    out = []

    def hook(msg):
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            out.append(f"ERROR {msg['content']['ename']}")

    await client.execute_interactive(code, output_hook=hook, timeout=timeout)
    return "".join(out)


async def _probe(client):
    return json.loads((await _run(client, PROBE)).strip().splitlines()[-1])


def _fds_of(pid):
    out = {}
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            out[int(fd)] = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            pass
    return out


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie has ended
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture
def template(monkeypatch):
    fresh = Template()
    monkeypatch.setattr(ForkedProvisioner, "template", fresh)
    yield fresh
    if fresh.process is not None and fresh.process.returncode is None:
        fresh.process.kill()


def _asyncio(coroutine_function, template):
    """asyncio.run in a thread of its own (Playwright's sync API may hold the main thread's
    loop); the template stops with the loop that started it."""
    import concurrent.futures

    async def run():
        try:
            return await coroutine_function()
        finally:
            await template.stop()

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(run())).result()


@pytest.mark.slow
def test_forked_kernels_share_nothing_with_the_template_or_each_other(fresh_store, tmp_path, template):
    async def scenario():
        first_km, first = await _start(tmp_path, fresh_store.path)
        # A capture made after the template started (and imported the library) is seen.
        fresh_store.add_item("s1", "recommendation", text_en="captured after the template started")
        second_km, second = await _start(tmp_path, fresh_store.path)
        try:
            a, b = await _probe(first), await _probe(second)
            template_fds = _fds_of(template.pid)
            with open(f"/proc/{template.pid}/status") as status:
                template_threads = int(next(x for x in status if x.startswith("Threads:")).split()[1])
            return a, b, template_fds, template_threads
        finally:
            for km, client in ((first_km, first), (second_km, second)):
                client.stop_channels()
                await km.shutdown_kernel(now=True)

    a, b, template_fds, template_threads = _asyncio(scenario, template)
    # Both are the template's children, each in a session of its own (an interrupt reaches one).
    assert a["ppid"] == b["ppid"] == template.pid != os.getpid()
    assert a["pgid"] == a["pid"] != b["pgid"] == b["pid"]
    # The template holds no thread (so no lock can be held across the fork) and no database file.
    assert template_threads == 1
    assert not any(str(fresh_store.path) in target for target in template_fds.values())

    # Nothing beyond stdin/stdout/stderr is inherited: every socket and pipe of a kernel is its
    # own (they are named by inode). Events and polls all read "anon_inode:[...]": the template
    # holds none, so a kernel's were made by the kernel.
    def own(fds):
        return {target for fd, target in fds.items() if int(fd) > 2 and target.startswith(("socket:", "pipe:"))}

    assert len(own(a["fds"])) >= 5 and len(own(b["fds"])) >= 5  # ZeroMQ's channels at least
    assert not own(a["fds"]) & own(b["fds"])
    assert not own(a["fds"]) & set(template_fds.values())
    assert not any(t.startswith("anon_inode:") for t in template_fds.values())
    assert any(str(fresh_store.path) in t for t in a["fds"].values())  # each opened the database itself
    assert a["random"] != b["random"]
    assert "captured after the template started" in a["texts"] and "captured after the template started" in b["texts"]
    assert a["write"] == b["write"] == "ReadOnlyStore"


@pytest.mark.slow
def test_a_forked_kernel_is_interrupted_and_shut_down_like_any_kernel(fresh_store, tmp_path, template):
    async def scenario():
        km, client = await _start(tmp_path, fresh_store.path)
        pid = km.provisioner.pid
        running = asyncio.ensure_future(_run(client, "import time; time.sleep(60)", timeout=90))
        await asyncio.sleep(1.5)
        started = time.monotonic()
        await km.interrupt_kernel()
        interrupted = await running
        took = time.monotonic() - started
        alive_after_interrupt = await km.is_alive()
        client.stop_channels()
        await km.shutdown_kernel()  # the polite way: a shutdown request, then waiting for its end
        return pid, interrupted, took, alive_after_interrupt

    pid, interrupted, took, alive = _asyncio(scenario, template)
    assert "KeyboardInterrupt" in interrupted and took < 10 and alive
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pid)


@pytest.mark.slow
def test_the_template_restarts_when_it_dies_and_its_kernels_live_on(fresh_store, tmp_path, template):
    async def scenario():
        first_km, first = await _start(tmp_path, fresh_store.path)
        old_template = template.pid
        os.kill(old_template, signal.SIGKILL)
        await template.process.wait()
        second_km, second = await _start(tmp_path, fresh_store.path)
        try:
            return old_template, await _probe(first), await _probe(second)
        finally:
            for km, client in ((first_km, first), (second_km, second)):
                client.stop_channels()
                await km.shutdown_kernel(now=True)

    old_template, first, second = _asyncio(scenario, template)
    assert template.starts == 2 and template.pid != old_template
    assert second["ppid"] == template.pid
    assert first["write"] == "ReadOnlyStore"  # the first kernel still answers


@pytest.mark.slow
def test_without_a_template_kernels_start_the_ordinary_way_with_one_log_line(
    fresh_store, tmp_path, monkeypatch, caplog
):
    broken = Template(command=[sys.executable, "-c", "import sys; sys.exit(3)"])
    monkeypatch.setattr(ForkedProvisioner, "template", broken)

    async def scenario():
        kms = [await _start(tmp_path, fresh_store.path) for _ in range(2)]
        try:
            return [await _probe(client) for _, client in kms]
        finally:
            for km, client in kms:
                client.stop_channels()
                await km.shutdown_kernel(now=True)

    with caplog.at_level("ERROR"):
        probes = _asyncio(scenario, broken)
    assert all(p["ppid"] == os.getpid() for p in probes)  # started by this process, not forked
    lines = [r.getMessage() for r in caplog.records if "start the ordinary way" in r.getMessage()]
    assert len(lines) == 1, lines
    assert forked_kernels.RETRY_SECONDS > 0 and not broken.usable()


# -- slow: Voila serving a dashboard from forked kernels -----------------------------------------


def _template_and_kernels(voila_pid):
    """(the template's pid, its children's pids) among Voila's descendants."""
    import psutil

    for child in psutil.Process(voila_pid).children():
        if "kernel_template" in " ".join(child.cmdline()):
            return child.pid, [k.pid for k in child.children() if k.status() != psutil.STATUS_ZOMBIE]
    return None, []


@pytest.mark.slow
def test_voila_serves_a_dashboard_from_forked_kernels_and_ends_them_when_the_tab_closes(fresh_store, tmp_path):
    from bench.viewer import Viewer
    from tests.helpers import VoilaServer

    fresh_store.add_item("s1", "recommendation", text_en="Seen on the phone")
    fresh_store.set_current_session("s1")
    server = VoilaServer(
        fresh_store.path,
        tmp_path,
        warm_kernels=0,
        cull_seconds=5,
        forked_kernels=True,
    )
    try:
        # The template starts with Voila, before any viewer: the first phone does not wait for it.
        deadline = time.monotonic() + 60
        while _template_and_kernels(server.proc.pid)[0] is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _template_and_kernels(server.proc.pid) != (None, []), server.output()[-3000:]

        async def scenario():
            viewers = [Viewer(server.base, "live.ipynb", server.plan.voila_token, timeout=120) for _ in range(2)]
            visits = [await v.open() for v in viewers]
            during = _template_and_kernels(server.proc.pid)
            for v in viewers:
                await v.close()
            return visits, during

        visits, (template_pid, kernels) = _asyncio_plain(scenario)
        for visit in visits:
            assert not visit.error, visit.error + server.output()[-3000:]
            assert len(visit.states) > 5  # the dashboard's widgets arrived: the page renders
        assert template_pid and len(kernels) == 2, server.output()[-3000:]
        assert "forked from a warm template" in server.output()
        # A closed tab's kernel goes, as an ordinary one does.
        deadline = time.monotonic() + 30
        while _template_and_kernels(server.proc.pid)[1] and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _template_and_kernels(server.proc.pid)[1] == [], server.output()[-3000:]
    finally:
        server.stop()
    # Voila stopped: its template and kernels end with it.
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in [template_pid, *kernels]) and time.monotonic() < deadline:
        time.sleep(0.3)
    assert not any(_alive(pid) for pid in [template_pid, *kernels])


def _asyncio_plain(coroutine_function):
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(coroutine_function())).result()
