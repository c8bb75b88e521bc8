"""Train only the relation pipe, on a trained pipeline's frozen tok2vec and entity tagger
(sourced), so that relation-model variants compare on the same features with the same
short budget. The rest of the training settings are those of the config.

    python training/train_relations.py --output training/output/rel-v2 \
        [--architecture policy_ie.RelationModel.v2] [--source policy_ie/models/policy_ie_default] \
        [--max-steps 3000] [--seed 0] [--config configs/policy_ie.cfg]

It writes ``OUTPUT/config.cfg`` (the config as run) and spaCy's ``model-best``/``model-last``;
``model-best`` is chosen on the dev DocBin (``--dev``). A sourced pipeline has seen what it
was trained on (the shipped one: train and dev), so compare the variants with each other.
"""
import argparse
import sys
from pathlib import Path

from spacy.cli.train import train
from thinc.api import Config

from policy_ie.pipeline import ENTITY_FACTORIES

ROOT = Path(__file__).resolve().parents[1]


def relation_config(config: Path, source: Path, architecture: str, max_steps: int, eval_frequency: int,
                    train_path: Path, dev_path: Path, seed: int = 0) -> Config:
    """``config`` (interpolated, with the DocBin paths) with tok2vec and the entity components
    sourced from ``source`` and frozen, tok2vec annotating (its vectors reach the relation
    pipe's listener), and the relation model's architecture set."""
    cfg = Config().from_disk(config, interpolate=False)
    cfg["paths"].update(train=str(train_path.resolve()), dev=str(dev_path.resolve()))
    cfg = cfg.interpolate()
    frozen, tok2vec = [], []
    for name, comp in cfg["components"].items():
        factory = comp.get("factory")
        if factory == "tok2vec" or factory in ENTITY_FACTORIES:
            cfg["components"][name] = {"source": str(source.resolve())}
            frozen.append(name)
            if factory == "tok2vec":
                tok2vec.append(name)
        elif factory == "policy_ie_relations":
            comp["model"]["@architectures"] = architecture
    cfg["training"]["frozen_components"] = frozen
    cfg["training"]["annotating_components"] = tok2vec
    cfg["training"]["max_steps"] = max_steps
    cfg["training"]["eval_frequency"] = eval_frequency
    cfg["training"]["seed"] = seed
    return cfg


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", required=True, type=Path)
    ap.add_argument("--architecture", default="policy_ie.RelationModel.v2")
    ap.add_argument("--source", type=Path, default=ROOT / "policy_ie" / "models" / "policy_ie_default")
    ap.add_argument("--config", type=Path, default=ROOT / "configs" / "policy_ie.cfg")
    ap.add_argument("--train", type=Path, default=ROOT / "corpus" / "spacy" / "train.spacy")
    ap.add_argument("--dev", type=Path, default=ROOT / "corpus" / "spacy" / "dev.spacy")
    ap.add_argument("--max-steps", type=int, default=3000)
    ap.add_argument("--eval-frequency", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    cfg = relation_config(args.config, args.source, args.architecture, args.max_steps, args.eval_frequency,
                          args.train, args.dev, args.seed)
    args.output.mkdir(parents=True, exist_ok=True)
    cfg.to_disk(args.output / "config.cfg")
    train(args.output / "config.cfg", args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
