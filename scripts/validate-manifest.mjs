#!/usr/bin/env node
// Offline check of the add-in's XML manifest.
//
//   node scripts/validate-manifest.mjs [manifest.xml]
//
// Prints "<file>: valid" and exits 0, or prints each error as "<file>: line N: ..." and exits 1.
//
// Two layers, because neither is enough alone:
// 1. XSD validation (xmllint-wasm) against the schema set in ../shared/manifest-xsd: element order,
//    cardinality, xsi:type variants, attribute facets.
// 2. What the XSD cannot see, and what breaks an add-in silently at load time: every resid defined in
//    <Resources> under the right kind, one resid shared by Runtime / FunctionFile / task pane page,
//    unique control and group ids, https URLs, and the icon files served from the dev origin existing
//    in assets/ with the pixel size their reference promises.
// The second layer uses a small XML reader below instead of a DOM library (none is a dependency).

import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
);
export const DEFAULT_XSD_DIR = path.resolve(repoRoot, "../shared/manifest-xsd");
export const DEFAULT_ASSETS_DIR = path.join(repoRoot, "assets");
export const DEFAULT_DEV_ORIGIN = "https://localhost:3000/";
const MAIN_XSD = "OfficeAppManifestV1_1.xsd";

// IconUrl and HighResolutionIconUrl sizes Office asks for in Excel task pane add-ins.
const ADDIN_ICON_SIZES = { IconUrl: 32, HighResolutionIconUrl: 64 };

// ---- XSD ----------------------------------------------------------------------------------------

/** Validates against the XSD set. Errors read "line N: XSD: <xmllint message>". */
export async function validateAgainstXsd(
  xmlText,
  { xsdDir = DEFAULT_XSD_DIR, fileName = "manifest.xml" } = {},
) {
  const mainPath = path.join(xsdDir, MAIN_XSD);
  if (!existsSync(mainPath)) {
    return {
      valid: false,
      errors: [
        `XSD: ${mainPath} not found; the schema set must sit in ../shared/manifest-xsd next to the repository`,
      ],
    };
  }
  // Every other schema is preloaded under its own file name, which is what the imports' schemaLocation says.
  const preload = readdirSync(xsdDir)
    .filter((f) => f.endsWith(".xsd") && f !== MAIN_XSD)
    .map((f) => ({
      fileName: f,
      contents: readFileSync(path.join(xsdDir, f), "utf8"),
    }));
  const result = await validateXML({
    xml: [{ fileName: path.basename(fileName), contents: xmlText }],
    schema: [{ fileName: MAIN_XSD, contents: readFileSync(mainPath, "utf8") }],
    preload,
  });
  // xmllint follows a syntax error with unlocated lines quoting the source and a caret; keep only
  // the located messages when there are any.
  const located = result.errors.filter((e) => e.loc);
  const errors = (located.length > 0 ? located : result.errors).map((e) => {
    if (!e.loc) return `XSD: ${e.rawMessage}`;
    const syntax = /^parser error : /.test(e.message);
    return `line ${e.loc.lineNumber}: ${syntax ? "XML" : "XSD"}: ${e.message.replace(/^(Schemas validity error|parser error) : /, "")}`;
  });
  if (!result.valid && errors.length === 0)
    errors.push(`XSD: validation failed: ${result.rawOutput.trim()}`);
  return { valid: result.valid, errors };
}

// ---- a small XML reader -------------------------------------------------------------------------

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e) => {
    if (e[0] === "#")
      return String.fromCodePoint(
        e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
      );
    return ENTITIES[e] ?? m;
  });
}

/**
 * Element tree with names, attributes, text and 1-based line numbers. Namespace prefixes are dropped
 * (`local`): the XSD pass has already checked namespaces, and the checks here go by element context.
 */
export function parseXml(text) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++)
    if (text[i] === "\n") lineStarts.push(i + 1);
  const lineAt = (pos) => {
    let lo = 0,
      hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const fail = (pos, msg) => {
    throw new Error(`line ${lineAt(pos)}: XML: ${msg}`);
  };

  const doc = {
    local: "#document",
    children: [],
    attrs: {},
    text: "",
    parent: null,
    line: 1,
  };
  const stack = [doc];
  let pos = 0;
  while (pos < text.length) {
    const lt = text.indexOf("<", pos);
    if (lt === -1) {
      stack[stack.length - 1].text += decodeEntities(text.slice(pos));
      break;
    }
    if (lt > pos)
      stack[stack.length - 1].text += decodeEntities(text.slice(pos, lt));
    if (text.startsWith("<!--", lt)) {
      const end = text.indexOf("-->", lt + 4);
      if (end === -1) fail(lt, "unterminated comment");
      pos = end + 3;
    } else if (text.startsWith("<?", lt)) {
      const end = text.indexOf("?>", lt + 2);
      if (end === -1) fail(lt, "unterminated processing instruction");
      pos = end + 2;
    } else if (text.startsWith("<![CDATA[", lt)) {
      const end = text.indexOf("]]>", lt + 9);
      if (end === -1) fail(lt, "unterminated CDATA section");
      stack[stack.length - 1].text += text.slice(lt + 9, end);
      pos = end + 3;
    } else if (text.startsWith("<!", lt)) {
      // A manifest has no DTD; refusing it also rules out entity-expansion tricks.
      fail(lt, "DOCTYPE and other declarations are not allowed in a manifest");
    } else if (text[lt + 1] === "/") {
      const m = /^<\/([^\s>]+)\s*>/.exec(text.slice(lt, lt + 300));
      if (!m) fail(lt, "malformed end tag");
      const open = stack.pop();
      if (open === doc || open.name !== m[1]) {
        fail(
          lt,
          `</${m[1]}> does not close ${open === doc ? "any element" : `<${open.name}> from line ${open.line}`}`,
        );
      }
      pos = lt + m[0].length;
    } else {
      const nameMatch = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(lt, lt + 300));
      if (!nameMatch) fail(lt, "malformed start tag");
      const name = nameMatch[1];
      const el = {
        name,
        local: name.includes(":") ? name.slice(name.indexOf(":") + 1) : name,
        attrs: {},
        children: [],
        text: "",
        parent: stack[stack.length - 1],
        line: lineAt(lt),
      };
      let p = lt + nameMatch[0].length;
      const attrRe =
        /\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')|\s*(\/?)>/y;
      for (;;) {
        attrRe.lastIndex = p;
        const a = attrRe.exec(text);
        if (!a) fail(p, `malformed attribute or unterminated tag <${name}>`);
        p = attrRe.lastIndex;
        if (a[1] === undefined) {
          el.parent.children.push(el);
          if (a[4] !== "/") stack.push(el);
          break;
        }
        if (a[1] in el.attrs)
          fail(p, `attribute ${a[1]} repeated on <${name}>`);
        el.attrs[a[1]] = decodeEntities(a[2] ?? a[3]);
      }
      pos = p;
    }
  }
  if (stack.length > 1)
    fail(
      text.length,
      `<${stack[stack.length - 1].name}> from line ${stack[stack.length - 1].line} is never closed`,
    );
  const roots = doc.children;
  if (roots.length !== 1)
    fail(0, `expected exactly one root element, found ${roots.length}`);
  return roots[0];
}

function* descendants(el) {
  for (const child of el.children) {
    yield child;
    yield* descendants(child);
  }
}

/** xsi:type by local attribute name, whatever prefix the manifest bound the instance namespace to. */
const xsiType = (el) =>
  Object.entries(el.attrs).find(([k]) => k.endsWith(":type"))?.[1];
const childrenNamed = (el, local) =>
  el.children.filter((c) => c.local === local);
const ancestor = (el, local) => {
  for (let p = el.parent; p; p = p.parent) if (p.local === local) return p;
  return null;
};
/** "control "X"" / "group "Y"": the nearest ribbon owner, so an error says which button it is about. */
function owner(el) {
  for (let p = el.parent; p; p = p.parent) {
    if (
      p.attrs?.id &&
      ["Control", "Group", "CustomTab", "Item"].includes(p.local)
    )
      return ` in ${p.local.toLowerCase()} "${p.attrs.id}"`;
  }
  return "";
}

// ---- checks the XSD cannot make -----------------------------------------------------------------

const RESOURCE_KINDS = {
  Images: "bt:Images",
  Urls: "bt:Urls",
  ShortStrings: "bt:ShortStrings",
  LongStrings: "bt:LongStrings",
};

/** Which resource collection a resid on this element must point into (null: any). */
function expectedKind(el) {
  switch (el.local) {
    case "Image":
      return "Images";
    case "Runtime":
    case "FunctionFile":
    case "SourceLocation":
    case "LearnMoreUrl":
      return "Urls";
    case "Label":
    case "Title":
    case "Namespace":
      return "ShortStrings";
    case "Description":
      return "LongStrings";
    default:
      return null;
  }
}

function collectResources(root, errors) {
  const byId = new Map(); // id -> [{ kind, el }]
  for (const resources of [...descendants(root)].filter(
    (e) => e.local === "Resources",
  )) {
    for (const group of resources.children) {
      if (!(group.local in RESOURCE_KINDS)) continue;
      const seen = new Map();
      for (const item of group.children) {
        const id = item.attrs.id;
        if (id === undefined) continue;
        if (seen.has(id)) {
          errors.push(
            `line ${item.line}: ${RESOURCE_KINDS[group.local]} defines id "${id}" twice (first on line ${seen.get(id)})`,
          );
          continue;
        }
        seen.set(id, item.line);
        if (!byId.has(id)) byId.set(id, []);
        byId.get(id).push({ kind: group.local, el: item });
      }
    }
  }
  return byId;
}

function checkResids(root, resources, errors) {
  for (const el of descendants(root)) {
    const resid = el.attrs.resid;
    if (resid === undefined) continue;
    const kind = expectedKind(el);
    const defs = resources.get(resid) ?? [];
    const where = `line ${el.line}: <${el.name} resid="${resid}">${owner(el)}`;
    if (defs.length === 0) {
      errors.push(
        `${where}: no ${kind ? `${RESOURCE_KINDS[kind]} ` : ""}resource with id "${resid}" in <Resources>`,
      );
    } else if (kind && !defs.some((d) => d.kind === kind)) {
      const found = defs.map((d) => RESOURCE_KINDS[d.kind]).join(", ");
      errors.push(
        `${where}: "${resid}" is defined under ${found}, but <${el.local}> needs a ${RESOURCE_KINDS[kind]} resource`,
      );
    }
  }
}

function urlOf(resources, resid) {
  return resources.get(resid)?.find((d) => d.kind === "Urls")?.el.attrs
    .DefaultValue;
}

function requiredSets(requirementsEl) {
  const sets = new Map();
  if (!requirementsEl) return sets;
  for (const setsEl of childrenNamed(requirementsEl, "Sets")) {
    const defaultMin = setsEl.attrs.DefaultMinVersion ?? "1.1";
    for (const s of childrenNamed(setsEl, "Set"))
      sets.set(s.attrs.Name, s.attrs.MinVersion ?? defaultMin);
  }
  return sets;
}

const versionAtLeast = (v, min) => {
  const a = v.split(".").map(Number);
  const b = min.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
};

/** One long-lived runtime, and the same page for Runtime, FunctionFile and the task pane. */
function checkSharedRuntime(root, resources, errors) {
  const runtimes = [...descendants(root)].filter(
    (e) => e.local === "Runtime" && e.parent.local === "Runtimes",
  );
  const topSets = requiredSets(childrenNamed(root, "Requirements")[0]);
  const sharedVersion = topSets.get("SharedRuntime");

  if (runtimes.length === 0) {
    if (sharedVersion !== undefined) {
      errors.push(
        `line ${childrenNamed(root, "Requirements")[0].line}: SharedRuntime is required, but no <Host> declares <Runtimes><Runtime .../></Runtimes>`,
      );
    }
    return;
  }
  if (sharedVersion === undefined) {
    errors.push(
      `line ${runtimes[0].line}: <Runtime> is declared, but the manifest's <Requirements> has no <Set Name="SharedRuntime" MinVersion="1.1"/>`,
    );
  } else if (!versionAtLeast(sharedVersion, "1.1")) {
    errors.push(
      `SharedRuntime requirement is version ${sharedVersion}; the shared runtime needs at least 1.1`,
    );
  }

  for (const host of [...descendants(root)].filter(
    (e) => e.local === "Host" && childrenNamed(e, "Runtimes").length > 0,
  )) {
    const hostRuntimes = childrenNamed(
      childrenNamed(host, "Runtimes")[0],
      "Runtime",
    );
    if (hostRuntimes.length > 1) {
      errors.push(
        `line ${hostRuntimes[1].line}: ${hostRuntimes.length} <Runtime> elements in one <Host>; a shared runtime is exactly one`,
      );
    }
    const runtime = hostRuntimes[0];
    const lifetime = runtime.attrs.lifetime;
    if (lifetime !== "long") {
      errors.push(
        `line ${runtime.line}: <Runtime ${lifetime === undefined ? "without lifetime (default short)" : `lifetime="${lifetime}"`}>: ` +
          `must be lifetime="long", or the ribbon functions and the task pane do not keep one runtime alive`,
      );
    }
    const resid = runtime.attrs.resid;
    // The task pane page and the ribbon's function file must be the runtime's page, by the same resid.
    const mustShare = [...descendants(host)].filter(
      (e) =>
        e.local === "FunctionFile" ||
        (e.local === "SourceLocation" &&
          ["Action", "Page"].includes(e.parent.local)),
    );
    for (const el of mustShare) {
      if (el.attrs.resid !== resid) {
        const what =
          el.local === "FunctionFile"
            ? "<FunctionFile>"
            : `<${el.parent.local}><SourceLocation>`;
        errors.push(
          `line ${el.line}: ${what} resid="${el.attrs.resid}"${owner(el)} differs from <Runtime resid="${resid}"> on line ${runtime.line}; ` +
            `Runtime, FunctionFile and the task pane SourceLocation must share one resid, or Office starts separate runtimes`,
        );
      }
    }
    const runtimeUrl = urlOf(resources, resid);
    const defaultPage = childrenNamed(
      childrenNamed(root, "DefaultSettings")[0] ?? { children: [] },
      "SourceLocation",
    )[0];
    if (
      runtimeUrl &&
      defaultPage &&
      defaultPage.attrs.DefaultValue !== runtimeUrl
    ) {
      errors.push(
        `line ${defaultPage.line}: <DefaultSettings><SourceLocation> is ${defaultPage.attrs.DefaultValue}, ` +
          `but the shared runtime page ("${resid}") is ${runtimeUrl}; the task pane must be the runtime's page`,
      );
    }
  }
}

function checkExecuteFunctionHasFile(root, errors) {
  for (const formFactor of [...descendants(root)].filter(
    (e) => e.local === "DesktopFormFactor",
  )) {
    const hasFile = childrenNamed(formFactor, "FunctionFile").length > 0;
    for (const action of [...descendants(formFactor)].filter(
      (e) => e.local === "Action" && xsiType(e) === "ExecuteFunction",
    )) {
      if (!hasFile)
        errors.push(
          `line ${action.line}: ExecuteFunction${owner(action)} but its <DesktopFormFactor> has no <FunctionFile>`,
        );
    }
  }
}

function checkUniqueIds(root, errors) {
  const seen = new Map();
  for (const el of descendants(root)) {
    if (
      !["Control", "Group", "CustomTab", "Item"].includes(el.local) ||
      el.attrs.id === undefined
    )
      continue;
    const prev = seen.get(el.attrs.id);
    if (prev) {
      errors.push(
        `line ${el.line}: id "${el.attrs.id}" of <${el.local}> is already used by the <${prev.local}> on line ${prev.line}; control, group and tab ids must be unique`,
      );
    } else {
      seen.set(el.attrs.id, el);
    }
  }
}

function checkHttps(root, errors) {
  const urlValued = new Set([
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "SourceLocation",
    "Url",
    "Image",
  ]);
  for (const el of descendants(root)) {
    if (el.local === "AppDomain") {
      if (!el.text.trim().startsWith("https://"))
        errors.push(
          `line ${el.line}: <AppDomain> ${el.text.trim()} is not https`,
        );
      continue;
    }
    const value = urlValued.has(el.local)
      ? el.attrs.DefaultValue
      : el.local === "Override" && urlValued.has(el.parent.local)
        ? el.attrs.Value
        : undefined;
    if (value !== undefined && !value.startsWith("https://")) {
      errors.push(
        `line ${el.line}: <${el.name}> URL ${value} is not https; Office loads add-in content over https only`,
      );
    }
  }
}

/** Width and height from a PNG's IHDR, or a reason it is not a PNG. */
export function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (
    bytes.length < 24 ||
    signature.some((b, i) => bytes[i] !== b) ||
    bytes.toString("ascii", 12, 16) !== "IHDR"
  ) {
    return { error: "is not a PNG file" };
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function checkIcons(root, resources, { assetsDir, devOrigin }, errors) {
  // Expected pixel size per image resource id, from every <bt:Image size=".." resid=".."> that uses it.
  const sizeByResid = new Map();
  for (const ref of descendants(root)) {
    if (
      ref.local !== "Image" ||
      ref.attrs.resid === undefined ||
      ref.attrs.size === undefined
    )
      continue;
    const size = Number(ref.attrs.size);
    const prev = sizeByResid.get(ref.attrs.resid);
    if (prev && prev.size !== size) {
      errors.push(
        `line ${ref.line}: image "${ref.attrs.resid}" is used at size ${size} here and at size ${prev.size} on line ${prev.line}; one file cannot be both`,
      );
    } else if (!prev) {
      sizeByResid.set(ref.attrs.resid, { size, line: ref.line });
    }
  }

  const icons = []; // { url, line, size, label }
  for (const [local, size] of Object.entries(ADDIN_ICON_SIZES)) {
    for (const el of childrenNamed(root, local)) {
      icons.push({
        url: el.attrs.DefaultValue,
        line: el.line,
        size,
        label: `<${local}>`,
      });
      for (const o of childrenNamed(el, "Override"))
        icons.push({
          url: o.attrs.Value,
          line: o.line,
          size,
          label: `<${local}> override ${o.attrs.Locale}`,
        });
    }
  }
  for (const defs of resources.values()) {
    for (const { kind, el } of defs) {
      if (kind !== "Images") continue;
      const size = sizeByResid.get(el.attrs.id)?.size;
      const label = `bt:Image "${el.attrs.id}"`;
      icons.push({ url: el.attrs.DefaultValue, line: el.line, size, label });
      for (const o of childrenNamed(el, "Override"))
        icons.push({
          url: o.attrs.Value,
          line: o.line,
          size,
          label: `${label} override ${o.attrs.Locale}`,
        });
    }
  }

  for (const { url, line, size, label } of icons) {
    // Only files the dev server serves from this repository can be checked offline.
    if (!url || !url.startsWith(devOrigin)) continue;
    const rel = decodeURIComponent(
      url.slice(devOrigin.length).split(/[?#]/)[0],
    );
    const where = `line ${line}: ${label} ${url}`;
    if (!rel.startsWith("assets/") || rel.split("/").includes("..")) {
      errors.push(
        `${where}: icons must be served from assets/, so the file can be checked`,
      );
      continue;
    }
    const file = path.join(assetsDir, rel.slice("assets/".length));
    const shown = `assets/${rel.slice("assets/".length)}`;
    if (!existsSync(file) || !statSync(file).isFile()) {
      errors.push(
        `${where}: ${shown} does not exist (run node scripts/make-icons.mjs)`,
      );
      continue;
    }
    const dims = pngSize(readFileSync(file));
    if (dims.error) {
      errors.push(`${where}: ${shown} ${dims.error}`);
    } else if (
      size !== undefined &&
      (dims.width !== size || dims.height !== size)
    ) {
      errors.push(
        `${where}: ${shown} is ${dims.width}x${dims.height} px, but it is used as a ${size}x${size} icon`,
      );
    }
  }
}

/**
 * Validates manifest text: XSD first, then the checks above (they run even when the XSD fails, so
 * one run shows everything wrong). Returns every problem as a message starting "line N:" where known.
 */
export async function validateManifest(
  xmlText,
  {
    xsdDir = DEFAULT_XSD_DIR,
    assetsDir = DEFAULT_ASSETS_DIR,
    devOrigin = DEFAULT_DEV_ORIGIN,
    fileName = "manifest.xml",
  } = {},
) {
  const xsd = await validateAgainstXsd(xmlText, { xsdDir, fileName });
  const errors = [...xsd.errors];
  let root;
  try {
    root = parseXml(xmlText);
  } catch (e) {
    // xmllint has usually reported the same syntax error already; add ours only if it did not.
    if (xsd.valid) errors.push(e.message);
    return { valid: false, errors };
  }
  const resources = collectResources(root, errors);
  checkResids(root, resources, errors);
  checkSharedRuntime(root, resources, errors);
  checkExecuteFunctionHasFile(root, errors);
  checkUniqueIds(root, errors);
  checkHttps(root, errors);
  checkIcons(root, resources, { assetsDir, devOrigin }, errors);
  return { valid: xsd.valid && errors.length === 0, errors };
}

async function main(argv) {
  const target = argv[0] ?? "manifest.xml";
  const file = path.resolve(
    process.cwd(),
    argv[0] ?? path.join(repoRoot, "manifest.xml"),
  );
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    console.error(`${target}: cannot read: ${e.code ?? e.message}`);
    return 1;
  }
  const { valid, errors } = await validateManifest(text, {
    fileName: path.basename(file),
  });
  if (valid) {
    console.log(`${target}: valid`);
    return 0;
  }
  for (const error of errors) console.error(`${target}: ${error}`);
  return 1;
}

if (
  process.argv[1] &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  process.exitCode = await main(process.argv.slice(2));
}
