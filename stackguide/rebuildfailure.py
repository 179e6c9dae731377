"""A rebuild of the preview that stops (mkdocs.yml that cannot be read or is refused, strict mode's
abort on a warning, a plugin's error): every page of the open tab shows what stopped it, and no
request waits.

MkDocs' own server, after a rebuild that raised, prints a traceback and holds every request until
a rebuild succeeds ("The server will appear stuck"): a tab that asks for a page spins, and a
mistake in mkdocs.yml shows nowhere but the terminal. The plugin wraps the server's builder: the
warnings and errors MkDocs logged in the failed rebuild, and what stopped it, are printed once and
written over every page of the preview's folder (the last good site), so the rebuild counts as done
and live reload shows them. The next good rebuild writes every page again.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from pathlib import Path

import yaml
from mkdocs.exceptions import Abort, ConfigurationError

from stackguide import preview

_CONFIG_VALUE = re.compile(r"Config value '([^'.]+)")  # how MkDocs names the setting it refuses
_DOC_FILE = re.compile(r"Doc file '([^']+)'")  # ... and the page a warning is about


class _RebuildLog(logging.Handler):
    """The warnings and errors logged during one rebuild, as their messages."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class RebuildFailures:
    """Keeps a preview answering after a failed rebuild (see the module's docstring)."""

    def __init__(self, logger: logging.Logger, site_dir: str, site_name: str, config_file: str | None,
                 docs_dir: str) -> None:
        self.logger = logger
        self.site_dir = site_dir
        self.site_name = site_name
        self.config_file = config_file
        self.docs = Path(docs_dir).name  # as the project shows it: docs/
        self.recorder = _RebuildLog()

    def listen(self) -> None:
        """Record from now on what the logger says (a rebuild starts)."""
        self.recorder.messages.clear()
        if self.recorder not in self.logger.handlers:
            self.logger.addHandler(self.recorder)

    def first_build_warned(self) -> bool:
        """The preview's first build, which runs before the server's builder can be wrapped, logged a
        warning that strict mode would have stopped it for (the plugin kept it from counting): show
        them as a failed rebuild's, and the preview starts all the same."""
        if not self.recorder.messages:
            return False
        count = len(self.recorder.messages)
        self.show(self.messages(Abort(f"Aborted with {count} warning{'s' if count != 1 else ''} in strict mode!")))
        return True

    def wrap(self, builder: Callable[[], None]) -> Callable[[], None]:
        def build() -> None:
            self.listen()
            try:
                builder()
            except Exception as err:  # Abort too, MkDocs' refusal of a build (also a SystemExit)
                if not isinstance(err, (ConfigurationError, Abort)):
                    self.logger.exception("the rebuild raised an error")  # a bug somewhere: its traceback
                self.show(self.messages(err))
        return build

    def stop(self) -> None:
        """Stop listening to the logger (the preview ends)."""
        self.logger.removeHandler(self.recorder)

    def messages(self, err: BaseException) -> list[tuple[str, str]]:
        """(where, message) for what the failed rebuild logged, then what stopped it."""
        found = [(self._where(message), message) for message in self.recorder.messages]
        found.append(self._stopped(err))
        return list(dict.fromkeys(found))  # a message logged twice is listed once

    def _stopped(self, err: BaseException) -> tuple[str, str]:
        mark = getattr(err.__context__, "problem_mark", None)  # mkdocs.yml's YAML: the parser's error
        if isinstance(err.__context__, yaml.YAMLError) and mark is not None and self.config_file:
            problem = getattr(err.__context__, "problem", None) or str(err.__context__)
            # At the end of the file, the parser marks the line after the last, which no editor shows.
            last = len(self._config_lines()) or 1
            return f"{Path(self.config_file).name}:{min(mark.line + 1, last)}", f"YAML syntax error: {problem}"
        return "", str(err) or type(err).__name__

    def _where(self, message: str) -> str:
        """mkdocs.yml:<line> for a message about one of its settings ("Config value 'plugins': ..."),
        at the line that sets it; docs/<page> for a message about a page; else nothing."""
        if (page := _DOC_FILE.match(message)) is not None:
            return f"{self.docs}/{page.group(1)}"
        if self.config_file is None or (named := _CONFIG_VALUE.match(message)) is None:
            return ""
        key = re.compile(rf"{re.escape(named.group(1))}\s*:")
        number = next((number for number, line in enumerate(self._config_lines(), start=1) if key.match(line)), None)
        return f"{Path(self.config_file).name}:{number}" if number else Path(self.config_file).name

    def _config_lines(self) -> list[str]:
        try:
            return Path(self.config_file or "").read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []

    def show(self, messages: list[tuple[str, str]]) -> None:
        """Print the messages, and write the page that lists them over every page of the folder."""
        listed = "\n".join(f"  {where + ': ' if where else ''}{message}" for where, message in messages)
        preview.log_failure(f"The rebuild stopped:\n{listed}\nThe preview shows this on every page until a "
                            "rebuild succeeds.")
        for folder, _, names in os.walk(self.site_dir):
            for name in names:
                if name.endswith(".html"):
                    path = os.path.join(folder, name)
                    url = "/" + os.path.relpath(path, self.site_dir).replace(os.sep, "/").removesuffix("index.html")
                    with open(path, "w", encoding="utf-8") as page:
                        page.write(preview.failure_page(messages, self.site_name, url))
