-- Custom: drizzle cannot declare ON UPDATE for DATETIME columns; the original schema's
-- users.updated_at is "auto-updated on row change" by MariaDB itself.
ALTER TABLE `users` MODIFY `updated_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP;
