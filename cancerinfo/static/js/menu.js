// The header's Menu is a native <details>: it opens and closes without this file. With JavaScript, Escape also
// closes it and puts focus back on the Menu button, as people expect of a menu that covers the page.
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  var menu = document.querySelector("details.site-menu[open]");
  if (!menu) return;
  menu.open = false;
  menu.querySelector("summary").focus();
});
