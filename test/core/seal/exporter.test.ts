// reconstruction.exporter names the package that made a seal: it must follow package.json.
import * as fs from "node:fs";
import * as path from "node:path";
import { EXPORTER, SCHEMA_VERSION } from "../../../src/core/version";
import { sealOk } from "../fixtures";

const pkg = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, "../../../package.json"), "utf8"),
) as { name: string; version: string };

it("EXPORTER equals package.json name and version", () => {
  expect(EXPORTER).toEqual({ name: pkg.name, version: pkg.version });
});

it("a seal records the exporter and schema version", async () => {
  const { document } = await sealOk();
  expect(document.reconstruction.exporter).toEqual({
    name: pkg.name,
    version: pkg.version,
  });
  expect(document.schema_version).toBe(SCHEMA_VERSION);
  expect(document.authority_envelope.policy_snapshot.schema_version).toBe(
    "1.0",
  );
});
