// Preloaded (node --require) by the bench into a measured process: reports its peak resident
// memory on exit, as the kernel counted it (getrusage ru_maxrss, in KiB on Linux).
process.on("exit", () => {
  require("node:fs").writeSync(
    2,
    `\nmax_rss_kb=${process.resourceUsage().maxRSS}\n`,
  );
});
