"""Reading long CSV (``series,period,value``) for ``koers trend --batch``, vectorised.

The whole file is one byte array (numpy): field boundaries, the value column's numbers, the
grouping of rows into series and the period labels all come from array operations, with no
Python work per cell. Values are read by the rules of :func:`koers.numbers.parse_number` for
one decimal separator per column (Dutch ``1.234,5`` and English ``1,234.5``, thousands in
groups of three, a leading minus): every cell is classified at once (its separators, their
groups, what it proves about the decimal separator), the thousands separators are dropped
and the column converted in one go.

:func:`read_fast` returns None for anything it does not vouch for: quoting, spaces, blank
lines, units or signs other than a leading minus, a bad cell, a column whose decimal
separator is ambiguous or contradicts itself. The careful reader in ``cli`` (per cell, via
``parse_number``) then reads it, and names the line, field and reason of a bad cell.
"""

from __future__ import annotations

import numpy as np

_NL, _DOT, _COMMA, _MINUS = 10, 46, 44, 45
_PAD = 4  # look-ahead of the thousands-group check: a separator and three digits
_MAX_NAME = 256  # longer series names go through the careful reader
_MAX_NUMBER = 40  # longer value cells too


def delimiter(header: str) -> str:
    if "\t" in header:
        return "\t"
    if ";" in header:
        return ";"
    return ","


def columns_of(names: list[str]):
    """(series, period, value) column numbers from lower-case header names; None if missing."""

    def find(*options):
        return next((k for k, h in enumerate(names) if h in options), None)

    return find("series", "reeks"), find("period", "periode"), find("value", "waarde")


class Labels:
    """The period labels of one series, decoded from the file's bytes only when asked."""

    __slots__ = ("_data", "_starts", "_ends")

    def __init__(self, data: np.ndarray, starts: np.ndarray, ends: np.ndarray):
        self._data, self._starts, self._ends = data, starts, ends

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, i: int) -> str:
        if not 0 <= i < len(self._starts):
            raise IndexError(i)
        return self._data[int(self._starts[i]) : int(self._ends[i])].tobytes().decode("utf-8")


class Batch:
    """Series read from a batch file: names, values (one row each) and period labels."""

    def __init__(self, names: list[str], values, labels: list):
        self.names, self.values, self.labels = names, values, labels

    def __len__(self) -> int:
        return len(self.names)

    def lengths(self) -> list[int]:
        if isinstance(self.values, np.ndarray):
            return [self.values.shape[1]] * self.values.shape[0]
        return [len(v) for v in self.values]


def _fields(text: str):
    """(bytes, byte array, field starts, field ends, width, columns) of plain long CSV."""
    if '"' in text or " " in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    head, newline, _ = text.partition("\n")
    if not newline:
        return None
    delim = delimiter(head)
    names = [h.strip().lower() for h in head.split(delim)]
    cols = columns_of(names)
    if None in cols:
        return None
    width = len(names)
    raw = text.encode("utf-8")
    first, last = len(head.encode("utf-8")) + 1, len(raw)
    while last > first and raw[last - 1] == _NL:  # trailing empty lines
        last -= 1
    if last == first:
        return None
    b = np.zeros(last - first + 1 + _MAX_NAME + _PAD, np.uint8)  # room for the windows
    b[: last - first] = np.frombuffer(raw, np.uint8, last - first, first)
    b[last - first] = _NL
    data = b[: last - first + 1]
    ends = np.flatnonzero((data == _NL) | (data == ord(delim)))
    # Every row has the header's width (a blank line or a row of another width does not).
    if ends.size % width or np.count_nonzero(b[ends] == _NL) != ends.size // width:
        return None
    if not np.all(b[ends[width - 1 :: width]] == _NL):
        return None
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    return data, b, starts, ends, width, cols


def _cells(b: np.ndarray, s: np.ndarray, n: np.ndarray, width: int, pad=_NL) -> np.ndarray:
    """Fields starting at ``s`` of length ``n`` as rows of ``width`` bytes, padded."""
    windows = np.lib.stride_tricks.sliding_window_view(b, width)
    m = windows[s]  # a copy: one row per field
    m[np.arange(width) >= n[:, None]] = pad
    return m


def _grouped_ok(b: np.ndarray, s: np.ndarray, n: np.ndarray, th: np.ndarray) -> np.ndarray:
    """Per field: each thousands separator (``th``: per field, the byte) is followed by
    exactly three digits and then a separator or the end; the first comes after 1–3 digits."""
    width = int(n.max()) + _PAD
    m = _cells(b, s, n, width)
    is_th = m == th[:, None]
    dig = (m >= 48) & (m <= 57)
    after = np.ones_like(is_th)
    for k in (1, 2, 3):
        after[:, :-k] &= dig[:, k:]
    sep = (m == _DOT) | (m == _COMMA) | (m == _NL)
    after[:, :-4] &= sep[:, 4:]
    after[:, -4:] = False
    lead = np.argmax(is_th, axis=1) - (m[:, 0] == _MINUS)
    return ~np.any(is_th & ~after, axis=1) & (lead >= 1) & (lead <= 3)


def _row_count(mask: np.ndarray) -> np.ndarray:
    """True cells per row of a narrow 2-D mask: column by column (5x a row-wise sum)."""
    total = np.zeros(mask.shape[0], np.int64)
    for k in range(mask.shape[1]):
        total += mask[:, k]
    return total


def _numbers(b: np.ndarray, s: np.ndarray, e: np.ndarray) -> np.ndarray | None:
    """The numbers of non-empty value fields [s, e) as parse_number reads them, or None."""
    n = e - s
    width = int(n.max()) + 1
    if width > _MAX_NUMBER:
        return None
    m = _cells(b, s, n, width)
    dig = (m >= 48) & (m <= 57)
    dot, com = m == _DOT, m == _COMMA
    neg = m[:, 0] == _MINUS
    if int((~(dig | dot | com) & (m != _NL)).sum()) != int(neg.sum()):
        return None  # a character beyond a leading minus
    rows = np.arange(s.size)
    if not np.all((n > neg) & dig[rows, n - 1]):  # nothing after the minus, or no final digit
        return None
    ndot, ncom = _row_count(dot), _row_count(com)
    nsep = ndot + ncom
    sep = dot | com
    last = np.full(s.size, width - 1, np.int64)  # the last separator (width − 1: none)
    for k in range(width):
        np.putmask(last, sep[:, k], k)
    last_char = m[rows, last]
    # Evidence per cell: 1 = a comma is the decimal separator, 2 = a point, 0 = none, -1 bad.
    evidence = np.zeros(s.size, np.int8)
    proof = np.where(last_char == _COMMA, 1, 2).astype(np.int8)
    several = np.flatnonzero(nsep > 1)
    if several.size:
        lc, nd, nc = last_char[several], ndot[several], ncom[several]
        both = (nd > 0) & (nc > 0)
        # Both kinds: the last one is the decimal separator, once; the other groups thousands.
        # One kind several times: it groups thousands, the other is the decimal separator.
        th = np.where(both, np.where(lc == _DOT, _COMMA, _DOT), lc).astype(np.uint8)
        ok = _grouped_ok(b, s[several], n[several], th)
        ok &= ~both | (np.where(lc == _DOT, nd, nc) == 1)
        ev = np.where(both, proof[several], 3 - proof[several])
        evidence[several] = np.where(ok, ev, -1)
    single = np.flatnonzero(nsep == 1)
    ambiguous = False
    if single.size:
        ls, ng = last[single], neg[single]
        int_len = ls - ng
        maybe = (n[single] - ls - 1 == 3) & (int_len <= 3)
        zero = np.ones(single.size, bool)  # the part before the separator is all zeros
        for k in range(3):
            at = np.minimum(ng + k, width - 1)
            zero &= (k >= int_len) | (m[single, at] == 48)
        unsure = maybe & ~zero
        evidence[single[~unsure]] = proof[single[~unsure]]
        ambiguous = bool(unsure.any())
    if np.any(evidence < 0) or (np.any(evidence == 1) and np.any(evidence == 2)):
        return None
    decimal = _COMMA if np.any(evidence == 1) else _DOT if np.any(evidence == 2) else None
    if decimal is None and ambiguous:
        return None
    flat = m.ravel()
    if decimal is not None:
        thousands = _DOT if decimal == _COMMA else _COMMA
        if (ndot if thousands == _DOT else ncom).any():
            flat = flat[flat != thousands]
        if decimal == _COMMA:
            flat[flat == _COMMA] = _DOT
    numbers = np.fromstring(flat.tobytes(), dtype=float, sep="\n")
    if numbers.size != s.size:  # pragma: no cover - every cell was checked above
        return None
    return numbers + 0.0  # -0 reads as 0, as parse_number does


def _name_keys(b: np.ndarray, s: np.ndarray, e: np.ndarray) -> np.ndarray | None:
    """The names of fields [s, e) as fixed-width byte strings (comparable), or None."""
    n = e - s
    width = int(n.max()) if n.size else 0
    if width == 0 or width > _MAX_NAME:
        return None
    m = _cells(b, s, n, width, pad=0)
    return m.view(f"S{width}").ravel()


def _groups(keys: np.ndarray):
    """(permutation or None, bounds, first-row keys): rows of a series together, in order."""
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    heads = np.concatenate(([0], change))
    if np.unique(keys[heads]).size == heads.size:  # every series in one block already
        return None, np.concatenate((heads, [keys.size])), keys[heads]
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    rank = np.empty(first.size, np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(first.size)
    gid = rank[inverse.ravel()]
    perm = np.argsort(gid, kind="stable")
    gid = gid[perm]
    bounds = np.concatenate(([0], np.flatnonzero(np.diff(gid)) + 1, [gid.size]))
    return perm, bounds, keys[perm][bounds[:-1]]


def read_fast(text: str) -> Batch | None:
    """The series of a plain long CSV read with array operations, or None (careful reader)."""
    fields = _fields(text)
    if fields is None:
        return None
    data, b, starts, ends, width, (cs, cp, cv) = fields
    vs, ve = starts[cv::width], ends[cv::width]
    keep = ve > vs  # empty value cells are missing periods
    if not keep.any():
        return None
    if not keep.all():
        starts, ends = starts.reshape(-1, width)[keep], ends.reshape(-1, width)[keep]
        starts, ends = starts.ravel(), ends.ravel()
        vs, ve = vs[keep], ve[keep]
    numbers = _numbers(b, vs, ve)
    if numbers is None:
        return None
    keys = _name_keys(b, starts[cs::width], ends[cs::width])
    if keys is None:
        return None
    perm, bounds, heads = _groups(keys)
    ps, pe = starts[cp::width], ends[cp::width]
    if perm is not None:
        numbers, ps, pe = numbers[perm], ps[perm], pe[perm]
    names = [h.decode("utf-8") for h in heads.tolist()]
    lengths = np.diff(bounds)
    if np.all(lengths == lengths[0]):
        values = numbers.reshape(len(names), int(lengths[0]))
    else:
        values = np.split(numbers, bounds[1:-1])
    b_list = bounds.tolist()
    labels = [Labels(data, ps[a:z], pe[a:z]) for a, z in zip(b_list[:-1], b_list[1:], strict=True)]
    return Batch(names, values, labels)
