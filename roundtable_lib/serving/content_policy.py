"""What the pages of both servers may load and send: the Content-Security-Policy.

The venue has no internet, and nothing a page holds may reach beyond the laptop that serves it:
the chairs' JupyterLab sends this policy through its ``tornado_settings``
(:func:`jupyterlab_tornado_settings`), the participants' Voila on every response
(:class:`roundtable_lib.serving.voila_app.ContentSecurityPolicy`).

May import: the standard library only (``roundtable serve`` reads it without loading Voila).
"""

import json

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


def jupyterlab_tornado_settings():
    """The chairs' JupyterLab's ``tornado_settings``, as JSON for its command line: its
    handlers send the policy header."""
    return json.dumps({"headers": {"Content-Security-Policy": CSP}})
