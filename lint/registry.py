"""Discovers rules through the `seedlint.rules` entry-point group (built-ins use it too)."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType

from lint.rule import CODE_PATTERN, Rule

ENTRY_POINT_GROUP = "seedlint.rules"


class RegistryError(Exception):
    """A rule pack could not be loaded, or two rules claim one code."""


@dataclass(frozen=True)
class RegisteredRule:
    rule: type[Rule]
    pack: str  # entry point name
    distribution: str  # "name version" of the package that provides it

    @property
    def code(self) -> str:
        return self.rule.code


def _rules_in(obj: object) -> list[type[Rule]]:
    if isinstance(obj, ModuleType):
        if hasattr(obj, "RULES"):
            return _rules_in(obj.RULES)
        return [
            value
            for value in vars(obj).values()
            if inspect.isclass(value)
            and issubclass(value, Rule)
            and value is not Rule
            and value.__module__ == obj.__name__
            and "code" in vars(value)
        ]
    if inspect.isclass(obj) and issubclass(obj, Rule):
        return [obj]
    if callable(obj) and not inspect.isclass(obj):
        return _rules_in(obj())
    if isinstance(obj, Iterable) and not isinstance(obj, str | bytes):
        return [rule for item in obj for rule in _rules_in(item)]
    raise TypeError(f"expected a Rule class, a module or a list of rules, got {type(obj).__name__}")


def _distribution(entry_point: EntryPoint) -> str:
    dist = entry_point.dist
    return f"{dist.name} {dist.version}" if dist is not None else "unknown"


def _validate(rule: type[Rule], where: str) -> None:
    for attribute in ("code", "name", "family"):
        if not isinstance(getattr(rule, attribute, None), str):
            raise RegistryError(f"{where}: rule {rule.origin()} does not declare `{attribute}`")
    if not CODE_PATTERN.match(rule.code):
        raise RegistryError(
            f"{where}: rule {rule.origin()} has code {rule.code!r}; "
            "codes are 1-5 capital letters then 3-4 digits, like ENC001"
        )


def load_entry_points(entry_points_: Iterable[EntryPoint]) -> dict[str, RegisteredRule]:
    registered: dict[str, RegisteredRule] = {}
    for entry_point in sorted(entry_points_, key=lambda ep: (ep.name, ep.value)):
        distribution = _distribution(entry_point)  # parses the package metadata: once per pack
        origin = f"{entry_point.value}, from {distribution}"
        where = f"rule pack {entry_point.name!r} ({origin})"
        try:
            loaded = entry_point.load()
        except Exception as error:  # a plugin's import can fail in any way
            raise RegistryError(
                f"{where} failed to import: {type(error).__name__}: {error}"
            ) from error
        try:
            rules = _rules_in(loaded)
        except Exception as error:
            raise RegistryError(f"{where}: {error}") from error
        for rule in rules:
            _validate(rule, where)
            claimed = registered.get(rule.code)
            if claimed is not None and claimed.rule is not rule:
                raise RegistryError(
                    f"two rules claim code {rule.code}: {claimed.rule.origin()} "
                    f"(pack {claimed.pack!r}) and {rule.origin()} (pack {entry_point.name!r})"
                )
            registered[rule.code] = RegisteredRule(rule, entry_point.name, distribution)
    return dict(sorted(registered.items()))


@cache
def registry() -> dict[str, RegisteredRule]:
    """Every installed rule, by code."""
    return load_entry_points(entry_points(group=ENTRY_POINT_GROUP))


def rule_classes() -> dict[str, type[Rule]]:
    return {code: registered.rule for code, registered in registry().items()}


def pack_versions() -> list[str]:
    """The installed rule packs and their versions (part of the findings cache key)."""
    return sorted({f"{r.pack}={r.distribution}" for r in registry().values()})
