"""One description of the participants' Voila (roundtable_lib.serving.voila_command): the one
process of `roundtable serve` and each worker of `serve --workers N` are started from it."""

import pytest

from roundtable_lib.serving.serve import ServePlan
from roundtable_lib.serving.viewer_kernels import ViewerKernelManager, WorkerKernelManager
from roundtable_lib.serving.workers import Workers, worker_caps

# What makes a worker a worker; everything else on its command line is the one process's.
WORKER_OWN = ("Voila.ip", "port", "VoilaConfiguration.multi_kernel_manager_class", "Voila.cookie_secret")


def _settings(command):
    """``(name, value)`` of each ``--name=value`` flag; the kernel managers' sections are named
    alike (a worker's manager is a viewer manager: a setting given to both is given twice)."""
    settings = []
    for arg in command[4:]:
        name, _, value = arg[2:].partition("=")
        for section in ("WorkerKernelManager.", "ViewerKernelManager."):
            name = name.replace(section, "KernelManagerOfThisVoila.")
        settings.append((name, value))
    return settings


def _flags(command):
    return dict(_settings(command))


@pytest.mark.parametrize("cull, grace, expected", [(120, 600, "600"), (900, 600, "900"), (2, 20, "20")])
def test_the_venue_voila_runs_kernels_over_ipc_and_waits_for_slow_pages(db_path, cull, grace, expected):
    command = ServePlan(db=db_path, cull_seconds=cull, connect_grace_seconds=grace).voila_command()
    assert command[1:3] == ["-m", "roundtable_lib.serving.voila_app"]
    assert "--KernelManager.transport=ipc" in command
    assert f"--ViewerKernelManager.connect_grace_seconds={expected}" in command  # never shorter than culling


def test_a_worker_runs_the_same_voila_as_the_one_process_but_for_what_makes_it_a_worker(db_path):
    plan = ServePlan(db=db_path, max_viewers=10, warm_kernels=4, cull_seconds=30, connect_grace_seconds=90)
    one = _flags(plan.voila_command())
    pool = Workers(plan, 3, ports=[9001, 9002, 9003])
    for i in range(3):
        command = pool.worker_command(i)
        assert command[:4] == plan.voila_command()[:4]  # same program, same dashboards folder
        worker = _flags(command)
        differs = {name for name in one.keys() | worker.keys() if one.get(name) != worker.get(name)}
        shares = {"KernelManagerOfThisVoila.max_kernels", "KernelManagerOfThisVoila.warm_kernels"}
        assert differs <= set(WORKER_OWN) | shares | {"KernelManagerOfThisVoila.worker"}, differs
        assert worker["KernelManagerOfThisVoila.worker"] == str(i)


@pytest.mark.parametrize("workers", [None, 3])
def test_every_flag_is_given_once(db_path, workers):
    plan = ServePlan(db=db_path, warm_kernels=2)
    command = plan.voila_command() if workers is None else Workers(plan, workers).worker_command(workers - 1)
    names = [name for name, _value in _settings(command)]
    assert len(names) == len(set(names)), names


def test_a_workers_flags_configure_its_kernel_manager(db_path):
    from roundtable_lib.serving.voila_app import RoundtableVoila

    plan = ServePlan(db=db_path, max_viewers=10, warm_kernels=0, cull_seconds=120, connect_grace_seconds=300)
    pool = Workers(plan, 3, ports=[9001, 9002, 9003])
    app = RoundtableVoila()
    app.parse_command_line(pool.worker_command(1)[3:])
    assert (app.ip, app.port, app.token) == ("127.0.0.1", 9002, plan.voila_token)
    assert app.config.VoilaConfiguration.multi_kernel_manager_class.endswith(".WorkerKernelManager")
    manager = WorkerKernelManager(config=app.config)
    assert isinstance(manager, ViewerKernelManager)
    assert (manager.worker, manager.max_kernels) == (1, worker_caps(10, 3)[1])
    assert (manager.cull_idle_timeout, manager.cull_interval, manager.cull_connected) == (105, 10, False)
    assert manager.connect_grace_seconds == 300
