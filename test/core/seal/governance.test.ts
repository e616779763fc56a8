// §4 governance inputs: AuthorizedActors parsing and the policy snapshot's hashes, checked against
// an independent SHA-256 of the texts' UTF-8 bytes.
import { createHash } from "node:crypto";
import {
  checkActorAuthorized,
  checkPolicySnapshotComplete,
  parseAuthorizedActors,
  policySnapshot,
} from "../../../src/core/seal/governance";
import { BASELINE, governance, TRIAGE_PROMPT } from "../fixtures";

const sha = (s: string) =>
  "sha256:" + createHash("sha256").update(Buffer.from(s, "utf8")).digest("hex");

describe("parseAuthorizedActors", () => {
  it("reads `name:role; name:role`, trimming, dropping empty items", () => {
    expect(
      parseAuthorizedActors(
        " J. Rivera:triage-lead ;; M. Okafor : operator ; ",
      ),
    ).toEqual([
      { name: "J. Rivera", role: "triage-lead" },
      { name: "M. Okafor", role: "operator" },
    ]);
  });

  it("gives an item without a colon an empty role, and splits a name holding a colon at the last one", () => {
    expect(parseAuthorizedActors("Solo;Dept: Ops:lead")).toEqual([
      { name: "Solo", role: "" },
      { name: "Dept: Ops", role: "lead" },
    ]);
  });

  it("an empty text lists nobody", () => {
    expect(parseAuthorizedActors("  ")).toEqual([]);
  });

  it("a listed actor without a role is authorized only with an empty role", () => {
    const g = governance({ authorizedActors: parseAuthorizedActors("Solo") });
    expect(checkActorAuthorized("Solo", "", g).triggered).toBe(false);
    expect(checkActorAuthorized("Solo", "operator", g).triggered).toBe(true);
  });

  it("matching is exact after trimming (case counts)", () => {
    const g = governance({
      authorizedActors: parseAuthorizedActors("J. Rivera:triage-lead"),
    });
    expect(
      checkActorAuthorized(" J. Rivera ", " triage-lead ", g).triggered,
    ).toBe(false);
    expect(checkActorAuthorized("j. rivera", "triage-lead", g).triggered).toBe(
      true,
    );
  });
});

describe("policySnapshot", () => {
  it("hashes the baseline and each prompt as UTF-8, names sorted, version trimmed", async () => {
    const snap = await policySnapshot(
      governance({
        policyVersion: " 2026.02 ",
        prompts: { z_prompt: "z", triage_prompt: TRIAGE_PROMPT },
      }),
      "1.0",
    );
    expect(snap).toEqual({
      policy_version: "2026.02",
      policy_hash: sha(BASELINE),
      prompt_hashes: { triage_prompt: sha(TRIAGE_PROMPT), z_prompt: sha("z") },
      schema_version: "1.0",
    });
    expect(Object.keys(snap.prompt_hashes)).toEqual([
      "triage_prompt",
      "z_prompt",
    ]);
  });

  it("does not normalize texts: CRLF and NFD hash differently", async () => {
    const a = await policySnapshot(
      governance({ baseline: "line\r\nCafe\u0301" }),
      "1.0",
    );
    const b = await policySnapshot(
      governance({ baseline: "line\nCaf\u00e9" }),
      "1.0",
    );
    expect(a.policy_hash).toBe(sha("line\r\nCafe\u0301"));
    expect(a.policy_hash).not.toBe(b.policy_hash);
  });
});

describe("checkPolicySnapshotComplete", () => {
  it("passes a complete snapshot quietly", () => {
    expect(checkPolicySnapshotComplete(governance())).toEqual({
      check: "policy_snapshot_complete",
      triggered: false,
      detail: "",
    });
  });

  it("lists every problem at once", () => {
    const c = checkPolicySnapshotComplete(
      governance({
        policyVersion: "",
        baseline: "",
        prompts: {},
        unreadable: ["docs/prompts/a.md", "docs/governance/POLICY_BASELINE.md"],
      }),
    );
    expect(c.detail).toBe(
      "policy version is missing or empty; policy baseline is missing or empty; no prompts; docs/prompts/a.md is not valid UTF-8; docs/governance/POLICY_BASELINE.md is not valid UTF-8",
    );
  });
});
