"""Precision, recall and F1 through spaCy's ``PRFScore``, and accuracies, as policy_ie reports them.

One helper for every scorer: the evaluation (entities, relations, target and value accuracy),
the relation pipe's training scores, the candidate-recall script and the peer comparison.
"""
from __future__ import annotations

from typing import Iterable

from spacy.scorer import PRFScore

DIGITS = 4  # reported scores are rounded to this many decimals


def count(gold: Iterable, pred: Iterable, score: PRFScore | None = None) -> PRFScore:
    """``score`` (a new one when None) with the matches of the sets ``pred`` and ``gold`` added."""
    score = PRFScore() if score is None else score
    score.score_set(set(pred), set(gold))
    return score


def prf(score: PRFScore) -> dict:
    """``{"p", "r", "f", "tp", "fp", "fn"}``, the rates rounded to ``DIGITS``."""
    return {"p": round(score.precision, DIGITS), "r": round(score.recall, DIGITS),
            "f": round(score.fscore, DIGITS), "tp": score.tp, "fp": score.fp, "fn": score.fn}


def accuracy(correct: int, n: int) -> float | None:
    """``correct / n`` rounded to ``DIGITS``; None when nothing was compared."""
    return round(correct / n, DIGITS) if n else None
