"""The report page: summary, charts, the findings table and the document views.

Everything from the run (file names, record ids, messages, document text, rule docs) reaches
the page either escaped into HTML here or as JSON that the script reads with JSON.parse and
shows with textContent. A Content-Security-Policy with a per-report nonce stops any script
that is not the report's own, as a second line of defence.
"""

from __future__ import annotations

import json
import secrets
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from lint import __version__
from lint.finding import Finding, Severity
from lint.html_report.assets import SCRIPT, STYLE
from lint.html_report.charts import Bar, horizontal_bars, vertical_bars
from lint.html_report.doctext import attribute, render_lines, spans_for
from lint.html_report.model import (
    DocKey,
    ReportLimits,
    Summary,
    TextSource,
    document_key,
    documents_to_show,
    family_of,
    histogram_bins,
    summarise,
)
from lint.rule import Rule
from lint.runner import RunResult

FIELDS = (
    "id", "code", "name", "family", "severity", "file", "record", "row", "col", "message", "fix",
    "doc",
)  # fmt: skip
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_SEVERITY_PLURAL = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}
FAMILY_COLOURS = 8


def script_json(value: Any) -> str:
    """JSON that is safe inside <script type="application/json">: pure ASCII (so U+2028/9 and
    lone surrogates are \\u escapes), with <, > and & escaped so no `</script>` or `<!--` can
    appear."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _record_label(finding: Finding) -> str:
    if finding.record is None:
        return ""
    label = f"#{finding.record.index}"
    if finding.record.id is not None:
        label += f" [id={finding.record.id}]"
    return label


def _document_label(key: DocKey, record_id: str | None) -> str:
    filename, index = key
    if index is None:
        return filename
    return f"{filename} #{index}" + (f" [id={record_id}]" if record_id is not None else "")


def _plain(text: str) -> str:
    return attribute(text)


def _number(value: int) -> str:
    return f"{value:,}"


def _cut(text: str, limit: int) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    newline = text.rfind("\n", max(0, limit - 2_000), limit)
    return text[: newline + 1 if newline >= 0 else limit], True


class _Page:
    def __init__(
        self,
        result: RunResult,
        rules: Mapping[str, type[Rule]],
        texts: TextSource,
        title: str,
        limits: ReportLimits,
        generated_at: datetime,
    ):
        self.result = result
        self.rules = rules
        self.title = title
        self.limits = limits
        self.generated_at = generated_at
        self.summary: Summary = summarise(result, rules)
        self.families = sorted(self.summary.by_family)
        self.by_document: dict[DocKey, list[tuple[int, Finding]]] = defaultdict(list)
        for finding_id, finding in enumerate(result.findings):
            self.by_document[document_key(finding)].append((finding_id, finding))
        self.shown = self._select_texts(texts)
        self.doc_numbers = {key: number for number, key in enumerate(self.shown)}

    # -- which texts are embedded ----------------------------------------------------------
    def _select_texts(self, texts: TextSource) -> dict[DocKey, str]:
        wanted = documents_to_show(self.summary, self.limits)
        loaded = texts(wanted) if callable(texts) else texts
        budget = self.limits.max_total_chars
        chosen: dict[DocKey, str] = {}
        for key in wanted:
            text = loaded.get(key)
            if text is None or budget <= 0:
                continue
            chosen[key] = text
            budget -= min(len(text), self.limits.max_document_chars)
        return dict(sorted(chosen.items(), key=lambda item: (item[0][0], item[0][1] or -1)))

    def family_class(self, family: str) -> str:
        return f"fam-{self.families.index(family) % FAMILY_COLOURS}"

    def record_id(self, key: DocKey) -> str | None:
        return self.summary.record_ids.get(key)

    def document_link(self, key: DocKey) -> str:
        label = _plain(_document_label(key, self.record_id(key)))
        number = self.doc_numbers.get(key)
        if number is None:
            return f'<span class="iso code">{label}</span>'
        return f'<a class="iso code" href="#doc-{number}">{label}</a>'

    # -- sections --------------------------------------------------------------------------
    def header(self) -> str:
        generated = self.generated_at.strftime("%Y-%m-%d %H:%M UTC")
        return (
            '<header class="top"><div class="wrap">'
            f'<h1><span class="brand">seedlint</span>{_plain(self.title)}</h1>'
            f'<p class="meta">seedlint {_plain(__version__)} · generated {generated}</p>'
            '<nav><a href="#summary">Summary</a><a href="#charts">Charts</a>'
            '<a href="#rules">Rules</a><a href="#findings">Findings</a>'
            '<a href="#documents">Documents</a></nav>'
            "</div></header>"
        )

    def banners(self) -> str:
        notes = []
        if self.summary.interrupted:
            notes.append(
                "The run was interrupted: this report covers only the part of the input checked "
                "before it stopped."
            )
        if self.summary.rule_errors:
            notes.append(
                f"{_number(self.summary.rule_errors)} rule error(s): some documents were not "
                "fully checked (see SL002 findings)."
            )
        return "".join(f'<div class="banner" role="status">{note}</div>' for note in notes)

    def cards(self) -> str:
        s = self.summary
        cards = [
            ("documents", s.documents, "documents checked", ""),
            ("files", s.files, "files checked", ""),
            ("findings", s.findings, "findings", ""),
            ("documents-with-findings", s.documents_with_findings, "documents with findings", ""),
            ("fixable", s.fixable, "fixable findings", ""),
        ]
        if s.records:
            cards.insert(2, ("records", s.records, "records checked", ""))
        if s.files_skipped:
            cards.append(("skipped", s.files_skipped, "files skipped", "warning"))
        if s.rule_errors:
            cards.append(("rule-errors", s.rule_errors, "rule errors", "error"))
        html = "".join(
            f'<div class="card {css}" data-stat="{key}" data-value="{value}">'
            f'<span class="num">{_number(value)}</span><span class="lbl">{label}</span></div>'
            for key, value, label, css in cards
        )
        severities = "".join(
            f'<span class="pill sev-{severity.value}" data-severity="{severity.value}" '
            f'data-value="{s.by_severity.get(severity.value, 0)}">'
            f"{_number(s.by_severity.get(severity.value, 0))} {_SEVERITY_PLURAL[severity]}</span>"
            for severity in SEVERITIES
        )
        return f'<div class="cards">{html}</div><div class="sevbar">{severities}</div>'

    def family_table(self) -> str:
        s = self.summary
        codes_by_family: dict[str, set[str]] = defaultdict(set)
        for code in s.by_rule:
            codes_by_family[family_of(code, self.rules)].add(code)
        rows = "".join(
            f'<tr data-family="{_plain(family)}"><td>{_plain(family)}</td>'
            f'<td class="num">{len(codes_by_family[family])}</td>'
            f'<td class="num">{_number(count)}</td>'
            f'<td class="num">{100 * count / max(s.findings, 1):.1f}%</td></tr>'
            for family, count in s.by_family.most_common()
        )
        return (
            '<div class="panel"><h3>Findings by family</h3><table id="family-table"><thead><tr>'
            '<th>Family</th><th class="num">Rules</th><th class="num">Findings</th>'
            f'<th class="num">Share</th></tr></thead><tbody>{rows}</tbody></table></div>'
        )

    def worst_table(self) -> str:
        worst = self.summary.worst_documents(10)
        rows = "".join(
            f"<tr><td>{self.document_link(key)}</td><td class='num'>{_number(count)}</td></tr>"
            for key, count in worst
        )
        if not rows:
            rows = '<tr><td colspan="2" class="muted">No document has findings.</td></tr>'
        return (
            '<div class="panel"><h3>Documents with the most findings</h3>'
            '<table id="worst-table"><thead><tr><th>Document</th><th class="num">Findings</th>'
            f"</tr></thead><tbody>{rows}</tbody></table></div>"
        )

    def rule_table(self) -> str:
        s = self.summary
        fixable: dict[str, int] = defaultdict(int)
        names: dict[str, str] = {}
        worst: dict[str, Severity] = {}
        for finding in self.result.findings:
            fixable[finding.code] += finding.fix is not None
            names.setdefault(finding.code, finding.name)
            if finding.code not in worst or finding.severity.rank > worst[finding.code].rank:
                worst[finding.code] = finding.severity
        rows = []
        for code, count in sorted(s.by_rule.items(), key=lambda item: (-item[1], item[0])):
            rule = self.rules.get(code)
            summary, details = "", ""
            if rule is not None:
                doc = rule.documentation()
                summary = doc.summary
                body = "\n\n".join(
                    f"{heading}\n{text}"
                    for heading, text in (
                        ("What it does", doc.what),
                        ("Why is this bad?", doc.why),
                        ("Example", doc.example),
                        ("Fix safety", doc.fix_safety),
                    )
                    if text
                )
                if body:
                    details = (
                        f'<details class="ruledoc"><summary>{_plain(summary)}</summary>'
                        f'<div class="body">{_plain_block(body)}</div></details>'
                    )
            severity = worst[code].value
            rows.append(
                f'<tr data-code="{_plain(code)}"><td class="code">'
                f'<a href="#findings" data-filter="code" data-value="{_plain(code)}">'
                f"{_plain(code)}</a></td><td>{_plain(names[code])}</td>"
                f"<td>{_plain(family_of(code, self.rules))}</td>"
                f'<td><span class="pill sev-{severity}">{severity}</span></td>'
                f'<td class="num">{_number(count)}</td>'
                f'<td class="num">{_number(fixable[code])}</td>'
                f"<td>{details or _plain(summary)}</td></tr>"
            )
        return (
            '<div class="table-scroll">'
            '<table id="rule-table"><thead><tr><th>Code</th><th>Rule</th><th>Family</th>'
            '<th>Severity</th><th class="num">Findings</th><th class="num">Fixable</th>'
            f"<th>What it finds</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )

    def charts(self) -> str:
        s = self.summary
        rule_bars = []
        severity_of: dict[str, Severity] = {}
        names: dict[str, str] = {}
        for finding in self.result.findings:
            names.setdefault(finding.code, finding.name)
            known = severity_of.get(finding.code)
            if known is None or finding.severity.rank > known.rank:
                severity_of[finding.code] = finding.severity
        for code, count in sorted(s.by_rule.items(), key=lambda item: (-item[1], item[0])):
            rule_bars.append(
                Bar(
                    code,
                    count,
                    f"sev-{severity_of[code].value}",
                    f"{code} {names[code]}: {count:,} findings",
                    "code",
                    code,
                )
            )
        family_bars = [
            Bar(
                family,
                count,
                self.family_class(family),
                f"{family}: {count:,} findings",
                "family",
                family,
            )
            for family, count in sorted(s.by_family.items(), key=lambda item: (-item[1], item[0]))
        ]
        counts = list(s.per_document.values())
        zero = max(0, s.documents - len(counts))
        bins = histogram_bins(max(counts, default=0))
        histogram = []
        for low, high in bins:
            number = zero if low == 0 else sum(1 for c in counts if low <= c <= high)
            label = str(low) if low == high else f"{low}–{high}"
            noun = "finding" if high == 1 else "findings"
            histogram.append(
                Bar(
                    label,
                    number,
                    "hist-zero" if low == 0 else "hist",
                    f"{number:,} documents with {label} {noun}",
                )
            )
        legend = "Click a bar to filter the findings table."
        return (
            '<section id="charts"><h2>Charts</h2><div class="charts">'
            '<div class="panel chart-rules"><h3>Findings per rule</h3>'
            f"{horizontal_bars('chart-rules', 'Findings per rule', rule_bars)}"
            f'<p class="chart-note">{legend} Colour: the most severe finding.</p></div>'
            '<div class="panel"><h3>Findings per family</h3>'
            f"{horizontal_bars('chart-families', 'Findings per family', family_bars)}"
            f'<p class="chart-note">{legend}</p></div>'
            '<div class="panel"><h3>Findings per document</h3>'
            f"{vertical_bars('chart-histogram', 'Documents by number of findings', histogram, 'findings in a document')}"  # noqa: E501
            '<p class="chart-note">How many documents have 0, 1, 2, 3–4, … findings.</p></div>'
            "</div></section>"
        )

    def findings_table(self, included: int) -> str:
        total = self.summary.findings
        note = ""
        if included < total:
            note = (
                f'<p class="note" id="findings-cap">The table holds {_number(included)} of '
                f"{_number(total)} findings (the first in file order, and every finding of the "
                "documents shown below); the summary and charts count them all.</p>"
            )
        headers = [
            ("severity", "Severity", ""),
            ("code", "Rule", ""),
            ("family", "Family", "col-family"),
            ("document", "Document", ""),
            ("line", "Line:col", "num"),
            ("message", "Message", ""),
            (None, "Fix", "col-fix"),
        ]
        cells = "".join(
            f'<th class="{css}" data-sort="{key}" aria-sort="none"><button type="button">'
            f"{label}</button></th>"
            if key
            else f'<th class="{css}">{label}</th>'
            for key, label, css in headers
        )
        return (
            '<section id="findings"><h2>Findings</h2>'
            '<div class="filters" id="filters" role="search">'
            '<label>Rule<select id="filter-code"><option value="">All rules</option></select>'
            "</label>"
            '<label>Family<select id="filter-family"><option value="">All families</option>'
            "</select></label>"
            '<label>Severity<select id="filter-severity"><option value="">All severities'
            "</option></select></label>"
            '<label>File<select id="filter-file"><option value="">All files</option></select>'
            "</label>"
            '<label>Search<input type="search" id="filter-text" '
            'placeholder="message, file, code…" autocomplete="off"></label>'
            '<button type="button" id="filter-clear">Clear</button></div>'
            f"{note}"
            '<div class="table-scroll"><table id="findings-table"><thead><tr>'
            f"{cells}</tr></thead><tbody></tbody></table></div>"
            '<p class="count-line" id="findings-count" aria-live="polite"></p>'
            '<p><button type="button" id="show-more" hidden>Show more</button></p></section>'
        )

    def documents(self) -> str:
        s = self.summary
        if not self.shown:
            missing = (
                "No document has findings."
                if not s.per_document
                else "The texts of the documents with findings were not available."
            )
            return (
                f'<section id="documents"><h2>Documents</h2><p class="note">{missing}</p></section>'
            )
        options = "".join(
            f'<option value="{number}">{_plain(_document_label(key, self.record_id(key)))} '
            f"({_number(s.per_document[key])})</option>"
            for key, number in self.doc_numbers.items()
        )
        omitted = s.documents_with_findings - len(self.shown)
        note = ""
        if omitted > 0:
            note = (
                f'<p class="note">Texts are shown for the {_number(len(self.shown))} documents '
                f"with the most findings; {_number(omitted)} more have findings listed in the "
                "table only.</p>"
            )
        sections = "".join(
            self.document_view(key, text, self.doc_numbers[key]) for key, text in self.shown.items()
        )
        return (
            '<section id="documents"><h2>Documents</h2>'
            '<div class="filters"><label>Document<select id="doc-picker">'
            f"{options}</select></label></div>{note}"
            '<p class="note">Highlighted spans are findings: hover for the rule and message, '
            "click for details.</p>"
            f"{sections}</section>"
        )

    def document_view(self, key: DocKey, text: str, number: int) -> str:
        limit = self.limits.max_document_chars
        shown, cut = _cut(text, limit)
        findings = self.by_document.get(key, [])

        def inside(finding: Finding) -> bool:
            return not cut or finding.offset < len(shown)

        spans = spans_for([(i, f) for i, f in findings if inside(f)], len(shown))
        counts = defaultdict(int)
        for _, finding in findings:
            counts[finding.severity.value] += 1
        pills = " ".join(
            f'<span class="pill sev-{sev.value}">{counts[sev.value]} {_SEVERITY_PLURAL[sev]}</span>'
            for sev in SEVERITIES
            if counts[sev.value]
        )
        items = []
        for finding_id, finding in findings:
            where = f"{finding.location.row}:{finding.location.column}"
            body = (
                f'<span class="pill sev-{finding.severity.value}">{finding.severity.value}</span> '
                f'<b class="code">{_plain(finding.code)}</b> <span class="muted">{where}</span> '
                f'<span class="iso">{_plain(finding.message)}</span>'
            )
            if inside(finding):
                items.append(f'<li><a href="#f-{finding_id}">{body}</a></li>')
            else:
                items.append(f'<li>{body} <span class="muted">(after the shown text)</span></li>')
        note = ""
        if cut:
            note = (
                f'<p class="note">The text is cut after {_number(len(shown))} characters; '
                "findings after that point are listed but not highlighted.</p>"
            )
        return (
            f'<section class="doc panel" id="doc-{number}" hidden>'
            f'<div class="doc-head"><h3 class="iso">'
            f"{_plain(_document_label(key, self.record_id(key)))}</h3>{pills}</div>"
            f'<ul class="doc-findings">{"".join(items)}</ul>{note}'
            f'<div class="doc-text">{render_lines(shown, spans)}</div></section>'
        )

    # -- data for the script ---------------------------------------------------------------
    def table_rows(self) -> list[list[Any]]:
        shown_keys = set(self.doc_numbers)
        rows = []
        for finding_id, finding in enumerate(self.result.findings):
            key = document_key(finding)
            if finding_id >= self.limits.max_findings and key not in shown_keys:
                continue
            rows.append(
                [
                    finding_id,
                    finding.code,
                    finding.name,
                    family_of(finding.code, self.rules),
                    finding.severity.value,
                    finding.filename,
                    _record_label(finding),
                    finding.location.row,
                    finding.location.column,
                    finding.message,
                    finding.fix.applicability if finding.fix is not None else "",
                    self.doc_numbers.get(key, -1),
                ]
            )
        return rows

    def data(self, rows: list[list[Any]]) -> dict[str, Any]:
        from lint.reporters.visible import visible

        def clean(value: Any) -> Any:
            return visible(value) if isinstance(value, str) else value

        rows = [[clean(value) for value in row] for row in rows]
        names = {row[1]: row[2] for row in rows}
        return {
            "fields": list(FIELDS),
            "findings": rows,
            "codes": [[code, f"{code} {names[code]}"] for code in sorted(names)],
            "families": sorted({row[3] for row in rows}),
            "files": sorted({row[5] for row in rows}),
        }

    def render(self) -> str:
        nonce = secrets.token_urlsafe(18)
        rows = self.table_rows()
        policy = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            "img-src data:; base-uri 'none'; form-action 'none'"
        )
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
            '<meta name="referrer" content="no-referrer">'
            f"<title>{_plain(self.title)} · seedlint</title>"
            f'<style nonce="{nonce}">{STYLE}</style></head><body>'
            f"{self.header()}"
            f'<main class="wrap">{self.banners()}'
            f'<section id="summary"><h2>Summary</h2>{self.cards()}</section>'
            f"{self.charts()}"
            f'<div class="grid2">{self.family_table()}{self.worst_table()}</div>'
            f'<section id="rules"><h2>Rules</h2>{self.rule_table()}</section>'
            f"{self.findings_table(len(rows))}{self.documents()}</main>"
            '<div id="pop" hidden role="dialog" aria-label="Findings at this place"></div>'
            "<footer>Generated by seedlint. This file is self-contained: it loads nothing from "
            "the network.</footer>"
            f'<script type="application/json" id="seedlint-data">{script_json(self.data(rows))}'
            f'</script><script nonce="{nonce}">{SCRIPT}</script></body></html>\n'
        )


def _plain_block(text: str) -> str:
    return "\n".join(attribute(line) for line in text.splitlines())


def render_html_report(
    result: RunResult,
    rules: Mapping[str, type[Rule]],
    texts: TextSource | None = None,
    title: str = "Corpus report",
    *,
    limits: ReportLimits | None = None,
    generated_at: datetime | None = None,
) -> str:
    """One self-contained HTML page for a finished run.

    `texts` gives the documents' texts by (file name, record index), either as a mapping or
    as a function called once with the keys of the documents the report will show (the worst
    first, at most `limits.max_documents`); see `lint.html_report.texts.load_texts`.
    """
    return _Page(
        result,
        rules,
        texts if texts is not None else {},
        title,
        limits or ReportLimits(),
        generated_at or datetime.now(UTC),
    ).render()
