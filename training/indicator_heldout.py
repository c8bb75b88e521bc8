"""Indicator linking on reports outside the corpus: the METRICs a pipeline finds, against gold ids.

    python training/indicator_heldout.py corpus/indicators/heldout-national.jsonl [--model default] [--errors] [--by-era]

The gold file holds one line per METRIC the pipeline found in a report of
``../shared/national-reports/`` that is not in the corpus (``doc`` = ``national-YYYY``, ``start``/
``end`` offsets into that file), with the ``indicator`` and ``headline`` an annotator gave it from
the sentence, without the linker. Neither the reports nor the gold were used to write the
linking rules, so these figures are held out in the strict sense. Accuracy: right id among the
METRICs linked; coverage: gold-linked METRICs linked to the right id; headline: the same over
gold-linked headline METRICs. A gold span the pipeline no longer finds counts as unlinked.
``--ids-from OLD.csv`` scores links to rows added after the gold was annotated as null.

    python training/indicator_heldout.py DRAFT.jsonl --draft 1995 2000 [--model default]

writes the lines for an annotator instead: each METRIC the pipeline finds in those reports, with
its sentence and the numbers linked to it, ``indicator`` null and ``headline`` false to fill in (no
link from the pipeline is shown). Reports of the corpus are refused.
"""
import argparse
import json
import sys
from pathlib import Path

import policy_ie
from policy_ie.corpus import load_splits

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT.parent / "shared" / "national-reports"


def score(gold: list[dict], found: dict) -> dict:
    """Accuracy, coverage and headline coverage of ``found`` ({(doc, start, end): id}) on ``gold``."""
    linked = [g for g in gold if found.get((g["doc"], g["start"], g["end"])) is not None]
    right = [g for g in linked if found[(g["doc"], g["start"], g["end"])] == g["indicator"]]
    gold_linked = [g for g in gold if g["indicator"] is not None]
    headline = [g for g in gold_linked if g["headline"]]

    def ok(g):
        return found.get((g["doc"], g["start"], g["end"])) == g["indicator"]

    def ratio(a, b):
        return round(a / b, 3) if b else None

    return {"metrics": len(gold), "linked": len(linked), "accuracy": ratio(len(right), len(linked)),
            "gold_linked": len(gold_linked), "coverage": ratio(sum(map(ok, gold_linked)), len(gold_linked)),
            "headline": len(headline), "headline_coverage": ratio(sum(map(ok, headline)), len(headline)),
            "errors": [(g["doc"], g["text"], found.get((g["doc"], g["start"], g["end"])), g["indicator"])
                       for g in gold if not ok(g) and (g["indicator"] is not None
                                                       or found.get((g["doc"], g["start"], g["end"])) is not None)]}


def known_ids_only(found: dict, known: set) -> dict:
    """``found`` with the links to ids outside ``known`` (rows added after the gold) as None."""
    return {k: (v if v in known else None) for k, v in found.items()}


def add_ids_from_argument(ap: argparse.ArgumentParser) -> None:
    """``--ids-from TABLE`` (shared with ``indicator_links.py``)."""
    ap.add_argument("--ids-from", type=Path, metavar="TABLE",
                    help="an indicator table (CSV) the gold was annotated against: links to ids it lacks "
                         "(rows added since) count as null, as its annotator could not give them")


def table_ids(path: Path) -> set:
    """The ids of the indicator table at ``path``."""
    from policy_ie.indicators import read_table

    return {r.id for r in read_table(path)}


ERAS = (("before 2000", 0, 1999), ("2000-2012", 2000, 2012), ("2013 on", 2013, 9999))


def by_era(gold: list[dict]) -> dict[str, list[dict]]:
    """The gold lines grouped by the era of their report (``national-YYYY``), in era order."""
    out = {}
    for name, lo, hi in ERAS:
        lines = [g for g in gold if lo <= int(g["doc"].rsplit("-", 1)[1]) <= hi]
        if lines:
            out[name] = lines
    return out


def draft(years: list[str], nlp) -> list[dict]:
    """Lines to annotate for the national reports of ``years`` (not in the corpus)."""
    splits = load_splits(ROOT / "corpus" / "splits.json")  # every corpus document is in a split
    corpus_docs = {doc for docs in splits.values() for doc in docs}
    lines = []
    for year in years:
        doc = f"national-{year}"
        if doc in corpus_docs:
            raise SystemExit(f"{doc} is a corpus document: its METRICs are gold already")
        text = (REPORTS / f"{year}.txt").read_text(encoding="utf-8")
        res = policy_ie.parse(text, nlp=nlp)
        ents = res.entities
        for i, e in enumerate(ents):
            if e["label"] != "METRIC":
                continue
            s, t = res.sentences[res.sentence_index(e["start"])]
            values = [f"{ents[r['tail']]['text']} {r['label']}" for r in res.relations if r["head"] == i]
            lines.append({"doc": doc, "start": e["start"], "end": e["end"], "text": e["text"],
                          "sentence": text[s:t], "values": values, "indicator": None, "headline": False})
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--model", default="default", help="a pipeline directory (default: the shipped one)")
    ap.add_argument("--errors", action="store_true", help="list every wrong or missing link")
    ap.add_argument("--by-era", action="store_true",
                    help="also score each era of report apart (before 2000, 2000-2012, 2013 on)")
    ap.add_argument("--draft", nargs="+", metavar="YEAR",
                    help="write GOLD as lines to annotate for these national reports instead of scoring")
    add_ids_from_argument(ap)
    args = ap.parse_args()
    nlp = policy_ie.load(args.model)
    if args.draft:
        lines = draft(args.draft, nlp)
        args.gold.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in lines), encoding="utf-8")
        print(f"{args.gold}: {len(lines)} METRICs of {len(args.draft)} report(s)", file=sys.stderr)
        return 0
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = {}
    for doc in sorted({g["doc"] for g in gold}):
        text = (REPORTS / f"{doc.split('-', 1)[1]}.txt").read_text(encoding="utf-8")
        for e in policy_ie.parse(text, nlp=nlp).to_dict()["entities"]:
            if e["label"] == "METRIC":
                found[(doc, e["start"], e["end"])] = e.get("indicator")
    if args.ids_from:
        found = known_ids_only(found, table_ids(args.ids_from))
    res = score(gold, found)
    errors = res.pop("errors")
    print(json.dumps(res, ensure_ascii=False))
    for era, lines in (by_era(gold) if args.by_era else {}).items():
        part = score(lines, found)
        part.pop("errors")
        print(json.dumps({"era": era, "documents": sorted({g["doc"] for g in lines}), **part}, ensure_ascii=False))
    for e in errors if args.errors else ():
        print(*e, sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
