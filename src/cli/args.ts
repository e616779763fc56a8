// Argument parsing for every command, on node:util's parseArgs (strict: unknown options are errors).
import { parseArgs } from "node:util";

export class UsageError extends Error {}

/** One option as parseArgs takes it. */
export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
}
type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S["type"] extends "string"
  ? S["multiple"] extends true
    ? string[]
    : string
  : S["multiple"] extends true
    ? boolean[]
    : boolean;

/** What a command reads from its options: each absent unless given, typed by its spec. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]?: ValueOf<O[K]>;
} & { json?: boolean; help?: boolean };

const COMMON = {
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies OptionSpecs;

/** parseArgs (strict) gives each option the type its spec names; this checks it, for the types. */
function matchSpecs<O extends OptionSpecs>(
  values: Record<string, unknown>,
  specs: O,
): values is OptionValues<O> {
  return Object.entries(values).every(([name, v]) => {
    const spec = specs[name];
    if (!spec) return false;
    const one = (x: unknown) => typeof x === spec.type;
    return spec.multiple ? Array.isArray(v) && v.every(one) : one(v);
  });
}

/** The command's options, with --json and --help; the values typed from `options`. */
export function parse<const O extends OptionSpecs>(
  args: string[],
  options: O,
  allowPositionals = false,
): { values: OptionValues<O>; positionals: string[] } {
  const all = { ...options, ...COMMON };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: attachDashValues(args, all),
      options: all,
      allowPositionals,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(
      String(e instanceof Error ? e.message : e).replace(
        /^TypeError \[[A-Z_]+\]: /,
        "",
      ),
      { cause: e },
    );
  }
  if (!matchSpecs(parsed.values, all))
    throw new Error(
      `parseArgs returned values outside their specs: ${JSON.stringify(parsed.values)}`,
    );
  return { values: parsed.values, positionals: parsed.positionals };
}

/**
 * parseArgs calls `--new "-- escalate"` ambiguous and refuses it, yet a corrected value or a reason
 * may well begin with a dash. As getopt does, a string option takes the next argument as its value
 * even when it starts with "-" (written here as `--new=-- escalate`), unless that argument is
 * itself one of the command's options: then the value was forgotten and parseArgs says so.
 */
function attachDashValues(args: string[], options: OptionSpecs): string[] {
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
