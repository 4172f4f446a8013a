"""Findings cross process boundaries (pool workers, Ray) by pickling: nothing may be lost."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from lint.finding import Edit, Finding, Fix, Location, RecordRef, Severity

_TEXT = st.text(max_size=30)
_NUMBER = st.integers(min_value=0, max_value=10**9)
_LOCATION = st.builds(Location, row=st.integers(1, 10**6), column=st.integers(1, 10**6))
_EDIT = st.builds(
    Edit, content=_TEXT, start=_NUMBER, end=_NUMBER, location=_LOCATION, end_location=_LOCATION
)
_FIX = st.builds(
    Fix,
    applicability=st.sampled_from(["safe", "unsafe"]),
    message=st.none() | _TEXT,
    edits=st.lists(_EDIT, max_size=3).map(tuple),
)
_FINDING = st.builds(
    Finding,
    code=st.sampled_from(["ENC001", "WS005", "PLG0001"]),
    name=_TEXT,
    message=_TEXT,
    severity=st.sampled_from(list(Severity)),
    filename=_TEXT,
    record=st.none() | st.builds(RecordRef, index=_NUMBER, id=st.none() | _TEXT),
    location=_LOCATION,
    end_location=_LOCATION,
    offset=_NUMBER,
    end_offset=_NUMBER,
    fix=st.none() | _FIX,
    source_line=st.none() | _TEXT,
    fingerprint=st.none() | st.text(alphabet="0123456789abcdef", max_size=16),
)


@given(_FINDING)
def test_a_pickled_finding_comes_back_equal_with_every_field(finding: Finding) -> None:
    restored = pickle.loads(pickle.dumps(finding, protocol=pickle.HIGHEST_PROTOCOL))
    assert restored == finding
    assert restored.model_dump() == finding.model_dump()
    assert restored.source_line == finding.source_line
    assert restored.fingerprint == finding.fingerprint
    assert type(restored.severity) is Severity and hash(restored) == hash(finding)
    assert Finding.model_validate(restored.model_dump()).model_dump() == finding.model_dump()
