// Where the add-in keeps its signing key: IndexedDB, which stores a CryptoKey object as it is —
// a non-extractable private key stays non-extractable, and no script, the add-in's included, can
// read its bytes. It is per browser profile and origin: clearing the site's data (or a new machine,
// another browser) loses the key, and the user then makes and registers a new one (docs/SIGNING.md).
// No runtime imports: test/browser/keyStore.test.ts runs this file as it is in chromium.

export interface StoredKey {
  privateKey: CryptoKey;
  spki: Uint8Array;
  keyId: string;
  created: string;
}

/** The one record the add-in keeps. */
export interface KeyDb {
  get(): Promise<StoredKey | undefined>;
  put(key: StoredKey): Promise<void>;
}

const DB = "sealed-run";
const STORE = "signing-keys";
const SLOT = "default";

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(idbError(r.error, "a key store request failed"));
  });
}

/** The request's own error (a DOMException), or one that says what failed when IndexedDB gave none. */
function idbError(e: DOMException | null, what: string): Error {
  return e ?? new Error(what);
}

/** The IndexedDB-backed store, or null where IndexedDB is missing or refused (some webviews). */
export function indexedDbKeyDb(
  factory: IDBFactory | undefined = globalThis.indexedDB,
): KeyDb | null {
  if (!factory) return null;
  const open = (): Promise<IDBDatabase> =>
    new Promise((resolve, reject) => {
      const r = factory.open(DB, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () =>
        reject(idbError(r.error, "the key store could not be opened"));
      r.onblocked = () =>
        reject(
          new Error(
            "the key store is open in another window of an older version",
          ),
        );
    });
  const withStore = async <T>(
    mode: IDBTransactionMode,
    work: (s: IDBObjectStore) => IDBRequest<T>,
  ): Promise<T> => {
    const db = await open();
    try {
      return await request(
        work(db.transaction(STORE, mode).objectStore(STORE)),
      );
    } finally {
      db.close();
    }
  };
  return {
    get: () =>
      withStore(
        "readonly",
        (s) => s.get(SLOT) as IDBRequest<StoredKey | undefined>,
      ),
    put: async (key) => {
      await withStore("readwrite", (s) => s.put(key, SLOT));
    },
  };
}
