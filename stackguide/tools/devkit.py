"""What the tests and the benchmark share: the parts of a project copy, and how to start Chromium."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# What a copy of the project needs in order to build (the package itself is installed).
PROJECT_PARTS = ["mkdocs.yml", "macros.py", "docs", "overrides", "CONTRIBUTING.md"]
# Debian's chromium on a closed network: no sandbox as root, no background connections.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    """A loopback port nothing listens on now, for a server a test or benchmark starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ctrl_c_stops() -> None:
    """For a child process's preexec_fn: a shell starts background jobs with SIGINT ignored and a
    child keeps that, so a child that Ctrl-C must stop gets the default back."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def serve(project: Path, port: int, env: dict[str, str], output: int = subprocess.DEVNULL) -> subprocess.Popen[str]:
    """`mkdocs serve` of `project` on a loopback port, its output (both streams) to `output`; stop
    it with stop_serving."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.Popen([str(mkdocs), "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"], cwd=project,
                            env=env, stdout=output, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=ctrl_c_stops)


def stop_serving(process: subprocess.Popen[str], seconds: float = 30) -> None:
    """Stop `mkdocs serve` as Ctrl-C does: it then removes the copy of the site it made in the
    temporary folder (on SIGTERM it dies with it left behind, some 20 MB a run). Killed if it does
    not end within `seconds`."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def chromium_path() -> str | None:
    """Debian's chromium when present (or $CHROMIUM); otherwise None, and Playwright uses its own."""
    explicit = os.environ.get("CHROMIUM")
    return explicit or shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def copy_project(root: Path, dest: Path, data: bool = True) -> Path:
    """The project's site parts, with its data/ or (data=False) none."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS + (["data"] if data else []):
        source = root / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        else:
            shutil.copy2(source, dest / part)
    return dest


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves a folder's files without a log line per request."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(directory: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler) -> Iterator[str]:
    """`directory` served on loopback while the block runs; yields its origin, so that a site can be
    built for it (canonical addresses, the sitemap and the feeds use site_url) before or after the
    server starts."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
