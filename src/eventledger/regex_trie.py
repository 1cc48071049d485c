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

``compile_cased`` goes one step further for texts ``eventledger.regex_words.haystack`` accepts
(none of the non-ASCII letters that ``re.IGNORECASE`` folds onto an ASCII one, such as the long s
or the Kelvin sign): there a case-insensitive ASCII letter matches exactly its two cases, so the
pattern is compiled without the flag, "k" spelled "[kK]". The engine tests such a set with one
lookup and skips a branch at its first letter without entering it; under the flag it folds the
case of every character it compares.
"""

from __future__ import annotations

import re
import unicodedata
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


def _compiled(source: str, flags: int, cased: bool = False) -> re.Pattern[str]:
    """What ``re._compiler.compile`` does, from the grouped tree and keeping ``source`` as ``.pattern``."""
    tree = factored_tree(source, flags)
    if cased:
        _spell_cases(tree, True)
        tree.state.flags &= ~_c.SRE_FLAG_IGNORECASE
        flags &= ~re.IGNORECASE
    code = _co._code(tree, flags)
    groupindex = tree.state.groupdict
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # a cased pattern has no source text of its own (recompiling or pickling it must fail, not lose the cases)
    return _sre.compile(
        None if cased else source, flags | tree.state.flags, code, tree.state.groups - 1, groupindex, tuple(indexgroup)
    )


def compile_cased(source: str, flags: int) -> re.Pattern[str] | None:
    """``compile_factored(source, flags)`` for texts ``haystack`` accepts, with ``re.IGNORECASE``
    replaced by both cases of each ASCII letter (module docstring); None when that cannot be done
    (no such flag, a non-ASCII character or a back-reference under it, other Python internals)."""
    if _p is None or not flags & re.IGNORECASE:
        return None
    try:
        return _compiled(source, flags, cased=True)
    except Exception:  # noqa: BLE001 - _Uncased, or a surprise in the internals: the caller keeps the flag
        return None


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


class _Uncased(Exception):
    """The pattern holds something whose case folding is not "an ASCII letter and its other case"."""


def _both_cases(code: int) -> list[tuple[Any, int]] | None:
    """The set items of an ASCII letter's two cases; None for a character without case (ASCII, or
    non-ASCII punctuation, space or currency sign, which nothing folds onto); raises on others."""
    ch = chr(code)
    if code > 127:
        if unicodedata.category(ch)[0] in "PZ" or unicodedata.category(ch) == "Sc":
            return None
        raise _Uncased(code)
    if not ch.isalpha():
        return None
    return [(_c.LITERAL, ord(ch.lower())), (_c.LITERAL, ord(ch.upper()))]


def _cased_set(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The items of a character set with each ASCII letter and letter range in both cases."""
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        if op is _c.LITERAL:
            out.extend(_both_cases(av) or [(op, av)])
        elif op is _c.RANGE:
            if av[1] > 127 and not all(_both_cases(c) is None for c in range(max(av[0], 128), av[1] + 1)):
                raise _Uncased(av)
            out.append((op, av))
            for lo, hi, shift in ((97, 122, -32), (65, 90, 32)):
                a, b = max(av[0], lo), min(av[1], hi)
                if a <= b:
                    out.append((_c.RANGE, (a + shift, b + shift)))
        elif op in (_c.NEGATE, _c.CATEGORY):
            out.append((op, av))
        else:
            raise _Uncased(op)
    return out


def _spell_cases(sub: Any, ignorecase: bool) -> None:
    """Rewrite ``sub`` in place so that it needs no ``re.IGNORECASE`` (see ``compile_cased``)."""
    data = sub.data
    for i, (op, av) in enumerate(data):
        if op is _c.LITERAL or op is _c.NOT_LITERAL:
            cases = _both_cases(av) if ignorecase else None
            if cases:
                data[i] = (_c.IN, cases if op is _c.LITERAL else [(_c.NEGATE, None), *cases])
        elif op is _c.IN:
            if ignorecase:
                data[i] = (op, _cased_set(av))
        elif op is _c.SUBPATTERN:
            group, add, remove, inner = av
            inner_ic = (ignorecase or bool(add & _c.SRE_FLAG_IGNORECASE)) and not remove & _c.SRE_FLAG_IGNORECASE
            _spell_cases(inner, inner_ic)
            data[i] = (op, (group, add & ~_c.SRE_FLAG_IGNORECASE, remove & ~_c.SRE_FLAG_IGNORECASE, inner))
        elif op is _c.BRANCH:
            for branch in av[1]:
                _spell_cases(branch, ignorecase)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            _spell_cases(av[2], ignorecase)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            _spell_cases(av[1], ignorecase)
        elif op is _c.ATOMIC_GROUP:
            _spell_cases(av, ignorecase)
        elif op is _c.GROUPREF_EXISTS:
            _spell_cases(av[1], ignorecase)
            if av[2] is not None:
                _spell_cases(av[2], ignorecase)
        elif op not in (_c.AT, _c.ANY, _c.CATEGORY):
            raise _Uncased(op)  # a back-reference compares case-insensitively: keep the flag
