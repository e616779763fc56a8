// Streaming XML for package parts, on saxes (a conforming, non-validating parser). A part with a
// document type declaration is refused outright: OOXML never uses one, and refusing it closes the
// door on external entities (XXE) and entity expansion (billion laughs); saxes itself expands no
// entity beyond the five predefined ones and character references.
import { SaxesParser } from "saxes";
import { WorkbookFormatError } from "./errors";
import type { ZipPackage } from "./zip";

export interface XmlHandlers {
  /** An element opens: local name (prefix dropped) and attributes by local name. */
  open?: (name: string, attrs: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

const localName = (n: string) => {
  const i = n.indexOf(":");
  return i < 0 ? n : n.slice(i + 1);
};

/** Feeds a part's bytes, chunk by chunk, to the handlers. */
export class XmlStream {
  private readonly parser = new SaxesParser({ position: false });
  private decoder: TextDecoder | null = null;

  constructor(
    private readonly part: string,
    h: XmlHandlers,
  ) {
    const p = this.parser;
    p.on("doctype", () => {
      throw new WorkbookFormatError(
        `the package part ${part} declares a document type (DTD); OOXML parts never do, and entities could reach outside the file, so it is refused`,
        "xml-unsafe",
      );
    });
    const { open, close, text } = h;
    if (open)
      p.on("opentag", (t) => {
        const attrs: Record<string, string> = {};
        for (const k in t.attributes)
          attrs[localName(k)] = t.attributes[k] as string;
        open(localName(t.name), attrs);
      });
    if (close) p.on("closetag", (t) => close(localName(t.name)));
    if (text) {
      p.on("text", text);
      p.on("cdata", text);
    }
  }

  private fail(e: unknown): never {
    if (e instanceof WorkbookFormatError) throw e;
    throw new WorkbookFormatError(
      `the package part ${this.part} is not well-formed XML (${(e as Error).message.split("\n")[0]})`,
      "xml-malformed",
    );
  }

  write(chunk: Uint8Array): void {
    if (!this.decoder) {
      // A byte-order mark chooses UTF-16; otherwise UTF-8 (whose BOM TextDecoder drops).
      const enc =
        chunk[0] === 0xff && chunk[1] === 0xfe
          ? "utf-16le"
          : chunk[0] === 0xfe && chunk[1] === 0xff
            ? "utf-16be"
            : "utf-8";
      this.decoder = new TextDecoder(enc, { fatal: true });
    }
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      throw new WorkbookFormatError(
        `the package part ${this.part} is not valid UTF-8/UTF-16 text`,
        "xml-malformed",
      );
    }
    try {
      this.parser.write(text);
    } catch (e) {
      this.fail(e);
    }
  }

  end(): void {
    try {
      if (this.decoder) this.parser.write(this.decoder.decode());
      this.parser.close();
    } catch (e) {
      this.fail(e);
    }
  }
}

/** Parses a whole part from the package, streaming it. */
export async function parsePart(
  pkg: ZipPackage,
  name: string,
  h: XmlHandlers,
): Promise<void> {
  const x = new XmlStream(name, h);
  await pkg.stream(name, (c) => x.write(c));
  x.end();
}

/** Parses XML text already in memory (tests, small parts). */
export function parseText(part: string, text: string, h: XmlHandlers): void {
  const x = new XmlStream(part, h);
  x.write(new TextEncoder().encode(text));
  x.end();
}

/** Decodes a part's bytes to text (UTF-8, or UTF-16 by its byte-order mark), BOM dropped. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return new TextDecoder("utf-8").decode(bytes);
}

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * ECMA-376 ST_Xstring: a character XML 1.0 cannot carry (controls, and CR, which XML turns into
 * LF) is written `_xHHHH_`, and a literal `_xHHHH_` has its underscore escaped as `_x005F_`.
 */
export function encodeXstring(s: string): string {
  const escaped = s.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
  let out = "";
  for (let i = 0; i < escaped.length; i++) {
    const code = escaped.charCodeAt(i);
    const unfit =
      (code < 0x20 && code !== 0x09 && code !== 0x0a) ||
      code === 0xfffe ||
      code === 0xffff;
    out += unfit
      ? `_x${code.toString(16).toUpperCase().padStart(4, "0")}_`
      : escaped[i];
  }
  return out;
}

/** The inverse of encodeXstring, as Excel reads cell text and table column names. */
export function decodeXstring(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}
