// Memory bounded by the rules, not by the input (CONTRACT §2): a file to verify is read no further
// than 5 MiB + 1 byte, whatever it is (a device that never ends, a FIFO fed forever, a sparse file
// of gigabytes), and refused at once as invalid (exit 1), by the CLI and by the Python verifier.
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { makeWorkspace, removeWorkspaces, REPO, run } from "./helpers";

afterAll(removeWorkspaces);

const VERIFIER = path.join(REPO, "tools/verify_sealed_run.py");

function python(
  args: string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn("python3", [VERIFIER, ...args], {
      cwd,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    p.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    p.on("error", reject);
    p.on("close", (code) => resolve({ code, stdout }));
  });
}

/** Inputs that never end or are far too large, each made in `ws`; `stop` ends any writer. */
function hugeInputs(
  ws: string,
): { name: string; file: string; stop: () => void }[] {
  const sparse = path.join(ws, "sparse-3GiB.json");
  fs.writeFileSync(sparse, "{");
  fs.truncateSync(sparse, 3 * 1024 ** 3); // over 2 GiB: once "exit 2", as Node cannot read it whole
  const growing = path.join(ws, "growing.json");
  fs.writeFileSync(growing, " ".repeat(6 << 20)); // already past the limit, and still growing
  const grower = setInterval(
    () => fs.appendFileSync(growing, " ".repeat(64 << 10)),
    10,
  );
  return [
    { name: "/dev/zero (never ends)", file: "/dev/zero", stop: () => {} },
    { name: "a sparse file of 3 GiB", file: sparse, stop: () => {} },
    {
      name: "a file that keeps growing",
      file: growing,
      stop: () => clearInterval(grower),
    },
  ];
}

/** A FIFO with a writer that never stops. */
function endlessFifo(ws: string): { file: string; stop: () => void } {
  const file = path.join(
    ws,
    `fifo-${Math.random().toString(16).slice(2)}.json`,
  );
  execFileSync("mkfifo", [file]);
  const writer = spawn("sh", ["-c", `yes '{"a": 1}' > '${file}'`], {
    stdio: "ignore",
  });
  return { file, stop: () => writer.kill("SIGKILL") };
}

const linux = process.platform === "linux" ? describe : describe.skip;

linux("inputs that never end or are far too large", () => {
  it.each([["verify"], ["replay --sealed"], ["canon"]])(
    "sealed-run %s refuses each at once as over 5 MiB (exit 1)",
    async (command) => {
      const ws = makeWorkspace();
      const inputs = hugeInputs(ws);
      try {
        for (const input of inputs) {
          const t0 = Date.now();
          const r = await run(ws, [...command.split(" "), input.file]);
          expect([input.name, r.code]).toEqual([input.name, 1]);
          expect(r.stdout + r.stderr).toContain("file is over 5 MiB");
          expect(Date.now() - t0).toBeLessThan(20_000);
        }
      } finally {
        inputs.forEach((i) => i.stop());
      }
    },
  );

  it("sealed-run verify refuses a FIFO fed forever (exit 1)", async () => {
    const ws = makeWorkspace();
    const fifo = endlessFifo(ws);
    try {
      const r = await run(ws, ["verify", fifo.file]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("file is over 5 MiB");
    } finally {
      fifo.stop();
    }
  });

  it("sealed-run patch --sealed /dev/zero is refused as no valid seal (exit 1)", async () => {
    const ws = makeWorkspace();
    const r = await run(ws, [
      "patch",
      "--sealed",
      "/dev/zero",
      "--field",
      "kpis.summary_confidence_pct",
      "--new",
      "1",
      "--reason",
      "r",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "/dev/zero is not a valid seal (file is over 5 MiB",
    );
  });

  it("the Python verifier refuses each the same way (exit 1)", async () => {
    const ws = makeWorkspace();
    const inputs = [
      ...hugeInputs(ws),
      { name: "a FIFO fed forever", ...endlessFifo(ws) },
    ];
    try {
      for (const input of inputs) {
        const r = await python([input.file], ws);
        expect([input.name, r.code]).toEqual([input.name, 1]);
        expect(r.stdout).toContain("file is over 5 MiB");
      }
    } finally {
      inputs.forEach((i) => i.stop());
    }
  });
});
