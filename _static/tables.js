// Makes every table with class "ledger-table" sortable (click a header) and searchable (filter box).
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
    box.addEventListener("input", function () {
      var q = box.value.toLowerCase();
      Array.prototype.forEach.call(body.rows, function (r) {
        r.style.display = r.textContent.toLowerCase().indexOf(q) >= 0 ? "" : "none";
      });
    });
    table.parentNode.insertBefore(box, table);
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.ledger-table"), enhance);
  });
})();
