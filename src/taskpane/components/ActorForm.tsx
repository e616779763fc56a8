// Who is sealing: asked once, remembered on this machine (see actorStore.ts). Sealing, patching
// and repairing the log all need it, so each of those views shows this form.
import * as React from "react";
import {
  Button,
  Field,
  Input,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Actor } from "../../workflows/api";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
  },
  row: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    alignItems: "baseline",
    flexWrap: "wrap",
  },
});

export interface ActorFormProps {
  actor: Actor | null;
  onChange: (actor: Actor) => void;
}

export function ActorForm({
  actor,
  onChange,
}: ActorFormProps): React.ReactElement {
  const styles = useStyles();
  const [editing, setEditing] = React.useState(actor === null);
  const [name, setName] = React.useState(actor?.name ?? "");
  const [role, setRole] = React.useState(actor?.role ?? "");
  const [tried, setTried] = React.useState(false);
  // Where focus goes when the form and the summary swap, so it never falls to the page.
  const focusNext = React.useRef<"summary" | "form" | null>(null);
  const changeButton = React.useRef<HTMLButtonElement>(null);
  const nameInput = React.useRef<HTMLInputElement>(null);
  const summaryId = React.useId();

  // Forgetting who is sealing opens the form again.
  const [seenActor, setSeenActor] = React.useState(actor);
  if (actor !== seenActor) {
    setSeenActor(actor);
    if (actor === null) setEditing(true);
  }

  React.useEffect(() => {
    if (focusNext.current === "summary") changeButton.current?.focus();
    if (focusNext.current === "form") nameInput.current?.focus();
    focusNext.current = null;
  }, [editing]);

  if (actor && !editing) {
    return (
      <div className={styles.row} data-testid="actor-summary">
        <Text id={summaryId}>
          Acting as <strong>{actor.name}</strong> ({actor.role})
        </Text>
        <Button
          appearance="subtle"
          size="small"
          ref={changeButton}
          aria-describedby={summaryId}
          data-testid="actor-change"
          onClick={() => {
            setName(actor.name);
            setRole(actor.role);
            focusNext.current = "form";
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
    focusNext.current = "summary";
    setEditing(false);
    setTried(false);
  };

  return (
    <form
      className={styles.form}
      onSubmit={submit}
      aria-label="Who is sealing"
      data-testid="actor-form"
      noValidate
    >
      <Text>
        Who are you? Your name and role are written into every seal and log
        entry; they are remembered on this computer.
      </Text>
      <Field
        label="Your name"
        required
        validationMessage={
          tried && !name.trim()
            ? "Give your name as GOVERNANCE lists it."
            : undefined
        }
      >
        <Input
          ref={nameInput}
          value={name}
          onChange={(_, d) => setName(d.value)}
          data-testid="actor-name"
        />
      </Field>
      <Field
        label="Your role"
        required
        validationMessage={
          tried && !role.trim()
            ? "Give your role (for example triage-lead)."
            : undefined
        }
      >
        <Input
          value={role}
          onChange={(_, d) => setRole(d.value)}
          data-testid="actor-role"
        />
      </Field>
      <div className={styles.row}>
        <Button type="submit" appearance="primary" data-testid="actor-save">
          Remember me
        </Button>
        {actor && (
          <Button
            type="button"
            onClick={() => {
              focusNext.current = "summary";
              setEditing(false);
            }}
          >
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
