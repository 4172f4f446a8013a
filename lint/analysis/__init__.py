"""Analyses shared by rules, each computed lazily once per document (see `lint.document`)."""
