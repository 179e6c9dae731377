"""The JSON Schemas editors use are generated from the model, one per model, and kept current."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from stackguide.tools.schema import SCHEMA_DIR, stale_schemas, write_schemas


def test_schemas_match_the_model() -> None:
    stale = stale_schemas(ROOT)
    assert not stale, f"out of date: {', '.join(stale)}; run `make schema` and commit the result"


def test_a_stale_or_stray_schema_is_found(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    assert stale_schemas(tmp_path) == []
    (tmp_path / SCHEMA_DIR / "entry.schema.json").write_text("{}")
    (tmp_path / SCHEMA_DIR / "old.schema.json").write_text("{}")
    assert stale_schemas(tmp_path) == [str(SCHEMA_DIR / "entry.schema.json"), str(SCHEMA_DIR / "old.schema.json")]


def test_every_data_file_points_editors_at_its_schema() -> None:
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), f"{path}: first line must name the schema"
        schema = (path.parent / first.split("=", 1)[1]).resolve()
        assert schema.is_file() and schema.parent == (ROOT / SCHEMA_DIR).resolve(), f"{path}: {schema} not found"
