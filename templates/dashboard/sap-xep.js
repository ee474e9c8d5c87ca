// Sorts a table when its column header is clicked. The pages read the same
// without this file: tables only stay in their printed order.
(function () {
  'use strict';
  function key(cell) {
    var text = cell.getAttribute('data-sort') || cell.textContent.trim();
    // Vietnamese numbers: 1.863 and 94,02 (optionally with %, /).
    var number = text.replace(/\./g, '').replace(',', '.').match(/^[+-]?\d+(\.\d+)?/);
    return number ? { n: parseFloat(number[0]), t: text } : { n: null, t: text };
  }
  function compare(a, b) {
    if (a.n !== null && b.n !== null) { return a.n - b.n; }
    return a.t.localeCompare(b.t, 'vi');
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sap-xep'), function (table) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) { return; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var order = compare(key(a.cells[column]), key(b.cells[column]));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
}());
