// A text part of the package being written (content types, workbook, relationships, styles):
// read once when first needed, and written back only when set.
import { utf16leWithBom } from "@sealed-run/workbook-model";
import type { LoadedPackage } from "./loadedPackage";
import { decodeText } from "./xml";
import { enc } from "./xmlEdit";

export class TextPart {
  text: string | undefined;
  changed = false;
  constructor(
    private readonly lp: LoadedPackage,
    readonly path: string,
  ) {}
  async get(): Promise<string> {
    if (this.text === undefined)
      this.text = decodeText(await this.lp.pkg.bytes(this.path));
    return this.text;
  }
  set(text: string): void {
    this.text = text;
    this.changed = true;
  }
}

/** A custom XML part in the encoding it declared (UTF-16 with a BOM, else UTF-8). */
export function encodePartXml(xml: string, utf16: boolean): Uint8Array {
  return utf16 ? utf16leWithBom(xml) : enc(xml);
}
