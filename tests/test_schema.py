"""policy_ie.schema is the one place of the labels, qualifiers and percent units; what reads them agrees."""
import pytest

from policy_ie import schema
from policy_ie.corpus.checks import quantity_check
from policy_ie.corpus.validate import check_record
from policy_ie.quantities import read_quantity


@pytest.mark.parametrize("surface, unit", [("5%", "%"), ("百分之七", "%"), ("七成", "%"), ("1/4", "%"),
                                           ("2个百分点", "百分点"), ("3‰", "‰"), ("千分之五", "‰"),
                                           ("2个千分点", "千分点"), ("0.5个千分点", "千分点")])
def test_every_percent_reading_passes_corpus_validate(surface, unit):
    q = read_quantity(surface)
    assert (q.unit, q.label) == (unit, "PERCENT") and q.unit in schema.PERCENT_UNITS
    text = f"失业率下降{surface}。"
    ent = dict(q.to_dict(), start=5, end=5 + len(surface), label="PERCENT", text=surface)
    assert check_record({"text": text, "entities": [ent], "relations": []}, quantity_check) == []
    wrong = check_record({"text": text, "entities": [dict(ent, label="AMOUNT")], "relations": []}, quantity_check)
    assert wrong == [f"entity 0 {surface!r}: AMOUNT with percent unit {unit!r}"]


def test_quantity_label_follows_the_unit():
    assert {schema.quantity_label(u) for u in schema.PERCENT_UNITS} == {"PERCENT"}
    assert schema.quantity_label("元") == schema.quantity_label("") == "AMOUNT"


def test_same_value_one_tolerance():
    assert schema.same_value(1173000000, 11.73 * 1e8)
    assert not schema.same_value(33.33, 33.3333)
    assert schema.same_value(None, None) and not schema.same_value(5, None)
    assert schema.same_reading({"value": 5, "unit": "%", "qualifier": "exact"},
                               {"value": 5.0, "unit": "%", "qualifier": "exact", "low": None})


def test_modules_use_the_schema():
    from policy_ie.display import COLORS, RELATION_COLORS
    from policy_ie.evaluation import Scorer
    from policy_ie.outputs import CSV_COLUMNS
    from policy_ie.result import ParseResult

    assert tuple(COLORS) == schema.LABELS and tuple(RELATION_COLORS) == schema.RELATION_LABELS
    assert tuple(Scorer().result()["entities"]["per_label"]) == schema.LABELS
    row = ParseResult("5%", [{"start": 0, "end": 2, "label": "PERCENT", "text": "5%"}]).records()[0]
    assert tuple(row) == schema.RECORD_COLUMNS == tuple(CSV_COLUMNS)
