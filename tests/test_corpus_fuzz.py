"""Issue 20: ``corpus validate`` never raises, and what it passes, train, evaluate and to-spacy accept."""
import copy
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings, strategies as st

import policy_ie
from policy_ie.corpus.checks import quantity_check
from policy_ie.corpus.spacy_docs import records_to_docbin
from policy_ie.corpus.validate import validate_paths
from policy_ie.evaluation import evaluate_records
from policy_ie.pipeline import blank
from policy_ie.training import checked_gold, write_docbins

TEXT = "地区生产总值增长5%，投资3亿元。"
BASE = {
    "text": TEXT,
    "meta": {"doc": "d1", "id": "d1:0000", "source": "d1.txt", "start": 0, "end": len(TEXT)},
    "entities": [
        {"start": 0, "end": 6, "label": "METRIC", "text": "地区生产总值"},
        {"start": 8, "end": 10, "label": "PERCENT", "text": "5%", "value": 5, "unit": "%", "qualifier": "exact"},
        {"start": 11, "end": 13, "label": "METRIC", "text": "投资"},
        {"start": 13, "end": 16, "label": "AMOUNT", "text": "3亿元", "value": 300000000, "unit": "元",
         "qualifier": "exact"},
    ],
    "relations": [
        {"head": 0, "tail": 1, "label": "CHANGE", "target": False, "direction": "up"},
        {"head": 2, "tail": 3, "label": "VALUE", "target": True},
    ],
}
DELETE = object()
PATHS = ([("text",), ("meta",), ("entities",), ("relations",)]
         + [("meta", k) for k in ("doc", "id", "source", "start", "end")]
         + [("entities", i) for i in range(4)] + [("relations", j) for j in range(2)]
         + [("entities", i, k) for i in range(4)
            for k in ("start", "end", "label", "text", "value", "unit", "qualifier", "low", "high")]
         + [("relations", j, k) for j in range(2) for k in ("head", "tail", "label", "target", "direction")])
WORDS = ["", "METRIC", "AMOUNT", "PERCENT", "PROJECT", "SLOGAN", "VALUE", "CHANGE", "up", "down", "exact", "range",
         "approx", "%", "元", "亿元", "d1", "5%", "地区生产总值", "\ud800", "下载", "\n", " 投资"]
HOSTILE = st.one_of(
    st.just(DELETE), st.none(), st.booleans(), st.integers(-3, 20), st.integers(-(10 ** 450), 10 ** 450),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(WORDS), st.text(max_size=6),
    st.lists(st.integers(-2, 20), max_size=3), st.dictionaries(st.sampled_from(["doc", "start", "x"]), st.integers(), max_size=2),
)


def _mutate(rec: dict, path: tuple, value) -> None:
    parent = rec
    for key in path[:-1]:
        try:
            parent = parent[key]
        except (KeyError, IndexError, TypeError):
            return
    key = path[-1]
    if isinstance(parent, dict) or (isinstance(parent, list) and isinstance(key, int) and key < len(parent)):
        if value is DELETE:
            parent.pop(key, None) if isinstance(parent, dict) else parent.pop(key)
        else:
            parent[key] = copy.deepcopy(value)


def _accepted_if_valid(rec: dict) -> bool:
    """Validate ``rec``; if it passes, run the train gold loader, to-spacy and evaluate on it."""
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold"
        gold.mkdir()
        (gold / "d.jsonl").write_text(json.dumps(rec) + "\n", encoding="utf-8")
        errors = validate_paths([gold], quantity_check=quantity_check)
        assert all("\n" not in e for e in errors)
        if errors:
            return False
        records = checked_gold(gold, "the train gold loader")  # what train and evaluate read
        doc = records[0]["meta"]["doc"]
        write_docbins(records, {"train": [doc], "dev": [doc]}, Path(tmp) / "spacy")  # to-spacy, train
        assert len(records_to_docbin(blank(), records)) <= 1
        res = evaluate_records(records, lambda t: policy_ie.parse(t))  # evaluate
        assert res["documents"] == 1
        return True


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), HOSTILE), max_size=3))
@example([(("entities", 1, "label"), "\n")])  # found in CI: a raw label in a message broke its line
def test_validate_never_raises_and_what_it_passes_is_accepted(mutations):
    rec = copy.deepcopy(BASE)
    for path, value in mutations:
        _mutate(rec, path, value)
    _accepted_if_valid(rec)


TEXTS = ["下载\n地区生产总值增长", "2023-01-01\n投资3亿元", "區(qū)生產總值", "建设 “两重” 项目", "来源：新华社\n全面推进乡村振兴",
         "ＧＤＰ１２．５亿元", "x" * 30]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXTS), st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8),
                                                  st.sampled_from(["PROJECT", "SLOGAN"])), max_size=3))
def test_plausible_spans_pass_only_if_they_align(text, spans):
    """Spans in debris lines, inside pinyin or inside a token pass the other checks; they must be
    refused too, since to-spacy cannot place them."""
    ents, prev = [], 0
    for start, length, label in sorted(spans):
        end = min(start + length, len(text))
        if start >= prev and start < end:
            ents.append({"start": start, "end": end, "label": label, "text": text[start:end]})
            prev = end
    _accepted_if_valid({"text": text, "entities": ents, "relations": [], "meta": {"doc": "d1"}})


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=4),
                    lambda children: st.lists(children, max_size=3) | st.dictionaries(
                        st.sampled_from(["text", "entities", "relations", "meta", "start", "end", "label", "head",
                                         "tail", "target", "value", "doc"]), children, max_size=4),
                    max_leaves=20)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(JSON.map(json.dumps), st.binary(max_size=20).map(lambda b: b.decode("latin-1")),
                          st.just("[" * 5000), st.just("1" * 5000), st.just('{"text": "\\udc00", "entities": []}')),
                max_size=4))
def test_validate_never_raises_on_any_line(lines):
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "x.jsonl"
        f.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n\xff\xfe not utf-8\n")
        errors = validate_paths([f], quantity_check=quantity_check)
        assert any("not UTF-8" in e for e in errors)
