// Comments speak of the code: this check fails on the obvious process words
// (issue numbers, "the lead", reviewers, work sessions) in comments of tracked source files.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ROOTS = ['proxy/src', 'widget-src', 'plugin', 'tests', 'scripts', 'bench', '.ci'];
const SOURCE = /\.(ts|tsx|js|mjs|cjs|php|sh)$/;
const COMMENT = /(^|\s)(\/\/|\/\*|\*|#)/;
const PROCESS_WORDS =
  /\b(issue|task|ticket) ?#?\d+\b|\bthe lead\b|\b(code )?reviewer'?s?\b|\b(work )?session \d+\b|\bstop \d+\b/i;

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...ROOTS], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => SOURCE.test(file) && file !== 'scripts/check-comments.mjs');

const hits = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // listed but deleted in the work tree
  }
  text.split('\n').forEach((line, index) => {
    const comment = COMMENT.exec(line);
    if (comment && PROCESS_WORDS.test(line.slice(comment.index))) hits.push(`${file}:${index + 1}: ${line.trim()}`);
  });
}
if (hits.length) {
  console.error(`Comments should speak of the code, not of the process (${hits.length}):\n${hits.join('\n')}`);
  process.exit(1);
}
console.log(`check-comments: ${files.length} files, no process words in comments`);
