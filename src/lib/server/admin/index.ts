/** `npm run admin`: API tokens' trust, accounts and quotas from the command line (scripts/admin.js). */
export { AdminError } from './admin-error';
export { ADMIN_USAGE, adminCommand, type AdminIo } from './command';
export { listTokens, setTrusted, type TokenRow } from './tokens';
export { listUsers, parseQuotaMb, setQuota, type UserRow } from './users';
