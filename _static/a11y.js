// Accessibility repairs to the theme's markup, applied when the page loads (no external code):
// - a control whose aria-label leaves out its visible text (the theme's search buttons show "Search"
//   and a keyboard shortcut; the theme switch) gets an accessible name that starts with that text, so
//   speech users can say what they see (WCAG 2.5.3, axe rule label-content-name-mismatch);
// - the colour-mode switch is removed: the report is set in light mode (html_context.default_mode),
//   its figures are drawn on white, and the switch's hidden option names made its label mismatch;
// - the bibliography's "list" role is removed: its children are links and entries, not list items
//   (axe rule aria-required-children).
(function () {
  "use strict";
  function visibleText(el) {
    return (el.innerText || "").replace(/\s+/g, " ").trim();
  }
  function repair() {
    document.querySelectorAll(".theme-switch-button").forEach(function (el) { el.remove(); });
    document.querySelectorAll("[aria-label]").forEach(function (el) {
      var label = el.getAttribute("aria-label") || "";
      var text = visibleText(el);
      if (text && label.toLowerCase().indexOf(text.toLowerCase()) < 0) {
        el.setAttribute("aria-label", text + " (" + label + ")");
      }
    });
    document.querySelectorAll(".citation-list[role='list']").forEach(function (el) {
      el.removeAttribute("role");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", repair);
  } else {
    repair();
  }
})();
// Citation cards open on hover and focus (CSS); Escape closes the one in use until the pointer or the
// focus leaves it (WCAG 1.4.13: content on hover or focus is dismissible).
(function () {
  "use strict";
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape") return;
    document.querySelectorAll(".cite:hover, .cite:focus-within").forEach(function (el) {
      el.classList.add("cite-dismissed");
    });
  });
  function reset(ev) {
    var cite = ev.target.closest && ev.target.closest(".cite");
    if (cite && !cite.contains(ev.relatedTarget)) cite.classList.remove("cite-dismissed");
  }
  document.addEventListener("focusout", reset);
  document.addEventListener("mouseout", reset);
})();
