// The add-in's ribbon group as the workbench shows it: the manifest's three buttons, calling the
// same command functions Office calls (src/commands/commands.ts) with a stand-in event.
import * as React from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Commands, CommandEvent } from "../commands/commands";

const useStyles = makeStyles({
  ribbon: {
    display: "flex",
    alignItems: "stretch",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  group: {
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    gap: "2px",
  },
  buttons: { display: "flex", gap: tokens.spacingHorizontalXS },
  button: {
    flexDirection: "column",
    height: "auto",
    minWidth: "72px",
    paddingTop: "4px",
    paddingBottom: "4px",
  },
  label: { color: tokens.colorNeutralForeground3 },
  // The icons are dark strokes on transparency: under forced colours (a black canvas) they keep a
  // light backplate of their own, or they would vanish.
  icon: {
    "@media (forced-colors: active)": {
      forcedColorAdjust: "none",
      backgroundColor: "#ffffff",
      borderRadius: "2px",
    },
  },
});

const BUTTONS: {
  id: keyof Commands;
  label: string;
  icon: string;
  tip: string;
}[] = [
  {
    id: "sealRun",
    label: "Seal Run",
    icon: "assets/seal-32.png",
    tip: "Seal the run in the selected row",
  },
  {
    id: "showVerify",
    label: "Verify",
    icon: "assets/verify-32.png",
    tip: "Check a sealed file",
  },
  {
    id: "showSealLog",
    label: "Seal Log",
    icon: "assets/log-32.png",
    tip: "PATCH_LOG and the seals kept in this workbook",
  },
];

export function Ribbon({
  commands,
}: {
  commands: Commands;
}): React.ReactElement {
  const styles = useStyles();
  const [busy, setBusy] = React.useState<keyof Commands | null>(null);

  const press = (id: keyof Commands) => {
    setBusy(id);
    // Office keeps a button busy until the handler calls completed(); the workbench does the same.
    const event: CommandEvent = { completed: () => setBusy(null) };
    void commands[id](event);
  };

  return (
    <div
      className={styles.ribbon}
      role="toolbar"
      aria-label="Home tab, Sealed Run group"
      data-testid="ribbon"
    >
      <div className={styles.group}>
        <div className={styles.buttons}>
          {BUTTONS.map((b) => (
            <Button
              key={b.id}
              appearance="subtle"
              className={styles.button}
              title={b.tip}
              disabledFocusable={busy === b.id}
              icon={
                <img
                  src={b.icon}
                  alt=""
                  width={32}
                  height={32}
                  className={styles.icon}
                />
              }
              onClick={() => press(b.id)}
              data-testid={`ribbon-${b.id}`}
            >
              {b.label}
            </Button>
          ))}
        </div>
        <Text size={100} className={styles.label}>
          Sealed Run
        </Text>
      </div>
    </div>
  );
}
