// What the run prints: one line per cycle, then the summary with the faults by kind, the
// violations (seed, cycle, pair) and the command line that replays the run.

export function cycleLine(result, newViolations) {
  const { plan, faulty, faultyPosts, fired, clean, notes } = result;
  const pairs = plan.reminders.reduce((n, r) => n + r.to.length, 0);
  const exits = faulty.results.map((r) => r.signal ?? r.code).join(',');
  const clocks = [plan.sandboxClockMs ? `sandbox ${plan.sandboxClockMs / 1000}s` : '', ...faulty.results.filter((r) => r.clockOffsetMs).map((r) => `cli ${r.clockOffsetMs / 1000}s`)].filter(Boolean);
  // The faults that fired, in order (a planned one finds nothing to do when, say, every run has ended).
  const actions = fired.join(' ');
  let line = `cycle ${plan.cycle} (${result.seconds}s): ${plan.reminders.length} reminders/${pairs} pairs, runs [${exits}], ${faultyPosts} posts, faults [${actions}]`;
  if (clocks.length) line += `, clocks [${clocks.join(' ')}]`;
  line += `, clean run exits [${clean.join(',')}], violations ${newViolations.length}`;
  for (const note of notes) line += `\n  note: ${note}`;
  for (const v of newViolations.slice(0, 10)) line += `\n  VIOLATION ${describe(v)}`;
  if (newViolations.length > 10) line += `\n  … and ${newViolations.length - 10} more (listed in the summary)`;
  return line;
}

const describe = (v) => `cycle ${v.cycle}, ${v.reminderId} → ${v.userId}: ${v.rule} (status ${v.status}${v.detail ? `, ${v.detail}` : ''}; reached by ${v.reached.join(' ') || 'nothing'})`;

export function summary({ seed, backend, cycles, counts, violations, minutes, elapsedMs, reproduce }) {
  const lines = [
    '',
    `chaos summary (${backend}, seed ${seed}): ${cycles} cycles in ${(elapsedMs / 60_000).toFixed(1)} of ${minutes} minutes`,
    `faults injected: ${[...counts].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${kind} ×${n}`).join(', ') || 'none'}`,
  ];
  const byRule = new Map();
  for (const v of violations) byRule.set(v.rule, (byRule.get(v.rule) ?? 0) + 1);
  lines.push(`violations: ${violations.length}${byRule.size ? ` (${[...byRule].map(([rule, n]) => `${n} × ${rule}`).join('; ')})` : ''}`);
  for (const v of violations.slice(0, 50)) lines.push(`  seed ${seed}, ${describe(v)}`);
  if (violations.length > 50) lines.push(`  … and ${violations.length - 50} more`);
  if (violations.length) lines.push(`reproduce: ${reproduce}`);
  return lines.join('\n');
}
