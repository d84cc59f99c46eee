/**
 * Drizzle mirror of `schema.sql`. The five tables of the original system keep every documented
 * column, enum, default and index; CrowdSky's own tables follow. A test applies the migrations to
 * an empty MariaDB and compares the result with `schema.sql`, so change both together and run
 * `npm run db:generate`.
 *
 * All DATETIME columns hold UTC: every connection sets `time_zone = '+00:00'`.
 */
import { sql } from 'drizzle-orm';
// The enums' values are the wire contract's (clients see them verbatim); relative, for drizzle-kit.
import { JOB_STATUSES } from '../../api/jobs';
import { SHARE_LINK_ENDINGS, STACK_SOURCES } from '../../api/stacks';
import { UPLOAD_STATUSES } from '../../api/uploads';
import {
	bigint,
	customType,
	datetime,
	decimal,
	double,
	float,
	index,
	int,
	mysqlEnum,
	mysqlTable,
	primaryKey,
	text,
	tinyint,
	uniqueIndex,
	varchar,
	char
} from 'drizzle-orm/mysql-core';

/** `TINYINT(1)` as documented for the original flags; drizzle's `tinyint()` gives `tinyint(4)`. */
const flag = customType<{ data: number; driverData: number }>({ dataType: () => 'tinyint(1)' });

/**
 * A sky footprint, the 4 corners' [ra, dec] in degrees, as a JSON array. mysql2 hands JSON back
 * parsed when the server labels the column JSON, as text when MariaDB's LONGTEXT alias shows.
 */
const footprintJson = customType<{ data: [number, number][]; driverData: string | [number, number][] }>({
	dataType: () => 'json',
	toDriver: (value) => JSON.stringify(value),
	fromDriver: (value) => (typeof value === 'string' ? JSON.parse(value) : value)
});

const id = () => int('id', { unsigned: true }).autoincrement().primaryKey();
const createdAt = () =>
	datetime('created_at', { mode: 'date' })
		.notNull()
		.default(sql`CURRENT_TIMESTAMP`);
/** The original's `ucloud_path` columns hold a path in whichever store is configured, so TS calls them `storagePath`. */
const storagePathColumn = () => varchar('ucloud_path', { length: 512 }).notNull();
const userRef = () =>
	int('user_id', { unsigned: true })
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' });

export const TIERS = ['free', 'pro', 'raw'] as const;
export type Tier = (typeof TIERS)[number];

export const users = mysqlTable('users', {
	id: id(),
	username: varchar('username', { length: 64 }).notNull().unique('username'),
	// Not unique, unlike the original: registration must not tell which addresses have an account.
	email: varchar('email', { length: 255 }).notNull(),
	passwordHash: varchar('password_hash', { length: 255 }).notNull(),
	tier: mysqlEnum('tier', TIERS).notNull().default('free'),
	storageUsedMb: decimal('storage_used_mb', { precision: 10, scale: 2 }).notNull().default('0.00'),
	storageLimitMb: decimal('storage_limit_mb', { precision: 10, scale: 2 })
		.notNull()
		.default('500.00'),
	createdAt: createdAt(),
	// MariaDB itself sets it on every change (ON UPDATE CURRENT_TIMESTAMP): drizzle cannot express
	// that for DATETIME, so a custom migration in drizzle/ adds it.
	updatedAt: datetime('updated_at', { mode: 'date' })
		.notNull()
		.default(sql`CURRENT_TIMESTAMP`),
	isActive: flag('is_active').notNull().default(1),
	apiToken: varchar('api_token', { length: 64 }).unique('api_token'),
	/** CrowdSky: the chunk window in minutes (15 free; 3 or 1 for pro), chosen on the Account page. */
	chunkCadenceMin: tinyint('chunk_cadence_min', { unsigned: true }).notNull().default(15)
});

export const uploadSessions = mysqlTable(
	'upload_sessions',
	{
		id: id(),
		userId: userRef(),
		sessionToken: varchar('session_token', { length: 64 }).notNull().unique('session_token'),
		objectName: varchar('object_name', { length: 255 }),
		raDeg: double('ra_deg'),
		decDeg: double('dec_deg'),
		fileCount: int('file_count', { unsigned: true }).notNull().default(0),
		totalSizeMb: decimal('total_size_mb', { precision: 10, scale: 2 }).notNull().default('0.00'),
		status: mysqlEnum('status', UPLOAD_STATUSES).notNull().default('uploading'),
		createdAt: createdAt(),
		completedAt: datetime('completed_at', { mode: 'date' }),
		storagePath: storagePathColumn().default(''),
		/** CrowdSky: last activity (creation, a stored file); sessions idle 24 h expire. */
		updatedAt: datetime('updated_at', { mode: 'date' })
			.notNull()
			.default(sql`CURRENT_TIMESTAMP`)
	},
	(t) => [
		index('idx_user_status').on(t.userId, t.status),
		index('idx_status_updated').on(t.status, t.updatedAt)
	]
);

export const rawFiles = mysqlTable(
	'raw_files',
	{
		id: id(),
		uploadSessionId: int('upload_session_id', { unsigned: true })
			.notNull()
			.references(() => uploadSessions.id, { onDelete: 'cascade' }),
		filename: varchar('filename', { length: 255 }).notNull(),
		storagePath: storagePathColumn(),
		fileSizeBytes: bigint('file_size_bytes', { mode: 'number', unsigned: true }).notNull(),
		fitsDateObs: datetime('fits_date_obs', { mode: 'date' }),
		fitsObject: varchar('fits_object', { length: 255 }),
		fitsExptime: float('fits_exptime'),
		fitsRa: double('fits_ra'),
		fitsDec: double('fits_dec'),
		chunkKey: varchar('chunk_key', { length: 32 }),
		isDeleted: flag('is_deleted').notNull().default(0),
		createdAt: createdAt(),
		// CrowdSky: the owner (per-user duplicate check), the content hash, and what chunking needs.
		userId: userRef(),
		sha256: char('sha256', { length: 64 }).notNull(),
		telescope: varchar('telescope', { length: 64 }),
		healpix: int('healpix', { unsigned: true }),
		/** SHA-256 of the bytes a worker downloads (location cards blanked): made as the upload streams in, or at first claim for older rows. */
		scrubbedSha256: char('scrubbed_sha256', { length: 64 })
	},
	(t) => [
		index('idx_session').on(t.uploadSessionId),
		index('idx_chunk').on(t.uploadSessionId, t.chunkKey),
		index('idx_user_sha256').on(t.userId, t.sha256)
	]
);

export const stackingJobs = mysqlTable(
	'stacking_jobs',
	{
		id: id(),
		userId: userRef(),
		uploadSessionId: int('upload_session_id', { unsigned: true })
			.notNull()
			.references(() => uploadSessions.id, { onDelete: 'cascade' }),
		chunkKey: varchar('chunk_key', { length: 32 }).notNull(),
		objectName: varchar('object_name', { length: 255 }),
		pointingKey: varchar('pointing_key', { length: 32 }),
		frameCount: int('frame_count', { unsigned: true }).notNull().default(0),
		status: mysqlEnum('status', JOB_STATUSES).notNull().default('pending'),
		workerId: varchar('worker_id', { length: 64 }),
		startedAt: datetime('started_at', { mode: 'date' }),
		completedAt: datetime('completed_at', { mode: 'date' }),
		errorMessage: text('error_message'),
		retryCount: tinyint('retry_count', { unsigned: true }).notNull().default(0),
		createdAt: createdAt(),
		// CrowdSky: '' when the frames name no telescope, so the unique key below holds (NULLs
		// would never collide and a replayed finalize could insert twice).
		telescope: varchar('telescope', { length: 64 }).notNull().default(''),
		healpix: int('healpix', { unsigned: true }),
		// CrowdSky leases: the holder's token (SHA-256 hex) and its expiry; run_at delays a retry
		// (backoff); progress is what the holder last reported; claimed_by_user_id its volunteer.
		leaseTokenHash: char('lease_token_hash', { length: 64 }),
		leaseExpiresAt: datetime('lease_expires_at', { mode: 'date' }),
		runAt: datetime('run_at', { mode: 'date' }),
		progressStage: varchar('progress_stage', { length: 16 }),
		progressDone: int('progress_done', { unsigned: true }),
		progressTotal: int('progress_total', { unsigned: true }),
		claimedByUserId: int('claimed_by_user_id', { unsigned: true }),
		// CrowdSky trust: the holder's network and whether it was trusted (token or owner), so a
		// lease that runs out is settled like that holder's fail (jobs/settle-fail.ts).
		claimedNetwork: varchar('claimed_network', { length: 64 }),
		claimedTrusted: flag('claimed_trusted').notNull().default(0),
		// CrowdSky: the kind of work (src/lib/server/jobs/tasks.ts); a worker claims only kinds it runs.
		task: varchar('task', { length: 32 }).notNull().default('stack')
	},
	(t) => [
		index('idx_status').on(t.status, t.createdAt),
		uniqueIndex('uq_session_chunk_telescope').on(t.uploadSessionId, t.chunkKey, t.telescope),
		// Finds the expired leases without reading every processing row. The claim orders by
		// idx_status and checks run_at on the row, so (status, run_at) is not indexed.
		index('idx_status_lease').on(t.status, t.leaseExpiresAt)
	]
);

export const stackedFrames = mysqlTable(
	'stacked_frames',
	{
		id: id(),
		/** CrowdSky: NULL for a stack made on the telescope, which no job produced. */
		stackingJobId: int('stacking_job_id', { unsigned: true }).references(() => stackingJobs.id, { onDelete: 'cascade' }),
		userId: userRef(),
		objectName: varchar('object_name', { length: 255 }),
		chunkKey: varchar('chunk_key', { length: 32 }).notNull(),
		storagePath: storagePathColumn(),
		thumbnailPath: varchar('thumbnail_path', { length: 512 }),
		nFramesInput: int('n_frames_input', { unsigned: true }).notNull().default(0),
		nFramesAligned: int('n_frames_aligned', { unsigned: true }).notNull().default(0),
		totalExptime: float('total_exptime'),
		dateObsStart: datetime('date_obs_start', { mode: 'date' }),
		dateObsEnd: datetime('date_obs_end', { mode: 'date' }),
		raDeg: double('ra_deg'),
		decDeg: double('dec_deg'),
		fileSizeBytes: bigint('file_size_bytes', { mode: 'number', unsigned: true })
			.notNull()
			.default(0),
		nStarsDetected: int('n_stars_detected', { unsigned: true }),
		createdAt: createdAt(),
		// CrowdSky: the job's report JSON in stack storage; what the Stacks page filters on (the
		// frames' telescope and filter, the NSIDE 128 RING pixel of ra/dec); the hash of a share
		// link's token, and whether the link publishes the site (the owner's choice; off unless
		// chosen); stacked here ('crowd') or uploaded as made on the telescope.
		reportPath: varchar('report_path', { length: 512 }),
		telescope: varchar('telescope', { length: 64 }),
		filterName: varchar('filter_name', { length: 32 }),
		healpix: int('healpix', { unsigned: true }),
		shareTokenHash: char('share_token_hash', { length: 64 }).unique('share_token_hash'),
		source: mysqlEnum('source', STACK_SOURCES).notNull().default('crowd'),
		shareLocation: flag('share_location').notNull().default(0),
		// CrowdSky trust: who vouched for the pixels: the owner's browser ('owner'), a runner with a
		// trusted token ('trusted'), or independent volunteers who agreed and passed the spot check
		// ('crowd'). NULL: not verified (telescope stacks, stacks accepted before the trust model);
		// free/pro raws are deleted only after a verified stack.
		verifiedBy: varchar('verified_by', { length: 8 }),
		// CrowdSky plate solution, from the stored file's primary header (PLTSOLVD and its WCS).
		// plateSolved NULL: not tried yet (the sweep solves these); 0: unsolved, solveReason says why.
		// Centre of the image, rotation (+y axis, degrees east of north), scale, parity, matched
		// stars and their RMS, and the footprint (corners (1,1), (1,H), (W,H), (W,1)).
		plateSolved: flag('plate_solved'),
		solveReason: varchar('solve_reason', { length: 80 }),
		wcsRaDeg: double('wcs_ra_deg'),
		wcsDecDeg: double('wcs_dec_deg'),
		wcsRotationDeg: double('wcs_rotation_deg'),
		wcsScaleArcsec: double('wcs_scale_arcsec'),
		wcsParity: mysqlEnum('wcs_parity', ['normal', 'flipped']),
		wcsMatches: int('wcs_matches', { unsigned: true }),
		wcsRmsArcsec: double('wcs_rms_arcsec'),
		wcsFootprint: footprintJson('wcs_footprint')
	},
	(t) => [
		index('idx_user_object').on(t.userId, t.objectName),
		index('idx_user_date').on(t.userId, t.dateObsStart),
		// CrowdSky: one stack per job, whatever completes it twice (job-less stacks: any number).
		uniqueIndex('uq_stacking_job').on(t.stackingJobId),
		index('idx_user_healpix').on(t.userId, t.healpix),
		index('idx_user_telescope').on(t.userId, t.telescope)
	]
);

// ---- CrowdSky additions ----

/** Login sessions, Lucia-style: `id` is the SHA-256 (hex) of the cookie token, never the token. */
export const sessions = mysqlTable(
	'sessions',
	{
		id: char('id', { length: 64 }).primaryKey(),
		userId: userRef(),
		expiresAt: datetime('expires_at', { mode: 'date' }).notNull(),
		createdAt: createdAt()
	},
	(t) => [index('idx_sessions_user').on(t.userId)]
);

/** Personal API tokens: shown once, stored as SHA-256 (hex). `trusted` is set by an operator. */
export const apiTokens = mysqlTable(
	'api_tokens',
	{
		id: id(),
		userId: userRef(),
		name: varchar('name', { length: 64 }).notNull(),
		tokenHash: char('token_hash', { length: 64 }).notNull().unique('token_hash'),
		tokenPrefix: varchar('token_prefix', { length: 16 }).notNull(),
		trusted: flag('trusted').notNull().default(0),
		createdAt: createdAt(),
		lastUsedAt: datetime('last_used_at', { mode: 'date' }),
		revokedAt: datetime('revoked_at', { mode: 'date' })
	},
	(t) => [index('idx_api_tokens_user').on(t.userId)]
);

/**
 * Failed-login counters for rate limiting, per account (`user:<name>`) and per address
 * (`ip:<addr>`). Kept in MariaDB so several server instances share them.
 */
export const loginThrottle = mysqlTable('login_throttle', {
	key: varchar('throttle_key', { length: 191 }).primaryKey(),
	failures: int('failures', { unsigned: true }).notNull().default(0),
	windowStart: datetime('window_start', { mode: 'date' }).notNull(),
	lockedUntil: datetime('locked_until', { mode: 'date' })
});

/**
 * Every stack a worker returned for a job: who computed it, its hash, and whether it was accepted.
 * An untrusted volunteer's stack waits here as a candidate (`storage_path`) until a second
 * volunteer returns the same hash.
 */
export const jobResults = mysqlTable(
	'job_results',
	{
		id: id(),
		stackingJobId: int('stacking_job_id', { unsigned: true })
			.notNull()
			.references(() => stackingJobs.id, { onDelete: 'cascade' }),
		workerId: varchar('worker_id', { length: 64 }).notNull(),
		userId: userRef(),
		apiTokenId: int('api_token_id', { unsigned: true }),
		trusted: flag('trusted').notNull().default(0),
		stackSha256: char('stack_sha256', { length: 64 }).notNull(),
		storagePath: varchar('storage_path', { length: 512 }),
		frames: int('frames', { unsigned: true }).notNull().default(0),
		cpuMs: bigint('cpu_ms', { mode: 'number', unsigned: true }).notNull().default(0),
		accepted: flag('accepted').notNull().default(0),
		createdAt: createdAt(),
		// CrowdSky trust: the network the result came from; the spot check's verdict on it
		// ('passed', 'failed'; NULL when none ran: trusted) and the row bands it recomputed.
		network: varchar('network', { length: 64 }).notNull().default(''),
		spotCheck: varchar('spot_check', { length: 8 }),
		checkedBands: int('checked_bands', { unsigned: true }).notNull().default(0)
	},
	(t) => [index('idx_job_results_user').on(t.userId, t.accepted)]
);

/**
 * A worker's `fail`: who said the job cannot be done, from where. An untrusted volunteer's fail
 * counts an attempt only once an independent volunteer says the same.
 */
export const jobFailures = mysqlTable(
	'job_failures',
	{
		id: id(),
		stackingJobId: int('stacking_job_id', { unsigned: true })
			.notNull()
			.references(() => stackingJobs.id, { onDelete: 'cascade' }),
		userId: userRef(),
		network: varchar('network', { length: 64 }).notNull(),
		trusted: flag('trusted').notNull().default(0),
		message: text('message').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('idx_job_failures_job').on(t.stackingJobId)]
);

/**
 * A volunteer's record, in the spirit of BOINC's adaptive replication: results the kernel's spot
 * check confirmed, results it (or an accepted stack) contradicted, and fails no one confirmed.
 * It sets how much of their next result is recomputed and whether they are served last.
 */
export const volunteerStanding = mysqlTable('volunteer_standing', {
	userId: int('user_id', { unsigned: true })
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	verified: int('verified', { unsigned: true }).notNull().default(0),
	disagreed: int('disagreed', { unsigned: true }).notNull().default(0),
	failed: int('failed', { unsigned: true }).notNull().default(0),
	updatedAt: datetime('updated_at', { mode: 'date' })
		.notNull()
		.default(sql`CURRENT_TIMESTAMP`)
});

/**
 * Every network an account was seen on (registration, claims, results): two accounts that ever
 * shared one are not independent.
 */
export const volunteerNetworks = mysqlTable(
	'volunteer_networks',
	{
		userId: int('user_id', { unsigned: true })
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		network: varchar('network', { length: 64 }).notNull(),
		firstSeen: datetime('first_seen', { mode: 'date' })
			.notNull()
			.default(sql`CURRENT_TIMESTAMP`),
		lastSeen: datetime('last_seen', { mode: 'date' })
			.notNull()
			.default(sql`CURRENT_TIMESTAMP`)
	},
	(t) => [primaryKey({ columns: [t.userId, t.network] }), index('idx_volunteer_networks_network').on(t.network)]
);

/**
 * Share links that stopped working, by the SHA-256 of their token: their visitors are told why
 * (revoked, replaced by a new link, the stack deleted) instead of "not found".
 */
export const endedShareLinks = mysqlTable('ended_share_links', {
	tokenHash: char('token_hash', { length: 64 }).primaryKey(),
	reason: mysqlEnum('reason', SHARE_LINK_ENDINGS).notNull(),
	endedAt: datetime('ended_at', { mode: 'date' })
		.notNull()
		.default(sql`CURRENT_TIMESTAMP`)
});

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
