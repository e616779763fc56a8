// One polite live region for the whole task pane: results (sealed, refused, verified, logged) are
// announced once each, without moving focus.
import * as React from "react";

type Announce = (text: string) => void;
const AnnounceContext = React.createContext<Announce>(() => undefined);

export function useAnnounce(): Announce {
  return React.useContext(AnnounceContext);
}

const hidden: React.CSSProperties = {
  position: "absolute",
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
  border: 0,
};

export function AnnouncerProvider({
  children,
}: {
  children: React.ReactNode;
}): React.ReactElement {
  const [text, setText] = React.useState("");
  const announce = React.useCallback<Announce>((t) => {
    // Clearing first makes a repeated message ("Sealed RUN-001" twice) announced again.
    setText("");
    setTimeout(() => setText(t), 50);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div
        aria-live="polite"
        role="status"
        data-testid="announcer"
        style={hidden}
      >
        {text}
      </div>
    </AnnounceContext.Provider>
  );
}
