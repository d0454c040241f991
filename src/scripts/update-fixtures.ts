// npm run fixtures:update — regenerate the golden plan files next to every fixture input (fixtures/seeds,
// fixtures/scans). Golden files change only through this script; review `git diff fixtures/` before committing.
import { runConvert } from '../cli/convertCommand.js';
import { projectRoot } from './paths.js';

export const FIXTURE_DIRS = ['fixtures/seeds', 'fixtures/scans'];

async function main(): Promise<void> {
  process.chdir(projectRoot()); // plans record the input path as given: keep it relative and stable
  const code = await runConvert(FIXTURE_DIRS, {
    format: 'json',
    stdout: false,
    jobs: 2,
    ocr: 'auto',
    lang: ['vie'],
    force: true,
    quiet: false,
    repair: true,
  });
  process.stderr.write('Review the changes with `git diff fixtures/` before committing them.\n');
  process.exitCode = code;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
