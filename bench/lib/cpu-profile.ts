import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  /** Milliseconds of samples whose top frame was this function. */
  selfMs: number;
  share: number;
}

const ROOT = path.resolve(__dirname, '..', '..');

function where(url: string): string {
  const file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const rest = file.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (file.startsWith(ROOT)) return path.relative(ROOT, file);
  return file || '(native)';
}

/** Self time per function (and per package or source file) from a `--cpu-prof` file, biggest first. */
export function selfTimes(file: string, excludeIdle = true): { functions: SelfTime[]; places: SelfTime[]; totalMs: number } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfById = new Map<number, number>();
  profile.samples.forEach((id, i) => selfById.set(id, (selfById.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const functions = new Map<string, number>();
  const places = new Map<string, number>();
  let total = 0;
  for (const [id, selfMs] of selfById) {
    const frame = byId.get(id)!.callFrame;
    if (excludeIdle && (frame.functionName === '(idle)' || frame.functionName === '(program)')) continue;
    total += selfMs;
    const place = where(frame.url);
    const name = `${frame.functionName || '(anonymous)'} — ${place}${frame.url && !frame.url.includes('node_modules') ? `:${frame.lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + selfMs);
    places.set(place, (places.get(place) ?? 0) + selfMs);
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()].map(([name, selfMs]) => ({ name, selfMs, share: selfMs / total })).sort((a, b) => b.selfMs - a.selfMs);
  return { functions: sorted(functions), places: sorted(places), totalMs: total };
}
