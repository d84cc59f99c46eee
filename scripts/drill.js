#!/usr/bin/env node
// `npm run drill`: a night of uploads and stacking under faults, then the end-of-run proof; see
// drill/main.ts. TypeScript via tsx, like scripts/bench.js.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../drill/main.ts');
process.exitCode = await main(process.argv.slice(2));
