"""Issue 17: Dask as the distributed engine. A local cluster of 2 worker processes parses the
seeds and 4 reports into exactly the rows of the single-process CSV, also when a worker is
killed in the middle of the run; failed documents go to the errors table; --resume."""
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("dask", reason="dask is not installed (pip install -e '.[dask]')")
pytest.importorskip("distributed", reason="distributed is not installed (pip install -e '.[dask]')")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install -e '.[dask]')")
import pandas as pd  # noqa: E402

from policy_ie import dask_engine, tables  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
if not (SHARED / "seeds").is_dir() or not (SHARED / "reports-2026").is_dir():
    pytest.skip("shared/ seeds and reports not present", allow_module_level=True)
# the seeds and the 4 shortest reports (about 150,000 characters)
DOCS = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "reports-2026").glob("*.txt"),
                                                         key=lambda f: f.stat().st_size)[:4]
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))


def cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "policy_ie", "parse", *args], capture_output=True, text=True,
                          cwd=ROOT, env=ENV, **kw)


def csv_rows(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [list(r.values()) for r in csv.DictReader(fh)]


def cells(table: pd.DataFrame) -> list[list[str]]:
    """A typed table's rows as the CSV writes them (missing: empty; whole numbers without .0)."""
    def cell(v):
        if v is None or v is pd.NA or (isinstance(v, float) and v != v):
            return ""
        return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
    return [[cell(v) for v in row] for row in table.astype(object).itertuples(index=False)]


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    d = tmp_path_factory.mktemp("docs")
    for f in DOCS:
        (d / f.name).write_bytes(f.read_bytes())
    return d


@pytest.fixture(scope="module")
def single_csv(docs, tmp_path_factory):
    """The single-process table: the default engine, one process."""
    out = tmp_path_factory.mktemp("single") / "table.csv"
    p = cli(str(docs), "-o", str(out))
    assert p.returncode == 0, p.stderr
    return out


@pytest.fixture(scope="module")
def cluster():
    """A local cluster of 2 single-threaded worker processes, for the tests that connect to it."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c, \
            Client(c) as client:
        yield c, client


def test_two_local_workers_give_exactly_the_rows_of_one_process(docs, single_csv, tmp_path):
    out = tmp_path / "out"
    p = cli(str(docs), "--engine", "dask", "--workers", "2", "--format", "parquet", "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert sorted(f.name for f in out.iterdir()) == ["_SUCCESS", "_errors.parquet"] + [
        f"part-{i:05d}.parquet" for i in range(len(DOCS))]
    table = pd.read_parquet(out)  # the parts, in input order
    assert {c: str(t) for c, t in table.dtypes.items()} == tables.RECORD_DTYPES
    assert cells(table) == csv_rows(single_csv) and len(table) > 500
    assert pd.read_parquet(out / "_errors.parquet").empty


def test_other_formats_with_a_running_scheduler(docs, single_csv, cluster, tmp_path):
    address = cluster[0].scheduler_address
    p = cli(str(docs), "--engine", "dask", "--scheduler", address, "-o", str(tmp_path / "t.csv"))
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "t.csv").read_bytes() == single_csv.read_bytes()
    one = cli(str(docs), "--format", "jsonl").stdout
    assert cli(str(docs), "--engine", "dask", "--scheduler", address, "--format", "jsonl").stdout == one
    p = cli("-", "--engine", "dask", "--scheduler", address, "--format", "jsonl", input="地区生产总值增长5%。")
    assert p.returncode == 0 and json.loads(p.stdout)["meta"] == {"source": "<stdin>"}  # stdin is read here
    p = cli("-", str(DOCS[0]), "--engine", "dask", "--scheduler", address, "-o", str(tmp_path / "t.jsonl"), input="")
    assert p.returncode == 1 and "policy-ie: <stdin>: empty input" in p.stderr.splitlines()
    assert [json.loads(x)["meta"]["source"] for x in (tmp_path / "t.jsonl").read_text(encoding="utf-8").splitlines()] \
        == [str(DOCS[0])]


def test_a_killed_worker_still_gives_the_complete_identical_output(docs, single_csv, cluster, tmp_path):
    c, client = cluster
    out = tmp_path / "out"
    p = subprocess.Popen([sys.executable, "-m", "policy_ie", "parse", str(docs), "--engine", "dask", "--scheduler",
                          c.scheduler_address, "--format", "parquet", "-o", str(out)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)
    pids = client.run(os.getpid)
    t0, busy = time.monotonic(), []
    while not busy:  # a part is written and a worker is running a task of this job
        assert p.poll() is None and time.monotonic() - t0 < 120, "the run ended before a worker could be killed"
        if any(out.glob("part-*.parquet")):
            busy = [w for w, keys in client.processing().items() if keys and w in pids]
        time.sleep(0.05)
    os.kill(pids[busy[0]], signal.SIGKILL)  # distributed reschedules its tasks on the other worker
    _, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    assert len(list(out.glob("part-*.parquet"))) == len(DOCS) and (out / "_SUCCESS").exists()
    assert cells(pd.read_parquet(out)) == csv_rows(single_csv)


def test_failed_documents_go_to_the_errors_table_and_resume_skips_written_parts(docs, cluster, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for f in sorted(docs.iterdir())[:3]:
        (inputs / f.name).write_bytes(f.read_bytes())
    (inputs / "bad.txt").write_bytes(b"\x81\xff\xfe\xff")
    (inputs / "long.txt").write_text("增长5%。" * 20_000, encoding="utf-8")
    out = tmp_path / "out"
    args = (str(inputs), str(tmp_path / "missing.txt"), "--engine", "dask", "--scheduler", cluster[0].scheduler_address,
            "--format", "parquet", "-o", str(out), "--max-chars", "50000")
    p = cli(*args)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    errors = pd.read_parquet(out / "_errors.parquet")
    assert sorted(map(tuple, errors.astype(object).values.tolist())) == sorted([
        (str(tmp_path / "missing.txt"), "no such file or directory"),
        (str(inputs / "bad.txt"), "cannot decode as UTF-8, GB18030/GBK or Big5 (save it as UTF-8)"),
        (str(inputs / "long.txt"), "100,000 characters, more than max_chars=50,000 (memory grows with the length "
                                   "of one text); split it into several texts, or raise max_chars")])
    assert f"policy-ie: {inputs / 'bad.txt'}: cannot decode as UTF-8" in p.stderr
    assert p.stderr.splitlines()[-1].endswith("; 3 failed") and (out / "_SUCCESS").exists()
    parts = sorted(out.glob("part-*.parquet"))
    assert [tables.part_document(f) for f in parts] == [str(f) for f in sorted(inputs.iterdir())[:3]]
    before = pd.read_parquet(out)

    parts[1].unlink()  # as if the job had been killed before this part was renamed
    (out / "_SUCCESS").unlink()
    (out / ".part-00003.parquet.0123.tmp").write_bytes(b"half a part")
    again = cli(*args[:-2])  # without --resume: refused, in one line
    assert again.returncode == 1 and again.stderr.splitlines()[1:] == [
        f"policy-ie: {out}: holds the parts of an earlier run; continue it with --resume, or write to a new directory"]
    again = cli(*args[:-2], "--max-chars", "50000", "--resume")
    assert again.returncode == 1
    assert again.stderr.splitlines()[-1].startswith("1 file(s), ")
    assert "; 2 already written (--resume); 3 failed" in again.stderr.splitlines()[-1]
    assert pd.read_parquet(out).equals(before) and (out / "_SUCCESS").exists()
    assert not list(out.glob(".*"))


def test_the_python_function_gives_a_dask_dataframe_of_the_table(cluster):
    import dask
    import dask.bag as db
    import dask.dataframe as dd

    import policy_ie

    texts = [f.read_text(encoding="utf-8") for f in DOCS[:3]]
    expected = tables.frame([row for f, t in zip(DOCS, texts) for row in policy_ie.parse(t).records(str(f))])
    by_path = dask_engine.indicator_table([str(f) for f in DOCS[:3]])
    assert isinstance(by_path, dd.DataFrame) and by_path.npartitions == 3
    assert by_path.dtypes.to_dict() == expected.dtypes.to_dict()
    assert by_path.compute().reset_index(drop=True).equals(expected)
    bag = db.from_sequence([(str(DOCS[0]), texts[0]), DOCS[1], {"text": texts[2], "document": str(DOCS[2])}],
                           npartitions=2)
    assert dask_engine.indicator_table(bag).compute().reset_index(drop=True).equals(expected)
    frame = dd.from_pandas(pd.DataFrame({"path": [str(f) for f in DOCS[:3]]}), npartitions=2)
    assert dask_engine.indicator_table(frame).compute().reset_index(drop=True).equals(expected)
    plain = dask_engine.indicator_table(db.from_sequence(texts[:1])).compute()
    assert plain["document"].isna().all() and len(plain) == sum(expected["document"] == str(DOCS[0]))

    records, errors = dask.compute(*dask_engine.indicator_tables(db.from_sequence([texts[0], "增长5%\ud800", 7])))
    assert len(records) == sum(expected["document"] == str(DOCS[0]))
    assert errors["error"].tolist() == ["text has an unencodable character U+D800 at position 4 (a lone surrogate)",
                                        "an input is a text, a path, a (document, text) pair or a dict with 'text' "
                                        "or 'path', not int"]
    with pytest.raises(dask_engine.DocumentError, match="no/such.txt: no such file or directory"):
        dask_engine.indicator_table(["no/such.txt"]).compute()


def test_dask_to_parquet_schemas_agree_across_partitions(cluster, tmp_path):
    import dask.bag as db

    import policy_ie

    texts = ["地区生产总值增长5%。", "无数字。", "新增就业8000人。\n12次\n"]
    expected = tables.frame([row for t in texts for row in policy_ie.parse(t).records()])
    assert len(expected) == 3 and expected["metric"].isna().sum() == 1  # one unlinked number: missing cells
    dask_engine.indicator_table(db.from_sequence(texts, npartitions=3)).to_parquet(tmp_path / "t")
    back = pd.read_parquet(tmp_path / "t")  # an empty partition and one with missing cells: one schema
    assert cells(back.reset_index(drop=True)) == cells(expected)


@pytest.mark.parametrize("args,message", [
    (("--engine", "dask", "--n-process", "2"),
     "--n-process is for the default engine; with --engine dask give --workers N or --scheduler ADDRESS"),
    (("--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "--workers", "2"),
     "give --scheduler ADDRESS (a running cluster) or --workers N (a local one), not both"),
    (("--workers", "2"), "--workers needs --engine dask"),
    (("--engine", "dask", "--resume", "-o", "x.csv"),
     "--resume needs --format parquet -o OUT_DIR (it skips the documents whose part exists)"),
])
def test_option_errors_are_one_line(args, message):
    p = cli("examples/seed-000-excerpt.txt", *args)
    assert p.returncode == 1 and p.stdout == "" and p.stderr.splitlines() == [f"policy-ie: {message}"]


def test_a_bad_workers_value_is_a_usage_error():
    p = cli("examples/seed-000-excerpt.txt", "--engine", "dask", "--workers", "0")
    assert p.returncode == 2 and p.stdout == "" and p.stderr.startswith("usage: policy-ie parse ")
    assert p.stderr.splitlines()[-1] == ("policy-ie parse: error: argument --workers: must be a positive integer "
                                         "or 'auto', not '0'")


def _tree(pid: int) -> list[int]:
    out = [pid]
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            out += [p for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split() for p in _tree(int(c))]
        except OSError:
            pass
    return out


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].startswith("Z")
    except OSError:
        return True


@pytest.mark.parametrize("how,status,message", [("ctrl-c", 130, "policy-ie: interrupted"),
                                                ("sigterm", 143, "policy-ie: terminated")])
def test_a_stopped_dask_run_ends_every_process_without_a_traceback(tmp_path, how, status, message):
    out = tmp_path / "out"
    p = subprocess.Popen([sys.executable, "-m", "policy_ie", "parse", str(SHARED / "reports-2026"), "--engine", "dask",
                          "--workers", "2", "--format", "parquet", "-o", str(out)], stderr=subprocess.PIPE, text=True,
                         cwd=ROOT, env=ENV, start_new_session=True)  # its own process group, as a shell job has
    t0 = time.monotonic()
    while not any(out.glob("part-*.parquet")):
        assert p.poll() is None and time.monotonic() - t0 < 120, "the run ended before it could be stopped"
        time.sleep(0.05)
    procs = _tree(p.pid)
    assert len(procs) >= 3  # the main process and its 2 workers
    if how == "ctrl-c":
        os.killpg(p.pid, signal.SIGINT)  # as a terminal sends it: to every process of the group
    else:
        os.kill(p.pid, signal.SIGTERM)
    _, err = p.communicate(timeout=30)
    assert p.returncode == status and err.splitlines()[-1] == message and "Traceback" not in err, err
    t0 = time.monotonic()
    while not all(_gone(q) for q in procs):
        assert time.monotonic() - t0 < 10, "worker processes left behind"
        time.sleep(0.05)
    assert not (out / "_SUCCESS").exists()
    for part in out.glob("part-*.parquet"):  # complete parts only (a hidden .tmp may be left: the next run removes it)
        assert tables.part_document(part) and pd.read_parquet(part) is not None
