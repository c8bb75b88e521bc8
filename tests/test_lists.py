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
