// A verify worker thread (see verifyPool): verifies the files of each chunk it is sent, in order.
import { parentPort } from "node:worker_threads";
import { installSha256 } from "../core/hash";
import { nodeSha256 } from "./digest";
import { verifyFile, type FileVerdict } from "./verifyPool";

installSha256(nodeSha256);

async function answer(m: {
  start: number;
  files: (string | null)[];
}): Promise<void> {
  const verdicts: FileVerdict[] = [];
  for (const f of m.files)
    verdicts.push(
      f === null ? { status: "unreadable", reason: "" } : await verifyFile(f),
    );
  parentPort!.postMessage({ start: m.start, verdicts });
}

// A failure is left unhandled, as before: it ends this worker, and verifyPool reports the exit.
parentPort!.on(
  "message",
  (m: { start: number; files: (string | null)[] }) => void answer(m),
);
