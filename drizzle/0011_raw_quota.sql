-- Raw frames count toward the storage quota from now on: charge each user for the live raws already stored.
UPDATE `users` SET `storage_used_mb` = `storage_used_mb` + COALESCE((SELECT ROUND(SUM(`file_size_bytes`) / 1048576, 2) FROM `raw_files` WHERE `raw_files`.`user_id` = `users`.`id` AND `raw_files`.`is_deleted` = 0), 0);
