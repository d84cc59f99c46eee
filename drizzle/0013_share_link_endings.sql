CREATE TABLE `ended_share_links` (
	`token_hash` char(64) NOT NULL,
	`reason` enum('revoked','replaced','deleted') NOT NULL,
	`ended_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT `ended_share_links_token_hash` PRIMARY KEY(`token_hash`)
);
