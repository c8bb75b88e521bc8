"""training/headline_facts.py: the selection rule on a constructed report and on the gold of
two test documents, and the judging of a prediction (no pipeline is loaded)."""
import importlib.util
import sys
from pathlib import Path

import pytest

from policy_ie.corpus import split_records
from policy_ie.result import ParseResult

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def hf():
    spec = importlib.util.spec_from_file_location("headline_facts", ROOT / "training" / "headline_facts.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # the dataclasses look their module up
    spec.loader.exec_module(mod)
    yield mod
    del sys.modules[spec.name]


def fact(hf, key):
    return next(f for f in hf.FACTS if f.key == key)


RESULT, TARGET = "全省生产总值增长5.4%。", "今年主要预期目标是：生产总值增长5%左右。"


def percent(sentence, text, value, qualifier="exact"):
    start = sentence.index(text)
    return {"start": start, "end": start + len(text), "label": "PERCENT", "text": text, "value": value,
            "unit": "%", "qualifier": qualifier}


def metric(sentence, text="生产总值"):
    start = sentence.index(text)
    return {"start": start, "end": start + len(text), "label": "METRIC", "text": text, "indicator": "gdp"}


def gold_record(i, sentence, offset, value, target):
    return {"text": sentence, "entities": [metric(sentence), value],
            "relations": [{"head": 0, "tail": 1, "label": "CHANGE", "target": target}],
            "meta": {"doc": "d", "id": f"d:{i}", "start": offset}}


@pytest.fixture()
def constructed():
    """A two-sentence report (a result, then a target), its gold records and a ParseResult that
    states both right."""
    text = RESULT + TARGET
    records = [gold_record(0, RESULT, 0, percent(RESULT, "5.4%", 5.4), False),
               gold_record(1, TARGET, len(RESULT), percent(TARGET, "5%左右", 5, "approx"), True)]
    ids = {("d:0", 2, 6): "gdp", ("d:1", 10, 14): "gdp"}
    ents = []
    for r in records:
        for e in r["entities"]:
            ents.append(dict(e, start=e["start"] + r["meta"]["start"], end=e["end"] + r["meta"]["start"]))
    rels = [{"head": 0, "tail": 1, "label": "CHANGE", "target": False},
            {"head": 2, "tail": 3, "label": "CHANGE", "target": True}]
    result = ParseResult(text, ents, rels, [(0, len(RESULT)), (len(RESULT), len(text))])
    return records, ids, result


def statuses(hf, records, ids, result):
    return {r["fact"]: r["status"] for r in hf.document_rows("d", records, ids, result)}


def test_constructed_target_and_result_are_picked_and_judged(hf, constructed):
    records, ids, result = constructed
    gold = hf.gold_candidates(records, ids)
    target, res = hf.select(fact(hf, "gdp_target"), gold), hf.select(fact(hf, "gdp_result"), gold)
    assert (target.value, target.target, target.summary, target.start) == (5, True, True, len(RESULT) + 16)
    assert (res.value, res.target, res.text) == (5.4, False, "5.4%")
    assert hf.select(fact(hf, "cpi_target"), gold) is None
    pred = hf.predicted_candidates(result)
    assert [(c.start, c.end, c.snippet) for c in pred] == [(c.start, c.end, c.snippet) for c in gold]
    got = statuses(hf, records, ids, result)
    assert (got["gdp_target"], got["gdp_result"], got["jobs_target"]) == ("right", "right", "—")

    point = result.entities[3]
    result.entities[3] = dict(point, qualifier="range", low=5, high=5.5)  # same value, but a range
    assert statuses(hf, records, ids, result)["gdp_target"] == "wrong"
    result.entities[3] = point
    result.relations[0]["target"] = True  # the result read as a target: the target is still the summary's
    got = statuses(hf, records, ids, result)
    assert (got["gdp_target"], got["gdp_result"]) == ("right", "wrong")
    result.relations[1:] = []  # and the summary's target lost: the first target is a wrong value
    assert statuses(hf, records, ids, result)["gdp_target"] == "wrong"
    result.relations[:] = []
    assert set(statuses(hf, records, ids, result).values()) == {"miss", "—"}
    got = statuses(hf, records[:1], ids, ParseResult(RESULT + TARGET, result.entities, [
        {"head": 2, "tail": 3, "label": "CHANGE", "target": True}], result.sentences))
    assert got["gdp_target"] == "extra"


def test_multi_year_figures_are_never_picked(hf):
    five = "五年来生产总值年均增长5.9%。"
    records = [gold_record(0, five, 0, percent(five, "5.9%", 5.9), False),
               gold_record(1, RESULT, len(five), percent(RESULT, "5.4%", 5.4), False)]
    gold = hf.gold_candidates(records, {("d:0", 3, 7): "gdp", ("d:1", 2, 6): "gdp"})
    assert gold[0].multi_year and hf.select(fact(hf, "gdp_result"), gold).value == 5.4


def test_gold_headline_facts_of_test_documents(hf):
    ids = hf.read_ids(ROOT / hf.INDICATORS)
    gold = hf.gold_candidates(split_records(ROOT / "corpus" / "gold" / "national-2019.jsonl"), ids)
    picked = {f.key: hf.select(f, gold) for f in hf.FACTS}
    target = picked["gdp_target"]
    assert (target.qualifier, target.low, target.high, target.target) == ("range", 6, 6.5, True)
    assert {k: c.value for k, c in picked.items()} == {
        "gdp_target": 6, "gdp_result": 6.6, "cpi_target": 3, "jobs_target": 11_000_000,
        "unemployment_target": 5.5, "deficit_target": 2.8}
    assert picked["unemployment_target"].indicator == "urban_surveyed_unemployment_rate"  # the first one
    # 河南: the 十五五 goal 城镇新增就业500万人以上 comes first; the year's is in the 预期目标 sentence
    henan_gold = split_records(ROOT / "corpus" / "gold" / "report-2026-河南省.jsonl")
    henan = hf.gold_candidates(henan_gold, ids)
    assert hf.select(fact(hf, "jobs_target"), henan).value == 1_100_000
    assert hf.select(fact(hf, "deficit_target"), henan) is None
