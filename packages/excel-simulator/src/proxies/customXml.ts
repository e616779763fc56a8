// Excel.CustomXmlPartCollection, CustomXmlPartScopedCollection and CustomXmlPart [ExcelApi 1.5].

import type { SimContext } from "../context";
import {
  rootNamespace,
  type SimCustomXmlPart,
  SimError,
  type SimWorkbook,
} from "@sealed-run/workbook-model";
import { jsonBytes } from "../payload";
import {
  SimCollection,
  SimObject,
  defineProps,
  itemByKey,
  resultOp,
  type PropSpec,
  type Resolver,
} from "./base";

function partAlive(p: SimCustomXmlPart): void {
  if (p.deleted)
    throw new SimError("ItemNotFound", `Custom XML part ${p.id} was deleted.`);
}

export interface PartsRef {
  book: SimWorkbook;
  /** Set for getByNamespace(ns). */
  namespaceUri?: string;
}

abstract class PartsBase extends SimCollection<
  PartsRef,
  SimCustomXmlPart,
  CustomXmlPartProxy
> {
  protected readonly _props: Record<string, PropSpec<PartsRef>> = {};

  protected _members(ref: PartsRef): SimCustomXmlPart[] {
    return ref.book.liveParts.filter(
      (p) =>
        ref.namespaceUri === undefined || p.namespaceUri === ref.namespaceUri,
    );
  }

  protected _itemFor(p: SimCustomXmlPart): CustomXmlPartProxy {
    return new CustomXmlPartProxy(
      this.context,
      { label: `${this._className}.items`, resolve: () => p },
      p,
    );
  }

  getCount() {
    return resultOp(
      this,
      `${this._className}.getCount`,
      null,
      (r) => this._members(r).length,
    );
  }

  /** [ExcelApi 1.5] By id (case-insensitive); ItemNotFound at sync when missing. */
  getItem(id: string): CustomXmlPartProxy {
    return this.byId("getItem", id);
  }

  /** [ExcelApi 1.5] */
  getItemOrNullObject(id: string): CustomXmlPartProxy {
    return this.byId("getItemOrNullObject", id);
  }

  private byId(
    method: "getItem" | "getItemOrNullObject",
    id: string,
  ): CustomXmlPartProxy {
    return itemByKey(this, method, id, {
      item: CustomXmlPartProxy,
      find: (ref) =>
        this._members(ref).find((x) => x.id.toLowerCase() === id.toLowerCase()),
      notFound: () => `There is no custom XML part ${id}.`,
    });
  }
}

/** Excel.CustomXmlPartCollection [ExcelApi 1.5]. */
export class CustomXmlPartCollectionProxy extends PartsBase {
  readonly _className = "CustomXmlPartCollection";

  /** The part is created at sync; XML that is not well-formed fails with InvalidArgument. */
  add(xml: string): CustomXmlPartProxy {
    const label = "CustomXmlPartCollection.add";
    this.context.assertOpen(label);
    if (typeof xml !== "string")
      throw new SimError(
        "InvalidArgument",
        `${label}: xml must be a string.`,
        label,
      );
    return new CustomXmlPartProxy(
      this.context,
      { label, resolve: () => this._refFor(label).book.addCustomXmlPart(xml) },
      undefined,
      jsonBytes(xml),
    );
  }

  getByNamespace(namespaceUri: string): CustomXmlPartScopedCollectionProxy {
    const label = `CustomXmlPartCollection.getByNamespace(${JSON.stringify(namespaceUri)})`;
    this.context.assertOpen(label);
    return new CustomXmlPartScopedCollectionProxy(this.context, {
      label,
      resolve: () => ({ book: this._refFor(label).book, namespaceUri }),
    });
  }
}

/** Excel.CustomXmlPartScopedCollection [ExcelApi 1.5]. */
export class CustomXmlPartScopedCollectionProxy extends PartsBase {
  readonly _className = "CustomXmlPartScopedCollection";

  private only(label: string, orNull: boolean): CustomXmlPartProxy {
    this.context.assertOpen(label);
    return new CustomXmlPartProxy(this.context, {
      label,
      resolve: () => {
        const members = this._members(this._refFor(label));
        if (members.length === 1) return members[0];
        if (orNull) return null;
        throw new SimError(
          members.length === 0 ? "ItemNotFound" : "InvalidOperation",
          `getOnlyItem found ${members.length} parts in this namespace, not exactly one.`,
          label,
        );
      },
    });
  }

  /** Fails unless exactly one part matches. */
  getOnlyItem(): CustomXmlPartProxy {
    return this.only("CustomXmlPartScopedCollection.getOnlyItem", false);
  }

  /** Null object unless exactly one part matches. */
  getOnlyItemOrNullObject(): CustomXmlPartProxy {
    return this.only(
      "CustomXmlPartScopedCollection.getOnlyItemOrNullObject",
      true,
    );
  }
}

const PART_PROPS: Record<string, PropSpec<SimCustomXmlPart>> = {
  id: { read: (p) => p.id },
  namespaceUri: { read: (p) => p.namespaceUri },
};

/** Excel.CustomXmlPart [ExcelApi 1.5]. */
export class CustomXmlPartProxy extends SimObject<SimCustomXmlPart> {
  readonly _className = "CustomXmlPart";
  protected readonly _props = PART_PROPS;

  constructor(
    ctx: SimContext,
    resolver: Resolver<SimCustomXmlPart>,
    pre?: SimCustomXmlPart,
    argumentBytes = 0,
  ) {
    super(ctx, { alive: partAlive, ...resolver }, pre, argumentBytes);
  }

  /** The full XML, as a ClientResult readable after sync. */
  getXml() {
    return resultOp(this, "CustomXmlPart.getXml", null, (p) => p.xml);
  }

  /** Replaces the XML; the namespace follows the new root element. */
  setXml(xml: string): void {
    const label = "CustomXmlPart.setXml";
    this.context.assertOpen(label);
    this._enqueue(label, jsonBytes(xml), () => {
      const p = this._refFor(label);
      p.namespaceUri = rootNamespace(xml);
      p.xml = xml;
    });
  }

  delete(): void {
    const label = "CustomXmlPart.delete";
    this.context.assertOpen(label);
    this._enqueue(label, 8, () => {
      this._refFor(label).deleted = true;
    });
  }
}

defineProps(CustomXmlPartProxy, Object.keys(PART_PROPS));
