"""Voila's kernel manager for the participants' dashboards: at most ``max_kernels`` viewers.

One viewer is one kernel (tens of MB). Voila 0.5 does not shut a kernel down when its tab
closes (voila#1458); the dashboards' browser-driven tick stops with the tab, so the idle culling
configured by ``roundtable serve`` (``cull_idle_timeout``) reclaims it. This class adds the cap:
a flood of page requests gets a clear "too many viewers, retry shortly" page (HTTP 503, drawn
from ``503.html`` of the ``roundtable`` Voila template) instead of exhausting the laptop's
memory. Voila loads it in its own process through
``--VoilaConfiguration.multi_kernel_manager_class``; nothing else imports it.
"""

from datetime import UTC, datetime, timedelta

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

    unconnected_timeout = Int(
        30,
        config=True,
        help="Shut down a viewer's kernel whose page never connected to it (a plain GET, a bot, a "
        "link preview) after this many idle seconds, so that such requests cannot hold the places.",
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._starting = 0
        self._connected_once = set()

    def notify_connect(self, kernel_id):
        super().notify_connect(kernel_id)
        self._connected_once.add(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id):
        """A kernel whose page never connected gets ``unconnected_timeout`` idle seconds (its
        browser may still be loading the page, or it was a plain request); one whose tab
        connected and closed gets the usual ``cull_idle_timeout``."""
        kernel = self._kernels.get(kernel_id)
        self._connected_once &= set(self._kernels)
        state = getattr(kernel, "execution_state", None)
        if kernel is not None and kernel_id not in self._connected_once and state != "dead":
            if state != "busy" and hasattr(kernel, "last_activity"):
                if datetime.now(UTC) - kernel.last_activity > timedelta(seconds=self.unconnected_timeout):
                    self.log.warning("Culling viewer kernel %s: its page never connected (a plain request?)", kernel_id)
                    await self.shutdown_kernel(kernel_id)
            return
        await super().cull_kernel_if_idle(kernel_id)

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
