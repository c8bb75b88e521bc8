"""The shipped pipeline's output on all 27 reports is what tests/data/snapshot-reports-2026.json
recorded (entities, values, relations, targets, sentences); see tests/snapshot.py."""
import json

import pytest

from snapshot import REPORTS, SNAPSHOT, compute, differences, report_files


@pytest.mark.skipif(not report_files(REPORTS), reason="../shared/reports-2026 not here")
def test_reports_parse_as_recorded():
    stored = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["reports"]
    assert differences(stored, compute()) == []
