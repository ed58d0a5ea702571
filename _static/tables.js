// Makes every table with class "ledger-table" sortable (click a header) and searchable (filter box).
// A table that also has class "column-filters" gets one drop-down per column named in FILTERED (year,
// kind, actors, group, turning point): its options are the column's distinct values (an "actors" cell
// holding "A → B" offers A and B), and a row shows only when it matches every choice and the box.
// Written for this report; no external library, nothing fetched from the network.
(function () {
  "use strict";
  function cellValue(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }
  // A number as the report writes it: an optional sign (+, - or the minus sign U+2212), digits, a point.
  var NUMBER = /^[+\-\u2212]?\d+(?:\.\d+)?$/;
  function numeric(text) {
    return NUMBER.test(text) ? parseFloat(text.replace("\u2212", "-")) : NaN;
  }
  function compare(a, b) {
    var na = numeric(a), nb = numeric(b);
    if (!isNaN(na) && !isNaN(nb)) { return na - nb; }
    if (!isNaN(na) !== !isNaN(nb)) { return isNaN(na) ? 1 : -1; }  // numbers before blanks and text
    return a.localeCompare(b);
  }
  function enhance(table) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) { return; }
    table.classList.add("sortable");
    var headers = table.tHead.rows[table.tHead.rows.length - 1].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      // The header keeps its column-header role (which aria-sort belongs to); a button inside it sorts.
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(cellValue(r1, index), cellValue(r2, index));
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    var box = document.createElement("input");
    box.type = "search";
    box.className = "table-filter";
    box.placeholder = "Filter rows (any column)…";
    box.setAttribute("aria-label", "Filter table rows");
    var selects = table.classList.contains("column-filters") ? columnFilters(table, headers) : [];
    function refresh() {
      var q = box.value.toLowerCase();
      Array.prototype.forEach.call(body.rows, function (r) {
        var ok = r.textContent.toLowerCase().indexOf(q) >= 0;
        selects.forEach(function (f) {
          if (ok && f.select.value) { ok = parts(cellValue(r, f.index)).indexOf(f.select.value) >= 0; }
        });
        r.style.display = ok ? "" : "none";
      });
    }
    box.addEventListener("input", refresh);
    selects.forEach(function (f) { f.select.addEventListener("change", refresh); });
    table.parentNode.insertBefore(box, table);
  }
  var FILTERED = ["year", "kind", "actors", "group", "turning point"];
  // The values a cell holds: "A → B" and "A; B" hold A and B.
  function parts(text) {
    return text.split(/\s*(?:\u2192|;)\s*/).filter(function (p) { return p !== ""; });
  }
  function columnFilters(table, headers) {
    var bar = document.createElement("div");
    bar.className = "column-filter-bar";
    var found = [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var name = th.textContent.trim().toLowerCase();
      if (FILTERED.indexOf(name) < 0) { return; }
      var values = {};
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        parts(cellValue(r, index)).forEach(function (v) { values[v] = true; });
      });
      var label = document.createElement("label");
      label.textContent = name + " ";
      var select = document.createElement("select");
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "all";
      select.appendChild(all);
      Object.keys(values).sort(compare).forEach(function (v) {
        var o = document.createElement("option");
        o.value = v;
        o.textContent = v;
        select.appendChild(o);
      });
      label.appendChild(select);
      bar.appendChild(label);
      found.push({ index: index, select: select });
    });
    table.parentNode.insertBefore(bar, table);
    return found;
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.ledger-table"), enhance);
  });
})();
