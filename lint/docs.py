"""Rule documentation rendered from the rules' own docstrings and metadata."""

from __future__ import annotations

import json
from collections.abc import Mapping

from lint.rule import Rule


def rule_markdown(rule: type[Rule]) -> str:
    doc = rule.documentation()
    state = "on by default" if rule.default_enabled else "off by default"
    parts = [
        f"# {rule.code} {rule.name}",
        f"{doc.summary}",
        f"Family: {rule.family} · default severity: {rule.default_severity.value} · {state} · "
        f"fix: {rule.fix_availability.value}",
    ]
    for title, body in (
        ("What it does", doc.what),
        ("Why is this bad?", doc.why),
        ("Example", doc.example),
        ("Fix safety", doc.fix_safety),
        ("Options", doc.options),
    ):
        if body:
            parts.append(f"## {title}\n{body}")
    return "\n\n".join(parts)


def rules_table(rules: Mapping[str, type[Rule]]) -> str:
    """The README's rule table."""
    rows = [
        "| code | name | family | what it finds | default | fix |",
        "|---|---|---|---|---|---|",
    ]
    for rule in rules.values():
        summary = rule.documentation().summary.replace("|", "\\|")
        default = "on" if rule.default_enabled else "off"
        rows.append(
            f"| {rule.code} | {rule.name} | {rule.family} | {summary} | {default} | "
            f"{rule.fix_availability.value} |"
        )
    return "\n".join(rows)


def rules_json(rules: Mapping[str, type[Rule]]) -> str:
    return json.dumps(
        [
            {
                "code": rule.code,
                "name": rule.name,
                "family": rule.family,
                "summary": rule.documentation().summary,
                "default_enabled": rule.default_enabled,
                "default_severity": rule.default_severity.value,
                "fix": rule.fix_availability.value,
            }
            for rule in rules.values()
        ],
        indent=2,
    )


README_START = "<!-- rules:start -->"
README_END = "<!-- rules:end -->"


def update_readme(path: str) -> bool:
    """Rewrite the rule table between the README's markers; True when it changed."""
    from lint.registry import rule_classes

    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    head, start, rest = text.partition(README_START)
    _, end, tail = rest.partition(README_END)
    if not start or not end:
        raise SystemExit(f"{path}: missing {README_START} / {README_END} markers")
    updated = f"{head}{start}\n{rules_table(rule_classes())}\n{end}{tail}"
    if updated != text:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(updated)
    return updated != text


if __name__ == "__main__":
    import sys

    changed = update_readme(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    print("README rule table updated" if changed else "README rule table up to date")
