"""The `roundtable` command, run as a real process on real files."""

import pytest
import yaml

from roundtable_lib import Store
from roundtable_lib.cli import COMMANDS, build_parser
from tests.helpers import MEETING_FILE, roundtable


@pytest.mark.slow
def test_init_is_idempotent_and_status_reports(tmp_path):
    db = tmp_path / "meeting.db"
    first = roundtable("init", "--db", db)
    assert first.returncode == 0, first.stderr
    assert "Initialised" in first.stdout
    Store(db).add_item("s2", "progress", text_en="kept", org="map")
    again = roundtable("init", "--db", db)
    assert again.returncode == 0 and "Already up to date" in again.stdout
    status = roundtable("status", "--db", db)
    assert status.returncode == 0
    assert "Rights of Migrants in Action" in status.stdout
    assert "s2           1 progress" in status.stdout
    assert [i["text_en"] for i in Store(db).items()] == ["kept"]


@pytest.mark.slow
def test_db_from_the_environment(tmp_path):
    db = tmp_path / "env.db"
    result = roundtable("init", env={"ROUNDTABLE_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert db.exists()


@pytest.mark.slow
def test_demo_fills_every_session_and_never_mixes_with_real_data(tmp_path, meeting):
    db = tmp_path / "demo.db"
    result = roundtable("demo", "--db", db)
    assert result.returncode == 0, result.stderr
    store = Store(db)
    assert store.get_state("demo") is True
    for agenda_item in meeting.agenda:
        assert store.items(session=agenda_item.id), agenda_item.id
    assert roundtable("demo", "--db", db).returncode == 0  # already a demo: left alone
    real = tmp_path / "real.db"
    roundtable("init", "--db", real)
    Store(real).add_item("s2", "progress", text_en="real capture", org="map")
    refused = roundtable("demo", "--db", real)
    assert refused.returncode == 1
    assert "already holds captured data" in refused.stderr
    assert roundtable("demo", "--db", real, "--if-empty").returncode == 0
    assert [i["text_en"] for i in Store(real).items()] == ["real capture"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "args, message",
    [
        (["status", "--db", "{tmp}/missing/x.db"], "does not exist"),
        (["init", "--db", "{tmp}/x.db", "--meeting", "{tmp}/nope.yaml"], "nope.yaml: check the folder"),
        (["init", "--db", "{tmp}/x.db", "--meeting", "{tmp}/bad.yaml"], "bad.yaml: agenda[0].chair: unknown CSO"),
        (["status", "--db", "{tmp}/junk.db"], "not a roundtable database"),
        (["status", "--db", "{tmp}/empty.db"], "has no meeting yet"),
    ],
)
def test_errors_are_one_line_never_a_traceback(tmp_path, args, message):
    data = yaml.safe_load(MEETING_FILE.read_text(encoding="utf-8"))
    data["agenda"][0]["chair"] = "nobody"
    (tmp_path / "bad.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "junk.db").write_bytes(b"junk" * 1000)
    Store(tmp_path / "empty.db").close()
    result = roundtable(*[a.format(tmp=tmp_path) for a in args])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("roundtable: error: ")
    assert message in lines[0]


@pytest.mark.slow
def test_every_command_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)
    for name, subparser in sub.choices.items():
        assert subparser.description, name
        helped = subparser.format_help()
        # every command but two opens a database: migrate-db names its source, languages reads no database
        assert "--db" in helped or name == "migrate-db" and "--from" in helped or name == "languages", name
        result = roundtable(name, "--help")
        assert result.returncode == 0 and "usage: roundtable " + name in result.stdout


@pytest.mark.slow
def test_serve_refuses_a_busy_port(demo_store):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = roundtable("serve", "--db", demo_store.path, "--no-lab", "--host", "127.0.0.1", "--voila-port", port)
    assert result.returncode == 1
    assert f"Port {port} for Voila is already in use" in result.stderr
