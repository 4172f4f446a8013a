"""A document's text as escaped HTML lines, with each finding's span wrapped in a <mark>.

Offsets are Python character offsets, so the text is cut into segments here rather than in
the browser (whose strings count UTF-16 units). Control, format and invisible characters, lone
surrogates and bare carriage returns are shown as small labelled badges: they are what many
rules report, and a bidi override must not reorder the report around it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from lint.finding import Finding, Severity
from lint.reporters.visible import visible

_SPECIAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff\ue000-\uf8ff]"
)
_NAMES = {0x0D: "CR", 0x1B: "ESC", 0x00: "NUL", 0x7F: "DEL", 0xFEFF: "BOM", 0x00AD: "SHY"}


def attribute(text: str) -> str:
    """Any string, made safe for an HTML attribute value or text node (quotes escaped too)."""
    return html.escape(visible(text), quote=True)


def _badge(char: str) -> str:
    code = ord(char)
    label = _NAMES.get(code) or (f"\\x{code:02x}" if code <= 0xFF else f"U+{code:04X}")
    try:
        name = unicodedata.name(char)
    except ValueError:
        name = "lone surrogate" if 0xD800 <= code <= 0xDFFF else "control character"
    return f'<span class="cp" title="U+{code:04X} {html.escape(name)}">{html.escape(label)}</span>'


def escape_text(text: str) -> str:
    """Document text as HTML text: escaped, with invisible and control characters as badges."""
    pieces: list[str] = []
    last = 0
    for match in _SPECIAL.finditer(text):
        pieces.append(html.escape(text[last : match.start()], quote=False))
        pieces.append(_badge(match.group()))
        last = match.end()
    pieces.append(html.escape(text[last:], quote=False))
    return "".join(pieces)


@dataclass(frozen=True)
class Span:
    finding_id: int
    start: int
    end: int
    severity: Severity
    title: str  # "CODE message", plain text


def spans_for(findings: Sequence[tuple[int, Finding]], length: int) -> list[Span]:
    spans = []
    for finding_id, finding in findings:
        start = min(max(finding.offset, 0), length)
        end = min(max(finding.end_offset, start), length)
        spans.append(
            Span(finding_id, start, end, finding.severity, f"{finding.code} {finding.message}")
        )
    return spans


def _worst(spans: Sequence[Span]) -> Severity:
    return max((span.severity for span in spans), key=lambda severity: severity.rank)


def _mark(spans: Sequence[Span], inner: str, point: bool = False) -> str:
    ids = " ".join(str(span.finding_id) for span in spans)
    title = attribute("\n".join(span.title for span in spans))
    kind = "m pt" if point else "m"
    return (
        f'<mark class="{kind} sev-{_worst(spans).value}" data-f="{ids}" title="{title}" '
        f'tabindex="0">{inner}</mark>'
    )


def render_lines(text: str, spans: Sequence[Span]) -> str:
    """The text as `<div class="l">` lines (numbers in a data attribute, so copying the text
    does not copy them), findings marked. A span over a line break marks the break with ↵."""
    boundaries = {0, len(text)}
    points: dict[int, list[Span]] = {}
    starts: dict[int, list[Span]] = {}
    for span in spans:
        if span.start == span.end:
            points.setdefault(span.start, []).append(span)
        else:
            boundaries.update((span.start, span.end))
            starts.setdefault(span.start, []).append(span)
    for match in re.finditer("\n", text):
        boundaries.update((match.start(), match.end()))
    ordered = sorted(boundaries)

    out: list[str] = ['<div class="l"><span class="n" data-n="1"></span><span class="t">']
    line = 1
    active: list[Span] = []
    for position, following in zip(ordered, [*ordered[1:], None], strict=True):
        active = [span for span in active if span.end > position]
        for span in starts.get(position, ()):
            active.append(span)
        for span in [*points.get(position, ()), *starts.get(position, ())]:
            out.append(f'<span class="anchor" id="f-{span.finding_id}"></span>')
        if position in points:
            out.append(_mark(points[position], "", point=True))
        if following is None:
            break
        segment = text[position:following]
        if segment == "\n":
            if active:
                out.append(_mark(active, '<span class="eol">↵</span>'))
            line += 1
            out.append(f'</span></div>\n<div class="l"><span class="n" data-n="{line}"></span>')
            out.append('<span class="t">')
            continue
        if not active and segment.endswith("\r") and text.startswith("\n", following):
            segment = segment[:-1]  # an ordinary CRLF ending; shown only when a finding covers it
        inner = escape_text(segment)
        out.append(_mark(active, inner) if active else inner)
    if text.endswith("\n") and len(text) not in points:
        del out[-2:]  # the empty "line" after a final newline is not a line
    out.append("</span></div>")
    return "".join(out)
