"""Annotation-tool exports → corpus records (policy_ie.corpus.importers)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policy_ie.corpus.importers import (ImportFormatError, from_doccano, from_label_studio,
                                        from_prodigy, import_file, write_jsonl)
from policy_ie.corpus.validate import check_record, iter_records

DATA = Path(__file__).parent / "data" / "importers"

S1 = "2025年，地区生产总值增长5.2%，一般公共预算收入达到3826.5亿元。"
S2 = "今年主要预期目标是：地区生产总值增长5%左右，城镇新增就业5万人以上。"
S3 = "力争全社会研发投入增长5%-6%。"
S4 = "单笔50万元以下欠款全部清零。"

E1 = [
    {"start": 6, "end": 12, "label": "METRIC", "text": "地区生产总值"},
    {"start": 14, "end": 18, "label": "PERCENT", "text": "5.2%", "value": 5.2, "unit": "%", "qualifier": "exact"},
    {"start": 19, "end": 27, "label": "METRIC", "text": "一般公共预算收入"},
    {"start": 29, "end": 37, "label": "AMOUNT", "text": "3826.5亿元",
     "value": 382650000000, "unit": "元", "qualifier": "exact"},
]
R1 = [{"head": 0, "tail": 1, "label": "CHANGE", "target": False, "direction": "up"},
      {"head": 2, "tail": 3, "label": "VALUE", "target": False}]
E2 = [
    {"start": 10, "end": 16, "label": "METRIC", "text": "地区生产总值"},
    {"start": 18, "end": 22, "label": "PERCENT", "text": "5%左右", "value": 5, "unit": "%", "qualifier": "approx"},
    {"start": 23, "end": 29, "label": "METRIC", "text": "城镇新增就业"},
    {"start": 29, "end": 34, "label": "AMOUNT", "text": "5万人以上", "value": 50000, "unit": "人", "qualifier": "at_least"},
]
R2 = [{"head": 0, "tail": 1, "label": "CHANGE", "target": True, "direction": "up"},
      {"head": 2, "tail": 3, "label": "VALUE", "target": True}]
E3 = [
    {"start": 2, "end": 9, "label": "METRIC", "text": "全社会研发投入"},
    {"start": 11, "end": 16, "label": "PERCENT", "text": "5%-6%",
     "value": 5, "unit": "%", "qualifier": "range", "low": 5, "high": 6},
]
R3 = [{"head": 0, "tail": 1, "label": "CHANGE", "target": True, "direction": "up"}]
E4 = [{"start": 2, "end": 8, "label": "AMOUNT", "text": "50万元以下", "value": 500000, "unit": "元", "qualifier": "at_most"}]


def _assert_valid(records):
    for rec in records:
        assert check_record(rec) == [], rec


def test_label_studio():
    path = DATA / "label_studio.json"
    recs = from_label_studio(path)
    assert [(r["text"], r["entities"], r["relations"]) for r in recs] == [(S1, E1, R1), (S2, E2, R2), (S3, E3, R3)]
    # task 101: the latest non-cancelled annotation, one span trimmed, one arrow reversed
    assert recs[0]["meta"] == {"source": str(path), "doc": "label_studio", "id": "101", "fixes": [
        "PERCENT '5.2%，' at 14-19 trimmed to '5.2%' at 14-18",
        "relation '3826.5亿元' -> '一般公共预算收入' reversed to METRIC -> AMOUNT"]}
    # the task's own meta is kept, with its id
    assert recs[1]["meta"] == {"doc": "example", "id": "example:0002", "source": str(path)}
    assert recs[2]["meta"] == {"source": str(path), "doc": "label_studio", "id": "103"}
    _assert_valid(recs)


def test_doccano():
    path = DATA / "doccano.jsonl"
    recs = from_doccano(path)
    assert [(r["text"], r["entities"], r["relations"]) for r in recs] == [(S1, E1, R1), (S2, E2, R2), (S4, E4, [])]
    assert [r["meta"] for r in recs] == [{"source": str(path), "doc": "doccano", "id": str(i)} for i in (1, 2, 3)]
    _assert_valid(recs)


def test_prodigy():
    path = DATA / "prodigy.jsonl"
    recs = from_prodigy(path)  # the third line is rejected
    assert [(r["text"], r["entities"], r["relations"]) for r in recs] == [(S1, E1, R1), (S2, E2, R2)]
    assert [r["meta"] for r in recs] == [
        {"doc": "example", "source": str(path), "id": "prodigy.jsonl:1"},
        {"doc": "example", "source": str(path), "id": "prodigy.jsonl:2"},
    ]
    _assert_valid(recs)


def test_import_file_and_write_jsonl(tmp_path):
    for fmt, name in [("label-studio", "label_studio.json"), ("doccano", "doccano.jsonl"), ("prodigy", "prodigy.jsonl")]:
        recs = import_file(DATA / name, fmt)
        out = tmp_path / fmt / "out.jsonl"
        assert write_jsonl(recs, out) == len(recs)
        back = [rec for _, rec, err in iter_records(out) if err is None]
        assert back == recs
        assert "地区生产总值" in out.read_text(encoding="utf-8")  # not \u-escaped
    with pytest.raises(ValueError, match="unknown export format"):
        import_file(DATA / "doccano.jsonl", "brat")


def _jsonl(tmp_path, name, lines):
    p = tmp_path / name
    p.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return p


def test_export_values_win_over_reader(tmp_path):
    p = _jsonl(tmp_path, "given.jsonl", [{"id": 7, "text": S3, "entities": [
        {"id": 1, "start_offset": 2, "end_offset": 9, "label": "METRIC"},
        {"id": 2, "start_offset": 11, "end_offset": 16, "label": "PERCENT",
         "value": 5.5, "unit": "%", "qualifier": "approx"}],
        "relations": [{"from_id": 1, "to_id": 2, "type": "CHANGE:target"}]}])
    [rec] = from_doccano(p)
    assert rec["entities"][1] == {"start": 11, "end": 16, "label": "PERCENT", "text": "5%-6%",
                                  "value": 5.5, "unit": "%", "qualifier": "approx"}


def test_label_studio_options(tmp_path):
    task = {"id": 1, "data": {"sentence": S4}, "annotations": [{"result": [
        {"id": "x", "type": "labels", "value": {"start": 2, "end": 8, "text": "50万元以下", "labels": ["AMOUNT"]}}]}]}
    p = tmp_path / "ls.json"
    p.write_text(json.dumps([task, {"id": 2, "data": {"sentence": S1}, "annotations": []}]), encoding="utf-8")
    recs = from_label_studio(p, text_key="sentence")  # the unannotated task gives no record
    assert [(r["text"], r["entities"]) for r in recs] == [(S4, E4)]
    with pytest.raises(ImportFormatError, match=r"ls\.json:task 1: data\.text missing"):
        from_label_studio(p)


def test_label_studio_utf16_offsets(tmp_path):
    text = "𠀾村新增就业120人。"  # one character beyond U+FFFF: the browser counts it twice
    task = {"id": 5, "data": {"text": text}, "annotations": [{"result": [
        {"id": "m", "type": "labels", "value": {"start": 3, "end": 7, "text": "新增就业", "labels": ["METRIC"]}},
        {"id": "q", "type": "labels", "value": {"start": 7, "end": 11, "text": "120人", "labels": ["AMOUNT"]}},
        {"type": "relation", "from_id": "m", "to_id": "q", "labels": ["VALUE"]}]}]}
    p = tmp_path / "astral.json"
    p.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    [rec] = from_label_studio(p)
    assert [(e["start"], e["end"], e["text"]) for e in rec["entities"]] == [(2, 6, "新增就业"), (6, 10, "120人")]
    assert check_record(rec) == []


S1_ENTS = [{"id": 1, "start_offset": 6, "end_offset": 12, "label": "METRIC"},
           {"id": 2, "start_offset": 14, "end_offset": 18, "label": "PERCENT"}]


@pytest.mark.parametrize("line, where, problem", [
    ({"id": 1, "entities": [], "relations": []}, "2", "text missing"),
    ({"text": S1, "entities": [{"id": 1, "start_offset": 30, "end_offset": 40, "label": "AMOUNT"}]},
     "2", "offsets 30-40 outside the text"),
    ({"text": S1, "entities": S1_ENTS, "relations": [{"from_id": 1, "to_id": 9, "type": "CHANGE"}]},
     "2", "relation to unknown span 9"),
    ({"text": S1, "entities": [{"id": 1, "start_offset": 6, "end_offset": 12, "label": "INDICATOR"}]},
     "2", "unknown label 'INDICATOR'"),
    ({"text": S1, "entities": S1_ENTS, "relations": [{"from_id": 1, "to_id": 2, "type": "GROWTH"}]},
     "2", "unknown relation label 'GROWTH'"),
    ({"text": S1, "entities": [{"id": 1, "start_offset": 5, "end_offset": 6, "label": "METRIC"}]},
     "2", "only punctuation"),
    ({"text": S1, "entities": S1_ENTS[:1] + [{"id": 2, "start_offset": 19, "end_offset": 27, "label": "METRIC"}],
      "relations": [{"from_id": 1, "to_id": 2, "type": "VALUE"}]},
     "2", "must link a METRIC and an AMOUNT/PERCENT"),
])
def test_doccano_malformed(tmp_path, line, where, problem):
    p = _jsonl(tmp_path, "bad_doccano.jsonl", [{"text": S4, "label": [[2, 8, "AMOUNT"]]}, line])
    with pytest.raises(ImportFormatError, match=re.escape(f"bad_doccano.jsonl:{where}: ") + ".*" + re.escape(problem)):
        from_doccano(p)


def test_doccano_not_json(tmp_path):
    p = tmp_path / "broken.jsonl"
    p.write_text(json.dumps({"text": S4, "label": []}) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"broken\.jsonl:2: not JSON"):
        from_doccano(p)


def _ls_task(result, text=S1):
    return [{"id": 9, "data": {"text": text}, "annotations": [{"result": result}]}]


@pytest.mark.parametrize("result, problem", [
    ([{"id": "a", "type": "labels", "value": {"start": 6, "end": 12, "text": "生产总值增长", "labels": ["METRIC"]}}],
     "METRIC '生产总值增长' is not text[6:12] = '地区生产总值'"),
    ([{"id": "a", "type": "labels", "value": {"start": 6, "end": 12, "labels": ["METRIC", "AMOUNT"]}}],
     "needs exactly one label"),
    ([{"id": "a", "type": "labels", "value": {"start": 6, "end": 12, "labels": ["METRIC"]}},
      {"id": "b", "type": "labels", "value": {"start": 14, "end": 18, "labels": ["PERCENT"]}},
      {"type": "relation", "from_id": "a", "to_id": "b", "labels": ["target"]}],
     "needs one of VALUE/CHANGE"),
    ([{"id": "a", "type": "labels", "value": {"start": 6, "end": 12, "labels": ["METRIC"]}},
      {"type": "relation", "from_id": "a", "to_id": "zz", "labels": ["VALUE"]}],
     "relation to unknown span 'zz'"),
    ([{"id": "a", "type": "labels", "value": {"start": 6, "end": 99, "labels": ["METRIC"]}}],
     "outside the text"),
])
def test_label_studio_malformed(tmp_path, result, problem):
    p = tmp_path / "bad_ls.json"
    p.write_text(json.dumps(_ls_task(result), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ImportFormatError, match=re.escape("bad_ls.json:task 1: ") + ".*" + re.escape(problem)):
        from_label_studio(p)


def test_label_studio_not_a_list(tmp_path):
    p = tmp_path / "single.json"
    p.write_text(json.dumps(_ls_task([])[0]), encoding="utf-8")
    with pytest.raises(ImportFormatError, match=r"single\.json:1: expected a JSON list"):
        from_label_studio(p)


@pytest.mark.parametrize("mutate, problem", [
    (lambda t: t.pop("text"), "text missing"),
    (lambda t: t["relations"][0].update(label="GROWTH_TARGET"), "unknown relation label 'GROWTH_TARGET'"),
    (lambda t: t["relations"][0]["child_span"].update(start=0, end=4), "relation to unknown span (0, 4)"),
    (lambda t: t["spans"][0].update(label="metric"), "unknown label 'metric'"),
    (lambda t: t["spans"][1].update(end=80), "outside the text"),
])
def test_prodigy_malformed(tmp_path, mutate, problem):
    good, bad = [json.loads(x) for x in (DATA / "prodigy.jsonl").read_text(encoding="utf-8").splitlines()[:2]]
    mutate(bad)
    p = _jsonl(tmp_path, "bad_prodigy.jsonl", [good, bad])
    with pytest.raises(ImportFormatError, match=re.escape("bad_prodigy.jsonl:2: ") + ".*" + re.escape(problem)):
        from_prodigy(p)


def test_prodigy_token_offsets(tmp_path):
    [task] = [json.loads(x) for x in (DATA / "prodigy.jsonl").read_text(encoding="utf-8").splitlines()[1:2]]
    for s in task["spans"]:
        del s["start"], s["end"]  # only token indices: offsets come from the tokens
    del task["answer"]            # no answer: taken
    [rec] = from_prodigy(_jsonl(tmp_path, "tok.jsonl", [task]))
    assert (rec["entities"], rec["relations"]) == (E2, R2)


def test_imported_records_pass_corpus_validate(tmp_path):
    """Every importer names the document (meta.doc), so its records validate as they come."""
    from policy_ie.corpus.validate import validate_paths

    for fmt, name in [("label-studio", "label_studio.json"), ("doccano", "doccano.jsonl"), ("prodigy", "prodigy.jsonl")]:
        out = tmp_path / f"{fmt}.jsonl"
        write_jsonl(import_file(DATA / name, fmt), out)
        assert validate_paths([out]) == []
