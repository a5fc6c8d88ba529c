// A time typed in China time (UTC+08:00), e.g. "2026-12-12 00:00", shown in UTC beside the field as it is typed.
(function () {
  "use strict";
  var pattern = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  document.querySelectorAll("input[data-china-time]").forEach(function (field) {
    var beside = document.getElementById(field.dataset.chinaTime);
    if (!beside) {
      return;
    }
    function show() {
      var m = pattern.exec(field.value.trim());
      if (!m) {
        beside.textContent = field.value.trim() ? "not a time yet: write 2026-12-12 00:00" : "";
        return;
      }
      var utc = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 8, +m[5], +(m[6] || 0)));
      beside.textContent = "= " + utc.getUTCFullYear() + "-" + pad(utc.getUTCMonth() + 1) + "-" +
        pad(utc.getUTCDate()) + " " + pad(utc.getUTCHours()) + ":" + pad(utc.getUTCMinutes()) + ":" +
        pad(utc.getUTCSeconds()) + " UTC";
    }
    field.addEventListener("input", show);
    show();
  });
}());
