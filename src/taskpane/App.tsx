// The task pane: four views over one WorkbookApi (null outside Excel, where only Verify works).
// Views stay mounted once opened, so a result is still there after a look at another tab. Verify,
// Patch and Seal Log load on first use to keep the first paint small.
import * as React from "react";
import {
  FluentProvider,
  Spinner,
  makeStyles,
  tokens,
  type Theme,
} from "@fluentui/react-components";
import { Notice } from "./components/Notice";
import type { Actor, WorkbookApi } from "../workflows/api";
import type { SealedRun } from "../core";
import { loadActor, saveActor } from "./actorStore";
import {
  taskpaneBus,
  type BusMessage,
  type TaskpaneBus,
  type View,
} from "./bus";
import { AnnouncerProvider } from "./components/Announcer";
import { Tabs } from "./components/Tabs";
import { useSchemeTheme } from "./theme";
import { SealView } from "./views/SealView";

const VerifyView = React.lazy(() =>
  import(/* webpackChunkName: "verify" */ "./views/VerifyView").then((m) => ({
    default: m.VerifyView,
  })),
);
const PatchView = React.lazy(() =>
  import(/* webpackChunkName: "patch" */ "./views/PatchView").then((m) => ({
    default: m.PatchView,
  })),
);
const LogView = React.lazy(() =>
  import(/* webpackChunkName: "log" */ "./views/LogView").then((m) => ({
    default: m.LogView,
  })),
);

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS}`,
    minWidth: 0,
    overflowWrap: "anywhere",
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  panel: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
  },
  outside: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteYellowBorder2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  outsideHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  outsideText: { margin: 0 },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
});

const TABS: { view: View; label: string }[] = [
  { view: "seal", label: "Seal" },
  { view: "verify", label: "Verify" },
  { view: "patch", label: "Patch" },
  { view: "log", label: "Seal Log" },
];

/** What the page says when opened outside Excel: what it is and how to open it there, for a person, not a developer. */
export const OUTSIDE_EXCEL =
  "Sealed Run is an Excel add-in: it seals rows of an LLM triage workbook into files anyone can verify, and keeps the workbook's log honest. This page is its task pane, opened outside Excel, so it cannot reach a workbook. To use it, open the workbook in Excel and choose Home → Add-ins → Sealed Run (if it is not listed, ask whoever manages your Office add-ins to deploy it).";

export interface AppProps {
  api: WorkbookApi | null;
  /** The shared runtime's bus (ribbon commands → task pane); tests pass their own. */
  bus?: TaskpaneBus;
  theme?: Theme;
  initialView?: View;
  /**
   * Inside a page that has its own main landmark and h1 (the workbench), the pane is a region with
   * an h2; on its own (Excel's task pane) it is the page's main content under an h1.
   */
  embedded?: boolean;
}

export function App({
  api,
  bus = taskpaneBus,
  theme: given,
  initialView,
  embedded = false,
}: AppProps): React.ReactElement {
  const styles = useStyles();
  const followed = useSchemeTheme();
  const theme = given ?? followed;
  const Root = embedded ? "section" : "main";
  const Heading = embedded ? "h2" : "h1";
  const [command, setCommand] = React.useState<BusMessage | null>(() =>
    bus.latest(),
  );
  const [view, setView] = React.useState<View>(
    () => bus.latest()?.view ?? initialView ?? (api ? "seal" : "verify"),
  );
  const [opened, setOpened] = React.useState<Set<View>>(() => new Set([view]));
  const [actor, setActor] = React.useState<Actor | null>(() => loadActor());
  const [verified, setVerified] = React.useState<{
    document: SealedRun;
    name: string;
  } | null>(null);

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
    if (v === "verify")
      return (
        <VerifyView
          api={api}
          onDocument={setVerified}
          onPatch={() => show("patch")}
        />
      );
    if (!api) {
      return (
        <Notice intent="info">
          <div>
            {v === "seal"
              ? "Sealing"
              : v === "patch"
                ? "Recording a patch"
                : "The seal log"}{" "}
            needs the workbook: open Sealed Run from Excel. Verify works here.
          </div>
        </Notice>
      );
    }
    if (v === "seal")
      return (
        <SealView
          api={api}
          actor={actor}
          onActorChange={changeActor}
          command={command}
        />
      );
    if (v === "patch")
      return (
        <PatchView
          api={api}
          actor={actor}
          onActorChange={changeActor}
          verified={verified}
        />
      );
    return <LogView api={api} actor={actor} onActorChange={changeActor} />;
  };

  return (
    <FluentProvider theme={theme}>
      <AnnouncerProvider>
        <Root
          className={styles.root}
          aria-labelledby={embedded ? "sealed-run-title" : undefined}
        >
          <Heading id="sealed-run-title" className={styles.title}>
            Sealed Run
          </Heading>
          {!api && (
            <section
              className={styles.outside}
              aria-labelledby="no-excel-heading"
              data-testid="no-excel"
            >
              <h2 id="no-excel-heading" className={styles.outsideHeading}>
                Open Sealed Run in Excel
              </h2>
              <p className={styles.outsideText}>{OUTSIDE_EXCEL}</p>
              <p className={styles.outsideText}>
                Without Excel you can still check a sealed file: Verify, below,
                needs nothing but the file.
              </p>
            </section>
          )}
          <Tabs
            tabs={TABS.map((t) => ({
              value: t.view,
              label: t.label,
              id: `tab-${t.view}`,
              controls: opened.has(t.view) ? `panel-${t.view}` : undefined,
              testId: `tab-${t.view}`,
            }))}
            selected={view}
            onSelect={show}
            label="Sealed Run views"
          />
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
              <React.Suspense
                fallback={<Spinner size="small" label="Loading…" />}
              >
                {panel(t.view)}
              </React.Suspense>
            </div>
          ))}
        </Root>
      </AnnouncerProvider>
    </FluentProvider>
  );
}
