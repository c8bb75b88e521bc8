"""A smoke training run through the config (a few docs, a few steps): the harness works end to end."""
import json
from pathlib import Path

from spacy.cli.train import train

import policy_ie
from policy_ie.corpus.spacy_docs import read_records, records_to_docbin
from policy_ie.nlp import blank

ROOT = Path(__file__).resolve().parents[1]


def test_smoke_training_and_load(tmp_path):
    records = [r for r in read_records([ROOT / "corpus" / "gold" / "seed-000.jsonl"]) if r["entities"]][:12]
    db = records_to_docbin(blank(), records)
    db.to_disk(tmp_path / "train.spacy")
    train(ROOT / "configs" / "policy_ie.cfg", tmp_path / "out",
          overrides={"paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "train.spacy"),
                     "training.max_steps": 4, "training.eval_frequency": 2})
    nlp = policy_ie.load(tmp_path / "out" / "model-last")
    assert nlp.pipe_names[-2:] == ["policy_ie_relations", "policy_ie_targets"]
    text = records[0]["text"]
    d = policy_ie.parse(text, nlp=nlp).to_dict()
    assert all(text[e["start"]:e["end"]] == e["text"] for e in d["entities"])
    cfg = json.loads((tmp_path / "out" / "model-last" / "policy_ie_relations" / "cfg").read_text())
    assert set(cfg["labels"]) <= {"VALUE", "CHANGE"}
