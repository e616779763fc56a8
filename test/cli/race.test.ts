// Two exports started at the same moment (CONTRACT §6, §7): the lock around PATCH_LOG.csv must keep
// the chain linear (no fork, no lost entry), and one run must never end up with two sealed files.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  chainProblems,
  EPOCH,
  logRows,
  makeWorkspace,
  removeWorkspaces,
  run,
  SEALED_DIR,
  sealedFiles,
} from "./helpers";

afterAll(removeWorkspaces);

describe("exports that race", () => {
  it("different runs at once: all exit 0, one SEAL entry each, and the chain verifies", async () => {
    const ws = makeWorkspace();
    const runs = ["RUN-001", "RUN-002", "RUN-003", "RUN-004"];
    const results = await Promise.all(
      runs.map((id) => run(ws, ["export", "--run-id", id], { epoch: EPOCH })),
    );
    expect(results.map((r) => [r.code, r.stderr])).toEqual(
      runs.map(() => [0, ""]),
    );

    const rows = logRows(ws);
    expect(rows.map((e) => e.Action)).toEqual(["SEAL", "SEAL", "SEAL", "SEAL"]);
    expect(rows.map((e) => e.RunID).sort()).toEqual(runs);
    expect(chainProblems(rows)).toEqual([]);
    expect(sealedFiles(ws)).toHaveLength(4);
    // No lock or half-written temporary file is left behind.
    expect(
      fs
        .readdirSync(path.join(ws, SEALED_DIR))
        .filter((n) => !n.endsWith(".json")),
    ).toEqual(["PATCH_LOG.csv"]);

    // The product's own gate agrees: a further export passes patch_log_intact and chains on.
    const next = await run(ws, ["export", "--run-id", "RUN-005"], {
      epoch: EPOCH,
    });
    expect(next.code).toBe(0);
    expect(next.stdout).toContain("patch_log_intact pass");
    const after = logRows(ws);
    expect(after).toHaveLength(5);
    expect(chainProblems(after)).toEqual([]);
  });

  it.each([
    ["the same SOURCE_DATE_EPOCH (same file name)", [EPOCH, EPOCH]],
    ["different seconds (different file names)", [EPOCH, EPOCH + 1]],
  ])(
    "the same run twice at once, %s: exactly one seals, the other is refused; never two files",
    async (_label, epochs) => {
      const ws = makeWorkspace();
      const results = await Promise.all(
        epochs.map((epoch) =>
          run(ws, ["export", "--run-id", "RUN-007"], { epoch }),
        ),
      );
      const codes = results.map((r) => r.code).sort();
      expect(codes[0]).toBe(0);
      // The loser either saw the winner's SEAL under the lock (1) or found the name taken (3).
      expect([1, 3]).toContain(codes[1]);
      if (epochs[0] !== epochs[1]) expect(codes[1]).toBe(1);
      const loser = results.find((r) => r.code !== 0)!;
      expect(loser.stderr).toMatch(
        codes[1] === 1 ? /not_already_sealed/ : /already exists/,
      );
      expect(sealedFiles(ws, "RUN-007")).toHaveLength(1);
      const rows = logRows(ws);
      expect(rows.filter((e) => e.Action === "SEAL")).toHaveLength(1);
      expect(chainProblems(rows)).toEqual([]);
    },
  );
});
