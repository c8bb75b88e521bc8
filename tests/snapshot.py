"""Behaviour snapshot: what the shipped pipeline returns for every report of ``../shared/reports-2026``.

    PYTHONPATH=. python tests/snapshot.py            # rewrite tests/data/snapshot-reports-2026.json
    PYTHONPATH=. python tests/snapshot.py --check    # compare, print the reports that differ

Per report the file stores the sha256 of the canonical JSON of ``parse(text)``: every entity
(offsets, label, text, value, unit, qualifier, low, high), every relation (head, tail, label,
target, and direction once the pipeline predicts one) and the sentence offsets behind
``records()``; plus counts, and the sum of the relation scores (compared to 1e-3, since a
score is a float that BLAS rounding may move in its last digit; scores are left out of the hash).

``tests/test_snapshot.py`` recomputes it and must stay green through any refactor. When the
behaviour changes on purpose (a retrained shipped pipeline, a rule fix), regenerate the
file with this script and say why in the commit.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT.parent / "shared" / "reports-2026"
SNAPSHOT = ROOT / "tests" / "data" / "snapshot-reports-2026.json"
SCORE_TOLERANCE = 1e-3


def canonical(result) -> dict:
    """The compared part of a ParseResult: entities, relations without scores, sentences."""
    d = result.to_dict()
    rels = [{k: v for k, v in r.items() if k != "score"} for r in d["relations"]]
    return {"entities": d["entities"], "relations": rels, "sentences": [list(s) for s in result.sentences]}


def digest(result) -> dict:
    body = json.dumps(canonical(result), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {
        "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
        "chars": len(result.text),
        "entities": len(result.entities),
        "relations": len(result.relations),
        "targets": sum(bool(r["target"]) for r in result.relations),
        "sentences": len(result.sentences),
        "score_sum": round(sum(r.get("score") or 0.0 for r in result.relations), 4),
    }


def report_files(directory: Path = REPORTS) -> list[Path]:
    return sorted(Path(directory).glob("*.txt"))


def compute(directory: Path = REPORTS, nlp=None) -> dict[str, dict]:
    """``{file name: digest}`` for every report, parsed with ``policy_ie.parse_many``."""
    import policy_ie

    files = report_files(directory)
    texts = [f.read_text(encoding="utf-8") for f in files]
    return {f.name: digest(r) for f, r in zip(files, policy_ie.parse_many(texts, nlp=nlp))}


def differences(stored: dict[str, dict], now: dict[str, dict]) -> list[str]:
    """One line per report whose digest differs (scores compared to ``SCORE_TOLERANCE``)."""
    out = []
    for name in sorted(stored.keys() | now.keys()):
        a, b = stored.get(name), now.get(name)
        if a is None or b is None:
            out.append(f"{name}: {'new' if a is None else 'missing'}")
            continue
        diff = [k for k in a if k != "score_sum" and a[k] != b.get(k)]
        if abs(a["score_sum"] - b["score_sum"]) > SCORE_TOLERANCE:
            diff.append(f"score_sum {a['score_sum']} -> {b['score_sum']}")
        if diff:
            out.append(f"{name}: " + ", ".join(d if " " in d else f"{d} {a[d]} -> {b.get(d)}" for d in diff))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="compare with the stored snapshot instead of writing it")
    args = ap.parse_args(argv)
    now = compute()
    if args.check:
        diff = differences(json.loads(SNAPSHOT.read_text(encoding="utf-8"))["reports"], now)
        print("\n".join(diff) or f"{len(now)} reports: same as the snapshot")
        return 1 if diff else 0
    SNAPSHOT.write_text(json.dumps({"reports": now}, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"{SNAPSHOT}: {len(now)} reports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
