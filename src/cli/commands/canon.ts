// `sealed-run canon FILE`: the RFC 8785 form; for an object with a `hash` member, the very bytes
// that are hashed, so `sealed-run canon f.json | sha256sum` shows the seal's hex.
import { canonicalize, readStrict, CanonicalizationError } from "../../core";
import { parse, UsageError } from "../args";
import { EXIT, makeOut } from "../output";
import { readSealedInput } from "../sealedInput";

export function canonCommand(argv: string[]): number {
  const { values, positionals } = parse(argv, {}, true);
  const out = makeOut(!!values.json);
  if (positionals.length !== 1)
    throw new UsageError("canon takes exactly one FILE");
  const file = positionals[0];
  const bytes = readSealedInput(out, file, { file });
  if (!bytes) return EXIT.usage;
  const read = readStrict(bytes);
  if (!read.ok) {
    out.error(`${file}: ${read.error.message}`);
    out.result({ file, error: read.error.message });
    return EXIT.refused;
  }
  const v = read.value;
  const target =
    v && typeof v === "object" && !Array.isArray(v) && "hash" in v
      ? { ...(v as object), hash: "" }
      : v;
  let text: string;
  try {
    text = canonicalize(target);
  } catch (e) {
    if (!(e instanceof CanonicalizationError)) throw e;
    out.error(`${file}: ${e.message}`);
    out.result({ file, error: e.message });
    return EXIT.refused;
  }
  if (out.json) out.result({ file, canonical: text });
  else process.stdout.write(text);
  return EXIT.ok;
}
