CREATE TABLE `sku_totals` (
	`report_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`category` text,
	`sku` text NOT NULL,
	`currency` text NOT NULL,
	`held` integer NOT NULL,
	`first_date` text NOT NULL,
	`last_date` text NOT NULL,
	`fractional_lines` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`line_count` integer NOT NULL,
	`id_sum` integer NOT NULL,
	`quantity` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sku_totals_report` ON `sku_totals` (`report_id`);--> statement-breakpoint
CREATE INDEX `sku_totals_supplier` ON `sku_totals` (`supplier_id`,`currency`,`held`,`sku`,`member_id`,`category`,`first_date`,`last_date`,`fractional_lines`,`amount_minor`,`line_count`,`id_sum`,`quantity`);