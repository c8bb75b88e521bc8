"""The project's Markdown documents link to files and headings that exist (README.md and
docs/EXPERIMENTS.md point into each other; a moved or renamed section must not leave a dead link)."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "corpus" / "README.md",
             ROOT / "corpus" / "CONSISTENCY.md", ROOT / "policy_ie" / "data" / "README.md"]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", flags=re.S | re.M)


def anchor_of(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def headings(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return {anchor_of(m.group(1)) for m in re.finditer(r"^#{1,6} (.*)$", text, flags=re.M)}


def dead_links(doc: Path) -> list[str]:
    """The relative links of ``doc`` (outside code blocks) to a missing file or heading."""
    dead = []
    for target in LINK.findall(FENCE.sub("", doc.read_text(encoding="utf-8"))):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, frag = target.partition("#")
        dest = (doc.parent / path).resolve() if path else doc
        if not dest.exists() or (frag and dest.suffix == ".md" and frag not in headings(dest)):
            dead.append(target)
    return dead


def test_the_check_finds_a_dead_file_or_heading(tmp_path):
    (tmp_path / "other.md").write_text("# A larger pipeline: `accurate`\n", encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text("## The corpus's own METRIC edge words (kept)\n[a](#the-corpuss-own-metric-edge-words-kept) "
                   "[b](other.md#a-larger-pipeline-accurate) [c](other.md#gone) [d](missing.md) [e](#gone)\n"
                   "```\n[f](inside-code.md)\n```\n[g](https://example.org/x)\n", encoding="utf-8")
    assert dead_links(doc) == ["other.md#gone", "missing.md", "#gone"]


@pytest.mark.parametrize("doc", [d for d in DOCUMENTS if d.exists()], ids=lambda d: str(d.relative_to(ROOT)))
def test_relative_links_reach_a_file_and_heading(doc):
    assert not dead_links(doc), f"{doc.name}: dead links {dead_links(doc)}"
