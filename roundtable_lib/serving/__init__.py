"""Serving a meeting: JupyterLab for chairs, Voila for participants (one process or workers
behind nginx), and the dashboards' kernel manager.

May import: :mod:`roundtable_lib.store` (to check the database), Voila, jupyter_server, tornado.
Never the chair's widgets, the dashboards' code or the outputs (those run in kernels).
"""
