"""Compile a regex with its alternations factored by first letter (a prefix tree): same matches, faster.

Why: Python's regex engine tries the branches of an alternation one after another at every
position it tests, so "seventeen|seventy|seven|six|..." costs one attempt per word wherever a
word starts; the number words, units and month names of the time and quantity patterns are such
lists. Grouped by their first letter ("s(?:even(?:teen|ty|)|ix)|t(?:...)"), a position that
starts no word of the list is rejected after one comparison per distinct letter, not per word.

Why the matches cannot change: branches are regrouped only by a first literal that every branch
of the alternation begins with. Two branches whose first letters differ (after case folding under
``re.IGNORECASE``) can never both match at the same place, so their relative order is free;
branches that share a first letter keep their order inside their group, and the grouping recurses
on what follows that letter. An alternation where some branch does not begin with a literal (or
ends) is left as it is from that point, in its order. Look-behinds are left untouched (they need
a fixed width). A non-ASCII literal under ``re.IGNORECASE`` stops the grouping of that
alternation, since case folding of such letters is not one-to-one.

The compiled pattern keeps its source text in ``.pattern``; on a Python whose regex internals
differ (``re._parser``), or on any surprise in the tree, the plain ``re.compile`` is returned.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the regex parser and compiler of the standard library (Python 3.11+)
    import _sre  # type: ignore[import-not-found]
    from re import _compiler as _co  # type: ignore[attr-defined]
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python versions
    _p = None


def compile_factored(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)`` with alternations grouped by first letter (module docstring)."""
    if _p is None:  # pragma: no cover - other Python versions
        return re.compile(source, flags)
    try:
        return _compiled(source, flags)
    except Exception:  # noqa: BLE001 - any surprise in the internals: the plain pattern is equivalent
        return re.compile(source, flags)


def _compiled(source: str, flags: int) -> re.Pattern[str]:
    """What ``re._compiler.compile`` does, from the grouped tree and keeping ``source`` as ``.pattern``."""
    tree = factored_tree(source, flags)
    code = _co._code(tree, flags)
    groupindex = tree.state.groupdict
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return _sre.compile(  # type: ignore[no-any-return]
        source, flags | tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup)
    )


def factored_tree(source: str, flags: int = 0) -> Any:
    """The parsed pattern of ``source`` with its alternations grouped (for tests and ``compile_factored``)."""
    tree = _p.parse(source, flags)
    return _walk(tree, bool(tree.state.flags & _c.SRE_FLAG_IGNORECASE), tree.state)


def _walk(sub: Any, ignorecase: bool, state: Any) -> Any:
    """A copy of the parsed sequence ``sub`` with every alternation in it grouped."""
    out: list[tuple[Any, Any]] = []
    for op, av in sub.data:
        if op is _c.SUBPATTERN:
            group, add, remove, inner = av
            inner_ic = (ignorecase or bool(add & _c.SRE_FLAG_IGNORECASE)) and not remove & _c.SRE_FLAG_IGNORECASE
            out.append((op, (group, add, remove, _walk(inner, inner_ic, state))))
        elif op is _c.BRANCH:
            out.extend(_grouped([_walk(b, ignorecase, state).data for b in av[1]], ignorecase, state))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            out.append((op, (av[0], av[1], _walk(av[2], ignorecase, state))))
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            out.append((op, av if av[0] < 0 else (av[0], _walk(av[1], ignorecase, state))))
        elif op is _c.ATOMIC_GROUP:
            out.append((op, _walk(av, ignorecase, state)))
        elif op is _c.GROUPREF_EXISTS:
            no = None if av[2] is None else _walk(av[2], ignorecase, state)
            out.append((op, (av[0], _walk(av[1], ignorecase, state), no)))
        else:
            out.append((op, av))
    return _p.SubPattern(state, out)


def _first_letter(branch: list[tuple[Any, Any]], ignorecase: bool) -> int | None:
    """The key a branch is grouped by: its first literal (lower-cased under IGNORECASE), else None."""
    if not branch or branch[0][0] is not _c.LITERAL:
        return None
    code: int = branch[0][1]
    if not ignorecase:
        return code
    return ord(chr(code).lower()) if code < 128 else None


def _grouped(branches: list[list[tuple[Any, Any]]], ignorecase: bool, state: Any) -> list[tuple[Any, Any]]:
    """The ops of an alternation of ``branches`` (each a list of ops), grouped by first letter."""
    if len(branches) == 1:
        return list(branches[0])
    keys = [_first_letter(b, ignorecase) for b in branches]
    if None in keys:
        return [(_c.BRANCH, (None, [_p.SubPattern(state, list(b)) for b in branches]))]
    groups: dict[int | None, list[list[tuple[Any, Any]]]] = {}
    for key, branch in zip(keys, branches, strict=True):
        groups.setdefault(key, []).append(branch)
    factored = [[group[0][0], *_grouped([b[1:] for b in group], ignorecase, state)] for group in groups.values()]
    if len(factored) == 1:
        return factored[0]
    return [(_c.BRANCH, (None, [_p.SubPattern(state, b) for b in factored]))]
