// Prints the size of what a browser downloads to run Inovasi (wasm + js + css), raw and
// brotli-compressed as the server sends it, and fails when the total passes the budget.
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
console.log(`  ${'total'.padEnd(24)} ${''.padStart(12)}     ${(total / 1024).toFixed(1).padStart(8)} KiB brotli (budget ${budget / 1024} KiB)`);
if (total > budget) {
  console.error(`over the size budget by ${((total - budget) / 1024).toFixed(1)} KiB`);
  process.exit(1);
}
