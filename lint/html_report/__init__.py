"""`seedlint report`: one self-contained HTML page a person reads (summary, charts, a
filterable table of findings, and documents with their findings highlighted)."""

from lint.html_report.model import DocKey, ReportLimits, TextSource
from lint.html_report.render import render_html_report, script_json
from lint.html_report.texts import load_texts

__all__ = [
    "DocKey",
    "ReportLimits",
    "TextSource",
    "load_texts",
    "render_html_report",
    "script_json",
]
