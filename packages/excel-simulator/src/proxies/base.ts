// Proxy objects: the simulator's stand-ins for Excel.Range, Excel.Worksheet and the rest.
// They follow OfficeExtension.ClientObject: a property can be read only after `load` and the
// `sync` that carries it; setting a property or calling a method only queues an operation.
// Reading an unloaded property throws PropertyNotLoaded, as the real library's getters do.

import type { Op, SimContext, SyncResult } from "../context";
import { propertyNotLoaded, SimError } from "@sealed-run/workbook-model";
import { OP_OVERHEAD, jsonBytes } from "../payload";

export interface PropSpec<T> {
  /** Reads the property at sync time. */
  read: (ref: T) => unknown;
  /** Applies a set at sync time (writable properties only). */
  write?: (ref: T, value: unknown) => void;
  /** The property reads cell data, so the 5,000,000-cell read limit applies. */
  cells?: (ref: T) => number;
  /** Not included in a parameterless load() (e.g. expensive or newer properties). */
  explicitOnly?: boolean;
}

/** Names that jest, Promise resolution and console inspection probe; never API members. */
const PROBES = new Set([
  "then",
  "catch",
  "asymmetricMatch",
  "nodeType",
  "tagName",
  "inspect",
  "toJSON",
  "length",
]);

const HANDLER: ProxyHandler<{ _className: string }> = {
  get(target, prop, receiver) {
    if (typeof prop === "symbol" || prop in target)
      return Reflect.get(target, prop, receiver) as unknown;
    if (PROBES.has(prop) || /^[_@$]/.test(prop)) return undefined;
    throw new SimError(
      "NotImplemented",
      `The simulator does not model ${target._className}.${prop}; add it to packages/excel-simulator before relying on it.`,
      `${target._className}.${prop}`,
    );
  },
};

/** Wraps an API object so that members the simulator does not model fail loudly, not silently. */
export function guardMembers<T extends { _className: string }>(obj: T): T {
  return new Proxy<T>(obj, HANDLER);
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Throws ApiNotFound at call time, as the real library does for members of missing requirement sets. */
export function requireApi(
  ctx: SimContext,
  set: string,
  version: string,
  member: string,
): void {
  const have = ctx.host.apiSets[set];
  if (have === undefined || compareVersions(have, version) < 0) {
    throw new SimError(
      "ApiNotFound",
      `${member} needs ${set} ${version}; this host has ${have ? `${set} ${have}` : `no ${set}`}.`,
      member,
    );
  }
}

interface ParsedLoad {
  props: string[] | "all";
  nav: Map<string, string[]>;
  top?: number;
  skip?: number;
}

function splitNames(s: string): string[] {
  return s
    .split(",")
    .map((x) => x.trim())
    .filter((x) => x.length > 0)
    .map((x) => {
      const lower = x.toLowerCase();
      if (lower === "items" || lower === "items/" || lower === "*") return "*";
      if (lower.startsWith("items/") || lower.startsWith("items."))
        return x.slice(6);
      return x;
    });
}

/** `top` or `$top` (likewise skip): the first that is a number. */
function firstNumber(a: unknown, b: unknown): number | undefined {
  if (typeof a === "number") return a;
  return typeof b === "number" ? b : undefined;
}

/** Accepts what OfficeExtension accepts: "a,b", ["a","b"], {select, expand, top, skip}, {a: true}. */
function parseLoadArg(arg: unknown): ParsedLoad {
  let names: string[] = [];
  let top: number | undefined;
  let skip: number | undefined;
  if (arg === undefined || arg === null)
    return { props: "all", nav: new Map() };
  if (typeof arg === "string") names = splitNames(arg);
  else if (Array.isArray(arg))
    names = arg.flatMap((x) => splitNames(String(x)));
  else if (typeof arg === "object") {
    const o = arg as Record<string, unknown>;
    const isOption = ["select", "expand", "top", "skip", "$top", "$skip"].some(
      (k) => k in o,
    );
    if (isOption) {
      if (typeof o.select === "string") names = splitNames(o.select);
      else if (Array.isArray(o.select))
        names = o.select.flatMap((x) => splitNames(String(x)));
      else if (o.select !== undefined)
        throw new SimError(
          "InvalidArgument",
          "load: option.select must be a string or an array.",
        );
      if (typeof o.expand === "string") names.push(...splitNames(o.expand));
      top = firstNumber(o.top, o.$top);
      skip = firstNumber(o.skip, o.$skip);
      if (!names.length) return { props: "all", nav: new Map(), top, skip };
    } else {
      for (const [k, v] of Object.entries(o)) {
        if (v === true) names.push(k);
        else if (typeof v === "object" && v)
          names.push(...Object.keys(v).map((sub) => `${k}/${sub}`));
      }
    }
  } else {
    throw new SimError(
      "InvalidArgument",
      "load: the argument must be a string, an array or an object.",
    );
  }
  if (names.includes("*")) return { props: "all", nav: new Map(), top, skip };
  const props: string[] = [];
  const nav = new Map<string, string[]>();
  for (const n of names) {
    const slash = n.search(/[/.]/);
    if (slash < 0) props.push(n);
    else {
      const head = n.slice(0, slash);
      const rest = n.slice(slash + 1);
      nav.set(head, [...(nav.get(head) ?? []), rest]);
    }
  }
  return { props, nav, top, skip };
}

export interface Resolver<T> {
  /** Where the object came from, for messages: `WorksheetCollection.getItem("Log")`. */
  label: string;
  /** Finds the referent now; null for an *OrNullObject that found nothing. May throw. */
  resolve: () => T | null;
  /** Throws when a previously found referent is gone (deleted sheet, table, part). */
  alive?: (ref: T) => void;
}

/**
 * The object a keyed collection's `getItem(key)` or `getItemOrNullObject(key)` returns. The
 * lookup runs at sync: `find` gives the member or undefined, and then getItem fails with
 * ItemNotFound (message `notFound(ref)`) while getItemOrNullObject gives a null object.
 * Requirement-set checks (requireApi) stay with the caller.
 */
export function itemByKey<T, M, I>(
  collection: SimObject<T>,
  method: "getItem" | "getItemOrNullObject",
  key: string | number,
  lookup: {
    item: new (ctx: SimContext, resolver: Resolver<M>) => I;
    find: (ref: T) => M | undefined;
    notFound: (ref: T) => string;
  },
): I {
  const member = `${collection._className}.${method}`;
  const label = `${member}(${JSON.stringify(key)})`;
  collection.context.assertOpen(label);
  return new lookup.item(collection.context, {
    label,
    resolve: () => {
      const ref = collection._refFor(label);
      const found = lookup.find(ref);
      if (found !== undefined) return found;
      if (method === "getItemOrNullObject") return null;
      throw new SimError("ItemNotFound", lookup.notFound(ref), member);
    },
  });
}

export abstract class SimObject<T> {
  abstract readonly _className: string;
  protected abstract readonly _props: Record<string, PropSpec<T>>;
  /** Navigation properties that `load("nav/prop")` may reach. */
  protected readonly _navs: Record<string, () => SimObject<unknown>> = {};
  protected _loaded = new Map<string, unknown>();
  private _ref: T | null | undefined = undefined;
  private _isNull: boolean | undefined = undefined;

  constructor(
    readonly context: SimContext,
    private readonly _resolver: Resolver<T>,
    preResolved?: T,
    /** Arguments the creating call sends (rows.add values), counted in the request size. */
    argumentBytes = 0,
  ) {
    const self = guardMembers(this);
    if (preResolved !== undefined) {
      this._ref = preResolved;
      this._isNull = false;
    } else {
      // Creating an object is itself an operation of the batch (it can fail with ItemNotFound).
      context.enqueue({
        label: _resolver.label,
        requestBytes: jsonBytes(_resolver.label) + argumentBytes,
        run: (res) => {
          const ref = this._resolveNow();
          res.respond(0, () => {
            this._isNull = ref === null;
          });
        },
      });
    }
    return self;
  }

  /** Resolves (once) and checks the referent still exists. */
  _resolveNow(): T | null {
    if (this._ref === undefined) this._ref = this._resolver.resolve();
    if (this._ref !== null) this._resolver.alive?.(this._ref);
    return this._ref;
  }

  /** The referent for an operation; operations on a null object fail with ItemNotFound. */
  _refFor(action: string): T {
    const ref = this._resolveNow();
    if (ref === null) {
      throw new SimError(
        "ItemNotFound",
        `${action} on a null object (${this._resolver.label}).`,
        action,
      );
    }
    return ref;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined)
      throw propertyNotLoaded(this._className, "isNullObject");
    return this._isNull;
  }

  /** Property getter used by every scalar property. */
  protected _get(name: string): unknown {
    if (this._loaded.has(name)) return this._loaded.get(name);
    if (this._isNull === true) return undefined;
    throw propertyNotLoaded(this._className, name);
  }

  /** Property setter: remembered locally at once (as Office.js does), applied at sync. */
  protected _set(name: string, value: unknown): void {
    const spec = this._props[name];
    const label = `${this._className}.${name}`;
    this.context.assertOpen(label);
    if (!spec?.write)
      throw new SimError("InvalidArgument", `${label} is read-only.`, label);
    if (value === null || value === undefined) {
      throw new SimError(
        "InvalidArgument",
        `${label} cannot be set to ${value}.`,
        label,
      );
    }
    this._loaded.set(name, value);
    this._enqueue(label, jsonBytes(value), () =>
      spec.write!(this._refFor(label), value),
    );
  }

  protected _enqueue(
    label: string,
    requestBytes: number,
    run: (res: SyncResult) => void,
  ): void {
    const op: Op = { label, requestBytes, run };
    this.context.enqueue(op);
  }

  /** Reads properties at sync time; returns the response size. */
  _readProps(
    ref: T,
    names: string[],
  ): { values: Map<string, unknown>; bytes: number } {
    const values = new Map<string, unknown>();
    let bytes = 0;
    const limit = this.context.host.limits.maxReadCells;
    for (const name of names) {
      const spec = this._props[name];
      if (!spec) {
        throw new SimError(
          "InvalidArgument",
          `${this._className} has no property "${name}" to load.`,
          `${this._className}.load`,
        );
      }
      const cells = spec.cells?.(ref);
      if (cells !== undefined && cells > limit) {
        throw new SimError(
          "RangeExceedsLimit",
          `Reading ${name} of ${cells} cells; a read may cover at most ${limit}.`,
          `${this._className}.${name}`,
        );
      }
      const v = spec.read(ref);
      values.set(name, v);
      bytes += jsonBytes(name) + jsonBytes(v);
    }
    return { values, bytes };
  }

  _allPropNames(): string[] {
    return Object.entries(this._props)
      .filter(([, s]) => !s.explicitOnly)
      .map(([n]) => n);
  }

  /** Publishes values read by a successful sync. */
  _publish(values: Map<string, unknown>, isNull = false): void {
    for (const [k, v] of values) this._loaded.set(k, v);
    this._isNull = isNull;
  }

  load(arg?: unknown): this {
    const label = `${this._className}.load`;
    this.context.assertOpen(label);
    const parsed = parseLoadArg(arg);
    this._queueLoad(parsed, label);
    for (const [head, rest] of parsed.nav) {
      const nav = this._navs[head];
      if (!nav) {
        this._enqueue(label, 0, () => {
          throw new SimError(
            "InvalidArgument",
            `${this._className} has no navigation property "${head}" the simulator models.`,
            label,
          );
        });
        continue;
      }
      nav().load(rest.join(","));
    }
    return this;
  }

  protected _queueLoad(parsed: ParsedLoad, label: string): void {
    if (parsed.props !== "all" && parsed.props.length === 0) return;
    const names = parsed.props === "all" ? this._allPropNames() : parsed.props;
    this._enqueue(label, jsonBytes(names), (res) => {
      const ref = this._resolveNow();
      if (ref === null) {
        res.respond(4, () => this._publish(new Map(), true));
        return;
      }
      const { values, bytes } = this._readProps(ref, names);
      res.respond(bytes, () => this._publish(values));
    });
  }

  /** Office.js objects serialise their loaded properties. */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

/** Defines getter (and setter) pairs on a proxy class's prototype for its scalar properties. */
export function defineProps(
  cls: { prototype: object },
  names: string[],
  writable: string[] = [],
): void {
  for (const name of names) {
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: true,
      get(this: SimObject<unknown>) {
        return (this as unknown as { _get(n: string): unknown })._get(name);
      },
      set: writable.includes(name)
        ? function (this: SimObject<unknown>, v: unknown) {
            (this as unknown as { _set(n: string, v: unknown): void })._set(
              name,
              v,
            );
          }
        : undefined,
    });
  }
}

/**
 * Collections (`worksheets`, `tables`, `rows`…): `items` must be loaded, and loading a
 * property name on the collection loads it on every item ("name" = "items/name").
 */
export abstract class SimCollection<
  T,
  M,
  I extends SimObject<M>,
> extends SimObject<T> {
  protected _items: I[] | undefined;

  protected abstract _members(ref: T): M[];
  protected abstract _itemFor(member: M): I;

  get items(): I[] {
    if (this._items !== undefined) return this._items;
    if (this.isNullObjectSafe()) return [];
    throw propertyNotLoaded(this._className, "items");
  }

  private isNullObjectSafe(): boolean {
    try {
      return this.isNullObject;
    } catch {
      return false;
    }
  }

  protected override _queueLoad(parsed: ParsedLoad, label: string): void {
    const own =
      parsed.props === "all"
        ? []
        : parsed.props.filter((p) => p in this._props);
    const itemProps =
      parsed.props === "all"
        ? "all"
        : parsed.props.filter((p) => !(p in this._props));
    if (own.length) super._queueLoad({ props: own, nav: new Map() }, label);
    if (itemProps !== "all" && itemProps.length === 0 && own.length) return;
    this._enqueue(label, jsonBytes(parsed.props), (res) => {
      const ref = this._refFor(label);
      let members = this._members(ref);
      if (parsed.skip) members = members.slice(parsed.skip);
      if (parsed.top !== undefined) members = members.slice(0, parsed.top);
      const items = members.map((m) => this._itemFor(m));
      let bytes = 2;
      const reads = items.map((item) => {
        const names = itemProps === "all" ? item._allPropNames() : itemProps;
        const r = item._readProps(item._refFor(label), names);
        bytes += r.bytes;
        return r.values;
      });
      res.respond(bytes, () => {
        items.forEach((item, i) => item._publish(reads[i]));
        this._items = items;
      });
    });
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      ...(this._items ? { items: this._items.map((i) => i.toJSON()) } : {}),
    };
  }
}

/** OfficeExtension.ClientResult: `value` is readable after the next sync. */
export class SimClientResult<V> {
  private _value: V | undefined;
  private _loaded = false;

  _set(v: V): void {
    this._value = v;
    this._loaded = true;
  }

  get value(): V {
    if (!this._loaded)
      throw new SimError("ValueNotLoaded", undefined, "clientResult.value");
    return this._value as V;
  }
}

/** Queues a method that returns a value (getCount, getXml…) and answers through a ClientResult. */
export function resultOp<T, V>(
  obj: SimObject<T>,
  label: string,
  args: unknown,
  compute: (ref: T) => V,
): SimClientResult<V> {
  const result = new SimClientResult<V>();
  obj.context.enqueue({
    label,
    requestBytes: jsonBytes(args) + OP_OVERHEAD,
    run: (res) => {
      const v = compute(obj._refFor(label));
      res.respond(jsonBytes(v), () => result._set(v));
    },
  });
  return result;
}
