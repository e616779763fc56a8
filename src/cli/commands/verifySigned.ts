// `verify --trusted-keys KEYS.json`: the hash check of every file, and then its signature: each
// seal must carry `<file>.intoto.json` signed by a key that KEYS.json lists for the seal's actor
// (docs/SIGNING.md). One file at a time: an auditor's batch, not a bulk check.
import { readStrictSeal } from "./verifySignedRead";
import { checkSignatureBeside, loadKeyLists } from "../signatures";
import { EXIT, type Out } from "../output";
import { verifyFile } from "../../node/verifyPool";

export async function verifySigned(
  targets: { file: string; unreadable?: string }[],
  out: Out,
  trustedFile: string,
  governance?: string,
): Promise<number> {
  const keys = await loadKeyLists(trustedFile, process.cwd(), governance);
  for (const n of keys.notes) out.warn(`governance: ${n}`);
  const summary = { valid: 0, invalid: 0, unreadable: 0 };
  const results: unknown[] = [];
  for (const t of targets) {
    const v = t.unreadable
      ? ({ status: "unreadable", reason: t.unreadable } as const)
      : await verifyFile(t.file);
    let status = v.status;
    let line: string;
    let signature: unknown = null;
    if (v.status === "valid") {
      const doc = readStrictSeal(t.file);
      const sig = await checkSignatureBeside(
        t.file,
        doc,
        keys,
        `trusted keys ${trustedFile}`,
      );
      signature = {
        status: sig.verdict?.status ?? "unsigned",
        key_id: sig.verdict?.keyId ?? null,
        message: sig.line,
      };
      if (sig.fails) {
        status = "invalid";
        line = `FAIL  ${t.file}: hash valid (${v.hash}) but ${sig.line}`;
      } else line = `OK    ${t.file}  ${v.hash}  ${sig.line}`;
    } else
      line = `${v.status === "invalid" ? "FAIL " : "ERROR"} ${t.file}: ${v.reason}`;
    summary[status]++;
    out.line(line);
    results.push({
      file: t.file,
      status,
      ...(v.status === "valid" ? { hash: v.hash } : { reason: v.reason }),
      signature,
    });
  }
  if (targets.length > 1)
    out.line(
      `${summary.valid} valid and signed, ${summary.invalid} invalid or not signed by a trusted key, ${summary.unreadable} unreadable`,
    );
  out.result({ results, summary });
  return summary.unreadable
    ? EXIT.usage
    : summary.invalid
      ? EXIT.refused
      : EXIT.ok;
}
