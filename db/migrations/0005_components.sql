CREATE TABLE `growth_tiers` (
	`program_id` integer NOT NULL,
	`position` integer NOT NULL,
	`threshold_bps` integer NOT NULL,
	`rate_bps` integer NOT NULL,
	PRIMARY KEY(`program_id`, `position`),
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `program_baselines` (
	`program_id` integer NOT NULL,
	`month` text NOT NULL,
	`amount_minor` integer NOT NULL,
	PRIMARY KEY(`program_id`, `month`),
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `program_bonuses` (
	`program_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`skus` text DEFAULT '[]' NOT NULL,
	`start` text,
	`end` text,
	`rate_bps` integer,
	`per_unit_minor` integer,
	`requires` text DEFAULT '[]' NOT NULL,
	PRIMARY KEY(`program_id`, `position`),
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "program_bonuses_pays_one" CHECK((rate_bps IS NULL) <> (per_unit_minor IS NULL))
);
--> statement-breakpoint
CREATE TABLE `allocation_run_components` (
	`run_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`basis_minor` integer NOT NULL,
	`baseline_minor` integer,
	`paid_volume_minor` integer,
	`tier_index` integer,
	`rate_bps` integer,
	`per_unit_minor` integer,
	`requirements` text,
	`gross_minor` integer NOT NULL,
	`fee_minor` integer NOT NULL,
	`net_minor` integer NOT NULL,
	`limit_applied` text,
	PRIMARY KEY(`run_id`, `position`),
	FOREIGN KEY (`run_id`) REFERENCES `allocation_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `allocation_run_member_components` (
	`run_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`position` integer NOT NULL,
	`weight_minor` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	PRIMARY KEY(`run_id`, `member_id`, `position`),
	FOREIGN KEY (`run_id`) REFERENCES `allocation_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `line_totals_supplier`;--> statement-breakpoint
ALTER TABLE `line_totals` ADD `quantity` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `line_totals` ADD `fractional_lines` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- line_totals gain the quantities per-unit bonuses need: rebuilt from the lines of active reports
-- (as app/models/line-totals.server.ts does), before their index is made again.
DELETE FROM `line_totals`;--> statement-breakpoint
INSERT INTO `line_totals` (`report_id`, `supplier_id`, `member_id`, `category`, `currency`, `held`,
                           `first_date`, `last_date`, `amount_minor`, `line_count`, `id_sum`,
                           `first_id`, `quantity`, `fractional_lines`)
SELECT `report_id`, `supplier_id`, `member_id`, `category`, `currency`, (`duplicate_status` IS 'held'),
       min(`invoice_date`), max(`invoice_date`), sum(`amount_minor`), count(*), sum(`id`), min(`id`),
       coalesce(sum(CASE WHEN `quantity` = CAST(`quantity` AS INTEGER) THEN `quantity` END), 0),
       count(CASE WHEN `quantity` <> CAST(`quantity` AS INTEGER) THEN 1 END)
  FROM `report_lines`
 WHERE `member_id` IS NOT NULL
   AND `report_id` IN (SELECT `id` FROM `reports` WHERE `status` = 'active')
 GROUP BY `report_id`, `member_id`, `category`, `currency`, `duplicate_status` IS 'held';--> statement-breakpoint
CREATE INDEX `line_totals_supplier` ON `line_totals` (`supplier_id`,`currency`,`held`,`member_id`,`category`,`first_date`,`last_date`,`amount_minor`,`line_count`,`id_sum`,`quantity`,`fractional_lines`);--> statement-breakpoint
-- allocation_runs.tier_index may be NULL: a growth program that reaches no tier (SPEC 3.7). SQLite
-- cannot drop a NOT NULL in place: the table is rebuilt (SQLite's twelve steps). openDatabase runs
-- migrations with foreign keys off, as this needs, and checks them all before turning them on.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_allocation_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_id` integer NOT NULL,
	`month` text NOT NULL,
	`status` text DEFAULT 'preview' NOT NULL,
	`fingerprint` text NOT NULL,
	`pooled_volume_minor` integer NOT NULL,
	`tier_index` integer,
	`rate_bps` integer NOT NULL,
	`gross_minor` integer NOT NULL,
	`fee_minor` integer NOT NULL,
	`net_minor` integer NOT NULL,
	`posting_gross_minor` integer NOT NULL,
	`posting_fee_minor` integer NOT NULL,
	`posting_net_minor` integer NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`posted_by` integer,
	`posted_at` text,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`posted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_allocation_runs`("id", "program_id", "month", "status", "fingerprint", "pooled_volume_minor", "tier_index", "rate_bps", "gross_minor", "fee_minor", "net_minor", "posting_gross_minor", "posting_fee_minor", "posting_net_minor", "created_by", "created_at", "posted_by", "posted_at") SELECT "id", "program_id", "month", "status", "fingerprint", "pooled_volume_minor", "tier_index", "rate_bps", "gross_minor", "fee_minor", "net_minor", "posting_gross_minor", "posting_fee_minor", "posting_net_minor", "created_by", "created_at", "posted_by", "posted_at" FROM `allocation_runs`;--> statement-breakpoint
DROP TABLE `allocation_runs`;--> statement-breakpoint
ALTER TABLE `__new_allocation_runs` RENAME TO `allocation_runs`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `allocation_runs_program` ON `allocation_runs` (`program_id`,`month`);--> statement-breakpoint
ALTER TABLE `programs` ADD `basis` text DEFAULT 'volume' NOT NULL;--> statement-breakpoint
ALTER TABLE `programs` ADD `growth_pays` text;--> statement-breakpoint
ALTER TABLE `programs` ADD `volume_cap_minor` integer;--> statement-breakpoint
ALTER TABLE `programs` ADD `refund_cap_minor` integer;--> statement-breakpoint
ALTER TABLE `programs` ADD `minimum_refund_minor` integer;
