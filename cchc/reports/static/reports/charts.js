// Draws every <canvas data-chart="id"> from the JSON in <script id="id">. The table under each
// chart holds the same figures for screen readers and for printing.
(function () {
  function draw() {
    if (typeof Chart === "undefined") return;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      var stacked = !!spec.stacked;
      var horizontal = spec.type === "bar" && spec.labels.length > 6;
      new Chart(canvas, {
        type: spec.type,
        data: {labels: spec.labels, datasets: spec.datasets.map(function (d) {
          return Object.assign({fill: false, tension: 0.2}, d, spec.type === "line" ? {backgroundColor: d.borderColor} : {});
        })},
        options: {
          responsive: true, maintainAspectRatio: false, indexAxis: horizontal ? "y" : "x",
          animation: false,
          scales: {
            x: {stacked: stacked, beginAtZero: true},
            y: {stacked: stacked, beginAtZero: true, ticks: horizontal ? {callback: function (value) {
              var text = String(this.getLabelForValue(value));
              return text.length > 26 ? text.slice(0, 25) + "…" : text;
            }} : {}}
          },
          plugins: {legend: {position: "bottom"}}
        }
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
