// Shared with the task pane's banner; kept here so the ribbon functions need no React module.
export const NO_EXCEL_MESSAGE_TEXT =
  "Open this add-in in Excel (or run `npm start` for the workbench)";
