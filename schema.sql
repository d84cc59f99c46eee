-- CrowdSky canonical schema (MariaDB 10.11+, InnoDB, utf8mb4).
--
-- The first five tables are the original system's, column for column as its schema reference
-- documents them. CrowdSky adds defaults where the reference names none, and tables of its
-- own at the end. All DATETIME values are UTC: every connection sets time_zone = '+00:00'.
--
-- The drizzle schema (src/lib/server/db/schema.ts) mirrors this file and drizzle/ holds its
-- migrations; tests/integration/db/schema-agreement.test.ts proves both give the same database.
-- Foreign-key names are the ones drizzle generates, so the indexes InnoDB adds for them agree too.

CREATE TABLE `users` (
	`id` INT UNSIGNED NOT NULL AUTO_INCREMENT,
	`username` VARCHAR(64) NOT NULL,
	-- CrowdSky: not unique. No email is sent and logins are by username, and refusing a taken address
	-- at registration would tell anyone which addresses have an account.
	`email` VARCHAR(255) NOT NULL,
	`password_hash` VARCHAR(255) NOT NULL,
	`tier` ENUM('free','pro','raw') NOT NULL DEFAULT 'free',
	`storage_used_mb` DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	`storage_limit_mb` DECIMAL(10,2) NOT NULL DEFAULT 500.00,
	`created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	`updated_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	`is_active` TINYINT(1) NOT NULL DEFAULT 1,
	`api_token` VARCHAR(64) NULL,
	-- CrowdSky: chunk window in minutes (15 free; 3 or 1 for pro), chosen on the Account page.
	`chunk_cadence_min` TINYINT UNSIGNED NOT NULL DEFAULT 15,
	PRIMARY KEY (`id`),
	UNIQUE KEY `username` (`username`),
	UNIQUE KEY `api_token` (`api_token`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `upload_sessions` (
	`id` INT UNSIGNED NOT NULL AUTO_INCREMENT,
	`user_id` INT UNSIGNED NOT NULL,
	`session_token` VARCHAR(64) NOT NULL,
	`object_name` VARCHAR(255) NULL,
	`ra_deg` DOUBLE NULL,
	`dec_deg` DOUBLE NULL,
	`file_count` INT UNSIGNED NOT NULL DEFAULT 0,
	`total_size_mb` DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	`status` ENUM('uploading','complete','failed','expired') NOT NULL DEFAULT 'uploading',
	`created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	`completed_at` DATETIME NULL,
	`ucloud_path` VARCHAR(512) NOT NULL DEFAULT '',
	-- CrowdSky: last activity (creation, a stored file); sessions idle 24 h become `expired`.
	`updated_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (`id`),
	UNIQUE KEY `session_token` (`session_token`),
	KEY `idx_user_status` (`user_id`, `status`),
	KEY `idx_status_updated` (`status`, `updated_at`),
	CONSTRAINT `upload_sessions_user_id_users_id_fk` FOREIGN KEY (`user_id`)
		REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `raw_files` (
	`id` INT UNSIGNED NOT NULL AUTO_INCREMENT,
	`upload_session_id` INT UNSIGNED NOT NULL,
	`filename` VARCHAR(255) NOT NULL,
	`ucloud_path` VARCHAR(512) NOT NULL,
	`file_size_bytes` BIGINT UNSIGNED NOT NULL,
	`fits_date_obs` DATETIME NULL,
	`fits_object` VARCHAR(255) NULL,
	`fits_exptime` FLOAT NULL,
	`fits_ra` DOUBLE NULL,
	`fits_dec` DOUBLE NULL,
	`chunk_key` VARCHAR(32) NULL,
	`is_deleted` TINYINT(1) NOT NULL DEFAULT 0,
	`created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	-- CrowdSky: the owner (per-user duplicate check by content hash) and what chunking needs.
	-- `ucloud_path` holds the file's storage path, made from ids only.
	`user_id` INT UNSIGNED NOT NULL,
	`sha256` CHAR(64) NOT NULL,
	`telescope` VARCHAR(64) NULL,
	`healpix` INT UNSIGNED NULL,
	-- SHA-256 of the bytes a worker downloads (location cards blanked): made while the upload
	-- streams in (at first claim for rows stored before that).
	`scrubbed_sha256` CHAR(64) NULL,
	PRIMARY KEY (`id`),
	KEY `idx_session` (`upload_session_id`),
	KEY `idx_chunk` (`upload_session_id`, `chunk_key`),
	KEY `idx_user_sha256` (`user_id`, `sha256`),
	CONSTRAINT `raw_files_upload_session_id_upload_sessions_id_fk` FOREIGN KEY (`upload_session_id`)
		REFERENCES `upload_sessions` (`id`) ON DELETE CASCADE,
	CONSTRAINT `raw_files_user_id_users_id_fk` FOREIGN KEY (`user_id`)
		REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `stacking_jobs` (
	`id` INT UNSIGNED NOT NULL AUTO_INCREMENT,
	`user_id` INT UNSIGNED NOT NULL,
	`upload_session_id` INT UNSIGNED NOT NULL,
	`chunk_key` VARCHAR(32) NOT NULL,
	`object_name` VARCHAR(255) NULL,
	`pointing_key` VARCHAR(32) NULL,
	`frame_count` INT UNSIGNED NOT NULL DEFAULT 0,
	`status` ENUM('pending','processing','completed','failed','retry') NOT NULL DEFAULT 'pending',
	`worker_id` VARCHAR(64) NULL,
	`started_at` DATETIME NULL,
	`completed_at` DATETIME NULL,
	`error_message` TEXT NULL,
	`retry_count` TINYINT UNSIGNED NOT NULL DEFAULT 0,
	`created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	-- CrowdSky: '' when the frames name no telescope, so the unique key holds (NULLs never
	-- collide, and a replayed finalize could insert twice); the group's HEALPix pixel.
	`telescope` VARCHAR(64) NOT NULL DEFAULT '',
	`healpix` INT UNSIGNED NULL,
	-- CrowdSky leases: the holder's token (SHA-256 hex, never the token) and when it runs out;
	-- run_at delays a retry (backoff); the progress the holder last reported; its volunteer.
	`lease_token_hash` CHAR(64) NULL,
	`lease_expires_at` DATETIME NULL,
	`run_at` DATETIME NULL,
	`progress_stage` VARCHAR(16) NULL,
	`progress_done` INT UNSIGNED NULL,
	`progress_total` INT UNSIGNED NULL,
	`claimed_by_user_id` INT UNSIGNED NULL,
	-- CrowdSky: the kind of work ('stack'; solving, verification and co-adds are to come): a
	-- worker claims only the kinds it runs. The claim walks idx_status in order and checks run_at
	-- on the row; idx_status_lease finds expired leases without reading every processing row.
	`task` VARCHAR(32) NOT NULL DEFAULT 'stack',
	-- CrowdSky trust: the holder's network, and whether it was trusted (token or owner)
	`claimed_network` VARCHAR(64) NULL,
	`claimed_trusted` TINYINT(1) NOT NULL DEFAULT 0,
	PRIMARY KEY (`id`),
	UNIQUE KEY `uq_session_chunk_telescope` (`upload_session_id`, `chunk_key`, `telescope`),
	KEY `idx_status` (`status`, `created_at`),
	KEY `idx_status_lease` (`status`, `lease_expires_at`),
	CONSTRAINT `stacking_jobs_user_id_users_id_fk` FOREIGN KEY (`user_id`)
		REFERENCES `users` (`id`) ON DELETE CASCADE,
	CONSTRAINT `stacking_jobs_upload_session_id_upload_sessions_id_fk` FOREIGN KEY (`upload_session_id`)
		REFERENCES `upload_sessions` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `stacked_frames` (
	`id` INT UNSIGNED NOT NULL AUTO_INCREMENT,
	-- CrowdSky: NULL for a stack made on the telescope, which no job produced.
	`stacking_job_id` INT UNSIGNED NULL,
	`user_id` INT UNSIGNED NOT NULL,
	`object_name` VARCHAR(255) NULL,
	`chunk_key` VARCHAR(32) NOT NULL,
	`ucloud_path` VARCHAR(512) NOT NULL,
	`thumbnail_path` VARCHAR(512) NULL,
	`n_frames_input` INT UNSIGNED NOT NULL DEFAULT 0,
	`n_frames_aligned` INT UNSIGNED NOT NULL DEFAULT 0,
	`total_exptime` FLOAT NULL,
	`date_obs_start` DATETIME NULL,
	`date_obs_end` DATETIME NULL,
	`ra_deg` DOUBLE NULL,
	`dec_deg` DOUBLE NULL,
	`file_size_bytes` BIGINT UNSIGNED NOT NULL DEFAULT 0,
	`n_stars_detected` INT UNSIGNED NULL,
	`created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	-- CrowdSky: the job's report JSON in stack storage; what the Stacks page filters on (the
	-- frames' telescope and filter, the NSIDE 128 RING HEALPix pixel of ra/dec); the SHA-256
	-- (hex) of a share link's token, never the token; stacked here or made on the telescope;
	-- whether the share link publishes the site (the owner's choice when sharing; off by default).
	`report_path` VARCHAR(512) NULL,
	`telescope` VARCHAR(64) NULL,
	`filter_name` VARCHAR(32) NULL,
	`healpix` INT UNSIGNED NULL,
	`share_token_hash` CHAR(64) NULL,
	`source` ENUM('crowd','telescope') NOT NULL DEFAULT 'crowd',
	`share_location` TINYINT(1) NOT NULL DEFAULT 0,
	-- who vouched for the pixels: 'owner', 'trusted' (runner token), 'crowd' (agreement + spot check); NULL: unverified
	`verified_by` VARCHAR(8) NULL,
	-- plate solution from the stored file's primary header: NULL not tried yet (the sweep solves
	-- these), 0 unsolved (solve_reason says why), 1 solved; the image centre, rotation of +y in
	-- degrees east of north, arcsec per pixel, parity, matched stars, their RMS, and the 4 corners
	-- as a JSON array of [ra, dec] ((1,1), (1,H), (W,H), (W,1))
	`plate_solved` TINYINT(1) NULL,
	`solve_reason` VARCHAR(80) NULL,
	`wcs_ra_deg` DOUBLE NULL,
	`wcs_dec_deg` DOUBLE NULL,
	`wcs_rotation_deg` DOUBLE NULL,
	`wcs_scale_arcsec` DOUBLE NULL,
	`wcs_parity` ENUM('normal','flipped') NULL,
	`wcs_matches` INT UNSIGNED NULL,
	`wcs_rms_arcsec` DOUBLE NULL,
	`wcs_footprint` JSON NULL,
	PRIMARY KEY (`id`),
	KEY `idx_user_object` (`user_id`, `object_name`),
	KEY `idx_user_date` (`user_id`, `date_obs_start`),
	-- CrowdSky: one stack per job, however often a job is completed (job-less stacks: any number).
	UNIQUE KEY `uq_stacking_job` (`stacking_job_id`),
	UNIQUE KEY `share_token_hash` (`share_token_hash`),
	KEY `idx_user_healpix` (`user_id`, `healpix`),
	KEY `idx_user_telescope` (`user_id`, `telescope`),
	CONSTRAINT `stacked_frames_stacking_job_id_stacking_jobs_id_fk` FOREIGN KEY (`stacking_job_id`)
		REFERENCES `stacking_jobs` (`id`) ON DELETE CASCADE,
	CONSTRAINT `stacked_frames_user_id_users_id_fk` FOREIGN KEY (`user_id`)
		REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- ---- CrowdSky additions ----

-- Login sessions: `id` is the SHA-256 (hex) of the cookie token, so a leaked table is no login.
CREATE TABLE `sessions` (
	`id` CHAR(64) NOT NULL,
	`user_id` INT UNSIGNED NOT NULL,
	`expires_at` DATETIME NOT NULL,
	`created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (`id`),
	KEY `idx_sessions_user` (`user_id`),
	CONSTRAINT `sessions_user_id_users_id_fk` FOREIGN KEY (`user_id`)
		REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Personal API tokens for runners and scripts: shown once, stored as SHA-256 (hex); the prefix
-- lets a user recognise a token in lists. `trusted` is set by an operator.
CREATE TABLE `api_tokens` (
	`id` INT UNSIGNED NOT NULL AUTO_INCREMENT,
	`user_id` INT UNSIGNED NOT NULL,
	`name` VARCHAR(64) NOT NULL,
	`token_hash` CHAR(64) NOT NULL,
	`token_prefix` VARCHAR(16) NOT NULL,
	`trusted` TINYINT(1) NOT NULL DEFAULT 0,
	`created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	`last_used_at` DATETIME NULL,
	`revoked_at` DATETIME NULL,
	PRIMARY KEY (`id`),
	UNIQUE KEY `token_hash` (`token_hash`),
	KEY `idx_api_tokens_user` (`user_id`),
	CONSTRAINT `api_tokens_user_id_users_id_fk` FOREIGN KEY (`user_id`)
		REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failed-login counters per account (`user:<name>`) and per address (`ip:<addr>`), kept in the
-- database so that several server processes share them.
CREATE TABLE `login_throttle` (
	`throttle_key` VARCHAR(191) NOT NULL,
	`failures` INT UNSIGNED NOT NULL DEFAULT 0,
	`window_start` DATETIME NOT NULL,
	`locked_until` DATETIME NULL,
	PRIMARY KEY (`throttle_key`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every stack a worker returned for a job. An untrusted volunteer's stack waits as a candidate
-- (`storage_path`) until a second volunteer returns the same `stack_sha256`; `accepted` marks
-- the results that made the stored stack (the volunteers' totals count those).
CREATE TABLE `job_results` (
	`id` INT UNSIGNED NOT NULL AUTO_INCREMENT,
	`stacking_job_id` INT UNSIGNED NOT NULL,
	`worker_id` VARCHAR(64) NOT NULL,
	`user_id` INT UNSIGNED NOT NULL,
	`api_token_id` INT UNSIGNED NULL,
	`trusted` TINYINT(1) NOT NULL DEFAULT 0,
	`stack_sha256` CHAR(64) NOT NULL,
	`storage_path` VARCHAR(512) NULL,
	`frames` INT UNSIGNED NOT NULL DEFAULT 0,
	`cpu_ms` BIGINT UNSIGNED NOT NULL DEFAULT 0,
	`accepted` TINYINT(1) NOT NULL DEFAULT 0,
	`created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	`network` VARCHAR(64) NOT NULL DEFAULT '',
	`spot_check` VARCHAR(8) NULL,
	`checked_bands` INT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (`id`),
	KEY `idx_job_results_user` (`user_id`, `accepted`),
	CONSTRAINT `job_results_stacking_job_id_stacking_jobs_id_fk` FOREIGN KEY (`stacking_job_id`)
		REFERENCES `stacking_jobs` (`id`) ON DELETE CASCADE,
	CONSTRAINT `job_results_user_id_users_id_fk` FOREIGN KEY (`user_id`)
		REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A worker's `fail`, with its network: an untrusted volunteer's fail counts an attempt only when
-- an independent volunteer confirms it.
CREATE TABLE `job_failures` (
	`id` INT UNSIGNED NOT NULL AUTO_INCREMENT,
	`stacking_job_id` INT UNSIGNED NOT NULL,
	`user_id` INT UNSIGNED NOT NULL,
	`network` VARCHAR(64) NOT NULL,
	`trusted` TINYINT(1) NOT NULL DEFAULT 0,
	`message` TEXT NOT NULL,
	`created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (`id`),
	KEY `idx_job_failures_job` (`stacking_job_id`),
	CONSTRAINT `job_failures_stacking_job_id_stacking_jobs_id_fk` FOREIGN KEY (`stacking_job_id`)
		REFERENCES `stacking_jobs` (`id`) ON DELETE CASCADE,
	CONSTRAINT `job_failures_user_id_users_id_fk` FOREIGN KEY (`user_id`)
		REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A volunteer's record: results the spot check confirmed, results contradicted, fails unconfirmed.
CREATE TABLE `volunteer_standing` (
	`user_id` INT UNSIGNED NOT NULL,
	`verified` INT UNSIGNED NOT NULL DEFAULT 0,
	`disagreed` INT UNSIGNED NOT NULL DEFAULT 0,
	`failed` INT UNSIGNED NOT NULL DEFAULT 0,
	`updated_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (`user_id`),
	CONSTRAINT `volunteer_standing_user_id_users_id_fk` FOREIGN KEY (`user_id`)
		REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every network (IPv4 /24, IPv6 /48) an account was seen on: accounts that shared one are not independent.
CREATE TABLE `volunteer_networks` (
	`user_id` INT UNSIGNED NOT NULL,
	`network` VARCHAR(64) NOT NULL,
	`first_seen` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	`last_seen` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (`user_id`, `network`),
	KEY `idx_volunteer_networks_network` (`network`),
	CONSTRAINT `volunteer_networks_user_id_users_id_fk` FOREIGN KEY (`user_id`)
		REFERENCES `users` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Share links that stopped working, by their token's SHA-256: visitors are told why, not "not found".
CREATE TABLE `ended_share_links` (
	`token_hash` CHAR(64) NOT NULL,
	`reason` ENUM('revoked', 'replaced', 'deleted') NOT NULL,
	`ended_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (`token_hash`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
