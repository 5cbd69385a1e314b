"""Words around the timeline chart: a point's tooltip and the rows of its data table.

Both are assembled only from content (the point's words, the controls' patterns and the
source list), so a clinician can check every tooltip against the table and the sources.
"""

from __future__ import annotations

from collections.abc import Mapping

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.pack import ContentPack
from ketdesk.content.schema.timeline import TimelineContent, TimelinePoint, TimelineSeries


def citation(pack: ContentPack, source_id: str) -> str:
    """"Authors year, journal" for one source, in the content's own pattern."""
    source = pack.source(source_id)
    return fill(pack.content(TimelineContent).controls.citation, authors=source.authors,
                year=source.year, journal=source.journal)


def study_size(content: TimelineContent, point: TimelinePoint) -> str:
    controls = content.controls
    return fill(controls.study_size, n=point.n) if point.n else controls.no_study_size


def source_lines(pack: ContentPack, numbers: Mapping[str, int], point: TimelinePoint) -> list[str]:
    pattern = pack.content(TimelineContent).controls.tip_source
    return [fill(pattern, number=numbers.get(sid, "?"), citation=citation(pack, sid))
            for sid in point.all_sources]


def tip_lines(pack: ContentPack, numbers: Mapping[str, int], series: TimelineSeries,
              point: TimelinePoint) -> list[str]:
    """What a tooltip says, line by line: what and when, the number, comparison, size, sources."""
    controls = pack.content(TimelineContent).controls
    lines = [f"{series.label}, {point.when}", point.label]
    if point.comparison:
        lines.append(fill(controls.tip_comparison, comparison=point.comparison))
    lines.append(fill(controls.tip_study_size, size=study_size(pack.content(TimelineContent), point)))
    lines.extend(source_lines(pack, numbers, point))
    return lines


def tip_text(lines: list[str]) -> str:
    """Tooltip text: one line each, plain; ``connect_point_tips`` escapes it for Qt.

    Markup built here was escaped a second time and showed to patients as ``<p style=...``.
    """
    return "\n".join(lines)


def table_rows(pack: ContentPack, numbers: Mapping[str, int]) -> list[list[str]]:
    """One row per chart point: treatment, when, result, comparison, study size, sources."""
    content = pack.content(TimelineContent)
    controls = content.controls
    rows = []
    for series in content.series:
        for point in series.points:
            rows.append([
                series.label,
                point.when,
                point.label,
                point.comparison or controls.no_comparison,
                study_size(content, point),
                "; ".join(source_lines(pack, numbers, point)),
            ])
    return rows
