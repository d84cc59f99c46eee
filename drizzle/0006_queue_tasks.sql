DROP INDEX `idx_status_run_at` ON `stacking_jobs`;--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD `task` varchar(32) DEFAULT 'stack' NOT NULL;--> statement-breakpoint
CREATE INDEX `idx_status_lease` ON `stacking_jobs` (`status`,`lease_expires_at`);