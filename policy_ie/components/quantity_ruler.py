"""Rule-based AMOUNT/PERCENT spans with their readings, as a pipeline component.

Every AMOUNT/PERCENT entity of a Doc has its reading in ``span._.quantity``: the dict of
:meth:`policy_ie.quantities.Quantity.to_dict` (``value, unit, qualifier[, low, high]``), or
None when the span does not read as a quantity. The quantity ruler stores the reading the
finder confirmed each of its spans with; a span another component labels (the entity
tagger) is read from the Doc's text the first time it is asked for. Either way a span is
read once: the reading is kept in ``doc.user_data`` under its character offsets.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..schema import QUANTITY_LABELS
from .doc_views import doc_text
from .stateless import StatelessComponent

_KEY = "policy_ie.quantity"
_UNREAD = object()


def get_quantity(span: Span) -> dict | None:
    """The reading of an AMOUNT/PERCENT ``span`` (see module doc); None for other labels."""
    if span.label_ not in QUANTITY_LABELS:
        return None
    key = (_KEY, span.start_char, span.end_char)
    store = span.doc.user_data
    found = store.get(key, _UNREAD)
    if found is _UNREAD:
        from ..quantities import QuantityError, read_quantity_at

        try:
            found = read_quantity_at(doc_text(span.doc), span.start_char, span.end_char).to_dict()
        except QuantityError:
            found = None
        store[key] = found
    return found


def set_quantity(span: Span, reading: dict | None) -> None:
    span.doc.user_data[(_KEY, span.start_char, span.end_char)] = reading


if not Span.has_extension("quantity"):
    Span.set_extension("quantity", getter=get_quantity, setter=set_quantity)


@Language.factory("policy_ie_quantities", default_config={"overwrite": False},
                  assigns=["doc.ents", "span._.quantity"])
def make_quantity_ruler(nlp: Language, name: str, overwrite: bool):
    return QuantityRuler(name, overwrite=overwrite)


class QuantityRuler(StatelessComponent):
    """Add every number-with-unit span that ``find_readings`` finds to ``doc.ents``, with its
    reading in ``span._.quantity``.

    Placed before ``ner``, the statistical recogniser works around these spans;
    existing entities win over rule spans unless ``overwrite`` is set.
    """

    def __init__(self, name: str = "policy_ie_quantities", overwrite: bool = False) -> None:
        self.name = name
        self.overwrite = overwrite

    def __call__(self, doc: Doc) -> Doc:
        from ..quantities import find_readings

        spans = []
        for start, end, reading in find_readings(doc_text(doc)):
            span = doc.char_span(start, end, label=reading.label, alignment_mode="contract")
            if span is not None and len(span):
                if (span.start_char, span.end_char) == (start, end):  # else read as tokens cut it
                    span._.quantity = reading.to_dict()
                spans.append(span)
        if not spans:
            return doc
        existing = list(doc.ents)
        if self.overwrite:
            merged = filter_spans(spans + existing)
        else:
            taken = set()
            for e in existing:
                taken.update(range(e.start, e.end))
            merged = existing + [s for s in spans if not taken.intersection(range(s.start, s.end))]
        doc.set_ents(sorted(merged, key=lambda s: s.start))
        return doc
