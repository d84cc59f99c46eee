#!/usr/bin/env node
// `npm run bench`: speed and quality of our stacker against Siril; see bench/main.ts. The bench is
// TypeScript like the code it measures; tsx (a dependency) lets Node 20 load it without a build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../bench/main.ts');
process.exitCode = await main(process.argv.slice(2));
