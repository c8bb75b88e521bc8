"""Drafts, validation and splits of the gold corpus."""
import json
from pathlib import Path

import pytest

from policy_ie.corpus.drafts import DraftError, draft_skeleton, draft_to_record
from policy_ie.corpus.validate import check_record, validate_paths

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpus" / "gold"


def _line(text, entities, relations):
    return {"id": "d:0000", "text": text, "meta": {"doc": "d", "source": "x", "start": 0, "end": len(text)},
            "entities": entities, "relations": relations}


def test_draft_resolves_surfaces_in_text_order():
    rec = draft_to_record(_line("产业类投资同比增长74.3%，获批专项债项目9个。",
                                [["产业类投资", "METRIC"], ["74.3%", "PERCENT", 74.3, "%", "exact"],
                                 ["专项债项目", "METRIC"], ["9个", "AMOUNT", 9, "个", "exact"]],
                                [[0, 1, "CHANGE", False, "up"], [2, 3, "VALUE", False]]))
    assert [(e["start"], e["end"], e["text"]) for e in rec["entities"]] == [
        (0, 5, "产业类投资"), (9, 14, "74.3%"), (17, 22, "专项债项目"), (22, 24, "9个")]
    assert rec["relations"][1] == {"head": 2, "tail": 3, "label": "VALUE", "target": False}
    assert check_record(rec) == []


def test_draft_explicit_offset_and_missing_surface():
    rec = draft_to_record(_line("9个和9个", [["9个", "AMOUNT", 9, "个", "exact", {"at": 3}]], []))
    assert rec["entities"][0]["start"] == 3
    with pytest.raises(DraftError, match="not found"):
        draft_to_record(_line("增长5%", [["6%", "PERCENT", 6, "%", "exact"]], []))


def test_skeleton_offsets_index_the_source():
    text = "标题\n\n  地区生产总值增长5%。新增就业8000人！\n"
    for line in draft_skeleton("d", "x.txt", text):
        m = line["meta"]
        assert text[m["start"]:m["end"]] == line["text"]


@pytest.mark.parametrize("mutate,problem", [
    (lambda r: r["entities"][0].update(end=4), "text[0:4]"),
    (lambda r: r["entities"][1].update(label="MONEY"), "unknown label"),
    (lambda r: r["relations"].clear(), "METRIC with no relation"),
    (lambda r: r["relations"][0].update(head=1, tail=0), "not METRIC"),
    (lambda r: r["entities"][1].update(qualifier="roughly"), "qualifier"),
    (lambda r: r["entities"][1].pop("value"), "value missing"),
    (lambda r: r["relations"][0].update(target="yes"), "target must be"),
    (lambda r: r["relations"][0].pop("direction"), "CHANGE needs direction"),
    (lambda r: r["relations"][0].update(direction="sideways"), "CHANGE needs direction"),
    (lambda r: r["relations"][0].update(label="VALUE"), "only a CHANGE carries a direction"),
])
def test_validator_catches(mutate, problem):
    rec = {"text": "地区生产总值增长5%。",
           "entities": [{"start": 0, "end": 6, "label": "METRIC", "text": "地区生产总值"},
                        {"start": 8, "end": 10, "label": "PERCENT", "text": "5%", "value": 5, "unit": "%",
                         "qualifier": "exact"}],
           "relations": [{"head": 0, "tail": 1, "label": "CHANGE", "target": False, "direction": "up"}]}
    assert check_record(rec) == []
    mutate(rec)
    assert any(problem in p for p in check_record(rec))


def test_edge_punctuation_and_overlap():
    rec = {"text": "“两重”建设", "entities": [{"start": 0, "end": 3, "label": "SLOGAN", "text": "“两重"},
                                               {"start": 2, "end": 4, "label": "SLOGAN", "text": "重”"}],
           "relations": []}
    problems = check_record(rec)
    assert any("punctuation" in p for p in problems) and any("overlaps" in p for p in problems)


def test_validate_reports_file_and_line(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"text": "x", "entities": [], "relations": [], "meta": {"doc": "d"}}\nnot json\n'
                 '{"text": "x", "entities": [], "relations": []}\n', encoding="utf-8")
    errors = validate_paths([f])
    assert errors == [f"{f}:2: not JSON: Expecting value",
                      f"{f}:3: 'meta' missing or not an object (it needs at least 'doc', the document's name)"]


def test_splits_are_disjoint_and_cover_the_gold_documents():
    splits = json.loads((ROOT / "corpus" / "splits.json").read_text(encoding="utf-8"))
    names = [d for docs in splits.values() for d in docs]
    assert len(names) == len(set(names))
    gold_docs = {p.stem for p in GOLD.glob("*.jsonl")}
    assert gold_docs == set(names)


def test_committed_gold_corpus_is_valid():
    from policy_ie.corpus.checks import quantity_check

    errors = validate_paths([GOLD], quantity_check=quantity_check)
    assert errors == []


def test_draft_files_are_validated_as_the_records_they_convert_to(tmp_path):
    from policy_ie.corpus.checks import quantity_check
    from policy_ie.corpus.validate import check_record, validate_paths

    meta = {"doc": "d", "source": "d.txt", "start": 0, "end": 8}
    good = {"id": "d:0000", "meta": meta, "text": "地区生产总值增长5%",
            "entities": [["地区生产总值", "METRIC"], ["5%", "PERCENT", 5, "%", "exact"]],
            "relations": [[0, 1, "CHANGE", False, "up"]]}
    msgs = check_record(good)  # a draft line is not a gold record
    assert len(msgs) == 1 and "annotation draft" in msgs[0]
    bad_value = dict(good, entities=[["地区生产总值", "METRIC"], ["5%", "PERCENT", 6, "%", "exact"]])
    bad_line = dict(good, relations=[[0, 5, "CHANGE", False, "up"]])
    (tmp_path / "drafts").mkdir()
    path = tmp_path / "drafts" / "d.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in (good, bad_value, bad_line)),
                    encoding="utf-8")
    errors = validate_paths([tmp_path], quantity_check=quantity_check)
    assert len(errors) == 2
    assert errors[0].startswith(f"{path}:2: entity 1 '5%': ") and "quantity reader" in errors[0]
    assert errors[1] == f"{path}:3: relation 0: index out of range"


def test_meta_offsets_beyond_a_document_are_refused():
    from policy_ie.corpus.validate import meta_problems

    assert meta_problems({"doc": "d", "start": 0, "end": 2**31 - 1}) == []
    for bad in (2**64, 2**31, -1, 1.5, True):
        errs = meta_problems({"doc": "d", "start": 0, "end": bad})
        assert len(errs) == 1 and errs[0].startswith("meta.end must be a non-negative integer"), bad


def test_distant_metric_is_found_where_its_words_stand_again_nearer_the_value():
    from policy_ie.corpus.checks import distant_metrics

    text = "经济社会发展主要预期目标是：经济增长5.5%左右。"
    value = {"start": 18, "end": 24, "label": "PERCENT", "text": "5.5%左右"}
    rels = [{"head": 0, "tail": 1, "label": "CHANGE", "target": True}]
    far = [{"start": 0, "end": 2, "label": "METRIC", "text": "经济"}, value]
    near = [{"start": 14, "end": 16, "label": "METRIC", "text": "经济"}, value]
    assert len(distant_metrics(text, far, rels)) == 1 and "at 14" in distant_metrics(text, far, rels)[0]
    assert distant_metrics(text, near, rels) == []
    # words inside another entity nearer the value are that entity's, not a second occurrence
    text2 = "共有二百零四个县，占全国一千零二十七个植棉县的百分之二十。"
    ents2 = [{"start": 7, "end": 8, "label": "METRIC", "text": "县"},
             {"start": 19, "end": 22, "label": "METRIC", "text": "植棉县"},
             {"start": 23, "end": 28, "label": "PERCENT", "text": "百分之二十"}]
    assert distant_metrics(text2, ents2, [{"head": 0, "tail": 2, "label": "VALUE", "target": False}]) == []


def test_every_distant_metric_of_the_gold_corpus_is_reviewed():
    """A misplaced draft surface shows up here until it is moved or its reason is written down."""
    from policy_ie.corpus.checks import distant_metrics
    from policy_ie.corpus.spacy_docs import read_records

    reviewed = (ROOT / "corpus" / "CONSISTENCY.md").read_text(encoding="utf-8").split("## distant_metrics")[1]
    for rec in read_records([GOLD]):
        for m in distant_metrics(rec["text"], rec["entities"], rec["relations"]):
            key = f"{rec['meta']['id']}: {m.split(' is linked')[0]}"
            assert f"`{key}`" in reviewed, key
