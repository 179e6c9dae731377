"""The onboarding path as a sequence: where each step page sits, and what comes before and after."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from stackguide.model import Day, PageRecord, Step

if TYPE_CHECKING:  # the catalog keeps its path (Catalog.step_of)
    from stackguide.catalog import Catalog


@dataclass(frozen=True)
class PathStep:
    day_number: int
    day: Day
    number: int  # 1-based across the whole path
    step: Step
    item: PageRecord


@dataclass(frozen=True)
class StepPosition:
    """A page's place on the path: shown on the page, with the steps either side."""

    current: PathStep
    total: int
    previous: PathStep | None
    next: PathStep | None


class OnboardingPath:
    def __init__(self, catalog: Catalog) -> None:
        self.steps: list[PathStep] = []
        self.days: list[tuple[int, Day, list[PathStep]]] = []
        for day_number, day in enumerate(catalog.onboarding.days, start=1):
            steps = []
            for step in day.steps:
                path_step = PathStep(day_number, day, len(self.steps) + 1, step, catalog.item(step.page))
                self.steps.append(path_step)
                steps.append(path_step)
            self.days.append((day_number, day, steps))

    def step_of(self, page_id: str) -> StepPosition | None:
        """The first step that names this page, or None when it is not on the path."""
        for index, step in enumerate(self.steps):
            if step.item.id == page_id:
                return StepPosition(step, len(self.steps), self.steps[index - 1] if index else None,
                                    self.steps[index + 1] if index + 1 < len(self.steps) else None)
        return None
