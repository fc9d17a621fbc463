"""A small, safe expression language for computed KPIs, compiled to DuckDB SQL.

Expressions are parsed here, token by token, and only what the grammar knows is written
back as SQL: column references (checked against the source's columns and always quoted),
literals, arithmetic, comparisons, ``and/or/not``, ``is [not] null``, ``[not] in (...)``,
``[not] between``, ``[not] like``, ``case when ... end`` and an allow-list of functions.
Aggregates (``count(*)``, ``count(distinct col)``, ``sum``, ``avg``, ``min``, ``max``, each
with an optional ``filter (where ...)``) are allowed in ``value`` and ``denominator`` only.
Anything else -- a subquery, a table function, a file, an unknown function -- is refused with
a message naming the part. Nothing typed by a user reaches DuckDB unparsed.

Pure Python: no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from koers.computation.errors import DefinitionError

AGGREGATES = ("count", "sum", "avg", "min", "max")
FUNCTIONS = (
    "abs",
    "round",
    "floor",
    "ceil",
    "coalesce",
    "nullif",
    "greatest",
    "least",
    "lower",
    "upper",
    "trim",
    "length",
    "substr",
    "year",
    "month",
    "day",
    "date_diff",
)
# Refused with "no subqueries or other statements".
STATEMENT_WORDS = {
    "select",
    "from",
    "with",
    "union",
    "insert",
    "update",
    "delete",
    "drop",
    "create",
    "alter",
    "attach",
    "copy",
    "pragma",
    "set",
    "install",
    "load",
    "exists",
    "call",
    "export",
    "import",
}
# Refused with "no table functions or file access".
TABLE_FUNCTIONS = {
    "read_csv",
    "read_csv_auto",
    "read_parquet",
    "parquet_scan",
    "read_json",
    "read_json_auto",
    "read_text",
    "read_blob",
    "read_ndjson",
    "glob",
    "range",
    "generate_series",
    "query",
    "query_table",
    "sniff_csv",
    "getenv",
    "duckdb_settings",
    "duckdb_tables",
    "unnest",
}
KEYWORDS = {
    "and",
    "or",
    "not",
    "is",
    "null",
    "in",
    "between",
    "like",
    "ilike",
    "case",
    "when",
    "then",
    "else",
    "end",
    "true",
    "false",
    "distinct",
    "filter",
    "where",
}

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>'(?:[^']|'')*')|(?P<qid>\"(?:[^\"]|\"\")*\")"
    r"|(?P<id>[A-Za-z_][A-Za-z0-9_]*)|(?P<op><=|>=|<>|!=|\|\||[-+*/%=<>(),]))"
)


@dataclass(frozen=True)
class Token:
    kind: str  # num, str, id, qid, op, end
    text: str
    pos: int

    @property
    def word(self) -> str:
        return self.text.lower() if self.kind == "id" else ""


def tokenize(text: str, field_name: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            start = pos + len(text[pos:]) - len(text[pos:].lstrip())
            char = text[start]
            if char in "'\"":
                raise DefinitionError("unterminated", field=field_name, pos=start + 1)
            if char == ";" or text[start : start + 2] in ("--", "/*"):
                raise DefinitionError("subquery", field=field_name, part=char)
            raise DefinitionError("bad_character", field=field_name, part=char, pos=start + 1)
        kind = match.lastgroup or "op"
        tokens.append(Token(kind, match.group(kind), match.start(kind)))
        pos = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


@dataclass
class Compiled:
    sql: str
    columns: set[str] = field(default_factory=set)
    aggregates: int = 0


class _Parser:
    def __init__(self, text: str, field_name: str, columns: dict[str, str], source: str):
        self.field = field_name
        self.tokens = tokenize(text, field_name)
        self.i = 0
        self.columns = {name.lower(): name for name in columns}
        self.source = source
        self.used: set[str] = set()
        self.aggregates = 0
        self.in_aggregate = False
        self.allow_aggregates = False
        self.count_star = "*"

    # -- tokens
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def fail(self, tok: Token | None = None) -> DefinitionError:
        tok = tok or self.tok
        if tok.kind == "end":
            return DefinitionError("unexpected_end", field=self.field)
        if tok.word in STATEMENT_WORDS:
            return DefinitionError("subquery", field=self.field, part=tok.text)
        return DefinitionError("unexpected", field=self.field, part=tok.text, pos=tok.pos + 1)

    def accept_word(self, *words: str) -> bool:
        if self.tok.word in words:
            self.i += 1
            return True
        return False

    def expect_word(self, word: str) -> None:
        if not self.accept_word(word):
            raise self.fail()

    def accept_op(self, *ops: str) -> str | None:
        if self.tok.kind == "op" and self.tok.text in ops:
            return self.advance().text
        return None

    def expect_op(self, op: str) -> None:
        if self.accept_op(op) is None:
            raise self.fail()

    # -- grammar
    def parse(self) -> str:
        if self.tok.kind == "end":
            raise DefinitionError("empty", field=self.field)
        sql = self.expr()
        if self.tok.kind != "end":
            raise self.fail()
        return sql

    def expr(self) -> str:
        parts = [self.conjunction()]
        while self.accept_word("or"):
            parts.append(self.conjunction())
        return " OR ".join(parts) if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def conjunction(self) -> str:
        parts = [self.negation()]
        while self.accept_word("and"):
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"

    def negation(self) -> str:
        if self.accept_word("not"):
            return f"(NOT {self.negation()})"
        return self.comparison()

    def comparison(self) -> str:
        left = self.additive()
        op = self.accept_op("=", "<>", "!=", "<", "<=", ">", ">=")
        if op:
            return f"({left} {op} {self.additive()})"
        if self.accept_word("is"):
            neg = "NOT " if self.accept_word("not") else ""
            self.expect_word("null")
            return f"({left} IS {neg}NULL)"
        neg = "NOT " if self.accept_word("not") else ""
        if self.accept_word("in"):
            self.expect_op("(")
            items = [self.additive()]
            while self.accept_op(","):
                items.append(self.additive())
            self.expect_op(")")
            return f"({left} {neg}IN ({', '.join(items)}))"
        if self.accept_word("between"):
            low = self.additive()
            self.expect_word("and")
            return f"({left} {neg}BETWEEN {low} AND {self.additive()})"
        for word in ("like", "ilike"):
            if self.accept_word(word):
                return f"({left} {neg}{word.upper()} {self.additive()})"
        if neg:
            raise self.fail()
        return left

    def additive(self) -> str:
        sql = self.term()
        while op := self.accept_op("+", "-", "||"):
            sql = f"({sql} {op} {self.term()})"
        return sql

    def term(self) -> str:
        sql = self.unary()
        while op := self.accept_op("*", "/", "%"):
            sql = f"({sql} {op} {self.unary()})"
        return sql

    def unary(self) -> str:
        if self.accept_op("-"):
            return f"(- {self.unary()})"
        return self.primary()

    def primary(self) -> str:
        tok = self.tok
        if tok.kind == "num":
            self.advance()
            return tok.text
        if tok.kind == "str":
            self.advance()
            return tok.text
        if tok.kind == "qid":
            self.advance()
            return self.column(tok.text[1:-1].replace('""', '"'), tok)
        if self.accept_op("("):
            inner = self.expr()
            self.expect_op(")")
            return f"({inner})"
        if tok.kind != "id":
            raise self.fail()
        word = tok.word
        if word in ("true", "false", "null"):
            self.advance()
            return word.upper()
        if word == "case":
            return self.case()
        if word == "date" and self.tokens[self.i + 1].kind == "str":
            self.advance()
            return f"DATE {self.advance().text}"
        if word in STATEMENT_WORDS:
            raise DefinitionError("subquery", field=self.field, part=tok.text)
        if self.tokens[self.i + 1].kind == "op" and self.tokens[self.i + 1].text == "(":
            return self.call()
        if word in KEYWORDS:
            raise self.fail()
        self.advance()
        return self.column(tok.text, tok)

    def column(self, name: str, tok: Token) -> str:
        real = self.columns.get(name.lower())
        if real is None:
            raise DefinitionError(
                "unknown_column",
                field=self.field,
                part=name,
                source=self.source,
                columns=", ".join(self.columns.values()) or "-",
            )
        self.used.add(real)
        return '"' + real.replace('"', '""') + '"'

    def case(self) -> str:
        self.advance()
        parts = ["CASE"]
        while self.accept_word("when"):
            cond = self.expr()
            self.expect_word("then")
            parts.append(f"WHEN {cond} THEN {self.expr()}")
        if len(parts) == 1:
            raise self.fail()
        if self.accept_word("else"):
            parts.append(f"ELSE {self.expr()}")
        self.expect_word("end")
        parts.append("END")
        return "(" + " ".join(parts) + ")"

    def call(self) -> str:
        tok = self.advance()
        name = tok.word
        self.advance()  # (
        if name in TABLE_FUNCTIONS:
            raise DefinitionError("table_function", field=self.field, part=tok.text)
        if name in AGGREGATES:
            return self.aggregate(tok)
        if name not in FUNCTIONS:
            raise DefinitionError(
                "unknown_function",
                field=self.field,
                part=tok.text,
                allowed=", ".join(AGGREGATES + FUNCTIONS),
            )
        args: list[str] = []
        if not self.accept_op(")"):
            args.append(self.expr())
            while self.accept_op(","):
                args.append(self.expr())
            self.expect_op(")")
        return f"{name}({', '.join(args)})"

    def aggregate(self, tok: Token) -> str:
        name = tok.word
        if not self.allow_aggregates:
            raise DefinitionError("aggregate_here", field=self.field, part=tok.text)
        if self.in_aggregate:
            raise DefinitionError("nested_aggregate", field=self.field, part=tok.text)
        self.in_aggregate = True
        if name == "count" and self.accept_op("*"):
            inner = self.count_star
        else:
            distinct = "DISTINCT " if self.accept_word("distinct") else ""
            inner = distinct + self.expr()
        self.expect_op(")")
        self.in_aggregate = False
        self.aggregates += 1
        sql = f"{name}({inner})"
        if self.accept_word("filter"):
            self.expect_op("(")
            self.expect_word("where")
            saved, self.allow_aggregates = self.allow_aggregates, False
            cond = self.expr()
            self.allow_aggregates = saved
            self.expect_op(")")
            sql += f" FILTER (WHERE {cond})"
        return sql


def compile_expression(
    text: str,
    *,
    field_name: str,
    columns: dict[str, str],
    source: str = "",
    aggregate: bool = False,
    count_star: str = "*",
) -> Compiled:
    """Parse ``text`` and return its SQL. ``columns`` maps column names to their types.

    With ``aggregate=True`` (value, denominator) the expression must aggregate rows; otherwise
    (where, filters) aggregates are refused.
    """
    parser = _Parser(text, field_name, columns, source)
    parser.allow_aggregates = aggregate
    parser.count_star = count_star
    sql = parser.parse()
    if aggregate and parser.aggregates == 0:
        raise DefinitionError("no_aggregate", field=field_name)
    return Compiled(sql, parser.used, parser.aggregates)
