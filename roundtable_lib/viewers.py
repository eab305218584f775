"""Voila's kernel manager for the participants' dashboards: at most ``max_kernels`` viewers.

One viewer is one kernel (tens of MB). Voila 0.5 does not shut a kernel down when its tab
closes (voila#1458); the dashboards' browser-driven tick stops with the tab, so the idle culling
configured by ``roundtable serve`` (``cull_idle_timeout``) reclaims it. This class adds the cap:
a flood of page requests gets a clear "too many viewers, retry shortly" page (HTTP 503, drawn
from ``503.html`` of the ``roundtable`` Voila template) instead of exhausting the laptop's
memory. Voila loads it in its own process through
``--VoilaConfiguration.multi_kernel_manager_class``; nothing else imports it.
"""

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado import web
from traitlets import Int

TOO_MANY = "Too many viewers right now. Please retry shortly. / ขณะนี้มีผู้ชมมากเกินไป กรุณาลองใหม่อีกครั้งในอีกสักครู่"


class ViewerKernelManager(AsyncMappingKernelManager):
    """Refuses to start a kernel beyond ``max_kernels`` running or starting ones."""

    max_kernels = Int(40, config=True, help="Most dashboard kernels at once (0: no limit).")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._starting = 0

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
            return await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)
        finally:
            self._starting -= 1
