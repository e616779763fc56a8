// The folder listing verify and log --seals use must list what fast-glob's `**/*.json`
// (dot: false, onlyFiles, ignore **/*.intoto.json) lists, in the same order, on a folder of odd
// entries: hidden files and folders, envelopes, links to files and folders, a broken link, a
// folder named like a seal, names that sort differently by code unit, and a link back up.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fg from "fast-glob";
import { listSealedFiles } from "../../src/node/listSealedFiles";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "sealed-run-list-"));
const put = (rel: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), "{}");
};

beforeAll(() => {
  for (const f of [
    "RUN-2.json",
    "RUN-10.json",
    "Z.json",
    "a.json",
    "é.json",
    "B.JSON",
    "notes.txt",
    "x.json.bak",
    "RUN-2.json.intoto.json",
    "a.intoto.json",
    ".hidden.json",
    ".json",
    "sub/RUN-3.json",
    "sub/deeper/RUN-4.json",
    "sub/deeper/RUN-4.intoto.json",
    ".git/RUN-5.json",
    "sub/.cache/RUN-6.json",
    "sub-2/RUN-7.json",
    "sub.json/RUN-8.json",
  ])
    put(f);
  const outside = fs.mkdtempSync(
    path.join(os.tmpdir(), "sealed-run-list-outside-"),
  );
  fs.writeFileSync(path.join(outside, "linked.json"), "{}");
  fs.mkdirSync(path.join(outside, "dir"));
  fs.writeFileSync(path.join(outside, "dir", "RUN-9.json"), "{}");
  fs.symlinkSync(
    path.join(outside, "linked.json"),
    path.join(root, "link-to-file.json"),
  );
  fs.symlinkSync(path.join(outside, "dir"), path.join(root, "link-to-dir"));
  fs.symlinkSync(
    path.join(outside, "gone.json"),
    path.join(root, "broken.json"),
  );
});

it("lists what fast-glob lists, in the same order", () => {
  const theirs = fg
    .sync("**/*.json", {
      cwd: root,
      onlyFiles: true,
      dot: false,
      ignore: ["**/*.intoto.json"],
    })
    .sort();
  const ours = listSealedFiles(root);
  expect(ours).toEqual(theirs);
  expect(ours).toEqual(
    expect.arrayContaining([
      "RUN-10.json",
      "RUN-2.json",
      "a.json",
      "link-to-dir/RUN-9.json",
      "link-to-file.json",
      "sub.json/RUN-8.json",
      "sub/deeper/RUN-4.json",
      "é.json",
    ]),
  );
  expect(
    ours.some(
      (f) =>
        f.includes(".intoto.") ||
        f.includes(".hidden") ||
        f.includes(".git") ||
        f.includes("broken"),
    ),
  ).toBe(false);
});

it("follows a link back up once, without looping", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sealed-run-loop-"));
  fs.mkdirSync(path.join(dir, "a"));
  fs.writeFileSync(path.join(dir, "a", "RUN-1.json"), "{}");
  fs.symlinkSync(dir, path.join(dir, "a", "up"));
  expect(listSealedFiles(dir)).toEqual(["a/RUN-1.json"]);
});
