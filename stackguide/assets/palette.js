// The light/dark toggle in place of Material's palette component (overrides/partials/palette.html):
// the same body attributes, stored choice, meta tags and Enter key, but a page load changes nothing
// that is already right (Material's restyled the whole page four times on every load).
(() => {
  const form = document.querySelector("form[data-sg-palette]");
  if (!form) return;
  const inputs = [...form.querySelectorAll("input")];
  const body = document.body;
  const keys = ["media", "scheme", "primary", "accent"];
  const attr = (element, key) => element.getAttribute(`data-md-color-${key}`);
  const setMeta = (name, content) => {  // even an unchanged value restyles the page
    const meta = document.querySelector(`meta[name=${name}]`)
      || document.head.appendChild(Object.assign(document.createElement("meta"), { name }));
    if (meta.content !== content) meta.content = content;
  };
  const describe = () => {
    const style = getComputedStyle(document.querySelector("[data-md-component=header]"));
    setMeta("color-scheme", style.colorScheme);
    setMeta("theme-color", "#" + style.backgroundColor.match(/\d+/g).slice(0, 3)
      .map((value) => (+value).toString(16).padStart(2, "0")).join(""));
  };
  const current = () => {
    const stored = __md_get("__palette");
    const index = stored ? stored.index : inputs.findIndex((input) => matchMedia(attr(input, "media")).matches);
    return Math.max(0, Math.min(index, inputs.length - 1));
  };
  const apply = (index) => {
    const color = Object.fromEntries(keys.map((key) => [key, attr(inputs[index], key)]));
    const changes = keys.filter((key) => attr(body, key) !== color[key]);
    const restyles = changes.some((key) => key !== "media");  // no style reads data-md-color-media
    inputs.forEach((input, at) => {
      const label = input.nextElementSibling;
      if (label && label.hidden !== (at !== index)) label.hidden = at !== index;
      // The current option is the checked radio: Tab lands on it, its name says what it does next,
      // and the focus ring shows on its label, the one visible (Material checks neither).
      input.checked = at === index;
    });
    __md_set("__palette", { index, color });
    if (restyles) body.setAttribute("data-md-color-switching", "");  // no transitions while switching
    for (const key of changes) body.setAttribute(`data-md-color-${key}`, color[key]);
    if (!restyles) return false;
    describe();
    setTimeout(() => body.removeAttribute("data-md-color-switching"));
    return true;
  };
  // A load takes the header's colour from the stylesheets' rules (the scheme's --md-primary-fg-color):
  // reading a rule computes no style, so a load forces none. The head script set color-scheme.
  const ruleColor = (scheme) => {
    const selector = new RegExp(`\\[data-md-color-scheme="?${scheme}"?\\]`);
    let color = "";
    for (const sheet of document.styleSheets) {
      let rules = [];
      try { rules = sheet.cssRules; } catch { continue; }  // a sheet from another origin
      for (const rule of rules) {
        if (rule.selectorText && selector.test(rule.selectorText)) {
          color = rule.style.getPropertyValue("--md-primary-fg-color").trim() || color;
        }
      }
    }
    return color;
  };
  if (!apply(current())) {
    const color = ruleColor(attr(body, "scheme"));
    if (color) setMeta("theme-color", color);
    else requestAnimationFrame(() => (window.requestIdleCallback || setTimeout)(describe));
  }
  form.addEventListener("change", (event) => apply(inputs.indexOf(event.target)));
  form.addEventListener("keydown", (event) => {  // Enter, and Space as on any button
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    const next = inputs[(current() + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();
