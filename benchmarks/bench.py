"""Reproducible benchmark: speed and peak memory over ``../shared/reports-2026``, and peers.

    python benchmarks/bench.py --json bench.json          # everything
    python benchmarks/bench.py tokenize parse --limit 3   # some measurements, first 3 reports

Measurements (each runs in its own subprocess, so its peak RSS is its own):

``tokenize``     clean-up + tokenization of every report (best of ``--repeat``)
``parse``        full ``parse_many`` in 1 process with 1 BLAS thread (the BLAS variables = 1)
``parse_default``  the same as users run it: no BLAS variables set, so policy_ie's default
                 of one BLAS thread per core in one process (:func:`policy_ie.workers.blas_threads`)
``parse2``       ``parse_many(n_process=2)``: the worker pool, each worker parsing whole
                 documents with ``cores // 2`` BLAS threads at most; peak RSS is the sampled sum
                 over the main process and its workers (forked workers share the model pages,
                 so the sum overstates; the proportional set size, PSS, is given too)

``dask1``, ``dask2``  ``policy_ie.dask_engine.indicator_table`` over the reports' paths (one
                 partition each) on a local Dask cluster of 1 or 2 single-threaded worker
                 processes, started and warmed up (pipeline loaded, a first table computed)
                 before the clock starts (``startup_seconds``: how long that took); peak RSS
                 per worker from each worker's ``getrusage``

The parse and dask measurements form the scaling table; with ``--rounds R`` they run R times,
alternating, and each keeps its best round (a busy machine slows some rounds).
``dask_overhead``  what Dask adds per document: ``--overhead-docs`` one-sentence documents
                 through ``parse_many`` in this process, then through ``indicator_table`` on
                 one Dask worker (one partition each), alternating ``--rounds`` times;
                 (Dask seconds - in-process seconds) / documents, best rounds
``long``         ``parse`` of one ``--long-chars`` (2,000,000) character text made of the
                 reports one after another; checked: every offset valid, and the entities
                 and relations of each whole report inside it equal those of the report
                 parsed alone
``finder``       ``policy_ie.quantities.find_quantities`` (our rule-based number finder)
``jionlp``, ``recognizers``   the peers' extractors on the same texts (``pip install -e ".[bench]"``)
``accuracy``     peers vs our finder and model on the gold AMOUNT/PERCENT of ``--split``
                 (see ``benchmarks/peers.py``)

The model is loaded before the clock starts. Apart from ``parse_default`` and ``parse2``,
each process runs one BLAS thread (``OMP_NUM_THREADS`` /
``OPENBLAS_NUM_THREADS`` / ``MKL_NUM_THREADS`` = 1 unless set), so one process uses one core. Results: a markdown table on stdout and,
with ``--json``, a JSON file, both with the machine they ran on (CPU, cores, memory,
Python/spaCy versions, load average before and after: a busy machine shows there).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from policy_ie.corpus import REPORTS, report_texts, split_records
from policy_ie.pipeline import BLAS_BACKENDS, BLAS_ENV

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPORTS
MEASUREMENTS = ("tokenize", "parse", "parse_default", "parse2", "dask1", "dask2", "dask_overhead", "long", "finder",
                "jionlp", "recognizers", "accuracy")
SCALING = ("parse", "parse_default", "parse2", "dask1", "dask2")  # run alternately, --rounds times
OWN_THREADS = ("parse_default", "parse2", "dask1", "dask2")  # no BLAS variables set: policy_ie's own choice
OVERHEAD_TEXT = "地区生产总值增长5%左右。"  # dask_overhead: one short sentence per document
LONG_CHARS = 2_000_000
LABELS = {
    "tokenize": "clean-up + tokenize (1 process)",
    "parse": "full parse (1 process, 1 BLAS thread)",
    "parse_default": "full parse (1 process, default: 1 BLAS thread per core)",
    "parse2": "parse_many (2 processes)",
    "dask1": "Dask, local cluster of 1 worker process",
    "dask2": "Dask, local cluster of 2 worker processes",
    "long": "parse {chars}-char text (1 process)",
    "finder": "policy_ie finder, find_quantities (1 process)",
    "jionlp": "peer: jionlp extract_money (1 process)",
    "recognizers": "peer: recognizers-text zh (1 process)",
}


# --------------------------------------------------------------------------- inputs
def load_texts(directory: Path, limit: int = 0) -> list[str]:
    try:
        return report_texts(directory, limit)
    except FileNotFoundError as exc:
        raise SystemExit(str(exc)) from None


def build_long_text(texts: list[str], n_chars: int) -> tuple[str, list[tuple[int, int]]]:
    """The texts one after another (joined by a newline, repeated) cut to exactly
    ``n_chars``; and ``(text index, start)`` of every copy that is whole in it."""
    parts, placed, pos, k = [], [], 0, 0
    while pos < n_chars:
        t = texts[k % len(texts)]
        if pos + len(t) <= n_chars:
            placed.append((k % len(texts), pos))
        parts.append(t + "\n")
        pos += len(t) + 1
        k += 1
    return "".join(parts)[:n_chars], placed


# --------------------------------------------------------------------------- memory
def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _proc_kb(pid: int, path: str, key: str) -> int:
    try:
        with open(f"/proc/{pid}/{path}", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children", encoding="ascii") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


class TreeSampler:
    """Peak of the summed RSS and PSS of this process and its descendants (Linux /proc)."""

    def __init__(self, interval: float = 0.25) -> None:  # sampling costs the measured run CPU time: not too often
        self.interval, self.peak_rss_kb, self.peak_pss_kb, self.max_procs = interval, 0, 0, 0
        self.peak_child_kb = 0  # the largest peak RSS (VmHWM) of one descendant
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        pids = _tree(os.getpid())
        self.max_procs = max(self.max_procs, len(pids))
        self.peak_rss_kb = max(self.peak_rss_kb, sum(_proc_kb(p, "status", "VmRSS:") for p in pids))
        self.peak_pss_kb = max(self.peak_pss_kb, sum(_proc_kb(p, "smaps_rollup", "Pss:") for p in pids))
        self.peak_child_kb = max([self.peak_child_kb] + [_proc_kb(p, "status", "VmHWM:") for p in pids[1:]])

    def _run(self) -> None:
        self._sample()
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self):
        if Path("/proc/self/status").exists():
            self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


# --------------------------------------------------------------------------- measurements
def _rate(chars: int, seconds: float) -> dict:
    return {"chars": chars, "seconds": round(seconds, 3), "chars_per_s": round(chars / seconds) if seconds else None}


def bench_tokenize(texts: list[str], repeat: int = 3) -> dict:
    from policy_ie.pipeline import blank
    from policy_ie.text import clean

    tok = blank().tokenizer
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            tok(clean(t).text)
        best = min(best, time.perf_counter() - t0)
    return dict(_rate(sum(map(len, texts)), best), repeat=repeat)


def bench_parse(texts: list[str], n_process: int = 1, batch_size: int | None = None) -> dict:
    from policy_ie.api import BATCH_PIECES, _default_nlp, parse_many

    batch_size = batch_size or BATCH_PIECES

    _default_nlp()  # load outside the timing
    with TreeSampler() as sampler:
        t0 = time.perf_counter()
        n_ent = sum(len(r.entities) for r in parse_many(texts, n_process=n_process, batch_size=batch_size))
        sec = time.perf_counter() - t0
    out = dict(_rate(sum(map(len, texts)), sec), n_process=n_process, batch_size=batch_size, entities=n_ent)
    if n_process != 1:
        out.update(peak_rss_total_mb=round(max(sampler.peak_rss_kb / 1024, _rss_mb())),  # a short run: few samples
                   peak_pss_total_mb=round(sampler.peak_pss_kb / 1024), processes=sampler.max_procs,
                   peak_rss_per_worker_mb=round(sampler.peak_child_kb / 1024))
    return out


def _warm_worker() -> None:
    """A worker's first-call set-up: the pipeline loaded, one document parsed into a frame."""
    from policy_ie.api import WARM_UP
    from policy_ie.dask_engine import parse_item
    from policy_ie.tables import frame

    frame(parse_item(WARM_UP).result.records())


@contextlib.contextmanager
def _dask_client(n_workers: int, startup: dict):
    """A local Dask cluster of ``n_workers`` single-threaded processes, warmed up (pipeline loaded,
    dask.dataframe imported and used once); ``startup["seconds"]``: how long that took."""
    import logging

    import dask.bag as db
    from distributed import Client, LocalCluster

    from policy_ie.api import WARM_UP
    from policy_ie.dask_engine import indicator_table

    t0 = time.perf_counter()
    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        client.run(_warm_worker)
        indicator_table(db.from_sequence([WARM_UP])).compute()
        startup["seconds"] = round(time.perf_counter() - t0, 2)
        yield client


def bench_dask(files: list[Path], n_workers: int) -> dict:
    from policy_ie.dask_engine import indicator_table

    chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
    startup: dict = {}
    with _dask_client(n_workers, startup) as client:
        t0 = time.perf_counter()
        rows = len(indicator_table([str(f) for f in files]).compute())
        sec = time.perf_counter() - t0
        peaks = client.run(_rss_mb)
    return dict(_rate(chars, sec), n_workers=n_workers, rows=rows, peak_rss_per_worker_mb=round(max(peaks.values())),
                peak_rss_main_mb=round(_rss_mb()), startup_seconds=startup["seconds"])


def bench_dask_overhead(n_docs: int, rounds: int) -> dict:
    import dask.bag as db

    from policy_ie.api import _default_nlp, parse_many
    from policy_ie.dask_engine import indicator_table

    texts = [OVERHEAD_TEXT] * n_docs
    _default_nlp()
    here, there = [], []
    with _dask_client(1, {}):
        for _ in range(rounds):
            t0 = time.perf_counter()
            rows = sum(len(r.records()) for r in parse_many(texts))
            here.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            assert len(indicator_table(db.from_sequence(texts, npartitions=n_docs)).compute()) == rows
            there.append(time.perf_counter() - t0)
    return {"documents": n_docs, "in_process_seconds": round(min(here), 3), "dask_seconds": round(min(there), 3),
            "overhead_ms_per_document": round(1000 * (min(there) - min(here)) / n_docs, 2),
            "rounds": [[round(a, 3), round(b, 3)] for a, b in zip(here, there)]}


def _ent_key(e: dict, shift: int) -> tuple:
    return (e["start"] - shift, e["end"] - shift, e["label"], e.get("value"), e.get("unit"), e.get("qualifier"),
            e.get("low"), e.get("high"))


def check_offsets(text: str, d: dict) -> list[str]:
    """Problems with the offsets of a result dict (empty when all are valid)."""
    problems, prev = [], 0
    if d["text"] != text:
        problems.append("result text differs from the input")
    for i, e in enumerate(d["entities"]):
        if not (prev <= e["start"] < e["end"] <= len(text)) or text[e["start"]:e["end"]] != e["text"]:
            problems.append(f"entity {i} {e['start']}-{e['end']} {e['text']!r}")
        prev = max(prev, e["end"])
    n = len(d["entities"])
    for j, r in enumerate(d["relations"]):
        if not (0 <= r["head"] < n and 0 <= r["tail"] < n):
            problems.append(f"relation {j} index out of range")
    return problems


def compare_region(whole: dict, start: int, length: int, alone: dict) -> dict:
    """Entities/relations of ``whole`` inside ``[start, start + length)`` against ``alone``."""
    def rel_keys(d, keep, shift):
        ents = d["entities"]
        out = {}
        for r in d["relations"]:
            h, t = ents[r["head"]], ents[r["tail"]]
            if keep(h) and keep(t):
                out[(h["start"] - shift, h["end"] - shift, t["start"] - shift, t["end"] - shift, r["label"])] = r["target"]
        return out

    inside = lambda e: start <= e["start"] and e["end"] <= start + length  # noqa: E731
    a = {_ent_key(e, start) for e in whole["entities"] if inside(e)}
    b = {_ent_key(e, 0) for e in alone["entities"]}
    ra, rb = rel_keys(whole, inside, start), rel_keys(alone, lambda e: True, 0)
    common = ra.keys() & rb.keys()
    return {"entities_same": len(a & b), "entities_either": len(a | b),
            "relations_same": len(common), "relations_either": len(ra.keys() | rb.keys()),
            "targets_same": sum(ra[k] == rb[k] for k in common), "identical": a == b and ra == rb}


ONE_SENTENCE = str.maketrans({c: "，" for c in "。！？!?\n"})  # --one-sentence: no sentence ends at all


def bench_long(texts: list[str], n_chars: int = LONG_CHARS, check: bool = True, one_sentence: bool = False) -> dict:
    from policy_ie.api import _default_nlp, parse, parse_many

    _default_nlp()
    text, placed = build_long_text(texts, n_chars)
    if one_sentence:
        text, check = text.translate(ONE_SENTENCE), False
    t0 = time.perf_counter()
    d = parse(text, max_chars=None).to_dict()
    sec = time.perf_counter() - t0
    peak = _rss_mb()  # before the checks below
    out = dict(_rate(len(text), sec), peak_rss_mb=round(peak), entities=len(d["entities"]),
               relations=len(d["relations"]), one_sentence=one_sentence)
    problems = check_offsets(text, d)
    out["offsets_valid"] = not problems
    out["offset_problems"] = problems[:10]
    if check:
        used = sorted({i for i, _ in placed})
        alone = dict(zip(used, (r.to_dict() for r in parse_many([texts[i] for i in used]))))
        cmp = [compare_region(d, s, len(texts[i]), alone[i]) for i, s in placed]
        tot = {k: sum(c[k] for c in cmp) for k in cmp[0] if k != "identical"} if cmp else {}
        out["check"] = {
            "copies": len(cmp), "copies_identical": sum(c["identical"] for c in cmp),
            "entity_agreement": round(tot["entities_same"] / max(1, tot["entities_either"]), 4) if cmp else None,
            "relation_agreement": round(tot["relations_same"] / max(1, tot["relations_either"]), 4) if cmp else None,
            "target_agreement": round(tot["targets_same"] / max(1, tot["relations_same"]), 4) if cmp else None,
        }
    return out


def bench_system(texts: list[str], name: str) -> dict:
    import peers

    system = peers.finder_system() if name == "finder" else peers.get_peer(name)
    system.extract("预热：增长5%，投资3亿元。")  # first-call set-up outside the timing
    res = peers.speed(texts, system)
    return dict(_rate(res["chars"], res["seconds"]), found=res["found"], system=res["system"])


def bench_accuracy(split: str, gold_limit: int = 0) -> dict:
    import peers

    records = split_records(ROOT / "corpus" / "gold", ROOT / "corpus" / "splits.json", split, gold_limit)
    return dict(peers.compare(records), split=split)


def run_measurement(kind: str, args) -> dict:
    """One measurement in this process; peak RSS is this process's."""
    if kind == "accuracy":
        return bench_accuracy(args.split, args.gold_limit)
    if kind == "dask_overhead":
        return dict(bench_dask_overhead(args.overhead_docs, args.rounds), peak_rss_mb=round(_rss_mb()))
    if kind in ("dask1", "dask2"):
        load_texts(args.dir, args.limit)  # the same reports as the other measurements (or their error)
        files = sorted(Path(args.dir).glob("*.txt"))[:args.limit or None]
        return dict(bench_dask(files, int(kind[-1])), documents=len(files))
    texts = load_texts(args.dir, args.limit)
    base = {"documents": len(texts)}
    if kind == "tokenize":
        res = bench_tokenize(texts, args.repeat)
    elif kind in ("parse", "parse_default"):
        res = bench_parse(texts, 1, args.batch_size)
    elif kind == "parse2":
        res = bench_parse(texts, args.n_process, args.batch_size)
    elif kind == "long":
        res = bench_long(texts, args.long_chars, check=not args.no_check, one_sentence=args.one_sentence)
    else:
        from peers import PeerUnavailable

        try:
            res = bench_system(texts, kind)
        except PeerUnavailable as exc:
            return {"error": str(exc)}
    base.update(res)
    base.setdefault("peak_rss_mb", round(_rss_mb()))
    return base


def _keep_best(measurements: dict, kind: str, new: dict) -> None:
    """Keep the faster of the stored and the new round of ``kind``; remember every round's chars/s."""
    old = measurements.get(kind)
    rates = (old or {}).get("rounds", []) + [new.get("chars_per_s")]
    if old is None or (new.get("chars_per_s") or 0) > (old.get("chars_per_s") or 0):
        old = measurements[kind] = new
    old["rounds"] = rates


# --------------------------------------------------------------------------- machine
def machine() -> dict:
    info = {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
            "python": platform.python_version(), "platform": platform.platform()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        mem = next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal"))
        info["memory_gib"] = round(int(mem.split()[1]) / 1024 / 1024, 1)
    except (OSError, StopIteration):
        pass
    try:
        info["usable_cores"] = len(os.sched_getaffinity(0))
    except AttributeError:
        pass
    from importlib.metadata import PackageNotFoundError, version

    for pkg in ("spacy", "thinc", "jionlp", "recognizers-text-suite"):
        try:
            info[pkg] = version(pkg)
        except PackageNotFoundError:
            info[pkg] = None
    from policy_ie.about import __version__

    info["policy_ie"] = __version__
    return info


def _loadavg() -> list[float] | None:
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return None


# --------------------------------------------------------------------------- report
def _mb(x) -> str:
    return "–" if x is None else f"{x:,} MB"


def markdown(res: dict) -> str:
    m = res["machine"]
    lines = [f"Machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('memory_gib', '?')} GiB; Python {m.get('python')}, "
             f"spaCy {m.get('spacy')}, policy_ie {m.get('policy_ie')}, BLAS {res.get('blas', 'numpy')}, 1 thread per process; load average {res.get('load_before')} before, "
             f"{res.get('load_after')} after. {res.get('documents', '?')} documents, {res.get('chars', 0):,} characters "
             f"from {res.get('dir')}.", "",
             "| measurement | chars | seconds | chars/s | peak RSS |", "|---|---|---|---|---|"]
    for kind in MEASUREMENTS:
        r = res["measurements"].get(kind)
        if r is None or kind in ("accuracy", "dask_overhead"):
            continue
        label = LABELS[kind].format(chars=f"{r.get('chars', 0):,}") + (" as one sentence" if r.get("one_sentence") else "")
        if "error" in r:
            lines.append(f"| {label} | | | not run: {r['error']} | |")
            continue
        mem = _mb(r.get("peak_rss_mb"))
        if "peak_rss_total_mb" in r:
            mem = (f"{_mb(r['peak_rss_total_mb'])} ({r.get('processes')} processes; PSS {_mb(r['peak_pss_total_mb'])}; "
                   f"{_mb(r.get('peak_rss_per_worker_mb'))} per worker)")
        elif "n_workers" in r:
            mem = (f"{_mb(r['peak_rss_per_worker_mb'])} per worker (main process {_mb(r['peak_rss_main_mb'])}; "
                   f"started in {r['startup_seconds']} s)")
        lines.append(f"| {label} | {r['chars']:,} | {r['seconds']:,.2f} | {r['chars_per_s']:,} | {mem} |")
    if res.get("scaling"):
        lines += ["", "Against one single-threaded process (best of each kind over "
                  f"{len(res['measurements']['parse'].get('rounds', []))} alternating rounds): "
                  + ", ".join(f"{LABELS[k]} {v:.2f}×" for k, v in res["scaling"].items() if k != "parse") + "."]
    ov = res["measurements"].get("dask_overhead")
    if ov and "error" not in ov:
        lines += ["", f"Dask overhead: {ov['overhead_ms_per_document']} ms per document ({ov['documents']} one-sentence "
                      f"documents: {ov['in_process_seconds']} s in one process, {ov['dask_seconds']} s on one Dask "
                      f"worker; best of {len(ov['rounds'])} alternating rounds)."]
    if res.get("parse_to_tokenize") is not None:
        lines += ["", f"Full parse takes {res['parse_to_tokenize']:,.1f}× the time of clean-up + tokenization."]
    lr = res["measurements"].get("long")
    if lr and "error" not in lr:
        c = lr.get("check") or {}
        lines.append(f"{lr['chars']:,}-char text: offsets valid: {'yes' if lr['offsets_valid'] else 'NO'}; "
                     f"{lr['entities']:,} entities, {lr['relations']:,} relations"
                     + (f"; of {c['copies']} whole reports inside it, {c['copies_identical']} give exactly the entities "
                        f"and relations of the report parsed alone (agreement: entities {c['entity_agreement']}, "
                        f"relations {c['relation_agreement']}, targets {c['target_agreement']})" if c else "") + ".")
    acc = res["measurements"].get("accuracy")
    if acc:
        lines += ["", f"Accuracy on the gold AMOUNT/PERCENT spans of the '{acc.get('split')}' split:", ""]
        if "error" in acc:
            lines.append(f"not run: {acc['error']}")
        else:
            from peers import markdown as peers_markdown

            lines.append(peers_markdown(acc).rstrip())
    return "\n".join(lines) + "\n"


BLAS_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _child(kind: str, args, argv_common: list[str]) -> dict:
    with tempfile.TemporaryDirectory(prefix="policy_ie_bench_") as tmp:
        out = Path(tmp) / "result.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--child-out", str(out), *argv_common]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        env[BLAS_ENV] = args.blas
        if kind not in OWN_THREADS:
            for var in BLAS_THREAD_VARS:  # one BLAS thread per process: "1 process" means one core
                env.setdefault(var, "1")
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if p.returncode != 0 or not out.exists():
            tail = (p.stderr or p.stdout).strip().splitlines()[-1:] or ["no output"]
            return {"error": tail[0][:300]}
        res = json.loads(out.read_text(encoding="utf-8"))
        res["wall_seconds"] = round(time.perf_counter() - t0, 1)
        return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("only", nargs="*", metavar="MEASUREMENT",
                    help=f"some of: {', '.join(MEASUREMENTS)} (default: all)")
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="the reports (*.txt); default ../shared/reports-2026")
    ap.add_argument("--limit", type=int, default=0, help="only the first N reports")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--n-process", type=int, default=2, help="processes for the parse2 measurement")
    ap.add_argument("--batch-size", type=int, default=0,
                    help="parse, parse2: pieces per batch (default: policy_ie.api.BATCH_PIECES)")
    ap.add_argument("--long-chars", type=int, default=LONG_CHARS)
    ap.add_argument("--no-check", action="store_true", help="skip the per-report check of the long text")
    ap.add_argument("--one-sentence", action="store_true",
                    help="long: replace every sentence end and line break by ， (one sentence; no check)")
    ap.add_argument("--repeat", type=int, default=3, help="tokenize: best of N")
    ap.add_argument("--rounds", type=int, default=2,
                    help="parse, parse_default, parse2, dask1, dask2: alternate this many rounds, keep each one's "
                         "best; dask_overhead: rounds within its run")
    ap.add_argument("--overhead-docs", type=int, default=400, help="dask_overhead: one-sentence documents")
    ap.add_argument("--split", default="test", help="accuracy: gold split (or 'all')")
    ap.add_argument("--gold-limit", type=int, default=0, help="accuracy: only the first N gold records")
    ap.add_argument("--blas", choices=BLAS_BACKENDS, default="numpy",
                    help="what runs the network's matrix products (policy_ie.load(blas=...))")
    ap.add_argument("--child", choices=MEASUREMENTS, help=argparse.SUPPRESS)
    ap.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        res = run_measurement(args.child, args)
        args.child_out.write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")
        return 0
    bad = [k for k in args.only if k not in MEASUREMENTS]
    if bad:
        ap.error(f"unknown measurement(s) {', '.join(bad)}; choose from {', '.join(MEASUREMENTS)}")
    kinds = [k for k in MEASUREMENTS if k in (args.only or MEASUREMENTS)]
    if args.long_chars <= 0 and "long" in kinds:
        kinds.remove("long")
    texts = load_texts(args.dir, args.limit)
    common = ["--dir", str(args.dir), "--limit", str(args.limit), "--n-process", str(args.n_process), "--batch-size", str(args.batch_size),
              "--long-chars", str(args.long_chars), "--repeat", str(args.repeat), "--split", args.split,
              "--gold-limit", str(args.gold_limit), "--rounds", str(args.rounds),
              "--overhead-docs", str(args.overhead_docs)] + (["--no-check"] if args.no_check else []) + (["--one-sentence"] if args.one_sentence else [])
    res = {"machine": machine(), "blas": args.blas, "dir": str(args.dir), "documents": len(texts), "chars": sum(map(len, texts)),
           "load_before": _loadavg(), "measurements": {}}
    rounds = [k for k in kinds if k in SCALING]
    for r in range(args.rounds if rounds else 0):
        for kind in rounds:
            print(f"[bench] {kind} (round {r + 1}/{args.rounds}) ...", file=sys.stderr, flush=True)
            _keep_best(res["measurements"], kind, _child(kind, args, common))
    for kind in kinds:
        if kind not in SCALING:
            print(f"[bench] {kind} ...", file=sys.stderr, flush=True)
            res["measurements"][kind] = _child(kind, args, common)
    res["load_after"] = _loadavg()
    base = res["measurements"].get("parse", {}).get("chars_per_s")
    if base:
        res["scaling"] = {k: round(res["measurements"][k]["chars_per_s"] / base, 2) for k in rounds
                          if res["measurements"][k].get("chars_per_s")}
    tok, full = res["measurements"].get("tokenize", {}), res["measurements"].get("parse", {})
    if tok.get("seconds") and full.get("seconds"):
        res["parse_to_tokenize"] = round(full["seconds"] / tok["seconds"], 1)
    print(markdown(res))
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"[bench] wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
