"""Scoring against gold records."""
import pytest

from policy_ie.evaluation import Scorer, format_report, join_document
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


def test_document_folds_are_disjoint_balanced_and_deterministic():
    from policy_ie.training import document_folds

    records = [{"text": "x", "entities": [], "relations": [], "meta": {"doc": f"d{i}", "start": j}}
               for i in range(7) for j in range(i + 1)]
    folds = document_folds(records, 3)
    assert folds == document_folds(list(reversed(records)), 3)
    flat = [d for f in folds for d in f]
    assert sorted(flat) == [f"d{i}" for i in range(7)] and len(flat) == len(set(flat))
    sizes = [sum(int(d[1:]) + 1 for d in f) for f in folds]
    assert max(sizes) - min(sizes) <= 7
    with pytest.raises(ValueError, match="K >= 3"):
        document_folds(records, 2)
    with pytest.raises(ValueError, match="at least 8 documents"):
        document_folds(records, 8)


def test_scores_per_kind_of_document():
    from policy_ie.evaluation import document_kind, evaluate_records

    assert [document_kind(d) for d in ("national-2019", "report-2026-北京市", "seed-002", "x")] == [
        "national", "provincial-2026", "seed", "other"]
    rec = {"text": "地区生产总值增长5%。",
           "entities": [{"start": 0, "end": 6, "label": "METRIC", "text": "地区生产总值"},
                        {"start": 8, "end": 10, "label": "PERCENT", "text": "5%", "value": 5, "unit": "%",
                         "qualifier": "exact"}],
           "relations": [{"head": 0, "tail": 1, "label": "CHANGE", "target": False, "direction": "up"}]}
    records = [dict(rec, meta={"doc": "national-2019", "start": 0}), dict(rec, meta={"doc": "seed-002", "start": 0})]

    class Perfect:
        def __init__(self, text):
            self.text = text

        def to_dict(self):
            return {"entities": rec["entities"], "relations": rec["relations"]}

    res = evaluate_records(records, Perfect)
    assert set(res["by_kind"]) == {"national", "seed"} and res["documents"] == 2
    assert res["by_kind"]["national"]["documents"] == 1
    assert res["by_kind"]["national"]["relations"]["tp"] == 1


def test_direction_accuracy_on_matched_change_relations():
    s = Scorer()
    gold = [{"head": 0, "tail": 1, "label": "CHANGE", "target": False, "direction": "down"}]
    s.add(_ents(), gold, _ents(), [dict(gold[0], direction="up")])
    s.add(_ents(), gold, _ents(), gold)
    s.add(_ents(), gold, _ents(), [{"head": 0, "tail": 1, "label": "VALUE", "target": False}])  # not compared
    r = s.result()
    assert r["direction_accuracy"] == 0.5 and r["direction_n"] == 2
    assert "direction accuracy 0.500 (n=2)" in format_report(r)


def test_relations_on_list_sentences_are_scored_apart():
    from policy_ie.evaluation import list_sentence_spans

    plain = {"text": "地区生产总值增长5%。", "entities": _ents(),
             "relations": [{"head": 0, "tail": 1, "label": "CHANGE", "target": False, "direction": "up"}]}
    text = "出口、进口分别增长5%、3%。"
    listed = {"text": text, "entities": [
        {"start": 0, "end": 2, "label": "METRIC", "text": "出口"}, {"start": 3, "end": 5, "label": "METRIC", "text": "进口"},
        {"start": 9, "end": 11, "label": "PERCENT", "text": "5%"}, {"start": 12, "end": 14, "label": "PERCENT", "text": "3%"}],
        "relations": [{"head": 0, "tail": 2, "label": "CHANGE", "target": False, "direction": "up"},
                      {"head": 1, "tail": 3, "label": "CHANGE", "target": False, "direction": "up"}]}
    spans = list_sentence_spans([plain, listed])
    assert spans == [(12, 12 + len(text))]
    joined, ents, rels = join_document([plain, listed])
    s = Scorer()
    s.add(ents, rels, ents, rels[:1] + [dict(rels[1], tail=5), dict(rels[2], tail=4)], spans)  # the list swapped
    r = s.result()
    assert r["relations_by_sentence"]["other"]["f"] == 1.0 and r["relations_by_sentence"]["list"]["f"] == 0.0
    assert r["list_sentences"] == 1 and r["relations"]["tp"] == 1
    assert "  list" in format_report(r)


def test_lenient_relations_forgive_an_overlapping_metric_span_only():
    text = "全省地区生产总值增长5%，出口增长3%。"
    gold_ents = [{"start": 2, "end": 8, "label": "METRIC", "text": "地区生产总值"},
                 {"start": 10, "end": 12, "label": "PERCENT", "text": "5%"},
                 {"start": 13, "end": 15, "label": "METRIC", "text": "出口"},
                 {"start": 17, "end": 19, "label": "PERCENT", "text": "3%"}]
    gold = [{"head": 0, "tail": 1, "label": "CHANGE", "target": False},
            {"head": 2, "tail": 3, "label": "CHANGE", "target": False}]
    assert text[2:8] == "地区生产总值" and text[17:19] == "3%"
    pred_ents = [dict(gold_ents[0], start=0, text="全省地区生产总值"), gold_ents[1],
                 {"start": 9, "end": 10, "label": "METRIC", "text": "长"}, gold_ents[3]]
    # 0→1: head a word too long (lenient only); 2→3: a head that does not overlap 出口 (neither)
    s = Scorer()
    s.add(gold_ents, gold, pred_ents, gold)
    r = s.result()
    assert r["relations"]["tp"] == 0
    assert (r["relations_lenient"]["tp"], r["relations_lenient"]["fp"], r["relations_lenient"]["fn"]) == (1, 1, 1)
    # the wrong label or another value is not forgiven; one predicted relation matches one gold relation
    s2 = Scorer()
    s2.add(gold_ents, gold, pred_ents, [dict(gold[0], label="VALUE"), dict(gold[0], tail=3)])
    assert s2.result()["relations_lenient"]["tp"] == 0
    s3 = Scorer()
    s3.add(gold_ents, gold, [gold_ents[0], gold_ents[1], dict(gold_ents[0], start=0, text="全省地区生产总值")],
           [gold[0], dict(gold[0], head=2)])  # the exact head and an overlapping one on one value: one match
    r3 = s3.result()["relations_lenient"]
    assert (r3["tp"], r3["fp"], r3["fn"]) == (1, 1, 1) and "  lenient" in format_report(s3.result())
