"""The policy_ie tokenizer and its spaCy registration."""
import pytest
import spacy
import srsly

from policy_ie.pipeline import blank
from policy_ie.tokenizer import PolicyTokenizer, TokenizerSettingError


@pytest.fixture(scope="module")
def nlp():
    return blank()


@pytest.mark.parametrize("text,tokens", [
    ("产业类投资同比增长74.3%", ["产", "业", "类", "投", "资", "同", "比", "增", "长", "74.3", "%"]),
    ("达10,042万吨", ["达", "10,042", "万", "吨"]),
    ("GDP增速", ["GDP", "增", "速"]),
    ("推动TOD、EOD模式", ["推", "动", "TOD", "、", "EOD", "模", "式"]),
    ("3‰", ["3", "‰"]),
    ("11.73亿元", ["11.73", "亿", "元"]),
])
def test_tokens(nlp, text, tokens):
    doc = nlp(text)
    assert [t.text for t in doc] == tokens
    assert doc.text == text


def test_text_round_trips_with_whitespace(nlp):
    text = " 各位  代表：\n\n现在 我 \u3000代表\r\n"
    assert nlp(text).text == text


def test_default_zh_splits_percent_into_pieces_and_ours_does_not():
    default = spacy.blank("zh")
    assert len(default("74.3%")) > 2
    assert len(blank()("74.3%")) == 2


def test_tokenizer_serialises_with_pipeline(tmp_path, nlp):
    nlp.to_disk(tmp_path / "p")
    nlp2 = spacy.load(tmp_path / "p")
    assert isinstance(nlp2.tokenizer, PolicyTokenizer)
    assert [t.text for t in nlp2("增长74.3%")] == ["增", "长", "74.3", "%"]


def test_tokenizer_settings_are_refused(nlp):
    with pytest.raises(TokenizerSettingError, match="no setting 'pkuseg_model'"):
        PolicyTokenizer(nlp.vocab).from_bytes(srsly.msgpack_dumps({"pkuseg_model": "/x"}))
    with pytest.raises(TokenizerSettingError, match="not a mapping"):
        PolicyTokenizer(nlp.vocab).from_bytes(srsly.msgpack_dumps([1]))
