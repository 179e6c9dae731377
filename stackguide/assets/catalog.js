// Catalog table: a text filter, filters by layer, kind and status, and sorting, all kept in the
// page address (for example /catalog/?status=retired), so a filtered view can be shared as a link.
// Rows carry their values and sort keys in data-* attributes. Without JavaScript the page is a
// complete plain table.
document$.subscribe(() => {
  for (const wrapper of document.querySelectorAll(".sg-catalog")) {
    const table = wrapper.querySelector("table");
    if (!table || wrapper.dataset.enhanced) continue;
    wrapper.dataset.enhanced = "true";
    enhance(wrapper, table);
  }
});

const FILTERS = [
  // [URL parameter, label, row attribute with the value, with its name, and with its order]
  ["layer", "Layer", "layer", "layerName", "layerOrder"],
  ["kind", "Kind", "kind", "kindName", "kind"],
];
// The status filter's values and names come from the table (a row may match several, e.g. a
// service closed to new customers whose end of support is near matches "closed" and "ending").
const STATUS = "status";
// Which row attribute each sortable column sorts by; numbers sort as numbers.
const SORT_KEYS = { name: "name", layer: "layerOrder", kind: "kind", state: "stateOrder" };

function enhance(wrapper, table) {
  const body = table.tBodies[0];
  const rows = [...body.rows];
  const headers = [...table.tHead.rows[0].cells];
  const params = new URLSearchParams(window.location.search);
  const controls = document.createElement("div");
  controls.className = "sg-catalog__controls";

  const text = document.createElement("input");
  text.type = "search";
  text.placeholder = "Filter by name or keyword";
  text.value = params.get("q") || "";
  controls.append(labelled("Filter", text));

  const selects = {};
  for (const [param, label, attribute, nameAttribute, orderAttribute] of FILTERS) {
    const select = document.createElement("select");
    select.dataset.filter = param;
    select.add(new Option("All", ""));
    const seen = new Map();
    for (const row of rows) {
      const order = row.dataset[orderAttribute];
      seen.set(row.dataset[attribute], { name: row.dataset[nameAttribute], order: Number(order) || order });
    }
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
  wrapper.dataset.statusValues.split("|").forEach((value, index) => status.add(new Option(names[index], value)));
  status.value = params.get(STATUS) || "";
  if (status.selectedIndex < 0) status.value = "";
  selects[STATUS] = status;
  controls.append(labelled("Status", status));

  const count = document.createElement("p");
  count.setAttribute("role", "status");
  count.className = "sg-catalog__count";
  controls.append(count);
  wrapper.prepend(controls);

  let sort = { key: params.get("sort") || "", descending: params.get("order") === "desc" };
  for (const th of headers) {
    const key = th.dataset.key;
    if (!(key in SORT_KEYS)) continue;
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
      const visible = words.every((word) => row.dataset.text.includes(word))
        && FILTERS.every(([param, , attribute]) => !selects[param].value || row.dataset[attribute] === selects[param].value)
        && (!status.value || row.dataset.status.split(" ").includes(status.value));
      row.hidden = !visible;
      if (visible) shown += 1;
    }
    count.textContent = `Showing ${shown} of ${rows.length} entries`;
    if (sort.key in SORT_KEYS) {
      const attribute = SORT_KEYS[sort.key];
      const value = (row) => row.dataset[attribute];
      const numeric = attribute.endsWith("Order");
      const sorted = [...rows].sort((a, b) => {
        const order = numeric ? Number(value(a)) - Number(value(b)) : value(a).localeCompare(value(b));
        return (order || a.dataset.name.localeCompare(b.dataset.name)) * (sort.descending ? -1 : 1);
      });
      body.append(...sorted);
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
