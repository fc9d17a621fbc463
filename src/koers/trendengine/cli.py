"""`koers trend [FILE]`: analyse a KPI series from a file or standard input.

Pure (no Django). Input: one number per line, or CSV with a header and a value column
(``value``/``waarde``, case-insensitive, or else the only numeric column); delimiters ``,``
``;`` or tab; Dutch decimal commas accepted. Empty value cells are skipped (missing periods).
``--batch`` reads long CSV (``series,period,value``; also ``reeks,periode,waarde``) and prints
one JSON object per series per line. Exit codes: 0 fine, 2 bad input or options.
Points in the readable summary are numbered from 1; indices in JSON are 0-based.
Run as ``python -m koers.trendengine.cli``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys

import numpy as np

from koers.errors import CodedError
from koers.language import pick
from koers.numbers import NumberError, detect_decimal, parse_number

from ._batchread import Batch, columns_of, delimiter, read_fast
from ._batchwrite import paused_gc, write_lines
from ._errors import TrendError
from ._options import _options, _segments
from ._text import decimals_for, format_number
from .engine import analyse, analyse_batch

_MSG = {
    "not_a_number": {
        "en": "line {line}: '{text}' is not a number",
        "nl": "regel {line}: '{text}' is geen getal",
    },
    "number_problem": {"en": "line {line}: {detail}", "nl": "regel {line}: {detail}"},
    "no_numbers": {"en": "no numbers in the input", "nl": "geen getallen in de invoer"},
    "no_value_column": {
        "en": "line {line}: no value column; name it 'value' or 'waarde'",
        "nl": "regel {line}: geen waardekolom; noem die 'value' of 'waarde'",
    },
    "batch_columns": {
        "en": "line {line}: a batch file needs the columns series, period and value",
        "nl": "regel {line}: een batchbestand heeft de kolommen reeks, periode en waarde nodig",
    },
    "too_few_columns": {
        "en": "line {line}: too few columns",
        "nl": "regel {line}: te weinig kolommen",
    },
    "cannot_read": {
        "en": "cannot read {file}: {error}",
        "nl": "kan {file} niet lezen: {error}",
    },
    "series": {"en": "series '{name}': {detail}", "nl": "reeks '{name}': {detail}"},
    "option": {"en": "{option}: {detail}", "nl": "{option}: {detail}"},
}

_SUMMARY = {
    "verdict": {"en": "Verdict", "nl": "Oordeel"},
    "improving": {"en": "improving", "nl": "verbetering"},
    "deteriorating": {"en": "deteriorating", "nl": "verslechtering"},
    "stable": {"en": "stable", "nl": "stabiel"},
    "insufficient_data": {"en": "insufficient data", "nl": "te weinig gegevens"},
    "signal": {"en": "signal", "nl": "signaal"},
    "drift": {"en": "drift", "nl": "geleidelijke trend"},
    "points": {"en": "Points", "nl": "Punten"},
    "centre": {"en": "centre", "nl": "centrum"},
    "limits": {"en": "limits", "nl": "grenzen"},
    "provisional": {"en": "provisional", "nl": "voorlopig"},
    "segment": {"en": "Segment", "nl": "Segment"},
    "signals": {"en": "Signals", "nl": "Signalen"},
    "none": {"en": "none", "nl": "geen"},
    "point": {"en": "point", "nl": "punt"},
    "outside_limits": {"en": "beyond a limit", "nl": "buiten een grens"},
    "three_of_four": {"en": "3 of 4 beyond midline", "nl": "3 van 4 voorbij de middenlijn"},
    "run_of_eight": {"en": "run of 8 on one side", "nl": "8 op rij aan één kant"},
    "moving_range": {"en": "sudden jump", "nl": "plotselinge sprong"},
    "above": {"en": "above", "nl": "boven"},
    "below": {"en": "below", "nl": "onder"},
    "improvement": {"en": "improvement", "nl": "verbetering"},
    "concern": {"en": "concern", "nl": "zorg"},
    "sen": {"en": "Sen slope", "nl": "Sen-helling"},
    "per_period": {"en": "per period", "nl": "per periode"},
    "ci": {"en": "95% CI", "nl": "95%-BI"},
    "seasonal": {"en": "Seasonal Mann-Kendall", "nl": "Seizoens-Mann-Kendall"},
    "per_cycle": {"en": "per cycle", "nl": "per cyclus"},
    "change": {
        "en": "Change point: a new level may start at point {i} (p = {p})",
        "nl": "Omslagpunt: mogelijk begint bij punt {i} een nieuw niveau (p = {p})",
    },
}


class _InputError(CodedError):
    messages = _MSG


class _Parser(argparse.ArgumentParser):
    """argparse that reports to the given streams and never calls sys.exit."""

    def __init__(self, *args, out=None, err=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._out, self._err = out, err

    def _print_message(self, message, file=None):
        if message:
            (self._err if file is sys.stderr or file is None else self._out).write(message)

    def print_help(self, file=None):
        self._out.write(self.format_help())

    def exit(self, status=0, message=None):
        if message:
            self._err.write(message)
        raise _Exit(status)


class _Exit(Exception):
    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


def _build_parser(stdout, stderr) -> _Parser:
    p = _Parser(
        prog="koers trend",
        description="Judge the trend of a KPI series: XmR limits and signals, "
        "Mann-Kendall drift, Sen's slope and a change point.",
        out=stdout,
        err=stderr,
    )
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help="input file (- = stdin)")
    p.add_argument("--direction", choices=("higher", "lower"), default="higher")
    p.add_argument("--baseline", type=int, metavar="N", help="first N points form the baseline")
    p.add_argument(
        "--rebaseline-at",
        type=int,
        action="append",
        default=[],
        metavar="I",
        help="0-based index where a new segment starts (repeatable)",
    )
    p.add_argument("--spread", choices=("mean", "median"), default="mean")
    p.add_argument("--trended", action="store_true", help="trended limits (half-average method)")
    p.add_argument("--screen", action="store_true", help="screen large moving ranges")
    p.add_argument("--season-length", type=int, metavar="L")
    p.add_argument("--target", metavar="T", help="target value (Dutch decimal comma accepted)")
    p.add_argument("--lang", choices=("nl", "en"), default="en")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--batch", action="store_true", help="FILE is long CSV series,period,value; JSON lines"
    )
    return p


# -- reading ------------------------------------------------------------------------------
def _read(path: str, stdin) -> str:
    if path == "-":
        data = stdin.read()
        return data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        error = getattr(exc, "strerror", None) or exc
        raise _InputError("cannot_read", file=path, error=error) from None


def _is_number(text: str) -> bool:
    try:
        parse_number(text, decimal=",")
    except NumberError:
        return False
    return True


def _parse_values(cells: list[tuple[int, str]]) -> list[float]:
    """Parse (line, text) cells with one decimal separator for the whole column."""
    texts = [t for _, t in cells]
    try:
        decimal = detect_decimal(texts)
    except NumberError as exc:
        bad = exc.params.get("point_example") or exc.params.get("comma_example")
        lines = [no for no, t in cells if " ".join(t.split()) == bad]
        raise _InputError("number_problem", line=lines[0] if lines else 1, detail=exc) from None
    out = []
    for no, text in cells:
        try:
            out.append(float(parse_number(text, decimal=decimal)))
        except NumberError as exc:
            if exc.code == "ambiguous":
                raise _InputError("number_problem", line=no, detail=exc) from None
            raise _InputError("not_a_number", line=no, text=text.strip()) from None
    return out


def _rows(text: str) -> list[tuple[int, str]]:
    return [(no, line) for no, line in enumerate(text.splitlines(), 1) if line.strip()]


def _csv(rows: list[tuple[int, str]]):
    delim = delimiter(rows[0][1])
    parsed = list(csv.reader([line for _, line in rows], delimiter=delim))
    return [(no, [c.strip() for c in cells]) for (no, _), cells in zip(rows, parsed, strict=True)]


def _read_series(text: str) -> list[float]:
    rows = _rows(text)
    if not rows:
        raise _InputError("no_numbers")
    if _is_number(rows[0][1].strip()):
        cells = [(no, line.strip()) for no, line in rows]
    else:
        table = _csv(rows)
        header_no, header = table[0]
        names = [h.lower() for h in header]
        col = next((k for k, h in enumerate(names) if h in ("value", "waarde")), None)
        if col is None:
            numeric = [
                k
                for k in range(len(header))
                if any(len(c) > k and c[k] for _, c in table[1:])
                and all(len(c) <= k or not c[k] or _is_number(c[k]) for _, c in table[1:])
            ]
            if len(numeric) != 1:
                raise _InputError("no_value_column", line=header_no)
            col = numeric[0]
        cells = []
        for no, c in table[1:]:
            if len(c) <= col:
                raise _InputError("too_few_columns", line=no)
            if c[col]:
                cells.append((no, c[col]))
    if not cells:
        raise _InputError("no_numbers")
    return _parse_values(cells)


def _read_batch(text: str) -> Batch:
    """The series of a long CSV: the vectorised reader, else the careful one (per cell)."""
    fast = read_fast(text)
    return fast if fast is not None else _read_batch_careful(text)


def _read_batch_careful(text: str) -> Batch:
    """Per cell, with csv quoting and every form parse_number reads; errors name the line."""
    rows = _rows(text)
    if not rows:
        raise _InputError("no_numbers")
    table = _csv(rows)
    header_no, header = table[0]
    cs, cp, cv = columns_of([h.lower() for h in header])
    if cs is None or cp is None or cv is None:
        raise _InputError("batch_columns", line=header_no)
    need = max(cs, cp, cv)
    order: list[str] = []
    cells: dict[str, list[tuple[int, str]]] = {}
    periods: dict[str, list[str]] = {}
    for no, c in table[1:]:
        if len(c) <= need:
            raise _InputError("too_few_columns", line=no)
        if not c[cv]:
            continue
        name = c[cs]
        if name not in cells:
            order.append(name)
            cells[name] = []
            periods[name] = []
        cells[name].append((no, c[cv]))
        periods[name].append(c[cp])
    if not order:
        raise _InputError("no_numbers")
    all_cells = [cell for name in order for cell in cells[name]]
    values = _parse_values(all_cells)
    out, k = [], 0
    for name in order:
        m = len(cells[name])
        out.append(np.array(values[k : k + m], dtype=float))
        k += m
    return Batch(order, out, [periods[name] for name in order])


# -- output -------------------------------------------------------------------------------
def _s(key: str, lang: str, **params) -> str:
    return pick(_SUMMARY[key], lang).format(**params)


def _summary(a, lang: str) -> str:
    lim = a.limits
    dec = decimals_for(lim["mr_bar"] if lim["mr_bar"] is not None else float("nan"))

    def num(v, d=dec):
        return format_number(v, d, lang)

    def p_txt(v):
        return format_number(v, 3, lang)

    lines = []
    head = f"{_s('verdict', lang)}: {_s(a.verdict, lang)}"
    if a.evidence:
        head += f" ({_s(a.evidence, lang)})"
    lines.append(head)
    lines.append(a.reason(lang))
    lim_line = (
        f"{_s('points', lang)}: {a.n} · {_s('centre', lang)} {num(lim['centre'])} · "
        f"{_s('limits', lang)} {num(lim['lnpl'])}–{num(lim['unpl'])} · URL {num(lim['url'])}"
    )
    if lim["provisional"]:
        lim_line += f" ({_s('provisional', lang)})"
    lines.append(lim_line)
    if len(a.segments) > 1:
        for seg in a.segments:
            lines.append(
                f"  {_s('segment', lang)} {seg['start'] + 1}–{seg['end']}: "
                f"{_s('centre', lang)} {num(seg['centre'])} · "
                f"{_s('limits', lang)} {num(seg['lnpl'])}–{num(seg['unpl'])}"
            )
    if a.signals:
        lines.append(f"{_s('signals', lang)}:")
        for sig in a.signals:
            pts = sig["points"]
            where = str(pts[0] + 1) if len(pts) == 1 else f"{pts[0] + 1}–{pts[-1] + 1}"
            lines.append(
                f"  {_s('point', lang)} {where}: {_s(sig['rule'], lang)}, "
                f"{_s(sig['side'], lang)} ({_s(sig['meaning'], lang)})"
            )
    else:
        lines.append(f"{_s('signals', lang)}: {_s('none', lang)}")
    mk, sen = a.mann_kendall, a.sen_slope
    lines.append(
        f"Mann-Kendall: S = {num(mk['s'], 0)}, p = {p_txt(mk['p'])}, "
        f"tau = {format_number(mk['tau'], 2, lang)}; {_s('sen', lang)} "
        f"{num(sen['slope'], dec + 1)} {_s('per_period', lang)} ({_s('ci', lang)} "
        f"{num(sen['low'], dec + 1)} … {num(sen['high'], dec + 1)})"
    )
    smk = a.seasonal_mann_kendall
    if smk is not None:
        lines.append(
            f"{_s('seasonal', lang)}: S = {num(smk['s'], 0)}, p = {p_txt(smk['p'])}, "
            f"{_s('sen', lang)} {num(smk['slope'], dec + 1)} {_s('per_cycle', lang)}"
        )
    cp = a.change_point
    if cp is not None:
        lines.append(_s("change", lang, i=cp["index"] + 1, p=p_txt(cp["p"])))
    return "\n".join(lines) + "\n"


_OPTION_OF = {
    "baseline_out_of_range": "--baseline",
    "rebaseline_out_of_range": "--rebaseline-at",
    "bad_season_length": "--season-length",
    "bad_target": "--target",
}


def _trend_error(exc: TrendError, lang: str) -> str:
    option = _OPTION_OF.get(exc.code)
    detail = exc.message(lang)
    return pick(_MSG["option"], lang).format(option=option, detail=detail) if option else detail


def _check_lengths(batch: Batch, checked, lang: str) -> None:
    """Every series long enough for the options; the error names the first that is not."""
    fine: set[int] = set()
    for name, n in zip(batch.names, batch.lengths(), strict=True):
        if n in fine:
            continue
        try:
            _segments(n, checked)
        except TrendError as exc:
            raise _InputError("series", name=name, detail=_trend_error(exc, lang)) from None
        fine.add(n)


def _batch(batch: Batch, checked, opts: dict, lang: str, stdout) -> int:
    """Analyse the series of a batch file and write one JSON line per series."""
    _check_lengths(batch, checked, lang)
    result = analyse_batch(batch.values, **opts)
    try:
        write_lines(stdout, batch.names, result, batch.labels, lang)
    except BrokenPipeError:  # pragma: no cover - reader went away (| head)
        pass
    return 0


def main(argv=None, stdin=None, stdout=None, stderr=None) -> int:
    """Run `koers trend`; returns the exit code (0 fine, 2 bad input or options)."""
    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    parser = _build_parser(stdout, stderr)
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except _Exit as exc:
        return exc.status
    lang = args.lang
    prog = "koers trend"
    try:
        target = None
        if args.target is not None:
            try:
                target = float(parse_number(args.target))
            except NumberError:
                raise TrendError("bad_target", value=args.target) from None
        opts = {
            "direction": args.direction,
            "baseline": args.baseline,
            "rebaseline_at": tuple(args.rebaseline_at),
            "spread": args.spread,
            "trended": args.trended,
            "screen": args.screen,
            "season_length": args.season_length,
            "target": target,
        }
        checked = _options(**opts)
        text = _read(args.file, stdin)
        if args.batch:
            with paused_gc():
                return _batch(_read_batch(text), checked, opts, lang, stdout)
        values = _read_series(text)
        a = analyse(values, **opts)
    except _InputError as exc:
        stderr.write(f"{prog}: {exc.message(lang)}\n")
        return 2
    except TrendError as exc:
        stderr.write(f"{prog}: {_trend_error(exc, lang)}\n")
        return 2
    if args.json:
        stdout.write(json.dumps(a.to_dict(lang), ensure_ascii=False) + "\n")
    else:
        stdout.write(_summary(a, lang))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
