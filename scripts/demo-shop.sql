-- demo-shop.sql — the DataMind demo "shop" database, generated
-- deterministically by SQL (setseed + generate_series, no loops).
--
-- Load it into a freshly created, empty database named "shop":
--
--   createdb shop
--   psql -v ON_ERROR_STOP=1 -v reader_password='…' -d shop -f scripts/demo-shop.sql
--
-- psql variables:
--   reader_password  (required) password of the LOGIN role shop_reader; the
--                    role is created if missing and its password is reset to
--                    this value on every run.
--   n_orders         (optional, default 100000) number of orders.
--   n_customers      (optional, default 8000) number of customers.
-- The script refuses to run in a database called "datamind" or in one whose
-- schema public holds tables other than the ones below; the shop tables are
-- dropped and recreated, so re-running it is fine. Runs in ~4 s.
--
-- SCHEMA (public; every *_id column is a declared foreign key)
--   regions     (id, name)  1 EMEA, 2 North America, 3 APAC, 4 LATAM
--   countries   (id, name, code ISO-3166 alpha-2, region_id)  20 countries:
--               EMEA: Germany DE, France FR, United Kingdom GB, Spain ES,
--               Italy IT, Netherlands NL, Sweden SE, Poland PL, Ireland IE,
--               Switzerland CH; North America: United States US, Canada CA;
--               LATAM: Mexico MX, Brazil BR, Argentina AR; APAC: Japan JP,
--               Australia AU, India IN, Singapore SG, South Korea KR.
--   customers   (id, name, email, country_id, city, segment, created_at)
--               8,000 rows; segment 'Consumer' (~70 %, person names),
--               'Small Business' (~22 %) or 'Enterprise' (~8 %) (company
--               names with a local legal suffix: GmbH, Ltd, Inc., K.K. …).
--               email NULL for ~2 %, city NULL for ~1 %. Names are unique.
--               Odd names on purpose: O'Brien, Müller, Zoë, José, Łukasz …,
--               'Rocket 🚀 Labs Inc.', '<b>Bold</b> & Brave Ltd',
--               'Robert''); DROP TABLE customers;--', 'Café "Zum Löwen" GmbH',
--               'さくら Trading K.K.', '100% Pure_Organics Pty Ltd',
--               'Slash\Dot Media B.V.' and one 100+ character name.
--               created_at (timestamptz): ~22 % in the 2 years before the
--               order window, the rest inside it, growing over time. A
--               customer's orders are all on days after created_at; ~5 % of
--               customers never ordered.
--   categories  (id, name)  1 Electronics, 2 Books, 3 Home & Kitchen,
--               4 Sports, 5 Toys, 6 Clothing, 7 Beauty, 8 Garden
--   products    (id, name, category_id, unit_price numeric(10,2),
--               cost numeric(10,2), launched_at date)  200 products, 25 per
--               category, unique realistic names ("Widget Pro",
--               "Noise-Cancelling Headphones", "Yoga Mat" …). unit_price is
--               the current list price; cost is NULL for 'Widget Mini' and
--               'Crème Brûlée Body Scrub'. 5 products per category were
--               launched inside the order window (never ordered before
--               launched_at), the others before it. ids follow launched_at.
--   orders      (id, customer_id, ordered_at timestamptz, status, channel,
--               shipping_country_id)  exactly n_orders (100,000) rows, ids in
--               ordered_at order. status: 'completed' (~87 %), 'cancelled'
--               (~5 %), 'returned' (~6 %), and for the last days 'pending' /
--               'shipped'. channel: 'web', 'mobile' (share grows from ~25 %
--               to ~40 %), 'store' (~12 %). shipping_country_id = the
--               customer's country_id for ~97 % of orders, another one else.
--   order_items (id, order_id, product_id, quantity int, unit_price
--               numeric(10,2), discount numeric(4,2))  1–5 lines per order
--               (mean 2.5, ~250,000 rows), one line per product per order.
--               unit_price = the list price in the year of the order (list
--               prices rise ~4 % every 1 January, so current-year lines match
--               products.unit_price); discount is a FRACTION (0, .05 … .25);
--               line revenue = quantity * unit_price * (1 - discount).
--               Cancelled and returned orders keep their lines.
--
-- GENERATION
--   All dates are relative to the run day, in UTC (the script sets
--   TimeZone = 'UTC'): orders are on the days
--   [current_date - interval '3 years', current_date) — three full years up
--   to yesterday, never in the future, nothing today. Orders per day follow
--   month (December peak, then November; July/August dip), weekday (Monday
--   highest, Saturday lowest), Black Friday (busiest day of every year),
--   Cyber Monday, a Christmas dip, ~25 %/year growth and ±10 % daily
--   noise; the daily counts are scaled so the total is exactly n_orders.
--   Category mix is seasonal too (Toys in December, Garden in spring,
--   Sports in January). Customers are picked with heavy-tailed activity
--   weights (Enterprise > Small Business > Consumer); 'Rocket 🚀 Labs Inc.'
--   is the most active customer and '<b>Bold</b> & Brave Ltd' the second.
--   Every random() draw is made in a statement ordered by a unique key, with
--   parallel query off, after SELECT setseed(0.42): two runs on the same
--   (UTC) day produce identical data; on another day the dates shift and
--   the orders differ in detail but not in shape.
--
-- ROLE
--   shop_reader: LOGIN, CONNECT on this database, USAGE on schema public,
--   SELECT on all its tables (and on future ones via default privileges),
--   default_transaction_read_only = on. CREATE on schema public is revoked
--   from PUBLIC.

\set QUIET on
\if :{?reader_password}
\else
  \echo 'demo-shop.sql: set the password of role shop_reader: psql -v reader_password=... -f scripts/demo-shop.sql'
  DO $$ BEGIN RAISE EXCEPTION 'psql variable reader_password is not set'; END $$;
\endif
\if :{?n_orders}
\else
  \set n_orders 100000
\endif
\if :{?n_customers}
\else
  \set n_customers 8000
\endif

SET client_min_messages = warning;
SET synchronous_commit = off;
SET max_parallel_workers_per_gather = 0;
SET synchronize_seqscans = off;
SET jit = off;
SET TimeZone = 'UTC';
SET temp_buffers = '128MB';
SET work_mem = '64MB';
SET maintenance_work_mem = '128MB';

BEGIN;

DO $$
BEGIN
  IF current_database() = 'datamind' THEN
    RAISE EXCEPTION 'demo-shop.sql must not run in the database "datamind"';
  END IF;
  IF EXISTS (SELECT FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN
             ('regions', 'countries', 'customers', 'categories', 'products', 'orders', 'order_items')) THEN
    RAISE EXCEPTION 'database % has other tables in schema public; load the demo into an empty database', current_database();
  END IF;
END $$;

DROP TABLE IF EXISTS order_items, orders, products, categories, customers, countries, regions CASCADE;

SELECT setseed(0.42) AS seeded \gset

-- ---------------------------------------------------------------- tables
CREATE TABLE regions (
  id   integer PRIMARY KEY,
  name text NOT NULL UNIQUE
);
CREATE TABLE countries (
  id        integer PRIMARY KEY,
  name      text NOT NULL UNIQUE,
  code      char(2) NOT NULL UNIQUE,
  region_id integer NOT NULL
);
CREATE TABLE customers (
  id         integer PRIMARY KEY,
  name       text NOT NULL,
  email      text,
  country_id integer NOT NULL,
  city       text,
  segment    text NOT NULL CHECK (segment IN ('Consumer', 'Small Business', 'Enterprise')),
  created_at timestamptz NOT NULL
);
CREATE TABLE categories (
  id   integer PRIMARY KEY,
  name text NOT NULL UNIQUE
);
CREATE TABLE products (
  id          integer PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  category_id integer NOT NULL,
  unit_price  numeric(10,2) NOT NULL CHECK (unit_price >= 0),
  cost        numeric(10,2) CHECK (cost >= 0),
  launched_at date NOT NULL
);
CREATE TABLE orders (
  id                  integer PRIMARY KEY,
  customer_id         integer NOT NULL,
  ordered_at          timestamptz NOT NULL,
  status              text NOT NULL CHECK (status IN ('completed', 'shipped', 'cancelled', 'returned', 'pending')),
  channel             text NOT NULL CHECK (channel IN ('web', 'mobile', 'store')),
  shipping_country_id integer
);
CREATE TABLE order_items (
  id         integer PRIMARY KEY,
  order_id   integer NOT NULL,
  product_id integer NOT NULL,
  quantity   integer NOT NULL CHECK (quantity > 0),
  unit_price numeric(10,2) NOT NULL CHECK (unit_price >= 0),
  discount   numeric(4,2) NOT NULL DEFAULT 0 CHECK (discount >= 0 AND discount < 1)
);

-- ------------------------------------------------------------ parameters
CREATE TEMP TABLE prm AS
SELECT (current_date - interval '3 years')::date AS start_day,
       current_date - 1 AS end_day,
       (current_date - 1) - (current_date - interval '3 years')::date + 1 AS n_days,
       extract(year FROM current_date)::int AS this_year;

-- ------------------------------------------------- regions and countries
INSERT INTO regions (id, name) VALUES
  (1, 'EMEA'), (2, 'North America'), (3, 'APAC'), (4, 'LATAM');

CREATE TEMP TABLE co (id int, name text, code text, region_id int, weight float8, suffix text, cities text[]);
INSERT INTO co VALUES
  ( 1, 'Germany',        'DE', 1, 10, 'GmbH',         '{Berlin,Hamburg,Munich,Cologne,Frankfurt,Düsseldorf,Stuttgart}'),
  ( 2, 'France',         'FR', 1,  8, 'SARL',         '{Paris,Lyon,Marseille,Toulouse,Nice,Bordeaux}'),
  ( 3, 'United Kingdom', 'GB', 1,  9, 'Ltd',          '{London,Manchester,Birmingham,Edinburgh,Bristol,Leeds}'),
  ( 4, 'Spain',          'ES', 1,  5, 'S.L.',         '{Madrid,Barcelona,Valencia,Seville,Málaga}'),
  ( 5, 'Italy',          'IT', 1,  5, 'S.r.l.',       '{Rome,Milan,Naples,Turin,Florence,Bologna}'),
  ( 6, 'Netherlands',    'NL', 1,  4, 'B.V.',         '{Amsterdam,Rotterdam,Utrecht,"The Hague",Eindhoven}'),
  ( 7, 'Sweden',         'SE', 1,  3, 'AB',           '{Stockholm,Gothenburg,Malmö,Uppsala}'),
  ( 8, 'Poland',         'PL', 1,  3, 'Sp. z o.o.',   '{Warsaw,Kraków,Łódź,Wrocław,Gdańsk}'),
  ( 9, 'Ireland',        'IE', 1,  2, 'Ltd',          '{Dublin,Cork,Galway,Limerick}'),
  (10, 'Switzerland',    'CH', 1,  2, 'AG',           '{Zürich,Geneva,Basel,Bern,Lausanne}'),
  (11, 'United States',  'US', 2, 20, 'Inc.',         '{"New York","Los Angeles",Chicago,Houston,Seattle,"San Francisco",Austin,Boston,Miami,Denver,Atlanta,Phoenix}'),
  (12, 'Canada',         'CA', 2,  5, 'Inc.',         '{Toronto,Vancouver,Montréal,Calgary,Ottawa}'),
  (13, 'Mexico',         'MX', 4,  3, 'S.A. de C.V.', '{"Mexico City",Guadalajara,Monterrey,Puebla}'),
  (14, 'Brazil',         'BR', 4,  4, 'Ltda.',        '{"São Paulo","Rio de Janeiro","Belo Horizonte",Brasília,Curitiba}'),
  (15, 'Argentina',      'AR', 4,  2, 'S.A.',         '{"Buenos Aires",Córdoba,Rosario,Mendoza}'),
  (16, 'Japan',          'JP', 3,  5, 'K.K.',         '{Tokyo,Osaka,Yokohama,Nagoya,Sapporo,Fukuoka}'),
  (17, 'Australia',      'AU', 3,  4, 'Pty Ltd',      '{Sydney,Melbourne,Brisbane,Perth,Adelaide}'),
  (18, 'India',          'IN', 3,  4, 'Pvt. Ltd.',    '{Mumbai,Delhi,Bengaluru,Hyderabad,Chennai,Pune}'),
  (19, 'Singapore',      'SG', 3,  2, 'Pte. Ltd.',    '{Singapore}'),
  (20, 'South Korea',    'KR', 3,  3, 'Co., Ltd.',    '{Seoul,Busan,Incheon,Daegu}');

INSERT INTO countries (id, name, code, region_id)
SELECT id, name, code, region_id FROM co ORDER BY id;

CREATE TEMP TABLE co_w AS
SELECT id, code, suffix, cities,
       (sum(weight) OVER (ORDER BY id) - weight) / sum(weight) OVER () AS lo,
       sum(weight) OVER (ORDER BY id) / sum(weight) OVER () AS hi
FROM co;
UPDATE co_w SET hi = 2 WHERE id = 20;   -- guard against float rounding at 1.0

-- ------------------------------------------------------------- customers
CREATE TEMP TABLE names AS
SELECT '{James,Mary,John,Patricia,Robert,Jennifer,Michael,Linda,David,Elizabeth,William,Sarah,Thomas,Emma,Daniel,Olivia,Matthew,Sophia,Lucas,Mia,Noah,Charlotte,Liam,Amelia,Oliver,Isabella,Ethan,Ava,Leon,Hannah,Jürgen,Zoë,José,María,François,Chloé,Renée,Søren,Björn,Åsa,Łukasz,Małgorzata,Siobhán,Seán,Niamh,Giuseppe,Giulia,Marco,Francesca,Lorenzo,Sofía,Mateo,Valentina,Santiago,Camila,João,Ana,Pedro,Luísa,Hiroshi,Yuki,Haruto,Sakura,Kenji,Aiko,Min-jun,Ji-woo,Seo-yeon,Priya,Arjun,Ananya,Rahul,Aditya,Wei,Mei,Jun,Li,Chen,Ahmed,Fatima,Omar,Layla,Anna,Jan,Eva,Pieter,Sanne,Lars,Ingrid,Emil,Freya,Max,Lena,Felix,Clara,Paul,Marie,Hugo,Léa,Nina}'::text[] AS first_names,
       '{Smith,Johnson,Williams,Brown,Jones,Miller,Davis,Wilson,Anderson,Taylor,Thomas,Moore,Martin,Jackson,White,Harris,Clark,Lewis,Walker,Young,O''Brien,O''Connor,O''Neill,D''Angelo,D''Souza,MacDonald,McCarthy,Müller,Schmidt,Schneider,Fischer,Weber,Wagner,Becker,Hoffmann,Schäfer,Köhler,Dubois,Durand,Lefèvre,Moreau,Laurent,Girard,Bonnet,García,Fernández,González,Rodríguez,López,Martínez,Sánchez,Pérez,Núñez,Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Silva,Santos,Oliveira,Souza,Costa,Pereira,Almeida,Kowalski,Nowak,Wiśniewski,Wójcik,Lewandowski,Dvořák,Novák,Andersson,Johansson,Karlsson,Nilsson,Eriksson,Østergaard,"van der Berg","de Vries",Jansen,Bakker,Visser,Tanaka,Suzuki,Takahashi,Watanabe,Yamamoto,Kim,Lee,Park,Choi,Patel,Sharma,Singh,Gupta,Nguyen,Tran,Wang,Zhang,Liu,Chen}'::text[] AS last_names,
       '{Consulting,Logistics,Foods,Design,Media,Labs,Systems,Trading,Partners,Holdings,Solutions,Analytics,Studio,Works,Supply,Retail,Engineering,Healthcare,Ventures,Group,Digital,Software,Interiors,Outdoor,Textiles,Print,Events,Marketing,Robotics,Energy,Bakery,Café,Architects,Dental,Fitness,Motors,Travel,Optics,Pharma,Furniture}'::text[] AS trades;

-- slug(): ASCII-fold for e-mail addresses
CREATE FUNCTION pg_temp.slug(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(lower(translate(replace(replace(t, 'ß', 'ss'), 'æ', 'ae'),
    'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŁłŃńŚśŹźŻżČčŘřŠšŽž',
    'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyyLlNnSsZzZzCcRrSsZz')),
    '[^a-z0-9.-]+', '', 'g')
$$;

-- random draws, one row per customer, in a fixed order
CREATE TEMP TABLE c_r AS
SELECT g AS seq, random() AS r_country, random() AS r_seg, random() AS r_city,
       random() AS r_null, random() AS r_pre, random() AS r_day, random() AS r_time,
       random() AS r_w, random() AS r_zero, random() AS r_dom
FROM generate_series(1, :n_customers) AS g
ORDER BY g;

-- name pools, shuffled: persons (first x last), companies (last x trade)
CREATE TEMP TABLE person_pool AS
SELECT g, random() AS r
FROM generate_series(1, (SELECT cardinality(first_names) * cardinality(last_names) FROM names)) AS g
ORDER BY g;
CREATE TEMP TABLE company_pool AS
SELECT g, random() AS r
FROM generate_series(1, (SELECT cardinality(last_names) * cardinality(trades) FROM names)) AS g
ORDER BY g;

-- deliberate oddities (fixed rows; also the two most active customers)
CREATE TEMP TABLE odd (seq int, name text, code text, segment text, email text, weight float8);
INSERT INTO odd VALUES
  (  97, 'Rocket 🚀 Labs Inc.', 'US', 'Enterprise', 'orders@rocket-labs.example', 80),
  ( 211, '<b>Bold</b> & Brave Ltd', 'GB', 'Small Business', 'hello@bold-and-brave.example', 60),
  (1009, 'Robert''); DROP TABLE customers;--', 'US', 'Consumer', NULL, 3),
  (2003, 'Café "Zum Löwen" GmbH', 'DE', 'Small Business', 'info@zum-loewen.example', 6),
  (3001, 'さくら Trading K.K.', 'JP', 'Small Business', 'info@sakura-trading.example', 4),
  (4007, 'The Extraordinarily Long-Named International Consolidated Holdings Corporation of Greater Vancouver Inc.', 'CA', 'Enterprise', 'procurement@eliconhold.example', 8),
  (5003, '100% Pure_Organics Pty Ltd', 'AU', 'Small Business', 'shop@pure-organics.example', 4),
  (6007, 'Zoë O''Brien-Müller', 'IE', 'Consumer', 'zoe.obrien-muller@example.com', 2),
  (7001, 'Slash\Dot Media B.V.', 'NL', 'Small Business', 'info@slashdot-media.example', 3);

CREATE TEMP TABLE c_b AS
SELECT r.*, k.id AS country_id, k.suffix, k.cities,
       coalesce(o.segment, CASE WHEN r.r_seg < 0.70 THEN 'Consumer'
                                WHEN r.r_seg < 0.92 THEN 'Small Business'
                                ELSE 'Enterprise' END) AS segment,
       o.name AS odd_name, o.email AS odd_email, o.weight AS odd_weight, o.seq IS NOT NULL AS is_odd
FROM c_r r
LEFT JOIN odd o ON o.seq = r.seq
JOIN co_w k ON CASE WHEN o.code IS NOT NULL THEN k.code = o.code
                    ELSE r.r_country >= k.lo AND r.r_country < k.hi END
ORDER BY r.seq;

CREATE TEMP TABLE c_n AS
SELECT b.*, row_number() OVER (PARTITION BY b.segment = 'Consumer' ORDER BY b.seq) AS k
FROM c_b b WHERE NOT b.is_odd;

CREATE TEMP TABLE pp AS
SELECT row_number() OVER (ORDER BY r, g) AS k,
       n.first_names[(g - 1) / cardinality(n.last_names) + 1] AS fn,
       n.last_names[(g - 1) % cardinality(n.last_names) + 1] AS ln
FROM person_pool, names n;
CREATE TEMP TABLE cp AS
SELECT row_number() OVER (ORDER BY r, g) AS k,
       n.last_names[(g - 1) / cardinality(n.trades) + 1] AS ln,
       n.trades[(g - 1) % cardinality(n.trades) + 1] AS trade
FROM company_pool, names n;

CREATE TEMP TABLE c AS
WITH named AS (
  SELECT b.seq, b.country_id, b.segment, b.r_city, b.r_null, b.cities,
         CASE WHEN b.is_odd THEN b.odd_name
              WHEN b.segment = 'Consumer' THEN pp.fn || ' ' || pp.ln
              ELSE cp.ln || ' ' || cp.trade || ' ' || b.suffix END AS name,
         CASE WHEN b.is_odd THEN b.odd_email
              WHEN b.r_null >= 0.01 AND b.r_null < 0.03 THEN NULL
              WHEN b.segment = 'Consumer' THEN
                pg_temp.slug(pp.fn) || '.' || pg_temp.slug(replace(pp.ln, ' ', '')) || '@' ||
                (ARRAY['example.com', 'example.net', 'example.org', 'mail.example'])[1 + floor(b.r_dom * 4)::int]
              ELSE (ARRAY['info', 'contact', 'orders', 'hello'])[1 + floor(b.r_dom * 4)::int] || '@' ||
                pg_temp.slug(replace(cp.ln, ' ', '-') || '-' || cp.trade) || '.example' END AS email,
         CASE WHEN b.is_odd THEN b.odd_weight
              WHEN b.r_zero < 0.04 THEN 0
              ELSE (CASE b.segment WHEN 'Enterprise' THEN 5 WHEN 'Small Business' THEN 2.5 ELSE 1 END)
                   * (0.4 + power(-ln(1 - b.r_w), 1.2)) END AS w,
         (CASE WHEN b.is_odd OR b.r_pre < 0.22
               THEN p.start_day - 1 - floor(b.r_day * 730)::int
               ELSE p.start_day + least(p.n_days - 1,
                      floor(p.n_days * ln(1 + b.r_day * (power(1.25, 3) - 1)) / ln(power(1.25, 3)))::int)
          END)::timestamptz + make_interval(secs => floor(b.r_time * 86400)) AS created_at
  FROM c_b b
  CROSS JOIN prm p
  LEFT JOIN c_n n ON n.seq = b.seq
  LEFT JOIN pp ON b.segment = 'Consumer' AND NOT b.is_odd AND pp.k = n.k
  LEFT JOIN cp ON b.segment <> 'Consumer' AND NOT b.is_odd AND cp.k = n.k
)
SELECT row_number() OVER (ORDER BY created_at, seq)::int AS id, seq, name,
       -- the same address may come out twice after ASCII folding: number the repeats
       CASE WHEN count(*) OVER (PARTITION BY email) > 1 AND email IS NOT NULL
            THEN regexp_replace(email, '@', row_number() OVER (PARTITION BY email ORDER BY seq)::text || '@')
            ELSE email END AS email,
       country_id,
       CASE WHEN r_null < 0.01 THEN NULL
            ELSE cities[1 + floor(power(r_city, 1.5) * cardinality(cities))::int] END AS city,
       segment, created_at, w
FROM named;

INSERT INTO customers (id, name, email, country_id, city, segment, created_at)
SELECT id, name, email, country_id, city, segment, created_at FROM c ORDER BY id;

-- activity weights, cumulative in sign-up order: the customers who signed up
-- before day d are exactly those with cum_hi <= elig(d)
CREATE TEMP TABLE cw AS
SELECT id, country_id, created_at, w, sum(w) OVER (ORDER BY id) AS cum_hi FROM c;
CREATE INDEX ON cw (cum_hi) WHERE w > 0;
CREATE INDEX ON cw (created_at, cum_hi);
ANALYZE cw;

-- -------------------------------------------------- categories, products
INSERT INTO categories (id, name) VALUES
  (1, 'Electronics'), (2, 'Books'), (3, 'Home & Kitchen'), (4, 'Sports'),
  (5, 'Toys'), (6, 'Clothing'), (7, 'Beauty'), (8, 'Garden');

-- seasonal category mix: base share x month multiplier (Jan..Dec)
CREATE TEMP TABLE cat_season (category_id int, share float8, mult float8[]);
INSERT INTO cat_season VALUES
  (1, 0.20, '{0.90,0.85,0.90,0.90,0.90,0.90,0.90,0.95,1.00,1.00,1.45,1.30}'),
  (2, 0.12, '{1.10,1.00,1.00,1.00,1.00,1.10,1.20,1.15,1.05,1.00,0.90,1.10}'),
  (3, 0.15, '{1.00,1.00,1.00,1.00,1.00,0.95,0.90,0.95,1.00,1.05,1.15,1.15}'),
  (4, 0.10, '{1.60,1.20,1.10,1.10,1.15,1.20,1.15,1.05,0.95,0.85,0.80,0.80}'),
  (5, 0.07, '{0.60,0.60,0.70,0.70,0.70,0.80,0.80,0.80,0.90,1.10,1.90,2.60}'),
  (6, 0.17, '{1.10,0.95,1.00,1.05,1.05,1.00,0.95,0.95,1.10,1.10,1.10,1.10}'),
  (7, 0.12, '{0.95,1.15,1.00,1.00,1.10,1.00,1.00,1.00,1.00,1.00,1.05,1.30}'),
  (8, 0.07, '{0.40,0.50,1.20,1.90,2.00,1.70,1.30,0.90,0.70,0.50,0.30,0.40}');
CREATE TEMP TABLE cat_month AS
SELECT m, category_id,
       (sum(share * mult[m]) OVER w - share * mult[m]) / sum(share * mult[m]) OVER (PARTITION BY m) AS lo,
       CASE WHEN category_id = 8 THEN 2
            ELSE sum(share * mult[m]) OVER w / sum(share * mult[m]) OVER (PARTITION BY m) END AS hi
FROM cat_season, generate_series(1, 12) AS m
WINDOW w AS (PARTITION BY m ORDER BY category_id);

CREATE TEMP TABLE pr (ord serial, category_id int, name text, price numeric(10,2));
INSERT INTO pr (category_id, name, price) VALUES
  (1, 'Noise-Cancelling Headphones', 249.99), (1, 'Wireless Earbuds', 129.99), (1, 'Bluetooth Speaker', 79.99),
  (1, 'Smartwatch Series 5', 299.99), (1, 'Widget Pro', 59.99), (1, '4K Smart TV 55-inch', 649.99),
  (1, 'Laptop Pro 14', 1499.99), (1, 'Ultrabook Air 13', 1099.99), (1, 'Tablet 10-inch', 399.99),
  (1, 'E-Reader', 139.99), (1, 'Mechanical Keyboard', 119.99), (1, 'Wireless Mouse', 39.99),
  (1, 'USB-C Hub', 49.99), (1, 'USB-C Cable 2m', 14.99), (1, 'Portable Charger 20000mAh', 44.99),
  (1, 'Webcam HD', 69.99), (1, '27-inch Monitor', 329.99), (1, 'Gaming Console', 499.99),
  (1, 'Action Camera', 349.99), (1, 'Smart Home Hub', 99.99), (1, 'Wi-Fi Router AX3000', 159.99),
  (1, 'External SSD 1TB', 119.99), (1, 'Fitness Tracker', 89.99), (1, 'Drone Mini', 449.99),
  (1, 'Widget Mini', 29.99),
  (2, 'The Data Warehouse Toolkit', 54.99), (2, 'SQL for Humans', 39.99), (2, 'Learning PostgreSQL', 44.99),
  (2, 'Cooking for Busy People', 24.99), (2, 'The Art of the Garden', 29.99), (2, 'Mystery at Midnight', 12.99),
  (2, 'The Last Lighthouse', 14.99), (2, 'Space Opera Omnibus', 19.99), (2, 'Children''s Picture Atlas', 17.99),
  (2, 'History of the World in 100 Maps', 34.99), (2, 'Mindful Mornings', 16.99), (2, 'Startup Playbook', 27.99),
  (2, 'Python Crash Course', 39.99), (2, 'Travel Guide: Japan', 22.99), (2, 'Travel Guide: Italy', 22.99),
  (2, 'Poetry Collection', 11.99), (2, 'Graphic Novel Vol. 1', 18.99), (2, 'Running Your First Marathon', 21.99),
  (2, 'Home Baking Bible', 32.99), (2, 'Café Culture', 19.99), (2, 'Statistics Made Simple', 29.99),
  (2, 'Bedtime Stories', 9.99), (2, 'Graphic Novel Vol. 2', 18.99), (2, 'The Stoic Way', 15.99),
  (2, 'Classic Novels Box Set', 59.99),
  (3, 'Chef''s Knife 8-inch', 89.99), (3, 'Non-Stick Frying Pan', 39.99), (3, 'Cast Iron Skillet', 49.99),
  (3, 'Espresso Machine', 399.99), (3, 'Coffee Grinder', 59.99), (3, 'French Press', 29.99),
  (3, 'Electric Kettle', 44.99), (3, 'Blender Pro', 129.99), (3, 'Stand Mixer', 349.99),
  (3, 'Slow Cooker', 69.99), (3, 'Rice Cooker', 79.99), (3, 'Toaster 2-Slice', 34.99),
  (3, 'Cutting Board Set', 29.99), (3, 'Dinnerware Set 16-Piece', 89.99), (3, 'Glass Storage Containers', 34.99),
  (3, 'Cotton Bath Towels (Set of 4)', 39.99), (3, 'Duvet Cover Set', 69.99), (3, 'Memory Foam Pillow', 49.99),
  (3, 'Scented Candle', 19.99), (3, 'Cordless Stick Vacuum', 249.99), (3, 'Desk Lamp', 39.99),
  (3, 'Wall Clock', 24.99), (3, 'Air Fryer', 119.99), (3, 'Robot Vacuum', 299.99),
  (3, 'Air Purifier', 179.99),
  (4, 'Yoga Mat', 29.99), (4, 'Yoga Blocks (Pair)', 19.99), (4, 'Adjustable Dumbbells', 249.99),
  (4, 'Kettlebell 16kg', 59.99), (4, 'Resistance Bands Set', 24.99), (4, 'Foam Roller', 27.99),
  (4, 'Jump Rope', 12.99), (4, 'Running Shoes', 119.99), (4, 'Cycling Helmet', 79.99),
  (4, 'Road Bike', 1299.99), (4, 'Bike Lights Set', 34.99), (4, 'Water Bottle 1L', 19.99),
  (4, 'Tennis Racket', 149.99), (4, 'Tennis Balls (3-Pack)', 7.99), (4, 'Soccer Ball', 29.99),
  (4, 'Basketball', 34.99), (4, 'Swimming Goggles', 19.99), (4, 'Camping Tent 2-Person', 189.99),
  (4, 'Sleeping Bag', 89.99), (4, 'Hiking Backpack 40L', 119.99), (4, 'Trekking Poles', 59.99),
  (4, 'Trail Running Shoes', 139.99), (4, 'Golf Balls (12-Pack)', 29.99), (4, 'Ski Goggles', 99.99),
  (4, 'Fitness Bench', 179.99),
  (5, 'Building Blocks Classic Set', 49.99), (5, 'Building Blocks Castle', 89.99), (5, 'Wooden Train Set', 59.99),
  (5, 'Plush Teddy Bear', 24.99), (5, 'Remote Control Car', 69.99), (5, 'Dollhouse', 129.99),
  (5, 'Puzzle 1000 Pieces', 19.99), (5, 'Strategy Board Game', 44.99), (5, 'Family Card Game', 14.99),
  (5, 'Magnetic Tiles', 59.99), (5, 'Kids'' Art Set', 24.99), (5, 'Science Kit', 39.99),
  (5, 'Stuffed Unicorn', 22.99), (5, 'Water Blaster', 19.99), (5, 'Kite', 17.99),
  (5, 'Marble Run', 39.99), (5, 'Play Kitchen', 119.99), (5, 'Action Figure Hero', 16.99),
  (5, 'Fashion Doll', 19.99), (5, 'Bath Toys Set', 12.99), (5, 'Robot Building Kit', 99.99),
  (5, 'Toy Drone', 59.99), (5, 'Balance Bike', 89.99), (5, 'Musical Keyboard for Kids', 49.99),
  (5, 'Glow-in-the-Dark Stars', 9.99),
  (6, 'Classic T-Shirt', 19.99), (6, 'Organic Cotton T-Shirt', 24.99), (6, 'Hoodie', 49.99),
  (6, 'Denim Jeans', 69.99), (6, 'Chino Trousers', 59.99), (6, 'Rain Jacket', 99.99),
  (6, 'Winter Parka', 229.99), (6, 'Down Vest', 119.99), (6, 'Wool Sweater', 89.99),
  (6, 'Linen Shirt', 54.99), (6, 'Summer Dress', 64.99), (6, 'Running Shorts', 29.99),
  (6, 'Leggings', 39.99), (6, 'Sports Bra', 34.99), (6, 'Socks (5-Pack)', 14.99),
  (6, 'Beanie', 19.99), (6, 'Scarf', 29.99), (6, 'Leather Belt', 39.99),
  (6, 'Sneakers', 89.99), (6, 'Leather Boots', 179.99), (6, 'Baseball Cap', 24.99),
  (6, 'Sandals', 44.99), (6, 'Pajama Set', 44.99), (6, 'Swim Shorts', 34.99),
  (6, 'Gloves', 24.99),
  (7, 'Face Moisturizer', 24.99), (7, 'Vitamin C Serum', 29.99), (7, 'Sunscreen SPF 50', 16.99),
  (7, 'Cleansing Gel', 12.99), (7, 'Night Cream', 34.99), (7, 'Eye Cream', 27.99),
  (7, 'Lip Balm', 4.99), (7, 'Shampoo', 11.99), (7, 'Conditioner', 11.99),
  (7, 'Hair Dryer', 89.99), (7, 'Hair Straightener', 69.99), (7, 'Electric Toothbrush', 79.99),
  (7, 'Beard Trimmer', 49.99), (7, 'Eau de Parfum 50ml', 84.99), (7, 'Body Lotion', 14.99),
  (7, 'Hand Cream', 8.99), (7, 'Makeup Brush Set', 29.99), (7, 'Mascara', 17.99),
  (7, 'Lipstick', 19.99), (7, 'Nail Polish Set', 22.99), (7, 'Shower Gel', 7.99),
  (7, 'Face Mask Set', 19.99), (7, 'Bath Bombs (6-Pack)', 19.99), (7, 'Deodorant', 6.99),
  (7, 'Crème Brûlée Body Scrub', 21.99),
  (8, 'Garden Hose 30m', 49.99), (8, 'Hose Reel', 69.99), (8, 'Pruning Shears', 29.99),
  (8, 'Electric Lawn Mower', 299.99), (8, 'Cordless Hedge Trimmer', 149.99), (8, 'Leaf Blower', 119.99),
  (8, 'Wheelbarrow', 89.99), (8, 'Garden Gloves', 12.99), (8, 'Raised Garden Bed', 129.99),
  (8, 'Compost Bin', 59.99), (8, 'Seed Starter Kit', 19.99), (8, 'Tomato Seeds', 3.99),
  (8, 'Flower Bulbs Mix', 14.99), (8, 'Potting Soil 40L', 12.99), (8, 'Terracotta Pots (Set of 3)', 24.99),
  (8, 'Outdoor String Lights', 34.99), (8, 'Garden Bench', 199.99), (8, 'Bird Feeder', 24.99),
  (8, 'Watering Can', 19.99), (8, 'BBQ Grill', 399.99), (8, 'Hammock', 69.99),
  (8, 'Solar Path Lights', 39.99), (8, 'Patio Umbrella', 149.99), (8, 'Sprinkler', 29.99),
  (8, 'Fire Pit', 179.99);

CREATE TEMP TABLE pr_r AS
SELECT ord, random() AS r_cost, random() AS r_launch, random() AS r_pop
FROM pr ORDER BY ord;

-- the last 5 products of each category above are launched inside the window
CREATE TEMP TABLE pr_b AS
SELECT pr.ord, pr.category_id, pr.name, pr.price,
       CASE WHEN pr.name IN ('Widget Mini', 'Crème Brûlée Body Scrub') THEN NULL
            ELSE round(pr.price * (0.35 + 0.35 * r.r_cost)::numeric, 2) END AS cost,
       CASE WHEN row_number() OVER (PARTITION BY pr.category_id ORDER BY pr.ord) <= 20
            THEN p.start_day - 30 - floor(r.r_launch * 1500)::int
            ELSE p.start_day + 60 + floor(r.r_launch * (p.n_days - 120))::int END AS launched_at,
       (0.15 + -ln(1 - r.r_pop)) * power(30 / (pr.price + 10)::float8, 0.35) AS w
FROM pr JOIN pr_r r USING (ord) CROSS JOIN prm p;

CREATE TEMP TABLE pw AS
SELECT row_number() OVER (ORDER BY launched_at, ord)::int AS id, * FROM pr_b;
ALTER TABLE pw ADD COLUMN cum_hi float8;
UPDATE pw SET cum_hi = s.cum_hi
FROM (SELECT id, sum(w) OVER (PARTITION BY category_id ORDER BY launched_at, id) AS cum_hi FROM pw) s
WHERE s.id = pw.id;
ANALYZE pw;
-- per category: product ids and cumulative weights in launch order, for
-- width_bucket() (a binary search) to pick a product from a random number
CREATE TEMP TABLE cat_arr AS
SELECT category_id, array_agg(id ORDER BY cum_hi) AS ids, array_agg(cum_hi ORDER BY cum_hi) AS cum
FROM pw GROUP BY category_id;

INSERT INTO products (id, name, category_id, unit_price, cost, launched_at)
SELECT id, name, category_id, price, cost, launched_at FROM pw ORDER BY id;

-- ---------------------------------------------------------------- orders
CREATE TEMP TABLE d_r AS
SELECT d::date AS d, random() AS r_noise
FROM prm, generate_series(prm.start_day, prm.end_day, interval '1 day') AS d
ORDER BY d;

CREATE TEMP TABLE days AS
WITH f AS (
  SELECT d, r_noise,
         CASE WHEN extract(month FROM d) = 11 AND extract(isodow FROM d) = 5
                   AND extract(day FROM d) BETWEEN 23 AND 29 THEN 2.6              -- Black Friday
              WHEN extract(month FROM d - 3) = 11 AND extract(isodow FROM d - 3) = 5
                   AND extract(day FROM d - 3) BETWEEN 23 AND 29 THEN 2.0          -- Cyber Monday
              ELSE ('{0.88,0.90,0.96,0.96,0.98,0.88,0.74,0.78,0.97,1.02,1.25,1.65}'::float8[])[extract(month FROM d)::int]
                 * ('{1.08,1.04,1.00,0.98,0.92,0.86,1.02}'::float8[])[extract(isodow FROM d)::int]
                 * CASE to_char(d, 'MM-DD') WHEN '12-24' THEN 0.7 WHEN '12-25' THEN 0.4
                                            WHEN '12-26' THEN 0.8 WHEN '01-01' THEN 0.5 ELSE 1 END
         END
         * exp(ln(1.25) * (d - p.start_day) / 365.25)
         * (0.9 + 0.2 * r_noise) AS w
  FROM d_r, prm p
), c AS (
  SELECT d, sum(w) OVER (ORDER BY d) AS cum, sum(w) OVER () AS total FROM f
)
SELECT d,
       (round(cum * :n_orders / total) - round((cum - w_prev.w) * :n_orders / total))::int AS n
FROM c JOIN f w_prev USING (d);

ALTER TABLE days ADD COLUMN elig float8;
UPDATE days SET elig = (SELECT max(cw.cum_hi) FROM cw WHERE cw.created_at < days.d::timestamptz);

CREATE TEMP TABLE o_r AS
SELECT days.d, k, random() AS r_cust, random() AS r_t1, random() AS r_t2, random() AS r_t3,
       random() AS r_t4, random() AS r_status, random() AS r_channel, random() AS r_ship,
       random() AS r_ship2, random() AS r_items
FROM days, generate_series(1, days.n) AS k
ORDER BY days.d, k;

CREATE TEMP TABLE o_b AS
SELECT r.d, r.k, cust.id AS customer_id,
       r.d::timestamptz + make_interval(secs => floor(3600 *
         CASE WHEN r.r_t3 < 0.15 THEN 24 * r.r_t4
              ELSE (14.5 + 4.5 * sqrt(-2 * ln(1 - r.r_t1)) * cos(2 * pi() * r.r_t2)) END
         - 86400 * floor((CASE WHEN r.r_t3 < 0.15 THEN 24 * r.r_t4
              ELSE (14.5 + 4.5 * sqrt(-2 * ln(1 - r.r_t1)) * cos(2 * pi() * r.r_t2)) END) / 24))) AS ordered_at,
       CASE WHEN p.end_day - r.d < 2 THEN CASE WHEN r.r_status < 0.6 THEN 'pending' ELSE 'shipped' END
            WHEN p.end_day - r.d < 10 THEN CASE WHEN r.r_status < 0.05 THEN 'pending'
                                                WHEN r.r_status < 0.60 THEN 'shipped'
                                                WHEN r.r_status < 0.95 THEN 'completed'
                                                ELSE 'cancelled' END
            ELSE CASE WHEN r.r_status < 0.05 THEN 'cancelled'
                      WHEN r.r_status < 0.11 THEN 'returned'
                      ELSE 'completed' END END AS status,
       CASE WHEN r.r_channel < 0.12 THEN 'store'
            WHEN r.r_channel < 0.12 + 0.25 + 0.15 * (r.d - p.start_day) / p.n_days::float8 THEN 'mobile'
            ELSE 'web' END AS channel,
       CASE WHEN r.r_ship < 0.97 THEN cust.country_id ELSE 1 + floor(r.r_ship2 * 20)::int END AS shipping_country_id,
       CASE WHEN r.r_items < 0.30 THEN 1 WHEN r.r_items < 0.55 THEN 2 WHEN r.r_items < 0.75 THEN 3
            WHEN r.r_items < 0.90 THEN 4 ELSE 5 END AS n_items
FROM o_r r
JOIN days USING (d)
CROSS JOIN prm p
CROSS JOIN LATERAL (
  SELECT cw.id, cw.country_id FROM cw
  WHERE cw.w > 0 AND cw.cum_hi > r.r_cust * days.elig
  ORDER BY cw.cum_hi LIMIT 1) AS cust;

CREATE TEMP TABLE o AS
SELECT row_number() OVER (ORDER BY ordered_at, d, k)::int AS id, * FROM o_b;
CREATE UNIQUE INDEX ON o (id);
ANALYZE o;

INSERT INTO orders (id, customer_id, ordered_at, status, channel, shipping_country_id)
SELECT id, customer_id, ordered_at, status, channel, shipping_country_id FROM o ORDER BY id;

-- ----------------------------------------------------------- order items
CREATE TEMP TABLE i_r AS
SELECT o.id AS order_id, l.line, random() AS r_cat, random() AS r_prod, random() AS r_qty,
       random() AS r_disc, random() AS r_disc2
FROM o, generate_series(1, o.n_items) AS l(line)
ORDER BY o.id, l.line;

-- products launched before day d of a category: cum_hi <= total(d, category)
CREATE TEMP TABLE daycat AS
SELECT days.d, k.id AS category_id,
       (SELECT max(pw.cum_hi) FROM pw WHERE pw.category_id = k.id AND pw.launched_at < days.d) AS total
FROM days, categories k;
CREATE UNIQUE INDEX ON daycat (d, category_id);
ANALYZE daycat;

CREATE TEMP TABLE i_b AS
SELECT i.order_id, i.line, prod.id AS product_id,
       least(CASE c.segment WHEN 'Enterprise' THEN 20 WHEN 'Small Business' THEN 10 ELSE 5 END,
             1 + floor(-ln(1 - i.r_qty)
                       * CASE c.segment WHEN 'Enterprise' THEN 1.6 WHEN 'Small Business' THEN 0.9 ELSE 0.35 END
                       * CASE WHEN prod.price < 20 THEN 1.5 ELSE 1 END)::int) AS quantity,
       -- list prices rise ~4 % each 1 January: earlier years are cheaper, kept at .99
       (ceil(prod.price * (1 - 0.04 * (p.this_year - extract(year FROM o.d)))) - 0.01)::numeric(10,2) AS unit_price,
       CASE WHEN i.r_disc < CASE WHEN to_char(o.d, 'MM-DD') BETWEEN '11-20' AND '12-02' THEN 0.50 ELSE 0.15 END
                 OR c.segment = 'Enterprise'
            THEN CASE WHEN i.r_disc2 < 0.35 THEN CASE WHEN c.segment = 'Enterprise' THEN 0.10 ELSE 0.05 END
                      WHEN i.r_disc2 < 0.65 THEN 0.10
                      WHEN i.r_disc2 < 0.85 THEN 0.15
                      WHEN i.r_disc2 < 0.95 THEN 0.20
                      ELSE 0.25 END
            ELSE 0 END AS discount
FROM i_r i
JOIN o ON o.id = i.order_id
JOIN c ON c.id = o.customer_id
CROSS JOIN prm p
JOIN cat_month cm ON cm.m = extract(month FROM o.d) AND i.r_cat >= cm.lo AND i.r_cat < cm.hi
JOIN daycat dc ON dc.d = o.d AND dc.category_id = cm.category_id
JOIN cat_arr ca ON ca.category_id = cm.category_id
JOIN pw AS prod ON prod.id = ca.ids[width_bucket(i.r_prod * dc.total, ca.cum) + 1];

-- one line per product per order: repeated picks are merged into one line
INSERT INTO order_items (id, order_id, product_id, quantity, unit_price, discount)
SELECT row_number() OVER (ORDER BY order_id, line)::int, order_id, product_id, quantity, unit_price, discount
FROM (
  SELECT DISTINCT ON (order_id, product_id) order_id, line, product_id,
         sum(quantity) OVER (PARTITION BY order_id, product_id) AS quantity, unit_price, discount
  FROM i_b
  ORDER BY order_id, product_id, line
) AS merged
ORDER BY order_id, line;

-- ----------------------------------------------- keys, indexes, comments
ALTER TABLE countries   ADD FOREIGN KEY (region_id)           REFERENCES regions (id);
ALTER TABLE customers   ADD FOREIGN KEY (country_id)          REFERENCES countries (id);
ALTER TABLE products    ADD FOREIGN KEY (category_id)         REFERENCES categories (id);
ALTER TABLE orders      ADD FOREIGN KEY (customer_id)         REFERENCES customers (id);
ALTER TABLE orders      ADD FOREIGN KEY (shipping_country_id) REFERENCES countries (id);
ALTER TABLE order_items ADD FOREIGN KEY (order_id)            REFERENCES orders (id);
ALTER TABLE order_items ADD FOREIGN KEY (product_id)          REFERENCES products (id);

CREATE INDEX ON countries (region_id);
CREATE INDEX ON customers (country_id);
CREATE INDEX ON customers (created_at);
CREATE INDEX ON products (category_id);
CREATE INDEX ON orders (customer_id);
CREATE INDEX ON orders (ordered_at);
CREATE INDEX ON orders (shipping_country_id);
CREATE INDEX ON order_items (order_id);
CREATE INDEX ON order_items (product_id);

COMMENT ON TABLE regions IS 'Sales regions: EMEA, North America, APAC, LATAM';
COMMENT ON TABLE countries IS 'Countries we sell to; each belongs to one sales region';
COMMENT ON COLUMN countries.code IS 'ISO 3166-1 alpha-2 code, e.g. DE, US';
COMMENT ON TABLE customers IS 'Customers (people and companies); one row per customer account';
COMMENT ON COLUMN customers.segment IS 'Consumer, Small Business or Enterprise';
COMMENT ON COLUMN customers.created_at IS 'When the customer signed up';
COMMENT ON COLUMN customers.city IS 'City of the customer; NULL when unknown';
COMMENT ON TABLE categories IS 'Product categories';
COMMENT ON TABLE products IS 'Product catalogue';
COMMENT ON COLUMN products.unit_price IS 'Current list price per unit';
COMMENT ON COLUMN products.cost IS 'Our cost per unit; NULL when not recorded';
COMMENT ON COLUMN products.launched_at IS 'Date the product went on sale';
COMMENT ON TABLE orders IS 'Customer orders (one row per order); revenue is in order_items';
COMMENT ON COLUMN orders.ordered_at IS 'When the order was placed';
COMMENT ON COLUMN orders.status IS 'completed, shipped, pending, cancelled or returned';
COMMENT ON COLUMN orders.channel IS 'Sales channel: web, mobile or store';
COMMENT ON COLUMN orders.shipping_country_id IS 'Country the order was shipped to (usually the customer''s country)';
COMMENT ON TABLE order_items IS 'Order lines; line revenue = quantity * unit_price * (1 - discount)';
COMMENT ON COLUMN order_items.unit_price IS 'Price per unit charged on this order, before discount';
COMMENT ON COLUMN order_items.discount IS 'Discount as a fraction of the price, 0 to 0.25 (0.10 = 10 % off)';

-- ---------------------------------------------------- the read-only role
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shop_reader') THEN
    CREATE ROLE shop_reader LOGIN;
  END IF;
END $$;
ALTER ROLE shop_reader WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'reader_password';
ALTER ROLE shop_reader SET default_transaction_read_only = on;
SELECT format('GRANT CONNECT ON DATABASE %I TO shop_reader', current_database()) \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO shop_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO shop_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO shop_reader;

COMMIT;

ANALYZE regions, countries, customers, categories, products, orders, order_items;

\set QUIET off
SELECT (SELECT count(*) FROM customers) AS customers,
       (SELECT count(*) FROM products) AS products,
       (SELECT count(*) FROM orders) AS orders,
       (SELECT count(*) FROM order_items) AS order_items,
       (SELECT min(ordered_at)::date FROM orders) AS first_order_day,
       (SELECT max(ordered_at)::date FROM orders) AS last_order_day;
