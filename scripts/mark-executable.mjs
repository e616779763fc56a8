// npm links the bin on install; a fresh build also needs the executable bit on the entry file.
import { chmodSync } from "node:fs";
chmodSync(new URL("../build/cli/cli/main.js", import.meta.url), 0o755);
