"""`roundtable init --meeting FILE` starts any meeting file's meeting: the regional conference
in four languages, as a real process on a real database file."""

import pytest

from roundtable_lib import Store
from tests.helpers import ROOT, roundtable

REGIONAL_FILE = ROOT / "data" / "regional_conference.yaml"


@pytest.mark.slow
def test_init_starts_the_regional_conference(tmp_path):
    db = tmp_path / "regional.db"
    first = roundtable("init", "--meeting", REGIONAL_FILE, "--db", db)
    assert first.returncode == 0, first.stderr
    assert "Initialised" in first.stdout and "Regional Conference" in first.stdout
    meeting = Store(db).meeting
    assert meeting.id == "roma-asia-regional-2016"
    assert meeting.languages == ("en", "id", "ne", "th") and meeting.working_language == "en"
    assert meeting.org("nrcs").label("ne") == "नेरेसो"
    again = roundtable("init", "--meeting", REGIONAL_FILE, "--db", db)
    assert again.returncode == 0 and "Already up to date" in again.stdout
    status = roundtable("status", "--db", db)
    assert status.returncode == 0 and "(illustrative) (2016-10-18)" in status.stdout
    assert "grouping     nothing captured" in status.stdout
    # The Bangkok database refuses the regional meeting: one database holds one meeting.
    bangkok = tmp_path / "bangkok.db"
    assert roundtable("init", "--db", bangkok).returncode == 0
    other = roundtable("init", "--meeting", REGIONAL_FILE, "--db", bangkok)
    assert other.returncode != 0 and "not 'roma-asia-regional-2016'" in other.stderr


@pytest.mark.slow
def test_a_mistake_in_a_meeting_files_languages_is_one_plain_line(tmp_path):
    text = REGIONAL_FILE.read_text(encoding="utf-8").replace("languages: [en, id, ne, th]", "languages: [en, id, th]")
    path = tmp_path / "ours.yaml"
    path.write_text(text, encoding="utf-8")
    result = roundtable("init", "--meeting", path, "--db", tmp_path / "x.db")
    assert result.returncode != 0
    line = result.stderr.strip().splitlines()[-1]
    assert "organisations[0].name.ne: a Nepali (ne) name, but" in line
    assert "this meeting's languages are English, Indonesian and Thai" in line
    assert "Traceback" not in result.stderr
