/** Who is trusted with what: volunteers' networks and independence, their standing. */
export { networkPrefix } from './network-prefix';
export { independent, recordNetwork, type Origin } from './networks';
export { countStanding, servedLast, standingOf, type Standing } from './standing';
export { CHECK_FLOOR, checkShare, drawSample, sampleCount } from './sampling';
