-- Custom: user_id is filled from the file's upload session before it becomes NOT NULL, so the
-- migration also works on a database that already holds raw_files rows.
ALTER TABLE `raw_files` ADD `user_id` int unsigned;--> statement-breakpoint
UPDATE `raw_files` `r` JOIN `upload_sessions` `s` ON `s`.`id` = `r`.`upload_session_id` SET `r`.`user_id` = `s`.`user_id`;--> statement-breakpoint
ALTER TABLE `raw_files` MODIFY `user_id` int unsigned NOT NULL;--> statement-breakpoint
ALTER TABLE `raw_files` ADD `sha256` char(64) NOT NULL;--> statement-breakpoint
ALTER TABLE `raw_files` ADD `telescope` varchar(64);--> statement-breakpoint
ALTER TABLE `raw_files` ADD `healpix` int unsigned;--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD `telescope` varchar(64) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD `healpix` int unsigned;--> statement-breakpoint
ALTER TABLE `upload_sessions` ADD `updated_at` datetime DEFAULT CURRENT_TIMESTAMP NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `chunk_cadence_min` tinyint unsigned DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD CONSTRAINT `uq_session_chunk_telescope` UNIQUE(`upload_session_id`,`chunk_key`,`telescope`);--> statement-breakpoint
ALTER TABLE `raw_files` ADD CONSTRAINT `raw_files_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `idx_user_sha256` ON `raw_files` (`user_id`,`sha256`);--> statement-breakpoint
CREATE INDEX `idx_status_updated` ON `upload_sessions` (`status`,`updated_at`);