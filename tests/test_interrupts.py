"""Issue 20: every way a run with worker processes can stop ends every process within 5 s,
with the shell's exit status, and leaves no output that looks complete."""
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import policy_ie

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "seed-000-excerpt.txt").read_text(encoding="utf-8")
DEADLINE = 5.0


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Enough small documents that a 2-process run lasts well past its first result."""
    d = tmp_path_factory.mktemp("reports")
    for i in range(400):
        (d / f"r{i:03d}.txt").write_text(EXAMPLE * 8, encoding="utf-8")
    return d


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _ended(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].startswith("Z")
    except OSError:
        return True


def _start(reports, *extra, stdout=subprocess.DEVNULL):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    return subprocess.Popen([sys.executable, "-m", "policy_ie", "parse", str(reports), "--n-process", "2", *extra],
                            stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env,
                            start_new_session=True)  # its own process group, as a shell job has


def _wait_until(cond, what, timeout=60.0):
    t0 = time.monotonic()
    while not cond():
        assert time.monotonic() - t0 < timeout, f"timed out waiting for {what}"
        time.sleep(0.02)


def _running_with_output(p, out: Path) -> list[int]:
    """Wait until both workers run and the first result is written; return the workers' pids."""
    _wait_until(lambda: len(_children(p.pid)) == 2 or p.poll() is not None, "two workers")
    workers = _children(p.pid)
    _wait_until(lambda: any(out.parent.glob(f".{out.name}.*.part")) or p.poll() is not None, "the first result")
    assert p.poll() is None, "the run finished before it could be stopped"
    return workers


def _stopped(p, workers) -> tuple[int, str]:
    """Exit status and stderr; every process must be gone within the deadline."""
    t0 = time.monotonic()
    try:
        _, err = p.communicate(timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        raise AssertionError("the main process did not end within 5 s")
    _wait_until(lambda: all(_ended(w) for w in workers), "the workers to end", DEADLINE - (time.monotonic() - t0))
    return p.returncode, err


@pytest.mark.parametrize("how,status,message", [
    ("ctrl-c", 130, "policy-ie: interrupted"),  # SIGINT to the whole process group, as a terminal sends it
    ("sigint", 130, "policy-ie: interrupted"),  # SIGINT to the main process only
    ("sigterm", 143, "policy-ie: terminated"),
])
def test_a_signal_ends_every_process_and_leaves_no_output(reports, tmp_path, how, status, message):
    out = tmp_path / "out.json"
    p = _start(reports, "-o", str(out))
    workers = _running_with_output(p, out)
    if how == "ctrl-c":
        os.killpg(p.pid, signal.SIGINT)
    else:
        os.kill(p.pid, signal.SIGINT if how == "sigint" else signal.SIGTERM)
    rc, err = _stopped(p, workers)
    assert rc == status, err
    assert err.splitlines()[-1] == message and "Traceback" not in err
    assert list(tmp_path.iterdir()) == [], "an interrupted run left a file"


def test_an_existing_output_survives_an_interrupted_run(reports, tmp_path):
    out = tmp_path / "out.csv"
    out.write_text("the previous complete table\n", encoding="utf-8")
    p = _start(reports, "--format", "csv", "-o", str(out))
    workers = _running_with_output(p, out)
    os.kill(p.pid, signal.SIGTERM)
    assert _stopped(p, workers)[0] == 143
    assert out.read_text(encoding="utf-8") == "the previous complete table\n"
    assert [f.name for f in tmp_path.iterdir()] == ["out.csv"]


def test_a_closed_pipe_ends_every_process(reports):
    p = _start(reports, "--format", "jsonl", stdout=subprocess.PIPE)
    _wait_until(lambda: len(_children(p.pid)) == 2 or p.poll() is not None, "two workers")
    workers = _children(p.pid)
    assert json.loads(p.stdout.readline())["text"] == EXAMPLE * 8
    p.stdout.close()  # like `| head -n 1`
    rc, err = _stopped(p, workers)
    assert rc == 141 and "Traceback" not in err


def test_an_interrupted_json_array_on_stdout_is_left_open(reports):
    p = _start(reports, stdout=subprocess.PIPE)
    _wait_until(lambda: len(_children(p.pid)) == 2 or p.poll() is not None, "two workers")
    workers = _children(p.pid)
    assert p.stdout.readline() == "[\n"
    os.killpg(p.pid, signal.SIGINT)
    rest = p.stdout.read()
    assert _stopped(p, workers)[0] == 130
    assert not rest.rstrip().endswith("]")
    with pytest.raises(json.JSONDecodeError):
        json.loads("[\n" + rest)


def _no_workers_left():
    t0 = time.monotonic()
    while multiprocessing.active_children():
        assert time.monotonic() - t0 < DEADLINE, "workers still running"
        time.sleep(0.02)


def test_closing_parse_many_early_ends_the_workers():
    texts = [EXAMPLE] * 200
    t0 = time.monotonic()
    g = policy_ie.parse_many(texts, n_process=2)
    assert next(g).text == EXAMPLE
    assert len(multiprocessing.active_children()) == 2
    g.close()
    _no_workers_left()
    for r in policy_ie.parse_many(texts, n_process=2):  # a `break` drops the generator
        break
    _no_workers_left()
    assert time.monotonic() - t0 < 2 * DEADLINE


def test_a_worker_error_is_raised_in_order_and_ends_the_workers():
    texts = [EXAMPLE, EXAMPLE, "增长5%\ud800", EXAMPLE]
    got = []
    with pytest.raises(ValueError, match=r"U\+D800 at position 4 \(a lone surrogate\)"):
        for r in policy_ie.parse_many(texts, n_process=2):
            got.append(r)
    assert len(got) == 2
    _no_workers_left()


def test_a_killed_worker_is_a_one_line_error_and_ends_the_other():
    from policy_ie.workers import WorkerError

    g = policy_ie.parse_many([EXAMPLE * 8] * 100, n_process=2)
    next(g)
    os.kill(multiprocessing.active_children()[0].pid, signal.SIGKILL)
    with pytest.raises(WorkerError, match=r"a worker process ended without answering \(killed by signal 9\)"):
        list(g)
    _no_workers_left()


@pytest.mark.parametrize("bad", [0, -1, 1.5, "two", True])
def test_n_process_must_be_positive_or_auto(bad):
    with pytest.raises(ValueError, match="n_process must be a positive integer or 'auto'"):
        policy_ie.parse_many(["增长5%"], n_process=bad)


def test_n_process_auto_uses_every_usable_core():
    from policy_ie.workers import resolve_n_process

    assert resolve_n_process("auto") == len(os.sched_getaffinity(0))
    assert [r.text for r in policy_ie.parse_many(["增长5%", "投资3亿元"], n_process="auto")] == ["增长5%", "投资3亿元"]


@pytest.mark.parametrize("bad", ["0", "-2", "many"])
def test_cli_n_process_errors_are_one_line(bad):
    p = subprocess.run([sys.executable, "-m", "policy_ie", "parse", "examples/seed-000-excerpt.txt", "--n-process", bad],
                       capture_output=True, text=True, cwd=ROOT,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert p.returncode == 2 and p.stdout == "" and p.stderr.startswith("usage: policy-ie parse ")
    assert p.stderr.splitlines()[-1] == (f"policy-ie parse: error: argument --n-process: must be a positive "
                                         f"integer or 'auto', not {bad!r}")
