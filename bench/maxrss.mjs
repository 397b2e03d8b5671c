// Preloaded into a measured process (node --import): writes its peak RSS (KiB) when it exits.
import { writeFileSync } from 'node:fs';

const target = process.env.GOV_AUDIT_BENCH_MAXRSS;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
