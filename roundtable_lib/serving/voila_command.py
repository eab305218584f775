"""How the participants' Voila is started, as one plain data object: :class:`VoilaCommand`.

``roundtable serve`` builds one from its options (:meth:`ServePlan.voila
<roundtable_lib.serving.serve.ServePlan.voila>`), and ``roundtable serve --workers N`` derives
each worker's from that same one (:func:`dataclasses.replace`: its own port, its share of the
viewers and warm kernels, its number). :meth:`VoilaCommand.argv` is the only place that writes
Voila's command line, so the one process and the workers cannot drift apart.

May import: the standard library only. It runs in the ``roundtable`` command, which should not
pay for importing Voila or the Jupyter server (the command line names them as strings).
"""

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

APP = "roundtable_lib.serving.voila_app"  # RoundtableVoila, run with `python -m`
KERNEL_MANAGERS = "roundtable_lib.serving.viewer_kernels"
FORKED = "roundtable-forked"  # the kernel provisioner of roundtable_lib.serving.forked_kernels (an entry point)

# How long a started kernel waits for its page to connect (phones on a crowded Wi-Fi are slow).
CONNECT_GRACE_SECONDS = 600


# Whether viewer kernels are forked from a warm template when nothing says otherwise: on, since
# every dashboard, security and culling test passes with them and they cost a third of the
# memory and a quarter of the CPU of ordinary kernels (bench/RESULTS.md). `roundtable serve
# --ordinary-kernels` or ROUNDTABLE_FORKED_KERNELS=0 starts kernels the ordinary way.
DEFAULT_FORKED_KERNELS = True
FORKED_KERNELS_ON = ("1", "yes", "true", "on")
FORKED_KERNELS_OFF = ("0", "no", "false", "off")


def forked_kernels_wanted(environ=os.environ):
    """Whether viewer kernels are forked from a warm template: ``ROUNDTABLE_FORKED_KERNELS=1``
    asks for them, ``=0`` for ordinary kernels; unset (or a word it does not know), the default
    :data:`DEFAULT_FORKED_KERNELS`. ``roundtable serve --forked-kernels`` and
    ``--ordinary-kernels`` override both."""
    said = environ.get("ROUNDTABLE_FORKED_KERNELS", "").strip().lower()
    if said in FORKED_KERNELS_ON:
        return True
    if said in FORKED_KERNELS_OFF:
        return False
    return DEFAULT_FORKED_KERNELS


def forked_provisioner_installed():
    """Whether jupyter_client can find the forked kernels' provisioner: its entry point exists once
    the workbook is installed (``pip install -e .``); a checkout run without that would fail
    every kernel ("provisioner not registered")."""
    from importlib.metadata import entry_points

    return bool(entry_points(group="jupyter_client.kernel_provisioners", name=FORKED))


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


@dataclass(frozen=True)
class VoilaCommand:
    """One Voila process serving the dashboards: the one of ``roundtable serve``, or worker
    ``worker`` of ``roundtable serve --workers N`` (then only nginx talks to it)."""

    dashboards: Path  # the folder served: notebooks/dashboards/, nothing else
    token: str
    ip: str
    port: int
    max_kernels: int  # viewers at once (each a kernel); 0: no limit
    warm_kernels: int  # kernels started ahead with the library imported (~65 MB each while they wait)
    cull_seconds: int  # a closed tab's place is free within this time
    connect_grace_seconds: int  # how long a kernel waits for its page's first connection
    # Kernels talk to Voila over Unix sockets in Voila's private folder: no TCP port to race for
    # when many start at once ("ZMQ Address already in use"), nothing on the network. "tcp" is
    # only for the benchmark that measures the difference.
    transport: str = "ipc"
    worker: int | None = None  # this worker's number (its kernels' ids start with it); None: the one process
    cookie_secret: str = ""  # the workers share one, so a login cookie from one is good on all
    # Kernels forked from a warm template (roundtable_lib.serving.forked_kernels) instead of each
    # starting a Python interpreter: DEFAULT_FORKED_KERNELS unless ROUNDTABLE_FORKED_KERNELS
    # (1 or 0) in `roundtable serve`'s environment, or its --forked-kernels/--ordinary-kernels, says.
    forked_kernels: bool = field(default_factory=forked_kernels_wanted)

    @property
    def kernel_manager(self):
        """The kernel manager's class name (in :mod:`roundtable_lib.serving.viewer_kernels`)."""
        return "ViewerKernelManager" if self.worker is None else "WorkerKernelManager"

    def argv(self, python=sys.executable):
        """The command line that starts this Voila."""
        cull = max(1, int(self.cull_seconds))
        idle, interval = cull_timing(cull)
        manager = self.kernel_manager
        forked = self.forked_kernels and forked_provisioner_installed()
        if self.forked_kernels and not forked:
            print(
                f"Viewer kernels start the ordinary way: the {FORKED} provisioner is not installed (pip install -e .)",
                file=sys.stderr,
            )
        return [
            python,
            "-m",
            APP,
            str(self.dashboards),
            "--no-browser",
            f"--Voila.ip={self.ip}",
            f"--port={self.port}",
            "--Voila.port_retries=0",
            f"--token={self.token}",
            "--template=roundtable",
            # ?template=lab|classic|reveal rendered stock templates with CDN links; base hung.
            "--VoilaConfiguration.allow_template_override=NO",
            "--VoilaConfiguration.show_tracebacks=False",
            f"--VoilaConfiguration.multi_kernel_manager_class={KERNEL_MANAGERS}.{manager}",
            *([f"--{manager}.worker={self.worker}"] if self.worker is not None else []),
            f"--{manager}.max_kernels={int(self.max_kernels)}",
            f"--{manager}.warm_kernels={max(0, int(self.warm_kernels))}",
            # Kernels with an open tab are never culled (cull_connected stays False); a closed
            # tab's kernel is idle (no more heartbeats from its page) and goes within `cull` seconds.
            f"--{manager}.cull_idle_timeout={idle}",
            f"--{manager}.cull_interval={interval}",
            f"--{manager}.cull_connected=False",
            # A kernel whose page has not connected yet (a slow phone) waits this long, not `cull`.
            f"--{manager}.connect_grace_seconds={max(cull, int(self.connect_grace_seconds))}",
            f"--KernelManager.transport={self.transport}",
            *([f"--Voila.cookie_secret={self.cookie_secret}"] if self.cookie_secret else []),
            *([f"--KernelProvisionerFactory.default_provisioner_name={FORKED}"] if forked else []),
        ]
