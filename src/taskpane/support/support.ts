// The support page names the sealed file it was opened for and, when the task pane sent it
// (`support.html#file=…&hash=…&text=…`, from "Open in browser"), holds the file itself: shown, and
// offered as a download and a copy, since here — the user's own browser — downloads work even where
// the task pane's do not (Excel on Mac). Values are shown as text, never as markup.
import { base64Encode } from "../../core/sign/bytes";
import { readCarried } from "./carry";

function show(): void {
  const carried = readCarried(window.location.hash, window.location.search);
  const section = document.getElementById("sealed-file");
  const name = document.getElementById("sealed-file-name");
  const hashEl = document.getElementById("sealed-file-hash");
  if (!carried || !section || !name || !hashEl) return;
  name.textContent = carried.fileName;
  hashEl.textContent = carried.hash;
  section.hidden = false;
  const withText = document.getElementById("sealed-file-content");
  const without = document.getElementById("sealed-file-missing");
  const area = document.getElementById(
    "sealed-file-text",
  ) as HTMLTextAreaElement | null;
  const download = document.getElementById(
    "sealed-file-download",
  ) as HTMLAnchorElement | null;
  const copy = document.getElementById(
    "sealed-file-copy",
  ) as HTMLButtonElement | null;
  if (carried.text === null || !withText || !area || !download) {
    if (without) without.hidden = false;
    return;
  }
  withText.hidden = false;
  area.value = carried.text;
  // A data: URL of the exact UTF-8 bytes: a download needs no object URL and no server.
  download.href = `data:application/json;base64,${base64Encode(new TextEncoder().encode(carried.text))}`;
  download.download = carried.fileName;
  copy?.addEventListener("click", () => {
    area.select();
    const done = () => (copy.textContent = "Copied");
    if (navigator.clipboard?.writeText)
      void navigator.clipboard.writeText(carried.text!).then(done, () => {
        if (document.execCommand?.("copy")) done();
      });
    else if (document.execCommand?.("copy")) done();
  });
}

show();
