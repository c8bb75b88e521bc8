"""METRIC boundaries learned from a corpus (policy_ie.metric_boundaries) and their use in the entity tagger."""
import pytest

from policy_ie.metric_boundaries import best_span, candidate_spans, learn_boundaries, rerank_metrics


def _corpus():
    """Gold METRICs that stop before 上榜 and 增长 and keep 新建; the texts differ in their names."""
    names = ["企业", "高新区", "园区", "工厂", "学校", "医院", "银行", "基地"]
    docs = []
    for n in names:
        text = f"全省有20家{n}上榜，新建{n}30个，{n}收入增长5%。"
        a = text.index(n)
        b = text.index("新建")
        c = text.rindex(n)
        docs.append((text, [(a, a + len(n)), (b, b + 2 + len(n)), (c, c + len(n) + 2)],
                     [(text.index("20家"), text.index("20家") + 3)]))
    return docs


def test_candidates_stay_inside_the_clause_and_off_other_entities_and_numbers():
    text = "全省有20家企业上榜，新建学校30个。"
    spans = candidate_spans(text, 6, 8, blocked=[(3, 6)])
    assert (6, 8) in spans and (6, 10) in spans
    assert all(not (a < 6 and b > 3) for a, b in spans)          # not over the blocked 20家
    assert all("，" not in text[a:b] for a, b in spans)           # not across the comma
    assert all(not any(ch.isdigit() for ch in text[a:b]) for a, b in spans)


def test_learned_weights_move_a_span_to_the_corpus_boundary_and_are_deterministic():
    weights = learn_boundaries(_corpus())
    assert weights == learn_boundaries(_corpus())
    text = "全市有8家商场上榜。"
    start = text.index("商场")
    # the tagger's span ran on into 上榜: moved back to 商场 when the gain beats the margin
    assert best_span(weights, text, start, start + 4, [(3, 5)], margin=0.0) == (start, start + 2)
    assert best_span(weights, text, start, start + 4, [(3, 5)], margin=1e9) == (start, start + 4)
    assert best_span({}, text, start, start + 4, [], margin=0.0) == (start, start + 4)


def test_rerank_keeps_metrics_apart_and_none_margin_is_off():
    weights = learn_boundaries(_corpus())
    text = "全市有8家商场上榜，收入增长5%。"
    spans = [(5, 9), (10, 12)]
    assert rerank_metrics(text, spans, [(3, 5)], weights, None) == spans
    moved = rerank_metrics(text, spans, [(3, 5)], weights, 0.0)
    assert moved[0] == (5, 7)
    assert all(not (a < d and c < b) for (a, b), (c, d) in zip(moved, moved[1:]))


def test_the_shipped_default_carries_boundary_weights_and_a_load_time_margin_switches_them_off():
    import policy_ie

    on = policy_ie.load()
    off = policy_ie.load(config={"components": {"ner": {"metric_boundary_margin": None}}})
    assert on.get_pipe("ner").cfg["metric_boundaries"] and on.get_pipe("ner").cfg["metric_boundary_margin"] == 2.0
    text = "营商环境向优向好，实有经营主体688.3万户，不动产登记历史遗留问题化解率99.95%。"
    metrics = [(e.text) for e in on(text).ents if e.label_ == "METRIC"]
    assert "不动产登记历史遗留问题化解率" in metrics
    assert [e.text for e in off(text).ents if e.label_ == "METRIC"] != metrics


def test_the_fast_scoring_of_best_span_is_the_sum_of_the_features():
    import random

    from policy_ie.metric_boundaries import boundary_features, score

    weights = learn_boundaries(_corpus(), min_weight=0.0)
    rng = random.Random(3)
    text = "全省有20家企业上榜，新建学校30个，园区收入增长5%，工厂上榜。"
    for _ in range(200):
        a = rng.randrange(0, len(text) - 1)
        b = rng.randrange(a + 1, min(len(text), a + 8) + 1)
        spans = candidate_spans(text, a, b, [])
        if (a, b) not in spans or len(spans) < 2:
            continue
        best = max(spans, key=lambda s: score(weights, text, *s))
        gain = score(weights, text, *best) - score(weights, text, a, b)
        expected = best if gain > 0.5 else (a, b)
        assert best_span(weights, text, a, b, [], 0.5) == expected, (a, b)
    assert boundary_features(text, 0, 2)[0] == "B1^"


def test_candidates_neither_start_nor_end_inside_a_token():
    from policy_ie.metric_boundaries import inside_offsets

    text = "——2017年3月5日GDP增长"
    inside = inside_offsets([(0, 1), (1, 1), (2, 4), (6, 1), (7, 1), (8, 1), (9, 1), (10, 1), (11, 3), (14, 1)])
    assert inside == {3, 4, 5, 12, 13}
    spans = candidate_spans(text, 6, 8, [], inside=inside)
    assert spans and all(a not in inside and b not in inside for a, b in spans)
    assert (5, 8) in candidate_spans(text, 6, 8, [])          # "7年3" cuts 2017: a candidate only without inside


def test_a_tagger_that_tags_every_other_pair_moves_no_metric_onto_another():
    """An untrained tagger (the first evaluation of a training run) tags METRICs everywhere; a moved
    METRIC once landed on a span a refused move had left in place, and set_ents failed (E1010)."""
    import numpy
    import policy_ie

    nlp = policy_ie.load(config={"components": {"ner": {"metric_boundary_margin": -100.0}}})  # move whenever it can
    tagger = nlp.get_pipe("ner")
    text = "——2017年3月5日在第十二届全国人民代表大会第五次会议上GDP增长"
    doc = nlp.make_doc(text)
    tags = ["O", "O"] + ["U-METRIC"] + [("B-METRIC", "L-METRIC")[i % 2] for i in range(len(doc) - 3)]
    if (len(doc) - 3) % 2:
        tags[-1] = "U-METRIC"
    tagger.set_annotations([doc], [numpy.asarray([tagger.tags.index(t) for t in tags])])
    ents = [(e.start_char, e.end_char) for e in doc.ents]
    assert len(ents) > 10
    assert all(b <= c for (a, b), (c, d) in zip(ents, ents[1:]))
    edges = {t.idx for t in doc} | {len(text)}
    assert all(a in edges and b in edges for a, b in ents)
