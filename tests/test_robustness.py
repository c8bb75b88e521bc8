"""Issue 7: bad input, long input, determinism across processes, broken pipelines and corpora.

(Type errors, empty input, the basic offset fuzz and batch-size determinism are in test_api.py.)
"""
import collections
import csv
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import policy_ie
from policy_ie import cli
from policy_ie.pipeline import DEFAULT_MODEL, PipelineError
from bench import build_long_text, check_offsets, compare_region  # benchmarks/ (pytest's pythonpath)
from policy_ie.corpus.spacy_docs import read_records
from policy_ie.evaluation import group_documents, join_document

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpus" / "gold"


@pytest.fixture(scope="module")
def gold_docs():
    """Whole gold documents (in the repo) as plain texts."""
    docs = group_documents(read_records([GOLD]))
    return {name: join_document(recs)[0] for name, recs in docs.items()}


def _assert_offsets(text, d):
    assert check_offsets(text, d) == []


# --------------------------------------------------------------------------- hostile text
HOSTILE = [
    "\x00\x01\x02增长5%\x1b[31m投资3亿元\x7f\x85",                        # control characters
    "😀🇨🇳👍🏽 地区生产总值增长5.2%😀，新增就业8000人👨‍👩‍👧",        # emoji, ZWJ sequences, flags
    "GDP增长5%, Москва 3 млн, القاهرة ٣٫٥٪, 東京で5万円, 서울 10%, naïve café 1.5%",  # mixed scripts
    "“地区生产总值增长5%，‘投资3亿元“《规划》”」」（（（增长7%",            # unbalanced quotes/brackets
    "<div class=\"x\"><p>全年收入<b>3826.5亿元</b>&nbsp;增长5%</p><script>var a='<';</script></div><br/>",
    "\ufeff零宽\u200b字符\u200d增长\u200c5%\u2028行分隔\u2029段分隔\u00a0投资3亿元",
    "e\u0301\u0301\u0301组合字符增长5%",
    "增长５.２％投资１２．５億元\r\n\r\n\t\t\x0b\x0c收入增长百分之七",
    "\ud7ff\ue000\uffff\U0010ffff私用区增长5%",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_gives_valid_offsets(text):
    _assert_offsets(text, policy_ie.parse(text).to_dict())


_FRAGMENTS = ["增长5.2%", "地區生產總值", "投资3亿元", "下降0.3个百分点", "新增就业8000人", "。", "，", "\n", "“", "”",
              "<p>", "</p>", "&amp;", "😀", "\x00", "\u200b", "(qū)", "１２．５億元", "约", "以上", "—", "%", "亿元"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=8)), max_size=40))
def test_fuzz_arbitrary_unicode_gives_valid_offsets(parts):
    text = "".join(parts)
    _assert_offsets(text, policy_ie.parse(text).to_dict())


def test_report_without_punctuation_or_line_breaks():
    text = "地区生产总值增长12.5%一般公共预算收入达到3826.5亿元新增就业8000人" * 100   # ~4k chars, hard cuts
    d = policy_ie.parse(text).to_dict()
    _assert_offsets(text, d)
    assert sum(e["label"] == "AMOUNT" for e in d["entities"]) == 200


def test_hard_cuts_do_not_split_numbers():
    text = "增长12.5%" * 300
    counts = collections.Counter((e["label"], e["text"]) for e in policy_ie.parse(text).entities)
    assert counts[("PERCENT", "12.5%")] == 300


# --------------------------------------------------------------------------- long text, chunking
def test_concatenated_documents_match_each_document_alone(gold_docs):
    """A long text is processed in pieces; each whole document inside it gets the same
    numbers (and nearly the same everything) as when parsed alone."""
    texts = [gold_docs[n] for n in ("seed-000", "seed-001", "seed-004")]
    text, placed = build_long_text(texts, 2 * (sum(map(len, texts)) + len(texts)))
    assert len(placed) == 6
    d = policy_ie.parse(text).to_dict()
    _assert_offsets(text, d)
    alone = [policy_ie.parse(t).to_dict() for t in texts]
    same = either = 0
    for i, start in placed:
        n = len(texts[i])
        quantities = lambda ents, s: {(e["start"] - s, e["end"] - s, e["label"], e["value"], e["unit"], e["qualifier"])  # noqa: E731
                                      for e in ents if e["label"] in ("AMOUNT", "PERCENT")}
        inside = [e for e in d["entities"] if start <= e["start"] and e["end"] <= start + n]
        assert quantities(inside, start) == quantities(alone[i]["entities"], 0)
        c = compare_region(d, start, n, alone[i])
        same, either = same + c["entities_same"], either + c["entities_either"]
        assert c["relations_same"] >= 0.95 * c["relations_either"]
    assert same >= 0.98 * either


# --------------------------------------------------------------------------- determinism
def test_n_process_2_gives_exactly_the_same_results(gold_docs):
    texts = [gold_docs["seed-000"][:1500], "", gold_docs["seed-002"][:1200], "產業類投資同比增長74.3%。",
             gold_docs["seed-004"][:4000], "下载\n打印\n", gold_docs["seed-001"]]
    one = [r.to_dict() for r in policy_ie.parse_many(texts, n_process=1)]
    two = [r.to_dict() for r in policy_ie.parse_many(texts, n_process=2)]
    assert [d["text"] for d in two] == texts
    assert two == one
    assert sum(len(d["entities"]) for d in one) > 50
    assert [policy_ie.parse(t).to_dict() for t in texts[:3]] == one[:3]


# --------------------------------------------------------------------------- broken pipelines
def test_corrupt_weights_name_the_path_and_the_problem(tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(DEFAULT_MODEL, broken)
    (broken / "tok2vec" / "model").write_bytes(b"\x00not msgpack weights")
    with pytest.raises(PipelineError, match=f"cannot load pipeline {broken}: .+"):
        policy_ie.load(broken)
    shutil.rmtree(broken / "ner")
    with pytest.raises(PipelineError, match=str(broken)):
        policy_ie.load(broken)


def test_a_spacy_pipeline_that_is_not_policy_ie(tmp_path):
    import spacy

    spacy.blank("en").to_disk(tmp_path / "blank_en")
    with pytest.raises(PipelineError, match=r"blank_en: not a policy_ie pipeline: .*only policy_ie.Tokenizer.v1 is loaded"):
        policy_ie.load(tmp_path / "blank_en")


# --------------------------------------------------------------------------- malformed corpus
@pytest.fixture
def bad_gold(tmp_path):
    d = tmp_path / "gold"
    d.mkdir()
    good = {"text": "地区生产总值增长5%。", "meta": {"doc": "d1"},
            "entities": [{"start": 0, "end": 6, "label": "METRIC", "text": "地区生产总值"},
                         {"start": 8, "end": 10, "label": "PERCENT", "text": "5%", "value": 5, "unit": "%",
                          "qualifier": "exact"}],
            "relations": [{"head": 0, "tail": 1, "label": "CHANGE", "target": False, "direction": "up"}]}
    out_of_range = json.loads(json.dumps(good))
    out_of_range["entities"][1].update(start=8, end=99)
    unknown = json.loads(json.dumps(good))
    unknown["entities"][0]["label"] = "INDICATOR"
    f = d / "bad.jsonl"
    f.write_text("\n".join([json.dumps(good, ensure_ascii=False), '{"text": "增长5%", "entities": [',
                            json.dumps(out_of_range, ensure_ascii=False), json.dumps(unknown, ensure_ascii=False)])
                 + "\n", encoding="utf-8")
    splits = tmp_path / "splits.json"
    splits.write_text(json.dumps({"train": ["d1"], "dev": ["d1"]}), encoding="utf-8")
    return f, splits


def _expect_file_line_errors(err, f):
    assert f"{f}:2: not JSON" in err
    assert f"{f}:3: entity 1: bad offsets 8-99" in err
    assert f"{f}:4: entity 0 '地区生产总值': unknown label 'INDICATOR'" in err
    assert f"{f}:1:" not in err


def test_train_refuses_a_malformed_corpus(bad_gold, tmp_path, monkeypatch, capsys):
    import spacy.cli.train

    def no_training(*a, **k):
        raise AssertionError("spaCy training was started")

    monkeypatch.setattr(spacy.cli.train, "train", no_training)
    f, splits = bad_gold
    out = tmp_path / "out"
    rc = cli.main(["train", "--gold", str(f.parent), "--splits", str(splits), "--output", str(out),
                   "--config", str(ROOT / "configs" / "policy_ie.cfg")])
    err = capsys.readouterr().err
    assert rc == 1
    _expect_file_line_errors(err, f)
    assert "problem(s) in" in err and "training not started" in err
    assert not out.exists()


def test_to_spacy_refuses_a_malformed_corpus(bad_gold, tmp_path, capsys):
    f, splits = bad_gold
    out = tmp_path / "spacy"
    rc = cli.main(["corpus", "to-spacy", str(f), "--splits", str(splits), "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 1
    _expect_file_line_errors(err, f)
    assert not out.exists()


def test_train_from_valid_gold_builds_docbins_then_trains(tmp_path, monkeypatch):
    import spacy.cli.train
    from spacy.tokens import DocBin

    seen = {}

    def fake_train(config, output, overrides):
        seen.update({k: len(DocBin().from_disk(overrides[f"paths.{k}"])) for k in ("train", "dev")})
        seen["output"] = output

    monkeypatch.setattr(spacy.cli.train, "train", fake_train)
    d = tmp_path / "gold"
    d.mkdir()
    shutil.copy(GOLD / "seed-001.jsonl", d)
    splits = tmp_path / "splits.json"
    splits.write_text(json.dumps({"train": ["seed-001"], "dev": ["seed-001"], "test": []}), encoding="utf-8")
    rc = cli.main(["train", "--gold", str(d), "--splits", str(splits), "--output", str(tmp_path / "out"),
                   "--config", str(ROOT / "configs" / "policy_ie.cfg")])
    assert rc == 0
    assert seen["train"] > 10 and seen["train"] == seen["dev"] and seen["output"] == tmp_path / "out"


def test_train_with_dev_trains_on_train_and_dev_documents(tmp_path, monkeypatch, capsys):
    import spacy.cli.train
    from spacy.tokens import DocBin

    seen = {}

    def fake_train(config, output, overrides):
        seen.update({k: len(DocBin().from_disk(overrides[f"paths.{k}"])) for k in ("train", "dev")})

    monkeypatch.setattr(spacy.cli.train, "train", fake_train)
    d = tmp_path / "gold"
    d.mkdir()
    for doc in ("seed-001", "seed-003"):
        shutil.copy(GOLD / f"{doc}.jsonl", d)
    splits = tmp_path / "splits.json"
    splits.write_text(json.dumps({"train": ["seed-001"], "dev": ["seed-003"], "test": []}), encoding="utf-8")
    args = ["train", "--gold", str(d), "--splits", str(splits), "--output", str(tmp_path / "out"),
            "--config", str(ROOT / "configs" / "policy_ie.cfg")]
    assert cli.main(args) == 0
    train_only, dev = seen["train"], seen["dev"]
    assert cli.main(args + ["--with-dev"]) == 0
    assert seen["train"] == train_only + dev and seen["dev"] == dev
    # DocBins carry no split names, so --with-dev needs the gold records
    assert cli.main(["train", "--with-dev", "--output", str(tmp_path / "o2")]) == 1
    assert "--with-dev needs --gold" in capsys.readouterr().err


def test_train_refuses_a_corrupt_docbin(tmp_path, capsys):
    junk = tmp_path / "train.spacy"
    junk.write_bytes(b"not a docbin")
    rc = cli.main(["train", "--train", str(junk), "--dev", str(junk), "--output", str(tmp_path / "out"),
                   "--config", str(ROOT / "configs" / "policy_ie.cfg")])
    assert rc == 1
    assert f"{junk}: not a readable spaCy DocBin" in capsys.readouterr().err


# --------------------------------------------------------------------------- issue 20: hostile input
def test_one_sentence_of_a_million_characters_is_cut_without_recursion():
    from policy_ie.segmentation import split_sentences

    spans = split_sentences("增长" * 600_000, max_len=800)  # once a RecursionError past ~800k characters
    assert len(spans) == 1500 and spans[0] == (0, 800) and spans[-1] == (1_199_200, 1_200_000)


@pytest.mark.parametrize("text,code,pos", [("增长5%\ud800", "D800", 4), ("\udfff", "DFFF", 0),
                                           ("投资3亿元。\n\udc80\ud800", "DC80", 7)])
def test_lone_surrogates_are_a_one_line_value_error(text, code, pos):
    message = f"text has an unencodable character U+{code} at position {pos} (a lone surrogate)"
    with pytest.raises(ValueError) as info:
        policy_ie.parse(text)
    assert str(info.value) == message
    with pytest.raises(ValueError, match=re.escape(message)):
        list(policy_ie.parse_many(["增长5%", text]))


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path):
    from policy_ie.outputs import ResultWriter
    from policy_ie.result import ParseResult

    res = ParseResult("=指标-5%", [
        {"start": 0, "end": 3, "label": "METRIC", "text": "=指标"},
        {"start": 3, "end": 6, "label": "PERCENT", "text": "-5%", "value": -5, "unit": "@%", "qualifier": "+exact"}],
        [{"head": 0, "tail": 1, "label": "\tCHANGE", "target": False}], [(0, 6)])
    out = tmp_path / "t.csv"
    writer = ResultWriter("csv", str(out))
    for name in ("=1+1.txt", "@SUM(A1:A9).txt", "+cmd.txt", "-2+3.txt", "\rx.txt", "plain.txt"):
        writer.add(name, res)
    writer.finish()
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["document"] for r in rows] == ["'=1+1.txt", "'@SUM(A1:A9).txt", "'+cmd.txt", "'-2+3.txt", "'\rx.txt",
                                              "plain.txt"]
    assert {(r["metric"], r["value_text"], r["unit"], r["qualifier"], r["relation"]) for r in rows} == {
        ("'=指标", "'-5%", "'@%", "'+exact", "'\tCHANGE")}
    assert {(r["value"], r["metric_start"]) for r in rows} == {("-5", "0")}  # numbers stay numbers


def test_cli_csv_with_formula_file_names(tmp_path, monkeypatch):
    names = ["=1+1.txt", "@SUM(1).txt", "+a.txt", "-b.txt"]
    for name in names:
        (tmp_path / name).write_text("地区生产总值增长5%，-3%。", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["parse", "--format", "csv", "-o", "t.csv", "--", *names]) == 0
    with open("t.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted({r["document"] for r in rows}) == sorted("'" + n for n in names)
    assert all(not r[c].startswith(("=", "+", "-", "@")) for r in rows for c in ("document", "metric", "value_text"))


def test_a_text_longer_than_max_chars_is_a_one_line_error(tmp_path, capsys):
    message = "text has 12 characters, more than max_chars=10 (memory grows with the length of one text)"
    with pytest.raises(ValueError, match=re.escape(message)):
        policy_ie.parse("增长5%" * 3, max_chars=10)
    with pytest.raises(ValueError, match=re.escape(message)):
        list(policy_ie.parse_many(["增长5%", "增长5%" * 3], max_chars=10))
    assert policy_ie.parse("增长5%" * 3, max_chars=None).entities
    (tmp_path / "long.txt").write_text("增长5%" * 3, encoding="utf-8")
    (tmp_path / "short.txt").write_text("增长5%", encoding="utf-8")
    assert cli.main(["parse", str(tmp_path), "--max-chars", "10", "--format", "jsonl",
                     "-o", str(tmp_path / "out.jsonl")]) == 1
    assert (f"policy-ie: {tmp_path / 'long.txt'}: 12 characters, more than --max-chars=10"
            in capsys.readouterr().err)
    assert [json.loads(x)["text"] for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()] == ["增长5%"]


def test_a_stop_during_creation_of_the_temporary_file_leaves_nothing(tmp_path, monkeypatch):
    """A signal between mkstemp and the writer learning the name (CI saw it) still removes the file."""
    import tempfile

    from policy_ie import outputs
    from policy_ie.outputs import ResultWriter

    real_mkstemp = tempfile.mkstemp

    def mkstemp_then_stop(*args, **kwargs):
        real_mkstemp(*args, **kwargs)
        raise KeyboardInterrupt  # as _on_sigterm/Ctrl-C would, right after the file exists

    monkeypatch.setattr(outputs.tempfile, "mkstemp", mkstemp_then_stop)
    (tmp_path / "out.csv").write_text("previous\n", encoding="utf-8")
    (tmp_path / ".out.csv.1.abc.part").write_text("another process's\n", encoding="utf-8")
    writer = ResultWriter("csv", str(tmp_path / "out.csv"))
    with pytest.raises(KeyboardInterrupt):
        writer.add("a.txt", None)  # the file is opened before the result is read
    assert len(list(tmp_path.glob(".out.csv.*.part"))) == 2
    writer.abort()
    assert sorted(f.name for f in tmp_path.iterdir()) == [".out.csv.1.abc.part", "out.csv"]
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "previous\n"
