// Catalog table: a text filter, filters by layer, kind and status, and sorting, all kept in the
// page address (for example /catalog/?status=retired), so a filtered view can be shared as a link.
// Without JavaScript the page is a complete plain table.
document$.subscribe(() => {
  for (const wrapper of document.querySelectorAll(".sg-catalog")) {
    const table = wrapper.querySelector("table");
    // The filters' box is in the page, hidden until filled (inserting one would restyle the table).
    const controls = wrapper.querySelector(".sg-catalog__controls");
    if (!table || !controls || wrapper.dataset.enhanced) continue;
    wrapper.dataset.enhanced = "true";
    enhance(wrapper, table, controls);
  }
});

// Rows carry only what their cells do not show (layer, kind and status values, other words to
// match); the rest is read from the cells, found by class, once.
const FILTERS = [["layer", "Layer"], ["kind", "Kind"]];  // [URL parameter = row attribute = cell class, label]
// The status filter's values and names come from the wrapper (a row may match several, e.g. a
// service closed to new customers whose end of support is near matches "closed" and "ending");
// their order is the lifecycle order the Status column sorts by.
const STATUS = "status";
const SORTABLE = ["name", "layer", "kind", "state"];

function enhance(wrapper, table, controls) {
  const body = table.tBodies[0];
  const headers = [...table.tHead.rows[0].cells];
  const params = new URLSearchParams(window.location.search);
  const statusValues = wrapper.dataset.statusValues.split("|");
  const layers = wrapper.dataset.layers.split("|");
  const cell = (row, column) => row.querySelector(`.sg-col-${column}`)?.textContent.trim() ?? "";
  const rows = [...body.rows].map((element) => {
    const name = cell(element, "name");
    return {
      element,
      layer: element.dataset.layer,
      kind: element.dataset.kind,
      status: element.dataset.status.split(" "),
      names: { layer: cell(element, "layer"), kind: cell(element, "kind") },
      text: [name, element.dataset.text || "", cell(element, "summary")].join(" ").toLowerCase(),
      keys: {
        name: name.toLowerCase(),
        layer: layers.indexOf(element.dataset.layer),
        kind: element.dataset.kind,
        state: statusValues.indexOf(element.dataset.status.split(" ")[0]),
      },
    };
  });

  const text = document.createElement("input");
  text.type = "search";
  text.placeholder = "Filter by name or keyword";
  text.value = params.get("q") || "";
  controls.append(labelled("Filter", text));

  const selects = {};
  for (const [param, label] of FILTERS) {
    const select = document.createElement("select");
    select.dataset.filter = param;
    select.add(new Option("All", ""));
    const seen = new Map();
    for (const row of rows) seen.set(row[param], { name: row.names[param], order: row.keys[param] });
    const ordered = [...seen].sort((a, b) => (a[1].order < b[1].order ? -1 : a[1].order > b[1].order ? 1 : 0));
    for (const [value, { name }] of ordered) select.add(new Option(name, value));
    select.value = params.get(param) || "";
    if (select.selectedIndex < 0) select.value = "";
    selects[param] = select;
    controls.append(labelled(label, select));
  }
  const status = document.createElement("select");
  status.dataset.filter = STATUS;
  status.add(new Option("All", ""));
  const names = wrapper.dataset.statusNames.split("|");
  statusValues.forEach((value, index) => status.add(new Option(names[index], value)));
  status.value = params.get(STATUS) || "";
  if (status.selectedIndex < 0) status.value = "";
  selects[STATUS] = status;
  controls.append(labelled("Status", status));

  const count = document.createElement("p");
  count.setAttribute("role", "status");
  count.className = "sg-catalog__count";
  controls.append(count);
  controls.hidden = false;

  let sort = { key: params.get("sort") || "", descending: params.get("order") === "desc" };
  for (const th of headers) {
    const key = th.dataset.key;
    if (!SORTABLE.includes(key)) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    button.title = `Sort by ${th.textContent.toLowerCase()}`;
    th.textContent = "";
    th.append(button);
    th.classList.add("sg-sortable");
    button.addEventListener("click", () => {
      sort = { key, descending: sort.key === key && !sort.descending };
      update();
    });
  }

  text.addEventListener("input", update);
  for (const select of Object.values(selects)) select.addEventListener("change", update);
  update();

  function update() {
    const words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const visible = words.every((word) => row.text.includes(word))
        && FILTERS.every(([param]) => !selects[param].value || row[param] === selects[param].value)
        && (!status.value || row.status.includes(status.value));
      if (row.element.hidden !== !visible) row.element.hidden = !visible;
      if (visible) shown += 1;
    }
    count.textContent = `Showing ${shown} of ${rows.length} entries`;
    if (SORTABLE.includes(sort.key)) {
      const key = sort.key;
      const sorted = [...rows].sort((a, b) => {
        const x = a.keys[key], y = b.keys[key];
        const order = typeof x === "number" ? x - y : x.localeCompare(y);
        return (order || a.keys.name.localeCompare(b.keys.name)) * (sort.descending ? -1 : 1);
      });
      body.append(...sorted.map((row) => row.element));
    }
    for (const th of headers) {
      if (th.dataset.key === sort.key) th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    }
    remember();
  }

  function remember() {
    const next = new URLSearchParams();
    if (text.value.trim()) next.set("q", text.value.trim());
    for (const param of Object.keys(selects)) if (selects[param].value) next.set(param, selects[param].value);
    if (sort.key) {
      next.set("sort", sort.key);
      if (sort.descending) next.set("order", "desc");
    }
    const query = next.toString();
    const address = window.location.pathname + (query ? `?${query}` : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", address);
  }
}

function labelled(text, control) {
  const label = document.createElement("label");
  label.textContent = text;
  label.append(control);
  return label;
}
