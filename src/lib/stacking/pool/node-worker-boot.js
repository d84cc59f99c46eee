// Node 20 cannot load TypeScript by itself, and `--import tsx` in a Worker's execArgv does not
// reach the worker's entry module: register tsx here, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./node-worker.ts', import.meta.url).href);
