// Kept seals' custom XML parts are read with DOMParser in the add-in; node test environments have
// none, so they get the parser the CLI installs (src/node/xmlRootSaxes.ts). jsdom has its own.
import { installSaxesXmlRootParser } from "../../src/node/xmlRootSaxes";

if (typeof (globalThis as { DOMParser?: unknown }).DOMParser === "undefined")
  installSaxesXmlRootParser();
