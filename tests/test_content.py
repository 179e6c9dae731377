"""The real content: every item of the 2017 notes has a faithful page, what a 2026 newcomer needs is
there, and the guides for contributors match the code."""

from __future__ import annotations

import pytest
from conftest import ROOT, BuiltSite

from stackguide import render
from stackguide.catalog import Catalog
from stackguide.families import ENTRY_FAMILIES, FAMILIES
from stackguide.markup import Markdown
from stackguide.model import Entry, Verdict
from stackguide.resolve import walk
from stackguide.sources import REFUSED_HOSTS
from stackguide.tools.htmlscan import parse_file

pytestmark = pytest.mark.content

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
NOTES_STORIES = {"tensorflow": ["Pinterest", "FINRA", "2Simple"], "spark-mllib": ["Netflix"],
                 "amazon-rekognition": ["C-SPAN"]}
# What a 2026 reader needs beside the notes' items: successors (issue 3) and the services of 2026 (issue 12).
TODAY_ITEMS = ["aws-trainium", "aws-inferentia", "pytorch-on-aws", "amazon-sagemaker-ai", "amazon-bedrock",
               "amazon-lex-v1", "aws-lake-formation", "aws-glue-data-catalog", "trino",
               "amazon-q-developer", "amazon-q-business", "amazon-bedrock-agentcore", "amazon-nova", "aws-glue",
               "amazon-s3-vectors", "amazon-opensearch-service", "amazon-s3-tables", "amazon-kinesis-data-streams",
               "amazon-msk", "amazon-managed-service-for-apache-flink", "aws-neuron-sdk",
               "aws-deep-learning-containers", "amazon-emr-serverless", "amazon-emr-on-eks", "amazon-personalize",
               "amazon-quicksight"]
TODAY_COMPARISONS = ["analytics-services", "frameworks-then-and-now", "vector-stores-on-aws",
                     "ways-to-run-spark-on-aws"]
# Figures in the notes that no source confirms: they may appear only as unverified claims.
UNCONFIRMED_FIGURES = ["99,000", "3 weeks", "25 PB", "25 petabytes"]
SECTIONS = ["then-and-now", "what-it-is", "key-capabilities", "how-it-fits", "official-links", "sources"]


@pytest.mark.parametrize("item", sorted(NOTES_ITEMS))
def test_notes_item_has_a_page_with_every_section(catalog: Catalog, site: BuiltSite, item: str) -> None:
    entry = catalog.entry(NOTES_ITEMS[item])
    assert entry.notes_say, f"{entry.id}: say what the notes said about {item}"
    page = parse_file(site.path / catalog.page_url(entry) / "index.html")
    assert not [section for section in SECTIONS if section not in page.ids], entry.id


def test_notes_customer_stories_are_on_their_pages(catalog: Catalog) -> None:
    for entry_id, names in NOTES_STORIES.items():
        assert [story.name for story in catalog.entry(entry_id).stories] == names


def test_what_a_2026_newcomer_needs_is_covered(catalog: Catalog) -> None:
    ids = {item.id for item in catalog.pages()}
    assert not [item for item in TODAY_ITEMS + TODAY_COMPARISONS if item not in ids]
    assert catalog.layer("ingestion").group.value == "data-store"


def test_every_layer_has_entries(catalog: Catalog) -> None:
    assert all(catalog.entries_in(layer.id) for layer in catalog.layers)


def test_the_home_diagram_draws_every_current_entry(catalog: Catalog) -> None:
    """Today no layer outgrows its box (docs/maintainers.md says so): when one does, decide whether
    to raise render.DIAGRAM_CHIP_MAX or let its '+ N more' link show the rest."""
    crowded = {layer.id: box.more for layer in catalog.layers if (box := render.diagram_box(catalog, layer)).more}
    assert not crowded, f"layers with more current entries than {render.DIAGRAM_CHIP_MAX} chips: {crowded}"


def test_unconfirmed_figures_only_appear_as_the_notes_claims(catalog: Catalog) -> None:
    """On every page, in every text (plain or Markdown): only as what the notes say, or as a story's
    claim marked unverified."""
    seen = 0
    for item in catalog.pages():
        for loc, value in walk(item):
            text = value.source if isinstance(value, Markdown) else value
            if not isinstance(text, str) or not any(figure in text for figure in UNCONFIRMED_FIGURES):
                continue
            seen += 1
            if loc[0] == "stories" and loc[-1] == "text":
                assert isinstance(item, Entry)
                claim = item.stories[int(loc[1])].claims[int(loc[3])]
                assert claim.verdict is Verdict.UNVERIFIED, f"{item.id}: {claim.text}"
            elif loc[0] == "stories" and loc[-1] == "summary":
                assert "unverified" in text or "could not" in text or "no " in text, \
                    f"{item.id} {loc}: say the figure is unconfirmed"
            else:
                assert loc == ("notes_say",), f"{item.id} {loc}: an unconfirmed figure stated as fact"
    assert seen >= 4  # the notes' own figures are on their pages: Rekognition's two, Spark's and its layer's


def test_onboarding_links_every_step_in_order(catalog: Catalog, site: BuiltSite) -> None:
    page = parse_file(site.path / "onboarding/index.html")
    content = [link.href for link in page.links if not link.in_nav and "sg-step" in link.classes]
    steps = [step for day in catalog.onboarding.days for step in day.steps]
    assert content == [f"../{catalog.page_url(catalog.item(step.page))}" for step in steps]


def test_changes_page_links_every_change_and_newcomer(catalog: Catalog, site: BuiltSite) -> None:
    page = parse_file(site.path / "changes/index.html")
    content = {link.href for link in page.links if not link.in_nav}
    for entry in (*catalog.changes(), *catalog.newcomers()):
        assert f"../{catalog.page_url(entry)}" in content, entry.id
    assert "changes/" in {link.href for link in parse_file(site.path / "index.html").links if not link.in_nav}


def test_contributing_guide_names_every_kind_folder_and_refused_host() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for family in ENTRY_FAMILIES:
        assert f"`{family.key}`" in guide, f"CONTRIBUTING.md does not name the kind {family.key}"
    for family in FAMILIES:
        assert f"`{family.folder}`" in guide, f"CONTRIBUTING.md does not name the folder {family.folder}"
    for host in REFUSED_HOSTS:
        assert f"`{host}`" in guide, f"CONTRIBUTING.md does not list the refused host {host}"


def test_stable_links_page_lists_every_folder(site: BuiltSite) -> None:
    html = (site.path / "stable-links/index.html").read_text()
    for family in FAMILIES:
        assert f"/{family.folder}/&lt;id&gt;/" in html, family.folder
