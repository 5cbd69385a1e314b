"""(f) Other helpers' benchmark modules, included when they are present.

Each optional module is looked up by name; when it is absent the table says so in a
"not available" row instead of failing. A present module runs in its own process (a
fresh interpreter on the run's display, so its QApplication, its crash or its
``sys.path`` changes cannot touch the rest of the run) and its ``run(...)`` result comes
back as JSON. Contract for those modules: ``run(...)`` returns a dict. If it has a
``"rows"`` list, each item is a dict with ``name`` and ``value`` and, optionally, ``unit``,
``baseline``, ``target`` (text), ``met`` (bool) and ``note``; every other key is shown as
its own row (numbers as values, a dict's numbers as ``key: sub-key`` rows, anything else
as a note). The whole dict is also stored in ``results.json``.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from typing import Any

from benchmarks.common import ProbeError, Row, probe_env, run_probe
from benchmarks.context import Context

CHILD = """
import json, sys
import {module} as module
result = module.run({args})
print("RESULT " + json.dumps(result, default=str))
"""
TIMEOUT_S = 1800


@dataclass(frozen=True)
class Hook:
    group: str
    module: str
    what: str
    args: str = ""  # Python source of run()'s arguments; may use ``ctx``'s fields by name


HOOKS: tuple[Hook, ...] = (
    Hook("mechanism", "benchmarks.bench_mechanism", "animation frame paint time (1080p, 2160p)"),
    Hook("kiosk soak", "benchmarks.bench_kiosk_soak", "RSS and object growth over the rotations",
         "{kiosk_rotations}"),
    Hook("frozen build", "benchmarks.bench_frozen", "start-up and size of the frozen build"),
    Hook("usage counts", "benchmarks.bench_usage", "cost of one hourly count write"),
    Hook("quiet hours", "benchmarks.bench_quiet", "CPU and memory on the dark screen", "60.0"),
)


def _cell(group: str, name: str, value: Any) -> list[Row]:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [Row(group, name, float(value))]
    if isinstance(value, dict):
        return [row for key, item in value.items() for row in _cell(group, f"{name}: {key}", item)]
    return [Row(group, name, None, note=str(value)[:120])]


def rows_from_result(group: str, result: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    for item in result.get("rows", ()):
        rows.append(Row(group, str(item["name"]), item.get("value"), str(item.get("unit", "")),
                        item.get("baseline"), str(item.get("target", "")), item.get("met"),
                        str(item.get("note", ""))))
    for key, value in result.items():
        if key != "rows":
            rows.extend(_cell(group, key, value))
    return rows


def available(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _failed(hook: Hook, message: str) -> Row:
    return Row(hook.group, hook.what, None, met=False, note=f"failed: {message}"[:160])


def run_hook(hook: Hook, ctx: Context) -> tuple[list[Row], Any]:
    if not available(hook.module):
        return [Row(hook.group, hook.what, None,
                    note=f"not available: {hook.module.replace('.', '/')}.py is not in this checkout")], None
    code = CHILD.format(module=hook.module, args=hook.args.format(kiosk_rotations=ctx.kiosk_rotations))
    try:
        lines = run_probe(["-c", code], probe_env(ctx.gui_platform, ctx.display), timeout=TIMEOUT_S)
        payload = next(line for line in reversed(lines) if line.startswith("RESULT "))
        result = json.loads(payload.removeprefix("RESULT "))
    except (ProbeError, StopIteration, ValueError, OSError) as exc:
        message = str(exc).strip().splitlines()[-1] if str(exc).strip() else repr(exc)
        return [_failed(hook, message)], {"error": str(exc)}
    except Exception as exc:  # e.g. a timeout: one helper's failure must not hide the rest
        return [_failed(hook, repr(exc))], {"error": repr(exc)}
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
