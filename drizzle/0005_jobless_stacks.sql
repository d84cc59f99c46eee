ALTER TABLE `stacked_frames` MODIFY COLUMN `stacking_job_id` int unsigned;--> statement-breakpoint
-- Custom: stacks made on the telescope used to hang off a stand-in upload session and job; they
-- become job-less rows and the stand-ins go (deleting a session cascades to its job, so the
-- stacks are detached first).
CREATE TEMPORARY TABLE `telescope_stand_ins` AS
	SELECT j.`upload_session_id` AS `id` FROM `stacking_jobs` j
	JOIN `stacked_frames` f ON f.`stacking_job_id` = j.`id`
	WHERE f.`source` = 'telescope';--> statement-breakpoint
UPDATE `stacked_frames` SET `stacking_job_id` = NULL WHERE `source` = 'telescope';--> statement-breakpoint
DELETE FROM `upload_sessions` WHERE `id` IN (SELECT `id` FROM `telescope_stand_ins`);--> statement-breakpoint
DROP TEMPORARY TABLE `telescope_stand_ins`;
