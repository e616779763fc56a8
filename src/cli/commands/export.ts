// `sealed-run export`: seal one run of a CSV or workbook into a new file and log it (CONTRACT §4, §7).
import path from "node:path";
import { parse, required, UsageError } from "../args";
import { makeOut } from "../output";
import { SourceError } from "../../node/csvSource";
import { loadSigner } from "../../node/signingKey";
import { writeSignature } from "./exportSignature";
import { signSeal } from "../../core/sign";
import {
  exportFromWorkbook,
  foreignSpreadsheetKind,
  isWorkbookPath,
} from "../../node/xlsxSource";
import { exportCsv } from "./exportCsv";
import {
  DEFAULT_OUT_DIR,
  DEFAULT_SOURCE,
  defaultActor,
  now,
} from "./exportDefaults";
import { reportWorkbook } from "./exportWorkbookReport";

export async function exportCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    "run-id": { type: "string" },
    source: { type: "string" },
    out: { type: "string" },
    actor: { type: "string" },
    role: { type: "string" },
    prompt: { type: "string", multiple: true },
    "new-version": { type: "boolean" },
    reason: { type: "string" },
    "sign-key": { type: "string" },
  });
  const out = makeOut(!!values.json);
  // Loaded first: a key that cannot sign stops the export before anything is written or logged.
  const signer = values["sign-key"]
    ? await loadSigner(values["sign-key"])
    : null;
  const runId = required(values, "run-id");
  if (values["new-version"] && !values.reason?.trim())
    throw new UsageError(
      "--new-version needs --reason TEXT (why this run is sealed again)",
    );
  if (values.reason !== undefined && !values["new-version"])
    throw new UsageError("--reason goes with --new-version");
  const sourcePath = values.source ?? DEFAULT_SOURCE;
  const cwd = process.cwd();

  const outPath = values.out ? path.resolve(cwd, values.out) : null;
  const outDir = outPath
    ? path.dirname(outPath)
    : path.resolve(cwd, DEFAULT_OUT_DIR);
  const foreign = foreignSpreadsheetKind(sourcePath);
  if (foreign) throw new SourceError(foreign);
  if (isWorkbookPath(sourcePath)) {
    // The workbook's own GOVERNANCE, PROMPTS and PATCH_LOG, through the add-in's workflow (CONTRACT §4).
    if (values.prompt)
      throw new UsageError(
        "--prompt goes with a CSV source; a workbook's prompts are its PROMPTS table",
      );
    const actor = {
      name: values.actor ?? defaultActor(),
      role: values.role ?? "operator",
    };
    const r = await exportFromWorkbook(sourcePath, {
      runId,
      actor,
      now,
      newVersionReason: values.reason,
      outPath,
      outDir,
      priorDirs: [path.resolve(cwd, DEFAULT_OUT_DIR), outDir],
      sign: signer
        ? (doc, fileName) => signSeal(doc, fileName, signer)
        : undefined,
    });
    // The workbook is saved by now, with the envelope kept beside its seal: the same text is
    // written beside the file.
    const sig =
      r.kind === "sealed" && signer
        ? await writeSignature(
            r.file,
            r.outcome.document,
            signer,
            undefined,
            r.envelope,
          )
        : null;
    if (sig && !sig.ok) return sig.code;
    const code = reportWorkbook(out, r, sourcePath);
    if (sig)
      out.line(
        `  signed  ${sig.line}, kept in ${path.basename(sourcePath)} beside the seal`,
      );
    return code;
  }
  return exportCsv({
    out,
    runId,
    sourcePath,
    outPath,
    outDir,
    prompts: values.prompt ?? [],
    actor: values.actor,
    role: values.role,
    reason: values.reason,
    signer,
  });
}
