// What a signature says: an in-toto Statement v1 whose subject is the sealed file — its name and
// the SHA-256 of its canonical bytes, i.e. the hex of its `hash` — and whose predicate names who
// sealed it under which policy after which log entry. docs/SIGNING.md describes it byte by byte.
import type { SealedRun } from "../types";

export const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
// A URN like the schemas' $id: the predicate is defined by docs/SIGNING.md, not at an address.
export const PREDICATE_TYPE = "urn:sealed-run:predicate:seal:v1";
export const PAYLOAD_TYPE = "application/vnd.in-toto+json";

export interface SealPredicate {
  run_id: string;
  actor: string;
  role: string;
  policy_version: string;
  policy_hash: string;
  patch_log_head: string;
  seal_hash: string;
  export_timestamp: string;
}

export interface SealStatement {
  _type: typeof STATEMENT_TYPE;
  subject: { name: string; digest: { sha256: string } }[];
  predicateType: typeof PREDICATE_TYPE;
  predicate: SealPredicate;
}

export function sealStatement(doc: SealedRun, fileName: string): SealStatement {
  const env = doc.authority_envelope;
  return {
    _type: STATEMENT_TYPE,
    subject: [
      { name: fileName, digest: { sha256: doc.hash.replace(/^sha256:/, "") } },
    ],
    predicateType: PREDICATE_TYPE,
    predicate: {
      run_id: doc.meta.run_id,
      actor: env.actor,
      role: env.role,
      policy_version: env.policy_snapshot.policy_version,
      policy_hash: env.policy_snapshot.policy_hash,
      patch_log_head: doc.reconstruction.patch_log_head,
      seal_hash: doc.hash,
      export_timestamp: doc.meta.export_timestamp,
    },
  };
}
