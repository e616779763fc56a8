// The line that says who signed a seal, for the Verify and Patch views: loaded with its first use,
// like signing, not with the pane.
import * as React from "react";
import type { SignedByLineProps } from "./SignedByLine";

const SignedByLine = React.lazy(() =>
  import("./SignedByLine").then((m) => ({ default: m.SignedByLine })),
);

export function LazySignedByLine(props: SignedByLineProps): React.ReactElement {
  return (
    <React.Suspense fallback={null}>
      <SignedByLine {...props} />
    </React.Suspense>
  );
}
