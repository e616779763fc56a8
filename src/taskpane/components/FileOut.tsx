// The ways out for one sealed file: download, copy, open the add-in's page in a browser. Which
// one works depends on the Excel the user runs, so all are offered with a line on where each works.
import * as React from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import {
  canOpenBrowserWindow,
  copyText,
  downloadText,
  isMacExcel,
  openInBrowser,
} from "../fileOut";
import { useAnnounce } from "./Announcer";

const useStyles = makeStyles({
  box: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
  },
  buttons: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
  note: { color: tokens.colorNeutralForeground3 },
});

export interface FileOutProps {
  fileName: string;
  text: string;
  hash: string;
  /** Whether to say here where Download works; a list of results says it once, above the files. */
  note?: boolean;
}

/** Where each way out works, said once per screen. */
export function downloadNote(fileName?: string): string {
  return `Download works in Excel on the web and on Windows; in Excel on Mac it does nothing, so use Copy JSON and save the text ${fileName ? `as ${fileName}` : "under the file's name"}. Seals are also kept in the workbook: Seal Log → Export again offers them later.`;
}

export function FileOut({
  fileName,
  text,
  hash,
  note = true,
}: FileOutProps): React.ReactElement {
  const styles = useStyles();
  const announce = useAnnounce();
  const [status, setStatus] = React.useState("");
  const mac = isMacExcel();
  const browser = canOpenBrowserWindow();

  const say = (s: string) => {
    setStatus(s);
    announce(s);
  };

  // Never rejects: a failure is said, as a success is.
  const copy = async () => {
    try {
      await copyText(text);
      say(
        `Copied the text of ${fileName}: paste it into a plain-text editor and save it as ${fileName}.`,
      );
    } catch (e) {
      say(`Copy failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <div className={styles.box} data-testid="file-out">
      <div
        className={styles.buttons}
        role="group"
        aria-label={`Get ${fileName}`}
      >
        <Button
          appearance="primary"
          data-testid="download-file"
          onClick={() => {
            try {
              downloadText(fileName, text);
              say(
                mac
                  ? `Excel on Mac does not download from add-ins: use Copy JSON instead.`
                  : `Download of ${fileName} started.`,
              );
            } catch (e) {
              say(
                `Download failed: ${e instanceof Error ? e.message : String(e)}`,
              );
            }
          }}
        >
          Download
        </Button>
        <Button data-testid="copy-file" onClick={() => void copy()}>
          Copy JSON
        </Button>
        {browser && (
          <Button
            data-testid="open-browser"
            onClick={() => {
              try {
                openInBrowser({ fileName, hash, text });
                say(`Opened the help page for ${fileName} in your browser.`);
              } catch (e) {
                say(
                  `Could not open the browser: ${e instanceof Error ? e.message : String(e)}`,
                );
              }
            }}
          >
            Open in browser
          </Button>
        )}
      </div>
      {note && (
        <Text size={200} className={styles.note}>
          {downloadNote(fileName)}
        </Text>
      )}
      {status && (
        <Text size={200} data-testid="file-out-status">
          {status}
        </Text>
      )}
    </div>
  );
}
