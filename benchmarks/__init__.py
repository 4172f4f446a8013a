"""`make bench`: a deterministic synthetic corpus and the harness that times seedlint on it.

corpus.py builds the corpus (prose.py writes clean documents from vocabulary.py's word lists,
defects.py injects labelled defects); run.py runs each scenario as a child process through
measure.py; baseline.py is the read/decode/split floor. RESULTS.md holds the latest table.
"""
