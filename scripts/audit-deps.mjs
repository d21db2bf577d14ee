#!/usr/bin/env node
// Dependency check for CI: `npm audit` must report no high or critical advisory. When the registry's
// advisory service cannot be reached (some networks allow the registry's GET only, and the audit is a
// POST), that is said plainly as NOT CHECKED — never as a pass — and fails only with REQUIRE_AUDIT=1
// (set it where the service is reachable, so a network change cannot silently turn the check off).
import { spawnSync } from 'node:child_process';

const r = spawnSync('npm', ['audit', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  report = null;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const why = report?.message ?? r.stderr.trim().split('\n').pop() ?? 'no answer';
  console.log(`!! npm audit: NOT CHECKED — the advisory service did not answer (${why})`);
  process.exit(process.env.REQUIRE_AUDIT === '1' ? 1 : 0);
}
const high = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(`npm audit: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`);
if (high > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (v.severity === 'high' || v.severity === 'critical') console.log(`  ${v.severity}: ${name} ${v.range ?? ''}`);
  }
  process.exit(1);
}
