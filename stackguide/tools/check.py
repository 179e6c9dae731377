"""Check data/ without building the site: `python -m stackguide.tools.check [FILE ...]`.

With file arguments, only those files' problems are printed (the whole catalog is still loaded,
because references cross files). Exit status 1 when a problem is printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stackguide.errors import DataError, report
from stackguide.load import load_catalog


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("files", nargs="*", help="data files to report on (default: all)")
    parser.add_argument("--drafts", action="store_true", help="allow TODO, as the preview does")
    args = parser.parse_args(argv)
    root = Path.cwd()
    wanted = {Path(name).resolve().relative_to(root).as_posix() for name in args.files}
    try:
        catalog = load_catalog(root, drafts=args.drafts)
    except DataError as err:
        problems = [p for p in err.problems if not wanted or p.path in wanted]
        if problems:
            print(report(problems), file=sys.stderr)
            return 1
        print(f"no problems in {len(wanted)} file(s); {len(err.problems)} elsewhere in data/")
        return 0
    print(f"data/ is valid: {len(catalog.entries)} entries, {len(catalog.layers)} layers, "
          f"{len(catalog.comparisons)} comparisons")
    return 0


if __name__ == "__main__":
    sys.exit(main())
