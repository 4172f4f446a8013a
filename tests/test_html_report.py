"""The HTML report, rendered and driven in real headless Chromium.

A small Chrome DevTools Protocol client (over one websocket, no network) loads the report from
a file:// URL, reads the page, clicks and filters like a person would, and checks that hostile
documents and file names stay text.
"""

from __future__ import annotations

import base64
import html
import itertools
import json
import os
import re
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from lint.finding import Finding, Location, Severity
from lint.html_report import ReportLimits, load_texts, render_html_report, script_json
from lint.html_report.doctext import escape_text, render_lines, spans_for
from lint.html_report.model import histogram_bins, summarise
from lint.registry import rule_classes
from lint.runner import RunOptions, RunResult, run

REPO = Path(__file__).resolve().parent.parent
PWNED = "__seedlint_pwned"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


# -- a minimal DevTools Protocol client ------------------------------------------------------


def find_chromium() -> str | None:
    explicit = os.environ.get("SEEDLINT_CHROMIUM")
    if explicit:
        return explicit
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


class BrowserError(Exception):
    pass


class Chromium:
    """One headless Chromium with one page, driven through the DevTools Protocol."""

    def __init__(self, executable: str, profile: Path):
        import websocket

        self.process = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--mute-audio",
                "--remote-debugging-port=0",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.process.kill()
                raise BrowserError("Chromium did not start (no DevToolsActivePort)")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        self.socket = websocket.create_connection(
            f"ws://127.0.0.1:{port}{path}", timeout=60, suppress_origin=True
        )
        self.ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        message_id = next(self.ids)
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if self.session is not None:
            message["sessionId"] = self.session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.recv())
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._event(reply)

    def _event(self, event: dict[str, Any]) -> None:
        self.events.append(event)
        if event.get("method") == "Page.javascriptDialogOpening":
            # an alert() must never open; if one does, record it and dismiss it so the page
            # does not block, and the assertions below fail on the recorded event
            self.socket.send(
                json.dumps(
                    {
                        "id": next(self.ids),
                        "method": "Page.handleJavaScriptDialog",
                        "params": {"accept": False},
                        "sessionId": self.session,
                    }
                )
            )

    def wait_for_event(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        seen = len(self.events)
        while time.monotonic() < deadline:
            for event in self.events[seen:]:
                if event.get("method") == method:
                    return event
            seen = len(self.events)
            self.socket.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                self._event(json.loads(self.socket.recv()))
            except Exception:  # websocket timeout: checked by the loop
                continue
            finally:
                self.socket.settimeout(60)
        raise BrowserError(f"no {method} within {timeout}s")

    def events_named(self, method: str) -> list[dict[str, Any]]:
        return [event for event in self.events if event.get("method") == method]

    def evaluate(self, expression: str) -> Any:
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def navigate(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_for_event("Page.loadEventFired")

    def wait_until(self, expression: str, timeout: float = 10) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise BrowserError(f"still false after {timeout}s: {expression}")

    def set_viewport(self, width: int, height: int) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def click(self, selector: str) -> None:
        """A real mouse click at the centre of the first element matching `selector`."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect();"
            " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()"
        )
        if box is None:
            raise BrowserError(f"nothing matches {selector}")
        for kind in ("mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": box["x"], "y": box["y"], "button": "left", "clickCount": 1},
            )

    def screenshot(self, path: Path, height: int | None = None) -> None:
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": height is not None}
        if height is not None:
            width = self.evaluate("document.documentElement.clientWidth")
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", params)["data"]))

    def close(self) -> None:
        try:
            self.session = None
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.socket.close()
        finally:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    executable = find_chromium()
    if executable is None:
        pytest.skip(
            "Chromium not found (install Debian's `chromium` package, or set SEEDLINT_CHROMIUM)"
        )
    chromium = Chromium(executable, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chromium
    finally:
        chromium.close()


# -- a small corpus with findings of several rules, and hostile documents -----------------------

HOSTILE_NAME = b"<img src=x onerror=window.__seedlint_pwned=6>minutes-caf\xe9.txt"
HOSTILE_MARKDOWN = (
    "# Ferry timetable changes\n"
    "\n"
    "<script>window.__seedlint_pwned = 1</script>\n"
    "The spring timetable adds two evening crossings.\n"
    '<img src=x onerror="window.__seedlint_pwned = 2">\n'
    "[Timetable](javascript:window.__seedlint_pwned=3) for the island route.\n"
    "</script><script>window.__seedlint_pwned = 4</script>\n"
    '<svg onload="window.__seedlint_pwned = 5"></svg>\n'
    "A separator\u2028inside a line, an override \u202eevil\u202c and an escape \x1b[31mred.\n"
)
HARBOUR = (
    "Harbour festival returns\n"
    "\n"
    "The harbour festival returns next weekend with boat races and a fish market.   \n"
    "Organisers said the caf\u00c3\u00a9 tent would open at nine &amp; close at six.\n"
    "Tickets are sold at the gate"
)
FEED = [
    {
        "id": "</script><script>window.__seedlint_pwned=7</script>",
        "text": "The council met yesterday to discuss the <b>bridge</b> repairs.\n",
    },
    {"id": "clean-2", "text": "Published 3 March 2024.\n\nThe library opens a new reading room.\n"},
    {
        "id": "link-3",
        "text": '<a href="javascript:window.__seedlint_pwned=8">Read more</a> about the '
        "new\u2028bus lanes  \n",
    },
]


def write_corpus(root: Path) -> None:
    (root / "news").mkdir()
    (root / "news" / "harbour.txt").write_text(HARBOUR, encoding="utf-8", newline="")
    (root / "news" / "ferry.md").write_text(HOSTILE_MARKDOWN, encoding="utf-8", newline="")
    (root / "news").joinpath(os.fsdecode(HOSTILE_NAME)).write_bytes(
        b"Notes from the harbour committee.   \r\nThe minutes follow next week.\n"
    )
    with (root / "feed.jsonl").open("w", encoding="utf-8") as out:
        for record in FEED:
            out.write(json.dumps(record) + "\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunResult, RunOptions]:
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(root)
    options = RunOptions(paths=[root], cwd=root, jobs=1)
    result = run(options)
    return root, result, options


@pytest.fixture(scope="module")
def report_file(corpus: tuple[Path, RunResult, RunOptions]) -> Path:
    root, result, options = corpus
    page = render_html_report(
        result,
        rule_classes(),
        lambda keys: load_texts(keys, options, 100_000),
        "Harbour <b>news</b> & feed",
    )
    path = root / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


def _findings_of(result: RunResult, filename: str, index: int | None = None) -> list[Finding]:
    return [
        f
        for f in result.findings
        if f.filename == filename and (f.record.index if f.record else None) == index
    ]


def test_the_corpus_has_findings_of_several_rules_in_the_hostile_documents(corpus) -> None:
    _, result, _ = corpus
    assert len({f.code for f in result.findings}) >= 4
    assert len({f.filename for f in result.findings}) >= 4
    assert _findings_of(result, "news/ferry.md"), "the hostile document must have findings"
    assert _findings_of(result, "news/" + os.fsdecode(HOSTILE_NAME))


# -- pure rendering: escaping, segments, limits -------------------------------------------------


def test_script_json_cannot_close_its_script_element_and_round_trips() -> None:
    value = {"t": "</script><!-- <script> & \u2028\u2029 \udc80 \x00"}
    text = script_json(value)
    assert text.isascii()
    for forbidden in ("<", ">", "&", "\u2028", "\u2029"):
        assert forbidden not in text
    assert json.loads(text) == value


def test_escape_text_shows_controls_and_invisibles_as_labelled_badges() -> None:
    rendered = escape_text("a<b>&\x1b[31m\u200b\u202e\udc80\x00\tz")
    assert "<b>" not in rendered and "&lt;b&gt;&amp;" in rendered
    assert ">ESC</span>" in rendered
    assert ">U+200B</span>" in rendered and ">U+202E</span>" in rendered
    assert ">U+DC80</span>" in rendered and ">NUL</span>" in rendered
    assert "\t" in rendered  # tabs stay whitespace
    assert "\x1b" not in rendered and "\u202e" not in rendered and "\udc80" not in rendered


def _finding(code: str, start: int, end: int, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(
        code=code,
        name=code.lower(),
        message=f"{code} <msg>",
        severity=severity,
        filename="doc.txt",
        location=Location(row=1, column=start + 1),
        end_location=Location(row=1, column=end + 1),
        offset=start,
        end_offset=end,
    )


def _marked_text(rendered: str, finding_id: int) -> str:
    pieces = re.findall(
        rf'<mark class="m[^"]*" data-f="(?:\d+ )*{finding_id}(?: \d+)*"[^>]*>(.*?)</mark>', rendered
    )
    return html.unescape("".join(re.sub(r"<[^>]+>", "", piece) for piece in pieces))


def test_render_lines_marks_overlapping_spans_across_lines_and_points() -> None:
    text = "Line one has words.\r\nSecond line\nthird"
    findings = [
        (0, _finding("AA001", 5, 8)),  # "one"
        (1, _finding("BB001", 9, 25, Severity.ERROR)),  # "has words.\r\nSeco": crosses a line
        (2, _finding("CC001", len(text), len(text), Severity.INFO)),  # a point at the end
    ]
    rendered = render_lines(text, spans_for(findings, len(text)))
    assert rendered.count('<div class="l">') == 3
    assert _marked_text(rendered, 0) == "one"
    assert _marked_text(rendered, 1) == "has words.CR↵Seco"
    assert 'class="m pt sev-info" data-f="2"' in rendered
    assert 'id="f-0"' in rendered and 'id="f-1"' in rendered and 'id="f-2"' in rendered
    assert 'title="BB001 BB001 &lt;msg&gt;"' in rendered
    assert "CR" not in render_lines("plain\r\nlines\r\n", [])  # unmarked CRLF is not noise


def test_histogram_bins_double_in_width() -> None:
    assert histogram_bins(0) == [(0, 0), (1, 1), (2, 2)]
    assert histogram_bins(20) == [(0, 0), (1, 1), (2, 2), (3, 4), (5, 8), (9, 16), (17, 32)]


def test_summary_counts_text_documents_and_records(corpus) -> None:
    _, result, _ = corpus
    summary = summarise(result, rule_classes())
    assert summary.files == 4
    assert summary.records == len(FEED)
    assert summary.documents == 3 + len(FEED)
    assert summary.findings == len(result.findings)
    assert sum(summary.by_rule.values()) == len(result.findings)


def test_load_texts_reads_files_and_records_again(corpus) -> None:
    _, _, options = corpus
    keys = [("news/harbour.txt", None), ("feed.jsonl", 2), ("feed.jsonl", 0), ("gone.txt", None)]
    texts = load_texts(keys, options)
    assert texts[("news/harbour.txt", None)] == HARBOUR
    assert texts[("feed.jsonl", 0)] == FEED[0]["text"]
    assert texts[("feed.jsonl", 2)] == FEED[2]["text"]
    assert ("gone.txt", None) not in texts
    assert load_texts([("news/harbour.txt", None)], options, max_chars=9) == {
        ("news/harbour.txt", None): HARBOUR[:10]
    }


def test_load_texts_uses_the_configured_text_field(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.seedlint]\ntext-field = "body"\n')
    (tmp_path / "items.jsonl").write_text(json.dumps({"body": "The body text.", "text": "no"}))
    options = RunOptions(paths=[tmp_path], cwd=tmp_path, jobs=1)
    assert load_texts([("items.jsonl", 0)], options) == {("items.jsonl", 0): "The body text."}


def test_limits_bound_the_documents_text_and_table(corpus) -> None:
    _, result, options = corpus
    loaded = load_texts(
        [(f.filename, f.record.index if f.record else None) for f in result.findings], options
    )
    limits = ReportLimits(max_findings=2, max_documents=1, max_document_chars=30)
    page = render_html_report(result, rule_classes(), loaded, "bounded", limits=limits)
    assert page.count('<section class="doc panel"') == 1
    assert "The text is cut after" in page
    assert "The table holds" in page and f"of {len(result.findings)} findings" in page
    data = json.loads(re.search(r'id="seedlint-data">(.*?)</script>', page).group(1))
    shown = next(number for number in {row[-1] for row in data["findings"]} if number >= 0)
    assert shown == 0
    first_two = {row[0] for row in data["findings"][:2]}
    assert first_two == {0, 1}


def test_a_report_without_texts_or_findings_still_renders() -> None:
    page = render_html_report(RunResult(), rule_classes(), {}, "empty")
    assert "No findings." in page and "No document has findings." in page
    page.encode("utf-8")


def test_lone_surrogates_in_text_and_names_are_written_as_valid_utf8(corpus) -> None:
    _, result, _ = corpus
    key = ("news/" + os.fsdecode(HOSTILE_NAME), None)
    page = render_html_report(result, rule_classes(), {key: "odd \udcff byte\n"}, "t")
    encoded = page.encode("utf-8")  # raises on a lone surrogate
    assert b"\\udce9" in encoded  # the undecodable byte of the file name, shown as an escape
    assert b">U+DCFF</span>" in encoded


# -- the command ----------------------------------------------------------------------------------


def test_report_command_writes_a_page_and_exits_zero(tmp_path: Path, monkeypatch) -> None:
    from lint.cli_report import report_command

    write_corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out" / "report.html"
    out.parent.mkdir()
    outcome = CliRunner().invoke(
        report_command, ["news", "feed.jsonl", "-o", str(out), "--no-cache", "-j", "1"]
    )
    assert outcome.exit_code == 0, outcome.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "news feed.jsonl" in page
    assert "Wrote" in outcome.output
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert not [p for p in out.parent.iterdir() if p.name != "report.html"]  # no temp left


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_report_command_honours_select_and_fails_clearly_on_a_missing_path(
    tmp_path: Path, monkeypatch
) -> None:
    from lint.cli_report import report_command

    write_corpus(tmp_path)
    monkeypatch.chdir(tmp_path)
    outcome = CliRunner().invoke(
        report_command, ["news", "-o", "r.html", "--select", "WS", "--no-cache", "-q"]
    )
    assert outcome.exit_code == 0, outcome.output
    data = json.loads(
        re.search(r'id="seedlint-data">(.*?)</script>', Path("r.html").read_text()).group(1)
    )
    assert data["findings"] and {row[1][:2] for row in data["findings"]} == {"WS"}
    missing = CliRunner().invoke(report_command, ["nowhere", "-o", "x.html"])
    assert missing.exit_code == 2 and "no such file" in missing.output
    assert not Path("x.html").exists()


# -- in the browser ----------------------------------------------------------------------------


@pytest.fixture
def page(browser: Chromium, report_file: Path) -> Chromium:
    browser.set_viewport(1280, 900)
    browser.navigate(report_file.as_uri())
    browser.wait_until("document.documentElement.dataset.ready === '1'")
    return browser


def test_summary_cards_show_the_run_counts(page: Chromium, corpus) -> None:
    _, result, _ = corpus
    summary = summarise(result, rule_classes())
    cards = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('.card')]"
        ".map(c => [c.dataset.stat, Number(c.dataset.value)]))"
    )
    assert cards["documents"] == summary.documents == 3 + len(FEED)
    assert cards["findings"] == len(result.findings)
    assert cards["records"] == len(FEED)
    assert cards["fixable"] == sum(1 for f in result.findings if f.fix is not None)
    assert cards["documents-with-findings"] == len(summary.per_document)
    shown_text = page.evaluate("document.querySelector('[data-stat=findings] .num').textContent")
    assert shown_text == f"{len(result.findings):,}"
    rule_rows = page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('#rule-table tbody tr')]"
        ".map(r => [r.dataset.code, Number(r.children[4].textContent.replace(/,/g, ''))]))"
    )
    assert rule_rows == dict(Counter(f.code for f in result.findings))


def test_charts_draw_one_bar_per_rule_family_and_histogram_bin(page: Chromium, corpus) -> None:
    _, result, _ = corpus
    summary = summarise(result, rule_classes())
    bars = page.evaluate(
        "({rules: document.querySelectorAll('#chart-rules rect.bar').length,"
        " families: document.querySelectorAll('#chart-families rect.bar').length,"
        " bins: document.querySelectorAll('#chart-histogram rect.bar').length,"
        " widths: [...document.querySelectorAll('#chart-rules rect.bar')]"
        "   .map(r => r.getBoundingClientRect().width),"
        " counts: [...document.querySelectorAll('#chart-rules g.bar-row')]"
        "   .map(g => [g.dataset.value, Number(g.querySelector('text.count').textContent)])})"
    )
    assert bars["rules"] == len(summary.by_rule)
    assert bars["families"] == len(summary.by_family)
    assert bars["bins"] == len(histogram_bins(max(summary.per_document.values())))
    assert all(width > 0 for width in bars["widths"])  # laid out, not just present
    assert bars["widths"] == sorted(bars["widths"], reverse=True)
    assert dict(bars["counts"]) == dict(summary.by_rule)


def _visible_rows(page: Chromium) -> list[dict[str, Any]]:
    return page.evaluate(
        "[...document.querySelectorAll('#findings-table tbody tr')].map(r => ({"
        " id: Number(r.dataset.id), code: r.dataset.code,"
        " severity: r.children[0].textContent, doc: r.children[3].textContent}))"
    )


def test_table_lists_every_finding_and_filters_by_rule(page: Chromium, corpus) -> None:
    _, result, _ = corpus
    rows = _visible_rows(page)
    assert [row["id"] for row in rows] == list(range(len(result.findings)))
    code, expected = Counter(f.code for f in result.findings).most_common()[-1]
    page.evaluate(
        f"(() => {{ const s = document.getElementById('filter-code');"
        f" s.value = {json.dumps(code)}; s.dispatchEvent(new Event('change')); }})()"
    )
    rows = _visible_rows(page)
    assert len(rows) == expected and {row["code"] for row in rows} == {code}
    assert page.evaluate("document.getElementById('findings-count').dataset.matching") == str(
        expected
    )
    page.click("#filter-clear")
    assert len(_visible_rows(page)) == len(result.findings)


def test_clicking_a_chart_bar_filters_the_table(page: Chromium, corpus) -> None:
    _, result, _ = corpus
    code, expected = Counter(f.code for f in result.findings).most_common(1)[0]
    page.click(f'#chart-rules g[data-value="{code}"] rect.bar')
    rows = _visible_rows(page)
    assert len(rows) == expected and {row["code"] for row in rows} == {code}
    assert page.evaluate("document.getElementById('filter-code').value") == code


def test_severity_search_and_sorting_work_without_a_server(page: Chromium, corpus) -> None:
    _, result, _ = corpus
    page.evaluate(
        "(() => { const s = document.getElementById('filter-severity');"
        " s.value = 'info'; s.dispatchEvent(new Event('change')); })()"
    )
    infos = [f for f in result.findings if f.severity is Severity.INFO]
    assert len(_visible_rows(page)) == len(infos)
    page.click("#filter-clear")
    page.evaluate(
        "(() => { const i = document.getElementById('filter-text');"
        " i.value = 'FERRY.MD'; i.dispatchEvent(new Event('input')); })()"
    )
    expected = len(_findings_of(result, "news/ferry.md"))
    page.wait_until(f"document.querySelectorAll('#findings-table tbody tr').length === {expected}")
    page.click("#filter-clear")
    page.click('#findings-table th[data-sort="severity"] button')
    ranks = [Severity(row["severity"]).rank for row in _visible_rows(page)]
    assert ranks == sorted(ranks, reverse=True)


def test_document_view_highlights_each_finding_span(page: Chromium, corpus) -> None:
    _, result, _ = corpus
    findings = _findings_of(result, "news/ferry.md")
    first_id = result.findings.index(findings[-1])
    page.click(f'#findings-table tr[data-id="{first_id}"] a.doc-link')
    page.wait_until(f"location.hash === '#f-{first_id}' && !!document.querySelector('mark.flash')")
    view = page.evaluate(
        "(() => { const open = [...document.querySelectorAll('section.doc')]"
        "  .filter(s => !s.hidden);"
        " return {open: open.length, title: open[0].querySelector('h3').textContent,"
        "  flashed: [...document.querySelectorAll('mark.flash')].map(m => m.dataset.f),"
        "  marks: Object.fromEntries([...open[0].querySelectorAll('.anchor')].map(a => [a.id,"
        "   [...open[0].querySelectorAll('mark.m')].filter(m => m.dataset.f.split(' ')"
        "   .includes(a.id.slice(2))).map(m => m.textContent).join('')]))}; })()"
    )
    assert view["open"] == 1 and view["title"] == "news/ferry.md"
    assert view["flashed"] and all(str(first_id) in f.split() for f in view["flashed"])
    text = HOSTILE_MARKDOWN
    for finding in findings:
        finding_id = result.findings.index(finding)
        assert f"f-{finding_id}" in view["marks"], finding
        span = text[finding.offset : finding.end_offset]
        if span and span.isprintable():
            assert view["marks"][f"f-{finding_id}"] == span


def test_clicking_a_highlight_shows_its_code_and_message(page: Chromium, corpus) -> None:
    _, result, _ = corpus
    finding = _findings_of(result, "news/harbour.txt")[0]
    finding_id = result.findings.index(finding)
    page.evaluate(f"location.hash = '#f-{finding_id}'")
    page.wait_until("[...document.querySelectorAll('section.doc')].some(s => !s.hidden)")
    page.click(f'mark[data-f~="{finding_id}"]')
    popover = page.evaluate(
        "({hidden: document.getElementById('pop').hidden,"
        " text: document.getElementById('pop').textContent})"
    )
    assert not popover["hidden"]
    assert finding.code in popover["text"] and finding.message in popover["text"]


def test_hostile_text_and_names_render_as_text_and_never_run(page: Chromium) -> None:
    # open every document view and the popover of every highlight, to give payloads a chance
    page.evaluate(
        "(() => { for (const s of document.querySelectorAll('section.doc')) s.hidden = false;"
        " for (const m of document.querySelectorAll('mark.m')) m.click(); })()"
    )
    time.sleep(0.3)
    state = page.evaluate(
        f"({{pwned: typeof window.{PWNED},"
        " scripts: document.scripts.length,"
        " dataScript: document.querySelectorAll('script[type=\"application/json\"]').length,"
        " foreign: document.querySelectorAll('img, iframe, object, embed, svg:not(.chart),"
        "  b:not(.code), base, meta[http-equiv=refresh], link').length,"
        " handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        "  .filter(a => a.name.startsWith('on')).length,"
        " hrefs: [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))"
        "  .filter(h => !/^#[a-z-]*[0-9]*$/.test(h)),"
        " body: document.body.innerText})"
    )
    assert state["pwned"] == "undefined"
    assert state["scripts"] == 2 and state["dataScript"] == 1
    assert state["foreign"] == 0 and state["handlers"] == 0 and state["hrefs"] == []
    for payload in (
        "<script>window.__seedlint_pwned = 1</script>",
        '<img src=x onerror="window.__seedlint_pwned = 2">',
        "javascript:window.__seedlint_pwned=3",
        "</script><script>window.__seedlint_pwned = 4</script>",
        "<img src=x onerror=window.__seedlint_pwned=6>minutes-caf\\udce9.txt",  # the file name
        "[id=</script><script>window.__seedlint_pwned=7</script>]",  # the record id
        '<a href="javascript:window.__seedlint_pwned=8">',
    ):
        assert payload in state["body"], payload
    assert not page.events_named("Page.javascriptDialogOpening")
    assert not page.events_named("Runtime.exceptionThrown")
    errors = [e for e in page.events_named("Log.entryAdded") if e["params"]["entry"]["level"]]
    assert not [e for e in errors if e["params"]["entry"]["level"] == "error"], errors
    requested = {
        e["params"]["request"]["url"] for e in page.events_named("Network.requestWillBeSent")
    }
    assert requested <= {page.evaluate("location.href").split("#")[0]}


def test_screenshot_of_the_report(page: Chromium, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    page.screenshot(shot, height=1500)
    assert shot.read_bytes().startswith(b"\x89PNG")
    page.evaluate("location.hash = '#doc-0'")
    page.wait_until("!document.getElementById('doc-0').hidden")
    page.screenshot(tmp_path / "document.png")


def test_readme_screenshot_of_the_seed_corpus(browser: Chromium, tmp_path: Path) -> None:
    """The README's screenshot: the report of seeds/, the project's sample corpus."""
    options = RunOptions(paths=[REPO / "seeds"], cwd=REPO, jobs=1)
    result = run(options)
    page = render_html_report(
        result,
        rule_classes(),
        lambda keys: load_texts(keys, options, 100_000),
        "seeds",
        generated_at=None,
    )
    report = tmp_path / "seeds.html"
    report.write_text(page, encoding="utf-8")
    browser.set_viewport(1280, 1100)
    browser.navigate(report.as_uri())
    browser.wait_until("document.documentElement.dataset.ready === '1'")
    assert browser.evaluate("document.querySelectorAll('#findings-table tbody tr').length") == min(
        len(result.findings), 500
    )
    assert not browser.events_named("Runtime.exceptionThrown")
    shot = tmp_path / "report-screenshot.png"
    browser.screenshot(shot, height=1100)
    if os.environ.get("SEEDLINT_UPDATE_SCREENSHOT") == "1":
        shutil.copyfile(shot, REPO / "docs" / "report-screenshot.png")
