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
