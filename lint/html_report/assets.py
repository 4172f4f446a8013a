"""The report's stylesheet and script, inlined into every report (it must work offline).

The script never parses data as HTML: it reads the findings with JSON.parse from a
`<script type="application/json">` block and builds every node with textContent.
"""

STYLE = r"""
:root {
  --bg: #f6f7f9; --panel: #ffffff; --ink: #1d2330; --muted: #5d6679; --line: #e2e5eb;
  --accent: #3552c7; --accent-soft: #e8ecfb;
  --error: #c62828; --error-soft: #fde7e7; --error-mark: rgba(214, 40, 40, .22);
  --warning: #b45309; --warning-soft: #fdf0d8; --warning-mark: rgba(245, 158, 11, .32);
  --info: #1d5fbf; --info-soft: #e3eefc; --info-mark: rgba(37, 99, 235, .18);
  --fam-0: #3552c7; --fam-1: #0f8a6a; --fam-2: #b45309; --fam-3: #8e3bb8;
  --fam-4: #c2410c; --fam-5: #0e7490; --fam-6: #6b7280; --fam-7: #be185d;
  --mono: ui-monospace, "SFMono-Regular", "Cascadia Mono", Menlo, Consolas,
    "DejaVu Sans Mono", "Liberation Mono", monospace;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
    "Liberation Sans", Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #12151c; --panel: #1b1f29; --ink: #e6e8ee; --muted: #9aa3b5; --line: #2c3240;
    --accent: #8ea2ff; --accent-soft: #263056;
    --error: #ff7b7b; --error-soft: #3a1d22; --error-mark: rgba(255, 90, 90, .30);
    --warning: #f5b352; --warning-soft: #3a2c14; --warning-mark: rgba(245, 170, 60, .30);
    --info: #7fb0ff; --info-soft: #16284a; --info-mark: rgba(100, 150, 255, .28);
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 var(--sans); }
.wrap { max-width: 1240px; margin: 0 auto; padding: 0 24px; }
header.top { background: var(--panel); border-bottom: 1px solid var(--line); position: sticky;
  top: 0; z-index: 5; }
header.top .wrap { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 24px;
  padding-top: 14px; padding-bottom: 12px; }
header.top h1 { font-size: 20px; margin: 0; letter-spacing: -.01em; }
header.top .brand { color: var(--accent); font-weight: 700; margin-right: 8px; }
header.top .meta { color: var(--muted); font-size: 13px; margin: 0; }
header.top nav { margin-left: auto; display: flex; gap: 16px; font-size: 14px; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
h2 { font-size: 18px; margin: 32px 0 12px; letter-spacing: -.01em; }
h3 { font-size: 15px; margin: 0 0 10px; }
section { scroll-margin-top: 70px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px;
  padding: 16px 18px; }
.banner { margin-top: 20px; padding: 12px 16px; border-radius: 8px;
  background: var(--warning-soft); color: var(--ink); border: 1px solid var(--warning); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px;
  padding: 12px 16px; }
.card .num { display: block; font-size: 26px; font-weight: 650;
  font-variant-numeric: tabular-nums; }
.card .lbl { color: var(--muted); font-size: 13px; }
.card.error .num { color: var(--error); }
.card.warning .num { color: var(--warning); }
.card.info .num { color: var(--info); }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr)); gap: 16px;
  margin-top: 16px; }
.charts { display: grid; grid-template-columns: minmax(0, 1.15fr) minmax(0, 1fr); gap: 16px; }
.charts .chart-rules { grid-row: span 2; }
@media (max-width: 900px) {
  .charts { grid-template-columns: minmax(0, 1fr); }
  .charts .chart-rules { grid-row: auto; }
}
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:hover { background: var(--accent-soft); }
code, .code { font-family: var(--mono); font-size: 13px; }
.pill { display: inline-block; min-width: 62px; text-align: center; padding: 1px 8px;
  border-radius: 999px; font-size: 12px; font-weight: 600; }
.pill.sev-error { background: var(--error-soft); color: var(--error); }
.pill.sev-warning { background: var(--warning-soft); color: var(--warning); }
.pill.sev-info { background: var(--info-soft); color: var(--info); }
.sevbar { display: flex; gap: 10px; flex-wrap: wrap; margin: 12px 0 0; }
.muted { color: var(--muted); }
.iso { unicode-bidi: isolate; overflow-wrap: anywhere; }
details.ruledoc summary { cursor: pointer; }
details.ruledoc summary::marker { color: var(--muted); }
details.ruledoc .body { white-space: pre-wrap; font-size: 13px; margin-top: 6px; }
/* charts */
svg.chart { width: 100%; height: auto; display: block; font-family: var(--sans); }
svg.chart text { font-size: 13px; fill: var(--ink); dominant-baseline: middle; }
svg.chart text.label { text-anchor: end; font-family: var(--mono); }
svg.chart text.count, svg.chart text.tick, svg.chart text.axis-label { fill: var(--muted); }
svg.chart rect.hit { fill: transparent; }
svg.chart g[data-filter] { cursor: pointer; }
svg.chart g[data-filter]:hover rect.hit, svg.chart g[data-filter]:focus rect.hit {
  fill: var(--accent-soft); }
svg.chart .axis { stroke: var(--line); }
rect.sev-error { fill: var(--error); } rect.sev-warning { fill: #f59e0b; }
rect.sev-info { fill: #3b82f6; }
rect.hist { fill: var(--accent); } rect.hist-zero { fill: #9aa3b5; }
rect.fam-0 { fill: var(--fam-0); } rect.fam-1 { fill: var(--fam-1); }
rect.fam-2 { fill: var(--fam-2); } rect.fam-3 { fill: var(--fam-3); }
rect.fam-4 { fill: var(--fam-4); } rect.fam-5 { fill: var(--fam-5); }
rect.fam-6 { fill: var(--fam-6); } rect.fam-7 { fill: var(--fam-7); }
.chart-note { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
/* findings table */
.filters { display: flex; flex-wrap: wrap; gap: 8px 10px; align-items: end; margin-bottom: 12px; }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted);
  gap: 3px; }
.filters select, .filters input { font: inherit; font-size: 14px; padding: 5px 8px;
  border: 1px solid var(--line); border-radius: 6px; background: var(--panel); color: var(--ink);
  max-width: 260px; }
.filters input[type=search] { width: 240px; }
button { font: inherit; font-size: 14px; padding: 5px 12px; border-radius: 6px; cursor: pointer;
  border: 1px solid var(--line); background: var(--panel); color: var(--ink); }
button:hover { border-color: var(--accent); }
.table-scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 10px;
  background: var(--panel); }
#findings-table th button { all: unset; cursor: pointer; }
#findings-table th[aria-sort=ascending] button::after { content: " ▲"; }
#findings-table th[aria-sort=descending] button::after { content: " ▼"; }
#findings-table td.msg { min-width: 280px; }
#findings-table td.doc { min-width: 200px; max-width: 340px; }
#findings-table td.rule { white-space: nowrap; }
#findings-table .rule-name { display: block; font-size: 12px; color: var(--muted); }
.fix { font-size: 12px; white-space: nowrap; border-radius: 4px; padding: 1px 6px;
  border: 1px solid var(--line); }
.fix-safe { color: #0f7a4f; border-color: #9fd8bd; }
.fix-unsafe { color: var(--muted); }
.count-line { color: var(--muted); font-size: 13px; margin: 8px 2px; }
@media (max-width: 760px) {
  .wrap { padding: 0 12px; }
  .col-family, .col-fix { display: none; }
  header.top nav { margin-left: 0; }
}
/* documents */
.doc-head { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: baseline; }
.doc-head h3 { margin: 0; font-family: var(--mono); font-size: 14px; }
.doc-findings { margin: 10px 0 14px; padding: 0; list-style: none; max-height: 220px;
  overflow: auto; border: 1px solid var(--line); border-radius: 8px; }
.doc-findings li { padding: 5px 10px; border-bottom: 1px solid var(--line); font-size: 13px; }
.doc-findings li:last-child { border-bottom: 0; }
.doc-text { font-family: var(--mono); font-size: 13px; line-height: 1.65;
  border: 1px solid var(--line); border-radius: 8px; padding: 8px 0; overflow-x: auto;
  background: var(--bg); }
.doc-text .l { display: flex; }
.doc-text .n { flex: none; width: 4.5em; padding-right: 1em; text-align: right;
  color: var(--muted); user-select: none; }
.doc-text .n::before { content: attr(data-n); }
.doc-text .t { white-space: pre-wrap; overflow-wrap: anywhere; flex: 1; padding-right: 12px;
  unicode-bidi: isolate; min-height: 1.65em; }
mark.m { color: inherit; border-radius: 3px; cursor: pointer; padding: 1px 0; }
mark.sev-error { background: var(--error-mark); box-shadow: inset 0 -2px var(--error); }
mark.sev-warning { background: var(--warning-mark); box-shadow: inset 0 -2px #f59e0b; }
mark.sev-info { background: var(--info-mark); box-shadow: inset 0 -2px var(--info); }
mark.pt { display: inline-block; width: 3px; height: 1.2em; vertical-align: text-bottom;
  margin: 0 1px; padding: 0; }
mark.pt.sev-error { background: var(--error); } mark.pt.sev-warning { background: #f59e0b; }
mark.pt.sev-info { background: var(--info); }
mark.flash { outline: 2px solid var(--accent); outline-offset: 1px; }
.cp { font-size: 10px; padding: 0 3px; margin: 0 1px; border-radius: 3px; vertical-align: 1px;
  border: 1px solid var(--muted); color: var(--muted); }
.eol { color: var(--muted); }
.note { font-size: 13px; color: var(--muted); margin: 8px 0; }
#pop { position: absolute; z-index: 10; max-width: 440px; background: var(--panel);
  border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px;
  box-shadow: 0 8px 28px rgba(0, 0, 0, .18); font-size: 13px; }
#pop .item + .item { border-top: 1px solid var(--line); margin-top: 8px; padding-top: 8px; }
#pop .msg { margin: 4px 0 0; }
footer { color: var(--muted); font-size: 12px; margin: 40px 0 30px; text-align: center; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("seedlint-data").textContent);
  const I = {};
  data.fields.forEach((name, index) => { I[name] = index; });
  const findings = data.findings;
  const byId = new Map(findings.map((f) => [f[I.id], f]));
  const SEV_RANK = { info: 0, warning: 1, error: 2 };
  const PAGE = 500;
  const $ = (id) => document.getElementById(id);

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function pill(severity) { return el("span", "pill sev-" + severity, severity); }
  function where(f) {
    const record = f[I.record] ? " " + f[I.record] : "";
    return f[I.file] + record;
  }

  // -- the findings table ---------------------------------------------------------------
  const state = { code: "", family: "", severity: "", file: "", text: "",
                  sort: "document", dir: 1, limit: PAGE };
  const tbody = document.querySelector("#findings-table tbody");
  const controls = { code: $("filter-code"), family: $("filter-family"),
                     severity: $("filter-severity"), file: $("filter-file") };

  function fillSelect(select, pairs) {
    pairs.forEach(([value, label]) => {
      const option = el("option", null, label);
      option.value = value;
      select.appendChild(option);
    });
  }
  const same = (values) => values.map((value) => [value, value]);
  fillSelect(controls.code, data.codes);
  fillSelect(controls.family, same(data.families));
  fillSelect(controls.severity, same(["error", "warning", "info"]));
  fillSelect(controls.file, same(data.files));

  const sorters = {
    severity: (a, b) => SEV_RANK[a[I.severity]] - SEV_RANK[b[I.severity]],
    code: (a, b) => a[I.code].localeCompare(b[I.code]),
    family: (a, b) => a[I.family].localeCompare(b[I.family]),
    document: (a, b) => a[I.order] - b[I.order],
    line: (a, b) => a[I.row] - b[I.row] || a[I.col] - b[I.col],
    message: (a, b) => a[I.message].localeCompare(b[I.message]),
  };

  function matches(f) {
    if (state.code && f[I.code] !== state.code) return false;
    if (state.family && f[I.family] !== state.family) return false;
    if (state.severity && f[I.severity] !== state.severity) return false;
    if (state.file && f[I.file] !== state.file) return false;
    if (state.text) {
      const hay = (f[I.code] + " " + f[I.name] + " " + f[I.message] + " " + where(f))
        .toLowerCase();
      if (!hay.includes(state.text)) return false;
    }
    return true;
  }

  function row(f) {
    const tr = el("tr");
    tr.dataset.id = String(f[I.id]);
    tr.dataset.code = f[I.code];
    const sev = el("td"); sev.appendChild(pill(f[I.severity])); tr.appendChild(sev);
    const rule = el("td", "rule");
    rule.append(el("span", "code", f[I.code]), el("span", "rule-name", f[I.name]));
    tr.appendChild(rule);
    tr.appendChild(el("td", "col-family", f[I.family]));
    const doc = el("td", "doc iso");
    if (f[I.doc] >= 0) {
      const link = el("a", "doc-link", where(f));
      link.href = "#f-" + f[I.id];
      doc.appendChild(link);
    } else {
      doc.textContent = where(f);
    }
    tr.appendChild(doc);
    tr.appendChild(el("td", "num code", f[I.row] + ":" + f[I.col]));
    tr.appendChild(el("td", "msg iso", f[I.message]));
    const fix = el("td", "col-fix");
    if (f[I.fix]) fix.appendChild(el("span", "fix fix-" + f[I.fix], f[I.fix] + " fix"));
    tr.appendChild(fix);
    return tr;
  }

  function render() {
    const rows = findings.filter(matches);
    const sorter = sorters[state.sort];
    rows.sort((a, b) => state.dir * sorter(a, b) || a[I.order] - b[I.order]);
    tbody.replaceChildren(...rows.slice(0, state.limit).map(row));
    const shown = Math.min(rows.length, state.limit);
    let text = "Showing " + shown.toLocaleString() + " of " + rows.length.toLocaleString() +
      " matching findings";
    if (rows.length !== findings.length) {
      text += " (" + findings.length.toLocaleString() + " in all)";
    }
    $("findings-count").textContent = text + ".";
    $("findings-count").dataset.matching = String(rows.length);
    $("show-more").hidden = rows.length <= state.limit;
    document.querySelectorAll("#findings-table th[data-sort]").forEach((th) => {
      th.setAttribute("aria-sort", th.dataset.sort === state.sort
        ? (state.dir > 0 ? "ascending" : "descending") : "none");
    });
  }

  Object.entries(controls).forEach(([name, select]) => {
    select.addEventListener("change", () => {
      state[name] = select.value; state.limit = PAGE; render();
    });
  });
  let typing = 0;
  $("filter-text").addEventListener("input", (event) => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.text = event.target.value.trim().toLowerCase(); state.limit = PAGE; render();
    }, 120);
  });
  $("filter-clear").addEventListener("click", () => {
    Object.entries(controls).forEach(([name, select]) => { select.value = ""; state[name] = ""; });
    $("filter-text").value = ""; state.text = ""; state.limit = PAGE; render();
  });
  $("show-more").addEventListener("click", () => { state.limit += PAGE; render(); });
  document.querySelectorAll("#findings-table th[data-sort] button").forEach((button) => {
    button.addEventListener("click", () => {
      const key = button.parentElement.dataset.sort;
      state.dir = state.sort === key ? -state.dir : (key === "severity" ? -1 : 1);
      state.sort = key;
      render();
    });
  });

  function applyFilter(name, value) {
    if (!(name in controls)) return;
    controls[name].value = value;
    state[name] = controls[name].value;
    state.limit = PAGE;
    render();
    $("findings").scrollIntoView();
  }
  document.querySelectorAll("[data-filter]").forEach((node) => {
    const go = () => applyFilter(node.getAttribute("data-filter"), node.getAttribute("data-value"));
    node.addEventListener("click", go);
    node.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); go(); }
    });
  });

  // -- document views -------------------------------------------------------------------
  const picker = $("doc-picker");
  const docs = Array.from(document.querySelectorAll("section.doc"));
  function showDoc(number, findingId) {
    let found = false;
    docs.forEach((section) => {
      section.hidden = section.id !== "doc-" + number;
      found = found || !section.hidden;
    });
    if (!found) return;
    if (picker) picker.value = String(number);
    document.querySelectorAll("mark.flash").forEach((m) => m.classList.remove("flash"));
    let target = $("doc-" + number);
    if (findingId !== null) {
      const marks = document.querySelectorAll('mark[data-f~="' + Number(findingId) + '"]');
      marks.forEach((m) => m.classList.add("flash"));
      if (marks.length) target = marks[0];
    }
    target.scrollIntoView({ block: findingId !== null ? "center" : "start" });
  }
  function route() {
    let match = /^#doc-(\d+)$/.exec(location.hash);
    if (match) { showDoc(Number(match[1]), null); return; }
    match = /^#f-(\d+)$/.exec(location.hash);
    if (match) {
      const f = byId.get(Number(match[1]));
      if (f && f[I.doc] >= 0) showDoc(f[I.doc], f[I.id]);
    }
  }
  if (picker) {
    picker.addEventListener("change", () => { location.hash = "#doc-" + picker.value; });
  }
  window.addEventListener("hashchange", route);

  // -- the finding popover on a highlighted span -----------------------------------------
  const pop = $("pop");
  function openPop(mark) {
    pop.replaceChildren();
    mark.getAttribute("data-f").split(" ").forEach((raw) => {
      const f = byId.get(Number(raw));
      if (!f) return;
      const item = el("div", "item");
      const head = el("div");
      head.append(pill(f[I.severity]), " ", el("b", "code", f[I.code]), " ",
                  el("span", "muted", f[I.name]));
      item.appendChild(head);
      item.appendChild(el("p", "msg iso", f[I.message]));
      const foot = "line " + f[I.row] + ", column " + f[I.col] +
        (f[I.fix] ? " · " + f[I.fix] + " fix available" : "");
      item.appendChild(el("div", "muted", foot));
      pop.appendChild(item);
    });
    pop.hidden = false;
    const box = mark.getBoundingClientRect();
    const left = Math.max(8, Math.min(box.left + window.scrollX,
      window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8));
    pop.style.left = left + "px";
    pop.style.top = (box.bottom + window.scrollY + 6) + "px";
  }
  document.addEventListener("click", (event) => {
    const mark = event.target.closest("mark.m");
    if (mark) { openPop(mark); return; }
    if (!event.target.closest("#pop")) pop.hidden = true;
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") pop.hidden = true;
    if (event.key === "Enter" && event.target.matches && event.target.matches("mark.m")) {
      openPop(event.target);
    }
  });

  render();
  route();
  document.documentElement.dataset.ready = "1";
})();
"""
