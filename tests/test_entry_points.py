"""Installed policy_ie registers its factories, architectures, tokenizer, misc and scorer through
entry points (pyproject.toml): spaCy finds them in a fresh interpreter that never imports policy_ie,
so ``spacy.load(path)`` and ``spacy train`` need no import and no ``--code``.

Runs where policy_ie is installed (``pip install -e .``: CI); skipped where it is only on the path.
"""
import importlib.metadata
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GROUPS = {"spacy_factories": {"policy_ie_sentencizer", "policy_ie_quantities", "policy_ie_entity_tagger",
                              "policy_ie_relations", "policy_ie_targets", "policy_ie_target_classifier",
                              "policy_ie_indicator_linker"},
          "spacy_architectures": {"policy_ie.LexiconHashEmbed.v1", "policy_ie.RelationModel.v1",
                                  "policy_ie.RelationModel.v2", "policy_ie.TargetModel.v1"},
          "spacy_misc": {"policy_ie.candidate_pairs.v1"},
          "spacy_scorers": {"policy_ie.relation_scorer.v1", "policy_ie.target_scorer.v1"},
          "spacy_readers": {"policy_ie.Corpus.v1"}, "spacy_tokenizers": {"policy_ie.Tokenizer.v1"}}


def _registered(group: str) -> set[str]:
    return {ep.name for ep in importlib.metadata.entry_points(group=group)}


def test_pyproject_declares_every_registered_name():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for group, names in GROUPS.items():
        assert f"[project.entry-points.{group}]" in text
        assert all(f"{name} =" in text or f'"{name}" =' in text for name in names), group


installed = pytest.mark.skipif(not all(names <= _registered(g) for g, names in GROUPS.items()),
                               reason="policy_ie is not installed with its entry points (pip install -e .)")


def _fresh(code: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


@installed
def test_spacy_load_needs_no_import_of_policy_ie():
    code = ("import spacy, sys\n"
            "nlp = spacy.load(sys.argv[1])\n"
            "doc = nlp('主要预期目标是：地区生产总值增长5%左右，新增就业8000人。')\n"
            "print(nlp.pipe_names)\n"
            "print(sorted(e._.quantity['value'] for e in doc.ents if e._.quantity), [r['target'] for r in doc._.rels])\n"
            "print([(e.text, e._.indicator_name, e._.indicator) for e in doc.ents if e.label_ == 'METRIC'])\n")
    p = _fresh(code, str(ROOT / "policy_ie" / "models" / "policy_ie_default"))
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.splitlines() == [
        "['tok2vec', 'policy_ie_sentencizer', 'policy_ie_quantities', 'ner', 'policy_ie_relations', 'policy_ie_target_classifier', "
        "'policy_ie_indicator_linker']",
        "[5, 8000] [True, True]",
        "[('地区生产总值', '地区生产总值', 'gdp'), ('新增就业', '新增就业', 'urban_new_jobs')]"]


@installed
@pytest.mark.parametrize("config", ["policy_ie.cfg", "policy_ie_accurate.cfg"])
def test_spacy_train_needs_no_code(tmp_path, config):
    from policy_ie.corpus.spacy_docs import read_records, records_to_docbin
    from policy_ie.pipeline import blank

    records = [r for r in read_records([ROOT / "corpus" / "gold" / "seed-000.jsonl"]) if r["entities"]][:4]
    records_to_docbin(blank(), records).to_disk(tmp_path / "train.spacy")
    p = subprocess.run([sys.executable, "-m", "spacy", "train", str(ROOT / "configs" / config),
                        "--output", str(tmp_path / "out"), "--paths.train", str(tmp_path / "train.spacy"),
                        "--paths.dev", str(tmp_path / "train.spacy"), "--training.max_steps", "2",
                        "--training.eval_frequency", "2"], capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, (p.stdout + p.stderr)[-2000:]
    assert (tmp_path / "out" / "model-last" / "policy_ie_relations").is_dir()
