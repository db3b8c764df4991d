// Diagnostic for bench/run.ts: time and RSS to import each module named on the command line, in order.
// Run it with and without `--import tsx` to see what the tsx loader adds. Prints `RESULT {json}`.
const t0 = performance.now();
const rss = () => process.memoryUsage().rss / 2 ** 20;
const steps = [{ module: '(boot)', ms: t0, rssMB: rss() }];
for (const name of process.argv.slice(2)) {
  const t = performance.now();
  await import(name);
  steps.push({ module: name, ms: performance.now() - t, rssMB: rss() });
}
process.stdout.write(`RESULT ${JSON.stringify(steps)}\n`);
