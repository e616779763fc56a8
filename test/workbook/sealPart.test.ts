/** @jest-environment jsdom */
// Kept seals' custom XML parts are read with an XML parser (issue 10, point 9): DOMParser where the
// page has one (the add-in; jsdom here), saxes elsewhere (the CLI). Both readers give the same
// answers, including on XML that Excel or another tool may have written back differently.
import {
  parseSealPart,
  sealPartText,
  sealPartXml,
} from "../../src/office/sealStore";
import { parseXmlRoot } from "../../src/office/sealPartXml";
import {
  installSaxesXmlRootParser,
  parseXmlRootWithSaxes as parseXmlRootWithoutDom,
} from "../../src/node/xmlRootSaxes";

// As the CLI does: saxes reads where there is no DOMParser (the "saxes" runs below remove it).
installSaxesXmlRootParser();

const NS = "urn:sealed-run:seal:v1";
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

const readers: [string, () => void][] = [
  ["DOMParser", () => undefined],
  [
    "saxes",
    () => {
      const g = globalThis as Record<string, unknown>;
      const saved = g.DOMParser;
      delete g.DOMParser;
      afterEachRestore.push(() => (g.DOMParser = saved));
    },
  ],
];
const afterEachRestore: (() => void)[] = [];
afterEach(() => afterEachRestore.splice(0).forEach((f) => f()));

describe.each(readers)("with %s", (_name, arrange) => {
  beforeEach(arrange);

  test("a file name with tab, CR, LF, quotes, <, > and & comes back exactly (attributes escape them)", () => {
    const meta = {
      fileName: 'a\tb\r\nc "q" <x> & y.json',
      runId: "RUN-1",
      hash: "sha256:" + "a".repeat(64),
      head: "",
    };
    const xml = sealPartXml(meta, '{"ok":true}\n');
    expect(xml).toContain(
      "a&#9;b&#13;&#10;c &quot;q&quot; &lt;x&gt; &amp; y.json",
    );
    expect(parseSealPart("{ID}", xml)).toEqual({ id: "{ID}", ...meta });
    expect(sealPartText(xml)).toBe('{"ok":true}\n');
  });

  test("XML written back another way: a prefix, single quotes, character references, a declaration, line-wrapped base64", () => {
    const text = '{"run":"RUN-7","é":"ü"}\n';
    const wrapped = b64(text).replace(/(.{8})/g, "$1\n");
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<s:sealedRun xmlns:s='${NS}' runId='RUN-7' fileName='RUN-7&#9;x.json' hash="h" head=''>${wrapped}</s:sealedRun>`;
    expect(parseSealPart("p", xml)).toEqual({
      id: "p",
      fileName: "RUN-7\tx.json",
      runId: "RUN-7",
      hash: "h",
      head: "",
    });
    expect(sealPartText(xml)).toBe(text);
  });

  test("not one of ours: another namespace, another element, malformed XML, a comment that looks like one", () => {
    expect(
      parseSealPart("p", `<sealedRun xmlns="urn:other" fileName="x"/>`),
    ).toBeNull();
    expect(
      parseSealPart(
        "p",
        `<other xmlns="${NS}"><sealedRun fileName="x"/></other>`,
      ),
    ).toBeNull();
    expect(
      parseSealPart("p", `<sealedRun xmlns="${NS}" fileName="x">`),
    ).toBeNull();
    expect(
      parseSealPart(
        "p",
        `<!-- <sealedRun xmlns="${NS}" fileName="x"> --><r xmlns="${NS}"/>`,
      ),
    ).toBeNull();
    expect(() =>
      sealPartText(`<sealedRun xmlns="${NS}">not base64!</sealedRun>`),
    ).toThrow("not a sealed-run part");
  });

  test("the base64 is read strictly: missing padding, stray padding bits and another element are refused", () => {
    // "QQ==" is "A"; "QR==" decodes to it too unless padding bits must be zero; "QQ" lacks its padding.
    const part = (body: string) =>
      `<sealedRun xmlns="${NS}">${body}</sealedRun>`;
    expect(sealPartText(part("QQ=="))).toBe("A");
    for (const body of ["QR==", "QQ", "QQ=", "Q===", "QQ==QQ=="])
      expect(() => sealPartText(part(body))).toThrow("not a sealed-run part");
    expect(() => sealPartText(`<other xmlns="${NS}">QQ==</other>`)).toThrow(
      "not a sealed-run part",
    );
    // Valid base64 of bytes that are not UTF-8 is refused too (the decoder is fatal).
    expect(() => sealPartText(part("/w=="))).toThrow(/utf-8/);
  });
});

test("both readers agree on the root of the same documents", () => {
  const docs = [
    `<a xmlns="u" x="1&#10;2">t<b>inner</b>u</a>`,
    `<p:a xmlns:p="u" p:x="ns" y='q'><![CDATA[c<d]]></p:a>`,
    `<a>`,
  ];
  for (const d of docs)
    expect(parseXmlRootWithoutDom(d)).toEqual(parseXmlRoot(d));
});
