// Region picker: a text box with data-region-search="URL" suggests regions by name as one types.
// Suggestions come from the region search (scoped to the signed-in user) into a <datalist>;
// picking one puts "Name — where (code)" in the box; on submit the box sends the code alone, so URLs
// and the views that read a code are unchanged (a form field of regions.forms.RegionField reads either).
// Without JavaScript or signal the box still takes a code or a unique name.
(function () {
  "use strict";
  var counter = 0;
  function attach(input) {
    var list = input.list;
    if (!list) {
      list = document.createElement("datalist");
      list.id = "region-picker-" + (++counter);
      input.insertAdjacentElement("afterend", list);
      input.setAttribute("list", list.id);
    }
    if (input.form) {
      input.form.addEventListener("submit", function () {
        var picked = /\((\d[\d.]*)\)\s*$/.exec(input.value);
        if (picked) input.value = picked[1];
      });
    }
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var text = input.value.trim();
      if (text.length < 2 || text === last || /\(\d[\d.]*\)$/.test(text)) return;
      clearTimeout(timer);
      timer = setTimeout(function () {
        last = text;
        var url = input.dataset.regionSearch + "?q=" + encodeURIComponent(text);
        if (input.dataset.levels) url += "&level=" + encodeURIComponent(input.dataset.levels);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) {
            if (input.value.trim() !== text) return;
            list.replaceChildren.apply(list, data.results.map(function (r) {
              var option = document.createElement("option");
              option.value = r.label + " (" + r.code + ")";
              option.label = r.level_name;
              return option;
            }));
          })
          .catch(function () { /* no signal: the box still takes a code */ });
      }, 200);
    });
  }
  document.querySelectorAll("input[data-region-search]").forEach(attach);
})();
