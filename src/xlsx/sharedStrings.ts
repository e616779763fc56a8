// Streaming reader for the shared strings part (§18.4): each string as its plain text (rich text
// runs joined, phonetic runs left out), all of them or only the ones a second pass asks for.
import { decodeXstring, parsePart } from "./xml";
import type { ZipPackage } from "./zip";

/** Text of <t> elements inside the current <si>/<is>, skipping phonetic runs (<rPh>). */
export class RichText {
  private depthPh = 0;
  private inT = false;
  text = "";
  open(name: string): void {
    if (name === "rPh") this.depthPh++;
    else if (name === "t" && this.depthPh === 0) this.inT = true;
  }
  close(name: string): void {
    if (name === "rPh") this.depthPh--;
    else if (name === "t") this.inT = false;
  }
  chars(t: string): void {
    if (this.inT) this.text += t;
  }
}

/**
 * The shared-string table (§18.4.9) by index. A string `keep` refuses is left out (null) and read
 * later with readSharedStringsAt, when a cell that is kept needs it: so a seal from a large run
 * table holds the short strings (headers, run ids) and the few long ones of the run's row only.
 */
export async function readSharedStrings(
  pkg: ZipPackage,
  path: string | undefined,
  keep: (text: string) => boolean = () => true,
): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  await eachSharedString(pkg, path, (_, text) =>
    out.push(keep(text) ? text : null),
  );
  return out;
}

/** The strings at `indexes`, in a second pass over the table. */
export async function readSharedStringsAt(
  pkg: ZipPackage,
  path: string | undefined,
  indexes: Set<number>,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  await eachSharedString(pkg, path, (i, text) => {
    if (indexes.has(i)) out.set(i, text);
  });
  return out;
}

async function eachSharedString(
  pkg: ZipPackage,
  path: string | undefined,
  each: (index: number, text: string) => void,
): Promise<void> {
  if (!path || !pkg.has(path)) return;
  let rich: RichText | null = null;
  let i = 0;
  await parsePart(pkg, path, {
    open(name) {
      if (name === "si") rich = new RichText();
      else rich?.open(name);
    },
    close(name) {
      if (name === "si" && rich) {
        each(i++, decodeXstring(rich.text));
        rich = null;
      } else rich?.close(name);
    },
    text(t) {
      rich?.chars(t);
    },
  });
}
