"""(f) Other helpers' benchmark modules, included when they are present.

Each optional module is imported by name; when it is absent the table says so in a
"not available" row instead of failing. Contract for those modules: ``run(...)`` returns
a dict. If it has a ``"rows"`` list, each item is a dict with ``name`` and ``value`` and,
optionally, ``unit``, ``baseline``, ``target`` (text), ``met`` (bool) and ``note``; every
other key is shown as its own row (numbers as values, anything else as a note). The
whole dict is also stored in ``results.json``.
"""

from __future__ import annotations

import importlib
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from benchmarks.common import Row
from benchmarks.context import Context


@dataclass(frozen=True)
class Hook:
    group: str
    module: str
    what: str
    call: Callable[[ModuleType, Context], dict[str, Any]]


HOOKS: tuple[Hook, ...] = (
    Hook("mechanism", "benchmarks.bench_mechanism", "animation frame paint time (1080p, 2160p)",
         lambda module, ctx: module.run()),
    Hook("kiosk soak", "benchmarks.bench_kiosk_soak", "RSS and object growth over the rotations",
         lambda module, ctx: module.run(ctx.kiosk_rotations)),
    Hook("frozen build", "benchmarks.bench_frozen", "start-up and size of the frozen build",
         lambda module, ctx: module.run()),
)


def rows_from_result(group: str, result: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for item in result.get("rows", ()):
        rows.append(Row(group, str(item["name"]), item.get("value"), str(item.get("unit", "")),
                        item.get("baseline"), str(item.get("target", "")), item.get("met"),
                        str(item.get("note", ""))))
    for key, value in result.items():
        if key == "rows":
            continue
        if isinstance(value, int | float) and not isinstance(value, bool):
            rows.append(Row(group, key, float(value)))
        else:
            rows.append(Row(group, key, None, note=str(value)[:120]))
    return rows


def run_hook(hook: Hook, ctx: Context) -> tuple[list[Row], Any]:
    try:
        module = importlib.import_module(hook.module)
    except ModuleNotFoundError as exc:
        if exc.name != hook.module:
            raise
        return [Row(hook.group, hook.what, None,
                    note=f"not available: {hook.module.replace('.', '/')}.py is not in this checkout")], None
    try:
        result = hook.call(module, ctx)
    except Exception as exc:  # one helper's failure must not hide the other figures
        detail = traceback.format_exc()
        return [Row(hook.group, hook.what, None, met=False, note=f"failed: {exc!r}"[:160])], {"error": detail}
    if not isinstance(result, dict):
        return [Row(hook.group, hook.what, None, met=False,
                    note=f"failed: run() returned {type(result).__name__}, not a dict")], None
    rows = rows_from_result(hook.group, result) or [Row(hook.group, hook.what, None, note="no figures")]
    return rows, result


def run(ctx: Context) -> tuple[list[Row], dict[str, Any]]:
    rows: list[Row] = []
    raw: dict[str, Any] = {}
    for hook in HOOKS:
        hook_rows, result = run_hook(hook, ctx)
        rows.extend(hook_rows)
        raw[hook.module] = result
    return rows, raw
