-- sku_totals for the lines already stored (decision 048): the same sums as
-- app/models/line-totals.server.ts writes, over every active report, each row carrying its
-- line_totals parent's first and last invoice dates and fractional lines.
INSERT INTO `sku_totals` (`report_id`, `supplier_id`, `member_id`, `category`, `sku`, `currency`,
                          `held`, `first_date`, `last_date`, `fractional_lines`, `amount_minor`,
                          `line_count`, `id_sum`, `quantity`)
SELECT `report_id`, `supplier_id`, `member_id`, `category`, `sku`, `currency`, `held`, `first_date`,
       `last_date`, `fractional_lines`, `amount_minor`, `line_count`, `id_sum`, `quantity`
  FROM (SELECT `report_id`, `supplier_id`, `member_id`, `category`, `sku`, `currency`,
               (`duplicate_status` IS 'held') AS `held`,
               min(min(`invoice_date`)) OVER `parent` AS `first_date`,
               max(max(`invoice_date`)) OVER `parent` AS `last_date`,
               sum(count(CASE WHEN `quantity` <> CAST(`quantity` AS INTEGER) THEN 1 END)) OVER `parent`
                 AS `fractional_lines`,
               sum(`amount_minor`) AS `amount_minor`, count(*) AS `line_count`, sum(`id`) AS `id_sum`,
               coalesce(sum(CASE WHEN `quantity` = CAST(`quantity` AS INTEGER) THEN `quantity` END), 0)
                 AS `quantity`
          FROM `report_lines`
         WHERE `member_id` IS NOT NULL
           AND `report_id` IN (SELECT `id` FROM `reports` WHERE `status` = 'active')
         GROUP BY `report_id`, `member_id`, `category`, `currency`, `duplicate_status` IS 'held', `sku`
        WINDOW `parent` AS (PARTITION BY `report_id`, `member_id`, `category`, `currency`,
                                         `duplicate_status` IS 'held'))
 WHERE `sku` IS NOT NULL;
