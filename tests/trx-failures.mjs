// Prints each failed test of the given VSTest trx files: its name, duration and the start of its failure message, so
// the end of a CI log says why a run failed (the whole output scrolls out of what a CI summary keeps). The messages
// share a budget of lines (--budget, 120 by default), at least 8 each. Exit code 1 when any test failed.
// usage: node tests/trx-failures.mjs [--budget N] FILE.trx...
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const args = process.argv.slice(2);
let budget = 120;
if (args[0] === "--budget") {
  budget = Number(args[1]);
  args.splice(0, 2);
}

const entities = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const decode = (text) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) =>
    name[0] === "#"
      ? String.fromCodePoint(name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10))
      : entities[name] ?? whole);
const attribute = (tag, name) => decode(new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? "");

const failures = [];
for (const file of args) {
  const trx = readFileSync(file, "utf8");
  // A passed test's element is often empty (<UnitTestResult … />); a failed one holds its ErrorInfo.
  for (const [, tag, body = ""] of trx.matchAll(/<UnitTestResult\b([^>]*?)(?:\/>|>([\s\S]*?)<\/UnitTestResult>)/g)) {
    if (attribute(tag, "outcome") === "Failed") {
      const message = decode(/<Message>([\s\S]*?)<\/Message>/.exec(body)?.[1] ?? "(no message)");
      failures.push({ file, name: attribute(tag, "testName"), duration: attribute(tag, "duration"), lines: message.split(/\r?\n/) });
    }
  }
}

const each = Math.max(8, Math.floor(budget / Math.max(1, failures.length)) - 1);
for (const { file, name, duration, lines } of failures) {
  console.log(`--- ${basename(file, ".trx")}: ${name} (${duration})`);
  for (const line of lines.slice(0, each)) {
    console.log("    " + (line.length > 1200 ? line.slice(0, 1200) + " …" : line));
  }
  if (lines.length > each) {
    console.log(`    … ${lines.length - each} more line(s) in ${file}`);
  }
}
process.exitCode = failures.length > 0 ? 1 : 0;
