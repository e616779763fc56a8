// Patch: correct a sealed run's conclusions without touching the sealed file (CONTRACT §6). Only
// seals that verify are offered: those kept in the workbook (verified again when read) and the
// file checked in Verify when its content matched its hash. The old value shown is the one the
// log will record, read from the same document the patch names. The state lives in usePatchView;
// this file lays out its parts.
import * as React from "react";
import {
  Button,
  MessageBar,
  MessageBarBody,
  Text,
} from "@fluentui/react-components";
import type { Actor, WorkbookApi } from "../../workflows/api";
import { ActorForm } from "../components/ActorForm";
import { usePatchView, type PatchProblems } from "../hooks/usePatchView";
import type { VerifiedDocument } from "../hooks/useVerifyView";
import { CorrectionFields } from "./patch/CorrectionFields";
import { PatchResult } from "./patch/PatchResult";
import { SealChoice } from "./patch/SealChoice";
import { usePatchStyles } from "./patch/styles";
import { LazySignedByLine } from "../signing/LazySignedByLine";

export interface PatchViewProps {
  api: WorkbookApi;
  actor: Actor | null;
  onActorChange: (actor: Actor) => void;
  /** The file checked in Verify, only when its content matched its hash. */
  verified: VerifiedDocument | null;
}

export function PatchView({
  api,
  actor,
  onActorChange,
  verified,
}: PatchViewProps): React.ReactElement {
  const styles = usePatchStyles();
  const m = usePatchView(api, actor, verified);
  const show = (k: keyof PatchProblems) =>
    m.tried && m.problems[k] ? m.problems[k] : undefined;
  const labelOf = (path: string) =>
    m.fields.find((f) => f.path === path)?.label ?? path;

  return (
    <div className={styles.view}>
      {m.result && <PatchResult result={m.result} labelOf={labelOf} />}
      <Text>
        A patch corrects a sealed run&apos;s conclusions. The sealed file is
        never changed: the correction is logged in PATCH_LOG, naming the seal it
        corrects.
      </Text>
      <ActorForm actor={actor} onChange={onActorChange} />
      <form
        className={styles.view}
        onSubmit={(e) => void m.submit(e)}
        aria-label="Record a patch"
        noValidate
      >
        <SealChoice {...m} verified={verified} validation={show("target")} />
        {m.signable && <LazySignedByLine api={api} document={m.signable} />}
        {m.target && <CorrectionFields {...m} target={m.target} show={show} />}

        <div>
          <Button
            type="submit"
            appearance="primary"
            disabledFocusable={m.busy || !actor}
            data-testid="patch-submit"
          >
            {m.busy ? "Recording…" : "Record patch"}
          </Button>
        </div>

        {m.error && (
          <MessageBar
            layout="multiline"
            intent="error"
            data-testid="patch-error"
          >
            <MessageBarBody>{m.error}</MessageBarBody>
          </MessageBar>
        )}
      </form>
    </div>
  );
}
