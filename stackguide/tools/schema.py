"""JSON Schemas for editors, generated from the model; `python -m stackguide.tools.schema` rewrites them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import BaseModel

from stackguide.errors import os_error_reason, printable
from stackguide.families import FAMILIES, SCHEMA_FOLDER, SINGLE_FILES
from stackguide.files import DATA_DIR

SCHEMA_DIR = Path(DATA_DIR) / SCHEMA_FOLDER


def schemas() -> dict[str, type[BaseModel]]:
    """File name -> model: one schema per model, named after it (entry.schema.json, ...)."""
    models: list[type[BaseModel]] = [family.model for family in FAMILIES] + list(SINGLE_FILES.values())
    return {f"{model.__name__.lower()}.schema.json": model for model in models}


def render_schema(model: type[BaseModel]) -> str:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def stale_schemas(root: Path) -> list[str]:
    """Schema files that are missing, differ from the model, or belong to no model."""
    expected = schemas()
    stale = [str(SCHEMA_DIR / name) for name, model in expected.items()
             if not (root / SCHEMA_DIR / name).is_file()
             or (root / SCHEMA_DIR / name).read_text(encoding="utf-8") != render_schema(model)]
    stale += [str(SCHEMA_DIR / path.name) for path in sorted((root / SCHEMA_DIR).glob("*.json"))
              if path.name not in expected]
    return stale


def write_schemas(root: Path) -> None:
    (root / SCHEMA_DIR).mkdir(parents=True, exist_ok=True)
    expected = schemas()
    for path in (root / SCHEMA_DIR).glob("*.json"):
        if path.name not in expected:
            path.unlink()
    for name, model in expected.items():
        (root / SCHEMA_DIR / name).write_text(render_schema(model), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0]).parse_args(argv)
    root = Path.cwd()
    if not (root / DATA_DIR).is_dir():
        print(f"no {DATA_DIR}/ folder here; run this in the project's folder (beside mkdocs.yml)", file=sys.stderr)
        return 2
    try:
        write_schemas(root)
    except OSError as err:
        print(f"{printable(str(SCHEMA_DIR))}: cannot write the schemas: {os_error_reason(err)}", file=sys.stderr)
        return 1
    print(f"wrote {len(schemas())} schemas to {SCHEMA_DIR}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
