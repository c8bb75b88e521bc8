"""The policy-ie command line."""
import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, input=None):
    return subprocess.run([sys.executable, "-m", "policy_ie", *args], capture_output=True, text=True,
                          input=input, cwd=ROOT)


def test_version_and_help():
    from policy_ie import __version__

    assert run("--version").stdout.strip() == f"policy_ie {__version__}"
    assert "parse" in run("--help").stdout


def test_parse_file_prints_json():
    p = run("parse", "examples/seed-000-excerpt.txt")
    assert p.returncode == 0, p.stderr
    [d] = json.loads(p.stdout)  # always an array of results, each with meta.source
    text = (ROOT / "examples" / "seed-000-excerpt.txt").read_text(encoding="utf-8")
    assert d["text"] == text and d["entities"] and d["meta"] == {"source": "examples/seed-000-excerpt.txt"}
    assert "1 file(s)" in p.stderr


def test_parse_stdin_jsonl():
    p = run("parse", "-", "--format", "jsonl", input="地区生产总值增长5%。")
    assert p.returncode == 0
    assert json.loads(p.stdout.splitlines()[0])["text"] == "地区生产总值增长5%。"


def test_missing_file_is_one_line_error():
    p = run("parse", "no/such/file.txt")
    assert p.returncode == 1
    assert p.stderr.strip() == "policy-ie: no/such/file.txt: no such file or directory"


def test_gbk_file(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes("地区生产总值增长5%。".encode("gbk"))
    p = run("parse", str(f))
    assert p.returncode == 0 and json.loads(p.stdout)[0]["text"] == "地区生产总值增长5%。"


def test_corpus_validate_reports_file_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "增长5%", "entities": [{"start": 2, "end": 4, "label": "PERCENT",
                                                               "text": "5%"}], "relations": []}) + "\n",
                   encoding="utf-8")
    p = run("corpus", "validate", str(bad))
    assert p.returncode == 1
    assert p.stdout.startswith(f"{bad}:1: entity 0 '5%': qualifier None")


# --- issue 6: inputs, formats, errors, progress ---------------------------------------------------

SUMMARY = re.compile(r"^(\d+) file\(s\), (\d+) sentences, (\d+) entities, (\d+) relations, [\d.]+s(; (\d+) failed)?$")


def run_bytes(*args, input: bytes):
    return subprocess.run([sys.executable, "-m", "policy_ie", *args], capture_output=True, input=input, cwd=ROOT)


def test_html_file_drops_scripts_and_styles(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>工作报告</title>"
        "<style>p { color: red } .x::after { content: '增长99%' }</style>"
        "<script>var s = '收入增长77%';</script></head><body>"
        "<noscript>请启用脚本</noscript><template><p>模板增长66%</p></template>"
        "<div class='nav'>首页 &gt; 要闻</div>"
        "<p>主要预期目标是：地区生产总值增长5%左右，<b>新增就业</b>8000人。</p>"
        "<ul><li>第一项</li><li>第二项</li></ul><table><tr><td>A</td><td>B</td></tr></table>"
        "<script type='text/javascript'>document.write('<p>增长55%</p>')</script></body></html>",
        encoding="utf-8")
    p = run("parse", str(page), "-v")
    assert p.returncode == 0, p.stderr
    [d] = json.loads(p.stdout)
    assert d["text"].splitlines() == ["工作报告", "首页 > 要闻", "主要预期目标是：地区生产总值增长5%左右，新增就业8000人。",
                                      "第一项", "第二项", "A\tB"]
    assert not re.search("99|77|66|55|color|var |请启用", d["text"])
    assert {(e["text"], e["label"]) for e in d["entities"]} >= {("5%左右", "PERCENT"), ("8000人", "AMOUNT")}
    assert all(d["text"][e["start"]:e["end"]] == e["text"] for e in d["entities"])
    assert f"policy-ie: {page}: html, encoding utf-8" in p.stderr.splitlines()


def test_html_charset_declared_gbk(tmp_path):
    page = tmp_path / "gbk.htm"
    page.write_bytes("<html><head><meta charset=gb2312></head><body><p>地区生产总值增长5%。</p></body></html>"
                     .encode("gbk"))
    p = run("parse", str(page), "-v")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)[0]["text"] == "地区生产总值增长5%。\n"
    assert f"policy-ie: {page}: html, encoding gb18030" in p.stderr


def _docx(path, paragraphs, table='<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格里</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'):
    """A minimal .docx: one w:p per paragraph, each paragraph's pieces in separate runs, then ``table``."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join("<w:p>" + "".join(f'<w:r><w:t xml:space="preserve">{t}</w:t></w:r>' for t in para) + "</w:p>"
                   for para in paragraphs)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>'
                                        f"{body}{table}<w:sectPr/></w:body></w:document>")


def test_docx_file(tmp_path):
    f = tmp_path / "report.docx"
    _docx(f, [["主要预期目标是：", "地区生产总值增长", "5%左右。"], [], ["新增就业8000人。"]])
    p = run("parse", str(f))
    assert p.returncode == 0, p.stderr
    [d] = json.loads(p.stdout)
    assert d["text"] == "主要预期目标是：地区生产总值增长5%左右。\n\n新增就业8000人。\n表格里\n"
    assert {e["text"] for e in d["entities"]} >= {"5%左右", "8000人"}


def _cell(*paragraphs):
    return "<w:tc><w:tcPr/>" + "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs) + "</w:tc>"


def test_docx_table_rows_are_read_as_sentences(tmp_path):
    f = tmp_path / "table.docx"
    rows = [[_cell("指标"), _cell("2025年")], [_cell("地区生产总值"), _cell("增长5.4%")],
            [_cell("一般公共预算收入"), "<w:sdt><w:sdtContent>" + _cell("3000亿元") + "</w:sdtContent></w:sdt>"],
            [_cell("备注"), _cell("第一段", "第二段")]]
    table = "<w:tbl>" + "".join("<w:tr><w:trPr/>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"
    _docx(f, [["主要指标："]], table)
    p = run("parse", str(f))
    assert p.returncode == 0, p.stderr
    [d] = json.loads(p.stdout)
    assert d["text"] == "主要指标：\n指标\t2025年\n地区生产总值\t增长5.4%\n一般公共预算收入\t3000亿元\n备注\t第一段 第二段\n"
    ents, text = d["entities"], d["text"]
    links = {(ents[r["head"]]["text"], ents[r["tail"]]["text"]) for r in d["relations"]}
    assert ("地区生产总值", "5.4%") in links
    # a row is a sentence: no relation reaches from one row into another
    row = [text.count("\n", 0, e["start"]) for e in ents]
    assert all(row[r["head"]] == row[r["tail"]] for r in d["relations"])
    assert {e["text"] for e in ents} >= {"5.4%", "3000亿元"}


def test_docx_and_html_on_stdin_are_recognised_by_content(tmp_path):
    f = tmp_path / "report.docx"
    _docx(f, [["地区生产总值增长5%左右。"]])
    p = run_bytes("parse", "-", "-v", input=f.read_bytes())
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)[0]["text"] == "地区生产总值增长5%左右。\n表格里\n"
    assert "policy-ie: <stdin>: docx, encoding utf-8 (docx XML)" in p.stderr.decode()
    for page in ("<!-- saved page --><p>地区生产总值增长5%。</p><script>var x = '增长9%';</script>",
                 "<?xml version='1.0'?>\n<HTML><body>地区生产总值增长5%。</body></HTML>",
                 "<meta charset=gbk><div>地区生产总值增长5%。</div>"):
        p = run_bytes("parse", "-", "-v", input=page.encode("gbk"))
        assert p.returncode == 0, p.stderr
        assert json.loads(p.stdout)[0]["text"] == "地区生产总值增长5%。\n"
        assert "policy-ie: <stdin>: html, encoding gb18030" in p.stderr.decode()
    p = run_bytes("parse", "-", input=b"PK\x03\x04 not really a zip")
    assert p.returncode == 1 and p.stderr.decode().strip() == "policy-ie: <stdin>: not a .docx file (not a zip archive)"
    p = run_bytes("parse", "-", input="<2025年> 地区生产总值增长5%。".encode())  # text that starts with "<"
    assert json.loads(p.stdout)[0]["text"] == "<2025年> 地区生产总值增长5%。"


def test_not_a_docx_is_one_line(tmp_path):
    f = tmp_path / "fake.docx"
    f.write_bytes(b"plain text, not a zip")
    p = run("parse", str(f))
    assert p.returncode == 1 and p.stdout == ""
    assert p.stderr.strip() == f"policy-ie: {f}: not a .docx file (not a zip archive)"


ENCODINGS = [  # file name, text, codec, the name --verbose gives
    ("utf8.txt", "地区生产总值增长5%左右。", "utf-8", "utf-8"),
    ("bom.txt", "新增城镇就业8000人。", "utf-8-sig", "utf-8 (BOM)"),
    ("gbk.txt", "一般公共预算收入增长8%。", "gbk", "gb18030"),
    ("gb18030.txt", "粮食产量达到1200万吨。", "gb18030", "gb18030"),
    ("big5.txt", "地區生產總值增長5%左右，新增就業8000人。", "big5", "big5"),
]


def test_encodings_detected_and_named(tmp_path):
    for name, text, codec, _ in ENCODINGS:
        (tmp_path / name).write_bytes(text.encode(codec))
    p = run("parse", *(str(tmp_path / n) for n, *_ in ENCODINGS), "--format", "jsonl", "--verbose")
    assert p.returncode == 0, p.stderr
    docs = [json.loads(line) for line in p.stdout.splitlines()]
    assert [(d["meta"]["source"], d["text"]) for d in docs] == [(str(tmp_path / n), t) for n, t, *_ in ENCODINGS]
    lines = p.stderr.splitlines()
    for name, _, _, shown in ENCODINGS:
        assert f"policy-ie: {tmp_path / name}: text, encoding {shown}" in lines
    assert docs[-1]["entities"], "Big5 text decoded but not parsed"


def test_stdin_bytes_are_detected_too():
    p = run_bytes("parse", "-", "-v", input="地区生产总值增长5%。".encode("gb18030"))
    assert p.returncode == 0
    [d] = json.loads(p.stdout.decode("utf-8"))
    assert d["text"] == "地区生产总值增长5%。" and d["meta"] == {"source": "<stdin>"}
    assert "policy-ie: <stdin>: text, encoding gb18030" in p.stderr.decode()


def test_csv_indicator_table(tmp_path):
    import policy_ie

    second = tmp_path / "second.txt"
    second.write_text("主要预期目标是：地区生产总值增长5%左右。\n12次\n", encoding="utf-8")  # a number alone on its line: unlinked
    out = tmp_path / "table.csv"
    p = run("parse", "examples/seed-000-excerpt.txt", str(second), "--format", "csv", "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
        fh.seek(0)
        assert fh.read().count("document,sentence,metric,name,indicator,value_text") == 1  # one header for the batch
    assert list(rows[0])[:14] == ["document", "sentence", "metric", "name", "indicator", "value_text", "value", "unit",
                                  "qualifier", "low", "high", "relation", "direction", "target"]
    assert {"metric_start", "metric_end", "value_start", "value_end"} <= set(rows[0])

    expected_rows = n_sent = 0
    for name in ("examples/seed-000-excerpt.txt", str(second)):
        text = (ROOT / name).read_text(encoding="utf-8")
        res = policy_ie.parse(text)
        tails = {r["tail"] for r in res.relations}
        unlinked = [e for i, e in enumerate(res.entities) if e["label"] in ("AMOUNT", "PERCENT") and i not in tails]
        mine = [r for r in rows if r["document"] == name]
        assert len(mine) == len(res.relations) + len(unlinked)
        assert sum(r["relation"] in ("VALUE", "CHANGE") for r in mine) == len(res.relations)
        assert sum(r["relation"] == "" and r["metric"] == "" for r in mine) == len(unlinked)
        for r in mine:
            assert text[int(r["value_start"]):int(r["value_end"])] == r["value_text"]
            if r["metric"]:
                assert text[int(r["metric_start"]):int(r["metric_end"])] == r["metric"]
                assert r["target"] in ("True", "False")
                assert r["direction"] in (("up", "down") if r["relation"] == "CHANGE" else ("",))
        expected_rows += len(mine)
        n_sent += len(res.sentences)
    assert len(rows) == expected_rows
    assert any(r["relation"] == "" for r in rows), "second.txt should give an unlinked number"
    m = SUMMARY.match(p.stderr.strip().splitlines()[-1])
    assert m and m.group(1) == "2" and int(m.group(2)) == n_sent > 0 and m.group(5) is None
    assert "\r" not in p.stderr and "[#" not in p.stderr  # stderr is not a terminal: no progress bar


def test_help_documents_csv_bom():
    assert "byte-order mark" in re.sub(r"\s+", " ", run("parse", "--help").stdout)


def _undecodable(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_bytes(b"\xff\xfe\xfd".replace(b"\xfe", b"\x80") + "增长".encode("utf-8") + b"\xff")
    return f


@pytest.mark.parametrize("case", ["missing", "undecodable", "empty", "blank", "empty-dir", "unreadable-dir",
                                  "unsupported"])
def test_errors_are_one_line_without_traceback(tmp_path, case):
    if case == "missing":
        arg, what = tmp_path / "nope.txt", "no such file or directory"
    elif case == "undecodable":
        arg, what = _undecodable(tmp_path), "cannot decode as UTF-8, GB18030/GBK or Big5 (save it as UTF-8)"
    elif case in ("empty", "blank"):
        arg, what = tmp_path / "empty.txt", "empty file"
        arg.write_text("" if case == "empty" else " \n\n  \n", encoding="utf-8")
    elif case == "unsupported":
        arg, what = tmp_path / "report.doc", "unsupported file type .doc (old Word format: save it as .docx)"
        arg.write_bytes(b"\xd0\xcf\x11\xe0")
    else:
        arg = tmp_path / "dir"
        arg.mkdir()
        if case == "unreadable-dir":
            (arg / "scan.pdf").write_bytes(b"%PDF-1.4")
            (arg / "photo.jpg").write_bytes(b"\xff\xd8")
        what = "directory has no readable files (.docx, .htm, .html, .text, .txt, .xhtml)"
    p = run("parse", str(arg), "-o", str(tmp_path / "out.json"))
    assert p.returncode == 1 and p.stdout == ""
    assert "Traceback" not in p.stderr
    assert p.stderr.splitlines() == [f"policy-ie: {arg}: {what}"]
    assert not (tmp_path / "out.json").exists()


def test_empty_stdin_is_one_line():
    p = run("parse", "-", input="")
    assert p.returncode == 1 and p.stderr.splitlines() == ["policy-ie: <stdin>: empty input"]


def test_batch_with_bad_files_still_writes_the_rest(tmp_path):
    d = tmp_path / "reports"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("地区生产总值增长5%。", encoding="utf-8")
    (d / "sub" / "b.txt").write_bytes("新增就业8000人。".encode("gbk"))
    (d / "c.txt").write_text("", encoding="utf-8")
    bad = _undecodable(d)
    (d / "notes.md").write_text("not a report", encoding="utf-8")  # not searched for in directories
    out = tmp_path / "out.jsonl"
    p = run("parse", str(d), str(tmp_path / "missing.txt"), "--format", "jsonl", "-o", str(out))
    assert p.returncode == 1 and "Traceback" not in p.stderr
    errors = [line for line in p.stderr.splitlines() if line.startswith("policy-ie: ")]
    assert sorted(errors) == sorted([f"policy-ie: {tmp_path / 'missing.txt'}: no such file or directory",
                                     f"policy-ie: {bad}: cannot decode as UTF-8, GB18030/GBK or Big5 (save it as UTF-8)",
                                     f"policy-ie: {d / 'c.txt'}: empty file"])
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(x["meta"]["source"], x["text"]) for x in docs] == [(str(d / "a.txt"), "地区生产总值增长5%。"),
                                                                (str(d / "sub" / "b.txt"), "新增就业8000人。")]
    m = SUMMARY.match(p.stderr.splitlines()[-1])
    assert m and m.group(1) == "2" and m.group(6) == "3"


class _TTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal_with_several_files():
    from policy_ie.progress import Progress

    assert not Progress(5, stream=io.StringIO()).enabled  # piped / redirected stderr
    assert not Progress(1, stream=_TTY()).enabled  # a single file
    tty = _TTY()
    bar = Progress(4, stream=tty, width=8)
    assert bar.enabled
    bar.advance()
    bar.write("policy-ie: x.txt: empty file")
    bar.advance(3)
    bar.close()
    out = tty.getvalue()
    assert out.startswith("\r[##......] 1/4 files ")
    assert "\r\033[Kpolicy-ie: x.txt: empty file\n\r[##......] 1/4 files" in out  # message above the bar
    assert "\r[########] 4/4 files " in out and out.endswith("\r\033[K")  # finished, then cleared
    piped, tty = io.StringIO(), _TTY()
    Progress(3, stream=piped, enabled=True).advance()  # forced on
    assert piped.getvalue().startswith("\r[##########....................] 1/3 files")
    off = Progress(3, stream=tty, enabled=False)  # forced off
    off.advance()
    off.write("line")
    assert tty.getvalue() == "line\n"


def test_progress_in_characters():
    tty = _TTY()
    bar = __import__("policy_ie.progress", fromlist=["Progress"]).Progress(26219, stream=tty, width=10, unit="chars")
    bar.update(12800, 26219)
    assert tty.getvalue().startswith("\r[####......] 12,800/26,219 chars ")


def test_parse_reports_progress_per_piece():
    import policy_ie

    text = "下载\n" + "地区生产总值增长5%左右，新增就业8000人。\n" * 200  # 5,803 characters: several pieces
    seen = []
    res = policy_ie.parse(text, on_progress=lambda done, total: seen.append((done, total)))
    assert len(seen) > 3 and all(total == len(text) for _, total in seen)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and seen[-1][0] == len(text) and seen[0][0] < len(text)
    assert res.to_dict() == policy_ie.parse(text).to_dict()


def _run_with_terminal_stderr(*args):
    """Run the command line with stderr on a pseudo-terminal; (exit status, stdout, what the terminal got)."""
    import os
    import pty

    import tempfile

    master, slave = pty.openpty()
    stdout = tempfile.TemporaryFile()  # not a pipe: the child never waits for this reader
    proc = subprocess.Popen([sys.executable, "-m", "policy_ie", *args], stdout=stdout, stderr=slave,
                            stdin=subprocess.DEVNULL, cwd=ROOT)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=120)
    os.close(master)
    stdout.seek(0)
    out = stdout.read()
    return proc.returncode, out, seen.decode("utf-8", "replace")


def test_one_large_file_shows_a_characters_bar_on_a_terminal_only(tmp_path):
    f = tmp_path / "long.txt"
    f.write_text("地区生产总值增长5%左右，新增就业8000人。\n" * 300, encoding="utf-8")  # 7,200 characters
    status, out, terminal = _run_with_terminal_stderr("parse", str(f), "--format", "csv")
    assert status == 0 and b"8000" in out
    assert re.search(r"\r\[[#.]{30}\] [\d,]+/7,200 chars [\d.]+s", terminal), terminal
    assert "7,200/7,200 chars" in terminal and "\r\033[K1 file(s), 300 sentences, " in terminal  # cleared, then the summary
    piped = run("parse", str(f), "--format", "csv")  # stderr a pipe: the summary line only
    assert piped.returncode == 0 and SUMMARY.match(piped.stderr.strip()) and "\r" not in piped.stderr
    status, _, terminal = _run_with_terminal_stderr("show", str(f), "-o", str(tmp_path / "page.html"))
    assert status == 0 and "7,200/7,200 chars" in terminal


def test_records_and_frame_have_the_csv_columns():
    from policy_ie.outputs import CSV_COLUMNS
    from policy_ie.result import ParseResult

    pd = pytest.importorskip("pandas")  # a test extra; to_frame() needs it
    res = ParseResult("地区生产总值增长5%，另有9个。", [
        {"start": 0, "end": 6, "label": "METRIC", "text": "地区生产总值"},
        {"start": 8, "end": 10, "label": "PERCENT", "text": "5%", "value": 5, "unit": "%", "qualifier": "exact"},
        {"start": 13, "end": 15, "label": "AMOUNT", "text": "9个", "value": 9, "unit": "个", "qualifier": "exact"}],
        [{"head": 0, "tail": 1, "label": "CHANGE", "target": False}], [(0, 16)])
    rows = res.records("doc")
    frame = res.to_frame("doc")
    assert isinstance(frame, pd.DataFrame) and list(frame.columns) == CSV_COLUMNS == list(rows[0])
    assert frame["relation"].iloc[0] == "CHANGE" and pd.isna(frame["relation"].iloc[1]) and frame["value_text"].tolist() == ["5%", "9个"]
    assert (frame["document"] == "doc").all() and len(frame) == len(rows) == 2


# --- issue 21: the output format follows -o; one JSON shape; Parquet ------------------------------

def _csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("ext,fmt", [(".csv", "csv"), (".jsonl", "jsonl"), (".json", "json"), (".JSON", "json"),
                                     (".parquet", "parquet")])
def test_the_format_follows_the_extension_of_o(tmp_path, ext, fmt):
    out = tmp_path / f"out{ext}"
    p = run("parse", "examples/seed-000-excerpt.txt", "-o", str(out))
    assert p.returncode == 0, p.stderr
    explicit = tmp_path / "explicit"
    assert run("parse", "examples/seed-000-excerpt.txt", "--format", fmt, "-o", str(explicit)).returncode == 0
    assert out.read_bytes() == explicit.read_bytes() or fmt == "parquet"  # Parquet embeds no path, but check rows
    if fmt == "parquet":
        pd = pytest.importorskip("pandas")
        assert pd.read_parquet(out).equals(pd.read_parquet(explicit))


@pytest.mark.parametrize("name", ["out.txt", "out", "table.xlsx"])
def test_an_unknown_extension_is_a_one_line_error(tmp_path, name):
    p = run("parse", "examples/seed-000-excerpt.txt", "-o", str(tmp_path / name))
    assert p.returncode == 1 and p.stdout == ""
    assert p.stderr.splitlines() == [f"policy-ie: {tmp_path / name}: cannot tell the output format from the "
                                     f"extension {Path(name).suffix or '(none)'}: use .json, .jsonl, .csv, .parquet "
                                     f"or give --format"]
    assert list(tmp_path.iterdir()) == []


def test_json_has_one_shape_for_one_input_or_many(tmp_path):
    second = tmp_path / "second.txt"
    second.write_text("地区生产总值增长5%。", encoding="utf-8")
    one = json.loads(run("parse", "examples/seed-000-excerpt.txt").stdout)
    two = json.loads(run("parse", "examples/seed-000-excerpt.txt", str(second)).stdout)
    assert isinstance(one, list) and [d["meta"]["source"] for d in one] == ["examples/seed-000-excerpt.txt"]
    assert two[0] == one[0] and two[1]["meta"] == {"source": str(second)}
    assert {k for d in two for k in d} == {"text", "entities", "relations", "meta"}
    lines = run("parse", "examples/seed-000-excerpt.txt", str(second), "--format", "jsonl").stdout.splitlines()
    assert [json.loads(x) for x in lines] == two


def test_parquet_is_the_csv_table_with_typed_columns(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from policy_ie.tables import RECORD_DTYPES

    second = tmp_path / "second.txt"
    second.write_text("主要预期目标是：地区生产总值增长5%左右。\n12次\n", encoding="utf-8")
    args = ("parse", "examples/seed-000-excerpt.txt", str(second))
    assert run(*args, "-o", str(tmp_path / "t.csv")).returncode == 0
    p = run(*args, "-o", str(tmp_path / "t.parquet"))
    assert p.returncode == 0, p.stderr
    table = pd.read_parquet(tmp_path / "t.parquet")
    assert {c: str(t) for c, t in table.dtypes.items()} == RECORD_DTYPES
    assert table.isna()["metric"].any() and table["target"].isna().any()  # an unlinked number: missing cells
    assert _table_cells(table) == [list(r.values()) for r in _csv_rows(tmp_path / "t.csv")]
    assert [f.name for f in tmp_path.iterdir() if f.name.startswith(".")] == []  # no temporary file left


def _table_cells(table):
    """The rows of a typed table as the CSV writes them (missing: empty, whole numbers without .0)."""
    def cell(v):
        if v is None or v is getattr(__import__("pandas"), "NA") or (isinstance(v, float) and v != v):
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)
    return [[cell(v) for v in row] for row in table.astype(object).itertuples(index=False)]


def test_parquet_needs_a_file_and_is_atomic(tmp_path):
    pytest.importorskip("pyarrow")
    from policy_ie.outputs import ResultWriter
    from policy_ie.result import ParseResult

    p = run("parse", "examples/seed-000-excerpt.txt", "--format", "parquet")
    assert p.returncode == 1 and p.stderr.splitlines() == ["policy-ie: --format parquet needs -o FILE"]
    out = tmp_path / "t.parquet"
    out.write_bytes(b"the previous complete table")
    writer = ResultWriter("parquet", str(out))
    writer.add("a.txt", ParseResult("增长5%", [{"start": 2, "end": 4, "label": "PERCENT", "text": "5%", "value": 5,
                                               "unit": "%", "qualifier": "exact"}]))
    writer.abort()  # an interrupted run
    assert out.read_bytes() == b"the previous complete table" and [f.name for f in tmp_path.iterdir()] == ["t.parquet"]


def test_record_dtypes_follow_the_csv_columns():
    from policy_ie.outputs import CSV_COLUMNS
    from policy_ie.tables import RECORD_DTYPES

    assert list(RECORD_DTYPES) == CSV_COLUMNS


def test_parquet_or_dask_without_the_extra_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    import importlib.util

    from policy_ie import cli

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name in ("pyarrow", "distributed")
                        else real(name, *a))
    assert cli.main(["parse", "examples/seed-000-excerpt.txt", "-o", str(tmp_path / "t.parquet")]) == 1
    assert cli.main(["parse", "examples/seed-000-excerpt.txt", "--engine", "dask", "-o", str(tmp_path / "t.csv")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "policy-ie: --format parquet needs pyarrow: pip install 'policy_ie[dask]' (or -e '.[dask]' in a checkout)",
        "policy-ie: --engine dask needs distributed, pyarrow: pip install 'policy_ie[dask]' (or -e '.[dask]' in a "
        "checkout)"]
    assert list(tmp_path.iterdir()) == []
