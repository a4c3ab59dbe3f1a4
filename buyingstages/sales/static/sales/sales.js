// The Sales library: "Copy share link" makes (or finds) the salesperson's tracked link and copies it.
// The table is re-rendered when filters change, so listen on the document.
document.addEventListener("submit", function (event) {
  var form = event.target.closest && event.target.closest("[data-share-form]");
  if (!form) return;
  event.preventDefault();
  var output = form.querySelector("[data-share-url]");
  fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (data) {
      output.value = data.url;
      output.textContent = data.url;
      if (!(navigator.clipboard && window.isSecureContext)) return;
      // The link exists either way; if the clipboard is refused it stays on screen to copy by hand.
      navigator.clipboard.writeText(data.url).then(
        function () { output.textContent = data.url + " (copied)"; },
        function () { output.textContent = data.url + " (select and copy it)"; }
      );
    })
    .catch(function () {
      output.textContent = "Could not make a link; reload the page and try again.";
    });
});

// A campaign link: "Copy link" copies the address in the field beside it.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-copy-link]");
  if (!button) return;
  var field = document.getElementById(button.dataset.copyLink);
  var status = document.querySelector("[data-copy-status]");
  field.select();
  if (!(navigator.clipboard && window.isSecureContext)) {
    status.textContent = "Selected: copy it with Ctrl+C or ⌘C.";
    return;
  }
  navigator.clipboard.writeText(field.value).then(
    function () { status.textContent = "Copied."; },
    function () { status.textContent = "Selected: copy it with Ctrl+C or ⌘C."; }
  );
});
