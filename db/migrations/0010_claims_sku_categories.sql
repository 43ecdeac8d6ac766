CREATE TABLE `supplier_sku_categories` (
	`supplier_id` integer NOT NULL,
	`sku` text NOT NULL,
	`category` text,
	PRIMARY KEY(`supplier_id`, `sku`)
);
