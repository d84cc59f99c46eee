import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` is used: `migrate` and `push` misbehave on MariaDB (STACK-NOTES);
// scripts/migrate.js applies the generated SQL with drizzle-orm's own migrator.
export default defineConfig({
	dialect: 'mysql',
	schema: './src/lib/server/db/schema.ts',
	out: './drizzle'
});
