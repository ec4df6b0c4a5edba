import { execFile } from 'node:child_process';
import path from 'node:path';

const CLI = path.join(__dirname, 'php', 'aisle-cli.php');

/**
 * Runs the plugin's PHP classes through tests/contract/php/aisle-cli.php. Asynchronous
 * on purpose: a test may have a server in this process that the PHP side calls.
 */
export function runPhp<T>(command: Record<string, unknown>): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile('php', [CLI, JSON.stringify(command)], { timeout: 20_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`php failed: ${error.message}\n${stderr}`));
      try {
        resolve(JSON.parse(stdout) as T);
      } catch {
        reject(new Error(`php printed something that is not JSON: ${stdout}\n${stderr}`));
      }
    });
  });
}
