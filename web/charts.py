"""Year-over-year charts as inline SVG, drawn on the server (no script, no CDN).

`trend_svg` takes the library's `Trend` (`Index.trend`) and draws one line per figure over
the years; a missing year or a blank figure is a gap in the line, never a zero. Labels are
escaped: agency names and keys come from report text.
"""

from __future__ import annotations

from html import escape

from govsearch.search.trend import Trend

WIDTH, HEIGHT, PAD, LINE = 560, 220, 36, 16  # LINE: one legend line per figure, above the plot
COLOURS = ("#b22222", "#1f5fa8", "#2e7d32")


def trend_svg(trend: Trend) -> str | None:
    """An SVG of the trend's figures by year; None when fewer than two years have a value."""
    years = [row.year for row in trend.rows]
    if len(years) < 2:
        return None
    lo, hi = min(years), max(years)
    parts: list[str] = []
    legend: list[str] = []
    for n, field in enumerate(trend.fields[: len(COLOURS)]):
        # a missing year is a gap, as a blank figure is
        points = [(r.year, None if r.missing else r.values.get(field)) for r in trend.rows]
        values = [v for _, v in points if v is not None]
        if len(values) < 2:
            continue
        top = max(values) or 1
        colour = COLOURS[n]

        def x(year: int) -> float:
            return PAD + (year - lo) / (hi - lo) * (WIDTH - 2 * PAD)

        def y(value: float, top: float = top) -> float:
            return HEIGHT - PAD - value / top * (HEIGHT - 2 * PAD - LINE * len(COLOURS))

        runs: list[list[str]] = [[]]
        for year, value in points:
            if value is None:
                runs.append([])  # a blank figure breaks the line
            else:
                runs[-1].append(f"{x(year):.1f},{y(value):.1f}")
                parts.append(
                    f'<circle cx="{x(year):.1f}" cy="{y(value):.1f}" r="3" fill="{colour}">'
                    f"<title>{year}: {escape(str(value))}</title></circle>"
                )
        parts += [
            f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="2"/>'
            for run in runs
            if len(run) > 1
        ]
        legend.append(
            f'<text x="{PAD}" y="{LINE * (n + 1)}" fill="{colour}" font-size="12">'
            f"{escape(field)} (max {escape(str(max(values)))})</text>"
        )
    if not parts:
        return None
    axis = "".join(
        f'<text x="{PAD + (year - lo) / (hi - lo) * (WIDTH - 2 * PAD):.1f}" y="{HEIGHT - 12}" '
        f'font-size="11" text-anchor="middle">{year}</text>'
        for year in years
    )
    return (
        f'<svg class="trend" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(trend.agency or "")} 历年数据">'
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#999"/>'
        + "".join(legend)
        + "".join(parts)
        + axis
        + "</svg>"
    )
