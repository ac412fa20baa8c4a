// kg's article page: posts an article to /api/kg/v1/documents (or, when
// not storing, /api/kg/v1/extract) and shows what was extracted. It talks
// only to the server it came from. Offsets in the answers are in code
// points, so text is indexed as Array.from(text).
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var KG = "https://kg.invalid/schema/";
  var readOnly = false;

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); }
    });
    return e;
  }

  function status(text, ok) {
    var s = $("status");
    s.textContent = text;
    s.className = ok ? "ok" : (ok === false ? "error" : "");
  }

  fetch("/api/kg/v1/status").then(function (r) { return r.json(); }).then(function (s) {
    readOnly = !!s.read_only;
    if (readOnly) {
      $("store").checked = false;
      $("store").disabled = true;
      $("store").parentNode.title = s.store ? "the server is read-only" : "the server has no store";
      status("The store is read-only here: Extract shows the facts without storing them.");
    }
  }).catch(function () { /* the page still works for extraction */ });

  function post(body, contentType) {
    var storing = $("store").checked && !readOnly;
    var url = storing ? "/api/kg/v1/documents" : "/api/kg/v1/extract";
    if (contentType === "text/plain") {
      var q = new URLSearchParams();
      ["id", "title", "date"].forEach(function (k) {
        var v = $("doc-" + k).value.trim();
        if (v) { q.set(k, v); }
      });
      if (q.toString()) { url += "?" + q.toString(); }
    }
    $("extract").disabled = true;
    status("Extracting…");
    var t0 = performance.now();
    return fetch(url, { method: "POST", headers: { "Content-Type": contentType + ";charset=utf-8" }, body: body })
      .then(function (resp) {
        return resp.text().then(function (text) {
          var data = null;
          try { data = JSON.parse(text); } catch (e) { /* not JSON */ }
          if (!resp.ok) {
            throw new Error((data && data.error) || ("HTTP " + resp.status));
          }
          return data;
        });
      })
      .then(function (d) {
        var ms = Math.round(performance.now() - t0);
        var what = d.stored ? (d.unchanged ? "already stored, unchanged" : "stored: +" + d.added + " −" + d.removed + " quads") : "not stored";
        status(d.facts.length + " facts, " + d.entities.filter(function (e) { return e.named; }).length + " named entities (" + what + ", " + ms + " ms)", true);
        render(d);
      })
      .catch(function (err) { status(String(err.message || err), false); })
      .then(function () { $("extract").disabled = false; });
  }

  $("article-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = $("doc-text").value;
    if (!text.trim()) { status("Paste an article first.", false); return; }
    post(text, "text/plain");
  });

  $("upload").addEventListener("change", function () {
    var f = this.files && this.files[0];
    if (!f) { return; }
    // The file goes as it is: the server decodes it (UTF-8, UTF-16) and
    // refuses binary data.
    var json = /\.json$/i.test(f.name);
    if (!json && !$("doc-id").value.trim()) {
      $("doc-id").value = f.name.replace(/\.[^.]{1,6}$/, "");
    }
    post(f, json ? "application/json" : "text/plain");
    this.value = "";
  });

  // Highlighting. roles[i] is the role of code point i of the sentence.
  var ROLE_CLASS = { 1: "hl-obj", 2: "hl-subj", 3: "hl-pred" };

  function mark(roles, base, span, role) {
    if (!span) { return; }
    for (var i = Math.max(span.start - base, 0); i < Math.min(span.end - base, roles.length); i++) {
      if (roles[i] < role) { roles[i] = role; }
    }
  }

  function paint(p, chars, sent, facts) {
    var base = sent.span.start;
    var sc = chars.slice(base, sent.span.end);
    var roles = new Array(sc.length).fill(0);
    facts.forEach(function (f) {
      mark(roles, base, f.object.span, 1);
      mark(roles, base, f.subject.span, 2);
      mark(roles, base, f.predicate.span, 3);
    });
    p.textContent = "";
    p.appendChild(el("span", { "class": "idx", text: String(sent.index + 1) }));
    var i = 0;
    while (i < sc.length) {
      var j = i;
      while (j < sc.length && roles[j] === roles[i]) { j++; }
      var s = sc.slice(i, j).join("");
      p.appendChild(roles[i] ? el("span", { "class": ROLE_CLASS[roles[i]], text: s }) : document.createTextNode(s));
      i = j;
    }
  }

  function factLine(f) {
    var parts = [f.subject.name, " — ", el("b", { text: f.predicate.name }), " — ", f.object.name];
    var notes = factNotes(f);
    if (notes) { parts.push(el("span", { "class": "note", text: "  (" + notes + ")" })); }
    return parts;
  }

  function factNotes(f) {
    var n = [];
    if (f.negated) { n.push("negated"); }
    if (f.modality) { n.push("modality: " + f.modality); }
    if (f.attribution) { n.push("according to " + f.attribution.name); }
    (f.context || []).forEach(function (c) { n.push(c.role + ": " + c.text); });
    return n.join("; ");
  }

  function entityQuery(e) {
    return "// Facts with " + e.name + " as subject or object\n" +
      "var e = " + JSON.stringify("<" + e.iri + ">") + ";\n" +
      "var k = " + JSON.stringify(KG) + ";\n" +
      "g.V().has(\"<\" + k + \"subject>\", e)\n" +
      "  .union(g.V().has(\"<\" + k + \"object>\", e))\n" +
      "  .save(\"<\" + k + \"subject>\", \"subject\")\n" +
      "  .save(\"<\" + k + \"predicate>\", \"predicate\")\n" +
      "  .save(\"<\" + k + \"object>\", \"object\")\n" +
      "  .save(\"<\" + k + \"sentence>\", \"sentence\")\n" +
      "  .all()";
  }

  // The UI's Query page starts with the query given in the URL (kg-ui.js
  // hands it over).
  function queryLink(q) {
    return "/?" + new URLSearchParams({ lang: "gizmo", query: q }).toString();
  }

  function render(d) {
    $("results").hidden = false;
    var summary = "Document " + d.id + (d.title ? " — “" + d.title + "”" : "") + (d.date ? ", " + d.date : "") + ": " +
      d.sentences.length + " sentences, " + d.facts.length + " facts, " + d.entities.length + " entities. ";
    summary += d.stored ? (d.unchanged ? "The store had it already (unchanged)." : "Stored: " + d.added + " quads added, " + d.removed + " removed.") : "Not stored.";
    $("summary").textContent = summary;

    var chars = Array.from(d.text);
    var bySent = {};
    d.facts.forEach(function (f, i) { f.n = i + 1; (bySent[f.sentence] = bySent[f.sentence] || []).push(f); });

    var box = $("sentences");
    box.textContent = "";
    d.sentences.forEach(function (s) {
      var facts = bySent[s.index] || [];
      var div = el("div", { "class": "sent" + (facts.length ? "" : " nofacts"), "data-sentence": String(s.index) });
      var p = el("p", { "class": "text" });
      paint(p, chars, s, facts);
      div.appendChild(p);
      if (facts.length) {
        var ol = el("ol");
        facts.forEach(function (f) {
          var li = el("li", { tabindex: "0", "data-fact": String(f.n), title: "confidence " + f.confidence }, factLine(f));
          var only = function () { paint(p, chars, s, [f]); };
          var all = function () { paint(p, chars, s, facts); };
          li.addEventListener("mouseenter", only);
          li.addEventListener("focus", only);
          li.addEventListener("mouseleave", all);
          li.addEventListener("blur", all);
          ol.appendChild(li);
        });
        div.appendChild(ol);
      }
      box.appendChild(div);
    });

    $("fact-count").textContent = "(" + d.facts.length + ")";
    var tb = $("facts").tBodies[0];
    tb.textContent = "";
    d.facts.forEach(function (f) {
      tb.appendChild(el("tr", {}, [
        el("td", { "class": "num", text: String(f.n) }),
        el("td", { "class": "hl-cell", title: f.subject.iri || "" }, [el("span", { "class": "hl-subj", text: f.subject.name })]),
        el("td", { title: f.predicate.iri }, [el("span", { "class": "hl-pred", text: f.predicate.name })]),
        el("td", { title: f.object.iri || "literal" }, [el("span", { "class": "hl-obj", text: f.object.name })]),
        el("td", { "class": "num", text: f.confidence.toFixed(2) }),
        el("td", { "class": "note" }, [f.negated ? el("span", { "class": "neg", text: "not " }) : null, factNotes(f).replace(/^negated;? ?/, "") + " — sentence " + (f.sentence + 1)])
      ]));
    });

    var ents = d.entities.slice().sort(function (a, b) {
      return (b.named - a.named) || (b.mentions.length - a.mentions.length) || a.name.localeCompare(b.name);
    });
    $("entity-count").textContent = "(" + ents.filter(function (e) { return e.named; }).length + " named, " +
      ents.filter(function (e) { return !e.named; }).length + " concepts)";
    var eb = $("entities").tBodies[0];
    eb.textContent = "";
    ents.forEach(function (e) {
      var q = entityQuery(e);
      var mentions = e.mentions.map(function (m) { return m.text + (m.kind && m.kind !== "name" ? " [" + m.kind + "]" : ""); });
      var copy = el("button", { type: "button", text: "Copy" });
      copy.style.cssText = "padding:2px 8px;font-size:12px";
      copy.addEventListener("click", function () {
        if (navigator.clipboard) { navigator.clipboard.writeText(q).catch(function () { /* not allowed */ }); }
      });
      eb.appendChild(el("tr", { "data-entity": e.iri }, [
        el("td", { title: e.iri }, [el("b", { text: e.name })]),
        el("td", {}, [el("span", { "class": "type " + e.type, text: e.type })]),
        el("td", { text: e.aliases.join(", ") }),
        el("td", { text: e.mentions.length + ": " + mentions.join("; ") }),
        el("td", {}, [
          el("a", { "class": "query-link", href: queryLink(q), target: "_blank", rel: "noopener", text: "open in Query" }),
          el("details", {}, [el("summary", { text: "Gizmo query" }), el("pre", { text: q }), copy])
        ])
      ]));
    });
  }
})();
