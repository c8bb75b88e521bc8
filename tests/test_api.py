"""policy_ie.parse / parse_many / load on the shipped pipeline."""
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import policy_ie
from policy_ie.pipeline import PipelineError

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SAMPLE = "主要预期目标是：地区生产总值增长5%左右，新增就业8000人。"


def _offsets_ok(text, d):
    assert d["text"] == text
    prev = 0
    for e in d["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
        assert e["start"] >= prev
        prev = e["end"]
    for r in d["relations"]:
        assert d["entities"][r["head"]]["label"] == "METRIC"
        assert d["entities"][r["tail"]]["label"] in ("AMOUNT", "PERCENT")
        assert r["label"] in ("VALUE", "CHANGE") and isinstance(r["target"], bool)


def test_schema_example():
    d = policy_ie.parse(SAMPLE).to_dict()
    _offsets_ok(SAMPLE, d)
    pct = [e for e in d["entities"] if e["label"] == "PERCENT"]
    assert pct == [{"start": 16, "end": 20, "label": "PERCENT", "text": "5%左右", "value": 5, "unit": "%",
                    "qualifier": "approx"}]
    amount = [e for e in d["entities"] if e["label"] == "AMOUNT"]
    assert amount[0]["value"] == 8000 and amount[0]["unit"] == "人"
    json.dumps(d, ensure_ascii=False)


def test_traditional_and_pinyin_offsets_index_the_original():
    text = "2023年，地區(qū)生產(chǎn)總值預計全年同比增長7%，兌現(xiàn)政策性獎勵補助8145萬元。"
    d = policy_ie.parse(text).to_dict()
    _offsets_ok(text, d)
    values = {e["text"]: e for e in d["entities"] if e["label"] in ("AMOUNT", "PERCENT")}
    assert values["8145萬元"]["value"] == 81450000 and values["8145萬元"]["unit"] == "元"
    assert values["7%"]["value"] == 7


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["list"]])
def test_non_text_is_a_type_error(bad):
    with pytest.raises(TypeError, match="expects a str"):
        policy_ie.parse(bad)


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "下载\n打印\n"])
def test_empty_input_gives_empty_result(text):
    assert policy_ie.parse(text).to_dict() == {"text": text, "entities": [], "relations": []}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["增长5.2%", "地區生產總值", "\x00", "😀", "“", "<p>", "\r\n", "１２．５億元", "。",
                                 "收入", "(qū)", " ", "GDP", "下降0.3个百分点", "約"]), max_size=30))
def test_fuzz_every_offset_is_valid(parts):
    text = "".join(parts)
    _offsets_ok(text, policy_ie.parse(text).to_dict())


def test_whole_seed_documents(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("shared/ seeds not present")
    for f in sorted(SEEDS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        _offsets_ok(text, policy_ie.parse(text).to_dict())


def test_long_text_is_chunked_and_offsets_hold():
    text = ("地区生产总值增长5%，一般公共预算收入达到3826.5亿元。\n" * 6000)  # ~190k chars, > one chunk
    d = policy_ie.parse(text).to_dict()
    _offsets_ok(text, d)
    assert sum(e["label"] == "PERCENT" for e in d["entities"]) == 6000


def test_parse_many_matches_parse_and_is_deterministic():
    texts = [SAMPLE, "", "產業類投資同比增長74.3%。", SAMPLE]
    one = [r.to_dict() for r in policy_ie.parse_many(texts)]
    assert one == [policy_ie.parse(t).to_dict() for t in texts]
    assert one == [r.to_dict() for r in policy_ie.parse_many(texts, batch_size=1)]


def test_load_errors_name_the_path(tmp_path):
    with pytest.raises(PipelineError, match="no such directory"):
        policy_ie.load(tmp_path / "missing")
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "config.cfg").write_text("not a config", encoding="utf-8")
    (tmp_path / "junk" / "meta.json").write_text("{}", encoding="utf-8")
    with pytest.raises(PipelineError, match=str(tmp_path / "junk")):
        policy_ie.load(tmp_path / "junk")


def test_blas_backends_agree_and_bad_names_are_refused():
    nlps = {b: policy_ie.load(blas=b) for b in ("numpy", "blis")}
    for b, nlp in nlps.items():
        assert all(node.ops.use_blis == (b == "blis") for _, pipe in nlp.pipeline if hasattr(pipe, "model")
                   for node in pipe.model.walk())
    results = [policy_ie.parse(SAMPLE, nlp=nlp).to_dict() for nlp in nlps.values()]
    assert results[0] == results[1] and results[0]["relations"]
    with pytest.raises(ValueError, match="blas must be one of"):
        policy_ie.load(blas="mkl")


def test_blas_default_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("POLICY_IE_BLAS", "blis")
    assert policy_ie.load().get_pipe("tok2vec").model.ops.use_blis
    monkeypatch.delenv("POLICY_IE_BLAS")
    assert not policy_ie.load().get_pipe("tok2vec").model.ops.use_blis
