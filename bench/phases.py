"""Where a build's time goes, and how long the preview takes to show a saved change.

    python bench/phases.py PROJECT [PROJECT ...]   # phase split of one build of each project
    python bench/phases.py --preview PROJECT       # save-to-served latency of `mkdocs serve`

The split wraps the functions that do each kind of work with wall-clock timers, in one
in-process build (so the figures add up to that build's time); no profiler distorts them.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from stackguide.tools.devkit import free_port, serve, stop_serving

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

PHASES = ["start-up", "data load and checks", "page generation (ours)", "macros", "page macros (ours)",
          "Markdown conversion",
          "glossary links (ours)", "theme rendering", "search index", "search fields (ours)",
          "rest of our plugin", "writing", "other"]
OURS = {"data load and checks", "page generation (ours)", "page macros (ours)", "glossary links (ours)",
        "search fields (ours)", "rest of our plugin"}


class Timers:
    """Accumulates wall time and CPU time per phase, exclusively: time spent in a phase timed inside
    another (our glossary links inside Markdown conversion) counts for the inner one only. CPU time
    (the process's own) moves less than wall time when other work shares the machine."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.pages: dict[str, float] = defaultdict(float)
        self._stack: list[str] = []

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        start, start_cpu = time.perf_counter(), time.process_time()
        self._stack.append(name)
        try:
            yield
        finally:
            self._stack.pop()
            for totals, elapsed in ((self.totals, time.perf_counter() - start),
                                    (self.cpu, time.process_time() - start_cpu)):
                totals[name] += elapsed
                if self._stack:
                    totals[self._stack[-1]] -= elapsed

    def wrap(self, owner: Any, attribute: str, name: str, per_page: bool = False) -> None:
        setattr(owner, attribute, self.timed(getattr(owner, attribute), name, per_page))

    def timed(self, original: Callable[..., Any], name: str, per_page: bool = False) -> Callable[..., Any]:
        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            with self.phase(name):
                result = original(*args, **kwargs)
            if per_page and args:
                page = args[0]
                self.pages[getattr(getattr(page, "file", None), "src_uri", "?")] += time.perf_counter() - start
            return result

        return timed


Split = tuple[dict[str, float], dict[str, float], float, float]  # wall s per phase, per page, in all; CPU share ours


def phase_split(project: Path) -> Split:
    """One in-process `mkdocs build` of `project`: seconds per phase, per page, and in all, and the
    share of the build's CPU time our own code took.
    Start-up counts the imports of MkDocs, Material and the plugins, and loading the config."""
    imports, imports_cpu = time.perf_counter(), time.process_time()
    from material.plugins.search.plugin import SearchPlugin
    from mkdocs import utils
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    timers = Timers()
    timers.wrap(Page, "render", "Markdown conversion", per_page=True)
    timers.wrap(build, "_build_template", "theme rendering")
    timers.wrap(build, "_build_page", "theme rendering")
    timers.wrap(SearchPlugin, "on_page_context", "search index")
    timers.wrap(SearchPlugin, "on_post_build", "search index")
    timers.wrap(utils, "write_file", "writing")
    timers.wrap(Files, "copy_static_files", "writing")
    with contextlib.suppress(ImportError):
        from mkdocs_macros.plugin import MacrosPlugin
        timers.wrap(MacrosPlugin, "on_page_markdown", "macros")
    with contextlib.suppress(ImportError):
        from mkdocs.plugins import CombinedEvent

        from stackguide import glossary, pages, plugin
        for hook in [name for name in vars(plugin.StackGuidePlugin) if name.startswith("on_")]:
            handler = vars(plugin.StackGuidePlugin)[hook]  # what the phases below leave
            if isinstance(handler, CombinedEvent):  # an event with several handlers: time each
                setattr(plugin.StackGuidePlugin, hook, CombinedEvent(
                    *(timers.timed(method, "rest of our plugin") for method in handler.methods)))
            else:
                timers.wrap(plugin.StackGuidePlugin, hook, "rest of our plugin")
        timers.wrap(plugin, "load_catalog", "data load and checks")
        timers.wrap(pages, "generated_pages", "page generation (ours)")
        timers.wrap(glossary._FirstMentions, "run", "glossary links (ours)")
        timers.wrap(plugin, "write_search_index", "search fields (ours)")
        from stackguide import pagemacros  # what hand-written pages' macros render is ours too
        for name in list(pagemacros.MACROS):
            pagemacros.MACROS[name] = timers.timed(pagemacros.MACROS[name], "page macros (ours)")
    with tempfile.TemporaryDirectory() as site:
        cwd = os.getcwd()
        os.chdir(project)
        try:
            config = load_config(str(project / "mkdocs.yml"), site_dir=site)
            config.plugins.on_startup(command="build", dirty=False)
            timers.totals["start-up"] += time.perf_counter() - imports
            build.build(config)
            config.plugins.on_shutdown()
            total, total_cpu = time.perf_counter() - imports, time.process_time() - imports_cpu
        finally:
            os.chdir(cwd)
    timers.totals["other"] = total - sum(value for key, value in timers.totals.items() if key != "other")
    ours_cpu = sum(timers.cpu.get(phase, 0.0) for phase in OURS) / total_cpu
    return dict(timers.totals), dict(timers.pages), total, ours_cpu


def phase_split_in_subprocess(project: Path, temp_dir: Path | None = None) -> Split:
    """phase_split in a fresh interpreter, so each project pays its own imports and start-up.
    `temp_dir` is the temporary folder the build sees: an empty one holds none of the templates
    earlier builds compiled (stackguide.compiledcache), as on a machine that never built the site."""
    env = {**os.environ, "TMPDIR": str(temp_dir)} if temp_dir is not None else None
    result = subprocess.run([sys.executable, __file__, "--json", str(project)], capture_output=True, text=True,
                            check=True, env=env)
    import json
    data = json.loads(result.stdout.splitlines()[-1])
    return data["phases"], data["pages"], data["total"], data["ours_cpu"]


def share_of_ours(split: Split) -> float:
    """The share of a build's wall time our own code took."""
    phases, _, total, _ = split
    return sum(phases.get(phase, 0.0) for phase in OURS) / total


def print_split(splits: dict[str, Split]) -> None:
    names = list(splits)
    print("| phase | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for phase in PHASES:
        cells = []
        for name in names:
            phases, _, total, _ = splits[name]
            seconds = phases.get(phase, 0.0)
            cells.append(f"{seconds:.2f} s ({100 * seconds / total:.0f}%)" if seconds else "-")
        print(f"| {phase} | " + " | ".join(cells) + " |")
    print("| **all** | " + " | ".join(f"**{splits[n][2]:.2f} s**" for n in names) + " |")
    for name in names:
        phases, pages, total, ours_cpu = splits[name]
        ours = share_of_ours(splits[name]) * total
        costly = sorted(pages.items(), key=lambda item: -item[1])[:3]
        print(f"\n{name}: our own code {ours:.2f} s, {100 * ours / total:.1f}% of the build "
              f"({100 * ours_cpu:.1f}% of its CPU time). Costliest pages "
              "(Markdown conversion): " + ", ".join(f"{page} {1000 * seconds:.0f} ms" for page, seconds in costly))


# -- the preview --------------------------------------------------------------------------------

def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return ""


def preview_latency(project: Path, data_file: str, page: str, runs: int = 5) -> list[float]:
    """Seconds from saving a changed summary in `data_file` until `page` is served with it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = serve(project, port, {**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    path = project / data_file
    original = path.read_text()
    latencies = []
    try:
        _wait(lambda: bool(_fetch(base + page)), 120)
        for run in range(runs):
            marker = f"Latency marker {run} {time.time_ns()}"
            changed = _with_marker(original, marker)
            time.sleep(1.0)  # let the previous rebuild settle
            start = time.perf_counter()
            path.write_text(changed)
            _wait(lambda marker=marker: marker in _fetch(base + page), 60)
            latencies.append(time.perf_counter() - start)
    finally:
        path.write_text(original)
        stop_serving(server)
    return latencies


def _with_marker(text: str, marker: str) -> str:
    """The data file with `marker` at the start of its summary (plain or folded)."""
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("summary:"))
    if lines[index].rstrip().endswith((">-", ">", "|", "|-")):
        indent = len(lines[index + 1]) - len(lines[index + 1].lstrip())
        lines[index + 1] = " " * indent + marker + " " + lines[index + 1].lstrip()
    else:
        lines[index] = lines[index].replace("summary: ", f"summary: {marker} ", 1)
    return "\n".join(lines)


def _wait(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise SystemExit("timed out waiting for the preview")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("projects", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true", help="print one project's split as JSON (internal)")
    parser.add_argument("--preview", action="store_true")
    args = parser.parse_args()
    if args.json:
        import json
        phases, pages, total, ours_cpu = phase_split(args.projects[0].resolve())
        print(json.dumps({"phases": phases, "pages": pages, "total": total, "ours_cpu": ours_cpu}))
        return
    if args.preview:
        for project in args.projects:
            latencies = preview_latency(project.resolve(), "data/services/amazon-polly.yaml",
                                        "services/amazon-polly/")
            print(f"{project}: median {statistics.median(latencies):.2f} s, runs "
                  + ", ".join(f"{value:.2f}" for value in latencies))
        return
    print_split({project.name: phase_split_in_subprocess(project.resolve()) for project in args.projects})


if __name__ == "__main__":
    main()
