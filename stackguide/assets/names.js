// Accessible names for two of Material's own widgets, its search dialog and its page-loading
// progress bar, which it renders without one (axe: aria-dialog-name, aria-progressbar-name).
// Set here rather than by overriding Material's partials, which a successor theme would not carry.
document$.subscribe(() => {
  const names = { dialog: "Search", progressbar: "Loading page" };
  for (const [role, name] of Object.entries(names)) {
    for (const element of document.querySelectorAll(`[role="${role}"]:not([aria-label])`)) {
      element.setAttribute("aria-label", name);
    }
  }
});
