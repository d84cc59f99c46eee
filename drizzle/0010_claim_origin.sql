ALTER TABLE `stacking_jobs` ADD `claimed_network` varchar(64);--> statement-breakpoint
ALTER TABLE `stacking_jobs` ADD `claimed_trusted` tinyint(1) DEFAULT 0 NOT NULL;