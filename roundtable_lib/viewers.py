"""Voila's kernel manager for the participants' dashboards: at most ``max_kernels`` viewers.

One viewer is one kernel (tens of MB). Voila 0.5 does not shut a kernel down when its tab
closes (voila#1458); the dashboards' browser-driven tick stops with the tab, so the idle culling
configured by ``roundtable serve`` (``cull_idle_timeout``) reclaims it. This class adds the cap:
a flood of page requests gets a clear "too many viewers, retry shortly" page (HTTP 503, drawn
from ``503.html`` of the ``roundtable`` Voila template) instead of exhausting the laptop's
memory. And it keeps a kernel whose page has not connected yet: a slow phone may take longer
than the idle timeout to load the page's JavaScript, and would otherwise find its kernel culled
("Kernel does not exist") and never render. A kernel whose page never connects (a plain GET, a
bot, a link preview) cannot hold a place for long either: when the cap is reached, the oldest
such kernel older than ``unconnected_timeout`` gives its place to the new viewer. Voila loads it in its own process
through ``--VoilaConfiguration.multi_kernel_manager_class``; nothing else imports it.
"""

import time

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Int

TOO_MANY = "Too many viewers right now. Please retry shortly. / ขณะนี้มีผู้ชมมากเกินไป กรุณาลองใหม่อีกครั้งในอีกสักครู่"


def cull_timing(seconds):
    """``(cull_idle_timeout, cull_interval)`` so that a closed tab's place is free within ``seconds``.

    The culler looks every ``interval`` seconds and shuts down kernels idle for longer than
    ``idle``, so a place comes free up to ``idle + interval`` seconds after the tab's last tick,
    plus the kernel's shutdown: keep all of it within ``seconds`` (120 gives 105 + 10 + 5 s of
    margin; ``idle=120, interval=30`` freed it after 146 s)."""
    seconds = max(1, int(seconds))
    interval = max(1, min(10, seconds // 10))
    margin = min(5, seconds // 6)
    return max(1, seconds - interval - margin), interval


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

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._starting = 0
        self._waiting = {}  # kernel id -> when it started, until its page first connects

    def notify_connect(self, kernel_id):
        # jupyter_server calls this when a websocket to the kernel opens.
        self._waiting.pop(kernel_id, None)
        return super().notify_connect(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id):
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
            running = len(self.list_kernel_ids()) + self._starting
            if self.max_kernels and running >= self.max_kernels and not await self._make_room():
                self.log.warning(
                    "Refused a dashboard viewer: %d kernels already (max_kernels=%d)", running, self.max_kernels
                )
                raise web.HTTPError(503, TOO_MANY, reason="Too many viewers")
        # Count kernels still starting: concurrent requests would otherwise all pass the check.
        self._starting += 1
        try:
            started = await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)
            if kernel_id is None:
                self._waiting[started] = time.monotonic()
            return started
        finally:
            self._starting -= 1
