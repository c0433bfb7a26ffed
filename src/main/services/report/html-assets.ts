/** The HTML report's only style and script; the report's CSP allows exactly these (by hash). */
export const REPORT_STYLE = `
body{font:13px system-ui,sans-serif;margin:24px;color:#1b1c1f}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:24px 0 6px}small{color:#666;font-weight:normal}
.meta{color:#555;margin:0 0 16px}.port-map{width:100%;max-width:1100px;font-size:11px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#eef0f4;cursor:pointer;user-select:none}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
@media print{th{cursor:auto}section{break-inside:auto}tr{break-inside:avoid}body{margin:0}}
`

export const REPORT_SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending'
      table.querySelectorAll('th').forEach(function (o) { o.removeAttribute('aria-sort') })
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending')
      var body = table.tBodies[0]
      var rows = Array.prototype.slice.call(body.rows)
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent, y = b.cells[col].textContent
        var n = parseFloat(x) - parseFloat(y)
        var c = isNaN(n) ? x.localeCompare(y) : n
        return asc ? c : -c
      })
      rows.forEach(function (r) { body.appendChild(r) })
    })
  })
})
`
