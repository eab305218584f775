"""Starting the two servers of a meeting: JupyterLab for chairs, Voila for participants.

They are separate processes on purpose. Voila serves only ``notebooks/dashboards/`` and, unlike
JupyterLab, drops a browser's requests to execute code; running the dashboards inside the
chairs' JupyterLab (as its server extension) would expose the chairs' notebooks and kernels.

Voila (:mod:`roundtable_lib.serving.voila_app`, started as
:mod:`roundtable_lib.serving.voila_command` describes) runs with the workbook's template
(``roundtable``: Voila's lab template without its CDN links, the venue has no internet), a kernel
manager that caps the number of viewers (:mod:`roundtable_lib.serving.viewer_kernels`), and idle
culling: a closed tab's page asks for its kernel's shutdown, and should that request be lost,
the page's heartbeats (:mod:`roundtable_lib.display.tick`) stop with the tab, so its kernel goes
idle and is shut down within ``cull_seconds``.

May import: :mod:`roundtable_lib.exceptions` and, of :mod:`roundtable_lib.serving`, the process
helpers, the Voila command, the content policy and the dashboards' pooler; never ``voila_app`` or
``viewer_kernels``, which run in Voila's process (the command lines name them), so `roundtable
serve` starts without loading Voila or the Jupyter server.
"""

import json
import os
import re
import secrets
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.serving import lab_folder, pooler
from roundtable_lib.serving.content_policy import jupyterlab_tornado_settings
from roundtable_lib.serving.processes import (
    check_ports_free,
    running_as_root,
    stopped_together,
    wait_until_listening,
    wait_while_running,
)
from roundtable_lib.serving.voila_command import CONNECT_GRACE_SECONDS, VoilaCommand, forked_kernels_wanted

SHARE = Path(__file__).resolve().parents[1] / "share" / "jupyter"
LAB_SETTINGS = SHARE / "lab" / "settings"  # overrides.json: the chairs' JupyterLab defaults


def project_root():
    """The folder holding ``notebooks/``: the source checkout, else the working directory."""
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "notebooks" / "dashboards").is_dir():
        return checkout
    return Path.cwd()


def addresses_from_ip(text):
    """IPv4 addresses in ``ip -4 -o addr show scope global`` output, private (venue) ranges first."""
    import ipaddress

    found = []
    for line in text.splitlines():
        match = re.search(r"\binet (\d+\.\d+\.\d+\.\d+)/", line)
        if match:
            found.append(ipaddress.ip_address(match.group(1)))
    return [str(a) for a in sorted(found, key=lambda a: not a.is_private)]


def lan_address():
    """This machine's address as phones on the venue's network would use it (best guess; the
    organiser can say it with `roundtable serve --address`). It asks the system, it sends nothing.

    The host name alone is not enough: on most Debian laptops it resolves to 127.0.1.1."""
    try:
        listing = subprocess.run(
            ["ip", "-4", "-o", "addr", "show", "scope", "global"], capture_output=True, text=True, timeout=5
        ).stdout
        found = addresses_from_ip(listing)
        if found:
            return found[0]
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            if not info[4][0].startswith("127."):
                return info[4][0]
    except OSError:
        pass
    return "127.0.0.1"


@dataclass
class ServePlan:
    """What `roundtable serve` was asked for: the database, both servers' addresses and tokens,
    and the participants' limits (viewers, warm kernels, culling)."""

    db: Path
    lab_port: int = 8888
    voila_port: int = 8866
    voila_host: str = "0.0.0.0"
    address: str = ""  # the address participants type or scan; found by lan_address() when empty
    lab: bool = True
    # JupyterLab runs code: it listens on this computer only, unless the organiser lets breakout
    # rapporteurs in over the venue network (still with its token).
    chairs_lan: bool = False
    max_viewers: int = 40
    # Kernels started ahead, the library imported: the first viewers of a burst (the QR code on
    # the projector) get content sooner. Each holds ~65 MB while it waits, so they are off
    # unless asked for (`--warm-kernels N`; 10 for a room).
    warm_kernels: int = 0
    cull_seconds: int = 120
    connect_grace_seconds: int = CONNECT_GRACE_SECONDS
    # Viewer kernels forked from a warm template (--forked-kernels) or started the ordinary way
    # (--ordinary-kernels); neither said, ROUNDTABLE_FORKED_KERNELS or the default decides.
    forked_kernels: bool = field(default_factory=forked_kernels_wanted)
    lab_token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    voila_token: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    root: Path = field(default_factory=project_root)

    @property
    def lab_host(self):
        return "0.0.0.0" if self.chairs_lan else "127.0.0.1"

    @property
    def db_address(self):
        """The database as the servers' kernels are given it: a server's URL, or an absolute path."""
        return str(self.db) if "://" in str(self.db) else str(Path(self.db).resolve())

    def env(self):
        env = dict(os.environ)
        env["ROUNDTABLE_DB"] = self.db_address
        # Voila finds the `roundtable` template in the Jupyter data path.
        env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(SHARE), env.get("JUPYTER_PATH", "")) if p)
        # The landing page's QR code: the address phones on the venue network can open.
        env["ROUNDTABLE_PUBLIC_URL"] = self.voila_url("index.ipynb")
        return env

    @property
    def lab_folder(self):
        """The chairs' JupyterLab's folder for this database (workspaces, page style; see
        :mod:`roundtable_lib.serving.lab_folder`)."""
        return lab_folder.lab_folder(self.db_address)

    def prepare_lab(self):
        """Write the lab folder's default workspace and page style (before starting JupyterLab)."""
        return lab_folder.prepare(self.lab_folder, chair_notebooks=self.chair_notebooks())

    def chair_notebooks(self):
        """The chairs' notebooks (and the organisers' review), by name, in the agenda's order."""
        return sorted(p.name for p in (self.root / "notebooks").glob("*.ipynb"))

    def chair_urls(self):
        """``(notebook, address)`` for each chair's notebook: the address opens it alone, in a
        workspace of its own (see :func:`~roundtable_lib.serving.lab_folder.prepare`)."""
        base = self.lab_url().split("/lab?", 1)[0]
        return [
            (nb, f"{base}/lab/workspaces/{lab_folder.chair_workspace(nb)}/tree/{nb}?token={self.lab_token}")
            for nb in self.chair_notebooks()
        ]

    def lab_command(self):
        # The custom/ folder that LabApp.custom_css serves is the server's static_custom_path,
        # not a configurable option: the tornado settings override it.
        tornado_settings = json.loads(jupyterlab_tornado_settings())
        tornado_settings["static_custom_path"] = [str(self.lab_folder / "custom")]
        return [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--ServerApp.ip={self.lab_host}",
            f"--ServerApp.port={self.lab_port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.lab_token}",
            f"--ServerApp.root_dir={self.root / 'notebooks'}",
            # Dashboards are Voila's job, in its own process (see the module docstring).
            '--ServerApp.jpserver_extensions={"voila.server_extension": False}',
            # Chairs capture through notebooks; a shell on the organisers' laptop is not needed.
            "--ServerApp.terminals_enabled=False",
            # The venue has no internet: don't ask it for news or updates.
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            # Defaults for this JupyterLab only (the user's own settings still win): no news
            # toast, no update check, autosave every 5 s (no "Save your work?" on closing a
            # tab), the kernel starts without a dialog. See share/jupyter/lab/settings/.
            f"--LabApp.app_settings_dir={LAB_SETTINGS}",
            # This meeting's tabs only, and a page style that keeps code and widget errors off a
            # chair's screen (see lab_folder; prepare_lab writes both).
            f"--LabApp.workspaces_dir={self.lab_folder / 'workspaces'}",
            "--LabApp.custom_css=True",
            # Pages may load and send nothing beyond this server.
            f"--ServerApp.tornado_settings={json.dumps(tornado_settings)}",
        ] + (["--ServerApp.allow_root=True"] if running_as_root() else [])

    def voila(self):
        """The participants' Voila, as :class:`~roundtable_lib.serving.voila_command.VoilaCommand`
        (``serve --workers`` derives each worker's from it)."""
        return VoilaCommand(
            dashboards=self.root / "notebooks" / "dashboards",
            token=self.voila_token,
            ip=self.voila_host,
            port=self.voila_port,
            max_kernels=self.max_viewers,
            warm_kernels=self.warm_kernels,
            cull_seconds=self.cull_seconds,
            connect_grace_seconds=self.connect_grace_seconds,
            forked_kernels=self.forked_kernels,
        )

    def voila_command(self):
        """The participants' Voila's command line (what `roundtable serve` runs)."""
        return self.voila().argv()

    def lab_listener(self):
        """Where JupyterLab will listen, as :func:`~roundtable_lib.serving.processes.check_ports_free`
        takes it (nothing when the chairs' server is not wanted)."""
        return [(self.lab_host, self.lab_port, "JupyterLab")] if self.lab else []

    def lab_url(self):
        host = "127.0.0.1" if self.lab_host in ("127.0.0.1", "localhost") else (self.address or lan_address())
        return f"http://{host}:{self.lab_port}/lab?token={self.lab_token}"

    def voila_url(self, page="index.ipynb", host=None):
        host = host or self.address or (lan_address() if self.voila_host in ("0.0.0.0", "") else self.voila_host)
        return f"http://{host}:{self.voila_port}/voila/render/{page}?token={self.voila_token}"


def terminal_qr(url):
    """``url`` as a QR code drawn with block characters, for the organiser's terminal."""
    import io

    import segno

    buffer = io.StringIO()
    segno.make(url, error="m").terminal(out=buffer, compact=True)
    return buffer.getvalue().rstrip("\n")


def announce(plan, out):
    """Print where the chairs and the participants connect, and the participants' QR code."""
    out("")
    db = plan.db_address
    if "://" in db:  # a PostgreSQL address: never print its password
        import sqlalchemy as sa

        db = sa.engine.make_url(db).render_as_string(hide_password=True)
    out(f"Database: {db}")
    if plan.lab:
        where = "venue network, token required" if plan.chairs_lan else "this computer only"
        out(f"Chairs (JupyterLab, {where}): {plan.lab_url()}")
        out("Each chair's own notebook (opens alone, whatever another chair left open):")
        for notebook, url in plan.chair_urls():
            out(f"  {notebook.removesuffix('.ipynb')}: {url}")
    out(f"Participants (dashboards, read-only): {plan.voila_url()}")
    out("Participants can scan this code:")
    out(terminal_qr(plan.voila_url()))
    out("Press Ctrl-C to stop both servers.")


def serve(plan, out=print):
    """Start the servers of ``plan``, print their addresses, and wait until interrupted."""
    check_ports_free([(plan.voila_host, plan.voila_port, "Voila")] + plan.lab_listener())
    env = plan.env()
    # On PostgreSQL the dashboards reach the database through a pooler (chairs directly).
    with stopped_together() as procs, pooler.for_dashboards(plan.db_address, procs, out) as dashboards_db:
        procs.append(subprocess.Popen(plan.voila_command(), env=dict(env, ROUNDTABLE_DB=dashboards_db)))
        if plan.lab:
            plan.prepare_lab()
            procs.append(subprocess.Popen(plan.lab_command(), env=env))
        wait_until_listening(procs, [plan.voila_port] + ([plan.lab_port] if plan.lab else []))
        announce(plan, out)
        wait_while_running(procs)
        if any(p.poll() not in (None, 0) for p in procs):
            raise RoundtableError("A server stopped unexpectedly; see its messages above.")
