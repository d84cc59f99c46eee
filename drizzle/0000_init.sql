CREATE TABLE `api_tokens` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`user_id` int unsigned NOT NULL,
	`name` varchar(64) NOT NULL,
	`token_hash` char(64) NOT NULL,
	`token_prefix` varchar(16) NOT NULL,
	`trusted` tinyint(1) NOT NULL DEFAULT 0,
	`created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	`last_used_at` datetime,
	`revoked_at` datetime,
	CONSTRAINT `api_tokens_id` PRIMARY KEY(`id`),
	CONSTRAINT `token_hash` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`throttle_key` varchar(191) NOT NULL,
	`failures` int unsigned NOT NULL DEFAULT 0,
	`window_start` datetime NOT NULL,
	`locked_until` datetime,
	CONSTRAINT `login_throttle_throttle_key` PRIMARY KEY(`throttle_key`)
);
--> statement-breakpoint
CREATE TABLE `raw_files` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`upload_session_id` int unsigned NOT NULL,
	`filename` varchar(255) NOT NULL,
	`ucloud_path` varchar(512) NOT NULL,
	`file_size_bytes` bigint unsigned NOT NULL,
	`fits_date_obs` datetime,
	`fits_object` varchar(255),
	`fits_exptime` float,
	`fits_ra` double,
	`fits_dec` double,
	`chunk_key` varchar(32),
	`is_deleted` tinyint(1) NOT NULL DEFAULT 0,
	`created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT `raw_files_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` char(64) NOT NULL,
	`user_id` int unsigned NOT NULL,
	`expires_at` datetime NOT NULL,
	`created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT `sessions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `stacked_frames` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`stacking_job_id` int unsigned NOT NULL,
	`user_id` int unsigned NOT NULL,
	`object_name` varchar(255),
	`chunk_key` varchar(32) NOT NULL,
	`ucloud_path` varchar(512) NOT NULL,
	`thumbnail_path` varchar(512),
	`n_frames_input` int unsigned NOT NULL DEFAULT 0,
	`n_frames_aligned` int unsigned NOT NULL DEFAULT 0,
	`total_exptime` float,
	`date_obs_start` datetime,
	`date_obs_end` datetime,
	`ra_deg` double,
	`dec_deg` double,
	`file_size_bytes` bigint unsigned NOT NULL DEFAULT 0,
	`n_stars_detected` int unsigned,
	`created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT `stacked_frames_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `stacking_jobs` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`user_id` int unsigned NOT NULL,
	`upload_session_id` int unsigned NOT NULL,
	`chunk_key` varchar(32) NOT NULL,
	`object_name` varchar(255),
	`pointing_key` varchar(32),
	`frame_count` int unsigned NOT NULL DEFAULT 0,
	`status` enum('pending','processing','completed','failed','retry') NOT NULL DEFAULT 'pending',
	`worker_id` varchar(64),
	`started_at` datetime,
	`completed_at` datetime,
	`error_message` text,
	`retry_count` tinyint unsigned NOT NULL DEFAULT 0,
	`created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT `stacking_jobs_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `upload_sessions` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`user_id` int unsigned NOT NULL,
	`session_token` varchar(64) NOT NULL,
	`object_name` varchar(255),
	`ra_deg` double,
	`dec_deg` double,
	`file_count` int unsigned NOT NULL DEFAULT 0,
	`total_size_mb` decimal(10,2) NOT NULL DEFAULT '0.00',
	`status` enum('uploading','complete','failed','expired') NOT NULL DEFAULT 'uploading',
	`created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	`completed_at` datetime,
	`ucloud_path` varchar(512) NOT NULL DEFAULT '',
	CONSTRAINT `upload_sessions_id` PRIMARY KEY(`id`),
	CONSTRAINT `session_token` UNIQUE(`session_token`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`username` varchar(64) NOT NULL,
	`email` varchar(255) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`tier` enum('free','pro','raw') NOT NULL DEFAULT 'free',
	`storage_used_mb` decimal(10,2) NOT NULL DEFAULT '0.00',
	`storage_limit_mb` decimal(10,2) NOT NULL DEFAULT '500.00',
	`created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	`updated_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	`is_active` tinyint(1) NOT NULL DEFAULT 1,
	`api_token` varchar(64),
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `username` UNIQUE(`username`),
	CONSTRAINT `email` UNIQUE(`email`),
	CONSTRAINT `api_token` UNIQUE(`api_token`)
);
--> statement-breakpoint
ALTER TABLE `api_tokens` ADD CONSTRAINT `api_tokens_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `raw_files` ADD CONSTRAINT `raw_files_upload_session_id_upload_sessions_id_fk` FOREIGN KEY (`upload_session_id`) REFERENCES `upload_sessions`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `sessions` ADD CONSTRAINT `sessions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD CONSTRAINT `stacked_frames_stacking_job_id_stacking_jobs_id_fk` FOREIGN KEY (`stacking_job_id`) REFERENCES `stacking_jobs`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD CONSTRAINT `stacked_frames_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD CONSTRAINT `stacking_jobs_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD CONSTRAINT `stacking_jobs_upload_session_id_upload_sessions_id_fk` FOREIGN KEY (`upload_session_id`) REFERENCES `upload_sessions`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `upload_sessions` ADD CONSTRAINT `upload_sessions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `idx_api_tokens_user` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE INDEX `idx_session` ON `raw_files` (`upload_session_id`);--> statement-breakpoint
CREATE INDEX `idx_chunk` ON `raw_files` (`upload_session_id`,`chunk_key`);--> statement-breakpoint
CREATE INDEX `idx_sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `idx_user_object` ON `stacked_frames` (`user_id`,`object_name`);--> statement-breakpoint
CREATE INDEX `idx_user_date` ON `stacked_frames` (`user_id`,`date_obs_start`);--> statement-breakpoint
CREATE INDEX `idx_status` ON `stacking_jobs` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `idx_user_status` ON `upload_sessions` (`user_id`,`status`);