"""The warm template that viewer kernels are forked from: ``python -m roundtable_lib.serving.kernel_template``.

Every viewer's kernel imports the same modules (ipykernel, ipywidgets, SQLAlchemy, the
dashboards) and runs the same one-cell notebook: a kernel started the ordinary way pays for a
Python interpreter and those imports on every phone (about half a second of CPU and ~50 MB of
private memory each). This process imports them once, freezes what it holds out of the garbage
collector's reach (:func:`gc.freeze`, so that collecting in a child does not write to, and so
unshare, the pages it inherited), and then forks one child per kernel: the child's start is a
fork, and the pages of the imported modules stay shared copy-on-write between all of them.

The Voila process (:mod:`roundtable_lib.serving.forked_kernels`) starts it and talks to it over
its stdin and stdout, one JSON line per request and reply:

- on start it says ``{"ready": pid, "seconds": s}`` once the imports are done;
- ``{"argv": [...], "env": {...}, "cwd": "...", "watch": pid}`` forks a kernel and is answered
  ``{"pid": pid}``: ``argv`` is what follows ``python -m ipykernel_launcher`` in the kernel
  spec (``-f <connection file>``), and the kernel ends when process ``watch`` (Voila) ends;
- end of input (Voila stopped or closed it) ends the template; its kernels are not its to stop.

Safe by construction: the template holds no ZeroMQ context, socket, database engine or thread
(it only imports); each child closes every file descriptor it inherited beyond stdin, stdout and
stderr, starts its own session (process group: an interrupt reaches it alone), and creates its
context, sockets, database engine and threads itself, after the fork, as a new kernel would.
Python reseeds :mod:`random` in a forked child; NumPy's global generator is reseeded too when
something imported NumPy.

May import: the standard library at the top; ipykernel and whatever :data:`WARM_MODULES` names
are imported in the template's own process only.
"""

import atexit
import gc
import json
import os
import signal
import sys
import threading
import time
import types

# What every dashboard kernel imports: loaded once, before any fork.
WARM_MODULES = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.comm",
    # What a kernel imports as it starts (the debugger, psutil, tornado's loop), and the rest of
    # what the dashboard's run adds: each module left out is private memory in every kernel.
    "ipykernel.debugger",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.core.logger",
    "psutil",
    "tornado.gen",
    "tornado.locks",
    "tornado.platform.asyncio",
    "http.server",
    "xmlrpc.client",
    "pydoc",
    "faulthandler",
    "ipywidgets",
    "sqlalchemy",
    "sqlalchemy.dialects.sqlite",
    "roundtable_lib.store",
    "roundtable_lib.dashboards",
)

# What every kernel would otherwise compute the same way, done once: the label catalogues read
# and compiled (each kernel parsed them: CPU and ~4 MB of private memory per kernel, measured).
WARM_CALLS = ("roundtable_lib.meeting.catalogues.preload",)


def warm_up(modules=WARM_MODULES, calls=WARM_CALLS):
    """Import ``modules``, make everything alive now immortal where the interpreter can
    (:func:`immortalize`), and freeze it out of the collector's reach. A module this environment
    lacks (an optional one, debugpy say) is left to the kernels, which do without it as they
    would."""
    import importlib

    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError as error:
            print(f"kernel template: {name} not preloaded ({error})", file=sys.stderr)
    for name in calls:
        module, function = name.rsplit(".", 1)
        try:
            getattr(importlib.import_module(module), function)()
        except (ImportError, AttributeError) as error:
            print(f"kernel template: {name} not done ({error})", file=sys.stderr)
    gc.collect()
    immortalize()
    gc.freeze()


def can_immortalize():
    """Whether this interpreter has immortal objects whose reference count is never written:
    CPython 3.12 and newer, with the GIL (a free-threaded build counts references otherwise)."""
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    return sys.implementation.name == "cpython" and sys.version_info >= (3, 12) and gil


def immortalize():
    """Make every object alive now immortal, as ``None`` is; returns how many (0 where the
    interpreter cannot, see :func:`can_immortalize`).

    Why: CPython writes an object's reference count whenever code takes a reference to it, so a
    forked kernel that merely reads a function, a module's attribute or a constant un-shares
    the 4 KB page it lies on. Touching what a kernel and a dashboard touch un-shared ~23 MB per
    kernel (Python 3.11 and 3.12 alike, measured). An immortal object's count is never written
    (PEP 683), so its page stays shared: ~14 MB per kernel on 3.12. The template's objects live
    as long as the template anyway; in a kernel, one it no longer needs stays in memory, shared.
    The count is copied from ``None``'s, so whatever the interpreter's immortal value is, the
    objects get it."""
    if not can_immortalize():
        return 0
    import ctypes

    immortal = ctypes.c_ssize_t.from_address(id(None)).value
    found = {id(o): o for o in gc.get_objects()}  # what the collector tracks
    todo = list(found.values())
    while todo:  # and what those hold that it does not: strings, numbers, untracked tuples, code
        obj = todo.pop()
        held = gc.get_referents(obj)
        if isinstance(obj, types.CodeType):  # code has no traverse: its parts are named here
            held += [obj.co_consts, obj.co_names, obj.co_varnames, obj.co_freevars, obj.co_cellvars]
            held += [obj.co_filename, obj.co_name, obj.co_qualname, obj.co_linetable, obj.co_exceptiontable]
        for part in held:
            if id(part) not in found:
                found[id(part)] = part
                todo.append(part)
    for obj in found.values():
        ctypes.c_ssize_t.from_address(id(obj)).value = immortal
    return len(found)


def open_fds():
    """This process's open file descriptors."""
    return sorted(int(fd) for fd in os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else []


def close_inherited_fds(keep=(0, 1, 2)):
    """Close every descriptor but ``keep``: nothing of the template's is shared with a kernel."""
    for fd in open_fds():
        if fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass  # the listing's own descriptor, closed already


def end_with(pid):
    """A daemon thread that ends this process when process ``pid`` (Voila) ends, as an ordinary
    kernel ends with its parent. A pidfd when Linux has them, else a look every second."""

    def watch():
        try:
            fd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            fd = None
        if fd is not None:
            import select

            watch = select.poll()  # not select(): a kernel may hold more than 1023 descriptors
            watch.register(fd, select.POLLIN)
            watch.poll()
        else:
            while True:
                try:
                    os.kill(pid, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    pass
                time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-voila", daemon=True).start()


# What every kernel is told beyond its connection file, read once in the template.
# parent_handle 1: "a parent exists, do not poll it". The kernel's parent is the template, which
# may die and be restarted; the kernel ends with Voila instead (end_with).
# No input history: a dashboard has none worth keeping, and a thousand kernels would share one
# SQLite file in ~/.ipython (1.3 MB and a thread less per kernel, measured).
KERNEL_OPTIONS = ("--IPKernelApp.parent_handle=1", "--HistoryManager.enabled=False")
PREPARED = None  # the kernel application prepare_kernel() built in the template


def prepare_kernel():
    """In the template: the parts of a kernel that are the same in every kernel, built once.

    A kernel reads its command line and IPython's configuration, then builds its IPython shell
    (magics, formatters, the namespace). Doing that in each forked kernel touches, and so
    un-shares, pages all over the template (CPython writes to an object's page whenever it
    takes a reference to it): built here, a kernel costs ~2 MB less private memory and ~0.02 s
    less CPU (measured). Each kernel then opens its own sockets and threads and hands the shell
    its kernel (:func:`become_kernel`). No socket, thread or file is made here."""
    from ipykernel import kernelapp
    from IPython.core.application import BaseIPythonApplication

    class ConfiguredOnce(BaseIPythonApplication):
        """The command line and configuration files are read in the template, not again."""

        configured = False

        def initialize(self, argv=None):
            if not self.configured:
                super().initialize(argv)
                self.configured = True

    class IPKernelApp(kernelapp.IPKernelApp, ConfiguredOnce):
        """IPKernelApp whose base initialisation (ConfiguredOnce) happened in the template."""

    app = IPKernelApp.instance()
    ConfiguredOnce.initialize(app, list(KERNEL_OPTIONS))  # the kernel's own initialize() does the rest
    compiler_class = app.kernel_class.class_traits()["compiler_class"].default_value
    # The shell the kernel would build (IPythonKernel.__init__ asks shell_class.instance(), which
    # returns this one); its kernel is set in the child once that exists.
    shell_class(app).instance(parent=app, profile_dir=app.profile_dir, kernel=None, compiler_class=compiler_class)
    return app


def shell_class(app):
    """The shell class ``app``'s kernel builds (IPythonKernel's ``shell_class``)."""
    return app.kernel_class.class_traits()["shell_class"].default_value


def registered_now_a_shell_exists():
    """What modules do at import only when a kernel's shell exists: imported in the template,
    before any shell, they did not. ipywidgets registers its comm targets (without them a page
    never gets its widgets' state)."""
    if "ipywidgets" in sys.modules:
        sys.modules["ipywidgets"].register_comm_target()


def become_kernel(request):
    """In the forked child: shed the template, then run ipykernel as ``python -m
    ipykernel_launcher <argv>`` would. Never returns."""
    code = 1
    try:
        os.setsid()  # its own process group, as jupyter_client starts kernels
        for sig in (signal.SIGCHLD, signal.SIGPIPE, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        close_inherited_fds()
        os.environ.clear()
        os.environ.update(request["env"])
        cwd = request.get("cwd") or os.getcwd()
        os.chdir(cwd)
        sys.path[0] = cwd  # `python -m` puts the working directory first
        if "numpy" in sys.modules:  # its global generator was seeded in the template
            sys.modules["numpy"].random.seed()
        if request.get("watch"):
            end_with(int(request["watch"]))
        argv = request["argv"]
        sys.argv = ["ipykernel_launcher", *argv, *KERNEL_OPTIONS]
        app = PREPARED or prepare_kernel()
        if len(argv) == 2 and argv[0] == "-f":
            app.connection_file = argv[1]
        else:  # a kernel spec with more to say than its connection file
            app.parse_command_line(argv)
        shell = shell_class(app).instance()  # the one prepare_kernel() built
        shell.init_environment()  # the kernel's environment variables (the template's were cleared)
        app.initialize()  # sockets, threads, the kernel; the shell is the prepared one
        shell.kernel = shell.parent = app.kernel
        registered_now_a_shell_exists()
        app.start()
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # noqa: BLE001 - a kernel that fails says why on stderr, like any kernel
        import traceback

        traceback.print_exc()
    finally:
        try:
            atexit._run_exitfuncs()  # the kernel's own (IPython's history), as a normal exit runs them
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def reap(_signum=None, _frame=None):
    """Collect ended kernels, so that none stays a zombie."""
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def serve(requests, replies):
    """Fork a kernel for each request line read from ``requests``; answer on ``replies``."""
    for line in requests:
        try:
            request = json.loads(line)
        except ValueError as error:
            replies.write(json.dumps({"error": f"not a request: {error}"}) + "\n")
            replies.flush()
            continue
        pid = os.fork()
        if pid == 0:
            become_kernel(request)
        replies.write(json.dumps({"pid": pid}) + "\n")
        replies.flush()


def main(modules=WARM_MODULES):
    started = time.monotonic()
    # Requests and replies move off stdin/stdout, which the kernels inherit: stdin becomes
    # /dev/null and stdout Voila's stderr, where an ordinary kernel's output goes too.
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops Voila, which then closes our input
    signal.signal(signal.SIGCHLD, reap)
    global PREPARED
    PREPARED = prepare_kernel()
    warm_up(modules)  # imports, then freezes all there is, the prepared kernel included
    replies.write(json.dumps({"ready": os.getpid(), "seconds": round(time.monotonic() - started, 3)}) + "\n")
    replies.flush()
    serve(requests, replies)


if __name__ == "__main__":
    main()
