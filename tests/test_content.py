"""Content: every item of the source notes has a faithful page, and every claim a source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT
from html_tools import parse_page

from stackguide.catalog import page_url
from stackguide.load import load_catalog
from stackguide.model import State, Verdict

# Every item the 2017 notes name (../shared/seed/aws-ml-services-notes.md), with the entry that covers it.
NOTES_ITEMS = {
    "Product recommendations": "product-recommendations",
    "Robotics path optimization": "robotics-path-optimization",
    "Alexa NLU and ASR": "alexa-nlu-asr",
    "Computer vision in Prime Air": "prime-air-computer-vision",
    "Computer vision in Amazon Go": "amazon-go-just-walk-out",
    "Optimized GPU-based instances": "gpu-instances",
    "Deep Learning AMI": "deep-learning-ami",
    "Apache MXNet": "apache-mxnet",
    "Caffe": "caffe",
    "Caffe 2": "caffe2",
    "TensorFlow": "tensorflow",
    "Apache Spark on Amazon EMR": "apache-spark-on-emr",
    "SparkML": "spark-mllib",
    "Amazon Rekognition": "amazon-rekognition",
    "Amazon Polly": "amazon-polly",
    "Amazon Lex": "amazon-lex",
    "S3 as data lake": "amazon-s3",
    "Amazon Athena": "amazon-athena",
    "Amazon Redshift": "amazon-redshift",
    "Amazon Redshift Spectrum": "amazon-redshift-spectrum",
    "Amazon EMR": "amazon-emr",
    "Presto": "presto",
    "Hive": "apache-hive",
    "Pig": "apache-pig",
}
# Customer stories the notes name, on the page of the entry they belong to.
NOTES_STORIES = {"tensorflow": ["Pinterest", "FINRA", "2Simple"], "spark-mllib": ["Netflix"],
                 "amazon-rekognition": ["C-SPAN"]}
# What a 2026 reader needs beside the notes' items (issue 3).
TODAY_ITEMS = ["aws-trainium", "aws-inferentia", "pytorch-on-aws", "amazon-sagemaker-ai", "amazon-bedrock",
               "amazon-lex-v1", "aws-lake-formation", "aws-glue-data-catalog", "trino"]
# Figures in the notes that no source confirms: they may appear only as unverified claims.
UNCONFIRMED_FIGURES = ["99,000", "3 weeks", "25 PB", "25 petabytes"]
SECTIONS = ["what-it-is", "what-is-true-now", "key-capabilities", "how-it-fits", "official-links", "sources"]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT)


@pytest.mark.parametrize("item", sorted(NOTES_ITEMS))
def test_notes_item_has_a_page_with_every_section(catalog, built_site: Path, item: str) -> None:
    entry = catalog.entry(NOTES_ITEMS[item])
    assert entry.notes_say, f"{entry.id}: say what the notes said about {item}"
    page = parse_page(built_site / page_url(entry) / "index.html")
    missing = [section for section in [*SECTIONS, "what-the-notes-said"] if section not in page.ids]
    assert not missing, f"{entry.id} lacks sections {missing}"


@pytest.mark.parametrize("entry_id", sorted(NOTES_STORIES))
def test_notes_customer_stories_are_on_their_pages(catalog, built_site: Path, entry_id: str) -> None:
    entry = catalog.entry(entry_id)
    assert [story.name for story in entry.stories] == NOTES_STORIES[entry_id]
    page = parse_page(built_site / page_url(entry) / "index.html")
    assert "customer-stories" in page.ids


def test_todays_successors_are_covered(catalog) -> None:
    for entry_id in TODAY_ITEMS:
        assert catalog.entry(entry_id).summary


def test_every_layer_of_the_notes_has_a_page(catalog, built_site: Path) -> None:
    for layer in catalog.layers:
        assert (built_site / page_url(layer) / "index.html").is_file()
        assert catalog.entries_in(layer.id), f"layer {layer.id} has no entries"


def test_status_rules(catalog) -> None:
    for entry in catalog.entries:
        status = entry.status
        if status.state is not State.ACTIVE:
            assert status.date, f"{entry.id}: a {status.state} status needs a date"
            assert status.successor or status.note, f"{entry.id}: say what replaced it, or why"
        if status.state in (State.SUPERSEDED, State.RETIRED) and status.successor is None:
            assert len(status.note) > 40, f"{entry.id}: with no successor, the note must give the reason"
        if status.state is State.RENAMED:
            assert entry.previous_names, f"{entry.id}: a renamed entry lists its earlier names"


def test_every_entry_has_sources_and_a_review_date(catalog) -> None:
    for item in (*catalog.layers, *catalog.entries):
        assert item.sources, f"{item.id}: needs at least one source URL"
        assert item.reviewed.year >= 2026, f"{item.id}: review it again"


def test_every_related_id_resolves(catalog) -> None:
    for entry in catalog.entries:
        for related in entry.related:
            assert catalog.item(related)
        if entry.status.successor:
            assert catalog.entry(entry.status.successor)


def test_unconfirmed_figures_only_appear_as_the_notes_claims(catalog) -> None:
    for entry in catalog.entries:
        for figure in UNCONFIRMED_FIGURES:
            assert figure not in entry.description and figure not in entry.status.note, entry.id
            assert all(figure not in capability for capability in entry.capabilities), entry.id
            for story in entry.stories:
                for claim in story.claims:
                    if figure in claim.text:
                        assert claim.verdict is Verdict.UNVERIFIED, f"{entry.id}: {claim.text}"
                if figure in story.summary:
                    assert "could not be" in story.summary, f"{entry.id}: say the figure is unconfirmed"


def test_glossary_terms_become_tooltips(built_site: Path) -> None:
    html = (built_site / "services" / "deep-learning-ami" / "index.html").read_text()
    assert re.search(r'<abbr title="Amazon Machine Image">AMI</abbr>', html)


def test_onboarding_links_every_step(catalog, built_site: Path) -> None:
    page = parse_page(built_site / "onboarding" / "index.html")
    content = [link.href for link in page.links if not link.in_nav and link.href.startswith("../")]
    steps = [step for day in catalog.onboarding.days for step in day.steps]
    expected = [f"../{page_url(catalog.item(step.page))}" for step in steps]
    assert [href for href in content if href in expected] == expected


def test_contributing_guide_names_every_kind_and_folder() -> None:
    from stackguide.model import COMPARISON_FOLDER, KIND_FOLDERS, LAYER_FOLDER, Kind

    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for kind in Kind:
        assert f"`{kind.value}`" in guide, f"CONTRIBUTING.md does not name the kind {kind.value}"
    for folder in [*KIND_FOLDERS.values(), LAYER_FOLDER, COMPARISON_FOLDER]:
        assert f"`{folder}`" in guide, f"CONTRIBUTING.md does not name the folder {folder}"


def test_stable_links_page_lists_every_folder(built_site: Path) -> None:
    from stackguide.model import COMPARISON_FOLDER, KIND_FOLDERS, LAYER_FOLDER

    html = (built_site / "stable-links" / "index.html").read_text()
    for folder in [*KIND_FOLDERS.values(), LAYER_FOLDER, COMPARISON_FOLDER]:
        assert f"/{folder}/&lt;id&gt;/" in html, folder


def test_changes_page_links_every_change_and_newcomer(catalog, built_site: Path) -> None:
    page = parse_page(built_site / "changes" / "index.html")
    content = {link.href for link in page.links if not link.in_nav}
    for entry in (*catalog.changes(), *catalog.newcomers()):
        assert f"../{page_url(entry)}" in content, entry.id
    retired = [entry for entry in catalog.entries if entry.status.state is State.RETIRED]
    assert retired and all(entry in catalog.changes() for entry in retired)
    home = parse_page(built_site / "index.html")
    assert "changes/" in {link.href for link in home.links if not link.in_nav}
