"""Where a document says when it was published, what is wrong with it, and its relative dates.

Sources, in order of trust: a metadata field (record inputs), front matter, a header line
("Date: 2025-03-03", "Published: March 3, 2025", "Posted on …", a bare date line), a dateline
("NAIROBI, March 3 (Reuters) —") and a byline ("By Ana Ruiz | 3 March 2025"). Only the first
few non-blank lines are searched for headers, datelines and bylines: dates in the body are
history, not a publication date. `doc.dates` is this analysis with the default settings; rules
with options call `date_analysis(doc, settings)`, which shares one result per settings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from lint.analysis.date_lexicon import DateLexicon, lexicon_for
from lint.analysis.date_parse import DateMatch, DateParser, PartialDate, Precision, parser_for
from lint.analysis.date_relative import RelativeExpression, RelativeMatcher, relative_matcher
from lint.analysis.markdown import is_markdown_path, markdown_regions, may_hold_a_fence

if TYPE_CHECKING:
    from lint.document import Document

__all__ = [
    "DEFAULT_FIELDS",
    "DEFAULT_SETTINGS",
    "DateAnalysis",
    "DateCandidate",
    "DateProblem",
    "DateSettings",
    "PartialDate",
    "Precision",
    "ProblemKind",
    "RelativeExpression",
    "SourceKind",
    "analyse_dates",
    "date_analysis",
]

DEFAULT_FIELDS = (
    "date",
    "published",
    "published_at",
    "publishedAt",
    "publish_date",
    "publishDate",
    "publication_date",
    "pubDate",
    "datePublished",
    "date_published",
    "created_at",
    "createdAt",
    "created",
    "updated",
    "updated_at",
    "dateModified",
    "lastmod",
)


class SourceKind(StrEnum):
    METADATA = "metadata"
    FRONT_MATTER = "front-matter"
    HEADER = "header"
    DATELINE = "dateline"
    BYLINE = "byline"


_TRUST = {kind: rank for rank, kind in enumerate(SourceKind)}


class ProblemKind(StrEnum):
    UNPARSEABLE = "unparseable"
    IMPOSSIBLE = "impossible"
    MALFORMED_HEADER = "malformed-header"


@dataclass(frozen=True)
class DateSettings:
    """What the analysis looks for; hashable, so each distinct setting is analysed once."""

    fields: tuple[str, ...] = DEFAULT_FIELDS
    header_keys: tuple[str, ...] | None = None  # None: the lexicon's
    day_first: bool = False
    language: str = "en"
    header_lines: int = 8
    extra_relative: tuple[str, ...] = ()
    ignore_relative: tuple[str, ...] = ()

    @property
    def lexicon(self) -> DateLexicon:
        return lexicon_for(self.language)

    @property
    def keys(self) -> tuple[str, ...]:
        return self.header_keys if self.header_keys is not None else self.lexicon.header_keys


DEFAULT_SETTINGS = DateSettings()


@dataclass(frozen=True)
class DateCandidate:
    """A publication date read from one source. `span` is None for metadata fields."""

    value: PartialDate
    source: SourceKind
    span: tuple[int, int] | None
    key: str | None  # the field or header key ("published"); None for datelines and bylines
    text: str  # the date as written

    @property
    def precision(self) -> Precision:
        return self.value.precision


@dataclass(frozen=True)
class DateProblem:
    """A date that cannot be used (`span` None for metadata fields) or a malformed header."""

    kind: ProblemKind
    source: SourceKind
    span: tuple[int, int] | None
    key: str | None
    text: str
    reason: str


@dataclass
class DateAnalysis:
    """The result of `analyse_dates`: the publication date, every candidate, every problem.

    `relative` (relative time expressions in the prose) is computed only when first asked.
    `looked_at` names the places searched, for messages.
    """

    publication: DateCandidate | None
    candidates: list[DateCandidate]
    problems: list[DateProblem]
    looked_at: list[str]
    undated_datelines: list[str] = field(default_factory=list)
    _relative: Callable[[], list[RelativeExpression]] | None = field(default=None, repr=False)

    @property
    def dated(self) -> bool:
        return self.publication is not None

    @property
    def has_date_source(self) -> bool:
        """Whether any date source was found, usable or not (a broken one is DAT003's)."""
        return bool(self.candidates) or any(
            p.kind is not ProblemKind.MALFORMED_HEADER for p in self.problems
        )

    @cached_property
    def relative(self) -> list[RelativeExpression]:
        return self._relative() if self._relative is not None else []


# -- metadata and front matter -----------------------------------------------------------------


def _lookup(
    mapping: Mapping[str, Any], name: str, folded: Mapping[str, str] | None = None
) -> tuple[bool, str, Any]:
    """(found, key as spelled, value) for a field name, case-insensitive, dotted for nesting.
    `folded` is `_folded_keys(mapping)`, for reading many names from one mapping."""
    if folded is not None and "." not in name:
        if name in mapping:
            return True, name, mapping[name]
        key = folded.get(name.lower())
        if key is None:
            return False, name, None
        return True, key, mapping[key]
    current: Any = mapping
    spelled: list[str] = []
    for part in name.split("."):
        if not isinstance(current, Mapping):
            return False, name, None
        if part in current:
            key = part
        else:
            key = next((k for k in current if isinstance(k, str) and k.lower() == part.lower()), "")
            if not key:
                return False, name, None
        spelled.append(key)
        current = current[key]
    return True, ".".join(spelled), current


def _folded_keys(mapping: Mapping[Any, Any]) -> dict[str, str]:
    """Lower-cased string keys to the first key spelled that way (as `_lookup` picks it)."""
    folded: dict[str, str] = {}
    for key in mapping:
        if isinstance(key, str) and key:
            folded.setdefault(key.lower(), key)
    return folded


def _read_value(value: Any, parser: DateParser) -> DateMatch | str | None:
    """A field value as a date match, or a reason string when it is no date; None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return "a boolean is not a date"
    if isinstance(value, datetime):
        return DateMatch(0, 0, PartialDate(value.year, value.month, value.day, value))
    if isinstance(value, date):
        return DateMatch(0, 0, PartialDate(value.year, value.month, value.day))
    if isinstance(value, int | float):
        from lint.analysis.date_parse import timestamp_date

        if value != value:  # NaN
            return "NaN is not a date"
        if isinstance(value, int) and 1000 <= value <= 9999:
            return DateMatch(0, 0, PartialDate(value))  # a bare year
        stamp = timestamp_date(value)
        if stamp is None:
            return DateMatch(0, 0, None, f"timestamp {value} is out of range")
        return DateMatch(0, 0, stamp)
    if hasattr(value, "isoformat") and not isinstance(value, str):
        try:
            value = value.isoformat()
        except Exception:  # a foreign date type may refuse
            return "not a date"
    if not isinstance(value, str):
        return f"a {type(value).__name__} is not a date"
    found = parser.parse_value(value[:200])
    if found is None:
        return "not a date"
    return found


def _front_matter_spans(doc: Document, fm_start: int, fm_end: int) -> dict[str, tuple[int, int]]:
    """Offsets of each top-level front matter value, by lower-cased key (for locations)."""
    spans: dict[str, tuple[int, int]] = {}
    for found in _FM_LINE.finditer(doc.text, fm_start, fm_end):
        spans.setdefault(found["key"].lower(), found.span("value"))
    return spans


_FM_LINE = re.compile(  # the value runs to the last character that is not a space or a tab
    r"^(?P<key>[A-Za-z_][\w.\-]*)[ \t]*[:=][ \t]*(?P<value>(?:[^\r\n]*[^ \t\r\n])?)[ \t]*\r?$",
    re.MULTILINE,
)


def _strip_quotes(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


# -- header lines, datelines and bylines -------------------------------------------------------

_MARKUP = " \t*_#>"
_SEPARATOR = re.compile(r"\s+[|·•—–]\s+|\s*[|·•]\s*|\s+-\s+")
_BYLINE_JOINT = re.compile(r",\s*|\s+on\s+|\s+-\s+")  # "By Ana Ruiz, March 3, 2025"
_SEPARATOR_MARK = re.compile(r"[|·•—–-]")  # every separator holds one: a cheap test first
_GLUE_ALLOWED = re.compile(
    r"^(?:by\b|at\b|in\b|on\b|from\b|[|·•(\[]|[—–-]\s|updated\b|\d+\s*min)", re.IGNORECASE
)
_DATELINE_PLACE = re.compile(
    r"(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ'’.\-]+(?:[ ][A-ZÀ-Þ][A-ZÀ-Þ'’.\-]+){0,3}"
    r"|[A-ZÀ-Þ][a-zà-ÿ'’\-]+(?:[ ](?:de |da |del |la |el |upon |on )?[A-ZÀ-Þ][a-zà-ÿ'’\-]+){0,2})"
)
_PLACE_SPACES = 4  # "Santa Cruz de Tenerife": words and particles of _DATELINE_PLACE
_DATELINE_REGION = re.compile(
    r",[ ]?[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?(?=,|[ \t]*\(|[ \t]*[—–-])"
)
_DATELINE_AGENCY = re.compile(r"[ \t]*\((?P<agency>[A-Z][\w .&'’/-]{0,30})\)")
_DATELINE_DASH = re.compile(r"[ \t]*(?:—|–|--|-|:)[ \t]*")
_NAME = re.compile(
    r"^[A-ZÀ-Þ][\w'’.\-]*(?:\s+(?:de|van|von|da|del|la|le|bin|al)?\s*[A-ZÀ-Þ][\w'’.\-]*){0,4}$"
)
_READ_TIME = re.compile(r"^\d+\s*(?:min(?:ute)?s?)(?:\s+read)?$", re.IGNORECASE)
_LEAD_WORDS = re.compile(
    r"^(?:(?:published|posted|updated|last updated|first published)(?:\s+on)?:?\s+)", re.IGNORECASE
)


@dataclass(frozen=True, eq=False)
class _Plan:
    """What one `DateSettings` compiles to: built once per settings, shared by every document."""

    settings: DateSettings
    parser: DateParser
    header: re.Pattern[str]
    byline: re.Pattern[str]
    matcher: RelativeMatcher
    front_matter_looked_at: str
    lines_looked_at: str


def _plan_for(settings: DateSettings) -> _Plan:
    if settings is DEFAULT_SETTINGS:  # skips hashing the settings for every document
        return _default_plan()
    return _compiled_plan(settings)


@lru_cache(maxsize=1)
def _default_plan() -> _Plan:
    return _compiled_plan(DEFAULT_SETTINGS)


@lru_cache(maxsize=64)
def _compiled_plan(settings: DateSettings) -> _Plan:
    lexicon = settings.lexicon
    return _Plan(
        settings,
        parser_for(lexicon, settings.day_first),
        _header_pattern(tuple(k.lower() for k in settings.keys)),
        _byline_prefix(lexicon),
        relative_matcher(lexicon, settings.extra_relative, settings.ignore_relative),
        f"front matter keys {', '.join(settings.fields)}",
        f"date headers, datelines and bylines in the first {settings.header_lines} lines",
    )


@dataclass(slots=True)
class _Scan:
    doc: Document
    plan: _Plan
    parser: DateParser
    candidates: list[DateCandidate] = field(default_factory=list)
    problems: list[DateProblem] = field(default_factory=list)
    undated_datelines: list[str] = field(default_factory=list)

    def add(self, found: DateMatch, source: SourceKind, key: str | None, base: int) -> None:
        start, end = base + found.start, base + found.end
        text = self.doc.text[start:end]
        if found.value is not None:
            self.candidates.append(DateCandidate(found.value, source, (start, end), key, text))
        else:
            self.problems.append(
                DateProblem(
                    ProblemKind.IMPOSSIBLE,
                    source,
                    (start, end),
                    key,
                    text,
                    found.impossible or "not a date",
                )
            )


def _header_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(
        re.escape(k).replace(r"\ ", r"\s+") for k in sorted(keys, key=len, reverse=True)
    )
    # Most lines start with a letter no key starts with: the lookahead rejects them at once,
    # where the alternation would try every key (case-insensitive literals get no fast path).
    firsts = sorted({key[0] for key in keys if key})
    opens = ""
    if firsts and all(first.isalnum() for first in firsts) and all(keys):
        opens = f"(?=[{''.join(firsts)}])"
    return re.compile(
        rf"(?P<indent>[ \t]*)(?P<markup>[*_#>]+[ \t]*)?{opens}(?P<key>{alternatives})\b[*_]*"
        r"(?P<colon>[ \t]*[:：][*_]*)?[ \t]*(?:[|—–-][ \t]*)?",
        re.IGNORECASE,
    )


def _scan_header(scan: _Scan, line_start: int, line: str, head: re.Match[str]) -> bool:
    """Read `line`, which opens with a header key (`head`), as a header ("Date: …"); True when
    it is one (valid or not)."""
    key = " ".join(head["key"].lower().split())
    colon = bool(head["colon"])
    position = head.end()
    found = scan.parser.match(line, position, allow_year_only=colon, allow_no_year=True)
    if found is None:
        value = line[position:].strip(_MARKUP)
        if not colon or not value:
            return False
        words = value.split()
        names_month = any(w.lower().strip(".,") in scan.parser.months for w in words)
        if len(words) > 3 and not names_month and not any(c.isdigit() for c in value):
            return False  # "Updated: the figures now include…" is prose, not a date header
        start = line_start + position + (len(line[position:]) - len(line[position:].lstrip()))
        shown = value if len(value) <= 40 else value[:40] + "…"
        scan.problems.append(
            DateProblem(
                ProblemKind.UNPARSEABLE,
                SourceKind.HEADER,
                (start, start + len(value)),
                key,
                value,
                f"{shown!r} is not a date",
            )
        )
        return True
    scan.add(found, SourceKind.HEADER, key, line_start)
    rest = line[found.end :].strip(_MARKUP + ",;")
    glued = bool(rest) and not _GLUE_ALLOWED.match(rest) and len(rest.split()) >= 3
    if glued:
        at = line_start + found.end
        scan.problems.append(
            DateProblem(
                ProblemKind.MALFORMED_HEADER,
                SourceKind.HEADER,
                (line_start + len(head["indent"]), at),
                key,
                line[: found.end].strip(),
                "the date header runs into the first sentence",
            )
        )
    elif head["indent"]:
        scan.problems.append(
            DateProblem(
                ProblemKind.MALFORMED_HEADER,
                SourceKind.HEADER,
                (line_start, line_start + len(head["indent"])),
                key,
                line.strip(),
                "the date header is indented",
            )
        )
    return True


def _dateline_date(scan: _Scan, line: str, comma: int) -> DateMatch | None:
    after = comma + 1 + (len(line[comma + 1 :]) - len(line[comma + 1 :].lstrip()))
    return scan.parser.match(line, after, allow_no_year=True)


def _scan_dateline(scan: _Scan, line_start: int, line: str, has_digit: bool) -> bool:
    """Read `line` as a dateline; True when it dates the document. A dateline without a date
    ("LONDON (AP) —") is remembered for DAT001's message."""
    offset = len(line) - len(line.lstrip(_MARKUP)) if line[:1] in _MARKUP else 0
    if line[offset + 1 : offset + 2].islower() and "(" not in line:
        # Most lines. A place with a lower-case second letter is not in capitals (every place
        # is two characters or more), so without an "(agency)" only a date can make the line
        # a dateline, and the date follows a comma right after the place: a place has at most
        # four spaces, and no digit.
        if not has_digit:
            return False
        comma = line.find(",", offset)
        if comma < 0 or line.count(" ", offset, comma) > _PLACE_SPACES:
            return False
    place = _DATELINE_PLACE.match(line, offset)
    if place is None:
        return False
    position = place.end()
    caps = place["place"].isupper()
    found: DateMatch | None = None
    if line.startswith(",", position):
        found = _dateline_date(scan, line, position)
        if found is None:
            region = _DATELINE_REGION.match(line, position)  # "SAN FRANCISCO, Calif., …"
            if region is None:
                return False
            position = region.end()
            if line.startswith(",", position):
                found = _dateline_date(scan, line, position)
                if found is None:
                    return False
        if found is not None:
            position = found.end
    agency = _DATELINE_AGENCY.match(line, position)
    if found is None and not agency and not caps:
        return False  # a title-case place with neither date nor agency: prose, not a dateline
    if agency:
        position = agency.end()
    dash = _DATELINE_DASH.match(line, position)
    if dash is None or dash.end() >= len(line) or (found is None and not agency and not caps):
        return False
    if line[position:].lstrip().startswith(":") and found is None:
        return False
    if found is None:
        if caps or agency:
            scan.undated_datelines.append(line[offset:position].strip())
        return False
    scan.add(found, SourceKind.DATELINE, None, line_start)
    return True


def _byline_prefix(lexicon: DateLexicon) -> re.Pattern[str]:
    words = "|".join(re.escape(p) for p in lexicon.byline_prefixes)
    return re.compile(rf"(?:{words})\s", re.IGNORECASE)


def _scan_byline(scan: _Scan, line_start: int, line: str) -> bool:
    """Read `line` as a byline or a line that is only a date; the caller has checked that it
    holds a digit (every date does)."""
    stripped = line.strip(_MARKUP)
    if not stripped or len(stripped) > 160:
        return False
    base = line_start + line.index(stripped)
    is_byline = scan.plan.byline.match(stripped) is not None
    segments: list[tuple[int, str]] = []
    position = 0
    separators = _SEPARATOR.finditer(stripped) if _SEPARATOR_MARK.search(stripped) else ()
    for separator in separators:
        segments.append((position, stripped[position : separator.start()]))
        position = separator.end()
    segments.append((position, stripped[position:]))
    if is_byline and len(segments) == 1:
        # "By Ana Ruiz, March 3, 2025" or "By Ana Ruiz on 3 March 2025"
        for joint in _BYLINE_JOINT.finditer(stripped):
            found = scan.parser.match(stripped, joint.end(), allow_no_year=False)
            if found is not None and not stripped[found.end :].strip(" .,"):
                scan.add(found, SourceKind.BYLINE, None, base)
                return True
        return False
    dated: list[DateMatch] = []
    named = is_byline
    several = len(segments) > 1  # a name only counts beside a date in another segment
    for start, segment in segments:
        text = segment.strip()
        lead = _LEAD_WORDS.match(text)
        skip = lead.end() if lead else 0
        inner = start + (len(segment) - len(segment.lstrip())) + skip
        found = scan.parser.match(stripped, inner, allow_no_year=False)
        if found is not None and not stripped[found.end : start + len(segment)].strip(" .,"):
            dated.append(found)
        elif several and (_NAME.match(text) or _READ_TIME.match(text)):
            named = True
    if not dated or (len(segments) > 1 and not named):
        return False
    if len(segments) == 1 and len(stripped) - (dated[0].end - dated[0].start) > 0:
        lead = _LEAD_WORDS.match(stripped)
        if not lead:
            return False
    source = SourceKind.BYLINE if len(segments) > 1 or is_byline else SourceKind.HEADER
    scan.add(dated[0], source, None, base)
    return True


def _scan_top_lines(scan: _Scan, body_start: int, limit: int) -> None:
    """Read the first `limit` non-blank lines after `body_start`, outside code blocks, as date
    headers, datelines and bylines, until one is none of those and reads as prose: the body has
    begun, and later dates are history."""
    header = scan.plan.header
    code_lines = _code_lines(scan.doc)
    read = 0
    for number, line_start, end, text, _ending in scan.doc.lines:
        if end < body_start or not text or text.isspace() or number in code_lines:
            continue
        line = text[:_LINE_HEAD]
        head = header.match(line)
        if head is None or not _scan_header(scan, line_start, line, head):
            has_digit = _has_digit(line)
            if (
                not _scan_dateline(scan, line_start, line, has_digit)
                and not (has_digit and _scan_byline(scan, line_start, line))
                and _reads_as_prose(text)
            ):
                return
        read += 1
        if read >= limit:
            return


def _reads_as_prose(line: str) -> bool:
    spaces = line.count(" ", 0, 400)
    return spaces >= 13 or (spaces >= 7 and line.rstrip().endswith(_SENTENCE_END))


def _code_lines(doc: Document) -> Container[int]:
    """Numbers of the lines inside code blocks, read only when a backtick appears near the top.
    Only fences, or indented code in Markdown, make code lines: without either, the Markdown
    analysis is not needed."""
    text = doc.text
    if text.find("`", 0, 4000) < 0:
        return ()
    if not (is_markdown_path(doc.path) or may_hold_a_fence(text)):
        return ()
    return doc.analysis(markdown_regions).code_lines


_LINE_HEAD = 240  # headers, datelines and bylines sit at the start of a line
_DIGIT = re.compile(r"\d")  # the same digits as the date patterns' \d
_ASCII_DIGIT = re.compile(r"[0-9]")  # a cheaper class, enough for an ASCII line


def _has_digit(line: str) -> bool:
    if _ASCII_DIGIT.search(line) is not None:
        return True
    return not line.isascii() and _DIGIT.search(line) is not None


_SENTENCE_END = (".", "!", "?", '"', "”", "’", ")")


# -- the analysis ------------------------------------------------------------------------------


def analyse_dates(doc: Document, settings: DateSettings = DEFAULT_SETTINGS) -> DateAnalysis:
    plan = _plan_for(settings)
    scan = _Scan(doc, plan, plan.parser)
    looked_at: list[str] = []
    if doc.metadata:
        _scan_fields(scan, doc.metadata, settings, looked_at, doc.date_fields)
    body_start = 0
    front_matter = doc.front_matter if doc.text[:1] in "-+\ufeff" else None
    if front_matter is not None:
        body_start = front_matter.end
        _scan_front_matter(scan, front_matter, looked_at)
    _scan_top_lines(scan, body_start, settings.header_lines)
    looked_at.append(plan.lines_looked_at)
    candidates = scan.candidates
    publication = _most_trusted(candidates) if candidates else None
    prose_start = body_start
    for item in (*candidates, *scan.problems):
        if item.span is not None and item.span[1] > prose_start:
            prose_start = item.span[1]
    matcher = plan.matcher

    def relative() -> list[RelativeExpression]:
        return _relative_expressions(doc, matcher, body_start, prose_start)

    return DateAnalysis(
        publication, candidates, scan.problems, looked_at, scan.undated_datelines, relative
    )


def _most_trusted(candidates: list[DateCandidate]) -> DateCandidate:
    """A date to the day wins over a partial one, then the more trusted source."""
    if len(candidates) == 1:
        return candidates[0]
    return min(candidates, key=lambda c: (c.value.precision is not Precision.DAY, _TRUST[c.source]))


def _scan_fields(
    scan: _Scan,
    metadata: Mapping[str, Any],
    settings: DateSettings,
    looked_at: list[str],
    named_fields: tuple[str, ...] = (),
) -> None:
    """Read the date fields of a record: those named with --date-field first, then the
    rules' `fields` option."""
    names = tuple(dict.fromkeys((*named_fields, *settings.fields)))
    folded = _folded_keys(metadata)
    present = []
    for name in names:
        found, key, value = _lookup(metadata, name, folded)
        if not found:
            continue
        present.append(key)
        _add_value(scan, SourceKind.METADATA, key, value, None)
    fields = ", ".join(names)
    empty = f" ({', '.join(present)} present but empty)" if present else ""
    looked_at.append(f"record fields {fields}{empty}")


def _scan_front_matter(scan: _Scan, front_matter: Any, looked: list[str]) -> None:
    data = front_matter.data if isinstance(front_matter.data, dict) else {}
    folded = _folded_keys(data)
    spans: dict[str, tuple[int, int]] | None = None
    error = front_matter.error
    for name in scan.plan.settings.fields:
        if error is None and "." not in name and name not in data and name.lower() not in folded:
            continue  # most fields are absent
        found, key, value = _lookup(data, name, folded)
        if not found and error is None:
            continue
        if spans is None:
            spans = _front_matter_spans(scan.doc, front_matter.body_start, front_matter.end)
        span = spans.get(name.lower())
        if not found:
            if span is None:
                continue
            key = name  # the block did not parse (a YAML date like 2024-02-30 breaks it)
            value = _strip_quotes(scan.doc.text[span[0] : span[1]])
        _add_value(scan, SourceKind.FRONT_MATTER, key, value, span)
    looked.append(scan.plan.front_matter_looked_at)


def _add_value(
    scan: _Scan, source: SourceKind, key: str, value: Any, span: tuple[int, int] | None
) -> None:
    read = _read_value(value, scan.parser)
    if read is None:
        return
    text = str(value)[:80]
    if isinstance(read, str):
        scan.problems.append(
            DateProblem(ProblemKind.UNPARSEABLE, source, span, key, text, f"{text!r} is {read}")
        )
    elif read.value is None:
        reason = read.impossible or "not a date"
        scan.problems.append(DateProblem(ProblemKind.IMPOSSIBLE, source, span, key, text, reason))
    else:
        scan.candidates.append(DateCandidate(read.value, source, span, key, text))


def _relative_expressions(
    doc: Document, matcher: Any, body_start: int, prose_start: int
) -> list[RelativeExpression]:
    text = doc.text
    found = matcher.find(text, body_start, prose_start)
    if not found:
        return []
    regions = doc.analysis(markdown_regions) if ("`" in text or "<!--" in text) else None
    if regions is None:
        return found
    return [expression for expression in found if not regions.contains(expression.start)]


# -- sharing one analysis per settings ---------------------------------------------------------


@lru_cache(maxsize=64)
def _analyser(settings: DateSettings) -> Callable[[Document], DateAnalysis]:
    def analyse(doc: Document) -> DateAnalysis:
        return analyse_dates(doc, settings)

    return analyse


def date_analysis(doc: Document, settings: DateSettings = DEFAULT_SETTINGS) -> DateAnalysis:
    """The analysis for `settings`, computed once per document and settings."""
    if settings is DEFAULT_SETTINGS or settings == DEFAULT_SETTINGS:
        return doc.dates
    return doc.analysis(_analyser(settings))
