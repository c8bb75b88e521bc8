"""Throughput benchmark over the 2026 reports in ``../shared/reports-2026``.

    python -m policy_ie.bench tokenize          # clean-up + tokenization, chars/s
    python -m policy_ie.bench parse [--n-process 2]   # full parse_many, chars/s
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "reports-2026"


def load_texts(directory: Path) -> list[str]:
    files = sorted(directory.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt reports in {directory}")
    return [f.read_text(encoding="utf-8") for f in files]


def bench_tokenize(texts: list[str], repeat: int = 3) -> float:
    from .nlp import blank
    from .text import clean

    tok = blank().tokenizer
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            tok(clean(t).text)
        best = min(best, time.perf_counter() - t0)
    return sum(map(len, texts)) / best


def bench_parse(texts: list[str], n_process: int = 1) -> float:
    from .api import _default_nlp, parse_many

    _default_nlp()  # load outside the timing
    t0 = time.perf_counter()
    for _ in parse_many(texts, n_process=n_process):
        pass
    return sum(map(len, texts)) / (time.perf_counter() - t0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("tokenize", "parse"))
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--n-process", type=int, default=1)
    args = ap.parse_args(argv)
    texts = load_texts(args.dir)
    rate = bench_tokenize(texts) if args.what == "tokenize" else bench_parse(texts, args.n_process)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    res = {"what": args.what, "documents": len(texts), "chars": sum(map(len, texts)),
           "chars_per_s": round(rate), "n_process": args.n_process, "peak_rss_mb": round(peak)}
    print(f"{args.what}: {res['chars_per_s']:,} chars/s over {res['documents']} documents "
          f"({res['chars']:,} chars), peak RSS {res['peak_rss_mb']} MB")
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
