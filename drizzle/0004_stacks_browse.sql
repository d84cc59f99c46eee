ALTER TABLE `stacked_frames` ADD `report_path` varchar(512);--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `telescope` varchar(64);--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `filter_name` varchar(32);--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `healpix` int unsigned;--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `share_token_hash` char(64);--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `source` enum('crowd','telescope') DEFAULT 'crowd' NOT NULL;--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD CONSTRAINT `share_token_hash` UNIQUE(`share_token_hash`);--> statement-breakpoint
CREATE INDEX `idx_user_healpix` ON `stacked_frames` (`user_id`,`healpix`);--> statement-breakpoint
CREATE INDEX `idx_user_telescope` ON `stacked_frames` (`user_id`,`telescope`);