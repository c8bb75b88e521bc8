"""AMOUNT and PERCENT: finding numbers with units in text and reading them into values.

- :mod:`.numerals`: Arabic and Chinese numerals, read exactly;
- :mod:`.units`: the units the reader accepts, and the finder's narrower lists and traps;
- :mod:`.reader`: ``read_quantity(span, before, after)`` → :class:`Quantity`
  ``(value, unit, qualifier[, low, high])``, or :class:`QuantityError`;
- :mod:`.finder`: ``find_quantities(text)`` → ``(start, end, label)`` of every number-with-unit
  span, ``find_readings(text)`` → the same spans with their :class:`Quantity`.

All of it is rules and the standard library; the pipeline's quantity ruler
(:mod:`policy_ie.components.quantity_ruler`) stores each reading on its span (``span._.quantity``).
"""
from ..schema import PERCENT_UNITS, QUALIFIERS
from .finder import find_quantities, find_readings
from .numerals import QuantityError
from .reader import AFTER_CHARS, BEFORE_CHARS, Quantity, read_quantity, read_quantity_at
from .units import LATIN_UNITS, TIME_UNITS, UNITS

__all__ = ["AFTER_CHARS", "BEFORE_CHARS", "LATIN_UNITS", "PERCENT_UNITS", "QUALIFIERS", "Quantity", "QuantityError",
           "TIME_UNITS", "UNITS", "find_quantities", "find_readings", "read_quantity", "read_quantity_at"]
