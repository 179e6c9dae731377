"""JSON Schemas for editors, generated from the model; `python -m stackguide.tools.schema` rewrites them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import BaseModel

from stackguide.errors import os_error_reason, printable
from stackguide.families import DATA_DIR, FAMILIES, SCHEMA_FOLDER, SINGLE_FILES
from stackguide.tools.project import ProjectError, project_options

SCHEMA_DIR = Path(DATA_DIR) / SCHEMA_FOLDER


def schemas() -> dict[str, type[BaseModel]]:
    """File name -> model: one schema per model, named after it (entry.schema.json, ...)."""
    models: list[type[BaseModel]] = [family.model for family in FAMILIES] + list(SINGLE_FILES.values())
    return {f"{model.__name__.lower()}.schema.json": model for model in models}


def render_schema(model: type[BaseModel]) -> str:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def stale_schemas(root: Path, folder: Path = SCHEMA_DIR) -> list[str]:
    """Schema files that are missing, differ from the model, or belong to no model."""
    expected = schemas()
    stale = [str(folder / name) for name, model in expected.items()
             if not (root / folder / name).is_file()
             or (root / folder / name).read_text(encoding="utf-8") != render_schema(model)]
    stale += [str(folder / path.name) for path in sorted((root / folder).glob("*.json"))
              if path.name not in expected]
    return stale


def write_schemas(root: Path, folder: Path = SCHEMA_DIR) -> None:
    (root / folder).mkdir(parents=True, exist_ok=True)
    expected = schemas()
    for path in (root / folder).glob("*.json"):
        if path.name not in expected:
            path.unlink()
    for name, model in expected.items():
        (root / folder / name).write_text(render_schema(model), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0]).parse_args(argv)
    root = Path.cwd()
    try:
        data_dir = project_options(root).data_dir
    except ProjectError as err:
        print(err, file=sys.stderr)
        return 2
    if not (root / data_dir).resolve().is_relative_to(root.resolve()):  # it removes stray schemas there
        print(f"data_dir '{printable(data_dir)}' is outside this project; schemas are written only inside it",
              file=sys.stderr)
        return 2
    if not (root / data_dir).is_dir():
        print(f"no {printable(data_dir)}/ folder here; run this in the project's folder (beside mkdocs.yml)",
              file=sys.stderr)
        return 2
    folder = Path(data_dir) / SCHEMA_FOLDER
    try:
        write_schemas(root, folder)
    except OSError as err:
        print(f"{printable(str(folder))}: cannot write the schemas: {os_error_reason(err)}", file=sys.stderr)
        return 1
    print(f"wrote {len(schemas())} schemas to {printable(str(folder))}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
