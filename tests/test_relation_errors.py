"""training/relation_errors.py: each gold relation gets one cause, extra predicted links are counted apart."""
from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("relation_errors", ROOT / "training" / "relation_errors.py")
relation_errors = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(relation_errors)


def _ent(text: str, part: str, label: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return {"start": start, "end": start + len(part), "label": label}


def test_each_gold_relation_gets_the_first_cause_that_applies():
    text = "全省地区生产总值增长5%，税收收入120亿元，进口增长3%，出口12亿元，同比增长4%，利用外资8亿元。"
    gold = [_ent(text, "地区生产总值", "METRIC"), _ent(text, "5%", "PERCENT"),
            _ent(text, "税收收入", "METRIC"), _ent(text, "120亿元", "AMOUNT"),
            _ent(text, "进口", "METRIC"), _ent(text, "3%", "PERCENT"),
            _ent(text, "出口", "METRIC"), _ent(text, "12亿元", "AMOUNT"),
            _ent(text, "4%", "PERCENT"), _ent(text, "利用外资", "METRIC"), _ent(text, "8亿元", "AMOUNT")]
    gold_rels = [{"head": 0, "tail": 1, "label": "CHANGE"}, {"head": 2, "tail": 3, "label": "VALUE"},
                 {"head": 4, "tail": 5, "label": "CHANGE"}, {"head": 6, "tail": 7, "label": "VALUE"},
                 {"head": 6, "tail": 8, "label": "CHANGE"}, {"head": 9, "tail": 10, "label": "VALUE"}]
    pred = [_ent(text, "全省地区生产总值", "METRIC"), _ent(text, "5%", "PERCENT"),   # boundary
            _ent(text, "税收收入", "METRIC"), _ent(text, "120亿元", "AMOUNT"),      # exact
            _ent(text, "进口", "METRIC"), _ent(text, "3%", "PERCENT"),              # VALUE for CHANGE
            _ent(text, "出口", "METRIC"),                                           # 12亿元 not found
            _ent(text, "同比", "METRIC"), _ent(text, "4%", "PERCENT"),              # another METRIC
            _ent(text, "8亿元", "AMOUNT")]                                          # unlinked
    pred_rels = [{"head": 0, "tail": 1, "label": "CHANGE"}, {"head": 2, "tail": 3, "label": "VALUE"},
                 {"head": 4, "tail": 5, "label": "VALUE"}, {"head": 7, "tail": 8, "label": "CHANGE"},
                 {"head": 2, "tail": 5, "label": "VALUE"}]                          # an extra link of 3%
    causes = Counter(c for c, _, _ in relation_errors.document_errors(text, gold, gold_rels, pred, pred_rels))
    assert causes == {"boundary": 1, "exact": 1, "label": 1, "value missed": 1, "other METRIC": 1,
                      "unlinked": 1, "extra link": 2}


def test_a_link_of_a_value_without_gold_relation():
    text = "新增企业5家。"
    pred = [_ent(text, "新增企业", "METRIC"), _ent(text, "5家", "AMOUNT")]
    out = list(relation_errors.document_errors(text, [_ent(text, "5家", "AMOUNT")], [], pred,
                                               [{"head": 0, "tail": 1, "label": "VALUE"}]))
    assert [c for c, _, _ in out] == ["no gold relation"]


def test_settings_are_read_as_json_when_they_are():
    assert relation_errors.parse_setting("components.ner.metric_boundary_margin=2.0") == (
        "components.ner.metric_boundary_margin", 2.0)
    assert relation_errors.parse_setting("components.ner.metric_boundary_margin=null")[1] is None
    assert relation_errors.parse_setting("paths.x=abc") == ("paths.x", "abc")
