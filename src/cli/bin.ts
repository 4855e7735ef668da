#!/usr/bin/env node
/** The executable behind `npx twinning-network`: arguments in, exit code out. */
import { main } from "./main.js";

// `twinning-network plan data | head` closes the pipe early: that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
