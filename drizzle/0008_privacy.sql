ALTER TABLE `stacked_frames` ADD `share_location` tinyint(1) DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Volunteers' frames are now scrubbed of observer cards and carry a telescope pseudonym: hashes of the old scrubbing are made again at the next claim.
UPDATE `raw_files` SET `scrubbed_sha256` = NULL;
