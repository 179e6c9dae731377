"""The family registry is consistent: what the catalog, the exports and the templates rely on holds
for every family, whatever families the registry lists."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import ENTRY, LAYER, write

from stackguide import pages
from stackguide.catalog import Catalog
from stackguide.exports import CATALOG_SCHEMA_NAME, catalog_export, export_lists
from stackguide.families import ENTRY_FAMILIES, FAMILIES, Family, family_by_key
from stackguide.load import load_catalog
from stackguide.model import Entry
from stackguide.render import TEMPLATES


def shared(attribute: Callable[[Family], Any]) -> dict[type, set[Any]]:
    values: dict[type, set[Any]] = {}
    for family in FAMILIES:
        values.setdefault(family.model, set()).add(attribute(family))
    return values


def test_families_of_one_model_share_their_order_and_their_catalog_json_list() -> None:
    """The catalog orders a model's pages together and catalog.json lists them together."""
    assert all(len(orders) == 1 for orders in shared(lambda family: family.order).values())
    lists = shared(lambda family: family.listed_in)
    assert all(len(names) == 1 for names in lists.values())
    assert len({name for names in lists.values() for name in names}) == len(lists), "one list per model"


def test_folders_keys_and_templates_are_unique_and_present() -> None:
    assert len({family.folder for family in FAMILIES}) == len(FAMILIES)
    assert len({family.key for family in FAMILIES}) == len(FAMILIES)
    assert all(family_by_key(family.key) is family for family in FAMILIES)
    assert all((TEMPLATES / family.template).is_file() for family in FAMILIES)
    assert set(ENTRY_FAMILIES) == {family for family in FAMILIES if family.model is Entry}


def test_the_catalog_keeps_the_registry_order_and_every_page_once(tiny_catalog: Catalog) -> None:
    assert tiny_catalog.families == FAMILIES
    everything = [item.id for family in FAMILIES for item in tiny_catalog.members(family)]
    assert [item.id for item in tiny_catalog.pages()] == everything
    assert sorted(everything) == sorted(item.id for items in tiny_catalog.items.values() for item in items)


def test_the_catalog_orders_pages_by_their_familys_key_not_by_file_name(data_root: Path) -> None:
    """Layers by position, entries by their layer's rank and then name: an order that file names
    (aaa, alpha, bbb, beta, one, two) would not give."""
    write(data_root, "data/layers/alpha.yaml", LAYER.format(id="alpha", name="Alpha", position=2))
    write(data_root, "data/layers/beta.yaml", LAYER.format(id="beta", name="Beta", position=1))
    write(data_root, "data/services/aaa.yaml", ENTRY.format(id="aaa", name="Zulu", layer="alpha"))
    write(data_root, "data/services/bbb.yaml", ENTRY.format(id="bbb", name="Bravo", layer="alpha"))
    catalog = load_catalog(data_root)
    assert [layer.id for layer in catalog.layers] == ["beta", "alpha"]
    assert [entry.id for entry in catalog.entries] == ["two", "bbb", "one", "aaa"]
    assert [item.id for item in catalog.pages()][:6] == ["beta", "alpha", "two", "bbb", "one", "aaa"]


def test_the_families_of_one_catalog_json_list_add_the_same_fields() -> None:
    """catalog.json writes a list's pages through its first family's model: the others' fields must be its fields."""
    added: dict[str, set[tuple[tuple[str, type], ...]]] = {}
    for family in FAMILIES:
        added.setdefault(family.listed_in, set()).add(tuple((field.name, field.model) for field in family.exports))
    assert all(len(fields) == 1 for fields in added.values()), added


def test_catalog_json_has_one_list_per_export_list_and_follows_its_schema(tiny_catalog: Catalog) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pydantic warns when a value does not fit the model it is written through
        document = json.loads(pages.catalog_json(tiny_catalog, "https://example.org/"))
    names = list(export_lists(FAMILIES))
    assert list(document) == ["$schema", "schema_version", *names]
    catalog_export(FAMILIES).model_validate(document)  # the published schema's own model accepts it
    for name, model in export_lists(FAMILIES).items():
        assert [record["id"] for record in document[name]] == [item.id for item in tiny_catalog.of_model(model)]
        exported = {record["kind"] for record in document[name]}
        assert exported <= {family.key for family in FAMILIES if family.listed_in == name}


def test_the_published_schema_is_the_models_under_the_sites_address(tiny_catalog: Catalog) -> None:
    site = "https://example.org/guide/"
    published = json.loads(pages.outputs(tiny_catalog, "Guide", "", site)[CATALOG_SCHEMA_NAME])
    expected = catalog_export(FAMILIES).model_json_schema(mode="serialization", by_alias=True)
    assert published == {**expected, "$schema": "https://json-schema.org/draft/2020-12/schema",
                         "$id": site + CATALOG_SCHEMA_NAME}


@pytest.mark.content  # relies on today's data having an entry with two predecessors
def test_predecessors_are_every_entry_that_names_it_as_successor_in_catalog_order(catalog: Catalog) -> None:
    for entry in catalog.entries:
        expected = tuple(other for other in catalog.entries if catalog.status(other).successor == entry.id)
        assert catalog.predecessors(entry) == expected, entry.id
    assert any(len(catalog.predecessors(entry)) > 1 for entry in catalog.entries), "the real data has such entries"
