#!/usr/bin/env node
/** The executable behind `npx twinning-network`: arguments in, exit code out. */
import { main } from "./main.js";

// `twinning-network plan data | head` closes the pipe early: that is not an error, and the command
// still finishes: the rest of what it prints goes nowhere, the files it writes are written. (It
// exited 0 at the first failed write, and `plan` had printed its table before saving plan.csv: no
// file and no word; adversarial review.) A write after the pipe closed fails as a destroyed stream.
// The same for stderr (`2>&1 | head`: its progress lines killed the command; second review).
const writerTo = (stream: NodeJS.WriteStream) => {
  let open = true;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
    open = false;
  });
  return (text: string): void => {
    if (open) stream.write(text);
  };
};

process.exitCode = await main(process.argv.slice(2), { stdout: writerTo(process.stdout), stderr: writerTo(process.stderr) });
