"""Viewer kernels forked from a warm template: a kernel provisioner for jupyter_client.

``roundtable serve --forked-kernels`` (or ``ROUNDTABLE_FORKED_KERNELS=1``, or
:data:`~roundtable_lib.serving.voila_command.DEFAULT_FORKED_KERNELS` when neither says) starts
Voila with ``--KernelProvisionerFactory.default_provisioner_name=roundtable-forked``
(:class:`~roundtable_lib.serving.voila_command.VoilaCommand`): jupyter_client then
asks :class:`ForkedProvisioner` (registered under that name in the
``jupyter_client.kernel_provisioners`` entry point group, see pyproject.toml) for each kernel,
so neither Voila nor jupyter_server needs a patch. Everything but the start is the ordinary
:class:`~jupyter_client.provisioning.LocalProvisioner`'s: the connection file, the ports, the
interrupt (SIGINT to the kernel's process group), the shutdown, the culling and the viewer cap
of :mod:`roundtable_lib.serving.viewer_kernels` see a normal kernel.

The start: instead of a new Python interpreter importing ipykernel and the library, the
template process (:mod:`roundtable_lib.serving.kernel_template`, one per Voila process, started
with Voila by :meth:`ForkedProvisioner.prepare`) forks a child that has them imported already. The child is the
template's, not Voila's: :class:`ForkedKernel` watches it through a pidfd (Linux), and the
child ends by itself when Voila ends.

The template restarts when it has died (the next kernel starts it again). When it cannot be
started or stops answering, or when a kernel spec is not ``python -m ipykernel_launcher``,
kernels start the ordinary way, and the log says so in one line.

May import: the standard library and jupyter_client; it runs in Voila's process, and of the
workbook names only the template module (as a command line).
"""

import asyncio
import json
import os
import select
import signal
import sys
import time

from jupyter_client.provisioning import LocalProvisioner

TEMPLATE = "roundtable_lib.serving.kernel_template"
START_TIMEOUT = 60  # seconds for the template's imports, on a busy laptop
FORK_TIMEOUT = 10
RETRY_SECONDS = 30  # after a failed start, kernels start the ordinary way this long before trying again


class ForkedKernel:
    """A kernel forked by the template, with the part of :class:`subprocess.Popen` that
    :class:`~jupyter_client.provisioning.LocalProvisioner` uses. Its exit status goes to the
    template (its parent): ``returncode`` is 0 once it has ended, whatever the status."""

    stdin = stdout = stderr = None

    def __init__(self, pid):
        self.pid = pid
        self.returncode = None
        try:
            self._pidfd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self._pidfd = None  # not Linux 5.3+: look at the process table instead

    def _ended(self):
        if self._pidfd is not None:
            # poll(), not select(): Voila holds thousands of descriptors, and select() refuses any
            # numbered past 1023 ("filedescriptor out of range"; 19 of 100 viewers got a 500).
            watch = select.poll()
            watch.register(self._pidfd, select.POLLIN)
            return bool(watch.poll(0))
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            pass
        return False

    def poll(self):
        if self.returncode is None and self._ended():
            self.returncode = 0
            if self._pidfd is not None:
                os.close(self._pidfd)
                self._pidfd = None
        return self.returncode

    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"kernel {self.pid} still running")
            time.sleep(0.05)
        return self.returncode

    def send_signal(self, signum):
        if self.poll() is None:
            if self._pidfd is not None and hasattr(signal, "pidfd_send_signal"):
                signal.pidfd_send_signal(self._pidfd, signum)  # never another process reusing the pid
            else:
                os.kill(self.pid, signum)

    def terminate(self):
        self.send_signal(signal.SIGTERM)

    def kill(self):
        self.send_signal(signal.SIGKILL)


class Template:
    """The warm template of this process: started on first use, restarted when it has died."""

    def __init__(self, command=None):
        self.command = command or [sys.executable, "-m", TEMPLATE]
        self.process = None
        self.pid = None
        self.ready_seconds = None
        self.starts = 0
        self._lock = None
        self._loop = None
        self._failed_at = None

    @property
    def lock(self):
        if self._lock is None:  # created in the running loop
            self._lock = asyncio.Lock()
        return self._lock

    def usable(self):
        return self._failed_at is None or time.monotonic() - self._failed_at > RETRY_SECONDS

    async def _start(self, log):
        if self.starts:
            log.warning("The viewer kernels' template had stopped: starting it again")
        self.starts += 1
        self.process = await asyncio.create_subprocess_exec(
            *self.command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env=dict(os.environ)
        )
        line = await asyncio.wait_for(self.process.stdout.readline(), START_TIMEOUT)
        ready = json.loads(line or b"{}")
        if "ready" not in ready:
            raise RuntimeError("the template ended while importing (its error is above)")
        self.pid, self.ready_seconds = ready["ready"], ready.get("seconds")
        log.info("Viewer kernels are forked from a warm template (pid %s, ready in %s s)", self.pid, self.ready_seconds)

    def _bind_loop(self):
        if self._loop is not asyncio.get_running_loop():
            # Voila has one event loop for its life; a new one (tests) cannot read the old pipes.
            self._loop, self._lock = asyncio.get_running_loop(), None
            self.process = None

    def _running(self):
        return self.process is not None and self.process.returncode is None

    async def ensure_started(self, log):
        self._bind_loop()
        async with self.lock:
            if not self._running():
                await self._start(log)

    async def fork(self, argv, env, cwd, log):
        """A new kernel's pid: ``python -m ipykernel_launcher <argv>`` forked from the template."""
        self._bind_loop()
        request = {"argv": list(argv), "env": dict(env), "cwd": str(cwd or os.getcwd()), "watch": os.getpid()}
        async with self.lock:
            for attempt in (1, 2):  # a template that died since the last kernel is started again, once
                if not self._running():
                    await self._start(log)
                try:
                    self.process.stdin.write((json.dumps(request) + "\n").encode())
                    await self.process.stdin.drain()
                    line = await asyncio.wait_for(self.process.stdout.readline(), FORK_TIMEOUT)
                except ConnectionError:
                    line = b""
                reply = json.loads(line or b"{}")
                if "pid" in reply:
                    return reply["pid"]
                if line or attempt == 2:
                    raise RuntimeError(reply.get("error", "the template stopped answering"))
                await self.process.wait()  # it ended: the next attempt starts another

    async def stop(self):
        if self.process is not None and self.process.returncode is None:
            self.process.stdin.close()  # end of input: the template ends; its kernels do not
            try:
                await asyncio.wait_for(self.process.wait(), 5)
            except TimeoutError:
                self.process.kill()

    def failed(self, log, error):
        if self.usable():  # one line per failure, not one per viewer
            log.error(
                "Viewer kernels start the ordinary way for %d s: their template failed (%s)", RETRY_SECONDS, error
            )
        self._failed_at = time.monotonic()
        if self.process is not None and self.process.returncode is None:
            self.process.kill()


TEMPLATE_PROCESS = Template()


def ipykernel_arguments(cmd):
    """What follows ``-m ipykernel_launcher`` in a kernel's command line, or None when the kernel
    is something else (another kernel spec): that one starts the ordinary way."""
    if len(cmd) >= 3 and cmd[1:3] == ["-m", "ipykernel_launcher"] and os.path.basename(cmd[0]).startswith("python"):
        return cmd[3:]
    return None


class ForkedProvisioner(LocalProvisioner):
    """:class:`~jupyter_client.provisioning.LocalProvisioner`, whose kernels are forked from the warm template."""

    template = TEMPLATE_PROCESS

    @classmethod
    async def prepare(cls, log):
        """Start the template ahead of the first kernel (Voila's kernel manager calls this)."""
        try:
            await cls.template.ensure_started(log)
        except Exception as error:  # noqa: BLE001 - the first kernel tries again, or starts the ordinary way
            cls.template.failed(log, error)

    async def launch_kernel(self, cmd, **kwargs):
        arguments = ipykernel_arguments(cmd)
        if arguments is None or not self.template.usable():
            return await super().launch_kernel(cmd, **kwargs)
        env = kwargs.get("env") or dict(os.environ)
        try:
            pid = await self.template.fork(arguments, env, kwargs.get("cwd"), self.log)
        except Exception as error:  # noqa: BLE001 - any failure: this viewer still gets a kernel
            self.template.failed(self.log, error)
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedKernel(pid)
        self.pid = self.pgid = pid  # the child's own session: a signal to the group reaches it alone
        self.cwd = kwargs.get("cwd") or os.getcwd()
        return self.connection_info
