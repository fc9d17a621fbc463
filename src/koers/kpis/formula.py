"""Formulas over KPI codes for roll-ups: parsed by an allow-list, never ``eval``. Pure: no Django.

Allowed: numbers (``12``, ``0.5`` or ``0,5``), KPI codes, ``+ - * /`` (also ``× ÷``) and
parentheses. A code starts with a letter and runs on over letters, digits, ``_``, ``.`` and
``-`` (so ``PW-1`` is one code: write a minus between codes with spaces, ``A - B``); a code
that starts with a digit, or any code, may be written in brackets: ``[1-PW]``. Anything else
is refused with its position.

``parse(text)`` returns a :class:`Formula` (``codes``: the KPI codes it names, in order of
appearance); ``Formula.evaluate(values)`` computes it from ``{code: float}`` and raises
:class:`FormulaError` (``"division_by_zero"``, ``"missing"``) when it cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from koers.errors import CodedError

MESSAGES = {
    "empty": {"nl": "De formule is leeg.", "en": "The formula is empty."},
    "unexpected": {
        "nl": "Onverwacht ‘{text}’ op positie {pos} van de formule.",
        "en": "Unexpected ‘{text}’ at position {pos} of the formula.",
    },
    "end": {
        "nl": "De formule houdt op waar nog een getal, code of ‘)’ moet komen.",
        "en": "The formula ends where a number, code or ‘)’ should follow.",
    },
    "unclosed": {
        "nl": "Er ontbreekt een ‘)’ in de formule.",
        "en": "A ‘)’ is missing in the formula.",
    },
    "unknown_code": {
        "nl": "De formule noemt {codes}: geen KPI's van deze organisatie.",
        "en": "The formula names {codes}: not KPIs of this organisation.",
    },
    "division_by_zero": {
        "nl": "Deling door nul: {divisor} is 0.",
        "en": "Division by zero: {divisor} is 0.",
    },
    "missing": {
        "nl": "Nog geen waarde voor {codes}.",
        "en": "No value yet for {codes}.",
    },
}


class FormulaError(CodedError):
    messages = MESSAGES


_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:[.,]\d+)?)|\[(?P<bracket>[A-Za-z0-9][A-Za-z0-9_.-]*)\]"
    r"|(?P<code>[A-Za-z][A-Za-z0-9_.-]*)|(?P<op>[-+*/×÷()]))"
)
_OPS = {"×": "*", "÷": "/"}


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m:
            start = len(text) - len(text[pos:].lstrip())
            raise FormulaError("unexpected", text=text[start], pos=start + 1)
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "bracket":
            kind = "code"
        out.append((kind, _OPS.get(value, value), m.start(kind) + 1))
        pos = m.end()
    return out


@dataclass(frozen=True)
class Formula:
    text: str
    tree: tuple
    codes: tuple[str, ...]

    def evaluate(self, values: dict[str, float]) -> float:
        missing = [c for c in self.codes if values.get(c) is None]
        if missing:
            raise FormulaError("missing", codes=", ".join(dict.fromkeys(missing)))
        return _eval(self.tree, values)


def _eval(node: tuple, values: dict[str, float]) -> float:
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "code":
        return float(values[node[1]])
    if kind == "neg":
        return -_eval(node[1], values)
    left, right = _eval(node[1], values), _eval(node[2], values)
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    if right == 0:
        raise FormulaError("division_by_zero", divisor=_describe(node[2]))
    return left / right


def _describe(node: tuple) -> str:
    if node[0] == "code":
        return node[1]
    if node[0] == "num":
        return format(node[1], "g")
    return "(…)"


class _Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.i = 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self):
        token = self.peek()
        if token is None:
            raise FormulaError("end")
        self.i += 1
        return token

    def expr(self) -> tuple:
        node = self.term()
        while (t := self.peek()) is not None and t[0] == "op" and t[1] in "+-":
            self.i += 1
            node = (t[1], node, self.term())
        return node

    def term(self) -> tuple:
        node = self.factor()
        while (t := self.peek()) is not None and t[0] == "op" and t[1] in "*/":
            self.i += 1
            node = (t[1], node, self.factor())
        return node

    def factor(self) -> tuple:
        kind, value, pos = self.take()
        if kind == "num":
            return ("num", float(value.replace(",", ".")))
        if kind == "code":
            return ("code", value)
        if value == "-":
            return ("neg", self.factor())
        if value == "+":
            return self.factor()
        if value == "(":
            node = self.expr()
            closing = self.peek()
            if closing is None:
                raise FormulaError("unclosed")
            if closing[1] != ")":
                raise FormulaError("unexpected", text=closing[1], pos=closing[2])
            self.i += 1
            return node
        raise FormulaError("unexpected", text=value, pos=pos)


def parse(text: str, known_codes=None) -> Formula:
    """Parse ``text``; with ``known_codes`` (a set), refuse codes not in it."""
    tokens = _tokens(text or "")
    if not tokens:
        raise FormulaError("empty")
    parser = _Parser(tokens)
    tree = parser.expr()
    rest = parser.peek()
    if rest is not None:
        raise FormulaError("unexpected", text=rest[1], pos=rest[2])
    codes = tuple(dict.fromkeys(v for k, v, _ in tokens if k == "code"))
    if known_codes is not None:
        unknown = [c for c in codes if c not in known_codes]
        if unknown:
            raise FormulaError("unknown_code", codes=", ".join(unknown))
    return Formula(text, tree, codes)
