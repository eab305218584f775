"""The servers' processes: a taken port is refused up front, and every server started in
``stopped_together`` stops with the block, however it ends."""

import contextlib
import signal
import socket
import subprocess
import sys

import pytest

from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.serving.processes import STOP_SIGNALS, check_ports_free, port_free, stop, stopped_together
from roundtable_lib.serving.serve import ServePlan, serve


def _sleeper():
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def test_a_port_another_server_holds_is_refused_before_anything_starts(db_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert not port_free("127.0.0.1", port)
        with pytest.raises(RoundtableError, match=f"Port {port} for Voila is already in use"):
            serve(ServePlan(db=db_path, voila_host="127.0.0.1", voila_port=port, lab=False))
    assert port_free("127.0.0.1", port)
    check_ports_free([("127.0.0.1", port, "Voila")])  # free again: no complaint


@pytest.mark.slow
@pytest.mark.parametrize("ending", ["ctrl-c", "error", "return"])
def test_servers_stop_with_the_block_and_the_signal_handlers_come_back(ending):
    before = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    started = []
    with pytest.raises(RoundtableError) if ending == "error" else contextlib.nullcontext():
        with stopped_together() as procs:
            procs.append(_sleeper())
            started = list(procs)
            assert all(signal.getsignal(sig) is not before[sig] for sig in STOP_SIGNALS)
            if ending == "ctrl-c":
                signal.raise_signal(signal.SIGTERM)  # `kill` stops the block quietly, like Ctrl-C
            elif ending == "error":
                raise RoundtableError("A server stopped unexpectedly")
    assert started and all(p.poll() is not None for p in started)
    assert {sig: signal.getsignal(sig) for sig in STOP_SIGNALS} == before


@pytest.mark.slow
def test_a_server_deaf_to_sigterm_is_killed_after_the_timeout_and_collected():
    import time

    # It says when its SIGTERM handler is in place, so the signal cannot arrive before it.
    deaf_script = "import signal as s, time; s.signal(s.SIGTERM, s.SIG_IGN); print(1, flush=True); time.sleep(60)"
    deaf = subprocess.Popen([sys.executable, "-c", deaf_script], stdout=subprocess.PIPE)
    polite = _sleeper()
    assert deaf.stdout.readline().strip() == b"1"
    started = time.monotonic()
    stop([deaf, polite], timeout=1.5)
    took = time.monotonic() - started
    deaf.stdout.close()
    assert polite.returncode == -signal.SIGTERM  # it stopped when asked
    assert deaf.returncode == -signal.SIGKILL  # killed, and waited for: no zombie left
    assert 1.5 <= took < 10, took  # the timeout is the whole stop's, not each process's
