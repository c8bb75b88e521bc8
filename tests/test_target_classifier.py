"""The trained target classifier: its features, training on gold sentence Docs that know their
document, the state carried from piece to piece, nlp(text) vs parse(text), serialization."""
from pathlib import Path

import pytest
from spacy.tokens import DocBin
from spacy.training import Example
from spacy.util import registry
from thinc.api import Adam, Relu, Softmax, chain, fix_random_seed

import policy_ie
from policy_ie.api import PIECE_CHARS
from policy_ie.components.target_classifier import TargetClassifier, gold_states, score_targets
from policy_ie.components.target_features import (FEATURE_NAMES, DocumentState, fold_digits, heading_level,
                                                  heading_ordinal, npc_session_year, own_year, read_sentence,
                                                  relation_features)
from policy_ie.components.targets import TargetRules
from policy_ie.corpus.spacy_docs import create_corpus_reader, read_records, records_to_docbin
from policy_ie.pipeline import blank, pipe_of
from policy_ie.text import clean

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT.parent / "shared" / "national-reports"
# train split; national-1986 presents a plan (its opening: 第七个五年计划的报告), so plan_report is learned
TRAIN_DOCS = ("national-2007", "national-2013", "national-1986", "report-2026-山东省", "report-2026-西藏自治区")
REVIEW, PLAN = "一、2025年工作回顾\n", "二、2026年工作安排\n"
FILLER = "我们坚持稳中求进工作总基调，扎实推进各项工作，持续改善营商环境，不断增进民生福祉。\n"
RESULT = "全年地区生产总值增长5.4%，新增城镇就业8000人。\n"
GOAL = "今年赤字率拟按3%安排，新增城镇就业8000人。\n"


def _records(docs):
    return [r for d in docs for r in read_records([ROOT / "corpus" / "gold" / f"{d}.jsonl"])]


@pytest.fixture(scope="module")
def nlp():
    """The shipped pipeline with its target component (rules or its trained classifier) replaced by a
    classifier trained here on five documents."""
    fix_random_seed(0)
    nlp = policy_ie.load()
    rules = next(name for name, pipe in nlp.pipeline if isinstance(pipe, (TargetRules, TargetClassifier)))
    after = nlp.pipe_names[nlp.pipe_names.index(rules) - 1]
    nlp.remove_pipe(rules)
    tc = nlp.add_pipe("policy_ie_target_classifier", after=after)
    docs = list(records_to_docbin(blank(), _records(TRAIN_DOCS)).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(d.text), d) for d in docs]
    tc.initialize(lambda: examples, nlp=nlp)
    sgd = Adam(0.001)
    for _ in range(15):
        for i in range(0, len(examples), 64):
            tc.update(examples[i:i + 64], sgd=sgd)
    return nlp


def test_years_headings_and_own_year():
    assert fold_digits("一九八四年，２００５年，二〇二五年") == "1984年，2005年，2025年"
    assert own_year("——2026年1月27日在湖北省第十四届人民代表大会第四次会议上") == 2026
    assert own_year("一、2018年工作回顾") == 2019 and own_year(fold_digits("刚刚过去的１９８４年，是")) == 1985
    assert [heading_level(t) for t in ("一、总体要求", "（二）关于改革", "3.加快建设", "今后五年的主要任务")] == [1, 2, 3, 0]
    assert heading_ordinal("三、一鼓作气勇争先") == 3 and heading_ordinal("十二、外交") == 12
    state = DocumentState()
    for line in (REVIEW, FILLER, "三、一鼓作气勇争先，全力推动“十五五”开好局、起好步"):
        read_sentence(line.strip(), state)
    assert state.year == 2026 and state.ordinal == 3 and state.top_plan == 15 and not state.plan
    # a year's targets stated: the year is the report's own (a snippet without title or headings)
    assert own_year("2026年主要预期目标是：地区生产总值增长5%左右") == 2026
    assert own_year("2026年经济增长预期目标为4.5%—5%") == 2026 and own_year("2026年目标任务圆满完成") is None
    # a review heading with 国内 / 的, and 回顾 before the year: the year after
    assert own_year(fold_digits("一、１９９１年国内工作的回顾")) == 1992 and own_year("一、1999年国内工作回顾") == 2000
    assert own_year(fold_digits("回顾１９９１年的工作和三年来的治理整顿")) == 1992


def test_own_year_from_the_congress_session():
    """The National People's Congress session a report is delivered to gives its year (in either
    script, numbered or not); a session named later than the opening, or one looked back on, does not."""
    assert npc_session_year("中华人民共和国国务院向第一届全国人民代表大会第二次会议提出关于发展国民经济第一个五年计划的议案") == 1955
    assert npc_session_year("我們第一届全國人民代表大會第一次會議，在聽了劉少奇同志") == 1954
    assert npc_session_year("我代表国务院，向第四届全国人民代表大会作政府工作报告。") == 1975
    assert npc_session_year("——2017年3月5日在第十二届全国人民代表大会第五次会议上") == 2017
    assert npc_session_year("我代表国务院，向第十届全国人民代表大会第一次会议报告过去五年") == 2003
    assert npc_session_year("向第三届全国人民代表大会第一次会议作政府工作报告") == 1965  # Dec 1964 – Jan 1965
    assert npc_session_year("从去年９月第五届全国人民代表大会第三次会议到现在") is None  # looked back on
    assert npc_session_year("第九届全国人民代表大会第一次会议以来的五年") is None
    assert npc_session_year("向第二届全国人民代表大会第九次会议") is None  # no such session
    state = DocumentState()
    for line in ("各位代表：", "我代表国务院，向第五届全国人民代表大会作政府工作报告。", "一九七七年粮食产量达到…"):
        read_sentence(line, state)
    assert state.year == 1978 and state.own_year() == 1978
    late = DocumentState()
    for line in ["各位代表："] * 6 + ["一九六四年底，在第三届全国人民代表大会上的政府工作报告中提出"]:
        read_sentence(line, late)
    assert late.year is None  # past the opening: a report quoted, not the one delivered


def _opening_state(*sentences: str) -> DocumentState:
    state = DocumentState()
    for text in sentences:
        read_sentence(text, state)
    return state


def test_a_report_presenting_a_plan_is_known_from_its_opening():
    """关于…计划（草案）的报告 / 第N个五年计划的报告 in the opening: every relation gets ``plan_report``
    (cue-less sentences of such reports are targets); a report on a plan's results, a plan named later
    in the body, or a work report does not."""
    plan = ("各位代表：", "我代表国务院向第一届全国人民代表大会第五次会议，提出关于一九五八年度国民经济计划（草案）的报告，请予审查。")
    five = ("各位代表：", "现在，我代表国务院，作关于我国国民经济和社会发展第六个五年计划的报告，请大会审议。")
    results = ("各位代表：", "现在我代表国务院提出关于1955年国民经济计划执行结果和1956年国民经济计划草案的报告。")
    work = ("各位代表：", "现在，我代表国务院向大会作政府工作报告，请予审议。")
    later = work + (FILLER,) * 5 + ("李富春副总理将提出关于1958年国民经济计划的报告。",)
    assert _opening_state(*plan).plan_report and _opening_state(*five).plan_report
    assert not any(_opening_state(*s).plan_report for s in (results, work, later))
    sentence = "发电量从七十二亿六千万度增加到一百五十九亿度。"
    at = sentence.index("一百五十九")
    on = dict(zip(FEATURE_NAMES, relation_features(sentence, at, at + 6, _opening_state(*plan))))
    off = dict(zip(FEATURE_NAMES, relation_features(sentence, at, at + 6, _opening_state(*work))))
    assert on["plan_report"] == on["plan_report_uncued"] == 1.0 and off["plan_report"] == 0.0
    cued = "去年发电量比上年增长百分之十。"
    at = cued.index("百分之十")
    cued_features = dict(zip(FEATURE_NAMES, relation_features(cued, at, at + 4, _opening_state(*plan))))
    assert cued_features["plan_report"] == 1.0 and cued_features["plan_report_uncued"] == 0.0


def test_weights_of_another_feature_set_get_a_clear_error(tmp_path):
    """A pipeline saved by a policy_ie with other target features: a clear error, not thinc's."""
    nlp = blank()
    tc = nlp.add_pipe("policy_ie_target_classifier")
    tc.model = chain(Relu(nO=16, nI=7, dropout=0.1), Softmax(nO=2, nI=16))  # the architecture, 7 features
    tc.model.initialize()
    tc.to_disk(tmp_path / "tc")
    fresh = blank().add_pipe("policy_ie_target_classifier")
    with pytest.raises(ValueError, match="another set of target features"):
        fresh.from_disk(tmp_path / "tc")


@pytest.mark.parametrize("name", ["default", "accurate"])
def test_a_snippet_of_targets_is_read_as_targets(name):
    """No title, no headings: 2026年主要预期目标 decides the year (it was guessed as 2027 before)."""
    nlp = policy_ie.load(name)
    for text in ("2026年主要预期目标是：地区生产总值增长5%左右，居民消费价格涨幅2%左右。",
                 "2026年经济增长预期目标为4.5%—5%。"):
        rels = policy_ie.parse(text, nlp=nlp).to_dict()["relations"]
        assert rels and all(r["target"] for r in rels), (name, text, rels)


def test_gold_docbin_records_know_their_document(tmp_path):
    records = _records(["seed-004"])
    db = records_to_docbin(blank(), records)
    db.to_disk(tmp_path / "d.spacy")
    docs = list(DocBin().from_disk(tmp_path / "d.spacy").get_docs(blank().vocab))
    pieces = [tuple(d._.document_piece) for d in docs]
    assert {p[0] for p in pieces} == {"seed-004"} and len({p[1] for p in pieces}) == len(docs)
    assert all(p[2] == len(records) for p in pieces)
    reader = registry.readers.get("policy_ie.Corpus.v1")
    assert reader is create_corpus_reader
    egs = list(reader(tmp_path / "d.spacy")(blank()))
    assert all(eg.predicted._.document_piece == tuple(eg.reference._.document_piece) for eg in egs)


def test_gold_states_read_documents_in_order():
    docs = list(records_to_docbin(blank(), _records(["national-2013"])).get_docs(blank().vocab))
    states = gold_states(reversed(docs))  # the order Docs come in does not matter
    last = states[("national-2013", len(docs) - 1)]
    assert last.year is None and last.own_year() == 2013 and last.plan and last.ordinal >= 2  # no year stated: 2012 named most


def test_classifier_flags_results_and_plans(nlp):
    doc = nlp(REVIEW + RESULT + PLAN + GOAL)
    flags = [(doc[r["tail_start"]:r["tail_end"]].text, r["target"]) for r in doc._.rels]
    assert flags == [("5.4%", False), ("8000人", False), ("3%", True), ("8000人", True)]
    assert doc._.plan_at_end is True and doc._.document_state_at_end["year"] == 2026


def test_state_crosses_pieces_and_agrees_with_one_doc(nlp):
    text = REVIEW + RESULT + PLAN + FILLER * (2 * PIECE_CHARS // len(FILLER)) + RESULT
    res = policy_ie.parse(text, nlp=nlp)
    doc = nlp(text)
    assert len(text) > 2 * PIECE_CHARS
    assert [r["target"] for r in res.relations] == [r["target"] for r in doc._.rels] == [False, False, True, True]


def test_pieces_of_interleaved_documents_keep_their_own_state(nlp):
    def pieces(document, texts):
        for k, t in enumerate(texts):
            doc = nlp.make_doc(t)
            doc._.document_piece = (document, k, len(texts))
            yield doc

    texts = {"a": [REVIEW, PLAN, FILLER, RESULT], "b": [PLAN, FILLER, REVIEW, RESULT]}
    alone = {d: list(nlp.pipe(pieces(d, t))) for d, t in texts.items()}
    a, b = (list(pieces(d, t)) for d, t in texts.items())
    mixed = list(nlp.pipe([a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3]]))

    def seen(docs):
        return [([r["target"] for r in d._.rels], d._.document_state_at_end) for d in docs]

    assert seen(mixed[0::2]) == seen(alone["a"]) and seen(mixed[1::2]) == seen(alone["b"])
    assert alone["a"][3]._.document_state_at_end["plan"] and not alone["b"][3]._.document_state_at_end["plan"]


@pytest.mark.skipif(not NATIONAL.is_dir(), reason="../shared/national-reports not here")
def test_whole_report_targets_agree_with_parse(nlp):
    text = (NATIONAL / "2016.txt").read_text(encoding="utf-8")
    ct = clean(text)
    doc = nlp(ct.text)
    whole = {(ct.to_original(doc[r["head_start"]].idx, doc[r["head_start"]].idx + 1)[0],
              ct.to_original(doc[r["tail_start"]].idx, doc[r["tail_start"]].idx + 1)[0]): r["target"]
             for r in doc._.rels}
    res = policy_ie.parse(text, nlp=nlp)
    parsed = {(res.entities[r["head"]]["start"], res.entities[r["tail"]]["start"]): r["target"] for r in res.relations}
    common = whole.keys() & parsed.keys()
    assert len(common) >= 0.95 * len(parsed) and 0 < sum(parsed[k] for k in common) < len(common)
    assert all(whole[k] == parsed[k] for k in common)


def test_trained_beats_the_rules_on_a_held_out_document(nlp):
    """On a dev document with gold relations: the classifier trained on five documents is at
    least as accurate as the rules it has as one feature."""
    docs = list(records_to_docbin(blank(), _records(["national-2016"])).get_docs(nlp.vocab))
    tc = pipe_of(nlp, TargetClassifier)
    states = gold_states(docs)
    rules = TargetRules()
    right = {"classifier": 0, "rules": 0}
    n = 0
    for d in docs:
        if not d._.rels:
            continue
        gold = [r["target"] for r in d._.rels]
        pred = nlp.make_doc(d.text)
        pred._.rels = [dict(r, target=None) for r in d._.rels]
        pred._.document_state_at_start = states[tuple(d._.document_piece)[:2]].to_dict()
        tc(pred)
        rules_doc = nlp.make_doc(d.text)
        rules_doc._.rels = [dict(r, target=None) for r in d._.rels]
        rules_doc._.plan_at_start = states[tuple(d._.document_piece)[:2]].plan
        rules(rules_doc)
        right["classifier"] += sum(g == r["target"] for g, r in zip(gold, pred._.rels))
        right["rules"] += sum(g == r["target"] for g, r in zip(gold, rules_doc._.rels))
        n += len(gold)
    assert n > 100 and right["classifier"] >= right["rules"] and right["classifier"] / n > 0.9


def test_serialization_round_trip(nlp, tmp_path):
    nlp.to_disk(tmp_path / "p")
    again = policy_ie.load(tmp_path / "p")
    assert pipe_of(again, TargetClassifier).cfg == pipe_of(nlp, TargetClassifier).cfg
    text = REVIEW + RESULT + PLAN + GOAL
    assert policy_ie.parse(text, nlp=again).to_dict() == policy_ie.parse(text, nlp=nlp).to_dict()
    assert again.config["components"]["policy_ie_target_classifier"]["scorer"] == {
        "@scorers": "policy_ie.target_scorer.v1"}


def test_scorer_compares_relations_found_in_both(nlp):
    ref = nlp(REVIEW + RESULT + PLAN + GOAL)
    pred = nlp(REVIEW + RESULT + PLAN + GOAL)
    pred._.rels[0]["target"] = True
    pred._.rels = pred._.rels[:3]
    assert score_targets([Example(pred, ref)]) == {"target_acc": round(2 / 3, 4)}
    assert registry.scorers.get("policy_ie.target_scorer.v1")() is score_targets


def test_targets_config_trains_the_classifier_alone(tmp_path):
    """configs/policy_ie_targets.cfg: the shipped components sourced and frozen, the classifier trained."""
    from spacy.cli.train import train

    records_to_docbin(blank(), _records(["seed-003"])).to_disk(tmp_path / "d.spacy")
    train(ROOT / "configs" / "policy_ie_targets.cfg", tmp_path / "out",
          overrides={"paths.train": str(tmp_path / "d.spacy"), "paths.dev": str(tmp_path / "d.spacy"),
                     "paths.source": str(ROOT / "policy_ie" / "models" / "policy_ie_default"),
                     "training.max_steps": 4, "training.eval_frequency": 2})
    nlp = policy_ie.load(tmp_path / "out" / "model-last")
    shipped = policy_ie.load()
    assert pipe_of(nlp, TargetClassifier) and not any(isinstance(p, TargetRules) for _, p in nlp.pipeline)
    text = REVIEW + RESULT + PLAN + GOAL
    keys = [(r["head"], r["tail"], r["label"]) for r in policy_ie.parse(text, nlp=nlp).relations]
    assert keys == [(r["head"], r["tail"], r["label"]) for r in policy_ie.parse(text, nlp=shipped).relations]
