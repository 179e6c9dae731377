"""mkdocs-macros entry point for the hand-written pages: the macros live in the stackguide package."""

from stackguide.pagemacros import define_env

__all__ = ["define_env"]
