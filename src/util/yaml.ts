// The yaml package, loaded the first time YAML is written or read, not at every start (~50 ms of one): plans are
// JSON unless asked for. Its Node build is CommonJS, so it loads synchronously where it is first needed.
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');

let yaml: Yaml | undefined;

export function yamlModule(): Yaml {
  return (yaml ??= createRequire(import.meta.url)('yaml') as Yaml);
}
