"""Scoring against gold records."""
from policy_ie.evaluation import Scorer, join_document
from policy_ie.result import ParseResult


def _ents():
    return [{"start": 0, "end": 6, "label": "METRIC", "text": "地区生产总值"},
            {"start": 8, "end": 10, "label": "PERCENT", "text": "5%", "value": 5, "unit": "%", "qualifier": "exact"}]


def test_perfect_and_wrong_predictions():
    s = Scorer()
    gold_rels = [{"head": 0, "tail": 1, "label": "CHANGE", "target": True}]
    s.add(_ents(), gold_rels, _ents(), [{"head": 0, "tail": 1, "label": "CHANGE", "target": False}])
    r = s.result()
    assert r["entities"]["micro"]["f"] == 1.0 and r["relations"]["f"] == 1.0
    assert r["target_accuracy"] == 0.0 and r["value_accuracy"] == 1.0
    s2 = Scorer()
    wrong = _ents()
    wrong[1] = dict(wrong[1], value=6)
    s2.add(_ents(), gold_rels, wrong[:1] + [dict(wrong[1], end=9, text="5")], [])
    r2 = s2.result()
    assert r2["entities"]["per_label"]["PERCENT"]["f"] == 0.0 and r2["relations"]["r"] == 0.0


def test_join_document_shifts_offsets():
    recs = [{"text": "标题", "entities": [], "relations": []},
            {"text": "地区生产总值增长5%。", "entities": _ents(),
             "relations": [{"head": 0, "tail": 1, "label": "CHANGE", "target": False}]}]
    text, ents, rels = join_document(recs)
    assert text == "标题\n地区生产总值增长5%。"
    assert [text[e["start"]:e["end"]] for e in ents] == ["地区生产总值", "5%"]
    assert rels == [{"head": 0, "tail": 1, "label": "CHANGE", "target": False}]


def test_records_table_rows():
    res = ParseResult("地区生产总值增长5%，另有9个。", _ents() + [
        {"start": 13, "end": 15, "label": "AMOUNT", "text": "9个", "value": 9, "unit": "个", "qualifier": "exact"}],
        [{"head": 0, "tail": 1, "label": "CHANGE", "target": False}], [(0, 16)])
    rows = res.records("doc")
    assert [(r["metric"], r["value_text"], r["relation"]) for r in rows] == [
        ("地区生产总值", "5%", "CHANGE"), (None, "9个", None)]
