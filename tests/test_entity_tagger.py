"""The BILUO entity tagger: decoding, reading tags into spans, respecting rule spans."""
import numpy
from hypothesis import given, settings, strategies as st

from policy_ie.components.entity_tagger import BiluoDecoder, tags_to_spans
from policy_ie.pipeline import blank

TAGS = ["O"] + [f"{p}-{lab}" for lab in ("METRIC", "SLOGAN") for p in "BILU"]


def _valid(seq):
    """True if ``seq`` (tag strings) is a well-formed BILUO sequence."""
    inside = None
    for t in seq:
        p, lab = t[0], t[2:]
        if inside is not None:
            if p not in "IL" or lab != inside:
                return False
            inside = None if p == "L" else inside
        elif p in "IL":
            return False
        elif p == "B":
            inside = lab
    return inside is None


def _scores(rows):
    """Logits whose softmax puts most mass on the given tag per row."""
    out = numpy.full((len(rows), len(TAGS)), -4.0, dtype="f")
    for i, tag in enumerate(rows):
        out[i, TAGS.index(tag)] = 4.0
    return out


def test_decoder_keeps_a_valid_best_sequence():
    rows = ["O", "B-METRIC", "I-METRIC", "L-METRIC", "O", "U-SLOGAN", "O"]
    assert [TAGS[i] for i in BiluoDecoder(TAGS)(_scores(rows))] == rows


def test_decoder_repairs_an_invalid_argmax():
    # argmax alone: O B I O — a span never closed; Viterbi must close or drop it
    rows = ["O", "B-METRIC", "I-METRIC", "O"]
    scores = _scores(rows)
    scores[2, TAGS.index("L-METRIC")] = 3.9
    seq = [TAGS[i] for i in BiluoDecoder(TAGS)(scores)]
    assert _valid(seq) and seq[1:3] == ["B-METRIC", "L-METRIC"]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(0, 2 ** 31 - 1))
def test_decoder_output_is_always_valid(n, seed):
    rng = numpy.random.default_rng(seed)
    scores = rng.normal(0, 3, size=(n, len(TAGS))).astype("f")
    assert _valid([TAGS[i] for i in BiluoDecoder(TAGS)(scores)])


def _best_path(decoder, logp):
    """The reference: one run decoded alone, position by position."""
    score = decoder.start + logp[0]
    back = numpy.zeros(logp.shape, dtype="i")
    for k in range(1, len(logp)):
        cand = score[:, None] + decoder.trans
        back[k], score = cand.argmax(axis=0), cand.max(axis=0) + logp[k]
    path = [int((score + decoder.end).argmax())]
    for k in range(len(logp) - 1, 0, -1):
        path.append(int(back[k, path[-1]]))
    return path[::-1]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 1500), st.floats(0.0, 0.95), st.integers(0, 2 ** 31 - 1))
def test_runs_decoded_side_by_side_equal_runs_decoded_alone(n, o_share, seed):
    """The decoder steps through all runs at once (in groups, by length): each run gets the
    path it gets alone, and surely-O tokens stay O."""
    rng = numpy.random.default_rng(seed)
    scores = rng.normal(0, 3, size=(n, len(TAGS))).astype("f")
    scores[rng.random(n) < o_share, 0] += 12
    decoder = BiluoDecoder(TAGS, label_bias={"METRIC": 1.0})
    biased = scores + decoder.bias
    shifted = biased - biased.max(axis=1, keepdims=True) if n else biased
    logp = shifted - numpy.log(numpy.exp(shifted).sum(axis=1, keepdims=True)) if n else biased
    expected = numpy.zeros((n,), dtype="i")
    i = 0
    while i < n:
        if logp[i, 0] >= numpy.log(decoder.o_threshold):
            i += 1
            continue
        j = i
        while j < n and logp[j, 0] < numpy.log(decoder.o_threshold):
            j += 1
        expected[i:j] = _best_path(decoder, logp[i:j])
        i = j
    assert decoder(scores).tolist() == expected.tolist()


def test_tags_to_spans_reads_leniently():
    doc = blank()("地区生产总值增长")
    tags = ["B-METRIC", "I-METRIC", "I-METRIC", "I-METRIC", "I-METRIC", "L-METRIC", "O", "O"]
    assert [(s.text, s.label_) for s in tags_to_spans(doc, tags)] == [("地区生产总值", "METRIC")]
    # an I without its B starts a span; an unfinished span ends before the next O
    tags = ["O", "I-METRIC", "I-METRIC", "O", "B-SLOGAN", "I-SLOGAN", "O", "U-METRIC"]
    assert [(s.text, s.label_) for s in tags_to_spans(doc, tags)] == [
        ("区生", "METRIC"), ("总值", "SLOGAN"), ("长", "METRIC")]


def test_rule_spans_win_over_overlapping_predictions():
    import policy_ie

    nlp = policy_ie.load()
    tagger = nlp.get_pipe("ner")
    doc = nlp.make_doc("新增就业8000人")
    doc.set_ents([doc.char_span(4, 9, label="AMOUNT")])
    ids = [numpy.asarray([tagger.tags.index(t) for t in
                          ["B-METRIC", "I-METRIC", "I-METRIC", "L-METRIC", "B-METRIC", "L-METRIC"]])]
    tagger.set_annotations([doc], ids)
    assert [(e.text, e.label_) for e in doc.ents] == [("新增就业", "METRIC"), ("8000人", "AMOUNT")]


def test_spans_lose_edge_punctuation_and_stop_at_line_breaks():
    doc = blank()("“两重”\n建设")
    # tokens: “ 两 重 ” \n 建 设 — one span tagged over all of them
    tags = ["B-SLOGAN"] + ["I-SLOGAN"] * (len(doc) - 2) + ["L-SLOGAN"]
    assert [(s.text, s.label_) for s in tags_to_spans(doc, tags)] == [("两重", "SLOGAN"), ("建设", "SLOGAN")]
    doc = blank()("地区>")
    assert [s.text for s in tags_to_spans(doc, ["O", "O", "U-METRIC"])] == []


def test_a_formula_slogan_keeps_its_plus():
    doc = blank()("深化“高铁+”协同")
    # tokens: 深 化 “ 高 铁 + ” 协 同 — the tagged span includes the quotes
    tags = ["O", "O", "B-SLOGAN", "I-SLOGAN", "I-SLOGAN", "I-SLOGAN", "L-SLOGAN", "O", "O"]
    assert [(s.text, s.label_) for s in tags_to_spans(doc, tags)] == [("高铁+", "SLOGAN")]
    tags = ["O", "O", "O", "B-SLOGAN", "I-SLOGAN", "I-SLOGAN", "L-SLOGAN", "O", "O"]
    assert [s.text for s in tags_to_spans(doc, tags)] == ["高铁+"]


def test_metric_edges_lose_scope_event_and_level_words():
    from policy_ie.metric_edges import trim_metric

    def cut(text):
        a, b = trim_metric(text)
        return text[a:b]

    assert cut("全省优良水体比例") == "优良水体比例"
    assert cut("退出融资平台") == "融资平台"
    assert cut("上半年GDP实现") == "GDP"
    assert cut("常住人口向") == "常住人口"
    assert cut("乡村振兴示范村创建") == "乡村振兴示范村"
    assert cut("新建成轨道交通线路") == "轨道交通线路"
    assert cut("融资平台退出") == "融资平台"
    # kept: names the guidelines keep, and spans that would become too short
    assert cut("新增就业") == "新增就业"
    assert cut("全国重点实验室") == "全国重点实验室"
    assert cut("实现") == "实现"
    assert cut("老旧小区改造") == "老旧小区改造"  # 改造 and 整治 end indicator names
    assert cut("入河排污口整治") == "入河排污口整治"


def test_tagger_trims_predicted_metrics():
    from policy_ie.components.entity_tagger import trimmed_metric

    doc = blank()("推动常住人口向80万")
    span = doc.char_span(2, 7, label="METRIC")
    assert trimmed_metric(span).text == "常住人口"
    assert trimmed_metric(doc.char_span(2, 6, label="METRIC")) == doc.char_span(2, 6, label="METRIC")


def test_label_bias_lengthens_spans():
    rows = ["O", "B-METRIC", "L-METRIC"]
    scores = _scores(rows)
    scores[0, TAGS.index("O")] = 1.0
    scores[0, TAGS.index("B-METRIC")] = 0.8
    scores[1, TAGS.index("I-METRIC")] = 3.5
    plain = [TAGS[i] for i in BiluoDecoder(TAGS)(scores)]
    biased = [TAGS[i] for i in BiluoDecoder(TAGS, label_bias={"METRIC": 1.0})(scores)]
    assert plain == rows
    assert biased == ["B-METRIC", "I-METRIC", "L-METRIC"]


def test_growth_subject_is_added_where_the_tagger_leaves_it_out():
    """经济增长5%左右 at the head of a target list: the METRIC is 经济 (CONVENTIONS), also when
    every token is tagged O; not where 经济 is part of a longer word or already in an entity."""
    import policy_ie
    from policy_ie.metric_edges import growth_subject

    text = "主要预期目标是：经济增长5%左右、在实际工作中努力争取更好结果；城镇调查失业率5.5%左右。"
    assert growth_subject(text, text.index("5%")) == (8, 10)
    assert growth_subject("数字经济增长5%", 6) is None          # 数字经济 is another indicator
    assert growth_subject("经济社会发展主要预期目标是：经济增长5.5%左右", 18) == (14, 16)
    assert growth_subject("经济增长较快，达到5%", 9) is None        # the value is not right after it

    nlp = policy_ie.load()
    tagger = nlp.get_pipe("ner")
    for on, expected in ((True, [("经济", "METRIC"), ("5%左右", "PERCENT"), ("5.5%左右", "PERCENT")]),
                         (False, [("5%左右", "PERCENT"), ("5.5%左右", "PERCENT")])):
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline[:nlp.pipe_names.index("ner")]:
            doc = proc(doc)
        tagger.cfg["growth_subjects"] = on
        tagger.set_annotations([doc], [numpy.zeros(len(doc), dtype="i")])  # all O
        assert [(e.text, e.label_) for e in doc.ents] == expected
    tagger.cfg["growth_subjects"] = True


def test_a_span_with_markup_inside_is_dropped():
    doc = blank()("script>alert地区")
    tags = ["B-SLOGAN"] + ["I-SLOGAN"] * (len(doc) - 4) + ["L-SLOGAN", "B-METRIC", "L-METRIC"]
    assert [(s.text, s.label_) for s in tags_to_spans(doc, tags)] == [("地区", "METRIC")]


def test_edge_words_are_mined_from_the_gold_metrics_around_them():
    from policy_ie.metric_edges import mine_edge_words

    def metric(sentence, name):
        start = sentence.index(name)
        return sentence, start, start + len(name)

    samples = [metric("今年安排地方专项债券4000亿元", "地方专项债券"), metric("安排中央预算内投资7000亿元", "中央预算内投资"),
               metric("拟安排赤字1.3万亿元", "赤字"), metric("其中粮食产量达到7亿吨", "粮食产量"),
               metric("其中工业增加值增长6%", "工业增加值"), metric("新增就业人数接近100万", "就业人数"),
               metric("城镇调查失业率接近5%", "城镇调查失业率"), metric("出口总额接近3万亿元", "出口总额"),
               metric("新增专项债券3000亿元", "新增专项债券")]
    leading, trailing = mine_edge_words(samples, min_count=3)
    assert "安排" in leading and "其中" not in leading   # 其中 twice only: under the count
    assert "新增" not in leading                          # a gold METRIC begins with it
    assert "接近" in trailing and "增长" not in trailing
    assert all(len(w) in (2, 3, 4) and w.isalpha() for w in leading + trailing)  # no digits or punctuation
    assert mine_edge_words(samples, min_count=4) == ([], [])


def test_corpus_edge_words_leave_predicted_metrics():
    from policy_ie.metric_edges import trim_metric

    def cut(text, leading=(), trailing=()):
        a, b = trim_metric(text, frozenset(leading), frozenset(trailing))
        return text[a:b]

    assert cut("安排地方专项债券") == "安排地方专项债券"                  # not a guidelines word
    assert cut("安排地方专项债券", leading={"安排"}) == "地方专项债券"
    assert cut("各类贷款余额接近", {"各类"}, {"接近"}) == "贷款余额"
    assert cut("全省各类贷款余额", {"各类"}) == "贷款余额"                 # after the guidelines' scope word
    assert cut("安排资金", leading={"安排"}) == "资金"
    assert cut("安排费", leading={"安排"}) == "安排费"                     # would leave one character


def test_the_tagger_collects_its_edge_words_when_initialised_and_keeps_them(tmp_path):
    from spacy.training import Example

    from policy_ie.corpus.spacy_docs import record_to_doc

    nlp = blank()
    texts = ["今年安排地方专项债券4000亿元。", "安排中央预算内投资7000亿元。", "拟安排赤字1.3万亿元。"]
    names = ["地方专项债券", "中央预算内投资", "赤字"]
    examples = []
    for text, name in zip(texts, names):
        start = text.index(name)
        rec = {"text": text, "entities": [{"start": start, "end": start + len(name), "label": "METRIC",
                                           "text": name}], "relations": []}
        doc = record_to_doc(nlp, rec)
        examples.append(Example(nlp.make_doc(text), doc))
    tagger = nlp.add_pipe("policy_ie_entity_tagger", name="ner")
    nlp.initialize(lambda: examples)
    assert tagger.cfg["edge_words"]["leading"] == ["安排"]
    nlp.to_disk(tmp_path / "p")
    import spacy

    again = spacy.load(tmp_path / "p")
    assert again.get_pipe("ner").cfg["edge_words"] == {"leading": ["安排"], "trailing": []}
    off = blank()
    off.add_pipe("policy_ie_entity_tagger", name="ner", config={"edge_word_min_count": 0})
    off.initialize(lambda: examples)
    assert off.get_pipe("ner").cfg["edge_words"] == {"leading": [], "trailing": []}


def test_known_names_are_those_a_corpus_tags_nearly_everywhere():
    from policy_ie.known_names import collect_known_names, find_known, known_name_pattern

    def doc(doc_id, text, *names):
        return doc_id, text, [(text.index(n), text.index(n) + len(n)) for n in names]

    docs = [doc("a", "全面实施营改增，推进放管服改革。", "营改增", "放管服"), doc("b", "营改增稳步实施。", "营改增"),
            doc("c", "扩大营改增试点，深化放管服。", "营改增", "放管服"), doc("c", "开展家电下乡。", "家电下乡"),
            doc("d", "家电下乡产品。", "家电下乡"), doc("e", "放管服", )]
    # 营改增: three documents, every occurrence tagged; 放管服: untagged once in four; 家电下乡: two documents
    assert collect_known_names(docs, min_docs=3) == ["营改增"]
    assert collect_known_names(docs, min_docs=2) == ["家电下乡", "营改增"]
    assert collect_known_names(docs, min_docs=2, min_share=0.6) == ["家电下乡", "放管服", "营改增"]
    pattern = known_name_pattern(["营改增", "家电下乡"])
    text = "今年继续推进营改增，出台《关于营改增的通知》，家电下乡。"
    assert [text[a:b] for a, b in find_known(text, pattern)] == ["营改增", "家电下乡"]  # not in a title
    assert find_known(text, known_name_pattern([])) == []


def test_the_tagger_tags_a_known_slogan_where_no_entity_lies():
    from spacy.training import Example

    from policy_ie.corpus.spacy_docs import record_to_doc

    nlp = blank()
    tagger = nlp.add_pipe("policy_ie_entity_tagger", name="ner")
    examples = []
    for i, text in enumerate(["全面实施营改增。", "营改增稳步实施。", "扩大营改增试点。"]):
        start = text.index("营改增")
        ref = record_to_doc(nlp, {"text": text, "entities": [{"start": start, "end": start + 3, "label": "SLOGAN",
                                                             "text": "营改增"}], "relations": []})
        ref._.document_piece = (f"doc{i}", 0, 1)
        examples.append(Example(nlp.make_doc(text), ref))
    nlp.initialize(lambda: examples)
    assert tagger.cfg["known_slogans"] == ["营改增"]
    doc = nlp.make_doc("推进营改增，营改增试点扩大。")
    doc.set_ents([doc.char_span(6, 9, label="METRIC")])  # an entity already there keeps its place
    tagger.set_annotations([doc], [numpy.zeros((len(doc),), dtype="i")])  # the model tags nothing
    assert [(e.text, e.label_, e.start_char) for e in doc.ents] == [("营改增", "SLOGAN", 2), ("营改增", "METRIC", 6)]
