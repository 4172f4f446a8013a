"""Drivers for the tools `make bench` compares seedlint with, each run in its own throwaway venv.

They import nothing from seedlint or from the rest of `benchmarks`: the venv that runs them has
only the compared tool installed.
"""
