import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  replaceFileAtomically,
  UnsafeTargetError,
  type ReplaceStep,
} from "../../src/node/atomicReplace";

const bytes = (s: string) => new TextEncoder().encode(s);
const folder = () => mkdtempSync(path.join(os.tmpdir(), "atomic-"));

describe("replaceFileAtomically", () => {
  it("creates a new file and replaces an existing one, keeping its permissions", () => {
    const dir = folder();
    const target = path.join(dir, "book.xlsx");
    replaceFileAtomically(target, bytes("one"));
    expect(readFileSync(target, "utf8")).toBe("one");
    chmodSync(target, 0o640);
    replaceFileAtomically(target, bytes("two"));
    expect(readFileSync(target, "utf8")).toBe("two");
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["book.xlsx"]);
  });

  it.each<ReplaceStep>(["open", "write", "flush", "chmod", "rename"])(
    "a failure at %s leaves the original intact and no temporary file",
    (failing) => {
      const dir = folder();
      const target = path.join(dir, "PATCH_LOG.csv");
      writeFileSync(target, "original");
      expect(() =>
        replaceFileAtomically(target, bytes("new"), {
          beforeStep: (step) => {
            if (step === failing) throw new Error(`injected at ${step}`);
          },
        }),
      ).toThrow(`injected at ${failing}`);
      expect(readFileSync(target, "utf8")).toBe("original");
      expect(readdirSync(dir)).toEqual(["PATCH_LOG.csv"]);
    },
  );

  it("refuses a target that is a symbolic link and leaves what it points at alone", () => {
    const dir = folder();
    const outside = path.join(folder(), "victim.txt");
    writeFileSync(outside, "keep me");
    const target = path.join(dir, "PATCH_LOG.csv");
    symlinkSync(outside, target);
    expect(() => replaceFileAtomically(target, bytes("x"))).toThrow(
      UnsafeTargetError,
    );
    expect(readFileSync(outside, "utf8")).toBe("keep me");
  });

  it("refuses a link planted between the first look and the rename", () => {
    const dir = folder();
    const outside = path.join(folder(), "victim.txt");
    writeFileSync(outside, "keep me");
    const target = path.join(dir, "book.xlsx");
    writeFileSync(target, "original");
    expect(() =>
      replaceFileAtomically(target, bytes("x"), {
        beforeStep: (step) => {
          if (step !== "rename") return;
          unlinkSync(target);
          symlinkSync(outside, target);
        },
      }),
    ).toThrow(UnsafeTargetError);
    expect(readFileSync(outside, "utf8")).toBe("keep me");
    expect(readdirSync(dir)).toEqual(["book.xlsx"]);
  });
});
