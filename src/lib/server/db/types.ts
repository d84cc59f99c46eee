import type { MySql2Database } from 'drizzle-orm/mysql2';
import type * as schema from './schema';

export type Db = MySql2Database<typeof schema>;

/** The database or a transaction on it: verbs that run inside a caller's transaction take either. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];
