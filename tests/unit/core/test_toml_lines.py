"""Line numbers for keys and tables, so pack errors can point at them."""

from __future__ import annotations

from app.core.toml_lines import TomlLocator

TEXT = '''schema = 1
id = "x"

[policy]
title = "T"
text = """
key = "inside a string, not a key"
"""
after = 2

[[sections]]
id = "a"

[[sections]]
id = "b"

[[questionnaire.questions]]
id = "q1"
[[questionnaire.questions.rules]]
check = "equals"
[[questionnaire.questions]]
id = "q2"
[[questionnaire.questions.rules]]
check = "answered"
'''


def test_keys_tables_and_array_entries() -> None:
    """Each path resolves to its own line, with array entries counted separately."""
    locate = TomlLocator(TEXT).line_of
    assert locate(("id",)) == 2
    assert locate(("policy", "title")) == 5
    assert locate(("policy", "after")) == 9
    assert locate(("sections", 1, "id")) == 15
    assert locate(("questionnaire", "questions", 1, "rules", 0, "check")) == 24


def test_unknown_path_falls_back_to_enclosing_table() -> None:
    """A missing key is reported at the table that should hold it."""
    locate = TomlLocator(TEXT).line_of
    assert locate(("sections", 0, "title")) == 11
    assert locate(("nothing",)) == 1
