#!/usr/bin/env node
// CrowdSky runner: `node runner.js --server URL --token T` works for a server, `node runner.js
// stack <files or dirs...> --out stack.fits` stacks locally (`--help` for all). The code is
// TypeScript in src/lib/runner, run as one bundle that scripts/runner-bundle.js keeps up to date.
import { runnerBundle } from './scripts/runner-bundle.js';

const { main } = await import(await runnerBundle());
process.exitCode = await main(process.argv.slice(2));
