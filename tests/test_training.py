"""A smoke training run through the config (a few docs, a few steps): the harness works end to end."""
import json
from pathlib import Path

from spacy.cli.train import train

import policy_ie
from policy_ie.corpus.spacy_docs import read_records, records_to_docbin
from policy_ie.evaluation import document_kind
from policy_ie.pipeline import blank

ROOT = Path(__file__).resolve().parents[1]


def test_smoke_training_and_load(tmp_path):
    records = [r for r in read_records([ROOT / "corpus" / "gold" / "seed-000.jsonl"]) if r["entities"]][:12]
    db = records_to_docbin(blank(), records)
    db.to_disk(tmp_path / "train.spacy")
    train(ROOT / "configs" / "policy_ie.cfg", tmp_path / "out",
          overrides={"paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "train.spacy"),
                     "training.max_steps": 4, "training.eval_frequency": 2})
    nlp = policy_ie.load(tmp_path / "out" / "model-last")
    assert nlp.pipe_names[-3:] == ["policy_ie_relations", "policy_ie_target_classifier", "policy_ie_indicator_linker"]
    lexicon = nlp.get_pipe("tok2vec").model.get_ref("embed").layers[0]
    assert lexicon.name == "lexicon_features" and len(lexicon.attrs["lexicon_keys"]) > 100_000  # saved with the model
    text = records[0]["text"]
    d = policy_ie.parse(text, nlp=nlp).to_dict()
    assert all(text[e["start"]:e["end"]] == e["text"] for e in d["entities"])
    assert all("indicator" in e for e in d["entities"] if e["label"] == "METRIC")  # the trained pipeline links too
    cfg = json.loads((tmp_path / "out" / "model-last" / "policy_ie_relations" / "cfg").read_text())
    assert set(cfg["labels"]) <= {"VALUE", "CHANGE"}
    ner = json.loads((tmp_path / "out" / "model-last" / "ner" / "cfg").read_text())
    assert ner["metric_boundaries"] and ner["metric_boundary_margin"] == 2.0  # learned at initialize, saved as JSON


def test_repeated_documents_are_copies_with_their_own_ids():
    """train --repeat PREFIX=N: the training documents with that prefix appear N times, each copy
    a document of its own (read in order), the others and the other splits once."""
    from policy_ie.corpus.spacy_docs import document_places
    from policy_ie.training import repeat_documents

    recs = [{"text": t, "entities": [], "relations": [], "meta": {"doc": d, "start": s, "end": s + 2}}
            for d, t, s in (("report-2026-a", "甲。", 0), ("report-2026-a", "乙。", 3), ("national-1", "丙。", 0),
                            ("report-2026-b", "丁。", 0))]
    out, splits = repeat_documents(recs, {"train": ["report-2026-a", "national-1"], "dev": ["report-2026-b"]},
                                   {"report-2026-": 3})
    assert splits == {"train": ["report-2026-a", "national-1", "report-2026-a#2", "report-2026-a#3"],
                      "dev": ["report-2026-b"]}  # report-2026-b: not in train
    copies = [r for r in out if r["meta"]["doc"] == "report-2026-a#3"]
    assert [r["text"] for r in copies] == ["甲。", "乙。"] and recs[0]["meta"]["doc"] == "report-2026-a"
    places = document_places(out)
    assert {places[i] for i, r in enumerate(out) if r["meta"]["doc"] == "report-2026-a#2"} == {
        ("report-2026-a#2", 0, 2), ("report-2026-a#2", 1, 2)}
    assert repeat_documents(recs, {"train": ["national-1"]}, {"report-2026-": 2}) == (recs, {"train": ["national-1"]})


def test_to_spacy_repeats_the_train_documents_of_a_prefix(tmp_path):
    """corpus to-spacy --repeat: train.spacy holds the repeated documents N times, dev and test once."""
    from spacy.tokens import DocBin

    from policy_ie.cli import main

    gold = tmp_path / "gold.jsonl"
    with open(gold, "w", encoding="utf-8") as fh:
        for doc in ("seed-000", "seed-001", "seed-004"):
            for r in [r for r in read_records([ROOT / "corpus" / "gold" / f"{doc}.jsonl"]) if r["entities"]][:5]:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    def docbins(train, *repeat):
        splits = tmp_path / "splits.json"
        splits.write_text(json.dumps({"train": train, "dev": ["seed-004"], "test": []}), encoding="utf-8")
        out = tmp_path / f"sp{len(train)}{len(repeat)}"
        assert main(["corpus", "to-spacy", str(gold), "--splits", str(splits), "--out", str(out), *repeat]) == 0
        return {split: len(DocBin().from_disk(out / f"{split}.spacy")) for split in ("train", "dev")}

    once, only = docbins(["seed-000", "seed-001"]), docbins(["seed-000"])
    assert once["train"] > only["train"] == 5
    assert docbins(["seed-000", "seed-001"], "--repeat", "seed-000=3") == {"train": once["train"] + 2 * only["train"],
                                                                          "dev": once["dev"]}


def test_cross_validation_by_document(tmp_path):
    """evaluate --cv 3 trains three pipelines, each scored on documents it never saw."""
    from policy_ie.cli import main

    gold = tmp_path / "gold.jsonl"
    docs = ("seed-000", "national-2007", "report-2026-山东省")  # one of each kind
    with open(gold, "w", encoding="utf-8") as fh:
        for doc in docs:
            recs = [r for r in read_records([ROOT / "corpus" / "gold" / f"{doc}.jsonl"]) if r["entities"]][:4]
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = tmp_path / "cv.json"
    assert main(["evaluate", "--cv", "3", str(gold), "--max-steps", "2", "--cv-dir", str(tmp_path / "cv"),
                 "-o", str(out)]) == 0
    res = json.loads(out.read_text(encoding="utf-8"))
    assert [f["test"] for f in res["folds"]] and sorted(d for f in res["folds"] for d in f["test"]) == sorted(docs)
    for f in res["folds"]:
        assert not set(f["test"]) & set(f["dev"])
    for key in ("tp", "fp", "fn"):
        assert res["pooled"]["relations"][key] == sum(f["relations"][key] for f in res["folds"])
    assert res["pooled"]["documents"] == 3
    kinds = res["pooled"]["by_kind"]  # pooled per kind of document too
    assert set(kinds) == {document_kind(d) for d in docs}
    for key in ("tp", "fp", "fn"):
        assert res["pooled"]["relations"][key] == sum(k["relations"][key] for k in kinds.values())
    assert main(["evaluate", "--cv", "4", str(gold)]) == 1  # more folds than documents: one-line error


def test_context_variant_trains_and_round_trips(tmp_path):
    """configs/policy_ie_context.cfg: the recogniser reads the CNN through a bi-LSTM
    (policy_ie.ContextEncoder.v1); a smoke-trained pipeline saves and loads with it."""
    import pytest

    from policy_ie.components.context_encoder import ContextEncoder

    records = [r for r in read_records([ROOT / "corpus" / "gold" / "seed-000.jsonl"]) if r["entities"]][:8]
    records_to_docbin(blank(), records).to_disk(tmp_path / "train.spacy")
    train(ROOT / "configs" / "policy_ie_context.cfg", tmp_path / "out",
          overrides={"paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "train.spacy"),
                     "training.max_steps": 4, "training.eval_frequency": 2})
    nlp = policy_ie.load(tmp_path / "out" / "model-last")
    assert any("lstm" in layer.name for layer in nlp.get_pipe("ner").model.walk())
    text = records[0]["text"]
    first = policy_ie.parse(text, nlp=nlp).to_dict()
    nlp.to_disk(tmp_path / "again")
    assert policy_ie.parse(text, nlp=policy_ie.load(tmp_path / "again")).to_dict() == first
    assert nlp("").ents == ()
    with pytest.raises(ValueError, match="even"):
        ContextEncoder(None, 63)
