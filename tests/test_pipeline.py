"""The pipeline is the product: nlp(text) sets what parse() returns; components are found by what they are."""
from pathlib import Path

import pytest
from spacy.util import registry

import policy_ie
from policy_ie.api import PIECE_CHARS
from policy_ie.components.relations import RelationExtractor
from policy_ie.components.target_classifier import TargetClassifier
from policy_ie.components.targets import TargetRules
from policy_ie.pipeline import factories, pipe_of, pipes_of
from policy_ie.schema import QUANTITY_LABELS
from policy_ie.text import clean

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds"
PLAN = "二、2026年工作安排\n"
FILLER = "我们坚持稳中求进工作总基调，扎实推进各项工作，持续改善营商环境，不断增进民生福祉。\n"
GOAL = "全年地区生产总值增长5%左右，新增城镇就业8000人。\n"


@pytest.fixture(scope="module")
def nlp():
    return policy_ie.load()


def _doc_relations(doc, ct=None):
    """``{(head start, tail start): (label, target)}`` in characters (of the original when ``ct``)."""
    out = {}
    for r in doc._.rels:
        h, t = doc[r["head_start"]].idx, doc[r["tail_start"]].idx
        if ct is not None:
            h, t = ct.to_original(h, h + 1)[0], ct.to_original(t, t + 1)[0]
        out[(h, t)] = (r["label"], r["target"])
    return out


def _result_relations(res):
    return {(res.entities[r["head"]]["start"], res.entities[r["tail"]]["start"]): (r["label"], r["target"])
            for r in res.relations}


def test_nlp_sets_what_parse_returns_on_a_short_text(nlp):
    text = PLAN + GOAL
    doc, res = nlp(text), policy_ie.parse(text, nlp=nlp)
    assert _doc_relations(doc) == _result_relations(res) and all(t for _, t in _result_relations(res).values())
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    assert ents == [(e["start"], e["end"], e["label"]) for e in res.entities]
    for ent, item in zip(doc.ents, res.entities):
        if ent.label_ in QUANTITY_LABELS:
            assert ent._.quantity == {k: item[k] for k in ent._.quantity}
    assert doc._.plan_at_end is True


def test_plan_state_crosses_pieces_inside_the_pipeline(nlp):
    text = PLAN + FILLER * (2 * PIECE_CHARS // len(FILLER)) + GOAL
    res = policy_ie.parse(text, nlp=nlp)
    assert len(text) > 2 * PIECE_CHARS and res.relations
    assert all(r["target"] for r in res.relations)  # the heading is two pieces back
    assert all(t for _, t in _doc_relations(nlp(text)).values())  # one Doc: the same
    last = nlp(GOAL)  # the last sentence alone starts outside any plan
    assert not any(t for _, t in _doc_relations(last).values())


@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seeds not here")
def test_whole_report_targets_agree_with_parse(nlp):
    text = sorted(SEED.glob("*.txt"))[0].read_text(encoding="utf-8")
    ct = clean(text)
    whole, res = _doc_relations(nlp(ct.text), ct), _result_relations(policy_ie.parse(text, nlp=nlp))
    common = whole.keys() & res.keys()
    assert len(common) >= 0.9 * len(res) and sum(whole[k][1] for k in common) > 0
    assert all(whole[k][1] == res[k][1] for k in common)  # pieces or one Doc: the same target flags


def test_components_are_found_by_type_or_factory(nlp):
    assert pipe_of(nlp, TargetClassifier) is pipe_of(nlp, "policy_ie_target_classifier")
    assert pipes_of(nlp, TargetRules) == []  # the shipped pipeline decides targets with the trained classifier
    assert factories(nlp)["ner"] == "policy_ie_entity_tagger"
    assert pipes_of(nlp, "no_such_factory") == []
    with pytest.raises(ValueError, match="no no_such_factory component"):
        pipe_of(nlp, "no_such_factory")


def test_renamed_pipes_still_load_and_parse(tmp_path, nlp):
    nlp.to_disk(tmp_path / "p")
    renamed = policy_ie.load(tmp_path / "p")
    for old, new in (("ner", "entities"), ("policy_ie_sentencizer", "sentences")):
        renamed.rename_pipe(old, new)
    renamed.to_disk(tmp_path / "renamed")
    again = policy_ie.load(tmp_path / "renamed")
    assert "ner" not in again.pipe_names
    assert policy_ie.parse(GOAL, nlp=again).to_dict() == policy_ie.parse(GOAL, nlp=nlp).to_dict()


def test_relation_pipe_uses_its_configured_candidates(nlp):
    rel = pipe_of(nlp, RelationExtractor)
    assert rel.get_candidates is registry.misc.get("policy_ie.candidate_pairs.v1")()
    keep = rel.model.attrs["get_candidates"]
    try:
        rel.model.attrs["get_candidates"] = lambda doc: []
        assert nlp(GOAL)._.rels == []
    finally:
        rel.model.attrs["get_candidates"] = keep
    assert nlp(GOAL)._.rels


def test_relation_scorer_is_registered(nlp):
    rel = pipe_of(nlp, RelationExtractor)
    assert rel.scorer is registry.scorers.get("policy_ie.relation_scorer.v1")()
    assert nlp.config["components"]["policy_ie_relations"]["scorer"] == {"@scorers": "policy_ie.relation_scorer.v1"}


def test_pieces_of_interleaved_documents_keep_their_own_state(nlp):
    """Pieces of two documents mixed in one nlp.pipe stream (threads sharing a pipeline) still
    start in the state their own previous piece ended in."""
    def pieces(document, texts):
        for k, t in enumerate(texts):
            doc = nlp.make_doc(t)
            doc._.document_piece = (document, k, len(texts))
            yield doc

    a = list(pieces("a", [PLAN, FILLER, GOAL]))
    b = list(pieces("b", ["一、2025年工作回顾\n", GOAL]))
    mixed = [a[0], b[0], a[1], b[1], a[2]]
    out = list(nlp.pipe(mixed))
    assert [d._.plan_at_end for d in out] == [True, False, True, False, True]
    assert all(r["target"] for r in out[4]._.rels) and out[4]._.rels
    assert not any(r["target"] for r in out[3]._.rels) and out[3]._.rels
