"""Word-list features: the word list, the key table, the matches and the embedding layer."""
import numpy
import pytest
from spacy.attrs import NORM

from policy_ie.components.lexicon_embed import LexiconHashEmbed, lexicon_feature
from policy_ie.lexicon import KeyTable, lexicon_matches, load_words, word_keys
from policy_ie.pipeline import blank

WORDS = ["国家级", "国家", "农业", "产业", "融合", "发展", "融资平台", "平台"]


@pytest.fixture
def word_file(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("\n".join(WORDS + ["", "x", "单", "GDP增速", "太长的一个词语啊", "发展 12 v"]) + "\n", encoding="utf8")
    return str(path)


def test_load_words_keeps_han_words_of_allowed_length(word_file):
    assert load_words(word_file) == sorted(set(WORDS))
    assert load_words(word_file, max_len=3) == sorted(w for w in set(WORDS) if len(w) <= 3)


def test_load_words_missing_file():
    with pytest.raises(FileNotFoundError, match="word list not found"):
        load_words("/no/such/words.txt")


def test_pkuseg_dictionary_loads():
    pytest.importorskip("spacy_pkuseg")
    words = load_words("pkuseg")
    assert len(words) > 100_000
    assert {"发展", "生产总值", "高新区"} <= set(words)


@pytest.mark.parametrize("n", [0, 1, 7, 5000])
def test_key_table_agrees_with_isin(n):
    rng = numpy.random.default_rng(n)
    keys = numpy.unique(rng.integers(0, 2**63, size=n, dtype=numpy.uint64) * numpy.uint64(2))
    queries = numpy.concatenate([keys, rng.integers(0, 2**63, size=3000, dtype=numpy.uint64)])
    rng.shuffle(queries)
    table = KeyTable(keys)
    assert len(table) == len(keys)
    assert (table.contains(queries) == numpy.isin(queries, keys)).all()


def _norms(text):
    return blank().make_doc(text).to_array([NORM]).astype(numpy.uint64)


def test_lexicon_matches():
    table = KeyTable(word_keys(WORDS))
    text = "国家级农业产业融合发展，融资平台新"
    starts, ends, inside = lexicon_matches(_norms(text), table, 6)
    chars = list(text)
    assert starts[chars.index("国")] == 3 and ends[chars.index("级")] == 3 and ends[1] == 2
    assert inside.tolist() == [i in (1, 13, 14) for i in range(len(text))]  # 家 in 国家级; 资, 平 in 融资平台
    assert starts[text.index("平")] == 2 and ends[text.index("台")] == 4
    assert starts[text.index("，")] == 0 and ends[-1] == 0


def test_lexicon_matches_edge_cases():
    table = KeyTable(word_keys(WORDS))
    for text in ["", "国", "家国"]:
        starts, ends, inside = lexicon_matches(_norms(text), table, 6)
        assert len(starts) == len(ends) == len(inside) == len(text)
        assert not starts.any() and not ends.any() and not inside.any()
    empty = lexicon_matches(_norms("国家"), KeyTable(numpy.zeros((0,), dtype=numpy.uint64)), 6)
    assert not empty[0].any()


def test_feature_keys_are_distinct_per_pattern():
    starts, ends, inside = numpy.array([0, 3, 2, 0]), numpy.array([0, 0, 2, 3]), numpy.array([False, False, True, True])
    keys = lexicon_feature(starts, ends, inside)
    assert len(set(keys.tolist())) == 4 and keys.dtype == numpy.uint64


def test_embed_initialises_from_word_list_and_round_trips(word_file):
    nlp = blank()
    docs = [nlp.make_doc("国家级农业产业融合发展"), nlp.make_doc("融资平台")]
    model = LexiconHashEmbed(width=8, attrs=["NORM", "SHAPE"], rows=[50, 10], lexicon=word_file)
    model.initialize(X=docs)
    features = model.layers[0]
    assert len(features.attrs["lexicon_keys"]) == len(set(WORDS))
    out = model.predict(docs)
    assert [o.shape for o in out] == [(11, 8), (4, 8)]

    # a trained model carries the keys: loading needs neither the word list nor initialize
    loaded = LexiconHashEmbed(width=8, attrs=["NORM", "SHAPE"], rows=[50, 10], lexicon="/no/such/words.txt")
    loaded.from_bytes(model.to_bytes())
    assert (loaded.layers[0].attrs["lexicon_keys"] == features.attrs["lexicon_keys"]).all()
    assert all(numpy.allclose(a, b) for a, b in zip(loaded.predict(docs), out))


def test_embed_features_change_with_the_word_list(word_file, tmp_path):
    nlp = blank()
    docs = [nlp.make_doc("融资平台")]
    other = tmp_path / "other.txt"
    other.write_text("融资\n", encoding="utf8")
    with_words = LexiconHashEmbed(width=8, attrs=["NORM"], rows=[50], lexicon=word_file)
    with_other = LexiconHashEmbed(width=8, attrs=["NORM"], rows=[50], lexicon=str(other))
    for m in (with_words, with_other):
        m.initialize(X=docs)
    a = with_words.layers[0].predict(docs)[0][:, -1]
    b = with_other.layers[0].predict(docs)[0][:, -1]
    assert a.tolist() != b.tolist()


def test_embed_rejects_bad_settings():
    with pytest.raises(ValueError, match="Mismatched"):
        LexiconHashEmbed(width=8, attrs=["NORM"], rows=[50, 10])
    with pytest.raises(ValueError, match="max_word_length"):
        LexiconHashEmbed(width=8, attrs=["NORM"], rows=[50], max_word_length=1)


def test_shipped_pipeline_loads_without_the_word_list_source():
    """The shipped pipeline stores its word keys: parsing never imports spacy_pkuseg."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'spacy_pkuseg':\n"
        "            raise ImportError('blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import policy_ie\n"
        "rels = policy_ie.parse('地区生产总值增长5%左右。').to_dict()['relations']\n"
        "assert rels and 'spacy_pkuseg' not in sys.modules, rels\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
