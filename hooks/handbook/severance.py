"""The severance calculator of the labour-rights page (劳动合同法 第47条,
劳动合同法实施条例 第27条): the build's glue around its one implementation.

The rules and every text live in docs/assets/javascripts/severance.js, the
file the reader's browser runs to recompute the numbers as they type. The
build runs that very file with dukpy, so the page is rendered with the same
numbers the browser computes; this module only

- passes the profile's values and labels of the keys severance.js reads
  (its `KEYS`) in and the texts out,
- phrases the problems severance.js reports as one build error (English,
  naming every bad profile key), and
- hands overrides/partials/calculator.html what it renders: a `Calculator`.
  No HTML is built here.

Money: pay is in K (thousand yuan, the unit the profile already uses for
pay), `annual_package` in 万元; results are shown in yuan. How the month's
wage is found is written once, at the top of severance.js.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar, Mapping, NamedTuple

import dukpy

# The repository's copy; a build passes its own project's file (build.py).
SOURCE = Path(__file__).resolve().parents[2] / "docs/assets/javascripts/severance.js"

# How the build words severance.js's rule names (the browser words them in
# Chinese, in severance.js's message()).
RULE_TEXT = {
    "whole": "a whole number 0 or more",
    "positive": "a number above 0",
    "number": "a number 0 or more",
}


class Row(NamedTuple):
    slot: str   # data-comp of the amount; its formula is "<slot>-formula"
    name: str
    when: str


ROWS = (
    Row("n", "N：经济补偿", "第40条、第41条解除；第38条被迫辞职；公司提出的协商解除（N 是底线）"),
    Row("n1", "N+1", "仅限第40条解除且没有提前 30 天书面通知"),
    Row("n2", "2N：赔偿金", "违法解除；代替 N，通常不再加 1"),
)


class SeveranceError(ValueError):
    """Profile values the calculator cannot use; the message names every bad key."""


# -- running severance.js ------------------------------------------------------

_lock = threading.Lock()
_interpreters: dict[str, dukpy.JSInterpreter] = {}  # severance.js's text → an interpreter holding it


def _engine(source: Path) -> dukpy.JSInterpreter:
    """An interpreter that holds this severance.js (loaded once per text)."""
    text = source.read_text(encoding="utf-8")
    if text not in _interpreters:
        interpreter = dukpy.JSInterpreter()
        interpreter.evaljs(text)
        _interpreters[text] = interpreter
    return _interpreters[text]


def evaljs(expression: str, source: Path = SOURCE, **variables: Any) -> Any:
    """Evaluate `expression` where `handbookSeverance` (of `source`) is
    defined; keyword arguments are JSON values on the `dukpy` object, e.g.
    evaljs("handbookSeverance.yuan(dukpy.x)", x=0.5)."""
    with _lock:
        return _engine(source).evaljs(expression, **variables)


def _for_js(value: Any) -> Any:
    """A profile value as JSON that severance.js judges like the original:
    NaN, infinities and non-JSON types (dates, lists, …) become values it
    refuses; strings, numbers, booleans and None pass as they are."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    return {"unsupported": type(value).__name__}


def label_of(labels: Mapping[str, str], key: str) -> str:
    """The key's label, the key itself when there is none (as severance.js)."""
    label = labels.get(key)
    return label if isinstance(label, str) and label else key


def keys(source: Path = SOURCE) -> tuple[str, ...]:
    """The profile keys severance.js reads, in its order."""
    return tuple(evaljs("handbookSeverance.KEYS", source))


def texts(values: Mapping[str, Any], labels: Mapping[str, str], source: Path = SOURCE) -> dict[str, str]:
    """Every text of the calculator, keyed like its data-comp slots; raise
    SeveranceError naming every bad key."""
    read = keys(source)
    result = evaljs(
        "handbookSeverance.texts(dukpy['values'], dukpy['labels'])", source,
        values={key: _for_js(values.get(key)) for key in read},
        labels={key: label_of(labels, key) for key in read},
    )
    if not result["ok"]:
        raise SeveranceError("; ".join(
            f"profile key '{p['key']}' ({p['label']}) must be {RULE_TEXT[p['rule']]}, "
            f"got {values.get(p['key'])!r}"
            for p in result["problems"]
        ))
    return result["texts"]


# -- what the template renders -------------------------------------------------

def format_value(value: Any) -> str:
    """A profile value for a data-* attribute, as severance.js reads it back
    in the browser: "" when unset, 2.0 → "2", 1e-05 → "0.00001"."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value)


def attribute(key: str) -> str:
    return key.replace("_", "-")


@dataclass(frozen=True)
class Calculator:
    """The calculator for overrides/partials/calculator.html."""

    texts: Mapping[str, str]    # slot → text, as severance.js writes them
    values: Mapping[str, str]   # key → the built value for data-<key>, in severance.js's KEYS order
    labels: Mapping[str, str]   # key → label for data-label-<key>, the same keys
    rows: ClassVar[tuple[Row, ...]] = ROWS

    @property
    def attributes(self) -> tuple[tuple[str, str], ...]:
        """The div's data-* attributes (name, value) in order: the values,
        then the labels; calculator.js reads them back."""
        return (tuple((f"data-{attribute(key)}", value) for key, value in self.values.items())
                + tuple((f"data-label-{attribute(key)}", label) for key, label in self.labels.items()))


def calculator(values: Mapping[str, Any], labels: Mapping[str, str], source: Path = SOURCE) -> Calculator:
    """The calculator from profile values and field labels; raise
    SeveranceError naming every bad key."""
    read = keys(source)
    return Calculator(
        texts=texts(values, labels, source),
        values={key: format_value(values.get(key)) for key in read},
        labels={key: label_of(labels, key) for key in read},
    )
