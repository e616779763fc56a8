#!/usr/bin/env node
// sealed-run: seal, verify, replay and patch sealed runs (CONTRACT §7). A thin shell over src/core.
import { UsageError } from "./args";
import { EXIT } from "./output";
import { exportCommand } from "./commands/export";
import { verifyCommand } from "./commands/verify";
import { replayCommand } from "./commands/replay";
import { patchCommand } from "./commands/patch";
import { canonCommand } from "./commands/canon";
import { extractCommand } from "./commands/extract";
import { logCommand } from "./commands/log";
import { UnreadablePathError } from "../node/files";
import { SourceError } from "../node/csvSource";
import { LogLayoutError } from "../node/patchLogCsv";

export const USAGE = `usage:
  sealed-run export --run-id ID [--source FILE.csv|FILE.xlsx] [--out PATH] [--actor NAME] [--role ROLE]
                    [--prompt FILE]... [--new-version --reason TEXT]
  sealed-run verify FILE|DIR|GLOB...
  sealed-run replay --sealed PATH
  sealed-run patch --sealed PATH --field F --new VALUE --reason TEXT [--actor NAME]
  sealed-run extract BOOK.xlsx [--out DIR]
  sealed-run canon FILE
  sealed-run log PATCH_LOG.csv|BOOK.xlsx [--seals DIR|FILE...]
every command takes --json for machine-readable output.
exit codes: 0 done/valid/admissible, 1 refused/invalid/inadmissible, 2 bad usage or unreadable path, 3 output exists`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  export: exportCommand,
  verify: verifyCommand,
  replay: replayCommand,
  patch: patchCommand,
  canon: canonCommand,
  extract: extractCommand,
  log: logCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  const json = rest.includes("--json");
  const fail = (code: number, message: string) => {
    if (json)
      process.stdout.write(
        JSON.stringify({ error: message, exit_code: code }, null, 2) + "\n",
      );
    else process.stderr.write(`sealed-run: ${message}\n`);
    return code;
  };
  if (!cmd || cmd === "--help" || cmd === "-h" || cmd === "help") {
    process.stdout.write(USAGE + "\n");
    return cmd ? EXIT.ok : EXIT.usage;
  }
  const run = COMMANDS[cmd];
  if (!run)
    return fail(EXIT.usage, `unknown command ${JSON.stringify(cmd)}\n${USAGE}`);
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(USAGE + "\n");
    return EXIT.ok;
  }
  try {
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError)
      return fail(EXIT.usage, `${cmd}: ${e.message}\n${USAGE}`);
    if (e instanceof UnreadablePathError) return fail(EXIT.usage, e.message);
    if (e instanceof SourceError || e instanceof LogLayoutError)
      return fail(EXIT.refused, e.message);
    return fail(EXIT.refused, `${cmd} failed: ${(e as Error).message}`);
  }
}

if (require.main === module) {
  // `sealed-run verify … | head` closes the pipe early: the work is done, so leave quietly.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
