"""The shape of catalog.json, as models computed from the family registry: its JSON Schema is
published beside it (a public contract, versioned by SCHEMA_VERSION like the page addresses are by
docs/stable-links.md)."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from types import GenericAlias
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from stackguide.lifecycle import Status
from stackguide.model import PARTIAL_DATE_PATTERN, SCHEMA_VERSION, PageRecord, State

if TYPE_CHECKING:  # the registry names ExportedStatus in its entries' export fields
    from stackguide.families import Family

CATALOG_SCHEMA_NAME = "catalog.schema.json"


class ExportedStatus(BaseModel):
    """An entry's state on the day the site was built, derived from its lifecycle events."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    state: State
    since: str | None = Field(description="Date of the event that set the state; null while active.",
                              pattern=PARTIAL_DATE_PATTERN)
    since_by: bool = Field(description="The date is an upper bound: it had happened by then.")
    since_reported: bool = Field(description="Only secondary sources report the event that set the state.")
    successor: str | None = Field(description="Id of the entry AWS named as its successor; it may have closed "
                                  "since (see use_instead).")
    use_instead: str | None = Field(description="Id of the entry to start with instead: the successor, or what "
                                    "replaced it since, if that is open to new customers; null when there is none.")
    ends: str | None = Field(description="An announced end of support still to come.", pattern=PARTIAL_DATE_PATTERN)
    ending_soon: bool = Field(description="The announced end is within a year of the build.")


_URL = Field(description="The page's address: absolute, under the site's address.", pattern=r"^(https?://|/)")


def export_lists(families: Iterable[Family]) -> dict[str, type[PageRecord]]:
    """catalog.json's lists, in registry order, each with the model of its pages."""
    lists: dict[str, type[PageRecord]] = {}
    for family in families:
        lists.setdefault(family.listed_in, family.model)
    return lists


def exported_model(family: Family, kinds: tuple[str, ...] | None = None) -> type[BaseModel]:
    """A page as catalog.json gives it: its data, then its kind (one of `kinds`, the families its list
    holds) and address, then the family's additions."""
    extra: dict[str, Any] = {field.name: (field.model, ...) for field in family.exports}
    kind = Field(description="The page family (see stable-links).",
                 json_schema_extra={"enum": [*(kinds or (family.key,))]})
    model: type[BaseModel] = create_model(f"Exported{family.model.__name__}", __base__=family.model,
                                          kind=(str, kind), url=(str, _URL), **extra)
    return model


@functools.lru_cache(maxsize=4)  # one set of classes per registry, shared by the schema and catalog.json
def list_models(families: tuple[Family, ...]) -> dict[str, type[BaseModel]]:
    """The model of each of catalog.json's lists, in registry order: its first family's exported model
    (the families of a list share their model and their export fields; a test checks)."""
    first = {family.listed_in: family for family in reversed(families)}
    kinds = {name: tuple(family.key for family in families if family.listed_in == name) for name in first}
    return {name: exported_model(first[name], kinds[name]) for name in export_lists(families)}


@functools.lru_cache(maxsize=4)  # the same for every build with this registry: once per process
def catalog_export(families: tuple[Family, ...]) -> type[BaseModel]:
    """catalog.json's own model, one list per export list of the registry: its JSON Schema is published,
    and catalog.json is written through it."""
    lists: dict[str, Any] = {name: (GenericAlias(list, (model,)), ...)
                             for name, model in list_models(families).items()}
    model: type[BaseModel] = create_model(
        "CatalogExport",
        __config__=ConfigDict(extra="forbid", title=f"catalog.json, schema version {SCHEMA_VERSION}"),
        __doc__=f"catalog.json: every generated page of the guide, by kind: {', '.join(export_lists(families))}.",
        schema_=(str, Field(alias="$schema", description="The address of this schema.")),
        schema_version=(int, Field(description="Bumped when a field changes incompatibly.",
                                   json_schema_extra={"const": SCHEMA_VERSION})),
        **lists,
    )
    return model


def exported_status(status: Status, use_instead: str | None) -> ExportedStatus:
    # Not validated again (about 10 ms at 300 entries): the loader checked the events, and
    # lifecycle.status derived these values from them.
    return ExportedStatus.model_construct(
        state=status.state, since=status.since, since_by=status.since_by, since_reported=status.since_reported,
        successor=status.successor, use_instead=use_instead, ends=status.ends, ending_soon=status.ending_soon)


@functools.lru_cache(maxsize=4)  # the same for every build with this registry: once per process
def schema_text(families: tuple[Family, ...]) -> str:
    """catalog.json's published schema for this registry, with its own address (`$id`) left as
    its file name: catalog_schema puts the site's address there."""
    schema = catalog_export(families).model_json_schema(mode="serialization", by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = CATALOG_SCHEMA_NAME
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def catalog_schema(text: str, site_url: str) -> str:
    """The schema as the site publishes it, under the site's address."""
    return text.replace(_RELATIVE_ID, f'\n  "$id": {json.dumps(site_url + CATALOG_SCHEMA_NAME)},\n', 1)


_RELATIVE_ID = f'\n  "$id": "{CATALOG_SCHEMA_NAME}",\n'  # a top-level key, as schema_text writes it
