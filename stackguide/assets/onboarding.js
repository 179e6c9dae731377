// The onboarding path remembers, in this browser only, which steps were opened: a step page marks
// itself visited, and the path page ticks the visited steps and counts them.
const VISITED = "stackguide.onboarding.visited";

document$.subscribe(() => {
  const visited = new Set(JSON.parse(localStorage.getItem(VISITED) || "[]"));
  const here = document.querySelector(".sg-step-line[data-step]");
  if (here) {
    visited.add(here.dataset.step);
    localStorage.setItem(VISITED, JSON.stringify([...visited]));
  }
  const progress = document.querySelector(".sg-progress[data-total]");
  if (!progress) return;
  let done = 0;
  for (const link of document.querySelectorAll("a.sg-step[data-step]")) {
    const seen = visited.has(link.dataset.step);
    link.classList.toggle("sg-step--visited", seen);
    if (seen) done += 1;
  }
  progress.textContent = `You have opened ${done} of ${progress.dataset.total} steps in this browser.`;
  progress.hidden = false;
});
