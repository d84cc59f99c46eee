#!/usr/bin/env node
// CrowdSky runner: `node runner.js --server URL --token T` works for a server, `node runner.js
// stack <files or dirs...> --out stack.fits` stacks locally (`--help` for all). The code is
// TypeScript in src/lib/runner; tsx (a dependency) lets Node 20 load it without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./src/lib/runner/main.ts');
process.exitCode = await main(process.argv.slice(2));
