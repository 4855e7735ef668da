/**
 * People can see the report: Debian's headless Chromium opens the page the `report` command
 * writes. The screenshot must be non-blank and show the pictures' colours; the DOM, as Chromium
 * laid it out, must show: no two node labels overlapping (bounding boxes), at least 12 distinct
 * topic colours where 12 topics are drawn, no cut legend text, the header's version and date, and
 * no number with more than 6 significant digits in the page's text.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import packageJson from "../../package.json" with { type: "json" };
import { main } from "../../src/cli/main.js";
import { topicColours } from "../../src/view/palette.js";
import { EXAMPLE_FOLDER } from "../helpers.js";

const out = join(import.meta.dirname, "..", "..", ".tmp", "e2e-report");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

function chromium(args: string[]): string {
  const profile = mkdtempSync(join(tmpdir(), "chromium-profile-"));
  try {
    return execFileSync("chromium", [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function screenshot(page: string, file: string, width: number, height: number): PNG {
  chromium([`--screenshot=${file}`, `--window-size=${width},${height}`, pathToFileURL(page).href]);
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

/**
 * Runs in Chromium after layout (appended to a copy of the page): measures what a reader sees and
 * writes it as JSON into the DOM, which --dump-dom then prints. The report itself has no script.
 */
const MEASURE = `<script>
(() => {
  const figures = [...document.querySelectorAll("figure.twinning-chart")];
  const pictures = figures.map((figure) => {
    const svg = figure.querySelector("svg");
    const frame = svg.getBoundingClientRect();
    const labels = [...svg.querySelectorAll("g.node_labels_marks text")].map((t) => { const b = t.getBoundingClientRect(); return { text: t.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom }; });
    const overlaps = [];
    labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => { if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps.push([a.text, b.text]); }));
    const legendTexts = [...svg.querySelectorAll("g.role-legend text")];
    const cut = legendTexts.filter((t) => t.textContent.includes("\\u2026")).map((t) => t.textContent);
    const outside = legendTexts.filter((t) => { const b = t.getBoundingClientRect(); return b.right > frame.right + 0.5 || b.left < frame.left - 0.5; }).map((t) => t.textContent);
    const strokes = new Set([...svg.querySelectorAll("g.mark-rule.role-mark path, g.mark-rule.role-mark line")].map((p) => (p.getAttribute("stroke") || "").toLowerCase()).filter((s) => s !== "" && s !== "none"));
    const title = svg.querySelector("g.role-title text");
    return { title: title ? title.textContent : "", labels: labels.length, overlaps, cut, outside, strokeColours: [...strokes] };
  });
  const text = document.body.innerText;
  const numbers = text.match(/\\d[\\d,]*(\\.\\d+)?/g) || [];
  const long = numbers.filter((n) => { const d = n.replace(/[^0-9]/g, "").replace(/^0+/, ""); return (n.includes(".") ? d : d.replace(/0+$/, "")).length > 6; });
  const pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify({ pictures, long, version: document.getElementById("report-version")?.textContent, date: document.getElementById("report-date")?.getAttribute("datetime") });
  document.body.appendChild(pre);
})();
</script>`;

interface Measured {
  pictures: { title: string; labels: number; overlaps: string[][]; cut: string[]; outside: string[]; strokeColours: string[] }[];
  long: string[];
  version: string;
  date: string;
}

/** Lays a page out in Chromium and returns what MEASURE found. */
function measure(html: string, file: string): Measured {
  writeFileSync(file, html.replace("</body>", `${MEASURE}</body>`));
  const dom = chromium(["--window-size=1200,4000", "--dump-dom", pathToFileURL(file).href]);
  const start = dom.indexOf('<pre id="measured">') + '<pre id="measured">'.length;
  const json = dom.slice(start, dom.indexOf("</pre>", start));
  return JSON.parse(json.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")) as Measured;
}

describe("the measuring script", () => {
  it("finds planted overlapping labels, a cut legend label and a 7-digit number (so its silence means something)", () => {
    const planted = `<!DOCTYPE html><html><body><p>1234567</p><figure class="twinning-chart"><svg width="300" height="100"><g class="role-title"><text>Planted</text></g>
      <g class="mark-text role-mark node_labels_marks"><text x="50" y="50" font-size="9">Kabgayi Hospital</text><text x="60" y="52" font-size="9">Nyanza Hospital</text></g>
      <g class="role-legend"><text x="200" y="20">patient-satisfacti\u2026</text></g></svg></figure></body></html>`;
    const measured = measure(planted, join(out, "planted.html"));
    expect(measured.pictures[0]?.overlaps).toEqual([["Kabgayi Hospital", "Nyanza Hospital"]]);
    expect(measured.pictures[0]?.cut).toHaveLength(1);
    expect(measured.long).toEqual(["1234567"]);
  });
});

describe("the report in headless Chromium", () => {
  it("renders non-blank with the topics' colours, labels apart, legends whole, header dated and versioned, numbers short", async () => {
    let stderr = "";
    const started = Date.now();
    const code = await main(["report", EXAMPLE_FOLDER, "--out", out, "--force"], { stdout: () => {}, stderr: (t) => (stderr += t) });
    expect(code, stderr).toBe(0);
    const page = join(out, "index.html");
    const png = screenshot(page, join(out, "screenshot.png"), 1200, 4000);
    expect([png.width, png.height]).toEqual([1200, 4000]);
    const white = share(png, "#ffffff");
    expect(white).toBeLessThan(0.97); // not blank
    expect(white).toBeGreaterThan(0.3); // not a solid error page
    // Node fill (provinces are shapes, one neutral fill) and topic colours (Tol's rainbow for 12).
    expect(share(png, "#555555")).toBeGreaterThan(0.00005);
    const seen = topicColours(12).filter((colour) => share(png, colour) > 0.000005);
    expect(seen.length, `topic colours seen: ${seen.join(", ")}`).toBeGreaterThanOrEqual(6);

    const measured = measure(readFileSync(page, "utf8"), join(out, "measure.html"));
    // Every picture: network, plan, mentor load, flow, forest plot and a before/after chart per topic.
    expect(measured.pictures).toHaveLength(5 + 12);
    for (const title of ["Partnership network", "Planned partnerships", "Mentor load", "Knowledge-flow backbone", "Effect of choosing each topic"]) expect(measured.pictures.map((p) => p.title)).toContain(title);
    const network = measured.pictures.find((p) => p.title === "Partnership network");
    expect(network?.labels).toBeGreaterThan(20);
    expect(network?.strokeColours.length, "distinct topic colours of the 12-topic network").toBeGreaterThanOrEqual(12);
    for (const picture of measured.pictures) {
      expect(picture.overlaps, `${picture.title}: overlapping labels`).toEqual([]);
      expect(picture.cut, `${picture.title}: cut legend text`).toEqual([]);
      expect(picture.outside, `${picture.title}: legend text outside the picture`).toEqual([]);
    }
    expect(measured.version).toBe(packageJson.version);
    const made = Date.parse(measured.date);
    expect(made).toBeGreaterThanOrEqual(started - 1000);
    expect(made).toBeLessThanOrEqual(Date.now());
    expect(measured.long, "numbers with more than 6 significant digits").toEqual([]);
  });
});
