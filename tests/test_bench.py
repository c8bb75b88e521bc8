"""The benchmark harness (benchmarks/bench.py) and the peer comparison (benchmarks/peers.py)."""
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

import peers  # benchmarks/ (pytest's pythonpath)
from bench import build_long_text, check_offsets, markdown

ROOT = Path(__file__).resolve().parents[1]


def test_build_long_text_is_exact_and_places_whole_copies():
    texts = ["甲" * 10, "乙" * 7]
    text, placed = build_long_text(texts, 40)
    assert len(text) == 40
    assert placed == [(0, 0), (1, 11), (0, 19), (1, 30)]
    for i, s in placed:
        assert text[s:s + len(texts[i])] == texts[i]


def test_check_offsets_finds_bad_offsets():
    d = {"text": "增长5%", "entities": [{"start": 2, "end": 4, "label": "PERCENT", "text": "5%"}], "relations": []}
    assert check_offsets("增长5%", d) == []
    d["entities"][0]["end"] = 5
    assert check_offsets("增长5%", d)


def test_bench_runs_on_two_small_documents(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text((ROOT / "examples" / "seed-000-excerpt.txt").read_text(encoding="utf-8"),
                                   encoding="utf-8")
    (reports / "b.txt").write_text("2025年，全省地区生产总值增长5.2%，一般公共预算收入达到3826.5亿元。\n"
                                   "2026年主要预期目标是：新增城镇就业8000人，投资增长6%左右。\n", encoding="utf-8")
    (reports / "c.txt").write_text("不读这一篇。", encoding="utf-8")
    out = tmp_path / "bench.json"
    p = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--dir", str(reports), "--limit", "2",
                        "--long-chars", "1500", "--repeat", "1", "--rounds", "1", "--gold-limit", "12",
                        "--overhead-docs", "20", "--json", str(out)],
                       capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert p.returncode == 0, p.stderr
    res = json.loads(out.read_text(encoding="utf-8"))
    m = res["machine"]
    assert m["cores"] >= 1 and m["cpu"] and m["python"] and m["spacy"].startswith("3.8")
    assert res["documents"] == 2
    runs = res["measurements"]
    for kind in ("tokenize", "parse", "parse_default", "parse2", "long", "finder"):
        assert "error" not in runs[kind], (kind, runs[kind])
        assert runs[kind]["chars_per_s"] > 0 and runs[kind]["peak_rss_mb"] > 0, kind
    assert runs["parse"]["chars"] == runs["tokenize"]["chars"] == res["chars"]
    assert runs["parse"]["entities"] == runs["parse2"]["entities"] > 5
    assert runs["parse2"]["n_process"] == 2 and runs["parse2"]["peak_rss_total_mb"] >= runs["parse2"]["peak_rss_mb"]
    assert res["parse_to_tokenize"] > 1
    dask = [k for k in ("dask1", "dask2") if importlib.util.find_spec("distributed")]  # the [dask] extra
    assert set(res["scaling"]) == {"parse", "parse_default", "parse2", *dask} and res["scaling"]["parse"] == 1
    for kind in dask:
        assert runs[kind]["n_workers"] == int(kind[-1]) and runs[kind]["peak_rss_per_worker_mb"] > 100
        assert runs[kind]["rows"] == runs["dask1"]["rows"] > 5 and runs[kind]["chars"] == res["chars"]
    if dask:
        assert runs["dask_overhead"]["documents"] == 20 and "overhead_ms_per_document" in runs["dask_overhead"]
        assert "| Dask, local cluster of 2 worker processes |" in p.stdout and "Dask overhead: " in p.stdout
    assert runs["parse_default"]["entities"] == runs["parse"]["entities"]
    long = runs["long"]
    assert long["chars"] == 1500 and long["offsets_valid"] and long["check"]["copies"] >= 2
    assert long["check"]["entity_agreement"] >= 0.9
    for peer in ("jionlp", "recognizers"):
        assert "chars_per_s" in runs[peer] or "pip install" in runs[peer]["error"]
    acc = runs["accuracy"]
    assert acc["records"] == 12 and {r["system"] for r in acc["ours"]} == {"policy_ie finder (rules)",
                                                                          "policy_ie model (parse)"}
    for name, r in acc["peers"].items():
        assert "rows" in r or "pip install" in r["error"], name
    assert "| measurement | chars | seconds | chars/s | peak RSS |" in p.stdout
    assert "| parse 1,500-char text (1 process) | 1,500 |" in p.stdout
    assert "Machine: " in p.stdout and m["cpu"] in p.stdout
    assert res["blas"] == "numpy" and "BLAS numpy, 1 thread per process" in p.stdout
    assert markdown(res) in p.stdout


def test_scoring_exact_lenient_and_values():
    gold = [{"start": 2, "end": 10, "label": "AMOUNT", "value": 382650000000, "unit": "元", "qualifier": "exact"},
            {"start": 12, "end": 14, "label": "PERCENT", "value": 5, "unit": "%", "qualifier": "exact"},
            {"start": 20, "end": 27, "label": "AMOUNT", "value": 23000000, "unit": "元", "qualifier": "more_than"}]
    pred = [{"start": 0, "end": 10, "label": "AMOUNT", "value": 382650000000.0},     # 达到3826.5亿元: overlap only
            {"start": 12, "end": 14, "label": "PERCENT", "value": 6.0},             # exact span, wrong value
            {"start": 20, "end": 27, "label": "AMOUNT", "low": 23e6, "high": 24e6},  # 2300余万元 read as a range
            {"start": 30, "end": 32, "label": "AMOUNT", "value": 1.0}]              # spurious
    c = peers._Counts()
    peers.score_record(gold, pred, c)
    r = c.result()
    assert (r["exact"]["tp"], r["exact"]["fp"], r["exact"]["fn"]) == (2, 2, 1)
    assert (r["lenient"]["tp"], r["lenient"]["fp"], r["lenient"]["fn"]) == (3, 1, 0)
    assert r["value_n"] == 3 and r["value_accuracy"] == pytest.approx(2 / 3, abs=1e-4)


def test_domains_and_overlaps():
    assert peers.is_money("AMOUNT", "元") and peers.is_money("AMOUNT", "元/人") and peers.is_money("AMOUNT", "美元")
    assert not peers.is_money("AMOUNT", "人/百亿元") and not peers.is_money("PERCENT", "%")
    assert peers.is_measure("AMOUNT", "公里") and not peers.is_measure("AMOUNT", "个")
    kept = peers._non_overlapping([{"start": 5, "end": 7}, {"start": 0, "end": 4}, {"start": 3, "end": 9},
                                   {"start": 9, "end": 11}])
    assert kept == [{"start": 3, "end": 9}, {"start": 9, "end": 11}]  # of overlapping spans the longer


def test_evaluate_scores_a_system_in_its_domain():
    records = [{"text": "收入3826.5亿元，增长5%，新建道路15公里。",
                "entities": [{"start": 2, "end": 10, "label": "AMOUNT", "text": "3826.5亿元", "value": 382650000000,
                              "unit": "元", "qualifier": "exact"},
                             {"start": 13, "end": 15, "label": "PERCENT", "text": "5%", "value": 5, "unit": "%",
                              "qualifier": "exact"},
                             {"start": 20, "end": 24, "label": "AMOUNT", "text": "15公里", "value": 15, "unit": "公里",
                              "qualifier": "exact"}],
                "relations": []}]
    money_only = peers.System("fake", lambda t: [{"start": 2, "end": 10, "label": "AMOUNT", "value": 382650000000.0}],
                              lambda label, unit: peers.is_money(label, unit), peer=True, predicts_in_domain_only=True)
    res = peers.evaluate(records, money_only)
    assert res["domain"]["gold"] == 1 and res["domain"]["exact"]["f"] == 1.0 and res["domain"]["value_accuracy"] == 1.0
    assert res["all"]["exact"]["r"] == pytest.approx(1 / 3, abs=1e-4)
    finder = peers.finder_system()
    assert peers.evaluate(records, finder)["all"]["exact"]["f"] == 1.0
    in_money = peers.evaluate(records, finder, domain_of=money_only)["domain"]
    assert in_money["gold"] == 1 and in_money["predicted"] == 1


def test_missing_peer_is_a_clear_message(monkeypatch):
    for mod in ("jionlp", "recognizers_number", "recognizers_number_with_unit", "recognizers_text"):
        monkeypatch.setitem(sys.modules, mod, None)  # import fails as if not installed
    for name in peers.PEER_NAMES:
        with pytest.raises(peers.PeerUnavailable, match=f"peer '{name}' is not installed.*pip install"):
            peers.get_peer(name)
    res = peers.compare([], model=False)
    assert set(res["peers"]) == set(peers.PEER_NAMES) and all("error" in r for r in res["peers"].values())
    assert "not run" in peers.markdown(res)
