"""Rule-based ``target`` flag for relations: plan sections and goal cues.

A relation is a target when its sentence lies in a plan part of the report
(after a heading such as 三、2026年重点工作, “十五五”时期主要目标任务, 今年工作安排)
or carries a goal cue (预期目标, 力争, 确保, 计划, 到2030年 …), unless it carries a
result cue (预计全年, 完成了, 实现了 …). The rules are measured by
``policy-ie evaluate`` as target accuracy.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from .doc_views import doc_text, sentence_bounds, sentence_chars, sentence_of
from .stateless import StatelessComponent

PLAN_HEADING = re.compile(
    r"(?:工作安排|重点工作|主要任务|主要工作|目标任务|主要目标|预期目标|奋斗目标|今后.{0,4}(?:工作|目标|任务)"
    r"|今年(?:的)?(?:工作|任务)|\d{4}年(?:的)?(?:工作|任务|重点)|(?:二〇|20)\d{2}年政府工作的总体要求|总体要求)"
)
REVIEW_HEADING = re.compile(r"(?:回顾|过去|成就|成绩|发展历程)")
GOAL_CUE = re.compile(r"(?:预期目标|主要目标|力争|确保|计划|争取|目标是|目标为|将达到|到20[2-9]\d年|20[2-9]\d年前|以上的目标|奋斗目标)")
RESULT_CUE = re.compile(r"(?:预计全年|预计全年|完成了|实现了|过去一年|过去五年|五年来|一年来|去年|比上年|同比)")
HEADING_MAX = 40


def is_heading(text: str, max_chars: int = HEADING_MAX) -> bool:
    """A short line that does not end like a sentence."""
    s = text.strip()
    return 0 < len(s) <= max_chars and not s.endswith(("。", "；", "，"))


def heading_plan(text: str, plan: bool, max_chars: int = HEADING_MAX) -> bool:
    """The plan state after the sentence ``text``: a review heading ends a plan section (一、2025年工作
    回顾: review wins), a plan heading starts one; any other sentence leaves ``plan`` as it is."""
    if is_heading(text, max_chars):
        if REVIEW_HEADING.search(text):
            return False
        if PLAN_HEADING.search(text):
            return True
    return plan


def sentence_target(text: str, plan: bool) -> bool:
    """The rules' target flag of a sentence read in a plan section (``plan``) or not."""
    if RESULT_CUE.search(text) and not GOAL_CUE.search(text):
        return False
    return plan or bool(GOAL_CUE.search(text))


# Document-level state, carried in the Doc (see CarriedState)
for _name in ("document_piece", "plan_at_start", "plan_at_end"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class CarriedState:
    """Document-level state carried from one piece of a document to the next.

    ``doc._.document_piece = (document id, index, number of pieces)`` is set by
    :func:`policy_ie.parse`, whose pieces of one document go through ``nlp.pipe`` in order
    (interleaved with other documents' pieces or not); a component that reads documents in
    order keeps the state each open document's last piece ended in.
    """

    MAX_OPEN = 1024  # documents whose last piece has not come (a stream closed early) kept at most

    def carried(self, doc: Doc, default):
        """The state the previous piece of ``doc``'s document ended in; ``default`` for a
        first piece or a Doc that is not a piece."""
        piece = doc._.document_piece
        if piece is not None and piece[1] > 0:
            return self._open.get(piece[0], default)
        return default

    def carry(self, doc: Doc, state) -> None:
        """Keep ``state``, the state ``doc`` ended in, for the next piece of its document."""
        piece = doc._.document_piece
        if piece is None:
            return
        document, index, count = piece
        if index + 1 < count:
            self._open[document] = state
            while len(self._open) > self.MAX_OPEN:
                self._open.pop(next(iter(self._open)))
        else:
            self._open.pop(document, None)


@Language.factory("policy_ie_targets", default_config={"heading_max_chars": HEADING_MAX},
                  requires=["doc._.rels"], assigns=["doc._.rels", "doc._.plan_at_end"])
def make_targets(nlp: Language, name: str, heading_max_chars: int):
    return TargetRules(name, heading_max_chars=heading_max_chars)


class TargetRules(CarriedState, StatelessComponent):
    """Set ``target`` on every relation in ``doc._.rels`` (see module doc).

    Plan and review headings are read in document order, so the state a Doc starts in
    (in a plan section or not) is document-level state, carried in the Doc:
    ``doc._.plan_at_start`` when set; else, for a piece of a longer document, the state the
    previous piece of the same document ended in (:class:`CarriedState`); else not in a plan.
    The state a Doc ends in goes to ``doc._.plan_at_end``. ``nlp(text)`` on a whole text and
    ``parse(text)`` read the same headings in the same order.
    """

    def __init__(self, name: str = "policy_ie_targets", *, heading_max_chars: int = HEADING_MAX) -> None:
        self.name = name
        self.heading_max_chars = heading_max_chars
        self._open: dict = {}  # document id -> the state its last piece so far ended in

    def __call__(self, doc: Doc) -> Doc:
        plan = doc._.plan_at_start
        if plan is None:
            plan = self.carried(doc, False)
        doc._.plan_at_end = end = self.set_targets(doc, plan)
        self.carry(doc, end)
        return doc

    def set_targets(self, doc: Doc, plan: bool) -> bool:
        """Flag the relations of ``doc``, a document or a piece of one that starts in a
        plan section if ``plan``; return whether it ends in one (for the next piece)."""
        if not doc.has_annotation("SENT_START"):
            for r in doc._.rels or []:
                r["target"] = sentence_target(doc_text(doc), plan)
            return plan
        flags, plan = self.sentence_flags(doc, plan)
        starts = list(flags)  # sentence start tokens, in order
        for r in doc._.rels or []:
            r["target"] = flags.get(sentence_of(starts, r["tail_start"]), False)
        return plan

    def sentence_flags(self, doc: Doc, plan: bool = False) -> tuple[dict, bool]:
        """Target flag per sentence start token, scanning headings in order; and the
        plan state after the last sentence."""
        flags = {}
        bounds = sentence_bounds(doc)
        whole = doc_text(doc)
        for (start, _), (a, b) in zip(bounds, sentence_chars(doc, bounds)):
            text = whole[a:b]
            plan = heading_plan(text, plan, self.heading_max_chars)
            flags[start] = sentence_target(text, plan)
        return flags, plan
