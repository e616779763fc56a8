// Who is sealing: asked once, remembered on this machine (see actorStore.ts). Sealing, patching
// and repairing the log all need it, so each of those views shows this form.
import * as React from "react";
import { Button, Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Actor } from "../../workflows/api";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "baseline", flexWrap: "wrap" },
});

export interface ActorFormProps {
  actor: Actor | null;
  onChange: (actor: Actor) => void;
}

export function ActorForm({ actor, onChange }: ActorFormProps): React.ReactElement {
  const styles = useStyles();
  const [editing, setEditing] = React.useState(actor === null);
  const [name, setName] = React.useState(actor?.name ?? "");
  const [role, setRole] = React.useState(actor?.role ?? "");
  const [tried, setTried] = React.useState(false);

  React.useEffect(() => {
    if (actor === null) setEditing(true);
  }, [actor]);

  if (actor && !editing) {
    return (
      <div className={styles.row} data-testid="actor-summary">
        <Text>
          Acting as <strong>{actor.name}</strong> ({actor.role})
        </Text>
        <Button
          appearance="subtle"
          size="small"
          onClick={() => {
            setName(actor.name);
            setRole(actor.role);
            setEditing(true);
          }}
        >
          Change who is sealing
        </Button>
      </div>
    );
  }

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!name.trim() || !role.trim()) return;
    onChange({ name: name.trim(), role: role.trim() });
    setEditing(false);
    setTried(false);
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Who is sealing" data-testid="actor-form" noValidate>
      <Text>Who are you? Your name and role are written into every seal and log entry; they are remembered on this computer.</Text>
      <Field label="Your name" required validationMessage={tried && !name.trim() ? "Give your name as GOVERNANCE lists it." : undefined}>
        <Input value={name} onChange={(_, d) => setName(d.value)} data-testid="actor-name" />
      </Field>
      <Field label="Your role" required validationMessage={tried && !role.trim() ? "Give your role (for example triage-lead)." : undefined}>
        <Input value={role} onChange={(_, d) => setRole(d.value)} data-testid="actor-role" />
      </Field>
      <div className={styles.row}>
        <Button type="submit" appearance="primary" data-testid="actor-save">
          Remember me
        </Button>
        {actor && (
          <Button type="button" onClick={() => setEditing(false)}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
