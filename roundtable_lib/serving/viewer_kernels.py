"""Voila's kernel managers for the participants' dashboards: at most ``max_kernels`` viewers.

One viewer is one kernel (tens of MB). A closed tab's page asks Voila to shut its kernel down
(:mod:`roundtable_lib.serving.voila_app` honours the request, which stock Voila refuses:
https://github.com/voila-dashboards/voila/issues/1458); when that request is lost, the page's
heartbeats stop with the tab, and the idle culling configured by ``roundtable serve``
(``cull_idle_timeout``) reclaims its kernel. :class:`ViewerKernelManager` adds the cap: a flood
of page requests gets a clear "too many viewers, retry shortly" page (HTTP 503, drawn from
``503.html`` of the ``roundtable`` Voila template) instead of exhausting the laptop's memory.
And it keeps a kernel whose page has not connected yet: a slow phone may take longer than the
idle timeout to load the page's JavaScript, and would otherwise find its kernel culled ("Kernel
does not exist") and never render. A kernel whose page never connects (a plain GET, a
bot, a link preview) cannot hold a place for long either: when the cap is reached, the oldest
such kernel older than ``unconnected_timeout`` gives its place to the new viewer.

Warm kernels: starting a kernel and importing the library is most of a viewer's arrival cost
(about half a second of CPU each), which is what makes the last of 100 phones arriving together
wait. ``warm_kernels`` kernels are kept started, with ``warm_code`` (the dashboards' imports)
already run, and a viewer gets one of them: Voila then runs the dashboard on it as on a new
kernel. Only the request's own environment (``QUERY_STRING``, the request URL, ...) is set
first, in ``os.environ``, from where the dashboard reads it as on a new kernel. Used kernels
are replaced once arrivals pause (``warm_quiet_seconds``) and every recent arrival's page has
connected, so refilling does not compete with a burst; warm kernels are never culled and are
not counted as viewers.

Workers: each Voila worker of ``roundtable serve --workers N`` runs a
:class:`WorkerKernelManager`, whose kernel ids name the worker, so that nginx can route a
kernel's traffic to the process that holds it.

Voila loads these classes in its own process through
``--VoilaConfiguration.multi_kernel_manager_class``
(:class:`~roundtable_lib.serving.voila_command.VoilaCommand` names them); nothing else of the
workbook imports them. May import: jupyter_server, tornado, traitlets, zmq; nothing of the workbook.
"""

import asyncio
import os
import time
import uuid

import zmq
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from tornado.ioloop import IOLoop
from traitlets import Float, Int, Unicode

# Each viewer's kernel holds about five ZeroMQ sockets in Voila's process (its page's channels,
# the server's activity watch, the notebook's execution), and a socket two or three file
# descriptors. ZeroMQ allows 1,023 sockets per context by default and a Debian session 1,024
# open files: one Voila process failed past ~200 viewers with "Too many open files"
# (bench/RESULTS.md). Both limits are raised when the manager starts.
ZMQ_MAX_SOCKETS = 32768
OPEN_FILES = 65536


def raise_open_files_limit(wanted=OPEN_FILES):
    """Raise this process's soft limit of open files towards ``wanted`` (never past the hard
    limit, which needs no privilege); returns the soft limit now in force."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


WARM_ATTEMPTS = 3  # warm kernels failing to warm up in a row before they are switched off
WARM_RETRY_SECONDS = 10

TOO_MANY = "Too many viewers right now. Please retry shortly. / ขณะนี้มีผู้ชมมากเกินไป กรุณาลองใหม่อีกครั้งในอีกสักครู่"


class ViewerKernelManager(AsyncMappingKernelManager):
    """Refuses to start a kernel beyond ``max_kernels`` running or starting ones."""

    max_kernels = Int(40, config=True, help="Most dashboard kernels at once (0: no limit).")

    connect_grace_seconds = Int(
        600, config=True, help="Seconds a kernel waits for its page's first connection before it may be culled."
    )

    unconnected_timeout = Int(
        30,
        config=True,
        help="When every place is taken, a kernel whose page has not connected for this many seconds "
        "(a plain GET, a bot, a link preview, or a phone that gave up) gives its place to a new viewer.",
    )

    warm_kernels = Int(0, config=True, help="Kernels kept started, the library imported, for the next viewers.")

    warm_code = Unicode(
        "import roundtable_lib.dashboards, roundtable_lib.store",
        config=True,
        help="Run (silently) in every warm kernel before a viewer gets it.",
    )

    warm_path = Unicode("", config=True, help="API path of the dashboards' folder, where warm kernels run.")

    warm_kernel_name = Unicode("python3", config=True, help="Kernel spec of the dashboards.")

    warm_quiet_seconds = Float(
        2.0, config=True, help="Used warm kernels are replaced once no viewer has arrived for this long."
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._starting = 0
        self._waiting = {}  # kernel id -> when it started, until its page first connects
        self._warm = []  # ids of warm kernels, oldest first
        self._warming_ids = set()  # warm kernels starting or importing
        self._in_progress = set()  # viewers' kernels listed but still starting or being handed over
        self._warm_failed = False
        self._warm_failures = 0  # in a row; WARM_ATTEMPTS of them switch warm kernels off
        self._last_arrival = 0.0
        self._refill_task = None
        raise_open_files_limit()
        if self.context.get(zmq.MAX_SOCKETS) < ZMQ_MAX_SOCKETS:
            self.context.set(zmq.MAX_SOCKETS, ZMQ_MAX_SOCKETS)
        if self.warm_kernels > 0:
            IOLoop.current().add_callback(self._schedule_refill)
        IOLoop.current().add_callback(self._prepare_provisioner)

    async def _prepare_provisioner(self):
        """Let the kernels' provisioner get ready before the first viewer (the forked kernels'
        template imports the library now, not while the first phone waits)."""
        from jupyter_client.provisioning import KernelProvisionerFactory

        factory = KernelProvisionerFactory.instance(parent=self)
        entry = factory.provisioners.get(factory.default_provisioner_name)
        prepare = getattr(entry.load(), "prepare", None) if entry is not None else None
        if prepare is not None:
            try:
                await prepare(self.log)
            except Exception as error:  # noqa: BLE001 - kernels still start; the provisioner logged why
                self.log.debug("Provisioner not prepared: %s", error)

    # -- warm kernels ---------------------------------------------------------------------------

    def _schedule_refill(self):
        if self.warm_kernels > 0 and not self._warm_failed and (self._refill_task is None or self._refill_task.done()):
            self._refill_task = asyncio.ensure_future(self._refill())

    async def _refill(self):
        while len(self._warm) + len(self._warming_ids) < self.warm_kernels and not self._warm_failed:
            now = time.monotonic()
            quiet = self.warm_quiet_seconds - (now - self._last_arrival)
            # Not while viewers are still arriving: a page whose kernel started recently has not
            # connected yet (its phone is loading it), and the CPU is theirs.
            loading = self._starting or any(now - t < self.unconnected_timeout for t in self._waiting.values())
            if quiet > 0 or loading:
                await asyncio.sleep(max(quiet, 0.5))
                continue
            kernel_id = await self._start_warm_kernel()
            if kernel_id is not None:
                self._warm.append(kernel_id)
            elif not self._warm_failed:
                await asyncio.sleep(WARM_RETRY_SECONDS)  # a busy machine, say: try again later

    async def _start_warm_kernel(self):
        kernel_id = self.new_kernel_id()
        self._warming_ids.add(kernel_id)
        try:
            await super().start_kernel(
                kernel_id=kernel_id, path=self.warm_path, kernel_name=self.warm_kernel_name, env=dict(os.environ)
            )
            await self._run_quietly(kernel_id, self.warm_code)
            self.log.info("Warm viewer kernel ready: %s", kernel_id)
            self._warm_failures = 0
            return kernel_id
        except Exception as error:  # one clear line; viewers still get kernels started for them
            self._warm_failures += 1
            if self._warm_failures >= WARM_ATTEMPTS:
                self._warm_failed = True
                self.log.error("Warm kernels switched off: %d in a row failed to warm up (%s)", WARM_ATTEMPTS, error)
            else:
                self.log.warning("A warm kernel failed to warm up (%s): trying again shortly", error)
            await self._discard(kernel_id)
            return None
        finally:
            self._warming_ids.discard(kernel_id)

    async def _discard(self, kernel_id):
        """Shut down a kernel that failed us, if it is still there."""
        if kernel_id in self:
            try:
                await self.shutdown_kernel(kernel_id, now=True)
            except Exception:  # noqa: BLE001 - it may have gone meanwhile
                pass

    async def _run_quietly(self, kernel_id, code, timeout=120):
        client = self.get_kernel(kernel_id).client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=timeout)
            reply = await client.execute(code, silent=True, store_history=False, reply=True, timeout=timeout)
        finally:
            client.stop_channels()
        if reply["content"].get("status") != "ok":
            raise RuntimeError(f"{reply['content'].get('ename', 'error')}: {reply['content'].get('evalue', '')}")

    async def _take_warm(self, path, kwargs):
        """A warm kernel set up with this request's environment, or None."""
        env = kwargs.get("env") or {}
        if (path or "") != self.warm_path or kwargs.get("kernel_name", self.warm_kernel_name) != self.warm_kernel_name:
            return None
        while self._warm:
            kernel_id = self._warm.pop(0)
            if kernel_id not in self:
                continue
            # From now on it is a viewer's kernel whose page has not connected yet: the culler
            # leaves it alone for connect_grace_seconds, as it does a kernel started for a viewer.
            self._waiting[kernel_id] = time.monotonic()
            request_env = {str(k): str(v) for k, v in env.items() if os.environ.get(k) != v}
            self._in_progress.add(kernel_id)
            try:  # repr() of str keys and values is a Python literal: nothing in a URL can run here
                await self._run_quietly(kernel_id, f"import os as _o; _o.environ.update({request_env!r}); del _o", 10)
            except Exception as error:
                self.log.warning("Warm kernel %s not usable (%s): starting one for this viewer", kernel_id, error)
                self._waiting.pop(kernel_id, None)
                await self._discard(kernel_id)
                continue
            finally:
                self._in_progress.discard(kernel_id)
            return kernel_id
        return None

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        if kernel_id in self._warm:
            self._warm.remove(kernel_id)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)

    # -- viewers --------------------------------------------------------------------------------

    def notify_connect(self, kernel_id):
        # jupyter_server calls this when a websocket to the kernel opens.
        self._waiting.pop(kernel_id, None)
        return super().notify_connect(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id):
        if kernel_id in self._warm or kernel_id in self._warming_ids:
            return  # waiting for a viewer, not idle
        started = self._waiting.get(kernel_id)
        if started is not None and kernel_id in self:
            if self._kernel_connections.get(kernel_id, 0):
                self._waiting.pop(kernel_id, None)
            elif time.monotonic() - started < self.connect_grace_seconds:
                return  # its page is still on its way
        return await super().cull_kernel_if_idle(kernel_id)

    def remove_kernel(self, kernel_id):
        self._waiting.pop(kernel_id, None)
        return super().remove_kernel(kernel_id)

    async def _make_room(self):
        """Shut down the oldest kernel whose page never connected, if it waited long enough.
        A slow phone keeps its kernel (``connect_grace_seconds``) unless the places run out."""
        now = time.monotonic()
        stale = [
            (started, kid)
            for kid, started in self._waiting.items()
            if kid in self and not self._kernel_connections.get(kid, 0) and now - started >= self.unconnected_timeout
        ]
        if not stale:
            return False
        _, kernel_id = min(stale)
        self.log.warning("Viewer kernel %s gives its place to a new viewer: its page never connected", kernel_id)
        self._waiting.pop(kernel_id, None)
        await self.shutdown_kernel(kernel_id)
        return True

    async def start_kernel(self, *, kernel_id=None, path=None, **kwargs):
        if kernel_id is None or kernel_id not in self:
            self._last_arrival = time.monotonic()
            # Viewers: kernels running or starting for one. Warm kernels are not viewers yet. A
            # kernel is listed before it has finished starting (or while it is handed over): it
            # is counted once, as a start in progress. Counted twice, simultaneous arrivals were
            # refused, or unconnected pages evicted, well below the cap.
            not_viewers = set(self._warm) | self._warming_ids | self._in_progress
            running = sum(k not in not_viewers for k in self.list_kernel_ids()) + self._starting
            if self.max_kernels and running >= self.max_kernels and not await self._make_room():
                self.log.warning(
                    "Refused a dashboard viewer: %d kernels already (max_kernels=%d)", running, self.max_kernels
                )
                raise web.HTTPError(503, TOO_MANY, reason="Too many viewers")
        # Count kernels still starting: concurrent requests would otherwise all pass the check.
        self._starting += 1
        try:
            started = await self._take_warm(path, kwargs) if kernel_id is None else None
            if started is None:
                new_id = kernel_id or self.new_kernel_id()
                self._in_progress.add(new_id)
                try:
                    started = await super().start_kernel(kernel_id=new_id, path=path, **kwargs)
                finally:
                    self._in_progress.discard(new_id)
            if kernel_id is None:
                self._waiting[started] = time.monotonic()
            return started
        finally:
            self._starting -= 1
            self._last_arrival = time.monotonic()
            self._schedule_refill()


class WorkerKernelManager(ViewerKernelManager):
    """The viewer cap of :class:`ViewerKernelManager`, with kernel ids that name this worker:
    nginx routes every kernel URL to its worker by the id's first three characters."""

    worker = Int(0, config=True, help="This worker's number: the first three characters of its kernels' ids.")

    def new_kernel_id(self, **kwargs):
        random = uuid.uuid4().hex
        # Still the 8-4-4-4-12 shape the Jupyter server's URL patterns expect (\w+-\w+-...).
        return f"w{self.worker:02d}{random[:5]}-{random[5:9]}-{random[9:13]}-{random[13:17]}-{random[17:29]}"
