// `verify` over many files spreads them over worker threads; the output must not show it: the
// same lines, in the same order, the same summary and exit code as one thread gives.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  EPOCH,
  makeWorkspace,
  parseJsonOutput,
  removeWorkspaces,
  run,
  sealedFiles,
  sealedPath,
} from "./helpers";

let ws: string;
beforeAll(async () => {
  ws = makeWorkspace();
  const r = await run(ws, ["export", "--run-id", "RUN-001"], { epoch: EPOCH });
  if (r.code !== 0) throw new Error(r.stderr);
  const text = fs.readFileSync(
    path.join(ws, sealedPath(sealedFiles(ws)[0])),
    "utf8",
  );
  fs.mkdirSync(path.join(ws, "many"));
  for (let i = 0; i < 1000; i++) {
    const body =
      i % 97 === 13
        ? text.replace(
            '"summary_confidence_pct": 78',
            '"summary_confidence_pct": 79',
          )
        : i % 211 === 5
          ? "{not json"
          : text;
    fs.writeFileSync(
      path.join(ws, "many", `f${String(i).padStart(4, "0")}.json`),
      body,
    );
  }
  fs.writeFileSync(path.join(ws, "many", `f0001.json.intoto.json`), "{}"); // a signature envelope: not a seal
});
afterAll(removeWorkspaces);

it("gives the same lines in the same order on 1 and on 3 threads", async () => {
  const one = await run(ws, ["verify", "many", "no-such-*.json"], {
    env: { SEALED_RUN_THREADS: "1" },
  });
  const three = await run(ws, ["verify", "many", "no-such-*.json"], {
    env: { SEALED_RUN_THREADS: "3" },
  });
  expect(three).toEqual(one);
  expect(one.code).toBe(2); // the glob matched nothing
  const lines = one.stdout.trimEnd().split("\n");
  expect(lines).toHaveLength(1002);
  expect(lines[0]).toMatch(/^OK {4}many\/f0000\.json {2}sha256:/);
  expect(lines[13]).toMatch(/^FAIL {2}many\/f0013\.json: hash mismatch/);
  expect(lines[5]).toMatch(/^FAIL {2}many\/f0005\.json: line 1, column 2/);
  expect(lines[1000]).toBe(
    "ERROR no-such-*.json: no file matches no-such-*.json",
  );
  expect(lines[1001]).toBe("984 valid, 16 invalid, 1 unreadable");
});

it("streams one valid JSON document", async () => {
  const r = await run(ws, ["verify", "many", "--json"], {
    env: { SEALED_RUN_THREADS: "2" },
  });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(1);
  const doc = parseJsonOutput(r) as {
    summary: unknown;
    results: { file: string; status: string; reason?: string }[];
  };
  expect(doc.summary).toEqual({ valid: 984, invalid: 16, unreadable: 0 });
  expect(doc.results.map((x: { file: string }) => x.file)).toEqual(
    Array.from(
      { length: 1000 },
      (_, i) => `many/f${String(i).padStart(4, "0")}.json`,
    ),
  );
  expect(doc.results[13].status).toBe("invalid");
  expect(doc.results[13].reason).toMatch(/hash mismatch/);
});
