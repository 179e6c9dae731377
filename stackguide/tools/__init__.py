"""Command-line tools that are not part of a build: the watch of upstream feeds."""
