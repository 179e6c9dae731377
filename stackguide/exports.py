"""The shape of catalog.json, as models: its JSON Schema is published beside it (a public contract,
versioned by SCHEMA_VERSION like the page addresses are by docs/stable-links.md)."""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field

from stackguide.lifecycle import Status
from stackguide.model import SCHEMA_VERSION, Comparison, Entry, Layer, State

CATALOG_SCHEMA_NAME = "catalog.schema.json"


class ExportedStatus(BaseModel):
    """An entry's state on the day the site was built, derived from its lifecycle events."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    state: State
    since: str | None = Field(description="Date of the event that set the state; null while active.")
    since_by: bool = Field(description="The date is an upper bound: it had happened by then.")
    since_reported: bool = Field(description="Only secondary sources report the event that set the state.")
    successor: str | None = Field(description="Id of the entry to use instead.")
    ends: str | None = Field(description="An announced end of support still to come.")
    ending_soon: bool = Field(description="The announced end is within a year of the build.")


class _Page(BaseModel):
    kind: str = Field(description="The page family: layer, service, framework, ... (see stable-links).")
    url: str = Field(description="The page's absolute address.")


class ExportedLayer(Layer, _Page):
    pass


class ExportedEntry(Entry, _Page):
    status: ExportedStatus


class ExportedComparison(Comparison, _Page):
    pass


class CatalogExport(BaseModel):
    """catalog.json: every layer, entry and comparison of the guide."""

    model_config = ConfigDict(extra="forbid", title=f"catalog.json, schema version {SCHEMA_VERSION}")

    schema_: str = Field(alias="$schema", description="The address of this schema.")
    schema_version: int = Field(description="Bumped when a field changes incompatibly.",
                                json_schema_extra={"const": SCHEMA_VERSION})
    layers: list[ExportedLayer]
    entries: list[ExportedEntry]
    comparisons: list[ExportedComparison]


def exported_status(status: Status) -> ExportedStatus:
    return ExportedStatus(state=status.state, since=status.since, since_by=status.since_by,
                          since_reported=status.since_reported, successor=status.successor, ends=status.ends,
                          ending_soon=status.ending_soon)


def catalog_schema(site_url: str) -> str:
    schema = CatalogExport.model_json_schema(mode="serialization", by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = site_url + CATALOG_SCHEMA_NAME
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
