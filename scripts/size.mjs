// Prints the size of what a browser downloads to run Inovasi, per page kind: a page with islands
// (wasm + js + css) and a page without (css; its HTML is measured by the first-load bench), raw
// and brotli-compressed as the server sends it, and fails when either passes its budget.
// Usage: node scripts/size.mjs <site-root> <budget-kib>
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const [siteRoot, budgetArg] = process.argv.slice(2);
const budget = Number(budgetArg) * 1024;
const pkg = join(siteRoot, 'pkg');
let total = 0;
for (const name of readdirSync(pkg).filter((n) => /\.(wasm|js|css)$/.test(n)).sort()) {
  const raw = readFileSync(join(pkg, name));
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total += br;
  console.log(`  ${name.padEnd(24)} ${(raw.length / 1024).toFixed(1).padStart(8)} KiB raw ${(br / 1024).toFixed(1).padStart(8)} KiB brotli`);
}
console.log(`  ${'a page with islands'.padEnd(24)} ${''.padStart(12)}     ${(total / 1024).toFixed(1).padStart(8)} KiB brotli (budget ${budget / 1024} KiB)`);
// A page without an island is sent without the runtime (server/http/page_scripts.rs): it downloads
// the stylesheet and its own HTML (a few KiB), measured page by page by `scripts/bench firstload`.
const css = readdirSync(pkg)
  .filter((n) => n.endsWith('.css'))
  .reduce((sum, n) => sum + brotliCompressSync(readFileSync(join(pkg, n))).length, 0);
const plainBudget = 30 * 1024;
console.log(`  ${'a page without islands'.padEnd(24)} ${''.padStart(12)}     ${(css / 1024).toFixed(1).padStart(8)} KiB brotli and its HTML (budget ${plainBudget / 1024} KiB)`);
if (total > budget) {
  console.error(`a page with islands is over its size budget by ${((total - budget) / 1024).toFixed(1)} KiB`);
  process.exit(1);
}
if (css > plainBudget - 8 * 1024) {
  console.error('the stylesheet leaves less than 8 KiB of the 30 KiB budget for a page without islands');
  process.exit(1);
}
