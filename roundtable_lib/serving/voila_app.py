"""Voila as the participants' server runs it: nothing leaves the venue network, and pages stay
light on a shared Wi-Fi.

``roundtable serve`` (and each worker of ``roundtable serve --workers N``) starts ``python -m
roundtable_lib.serving.voila_app`` instead of ``python -m voila``
(:mod:`roundtable_lib.serving.voila_command` builds the command line): the same application and
options, plus what Voila has no setting for. It changes how pages and files travel, never what
the dashboards show.

Nothing reachable leaves the venue:

- A Content-Security-Policy (:mod:`roundtable_lib.serving.content_policy`) on every response
  (pages, static files, errors, redirects), which allows the server itself and nothing else: a
  page that tries to load or send anything to another address is stopped by the browser,
  whatever the page holds. A tornado output transform sets it, since Voila's static files go
  through plain tornado handlers, which ignore ``tornado_settings``' headers.
- ``/`` and ``/voila/tree`` lead to the landing page (keeping the token): Voila's file tree
  uses a stock page with a CDN stylesheet.
- Pages are rendered with an exporter that names no CDN (nbconvert names one for Mermaid).
- The template override is off (``allow_template_override=NO`` on the command line): with it,
  ``?template=lab|classic|reveal`` rendered Voila's stock templates with CDN links, and
  ``?template=base`` hung with its kernel holding a viewer place.
- Connection files (the kernels' keys) go to a private folder that is removed when Voila stops,
  also on SIGTERM (Voila leaves ``/tmp/voila_*`` behind otherwise).

Light pages: a phone's first visit used to download 9.6 MB of uncompressed JavaScript (5 MB of
it plotly.js, which only the synergies chart drew), and every later visit asked again for each
of ~100 files.

- Static files are gzipped once per file and kept in memory (``GZIP_CACHE``), so a hundred
  arrivals cost one compression, not a hundred.
- Files whose address names their content (a content hash in the name, ``?v=``, or Voila's own
  files under ``/voila/static-<digest>/``, see :func:`static_digest`) are cached by the phone for
  a year and not asked for again; the rest are revalidated (304).
- A page loads only the front-end extensions it uses, the widget managers: no plotly.js (the
  synergies network is an SVG, :mod:`roundtable_lib.dashboards.network`), no code highlighting.
- :func:`voila_tornado_settings` (gzip of pages, websocket compression) reach tornado when the
  application is built; Voila applies ``tornado_settings`` afterwards, too late for
  ``compress_response``.
- A closed tab's request to shut its kernel down is honoured: its kernel goes at once, not
  after culling (:class:`ShutdownOnTabClose`).
- Page templates are compiled once per process, not once per page view
  (:mod:`roundtable_lib.serving.page_templates`).

May import: Voila, jupyter_server, tornado, traitlets, and of the workbook only
:mod:`roundtable_lib.serving.content_policy`, ``page_templates`` and :mod:`roundtable_lib.meeting.languages` and
``labels`` (the page's ``lang`` and title): it runs in Voila's process, and the dashboards' code runs in their kernels.
"""

import gzip
import hashlib
import os
import re
import shutil
import tempfile
import threading
from pathlib import Path

from tornado import web
from traitlets import default
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.static_file_handler import MultiStaticFileHandler

from roundtable_lib.serving.content_policy import CSP
from roundtable_lib.serving.page_templates import share_compiled

LANDING = "voila/render/index.ipynb"

# The front-end extensions a dashboard needs: the widget managers.
WIDGET_EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8")

YEAR = 365 * 24 * 3600
COMPRESSIBLE = (".js", ".css", ".json", ".svg", ".html", ".txt", ".map", ".ttf", ".eot")
# A file name carrying a content hash: remoteEntry.5cbb9d2323598fbda535.js, 7.2a0ce575775f5aad.js
HASHED_NAME = re.compile(r"\.[0-9a-f]{16,}\.[a-z0-9]+$")

GZIP_CACHE = {}  # absolute path -> (mtime, size, gzipped bytes)
_gzip_lock = threading.Lock()


def voila_tornado_settings():
    """The default ``tornado_settings`` of :class:`RoundtableVoila`, applied when the
    application is built so that gzip works (a dict cannot be given on Voila's command line)."""
    return {
        "compress_response": True,  # pages and API replies gzipped; static files from a gzip cache
        "websocket_compression_options": {},  # permessage-deflate: widget messages are repetitive JSON
    }


class ContentSecurityPolicy(web.OutputTransform):
    """Puts the policy on every response, including the static files Voila serves with plain
    tornado handlers (which ignore ``tornado_settings``' headers)."""

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        headers["Content-Security-Policy"] = CSP
        return status_code, headers, chunk


class ToLanding(web.RequestHandler):
    """The file tree and the bare address go to the landing page, with the same query (token)."""

    def initialize(self, target):
        self.target = target

    def get(self, *_args):
        query = self.request.query
        self.redirect(self.target + (f"?{query}" if query else ""))

    head = get


def _offline_exporter():
    from traitlets import Unicode
    from voila.exporter import VoilaExporter

    class OfflineExporter(VoilaExporter):
        mermaid_js_url = Unicode("")
        mermaid_layout_elk_js_url = Unicode("")

        def _create_environment(self):
            # One exporter per page view: its templates compiled once per process instead.
            return share_compiled(super()._create_environment())

    return OfflineExporter


def gzipped(path):
    """``path``'s content gzipped, computed once per version of the file."""
    stat = os.stat(path)
    key = (stat.st_mtime_ns, stat.st_size)
    cached = GZIP_CACHE.get(path)
    if cached is None or cached[0] != key:
        with _gzip_lock:
            data = gzip.compress(Path(path).read_bytes(), compresslevel=9, mtime=0)
            GZIP_CACHE[path] = cached = (key, data)
    return cached[1]


class CachedGzipMixin:
    """For tornado ``StaticFileHandler`` subclasses: serve gzip from the cache, and let phones
    keep versioned files for a year."""

    _gz = None

    def _versioned(self):
        path = self.request.path
        return (
            "v" in self.request.arguments
            or bool(HASHED_NAME.search(path))
            or "/voila/static-" in path  # Voila's files at an address naming their version
        )

    def set_extra_headers(self, path):
        super().set_extra_headers(path)
        self._gz = None
        accepts = "gzip" in self.request.headers.get("Accept-Encoding", "")
        if accepts and str(self.absolute_path).endswith(COMPRESSIBLE) and not self.request.headers.get("Range"):
            self._gz = gzipped(self.absolute_path)
            self.set_header("Content-Encoding", "gzip")
        self.set_header("Vary", "Accept-Encoding")

    def set_headers(self):
        super().set_headers()
        if self._versioned():
            self.set_header("Cache-Control", f"public, max-age={YEAR}, immutable")
        else:
            self.set_header("Cache-Control", "no-cache")  # revalidate: a 304 costs a few hundred bytes

    def compute_etag(self):
        # jupyter_server's FileFindHandler sends none; tornado's hashes the file (cached by path).
        return web.StaticFileHandler.compute_etag(self)

    def get_content_size(self):
        return len(self._gz) if self._gz is not None else super().get_content_size()

    def get_content(self, abspath, start=None, end=None):  # an instance method here, on purpose
        if self._gz is not None:
            return self._gz[start:end]
        return super().get_content(abspath, start, end)

    @classmethod
    def get_content_version(cls, abspath):
        return hashlib.sha512(Path(abspath).read_bytes()).hexdigest()


_VARIANTS = {}


def venue_handler(base):
    """``base`` (a static file handler class) with :class:`CachedGzipMixin`."""
    if base not in _VARIANTS:
        _VARIANTS[base] = type(f"Venue{base.__name__}", (CachedGzipMixin, base), {})
    return _VARIANTS[base]


class ShutdownOnTabClose(VoilaShutdownKernelHandler):
    """Voila's page asks for its kernel's shutdown when the tab closes, without an XSRF token,
    so stock Voila refuses it with 403 (https://github.com/voila-dashboards/voila/issues/1458).
    Honour it: only a page that was given the kernel's id (a random UUID) can name it."""

    def check_xsrf_cookie(self):
        return None


def static_digest(paths):
    """A short digest of the files Voila serves from ``/voila/static/``: it goes in their
    address, so a phone may cache them for a year and still never keep a stale one."""
    digest = hashlib.sha256()
    for root in paths:
        if not os.path.isdir(root):
            continue
        for name in sorted(os.listdir(root)):
            stat = os.stat(os.path.join(root, name))
            digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def page_extensions(extensions):
    """The front-end extensions a dashboard page loads: the widget managers, nothing else
    installed in the environment (plotly's, JupyterLab's code highlighting, ...)."""
    return [e for e in extensions if e.get("name") in WIDGET_EXTENSIONS]


def page_language_hook(previous=None):
    """A prelaunch hook that writes the page's language and direction (from ``?lang=``, through
    :func:`roundtable_lib.meeting.languages.page_language`) into the notebook's metadata, where
    the roundtable template reads them for ``<html lang dir>``: a Thai page is then read by a
    screen reader with a Thai voice. Voila renders the page before the kernel knows the language.
    A dashboard's title (the tab's name, the first thing a screen reader says) is its name in
    that language ("ขณะนี้", not the notebook's file name "live")."""
    from roundtable_lib.meeting.labels import LABELS, t
    from roundtable_lib.meeting.languages import page_language

    def hook(handler, notebook, cwd):
        if previous is not None:
            notebook = previous(handler, notebook=notebook, cwd=cwd) or notebook
        code, direction = page_language(handler.get_argument("lang", "en"))
        notebook.metadata["roundtable_page"] = {"lang": code, "dir": direction}
        key = "dash." + handler.request.path.rsplit("/", 1)[-1].removesuffix(".ipynb")
        if key in LABELS:
            notebook.metadata["title"] = t(key, code)
        return notebook

    return hook


class RoundtableVoila(Voila):
    """Voila locked to the venue and light on its Wi-Fi (see the module docstring): the policy
    header, the landing redirects, cached gzipped files, the tab-close shutdown, private
    connection files."""

    @default("tornado_settings")
    def _tornado_settings_default(self):
        return voila_tornado_settings()

    def init_settings(self):
        settings = super().init_settings()
        # Voila applies tornado_settings after building the application; gzip must be known before.
        settings.update(self.tornado_settings)
        self.static_version = static_digest(self.static_paths)
        base = self.base_url
        previous = self.voila_configuration.page_config_hook

        def page_config_hook(page_config, **kwargs):
            if previous:
                page_config = previous(page_config, **kwargs)
            page_config["federated_extensions"] = page_extensions(page_config.get("federated_extensions", []))
            page_config["fullStaticUrl"] = f"{base}voila/static-{self.static_version}"
            return page_config

        self.voila_configuration.page_config_hook = page_config_hook
        self.voila_configuration.prelaunch_hook = page_language_hook(self.voila_configuration.prelaunch_hook)
        return settings

    def init_handlers(self):
        from jupyter_server.utils import url_path_join

        self.app.transforms.append(ContentSecurityPolicy)
        landing = {"target": url_path_join(self.server_url, LANDING)}
        handlers = [
            (
                f"{self.server_url}voila/static-{self.static_version}/(.*)",
                venue_handler(MultiStaticFileHandler),
                {"paths": self.static_paths, "default_filename": "index.html"},
            ),
            (self.server_url.rstrip("/") + "/?", ToLanding, landing),
            (url_path_join(self.server_url, r"/voila/tree(/.*)?"), ToLanding, landing),
            (url_path_join(self.server_url, r"/voila/?"), ToLanding, landing),
        ]
        for pattern, handler, *rest in super().init_handlers():
            if isinstance(handler, type) and issubclass(handler, web.StaticFileHandler):
                handler = venue_handler(handler)
            elif handler is VoilaShutdownKernelHandler:
                handler = ShutdownOnTabClose
            handlers.append((pattern, handler, *rest))
        return handlers

    def start(self):
        # nbconvert's pages name a CDN for Mermaid diagrams (loaded only when a page has one; the
        # dashboards have none), and the URL is not configurable (no config=True): Voila renders
        # with an exporter that names nothing, so no page of ours holds an outside address.
        from voila import notebook_renderer

        notebook_renderer.VoilaExporter = _offline_exporter()
        # A folder of our own for the kernels' connection files (their keys), removed on exit.
        self.connection_dir_root = tempfile.mkdtemp(prefix="roundtable-voila-")
        try:
            super().start()
        finally:
            shutil.rmtree(self.connection_dir_root, ignore_errors=True)

    def stop(self):
        try:
            super().stop()
        finally:
            shutil.rmtree(self.connection_dir_root, ignore_errors=True)


if __name__ == "__main__":
    RoundtableVoila.launch_instance()
