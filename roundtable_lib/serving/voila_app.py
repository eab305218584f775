"""Voila as the participants' server runs it: nothing reachable leaves the venue network.

``roundtable serve`` starts ``python -m roundtable_lib.serving.voila_app`` instead of ``python -m voila``:
the same application and options, plus what Voila has no setting for.

- A Content-Security-Policy on every response (pages, static files, errors, redirects), which
  allows the server itself and nothing else: a page that tries to load or send anything to
  another address is stopped by the browser, whatever the page holds. Voila's own handlers
  set the header from ``tornado_settings``; its static-file handlers do not, hence a tornado
  output transform.
- ``/`` and ``/voila/tree`` lead to the landing page (keeping the token): Voila's file tree
  uses a stock page with a CDN stylesheet.
- Connection files go to a private folder that is removed when Voila stops, also on SIGTERM
  (Voila leaves ``/tmp/voila_*`` behind otherwise).

The template override is off (``allow_template_override=NO`` in ``voila_command``): with it,
``?template=lab|classic|reveal`` rendered Voila's stock templates with CDN links, and
``?template=base`` hung with its kernel holding a viewer place.
"""

import shutil
import tempfile

from tornado import web
from voila.app import Voila

# What the dashboards and JupyterLab need, from the server itself only. 'unsafe-inline' and
# 'unsafe-eval': Voila's and JupyterLab's pages inline their configuration and styles, and
# plotly.js (in JupyterLab) compiles functions at run time. data:/blob: are local (images, fonts, workers).
# 'self' covers ws:// to this same host and port (CSP level 3); a bare "ws:" would allow any host.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "frame-ancestors 'self'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
LANDING = "voila/render/index.ipynb"


def tornado_settings():
    """The ``tornado_settings`` of both servers: Jupyter's handlers send these headers."""
    return {"headers": {"Content-Security-Policy": CSP}}


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

    return OfflineExporter


class RoundtableVoila(Voila):
    """Voila with the policy header, the landing redirects and a private connection folder."""

    def init_handlers(self):
        from jupyter_server.utils import url_path_join

        self.app.transforms.append(ContentSecurityPolicy)
        landing = {"target": url_path_join(self.server_url, LANDING)}
        ours = [
            (self.server_url.rstrip("/") + "/?", ToLanding, landing),
            (url_path_join(self.server_url, r"/voila/tree(/.*)?"), ToLanding, landing),
            (url_path_join(self.server_url, r"/voila/?"), ToLanding, landing),
        ]
        return ours + super().init_handlers()

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


main = RoundtableVoila.launch_instance

if __name__ == "__main__":
    main()
