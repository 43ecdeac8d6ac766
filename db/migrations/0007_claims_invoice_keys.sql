-- Report lines landed before claims existed get their normalized invoice number (SPEC 5.2,
-- decision 055): tp_invoice_key() is registered on every connection by openDatabase.
UPDATE `report_lines` SET `invoice_key` = tp_invoice_key(`invoice_number`) WHERE `invoice_key` IS NULL;
