"""Voila as the venue needs it: light pages on a shared Wi-Fi, cached assets, quiet websockets.

A phone's first visit used to download 9.6 MB of uncompressed JavaScript (5 MB of it plotly.js,
which only the synergies chart drew), and every later visit asked again for each of ~100 files.
``roundtable serve`` runs Voila through :class:`RoundtableVoila` (``python -m
roundtable_lib.serving.venue``), which changes only how files travel, not what the dashboards show:

- static files are gzipped once per file and kept in memory (``GZIP_CACHE``), so a hundred
  arrivals cost one compression, not a hundred;
- files whose address names their content (a content hash in the name, ``?v=``, or Voila's own
  files under ``/voila/static-<digest>/``, see :func:`static_digest`) are cached by the phone for
  a year and not asked for again; the rest are revalidated (304);
- a page loads only the front-end extensions it uses, the widget managers: no plotly.js (the
  synergies network is an SVG, :mod:`roundtable_lib.dashboards.network`), no code highlighting;
- ``tornado_settings`` (by default ``serve.voila_tornado_settings()``: gzip of pages, websocket
  compression) reach tornado when the application is built; Voila applies them afterwards, too
  late for ``compress_response``;
- a closed tab's request to shut its kernel down (sent without an XSRF token by Voila's page,
  so stock Voila refuses it with 403) is honoured: its kernel goes at once, not after culling.
"""

import gzip
import hashlib
import os
import re
import sys
import threading
from pathlib import Path

from tornado import web
from traitlets import default
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.static_file_handler import MultiStaticFileHandler

from roundtable_lib.serving.voila_app import RoundtableVoila as LockedVoila

# The front-end extensions a dashboard needs: the widget managers.
WIDGET_EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8")

YEAR = 365 * 24 * 3600
COMPRESSIBLE = (".js", ".css", ".json", ".svg", ".html", ".txt", ".map", ".ttf", ".eot")
# A file name carrying a content hash: remoteEntry.5cbb9d2323598fbda535.js, 7.2a0ce575775f5aad.js
HASHED_NAME = re.compile(r"\.[0-9a-f]{16,}\.[a-z0-9]+$")

GZIP_CACHE = {}  # absolute path -> (mtime, size, gzipped bytes)
_gzip_lock = threading.Lock()


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
    """Voila's page asks for its kernel's shutdown when the tab closes, without an XSRF token.
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


class RoundtableVoila(LockedVoila):
    """Voila locked to the venue (:mod:`roundtable_lib.serving.voila_app`: the CSP header, landing redirects,
    private connection files) with the venue's serving (see the module docstring)."""

    @default("tornado_settings")
    def _tornado_settings_default(self):
        from roundtable_lib.serving.serve import voila_tornado_settings

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
        return settings

    def init_handlers(self):
        handlers = []
        for pattern, handler, *rest in super().init_handlers():
            if isinstance(handler, type) and issubclass(handler, web.StaticFileHandler):
                handler = venue_handler(handler)
            elif handler is VoilaShutdownKernelHandler:
                handler = ShutdownOnTabClose
            handlers.append((pattern, handler, *rest))
        versioned = (
            f"{self.server_url}voila/static-{self.static_version}/(.*)",
            venue_handler(MultiStaticFileHandler),
            {"paths": self.static_paths, "default_filename": "index.html"},
        )
        return [versioned, *handlers]


main = RoundtableVoila.launch_instance

if __name__ == "__main__":
    sys.exit(main())
