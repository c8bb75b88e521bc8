"""Coordinated lists and clauses (policy_ie.lists) and the relation model's list features."""
import spacy

from policy_ie.lists import clause_breaks, clause_of, is_list_sentence, joined, list_groups


class _Span:
    def __init__(self, text, item):
        self.start_char = text.index(item)
        self.end_char = self.start_char + len(item)


def test_joined_and_groups():
    assert joined("、") and joined("和") and joined("”、“") and joined(" 以及 ")
    assert not joined("") and not joined("，") and not joined("增长")
    text = "接待游客人次、出游总花费分别增长20.7%、15.3%和8%，就业5万人"
    values = [_Span(text, v) for v in ("20.7%", "15.3%", "8%", "5万人")]
    assert list_groups(values, text) == [(0, 3), (1, 3), (2, 3), (0, 1)]


def test_clauses_end_at_punctuation_but_not_inside_numbers():
    text = "收入1,200亿元，支出增长5%；赤字率3%"
    breaks = clause_breaks(text)
    assert [text[b] for b in breaks] == ["，", "；"]
    assert [clause_of(breaks, text.index(w)) for w in ("收入", "1,200", "支出", "赤字率")] == [0, 0, 1, 2]


def test_list_sentences():
    def ents(text, *items):
        return [{"start": text.index(w), "end": text.index(w) + len(w), "label": lab} for w, lab in items]

    t = "出口、进口增长5%、3%"
    assert is_list_sentence(t, ents(t, ("出口", "METRIC"), ("进口", "METRIC"), ("5%", "PERCENT"), ("3%", "PERCENT")))
    t = "两项指标分别增长5%和3%"
    assert is_list_sentence(t, [])
    t = "出口增长5%，进口增长3%"
    assert not is_list_sentence(t, ents(t, ("出口", "METRIC"), ("5%", "PERCENT"), ("进口", "METRIC"), ("3%", "PERCENT")))


def test_list_features_pair_items_in_order():
    from policy_ie.components.relation_model import N_LIST_FEATURES, _ListView, _list_features

    text = "接待游客人次、出游总花费分别增长20.7%、15.3%，城镇调查失业率5.5%左右。"
    doc = spacy.blank("zh").make_doc(text)
    spans = [("接待游客人次", "METRIC"), ("出游总花费", "METRIC"), ("20.7%", "PERCENT"), ("15.3%", "PERCENT"),
             ("城镇调查失业率", "METRIC"), ("5.5%左右", "PERCENT")]
    doc.set_ents([doc.char_span(text.index(w), text.index(w) + len(w), label=lab) for w, lab in spans])
    e = {ent.text: ent for ent in doc.ents}
    view = _ListView(list(doc.ents), text)

    def f(head, tail):
        out = _list_features(view, e[head], e[tail])
        assert out.shape == (N_LIST_FEATURES,)
        return out

    # same list size, same position, after 分别: features 2, 3, 5, 6; order index 0 equals position 0
    assert all(f("接待游客人次", "20.7%")[[2, 3, 5, 6, 9, 13]]) and not f("接待游客人次", "20.7%")[4]
    assert f("出游总花费", "20.7%")[4] and not f("出游总花费", "20.7%")[3]
    assert all(f("出游总花费", "15.3%")[[3, 6, 10, 13, 14]])
    # a value in its own clause: its own METRIC is the last one left of it there; the others are across a comma
    assert f("城镇调查失业率", "5.5%左右")[[7, 14]].all() and not f("城镇调查失业率", "5.5%左右")[15]
    assert f("出游总花费", "5.5%左右")[15] and not f("出游总花费", "5.5%左右")[7]
    # v2 pools the words before a value's list (分别增长) for every item of it
    assert view.list_start[e["15.3%"].start] == view.list_start[e["20.7%"].start] == e["20.7%"].start


def _offsets(text, *words):
    out, pos = [], 0
    for w in words:
        pos = text.index(w, pos)
        out.append((pos, pos + len(w)))
    return out


def test_distributed_items_split_a_list_before_respectively_or_each():
    from policy_ie.lists import distributed_items

    def items(text, metrics, *values):
        members = _offsets(text, *metrics)
        return [[text[x:y] for x, y in parts] for parts in distributed_items(text, members, _offsets(text, *values))]

    t = "信息传输、租赁和商务服务业增加值分别增长18.6%、20%。"  # 、 first: 租赁和商务服务业 stays whole
    assert items(t, ["信息传输、租赁和商务服务业增加值"], "18.6%", "20%") == [["信息传输", "租赁和商务服务业增加值"]]
    t = "带动游客人数和总花费分别增长10.6%、9%。"
    assert items(t, ["游客人数和总花费"], "10.6%", "9%") == [["游客人数", "总花费"]]
    t = "新一代信息技术、新能源、输变电装备产业产值分别增长9.2%、8.2%、12%"  # the run's items count together
    assert items(t, ["新一代信息技术", "新能源、输变电装备产业产值"], "9.2%", "8.2%", "12%") == [
        ["新一代信息技术"], ["新能源", "输变电装备产业产值"]]
    t = "基本养老保险、基本医疗保险参保率均达到95%以上"
    assert items(t, ["基本养老保险、基本医疗保险参保率"], "95%以上") == [["基本养老保险", "基本医疗保险参保率"]]
    # 等: the head alone is the METRIC; items and values that do not match; one shared total
    t = "食品、石化、医药等产业增加值分别增长5%、6%、7%"
    assert items(t, ["食品、石化、医药等产业增加值"], "5%", "6%", "7%") == [["食品、石化、医药等产业增加值"]]
    t = "交通、能源、水利分别完成投资10亿元、20亿元"
    assert items(t, ["交通、能源、水利"], "10亿元", "20亿元") == [["交通、能源、水利"]]
    t = "交通、能源、水利完成投资10亿元"
    assert items(t, ["交通、能源、水利完成投资"], "10亿元") == [["交通、能源、水利完成投资"]]
    t = "收入、支出稳步提高，分别增长5%、3%"  # 分别 in another clause
    assert items(t, ["收入、支出"], "5%", "3%") == [["收入、支出"]]


def test_values_after_and_items_before():
    from policy_ie.lists import items_before, values_after

    t = "外贸加快发展，对东盟、欧盟进出口分别增长16.7%、40.2%，新动能壮大"
    end = t.index("分别")
    assert values_after(t, end, _offsets(t, "16.7%", "40.2%")) == ("respectively", 2)
    assert [t[a:b] for a, b in items_before(t, t.index("欧盟"), 1)] == ["东盟"]  # 对 is no part of it
    t = "人大代表建议办结率、政协委员提案办复率均为100%，提请审议法规61件"
    assert values_after(t, t.index("均"), _offsets(t, "100%", "61件")) == ("each", 1)
    assert [t[a:b] for a, b in items_before(t, t.index("政协"), 4)] == ["人大代表建议办结率"]
    t = "单位国内生产总值用水量、能耗、二氧化碳排放量分别下降23%、15%、18%"
    assert [t[a:b] for a, b in items_before(t, t.index("二氧化碳"), 2)] == ["单位国内生产总值用水量", "能耗"]
    assert values_after("收入增长5%", 2, _offsets("收入增长5%", "5%")) == ("", 0)
    assert items_before("2025年、2026年的收入", 6, 1) == []  # a digit: no item
    assert items_before("收入增长", 2, 1) == []  # no joint before


def _tagged(text, spans, setting, on):
    """The entities the shipped tagger sets on ``text`` when its tags are ``spans`` ((word, label),
    BILU over each word, O elsewhere) and its ``setting`` is ``on``."""
    import numpy

    import policy_ie

    nlp = policy_ie.load()
    tagger = nlp.get_pipe("ner")
    doc = nlp.make_doc(text)
    for _, proc in nlp.pipeline[:nlp.pipe_names.index("ner")]:
        doc = proc(doc)
    ids = numpy.zeros(len(doc), dtype="i")
    for word, label in spans:
        span = doc.char_span(text.index(word), text.index(word) + len(word))
        ids[span.start] = tagger.tags.index(f"B-{label}")
        ids[span.start + 1:span.end - 1] = tagger.tags.index(f"I-{label}")
        ids[span.end - 1] = tagger.tags.index(f"L-{label}")
    saved = tagger.cfg[setting]
    tagger.cfg[setting] = on
    try:
        tagger.set_annotations([doc], [ids])
    finally:
        tagger.cfg[setting] = saved
    return doc.ents


def test_tagger_reads_distributed_lists():
    """The tagger splits a METRIC listing items before 分别 and adds an item it left out."""
    text = "全省游客人数和总花费分别增长10.6%、9%，对东盟、欧盟进出口分别增长16.7%、40.2%。"
    spans = [("游客人数和总花费", "METRIC"), ("欧盟进出口", "METRIC")]  # the tagger's METRICs
    for on, expected in ((True, ["游客人数", "总花费", "东盟", "欧盟进出口"]), (False, ["游客人数和总花费", "欧盟进出口"])):
        ents = _tagged(text, spans, "distributed_lists", on)
        assert [e.text for e in ents if e.label_ == "METRIC"] == expected


def test_coordinated_names_of_a_project():
    from policy_ie.lists import coordinated_names

    def names(text, name):
        a = text.index(name)
        return [text[x:y] for x, y in coordinated_names(text, a, a + len(name))]

    t = "做实科创中心，实施中石化催化剂、中海油新材料、燕山石化绿色新材料、金科日化精细化工等重点项目，加快打造"
    assert names(t, "中海油新材料") == ["中石化催化剂", "燕山石化绿色新材料", "金科日化精细化工"]  # not 实施
    assert names("南水北调东、中线工程通水。", "东") == ["中线工程"]  # not 通水
    assert names("全力推进市妇产医院西部院区、区医院改扩建重点项目，", "市妇产医院西部院区") == ["区医院改扩建"]
    assert names("新设广东、天津、福建自贸试验区。", "福建自贸试验区") == ["广东", "天津"]
    # a quoted or numbered neighbour ends the walk; no 、, no neighbours
    t = "西站同城商务区、南站科技商务区、滨海站“于响”商务区、武清站商务区等"
    assert names(t, "南站科技商务区") == ["西站同城商务区"]
    assert names("建成地铁6号线、沈白高铁", "沈白高铁") == []
    assert names("吉化乙烯项目开工", "吉化乙烯项目") == []


def test_project_lists_is_an_option_off_in_the_shipped_pipeline():
    import policy_ie

    assert policy_ie.load().get_pipe("ner").cfg["project_lists"] is False
    text = "推进国家管网科学试验基地、中汽新能总部、协和天津基地等项目落地。"
    for on, expected in ((False, ["中汽新能总部"]), (True, ["国家管网科学试验基地", "中汽新能总部", "协和天津基地"])):
        ents = _tagged(text, [("中汽新能总部", "PROJECT")], "project_lists", on)
        assert [e.text for e in ents if e.label_ == "PROJECT"] == expected
