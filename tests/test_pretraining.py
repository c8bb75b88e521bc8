"""Pretraining: the config's [pretraining] makes `spacy pretrain` weights reach the tok2vec
(an empty [pretraining] section silently ignores --paths.init_tok2vec), and the raw text for it
leaves the test reports out."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.training.initialize import init_nlp
from spacy.util import load_config

from policy_ie import pipeline  # noqa: F401  (registers the functions where entry points are not installed)

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "configs" / "policy_ie.cfg"
SHARED = ROOT.parent / "shared"


def test_config_pretrains_the_tok2vec_with_the_characters_objective():
    cfg = load_config(CONFIG)
    assert cfg["pretraining"]["component"] == "tok2vec" and cfg["pretraining"]["layer"] == ""
    assert cfg["pretraining"]["objective"]["@architectures"] == "spacy.PretrainCharacters.v1"
    assert cfg["pretraining"]["corpus"] == "corpora.pretrain" and "pretrain" in cfg["corpora"]


def test_pretrained_weights_reach_the_tok2vec(tmp_path):
    raw = tmp_path / "raw.jsonl"
    lines = ["全省地区生产总值增长5.2%，一般公共预算收入达到3826.5亿元。", "城镇新增就业110万人以上，居民消费价格涨幅2%左右。"] * 20
    raw.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in lines), encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "spacy", "pretrain", str(CONFIG), str(tmp_path / "pt"),
                        "--paths.raw_text", str(raw), "--pretraining.max_epochs", "1"],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    weights = tmp_path / "pt" / "model-last.bin"
    assert weights.is_file()

    from policy_ie.corpus.spacy_docs import read_records, records_to_docbin
    from policy_ie.pipeline import blank

    records = [r for r in read_records([ROOT / "corpus" / "gold" / "seed-000.jsonl"]) if r["entities"]][:8]
    records_to_docbin(blank(), records).to_disk(tmp_path / "train.spacy")
    paths = {"paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "train.spacy")}

    def tok2vec_bytes(init_tok2vec):
        cfg = load_config(CONFIG, overrides={**paths, "paths.init_tok2vec": init_tok2vec}, interpolate=False)
        return init_nlp(cfg).get_pipe("tok2vec").model.to_bytes()

    assert tok2vec_bytes(str(weights)) == weights.read_bytes()
    assert tok2vec_bytes(None) != weights.read_bytes()


@pytest.mark.skipif(not (SHARED / "national-reports").is_dir(), reason="needs ../shared")
def test_raw_text_leaves_the_test_reports_out():
    sys.path.insert(0, str(ROOT / "training"))
    try:
        from raw_text import _excluded_files
    finally:
        sys.path.pop(0)
    from policy_ie.corpus import load_splits

    test_docs = load_splits(ROOT / "corpus" / "splits.json")["test"]
    excluded = _excluded_files(ROOT / "corpus" / "gold", ROOT / "corpus" / "splits.json", ["test"])
    reports = [d for d in test_docs if not d.startswith("seed-")]
    assert len(excluded) == len(test_docs) and all(p.is_file() for p in excluded)
    assert {p.stem for p in excluded} >= {d.split("-")[-1] for d in reports}
