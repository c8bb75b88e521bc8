"""The README's worked example of ``policy-ie compare``: per document, the growth targets and the
growth results of one indicator (CHANGE rows in %), in text order, as a Markdown table.

    policy-ie compare ../shared/reports-2026/ --indicators gdp -o gdp.csv --html gdp.html
    python examples/growth_table.py gdp.csv
"""
import csv
import sys
from collections import defaultdict
from pathlib import Path


def cell(row: dict) -> str:
    """A value as the table shows it: 5, 4.5–5 for a range, ≥5 for 以上, ~5 for 左右."""
    if row["low"] and row["high"]:
        return f"{row['low']}–{row['high']}"
    mark = {"approx": "~", "more_than": ">", "at_least": "≥", "at_most": "≤"}.get(row["qualifier"], "")
    return mark + row["value"]


def main(path: str) -> int:
    cells: dict[str, dict[str, list]] = defaultdict(lambda: {"True": [], "False": []})
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            cells[Path(row["document"]).stem]  # every document gets a line
            if row["relation"] == "CHANGE" and row["unit"] == "%":
                cells[Path(row["document"]).stem][row["target"]].append(cell(row))
    print("| document | targets (%) | results (%) |\n|---|---|---|")
    for doc, c in cells.items():
        print(f"| {doc} | {', '.join(c['True']) or '–'} | {', '.join(c['False']) or '–'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
