-- Duplicate look-ups go through report_lines_invoice_key (supplier, normalized invoice number),
-- which claims need anyway; the index on the raw number cost every landing ~5 % (decision 090).
DROP INDEX `report_lines_dup`;
