/**
 * The queue page's only script, served as a file (/console/hotline/live.js) so the
 * console's CSP can forbid inline scripts. It listens to the page's SSE stream and swaps
 * the queue fragment in; the live region announces only when the counts change (not on
 * every minute tick). EventSource reconnects by itself (the server ends each stream after a
 * few minutes so the session is checked again). Without JS the page refreshes itself.
 */
export const LIVE_JS = `(function () {
  "use strict";
  var box = document.getElementById("queue-live");
  if (!box || typeof EventSource === "undefined") return;
  var status = document.getElementById("queue-status");
  var mode = document.getElementById("queue-mode");
  var last = box.firstElementChild ? box.firstElementChild.getAttribute("data-summary") : null;
  var es = new EventSource(box.getAttribute("data-stream"));
  es.addEventListener("open", function () { if (mode) mode.textContent = "Live: updates without reloading."; });
  es.addEventListener("error", function () { if (mode) mode.textContent = "Reconnecting to live updates…"; });
  es.addEventListener("queue", function (e) {
    box.innerHTML = e.data;
    var first = box.firstElementChild;
    var summary = first ? first.getAttribute("data-summary") : null;
    if (status && summary && summary !== last) status.textContent = "Queue updated: " + summary + ".";
    last = summary;
    box.setAttribute("data-updated", String(Date.now()));
  });
})();
`;
