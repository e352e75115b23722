/** Peaks of a bench child's memory, sampled: what its peak RSS is made of (V8 heap, off-heap buffers, the rest). */
import type { MemoryFigures } from './presence-scale-messages.ts';

const peak = { heapTotalKb: 0, heapUsedKb: 0, externalKb: 0 };
setInterval(() => {
  const m = process.memoryUsage();
  peak.heapTotalKb = Math.max(peak.heapTotalKb, m.heapTotal / 1024);
  peak.heapUsedKb = Math.max(peak.heapUsedKb, m.heapUsed / 1024);
  peak.externalKb = Math.max(peak.externalKb, m.external / 1024);
}, 50).unref();

export function memoryFigures(): MemoryFigures {
  const cpu = process.cpuUsage();
  return {
    maxRssKb: process.resourceUsage().maxRSS,
    ...peak,
    heapNowKb: process.memoryUsage().heapUsed / 1024,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}
