"""`make review` (python -m stackguide.tools.review): claims and entries due for a check, oldest
first, and what the last `make watch` found upstream."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from stackguide.errors import DataError, os_error_reason, printable
from stackguide.load import BuildDateError, build_date, load_catalog
from stackguide.review import CLAIM_MAX_AGE, ENTRY_MAX_AGE, markdown_report, review_queue, watch_summary
from stackguide.tools.project import ProjectError, project_options


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--today", type=dt.date.fromisoformat, help="default: the build's date (SOURCE_DATE_EPOCH "
                        "or the machine's)")
    parser.add_argument("--markdown", type=Path, help="also write the queue as a Markdown checklist")
    args = parser.parse_args(argv)
    try:
        args.today = args.today or build_date()
        catalog = load_catalog(Path.cwd(), data_dir=project_options(Path.cwd()).data_dir, today=args.today)
    except (DataError, ProjectError, BuildDateError) as err:
        print(err, file=sys.stderr)
        return 2
    queue = review_queue(catalog, args.today)
    for item in queue:
        print(item.describe(args.today))
    print(f"{len(queue)} to review as of {args.today} (claims after {CLAIM_MAX_AGE.days} days, "
          f"entries after {ENTRY_MAX_AGE.days})")
    watch = catalog.watch
    for line in watch_summary(watch):
        print(line)
    if args.markdown:
        try:
            args.markdown.write_text(markdown_report(queue, args.today, watch), encoding="utf-8")
        except OSError as err:
            print(f"{printable(str(args.markdown))}: cannot write the checklist: {os_error_reason(err)}",
                  file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
