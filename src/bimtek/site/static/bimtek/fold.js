// Long pages fold into sections on a phone: each <details class="fold" data-phone="open|closed"> is open on a
// wide screen and, on a narrow one, open only when its data-phone says so. Without JavaScript all stay open.
(function () {
  "use strict";
  if (!window.matchMedia("(max-width: 767px)").matches) return;
  document.querySelectorAll("details.fold[data-phone]").forEach(function (d) {
    d.open = d.dataset.phone === "open";
  });
})();
