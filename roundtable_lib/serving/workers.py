"""Several Voila workers behind nginx: ``roundtable serve --workers N``, for hundreds of phones.

One Voila process runs every viewer's kernel in itself; past a few dozen viewers one process (one
core) is the limit. ``--workers N`` starts N Voila processes on local ports and Debian's nginx in
front of them, on the participants' port, as the current user (no system service, no root):
its configuration, pid file, logs and temporary files live in a temporary folder, removed on exit.

- **Each viewer's kernel stays on its worker.** A kernel exists in one process only, so the
  page's websocket (``/api/kernels/<id>/channels``) must reach the worker that started it. Each
  worker names its kernels with its number (``w03xxxxx-...``,
  :class:`~roundtable_lib.serving.viewer_kernels.WorkerKernelManager`), and
  nginx routes every kernel URL by that prefix. Stickiness by client address would put a whole
  venue's phones behind one Wi-Fi NAT on one worker; a cookie would fail for a phone with two tabs
  on two workers. The kernel id is in every URL that needs its worker, and nothing else needs one.
- **Pages** (``/voila/render/...``, the landing page) go to any worker, round robin. A worker at
  its cap answers 503, and nginx tries the next one; when all are full, the viewer gets the last
  worker's bilingual "too many viewers" page. The cap is split: worker i may hold
  ``max_viewers / N`` kernels (the remainder to the first ones), so all of them together hold
  ``max_viewers``, and no shared counter is needed.
- **Static files** (Voila's JavaScript, CSS, fonts, the template's files) are fetched once from a
  worker and then served by nginx from its cache, gzip-compressed, with a one-day browser cache
  (``expires``): a phone downloads the page's scripts once, and the workers serve only kernels.
- Every worker has the same token and cookie secret, so a login cookie from one is good on all.

Each worker's Voila is the plan's own (:class:`~roundtable_lib.serving.voila_command.VoilaCommand`)
with what makes it a worker replaced: its port, its share, its number, the shared secret.

May import: :mod:`roundtable_lib.serving` (not its kernel managers, which run in the workers'
processes) and :mod:`roundtable_lib.exceptions`.
"""

import dataclasses
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from roundtable_lib.exceptions import RoundtableError
from roundtable_lib.serving import pooler
from roundtable_lib.serving.processes import (
    check_ports_free,
    free_local_port,
    running_as_root,
    stopped_together,
    wait_until_listening,
    wait_while_running,
)
from roundtable_lib.serving.serve import announce

NGINX = "/usr/sbin/nginx"
KERNEL_URLS = r"^/(api/kernels|voila/api/shutdown|voila/execution|voila/query)/"
STATIC_URLS = r"^/(voila/static|voila/templates|voila/labextensions|voila/api/themes|static)/"
MAX_WORKERS = 64


def split(total, workers):
    """``total`` split among ``workers`` as evenly as possible, the remainder to the first ones."""
    base, extra = divmod(max(0, int(total)), workers)
    return [base + (1 if i < extra else 0) for i in range(workers)]


def worker_caps(max_viewers, workers):
    """Kernels per worker: ``max_viewers`` split as evenly as possible (each at least one)."""
    return split(max(int(max_viewers), workers), workers)


def nginx_conf(prefix, listen_host, listen_port, worker_ports, as_root=False):
    """The nginx configuration for workers on ``worker_ports`` (127.0.0.1), listening on the
    participants' port: the process and its files (all under ``prefix``), then the routes to the
    workers (:func:`_nginx_routes`) and the participants' server (:func:`_nginx_server`)."""
    listen = f"{listen_host}:{listen_port}" if listen_host not in ("", "0.0.0.0") else str(listen_port)
    return f"""# Written by `roundtable serve --workers {len(worker_ports)}`; removed when it stops.
{"user nobody nogroup;" if as_root else ""}
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}

http {{
    access_log off;  # who watched what is nobody's business; errors still go to error.log
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    proxy_cache_path {prefix}/cache levels=1:2 keys_zone=static:8m max_size=200m inactive=1d use_temp_path=off;
    types {{
        text/html html; text/css css; application/javascript js mjs; application/json json;
        image/svg+xml svg; image/png png; font/woff2 woff2; font/woff woff;
    }}
    default_type application/octet-stream;
    client_max_body_size 1m;
    server_tokens off;
    gzip on;
    gzip_proxied any;
    gzip_min_length 512;
    gzip_types text/css text/javascript application/javascript application/json image/svg+xml text/plain;
{_nginx_routes(worker_ports)}
{_nginx_server(listen, len(worker_ports))}
}}
"""


def _nginx_routes(worker_ports):
    """One upstream per worker, the pool of all of them, and the map from a kernel URL to the
    worker whose number its kernel id starts with (see WorkerKernelManager)."""
    upstreams = "\n".join(f"    upstream worker{i} {{ server 127.0.0.1:{p}; }}" for i, p in enumerate(worker_ports))
    # max_fails=0: a full worker (503) is never taken out of the rotation, it just passes the viewer on.
    pool = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in worker_ports)
    routes = "\n".join(f'        "~/w{i:02d}[0-9a-f]{{5}}-" worker{i};' for i in range(len(worker_ports)))
    return f"""
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ""      close;
    }}
    # Which worker holds a kernel: the number its id starts with.
    map $uri $kernel_worker {{
{routes}
        default "";
    }}
{upstreams}
    upstream any_worker {{
{pool}
    }}"""


PROXY = """            proxy_http_version 1.1;
            proxy_set_header Host $http_host;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;"""


def _nginx_server(listen, workers):
    """The participants' server: kernel traffic to its worker, static files from nginx's cache,
    pages to any worker with room."""
    return f"""
    server {{
        listen {listen};
        # Kernel traffic (the page's websocket, shutdown): to the worker that holds the kernel.
        location ~ "{KERNEL_URLS}" {{
            if ($kernel_worker = "") {{ return 404; }}
            proxy_pass http://$kernel_worker;
{PROXY}
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1h;
            proxy_send_timeout 1h;
        }}
        # Voila's and the template's static files: from nginx's cache once fetched, compressed.
        location ~ "{STATIC_URLS}" {{
            proxy_pass http://any_worker;
{PROXY}
            proxy_cache static;
            proxy_cache_key $uri$is_args$args;
            proxy_cache_valid 200 1d;
            proxy_cache_lock on;
            proxy_ignore_headers Cache-Control Expires Set-Cookie;
            proxy_hide_header Set-Cookie;
            expires 1d;
            add_header X-Cache $upstream_cache_status;
        }}
        # Pages: any worker; a full one (503) hands the viewer to the next.
        location / {{
            proxy_pass http://any_worker;
{PROXY}
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries {workers};
            proxy_buffering off;
            proxy_read_timeout 5m;
        }}
    }}"""


@dataclass
class Workers:
    """N Voila workers and nginx for a :class:`~roundtable_lib.serving.serve.ServePlan` (its Voila port is nginx's)."""

    plan: object
    count: int = 2
    dashboards_db: str = ""  # the dashboards' database address (default: the plan's)
    ports: list = field(default_factory=list)
    cookie_secret: str = field(default_factory=lambda: secrets.token_hex(32))

    def __post_init__(self):
        if not 1 <= self.count <= MAX_WORKERS:
            raise RoundtableError(f"--workers takes 1 to {MAX_WORKERS}.")
        if not self.ports:
            self.ports = [free_local_port() for _ in range(self.count)]

    def worker_voila(self, index):
        """Worker ``index``'s Voila: the plan's, on its own local port (only nginx talks to the
        workers), with its share of the viewers and warm kernels, its number and the shared secret."""
        return dataclasses.replace(
            self.plan.voila(),
            ip="127.0.0.1",
            port=self.ports[index],
            max_kernels=worker_caps(self.plan.max_viewers, self.count)[index],
            warm_kernels=split(self.plan.warm_kernels, self.count)[index],  # some workers may get none
            worker=index,
            cookie_secret=self.cookie_secret,
        )

    def worker_command(self, index):
        """Worker ``index``'s command line."""
        return self.worker_voila(index).argv()

    def env(self):
        env = self.plan.env()
        if self.dashboards_db:
            env["ROUNDTABLE_DB"] = str(self.dashboards_db)
        return env

    def nginx_command(self, prefix):
        return [NGINX, "-p", str(prefix), "-e", str(Path(prefix) / "error.log"), "-c", str(Path(prefix) / "nginx.conf")]

    def write_conf(self, prefix):
        as_root = running_as_root()
        conf = nginx_conf(prefix, self.plan.voila_host, self.plan.voila_port, self.ports, as_root=as_root)
        (Path(prefix) / "nginx.conf").write_text(conf, encoding="utf-8")
        if as_root:
            # nginx's worker process runs as nobody: it must be able to write its cache and temp files.
            for path in [Path(prefix), *Path(prefix).rglob("*")]:
                shutil.chown(path, "nobody", "nogroup")


def check_nginx():
    if not Path(NGINX).exists():
        raise RoundtableError(
            f"--workers needs Debian's nginx ({NGINX}): install it with `sudo apt-get install nginx` "
            "(its system service is not needed; `sudo systemctl disable --now nginx` stops it)."
        )


def serve(plan, workers=2, dashboards_db="", out=print):
    """Like :func:`roundtable_lib.serving.serve.serve`, with ``workers`` Voila processes behind nginx."""
    check_nginx()
    check_ports_free([(plan.voila_host, plan.voila_port, "the dashboards (nginx)")] + plan.lab_listener())
    prefix = Path(tempfile.mkdtemp(prefix="roundtable-nginx-"))
    try:
        with (
            stopped_together() as procs,
            pooler.for_dashboards(dashboards_db or plan.db_address, procs, out) as pooled,
        ):
            pool = Workers(plan, workers, pooled)
            pool.write_conf(prefix)
            test = subprocess.run(pool.nginx_command(prefix) + ["-t", "-q"], capture_output=True, text=True)
            if test.returncode != 0:
                raise RoundtableError(f"nginx refused its configuration: {test.stderr.strip()}")
            worker_env = pool.env()
            for i in range(workers):
                procs.append(subprocess.Popen(pool.worker_command(i), env=worker_env))
            if plan.lab:
                plan.prepare_lab()
                procs.append(subprocess.Popen(plan.lab_command(), env=plan.env()))
            wait_until_listening(procs, pool.ports + ([plan.lab_port] if plan.lab else []))
            procs.append(subprocess.Popen(pool.nginx_command(prefix)))
            wait_until_listening(procs, [plan.voila_port], timeout=30)
            announce(plan, out)
            caps = worker_caps(plan.max_viewers, workers)
            out(f"{workers} dashboard workers behind nginx, {sum(caps)} viewers at most ({', '.join(map(str, caps))}).")
            wait_while_running(procs)
            raise RoundtableError("A server stopped unexpectedly; see its messages above.")
    finally:
        shutil.rmtree(prefix, ignore_errors=True)
