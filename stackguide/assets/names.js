// An accessible name for Material's search dialog, which it renders without one (axe:
// aria-dialog-name), and for its page-loading progress bar should a site turn on
// navigation.instant.progress (aria-progressbar-name). Set here rather than by overriding
// Material's partials, which a successor theme would not carry.
document$.subscribe(() => {
  const names = { dialog: "Search", progressbar: "Loading page" };
  for (const [role, name] of Object.entries(names)) {
    for (const element of document.querySelectorAll(`[role="${role}"]:not([aria-label])`)) {
      element.setAttribute("aria-label", name);
    }
  }
});
