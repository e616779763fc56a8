// The task pane: four views over one WorkbookApi (null outside Excel, where only Verify works).
// Views stay mounted once opened, so a result is still there after a look at another tab. Verify,
// Patch and Seal Log load on first use to keep the first paint small.
import * as React from "react";
import { FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Tab, TabList, makeStyles, tokens, webLightTheme, type Theme } from "@fluentui/react-components";
import type { Actor, WorkbookApi } from "../workflows/api";
import type { SealedRun } from "../core";
import { NO_EXCEL_MESSAGE_TEXT } from "../commands/messages";
import { loadActor, saveActor } from "./actorStore";
import { taskpaneBus, type BusMessage, type TaskpaneBus, type View } from "./bus";
import { AnnouncerProvider } from "./components/Announcer";
import { SealView } from "./views/SealView";

const VerifyView = React.lazy(() => import(/* webpackChunkName: "verify" */ "./views/VerifyView").then((m) => ({ default: m.VerifyView })));
const PatchView = React.lazy(() => import(/* webpackChunkName: "patch" */ "./views/PatchView").then((m) => ({ default: m.PatchView })));
const LogView = React.lazy(() => import(/* webpackChunkName: "log" */ "./views/LogView").then((m) => ({ default: m.LogView })));

const useStyles = makeStyles({
  root: { minHeight: "100vh", boxSizing: "border-box", padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

const TABS: { view: View; label: string }[] = [
  { view: "seal", label: "Seal" },
  { view: "verify", label: "Verify" },
  { view: "patch", label: "Patch" },
  { view: "log", label: "Seal Log" },
];

export const NO_EXCEL_MESSAGE = NO_EXCEL_MESSAGE_TEXT;

export interface AppProps {
  api: WorkbookApi | null;
  /** The shared runtime's bus (ribbon commands → task pane); tests pass their own. */
  bus?: TaskpaneBus;
  theme?: Theme;
  initialView?: View;
}

export function App({ api, bus = taskpaneBus, theme = webLightTheme, initialView }: AppProps): React.ReactElement {
  const styles = useStyles();
  const [command, setCommand] = React.useState<BusMessage | null>(() => bus.latest());
  const [view, setView] = React.useState<View>(() => bus.latest()?.view ?? initialView ?? (api ? "seal" : "verify"));
  const [opened, setOpened] = React.useState<Set<View>>(() => new Set([view]));
  const [actor, setActor] = React.useState<Actor | null>(() => loadActor());
  const [verified, setVerified] = React.useState<{ document: SealedRun; name: string } | null>(null);

  const show = React.useCallback((v: View) => {
    setView(v);
    setOpened((prev) => (prev.has(v) ? prev : new Set(prev).add(v)));
  }, []);

  React.useEffect(
    () =>
      bus.subscribe((m) => {
        setCommand(m);
        show(m.view);
      }),
    [bus, show],
  );

  const changeActor = React.useCallback((a: Actor) => {
    saveActor(a);
    setActor(a);
  }, []);

  const panel = (v: View): React.ReactNode => {
    if (v === "verify") return <VerifyView api={api} onDocument={setVerified} onPatch={() => show("patch")} />;
    if (!api) {
      return (
        <MessageBar layout="multiline" intent="info">
          <MessageBarBody>
            {v === "seal" ? "Sealing" : v === "patch" ? "Recording a patch" : "The seal log"} needs the workbook. {NO_EXCEL_MESSAGE}; Verify works here.
          </MessageBarBody>
        </MessageBar>
      );
    }
    if (v === "seal") return <SealView api={api} actor={actor} onActorChange={changeActor} command={command} />;
    if (v === "patch") return <PatchView api={api} actor={actor} onActorChange={changeActor} verified={verified} />;
    return <LogView api={api} actor={actor} onActorChange={changeActor} />;
  };

  return (
    <FluentProvider theme={theme}>
      <AnnouncerProvider>
        <main className={styles.root}>
          {!api && (
            <MessageBar intent="warning" data-testid="no-excel" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Not connected to a workbook</MessageBarTitle>
                {NO_EXCEL_MESSAGE}. You can still verify a sealed file here.
              </MessageBarBody>
            </MessageBar>
          )}
          <TabList selectedValue={view} onTabSelect={(_, d) => show(d.value as View)} aria-label="Sealed Run views">
            {TABS.map((t) => (
              <Tab key={t.view} value={t.view} id={`tab-${t.view}`} aria-controls={`panel-${t.view}`} data-testid={`tab-${t.view}`}>
                {t.label}
              </Tab>
            ))}
          </TabList>
          {TABS.filter((t) => opened.has(t.view)).map((t) => (
            <div
              key={t.view}
              id={`panel-${t.view}`}
              role="tabpanel"
              aria-labelledby={`tab-${t.view}`}
              hidden={t.view !== view}
              className={styles.panel}
              style={t.view !== view ? { display: "none" } : undefined}
              data-testid={`panel-${t.view}`}
            >
              <React.Suspense fallback={<Spinner size="small" label="Loading…" />}>{panel(t.view)}</React.Suspense>
            </div>
          ))}
        </main>
      </AnnouncerProvider>
    </FluentProvider>
  );
}
