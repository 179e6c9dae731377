// The light/dark toggle in the header, in place of Material's palette component (see
// overrides/partials/palette.html): the same attributes on the body, the same stored choice
// (Material's inline script reads it on the next page), the same meta tags and keyboard behaviour.
// Material's component redoes all of it on every page load, restyling the whole page four times;
// here a load changes nothing that is already right, and the whole-page work happens only when the
// reader switches.
(() => {
  const form = document.querySelector("form[data-sg-palette]");
  if (!form) return;
  const inputs = [...form.querySelectorAll("input[name='__palette']")];
  const body = document.body;
  // Setting a meta tag's content restyles the whole page even when the value is the same.
  const setMeta = (name, content) => {
    const meta = document.querySelector(`meta[name='${name}']`)
      || document.head.appendChild(Object.assign(document.createElement("meta"), { name }));
    if (meta.content !== content) meta.content = content;
  };

  const palette = (index) => {
    const input = inputs[index];
    const color = {};
    for (const key of ["media", "scheme", "primary", "accent"]) color[key] = input.getAttribute(`data-md-color-${key}`);
    if (color.media === "(prefers-color-scheme)") {  // automatic: the scheme follows the system's
      const system = form.querySelector(matchMedia("(prefers-color-scheme: light)").matches
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']");
      for (const key of ["scheme", "primary", "accent"]) color[key] = system.getAttribute(`data-md-color-${key}`);
    }
    return { index, color };
  };

  // The page's colours for the meta tags, from the computed style: read after a switch, or on a load
  // once the page has been drawn (then the style is up to date and reading it costs nothing).
  const describe = () => {
    const style = getComputedStyle(document.querySelector("[data-md-component=header]"));
    setMeta("color-scheme", style.colorScheme);
    const hex = style.backgroundColor.match(/\d+/g).slice(0, 3).map((value) => (+value).toString(16).padStart(2, "0"));
    setMeta("theme-color", `#${hex.join("")}`);
  };

  const apply = ({ index, color }) => {
    // No style uses data-md-color-media: only the other three restyle the page.
    const changes = Object.entries(color).filter(([key, value]) => body.getAttribute(`data-md-color-${key}`) !== value);
    const restyles = changes.some(([key]) => key !== "media");
    inputs.forEach((input, at) => {
      const label = input.nextElementSibling;
      if (label instanceof HTMLElement && label.hidden !== (at !== index)) label.hidden = at !== index;
    });
    __md_set("__palette", { index, color });
    if (restyles) body.setAttribute("data-md-color-switching", "");  // no colour transitions while switching
    for (const [key, value] of changes) body.setAttribute(`data-md-color-${key}`, value);
    if (!restyles) return false;
    describe();
    setTimeout(() => body.removeAttribute("data-md-color-switching"));
    return true;
  };

  const current = () => {
    const stored = __md_get("__palette");
    const index = stored ? stored.index : inputs.findIndex((input) => matchMedia(input.getAttribute("data-md-color-media")).matches);
    return Math.max(0, Math.min(index, inputs.length - 1));
  };

  // Read once the page has been drawn and nothing waits (Safari has no requestIdleCallback).
  if (!apply(palette(current()))) requestAnimationFrame(() => (window.requestIdleCallback || setTimeout)(describe));
  form.addEventListener("change", (event) => {
    const index = inputs.indexOf(event.target);
    if (index >= 0) apply(palette(index));
  });
  form.addEventListener("keydown", (event) => {  // Enter switches, as Space does on a radio button
    if (event.key !== "Enter") return;
    const next = (current() + 1) % inputs.length;
    inputs[next].click();
    inputs[next].focus();
  });
  matchMedia("(prefers-color-scheme: light)").addEventListener("change", () => apply(palette(current())));
})();
