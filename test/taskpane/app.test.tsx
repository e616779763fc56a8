/** @jest-environment jsdom */
// The shell: outside Excel only Verify works and says so; ribbon commands switch the view.
import "@testing-library/jest-dom";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { fakeApi, installDomPolyfills, renderApp } from "./helpers";

beforeAll(installDomPolyfills);
beforeEach(() => localStorage.clear());

test("outside Excel: says to open it in Excel, opens on Verify, and Seal explains it needs the workbook", async () => {
  renderApp({ api: null });
  expect(
    screen.getByRole("heading", { name: "Open Sealed Run in Excel" }),
  ).toBeInTheDocument();
  expect(screen.getByTestId("no-excel")).toHaveTextContent(
    "open the workbook in Excel and choose Home → Add-ins → Sealed Run",
  );
  expect(screen.getByTestId("no-excel")).not.toHaveTextContent("npm");
  expect(await screen.findByTestId("verify-file-input")).toBeInTheDocument();
  fireEvent.click(screen.getByRole("tab", { name: "Seal" }));
  expect(
    within(screen.getByTestId("panel-seal")).getByText(
      /Sealing needs the workbook/,
    ),
  ).toBeInTheDocument();
  expect(screen.queryByTestId("seal-button")).not.toBeInTheDocument();
});

test("in Excel: opens on Seal; a ribbon command on the bus switches to its view", async () => {
  const api = fakeApi();
  const { bus } = renderApp({ api });
  expect(await screen.findByTestId("seal-button")).toBeInTheDocument();
  expect(screen.queryByTestId("no-excel")).not.toBeInTheDocument();
  act(() => bus.publish({ view: "log" }));
  expect(await screen.findByTestId("chain-status")).toHaveTextContent(
    "Chain intact",
  );
  expect(screen.getByRole("tab", { name: "Seal Log" })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  act(() => bus.publish({ view: "verify" }));
  expect(await screen.findByTestId("verify-file-input")).toBeVisible();
});
