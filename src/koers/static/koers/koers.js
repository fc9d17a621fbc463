// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("click", (event) => {
  const trigger = event.target.closest("[data-confirm]");
  if (trigger && !window.confirm(trigger.dataset.confirm)) event.preventDefault();
});

// Pop-up menus (<details class="more">): close on Escape, when focus or a click leaves them.
function closeMenu(menu, returnFocus) {
  if (!menu.open) return;
  menu.open = false;
  if (returnFocus) menu.querySelector("summary").focus();
}
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const menu = event.target.closest("details.more[open]");
  if (menu) closeMenu(menu, true);
});
document.addEventListener("focusin", (event) => {
  document.querySelectorAll("details.more[open]").forEach((menu) => {
    if (!menu.contains(event.target)) closeMenu(menu, false);
  });
});
document.addEventListener("click", (event) => {
  document.querySelectorAll("details.more[open]").forEach((menu) => {
    if (!menu.contains(event.target)) closeMenu(menu, false);
  });
});

// After a failed submit, move focus to the summary of what needs attention.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});

// After an HTMX swap: keep focus where the user was (or on the new content) and announce it.
let focusedId = null;
document.addEventListener("htmx:beforeSwap", () => {
  focusedId = document.activeElement && document.activeElement.id;
});
document.addEventListener("htmx:afterSettle", (event) => {
  let target = event.detail.target;
  if (!target) return;
  // An outerHTML swap replaces the target: look in its successor, the element with its id.
  if (!target.isConnected) target = (target.id && document.getElementById(target.id)) || document.body;
  const again = focusedId && document.getElementById(focusedId);
  const errors = target.querySelector("[data-error-summary]");
  if (errors) {
    errors.focus();  // a form swapped back with its errors: the summary, in place
  } else if (again && again !== document.body) {
    again.focus();
  } else if (!target.contains(document.activeElement) || document.activeElement === document.body) {
    const focusable = target.querySelector("[data-focus-after-swap]") || target;
    if (!focusable.hasAttribute("tabindex") && !focusable.matches("a,button,input,select,textarea")) {
      focusable.setAttribute("tabindex", "-1");
    }
    focusable.focus();
  }
  const message = target.querySelector("[data-announce]");
  const announcer = document.getElementById("announcer");
  if (message && announcer) {
    announcer.textContent = "";
    window.setTimeout(() => { announcer.textContent = message.dataset.announce || message.textContent; }, 50);
  }
});

// No inline event handlers (the Content-Security-Policy forbids them):
// data-print prints the page, data-select selects a field's text on click.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
  const field = event.target.closest("[data-select]");
  if (field) field.select();
});

// A table wider than the screen scrolls inside its frame: make the frame reachable by keyboard
// and name it after the section's heading, so it can be scrolled without a mouse.
function markScrollableTables(root) {
  root.querySelectorAll(".table-wrap").forEach((wrap) => {
    if (wrap.scrollWidth <= wrap.clientWidth || wrap.hasAttribute("tabindex")) return;
    const section = wrap.closest("section, .card");
    const heading = section && section.querySelector("h1, h2, h3");
    wrap.setAttribute("tabindex", "0");
    // A group, not a region: a second landmark with its section's name would not be unique.
    wrap.setAttribute("role", "group");
    if (heading) wrap.setAttribute("aria-label", heading.textContent.trim());
  });
}
document.addEventListener("DOMContentLoaded", () => markScrollableTables(document));
document.addEventListener("htmx:afterSettle", (event) => markScrollableTables(event.detail.target));
