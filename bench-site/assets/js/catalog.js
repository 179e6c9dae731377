// Catalog table: filter rows by layer and status, sort by any column.
// Without JavaScript the page is a complete plain table.
document$.subscribe(() => {
  for (const wrapper of document.querySelectorAll(".sg-catalog")) {
    const table = wrapper.querySelector("table");
    if (!table || wrapper.dataset.enhanced) continue;
    wrapper.dataset.enhanced = "true";
    enhance(wrapper, table);
  }
});

function enhance(wrapper, table) {
  const headers = [...table.tHead.rows[0].cells];
  const body = table.tBodies[0];
  const rows = [...body.rows];
  const column = (name) => headers.findIndex((th) => th.textContent.trim() === name);
  const filters = ["Layer", "Status"].map((name) => ({ name, index: column(name) }));

  const controls = document.createElement("div");
  controls.className = "sg-catalog__controls";
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  for (const filter of filters) {
    const values = [...new Set(rows.map((row) => row.cells[filter.index].textContent.trim()))].sort();
    const label = document.createElement("label");
    label.textContent = filter.name;
    const select = document.createElement("select");
    select.dataset.filter = filter.name.toLowerCase();
    select.add(new Option(`All`, ""));
    for (const value of values) select.add(new Option(value, value));
    select.addEventListener("change", apply);
    label.append(select);
    controls.append(label);
    filter.select = select;
  }
  controls.append(status);
  wrapper.prepend(controls);

  function apply() {
    let shown = 0;
    for (const row of rows) {
      const visible = filters.every(
        (f) => !f.select.value || row.cells[f.index].textContent.trim() === f.select.value,
      );
      row.hidden = !visible;
      if (visible) shown += 1;
    }
    status.textContent = `Showing ${shown} of ${rows.length} entries`;
  }

  headers.forEach((th, index) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.append(button);
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach((other) => other.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const key = (row) => row.cells[index].textContent.trim().toLowerCase();
      rows.sort((a, b) => key(a).localeCompare(key(b)) * (ascending ? 1 : -1));
      body.append(...rows);
    });
  });
  apply();
}
