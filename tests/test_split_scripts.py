"""training/subset_splits.py and training/seen_splits.py: the splits files behind the README's fit,
learning-curve and unseen-document figures."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from policy_ie.evaluation import document_kind

ROOT = Path(__file__).resolve().parents[1]
SPLITS = json.loads((ROOT / "corpus" / "splits.json").read_text(encoding="utf-8"))


def _run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "training" / script), *args], cwd=ROOT,
                          capture_output=True, text=True)


def test_fraction_keeps_a_share_of_each_kind(tmp_path):
    out = tmp_path / "half.json"
    assert _run("subset_splits.py", "--fraction", "0.5", "-o", str(out)).returncode == 0
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["dev"] == SPLITS["dev"] and got["test"] == SPLITS["test"]
    assert set(got["train"]) <= set(SPLITS["train"]) and len(set(got["train"])) == len(got["train"])
    have, total = Counter(map(document_kind, got["train"])), Counter(map(document_kind, SPLITS["train"]))
    assert have == {kind: max(1, round(n * 0.5)) for kind, n in total.items()}
    again = tmp_path / "again.json"
    _run("subset_splits.py", "--fraction", "0.5", "-o", str(again))
    assert json.loads(again.read_text(encoding="utf-8")) == got  # the same draw for the same seed


def test_first_n_of_a_kind(tmp_path):
    out = tmp_path / "three.json"
    assert _run("subset_splits.py", "--first", "3", "--kind", "provincial-2026", "-o", str(out)).returncode == 0
    want = [d for d in SPLITS["train"] if document_kind(d) == "provincial-2026"][:3]
    assert json.loads(out.read_text(encoding="utf-8"))["train"] == want


@pytest.mark.parametrize("args", [[], ["--fraction", "0"], ["--first", "3", "--kind", "county"]])
def test_bad_arguments_are_refused_without_output(tmp_path, args):
    out = tmp_path / "x.json"
    res = _run("subset_splits.py", *args, "-o", str(out))
    assert res.returncode == 2 and "Traceback" not in res.stderr and not out.exists()


def test_seen_splits_against_the_current_commit(tmp_path):
    if subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True).returncode != 0:
        pytest.skip("not a git checkout")
    out = tmp_path / "seen.json"
    res = _run("seen_splits.py", "HEAD", "-o", str(out))
    assert res.returncode == 0, res.stderr
    got = json.loads(out.read_text(encoding="utf-8"))
    committed = json.loads(subprocess.run(["git", "show", "HEAD:corpus/splits.json"], cwd=ROOT, check=True,
                                          capture_output=True, text=True).stdout)
    learned = set(committed["train"]) | set(committed["dev"])
    assert got["seen"] == [d for d in SPLITS["train"] if d in learned]
    assert got["unseen_train"] == [d for d in SPLITS["train"] if d not in learned]
    assert got["train"] == SPLITS["train"] and got["test"] == SPLITS["test"]


def test_seen_splits_refuses_an_unknown_commit(tmp_path):
    out = tmp_path / "seen.json"
    res = _run("seen_splits.py", "no-such-commit", "-o", str(out))
    assert res.returncode == 2 and "Traceback" not in res.stderr and not out.exists()
