"""Issue 20: loading a pipeline directory reads only what it holds and never unpickles."""
import os
import pickle
import shutil

import numpy
import pytest

import policy_ie
from policy_ie.pipeline import DEFAULT_MODEL, PipelineError


class _Payload:
    """Unpickling this creates the directory ``path``: the marker that code ran."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (os.mkdir, (self.path,))


@pytest.fixture
def hostile(tmp_path):
    """A copy of the shipped pipeline, a pkuseg model directory whose features.pkl runs
    code when unpickled (no features.msgpack, so spacy-pkuseg would fall back to it), and
    the marker path that shows whether it ran."""
    pipeline = tmp_path / "pipeline"
    shutil.copytree(DEFAULT_MODEL, pipeline)
    marker = tmp_path / "MARKER"
    evil = pipeline / "tokenizer" / "pkuseg_model"
    evil.mkdir()
    (evil / "features.pkl").write_bytes(pickle.dumps(_Payload(marker)))
    return pipeline, evil, marker


def _edit_config(pipeline, old, new):
    cfg = pipeline / "config.cfg"
    text = cfg.read_text(encoding="utf-8")
    assert old in text
    cfg.write_text(text.replace(old, new, 1), encoding="utf-8")


def _refused(pipeline, marker, match):
    with pytest.raises(PipelineError, match=match) as info:
        policy_ie.load(pipeline)
    assert "\n" not in str(info.value)
    assert not marker.exists(), "loading the pipeline ran code"


def test_the_payload_really_runs_when_spacy_pkuseg_reads_it(hostile):
    """The fixture is a real attack: spacy-pkuseg itself unpickles features.pkl."""
    spacy_pkuseg = pytest.importorskip("spacy_pkuseg")
    _, evil, marker = hostile
    with pytest.raises(Exception):
        spacy_pkuseg.pkuseg(str(evil))
    assert marker.exists()


TOKENIZER = '@tokenizers = "policy_ie.Tokenizer.v1"\n'
NER = '[components.ner]\nfactory = "policy_ie_entity_tagger"\n'
CONFIG_EDITS = {  # what config.cfg is made to say ({evil}: the pkuseg model directory), what load must answer
    "pkuseg_model": (TOKENIZER, TOKENIZER + 'pkuseg_model = "{evil}"\n',
                     r"\[nlp.tokenizer\]: policy_ie.Tokenizer.v1 has no setting 'pkuseg_model'"),
    "spaCy's Chinese tokenizer": (TOKENIZER, '@tokenizers = "spacy.zh.ChineseTokenizer"\nsegmenter = "pkuseg"\n',
                                  r"only policy_ie.Tokenizer.v1 is loaded, not 'spacy.zh.ChineseTokenizer'"),
    "a sourced component": (NER, '[components.ner]\nsource = "{evil}"\n',
                            r"\[components.ner\]: 'source' loads another pipeline"),
}


@pytest.mark.parametrize("case", CONFIG_EDITS)
def test_config_settings_that_could_run_code_are_refused(hostile, case):
    pipeline, evil, marker = hostile
    old, new, match = CONFIG_EDITS[case]
    _edit_config(pipeline, old, new.format(evil=evil))
    _refused(pipeline, marker, match)


def test_pkuseg_model_in_tokenizer_cfg_is_refused(hostile):
    pipeline, evil, marker = hostile
    (pipeline / "tokenizer" / "cfg").write_text(f'{{"pkuseg_model": "{evil}"}}', encoding="utf-8")
    _refused(pipeline, marker, r"tokenizer/cfg: policy_ie.Tokenizer.v1 has no setting 'pkuseg_model'")


def test_pickled_vectors_are_not_unpickled(hostile):
    pipeline, _, marker = hostile
    with open(pipeline / "vocab" / "vectors", "wb") as fh:
        numpy.save(fh, numpy.array([_Payload(marker)], dtype=object), allow_pickle=True)
    _refused(pipeline, marker, "allow_pickle")


def test_the_lexicon_path_is_not_read_on_load(hostile):
    """``lexicon`` is read when a pipeline is initialised for training, not when it is loaded."""
    pipeline, evil, marker = hostile
    _edit_config(pipeline, 'lexicon = "pkuseg"', f'lexicon = "{evil / "features.pkl"}"')
    nlp = policy_ie.load(pipeline)
    assert policy_ie.parse("地区生产总值增长5%。", nlp=nlp).relations
    assert not marker.exists()


def test_the_shipped_pipeline_and_a_saved_one_load(tmp_path):
    nlp = policy_ie.load()
    nlp.to_disk(tmp_path / "saved")
    assert "pkuseg" not in (tmp_path / "saved" / "tokenizer" / "cfg").read_text(encoding="utf-8")
    again = policy_ie.load(tmp_path / "saved")
    text = "地区生产总值增长5%，新增就业8000人。"
    assert policy_ie.parse(text, nlp=again).to_dict() == policy_ie.parse(text, nlp=nlp).to_dict()
