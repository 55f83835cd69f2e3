-- sqlsafe_good.sql — realistic BI queries; every one must be ACCEPTED by
-- sqlsafe_validate(). Entries are separated by lines holding only "-- ---".
-- ---
SELECT c.name, sum(o.total) AS revenue
FROM orders o JOIN customers c ON c.id = o.customer_id
WHERE o.created_at >= date_trunc('quarter', now()) - interval '3 months'
  AND o.created_at < date_trunc('quarter', now())
GROUP BY c.name
ORDER BY revenue DESC
LIMIT 10;
-- ---
SELECT date_trunc('month', created_at)::date AS month, count(*) AS orders
FROM orders
WHERE extract(year FROM created_at) = 2024
GROUP BY 1 ORDER BY 1
-- ---
SELECT region, avg(total)::numeric(12,2) AS avg_order_value
FROM orders o LEFT JOIN stores s USING (store_id)
GROUP BY region
HAVING count(*) > 10
-- ---
-- top products with a running total
WITH product_sales AS (
  SELECT p.name, sum(li.quantity * li.unit_price) AS sales
  FROM line_items li JOIN products p ON p.id = li.product_id
  GROUP BY p.name
)
SELECT name, sales,
       sum(sales) OVER (ORDER BY sales DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,
       round(100.0 * sales / sum(sales) OVER (), 1) AS pct
FROM product_sales
ORDER BY sales DESC
-- ---
SELECT customer_id, created_at, total,
       lag(total) OVER w AS previous_total,
       lead(created_at) OVER w AS next_order,
       row_number() OVER w AS n
FROM orders
WINDOW w AS (PARTITION BY customer_id ORDER BY created_at)
-- ---
SELECT status,
       count(*) FILTER (WHERE total > 100) AS big,
       count(*) FILTER (WHERE total <= 100) AS small,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY total) AS median,
       percentile_disc(0.9) WITHIN GROUP (ORDER BY total) AS p90,
       mode() WITHIN GROUP (ORDER BY channel) AS top_channel
FROM orders GROUP BY status
-- ---
SELECT region, product_line, sum(total)
FROM sales
GROUP BY GROUPING SETS ((region, product_line), (region), ())
-- ---
SELECT region, channel, sum(total), grouping(region, channel) AS g
FROM sales GROUP BY ROLLUP (region, channel)
-- ---
SELECT year, quarter, sum(total) FROM sales GROUP BY CUBE (year, quarter)
-- ---
SELECT d::date AS day, coalesce(count(o.id), 0) AS orders
FROM generate_series(date '2024-01-01', date '2024-01-31', interval '1 day') AS d
LEFT JOIN orders o ON o.created_at::date = d::date
GROUP BY 1 ORDER BY 1
-- ---
SELECT c.name, recent.total, recent.created_at
FROM customers c
CROSS JOIN LATERAL (
  SELECT total, created_at FROM orders o WHERE o.customer_id = c.id
  ORDER BY created_at DESC LIMIT 3
) AS recent
-- ---
SELECT id, payload->>'event' AS event, (payload->'props'->>'amount')::numeric AS amount,
       jsonb_array_length(payload->'items') AS n_items
FROM events
WHERE payload @> '{"event": "purchase"}'::jsonb
-- ---
SELECT e.id, item->>'sku' AS sku, (item->>'qty')::int AS qty
FROM events e, jsonb_array_elements(e.payload->'items') AS item
-- ---
SELECT jsonb_build_object('region', region, 'total', sum(total)) AS doc,
       jsonb_agg(DISTINCT channel) AS channels,
       json_agg(id ORDER BY id) AS ids
FROM orders GROUP BY region
-- ---
SELECT name,
       CASE WHEN total >= 1000 THEN 'gold'
            WHEN total >= 100 THEN 'silver'
            ELSE 'bronze' END AS tier,
       nullif(discount, 0) AS discount,
       greatest(total - discount, 0) AS net,
       least(total, 5000) AS capped
FROM customers
-- ---
SELECT 'It''s a ; DROP TABLE t; $$ string' AS s, $$dollar ; DELETE FROM t$$ AS d, $tag$ $$ $tag$ AS e
-- ---
/* a block comment; DROP TABLE t; /* nested */ still comment */
SELECT count(*) FROM orders -- trailing comment; DELETE FROM t
-- ---
SELECT to_char(created_at, 'YYYY-MM') AS ym, to_char(sum(total), 'FM999G999D00') AS total
FROM orders GROUP BY 1 ORDER BY 1
-- ---
SELECT age(now(), signup_date) AS tenure, make_date(2024, 1, 1) AS jan1,
       date_part('dow', created_at) AS dow, created_at AT TIME ZONE 'Europe/Berlin' AS local_time,
       justify_interval(now() - created_at) AS since
FROM customers
-- ---
SELECT lower(trim(email)) AS email, split_part(email, '@', 2) AS domain,
       initcap(name), left(name, 1) || '.' AS initial, length(name),
       regexp_replace(phone, '[^0-9]', '', 'g') AS digits,
       concat_ws(' ', first_name, last_name) AS full_name,
       substring(zip FROM 1 FOR 3) AS zip3, position('@' IN email) AS at_pos
FROM customers
-- ---
SELECT region, string_agg(DISTINCT name, ', ' ORDER BY name) AS names, array_agg(id) AS ids
FROM stores GROUP BY region
-- ---
SELECT unnest(ARRAY['a','b','c']) AS letter, generate_series(1, 3) AS n
-- ---
VALUES (1, 'one'), (2, 'two'), (3, 'three')
-- ---
SELECT region FROM stores UNION SELECT region FROM warehouses
EXCEPT SELECT region FROM closed_regions ORDER BY 1
-- ---
TABLE monthly_revenue
-- ---
SELECT id, total FROM orders o
WHERE total > (SELECT avg(total) FROM orders o2 WHERE o2.customer_id = o.customer_id)
  AND EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = o.id) IS NOT TRUE
  AND customer_id = ANY (ARRAY[1, 2, 3])
-- ---
SELECT ntile(4) OVER (ORDER BY total) AS quartile, rank() OVER (ORDER BY total DESC),
       dense_rank() OVER (ORDER BY total DESC), percent_rank() OVER (ORDER BY total),
       cume_dist() OVER (ORDER BY total), first_value(id) OVER w, last_value(id) OVER w,
       nth_value(id, 2) OVER w
FROM orders WINDOW w AS (ORDER BY created_at RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
-- ---
SELECT stddev(total), variance(total), corr(total, discount), regr_slope(total, discount),
       bool_and(paid), bool_or(refunded), every(shipped), min(created_at), max(created_at)
FROM orders
-- ---
SELECT abs(delta), ceil(x), floor(x), round(x::numeric, 2), trunc(x), sqrt(abs(x)),
       power(x, 2), exp(1), ln(2), log(100), mod(id, 7), sign(delta), width_bucket(total, 0, 1000, 10)
FROM metrics
-- ---
WITH RECURSIVE days(d) AS (
  SELECT date '2024-01-01'
  UNION ALL
  SELECT d + 1 FROM days WHERE d < date '2024-12-31'
)
SELECT count(*) FROM days
-- ---
SELECT id FROM orders WHERE created_at BETWEEN '2024-01-01' AND '2024-03-31'
  AND status IN ('paid', 'shipped') AND note ILIKE '%urgent%' AND coupon IS NULL
ORDER BY created_at DESC NULLS LAST OFFSET 20 LIMIT 10
-- ---
SELECT tstzrange(start_at, end_at) && tstzrange(now() - interval '1 day', now()) AS overlaps_today,
       upper(daterange(start_date, end_date)) - lower(daterange(start_date, end_date)) AS days
FROM bookings
-- ---
SELECT DISTINCT ON (customer_id) customer_id, created_at, total
FROM orders ORDER BY customer_id, created_at DESC
-- ---
SELECT "Order Id", "Customer Name" FROM "Sales Report 2024" sr WHERE sr."Region" = 'EMEA'
-- ---
SELECT md5(email) AS hashed, current_date, current_user, version(), random() < 0.1 AS sampled
FROM customers TABLESAMPLE BERNOULLI (10)
-- ---
SELECT x.region, x.total FROM analytics.region_totals AS x
JOIN public.regions r ON r.code = x.region
WHERE x.total IS DISTINCT FROM 0
-- ---
SELECT date_bin('15 minutes', ts, timestamp '2024-01-01'), count(*)
FROM clicks GROUP BY 1 ORDER BY 1
-- ---
SELECT format('%s: %s', name, total), to_number('12,454.8-', '99G999D9S'),
       to_date('05 Dec 2000', 'DD Mon YYYY'), to_timestamp(1700000000)
FROM customers
-- ---
SELECT t.*, jsonb_path_query_first(doc, '$.customer.name') AS cname, doc #>> '{a,b}' AS ab
FROM docs t
WHERE jsonb_path_exists(doc, '$.items[*] ? (@.price > 10)')
