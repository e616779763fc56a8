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
  createFileExclusively,
  NameTakenError,
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

describe("createFileExclusively", () => {
  it("creates the file whole, with no temporary file left", () => {
    const dir = folder();
    const target = path.join(dir, "RUN-001.json");
    createFileExclusively(target, bytes("sealed"));
    expect(readFileSync(target, "utf8")).toBe("sealed");
    expect(readdirSync(dir)).toEqual(["RUN-001.json"]);
  });

  it("refuses a name taken by a file or by a link, leaving both and what the link points at alone", () => {
    const dir = folder();
    const outside = path.join(folder(), "victim.txt");
    writeFileSync(outside, "keep me");
    writeFileSync(path.join(dir, "taken.json"), "first");
    symlinkSync(outside, path.join(dir, "link.json"));
    symlinkSync(path.join(dir, "nowhere"), path.join(dir, "dangling.json"));
    for (const name of ["taken.json", "link.json", "dangling.json"])
      expect(() =>
        createFileExclusively(path.join(dir, name), bytes("x")),
      ).toThrow(NameTakenError);
    expect(readFileSync(path.join(dir, "taken.json"), "utf8")).toBe("first");
    expect(readFileSync(outside, "utf8")).toBe("keep me");
    expect(readdirSync(dir).sort()).toEqual([
      "dangling.json",
      "link.json",
      "taken.json",
    ]);
  });

  it("where the file system has no hard links, creates the name itself exclusively, without following a link", () => {
    const dir = folder();
    const noLinks = () => {
      throw Object.assign(new Error("operation not permitted"), {
        code: "EPERM",
      });
    };
    createFileExclusively(path.join(dir, "a.json"), bytes("whole"), 0o666, {
      link: noLinks,
    });
    expect(readFileSync(path.join(dir, "a.json"), "utf8")).toBe("whole");
    const outside = path.join(folder(), "victim.txt");
    writeFileSync(outside, "keep me");
    symlinkSync(outside, path.join(dir, "b.json"));
    expect(() =>
      createFileExclusively(path.join(dir, "b.json"), bytes("x"), 0o666, {
        link: noLinks,
      }),
    ).toThrow(NameTakenError);
    expect(readFileSync(outside, "utf8")).toBe("keep me");
    expect(readdirSync(dir).sort()).toEqual(["a.json", "b.json"]);
  });
});
