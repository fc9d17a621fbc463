// The meeting's presentation view: arrow keys move to the previous/next agenda item.
// Keys typed into a field stay in the field. The page works without this file.
document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const target = event.target;
  if (target.closest("input, textarea, select, [contenteditable]")) return;
  const link = document.querySelector(`a[data-key="${event.key}"]`);
  if (link) {
    event.preventDefault();
    window.location.href = link.href;
  }
});

// "Decide an action" in the nav: open the decide card and put the cursor in its first field.
document.addEventListener("click", (event) => {
  if (!event.target.closest("[data-open-decide]")) return;
  const decide = document.getElementById("decide");
  if (!decide) return;
  event.preventDefault();
  decide.open = true;
  decide.scrollIntoView({ block: "start" });
  const field = decide.querySelector("input:not([type=hidden]), textarea, select");
  (field || decide.querySelector("summary")).focus();
});
