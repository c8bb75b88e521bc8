"""Array-backed Doc views agree with spaCy's Token-based ones."""
import pytest

from policy_ie.components.sentencizer import policy_ie_sentencizer
from policy_ie.components.doc_views import sentence_bounds, sentence_chars, sentence_of, sentence_start_tokens, token_texts
from policy_ie.pipeline import blank

TEXTS = ["", "地区生产总值增长5%。", "一、2025年工作回顾\n全年 GDP 增长 5.2%！明年目标6%左右。\n\n“两重”建设任务162项",
         "  开头空格。结尾空格  "]


@pytest.mark.parametrize("text", TEXTS)
def test_views_equal_spacy(text):
    doc = policy_ie_sentencizer(blank().make_doc(text))
    assert token_texts(doc) == [t.text for t in doc]
    if not len(doc):
        assert sentence_bounds(doc) == [] and sentence_chars(doc, []) == []
        return
    sents = list(doc.sents)
    bounds = sentence_bounds(doc)
    assert bounds == [(s.start, s.end) for s in sents]
    assert [doc.text[a:b] for a, b in sentence_chars(doc, bounds)] == [s.text for s in sents]
    starts = sentence_start_tokens(doc)
    assert all(sentence_of(starts, t.i) == t.sent.start for t in doc)


def test_doc_without_sentence_marks_is_one_sentence():
    doc = blank().make_doc("甲。乙")
    assert sentence_bounds(doc) == [(0, len(doc))]


def test_doc_text_is_the_tokenized_text_and_follows_a_retokenized_doc():
    from policy_ie.components.doc_views import doc_text
    from policy_ie.pipeline import blank

    nlp = blank()
    for text in ("地区生产总值增长5.2%，  GDP  达到 3826.5亿元\n\n。", " 前导空格", "a\t\tb", ""):
        doc = nlp.make_doc(text)
        assert doc_text(doc) == doc.text == text
    doc = nlp.make_doc("增长 5%")
    assert doc_text(doc) == "增长 5%"
    with doc.retokenize() as retok:
        retok.merge(doc[0:2])
    assert doc_text(doc) == doc.text == "增长 5%"  # rebuilt: the cached length no longer matches
    with doc.retokenize() as retok:
        retok.split(doc[0], ["增", "长"], heads=[(doc[0], 1), doc[1]])
    assert doc_text(doc) == doc.text
