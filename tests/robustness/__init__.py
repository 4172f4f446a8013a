"""Reliability and security: hostile input, broken plugins, bad paths and configuration,
interrupted runs, injection-proof output, and nothing run from data (issue 8, docs/SECURITY.md)."""
