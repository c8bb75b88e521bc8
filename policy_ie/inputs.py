"""Reading report files: ``.txt``, ``.html`` and ``.docx``, in the encodings Chinese reports come in.

Standard library only. Every problem a user can fix is an :class:`InputError` whose
message is one line, ``path: what``.
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator, Union
from xml.etree import ElementTree

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCX_SUFFIXES = {".docx"}
TEXT_SUFFIXES = {".txt", ".text"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | DOCX_SUFFIXES  # what a directory is searched for
UNSUPPORTED = {".doc": "old Word format: save it as .docx", ".pdf": "PDF: extract the text first (e.g. pdftotext)",
               ".wps": "WPS format: save it as .docx", ".rtf": "RTF: save it as .docx or .txt",
               ".xls": "a spreadsheet", ".xlsx": "a spreadsheet", ".ppt": "a presentation", ".pptx": "a presentation"}
STDIN = "-"

# Tried in order after UTF-8; every one that decodes is scored and the best kept.
LEGACY_ENCODINGS = ("gb18030", "big5", "cp950", "big5hkscs")
# Very frequent characters of government prose, simplified and traditional forms: legacy-encoded bytes
# decoded with the wrong codec give rare characters or kana, so the right codec scores highest.
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使"
    "点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看"
    "原又利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员"
    "革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区"
    "强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术"
    "极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗"
    "完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持"
    "音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府"
    "称太准精值号率族维划选标写存候亲快效院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满"
    "县局照参红细引听该铁价严龙飞亿项目投村镇营供服障境县域"
    "這個國們來時為說產種對動發會經與當從實進現開關區體總問濟長義導間點農設數務將達頭專業員優質還過術"
    "億項縣鄉鎮營環設計劃規劃穩擴續幣財稅貿廣東農務類產業資金額億萬元戶")


class InputError(Exception):
    """A file that cannot be read; the message is one line, ``path: what``."""


@dataclass
class Document:
    """The text of one input and how it was read."""

    name: str
    text: str
    kind: str  # "text", "html" or "docx"
    encoding: str  # e.g. "utf-8", "utf-8 (BOM)", "gb18030", "big5"


Source = Union[Path, str]  # a file path, or STDIN


def find_sources(paths: list[str]) -> Iterator[Union[Source, InputError]]:
    """Expand command-line arguments into files (directories are searched for readable files).

    Yields an :class:`InputError` in place of an argument that names nothing readable, so a
    caller can report it and go on with the rest.
    """
    seen_stdin = False
    for p in paths:
        if p == STDIN:
            if not seen_stdin:
                seen_stdin = True
                yield STDIN
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and _wanted(f))
            if not files:
                yield InputError(f"{path}: directory has no readable files ({', '.join(sorted(READABLE_SUFFIXES))})")
            yield from files
        elif path.is_file():
            yield path
        elif path.exists():
            yield InputError(f"{path}: not a regular file")
        else:
            yield InputError(f"{path}: no such file or directory")


def _wanted(f: Path) -> bool:
    return f.suffix.lower() in READABLE_SUFFIXES and not f.name.startswith((".", "~$"))


def read_source(source: Source) -> Document:
    """Read one file (or stdin) into a :class:`Document`; raises :class:`InputError`."""
    if source == STDIN:
        stream = sys.stdin
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode("utf-8")
        return read_bytes("<stdin>", data, kind=sniff_kind(data))
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise InputError(f"{path}: unsupported file type {suffix} ({UNSUPPORTED[suffix]})")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    kind = "docx" if suffix in DOCX_SUFFIXES else "html" if suffix in HTML_SUFFIXES else "text"
    return read_bytes(str(path), data, kind=kind)


def read_bytes(name: str, data: bytes, kind: str = "text") -> Document:
    """Decode and extract ``data`` of the given kind ("text", "html" or "docx")."""
    if not data.strip():
        raise InputError(f"{name}: empty {'input' if name == '<stdin>' else 'file'}")
    if kind == "docx":
        text, encoding = docx_text(name, data), "utf-8 (docx XML)"
    else:
        declared = _declared_charset(data) if kind == "html" else None
        text, encoding = decode(name, data, declared)
        if kind == "html":
            text = html_text(text)
    if not text.strip():
        raise InputError(f"{name}: empty file" if kind == "text" else f"{name}: no text in the {kind} document")
    return Document(name, text, kind, encoding)


def decode(name: str, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding used): UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK or Big5.

    ``declared`` (an HTML page's charset) is used when it decodes the bytes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(name, data, "utf-8-sig"), "utf-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(name, data, "utf-16"), "utf-16 (BOM)"
    if b"\x00" in data:
        raise InputError(f"{name}: binary data, not text (NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    best = None
    for enc in LEGACY_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = sum(c in _COMMON for c in text)
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best is None:
        raise InputError(f"{name}: cannot decode as UTF-8, GB18030/GBK or Big5 (save it as UTF-8)")
    return best[1], best[2]


def _strict(name: str, data: bytes, enc: str) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: invalid {enc} at byte {exc.start} despite its byte-order mark") from None


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5"}


def _declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return _CHARSET_ALIASES.get(name, name)


_ZIP_MAGIC = b"PK\x03\x04"
# What an HTML document or fragment starts with, after a BOM, white space, an XML declaration or comments.
_HTML_START = re.compile(rb"(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.{0,2000}?-->\s*)*"
                         rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|section|article|h[1-6])[\s>/]",
                         re.I | re.S)


def sniff_kind(data: bytes) -> str:
    """The kind of input by content (for stdin, which has no file name): "docx" for a zip archive
    (a .docx is one), "html" for markup that starts like a page, else "text"."""
    if data.startswith(_ZIP_MAGIC):
        return "docx"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "html" if _HTML_START.match(head) else "text"


# --- HTML ---------------------------------------------------------------------------------------

_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object"}
_BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "div", "dl", "dt",
          "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
          "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "title", "tr", "ul"}
_CELL = {"td", "th"}


class _TextExtractor(HTMLParser):
    """Visible text of a page: one line per block element, scripts and styles dropped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0  # depth inside skipped elements
        self.pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        if tag == "pre":
            self.pre += 1
        self._boundary(tag, start=True)

    def handle_startendtag(self, tag, attrs):
        self._boundary(tag)

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag == "pre" and self.pre:
            self.pre -= 1
        self._boundary(tag)

    def handle_data(self, data):
        if self.skip:
            return
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))

    def _boundary(self, tag, start=False):
        if tag in _BLOCK:
            self.parts.append("\n")
        elif tag in _CELL and start:
            self.parts.append("\t")


def html_text(markup: str) -> str:
    """The visible text of an HTML page, block elements on their own lines."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = (line.strip(" \t") for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line) + "\n"


# --- DOCX ---------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def docx_text(name: str, data: bytes) -> str:
    """The paragraphs of a .docx file (word/document.xml), one per line; a table row is one line,
    its cells joined by tabs (as in an HTML table), so a label cell stays next to its value."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("word/document.xml")
    except zipfile.BadZipFile:
        raise InputError(f"{name}: not a .docx file (not a zip archive)") from None
    except KeyError:
        raise InputError(f"{name}: not a .docx file (no word/document.xml)") from None
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise InputError(f"{name}: damaged .docx file ({exc})") from None
    lines: list[str] = []
    _docx_walk(root, lines)
    return "\n".join(lines) + "\n"


def _docx_walk(el, lines: list[str]) -> None:
    for child in el:
        if child.tag == _MC_FALLBACK:
            continue
        if child.tag == _W + "p":
            parts: list[str] = []
            _docx_runs(child, parts, lines)
            lines.append("".join(parts))
        elif child.tag == _W + "tr":
            lines.append("\t".join(_docx_cell(cell) for cell in _docx_cells(child)))
        else:
            _docx_walk(child, lines)


def _docx_cells(el):
    """The cells of a table row, also those wrapped in content controls; not those of nested tables."""
    for child in el:
        if child.tag == _W + "tc":
            yield child
        elif child.tag != _MC_FALLBACK:
            yield from _docx_cells(child)


def _docx_cell(cell) -> str:
    """A table cell on one line: its paragraphs (and any table nested in it) joined by spaces."""
    cell_lines: list[str] = []
    _docx_walk(cell, cell_lines)
    return " ".join(" ".join(line.split()) for line in cell_lines if line.strip())


def _docx_runs(el, parts: list[str], lines: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "p":  # a paragraph nested in a text box: its own line
            nested: list[str] = []
            _docx_runs(child, nested, lines)
            lines.append("".join(nested))
        elif tag != _MC_FALLBACK and tag != _W + "delText":
            _docx_runs(child, parts, lines)
