"""The domain facts every part of policy_ie shares: labels, relation labels, qualifiers,
units of PERCENT, the fields of a result, and value equality.

The contract is ``shared/ANNOTATION_GUIDELINES.md`` and ``shared/RESULT_SCHEMA.md``; the
project's refinements are in ``docs/CONVENTIONS.md``. Adding a label, a qualifier or a
percent unit starts here: the validator, the importers, the pipeline, the scorer, the
result and the page of ``policy-ie show`` all read these names.
"""
from __future__ import annotations

from typing import Literal, Optional, TypedDict, Union

# --- entities ------------------------------------------------------------------------
METRIC = "METRIC"
QUANTITY_LABELS = ("AMOUNT", "PERCENT")  # the labels that carry a reading (value, unit, qualifier)
PROJECT = "PROJECT"
SLOGAN = "SLOGAN"
NAME_LABELS = (PROJECT, SLOGAN)
LABELS = (METRIC,) + QUANTITY_LABELS + NAME_LABELS

# --- readings of AMOUNT and PERCENT ----------------------------------------------------
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "at_most", "range")
# a reading in one of these units is a PERCENT, in any other an AMOUNT
PERCENT_UNITS = frozenset({"%", "百分点", "‰", "千分点"})
VALUE_FIELDS = ("value", "unit", "qualifier", "low", "high")
VALUE_TOLERANCE = 1e-9  # relative: two readings agree when their numbers differ by less


def quantity_label(unit: str) -> str:
    """The label of a reading in ``unit``: PERCENT for a percent unit, else AMOUNT."""
    return "PERCENT" if unit in PERCENT_UNITS else "AMOUNT"


def same_value(a, b) -> bool:
    """Whether two value fields agree: numbers to a relative ``VALUE_TOLERANCE``, anything
    else (units, qualifiers, None) exactly."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= VALUE_TOLERANCE * max(1.0, abs(a), abs(b))
    return a == b


def same_reading(a: dict, b: dict) -> bool:
    """Whether two entity dicts carry the same reading (every field of ``VALUE_FIELDS``)."""
    return all(same_value(a.get(f), b.get(f)) for f in VALUE_FIELDS)


# --- relations ---------------------------------------------------------------------------
RELATION_LABELS = ("VALUE", "CHANGE")
DIRECTIONS = ("up", "down")  # of a CHANGE (policy_ie.direction reads them from the text)

# --- records -------------------------------------------------------------------------------
Number = Union[int, float]


class Entity(TypedDict, total=False):
    """An entity of a result or a corpus record; offsets index the record's text.
    AMOUNT/PERCENT add the reading (``low``/``high`` only for a range); a METRIC of a result
    adds ``name`` (the indicator as a reader would write it) and ``indicator`` (the id of a row
    of the indicator table, or None): see :mod:`policy_ie.indicators`."""

    start: int
    end: int
    label: str
    text: str
    name: Optional[str]
    indicator: Optional[str]
    value: Number
    unit: str
    qualifier: str
    low: Optional[Number]
    high: Optional[Number]


class Relation(TypedDict, total=False):
    """A relation from the METRIC ``head`` to the AMOUNT/PERCENT ``tail`` (entity indices).
    ``score`` is the model's probability (results only); ``direction`` is a CHANGE's (never a VALUE's)."""

    head: int
    tail: int
    label: str
    target: bool
    score: float
    direction: Literal["up", "down"]


# the indicator table of ParseResult.records() and of ``policy-ie parse --format csv``;
# name and indicator are the METRIC's (issue #19), direction a CHANGE's
RECORD_COLUMNS = ("document", "sentence", "metric", "name", "indicator", "value_text", "value", "unit", "qualifier",
                  "low", "high", "relation", "direction", "target", "metric_start", "metric_end", "value_start",
                  "value_end")
