"""The two shipped pipelines (issue 16): "default" and "accurate", by name in the API and the CLI,
each under 40 MB, each with its test scores in meta.json."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

import policy_ie
from policy_ie.pipeline import ACCURATE_MODEL, DEFAULT_MODEL, SHIPPED_MODELS, PipelineError, model_path

ROOT = Path(__file__).resolve().parents[1]
TEXT = "2025年，全省地区生产总值增长5.2%。2026年主要预期目标是：地区生产总值增长5%左右，新增就业8000人。"


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


@pytest.fixture(scope="module")
def accurate():
    return policy_ie.load("accurate")


@pytest.mark.parametrize("name, path", sorted(SHIPPED_MODELS.items()))
def test_each_shipped_pipeline_is_under_40_mb_and_carries_its_test_scores(name, path):
    assert model_path(name) == path and path.is_dir()
    assert _size(path) < 40 * 2**20
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == f"policy_ie_{name}"
    perf = meta["performance"]
    assert set(perf["by_kind"]) == {"national", "provincial-2026", "seed"}
    assert 0.5 < perf["ents_f"] <= 1 and 0.3 < perf["rel_micro_f"] <= 1


def test_accurate_is_the_wider_pipeline_with_the_same_components(accurate):
    default = policy_ie.load()
    assert accurate.pipe_names == default.pipe_names
    width = {n: nlp.get_pipe("tok2vec").model.get_dim("nO") for n, nlp in (("default", default), ("accurate", accurate))}
    assert width == {"default": 64, "accurate": 128}


def test_accurate_parses_like_the_default_does(accurate):
    res = policy_ie.parse(TEXT, nlp=accurate)
    for e in res.entities:
        assert TEXT[e["start"]:e["end"]] == e["text"]
    rows = [(r["metric"], r["value"], r["target"]) for r in res.records() if r["relation"]]
    assert ("地区生产总值", 5.2, False) in rows and ("地区生产总值", 5, True) in rows
    assert policy_ie.load("default").pipe_names == policy_ie.load(None).pipe_names
    assert model_path("default") == DEFAULT_MODEL and model_path("accurate") == ACCURATE_MODEL


def test_an_unknown_name_is_a_missing_directory():
    with pytest.raises(PipelineError, match="no such directory"):
        policy_ie.load("most-accurate")


def test_cli_model_accurate(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "a.csv"
    p = subprocess.run([sys.executable, "-m", "policy_ie", "parse", str(tmp_path / "a.txt"), "--model", "accurate",
                        "-o", str(out)], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert p.returncode == 0, p.stderr
    assert "地区生产总值" in out.read_text(encoding="utf-8-sig")
    p = subprocess.run([sys.executable, "-m", "policy_ie", "parse", str(tmp_path / "a.txt"), "--model", "acurate"],
                       capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert p.returncode == 1 and "--model acurate: no such pipeline directory" in p.stderr
    assert "shipped name (default, accurate)" in p.stderr


def test_evaluate_takes_a_shipped_name(tmp_path):
    lines = (ROOT / "corpus" / "gold" / "seed-000.jsonl").read_text(encoding="utf-8").splitlines()[:3]
    (tmp_path / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "policy_ie", "evaluate", "accurate", str(tmp_path / "gold.jsonl"),
                        "-o", str(tmp_path / "scores.json")], capture_output=True, text=True, cwd=tmp_path,
                       timeout=300)
    assert p.returncode == 0, p.stderr
    assert json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))["simplified"]["documents"] == 1


def test_settings_given_at_load_reach_the_components_and_the_learned_state_stays():
    from policy_ie.components.entity_tagger import EntityTagger
    from policy_ie.components.relations import RelationExtractor
    from policy_ie.components.target_classifier import TargetClassifier
    from policy_ie.pipeline import pipe_of

    shipped = policy_ie.load()
    nlp = policy_ie.load(config={"components": {
        "ner": {"label_bias": {"METRIC": 1.0, "PROJECT": 0.5}, "project_lists": True},
        "policy_ie_relations": {"threshold": 0.7}, "policy_ie_target_classifier": {"threshold": 0.6}}})
    tagger, default_tagger = pipe_of(nlp, EntityTagger), pipe_of(shipped, EntityTagger)
    assert tagger.cfg["label_bias"] == {"METRIC": 1.0, "PROJECT": 0.5} and tagger.cfg["project_lists"] is True
    assert default_tagger.cfg["label_bias"] == {"METRIC": 1.0} and default_tagger.cfg["project_lists"] is False
    assert pipe_of(nlp, RelationExtractor).cfg["threshold"] == 0.7 != pipe_of(shipped, RelationExtractor).cfg["threshold"]
    assert pipe_of(nlp, TargetClassifier).cfg["threshold"] == 0.6
    for key in EntityTagger.LEARNED:  # what training learned comes from the pipeline's files
        assert tagger.cfg[key] == default_tagger.cfg[key] and tagger.cfg[key]
    assert pipe_of(nlp, RelationExtractor).labels == ("VALUE", "CHANGE")
