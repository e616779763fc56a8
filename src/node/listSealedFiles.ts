// The sealed files under a folder, as `verify DIR` and `log --seals DIR` take them: every *.json
// at any depth, not hidden (no name part starting with "."), signature envelopes (*.intoto.json)
// left out, links followed, sorted by relative path. This is what fast-glob's
// `**/*.json` (dot: false, onlyFiles, ignore **/*.intoto.json) lists, written out because loading
// fast-glob and its matchers took longer than listing 10,000 files (issue 13); glob arguments still
// go to fast-glob. test/node/listSealedFiles.test.ts compares the two on a folder of odd entries.
import { readdirSync, statSync, type Dirent } from "node:fs";
import path from "node:path";

/** Relative paths ("/"-separated) of the sealed files under `dir`, sorted. */
export function listSealedFiles(dir: string): string[] {
  const found: string[] = [];
  // Folders on the way down, by device and inode: a link back up is not followed twice.
  const walk = (abs: string, rel: string, ancestors: Set<string>) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      // A folder that vanished or cannot be read lists nothing, as fast-glob skips it.
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EACCES" || code === "ENOTDIR") return;
      throw e;
    }
    for (const d of entries) {
      const name = d.name;
      if (name.charCodeAt(0) === 0x2e) continue; // hidden
      const relPath = rel ? rel + "/" + name : name;
      let isFile = d.isFile();
      let isDir = d.isDirectory();
      if (d.isSymbolicLink()) {
        try {
          const st = statSync(path.join(abs, name));
          isFile = st.isFile();
          isDir = st.isDirectory();
        } catch {
          continue; // a broken link is not a file
        }
      }
      if (isDir) {
        const st = statSync(path.join(abs, name));
        const id = `${st.dev}:${st.ino}`;
        if (ancestors.has(id)) continue;
        ancestors.add(id);
        walk(path.join(abs, name), relPath, ancestors);
        ancestors.delete(id);
      } else if (
        isFile &&
        name.endsWith(".json") &&
        !name.endsWith(".intoto.json")
      )
        found.push(relPath);
    }
  };
  const top = statSync(dir);
  walk(dir, "", new Set([`${top.dev}:${top.ino}`]));
  return found.sort();
}
