import { execSync } from 'node:child_process';
import os from 'node:os';

/** One line naming the machine a benchmark ran on: date, cores, memory, CPU model, Node, load. */
export function machineLine(): string {
  const nproc = (() => {
    try {
      return execSync('nproc', { encoding: 'utf8' }).trim();
    } catch {
      return String(os.availableParallelism());
    }
  })();
  const memGiB = (os.totalmem() / 1024 ** 3).toFixed(1);
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  return `${new Date().toISOString().slice(0, 10)}; ${nproc} cores (\`nproc\`), ${memGiB} GiB RAM, ${cpu}, Node ${process.version}; load average at the end ${load} (1/5/15 min; other engineers' jobs share the machine).`;
}
