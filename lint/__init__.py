"""seedlint: a quality-check linter for text corpora.

The public API for rule packs: `Rule`, `rule`, `RuleOptions`, `FixAvailability`, `Document`,
`Finding`, `Fix`, `Edit`, `Severity`.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("seedlint")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

from lint.document import Document, Line, Paragraph
from lint.finding import Edit, Finding, Fix, Location, RecordRef, Severity
from lint.rule import FixAvailability, Rule, RuleOptions, rule

__all__ = [
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "FixAvailability",
    "Line",
    "Location",
    "Paragraph",
    "RecordRef",
    "Rule",
    "RuleOptions",
    "Severity",
    "__version__",
    "rule",
]
