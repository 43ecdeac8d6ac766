CREATE INDEX `report_lines_unmatched` ON `report_lines` (`supplier_id`,`customer_key`,`report_id`,`currency`,`amount_minor`,`customer_name`) WHERE member_id IS NULL;--> statement-breakpoint
CREATE INDEX `report_lines_held` ON `report_lines` (`report_id`) WHERE duplicate_status = 'held';--> statement-breakpoint
CREATE INDEX `reports_supplier` ON `reports` (`supplier_id`);