"""JSON Schemas for editors, generated from the model; `python -m stackguide.schema` rewrites them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from stackguide.model import Comparison, Entry, Glossary, Layer, Onboarding, Tags

SCHEMA_DIR = Path("data") / "schema"
SCHEMAS: dict[str, type[BaseModel]] = {
    "entry.schema.json": Entry,
    "layer.schema.json": Layer,
    "comparison.schema.json": Comparison,
    "glossary.schema.json": Glossary,
    "onboarding.schema.json": Onboarding,
    "tags.schema.json": Tags,
}


def render_schema(model: type[BaseModel]) -> str:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def stale_schemas(root: Path) -> list[str]:
    """Schema files that are missing or differ from the model."""
    stale = []
    for name, model in SCHEMAS.items():
        path = root / SCHEMA_DIR / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render_schema(model):
            stale.append(str(SCHEMA_DIR / name))
    return stale


def write_schemas(root: Path) -> None:
    (root / SCHEMA_DIR).mkdir(parents=True, exist_ok=True)
    for name, model in SCHEMAS.items():
        (root / SCHEMA_DIR / name).write_text(render_schema(model), encoding="utf-8")


if __name__ == "__main__":
    write_schemas(Path.cwd())
    print(f"wrote {len(SCHEMAS)} schemas to {SCHEMA_DIR}/", file=sys.stderr)
