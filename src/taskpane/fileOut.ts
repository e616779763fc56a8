// Ways to get a sealed file out of the task pane. Webviews differ: a download works in Excel on the
// web and on Windows but does nothing in Excel on Mac; the clipboard API can be blocked, so copying
// falls back to a hidden textarea; openBrowserWindow exists only where OpenBrowserWindowApi 1.1 does.
import { carryFragment, type CarriedFile } from "./support/carry";

export function downloadText(fileName: string, text: string): void {
  const blob = new Blob([text], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    // Revoked later: some webviews read the blob after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** Copies `text`; throws with a message the user can act on when neither way works. */
export async function copyText(text: string): Promise<void> {
  if (typeof navigator !== "undefined" && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Blocked by the webview's permissions: try the older way below.
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  const previous = document.activeElement as HTMLElement | null;
  area.select();
  let ok = false;
  try {
    ok =
      typeof document.execCommand === "function" &&
      document.execCommand("copy");
  } finally {
    area.remove();
    previous?.focus?.();
  }
  if (!ok)
    throw new Error(
      "this Excel does not let the add-in use the clipboard; use Download, or Export again from the Seal Log",
    );
}

function office(): typeof Office | null {
  return typeof Office === "undefined" ? null : Office;
}

export function canOpenBrowserWindow(): boolean {
  const o = office();
  try {
    return Boolean(
      o?.context?.ui &&
      typeof o.context.ui.openBrowserWindow === "function" &&
      o.context.requirements?.isSetSupported("OpenBrowserWindowApi", "1.1"),
    );
  } catch {
    return false;
  }
}

/**
 * The add-in's own support page carrying the file itself in its fragment (see support/carry.ts):
 * the browser openBrowserWindow opens shares no storage with the task pane.
 */
export function supportPageUrl(
  file: CarriedFile,
  base: string = window.location.href,
): string {
  const url = new URL("support.html", base);
  url.search = "";
  url.hash = carryFragment(file);
  return url.href;
}

export function openInBrowser(file: CarriedFile): void {
  const o = office();
  if (!o || !canOpenBrowserWindow())
    throw new Error("this Excel cannot open a browser window from an add-in");
  o.context.ui.openBrowserWindow(supportPageUrl(file));
}

/** Excel on Mac, where downloads from the task pane do nothing. */
export function isMacExcel(): boolean {
  const o = office();
  try {
    return Boolean(o?.context && o.context.platform === o.PlatformType.Mac);
  } catch {
    return false;
  }
}
