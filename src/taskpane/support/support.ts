// The support page names the sealed file it was opened for (`support.html?file=…&hash=…`, from the
// task pane's "Open in browser"). Values are shown as text, never as markup.
const params = new URLSearchParams(window.location.search);
const file = params.get("file");
const hash = params.get("hash");
if (file) {
  const section = document.getElementById("sealed-file");
  const name = document.getElementById("sealed-file-name");
  const hashEl = document.getElementById("sealed-file-hash");
  if (section && name && hashEl) {
    name.textContent = file;
    hashEl.textContent = hash ?? "";
    section.hidden = false;
  }
}
