// A bench process's own peak resident memory.
import { readFileSync } from "node:fs";

/**
 * This process's own peak resident memory, module loading included, in MB: the kernel's VmHWM,
 * counted from this program's start. Not `resourceUsage().maxRSS`: on Linux a spawned child's
 * starts at its parent's RSS (the fork copies it, and exec keeps the figure), so a child started
 * by a parent holding a big file or database would report the parent's memory.
 */
export function peakRssMB(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: maxRSS (KiB) is then the best there is.
  }
  return process.resourceUsage().maxRSS / 1024;
}
