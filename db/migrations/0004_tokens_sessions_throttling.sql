CREATE TABLE `login_throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_failure_ms` integer,
	`last_success_ms` integer
);
--> statement-breakpoint
CREATE INDEX `login_throttles_last_failure` ON `login_throttles` (`last_failure_ms`);--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `expires_at` text;--> statement-breakpoint
CREATE INDEX `api_tokens_user` ON `api_tokens` (`user_id`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `last_seen_at` text;--> statement-breakpoint
-- Tokens issued before expiry existed get the default lifetime (90 days) from their creation.
UPDATE `api_tokens` SET `expires_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `created_at`, '+90 days') WHERE `expires_at` IS NULL;--> statement-breakpoint
-- Open sessions count as seen now, so the idle limit starts when this migration runs.
UPDATE `sessions` SET `last_seen_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE `last_seen_at` IS NULL;
