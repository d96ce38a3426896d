(function () {
  "use strict";
  var pop = document.getElementById("pop");
  var pinned = null;

  function cardsFor(mark) {
    var frag = document.createDocumentFragment();
    (mark.getAttribute("data-cards") || "plain").split(" ").forEach(function (id) {
      var t = document.getElementById("card-" + id);
      if (t && t.content) frag.appendChild(t.content.cloneNode(true));
    });
    return frag;
  }

  function show(mark) {
    if (!pop || !mark) return;
    pop.textContent = "";
    pop.appendChild(cardsFor(mark));
    pop.hidden = false;
    var r = mark.getBoundingClientRect();
    var width = Math.min(440, window.innerWidth - 24);
    var left = Math.max(12, Math.min(r.left + window.scrollX, window.scrollX + window.innerWidth - width - 12));
    pop.style.left = left + "px";
    pop.style.top = (r.bottom + window.scrollY + 8) + "px";
  }

  function hide() {
    if (pop) pop.hidden = true;
    pinned = null;
  }

  function goTo(id) {
    var target = id && document.getElementById(id);
    if (!target) return false;
    document.querySelectorAll("mark.fig.current").forEach(function (m) { m.classList.remove("current"); });
    target.classList.add("current");
    target.scrollIntoView({ block: "nearest" });
    pinned = target;
    show(target);
    if (history.replaceState) history.replaceState(null, "", "#" + id);
    return true;
  }

  function explain(id) {
    var d = document.getElementById(id);
    if (!d) return false;
    d.open = true;
    document.querySelectorAll("details.rule.current").forEach(function (x) { x.classList.remove("current"); });
    d.classList.add("current");
    d.scrollIntoView({ block: "nearest" });
    return true;
  }

  document.addEventListener("click", function (e) {
    var mark = e.target.closest && e.target.closest("mark.fig[id]");
    if (mark) {
      e.preventDefault();
      if (pinned === mark) { hide(); return; }
      pinned = mark;
      show(mark);
      return;
    }
    var link = e.target.closest && e.target.closest("a.goto");
    if (link) {
      e.preventDefault();
      goTo(link.getAttribute("data-target"));
      return;
    }
    var ex = e.target.closest && e.target.closest("a.explain");
    if (ex) {
      e.preventDefault();
      explain(ex.getAttribute("data-rule"));
      return;
    }
    if (!(e.target.closest && e.target.closest("#pop"))) hide();
  });
  document.addEventListener("mouseover", function (e) {
    var mark = e.target.closest && e.target.closest("mark.fig[id]");
    if (mark && !pinned) show(mark);
  });
  document.addEventListener("mouseout", function (e) {
    var mark = e.target.closest && e.target.closest("mark.fig[id]");
    if (mark && !pinned) pop.hidden = true;
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
    if (e.key === "Enter" && e.target.matches && e.target.matches("mark.fig[id]")) {
      pinned = e.target;
      show(e.target);
    }
  });

  // `#m12` opens on figure m12 with its card (a finding's link, bookmarked); `#show=m12`
  // opens the card where the page is
  if (/^#m\d+$/.test(location.hash)) goTo(location.hash.slice(1));
  var shown = /^#show=(m\d+)$/.exec(location.hash);
  if (shown && document.getElementById(shown[1])) {
    pinned = document.getElementById(shown[1]);
    pinned.classList.add("current");
    show(pinned);
  }

  // `#selftest`: check the page in the browser (tests/report_html.rs loads it headless) and
  // write the results into the DOM as JSON.
  if (location.hash === "#selftest") {
    var out = { links: 0, broken: [], mismatches: 0, warnings: 0, scrolled: null, popover: null, explain: null };
    var links = document.querySelectorAll("a.goto");
    out.links = links.length;
    links.forEach(function (a) {
      var id = a.getAttribute("data-target");
      var t = id && document.getElementById(id);
      if (!t || !t.matches("mark.fig")) out.broken.push(a.parentNode.id);
    });
    out.mismatches = document.querySelectorAll("main mark.fig.mismatch").length;
    out.warnings = document.querySelectorAll("main mark.fig.warning").length;
    var last = links[links.length - 1];
    if (last) {
      window.scrollTo(0, 0);
      last.click();
      var t = document.getElementById(last.getAttribute("data-target"));
      var r = t ? t.getBoundingClientRect() : null;
      out.scrolled = !!(t && t.classList.contains("current") && r.top >= 0 && r.bottom <= window.innerHeight);
      out.popover = !pop.hidden && pop.querySelectorAll(".card").length > 0;
      out.popoverText = pop.textContent.replace(/\s+/g, " ").trim().slice(0, 2000);
    }
    var ex = document.querySelector("a.explain");
    if (ex) {
      ex.click();
      var d = document.getElementById(ex.getAttribute("data-rule"));
      out.explain = !!(d && d.open && d.textContent.length > 100);
    }
    hide();
    var pre = document.createElement("pre");
    pre.id = "selftest";
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }
})();
