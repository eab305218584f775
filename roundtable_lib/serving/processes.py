"""The child processes of ``roundtable serve``: checking their ports, starting them so that they
stop with it, waiting until they listen, and stopping them.

``roundtable serve`` (:mod:`roundtable_lib.serving.serve`) and ``roundtable serve --workers N``
(:mod:`roundtable_lib.serving.workers`) run their servers (JupyterLab, Voila, nginx) through
these helpers, and the benchmarks stop theirs the same way.

May import: the standard library and :mod:`roundtable_lib.exceptions`.
"""

import contextlib
import os
import signal
import socket
import subprocess
import time

from roundtable_lib.exceptions import RoundtableError

# What stops `roundtable serve` like Ctrl-C: Ctrl-C itself (handled explicitly, since a process
# started in the background by a shell inherits SIGINT ignored, and Python then never raises
# KeyboardInterrupt for it), `kill`, a closed terminal.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def interrupt(_signum, _frame):
    """A signal handler that stops the program as Ctrl-C does (raises KeyboardInterrupt)."""
    raise KeyboardInterrupt


def port_free(host, port):
    """Whether a server could listen on ``host:port`` now."""
    with socket.socket() as s:
        try:
            s.bind((host if host != "0.0.0.0" else "", port))
        except OSError:
            return False
    return True


def free_local_port():
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def running_as_root():
    """Whether this process runs as root (containers and CI machines do): JupyterLab must then be
    told it may, and nginx's worker process drops to ``nobody``."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def check_ports_free(listeners):
    """Refuse to start, with a message the organiser can act on, when one of ``listeners``
    (``(host, port, what)`` triples) is taken: a second `roundtable serve`, say."""
    for host, port, what in listeners:
        if not port_free(host, port):
            raise RoundtableError(
                f"Port {port} for {what} is already in use: stop the other server or choose another port."
            )


def wait_until_listening(procs, ports, timeout=120):
    """Return once something listens on each of ``ports`` on 127.0.0.1, so that the addresses
    are printed only when the first click works; fail if one of ``procs`` stops meanwhile."""
    deadline = time.monotonic() + timeout
    waiting = set(ports)
    while waiting and time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            raise RoundtableError("A server stopped while starting; see its messages above.")
        for port in list(waiting):
            with socket.socket() as s:
                s.settimeout(0.5)
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    waiting.discard(port)
        time.sleep(0.3)


def wait_while_running(procs):
    """Return as soon as one of ``procs`` has stopped."""
    while all(p.poll() is None for p in procs):
        time.sleep(0.5)


@contextlib.contextmanager
def stopped_together():
    """A list to put started servers in; they are all stopped when the block ends, whether it
    returns, fails, or is stopped by Ctrl-C, `kill` or a closed terminal (which end the block
    quietly: that is how the organiser stops `roundtable serve`).

    `kill`, a closed terminal or a CI timeout must stop every server too, not leave them serving
    the meeting's data with nobody watching: they are treated like Ctrl-C while the block runs."""
    procs = []
    previous = {sig: signal.signal(sig, interrupt) for sig in STOP_SIGNALS}
    try:
        yield procs
    except KeyboardInterrupt:
        pass
    finally:
        stop(procs)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def stop(procs, timeout=10):
    """Stop every process of ``procs`` still running. SIGTERM: Jupyter servers stop at once
    (SIGINT would ask to confirm), and nginx shuts down fast; one that has not stopped ``timeout``
    seconds later is killed, and collected (no zombie left behind)."""
    for p in procs:
        if p.poll() is None:
            p.terminate()
    deadline = time.monotonic() + timeout
    for p in procs:
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                p.wait(timeout=10)
