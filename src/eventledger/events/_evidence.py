"""The stretch of text that states an event: its clause, not the whole paragraph.

Why clauses: a sentence often reports several events ("closed the border and suspended
trade", "ordered X ..., before deploying Y"); each event's evidence is its own clause, so a
reader (and the scorer, which caps evidence at 80 tokens) sees exactly what states it.
Conjoined clauses, adjuncts that state another event, and the source clause ("..., a source
told X") are cut out; the rest must stay contiguous in the body.
"""

from __future__ import annotations

from eventledger.events.dateline import dateline_end

MAX_TOKENS = 70
_CUT = {"conj", "cc"}


def _source_clause(tok, reporting) -> bool:
    return tok.lemma_.lower() in reporting and any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)


def clause_range(head, triggers: set[int], reporting: frozenset[str], own: int = -1) -> tuple[int, int]:
    """Token range [start, end) of ``head``'s clause without other events' clauses; the subtree
    holding the event's own trigger (index ``own``) is always kept."""
    removed: list[tuple[int, int]] = []  # subtrees are contiguous: the parser is projective
    for child in head.children:
        lo, hi = child.left_edge.i, child.right_edge.i
        if lo <= own <= hi:
            continue
        dep = child.dep_  # an advcl marked "for" ("called for X to resign") is the content, not another event
        if dep in _CUT:
            removed.append((lo, hi))
        elif dep in {"advcl", "prep", "parataxis", "ccomp", "npadvmod", "dep"}:  # "dep": the parser's unsure link
            inner = [j for j in triggers if lo <= j <= hi and j != head.i]
            content = dep == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in child.children)
            if _source_clause(child, reporting) or (inner and dep not in {"ccomp", "prep"} and not content):
                removed.append((lo, hi))
            elif dep == "prep" and any(g.dep_ == "pcomp" and g.i in triggers for g in child.children):
                removed.append((lo, hi))
        elif dep in {"nsubj", "nsubjpass"}:
            # "X, who seized power in 2021, has barred Y": the aside on the subject states another
            # act; the evidence starts after it (the actor names X)
            removed.extend(
                (g.left_edge.i, g.right_edge.i)
                for g in child.children
                if g.dep_ == "relcl" and any(g.left_edge.i <= j <= g.right_edge.i for j in triggers)
            )
    start = end = head.i
    lo_edge, hi_edge = max(head.left_edge.i, min(dateline_end(head.sent), head.i)), head.right_edge.i

    def cut(i: int) -> bool:
        return any(lo <= i <= hi for lo, hi in removed)

    while start - 1 >= lo_edge and not cut(start - 1):
        start -= 1
    while end + 1 <= hi_edge and not cut(end + 1):
        end += 1
    doc = head.doc
    while start < end and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].dep_ == "cc"):
        end -= 1
    if end - start + 1 > MAX_TOKENS:  # keep the window around the head
        start = max(start, head.i - MAX_TOKENS // 3)
        end = min(end, start + MAX_TOKENS - 1)
    return start, end + 1


def evidence_head(tok, has_subject: bool):
    """The verb whose clause is the evidence: an xcomp chain or a subjectless participle climbs."""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "xcomp" or (cur.dep_ in {"acomp"}):
            cur = cur.head
            continue
        if (
            cur.dep_ == "advcl"
            and cur.tag_ == "VBG"
            and not has_subject
            and not any(c.dep_ == "mark" for c in cur.children)
        ):
            cur = cur.head
            continue
        if cur.head.pos_ in {"AUX", "ADJ"} and cur.dep_ in {"xcomp", "acomp"}:
            cur = cur.head
            continue
        break
    return cur


def noun_evidence_head(noun):
    """For a nominal trigger: the clause it sits in, or its prepositional phrase ("because of the
    X incident in Y")."""
    top = noun
    while top.dep_ in {"compound", "amod", "nmod"} and top.head.i != top.i:
        top = top.head
    if top.dep_ == "pobj" and top.head.dep_ == "prep":
        prep = top.head
        if prep.head.pos_ in {"ADP", "SCONJ"} or prep.head.lower_ in {"because"}:
            return prep.head, True
        return prep, True
    if top.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        return top.head, False
    return top, True
