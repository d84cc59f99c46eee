CREATE TABLE `job_failures` (
	`id` int unsigned AUTO_INCREMENT NOT NULL,
	`stacking_job_id` int unsigned NOT NULL,
	`user_id` int unsigned NOT NULL,
	`network` varchar(64) NOT NULL,
	`trusted` tinyint(1) NOT NULL DEFAULT 0,
	`message` text NOT NULL,
	`created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT `job_failures_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `volunteer_networks` (
	`user_id` int unsigned NOT NULL,
	`network` varchar(64) NOT NULL,
	`first_seen` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	`last_seen` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT `volunteer_networks_user_id_network_pk` PRIMARY KEY(`user_id`,`network`)
);
--> statement-breakpoint
CREATE TABLE `volunteer_standing` (
	`user_id` int unsigned NOT NULL,
	`verified` int unsigned NOT NULL DEFAULT 0,
	`disagreed` int unsigned NOT NULL DEFAULT 0,
	`failed` int unsigned NOT NULL DEFAULT 0,
	`updated_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT `volunteer_standing_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
ALTER TABLE `job_results` ADD `network` varchar(64) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `job_results` ADD `spot_check` varchar(8);--> statement-breakpoint
ALTER TABLE `job_results` ADD `checked_bands` int unsigned DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `verified_by` varchar(8);--> statement-breakpoint
ALTER TABLE `job_failures` ADD CONSTRAINT `job_failures_stacking_job_id_stacking_jobs_id_fk` FOREIGN KEY (`stacking_job_id`) REFERENCES `stacking_jobs`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `job_failures` ADD CONSTRAINT `job_failures_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_networks` ADD CONSTRAINT `volunteer_networks_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_standing` ADD CONSTRAINT `volunteer_standing_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `idx_job_failures_job` ON `job_failures` (`stacking_job_id`);--> statement-breakpoint
CREATE INDEX `idx_volunteer_networks_network` ON `volunteer_networks` (`network`);--> statement-breakpoint
-- Stacks a trusted result made before the trust model are verified by whoever that was; ones two volunteers agreed on are not (no spot check ran).
UPDATE `stacked_frames` `s` JOIN `job_results` `r` ON `r`.`stacking_job_id` = `s`.`stacking_job_id` AND `r`.`accepted` = 1 AND `r`.`trusted` = 1
SET `s`.`verified_by` = IF(`r`.`user_id` = `s`.`user_id`, 'owner', 'trusted');
