// The add-in's key store in a real browser (Debian's chromium): IndexedDB keeps a non-extractable
// CryptoKey across page loads, and it still signs. The module runs exactly as written: it is
// transpiled here, not rewritten.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ts from "typescript";
import { chromium, type Browser } from "playwright-core";
import { serveDir, type StaticServer } from "./staticServer";

jest.setTimeout(60_000);
let browser: Browser;
let server: StaticServer;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "keystore-"));
  const source = fs.readFileSync(
    path.resolve(__dirname, "../../src/taskpane/signing/indexedDbKeyDb.ts"),
    "utf8",
  );
  const js = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.ES2022,
      target: ts.ScriptTarget.ES2022,
    },
  }).outputText;
  fs.writeFileSync(path.join(dir, "indexedDbKeyDb.js"), js);
  fs.writeFileSync(
    path.join(dir, "index.html"),
    "<!doctype html><title>key store</title>",
  );
  server = await serveDir(dir);
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it("keeps a non-extractable key across page loads, and it signs what its public key verifies", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + "index.html");
  // Browser-side code as text: ts-jest would turn import() into require() inside a function.
  const first = await page.evaluate(`(async () => {
    const { indexedDbKeyDb } = await import("./indexedDbKeyDb.js");
    const db = indexedDbKeyDb();
    const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
    const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
    await db.put({ privateKey: pair.privateKey, spki, keyId: "k1", created: "now" });
    return Array.from(spki);
  })()`);
  await page.reload();
  const again = await page.evaluate(`(async () => {
    const { indexedDbKeyDb } = await import("./indexedDbKeyDb.js");
    const k = await indexedDbKeyDb().get();
    const data = new TextEncoder().encode("DSSEv1 probe");
    const sig = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, k.privateKey, data);
    const pub = await crypto.subtle.importKey("spki", k.spki, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    let exported = "refused";
    try {
      await crypto.subtle.exportKey("pkcs8", k.privateKey);
      exported = "exported";
    } catch (e) {}
    return {
      keyId: k.keyId,
      extractable: k.privateKey.extractable,
      exported,
      verifies: await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, pub, sig, data),
      spki: Array.from(k.spki),
    };
  })()`);
  expect(again).toEqual({
    keyId: "k1",
    extractable: false,
    exported: "refused",
    verifies: true,
    spki: first,
  });
  await context.close();
});

it("a new profile (cleared site data) has no key", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + "index.html");
  const kept = await page.evaluate(
    `(async () => (await (await import("./indexedDbKeyDb.js")).indexedDbKeyDb().get()) ?? null)()`,
  );
  expect(kept).toBeNull();
  await context.close();
});
