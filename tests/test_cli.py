"""The policy-ie command line."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args, input=None):
    return subprocess.run([sys.executable, "-m", "policy_ie", *args], capture_output=True, text=True,
                          input=input, cwd=ROOT)


def test_version_and_help():
    from policy_ie import __version__

    assert run("--version").stdout.strip() == f"policy_ie {__version__}"
    assert "parse" in run("--help").stdout


def test_parse_file_prints_json():
    p = run("parse", "examples/seed-000-excerpt.txt")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    text = (ROOT / "examples" / "seed-000-excerpt.txt").read_text(encoding="utf-8")
    assert d["text"] == text and d["entities"]
    assert "1 file(s)" in p.stderr


def test_parse_stdin_jsonl():
    p = run("parse", "-", "--format", "jsonl", input="地区生产总值增长5%。")
    assert p.returncode == 0
    assert json.loads(p.stdout.splitlines()[0])["text"] == "地区生产总值增长5%。"


def test_missing_file_is_one_line_error():
    p = run("parse", "no/such/file.txt")
    assert p.returncode == 1
    assert p.stderr.strip() == "policy-ie: no/such/file.txt: no such file or directory"


def test_gbk_file(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes("地区生产总值增长5%。".encode("gbk"))
    p = run("parse", str(f))
    assert p.returncode == 0 and json.loads(p.stdout)["text"] == "地区生产总值增长5%。"


def test_corpus_validate_reports_file_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "增长5%", "entities": [{"start": 2, "end": 4, "label": "PERCENT",
                                                               "text": "5%"}], "relations": []}) + "\n",
                   encoding="utf-8")
    p = run("corpus", "validate", str(bad))
    assert p.returncode == 1
    assert p.stdout.startswith(f"{bad}:1: entity 0 '5%': qualifier None")
