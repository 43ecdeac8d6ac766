-- The category each supplier last reported for each SKU, from the lines already landed (SPEC 5.2):
-- in line order, so the last one reported wins.
INSERT OR REPLACE INTO `supplier_sku_categories` (`supplier_id`, `sku`, `category`)
SELECT `supplier_id`, `sku`, `category` FROM `report_lines` WHERE `sku` IS NOT NULL ORDER BY `id`;
