CREATE TABLE `job_results` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`stacking_job_id` int unsigned NOT NULL,
	`worker_id` varchar(64) NOT NULL,
	`user_id` int unsigned NOT NULL,
	`api_token_id` int unsigned,
	`trusted` tinyint(1) NOT NULL DEFAULT 0,
	`stack_sha256` char(64) NOT NULL,
	`storage_path` varchar(512),
	`frames` int unsigned NOT NULL DEFAULT 0,
	`cpu_ms` bigint unsigned NOT NULL DEFAULT 0,
	`accepted` tinyint(1) NOT NULL DEFAULT 0,
	`created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT `job_results_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `raw_files` ADD `scrubbed_sha256` char(64);--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD `lease_token_hash` char(64);--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD `lease_expires_at` datetime;--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD `run_at` datetime;--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD `progress_stage` varchar(16);--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD `progress_done` int unsigned;--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD `progress_total` int unsigned;--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD `claimed_by_user_id` int unsigned;--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD CONSTRAINT `uq_stacking_job` UNIQUE(`stacking_job_id`);--> statement-breakpoint
ALTER TABLE `job_results` ADD CONSTRAINT `job_results_stacking_job_id_stacking_jobs_id_fk` FOREIGN KEY (`stacking_job_id`) REFERENCES `stacking_jobs`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `job_results` ADD CONSTRAINT `job_results_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `idx_job_results_user` ON `job_results` (`user_id`,`accepted`);--> statement-breakpoint
CREATE INDEX `idx_status_run_at` ON `stacking_jobs` (`status`,`run_at`);