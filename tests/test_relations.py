"""The relation pipe's annotations: one head per value, unlinked METRICs dropped."""
import numpy
import pytest

import policy_ie
from policy_ie.components.relation_model import candidate_pairs


def _annotated(drop: bool, rows):
    nlp = policy_ie.load()
    rel = nlp.get_pipe("policy_ie_relations")
    doc = nlp.make_doc("地区生产总值增长5%，一般公共预算收入稳步提高。")
    for name in ("policy_ie_sentencizer",):
        doc = nlp.get_pipe(name)(doc)
    doc.set_ents([doc.char_span(0, 6, label="METRIC"), doc.char_span(8, 10, label="PERCENT"),
                  doc.char_span(11, 19, label="METRIC")])
    pairs = candidate_pairs(doc)
    assert [(h.text, t.text) for h, t in pairs] == [("地区生产总值", "5%"), ("一般公共预算收入", "5%")]
    classes = rel._classes
    scores = numpy.zeros((len(pairs), len(classes)), dtype="f")
    for i, label in enumerate(rows):
        scores[i, classes.index(label)] = 1.0
    return _annotate(rel, doc, scores, drop_unlinked_metrics=drop)


def _annotate(rel, doc, scores, **settings):
    """``rel.set_annotations`` on ``doc`` with ``settings`` in its cfg for the call."""
    saved = {k: rel.cfg[k] for k in settings}
    rel.cfg.update(settings)
    try:
        rel.set_annotations([doc], scores)
    finally:
        rel.cfg.update(saved)
    return doc


def test_unlinked_metric_is_dropped():
    doc = _annotated(True, ["CHANGE", None])
    assert [(e.text, e.label_) for e in doc.ents] == [("地区生产总值", "METRIC"), ("5%", "PERCENT")]
    assert [(r["label"], doc[r["head_start"]:r["head_end"]].text) for r in doc._.rels] == [("CHANGE", "地区生产总值")]


def test_unlinked_metric_is_kept_when_switched_off():
    doc = _annotated(False, ["CHANGE", None])
    assert [e.text for e in doc.ents] == ["地区生产总值", "5%", "一般公共预算收入"]


def test_a_value_keeps_only_its_best_head():
    doc = _annotated(True, ["VALUE", "CHANGE"])
    # equal scores: the first candidate stays, the other METRIC loses its only relation
    assert len(doc._.rels) == 1
    assert [e.label_ for e in doc.ents].count("METRIC") == 1


def test_change_relations_carry_a_direction_and_values_none():
    doc = _annotated(True, ["CHANGE", None])
    assert [r.get("direction") for r in doc._.rels] == ["up"]
    doc = _value_after("一般公共预算收入达到300亿元。", "一般公共预算收入", "300亿元")
    assert [(r["label"], "direction" in r) for r in doc._.rels] == [("VALUE", False)]


def _value_after(text: str, metric: str, value: str, change_verbs: bool = True):
    """``text`` with the model's relation between ``metric`` and ``value`` forced to VALUE."""
    nlp = policy_ie.load()
    rel = nlp.get_pipe("policy_ie_relations")
    doc = nlp.get_pipe("policy_ie_sentencizer")(nlp.make_doc(text))
    m, v = text.index(metric), text.index(value)
    doc.set_ents([doc.char_span(m, m + len(metric), label="METRIC"),
                  doc.char_span(v, v + len(value), label="AMOUNT" if "%" not in value else "PERCENT")])
    scores = numpy.zeros((len(candidate_pairs(doc)), len(rel._classes)), dtype="f")
    scores[:, rel._classes.index("VALUE")] = 1.0
    return _annotate(rel, doc, scores, change_verbs=change_verbs)


@pytest.mark.parametrize("text, metric, value, label, direction", [
    ("农村贫困人口减少1442万人。", "农村贫困人口", "1442万人", "CHANGE", "down"),
    ("行政许可事项承诺时限压缩了82.6%。", "行政许可事项承诺时限", "82.6%", "CHANGE", "down"),
    ("農村居民人均純收入增加321元。", "農村居民人均純收入", "321元", "CHANGE", "up"),
    ("两院院士增至93位。", "两院院士", "93位", "VALUE", None),            # 增至: the level reached
    ("城镇新增就业每年超过90万人。", "城镇新增就业", "90万人", "VALUE", None),
])
def test_a_value_right_after_a_change_verb_is_a_change(text, metric, value, label, direction):
    doc = _value_after(text, metric, value)
    assert [(r["label"], r.get("direction")) for r in doc._.rels] == [(label, direction)]
    off = _value_after(text, metric, value, change_verbs=False)
    assert [r["label"] for r in off._.rels] == ["VALUE"]


def test_a_change_without_change_word_gets_the_default_direction():
    nlp = policy_ie.load()
    rel = nlp.get_pipe("policy_ie_relations")
    doc = nlp.make_doc("地区生产总值5%，财政赤字率下降0.5个百分点。")
    doc.set_ents([doc.char_span(0, 6, label="METRIC"), doc.char_span(6, 8, label="PERCENT"),
                  doc.char_span(9, 14, label="METRIC"), doc.char_span(16, 22, label="PERCENT")])
    m1, v1, m2, v2 = doc.ents
    rels = [{"head_start": m.start, "head_end": m.end, "tail_start": v.start, "tail_end": v.end, "label": "CHANGE"}
            for m, v in ((m1, v1), (m2, v2))]
    rel._set_directions(doc, rels)
    assert [r["direction"] for r in rels] == [rel.cfg["default_direction"], "down"] == ["up", "down"]
    with pytest.raises(ValueError, match="default_direction"):
        type(rel)(nlp.vocab, rel.model, default_direction="sideways")


def test_parse_gives_direction_in_the_result_and_the_table():
    result = policy_ie.parse("今年主要预期目标是：地区生产总值增长5%左右，单位能耗下降2%左右，新增就业8000人。")
    rels = result.to_dict()["relations"]
    changes = [r for r in rels if r["label"] == "CHANGE"]
    assert changes and all(r["direction"] in ("up", "down") for r in changes)
    assert all("direction" not in r for r in rels if r["label"] == "VALUE")
    rows = [r for r in result.records() if r["relation"]]
    assert all((r["direction"] is not None) == (r["relation"] == "CHANGE") for r in rows)


@pytest.mark.parametrize("coordinated, expected", [(False, 1), (True, 2)])
def test_coordinated_heads_share_a_value_outside_a_value_list(coordinated, expected):
    nlp = policy_ie.load()
    rel = nlp.get_pipe("policy_ie_relations")
    text = "基本养老保险、基本医疗保险参保率均达到95%以上，收入、支出分别增长5%、3%。"
    doc = nlp.get_pipe("policy_ie_sentencizer")(nlp.make_doc(text))
    spans = [("基本养老保险", "METRIC"), ("基本医疗保险参保率", "METRIC"), ("95%以上", "PERCENT"),
             ("收入", "METRIC"), ("支出", "METRIC"), ("5%", "PERCENT"), ("3%", "PERCENT")]
    ents, pos = [], 0
    for w, lab in spans:  # in text order
        pos = text.index(w, pos)
        ents.append(doc.char_span(pos, pos + len(w), label=lab))
    doc.set_ents(ents)
    pairs = [(h.text, t.text) for h, t in rel.get_candidates(doc)]
    scores = numpy.zeros((len(pairs), len(rel._classes)), dtype="f")
    for i, pair in enumerate(pairs):  # every pair scored VALUE, the list items' own pair highest
        scores[i, rel._classes.index("VALUE")] = 0.9 if pair in {("收入", "5%"), ("支出", "3%")} else 0.6
        scores[i, 0] = 1 - scores[i].sum()
    saved = rel.cfg.get("coordinated_heads")
    rel.cfg["coordinated_heads"] = coordinated
    try:
        rel.set_annotations([doc], scores)
    finally:
        rel.cfg["coordinated_heads"] = saved
    linked = [(doc[r["head_start"]:r["head_end"]].text, doc[r["tail_start"]:r["tail_end"]].text) for r in doc._.rels]
    assert sum(t == "95%以上" for _, t in linked) == expected
    assert sorted(p for p in linked if p[1] in ("5%", "3%")) == [("支出", "3%"), ("收入", "5%")]


@pytest.mark.parametrize("joint, expected", [("均达到", 2), ("达到", 1)])
def test_each_item_before_jun_takes_the_value_also_under_the_threshold(joint, expected):
    """基本养老保险、基本医疗保险参保率均达到95%: 均 says each item takes the value, so the first item
    is linked with the best head's label even when its own score is under the threshold."""
    nlp = policy_ie.load()
    rel = nlp.get_pipe("policy_ie_relations")
    text = f"基本养老保险、基本医疗保险参保率{joint}95%以上。"
    doc = nlp.get_pipe("policy_ie_sentencizer")(nlp.make_doc(text))
    ents = [doc.char_span(text.index(w), text.index(w) + len(w), label=lab)
            for w, lab in (("基本养老保险", "METRIC"), ("基本医疗保险参保率", "METRIC"), ("95%以上", "PERCENT"))]
    doc.set_ents(ents)
    pairs = [(h.text, t.text) for h, t in rel.get_candidates(doc)]
    scores = numpy.zeros((len(pairs), len(rel._classes)), dtype="f")
    for i, pair in enumerate(pairs):
        scores[i, rel._classes.index("VALUE")] = 0.9 if pair[0] == "基本医疗保险参保率" else 0.3
        scores[i, 0] = 1 - scores[i].sum()
    rel.set_annotations([doc], scores)
    linked = sorted(doc[r["head_start"]:r["head_end"]].text for r in doc._.rels)
    assert len(linked) == expected and "基本医疗保险参保率" in linked
    assert all(r["label"] == "VALUE" for r in doc._.rels)
