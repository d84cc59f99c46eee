// Preloaded into a `node runner.js` process by the drill (NODE_OPTIONS=--import, see
// local-address.ts): every fetch of the process leaves from CROWDSKY_DRILL_LOCAL_ADDRESS, so one
// machine can play volunteers on several networks. The runner itself has no such option: a real
// volunteer's network is wherever it runs. undici is the version Node's own fetch bundles, whose
// global dispatcher this sets.
import { Agent, setGlobalDispatcher } from 'undici';

const address = process.env.CROWDSKY_DRILL_LOCAL_ADDRESS;
if (address) setGlobalDispatcher(new Agent({ localAddress: address }));
