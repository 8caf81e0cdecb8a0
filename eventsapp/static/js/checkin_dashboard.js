/* Arrivals dashboard: poll the JSON counts every few seconds and redraw the tables. */
(function () {
  "use strict";
  var app = document.getElementById("arrivals-app");
  if (!app) { return; }
  var PERIOD_MS = 5000;

  function cell(text, end) {
    var td = document.createElement("td");
    td.textContent = String(text);
    if (end) { td.className = "text-end"; }
    return td;
  }

  function fill(tableId, rows) {
    var tbody = document.querySelector("#" + tableId + " tbody");
    tbody.replaceChildren();
    rows.forEach(function (row) {
      var tr = document.createElement("tr");
      tr.appendChild(cell(row.label));
      tr.appendChild(cell(row.expected, true));
      tr.appendChild(cell(row.arrived, true));
      tr.appendChild(cell(row.missing, true));
      tbody.appendChild(tr);
    });
  }

  function refresh() {
    fetch(app.dataset.url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { if (!response.ok) { throw new Error(); } return response.json(); })
      .then(function (json) {
        document.getElementById("total-arrived").textContent = json.arrived;
        document.getElementById("total-expected").textContent = json.expected;
        fill("by-role", json.by_role);
        fill("by-delegation", json.by_delegation);
        var list = document.getElementById("delegations-missing");
        list.replaceChildren();
        json.delegations_missing.forEach(function (row) {
          var li = document.createElement("li");
          li.textContent = row.label + ": " + row.missing;
          list.appendChild(li);
        });
      })
      .catch(function () { return null; })
      .then(function () { setTimeout(refresh, PERIOD_MS); });
  }
  setTimeout(refresh, PERIOD_MS);
}());
