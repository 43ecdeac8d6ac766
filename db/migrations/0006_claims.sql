CREATE TABLE `claim_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`actor_user_id` integer,
	`action` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`reason` text,
	`comment` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_decisions_claim` ON `claim_decisions` (`claim_id`);--> statement-breakpoint
CREATE TABLE `claim_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`sku` text,
	`description` text,
	`category` text,
	`quantity` integer,
	`amount_minor` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_lines_claim` ON `claim_lines` (`claim_id`);--> statement-breakpoint
CREATE TABLE `claim_proofs` (
	`claim_id` integer PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`stored_path` text NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `claim_upload_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`upload_id` integer NOT NULL,
	`file` text NOT NULL,
	`outcome` text NOT NULL,
	`claim_id` integer,
	`code` text,
	`message` text,
	`supplier_id` integer,
	`invoice_number` text,
	`invoice_date` text,
	`currency` text,
	`amount_minor` integer,
	FOREIGN KEY (`upload_id`) REFERENCES `claim_uploads`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_upload_items_upload` ON `claim_upload_items` (`upload_id`,`id`);--> statement-breakpoint
CREATE TABLE `claim_uploads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`uploaded_by` integer,
	`file_name` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`stored_path` text,
	`invoices_read` integer DEFAULT 0 NOT NULL,
	`invoices_total` integer,
	`reported` integer DEFAULT 0 NOT NULL,
	`pending` integer DEFAULT 0 NOT NULL,
	`not_preferred` integer DEFAULT 0 NOT NULL,
	`refused` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`message` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claim_uploads_member` ON `claim_uploads` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `claim_uploads_status` ON `claim_uploads` (`status`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`upload_id` integer,
	`member_id` integer NOT NULL,
	`supplier_id` integer NOT NULL,
	`format` text NOT NULL,
	`kind` text DEFAULT 'sale' NOT NULL,
	`invoice_number` text NOT NULL,
	`invoice_key` text NOT NULL,
	`document_key` text,
	`invoice_date` text NOT NULL,
	`currency` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`comment` text,
	`reported_line_id` integer,
	`reported_amount_minor` integer,
	`due_on` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`upload_id`) REFERENCES `claim_uploads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `claims_document_key` ON `claims` (`document_key`) WHERE document_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX `claims_supplier_status` ON `claims` (`supplier_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `claims_member` ON `claims` (`member_id`,`id`);--> statement-breakpoint
CREATE INDEX `claims_status` ON `claims` (`status`,`due_on`);--> statement-breakpoint
CREATE INDEX `claims_supplier_key` ON `claims` (`supplier_id`,`invoice_key`);--> statement-breakpoint
CREATE INDEX `claims_accepted` ON `claims` (`supplier_id`,`invoice_date`) WHERE status = 'accepted';--> statement-breakpoint
CREATE TABLE `supplier_tax_ids` (
	`tax_id_normalized` text PRIMARY KEY NOT NULL,
	`supplier_id` integer NOT NULL,
	`tax_id` text NOT NULL,
	FOREIGN KEY (`supplier_id`) REFERENCES `suppliers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `supplier_tax_ids_supplier` ON `supplier_tax_ids` (`supplier_id`);--> statement-breakpoint
ALTER TABLE `report_lines` ADD `invoice_key` text;--> statement-breakpoint
CREATE INDEX `report_lines_invoice_key` ON `report_lines` (`supplier_id`,`invoice_key`,`member_id`);