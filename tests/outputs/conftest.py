"""Fixtures of the output tests."""

import pytest
import yaml

from roundtable_lib import Store, load_meeting
from tests.helpers import MEETING_FILE


@pytest.fixture
def regional(tmp_path):
    """A second meeting: another id, without LSDF and the Thai Red Cross."""
    data = yaml.safe_load(MEETING_FILE.read_text(encoding="utf-8"))
    data["meeting"]["id"] = "asia-regional-2016"
    data["meeting"]["title"] = {"en": "Asia regional conference", "th": "การประชุมระดับภูมิภาคเอเชีย"}
    data["organisations"] = [o for o in data["organisations"] if o["id"] not in ("lsdf", "trc")]
    for item in data["agenda"]:
        item["chair"] = "map" if item["chair"] == "lsdf" else item["chair"]
    path = tmp_path / "regional.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    store = Store(tmp_path / "regional.db", actor="organiser")
    store.init(load_meeting(path))
    yield store
    store.close()
