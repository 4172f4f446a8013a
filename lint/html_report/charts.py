"""Inline SVG charts drawn here (no chart library, nothing fetched): horizontal bars for counts
by rule and by family, vertical bars for the histogram of findings per document."""

from __future__ import annotations

from dataclasses import dataclass

from lint.html_report.doctext import attribute

WIDTH = 560
ROW = 24
LABEL_WIDTH = 130
COUNT_WIDTH = 64


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    css_class: str  # colour: sev-error, fam-2, ...
    tooltip: str
    filter_name: str | None = None  # clicking the bar filters the findings table
    filter_value: str | None = None


def _filter_attributes(bar: Bar) -> str:
    if bar.filter_name is None or bar.filter_value is None:
        return ""
    return (
        f' data-filter="{attribute(bar.filter_name)}" data-value="{attribute(bar.filter_value)}"'
        ' tabindex="0" role="button"'
    )


def horizontal_bars(chart_id: str, caption: str, bars: list[Bar]) -> str:
    if not bars:
        return f'<p class="empty" id="{chart_id}">No findings.</p>'
    top = max(bar.count for bar in bars) or 1
    plot = WIDTH - LABEL_WIDTH - COUNT_WIDTH
    height = ROW * len(bars) + 8
    rows = []
    for index, bar in enumerate(bars):
        y = 4 + index * ROW
        width = max(2.0, plot * bar.count / top)
        rows.append(
            f'<g class="bar-row"{_filter_attributes(bar)}>'
            f"<title>{attribute(bar.tooltip)}</title>"
            f'<rect class="hit" x="0" y="{y}" width="{WIDTH}" height="{ROW}"></rect>'
            f'<text class="label" x="{LABEL_WIDTH - 8}" y="{y + ROW / 2}">'
            f"{attribute(_shorten(bar.label, 22))}</text>"
            f'<rect class="bar {bar.css_class}" x="{LABEL_WIDTH}" y="{y + 4}" '
            f'width="{width:.1f}" height="{ROW - 8}" rx="3"></rect>'
            f'<text class="count" x="{LABEL_WIDTH + width + 6:.1f}" y="{y + ROW / 2}">'
            f"{bar.count:,}</text></g>"
        )
    return (
        f'<svg class="chart" id="{chart_id}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{attribute(caption)}" preserveAspectRatio="xMinYMin meet">'
        f"<title>{attribute(caption)}</title>{''.join(rows)}</svg>"
    )


def vertical_bars(chart_id: str, caption: str, bars: list[Bar], axis_label: str) -> str:
    if not bars:
        return f'<p class="empty" id="{chart_id}">No documents.</p>'
    top = max(bar.count for bar in bars) or 1
    height, base, left = 260, 210, 8
    slot = (WIDTH - 2 * left) / len(bars)
    rows = []
    for index, bar in enumerate(bars):
        x = left + index * slot
        bar_height = 0.0 if bar.count == 0 else max(2.0, (base - 24) * bar.count / top)
        rows.append(
            f'<g class="bar-row"><title>{attribute(bar.tooltip)}</title>'
            f'<rect class="bar {bar.css_class}" x="{x + slot * 0.12:.1f}" '
            f'y="{base - bar_height:.1f}" width="{slot * 0.76:.1f}" height="{bar_height:.1f}" '
            f'rx="3"></rect>'
            f'<text class="count" x="{x + slot / 2:.1f}" y="{base - bar_height - 6:.1f}" '
            f'text-anchor="middle">{bar.count:,}</text>'
            f'<text class="tick" x="{x + slot / 2:.1f}" y="{base + 18}" text-anchor="middle">'
            f"{attribute(bar.label)}</text></g>"
        )
    return (
        f'<svg class="chart" id="{chart_id}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{attribute(caption)}" preserveAspectRatio="xMinYMin meet">'
        f"<title>{attribute(caption)}</title>"
        f'<line class="axis" x1="{left}" y1="{base}" x2="{WIDTH - left}" y2="{base}"></line>'
        f"{''.join(rows)}"
        f'<text class="axis-label" x="{WIDTH / 2}" y="{height - 8}" text-anchor="middle">'
        f"{attribute(axis_label)}</text></svg>"
    )


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
