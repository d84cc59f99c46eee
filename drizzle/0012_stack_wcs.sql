ALTER TABLE `stacked_frames` ADD `plate_solved` tinyint(1);--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `solve_reason` varchar(80);--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `wcs_ra_deg` double;--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `wcs_dec_deg` double;--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `wcs_rotation_deg` double;--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `wcs_scale_arcsec` double;--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `wcs_parity` enum('normal','flipped');--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `wcs_matches` int unsigned;--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `wcs_rms_arcsec` double;--> statement-breakpoint
ALTER TABLE `stacked_frames` ADD `wcs_footprint` json;