// Clients of the drill on networks of their own. Through nginx the app sees each client's
// loopback address (X-Forwarded-For $remote_addr), and any 127/8 address is a local one on Linux:
// a client bound to 127.0.N.x is on network 127.0.N.0/24 as far as the trust rules can tell.
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';

/** fetch whose connections leave from `localAddress`. */
export function fetchFrom(localAddress: string): typeof fetch {
	const dispatcher = new Agent({ localAddress });
	return (input, init) => fetch(input, { ...init, dispatcher } as RequestInit);
}

const PRELOAD = fileURLToPath(new URL('./bind-local-address.js', import.meta.url));

/** The environment that makes a `node runner.js` process connect from `localAddress` (see bind-local-address.js). */
export function runnerEnvFrom(localAddress: string): NodeJS.ProcessEnv {
	return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${PRELOAD}`.trim(), CROWDSKY_DRILL_LOCAL_ADDRESS: localAddress };
}
