// A tiny static file server for a built dist folder, on a free localhost port (plain http on
// localhost is a secure context, so the page has Web Crypto).
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".map": "application/json",
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveDir(dir: string): Promise<StaticServer> {
  const root = path.resolve(dir);
  const serve = async (
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> => {
    const pathname = decodeURIComponent(
      new URL(req.url ?? "/", "http://localhost").pathname,
    );
    const file = path.resolve(root, "." + pathname);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res
        .writeHead(200, {
          "Content-Type":
            TYPES[path.extname(file)] ?? "application/octet-stream",
        })
        .end(body);
    } catch {
      res
        .writeHead(404, { "Content-Type": "text/plain" })
        .end(`Not found: ${pathname}`);
    }
  };
  const server: Server = createServer((req, res) => {
    // A path that is not valid percent-encoding: decodeURIComponent throws.
    serve(req, res).catch(() =>
      res
        .writeHead(400, { "Content-Type": "text/plain" })
        .end(`Bad path: ${req.url}`),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string")
    throw new Error("the static server has no port");
  return {
    url: `http://localhost:${address.port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
