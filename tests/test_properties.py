"""Property-based: any file content either loads or fails as a DataError with file and line."""

from __future__ import annotations

import re
import string
from pathlib import Path

import yaml
from conftest import ENTRY, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackguide.errors import DataError
from stackguide.load import load_catalog

PROBLEM = re.compile(r"^data/[\w./-]+:\d+: .+", re.DOTALL)
VALID = yaml.safe_load(ENTRY.format(id="one", name="One", layer="alpha"))

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["alpha", "retired", "2026-11-24", "https://x.y/z"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(string.ascii_lowercase, min_size=1, max_size=8), inner, max_size=3),
                      max_leaves=8)


def check(root: Path, text: str) -> None:
    write(root, "data/services/one.yaml", text)
    try:
        load_catalog(root)
    except DataError as err:
        assert err.problems, "a DataError must carry at least one problem"
        for problem in err.problems:
            assert PROBLEM.match(str(problem)), str(problem)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(text=st.text(max_size=200))
def test_random_text(data_root: Path, text: str) -> None:
    check(data_root, text)


@SETTINGS
@given(key=st.sampled_from(sorted(VALID)), value=values)
def test_one_field_mutated(data_root: Path, key: str, value: object) -> None:
    check(data_root, yaml.safe_dump({**VALID, key: value}, sort_keys=False))


@SETTINGS
@given(drop=st.sets(st.sampled_from(sorted(VALID))), extra=st.dictionaries(st.text(min_size=1, max_size=10), values,
                                                                          max_size=2))
def test_fields_dropped_or_added(data_root: Path, drop: set[str], extra: dict) -> None:
    mutated = {k: v for k, v in VALID.items() if k not in drop} | extra
    check(data_root, yaml.safe_dump(mutated, sort_keys=False))


JUNK = ["", ":", "- ", "  ", "[", "{", "&a", "*a", "!!"]


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=400), junk=st.sampled_from(JUNK))
def test_truncated_or_corrupted(data_root: Path, cut: int, junk: str) -> None:
    text = ENTRY.format(id="one", name="One", layer="alpha")
    check(data_root, text[:cut] + junk + text[cut:])
