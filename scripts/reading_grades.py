#!/usr/bin/env python3
"""Print the reading grade of every panel in every installed language.

    .venv/bin/python scripts/reading_grades.py            # table per panel and language
    .venv/bin/python scripts/reading_grades.py --units    # also every text block, hardest first

English: Flesch-Kincaid grade. Spanish: Fernández-Huerta ease turned into a grade-like
number (grade = 5 + (90 - ease) / 10; see ketdesk/content/readability.py). The test suite
fails any text block above grade 8. Needs textstat (pip install -e .[test]).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ketdesk.content import load_content  # noqa: E402
from ketdesk.content.readability import MAX_GRADE, group_grades, score_units  # noqa: E402
from ketdesk.content.registry import PANEL_IDS  # noqa: E402

GROUP_ORDER = (*PANEL_IDS, "meta", "ui")  # every declared panel, then the shared files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", action="store_true", help="list every scored text block")
    args = parser.parse_args(argv)
    content = ROOT / "resources" / "content"
    langs = sorted(p.name for p in content.iterdir() if (p / "meta.toml").is_file())
    packs = {}
    for lang in langs:
        result = load_content(content / lang)
        if result.pack is None:
            print(f"{lang}: pack does not load ({len(result.problems)} problems)", file=sys.stderr)
            return 1
        packs[lang] = result.pack
    grades = {lang: group_grades(pack, lang) for lang, pack in packs.items()}
    worst = {lang: {} for lang in langs}  # type: dict[str, dict[str, float]]
    scored = {lang: score_units(pack, lang) for lang, pack in packs.items()}
    for lang, units in scored.items():
        for s in units:
            worst[lang][s.unit.group] = max(worst[lang].get(s.unit.group, 0.0), s.grade)
    groups = [g for g in GROUP_ORDER if any(g in grades[lang] for lang in langs)]
    header = f"{'panel':<12}" + "".join(f"{lang + ' grade':>10}{lang + ' worst':>10}" for lang in langs)
    print(header)
    print("-" * len(header))
    for group in groups:
        row = f"{group:<12}"
        for lang in langs:
            g, w = grades[lang].get(group), worst[lang].get(group)
            row += f"{g:>10.1f}{w:>10.1f}" if g is not None and w is not None else f"{'-':>10}{'-':>10}"
        print(row)
    print(f"\ngrade: the panel's text read as one; worst: its hardest block (limit {MAX_GRADE:g}).")
    failing = [(lang, s) for lang, units in scored.items() for s in units if s.grade > MAX_GRADE]
    if args.units:
        for lang, units in scored.items():
            print(f"\n{lang}:")
            for s in sorted(units, key=lambda s: -s.grade):
                print(f"  {s.grade:5.1f}  {s.unit.path:<28} {s.unit.text[:70]}")
    for lang, s in failing:
        print(f"ABOVE {MAX_GRADE:g}: {lang} {s.unit.path} ({s.grade:.1f})", file=sys.stderr)
    return 1 if failing else 0


if __name__ == "__main__":
    raise SystemExit(main())
