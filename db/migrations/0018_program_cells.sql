CREATE TABLE `program_cell_builds` (
	`program_id` integer PRIMARY KEY NOT NULL,
	`stamp` text NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `program_cell_lines` (
	`program_id` integer NOT NULL,
	`line_id` integer NOT NULL,
	`report_id` integer NOT NULL,
	`invoice_date` text NOT NULL,
	PRIMARY KEY(`program_id`, `line_id`),
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `program_cell_lines_report` ON `program_cell_lines` (`report_id`);--> statement-breakpoint
CREATE TABLE `program_cells` (
	`program_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`signature` text NOT NULL,
	`report_id` integer NOT NULL,
	`period_from` text NOT NULL,
	`period_to` text NOT NULL,
	`category` text,
	`sku` text,
	`amount_minor` integer NOT NULL,
	`quantity` integer NOT NULL,
	`line_count` integer NOT NULL,
	`id_sum` integer NOT NULL,
	PRIMARY KEY(`program_id`, `member_id`, `signature`, `report_id`, `period_from`),
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade

) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `program_cells_report` ON `program_cells` (`report_id`);