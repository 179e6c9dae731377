"""The entries a sentence names are found as by one alternation of every name."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any, cast

from hypothesis import example, given, settings
from hypothesis import strategies as st

from stackguide.consistency import Names

_NAMES = ["Amazon S3", "S3", "s3 glacier", "Glacier", "AWS Glue", "Glue", "Kinesis", "Kinesis Data Streams", "EMR",
          "Amazon EMR", "Spark", "I/O", "C++", "Ma\u0131l", "\u017fes", "Sea", "K\u212aey", "\u0130ris", "a.b"]
_WORDS = st.sampled_from([*_NAMES, "amazon s3", "GLUE", "glue-ish", "x", "mail", "MAIL", "ses", "SES", "iris",
                          "Iris", "kkey", "I/o", "c++", "a-b", "ab", " ", ", ", ". ", "\u00e9", "retired"])


@settings(max_examples=1000, deadline=None)
@given(entries=st.lists(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=3), max_size=8),
       sentence=st.lists(_WORDS, max_size=12).map(" ".join))
@example(entries=[["\u017fes glue"], ["Glue"]], sentence="ses glue")  # the long name takes the text, finding none
def test_the_names_a_sentence_may_hold_find_what_all_names_find(entries: list[list[str]], sentence: str) -> None:
    names = Names(cast(Any, SimpleNamespace(id=f"e{index}", name=found[0], previous_names=found[1:]))
                  for index, found in enumerate(entries))
    every = sorted(names.by_name, key=len, reverse=True)
    expected: list[Any] = []
    if every:
        pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, every)) + r")\b", re.IGNORECASE)
        found = (names.by_name.get(match.group(0).lower()) for match in pattern.finditer(sentence))
        expected = list({id(entry): entry for entry in found if entry is not None}.values())
    assert names.named(sentence) == expected
