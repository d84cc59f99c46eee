/**
 * Built once at build time: the service worker precaches this page and answers navigations with it
 * when the network is gone. It has no user data (prerendered without a session) and needs no
 * scripts, so it renders the same under any URL it is served for.
 */
export const prerender = true;
export const csr = false;
