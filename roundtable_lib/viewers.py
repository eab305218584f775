"""Voila's kernel manager for the participants' dashboards: at most ``max_kernels`` viewers.

One viewer is one kernel (tens of MB). Voila 0.5 does not shut a kernel down when its tab
closes (voila#1458); the dashboards' browser-driven tick stops with the tab, so the idle culling
configured by ``roundtable serve`` (``cull_idle_timeout``) reclaims it. This class adds the cap:
a flood of page requests gets a clear "too many viewers, retry shortly" page (HTTP 503, drawn
from ``503.html`` of the ``roundtable`` Voila template) instead of exhausting the laptop's
memory. And it keeps a kernel whose page has not connected yet: a slow phone may take longer
than the idle timeout to load the page's JavaScript, and would otherwise find its kernel culled
("Kernel does not exist") and never render. Voila loads it in its own process through
``--VoilaConfiguration.multi_kernel_manager_class``; nothing else imports it.
"""

import time

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Int

TOO_MANY = "Too many viewers right now. Please retry shortly. / ขณะนี้มีผู้ชมมากเกินไป กรุณาลองใหม่อีกครั้งในอีกสักครู่"


class ViewerKernelManager(AsyncMappingKernelManager):
    """Refuses to start a kernel beyond ``max_kernels`` running or starting ones."""

    max_kernels = Int(40, config=True, help="Most dashboard kernels at once (0: no limit).")

    connect_grace_seconds = Int(
        600, config=True, help="Seconds a kernel waits for its page's first connection before it may be culled."
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

    async def start_kernel(self, *, kernel_id=None, path=None, **kwargs):
        if kernel_id is None or kernel_id not in self:
            running = len(self.list_kernel_ids()) + self._starting
            if self.max_kernels and running >= self.max_kernels:
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
