// Prints the size of what a browser downloads to run Inovasi, per page kind, raw and
// brotli-compressed as the server sends it, and fails when one passes its budget:
// - a page with islands loads the stylesheet and one bundle (wasm + js): the full one
//   (target/site/pkg: the wizard's pages) or a lighter one (pkg/<name>: the home pages, the
//   score sheet), as server/http/page_scripts.rs picks it;
// - a page without an island loads the stylesheet and its HTML (a few KiB, measured page by page
//   by `scripts/bench firstload`).
// Usage: node scripts/size.mjs <site-root> <full-budget-kib> [<bundle>=<budget-kib> ...]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const [siteRoot, fullBudget, ...bundleBudgets] = process.argv.slice(2);
const pkg = join(siteRoot, 'pkg');
const brotli = (file) => brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kib = (bytes) => (bytes / 1024).toFixed(1).padStart(8);

const css = readdirSync(pkg).filter((n) => n.endsWith('.css')).reduce((sum, n) => sum + brotli(join(pkg, n)), 0);
let over = false;

/** Prints one bundle's files and its page's total; returns that total in bytes. */
function bundle(label, dir, budgetKib) {
  let total = css;
  for (const name of readdirSync(dir).filter((n) => /\.(wasm|js)$/.test(n)).sort()) {
    const raw = readFileSync(join(dir, name)).length;
    const br = brotli(join(dir, name));
    total += br;
    console.log(`  ${join(dir.slice(pkg.length), name).replace(/^\//, '').padEnd(28)} ${kib(raw)} KiB raw ${kib(br)} KiB brotli`);
  }
  console.log(`  ${label.padEnd(28)} ${''.padStart(12)}     ${kib(total)} KiB brotli with the stylesheet (budget ${budgetKib} KiB)`);
  if (total > Number(budgetKib) * 1024) {
    console.error(`${label} is over its size budget by ${((total - Number(budgetKib) * 1024) / 1024).toFixed(1)} KiB`);
    over = true;
  }
  return total;
}

console.log(`  ${'inovasi.css'.padEnd(28)} ${''.padStart(12)}     ${kib(css)} KiB brotli`);
bundle('a page with the full bundle', pkg, fullBudget);
for (const spec of bundleBudgets) {
  const [name, budgetKib] = spec.split('=');
  const dir = join(pkg, name);
  if (!existsSync(dir)) {
    console.error(`the bundle '${name}' was not built (${dir})`);
    over = true;
    continue;
  }
  bundle(`a page with the '${name}' bundle`, dir, budgetKib);
}
const plainBudget = 30 * 1024;
console.log(`  ${'a page without islands'.padEnd(28)} ${''.padStart(12)}     ${kib(css)} KiB brotli and its HTML (budget ${plainBudget / 1024} KiB)`);
if (css > plainBudget - 8 * 1024) {
  console.error('the stylesheet leaves less than 8 KiB of the 30 KiB budget for a page without islands');
  over = true;
}
if (over) process.exit(1);
