// Bundles the add-in's pages. One page entry per object in PAGES: adding a page (the workbench)
// is one more object there; everything else (entries, HTML plugins) is derived from that list.
// `webpack --mode production` → dist/ with a production manifest; `webpack serve` → port 3000,
// plain http on localhost, or https with the Office dev certificates when asked:
// `webpack serve --mode development --env https` (or SEALED_RUN_HTTPS=1).
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { compilerOptions } = require("./tsconfig.json");

const DEV_URL = "https://localhost:3000/";
/** Used when ADDIN_URL is not set: a production build then says so, since its manifest points nowhere real. */
const PLACEHOLDER_URL = "https://sealed-run.example.com/";
const DEV_PORT = 3000;

/** @type {{ name: string; entry: string; template: string; filename: string }[]} */
const PAGES = [
  // The shared runtime: task pane, ribbon function file and runtime page in one.
  {
    name: "taskpane",
    entry: "./src/taskpane/index.tsx",
    template: "./src/taskpane/taskpane.html",
    filename: "taskpane.html",
  },
  // The manifest's SupportUrl, and the page openBrowserWindow shows for a sealed file.
  {
    name: "support",
    entry: "./src/taskpane/support/support.ts",
    template: "./src/taskpane/support/support.html",
    filename: "support.html",
  },
  // Without Excel (npm start on Linux, browser tests, bench): the same task pane beside the Excel simulator.
  {
    name: "workbench",
    entry: "./src/workbench/index.tsx",
    template: "./src/workbench/workbench.html",
    filename: "workbench.html",
  },
];

/**
 * The workspace packages (packages/*) by their TypeScript sources, from tsconfig.json's paths:
 * the pages bundle them like src/ (no build of theirs first). Exact matches only (`name$`).
 */
function workspaceAliases() {
  return Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([name, [source]]) => [
      `${name}$`,
      path.resolve(__dirname, source),
    ]),
  );
}

/** The production origin the manifest should name, with a trailing slash. */
function addinUrl() {
  const raw = process.env.ADDIN_URL;
  if (!raw) {
    console.warn(
      `[sealed-run] ADDIN_URL is not set: dist/manifest.xml points at ${PLACEHOLDER_URL}; set ADDIN_URL=https://your.host/path/ before deploying.`,
    );
    return PLACEHOLDER_URL;
  }
  const url = new URL(raw); // throws on a malformed ADDIN_URL, which should stop the build
  if (url.protocol !== "https:")
    throw new Error(
      `ADDIN_URL must be an https URL (Office loads add-ins over https only), got ${raw}`,
    );
  return url.href.endsWith("/") ? url.href : url.href + "/";
}

/**
 * The dev manifest with every https://localhost:3000 URL (attribute values and element text, e.g.
 * DefaultValue="…" and <AppDomain>) moved to `base`; a bare origin becomes base's origin.
 */
function productionManifest(xml, base) {
  const origin = new URL(base).origin;
  return xml.replace(
    /(["'>])https:\/\/localhost:3000(\/?)/g,
    (_, before, slash) => before + (slash ? base : origin),
  );
}

function wantsHttps(env) {
  return Boolean(env.https) || process.env.SEALED_RUN_HTTPS === "1";
}

async function devServer(env) {
  const common = {
    port: DEV_PORT,
    host: "localhost",
    headers: { "Access-Control-Allow-Origin": "*" },
    static: false,
    client: { overlay: { warnings: false, errors: true } },
  };
  if (!wantsHttps(env)) return { ...common, server: "http" };
  // Loaded only when asked: it installs a local certificate authority on first use.
  const devCerts = require("office-addin-dev-certs");
  return {
    ...common,
    server: { type: "https", options: await devCerts.getHttpsServerOptions() },
  };
}

module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  const base = production ? addinUrl() : DEV_URL;
  // The workbench (@sealed-run/excel-simulator + exceljs) is for development; a production build for Excel
  // leaves it out unless asked for (`--env workbench`, as the bench does).
  const withWorkbench = !production || Boolean(env.workbench);
  const pages = PAGES.filter((p) => p.name !== "workbench" || withWorkbench);
  return {
    mode: production ? "production" : "development",
    devtool: production ? "source-map" : "eval-cheap-module-source-map",
    entry: Object.fromEntries(pages.map((p) => [p.name, p.entry])),
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      chunkFilename: production ? "[name].[contenthash:8].js" : "[name].js",
      publicPath: "auto",
      clean: true,
    },
    resolve: {
      extensions: [".tsx", ".ts", ".js"],
      alias: workspaceAliases(),
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              compilerOptions: { module: "esnext" },
            },
          },
        },
      ],
    },
    plugins: [
      ...pages.map(
        (p) =>
          new HtmlWebpackPlugin({
            filename: p.filename,
            template: p.template,
            chunks: [p.name],
          }),
      ),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) =>
              production
                ? productionManifest(content.toString("utf8"), base)
                : content,
          },
        ],
      }),
    ],
    optimization: {
      // The runtime (which names every chunk) and the libraries change less often than the app:
      // separate files keep them cached across releases.
      runtimeChunk: "single",
      splitChunks: { chunks: "all" },
    },
    // A budget just above today's first load (React + Fluent UI + the Seal view): a warning means it grew.
    performance: {
      hints: production ? "warning" : false,
      maxEntrypointSize: 560 * 1024,
      maxAssetSize: 500 * 1024,
    },
    // Only `webpack serve` needs it (and only then may the https variant touch certificates).
    ...(env.WEBPACK_SERVE ? { devServer: await devServer(env) } : {}),
  };
};

module.exports.PAGES = PAGES;
module.exports.productionManifest = productionManifest;
module.exports.workspaceAliases = workspaceAliases;
