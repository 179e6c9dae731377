"""Check data/ without building the site: `python -m stackguide.tools.check [FILE ...]`.

With file arguments, only those files' problems are printed (the whole catalog is still loaded,
because references cross files). Without, a page file the git history removed (a data file or a
hand-written page) must also have left its address to another page (stackguide.tools.addresses).
Exit status 1 when a problem is printed, 2 when an argument is not a data file of this project.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from stackguide.errors import DataError, printable, report
from stackguide.families import DATA_DIR
from stackguide.load import BuildDateError, load_catalog
from stackguide.tools.addresses import HistoryUnavailable, project_lost_addresses
from stackguide.tools.project import ProjectError, project_options


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("files", nargs="*", help="data files to report on (default: all)")
    parser.add_argument("--drafts", action="store_true", help="allow TODO, as the preview does")
    args = parser.parse_args(argv)
    root = Path.cwd()
    try:
        data_dir = project_options(root).data_dir
    except ProjectError as err:
        print(err, file=sys.stderr)
        return 2
    wanted, refused = asked_for(root, args.files, data_dir)
    if refused:
        print("\n".join(refused), file=sys.stderr)
        return 2
    try:
        catalog = load_catalog(root, data_dir=data_dir, drafts=args.drafts)
    except BuildDateError as err:
        print(err, file=sys.stderr)
        return 2
    except DataError as err:
        problems = [p for p in err.problems if not wanted or p.path in wanted]
        if problems:
            print(report(problems), file=sys.stderr)
            return 1
        print(f"no problems in {len(wanted)} file(s); {len(err.problems)} elsewhere")
        return 0
    if not wanted:
        try:
            lost = project_lost_addresses(root, data_dir, catalog)
        except HistoryUnavailable as err:
            print(f"note: {err}", file=sys.stderr)
        else:
            if lost:
                print(report(lost), file=sys.stderr)
                return 1
    print(f"{data_dir}/ is valid: {len(catalog.entries)} entries, {len(catalog.layers)} layers, "
          f"{len(catalog.comparisons)} comparisons")
    return 0


def asked_for(root: Path, names: list[str], data_dir: str = DATA_DIR) -> tuple[set[str], list[str]]:
    """The data files named on the command line, as problems name them (relative to `root`), and
    a line for each name that is not one."""
    wanted: set[str] = set()
    refused: list[str] = []
    for name in names:
        path = Path(os.path.abspath(name))  # a link is named as it is: the loader refuses links itself
        shown = printable(name)
        if not path.is_relative_to(root):
            refused.append(f"{shown}: not inside this project ({printable(str(root))}); run the check from its folder")
        elif not os.path.lexists(path):
            refused.append(f"{shown}: no such file")
        elif not (rel := path.relative_to(root).as_posix()).startswith(f"{data_dir}/") or not rel.endswith(".yaml"):
            refused.append(f"{shown}: not a data file; name files under {data_dir}/ that end in .yaml")
        else:
            wanted.add(rel)
    return wanted, refused


if __name__ == "__main__":
    sys.exit(main())
