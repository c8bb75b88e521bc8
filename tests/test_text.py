"""Clean-up keeps an exact map back to the original string."""
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from policy_ie.text import clean, is_debris_line

SHARED = Path(__file__).resolve().parents[2] / "shared"

PIECES = ["地区生产总值", "增长", "5.2%", "綠園區(qū)", "穩(wěn)中有進", "总值(zǒng zhí)", "總值（zǒng'zhí）", "(dì qū)", "１１．７３億元", "１０，０４２萬噸", "％",
          "GDP", "ＴＯＤ", "😀", "\x00", "\x07", "\r\n", "\n", " ", "\u3000", "“两重”", "乾隆", "下载\n", "(abc)", "(ā)",
          "發展", "产业类投资同比增长74.3%", "⺀", "\U00020000", "了", "‰", "\u200b", "“\n", "\n”", "\n\u200b\n", "《\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=25))
def test_every_span_maps_back(parts):
    text = "".join(parts)
    ct = clean(text)
    assert len(ct.starts) == len(ct.ends) == len(ct.text)
    n = len(ct.text)
    for s in range(n):
        for e in range(s + 1, min(n, s + 12) + 1):
            os_, oe = ct.to_original(s, e)
            assert 0 <= os_ < oe <= len(text)
            # monotone: a longer cleaned span never maps to a shorter original span
            if e > s + 1:
                ps, pe = ct.to_original(s, e - 1)
                assert ps == os_ and pe <= oe


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_round_trip_of_unchanged_text(text):
    """Where clean-up changes nothing, every span maps to itself."""
    ct = clean(text, drop_debris=False)
    if ct.text == text:
        for s in range(len(text)):
            assert ct.to_original(s, len(text)) == (s, len(text))


def test_pinyin_artefacts_are_removed_and_spans_include_them():
    text = "長春市綠園區(qū)地區(qū)生產(chǎn)總值增長7%"
    ct = clean(text)
    assert ct.text == "长春市绿园区地区生产总值增长7%"
    i = ct.text.index("地区生产总值")
    assert ct.original_span_text(i, i + 6) == "地區(qū)生產(chǎn)總值"
    j = ct.text.index("绿园区")
    assert ct.original_span_text(j, j + 3) == "綠園區"  # the trailing artefact stays out


@pytest.mark.parametrize("annotated", ["地区生产总值(dì qū shēng chǎn zǒng zhí)", "地区生产总值（dì qū shēng chǎn zǒng zhí）",
                                       "地区生产总值(dìqū shēngchǎn zǒngzhí)", "地区生产总值(Dì qū shēng chǎn zǒng zhí)",
                                       "地區(dì qū)生產(shēng chǎn)總值(zǒng zhí)", "地区生产总值(dì'qū shēng’chǎn zǒng zhí)"])
def test_multi_syllable_pinyin_is_removed_and_spans_map_back(annotated):
    text = f"2025年{annotated}增长5.4%。"
    ct = clean(text)
    assert ct.text == "2025年地区生产总值增长5.4%。"
    m = ct.text.index("地区生产总值")
    s, e = ct.to_original(m, m + 6)
    assert text[s:e].startswith("地") and text[s:e].endswith("值") and clean(text[s:e]).text == "地区生产总值"
    assert ct.to_clean(s, e) == (m, m + 6)
    p = ct.text.index("5.4%")
    assert ct.original_span_text(p, p + 4) == "5.4%" and ct.to_original(p, p + 4)[0] == text.index("5.4%")


@pytest.mark.parametrize("kept", ["地区生产总值(GDP)增长", "利率(LPR)", "中(zhōng guó )", "中 (zhōng)", "增长(5%)", "(dì qū)开头"])
def test_brackets_that_are_not_pinyin_after_a_character_are_kept(kept):
    assert clean(kept).text == kept


def test_multi_syllable_pinyin_does_not_become_a_metric():
    import policy_ie

    text = "地区生产总值(dì qū shēng chǎn zǒng zhí)增长5.4%。"
    res = policy_ie.parse(text)
    assert [(text[e["start"]:e["end"]], e["label"]) for e in res.entities] == [("地区生产总值", "METRIC"), ("5.4%", "PERCENT")]
    assert [(r["head"], r["tail"], r["label"]) for r in res.relations] == [(0, 1, "CHANGE")]


def test_width_folding_for_numbers():
    ct = clean("收入１１．７３億元，增长７４．３％，共１０，０４２萬噸。")
    assert ct.text == "收入11.73亿元，增长74.3%，共10,042万吨。"
    k = ct.text.index("74.3%")
    assert ct.original_span_text(k, k + 5) == "７４．３％"


@pytest.mark.parametrize("text,cleaned,span,value", [
    ("1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元，", "1997年国内生产总值达到74772亿元，", "7 4 7 7 2 亿元", 7477200000000),
    ("平均每年增长1 1 ％。", "平均每年增长11%。", "1 1 ％", 11),
    ("工业增加值平均每年增长1 5 ．3 ％，", "工业增加值平均每年增长15.3%，", "1 5 ．3 ％", 15.3),
    ("人口自然增长率下降到1 0 ．0 6 ‰。", "人口自然增长率下降到10.06‰。", "1 0 ．0 6 ‰", 10.06),
])
def test_spaced_out_digits_are_joined_and_map_back(text, cleaned, span, value):
    # national-reports/1998.txt spaces every digit out
    from policy_ie.quantities import find_readings
    ct = clean(text)
    assert ct.text == cleaned
    found = [(ct.original_span_text(s, e), r.value) for s, e, r in find_readings(ct.text)]
    assert (span, value) in found


@pytest.mark.parametrize("kept", ["会议于2026-02-03 09:02:33开始。", "帖子在2023-2-3 21:00:09修改。", "增长5 %", "第1 22 3项"])
def test_spaces_between_numbers_that_are_not_spaced_digits_are_kept(kept):
    assert clean(kept).text == kept


def test_chinese_commas_between_words_are_kept():
    assert clean("增长，达到").text == "增长，达到"


def test_to_clean_inverts_to_original():
    text = "地區(qū)生產(chǎn)總值"
    ct = clean(text)
    assert ct.to_clean(0, len(text)) == (0, len(ct.text))
    assert ct.to_clean(3, 6) is None or ct.to_clean(3, 6)[0] >= 1


@pytest.mark.parametrize("line", ["下载", "打印", "【字号：", "来源：河北日报", "时间：2026-02-02",
                                  "王正谱作政府工作报告。本报记者 霍艳恩摄", "查看: 806|回复: 0", "141611", "1万",
                                  "Powered by quyushuju X3.4 Licensed© 2008-2018 quyushuju Inc.", "責任編輯/艾 ? ?杰",
                                  "版權聲明:凡注明“來源:中國西藏網”的所有作品", "扫一扫在手机打开当前页"])
def test_debris_lines(line):
    assert is_debris_line(line)


@pytest.mark.parametrize("line", ["各位代表：", "一、2025年工作回顾", "地区生产总值增长5%。", "2026年政府工作报告",
                                  "锚定目标篤行實干"])
def test_content_lines_are_not_debris(line):
    assert not is_debris_line(line)


def test_debris_lines_leave_line_breaks():
    text = "下载\n打印\n地区生产总值增长5%。\n来源：河北日报\n"
    ct = clean(text)
    assert ct.text == "\n\n地区生产总值增长5%。\n\n"
    s = ct.text.index("地区")
    assert ct.original_span_text(s, s + 6) == "地区生产总值"


@pytest.mark.parametrize("text, cleaned", [
    ("国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%。", "国内生产总值达到74.4万亿元，增长6.7%。"),  # a page cut
    ("完成，“\n十三五\n”实现了良好开局。", "完成，“十三五”实现了良好开局。"),         # a linked term
    ("推动《\n巴黎协定\n》生效。\n\n二、", "推动《巴黎协定》生效。\n\n二、"),
    ("一、工作回顾\n\n过去一年", "一、工作回顾\n\n过去一年"),                        # real breaks stay
    ("标题（\n\n正文", "标题（\n\n正文"), ("\u200b\n正文", "\u200b\n正文"), ("正文\n\u200b\n", "正文\n\u200b\n"),
    ("实景！\n》》点击图片进入专题《《\n收藏", "实景！\n\n"),                              # a debris line is no closer
])
def test_line_breaks_inside_a_sentence_are_dropped(text, cleaned):
    ct = clean(text)
    assert ct.text == cleaned
    for k, ch in enumerate(ct.text):
        s, e = ct.to_original(k, k + 1)
        assert text[s:e] == ch


def test_a_quantity_cut_by_a_page_break_is_read_whole():
    import policy_ie
    text = "国内生产总值达到74.4\n\u200b\n万亿元，增长6.7%。"
    ents = policy_ie.parse(text).to_dict()["entities"]
    amount = next(e for e in ents if e["label"] == "AMOUNT")
    assert (amount["value"], amount["unit"]) == (74400000000000, "元")
    assert text[amount["start"]:amount["end"]] == amount["text"] == "74.4\n\u200b\n万亿元"


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared/ seeds not present")
def test_seed_documents_map_back_exactly():
    for f in sorted((SHARED / "seeds").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        ct = clean(text)
        for k in range(0, len(ct.text) - 4, 7):
            s, e = ct.to_original(k, k + 4)
            assert 0 <= s < e <= len(text)


ROUND_TRIP_PIECES = ["地区生产总值", "增长", "5.2%", "綠園區(qū)", "穩(wěn)中有進", "(dì qū shēng chǎn zǒng zhí)",
                     "總值（zǒngzhí）", "(jīng jì)", "(GDP)", " (a b)", "总值(zǒng zhí)", "總值（zǒng'zhí）", "(dì qū)", "１１億元", "％", "GDP", "ＴＯＤ",
                     "😀", "\x07", " ", "“两重”", "發展", "萬戶", "(ā)", "了"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ROUND_TRIP_PIECES), max_size=12))
def test_round_trip_content_of_every_span(parts):
    """The original text under any cleaned span cleans back to exactly that span."""
    text = "".join(parts)
    ct = clean(text, drop_debris=False)
    n = len(ct.text)
    for s in range(n):
        for e in range(s + 1, n + 1):
            os_, oe = ct.to_original(s, e)
            assert clean(text[os_:oe], drop_debris=False).text == ct.text[s:e]
