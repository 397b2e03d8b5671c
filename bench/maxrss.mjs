// Preloaded into a measured process (node --import): writes its peak RSS (KiB) and the CPU
// time it used (ms, user and system, every thread) when it exits, as JSON.
import { writeFileSync } from 'node:fs';

const target = process.env.GOV_AUDIT_BENCH_MAXRSS;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
}
