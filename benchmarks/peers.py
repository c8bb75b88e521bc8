"""Side-by-side with peer extractors on the part a peer can do: numbers with units and percentages.

Peers (optional; ``pip install -e ".[bench]"``, imported only when used):

``jionlp``
    ``jionlp.ner.extract_money``: **money amounts only** (a number with a currency,
    ``3826.5亿元``, ``超千亿元``, ``2300余萬元``) with the amount in yuan. It finds no
    percentages and no other units. Works offline (its lexicons ship in the wheel).
``recognizers``
    Microsoft Recognizers-Text (``recognizers-text-suite``), culture ``zh-cn``: the
    NumberWithUnit currency, dimension (length, area, volume, weight), age and
    temperature models plus the Number percentage model, each with a numeric value. It
    has no model for counted things (``23个``, ``1210家``, ``5.2万户``).

Each peer is scored on what it is designed to find (its *domain*: gold AMOUNT spans whose
unit it covers, plus PERCENT for ``recognizers``), and on all gold AMOUNT+PERCENT spans.
Our two systems are scored the same way: the rule-based finder
(:func:`policy_ie.quantities.find_quantities` + the quantity reader) and the shipped
model's AMOUNT/PERCENT (``policy_ie.parse``). Every system reads the same inputs: the text
of each gold record (one sentence). A peer also runs on our cleaned text (traditional →
simplified, pinyin artefacts removed, offsets mapped back), so script is not held against it.

Scores: exact span (and label) match; lenient match (the spans overlap, same label, one
to one), which forgives boundary conventions (jionlp keeps a verb such as 达到 in the
span, our guidelines leave it out); value accuracy on lenient matches: the numeric value
only (not unit or qualifier), a two-number reading counts when it equals the gold range
or its first number equals the gold value.

    python benchmarks/peers.py [--split test] [--peer jionlp --peer recognizers]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from spacy.scorer import PRFScore

from policy_ie.corpus import add_corpus_arguments, split_records
from policy_ie.schema import QUANTITY_LABELS, same_value
from policy_ie.scoring import accuracy, count, prf

PEER_NAMES = ("jionlp", "recognizers")
INSTALL_HINT = 'pip install -e ".[bench]"'

# Units (numerator of a compound unit) that the recognizers' dimension/age models cover.
MEASURE_UNITS = frozenset("""米 公里 千米 厘米 毫米 海里 平方米 平方公里 平方千米 亩 公顷 立方米 升 毫升
吨 千克 公斤 克 斤 岁""".split())


class PeerUnavailable(RuntimeError):
    """The peer package is not installed (or does not work here)."""


def _numerator(unit) -> str:
    return (unit or "").split("/")[0]


def is_money(label: str, unit) -> bool:
    """An AMOUNT in a currency: 元, 美元, 元/人 (not 人/百亿元)."""
    return label == "AMOUNT" and _numerator(unit).endswith("元")


def is_measure(label: str, unit) -> bool:
    return label == "AMOUNT" and _numerator(unit) in MEASURE_UNITS


@dataclass
class System:
    """Something that finds AMOUNT/PERCENT spans in a text."""

    name: str
    extract: Callable[[str], list[dict]]          # text -> [{start, end, label, value[, low, high]}]
    domain: Callable[[str, str], bool]            # (label, unit) -> designed to find it?
    covers: str = ""
    peer: bool = False
    predicts_in_domain_only: bool = False         # every prediction is in its domain (peers)


# --------------------------------------------------------------------------- peers
def _num(x) -> float | None:
    try:
        return float(str(x).replace(",", "").rstrip("%"))
    except (TypeError, ValueError):
        return None


def _load_jionlp():
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
            import jionlp  # noqa: PLC0415
    except Exception as exc:  # noqa: BLE001 - ImportError, or a broken install
        raise PeerUnavailable(f"peer 'jionlp' is not installed or does not import ({type(exc).__name__}: "
                              f"{exc}); install it with {INSTALL_HINT} or pip install jionlp") from exc
    return jionlp


def jionlp_system() -> System:
    jio = _load_jionlp()

    def extract(text: str) -> list[dict]:
        out = []
        for m in jio.ner.extract_money(text, with_parsing=True):
            s, e = m["offset"]
            num = (m.get("detail") or {}).get("num")
            item = {"start": s, "end": e, "label": "AMOUNT", "text": text[s:e]}
            if isinstance(num, (list, tuple)) and len(num) == 2:
                item.update(value=_num(num[0]), low=_num(num[0]), high=_num(num[1]))
            else:
                item["value"] = _num(num)
            out.append(item)
        return _non_overlapping(out)

    return System("jionlp", extract, lambda label, unit: is_money(label, unit),
                  covers="money amounts (extract_money)", peer=True, predicts_in_domain_only=True)


def _load_recognizers():
    try:
        from recognizers_number import NumberRecognizer  # noqa: PLC0415
        from recognizers_number_with_unit import NumberWithUnitRecognizer  # noqa: PLC0415
        from recognizers_text import Culture  # noqa: PLC0415
    except Exception as exc:  # noqa: BLE001
        raise PeerUnavailable(f"peer 'recognizers' is not installed or does not import ({type(exc).__name__}: "
                              f"{exc}); install it with {INSTALL_HINT} or pip install recognizers-text-suite 'emoji<1'") from exc
    nwu = NumberWithUnitRecognizer(Culture.Chinese)
    return [("AMOUNT", nwu.get_currency_model()), ("AMOUNT", nwu.get_dimension_model()),
            ("AMOUNT", nwu.get_age_model()), ("AMOUNT", nwu.get_temperature_model()),
            ("PERCENT", NumberRecognizer(Culture.Chinese).get_percentage_model())]


def recognizers_system() -> System:
    models = _load_recognizers()

    def extract(text: str) -> list[dict]:
        out = []
        for label, model in models:
            for m in model.parse(text):
                s, e = m.start, m.end + 1  # end is inclusive
                res = m.resolution or {}
                out.append({"start": s, "end": e, "label": label, "text": text[s:e], "value": _num(res.get("value"))})
        return _non_overlapping(out)

    return System("recognizers", extract,
                  lambda label, unit: label == "PERCENT" or is_money(label, unit) or is_measure(label, unit),
                  covers="currency, dimension, age, temperature, percentage", peer=True,
                  predicts_in_domain_only=True)


def get_peer(name: str) -> System:
    """The peer ``name`` (one of PEER_NAMES); raises :class:`PeerUnavailable` with an install hint."""
    if name == "jionlp":
        return jionlp_system()
    if name == "recognizers":
        return recognizers_system()
    raise ValueError(f"unknown peer {name!r} (known: {', '.join(PEER_NAMES)})")


def on_clean_text(system: System) -> System:
    """``system`` run on policy_ie's cleaned text, its spans mapped back to the original."""
    from policy_ie.text import clean

    def extract(text: str) -> list[dict]:
        ct = clean(text)
        out = []
        for p in system.extract(ct.text):
            s, e = ct.to_original(p["start"], p["end"])
            out.append(dict(p, start=s, end=e, text=text[s:e]))
        return out

    return System(f"{system.name} (+ policy_ie clean-up)", extract, system.domain, covers=system.covers,
                  peer=system.peer, predicts_in_domain_only=system.predicts_in_domain_only)


# --------------------------------------------------------------------------- ours
def finder_system() -> System:
    from policy_ie.quantities import find_readings
    from policy_ie.text import clean

    def extract(text: str) -> list[dict]:
        ct = clean(text)
        out = []
        for s, e, reading in find_readings(ct.text):
            os_, oe = ct.to_original(s, e)
            out.append(dict(reading.to_dict(), start=os_, end=oe, label=reading.label, text=text[os_:oe]))
        return out

    return System("policy_ie finder (rules)", extract, lambda label, unit: label in QUANTITY_LABELS,
                  covers="all numbers with units, percentages")


def model_system(nlp=None) -> System:
    from policy_ie.api import parse

    def extract(text: str) -> list[dict]:
        return [e for e in parse(text, nlp=nlp).entities if e["label"] in QUANTITY_LABELS]

    return System("policy_ie model (parse)", extract, lambda label, unit: label in QUANTITY_LABELS,
                  covers="all numbers with units, percentages")


def _non_overlapping(items: list[dict]) -> list[dict]:
    """Sorted by start; of overlapping spans the longer (then earlier) one is kept."""
    out: list[dict] = []
    for it in sorted(items, key=lambda x: (x["start"], -(x["end"] - x["start"]))):
        if out and it["start"] < out[-1]["end"]:
            if it["end"] - it["start"] > out[-1]["end"] - out[-1]["start"]:
                out[-1] = it
            continue
        out.append(it)
    return out


# --------------------------------------------------------------------------- scoring
@dataclass
class _Counts:
    exact: PRFScore = field(default_factory=PRFScore)
    lenient: PRFScore = field(default_factory=PRFScore)
    value: list = field(default_factory=lambda: [0, 0])       # correct, compared

    def result(self) -> dict:
        return {"exact": prf(self.exact), "lenient": prf(self.lenient),
                "gold": self.exact.tp + self.exact.fn, "predicted": self.exact.tp + self.exact.fp,
                "value_accuracy": accuracy(*self.value), "value_n": self.value[1]}


def value_ok(gold: dict, pred: dict) -> bool:
    """Numeric value agreement (unit and qualifier not compared; see module doc)."""
    gv = gold.get("value")
    if gv is None:
        return False
    if pred.get("low") is not None and pred.get("high") is not None:
        if gold.get("qualifier") == "range" and same_value(gold.get("low"), pred["low"]) and same_value(gold.get("high"), pred["high"]):
            return True
        return same_value(gv, pred["low"])
    return same_value(gv, pred.get("value"))


def score_record(gold: list[dict], pred: list[dict], counts: _Counts) -> None:
    """Add one text's counts: exact (start, end, label) and lenient (overlap, label, 1:1)."""
    count(((g["start"], g["end"], g["label"]) for g in gold), ((p["start"], p["end"], p["label"]) for p in pred),
          counts.exact)
    used: set[int] = set()
    tp = 0
    for g in sorted(gold, key=lambda x: x["start"]):
        for j, p in enumerate(pred):
            if j in used or p["label"] != g["label"] or p["start"] >= g["end"] or g["start"] >= p["end"]:
                continue
            used.add(j)
            tp += 1
            counts.value[1] += 1
            counts.value[0] += int(value_ok(g, p))
            break
    counts.lenient += PRFScore(tp=tp, fp=len(pred) - tp, fn=len(gold) - tp)


def gold_quantities(rec: dict) -> list[dict]:
    return [e for e in rec["entities"] if e["label"] in QUANTITY_LABELS]


def predict(records: list[dict], system: System) -> tuple[list[list[dict]], float]:
    """``system``'s spans for every record text, and the seconds it took."""
    t0 = time.perf_counter()
    preds = [system.extract(rec["text"]) for rec in records]
    return preds, time.perf_counter() - t0


def evaluate(records: list[dict], system: System, domain_of: System | None = None, preds=None) -> dict:
    """Scores of ``system`` on ``records``: over all AMOUNT+PERCENT and over the domain of
    ``domain_of`` (default: the system's own). ``preds`` reuses :func:`predict` output."""
    dom = (domain_of or system).domain
    own_domain_only = domain_of is None and system.predicts_in_domain_only
    if preds is None:
        preds, _ = predict(records, system)
    all_c, dom_c = _Counts(), _Counts()
    for rec, pred in zip(records, preds):
        gold = gold_quantities(rec)
        score_record(gold, pred, all_c)
        score_record([g for g in gold if dom(g["label"], g.get("unit"))],
                     [p for p in pred if own_domain_only or dom(p["label"], p.get("unit"))], dom_c)
    return {"system": system.name, "covers": system.covers, "all": all_c.result(), "domain": dom_c.result()}


def compare(records: list[dict], peers: Iterable[str] = PEER_NAMES, nlp=None, model: bool = True) -> dict:
    """Every available peer (raw and on cleaned text) against our finder and model, per peer domain."""
    ours = [finder_system()] + ([model_system(nlp)] if model else [])
    ours_preds = [predict(records, s)[0] for s in ours]
    out: dict = {"records": len(records), "gold": sum(len(gold_quantities(r)) for r in records), "peers": {}}
    for name in peers:
        try:
            peer = get_peer(name)
        except PeerUnavailable as exc:
            out["peers"][name] = {"error": str(exc)}
            continue
        rows = [evaluate(records, peer), evaluate(records, on_clean_text(peer))]
        rows += [evaluate(records, s, domain_of=peer, preds=pr) for s, pr in zip(ours, ours_preds)]
        out["peers"][name] = {"covers": peer.covers, "domain_gold": rows[0]["domain"]["gold"], "rows": rows}
    out["ours"] = [evaluate(records, s, preds=pr) for s, pr in zip(ours, ours_preds)]
    return out


def speed(texts: list[str], system: System) -> dict:
    t0 = time.perf_counter()
    found = sum(len(system.extract(t)) for t in texts)
    sec = time.perf_counter() - t0
    chars = sum(map(len, texts))
    return {"system": system.name, "chars": chars, "seconds": round(sec, 3),
            "chars_per_s": round(chars / sec) if sec else None, "found": found}


def markdown(cmp: dict) -> str:
    """Accuracy tables of :func:`compare`, one per peer."""
    lines = []
    for name, res in cmp["peers"].items():
        if "error" in res:
            lines.append(f"**{name}**: not run: {res['error']}")
            lines.append("")
            continue
        lines.append(f"**{name}** finds {res['covers']}; its domain in the gold: {res['domain_gold']} of "
                     f"{cmp['gold']} AMOUNT+PERCENT spans ({cmp['records']} records).")
        lines.append("")
        lines.append("| system | domain P / R / F1 (exact) | domain F1 (lenient) | domain value acc. "
                     "| all P / R / F1 (exact) | all F1 (lenient) |")
        lines.append("|---|---|---|---|---|---|")
        for r in res["rows"]:
            d, a = r["domain"], r["all"]
            va = "–" if d["value_accuracy"] is None else f"{d['value_accuracy']:.3f} (n={d['value_n']})"
            lines.append(f"| {r['system']} | {d['exact']['p']:.3f} / {d['exact']['r']:.3f} / {d['exact']['f']:.3f} "
                         f"| {d['lenient']['f']:.3f} | {va} | {a['exact']['p']:.3f} / {a['exact']['r']:.3f} / "
                         f"{a['exact']['f']:.3f} | {a['lenient']['f']:.3f} |")
        lines.append("")
    if not any("rows" in r for r in cmp["peers"].values()):
        for r in cmp.get("ours", []):
            a = r["all"]
            lines.append(f"- {r['system']}: AMOUNT+PERCENT P / R / F1 (exact) {a['exact']['p']:.3f} / "
                         f"{a['exact']['r']:.3f} / {a['exact']['f']:.3f}, lenient F1 {a['lenient']['f']:.3f}")
    return "\n".join(lines).rstrip() + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_corpus_arguments(ap, split="test")
    ap.add_argument("--peer", action="append", choices=PEER_NAMES, help="default: every peer")
    ap.add_argument("--limit", type=int, default=0, help="only the first N records")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    records = split_records(args.gold, args.splits, args.split, args.limit)
    res = compare(records, args.peer or PEER_NAMES)
    print(markdown(res))
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
