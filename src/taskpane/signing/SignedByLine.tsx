// Under a verified file in the Verify view: who signed this seal, by the envelope this workbook
// keeps beside it, and whether the workbook's ActorKeysTable lists that key for that actor — with
// what such a listing is worth (docs/SIGNING.md). Loaded with its first use, like signing.
import * as React from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { SealedRun } from "../../core";
import type { KeptSignatureCheck, WorkbookApi } from "../../workflows/api";

const useStyles = makeStyles({
  box: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere" },
  note: { color: tokens.colorNeutralForeground3 },
});

const MARK: Record<
  NonNullable<KeptSignatureCheck["verdict"]>["status"],
  string
> = {
  trusted: "✓",
  unlisted: "–",
  unchecked: "–",
  untrusted: "✗",
  invalid: "✗",
  malformed: "✗",
};

export interface SignedByLineProps {
  api: WorkbookApi;
  document: SealedRun;
}

export function SignedByLine({
  api,
  document: doc,
}: SignedByLineProps): React.ReactElement | null {
  const styles = useStyles();
  const [check, setCheck] = React.useState<
    KeptSignatureCheck | { error: string } | null
  >(null);
  React.useEffect(() => {
    let live = true;
    setCheck(null);
    api.checkKeptSignature(doc).then(
      (c) => live && setCheck(c),
      (e: Error) => live && setCheck({ error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [api, doc]);
  if (!check) return null;
  if ("error" in check)
    return (
      <Text data-testid="signed-by" role="status">
        Signature: could not be checked ({check.error})
      </Text>
    );
  const v = check.verdict;
  return (
    <section
      className={styles.box}
      aria-label="Signature"
      data-testid="signed-by"
    >
      <Text>
        {v ? `${MARK[v.status]} ` : ""}Signature:{" "}
        <span className={styles.mono}>{check.line}</span>
      </Text>
      {check.notes.map((n, i) => (
        <Text key={i} size={200} className={styles.note}>
          {n}
        </Text>
      ))}
      {v && (
        <Text size={200} className={styles.note} data-testid="signed-by-caveat">
          The workbook&apos;s key list is written by whoever can edit the
          workbook. An auditor checks the signature against keys received from
          the signer outside it (sealed-run verify --trusted-keys).
        </Text>
      )}
    </section>
  );
}
