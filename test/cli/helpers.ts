// Runs the REAL built CLI (build/cli/cli/main.js) as a user would: a child process in a
// throw-away folder holding a copy of the sample CSV and docs/. Nothing here imports the commands.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { validateSealedRun } from "../../src/core/schema/validators.generated";
import type { DsseEnvelope } from "../../src/core/sign/envelope";
import type { SealedRun } from "../../src/core/types";

export const REPO = path.resolve(__dirname, "../..");
export const BIN = path.join(REPO, "build/cli/cli/main.js");
export const SAMPLE_CSV = "artifacts/sample_data/prompt_os_v2/llm_output.csv";
export const SEALED_DIR = "artifacts/sealed_runs";
export const LOG = `${SEALED_DIR}/PATCH_LOG.csv`;

/** 2026-02-16T00:00:00Z: seals made with it are named `<run>_20260216T000000Z.json`. */
export const EPOCH = 1771200000;
export const STAMP = "20260216T000000Z";

export const CHECKS = [
  "run_id_valid",
  "required_columns_present",
  "no_error_cells",
  "dates_valid",
  "confidence_in_range",
  "policy_snapshot_complete",
  "actor_authorized",
  "not_already_sealed",
];

export const LOG_COLUMNS = [
  "EntryID",
  "Timestamp",
  "Action",
  "RunID",
  "SealHash",
  "FileName",
  "Actor",
  "Field",
  "OldValue",
  "NewValue",
  "Reason",
  "PrevEntryHash",
  "EntryHash",
];

// Fail every CLI suite at once with the cure, rather than with dozens of ENOENT spawn errors.
if (!fs.existsSync(BIN)) {
  throw new Error(
    `${path.relative(REPO, BIN)} is missing: build the CLI first with \`npm run build:cli\` (\`npm test\` does it before jest).`,
  );
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** SOURCE_DATE_EPOCH for this run; unset (the real clock) when omitted. */
  epoch?: number;
  env?: Record<string, string>;
}

/** `node build/cli/cli/main.js ARGS` with `cwd` there; resolves when the process exits. */
export function run(
  cwd: string,
  args: string[],
  opts: RunOptions = {},
): Promise<Result> {
  return start(cwd, args, opts).done;
}

export interface Started {
  pid: number;
  /** Resolves when the process exits; rejects if a signal ended it. */
  done: Promise<Result>;
}

/** `run`, with the process id known while it runs (to pause or kill it). */
export function start(
  cwd: string,
  args: string[],
  opts: RunOptions = {},
): Started {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.SOURCE_DATE_EPOCH; // the developer's own shell must not fix the clock of every test
  Object.assign(env, opts.env);
  if (opts.epoch !== undefined) env.SOURCE_DATE_EPOCH = String(opts.epoch);
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const done = new Promise<Result>((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === null)
        reject(new Error(`sealed-run ${args.join(" ")} died of ${signal}`));
      else resolve({ code, stdout, stderr });
    });
  });
  return { pid: child.pid!, done };
}

/** `--json` output: exactly one JSON document on stdout and nothing on stderr. */
export function parseJsonOutput(r: Result): Record<string, unknown> {
  expect(r.stderr).toBe("");
  const doc: unknown = JSON.parse(r.stdout);
  if (!isRecord(doc))
    throw new Error(`--json printed ${r.stdout}, not one JSON object`);
  return doc;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const made: string[] = [];

/** A fresh folder with the sample CSV (at its default path) and docs/governance, docs/prompts. */
export function makeWorkspace(): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), "sealed-run-cli-"));
  made.push(ws);
  fs.mkdirSync(path.join(ws, path.dirname(SAMPLE_CSV)), { recursive: true });
  fs.copyFileSync(path.join(REPO, SAMPLE_CSV), path.join(ws, SAMPLE_CSV));
  fs.cpSync(
    path.join(REPO, "docs/governance"),
    path.join(ws, "docs/governance"),
    { recursive: true },
  );
  fs.cpSync(path.join(REPO, "docs/prompts"), path.join(ws, "docs/prompts"), {
    recursive: true,
  });
  return ws;
}

/** A fresh folder that starts as a copy of `from` (a sealed fixture), so tests never share state. */
export function cloneWorkspace(from: string): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), "sealed-run-cli-"));
  made.push(ws);
  fs.cpSync(from, ws, { recursive: true });
  return ws;
}

export function removeWorkspaces(): void {
  for (const ws of made.splice(0))
    fs.rmSync(ws, { recursive: true, force: true });
}

/** Names of the *.json files in artifacts/sealed_runs (sorted); [] when the folder is absent. */
export function sealedFiles(ws: string, runId?: string): string[] {
  const dir = path.join(ws, SEALED_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter(
      (n) =>
        n.endsWith(".json") &&
        (runId === undefined || n.startsWith(runId + "_")),
    )
    .sort();
}

export const sealedPath = (name: string) => `${SEALED_DIR}/${name}`;

/** A sealed file the CLI wrote, checked against the shipped schema before the test reads it. */
export function readSealed(ws: string, rel: string): SealedRun {
  return parseSealed(fs.readFileSync(path.join(ws, rel), "utf8"), rel);
}

/** A sealed document's text (named `where` in the failure), checked against the shipped schema. */
export function parseSealed(text: string, where: string): SealedRun {
  const doc: unknown = JSON.parse(text);
  if (!isSealedRun(doc))
    throw new Error(
      `${where} does not match the sealed-run schema: ${JSON.stringify(validateSealedRun.errors)}`,
    );
  return doc;
}

function isSealedRun(v: unknown): v is SealedRun {
  return validateSealedRun(v);
}

export const sha256Hex = (data: string | Buffer) =>
  createHash("sha256").update(data).digest("hex");

/**
 * A small RFC 4180 reader of our own, independent of the product's parser, for PATCH_LOG.csv.
 * Returns raw cells (a formula guard apostrophe, if any, is still there).
 */
export function parseCsvText(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** PATCH_LOG.csv as raw rows, header checked; [] when the log does not exist. */
export function logRows(ws: string): Record<string, string>[] {
  const file = path.join(ws, LOG);
  if (!fs.existsSync(file)) return [];
  const [header, ...body] = parseCsvText(fs.readFileSync(file, "utf8"));
  expect(header).toEqual(LOG_COLUMNS);
  return body.map((r) =>
    Object.fromEntries(LOG_COLUMNS.map((c, i) => [c, r[i]])),
  );
}

/**
 * EntryHash per CONTRACT §6, computed here without the product: JCS of an object of twelve string
 * members is JSON.stringify with the keys in code-unit order (all keys are ASCII).
 */
export function entryHash(entry: Record<string, string>): string {
  const keys = LOG_COLUMNS.filter((c) => c !== "EntryHash").sort();
  const obj = Object.fromEntries(keys.map((k) => [k, entry[k]]));
  return "sha256:" + sha256Hex(JSON.stringify(obj));
}

/** Checks that each entry hashes to its EntryHash and links to the one before; names the first break. */
export function chainProblems(
  entries: Record<string, string>[],
  unguard: (v: string) => string = (v) => v,
): string[] {
  const problems: string[] = [];
  let prev = "";
  entries.forEach((raw, i) => {
    const e = Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, unguard(v)]),
    );
    if (e.EntryID !== `PL-${String(i + 1).padStart(6, "0")}`)
      problems.push(`row ${i + 1}: EntryID ${e.EntryID}`);
    if (e.PrevEntryHash !== prev)
      problems.push(
        `${e.EntryID}: PrevEntryHash does not name the entry before`,
      );
    if (entryHash(e) !== e.EntryHash)
      problems.push(`${e.EntryID}: EntryHash does not match its cells`);
    prev = e.EntryHash;
  });
  return problems;
}

/** Every test sees the same sample row at the same header; handy for writing broken CSVs. */
export function sampleLines(): { header: string; rows: string[] } {
  const [header, ...rows] = fs
    .readFileSync(path.join(REPO, SAMPLE_CSV), "utf8")
    .split(/\r?\n/)
    .filter((l) => l !== "");
  return { header, rows };
}

/** An in-toto Statement as these tests read it (docs/SIGNING.md); the tests assert the rest. */
export interface TestStatement {
  subject: { name: string; digest: { sha256: string } }[];
  predicate: Record<string, unknown>;
}

function isEnvelope(v: unknown): v is DsseEnvelope {
  return (
    isRecord(v) &&
    typeof v.payloadType === "string" &&
    typeof v.payload === "string" &&
    Array.isArray(v.signatures) &&
    v.signatures.every(
      (s) =>
        isRecord(s) && typeof s.keyid === "string" && typeof s.sig === "string",
    )
  );
}

/** The DSSE envelope at `rel` in `ws`, its frame checked; tests edit it to make bad ones. */
export function readEnvelope(ws: string, rel: string): DsseEnvelope {
  const env: unknown = JSON.parse(fs.readFileSync(path.join(ws, rel), "utf8"));
  if (!isEnvelope(env))
    throw new Error(`${rel} is not a DSSE envelope: ${JSON.stringify(env)}`);
  return env;
}

/** The Statement an envelope carries (base64 of its JSON). */
export function statementOf(env: DsseEnvelope): TestStatement {
  const st: unknown = JSON.parse(
    Buffer.from(env.payload, "base64").toString("utf8"),
  );
  if (!isStatement(st))
    throw new Error(
      `the envelope's payload is not an in-toto Statement: ${JSON.stringify(st)}`,
    );
  return st;
}

function isStatement(v: unknown): v is TestStatement {
  return (
    isRecord(v) &&
    isRecord(v.predicate) &&
    Array.isArray(v.subject) &&
    v.subject.every(
      (s) =>
        isRecord(s) &&
        typeof s.name === "string" &&
        isRecord(s.digest) &&
        typeof s.digest.sha256 === "string",
    )
  );
}
