// Argument parsing for every command, on node:util's parseArgs (strict: unknown options are errors).
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {}

// Values are typed loosely: each command declares its options right above where it reads them.
export function parse(
  args: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  allowPositionals = false,
): { values: Record<string, any>; positionals: string[] } {
  const all: NonNullable<ParseArgsConfig["options"]> = {
    ...options,
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  };
  try {
    return parseArgs({
      args: attachDashValues(args, all),
      options: all,
      allowPositionals,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(
      (e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ""),
    );
  }
}

/**
 * parseArgs calls `--new "-- escalate"` ambiguous and refuses it, yet a corrected value or a reason
 * may well begin with a dash. As getopt does, a string option takes the next argument as its value
 * even when it starts with "-" (written here as `--new=-- escalate`), unless that argument is
 * itself one of the command's options: then the value was forgotten and parseArgs says so.
 */
function attachDashValues(
  args: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
): string[] {
  const isOption = (a: string) =>
    a.startsWith("--")
      ? Object.hasOwn(options, a.slice(2).split("=")[0])
      : Object.values(options).some(
          (o) => o.short !== undefined && a === "-" + o.short,
        );
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") return out.concat(args.slice(i));
    const name = /^--([^=]+)$/.exec(a)?.[1];
    const next = args[i + 1];
    if (
      name !== undefined &&
      Object.hasOwn(options, name) &&
      options[name].type === "string" &&
      next?.startsWith("-") &&
      !isOption(next)
    ) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

export function required(
  values: Record<string, unknown>,
  name: string,
): string {
  const v = values[name];
  if (typeof v !== "string" || v === "")
    throw new UsageError(`--${name} is required`);
  return v;
}
