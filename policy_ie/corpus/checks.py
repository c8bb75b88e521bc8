"""Corpus checks that need the quantity reader and clean-up: values and cross-document consistency."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable

from ..metric_edges import JURISDICTION_WORDS, TIME_WORDS
from ..schema import VALUE_FIELDS, same_value
from ..text import clean


def quantity_check(entity: dict, before: str, after: str = "") -> str | None:
    """Compare a gold AMOUNT/PERCENT's value fields with the quantity reader's reading."""
    from ..quantities import AFTER_CHARS, BEFORE_CHARS, QuantityError, read_quantity

    span = clean(entity["text"], drop_debris=False).text
    ctx = clean(before[-BEFORE_CHARS:], drop_debris=False).text
    follow = clean(after[:AFTER_CHARS], drop_debris=False).text
    try:
        q = read_quantity(span, ctx, follow).to_dict()
    except QuantityError as exc:
        return f"quantity reader cannot read it ({exc})"
    diffs = [f"{k} {entity.get(k)!r} vs reader {q.get(k)!r}" for k in VALUE_FIELDS
             if not same_value(entity.get(k), q.get(k))]
    return "value disagrees with the quantity reader: " + "; ".join(diffs) if diffs else None




def consistency_report(records: Iterable[dict]) -> dict[str, list[str]]:
    """Cross-corpus checks (each finding is a place to review, not a verdict):

    ``label_conflicts``      one surface with different labels in different records;
    ``unlabelled_names``     a PROJECT/SLOGAN surface left unlabelled elsewhere (quoted, or 4+ characters);
    ``unlabelled_numbers``   a number the rule finder reads that no entity covers;
    ``metric_prefix``        a METRIC starting with a time or jurisdiction word;
    ``coordinated_spans``    a METRIC/PROJECT span holding a list (、) instead of one span per item;
    ``list_items_with_deng`` a list item annotated as a METRIC although its list ends in 等 (the head alone is);
    ``shared_head_without_deng`` one METRIC linked to several values after an unannotated list without 等;
    ``increment_and_total``  a METRIC's increment and total in one sentence with the same relation label;
    ``threshold_counts``     a relation to a count of thresholds crossed (跨过两个万亿元大关);
    ``unquoted_mottos``      an unquoted SLOGAN of several clauses (only quoted mottos are SLOGANs);
    ``distant_metrics``      a linked METRIC whose surface occurs again, unannotated, between it and
                             its value (a draft surface resolved to an earlier occurrence).
    """
    from ..quantities import find_quantities

    records = list(records)
    out: dict[str, list[str]] = {k: [] for k in (
        "label_conflicts", "unlabelled_names", "unlabelled_numbers", "metric_prefix", "coordinated_spans",
        "list_items_with_deng", "shared_head_without_deng", "increment_and_total", "threshold_counts",
        "unquoted_mottos", "distant_metrics")}
    labels: dict[str, Counter] = defaultdict(Counter)
    where: dict[tuple, str] = {}
    for rec in records:
        rid = rec.get("meta", {}).get("id", "?")
        text, ents = rec["text"], rec["entities"]
        for e in ents:
            key = clean(e["text"], drop_debris=False).text
            labels[key][e["label"]] += 1
            where.setdefault((key, e["label"]), rid)
            if e["label"] == "METRIC" and e["text"].startswith(TIME_WORDS + JURISDICTION_WORDS):
                out["metric_prefix"].append(f"{rid}: METRIC {e['text']!r} starts with a time or jurisdiction word")
            if e["label"] in ("METRIC", "PROJECT") and "、" in e["text"]:
                out["coordinated_spans"].append(f"{rid}: {e['label']} {e['text']!r} holds a list")
            if (e["label"] == "SLOGAN" and any(c in e["text"] for c in "、，,")
                    and not (e["start"] > 0 and text[e["start"] - 1] in _QUOTES)
                    and not all(_NUMERAL.search(c) for c in _CLAUSE_SEP.split(e["text"]))):
                out["unquoted_mottos"].append(f"{rid}: SLOGAN {e['text']!r} is an unquoted motto")
        covered = _covered(ents)
        ct = clean(text)
        for s, e, label in find_quantities(ct.text):
            os_, oe = ct.to_original(s, e)
            if not covered.intersection(range(os_, oe)):
                out["unlabelled_numbers"].append(f"{rid}: {text[os_:oe]!r} ({label}) not annotated")
        out["list_items_with_deng"] += [f"{rid}: {m}" for m in _list_items_with_deng(text, ents)]
        out["shared_head_without_deng"] += [f"{rid}: {m}" for m in _shared_heads(text, ents, rec["relations"])]
        out["increment_and_total"] += [f"{rid}: {m}" for m in _increment_and_total(text, ents, rec["relations"])]
        out["threshold_counts"] += [f"{rid}: {m}" for m in _threshold_counts(text, ents, rec["relations"])]
        out["distant_metrics"] += [f"{rid}: {m}" for m in distant_metrics(text, ents, rec["relations"])]
    for key, c in labels.items():
        if len(c) > 1:
            detail = ", ".join(f"{lab}×{n} (e.g. {where[(key, lab)]})" for lab, n in c.most_common())
            out["label_conflicts"].append(f"{key!r}: {detail}")
    out["unlabelled_names"] = _unlabelled_names(records, labels, where)
    return out


def _covered(ents: list[dict]) -> set[int]:
    covered: set[int] = set()
    for e in ents:
        covered.update(range(e["start"], e["end"]))
    return covered


_CLAUSE_SEP = re.compile(r"[、，,]")
_NUMERAL = re.compile(r"[\d一二两三四五六七八九十百千万]")  # every clause counts: a number formula
_QUOTES = "“‘「『\"'"


def _unlabelled_names(records: list[dict], labels: dict, where: dict) -> list[str]:
    """Occurrences of a PROJECT/SLOGAN surface that no entity covers, where other occurrences of
    the same kind are labelled. Quoted and unquoted occurrences are compared separately for a
    SLOGAN (the guidelines make a quoted catchphrase a SLOGAN, an unquoted descriptive name
    not); a PROJECT is a name wherever it stands. Surfaces of one label, 2+ characters; an
    unquoted surface of 2-3 characters is skipped (it matches inside other words)."""
    import re

    names = {k: next(iter(c)) for k, c in labels.items()
             if len(c) == 1 and next(iter(c)) in ("PROJECT", "SLOGAN") and len(k) >= 2}
    if not names:
        return []
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    seen: dict[tuple, list] = defaultdict(list)  # (name, kind) -> [(rid, labelled, surface)]
    for rec in records:
        rid = rec.get("meta", {}).get("id", "?")
        ct = clean(rec["text"], drop_debris=False)
        covered = {(e["start"], e["end"]) for e in rec["entities"]}
        inside = _covered(rec["entities"])
        for m in pattern.finditer(ct.text):
            name = m.group()
            s, e = ct.to_original(m.start(), m.end())
            quoted = s > 0 and rec["text"][s - 1] in _QUOTES
            if not quoted and len(name) < 4:
                continue
            labelled = (s, e) in covered
            if not labelled and inside.intersection(range(s, e)):
                continue  # part of a longer or overlapping entity
            kind = "quoted" if quoted and names[name] == "SLOGAN" else "any"
            seen[(name, kind)].append((rid, labelled, rec["text"][s:e]))
    out = []
    for (name, kind), occ in sorted(seen.items()):
        n_lab = sum(1 for _, lab, _ in occ if lab)
        if n_lab and n_lab < len(occ):
            for rid, lab, surface in occ:
                if not lab:
                    out.append(f"{rid}: {surface!r} unlabelled ({kind}); {names[name]} in {n_lab} of "
                               f"{len(occ)} {kind} occurrences, e.g. {where[(name, names[name])]}")
    return out


_LIST_SEP = ("、", "和", "及", "与", "以及")


def _list_items_with_deng(text: str, ents: list[dict]) -> list[str]:
    """METRICs that are items of a list closed by 等 (食品、石化、医药等产业增加值: the head alone)."""
    out = []
    for e in ents:
        if e["label"] != "METRIC" or not text.startswith(_LIST_SEP, e["end"]):
            continue
        rest = text[e["end"]:e["end"] + 40]
        clause = rest.split("，")[0].split("；")[0].split("。")[0]
        if "等" in clause:
            out.append(f"METRIC {e['text']!r} is an item of a list ending in 等: {text[e['start']:e['end'] + len(clause)]!r}")
    return out


def _shared_heads(text: str, ents: list[dict], rels: list[dict]) -> list[str]:
    """One METRIC with several values after an unannotated list without 等 (新能源汽车、智能家电、
    智能手机零售额分别增长 …): a distributed list, one METRIC per item."""
    out = []
    for i, e in enumerate(ents):
        if e["label"] != "METRIC":
            continue
        tails = [r for r in rels if r["head"] == i]
        if len(tails) < 2:
            continue
        before = text[max(0, e["start"] - 30):e["start"]]
        clause = before.replace("；", "，").split("，")[-1]
        if "、" in clause and "等" not in clause and not any(
                x["end"] > e["start"] - len(clause) and x["end"] <= e["start"] and x["label"] == "METRIC"
                for x in ents):
            out.append(f"METRIC {e['text']!r} linked to {len(tails)} values after the list {clause!r} (no 等)")
    return out


_INCREMENT = ("新增", "净增", "增加", "增长", "多")
_TOTAL = ("累计", "总数", "总量", "达到", "达", "共", "总计")


def _increment_and_total(text: str, ents: list[dict], rels: list[dict]) -> list[str]:
    """A METRIC with an increment (新增9个) and a total (累计达到79个) of the same label."""
    out = []
    for i, e in enumerate(ents):
        mine = [r for r in rels if r["head"] == i]
        if len(mine) < 2:
            continue
        kinds = {}
        for r in mine:
            t = ents[r["tail"]]
            before = text[max(0, t["start"] - 4):t["start"]]
            if before.endswith(_INCREMENT):
                kinds.setdefault("increment", set()).add(r["label"])
            elif before.endswith(_TOTAL):
                kinds.setdefault("total", set()).add(r["label"])
        if "increment" in kinds and "total" in kinds and kinds["increment"] & kinds["total"]:
            out.append(f"METRIC {e['text']!r}: increment and total both {sorted(kinds['increment'] & kinds['total'])}")
    return out


def _threshold_counts(text: str, ents: list[dict], rels: list[dict]) -> list[str]:
    """A relation to a count of thresholds crossed (跨过两个万亿元大关, 迈上4个万亿元台阶)."""
    import re

    out = []
    for r in rels:
        t = ents[r["tail"]]
        if t["label"] == "AMOUNT" and t.get("unit") in ("个", "道") and re.match(
                r"[^，。；]{0,8}(?:关口|大关|台阶|(?<!攻)关)", text[t["end"]:t["end"] + 12]):
            out.append(f"{ents[r['head']]['text']!r} → {t['text']!r}: a count of thresholds crossed has a relation")
    return out


def distant_metrics(text: str, ents: list[dict], rels: list[dict]) -> list[str]:
    """A linked METRIC whose surface occurs again, not annotated, between it and its value
    (经济社会发展…经济增长5%左右 with the first 经济 annotated): the nearer one is meant."""
    out = []
    inside = _covered(ents)
    for r in rels:
        m, v = ents[r["head"]], ents[r["tail"]]
        if m["label"] != "METRIC":
            continue
        lo, hi = (m["end"], v["start"]) if m["start"] < v["start"] else (v["end"], m["start"])
        for k in range(lo, hi - len(m["text"]) + 1):
            if text.startswith(m["text"], k) and not inside.intersection(range(k, k + len(m["text"]))):
                out.append(f"METRIC {m['text']!r} at {m['start']} is linked to {v['text']!r} at {v['start']}; "
                           f"the same words stand unannotated at {k}, nearer the value")
                break
    return out
