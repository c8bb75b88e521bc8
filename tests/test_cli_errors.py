"""Issue 21, "errors that are tracebacks or riddles": every option of every subcommand has help
text, and every bad value is one line that names the flag or the file, never a traceback.

The command line runs in this process (``cli.main(argv)``, stderr through capsys) on inputs
that fail before any model is loaded, any corpus parsed or anything trained."""
import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policy_ie import cli

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "policy_ie" / "models" / "policy_ie_default"


# --------------------------------------------------------------------------- help text
def missing_help(parser: argparse.ArgumentParser) -> list[tuple[str, str]]:
    """``(command, argument)`` for every argument of ``parser`` and of its subcommands, at any
    depth, that has no help text (-h aside); a subcommand without help is listed too."""
    missing = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not (action.help or "").strip() or action.help == argparse.SUPPRESS:
            missing.append((parser.prog, "/".join(action.option_strings) or action.dest))
        if isinstance(action, argparse._SubParsersAction):
            described = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                if not (described.get(name) or "").strip():
                    missing.append((parser.prog, name))
                missing += missing_help(sub)
    return missing


def commands(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """``parser`` and every subcommand parser under it."""
    subs = [sub for a in parser._actions if isinstance(a, argparse._SubParsersAction) for sub in a.choices.values()]
    return [parser] + [p for sub in subs for p in commands(sub)]


def test_every_argument_of_every_command_has_help():
    parser = cli.build_parser()
    assert missing_help(parser) == []
    progs = {p.prog for p in commands(parser)}
    assert progs >= {"policy-ie", "policy-ie parse", "policy-ie compare", "policy-ie show", "policy-ie train",
                     "policy-ie evaluate", "policy-ie corpus", "policy-ie corpus validate",
                     "policy-ie corpus from-drafts", "policy-ie corpus to-spacy", "policy-ie corpus stats",
                     "policy-ie corpus import"}
    for p in commands(parser):
        assert p.format_help()  # a stray % in a help text would only fail at -h


def test_the_help_check_finds_a_missing_help():
    parser = argparse.ArgumentParser(prog="demo")
    sub = parser.add_subparsers(dest="command", help="what to do")
    one = sub.add_parser("one", help="the first")
    one.add_argument("--fine", help="has help")
    one.add_argument("--bare")
    one.add_argument("path")
    sub.add_parser("two")
    assert missing_help(parser) == [("demo one", "--bare"), ("demo one", "path"), ("demo", "two")]


# --------------------------------------------------------------------------- bad values
@pytest.fixture
def files(tmp_path, monkeypatch):
    """Paths for the argument templates below; the current directory is the repository root. A
    bad value must be refused before a model is loaded or anything trained: both fail the test."""
    from policy_ie import api, pipeline, training

    def never(*args, **kwargs):
        raise AssertionError("a model was loaded or training started before the bad value was refused")

    for module, name in ((pipeline, "load"), (api, "load"), (api, "_nlp"), (training, "run_spacy_train")):
        monkeypatch.setattr(module, name, never)
    monkeypatch.chdir(ROOT)
    (tmp_path / "x.txt").write_text("地区生产总值增长5%左右。", encoding="utf-8")
    first = (ROOT / "corpus" / "gold" / "seed-000.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "gold.jsonl").write_text(first + "\n", encoding="utf-8")  # one record of one document
    (tmp_path / "splits.json").write_text(json.dumps({"train": [], "dev": [], "test": ["seed-000"]}), encoding="utf-8")
    (tmp_path / "bad.json").write_text("not json\n", encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]\n", encoding="utf-8")
    return {"tmp": str(tmp_path), "x": str(tmp_path / "x.txt"), "gold": str(tmp_path / "gold.jsonl"),
            "splits": str(tmp_path / "splits.json"), "bad": str(tmp_path / "bad.json"),
            "list": str(tmp_path / "list.json"), "model": str(MODEL)}


def run_main(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        status = cli.main(argv)
    except SystemExit as exc:  # argparse's usage errors
        status = exc.code
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status, out: str, err: str, expected_status: int, named: str) -> str:
    """The error of a refused command: ``expected_status``, nothing on stdout, no traceback, one
    error line (argparse's usage lines may come before it) that contains ``named``."""
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines, "nothing on stderr"
    if lines[0].startswith("usage: "):  # argparse: the usage (wrapped lines indented), then the error line
        assert all(line.startswith(" ") for line in lines[1:-1]), err
        assert re.match(r"policy-ie( [\w-]+)*: error: ", lines[-1]), err
    else:
        assert len(lines) == 1, err
    assert named in lines[-1], err
    assert (status, out) == (expected_status, ""), err
    return lines[-1]


USAGE, RUNTIME = 2, 1
BAD = [  # argv ({name}: the files fixture), exit status, what the error line must name
    # parse
    (["parse"], USAGE, "FILE|DIR|-"),
    (["parse", "{x}", "--n-process", "0"], USAGE, "--n-process"),
    (["parse", "{x}", "--n-process", "-1"], USAGE, "--n-process"),
    (["parse", "{x}", "--n-process", "abc"], USAGE, "--n-process"),
    (["parse", "{tmp}/nope.txt"], RUNTIME, "{tmp}/nope.txt"),
    (["parse", "{x}", "-o", "{tmp}/out.xyz"], RUNTIME, "{tmp}/out.xyz"),
    (["parse", "{x}", "-o", "{tmp}/no/out.json"], RUNTIME, "-o {tmp}/no/out.json"),
    (["parse", "{x}", "--model", "{tmp}/nope"], RUNTIME, "--model {tmp}/nope"),
    (["parse", "{x}", "--model", "{tmp}"], RUNTIME, "--model {tmp}"),
    (["parse", "{x}", "--format", "xml"], USAGE, "--format"),
    (["parse", "{x}", "--max-chars", "-5"], USAGE, "--max-chars"),
    (["parse", "{x}", "--max-chars", "many"], USAGE, "--max-chars"),
    (["parse", "{x}", "--extra-table", "{tmp}/nope.csv"], RUNTIME, "{tmp}/nope.csv"),
    (["parse", "{x}", "--bogus"], USAGE, "--bogus"),
    # parse, the Dask engine's flags
    (["parse", "{x}", "--engine", "nope"], USAGE, "--engine"),
    (["parse", "{x}", "--engine", "dask", "--workers", "0"], USAGE, "--workers"),
    (["parse", "{x}", "--engine", "dask", "--workers", "abc"], USAGE, "--workers"),
    (["parse", "{x}", "--workers", "2"], RUNTIME, "--workers"),
    (["parse", "{x}", "--engine", "dask", "--n-process", "2"], RUNTIME, "--n-process"),
    (["parse", "{x}", "--resume"], RUNTIME, "--resume"),
    # compare
    (["compare", "{x}"], USAGE, "-o/--output"),
    (["compare", "{x}", "-o", "{tmp}/t.csv", "--n-process", "0"], USAGE, "--n-process"),
    (["compare", "{x}", "-o", "{tmp}/t.csv", "--max-chars", "-1"], USAGE, "--max-chars"),
    (["compare", "{tmp}/nope.txt", "-o", "{tmp}/t.csv"], RUNTIME, "{tmp}/nope.txt"),
    (["compare", "{x}", "-o", "{tmp}/no/t.csv"], RUNTIME, "-o {tmp}/no/t.csv"),
    (["compare", "{x}", "-o", "{tmp}/t.csv", "--html", "{tmp}/no/p.html"], RUNTIME, "--html {tmp}/no/p.html"),
    (["compare", "{x}", "-o", "{tmp}/t.csv", "--model", "{tmp}/nope"], RUNTIME, "--model {tmp}/nope"),
    (["compare", "{x}", "-o", "{tmp}/t.csv", "--extra-table", "{tmp}/nope.csv"], RUNTIME, "{tmp}/nope.csv"),
    # show
    (["show"], USAGE, "FILE|-"),
    (["show", "{tmp}/nope.txt"], RUNTIME, "{tmp}/nope.txt"),
    (["show", "{tmp}"], RUNTIME, "{tmp}"),
    (["show", "{x}", "-o", "{tmp}/no/p.html"], RUNTIME, "-o {tmp}/no/p.html"),
    (["show", "{x}", "--model", "{tmp}/nope"], RUNTIME, "--model {tmp}/nope"),
    # corpus
    (["corpus"], USAGE, "ACTION"),
    (["corpus", "nope"], USAGE, "ACTION"),
    (["corpus", "validate", "{tmp}/nope"], RUNTIME, "{tmp}/nope"),
    (["corpus", "from-drafts", "{tmp}/nope"], RUNTIME, "{tmp}/nope"),
    (["corpus", "to-spacy", "{gold}", "--splits", "{tmp}/nope.json", "--out", "{tmp}/sp"], RUNTIME,
     "--splits {tmp}/nope.json"),
    (["corpus", "to-spacy", "{tmp}/nope", "--splits", "{splits}", "--out", "{tmp}/sp"], RUNTIME, "{tmp}/nope"),
    (["corpus", "stats", "{tmp}/nope"], RUNTIME, "{tmp}/nope"),
    (["corpus", "stats", "{gold}", "--splits", "{bad}"], RUNTIME, "--splits {bad}"),
    (["corpus", "import", "nope", "{x}", "-o", "{tmp}/r.jsonl"], USAGE, "format"),
    (["corpus", "import", "doccano", "{tmp}/nope.json", "-o", "{tmp}/r.jsonl"], RUNTIME, "{tmp}/nope.json"),
    (["corpus", "import", "doccano", "{bad}", "-o", "{tmp}/r.jsonl"], RUNTIME, "{bad}"),
    # train
    (["train", "--config", "{tmp}/nope.cfg"], RUNTIME, "--config {tmp}/nope.cfg"),
    (["train", "--config", "{bad}"], RUNTIME, "--config {bad}"),
    (["train", "--max-steps", "-1"], USAGE, "--max-steps"),
    (["train", "--max-steps", "many"], USAGE, "--max-steps"),
    (["train", "--train", "{tmp}/nope.spacy"], RUNTIME, "--train {tmp}/nope.spacy"),
    (["train", "--train", "{x}", "--dev", "{tmp}/nope.spacy"], RUNTIME, "--dev {tmp}/nope.spacy"),
    (["train", "--gold", "{tmp}/nope"], RUNTIME, "--gold {tmp}/nope"),
    (["train", "--gold", "{gold}", "--splits", "{tmp}/nope.json"], RUNTIME, "--splits {tmp}/nope.json"),
    (["train", "--with-dev", "--output", "{tmp}/out"], RUNTIME, "--with-dev"),
    (["train", "--gold", "{gold}", "--init-tok2vec", "{tmp}/nope.bin"], RUNTIME, "--init-tok2vec {tmp}/nope.bin"),
    (["train", "--gold", "{gold}", "--repeat", "report-2026-"], USAGE, "--repeat"),
    (["train", "--gold", "{gold}", "--repeat", "report-2026-=0"], USAGE, "--repeat"),
    (["train", "--gold", "{gold}", "--repeat", "=2"], USAGE, "--repeat"),
    (["train", "--repeat", "report-2026-=2", "--output", "{tmp}/out"], USAGE, "--repeat report-2026-=2"),
    # evaluate
    (["evaluate", "--split", "tset", "{model}", "{gold}"], USAGE, "--split tset"),
    (["evaluate", "--split", "test", "--splits", "/nonexistent/splits.json", "{model}", "{gold}"], RUNTIME,
     "--splits /nonexistent/splits.json"),
    (["evaluate", "--split", "test", "--splits", "{bad}", "{model}", "{gold}"], RUNTIME, "--splits {bad}"),
    (["evaluate", "--split", "test", "--splits", "{list}", "{model}", "{gold}"], RUNTIME, "--splits {list}"),
    (["evaluate", "--split", "test", "--splits", "{tmp}", "{model}", "{gold}"], RUNTIME, "--splits {tmp}"),
    (["evaluate", "{tmp}/nope", "{gold}"], RUNTIME, "{tmp}/nope"),
    (["evaluate", "{model}", "{tmp}/nope.jsonl"], RUNTIME, "{tmp}/nope.jsonl"),
    (["evaluate", "{model}"], RUNTIME, "MODEL GOLD"),
    (["evaluate", "{model}", "{gold}", "-o", "{tmp}/no/s.json"], RUNTIME, "-o {tmp}/no/s.json"),
    (["evaluate", "--cv", "1", "{gold}"], USAGE, "--cv"),
    (["evaluate", "--cv", "abc", "{gold}"], USAGE, "--cv"),
    (["evaluate", "--cv", "3", "{gold}", "{gold}"], RUNTIME, "--cv"),
    (["evaluate", "--cv", "3", "{gold}"], RUNTIME, "--cv 3"),  # one document: too few for 3 folds
    (["evaluate", "--cv", "3", "--config", "{tmp}/nope.cfg", "{gold}"], RUNTIME, "--config {tmp}/nope.cfg"),
    (["evaluate", "--cv", "3", "--max-steps", "-1", "{gold}"], USAGE, "--max-steps"),
    # the top level
    (["nope"], USAGE, "COMMAND"),
]


@pytest.mark.parametrize("argv,status,named", BAD, ids=[" ".join(a) for a, _, _ in BAD])
def test_a_bad_value_is_one_line_naming_the_flag_or_file(argv, status, named, files, capsys):
    got = run_main([a.format(**files) for a in argv], capsys)
    assert_one_line_error(*got, status, named.format(**files))


def test_the_messages_say_what_is_wrong_and_what_to_do(files, capsys):
    def error(*argv):
        return assert_one_line_error(*run_main([a.format(**files) for a in argv], capsys), *expected)

    expected = USAGE, "--split"
    assert error("evaluate", "--split", "tset", "{model}", "{gold}") == (
        "policy-ie evaluate: error: --split tset: no such split in corpus/splits.json; give one of train, dev, test")
    expected = USAGE, "--n-process"
    assert error("parse", "{x}", "--n-process", "0") == (
        "policy-ie parse: error: argument --n-process: must be a positive integer or 'auto', not '0'")
    expected = RUNTIME, "--model"
    assert error("parse", "{x}", "--model", "{tmp}/nope") == (
        f"policy-ie parse: error: --model {files['tmp']}/nope: no such pipeline directory; give a trained pipeline "
        f"directory (such as training/output/model-best), a shipped name (default, accurate), or leave --model out")
    expected = RUNTIME, "--config"
    assert error("train", "--config", "{bad}").startswith(
        f"policy-ie train: error: --config {files['bad']}: not a readable spaCy config (File contains no section "
        f"headers.)")
    expected = USAGE, "--max-steps"
    assert error("train", "--max-steps", "-1") == (
        "policy-ie train: error: argument --max-steps: must be an integer >= 0 (0: the config's), not '-1'")


def test_evaluate_away_from_the_repository_names_splits(files, tmp_path, monkeypatch, capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    line = assert_one_line_error(*run_main(["evaluate", "--split", "test", files["model"], files["gold"]], capsys),
                                 RUNTIME, "--splits corpus/splits.json")
    assert line == (f"policy-ie evaluate: error: --splits corpus/splits.json: no such splits file in {elsewhere}; "
                    f"run from the repository root (corpus/splits.json) or give --splits PATH")


def test_a_split_of_the_given_splits_file_is_used(files, capsys):
    """--split is checked against --splits, not against the repository's: the gold's document is
    in test, so nothing is refused until the records are scored (here: a split without them)."""
    status, out, err = run_main(["evaluate", "--split", "train", "--splits", files["splits"], files["model"],
                                 files["gold"]], capsys)
    assert_one_line_error(status, out, err, RUNTIME, "split train")
    assert err.strip() == f"policy-ie: {files['gold']}: no gold records in split train"


def test_the_installed_command_gives_the_same_line():
    p = subprocess.run([sys.executable, "-m", "policy_ie", "evaluate", "--split", "tset", str(MODEL),
                        "corpus/gold"], capture_output=True, text=True, cwd=ROOT)
    assert (p.returncode, p.stdout) == (2, "") and "Traceback" not in p.stderr
    assert p.stderr.splitlines() == ["policy-ie evaluate: error: --split tset: no such split in corpus/splits.json; "
                                     "give one of train, dev, test"]
