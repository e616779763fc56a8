// The zip container of an OOXML package, opened through jszip once its central directory has
// passed checkZip (zipDirectory.ts); parts are inflated as a stream, stopped at the limit.
//
// Writing: jszip reuses the compressed bytes of an entry it did not change when the output uses
// that entry's compression method (jszip lib/zipObject.js `_compressWorker`); each kept entry is
// given its original method, so every part that is not rewritten leaves with the very bytes it
// came with (checked by test/xlsx/zip.test.ts).
import JSZip from "jszip";
import { WorkbookFormatError } from "./errors";
import {
  checkZip,
  MAX_PART_BYTES,
  type ZipEntry,
  type ZipLimits,
} from "./zipDirectory";

interface StreamHelper {
  on(event: "data", cb: (chunk: Uint8Array) => void): StreamHelper;
  on(event: "error", cb: (e: Error) => void): StreamHelper;
  on(event: "end", cb: () => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}

/** An opened package: checked entries, read lazily through jszip. */
export class ZipPackage {
  private readonly byLower = new Map<string, ZipEntry>();

  private constructor(
    /** The package's bytes as read. */
    readonly original: Uint8Array,
    readonly zip: JSZip,
    readonly entries: ZipEntry[],
    private readonly maxPart: number,
  ) {
    for (const e of entries) this.byLower.set(e.name.toLowerCase(), e);
  }

  static async open(
    bytes: Uint8Array,
    limits: ZipLimits = {},
  ): Promise<ZipPackage> {
    const entries = checkZip(bytes, limits);
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(bytes, {
        checkCRC32: false,
        createFolders: false,
      });
    } catch (e) {
      throw new WorkbookFormatError(
        `it is a damaged zip package (${(e as Error).message}): use an intact copy of the workbook`,
        "truncated",
      );
    }
    return new ZipPackage(
      bytes,
      zip,
      entries,
      limits.maxPartBytes ?? MAX_PART_BYTES,
    );
  }

  /** The entry of a part name, matched case-insensitively; undefined when absent. */
  entry(name: string): ZipEntry | undefined {
    return this.byLower.get(name.replace(/^\//, "").toLowerCase());
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  /** Streams a part's inflated bytes; refuses as soon as it yields more than declared or allowed. */
  stream(name: string, onChunk: (chunk: Uint8Array) => void): Promise<void> {
    const e = this.entry(name);
    const file = e && this.zip.file(e.name);
    if (!e || !file)
      return Promise.reject(
        new WorkbookFormatError(
          `the package has no part ${name}`,
          "not-workbook",
        ),
      );
    const limit = Math.min(e.size, this.maxPart);
    return new Promise((resolve, reject) => {
      let got = 0;
      let failed = false;
      // internalStream (jszip's StreamHelper) yields the inflated bytes chunk by chunk.
      const helper = (
        file as unknown as { internalStream(t: "uint8array"): StreamHelper }
      ).internalStream("uint8array");
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        helper.pause();
        reject(err);
      };
      helper
        .on("data", (chunk: Uint8Array) => {
          if (failed) return;
          got += chunk.length;
          if (got > limit) {
            fail(
              new WorkbookFormatError(
                got > this.maxPart
                  ? `the package entry ${e.name} inflates past the ${this.maxPart}-byte limit for one part (a zip bomb); refused`
                  : `the package entry ${e.name} inflates to more than the ${e.size} bytes it declares (a zip bomb, or a damaged file); refused`,
                "too-large",
              ),
            );
            return;
          }
          try {
            onChunk(chunk);
          } catch (err) {
            fail(err as Error);
          }
        })
        .on("error", (err: Error) =>
          fail(
            new WorkbookFormatError(
              `the package entry ${e.name} cannot be inflated (${err.message}); the file is damaged`,
              "truncated",
            ),
          ),
        )
        .on("end", () => {
          if (failed) return;
          if (got !== e.size)
            fail(
              new WorkbookFormatError(
                `the package entry ${e.name} inflates to ${got} bytes, not the ${e.size} it declares; the file is damaged`,
                "truncated",
              ),
            );
          else resolve();
        })
        .resume();
    });
  }

  /** A part's inflated bytes, whole (for small parts). */
  async bytes(name: string): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    await this.stream(name, (c) => chunks.push(c));
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }

  /**
   * The package with `changes` applied (bytes to put, null to remove); every other entry keeps
   * its name, order, method and compressed bytes. New entries are deflated and appended.
   */
  async withChanges(
    changes: Map<string, Uint8Array | null>,
  ): Promise<Uint8Array> {
    for (const e of this.entries) {
      const file = this.zip.file(e.name);
      // ZipObject.options.compression (documented): the method this entry is written with.
      if (file) file.options.compression = e.method === 0 ? "STORE" : "DEFLATE";
    }
    for (const [name, data] of changes) {
      const actual = this.entry(name)?.name ?? name;
      if (data === null) this.zip.remove(actual);
      // Replacing a file keeps its place in the listing (jszip's files object keeps key order).
      else
        this.zip.file(actual, data, {
          binary: true,
          createFolders: false,
          compression: "DEFLATE",
        });
    }
    return this.zip.generateAsync({
      type: "uint8array",
      compression: "DEFLATE",
      compressionOptions: { level: 6 },
    });
  }
}
