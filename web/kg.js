// kg's addition to cayley's web UI (served as /kg-ui.js, loaded first by
// index.html). The UI ignores the answers to writes, deletes and query
// shapes; this shows them, so that a refused write (read-only server) or a
// failed shape is visible. It sends nothing anywhere by itself.
//
// It also lets a URL open the Query page with a query: /?lang=gizmo&query=…
// puts the query where the UI keeps the last one (localStorage LAST_QUERY,
// read when the UI starts), so kg's page can link entities to queries;
// and, when the server has kg's page (meta kg-page), it links to it.
(function () {
  "use strict";
  try {
    var params = new URLSearchParams(window.location.search);
    var q = params.get("query");
    if (q !== null) {
      var lang = params.get("lang") || "gizmo";
      if (["gizmo", "graphql", "mql"].indexOf(lang) < 0) { lang = "gizmo"; }
      window.localStorage.setItem("LAST_QUERY", JSON.stringify({ text: q, language: lang }));
      window.history.replaceState(null, "", window.location.pathname);
    }
  } catch (e) { /* no storage: the UI starts with its default query */ }
  var meta = document.querySelector('meta[name="kg-page"]');
  if (meta) {
    document.addEventListener("DOMContentLoaded", function () {
      var a = document.createElement("a");
      a.id = "kg-page-link";
      a.href = meta.getAttribute("content");
      a.textContent = "kg: extract facts from an article";
      a.style.cssText = "position:fixed;bottom:10px;right:16px;z-index:1000;padding:6px 12px;" +
        "border-radius:4px;background:#37474f;color:#fff;font:13px/1.4 sans-serif;text-decoration:none;" +
        "box-shadow:0 2px 6px rgba(0,0,0,.3)";
      document.body.appendChild(a);
    });
  }
  var timer = null;
  function show(text, ok) {
    var el = document.getElementById("kg-status");
    if (!el) {
      el = document.createElement("div");
      el.id = "kg-status";
      el.setAttribute("role", "status");
      el.style.cssText = "position:fixed;top:12px;right:16px;" +
        "padding:8px 16px;border-radius:4px;font:14px/1.4 sans-serif;color:#fff;" +
        "z-index:1000;max-width:80%;box-shadow:0 2px 6px rgba(0,0,0,.3)";
      document.body.appendChild(el);
    }
    el.textContent = text;
    el.className = ok ? "kg-ok" : "kg-error";
    el.style.background = ok ? "#2e7d32" : "#c62828";
    el.style.display = "block";
    clearTimeout(timer);
    timer = setTimeout(function () { el.style.display = "none"; }, 8000);
  }
  var watched = /\/api\/(?:v2\/(write|delete)|v1\/(shape))\b/;
  var orig = window.fetch;
  if (!orig) { return; }
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    var p = orig.apply(this, arguments);
    var m = watched.exec(url);
    if (!m) { return p; }
    var what = m[1] || m[2];
    return p.then(function (resp) {
      resp.clone().text().then(function (text) {
        var body = null;
        try { body = JSON.parse(text); } catch (e) { /* not JSON */ }
        if (!resp.ok || (body && body.error)) {
          show(what + " failed: " + ((body && body.error) || ("HTTP " + resp.status)), false);
        } else if (what !== "shape") {
          show((body && body.result) || (what + ": done"), true);
        }
      });
      return resp;
    }, function (err) {
      show(what + " failed: " + err, false);
      throw err;
    });
  };
})();
