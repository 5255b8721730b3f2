{% raw %}
(function () {
  "use strict";
  var body = document.body, errors = 0;
  window.addEventListener("error", function () { errors += 1; body.setAttribute("data-errors", String(errors)); });
  var RANK = { info: 1, warning: 2, error: 3 };
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var F = data.findings, N = F.length;  // [doc, category index, severity, confidence, rule, line, text, message, sentence, wide]
  var hay = new Array(N), i;
  for (i = 0; i < N; i++) { hay[i] = (F[i][4] + " " + data.categories[F[i][1]] + " " + F[i][6] + " " + F[i][7] + " " + F[i][8]).toLowerCase(); }
  var vis = new Uint8Array(N);
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function ids(el) { var v = el.getAttribute("data-f"); return v ? v.split(" ").map(Number) : []; }
  var marks = all(".doc mark[data-f]").map(function (m) {
    return { el: m, ids: ids(m), begins: m.classList.contains("b") };
  });
  var byId = new Array(N);
  marks.forEach(function (m) { m.ids.forEach(function (id) { (byId[id] = byId[id] || []).push(m.el); }); });
  var items = all("[data-i]").map(function (el) { return { el: el, i: Number(el.getAttribute("data-i")) }; });
  var rows = all(".r[data-f]").map(function (r) { return { el: r, ids: ids(r) }; });
  var counters = all("[data-count]"), nouns = all("[data-noun]"), groups = all("[data-group]"), boxes = all("#legend input[data-cat]");
  var tabs = all("#tabs .tab"), panels = all(".panel"), NOTES = 3;
  var crowded = all(".m .more").map(function (b) {
    var box = b.parentNode;
    b.addEventListener("click", function () { box.classList.toggle("open"); apply(); });
    return { box: box, button: b, notes: all(".note", box).map(function (n) { return { el: n, i: Number(n.getAttribute("data-i")) }; }) };
  });
  var q = document.getElementById("q"), sev = document.getElementById("sev"), conf = document.getElementById("conf");
  var confOut = document.getElementById("conf-out"), only = document.getElementById("only");
  var names = {};
  boxes.forEach(function (b) { names[b.getAttribute("data-name")] = Number(b.getAttribute("data-cat")); });
  var state = { cats: null, sev: "info", conf: 0, q: "", only: false, doc: panels.length ? panels[0].getAttribute("data-doc") : "all", line: 0 };

  function decode(text) { try { return decodeURIComponent(text); } catch (e) { return text; } }
  function read(str) {  // "doc=1&cat=vague,passive&sev=error&conf=0.5&q=shall&only=1&line=12", or "d1-L12", "doc-1"
    str = (str || "").replace(/^[#?]/, "");
    if (!str) { return; }
    var m = /^d(\d+)-L(\d+)$/.exec(str) || /^doc-(\d+|all)$/.exec(str);
    if (m) { state.doc = m[1]; state.line = Number(m[2] || 0); return; }
    str.split("&").forEach(function (kv) {
      var at = kv.indexOf("="), key = at < 0 ? kv : kv.slice(0, at);
      var value = at < 0 ? "" : decode(kv.slice(at + 1).replace(/\+/g, " "));
      if (key === "cat") { state.cats = {}; value.split(",").forEach(function (c) { if (c in names) { state.cats[names[c]] = true; } }); }
      else if (key === "sev" && RANK[value]) { state.sev = value; }
      else if (key === "conf") { state.conf = Math.min(1, Math.max(0, parseFloat(value) || 0)); }
      else if (key === "q") { state.q = value; }
      else if (key === "only") { state.only = value === "1" || value === "true"; }
      else if (key === "doc") { state.doc = value; }
      else if (key === "line") { state.line = Number(value) || 0; }
    });
  }
  function write() {
    var parts = ["doc=" + state.doc];
    if (state.cats) { parts.push("cat=" + boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.getAttribute("data-name"); }).join(",")); }
    if (state.sev !== "info") { parts.push("sev=" + state.sev); }
    if (state.conf > 0) { parts.push("conf=" + state.conf); }
    if (state.q) { parts.push("q=" + encodeURIComponent(state.q)); }
    if (state.only) { parts.push("only=1"); }
    try { history.replaceState(null, "", "#" + parts.join("&")); } catch (e) { /* a file: URL in some browsers */ }
  }
  function controls() {
    boxes.forEach(function (b) { b.checked = !state.cats || !!state.cats[b.getAttribute("data-cat")]; });
    sev.value = state.sev; conf.value = String(state.conf); confOut.textContent = state.conf.toFixed(2);
    q.value = state.q; only.checked = state.only;
  }

  function primary(m) {  // the visible finding a highlight is drawn for: a narrow one, the most severe, the shortest
    var best = -1;
    m.ids.forEach(function (id) {
      if (!vis[id]) { return; }
      if (best < 0) { best = id; return; }
      var a = F[id], b = F[best];
      if (a[9] !== b[9] ? a[9] < b[9] : (RANK[a[2]] !== RANK[b[2]] ? RANK[a[2]] > RANK[b[2]] : a[6].length < b[6].length)) { best = id; }
    });
    return best;
  }
  function apply() {
    var min = RANK[state.sev] || 1, needle = state.q.toLowerCase(), counts = {}, cats = state.cats;
    function add(key) { counts[key] = (counts[key] || 0) + 1; }
    for (var n = 0; n < N; n++) {
      var f = F[n], pass = RANK[f[2]] >= min && f[3] >= state.conf - 1e-9 && (!needle || hay[n].indexOf(needle) >= 0);
      if (pass) { add("c:" + f[1]); }
      var on = pass && (!cats || !!cats[f[1]]);
      vis[n] = on ? 1 : 0;
      if (on) { add("all"); add("s:" + f[2]); add("d:" + f[0]); add("r:" + f[4]); add("dr:" + f[0] + ":" + f[4]); }
    }
    items.forEach(function (it) { it.el.classList.toggle("off", !vis[it.i]); });
    marks.forEach(function (m) {
      var p = primary(m), shown = m.ids.filter(function (id) { return vis[id]; });
      if (p < 0) { m.el.className = "off"; return; }
      var wide = shown.every(function (id) { return F[id][9]; });
      m.el.className = "k" + F[p][1] + " s-" + F[p][2] + (shown.length > 1 ? " multi" : "") + (wide ? " wide" : "") + (m.begins ? " b" : "");
    });
    rows.forEach(function (r) { r.el.classList.toggle("hit", r.ids.some(function (id) { return vis[id]; })); });
    crowded.forEach(function (c) {  // three notes on a line, then "+n more"
      var shown = c.notes.filter(function (n) { return vis[n.i]; });
      c.notes.forEach(function (n) { n.el.classList.remove("over"); });
      shown.slice(NOTES).forEach(function (n) { n.el.classList.add("over"); });
      var extra = shown.length - NOTES;
      c.button.hidden = extra <= 0;
      c.button.textContent = c.box.classList.contains("open") ? "fewer" : "+" + extra + " more";
    });
    body.classList.toggle("only", state.only);
    counters.forEach(function (el) { el.textContent = String(counts[el.getAttribute("data-count")] || 0); });
    nouns.forEach(function (el) { el.textContent = el.getAttribute((counts[el.getAttribute("data-noun")] || 0) === 1 ? "data-one" : "data-many"); });
    groups.forEach(function (el) { el.classList.toggle("off", !counts[el.getAttribute("data-group")]); });
    body.setAttribute("data-visible", String(counts.all || 0));
  }
  function show(doc, line) {
    if (!panels.some(function (p) { return p.getAttribute("data-doc") === String(doc); })) { doc = panels.length ? panels[0].getAttribute("data-doc") : "all"; }
    state.doc = String(doc);
    panels.forEach(function (p) { p.classList.toggle("active", p.getAttribute("data-doc") === state.doc); });
    tabs.forEach(function (t) { t.setAttribute("aria-selected", t.getAttribute("data-doc") === state.doc ? "true" : "false"); });
    body.setAttribute("data-doc", state.doc);
    var target = line ? document.getElementById("d" + state.doc + "-L" + line) : null;
    if (target) {
      target.scrollIntoView({ block: "center" });
      target.classList.remove("flash"); void target.offsetWidth; target.classList.add("flash");
    } else if (window.scrollY > 0) {
      window.scrollTo(0, 0);  // another document opens at its top
    }
  }
  function changed() { apply(); write(); }

  // the tooltip: every visible finding of a highlight
  var tip = document.getElementById("tip");
  function tipFor(mark) {
    var shown = ids(mark).filter(function (id) { return vis[id]; });
    if (!shown.length) { tip.hidden = true; return; }
    tip.textContent = "";
    shown.forEach(function (id) {
      var f = F[id], p = document.createElement("p"), b = document.createElement("b");
      p.className = "s-" + f[2];
      b.className = "sv"; b.textContent = f[2] + " ";
      p.appendChild(b);
      p.appendChild(document.createTextNode(data.categories[f[1]] + " (" + f[4] + ", " + f[3].toFixed(2) + "): " + f[7]));
      tip.appendChild(p);
    });
    var box = mark.getBoundingClientRect();
    tip.hidden = false;
    var top = box.bottom + 6, left = Math.min(box.left, window.innerWidth - tip.offsetWidth - 8);
    if (top + tip.offsetHeight > window.innerHeight) { top = Math.max(4, box.top - tip.offsetHeight - 6); }
    tip.style.top = top + "px"; tip.style.left = Math.max(4, left) + "px";
  }
  function hot(list, on) { (list || []).forEach(function (el) { el.classList.toggle("hot", on); }); }
  document.addEventListener("mouseover", function (e) {
    var mark = e.target.closest ? e.target.closest(".doc mark[data-f]") : null;
    if (mark) { tipFor(mark); hot(ids(mark).map(function (id) { return document.querySelector('.note[data-i="' + id + '"]'); }).filter(Boolean), true); return; }
    var note = e.target.closest ? e.target.closest(".note") : null;
    if (note) { hot(byId[Number(note.getAttribute("data-i"))], true); }
  });
  document.addEventListener("mouseout", function (e) {
    var el = e.target.closest ? e.target.closest(".doc mark[data-f], .note") : null;
    if (!el) { return; }
    tip.hidden = true;
    all(".hot").forEach(function (h) { h.classList.remove("hot"); });
  });
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href^='#']") : null;
    if (!a) { return; }
    var href = a.getAttribute("href"), m = /^#d(\d+)-L(\d+)$/.exec(href) || /^#doc-(\d+|all)$/.exec(href);
    if (!m) { return; }
    e.preventDefault();
    show(m[1], Number(m[2] || 0));
    write();
  });

  try {
    read(location.search);
    read(location.hash);
    controls();
    boxes.forEach(function (b) {
      b.addEventListener("change", function () {
        state.cats = {};
        boxes.forEach(function (x) { if (x.checked) { state.cats[x.getAttribute("data-cat")] = true; } });
        if (boxes.every(function (x) { return x.checked; })) { state.cats = null; }
        changed();
      });
    });
    sev.addEventListener("change", function () { state.sev = sev.value; changed(); });
    conf.addEventListener("input", function () { state.conf = parseFloat(conf.value) || 0; confOut.textContent = state.conf.toFixed(2); changed(); });
    var timer = 0;
    q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { state.q = q.value.trim(); changed(); }, 120); });
    only.addEventListener("change", function () { state.only = only.checked; changed(); });
    document.getElementById("reset").addEventListener("click", function () {
      state.cats = null; state.sev = "info"; state.conf = 0; state.q = ""; state.only = false; controls(); changed();
    });
    window.addEventListener("hashchange", function () { read(location.hash); controls(); apply(); show(state.doc, state.line); });
    body.classList.add("js");
    apply();
    show(state.doc, state.line);
    body.setAttribute("data-rendered-findings", String(N));
    body.setAttribute("data-summary-findings", String(data.summary.findings));
    body.setAttribute("data-ok", errors === 0 ? "1" : "0");
  } catch (e) {
    errors += 1;
    body.setAttribute("data-errors", String(errors));
    body.setAttribute("data-error-message", String(e && e.message));
  }
}());
{% endraw %}
