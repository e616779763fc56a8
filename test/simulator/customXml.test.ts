// Custom XML parts: add, find by namespace, read, replace, delete.
import { rejection, setup, thrown } from "./helpers";

const NS = "urn:sealed-run:seal:v1";
const xml = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><seal xmlns="${NS}">${body}</seal>`;

test("add, then find by namespace and read the XML back", async () => {
  const { book, host } = setup(["S"]);
  const got = await host.run(async (context) => {
    const part = context.workbook.customXmlParts.add(
      xml("<hash>sha256:ab</hash>"),
    );
    part.load("id, namespaceUri");
    await context.sync();
    const scoped = context.workbook.customXmlParts.getByNamespace(NS);
    const count = scoped.getCount();
    const only = scoped.getOnlyItemOrNullObject();
    const text = only.getXml();
    const byId = context.workbook.customXmlParts.getItem(part.id);
    byId.load("namespaceUri");
    scoped.load("items/id");
    await context.sync();
    /* eslint-disable office-addins/load-object-before-read -- a ClientResult's value, read after its sync: the rule knows only load() */
    return {
      id: part.id,
      ns: part.namespaceUri,
      count: count.value,
      xml: text.value,
      byIdNs: byId.namespaceUri,
      ids: scoped.items.map((p) => p.id),
    };
    /* eslint-enable office-addins/load-object-before-read */
  });
  expect(got.id).toMatch(/^\{[0-9A-F-]{36}\}$/);
  expect(got).toMatchObject({
    ns: NS,
    count: 1,
    xml: xml("<hash>sha256:ab</hash>"),
    byIdNs: NS,
    ids: [got.id],
  });
  expect(book.liveParts).toHaveLength(1);
});

test("a ClientResult is readable only after the sync", async () => {
  const { host } = setup(["S"]);
  await host.run(async (context) => {
    const count = context.workbook.customXmlParts.getCount();
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- reading before the sync is the case: the simulator must throw ValueNotLoaded
    expect(thrown(() => count.value).code).toBe("ValueNotLoaded");
    await context.sync();
    // eslint-disable-next-line office-addins/load-object-before-read -- a ClientResult's value, read after its sync: the rule knows only load()
    expect(count.value).toBe(0);
  });
});

test("getOnlyItemOrNullObject is null for zero or several parts; getOnlyItem fails", async () => {
  const { book, host } = setup(["S"]);
  book.addCustomXmlPart(xml("<a/>"));
  book.addCustomXmlPart(xml("<b/>"));
  const isNull = await host.run(async (context) => {
    const only = context.workbook.customXmlParts
      .getByNamespace(NS)
      .getOnlyItemOrNullObject();
    const other = context.workbook.customXmlParts
      .getByNamespace("urn:other")
      .getOnlyItemOrNullObject();
    await context.sync();
    return [only.isNullObject, other.isNullObject];
  });
  expect(isNull).toEqual([true, true]);
  const err = await rejection(
    host.run(async (context) => {
      context.workbook.customXmlParts
        .getByNamespace(NS)
        .getOnlyItem()
        .load("id");
      await context.sync();
    }),
  );
  expect(err.code).toBe("InvalidOperation");
});

test("setXml replaces the content, delete removes the part", async () => {
  const { book, host } = setup(["S"]);
  const id = book.addCustomXmlPart(xml("<v>1</v>")).id;
  await host.run(async (context) => {
    context.workbook.customXmlParts.getItem(id).setXml(xml("<v>2</v>"));
    await context.sync();
  });
  expect(book.findPart(id)?.xml).toBe(xml("<v>2</v>"));
  const missing = await host.run(async (context) => {
    context.workbook.customXmlParts.getItem(id).delete();
    await context.sync();
    const again = context.workbook.customXmlParts.getItemOrNullObject(id);
    await context.sync();
    return again.isNullObject;
  });
  expect(missing).toBe(true);
  const err = await rejection(
    host.run(async (context) => {
      context.workbook.customXmlParts.getItem(id).load("id");
      await context.sync();
    }),
  );
  expect(err.code).toBe("ItemNotFound");
});

test.each([
  ["not XML at all", "seal"],
  ["an unclosed element", `<seal xmlns="${NS}"><a></seal>`],
  ["two roots", "<a/><b/>"],
])("XML that is not well-formed (%s) is refused", async (_label, bad) => {
  const { book, host } = setup(["S"]);
  const err = await rejection(
    host.run(async (context) => {
      context.workbook.customXmlParts.add(bad);
      await context.sync();
    }),
  );
  expect(err.code).toBe("InvalidArgument");
  expect(book.liveParts).toHaveLength(0);
});

test("a prefixed root element reports its own namespace", () => {
  const { book } = setup(["S"]);
  const part = book.addCustomXmlPart(
    `<s:seal xmlns:s="${NS}" xmlns="urn:default"><s:x/></s:seal>`,
  );
  expect(part.namespaceUri).toBe(NS);
});
