CREATE TABLE `line_totals` (
	`report_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`category` text,
	`currency` text NOT NULL,
	`held` integer NOT NULL,
	`first_date` text NOT NULL,
	`last_date` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`line_count` integer NOT NULL,
	`id_sum` integer NOT NULL,
	`first_id` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `line_totals_report` ON `line_totals` (`report_id`);--> statement-breakpoint
CREATE INDEX `line_totals_supplier` ON `line_totals` (`supplier_id`,`currency`,`held`,`member_id`,`category`,`first_date`,`last_date`,`amount_minor`,`line_count`,`id_sum`);--> statement-breakpoint
DROP INDEX `report_lines_supplier_key`;--> statement-breakpoint
DROP INDEX `report_lines_report`;--> statement-breakpoint
CREATE INDEX `report_lines_key` ON `report_lines` (`customer_key`,`supplier_id`);--> statement-breakpoint
CREATE INDEX `report_lines_unmatched` ON `report_lines` (`supplier_id`,`customer_key`,`report_id`,`currency`,`amount_minor`,`customer_name`) WHERE member_id IS NULL;--> statement-breakpoint
CREATE INDEX `report_lines_held` ON `report_lines` (`report_id`) WHERE duplicate_status = 'held';--> statement-breakpoint
CREATE INDEX `report_lines_report` ON `report_lines` (`report_id`,`currency`,`member_id`,`category`,`invoice_date`,`amount_minor`,`duplicate_status`);--> statement-breakpoint
ALTER TABLE `reports` ADD `details` text;--> statement-breakpoint
CREATE INDEX `reports_supplier` ON `reports` (`supplier_id`);