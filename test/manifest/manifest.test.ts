// The manifest is what Office reads before any of our code runs: a dangling resid or a second
// runtime fails at sideload time with no useful message. These tests run scripts/validate-manifest.mjs
// on the real manifest, on the XSD set's own examples, and on broken copies of our manifest.
//
// The validator is an ES module and jest runs this file as CommonJS without ESM support, so
// validateManifest() is called in a child Node process (same function, same arguments, JSON back).
import { spawn } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { containing } from "../matchers";

const repoRoot = path.resolve(__dirname, "../..");
const validatorPath = path.join(repoRoot, "scripts/validate-manifest.mjs");
const xsdDir = path.resolve(repoRoot, "../shared/manifest-xsd");
const manifest = readFileSync(path.join(repoRoot, "manifest.xml"), "utf8");

interface Result {
  valid: boolean;
  errors: string[];
}

function runNode(
  args: string[],
  stdin = "",
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

async function validate(
  xml: string,
  opts: { assetsDir?: string; fileName?: string } = {},
): Promise<Result> {
  const bridge = `
    import { validateManifest } from ${JSON.stringify(pathToFileURL(validatorPath).href)};
    let input = "";
    process.stdin.on("data", (d) => (input += d));
    process.stdin.on("end", async () => {
      const { xml, opts } = JSON.parse(input);
      process.stdout.write(JSON.stringify(await validateManifest(xml, opts)));
    });`;
  const { code, stdout, stderr } = await runNode(
    ["--input-type=module", "-e", bridge],
    JSON.stringify({ xml, opts }),
  );
  if (code !== 0)
    throw new Error(`validator process failed (${code}): ${stderr}`);
  return JSON.parse(stdout) as Result;
}

/** Replaces text that must be present, so a test cannot pass on an unchanged manifest. */
function mutate(xml: string, from: string | RegExp, to: string): string {
  const out = xml.replace(from, to);
  if (out === xml) throw new Error(`mutation did not apply: ${String(from)}`);
  return out;
}

function expectOnlyError(result: Result, ...fragments: string[]): void {
  expect(result.valid).toBe(false);
  expect(result.errors).toHaveLength(1);
  for (const f of fragments) expect(result.errors[0]).toContain(f);
}

describe("manifest.xml", () => {
  it("validates against the XSD and the resid, runtime, id and icon checks", async () => {
    await expect(validate(manifest)).resolves.toEqual({
      valid: true,
      errors: [],
    });
  });

  it("puts Sealed Run's three ExecuteFunction buttons on the Home tab, run by one long-lived runtime", () => {
    expect(manifest).toMatch(
      /<OfficeTab id="TabHome">\s*<Group id="SealedRun.Group">/,
    );
    const functions = [
      ...manifest.matchAll(/<FunctionName>([^<]*)<\/FunctionName>/g),
    ].map((m) => m[1]);
    expect(functions).toEqual(["sealRun", "showVerify", "showSealLog"]);
    expect(manifest).toContain(
      '<Runtime resid="Taskpane.Url" lifetime="long"/>',
    );
    expect(manifest).toContain(
      '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>',
    );
  });

  it("has a plain ShowTaskpane button, Open Sealed Run, on the runtime's page (issue 10, point 2)", () => {
    const shows = [
      ...manifest.matchAll(
        /<Action xsi:type="ShowTaskpane">\s*<TaskpaneId>([^<]+)<\/TaskpaneId>\s*<SourceLocation resid="([^"]+)"\/>/g,
      ),
    ];
    expect(shows.map((m) => [m[1], m[2]])).toEqual([
      ["ButtonId1", "Taskpane.Url"],
    ]);
    expect(manifest).toMatch(
      /<Control xsi:type="Button" id="SealedRun.OpenPane">\s*<Label resid="OpenPane.Label"\/>/,
    );
    expect(manifest).toContain(
      '<bt:String id="OpenPane.Label" DefaultValue="Open Sealed Run"/>',
    );
  });

  it("the CLI prints 'manifest.xml: valid' and exits 0", async () => {
    const { code, stdout } = await runNode([validatorPath]);
    expect(stdout.trim()).toBe("manifest.xml: valid");
    expect(code).toBe(0);
  });

  it("the CLI prints each error prefixed with the file name and exits 1", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "manifest-cli-"));
    try {
      const file = path.join(dir, "broken.xml");
      writeFileSync(
        file,
        mutate(manifest, 'id="SealedRun.Verify"', 'id="SealedRun.SealRun"'),
      );
      const { code, stdout, stderr } = await runNode([validatorPath, file]);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr.trim()).toMatch(
        new RegExp(
          `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: line \\d+: id "SealedRun.SealRun"`,
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the CLI names a file it cannot read and exits 1", async () => {
    const { code, stderr } = await runNode([
      validatorPath,
      "no-such-manifest.xml",
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain("no-such-manifest.xml: cannot read: ENOENT");
  });
});

describe("the XSD set's self-test examples", () => {
  const example = (name: string) =>
    readFileSync(path.join(xsdDir, "examples", name), "utf8");

  it.each(["valid-basic.xml", "valid-shared-runtime.xml"])(
    "%s validates",
    async (name) => {
      await expect(
        validate(example(name), { fileName: name }),
      ).resolves.toEqual({ valid: true, errors: [] });
    },
  );

  it("invalid-misordered.xml fails because Runtimes is not the first child of Host", async () => {
    const result = await validate(example("invalid-misordered.xml"), {
      fileName: "invalid-misordered.xml",
    });
    expectOnlyError(result, "XSD:", "Runtimes': This element is not expected");
  });
});

describe("broken copies of manifest.xml fail with a message naming the problem", () => {
  it("a resid missing from <Resources>", async () => {
    const xml = mutate(
      manifest,
      /\s*<bt:String id="Verify.Tooltip"[^>]*\/>/,
      "",
    );
    expectOnlyError(
      await validate(xml),
      '<Description resid="Verify.Tooltip">',
      'control "SealedRun.Verify"',
      'no bt:LongStrings resource with id "Verify.Tooltip"',
    );
  });

  it("a resid pointing at the wrong kind of resource", async () => {
    const xml = mutate(
      manifest,
      '<Title resid="SealLog.Label"/>',
      '<Title resid="SealLog.Tooltip"/>',
    );
    expectOnlyError(
      await validate(xml),
      '"SealLog.Tooltip" is defined under bt:LongStrings, but <Title> needs a bt:ShortStrings resource',
    );
  });

  it("a resource id defined twice", async () => {
    const xml = mutate(
      manifest,
      '<bt:String id="Verify.Label"',
      '<bt:String id="SealRun.Label"',
    );
    const result = await validate(xml);
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual(
      expect.stringContaining(
        'bt:ShortStrings defines id "SealRun.Label" twice',
      ),
    );
  });

  it("FunctionFile pointing at a different resid than the Runtime", async () => {
    let xml = mutate(
      manifest,
      '<FunctionFile resid="Taskpane.Url"/>',
      '<FunctionFile resid="Commands.Url"/>',
    );
    xml = mutate(
      xml,
      "<bt:Urls>",
      '<bt:Urls>\n        <bt:Url id="Commands.Url" DefaultValue="https://localhost:3000/commands.html"/>',
    );
    expectOnlyError(
      await validate(xml),
      '<FunctionFile> resid="Commands.Url" differs from <Runtime resid="Taskpane.Url">',
      "share one resid",
    );
  });

  it("a ShowTaskpane button whose SourceLocation is not the runtime's page", async () => {
    const xml = mutate(
      manifest,
      /<Action xsi:type="ExecuteFunction">\s*<FunctionName>showVerify<\/FunctionName>\s*<\/Action>/,
      '<Action xsi:type="ShowTaskpane"><TaskpaneId>SealedRun.Pane</TaskpaneId><SourceLocation resid="Support.Url"/></Action>',
    );
    expectOnlyError(
      await validate(xml),
      '<Action><SourceLocation> resid="Support.Url" in control "SealedRun.Verify" differs from <Runtime resid="Taskpane.Url">',
    );
  });

  it("a default task pane page other than the runtime's page", async () => {
    const xml = mutate(
      manifest,
      '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>',
      '<SourceLocation DefaultValue="https://localhost:3000/index.html"/>',
    );
    expectOnlyError(
      await validate(xml),
      "<DefaultSettings><SourceLocation> is https://localhost:3000/index.html",
      "https://localhost:3000/taskpane.html",
    );
  });

  it("a duplicated control id", async () => {
    const xml = mutate(
      manifest,
      'id="SealedRun.SealLog"',
      'id="SealedRun.Verify"',
    );
    expectOnlyError(
      await validate(xml),
      'id "SealedRun.Verify" of <Control> is already used by the <Control> on line',
      "must be unique",
    );
  });

  it("a control id equal to the group id", async () => {
    const xml = mutate(
      manifest,
      'id="SealedRun.SealLog"',
      'id="SealedRun.Group"',
    );
    expectOnlyError(
      await validate(xml),
      'id "SealedRun.Group" of <Control> is already used by the <Group>',
    );
  });

  it('lifetime="forever" (the XSD rejects it, and the runtime check says what it must be)', async () => {
    const result = await validate(
      mutate(manifest, 'lifetime="long"', 'lifetime="forever"'),
    );
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^line \d+: XSD: .*Runtime', attribute 'lifetime': \[facet 'enumeration'\] The value 'forever' is not an element of the set \{'short', 'long'\}/,
      ),
      expect.stringMatching(
        /^line \d+: <Runtime lifetime="forever">: must be lifetime="long"/,
      ),
    ]);
  });

  it('lifetime="short", which the XSD allows but which ends the runtime between commands', async () => {
    expectOnlyError(
      await validate(mutate(manifest, 'lifetime="long"', 'lifetime="short"')),
      '<Runtime lifetime="short">: must be lifetime="long"',
    );
  });

  it("a Runtime without the SharedRuntime requirement", async () => {
    const xml = mutate(
      manifest,
      /<Requirements>\s*<Sets DefaultMinVersion="1.1">\s*<Set Name="SharedRuntime" MinVersion="1.1"\/>\s*<\/Sets>\s*<\/Requirements>/,
      "",
    );
    expectOnlyError(
      await validate(xml),
      '<Runtime> is declared, but the manifest\'s <Requirements> has no <Set Name="SharedRuntime"',
    );
  });

  it("the SharedRuntime requirement without a Runtime", async () => {
    const xml = mutate(
      manifest,
      /<Runtimes>\s*<Runtime[^>]*\/>\s*<\/Runtimes>/,
      "",
    );
    expectOnlyError(
      await validate(xml),
      "SharedRuntime is required, but no <Host> declares <Runtimes>",
    );
  });

  it("two runtimes in one host", async () => {
    const xml = mutate(
      manifest,
      '<Runtime resid="Taskpane.Url" lifetime="long"/>',
      '<Runtime resid="Taskpane.Url" lifetime="long"/><Runtime resid="Support.Url" lifetime="long"/>',
    );
    expectOnlyError(
      await validate(xml),
      "2 <Runtime> elements in one <Host>; a shared runtime is exactly one",
    );
  });

  it("ExecuteFunction buttons without a FunctionFile", async () => {
    const result = await validate(
      mutate(manifest, '<FunctionFile resid="Taskpane.Url"/>', ""),
    );
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(
      ["SealedRun.SealRun", "SealedRun.Verify", "SealedRun.SealLog"].map((id) =>
        containing(
          `ExecuteFunction in control "${id}" but its <DesktopFormFactor> has no <FunctionFile>`,
        ),
      ),
    );
  });

  it("a URL that is not https", async () => {
    const xml = mutate(
      manifest,
      '<bt:Url id="Support.Url" DefaultValue="https://',
      '<bt:Url id="Support.Url" DefaultValue="http://',
    );
    expectOnlyError(
      await validate(xml),
      "<bt:Url> URL http://localhost:3000/support.html is not https",
    );
  });

  it("an icon served from outside assets/", async () => {
    const xml = mutate(
      manifest,
      'https://localhost:3000/assets/icon-32.png"/>\n  <High',
      'https://localhost:3000/icon-32.png"/>\n  <High',
    );
    expectOnlyError(
      await validate(xml),
      "<IconUrl> https://localhost:3000/icon-32.png: icons must be served from assets/",
    );
  });

  it("one image resource used at two sizes", async () => {
    const xml = mutate(
      manifest,
      '<bt:Image size="32" resid="Log.32x32"/>',
      '<bt:Image size="32" resid="Log.80x80"/>',
    );
    const result = await validate(xml);
    expect(result.valid).toBe(false);
    expect(result.errors).toContainEqual(
      expect.stringContaining(
        'image "Log.80x80" is used at size 80 here and at size 32',
      ),
    );
  });

  describe("icon files (checked in a copy of assets/)", () => {
    let assetsDir: string;
    beforeEach(() => {
      assetsDir = mkdtempSync(path.join(tmpdir(), "manifest-assets-"));
      cpSync(path.join(repoRoot, "assets"), assetsDir, { recursive: true });
    });
    afterEach(() => rmSync(assetsDir, { recursive: true, force: true }));

    it("the copy itself passes, so the failures below come from the change alone", async () => {
      await expect(validate(manifest, { assetsDir })).resolves.toEqual({
        valid: true,
        errors: [],
      });
    });

    it("an icon file of the wrong pixel size", async () => {
      copyFileSync(
        path.join(assetsDir, "icon-32.png"),
        path.join(assetsDir, "icon-16.png"),
      );
      expectOnlyError(
        await validate(manifest, { assetsDir }),
        'bt:Image "Icon.16x16"',
        "assets/icon-16.png is 32x32 px, but it is used as a 16x16 icon",
      );
    });

    it("a HighResolutionIconUrl that is not 64 px", async () => {
      copyFileSync(
        path.join(assetsDir, "icon-80.png"),
        path.join(assetsDir, "icon-64.png"),
      );
      expectOnlyError(
        await validate(manifest, { assetsDir }),
        "<HighResolutionIconUrl>",
        "assets/icon-64.png is 80x80 px, but it is used as a 64x64 icon",
      );
    });

    it("a missing icon file", async () => {
      rmSync(path.join(assetsDir, "verify-80.png"));
      expectOnlyError(
        await validate(manifest, { assetsDir }),
        'bt:Image "Verify.80x80"',
        "assets/verify-80.png does not exist",
      );
    });

    it("an icon file that is not a PNG", async () => {
      writeFileSync(path.join(assetsDir, "log-16.png"), "<svg/>");
      expectOnlyError(
        await validate(manifest, { assetsDir }),
        'bt:Image "Log.16x16"',
        "assets/log-16.png is not a PNG file",
      );
    });
  });

  it("XML that is not well formed", async () => {
    const result = await validate(
      mutate(manifest, "</OfficeApp>", "</OfficeAp>"),
    );
    expect(result.valid).toBe(false);
    expect(result.errors[0]).toMatch(
      /^line \d+: XML: Opening and ending tag mismatch: OfficeApp line \d+ and OfficeAp/,
    );
  });

  it("a missing XSD folder is reported, not treated as valid", async () => {
    const bridge = `
      import { validateManifest } from ${JSON.stringify(pathToFileURL(validatorPath).href)};
      const r = await validateManifest(${JSON.stringify(manifest)}, { xsdDir: "/nonexistent/manifest-xsd" });
      process.stdout.write(JSON.stringify(r));`;
    const { stdout } = await runNode(["--input-type=module", "-e", bridge]);
    expectOnlyError(
      JSON.parse(stdout) as Result,
      "/nonexistent/manifest-xsd/OfficeAppManifestV1_1.xsd not found",
    );
  });
});
