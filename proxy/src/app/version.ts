import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The package version, read once (works from proxy/src under ts-jest and proxy/dist when built). */
export const VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();
