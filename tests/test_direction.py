"""Direction of a CHANGE from its change word (policy_ie.direction)."""
import pytest

from policy_ie.corpus.importers import from_doccano
from policy_ie.direction import change_direction, relation_direction


@pytest.mark.parametrize("before,expected", [
    ("同比增长", "up"), ("年均增长", "up"), ("分别下降13.5%、", "down"), ("比上年提高", "up"),
    ("增长4.7%、低于全国", "down"), ("高于全国", "up"), ("较2020年下降", "down"), ("同比增長", "up"),
    ("分別壓縮80.8%和", "down"), ("增速回落", "down"), ("比上年多", "up"), ("累计压降", "down"),
    ("为26.3微克/立方米、下降", "down"), ("翻", "up"), ("总体上调", "up"), ("", None), ("达到", None),
])
def test_change_direction(before, expected):
    assert change_direction(before) == expected


def test_relation_direction_reads_the_clause_before_a_metric_and_after_a_value():
    text = "继续压减非重点非刚性及一般性支出18.2亿元。"
    assert relation_direction(text, (4, 16), (16, 22)) == "down"
    text = "景区接待游客保持10%以上增长。"
    assert relation_direction(text, (2, 6), (8, 13)) == "up"
    assert relation_direction("地区生产总值5%", (0, 6), (6, 8)) is None
    assert relation_direction("PM2.5年均浓度改善16.5%", (0, 9), (11, 16)) == "down"  # CONVENTIONS
    assert relation_direction("新退出平台346家、超计划19家", (3, 5), (13, 16)) == "up"


def test_importer_takes_a_given_direction_and_infers_a_missing_one(tmp_path):
    text = "PM2.5浓度改善10.8%，地区生产总值增长5%。"
    ents = [{"id": 1, "start_offset": 0, "end_offset": 7, "label": "METRIC"},
            {"id": 2, "start_offset": 9, "end_offset": 14, "label": "PERCENT"},
            {"id": 3, "start_offset": 15, "end_offset": 21, "label": "METRIC"},
            {"id": 4, "start_offset": 23, "end_offset": 25, "label": "PERCENT"}]
    rels = [{"from_id": 1, "to_id": 2, "type": "CHANGE:down"}, {"from_id": 3, "to_id": 4, "type": "CHANGE"}]
    path = tmp_path / "d.jsonl"
    import json
    path.write_text(json.dumps({"text": text, "entities": ents, "relations": rels}, ensure_ascii=False),
                    encoding="utf-8")
    rec = from_doccano(path)[0]
    assert [r["direction"] for r in rec["relations"]] == ["down", "up"]
    rels[0]["type"] = "CHANGE"  # 改善 of a concentration is a fall (CONVENTIONS)
    path.write_text(json.dumps({"text": text, "entities": ents, "relations": rels}, ensure_ascii=False),
                    encoding="utf-8")
    assert [r["direction"] for r in from_doccano(path)[0]["relations"]] == ["down", "up"]
    text = "物流费用比率优于全国1个百分点，地区生产总值增长5%。"  # 优于 is no change word: the importer asks
    ents[:2] = [{"id": 1, "start_offset": 0, "end_offset": 6, "label": "METRIC"},
                {"id": 2, "start_offset": 10, "end_offset": 15, "label": "PERCENT"}]
    ents[2:] = [dict(ents[2], start_offset=16, end_offset=22), dict(ents[3], start_offset=24, end_offset=26)]
    path.write_text(json.dumps({"text": text, "entities": ents, "relations": rels}, ensure_ascii=False),
                    encoding="utf-8")
    with pytest.raises(ValueError, match="give its direction"):
        from_doccano(path)
