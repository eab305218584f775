"""Serving a meeting: JupyterLab for chairs, Voila for participants (one process, or workers
behind nginx), and the dashboards' kernel managers.

- ``serve``: ``roundtable serve``'s plan (:class:`~roundtable_lib.serving.serve.ServePlan`), the
  chairs' JupyterLab command line, the addresses and QR code it prints.
- ``workers``: ``roundtable serve --workers N``: N Voila processes behind Debian's nginx.
- ``processes``: starting, waiting for and stopping the servers' processes.
- ``pooler``: on PostgreSQL, a throwaway PgBouncer (transaction mode) between the dashboards and
  the database, so that any number of viewers share a few server connections.
- ``voila_command``: the participants' Voila as one data object, the only writer of its command line.
- ``voila_app``: the Voila application those command lines run (``python -m``).
- ``page_templates``: Voila's page templates compiled once per process, not once per phone.
- ``content_policy``: what the pages of both servers may load and send.
- ``lab_folder``: the chairs' JupyterLab's folder of each database: its workspaces (this meeting's
  tabs only) and its page style (no code on a chair's screen, one line when the kernel is gone).
- ``viewer_kernels``: the kernel managers Voila loads: the viewer cap, warm kernels, worker ids.
- ``forked_kernels``: a kernel provisioner (entry point ``roundtable-forked``) that forks viewer
  kernels from a warm template process (``roundtable serve --forked-kernels`` or
  ``--ordinary-kernels``, else ``ROUNDTABLE_FORKED_KERNELS``, else ``voila_command``'s default).
- ``kernel_template``: that template: imports the kernel's modules once, then forks one child
  per viewer, each with its own descriptors, sockets and database engine.

May import: ``voila_app``, ``viewer_kernels`` and ``forked_kernels`` run inside Voila's process:
Voila, jupyter_server, jupyter_client, tornado, traitlets, pyzmq, and nothing of the workbook but
the content policy. ``kernel_template`` is the viewer kernels' parent: it imports what a viewer
kernel imports (ipykernel, ipywidgets, SQLAlchemy, the dashboards), before it forks.
The others run in the ``roundtable`` command: :mod:`roundtable_lib.exceptions`, the standard
library, segno (the QR code), SQLAlchemy (to print a database URL without its password),
psycopg and :mod:`roundtable_lib.store.postgres` (the pooler's login and the dashboards' role) and
:mod:`roundtable_lib.meeting.labels` (the words of the chairs' JupyterLab's page style); they
import neither ``voila_app`` nor ``viewer_kernels`` (they name them on command lines). Never the
chair's widgets, the dashboards' code or the outputs (those run in kernels).
"""
