/** The server's log (one line per entry, text or JSON): import from `$lib/server/log`. */
export { errorFields, log, logFormat, type Fields } from './log.js';
export { handleRequestLog } from './request-log';
