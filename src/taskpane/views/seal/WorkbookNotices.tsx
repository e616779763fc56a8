// What the Seal view shows instead of, or above, the run list when the workbook is not ready: it
// could not be read, it has no LLMOutputTable, or GOVERNANCE and PROMPTS are missing.
import * as React from "react";
import { Button } from "@fluentui/react-components";
import { Notice, NoticeActions, NoticeTitle } from "../../components/Notice";

export function InspectError({
  message,
  onRetry,
}: {
  message: string;
  onRetry: () => void;
}): React.ReactElement {
  return (
    <Notice intent="error" data-testid="inspect-error">
      <div>{message}</div>
      <NoticeActions>
        <Button onClick={onRetry}>Try again</Button>
      </NoticeActions>
    </Notice>
  );
}

export function NoRunTable({
  onCheck,
}: {
  onCheck: () => void;
}): React.ReactElement {
  return (
    <Notice intent="warning" data-testid="no-run-table">
      <div>
        <NoticeTitle>No runs to seal in this workbook</NoticeTitle>
        Sealed Run seals rows of a table named LLMOutputTable on a sheet named
        LLM_OUTPUT, and this workbook has none. Create it (Insert → Table, then
        Table Design → Table Name) with the columns RunID, SessionDate,
        Operator, Model, TopRisks, TopActions, SummaryConfidence_pct and
        NextReviewDate (SuggestedUpdates is optional), then check again.
      </div>
      <NoticeActions>
        <Button onClick={onCheck}>Check again</Button>
      </NoticeActions>
    </Notice>
  );
}

export interface GovernanceMissingProps {
  /** "GOVERNANCE", "PROMPTS" or both. */
  missing: string[];
  busy: boolean;
  error?: string;
  onCreate: () => void;
}

export function GovernanceMissing({
  missing,
  busy,
  error,
  onCreate,
}: GovernanceMissingProps): React.ReactElement {
  const names = missing.join(" and ");
  return (
    <Notice intent="warning" data-testid="no-governance">
      <div>
        <NoticeTitle>{names} missing</NoticeTitle>A seal records the policy
        version and baseline from GOVERNANCE and the prompts from PROMPTS;
        without them every seal is refused (policy_snapshot_complete). Create
        them from a template, then fill in your policy and prompts.
        {error && <div role="alert">{error}</div>}
      </div>
      <NoticeActions>
        <Button
          data-testid="create-governance"
          disabled={busy}
          onClick={onCreate}
        >
          {busy ? "Creating…" : `Create ${names} from a template`}
        </Button>
      </NoticeActions>
    </Notice>
  );
}
