// Under a sealed result: this browser's signing key (made on first use, kept non-extractable in
// IndexedDB), the "I am <actor> and this is my key" step (a pending row of the workbook's
// ActorKeysTable for the governance owner to approve, or the entry copied), and the signature of
// this seal, kept in the workbook beside the seal and offered as `<file>.intoto.json`
// (docs/SIGNING.md).
import * as React from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { type SealedRun } from "../../core";
import type { WorkbookApi } from "../../workflows/api";
import { RegisterKey } from "./RegisterKey";
import { envelopeFileName, signSeal } from "../../core/sign";
import { copyText } from "../fileOut";
import { FileOut } from "../components/FileOut";
import { useAnnounce } from "../components/Announcer";
import { indexedDbKeyDb, type KeyDb, type StoredKey } from "./indexedDbKeyDb";
import { keyListEntry, loadOrCreateSigningKey } from "./keyStore";

const useStyles = makeStyles({
  box: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
  note: { color: tokens.colorNeutralForeground3 },
});

export interface SignaturePanelProps {
  document: SealedRun;
  fileName: string;
  /** For tests; the browser's IndexedDB otherwise. */
  keyDb?: KeyDb | null;
  /** The workbook: keeps the envelope beside the seal and takes the key's registration. */
  api?: WorkbookApi | null;
}

export function SignaturePanel({
  document: doc,
  fileName,
  keyDb,
  api = null,
}: SignaturePanelProps): React.ReactElement {
  const styles = useStyles();
  const announce = useAnnounce();
  const [key, setKey] = React.useState<StoredKey | null>(null);
  const [envelope, setEnvelope] = React.useState<string | null>(null);
  const [problem, setProblem] = React.useState("");
  const [kept, setKept] = React.useState("");
  const db = React.useMemo(
    () => (keyDb === undefined ? indexedDbKeyDb() : keyDb),
    [keyDb],
  );

  // A key this browser already holds is shown at once (never made before Sign is pressed), so the
  // actor can register it before signing anything.
  React.useEffect(() => {
    let live = true;
    db?.get().then(
      (k) => {
        if (live && k?.privateKey && k.spki && k.keyId)
          setKey((had) => had ?? k);
      },
      () => undefined, // an unreadable store is said when Sign is pressed
    );
    return () => {
      live = false;
    };
  }, [db]);

  const sign = async () => {
    setProblem("");
    try {
      if (!db)
        throw new Error(
          "this browser keeps no key store (IndexedDB is unavailable); sign from the command line",
        );
      const k = key ?? (await loadOrCreateSigningKey(db));
      setKey(k);
      const text = await signSeal(doc, fileName, {
        privateKey: k.privateKey,
        spki: k.spki,
      });
      setEnvelope(text);
      announce(`Signed ${fileName} with key ${k.keyId.slice(0, 12)}.`);
      // Kept beside the seal in the workbook, so that Verify finds it; a failure here leaves the
      // download, and says so.
      if (api) {
        try {
          const r = await api.keepSignature(doc, fileName, text);
          setKept(
            r.kind === "kept"
              ? "The signature is kept in this workbook beside the seal."
              : "This workbook already keeps a signature of this seal by this key.",
          );
        } catch (e) {
          setKept(
            `The signature was not kept in the workbook (${(e as Error).message}); keep the downloaded file with the seal.`,
          );
        }
      }
    } catch (e) {
      setProblem(`Could not sign: ${(e as Error).message}`);
    }
  };

  return (
    <div className={styles.box} data-testid="signature-panel">
      {!envelope && (
        <Button data-testid="sign-seal" onClick={() => void sign()}>
          Sign as {doc.authority_envelope.actor}
        </Button>
      )}
      {problem && <Text role="alert">{problem}</Text>}
      {key && (
        <>
          <Text>
            Signing key{" "}
            <span className={styles.mono} data-testid="signing-key-id">
              {key.keyId}
            </span>
            , kept in this browser and never readable.
          </Text>
          <Button
            appearance="subtle"
            data-testid="copy-key-entry"
            onClick={() =>
              void copyText(
                keyListEntry(doc.authority_envelope.actor, key),
              ).then(() =>
                announce("Key entry copied: send it to the governance owner."),
              )
            }
          >
            Copy “I am {doc.authority_envelope.actor} and this is my key” for
            the governance owner
          </Button>
          {api && (
            <RegisterKey
              api={api}
              actor={doc.authority_envelope.actor}
              spki={key.spki}
            />
          )}
        </>
      )}
      {kept && (
        <Text role="status" data-testid="signature-kept">
          {kept}
        </Text>
      )}
      {envelope && key && (
        <>
          <Text className={styles.note}>
            Keep the signature beside the sealed file: an auditor checks it with
            the key you registered.
          </Text>
          <FileOut
            fileName={envelopeFileName(fileName)}
            text={envelope}
            hash={key.keyId}
          />
        </>
      )}
    </div>
  );
}
