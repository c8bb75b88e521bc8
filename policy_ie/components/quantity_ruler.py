"""Rule-based AMOUNT/PERCENT spans from the candidate finder, as a pipeline component."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from .stateless import StatelessComponent


@Language.factory("policy_ie_quantities", default_config={"overwrite": False},
                  assigns=["doc.ents"])
def make_quantity_ruler(nlp: Language, name: str, overwrite: bool):
    return QuantityRuler(name, overwrite=overwrite)


class QuantityRuler(StatelessComponent):
    """Add every number-with-unit span that ``find_quantities`` finds to ``doc.ents``.

    Placed before ``ner``, the statistical recogniser works around these spans;
    existing entities win over rule spans unless ``overwrite`` is set.
    """

    def __init__(self, name: str = "policy_ie_quantities", overwrite: bool = False) -> None:
        self.name = name
        self.overwrite = overwrite

    def __call__(self, doc: Doc) -> Doc:
        from ..candidates import find_quantities

        spans = []
        for start, end, label in find_quantities(doc.text):
            span = doc.char_span(start, end, label=label, alignment_mode="contract")
            if span is not None and len(span):
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
