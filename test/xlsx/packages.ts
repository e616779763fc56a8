// Hand-written packages for the package layer's tests: the XML forms Excel, LibreOffice and
// Google Sheets write, and a raw zip writer that can also write what no tool should (duplicate
// names, `..`, sizes that lie), to test the refusals.
import { deflateRawSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface RawEntry {
  name: string;
  data: Uint8Array | string;
  store?: boolean;
  /** Lie about the inflated size in the headers. */
  declaredSize?: number;
}

/** A zip file exactly as described (no checks: hostile inputs are the point). */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data =
      typeof e.data === "string"
        ? Buffer.from(e.data, "utf8")
        : Buffer.from(e.data);
    const body = e.store ? data : deflateRawSync(data);
    const name = Buffer.from(e.name, "utf8");
    const size = e.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

export interface SheetSpec {
  name: string;
  xml: string;
  tables?: string[];
  state?: string;
}

/**
 * A workbook package from sheet bodies (the <sheetData> and what follows), tables' XML, and
 * optional styles and shared strings; `paths` renames parts (odd casing, other folders).
 */
export function workbookEntries(opts: {
  sheets: SheetSpec[];
  styles?: string;
  sst?: string;
  date1904?: boolean;
  mainPath?: string;
  reverse?: boolean;
  extra?: RawEntry[];
}): RawEntry[] {
  const main = opts.mainPath ?? "xl/workbook.xml";
  const dir = main.slice(0, main.lastIndexOf("/"));
  const entries: RawEntry[] = [];
  const overrides: string[] = [
    `<Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
  ];
  const rels: string[] = [];
  let table = 0;
  opts.sheets.forEach((s, i) => {
    const path = `${dir}/worksheets/sheet${i + 1}.xml`;
    overrides.push(
      `<Override PartName="/${path}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    rels.push(
      `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    );
    const parts = (s.tables ?? []).map((t) => {
      table++;
      entries.push({ name: `${dir}/tables/table${table}.xml`, data: DECL + t });
      overrides.push(
        `<Override PartName="/${dir}/tables/table${table}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`,
      );
      return table;
    });
    const tableParts = parts.length
      ? `<tableParts count="${parts.length}">${parts.map((_, k) => `<tablePart r:id="rId${k + 1}"/>`).join("")}</tableParts>`
      : "";
    entries.push({
      name: path,
      data: `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${R}">${s.xml}${tableParts}</worksheet>`,
    });
    if (parts.length)
      entries.push({
        name: `${dir}/worksheets/_rels/sheet${i + 1}.xml.rels`,
        data: `${DECL}<Relationships xmlns="${PKG}">${parts.map((t, k) => `<Relationship Id="rId${k + 1}" Type="${R}/table" Target="../tables/table${t}.xml"/>`).join("")}</Relationships>`,
      });
  });
  if (opts.styles !== undefined) {
    entries.push({
      name: `${dir}/styles.xml`,
      data: `${DECL}<styleSheet xmlns="${MAIN}">${opts.styles}</styleSheet>`,
    });
    rels.push(
      `<Relationship Id="rIdS" Type="${R}/styles" Target="styles.xml"/>`,
    );
  }
  if (opts.sst !== undefined) {
    entries.push({
      name: `${dir}/sharedStrings.xml`,
      data: `${DECL}<sst xmlns="${MAIN}">${opts.sst}</sst>`,
    });
    rels.push(
      `<Relationship Id="rIdSST" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`,
    );
  }
  const sheets = opts.sheets
    .map(
      (s, i) =>
        `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`,
    )
    .join("");
  entries.push({
    name: main,
    data: `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><workbookPr${opts.date1904 ? ' date1904="1"' : ""}/><sheets>${sheets}</sheets></workbook>`,
  });
  entries.push({
    name: `${dir}/_rels/${main.slice(dir.length + 1)}.rels`,
    data: `${DECL}<Relationships xmlns="${PKG}">${rels.join("")}</Relationships>`,
  });
  entries.push({
    name: "_rels/.rels",
    data: `${DECL}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="${main}"/></Relationships>`,
  });
  entries.push({
    name: "[Content_Types].xml",
    data: `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join("")}</Types>`,
  });
  entries.push(...(opts.extra ?? []));
  return opts.reverse ? entries : entries.reverse();
}

export const tableXml = (attrs: string, columns: string[]) =>
  `<table xmlns="${MAIN}" id="1" ${attrs}><autoFilter ref="A1:B2"/><tableColumns count="${columns.length}">${columns.map((c, i) => `<tableColumn id="${i + 1}" name="${c}"/>`).join("")}</tableColumns></table>`;
