// Errors shaped like OfficeExtension.Error (`code`, `message`, `debugInfo`), so adapter code can
// branch on `error.code` exactly as it would in Excel. Messages are the en-US strings Office.js
// ships (node_modules/@microsoft/office-js/dist/en-us/office_strings.js) or the ones listed in
// https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling

export type SimErrorCode =
  | "AccessDenied"
  | "ApiNotFound"
  | "Conflict"
  | "GeneralException"
  | "InsertDeleteConflict"
  | "InvalidArgument"
  | "InvalidObjectPath"
  | "InvalidOperation"
  | "InvalidOperationInCellEditMode"
  | "InvalidReference"
  | "InvalidRequestContext"
  | "InvalidSelection"
  | "ItemAlreadyExists"
  | "ItemNotFound"
  | "NotImplemented"
  | "PropertyNotLoaded"
  | "RangeExceedsLimit"
  | "RequestAborted"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "RunMustReturnPromise"
  | "ValueNotLoaded";

const MESSAGES: Record<SimErrorCode, string> = {
  AccessDenied: "You cannot perform the requested operation.",
  ApiNotFound:
    "The API you are trying to use could not be found. It may be available in a newer version of the Office application.",
  Conflict: "Request could not be processed because of a conflict.",
  GeneralException: "There was an internal error while processing the request.",
  InsertDeleteConflict:
    "The insert or delete operation attempted resulted in a conflict.",
  InvalidArgument:
    "The argument is invalid or missing or has an incorrect format.",
  InvalidObjectPath:
    'The object path isn\'t working for what you\'re trying to do. If you\'re using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object\'s lifetime.',
  InvalidOperation: "The operation attempted is invalid on the object.",
  InvalidOperationInCellEditMode:
    "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
  InvalidReference: "This reference is not valid for the current operation.",
  InvalidRequestContext:
    "Cannot use the object across different request contexts.",
  InvalidSelection: "The current selection is invalid for this operation.",
  ItemAlreadyExists: "The resource being created already exists.",
  ItemNotFound: "The requested resource doesn't exist.",
  NotImplemented: "The requested feature isn't implemented.",
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  RangeExceedsLimit:
    "The cell count in the range has exceeded the maximum supported number.",
  RequestAborted: "The request has been aborted.",
  RequestPayloadSizeLimitExceeded:
    "The request payload size has exceeded the limit.",
  ResponsePayloadSizeLimitExceeded:
    "The response payload size has exceeded the limit.",
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation.',
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
};

export interface SimDebugInfo {
  code: string;
  message: string;
  /** Where the failure happened, e.g. `Range.values` or `WorksheetCollection.getItem`. */
  errorLocation?: string;
}

/** Thrown by the simulator wherever Office.js would reject with an OfficeExtension.Error. */
export class SimError extends Error {
  override readonly name = "RichApi.Error";
  readonly code: SimErrorCode;
  readonly debugInfo: SimDebugInfo;
  readonly traceMessages: string[] = [];
  readonly innerError: null = null;

  constructor(code: SimErrorCode, detail?: string, errorLocation?: string) {
    const base = MESSAGES[code];
    const message = detail ? `${base} ${detail}` : base;
    super(message);
    this.code = code;
    this.debugInfo = {
      code,
      message,
      ...(errorLocation ? { errorLocation } : {}),
    };
  }
}

export function propertyNotLoaded(entity: string, property: string): SimError {
  const err = new SimError(
    "PropertyNotLoaded",
    undefined,
    `${entity}.${property}`,
  );
  const message = MESSAGES.PropertyNotLoaded.replace("{0}", property);
  Object.defineProperty(err, "message", { value: message });
  err.debugInfo.message = message;
  return err;
}

export function isSimError(e: unknown): e is SimError {
  return e instanceof SimError;
}
