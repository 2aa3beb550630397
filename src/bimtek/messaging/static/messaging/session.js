// Opening a wa.me link marks its message sent; the link and its text stay in the browser.
document.querySelectorAll("a[data-mark]").forEach(function (a) {
  a.addEventListener("click", function () {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]").value;
    fetch(a.dataset.mark, {method: "POST", headers: {"X-CSRFToken": token, "Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { if (r.ok) { a.closest("li").remove(); } });
  });
});
