"""The live preview: `mkdocs serve` picks up a new YAML file, and reports a broken one cleanly."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import ENTRY, SITE_SETTINGS, write


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return 0


def wait_for(url: str, code: int, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if status(url) == code:
            return True
        time.sleep(0.5)
    return False


def test_serve_shows_a_new_entry_and_reports_bad_data(project_copy: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in SITE_SETTINGS} | {"NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project_copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(server.stdout.readline, "")), daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{port}/"
    expected = "data/services/zz-broken.yaml:1: missing required key 'name'"
    try:
        assert wait_for(base, 200), "the preview did not start"
        assert status(base + "services/zz-live/") == 404
        live = ENTRY.format(id="zz-live", name="Zz Live", layer="ai-services")
        write(project_copy, "data/services/zz-live.yaml", live)
        assert wait_for(base + "services/zz-live/", 200), "the new entry did not appear in the preview"
        write(project_copy, "data/services/zz-broken.yaml", "id: zz-broken\n")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(expected in line for line in lines):
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
        reader.join(timeout=10)
    output = "".join(lines)
    assert expected in output
    assert "Traceback" not in output
