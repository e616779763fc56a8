#!/usr/bin/env node
// sealed-run: seal, verify, replay and patch sealed runs (CONTRACT §7). A thin shell over src/core.
import { UsageError } from "./args";
import { EXIT } from "./output";
// Narrow imports: start-up loads what every command needs and no more (the core's index, with
// its schema validators, took longer to load than `verify` of a hundred files).
import { installSha256 } from "../core/hash";
import { nodeSha256 } from "../node/digest";

/**
 * Refusals whose message says all: what happened, to which file, what to do. Loaded when an
 * error is to be told apart: by then the command that threw has loaded these modules anyway.
 */
async function errorKinds() {
  const [files, csv, log, lock, atomic, key] = await Promise.all([
    import("../node/files"),
    import("../node/csvSource"),
    import("../node/patchLogCsv"),
    import("../node/lock"),
    import("../node/atomicReplace"),
    import("../node/signingKey"),
  ]);
  return {
    usage: [files.UnreadablePathError, key.SigningKeyError],
    plain: [
      csv.SourceError,
      log.LogLayoutError,
      log.LogChangedError,
      lock.LockHeldError,
      lock.LockLostError,
      atomic.UnsafeTargetError,
    ],
  };
}

export const USAGE = `usage:
  sealed-run export --run-id ID [--source FILE.csv|FILE.xlsx|FILE.xlsm] [--out PATH] [--actor NAME] [--role ROLE]
                    [--prompt FILE]... [--new-version --reason TEXT] [--sign-key KEY.pem]
  sealed-run verify FILE|DIR|GLOB... [--trusted-keys KEYS.json [--governance BOOK.xlsx|KEYS.json]]
  sealed-run replay --sealed PATH [--trusted-keys KEYS.json] [--governance BOOK.xlsx|KEYS.json]
  sealed-run patch --sealed PATH --field F --new VALUE --reason TEXT [--actor NAME]
  sealed-run extract BOOK.xlsx|BOOK.xlsm [--out DIR]
  sealed-run canon FILE
  sealed-run log PATCH_LOG.csv|BOOK.xlsx [--seals DIR|FILE...]
  sealed-run keygen --out KEY.pem [--actor NAME] [--register BOOK.xlsx]
  sealed-run keygen --register BOOK.xlsx --public-key KEY.pub.pem --actor NAME
signing: export --sign-key KEY.pem writes <file>.intoto.json beside the seal (and keeps it in the workbook
  beside the seal when the source is one); verify and replay --trusted-keys KEYS.json require a signature by a
  key listed there for the seal's actor; --governance BOOK.xlsx also reports whether its ActorKeysTable lists
  that key for that actor, and finds the envelope the workbook keeps when none is beside the file;
  keygen --register BOOK.xlsx --actor NAME adds the key to its ActorKeysTable as pending, for the owner to approve
every command takes --json for machine-readable output.
exit codes: 0 done/valid/admissible, 1 refused/invalid/inadmissible, 2 bad usage or unreadable path, 3 output exists`;

/** A command's exit code; those that read no file asynchronously (canon) return it at once. */
type Command = (argv: string[]) => number | Promise<number>;

// Each command is loaded when it runs: `verify` need not load the workbook layer (src/xlsx, the
// workbook model), which took longer than verifying a hundred files.
const COMMANDS: Record<string, () => Promise<Command>> = {
  export: async () => (await import("./commands/export")).exportCommand,
  verify: async () => (await import("./commands/verify")).verifyCommand,
  replay: async () => (await import("./commands/replay")).replayCommand,
  patch: async () => (await import("./commands/patch")).patchCommand,
  canon: async () => (await import("./commands/canon")).canonCommand,
  extract: async () => (await import("./commands/extract")).extractCommand,
  log: async () => (await import("./commands/log")).logCommand,
  keygen: async () => (await import("./commands/keygen")).keygenCommand,
};

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

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
  const load = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!load)
    return fail(EXIT.usage, `unknown command ${JSON.stringify(cmd)}\n${USAGE}`);
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(USAGE + "\n");
    return EXIT.ok;
  }
  try {
    return await (
      await load()
    )(rest);
  } catch (e) {
    if (e instanceof UsageError)
      return fail(EXIT.usage, `${cmd}: ${e.message}\n${USAGE}`);
    const kinds = await errorKinds();
    if (kinds.usage.some((k) => e instanceof k))
      return fail(EXIT.usage, messageOf(e));
    if (kinds.plain.some((k) => e instanceof k))
      return fail(EXIT.refused, messageOf(e));
    return fail(EXIT.refused, `${cmd} failed: ${messageOf(e)}`);
  }
}

if (require.main === module) {
  installSha256(nodeSha256); // native and synchronous: no thread hand-off per hash
  // `sealed-run verify … | head` closes the pipe early: the work is done, so leave quietly.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // main answers every command's failure itself; this is a fault in main.
      process.stderr.write(`sealed-run: ${messageOf(e)}\n`);
      process.exitCode = EXIT.refused;
    },
  );
}
