// The OPC layer of a workbook package: content types, relationships, part names
// (ECMA-376 Part 2 §9–10). Part names are matched case-insensitively, as OPC requires.
import { parsePart } from "./xml";
import type { ZipPackage } from "./zip";

export interface Relationship {
  id: string;
  /** The relationship type's last segment ("worksheet", "table", "customXml"…). */
  kind: string;
  type: string;
  /** The target resolved to a part name without a leading "/" (undefined for external targets). */
  part?: string;
  target: string;
}

export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

/** The folder of a part, without trailing slash ("" at the root). */
export function folderOf(part: string): string {
  const i = part.lastIndexOf("/");
  return i < 0 ? "" : part.slice(0, i);
}

/** The relationships part of `part` (`xl/_rels/workbook.xml.rels` for `xl/workbook.xml`). */
export function relsPathOf(part: string): string {
  const dir = folderOf(part);
  const name = part.slice(dir ? dir.length + 1 : 0);
  return `${dir ? `${dir}/` : ""}_rels/${name}.rels`;
}

/** Resolves a relationship target against its source part's folder; null when it leaves the package. */
export function resolveTarget(
  sourceDir: string,
  target: string,
): string | null {
  const path = target.split("#")[0];
  const segs = path.startsWith("/")
    ? []
    : sourceDir
      ? sourceDir.split("/")
      : [];
  for (const seg of path.split("/")) {
    if (seg === "..") {
      if (!segs.length) return null;
      segs.pop();
    } else if (seg !== "." && seg !== "")
      segs.push(decodeURIComponentSafe(seg));
  }
  return segs.join("/");
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A relative target from `fromDir` to `part` (both package-relative). */
export function relativeTarget(fromDir: string, part: string): string {
  const from = fromDir ? fromDir.split("/") : [];
  const to = part.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

export async function readRels(
  pkg: ZipPackage,
  sourcePart: string,
): Promise<Relationship[]> {
  const path = sourcePart === "" ? "_rels/.rels" : relsPathOf(sourcePart);
  if (!pkg.has(path)) return [];
  const dir = folderOf(sourcePart);
  const rels: Relationship[] = [];
  await parsePart(pkg, path, {
    open(name, a) {
      if (name !== "Relationship") return;
      const type = a.Type ?? "";
      const target = a.Target ?? "";
      const external = a.TargetMode === "External";
      rels.push({
        id: a.Id ?? "",
        type,
        kind: type.slice(type.lastIndexOf("/") + 1),
        target,
        part: external ? undefined : (resolveTarget(dir, target) ?? undefined),
      });
    },
  });
  return rels;
}

export async function readContentTypes(pkg: ZipPackage): Promise<ContentTypes> {
  const ct: ContentTypes = { defaults: new Map(), overrides: new Map() };
  await parsePart(pkg, "[Content_Types].xml", {
    open(name, a) {
      if (name === "Default" && a.Extension)
        ct.defaults.set(a.Extension.toLowerCase(), a.ContentType ?? "");
      else if (name === "Override" && a.PartName)
        ct.overrides.set(
          a.PartName.replace(/^\//, "").toLowerCase(),
          a.ContentType ?? "",
        );
    },
  });
  return ct;
}

export function contentTypeOf(
  ct: ContentTypes,
  part: string,
): string | undefined {
  const o = ct.overrides.get(part.toLowerCase());
  if (o !== undefined) return o;
  const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
  return ct.defaults.get(ext);
}
