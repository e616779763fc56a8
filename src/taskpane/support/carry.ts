// The sealed file, carried to the add-in's support page inside its address. openBrowserWindow
// opens the page in the user's own browser, which shares no storage with the task pane (web
// storage is partitioned by the top-level site, and the webview of desktop Excel is another
// browser altogether), so the page can only have what its URL brings. The file travels in the
// fragment (`#…`), which browsers never send to a server, as base64url of its exact UTF-8 bytes.
// Evidence: packages/excel-simulator/README.md, rule 16.
import { base64Decode, base64Encode } from "../../core/sign/bytes";

export interface CarriedFile {
  fileName: string;
  hash: string;
  text: string;
}

function toBase64Url(bytes: Uint8Array): string {
  return base64Encode(bytes)
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** The bytes, or null when `s` is not base64url. */
function fromBase64Url(s: string): Uint8Array | null {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  return base64Decode(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
}

/** The fragment that carries `file` (without the leading `#`). */
export function carryFragment(file: CarriedFile): string {
  const p = new URLSearchParams();
  p.set("file", file.fileName);
  p.set("hash", file.hash);
  p.set("text", toBase64Url(new TextEncoder().encode(file.text)));
  return p.toString();
}

/** What a support page address carries: the whole file, or only its name and hash (older links), or nothing. */
export function readCarried(
  hashPart: string,
  search = "",
): { fileName: string; hash: string; text: string | null } | null {
  const p = new URLSearchParams(hashPart.replace(/^#/, ""));
  const q = new URLSearchParams(search);
  const fileName = p.get("file") ?? q.get("file");
  if (!fileName) return null;
  const hash = p.get("hash") ?? q.get("hash") ?? "";
  const encoded = p.get("text");
  let text: string | null = null;
  const bytes = encoded === null ? null : fromBase64Url(encoded);
  if (bytes) {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      text = null; // not UTF-8: the link was cut or altered
    }
  }
  return { fileName, hash, text };
}
