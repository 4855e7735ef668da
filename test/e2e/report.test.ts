/**
 * People can see the report: Debian's headless Chromium opens the page the `report` command
 * writes and takes a screenshot, which must be non-blank and show the pictures' colours (the
 * provinces' and the topics'), not only text.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

const out = join(import.meta.dirname, "..", "..", ".tmp", "e2e-report");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

function screenshot(page: string, file: string, width: number, height: number): PNG {
  const profile = mkdtempSync(join(tmpdir(), "chromium-profile-"));
  execFileSync(
    "chromium",
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      `--screenshot=${file}`,
      `--window-size=${width},${height}`,
      pathToFileURL(page).href,
    ],
    { stdio: "pipe", timeout: 120_000 },
  );
  rmSync(profile, { recursive: true, force: true });
  return PNG.sync.read(readFileSync(file));
}

/** Share of pixels within 12 of a colour on each channel. */
function share(png: PNG, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let hits = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs((png.data[i] as number) - r) <= 12 && Math.abs((png.data[i + 1] as number) - g) <= 12 && Math.abs((png.data[i + 2] as number) - b) <= 12) hits++;
  }
  return hits / (png.width * png.height);
}

describe("the report in headless Chromium", () => {
  it("renders non-blank, with the network's province and topic colours, and every picture in the page", async () => {
    let stderr = "";
    const code = await main(["report", EXAMPLE_FOLDER, "--out", out, "--force"], { stdout: () => {}, stderr: (t) => (stderr += t) });
    expect(code, stderr).toBe(0);
    const png = screenshot(join(out, "index.html"), join(out, "screenshot.png"), 1200, 4000);
    expect([png.width, png.height]).toEqual([1200, 4000]);
    const white = share(png, "#ffffff");
    expect(white).toBeLessThan(0.97); // not blank
    expect(white).toBeGreaterThan(0.3); // not a solid error page
    // Province colours (nodes, Vega's set2) and topic colours (arrows, tableau10).
    for (const colour of ["#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854"]) expect(share(png, colour), colour).toBeGreaterThan(0.00005);
    expect(share(png, "#4c78a8")).toBeGreaterThan(0.00005);
    // The page as Chromium parsed it holds every picture: network, plan, mentor load, flow,
    // forest plot and a before/after chart per topic.
    const profile = mkdtempSync(join(tmpdir(), "chromium-profile-"));
    const dom = execFileSync(
      "chromium",
      ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--user-data-dir=${profile}`, "--dump-dom", pathToFileURL(join(out, "index.html")).href],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 },
    );
    rmSync(profile, { recursive: true, force: true });
    expect(dom.split("<svg").length - 1).toBe(5 + 12);
    for (const title of ["Partnership network", "Planned partnerships", "Mentor load", "Knowledge flow", "Effect of choosing each topic"]) expect(dom).toContain(title);
  });
});
