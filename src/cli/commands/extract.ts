// `sealed-run extract BOOK.xlsx [--out DIR]`: writes out every seal kept inside a workbook (the
// add-in keeps each sealed document in the workbook, so a seal survives a failed download).
// Each file is created exclusively; a file already there with the very same bytes is skipped and
// said so; one with other bytes is never replaced (exit 3). A kept seal that does not verify, or
// whose recorded file name is not a plain sealed-file name, is not written (exit 1). A signature
// kept beside a seal (docs/SIGNING.md) is written beside its file as `<file>.intoto.json`, by the
// same rules; it is not judged here: `replay --trusted-keys` does that.
import path from "node:path";
import { verifyBytes } from "../../core";
import { parse, UsageError } from "../args";
import { EXIT, makeOut } from "../output";
import {
  OutputExistsError,
  readAtMost,
  writeExclusive,
} from "../../node/files";
import {
  foreignSpreadsheetKind,
  isWorkbookPath,
  openWorkbookFile,
} from "../../node/xlsxSource";
import { SourceError } from "../../node/csvSource";
import { DEFAULT_OUT_DIR } from "./exportDefaults";
import { envelopeFileName } from "../../core/sign";

/** `<run_id>_<stamp>.json`, or a name chosen with --out: one path segment, nothing that climbs out of DIR. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,250}\.json$/;

type Status = "written" | "identical" | "exists" | "invalid";

export async function extractCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { out: { type: "string" } },
    true,
  );
  const out = makeOut(!!values.json);
  if (positionals.length !== 1)
    throw new UsageError(
      "extract takes one workbook: sealed-run extract BOOK.xlsx [--out DIR]",
    );
  const bookPath = positionals[0];
  const foreign = foreignSpreadsheetKind(bookPath);
  if (foreign) throw new SourceError(foreign);
  if (!isWorkbookPath(bookPath))
    throw new UsageError(`${bookPath} is not an .xlsx or .xlsm workbook`);
  const dir = path.resolve(process.cwd(), values.out ?? DEFAULT_OUT_DIR);
  const rel = (p: string) => path.relative(process.cwd(), p) || p;

  const wb = await openWorkbookFile(bookPath, { runId: null });
  const stored = await wb.api.listStoredSeals();
  const kept = await wb.store.keptSignatures();
  const envelopes: { file: string; key_id: string; status: Status }[] = [];
  /** The exclusive write of one file, or what is there instead. */
  const place = (target: string, bytes: Uint8Array): Status => {
    try {
      writeExclusive(target, bytes);
      return "written";
    } catch (e) {
      if (!(e instanceof OutputExistsError)) throw e;
      const there = readAtMost(target, bytes.length + 1);
      return Buffer.from(there).equals(Buffer.from(bytes))
        ? "identical"
        : "exists";
    }
  };
  const files: {
    file: string;
    run_id: string;
    hash: string;
    status: Status;
    detail?: string;
  }[] = [];
  for (const s of stored) {
    const { fileName, text } = await wb.api.fetchStoredSeal(s.id);
    const bytes = new TextEncoder().encode(text);
    const item = {
      file: rel(path.join(dir, fileName)),
      run_id: s.runId,
      hash: s.hash,
    };
    if (!SAFE_NAME.test(fileName)) {
      files.push({
        ...item,
        status: "invalid",
        detail: `the kept seal names its file ${JSON.stringify(fileName)}, which is not a plain sealed-file name`,
      });
      continue;
    }
    const v = await verifyBytes(bytes);
    if (!v.valid || v.hash !== s.hash) {
      files.push({
        ...item,
        status: "invalid",
        detail: v.valid
          ? `its hash ${v.hash} is not the ${s.hash} recorded with it`
          : `it does not verify: ${v.reason}`,
      });
      continue;
    }
    const target = path.join(dir, fileName);
    const status = place(target, bytes);
    files.push({
      ...item,
      status,
      detail:
        status === "exists"
          ? "a different file has that name; it was left as it is"
          : undefined,
    });
    if (status === "exists") continue;
    const sig = kept.find(
      (k) => k.sealHash === s.hash && k.fileName === fileName && k.envelope,
    );
    if (sig?.envelope) {
      const at = envelopeFileName(target);
      envelopes.push({
        file: rel(at),
        key_id: sig.keyId,
        status: place(at, new TextEncoder().encode(sig.envelope)),
      });
    }
  }

  if (!stored.length) out.line(`no seals are kept in ${bookPath}`);
  for (const f of files) {
    if (f.status === "written")
      out.line(`wrote    ${f.file} (${f.run_id}, ${f.hash})`);
    else if (f.status === "identical")
      out.line(`skipped  ${f.file}: already there, identical bytes`);
    else
      out.error(
        `${f.status === "exists" ? "refused " : "invalid "} ${f.file}: ${f.detail}`,
      );
  }
  for (const e of envelopes)
    if (e.status === "exists")
      out.error(
        `refused  ${e.file}: a different file has that name; it was left as it is`,
      );
    else
      out.line(
        `${e.status === "written" ? "wrote   " : "skipped "} ${e.file} (the signature kept beside the seal, key ${e.key_id})`,
      );
  // A seal that is kept but not admissible as a file is the graver finding; an existing name next.
  const code = files.some((f) => f.status === "invalid")
    ? EXIT.refused
    : files.some((f) => f.status === "exists") ||
        envelopes.some((e) => e.status === "exists")
      ? EXIT.exists
      : EXIT.ok;
  out.result({
    workbook: bookPath,
    out_dir: rel(dir),
    files,
    signatures: envelopes,
    exit_code: code,
  });
  return code;
}
