ALTER TABLE `settings` ADD `claim_deadline_days` integer DEFAULT 15 NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `report_due_day` integer DEFAULT 10 NOT NULL;