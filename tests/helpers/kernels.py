"""The kernels a real Voila runs, seen from outside it, whichever way they were started.

An ordinary kernel is a child of Voila whose command line names its connection file
(``-f .../kernel-<id>.json``). A forked kernel is a child of the template
(:mod:`roundtable_lib.serving.kernel_template`) and its command line is the template's, so the
id is read from the Unix sockets it listens on instead: with the ``ipc`` transport that
``roundtable serve`` uses, jupyter_client names them after the connection file
(``kernel-<id>-ipc-<n>``). Voila serves no list of its kernels (only ``/api/kernels/<id>``),
so this is the list the tests count.
"""

import re

import psutil

KERNEL_ID = re.compile(r"kernel-([0-9a-f-]{36})(?:\.json|-ipc)")


def _ids_in(text):
    return {found.group(1) for found in KERNEL_ID.finditer(text)}


def _kernel_id(process):
    """The id of the kernel ``process`` runs, or None when it runs none (yet)."""
    try:
        ids = _ids_in(" ".join(process.cmdline()))
        if not ids:
            ids = _ids_in(" ".join(c.laddr for c in process.net_connections(kind="unix") if c.laddr))
    except psutil.Error:  # it ended meanwhile
        return None
    return next(iter(ids), None)


def _candidates(server_pid):
    """Voila's children, and the children of its template (the forked kernels)."""
    try:
        children = psutil.Process(server_pid).children()
    except psutil.Error:
        return []
    found = []
    for child in children:
        try:
            if "kernel_template" in " ".join(child.cmdline()):
                found += [k for k in child.children() if k.status() != psutil.STATUS_ZOMBIE]
            elif child.status() != psutil.STATUS_ZOMBIE:
                found.append(child)
        except psutil.Error:
            continue
    return found


def kernels(server_pid):
    """``{kernel id: process}`` for every kernel the Voila process ``server_pid`` runs now, forked
    or ordinary. A kernel is listed once it listens (a kernel still starting is not)."""
    out = {}
    for process in _candidates(server_pid):
        kernel_id = _kernel_id(process)
        if kernel_id is not None:
            out[kernel_id] = process
    return out


def kernel_ids(server_pid):
    """The ids of :func:`kernels`."""
    return set(kernels(server_pid))


def template_pid(server_pid):
    """The pid of the Voila process's kernel template, or None (ordinary kernels, or not started)."""
    try:
        for child in psutil.Process(server_pid).children():
            if "kernel_template" in " ".join(child.cmdline()):
                return child.pid
    except psutil.Error:
        pass
    return None
