DROP TABLE `sku_totals`;--> statement-breakpoint
DROP INDEX `report_lines_fractional`;--> statement-breakpoint
DROP INDEX `line_totals_supplier`;--> statement-breakpoint
CREATE INDEX `line_totals_supplier` ON `line_totals` (`supplier_id`,`currency`,`held`,`member_id`,`category`,`first_date`,`last_date`,`amount_minor`,`line_count`,`id_sum`);