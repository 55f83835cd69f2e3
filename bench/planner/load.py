#!/usr/bin/env python3
"""load.py — the planner benchmark's databases in a private PostgreSQL.

usage: bench/planner/load.py [start|stop|status] [--dir DIR]

start: initdb under DIR (default $DM_BENCH_PG or /tmp/dm-bench-pg) unless it
exists, start postgres there on a free port (unix socket in DIR/run), and load
every database of DATASETS below that is not loaded yet, each into its own
database. The data comes from public GitHub repositories brought onto this
machine by the fetch tool (git directories under $DM_MIRROR, default
/work/.mirror); nothing of it is committed. Writes DIR/conninfo.json:
{"pagila": "host=... port=... dbname=pagila user=postgres", ...}.
As root, PostgreSQL runs as the user `datamind`. Python stdlib only.
"""
import csv
import fcntl
import gzip
import io
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys

MIRROR = os.environ.get("DM_MIRROR", "/work/.mirror")
PGBIN = os.environ.get("DM_PGBIN") or next(
    (d for d in sorted(os.popen("ls -d /usr/lib/postgresql/*/bin 2>/dev/null").read().split(), reverse=True)), "")

# name -> (repository, commit, [paths]); DATASETS.md records the same.
# Gravity Books tables whose rows are published (orders are generated with NEWID() at deploy time)
GRAVITY_TABLES = ("author", "publisher", "book_language", "shipping_method", "address_status",
                  "order_status", "book", "book_author", "country", "address", "customer")

# the Maven / Power BI "Coffee shop sample data" files, as published (spaces and spellings kept)
COFFEE_FILES = ("sales_outlet", "staff", "generations", "customer", "product", "dates",
                "sales reciepts", "pastry inventory", "sales targets")

# batch 52's retail loyalty files (RDR25/HCLHackathon), loaded in this order
LOYALTY_FILES = ("stores_master", "products_master", "loyalty_rules_master", "customers_master", "sales_header",
                 "sales_line_items", "customer_loyalty_balances", "points_transaction_history")

# the Kaggle "Supply Chain Logistics Problem" files (Brunel University), loaded in this order
SUPPLY_CHAIN_FILES = ("WarehouseCapacity", "WarehouseCosts", "PlantPorts", "ProductsPerPlant",
                      "VmiCustomers", "FreightRates", "OrderList")

# the Boise public-works files loaded (the per-system segment files repeat all_segments; monitoring left out)
PUBLIC_WORKS_FILES = ("all_segments", "facilities", "service_requests", "work_orders", "cip_projects",
                      "weather_events", "budget_cip")

DATASETS = {
    "pagila": ("xzilla/pagila", "eb65be5bc01833c4a4b716e611b82d0f680e359a",
               ["pagila-schema.sql", "pagila-data.sql"]),
    "university": ("JagrutThakare/University-DB", "cb70a8917a5b03f66fb1756c7babe9f70258d8c8",
                   ["University.sql", "largeRelationsInsertFile.sql"]),
    "bank": ("HariniAsok/Czechoslovakia-Bank", "3009078910c89b52ab2cda439417341f9945d0dc",
             ["district.csv", "account.csv", "client.csv", "disp.csv", "card.csv",
              "loan.csv", "orde.csv", "transac.csv"]),
    "flights": ("hab6qc/airline", "aed55411193ac4cb8a1351a064da023fcf0f97c5",
                ["airlines.dat", "airports.csv", "routes.dat"]),
    "world": ("typelevel/skunk", "a1fdebe2fc968a516528f7a0a5453fc867dab745", ["world/world.sql"]),
    "northwind": ("pthom/northwind_psql", "cd0ef28d66369fbe177778e604e4be0f153c9e5c", ["northwind.sql"]),
    "hr": ("oracle-samples/db-sample-schemas", "6660bad68c07bd143430ace58565b3f727e17263",
           ["human_resources/hr_create.sql", "human_resources/hr_populate.sql"]),
    "classicmodels": ("hhorak/mysql-sample-db", "07992002687b6cc73ba79bd7a3b6abb18a774d99",
                      ["mysqlsampledatabase.sql"]),
    "f1": ("yicongyang216/F1_Analysis", "0cb9369bd86bad45b3ee463436a0b6d6bc4f2138",
           [f"F1dataset/{t}.csv" for t in ("circuits", "constructors", "drivers", "seasons", "status", "races",
                                           "results", "sprint_results", "qualifying", "pit_stops",
                                           "driver_standings", "constructor_standings",
                                           "constructor_results")]),
    "netflix": ("neondatabase/postgres-sample-dbs", "f6c2e24910e9a1eb9c11c69628544d4d60d42e47", ["netflix.sql"]),
    "lego": ("kraayenjon/EDA_LEGO", "615bfdaabb5c4f3fb8bb6be30c0ba9eeef4463ef",
             [f"{t}.csv.gz" for t in ("themes", "sets", "part_categories", "parts", "colors", "elements",
                                      "part_relationships", "minifigs", "inventories", "inventory_minifigs")]),
    "customer_orders": ("oracle-samples/db-sample-schemas", "6660bad68c07bd143430ace58565b3f727e17263",
                        ["customer_orders/co_create.sql", "customer_orders/co_populate.sql"]),
    "titanic": ("neondatabase/postgres-sample-dbs", "f6c2e24910e9a1eb9c11c69628544d4d60d42e47", ["titanic.sql"]),
    "club": ("alsamancov/postgres_tutorial", "130290ebcc9b54d4a422d5429a4ebbbd5f19321b", ["clubdata.sql"]),
    "booktown": ("WDI-SEA/booktown", "483cf76ce5e2941ff62f97954a90ff4caeb804fa", ["booktown.sql"]),
    "periodic_table": ("neondatabase/postgres-sample-dbs", "f6c2e24910e9a1eb9c11c69628544d4d60d42e47",
                       ["periodic_table.sql"]),
    "hospital": ("joriza/Tecnica3", "c69f254985d0f7f2b04a71e547a81b611d60f242",
                 ["01-SQL/04-Esquema/esquema-hospital-sql.md"]
                 + [f"01-SQL/05-CargaDatos/{t}.sql" for t in ("province_names", "doctors", "patients", "admissions")]),
    "murder_mystery": ("NUKnightLab/sql-mysteries", "52c8427da76c23242b2faaac5dcaa76a8a501d48", ["sql-murder-mystery.db"]),
    "happiness_index": ("neondatabase/postgres-sample-dbs", "f6c2e24910e9a1eb9c11c69628544d4d60d42e47",
                        ["happiness_index.sql"]),
    "moviedb": ("raymondmar61/sql", "2a5f5a39ec8e949b2c85196f90663c4f1caf5b39", ["createtablesw3databases.sql"]),
    "sales": ("raymondmar61/sql", "2a5f5a39ec8e949b2c85196f90663c4f1caf5b39", ["createtablesw3databases.sql"]),
    "holiday_songs": ("neondatabase/postgres-sample-dbs", "f6c2e24910e9a1eb9c11c69628544d4d60d42e47",
                      ["holiday_songs.csv"]),
    "bikestores": ("ritshar18/BikeStores", "bde48f859a02cfee0b5ec392f4fe4e534a78f6b9",
                   ["BikeStores Sample Database - create objects.sql",
                    "BikeStores Sample Database - load data.sql"]),
    "movielens": ("AjiLeight/movielens-recommendation-tries", "b1953418bc4645053f3561bbc2ee9d7c99ddd635",
                  [f"ml-latest-small/{n}.csv" for n in ("movies", "links", "ratings", "tags")]),
    "worldcup": ("jfjelstul/worldcup", "35a8667f518b07469182ae16d35574dd0e7a00fb",
                 [f"data-csv/{n}.csv" for n in ("confederations", "teams", "tournaments", "stadiums",
                                                 "players", "matches", "goals", "bookings")]),
    "adventureworks": ("morenoh149/postgresDBSamples", "2bdc9539762092912655e1b82b7433d3151389dc",
                       ["adventureworks/install.sql"]),
    "french_towns": ("morenoh149/postgresDBSamples", "2bdc9539762092912655e1b82b7433d3151389dc",
                     ["french-towns-communes-francaises/french-towns-communes-francaises.sql"]),
    "iso3166": ("morenoh149/postgresDBSamples", "2bdc9539762092912655e1b82b7433d3151389dc",
                ["iso-3166/iso-3166.sql"]),
    "ig_clone": ("raymondmar61/sql", "2a5f5a39ec8e949b2c85196f90663c4f1caf5b39",
                 ["completemysqlbeginnertoexpert04.sql", "instagramdata.sql"]),
    "sql_store": ("raymondmar61/sql", "2a5f5a39ec8e949b2c85196f90663c4f1caf5b39",
                  ["sqlinvoicingcreatedatabases.sql"]),
    "sql_invoicing": ("raymondmar61/sql", "2a5f5a39ec8e949b2c85196f90663c4f1caf5b39",
                      ["sqlinvoicingcreatedatabases.sql"]),
    "school": ("AVenkata00/school-sql-analytics", "f1b0b4f1dac6e6a3c951037b7eeab2d939eca134",
               ["schema.sql"] + [f"data/{n}.csv" for n in ("students", "courses", "enrollments",
                                                            "assignments", "grades")]),
    "company": ("raymondmar61/sql", "2a5f5a39ec8e949b2c85196f90663c4f1caf5b39",
                ["giraffeacademymysqlcompanydatabaseschema.sql"]),
    "auction": ("raymondmar61/sql", "2a5f5a39ec8e949b2c85196f90663c4f1caf5b39",
                ["innova18_database.sql"]),
    "sql_hr": ("raymondmar61/sql", "2a5f5a39ec8e949b2c85196f90663c4f1caf5b39",
               ["sqlinvoicingcreatedatabases.sql"]),
    "sql_inventory": ("raymondmar61/sql", "2a5f5a39ec8e949b2c85196f90663c4f1caf5b39",
                      ["sqlinvoicingcreatedatabases.sql"]),
    "library": ("BrianCoveney/LibraryManagement", "85a9baf0edd39815ebeb23aa2e2cea36df9decaf",
                ["src/main/resources/schema.sql", "src/main/resources/data.sql"]),
    "pizza_runner": ("rvkabilesh/8-Week-SQL-challenge", "74f9102b851ae8046a6ecade0c173d4c5822cd19",
                     ["pizza_runner.sql"]),
    "foodie_fi": ("rvkabilesh/8-Week-SQL-challenge", "74f9102b851ae8046a6ecade0c173d4c5822cd19",
                  ["foodie_fi.sql"]),
    "data_bank": ("rvkabilesh/8-Week-SQL-challenge", "74f9102b851ae8046a6ecade0c173d4c5822cd19",
                  ["data_bank.sql"]),
    "dannys_diner": ("rvkabilesh/8-Week-SQL-challenge", "74f9102b851ae8046a6ecade0c173d4c5822cd19",
                     ["dannys_diner.sql"]),
    "hotel": ("visalakshi-annamalai/InductionAssignments", "43bc54b2c750915eda1acbe76885a4c0f993f985",
              ["SQL/ProblemSet01/tableSetUp.sql", "SQL/ProblemSet01/dataSetUp.sql"]),
    "elmasri": ("tolgahanakgun/Elmasri-Database", "4b01aed1fd8118bc7f880f287612c4c24cadcc8a",
                ["Employee_Database_Script.sql"]),
    "pizza_place": ("Ruddraw/pizza_sales_SQL", "bdbd7befd64324a43954d9c7252c48486524f7af",
                    ["pizza_types.csv", "pizzas.csv", "orders.csv", "order_details.csv"]),
    "amazon": ("AnandKumar0/SQL_Amazon_Advance_Data_Analysis_Project", "67a6307a5decea89c02783edf97b3e242b5fc5c7",
               ["category.csv", "customers.csv", "sellers.csv", "products.csv", "orders.csv",
                "order_items.csv", "payment.csv", "shipping.csv", "inventory.csv"]),
    "library_system": ("AziMilki/Library-System-Management--P2", "efda9b736a35c4a3d987079405a9291bd9d6aedc",
                       ["app_library.sql", "insert_queries.sql"]),
    "fantasy_league": ("jjh35/cs342", "a643ca626da2a8cb54a5c2c1be4f1f18e4120459",
                       ["project/schema.sql", "project/constraints.sql", "project/data.sql"]),
    "hotel_maids": ("HaMaKac/DatabaseProgramming", "807bb9e17591d62ff449d188607da6ccd4c1e3c9",
                    ["hotel_cre.sql", "hotel_popul.sql"]),
    "tote": ("omp88/Tote", "8bd441b92cb050f47d211e2554096a568d56ff42", ["totalizator.sql"]),
    "nba": ("djones2/Databases", "5f3a7df9fd2a279bdb816bc81100548485ae3676",
            ["lab2/lab2/CUSTOM-setup.sql", "lab2/lab2/CUSTOM-populate.sql"]),
    "shop": ("gskawinski/Python", "d0b3582ab70d3dbf907e3295b10738bacaceade9",
             ["Projects/MySQLShopCLI/load_tables_def.sql", "Projects/MySQLShopCLI/load_tables_data.sql"]),
    "resto": ("Radiant-Wizard/Spring-Resto-Mngt", "eae9a2e6ae5147695b5a623bef14f89a6fc489c2",
              [f"src/main/resources/db/migration/{f}_migration.sql" for f in (
                  "1_ingredients_table", "2_dish_table_table", "3_dish_ingredients_table",
                  "4_stock_movement_table", "5_orders_table", "6_orders_dish_table",
                  "7_order_dish_status_table", "8_orders_status_table", "9_price_table")]
              + [f"src/main/resources/db/mockData/{f}.sql" for f in (
                  "1_mock_data_ingredients_data", "2_mock_data_dish_data", "3_mock_data_dishIngredients_data",
                  "4_mock_data_stock_movement", "5_mock_data_order", "6_mock_data_dish_order",
                  "7_mock_data_prices_data", "8_mock_data_order_status_data",
                  "9_mock_data_order_dish_status_data")]
              + [f"src/main/resources/db/views/{f}.sql" for f in (
                  "dish_ingredient_table_view", "ingredient_price_view", "sale")]),
    "clinic": ("sunnymehta-ux/Hospital-Management-System-SQL-Project-", "c8db7aeb1999a07372473833acc62f843968f4aa",
               ["patients.csv", "doctors.csv", "appointments.csv", "treatments.csv", "billing.csv"]),
    "nyc_taxi": ("greatexpectationslabs/ge_demo", "43010c43b5911c6f729916f0c0a74c1f6e0a87a4",
                 ["data/taxi_zone_lookup.csv", "data/yellow_tripdata_sample_2019-01.csv",
                  "data/yellow_tripdata_sample_2019-02.csv"]),
    "car_rental": ("brandonchu0314/CarRentalDashboard", "fe79f3a366871d4649985a5adc8d92823b921f00",
                   ["CarRentalData.csv"]),
    "warehouse": ("Harsh-Koringa/Warehouse-Operations-Dashboard", "9d30708769a847fb80c29dd72833f5c9079aad67",
                  [f"{t}.csv" for t in ("warehouses", "skus", "factories", "distance_matrix", "initial_stock",
                                        "stock_movements", "incoming_goods")]),
    "recipes": ("ShubhamMChandra/Databases_Project", "195836254e0206205d26bc430d9d9ee6150ca6cd",
                [f"Data/{t}.csv" for t in ("dishes", "cookbooks", "recipes", "ingredients", "requires",
                                           "chefs", "reviews", "friends")]),
    "hr_attrition": ("mao-code/IBM-HR-Analytics", "e0a3ace0fe53511eda18f793b5cd52d5d1138945", ["data.csv"]),
    "crm": ("ikebude/CRM-Sales-Analysis", "c6c981c8e6a30aba78f7550d6b47d4aa552d5c04",
            ["accounts.csv", "products.csv", "sales_teams.csv", "sales_pipeline.csv"]),
    "airline_reservation": ("Mubarak00/airline_reservation_system", "3f45070495c401a130a693051e61273f4e4e86be",
                            ["airline_reservation_system.sql"]),
    "streaming": ("akshithap25/Streaming-Service-Analysis", "5c49f1e034f45ec9679a161ae89ce9ad1bb41157",
                  [f"streaming_sql_analysis/sample data/{f}.csv" for f in ("users", "content", "ratings",
                                                                             "watch_history")]),
    "tennis": ("huydoan2706/DB_Assignment_5555-Tennis", "675029ee1325e5aba1b24295239864747177e016",
               [f"MAIN_ASSIGNMENT/data/{f}.csv" for f in ("tournaments", "players", "matches_94_04_14_24",
                                                          "single_ranking")]),
    "procurement": ("mikloszpiotr/procurement-sql-supplier-insights", "53be9fad6e3cf68e966416a2afcb99b14b80588f",
                    [f"data/{f}.csv" for f in ("suppliers", "materials", "purchase_orders",
                                               "procurement_calendar")]),
    "project_management": ("anshu5159/SQL-Project-Management", "61ed8bd8160e260663d1cc00374c14e855646d8a", ["Project Management.sql"]),
    "zomato": ("Jitesh1410/ZOMATO_SQL_PROJECT", "9d0a217b3f52809c9d63dd309988003c13ab246b",
               ["SCHEMAS.sql"] + [f"Dataset/{t}.csv" for t in ("customers", "restaurants", "riders", "orders",
                                                               "deliveries")]),
    "insurance": ("namansnghl/Insureit-DB-Simulation", "1a5f821622723ae4e9361af09e34e7d94b4b33fe",
                  ["insurit/backend/sql_scripts/create_ddl.sql", "insurit/backend/sql_scripts/SP/insertdata_sp.sql"]),
    "online_learning": ("arya-analytics/SQL--Online_Learning", "8fca61e9202479b7727799c9dc83997b3d1cabe1",
                        ["project table.sql"]),
    "hospital_management": ("ilinthm26/Hospital-Management-SQL-Project", "b680e29c0165dd2cd2e0764e55b767d199a506bb",
                            [f"{t}.csv" for t in ("patients", "doctors", "appointments", "treatments", "bills")]),
    "video_games": ("Kemo890/Video-Game-Sales-SQL-Project", "334cc549524716782b0a7618a530ced06f8fa8ce",
                    ["vgsales.sql", "vgsales.csv"]),
    "ehotels": ("mosam053/E-Hotels", "180e9bee9354089921faf171dc69757de400e129",
                [f"SQL_queries/{f}.sql" for f in ("create-tables", "chain-insertions", "hotel-insertions",
                                                  "room-insertions", "employee-insertions")]),
    "real_estate": ("lestert-nku/CSC450_GroupProject", "21c55fdc321e4f7e44161da3e49fe1a447c39347",
                    ["sql/CreateDataTables.sql"]),
    "credit_union": ("ankitnashine/Database-Management", "69a66b9eb3f70116aec291ff6e6b65248aaf44be",
                     ["D3_PART-A_CREATE_TABLES.sql", "D3_PART-A_INSERT_DATA.sql"]),
    "shipping": ("A-Hoshor/Shipping_Project_ADH", "5a720084810eb8ee22237b9559f1376637a43fda",
                 ["create_shipping_ADH.sql", "shipping_data_ADH.sql"]),
    "coffee_shop": ("danieldebeer/CafeSalesProject", "22aefdb70ef05c32e05e0abda054806a3dd699ce",
                    [f"{t}.csv" for t in COFFEE_FILES]),
    "seller_listings": ("emmanuelbogun/Analysis-of-Products-and-Sellers-Listings-with-SQL",
                        "7ee5b34f6073edc4bf2e8bdf0f25d58685ccad54", ["csv files.zip"]),
    "charity": ("MikhSabatura/sbd", "b0964ed44678c5b05edde4d39c4d87b25884f06c",
                ["t-sql/tsql_tab_creating.sql", "t-sql/t-sql_inserting_recrods.sql"]),
    "equipment_rental": ("Kamanzimilliam/plsql-window-functions-milliam-kamanzi",
                         "df9ea46236857f7e584f9522c6271d269526546b",
                         ["create_tables.sql", "populate_tables.sql", "sample_rentals_data.sql"]),
    "gravity_books": ("EdwinGP1975/DataEngineering", "60d7fd21d2fbd41507f87e354e8e92fb99bec680",
                      [f"VSProject/BookStore/BookStoreOLTP/Schema/Tables/{t}.sql" for t in GRAVITY_TABLES]
                      + [f"VSProject/BookStore/BookStoreOLTP/Scripts/{t}.data.sql" for t in GRAVITY_TABLES]),
    "electricity": ("shamekh822/Electricity-Billing", "a6356e6790c46cbae4fa987ccaa3228521f48add",
                    ["SQL-functions/schema/UtilitySchema.sql"]
                    + [f"SQL-functions/populate/{n}.sql" for n in (
                        "popDivInfo", "popConType", "popCustomer", "popConnection", "popTariff", "popTaxRates",
                        "popSubsidy", "popFixedCharges", "popPaymentMethods", "popMeterReadings", "popBill",
                        "pop_PaymentDetails")]),
    "pharmacy_inventory": ("VivekChincholkar/MYSQL-Final-Project-Pharmacy-Inventory-Management",
                           "3ce898e7a9d65ee2dbd705ee945ad14e56de8387", ["Phase-1/Phase1.sql"]),
    "petclinic": ("caltamirano/petclinic-demo", "b09117780e88da1fae18aca86cb3a8ff3be41564",
                  ["src/main/resources/schema.sql", "src/main/resources/data.sql"]),
    "dealership": ("MariusDL/DealershipManagementSystem", "04274f9bb26f9506b545f11695b62220fc98bfdc",
                   ["src/main/resources/schema.sql", "src/main/resources/data.sql"]),
    "festival": ("soufleri/databases2025", "2c47f372bcf42bd480eab8e074ada202febbcc86",
                 ["sql/install.sql", "sql/load.sql"]),
    "gym": ("AtenaAT/gym_management_with_SQL", "2aa1eab6107e52d9355174c1036518080217d128",
            ["gym_management_create_tables.sql", "gym_management_insert_fake_data.sql"]),
    "lightbnb": ("SebDufresne/LightBnB", "ecb3f0522e5012fd265e121ccf7fc043408ed41e",
                 ["migrations/01_schema.sql", "seeds/02_0_seeds_users.sql", "seeds/02_1_seeds_properties.sql",
                  "seeds/02_2_seeds_reservations.sql", "seeds/02_seeds.sql"]),
    "gradapps": ("ssh24/eecs-gradapps", "7642f021ca963049abccc7b828b40a6513e17d1f",
                 ["src/test/lib/database/seed.sql"] + ["src/test/lib/database/data/" + f + ".data.sql" for f in
                 ("foi", "test.fm", "actual.fm", "application", "university", "gpa", "application_rev",
                  "application_seen")]),
    "pt_clinic": ("findeevy/cs-4400", "74e4ec2d8250046b502016a25467da844ef0337f", ["createtables.sql"]),
    "dorms": ("jrauscher/DormAssignment", "aae522e8301ca06dbee148d8ff9049e8ca6e6eb8",
              [f"src/database/{f}.sql" for f in ("UNVDB", "test_buildings", "test_rooms", "test_letRooms",
                                                  "test_studentData")]),
    "india_elections": ("Abhi062017/2024-India-General-Elections", "feced56757e5a900b296852b09b091092683df81",
                        ["states.csv", "partywise_results.csv", "constituencywise_results.csv",
                         "statewise_results.csv", "constituencywise_details.csv"]),
    "cricket_tournament": ("MaheshReddy108/180B", "da59c1a47b42dc465d2cb0d79a0cc1af6036851b",
                           ["SQL/CMPE138_TEAM3_DB_CREATE_TABLES_SCRIPT.sql", "SQL/CMPE138_TEAM3_Sample_data.sql"]),
    "air_charter": ("sycstitch/Fleet-Management-Database-System", "10cfa299a10997ae8d0f8437fd732beef2d4e98a", ["database.sql"]),
    "famous_paintings": ("RobMorris1990/Famous-Paintings-SQL", "50f1b28afd9ddd363e8147709e807fde82e0d969",
                         [f"{t}.csv" for t in ("artist", "canvas_size", "museum", "museum_hours", "work_desc",
                                               "subject", "product_size")]),
    "beverage_line": ("ossained/Operational-analytics-for-manufacturing-optimization",
                      "791cb09a55f2d96bfa00f34023326d8fc503b973",
                      ["Products.csv", "Downtine_Factors.csv", "Line_Productivity.csv", "Line_Downtime1.csv"]),
    "support_tickets": ("largoocean-boop/Customer-Support-Ticket-Analysis-SQL",
                        "546fa7d4db1f8a206da472f1a904c506c887c10e", ["customer_support_tickets.csv"]),
    "portfolio": ("adamsohjunior/TotalInvest-Portfolio-Management-System", "9bacf89376e867341147919b2b2dfbff49eab037",
                  ["Database Schema/schema.sql", "Database Schema/seed.sql"]),
    "music_service": ("sofo4ka/MySQL_Homework", "f2b6991b8c7fdb2d43a39baeb92e879917443c15",
                      ["Курсовая/music1_dump.sql"]),
    "podcasts": ("pham-harrison/hearsay", "12abb5b1cbddc1a1444dc99676fa82fd28d9d7a3", ["database/hearsay_db.sql"]),
    "job_board": ("samhsteinmetz/23f-project-boilerplate-teamJobs", "74f5a84764bea5b3ecd2e6716e120910408afda0",
                  ["db/00_job_board.sql", "db/job_board_data.sql", "db/jobb_board_datta.sql"]),
    "travel_agency": ("w3rn3r07/DatabaseCSWK", "835834350a5e30d665d1751efc1460b4f62e6309", ["group03_cw.sql"]),
    "blog": ("senselogic/GO_TUTORIAL", "6060975a56f286b1ae82f13aebcae01e3a016a3d",
             ["sql/blog.sql", "sql/blog_data.sql"]),
    "telecom_provider": ("mertefeakillioglu/Enterprise-Data-Warehouses-and-Database-Management-Systems-Mert-Efe",
                         "86cf42ea4b968bef1d154a6ef7573af35aa49d0f",
                         ["telecom_provider_create_tables.sql", "telecom_provider_insert_data.sql"]),
    "telecom_usage": ("batuhan1734/BSBI_TelecomDatabase_2025", "98a0b2327974681d29799f9613d96e70b60ea084",
                      ["telecom_schema.sql", "insert_sample_data_10rows.sql"]),
    "car_repair": ("rutvik5/car-service-and-repair-management-system",
                   "3dccbe8f6e7053004b32eb8f7ebd12fed4a6f2e5", ["src/create_table.sql", "src/Insertion.sql"]),
    "food_delivery": ("bidkarapurva/online_food_deliveries", "f45a929fb5bbb3fd16adc01c39f01e69144263ef",
                      ["online_food_delivery.sql"]),
    "supermarket_sales": ("NicJC/Supermarket_sales", "0db73db4e561720c9b5bccc4004bfc0ba9c88323",
                          ["supermarket_sales.csv"]),
    "bakery": ("malcolmjc/Databases", "a1a7d636d2c056a7af25c15b91355cda5df4cace",
               ["lab2/BAKERY/BAKERY-setup.sql", "lab2/BAKERY/BAKERY-populate.sql"]),
    "postgrad_theses": ("Ahmad45123/db1-project", "75d3af4cd3064616597721e58e18034a06a1ee7d",
                        ["Submission/TableCreations.sql", "Submission/Insertions.sql"]),
    "course_progress": ("Ananya-904/Online-course-enrolment-and-progress-tracking-system",
                        "b827473e4cda8a778a8fe263698e1f4d1632c4dd", ["schema.sql", "sample_data.sql"]),
    "quiz_world": ("BlueOceanArcticTeam/quizTheWorld", "fec4b003e96ec4a9388cc522a01cb941d878247d",
                   ["backend/database/schema.sql", "load.sh", "backend/database/data/quizzes.csv",
                    "backend/database/data/question.csv", "backend/database/data/answers.csv"]),
    "premier_league": ("anishgilani/Premier_League_Database", "a699784e72bd36b756402ee90ef92c8051856aa6",
                       ["Creating_Tables.sql", "Inserting_Values.sql", "Alter_Values.sql"]),
    "brewery_finder": ("Jeremy-Smith87/Capstone_Brewery_Finder", "9a83003ca9e288c5e594d46f537f329b63e6502d",
                       ["java/database/schema.sql", "java/database/breweries.sql", "java/database/beer.sql",
                        "java/database/beerReviews.sql", "java/database/breweryReviews.sql",
                        "java/database/blogs.sql"]),
    "olympics_304": ("iancmx/304-olympics", "6bc2ca3881def0b17cb91979fc932acc235d9221",
                     ["database_setup/olympics_create_tables.sql", "database_setup/olympics_insert_tables.sql"]),
    "blood_bank": ("nirajdalavi/Blood-Bank", "b21f42d708bb8de1e39e56c0263100ec5a6a4c4f", ["bloodbank.sql"]),
    "scooter_sharing": ("Dushes4/DB-LAB", "aad9bad577c6081cf22a03f53b9ac566bbf9f639", ["CREATE.sql", "INSERT.sql"]),
    "apartments": ("tjohnson-code/1714TJohnson", "ff4cbb3dae83ff3567e4e6a79a3de5aa8e796def",
                   ["1714TJohnson2g/PropertyManager2Model.edmx.sql", "1714TJohnson2g/PropertyMgr2Intert.sql"]),
    "crowdfunding": ("azeledon/Crowdfunding-ETL", "b5d623fdf6f614fa8577e5f67951594f7c083805",
                     ["category.csv", "subcategory.csv", "contacts.csv", "campaign.csv",
                      "Starter_Code/backers.csv"]),
    "volunteer_projects": ("SebastianC2003/TLH-Volunteer-Management-Database",
                           "30b22117e0531bb3240de719656105a36b660318",
                           ["SQL/create_tables.sql", "SQL/populate_data.sql"]),
    "shop_funnel": ("c-andru/funnel-data-assignment-Chandru", "d0afce97b4e9174a1e30e2c9a159136fbd92985a",
                    ["Source/products.csv", "Source/inventory.csv", "Source/events.csv",
                     "Source/messages.csv", "Source/orders.csv"]),
    "lab_inventory": ("sirithatthamrong/SWE-P1", "90d5a6ecd8146df9f74b6e5c2faa670238c0557f",
                      ["sql/schema/schemas-create.sql"] + [f"sql/sample-data/{n}.sql" for n in (
                          "lab-zones", "lab-rooms", "equipment-types", "experiment-types",
                          "experiment-equipment", "room-equipment", "suppliers", "inventory-categories",
                          "inventory-items", "inventory-batches", "task-types")]),
    "school_timetable": ("Ev1lSoda/school_project_api", "6f275f9230b1349689892bded551af9963d459d6",
                         ["SQL/school.sql"]),
    "museum_visits": ("werka-z/Museum-Database-System", "0025c6d8759fee69be62663697e09c5e081d9c71", ["script.sql", "test_input.sql"]),
    "dreamshop": ("yovinasilvia/Captone-Project-Alta", "572ddf569165bc1dbcd9d09f31f6bb5992a4b975",
                  [f"raw_data/raw_data/{f}" for f in ("customers.csv", "products.csv", "customer_reviews.csv",
                                                      "sales.sql", "returns.sql")]),
    "saas_churn": ("leej58928/Early-Churn-Signal-Analysis-in-a-SaaS-Platform",
                   "f37d6583c5d672c70a39e0575a6ef6394f52c6cb",
                   [f"data/ravenstack_{t}.csv" for t in ("accounts", "subscriptions", "feature_usage",
                                                         "support_tickets", "churn_events")]),
    "supply_chain": ("Eden1029/SQL_SupplyChainLogistics", "33fef6ada7753527fd74112842fd260447391811",
                     [f"{t}.csv" for t in SUPPLY_CHAIN_FILES]),
    "ride_sharing": ("Sridhar4545454/Diligent-cursor-Task", "697a38b7920433aebbdcaaec97a4a8a14d7e9e78",
                     [f"data/{t}.csv" for t in ("drivers", "riders", "vehicles", "trips", "payments")]),
    "bus_booking": ("PraveenSPA/Busbooking", "d1b2246f8636b9afb4e35b2e9b0cd5a169af31d3", ["Dump20250828.sql"]),
    "island_ferry": ("adstratm/adstratm-undergrad", "149a041309fb24730e429d3b5fc505e01c2b44a7",
                     ["CS430 - Database Systems/429/stratmann_DDL.sql",
                      "CS430 - Database Systems/429/stratmann_inserts.sql"]),
    "movies_qa": ("RafaelRon/Stack-Exchange", "edff16cb59f30877da14aa92ac9b89cf934733cf",
                  ["Users.csv", "Posts.csv", "comments.csv", "Votes.csv"]),
    "acebook": ("pao0001/Acebook_Volcano_Project", "522854755689c103d0b2677ba81f6904cc7a9e38",
                ["src/main/resources/db/migration/V21__set_demo_seed_data.sql"]),
    "event_booking": ("anup-agarwal/psql-practice", "c87c9b5b3448aad3d6beb48f8c3bae448c0b2e2c",
                      ["10-events/data.sql"]),
    "loan_book": ("ajaynst/Database", "f624a56bc2caacd0a55fc3855b350232e7a9d0ff",
                  ["DB_Making/Table_Creation.sql", "DB_Making/Input_Data.sql"]),
    "agrosphere": ("makadiyapreet/AgroSphere", "17d7a36172d4e9e2df0e75ec1077742685745a44", ["AgroSphere.sql"]),
    "weather_stations": ("eebdev/IWA", "b2c63e499c9db2a10857facb64fe37fc0bb722d3", ["sql/database_structure.sql"]),
    "ad_roas": ("Sahil-Jana/marketing-analytics-sql", "7fbde2f531d7908bceb90200a2635327490dfd1d",
                ["sql/01_schema/001_schema.sql", "sql/02_seed/generate_data.py"]),
    "retail_loyalty": ("RDR25/HCLHackathon", "84f4935be0e29db1a99fbec01e4d49052eb6119e",
                       [f"Dashboard/data/input/{n}.csv" for n in LOYALTY_FILES]),
    "email_engagement": ("JeanSalgado123/Project-16---Email-Marketing-Campaign-Performance",
                         "03455cbdc3f84cd4c45addaacf209be0b4be8306", ["data/email_campaigns.csv"]),
    "smart_parking": ("aadityakuldharan/Smart-Parking-System-SQL-Database-Analytics",
                      "02528f4682c760f4cd708e04f2746a99aa50ced3", ["smart_parking_system.sql"]),
    "public_works": ("jeffreyrichar-ui/boise-pwis", "51c9b22435d6b37b8f62639d316205a6b57ad79f",
                     [f"data/{t}.csv" for t in PUBLIC_WORKS_FILES]),
    "shenzhen_transit": ("haozhang-x/shenzhen-metro-transport-card-data-analysis",
                         "5c6db963b02af70738b298e66dd7325dae8d1906", ["src/main/resources/card-data/14_14.csv"]),
}


def die(msg):
    sys.exit("load.py: " + msg)


def git_show(repo, commit, path):
    gitdir = os.path.join(MIRROR, repo.replace("/", "+"), "repo")
    if os.path.isdir(os.path.join(gitdir, ".git")):  # some mirrors come with a work tree
        gitdir = os.path.join(gitdir, ".git")
    if not os.path.isdir(gitdir):
        die(f"{repo} is not on this machine ({gitdir}); bring it with the fetch tool (github:{repo})")
    r = subprocess.run(["git", "--git-dir", gitdir, "show", f"{commit}:{path}"], capture_output=True)
    if r.returncode != 0:
        die(f"{repo}@{commit}:{path}: {r.stderr.decode().strip()}")
    if path.endswith((".db", ".sqlite", ".zip", ".xlsx", ".rda")):  # an SQLite file, a zip archive, R data: its bytes
        return r.stdout
    data = gzip.decompress(r.stdout) if path.endswith(".gz") else r.stdout
    return data.decode("utf-8", errors="replace")


def as_owner(cmd, **kw):
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "datamind", "--"] + cmd
    return subprocess.run(cmd, **kw)



def owner_user():
    """The `datamind` user PostgreSQL runs as under root, created (as
    scripts/devstack does) on a fresh machine that has none."""
    try:
        return pwd.getpwnam("datamind")
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "datamind"],
                       check=True)
        return pwd.getpwnam("datamind")

class Server:
    def __init__(self, root):
        self.root = root
        self.data, self.run = os.path.join(root, "pg"), os.path.join(root, "run")
        self.port_file = os.path.join(root, "port")

    def port(self):
        with open(self.port_file) as f:
            return int(f.read())

    def conninfo(self, db):
        return f"host={self.run} port={self.port()} dbname={db} user=postgres"

    def start(self):
        os.makedirs(self.run, exist_ok=True)
        if os.geteuid() == 0:
            u = owner_user()
            for d in (self.root, self.run):
                os.chown(d, u.pw_uid, u.pw_gid)
        if not os.path.exists(os.path.join(self.data, "PG_VERSION")):
            r = as_owner([f"{PGBIN}/initdb", "-D", self.data, "-U", "postgres", "--auth-local=trust",
                          "-E", "UTF8", "--locale=C.UTF-8"], capture_output=True)
            if r.returncode:
                die("initdb failed: " + r.stderr.decode())
        if as_owner([f"{PGBIN}/pg_ctl", "-D", self.data, "status"], capture_output=True).returncode == 0:
            return
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        with open(self.port_file, "w") as f:
            f.write(str(port))
        opts = f"-p {port} -k {self.run} -c listen_addresses='' -c fsync=off -c shared_buffers=128MB"
        r = as_owner([f"{PGBIN}/pg_ctl", "-D", self.data, "-l", os.path.join(self.root, "postgresql.log"),
                      "-w", "-t", "60", "-o", opts, "start"], capture_output=True)
        if r.returncode:
            die("postgres did not start: " + r.stderr.decode() + r.stdout.decode())

    def stop(self):
        if os.path.exists(os.path.join(self.data, "PG_VERSION")):
            as_owner([f"{PGBIN}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"], capture_output=True)

    def psql(self, db, sql=None, file_text=None, check=True):
        cmd = [f"{PGBIN}/psql", "-X", "-q", "-v", f"ON_ERROR_STOP={int(check)}", "-d", self.conninfo(db)]
        if sql is not None:
            cmd += ["-tA", "-c", sql]
        r = subprocess.run(cmd, input=(file_text or "").encode(), capture_output=True)
        if check and r.returncode:
            die(f"psql {db}: {r.stderr.decode()[:2000]}")
        if not check:
            errs = [l for l in r.stderr.decode().splitlines() if "ERROR" in l]
            for e in errs:
                print(f"  {db}: skipped: {e}")
        return r.stdout.decode()


def qi(name):
    return '"' + name.replace('"', '""') + '"'


def sniff_type(values):
    """The narrowest of integer / numeric / date / timestamp / text for every non-null value."""
    vals = [v for v in values if v is not None]
    if not vals:
        return "text"
    if all(re.fullmatch(r"-?\d{1,18}", v) for v in vals):
        return "bigint" if any(abs(int(v)) > 2**31 - 1 for v in vals) else "integer"
    if all(re.fullmatch(r"-?\d+(\.\d+)?([eE]-?\d+)?", v) for v in vals):
        return "numeric"
    if all(re.fullmatch(r"\d{4}-\d\d-\d\d", v) for v in vals):
        return "date"
    if all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?", v) for v in vals):
        return "timestamp"
    return "text"


def load_csv_table(srv, db, table, text, nulls=("", "\\N"), drop_unnamed=True, convert=None):
    rows = list(csv.reader(io.StringIO(text)))
    header = [h.strip() for h in rows[0]]
    body = [r for r in rows[1:] if r]
    keep = [i for i, h in enumerate(header) if h or not drop_unnamed]
    header = [header[i] for i in keep]
    body = [[(None if r[i] in nulls else r[i]) for i in keep] for r in body]
    if convert:
        body = [convert(header, r) for r in body]
    types = [sniff_type([r[c] for r in body]) for c in range(len(header))]
    cols = ", ".join(f"{qi(h)} {t}" for h, t in zip(header, types))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    for r in body:
        w.writerow(["\\N" if v is None else v for v in r])
    srv.psql(db, file_text=f"CREATE TABLE {qi(table)} ({cols});\n"
             f"COPY {qi(table)} FROM STDIN WITH (FORMAT csv, NULL '\\N');\n" + out.getvalue() + "\\.\n")
    return len(body)


def add_keys(srv, db, pkeys, fkeys):
    """Primary keys, then foreign keys. The published files are samples of
    larger sets, so some references have no target: those keys are declared
    NOT VALID (in the catalog, rows kept as published) and counted on stdout."""
    for t, cols in pkeys:
        srv.psql(db, f"ALTER TABLE {qi(t)} ADD PRIMARY KEY ({', '.join(map(qi, cols))})")
    for t, c, rt, rc in fkeys:
        n = int(srv.psql(db, f"SELECT count(*) FROM {qi(t)} x WHERE {qi(c)} IS NOT NULL AND NOT EXISTS "
                         f"(SELECT 1 FROM {qi(rt)} y WHERE y.{qi(rc)} = x.{qi(c)})").strip())
        if n:
            print(f"  {db}: {n} rows of {t} have a {c} not in {rt}.{rc}: that key is NOT VALID")
        srv.psql(db, f"ALTER TABLE {qi(t)} ADD FOREIGN KEY ({qi(c)}) REFERENCES {qi(rt)} ({qi(rc)})"
                 + (" NOT VALID" if n else ""))


def load_pagila(srv, db, files):
    schema, data = files
    # dumped by pg_dump 17: PostgreSQL 15 does not know this setting
    schema, data = (re.sub(r"(?m)^SET transaction_timeout = 0;$", "", t) for t in files)
    # a few views and functions use PostgreSQL 17 syntax (JSON_TABLE): those
    # statements fail and are reported; the tables all load
    srv.psql(db, file_text=schema, check=False)
    srv.psql(db, file_text=data)


def load_university(srv, db, files):
    ddl, data = files
    # the CREATE TABLE statements only (the file also holds MySQL's USE, SHOW, sample rows)
    ddl = "\n".join(re.findall(r"(?ims)^create table .*?^\);", ddl))
    inserts = "\n".join(l for l in data.splitlines() if l.lower().startswith("insert into"))
    srv.psql(db, file_text="BEGIN;\nSET CONSTRAINTS ALL DEFERRED;\n" + ddl + "\n" + inserts + "\nCOMMIT;\n")


def load_bank(srv, db, files):
    names = [os.path.splitext(p)[0] for p in DATASETS["bank"][2]]

    def fix_dates(header, r):  # transac.csv writes dates as DD-MM-YYYY HH:MM
        return [(f"{v[6:10]}-{v[3:5]}-{v[0:2]}{v[10:]}" if v and re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", v) else v)
                for v in r]
    for name, text in zip(names, files):
        n = load_csv_table(srv, db, name, text, convert=fix_dates)
        print(f"  {db}.{name}: {n} rows")
    pk = [("district", ["district_id"]), ("account", ["account_id"]), ("client", ["client_id"]),
          ("disp", ["disp_id"]), ("card", ["card_id"]), ("loan", ["loan_id"]), ("orde", ["order_id"]),
          ("transac", ["trans_id"])]
    fk = [("account", "district_id", "district", "district_id"), ("client", "district_id", "district", "district_id"),
          ("disp", "client_id", "client", "client_id"), ("disp", "account_id", "account", "account_id"),
          ("card", "disp_id", "disp", "disp_id"), ("loan", "account_id", "account", "account_id"),
          ("orde", "account_id", "account", "account_id"), ("transac", "account_id", "account", "account_id")]
    add_keys(srv, db, pk, fk)


def load_flights(srv, db, files):
    for name, text in zip(["airlines", "airports", "routes"], files):
        n = load_csv_table(srv, db, name, text)
        print(f"  {db}.{name}: {n} rows")
    pk = [("airlines", ["ID"]), ("airports", ["ID"])]
    fk = [("routes", "ID", "airlines", "ID"), ("routes", "Source ID", "airports", "ID"),
          ("routes", "Destination ID", "airports", "ID")]
    add_keys(srv, db, pk, fk)


def load_world(srv, db, files):
    text = files[0]
    text = text[:text.index("CREATE OR REPLACE FUNCTION")]
    text = text.replace("CREATE TYPE myenum AS ENUM ('foo', 'bar');", "")
    srv.psql(db, file_text=text)
    # the MySQL original declares city.countrycode -> country; this port dropped it
    srv.psql(db, "ALTER TABLE city ADD FOREIGN KEY (countrycode) REFERENCES country (code)")


def load_northwind(srv, db, files):
    # a plain PostgreSQL dump: loaded as published, every statement must succeed
    srv.psql(db, file_text=files[0])


def oracle_statements(text):
    """The SQL statements of an Oracle SQL*Plus script: rem/Prompt/SET lines,
    `--` comments and PL/SQL block lines (BEGIN, END;, /) dropped, split on
    `;` outside quotes."""
    keep = [l for l in text.splitlines()
            if not re.match(r"(?i)\s*(rem\b|prompt\b|set \w|--|begin\s*$|end;\s*$|/\s*$)", l)]
    out, cur, quoted = [], [], False
    for ch in "\n".join(keep):
        if ch == "'":
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    return [s for s in out if s]


def oracle_to_pg(stmt):
    """Oracle types and clauses in PostgreSQL's spelling; names unchanged."""
    stmt = re.sub(r"(?i)\bVARCHAR2\b", "varchar", stmt)
    stmt = re.sub(r"(?i)\bNUMBER\s*\((\d+)\s*,\s*(\d+)\)", r"numeric(\1,\2)", stmt)
    stmt = re.sub(r"(?i)\bNUMBER\s*\(\d+\)|\bNUMBER\b", "integer", stmt)
    stmt = re.sub(r"(?i)\)\s*ORGANIZATION INDEX\s*$", ")", stmt)
    stmt = re.sub(r"(?i)\s*WITH READ ONLY\s*$", "", stmt)
    m = re.match(r"(?is)ALTER TABLE (\w+)\s+ADD\s*\((.*)\)\s*$", stmt)
    if m:  # ADD ( CONSTRAINT a ..., CONSTRAINT b ... ) -> ADD CONSTRAINT a ..., ADD CONSTRAINT b ...
        parts = re.split(r"(?i),\s*(?=CONSTRAINT\b)", m.group(2).strip())
        stmt = f"ALTER TABLE {m.group(1)} " + ", ".join("ADD " + p.strip() for p in parts)
    return stmt


def load_hr(srv, db, files):
    """Oracle's HR sample (schema version 21) translated to PostgreSQL: the
    tables, their rows, then the keys (so the employees <-> departments cycle
    needs no disabled constraint), the emp_details_view view and the table and
    column comments. Indexes, sequences and the PL/SQL code are left out."""
    create, populate = (oracle_statements(t) for t in files)
    kind = lambda s: re.match(r"(?i)(create table|alter table|create or replace view|create view|comment on|insert into)?", s).group(1)
    tables = [oracle_to_pg(s) for s in create if (kind(s) or "").lower() == "create table"]
    keys = [oracle_to_pg(s) for s in create if (kind(s) or "").lower() == "alter table"]
    views = [oracle_to_pg(s) for s in create if "view" in (kind(s) or "").lower()]
    comments = [s for s in create if (kind(s) or "").lower() == "comment on"]
    rows = [s for s in populate if (kind(s) or "").lower() == "insert into"]
    script = ";\n".join(["BEGIN"] + tables + rows + keys + views + comments + ["COMMIT"]) + ";\n"
    srv.psql(db, file_text=script)
    for t in ("regions", "countries", "locations", "departments", "jobs", "employees", "job_history"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def mysql_to_pg(text):
    """A mysqldump in PostgreSQL's spelling, names unchanged (backticks become
    double quotes, so camelCase stays camelCase): the /*...*/ comments and
    directives, CREATE DATABASE, USE, KEY lines and table options dropped;
    int(11) / smallint(6) / mediumtext / mediumblob as integer / smallint /
    text / bytea; strings with MySQL backslash escapes as E'...' literals.
    The foreign keys come back separately, to be added after the rows."""
    text = text.replace("\r\n", "\n")  # the dump has Windows line ends
    text = re.sub(r"(?s)/\*.*?\*/;?", "", text)
    text = re.sub(r"(?im)^(CREATE DATABASE|USE) .*$", "", text)
    fkeys = []

    def table(m):
        name, body = m.group(1), m.group(2)
        lines = []
        for line in body.split("\n"):
            c = re.match(r"\s*CONSTRAINT `\w+` (FOREIGN KEY .*?),?$", line)
            if c:
                fkeys.append(f"ALTER TABLE `{name}` ADD {c.group(1)}")
            elif not re.match(r"\s*KEY ", line) and line.strip():
                lines.append(line)
        lines[-1] = lines[-1].rstrip(",")
        return f"CREATE TABLE `{name}` (\n" + "\n".join(lines) + "\n);"
    text = re.sub(r"(?s)CREATE TABLE `(\w+)` \((.*?)\n\) ENGINE=[^;]*;", table, text)
    text = re.sub(r"\bint\(\d+\)", "integer", text)
    text = re.sub(r"\bsmallint\(\d+\)", "smallint", text)
    text = re.sub(r"\bmediumtext\b", "text", text)
    text = re.sub(r"\bmediumblob\b", "bytea", text)
    text = re.sub(r"'((?:[^'\\]|\\.)*)'", lambda m: ("E" if "\\" in m.group(1) else "") + m.group(0), text)
    fkeys = [f.replace("`", '"') + ";" for f in fkeys]
    return text.replace("`", '"'), fkeys


def load_classicmodels(srv, db, files):
    """The MySQL tutorial's classicmodels dump translated by mysql_to_pg:
    tables and rows first, then the foreign keys (customers is created before
    the employees it points at)."""
    text, fkeys = mysql_to_pg(files[0])
    srv.psql(db, file_text="BEGIN;\n" + text + "\n" + "\n".join(fkeys) + "\nCOMMIT;\n")
    for t in ("customers", "employees", "offices", "orders", "orderdetails", "payments", "products",
              "productlines"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_f1(srv, db, files):
    """The Ergast Formula 1 CSV files (1950-2024) as the Kaggle set publishes
    them: camelCase headers kept, \\N as NULL. lap_times.csv is left out (its
    blob is not in the snapshot)."""
    names = [os.path.basename(p)[:-4] for p in DATASETS["f1"][2]]
    for name, text in zip(names, files):
        n = load_csv_table(srv, db, name, text)
        print(f"  {db}.{name}: {n} rows")
    pk = [("circuits", ["circuitId"]), ("constructors", ["constructorId"]), ("drivers", ["driverId"]),
          ("seasons", ["year"]), ("status", ["statusId"]), ("races", ["raceId"]), ("results", ["resultId"]),
          ("sprint_results", ["resultId"]), ("qualifying", ["qualifyId"]),
          ("pit_stops", ["raceId", "driverId", "stop"]), ("driver_standings", ["driverStandingsId"]),
          ("constructor_standings", ["constructorStandingsId"]),
          ("constructor_results", ["constructorResultsId"])]
    fk = [("races", "circuitId", "circuits", "circuitId"), ("races", "year", "seasons", "year")]
    for t in ("results", "sprint_results", "qualifying"):
        fk += [(t, "raceId", "races", "raceId"), (t, "driverId", "drivers", "driverId"),
               (t, "constructorId", "constructors", "constructorId")]
    fk += [("results", "statusId", "status", "statusId"), ("sprint_results", "statusId", "status", "statusId"),
           ("pit_stops", "raceId", "races", "raceId"), ("pit_stops", "driverId", "drivers", "driverId"),
           ("driver_standings", "raceId", "races", "raceId"), ("driver_standings", "driverId", "drivers", "driverId"),
           ("constructor_standings", "raceId", "races", "raceId"),
           ("constructor_standings", "constructorId", "constructors", "constructorId"),
           ("constructor_results", "raceId", "races", "raceId"),
           ("constructor_results", "constructorId", "constructors", "constructorId")]
    add_keys(srv, db, pk, fk)


def load_netflix(srv, db, files):
    # a plain PostgreSQL dump of one table: loaded as published
    srv.psql(db, file_text=files[0])


def load_titanic(srv, db, files):
    # a plain PostgreSQL dump of one table (passenger): loaded as published
    srv.psql(db, file_text=files[0])


def load_club(srv, db, files):
    # pgexercises.com's country-club dump (schema cd): loaded as published,
    # every statement must succeed; it declares its own keys
    srv.psql(db, file_text=files[0])


def load_booktown(srv, db, files):
    # the "Book Town" dump of *Practical PostgreSQL* (PostgreSQL 7.1): its own
    # CREATE DATABASE and \connect are dropped (the loader made the database);
    # every other statement must succeed
    text = re.sub(r'(?m)^(Create Database "booktown";|\\connect booktown)$', "", files[0])
    srv.psql(db, file_text=text)


def load_periodic_table(srv, db, files):
    # a plain PostgreSQL dump of one table: loaded as published
    srv.psql(db, file_text=files[0])


def load_hospital(srv, db, files):
    """The sql-practice.com "hospital" set as a SQL Server course keeps it: the
    tables and keys from the ```sql block of its schema page (CREATE DATABASE,
    USE and the GO separators dropped), then the generated INSERT scripts, one
    statement a line, each followed by GO (comment headers dropped)."""
    page, *inserts = files
    ddl = re.search(r"(?s)~~~sql\n(.*?)~~~", page).group(1)
    ddl = "\n".join(l for l in ddl.splitlines()
                    if not re.match(r"(?i)\s*(GO|USE \w+;|CREATE DATABASE \w+;)\s*$", l))
    rows = [l.rstrip() + ";" for text in inserts for l in text.splitlines() if l.startswith("INSERT INTO ")]
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + "\n".join(rows) + "\nCOMMIT;\n")
    for t in ("province_names", "doctors", "patients", "admissions"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_murder_mystery(srv, db, files):
    """Knight Lab's "SQL Murder Mystery": an SQLite file read with Python's
    sqlite3. Tables and columns as published, SQLite's integer / text (and
    ssn's CHAR, text there) as integer / text; dates stay YYYYMMDD integers and
    gym times HHMM integers, as published. The game's answer checker (the
    empty `solution` table and its trigger) is left out. Keys as the file
    declares them, NOT VALID where a reference has no target."""
    import sqlite3
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".db") as f:
        f.write(files[0])
        f.flush()
        lite = sqlite3.connect(f.name)
        tables = [t for (t,) in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")
                  if t != "solution"]
        script = "BEGIN;\n"
        for t in tables:
            cols = [(c[1], "integer" if c[2].lower() == "integer" else "text")
                    for c in lite.execute(f"PRAGMA table_info({qi(t)})")]
            out = io.StringIO()
            w = csv.writer(out, lineterminator="\n")
            for r in lite.execute(f"SELECT * FROM {qi(t)}"):
                w.writerow(["\\N" if v is None else v for v in r])
            script += (f"CREATE TABLE {qi(t)} (" + ", ".join(f"{qi(n)} {ty}" for n, ty in cols) + ");\n"
                       f"COPY {qi(t)} FROM STDIN WITH (FORMAT csv, NULL '\\N');\n" + out.getvalue() + "\\.\n")
        srv.psql(db, file_text=script + "COMMIT;\n")
        pkeys = [(t, [c[1] for c in lite.execute(f"PRAGMA table_info({qi(t)})") if c[5]]) for t in tables]
        fkeys = [(t, fk[3], fk[2], fk[4]) for t in tables
                 for fk in lite.execute(f"PRAGMA foreign_key_list({qi(t)})")]
    add_keys(srv, db, [(t, cols) for t, cols in pkeys if cols], fkeys)
    for t in tables:
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {qi(t)}').strip()} rows")


def load_happiness_index(srv, db, files):
    # a plain PostgreSQL dump of one table (named "2019"): loaded as published
    srv.psql(db, file_text=files[0])


def load_lego(srv, db, files):
    """Rebrickable's LEGO catalogue CSV files (gzipped, as downloaded in August
    2023), loaded like the other CSV sets. inventory_parts.csv.gz is left out:
    its blob is not in the snapshot."""
    names = [p[:-len(".csv.gz")] for p in DATASETS["lego"][2]]
    for name, text in zip(names, files):
        n = load_csv_table(srv, db, name, text)
        print(f"  {db}.{name}: {n} rows")
    pk = [("themes", ["id"]), ("sets", ["set_num"]), ("part_categories", ["id"]), ("parts", ["part_num"]),
          ("colors", ["id"]), ("elements", ["element_id"]), ("minifigs", ["fig_num"]), ("inventories", ["id"]),
          ("inventory_minifigs", ["inventory_id", "fig_num"])]
    fk = [("themes", "parent_id", "themes", "id"), ("sets", "theme_id", "themes", "id"),
          ("parts", "part_cat_id", "part_categories", "id"), ("elements", "part_num", "parts", "part_num"),
          ("elements", "color_id", "colors", "id"),
          ("part_relationships", "child_part_num", "parts", "part_num"),
          ("part_relationships", "parent_part_num", "parts", "part_num"),
          ("inventories", "set_num", "sets", "set_num"),
          ("inventory_minifigs", "inventory_id", "inventories", "id"),
          ("inventory_minifigs", "fig_num", "minifigs", "fig_num")]
    add_keys(srv, db, pk, fk)


# The four views of Oracle's CO schema, in PostgreSQL's spelling: LISTAGG is
# string_agg, grouping_id() is GROUPING(), JSON_TABLE is jsonb_array_elements.
CO_VIEWS = [
    """CREATE VIEW customer_order_products AS
  SELECT o.order_id, o.order_tms, o.order_status, c.customer_id, c.email_address, c.full_name,
         SUM(oi.quantity * oi.unit_price) order_total,
         string_agg(p.product_name, ', ' ORDER BY oi.line_item_id) items
  FROM orders o JOIN order_items oi ON o.order_id = oi.order_id
  JOIN customers c ON o.customer_id = c.customer_id JOIN products p ON oi.product_id = p.product_id
  GROUP BY o.order_id, o.order_tms, o.order_status, c.customer_id, c.email_address, c.full_name""",
    """CREATE VIEW store_orders AS
  SELECT CASE GROUPING(s.store_name, o.order_status) WHEN 1 THEN 'STORE TOTAL' WHEN 2 THEN 'STATUS TOTAL'
           WHEN 3 THEN 'GRAND TOTAL' END total,
         s.store_name, COALESCE(s.web_address, s.physical_address) address, s.latitude, s.longitude,
         o.order_status, COUNT(DISTINCT o.order_id) order_count, SUM(oi.quantity * oi.unit_price) total_sales
  FROM stores s JOIN orders o ON s.store_id = o.store_id JOIN order_items oi ON o.order_id = oi.order_id
  GROUP BY GROUPING SETS (
    (s.store_name, COALESCE(s.web_address, s.physical_address), s.latitude, s.longitude),
    (s.store_name, COALESCE(s.web_address, s.physical_address), s.latitude, s.longitude, o.order_status),
    o.order_status, ())""",
    """CREATE VIEW product_reviews AS
  SELECT p.product_name, (r.value->>'rating')::integer rating,
         ROUND(AVG((r.value->>'rating')::integer) OVER (PARTITION BY p.product_name), 2) avg_rating,
         r.value->>'review' review
  FROM products p, jsonb_array_elements(p.product_details->'reviews') r""",
    """CREATE VIEW product_orders AS
  SELECT p.product_name, o.order_status, SUM(oi.quantity * oi.unit_price) total_sales, COUNT(*) order_count
  FROM orders o JOIN order_items oi ON o.order_id = oi.order_id
  JOIN customers c ON o.customer_id = c.customer_id JOIN products p ON oi.product_id = p.product_id
  GROUP BY p.product_name, o.order_status""",
]


def co_to_pg(stmt):
    """One statement of Oracle's CO scripts in PostgreSQL's spelling."""
    stmt = oracle_to_pg(stmt)
    stmt = re.sub(r"(?i)\bvarchar\((\d+) CHAR\)", r"varchar(\1)", stmt)
    stmt = re.sub(r"(?i)GENERATED BY DEFAULT ON NULL AS IDENTITY", "GENERATED BY DEFAULT AS IDENTITY", stmt)
    stmt = re.sub(r"(?i)\bproduct_details\s+BLOB\b", "product_details jsonb", stmt)
    stmt = re.sub(r"(?i)\bBLOB\b", "bytea", stmt)
    # TO_TIMESTAMP('04-FEB-2021 13.20.22.245676861', 'DD-MON-YYYY HH24.MI.SS.FF') -> a timestamp literal
    months = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
    stmt = re.sub(r"TO_TIMESTAMP\('(\d\d)-([A-Z]{3})-(\d{4}) (\d\d)\.(\d\d)\.(\d\d)\.(\d+)','DD-MON-YYYY HH24\.MI\.SS\.FF'\)",
                  lambda m: f"TIMESTAMP '{m[3]}-{months.index(m[2]) + 1:02d}-{m[1]} {m[4]}:{m[5]}:{m[6]}.{m[7]}'",
                  stmt)
    stmt = re.sub(r"UTL_RAW\.CAST_TO_RAW\(\s*('(?:[^']|'')*')\s*\)", r"\1::jsonb", stmt)
    return stmt


def load_customer_orders(srv, db, files):
    """Oracle's CO (Customer Orders) sample schema, version 21 of 2022,
    translated to PostgreSQL as hr is: tables, rows, keys and checks, the four
    views (rewritten, see CO_VIEWS), the comments. product_details is jsonb
    (a BLOB holding JSON in Oracle); the indexes are left out."""
    create, populate = files
    # the one product whose JSON is built in a PL/SQL variable: put the expression in its INSERT
    m = re.search(r"(?s)\n\s*prod_details := (.*?);\n", populate)
    populate = populate[:m.start()] + "\n" + populate[m.end():]
    populate = populate.replace("UTL_RAW.CAST_TO_RAW( prod_details )", f"({m.group(1)})::jsonb")
    populate = re.sub(r"(?im)^\s*(DECLARE|prod_details VARCHAR2\(32767\);)\s*$", "", populate)
    create, populate = oracle_statements(create), oracle_statements(populate)
    kind = lambda s: (re.match(r"(?i)(create table|alter table|comment on|insert into)?", s).group(1) or "").lower()
    tables = [co_to_pg(s) for s in create if kind(s) == "create table"]
    keys = [co_to_pg(s) for s in create if kind(s) == "alter table" and not re.search(r"(?i)\bis json\b", s)]
    views = [re.search(r"CREATE VIEW (\w+)", v).group(1) for v in CO_VIEWS]
    comments = [re.sub(r"(?i)^COMMENT ON TABLE (\w+)",
                       lambda m: ("COMMENT ON VIEW " if m[1].lower() in views else "COMMENT ON TABLE ") + m[1], s)
                for s in create if kind(s) == "comment on"]
    rows = [co_to_pg(s) for s in populate if kind(s) == "insert into"]
    script = ";\n".join(["BEGIN"] + tables + rows + keys + CO_VIEWS + comments + ["COMMIT"]) + ";\n"
    srv.psql(db, file_text=script)
    for t in ("customers", "stores", "products", "orders", "order_items", "shipments", "inventory"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")



def w3_tables(text, wanted, keyed):
    """The w3resource exercise tables of a MySQL script (raymondmar61/sql):
    for each wanted table its `create table` columns and its `insert into …
    values(…)` rows, in PostgreSQL's spelling. Double-quoted values are
    strings, an empty value or "" is NULL, `integer(4)` is integer, dates
    `2012/10/05` are ISO; a row whose first value was inserted before wins
    over the earlier one (the script deletes and re-inserts `orders` with ISO
    dates) in a table keyed by its first column (`keyed`)."""
    cols, rows = {}, {t: {} for t in wanted}
    for m in re.finditer(r"(?is)create table (\w+)\s*\n?\s*\((.*?)\);", text):
        t = m.group(1).lower()
        if t in wanted and t not in cols:
            body = re.sub(r"(?i)integer\(\d+\)", "integer", m.group(2))
            # the script's own `alter table t modify column c type` (MySQL)
            for a in re.finditer(rf"(?i)alter table {t}\s+modify column (\w+) (\w+(?:\(\d+(?:,\d+)?\))?)", text):
                body = re.sub(rf"(?i)\b{a.group(1)} \w+(\(\d+(,\d+)?\))?", f"{a.group(1)} {a.group(2)}", body)
            cols[t] = body
    for m in re.finditer(r"(?i)insert into (\w+)\s*\nvalues\((.*?)\);", text):
        t = m.group(1).lower()
        if t not in wanted:
            continue
        vals = []
        for v in re.findall(r'"[^"]*"|[^,]+|(?<=,)(?=,|$)|^(?=,)', m.group(2)):
            v = v.strip()
            if v in ("", '""'):
                vals.append("NULL")
            elif v.startswith('"'):
                v = v[1:-1]
                if re.fullmatch(r"\d{4}/\d\d/\d\d", v):
                    v = v.replace("/", "-")
                vals.append("'" + v.replace("'", "''") + "'")
            else:
                vals.append(v)
        rows[t][vals[0] if t in keyed else len(rows[t])] = vals
    return cols, rows


def load_w3(srv, db, text, tables, pkeys, fkeys):
    cols, rows = w3_tables(text, tables, {t for t, k in pkeys if len(k) == 1})  # each on its first column
    sql = []
    for t in tables:
        body = re.sub(r"(?i),?\s*(constraint \w+ )?primary key(\s*\([^)]*\))?", "", cols[t])
        sql.append(f"CREATE TABLE {t} ({body});")
        for r in rows[t].values():
            sql.append(f"INSERT INTO {t} VALUES ({', '.join(r)});")
    srv.psql(db, file_text="\n".join(sql) + "\n")
    add_keys(srv, db, pkeys, fkeys)


def load_moviedb(srv, db, files):
    """w3resource's movie database as raymondmar61/sql types it in for MySQL:
    movies, actor, director, reviewer, genres and the links moviecast,
    moviedirection, moviegenres and rating. The script declares primary keys
    (reviewer's by an ALTER) and no foreign key; the foreign keys are those of
    w3resource's schema diagram, all of them valid."""
    load_w3(srv, db, files[0],
            ["movies", "reviewer", "rating", "actor", "moviecast", "director", "moviedirection", "genres",
             "moviegenres"],
            [("movies", ["mov_id"]), ("reviewer", ["rev_id"]), ("actor", ["act_id"]),
             ("director", ["dir_id"]), ("genres", ["gen_id"]), ("moviegenres", ["mov_id"])],
            [("rating", "mov_id", "movies", "mov_id"), ("rating", "rev_id", "reviewer", "rev_id"),
             ("moviecast", "act_id", "actor", "act_id"), ("moviecast", "mov_id", "movies", "mov_id"),
             ("moviedirection", "dir_id", "director", "dir_id"),
             ("moviedirection", "mov_id", "movies", "mov_id"),
             ("moviegenres", "mov_id", "movies", "mov_id"), ("moviegenres", "gen_id", "genres", "gen_id")])


def load_sales(srv, db, files):
    """w3resource's salesman / customer / orders exercise tables from the same
    script: orders as re-inserted with ISO dates and `purch_amt` widened to
    decimal(6,2) by the script's ALTER, customer 3001's empty grade
    NULL; foreign keys as w3resource's diagram draws them."""
    load_w3(srv, db, files[0], ["salesman", "customer", "orders"],
            [("salesman", ["salesman_id"]), ("customer", ["customer_id"]), ("orders", ["ord_no"])],
            [("customer", "salesman_id", "salesman", "salesman_id"),
             ("orders", "customer_id", "customer", "customer_id"),
             ("orders", "salesman_id", "salesman", "salesman_id")])


def load_holiday_songs(srv, db, files):
    """Neon's holiday songs CSV (Billboard's holiday chart, 2011-2018): one
    flat table, headers as column names (`index`, `Year`, `Position`, `Song`,
    `Artist`, `Chart Date`); the chart date MM/DD/YYYY read as a date."""
    def iso(header, r):
        i = header.index("Chart Date")
        mo, d, y = r[i].split("/")
        r[i] = f"{y}-{int(mo):02d}-{int(d):02d}"
        return r
    load_csv_table(srv, db, "holiday_songs", files[0].lstrip("\ufeff"), drop_unnamed=False, convert=iso)
    add_keys(srv, db, [("holiday_songs", ["index"])], [])


def load_bikestores(srv, db, files):
    """sqlservertutorial.net's BikeStores sample (SQL Server scripts) in
    PostgreSQL's spelling: the schemas `production` and `sales` kept, `go`,
    `use` and `SET IDENTITY_INSERT` lines dropped, `IDENTITY (1, 1)` is
    `GENERATED BY DEFAULT AS IDENTITY`, `tinyint` is `smallint`, dates
    'YYYYMMDD' read as such, each INSERT line a statement. The rows are
    inserted with the foreign-key triggers off (staffs point at their
    managers, and the script's order is not the keys' order); every key is
    then checked to hold."""
    ddl = "\n".join(l for l in files[0].replace("\r\n", "\n").split("\n") if l.strip().lower() != "go")
    ddl = ddl.replace("IDENTITY (1, 1)", "GENERATED BY DEFAULT AS IDENTITY").replace("tinyint", "smallint")
    srv.psql(db, file_text=ddl + ";\n")
    data = files[1].replace("\r\n", "\n").split("*/", 1)[1]
    out = ["SET session_replication_role = replica;"]
    for line in data.split("\n"):
        if line.strip().startswith(("use ", "SET IDENTITY_INSERT", "--")):
            continue
        out.append(re.sub(r"^(INSERT INTO .* VALUES\s*\(.*\))\s*;?\s*$", r"\1;", line, flags=re.I))
    srv.psql(db, file_text="\n".join(out) + "\n")
    bad = srv.psql(db, """SELECT count(*) FROM (
        SELECT 1 FROM sales.orders o WHERE NOT EXISTS (SELECT 1 FROM sales.customers c WHERE c.customer_id = o.customer_id)
        UNION ALL SELECT 1 FROM sales.orders o WHERE NOT EXISTS (SELECT 1 FROM sales.staffs s WHERE s.staff_id = o.staff_id)
        UNION ALL SELECT 1 FROM sales.order_items i WHERE NOT EXISTS (SELECT 1 FROM sales.orders o WHERE o.order_id = i.order_id)
        UNION ALL SELECT 1 FROM sales.order_items i WHERE NOT EXISTS (SELECT 1 FROM production.products p WHERE p.product_id = i.product_id)
        UNION ALL SELECT 1 FROM sales.staffs s WHERE s.manager_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sales.staffs m WHERE m.staff_id = s.manager_id)
        UNION ALL SELECT 1 FROM production.stocks k WHERE NOT EXISTS (SELECT 1 FROM production.products p WHERE p.product_id = k.product_id)) x""").strip()
    if bad != "0":
        die(f"bikestores: {bad} rows break a foreign key")
    for t in ("production.brands", "production.categories", "production.products", "sales.customers",
              "sales.stores", "sales.staffs", "sales.orders", "sales.order_items", "production.stocks"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_movielens(srv, db, files):
    """GroupLens's MovieLens "ml-latest-small" (September 2018: 610 users,
    9742 movies, 100836 ratings, 3683 tags), loaded like bank and flights
    (narrowest type per column, camelCase headers kept: `"movieId"`,
    `"userId"`); times stay the published Unix epoch integers (`timestamp`),
    genres the published `|`-separated text, `"imdbId"` an integer (its
    leading zeros go). No users table: users are ids only. The repository
    appended a test row to ratings.csv (`999,999999,5.0,1493846415`: no such
    user or movie); it is left out, so the counts are GroupLens's. Keys:
    movies, links and ratings (user + movie); ratings, tags and links ->
    movies."""
    names = [os.path.basename(p)[:-4] for p in DATASETS["movielens"][2]]
    for name, text in zip(names, files):
        if name == "ratings":
            text = text.replace("\n999,999999,5.0,1493846415", "")
        n = load_csv_table(srv, db, name, text)
        print(f"  {db}.{name}: {n} rows")
    add_keys(srv, db, [("movies", ["movieId"]), ("links", ["movieId"]), ("ratings", ["userId", "movieId"])],
             [("links", "movieId", "movies", "movieId"), ("ratings", "movieId", "movies", "movieId"),
              ("tags", "movieId", "movies", "movieId")])


def load_worldcup(srv, db, files):
    """The Fjelstul World Cup Database (men's and women's FIFA World Cups,
    1930-2022; CC BY-SA 4.0): eight of its CSV tables loaded like bank and
    flights (`key_id` dropped for the text keys `T-01`, `M-1930-01`, ...);
    keys as its codebook draws them. player_appearances.csv is left out (its
    blob is not in the snapshot) and so are the squads, substitutions,
    referees, managers, awards and standings tables."""
    names = [os.path.basename(p)[:-4] for p in DATASETS["worldcup"][2]]
    for name, text in zip(names, files):
        n = load_csv_table(srv, db, name, text.lstrip("\ufeff"), nulls=("",))
        srv.psql(db, f"ALTER TABLE {qi(name)} DROP COLUMN key_id")
        print(f"  {db}.{name}: {n} rows")
    add_keys(srv, db,
             [("confederations", ["confederation_id"]), ("teams", ["team_id"]), ("tournaments", ["tournament_id"]),
              ("stadiums", ["stadium_id"]), ("players", ["player_id"]), ("matches", ["match_id"]),
              ("goals", ["goal_id"]), ("bookings", ["booking_id"])],
             [("teams", "confederation_id", "confederations", "confederation_id"),
              ("matches", "tournament_id", "tournaments", "tournament_id"),
              ("matches", "stadium_id", "stadiums", "stadium_id"),
              ("matches", "home_team_id", "teams", "team_id"), ("matches", "away_team_id", "teams", "team_id"),
              ("goals", "match_id", "matches", "match_id"), ("goals", "team_id", "teams", "team_id"),
              ("goals", "player_id", "players", "player_id"),
              ("bookings", "match_id", "matches", "match_id"), ("bookings", "team_id", "teams", "team_id"),
              ("bookings", "player_id", "players", "player_id")])


def load_adventureworks(srv, db, files):
    """Microsoft's AdventureWorks 2014 OLTP sample as Lorin Thwaits ported it
    to PostgreSQL ("AdventureWorks for Postgres"): install.sql run as
    published from a scratch folder holding the repository's data/*.csv
    (tab-separated, read by its `\\copy` lines), errors reported and skipped.
    Seven CSV files are not in the snapshot (too large: Person,
    SalesOrderHeader, SalesOrderDetail, TransactionHistory(Archive),
    WorkOrder, WorkOrderRouting), so the subset kept is the one that is
    whole: the humanresources, production and purchasing schemas. The
    person and sales schemas and the five shorthand view schemas (pe, hr,
    pr, pu, sa) are dropped with what depends on them, and so are the four
    production tables left empty."""
    import tempfile
    repo, commit, _ = DATASETS["adventureworks"]
    gitdir = os.path.join(MIRROR, repo.replace("/", "+"), "repo")
    if os.path.isdir(os.path.join(gitdir, ".git")):  # some mirrors come with a work tree
        gitdir = os.path.join(gitdir, ".git")
    names = subprocess.run(["git", "--git-dir", gitdir, "ls-tree", "--name-only", commit, "adventureworks/data/"],
                           capture_output=True, text=True, check=True).stdout.split()
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "data"))
        absent = []
        for n in names:
            r = subprocess.run(["git", "--git-dir", gitdir, "show", f"{commit}:{n}"], capture_output=True)
            if r.returncode:
                absent.append(os.path.basename(n))
            with open(os.path.join(tmp, "data", os.path.basename(n)), "wb") as f:
                f.write(r.stdout if r.returncode == 0 else b"")
        print(f"  {db}: not in the snapshot, loaded empty then dropped: {', '.join(absent)}")
        with open(os.path.join(tmp, "install.sql"), "w") as f:
            f.write(files[0])
        r = subprocess.run([f"{PGBIN}/psql", "-X", "-q", "-d", srv.conninfo(db), "-f", "install.sql"],
                           cwd=tmp, capture_output=True, text=True)
    errs = [l for l in r.stderr.splitlines() if "ERROR" in l]
    print(f"  {db}: {len(errs)} statements failed (foreign keys to the missing rows), skipped")
    srv.psql(db, "DROP SCHEMA person, sales, pe, hr, pr, pu, sa CASCADE")
    srv.psql(db, "DROP TABLE production.transactionhistory, production.transactionhistoryarchive, "
                 "production.workorderrouting, production.workorder CASCADE")
    for t in ("humanresources.employee", "production.product", "purchasing.vendor",
              "purchasing.purchaseorderheader", "purchasing.purchaseorderdetail"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_french_towns(srv, db, files):
    """Stéphane Bortzmeyer's French towns (INSEE's 2005 list, from the
    pgFoundry dbsamples): a plain PostgreSQL script, run as published
    (unquoted `Regions`, `Departments`, `Towns` become lower case)."""
    srv.psql(db, file_text=files[0])


def load_iso3166(srv, db, files):
    """The pgFoundry dbsamples ISO-3166 countries and subdivisions: a plain
    PostgreSQL script, run as published."""
    srv.psql(db, file_text=files[0])


def load_ig_clone(srv, db, files):
    """Colt Steele's "Instagram clone" (igclone) as raymondmar61/sql keeps it:
    the seven `create table` lines of the course script (MySQL, one line
    each) and the rows of instagramdata.sql. `auto_increment` ids become
    serial (the rows give no ids: 1, 2, … in insert order, as MySQL numbers
    them); `createdat … default now()` loses its default, so the tables whose
    rows give no time (photos, comments, likes, follows, tags) hold NULL
    rather than the time of loading."""
    ddl = []
    for line in files[0].splitlines():
        if re.match(r"(?i)create table \w+ \(", line) and not any(
                re.match(rf"(?i)create table {t} ", d) for d in ddl for t in re.findall(r"(?i)create table (\w+)", line)):
            ddl.append(re.sub(r"\);\s*#.*$", ");", line))
    sql = "\n".join(ddl)
    sql = re.sub(r"(?i)integer auto_increment primary key", "serial primary key", sql)
    sql = re.sub(r"(?i) default now\(\)", "", sql)
    srv.psql(db, file_text="BEGIN;\n" + sql + "\n" + files[1] + "\nCOMMIT;\n")
    for t in ("users", "photos", "comments", "likes", "follows", "tags", "phototags"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def mosh_section(text, name):
    """One database of Mosh Hamedani's "SQL course" script (sql_invoicing,
    sql_store, …; one statement a line, MySQL) in PostgreSQL's spelling: the
    lines between its `USE name;` and the next DROP DATABASE; int(11) /
    tinyint(4) / smallint(6) as integer / smallint; AUTO_INCREMENT and the
    KEY (index) clauses dropped; the keys and foreign keys kept."""
    part = text.split(f"USE {name};", 1)[1].split("DROP DATABASE", 1)[0]
    part = re.sub(r"\bint\(\d+\)", "integer", part)
    part = re.sub(r"\b(tinyint|smallint)\(\d+\)", "smallint", part)
    part = re.sub(r" AUTO_INCREMENT", "", part)
    part = re.sub(r", KEY \w+ \(\w+\)", "", part)
    return part


def load_sql_store(srv, db, files):
    srv.psql(db, file_text="BEGIN;\n" + mosh_section(files[0], "sql_store") + "\nCOMMIT;\n")
    for t in ("products", "shippers", "customers", "order_statuses", "orders", "order_items", "order_item_notes"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_sql_invoicing(srv, db, files):
    srv.psql(db, file_text="BEGIN;\n" + mosh_section(files[0], "sql_invoicing") + "\nCOMMIT;\n")
    for t in ("payment_methods", "clients", "invoices", "payments"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_school(srv, db, files):
    """A made-up high school's gradebook (schema.sql is PostgreSQL as it
    stands): the five tables of schema.sql in its order, then each CSV file
    with COPY into the table of its name."""
    names = ("students", "courses", "enrollments", "assignments", "grades")
    sql = files[0] + "\n"
    for t, text in zip(names, files[1:]):
        header = text.splitlines()[0].strip()
        sql += f"COPY {t} ({header}) FROM STDIN WITH (FORMAT csv, HEADER true);\n" + text.rstrip("\n") + "\n\\.\n"
    srv.psql(db, file_text="BEGIN;\n" + sql + "COMMIT;\n")
    for t in names:
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_company(srv, db, files):
    """Giraffe Academy's "company database" (a paper company's branches,
    employees, clients and suppliers): the script runs as it stands."""
    srv.psql(db, file_text="BEGIN;\n" + files[0] + "\nCOMMIT;\n")
    for t in ("employee", "branch", "client", "works_with", "branch_supplier"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_auction(srv, db, files):
    """Bucky Roberts's "innova18_database" (an online-auction exercise,
    phpMyAdmin dump of 2017): customers and items with their seller and
    number of bids, and two views. The /*!…*/ directives, SET lines,
    COLLATE / ENGINE / FULLTEXT KEY clauses and the views' stand-in tables
    are dropped; int(11) is integer, `float` stays float (double precision);
    `CREATE ALGORITHM=… DEFINER=… SQL SECURITY DEFINER VIEW` is CREATE VIEW.
    No foreign key is declared in the dump; items.seller_id → customers.id
    is added as the data means it."""
    text = files[0].replace("\r\n", "\n")
    text = re.sub(r"(?s)/\*!.*?\*/;?", "", text)
    text = re.sub(r"(?m)^SET .*$", "", text)
    text = re.sub(r"(?s)--\n-- Stand-in structure for view `\w+`\n--\nCREATE TABLE IF NOT EXISTS `\w+` \(.*?\);", "", text)
    text = re.sub(r"(?m)^DROP TABLE IF EXISTS `\w+`;$", "", text)
    text = re.sub(r" COLLATE utf8_unicode_ci", "", text)
    text = re.sub(r",\n\s*FULLTEXT KEY `\w+` \(`\w+`\)", "", text)
    text = re.sub(r"\) ENGINE=[^;]*;", ");", text)
    text = re.sub(r"\bint\(\d+\)", "integer", text)
    text = re.sub(r"CREATE ALGORITHM=\w+ DEFINER=`\w+`@`\w+` SQL SECURITY DEFINER VIEW", "CREATE VIEW", text)
    text = text.replace("`", '"')
    srv.psql(db, file_text="BEGIN;\n" + text + "\nCOMMIT;\n")
    add_keys(srv, db, [], [("items", "seller_id", "customers", "id")])
    for t in ("customers", "items", "mailing", "viewnamemostbids"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_sql_hr(srv, db, files):
    """The `sql_hr` part of the same script: offices and employees with a
    manager self-link. MySQL's backslash-escaped quote (`'D\\'arcy'`) is
    written the SQL way ('D''arcy')."""
    part = mosh_section(files[0], "sql_hr").replace("\\'", "''")
    srv.psql(db, file_text="BEGIN;\n" + part + "\nCOMMIT;\n")
    for t in ("offices", "employees"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_sql_inventory(srv, db, files):
    """The `sql_inventory` part of the same script: one flat products table."""
    srv.psql(db, file_text="BEGIN;\n" + mosh_section(files[0], "sql_inventory") + "\nCOMMIT;\n")
    print(f"  {db}.products: {srv.psql(db, 'SELECT count(*) FROM products').strip()} rows")


def load_library(srv, db, files):
    """A small lending library (a Spring Boot exercise's schema.sql and
    data.sql, MySQL): INT(11) is integer and AUTO_INCREMENT is dropped;
    the rest runs as it stands."""
    schema = re.sub(r"\bINT\(\d+\)", "integer", files[0])
    schema = schema.replace(" AUTO_INCREMENT", "")
    srv.psql(db, file_text="BEGIN;\n" + schema + "\n" + files[1] + "\nCOMMIT;\n")
    for t in ("books", "members", "loan"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def eight_week_tables(text):
    """The CREATE TABLE and INSERT statements of one of Danny Ma's "8 Week SQL
    Challenge" scripts as a learner's repository keeps it (MySQL: `#`
    comments, `use`, then from `show tables;` on the learner's own queries
    and UPDATEs that clean the data, all left out: the rows are kept as
    Danny Ma publishes them)."""
    text = re.split(r"(?im)^\s*show tables;", text)[0]
    return "\n".join(re.findall(r"(?ims)^(?:create table|insert into)\b.*?\);[ \t]*$", text))


def load_eight_week(srv, db, text, pkeys, fkeys):
    srv.psql(db, file_text="BEGIN;\n" + eight_week_tables(text) + "\nCOMMIT;\n")
    add_keys(srv, db, pkeys, fkeys)
    for t in srv.psql(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").split():
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {qi(t)}').strip()} rows")


def load_pizza_runner(srv, db, files):
    """Danny Ma's Pizza Runner (case study 2): runners, customer_orders (one
    row per pizza, exclusions and extras as comma-separated topping ids, ''
    and 'null' both meaning none), runner_orders (distance, duration and
    pickup time as free text, 'null' as a string), pizza_names, pizza_recipes
    (toppings as a comma-separated id list), pizza_toppings. The script
    declares no key: the ones its diagram draws are added."""
    load_eight_week(srv, db, files[0],
                    [("runners", ["runner_id"]), ("runner_orders", ["order_id"]),
                     ("pizza_names", ["pizza_id"]), ("pizza_recipes", ["pizza_id"]),
                     ("pizza_toppings", ["topping_id"])],
                    [("runner_orders", "runner_id", "runners", "runner_id"),
                     ("customer_orders", "order_id", "runner_orders", "order_id"),
                     ("customer_orders", "pizza_id", "pizza_names", "pizza_id"),
                     ("pizza_recipes", "pizza_id", "pizza_names", "pizza_id")])


def load_foodie_fi(srv, db, files):
    """Danny Ma's Foodie-Fi (case study 3): plans and the subscriptions of
    1000 customers (customer, plan, start date; a customer's plan runs until
    their next row). Keys added: plans.plan_id, subscriptions → plans."""
    load_eight_week(srv, db, files[0], [("plans", ["plan_id"])],
                    [("subscriptions", "plan_id", "plans", "plan_id")])


def load_data_bank(srv, db, files):
    """Danny Ma's Data Bank (case study 4): regions, customer_nodes (a
    customer's node allocations with start and end dates, '9999-12-31' for
    the current one) and customer_transactions (deposit / withdrawal /
    purchase). Keys added: regions.region_id, customer_nodes → regions."""
    load_eight_week(srv, db, files[0], [("regions", ["region_id"])],
                    [("customer_nodes", "region_id", "regions", "region_id")])


def load_dannys_diner(srv, db, files):
    """Danny Ma's Danny's Diner (case study 1): sales (customer, order date,
    product; no key, one row per item), menu (3 products with a price),
    members (2 of the 3 customers with a join date). Keys added:
    menu.product_id, members.customer_id, sales → menu (sales → members
    would not hold: customer C is not a member)."""
    load_eight_week(srv, db, files[0], [("menu", ["product_id"]), ("members", ["customer_id"])],
                    [("sales", "product_id", "menu", "product_id")])


def load_hotel(srv, db, files):
    """Connolly & Begg's Hotel / Room / Guest / Booking exercise as an
    induction course types it in for Oracle: varchar2 is varchar and
    number(n) integer; the booking dates stay text as published
    ('10-AUG-99'); booking has no key, as published."""
    ddl = re.sub(r"(?i)\bvarchar2\b", "varchar", files[0])
    ddl = re.sub(r"(?i)\bnumber\(\d+\)", "integer", ddl)
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + files[1] + "\nCOMMIT;\n")
    for t in ("hotel", "room", "guest", "booking"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_elmasri(srv, db, files):
    """Elmasri & Navathe's COMPANY database (Figure 5.6 of *Fundamentals of
    Database Systems*, 7th ed.) as a MySQL 5.7 script: it runs as it stands
    (ssn values written as numbers go into char(9) columns; the script's
    two identical supervisor keys are both kept)."""
    srv.psql(db, file_text="BEGIN;\n" + files[0] + "\nCOMMIT;\n")
    for t in ("employee", "department", "dept_locations", "project", "works_on", "dependent"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_pizza_place(srv, db, files):
    """Maven Analytics' "Pizza Place Sales" (a year of a made-up pizzeria's
    orders, 2015): the four CSV files loaded like bank (narrowest type per
    column); orders.time, text in the sniffer's eyes, becomes a `time`.
    Keys: pizza_types.pizza_type_id, pizzas.pizza_id, orders.order_id,
    order_details.order_details_id; pizzas → pizza_types, order_details →
    orders and → pizzas."""
    names = ("pizza_types", "pizzas", "orders", "order_details")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, 'ALTER TABLE orders ALTER COLUMN "time" TYPE time USING "time"::time')
    add_keys(srv, db, [("pizza_types", ["pizza_type_id"]), ("pizzas", ["pizza_id"]),
                       ("orders", ["order_id"]), ("order_details", ["order_details_id"])],
             [("pizzas", "pizza_type_id", "pizza_types", "pizza_type_id"),
              ("order_details", "order_id", "orders", "order_id"),
              ("order_details", "pizza_id", "pizzas", "pizza_id")])


def load_amazon(srv, db, files):
    """A made-up Indian marketplace of an "Amazon advanced SQL" course
    project (2022-2025): nine CSV files loaded like bank (narrowest type per
    column, "" as NULL: shipping.return_date is empty unless returned).
    Primary keys on the *_id columns; foreign keys between them.
    inventory.warehouse_id names no table."""
    names = ("category", "customers", "sellers", "products", "orders", "order_items",
             "payment", "shipping", "inventory")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("category", ["category_id"]), ("customers", ["customer_id"]),
                       ("sellers", ["seller_id"]), ("products", ["product_id"]),
                       ("orders", ["order_id"]), ("order_items", ["order_item_id"]),
                       ("payment", ["payment_id"]), ("shipping", ["shipping_id"]),
                       ("inventory", ["inventory_id"])],
             [("products", "category_id", "category", "category_id"),
              ("orders", "customer_id", "customers", "customer_id"),
              ("orders", "seller_id", "sellers", "seller_id"),
              ("order_items", "order_id", "orders", "order_id"),
              ("order_items", "product_id", "products", "product_id"),
              ("payment", "order_id", "orders", "order_id"),
              ("shipping", "order_id", "orders", "order_id"),
              ("inventory", "product_id", "products", "product_id")])


def load_library_system(srv, db, files):
    """A library-management course project (branches, employees, members,
    books, issues and returns): app_library.sql (PostgreSQL, its DDL with
    the keys) then insert_queries.sql, both as they stand.
    insert_queries2.sql is left out: its dates are CURRENT_DATE - n days."""
    srv.psql(db, file_text="BEGIN;\n" + files[0] + "\n" + files[1] + "\nCOMMIT;\n")
    for t in ("branch", "employees", "members", "books", "issued_status", "return_status"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_fantasy_league(srv, db, files):
    """A course project's fantasy soccer league (Oracle SQL, 2017): the
    schema, its two CHECK constraints and the rows, all plain SQL that
    PostgreSQL takes as it stands (unquoted names fold to lower case)."""
    srv.psql(db, file_text="BEGIN;\n" + "\n".join(files) + "\nCOMMIT;\n")
    for t in ("pro_league", "pro_team", "position", "player", "user_profile", "fantasy_league",
              "user_team", "team_player", "match_up", "player_score"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_hotel_maids(srv, db, files):
    """A small Oracle hotel schema (guests, maids, rooms, payments,
    reservations): REM lines dropped, NUMBER / NVARCHAR2 in PostgreSQL's
    spelling, the unique indexes that duplicate the primary keys dropped,
    `REFERENCES T` given its key column, dates 'DD-Mon-YY' read as DMY."""
    ddl = files[0]
    ddl = re.sub(r"CREATE UNIQUE INDEX \w+\s+ON \w+ \(\w+\);", "", ddl)
    ddl = re.sub(r"NUMBER \((\d+)\)", r"numeric(\1)", ddl)
    ddl = re.sub(r"NUMBER \((\d+),(\d+)\)", r"numeric(\1,\2)", ddl)
    ddl = re.sub(r"NVARCHAR2 \((\d+)\)", r"varchar(\1)", ddl)
    ddl = re.sub(r"REFERENCES (Guest|Maid|Room|Payment)\b", lambda m: f"REFERENCES {m.group(1)} ({m.group(1)}ID)", ddl)
    ddl = re.sub(r"ADD \((CONSTRAINT.*?)\n\s*\);", lambda m: "ADD " + m.group(1).replace(",\n", ",\n ADD ") + ";",
                 ddl, flags=re.S)
    rows = "\n".join(l for l in files[1].splitlines() if not l.startswith("REM"))
    srv.psql(db, file_text="SET DateStyle = 'ISO, DMY';\nBEGIN;\n" + ddl + "\n" + rows + "\nCOMMIT;\n")
    for t in ("guest", "maid", "payment", "room", "reservation"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_tote(srv, db, files):
    """A football betting "totalizator" (a Java course project's mysqldump,
    2018) through mysql_to_pg, then what that does not cover: column
    COMMENTs dropped, enum(...) as varchar, unsigned and AUTO_INCREMENT
    dropped, tinyint as smallint, double(5,2) as numeric(5,2), double as
    double precision, datetime as timestamp. Names and values unchanged."""
    text, fkeys = mysql_to_pg(files[0])
    text = re.sub(r" COMMENT '(?:[^']|'')*'", "", text)
    text = re.sub(r"\benum\('[^)]*\)", "varchar(10)", text)
    text = re.sub(r" unsigned\b| AUTO_INCREMENT\b", "", text)
    text = re.sub(r"\btinyint\(\d+\)", "smallint", text)
    text = re.sub(r"\bdouble\((\d+),(\d+)\)", r"numeric(\1,\2)", text)
    text = re.sub(r"\bdouble\b", "double precision", text)
    text = re.sub(r"\bdatetime\b", "timestamp", text)
    text = re.sub(r"(?m)^(LOCK|UNLOCK) TABLES.*$", "", text)
    srv.psql(db, file_text="BEGIN;\n" + text + "\n" + "\n".join(fkeys) + "\nCOMMIT;\n")
    for t in ("administrator", "client", "football_event", "football_result", "bet"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_nba(srv, db, files):
    """A course lab's NBA season (MySQL, from hassoun/nba's CSV files):
    TEAMS, GAMES with a home and a visiting team by name, PLAYERS. The
    setup's `drop table` line is dropped, backticks are double quotes, and
    each `STR_TO_DATE(2013-10-30, '%Y-%M-%d')` (an unquoted subtraction,
    not a date string) is the date literal it spells;
    `prefix_2` is varchar(50), not (10), for its slugs ('boston-celtics').
    Unquoted names fold to lower case."""
    ddl = re.sub(r"(?im)^drop table.*$", "", files[0]).replace("`", '"')
    ddl = ddl.replace("prefix_2 VARCHAR(10)", "prefix_2 VARCHAR(50)")  # 'boston-celtics' is 14 long
    rows = re.sub(r"STR_TO_DATE\((\d{4}-\d\d-\d\d), '[^']*'\)", r"'\1'", files[1])
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + rows + "\nCOMMIT;\n")
    for t in ("teams", "games", "players"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_shop(srv, db, files):
    """A small web shop (MySQL, Faker-made rows): AUTO_INCREMENT keys are
    serial, the tables are created without their foreign keys, the rows
    inserted in the script's order, then the keys added (add_keys: rows that
    point at no row keep the key NOT VALID). The index is left out. Unquoted
    CamelCase names fold to lower case."""
    ddl = files[0].replace("INT AUTO_INCREMENT PRIMARY KEY", "SERIAL PRIMARY KEY")
    ddl = re.sub(r",\s*FOREIGN KEY \(\w+\) REFERENCES \w+\(\w+\)", "", ddl)
    ddl = re.sub(r"(?m)^CREATE INDEX.*$", "", ddl)
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + files[1] + "\nCOMMIT;\n")
    add_keys(srv, db, [], [("orders", "customerid", "customers", "customerid"),
                           ("orderitems", "orderid", "orders", "orderid"),
                           ("orderitems", "productid", "products", "productid"),
                           ("payments", "orderid", "orders", "orderid"),
                           ("reviews", "productid", "products", "productid"),
                           ("reviews", "customerid", "customers", "customerid")])
    for t in ("categories", "customers", "products", "orders", "orderitems", "payments", "reviews"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_resto(srv, db, files):
    """A restaurant's kitchen (a Spring course project's PostgreSQL
    migrations, mock data and views), run in order as published."""
    srv.psql(db, file_text="BEGIN;\n" + ";\n".join(files) + ";\nCOMMIT;\n")
    for t in ("ingredients", "dishes", "dish_ingredients", "stock_movement", "orders", "order_dish",
              "order_dish_status", "order_status", "prices"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")
def load_clinic(srv, db, files):
    """Kaggle's "Hospital Management Dataset" (a made-up clinic group, 2023:
    patients, doctors, appointments, treatments, bills) as a course
    project keeps its five CSV files: loaded like bank (narrowest type per
    column, text keys 'P001' / 'D001' / 'A001' / 'T001' / 'B001');
    appointment_time, text in the sniffer's eyes ('8:00:00'), becomes a
    `time`. Keys on the *_id columns and the links between them."""
    names = ("patients", "doctors", "appointments", "treatments", "billing")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, "ALTER TABLE appointments ALTER COLUMN appointment_time TYPE time USING appointment_time::time")
    add_keys(srv, db, [("patients", ["patient_id"]), ("doctors", ["doctor_id"]),
                       ("appointments", ["appointment_id"]), ("treatments", ["treatment_id"]),
                       ("billing", ["bill_id"])],
             [("appointments", "patient_id", "patients", "patient_id"),
              ("appointments", "doctor_id", "doctors", "doctor_id"),
              ("treatments", "appointment_id", "appointments", "appointment_id"),
              ("billing", "patient_id", "patients", "patient_id"),
              ("billing", "treatment_id", "treatments", "treatment_id")])


def load_nyc_taxi(srv, db, files):
    """Great Expectations' NYC taxi demo data: the TLC taxi zone lookup and
    two 10,000-trip samples of the yellow-cab records (January and February
    2019), each month its own table named after its file (as the demo's
    own load script names January's); CSV loaded like bank. No key on the
    trips (no id column); pickup and dropoff zones → taxi_zone_lookup."""
    names = ("taxi_zone_lookup", "yellow_tripdata_sample_2019_01", "yellow_tripdata_sample_2019_02")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("taxi_zone_lookup", ["location_id"])],
             [(t, c, "taxi_zone_lookup", "location_id") for t in names[1:]
              for c in ("pickup_location_id", "dropoff_location_id")])


def load_car_rental(srv, db, files):
    """The Kaggle "Cornell car rental" listing data (cars offered on a
    peer-to-peer rental site, with their owner, daily rate, rating and trip
    count) as a dashboard repository keeps it: one flat table named after
    its file, "CarRentalData", with its dotted headers ("location.city",
    "rate.daily") kept; CSV loaded like bank."""
    n = load_csv_table(srv, db, "CarRentalData", files[0])
    print(f"  {db}.CarRentalData: {n} rows")


def load_warehouse(srv, db, files):
    """An agritech start-up's simulated warehouse network (a Power BI
    project's CSV files, October-November 2025): warehouses, SKUs,
    factories, factory-warehouse distances, opening stock, stock movements
    and farmers' incoming loads; loaded like bank (narrowest type per
    column, text keys 'WH01' / 'SKU01' / 'F01' / 'MOV0001' / 'IN0001').
    The project's computed outputs (capacity status, recommendations) are
    left out. Keys on the ids and the links between them."""
    names = ("warehouses", "skus", "factories", "distance_matrix", "initial_stock",
             "stock_movements", "incoming_goods")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("warehouses", ["warehouse_id"]), ("skus", ["sku_id"]), ("factories", ["factory_id"]),
                       ("distance_matrix", ["factory_id", "warehouse_id"]),
                       ("initial_stock", ["warehouse_id", "sku_id"]),
                       ("stock_movements", ["movement_id"]), ("incoming_goods", ["incoming_id"])],
             [("distance_matrix", "factory_id", "factories", "factory_id"),
              ("distance_matrix", "warehouse_id", "warehouses", "warehouse_id"),
              ("initial_stock", "warehouse_id", "warehouses", "warehouse_id"),
              ("initial_stock", "sku_id", "skus", "sku_id"),
              ("stock_movements", "warehouse_id", "warehouses", "warehouse_id"),
              ("stock_movements", "sku_id", "skus", "sku_id"),
              ("stock_movements", "counterparty_warehouse", "warehouses", "warehouse_id"),
              ("incoming_goods", "sku_id", "skus", "sku_id"),
              ("incoming_goods", "preferred_factory_id", "factories", "factory_id")])


def load_recipes(srv, db, files):
    """A course project's recipe site ("DataDish": 1000 recipes from a
    public recipe set, dishes and cookbooks named by an LLM, made-up chefs,
    reviews and friendships): the eight CSV files its create_db.py loads,
    loaded like bank with the camelCase headers kept ("RecipeID",
    "DishID"); the pandas index column of friends.csv is dropped and
    cookbooks' "PublicationDate" ('October 16, 1961') becomes a date, as
    create_db.py does. Keys as create_db.py declares them."""
    names = ("dishes", "cookbooks", "recipes", "ingredients", "requires", "chefs", "reviews", "friends")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, 'ALTER TABLE cookbooks ALTER COLUMN "PublicationDate" TYPE date '
             'USING to_date("PublicationDate", \'FMMonth DD, YYYY\')')
    add_keys(srv, db, [("dishes", ["DishID"]), ("cookbooks", ["CookbookID"]), ("recipes", ["RecipeID"]),
                       ("ingredients", ["IngredientID"]), ("requires", ["RecipeID", "IngredientID"]),
                       ("chefs", ["ChefID"]), ("reviews", ["ChefID", "RecipeID"]),
                       ("friends", ["ChefID1", "ChefID2"])],
             [("recipes", "DishID", "dishes", "DishID"), ("recipes", "CookbookID", "cookbooks", "CookbookID"),
              ("requires", "RecipeID", "recipes", "RecipeID"),
              ("requires", "IngredientID", "ingredients", "IngredientID"),
              ("reviews", "ChefID", "chefs", "ChefID"), ("reviews", "RecipeID", "recipes", "RecipeID"),
              ("friends", "ChefID1", "chefs", "ChefID"), ("friends", "ChefID2", "chefs", "ChefID")])


def load_hr_attrition(srv, db, files):
    """IBM's fictional "HR Analytics Employee Attrition & Performance" data
    (Kaggle, 1470 employees, 35 columns) as an R project keeps the original
    file (data.csv): one flat table named after the data set's published
    file, "WA_Fn-UseC_-HR-Employee-Attrition", CamelCase headers kept
    ("MonthlyIncome", "JobRole"); the UTF-8 byte-order mark is dropped;
    loaded like bank; primary key "EmployeeNumber"."""
    t = "WA_Fn-UseC_-HR-Employee-Attrition"
    n = load_csv_table(srv, db, t, files[0].lstrip("\ufeff"))
    print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [(t, ["EmployeeNumber"])], [])
def load_crm(srv, db, files):
    """Maven Analytics' "CRM Sales Opportunities" (a made-up B2B hardware
    seller's pipeline, 2016-2017) as a course project keeps its four CSV
    files: loaded like bank (narrowest type per column, headers kept). The
    keys are names: accounts.account, products.product, sales_teams.sales_agent;
    sales_pipeline.opportunity_id is a text code. As published, the pipeline
    spells one product 'GTXPro' where products has 'GTX Pro', so that key is
    NOT VALID; open deals have no account, no close date and no value."""
    names = ("accounts", "products", "sales_teams", "sales_pipeline")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("accounts", ["account"]), ("products", ["product"]),
                       ("sales_teams", ["sales_agent"]), ("sales_pipeline", ["opportunity_id"])],
             [("sales_pipeline", "sales_agent", "sales_teams", "sales_agent"),
              ("sales_pipeline", "product", "products", "product"),
              ("sales_pipeline", "account", "accounts", "account"),
              ("accounts", "subsidiary_of", "accounts", "account")])


def load_airline_reservation(srv, db, files):
    """A learner's MySQL "airline reservation system" (20 rows a table, MIT
    licence): backticks become double quotes, the database / USE / SET lines
    and table options are dropped, TINYINT(4) is smallint, DATETIME is
    timestamp, AUTO_INCREMENT is dropped (every row gives its id); the inline keys and the CHECK on the
    ticket class stay as written."""
    text = files[0].replace("`", '"')
    text = re.sub(r"(?im)^(DROP DATABASE|CREATE DATABASE|USE|SET) .*$", "", text)
    text = re.sub(r"\) ENGINE=[^;]*;", ");", text)
    text = re.sub(r"(?i)TINYINT\(\d+\)", "smallint", text)
    text = re.sub(r"(?i) AUTO_INCREMENT", "", text)
    text = re.sub(r"\bDATETIME\b", "timestamp", text)
    srv.psql(db, file_text="BEGIN;\n" + text + "\nCOMMIT;\n")
    for t in ("payment_methods", "airports", "aircrafts", "flights", "passengers", "bookings", "tickets",
              "payments"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_streaming(srv, db, files):
    """A made-up streaming service (a PostgreSQL / Power BI exercise's four
    Faker-made CSV files: 200 users, 100 titles, 1000 ratings, 2000 viewings
    of June 2024 to June 2025): loaded like bank (narrowest type per column,
    headers kept). Keys on users.user_id and content.content_id; ratings and
    watch_history have no id column, so no primary key, and point at both."""
    names = ("users", "content", "ratings", "watch_history")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("users", ["user_id"]), ("content", ["content_id"])],
             [(t, c, rt, c) for t in ("ratings", "watch_history")
              for c, rt in (("user_id", "users"), ("content_id", "content"))])


def load_tennis(srv, db, files):
    """A database course's ATP tennis set (from Jeff Sackmann's tennis_atp
    files: the men's tour matches of 1994, 2004, 2014 and 2024, the players,
    the top 100 of a few ranking dates, the tournaments by key): loaded like
    bank (narrowest type per column, headers kept). Keys on
    tournaments.tournament_key and players.player_id; a match points at its
    tournament and at two players (winner_id, loser_id); a ranking row's
    player column points at players."""
    names = ("tournaments", "players", "matches_94_04_14_24", "single_ranking")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("tournaments", ["tournament_key"]), ("players", ["player_id"])],
             [("matches_94_04_14_24", "tournament_key", "tournaments", "tournament_key"),
              ("matches_94_04_14_24", "winner_id", "players", "player_id"),
              ("matches_94_04_14_24", "loser_id", "players", "player_id"),
              ("single_ranking", "player", "players", "player_id")])


def load_procurement(srv, db, files):
    """A procurement portfolio project's generated CSV files (10 suppliers,
    15 materials, 1000 purchase orders of 2023, a calendar of 2023 with a
    working-day flag as 0/1): loaded like bank (narrowest type per column,
    headers kept; is_preferred stays the text 'True' / 'False'). Text keys
    ('S001', 'M001', 'PO00001')."""
    names = ("suppliers", "materials", "purchase_orders", "procurement_calendar")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("suppliers", ["supplier_id"]), ("materials", ["material_id"]),
                       ("purchase_orders", ["po_id"]), ("procurement_calendar", ["calendar_date"])],
             [("purchase_orders", "supplier_id", "suppliers", "supplier_id"),
              ("purchase_orders", "material_id", "materials", "material_id")])


def load_project_management(srv, db, files):
    """A learner's MySQL "project management" assignment (projects, tasks,
    team members, model trainings, data sets; 6 to 18 rows a table): only
    its CREATE TABLE and INSERT statements, the '#' and '--' comments dropped;
    unquoted names, so lower case in PostgreSQL (Projects is projects). The
    keys as written: tasks, model_training and data_sets point at projects;
    tasks.assigned_to (a member) and projects.team_id (a team number that
    is only a column of teams) have no declared key, as published."""
    text = re.sub(r"(?m)^\s*#.*$", "", files[0])
    text = re.sub(r"--[^\n]*", "", text)  # the trailing comments (none inside a string)
    stmts = [s.strip() for s in text.split(";")]
    keep = [s for s in stmts if re.match(r"(?i)(CREATE TABLE|INSERT INTO)", s)]
    srv.psql(db, file_text="BEGIN;\n" + ";\n".join(keep) + ";\nCOMMIT;\n")
    for t in ("projects", "tasks", "teams", "model_training", "data_sets"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_zomato(srv, db, files):
    """A Zomato-like food delivery set (an Indian SQL project's made-up CSV
    files: 200 restaurants, 10000 orders of 2023-2025): the project's own
    SCHEMAS.sql (already PostgreSQL: customer, restaurant, orders, rider,
    deliveries, with its foreign keys), then the CSV rows; orders.csv writes
    its dates day first ('07-02-2025'), read with DateStyle DMY."""
    ddl = files[0]
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\nCOMMIT;\n")
    for t, text in zip(("customer", "restaurant", "rider", "orders", "deliveries"), files[1:]):
        cols = ", ".join(qi(h.strip()) for h in next(csv.reader(io.StringIO(text))))
        body = text.replace("\r", "").split("\n", 1)[1].strip("\n")
        srv.psql(db, file_text=f"SET DateStyle = 'ISO, DMY';\nCOPY {t} ({cols}) FROM STDIN WITH (FORMAT csv);\n"
                 + body.rstrip("\n") + "\n\\.\n")
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_insurance(srv, db, files):
    """Insurit, a course project's made-up insurance company (MySQL): the
    DDL of create_ddl.sql and the INSERTs of the stored procedure
    insertdata_sp.sql. Unquoted names, so PostgreSQL folds them to lower
    case; AUTO_INCREMENT dropped; the CREATE DATABASE / USE lines and the
    `Secrets` login table (a hashed root password) left out; the key of
    Report_Details to Report(Report_id) dropped (Report's key is Report_id +
    Claim_id, so PostgreSQL cannot reference Report_id alone)."""
    ddl = re.sub(r"(?im)^(create database|use) .*$", "", files[0])
    ddl = re.sub(r"(?is)CREATE TABLE IF NOT EXISTS Secrets.*?\);\s*INSERT INTO INSURIT\.SECRETS.*?;", "", ddl)
    ddl = re.sub(r"(?i)\s+auto_increment", "", ddl)
    ddl = re.sub(r",\s*FOREIGN KEY \(Report_id\) REFERENCES Report\(Report_id\)", "", ddl)
    ddl = re.sub(r"(?im)^commit;", "", ddl)
    body = files[1].split("BEGIN", 1)[1].rsplit("END //", 1)[0]
    body = re.sub(r"(?im)^delete from .*$", "", body)
    body = re.sub(r"(?is)INSERT INTO INSURIT\.SECRETS.*?;", "", body)
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + body + "\nCOMMIT;\n")
    for t in ("customer", "agents", "autopolicy_detail", "homepolicy_detail", "finance_details", "loan",
              "policy_holder", "vehicle_details", "home_details", "transactions", "claim", "report",
              "report_details"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_online_learning(srv, db, files):
    """A small online-learning platform (an SQL mini project: 6 students, 3
    instructors, 5 courses, 8 enrollments, modules and quizzes): the
    script runs as written but for its CREATE DATABASE and USE lines."""
    text = re.sub(r"(?im)^(create database|use) .*$", "", files[0])
    srv.psql(db, file_text="BEGIN;\n" + text + "\nCOMMIT;\n")
    for t in ("students", "instructors", "courses", "enrollments", "modules", "quizzes"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_hospital_management(srv, db, files):
    """A hospital management SQL project's five generated CSV files (120
    patients, 7 doctors, 300 appointments, 171 treatments, 200 bills, made
    in March 2026 with Python: timestamps carry microseconds). The project
    publishes no DDL (its queries are MySQL): the columns are typed here
    (timestamps for the dates, numeric money), the headers kept as names;
    keys as the files imply them (appointments -> patients / doctors,
    treatments -> appointments, bills -> patients)."""
    ddl = {"patients": "patient_id integer, name text, gender text, date_of_birth timestamp, city text, "
                       "registration_date timestamp",
           "doctors": "doctor_id integer, name text, specialization text, experience_years integer",
           "appointments": "appointment_id integer, patient_id integer, doctor_id integer, "
                           "appointment_date timestamp, status text",
           "treatments": "treatment_id integer, appointment_id integer, diagnosis text, treatment_cost numeric(10,2)",
           "bills": "bill_id integer, patient_id integer, total_amount numeric(10,2), payment_status text, "
                    "bill_date timestamp"}
    for t, text in zip(("patients", "doctors", "appointments", "treatments", "bills"), files):
        body = text.replace("\r", "").split("\n", 1)[1].strip("\n")
        srv.psql(db, file_text=f"CREATE TABLE {t} ({ddl[t]});\nCOPY {t} FROM STDIN WITH (FORMAT csv);\n"
                 + body + "\n\\.\n")
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")
    add_keys(srv, db, [(t, [t[:-1] + "_id" if t != "patients" else "patient_id"])
                       for t in ("patients", "doctors", "appointments", "treatments", "bills")],
             [("appointments", "patient_id", "patients", "patient_id"),
              ("appointments", "doctor_id", "doctors", "doctor_id"),
              ("treatments", "appointment_id", "appointments", "appointment_id"),
              ("bills", "patient_id", "patients", "patient_id")])


def load_video_games(srv, db, files):
    """The Kaggle "Video Game Sales" list (vgchartz, to 2016-2020) as a
    MySQL exercise keeps it: its own CREATE TABLE game_sales (ranking, name,
    platform, year as varchar(4) with 'N/A', genre, publisher, sales as
    integers in units, the file's millions multiplied out), then the 9999
    rows of its cleaned vgsales.csv (ranks 1-10000; the CSV header's names
    are not used, as in the exercise's LOAD DATA)."""
    m = re.search(r"(?s)CREATE TABLE game_sales \(.*?\);", files[0])
    srv.psql(db, file_text=m.group(0) + "\n")
    body = files[1].replace("\r", "").split("\n", 1)[1].strip("\n")
    srv.psql(db, file_text="COPY game_sales FROM STDIN WITH (FORMAT csv);\n" + body + "\n\\.\n")
    print(f"  {db}.game_sales: {srv.psql(db, 'SELECT count(*) FROM game_sales').strip()} rows")


def load_ehotels(srv, db, files):
    """A university course project's "e-Hotels" (5 real hotel chains, 40 of
    their hotels in real cities, 463 rooms; MySQL scripts of 2023): the
    scripts as written, unquoted names so lower case in PostgreSQL
    (HotelChain is hotelchain, locationName is locationname). Customer and
    Bookings are created but hold no rows, Employee one test row; rooms'
    status is never set (NULL), flags are 0/1 integers. phoneNumber is
    widened from varchar(15) to varchar(30): the chains' numbers as written
    ('+33 (0)1 45 38 86 00') do not fit, so a strict MySQL fails too; and
    Hotels.managerSSN is made varchar(11) instead of int, as the rows write
    it '123-45-6789' (a lax MySQL would keep 123); province varchar(20)
    becomes varchar(40) for 'Provence-Alpes-Côte d''Azur' and locationName
    becomes varchar(60) for a hotel name of 53 characters."""
    ddl = files[0].replace("phoneNumber varchar(15)", "phoneNumber varchar(30)")
    ddl = ddl.replace("managerSSN int", "managerSSN varchar(11)").replace("province varchar(20)",
                                                                          "province varchar(40)")
    ddl = ddl.replace("locationName varchar(50)", "locationName varchar(60)")
    srv.psql(db, file_text="BEGIN;\n" + ";\n".join(f.strip().rstrip(";") for f in [ddl] + files[1:])
             + ";\nCOMMIT;\n")
    for t in ("hotelchain", "hotels", "rooms", "customer", "employee", "bookings"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_real_estate(srv, db, files):
    """A course project's real-estate sales (Oracle, 2016, made-up rows:
    50 agents, 100 properties, 150 persons, 100 addresses, 100 sales): the
    script in its order but for its DROP TABLE lines; Oracle's NUMBER is
    numeric and BLOB bytea (the Picture column stays empty); unquoted names,
    so lower case (Sale is sale); dates written '30-Aug-2003'. Properties.Status
    is a 0/1 code the script's UPDATEs set to 1 for some sold properties."""
    text = re.sub(r"(?im)^DROP TABLE .*$", "", files[0])
    text = re.sub(r"(?i)\bNUMBER\b", "numeric", text)
    text = re.sub(r"(?i)\bBLOB\b", "bytea", text)
    srv.psql(db, file_text="BEGIN;\n" + text + "\nCOMMIT;\n")
    for t in ("agents", "properties", "person", "address", "sale"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_credit_union(srv, db, files):
    """A course project's credit union (MySQL, made-up, November 2020):
    members, accounts (a type and a primary owner held as 'Last, First'),
    joint_accounts (member-account link), checking / savings / cd / loan
    detail rows per account, daily_balance, message_table, rate_table and
    transaction_table with its payment / withdrawal / deposit rows. The
    scripts run as written but for CREATE SCHEMA / USE and a closing SELECT;
    unquoted names, so lower case. Dates stay text as published, in mixed
    forms ('19-11-2020', '11-19-20 2:17 PM')."""
    ddl = re.sub(r"(?im)^(create schema|use) .*$", "", files[0])
    data = re.sub(r"(?im)^use .*$", "", files[1])
    data = re.sub(r"(?is)\bSELECT \* FROM ACCOUNTS\s*$", "", data.rstrip())
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + data + "\nCOMMIT;\n")
    for t in ("members", "accounts", "joint_accounts", "checking", "savings", "cd", "loan", "daily_balance",
              "message_table", "rate_table", "transaction_table", "payment", "withdrawal", "deposit"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_electricity(srv, db, files):
    """A course project's electricity distribution company in Lahore
    (Oracle, made-up, 2023-2024): divinfo (divisions and sub-divisions, a
    composite key), customers (text keys 'LHR-RES-0001'), connectiontypes,
    connections, tariff slabs, tax authorities and rates, subsidies, fixed
    charges, meterreadings (cumulative peak / off-peak readings), bill,
    paymentmethods and paymentdetails; billadjustments stays empty (no data
    published). VARCHAR2 is varchar, NUMBER numeric; Oracle's DATE keeps a
    time of day, so meterreadings.TStamp is a timestamp and TO_DATE is read
    as to_timestamp (other DATE columns hold dates only)."""
    ddl = re.sub(r"(?i)\bVARCHAR2\b", "varchar", files[0])
    ddl = re.sub(r"(?i)\bNUMBER\b", "numeric", ddl)
    ddl = ddl.replace("TStamp DATE NOT NULL", "TStamp timestamp NOT NULL")
    body = "\n".join(re.sub(r"(?i)\bTO_DATE\(", "to_timestamp(", f) for f in files[1:])
    srv.psql(db, file_text="SET TimeZone = 'UTC';\nBEGIN;\n" + ddl + "\n" + body + "\nCOMMIT;\n")
    for t in ("divinfo", "customers", "connectiontypes", "connections", "tariff", "taxauthority", "taxrates",
              "subsidyprovider", "subsidy", "fixedcharges", "paymentmethods", "meterreadings", "bill",
              "billadjustments", "paymentdetails"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_pharmacy_inventory(srv, db, files):
    """A course project's pharmacy inventory (MySQL, made-up, 2024): 15
    tables of about ten rows each. The script creates each table, fills it,
    then selects, truncates and drops it; only its CREATE TABLE and INSERT
    statements are run, in order. AUTO_INCREMENT and ON UPDATE
    CURRENT_TIMESTAMP are dropped; unquoted names, so lower case."""
    stmts = re.findall(r"(?ims)^(?:CREATE TABLE|INSERT INTO)\b.*?\);\s*$", files[0])
    text = "\n".join(stmts)
    text = re.sub(r"(?i)\s+AUTO_INCREMENT\b", "", text)
    text = re.sub(r"(?i)\s+ON UPDATE CURRENT_TIMESTAMP", "", text)
    srv.psql(db, file_text="BEGIN;\n" + text + "\nCOMMIT;\n")
    for t in ("suppliers", "categories", "manufacturers", "products", "inventory", "customers", "prescriptions",
              "prescription_items", "purchase_orders", "purchase_order_items", "sales", "sale_items", "payments",
              "drug_interactions", "inventory_adjustments"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_petclinic(srv, db, files):
    """A Spring "petclinic" demo's HSQLDB schema and seed rows (vets, pet
    types, pets, appointments of 2020). HSQLDB's 'DROP TABLE x IF EXISTS'
    lines are dropped and IDENTITY is read as an integer key."""
    ddl = re.sub(r"(?im)^DROP TABLE .*$", "", files[0])
    ddl = re.sub(r"(?i)INTEGER IDENTITY PRIMARY KEY", "integer PRIMARY KEY", ddl)
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + files[1] + "\nCOMMIT;\n")
    for t in ("vets", "types", "pets", "appointments"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_dealership(srv, db, files):
    """A Spring Boot car-dealership exercise's HSQLDB schema and seed rows
    (UK used cars, 2021): vehicles in stock, clients, sellers, sales. IDENTITY
    is read as an integer key and DOUBLE as double precision. The sales rows
    point at vehicle ids 22 and 33, which are not in vehicles (no foreign key
    is declared there; the sold cars' make, model and reg are copied into
    sales)."""
    ddl = re.sub(r"(?i)INTEGER IDENTITY PRIMARY KEY", "integer PRIMARY KEY", files[0])
    ddl = re.sub(r"(?i)\bDOUBLE\b", "double precision", ddl)
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + files[1] + "\nCOMMIT;\n")
    for t in ("vehicles", "clients", "sellers", "sales"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_gravity_books(srv, db, files):
    """Gravity Books (Database Star's bookstore sample) as a SQL Server
    project keeps it: the catalogue and customer tables with their
    published rows. The T-SQL DDL is read as PostgreSQL: brackets and the
    dbo. prefix dropped, IDENTITY dropped, the rowversion column left out,
    GO lines dropped; the data scripts lose their PRINT / SET lines. The
    order tables (cust_order, order_line, order_history, customer_address)
    are filled with NEWID() random rows at deploy time, so not loaded."""
    n = len(GRAVITY_TABLES)
    out = ["BEGIN;"]
    for ddl in files[:n]:
        ddl = ddl.lstrip("\ufeff").replace("[dbo].", "").replace("[", "").replace("]", "")
        ddl = re.sub(r"(?i)\s+IDENTITY\(1,\s*1\)", "", ddl)
        ddl = re.sub(r"(?im)^\s*rowversion\s+timestamp[^,\n]*,?\s*$", "", ddl)
        out.append(re.sub(r"(?im)^GO\s*$", "", ddl) + ";")
    for data in files[n:]:
        data = data.lstrip("\ufeff")
        data = re.sub(r"(?im)^\s*(PRINT|SET)\b.*$", "", data)
        out.append(data.replace("dbo.", "") + ";")
    out.append("COMMIT;")
    srv.psql(db, file_text="\n".join(out) + "\n")
    for t in GRAVITY_TABLES:
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_coffee_shop(srv, db, files):
    """A made-up New York coffee-shop chain, April 2019 (the "Coffee shop
    sample data" Power BI / Maven set, as a cafe-sales project keeps it):
    loaded like bank (narrowest type per column, headers kept as published,
    so "customer_first-name", "% waste", "merchandise _goal"). File names
    become table names with spaces as underscores (`sales_reciepts` keeps
    its spelling). Dates written M/D/YYYY or YYYY/MM/DD are read as dates;
    staff.csv's two unnamed empty columns are dropped; transaction_time is a
    time. Receipt lines have no key of their own (transaction_id repeats
    per line)."""
    def fix_dates(header, r):
        out = []
        for v in r:
            m = v and re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", v)
            if m:
                v = f"{m[3]}-{int(m[1]):02d}-{int(m[2]):02d}"
            elif v and re.fullmatch(r"\d{4}/\d\d/\d\d", v):
                v = v.replace("/", "-")
            out.append(v)
        return out
    for name, text in zip(COFFEE_FILES, files):
        t = name.replace(" ", "_")
        n = load_csv_table(srv, db, t, text.lstrip("\ufeff"), convert=fix_dates)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, "ALTER TABLE sales_reciepts ALTER transaction_time TYPE time USING transaction_time::time")
    add_keys(srv, db, [("sales_outlet", ["sales_outlet_id"]), ("staff", ["staff_id"]),
                       ("generations", ["birth_year"]), ("customer", ["customer_id"]),
                       ("product", ["product_id"]), ("dates", ["transaction_date"])],
             [("customer", "home_store", "sales_outlet", "sales_outlet_id"),
              ("customer", "birth_year", "generations", "birth_year"),
              ("sales_reciepts", "sales_outlet_id", "sales_outlet", "sales_outlet_id"),
              ("sales_reciepts", "staff_id", "staff", "staff_id"),
              ("sales_reciepts", "customer_id", "customer", "customer_id"),
              ("sales_reciepts", "product_id", "product", "product_id"),
              ("sales_reciepts", "transaction_date", "dates", "transaction_date"),
              ("pastry_inventory", "sales_outlet_id", "sales_outlet", "sales_outlet_id"),
              ("pastry_inventory", "product_id", "product", "product_id"),
              ("sales_targets", "sales_outlet_id", "sales_outlet", "sales_outlet_id")])


def load_shipping(srv, db, files):
    """A student's small MySQL shipping schema (made-up): ports (composite
    key name + city), ships (named, a displacement, the captain's first and
    last name, crew, year built, a home port by two columns) and containers
    (dimensions in feet, the ship by name). MySQL's DROP / CREATE DATABASE
    and USE lines are dropped; the rest runs as written."""
    ddl, data = (re.sub(r"(?im)^\s*(DROP DATABASE|CREATE DATABASE|USE)\b.*$", "", f) for f in files)
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + data + "\nCOMMIT;\n")
    for t in ("ports", "ships", "containers"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_seller_listings(srv, db, files):
    """A second-hand fashion marketplace's listing funnel (Sept. 2021, an
    SQL portfolio project's four CSV files in one zip): brands, category,
    listings (a seller's listing: created / completed / sold timestamps,
    NULL while not reached; the seller a hashed id_customer) and clicks
    (one row per tap on the listing form: 196,090 rows, no key). Headers
    lower-cased as the project's own CREATE TABLE has them; the ISO 'Z'
    times become UTC timestamps."""
    import zipfile
    z = zipfile.ZipFile(io.BytesIO(files[0]))
    lower = lambda text: text.split("\n", 1)[0].lower() + "\n" + text.split("\n", 1)[1]
    for t in ("brands", "category", "listings", "clicks"):
        text = z.read(f"{t}.csv").decode("utf-8").lstrip("\ufeff").replace("\r\n", "\n")
        n = load_csv_table(srv, db, t, lower(text))
        print(f"  {db}.{t}: {n} rows")
    for t, c in (("listings", "date_created"), ("listings", "date_completed"), ("listings", "date_sold"),
                 ("clicks", "datetime_session")):
        srv.psql(db, f"ALTER TABLE {t} ALTER {c} TYPE timestamp USING {c}::timestamptz AT TIME ZONE 'UTC'")
    add_keys(srv, db, [("brands", ["id_brand"]), ("category", ["id_category"]), ("listings", ["id"])],
             [("listings", "id_brand", "brands", "id_brand"),
              ("listings", "id_category", "category", "id_category")])


def load_charity(srv, db, files):
    """A student's T-SQL charity (made-up, 20 rows a table): volunteers,
    donors (with a stored running total), clients in need (a 0/1
    cl_gets_help flag), help cases, donations to a help case and
    volunteering on one; ex_client is empty. USE / DROP lines and GO are
    dropped, MONEY becomes numeric(12,2), BIT smallint (0/1 kept)."""
    ddl, data = files
    ddl = re.sub(r"(?im)^\s*(USE|DROP TABLE)\b.*$", "", ddl)
    ddl = re.sub(r"(?i)\bMONEY\b", "numeric(12,2)", ddl)
    ddl = re.sub(r"(?i)\bBIT\b", "smallint", ddl)
    data = re.sub(r"(?im)^\s*USE\b.*$", "", data)
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + data + "\nCOMMIT;\n")
    for t in ("volunteer", "donor", "client", "help", "donation", "volunteering", "ex_client"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_equipment_rental(srv, db, files):
    """A PL/SQL window-functions assignment's construction-equipment rental
    in Rwanda (Oracle, made-up, 2024): 15 customers with a region, 15
    machines with a category, rentals (amount in RWF) and maintenance.
    INSERT ALL ... SELECT * FROM dual becomes one INSERT per row; NUMBER
    becomes numeric, VARCHAR2 varchar. The extra rentals file also holds 9
    rows (101-109) for customers 1-3 and equipment 1-3 that do not exist:
    kept, so the two foreign keys of rentals are NOT VALID."""
    ddl, *data = files
    ddl = re.sub(r",\s*CONSTRAINT fk_\w+ FOREIGN KEY \(\w+\)\s*REFERENCES \w+\(\w+\)", "", ddl)
    ddl = re.sub(r"\bNUMBER\b", "numeric", ddl).replace("VARCHAR2", "varchar")
    rows = []
    for text in data:
        text = re.sub(r"(?im)^\s*(INSERT ALL|SELECT \* FROM dual;)\s*$", "", text)
        text = re.sub(r"(?m)^\s*INTO (\w+ \()", r"INSERT INTO \1", text)
        text = re.sub(r"(?m)^(INSERT INTO .*\))\s*$", r"\1;", text)
        rows.append(text)
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + "\n".join(rows) + "\nCOMMIT;\n")
    add_keys(srv, db, [], [("rentals", "customer_id", "customers", "customer_id"),
                           ("rentals", "equipment_id", "equipment", "equipment_id"),
                           ("maintenance", "equipment_id", "equipment", "equipment_id")])
    for t in ("customers", "equipment", "rentals", "maintenance"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")



def mysql_ddl_to_pg(ddl, defer=True):
    """A MySQL course script's CREATE TABLE statements in PostgreSQL's
    spelling: AUTO_INCREMENT keys as serial, YEAR / TINYINT / DATETIME /
    ENUM as integer / smallint / timestamp / text, INDEX / KEY lines and ON
    UPDATE CURRENT_TIMESTAMP dropped, REGEXP as ~, foreign keys deferred to
    the end of the load's transaction if `defer` (MySQL loads with the
    checks off)."""
    ddl = re.sub(r"(?i)\bINT\s+AUTO_INCREMENT\s+PRIMARY KEY", "serial PRIMARY KEY", ddl)
    ddl = re.sub(r"(?i)\bINT\s+PRIMARY KEY\s+AUTO_INCREMENT", "serial PRIMARY KEY", ddl)
    ddl = re.sub(r"(?m)^(\s*\w+\s+)YEAR\b", r"\1integer", ddl)
    ddl = re.sub(r"(?i)\bTINYINT\b", "smallint", ddl)
    ddl = re.sub(r"(?i)\bDATETIME\b", "timestamp", ddl)
    ddl = re.sub(r"(?i)\bENUM\([^)]*\)", "text", ddl)
    ddl = re.sub(r"(?i)\s+ON UPDATE CURRENT_TIMESTAMP", "", ddl)
    ddl = re.sub(r"(?im)^\s*(UNIQUE\s+)?(INDEX|KEY)\s+\w+\s*\([^)]*\),?\s*$", "", ddl)
    ddl = re.sub(r"(?i)\bREGEXP\b", "~", ddl)
    if defer:
        ddl = re.sub(r"(?im)^(\s*(CONSTRAINT \w+\s+)?FOREIGN KEY\b[^\n]*?(\n\s+ON [^\n]*?)*?)(,?)\s*$",
                     lambda m: m.group(1) + " DEFERRABLE INITIALLY DEFERRED" + m.group(4), ddl)
    ddl = re.sub(r",(\s*(--[^\n]*\s*)*)\)\s*;", r"\1);", ddl)
    return ddl


def load_festival(srv, db, files):
    """A university course's music-festival database (Pulse University,
    NTUA 2024-25, MySQL/MariaDB, made-up): the CREATE TABLE statements of
    install.sql through mysql_ddl_to_pg, its four generated columns as
    PostgreSQL generated columns (festival name and end date, performance
    end time, visitor full name), its set_ticket_price trigger ported (a
    ticket's price_paid is the event's price for its category); the other
    triggers (checks that reject rows, and the ages computed from the load
    date — `age` stays NULL), procedures, views and the scheduled event are
    left out. load.sql runs as written, without its USE / SET lines and
    /* */ blocks (a commented-out resale sample) and without the CALLs of
    the staff-assignment procedure, which picks staff with RAND(): so
    event_staff, like resale_offer / resale_request / resale_transaction,
    stays empty. One visitor INSERT lacks its semicolon: it is added."""
    install, data = files
    ddl = install[install.index("CREATE TABLE location"):install.index("SET FOREIGN_KEY_CHECKS = 1")]
    gens = {r"CONCAT\('Pulse University Festival ', year\)": "('Pulse University Festival ' || year::text)",
            r"DATE_ADD\(start_date, INTERVAL duration - 1 DAY\)": "(start_date + (duration - 1))",
            r"DATE_ADD\(start_time, INTERVAL duration MINUTE\)": "(start_time + duration * interval '1 minute')",
            r"CONCAT\(first_name, ' ', last_name\)": "(first_name || ' ' || last_name)"}
    for k, v in gens.items():
        ddl, n = re.subn(r"\(" + k + r"\)", v, ddl)
        assert n == 1, k
    ddl = mysql_ddl_to_pg(ddl)
    trigger = """
CREATE FUNCTION set_ticket_price() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT price INTO NEW.price_paid FROM ticket_pricing
   WHERE event_id = NEW.event_id AND category_id = NEW.category_id;
  IF NEW.price_paid IS NULL THEN RAISE EXCEPTION 'Price not found for this event and category!'; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER set_ticket_price BEFORE INSERT ON ticket FOR EACH ROW EXECUTE FUNCTION set_ticket_price();
"""
    data = re.sub(r"(?s)/\*.*?\*/", "", data)
    data = re.sub(r"(?im)^\s*(USE|SET|CALL)\b.*$", "", data)
    data = re.sub(r"(?m)(^insert into visitor [^\n]*\))\n(?=insert)", r"\1;\n", data)
    srv.psql(db, file_text="BEGIN;\n" + ddl + trigger + data +
             "\nDROP TRIGGER set_ticket_price ON ticket;\nDROP FUNCTION set_ticket_price();\nCOMMIT;\n")
    for t in ("location", "festival", "stage", "equipment", "stage_equipment", "event", "performance_type",
              "performer", "artist", "band", "artist_band", "genre", "performer_genre", "performance",
              "staff_role", "experience_level", "staff", "event_staff", "visitor", "payment_method",
              "ticket_category", "ticket_pricing", "ticket", "rating", "resale_offer"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_pt_clinic(srv, db, files):
    """A course project's physical-therapy clinic (MySQL, made-up, October
    2025): its CREATE TABLE and INSERT statements through mysql_ddl_to_pg
    (Sessions.Status's ENUM as text); the triggers, procedures, function,
    views and example queries are left out. Unquoted names, so lower case."""
    script = files[0][:files[0].index("DELIMITER")]
    stmts = re.findall(r"(?ims)^(?:CREATE TABLE|INSERT INTO)\b.*?\);[ \t]*$", script)
    text = mysql_ddl_to_pg("\n".join(s for s in stmts if not s.upper().startswith("INSERT")), defer=False) + \
        "\n" + \
        "\n".join(s for s in stmts if s.upper().startswith("INSERT"))
    srv.psql(db, file_text="BEGIN;\n" + text + "\nCOMMIT;\n")
    for t in ("patients", "staff", "therapist", "exercises", "sessions", "referrals", "sessionexercises",
              "outcomemeasures"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_gym(srv, db, files):
    """A learner's SQL Server gym-management project (2022, Mockaroo-made
    rows, 20 a table): T-SQL DDL in PostgreSQL's spelling — IDENTITY keys as
    serial, `datetime` as timestamp, `bit` as smallint, SPARSE dropped, the
    instructor/member ages (computed from the day of loading) left out, the
    `uniqueidentifier` columns the inserts leave out (paymentList.ref_ID,
    offer.offer_GID) as uuid with a random default; `amount` and
    `offer_amount` (int in the DDL, '$37.55' in the rows) as numeric(10,2)
    with the $ dropped, work_out_time ('2:08 PM') as time. The file is
    Latin-1 (city names like Orebro with its diaeresis). One paymentList row
    carries an 11th value (123) that no column takes: dropped. Unquoted
    names, so lower case. The gender columns are widened from varchar(10)
    ('Genderfluid', 'Genderqueer' are 11 letters)."""
    gitdir = os.path.join(MIRROR, "AtenaAT+gym_management_with_SQL", "repo")
    raw = [subprocess.run(["git", "--git-dir", gitdir, "show", f"{DATASETS[db][1]}:{p}"], capture_output=True,
                          check=True).stdout.decode("latin-1") for p in DATASETS[db][2]]
    ddl, data = raw
    ddl = re.sub(r"(?im)^\s*create database.*$", "", ddl)
    ddl = re.sub(r"(?is)alter table workout\s+alter column[^;]*;", "", ddl)
    ddl = re.sub(r"(?i)\bint\s+IDENTITY\(1,1\)", "serial", ddl)
    ddl = re.sub(r"(?im)^\s*\w+_age\s+AS\b.*$", "", ddl)
    ddl = re.sub(r"(?i)uniqueidentifier(\s+ROWGUIDCOL)?\s+NOT NULL", "uuid NOT NULL DEFAULT gen_random_uuid()", ddl)
    ddl = re.sub(r"(?i)amount int\b", "amount numeric(10,2)", ddl)
    ddl = re.sub(r"(?i)work_out_time datetime", "work_out_time time", ddl)
    ddl = re.sub(r"(?i)\bdatetime\b", "timestamp", ddl)
    ddl = re.sub(r"(?i)\bbit\b", "smallint", ddl)
    ddl = re.sub(r"(?i)\s+sparse\b", "", ddl)
    ddl = re.sub(r"(?i)_gender varchar\(10\)", "_gender varchar(20)", ddl)
    ddl = re.sub(r"(?i)workout_description varchar\(100\)", "workout_description varchar(500)", ddl)
    ddl = re.sub(r",(\s*)\)", r"\1)", ddl)
    ddl = re.sub(r"(?m)^\)", ");", ddl)
    data = re.sub(r"'\$(\d+\.\d+)'", r"\1", data)
    data = re.sub(r"(?m)^(insert into paymentList .*'),\s*\d+\);", r"\1);", data)
    data = "\n".join(l for l in data.splitlines() if l.lower().startswith("insert into"))
    srv.psql(db, file_text="BEGIN;\nSET DateStyle = 'ISO, MDY';\n" + ddl + "\n" + data + "\nCOMMIT;\n")
    for t in ("gym_branch", "instructor", "memberinfo", "members_day", "userinfo", "paymentlist",
              "membersdaycome", "offer", "workout", "workoutplan", "bridge_member_days", "bridge_memberinfo_offer"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_lightbnb(srv, db, files):
    """Lighthouse Labs' "LightBnB" course project (an Airbnb-like rental
    site, PostgreSQL, generated rows: 1000 users, 1000 properties, 10000
    reservations, 10000 property reviews), as a learner's repository keeps
    the course's seed files split in four. Its migration as written, less
    the CREATE DATABASE line, with `parkings_spaces` spelled `parking_spaces`
    as every seed INSERT names it, and the trailing comma before the last
    `);` dropped. The reservation ids are the seed's own (from 1000000 up)."""
    schema = re.sub(r"(?im)^CREATE DATABASE.*$", "", files[0])
    schema = schema.replace("parkings_spaces", "parking_spaces")
    schema = re.sub(r",(\s*)\);", r"\1);", schema)
    srv.psql(db, file_text="BEGIN;\n" + schema + "\n" + "\n".join(files[1:]) +
             "\nSELECT setval('reservations_id_seq', (SELECT max(id) FROM reservations));\nCOMMIT;\n")
    for t in ("users", "properties", "reservations", "property_reviews"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_gradapps(srv, db, files):
    """A York University EECS graduate-admissions web app's MySQL 5.7 test
    database (2018; made-up applicants, a faculty list): seed.sql's CREATE
    TABLEs (all but `sessions`) and its data files in seed.sql's order.
    Backticks become double quotes, so the camelCase names stay
    (`"app_Id"`, `"LName"`, `"Rank"`); AUTO_INCREMENT as serial, JSON as
    jsonb, TINYINT(1) as smallint, BIGINT(9) as bigint, DATETIME as
    timestamp, LONGTEXT / LONGBLOB as text / bytea, the gpa ENUM as text.
    application's key is (app_Id, student_Id) while the reviews point at
    app_Id alone: app_Id gets a UNIQUE constraint so the foreign keys hold.
    The triggers (which set committeeReviewed when reviews come in) are left
    out: the flag stays as inserted. The inserts write CURRENT_TIMESTAMP (or
    leave the default) for app_Date, letterDate, assignDate and lastReminded,
    so those hold the day of loading."""
    seed = files[0]
    ddl = "\n".join(re.findall(r"(?s)CREATE TABLE `(?!sessions)\w+` \(.*?\) ENGINE=\w+;", seed))
    ddl = re.sub(r"\) ENGINE=\w+;", ");", ddl)
    ddl = re.sub(r"(?i)\bINT NOT NULL AUTO_INCREMENT", "serial", ddl)
    ddl = re.sub(r"(?i)\bJSON\b", "jsonb", ddl)
    ddl = re.sub(r"(?i)\bTINYINT\(1\)", "smallint", ddl)
    ddl = re.sub(r"(?i)\bBIGINT\(9\)", "bigint", ddl)
    ddl = re.sub(r"(?i)\bDATETIME\b", "timestamp", ddl)
    ddl = re.sub(r"(?i)\bLONGTEXT\b", "text", ddl)
    ddl = re.sub(r"(?i)\bLONGBLOB\b", "bytea", ddl)
    ddl = re.sub(r"(?i)\bENUM\([^)]*\)", "text", ddl)
    ddl = ddl.replace("PRIMARY KEY(`app_Id`, `student_Id`)", "PRIMARY KEY(`app_Id`, `student_Id`),\n    UNIQUE (`app_Id`)")
    data = "\n".join(files[1:])
    text = (ddl + "\n" + data).replace("`", '"')
    srv.psql(db, file_text="BEGIN;\n" + text + "\nCOMMIT;\n")
    for t in ("faculty_member", "application", "application_review", "application_seen", "university", "foi",
              "gpa"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_dorms(srv, db, files):
    """A 2014 student project's dorm-assignment database for the University
    of Nebraska Omaha's Scott halls (a phpMyAdmin dump of MySQL 5.5 and its
    test data; made-up students): the dump through mysql_to_pg, `unsigned`
    dropped, AUTO_INCREMENT keys as serial. The test files write strings in
    double quotes (read as '...'), "DEFAULT" / "DEFUALT" for a new building
    id (read as DEFAULT), and values MySQL's non-strict mode coerces into
    integer columns: 'N', '' and phone numbers such as '972-972-972' — read
    as MySQL reads them (the leading digits, else 0; an integer column the
    INSERT leaves out is 0, MySQL's implicit default; an impossible date such
    as '1990-0-12', which MySQL stores as 0000-00-00, is NULL). The one foreign key
    of the dump is kept."""
    ddl = files[0].replace("CREATE TABLE IF NOT EXISTS", "CREATE TABLE")
    ddl = re.sub(r"\bint\((\d+)\) unsigned", r"int(\1)", ddl)
    text, fkeys = mysql_to_pg(ddl)
    text = re.sub(r"(?i)integer NOT NULL AUTO_INCREMENT", "serial", text)
    alters = re.findall(r"(?m)^ALTER TABLE .*\n.*;$", text)
    fkeys += [a.replace("`", '"') for a in alters]
    text = re.sub(r"(?m)^ALTER TABLE .*\n.*;$", "", text)
    text = re.sub(r"(?im)^SET .*$", "", text)
    ints = {}
    for t, body in re.findall(r'(?s)CREATE TABLE "(\w+)" \((.*?)\n\);', text):
        ints[t] = re.findall(r'(?m)^\s*"(\w+)" integer NOT NULL', body)
    dates = {t: re.findall(r'(?m)^\s*"(\w+)" date NOT NULL', body)
             for t, body in re.findall(r'(?s)CREATE TABLE "(\w+)" \((.*?)\n\);', text)}
    text = re.sub(r'(?m)^(\s*"\w+") date NOT NULL', r"\1 text", text)
    text = re.sub(r'(?m)^(\s*"\w+") integer NOT NULL', r"\1 text NOT NULL DEFAULT '0'", text)

    def dq(m):
        v = m.group(1)
        if v in ("DEFAULT", "DEFUALT"):
            return "DEFAULT"
        return "'" + v.replace("'", "''") + "'"
    rows = []
    for f in files[1:]:
        f = re.sub(r"(?im)^ALTER TABLE .*$", "", f)
        rows.append(re.sub(r'"([^"]*)"', dq, f).replace("`", '"'))
    data = "\n".join(rows)
    fix = ["CREATE FUNCTION pg_temp.mysql_int(text) RETURNS bigint LANGUAGE sql IMMUTABLE AS "
           "$$ SELECT least(greatest(coalesce(substring($1 from '^\\s*(-?\\d+)')::bigint, 0), -2147483648), "
           "2147483647) $$;"]
    fix.append("CREATE FUNCTION pg_temp.mysql_date(v text) RETURNS date LANGUAGE plpgsql AS "
               "$$ BEGIN RETURN v::date; EXCEPTION WHEN others THEN RETURN NULL; END $$;")
    for t, cols in dates.items():
        for c in cols:
            fix.append(f'ALTER TABLE "{t}" ALTER "{c}" TYPE date USING pg_temp.mysql_date("{c}");')
    for t, cols in ints.items():
        for c in cols:
            fix.append(f'ALTER TABLE "{t}" ALTER "{c}" DROP DEFAULT, '
                       f'ALTER "{c}" TYPE integer USING pg_temp.mysql_int("{c}");')
    srv.psql(db, file_text="BEGIN;\n" + text + "\n" + data + "\n" + "\n".join(fix) + "\n"
             + "\n".join(fkeys) + "\nCOMMIT;\n")
    for t in ("admins", "bench", "building", "form_settings", "groups", "rooms", "room_available_que",
              "room_letter", "students", "users"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_india_elections(srv, db, files):
    """India's 2024 general (Lok Sabha) election results as a course project
    keeps them in five CSV files (scraped from the Election Commission's
    results site): headers as published, so some with spaces ("State ID",
    "Party ID", "Constituency ID") and some with underscores
    (constituencywise_details."Constituency_ID"). Keys as the project's
    queries join them; a key whose rows miss their target is NOT VALID."""
    names = ("states", "partywise_results", "constituencywise_results", "statewise_results",
             "constituencywise_details")
    for t, text in zip(names, files):
        print(f"  {db}.{t}: {load_csv_table(srv, db, t, text)} rows")
    add_keys(srv, db, [("states", ["State ID"]), ("partywise_results", ["Party ID"]),
                       ("constituencywise_results", ["Constituency ID"]),
                       ("statewise_results", ["Parliament Constituency"])],
             [("statewise_results", "State ID", "states", "State ID"),
              ("constituencywise_results", "Party ID", "partywise_results", "Party ID"),
              ("constituencywise_results", "Parliament Constituency", "statewise_results",
               "Parliament Constituency"),
              ("constituencywise_details", "Constituency_ID", "constituencywise_results", "Constituency ID")])


def load_cricket_tournament(srv, db, files):
    """A course project's cricket tournament (MySQL, made-up around the 2019
    World Cup teams): its DDL without the database lines and the MySQL-only
    view, and its sample rows with MySQL's double-quoted strings read as
    '...' and Play's Win 1 / 0 as true / false. Unquoted names, so lower case; Schedule's "MatchDateAndTime"
    stays text ('5/3/2019  9:00:00 AM') as published."""
    ddl = files[0][:files[0].index("Create view")]
    ddl = re.sub(r"(?im)^(drop database|create database|use)\b.*$", "", ddl)
    data = re.sub(r'"([^"]*)"', lambda m: "'" + m.group(1).replace("'", "''") + "'", files[1])
    data = re.sub(r"(?im)^(insert into play values\(.*,)\s*([01])\);", r"\1 '\2');", data)  # MySQL's 1/0
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + data + "\nCOMMIT;\n")
    for t in ("team", "coach", "player", "captain", "vicecaptain", "matches", "schedule", "scorecard",
              "umpire", "umpiring", "pointstable", "play", "selection_team", "selection_player"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_air_charter(srv, db, files):
    """A portfolio project's air-charter fleet (the AVIATION exercise data of
    Coronel and Morris's *Database Systems*, February 2024): six tables
    declared without keys, `datetime` read as timestamp and `float(8)` kept
    (real). Unquoted upper-case names, so lower case. The keys the project's
    schema.md describes are added."""
    text = files[0].replace("datetime", "timestamp")
    srv.psql(db, file_text="BEGIN;\n" + text + "\nCOMMIT;\n")
    add_keys(srv, db, [("model", ["mod_code"]), ("vehicle", ["veh_number"]), ("customer", ["cus_code"]),
                       ("employee", ["emp_num"]), ("driver", ["emp_num"]), ("trip", ["trip_id"])],
             [("vehicle", "mod_code", "model", "mod_code"), ("driver", "emp_num", "employee", "emp_num"),
              ("trip", "trip_driver", "driver", "emp_num"), ("trip", "veh_number", "vehicle", "veh_number"),
              ("trip", "cus_code", "customer", "cus_code")])
    for t in ("vehicle", "trip", "customer", "employee", "model", "driver"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_famous_paintings(srv, db, files):
    """Kaggle's "Famous Paintings" CSV files as a portfolio project keeps them
    (the works file published as work_desc.csv; image_link.csv not loaded):
    loaded like bank, headers kept, one table per file. product_size has
    work x canvas size prices; subject and museum_hours have no key column."""
    names = ("artist", "canvas_size", "museum", "museum_hours", "work_desc", "subject", "product_size")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text.lstrip("\ufeff"))
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("artist", ["artist_id"]), ("canvas_size", ["size_id"]), ("museum", ["museum_id"]),
                       ("work_desc", ["work_id"])],
             [("work_desc", "artist_id", "artist", "artist_id"), ("work_desc", "museum_id", "museum", "museum_id"),
              ("museum_hours", "museum_id", "museum", "museum_id"), ("subject", "work_id", "work_desc", "work_id"),
              ("product_size", "work_id", "work_desc", "work_id")])


def load_beverage_line(srv, db, files):
    """Maven Analytics' "Manufacturing Line Productivity" (a made-up soft-drink
    bottling line, 38 batches of 2024-08-29 to 2024-09-03) as a portfolio
    project keeps it: Products, Downtine_Factors (spelling kept), the batches
    of Line_Productivity and the long form of the downtime (Line_Downtime1.csv,
    batch x factor x minutes, zero rows included) as line_downtime; table
    names lower case, headers kept with their spaces; the M/D/YYYY dates
    become date, the start / end times time."""
    names = ("products", "downtine_factors", "line_productivity", "line_downtime")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text.lstrip("\ufeff"))
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, 'ALTER TABLE line_productivity ALTER "Date" TYPE date USING to_date("Date", \'MM/DD/YYYY\'), '
             'ALTER "Start Time" TYPE time USING "Start Time"::time, ALTER "End Time" TYPE time USING "End Time"::time')
    add_keys(srv, db, [("products", ["Product"]), ("downtine_factors", ["Factor"]), ("line_productivity", ["Batch"]),
                       ("line_downtime", ["Batch", "Factor"])],
             [("line_productivity", "Product", "products", "Product"),
              ("line_downtime", "Batch", "line_productivity", "Batch"),
              ("line_downtime", "Factor", "downtine_factors", "Factor")])


def load_support_tickets(srv, db, files):
    """Kaggle's synthetic "Customer Support Ticket Dataset" (8469 tickets, one
    flat table) as an SQL project keeps it: table customer_support_tickets,
    headers kept with their spaces ("Ticket ID", "Ticket Status"); the
    file's last line is commas only: that empty row is dropped. The M/D/YYYY
    purchase dates become date, the "M/D/YYYY H:MM" response and resolution
    times timestamp (as published, a resolution can come before the first
    response)."""
    t = "customer_support_tickets"
    load_csv_table(srv, db, t, files[0].lstrip("\ufeff"))
    srv.psql(db, f'DELETE FROM {t} WHERE "Ticket ID" IS NULL')
    srv.psql(db, f'ALTER TABLE {t} ALTER "Date of Purchase" TYPE date USING to_date("Date of Purchase", \'MM/DD/YYYY\'), '
             'ALTER "First Response Time" TYPE timestamp USING to_timestamp("First Response Time", \'MM/DD/YYYY HH24:MI\'), '
             'ALTER "Time to Resolution" TYPE timestamp USING to_timestamp("Time to Resolution", \'MM/DD/YYYY HH24:MI\')')
    print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")
    add_keys(srv, db, [(t, ["Ticket ID"])], [])


def load_podcasts(srv, db, files):
    """A course project's podcast-review site "Hearsay" (mysqldump of MySQL
    8, MIT): the dump up to its first DELIMITER (stored functions, procedures
    and triggers are left out), translated by mysql_to_pg; AUTO_INCREMENT,
    `DEFAULT (curdate())`, UNIQUE KEY and LOCK TABLES lines dropped, the `status` enum
    held as text, `is_subscription_req` tinyint(1) as a 0/1 smallint."""
    text = files[0].split("DELIMITER ;;")[0]
    text = re.sub(r"(?m)^\s*(UNIQUE KEY .*|(UN)?LOCK TABLES.*)$\n", "", text)
    text, fkeys = mysql_to_pg(text)
    text = text.replace(" AUTO_INCREMENT", "").replace(" DEFAULT (curdate())", "")
    text = re.sub(r"enum\([^)]*\)", "text", text).replace("tinyint(1)", "smallint")
    srv.psql(db, file_text="BEGIN;\n" + text + "\n" + "\n".join(fkeys) + "\nCOMMIT;\n")
    for t in ("podcast", "episode", "host", "guest", "genre", "language", "platform", "playlist",
              "user", "podcast_review", "episode_review", "user_to_user", "episode_to_guest",
              "episode_to_host", "episode_to_playlist", "genre_to_podcast", "language_to_podcast",
              "platform_to_podcast"):
        n = srv.psql(db, 'SELECT count(*) FROM "%s"' % t).strip()
        print(f"  {db}.{t}: {n} rows")


def load_portfolio(srv, db, files):
    """A course project's wealth-management firm "TotalInvest" (SQL Server,
    MIT, simulated 2024 prices and trades): the header that drops every
    foreign key through dynamic SQL, the DROP TABLE and CREATE INDEX lines are
    left out; UNIQUEIDENTIFIER DEFAULT NEWID() as uuid, IDENTITY(1,1) dropped,
    trailing commas before `)` removed; `[Name]` in the seed unbracketed.
    Unquoted CamelCase names, so lower case (`investor_record`,
    `ptransactiontype`)."""
    ddl = files[0][files[0].index("DROP TABLE IF EXISTS Investor;"):]
    ddl = re.sub(r"(?m)^DROP TABLE .*$", "", ddl)
    ddl = re.sub(r"(?ms)^CREATE (UNIQUE )?INDEX .*?(?=\n\n|\Z)", "", ddl)
    ddl = re.sub(r"(?m)^--.*$", "", ddl)
    ddl = ddl.replace("UNIQUEIDENTIFIER DEFAULT NEWID()", "uuid").replace("UNIQUEIDENTIFIER", "uuid")
    ddl = ddl.replace(" IDENTITY(1,1)", "")
    ddl = re.sub(r",\s*\n\s*\)", "\n)", ddl)
    rows = re.sub(r"INSERT INTO \[(\w+)\]", r"INSERT INTO \1", files[1])
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + rows + "\nCOMMIT;\n")
    for t in ("investor", "financial_goal", "portfolio", "investor_record", "asset_allocation", "invested_value",
              "unrealised_gain_loss", "ptransaction", "owned_assets", "asset", "stock", "bond", "fund",
              "assetprice", "bought_asset_from", "fee_rate_history"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_music_service(srv, db, files):
    """A learner's Spotify-like music service (a course project's mysqldump of
    MySQL 8, made-up listeners; the repository states no licence): triggers
    (DELIMITER blocks), `SET @...` lines and the views' placeholder tables
    left out, then mysql_to_pg; `bigint unsigned` as bigint, `datetime` as
    timestamp, column COMMENTs (Russian), AUTO_INCREMENT, UNIQUE KEY and LOCK
    TABLES lines dropped."""
    text = re.sub(r"(?s)DELIMITER ;;.*?DELIMITER ;", "", files[0])
    text = re.sub(r"(?m)^(SET @.*|SET character_set_client.*|DROP TABLE IF EXISTS `allsongalbumartist`.*|"
                  r"\s*UNIQUE KEY .*|(UN)?LOCK TABLES.*)$\n", "", text)
    text = re.sub(r" COMMENT '(?:[^'\\]|\\.)*'", "", text)
    text, fkeys = mysql_to_pg(text)
    text = text.replace(" AUTO_INCREMENT", "").replace("bigint unsigned", "bigint").replace(" datetime", " timestamp")
    srv.psql(db, file_text="BEGIN;\n" + text + "\n" + "\n".join(fkeys) + "\nCOMMIT;\n")
    for t in ("users", "artists", "albums", "songs", "artistsandalbums", "songperformers", "playlists",
              "songsonplaylists", "streams", "subscribes", "likedsongs", "likedalbums", "likedplaylists"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


JOB_BOARD_TABLES = ("applicant", "wants", "pdf_resume", "company", "job", "benefits", "jobapplication",
                    "hiring_manager", "education", "volunteer_experience", "work_experience", "skill",
                    "applicant_skill", "skill_test", "job_skill_test", "applicantskilltests", "test_questions",
                    "hires_for", "applicant_views_job", "post", "photo", "applicant_views_post")


def load_job_board(srv, db, files):
    """A Northeastern CS3200 course project's job board (MySQL, Fall 2023,
    Mockaroo-made rows, about 50 a table): the CREATE TABLE statements of
    00_job_board.sql through mysql_ddl_to_pg (each ON DELETE / ON UPDATE
    clause joined to its FOREIGN KEY line first; the Google company row that
    file inserts is left out), then the INSERTs of job_board_data.sql and
    jobb_board_datta.sql as written, without their `use` lines. Unquoted
    camelCase names, so lower case (jobapplication, applicantskilltests)."""
    ddl = "\n".join(re.findall(r"(?ims)^CREATE TABLE\b.*?^\);", files[0]))
    ddl = re.sub(r"\s*\n\s+ON (DELETE|UPDATE)\b", r" ON \1", ddl)
    data = "\n".join(re.sub(r"(?im)^use \w+;", "", f) for f in files[1:])
    srv.psql(db, file_text="BEGIN;\n" + mysql_ddl_to_pg(ddl) + "\n" + data + "\nCOMMIT;\n")
    for t in JOB_BOARD_TABLES:
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_travel_agency(srv, db, files):
    """A university coursework's travel agency ("Sunnyside Holidays", UK
    branches selling package holidays; PostgreSQL, Mockaroo-made rows, about
    10 a table, bookings of 2021-2022): the script's CREATE TABLE and INSERT
    parts as written, without its CREATE DATABASE line and its example
    queries (from --QUERIES on). Link tables (staff_role, acc_fac,
    book_package, car_book, flight_book, flight_airport, flight_class) have
    no primary key, as published."""
    text = files[0][:files[0].index("--QUERIES")]
    text = re.sub(r"(?im)^\s*CREATE DATABASE.*$", "", text)
    srv.psql(db, file_text="BEGIN;\n" + text + "\nCOMMIT;\n")
    for t in ("customer", "branch", "staff", "role", "staff_role", "accommodation", "room", "facility", "acc_fac",
              "flight", "booking", "traveller", "payment", "installment", "installment_pay", "package",
              "book_package", "car_rent", "car_book", "flight_book", "airport", "flight_airport", "cabin_class",
              "flight_class"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_blog(srv, db, files):
    """SenseLogic's GO_TUTORIAL blog (MySQL, generated rows: 5 sections,
    5 users, 15 articles, 30 comments, 5 subscribers): blog.sql's CREATE
    TABLEs without the `BLOG`. schema prefix, INT UNSIGNED as integer, the
    index lines dropped; blog_data.sql's REPLACE INTO as INSERT INTO, its
    double-quoted values as strings. Backticked names become quoted
    identifiers, so the published upper-case table names and CamelCase
    column names stay ("ARTICLE"."SectionId")."""
    ddl = "\n".join(re.findall(r"(?is)create table if not exists .*?engine = InnoDB;", files[0]))
    ddl = ddl.replace("`BLOG`.", "").replace("create table if not exists", "CREATE TABLE")
    ddl = re.sub(r"(?i)\s*engine = InnoDB;", ";", ddl)
    ddl = re.sub(r"(?i)\bINT UNSIGNED NOT NULL AUTO_INCREMENT", "serial", ddl)
    ddl = re.sub(r"(?i)\b(INT|TINYINT) UNSIGNED\b", "integer", ddl)
    ddl = re.sub(r"(?i)\bDATETIME\b", "timestamp", ddl)
    ddl = re.sub(r"(?im)^\s*index `\w+`\(.*?\),\s*$", "", ddl)
    ddl = re.sub(r"\s+on update no action", "", ddl)
    ddl = ddl.replace("`", '"')
    data = "\n".join(re.findall(r"(?is)replace into .*?\);", files[1]))
    data = data.replace("`BLOG`.", "").replace("replace into", "INSERT INTO")
    data = re.sub(r'"((?:[^"\\]|\\.)*)"(?=\s*[,)])', lambda m: "'" + m.group(1).replace("'", "''") + "'", data)
    data = data.replace("`", '"')
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + data + "\nCOMMIT;\n")
    for t in ("SECTION", "USER", "ARTICLE", "COMMENT", "SUBSCRIBER"):
        n = srv.psql(db, 'SELECT count(*) FROM "%s"' % t).strip()
        print(f"  {db}.{t}: {n} rows")


def load_telecom_provider(srv, db, files):
    """A data-warehouse course's telecom provider (MySQL, made-up rows: 14
    customers, 4 plans, 15 usage rows, 14 bills, 5 support requests of
    June 2024): the CREATE TABLEs through mysql_ddl_to_pg (ENUMs as text),
    the INSERTs as written, both without their `USE` line. Unquoted
    CamelCase names, so lower case (serviceplans, usagedetails)."""
    ddl = re.sub(r"(?im)^USE \w+;", "", files[0])
    data = re.sub(r"(?im)^USE \w+;", "", files[1])
    srv.psql(db, file_text="BEGIN;\n" + mysql_ddl_to_pg(ddl) + "\n" + data + "\nCOMMIT;\n")
    for t in ("customers", "serviceplans", "usagedetails", "bills", "supportrequests"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_telecom_usage(srv, db, files):
    """A BSBI student project's telecom database (MySQL, 2025, made-up
    Turkish customers: 10 customers, 3 plans, 10 subscriptions, 10 calls,
    10 data-usage rows, 10 bills, all usage in November 2023): the schema
    without its DROP / CREATE DATABASE and USE lines through
    mysql_ddl_to_pg, the INSERTs as written."""
    ddl = re.sub(r"(?im)^(DROP DATABASE|CREATE DATABASE|USE)\b.*$", "", files[0])
    data = re.sub(r"(?im)^USE \w+;", "", files[1])
    srv.psql(db, file_text="BEGIN;\n" + mysql_ddl_to_pg(ddl) + "\n" + data + "\nCOMMIT;\n")
    for t in ("customers", "service_plans", "subscriptions", "call_records", "data_usage", "bills"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_car_repair(srv, db, files):
    """An NC State CSC 540 project's car service and repair chain (Oracle,
    2020, made-up rows: 2 service centres in Raleigh and Charlotte, 14
    employees, 4 customers, 7 cars, 21 basic services, 114 inventory rows,
    57 part prices, 38 distributor rows, 11 part orders): src/create_table.sql's
    CREATE TABLEs (its Oracle procedure and trigger left out) with
    `varchar2` as varchar and `number(15)` as numeric(15); src/Insertion.sql's
    INSERTs as written. Dates stay text as published ('DD-MM-YYYY');
    Basic_services_used holds comma-separated basic-service ids. Unquoted
    names, so lower case."""
    ddl = files[0][:files[0].lower().index("create or replace procedure")]
    ddl = re.sub(r"(?i)\bvarchar2\b", "varchar", ddl)
    ddl = re.sub(r"(?i)\bnumber\((\d+)\)", r"numeric(\1)", ddl)
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + files[1] + "\nCOMMIT;\n")
    for t in ("service_center", "employee", "monthly_paid_emp", "mechanic_emp", "worksat", "customer", "cars",
              "goesto", "appointment", "request", "linkedto", "service", "maintenance", "repair", "provides",
              "basicservice", "basic_service_mapping", "repair_service_mapping", "partrequired_car_model",
              "inventory", "parts_mapping", "distributor", "orderpart", "makes", "notification", "lates",
              "login"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_food_delivery(srv, db, files):
    """An online food-delivery sample (MySQL script, made-up Indian rows of
    November 2025): its CREATE TABLE and INSERT statements only (the example
    queries after them are left out), DATETIME as timestamp. The names are
    unquoted CamelCase, so PostgreSQL folds them to lower case
    (menuitems.restaurantid)."""
    stmts = re.findall(r"(?ism)^(?:CREATE TABLE|INSERT INTO) .*?;\s*$", files[0])
    text = "\n".join(stmts)
    text = re.sub(r"(?i)\bDATETIME\b", "timestamp", text)
    srv.psql(db, file_text="BEGIN;\n" + text + "\nCOMMIT;\n")
    for t in ("customers", "restaurants", "menuitems", "orders", "orderitems", "deliverypersons",
              "deliveries", "reviews"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_supermarket_sales(srv, db, files):
    """Kaggle's "Supermarket sales" (1000 invoices of three Myanmar branches,
    January-March 2019, one flat table) as an R project keeps it: headers kept
    with their spaces ("Invoice ID", "Customer type", "Tax 5%"); the M/D/YYYY
    dates become date, the times time."""
    t = "supermarket_sales"
    load_csv_table(srv, db, t, files[0].lstrip("\ufeff"))
    srv.psql(db, f'ALTER TABLE {t} ALTER "Date" TYPE date USING to_date("Date", \'MM/DD/YYYY\'), '
             'ALTER "Time" TYPE time USING "Time"::time')
    print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")
    add_keys(srv, db, [(t, ["Invoice ID"])], [])


def load_bakery(srv, db, files):
    """Cal Poly's CPE 365 "BAKERY" data set (Alex Dekhtyar, 2007, synthesized:
    one month of a small bakery's sales to known customers) as a student's
    course repository keeps it: the setup script (without its DROP TABLEs)
    and the populate script, both plain SQL; unquoted CamelCase names fold to
    lower case (receipts.receiptnumber, items.item)."""
    ddl = re.sub(r"(?im)^DROP TABLE .*$", "", files[0])
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + files[1] + "\nCOMMIT;\n")
    for t in ("customers", "goods", "receipts", "items"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_postgrad_theses(srv, db, files):
    """A university's postgraduate theses (a SQL Server course project, GUC):
    T-SQL in PostgreSQL's spelling, names unchanged (unquoted, so folded to
    lower case): IDENTITY keys as serial, the computed column `years`
    (DATEDIFF(YEAR, startDate, endDate)) as a stored generated column, BIT as
    smallint, Datetime as timestamp, a trailing comma dropped; the inserts
    that end without a semicolon get one."""
    ddl, ins = files
    ddl = re.sub(r"(?im)^\s*GO\s*$", "", ddl)
    ddl = re.sub(r"(?i)\bINT PRIMARY KEY IDENTITY\b", "serial PRIMARY KEY", ddl)
    ddl = re.sub(r"(?i)years AS DATEDIFF\(YEAR, startDate, endDate\)",
                 "years int GENERATED ALWAYS AS ((extract(year from endDate) - extract(year from startDate))::int) STORED",
                 ddl)
    ddl = re.sub(r"(?i)\bDatetime\b", "timestamp", ddl)
    ddl = re.sub(r"(?i)\bBIT\b", "smallint", ddl)
    ddl = re.sub(r",\s*\n\s*\)", "\n)", ddl)
    ins = re.sub(r"(?im)^\s*GO\s*$", "", ins)
    ins = re.sub(r"\)[ \t]*(?=\s*\n\s*INSERT)", ");", ins)
    ins = re.sub(r"\)\s*$", ");\n", ins.rstrip())
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + ins + "\nCOMMIT;\n")
    for t in ("thesis", "defense", "supervisor", "examiner", "gucianstudent", "nongucianstudent"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_course_progress(srv, db, files):
    """An online course platform's enrolments, module progress and quiz scores
    (a learner's MySQL project): the DDL without CREATE DATABASE / USE, the
    INDEX lines and ENGINE / COMMENT tails; AUTO_INCREMENT keys as serial,
    ENUM as varchar, DATETIME as timestamp, UNIQUE KEY as UNIQUE. Names
    unquoted (Users becomes users)."""
    s, d = files
    s = re.sub(r"(?m)^\s*--.*$", "", s)
    s = re.sub(r"(?im)^\s*(create database|use)\b.*$", "", s)
    s = re.sub(r"(?i)\bINT(\s+)PRIMARY KEY AUTO_INCREMENT", r"serial\1PRIMARY KEY", s)
    s = re.sub(r"(?i)ENUM\([^)]*\)", "VARCHAR(20)", s)
    s = re.sub(r"(?i)\bDATETIME\b", "timestamp", s)
    s = re.sub(r"(?im)^\s*INDEX\s+\w+\s*\(.*\),?\s*$", "", s)
    s = re.sub(r"(?i)UNIQUE KEY \w+ \(", "UNIQUE (", s)
    s = re.sub(r"(?is)\)\s*ENGINE=InnoDB[^\n]*\s*(COMMENT\s*'[^']*')?\s*;", ");", s)
    s = re.sub(r",(\s*\n\s*)\);", r"\1);", s)
    d = re.sub(r"(?im)^\s*SET FOREIGN_KEY_CHECKS.*$", "", d)
    srv.psql(db, file_text="BEGIN;\n" + s + "\n" + d + "\nCOMMIT;\n")
    for t in ("users", "courses", "modules", "enrollments", "progress", "quizzes", "scores"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_quiz_world(srv, db, files):
    """A trivia-quiz web app's database (a bootcamp team project, 2021; its
    questions are Open Trivia DB's): schema.sql without DROP / CREATE DATABASE
    and \\c; load.sh's users and userQuizStatus inserts; the three CSV files
    read with Python's csv module (some fields have a space before their
    opening quote, which COPY would keep) and inserted in file order, so ids
    run as the app's \\COPY into serial columns would number them."""
    schema, load_sh, quizzes, questions, answers = files
    schema = "\n".join(l for l in schema.splitlines()
                       if not re.match(r"(?i)\s*(drop database|create database|\\c)\b", l))
    inserts = "\n".join(l for l in load_sh.splitlines() if l.startswith("INSERT INTO users"))
    status = "\n".join(l for l in load_sh.splitlines() if l.startswith("INSERT INTO userQuizStatus"))

    def lit(v):
        return "'" + v.replace("'", "''") + "'"

    def rows(text, table, cols):
        out = []
        for r in list(csv.reader(io.StringIO(text), skipinitialspace=True))[1:]:
            if r:
                out.append(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(lit(v) for v in r)});")
        return "\n".join(out)
    data = "\n".join([
        inserts,
        rows(quizzes, "quizzes", ["title", "category", "difficulty", "source", "datecreated", "numsubmissions"]),
        rows(questions, "questions", ["quiz_id", "text", "thumbnail_url", "questionType", "learnmore_url"]),
        rows(answers, "answers", ["question_id", "correct", "text"]),
        status])
    srv.psql(db, file_text="BEGIN;\n" + schema + "\n" + data + "\nCOMMIT;\n")
    for t in ("users", "quizzes", "questions", "answers", "userquizstatus"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_premier_league(srv, db, files):
    """A course project's Premier League 2017-18 (Oracle SQL): the tables
    (VARCHAR2 / NUMBER in PostgreSQL's spelling, CHAR kept), the rows, then
    the foreign keys. Dates 'DD-MON-YYYY' read as they stand."""
    tables = [oracle_to_pg(s) for s in oracle_statements(files[0])]
    rows = oracle_statements(files[1])
    keys = oracle_statements(files[2])
    srv.psql(db, file_text=";\n".join(["BEGIN"] + tables + rows + keys + ["COMMIT"]) + ";\n")
    for t in ("sponsors", "manager", "player", "team", "fixture", "performancetable", "sponsorsplayer",
              "sponsorsteam", "hasmanaged", "hasplayedfor", "fixtureplayed", "gkstats"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_brewery_finder(srv, db, files):
    """A bootcamp capstone's brewery finder (PostgreSQL): the schema with its
    six users, then breweries, beers, beer and brewery reviews and blog
    posts, as they stand (user.sql, roles, and tempbrewmoved.sql, unused
    drafts, left out). Review and blog dates are CURRENT_TIMESTAMP in the
    scripts, so they hold the load time. The comma missing before the
    reviews table's CHECK in schema.sql is put back."""
    files = [re.sub(r"(REFERENCES users\(user_id\))\s*\n(\s*CHECK)", r"\1,\n\2", f) for f in files]
    srv.psql(db, file_text="BEGIN;\n" + "\n".join(f.replace("BEGIN TRANSACTION;", "").replace("COMMIT TRANSACTION;", "")
                                                 for f in files) + "\nCOMMIT;\n")
    for t in ("users", "breweries", "beer", "reviews", "brewery_blog", "favorites"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_olympics_304(srv, db, files):
    """A course project's made-up Olympics (MySQL, UBC CPSC 304): CREATE
    DATABASE / USE dropped, AUTO_INCREMENT dropped (every row gives its id),
    `double` as double precision, the table `user` quoted (a reserved word
    in PostgreSQL), rows as they stand."""
    ddl = "\n".join(l for l in files[0].splitlines() if not re.match(r"(?i)\s*(CREATE DATABASE|USE )", l))
    ddl = re.sub(r"\s+AUTO_INCREMENT", "", ddl)
    ddl = re.sub(r"\bdouble\b", "double precision", ddl)
    ddl = ddl.replace("CREATE TABLE user (", 'CREATE TABLE "user" (')
    rows = files[1].replace("INSERT INTO user ", 'INSERT INTO "user" ')
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + rows + "\nCOMMIT;\n")
    for t in ("medalcount", "countrymedal", "nationalitycolor", "sport", "coach", "participant",
              "participantsport", "mentorship", "athlete", "team", "partofteam", "sportevent", "venue",
              "eventvenue", "participatesinevent", '"user"'):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_crowdfunding(srv, db, files):
    """A data bootcamp's "Crowdfunding ETL" (made-up Kickstarter-like rows:
    1000 campaigns of 2020-2021, their contacts, categories, subcategories and
    8175 backers) as one student's repository keeps the cleaned CSVs; headers
    kept (campaign.launched_date, category.category); text keys ('cat01',
    'scat01', backer ids 'av166')."""
    names = ["category", "subcategory", "contacts", "campaign", "backers"]
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text.lstrip("\ufeff"))
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("category", ["category_id"]), ("subcategory", ["subcategory_id"]),
                       ("contacts", ["contact_id"]), ("campaign", ["cf_id"]), ("backers", ["backer_id"])],
             [("campaign", "contact_id", "contacts", "contact_id"),
              ("campaign", "category_id", "category", "category_id"),
              ("campaign", "subcategory_id", "subcategory", "subcategory_id"),
              ("backers", "cf_id", "campaign", "cf_id")])


def load_volunteer_projects(srv, db, files):
    """A university project's volunteer-day database for a Tallahassee NGO
    (SQL Server, 2023-2024, made-up rows, about 20 a table): volunteers,
    projects, sponsors and tiers with year-stamped link tables. T-SQL in
    PostgreSQL's spelling: CREATE TABLEs and some INSERTs without semicolons
    get them, bit becomes smallint (0/1), the quoted "State" and "Location"
    are unquoted (state, location); tables, then rows, then the published foreign keys (a location row precedes its zip
    code in the file); unquoted CamelCase names fold to lower case."""
    ddl, data = files
    ddl = ddl.replace('"Location"', "Location")
    creates = "\n".join(l.rstrip() + ";" for l in ddl.splitlines() if l.upper().startswith("CREATE TABLE"))
    creates = re.sub(r"\bbit\b", "smallint", creates)
    alters = "\n".join(re.findall(r"(?is)ALTER TABLE .*?;", ddl))
    data = data.replace('"State"', "State")
    # some INSERTs lack the semicolon that ends the one before
    data = re.sub(r"(?m)^INSERT INTO", ";\nINSERT INTO", data) + "\n;"
    srv.psql(db, file_text="BEGIN;\n" + creates + "\n" + data + "\n" + alters + "\nCOMMIT;\n")
    for t in srv.psql(db, "SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1").split():
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {qi(t)}').strip()} rows")


def load_shop_funnel(srv, db, files):
    """An interview assignment's chat-shopping funnel (made-up rows of
    August-September 2025): app events per session (Loaded / Interact /
    Clicks / Purchase), chat messages with a detected intent, orders with a
    cancel time, products and their stock. No sessions or users table: the
    session_id and user_id texts link events, messages and orders."""
    names = ["products", "inventory", "events", "messages", "orders"]
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text.lstrip("\ufeff"))
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("products", ["product_id"]), ("inventory", ["product_id"]), ("orders", ["order_id"])],
             [("inventory", "product_id", "products", "product_id")])


LOADERS = {"pagila": load_pagila, "university": load_university, "bank": load_bank,
           "flights": load_flights, "world": load_world, "northwind": load_northwind, "hr": load_hr,
           "classicmodels": load_classicmodels, "f1": load_f1, "netflix": load_netflix,
           "lego": load_lego, "customer_orders": load_customer_orders, "titanic": load_titanic,
           "club": load_club, "booktown": load_booktown, "periodic_table": load_periodic_table,
           "hospital": load_hospital, "murder_mystery": load_murder_mystery,
           "happiness_index": load_happiness_index, "moviedb": load_moviedb, "sales": load_sales,
           "holiday_songs": load_holiday_songs,
           "bikestores": load_bikestores,
           "movielens": load_movielens, "worldcup": load_worldcup,
           "adventureworks": load_adventureworks, "french_towns": load_french_towns, "iso3166": load_iso3166,
           "ig_clone": load_ig_clone, "sql_store": load_sql_store, "sql_invoicing": load_sql_invoicing,
           "school": load_school, "company": load_company, "auction": load_auction,
           "sql_hr": load_sql_hr, "sql_inventory": load_sql_inventory, "library": load_library,
           "pizza_runner": load_pizza_runner, "foodie_fi": load_foodie_fi, "data_bank": load_data_bank,
           "dannys_diner": load_dannys_diner, "hotel": load_hotel, "elmasri": load_elmasri,
           "pizza_place": load_pizza_place, "amazon": load_amazon, "library_system": load_library_system,
           "fantasy_league": load_fantasy_league, "hotel_maids": load_hotel_maids,
           "tote": load_tote, "nba": load_nba, "shop": load_shop, "resto": load_resto,
           "clinic": load_clinic, "nyc_taxi": load_nyc_taxi, "car_rental": load_car_rental,
           "warehouse": load_warehouse, "recipes": load_recipes, "hr_attrition": load_hr_attrition,
           "crm": load_crm, "airline_reservation": load_airline_reservation,
           "streaming": load_streaming, "tennis": load_tennis, "procurement": load_procurement,
           "project_management": load_project_management, "zomato": load_zomato,
           "insurance": load_insurance, "online_learning": load_online_learning,
           "hospital_management": load_hospital_management, "video_games": load_video_games,
           "ehotels": load_ehotels,
           "real_estate": load_real_estate, "credit_union": load_credit_union, "electricity": load_electricity,
           "pharmacy_inventory": load_pharmacy_inventory, "petclinic": load_petclinic,
           "dealership": load_dealership,
           "gravity_books": load_gravity_books, "coffee_shop": load_coffee_shop,
           "shipping": load_shipping,
           "seller_listings": load_seller_listings, "charity": load_charity,
           "equipment_rental": load_equipment_rental,
           "festival": load_festival, "pt_clinic": load_pt_clinic, "dorms": load_dorms,
           "india_elections": load_india_elections, "cricket_tournament": load_cricket_tournament,
           "air_charter": load_air_charter,
           "gym": load_gym, "lightbnb": load_lightbnb, "gradapps": load_gradapps,
           "famous_paintings": load_famous_paintings, "beverage_line": load_beverage_line,
           "support_tickets": load_support_tickets,
           "podcasts": load_podcasts, "portfolio": load_portfolio,
           "music_service": load_music_service,
           "job_board": load_job_board, "travel_agency": load_travel_agency, "blog": load_blog,
           "telecom_provider": load_telecom_provider, "telecom_usage": load_telecom_usage,
           "car_repair": load_car_repair,
           "food_delivery": load_food_delivery, "supermarket_sales": load_supermarket_sales,
           "bakery": load_bakery,
           "postgrad_theses": load_postgrad_theses, "course_progress": load_course_progress,
           "quiz_world": load_quiz_world,
           "premier_league": load_premier_league,
           "brewery_finder": load_brewery_finder,
           "olympics_304": load_olympics_304,
           "crowdfunding": load_crowdfunding, "volunteer_projects": load_volunteer_projects,
           "shop_funnel": load_shop_funnel}


def load_blood_bank(srv, db, files):
    """A DBMS course project's blood bank in Mysuru (MySQL script, 2025,
    made-up rows: 10 donors, staff, hospitals, patients and camps, 8 blood
    units in `repository`, 30 component packets, 7 hospital requests): the
    script without CREATE DATABASE / USE; unquoted names fold to lower case
    (Blood_Components becomes blood_components, RBC rbc)."""
    (s,) = files
    s = re.sub(r"(?im)^\s*(create database|use)\b.*$", "", s)
    srv.psql(db, file_text="BEGIN;\n" + s + "\nCOMMIT;\n")
    for t in ("donor", "staff", "hospital", "patient", "donationcamp", "participates",
              "registration", "repository", "blood_components", "donates", "admits", "blood",
              "tested_by", "request", "receives", "packets"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


LOADERS["blood_bank"] = load_blood_bank


def load_scooter_sharing(srv, db, files):
    """An ITMO database course's scooter-sharing service (PostgreSQL, 2023,
    generated rows): CREATE.sql and INSERT.sql as written but for the
    student's schema prefix (`s309613.`), so the tables land in public;
    the unquoted names fold to lower case ("User" stays quoted)."""
    create, insert = (f.replace("s309613.", "") for f in files)
    srv.psql(db, file_text="BEGIN;\n" + create + "\n" + insert + "\nCOMMIT;\n")
    for t in ("person", '"User"', "job", "employee", "appointment", "employee_movement", "jobs_done",
              "support_request", "scooter", "parking", "parking_history", "rent", "task", "task_scooter"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


LOADERS["scooter_sharing"] = load_scooter_sharing


def load_apartments(srv, db, files):
    """A Minnesota State college course's apartment property manager (SQL
    Server, Entity Framework model script, 2018; made-up rows): T-SQL in
    PostgreSQL's spelling — [names] as quoted identifiers (mixed case kept),
    nvarchar as varchar, datetime as timestamp, IDENTITY dropped (the
    INSERTs give every Id), INSERT as INSERT INTO, CLUSTERED dropped, N'…' as '…',
    CAST(… AS SmallDateTime) as timestamp; GO, USE, SET and the schema and
    index lines left out. The insert script leaves Tenant_Id NULL for
    vacant apartments though the model declares it NOT NULL: that NOT NULL
    is dropped."""
    ddl, ins = files

    def tsql(t):
        t = t.lstrip("\ufeff")
        t = re.sub(r"(?m)^\s*(GO|USE .*|SET .*|IF SCHEMA_ID.*|--.*)\s*$", "", t)
        t = re.sub(r"(?is)CREATE INDEX \[[^\]]+\]\s*ON \[dbo\]\.\[\w+\]\s*\(\[\w+\]\);", "", t)
        t = t.replace("[dbo].", "")
        t = re.sub(r"CAST\(N'([^']*)' AS SmallDateTime\)", r"'\1'::timestamp", t)
        t = re.sub(r"\bN'", "'", t)
        t = re.sub(r"\[(\w+)\]", r'"\1"', t)
        t = re.sub(r"(?i)\bnvarchar\b", "varchar", t)
        t = re.sub(r"(?i)\bdatetime\b", "timestamp", t)
        t = re.sub(r"(?i)\s*IDENTITY\(1,1\)", "", t)
        t = re.sub(r"(?i)PRIMARY KEY CLUSTERED \(\"Id\" ASC\)", 'PRIMARY KEY ("Id")', t)
        t = t.replace('"Tenant_Id" int  NOT NULL', '"Tenant_Id" int')
        t = re.sub(r"(?m)^INSERT \"", 'INSERT INTO "', t)
        return re.sub(r"(?m)^(INSERT .*\))\s*$", r"\1;", t)

    srv.psql(db, file_text="BEGIN;\nSET CONSTRAINTS ALL DEFERRED;\n" + tsql(ddl) + "\n" + tsql(ins) + "\nCOMMIT;\n")
    for t in ("Buildings", "Apartments", "People", "Invoices", "LineItems", "Receipts"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {qi(t)}').strip()} rows")


LOADERS["apartments"] = load_apartments


# batch 46: a cinema's bookings, a theme park, an airline loyalty programme
DATASETS.update({
    "cinema_booking": ("abirbhattacharya82/Online-Cinema-Booking-Database",
                       "a532138b11d1b48f2ccf1ed67b9a062167c5d7b0", ["TableCreations.sql", "DataInsertion.sql"]),
    "theme_park": ("MikeBas1029/Theme-Park-Database-Project", "ad948024d6ebea8df8568ec906d70862f94f5372",
                   ["backend/src/db/dummy_data/01_core_tables_1.sql"]),
    "airline_loyalty": ("jorgeluissoto/airline_loyalty_program", "0ab2e9e21b03c9b3d1fb9347a692061389c10aef",
                        ["Customer Loyalty History.csv"]),
})


def load_cinema_booking(srv, db, files):
    """A learner's online cinema booking database (MySQL, 2023, made-up rows
    for October 2017; the repository states no licence): CREATE DATABASE /
    USE dropped, `INT AUTO_INCREMENT` as serial (the INSERTs give no ids),
    DATETIME as timestamp; the data script inserts into `reserved_seat`, the
    table is `reserved_seats`: that name is mended; keys as declared."""
    ddl, data = files
    ddl = re.sub(r"(?im)^\s*(create database|use)\b.*$", "", ddl)
    ddl = re.sub(r"(?i)\bINT AUTO_INCREMENT", "serial", ddl)
    ddl = re.sub(r"(?i)\bDATETIME\b", "timestamp", ddl)
    data = re.sub(r"(?i)INSERT INTO reserved_seat\b", "INSERT INTO reserved_seats", data)
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + data + "\nCOMMIT;\n")
    for t in ("customers", "films", "rooms", "screenings", "seats", "bookings", "reserved_seats"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


LOADERS["cinema_booking"] = load_cinema_booking


def sql_insert_rows(text):
    """(table, columns, rows) of every `INSERT INTO [schema.]table (cols)
    VALUES (...), (...)` of a MySQL script: quoted strings with '' or
    backslash escapes, NULL as None, true / false as 1 / 0."""
    pat = re.compile(r"(?i)insert\s+into\s+(?:[`\"]+[\w-]+[`\"]+\.)?[`\"]*(\w+)[`\"]*\s*\(([^)]*)\)\s*values\s*")
    out, pos = [], 0
    while True:
        m = pat.search(text, pos)
        if not m:
            return out
        cols = [c.strip().strip('`"') for c in m.group(2).split(",")]
        i, rows = m.end(), []
        while text[i] == "(":
            i, row = i + 1, []
            while True:
                while text[i].isspace():
                    i += 1
                if text[i] == "'":
                    j, buf = i + 1, []
                    while text[j] != "'" or text[j + 1] == "'":
                        if text[j] == "\\" or text[j] == "'":
                            j += 1
                        buf.append(text[j])
                        j += 1
                    row.append("".join(buf))
                    i = j + 1
                else:
                    j = i
                    while text[j] not in ",)":
                        j += 1
                    v = text[i:j].strip()
                    row.append(None if v.upper() == "NULL" else {"true": "1", "false": "0"}.get(v.lower(), v))
                    i = j
                while text[i].isspace():
                    i += 1
                i += 1
                if text[i - 1] == ")":
                    break
            rows.append(row)
            while text[i].isspace():
                i += 1
            if text[i] != ",":
                break
            i += 1
            while text[i].isspace():
                i += 1
        out.append((m.group(1), cols, rows))
        pos = i


def load_theme_park(srv, db, files):
    """A university team's theme-park management app (FastAPI + MySQL, 2024;
    the repository states no licence): its first dummy-data script,
    01_core_tables_1.sql, the only one whose ids agree with each other (the
    later scripts use other customer ids). The app builds its tables from
    Python models, so there is no DDL: each table is made from its INSERT
    column lists with the narrowest type per column (as for CSV files) but
    the 8-digit employee ids kept as text (leading zeros: '07286381'),
    queue_time as an interval, opening / closing times as time; keys added
    after the rows (NOT VALID where references dangle)."""
    tables = {}
    for t, cols, rows in sql_insert_rows(files[0]):
        tables.setdefault(t, (cols, []))[1].extend(rows)
    for t, (cols, rows) in tables.items():
        types = ["text" if c in ("employee_id", "manager_id") else sniff_type([r[k] for r in rows])
                 for k, c in enumerate(cols)]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([["\\N" if v is None else v for v in r] for r in rows])
        srv.psql(db, file_text=f"CREATE TABLE {qi(t)} ({', '.join(f'{qi(c)} {y}' for c, y in zip(cols, types))});\n"
                 f"COPY {qi(t)} FROM STDIN WITH (FORMAT csv, NULL '\\N');\n" + out.getvalue() + "\\.\n")
        print(f"  {db}.{t}: {len(rows)} rows")
    srv.psql(db, "ALTER TABLE ride_usage ALTER queue_time TYPE interval USING queue_time::interval;"
             "ALTER TABLE restaurants ALTER opening_time TYPE time USING opening_time::time,"
             " ALTER closing_time TYPE time USING closing_time::time;"
             "ALTER TABLE shops ALTER opening_time TYPE time USING opening_time::time,"
             " ALTER closing_time TYPE time USING closing_time::time")
    add_keys(srv, db, [("employees", ["employee_id"]), ("departments", ["department_id"]),
                       ("sections", ["section_id"]), ("customers", ["customer_id"]),
                       ("ride_type", ["ride_type_id"]), ("rides", ["ride_id"]),
                       ("ride_usage", ["ride_usage_id"]), ("visits", ["visit_id"]), ("tickets", ["ticket_id"]),
                       ("paymentmethods", ["payment_method_id"]), ("restaurants", ["restaurant_id"]),
                       ("shops", ["shop_id"])],
             [("departments", "manager_id", "employees", "employee_id"),
              ("sections", "department_id", "departments", "department_id"),
              ("rides", "section_id", "sections", "section_id"),
              ("ride_usage", "customer_id", "customers", "customer_id"),
              ("ride_usage", "ride_id", "rides", "ride_id"),
              ("visits", "customer_id", "customers", "customer_id"),
              ("tickets", "customer_id", "customers", "customer_id"),
              ("restaurants", "park_section_id", "sections", "section_id"),
              ("restaurants", "manager_id", "employees", "employee_id"),
              ("shops", "park_section_id", "sections", "section_id"),
              ("shops", "manager_id", "employees", "employee_id")])


LOADERS["theme_park"] = load_theme_park


def load_airline_loyalty(srv, db, files):
    """Maven Analytics' "Airline Loyalty Program" (a made-up Canadian
    airline), as a learner's repository keeps it: only Customer Loyalty
    History.csv (16737 members) — the Customer Flight Activity file is over
    the mirror's size limit. Loaded like bank (narrowest type per column,
    the lower-case headers as published, empty fields NULL); the file name
    with underscores is the table name; loyalty_number is the key."""
    n = load_csv_table(srv, db, "customer_loyalty_history", files[0].lstrip("\ufeff"))
    print(f"  {db}.customer_loyalty_history: {n} rows")
    add_keys(srv, db, [("customer_loyalty_history", ["loyalty_number"])], [])


LOADERS["airline_loyalty"] = load_airline_loyalty


def load_museum_visits(srv, db, files):
    """A student's museum database (SQL Server, made-up rows: 12 artists, 10
    epochs, 5 exhibitions, 11 artworks with a painting / sculpture /
    photograph detail table, 11 visitors, 10 tickets, 5 guides, 8 tours):
    only the CREATE TABLEs and INSERTs (views, functions, procedures and
    triggers of script.sql left out, so ArtworkStatistics keeps its zeros);
    IDENTITY(1, 1) as serial-like identity, NVARCHAR as varchar, the comma
    T-SQL lets Artwork's CHECK go without added. Unquoted names fold to
    lower case (ArtworkID becomes artworkid)."""
    ddl, ins = files
    ddl = ddl.split("\nGO")[0]
    ddl = ddl[ddl.index("CREATE TABLE Artist"):]
    ddl = re.sub(r"INT IDENTITY\(1, 1\)", "INT GENERATED BY DEFAULT AS IDENTITY", ddl)
    ddl = re.sub(r"(?i)\bNVARCHAR\b", "varchar", ddl)
    ddl = re.sub(r"REFERENCES Exhibition\(ExhibitionID\)\s*CONSTRAINT",
                 "REFERENCES Exhibition(ExhibitionID), CONSTRAINT", ddl)
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + ins + "\nCOMMIT;\n")
    for t in ("artist", "epoch", "exhibition", "artwork", "painting", "sculpture", "photograph",
              "visitor", "ticket", "guide", "tour", "artworkstatistics"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


LOADERS["museum_visits"] = load_museum_visits


def load_lab_inventory(srv, db, files):
    """A software-engineering course project's university research-lab manager
    (PostgreSQL, made-up rows): the schema as written (enum types, unquoted
    CamelCase names that fold to lower case: LabRooms becomes labrooms) and
    the sample-data files in key order: 10 lab zones, 78 rooms, equipment
    and experiment types, their links, room equipment with quantities, 5
    suppliers, inventory categories, 7 items and 7 batches, task types. The
    project has no sample users, reservations, maintenance, tasks or logs:
    those tables are empty. The batches' created_at is CURRENT_TIMESTAMP of
    the load; '9999-12-31' marks a batch that never expires."""
    srv.psql(db, file_text="BEGIN;\n" + "\n;\n".join(files) + "\n;\nCOMMIT;\n")
    for t in ("labzones", "labrooms", "equipmenttypes", "experimenttypes", "experimentequipment",
              "roomequipment", "suppliers", "inventorycategories", "inventoryitems", "inventorybatches",
              "tasktypes", "users", "roomreservations"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


LOADERS["lab_inventory"] = load_lab_inventory


def load_school_timetable(srv, db, files):
    """A learner's school timetable API (mysqldump, MySQL 5.5, made-up rows:
    5 classrooms, 5 lessons with a start and end time, 6 students in 3
    groups, 6 teachers): through mysql_to_pg, so the camelCase names stay
    as published and must be quoted ("lessonId"); the enum `sex` and the SET
    `canTeachSubjects` become text (the latter a comma list such as
    'Math,English'); AUTO_INCREMENT dropped. The dump has no foreign keys: lesson.classroomNum holds
    classroom.classroomNum (a room number, not its id), lesson.teacherId and
    the studentGroupId of lesson and student (no group table) are bare."""
    (s,) = files
    s, fkeys = mysql_to_pg(s)
    s = re.sub(r"\benum\([^)]*\)", "text", s)
    s = re.sub(r"\bset\('[^)]*\)", "text", s)
    s = s.replace(" AUTO_INCREMENT", "")
    s = re.sub(r"(?im)^\s*(LOCK|UNLOCK) TABLES.*$", "", s)
    srv.psql(db, file_text="BEGIN;\n" + s + "\n" + "\n".join(fkeys) + "\nCOMMIT;\n")
    for t in ("classroom", "lesson", "student", "teacher"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


LOADERS["school_timetable"] = load_school_timetable


def load_dreamshop(srv, db, files):
    """Dreamshop (an ELT capstone's mock e-commerce shop): customers, products,
    reviews as CSV; sales and returns as Mockaroo CREATE TABLE + INSERTs, which
    declare ids, dates and quantities as VARCHAR: those columns become integer
    and date so the keys can be declared. Names kept as published."""
    for name, text in zip(("customers", "products", "customer_reviews"), files[:3]):
        load_csv_table(srv, db, name, text)
    for text in files[3:]:
        srv.psql(db, file_text=text)
    for t, cols in (("sales", ("product_id", "quantity")), ("returns", ("product_id", "customer_id", "quantity"))):
        for c in cols:
            srv.psql(db, f"ALTER TABLE {t} ALTER COLUMN {c} TYPE integer USING {c}::integer")
        srv.psql(db, f"ALTER TABLE {t} ALTER COLUMN dates TYPE date USING dates::date")
    add_keys(srv, db, [("customers", ["customer_id"]), ("products", ["product_id"]),
                       ("customer_reviews", ["review_id"]), ("sales", ["sale_id"]), ("returns", ["return_id"])],
             [("sales", "product_id", "products", "product_id"),
              ("returns", "product_id", "products", "product_id"),
              ("returns", "customer_id", "customers", "customer_id"),
              ("customer_reviews", "product_id", "products", "product_id"),
              ("customer_reviews", "customer_id", "customers", "customer_id"),
              ("customers", "sale_id", "sales", "sale_id")])


def load_saas_churn(srv, db, files):
    """RavenStack, a synthetic SaaS company (Kaggle): accounts, subscriptions,
    feature usage, support tickets, churn events. TRUE/FALSE columns become
    boolean; support_tickets.closed_at ('2023-07-28 3:00') becomes timestamp.
    feature_usage.usage_id repeats (e.g. U-f42b0a): that table has no primary key."""
    names = ("ravenstack_accounts", "ravenstack_subscriptions", "ravenstack_feature_usage",
             "ravenstack_support_tickets", "ravenstack_churn_events")
    for name, text in zip(names, files):
        load_csv_table(srv, db, name, text)
    for t in names:
        cols = srv.psql(db, "SELECT column_name FROM information_schema.columns WHERE table_name = "
                        f"'{t}' AND data_type = 'text' AND column_name LIKE '%\\_flag' OR table_name = '{t}' "
                        "AND column_name IN ('is_trial', 'is_beta_feature', 'is_reactivation')").split()
        for c in cols:
            srv.psql(db, f"ALTER TABLE {t} ALTER COLUMN {c} TYPE boolean USING lower({c})::boolean")
    srv.psql(db, "ALTER TABLE ravenstack_support_tickets ALTER COLUMN closed_at TYPE timestamp "
             "USING closed_at::timestamp")
    add_keys(srv, db, [("ravenstack_accounts", ["account_id"]), ("ravenstack_subscriptions", ["subscription_id"]),
                       ("ravenstack_support_tickets", ["ticket_id"]),
                       ("ravenstack_churn_events", ["churn_event_id"])],
             [("ravenstack_subscriptions", "account_id", "ravenstack_accounts", "account_id"),
              ("ravenstack_feature_usage", "subscription_id", "ravenstack_subscriptions", "subscription_id"),
              ("ravenstack_support_tickets", "account_id", "ravenstack_accounts", "account_id"),
              ("ravenstack_churn_events", "account_id", "ravenstack_accounts", "account_id")])


def load_supply_chain(srv, db, files):
    """The "Supply Chain Logistics Problem" data (Kalganova & Dzalbs, Brunel
    University; Kaggle): one month of outbound orders of a microchip maker,
    its plants (warehouses), ports, carriers' freight rates. Published with a
    byte-order mark, rows of empty cells, padded values ('AIR   ') and money
    as ' $43.23 ' or '9,999.99': empty rows are dropped, values
    are trimmed, '$' and thousands commas dropped, 'Order Date' (MM/DD/YYYY) read as a date.
    Table and column names as published (spaces and capitals kept)."""
    def convert(header, row):
        out = []
        for h, v in zip(header, row):
            if v is not None:
                v = v.strip()
                if v.startswith("$"):
                    v = v[1:].replace(",", "").strip()
                if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", v):  # '9,999.99'
                    v = v.replace(",", "")
                m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", v)
                if m:
                    v = f"{m[3]}-{m[1]}-{m[2]}"
                v = v or None
            out.append(v)
        return out
    for name, text in zip(SUPPLY_CHAIN_FILES, files):
        text = "\n".join(l for l in text.lstrip("\ufeff").splitlines() if l.strip(", \r"))  # blank rows
        load_csv_table(srv, db, name, text, convert=convert)
    add_keys(srv, db, [("WarehouseCapacity", ["Plant ID"]), ("WarehouseCosts", ["WH"]), ("OrderList", ["Order ID"])],
             [("WarehouseCosts", "WH", "WarehouseCapacity", "Plant ID"),
              ("PlantPorts", "Plant Code", "WarehouseCapacity", "Plant ID"),
              ("ProductsPerPlant", "Plant Code", "WarehouseCapacity", "Plant ID"),
              ("VmiCustomers", "Plant Code", "WarehouseCapacity", "Plant ID"),
              ("OrderList", "Plant Code", "WarehouseCapacity", "Plant ID")])


LOADERS.update(dreamshop=load_dreamshop, saas_churn=load_saas_churn, supply_chain=load_supply_chain)


def load_ride_sharing(srv, db, files):
    """A synthetic ride-sharing set (a take-home task's generated CSV files,
    2024): drivers, riders, vehicles, trips, payments, as its own SQLite
    schema declares them (keys and foreign keys kept); times are text in
    'YYYY-MM-DD HH:MM:SS' and load as timestamp, join dates as date."""
    names = ("drivers", "riders", "vehicles", "trips", "payments")
    for name, text in zip(names, files):
        load_csv_table(srv, db, name, text)
    add_keys(srv, db, [(t, [t[:-1] + "_id"]) for t in names],
             [("vehicles", "driver_id", "drivers", "driver_id"),
              ("trips", "rider_id", "riders", "rider_id"),
              ("trips", "driver_id", "drivers", "driver_id"),
              ("trips", "vehicle_id", "vehicles", "vehicle_id"),
              ("payments", "trip_id", "trips", "trip_id")])


def load_bus_booking(srv, db, files):
    """A learner's bus-ticket booking web app (mysqldump, MySQL 8, August 2025,
    made-up rows): through mysql_to_pg; enum columns become text, datetime
    timestamp, UNIQUE KEY lines plain UNIQUE constraints, AUTO_INCREMENT and
    LOCK TABLES dropped; its foreign keys are added after the rows."""
    (s,) = files
    s, fkeys = mysql_to_pg(s)
    s = re.sub(r"\benum\([^)]*\)", "text", s)
    s = re.sub(r'UNIQUE KEY "\w+" \(', "UNIQUE (", s)
    s = re.sub(r"\bdatetime\b", "timestamp", s)
    s = re.sub(r"\bint\b", "integer", s)
    s = s.replace(" AUTO_INCREMENT", "")
    s = re.sub(r"(?im)^\s*(LOCK|UNLOCK) TABLES.*$", "", s)
    srv.psql(db, file_text="BEGIN;\n" + s + "\n" + "\n".join(fkeys) + "\nCOMMIT;\n")


def load_island_ferry(srv, db, files):
    """A CS430 course project's island boat-and-helicopter service (MySQL,
    2016, made-up rows): the DDL up to its stored procedures (not loaded),
    INT UNSIGNED as integer, AUTO_INCREMENT ids as identity columns (the
    inserts give NULL ids: DEFAULT instead), FLOAT(4, 2) as numeric(4,2).
    Names kept as published; its foreign keys are declared in the DDL."""
    ddl, ins = files
    ddl = ddl.split("DROP PROCEDURE")[0]
    ddl = ddl.replace("INT UNSIGNED AUTO_INCREMENT", "integer GENERATED BY DEFAULT AS IDENTITY")
    ddl = re.sub(r"INT UNSIGNED", "integer", ddl)
    ddl = re.sub(r"FLOAT\(4, 2\)", "numeric(4,2)", ddl)
    ins = re.sub(r"VALUES \(NULL,", "VALUES (DEFAULT,", ins)
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + ins + "\nCOMMIT;\n")


LOADERS.update(ride_sharing=load_ride_sharing, bus_booking=load_bus_booking, island_ferry=load_island_ferry)




def load_movies_qa(srv, db, files):
    """Movies & TV Stack Exchange, a published extract as CSV (Users, Posts,
    comments, Votes): the UTF-8 byte-order mark is dropped from the headers,
    'NULL' is NULL, times with milliseconds become timestamp. Names as
    published; keys on Id, foreign keys as the Stack Exchange schema draws
    them (NOT VALID where the extract lacks the target)."""
    names = ("Users", "Posts", "comments", "Votes")
    for name, text in zip(names, files):
        load_csv_table(srv, db, name, text.lstrip("\ufeff"), nulls=("", "NULL"))
    for t in names:
        cols = srv.psql(db, "SELECT column_name FROM information_schema.columns WHERE table_name = "
                        f"'{t}' AND data_type = 'text' AND column_name LIKE '%Date'").split()
        for c in cols:
            srv.psql(db, f'ALTER TABLE {qi(t)} ALTER COLUMN {qi(c)} TYPE timestamp USING {qi(c)}::timestamp')
    add_keys(srv, db, [(t, ["Id"]) for t in names],
             [("Posts", "OwnerUserId", "Users", "Id"), ("Posts", "LastEditorUserId", "Users", "Id"),
              ("comments", "PostId", "Posts", "Id"), ("comments", "UserId", "Users", "Id"),
              ("Votes", "PostId", "Posts", "Id"), ("Votes", "UserId", "Users", "Id")])


def load_acebook(srv, db, files):
    """Acebook (a bootcamp's Facebook clone): the Flyway migration that drops
    and recreates every table with its demo rows; PostgreSQL as published."""
    srv.psql(db, file_text=files[0])


def load_event_booking(srv, db, files):
    """An events practice set (organizers, venues, attendees, events,
    event_registrations): a PostgreSQL script run as published."""
    srv.psql(db, file_text=files[0])


LOADERS["movies_qa"] = load_movies_qa
LOADERS["acebook"] = load_acebook
LOADERS["event_booking"] = load_event_booking



def load_loan_book(srv, db, files):
    """A learner's made-up lender (PostgreSQL, 2026, generated rows; no
    licence stated): branches, customers with a KYC status, deposit
    accounts, loans with a type / status code, repayments. The script is
    PostgreSQL already: run as written, keys as declared."""
    ddl, data = files
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\n" + data + "\nCOMMIT;\n")
    for t in ("branches", "customers", "deposit_accounts", "loans", "repayments"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_agrosphere(srv, db, files):
    """AgroSphere, a student team's farm-to-retail MySQL database (2025,
    Python-generated rows; no licence stated). The script mixes its
    CREATE TABLE and INSERT statements with example SELECTs: only the
    CREATE TABLE and INSERT statements are run, in order; its unquoted
    CamelCase names fold to lower case as PostgreSQL does; keys as declared."""
    text = files[0].replace("\r\n", "\n")
    stmts = re.findall(r"(?ims)^\s*((?:CREATE TABLE|INSERT INTO)\b.*?;)\s*$", text)
    srv.psql(db, file_text="BEGIN;\n" + "\n".join(stmts) + "\nCOMMIT;\n")
    for t in ("farms", "fields", "crops", "crop_plantings", "livestock", "weather_readings", "soil_samples",
              "irrigation_systems", "pesticide_applications", "harvests", "storage_facilities",
              "processing_plants", "distribution_centers", "retail_outlets", "product_shipments"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_weather_stations(srv, db, files):
    """The weather-station tables of a student team's weather-data API
    (IWA, MySQL 8 dump, 2023; no licence stated): country, station,
    geolocation and nearestlocation, the four tables the dump fills. The
    tables it leaves empty (station_data, missing_data, the app's users,
    subscriptions and contracts) are not loaded. mysql_to_pg translates the
    dump; LOCK / UNLOCK lines and AUTO_INCREMENT dropped, INSERT IGNORE as
    INSERT; foreign keys added after the rows."""
    text = files[0].split("/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;")[0]
    text = re.sub(r"(?m)^(LOCK TABLES|UNLOCK TABLES).*$", "", text)
    text = re.sub(r"INSERT\s+IGNORE INTO", "INSERT INTO", text)
    text = re.sub(r"\s+AUTO_INCREMENT\b(?!=)", "", text)
    text, fkeys = mysql_to_pg(text)
    srv.psql(db, file_text="BEGIN;\n" + text + "\n" + "\n".join(fkeys) + "\nCOMMIT;\n")
    for t in ("country", "station", "geolocation", "nearestlocation"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


LOADERS.update(loan_book=load_loan_book, agrosphere=load_agrosphere, weather_stations=load_weather_stations)


def load_ad_roas(srv, db, files):
    """A portfolio project's ROAS / paid-marketing funnel (2025, synthetic:
    its seeded, standard-library generator is run here, seed 42, so the rows
    are the same on every load): schema `roas` as published, with channels,
    campaigns, daily_campaign_spend, customers, leads and orders; keys as
    declared."""
    import tempfile
    ddl, gen = files
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "generate_data.py"), "w") as f:
            f.write(gen)
        subprocess.run([sys.executable, "generate_data.py"], cwd=d, check=True, stdout=subprocess.DEVNULL)
        text = "BEGIN;\n" + ddl + "\nSET search_path TO roas, public;\n"
        for t in ("channels", "campaigns", "daily_campaign_spend", "customers", "leads", "orders"):
            with open(os.path.join(d, "data", t + ".csv")) as f:
                data = f.read()
            cols = data.split("\n", 1)[0].strip()
            text += f"COPY {t} ({cols}) FROM STDIN WITH (FORMAT csv, HEADER true, NULL '');\n{data.rstrip()}\n\\.\n"
        srv.psql(db, file_text=text + "COMMIT;\n")
    for t in ("channels", "campaigns", "daily_campaign_spend", "customers", "leads", "orders"):
        print(f"  {db}.roas.{t}: {srv.psql(db, f'SELECT count(*) FROM roas.{t}').strip()} rows")


def load_retail_loyalty(srv, db, files):
    """A hackathon's retail loyalty-points data (2026, generated; no licence
    stated): the eight input CSV files, headers kept as published
    ("Cust_ID", "Ticket_ID"), types sniffed like bank; the project's computed
    outputs are left out. Keys on the ids and the links that hold."""
    for t, text in zip(LOYALTY_FILES, files):
        print(f"  {db}.{t}: {load_csv_table(srv, db, t, text)} rows")
    add_keys(srv, db, [("stores_master", ["Store_ID"]), ("products_master", ["SKU"]),
                       ("loyalty_rules_master", ["Rule_ID"]), ("customers_master", ["Cust_ID"]),
                       ("sales_header", ["Ticket_ID"]), ("customer_loyalty_balances", ["Cust_ID"])],
             [("sales_header", "Cust_ID", "customers_master", "Cust_ID"),
              ("sales_header", "Store_ID", "stores_master", "Store_ID"),
              ("sales_line_items", "Ticket_ID", "sales_header", "Ticket_ID"),
              ("sales_line_items", "SKU", "products_master", "SKU"),
              ("sales_line_items", "Rule_ID", "loyalty_rules_master", "Rule_ID"),
              ("customer_loyalty_balances", "Cust_ID", "customers_master", "Cust_ID"),
              ("points_transaction_history", "Cust_ID", "customers_master", "Cust_ID"),
              ("points_transaction_history", "Ticket_ID", "sales_header", "Ticket_ID")])


def load_email_engagement(srv, db, files):
    """One flat table: a portfolio project's e-mail campaign engagement
    sample (5000 recipients' rates per campaign; generated, no licence
    stated), `email_campaigns` with its header as published."""
    print(f"  {db}.email_campaigns: {load_csv_table(srv, db, 'email_campaigns', files[0])} rows")


LOADERS.update(ad_roas=load_ad_roas, retail_loyalty=load_retail_loyalty, email_engagement=load_email_engagement)


def load_smart_parking(srv, db, files):
    """A learner's "Smart Parking Management System" (MySQL script, 2025,
    generated rows; no licence stated): ParkingLots, ParkingSlots, Vehicles,
    ParkingRecords. Only its CREATE TABLE and INSERT statements are run (the
    USE and SELECT lines are MySQL session lines); the unquoted CamelCase
    names fold to lower case as PostgreSQL does (parkinglots, parkingslots,
    vehicles, parkingrecords); DATETIME as timestamp; the BOOLEAN is_reserved
    is inserted as 0 / 1, so those literals are quoted for PostgreSQL's
    boolean input. Keys as declared."""
    text = files[0].replace("\r\n", "\n")
    stmts = re.findall(r"(?ims)^\s*((?:CREATE TABLE|INSERT INTO)\b.*?;)\s*$", text)
    stmts = [re.sub(r"\bDATETIME\b", "timestamp", st) for st in stmts]
    stmts = [re.sub(r", ([01])\);$", r", '\1');", st) if st.startswith("INSERT INTO ParkingSlots") else st
             for st in stmts]
    srv.psql(db, file_text="BEGIN;\n" + "\n".join(stmts) + "\nCOMMIT;\n")
    for t in ("parkinglots", "parkingslots", "vehicles", "parkingrecords"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_public_works(srv, db, files):
    """The "Boise Pipe Systems" portfolio project's generated public-works data
    for Boise, Idaho (CSV files of 2026 written by its generate_data.py; no
    licence stated): pipe segments of three systems (all_segments, the union
    of its sewer, geothermal and pressurized-irrigation files, which are not
    loaded again), facilities, service requests (311-style, by channel),
    work orders, capital projects, weather events and the yearly CIP budget
    per district. Names as published; text keys ('SEW-00001', 'SR-00001',
    'WO-00001'); every segment_id is in all_segments. The monthly
    monitoring file is left out."""
    for name, text in zip(PUBLIC_WORKS_FILES, files):
        n = load_csv_table(srv, db, name, text)
        print(f"  {db}.{name}: {n} rows")
    add_keys(srv, db, [("all_segments", ["segment_id"]), ("facilities", ["facility_id"]),
                       ("service_requests", ["request_id"]), ("work_orders", ["work_order_id"]),
                       ("cip_projects", ["project_id"]), ("weather_events", ["weather_event_id"]),
                       ("budget_cip", ["fiscal_year", "district"])],
             [("service_requests", "segment_id", "all_segments", "segment_id"),
              ("work_orders", "segment_id", "all_segments", "segment_id"),
              ("cip_projects", "segment_id", "all_segments", "segment_id")])


def load_shenzhen_transit(srv, db, files):
    """Shenzhen Tong smart-card transactions of Saturday 2018-09-01, 07:57 to
    11:30 (the last 37,000-row page of the Shenzhen open-data portal's
    card-data API, as a Scala course project saved it; the repository states
    no licence): one table, szt_card_data (the project's name for the set),
    columns as published — card_no a pseudonymised letter code, deal_type
    in Chinese (地铁入站 metro entry, 地铁出站 metro exit, 巴士 bus),
    deal_money (paid) and deal_value (full fare) in fen, company_name the
    metro line or bus company, station (a bus route for bus taps, empty on
    1535 rows), equ_no, car_no, conn_mark 0 / 1, close_date the settlement
    day. No key: one row appears twice."""
    n = load_csv_table(srv, db, "szt_card_data", files[0].lstrip("\ufeff"), nulls=("",))
    print(f"  {db}.szt_card_data: {n} rows")


LOADERS.update(smart_parking=load_smart_parking, public_works=load_public_works,
               shenzhen_transit=load_shenzhen_transit)


DATASETS.update({
    "hospital_hiring": ("jndia000/Homies-1", "84d50887fb37e4977a0fed7b97898f9e4d52c101", ["backups/homies_test.sql"]),
    "staff_training": ("Bushra1216/End-to-End-HR-Management-Training-Data-Analysis",
                       "37ef9c83e49670f4e20f028898fb354688368982", ["tr_data.xlsx"]),
    "project_timesheets": ("ivanthecrazy/eav_api", "d9cffc01f0576e7700e683c3e8f0d3935f1f1bf6", ["eav_api.sql"]),
})


def mysql_types_to_pg(text):
    """Column types a MySQL / MariaDB dump spells that PostgreSQL does not:
    datetime as timestamp, tinyint(1) / tinyint as smallint, `unsigned`,
    column collations, longtext as text, enum(...) as text."""
    text = re.sub(r"\bdatetime\b", "timestamp", text)
    text = re.sub(r"\btinyint(\(\d+\))?", "smallint", text)
    text = re.sub(r"\b(bigint|integer|smallint|decimal\(\d+,\d+\))( unsigned)\b", r"\1", text)
    text = re.sub(r"(?i)\bbigint\(\d+\)", "bigint", text)
    text = re.sub(r"(?i) COLLATE \w+", "", text)
    text = re.sub(r"(?i) CHARACTER SET \w+", "", text)
    text = re.sub(r"\blongtext\b", "text", text)
    text = re.sub(r"\benum\([^)]*\)", "text", text)
    return text


def load_hospital_hiring(srv, db, files):
    """Homies, a hospital's recruitment and onboarding web app (a student
    team's phpMyAdmin dump of MariaDB 10.4, February – March 2022; made-up
    people with example.com addresses; no licence stated): every table of
    the dump, UUID text keys as published. mysql_to_pg translates the
    tables and rows; the dump's ALTER TABLE index blocks become primary
    keys and UNIQUE constraints (plain KEY indexes dropped); its foreign-key
    block is added after the rows."""
    text = re.sub(r"(?im)^(START TRANSACTION|COMMIT|SET .*);?$", "", files[0].replace("\r\n", "\n"))
    blocks = re.findall(r"(?s)\nALTER TABLE `(\w+)`\n(.*?);\n", text)
    text = re.sub(r"(?s)\nALTER TABLE `\w+`\n.*?;\n", "\n", text)
    text, _ = mysql_to_pg(text)
    text = mysql_types_to_pg(text)
    keys, fkeys = [], []
    for t, body in blocks:
        for line in body.split("\n"):
            line = line.strip().rstrip(",")
            if line.startswith("ADD PRIMARY KEY") or line.startswith("ADD UNIQUE KEY"):
                line = re.sub(r"ADD UNIQUE KEY `\w+`", "ADD UNIQUE", line)
                keys.append(f"ALTER TABLE `{t}` {line};")
            elif line.startswith("ADD CONSTRAINT"):
                fkeys.append(f"ALTER TABLE `{t}` {line};")
    keys = [k.replace("`", '"') for k in keys]
    fkeys = [k.replace("`", '"') for k in fkeys]
    srv.psql(db, file_text="BEGIN;\n" + text + "\n" + "\n".join(keys) + "\n" + "\n".join(fkeys) + "\nCOMMIT;\n")
    for t in srv.psql(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").split():
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {qi(t)}').strip()} rows")


def xlsx_rows(data, sheet="xl/worksheets/sheet1.xml"):
    """The cells of one worksheet of an .xlsx file (a zip of XML), row by
    row, as text: shared strings resolved, numbers as Excel wrote them."""
    import zipfile
    import xml.etree.ElementTree as ET
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    z = zipfile.ZipFile(io.BytesIO(data))
    strings = [''.join(t.text or "" for t in si.iter(ns + "t"))
               for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(ns + "si")]
    out = []
    for row in ET.fromstring(z.read(sheet)).iter(ns + "row"):
        cells = {}
        for c in row.iter(ns + "c"):
            v = c.find(ns + "v")
            val = None if v is None else v.text
            if c.get("t") == "s" and val is not None:
                val = strings[int(val)]
            cells[re.sub(r"\d", "", c.get("r"))] = val
        out.append(cells)
    return out


def load_staff_training(srv, db, files):
    """One flat table of staff training records ("AdventureTech", an HR
    analytics portfolio project's training data of May 2022 – August 2023;
    employees known by number only; no licence stated): the worksheet
    `Training` of tr_data.xlsx, 145 rows, one per employee. Its header is
    kept as the column names (`"Employee ID"`, `"Training Duration(Days)"`,
    `"PreTestScore"`, …); `"Training Date"` is an Excel day number, read as a
    date; numbers Excel stored in binary floating point (`4.9000000000000004`)
    are written back as their shortest decimal (`4.9`). Values as published,
    `'Passed '` with its trailing space included. Key: "Employee ID"."""
    import datetime
    rows = xlsx_rows(files[0])
    letters = sorted(rows[0], key=lambda k: (len(k), k))
    header = [rows[0][k] for k in letters]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    epoch = datetime.date(1899, 12, 30)
    for r in rows[1:]:
        vals = []
        for k, h in zip(letters, header):
            v = r.get(k)
            if v is not None and h == "Training Date":
                v = (epoch + datetime.timedelta(days=int(v))).isoformat()
            elif v is not None and re.fullmatch(r"-?\d+\.\d+(E-?\d+)?", v):
                v = repr(float(v))
            vals.append(v)
        w.writerow(vals)
    n = load_csv_table(srv, db, "Training", out.getvalue())
    add_keys(srv, db, [("Training", ["Employee ID"])], [])
    print(f"  {db}.Training: {n} rows")


def load_project_timesheets(srv, db, files):
    """A Laravel timesheet API's test database (ivanthecrazy/eav_api, a
    mysqldump of MySQL 8, February 2025, Faker rows: made-up people with
    example.* addresses, company-style project names, lorem-ipsum task
    names; no licence stated): users, projects with a numeric status,
    project_user (user × project), timesheets (a task, a date, hours, the
    user and the project) and the EAV pair attributes / attribute_values
    (department, start_date, end_date of each project, values held as
    text). The framework's own tables (migrations, cache, jobs, sessions,
    oauth_*, password tokens) are not loaded. `unsigned`, collations and
    AUTO_INCREMENT dropped; foreign keys added after the rows."""
    keep = ("users", "projects", "project_user", "timesheets", "attributes", "attribute_values")
    text = files[0].replace("\r\n", "\n")
    parts = []
    for t in keep:
        ddl = re.search(rf"(?s)CREATE TABLE `{t}` \(.*?\n\) ENGINE=[^;]*;", text).group(0)
        rows = re.search(rf"(?m)^INSERT INTO `{t}` VALUES .*;$", text).group(0)
        parts += [ddl, rows]
    body, fkeys = mysql_to_pg("\n".join(parts))
    body = mysql_types_to_pg(body)
    body = re.sub(r"\s+AUTO_INCREMENT\b", "", body)
    body = re.sub(r'UNIQUE KEY "\w+" ', "UNIQUE ", body)
    srv.psql(db, file_text="BEGIN;\n" + body + "\n" + "\n".join(fkeys) + "\nCOMMIT;\n")
    for t in keep:
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


LOADERS.update(hospital_hiring=load_hospital_hiring, staff_training=load_staff_training,
               project_timesheets=load_project_timesheets)


DATASETS.update({
    "car_production": ("Vanelfokamcode/stellantis-manufacturing-analytics", "86091c79ece292704f18577372233e6b9d644bf7",
                       ["data/raw/production/production_metrics.csv"]),
    "burger_cafe": ("deku0609/FoodOPS-Agent", "9c6dd2fea0fdd44b3e5e1e6cfd1a807d9a00fb04",
                    ["data/customers.csv", "data/reservations.csv", "data/orders.csv", "data/chat_logs.csv"]),
    "car_plant": ("chandrachudasahoo4/Car-Manufacturing-Analytics", "763486ff02903dd95414295e7d024fdd5dec9439",
                  ["work_orders.csv", "production_events.csv", "quality_inspection.csv", "supplier_master.csv",
                   "bom_master.csv", "tool_master.csv"]),
})


def load_car_production(srv, db, files):
    """One flat table: a portfolio project's generated shift-level output of
    five car assembly lines (Stellantis models, 2025-10 to 2026-01; no
    licence stated), `production_metrics` with its header as published."""
    print(f"  {db}.production_metrics: {load_csv_table(srv, db, 'production_metrics', files[0])} rows")


BURGER_CAFE_FILES = ["customers", "reservations", "orders", "chat_logs"]


def load_burger_cafe(srv, db, files):
    """"Mumbai Burger Cafe", an AI-agent demo's generated restaurant data
    (no licence stated): customers, table reservations, orders (one item a
    row) and support chats, headers as published. The customers' `phone`
    column (Faker-made numbers) is not loaded."""
    def no_phone(header, row):
        return [None if h == "phone" else v for h, v in zip(header, row)]
    for t, text in zip(BURGER_CAFE_FILES, files):
        conv = no_phone if t == "customers" else None
        print(f"  {db}.{t}: {load_csv_table(srv, db, t, text, convert=conv)} rows")
    add_keys(srv, db, [("customers", ["customer_id"]), ("reservations", ["reservation_id"]),
                       ("orders", ["order_id"]), ("chat_logs", ["chat_id"])],
             [("reservations", "customer_id", "customers", "customer_id"),
              ("orders", "customer_id", "customers", "customer_id"),
              ("chat_logs", "customer_id", "customers", "customer_id")])


CAR_PLANT_FILES = ["work_orders", "production_events", "quality_inspection", "supplier_master",
                   "bom_master", "tool_master"]


def load_car_plant(srv, db, files):
    """A car-manufacturing analytics course project's generated plant data
    (2026; no licence stated), deliberately dirty for its cleaning exercises
    (padded and lower-case codes, '2026/03/01 06:70' timestamps, ' ok '):
    six of its raw CSV files, headers and values as published; columns with
    mixed spellings stay text."""
    for t, text in zip(CAR_PLANT_FILES, files):
        print(f"  {db}.{t}: {load_csv_table(srv, db, t, text)} rows")
    # production_events repeats 50 Event_IDs as published: no key there
    add_keys(srv, db, [("work_orders", ["Work_Order"]), ("quality_inspection", ["Inspection_ID"]),
                       ("supplier_master", ["Supplier_Code"]), ("bom_master", ["Part_Number"]),
                       ("tool_master", ["Tool_ID"])],
             [("production_events", "Work_Order", "work_orders", "Work_Order"),
              ("production_events", "Part_Number", "bom_master", "Part_Number"),
              ("production_events", "Supplier_Code", "supplier_master", "Supplier_Code"),
              ("production_events", "Tool_ID", "tool_master", "Tool_ID"),
              ("bom_master", "Supplier_Code", "supplier_master", "Supplier_Code")])


LOADERS.update(car_production=load_car_production, burger_cafe=load_burger_cafe, car_plant=load_car_plant)


DATASETS.update({
    "course_grades": ("LeLuven/MachineSpider", "fec4cdd7c9954caaa8c88e3897b763302103d5a0",
                      ["database/college_3/college_3.sqlite"]),
    "student_activities": ("LeLuven/MachineSpider", "fec4cdd7c9954caaa8c88e3897b763302103d5a0",
                           ["database/activity_1/activity_1.sqlite"]),
})


def load_spider_sqlite(srv, db, files):
    """A Spider database as a German-translated copy publishes it (SQLite;
    table and column names in German, with umlauts: "schüler",
    "fakultät"; values left in English). Read with Python's sqlite3:
    INTEGER as integer, FLOAT as double precision, VARCHAR(n) as
    varchar(n); keys as the file declares them."""
    import sqlite3
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".sqlite") as f:
        f.write(files[0])
        f.flush()
        lite = sqlite3.connect(f.name)
        tables = [t for (t,) in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
        script = "BEGIN;\n"
        for t in tables:
            info = list(lite.execute(f"PRAGMA table_info({qi(t)})"))
            cols = [(c[1], {"INTEGER": "integer", "FLOAT": "double precision"}.get(c[2].upper(), c[2].lower()))
                    for c in info]
            out = io.StringIO()
            w = csv.writer(out, lineterminator="\n")
            for r in lite.execute(f"SELECT * FROM {qi(t)}"):
                w.writerow(["\\N" if v is None else v for v in r])
            script += (f"CREATE TABLE {qi(t)} (" + ", ".join(f"{qi(n)} {ty}" for n, ty in cols) + ");\n"
                       f"COPY {qi(t)} FROM STDIN WITH (FORMAT csv, NULL '\\N');\n" + out.getvalue() + "\\.\n")
        srv.psql(db, file_text=script + "COMMIT;\n")
        pkeys = [(t, [c[1] for c in sorted(lite.execute(f"PRAGMA table_info({qi(t)})"), key=lambda c: c[5]) if c[5]])
                 for t in tables]
        fkeys = [(t, fk[3], fk[2], fk[4]) for t in tables
                 for fk in lite.execute(f"PRAGMA foreign_key_list({qi(t)})")]
    add_keys(srv, db, [(t, cols) for t, cols in pkeys if cols], fkeys)
    for t in tables:
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {qi(t)}').strip()} rows")


LOADERS.update(course_grades=load_spider_sqlite, student_activities=load_spider_sqlite)


OULAD_FILES = ("courses", "assessments", "vle", "studentInfo", "studentRegistration", "studentAssessment")
DATASETS["open_university"] = ("tlam89/Early-Warning-System", "ca9500df7747f89aaba33b20c29bf6d8a6d34bc2",
                               [f"{t}.csv" for t in OULAD_FILES])


def load_open_university(srv, db, files):
    """The Open University Learning Analytics Dataset (OULAD, CC BY 4.0) as a
    project keeps a part of it: the 2013J and 2014J presentations of six
    modules. CSV headers kept (`studentInfo`, `studentRegistration`,
    `studentAssessment` quoted, camelCase); days counted from the
    presentation's start stay integers; empty cells NULL. studentVle.csv is
    not in the repository. Keys added: composite keys (module +
    presentation) to courses."""
    for name, text in zip(OULAD_FILES, files):
        n = load_csv_table(srv, db, name, text)
        print(f"  {db}.{name}: {n} rows")
    pk = [("courses", ["code_module", "code_presentation"]), ("assessments", ["id_assessment"]),
          ("vle", ["id_site"]), ("studentInfo", ["code_module", "code_presentation", "id_student"]),
          ("studentRegistration", ["code_module", "code_presentation", "id_student"]),
          ("studentAssessment", ["id_assessment", "id_student"])]
    add_keys(srv, db, pk, [("studentAssessment", "id_assessment", "assessments", "id_assessment")])
    for t in ("assessments", "vle", "studentInfo", "studentRegistration"):
        srv.psql(db, f"ALTER TABLE {qi(t)} ADD FOREIGN KEY (code_module, code_presentation) "
                 "REFERENCES courses (code_module, code_presentation)")
    srv.psql(db, 'ALTER TABLE "studentRegistration" ADD FOREIGN KEY (code_module, code_presentation, id_student) '
             'REFERENCES "studentInfo" (code_module, code_presentation, id_student)')


LOADERS["open_university"] = load_open_university


DATASETS.update({
    "trade_log": ("08sanga04/trading-sql-project", "2e38bb16274b576e9649b2681a0518c1d1960394", ["data/trades.csv"]),
    "health_claims": ("JackBennion/insurance-sql-project", "9f3380b5eaeb4129f6c058e01eb31fd001845592",
                      [f"data/processed/{t}.csv" for t in ("customers", "policies", "claims")]),
    "utility_billing": ("AbuBakar2006/Utility-Billing-Management-System-DataBase",
                        "39dd61065d4f0e9fe712983f65d5d488cf05ae73", ["SQL/Utility-Billing-Management-System.sql"]),
})


def load_trade_log(srv, db, files):
    """One flat table of 1000 made-up trades of January – July 2024 (a
    trading-analytics SQL portfolio project; no licence stated): trades
    with an integer key, the trade date, open and close timestamps, six
    instruments (BTCUSDT, ETHUSDT, EURUSD, GBPUSD, NIFTY, BANKNIFTY) in
    three asset classes (Crypto, Forex, Equity), direction Buy / Sell,
    entry and exit prices, quantity, pnl, risk_amount, four strategies, and
    account_id (1-3) and trader_id (101-105) as bare numbers with no table
    behind them. Key: trade_id."""
    n = load_csv_table(srv, db, "trades", files[0])
    add_keys(srv, db, [("trades", ["trade_id"])], [])
    print(f"  {db}.trades: {n} rows")


def load_health_claims(srv, db, files):
    """A health insurer's policyholders, policies and claims (an insurance
    analytics project's three CSV files derived from the public "medical
    cost" insurance set: customers known by number only; no licence
    stated): customers (age, sex, bmi, children, smoker yes / no, one of
    four US regions), policies (one per customer, premium_amount with
    floating-point tails as published) and claims (0-3 per policy, an
    amount and a claim_status Approved / Rejected / Pending). Keys on the
    ids; policies -> customers and claims -> policies."""
    names = ("customers", "policies", "claims")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("customers", ["customer_id"]), ("policies", ["policy_id"]), ("claims", ["claim_id"])],
             [("policies", "customer_id", "customers", "customer_id"),
              ("claims", "policy_id", "policies", "policy_id")])


def load_utility_billing(srv, db, files):
    """A utility company's billing database (a student project's MySQL
    script; made-up customers with example.com addresses in Karachi,
    Lahore and Islamabad; MIT licence): customer, account (one per
    customer), meter (electricity / water / gas, one reading date with a
    previous and a current reading), bill (units, energy and service
    charges, tax, total, PaymentStatus), payment per bill and charges (the
    rate of each utility type). Its CREATE DATABASE / USE lines are
    dropped; the rest runs as written, so the unquoted upper-case and
    CamelCase names fold to lower case (CUSTOMER -> customer, CustomerID ->
    customerid). Keys and foreign keys as declared."""
    text = re.sub(r"(?im)^\s*(DROP\s+DATABASE|CREATE\s+DATABASE|USE)\b[^;]*;", "", files[0])
    srv.psql(db, file_text="BEGIN;\n" + text + "\nCOMMIT;\n")
    for t in ("customer", "account", "meter", "bill", "payment", "charges"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


LOADERS.update(trade_log=load_trade_log, health_claims=load_health_claims, utility_billing=load_utility_billing)


# Batch 58: three more, one per domain left to it (esports results,
# restaurant inspections, solar generation), from repositories not used before.
DATASETS.update({
    "valorant_vct": ("skaii19/CCINFOM-GROUP-5", "9bbf0ae08daa03206516f7df58680d8f2e4679be", ["ccinfomdb.sql"]),
    "lexington_inspections": ("eeeschwartz/health-department-yelp-data", "ce3c9deeef788813b16647fad204b479fe01fe10",
                              ["businesses.csv", "inspections.csv", "violations.csv"]),
    "solar_plants": ("chandrab22/Data_Driven_PhotoVoltaic_Performance_Modeling",
                     "55ca08bb2266751a934ead77ad6f03a46f65abb7",
                     [f"data/{f}.csv" for f in ("Plant_1_Generation_Data", "Plant_1_Weather_Sensor_Data",
                                                "Plant_2_Weather_Sensor_Data")]),
})


def load_valorant_vct(srv, db, files):
    """Valorant Champions Tour international events 2021 - 2025 (a
    university course team's MySQL database at a commit of 19 November 2025
    whose script still runs — the repository's head holds merge-conflict
    markers; rows typed in from Liquipedia and vlr.gg, ticket buyers and
    merchandise sales made up with ChatGPT; no licence stated): team (text
    keys '100T', 'FNC'), player (in-game name, the professional's public
    name, current team), team_history, tournament (text keys '2021_M1'),
    tournament_location, team_placement, maps, matches (one row per map
    played, text keys 'MR21_UR1_01', a score like '13-5', the map's winner
    and its MVP), agents, agent_pick and player_stats per player and map,
    customer (tickets), product and sales_transaction. MySQL's spelling
    turned into PostgreSQL's: CREATE SCHEMA / USE / SET lines and the
    script's SELECTs dropped, AUTO_INCREMENT keys are serial, BIT is
    smallint. Data fixes, each printed: the 2023 - 2024 matches name their
    MVP by in-game name ('Demon1'), looked up in player (a name no single
    player has is left empty); two agent_pick INSERTs name their column
    agent_name but give agent ids, read as agent_id; three picks give a name
    instead of an agent id and are left empty; map and agent names carry a
    stray trailing '1' ('Bind1', 'Jett1', 'KAY/O1'), cut. Foreign keys are
    declared after the rows (the script inserts placements before
    tournaments) through add_keys: the script has no 2025 matches yet (their
    player stats are there) and a few matches name teams the team table
    lacks ('TRC', 'TV', 'LOU'), so those keys are NOT VALID."""
    t = files[0]
    t = re.sub(r"(?im)^\s*(CREATE\s+SCHEMA|USE|SET)\b[^;]*;", "", t)
    t = re.sub(r"(?ims)^\s*select\b.*?;", "", t)
    t = re.sub(r"(?i)INT\s+AUTO_INCREMENT\s+PRIMARY\s+KEY(\s+UNIQUE)?", "SERIAL PRIMARY KEY", t)
    t = re.sub(r"(?i)INT\s+PRIMARY\s+KEY\s+AUTO_INCREMENT", "SERIAL PRIMARY KEY", t)
    t = re.sub(r"(?i)\bBIT\s+DEFAULT\s+0", "SMALLINT DEFAULT 0", t)
    t = t.replace("INSERT INTO agent_pick (match_id, player_id, agent_name)",
                  "INSERT INTO agent_pick (match_id, player_id, agent_id)")
    ddl, rows = t.split("INSERT INTO team(", 1)
    ddl = re.sub(r"(?i),\s*(CONSTRAINT\s+)?FOREIGN\s+KEY\s*\([^)]*\)\s*REFERENCES\s+\w+\s*\([^)]*\)", "", ddl)
    ddl = re.sub(r"mvp_player_id\s+INT\b", "mvp_player_id TEXT", ddl)
    ddl = re.sub(r"agent_id\s+INT\s+NOT\s+NULL", "agent_id TEXT", ddl)
    srv.psql(db, file_text="BEGIN;\n" + ddl + "\nCOMMIT;\n")
    srv.psql(db, file_text="BEGIN;\nINSERT INTO team(" + rows
             + "\nUPDATE maps SET map_name = left(map_name, -1) WHERE map_name LIKE '%1';"
             + "\nUPDATE agents SET agent_name = left(agent_name, -1) WHERE agent_name LIKE '%1';\nCOMMIT;\n")
    srv.psql(db, r"""UPDATE matches m SET mvp_player_id = p.player_id::text FROM player p
        WHERE m.mvp_player_id !~ '^\d+$' AND p.player_ign = m.mvp_player_id
          AND (SELECT count(*) FROM player q WHERE q.player_ign = p.player_ign) = 1""")
    left = srv.psql(db, r"SELECT string_agg(DISTINCT mvp_player_id, ', ') FROM matches WHERE mvp_player_id !~ '^\d+$'").strip()
    if left:
        print(f"  {db}: MVP names with no single player, left empty: {left}")
    srv.psql(db, r"UPDATE matches SET mvp_player_id = NULL WHERE mvp_player_id !~ '^\d+$'")
    srv.psql(db, "ALTER TABLE matches ALTER mvp_player_id TYPE integer USING mvp_player_id::integer")
    left = srv.psql(db, r"SELECT string_agg(agent_id, ', ') FROM agent_pick WHERE agent_id !~ '^\d+$'").strip()
    if left:
        print(f"  {db}: agent picks with a name for an agent id, left empty: {left}")
    srv.psql(db, r"UPDATE agent_pick SET agent_id = NULL WHERE agent_id !~ '^\d+$'")
    srv.psql(db, "ALTER TABLE agent_pick ALTER agent_id TYPE integer USING agent_id::integer")
    add_keys(srv, db, [], [
        ("player", "team_id", "team", "team_id"), ("team_history", "player_id", "player", "player_id"),
        ("team_history", "team_id", "team", "team_id"),
        ("tournament_location", "tournament_id", "tournament", "tournament_id"),
        ("matches", "tournament_id", "tournament", "tournament_id"), ("matches", "team1_id", "team", "team_id"),
        ("matches", "team2_id", "team", "team_id"), ("matches", "map_winner_team_id", "team", "team_id"),
        ("matches", "map_played", "maps", "map_id"), ("matches", "mvp_player_id", "player", "player_id"),
        ("agent_pick", "match_id", "matches", "match_id"), ("agent_pick", "player_id", "player", "player_id"),
        ("agent_pick", "agent_id", "agents", "agent_id"), ("player_stats", "player_id", "player", "player_id"),
        ("player_stats", "match_id", "matches", "match_id"), ("team_placement", "team_id", "team", "team_id"),
        ("team_placement", "tournament_id", "tournament", "tournament_id"),
        ("customer", "tournament_id", "tournament", "tournament_id"),
        ("sales_transaction", "product_id", "product", "product_id"),
        ("sales_transaction", "customer_id", "customer", "customer_id")])
    for tb in ("team", "player", "team_history", "tournament", "tournament_location", "team_placement", "maps",
               "matches", "agents", "agent_pick", "player_stats", "customer", "product", "sales_transaction"):
        print(f"  {db}.{tb}: {srv.psql(db, f'SELECT count(*) FROM {tb}').strip()} rows")


def load_lexington_inspections(srv, db, files):
    """Lexington-Fayette County (Kentucky) Health Department restaurant
    inspections, August 2015 - July 2016, in Yelp's LIVES format as
    OpenLexington published them for Yelp (public government data about
    businesses; no licence stated): businesses (1446: business_id, name,
    address, city, state), inspections (3300: business_id, score 0-100,
    date) and violations (5380: business_id, date, code, description). The
    published M/D/YY dates are read as dates. No inspection id: a violation
    belongs to the inspection of its business on its date, and 331
    business-days hold two inspections with different scores, so
    inspections have no primary key. Keys: businesses(business_id);
    inspections and violations -> businesses."""
    def mdy(header, r):
        return [(f"20{v.split('/')[2]}-{int(v.split('/')[0]):02d}-{int(v.split('/')[1]):02d}"
                 if h == "date" and v else v) for h, v in zip(header, r)]
    for tb, text in zip(("businesses", "inspections", "violations"), files):
        n = load_csv_table(srv, db, tb, text, convert=mdy)
        print(f"  {db}.{tb}: {n} rows")
    add_keys(srv, db, [("businesses", ["business_id"])],
             [("inspections", "business_id", "businesses", "business_id"),
              ("violations", "business_id", "businesses", "business_id")])


def load_solar_plants(srv, db, files):
    """Two solar power plants in India over 34 days (15 May - 17 June 2020;
    the public Kaggle "Solar Power Generation Data" as a PV-modelling
    project keeps it; the repository states no licence): generation (68778
    15-minute readings of plant 4135001's 22 inverters: date_time,
    plant_id, dc_power, ac_power, daily_yield, total_yield; this copy drops
    the published inverter column SOURCE_KEY, so the inverters cannot be
    told apart) and weather (the 15-minute weather-sensor readings of both
    plants, 4135001 and 4136001: ambient and module temperature,
    irradiation; source_key, the sensor, is held for the second plant only).
    Plant 2's generation file is over the snapshot's size limit and is not
    loaded. Published dates 'DD-MM-YYYY HH:MM' are read as timestamps;
    column names lower-cased. No keys: a timestamp holds 22 generation rows."""
    def dmy(header, r):
        return [(f"{v[6:10]}-{v[3:5]}-{v[0:2]}{v[10:]}" if v and re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", v) else v)
                for v in r]
    gen = files[0].replace("\r\n", "\n")
    gen = gen.split("\n", 1)[0].lower() + "\n" + gen.split("\n", 1)[1]
    n = load_csv_table(srv, db, "generation", gen, convert=dmy)
    print(f"  {db}.generation: {n} rows")
    w1 = list(csv.reader(io.StringIO(files[1])))
    w2 = list(csv.reader(io.StringIO(files[2])))
    h1 = [h.lower() for h in w1[0]]
    h2 = [h.lower() for h in w2[0]]
    out = io.StringIO()
    wr = csv.writer(out, lineterminator="\n")
    wr.writerow(h2)
    for r in w1[1:]:
        if r:
            d = dict(zip(h1, r))
            wr.writerow([d.get(h, "") for h in h2])
    for r in w2[1:]:
        if r:
            wr.writerow(r)
    n = load_csv_table(srv, db, "weather", out.getvalue(), convert=dmy)
    print(f"  {db}.weather: {n} rows")


LOADERS.update(valorant_vct=load_valorant_vct, lexington_inspections=load_lexington_inspections,
               solar_plants=load_solar_plants)
DATASETS.update({
    "bay_bikeshare": ("turingschool/bike-share", "2d7caf67e97b50cb9fd28a23400644b1d390da85",
                      ["db/csv/station.csv", "db/fixtures/ran_trip_fixture.csv", "db/csv/weather.csv"]),
    "school_meals": ("FNUAreena/fall-2025-group9", "de73915320814b757fe96ce45061950b71be2c5f",
                     ["cookbooks/Data/cleaned/schools_clean.csv", "cookbooks/Data/cleaned/fact_meal_day_clean.csv"]),
    "iclr_reviews": ("Seafoodair/Openreview", "955e0b8f903a49e2167bbc417fd2f5a0a6e1b5a0",
                     ["data/ICLR data/tp_2017conference.xlsx"]),
})


def us_dates(header, row):
    """M/D/YYYY and M/D/YYYY H:MM cells as ISO dates and timestamps."""
    out = []
    for v in row:
        m = v and re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d\d))?", v)
        if m:
            v = f"{m[3]}-{int(m[1]):02d}-{int(m[2]):02d}" + (f" {int(m[4]):02d}:{m[5]}" if m[4] else "")
        out.append(v)
    return out


def load_bay_bikeshare(srv, db, files):
    """Bay Area Bike Share (the operator's public open data of August 2013 –
    August 2015, as Turing School's "bike-share" Ruby project keeps it; a
    student fork's commit): station (70 stations in five cities, dock
    count, installation date), trip (6699 trips, a random sample of the
    published ~670,000 that the project kept as a fixture: duration in
    seconds, start and end time and station — the station's name repeated
    on the trip —, bike_id as a bare number, subscription_type Subscriber /
    Customer, the rider's zip code as text) and weather (one row per day
    and zip code of the five cities: temperatures in °F, precipitation in
    inches, events such as Rain / Fog). Dates M/D/YYYY [H:MM] become ISO
    dates and timestamps; a precipitation of "T" (trace) becomes NULL so the
    column is numeric. Keys: station.id, trip.id, weather (date, zip_code);
    trip's station ids -> station."""
    def trace(header, row):
        row = us_dates(header, row)
        i = header.index("precipitation_inches")
        row[i] = None if row[i] == "T" else row[i]
        return row
    for name, text, conv in zip(("station", "trip", "weather"), files, (us_dates, us_dates, trace)):
        n = load_csv_table(srv, db, name, text, convert=conv)
        print(f"  {db}.{name}: {n} rows")
    add_keys(srv, db, [("station", ["id"]), ("trip", ["id"]), ("weather", ["date", "zip_code"])],
             [("trip", "start_station_id", "station", "id"), ("trip", "end_station_id", "station", "id")])


def load_school_meals(srv, db, files):
    """Fairfax County Public Schools' (Virginia) school-cafeteria production
    records, cleaned by a university capstone team (GWU data-science
    group 9, fall 2025; the repository states no licence): schools (190
    schools with their code, lower-case short name, region, level ES / MS /
    HS ..., distribution kitchen, FNS area, CEP 0/1) and fact_meal_day (one
    row per school, school day and meal — Breakfast / Lunch — with served,
    offered, planned, discarded and leftover counts, production and
    discarded cost, and the team's derived columns: school name and
    attributes repeated, cost per meal, waste rate, year / month / week /
    day). Loaded as published (the team's float tails kept). Keys:
    schools.school_code; fact_meal_day (school_code, date, meal) ->
    schools."""
    names = ("schools", "fact_meal_day")
    for name, text in zip(names, files):
        if name == "schools":
            head, _, rest = text.partition("\n")
            text = head.lower() + "\n" + rest
        n = load_csv_table(srv, db, name, text)
        print(f"  {db}.{name}: {n} rows")
    add_keys(srv, db, [("schools", ["school_code"]), ("fact_meal_day", ["school_code", "date", "meal"])],
             [("fact_meal_day", "school_code", "schools", "school_code")])


def load_iclr_reviews(srv, db, files):
    """ICLR 2017's submissions and reviews as OpenReview showed them (a
    peer-review study's scrape, one spreadsheet row per review; the
    repository states no licence, OpenReview publishes the reviews openly):
    split here into papers (489: an id in order of first appearance, title
    without " | OpenReview", submission date, abstract, decision Accept
    (Oral) / Accept (Poster) / Invite to Workshop Track / Reject),
    paper_keywords (the author keywords, one row each), paper_domains (the
    conflict-of-interest web domains OpenReview listed for the authors,
    e.g. google.com, berkeley.edu — no author names) and reviews (1495: the
    1-10 rating and the 1-5 confidence as numbers with their labels, the
    first date shown on the review, the review's length in characters).
    Reviewers are anonymous: no reviewer column. Dates given as Excel
    serial numbers are converted."""
    import datetime
    rows = xlsx_rows(files[0])[1:]
    def first_date(v):
        v = (v or "").strip()
        if re.fullmatch(r"\d{5}", v):
            return (datetime.date(1899, 12, 30) + datetime.timedelta(days=int(v))).isoformat()
        m = re.match(r"(\d{1,2}) (\w{3}) (\d{4})", v)
        return datetime.datetime.strptime(m.group(0), "%d %b %Y").date().isoformat() if m else None
    def after(v, tag):
        v = v or ""
        return v.split("###", 1)[1].strip() if v.startswith(tag + ":###") else (v.strip() or None)
    papers, kw, dom, reviews, ids = [], [], [], [], {}
    for r in rows:
        title = re.sub(r"\s*\|\s*OpenReview$", "", r["A"].strip())
        if title not in ids:
            pid = ids[title] = len(ids) + 1
            papers.append([pid, title, first_date(r.get("B")), after(r.get("C"), "Abstract"),
                           after(r.get("H"), "Decision")])
            for k in (after(r.get("D"), "Keywords") or "").split(","):
                if k.strip():
                    kw.append([pid, k.strip()])
            for d in (after(r.get("E"), "Conflicts") or "").split(","):
                if d.strip():
                    dom.append([pid, d.strip()])
        rating, confidence = after(r.get("M"), "Rating"), after(r.get("L"), "Confidence")
        reviews.append([len(reviews) + 1, ids[title], int(rating.split(":")[0]), rating.split(":", 1)[1].strip(),
                        int(confidence.split(":")[0]), confidence.split(":", 1)[1].strip(),
                        first_date(r.get("K")), r.get("T")])
    def text(header, body):
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        w.writerows([["" if v is None else v for v in b] for b in body])
        return out.getvalue()
    tables = [("papers", ["paper_id", "title", "submitted_on", "abstract", "decision"], papers),
              ("paper_keywords", ["paper_id", "keyword"], kw),
              ("paper_domains", ["paper_id", "domain"], dom),
              ("reviews", ["review_id", "paper_id", "rating", "rating_label", "confidence", "confidence_label",
                           "review_date", "review_length"], reviews)]
    for name, header, body in tables:
        n = load_csv_table(srv, db, name, text(header, body))
        print(f"  {db}.{name}: {n} rows")
    add_keys(srv, db, [("papers", ["paper_id"]), ("reviews", ["review_id"])],
             [("paper_keywords", "paper_id", "papers", "paper_id"), ("paper_domains", "paper_id", "papers", "paper_id"),
              ("reviews", "paper_id", "papers", "paper_id")])


LOADERS.update(bay_bikeshare=load_bay_bikeshare, school_meals=load_school_meals, iclr_reviews=load_iclr_reviews)
DATASETS.update({
    "shelter_outcomes": ("Jeffrey-ca/cs340-portfolio-item", "7348a7275a290ba4aca21586956e7a85a60893f1",
                         ["aac_shelter_outcomes.csv"]),
    "wine_ratings": ("jtsou/SQL-with-Wine", "ada8126961903a24fc8c9b684c6889c285a15d08",
                     ["wine.csv", "grapes.csv", "appellations.csv"]),
    "gym_classes": ("nadiariosliza/GymManagementSystem", "738699b41678de9ce7cb4960978b8011bcd2bf19",
                    ["sql_scripts/01_schema_creation.sql"]
                    + [f"sql_scripts/02_dml_queries/{f}.sql" for f in (
                        "1_Members", "2_Memberships", "3_Payment", "4_Attendance", "5_Trainers", "6_Rooms",
                        "7_SpecialClasses", "8_SpecialClassBookings", "9_WorkoutPlans", "10_MemberWorkoutPlans",
                        "11_Equipment", "12_Staff", "13_Maintenance")]),
})


def load_shelter_outcomes(srv, db, files):
    """The Austin Animal Center's outcomes (City of Austin open data), as a
    database course (SNHU CS-340) hands out 10,000 of them: one flat table,
    one row per outcome (adoption, transfer, return to owner, euthanasia,
    died, ...), animal_id a text code ('A746874') that can repeat, name
    empty for many. The unnamed index column and the ten empty trailing
    columns are dropped. date_of_birth (M/D/YYYY) is read as a date and
    datetime (M/D/YYYY H:MM) as a timestamp; monthyear (the same instant
    as ISO text with a 'T') as a timestamp too. Key: none (no column is
    unique); the table is named outcomes."""
    def mdy(v, with_time):
        if v is None:
            return None
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d\d))?", v)
        if not m:
            return v
        mo, d, y, hh, mi = m.groups()
        out = f"{y}-{int(mo):02d}-{int(d):02d}"
        return out + (f" {int(hh):02d}:{mi}" if with_time and hh is not None else "")

    def convert(header, r):
        r = list(r)
        for i, h in enumerate(header):
            if h == "date_of_birth":
                r[i] = mdy(r[i], False)
            elif h == "datetime":
                r[i] = mdy(r[i], True)
            elif h == "monthyear" and r[i]:
                r[i] = r[i].replace("T", " ")
        return r
    n = load_csv_table(srv, db, "outcomes", files[0], convert=convert)
    print(f"  {db}.outcomes: {n} rows")


def load_wine_ratings(srv, db, files):
    """Wine Spectator-style ratings of 500 California and other US wines
    (the "wine" sample that Spider's wine_1 also holds, as three CSV files;
    no licence stated): wine (a running number No, Grape, Winery,
    Appelation as spelt, State, Name, Year, Price, Score, Cases, Drink —
    'now' or a year, so text), grapes (20, with a Color) and appellations
    (57: County, State, Area, isAVA Yes / No). Text values are wrapped in
    single quotes in the files: the quotes are stripped; the one "Cases"
    written NULL is NULL, so "Cases" is an integer. Headers kept, so
    the column names are capitalised and need quoting ("Grape", "Score").
    Keys: wine "No", grapes "ID", appellations "No"; wine."Grape" ->
    grapes."Grape" and wine."Appelation" -> appellations."Appelation"."""
    def unquote(header, r):
        r = [v[1:-1] if v is not None and len(v) >= 2 and v[0] == "'" and v[-1] == "'" else v for v in r]
        return [None if v == "NULL" else v for v in r]  # one "Cases" is the word NULL
    for t, text in zip(("wine", "grapes", "appellations"), files):
        n = load_csv_table(srv, db, t, text, convert=unquote)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, 'ALTER TABLE grapes ADD UNIQUE ("Grape")')
    srv.psql(db, 'ALTER TABLE appellations ADD UNIQUE ("Appelation")')
    add_keys(srv, db, [("wine", ["No"]), ("grapes", ["ID"]), ("appellations", ["No"])],
             [("wine", "Grape", "grapes", "Grape"), ("wine", "Appelation", "appellations", "Appelation")])


def load_gym_classes(srv, db, files):
    """A gym management system (a data-analytics master's project, MySQL,
    2025; generated rows; no licence stated): members, memberships (plans),
    payments, attendance, trainers, rooms, special classes and their
    bookings, workout plans and members' plans with ratings, equipment,
    staff and maintenance. MySQL read as PostgreSQL: CREATE DATABASE / USE
    dropped, INT AUTO_INCREMENT PRIMARY KEY as serial, ENUM(...) as
    varchar(30), DATETIME as timestamp, the rooms' ALTER ... MODIFY COLUMN
    as ALTER ... TYPE. Unquoted CamelCase names fold to lower case
    (SpecialClassBookings -> specialclassbookings). members.registrationdate
    is not in the inserts: it takes the time of loading. The made-up
    members', trainers' and staff's phone numbers, e-mails and street
    addresses are dropped after loading (they look like private persons'
    contact details); names are kept."""
    def my2pg(t):
        t = re.sub(r"(?im)^\s*(DROP\s+DATABASE|CREATE\s+DATABASE|USE)\b[^;]*;", "", t)
        t = re.sub(r"(?s)/\*.*?\*/", "", t)
        t = re.sub(r"(?i)\bINT\s+AUTO_INCREMENT\s+PRIMARY\s+KEY", "serial PRIMARY KEY", t)
        t = re.sub(r"(?i)\bENUM\s*\([^)]*\)", "varchar(30)", t)
        t = re.sub(r"(?i)\bDATETIME\b", "timestamp", t)
        t = re.sub(r"(?i)ALTER TABLE (\w+) MODIFY COLUMN (\w+) ", r"ALTER TABLE \1 ALTER COLUMN \2 TYPE ", t)
        return t
    srv.psql(db, file_text="BEGIN;\n" + "\n".join(my2pg(f) for f in files) + "\nCOMMIT;\n")
    srv.psql(db, "ALTER TABLE members DROP COLUMN phonenumber, DROP COLUMN email, DROP COLUMN address; "
             "ALTER TABLE trainers DROP COLUMN phonenumber, DROP COLUMN email; "
             "ALTER TABLE staff DROP COLUMN phone, DROP COLUMN email")
    for t in ("members", "memberships", "payments", "attendance", "trainers", "rooms", "specialclasses",
              "specialclassbookings", "workoutplans", "memberworkoutplans", "equipment", "staff", "maintenance"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


LOADERS.update(shelter_outcomes=load_shelter_outcomes, wine_ratings=load_wine_ratings, gym_classes=load_gym_classes)
DATASETS.update({
    "ecommerce_returns": ("simhadrisunil/E-Commerce-Returns-Analysis-Using-MySQL",
                          "9ad3674174718cbc1fbc6c4499c04818c369e38c",
                          ["customers.csv.csv", "products (1).csv", "orders (1).csv", "returns (1).csv",
                           "delivery.csv"]),
    "er_visits": ("pushpullleg/er-idle-time-analysis", "e545b9c84aaa73bb6f805ed968ab04c804872c4c",
                  [f"data/cleaned/{f}" for f in ("Hospital_facility_out.csv", "Hospital_patients_out.csv",
                                                  "Hospital_visits_out.csv", "Hospital_outcome_out.csv",
                                                  "Hospital_Staffing_out.csv")]),
    "ev_charging": ("oliviafjardine/EV-Charging-Patterns", "9568b897f678faa67b92c7713ef269f2c95adf07",
                    ["data/ev_charging_patterns.csv"]),
})


def snake_header(text, renames=None):
    """The CSV text with its header row rewritten in snake_case (units in
    brackets dropped unless renames gives the name)."""
    head, _, rest = text.partition("\n")
    cols = next(csv.reader([head]))
    out = []
    for c in cols:
        c = c.strip()
        if renames and c in renames:
            out.append(renames[c])
            continue
        c = re.sub(r"\([^)]*\)", "", c)
        out.append(re.sub(r"[^a-z0-9]+", "_", c.lower()).strip("_"))
    return ",".join(out) + "\n" + rest


def load_ecommerce_returns(srv, db, files):
    """An Indian online shop's orders and returns (a MySQL portfolio
    project's generated CSV files, 2024-2025; no licence stated): customers
    (100, made-up names, gender M / F, an age group, a city, signup date),
    products (12), orders (500, one product each, quantity and total),
    returns (60: date, reason, status) and delivery (one row per order:
    courier, status, delay in days). Headers lower-cased as the project's
    own CREATE TABLE folds in PostgreSQL (CustomerID -> customerid). Keys:
    customers.customerid, products.productid, orders.orderid,
    returns.returnid, delivery.orderid; orders -> customers, products;
    returns -> orders; delivery -> orders."""
    names = ("customers", "products", "orders", "returns", "delivery")
    for t, text in zip(names, files):
        head, _, rest = text.partition("\n")
        n = load_csv_table(srv, db, t, head.lower() + "\n" + rest)
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("customers", ["customerid"]), ("products", ["productid"]), ("orders", ["orderid"]),
                       ("returns", ["returnid"]), ("delivery", ["orderid"])],
             [("orders", "customerid", "customers", "customerid"), ("orders", "productid", "products", "productid"),
              ("returns", "orderid", "orders", "orderid"), ("delivery", "orderid", "orders", "orderid")])


def load_er_visits(srv, db, files):
    """Two emergency rooms of a made-up "Meridian City" (a datathon's
    generated data, first quarter of 2025, as a team's repository keeps it
    cleaned; no licence stated): hospitals (2, beds), patients (4500: age,
    gender, insurance, upper case), visits (15000: arrival, registration,
    triage and doctor times, exit, triage level critical / emergent /
    urgent / nonurgent, arrival_to_exit in minutes, the shift of arrival),
    outcomes (one per visit: disposition, satisfaction 1-5) and staffing
    (the east ER's nurses, doctors and specialists per day and shift).
    Headers in snake_case (Visit ID -> visit_id, Staff Date -> staff_date).
    Keys: hospitals.hospital_id, patients.patient_id, visits.visit_id,
    outcomes.visit_id, staffing (staff_date, shift); visits -> patients,
    hospitals; outcomes -> visits."""
    names = ("hospitals", "patients", "visits", "outcomes", "staffing")
    ren = {"Facility Size (Beds)": "total_beds"}
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, snake_header(text, ren))
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("hospitals", ["hospital_id"]), ("patients", ["patient_id"]), ("visits", ["visit_id"]),
                       ("outcomes", ["visit_id"]), ("staffing", ["staff_date", "shift"])],
             [("visits", "patient_id", "patients", "patient_id"),
              ("visits", "hospital_id", "hospitals", "hospital_id"),
              ("outcomes", "visit_id", "visits", "visit_id")])


def load_ev_charging(srv, db, files):
    """Electric-vehicle charging sessions (the Kaggle "Electric Vehicle
    Charging Patterns" set, 1320 generated sessions of 2024 in five US
    cities, as a web-app project keeps it; no licence stated): one flat
    table sessions. Headers in snake_case with units kept where they name
    the measure (Energy Consumed (kWh) -> energy_consumed_kwh, Charging
    Cost (USD) -> charging_cost_usd, State of Charge (Start %) ->
    soc_start_pct). Some energy, rate and distance values are empty
    (NULL). user_id ('User_1') is unique; station_id ('Station_391')
    repeats. The day_of_week column was generated apart from the start
    time and does not agree with it. Key: user_id."""
    ren = {"Battery Capacity (kWh)": "battery_capacity_kwh", "Energy Consumed (kWh)": "energy_consumed_kwh",
           "Charging Duration (hours)": "charging_duration_hours", "Charging Rate (kW)": "charging_rate_kw",
           "Charging Cost (USD)": "charging_cost_usd", "State of Charge (Start %)": "soc_start_pct",
           "State of Charge (End %)": "soc_end_pct", "Distance Driven (since last charge) (km)": "distance_driven_km",
           "Temperature (°C)": "temperature_c", "Vehicle Age (years)": "vehicle_age_years",
           "Charging Station ID": "station_id", "Charging Station Location": "station_location"}
    n = load_csv_table(srv, db, "sessions", snake_header(files[0], ren))
    print(f"  {db}.sessions: {n} rows")
    add_keys(srv, db, [("sessions", ["user_id"])], [])


LOADERS.update(ecommerce_returns=load_ecommerce_returns, er_visits=load_er_visits, ev_charging=load_ev_charging)


DATASETS.update({
    "call_center": ("volodiarybas/calls_stat", "b8bd329268aedf701986dc32248ba422cc4cf988",
                    ["ddl/agents.sql", "ddl/customers.sql", "ddl/calls.sql",
                     "data/agents.sql", "data/customers.sql", "data/calls.sql"]),
    "cary_permits": ("CodeForCary/Cary-Permits", "f81d69624b76b6a8f8bba5a94efb7856cd641526",
                     ["2015_permits.csv"]),
    "product_nps": ("hassanambi/Product_Analytics_Q1-", "853a86c956d267db03e7b456a4678d22d95cd358",
                    ["users.csv", "subscriptions.csv", "events.csv", "nps_responses.csv"]),
})


def load_call_center(srv, db, files):
    """A call centre demo (a personal repository's PostgreSQL DDL and Faker
    rows, June 2025; no licence stated): agents (10, UUID keys
    '11111111-...', first and last name, is_active), customers (100) and
    calls (1000: call_time in May-June 2025, duration_seconds, agent_id,
    customer_id, direction inbound / outbound, status completed / missed /
    cancelled / failed, call_type, a Faker sentence as notes, a made-up
    recording_url). The DDL runs as published (customers before calls, whose
    foreign keys it names). The agents' created_at / updated_at are
    CURRENT_TIMESTAMP in the inserts (the time of loading): dropped. The
    made-up phone numbers and e-mails of agents and customers are dropped
    (they look like private persons' contact details); names are kept."""
    srv.psql(db, file_text="BEGIN;\n" + "\n".join(f.rstrip().rstrip(";") + ";" for f in files) + "\nCOMMIT;\n")
    srv.psql(db, "ALTER TABLE agents DROP COLUMN email, DROP COLUMN phone_number, "
             "DROP COLUMN created_at, DROP COLUMN updated_at; "
             "ALTER TABLE customers DROP COLUMN email, DROP COLUMN phone_number")
    for t in ("agents", "customers", "calls"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_cary_permits(srv, db, files):
    """Building permits of the Town of Cary, North Carolina, for the permit
    year 2015 (applications from July 2014 to March 2015), as Code for Cary
    scraped them from the town's public permit site: one row per permit
    (permit_number 1-5890, application_number '15 - 1', address,
    application_date, application_type — 65 kinds such as 'HVAC CHANGE
    OUT RESIDENTIAL' —, valuation, square_footage, application_status —
    'CERTICATE OF COMPLIANCE' misspelt as published —, general_contractor,
    zoning_description). application_date is ISO or MM/DD/YY in the file:
    all read as dates. valuation ('$11,500.00', '$0') and square_footage
    ('2,401') read as numbers.
    The owner and tenant_name columns (names of private home owners next
    to their street address) and the always-zero tenant_unit_number are
    dropped; the year column (always 2015) is kept. Key: permit_number;
    the table is named permits."""
    def convert(header, r):
        r = list(r)
        for i, h in enumerate(header):
            v = r[i]
            if v is None:
                continue
            if h == "application_date":
                m = re.fullmatch(r"(\d\d)/(\d\d)/(\d\d)", v)
                if m:
                    r[i] = f"20{m.group(3)}-{m.group(1)}-{m.group(2)}"
            elif h == "valuation":
                r[i] = v.replace("$", "").replace(",", "")
            elif h == "square_footage":
                r[i] = v.replace(",", "")
        return r
    n = load_csv_table(srv, db, "permits", files[0], convert=convert)
    srv.psql(db, "ALTER TABLE permits DROP COLUMN owner, DROP COLUMN tenant_name, DROP COLUMN tenant_unit_number")
    add_keys(srv, db, [("permits", ["permit_number"])], [])
    print(f"  {db}.permits: {n} rows")


def load_product_nps(srv, db, files):
    """A made-up SaaS product's first quarter of 2024 (a product-analytics
    practice set's four CSV files; the repository states no licence):
    users (200, text keys 'U1000', signup_date, plan Free / Pro /
    Enterprise, acquisition_channel, country), subscriptions (50, 'S2000',
    user, plan, mrr, start_date), events (3000, 'E5000', user, timestamp,
    event_name) and nps_responses (100, 'R3000', user, score 0-10, a
    canned comment, response_date). Loaded as published. Keys: the four
    ids; subscriptions, events and nps_responses -> users."""
    names = ("users", "subscriptions", "events", "nps_responses")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("users", ["user_id"]), ("subscriptions", ["subscription_id"]),
                       ("events", ["event_id"]), ("nps_responses", ["response_id"])],
             [("subscriptions", "user_id", "users", "user_id"), ("events", "user_id", "users", "user_id"),
              ("nps_responses", "user_id", "users", "user_id")])


LOADERS.update(call_center=load_call_center, cary_permits=load_cary_permits, product_nps=load_product_nps)


# Batch 62: three more, one per domain given to it (air quality readings,
# football transfers, pharmacy prescriptions), from repositories not used before.
_TM_LEAGUES = ("premier-league", "laliga", "serie-a", "1-bundesliga", "ligue-1")
DATASETS.update({
    "india_air_quality": ("harikrish242/ICT_Main_Project", "3278322b9af791cf1232412dbc4208c4aa93297e",
                          ["stations.csv", "station_day.csv"]),
    "football_transfers": ("emordonez/transfermarkt-transfers", "147c7b025958f7bb6796a32e95b0867dd2681820",
                           [f"data/{y}/{l}.csv" for y in (2018, 2019, 2020) for l in _TM_LEAGUES]),
    "rx_prescriptions": ("Sahanap1708/Digital-Prescription-Analytics", "9b586be8ea7f3cdbb148bff51a632e4164553083",
                         [f"data/{t}_1000.csv" for t in ("patients", "doctors", "medicines", "prescriptions")]),
})


def load_india_air_quality(srv, db, files):
    """India's Central Pollution Control Board daily readings as the Kaggle
    "Air Quality Data in India (2015 - 2020)" set publishes them, in the
    copy an air-quality-index student project committed (no licence
    stated): stations (230: StationId text key such as 'DL002',
    StationName, City, State, Status 'Active' or empty) and station_day
    (14,732 station-days of March 2015 - July 2020, every one with an AQI, for 63 stations in 23 cities: PM2.5, PM10, NO,
    NO2, NOx, NH3, CO, SO2, O3, Benzene, Toluene, Xylene, AQI and
    AQI_Bucket Good / Satisfactory / Moderate / Poor / Very Poor / Severe;
    many readings empty). Headers kept as published, so the column names
    are capitalised and need quoting ("StationId", "PM2.5", "AQI"). The
    stations file's byte-order mark is dropped; the dates (DD-MM-YYYY)
    are read as ISO dates. Keys: stations "StationId", station_day
    ("StationId", "Date"), after the file's 131 exact repeated lines are
    kept once; station_day -> stations."""
    def dmy(header, r):
        return [f"{v[6:10]}-{v[3:5]}-{v[0:2]}" if h == "Date" and v and re.fullmatch(r"\d\d-\d\d-\d{4}", v) else v
                for h, v in zip(header, r)]
    n = load_csv_table(srv, db, "stations", files[0].lstrip("\ufeff"))
    print(f"  {db}.stations: {n} rows")
    seen = set()  # 131 lines of the file are exact repeats of an earlier line: kept once
    text = "".join(l for l in files[1].lstrip("\ufeff").splitlines(True) if not (l in seen or seen.add(l)))
    n = load_csv_table(srv, db, "station_day", text, convert=dmy)
    print(f"  {db}.station_day: {n} rows")
    add_keys(srv, db, [("stations", ["StationId"]), ("station_day", ["StationId", "Date"])],
             [("station_day", "StationId", "stations", "StationId")])


def load_football_transfers(srv, db, files):
    """Transfermarkt's transfers of the top five European leagues (Premier
    League, LaLiga, Serie A, Bundesliga, Ligue 1) for the seasons 2018/19
    to 2020/21, as a scraping project publishes them (MIT licence): one
    flat table, one row per club and player movement in or out, as
    Transfermarkt lists them per club — a move between two clubs of these
    leagues appears twice, once for each club. Columns as published (club,
    name, age, nationality, position, short_pos, market_value,
    dealing_club, dealing_country, fee in euros, movement in / out, window
    summer / winter, league, season the first year, is_loan, loan_status);
    the fifteen files (a league and season each) are one table with a
    running transfer_id added. Fees and market values written '5000000.0'
    are read as whole numbers (a few with float tails, '1399999.9999999998',
    rounded to the euro); is_loan as a boolean. The column "window" is a
    reserved word and needs quoting. Empty fee: unknown or
    not applicable (0 is a known free transfer or loan)."""
    header = None
    body = []
    for text in files:
        rows = list(csv.reader(io.StringIO(text)))
        if not rows:
            continue
        header = rows[0]
        body += [r for r in rows[1:] if r]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["transfer_id"] + header)
    for i, r in enumerate(body, 1):
        r = [str(round(float(v))) if h in ("market_value", "fee", "age") and v else v
             for h, v in zip(header, r)]
        w.writerow([str(i)] + r)
    n = load_csv_table(srv, db, "transfers", out.getvalue())
    srv.psql(db, "ALTER TABLE transfers ALTER COLUMN is_loan TYPE boolean USING is_loan::boolean")
    add_keys(srv, db, [("transfers", ["transfer_id"])], [])
    print(f"  {db}.transfers: {n} rows")


def load_rx_prescriptions(srv, db, files):
    """A digital-prescription ETL exercise's four generated CSV files
    (1,000 rows each; no licence stated): patients ('P0001', placeholder
    names 'Patient_1', gender M / F or empty, age or empty), doctors
    ('D0001', 'Doctor_1', five specializations, five Indian hospital
    chains), medicines ('M0001', 'Medicine_1', five categories) and
    prescriptions ('PR0001' -> patient, doctor, medicine; dosage 250mg /
    500mg / 650mg or empty, frequency Once / Twice / Thrice a day or
    empty, prescribed_date in 2024). Loaded as published, dirty values
    and all (the project's cleaning is not applied); ages written '47.0'
    are read as integers. The patients' contact_no (ten-digit numbers
    that look like mobile phone numbers) is not loaded. Keys on the ids;
    prescriptions -> patients, doctors and medicines (all hold)."""
    def ages(header, r):
        return [re.sub(r"^(\d+)\.0$", r"\1", v) if h == "age" and v else v for h, v in zip(header, r)]
    names = ("patients", "doctors", "medicines", "prescriptions")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text, convert=ages)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, "ALTER TABLE patients DROP COLUMN contact_no")
    add_keys(srv, db, [("patients", ["patient_id"]), ("doctors", ["doctor_id"]), ("medicines", ["medicine_id"]),
                       ("prescriptions", ["prescription_id"])],
             [("prescriptions", "patient_id", "patients", "patient_id"),
              ("prescriptions", "doctor_id", "doctors", "doctor_id"),
              ("prescriptions", "medicine_id", "medicines", "medicine_id")])


LOADERS.update(india_air_quality=load_india_air_quality, football_transfers=load_football_transfers,
               rx_prescriptions=load_rx_prescriptions)


# Batch 64: three more, one per domain given to it (public library loans and
# holds, food donations and their recipients, train punctuality), from
# repositories not used before.
DATASETS.update({
    "libraries_west": ("LibrariesWest/opendata", "2a4f858a49eea84a7f7d5b09f2a6f2a8bb9def22",
                       ["membership/members_summary.csv", "catalogue/items_summary.csv",
                        "usage/issues_summary.csv", "usage/reservations_summary.csv", "movement/transits.csv"]),
    "food_donations": ("Ajaykrishnan11/food-waste-management-dashboard", "04a9bf173238a91ba80a9a06fac82de4c02bb9b6",
                       ["providers_data.csv", "receivers_data.csv", "food_listings_data.csv", "claims_data.csv"]),
    "tgv_punctuality": ("Gallien-e/analyse-retard-sncf", "9caaabecf58d80796a0c005292dfc50ba853c334",
                        ["data/1-raw/regularite-TGV/regularite-mensuelle-tgv-aqst.csv"]),
})


def load_libraries_west(srv, db, files):
    """Libraries West, the consortium of seven public library services of
    south-west England (Bath and North East Somerset, Bristol, Dorset,
    North Somerset, Poole, Somerset, South Gloucestershire), from its open
    data repository (Open Government Licence): libraries (134 branches and
    mobile libraries with their registered users), items (stock per
    authority and item type with lifetime issues and renewals), issues
    (loans per month, authority and item type, July 2019 - June 2021),
    reservations (holds per month placed, owning and pick-up authority,
    with the average days taken to fill them) and transits (37,615 item
    movements between libraries, December 2017 - April 2020). Columns as
    published; months stay text 'YYYY-MM'. A table authorities (the seven
    names) is added so that every authority column has a key to point to.
    Keys: authorities.authority, libraries.name, items (authority,
    item_type), issues (month_issued, authority, item_type), reservations
    (month_placed, item_authority, pickup_authority), transits.transit_id
    (a running number added)."""
    names = ("libraries", "items", "issues", "reservations")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    head, _, rest = files[4].partition("\n")
    text = "transit_id," + head + "\n" + "".join(f"{i},{l}\n" for i, l in enumerate(rest.splitlines(), 1) if l)
    n = load_csv_table(srv, db, "transits", text)
    print(f"  {db}.transits: {n} rows")
    srv.psql(db, "CREATE TABLE authorities (authority text PRIMARY KEY); "
             "INSERT INTO authorities SELECT DISTINCT registered_authority FROM libraries")
    add_keys(srv, db, [("libraries", ["name"]), ("items", ["authority", "item_type"]),
                       ("issues", ["month_issued", "authority", "item_type"]),
                       ("reservations", ["month_placed", "item_authority", "pickup_authority"]),
                       ("transits", ["transit_id"])],
             [("libraries", "registered_authority", "authorities", "authority"),
              ("items", "authority", "authorities", "authority"),
              ("issues", "authority", "authorities", "authority"),
              ("reservations", "item_authority", "authorities", "authority"),
              ("reservations", "pickup_authority", "authorities", "authority"),
              ("transits", "from_authority", "authorities", "authority"),
              ("transits", "to_authority", "authorities", "authority")])


def load_food_donations(srv, db, files):
    """Surplus food donated by providers and claimed by receivers (the
    generated "Local Food Wastage Management" set of four CSV files, 1,000
    rows each, as a Streamlit dashboard project keeps it; no licence
    stated): providers (Faker company names, type Restaurant / Grocery
    Store / Supermarket / Catering Service, city), receivers (Faker
    person names, type NGO / Community Center / Individual / Shelter, city),
    food_listings (food_name, quantity, expiry_date, -> provider,
    provider_type, location, food_type, meal_type) and claims (-> food
    listing, -> receiver, status Pending / Completed / Cancelled,
    claims_timestamp in March 2025). The providers' street address and
    contact and the receivers' contact (made-up phone numbers and
    addresses that look like private persons' details) are not loaded.
    Keys: the four ids; food_listings -> providers; claims ->
    food_listings, receivers."""
    names = ("providers", "receivers", "food_listings", "claims")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, "ALTER TABLE providers DROP COLUMN address, DROP COLUMN contact; "
             "ALTER TABLE receivers DROP COLUMN contact")
    add_keys(srv, db, [("providers", ["provider_id"]), ("receivers", ["receiver_id"]),
                       ("food_listings", ["food_id"]), ("claims", ["claim_id"])],
             [("food_listings", "provider_id", "providers", "provider_id"),
              ("claims", "food_id", "food_listings", "food_id"),
              ("claims", "receiver_id", "receivers", "receiver_id")])


TGV_COLUMNS = ("month", "service", "departure_station", "arrival_station", "avg_journey_minutes",
               "scheduled_trains", "cancelled_trains", None, "late_departures", "avg_delay_late_departures",
               "avg_delay_all_departures", None, "late_arrivals", "avg_delay_late_arrivals",
               "avg_delay_all_arrivals", None, "late_over_15_min", None, "late_over_30_min", "late_over_60_min",
               "pct_cause_external", "pct_cause_infrastructure", "pct_cause_traffic_management",
               "pct_cause_rolling_stock", "pct_cause_station_management", "pct_cause_passengers")


def load_tgv_punctuality(srv, db, files):
    """SNCF's monthly punctuality of TGV high-speed trains per route, as
    the French transport regulator (AQST) publishes it on data.sncf.com
    ("regularite-mensuelle-tgv-aqst", January 2018 - March 2025), in the
    copy a delay-analysis project committed (licence GPL-3.0): one row per
    month and route (departure and arrival station, 59 stations, service
    National / International): average journey time in minutes, trains
    scheduled, cancelled, late at departure and at arrival, average delays
    in minutes (of the late trains and of all trains), trains more than
    15, 30 and 60 minutes late, and the shares (percent) of delay causes.
    French headers given English names; the three comment columns and the
    average delay of trains over 15 minutes late are not loaded. Made
    relational: stations (station_id, name as published, upper case),
    routes (route_id, departure_station_id and arrival_station_id ->
    stations, service) and monthly_stats (route_id, month as the first
    day of the month, the measures). Keys: stations.station_id,
    routes.route_id, monthly_stats (route_id, month)."""
    rows = list(csv.reader(io.StringIO(files[0].lstrip("\ufeff")), delimiter=";"))[1:]
    rows = [{c: v for c, v in zip(TGV_COLUMNS, r) if c} for r in rows if r]
    stations = sorted({r["departure_station"] for r in rows} | {r["arrival_station"] for r in rows})
    sid = {s: i for i, s in enumerate(stations, 1)}
    routes = {}
    for r in sorted(rows, key=lambda r: (r["departure_station"], r["arrival_station"])):
        routes.setdefault((r["departure_station"], r["arrival_station"]), r["service"])
    rid = {k: i for i, k in enumerate(routes, 1)}

    def table(header, body):
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
        return out.getvalue()
    n = load_csv_table(srv, db, "stations", table(["station_id", "name"], [[sid[s], s] for s in stations]))
    print(f"  {db}.stations: {n} rows")
    n = load_csv_table(srv, db, "routes", table(["route_id", "departure_station_id", "arrival_station_id", "service"],
                                                [[i, sid[d], sid[a], routes[(d, a)]] for (d, a), i in rid.items()]))
    print(f"  {db}.routes: {n} rows")
    measures = [c for c in TGV_COLUMNS[4:] if c]
    n = load_csv_table(srv, db, "monthly_stats", table(
        ["route_id", "month"] + measures,
        [[rid[(r["departure_station"], r["arrival_station"])], r["month"] + "-01"] + [r[c] for c in measures]
         for r in rows]))
    print(f"  {db}.monthly_stats: {n} rows")
    add_keys(srv, db, [("stations", ["station_id"]), ("routes", ["route_id"]), ("monthly_stats", ["route_id", "month"])],
             [("routes", "departure_station_id", "stations", "station_id"),
              ("routes", "arrival_station_id", "stations", "station_id"),
              ("monthly_stats", "route_id", "routes", "route_id")])


LOADERS.update(libraries_west=load_libraries_west, food_donations=load_food_donations,
               tgv_punctuality=load_tgv_punctuality)
# Batch 65: three more, one per domain given to it (a hotel's room bookings,
# race results, app-store apps), from repositories not used before.
DATASETS.update({
    "bnb_inn": ("nathanmanesh/CSC365", "40aee1f8e6138632215da0f3be4bc1b12b07110f",
                ["INN/INN-setup.sql", "INN/INN-build-ROOMS.sql", "INN/INN-build-RESERVATIONS.sql"]),
    "road_race": ("nathanmanesh/CSC365", "40aee1f8e6138632215da0f3be4bc1b12b07110f",
                  ["MARATHON/MARATHON-setup.sql", "MARATHON/MARATHON-build-MARATHON.sql"]),
    "play_store": ("wyfok/Google_Play_Store_Apps", "8ae87c803afb71b2a5fedd0528ba05139f83a4f1",
                   ["googleplaystore.csv"]),
})


def mysql_cpe365(text):
    """A Cal Poly CPE 365 build script in MySQL as PostgreSQL: strings in
    double quotes as single-quoted, STR_TO_DATE("01-JAN-10", "%d-%b-%y") and
    STR_TO_DATE("1:09:47", "%T") as dates and times, backticks as quotes,
    AUTO_INCREMENT dropped, DROP TABLE lines dropped."""
    text = re.sub(r'STR_TO_DATE\("([^"]*)", "%d-%b-%y"\)', r"to_date('\1', 'DD-MON-YY')", text)
    text = re.sub(r'STR_TO_DATE\("([^"]*)", "%T"\)', r"'\1'::time", text)
    text = re.sub(r'"((?:[^"\\]|\\.)*)"', lambda m: "'" + m.group(1).replace("'", "''") + "'", text)
    text = re.sub(r"`([^`]*)`", lambda m: '"' + m.group(1).lower() + '"', text)
    text = text.replace("AUTO_INCREMENT", "")
    return "\n".join(l for l in text.splitlines() if not re.match(r"\s*(--|DROP TABLE)", l, re.I))


def load_bnb_inn(srv, db, files):
    """A bed-and-breakfast inn's rooms and reservations (Cal Poly's CPE 365
    "INN" data set by Alex Dekhtyar, synthesized, 2010 stays, as a
    student's course repository keeps it as MySQL scripts; no licence
    stated): rooms (10: a three-letter code key 'RND', a made-up room name,
    beds, bed type, max occupancy, base price, decor) and reservations
    (600: a five-digit code, room, check-in and check-out dates, the
    nightly rate actually charged, guest last and first name in upper
    case, adults, kids). Unquoted names, so lower case. Keys as declared:
    rooms (roomid, roomname) with roomid unique, reservations.code;
    reservations.room -> rooms.roomid."""
    srv.psql(db, file_text="BEGIN;\n" + "\n".join(mysql_cpe365(f) for f in files) + "\nCOMMIT;\n")
    for t in ("rooms", "reservations"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_road_race(srv, db, files):
    """One road race's results (Cal Poly's CPE 365 "MARATHON" data set by
    Alex Dekhtyar, synthesized: a half marathon by its paces, most
    finishers from Rhode Island and Massachusetts, no date, as a student's
    course repository keeps it as MySQL scripts; no licence stated): one
    table marathon (463 finishers: place, chip time as a
    time, pace per mile as text '5:20', place within the age group, the
    age group '20-39', age, sex, bib number, first and last name in upper
    case, home town and state). Unquoted names, so lower case; the
    columns "time" and "group" keep their quotes. Key: place."""
    srv.psql(db, file_text="BEGIN;\n" + "\n".join(mysql_cpe365(f) for f in files) + "\nCOMMIT;\n")
    print(f"  {db}.marathon: {srv.psql(db, 'SELECT count(*) FROM marathon').strip()} rows")


def load_play_store(srv, db, files):
    """Google Play Store apps (the Kaggle "Google Play Store Apps" set,
    scraped in 2018, as a data-analysis repository keeps it; no licence
    stated): one table apps, one row per app. Headers in snake_case
    (Content Rating -> content_rating, Last Updated -> last_updated).
    Cleaned: the one row shifted by a missing category (rating 19) is left
    out; an app listed more than once (1181 repeated listings: exact
    repeats, other review counts, other categories) keeps the listing with
    the most reviews (the first of equals); 'NaN' is NULL;
    reviews an integer; installs the lower bound of the published band
    ('10,000+' -> 10000); price in dollars ('$4.99' -> 4.99); size in
    megabytes as size_mb ('19M' -> 19, '201k' -> 0.196; 'Varies with
    device' NULL); last_updated ('January 7, 2018') a date. A running
    app_id is added as the key; app names are unique."""
    import datetime
    rows = [r for r in csv.reader(io.StringIO(files[0]))][1:]
    rows = [r for r in rows if len(r) == 13]
    best = {}
    for i, r in enumerate(rows):  # one listing per app name: the one with most reviews, then the first
        k = (-int(r[3]), i)
        if r[0] not in best or k < best[r[0]][0]:
            best[r[0]] = (k, i)
    keep = sorted(i for _, i in best.values())
    out = []
    for r in (rows[i] for i in keep):
        r = [None if v in ("", "NaN") else v for v in r]
        app, cat, rating, reviews, size, installs, typ, price, content, genres, upd, cur, andr = r
        if size and size.endswith("M"):
            size = size[:-1]
        elif size and size.endswith("k"):
            size = str(round(float(size[:-1]) / 1024, 3))
        else:
            size = None
        installs = installs.replace(",", "").replace("+", "") if installs else None
        price = price.replace("$", "") if price else None
        upd = datetime.datetime.strptime(upd, "%B %d, %Y").date().isoformat() if upd else None
        out.append([str(len(out) + 1), app, cat, rating, reviews, size, installs, typ, price, content, genres,
                    upd, cur, andr])
    head = ["app_id", "app", "category", "rating", "reviews", "size_mb", "installs", "type", "price",
            "content_rating", "genres", "last_updated", "current_ver", "android_ver"]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(head)
    w.writerows(out)
    n = load_csv_table(srv, db, "apps", buf.getvalue())
    add_keys(srv, db, [("apps", ["app_id"])], [])
    print(f"  {db}.apps: {n} rows")


LOADERS.update(bnb_inn=load_bnb_inn, road_race=load_road_race, play_store=load_play_store)
# Batch 66: three more, one per domain given to it (IT incidents with SLAs,
# farm harvests, a veterinary clinic), from repositories not used before.
DATASETS.update({
    "it_incidents": ("DiviyaBhavaani/AI-Powered-IT-Operations-Insights-Dashboard",
                     "5483f06d44234269e16a3d42a4d8891030ccf86c", ["incidents.csv"]),
    "uganda_harvests": ("batyaboyo/Agric_Data_Warehouse", "ecb045273374b25e7cf66e0ed7b58b928f51c399",
                        ["data/farmers.csv", "data/products.csv", "data/harvests.csv"]),
    "pet_hospital": ("lakshmisuvvari/Bangalore-pet-hospital-analytics", "ceab6d264122bee11ba76f3974b5635176427584",
                     ["owners.csv", "doctors.csv", "treatments.csv", "patients.csv", "visits.csv"]),
})


def load_it_incidents(srv, db, files):
    """An IT-operations dashboard project's generated incident log (3,500
    incidents created October 2024 - December 2025; no licence stated):
    one flat table, one row per incident (incident_id 'INC000001',
    created_at, resolved_at empty for the 532 open ones, status Open /
    Closed, severity P1-P4, category, service, assigned_team, region,
    business_unit, root_cause, alerts_count, backlog_at_creation,
    repeat_incident 0/1, affected_users, assignment_delay_hours,
    num_comments, sla_hours 4 / 8 / 24 / 72 by severity,
    current_age_hours, resolution_hours, breached_sla 0/1 and a generated
    summary sentence). resolved_at carries nanoseconds in the file: cut
    to whole seconds, so a timestamp. The columns created_hour,
    is_weekend and month (the hour, weekend flag and 'YYYY-MM' of
    created_at, as the project derived them) are dropped. Key:
    incident_id; the table is named incidents."""
    def convert(header, r):
        return [v[:19] if h == "resolved_at" and v else v for h, v in zip(header, r)]
    n = load_csv_table(srv, db, "incidents", files[0], convert=convert)
    srv.psql(db, "ALTER TABLE incidents DROP COLUMN created_hour, DROP COLUMN is_weekend, DROP COLUMN month")
    add_keys(srv, db, [("incidents", ["incident_id"])], [])
    print(f"  {db}.incidents: {n} rows")


def load_uganda_harvests(srv, db, files):
    """An agricultural data-warehouse project's generated Ugandan farm data
    (December 2025; no licence stated): farmers (2,000, 'FMR000001',
    first and last name, gender, district / subcounty / village,
    farm_size_acres, primary_crop, cooperative_id, registration_date,
    is_active), products (100 crop varieties, 'PRD0001', product_name
    such as Maize, category, variety, season, avg_growing_days,
    is_perishable) and harvests (4,016, 'HRV0000001' -> farmer and
    product, planting_date, harvest_date, quantity_kg, quality_assessment
    A / B / C, post_harvest_loss_pct, storage_method, season '2024-A').
    The farmers' national_id, date_of_birth, phone_number, GPS position
    and blockchain_wallet (made up, but shaped like a private person's
    identity and contact details) are not loaded, nor the harvests'
    loaded_at (the generator's run time). True / False read as booleans.
    Keys on the ids; harvests -> farmers and products."""
    def convert(header, r):
        return [("true" if v == "True" else "false" if v == "False" else v) for v in r]
    names = ("farmers", "products", "harvests")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text, convert=convert)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, "ALTER TABLE farmers DROP COLUMN national_id, DROP COLUMN date_of_birth, "
             "DROP COLUMN phone_number, DROP COLUMN gps_latitude, DROP COLUMN gps_longitude, "
             "DROP COLUMN blockchain_wallet; "
             "ALTER TABLE farmers ALTER COLUMN is_active TYPE boolean USING is_active::boolean; "
             "ALTER TABLE products ALTER COLUMN is_perishable TYPE boolean USING is_perishable::boolean; "
             "ALTER TABLE harvests DROP COLUMN loaded_at")
    add_keys(srv, db, [("farmers", ["farmer_id"]), ("products", ["product_id"]), ("harvests", ["harvest_id"])],
             [("harvests", "farmer_id", "farmers", "farmer_id"), ("harvests", "product_id", "products", "product_id")])


def load_pet_hospital(srv, db, files):
    """A Power BI project's generated data for a pet hospital in Bangalore
    (2023-2024; no licence stated): owners (150, owner_name, area — ten
    Bangalore neighbourhoods), doctors (6, 'Dr. ...', specialization),
    treatments (14, treatment_name, price in rupees), patients (200 pets:
    pet_name, pet_type Dog / Cat / Rabbit / ..., breed, age_years with one
    decimal, gender, -> owner) and visits (600: -> patient, doctor and
    treatment, visit_date, amount_paid, payment_mode, a note such as
    'Follow-up'). The CSV files are loaded (the repository's SQLite copy
    is not read); the owners' phone and email (made up, but shaped like
    private persons' contact details) are not loaded. Keys on the ids;
    patients -> owners, visits -> patients, doctors and treatments."""
    names = ("owners", "doctors", "treatments", "patients", "visits")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, "ALTER TABLE owners DROP COLUMN phone, DROP COLUMN email")
    add_keys(srv, db, [(t, [t[:-1] + "_id"]) for t in names],
             [("patients", "owner_id", "owners", "owner_id"), ("visits", "patient_id", "patients", "patient_id"),
              ("visits", "doctor_id", "doctors", "doctor_id"),
              ("visits", "treatment_id", "treatments", "treatment_id")])


LOADERS.update(it_incidents=load_it_incidents, uganda_harvests=load_uganda_harvests, pet_hospital=load_pet_hospital)
# Batch 67: three more, one per domain given to it (a parts shop's orders
# with shipping times -- none with rows found, so a carrier scorecard's
# shipments --, a school district's test scores, airline delays at airports),
# from repositories not used before.
DATASETS.update({
    "carrier_scorecard": ("RevatiBorkhade/CArrier-Scorecards-and-KPIs", "e1cad48fe6c031755bb3d38d5e5fe9c7e65d66a9",
                          ["data/shipments.csv", "data/lanes (1).csv", "data/exceptions.csv"]),
    "pycity_schools": ("kjminges/school-district-analysis", "6fdb5f24adb8d21fef5e38f2ce6370a14362f389",
                       ["Resources/schools_complete.csv", "Resources/students_complete.csv"]),
    "airline_delays": ("ManavK003/Airport-DB-Webapp", "da7776700d3622647002482e2a08fa2320b27237",
                       ["Airline_Delay_Cause.csv"]),
})


def load_carrier_scorecard(srv, db, files):
    """A Power BI carrier-performance scorecard's synthetic outbound
    shipments (May - June 2025; no licence stated): shipments (800,
    'S00000', ship / promised / delivered date and the same three as a
    date-time, carrier FedEx / UPS / XPO / Schneider / DHL / JBHunt, an
    origin and destination city code such as ORD and NYC, mode, service
    level, distance, weight, cost in USD and two made-up traffic and
    weather indices; delivered_date empty for 93 shipments), lanes (78
    origin - destination pairs with city names, distance and the
    destination's region) and exceptions (116 incidents on 99 shipments:
    type, hours of delay, root cause). The file lanes (1).csv is loaded as
    lanes. Date-times are written '2025-06-18T22:20:51.963761': the T
    becomes a space and the fraction of a second is cut, so timestamps.
    Keys: shipments.shipment_id, lanes (origin, destination), an
    exception_id added to exceptions; shipments -> lanes, exceptions ->
    shipments."""
    def convert(header, r):
        return [(v[:19].replace("T", " ") if v and h.endswith("_datetime") else v) for h, v in zip(header, r)]
    for t, text in zip(("shipments", "lanes", "exceptions"), files):
        n = load_csv_table(srv, db, t, text, convert=convert)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, "ALTER TABLE exceptions ADD COLUMN exception_id serial")
    add_keys(srv, db, [("shipments", ["shipment_id"]), ("lanes", ["origin", "destination"]),
                       ("exceptions", ["exception_id"])],
             [("exceptions", "shipment_id", "shipments", "shipment_id")])
    n = int(srv.psql(db, "SELECT count(*) FROM shipments s WHERE NOT EXISTS (SELECT 1 FROM lanes l "
                         "WHERE l.origin = s.origin AND l.destination = s.destination)").strip())
    srv.psql(db, "ALTER TABLE shipments ADD FOREIGN KEY (origin, destination) REFERENCES lanes (origin, destination)"
             + (" NOT VALID" if n else ""))
    if n:
        print(f"  {db}: {n} shipments on a lane not in lanes: that key is NOT VALID")


def load_pycity_schools(srv, db, files):
    """The "PyCitySchools" data of a data-analytics bootcamp's pandas
    challenge, as a student's School_District_Analysis repository keeps it
    (made up; no licence stated): schools (15 high schools, School ID,
    school_name, type District / Charter, size, budget and budget/student)
    and students (39,170: Student ID, a made-up student_name, gender M /
    F, grade 9th - 12th as text, school_name, reading_score and
    math_score). Loaded as published, headers and all ("School ID",
    "budget/student"); the repository's clean_students_complete.csv and
    missing_grades.csv (its own edits) are not read. Keys: schools
    "School ID", students "Student ID"; school_name unique in schools,
    students.school_name -> schools.school_name."""
    for t, text in zip(("schools", "students"), files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, "ALTER TABLE schools ADD UNIQUE (school_name)")
    add_keys(srv, db, [("schools", ["School ID"]), ("students", ["Student ID"])],
             [("students", "school_name", "schools", "school_name")])


def load_airline_delays(srv, db, files):
    """The US Bureau of Transportation Statistics' "Airline On-Time
    Statistics and Delay Causes" (public data) for October 2024 - January
    2025, as an airport-database project downloaded it: one row per month,
    carrier and arrival airport (7,596) with arriving flights, flights 15+
    minutes late, the late flights split by cause (carrier, weather, NAS,
    security, late aircraft -- fractional counts), cancelled and diverted
    flights and the minutes of delay in all and by cause. Split here into
    carriers (21: carrier code, carrier_name), airports (355: airport
    code, and the published 'Elmira/Corning, NY: Elmira/Corning Regional'
    cut into city, state and airport_name) and monthly_delays (year and
    month as integers, carrier, airport and the figures; whole-number
    figures written as integers; three rows with no figures, NULL). The
    repository's other tables (made-up airlines, airports and flights
    under 'Table Data/') are not read. Keys: carriers.carrier,
    airports.airport, monthly_delays (year, month, carrier, airport) ->
    carriers and airports."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    carriers = sorted({(r["carrier"], r["carrier_name"]) for r in rows})
    airports = {}
    for r in rows:
        m = re.fullmatch(r"(.+), ([A-Z]{2}): (.+)", r["airport_name"])
        airports[r["airport"]] = (m.group(1), m.group(2), m.group(3))
    whole = ("arr_flights", "arr_del15", "arr_cancelled", "arr_diverted", "arr_delay", "carrier_delay",
             "weather_delay", "nas_delay", "security_delay", "late_aircraft_delay")

    def table(header, body):
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
        return out.getvalue()
    n = load_csv_table(srv, db, "carriers", table(["carrier", "carrier_name"], carriers))
    print(f"  {db}.carriers: {n} rows")
    n = load_csv_table(srv, db, "airports", table(["airport", "city", "state", "airport_name"],
                                                  [(k,) + v for k, v in sorted(airports.items())]))
    print(f"  {db}.airports: {n} rows")
    cols = [c for c in rows[0] if c not in ("carrier_name", "airport_name")]
    body = [[(str(int(float(r[c]))) if c in whole and r[c] else r[c]) for c in cols] for r in rows]
    n = load_csv_table(srv, db, "monthly_delays", table(cols, body))
    print(f"  {db}.monthly_delays: {n} rows")
    add_keys(srv, db, [("carriers", ["carrier"]), ("airports", ["airport"]),
                       ("monthly_delays", ["year", "month", "carrier", "airport"])],
             [("monthly_delays", "carrier", "carriers", "carrier"),
              ("monthly_delays", "airport", "airports", "airport")])


LOADERS.update(carrier_scorecard=load_carrier_scorecard, pycity_schools=load_pycity_schools,
               airline_delays=load_airline_delays)
# Batch 68: three more, one per domain given to it (a café's sales by menu
# item, a city's 311 service requests, a fitness tracker's daily log), from
# repositories not used before.
DATASETS.update({
    "world_cafe": ("vwoodward/Restaurant-Orders-SQL", "7f4ab4ab6eb6e0913e08ce9de25c4c571b3727ab",
                   ["create_restaurant_db.sql"]),
    "sf311": ("Maarham/UPenn_500_Proj", "77813641f770b5d693a50d42707d240473a0d914",
              ["data/311_service_requests.csv"]),
    "fitbit_days": ("sarakhalili/Fitbit-Fitness-Tracker-Data-Analysis", "51c5bf720ce17889244052e1ba4fdd5073637e2f",
                    ["dailyActivity_merged.csv", "sleepDay_merged.csv", "weightLogInfo_merged.csv"]),
})


def load_world_cafe(srv, db, files):
    """A restaurant's first quarter of orders (Maven Analytics' "Restaurant
    Orders" data playground set: the made-up "Taste of the World Café",
    January - March 2023, as a learner's repository keeps Maven's
    PostgreSQL-ready script; no licence stated, Maven publishes the set for
    free practice): menu_items (32: menu_item_id 101-132, item_name,
    category American / Asian / Mexican / Italian, price in dollars) and
    order_details (12,234 lines, one per item ordered, of 5,370 orders;
    137 lines with no item_id, as published). The script is run as
    published; then the order's date and time, repeated on every line of an
    order (and the same on all of them), are moved into a table orders
    (order_id, order_date, order_time), so order_details keeps
    order_details_id, order_id and item_id. Keys: menu_items.menu_item_id,
    orders.order_id, order_details.order_details_id;
    order_details -> orders and -> menu_items (item_id)."""
    srv.psql(db, file_text="BEGIN;\n" + files[0] + "\nCOMMIT;\n")
    srv.psql(db, "CREATE TABLE orders AS SELECT DISTINCT order_id, order_date, order_time FROM order_details "
             "ORDER BY order_id; ALTER TABLE order_details DROP COLUMN order_date, DROP COLUMN order_time")
    add_keys(srv, db, [("orders", ["order_id"])],
             [("order_details", "order_id", "orders", "order_id"),
              ("order_details", "item_id", "menu_items", "menu_item_id")])
    for t in ("menu_items", "orders", "order_details"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


def load_sf311(srv, db, files):
    """San Francisco 311 service requests (a sample of 10,000 cases opened
    July 2008 - January 2018 from DataSF's "311 Cases", public domain
    (PDDL), as a university project keeps it): made relational here —
    agencies (the 200 queues a case was routed to, as published:
    'PUC Sewer Ops', 'DPW Ops Queue', numbered in alphabetical order),
    categories (the 61 request categories, 'Sewer Issues',
    'General Request - PUBLIC WORKS', numbered likewise) and requests
    (request_id the published unique_key, created_at, closed_at — NULL for
    the 370 open ones —, updated_at, status Open / Closed, status_notes,
    -> agency, -> category, complaint_type and descriptor as published
    ('other', 'Flooding', 'MUNI  -' with two spaces), neighborhood,
    supervisor_district 1-11 (two rows -1), police_district, source
    Phone / Web / Mobile/Open311 / ...). Times are written
    '2016-07-13 15:11:07+00:00': the '+00:00' is cut, so timestamps as
    published. Empty text is NULL. Not loaded: incident_address, location,
    latitude, longitude (street addresses and positions of where the
    problem was reported) and media_url (photo links). Keys:
    agencies.agency_id, categories.category_id, requests.request_id;
    requests -> agencies, categories."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    agencies = sorted({r["agency_name"] for r in rows if r["agency_name"]})
    cats = sorted({r["category"] for r in rows if r["category"]})
    aid = {a: i + 1 for i, a in enumerate(agencies)}
    cid = {c: i + 1 for i, c in enumerate(cats)}

    def table(head, body):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(head)
        w.writerows(body)
        return buf.getvalue()

    def ts(v):
        return v[:19] if v else ""
    n = load_csv_table(srv, db, "agencies", table(["agency_id", "agency_name"], [[aid[a], a] for a in agencies]))
    print(f"  {db}.agencies: {n} rows")
    n = load_csv_table(srv, db, "categories", table(["category_id", "category_name"], [[cid[c], c] for c in cats]))
    print(f"  {db}.categories: {n} rows")
    head = ["request_id", "created_at", "closed_at", "updated_at", "status", "status_notes", "agency_id",
            "category_id", "complaint_type", "descriptor", "neighborhood", "supervisor_district",
            "police_district", "source"]
    body = [[r["unique_key"], ts(r["created_date"]), ts(r["closed_date"]), ts(r["resolution_action_updated_date"]),
             r["status"], r["status_notes"], aid.get(r["agency_name"], ""), cid.get(r["category"], ""),
             r["complaint_type"], r["descriptor"], r["neighborhood"], r["supervisor_district"],
             r["police_district"], r["source"]] for r in rows]
    n = load_csv_table(srv, db, "requests", table(head, body))
    print(f"  {db}.requests: {n} rows")
    add_keys(srv, db, [("agencies", ["agency_id"]), ("categories", ["category_id"]), ("requests", ["request_id"])],
             [("requests", "agency_id", "agencies", "agency_id"),
              ("requests", "category_id", "categories", "category_id")])


def load_fitbit_days(srv, db, files):
    """A fitness tracker's daily log (the "FitBit Fitness Tracker Data"
    of Kaggle, Fitabase exports of 35 consenting users, 12 March - 12 May
    2016, CC0, as a data-analysis repository keeps three of its files):
    users (the 35 user ids, ten-digit numbers, made from the three
    files; no names or other data), daily_activity (one row per user and
    day: activity_date, total_steps, total_distance in km,
    tracker_distance, logged_activities_distance, very_active_distance,
    moderately_active_distance, light_active_distance,
    sedentary_active_distance, very_active_minutes, fairly_active_minutes,
    lightly_active_minutes, sedentary_minutes, calories in kcal),
    sleep_days (sleep_date, total_sleep_records, total_minutes_asleep,
    total_time_in_bed in minutes) and weight_logs (weight_log_id a
    running number, logged_at, weight_kg, weight_pounds, fat_pct — NULL
    in most rows —, bmi, is_manual_report a boolean). CamelCase headers
    in snake_case; dates written '4/12/2016' and '04/12/2016' (and
    '4/12/2016 12:00:00 AM', '05/02/2016 23:59') read as dates and
    timestamps. The daily file joins the two export periods, which both
    hold 12 April 2016 for 24 users (the first period's a part of the
    day): the first row in the file, the whole day, is kept. Three exact
    repeats in the sleep file and two in the weight file are dropped.
    The weight file's LogId (written in exponent form, 1.46223E+12, so
    not unique) is not loaded. Keys: users.user_id, daily_activity
    (user_id, activity_date), sleep_days (user_id, sleep_date),
    weight_logs.weight_log_id; the three -> users."""
    import datetime

    def day(v):
        return datetime.datetime.strptime(v.split(" ")[0], "%m/%d/%Y").date().isoformat()

    def stamp(v):
        for f in ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M"):
            try:
                return datetime.datetime.strptime(v, f).isoformat(sep=" ")
            except ValueError:
                pass
        raise ValueError(v)

    def table(head, body):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(head)
        w.writerows(body)
        return buf.getvalue()
    act, slp, wgt = (list(csv.reader(io.StringIO(f)))[1:] for f in files)
    act = [r for r in act if r]
    slp = [r for r in slp if r]
    wgt = [r for r in wgt if r]
    users = sorted({r[0] for r in act + slp + wgt}, key=int)
    n = load_csv_table(srv, db, "users", table(["user_id"], [[u] for u in users]))
    print(f"  {db}.users: {n} rows")
    seen, body = set(), []
    for r in act:
        k = (r[0], day(r[1]))
        if k not in seen:
            seen.add(k)
            body.append([r[0], k[1]] + r[2:])
    head = ["user_id", "activity_date", "total_steps", "total_distance", "tracker_distance",
            "logged_activities_distance", "very_active_distance", "moderately_active_distance",
            "light_active_distance", "sedentary_active_distance", "very_active_minutes", "fairly_active_minutes",
            "lightly_active_minutes", "sedentary_minutes", "calories"]
    n = load_csv_table(srv, db, "daily_activity", table(head, body))
    print(f"  {db}.daily_activity: {n} rows")
    seen, body = set(), []
    for r in slp:
        if tuple(r) not in seen:
            seen.add(tuple(r))
            body.append([r[0], day(r[1])] + r[2:])
    n = load_csv_table(srv, db, "sleep_days", table(["user_id", "sleep_date", "total_sleep_records",
                                                     "total_minutes_asleep", "total_time_in_bed"], body))
    print(f"  {db}.sleep_days: {n} rows")
    seen, body = set(), []
    for r in wgt:
        if tuple(r) not in seen:
            seen.add(tuple(r))
            uid, dt, kg, lb, fat, bmi, manual, _log = r
            body.append([len(body) + 1, uid, stamp(dt), kg, lb, fat, bmi, manual.lower()])
    n = load_csv_table(srv, db, "weight_logs", table(["weight_log_id", "user_id", "logged_at", "weight_kg",
                                                      "weight_pounds", "fat_pct", "bmi", "is_manual_report"],
                                                     body))
    print(f"  {db}.weight_logs: {n} rows")
    srv.psql(db, "ALTER TABLE weight_logs ALTER COLUMN is_manual_report TYPE boolean USING is_manual_report::boolean")
    add_keys(srv, db, [("users", ["user_id"]), ("daily_activity", ["user_id", "activity_date"]),
                       ("sleep_days", ["user_id", "sleep_date"]), ("weight_logs", ["weight_log_id"])],
             [("daily_activity", "user_id", "users", "user_id"), ("sleep_days", "user_id", "users", "user_id"),
              ("weight_logs", "user_id", "users", "user_id")])


LOADERS.update(world_cafe=load_world_cafe, sf311=load_sf311, fitbit_days=load_fitbit_days)
# Batch 69: three more, one per domain given to it (a recruiting pipeline,
# cinema ticket sales, equipment maintenance work orders), from
# repositories not used before.
DATASETS.update({
    "hiring_funnel": ("Sharayu-Irale/Recruitment_and_Hiring_Funnel_Analytics",
                      "25205ebf5125e44297c1f1c73ed609ac806e6eeb",
                      ["data/candidates.csv", "data/jobs.csv", "data/applications.csv",
                       "data/recruitment_stage_events.csv"]),
    "movie_tickets": ("itzzvivek/movie-ticket-data-pipeline", "e36dd48effae2d28e6de15515e9256e2334182f6",
                      ["data/theaters.csv", "data/movies.csv", "data/users.csv", "data/shows.csv",
                       "data/bookings.csv", "data/payments.csv"]),
    "aircraft_mro": ("pothugantisiddaiah0816-cpu/airline-mro-analytics", "0558f58748ef76ee95336577f844049b32d19f85",
                     ["aircraft_master.csv", "technicians.csv", "parts_inventory.csv", "work_orders.csv"]),
})


def load_hiring_funnel(srv, db, files):
    """A recruitment-funnel analytics project's generated hiring data for
    IT jobs in India (2024; no licence stated): candidates (1,100: name,
    experience_years, current_location — six cities), jobs (25 openings
    of five titles in one IT department, job_location, open_date,
    close_date empty for 2), applications (1,650 -> candidate and job,
    source LinkedIn / Naukri / Referral / Company Website, recruiter_id a
    bare number 1-12 with no table behind it, application_date,
    current_status Hired / Rejected / Offer Declined) and
    recruitment_stage_events (5,367 -> application: stage_name Resume
    Screening / Technical Interview / Managerial Interview / HR Interview
    / Offer / Joining, stage_date, stage_status Selected / Rejected /
    Accepted / Declined / Joined, drop_reason when rejected). The
    candidates' email ('candidate1@email.com') and phone (made up, but
    shaped like private persons' contact details) are not loaded. Keys on
    the ids; applications -> candidates and jobs, stage events ->
    applications."""
    names = ("candidates", "jobs", "applications", "recruitment_stage_events")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, "ALTER TABLE candidates DROP COLUMN email, DROP COLUMN phone")
    add_keys(srv, db, [("candidates", ["candidate_id"]), ("jobs", ["job_id"]), ("applications", ["application_id"]),
                       ("recruitment_stage_events", ["stage_event_id"])],
             [("applications", "candidate_id", "candidates", "candidate_id"),
              ("applications", "job_id", "jobs", "job_id"),
              ("recruitment_stage_events", "application_id", "applications", "application_id")])


def load_movie_tickets(srv, db, files):
    """A data-pipeline project's generated cinema ticketing data (June
    2025; no licence stated): theaters (200, a made-up company name, a
    made-up city, total_seats 100-300), movies (500, made-up two-word
    titles ending in a full stop, genre, language — six Indian and
    English —, duration in minutes, release_date), users (1,000: name,
    age, city), shows (20,000 -> theater and movie, screen_no 1-5,
    show_time 20-30 June 2025), bookings (10,000 -> user and show,
    seats_booked 1-6, booking_time 10-19 June 2025) and payments (one per
    booking: amount in rupees, status confirmed / pending / failed,
    payment_time). Times written '2025-06-25T19:00:00' are read as
    timestamps. The users' email (made-up example.com addresses) is not
    loaded. Keys on the text ids ('T0001', 'M0001', 'U00001', 'S000001',
    'B000001', 'P000001'); shows -> theaters and movies, bookings ->
    users and shows, payments -> bookings."""
    def convert(header, r):
        return [v.replace("T", " ") if v and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", v) else v
                for v in r]
    names = ("theaters", "movies", "users", "shows", "bookings", "payments")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text, convert=convert)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, "ALTER TABLE users DROP COLUMN email")
    add_keys(srv, db, [(t, [t[:-1] + "_id"]) for t in names],
             [("shows", "theater_id", "theaters", "theater_id"), ("shows", "movie_id", "movies", "movie_id"),
              ("bookings", "user_id", "users", "user_id"), ("bookings", "show_id", "shows", "show_id"),
              ("payments", "booking_id", "bookings", "booking_id")])


def load_aircraft_mro(srv, db, files):
    """An airline maintenance (MRO) analytics project's generated data,
    2022-2024, with dirt put in on purpose (no licence stated): aircraft
    (40 from aircraft_master.csv: tail_number 'VT-WV64', aircraft_type,
    airline, mro_base, manufacture_year, total_flight_hours,
    total_cycles, last_c_check_date, engine_health_score,
    airframe_condition), technicians (60: made-up name, grade L1-L4,
    mro_base, annual_salary_inr, license_type, years_experience,
    is_active), parts (300 from parts_inventory.csv: part_number, a
    made-up description, category, unit_cost_usd, qty_on_hand,
    reorder_level, supplier, lead_time_days, is_rotable,
    shelf_life_months) and work_orders (2,000 -> aircraft, primary part
    and lead technician: wo_type, status Closed / In Progress / Deferred
    / Cancelled, open_date, close_date only when closed, planned and
    actual duration in days, delay_days, delay_reason, labour_hours,
    labour, parts and overhead cost in rupees, defect_code, ata_chapter,
    a made-up findings_summary, nrc_raised). Cleaned as the project's own
    clean_data.sql does, without its imputations: work-order ids written
    'wo000006' upper-cased, parts costs written '₹1,570,143.36' as numbers,
    airframe_condition 'good' / 'FAIR' capitalised ('Good', 'Fair');
    and last_c_check_date, written '29-Jan-24' or '21-02-2024', as a
    date. Missing unit costs and shelf lives stay NULL. True / False
    read as booleans. sensor_flight_data.csv and risk_scores.csv (a
    model's output) are not loaded. Keys on the ids; work_orders ->
    aircraft, parts and technicians."""
    import datetime

    def convert(header, r):
        out = []
        for h, v in zip(header, r):
            if v is None:
                pass
            elif h == "work_order_id":
                v = v.upper()
            elif h == "parts_cost_inr":
                v = v.replace("₹", "").replace(",", "")
            elif h == "airframe_condition":
                v = v.capitalize()
            elif h == "last_c_check_date":
                fmt = "%d-%b-%y" if re.fullmatch(r"\d\d-[A-Za-z]{3}-\d\d", v) else "%d-%m-%Y"
                v = datetime.datetime.strptime(v, fmt).date().isoformat()
            elif v in ("True", "False"):
                v = v.lower()
            out.append(v)
        return out
    names = ("aircraft", "technicians", "parts", "work_orders")
    for t, text in zip(names, files):
        n = load_csv_table(srv, db, t, text, convert=convert)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, "ALTER TABLE technicians ALTER COLUMN is_active TYPE boolean USING is_active::boolean; "
             "ALTER TABLE parts ALTER COLUMN is_rotable TYPE boolean USING is_rotable::boolean; "
             "ALTER TABLE work_orders ALTER COLUMN nrc_raised TYPE boolean USING nrc_raised::boolean")
    add_keys(srv, db, [("aircraft", ["aircraft_id"]), ("technicians", ["technician_id"]), ("parts", ["part_id"]),
                       ("work_orders", ["work_order_id"])],
             [("work_orders", "aircraft_id", "aircraft", "aircraft_id"),
              ("work_orders", "primary_part_id", "parts", "part_id"),
              ("work_orders", "lead_technician_id", "technicians", "technician_id")])


LOADERS.update(hiring_funnel=load_hiring_funnel, movie_tickets=load_movie_tickets, aircraft_mro=load_aircraft_mro)
# Batch 72: three more, one per domain given to it (a bakery's production
# batches and quality tests, a conference's talks and speakers, a
# cryptocurrency exchange's trades), from repositories not used before.
DATASETS.update({
    "bread_plant": ("tfeadzwa/bakery-anomaly-detection-ml", "450e0514c031b88f22eb9f9f55126b157b687bf5",
                    ["data/raw/sku_master.csv", "data/raw/production_dataset.csv",
                     "data/raw/quality_control_dataset.csv"]),
    "oscon_2014": ("neo4j-examples/oscon-graph", "59704ba348b5d6ed2b1200bc7e2d1ed0bcd2e5d0", ["data/osconfeed"]),
    "crypto_exchange": ("SarveshKanneganti/Crypto-Analytics---PSQL", "a769dd35c40b14a0604640b0526440d31efba259",
                        ["members_fresh.csv", "prices_fresh.csv", "transactions_fresh.csv"]),
})


def load_bread_plant(srv, db, files):
    """A bakery-analytics project's generated data for a Zimbabwean bread
    plant (Shepperton), January - July 2025, with dirt put in on purpose
    (the repository states no licence): products (7 loaves from
    sku_master.csv: sku, product_name, shelf_life_days, category Bread),
    batches (15,000 from production_dataset.csv: produced_at, plant,
    depot_id, batch_id, sku, quantity_produced, line_id Line1-Line5,
    operator_id 'OP_ANNE', and seven defect counts per batch: stacked
    before the robot, squashed, torn, undersized, valleys, loose packs,
    pale / underbaked) and quality_tests (18,000 from
    quality_control_dataset.csv -> batch: tested_at, parameter - seven
    measures such as weight_grams or internal_temp_c -, value, pass_fail
    pass / fail, notes on failures). Cleaned at load: the column
    `timestamp` named produced_at / tested_at; misspelt skus ('SoftWhite',
    'Soft Whtie', 'High Energy Brwn', 'Whole grain Brown', ...) written as
    the product's sku; rows repeated under one batch_id or qc_id (75 and
    90, all but a handful exact copies) kept once, the first; the quality
    file's sku column (it disagrees with its batch's sku in most rows: the
    batch's sku is the one kept) and its repeated `value ` column not
    loaded. Empty timestamps, depots, lines and operators stay NULL, and
    the few timestamps at midnight as published. Keys: products(sku),
    batches(batch_id), quality_tests(qc_id); batches -> products,
    quality_tests -> batches."""
    canon = {"softwhite": "Soft White", "soft whtie": "Soft White", "highenergybrown": "High Energy Brown",
             "high energy brwn": "High Energy Brown", "wholegrainbrown": "Wholegrain Brown",
             "whole grain brown": "Wholegrain Brown"}

    def dedupe(text, key):
        rows = list(csv.reader(io.StringIO(text)))
        # the quality file repeats its value column under the name 'value ': not kept
        keep = [j for j, h in enumerate(rows[0]) if h == h.strip() or h.strip() not in rows[0]]
        rows = [[r[j] for j in keep] for r in rows if r]
        i = rows[0].index(key)
        seen, out = set(), [rows[0]]
        for r in rows[1:]:
            if r[i] not in seen:
                seen.add(r[i])
                out.append(r)
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(out)
        return buf.getvalue()

    def convert(header, r):
        return [canon.get(v.lower(), v) if h == "sku" and v else v for h, v in zip(header, r)]
    skus, prod, qc = files
    for t, text in (("products", skus), ("batches", dedupe(prod, "batch_id")), ("quality_tests", dedupe(qc, "qc_id"))):
        n = load_csv_table(srv, db, t, text, convert=convert)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, 'ALTER TABLE batches RENAME COLUMN "timestamp" TO produced_at; '
             'ALTER TABLE quality_tests RENAME COLUMN "timestamp" TO tested_at; '
             'ALTER TABLE quality_tests DROP COLUMN sku')
    add_keys(srv, db, [("products", ["sku"]), ("batches", ["batch_id"]), ("quality_tests", ["qc_id"])],
             [("batches", "sku", "products", "sku"), ("quality_tests", "batch_id", "batches", "batch_id")])


def load_oscon_2014(srv, db, files):
    """O'Reilly's published schedule feed of OSCON 2014 (Portland, 20-24
    July 2014), the JSON file the Fluent Python book reads, as a Neo4j
    example repository keeps it (data/osconfeed): events (477 talks,
    tutorials, keynotes, office hours, BoFs, author signings, breaks:
    serial, name, event_type, time_start, time_stop, venue_serial,
    description, website_url), speakers (351: serial, name, position,
    affiliation, bio), venues (53 rooms: serial, name, category),
    event_speakers (event - speaker, many-to-many; 90 events have no
    speaker) and event_categories (event - category, the conference's
    tracks such as 'Cloud' or 'Python'; 42 events have none, 55 more than
    one). Event serials are text: the 10 breaks' are written 'slot_15176'
    (the others are numbers). HTML entities in the feed ('&amp;', '&#39;') decoded. The
    speakers' photo, url and twitter handle are not loaded. Keys on the
    serials; events -> venues, the two link tables -> events and
    speakers."""
    import html
    feed = json.loads(files[0])["Schedule"]

    def dec(v):
        return html.unescape(v).strip() if isinstance(v, str) else v

    def table(name, cols, types, rows):
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        for r in rows:
            w.writerow(["\\N" if v is None or v == "" else v for v in r])
        srv.psql(db, file_text=f"CREATE TABLE {name} ({', '.join(f'{c} {t}' for c, t in zip(cols, types))});\n"
                 f"COPY {name} FROM STDIN WITH (FORMAT csv, NULL '\\N');\n" + out.getvalue() + "\\.\n")
        print(f"  {db}.{name}: {len(rows)} rows")
    table("venues", ["serial", "name", "category"], ["integer", "text", "text"],
          [[v["serial"], dec(v["name"]), dec(v.get("category"))] for v in feed["venues"]])
    table("speakers", ["serial", "name", "position", "affiliation", "bio"], ["integer"] + ["text"] * 4,
          [[s["serial"], dec(s["name"]), dec(s.get("position")), dec(s.get("affiliation")), dec(s.get("bio"))]
           for s in feed["speakers"]])
    ev = feed["events"]
    table("events", ["serial", "name", "event_type", "time_start", "time_stop", "venue_serial", "description",
                     "website_url"], ["text", "text", "text", "timestamp", "timestamp", "integer", "text", "text"],
          [[e["serial"], dec(e["name"]), dec(e["event_type"]), e["time_start"], e["time_stop"], e.get("venue_serial"),
            dec(e.get("description")), e.get("website_url")] for e in ev])
    table("event_speakers", ["event_serial", "speaker_serial"], ["text", "integer"],
          [[e["serial"], s] for e in ev for s in dict.fromkeys(e.get("speakers", []))])
    table("event_categories", ["event_serial", "category"], ["text", "text"],
          [[e["serial"], c] for e in ev for c in dict.fromkeys(dec(c) for c in e.get("categories", []))])
    add_keys(srv, db, [("venues", ["serial"]), ("speakers", ["serial"]), ("events", ["serial"]),
                       ("event_speakers", ["event_serial", "speaker_serial"]),
                       ("event_categories", ["event_serial", "category"])],
             [("events", "venue_serial", "venues", "serial"), ("event_speakers", "event_serial", "events", "serial"),
              ("event_speakers", "speaker_serial", "speakers", "serial"),
              ("event_categories", "event_serial", "events", "serial")])


def load_crypto_exchange(srv, db, files):
    """A PostgreSQL crypto-analytics project's generated exchange data for
    2023 (Faker and random walks; MIT licence), after Danny Ma's
    members / prices / transactions case study: members (5,000: member_id,
    a made-up name - 181 names repeat -, region, seven world regions),
    prices (1,825: one row per day of 2023 for each of five tickers BTC,
    ETH, ADA, XRP, LTC: open, high, low and close price and volume, all
    random, so an 'ADA' may cost more than a 'BTC') and transactions
    (20,000 trades -> member: ticker, tx_timestamp, side BUY / SELL,
    quantity, price, fee). Dates written '7/10/2023' and '12/28/2023 9:24'
    read as a date and a timestamp; the prices' column `timestamp` named
    price_date. Keys: members(member_id), prices(ticker, price_date),
    transactions(tx_id); transactions -> members."""
    import datetime

    def convert(header, r):
        out = []
        for h, v in zip(header, r):
            if v and h == "timestamp":
                v = datetime.datetime.strptime(v, "%m/%d/%Y").date().isoformat()
            elif v and h == "tx_timestamp":
                v = datetime.datetime.strptime(v, "%m/%d/%Y %H:%M").strftime("%Y-%m-%d %H:%M")
            out.append(v)
        return out
    for t, text in zip(("members", "prices", "transactions"), files):
        n = load_csv_table(srv, db, t, text, convert=convert)
        print(f"  {db}.{t}: {n} rows")
    srv.psql(db, 'ALTER TABLE prices RENAME COLUMN "timestamp" TO price_date')
    add_keys(srv, db, [("members", ["member_id"]), ("prices", ["ticker", "price_date"]),
                       ("transactions", ["tx_id"])],
             [("transactions", "member_id", "members", "member_id")])


LOADERS.update(bread_plant=load_bread_plant, oscon_2014=load_oscon_2014, crypto_exchange=load_crypto_exchange)
# Batch 73: three more, one per domain given to it (a bird survey's
# sightings, a freelance marketplace, a city's bike counters), from
# repositories not used before.
DATASETS.update({
    "vashon_birds": ("cfgrok/cbc-data", "8e18321f107704ed563da426f0ea92f89b769cd4", ["pre-rubocop.sql"]),
    "freelance_earnings": ("aminm015/SQL_Projects", "1b307d77cc6fb01499d0e5266a2b1f4d57400c56",
                           ["Freelance_Platforms/freelancer_earnings_bd.csv"]),
    "seattle_bikes": ("seattletimes/bike-counters", "0f4ac85389c4e7b6d3565de53022c99a29c948db",
                      ["raw/2nd-ave.json", "raw/58th-st.json", "raw/broadway.json", "raw/chief-sealth.json",
                       "raw/spokane-st.json"]),
})


def load_vashon_birds(srv, db, files):
    """The Vashon Island (Washington) Christmas Bird Count, 25 count days
    from 2000-01-02 to 2023-12-31, as the count's own Rails application
    dumped its PostgreSQL database (pre-rubocop.sql, pg_dump 14; the
    repository states no licence): years (25: audubon_year - the 100th
    to 124th national count - and vashon_year 1-25), surveys (25 count
    days -> year), sectors (7 count sectors such as 'Vashon North' or
    'Kitsap East', a code and on_island), areas (29 -> sector), taxons
    (211 species and groups such as 'gull sp.': common_name, cbc_name,
    scientific_name, taxonomic_order), checklists (477 -> survey, sector,
    area: parties, feeder_watch, location, start and end time, hours and
    miles on foot / by car / by boat / owling; the early years' checklists
    hold one per count day and little else), checklists_observers (the
    link to observers) and observations (13,677 -> taxon, checklist,
    survey, sector: number of birds, count_week, notes). The observers'
    first and last names and e-mail addresses (volunteers, private
    persons) are blanked before the load and their columns dropped: only
    the observer id is kept. Object owners (`ezra`), the schema_migrations
    table and a helper function not loaded. The dump has primary keys
    and no foreign keys: those below are added."""
    text = files[0]
    out, in_obs = [], False
    for line in text.split("\n"):
        if "OWNER TO" in line:
            continue
        if line.startswith("COPY public.observers "):
            in_obs = True
        elif in_obs and line == "\\.":
            in_obs = False
        elif in_obs:
            line = line.split("\t")[0] + "\t\\N\t\\N\t\\N"
        out.append(line)
    srv.psql(db, file_text="\n".join(out))
    srv.psql(db, "DROP TABLE public.schema_migrations; "
             "DROP FUNCTION public.delete_columns(text, text[]); "
             "ALTER TABLE public.observers DROP COLUMN first_name, DROP COLUMN last_name, DROP COLUMN email")
    srv.psql(db, "VACUUM FULL public.observers")
    for t in ("years", "surveys", "sectors", "areas", "taxons", "checklists", "checklists_observers",
              "observers", "observations"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")
    add_keys(srv, db, [("checklists_observers", ["checklist_id", "observer_id"])],
             [("surveys", "year_id", "years", "id"), ("areas", "sector_id", "sectors", "id"),
              ("checklists", "survey_id", "surveys", "id"), ("checklists", "sector_id", "sectors", "id"),
              ("checklists", "area_id", "areas", "id"), ("checklists_observers", "checklist_id", "checklists", "id"),
              ("checklists_observers", "observer_id", "observers", "id"),
              ("observations", "taxon_id", "taxons", "id"), ("observations", "checklist_id", "checklists", "id"),
              ("observations", "survey_id", "surveys", "id"), ("observations", "sector_id", "sectors", "id")])


def load_freelance_earnings(srv, db, files):
    """Freelancers on five platforms (the Kaggle 'Freelancer Earnings & Job
    Trends' set, synthetic, as a learner's SQL project keeps it;
    the repository states no licence): one table freelancers (1,950:
    freelancer_id, job_category eight such as 'Web Development',
    platform Fiverr / Upwork / Toptal / Freelancer / PeoplePerHour,
    experience_level Beginner / Intermediate / Expert, client_region,
    payment_method, job_completed, earnings_usd, hourly_rate,
    job_success_rate and rehire_rate in percent, client_rating 1-5,
    job_duration_days, project_type Fixed / Hourly, marketing_spend).
    Column names lower-cased. Key freelancer_id."""
    head, _, body = files[0].partition("\n")
    n = load_csv_table(srv, db, "freelancers", head.lower() + "\n" + body)
    print(f"  {db}.freelancers: {n} rows")
    add_keys(srv, db, [("freelancers", ["freelancer_id"])], [])


def load_seattle_bikes(srv, db, files):
    """Hourly counts of five of Seattle's automatic bike counters
    (Seattle DOT's open data, as the Seattle Times' bike-counters graphic
    fetched it from data.seattle.gov in 2018; the repository is MIT
    licensed): counters (5, built by the loader from the repository's
    README and the city's dataset titles: counter_id '2nd-ave' and
    name) and hourly_counts (-> counter:
    hour_start, direction north / south / east / west, mode bike or
    pedestrian - only the Chief Sealth Trail counter counts people on
    foot -, count). The files' total columns (the sum of the
    directions) are not loaded; hours with no reading are left out; the
    autumn clock change's repeated hour is kept once, the first. The
    repository's other five counters (Burke-Gilman, Fremont Bridge,
    Elliott Bay, MTS Trail, 39th Ave) are over the snapshot's size
    limit. Keys: counters(counter_id), hourly_counts(counter_id,
    hour_start, direction, mode)."""
    meta = [("2nd-ave", "2nd Ave Cycle Track", {"nb": ("north", "bike"), "sb": ("south", "bike")}),
            ("58th-st", "NW 58th St Greenway at 22nd Ave NW",
             {"east": ("east", "bike"), "west": ("west", "bike")}),
            ("broadway", "Broadway Cycle Track North of E Union St",
             {"nb": ("north", "bike"), "sb": ("south", "bike")}),
            ("chief-sealth", "Chief Sealth Trail North of Thistle",
             {"bike_north": ("north", "bike"), "bike_south": ("south", "bike"),
              "ped_north": ("north", "pedestrian"), "ped_south": ("south", "pedestrian")}),
            ("spokane-st", "Spokane St Bridge",
             {"east": ("east", "bike"), "west": ("west", "bike")})]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    n = 0
    for (cid, _, cols), text in zip(meta, files):
        seen = set()
        for r in json.loads(text):
            t = r["date"].replace("T", " ")[:19]
            if t in seen:
                continue
            seen.add(t)
            for k, (d, m) in cols.items():
                if r.get(k) not in (None, ""):
                    w.writerow([cid, t, d, m, r[k]])
                    n += 1
    srv.psql(db, file_text="CREATE TABLE counters (counter_id text PRIMARY KEY, name text);\n"
             "CREATE TABLE hourly_counts (counter_id text, hour_start timestamp, direction text, mode text, "
             "count integer);\n"
             "COPY hourly_counts FROM STDIN WITH (FORMAT csv);\n" + out.getvalue() + "\\.\n")
    srv.psql(db, "INSERT INTO counters VALUES " + ", ".join(
        "('%s', '%s')" % (cid, name) for cid, name, _ in meta))
    print(f"  {db}.counters: {len(meta)} rows; {db}.hourly_counts: {n} rows")
    add_keys(srv, db, [("hourly_counts", ["counter_id", "hour_start", "direction", "mode"])],
             [("hourly_counts", "counter_id", "counters", "counter_id")])


LOADERS.update(vashon_birds=load_vashon_birds, freelance_earnings=load_freelance_earnings,
               seattle_bikes=load_seattle_bikes)


# Batch 70: three more, one per domain given to it (a vehicle fleet's trips
# and fuel, road traffic collisions from an open-data portal, chess
# tournaments), from repositories not used before.
DATASETS.update({
    "taxi_fleet": ("Iwankon/Meridian_Fleet", "670d029726fc13cb3bfcd2e30fa5694e9e78ceff",
                   ["data/vehicles.csv", "data/drivers_and_maintenance.xlsx", "data/trips_2025_H1.csv",
                    "data/trips_2025_H2.csv", "data/trips_2026_H1.csv", "data/fuel_transactions.csv",
                    "data/platform_payouts.csv"]),
    "haven_crashes": ("bmidi/newhaven-crash-data", "6dc5715732c28d76413557f03bc0da42a37df0d1",
                      ["data/export_165957/export_165957_0.csv", "data/export_165957/export_165957_1.csv",
                       "data/export_165957/export_165957_2.csv"]),
    "chess_open": ("lunahernandez/ChessTournamentAnalysis", "23ce244ac8b571171eaa80f3ef89dd85cd6500b9",
                   ["data/lichess_broadcast_xvii-memorial-pedro-lezcano-montalvo-2025_s6v7rV0e_2025.04.20.pgn"]),
})


def xlsx_inline_rows(data, sheet):
    """The cells of one worksheet of an .xlsx file written with inline
    strings (no sharedStrings.xml), row by row as lists of text."""
    import zipfile
    import xml.etree.ElementTree as ET
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    z = zipfile.ZipFile(io.BytesIO(data))
    out = []
    for row in ET.fromstring(z.read(sheet)).iter(ns + "row"):
        cells = {}
        for c in row.iter(ns + "c"):
            if c.get("t") == "inlineStr":
                val = "".join(t.text or "" for t in c.iter(ns + "t"))
            else:
                v = c.find(ns + "v")
                val = None if v is None else v.text
            cells[re.sub(r"\d", "", c.get("r"))] = val
        out.append([cells.get(k) for k in sorted(cells, key=lambda k: (len(k), k))])
    return out


def csv_text(header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(["" if v is None else v for v in r] for r in rows)
    return out.getvalue()


def load_taxi_fleet(srv, db, files):
    """A Power BI portfolio project's synthetic taxi fleet ("Meridian Fleet
    Services", January 2025 - June 2026; MIT licence), made dirty on
    purpose and cleaned here the way its data_quality.md lists: vehicles
    (42 after dropping the duplicated VH-016 / VH-019 / VH-035 rows, the
    higher odometer kept; fuel_type written 16 ways mapped to Diesel /
    Petrol / Hybrid / Electric, 'N/A' as NULL; status case-folded to Active / In Service /
    Sold / Off-fleet; seats '4.0' as 4; acquired_date dd/mm/yyyy as a date;
    an odometer of -1 as NULL), drivers (68 from the Drivers sheet of
    drivers_and_maintenance.xlsx, four exact duplicate rows dropped: a
    made-up initial-and-surname name, hire_date in three formats or
    'unknown' as a date or NULL, contract PT / full time mapped to
    Part-time / Full-time / Contractor, home_depot trimmed, licence_expiry,
    active written 1 / Y / yes / N / no as a boolean), maintenance (621
    rows of the Maintenance sheet, numbered in file order: vehicle_id, a
    date in three formats or 'TBC' as NULL, job with 'service' as
    'Service', cost with '€' and decimal commas as a number or NULL,
    workshop 'NorthAuto' / 'central garage' as 'North Auto' / 'Central
    Garage' or NULL, days_off_road), trips (45,700 from three half-year
    exports with drifting columns stacked into one table, 180 repeated
    trip ids of the second half of 2025 kept once, the first row: trip_id,
    started_at (the 2026 file's '+03:00' times kept as written, local
    time), driver_id (some ids are in no driver row: that key is NOT
    VALID), vehicle_id, pickup and dropoff zone trimmed ('', 'NULL', '-'
    as NULL), distance_km, duration_min, fare_eur ('EUR 22.86', '10,66' as
    numbers; negative fares are refunds), payment case-folded to card /
    cash / wallet, platform (NULL in the first half of 2025, before the
    export had it: RideGo / CityHail / Direct), surge_multiplier (2026
    only)), fuel_purchases (6,599 from fuel_transactions.csv, numbered in
    file order: purchase_date, vehicle_id, litres (NULL for 90),
    price_per_litre and total_cost from decimal commas and '€ ', station
    case-folded to Shell / BP / EKO / Avin, card_ref) and
    platform_payouts (106 weekly rows per platform, commission_pct '18%'
    as 18). Keys on the ids; trips -> drivers and vehicles, fuel and
    maintenance -> vehicles."""
    import datetime
    veh_t, xlsx, t1, t2, t3, fuel_t, pay_t = files

    def dmy(v):
        return datetime.datetime.strptime(v, "%d/%m/%Y").date().isoformat() if v else None

    def anydate(v):
        if v is None or v.strip() in ("", "unknown", "TBC"):
            return None
        v = v.strip()
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%b-%y"):
            try:
                return datetime.datetime.strptime(v, fmt).date().isoformat()
            except ValueError:
                pass
        raise ValueError(v)

    def money(v):
        if v is None:
            return None
        v = v.replace("€", "").replace("EUR", "").strip().replace(",", ".")
        return v or None

    fuel_map = {"dsl": "Diesel", "diesel": "Diesel", "petrol": "Petrol", "gasoline": "Petrol", "pet": "Petrol",
                "hyb": "Hybrid", "hybrid": "Hybrid", "ev": "Electric", "electric": "Electric", "elec": "Electric",
                "n/a": None}
    rows = list(csv.reader(io.StringIO(veh_t)))
    best = {}
    for r in rows[1:]:
        vid, plate, make, model, fuel, seats, acq, status, odo = [x.strip() for x in r]
        f = fuel_map[fuel.lower()]
        st = {"active": "Active", "in service": "In Service", "sold": "Sold", "off-fleet": "Off-fleet"}[status.lower()]
        odo_v = None if odo in ("", "-1") else int(odo)
        rec = [vid, plate, make, model, f, str(int(float(seats))) if seats else None, dmy(acq), st,
               None if odo_v is None else str(odo_v)]
        if vid not in best or (odo_v or -1) > int(best[vid][8] or -1):
            best[vid] = rec
    n = load_csv_table(srv, db, "vehicles", csv_text(
        ["vehicle_id", "plate", "make", "model", "fuel_type", "seats", "acquired_date", "status", "odometer_km"],
        list(best.values())))
    print(f"  {db}.vehicles: {n} rows")

    drows = xlsx_inline_rows(xlsx, "xl/worksheets/sheet1.xml")[3:]
    seen, drivers = set(), []
    for r in drows:
        did, name, hire, contract, depot, lic, active = (r + [None] * 7)[:7]
        if not did or did in seen:
            continue
        seen.add(did)
        c = {"pt": "Part-time", "part-time": "Part-time", "full time": "Full-time", "full-time": "Full-time",
             "contractor": "Contractor", "": None}[(contract or "").strip().lower()]
        a = {"1": "true", "y": "true", "yes": "true", "n": "false", "no": "false", "0": "false"}[active.strip().lower()]
        drivers.append([did, name, anydate(hire), c, (depot or "").strip() or None, anydate(lic), a])
    n = load_csv_table(srv, db, "drivers", csv_text(
        ["driver_id", "name", "hire_date", "contract", "home_depot", "licence_expiry", "active"], drivers))
    print(f"  {db}.drivers: {n} rows")

    mrows = xlsx_inline_rows(xlsx, "xl/worksheets/sheet2.xml")[1:]
    maint = []
    for i, r in enumerate(mrows, 1):
        veh, d, job, cost, shop, days = (r + [None] * 6)[:6]
        if not veh:
            continue
        job = job.strip()
        job = job[0].upper() + job[1:]
        shop = (shop or "").strip()
        shop = {"northauto": "North Auto", "north auto": "North Auto", "central garage": "Central Garage",
                "mobile unit": "Mobile Unit", "": None}[shop.lower()]
        maint.append([str(i), veh.strip(), anydate(d), job, money(cost), shop, days])
    n = load_csv_table(srv, db, "maintenance", csv_text(
        ["maintenance_id", "vehicle_id", "service_date", "job", "cost_eur", "workshop", "days_off_road"], maint))
    print(f"  {db}.maintenance: {n} rows")

    def zone(v):
        v = (v or "").strip()
        return None if v in ("", "NULL", "-") else v
    trips, seen_trips = [], set()
    for text, delim in ((t1, ","), (t2, ","), (t3, ";")):
        rows = list(csv.reader(io.StringIO(text), delimiter=delim))
        h = rows[0]
        for r in rows[1:]:
            if not r:
                continue
            d = dict(zip(h, r))
            ts = d.get("trip_datetime") or d.get("trip_start_utc")
            if re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", ts):
                ts = datetime.datetime.strptime(ts, "%d/%m/%Y %H:%M").isoformat(sep=" ")
            else:
                ts = ts[:19].replace("T", " ")
            if d["trip_id"] in seen_trips:  # 180 repeated rows of the second half of 2025: the first kept
                continue
            seen_trips.add(d["trip_id"])
            fare = money(d.get("fare_eur") or d.get("fare_amount"))
            trips.append([d["trip_id"], ts, d["driver_id"].strip(), d["vehicle_id"].strip(), zone(d["pickup_zone"]),
                          zone(d["dropoff_zone"]), d["distance_km"] or None, d["duration_min"] or None, fare,
                          d["payment"].strip().lower(), d.get("platform") or None, d.get("surge_multiplier") or None])
    n = load_csv_table(srv, db, "trips", csv_text(
        ["trip_id", "started_at", "driver_id", "vehicle_id", "pickup_zone", "dropoff_zone", "distance_km",
         "duration_min", "fare_eur", "payment", "platform", "surge_multiplier"], trips))
    print(f"  {db}.trips: {n} rows")

    rows = list(csv.reader(io.StringIO(fuel_t)))
    st_map = {"shell": "Shell", "bp": "BP", "eko": "EKO", "avin": "Avin"}
    fuel = [[str(i), dmy(r[0]), r[1].strip(), money(r[2]), money(r[3]), money(r[4]), st_map[r[5].strip().lower()],
             r[6]] for i, r in enumerate(rows[1:], 1) if r]
    n = load_csv_table(srv, db, "fuel_purchases", csv_text(
        ["purchase_id", "purchase_date", "vehicle_id", "litres", "price_per_litre", "total_cost_eur", "station",
         "card_ref"], fuel))
    print(f"  {db}.fuel_purchases: {n} rows")

    rows = list(csv.reader(io.StringIO(pay_t)))
    pays = [[dmy(r[0]), r[1], r[2], r[3].rstrip("%"), r[4], r[5], r[6]] for r in rows[1:] if r]
    n = load_csv_table(srv, db, "platform_payouts", csv_text(
        ["week_starting", "platform", "gross_fares", "commission_pct", "commission_amount", "fixed_fees",
         "net_payout"], pays))
    print(f"  {db}.platform_payouts: {n} rows")
    srv.psql(db, "ALTER TABLE drivers ALTER COLUMN active TYPE boolean USING active::boolean")
    add_keys(srv, db, [("vehicles", ["vehicle_id"]), ("drivers", ["driver_id"]), ("trips", ["trip_id"]),
                       ("fuel_purchases", ["purchase_id"]), ("maintenance", ["maintenance_id"]),
                       ("platform_payouts", ["week_starting", "platform"])],
             [("trips", "driver_id", "drivers", "driver_id"), ("trips", "vehicle_id", "vehicles", "vehicle_id"),
              ("fuel_purchases", "vehicle_id", "vehicles", "vehicle_id"),
              ("maintenance", "vehicle_id", "vehicles", "vehicle_id")])


def load_haven_crashes(srv, db, files):
    """One query export of the Connecticut Crash Data Repository (UConn,
    ctcrash.uconn.edu, query 165957), kept by a New Haven safe-streets map
    project (MIT licence): the fatal and serious-injury crashes involving
    a pedestrian or cyclist in New Haven, West Haven, Hamden and East
    Haven, 2015-2024. Each coded column of the export has a "Text Format"
    twin, and the text is loaded. crashes (470 from the first file:
    crash_id, town with 'NewHaven' / 'WestHaven' / 'EastHaven' spaced,
    crash_date, crash_time, day_of_week, severity 'Fatal' / 'Serious
    injury' read from the K / A code, motor_vehicles, non_motorists,
    witnesses, roadway and intersecting roadway, first_harmful_event,
    collision_manner, weather, light_condition, road_surface,
    route_class, intersection_type, environment_factor, road_factor,
    police_case_status), crash_vehicles (618 from the second: crash_id,
    vehicle_no, unit_type, occupants, make, model_year (0 as NULL), model,
    color, direction, maneuver, vehicle_factor, speed_limit (the codes 1,
    88, 99 as NULL), towed, body_type, damage, hit_and_run) and
    crash_people (489 non-motorists and a few drivers from the third:
    crash_id, person_no, age, gender, person_type, injury 'Fatal' /
    'Serious injury', condition, action_before, location, distracted_by,
    safety_equipment, transported_by, striking_vehicle_no). VINs, badge
    numbers, postal codes, owners' and carriers' cities and names, and
    insurers are not loaded; the trailers file is not loaded. Keys:
    crashes on crash_id, vehicles on (crash_id, vehicle_no), people on
    (crash_id, person_no); both -> crashes."""
    def table(text):
        # the export's cp1252 dash in 'Intersection \x96 Other' and a no-break space
        text = text.replace("Intersection \ufffd Other", "Intersection - Other").replace("\ufffd", " ")
        rows = list(csv.reader(io.StringIO(text)))
        h = rows[1]
        return [{k: (v.strip() or None) for k, v in reversed(list(zip(h, r)))} for r in rows[2:] if r]
    sev = {"K": "Fatal", "A": "Serious injury"}
    crashes = []
    for d in table(files[0]):
        tf = lambda k: d.get(k + " Text Format")
        town = {"NewHaven": "New Haven", "WestHaven": "West Haven", "EastHaven": "East Haven"}.get(
            d["Town Name"], d["Town Name"])
        crashes.append([d["CrashId"], town, d["Date Of Crash"], d["Time of Crash"][:5],
                        tf("Day of the Week"), sev[d["Crash Severity"]], d["Number Of Motor Vehicles"],
                        d["Number Of Non-Motorist"], d["Number Of Witnesses"], d["Roadway Name"],
                        d["Intersecting Roadway Name"], tf("First Harmful Event"),
                        tf("Manner of Crash / Collision Impact"), tf("Weather Condition"), tf("Light Condition"),
                        tf("Road Surface Condition"), tf("Route Class"), tf("Type of Intersection"),
                        tf("Contributing Circumstances, Environment"), tf("Contributing Circumstances, Road"),
                        tf("Police Case Status")])
    n = load_csv_table(srv, db, "crashes", csv_text(
        ["crash_id", "town", "crash_date", "crash_time", "day_of_week", "severity", "motor_vehicles",
         "non_motorists", "witnesses", "roadway", "intersecting_roadway", "first_harmful_event",
         "collision_manner", "weather", "light_condition", "road_surface", "route_class", "intersection_type",
         "environment_factor", "road_factor", "police_case_status"], crashes))
    print(f"  {db}.crashes: {n} rows")
    srv.psql(db, "ALTER TABLE crashes ALTER COLUMN crash_time TYPE time USING crash_time::time")
    veh = []
    for d in table(files[1]):
        tf = lambda k: d.get(k + " Text Format")
        my = d["Vehicle Model Year"]
        sl = d["Posted/Statutory Speed Limit"]
        hr = d["Hit And Run Status"]
        veh.append([d["CrashId"], d["VehicleId"], tf("Vehicle Unit Type"), d["Number of Occupants in Vehicle"],
                    d["Make"], None if my in (None, "0") else my, d["Model"], d["Vehicle Color"],
                    tf("Direction of Travel Before Crash"), tf("Vehicle Maneuver/Action"),
                    tf("Contributing Circumstances, Motor Vehicle"), None if sl in (None, "1", "88", "99") else sl,
                    tf("Towed Status"), tf("Body Type"), tf("Extent of Damage"), hr])
    n = load_csv_table(srv, db, "crash_vehicles", csv_text(
        ["crash_id", "vehicle_no", "unit_type", "occupants", "make", "model_year", "model", "color", "direction",
         "maneuver", "vehicle_factor", "speed_limit", "towed", "body_type", "damage", "hit_and_run"], veh))
    print(f"  {db}.crash_vehicles: {n} rows")
    ppl = []
    for d in table(files[2]):
        tf = lambda k: d.get(k + " Text Format")
        ppl.append([d["CrashId"], d["PersonId"], d["Age"], tf("Gender"), tf("Person Type"), sev[d["Injury Status"]],
                    tf("Condition at Time of Crash"), tf("Actions or Circumstances Prior to Crash"),
                    tf("Location At Time Of Crash"),
                    tf("Non-motorist Distracted By"), tf("Safety Equipment"),
                    tf("Transported to First Medical Facility By"), d["Striking Motor Vehicle ID"]])
    n = load_csv_table(srv, db, "crash_people", csv_text(
        ["crash_id", "person_no", "age", "gender", "person_type", "injury", "condition", "action_before",
         "location", "distracted_by", "safety_equipment", "transported_by", "striking_vehicle_no"], ppl))
    print(f"  {db}.crash_people: {n} rows")
    srv.psql(db, "ALTER TABLE crash_vehicles ALTER COLUMN hit_and_run TYPE boolean USING hit_and_run::boolean")
    add_keys(srv, db, [("crashes", ["crash_id"]), ("crash_vehicles", ["crash_id", "vehicle_no"]),
                       ("crash_people", ["crash_id", "person_no"])],
             [("crash_vehicles", "crash_id", "crashes", "crash_id"),
              ("crash_people", "crash_id", "crashes", "crash_id")])


def load_chess_open(srv, db, files):
    """The Lichess broadcast of the XVII Memorial Pedro Lezcano Montalvo
    (Las Palmas, 12-20 April 2025), a nine-round open at 90 minutes plus
    30 seconds, as a PGN file kept by a chess-analysis student project
    (no licence stated): players (from the games' tags: fide_id, name as
    'Surname, Given', title GM / IM / FM / CM / WGM / WFM or NULL, rating
    the Elo shown at the player's first broadcast game, NULL for unrated;
    title and rating as first seen, since thirteen ratings differ by one to
    three points between rounds and one title between IM and FM) and games (504, the 56 broadcast boards of each round, not
    every game of the open: game_id in file order, round_no, board_no
    from the Round tag '3.12', game_date, white_id and black_id ->
    players, white_rating and black_rating as shown for that game, result '1-0' / '0-1' / '1/2-1/2', eco, opening,
    moves = the number of full moves played). Move text and clock times
    are not loaded. Keys on fide_id and game_id."""
    games = re.split(r"\n\n(?=\[Event )", files[0].strip())
    players, out = {}, []
    for i, g in enumerate(games, 1):
        tags = dict(re.findall(r'^\[(\w+) "(.*)"\]$', g, re.M))
        body = re.sub(r"\{[^}]*\}", "", re.sub(r"(?m)^\[.*\]$", "", g))
        nums = [int(x) for x in re.findall(r"(\d+)\.(?!\.)\s", body)]
        for side in ("White", "Black"):
            fid = tags[side + "FideId"]
            players.setdefault(fid, [fid, tags[side], tags.get(side + "Title"), tags.get(side + "Elo")])
        ratings = [tags.get("WhiteElo"), tags.get("BlackElo")]
        rnd, board = tags["Round"].split(".")
        out.append([str(i), rnd, board, tags["Date"].replace(".", "-"), tags["WhiteFideId"], tags["BlackFideId"],
                    ratings[0], ratings[1], tags["Result"], tags["ECO"], tags["Opening"], str(max(nums) if nums else 0)])
    n = load_csv_table(srv, db, "players", csv_text(["fide_id", "name", "title", "rating"], players.values()))
    print(f"  {db}.players: {n} rows")
    n = load_csv_table(srv, db, "games", csv_text(
        ["game_id", "round_no", "board_no", "game_date", "white_id", "black_id", "white_rating", "black_rating",
         "result", "eco", "opening", "moves"], out))
    print(f"  {db}.games: {n} rows")
    add_keys(srv, db, [("players", ["fide_id"]), ("games", ["game_id"])],
             [("games", "white_id", "players", "fide_id"), ("games", "black_id", "players", "fide_id")])


LOADERS.update(taxi_fleet=load_taxi_fleet, haven_crashes=load_haven_crashes, chess_open=load_chess_open)
# Batch 71: three more, one per domain given to it (a software bug
# tracker, an earthquake catalog, a coworking space's room bookings), from
# repositories not used before.
DATASETS.update({
    "hadoop_jira": ("av9ash/gitbugs", "eadf2d6794990a1aaa26d0ae15391f29f8969301",
                    ["hadoop/hadoop_bugs.csv", "hadoop/hadoop_bugs-combined.csv"]),
    "usgs_quakes": ("AMR-am/earthquake-analysis-2025", "92635fc3c460d3a9511b76b4bce4edb1c5aed429",
                    ["all_month.csv"]),
    "impact_hub": ("ebrensi/HUB_calendar", "42b740bca2d5a0e92304fbaf36a0db0e741601c4",
                   ["classified_loc_charge.csv"]),
})

# The seismic networks (USGS ComCat contributor codes) that report the
# events of usgs_quakes, with their published names.
USGS_NETWORKS = [
    ("ak", "Alaska Earthquake Center"), ("av", "Alaska Volcano Observatory"),
    ("ci", "California Integrated Seismic Network: Southern California Seismic Network"),
    ("hv", "Hawaiian Volcano Observatory"), ("mb", "Montana Bureau of Mines and Geology"),
    ("nc", "California Integrated Seismic Network: Northern California Seismic System"),
    ("nm", "New Madrid Seismic Network"), ("nn", "Nevada Seismological Laboratory"),
    ("ok", "Oklahoma Seismic Network"), ("pr", "Puerto Rico Seismic Network"),
    ("se", "Southeastern U.S. Seismic Network"), ("tx", "Texas Seismological Network"),
    ("us", "USGS National Earthquake Information Center"),
    ("uu", "University of Utah Seismograph Stations"), ("uw", "Pacific Northwest Seismic Network"),
]

# Impact Hub Oakland's rentable spaces, as its analysis script groups them
# (conference rooms and floor space); the others are named in bookings only.
IMPACT_HUB_ROOMS = [
    ("UPTOWN", "conference room"), ("DOWNTOWN", "conference room"), ("EAST_OAK", "conference room"),
    ("WEST_OAK", "conference room"), ("MERIDIAN", "conference room"), ("BROADWAY", "floor space"),
    ("GALLERY", "floor space"), ("ATRIUM", "floor space"), ("JINGLETOWN", "floor space"),
    ("ENTIRE", "floor space"), ("MEDITATION", "other"), ("KITCHEN", "other"), ("CORNER", "other"),
]


def load_hadoop_jira(srv, db, files):
    """Apache Hadoop's Jira bug reports of 2020-2024, as the GitBugs
    dataset keeps them (a bug-report research set; CC BY 4.0): issues
    (2,503 from hadoop_bugs.csv: the numeric Jira `Issue id` as issue_id,
    summary, status Resolved / Open / Patch Available / In Progress /
    Reopened, priority Blocker / Critical / Major / Minor / Trivial,
    resolution Fixed / Duplicate / Won't Fix / ... — NULL while
    unresolved —, created and resolved as timestamps from '30/Sep/21
    17:20', affects_version one version or NULL), versions (the 53
    distinct affected versions, **added by the loader**, with
    release_line the first two parts, '3.3' for '3.3.6', or 'thirdparty'
    for the shaded third-party artefact's versions) and duplicate_pairs
    (127 from hadoop_bugs-combined.csv's 126 rows — one lists two
    duplicates, split in two —: issue_id and duplicate_id, pairs of
    reports the set's authors mark as duplicates of each other). The
    free-text Description (long, with logs and stack traces) is not
    loaded. No assignees, reporters, components, labels or comments are
    in the set. Keys on the ids; issues -> versions, duplicate pairs ->
    issues (both ids)."""
    import datetime
    bugs, dups = files
    rows = list(csv.DictReader(io.StringIO(bugs)))

    def ts(v):
        return datetime.datetime.strptime(v, "%d/%b/%y %H:%M").isoformat(sep=" ") if v else None
    versions = sorted({r["Affects Version/s"] for r in rows if r["Affects Version/s"]})

    def line(v):
        return "thirdparty" if v.startswith("thirdparty") else ".".join(v.split(".")[:2])
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["version", "release_line"])
    for v in versions:
        w.writerow([v, line(v)])
    n = load_csv_table(srv, db, "versions", out.getvalue())
    print(f"  {db}.versions: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["issue_id", "summary", "status", "priority", "resolution", "created", "resolved", "affects_version"])
    for r in rows:
        w.writerow([r["Issue id"], r["Summary"], r["Status"], r["Priority"], r["Resolution"],
                    ts(r["Created"]), ts(r["Resolved"]), r["Affects Version/s"]])
    n = load_csv_table(srv, db, "issues", out.getvalue())
    print(f"  {db}.issues: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["issue_id", "duplicate_id"])
    for r in csv.DictReader(io.StringIO(dups)):  # one row lists two duplicates: '13547000, 13396667'
        for d in r["Duplicate id"].split(","):
            w.writerow([r["Issue id"], d.strip()])
    n = load_csv_table(srv, db, "duplicate_pairs", out.getvalue())
    print(f"  {db}.duplicate_pairs: {n} rows")
    add_keys(srv, db, [("versions", ["version"]), ("issues", ["issue_id"]),
                       ("duplicate_pairs", ["issue_id", "duplicate_id"])],
             [("issues", "affects_version", "versions", "version"),
              ("duplicate_pairs", "issue_id", "issues", "issue_id"),
              ("duplicate_pairs", "duplicate_id", "issues", "issue_id")])


def load_usgs_quakes(srv, db, files):
    """A month of the USGS earthquake feed (all_month.csv of 6 May - 5 June
    2025, as an earthquake-analysis project keeps it; USGS data are public
    domain): earthquakes (9,366 events, columns as published — time,
    latitude, longitude, depth in km, mag, "magType", nst, gap, dmin,
    rms, net, id, updated, place, type earthquake / quarry blast /
    explosion / ice quake, "horizontalError", "depthError", "magError",
    "magNst", status reviewed / automatic, "locationSource",
    "magSource"), with time and updated read as UTC timestamps (the 'T'
    and 'Z' of '2025-06-05T09:16:03.063Z' dropped), and a region column
    **added by the loader**: the part of place after its last comma
    ('Nevada' for '45 km ESE of Beatty, Nevada'), 'CA' written as
    'California', 'NV' as 'Nevada' and 'MX' as 'Mexico', or the whole
    place when it has no
    comma ('Fiji region'); and networks (15, **added by the loader**: the
    reporting networks' codes with their published names). Keys:
    earthquakes.id, networks.net; earthquakes.net -> networks."""
    (text,) = files
    fix = {"CA": "California", "MX": "Mexico", "NV": "Nevada"}

    def convert(header, r):
        out = []
        for h, v in zip(header, r):
            if v is not None and h in ("time", "updated"):
                v = v.replace("T", " ").rstrip("Z")
            out.append(v)
        place = out[header.index("place")] or ""
        reg = place.rsplit(", ", 1)[-1].strip()
        out.append(fix.get(reg, reg) or None)
        return out
    rows = list(csv.reader(io.StringIO(text)))
    rows[0].append("region")
    rows = [rows[0]] + [r + [""] for r in rows[1:] if r]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)

    def convert2(header, r):
        return convert(header[:-1], r[:-1])
    n = load_csv_table(srv, db, "earthquakes", buf.getvalue(), convert=convert2)
    print(f"  {db}.earthquakes: {n} rows")
    srv.psql(db, "ALTER TABLE earthquakes ALTER COLUMN time TYPE timestamp USING time::timestamp, "
             "ALTER COLUMN updated TYPE timestamp USING updated::timestamp")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["net", "network_name"])
    w.writerows(USGS_NETWORKS)
    n = load_csv_table(srv, db, "networks", out.getvalue())
    print(f"  {db}.networks: {n} rows")
    add_keys(srv, db, [("earthquakes", ["id"]), ("networks", ["net"])],
             [("earthquakes", "net", "networks", "net")])


def load_impact_hub(srv, db, files):
    """Room bookings of a coworking space, Impact Hub Oakland, March 2014
    - May 2015, from its Google calendars as a volunteer's space-use
    analysis classified them (the repository states no licence): bookings
    (1,400: the file's unnamed row number as booking_id, start as a
    timestamp, room the space's code — NULL for 19 bookings with no room
    —, duration in hours, rate in dollars an hour — 0 for internal and
    free use, NULL for 158 where none was found —, and charge in dollars)
    and rooms (13, **added by the loader**: each space's code and its
    kind, conference room / floor space as the analysis script groups
    them, or other). The bookings' Title and Description (free text with
    the names, e-mail addresses and phone numbers of the people who
    booked) are not loaded, so there are no members, organisations,
    invoices or payments. Keys: bookings.booking_id, rooms.room;
    bookings.room -> rooms."""
    (text,) = files
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["booking_id", "start", "room", "duration", "rate", "charge"])
    for r in rows[1:]:
        if r:
            w.writerow(r[:6])
    n = load_csv_table(srv, db, "bookings", out.getvalue())
    print(f"  {db}.bookings: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["room", "kind"])
    w.writerows(IMPACT_HUB_ROOMS)
    n = load_csv_table(srv, db, "rooms", out.getvalue())
    print(f"  {db}.rooms: {n} rows")
    add_keys(srv, db, [("bookings", ["booking_id"]), ("rooms", ["room"])],
             [("bookings", "room", "rooms", "room")])


LOADERS.update(hadoop_jira=load_hadoop_jira, usgs_quakes=load_usgs_quakes, impact_hub=load_impact_hub)
# Batch 74: three more, one per domain given to it (a school's class
# attendance, a port's vessel calls at its berths, a farmers' market's
# vendors, booths and sales), from repositories not used before.
DATASETS.update({
    "class_attendance": ("Aobakwe2025/Student-Record-Management-System", "8a5085ca716d5e13062ed1c42f3545baf27433cb",
                         ["data/raw/students.csv", "data/raw/courses.csv", "data/raw/enrollments.csv",
                          "data/raw/grades.csv", "data/raw/attendance.csv"]),
    "berth_calls": ("varshaj11/VesselDataAnalyzer", "f0bede6ebea053f01b73f4b7ece12467629cf7ed", ["vessel_calls.csv"]),
    "farmers_market": ("SrikanthCeela/SQL-for-DataScience", "4050a048ca1f2ab5a497c118fcb593114f2521ed",
                       ["FarmersMarketDatabase.sql"]),
})


def load_class_attendance(srv, db, files):
    """A student-records project's generated data (Faker; the repository
    states no licence): students (300: student_id 'STU0001', first and last
    name, major, enrollment_year), courses (25: course_id 'CRS001', name,
    credits, department code), enrollments (1,353 student x course, with an
    enrollment_date), grades (one per enrollment: assignment and exam score,
    final grade) and attendance (16,236: one row per enrollment for each of
    12 weekly class dates, Monday 22 January - Monday 8 April 2024, status
    Present / Absent / Late). Not loaded: the students' e-mail addresses and
    dates of birth, and the file's last student, STUD301, whom the project
    added by hand under a team member's own name (no enrollment points at
    him). Keys: students(student_id), courses(course_id),
    enrollments(enrollment_id), grades(grade_id), attendance(attendance_id);
    enrollments -> students and courses, grades and attendance ->
    enrollments."""
    students, courses, enrollments, grades, attendance = files

    rows = list(csv.reader(io.StringIO(students)))
    keep = [i for i, h in enumerate(rows[0]) if h.strip() not in ("email", "date_of_birth")]
    rows = [[r[i].strip() for i in keep] for r in rows if r and r[0].strip() != "STUD301"]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    for t, text in (("students", out.getvalue()), ("courses", courses), ("enrollments", enrollments),
                    ("grades", grades), ("attendance", attendance)):
        n = load_csv_table(srv, db, t, text)
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db, [("students", ["student_id"]), ("courses", ["course_id"]),
                       ("enrollments", ["enrollment_id"]), ("grades", ["grade_id"]),
                       ("attendance", ["attendance_id"])],
             [("enrollments", "student_id", "students", "student_id"),
              ("enrollments", "course_id", "courses", "course_id"),
              ("grades", "enrollment_id", "enrollments", "enrollment_id"),
              ("attendance", "enrollment_id", "enrollments", "enrollment_id")])


def load_berth_calls(srv, db, files):
    """A vessel-data-analyzer project's port-call file (generated; the
    repository states no licence): 116 calls of one port (PORT_ID 8) at 45
    berths, one table as published - a call id, the berth's id and code
    ('B37'), a call number ('25-26/1000'), the vessel's name, call sign, IMO
    number and flag country, the cargo and its tonnage, ballast or cargo,
    forward and aft drafts, the operation (Loading / Discharging /
    Maintenance / Anchored), anchorage, berthing, sailing and registration
    times, a direct-berth flag and a priority. Column names lower-cased;
    the vessel's berth id column BERTH_ID_y named berth_id; times written
    '07-05-2025 03:00' (day first) read as timestamps; the blank PRIORITY
    (' ') read as NULL. The times were drawn at random: 52 calls sail before
    they berth. Key: vessel_calls(vessel_call_id)."""
    import datetime
    rows = list(csv.reader(io.StringIO(files[0])))
    header = [("berth_id" if h.strip() == "BERTH_ID_y" else h.strip().lower()) for h in rows[0]]
    body = []
    for r in rows[1:]:
        if not r:
            continue
        out = []
        for h, v in zip(header, r):
            v = v.strip()
            if v and h in ("anchorage_dt", "berthing_date", "sailed_dt", "reg_dt"):
                v = datetime.datetime.strptime(v, "%d-%m-%Y %H:%M").strftime("%Y-%m-%d %H:%M")
            out.append(v)
        body.append(out)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header] + body)
    n = load_csv_table(srv, db, "vessel_calls", buf.getvalue())
    print(f"  {db}.vessel_calls: {n} rows")
    add_keys(srv, db, [("vessel_calls", ["vessel_call_id"])], [])


def load_farmers_market(srv, db, files):
    """The farmers' market database of Anna Heydt Pickett's book "SQL for
    Data Scientists" (Wiley, 2021), as a learner's repository keeps the
    book's MySQL dump (the repository states no licence): vendor (9),
    booth (12), market_date_info (150 market days, Wednesday and Saturday,
    April 2019 - October 2020 with gaps, start and end time as text,
    season, low and high temperature, rain and snow flags),
    vendor_booth_assignments (vendor x booth x day), product (23) ->
    product_category (7), vendor_inventory (what a vendor brought on a day:
    quantity and original price), customer (26) and customer_purchases
    (4,221: product, vendor, day, customer, quantity, price per unit, time),
    and zip_data (3 zip codes). Translated by mysql_to_pg after dropping
    the dump's UNIQUE KEY lines, DROP TABLE, LOCK TABLES and AUTO_INCREMENT; the BLOB
    special_notes as text; market_week, market_year and the two
    temperatures, published as text, read as integers; product's key
    (product_id, product_category_id) narrowed to product_id, which
    vendor_inventory's foreign key names. Not loaded: the customers' first
    and last names and the vendors' owners' names."""
    text = files[0].replace("\r\n", "\n")
    text = re.sub(r"(?m)^\s*UNIQUE KEY .*\n", "", text)
    text = re.sub(r"(?m)^(UN)?LOCK TABLES.*\n", "", text)
    text = re.sub(r"(?m)^DROP TABLE IF EXISTS .*\n", "", text)
    text = re.sub(r" AUTO_INCREMENT\b", "", text)
    text = re.sub(r"\bblob\b", "text", text)
    text, fkeys = mysql_to_pg(text)
    # product_id alone is unique: vendor_inventory's foreign key points at it
    text = text.replace('PRIMARY KEY ("product_id","product_category_id")', 'PRIMARY KEY ("product_id")')
    post = [
        'ALTER TABLE customer DROP COLUMN customer_first_name, DROP COLUMN customer_last_name;',
        'ALTER TABLE vendor DROP COLUMN vendor_owner_first_name, DROP COLUMN vendor_owner_last_name;',
        'ALTER TABLE market_date_info ALTER COLUMN market_week DROP DEFAULT, ALTER COLUMN market_year DROP DEFAULT, '
        'ALTER COLUMN market_min_temp DROP DEFAULT, ALTER COLUMN market_max_temp DROP DEFAULT;',
        'ALTER TABLE market_date_info ALTER COLUMN market_week TYPE integer USING market_week::integer, '
        'ALTER COLUMN market_year TYPE integer USING market_year::integer, '
        'ALTER COLUMN market_min_temp TYPE integer USING market_min_temp::integer, '
        'ALTER COLUMN market_max_temp TYPE integer USING market_max_temp::integer;',
    ]
    srv.psql(db, file_text="BEGIN;\n" + text + "\n" + "\n".join(fkeys) + "\n" + "\n".join(post) + "\nCOMMIT;\n")
    for t in ("vendor", "booth", "market_date_info", "vendor_booth_assignments", "product", "product_category",
              "vendor_inventory", "customer", "customer_purchases", "zip_data"):
        print(f"  {db}.{t}: {srv.psql(db, f'SELECT count(*) FROM {t}').strip()} rows")


LOADERS.update(class_attendance=load_class_attendance, berth_calls=load_berth_calls, farmers_market=load_farmers_market)


# Batch 75: three more, one per domain given to it (drinking-water quality
# monitoring, an A/B test, a legislature's roll-call votes), from
# repositories not used before.
DATASETS.update({
    "gormsey_water": ("pprevos/r4h2o", "9db7209aa0df30c76f3fbf7e05a7b0ff261c8110",
                      ["data/water_quality.csv", "data/sample_points.csv"]),
    "store_ab_test": ("nick-madaffari/practicum_projects", "c2e254fa06cf79343a3b89edfa06169fa890c4de",
                      ["project_07/hypotheses_us.csv", "project_07/visits_us.csv", "project_07/orders_us.csv"]),
    "ri_legislature": ("boatwrva/RI-legislature", "a137e70629283f1963fc18c59e570d31b33c74c4",
                       ["bills.csv", "people.csv", "rollcalls.csv", "votes.csv", "sponsors.csv", "history.csv"]),
})

# The two parties of ri_legislature's members, by their one-letter codes.
RI_PARTIES = [("D", "Democratic"), ("R", "Republican")]


def load_gormsey_water(srv, db, files):
    """Drinking-water quality samples of a water utility's network, as the
    course "R for Water Utilities" publishes them (real laboratory results
    anonymised by its author: the suburbs and the city, Gormsey, are made
    up and the dates moved to 2069-2070; the repository states no
    licence): sample_points (61 taps where the utility samples, text keys
    like 'BL_10027' whose first two letters name the suburb, the suburb,
    and x / y positions on the course's made-up map), samples (768 visits
    of a sample point on a day, **sample_id added by the loader**,
    numbered by date then sample point), parameters (4, **added by the
    loader** from the results: 'Chlorine Total' and 'THM'
    (trihalomethanes) in mg/L, 'E. coli' in Orgs/100mL, 'Turbidity' in
    NTU) and results (2,422, one per parameter measured in a sample: the
    published Sample_No as result_id, the sample, the parameter and the
    value). The file's repeated Date, Sample_Point, Suburb and Units
    columns are normalised into the other tables. No regulatory limits,
    customers, complaints or treatment plants are in the set. Keys:
    sample_points.sample_point, samples.sample_id, parameters.parameter,
    results.result_id; samples -> sample_points, results -> samples and
    parameters."""
    wq, pts = files
    rows = list(csv.DictReader(io.StringIO(wq)))
    suburb = {}
    for r in rows:
        suburb[r["Sample_Point"]] = r["Suburb"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["sample_point", "suburb", "x", "y"])
    for r in csv.DictReader(io.StringIO(pts)):
        w.writerow([r["Sample_Point"], suburb.get(r["Sample_Point"]), r["x"], r["y"]])
    n = load_csv_table(srv, db, "sample_points", out.getvalue())
    print(f"  {db}.sample_points: {n} rows")
    units = {}
    for r in rows:
        units[r["Measure"]] = r["Units"]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["parameter", "unit"])
    for m in sorted(units):
        w.writerow([m, units[m]])
    n = load_csv_table(srv, db, "parameters", out.getvalue())
    print(f"  {db}.parameters: {n} rows")
    visits = sorted({(r["Date"], r["Sample_Point"]) for r in rows})
    ids = {v: i + 1 for i, v in enumerate(visits)}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["sample_id", "sample_date", "sample_point"])
    for v in visits:
        w.writerow([ids[v], v[0], v[1]])
    n = load_csv_table(srv, db, "samples", out.getvalue())
    print(f"  {db}.samples: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["result_id", "sample_id", "parameter", "value"])
    for r in rows:
        w.writerow([r["Sample_No"], ids[(r["Date"], r["Sample_Point"])], r["Measure"], r["Result"]])
    n = load_csv_table(srv, db, "results", out.getvalue())
    print(f"  {db}.results: {n} rows")
    add_keys(srv, db, [("sample_points", ["sample_point"]), ("parameters", ["parameter"]),
                       ("samples", ["sample_id"]), ("results", ["result_id"])],
             [("samples", "sample_point", "sample_points", "sample_point"),
              ("results", "sample_id", "samples", "sample_id"),
              ("results", "parameter", "parameters", "parameter")])


def load_store_ab_test(srv, db, files):
    """An online store's A/B test of August 2019, as a data-analyst course
    (Practicum / TripleTen) publishes it for its A/B-testing project, in a
    student's copy (the repository states no licence): hypotheses (9
    ideas to raise revenue that the marketing team proposed, scored 1-10
    for reach, impact, confidence and effort — **hypothesis_id 1-9 added
    by the loader** in file order), daily_visits (62: the number of
    visits on each day of August 2019 to each of the test's two groups,
    A and B) and orders (1,197: transaction_id, visitor_id — an
    anonymous number —, order_date, revenue and the visitor's test
    group; 58 visitors placed orders in both groups, as published). The
    published columns transactionId, visitorId, date and group are named
    transaction_id, visitor_id, order_date / visit_date and test_group.
    There are no users' names, countries, devices or sessions, and no
    products or items in an order. Keys: hypotheses.hypothesis_id,
    daily_visits (visit_date, test_group), orders.transaction_id; orders
    (order_date, test_group) -> daily_visits."""
    hyp, visits, orders = files
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["hypothesis_id", "hypothesis", "reach", "impact", "confidence", "effort"])
    for i, r in enumerate(csv.DictReader(io.StringIO(hyp), delimiter=";")):
        w.writerow([i + 1, r["Hypothesis"], r["Reach"], r["Impact"], r["Confidence"], r["Effort"]])
    n = load_csv_table(srv, db, "hypotheses", out.getvalue())
    print(f"  {db}.hypotheses: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["visit_date", "test_group", "visits"])
    for r in csv.DictReader(io.StringIO(visits)):
        w.writerow([r["date"], r["group"], r["visits"]])
    n = load_csv_table(srv, db, "daily_visits", out.getvalue())
    print(f"  {db}.daily_visits: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["transaction_id", "visitor_id", "order_date", "revenue", "test_group"])
    for r in csv.DictReader(io.StringIO(orders)):
        w.writerow([r["transactionId"], r["visitorId"], r["date"], r["revenue"], r["group"]])
    n = load_csv_table(srv, db, "orders", out.getvalue())
    print(f"  {db}.orders: {n} rows")
    add_keys(srv, db, [("hypotheses", ["hypothesis_id"]), ("daily_visits", ["visit_date", "test_group"]),
                       ("orders", ["transaction_id"])], [])
    srv.psql(db, "ALTER TABLE orders ADD FOREIGN KEY (order_date, test_group) "
             "REFERENCES daily_visits (visit_date, test_group)")


def load_ri_legislature(srv, db, files):
    """The Rhode Island General Assembly's 2020 session as LegiScan's CSV
    export publishes it, in a student's copy (LegiScan data CC BY 4.0;
    the members are elected officials, named as the legislature names
    them): bills (2,053: bill_id, bill_number like 'H7010' / 'S2107' —
    H for a House bill, S for a Senate bill —, status Introduced /
    Engrossed / Enrolled / Passed with its status_date, title, committee —
    the committee the bill sits in at the export, NULL for the 494 out
    of committee: every passed bill and those never referred —,
    last_action_date and last_action), legislators (113 of the 2020 members: people_id, name,
    first_name, last_name, party, role Rep / Sen, district like 'HD-070'
    / 'SD-012'), parties (2, **added by the loader**: D Democratic, R
    Republican), roll_calls (331 recorded votes in January - July 2020:
    the bill, date, chamber House / Senate, description such as
    'Passage' or 'Passage in concurrence', and the yea, nay, nv (not
    voting), absent and total counts as published), votes (20,622: one
    per legislator per roll call, vote Yea / Nay / NV / Absent),
    sponsors (7,960: bill - legislator, position 1 for the first
    sponsor, 2, 3 ... for the following ones, at most 5; the pairs
    the file repeats — 128 rows more than pairs — kept once, with their
    lowest position) and
    bill_actions (5,499 steps of a bill's history: bill, action_date,
    chamber, sequence, action). The bills' descriptions (some name the
    private persons a bill lets marry) and the web links and outside ids
    are not loaded. Keys on the ids and on (bill_id, people_id),
    (roll_call_id, people_id), (bill_id, sequence); every child table ->
    its parents."""
    bills, people, rollcalls, votes, sponsors, history = files

    def table(name, text, cols, rename=None, fix=None):
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow([(rename or {}).get(c, c) for c in cols])
        for r in csv.DictReader(io.StringIO(text)):
            if fix:
                r = fix(r)
                if r is None:
                    continue
            w.writerow([r[c] for c in cols])
        n = load_csv_table(srv, db, name, out.getvalue())
        print(f"  {db}.{name}: {n} rows")

    def bill_fix(r):
        if r["committee_id"] == "0":
            r["committee"] = ""
        return r
    table("bills", bills, ["bill_id", "bill_number", "status_desc", "status_date", "title", "committee",
                           "last_action_date", "last_action"], rename={"status_desc": "status"}, fix=bill_fix)
    table("legislators", people, ["people_id", "name", "first_name", "last_name", "party", "role", "district"])
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["party", "party_name"])
    w.writerows(RI_PARTIES)
    n = load_csv_table(srv, db, "parties", out.getvalue())
    print(f"  {db}.parties: {n} rows")
    table("roll_calls", rollcalls, ["roll_call_id", "bill_id", "date", "chamber", "description", "yea", "nay",
                                    "nv", "absent", "total"], rename={"date": "vote_date"})
    table("votes", votes, ["roll_call_id", "people_id", "vote_desc"], rename={"vote_desc": "vote"})
    best = {}
    for r in csv.DictReader(io.StringIO(sponsors)):
        k = (r["bill_id"], r["people_id"])
        if k not in best or int(r["position"]) < int(best[k]["position"]):
            best[k] = r
    seen = set()

    def sponsor_fix(r):
        k = (r["bill_id"], r["people_id"])
        if k in seen or r["position"] != best[k]["position"]:
            return None
        seen.add(k)
        return r
    table("sponsors", sponsors, ["bill_id", "people_id", "position"], fix=sponsor_fix)
    table("bill_actions", history, ["bill_id", "date", "chamber", "sequence", "action"],
          rename={"date": "action_date"})
    add_keys(srv, db, [("bills", ["bill_id"]), ("legislators", ["people_id"]), ("parties", ["party"]),
                       ("roll_calls", ["roll_call_id"]), ("votes", ["roll_call_id", "people_id"]),
                       ("sponsors", ["bill_id", "people_id"]), ("bill_actions", ["bill_id", "sequence"])],
             [("legislators", "party", "parties", "party"), ("roll_calls", "bill_id", "bills", "bill_id"),
              ("votes", "roll_call_id", "roll_calls", "roll_call_id"),
              ("votes", "people_id", "legislators", "people_id"),
              ("sponsors", "bill_id", "bills", "bill_id"), ("sponsors", "people_id", "legislators", "people_id"),
              ("bill_actions", "bill_id", "bills", "bill_id")])


LOADERS.update(gormsey_water=load_gormsey_water, store_ab_test=load_store_ab_test,
               ri_legislature=load_ri_legislature)


# Batch 76: three more, one per domain given to it (a space launch log, a
# board game catalogue, Nobel prizes), from repositories not used before.
DATASETS.update({
    "space_launches": ("rlkenny/ESM-244-HW-1-PCA", "f4bd831b48e692742b92023c432e9a7309b427bc",
                       ["launches.csv", "agencies.csv"]),
    "board_games": ("jmthompson2015/gamefinder", "612e9c93eeab203c6cf7b9308906f84e5a38a406",
                    ["artifact/GameDetail.js", "artifact/Designer.js", "artifact/Category.js",
                     "artifact/Mechanic.js"]),
    "nobel_prizes": ("Khangtran94/Data_Analysis_of_Nobel_Prize_Winners",
                     "d0a6e2dc8c4dad05fa2ad1fcd95052f0767442fe", ["nobel.csv"]),
})

# The launch log's state codes (Jonathan McDowell's launch log conventions:
# one letter or two for a state, "I-" for an international body).
SPACE_STATES = [("SU", "Soviet Union"), ("US", "United States"), ("RU", "Russia"), ("CN", "China"),
                ("F", "France"), ("J", "Japan"), ("IN", "India"), ("I-ESA", "European Space Agency"),
                ("IL", "Israel"), ("I", "Italy"), ("IR", "Iran"), ("KP", "North Korea"),
                ("CYM", "Cayman Islands"), ("I-ELDO", "European Launcher Development Organisation"),
                ("KR", "South Korea"), ("BR", "Brazil"), ("UK", "United Kingdom")]

# Batch 77: a baseball league's pitching seasons, a city's salary list, a
# college museum's collection.
DATASETS.update({
    "mlb_pitching": ("nhannpl/MLB-database", "8032a3214759a24a567b592abcfe1d49c0b9bf55",
                     ["Players.csv", "TeamsFranchises.csv", "Teams.csv", "Pitching.csv", "Salaries.csv"]),
    "vb_salaries": ("alekseymor/SQL_Department_Statistics", "5501a17fb37b6cecef247cb675701f01bcedcf18",
                    ["Employee_Salaries.csv"]),
    "colby_museum": ("ColbyMuseum/MuseumLOD", "1b573a6811988538f93ad71cf75d79bee112337b",
                     ["data/colby_data.csv"]),
})


def _csv_text(header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    return out.getvalue()


def load_space_launches(srv, db, files):
    """Orbital launch attempts 1957-2018 from Jonathan McDowell's launch log
    as The Economist and TidyTuesday (2019-01-15) publish it, in a
    student's copy (the repository states no licence): states (17 launching
    states and international bodies, **added by the loader** from the log's
    codes: 'SU' Soviet Union, 'US', 'RU' Russia, 'CN', 'F' France, 'J'
    Japan, 'I-ESA' ...), agencies (74 launch agencies and companies: text
    key `agency` such as 'AE' (Arianespace), 'SPX' (SpaceX), 'NASA',
    short and full name, an English name where the log gives one,
    state_code, agency_type state / private / startup, location, and the
    founding and end years read from the log's text dates) and launches
    (5,726: the COSPAR-like `tag` key '1967-065', launch_date (NULL for
    none), launch_year, `vehicle` the rocket type ('Soyuz-U', 'Falcon 9'),
    `variant`, `mission`, `agency` -> agencies **only for the 950 private
    and startup launches** (a state launch names no agency), state_code ->
    states, `outcome` 'success' / 'failure' (the published category O / F)
    and agency_type). The log's Julian date and the agencies' launch
    counts are not loaded. No payloads, orbits, launch sites or costs."""
    launches, agencies = files
    ag = list(csv.DictReader(io.StringIO(agencies)))
    codes = {r["agency"] for r in ag}
    srv_states = _csv_text(["state_code", "state_name"], SPACE_STATES)
    n = load_csv_table(srv, db, "states", srv_states)
    print(f"  {db}.states: {n} rows")

    def year(v):
        m = re.match(r"(\d{4})", v.strip())
        return m.group(1) if m else None

    def dash(v):
        return None if v.strip() in ("-", "") else v.strip()
    rows = [[r["agency"], r["short_name"], r["name"], dash(r["english_name"]), r["state_code"],
             r["agency_type"], dash(r["location"]), year(r["tstart"]), year(r["tstop"])] for r in ag]
    n = load_csv_table(srv, db, "agencies", _csv_text(
        ["agency", "short_name", "name", "english_name", "state_code", "agency_type", "location",
         "founded_year", "ended_year"], rows))
    print(f"  {db}.agencies: {n} rows")
    rows = []
    for r in csv.DictReader(io.StringIO(launches)):
        d = None
        if r["launch_date"]:
            mo, da, yr = r["launch_date"].split("/")
            d = f"{int(yr):04d}-{int(mo):02d}-{int(da):02d}"
        rows.append([r["tag"], d, r["launch_year"], r["type"], r["variant"] or None, r["mission"] or None,
                     r["agency"] if r["agency"] in codes else None, r["state_code"],
                     {"O": "success", "F": "failure"}[r["category"]], r["agency_type"]])
    n = load_csv_table(srv, db, "launches", _csv_text(
        ["tag", "launch_date", "launch_year", "vehicle", "variant", "mission", "agency", "state_code",
         "outcome", "agency_type"], rows))
    print(f"  {db}.launches: {n} rows")
    add_keys(srv, db, [("states", ["state_code"]), ("agencies", ["agency"]), ("launches", ["tag"])],
             [("agencies", "state_code", "states", "state_code"),
              ("launches", "agency", "agencies", "agency"),
              ("launches", "state_code", "states", "state_code")])


def _js_object(text):
    """The object literal of a JavaScript module `const X = {...}; Object.freeze(X); ...`."""
    body = text[text.index("{"):text.rindex("Object.freeze")].strip().rstrip(";")
    return json.loads(body)


def load_board_games(srv, db, files):
    """BoardGameGeek's data for about two thousand board games, as a game
    finder web app keeps it in JavaScript modules fetched from BGG's XML
    API (MIT): games (2,016: BGG's id, title, year_published — 
    **negative for ancient games**, -3500 for Senet —, bgg_rank (NULL for
    the 441 unranked), average_rating (the users' mean, 1-10),
    geek_rating (BGG's Bayesian rating, NULL for 48), min / max / best
    number of players, min / max play time in minutes, average_weight
    (complexity 1-5, **0 when nobody voted**)), designers (1,140, with
    '(Uncredited)' as one), categories (81), mechanics (188) and three
    link tables game_designers, game_categories, game_mechanics. Ids as
    BGG gives them. No publishers, prices, sales, reviews or plays."""
    games, designers, categories, mechanics = (_js_object(t) for t in files)
    cols = ["game_id", "title", "year_published", "bgg_rank", "average_rating", "geek_rating",
            "min_players", "max_players", "best_with_players", "min_play_time", "max_play_time",
            "average_weight"]
    keys = ["id", "title", "yearPublished", "boardGameRank", "averageRating", "geekRating",
            "minPlayers", "maxPlayers", "bestWithPlayers", "minPlayTime", "maxPlayTime", "averageWeight"]
    rows = [[g.get(k) for k in keys] for g in games.values()]
    n = load_csv_table(srv, db, "games", _csv_text(cols, rows))
    print(f"  {db}.games: {n} rows")
    for table, key, objs in (("designers", "designer_id", designers), ("categories", "category_id", categories),
                             ("mechanics", "mechanic_id", mechanics)):
        n = load_csv_table(srv, db, table, _csv_text([key, "name"], [[o["id"], o["name"]] for o in objs.values()]))
        print(f"  {db}.{table}: {n} rows")
    for table, key, field in (("game_designers", "designer_id", "designerIds"),
                              ("game_categories", "category_id", "categoryIds"),
                              ("game_mechanics", "mechanic_id", "mechanicIds")):
        pairs = sorted({(g["id"], i) for g in games.values() for i in g[field]})
        n = load_csv_table(srv, db, table, _csv_text(["game_id", key], pairs))
        print(f"  {db}.{table}: {n} rows")
    add_keys(srv, db, [("games", ["game_id"]), ("designers", ["designer_id"]), ("categories", ["category_id"]),
                       ("mechanics", ["mechanic_id"]), ("game_designers", ["game_id", "designer_id"]),
                       ("game_categories", ["game_id", "category_id"]),
                       ("game_mechanics", ["game_id", "mechanic_id"])],
             [("game_designers", "game_id", "games", "game_id"),
              ("game_designers", "designer_id", "designers", "designer_id"),
              ("game_categories", "game_id", "games", "game_id"),
              ("game_categories", "category_id", "categories", "category_id"),
              ("game_mechanics", "game_id", "games", "game_id"),
              ("game_mechanics", "mechanic_id", "mechanics", "mechanic_id")])


def load_nobel_prizes(srv, db, files):
    """Nobel prizes 1901-2023 from the Nobel Foundation's open data, as
    DataCamp's "Visualizing the History of Nobel Prize Winners" project
    publishes it (nobel.csv, one row per laureate and prize), in a
    learner's copy (the repository states no licence; the Nobel data is
    CC0), split by the loader into laureates (992 persons and
    organisations: the published laureate_id, full_name — the name of
    their latest prize's row —, laureate_type Individual / Organization,
    sex (NULL for organisations), birth_date (NULL for twelve recent
    laureates whose file row says only '1993-00-00'), birth_year (for all
    with a birth date or year), birth city and country, death date, city
    and country; countries as the Foundation writes them,
    'Prussia (Germany)', 'United States of America'), prizes (one per
    year and category awarded: 'Chemistry', 'Economics', 'Literature',
    'Medicine', 'Peace', 'Physics', with the prize's full name),
    organizations (the affiliations named, **added by the loader** with an
    id: name, city, country) and awards (1,000: award_id in file order,
    year and category -> prizes, laureate_id -> laureates, motivation,
    prize_share **as text '1/1' / '1/2' / '1/3' / '1/4'**, and the
    laureate's organization at the time -> organizations, NULL for 264).
    The CSV's 'NA' read as NULL."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    for r in rows:
        for k in r:
            if r[k] == "NA":
                r[k] = None
    lau = {}
    for r in rows:
        lau[r["laureate_id"]] = r  # rows run by year: the last one is the latest prize
    lcols = ["full_name", "laureate_type", "sex", "birth_date", "birth_year", "birth_city", "birth_country",
             "death_date", "death_city", "death_country"]
    for r in lau.values():  # twelve recent laureates have only a year of birth, written '1993-00-00'
        b = r["birth_date"]
        r["birth_year"] = b[:4] if b else None
        if b and "-00" in b:
            r["birth_date"] = None
    n = load_csv_table(srv, db, "laureates", _csv_text(
        ["laureate_id"] + lcols, [[k] + [r[c] for c in lcols] for k, r in sorted(lau.items(), key=lambda x: int(x[0]))]))
    print(f"  {db}.laureates: {n} rows")
    prizes = {}
    for r in rows:
        prizes.setdefault((r["year"], r["category"]), r["prize"])
    n = load_csv_table(srv, db, "prizes", _csv_text(
        ["year", "category", "prize"], [[y, c, p] for (y, c), p in sorted(prizes.items())]))
    print(f"  {db}.prizes: {n} rows")
    orgs = {}
    for r in rows:
        if r["organization_name"]:
            orgs.setdefault((r["organization_name"], r["organization_city"], r["organization_country"]), len(orgs) + 1)
    n = load_csv_table(srv, db, "organizations", _csv_text(
        ["organization_id", "name", "city", "country"], [[i, a, b, c] for (a, b, c), i in orgs.items()]))
    print(f"  {db}.organizations: {n} rows")
    aw = []
    for i, r in enumerate(rows):
        o = orgs.get((r["organization_name"], r["organization_city"], r["organization_country"])) \
            if r["organization_name"] else None
        aw.append([i + 1, r["year"], r["category"], r["laureate_id"], r["motivation"], r["prize_share"], o])
    n = load_csv_table(srv, db, "awards", _csv_text(
        ["award_id", "year", "category", "laureate_id", "motivation", "prize_share", "organization_id"], aw))
    print(f"  {db}.awards: {n} rows")
    add_keys(srv, db, [("laureates", ["laureate_id"]), ("prizes", ["year", "category"]),
                       ("organizations", ["organization_id"]), ("awards", ["award_id"])],
             [("awards", "laureate_id", "laureates", "laureate_id"),
              ("awards", "organization_id", "organizations", "organization_id")])
    srv.psql(db, "ALTER TABLE awards ADD FOREIGN KEY (year, category) REFERENCES prizes (year, category)")


LOADERS.update(space_launches=load_space_launches, board_games=load_board_games, nobel_prizes=load_nobel_prizes)
def load_mlb_pitching(srv, db, files):
    """Major League Baseball's pitching seasons from the Lahman Baseball
    Database (an edition with seasons to 2021, CC BY-SA 3.0) as a course project keeps five of
    its files (its Batting.csv is over the snapshot's size limit):
    players (20,463: playerid text key like 'aardsda01', first and last
    name, birth year and country, weight in pounds, height in inches, bats
    and throws L / R / B, debut and final game dates; birth month, day,
    city and state and the death columns not loaded), franchises (120, a
    text key like 'BOS', active Y / N), teams (one row per team and season,
    1871-2021: key (yearid, teamid), franchid -> franchises, league,
    division, wins, losses, runs, home runs, ERA, attendance, the name;
    "2B" / "3B" named doubles / triples), pitching (one row per pitcher,
    season and stint with a team: w, l, g, gs, sv, ipouts (outs pitched,
    innings times 3), h, er, hr, bb, so, era) and salaries (1985-2016, in
    dollars). Headers lower-cased. Keys: players.playerid,
    franchises.franchid, teams(yearid, teamid), pitching(playerid, yearid,
    stint), salaries(yearid, teamid, playerid)."""
    players, franch, teams, pitching, salaries = files
    keep = ["playerID", "nameFirst", "nameLast", "birthYear", "birthCountry", "weight", "height",
            "bats", "throws", "debut", "finalGame"]
    rows = list(csv.DictReader(io.StringIO(players)))
    n = load_csv_table(srv, db, "players", _csv_text([k.lower() for k in keep],
                                                      [[r[k] for k in keep] for r in rows]))
    print(f"  {db}.players: {n} rows")
    for name, text in (("franchises", franch), ("teams", teams), ("pitching", pitching),
                       ("salaries", salaries)):
        lines = text.lstrip("\ufeff").split("\n", 1)
        hdr = [h.strip().lower() for h in lines[0].split(",")]
        hdr = ["doubles" if h == "2b" else "triples" if h == "3b" else h for h in hdr]
        n = load_csv_table(srv, db, name, ",".join(hdr) + "\n" + lines[1])
        print(f"  {db}.{name}: {n} rows")
    add_keys(srv, db,
             [("players", ["playerid"]), ("franchises", ["franchid"]), ("teams", ["yearid", "teamid"]),
              ("pitching", ["playerid", "yearid", "stint"]), ("salaries", ["yearid", "teamid", "playerid"])],
             [("teams", "franchid", "franchises", "franchid"), ("pitching", "playerid", "players", "playerid"),
              ("salaries", "playerid", "players", "playerid")])


def load_vb_salaries(srv, db, files):
    """The salary list of the City of Virginia Beach's employees (one file of
    6,954 positions, as a data-analysis exercise keeps it; the departments
    name Virginia Beach's Convention & Visitors Bureau, Aquarium & Marine
    Science Center and Commonwealth's Attorney; no employee names are in
    the file; the repository states no licence), split by the loader into
    departments (39 three-letter codes, 'POL', 'FIR', 'PAR'), divisions
    (283: a code like 'POL 028', its name, its department) and positions
    (position_id 1... in file order, the published PCN position number
    (not unique: 6,121 distinct), the division, the position title, the
    FLSA status Exempt / Non Exempt (NULL where the file says 'NULL'),
    the initial hire date, the date in title, the annual salary). One
    salary list, no years of pay history, no names, genders or overtime.
    Keys: departments.department, divisions.division_code,
    positions.position_id; divisions -> departments, positions ->
    divisions."""
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))

    def iso(d):
        if "/" not in d:
            return None
        m, dd, y = d.split("/")
        return f"{int(y):04d}-{int(m):02d}-{int(dd):02d}"

    depts = sorted({r["Department"] for r in rows})
    n = load_csv_table(srv, db, "departments", _csv_text(["department"], [[d] for d in depts]))
    print(f"  {db}.departments: {n} rows")
    divs = {}
    for r in rows:
        code = r["Department_Division"][:7]
        divs[code] = (r["Department_Division"][8:].strip(), r["Department"])
    n = load_csv_table(srv, db, "divisions", _csv_text(
        ["division_code", "division_name", "department"],
        [[c, divs[c][0], divs[c][1]] for c in sorted(divs)]))
    print(f"  {db}.divisions: {n} rows")
    out = []
    for i, r in enumerate(rows, 1):
        out.append([i, r["PCN"], r["Department_Division"][:7], r["Position_Title"].strip(),
                    None if r["FLSA_Status"] == "NULL" else r["FLSA_Status"],
                    iso(r["Initial_Hire_Date"]), iso(r["Date_in_Title"]), None if r["Salary"] == "NULL" else r["Salary"]])
    n = load_csv_table(srv, db, "positions", _csv_text(
        ["position_id", "pcn", "division_code", "position_title", "flsa_status", "initial_hire_date",
         "date_in_title", "salary"], out))
    print(f"  {db}.positions: {n} rows")
    add_keys(srv, db, [("departments", ["department"]), ("divisions", ["division_code"]),
                       ("positions", ["position_id"])],
             [("divisions", "department", "departments", "department"),
              ("positions", "division_code", "divisions", "division_code")])


def load_colby_museum(srv, db, files):
    """The Colby College Museum of Art's open collection data, release 1.5
    (1,952 objects of the Lunder Collection and works by Alex Katz and
    others; CC0 1.0), split by the loader into artists (214, artist_id
    1... in name order, the name as published) and artworks (embark_id the
    museum database's id, accession number, artist, printer (mostly
    NULL), title, year_made as published text ('ca. 1945-1955', '1970s'),
    year_acquired as an integer (the one value '.078' read as NULL),
    media, dimensions, label, credit line). The file's Media_AAT and Notes
    columns are not loaded. No departments, exhibitions, loans, values or
    visitor counts are in the set. Keys: artists.artist_id,
    artworks.embark_id; artworks -> artists."""
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    names = sorted({r["Artist"].strip() for r in rows if r["Artist"].strip()})
    ids = {a: i for i, a in enumerate(names, 1)}
    n = load_csv_table(srv, db, "artists", _csv_text(["artist_id", "name"], [[ids[a], a] for a in names]))
    print(f"  {db}.artists: {n} rows")
    out = []
    for r in rows:
        y = r["Year_Acqd"].strip()
        out.append([r["embark_ID"], r["Accession_num"], ids.get(r["Artist"].strip()), r["Printer"].strip() or None,
                    r["Title"].strip(), r["Year_Made"].strip() or None, y if re.fullmatch(r"\d{4}", y) else None,
                    r["Media"].strip() or None, r["Dimensions"].strip() or None, r["Label"].strip() or None,
                    r["Credit_Line"].strip() or None])
    n = load_csv_table(srv, db, "artworks", _csv_text(
        ["embark_id", "accession_number", "artist_id", "printer", "title", "year_made", "year_acquired",
         "media", "dimensions", "label", "credit_line"], out))
    print(f"  {db}.artworks: {n} rows")
    add_keys(srv, db, [("artists", ["artist_id"]), ("artworks", ["embark_id"])],
             [("artworks", "artist_id", "artists", "artist_id")])


LOADERS.update(mlb_pitching=load_mlb_pitching, vb_salaries=load_vb_salaries, colby_museum=load_colby_museum)
# Batch 78: three more, one per domain given to it (a Pokémon-style game's
# species, types, moves and abilities; national-park visitor counts;
# software vulnerabilities), from repositories not used before.
POKEDEX_FILES = ("generations", "types", "stats", "move_damage_classes", "pokemon_colors", "pokemon_habitats",
                 "pokemon_species", "pokemon", "pokemon_types", "pokemon_stats", "abilities",
                 "pokemon_abilities", "moves", "type_efficacy")

DATASETS.update({
    "pokedex": ("veekun/pokedex", "cc483e1877f22b8c19ac27ec0ff5fafd09c5cd5b",
                [f"pokedex/data/csv/{f}.csv" for f in POKEDEX_FILES]),
    "park_visits": ("andrewswellie/National_Parks_Visitation_vs_Climate_Over_Time",
                    "ca557db59fd3db7e2fdd45dd98384d1c912c6943",
                    ["CSVs/national_parks.csv", "CSVs/final_merge_data.csv"]),
    "kev_catalog": ("cisagov/kev-data", "eacf03ec6637cc7be6d3d4ed50785493da5126a2",
                    ["known_exploited_vulnerabilities.csv"]),
})

# columns of veekun's files left out (contest data, Conquest spin-off order,
# internal effect / target codes)
POKEDEX_DROP = {"pokemon_species": ("conquest_order", "evolution_chain_id", "order"),
                "pokemon": ("order",),
                "stats": ("game_index",),
                "moves": ("target_id", "effect_id", "effect_chance", "contest_type_id", "contest_effect_id",
                          "super_contest_effect_id")}
# 0/1 columns loaded as booleans
POKEDEX_BOOLS = {"pokemon_species": ("is_baby", "has_gender_differences", "forms_switchable", "is_legendary",
                                     "is_mythical"),
                 "pokemon": ("is_default",), "stats": ("is_battle_only",), "abilities": ("is_main_series",),
                 "pokemon_abilities": ("is_hidden",)}


def load_pokedex(srv, db, files):
    """The Pokémon games' data as veekun's pokedex project publishes it
    (its CSV files, up to generation VIII / Sword and Shield; code MIT,
    the game data is The Pokémon Company's): generations (8,
    identifier 'generation-i' ... 'generation-viii'), types (20: the 18
    battle types plus 'unknown' and 'shadow', ids 10001 / 10002, with no
    Pokémon), stats (8: hp, attack, defense, special-attack,
    special-defense, speed, and the battle-only accuracy / evasion),
    move_damage_classes (3: status, physical, special), pokemon_colors
    (10), pokemon_habitats (9, generation III's; NULL for later
    species), pokemon_species (898: generation, the species it evolves
    from, color, shape_id (no shape table), habitat, gender_rate in
    eighths female (-1 genderless), capture_rate, base_happiness,
    hatch_counter, growth_rate_id (no table), booleans is_baby,
    is_legendary, is_mythical ...), pokemon (1,092: the 898 default
    forms with the species' id, plus 194 alternate forms (megas,
    regional forms) with ids from 10001; height in decimetres, weight
    in hectograms, base_experience, is_default), pokemon_types (1,675:
    pokemon - type, slot 1 or 2), pokemon_stats (6,552: six base stats a
    pokemon, base_stat and effort points), abilities (327: generation,
    is_main_series false for the 60 Conquest-only ones with ids from
    10001), pokemon_abilities (2,449: slot, is_hidden), moves (844:
    generation, type, power, pp, accuracy — NULL for moves that cannot
    miss or do no direct damage —, priority, damage class; 18 shadow
    moves with ids from 10001) and type_efficacy (324: damage_type_id
    attacking target_type_id, damage_factor 0 / 50 / 100 / 200 in
    percent). Names are veekun's lowercase identifiers ('mr-mime',
    'solar-beam'); the translated names, flavour texts, items, locations,
    evolution triggers and which pokemon learn which move
    (pokemon_moves.csv, over the snapshot's size limit) are not loaded.
    Keys on every id; pokemon -> pokemon_species, pokemon_species ->
    generations / pokemon_colors / pokemon_habitats / itself
    (evolves_from_species_id), pokemon_types -> pokemon / types,
    pokemon_stats -> pokemon / stats, pokemon_abilities -> pokemon /
    abilities, moves -> types / move_damage_classes / generations,
    type_efficacy -> types twice."""
    tables = dict(zip(POKEDEX_FILES, files))
    for t in POKEDEX_FILES:
        rows = list(csv.reader(io.StringIO(tables[t])))
        keep = [i for i, h in enumerate(rows[0]) if h not in POKEDEX_DROP.get(t, ())]
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        for r in rows:
            if r:
                w.writerow([r[i] for i in keep])
        n = load_csv_table(srv, db, t, out.getvalue())
        for c in POKEDEX_BOOLS.get(t, ()):
            srv.psql(db, f"ALTER TABLE {qi(t)} ALTER COLUMN {qi(c)} TYPE boolean USING {qi(c)} = 1")
        print(f"  {db}.{t}: {n} rows")
    add_keys(srv, db,
             [(t, ["id"]) for t in ("generations", "types", "stats", "move_damage_classes", "pokemon_colors",
                                    "pokemon_habitats", "pokemon_species", "pokemon", "abilities", "moves")]
             + [("pokemon_types", ["pokemon_id", "slot"]), ("pokemon_stats", ["pokemon_id", "stat_id"]),
                ("pokemon_abilities", ["pokemon_id", "slot"]),
                ("type_efficacy", ["damage_type_id", "target_type_id"])],
             [("pokemon_species", "generation_id", "generations", "id"),
              ("pokemon_species", "evolves_from_species_id", "pokemon_species", "id"),
              ("pokemon_species", "color_id", "pokemon_colors", "id"),
              ("pokemon_species", "habitat_id", "pokemon_habitats", "id"),
              ("pokemon", "species_id", "pokemon_species", "id"),
              ("pokemon_types", "pokemon_id", "pokemon", "id"), ("pokemon_types", "type_id", "types", "id"),
              ("pokemon_stats", "pokemon_id", "pokemon", "id"), ("pokemon_stats", "stat_id", "stats", "id"),
              ("pokemon_abilities", "pokemon_id", "pokemon", "id"),
              ("pokemon_abilities", "ability_id", "abilities", "id"),
              ("abilities", "generation_id", "generations", "id"),
              ("types", "generation_id", "generations", "id"),
              ("moves", "type_id", "types", "id"), ("moves", "damage_class_id", "move_damage_classes", "id"),
              ("moves", "generation_id", "generations", "id"),
              ("type_efficacy", "damage_type_id", "types", "id"),
              ("type_efficacy", "target_type_id", "types", "id")])


def load_park_visits(srv, db, files):
    """Monthly recreation visits to ten of the most visited US national
    parks, 2009-2018, with each month's average temperature, as a data
    bootcamp team's "National Parks Visitation vs Climate" project
    merged them (visits from the National Park Service's visitor-use
    statistics, temperatures in degrees Fahrenheit from NOAA weather
    stations near each park, averaged by the team; the repository states
    no licence): parks (61: the national parks the team listed, **park_id
    added by the loader** in file order, park_name 'Acadia National
    Park', latitude, longitude) and monthly_visits (1,200: ten parks x
    120 months, park_id, visit_year, visit_month 1-12, **month_start
    added by the loader** (the first day of the month, a date),
    recreation_visits, avg_temp_f rounded to 0.1). The file's repeated
    park name and coordinates are normalised into parks. 51 parks have
    no visit rows. No states, park areas, campgrounds, reservations,
    fees or visitor origins are in the set. Keys: parks.park_id,
    monthly_visits (park_id, visit_year, visit_month) -> parks."""
    parks_csv, merged = files
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["park_id", "park_name", "latitude", "longitude"])
    ids = {}
    for r in csv.DictReader(io.StringIO(parks_csv)):
        ids[r["Park"]] = len(ids) + 1
        w.writerow([ids[r["Park"]], r["Park"], r["Lat"], r["Lng"]])
    n = load_csv_table(srv, db, "parks", out.getvalue())
    print(f"  {db}.parks: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["park_id", "visit_year", "visit_month", "month_start", "recreation_visits", "avg_temp_f"])
    for r in csv.DictReader(io.StringIO(merged)):
        y, m = int(r["Year"]), int(r["Month"])
        w.writerow([ids[r["Park"]], y, m, f"{y:04d}-{m:02d}-01", r["Visits"], f"{float(r['Temp']):.1f}"])
    n = load_csv_table(srv, db, "monthly_visits", out.getvalue())
    print(f"  {db}.monthly_visits: {n} rows")
    add_keys(srv, db, [("parks", ["park_id"]), ("monthly_visits", ["park_id", "visit_year", "visit_month"])],
             [("monthly_visits", "park_id", "parks", "park_id")])


def load_kev_catalog(srv, db, files):
    """CISA's Known Exploited Vulnerabilities catalog (the US
    Cybersecurity and Infrastructure Security Agency's list of CVEs
    known to be exploited in the wild, as its kev-data repository
    publishes it, snapshot of 2025-08-25; public domain / CC0):
    vendors (230, **vendor_id added by the loader** in name order,
    vendor_name as published, 'Microsoft', 'Apache'), products (590,
    **product_id added by the loader**, vendor - product_name pairs as
    published, 'Windows', 'Exchange Server'), vulnerabilities (1,404:
    cve_id 'CVE-2021-44228', product_id, vulnerability_name,
    date_added to the catalog 2021-11-03 - 2025-08-25, short_description,
    required_action, due_date by which US federal agencies must act,
    known_ransomware_use 'Known' / 'Unknown') and vulnerability_cwes
    (1,338: cve_id - cwe_id 'CWE-78' pairs split from the published
    comma-separated cwes column; 152 vulnerabilities have none). The
    published notes column (links to advisories) is not loaded. The
    catalog holds no CVSS scores or severities, no CVE publication
    dates, no patch or fix dates and no CWE names. Keys:
    vendors.vendor_id, products.product_id, vulnerabilities.cve_id,
    vulnerability_cwes (cve_id, cwe_id); products -> vendors,
    vulnerabilities -> products, vulnerability_cwes -> vulnerabilities."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    vendors = sorted({r["vendorProject"] for r in rows})
    vid = {v: i + 1 for i, v in enumerate(vendors)}
    prods = sorted({(r["vendorProject"], r["product"]) for r in rows})
    pid = {p: i + 1 for i, p in enumerate(prods)}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["vendor_id", "vendor_name"])
    for v in vendors:
        w.writerow([vid[v], v])
    n = load_csv_table(srv, db, "vendors", out.getvalue())
    print(f"  {db}.vendors: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["product_id", "vendor_id", "product_name"])
    for p in prods:
        w.writerow([pid[p], vid[p[0]], p[1]])
    n = load_csv_table(srv, db, "products", out.getvalue())
    print(f"  {db}.products: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["cve_id", "product_id", "vulnerability_name", "date_added", "short_description",
                "required_action", "due_date", "known_ransomware_use"])
    links = []
    for r in rows:
        w.writerow([r["cveID"], pid[(r["vendorProject"], r["product"])], r["vulnerabilityName"], r["dateAdded"],
                    r["shortDescription"], r["requiredAction"], r["dueDate"], r["knownRansomwareCampaignUse"]])
        for c in r["cwes"].split(","):
            if c.strip() and (r["cveID"], c.strip()) not in links:
                links.append((r["cveID"], c.strip()))
    n = load_csv_table(srv, db, "vulnerabilities", out.getvalue())
    print(f"  {db}.vulnerabilities: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["cve_id", "cwe_id"])
    for l in links:
        w.writerow(l)
    n = load_csv_table(srv, db, "vulnerability_cwes", out.getvalue())
    print(f"  {db}.vulnerability_cwes: {n} rows")
    add_keys(srv, db, [("vendors", ["vendor_id"]), ("products", ["product_id"]), ("vulnerabilities", ["cve_id"]),
                       ("vulnerability_cwes", ["cve_id", "cwe_id"])],
             [("products", "vendor_id", "vendors", "vendor_id"),
              ("vulnerabilities", "product_id", "products", "product_id"),
              ("vulnerability_cwes", "cve_id", "vulnerabilities", "cve_id")])


LOADERS.update(pokedex=load_pokedex, park_visits=load_park_visits, kev_catalog=load_kev_catalog)
# Batch 80: three more (restaurant inspections; an airport's monthly
# flights and delays; and, in place of a recruitment agency's placements,
# which could not be found with rows in the time, Broadway weekly grosses),
# from repositories not used before.
CORGIS = ("RealTimeWeb/datasets", "2fe5befd251c783744d000bd4763e277616a152f")
DATASETS.update({
    "sf_food_scores": ("sifsir/Restaurant-_Inspection_LA", "88c1bb9565a5abda4cb08caeee95b1b3865b1b0c",
                       ["data_clean.csv"]),
    "airport_delays": (CORGIS[0], CORGIS[1], ["datasets/csv/airlines/airlines.csv"]),
    "broadway_grosses": (CORGIS[0], CORGIS[1], ["datasets/csv/broadway/broadway.csv"]),
})


def load_sf_food_scores(srv, db, files):
    """San Francisco restaurant health inspections in the LIVES format
    (the Department of Public Health's "Restaurant Scores - LIVES
    Standard", October 2016 - October 2019, as a data-engineering
    student project cleaned it: routine unscheduled inspections only,
    one violation kept per inspection; public data, the repository
    states no licence): businesses (2,574: business_id as published,
    business_name, business_address, postal_code, supervisor_district
    1-11) and inspections (6,325: **inspection_id added by the loader**
    in file order, business_id, inspection_date, inspection_score
    45-100 as an integer, inspection_type always 'Routine -
    Unscheduled', violation_description, risk_category 'Low Risk' /
    'Moderate Risk' / 'High Risk'). No cuisines, owners, inspectors,
    grades or closures are in the set. Keys: businesses.business_id,
    inspections.inspection_id; inspections -> businesses."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["business_id", "business_name", "business_address", "postal_code", "supervisor_district"])
    seen = set()
    for r in rows:
        if r["business_id"] not in seen:
            seen.add(r["business_id"])
            w.writerow([r["business_id"], r["business_name"], r["business_address"], r["business_postal_code"],
                        int(float(r["current_supervisor_districts"]))])
    n = load_csv_table(srv, db, "businesses", out.getvalue())
    print(f"  {db}.businesses: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["inspection_id", "business_id", "inspection_date", "inspection_score", "inspection_type",
                "violation_description", "risk_category"])
    for i, r in enumerate(rows):
        w.writerow([i + 1, r["business_id"], r["inspection_date"], int(float(r["inspection_score"])),
                    r["inspection_type"], r["violation_description"], r["risk_category"]])
    n = load_csv_table(srv, db, "inspections", out.getvalue())
    print(f"  {db}.inspections: {n} rows")
    add_keys(srv, db, [("businesses", ["business_id"]), ("inspections", ["inspection_id"])],
             [("inspections", "business_id", "businesses", "business_id")])


def load_airport_delays(srv, db, files):
    """Monthly flight, delay and cancellation totals at 29 large US
    airports, June 2003 - January 2016 (the Bureau of Transportation
    Statistics' on-time figures as the CORGIS dataset project publishes
    them, its airlines.csv; the repository states no licence, the data
    is US public data): airports (29: airport_code 'ATL', airport_name
    'Hartsfield-Jackson Atlanta International', city, state — **split
    by the loader** from the published 'Atlanta, GA: Hartsfield-Jackson
    Atlanta International') and monthly_stats (4,408: airport_code,
    stat_year, stat_month 1-12, **month_start added by the loader**,
    carriers (number of carriers reporting), flights_total, on_time,
    delayed, cancelled, diverted, delays_carrier / delays_late_aircraft
    / delays_nas / delays_security / delays_weather (numbers of delays
    by cause, fractional causes rounded by BTS; one delays_security is
    -1 as published) and minutes_carrier / minutes_late_aircraft /
    minutes_nas / minutes_security / minutes_weather / minutes_total
    (minutes of delay by cause)). No single flights, gates, terminals,
    airlines by name or passengers are in the set. Keys:
    airports.airport_code, monthly_stats (airport_code, stat_year,
    stat_month) -> airports."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["airport_code", "airport_name", "city", "state"])
    seen = set()
    for r in sorted(rows, key=lambda r: r["Code"]):
        if r["Code"] not in seen:
            seen.add(r["Code"])
            place, name = r["Name"].split(": ", 1)
            city, state = place.rsplit(", ", 1)
            w.writerow([r["Code"], name, city, state])
    n = load_csv_table(srv, db, "airports", out.getvalue())
    print(f"  {db}.airports: {n} rows")
    cols = [("carriers", "Carriers.Total"), ("flights_total", "Flights.Total"), ("on_time", "On Time"),
            ("delayed", "Delayed"), ("cancelled", "Cancelled"), ("diverted", "Diverted"),
            ("delays_carrier", "# of Delays.Carrier"), ("delays_late_aircraft", "# of Delays.Late Aircraft"),
            ("delays_nas", "# of Delays.National Aviation System"), ("delays_security", "# of Delays.Security"),
            ("delays_weather", "# of Delays.Weather"), ("minutes_carrier", "Minutes Delayed.Carrier"),
            ("minutes_late_aircraft", "Minutes Delayed.Late Aircraft"),
            ("minutes_nas", "Minutes Delayed.National Aviation System"),
            ("minutes_security", "Minutes Delayed.Security"), ("minutes_weather", "Minutes Delayed.Weather"),
            ("minutes_total", "Minutes Delayed.Total")]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["airport_code", "stat_year", "stat_month", "month_start"] + [c for c, _ in cols])
    for r in rows:
        y, m = int(r["Year"]), int(r["Month"])
        w.writerow([r["Code"], y, m, f"{y:04d}-{m:02d}-01"] + [r[s] for _, s in cols])
    n = load_csv_table(srv, db, "monthly_stats", out.getvalue())
    print(f"  {db}.monthly_stats: {n} rows")
    add_keys(srv, db, [("airports", ["airport_code"]), ("monthly_stats", ["airport_code", "stat_year", "stat_month"])],
             [("monthly_stats", "airport_code", "airports", "airport_code")])


def load_broadway_grosses(srv, db, files):
    """Weekly box-office figures of Broadway shows, 1990 - 2016 (The
    Broadway League's grosses as the CORGIS dataset project publishes
    them, its broadway.csv; same repository and licence note as
    airport_delays): theatres (56: **theatre_id added by the loader** in
    name order, theatre_name 'Majestic', 'Gershwin'), shows (820:
    **show_id added by the loader** in name order, show_name 'The Lion
    King', show_type 'Musical' / 'Play' / 'Special') and weekly_grosses
    (31,296: **week_id added by the loader**, show_id, theatre_id,
    week_date (the published date of the week, m/d/yyyy read as a
    date), attendance, capacity_pct (percent of seats sold, can pass
    100), gross in dollars, gross_potential_pct (percent of the
    potential gross, 0 where not reported), performances in the week).
    No ticket prices, casts, awards, openings or closings are in the
    set. Keys: theatres.theatre_id, shows.show_id,
    weekly_grosses.week_id; weekly_grosses -> shows / theatres."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    theatres = {t: i + 1 for i, t in enumerate(sorted({r["Theatre"] for r in rows}))}
    shows = {}
    for r in rows:
        shows.setdefault(r["Name"], r["Type"])
    sid = {s: i + 1 for i, s in enumerate(sorted(shows))}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["theatre_id", "theatre_name"])
    for t, i in theatres.items():
        w.writerow([i, t])
    n = load_csv_table(srv, db, "theatres", out.getvalue())
    print(f"  {db}.theatres: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["show_id", "show_name", "show_type"])
    for s in sorted(shows):
        w.writerow([sid[s], s, shows[s]])
    n = load_csv_table(srv, db, "shows", out.getvalue())
    print(f"  {db}.shows: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["week_id", "show_id", "theatre_id", "week_date", "attendance", "capacity_pct", "gross",
                "gross_potential_pct", "performances"])
    rows.sort(key=lambda r: (r["Full"][6:], r["Full"][:5], r["Name"]))
    for i, r in enumerate(rows):
        mm, dd, yy = r["Full"].split("/")
        w.writerow([i + 1, sid[r["Name"]], theatres[r["Theatre"]], f"{yy}-{mm}-{dd}", r["Attendance"],
                    r["Capacity"], r["Gross"], r["Gross Potential"], r["Performances"]])
    n = load_csv_table(srv, db, "weekly_grosses", out.getvalue())
    print(f"  {db}.weekly_grosses: {n} rows")
    add_keys(srv, db, [("theatres", ["theatre_id"]), ("shows", ["show_id"]), ("weekly_grosses", ["week_id"])],
             [("weekly_grosses", "show_id", "shows", "show_id"),
              ("weekly_grosses", "theatre_id", "theatres", "theatre_id")])


LOADERS.update(sf_food_scores=load_sf_food_scores, airport_delays=load_airport_delays,
               broadway_grosses=load_broadway_grosses)


# Batch 79: three more (a hospital pharmacy's drug issues to wards, a bookshop
# chain's sales, a marathon's results over three years), from repositories
# not used before.
DATASETS.update({
    "ward_pharmacy": ("CDU-data-science-team/phaRmacyForecasting", "31780a2f92e60985cad5cf7b47b1612709cc9dbd",
                      ["data/pharmacy.rda", "data/drug1.rda", "data/leadtime.rda"]),
    "bookshop_sales": ("mahmoudparsian/data-management-for-business-analytics",
                       "b6bd03e3bd313ae0263817e215a6bfb83a998f2d",
                       [f"labs/lab20_Book_Store/data_csv_files/{t}.csv"
                        for t in ("stores", "books", "customers", "transactions")]),
    "boston_marathon": ("lilykoff/marathon_analysis", "95401c66d973a3698bed8e051b927ea138dd7d42",
                        [f"marathon_results_{y}.csv" for y in (2017, 2018, 2019)]),
})


def read_rda(raw):
    """The data frames of an .rda file (R's XDR serialization, version 2 or
    3, bzip2 / gzip / uncompressed): {name: {column: [values]}}, factors as
    their labels, NA as None, Date columns as ISO dates."""
    import bz2
    import datetime
    import struct
    if raw[:3] == b"BZh":
        raw = bz2.decompress(raw)
    elif raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    if raw[:5] not in (b"RDX2\n", b"RDX3\n") or raw[5:7] != b"X\n":
        die("not an XDR .rda file")
    pos, refs = [7], []

    def i32():
        v = struct.unpack_from(">i", raw, pos[0])[0]
        pos[0] += 4
        return v

    version = i32()
    i32(), i32()
    if version == 3:
        pos[0] += i32()  # native encoding name

    def item():
        flags = i32()
        t, has_attr, has_tag = flags & 0xFF, flags & (1 << 9), flags & (1 << 10)
        if t in (241, 242, 247, 251, 252, 253, 254):  # environments, missing, NULL
            return None
        if t == 255:  # reference to an earlier symbol
            return refs[(flags >> 8 or i32()) - 1]
        if t == 1:  # symbol
            s = ("sym", item())
            refs.append(s)
            return s
        if t == 2:  # pairlist: attributes, and the top-level list of objects
            out = {}
            while True:
                if has_attr:
                    item()
                tag = item() if has_tag else None
                out[tag[1] if tag else len(out)] = item()
                nxt = i32()
                if nxt & 0xFF == 254:
                    return out
                if nxt & 0xFF != 2:
                    die(f"rda: pairlist continued by type {nxt & 0xFF}")
                has_attr, has_tag = nxt & (1 << 9), nxt & (1 << 10)
        if t == 9:  # string
            n = i32()
            if n == -1:
                return None
            s = raw[pos[0]:pos[0] + n].decode("utf-8", "replace")
            pos[0] += n
            return s
        n = i32()
        if t in (10, 13):
            v = [None if x == -2147483648 else x for x in struct.unpack_from(f">{n}i", raw, pos[0])]
            pos[0] += 4 * n
        elif t == 14:
            v = [None if x != x else x for x in struct.unpack_from(f">{n}d", raw, pos[0])]
            pos[0] += 8 * n
        elif t in (16, 19, 20):
            v = [item() for _ in range(n)]
        else:
            die(f"rda: R type {t} not handled")
        return ("vec", v, (item() if has_attr else None) or {})

    def column(c):
        _, v, attrs = c
        cls = (attrs.get("class") or ("vec", [], {}))[1]
        if attrs.get("levels"):
            labels = attrs["levels"][1]
            return [None if x is None else labels[x - 1] for x in v]
        if "Date" in cls:
            epoch = datetime.date(1970, 1, 1)
            return [None if x is None else (epoch + datetime.timedelta(days=int(x))).isoformat() for x in v]
        return v

    frames = {}
    for name, obj in item().items():
        _, cols, attrs = obj
        frames[name] = dict(zip(attrs["names"][1], (column(c) for c in cols)))
    return frames


def rda_number(x):
    """A double of R as it reads: 28.0 -> '28', 0.5 -> '0.5'."""
    if x is None:
        return None
    return str(int(x)) if x == int(x) else repr(x)


def load_ward_pharmacy(srv, db, files):
    """Nottinghamshire Healthcare NHS Trust's hospital pharmacy, as its
    data-science team published the data of its stock-forecasting project
    (R package phaRmacyForecasting, Health Foundation funded; MIT
    licence): drugs (19, drug_name 'Drug A' ... 'Drug S' — the trust
    anonymised the drugs — with the re-order level, pack size and re-order
    quantity of its main store), sites (3, 'Site A' / 'Site B' / 'Site C',
    **site_id added by the loader**), wards (107, ward_code an 8-character
    hashed code as published, 'd522aa90'; a ward code is issued to from
    several sites), dispensings (150,914 issues of a drug to a ward from a
    site, 2014-04-01 - 2020-07-31: **dispensing_id added by the loader** in
    file order, issue_date, quantity in units — negative for the 7,521
    returns, a fraction for 84 part packs), suppliers (12, supplier_code
    'MAW' with its name 'MAWDSLEY BROOKS & CO LTD'; Alloga UK Ltd appears
    under two codes) and deliveries (797 order lines received, 2017-01-05 -
    2019-06-01: **delivery_id added by the loader**, order_number, drug,
    supplier, date_ordered, date_received, quantity_received). The three
    .rda files are R data frames read by the loader (read_rda above); the
    package's other frames (use.rda, the same issues at one site with other
    ward codes; Outstanding_orders.rda, one row) are not loaded. No
    patients, prescribers, prices, costs, drug names, strengths or expiry
    dates are in the set. Keys: drugs.drug_name, sites.site_id,
    wards.ward_code, dispensings.dispensing_id, suppliers.supplier_code,
    deliveries.delivery_id; dispensings -> drugs / wards / sites,
    deliveries -> drugs / suppliers."""
    gitdir = os.path.join(MIRROR, DATASETS[db][0].replace("/", "+"), "repo")
    raw = [subprocess.run(["git", "--git-dir", gitdir, "show", f"{DATASETS[db][1]}:{p}"], capture_output=True,
                          check=True).stdout for p in DATASETS[db][2]]
    issues, reorder, lead = (next(iter(read_rda(r).values())) for r in raw)

    def table(name, header, rows):
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        n = load_csv_table(srv, db, name, out.getvalue())
        print(f"  {db}.{name}: {n} rows")

    levels = dict(zip(reorder["NSV_Code"], zip(reorder["Re_Order_Level"], reorder["Re_Order_Packsize"],
                                               reorder["Re_Order_Quantity"])))
    drugs = sorted(set(issues["NSVCode"]) | set(lead["NSVCode"]) | set(levels))
    table("drugs", ["drug_name", "reorder_level", "reorder_pack_size", "reorder_quantity"],
          [[d] + [rda_number(x) for x in levels.get(d, (None, None, None))] for d in drugs])
    sites = {s: i + 1 for i, s in enumerate(sorted(set(issues["Site1"])))}
    table("sites", ["site_id", "site_name"], [[i, s] for s, i in sites.items()])
    table("wards", ["ward_code"], [[w] for w in sorted(set(issues["Ward"]))])
    table("dispensings", ["dispensing_id", "issue_date", "drug_name", "ward_code", "site_id", "quantity"],
          [[i + 1, d, g, w, sites[s], rda_number(q)] for i, (d, g, q, w, s) in
           enumerate(zip(issues["Date"], issues["NSVCode"], issues["Total_Qty"], issues["Ward"], issues["Site1"]))])
    sup = {}
    for c, n in zip(lead["SupplierSupplier_Value"], lead["FullName_Value"]):
        sup.setdefault(c, n)
    table("suppliers", ["supplier_code", "supplier_name"], sorted(sup.items()))
    table("deliveries", ["delivery_id", "order_number", "drug_name", "supplier_code", "date_ordered",
                         "date_received", "quantity_received"],
          [[i + 1, rda_number(o), d, s, a, b, rda_number(q)] for i, (d, o, s, a, b, q) in
           enumerate(zip(lead["NSVCode"], lead["OrderNum"], lead["SupplierSupplier_Value"], lead["DateOrdered"],
                         lead["DateReceived"], lead["QtyRec_Value"]))])
    add_keys(srv, db, [("drugs", ["drug_name"]), ("sites", ["site_id"]), ("wards", ["ward_code"]),
                       ("dispensings", ["dispensing_id"]), ("suppliers", ["supplier_code"]),
                       ("deliveries", ["delivery_id"])],
             [("dispensings", "drug_name", "drugs", "drug_name"), ("dispensings", "ward_code", "wards", "ward_code"),
              ("dispensings", "site_id", "sites", "site_id"), ("deliveries", "drug_name", "drugs", "drug_name"),
              ("deliveries", "supplier_code", "suppliers", "supplier_code")])


def load_bookshop_sales(srv, db, files):
    """A made-up international bookshop chain (a business-analytics
    course's "Bookstore" lab, data generated for teaching with fictional
    titles, authors and customers; the repository states no licence):
    stores (9, store_name — published as store_location — 'Downtown
    Bookstore', city, country: two in the USA, one each in Canada, the UK,
    Germany, France, Australia, Japan, Mexico), authors (**made by the
    loader** from the distinct author names of the books, author_id in
    name order), books (205: isbn, title, author_id, category — ten:
    Fiction, Non-Fiction, Science, Technology, History, Philosophy,
    Children, Fantasy, Mystery, Self-Help —, published_date 1980-2023), customers (121:
    name, gender M / F / Other, age, city, country; the published
    example.com e-mail addresses are not loaded) and sales (901, one book
    a sale: sale_id, store_id, book_id, customer_id, purchase_date
    2015-2025, price). Keys on the ids; books -> authors, sales -> stores
    / books / customers."""
    stores, books, customers, sales = files
    n = load_csv_table(srv, db, "stores", stores.replace("store_location", "store_name", 1))
    print(f"  {db}.stores: {n} rows")
    rows = list(csv.DictReader(io.StringIO(books)))
    authors = {a: i + 1 for i, a in enumerate(sorted({r["author"] for r in rows}))}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["author_id", "author_name"])
    w.writerows([i, a] for a, i in authors.items())
    n = load_csv_table(srv, db, "authors", out.getvalue())
    print(f"  {db}.authors: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["book_id", "isbn", "title", "author_id", "category", "published_date"])
    w.writerows([r["book_id"], r["ISBN"], r["title"], authors[r["author"]], r["category"], r["published_date"]]
                for r in rows)
    n = load_csv_table(srv, db, "books", out.getvalue())
    print(f"  {db}.books: {n} rows")
    rows = list(csv.DictReader(io.StringIO(customers)))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    cols = ["customer_id", "name", "gender", "age", "city", "country"]
    w.writerow(cols)
    w.writerows([r[c] for c in cols] for r in rows)
    n = load_csv_table(srv, db, "customers", out.getvalue())
    print(f"  {db}.customers: {n} rows")
    n = load_csv_table(srv, db, "sales", sales)
    print(f"  {db}.sales: {n} rows")
    add_keys(srv, db, [("stores", ["store_id"]), ("authors", ["author_id"]), ("books", ["book_id"]),
                       ("customers", ["customer_id"]), ("sales", ["sale_id"])],
             [("books", "author_id", "authors", "author_id"), ("sales", "store_id", "stores", "store_id"),
              ("sales", "book_id", "books", "book_id"), ("sales", "customer_id", "customers", "customer_id")])


BOSTON_RACE_DATES = {2017: "2017-04-17", 2018: "2018-04-16", 2019: "2019-04-15"}  # Patriots' Day, each year
BOSTON_CHECKPOINTS = (("5K", 5.0), ("10K", 10.0), ("15K", 15.0), ("20K", 20.0), ("Half", 21.0975),
                      ("25K", 25.0), ("30K", 30.0), ("35K", 35.0), ("40K", 40.0))


def load_boston_marathon(srv, db, files):
    """The Boston Marathon's official finishers of 2017, 2018 and 2019
    (the Boston Athletic Association's published results as the Kaggle
    "Finishers Boston Marathon" files keep them, in a learner's analysis
    repository; the repository states no licence): races (3: race_year,
    race_date — **added by the loader**, the third Monday of April —,
    finishers), finishers (78,889: race_year, bib — text, the elite women
    'F1' ... —, age 18-84, gender M / F, city, state (US and Canadian codes,
    NULL abroad), country (IOC-style three-letter codes 'USA', 'KEN'),
    official_time and pace per mile as intervals, overall_place,
    gender_place, division_place (the place in the age and gender
    division)) and splits (elapsed time at 5K, 10K, 15K, 20K, the Half,
    25K, 30K, 35K and 40K: race_year, bib, checkpoint, distance_km,
    elapsed interval; a checkpoint the timing mats missed ('-' in the
    file) has no row). The runners' names, their citizenship, the
    para-athlete column and the projected time are not loaded, so a
    runner is known by year and bib only and cannot be followed from one
    year to the next. There is no weather, no start wave or corral, no
    prize money, and no runner who did not finish. Keys: races.race_year,
    finishers (race_year, bib), splits (race_year, bib, checkpoint);
    finishers -> races, splits -> finishers."""
    years = (2017, 2018, 2019)
    fin, spl = io.StringIO(), io.StringIO()
    fw, sw = csv.writer(fin, lineterminator="\n"), csv.writer(spl, lineterminator="\n")
    fw.writerow(["race_year", "bib", "age", "gender", "city", "state", "country", "official_time", "pace",
                 "overall_place", "gender_place", "division_place"])
    sw.writerow(["race_year", "bib", "checkpoint", "distance_km", "elapsed"])
    counts = {}
    for y, text in zip(years, files):
        rows = list(csv.DictReader(io.StringIO(text)))
        counts[y] = len(rows)
        for r in rows:
            fw.writerow([y, r["Bib"], r["Age"], r["M/F"], r["City"], r["State"], r["Country"], r["Official Time"],
                         r["Pace"], r["Overall"], r["Gender"], r["Division"]])
            for cp, km in BOSTON_CHECKPOINTS:
                if r[cp] not in ("", "-"):
                    sw.writerow([y, r["Bib"], cp, km, r[cp]])
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["race_year", "race_name", "race_date", "finishers"])
    w.writerows([y, "Boston Marathon", BOSTON_RACE_DATES[y], counts[y]] for y in years)
    n = load_csv_table(srv, db, "races", out.getvalue())
    print(f"  {db}.races: {n} rows")
    for name, text in (("finishers", fin.getvalue()), ("splits", spl.getvalue())):
        n = load_csv_table(srv, db, name, text, nulls=("", "-"))
        print(f"  {db}.{name}: {n} rows")
    srv.psql(db, "ALTER TABLE finishers ALTER COLUMN official_time TYPE interval USING official_time::interval, "
                 "ALTER COLUMN pace TYPE interval USING pace::interval, ALTER COLUMN bib TYPE text")
    srv.psql(db, "ALTER TABLE splits ALTER COLUMN elapsed TYPE interval USING elapsed::interval, "
                 "ALTER COLUMN bib TYPE text")
    add_keys(srv, db, [("races", ["race_year"]), ("finishers", ["race_year", "bib"]),
                       ("splits", ["race_year", "bib", "checkpoint"])],
             [("finishers", "race_year", "races", "race_year")])
    srv.psql(db, "ALTER TABLE splits ADD FOREIGN KEY (race_year, bib) REFERENCES finishers (race_year, bib)")


LOADERS.update(ward_pharmacy=load_ward_pharmacy, bookshop_sales=load_bookshop_sales,
               boston_marathon=load_boston_marathon)


# --- batch 81: a music app's plays, major US power outages, NYC exam results by borough and group

DATASETS.update({
    "music_app": ("snig-17/music-app-database", "08a54808308097baab858b90ff2f595cb511202a",
                  [f"data/{f}.csv" for f in ("artists", "albums", "songs", "listeners", "plays")]),
    "major_outages": ("zubinss/power-outage-analysis", "14d4fe9cc05e7fe12f16e5d93f9a1bedfbaecc94",
                      ["outage.csv"]),
    "nyc_exam_groups": ("myCanaless/NYCeducation-duringCOVID", "7bd693cb06742efcbbb61836578433331ffb0d43",
                        ["transformed_data/ethnicity_results.csv"]),
})


def load_music_app(srv, db, files):
    """A small music-listening app's database (a learner's SQL project on
    Replit: real artists, albums and songs, five made-up listeners known
    by first name with a birthdate, 200 made-up plays in 2024; the
    repository states no licence): artists (14, name, country,
    debut_year, genre), albums (40, title, artist_id, release_date),
    songs (52, title, album_id), listeners (5, name, birthdate) and
    plays (200, song_id, listener_id, played_date — a date, no time of
    day). Loaded as published, with the keys the project's
    create_tables.sql declares. Keys: artists.artist_id,
    albums.album_id, songs.song_id, listeners.listener_id,
    plays.play_id; albums -> artists, songs -> albums, plays -> songs,
    plays -> listeners."""
    names = ("artists", "albums", "songs", "listeners", "plays")
    for name, text in zip(names, files):
        n = load_csv_table(srv, db, name, text)
        print(f"  {db}.{name}: {n} rows")
    add_keys(srv, db, [("artists", ["artist_id"]), ("albums", ["album_id"]), ("songs", ["song_id"]),
                       ("listeners", ["listener_id"]), ("plays", ["play_id"])],
             [("albums", "artist_id", "artists", "artist_id"), ("songs", "album_id", "albums", "album_id"),
              ("plays", "song_id", "songs", "song_id"), ("plays", "listener_id", "listeners", "listener_id")])


def _outage_ts(d, t):
    import datetime
    if d == "NA" or not d:
        return None
    day = datetime.datetime.strptime(d.split(", ", 1)[1], "%B %d, %Y").date()
    if t == "NA" or not t:
        return day.isoformat() + " 00:00:00"
    tm = datetime.datetime.strptime(t, "%I:%M:%S %p").time()
    return f"{day.isoformat()} {tm.isoformat()}"


def load_major_outages(srv, db, files):
    """Major power outages in the US (49 states and the District of
    Columbia), January 2000 - July 2016 (the US Department of Energy's form OE-417 reports as Purdue
    University's Laboratory for Advancing Sustainable Critical
    Infrastructure compiled them, kept as a CSV by a data-science course
    project; outages that affected at least 50,000 customers or lost at
    least 300 MW): states (50: those with an outage, state_code 'MN', state_name, climate_region
    — one of nine NOAA climate regions, NULL for Alaska and Hawaii),
    causes (7: **cause_id added by the loader**, cause_category 'severe
    weather', 'intentional attack', ...), outages (1,534: outage_id the
    file's OBS number, state_code, nerc_region 'WECC', 'RFC', ...,
    **outage_start and restoration_time timestamps joined by the loader**
    from the published date and 12-hour time columns (9 starts and 58
    restorations unknown), cause_id, cause_detail 'thunderstorm',
    'vandalism' (often NULL), hurricane_name, duration_minutes,
    demand_loss_mw, customers_affected (443 NULL), anomaly_level (the
    El Nino / La Nina index of the season) and climate_category 'cold' /
    'normal' / 'warm'). The file's per state-year economic columns
    (electricity prices, sales, customers, GSP, population, land
    area) are not loaded. No utilities' names, counties or cities are in
    the set. Keys: states.state_code, causes.cause_id,
    outages.outage_id; outages -> states, outages -> causes."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    na = lambda v: None if v in ("NA", "") else v
    states, causes = {}, {}
    for r in rows:
        states.setdefault(r["POSTAL.CODE"], (r["U.S._STATE"], na(r["CLIMATE.REGION"])))
    for c in sorted({r["CAUSE.CATEGORY"] for r in rows}):
        causes[c] = len(causes) + 1
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["state_code", "state_name", "climate_region"])
    for code, (name, region) in sorted(states.items()):
        w.writerow([code, name, region if region else "\\N"])
    n = load_csv_table(srv, db, "states", out.getvalue())
    print(f"  {db}.states: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["cause_id", "cause_category"])
    for c, i in causes.items():
        w.writerow([i, c])
    n = load_csv_table(srv, db, "causes", out.getvalue())
    print(f"  {db}.causes: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["outage_id", "state_code", "nerc_region", "outage_start", "restoration_time", "cause_id",
                "cause_detail", "hurricane_name", "duration_minutes", "demand_loss_mw", "customers_affected",
                "anomaly_level", "climate_category"])
    for r in rows:
        vals = [r["OBS"], r["POSTAL.CODE"], na(r["NERC.REGION"]),
                _outage_ts(r["OUTAGE.START.DATE"], r["OUTAGE.START.TIME"]),
                _outage_ts(r["OUTAGE.RESTORATION.DATE"], r["OUTAGE.RESTORATION.TIME"]),
                causes[r["CAUSE.CATEGORY"]], na(r["CAUSE.CATEGORY.DETAIL"]), na(r["HURRICANE.NAMES"]),
                na(r["OUTAGE.DURATION"]), na(r["DEMAND.LOSS.MW"]),
                None if na(r["CUSTOMERS.AFFECTED"]) is None else int(float(r["CUSTOMERS.AFFECTED"])),
                na(r["ANOMALY.LEVEL"]), na(r["CLIMATE.CATEGORY"])]
        w.writerow(["\\N" if v is None else v for v in vals])
    n = load_csv_table(srv, db, "outages", out.getvalue())
    print(f"  {db}.outages: {n} rows")
    add_keys(srv, db, [("states", ["state_code"]), ("causes", ["cause_id"]), ("outages", ["outage_id"])],
             [("outages", "state_code", "states", "state_code"), ("outages", "cause_id", "causes", "cause_id")])


def load_nyc_exam_groups(srv, db, files):
    """New York City public schools' results on the New York State ELA
    and mathematics exams (grades 3-8, all grades together) by borough
    and ethnic group, 2013-2019 and 2022-2023 (NYC Department of
    Education open data, as a student team's "NYC education during
    COVID" project transformed it; no exams in 2020, 2021 left out):
    boroughs (5: **borough_id added by the loader**, borough_name
    'BRONX', 'BROOKLYN', 'MANHATTAN', 'QUEENS', 'STATEN ISLAND' as
    published) and exam_results (540: **result_id added by the loader**,
    borough_id, exam_year, subject 'ELA' / 'Math', student_group 'Asian',
    'Black', 'Hispanic', 'Multi-Racial', 'Native American', 'White',
    number_tested, mean_scale_score, pct_level_1 ... pct_level_4 and
    pct_level_3_and_4 — level 3 and above is proficient — in percent).
    The published Grade column (always 'All Grades') is not loaded. No
    schools, single grades, students, teachers or other student groups
    (gender, disability, economic status) are in the set; the exams were
    rescaled in 2018, so mean scale scores before 2018 are not comparable
    with later ones. Keys: boroughs.borough_id, exam_results.result_id;
    exam_results -> boroughs."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    bor = {}
    for r in rows:
        bor.setdefault(r["Geographic Subdivision"], len(bor) + 1)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["borough_id", "borough_name"])
    for b, i in bor.items():
        w.writerow([i, b])
    n = load_csv_table(srv, db, "boroughs", out.getvalue())
    print(f"  {db}.boroughs: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["result_id", "borough_id", "exam_year", "subject", "student_group", "number_tested",
                "mean_scale_score", "pct_level_1", "pct_level_2", "pct_level_3", "pct_level_4",
                "pct_level_3_and_4"])
    for i, r in enumerate(rows, 1):
        w.writerow([i, bor[r["Geographic Subdivision"]], r["Year"], r["Subject"], r["Student Category"],
                    r["Number Tested"], r["Mean Scale Score"], r["Pct Level 1"], r["Pct Level 2"],
                    r["Pct Level 3"], r["Pct Level 4"], r["Pct Level 3 and 4"]])
    n = load_csv_table(srv, db, "exam_results", out.getvalue())
    print(f"  {db}.exam_results: {n} rows")
    add_keys(srv, db, [("boroughs", ["borough_id"]), ("exam_results", ["result_id"])],
             [("exam_results", "borough_id", "boroughs", "borough_id")])


LOADERS.update(music_app=load_music_app, major_outages=load_major_outages, nyc_exam_groups=load_nyc_exam_groups)


# --- batch 82: Baltimore's citations of 4 July 2012, a Mexican dairy's cows and lactations,
# a hotel chain's room-service, laundry and cleaning requests

DATASETS.update({
    "baltimore_citations": ("zhegwood/zachhegwood.com", "6b0f012a754f1da9a6339e90df760083416f97c5",
                            ["Parking_Citations.csv"]),
    "dairy_lactations": ("maadpeal/final_project_milk", "0348867247bfdd23c778dd965248048fc63112fd",
                         ["full_data.csv"]),
    "hotel_requests": ("nkomoniyi/store_data", "31fe4ea45eabe55c7b18c83eb26413ccdc8e4036",
                       ["branch.csv", "service.csv", "request.csv"]),
})


def load_baltimore_citations(srv, db, files):
    """Parking, red-light and speed-camera citations the City of Baltimore
    issued on 4 July 2012 (Baltimore open data's "Parking Citations", an
    extract kept as a CSV in a personal web site's repository; the
    repository states no licence): violations (19: violation_code,
    description, fine — the fine of the code's citations; code 99 has
    fines of 27 and 32, its fine is the larger) and citations (3,656:
    **citation_id added by the loader**, citation_number, vehicle_make
    'TOYT', 'FORD', ..., plate_state 'MD', location 'NORTHERN WB @
    GREENSPRING' or '600 S CHARLES ST', violation_code, fine_amount,
    issued_at timestamp, balance_due (0 once paid), open_fine,
    open_penalty, notice_date (a notice sent, NULL for most), imported_on).
    Some citations appear more than once in the file, re-imported on a
    later date: the loader keeps the row of the latest import. The tag
    (licence plate) and the registration's expiry month and year are not
    loaded. Keys: violations.violation_code, citations.citation_id;
    citations -> violations."""
    import datetime
    rows = list(csv.DictReader(io.StringIO(files[0])))
    money = lambda v: v.strip().replace("$", "").replace(",", "") or None
    ts = lambda v: datetime.datetime.strptime(v, "%m/%d/%Y %H:%M").isoformat(sep=" ")
    imp = lambda v: datetime.datetime.strptime(v[:10], "%m/%d/%Y").date()
    latest = {}
    for i, r in enumerate(rows):
        k = r["citation"]
        if k not in latest or imp(r["ImportDate"]) >= imp(rows[latest[k]]["ImportDate"]):
            latest[k] = i
    keep = sorted(latest.values())
    viol = {}
    for i in keep:
        r = rows[i]
        code = int(r["violCode"])
        desc = r["Description"].replace("\x92", "'").replace("\ufffd", "'").replace("?", "'")
        fine = float(money(r["violFine"]))
        d, f = viol.get(code, (desc, fine))
        viol[code] = (d, max(f, fine))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["violation_code", "description", "fine"])
    for code in sorted(viol):
        w.writerow([code, viol[code][0], viol[code][1]])
    n = load_csv_table(srv, db, "violations", out.getvalue())
    print(f"  {db}.violations: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["citation_id", "citation_number", "vehicle_make", "plate_state", "location", "violation_code",
                "fine_amount", "issued_at", "balance_due", "open_fine", "open_penalty", "notice_date",
                "imported_on"])
    for n, i in enumerate(keep, 1):
        r = rows[i]
        nd = r["noticeDate"].strip()
        nd = datetime.datetime.strptime(nd[:10].strip(), "%m/%d/%Y").date().isoformat() if nd else "\\N"
        w.writerow([n, r["citation"], r["make"].strip() or "\\N", r["state"].strip() or "\\N",
                    r["location"].strip(), int(r["violCode"]), money(r["violFine"]), ts(r["violDate"]),
                    money(r["balance"]), money(r["openFine"]), money(r["openPenalty"]), nd,
                    imp(r["ImportDate"]).isoformat()])
    n = load_csv_table(srv, db, "citations", out.getvalue())
    print(f"  {db}.citations: {n} rows")
    for c in ("fine", ):
        srv.psql(db, f"ALTER TABLE violations ALTER COLUMN {c} TYPE numeric(8,2)")
    for c in ("fine_amount", "balance_due", "open_fine", "open_penalty"):
        srv.psql(db, f"ALTER TABLE citations ALTER COLUMN {c} TYPE numeric(8,2)")
    srv.psql(db, "ALTER TABLE citations ALTER COLUMN citation_number TYPE text")
    add_keys(srv, db, [("violations", ["violation_code"]), ("citations", ["citation_id"])],
             [("citations", "violation_code", "violations", "violation_code")])


def load_dairy_lactations(srv, db, files):
    """A Mexican dairy's herd as of April 2022 ("La Montana de Cataluna",
    a data-science course team's project; the farm's export of the cows
    in the current lactation, merged by the team into full_data.csv; the
    repository states no licence): pens (the distinct "patio" numbers the
    cows are housed in), cows (4,393: cow_id the farm's number, status
    'milking' / 'dry', repro_status 'pregnancy', 'insemination',
    'labor', 'heat', 'no_inseminate', 'abortion' (the file's
    'pregnacy' spelled out), pen_id, birth_date, lactation_number (the
    current lactation, 1-9), days_in_milk) and lactations (one row per
    cow and lactation so far: cow_id, lactation_number,
    total_milk_kg (the lactation's milk; the current lactation's so far),
    milk_days, mastitis_cases, inseminations, abortions). A lactation is
    loaded where the file's lactation_N flag is 1. The team's
    duplicate id columns (vaca_x, vaca_y, index) are not loaded. Keys:
    pens.pen_id, cows.cow_id, lactations (cow_id, lactation_number);
    cows -> pens, lactations -> cows."""
    import datetime
    rows = list(csv.DictReader(io.StringIO(files[0])))
    spell = {"pregnacy": "pregnancy"}
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["pen_id"])
    for p in sorted({int(r["patio"]) for r in rows}):
        w.writerow([p])
    n = load_csv_table(srv, db, "pens", out.getvalue())
    print(f"  {db}.pens: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["cow_id", "status", "repro_status", "pen_id", "birth_date", "lactation_number", "days_in_milk"])
    for r in sorted(rows, key=lambda r: int(r["id"])):
        g = r["gynecological_status"]
        w.writerow([r["id"], r["Status"], spell.get(g, g), r["patio"],
                    datetime.datetime.strptime(r["given_birthdate"], "%m/%d/%Y").date().isoformat(),
                    r["lactation"], r["milk_days"]])
    n = load_csv_table(srv, db, "cows", out.getvalue())
    print(f"  {db}.cows: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["cow_id", "lactation_number", "total_milk_kg", "milk_days", "mastitis_cases", "inseminations",
                "abortions"])
    for r in sorted(rows, key=lambda r: int(r["id"])):
        for k in range(1, 10):
            if r[f"lactation_{k}"] != "1":
                continue
            ab = r["abortos_Lac_1"] if k == 1 else r[f"abortos_lac_{k}"]
            neg = lambda v: "\\N" if v == "-1" else v
            w.writerow([r["id"], k, r[f"total_production_{k}"], r[f"milk_days_{k}"],
                        neg(r[f"number_mastitis_lactation_{k}"]), neg(r[f"inseminacion_lac_{k}"]), neg(ab)])
    n = load_csv_table(srv, db, "lactations", out.getvalue())
    print(f"  {db}.lactations: {n} rows")
    add_keys(srv, db, [("pens", ["pen_id"]), ("cows", ["cow_id"]), ("lactations", ["cow_id", "lactation_number"])],
             [("cows", "pen_id", "pens", "pen_id"), ("lactations", "cow_id", "cows", "cow_id")])


def load_hotel_requests(srv, db, files):
    """A hotel chain's guest service requests ("LuxurStay Hotels", the
    made-up data of DataCamp's SQL Associate certification exam, as a
    learner's repository keeps its three CSV files; the repository states
    no licence): branches (100 hotels: branch_id, location — region
    'EMEA', 'NA', 'LATAM', 'APAC' —, total_rooms (10 NULL, published as
    'null'), staff_count (service staff), opening_year (4 NULL, published
    as '-'), target_guests 'Business' / 'Leisure'), services (4:
    service_id, description 'Meal', 'Laundry', 'Cleaning', 'Other') and
    requests (17,682 requests a guest rated: request_id, service_id,
    branch_id, time_taken — minutes to complete —, request_time the
    period 'Day-Peak', 'Day-Off-Peak' or 'Night', rating 3-5). The
    published target_guests spellings 'B.' and 'Busniess' are read as
    'Business', as the exam's data description asks; no other value is
    changed. There are no dates, rooms, guests or staff members by name.
    Keys: branches.branch_id, services.service_id, requests.request_id;
    requests -> branches, requests -> services."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["branch_id", "location", "total_rooms", "staff_count", "opening_year", "target_guests"])
    fix = {"B.": "Business", "Busniess": "Business"}
    nul = lambda v: "\\N" if v.strip() in ("", "null", "-") else v.strip()
    for r in rows:
        w.writerow([r["id"], nul(r["location"]), nul(r["total_rooms"]), nul(r["staff_count"]),
                    nul(r["opening_date"]), fix.get(r["target_guests"], r["target_guests"])])
    n = load_csv_table(srv, db, "branches", out.getvalue())
    print(f"  {db}.branches: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["service_id", "description"])
    for r in csv.DictReader(io.StringIO(files[1])):
        w.writerow([r["id"], r["description"]])
    n = load_csv_table(srv, db, "services", out.getvalue())
    print(f"  {db}.services: {n} rows")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["request_id", "service_id", "branch_id", "time_taken", "request_time", "rating"])
    for r in csv.DictReader(io.StringIO(files[2])):
        w.writerow([r["id"], r["service_id"], r["branch_id"], r["time_taken"], r["request_time"], r["rating"]])
    n = load_csv_table(srv, db, "requests", out.getvalue())
    print(f"  {db}.requests: {n} rows")
    add_keys(srv, db, [("branches", ["branch_id"]), ("services", ["service_id"]), ("requests", ["request_id"])],
             [("requests", "branch_id", "branches", "branch_id"), ("requests", "service_id", "services", "service_id")])


LOADERS.update(baltimore_citations=load_baltimore_citations, dairy_lactations=load_dairy_lactations,
               hotel_requests=load_hotel_requests)
# --- batch 83: a lending library's copies and loans, a small brewery's orders by batch, NASA's meteorite landings

DATASETS.update({
    "lending_library": ("Lana-Learn-Coding/swing-library-manager", "43eaab7ece1b87af4663a366cff579a59f59ac04",
                        [f"src/main/resources/db/migration/{f}.sql" for f in (
                            "V1.0.0__create_books_table", "V1.0.2__insert_default_data", "V2.0.0__mock_category",
                            "V2.0.1__mock_book_meta", "V2.0.2__mock_reader", "V2.0.3__mock_book_borrowing",
                            "V2.0.4__mock_book")]),
    "barnabys_brewery": ("dgbarclay/brewery_portal", "1e1cfe32cd89a72c1493c9b8b35f74337f260216",
                         ["Barnabys_sales_fabriacted_data.csv"]),
    "meteorite_landings": ("pradyumna632/Meteorite-Landings-Analysis-in-SQL",
                           "e1593225d971bcfe27bef60671f3714f53554a8a", ["Meteorite_Landings.csv"]),
})


def load_lending_library(srv, db, files):
    """A lending library's catalogue, readers and loans (a student team's
    Java Swing library manager: its Flyway migrations with Mockaroo-made
    rows, 2019-2020): category (51: 'Uncategorized' and 50 made-up
    genre labels like 'Comedy|Drama 95'), series (100 made-up names like
    'Office Assistant IV 149'), book_meta (1,000 titles — film titles as
    Mockaroo gives them, 982 distinct —: title, author, publisher, year
    1990-2020, category_id, series_id, NULL for 795), storage (2: 'on
    shelf', 'storage'), reader (1,000 made-up readers: name, gender — a
    boolean whose meaning the project does not state —, borrow_limit 5-20,
    birth), book_borrowing (600 loans: borrowed_date January 2019 -
    January 2020, due_date, borrower_id -> reader) and book (2,000 copies:
    condition 5-10, meta_id -> book_meta, storage_id -> storage,
    book_borrowing_id -> the loan the copy is on, NULL for the 609 not
    lent; a loan covers 0 to 7 copies). The published schema as is, except: the
    readers' e-mail, phone_number and address are **not loaded** (made-up
    but person-like), the reader column "limit" is **renamed
    borrow_limit**, the lorem-ipsum note and the empty image columns and
    the created_at / updated_at stamps (the time of loading) are dropped.
    No returns, return dates, fines, staff or branches are in the set."""
    create = files[0]
    srv.psql(db, file_text=create + ";\n")
    for text in files[1:]:
        srv.psql(db, file_text=text)
    for t in ("reader", "category", "series", "book_meta", "storage", "book_borrowing", "book"):
        srv.psql(db, f"ALTER TABLE {t} DROP COLUMN created_at, DROP COLUMN updated_at")
    srv.psql(db, "ALTER TABLE reader DROP COLUMN email, DROP COLUMN phone_number, DROP COLUMN address")
    srv.psql(db, 'ALTER TABLE reader RENAME COLUMN "limit" TO borrow_limit')
    srv.psql(db, "ALTER TABLE book_meta DROP COLUMN image")
    srv.psql(db, "ALTER TABLE book DROP COLUMN image, DROP COLUMN note")
    srv.psql(db, "ALTER TABLE book_borrowing DROP COLUMN note")
    for t in ("reader", "category", "series", "book_meta", "storage", "book_borrowing", "book"):
        n = srv.psql(db, f"SELECT count(*) FROM {t}").strip()
        print(f"  {db}.{t}: {n} rows")


def load_barnabys_brewery(srv, db, files):
    """A small organic brewery's orders by batch (Barnaby's Brewhouse, a
    made-up brewery of a university programming assignment; the sales
    file the assignment gives, "fabricated" as its name says, November
    2018 - October 2019): products (3: **product_id added by the loader**,
    recipe 'Organic Pilsner', 'Organic Red Helles', 'Organic Dunkel'),
    batches (20: gyle_number — the brewer's batch number — and product_id),
    customers (64 shops, pubs and restaurants: **customer_id added by the
    loader** in name order, customer_name), orders (351: invoice_number,
    customer_id, date_required) and order_lines (662: **line_id added by
    the loader** in file order, invoice_number, gyle_number, quantity —
    bottles ordered). No tanks, prices, brew or bottling dates, staff or
    ingredients are in the set. Keys: products.product_id,
    batches.gyle_number, customers.customer_id, orders.invoice_number,
    order_lines.line_id; batches -> products, orders -> customers,
    order_lines -> orders and batches."""
    import datetime
    rows = list(csv.DictReader(io.StringIO(files[0])))
    prods = {}
    for r in rows:
        prods.setdefault(r["Recipe"], None)
    prods = {name: i for i, name in enumerate(sorted(prods), 1)}
    custs = {name: i for i, name in enumerate(sorted({r["Customer"] for r in rows}), 1)}

    def table(name, header, body):
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
        n = load_csv_table(srv, db, name, out.getvalue())
        print(f"  {db}.{name}: {n} rows")

    table("products", ["product_id", "product_name"], [(i, n) for n, i in prods.items()])
    gyles = {}
    for r in rows:
        gyles.setdefault(int(r["Gyle Number"]), prods[r["Recipe"]])
    table("batches", ["gyle_number", "product_id"], sorted(gyles.items()))
    table("customers", ["customer_id", "customer_name"], [(i, n) for n, i in custs.items()])
    orders = {}
    for r in rows:
        d = datetime.datetime.strptime(r["Date Required"], "%d-%b-%y").date().isoformat()
        orders.setdefault(int(r["Invoice Number"]), (custs[r["Customer"]], d))
    table("orders", ["invoice_number", "customer_id", "date_required"],
          [(k, c, d) for k, (c, d) in sorted(orders.items())])
    table("order_lines", ["line_id", "invoice_number", "gyle_number", "quantity"],
          [(i, r["Invoice Number"], r["Gyle Number"], r["Quantity ordered"]) for i, r in enumerate(rows, 1)])
    add_keys(srv, db, [("products", ["product_id"]), ("batches", ["gyle_number"]),
                       ("customers", ["customer_id"]), ("orders", ["invoice_number"]),
                       ("order_lines", ["line_id"])],
             [("batches", "product_id", "products", "product_id"),
              ("orders", "customer_id", "customers", "customer_id"),
              ("order_lines", "invoice_number", "orders", "invoice_number"),
              ("order_lines", "gyle_number", "batches", "gyle_number")])


def load_meteorite_landings(srv, db, files):
    """NASA's Meteoritical Society list of known meteorite landings
    (45,716 meteorites, as published on data.nasa.gov and kept by an SQL
    project): meteorites (name, meteorite_id, name_type 'Valid' /
    'Relict', rec_class — the recommended classification, 'L6', 'H5',
    'Iron, IIIAB', ... —, mass_g in grams (131 NULL), fall 'Fell' — seen
    falling — / 'Found', year (291 NULL), reclat, reclong — 0, 0 for some
    unknown places —). The copy writes masses with Indian digit grouping
    ('1,07,000'): **the commas are removed** at load; the GeoLocation
    column (the two coordinates again) is not loaded. No countries,
    finders, prices or collections are in the set. Key:
    meteorites.meteorite_id."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["meteorite_id", "name", "name_type", "rec_class", "mass_g", "fall", "year", "reclat", "reclong"])
    for r in rows:
        mass = r["mass (g)"].replace(",", "")
        w.writerow([r["id"], r["name"], r["nametype"], r["recclass"], mass or "\\N", r["fall"],
                    r["year"] or "\\N", r["reclat"] or "\\N", r["reclong"] or "\\N"])
    n = load_csv_table(srv, db, "meteorites", out.getvalue())
    print(f"  {db}.meteorites: {n} rows")
    srv.psql(db, "ALTER TABLE meteorites ALTER COLUMN mass_g TYPE numeric USING mass_g::numeric")
    add_keys(srv, db, [("meteorites", ["meteorite_id"])], [])


LOADERS.update(lending_library=load_lending_library, barnabys_brewery=load_barnabys_brewery,
               meteorite_landings=load_meteorite_landings)
DATASETS.update({
    "vct_maps_2024": ("BenDotWillcox/valorant-elo-dashboard", "dfd4a7a0261a4505846d581a97adbc4d19a931e2",
                      ["data/matches.csv"]),
    "truck_deliveries": ("colinlee7743/logistics-performance-dashboard", "aeae6dfa58e7c665e52eb278a486015a4ef40673",
                         ["data/deliveries.csv"]),
    "ngo_volunteers": ("Goku753/NayePankh-Foundation-Impact-Analytics-System",
                       "5fbb0755edd36f602474a860434b220884ca964a",
                       ["data/volunteers.csv", "data/campaigns.csv", "data/donations.csv", "data/social_media.csv"]),
})


def load_vct_maps_2024(srv, db, files):
    """Professional Valorant map results of the 2024 season (an Elo
    dashboard project's matches.csv, scraped from vlr.gg; the repository
    states no licence): one line per map played, with the winning and the
    losing team's tag, their round scores, the map, region, event and
    league. Split into teams (team_id in tag order, tag), events
    (event_id in name order, event_name, region, league) and map_results
    (the file's match_id as map_result_id, played_at timestamp, event_id,
    winner_team_id, loser_team_id, winner_rounds, loser_rounds, map_name).
    Keys: teams.team_id, events.event_id, map_results.map_result_id;
    map_results -> events, map_results -> teams twice."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    tags = sorted({r["winning_team"] for r in rows} | {r["losing_team"] for r in rows})
    tid = {t: i for i, t in enumerate(tags, 1)}
    evs = sorted({(r["event"], r["region"], r["league"]) for r in rows})
    names = [e[0] for e in evs]
    assert len(names) == len(set(names)), "an event in two regions"
    eid = {e[0]: i for i, e in enumerate(evs, 1)}
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["team_id", "tag"])
    for t in tags:
        w.writerow([tid[t], t])
    print(f"  {db}.teams: {load_csv_table(srv, db, 'teams', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["event_id", "event_name", "region", "league"])
    for e in evs:
        w.writerow([eid[e[0]], e[0], e[1], e[2]])
    print(f"  {db}.events: {load_csv_table(srv, db, 'events', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["map_result_id", "played_at", "event_id", "winner_team_id", "loser_team_id",
                "winner_rounds", "loser_rounds", "map_name"])
    for r in rows:
        w.writerow([r["match_id"], r["match_timestamp"], eid[r["event"]], tid[r["winning_team"]],
                    tid[r["losing_team"]], r["winning_team_score"], r["losing_team_score"], r["map"]])
    print(f"  {db}.map_results: {load_csv_table(srv, db, 'map_results', out.getvalue())} rows")
    add_keys(srv, db, [("teams", ["team_id"]), ("events", ["event_id"]), ("map_results", ["map_result_id"])],
             [("map_results", "event_id", "events", "event_id"),
              ("map_results", "winner_team_id", "teams", "team_id"),
              ("map_results", "loser_team_id", "teams", "team_id")])


def load_truck_deliveries(srv, db, files):
    """A made-up Australian freight company's deliveries, July 2022 on (a
    Power BI logistics-performance dashboard's generated deliveries.csv;
    the repository states no licence): drivers (driver_id in name order,
    driver_name — made-up names such as 'John Smith', no contact data)
    and deliveries as published otherwise (delivery_id 'D00001',
    delivery_date, customer, driver_id, vehicle 'TRK002' / 'VAN004',
    route, origin and destination cities, scheduled_time and actual_time
    as times of day, status, delay_minutes, delay_reason, distance_km,
    fuel_cost, delivery_cost, customer_rating often empty). Keys:
    drivers.driver_id, deliveries.delivery_id; deliveries -> drivers."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    drv = {d: i for i, d in enumerate(sorted({r["driver"] for r in rows}), 1)}
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["driver_id", "driver_name"])
    for d, i in drv.items():
        w.writerow([i, d])
    print(f"  {db}.drivers: {load_csv_table(srv, db, 'drivers', out.getvalue())} rows")
    cols = ["delivery_id", "delivery_date", "customer", "driver_id", "vehicle", "route", "origin",
            "destination", "scheduled_time", "actual_time", "status", "delay_minutes", "delay_reason",
            "distance_km", "fuel_cost", "delivery_cost", "customer_rating"]
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(cols)
    for r in rows:
        r = dict(r, driver_id=drv[r["driver"]], delivery_date=r["date"])
        w.writerow([r[c] for c in cols])
    print(f"  {db}.deliveries: {load_csv_table(srv, db, 'deliveries', out.getvalue())} rows")
    srv.psql(db, "ALTER TABLE deliveries ALTER scheduled_time TYPE time USING scheduled_time::time, "
                 "ALTER actual_time TYPE time USING actual_time::time")
    add_keys(srv, db, [("drivers", ["driver_id"]), ("deliveries", ["delivery_id"])],
             [("deliveries", "driver_id", "drivers", "driver_id")])


def load_ngo_volunteers(srv, db, files):
    """An Indian charity's volunteers, campaigns and donations (a data
    analytics internship project on the NayePankh Foundation, generated
    rows; the repository states no licence): volunteers (1000,
    volunteer_id 'V0001', city, hours_worked, event — the kind of event
    they served at), campaigns (5, campaign the name, cost,
    donations_raised, beneficiaries), donations (1000, donated_at — the
    generator's evenly spaced timestamps, cut to whole seconds —
    donor_id 'D0001', amount, campaign) and social_media (one row per
    month: month 'YYYY-MM' as text, instagram_followers, reach,
    engagement). Headers lower-cased. Keys: volunteers.volunteer_id,
    campaigns.campaign, donations.donor_id (each donor gives once),
    social_media.month; donations -> campaigns."""
    def lower(text, fix=None):
        rows = list(csv.reader(io.StringIO(text)))
        out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
        w.writerow([h.strip().lower() for h in rows[0]])
        for r in rows[1:]:
            if r:
                w.writerow(fix(r) if fix else r)
        return out.getvalue()
    vol, camp, don, soc = files
    print(f"  {db}.volunteers: {load_csv_table(srv, db, 'volunteers', lower(vol))} rows")
    print(f"  {db}.campaigns: {load_csv_table(srv, db, 'campaigns', lower(camp))} rows")
    d = lower(don, lambda r: [r[0][:19]] + r[1:]).replace("date,donor_id", "donated_at,donor_id", 1)
    print(f"  {db}.donations: {load_csv_table(srv, db, 'donations', d)} rows")
    print(f"  {db}.social_media: {load_csv_table(srv, db, 'social_media', lower(soc))} rows")
    srv.psql(db, "ALTER TABLE social_media ALTER month TYPE text")
    add_keys(srv, db, [("volunteers", ["volunteer_id"]), ("campaigns", ["campaign"]), ("donations", ["donor_id"]),
                       ("social_media", ["month"])],
             [("donations", "campaign", "campaigns", "campaign")])


LOADERS.update(vct_maps_2024=load_vct_maps_2024, truck_deliveries=load_truck_deliveries,
               ngo_volunteers=load_ngo_volunteers)
DATASETS.update({
    "dbt_pull_requests": ("jeremychia/jeremychia", "8cfa8935ffacf46dd70a75c580e6d43fa193ef01",
                          ["analysis/enhanced/enhanced_pr_data_complete.csv"]),
    "seattle_energy": ("pawellachowski777/Seattle-Building-Energy-Benchmarking",
                       "30a05ca76dd9670a9f3fed581ec58f7c07caeab2",
                       ["data/ALL_YEARS_building-energy-benchmarking-clean.csv"]),
    "avon_fire_2014": ("BathHacked/avon-fire-incidents", "74bd0e815b220039eedcb932c6898b03aa8cd6c3",
                       ["afrs_attended_incidents_july_2014.csv"]),
})


def _csv_text(header, rows):
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return out.getvalue()


def load_dbt_pull_requests(srv, db, files):
    """One analytics engineer's pull requests to six company repositories
    (August 2023 to February 2026), as his public profile repository keeps
    them after enriching a scrape with the GitHub CLI (the repository states
    no licence). Every pull request has the same author, so the author is
    left out, as are the description preview, URL, assignees and the empty
    milestone and reactions. Split into repositories (repository_id in
    name order, full_name, base_branch), pull_requests (pr_id in
    created_at order, repository_id, pr_number, title, state
    MERGED / CLOSED / OPEN, created_at, merged_at, closed_at, hours_to_merge,
    head_branch, reviews_count, approvals_count, changes_requested_count,
    comments_count, commits_count, files_changed, additions, deletions),
    reviewers (reviewer_id in login order, login — GitHub logins only, as
    published), pr_reviewers (pr_id, reviewer_id: the file's
    '|'-separated unique_reviewers) and pr_labels (pr_id, label: the
    '|'-separated labels). Timestamps in UTC without the zone. Keys:
    repositories.repository_id, pull_requests.pr_id (and repository_id,
    pr_number unique), reviewers.reviewer_id, pr_reviewers (pr_id,
    reviewer_id), pr_labels (pr_id, label); the links -> pull_requests,
    reviewers, repositories."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    rows.sort(key=lambda r: r["created_at"])
    repos = sorted({(r["repository"], r["base_branch"]) for r in rows})
    assert len({x[0] for x in repos}) == len(repos), "a repository with two base branches"
    rid = {x[0]: i for i, x in enumerate(repos, 1)}
    logins = sorted({l for r in rows for l in r["unique_reviewers"].split("|") if l})
    vid = {l: i for i, l in enumerate(logins, 1)}
    ts = lambda v: v.replace("T", " ").rstrip("Z") if v else ""
    print(f"  {db}.repositories: " + str(load_csv_table(srv, db, "repositories", _csv_text(
        ["repository_id", "full_name", "base_branch"], [[rid[n], n, b] for n, b in repos]))) + " rows")
    cols = ["reviews_count", "approvals_count", "changes_requested_count", "comments_count", "commits_count",
            "files_changed", "additions", "deletions"]
    prs, links, labels = [], [], []
    for i, r in enumerate(rows, 1):
        prs.append([i, rid[r["repository"]], r["pr_number"], r["title"], r["state"], ts(r["created_at"]),
                    ts(r["merged_at"]), ts(r["closed_at"]), r["time_to_merge_hours"], r["head_branch"]]
                   + [r[c] for c in cols])
        links += [[i, vid[l]] for l in dict.fromkeys(x for x in r["unique_reviewers"].split("|") if x)]
        labels += [[i, l] for l in dict.fromkeys(x for x in r["labels"].split("|") if x)]
    print(f"  {db}.pull_requests: " + str(load_csv_table(srv, db, "pull_requests", _csv_text(
        ["pr_id", "repository_id", "pr_number", "title", "state", "created_at", "merged_at", "closed_at",
         "hours_to_merge", "head_branch"] + cols, prs))) + " rows")
    print(f"  {db}.reviewers: " + str(load_csv_table(srv, db, "reviewers", _csv_text(
        ["reviewer_id", "login"], [[vid[l], l] for l in logins]))) + " rows")
    print(f"  {db}.pr_reviewers: " + str(load_csv_table(srv, db, "pr_reviewers", _csv_text(
        ["pr_id", "reviewer_id"], links))) + " rows")
    print(f"  {db}.pr_labels: " + str(load_csv_table(srv, db, "pr_labels", _csv_text(
        ["pr_id", "label"], labels))) + " rows")
    srv.psql(db, "ALTER TABLE pull_requests ALTER created_at TYPE timestamp USING created_at::timestamp, "
                 "ALTER merged_at TYPE timestamp USING merged_at::timestamp, "
                 "ALTER closed_at TYPE timestamp USING closed_at::timestamp, "
                 "ALTER hours_to_merge TYPE double precision; "
                 "ALTER TABLE pull_requests ADD UNIQUE (repository_id, pr_number)")
    add_keys(srv, db, [("repositories", ["repository_id"]), ("pull_requests", ["pr_id"]),
                       ("reviewers", ["reviewer_id"]), ("pr_reviewers", ["pr_id", "reviewer_id"]),
                       ("pr_labels", ["pr_id", "label"])],
             [("pull_requests", "repository_id", "repositories", "repository_id"),
              ("pr_reviewers", "pr_id", "pull_requests", "pr_id"),
              ("pr_reviewers", "reviewer_id", "reviewers", "reviewer_id"),
              ("pr_labels", "pr_id", "pull_requests", "pr_id")])


def load_seattle_energy(srv, db, files):
    """Seattle's building energy benchmarking (the City of Seattle's
    published yearly disclosures for 2015, 2016, 2017, 2019 and 2020, as a
    student project combined and cleaned them into one file; public data,
    the repository states no licence). One line per building and year,
    split into buildings (building_id the city's OSEBuildingID; the
    descriptive columns — property_name, building_type,
    primary_property_type, address, zip_code, council_district,
    neighborhood, year_built, floors, gross_floor_area, parking_floor_area
    — from the building's latest year, primary_property_type from its
    latest year that has one, since 2020 publishes none; neighborhood
    upper-cased with '&amp;' decoded; zip codes and counts written '98109.0'
    read as integers) and energy_reports (building_id, data_year,
    energy_star_score, site_eui, site_eui_wn, source_eui, source_eui_wn
    in kBtu per square foot, site_energy_kbtu, site_energy_wn_kbtu,
    steam_kbtu, electricity_kwh, electricity_kbtu, natural_gas_therms,
    natural_gas_kbtu, ghg_emissions_tonnes, ghg_intensity in kg per square
    foot). Empty values as NULL. Keys: buildings.building_id,
    energy_reports (building_id, data_year) -> buildings."""
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    num = lambda v: (str(int(float(v))) if v not in ("", None) else "")
    latest, ptype = {}, {}
    for r in sorted(rows, key=lambda r: int(r["DataYear"])):
        latest[r["OSEBuildingID"]] = r
        if r["PrimaryPropertyType"]:
            ptype[r["OSEBuildingID"]] = r["PrimaryPropertyType"]
    b = []
    for k in sorted(latest, key=int):
        r = latest[k]
        b.append([k, r["PropertyName"], r["BuildingType"], ptype.get(k, ""), r["Address"], num(r["ZipCode"]),
                  num(r["CouncilDistrictCode"]), r["Neighborhood"].replace("&amp;", "&").upper(),
                  num(r["YearBuilt"]), num(r["NumberofFloors"]), num(r["PropertyGFATotal"]),
                  num(r["PropertyGFAParking"])])
    print(f"  {db}.buildings: " + str(load_csv_table(srv, db, "buildings", _csv_text(
        ["building_id", "property_name", "building_type", "primary_property_type", "address", "zip_code",
         "council_district", "neighborhood", "year_built", "floors", "gross_floor_area",
         "parking_floor_area"], b))) + " rows")
    src = ["ENERGYSTARScore", "SiteEUI(kBtu/sf)", "SiteEUIWN(kBtu/sf)", "SourceEUI(kBtu/sf)",
           "SourceEUIWN(kBtu/sf)", "SiteEnergyUse(kBtu)", "SiteEnergyUseWN(kBtu)", "SteamUse(kBtu)",
           "Electricity(kWh)", "Electricity(kBtu)", "NaturalGas(therms)", "NaturalGas(kBtu)",
           "GHGEmissions(MetricTonsCO2e)", "GHGEmissionsIntensity(kgCO2e/ft2)"]
    dst = ["energy_star_score", "site_eui", "site_eui_wn", "source_eui", "source_eui_wn", "site_energy_kbtu",
           "site_energy_wn_kbtu", "steam_kbtu", "electricity_kwh", "electricity_kbtu", "natural_gas_therms",
           "natural_gas_kbtu", "ghg_emissions_tonnes", "ghg_intensity"]
    e = [[r["OSEBuildingID"], r["DataYear"]] + [num(r[c]) if c == "ENERGYSTARScore" else r[c] for c in src]
         for r in rows]
    print(f"  {db}.energy_reports: " + str(load_csv_table(srv, db, "energy_reports", _csv_text(
        ["building_id", "data_year"] + dst, e))) + " rows")
    srv.psql(db, "ALTER TABLE energy_reports " + ", ".join(
        f"ALTER {c} TYPE double precision" for c in dst if c != "energy_star_score"))
    add_keys(srv, db, [("buildings", ["building_id"]), ("energy_reports", ["building_id", "data_year"])],
             [("energy_reports", "building_id", "buildings", "building_id")])


def load_avon_fire_2014(srv, db, files):
    """Avon Fire & Rescue Service's attended incidents of July 2014 (the
    service's open-data release, as Bath: Hacked's parser repository keeps
    it; the file is Windows-1252, read as such; grid references are
    masked in the release and left out). Split into authorities (4
    unitary authorities: authority_id, authority_code as published —
    BRISTOL, S GLOS, BANES, N SOM — and authority_name spelled out), wards
    (ward_id in authority-then-name order, ward_name, authority_id) and
    incidents (incident_number '005538-01072014', call_date from the Day,
    Month and Year columns, call_time, ward_id, call_origin,
    incident_category Fire / False Alarm / Special Service,
    property_category, property_type, primary_fire, cause_of_fire,
    ignition_source, special_service_type, false_alarm_reason,
    road_traffic_collision, victims_involved — 'yes' / 'no' —,
    fatalities, injuries, rescues). Empty cells as NULL. Keys:
    authorities.authority_id, wards.ward_id, incidents.incident_number;
    incidents -> wards -> authorities."""
    repo, commit, paths = DATASETS[db]
    gitdir = os.path.join(MIRROR, repo.replace("/", "+"), "repo")
    text = subprocess.run(["git", "--git-dir", gitdir, "show", f"{commit}:{paths[0]}"], capture_output=True,
                          check=True).stdout.decode("cp1252")
    rows = list(csv.DictReader(io.StringIO(text)))
    names = {"BRISTOL": "Bristol", "S GLOS": "South Gloucestershire",
             "BANES": "Bath and North East Somerset", "N SOM": "North Somerset"}
    auths = sorted({r["Unitary Authority"] for r in rows})
    aid = {a: i for i, a in enumerate(auths, 1)}
    wards = sorted({(r["Unitary Authority"], r["Ward"]) for r in rows})
    wid = {w: i for i, w in enumerate(wards, 1)}
    print(f"  {db}.authorities: " + str(load_csv_table(srv, db, "authorities", _csv_text(
        ["authority_id", "authority_code", "authority_name"], [[aid[a], a, names[a]] for a in auths]))) + " rows")
    print(f"  {db}.wards: " + str(load_csv_table(srv, db, "wards", _csv_text(
        ["ward_id", "ward_name", "authority_id"], [[wid[w], w[1], aid[w[0]]] for w in wards]))) + " rows")
    months = {m: i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July",
                                          "August", "September", "October", "November", "December"], 1)}
    src = ["Origin of Call", "Incident Category", "Property Category", "Property Type", "Is Primary Fire",
           "Cause of Fire", "Ignition Source", "Special Service Type", "False Alarm Reason",
           "Road Traffic Collision", "Victims Involved?", "No. of fatalities", "No. of injuries", "No. of rescues"]
    dst = ["call_origin", "incident_category", "property_category", "property_type", "primary_fire",
           "cause_of_fire", "ignition_source", "special_service_type", "false_alarm_reason",
           "road_traffic_collision", "victims_involved", "fatalities", "injuries", "rescues"]
    inc = [[r["Incident Number"], f"{int(r['Year']):04d}-{months[r['Month']]:02d}-{int(r['Day']):02d}",
            r["Time of Call"], wid[(r["Unitary Authority"], r["Ward"])]] + [r[c].strip() for c in src]
           for r in rows]
    print(f"  {db}.incidents: " + str(load_csv_table(srv, db, "incidents", _csv_text(
        ["incident_number", "call_date", "call_time", "ward_id"] + dst, inc))) + " rows")
    srv.psql(db, "ALTER TABLE incidents ALTER call_date TYPE date USING call_date::date, "
                 "ALTER call_time TYPE time USING call_time::time")
    add_keys(srv, db, [("authorities", ["authority_id"]), ("wards", ["ward_id"]),
                       ("incidents", ["incident_number"])],
             [("wards", "authority_id", "authorities", "authority_id"),
              ("incidents", "ward_id", "wards", "ward_id")])


LOADERS.update(dbt_pull_requests=load_dbt_pull_requests, seattle_energy=load_seattle_energy,
               avon_fire_2014=load_avon_fire_2014)

DATASETS.update({
    "art_theater": ("willrandersen/PygHack", "48b91e39d1c28a15ef9199fe980723af17a24c88",
                    ["art-theater-master/datasets/ticket_sales_by_showing.csv"]),
    "alaska_crab": ("szuwalski/ebs_crab_pub", "7c0e9429fae8d35272f0bfd97cabfd33e23fb638",
                    ["data/FOSS_landings_2025.csv", "data/catches.csv"]),
    "captive_cetaceans": ("the-pudding/cetaceans", "b05d077916da291b4e3935485be1ba890ee8f94f",
                          ["docs/assets/allCetaceans.csv"]),
})


def load_art_theater(srv, db, files):
    """A one-screen art-house theatre's box office, June 2016 - August 2019
    (the Art Theater's ticket sales by showing, handed out for a hackathon;
    the repository states no licence): shows (one per published EventName,
    show_id in title order), showings (one per show and start time,
    showing_id in time order, starts_at, series — the published Folder such
    as '0 - Features', '1 - Late Nights', kept per showing because four
    titles ran in two series; the InternalEventName, often 'Deleted -
    146119', is not loaded) and ticket_sales (one row per showing and
    ticket type as published: ticket_type, quantity, item_price, price).
    Keys: shows.show_id, showings.showing_id, ticket_sales.sale_id;
    showings -> shows, ticket_sales -> showings."""
    import datetime
    rows = list(csv.DictReader(io.StringIO(files[0])))
    for r in rows:
        r["at"] = datetime.datetime.strptime(r["EventDate"], "%b %d, %Y %I:%M:%S %p")
    shows = {n: i for i, n in enumerate(sorted({r["EventName"] for r in rows}), 1)}
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["show_id", "title"])
    for n, i in shows.items():
        w.writerow([i, n])
    print(f"  {db}.shows: {load_csv_table(srv, db, 'shows', out.getvalue())} rows")
    series = {}
    for r in rows:
        series.setdefault((r["at"], r["EventName"]), r["Folder"])
    showing = {k: i for i, k in enumerate(sorted(series), 1)}
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["showing_id", "show_id", "starts_at", "series"])
    for (at, n), i in showing.items():
        w.writerow([i, shows[n], at.strftime("%Y-%m-%d %H:%M:%S"), series[(at, n)]])
    print(f"  {db}.showings: {load_csv_table(srv, db, 'showings', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["sale_id", "showing_id", "ticket_type", "quantity", "item_price", "price"])
    for i, r in enumerate(rows, 1):
        w.writerow([i, showing[(r["at"], r["EventName"])], r["TicketType"], r["Quantity"],
                    r["ItemPrice"].replace(",", ""), r["Price"].replace(",", "")])
    print(f"  {db}.ticket_sales: {load_csv_table(srv, db, 'ticket_sales', out.getvalue())} rows")
    srv.psql(db, "ALTER TABLE ticket_sales ALTER item_price TYPE numeric, ALTER price TYPE numeric")
    add_keys(srv, db, [("shows", ["show_id"]), ("showings", ["showing_id"]), ("ticket_sales", ["sale_id"])],
             [("showings", "show_id", "shows", "show_id"), ("ticket_sales", "showing_id", "showings", "showing_id")])


def load_alaska_crab(srv, db, files):
    """Alaska's commercial crab fisheries (a stock-assessment project's copy
    of NOAA Fisheries' FOSS landings and of the assessments' catch series;
    the repository states no licence): species (the four NMFS crab groups
    of the landings file, species_id in name order, nmfs_name,
    scientific_name, tsn), landings (one row per year and group,
    1950-2024: pounds with the commas removed, metric_tons, dollars) and
    stocks (the twelve assessed stocks, the column heads of catches.csv,
    split into species and area) with stock_catches (one row per year and
    stock where the file holds a figure; the unnamed trailing columns are
    not loaded). Keys: species.species_id, landings (year, species_id),
    stocks.stock_id, stock_catches (stock_id, year)."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    names = sorted({r["NMFS Name"] for r in rows})
    sp = {n: i for i, n in enumerate(names, 1)}
    info = {r["NMFS Name"]: r for r in rows}
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["species_id", "nmfs_name", "scientific_name", "tsn"])
    for n, i in sp.items():
        w.writerow([i, n, info[n]["Scientific Name"], info[n]["Tsn"]])
    print(f"  {db}.species: {load_csv_table(srv, db, 'species', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["year", "species_id", "pounds", "metric_tons", "dollars"])
    for r in rows:
        w.writerow([r["Year"], sp[r["NMFS Name"]], r["Pounds"].replace(",", ""), r["Metric Tons"].replace(",", ""),
                    r["Dollars"].replace(",", "")])
    print(f"  {db}.landings: {load_csv_table(srv, db, 'landings', out.getvalue())} rows")
    srv.psql(db, "ALTER TABLE landings ALTER pounds TYPE numeric, ALTER metric_tons TYPE numeric, "
                 "ALTER dollars TYPE numeric")
    grid = list(csv.reader(io.StringIO(files[1])))
    head = grid[0]
    cols = [(i, h.strip()) for i, h in enumerate(head) if h.strip() and i > 0]
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["stock_id", "stock_name", "crab", "area"])
    for k, (i, h) in enumerate(cols, 1):
        crab, area = h.split(" - ", 1)
        w.writerow([k, h, crab, area])
    print(f"  {db}.stocks: {load_csv_table(srv, db, 'stocks', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["stock_id", "year", "catch"])
    for r in grid[1:]:
        if not r or not r[0].strip():
            continue
        for k, (i, h) in enumerate(cols, 1):
            v = r[i].strip() if i < len(r) else ""
            if v:
                w.writerow([k, r[0].strip(), v])
    print(f"  {db}.stock_catches: {load_csv_table(srv, db, 'stock_catches', out.getvalue())} rows")
    srv.psql(db, "ALTER TABLE stock_catches ALTER catch TYPE numeric")
    add_keys(srv, db, [("species", ["species_id"]), ("landings", ["year", "species_id"]), ("stocks", ["stock_id"]),
                       ("stock_catches", ["stock_id", "year"])],
             [("landings", "species_id", "species", "species_id"), ("stock_catches", "stock_id", "stocks", "stock_id")])


def load_captive_cetaceans(srv, db, files):
    """Whales and dolphins held in US aquariums, marine parks and the Navy,
    1938 - May 2017 (The Pudding's "Free Willy and Flipper by the Numbers"
    data, from the US National Marine Mammal Inventory; the repository
    states no licence): places (every place named as an animal's origin —
    a park, or for captures and rescues a sea, bay or beach — or as its
    current or last known place, place_id in name order), animals (one per
    published ID: species, name, sex, birth_year, acquisition, acquired_on
    from OriginDateFormat, origin_place_id, current_place_id, mother and
    father as names, status, status_date from StatusDateFormat,
    cause_of_death; '-', 'NA' and empty values as NULL, whitespace
    collapsed) and transfers (the published Transfers chain 'A to B
    (dd-Mon-yyyy) to C ...' split into one row per move: animal_id,
    move_no, to_place as published text — spellings vary, so no key —,
    moved_on_text as published, often vague such as '< Nov 1987'). Keys:
    places.place_id, animals.animal_id, transfers (animal_id, move_no);
    animals -> places, transfers -> animals."""
    rows = list(csv.DictReader(io.StringIO(files[0])))

    def nul(v):
        v = " ".join((v or "").split())
        return None if v in ("", "-", "NA") else v

    def iso(v):
        v = nul(v)
        return v if v and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) else None

    names = set()
    for r in rows:
        names.update(n for n in (nul(r["OriginLocation"]), nul(r["Currently"])) if n)
    place = {n: i for i, n in enumerate(sorted(names), 1)}
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["place_id", "place_name"])
    for n, i in place.items():
        w.writerow([i, n])
    print(f"  {db}.places: {load_csv_table(srv, db, 'places', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["animal_id", "species", "name", "sex", "birth_year", "acquisition", "acquired_on",
                "origin_place_id", "current_place_id", "mother", "father", "status", "status_date",
                "cause_of_death"])
    for r in rows:
        by = nul(r["BirthYear"])
        w.writerow([r["ID"], nul(r["Species"]), nul(r["Name"]), nul(r["Sex"]),
                    by if by and by.isdigit() else None, nul(r["Acquisition"]), iso(r["OriginDateFormat"]),
                    place.get(nul(r["OriginLocation"])), place.get(nul(r["Currently"])), nul(r["Mother"]),
                    nul(r["Father"]), nul(r["Status"]), iso(r["StatusDateFormat"]), nul(r["COD"])])
    print(f"  {db}.animals: {load_csv_table(srv, db, 'animals', out.getvalue())} rows")
    srv.psql(db, "ALTER TABLE animals ALTER acquired_on TYPE date USING acquired_on::date, "
                 "ALTER status_date TYPE date USING status_date::date")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["animal_id", "move_no", "to_place", "moved_on_text"])
    for r in rows:
        t = nul(r["Transfers"])
        if not t:
            continue
        for k, part in enumerate(t.split(" to ")[1:], 1):
            m = re.fullmatch(r"(.*?)\s*\(([^()]*)\)\s*", part)
            name, when = (m.group(1), m.group(2)) if m else (part, None)
            w.writerow([r["ID"], k, name.strip() or None, when])
    print(f"  {db}.transfers: {load_csv_table(srv, db, 'transfers', out.getvalue())} rows")
    srv.psql(db, "ALTER TABLE transfers ALTER to_place TYPE text, ALTER moved_on_text TYPE text")
    add_keys(srv, db, [("places", ["place_id"]), ("animals", ["animal_id"]),
                       ("transfers", ["animal_id", "move_no"])],
             [("animals", "origin_place_id", "places", "place_id"),
              ("animals", "current_place_id", "places", "place_id"),
              ("transfers", "animal_id", "animals", "animal_id")])


LOADERS.update(art_theater=load_art_theater, alaska_crab=load_alaska_crab, captive_cetaceans=load_captive_cetaceans)

DATASETS.update({
    "survival_game": ("0BerkayK/post_apocalyptic_game_analytics", "905277dba086c83dce7881df7f7f34cf29c64eea",
                      ["data/users.csv", "data/attribution.csv", "data/ab_test.csv", "data/sessions.csv",
                       "data/purchases.csv"]),
    "casco_beaches": ("jstetich/Beaches_Bacteria", "bf7411146e29d6d12da6f29007bcf3433558412b",
                      ["Derived_Data/beach_locations.csv", "Derived_Data/beaches_data.csv"]),
    "seattle_pets": ("vincentarelbundock/Rdatasets", "1dcc2bf5f955cc1224a3e1307256e1fe86b68dae",
                     ["csv/openintro/seattlepets.csv"]),
})


def load_survival_game(srv, db, files):
    """A made-up post-apocalyptic survival game for phones, May to July
    2025 (a game-analytics portfolio project's simulated CSV files; the
    repository states no licence): players (5000, player_id 'user_1',
    registered_on, acquisition_channel — users.csv joined with
    attribution.csv, whose install_date is the registration date on every
    row), ab_test (one row per player: test_group control / treatment,
    clicked_special_offer 0 / 1), sessions (session_id added in file
    order, player_id, session_date, session_length_minutes; several a day)
    and purchases (purchase_id added in file order, player_id,
    purchase_date, amount_usd; some of 0.00). Keys: players.player_id,
    ab_test.player_id, sessions.session_id, purchases.purchase_id;
    ab_test, sessions and purchases -> players."""
    users, attr, ab, sess, purch = (list(csv.DictReader(io.StringIO(f))) for f in files)
    chan = {r["user_id"]: r for r in attr}
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["player_id", "registered_on", "acquisition_channel"])
    for r in users:
        a = chan[r["user_id"]]
        assert a["install_date"] == r["registration_date"]
        w.writerow([r["user_id"], r["registration_date"], a["acquisition_channel"]])
    print(f"  {db}.players: {load_csv_table(srv, db, 'players', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["player_id", "test_group", "clicked_special_offer"])
    for r in ab:
        w.writerow([r["user_id"], r["group"], r["clicked_special_offer"]])
    print(f"  {db}.ab_test: {load_csv_table(srv, db, 'ab_test', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["session_id", "player_id", "session_date", "session_length_minutes"])
    for i, r in enumerate(sess, 1):
        w.writerow([i, r["user_id"], r["session_date"], r["session_length_minutes"]])
    print(f"  {db}.sessions: {load_csv_table(srv, db, 'sessions', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["purchase_id", "player_id", "purchase_date", "amount_usd"])
    for i, r in enumerate(purch, 1):
        w.writerow([i, r["user_id"], r["purchase_date"], r["amount_usd"]])
    print(f"  {db}.purchases: {load_csv_table(srv, db, 'purchases', out.getvalue())} rows")
    add_keys(srv, db, [("players", ["player_id"]), ("ab_test", ["player_id"]), ("sessions", ["session_id"]),
                       ("purchases", ["purchase_id"])],
             [("ab_test", "player_id", "players", "player_id"), ("sessions", "player_id", "players", "player_id"),
              ("purchases", "player_id", "players", "player_id")])


def load_casco_beaches(srv, db, files):
    """Bacteria monitoring at Casco Bay beaches, Maine, 2000s to 2019 (the
    Maine Healthy Beaches program's data as the Casco Bay Estuary
    Partnership's State of the Bay analysis prepared it; the repository
    states no licence, the data is public monitoring data): sites (9 sample
    points, site_code 'EEB-01', town, beach_name, latitude, longitude),
    samples (sample_id added in file order, site_code, sample_date,
    sample_time — NULL where the file's time is midnight, i.e. not
    recorded —, sample_label the program's 'WIL-01 3/28/2005',
    sample_qualifier, weather, past_24h_weather, past_48h_weather,
    water_surface; the all-empty tide and current columns and the derived
    year / month / day-of-year are left out) and measurements (one row per
    sample and parameter that has a value: parameter 'Enterococci'
    (MPN/100 mL — the file's Bacteria column, the reporting limit where
    nothing was detected, with below_detection true), 'Salinity' (ppt),
    'Air temperature' and 'Water temperature' (deg C), 'Rain 24h' and
    'Rain 48h' (inches)). Keys: sites.site_code, samples.sample_id,
    measurements (sample_id, parameter); samples -> sites, measurements ->
    samples."""
    locs, data = (list(csv.DictReader(io.StringIO(f))) for f in files)
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["site_code", "town", "beach_name", "latitude", "longitude"])
    for r in locs:
        w.writerow([r["SamplePoint"], r["Town"], r["Beach_Name"], r["Latitude"], r["Longitude"]])
    print(f"  {db}.sites: {load_csv_table(srv, db, 'sites', out.getvalue())} rows")
    na = lambda v: "" if v == "NA" else v
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["sample_id", "site_code", "sample_date", "sample_time", "sample_label", "sample_qualifier",
                "weather", "past_24h_weather", "past_48h_weather", "water_surface"])
    mout = io.StringIO(); m = csv.writer(mout, lineterminator="\n")
    m.writerow(["sample_id", "parameter", "value", "unit", "below_detection"])
    params = [("Bacteria", "Enterococci", "MPN/100 mL"), ("Salinity", "Salinity", "ppt"),
              ("Air_Temp", "Air temperature", "deg C"), ("Water_Temp", "Water temperature", "deg C"),
              ("Rain24", "Rain 24h", "in"), ("Rain48", "Rain 48h", "in")]
    for i, r in enumerate(data, 1):
        t = r["sdatetime"][11:19]
        assert r["sdatetime"][:10] == r["sdate"]
        w.writerow([i, r["SiteCode"], r["sdate"], "" if t == "00:00:00" else t, r["Sample_ID"],
                    na(r["Sample_Qualifier"]), na(r["Weather"]), na(r["Past24HR_Weather"]),
                    na(r["Past48HR_Weather"]), na(r["Water_Surface"])])
        for col, name, unit in params:
            if na(r[col]) != "":
                below = ("true" if r["Censored_Flag"] == "TRUE" else "false") if col == "Bacteria" else ""
                m.writerow([i, name, r[col], unit, below])
    print(f"  {db}.samples: {load_csv_table(srv, db, 'samples', out.getvalue())} rows")
    print(f"  {db}.measurements: {load_csv_table(srv, db, 'measurements', mout.getvalue())} rows")
    srv.psql(db, "ALTER TABLE samples ALTER sample_time TYPE time USING sample_time::time; "
                 "ALTER TABLE measurements ALTER below_detection TYPE boolean USING below_detection::boolean")
    add_keys(srv, db, [("sites", ["site_code"]), ("samples", ["sample_id"]),
                       ("measurements", ["sample_id", "parameter"])],
             [("samples", "site_code", "sites", "site_code"), ("measurements", "sample_id", "samples", "sample_id")])


def load_seattle_pets(srv, db, files):
    """Seattle's pet licences, 2003 to 2018 (the City of Seattle's open
    data "Seattle Pet Licenses" as OpenIntro's seattlepets set keeps it,
    in Rdatasets' CSV copy; the city publishes the data as open
    data): breeds (breed_id in species-then-name order, species,
    breed_name — every primary and secondary breed named, per species,
    since 'Mix' and 'Standard' are both a dog's and a cat's) and licences
    (license_id the Rdatasets row number — the city's license_number
    repeats for 21 numbers —, license_number as text, license_issue_date,
    animal_name, species, primary_breed_id and secondary_breed_id — two
    links to breeds, the second NULL for a single breed —, zip_code the
    five-digit code, zip_plus4 the published nine-digit code where one was
    given, NULL otherwise; 397 without a ZIP code). Keys: breeds.breed_id,
    licences.license_id; licences -> breeds twice."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    pairs = sorted({(r["species"], r["primary_breed"]) for r in rows}
                   | {(r["species"], r["secondary_breed"]) for r in rows if r["secondary_breed"]})
    bid = {p: i for i, p in enumerate(pairs, 1)}
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["breed_id", "species", "breed_name"])
    for p in pairs:
        w.writerow([bid[p], p[0], p[1]])
    print(f"  {db}.breeds: {load_csv_table(srv, db, 'breeds', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["license_id", "license_number", "license_issue_date", "animal_name", "species",
                "primary_breed_id", "secondary_breed_id", "zip_code", "zip_plus4"])
    for r in rows:
        z = r["zip_code"]
        sec = bid[(r["species"], r["secondary_breed"])] if r["secondary_breed"] else ""
        w.writerow([r["rownames"], r["license_number"], r["license_issue_date"], r["animal_name"],
                    r["species"], bid[(r["species"], r["primary_breed"])], sec, z[:5],
                    z if len(z) > 5 else ""])
    print(f"  {db}.licences: {load_csv_table(srv, db, 'licences', out.getvalue())} rows")
    srv.psql(db, "ALTER TABLE licences ALTER zip_code TYPE text")
    add_keys(srv, db, [("breeds", ["breed_id"]), ("licences", ["license_id"])],
             [("licences", "primary_breed_id", "breeds", "breed_id"),
              ("licences", "secondary_breed_id", "breeds", "breed_id")])


LOADERS.update(survival_game=load_survival_game, casco_beaches=load_casco_beaches, seattle_pets=load_seattle_pets)

DATASETS.update({
    "vancouver_trees": ("UBC-MDS/data_viz_wrangled", "3bb4ad7826d3950c8b3a599f235e171e504fb9a1",
                        ["data/Trees_data_sets/small_vancouver_trees.csv"]),
    "ultra_races": ("ethnarque/utra-trail", "750102e6d49b8ab89c3a108fe376db42998c20fd", ["race.csv"]),
    "idf_cinemas": ("Baguimon/CinemaDataAnalysis-Timothe_Winkler", "0e0ede1f26dea711586dd86af7457525b22dc9c8",
                    ["data/cinemas.csv"]),
})


def load_vancouver_trees(srv, db, files):
    """Vancouver's public street trees, a 5,000-row sample of the City of
    Vancouver's street-tree inventory as a UBC data-visualisation course
    keeps it (drawn with replacement: 581 rows repeat a tree and are
    dropped, first kept): neighbourhoods (22, neighbourhood_id in name
    order), species (every genus / species / cultivar / common name seen,
    species_id in that order; names in capitals as the city writes them)
    and trees (tree_id the city's, species_id, neighbourhood_id, street
    and block, street_side ODD / EVEN / MED, date_planted — NULL for
    about half —, diameter in inches, height_range_id 0-9 (the city's
    10-foot bands), plant_area, curb, root_barrier and assigned as
    booleans, latitude, longitude; the house number is not loaded).
    Keys: neighbourhoods, species, trees; trees -> both."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    seen, uniq = set(), []
    for r in rows:
        if r["tree_id"] not in seen:
            seen.add(r["tree_id"]); uniq.append(r)
    hoods = sorted({r["neighbourhood_name"] for r in uniq})
    hid = {n: i for i, n in enumerate(hoods, 1)}
    sp = sorted({(r["genus_name"], r["species_name"].strip(), r["cultivar_name"].strip(), r["common_name"])
                 for r in uniq})
    sid = {t: i for i, t in enumerate(sp, 1)}
    print(f"  {db}.neighbourhoods: {load_csv_table(srv, db, 'neighbourhoods', _csv_text(['neighbourhood_id', 'neighbourhood_name'], [(hid[n], n) for n in hoods]))} rows")
    print(f"  {db}.species: {load_csv_table(srv, db, 'species', _csv_text(['species_id', 'genus', 'species', 'cultivar', 'common_name'], [(sid[t],) + t for t in sp]))} rows")
    yn = lambda v: {"Y": "true", "N": "false"}.get(v, "")
    out = []
    for r in uniq:
        out.append([r["tree_id"], sid[(r["genus_name"], r["species_name"].strip(), r["cultivar_name"].strip(),
                                       r["common_name"])],
                    hid[r["neighbourhood_name"]], r["std_street"], r["on_street_block"], r["street_side_name"],
                    r["date_planted"], r["diameter"], r["height_range_id"], r["plant_area"], yn(r["curb"]),
                    yn(r["root_barrier"]), yn(r["assigned"]), r["latitude"], r["longitude"]])
    hdr = ["tree_id", "species_id", "neighbourhood_id", "street", "block", "street_side", "date_planted",
           "diameter", "height_range_id", "plant_area", "curb", "root_barrier", "assigned", "latitude", "longitude"]
    print(f"  {db}.trees: {load_csv_table(srv, db, 'trees', _csv_text(hdr, out))} rows")
    srv.psql(db, "ALTER TABLE trees ALTER plant_area TYPE text, ALTER block TYPE integer USING block::integer, "
                 "ALTER curb TYPE boolean USING curb::boolean, "
                 "ALTER root_barrier TYPE boolean USING root_barrier::boolean, "
                 "ALTER assigned TYPE boolean USING assigned::boolean; "
                 "ALTER TABLE species ALTER cultivar TYPE text")
    add_keys(srv, db, [("neighbourhoods", ["neighbourhood_id"]), ("species", ["species_id"]), ("trees", ["tree_id"])],
             [("trees", "species_id", "species", "species_id"),
              ("trees", "neighbourhood_id", "neighbourhoods", "neighbourhood_id")])


def load_ultra_races(srv, db, files):
    """Ultra-trail races of about 100 miles, 2012-2021 (the ITRA race list
    that TidyTuesday published on 2021-10-26, as a student's copy keeps
    race.csv): events (435, event_id in name order, event_name) and races
    (one per race edition: race_id the published race_year_id, event_id,
    race_name, city — 'NA' as NULL —, country, race_date, start_time,
    participation as published — 'solo' and 'Solo', 'team', 'relay' —,
    distance_km, elevation_gain and elevation_loss in metres, aid_stations
    and participants, 0 where the source gives none). Keys: events.event_id,
    races.race_id; races -> events."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    evs = sorted({r["event"] for r in rows})
    eid = {e: i for i, e in enumerate(evs, 1)}
    print(f"  {db}.events: {load_csv_table(srv, db, 'events', _csv_text(['event_id', 'event_name'], [(eid[e], e) for e in evs]))} rows")
    hdr = ["race_id", "event_id", "race_name", "city", "country", "race_date", "start_time", "participation",
           "distance_km", "elevation_gain", "elevation_loss", "aid_stations", "participants"]
    out = [[r["race_year_id"], eid[r["event"]], r["race"], "" if r["city"] == "NA" else r["city"],
            "" if r["country"] == "NA" else r["country"], r["date"], r["start_time"], r["participation"],
            r["distance"], r["elevation_gain"], r["elevation_loss"], r["aid_stations"], r["participants"]]
           for r in rows]
    print(f"  {db}.races: {load_csv_table(srv, db, 'races', _csv_text(hdr, out))} rows")
    srv.psql(db, "ALTER TABLE races ALTER start_time TYPE time USING start_time::time, "
                 "ALTER race_name TYPE text, ALTER city TYPE text")
    add_keys(srv, db, [("events", ["event_id"]), ("races", ["race_id"])],
             [("races", "event_id", "events", "event_id")])


def load_idf_cinemas(srv, db, files):
    """The cinemas of Ile-de-France in 2022 (the CNC's yearly list of
    French cinemas, 2022 edition, its Ile-de-France rows as a student's
    Python assignment keeps them; public data of the Centre national du
    cinema): departments (8, the code and its name, the names added by the
    loader), communes (220, insee_code, commune_name, population,
    department_code, urban_unit, zone) and cinemas (311, cinema_id the
    CNC's number, name, address, insee_code, screens, seats, weeks_open,
    screenings (seances in 2022), admissions_2022, admissions_2021 — NULL
    for 8 —, admissions_band, programmer — the booking circuit, NULL for
    most —, art_house (the Art et Essai classification) and its category
    and label, itinerant, multiplex, films_shown, new_films, the shares in
    per cent of admissions to French, American, European, other and art-house
    films, art_house_films, latitude, longitude). Keys: departments,
    communes, cinemas; communes -> departments, cinemas -> communes."""
    text = files[0].lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
    deps = {"75": "Paris", "77": "Seine-et-Marne", "78": "Yvelines", "91": "Essonne", "92": "Hauts-de-Seine",
            "93": "Seine-Saint-Denis", "94": "Val-de-Marne", "95": "Val-d'Oise"}
    assert {r[8] for r in rows} <= set(deps)
    print(f"  {db}.departments: {load_csv_table(srv, db, 'departments', _csv_text(['department_code', 'department_name'], sorted(deps.items())))} rows")
    num = lambda v: "" if v == "" else (v[:-2] if v.endswith(".0") else v)
    com = {}
    for r in rows:
        com.setdefault(r[5], [r[5], r[6], num(r[7]), r[8], r[10], r[27]])
    print(f"  {db}.communes: {load_csv_table(srv, db, 'communes', _csv_text(['insee_code', 'commune_name', 'population', 'department_code', 'urban_unit', 'zone'], sorted(com.values())))} rows")
    yn = lambda v: {"OUI": "true", "NON": "false"}[v]
    pct = lambda v: "" if v == "" else f"{float(v):.2f}"
    out = []
    for r in rows:
        out.append([r[1], r[2], r[4], r[5], num(r[13]), num(r[14]), num(r[15]), num(r[16]), num(r[17]), num(r[18]),
                    r[20], r[21], yn(r[22]), "" if r[23] == "NON" else r[23], r[24],
                    "true" if r[25] == "ITINERANT" else "false", yn(r[26]), num(r[28]), num(r[29]),
                    pct(r[31]), pct(r[32]), pct(r[33]), pct(r[34]), num(r[35]), pct(r[36]), r[37], r[38]])
    hdr = ["cinema_id", "name", "address", "insee_code", "screens", "seats", "weeks_open", "screenings",
           "admissions_2022", "admissions_2021", "admissions_band", "programmer", "art_house", "art_house_category",
           "art_house_label", "itinerant", "multiplex", "films_shown", "new_films", "pct_french_films",
           "pct_american_films", "pct_european_films", "pct_other_films", "art_house_films",
           "pct_art_house_films", "latitude", "longitude"]
    print(f"  {db}.cinemas: {load_csv_table(srv, db, 'cinemas', _csv_text(hdr, out))} rows")
    srv.psql(db, "ALTER TABLE communes ALTER insee_code TYPE text, ALTER department_code TYPE text; "
                 "ALTER TABLE departments ALTER department_code TYPE text; "
                 "ALTER TABLE cinemas ALTER insee_code TYPE text, ALTER programmer TYPE text, "
                 "ALTER art_house_category TYPE text, ALTER art_house_label TYPE text, "
                 "ALTER art_house TYPE boolean USING art_house::boolean, "
                 "ALTER itinerant TYPE boolean USING itinerant::boolean, "
                 "ALTER multiplex TYPE boolean USING multiplex::boolean")
    add_keys(srv, db, [("departments", ["department_code"]), ("communes", ["insee_code"]),
                       ("cinemas", ["cinema_id"])],
             [("communes", "department_code", "departments", "department_code"),
              ("cinemas", "insee_code", "communes", "insee_code")])


LOADERS.update(vancouver_trees=load_vancouver_trees, ultra_races=load_ultra_races, idf_cinemas=load_idf_cinemas)


DATASETS.update({
    "santafe_bus": ("cityknowledge/santafe-autobus", "77e2594a7526605ac8be5f52f99dd48f01db5c61",
                    ["data/calendar.txt", "data/routes.txt", "data/stops.txt", "data/trips.txt",
                     "data/stop_times.txt"]),
    "osu_course_evals": ("jrg94/personal-data", "c8d163aeca0a30577be74ae3ecfeef7777ce1a7c",
                         ["education/lookup-tables/courses.csv", "education/lookup-tables/semesters.csv",
                          "education/lookup-tables/sections.csv",
                          "education/student-evaluations-of-instruction/reports.csv",
                          "education/student-evaluations-of-instruction/questions.csv",
                          "education/student-evaluations-of-instruction/instructor-scores.csv",
                          "education/student-evaluations-of-instruction/cohort-scores.csv",
                          "education/student-evaluations-of-instruction/comments.csv"]),
    "icu_lab_results": ("ShubhamBansal1997/gehealthcare", "6cb121127fdb6dc3c2ceec14339f2b76b89bb855",
                        ["Admission.csv", "itemid.txt", "LABEVENTS.csv"]),
})


def load_santafe_bus(srv, db, files):
    """Santa Fe Trails, the city bus service of Santa Fe, New Mexico: its
    GTFS timetable feed as a 2013 mobile-web project committed it (the
    feed's calendar runs 23 April 2013 to 23 April 2017; published by the
    city as open transit data; the repository states no licence): services
    (3: service_id 'WD' weekdays, 'SA' Saturdays, 'SU' Sundays, a 0/1 flag
    per weekday, start_date, end_date), routes (10: route_id '01' .. '26',
    'M'; short_name 'Rt01', long_name 'Route 01', description the two end
    points, color hex), stops (423: stop_id, stop_name, latitude,
    longitude), trips (725: trip_id '01WDI01', route_id, service_id,
    headsign trimmed, direction_id 0 outbound / 1 inbound as the headsigns
    say) and stop_times (21,629: trip_id, stop_sequence, arrival_time,
    departure_time as time of day, stop_id). GTFS's agency file (one
    agency) is not loaded. Keys: services.service_id, routes.route_id,
    stops.stop_id, trips.trip_id, stop_times (trip_id, stop_sequence);
    trips -> routes, services; stop_times -> trips, stops."""
    cal, routes, stops, trips, times = (list(csv.DictReader(io.StringIO(f.lstrip("\ufeff")))) for f in files)
    day = lambda s: f"{s[:4]}-{s[4:6]}-{s[6:]}"
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    wd = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    w.writerow(["service_id"] + wd + ["start_date", "end_date"])
    for r in cal:
        w.writerow([r["service_id"]] + [r[d] for d in wd] + [day(r["start_date"]), day(r["end_date"])])
    print(f"  {db}.services: {load_csv_table(srv, db, 'services', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["route_id", "short_name", "long_name", "description", "color"])
    for r in routes:
        w.writerow([r["route_id"], r["route_short_name"], r["route_long_name"], " ".join(r["route_desc"].split()),
                    r["route_color"]])
    print(f"  {db}.routes: {load_csv_table(srv, db, 'routes', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["stop_id", "stop_name", "latitude", "longitude"])
    for r in stops:
        w.writerow([r["stop_id"], r["stop_name"].strip(), r["stop_lat"], r["stop_lon"]])
    print(f"  {db}.stops: {load_csv_table(srv, db, 'stops', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["trip_id", "route_id", "service_id", "headsign", "direction_id"])
    for r in trips:
        w.writerow([r["trip_id"], r["route_id"], r["service_id"], " ".join(r["trip_headsign"].split()),
                    r["direction_id"]])
    print(f"  {db}.trips: {load_csv_table(srv, db, 'trips', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["trip_id", "stop_sequence", "arrival_time", "departure_time", "stop_id"])
    for r in times:
        w.writerow([r["trip_id"], r["stop_sequence"], r["arrival_time"], r["departure_time"], r["stop_id"]])
    print(f"  {db}.stop_times: {load_csv_table(srv, db, 'stop_times', out.getvalue())} rows")
    srv.psql(db, "ALTER TABLE routes ALTER route_id TYPE text, ALTER color TYPE text; "
                 "ALTER TABLE trips ALTER route_id TYPE text; "
                 "ALTER TABLE services ALTER start_date TYPE date USING start_date::date, "
                 "ALTER end_date TYPE date USING end_date::date; "
                 "ALTER TABLE stop_times ALTER arrival_time TYPE time USING arrival_time::time, "
                 "ALTER departure_time TYPE time USING departure_time::time")
    add_keys(srv, db, [("services", ["service_id"]), ("routes", ["route_id"]), ("stops", ["stop_id"]),
                       ("trips", ["trip_id"]), ("stop_times", ["trip_id", "stop_sequence"])],
             [("trips", "route_id", "routes", "route_id"), ("trips", "service_id", "services", "service_id"),
              ("stop_times", "trip_id", "trips", "trip_id"), ("stop_times", "stop_id", "stops", "stop_id")])


def load_osu_course_evals(srv, db, files):
    """Student evaluations of instruction (SEI) of one lecturer's
    computer-science courses at Ohio State University, 2018 to 2024, as
    the lecturer published them in his personal-data repository (the
    repository states no licence): courses (3: CSE 1223, 2221, 2231),
    semesters (18: year, season, abbreviation 'Au18', academic year),
    sections (the lecturer's sections: course, semester, lecture or lab,
    days, start and end time, building, room, educator title and role,
    enrollment), sei_reports (one per evaluated section: responded,
    invited, response_ratio in percent), sei_questions (10 statements,
    each in a question group), instructor_scores (per report and question:
    response count, mean on a 1-5 scale, standard deviation),
    cohort_scores (per semester and question: the department's, college's
    and university's mean and standard deviation) and comments (students'
    anonymous written comments per report). Column names in snake case,
    the files' ids kept. Keys: every table's id; sections -> courses,
    semesters; sei_reports -> sections; instructor_scores -> sei_reports,
    sei_questions; cohort_scores -> semesters, sei_questions; comments ->
    sei_reports."""
    names = ["courses", "semesters", "sections", "sei_reports", "sei_questions", "instructor_scores",
             "cohort_scores", "comments"]
    ren = {"Course ID": "course_id", "Course Department": "department", "Course Number": "course_number",
           "Course Name": "course_name", "Semester ID": "semester_id", "Semester Year": "year",
           "Semester Season": "season", "Semester Abbreviation": "abbreviation", "Academic Year": "academic_year",
           "Section ID": "section_id", "Course Type": "section_type", "Section Days": "days",
           "Section Start Time": "start_time", "Section End Time": "end_time", "Section Building": "building",
           "Section Room Number": "room_number", "Educator Title": "educator_title",
           "Educator Role": "educator_role", "Enrollment Total": "enrollment", "SEI Report ID": "report_id",
           "Responded": "responded", "Invited": "invited", "Response Ratio": "response_ratio",
           "SEI Question ID": "question_id", "SEI Question": "question_text",
           "SEI Question Group": "question_group", "SEI Instructor Score ID": "score_id",
           "Response Count": "response_count", "Mean": "mean_score", "Standard Deviation": "std_dev",
           "Cohort Score ID": "cohort_score_id", "Cohort": "cohort", "SEI Comment ID": "comment_id",
           "Comment": "comment"}
    for name, text in zip(names, files):
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        rows[0] = [ren[h.strip()] for h in rows[0]]
        out = io.StringIO(); csv.writer(out, lineterminator="\n").writerows(rows)
        print(f"  {db}.{name}: {load_csv_table(srv, db, name, out.getvalue())} rows")
    srv.psql(db, "ALTER TABLE courses ALTER course_number TYPE text; "
                 "ALTER TABLE sections ALTER start_time TYPE time USING start_time::time, "
                 "ALTER end_time TYPE time USING end_time::time, ALTER room_number TYPE text")
    add_keys(srv, db, [("courses", ["course_id"]), ("semesters", ["semester_id"]), ("sections", ["section_id"]),
                       ("sei_reports", ["report_id"]), ("sei_questions", ["question_id"]),
                       ("instructor_scores", ["score_id"]), ("cohort_scores", ["cohort_score_id"]),
                       ("comments", ["comment_id"])],
             [("sections", "course_id", "courses", "course_id"), ("sections", "semester_id", "semesters", "semester_id"),
              ("sei_reports", "section_id", "sections", "section_id"),
              ("instructor_scores", "report_id", "sei_reports", "report_id"),
              ("instructor_scores", "question_id", "sei_questions", "question_id"),
              ("cohort_scores", "semester_id", "semesters", "semester_id"),
              ("cohort_scores", "question_id", "sei_questions", "question_id"),
              ("comments", "report_id", "sei_reports", "report_id")])


def load_icu_lab_results(srv, db, files):
    """Laboratory results of 129 hospital admissions from the MIMIC-III
    clinical database demo (de-identified intensive-care data of Beth
    Israel Deaconess Medical Center, dates shifted into the 2100s; the
    demo is published openly by PhysioNet under the ODbL), as a 2018
    hackathon project committed it: admissions (129: hadm_id, admit_time,
    discharge_time, death_time, admission_type, admission_location,
    discharge_location, insurance, language, religion, marital_status,
    ethnicity, diagnosis — the admitting diagnosis as free text; the
    demo's patient ids were not kept, so an admission stands for a
    patient stay), lab_items (the project's item-id -> test-name list,
    itemid.txt, read as pairs: item_id, test_name) and lab_results
    (result_id added in file order, hadm_id — NULL for the 14,262
    results drawn outside an admission —, item_id, chart_time,
    value as published text, value_num its number where the value is one,
    unit, flag 'abnormal', 'delta' (a large change) or NULL — the demo
    has no reference ranges, only this flag; 309 results of three items
    the list does not name (51003, 51091, 51145) have no lab_items
    row). Keys: admissions.hadm_id, lab_items.item_id,
    lab_results.result_id; lab_results -> admissions, lab_items."""
    adm, items, labs = files
    rows = list(csv.reader(io.StringIO(adm.lstrip("\ufeff"))))
    rows[0] = ["hadm_id", "admit_time", "discharge_time", "death_time", "admission_type", "admission_location",
               "discharge_location", "insurance", "language", "religion", "marital_status", "ethnicity",
               "diagnosis"]
    out = io.StringIO(); csv.writer(out, lineterminator="\n").writerows(rows)
    print(f"  {db}.admissions: {load_csv_table(srv, db, 'admissions', out.getvalue())} rows")
    pairs = dict(re.findall(r"'?(\d+)':\s*'([^']*)'", items))  # the file starts inside its first key
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["item_id", "test_name"])
    for k in sorted(pairs, key=int):
        w.writerow([k, pairs[k]])
    print(f"  {db}.lab_items: {load_csv_table(srv, db, 'lab_items', out.getvalue())} rows")
    out = io.StringIO(); w = csv.writer(out, lineterminator="\n")
    w.writerow(["result_id", "hadm_id", "item_id", "chart_time", "value", "value_num", "unit", "flag"])
    num = re.compile(r"-?\d+(\.\d+)?")
    for i, r in enumerate(csv.DictReader(io.StringIO(labs.lstrip("\ufeff"))), 1):
        v = r["VALUE"].strip()
        w.writerow([i, r["HADM_ID"], r["ITEMID"], r["CHARTTIME"], v, v if num.fullmatch(v) else "",
                    r["VALUEUOM"], r["FLAG"]])
    print(f"  {db}.lab_results: {load_csv_table(srv, db, 'lab_results', out.getvalue())} rows")
    srv.psql(db, "ALTER TABLE lab_results ALTER value TYPE text, ALTER value_num TYPE numeric, "
                 "ALTER unit TYPE text, ALTER flag TYPE text")
    add_keys(srv, db, [("admissions", ["hadm_id"]), ("lab_items", ["item_id"]), ("lab_results", ["result_id"])],
             [("lab_results", "hadm_id", "admissions", "hadm_id"), ("lab_results", "item_id", "lab_items", "item_id")])


LOADERS.update(santafe_bus=load_santafe_bus, osu_course_evals=load_osu_course_evals,
               icu_lab_results=load_icu_lab_results)


DATASETS.update({
    "turbine_scada": ("JoliArbre/Wind-Turbine-Scada-Data-Analysis", "7b82137ddbf52ce0470ccaa7a6009a9c8d5ed458",
                      ["T1.csv"]),
    "burlington_permits": ("MallaharS/Burlington-building-permits-dashboard",
                           "22bce4265beb6e1e489351235153ad53984efdd3", ["Building_Permits.csv"]),
    "shopify_app_reviews": ("ygetach2/Shopify-app-store-analysis", "a6e94a2022491fc35df1e295a1fbc4d6de216e41",
                            ["data/apps.csv", "data/reviews.csv"]),
})


def load_turbine_scada(srv, db, files):
    """One wind turbine's SCADA readings in Turkey, every ten minutes of
    2018 (the public Kaggle "Wind Turbine Scada Dataset" T1.csv as a SCADA
    analysis repository keeps it; the repository states no licence): one
    table readings (50530, reading_id in time order, reading_time — the
    file's 'DD MM YYYY HH:MM' —, active_power_kw (57 slightly below zero),
    wind_speed_ms, theoretical_power_kw — the maker's power curve for that
    wind speed —, wind_direction_deg). Some ten-minute slots are missing.
    Key: readings.reading_id (reading_time unique too)."""
    rows = list(csv.reader(io.StringIO(files[0])))[1:]
    out = []
    for i, r in enumerate(rows, 1):
        d, m, y, hm = r[0].split(" ")
        out.append([i, f"{y}-{m}-{d} {hm}:00", r[1], r[2], r[3], r[4]])
    print(f"  {db}.readings: " + str(load_csv_table(srv, db, "readings", _csv_text(
        ["reading_id", "reading_time", "active_power_kw", "wind_speed_ms", "theoretical_power_kw",
         "wind_direction_deg"], out))) + " rows")
    srv.psql(db, "ALTER TABLE readings ALTER reading_time TYPE timestamp USING reading_time::timestamp, "
                 "ALTER active_power_kw TYPE double precision, ALTER wind_speed_ms TYPE double precision, "
                 "ALTER theoretical_power_kw TYPE double precision, "
                 "ALTER wind_direction_deg TYPE double precision; ALTER TABLE readings ADD UNIQUE (reading_time)")
    add_keys(srv, db, [("readings", ["reading_id"])], [])


def load_burlington_permits(srv, db, files):
    """Building permits of the City of Burlington, Ontario, applied for
    2022 to 2026 (the city's open-data "Building Permits" layer as a
    dashboard repository keeps it; the repository states no licence, the
    city publishes it under its open-data licence): permit_types (13,
    type_code the folder type's two-letter code 'SO', type_name 'Other
    Single Detached Dwelling') and permits (5026, one row per published
    record: permit_id the OBJECTID, file_number '24-019651' — repeated on
    several records of one file —, address as published without trailing
    blanks, type_code, work_description 'New' / 'Renovation' / 'Addition'
    …, building_use the published SUBDESC, status Issued / Final,
    applied_on the INDATE, issued_on, reference_file (the zoning
    clearance, NULL where none), residential_units (NULL where blank),
    construction_value in dollars, ward 1-6). The map coordinates are left
    out. Keys: permit_types.type_code, permits.permit_id; permits ->
    permit_types."""
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    types = {}
    for r in rows:
        code, name = r["FOLDERTYPE"].split(" ", 1)
        assert types.setdefault(code, name) == name
    print(f"  {db}.permit_types: " + str(load_csv_table(srv, db, "permit_types", _csv_text(
        ["type_code", "type_name"], sorted(types.items())))) + " rows")
    out = []
    for r in rows:
        out.append([r["OBJECTID"], r["FILENO"], r["ADDRESS"].strip(), r["FOLDERTYPE"].split(" ", 1)[0],
                    r["WORKDESC"], r["SUBDESC"], r["FOLDERSTATUSDESC"], r["INDATE"][:10].replace("/", "-"),
                    r["ISSUEDATE"][:10].replace("/", "-"), r["REFERENCEFILE"], r["RESUNITS"],
                    r["CONSTRUCTVALUE"], r["PROPINFOVALUE_WARD"]])
    print(f"  {db}.permits: " + str(load_csv_table(srv, db, "permits", _csv_text(
        ["permit_id", "file_number", "address", "type_code", "work_description", "building_use", "status",
         "applied_on", "issued_on", "reference_file", "residential_units", "construction_value", "ward"],
        out))) + " rows")
    srv.psql(db, "ALTER TABLE permits ALTER applied_on TYPE date USING applied_on::date, "
                 "ALTER issued_on TYPE date USING issued_on::date, "
                 "ALTER construction_value TYPE numeric(14, 2), ALTER file_number TYPE text")
    add_keys(srv, db, [("permit_types", ["type_code"]), ("permits", ["permit_id"])],
             [("permits", "type_code", "permit_types", "type_code")])


def load_shopify_app_reviews(srv, db, files):
    """A made-up Shopify app store's apps and reviews, 2018 to 2024 (a
    portfolio project's generated, deliberately untidy CSV files; the
    repository states no licence), tidied by the loader: categories (14,
    category_id in name order, category_name — the file spells a
    category in three casings, 'REVIEWS AND RATINGS', 'orders and
    shipping', 'Marketing': written here in the file's mixed-case form,
    first letter capital), developers (developer_id in name order,
    developer_name; 25 apps have none), apps (500, app_id, app_name —
    some names held by two apps —, developer_id NULL for 25, category_id,
    launch_date, has_free_plan boolean, monthly_price_usd NULL for the
    free ones) and reviews (8000: the file's 8240 rows with a repeated
    review_id kept at its first row only; rating 1-5, NULL for the 20
    published 0 or 6; posted_at — the file mixes 'YYYY-MM-DD' and
    'MM/DD/YYYY' —, has_developer_reply boolean, helpful_count). Keys:
    categories.category_id, developers.developer_id, apps.app_id,
    reviews.review_id; apps -> categories, developers; reviews -> apps."""
    apps, revs = (list(csv.DictReader(io.StringIO(f))) for f in files)
    cname = lambda v: v.strip().lower().capitalize().replace("Seo", "SEO")
    cats = sorted({cname(a["category_name"]) for a in apps})
    cid = {c: i for i, c in enumerate(cats, 1)}
    devs = sorted({a["developer"].strip() for a in apps if a["developer"].strip()})
    did = {d: i for i, d in enumerate(devs, 1)}
    yn = lambda v: {"Yes": "true", "No": "false"}[v]
    print(f"  {db}.categories: " + str(load_csv_table(srv, db, "categories", _csv_text(
        ["category_id", "category_name"], [[cid[c], c] for c in cats]))) + " rows")
    print(f"  {db}.developers: " + str(load_csv_table(srv, db, "developers", _csv_text(
        ["developer_id", "developer_name"], [[did[d], d] for d in devs]))) + " rows")
    print(f"  {db}.apps: " + str(load_csv_table(srv, db, "apps", _csv_text(
        ["app_id", "app_name", "developer_id", "category_id", "launch_date", "has_free_plan", "monthly_price_usd"],
        [[a["app_id"], a["app_name"], did.get(a["developer"].strip(), ""), cid[cname(a["category_name"])],
          a["launch_date"], yn(a["has_free_plan"]), a["monthly_price_usd"]] for a in apps]))) + " rows")
    seen, out = set(), []
    for r in revs:
        if r["review_id"] in seen:
            continue
        seen.add(r["review_id"])
        d = r["posted_at"]
        if "/" in d:
            d = f"{d[6:10]}-{d[0:2]}-{d[3:5]}"
        out.append([r["review_id"], r["app_id"], r["rating"] if r["rating"] in "12345" else "", d,
                    yn(r["has_developer_reply"]), r["helpful_count"]])
    print(f"  {db}.reviews: " + str(load_csv_table(srv, db, "reviews", _csv_text(
        ["review_id", "app_id", "rating", "posted_at", "has_developer_reply", "helpful_count"], out))) + " rows")
    srv.psql(db, "ALTER TABLE apps ALTER launch_date TYPE date USING launch_date::date, "
                 "ALTER has_free_plan TYPE boolean USING has_free_plan::boolean, "
                 "ALTER monthly_price_usd TYPE numeric(8, 2); "
                 "ALTER TABLE reviews ALTER posted_at TYPE date USING posted_at::date, "
                 "ALTER has_developer_reply TYPE boolean USING has_developer_reply::boolean")
    add_keys(srv, db, [("categories", ["category_id"]), ("developers", ["developer_id"]), ("apps", ["app_id"]),
                       ("reviews", ["review_id"])],
             [("apps", "category_id", "categories", "category_id"),
              ("apps", "developer_id", "developers", "developer_id"),
              ("reviews", "app_id", "apps", "app_id")])


LOADERS.update(turbine_scada=load_turbine_scada, burlington_permits=load_burlington_permits,
               shopify_app_reviews=load_shopify_app_reviews)


DATASETS.update({
    "chicago_env_complaints": ("mwgalloway/chicago_noise_complaints", "68398a87eedc6af7cc3c552b4998172e473dda85",
                               ["noise_complaints.json", "air_pollution.json", "public/chicago.geojson"]),
    "garden_harvests": ("llendway/gardenR", "7c7bde66ca6274cc08be2e4e7c02beee15b2f960",
                        [f"data/{t}.rda" for t in ("garden_harvest", "harvest_2021", "garden_planting",
                                                   "planting_2021", "garden_spending", "spending_2021")]),
    "trove_journals": ("GLAM-Workbench/trove-journals", "c2eba4f942444d0308885719f5e83829a879fac1",
                       ["digital-journals.csv", "digital-journals-with-text.csv"]),
})


def _rda_frames(raw):
    """The data frames of an .rda file (R's XDR serialization, bzip2 / gzip /
    xz compressed): {name: {column: [values]}}, factors as their labels,
    Dates as 'YYYY-MM-DD', NA as None. Only what data frames need."""
    import bz2
    import datetime
    import lzma
    import struct
    if raw[:3] == b"BZh":
        raw = bz2.decompress(raw)
    elif raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    elif raw[:5] == b"\xfd7zXZ":
        raw = lzma.decompress(raw)
    assert raw[:5] in (b"RDX2\n", b"RDX3\n") and raw[5:7] == b"X\n"
    b, pos, refs = raw, [7], []

    def i32():
        v = struct.unpack(">i", b[pos[0]:pos[0] + 4])[0]
        pos[0] += 4
        return v

    def item():
        f = i32()
        t, has_attr, has_tag = f & 0xff, f & 512, f & 1024
        if t in (254, 242):
            return None
        if t == 255:
            return refs[(f >> 8) - 1]
        if t == 1:
            refs.append(item())
            return refs[-1]
        if t == 9:
            n = i32()
            if n == -1:
                return None
            pos[0] += n
            return b[pos[0] - n:pos[0]].decode("utf-8", "replace")
        if t == 2:
            out = []
            while t == 2:
                if has_attr:
                    item()
                tag = item() if has_tag else None
                out.append((tag, item()))
                f = i32()
                t, has_attr, has_tag = f & 0xff, f & 512, f & 1024
            pos[0] -= 4
            item()
            return out
        n = i32()
        if t in (10, 13):
            v = [None if x == -2**31 else x for x in struct.unpack(f">{n}i", b[pos[0]:pos[0] + 4 * n])]
            pos[0] += 4 * n
        elif t == 14:
            v = [None if x != x else x for x in struct.unpack(f">{n}d", b[pos[0]:pos[0] + 8 * n])]
            pos[0] += 8 * n
        elif t in (16, 19):
            v = [item() for _ in range(n)]
        else:
            die(f"R type {t} not read")
        return (t, v, dict(item()) if has_attr else {})
    ver = i32()
    i32(), i32()
    if ver == 3:
        pos[0] += i32()
    frames = {}
    for name, (_, cols, attrs) in item():
        data = {}
        for nm, (_, v, ca) in zip(attrs["names"][1], cols):
            if "levels" in ca:
                v = [None if x is None else ca["levels"][1][x - 1] for x in v]
            elif "class" in ca and "Date" in ca["class"][1]:
                v = [None if x is None else str(datetime.date(1970, 1, 1) + datetime.timedelta(days=int(x)))
                     for x in v]
            data[nm] = v
        frames[name] = data
    return frames


def _point_in_rings(x, y, rings):
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def load_chicago_env_complaints(srv, db, files):
    """Chicago's environmental complaints about noise and air pollution
    (the Chicago Department of Public Health's "CDPH Environmental
    Complaints" open data, its NOISE COMPLAINT and AIR POLLUTION WORK
    ORDER rows as a 2016 mapping project exported them, with the city's
    neighbourhoods; the repository states no licence, the city publishes
    the data openly): complaint_types (2: 'Noise complaint', 'Air
    pollution'), community_areas (98 neighbourhood names of the project's
    map, area_id in name order, area_name 'Grand Boulevard'), complaints
    (853: complaint_id numbered in file order, noise first;
    complaint_number the published COMPLAINT ID, 51 of them on two rows;
    type_id, address as 'number direction street type', area_id — the
    neighbourhood holding the mapped point, NULL for the 2 without
    coordinates —, inspector_id the published INSPECTOR
    number as text, complaint_date, inspection_date — the date in the first
    '[INSPECTION LOG #: n DD-MON-YY …]' of the inspection log, NULL where
    the log gives none —, modified_date the record's Modified Date,
    latitude, longitude). The complaint and inspection texts are left out
    (they name people). Keys: complaint_types.type_id,
    community_areas.area_id, complaints.complaint_id; complaints ->
    complaint_types, community_areas."""
    geo = json.loads(files[2])
    areas = sorted((f["properties"]["name"], f["geometry"]) for f in geo["features"])
    aid = {n: i for i, n in enumerate(sorted({n for n, _ in areas}), 1)}
    print(f"  {db}.complaint_types: " + str(load_csv_table(srv, db, "complaint_types", _csv_text(
        ["type_id", "type_name"], [[1, "Noise complaint"], [2, "Air pollution"]]))) + " rows")
    print(f"  {db}.community_areas: " + str(load_csv_table(srv, db, "community_areas", _csv_text(
        ["area_id", "area_name"], [[i, n] for n, i in aid.items()]))) + " rows")
    polys = []
    for n, g in areas:
        for p in (g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]):
            polys.append((aid[n], [[tuple(pt) for pt in ring] for ring in p]))
    mon = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}
    out = []
    for type_id, text in ((1, files[0]), (2, files[1])):
        d = json.loads(text)
        cols = [c["name"] for c in d["meta"]["view"]["columns"]]
        for r in d["data"]:
            r = dict(zip(cols, r))
            loc = r["MAPPED LOCATION"]
            lat, lon = (loc[1], loc[2]) if loc else (None, None)
            area = ""
            if lat:
                area = next((a for a, rings in polys if _point_in_rings(float(lon), float(lat), rings)), "")
            m = re.search(r"\[INSPECTION LOG #: *\d+ +(\d\d)-([A-Z]{3})-(\d\d)", r["INSPECTION LOG"] or "")
            insp = f"20{m.group(3)}-{mon[m.group(2)]:02d}-{m.group(1)}" if m else ""
            addr = " ".join(x for x in (r["STREET NUMBER FROM"], r["DIRECTION"], r["STREET NAME"],
                                        r["STREET TYPE"]) if x)
            out.append([len(out) + 1, r["COMPLAINT ID"], type_id, addr, area, r["INSPECTOR"] or "",
                        r["COMPLAINT DATE"][:10], insp, (r["Modified Date"] or "")[:10], lat or "", lon or ""])
    print(f"  {db}.complaints: " + str(load_csv_table(srv, db, "complaints", _csv_text(
        ["complaint_id", "complaint_number", "type_id", "address", "area_id", "inspector_id", "complaint_date",
         "inspection_date", "modified_date", "latitude", "longitude"], out))) + " rows")
    srv.psql(db, "ALTER TABLE complaints ALTER complaint_number TYPE text, ALTER inspector_id TYPE text, "
                 "ALTER complaint_date TYPE date USING complaint_date::date, "
                 "ALTER inspection_date TYPE date USING inspection_date::date, "
                 "ALTER modified_date TYPE date USING modified_date::date, "
                 "ALTER latitude TYPE double precision, ALTER longitude TYPE double precision")
    add_keys(srv, db, [("complaint_types", ["type_id"]), ("community_areas", ["area_id"]),
                       ("complaints", ["complaint_id"])],
             [("complaints", "type_id", "complaint_types", "type_id"),
              ("complaints", "area_id", "community_areas", "area_id")])


def load_garden_harvests(srv, db, files):
    """A home vegetable garden's plantings, seed purchases and harvests in
    2020 and 2021 (Lisa Lendway's garden in Saint Paul, Minnesota, as her
    gardenR teaching package publishes it in R's .rda files; MIT licence):
    varieties (variety_id in vegetable-then-variety order, vegetable
    'tomatoes', variety 'Better Boy' — 'reseed', 'volunteer', 'perennial',
    'unknown' as published), plantings (195, planting_id, plot the garden
    bed 'A' … 'P', 'potB', 'side', variety_id, seeds_planted,
    seeds_exact boolean, planted_on), seed_purchases (83, purchase_id,
    year, variety_id, brand, price and price_with_tax in dollars) and
    harvests (1507 pickings, harvest_id in published order per year,
    variety_id, harvested_on, weight_g in grams, NULL for the 30 of 2021
    published without a unit). Keys: varieties.variety_id,
    plantings.planting_id, seed_purchases.purchase_id,
    harvests.harvest_id; the three -> varieties."""
    h20, h21, p20, p21, s20, s21 = (next(iter(_rda_frames(f).values())) for f in files)
    rows = lambda fr: [dict(zip(fr, vals)) for vals in zip(*fr.values())]
    allrows = rows(h20) + rows(h21) + rows(p20) + rows(p21) + rows(s20) + rows(s21)
    vs = sorted({(r["vegetable"], r["variety"] or "unknown") for r in allrows})
    vid = {v: i for i, v in enumerate(vs, 1)}
    key = lambda r: vid[(r["vegetable"], r["variety"] or "unknown")]
    print(f"  {db}.varieties: " + str(load_csv_table(srv, db, "varieties", _csv_text(
        ["variety_id", "vegetable", "variety"], [[vid[v], v[0], v[1]] for v in vs]))) + " rows")
    num = lambda x: "" if x is None else ("%d" % x if x == int(x) else repr(x))
    out = [[i, r["plot"], key(r), num(r["number_seeds_planted"]), "true" if r["number_seeds_exact"] else "false",
            r["date"], r["notes"] or ""] for i, r in enumerate(rows(p20) + rows(p21), 1)]
    print(f"  {db}.plantings: " + str(load_csv_table(srv, db, "plantings", _csv_text(
        ["planting_id", "plot", "variety_id", "seeds_planted", "seeds_exact", "planted_on", "notes"], out)))
        + " rows")
    out = [[i, y, key(r), r["brand"], "%.2f" % r["price"], "%.2f" % r["price_with_tax"]]
           for i, (y, r) in enumerate([(2020, r) for r in rows(s20)] + [(2021, r) for r in rows(s21)], 1)]
    print(f"  {db}.seed_purchases: " + str(load_csv_table(srv, db, "seed_purchases", _csv_text(
        ["purchase_id", "year", "variety_id", "brand", "price", "price_with_tax"], out))) + " rows")
    out = [[i, key(r), r["date"], num(r["weight"]) if r["units"] == "grams" else ""]
           for i, r in enumerate(rows(h20) + rows(h21), 1)]
    print(f"  {db}.harvests: " + str(load_csv_table(srv, db, "harvests", _csv_text(
        ["harvest_id", "variety_id", "harvested_on", "weight_g"], out))) + " rows")
    srv.psql(db, "ALTER TABLE plantings ALTER planted_on TYPE date USING planted_on::date, "
                 "ALTER seeds_exact TYPE boolean USING seeds_exact::boolean, ALTER plot TYPE text; "
                 "ALTER TABLE harvests ALTER harvested_on TYPE date USING harvested_on::date, "
                 "ALTER weight_g TYPE numeric; "
                 "ALTER TABLE seed_purchases ALTER price TYPE numeric(6, 2), "
                 "ALTER price_with_tax TYPE numeric(6, 2)")
    add_keys(srv, db, [("varieties", ["variety_id"]), ("plantings", ["planting_id"]),
                       ("seed_purchases", ["purchase_id"]), ("harvests", ["harvest_id"])],
             [("plantings", "variety_id", "varieties", "variety_id"),
              ("seed_purchases", "variety_id", "varieties", "variety_id"),
              ("harvests", "variety_id", "varieties", "variety_id")])


def load_trove_journals(srv, db, files):
    """The National Library of Australia's digitised journals in Trove (the
    GLAM Workbench's list of digitised periodical titles, harvested 2021,
    and its harvest of their OCR text; CC-BY / public data): journals
    (2730 titles: journal_id in file order, title, trove_id 'nla.obj-…',
    trove_url, fulltext_url, nla_digitised boolean — digitised by the
    library itself rather than supplied digital —) and text_harvests (397:
    harvest_id, journal_id — a few titles listed twice —, issues —
    digitised issues found —, issues_with_text — of them, issues with OCR
    text —). Keys: journals.journal_id, text_harvests.harvest_id;
    text_harvests -> journals."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    jid = {}
    out = []
    for i, r in enumerate(rows, 1):
        jid.setdefault(r["trove_id"], i)
        out.append([i, r["title"], r["trove_id"], r["trove_url"], r["fulltext_url"], r["nla_digitised"].lower()])
    print(f"  {db}.journals: " + str(load_csv_table(srv, db, "journals", _csv_text(
        ["journal_id", "title", "trove_id", "trove_url", "fulltext_url", "nla_digitised"], out))) + " rows")
    out = [[i, jid[r["trove_id"]], r["issues"], r["issues_with_text"]]
           for i, r in enumerate(csv.DictReader(io.StringIO(files[1])), 1)]
    print(f"  {db}.text_harvests: " + str(load_csv_table(srv, db, "text_harvests", _csv_text(
        ["harvest_id", "journal_id", "issues", "issues_with_text"], out))) + " rows")
    srv.psql(db, "ALTER TABLE journals ALTER nla_digitised TYPE boolean USING nla_digitised::boolean")
    add_keys(srv, db, [("journals", ["journal_id"]), ("text_harvests", ["harvest_id"])],
             [("text_harvests", "journal_id", "journals", "journal_id")])


LOADERS.update(chicago_env_complaints=load_chicago_env_complaints, garden_harvests=load_garden_harvests,
               trove_journals=load_trove_journals)


DATASETS.update({
    "auto_damage_claims": ("yencikm/Auto-Insurance-SQL-Analytics-Project", "87734c68709a7c8fa7761e923f096ad4cdedfe79",
                           ["data/insurance_claims.csv"]),
    "nyc_bus_delays_2016": ("paoptu023/COMS6111-proj3", "13698b5e580e4bea472408f2e3de6a61f96bd1e6",
                            ["Bus_Breakdown_and_Delays.csv"]),
    "korea_lotto": ("smok95/lotto", "e8eefa326f2d8fe23a538cd85a09184199a1c19e", ["results/all.json"]),
})


def load_auto_damage_claims(srv, db, files):
    """An auto insurer's 1,000 vehicle-damage claims of January to March
    2015 (the public Kaggle "insurance_claims" set as an insurance SQL
    project keeps it; MIT licence; the rows are made up): car_models (39,
    model_id in make / model order, make — spelled as published, 'Accura',
    'Suburu' —, model), policies (1000, policy_number, policy_state OH / IL
    / IN, deductible 500 / 1000 / 2000, annual_premium, months_as_customer)
    and claims (1000, claim_id in file order, policy_number, model_id,
    car_year, incident_date, incident_hour 0-23, incident_type,
    collision_type — NULL where published '?' —, severity 'Trivial Damage'
    … 'Total Loss', incident_state, incident_city, vehicles_involved,
    property_damage boolean — NULL where '?' —, bodily_injuries,
    total_claim_amount = injury_claim + property_claim + vehicle_claim in
    dollars). The policyholders' age, sex, education, occupation, hobbies
    and relationship are left out. Keys: car_models.model_id,
    policies.policy_number, claims.claim_id; claims -> policies,
    car_models."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    models = sorted({(r["auto_make"], r["auto_model"]) for r in rows})
    mid = {m: i for i, m in enumerate(models, 1)}
    print(f"  {db}.car_models: " + str(load_csv_table(srv, db, "car_models", _csv_text(
        ["model_id", "make", "model"], [[mid[m], m[0], m[1]] for m in models]))) + " rows")
    print(f"  {db}.policies: " + str(load_csv_table(srv, db, "policies", _csv_text(
        ["policy_number", "policy_state", "deductible", "annual_premium", "months_as_customer"],
        [[r["policy_number"], r["policy_state"], r["policy_deductable"], r["policy_annual_premium"],
          r["months_as_customer"]] for r in rows]))) + " rows")
    q = lambda v: "" if v == "?" else v
    yn = lambda v: {"YES": "true", "NO": "false", "?": ""}[v]
    print(f"  {db}.claims: " + str(load_csv_table(srv, db, "claims", _csv_text(
        ["claim_id", "policy_number", "model_id", "car_year", "incident_date", "incident_hour", "incident_type",
         "collision_type", "severity", "incident_state", "incident_city", "vehicles_involved", "property_damage",
         "bodily_injuries", "total_claim_amount", "injury_claim", "property_claim", "vehicle_claim"],
        [[i, r["policy_number"], mid[(r["auto_make"], r["auto_model"])], r["auto_year"], r["incident_date"],
          r["incident_hour_of_the_day"], r["incident_type"], q(r["collision_type"]), r["incident_severity"],
          r["incident_state"], r["incident_city"], r["number_of_vehicles_involved"], yn(r["property_damage"]),
          r["bodily_injuries"], r["total_claim_amount"], r["injury_claim"], r["property_claim"], r["vehicle_claim"]]
         for i, r in enumerate(rows, 1)]))) + " rows")
    srv.psql(db, "ALTER TABLE policies ALTER annual_premium TYPE numeric(8, 2); "
                 "ALTER TABLE claims ALTER incident_date TYPE date USING incident_date::date, "
                 "ALTER property_damage TYPE boolean USING property_damage::boolean, "
                 "ALTER total_claim_amount TYPE numeric(10, 2), ALTER injury_claim TYPE numeric(10, 2), "
                 "ALTER property_claim TYPE numeric(10, 2), ALTER vehicle_claim TYPE numeric(10, 2)")
    add_keys(srv, db, [("car_models", ["model_id"]), ("policies", ["policy_number"]), ("claims", ["claim_id"])],
             [("claims", "policy_number", "policies", "policy_number"),
              ("claims", "model_id", "car_models", "model_id")])


def load_nyc_bus_delays_2016(srv, db, files):
    """New York City school buses running late or breaking down, 4,656
    incidents reported July to November 2016 (an extract of the city's
    open-data "Bus Breakdown and Delays" a course project keeps; the
    repository states no licence): bus_companies (34, company_id in name
    order, company_name as published — truncated, and one company under
    several spellings, 'RELIANT TRANS, INC. (B232' and 'RELIANT TRANS,
    INC.') and incidents (incident_id in file order, route_number 'M462',
    reason 'Heavy Traffic' …, occurred_at — the file mixes 'MM/DD/YYYY
    hh:mm:ss AM' and 'MM/DD/YYYY HH:MM' —, boro NULL where blank,
    company_id, delay_text as the driver wrote it ('15MINS', '20 MIN'),
    delay_minutes read from it where it is a plain number of minutes up to
    300 (NULL otherwise: '1 HOUR', '45-60', bare numbers such as 16401), students_on_bus, incident_type 'Running Late' /
    'Breakdown'). Keys: bus_companies.company_id, incidents.incident_id;
    incidents -> bus_companies."""
    import datetime
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    comps = sorted({r["Bus_Company_Name"] for r in rows})
    cid = {c: i for i, c in enumerate(comps, 1)}
    print(f"  {db}.bus_companies: " + str(load_csv_table(srv, db, "bus_companies", _csv_text(
        ["company_id", "company_name"], [[cid[c], c] for c in comps]))) + " rows")

    def when(v):
        for f in ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M"):
            try:
                return datetime.datetime.strptime(v.strip(), f).strftime("%Y-%m-%d %H:%M:%S")
            except ValueError:
                pass
        raise ValueError(v)

    def minutes(v):
        m = re.fullmatch(r"\s*(\d+)\s*(m|min|mins|minute|minutes|mns|mn)?\.?\s*", v, re.I)
        return m.group(1) if m and int(m.group(1)) <= 300 else ""
    print(f"  {db}.incidents: " + str(load_csv_table(srv, db, "incidents", _csv_text(
        ["incident_id", "route_number", "reason", "occurred_at", "boro", "company_id", "delay_text",
         "delay_minutes", "students_on_bus", "incident_type"],
        [[i, r["Route_Number"], r["Reason"], when(r["Occurred_On"]), r["Boro"], cid[r["Bus_Company_Name"]],
          r["How_Long_Delayed"], minutes(r["How_Long_Delayed"]), r["Number_Of_Students_On_The_Bus"],
          r["Breakdown_or_Running_Late"]] for i, r in enumerate(rows, 1)]))) + " rows")
    srv.psql(db, "ALTER TABLE incidents ALTER occurred_at TYPE timestamp USING occurred_at::timestamp, "
                 "ALTER delay_text TYPE text, ALTER route_number TYPE text")
    add_keys(srv, db, [("bus_companies", ["company_id"]), ("incidents", ["incident_id"])],
             [("incidents", "company_id", "bus_companies", "company_id")])


def load_korea_lotto(srv, db, files):
    """South Korea's Lotto 6/45, every weekly draw from the first (7
    December 2002) to draw 1238 (22 August 2026), as a results-collecting
    repository keeps them in one JSON file (the repository states no
    licence): draws (1238, draw_no, draw_date a Saturday, bonus_number,
    total_sales_krw — NULL where not published —, and for the draws that
    publish it, how the first-prize tickets were picked: auto_winners,
    semi_auto_winners, manual_winners, NULL otherwise), draw_numbers (six a
    draw, position 1-6 in ascending order, number 1-45; the bonus ball is
    in draws) and prize_tiers (five a draw, tier 1 six numbers … tier 5
    three numbers; winners 0 and prize_per_winner_krw NULL where the tier
    had no winner).
    Amounts in won. Keys: draws.draw_no, draw_numbers (draw_no, position),
    prize_tiers (draw_no, tier); both -> draws."""
    data = json.loads(files[0])
    draws, nums, tiers = [], [], []
    for d in data:
        wc = d.get("winners_combination") or {}
        draws.append([d["draw_no"], d["date"][:10], d["bonus_no"], d.get("total_sales_amount", ""),
                      wc.get("auto", ""), wc.get("semi_auto", ""), wc.get("manual", "")])
        for p, n in enumerate(d["numbers"], 1):
            nums.append([d["draw_no"], p, n])
        divs = d.get("divisions") or []
        if any(divs):
            for t, v in enumerate(divs, 1):
                tiers.append([d["draw_no"], t, v.get("winners", 0), v.get("prize", "")])
    print(f"  {db}.draws: " + str(load_csv_table(srv, db, "draws", _csv_text(
        ["draw_no", "draw_date", "bonus_number", "total_sales_krw", "auto_winners", "semi_auto_winners",
         "manual_winners"], draws))) + " rows")
    print(f"  {db}.draw_numbers: " + str(load_csv_table(srv, db, "draw_numbers", _csv_text(
        ["draw_no", "position", "number"], nums))) + " rows")
    print(f"  {db}.prize_tiers: " + str(load_csv_table(srv, db, "prize_tiers", _csv_text(
        ["draw_no", "tier", "winners", "prize_per_winner_krw"], tiers))) + " rows")
    srv.psql(db, "ALTER TABLE draws ALTER draw_date TYPE date USING draw_date::date, "
                 "ALTER total_sales_krw TYPE bigint, ALTER auto_winners TYPE integer, "
                 "ALTER semi_auto_winners TYPE integer, ALTER manual_winners TYPE integer; "
                 "ALTER TABLE prize_tiers ALTER prize_per_winner_krw TYPE bigint, ALTER winners TYPE integer")
    add_keys(srv, db, [("draws", ["draw_no"]), ("draw_numbers", ["draw_no", "position"]),
                       ("prize_tiers", ["draw_no", "tier"])],
             [("draw_numbers", "draw_no", "draws", "draw_no"), ("prize_tiers", "draw_no", "draws", "draw_no")])


LOADERS.update(auto_damage_claims=load_auto_damage_claims, nyc_bus_delays_2016=load_nyc_bus_delays_2016,
               korea_lotto=load_korea_lotto)


DATASETS.update({
    "euro_exhibitions": ("lllisteu/lllisteu-data", "62492a553780300987a0a3137dbb27e7a0037776",
                         ["items/exhibitions", "items/museums"]),
    "syracuse_potholes": ("CityofSyracuse/RoadsChallenge", "8ed6638e2573b197f400e593d1d8bb139b8f9fae",
                          ["data/potholes.csv", "data/roads/RoadRatings2015.csv"]),
    "ebook_sales": ("SHAZA-00/Book-Sales", "aedf7f188d448fb8449c3304aac0f79d7157e1ec", ["Books_Data_Clean.csv"]),
})


def _front_matter(text):
    """The YAML front matter of one lllist.eu item file, as a dict."""
    import yaml
    assert text.startswith("---\n")
    return yaml.safe_load(text[4:text.index("\n---", 4)])


def load_euro_exhibitions(srv, db, files):
    """Art exhibitions in European museums, 2011 to 2026 (the lllist.eu
    website's data, one YAML front-matter file per exhibition and per
    museum; CC0): venues (281, one per distinct published exhibition
    location 'Tate Modern, London', split at its last comma into venue_name
    and city — city NULL where the location names no city, 'Kunsthaus
    Zürich' —; latitude / longitude where the site's museum file of that
    name gives them) and exhibitions (1348, exhibition_id in the files'
    uid order, title, venue_id, opens_on / closes_on the published
    opening and closing dates, listed_at the record's creation time (UTC),
    link). The two directory paths are read file by file. Keys:
    venues.venue_id, exhibitions.exhibition_id; exhibitions -> venues."""
    repo, commit, paths = DATASETS[db]
    items = {}
    for path in paths:
        names = [n for n in files[paths.index(path)].split("\n")[2:] if n.endswith(".txt")]
        items[path] = [_front_matter(git_show(repo, commit, f"{path}/{n}")) for n in sorted(names)]
    ex, mu = items["items/exhibitions"], items["items/museums"]
    place = {}
    for m in mu:
        for k in (m["title"], m.get("event-location")):
            if k and m.get("lat") is not None:
                place.setdefault(k, (m["lat"], m["lon"]))
    locs = sorted({e["event-location"].strip() for e in ex})
    vid = {l: i for i, l in enumerate(locs, 1)}
    vrows = []
    for l in locs:
        name, city = (l.rsplit(", ", 1) + [""])[:2] if ", " in l else (l, "")
        lat, lon = place.get(l) or place.get(name) or ("", "")
        vrows.append([vid[l], name, city, lat, lon])
    print(f"  {db}.venues: " + str(load_csv_table(srv, db, "venues", _csv_text(
        ["venue_id", "venue_name", "city", "latitude", "longitude"], vrows))) + " rows")
    ex.sort(key=lambda e: str(e["uid"]))
    erows = [[i, e["title"].strip(), vid[e["event-location"].strip()], e["event-dt-begin"], e["event-dt-end"],
              e["dt-created"].replace(" GMT", ""), e.get("link") or ""] for i, e in enumerate(ex, 1)]
    print(f"  {db}.exhibitions: " + str(load_csv_table(srv, db, "exhibitions", _csv_text(
        ["exhibition_id", "title", "venue_id", "opens_on", "closes_on", "listed_at", "link"], erows))) + " rows")
    srv.psql(db, "ALTER TABLE venues ALTER latitude TYPE double precision, ALTER longitude TYPE double precision; "
                 "ALTER TABLE exhibitions ALTER opens_on TYPE date USING opens_on::date, "
                 "ALTER closes_on TYPE date USING closes_on::date, "
                 "ALTER listed_at TYPE timestamp USING listed_at::timestamp, ALTER title TYPE text")
    add_keys(srv, db, [("venues", ["venue_id"]), ("exhibitions", ["exhibition_id"])],
             [("exhibitions", "venue_id", "venues", "venue_id")])


def load_syracuse_potholes(srv, db, files):
    """Potholes filled by the City of Syracuse, New York, April to
    September 2016, and its street ratings (the city's data for the
    Syracuse Roads Challenge, in the city's own repository; GPL-3.0
    licence file): streets (one per street id of either file: street_name,
    street_type 'AVE', direction 'S' or NULL), road_ratings (the 2015
    ratings file, 4864 block segments: block the address block, overall /
    crack / patch scores — overall 1-10, 10 best, NULL where 'NA' —,
    length_ft, width_ft, rated_month the first day of its 'M/YY' month
    (NULL for 15 blank or unreadable), last_overlay_year (the later of two where
    two are given), flush_oil, road_class 'Local' / 'MA' / 'CO' / 'PA'
    / 'Parks', pavement as published) and potholes (7538, pothole_id in
    file order, street_id, house_number, address as published, filled_at
    the fill time to the minute, truck 'DP1' / 'DP2' — the two pothole
    trucks —, latitude / longitude: the file's two columns are swapped
    and put right here). Keys: streets.street_id, road_ratings.rating_id,
    potholes.pothole_id; road_ratings, potholes -> streets."""
    pots = list(csv.DictReader(io.StringIO(files[0])))
    rats = list(csv.DictReader(io.StringIO(files[1])))
    streets = {}
    for r in rats:
        streets.setdefault(r["streetID"], [r["streetName"].strip(), r["streetType"].strip(),
                                           r["streetDirection"].strip()])
    for r in pots:
        streets.setdefault(r["STREET_ID"], [r["StreetName"].strip(), r["StreetNamePostType"].strip(),
                                            r["Directional"].strip()])
    print(f"  {db}.streets: " + str(load_csv_table(srv, db, "streets", _csv_text(
        ["street_id", "street_name", "street_type", "direction"],
        [[k] + v for k, v in sorted(streets.items(), key=lambda kv: int(kv[0]))]))) + " rows")
    num = lambda v: "" if v.strip() in ("", "NA") else v.strip()

    def month(v):  # 'M/YY'; anything else ('BRICK', '1211', '6/1') is left NULL
        g = re.fullmatch(r"(\d{1,2})/(\d\d)", v.strip())
        if not g or not 1 <= int(g[1]) <= 12:
            return ""
        return f"{19 if int(g[2]) >= 50 else 20}{g[2]}-{int(g[1]):02d}-01"

    def overlay(v):  # '83,99' (two overlays) keeps the later one
        v = v.strip().split(",")[-1]
        return "" if not v else v if len(v) == 4 else f"19{v}"
    out = [[i, r["streetID"], r["block"], num(r["overall"]), num(r["crack"]), num(r["patch"]), num(r["length"]),
            num(r["width"]), month(r["dateRated"]), overlay(r["dateLastOverlay"]),
            r["flushOil"].strip(), r["class"].strip(), r["pavement"].strip()] for i, r in enumerate(rats, 1)]
    print(f"  {db}.road_ratings: " + str(load_csv_table(srv, db, "road_ratings", _csv_text(
        ["rating_id", "street_id", "block", "overall", "crack", "patch", "length_ft", "width_ft", "rated_month",
         "last_overlay_year", "flush_oil", "road_class", "pavement"], out))) + " rows")
    out = []
    for i, r in enumerate(pots, 1):
        d, t = r["dtTime"].split(" ")
        m, dd, y = d.split("/")
        out.append([i, r["STREET_ID"], r["StreetNumber"].strip(), r["strLocation"].strip(),
                    f"{y}-{int(m):02d}-{int(dd):02d} {t}", r["VehicleName"].strip(), r["Longitude"], r["Latitude"]])
    print(f"  {db}.potholes: " + str(load_csv_table(srv, db, "potholes", _csv_text(
        ["pothole_id", "street_id", "house_number", "address", "filled_at", "truck", "latitude", "longitude"],
        out))) + " rows")
    srv.psql(db, "ALTER TABLE streets ALTER street_id TYPE bigint; "
                 "ALTER TABLE road_ratings ALTER street_id TYPE bigint, "
                 "ALTER rated_month TYPE date USING rated_month::date, ALTER pavement TYPE text, "
                 "ALTER flush_oil TYPE text; "
                 "ALTER TABLE potholes ALTER street_id TYPE bigint, ALTER house_number TYPE text, "
                 "ALTER filled_at TYPE timestamp USING filled_at::timestamp, "
                 "ALTER latitude TYPE double precision, ALTER longitude TYPE double precision")
    add_keys(srv, db, [("streets", ["street_id"]), ("road_ratings", ["rating_id"]), ("potholes", ["pothole_id"])],
             [("road_ratings", "street_id", "streets", "street_id"), ("potholes", "street_id", "streets", "street_id")])


def load_ebook_sales(srv, db, files):
    """E-book sales of about a thousand titles on Amazon's Kindle store
    (the Kaggle "Books Sales and Ratings" set, Goodreads ratings joined to
    Author Earnings' sales estimates of about 2016, Books_Data_Clean.csv
    as a learner's analysis repository keeps it; the repository states no
    licence): publishers (9, the 'sold by' names with the doubled blank of
    'Amazon Digital Services,  Inc.' made one), authors (979, split from
    the comma-separated author lists, in name order), books (1070,
    book_id the file's index, title NULL for 23, publishing_year NULL for
    one and negative for 6 works of antiquity, language_code NULL for 53,
    author_rating Novice / Intermediate / Excellent / Famous as published
    for the row, average_rating, ratings_count, genre 'genre fiction' /
    'fiction' / 'nonfiction' / 'children', gross_sales, publisher_revenue,
    sale_price in dollars, sales_rank, units_sold, publisher_id) and
    book_authors (book_id, author_id, author_position — the order in the
    list). Keys: publishers.publisher_id, authors.author_id,
    books.book_id, book_authors (book_id, author_id); books ->
    publishers; book_authors -> books, authors."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    pub = lambda r: " ".join(r["Publisher "].split())
    pubs = sorted({pub(r) for r in rows})
    pid = {p: i for i, p in enumerate(pubs, 1)}
    names = lambda r: [a.strip() for a in r["Author"].split(",") if a.strip()]
    auths = sorted({a for r in rows for a in names(r)})
    aid = {a: i for i, a in enumerate(auths, 1)}
    print(f"  {db}.publishers: " + str(load_csv_table(srv, db, "publishers", _csv_text(
        ["publisher_id", "publisher_name"], [[pid[p], p] for p in pubs]))) + " rows")
    print(f"  {db}.authors: " + str(load_csv_table(srv, db, "authors", _csv_text(
        ["author_id", "author_name"], [[aid[a], a] for a in auths]))) + " rows")
    yr = lambda v: str(int(float(v))) if v.strip() else ""
    out, links = [], []
    for r in rows:
        out.append([r["index"], r["Book Name"].strip(), yr(r["Publishing Year"]), r["language_code"].strip(),
                    r["Author_Rating"], r["Book_average_rating"], r["Book_ratings_count"], r["genre"],
                    r["gross sales"], r["publisher revenue"], r["sale price"], r["sales rank"], r["units sold"],
                    pid[pub(r)]])
        seen = []
        for a in names(r):
            if a not in seen:
                seen.append(a)
                links.append([r["index"], aid[a], len(seen)])
    print(f"  {db}.books: " + str(load_csv_table(srv, db, "books", _csv_text(
        ["book_id", "title", "publishing_year", "language_code", "author_rating", "average_rating", "ratings_count",
         "genre", "gross_sales", "publisher_revenue", "sale_price", "sales_rank", "units_sold", "publisher_id"],
        out))) + " rows")
    print(f"  {db}.book_authors: " + str(load_csv_table(srv, db, "book_authors", _csv_text(
        ["book_id", "author_id", "author_position"], links))) + " rows")
    srv.psql(db, "ALTER TABLE books ALTER gross_sales TYPE numeric(12, 2), "
                 "ALTER publisher_revenue TYPE numeric(12, 2), ALTER sale_price TYPE numeric(8, 2), "
                 "ALTER average_rating TYPE numeric(4, 2), ALTER title TYPE text")
    add_keys(srv, db, [("publishers", ["publisher_id"]), ("authors", ["author_id"]), ("books", ["book_id"]),
                       ("book_authors", ["book_id", "author_id"])],
             [("books", "publisher_id", "publishers", "publisher_id"),
              ("book_authors", "book_id", "books", "book_id"), ("book_authors", "author_id", "authors", "author_id")])


LOADERS.update(euro_exhibitions=load_euro_exhibitions, syracuse_potholes=load_syracuse_potholes,
               ebook_sales=load_ebook_sales)


DATASETS.update({
    "nyc_refuse_tonnage": ("tedi529/New-York-Waste", "7e078a1db5cfdb5355a4ce76e24a9ad1161efff3",
                           ["Resources/DSNY_Monthly_Tonnage_Data.csv",
                            "Resources/New_York_City_Population_By_Community_Districts.csv"]),
    "park_ranger_animals": ("erindolson/nycwildlife", "2a086b2d2508fed27dca64c09e32080e253e834a",
                            ["Urban_Park_Ranger_Animal_Condition_Response.csv"]),
    "toronto_island_ferry": ("chuyun2024/Analyzing-Toronto-Islands-Ferry-Tickets-Sales-and-Redemption-Count-Data",
                             "58c79807d3b530a8aff8e543f12dc2a3584d4db4", ["data/raw_data/unedited_sales_data.csv"]),
})


def load_nyc_refuse_tonnage(srv, db, files):
    """New York City's curbside collection tonnage by community district and
    month, January 1990 to December 2019 (the Department of Sanitation's
    "DSNY Monthly Tonnage Data", NYC Open Data, with the city's community
    district populations, as a data-course project keeps them; the
    repository states no licence): boroughs (5, borough_id as DSNY numbers
    them: 1 Manhattan, 2 Bronx, 3 Brooklyn, 4 Queens, 5 Staten Island),
    community_districts (59, district_id = borough_id * 100 + district
    number — 101 Manhattan 1, 312 Brooklyn 12 —, district_name the
    neighbourhoods it covers, population_1970 ... population_2010 from the
    censuses) and monthly_tonnage (20517, one row per district and month:
    month the month's first day, refuse_tons, paper_tons, mgp_tons — metal,
    glass and plastic recycling —, and the organics, leaves and Christmas
    tree tons where collected, NULL where the file gives none). Keys:
    boroughs.borough_id, community_districts.district_id, monthly_tonnage
    (district_id, month); community_districts -> boroughs; monthly_tonnage
    -> community_districts."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    pops = list(csv.DictReader(io.StringIO(files[1])))
    bid = {r["BOROUGH"]: int(r["BOROUGH_ID"]) for r in rows}
    print(f"  {db}.boroughs: " + str(load_csv_table(srv, db, "boroughs", _csv_text(
        ["borough_id", "borough_name"], sorted([[v, k] for k, v in bid.items()])))) + " rows")
    drows = []
    for r in pops:
        n = int(r["CD Number"])
        drows.append([bid[r["Borough"]] * 100 + n, bid[r["Borough"]], n, r["CD Name"].strip()]
                     + [r[f"{y} Population"].replace(",", "").strip() for y in (1970, 1980, 1990, 2000, 2010)])
    drows.sort()
    print(f"  {db}.community_districts: " + str(load_csv_table(srv, db, "community_districts", _csv_text(
        ["district_id", "borough_id", "district_number", "district_name", "population_1970", "population_1980",
         "population_1990", "population_2000", "population_2010"], drows))) + " rows")
    out = []
    for r in rows:
        y, m = [int(x) for x in r["MONTH"].split("/")]
        out.append([bid[r["BOROUGH"]] * 100 + int(r["COMMUNITYDISTRICT"]), f"{y}-{m:02d}-01"]
                   + [r[k].strip() for k in ("REFUSETONSCOLLECTED", "PAPERTONSCOLLECTED", "MGPTONSCOLLECTED",
                                             "RESORGANICSTONS", "SCHOOLORGANICTONS", "LEAVESORGANICTONS",
                                             "XMASTREETONS")])
    out.sort()
    print(f"  {db}.monthly_tonnage: " + str(load_csv_table(srv, db, "monthly_tonnage", _csv_text(
        ["district_id", "month", "refuse_tons", "paper_tons", "mgp_tons", "res_organics_tons",
         "school_organics_tons", "leaves_organics_tons", "xmas_tree_tons"], out))) + " rows")
    srv.psql(db, "ALTER TABLE monthly_tonnage ALTER refuse_tons TYPE numeric(10, 1), "
                 "ALTER paper_tons TYPE numeric(10, 1), ALTER mgp_tons TYPE numeric(10, 1), "
                 "ALTER res_organics_tons TYPE numeric(10, 1), ALTER school_organics_tons TYPE numeric(10, 1), "
                 "ALTER leaves_organics_tons TYPE numeric(10, 1), ALTER xmas_tree_tons TYPE numeric(10, 1)")
    add_keys(srv, db, [("boroughs", ["borough_id"]), ("community_districts", ["district_id"]),
                       ("monthly_tonnage", ["district_id", "month"])],
             [("community_districts", "borough_id", "boroughs", "borough_id"),
              ("monthly_tonnage", "district_id", "community_districts", "district_id")])


def load_park_ranger_animals(srv, db, files):
    """New York City Parks' Urban Park Rangers' responses to calls about
    animals in the city's parks, May 2018 to June 2019 (NYC Open Data's
    "Urban Park Ranger Animal Condition Response", as a mapping project
    keeps it with the dates split into parts; the repository states no
    licence): parks (194, park_name and borough, numbered in name order),
    species (113 distinct species descriptions, numbered in name order;
    the file's 'N/A' is no species) and responses (982, response_id in file
    order: called_at and responded_at to the minute, park_id, location as
    written, species_id, animal_class 'Small Mammals-RVS' (rabies vector
    species) / 'Birds' / 'Raptors' / ... — several joined with ';#' where the
    ranger ticked more than one —, species_status Native / Domestic /
    Invasive / Exotic, animal_condition Healthy / Unhealthy / Injured / DOA,
    age, call_source, duration_hours, final_action — 'ACC' handed to Animal
    Care Centers, 'Rehabilitator', 'Relocated/Condition Corrected',
    'Unfounded' ... —, animal_count, and booleans pep_response,
    animal_monitored, police_response, esu_response with monitoring_hours).
    'N/A' and blanks are NULL. The geocodes (many placed outside the city),
    the rehabilitators' names, 311 and ACC numbers are not loaded. Keys:
    parks.park_id, species.species_id, responses.response_id; responses ->
    parks, species."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    na = lambda v: "" if v.strip() in ("", "N/A") else v.strip()

    def ts(d, h, mi, ap):  # d 'MM/DD/YY', h '01'..'12', ap 'AM'/'PM'
        m, dd, yy = [int(x) for x in d.split("/")]
        hh = int(h) % 12 + (12 if ap.strip() == "PM" else 0)
        return f"20{yy:02d}-{m:02d}-{dd:02d} {hh:02d}:{int(mi):02d}"
    parks = sorted({(r["property"].strip(), r["borough"].strip()) for r in rows})
    pid = {p: i for i, p in enumerate(parks, 1)}
    print(f"  {db}.parks: " + str(load_csv_table(srv, db, "parks", _csv_text(
        ["park_id", "park_name", "borough"], [[pid[p], p[0], p[1]] for p in parks]))) + " rows")
    specs = sorted({na(r["species_description"]) for r in rows} - {""})
    sid = {s: i for i, s in enumerate(specs, 1)}
    print(f"  {db}.species: " + str(load_csv_table(srv, db, "species", _csv_text(
        ["species_id", "species_name"], [[sid[s], s] for s in specs]))) + " rows")
    out = []
    for i, r in enumerate(rows, 1):
        called = ts(f"{r['month_init_call']}/{r['date_init_call']}/{int(r['year_init_call']) % 100}",
                    r["time_hour_init_call"], r["time_min_init_call"], r["am_pm_init_call"])
        resp = ts(r["date_ranger_response"], r["time_hour_ranger_response"], r["time_min_ranger_response"],
                  r["am_pm_ranger_response"])
        out.append([i, called, resp, pid[(r["property"].strip(), r["borough"].strip())], na(r["location"]),
                    sid.get(na(r["species_description"]), ""), na(r["animal_class"]), na(r["species_status"]),
                    na(r["animal_condition"]), na(r["age"]), na(r["call_source"]), na(r["duration_of_response"]),
                    na(r["final_ranger_action"]), na(r["number_animals"]), na(r["PEP_Response"]),
                    na(r["Animal_Monitored"]), na(r["Hours_spent_monitoring"]), na(r["Police_Response"]),
                    na(r["ESU_Response"])])
    print(f"  {db}.responses: " + str(load_csv_table(srv, db, "responses", _csv_text(
        ["response_id", "called_at", "responded_at", "park_id", "location", "species_id", "animal_class",
         "species_status", "animal_condition", "age", "call_source", "duration_hours", "final_action",
         "animal_count", "pep_response", "animal_monitored", "monitoring_hours", "police_response",
         "esu_response"], out))) + " rows")
    srv.psql(db, "ALTER TABLE responses ALTER pep_response TYPE boolean USING pep_response::boolean, "
                 "ALTER animal_monitored TYPE boolean USING animal_monitored::boolean, "
                 "ALTER police_response TYPE boolean USING police_response::boolean, "
                 "ALTER esu_response TYPE boolean USING esu_response::boolean, "
                 "ALTER duration_hours TYPE numeric(6, 2), ALTER monitoring_hours TYPE numeric(6, 2)")
    add_keys(srv, db, [("parks", ["park_id"]), ("species", ["species_id"]), ("responses", ["response_id"])],
             [("responses", "park_id", "parks", "park_id"), ("responses", "species_id", "species", "species_id")])


def load_toronto_island_ferry(srv, db, files):
    """Ticket sales and redemptions of the Toronto Island ferries at the
    Jack Layton Ferry Terminal, in 15-minute intervals, 11 July 2023 to 20
    September 2024 (the City of Toronto's open data "Toronto Island Ferry
    Ticket Counts", Open Government Licence - Toronto, as a student paper's
    repository keeps its download): one table, ticket_counts (32000 rows,
    count_id the published _id — newest first —, interval_start the
    interval's timestamp, redemption_count the tickets redeemed — people
    boarding — and sales_count the tickets sold, online and at the kiosks,
    in that interval). Key: ticket_counts.count_id."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    out = [[r["_id"], r["Timestamp"].replace("T", " "), r["Redemption Count"], r["Sales Count"]] for r in rows]
    print(f"  {db}.ticket_counts: " + str(load_csv_table(srv, db, "ticket_counts", _csv_text(
        ["count_id", "interval_start", "redemption_count", "sales_count"], out))) + " rows")
    add_keys(srv, db, [("ticket_counts", ["count_id"])], [])


LOADERS.update(nyc_refuse_tonnage=load_nyc_refuse_tonnage, park_ranger_animals=load_park_ranger_animals,
               toronto_island_ferry=load_toronto_island_ferry)


DATASETS.update({
    "jmart_pharmacy": ("EilerBalminana/Jmartupdated", "1474ed3581014a9d413229022047ab7828065e19",
                       ["sql/jmartdbbackup06022025.sql"]),
    "delaware_election_2018": ("openelections/openelections-data-de", "2c04e63a6696d606a19814178bbe0df7c96ca943",
                               ["2018/20181106__de__general__precinct.csv"]),
    "uw_room_schedule": ("chunz1/uw-time-schedule", "80de771d1c926b181a81cc074c2ccf0fb69b126c",
                         ["time_schedule.csv"]),
})


def load_jmart_pharmacy(srv, db, files):
    """A pharmacy's stock receipts and adjustments, April 2024 to May 2025
    (the MySQL dump `jmartdbbackup06022025.sql` of a Philippine pharmacy's
    point-of-sale app built on Laravel; the repository states no licence).
    Amounts are stored by the app in centavos and loaded in pesos.
    categories (54 therapeutic classes), suppliers (50 companies: name,
    city, country — their e-mail, phone and street address are not
    loaded), products (1098: name, quantity_on_hand, unit_cost,
    unit_price, unit as typed 'Tab/Cap' / 'Pcs' / 'syr' …, stock_alert,
    created_at), purchases (309 stock receipts: purchase_date, reference,
    supplier_id, total / paid / due amount, status, payment_status,
    payment_method; the free-text note naming the receiver is not loaded),
    purchase_items (1876 lines: purchase_id, product_id — NULL for 6 whose
    product was deleted —, product_name as received, quantity,
    unit_price, sub_total), adjustments (95, adjustment_date, reference)
    and adjusted_products (95: adjustment_id, product_id, quantity,
    movement 'add' / 'sub'). The dump's sales (6), customers and users are
    not loaded. Keys: categories.category_id, suppliers.supplier_id,
    products.product_id, purchases.purchase_id, purchase_items.item_id,
    adjustments.adjustment_id, adjusted_products.adjusted_id; products ->
    categories; purchases -> suppliers; purchase_items -> purchases,
    products; adjusted_products -> adjustments, products."""
    tabs = {}
    for name, cols, rows in sql_insert_rows(files[0]):
        tabs.setdefault(name, (cols, []))[1].extend(rows)

    def pick(table, wanted):
        cols, rows = tabs[table]
        ix = [cols.index(c) for c in wanted]
        return [[r[i] for i in ix] for r in rows]

    peso = lambda v: None if v is None else f"{int(v) / 100:.2f}"
    clean = lambda v: None if v is None else " ".join(v.split())
    specs = [
        ("categories", ["category_id", "category_name"],
         [[r[0], clean(r[1])] for r in pick("categories", ["id", "category_name"])]),
        ("suppliers", ["supplier_id", "supplier_name", "city", "country"],
         [[r[0], clean(r[1]), clean(r[2]), clean(r[3])]
          for r in pick("suppliers", ["id", "supplier_name", "city", "country"])]),
        ("products", ["product_id", "category_id", "product_name", "quantity_on_hand", "unit_cost",
                      "unit_price", "unit", "stock_alert", "created_at"],
         [[r[0], r[1], clean(r[2]), r[3], peso(r[4]), peso(r[5]), clean(r[6]), r[7], r[8]]
          for r in pick("products", ["id", "category_id", "product_name", "product_quantity",
                                     "product_cost", "product_price", "product_unit", "product_stock_alert",
                                     "created_at"])]),
        ("purchases", ["purchase_id", "purchase_date", "reference", "supplier_id", "total_amount", "paid_amount",
                       "due_amount", "status", "payment_status", "payment_method"],
         [[r[0], r[1], r[2], r[3], peso(r[4]), peso(r[5]), peso(r[6]), r[7], r[8], r[9]]
          for r in pick("purchases", ["id", "date", "reference", "supplier_id", "total_amount", "paid_amount",
                                      "due_amount", "status", "payment_status", "payment_method"])]),
        ("purchase_items", ["item_id", "purchase_id", "product_id", "product_name", "quantity", "unit_price",
                            "sub_total"],
         [[r[0], r[1], r[2], clean(r[3]), r[4], peso(r[5]), peso(r[6])]
          for r in pick("purchase_details", ["id", "purchase_id", "product_id", "product_name", "quantity",
                                             "unit_price", "sub_total"])]),
        ("adjustments", ["adjustment_id", "adjustment_date", "reference"],
         pick("adjustments", ["id", "date", "reference"])),
        ("adjusted_products", ["adjusted_id", "adjustment_id", "product_id", "quantity", "movement"],
         pick("adjusted_products", ["id", "adjustment_id", "product_id", "quantity", "type"])),
    ]
    for table, header, rows in specs:
        print(f"  {db}.{table}: " + str(load_csv_table(srv, db, table, _csv_text(header, rows))) + " rows")
    srv.psql(db, "ALTER TABLE products ALTER unit_cost TYPE numeric(12, 2), "
                 "ALTER unit_price TYPE numeric(12, 2); "
                 "ALTER TABLE purchases ALTER total_amount TYPE numeric(12, 2), "
                 "ALTER paid_amount TYPE numeric(12, 2), ALTER due_amount TYPE numeric(12, 2); "
                 "ALTER TABLE purchase_items ALTER unit_price TYPE numeric(12, 2), "
                 "ALTER sub_total TYPE numeric(12, 2), ALTER product_id TYPE integer")
    add_keys(srv, db, [("categories", ["category_id"]), ("suppliers", ["supplier_id"]),
                       ("products", ["product_id"]), ("purchases", ["purchase_id"]),
                       ("purchase_items", ["item_id"]), ("adjustments", ["adjustment_id"]),
                       ("adjusted_products", ["adjusted_id"])],
             [("products", "category_id", "categories", "category_id"),
              ("purchases", "supplier_id", "suppliers", "supplier_id"),
              ("purchase_items", "purchase_id", "purchases", "purchase_id"),
              ("purchase_items", "product_id", "products", "product_id"),
              ("adjusted_products", "adjustment_id", "adjustments", "adjustment_id"),
              ("adjusted_products", "product_id", "products", "product_id")])


def load_delaware_election_2018(srv, db, files):
    """Delaware's general election of 6 November 2018, results by election
    district (precinct), as OpenElections publishes them from the State's
    files: counties (3), parties (4, as published: 'DEMOCRATIC',
    'REPUBLICAN', 'GREEN', 'LIBERTARIN'), precincts (436, one per county
    and election district '05-20' — election district 05 of representative
    district 20 —; rep_district the second part as an integer), candidates
    (99: the name as published, 'Carper T', truncated to ten letters;
    office 'U.S. Senate' / 'U.S. House' / 'Attorney General' / 'State
    Senate' / 'State Assembly', district NULL for the statewide offices;
    party_id) and results (one row per line of the file: precinct_id,
    candidate_id, election_day_votes, absentee_votes, votes — their sum;
    the file's 99 'Total' lines, one per candidate and equal to the sum of
    the candidate's precincts, are not loaded).
    Keys: counties.county_id, parties.party_id, precincts.precinct_id,
    candidates.candidate_id, results.result_id; precincts -> counties;
    candidates -> parties; results -> precincts, candidates."""
    rows = [r for r in csv.DictReader(io.StringIO(files[0])) if r["election_district"] != "Total"]
    counties = sorted({r["county"] for r in rows})
    cid = {c: i for i, c in enumerate(counties, 1)}
    parties = sorted({r["party"] for r in rows})
    pid = {p: i for i, p in enumerate(parties, 1)}
    prec = sorted({(r["county"], r["election_district"]) for r in rows}, key=lambda k: (cid[k[0]], k[1]))
    prid = {k: i for i, k in enumerate(prec, 1)}
    cands = []
    for r in rows:
        k = (r["office"], r["district"], r["candidate"], r["party"])
        if k not in cands:
            cands.append(k)
    cnid = {k: i for i, k in enumerate(cands, 1)}
    print(f"  {db}.counties: " + str(load_csv_table(srv, db, "counties", _csv_text(
        ["county_id", "county_name"], [[cid[c], c] for c in counties]))) + " rows")
    print(f"  {db}.parties: " + str(load_csv_table(srv, db, "parties", _csv_text(
        ["party_id", "party_name"], [[pid[p], p] for p in parties]))) + " rows")
    print(f"  {db}.precincts: " + str(load_csv_table(srv, db, "precincts", _csv_text(
        ["precinct_id", "county_id", "election_district", "rep_district"],
        [[prid[k], cid[k[0]], k[1], int(k[1].split("-")[1])] for k in prec]))) + " rows")
    print(f"  {db}.candidates: " + str(load_csv_table(srv, db, "candidates", _csv_text(
        ["candidate_id", "candidate_name", "office", "district", "party_id"],
        [[cnid[k], k[2], k[0], k[1], pid[k[3]]] for k in cands]))) + " rows")
    print(f"  {db}.results: " + str(load_csv_table(srv, db, "results", _csv_text(
        ["result_id", "precinct_id", "candidate_id", "election_day_votes", "absentee_votes", "votes"],
        [[i, prid[(r["county"], r["election_district"])],
          cnid[(r["office"], r["district"], r["candidate"], r["party"])],
          r["election_day"], r["absentee"], r["votes"]] for i, r in enumerate(rows, 1)]))) + " rows")
    srv.psql(db, "ALTER TABLE precincts ALTER election_district TYPE text")
    add_keys(srv, db, [("counties", ["county_id"]), ("parties", ["party_id"]), ("precincts", ["precinct_id"]),
                       ("candidates", ["candidate_id"]), ("results", ["result_id"])],
             [("precincts", "county_id", "counties", "county_id"),
              ("candidates", "party_id", "parties", "party_id"),
              ("results", "precinct_id", "precincts", "precinct_id"),
              ("results", "candidate_id", "candidates", "candidate_id")])


def _uw_minutes(text):
    """Start and end, in minutes after midnight, of a UW time schedule time
    '1030-120' / '430-520P': without P an hour 1 to 6 is after noon and an
    end not after the start is after noon; with P both are evening times."""
    m = re.fullmatch(r"(\d{1,2})(\d\d)-(\d{1,2})(\d\d)(P?)", text)
    sh, sm, eh, em, p = int(m[1]), int(m[2]), int(m[3]), int(m[4]), m[5]
    if p:
        sh, eh = (sh + 12 if sh < 12 else sh), (eh + 12 if eh < 12 else eh)
        if sh * 60 + sm >= eh * 60 + em:
            sh -= 12
    else:
        if 1 <= sh <= 6:
            sh += 12
        if 1 <= eh <= 6:
            eh += 12
        if eh * 60 + em <= sh * 60 + sm:
            eh += 12
    return sh * 60 + sm, eh * 60 + em


def load_uw_room_schedule(srv, db, files):
    """The University of Washington's classroom use in the autumn quarter
    of 2018 (Seattle campus), scraped from the university's Time Schedule
    by a student (the repository states no licence): one published row per
    class meeting pattern with its building, room, days and time. Its
    start / end minutes misread times such as '730-920' (as 19:30 to 9:20),
    so the loader reads the published time again (`_uw_minutes`). buildings
    (98 codes 'MGH', 'SAV' …), rooms (680, building_code and room_number
    as published, '026-030' among them), bookings (one per distinct room,
    days and time: days as published 'MWF' / 'TTh' / 'Sat.', start_time and
    end_time, time_as_published, sections — how many published rows share
    that room, days and time, several course sections meeting together)
    and booking_days (one row per booking and weekday, the weekday's name
    'Monday' … 'Saturday' and its ISO number 1 … 6). Keys:
    buildings.building_code, rooms.room_id, bookings.booking_id,
    booking_days (booking_id, weekday_no); rooms -> buildings; bookings ->
    rooms; booking_days -> bookings."""
    rows = list(csv.DictReader(io.StringIO(files[0])))
    blds = sorted({r["building"] for r in rows})
    rooms = sorted({(r["building"], r["room"]) for r in rows})
    rid = {k: i for i, k in enumerate(rooms, 1)}
    slots = {}
    for r in rows:
        k = (r["building"], r["room"], r["day"], r["original_time"])
        slots[k] = slots.get(k, 0) + 1
    order = sorted(slots, key=lambda k: (rid[(k[0], k[1])], _uw_minutes(k[3]), k[2]))
    hhmm = lambda m: f"{m // 60:02d}:{m % 60:02d}"
    names = [("M", "Monday", 1), ("Th", "Thursday", 4), ("T", "Tuesday", 2), ("W", "Wednesday", 3),
             ("F", "Friday", 5), ("Sat.", "Saturday", 6)]
    out, days = [], []
    for i, k in enumerate(order, 1):
        s, e = _uw_minutes(k[3])
        out.append([i, rid[(k[0], k[1])], k[2], hhmm(s), hhmm(e), k[3], slots[k]])
        rest, found = k[2], []
        while rest:
            for code, name, no in names:
                if rest.startswith(code):
                    found.append((no, name))
                    rest = rest[len(code):]
                    break
            else:
                raise ValueError(k[2])
        for no, name in sorted(found):
            days.append([i, no, name])
    print(f"  {db}.buildings: " + str(load_csv_table(srv, db, "buildings", _csv_text(
        ["building_code"], [[b] for b in blds]))) + " rows")
    print(f"  {db}.rooms: " + str(load_csv_table(srv, db, "rooms", _csv_text(
        ["room_id", "building_code", "room_number"], [[rid[k], k[0], k[1]] for k in rooms]))) + " rows")
    print(f"  {db}.bookings: " + str(load_csv_table(srv, db, "bookings", _csv_text(
        ["booking_id", "room_id", "days", "start_time", "end_time", "time_as_published", "sections"], out))) + " rows")
    print(f"  {db}.booking_days: " + str(load_csv_table(srv, db, "booking_days", _csv_text(
        ["booking_id", "weekday_no", "weekday"], days))) + " rows")
    srv.psql(db, "ALTER TABLE rooms ALTER room_number TYPE text; "
                 "ALTER TABLE bookings ALTER start_time TYPE time USING start_time::time, "
                 "ALTER end_time TYPE time USING end_time::time, ALTER time_as_published TYPE text")
    add_keys(srv, db, [("buildings", ["building_code"]), ("rooms", ["room_id"]), ("bookings", ["booking_id"]),
                       ("booking_days", ["booking_id", "weekday_no"])],
             [("rooms", "building_code", "buildings", "building_code"),
              ("bookings", "room_id", "rooms", "room_id"),
              ("booking_days", "booking_id", "bookings", "booking_id")])


LOADERS.update(jmart_pharmacy=load_jmart_pharmacy, delaware_election_2018=load_delaware_election_2018,
               uw_room_schedule=load_uw_room_schedule)


DATASETS.update({
    "urban_beehives": ("Massi331/Urban-Beehive-Acoustics-and-PheNotyping-Dataset",
                       "5b9190b235edd0269c62f80f7b585f1494470609",
                       ["data/annotations/inspections_2021.csv", "data/annotations/inspections_2022.csv",
                        "data/temperature_humidity/sensor_2021.csv", "data/weather_info/weather_2021_2022.csv"]),
    "sturgeon_cards": ("szjhobbs/sturgeon_population_metrics", "d04d68560798db110cf5dd9155e8f81b47d65430",
                       ["data/card/LocationCodes.csv", "data/card/RetCardsAlds.rds", "data/card/SturgeonAlds.rds",
                        "data/cpfv/SturgeonCpfv.rds"]),
    "coffee_reviews": ("leontoddjohnson/datasets", "625517598e1a6231e9170c3c9dde1c5feed55f16",
                       ["data/coffee_analysis.csv"]),
})


def load_urban_beehives(srv, db, files):
    """A Montreal rooftop apiary's ten hives, June 2021 to April 2023 (the
    UrBAN "Urban Beehive Acoustics and PheNotyping" dataset of INRS,
    Universite Laval and Nectar Technologies; CC BY 4.0 data, MIT code
    licence): hives (10, hive_id the published tag number), inspections
    (one per hive and visit: the 2021 sheet's rows with colony_size_boxes,
    frames of bees in the first / second / third box, frames_of_brood,
    frames_of_honey, queen_status and the minutes the hive was open; the
    2022 app's visits, one per distinct record time and hive, with
    is_alive; inspected_on the local date, started_at the local time (the
    2022 app's UTC times turned into Montreal time), ended_at the 2021
    closing time; queen_status made one vocabulary: 'queenright', 'queen
    not seen' (2021 'QNS'), 'queenless' (2022); notes), observations (the
    2022 app's category / detail rows of a visit: 'hive grading' 'medium',
    'frames of bees' '8', 'varroa' '14', 'treatment' 'mite away', ...),
    sensor_readings (2021 in-hive temperature and humidity of seven hives
    about every quarter hour, read_at in UTC; the file's 14089 repeated
    rows loaded once) and weather_hourly (Montreal's hourly weather,
    local standard time). Keys: hives.hive_id, inspections.inspection_id,
    observations.observation_id, sensor_readings.reading_id,
    weather_hourly.observed_at; inspections, sensor_readings -> hives;
    observations -> inspections."""
    import datetime
    from zoneinfo import ZoneInfo
    i21 = list(csv.DictReader(io.StringIO(files[0])))
    i22 = list(csv.DictReader(io.StringIO(files[1])))
    sens, seen = [], set()
    for r in csv.DictReader(io.StringIO(files[2])):  # the file repeats 14089 readings word for word
        k = (r["Tag number"], r["Date"], r["temperature"], r["humidity"])
        if k not in seen:
            seen.add(k)
            sens.append(r)
    wx = list(csv.DictReader(io.StringIO(files[3])))
    hives = sorted({int(r["Tag number"]) for r in i21 + i22 + sens})
    print(f"  {db}.hives: " + str(load_csv_table(srv, db, "hives", _csv_text(
        ["hive_id"], [[h] for h in hives]))) + " rows")
    num = lambda v: v.strip()
    qs = {"QR": "queenright", "Qr": "queenright", "QNS": "queen not seen", "queenright": "queenright",
          "queenless": "queenless", "": ""}
    insp, obs = [], []
    for r in i21:
        insp.append([len(insp) + 1, int(r["Tag number"]), r["Date"], r["Open"][:5], r["Close"][:5],
                     r["Colony Size"], num(r["Fob 1st"]), num(r["Fob 2nd"]), num(r["Fob 3rd"]), num(r["FoBrood"]),
                     num(r["Frames of Honey"]), qs[r["Queen status"].strip()], "", r["Notes"].strip()])
    mtl = ZoneInfo("America/Montreal")
    visit = {}
    for r in i22:
        key = (r["Date"], r["Tag number"])
        if key not in visit:
            t = datetime.datetime.fromisoformat(r["Date"]).astimezone(mtl)
            visit[key] = len(insp) + 1
            insp.append([visit[key], int(r["Tag number"]), t.date().isoformat(), t.strftime("%H:%M"), "",
                         "", "", "", "", "", "", qs[r["Queen status"].strip()], r["Is alive"].strip(),
                         " ".join(r["Report notes"].split())])
        if r["Category"].strip():
            obs.append([len(obs) + 1, visit[key], r["Category"].strip(), r["Action detail"].strip()])
    print(f"  {db}.inspections: " + str(load_csv_table(srv, db, "inspections", _csv_text(
        ["inspection_id", "hive_id", "inspected_on", "started_at", "ended_at", "colony_size_boxes",
         "frames_of_bees_box1", "frames_of_bees_box2", "frames_of_bees_box3", "frames_of_brood",
         "frames_of_honey", "queen_status", "is_alive", "notes"], insp))) + " rows")
    print(f"  {db}.observations: " + str(load_csv_table(srv, db, "observations", _csv_text(
        ["observation_id", "inspection_id", "category", "detail"], obs))) + " rows")
    print(f"  {db}.sensor_readings: " + str(load_csv_table(srv, db, "sensor_readings", _csv_text(
        ["reading_id", "hive_id", "read_at", "temperature_c", "humidity_pct"],
        [[i, int(r["Tag number"]), r["Date"][:19], r["temperature"], r["humidity"]]
         for i, r in enumerate(sens, 1)]))) + " rows")
    print(f"  {db}.weather_hourly: " + str(load_csv_table(srv, db, "weather_hourly", _csv_text(
        ["observed_at", "temperature_c", "rel_humidity_pct", "precipitation_mm"],
        [[r["Date/Time (LST)"], r["Temp (°C)"], r["Rel Hum (%)"], r["Precip. Amount (mm)"]] for r in wx]))) + " rows")
    srv.psql(db, "ALTER TABLE inspections ALTER inspected_on TYPE date USING inspected_on::date, "
                 "ALTER started_at TYPE time USING started_at::time, ALTER ended_at TYPE time USING ended_at::time, "
                 "ALTER colony_size_boxes TYPE integer, ALTER frames_of_bees_box1 TYPE numeric(4, 1), "
                 "ALTER frames_of_bees_box2 TYPE numeric(4, 1), ALTER frames_of_bees_box3 TYPE numeric(4, 1), "
                 "ALTER frames_of_brood TYPE numeric(4, 1), ALTER frames_of_honey TYPE numeric(4, 1), "
                 "ALTER queen_status TYPE text, ALTER is_alive TYPE integer, ALTER notes TYPE text; "
                 "ALTER TABLE observations ALTER detail TYPE text; "
                 "ALTER TABLE sensor_readings ALTER read_at TYPE timestamp USING read_at::timestamp, "
                 "ALTER temperature_c TYPE double precision, ALTER humidity_pct TYPE double precision; "
                 "ALTER TABLE weather_hourly ALTER observed_at TYPE timestamp USING observed_at::timestamp, "
                 "ALTER temperature_c TYPE double precision, ALTER rel_humidity_pct TYPE double precision, "
                 "ALTER precipitation_mm TYPE double precision")
    add_keys(srv, db, [("hives", ["hive_id"]), ("inspections", ["inspection_id"]),
                       ("observations", ["observation_id"]), ("sensor_readings", ["reading_id"]),
                       ("weather_hourly", ["observed_at"])],
             [("inspections", "hive_id", "hives", "hive_id"), ("observations", "inspection_id", "inspections",
                                                                "inspection_id"),
              ("sensor_readings", "hive_id", "hives", "hive_id")])


def _rds_frame(db, path):
    """The one data frame of an .rds file of a dataset, read with _rda_frames
    by wrapping it as an .rda pairlist of one object named 'df'. The bytes
    are read here with git (git_show returns .rds files as text)."""
    import struct
    repo, commit, _ = DATASETS[db]
    gitdir = os.path.join(MIRROR, repo.replace("/", "+"), "repo")
    if os.path.isdir(os.path.join(gitdir, ".git")):
        gitdir = os.path.join(gitdir, ".git")
    raw = subprocess.run(["git", "--git-dir", gitdir, "show", f"{commit}:{path}"], capture_output=True,
                         check=True).stdout
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    assert raw[:2] == b"X\n"
    head = 14 + (4 + struct.unpack(">i", raw[14:18])[0] if struct.unpack(">i", raw[2:6])[0] == 3 else 0)
    wrap = (b"RDX3\n" + raw[:head] + struct.pack(">iiii", 2 | 1024, 1, 9 | (64 << 12), 2) + b"df"
            + raw[head:] + struct.pack(">i", 254))
    return _rda_frames(wrap)["df"]


def load_sturgeon_cards(srv, db, files):
    """California's Sturgeon Fishing Report Cards 2012-2017 and the party
    boats' sturgeon logbooks 1980-2015 (the California Department of Fish
    and Wildlife's Stockton sportfish unit, as it pushes them to its
    sturgeon population repository in R's .rds files; anglers only as the
    licence system's coded customer ids; the repository states no
    licence): locations (30 card location codes, '18' 'Suisun Bay'),
    report_cards (79953 returned cards: card_id, angler_id, card_year,
    usage 'U' fished and caught, 'UNS' fished and caught nothing, 'NU' did
    not fish — 2012 knew only U and NU —, returned_via 'IS' internet or
    'CC' control centre as published), catches (44810 sturgeon reported on
    the cards: caught_on the day, NULL for 51 without a month or day or
    with an impossible one; location_code, species 'White' / 'Green' /
    'Unk', fate 'kept' / 'released', length_in the total length in inches
    as reported, NULL for most released fish, fork_length_cm as the unit
    derives it) and cpfv_trips (9007 commercial passenger fishing vessel
    trips that logged sturgeon: trip_date, vessel_id, port_code and block
    codes as published, hours_fished, anglers, kept, released,
    angler_hours). Keys: locations.location_code, report_cards.card_id,
    catches.catch_id, cpfv_trips.trip_id; catches -> report_cards,
    locations."""
    import datetime
    locs = list(csv.DictReader(io.StringIO(files[0])))
    print(f"  {db}.locations: " + str(load_csv_table(srv, db, "locations", _csv_text(
        ["location_code", "location_name"], [[r["LocationCode"], " ".join(r["Name"].split())] for r in locs]),
        nulls=())) + " rows")
    rc = _rds_frame(db, DATASETS[db][2][1])
    print(f"  {db}.report_cards: " + str(load_csv_table(srv, db, "report_cards", _csv_text(
        ["card_id", "angler_id", "card_year", "usage", "returned_via"],
        sorted(zip(rc["LicenseReportID"], rc["CustomerID"], rc["ItemYear"], rc["Code"], rc["CustomerSourceCode"]),
               key=lambda r: (r[2], r[0]))))) + " rows")
    st = _rds_frame(db, DATASETS[db][2][2])

    def day(y, m, d):
        try:
            return datetime.date(int(y), int(m), int(d)).isoformat()
        except (TypeError, ValueError):
            return ""
    out = [[i, st["LicenseReportID"][i - 1], day(st["ItemYear"][i - 1], st["Month"][i - 1], st["Day"][i - 1]),
            st["LocCode"][i - 1], st["SturgeonType"][i - 1], st["Fate"][i - 1],
            "" if st["Length"][i - 1] is None else st["Length"][i - 1],
            "" if st["FL_cm"][i - 1] is None else st["FL_cm"][i - 1]] for i in range(1, len(st["Fate"]) + 1)]
    print(f"  {db}.catches: " + str(load_csv_table(srv, db, "catches", _csv_text(
        ["catch_id", "card_id", "caught_on", "location_code", "species", "fate", "length_in", "fork_length_cm"],
        out), nulls=("",))) + " rows")
    cp = _rds_frame(db, DATASETS[db][2][3])
    keys = ["LogDate", "VesselID", "PortCode", "Block", "TripType", "HoursFished", "NumberOfFishers",
            "NumberKept", "NumberReleased", "AnglerHours"]
    out = [[i] + ["" if cp[k][i - 1] is None else cp[k][i - 1] for k in keys] for i in range(1, len(cp["LogDate"]) + 1)]
    print(f"  {db}.cpfv_trips: " + str(load_csv_table(srv, db, "cpfv_trips", _csv_text(
        ["trip_id", "trip_date", "vessel_id", "port_code", "block", "trip_type", "hours_fished", "anglers", "kept",
         "released", "angler_hours"], out))) + " rows")
    srv.psql(db, "ALTER TABLE locations ALTER location_code TYPE text, ALTER location_name TYPE text; "
                 "ALTER TABLE report_cards ALTER card_id TYPE text, ALTER angler_id TYPE text; "
                 "ALTER TABLE catches ALTER card_id TYPE text, ALTER caught_on TYPE date USING caught_on::date, "
                 "ALTER location_code TYPE text, ALTER length_in TYPE integer, "
                 "ALTER fork_length_cm TYPE numeric(5, 1); "
                 "ALTER TABLE cpfv_trips ALTER trip_date TYPE date USING trip_date::date, "
                 "ALTER hours_fished TYPE numeric(5, 2), ALTER angler_hours TYPE numeric(7, 2), "
                 "ALTER trip_type TYPE text")
    add_keys(srv, db, [("locations", ["location_code"]), ("report_cards", ["card_id"]), ("catches", ["catch_id"]),
                       ("cpfv_trips", ["trip_id"])],
             [("catches", "card_id", "report_cards", "card_id"),
              ("catches", "location_code", "locations", "location_code")])


def load_coffee_reviews(srv, db, files):
    """Coffee Review's reviews of roasted coffees, November 2017 to
    November 2022 (a scrape of coffeereview.com as the Kaggle "Coffee
    Reviews Dataset" publishes it, in a teacher's datasets repository; the
    repository states no licence): roasters (the roasting companies, names
    trimmed, with the country of their location as published — Roadmap
    Coffeeworks is placed once in Kenya and once in the United States:
    its most frequent one is kept), coffees (2095 reviewed coffees:
    coffee_name, roaster_id, roast_level 'Light' ... 'Dark', NULL for 15,
    origin_1 / origin_2 the two published origin fields (mostly a growing
    region and a wider region or country, 'Guji Zone' / 'Oromia Region';
    for blends two countries), price_per_100g_usd, rating (84-98 points),
    review_month the first day of the review's month, blind_assessment,
    notes, bottom_line). Keys: roasters.roaster_id, coffees.coffee_id;
    coffees -> roasters."""
    import collections
    rows = list(csv.DictReader(io.StringIO(files[0])))
    name = lambda r: " ".join(r["roaster"].split())
    where = collections.defaultdict(collections.Counter)
    for r in rows:
        where[name(r)][r["loc_country"].strip()] += 1
    rid = {n: i for i, n in enumerate(sorted(where), 1)}
    print(f"  {db}.roasters: " + str(load_csv_table(srv, db, "roasters", _csv_text(
        ["roaster_id", "roaster_name", "country"],
        [[rid[n], n, where[n].most_common(1)[0][0]] for n in sorted(where)]))) + " rows")
    months = {m: i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                           "September", "October", "November", "December"], 1)}
    out = []
    for i, r in enumerate(rows, 1):
        m, y = r["review_date"].split()
        out.append([i, " ".join(r["name"].split()), rid[name(r)], r["roast"].strip(), r["origin_1"].strip(),
                    r["origin_2"].strip(), r["100g_USD"], r["rating"], f"{y}-{months[m]:02d}-01",
                    r["desc_1"].strip(), r["desc_2"].strip(), r["desc_3"].strip()])
    print(f"  {db}.coffees: " + str(load_csv_table(srv, db, "coffees", _csv_text(
        ["coffee_id", "coffee_name", "roaster_id", "roast_level", "origin_1", "origin_2", "price_per_100g_usd",
         "rating", "review_month", "blind_assessment", "notes", "bottom_line"], out))) + " rows")
    srv.psql(db, "ALTER TABLE coffees ALTER price_per_100g_usd TYPE numeric(8, 2), "
                 "ALTER review_month TYPE date USING review_month::date, ALTER coffee_name TYPE text, "
                 "ALTER roast_level TYPE text, ALTER blind_assessment TYPE text, ALTER notes TYPE text, "
                 "ALTER bottom_line TYPE text, ALTER origin_1 TYPE text, ALTER origin_2 TYPE text; "
                 "ALTER TABLE roasters ALTER roaster_name TYPE text, ALTER country TYPE text")
    add_keys(srv, db, [("roasters", ["roaster_id"]), ("coffees", ["coffee_id"])],
             [("coffees", "roaster_id", "roasters", "roaster_id")])


LOADERS.update(urban_beehives=load_urban_beehives, sturgeon_cards=load_sturgeon_cards,
               coffee_reviews=load_coffee_reviews)


DATASETS.update({
    "durham_ministry_aid": ("datasci611/bios611-projects-fall-2019-alvinthomas",
                            "6e4bc8b3cf5b6ee94a996403aa27bc9592902eb6",
                            ["project_1/data/UMD_Services_Provided_20190719.tsv"]),
    "dental_noshows": ("hamed-asgari/dental-appointment-no-show-prediction",
                       "ec5aa5d84c8de6aaf7daca4c299073ba12d4e700",
                       ["data/raw/dentists.csv", "data/raw/patients.csv", "data/raw/appointments.csv"]),
    "bengaluru_metro": ("diagram-chasing/blr-metro-ridership", "e2a7de1161106bf37cf77a50325b1a8c916c0571",
                        ["src/lib/data/charts/station-codes.json", "src/lib/data/station-order.json",
                         "analysis/data/station-hourly.csv"]),
})


def load_durham_ministry_aid(srv, db, files):
    """Urban Ministries of Durham's (North Carolina) services to families in
    need, as the charity gave them to a 2019 data-science course
    (UMD_Services_Provided_20190719.tsv, in a student's course repository;
    the repository states no licence): households (the client file numbers,
    a family or a person, with merged_file_number the file it was merged
    with later, NULL for most), visits (79838, one per published row in file
    order: visit_date as published — 126 dated before 1999 or after July
    2019 are typing slips kept as they are —, household_id,
    people_fed the family size food was given for, food_pounds,
    clothing_items, diapers, school_kits, hygiene_kits, bus_tickets; NULL
    where the cell is blank), support_payments (the visits with financial
    support: amount_usd above 0, bill_type and payer_of_support as
    published). The free-text notes, the referrals and three stray columns
    are not loaded. Keys: households.household_id, visits.visit_id,
    support_payments.visit_id; visits -> households, support_payments ->
    visits."""
    import collections
    import datetime
    rows = list(csv.reader(io.StringIO(files[0]), delimiter="\t"))[1:]
    rows = [r + [""] * (18 - len(r)) for r in rows if r]
    merged = collections.defaultdict(collections.Counter)
    for r in rows:
        merged[int(r[1])]
        if r[2].strip() not in ("", "0"):
            merged[int(r[1])][int(r[2])] += 1
    print(f"  {db}.households: " + str(load_csv_table(srv, db, "households", _csv_text(
        ["household_id", "merged_file_number"],
        [[h, merged[h].most_common(1)[0][0] if merged[h] else None] for h in sorted(merged)]))) + " rows")
    visits, pay = [], []
    for i, r in enumerate(rows, 1):
        d = datetime.datetime.strptime(r[0].strip(), "%m/%d/%Y").date().isoformat()
        v = lambda k: r[k].strip() or None
        visits.append([i, d, int(r[1]), v(5), v(6), v(7), v(8), v(9), v(10), v(3)])
        amt = float(r[12] or 0)
        if amt > 0:
            pay.append([i, f"{amt:.2f}", v(13), v(14)])
    print(f"  {db}.visits: " + str(load_csv_table(srv, db, "visits", _csv_text(
        ["visit_id", "visit_date", "household_id", "people_fed", "food_pounds", "clothing_items", "diapers",
         "school_kits", "hygiene_kits", "bus_tickets"], visits))) + " rows")
    print(f"  {db}.support_payments: " + str(load_csv_table(srv, db, "support_payments", _csv_text(
        ["visit_id", "amount_usd", "bill_type", "payer_of_support"], pay))) + " rows")
    srv.psql(db, "ALTER TABLE support_payments ALTER amount_usd TYPE numeric(8, 2), ALTER bill_type TYPE text, "
                 "ALTER payer_of_support TYPE text")
    add_keys(srv, db, [("households", ["household_id"]), ("visits", ["visit_id"]),
                       ("support_payments", ["visit_id"])],
             [("visits", "household_id", "households", "household_id"),
              ("support_payments", "visit_id", "visits", "visit_id")])


def load_dental_noshows(srv, db, files):
    """A dental clinic's appointments, March 2024 to December 2025, with
    no-shows, cancellations and reschedules (fully synthetic data of a
    student's "Dental Clinic Operations Analytics" project, copied into its
    no-show prediction repository; patients only as numbers, no names;
    Karaj and Tehran city areas): dentists (7, dentist_role
    'general_dentist' ... 'periodontist', engagement_type, start_date,
    end_date, scheduled_hours_weekly, active), patients (2000, birth_year,
    sex, city_area, registered_at, insurance_type, referral_source,
    preferred_contact_channel, patient_status), appointments (8000 as
    published: booked_at, scheduled_start_at, planned_duration_min,
    visit_type, booking_channel, status 'completed' / 'no_show' /
    'cancelled' / 'rescheduled', status_updated_at, reminder_sent,
    check_in_at, chair_start_at, chair_end_at, checkout_at,
    status_change_reason, rescheduled_from_appointment_id). Keys:
    dentists.dentist_id, patients.patient_id, appointments.appointment_id;
    appointments -> dentists, patients, and rescheduled_from -> appointments."""
    for name, text in zip(["dentists", "patients", "appointments"], files):
        print(f"  {db}.{name}: " + str(load_csv_table(srv, db, name, text)) + " rows")
    srv.psql(db, "ALTER TABLE dentists ALTER active TYPE boolean USING active::boolean; "
                 "ALTER TABLE appointments ALTER reminder_sent TYPE boolean USING reminder_sent::boolean")
    add_keys(srv, db, [("dentists", ["dentist_id"]), ("patients", ["patient_id"]),
                       ("appointments", ["appointment_id"])],
             [("appointments", "dentist_id", "dentists", "dentist_id"),
              ("appointments", "patient_id", "patients", "patient_id"),
              ("appointments", "rescheduled_from_appointment_id", "appointments", "appointment_id")])


def load_bengaluru_metro(srv, db, files):
    """Bengaluru's Namma Metro (BMRCL) station entries hour by hour, 1 to 18
    August 2025 (the BMRCL hourly ridership Vonter publishes, as a
    data-journalism site's repository keeps it; data ODbL, code MIT):
    lines (4: 'purple', 'green', 'yellow', 'black' — the last the
    site's line for the two interchanges Majestic and RV Road),
    stations (83, station_code, station_name the site's short name,
    full_name the ridership file's name ('Mahatma Gandhi Road' for 'MG
    Road'; the same for 64), line_name, stop_number the
    station's place along its line from the site's station order, NULL for
    the two interchanges), hourly_ridership (one row per station, date and
    hour 0-23: riders the entries published), daily_ridership (the hourly
    rows summed per station and date). Keys: lines.line_name,
    stations.station_code, hourly_ridership (station_code, ride_date,
    hour), daily_ridership (station_code, ride_date); stations -> lines,
    both ridership tables -> stations."""
    import collections
    codes = json.loads(files[0])
    order = json.loads(files[1])
    pos = {}
    for line, seq in order.items():
        for i, c in enumerate(seq, 1):
            pos.setdefault((line, c), i)
    lines = ["purple", "green", "yellow", "black"]
    print(f"  {db}.lines: " + str(load_csv_table(srv, db, "lines", _csv_text(
        ["line_name"], [[l] for l in lines]))) + " rows")
    # the ridership file names 19 stations in full where the site's code list has a short name
    full = {"Hebbagodi": "Biocon Hebbagodi", "Silk Board": "Central Silk Board",
            "Bommasandra": "Delta Electronics Bommasandra",
            "Vidhana Soudha": "Dr. B. R. Ambedkar Station, Vidhana Soudha",
            "Konappana Agrahara": "Infosys Foundation Konappana Agrahara", "JP Nagar": "Jaya Prakash Nagar",
            "KSR Railway Station": "Krantivira Sangolli Rayanna Railway Station",
            "KR Market": "Krishna Rajendra Market", "KR Pura": "Krishnarajapura", "MKK Road": "Mahakavi Kuvempu Road",
            "MG Road": "Mahatma Gandhi Road", "Mantri Square": "Mantri Square Sampige Road",
            "Majestic": "Nadaprabhu Kempegowda Station, Majestic", "Nayandahalli": "Pantharapalya - Nayandahalli",
            "RR Nagar": "Rajarajeshwari Nagar", "RV Road": "Rashtreeya Vidyalaya Road",
            "Central College": "Sir M. Visvesvaraya Stn., Central College",
            "Hosahalli": "Sri Balagangadharanatha Swamiji Station, Hosahalli", "Vijayanagara": "Vijayanagar"}
    code = {}
    st = []
    for s in sorted(codes, key=lambda s: s["code"]):
        name = full.get(s["Station"], s["Station"])
        code[name] = s["code"]
        st.append([s["code"], s["Station"], name, s["line"], pos.get((s["line"], s["code"]))])
    print(f"  {db}.stations: " + str(load_csv_table(srv, db, "stations", _csv_text(
        ["station_code", "station_name", "full_name", "line_name", "stop_number"], st))) + " rows")
    rows = list(csv.DictReader(io.StringIO(files[2]), delimiter=";"))
    hourly = [[code[r["Station"]], r["Date"], int(r["Hour"]), int(r["Ridership"])] for r in rows]
    print(f"  {db}.hourly_ridership: " + str(load_csv_table(srv, db, "hourly_ridership", _csv_text(
        ["station_code", "ride_date", "hour", "riders"], hourly))) + " rows")
    day = collections.Counter()
    for c, d, h, n in hourly:
        day[(c, d)] += n
    print(f"  {db}.daily_ridership: " + str(load_csv_table(srv, db, "daily_ridership", _csv_text(
        ["station_code", "ride_date", "riders"], [[c, d, n] for (c, d), n in sorted(day.items())]))) + " rows")
    add_keys(srv, db, [("lines", ["line_name"]), ("stations", ["station_code"]),
                       ("hourly_ridership", ["station_code", "ride_date", "hour"]),
                       ("daily_ridership", ["station_code", "ride_date"])],
             [("stations", "line_name", "lines", "line_name"),
              ("hourly_ridership", "station_code", "stations", "station_code"),
              ("daily_ridership", "station_code", "stations", "station_code")])


LOADERS.update(durham_ministry_aid=load_durham_ministry_aid, dental_noshows=load_dental_noshows,
               bengaluru_metro=load_bengaluru_metro)


DATASETS.update({
    "atlanta_symphony": ("gabriela-ilinca/ASO", "3c2cd9ad0fa896a97f24d6b267f73013d9af6032",
                         ["event_summary.csv", "College Pass Concert Tickets.csv"]),
    "cincinnati_violations": ("geomarker-io/curated_violations", "eabf62016a62671b619aaec13ac3b0b3ae8adb0a",
                              ["data-raw/health_violations.csv"]),
    "urbana_fuel_cards": ("danielferriss/GasData", "be8f8fa95237d3443736cc1a7038793a228c5c20",
                          ["data/fuel_card_export.csv"]),
})


def _mdy(text):
    """'1/08/2018' or ' 01/08/2018' as '2018-01-08'; blank as None."""
    text = text.strip()
    if not text:
        return None
    m, d, y = text.split("/")
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def load_atlanta_symphony(srv, db, files):
    """The Atlanta Symphony Orchestra's concerts of its 2022-23 and 2023-24
    seasons (fiscal years FY23 and FY24) and the seats taken with its College
    Pass, as the orchestra handed them to a student analytics project
    (the repository states no licence; the single and subscription ticket
    files themselves are over the snapshot's size limit and not loaded):
    concerts (124, one row per performance of the project's event summary:
    event_code '230104SE', concert_date, fiscal_year 'FY23' / 'FY24',
    title the concert's title as the season list gives it ('Christmas with
    the ASO', 'Orff: Carmina Burana', some a conductor's name; NULL for 4), concert_type Classical / Holiday / Special (NULL
    for 4), series, weekend_code, and the project's totals over its ticket file (the
    College Pass lines included; 3 College Pass events and one FY23 event
    have no date, title or type): tickets_sold, seats_sold, patrons, revenue, avg / min / max ticket
    price, first and last sale dates, fill_rate_pct); college_pass_tickets
    (5,995, one row per College Pass ticket line in file order: event_code,
    section ORCHL / ORCHR / BALCL / BALCR / DRESSL / DRESSR / LOGEL / LOGER /
    GA1-3, row_name, first_seat, last_seat, seats, patron_id a bare account
    number, purchased_on, price_code, purchase_price and paid_amount in
    dollars — 0 for most, the pass being free —, sale_channel online / ASO
    Staff; the published zip codes are not loaded). Keys:
    concerts.event_code, college_pass_tickets.ticket_id; tickets -> concerts."""
    ev = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    nz = lambda v: v.strip() or None
    out = []
    for r in ev:
        out.append([r["event_name"], r["event_date_first"], r["fiscal_year_first"], nz(r["Name_first"]),
                    nz(r["Type_first"]), nz(r["Series_first"]), nz(r["Weekend_first"]), r["total_tickets_sold"],
                    r["total_seats_sold"], r["unique_patrons"], r["total_revenue"],
                    f"{float(r['avg_ticket_price']):.2f}", r["min_ticket_price"], r["max_ticket_price"],
                    r["first_sale_date"], r["last_sale_date"], r["fill_rate"]])
    print(f"  {db}.concerts: " + str(load_csv_table(srv, db, "concerts", _csv_text(
        ["event_code", "concert_date", "fiscal_year", "title", "concert_type", "series", "weekend_code",
         "tickets_sold", "seats_sold", "patrons", "revenue", "avg_ticket_price", "min_ticket_price",
         "max_ticket_price", "first_sale_date", "last_sale_date", "fill_rate_pct"], out))) + " rows")
    tk = list(csv.DictReader(io.StringIO(files[1].lstrip("\ufeff"))))
    out = []
    for i, r in enumerate(tk, 1):
        out.append([i, r["event_name"], r["section_name"], r["row_name"], r["seat_num"], r["last_seat"],
                    r["num_seats"], r["acct_id"], _mdy(r["add_datetime"]), r["price_code"], r["purchase_price"],
                    r["paid_amount"], r["source"]])
    print(f"  {db}.college_pass_tickets: " + str(load_csv_table(srv, db, "college_pass_tickets", _csv_text(
        ["ticket_id", "event_code", "section", "row_name", "first_seat", "last_seat", "seats", "patron_id",
         "purchased_on", "price_code", "purchase_price", "paid_amount", "sale_channel"], out))) + " rows")
    srv.psql(db, "ALTER TABLE concerts ALTER revenue TYPE numeric(12, 2), ALTER avg_ticket_price TYPE numeric(8, 2), "
                 "ALTER min_ticket_price TYPE numeric(8, 2), ALTER max_ticket_price TYPE numeric(8, 2), "
                 "ALTER fill_rate_pct TYPE numeric(6, 2), ALTER series TYPE text, ALTER title TYPE text; "
                 "ALTER TABLE college_pass_tickets ALTER purchase_price TYPE numeric(8, 2), "
                 "ALTER paid_amount TYPE numeric(8, 2)")
    add_keys(srv, db, [("concerts", ["event_code"]), ("college_pass_tickets", ["ticket_id"])],
             [("college_pass_tickets", "event_code", "concerts", "event_code")])


def load_cincinnati_violations(srv, db, files):
    """Cincinnati's housing-code violations related to health (mold, lead,
    leaks, pests) of 2018 to 2023, as the City's Department of Buildings &
    Inspections shared them with a Cincinnati Children's research group
    (geomarker-io/curated_violations, an earlier commit's raw health file; the
    repository states no licence): properties (one per parcel number, the
    address as most often written with its spaces collapsed, census tract
    and block, state-plane x / y), cases (one per case number 'B201907752' /
    'CC20190616': issued_on, complaint_type CBHCODE / CBHCCE), violations
    (one per line of the file in file order, its closing 'Grand Total:'
    line dropped:
    case_number, parcel_no, violation_ref as published — a code 'BCOE413'
    or a record number 'CD04761464' —, violation_type 'PAINT EXTERIOR',
    'REPAIR ROOF', 'INSECT AND RODENT CONTROL' …). No fines, inspectors or
    owners are in the file. Keys: properties.parcel_no, cases.case_number,
    violations.violation_id; violations -> cases, properties."""
    import collections
    rows = [r for r in csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))) if r["CASE#"].strip()]
    addr = collections.defaultdict(collections.Counter)
    first = {}
    for r in rows:
        p = r["PARCEL_NO"].strip()
        addr[p][" ".join(r["FULL ADDRESS"].split())] += 1
        first.setdefault(p, r)
    props = []
    for p in sorted(addr):
        r = first[p]
        props.append([p, addr[p].most_common(1)[0][0], r["C.TRACT."].strip() or None, r["C.BLOCK."].strip() or None,
                      r["X"].strip() or None, r["Y"].strip() or None])
    print(f"  {db}.properties: " + str(load_csv_table(srv, db, "properties", _csv_text(
        ["parcel_no", "address", "census_tract", "census_block", "x", "y"], props))) + " rows")
    cases = {}
    for r in rows:
        cases.setdefault(r["CASE#"].strip(), [r["CASE#"].strip(), _mdy(r["ISSUED"]), r["COMP_TYPE"].strip() or None])
    print(f"  {db}.cases: " + str(load_csv_table(srv, db, "cases", _csv_text(
        ["case_number", "issued_on", "complaint_type"], list(cases.values())))) + " rows")
    out = [[i, r["CASE#"].strip(), r["PARCEL_NO"].strip(), r["V.I.D"].strip(), " ".join(r["VIOLATION TYPE"].split())]
           for i, r in enumerate(rows, 1)]
    print(f"  {db}.violations: " + str(load_csv_table(srv, db, "violations", _csv_text(
        ["violation_id", "case_number", "parcel_no", "violation_ref", "violation_type"], out))) + " rows")
    srv.psql(db, "ALTER TABLE properties ALTER parcel_no TYPE text, ALTER census_tract TYPE text, "
                 "ALTER census_block TYPE text; ALTER TABLE violations ALTER parcel_no TYPE text")
    add_keys(srv, db, [("properties", ["parcel_no"]), ("cases", ["case_number"]), ("violations", ["violation_id"])],
             [("violations", "case_number", "cases", "case_number"),
              ("violations", "parcel_no", "properties", "parcel_no")])


def load_urbana_fuel_cards(srv, db, files):
    """The City of Urbana's (Illinois) fleet fuel-card purchases of 2017,
    the card company's export as the City handed it out for PyGHack 2018,
    in a team's repository (the repository states no licence): departments
    (the nine codes the file uses, named as the team's README names them),
    vehicles (153, one per Vehicle ID: the fleet's description as written,
    '0660 15 FRD INTEC' — unit number, model year, make and model —, blank
    as NULL; its department; asset_type Vehicle / Asset), merchants (one per
    distinct brand, name, street and city in order of first use, numbered
    by the loader; merchant_site_id as published, NULL for the 594 lines
    that have none; county, state, postal code), purchases (6570, one per line
    of the export in file order: transaction_number as published — three
    repeat for a discount or car-wash line —, card_id, vehicle_id,
    department, purchased_at from the transaction date and time — two lines
    dated 1999 and 2021 as published —, posted_on, merchant_id,
    product_class Unleaded / Diesel / …, product, gallons (the Units; NULL for the four
    non-fuel lines, whose unit_of_measure is 'EA' not 'GA'), unit_cost, gross_cost, discount,
    net_cost, odometer, previous_odometer, miles_driven, mpg). Keys:
    departments.department_code, vehicles.vehicle_id, merchants.merchant_id,
    purchases.purchase_id; vehicles -> departments; purchases -> vehicles,
    merchants, departments."""
    import collections
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    names = {"PD": "Police Department", "PW": "Public Works", "FD": "Fire Department", "MP": "Motor Pool",
             "PE": "Parking Enforcement", "CD": "Community Development", "ED": "Executive Department",
             "EX": "Executive Department (EX)", "Unassigned": "Unassigned"}
    print(f"  {db}.departments: " + str(load_csv_table(srv, db, "departments", _csv_text(
        ["department_code", "department_name"], [[k, v] for k, v in names.items()]))) + " rows")
    veh = {}
    for r in rows:
        v = r["Vehicle ID"].strip()
        if v not in veh:
            veh[v] = [v, r["Vehicle Description"].strip() or None, r["Department"].strip(), r["Asset Type"].strip()]
    print(f"  {db}.vehicles: " + str(load_csv_table(srv, db, "vehicles", _csv_text(
        ["vehicle_id", "description", "department_code", "asset_type"],
        sorted(veh.values(), key=lambda x: int(x[0]))))) + " rows")
    mer = {}
    mkey = lambda r: tuple(" ".join(r[c].split()) for c in ("Merchant Brand", "Merchant Name",
                                                          "Merchant Street Address", "Merchant City"))
    for r in rows:
        k = mkey(r)
        if k not in mer:
            mer[k] = [len(mer) + 1, r["Merchant Site ID"].strip() or None, *k, r["Merchant County"].strip(),
                      r["Merchant State / Province"].strip(), r["Merchant Postal Code"].strip()]
    print(f"  {db}.merchants: " + str(load_csv_table(srv, db, "merchants", _csv_text(
        ["merchant_id", "merchant_site_id", "brand", "merchant_name", "street", "city", "county", "state",
         "postal_code"], list(mer.values())))) + " rows")
    nz = lambda v: v.strip() or None
    out = []
    for i, r in enumerate(rows, 1):
        out.append([i, r["Transaction Id"].strip(), r["Card Number ID"].strip(), r["Vehicle ID"].strip(),
                    r["Department"].strip(), f"{_mdy(r['Transaction Date'])} {r['Transaction Time'].strip()}",
                    _mdy(r["Posted Date"]), mer[mkey(r)][0], r["Product Class"].strip(),
                    r["Product Description"].strip(),
                    r["Units"].strip() if r["Unit of Measure"].strip() == "GA" else None, r["Unit of Measure"].strip(),
                    r["Unit Cost"].strip(), r["Gross Cost"].strip(), r["Discount"].strip(), r["Net Cost"].strip(),
                    nz(r["Current Odometer"]), nz(r["Previous Odometer"]), nz(r["Distance Driven"]),
                    nz(r["Fuel Economy"])])
    print(f"  {db}.purchases: " + str(load_csv_table(srv, db, "purchases", _csv_text(
        ["purchase_id", "transaction_number", "card_id", "vehicle_id", "department_code", "purchased_at",
         "posted_on", "merchant_id", "product_class", "product", "gallons", "unit_of_measure", "unit_cost",
         "gross_cost", "discount", "net_cost", "odometer", "previous_odometer", "miles_driven", "mpg"], out))) + " rows")
    srv.psql(db, "ALTER TABLE purchases ALTER gallons TYPE numeric(10, 3), "
                 "ALTER unit_cost TYPE numeric(10, 3), ALTER gross_cost TYPE numeric(10, 2), "
                 "ALTER discount TYPE numeric(10, 2), ALTER net_cost TYPE numeric(10, 2); "
                 "ALTER TABLE merchants ALTER postal_code TYPE text, ALTER merchant_site_id TYPE text")
    add_keys(srv, db, [("departments", ["department_code"]), ("vehicles", ["vehicle_id"]),
                       ("merchants", ["merchant_id"]), ("purchases", ["purchase_id"])],
             [("vehicles", "department_code", "departments", "department_code"),
              ("purchases", "vehicle_id", "vehicles", "vehicle_id"),
              ("purchases", "merchant_id", "merchants", "merchant_id"),
              ("purchases", "department_code", "departments", "department_code")])


LOADERS.update(atlanta_symphony=load_atlanta_symphony, cincinnati_violations=load_cincinnati_violations,
               urbana_fuel_cards=load_urbana_fuel_cards)


DATASETS.update({
    "sfi_grants": ("pessini/SFI-Grants", "220179c83100ff5dcc3f0c0fa7d31d83cdc9fd68",
                   ["data/Open-Data-Final.csv", "data/SFIGenderDashboard_TableauPublic_2019.csv"]),
    "san_mateo_inspections": ("bramp/projects", "4411f19ba7bd9d00fad2bec51a308e3421984fc2",
                              [f"smcgov/data/data-{i:02d}.js" for i in range(100)]),
    "premiership_rugby": ("transientlunatic/Rugby-Data", "7ab3c753bbd4e7c4dd4c04db5b7d8bfa67e70133",
                          [f"json/premiership-{y}-{y + 1}.json" for y in range(2006, 2019)]),
})


def load_sfi_grants(srv, db, files):
    """Science Foundation Ireland's grant commitments, 2001 to 2019, as
    Ireland's Open Data Portal publishes them (in an analyst's repository,
    MIT licence file): research_bodies (the universities and institutes
    the awards were made to, names as published 'Trinity College Dublin
    (TCD)'), programmes (58 SFI programmes), grants (5395 awards:
    proposal_id, programme_id, sub_programme, supplement, lead_applicant_id
    a number the loader gives each distinct lead applicant in file order
    (names and ORCIDs not loaded), body_id, title, start_date, end_date
    (the file's dd/mm/yyyy), commitment_eur the revised total commitment)
    and applications (the 2019 gender dashboard's 2778 applications to 12
    programme groups, 2011 to 2018: call_year, status 'Awarded' /
    'Declined', applicant_gender, amount_requested, amount_funded; not
    linked to the grants). Keys: research_bodies.body_id,
    programmes.programme_id, grants.grant_id, applications.application_id;
    grants -> research_bodies, programmes."""
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    bodies = sorted({r["Research Body"].strip() for r in rows})
    bid = {b: i for i, b in enumerate(bodies, 1)}
    progs = sorted({r["Programme Name"].strip() for r in rows})
    pid = {p: i for i, p in enumerate(progs, 1)}
    print(f"  {db}.research_bodies: " + str(load_csv_table(srv, db, "research_bodies", _csv_text(
        ["body_id", "body_name"], [[bid[b], b] for b in bodies]))) + " rows")
    print(f"  {db}.programmes: " + str(load_csv_table(srv, db, "programmes", _csv_text(
        ["programme_id", "programme_name"], [[pid[p], p] for p in progs]))) + " rows")
    lead = {}
    iso = lambda d: f"{d[6:10]}-{d[3:5]}-{d[0:2]}"
    out = []
    for i, r in enumerate(rows, 1):
        who = " ".join(r["Lead Applicant"].split()).lower()
        lead.setdefault(who, len(lead) + 1)
        out.append([i, r["Proposal ID"].strip(), pid[r["Programme Name"].strip()], r["Sub-programme Name"].strip(),
                    r["Supplement"].strip(), lead[who], bid[r["Research Body"].strip()],
                    " ".join(r["Proposal Title"].split()), iso(r["Start Date"]), iso(r["End Date"]),
                    r["Revised Total Commitment"].strip()])
    print(f"  {db}.grants: " + str(load_csv_table(srv, db, "grants", _csv_text(
        ["grant_id", "proposal_id", "programme_id", "sub_programme", "supplement", "lead_applicant_id", "body_id",
         "title", "start_date", "end_date", "commitment_eur"], out))) + " rows")
    g = list(csv.DictReader(io.StringIO(files[1].lstrip("\ufeff"))))
    out = [[i, r["Programme Name"].strip(), r["Year"], r["Award Status"].strip(), r["Applicant Gender"].strip(),
            r["Amount Requested"].strip(), r["Amount funded "].strip()] for i, r in enumerate(g, 1)]
    print(f"  {db}.applications: " + str(load_csv_table(srv, db, "applications", _csv_text(
        ["application_id", "programme_group", "call_year", "status", "applicant_gender", "amount_requested",
         "amount_funded"], out))) + " rows")
    srv.psql(db, "ALTER TABLE grants ALTER commitment_eur TYPE numeric(12, 2), ALTER sub_programme TYPE text, "
                 "ALTER supplement TYPE text, ALTER title TYPE text, ALTER proposal_id TYPE text; "
                 "ALTER TABLE applications ALTER amount_requested TYPE numeric(12, 2), "
                 "ALTER amount_funded TYPE numeric(12, 2)")
    add_keys(srv, db, [("research_bodies", ["body_id"]), ("programmes", ["programme_id"]), ("grants", ["grant_id"]),
                       ("applications", ["application_id"])],
             [("grants", "body_id", "research_bodies", "body_id"),
              ("grants", "programme_id", "programmes", "programme_id")])


def load_san_mateo_inspections(srv, db, files):
    """San Mateo County's restaurant and food-facility health inspections,
    January 2013 to December 2017, as an unofficial map of the county's
    published results holds them (100 JavaScript data files of
    bramp/projects' smcgov map; the repository states no licence):
    establishments (5979 permitted facilities: establishment_id the
    county's 'PR0000167' record id, name, city (upper-cased: the source
    mixes 'San Mateo' and 'SAN MATEO'), zip; street addresses and
    coordinates not loaded), inspections (33108: inspected_on, reason
    'routine' / 'followup' / 'complaint' / 'investigation' / 'initial' /
    'other' (the map's reason codes), reason_other the published text of
    an 'other' visit ('REPORT REVIEW', 'CONSULTATION' ...), result 'pass'
    / 'conditional pass' / 'closed' / 'not applicable' (the county's green,
    yellow and red placards; the map's result codes), score (100, 85, 70,
    50 where published, NULL for most)) and violations (45891: description
    as published — numbered '35. Equipment/utensils ...' from 2016, shorter
    truncated wordings before —, degree 'minor' / 'major' / 'critical' or
    NULL, status 'out of compliance' / 'corrected'). Keys:
    establishments.establishment_id, inspections.inspection_id,
    violations.violation_id; inspections -> establishments; violations ->
    inspections."""
    est = {}
    for text in files:
        t = text.strip()
        t = t[t.index("(") + 1:t.rindex(")")]
        est.update(json.loads(t))
    reasons = {0: "other", 1: "initial", 2: "routine", 3: "followup", 4: "complaint", 5: "investigation"}
    results = {0: "not applicable", 1: "pass", 2: "conditional pass", 3: "closed"}
    degrees = {1: "minor", 2: "major", 3: "critical"}
    statuses = {1: "in compliance", 2: "corrected", 3: "out of compliance", 4: "not observed"}
    ests, ins, vio = [], [], []
    for key in sorted(est):
        e = est[key]
        ests.append([e["Id"], " ".join(e["Name"].split()), " ".join(e.get("City", "").split()).upper(),
                     e.get("Zip", "").strip()])
        for i in sorted(e.get("Inspections", []), key=lambda i: i["Date"]):
            iid = len(ins) + 1
            ins.append([iid, e["Id"], i["Date"], reasons[i["Reason"]],
                        " ".join((i.get("ReasonOther") or "").split()), results[i["Result"]], i.get("Score")])
            for v in i.get("Violations", []):
                vio.append([len(vio) + 1, iid, " ".join(v["Description"].split()), degrees.get(v.get("Degree")),
                            statuses[v["Status"]]])
    print(f"  {db}.establishments: " + str(load_csv_table(srv, db, "establishments", _csv_text(
        ["establishment_id", "name", "city", "zip"], ests))) + " rows")
    print(f"  {db}.inspections: " + str(load_csv_table(srv, db, "inspections", _csv_text(
        ["inspection_id", "establishment_id", "inspected_on", "reason", "reason_other", "result", "score"],
        ins))) + " rows")
    print(f"  {db}.violations: " + str(load_csv_table(srv, db, "violations", _csv_text(
        ["violation_id", "inspection_id", "description", "degree", "status"], vio))) + " rows")
    srv.psql(db, "ALTER TABLE establishments ALTER zip TYPE text, ALTER name TYPE text, ALTER city TYPE text; "
                 "ALTER TABLE inspections ALTER reason_other TYPE text, ALTER score TYPE integer; "
                 "ALTER TABLE violations ALTER degree TYPE text")
    add_keys(srv, db, [("establishments", ["establishment_id"]), ("inspections", ["inspection_id"]),
                       ("violations", ["violation_id"])],
             [("inspections", "establishment_id", "establishments", "establishment_id"),
              ("violations", "inspection_id", "inspections", "inspection_id")])


def load_premiership_rugby(srv, db, files):
    """English rugby union's Premiership, seasons 2006-2007 to 2018-2019
    (Rugby-Data's match files, scraped from Sky Sports; the repository
    states no licence): seasons (13, season_name '2006-2007', start_year),
    teams (15 clubs as published: 'Leicester', 'Saracens', 'London
    Irish' ...), matches (1751 league and play-off matches in file order
    of each season: match_date, kickoff_time (NULL where the file gives
    midnight, every match before 2013-2014), home_team_id, away_team_id,
    home_score, away_score, stadium (NULL where blank)) and scoring_events
    (the tries, conversions, penalties and drop goals of the seasons
    2011-2012 on as the file lists them: match_id, team_id, player (a
    surname as published), score_type 'try' / 'conversion' / 'penalty' /
    'drop goal', points, minute; penalty tries and a few events are
    missing, so a side's events do not always add up to its score). Lineups
    not loaded. Keys: seasons.season_id, teams.team_id, matches.match_id,
    scoring_events.event_id; matches -> seasons, teams; scoring_events ->
    matches, teams."""
    seasons, matches, events, team_names = [], [], [], set()
    data = [json.loads(t) for t in files]
    for d in data:
        for k in d["home"]:
            team_names.add(d["home"][k]["team"].strip())
            team_names.add(d["away"][k]["team"].strip())
    tid = {t: i for i, t in enumerate(sorted(team_names), 1)}
    for s, d in enumerate(data, 1):
        y = 2005 + s
        seasons.append([s, f"{y}-{y + 1}", y])
        for k in sorted(d["date"], key=int):
            mid = len(matches) + 1
            day, clock = d["date"][k].split("T")
            h, a = d["home"][k], d["away"][k]
            matches.append([mid, s, day, None if clock == "00:00:00" else clock, tid[h["team"].strip()],
                            tid[a["team"].strip()], h["score"], a["score"], (d["stadium"].get(k) or "").strip()])
            for side in (h, a):
                for e in side.get("scores") or []:
                    events.append([len(events) + 1, mid, tid[side["team"].strip()], e.get("player", "").strip(),
                                   e["type"], e["value"], e.get("minute")])
    print(f"  {db}.seasons: " + str(load_csv_table(srv, db, "seasons", _csv_text(
        ["season_id", "season_name", "start_year"], seasons))) + " rows")
    print(f"  {db}.teams: " + str(load_csv_table(srv, db, "teams", _csv_text(
        ["team_id", "team_name"], [[tid[t], t] for t in sorted(tid)]))) + " rows")
    print(f"  {db}.matches: " + str(load_csv_table(srv, db, "matches", _csv_text(
        ["match_id", "season_id", "match_date", "kickoff_time", "home_team_id", "away_team_id", "home_score",
         "away_score", "stadium"], matches))) + " rows")
    print(f"  {db}.scoring_events: " + str(load_csv_table(srv, db, "scoring_events", _csv_text(
        ["event_id", "match_id", "team_id", "player", "score_type", "points", "minute"], events))) + " rows")
    srv.psql(db, "ALTER TABLE matches ALTER kickoff_time TYPE time USING kickoff_time::time, "
                 "ALTER stadium TYPE text; ALTER TABLE seasons ALTER season_name TYPE text")
    add_keys(srv, db, [("seasons", ["season_id"]), ("teams", ["team_id"]), ("matches", ["match_id"]),
                       ("scoring_events", ["event_id"])],
             [("matches", "season_id", "seasons", "season_id"),
              ("matches", "home_team_id", "teams", "team_id"),
              ("matches", "away_team_id", "teams", "team_id"),
              ("scoring_events", "match_id", "matches", "match_id"),
              ("scoring_events", "team_id", "teams", "team_id")])


LOADERS.update(sfi_grants=load_sfi_grants, san_mateo_inspections=load_san_mateo_inspections,
               premiership_rugby=load_premiership_rugby)


DATASETS.update({
    "lemur_center": ("khushaal-nandwani/predicting-lemurs", "a7beee2ec2232d5f0068c5e818462d9957833626",
                     ["data/raw_data/animals.csv", "data/raw_data/weights.csv"]),
    "unl_parking": ("natasharausch/parking", "7a959323d87858fe05a5d8561eaee0c8a7b9ccce", ["citations.csv"]),
    "bioconda_downloads": ("grimbough/anaconda-download-stats", "c6559a92e701ade7763487a1c3b0ab7b70a7a6db",
                           ["tsv/bioc_counts.tsv"]),
})


def load_lemur_center(srv, db, files):
    """The Duke Lemur Center's animal records (Durham, North Carolina), as
    published by Zehr et al. 2014 and kept in a student's repository's raw
    data (the repository states no licence): species (27 taxonomic codes
    with their common name, 'LCAT' 'Ring-tailed lemur', hybrids included),
    animals (3749 lemurs, lorises and galagos the center has held since
    the 1960s: animal_id the center's number as text, leading zeros dropped
    ('0613' is '613'), studbook_id,
    name (the animal's own, 'Yoko'), taxonomic_code, sex 'M' / 'F' or NULL,
    birth_date, birth_type 'captive' / 'wild' or NULL, litter_size,
    death_date (NULL while alive or unknown), mother_id and father_id (the
    parents' animal_id, NULL where wild-caught or unknown; 137 mothers are
    not among the animals and 530 fathers are not either, most of them
    published as 'multiple possibilities (2)', so those keys are NOT VALID))
    and weights (82609 weighings: animal_id, weight_g, weighed_on,
    is_pregnant; 311 weighings are of animals not in animals). Keys:
    species.taxonomic_code, animals.animal_id,
    weights.weight_id; animals -> species, animals (mother, father);
    weights -> animals."""
    na = lambda v: None if v in ("NA", "") else v
    parent = lambda v: None if v in ("NA", "", "wild") else v
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    species = {}
    for r in rows:
        species.setdefault(r["taxonomic_code"], r["species"])
    print(f"  {db}.species: " + str(load_csv_table(srv, db, "species", _csv_text(
        ["taxonomic_code", "common_name"], sorted(species.items())))) + " rows")
    out = [[r["animal_id"], na(r["studbook_id"]), na(r["name"]), r["taxonomic_code"], na(r["sex"]),
            na(r["birth_date"]), na(r["birth_type"]), na(r["litter_size"]), na(r["death_date"]),
            parent(r["mother_id"]), parent(r["father_id"])] for r in rows]
    print(f"  {db}.animals: " + str(load_csv_table(srv, db, "animals", _csv_text(
        ["animal_id", "studbook_id", "name", "taxonomic_code", "sex", "birth_date", "birth_type", "litter_size",
         "death_date", "mother_id", "father_id"], out))) + " rows")
    w = list(csv.DictReader(io.StringIO(files[1].lstrip("\ufeff"))))
    out = [[i, r["animal_id"], r["weight_g"], r["weight_date"], r["is_pregnant"].lower()]
           for i, r in enumerate(w, 1)]
    print(f"  {db}.weights: " + str(load_csv_table(srv, db, "weights", _csv_text(
        ["weight_id", "animal_id", "weight_g", "weighed_on", "is_pregnant"], out))) + " rows")
    srv.psql(db, "ALTER TABLE animals ALTER animal_id TYPE text, ALTER studbook_id TYPE text, "
                 "ALTER mother_id TYPE text, ALTER father_id TYPE text, ALTER name TYPE text, "
                 "ALTER birth_date TYPE date USING birth_date::date, ALTER death_date TYPE date USING death_date::date; "
                 "ALTER TABLE weights ALTER animal_id TYPE text, ALTER weight_g TYPE numeric(8, 2), "
                 "ALTER is_pregnant TYPE boolean USING is_pregnant::boolean")
    add_keys(srv, db, [("species", ["taxonomic_code"]), ("animals", ["animal_id"]), ("weights", ["weight_id"])],
             [("animals", "taxonomic_code", "species", "taxonomic_code"),
              ("animals", "mother_id", "animals", "animal_id"),
              ("animals", "father_id", "animals", "animal_id"),
              ("weights", "animal_id", "animals", "animal_id")])


def load_unl_parking(srv, db, files):
    """Parking citations written on the University of Nebraska-Lincoln's
    campus, 13 November 2013 to 19 February 2015, as a student newsroom
    project's Django app imported them (citations.csv, pipe-separated; the
    repository states no licence): violation_types (21, 'Expired Meter',
    'No Valid Permit Displayed' ...), locations (185 lots and streets as
    published: 'South Stadium', '14th & W Street', 'Harper Schramm
    Smith' ...), vehicles (one row per distinct licence plate, numbered by
    the loader in file order; only the plate's state is kept, the plate
    number is not loaded) and citations (52708: ticket_number as
    published, issued_at to the minute, violation_id, location_id,
    vehicle_id). No fine amounts in the source. Keys:
    violation_types.violation_id, locations.location_id,
    vehicles.vehicle_id, citations.citation_id; citations ->
    violation_types, locations, vehicles."""
    rows = [r for r in csv.reader(io.StringIO(files[0]), delimiter="|", quoting=csv.QUOTE_NONE) if r]
    vid, lid, veh, states = {}, {}, {}, []
    out = []
    for i, r in enumerate(rows, 1):
        v, l, p = r[2].strip(), r[3].strip(), " ".join(r[4].split())
        vid.setdefault(v, len(vid) + 1)
        lid.setdefault(l, len(lid) + 1)
        if p not in veh:
            veh[p] = len(veh) + 1
            states.append([veh[p], p.split(" ")[0] if " " in p else None])
        out.append([i, r[0].strip(), r[1].strip(), vid[v], lid[l], veh[p]])
    print(f"  {db}.violation_types: " + str(load_csv_table(srv, db, "violation_types", _csv_text(
        ["violation_id", "description"], [[i, v] for v, i in vid.items()]))) + " rows")
    print(f"  {db}.locations: " + str(load_csv_table(srv, db, "locations", _csv_text(
        ["location_id", "location_name"], [[i, l] for l, i in lid.items()]))) + " rows")
    print(f"  {db}.vehicles: " + str(load_csv_table(srv, db, "vehicles", _csv_text(
        ["vehicle_id", "plate_state"], states))) + " rows")
    print(f"  {db}.citations: " + str(load_csv_table(srv, db, "citations", _csv_text(
        ["citation_id", "ticket_number", "issued_at", "violation_id", "location_id", "vehicle_id"], out))) + " rows")
    srv.psql(db, "ALTER TABLE citations ALTER ticket_number TYPE text; "
                 "ALTER TABLE vehicles ALTER plate_state TYPE text")
    add_keys(srv, db, [("violation_types", ["violation_id"]), ("locations", ["location_id"]),
                       ("vehicles", ["vehicle_id"]), ("citations", ["citation_id"])],
             [("citations", "violation_id", "violation_types", "violation_id"),
              ("citations", "location_id", "locations", "location_id"),
              ("citations", "vehicle_id", "vehicles", "vehicle_id")])


def load_bioconda_downloads(srv, db, files):
    """Monthly download counts of Bioconductor packages distributed through
    Anaconda's bioconda channel, March 2017 to October 2019 (100 packages
    in the first month, 3069 in the last), as grimbough/anaconda-download-stats summarises
    Anaconda's public package data (all platforms and versions added up;
    the repository states no licence): packages (3069 Bioconductor package
    names as Bioconductor spells them, 'DESeq2', 'BiocGenerics') and
    monthly_downloads (45259 rows: package_id, download_month the first
    day of the month, downloads; a month with no downloads has no row).
    Keys: packages.package_id, monthly_downloads (package_id,
    download_month); monthly_downloads -> packages."""
    months = {m: i for i, m in enumerate(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                          "Nov", "Dec"], 1)}
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff")), delimiter="\t"))
    pid = {}
    for r in rows:
        pid.setdefault(r["Package"].strip(), len(pid) + 1)
    print(f"  {db}.packages: " + str(load_csv_table(srv, db, "packages", _csv_text(
        ["package_id", "package_name"], [[i, p] for p, i in pid.items()]))) + " rows")
    out = [[pid[r["Package"].strip()], f"{r['Year']}-{months[r['Month']]:02d}-01", r["Nb_of_downloads"]]
           for r in rows]
    print(f"  {db}.monthly_downloads: " + str(load_csv_table(srv, db, "monthly_downloads", _csv_text(
        ["package_id", "download_month", "downloads"], out))) + " rows")
    add_keys(srv, db, [("packages", ["package_id"]), ("monthly_downloads", ["package_id", "download_month"])],
             [("monthly_downloads", "package_id", "packages", "package_id")])


LOADERS.update(lemur_center=load_lemur_center, unl_parking=load_unl_parking,
               bioconda_downloads=load_bioconda_downloads)


DATASETS.update({
    "california_wildfires": ("sandeepsanwariya/minor_climate", "ba40ac14885828b7df1d8e1b832c2b1b4a580150",
                             ["src/assets/data_fires.js"]),
    "chicago_nwea_scores": ("hahmed17/dsc202_final_project", "296b1d639fd8d4ef687ff7ae40c0ecbbfde85437",
                            ["data/SchoolScores.csv", "data/Schools.csv"]),
    "gutenberg_catalog": ("sage-khan/project-gutenberg-explorer-python", "6bcf9a0aecc0338855fdc415b615e0bfc885daa3",
                          ["data/pg_catalog.csv"]),
})


def load_california_wildfires(srv, db, files):
    """California's larger wildfires, January 2013 to December 2020, as
    CAL FIRE's incident list gives them, in a climate site's JavaScript
    data file (read by the loader; the repository states no licence):
    fires (1883 in file order: fire_name 'Becks Fire' -- names repeat,
    18 'Creek Fire' --, started_on (NULL for the two the file dates
    1969-12-31, the epoch), acres (NULL for 18), containment_pct (NULL
    where blank), latitude and longitude (NULL where the file gives 0),
    fatalities (NULL for all but 18)), counties (the 60 names the fires'
    county lists hold, 'State of Nevada', 'State of Oregon' and 'Mexico'
    among them) and fire_counties (a fire and each county of its list; 17
    fires have none). No causes, costs, structures or containment dates.
    Keys: fires.fire_id, counties.county_id, fire_counties (fire_id,
    county_id); fire_counties -> fires, counties."""
    s = files[0]
    data = json.loads(s[s.index("["):s.rindex("]") + 1])
    names = sorted({p.strip() for d in data for p in d["counties"].split(",") if p.strip()})
    cid = {n: i for i, n in enumerate(names, 1)}
    fires, links = [], []
    for i, d in enumerate(data, 1):
        zero = not d["latitude"] and not d["longitude"]
        fires.append([i, d["name"].strip(), None if d["startedDate"].startswith("1969") else d["startedDate"],
                      d["acres"], d["containment"].rstrip("%") or None, None if zero else d["latitude"],
                      None if zero else d["longitude"], d["fatalities"]])
        seen = []
        for p in d["counties"].split(","):
            if p.strip() and cid[p.strip()] not in seen:
                seen.append(cid[p.strip()])
                links.append([i, cid[p.strip()]])
    print(f"  {db}.fires: " + str(load_csv_table(srv, db, "fires", _csv_text(
        ["fire_id", "fire_name", "started_on", "acres", "containment_pct", "latitude", "longitude", "fatalities"],
        fires))) + " rows")
    print(f"  {db}.counties: " + str(load_csv_table(srv, db, "counties", _csv_text(
        ["county_id", "county_name"], [[cid[n], n] for n in names]))) + " rows")
    print(f"  {db}.fire_counties: " + str(load_csv_table(srv, db, "fire_counties", _csv_text(
        ["fire_id", "county_id"], links))) + " rows")
    srv.psql(db, "ALTER TABLE fires ALTER started_on TYPE date USING started_on::date, "
                 "ALTER acres TYPE numeric(10, 1), ALTER containment_pct TYPE numeric(5, 1), "
                 "ALTER latitude TYPE double precision, ALTER longitude TYPE double precision, "
                 "ALTER fatalities TYPE integer, ALTER fire_name TYPE text")
    add_keys(srv, db, [("fires", ["fire_id"]), ("counties", ["county_id"]),
                       ("fire_counties", ["fire_id", "county_id"])],
             [("fire_counties", "fire_id", "fires", "fire_id"),
              ("fire_counties", "county_id", "counties", "county_id")])


def load_chicago_nwea_scores(srv, db, files):
    """Chicago Public Schools' NWEA MAP results by school, subject and
    grade for one spring (the district's school-level attainment file, one
    school year not named in it, in a student project's repository; the
    repository states no licence): schools (514 elementary schools and
    charters: school_id the district's id, school_name as published
    'OGDEN ES', network 'Network 1' ... 'Network 17' / 'ISP' / 'Charter' /
    'AUSL' / 'Contract', and from the project's second file school_level
    'ES' / 'HS' and holc_grade, the 1940 redlining grade A-D of the
    school's neighbourhood -- NULL where that file has no grade or no
    row) and scores (one per school, subject and grade level: subject
    'MATH' / 'READING', grade_level 'Grade 2' ... 'Grade 8', 'Grades 3-8
    Combined', 'Grades 2-8 Combined'; students tested, avg_rit_score,
    pct_at_above_national, attainment_percentile; all NULL where the
    district suppressed a small group). Lines repeated word for word in
    the file are loaded once. Keys: schools.school_id, scores.score_id;
    scores -> schools."""
    rows = list(csv.reader(io.StringIO(files[0].lstrip("\ufeff"))))[1:]
    extra = {r["School_ID"]: r for r in csv.DictReader(io.StringIO(files[1].lstrip("\ufeff")))}
    schools, scores, seen = {}, [], set()
    for r in rows:
        if not r:
            continue
        r = [v.strip() for v in r]
        sid = r[0]
        if sid not in schools:
            e = extra.get(sid, {})
            schools[sid] = [sid, r[1], r[2], e.get("Grade_Cat") or None, e.get("holc_grade") or None]
        key = tuple(r)
        if key in seen:
            continue
        seen.add(key)
        scores.append([len(scores) + 1, sid, r[3], r[4]] + r[5:9])
    print(f"  {db}.schools: " + str(load_csv_table(srv, db, "schools", _csv_text(
        ["school_id", "school_name", "network", "school_level", "holc_grade"],
        sorted(schools.values(), key=lambda x: int(x[0]))))) + " rows")
    print(f"  {db}.scores: " + str(load_csv_table(srv, db, "scores", _csv_text(
        ["score_id", "school_id", "subject", "grade_level", "students", "avg_rit_score", "pct_at_above_national",
         "attainment_percentile"], scores))) + " rows")
    srv.psql(db, "ALTER TABLE scores ALTER avg_rit_score TYPE numeric(5, 1), "
                 "ALTER pct_at_above_national TYPE numeric(5, 1), ALTER students TYPE integer, "
                 "ALTER attainment_percentile TYPE integer, ALTER grade_level TYPE text, ALTER subject TYPE text; "
                 "ALTER TABLE schools ALTER school_name TYPE text, ALTER network TYPE text, "
                 "ALTER school_level TYPE text, ALTER holc_grade TYPE text")
    add_keys(srv, db, [("schools", ["school_id"]), ("scores", ["score_id"])],
             [("scores", "school_id", "schools", "school_id")])


def load_gutenberg_catalog(srv, db, files):
    """Project Gutenberg's catalogue of its first 7,702 e-book numbers
    (7,660 items, issued 1971 to 2018; the project's pg_catalog.csv as an
    explorer app's repository keeps a cut of it; the catalogue is public
    domain): books (book_id the e-book number, item_type 'Text' / 'Sound'
    / 'Dataset' ..., issued_on, title with its line breaks made blanks,
    language as published 'en', 'de; en', loc_class the Library of
    Congress classes as published 'PR', 'E201; JK'), authors (2728
    contributors: the published string split into name 'Twain, Mark' and
    birth_year / death_year where the dates are plain years, NULL
    otherwise; two contributors of one name with other dates are two
    rows), book_authors (book_id, author_id, role 'Author' or the
    bracketed role 'Translator' / 'Editor' / 'Illustrator' ...),
    bookshelves and book_bookshelves (the browsing shelves as published,
    'Browsing: Fiction'), subjects and book_subjects (Library of Congress
    subject headings as published, 'Short stories'). No sales, prices,
    royalties, downloads or page counts. Keys: books.book_id,
    authors.author_id, bookshelves.bookshelf_id, subjects.subject_id and
    the three link tables' pairs; links -> books and their targets."""
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    books, authors, ba, shelves, bs, subjects, bsub = [], {}, [], {}, [], {}, []
    dated = re.compile(r"^(.*?), (\d{3,4})-(\d{3,4})?$")
    for r in rows:
        bid = int(r["Text#"])
        books.append([bid, r["Type"].strip(), r["Issued"].strip(), " ".join(r["Title"].split()),
                      r["Language"].strip(), r["LoCC"].strip()])
        done = set()
        for p in r["Authors"].split("; "):
            p = p.strip()
            if not p:
                continue
            role = "Author"
            m = re.match(r"^(.*) \[([^\]]+)\]$", p)
            if m:
                p, role = m.group(1).strip(), m.group(2).strip()
            if p not in authors:
                d = dated.match(p)
                authors[p] = [len(authors) + 1, d.group(1) if d else p, d.group(2) if d else None,
                              (d.group(3) if d else None)]
            key = (authors[p][0], role)
            if key not in done:
                done.add(key)
                ba.append([bid, authors[p][0], role])
        for col, table, links in (("Bookshelves", shelves, bs), ("Subjects", subjects, bsub)):
            got = set()
            for p in r[col].split(";"):
                p = p.strip()
                if p and p not in got:
                    got.add(p)
                    table.setdefault(p, len(table) + 1)
                    links.append([bid, table[p]])
    print(f"  {db}.books: " + str(load_csv_table(srv, db, "books", _csv_text(
        ["book_id", "item_type", "issued_on", "title", "language", "loc_class"], books))) + " rows")
    print(f"  {db}.authors: " + str(load_csv_table(srv, db, "authors", _csv_text(
        ["author_id", "name", "birth_year", "death_year"], list(authors.values())))) + " rows")
    print(f"  {db}.book_authors: " + str(load_csv_table(srv, db, "book_authors", _csv_text(
        ["book_id", "author_id", "role"], ba))) + " rows")
    print(f"  {db}.bookshelves: " + str(load_csv_table(srv, db, "bookshelves", _csv_text(
        ["bookshelf_id", "bookshelf_name"], [[i, n] for n, i in shelves.items()]))) + " rows")
    print(f"  {db}.book_bookshelves: " + str(load_csv_table(srv, db, "book_bookshelves", _csv_text(
        ["book_id", "bookshelf_id"], bs))) + " rows")
    print(f"  {db}.subjects: " + str(load_csv_table(srv, db, "subjects", _csv_text(
        ["subject_id", "subject"], [[i, n] for n, i in subjects.items()]))) + " rows")
    print(f"  {db}.book_subjects: " + str(load_csv_table(srv, db, "book_subjects", _csv_text(
        ["book_id", "subject_id"], bsub))) + " rows")
    srv.psql(db, "ALTER TABLE books ALTER issued_on TYPE date USING issued_on::date, ALTER title TYPE text, "
                 "ALTER language TYPE text, ALTER loc_class TYPE text, ALTER item_type TYPE text; "
                 "ALTER TABLE authors ALTER name TYPE text, ALTER birth_year TYPE integer, "
                 "ALTER death_year TYPE integer; ALTER TABLE book_authors ALTER role TYPE text; "
                 "ALTER TABLE bookshelves ALTER bookshelf_name TYPE text; ALTER TABLE subjects ALTER subject TYPE text")
    add_keys(srv, db, [("books", ["book_id"]), ("authors", ["author_id"]), ("bookshelves", ["bookshelf_id"]),
                       ("subjects", ["subject_id"]), ("book_authors", ["book_id", "author_id", "role"]),
                       ("book_bookshelves", ["book_id", "bookshelf_id"]), ("book_subjects", ["book_id", "subject_id"])],
             [("book_authors", "book_id", "books", "book_id"), ("book_authors", "author_id", "authors", "author_id"),
              ("book_bookshelves", "book_id", "books", "book_id"),
              ("book_bookshelves", "bookshelf_id", "bookshelves", "bookshelf_id"),
              ("book_subjects", "book_id", "books", "book_id"),
              ("book_subjects", "subject_id", "subjects", "subject_id")])


LOADERS.update(california_wildfires=load_california_wildfires, chicago_nwea_scores=load_chicago_nwea_scores,
               gutenberg_catalog=load_gutenberg_catalog)


DATASETS.update({
    "nl_fish_landings": ("abesolberg/Fish-Landings-and-Landed-Values-NL", "d83bf67731a00e9702c582eaa2eb3ccca974e543",
                         ["data/data.csv"]),
    "coworking_space": ("30-A/CoworkingSpace-Database", "8a3ef4a419587b3a0bfda455fdb9ca5ef4cc9041",
                        [f"data/{n}.csv" for n in ("membership_plans", "spaces", "office_holidays", "members",
                                                   "bookings", "payments")]),
    "nepal_election_1999": ("utsthapa/nepal-election-tracker", "7711f761f7f58d4f32267bc93610215c71c2fbdb",
                            ["data/historical/election_1999.js"]),
})


def load_nl_fish_landings(srv, db, files):
    """Newfoundland and Labrador's commercial fish landings, 2013 to 2020
    (yearly totals of Fisheries and Oceans Canada's regional statistics,
    preliminary, as a student's final data project scraped them on
    2020-09-23; the repository states no licence): species (32 DFO species
    codes as published: species_id 100 'Cod, Atlantic', 702 'Shrimp,
    Pandalus Borealis' ..., family 'Groundfish' / 'Pelagics' / 'Molluscs' /
    'Crustacean' / 'Miscellaneous' / 'Marine Mammals'), fleet_segments (the
    four vessel-length classes: 'Inshore' 0-34 ft 11 in, 'Nearshore',
    'Midshore', 'Offshore' over 100 ft), annual_landings (the 'All Vessels'
    lines: one per year and species, weight_lbs, weight_kg, weight_tonnes
    (round weight), number_landed (only bluefin tuna and seal skins are
    counted), landed_value (Canadian dollars), value_per_lb (per animal
    for the counted ones)) and segment_landings (the same measures per
    fleet segment; DFO leaves out segments it keeps confidential, so a
    year's segments do not add up to its all-vessel total). Keys:
    species.species_id, fleet_segments.segment_id, annual_landings (year,
    species_id), segment_landings (year, species_id, segment_id);
    annual_landings -> species; segment_landings -> species,
    fleet_segments."""
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    species = {}
    for r in rows:
        species.setdefault(int(r["species_id"]), (r["species"].strip(), r["family"].strip()))
    segs = {}
    for r in rows:
        if r["vessel_length_category"] != "All Vessels":
            segs.setdefault(r["shore_type"], (r["vessel_length"], r["vessel_length_category"]))
    order = ["Inshore", "Nearshore", "Midshore", "Offshore"]
    assert sorted(segs) == sorted(order)
    sid = {s: i for i, s in enumerate(order, 1)}
    print(f"  {db}.species: " + str(load_csv_table(srv, db, "species", _csv_text(
        ["species_id", "species_name", "family"], [[k, *species[k]] for k in sorted(species)]))) + " rows")
    print(f"  {db}.fleet_segments: " + str(load_csv_table(srv, db, "fleet_segments", _csv_text(
        ["segment_id", "segment_name", "vessel_length", "description"],
        [[sid[s], s, segs[s][0], segs[s][1]] for s in order]))) + " rows")
    meas = lambda r: [r["landed_wtround_lbs"], r["landed_wtround_kgs"], r["metric_tonnes_round_wt"],
                      r["number_landed"], r["landed_value"], r["avg_value_per_lbs_num"]]
    cols = ["weight_lbs", "weight_kg", "weight_tonnes", "number_landed", "landed_value", "value_per_lb"]
    allv = [[r["year"], r["species_id"], *meas(r)] for r in rows if r["vessel_length_category"] == "All Vessels"]
    segv = [[r["year"], r["species_id"], sid[r["shore_type"]], *meas(r)] for r in rows
            if r["vessel_length_category"] != "All Vessels"]
    print(f"  {db}.annual_landings: " + str(load_csv_table(srv, db, "annual_landings", _csv_text(
        ["year", "species_id", *cols], allv))) + " rows")
    print(f"  {db}.segment_landings: " + str(load_csv_table(srv, db, "segment_landings", _csv_text(
        ["year", "species_id", "segment_id", *cols], segv))) + " rows")
    srv.psql(db, "ALTER TABLE annual_landings ALTER landed_value TYPE numeric(14, 2), "
                 "ALTER value_per_lb TYPE numeric(10, 3); "
                 "ALTER TABLE segment_landings ALTER landed_value TYPE numeric(14, 2), "
                 "ALTER value_per_lb TYPE numeric(10, 3)")
    add_keys(srv, db, [("species", ["species_id"]), ("fleet_segments", ["segment_id"]),
                       ("annual_landings", ["year", "species_id"]),
                       ("segment_landings", ["year", "species_id", "segment_id"])],
             [("annual_landings", "species_id", "species", "species_id"),
              ("segment_landings", "species_id", "species", "species_id"),
              ("segment_landings", "segment_id", "fleet_segments", "segment_id")])


def load_coworking_space(srv, db, files):
    """A coworking space's year of 2025 (a student's MySQL coursework
    database, its CSV files generated with Faker: made-up members with
    example.com addresses; the repository states no licence):
    membership_plans (7: 'Day Pass' 25.00 for 1 day ... 'Annual ALL Access'
    8500.00, 'Event Pass'), spaces (150: space_name 'Hot Desk 3', space_type
    'Hot Desk' / 'Dedicated Desk' / 'Small Office' / 'Medium Office' /
    'Meeting Room' / 'Conference Room' / 'Event Space', under_maintenance),
    office_holidays (10 German public holidays of 2025), members (1500:
    first_name, last_name, membership_start_date, membership_expiry_date;
    the e-mail addresses not loaded), bookings (6803: member_id, space_id,
    booking_date, start_time, end_time, is_cancelled) and payments (2165:
    member_id, plan_id, amount, payment_date, payment_method 'Card' /
    'Cash' / 'Bank Transfer'). Keys: membership_plans.plan_id,
    spaces.space_id, office_holidays.holiday_date, members.member_id,
    bookings.booking_id, payments.payment_id; bookings -> members, spaces;
    payments -> members, membership_plans."""
    plans, spaces, holidays, members, bookings, payments = (
        list(csv.DictReader(io.StringIO(t.lstrip("\ufeff")))) for t in files)
    flag = lambda v: "true" if v.strip() == "1" else "false"
    print(f"  {db}.membership_plans: " + str(load_csv_table(srv, db, "membership_plans", _csv_text(
        ["plan_id", "plan_name", "price", "duration_days"],
        [[r["plan_id"], r["plan_name"].strip(), r["price"], r["duration_days"]] for r in plans]))) + " rows")
    print(f"  {db}.spaces: " + str(load_csv_table(srv, db, "spaces", _csv_text(
        ["space_id", "space_name", "space_type", "under_maintenance"],
        [[r["space_id"], r["space_name"].strip(), r["space_type"].strip(), flag(r["is_maintenance"])]
         for r in spaces]))) + " rows")
    print(f"  {db}.office_holidays: " + str(load_csv_table(srv, db, "office_holidays", _csv_text(
        ["holiday_date", "holiday_name"], [[r["holiday_date"], r["holiday_name"].strip()] for r in holidays])))
          + " rows")
    print(f"  {db}.members: " + str(load_csv_table(srv, db, "members", _csv_text(
        ["member_id", "first_name", "last_name", "membership_start_date", "membership_expiry_date"],
        [[r["member_id"], r["first_name"].strip(), r["last_name"].strip(), r["membership_start_date"],
          r["membership_expiry_date"]] for r in members]))) + " rows")
    print(f"  {db}.bookings: " + str(load_csv_table(srv, db, "bookings", _csv_text(
        ["booking_id", "member_id", "space_id", "booking_date", "start_time", "end_time", "is_cancelled"],
        [[r["booking_id"], r["member_id"], r["space_id"], r["booking_date"], r["start_time"], r["end_time"],
          flag(r["is_cancelled"])] for r in bookings]))) + " rows")
    print(f"  {db}.payments: " + str(load_csv_table(srv, db, "payments", _csv_text(
        ["payment_id", "member_id", "plan_id", "amount", "payment_date", "payment_method"],
        [[r["payment_id"], r["member_id"], r["plan_id"], r["amount"], r["payment_date"],
          r["payment_method"].strip()] for r in payments]))) + " rows")
    srv.psql(db, "ALTER TABLE membership_plans ALTER price TYPE numeric(10, 2); "
                 "ALTER TABLE payments ALTER amount TYPE numeric(10, 2); "
                 "ALTER TABLE spaces ALTER under_maintenance TYPE boolean USING under_maintenance::boolean; "
                 "ALTER TABLE bookings ALTER is_cancelled TYPE boolean USING is_cancelled::boolean, "
                 "ALTER start_time TYPE time USING start_time::time, ALTER end_time TYPE time USING end_time::time")
    add_keys(srv, db, [("membership_plans", ["plan_id"]), ("spaces", ["space_id"]),
                       ("office_holidays", ["holiday_date"]), ("members", ["member_id"]),
                       ("bookings", ["booking_id"]), ("payments", ["payment_id"])],
             [("bookings", "member_id", "members", "member_id"),
              ("bookings", "space_id", "spaces", "space_id"),
              ("payments", "member_id", "members", "member_id"),
              ("payments", "plan_id", "membership_plans", "plan_id")])


def load_nepal_election_1999(srv, db, files):
    """Nepal's House of Representatives election of May 1999, constituency
    by constituency (an election tracker's data file built from Nepal
    Research's copy of the Election Commission's results; the repository
    states no licence): districts (75, ids in name order), parties (40 as
    the file names them, 'Independent' among them; abbreviation for the
    seven the file codes: 'NC', 'UML', 'RPP', 'NSP', 'RJM', 'NMKP', 'SJN'),
    constituencies (205, 'Kathmandu-1': district_id, constituency_number,
    registered_voters, votes_cast, valid_votes, invalid_votes) and
    candidates (2238 in file order: candidate_name, party_id, votes,
    elected — one winner per constituency; a politician standing in two
    constituencies has a row in each). The tracker's percentages, margins
    and runner-up fields (derivable) are not loaded. Keys:
    districts.district_id, parties.party_id,
    constituencies.constituency_id, candidates.candidate_id;
    constituencies -> districts; candidates -> constituencies, parties."""
    t = files[0]
    head = "export const CONSTITUENCIES_1999 = "
    s = t.index(head) + len(head)
    body = t[s:t.index("\n};\n", s) + 2]
    body = re.sub(r"//[^\n]*", "", body)
    body = re.sub(r"(?m)^(\s*)([A-Za-z_]\w*)\s*:", r'\1"\2":', body)
    body = re.sub(r",(\s*[}\]])", r"\1", body)
    data = json.loads(body)
    dists = sorted({c["district"].strip() for c in data.values()})
    did = {d: i for i, d in enumerate(dists, 1)}
    abbr = {}
    for c in data.values():
        for x in c["candidates"]:
            p = " ".join(x["partyDetail"].split())
            if x["party"] != "Others":
                abbr[p] = x["party"]
            else:
                abbr.setdefault(p, None)
    pid = {p: i for i, p in enumerate(sorted(abbr), 1)}
    cons, cands = [], []
    for i, name in enumerate(sorted(data), 1):
        c = data[name]
        cons.append([i, name, did[c["district"].strip()], c["constituencyNumber"], c["totalVoters"],
                     c["votesCast"], c["validVotes"], c["invalidVotes"]])
        for x in c["candidates"]:
            cands.append([len(cands) + 1, i, " ".join(x["name"].split()), pid[" ".join(x["partyDetail"].split())],
                          x["votes"], "true" if x["elected"] else "false"])
    print(f"  {db}.districts: " + str(load_csv_table(srv, db, "districts", _csv_text(
        ["district_id", "district_name"], [[did[d], d] for d in dists]))) + " rows")
    print(f"  {db}.parties: " + str(load_csv_table(srv, db, "parties", _csv_text(
        ["party_id", "party_name", "abbreviation"], [[pid[p], p, abbr[p]] for p in sorted(abbr)]))) + " rows")
    print(f"  {db}.constituencies: " + str(load_csv_table(srv, db, "constituencies", _csv_text(
        ["constituency_id", "constituency_name", "district_id", "constituency_number", "registered_voters",
         "votes_cast", "valid_votes", "invalid_votes"], cons))) + " rows")
    print(f"  {db}.candidates: " + str(load_csv_table(srv, db, "candidates", _csv_text(
        ["candidate_id", "constituency_id", "candidate_name", "party_id", "votes", "elected"], cands))) + " rows")
    srv.psql(db, "ALTER TABLE candidates ALTER elected TYPE boolean USING elected::boolean")
    add_keys(srv, db, [("districts", ["district_id"]), ("parties", ["party_id"]),
                       ("constituencies", ["constituency_id"]), ("candidates", ["candidate_id"])],
             [("constituencies", "district_id", "districts", "district_id"),
              ("candidates", "constituency_id", "constituencies", "constituency_id"),
              ("candidates", "party_id", "parties", "party_id")])


LOADERS.update(nl_fish_landings=load_nl_fish_landings, coworking_space=load_coworking_space,
               nepal_election_1999=load_nepal_election_1999)


DATASETS.update({
    "ucs_satellites": ("blane07/satellite-trends", "e05e23cf342bc893ad38bee6845b80e1a4d0ac05",
                       ["UCS_Satellite_Database.csv"]),
    "nasa_patents": ("cew821/nasa_patent_parser", "6d66ae5c23b0d8949e29912d815f20e3a09c9650",
                     ["patents_as_of_2014-10-31.csv"]),
    "paris_rail": ("VanCauwenberghe/Ratp_graph-et-donnees", "ba419afdf65643c49bad8c7a954e8b57ade68b9b",
                   ["emplacement-des-gares-idf.csv", "trafic-annuel-entrant-par-station-du-reseau-ferre-2021.csv"]),
})


def load_ucs_satellites(srv, db, files):
    """Operational satellites as the Union of Concerned Scientists' satellite
    database lists them (its release of late 2017, 1738 satellites, in a
    student's copy; MIT licence on the repository): operators (436 as
    published with their country — 'Planet Labs, Inc.' USA, 'Ministry of
    Defense' under several countries), contractors (the builders, with
    their country), launch_sites (24, 'Baikonur Cosmodrome') and
    satellites (1738 in file order: name as published with alternate
    names in brackets, un_registry country, users 'Commercial' /
    'Government' / 'Military' / 'Civil' and pairs, purpose, detailed
    purpose, orbit_class 'LEO' / 'MEO' / 'GEO' / 'Elliptical',
    orbit_type, longitude of GEO, perigee and apogee in km, eccentricity,
    inclination, period in minutes, launch and dry mass in kg, power in
    watts, launch_date, expected lifetime in years, launch vehicle, COSPAR
    and NORAD numbers). Where a figure is given as a range, with a '+' or
    a note ('5000+', '5-7 yrs.', '2316 (BOL)') its first number is kept;
    a lifetime of '12 hrs.' is left empty. Sources, comments and URLs not
    loaded. Keys:
    operators.operator_id, contractors.contractor_id,
    launch_sites.site_id, satellites.satellite_id; satellites ->
    operators, contractors, launch_sites."""
    rows = [r for r in csv.reader(io.StringIO(files[0].lstrip("\ufeff")))][1:]
    rows = [[c.strip() for c in r] for r in rows if any(c.strip() for c in r)]
    def num(v):
        m = re.match(r"^-?(\d+\.?\d*|\.\d+)(E[-+]?\d+)?", v.replace(",", "").strip(), re.I)
        return m.group(0) if m else None

    def date(v):
        m, d, y = v.split("/")
        return f"{y}-{int(m):02d}-{int(d):02d}"

    def life(v):
        m = re.match(r"^(\d+\.?\d*|\.\d+)[^a-z]*(y|tr)", v.strip())
        return m.group(1) if m else None
    ops, cons, sites = {}, {}, {}
    for r in rows:
        ops.setdefault((r[3], r[2]), len(ops) + 1)
        if r[20]:
            cons.setdefault((r[20], r[21]), len(cons) + 1)
        if r[22]:
            sites.setdefault(r[22], len(sites) + 1)
    sats = []
    for i, r in enumerate(rows, 1):
        sats.append([i, r[0], r[1] or None, ops[(r[3], r[2])], r[4] or None, r[5] or None, r[6] or None,
                     r[7] or None, r[8] or None, num(r[9]), num(r[10]), num(r[11]), num(r[12]), num(r[13]),
                     num(r[14]), num(r[15]), num(r[16]), num(r[17]), date(r[18]) if r[18] else None, life(r[19]),
                     cons.get((r[20], r[21])), sites.get(r[22]), r[23] or None, r[24] or None, r[25] or None])
    print(f"  {db}.operators: " + str(load_csv_table(srv, db, "operators", _csv_text(
        ["operator_id", "operator_name", "country"], [[v, k[0], k[1]] for k, v in ops.items()]))) + " rows")
    print(f"  {db}.contractors: " + str(load_csv_table(srv, db, "contractors", _csv_text(
        ["contractor_id", "contractor_name", "country"], [[v, k[0], k[1] or None] for k, v in cons.items()])))
          + " rows")
    print(f"  {db}.launch_sites: " + str(load_csv_table(srv, db, "launch_sites", _csv_text(
        ["site_id", "site_name"], [[v, k] for k, v in sites.items()]))) + " rows")
    print(f"  {db}.satellites: " + str(load_csv_table(srv, db, "satellites", _csv_text(
        ["satellite_id", "satellite_name", "un_registry", "operator_id", "users", "purpose", "detailed_purpose",
         "orbit_class", "orbit_type", "geo_longitude_deg", "perigee_km", "apogee_km", "eccentricity",
         "inclination_deg", "period_minutes", "launch_mass_kg", "dry_mass_kg", "power_watts", "launch_date",
         "expected_lifetime_years", "contractor_id", "launch_site_id", "launch_vehicle", "cospar_number",
         "norad_number"], sats))) + " rows")
    srv.psql(db, "ALTER TABLE satellites " + ", ".join(
        f"ALTER {c} TYPE numeric USING {c}::numeric" for c in (
            "geo_longitude_deg", "perigee_km", "apogee_km", "eccentricity", "inclination_deg", "period_minutes",
            "launch_mass_kg", "dry_mass_kg", "power_watts", "expected_lifetime_years")))
    srv.psql(db, "ALTER TABLE satellites ALTER launch_date TYPE date USING launch_date::date, "
                 "ALTER cospar_number TYPE text, ALTER norad_number TYPE integer USING norad_number::integer")
    add_keys(srv, db, [("operators", ["operator_id"]), ("contractors", ["contractor_id"]),
                       ("launch_sites", ["site_id"]), ("satellites", ["satellite_id"])],
             [("satellites", "operator_id", "operators", "operator_id"),
              ("satellites", "contractor_id", "contractors", "contractor_id"),
              ("satellites", "launch_site_id", "launch_sites", "site_id")])


def load_nasa_patents(srv, db, files):
    """NASA's patent portfolio as its technology-transfer portal listed it
    on 2014-10-31 (a civic-tech parser's export; the repository states no
    licence, the portfolio is a US government publication): centers (10
    NASA field centers, code 'LARC' / 'GRC' / 'ARC' / 'GSFC' / 'JSC' /
    'MSFC' / 'KSC' / 'DFRC' / 'JPL' / 'SSC', facility name, technology
    transfer office, city), categories (15 technology categories as
    published, lower case: 'sensors', 'materials and coatings' ...) and
    patents (1405 cases, key reference_number 'ARC-14613-1': title,
    abstract, category, center, patent_number (NULL while the case is an
    application), serial_number (the application number as written,
    '10/099,247'), expiration_date (NULL where the portal gave none)). 225
    lines repeating another line exactly are loaded once; the office
    contacts (names, e-mails, phones) and street addresses are not
    loaded. Keys: centers.center_code, categories.category_id,
    patents.reference_number; patents -> centers, categories."""
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    seen, uniq = set(), []
    for r in rows:
        k = tuple(r.values())
        if k not in seen:
            seen.add(k)
            uniq.append(r)
    centers = {}
    for r in uniq:
        city = r["City State Zip"].strip()
        centers.setdefault(r["Center"].strip(), [r["Facility"].strip(), r["Office"].strip() or None,
                                                 re.sub(r"\s+\d{5}(-\d{4})?$", "", city) or None])
    cats = {c: i for i, c in enumerate(sorted({r["Category"].strip() for r in uniq}), 1)}
    pats = []
    for r in uniq:
        pn = r["Patent Number"].replace(",", "").strip()
        sn = r["Serial Number"].strip()
        ex = r["Expiration Date"].strip()[:10]
        pats.append([r["Reference Number"].strip(), " ".join(r["Title"].split()), r["Abstract"].strip() or None,
                     cats[r["Category"].strip()], r["Center"].strip(), pn if pn not in ("", "0") else None,
                     sn if sn not in ("", "/0") else None, ex if ex and ex != "1970-01-01" else None])
    print(f"  {db}.centers: " + str(load_csv_table(srv, db, "centers", _csv_text(
        ["center_code", "center_name", "office", "city"], [[k, *v] for k, v in sorted(centers.items())])))
          + " rows")
    print(f"  {db}.categories: " + str(load_csv_table(srv, db, "categories", _csv_text(
        ["category_id", "category_name"], [[v, k] for k, v in cats.items()]))) + " rows")
    print(f"  {db}.patents: " + str(load_csv_table(srv, db, "patents", _csv_text(
        ["reference_number", "title", "abstract", "category_id", "center_code", "patent_number",
         "serial_number", "expiration_date"], pats))) + " rows")
    srv.psql(db, "ALTER TABLE patents ALTER patent_number TYPE text, "
                 "ALTER expiration_date TYPE date USING expiration_date::date")
    add_keys(srv, db, [("centers", ["center_code"]), ("categories", ["category_id"]),
                       ("patents", ["reference_number"])],
             [("patents", "center_code", "centers", "center_code"),
              ("patents", "category_id", "categories", "category_id")])


def load_paris_rail(srv, db, files):
    """Île-de-France's rail stations by line, and the RATP's entries per
    station of 2021 (Île-de-France Mobilités' 'emplacement des gares' and
    the RATP's 'trafic annuel entrant par station du réseau ferré 2021'
    open-data files, Open Licence / ODbL, as a student's Dash project
    committed them; the repository states no licence): lines (45: 'METRO
    1' ... 'METRO 7bis', 'RER A' ... 'RER E', 'TRAIN H' ... 'TRAIN U',
    'TRAM 1' ... 'TRAM 13', 'GL', 'ORLYVAL', 'CDGVAL', 'FUNICULAIRE
    MONTMARTRE'; mode 'METRO' / 'RER' / 'TRAIN' / 'TRAMWAY' / 'VAL'),
    stations (969, the data set's zones de lieu, with a name and
    position), station_lines (1182 stops: a station served by a line and
    the operator of that stop, 'RATP' / 'SNCF' / 'KEOLIS' / 'TRANSKEO' /
    'Transdev' / 'RATP Dev') and, beside them and not linked by key (the
    RATP writes its names in capitals without accents), ridership_2021
    (371 RATP metro and RER stations: network 'Métro' / 'RER', rank in the
    network, entries in 2021, city, Paris arrondissement) with
    ridership_lines (the metro and RER lines of each, as RATP lists
    them). Keys: lines.line_id, stations.station_id, station_lines.stop_id,
    ridership_2021.ridership_id, ridership_lines (ridership_id, line_id);
    station_lines -> stations, lines; ridership_lines -> ridership_2021,
    lines."""
    import collections
    g = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff")), delimiter=";"))
    t = list(csv.DictReader(io.StringIO(files[1].lstrip("\ufeff")), delimiter=";"))
    lines = {}
    for r in sorted(g, key=lambda r: (r["mode"], r["res_com"])):
        lines.setdefault(r["res_com"].strip(), (r["mode"].strip(), r["indice_lig"].strip()))
    lid = {k: i for i, k in enumerate(lines, 1)}
    names = collections.defaultdict(collections.Counter)
    pos = {}
    for r in g:
        z = int(float(r["id_ref_zdl"]))
        names[z][r["nom"].strip()] += 1
        lat, lon = (float(v) for v in r["Geo Point"].split(","))
        pos.setdefault(z, (round(lat, 6), round(lon, 6)))
    stations = [[z, names[z].most_common(1)[0][0], *pos[z]] for z in sorted(names)]
    stops = [[int(float(r["gares_id"])), int(float(r["id_ref_zdl"])), lid[r["res_com"].strip()],
              r["exploitant"].strip()] for r in g]
    metro = {v[1]: lid[k] for k, v in lines.items() if v[0] == "METRO"}
    metro["7bis"] = lid["METRO 7bis"]
    rer = {v[1]: lid[k] for k, v in lines.items() if v[0] == "RER"}
    rid, rlines = [], []
    for i, r in enumerate(t, 1):
        rid.append([i, r["Station"].strip(), r["Réseau"].strip(), r["Rang"], r["Trafic"], r["Ville"].strip(),
                    r["Arrondissement pour Paris"].strip() or None])
        for j in range(1, 6):
            c = r[f"Correspondance_{j}"].strip()
            if c:
                rlines.append([i, rer[c] if c in rer else metro[c]])
    print(f"  {db}.lines: " + str(load_csv_table(srv, db, "lines", _csv_text(
        ["line_id", "line_name", "mode"], [[lid[k], k, v[0]] for k, v in lines.items()]))) + " rows")
    print(f"  {db}.stations: " + str(load_csv_table(srv, db, "stations", _csv_text(
        ["station_id", "station_name", "latitude", "longitude"], stations))) + " rows")
    print(f"  {db}.station_lines: " + str(load_csv_table(srv, db, "station_lines", _csv_text(
        ["stop_id", "station_id", "line_id", "operator"], stops))) + " rows")
    print(f"  {db}.ridership_2021: " + str(load_csv_table(srv, db, "ridership_2021", _csv_text(
        ["ridership_id", "station_name", "network", "network_rank", "entries", "city", "paris_arrondissement"],
        rid))) + " rows")
    print(f"  {db}.ridership_lines: " + str(load_csv_table(srv, db, "ridership_lines", _csv_text(
        ["ridership_id", "line_id"], rlines))) + " rows")
    add_keys(srv, db, [("lines", ["line_id"]), ("stations", ["station_id"]), ("station_lines", ["stop_id"]),
                       ("ridership_2021", ["ridership_id"]), ("ridership_lines", ["ridership_id", "line_id"])],
             [("station_lines", "station_id", "stations", "station_id"),
              ("station_lines", "line_id", "lines", "line_id"),
              ("ridership_lines", "ridership_id", "ridership_2021", "ridership_id"),
              ("ridership_lines", "line_id", "lines", "line_id")])


LOADERS.update(ucs_satellites=load_ucs_satellites, nasa_patents=load_nasa_patents, paris_rail=load_paris_rail)


DATASETS.update({
    "triplej_plays": ("timbennett/triplej", "e7edef248e8686568e7228dd119cac118a4d4138", ["playlist_20140929.zip"]),
    "scotus_decisions": ("dgilman/scotuswars", "1a9b4b293d571672836927bd73c6a8e9c7a276a8",
                         ["SCDB_2020_01_caseCentered_Citation.csv"]),
    "commodity_exports": ("bendenisshaffer/Coffee_Trade_Network_Modeling_Project",
                          "67a9054e62e4024a1463876116cacf1baf103e95",
                          [f"data/raw/{n}_trade.csv" for n in ("coffee", "sugar", "gas")]),
})


def load_triplej_plays(srv, db, files):
    """Every song the Australian radio station triple j (ABC, Sydney
    stream) announced on its "now playing" feed from 7 February 2012 to 29
    September 2014, as a listener's scraper kept it (the repository states no
    licence; songs and artists as the station published them, upper-case
    and misspelt entries included): artists (5,155 names as published,
    'Ball Park Music', 'Arctic Monkeys'), programs (132 program names as
    announced, 'Mid Dawns', 'Good Nights', 'Mornings with Zan', 'Lunch with
    Lewi McKirdy' — hosts change, so one show has several names), tracks
    (one per title and artist: title with featured artists in braces 'I
    Didn't Believe {Ft. Elizabeth Rose}', the album most often given (null
    when none was), duration_seconds the length most often given) and
    plays (played_at the corrected Sydney local date and time the song
    started, track_id, program_id null when the feed named no program).
    The feed's 'day' column (wrong on some rows) and its GMT Unix time are
    not loaded. Keys: artists.artist_id, programs.program_id,
    tracks.track_id, plays.play_id; tracks -> artists; plays -> tracks,
    programs."""
    import zipfile
    from collections import Counter
    from datetime import datetime
    z = zipfile.ZipFile(io.BytesIO(files[0]))
    text = z.read("playlist_20140929.csv").decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["timestamp"].strip()]
    rows.sort(key=lambda r: int(r["timestamp"]))
    artists = sorted({r["artist"].strip() for r in rows})
    aid = {a: i for i, a in enumerate(artists, 1)}
    progs = sorted({r["program"].strip() for r in rows if r["program"].strip()})
    pid = {p: i for i, p in enumerate(progs, 1)}
    tkey = lambda r: (r["trackname"].strip(), r["artist"].strip())
    albums, secs, tid = {}, {}, {}
    for r in rows:
        k = tkey(r)
        if k not in tid:
            tid[k] = len(tid) + 1
            albums[k], secs[k] = Counter(), Counter()
        if r["album"].strip():
            albums[k][r["album"].strip()] += 1
        if r["seconds"].strip():
            secs[k][int(r["seconds"])] += 1
    pick = lambda c: (sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0] if c else None)
    print(f"  {db}.artists: " + str(load_csv_table(srv, db, "artists", _csv_text(
        ["artist_id", "artist_name"], [[aid[a], a] for a in artists]))) + " rows")
    print(f"  {db}.programs: " + str(load_csv_table(srv, db, "programs", _csv_text(
        ["program_id", "program_name"], [[pid[p], p] for p in progs]))) + " rows")
    print(f"  {db}.tracks: " + str(load_csv_table(srv, db, "tracks", _csv_text(
        ["track_id", "title", "artist_id", "album", "duration_seconds"],
        [[i, k[0], aid[k[1]], pick(albums[k]), pick(secs[k])] for k, i in tid.items()]))) + " rows")
    plays = []
    for r in rows:
        t = datetime.strptime(r["date"].strip() + " " + r["time"].strip(), "%d/%m/%Y %H:%M:%S")
        plays.append([len(plays) + 1, t.strftime("%Y-%m-%d %H:%M:%S"), tid[tkey(r)],
                      pid.get(r["program"].strip())])
    print(f"  {db}.plays: " + str(load_csv_table(srv, db, "plays", _csv_text(
        ["play_id", "played_at", "track_id", "program_id"], plays))) + " rows")
    srv.psql(db, "ALTER TABLE tracks ALTER album TYPE text, ALTER duration_seconds TYPE integer; "
                 "ALTER TABLE plays ALTER program_id TYPE integer")
    add_keys(srv, db, [("artists", ["artist_id"]), ("programs", ["program_id"]), ("tracks", ["track_id"]),
                       ("plays", ["play_id"])],
             [("tracks", "artist_id", "artists", "artist_id"), ("plays", "track_id", "tracks", "track_id"),
              ("plays", "program_id", "programs", "program_id")])


SCDB_JUSTICES = {
    78: "Hugo Black", 79: "Stanley Reed", 80: "Felix Frankfurter", 81: "William O. Douglas", 82: "Frank Murphy",
    84: "Robert H. Jackson", 85: "Wiley Rutledge", 86: "Harold Burton", 87: "Fred Vinson", 88: "Tom Clark",
    89: "Sherman Minton", 90: "Earl Warren", 91: "John Marshall Harlan II", 92: "William Brennan",
    93: "Charles Whittaker", 94: "Potter Stewart", 95: "Byron White", 96: "Arthur Goldberg", 97: "Abe Fortas",
    98: "Thurgood Marshall", 99: "Warren Burger", 100: "Harry Blackmun", 101: "Lewis Powell",
    102: "William Rehnquist", 103: "John Paul Stevens", 104: "Sandra Day O'Connor", 105: "Antonin Scalia",
    106: "Anthony Kennedy", 107: "David Souter", 108: "Clarence Thomas", 109: "Ruth Bader Ginsburg",
    110: "Stephen Breyer", 111: "John Roberts", 112: "Samuel Alito", 113: "Sonia Sotomayor", 114: "Elena Kagan",
    115: "Neil Gorsuch", 116: "Brett Kavanaugh"}
SCDB_ISSUE_AREAS = ["Criminal Procedure", "Civil Rights", "First Amendment", "Due Process", "Privacy", "Attorneys",
                    "Unions", "Economic Activity", "Judicial Power", "Federalism", "Interstate Relations",
                    "Federal Taxation", "Miscellaneous", "Private Action"]
SCDB_DECISION_TYPES = {1: "opinion of the court (orally argued)", 2: "per curiam (no oral argument)", 4: "decree",
                       5: "equally divided vote", 6: "per curiam (orally argued)",
                       7: "judgment of the Court (orally argued)"}
SCDB_DISPOSITIONS = {1: "stay, petition, or motion granted", 2: "affirmed", 3: "reversed", 4: "reversed and remanded",
                     5: "vacated and remanded", 6: "affirmed and reversed (or vacated) in part",
                     7: "affirmed and reversed (or vacated) in part and remanded", 8: "vacated",
                     9: "petition denied or appeal dismissed", 10: "certification to or from a lower court",
                     11: "no disposition"}
# the SCDB codebook's caseSource values that occur in the file (federal district courts 41-155 as "<state>
# <district> U.S. District Court")
SCDB_SOURCE_COURTS = (
    "1=U.S. Court of Customs and Patent Appeals;3=U.S. Court of Claims, Court of Federal Claims;"
    "4=U.S. Court of Military Appeals, renamed as Court of Appeals for the Armed Forces;"
    "8=U.S. Court of Appeals, Federal Circuit;10=Temporary Emergency U.S. Court of Appeals;"
    "15=Territorial Supreme Court;21=U.S. Court of Appeals, First Circuit;22=U.S. Court of Appeals, Second Circuit;"
    "23=U.S. Court of Appeals, Third Circuit;24=U.S. Court of Appeals, Fourth Circuit;"
    "25=U.S. Court of Appeals, Fifth Circuit;26=U.S. Court of Appeals, Sixth Circuit;"
    "27=U.S. Court of Appeals, Seventh Circuit;28=U.S. Court of Appeals, Eighth Circuit;"
    "29=U.S. Court of Appeals, Ninth Circuit;30=U.S. Court of Appeals, Tenth Circuit;"
    "31=U.S. Court of Appeals, Eleventh Circuit;32=U.S. Court of Appeals, District of Columbia Circuit;"
    "41=Alabama Middle;42=Alabama Northern;44=Alaska;45=Arizona;46=Arkansas Eastern;47=Arkansas Western;"
    "48=California Central;49=California Eastern;50=California Northern;51=California Southern;52=Colorado;"
    "53=Connecticut;54=Delaware;55=District Of Columbia;56=Florida Middle;57=Florida Northern;58=Florida Southern;"
    "59=Georgia Middle;60=Georgia Northern;61=Georgia Southern;63=Hawaii;64=Idaho;66=Illinois Northern;"
    "67=Illinois Southern;68=Indiana Northern;69=Indiana Southern;70=Iowa Northern;71=Iowa Southern;72=Kansas;"
    "73=Kentucky Eastern;74=Kentucky Western;75=Louisiana Eastern;76=Louisiana Middle;77=Louisiana Western;"
    "79=Maryland;80=Massachusetts;81=Michigan Eastern;82=Michigan Western;83=Minnesota;84=Mississippi Northern;"
    "85=Mississippi Southern;86=Missouri Eastern;87=Missouri Western;88=Montana;89=Nebraska;90=Nevada;"
    "91=New Hampshire;92=New Jersey;93=New Mexico;94=New York Eastern;95=New York Northern;96=New York Southern;"
    "97=New York Western;98=North Carolina Eastern;99=North Carolina Middle;100=North Carolina Western;"
    "101=North Dakota;103=Ohio Northern;104=Ohio Southern;106=Oklahoma Northern;107=Oklahoma Western;108=Oregon;"
    "109=Pennsylvania Eastern;110=Pennsylvania Middle;111=Pennsylvania Western;112=Puerto Rico;113=Rhode Island;"
    "114=South Carolina;115=South Dakota;116=Tennessee Eastern;117=Tennessee Middle;118=Tennessee Western;"
    "119=Texas Eastern;120=Texas Northern;121=Texas Southern;122=Texas Western;123=Utah;124=Vermont;"
    "126=Virginia Eastern;127=Virginia Western;128=Washington Eastern;129=Washington Western;"
    "131=West Virginia Southern;132=Wisconsin Eastern;133=Wisconsin Western;134=Wyoming;153=Illinois Eastern;"
    "155=South Carolina Eastern;300=State Supreme Court;301=State Appellate Court;302=State Trial Court")


def load_scotus_decisions(srv, db, files):
    """The U.S. Supreme Court's decisions of the 1946 to 2019 terms, one row
    per case (the Supreme Court Database, SCDB release 2020_01,
    case-centered and organised by citation, as a visualisation project
    keeps the file; SCDB is free to use with citation): justices (the 38
    who wrote a majority opinion, SCDB's justice numbers 78-116 with their
    names), issue_areas (SCDB's 14), courts (the courts whose decision the
    Supreme Court reviewed, SCDB's caseSource codes with the codebook's
    names: 'U.S. Court of Appeals, Ninth Circuit', 'State Supreme Court',
    'New York Southern U.S. District Court'; court_type 'Federal court of
    appeals' / 'Federal district court' / 'State court' / 'Other federal
    court') and cases (9,030: case_id '1946-001', docket, case_name in
    capitals as SCDB gives it, term, chief justice, date_argued (null for
    cases decided without oral argument), date_decided, decision_type,
    source_court_id, issue_area_id, decision_direction 'conservative' /
    'liberal' / 'unspecifiable', disposition ('affirmed', 'reversed and
    remanded' ...), petitioner_won (null when unclear), majority_votes,
    minority_votes, opinion_writer_id (null for per curiam and unsigned
    decisions), law_cited (SCDB's lawMinor text), declared_unconstitutional,
    precedent_altered). Keys: justices.justice_id,
    issue_areas.issue_area_id, courts.court_id, cases.case_id; cases ->
    courts, issue_areas, justices."""
    from datetime import datetime
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    courts = {}
    for part in SCDB_SOURCE_COURTS.split(";"):
        k, v = part.split("=", 1)
        k = int(k)
        if 41 <= k <= 155:
            courts[k] = (v + " U.S. District Court", "Federal district court")
        elif 21 <= k <= 32:
            courts[k] = (v, "Federal court of appeals")
        elif k >= 300:
            courts[k] = (v, "State court")
        else:
            courts[k] = (v, "Other federal court")
    d = lambda s: datetime.strptime(s.strip(), "%m/%d/%Y").strftime("%Y-%m-%d") if s.strip() else None
    num = lambda s: int(s) if s.strip() not in ("", "NA") else None
    direction = {1: "conservative", 2: "liberal", 3: "unspecifiable"}
    cases = []
    for r in rows:
        src = num(r["caseSource"])
        assert src is None or src in courts, src
        writer = num(r["majOpinWriter"])
        assert writer is None or writer in SCDB_JUSTICES, writer
        won = num(r["partyWinning"])
        unc = num(r["declarationUncon"])
        alt = num(r["precedentAlteration"])
        law = r["lawMinor"].strip()
        cases.append([r["caseId"], r["docket"].strip() or None, " ".join(r["caseName"].split()), r["term"],
                      r["chief"], d(r["dateArgument"]), d(r["dateDecision"]),
                      SCDB_DECISION_TYPES[int(r["decisionType"])], src, num(r["issueArea"]),
                      direction.get(num(r["decisionDirection"])), SCDB_DISPOSITIONS.get(num(r["caseDisposition"])),
                      {1: "true", 0: "false"}.get(won), num(r["majVotes"]), num(r["minVotes"]), writer,
                      law if law and law != "NA" else None,
                      None if unc is None else ("true" if unc > 1 else "false"),
                      None if alt is None else ("true" if alt == 1 else "false")])
    print(f"  {db}.justices: " + str(load_csv_table(srv, db, "justices", _csv_text(
        ["justice_id", "justice_name"], [[k, v] for k, v in sorted(SCDB_JUSTICES.items())]))) + " rows")
    print(f"  {db}.issue_areas: " + str(load_csv_table(srv, db, "issue_areas", _csv_text(
        ["issue_area_id", "issue_area_name"], [[i, n] for i, n in enumerate(SCDB_ISSUE_AREAS, 1)]))) + " rows")
    print(f"  {db}.courts: " + str(load_csv_table(srv, db, "courts", _csv_text(
        ["court_id", "court_name", "court_type"], [[k, *courts[k]] for k in sorted(courts)]))) + " rows")
    print(f"  {db}.cases: " + str(load_csv_table(srv, db, "cases", _csv_text(
        ["case_id", "docket", "case_name", "term", "chief_justice", "date_argued", "date_decided", "decision_type",
         "source_court_id", "issue_area_id", "decision_direction", "disposition", "petitioner_won",
         "majority_votes", "minority_votes", "opinion_writer_id", "law_cited", "declared_unconstitutional",
         "precedent_altered"], cases))) + " rows")
    srv.psql(db, "ALTER TABLE cases ALTER docket TYPE text, ALTER law_cited TYPE text, "
                 "ALTER petitioner_won TYPE boolean USING petitioner_won::boolean, "
                 "ALTER declared_unconstitutional TYPE boolean USING declared_unconstitutional::boolean, "
                 "ALTER precedent_altered TYPE boolean USING precedent_altered::boolean")
    add_keys(srv, db, [("justices", ["justice_id"]), ("issue_areas", ["issue_area_id"]), ("courts", ["court_id"]),
                       ("cases", ["case_id"])],
             [("cases", "source_court_id", "courts", "court_id"),
              ("cases", "issue_area_id", "issue_areas", "issue_area_id"),
              ("cases", "opinion_writer_id", "justices", "justice_id")])


def load_commodity_exports(srv, db, files):
    """Exports of five commodities between countries in 2005, 2010 and
    2015, as reported to UN Comtrade by the exporting countries (a
    trade-network course project's downloads, HS six-digit lines; Comtrade
    data, the repository states no licence): products (5: '090111' coffee,
    not roasted, not decaffeinated; '090112' decaffeinated; '170111' raw
    cane sugar; '271111' liquefied natural gas; '271121' natural gas in
    gaseous state — with a commodity 'Coffee' / 'Sugar' / 'Natural gas'),
    countries (237 by Comtrade's numeric codes, names as Comtrade gives them
    ('USA', 'Viet Nam', 'Rep. of Korea', areas such as 'Other Asia, nes' and
    'Bunkers'), ISO3 code null for the areas), exports (9,938 reporter ->
    partner lines: year, product, trade_value_usd, net_weight_kg) and
    export_totals (999 lines a reporter gave with partner 'World': its
    total exports of a product in a year). The EU-28's own reports (743
    lines, the union as one exporter beside its members) are not loaded.
    Keys: products.hs_code, countries.country_code, exports (reporter_code,
    partner_code, hs_code, year), export_totals (reporter_code, hs_code,
    year); exports -> countries (both), products; export_totals ->
    countries, products."""
    rows = []
    for t in files:
        rows += list(csv.DictReader(io.StringIO(t.lstrip("\ufeff"))))
    rows = [r for r in rows if r["Reporter"] != "EU-28"]
    prods = {"90111": ("090111", "Coffee, not roasted, not decaffeinated", "Coffee"),
             "90112": ("090112", "Coffee, not roasted, decaffeinated", "Coffee"),
             "170111": ("170111", "Cane sugar, raw, in solid form", "Sugar"),
             "271111": ("271111", "Natural gas, liquefied", "Natural gas"),
             "271121": ("271121", "Natural gas, in gaseous state", "Natural gas")}
    countries = {}
    for r in rows:
        for side in ("Reporter", "Partner"):
            code = int(r[side + "_Code"])
            if code == 0:
                continue
            iso = r[side + "_ISO"].strip()
            countries.setdefault(code, [r[side].strip(), None if iso in ("", "NA") else iso])
            if countries[code][1] is None and iso not in ("", "NA"):
                countries[code][1] = iso
    from decimal import Decimal
    num = lambda s: None if s.strip() in ("", "NA") else int(Decimal(s.strip()))  # R wrote some as 1.1e+07
    ex, tot = [], []
    for r in rows:
        p = prods[r["Commodity_Code"]][0]
        line = [int(r["Reporter_Code"]), p, int(r["Year"]), num(r["Trade_Value__US__"]), num(r["Netweight__kg_"])]
        if int(r["Partner_Code"]) == 0:
            tot.append(line)
        else:
            ex.append(line[:1] + [int(r["Partner_Code"])] + line[1:])
    ex.sort(key=lambda x: (x[3], x[2], x[0], x[1]))
    tot.sort(key=lambda x: (x[2], x[1], x[0]))
    print(f"  {db}.products: " + str(load_csv_table(srv, db, "products", _csv_text(
        ["hs_code", "description", "commodity"], [list(v) for v in prods.values()]))) + " rows")
    print(f"  {db}.countries: " + str(load_csv_table(srv, db, "countries", _csv_text(
        ["country_code", "country_name", "iso3"], [[k, *countries[k]] for k in sorted(countries)]))) + " rows")
    print(f"  {db}.exports: " + str(load_csv_table(srv, db, "exports", _csv_text(
        ["reporter_code", "partner_code", "hs_code", "year", "trade_value_usd", "net_weight_kg"], ex))) + " rows")
    print(f"  {db}.export_totals: " + str(load_csv_table(srv, db, "export_totals", _csv_text(
        ["reporter_code", "hs_code", "year", "trade_value_usd", "net_weight_kg"], tot))) + " rows")
    srv.psql(db, "ALTER TABLE products ALTER hs_code TYPE text USING lpad(hs_code::text, 6, '0'); "
                 "ALTER TABLE exports ALTER hs_code TYPE text USING lpad(hs_code::text, 6, '0'), "
                 "ALTER trade_value_usd TYPE bigint, ALTER net_weight_kg TYPE bigint; "
                 "ALTER TABLE export_totals ALTER hs_code TYPE text USING lpad(hs_code::text, 6, '0'), "
                 "ALTER trade_value_usd TYPE bigint, ALTER net_weight_kg TYPE bigint")
    add_keys(srv, db, [("products", ["hs_code"]), ("countries", ["country_code"]),
                       ("exports", ["reporter_code", "partner_code", "hs_code", "year"]),
                       ("export_totals", ["reporter_code", "hs_code", "year"])],
             [("exports", "reporter_code", "countries", "country_code"),
              ("exports", "partner_code", "countries", "country_code"),
              ("exports", "hs_code", "products", "hs_code"),
              ("export_totals", "reporter_code", "countries", "country_code"),
              ("export_totals", "hs_code", "products", "hs_code")])


LOADERS.update(triplej_plays=load_triplej_plays, scotus_decisions=load_scotus_decisions,
               commodity_exports=load_commodity_exports)


DATASETS.update({
    "pcso_lotto_2022": ("opendata-ph/pcso-lotto", "6885e75b066d8edfaf5f7c720e96ccf4307122bd",
                        [f"data/{g}/2022.json" for g in ("6-42", "6-45", "6-49", "6-55", "6-58")]
                        + ["data/jackkpot/2022.json"]),
    "mechfleet_garage": ("ill-soul077/Mechfleet", "3c204df2f3da80d99e929ee91794d35af506de56",
                         ["sql/dml_seed.sql"]),
    "watamu_butterflies": ("A-Rocha-Kenya/Butterfly-Survey-at-A-Rocha-Kenya-Conservation-Centre",
                           "28a27ee711d8cc617202e8c7e204e15afdd5ac6a", ["data/events.csv", "data/occurences.csv"]),
})


def load_pcso_lotto_2022(srv, db, files):
    """The Philippine Charity Sweepstakes Office's five jackpot lotto games
    through 2022 (an open-data collection of the results PCSO publishes,
    released under the Unlicense): games (5: 'Lotto 6/42', 'Mega Lotto
    6/45', 'Super Lotto 6/49', 'Grand Lotto 6/55', 'Ultra Lotto 6/58', with
    highest_number 42 ... 58), draws (one per game and draw date, three a
    week each: jackpot_php, the jackpot in Philippine pesos), drawn_numbers
    (six a draw, position 1-6 in the order drawn as published) and
    jackpot_winners (the draws whose jackpot was won: winner_count tickets
    sharing it). One combination's trailing '-' (6/42 of 2022-03-15) is
    dropped; six jackpots published as text with stray separators
    ('13,796.166.60', '29,700,000,00') are read as their digits in
    centavos; Grand Lotto's jackpot of 2022-09-24, published as
    2,041,736,854.40 between 194 and 214 million, is read as
    204,173,685.44 (its decimal point moved one place). Keys: games.game_id, draws.draw_id, drawn_numbers (draw_id,
    position), jackpot_winners.draw_id; draws -> games; drawn_numbers,
    jackpot_winners -> draws."""
    names = [("6/42", "Lotto 6/42", 42), ("6/45", "Mega Lotto 6/45", 45), ("6/49", "Super Lotto 6/49", 49),
             ("6/55", "Grand Lotto 6/55", 55), ("6/58", "Ultra Lotto 6/58", 58)]
    draws, nums, key = [], [], {}
    for gid, t in enumerate(files[:5], 1):
        for x in sorted(json.loads(t)["data"], key=lambda x: x["date"]):
            did = len(draws) + 1
            assert (gid, x["date"]) not in key
            key[(gid, x["date"])] = (did, x["combination"])
            amt = x["prize"]["amount"]
            if isinstance(amt, str):
                amt = "%.2f" % (int(re.sub(r"\D", "", amt)) / 100)
            if (gid, x["date"]) == (4, "2022-09-24"):
                assert amt == 2041736854.4
                amt = "204173685.44"
            draws.append([did, gid, x["date"], amt])
            ns = [int(n) for n in x["combination"].strip("-").split("-")]
            assert len(ns) == 6
            nums += [[did, i, n] for i, n in enumerate(ns, 1)]
    gcode = {c: i for i, (c, _, _) in enumerate(names, 1)}
    wins = []
    for x in json.loads(files[5])["data"]:
        did, comb = key[(gcode[x["category"]], x["date"])]
        assert comb.strip("-") == x["prize"]["combination"].strip("-")
        wins.append([did, x["winnerCount"]])
    print(f"  {db}.games: " + str(load_csv_table(srv, db, "games", _csv_text(
        ["game_id", "game_name", "highest_number"], [[i, n, h] for i, (_, n, h) in enumerate(names, 1)]))) + " rows")
    print(f"  {db}.draws: " + str(load_csv_table(srv, db, "draws", _csv_text(
        ["draw_id", "game_id", "draw_date", "jackpot_php"], draws))) + " rows")
    print(f"  {db}.drawn_numbers: " + str(load_csv_table(srv, db, "drawn_numbers", _csv_text(
        ["draw_id", "position", "number"], nums))) + " rows")
    print(f"  {db}.jackpot_winners: " + str(load_csv_table(srv, db, "jackpot_winners", _csv_text(
        ["draw_id", "winner_count"], sorted(wins)))) + " rows")
    srv.psql(db, "ALTER TABLE draws ALTER jackpot_php TYPE numeric(14, 2) USING jackpot_php::numeric")
    add_keys(srv, db, [("games", ["game_id"]), ("draws", ["draw_id"]), ("drawn_numbers", ["draw_id", "position"]),
                       ("jackpot_winners", ["draw_id"])],
             [("draws", "game_id", "games", "game_id"), ("drawn_numbers", "draw_id", "draws", "draw_id"),
              ("jackpot_winners", "draw_id", "draws", "draw_id")])


def load_mechfleet_garage(srv, db, files):
    """A car repair shop's year (a student's MySQL DBMS project, its seed
    made up: example.com customers, a 'mechfleet.com' staff; the repository
    states no licence): managers (5), customers (49: first and last name,
    city, state; e-mails, phones, street addresses and zip codes not
    loaded), vehicles (70: make, model, year, color, mileage, plate),
    mechanics (10: specialty, hourly_rate, managed_by, hired_date, active),
    services (12 catalogue services: base_price, estimated_hours), parts
    (40: sku, part_name, unit_price, stock_qty, reorder_level, category),
    work_orders (100), work_order_parts (250 part lines) and payments (120).
    The literal INSERTs are read from the seed file; the three generated
    tables are computed in Python with the seed's own formulas (status from
    the order number, labour = estimated hours x hourly rate x 1.0 / 1.1 /
    1.2, parts cost from the part lines, payments round-robin over the
    completed orders with 8% tax), and the seed's dates relative to
    CURDATE() are fixed to 2025-10-26, the day of the pinned commit.
    Keys: managers.manager_id, customers.customer_id, vehicles.vehicle_id,
    mechanics.mechanic_id, services.service_id, parts.part_id,
    work_orders.work_order_id, work_order_parts.line_id,
    payments.payment_id; vehicles -> customers (vehicle 50's customer 50
    is not in the seed), mechanics -> managers, work_orders -> customers,
    vehicles, mechanics, services; work_order_parts -> work_orders, parts;
    payments -> work_orders."""
    import datetime
    from decimal import Decimal, ROUND_HALF_UP
    t = files[0]

    def rows_of(table):
        m = re.search(r"INSERT INTO " + table + r" \(([^)]*)\) VALUES\s*(.*?);\s*\n", t, re.S)
        cols = [c.strip() for c in m.group(1).split(",")]
        out = []
        for tup in re.findall(r"\(((?:'[^']*'|[^()'])*)\)", m.group(2)):
            vals = [v.strip() for v in re.findall(r"'[^']*'|[^,]+", tup)]
            out.append(dict(zip(cols, [v[1:-1] if v.startswith("'") else v for v in vals])))
        return out
    mgr, cus, veh, mech, svc, prod = (rows_of(x) for x in ("manager", "customer", "vehicle", "mechanics",
                                                            "service_details", "product_details"))
    r2 = lambda d: d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    anchor = datetime.date(2025, 10, 26)
    works = []
    for n in range(1, 101):
        vid, mid, sid = (n - 1) % 70 + 1, (n - 1) % 10 + 1, (n - 1) % 12 + 1
        status = ("cancelled" if n % 20 == 0 else "in_progress" if n % 5 == 4 else "pending" if n % 3 == 0
                  else "completed")
        labor = r2(Decimal(svc[sid - 1]["estimated_hours"]) * Decimal(mech[mid - 1]["hourly_rate"])
                   * (Decimal("1.0") + (n % 3) * Decimal("0.1")))
        start = anchor - datetime.timedelta(days=n % 330 + 10)
        done = anchor - datetime.timedelta(days=n % 330 + 7) if status == "completed" else None
        works.append(dict(id=n, cust=int(veh[vid - 1]["customer_id"]), vid=vid, mid=mid, sid=sid, status=status,
                          labor=labor, parts=Decimal("0.00"), start=start, done=done))
    lines = []
    for n in range(1, 251):
        wid, pid, q = (n - 1) % 100 + 1, (n * 7 - 1) % 40 + 1, n % 4 + 1
        price = Decimal(prod[pid - 1]["unit_price"])
        lines.append([n, wid, pid, q, price, r2(q * price)])
    for w in works:
        s = sum((ln[5] for ln in lines if ln[1] == w["id"]), Decimal("0.00"))
        w["parts"] = r2(s)
        w["total"] = r2(w["labor"] + w["parts"])
    done = [w for w in works if w["status"] == "completed"]
    methods = ["cash", "credit_card", "debit_card", "check", "bank_transfer"]
    pays = []
    for rn in range(1, 121):
        w = done[(rn - 1) % len(done)]
        pays.append([rn, w["id"], w["total"], r2(w["total"] * Decimal("0.08")), methods[rn % 5],
                     w["done"] + datetime.timedelta(days=rn % 5), f"TX-{rn:05d}"])
    print(f"  {db}.managers: " + str(load_csv_table(srv, db, "managers", _csv_text(
        ["manager_id", "first_name", "last_name", "hired_date", "active"],
        [[i, r["first_name"], r["last_name"], r["hired_date"], "true" if r["active"] == "1" else "false"]
         for i, r in enumerate(mgr, 1)]))) + " rows")
    print(f"  {db}.customers: " + str(load_csv_table(srv, db, "customers", _csv_text(
        ["customer_id", "first_name", "last_name", "city", "state"],
        [[i, r["first_name"], r["last_name"], r["city"], r["state"]] for i, r in enumerate(cus, 1)]))) + " rows")
    print(f"  {db}.vehicles: " + str(load_csv_table(srv, db, "vehicles", _csv_text(
        ["vehicle_id", "customer_id", "vin", "make", "model", "year", "color", "mileage", "license_plate"],
        [[i, r["customer_id"], r["vin"], r["make"], r["model"], r["year"], r["color"], r["mileage"],
          r["license_plate"]] for i, r in enumerate(veh, 1)]))) + " rows")
    print(f"  {db}.mechanics: " + str(load_csv_table(srv, db, "mechanics", _csv_text(
        ["mechanic_id", "first_name", "last_name", "specialty", "hourly_rate", "managed_by", "hired_date", "active"],
        [[i, r["first_name"], r["last_name"], r["specialty"], r["hourly_rate"], r["managed_by"], r["hired_date"],
          "true" if r["active"] == "1" else "false"] for i, r in enumerate(mech, 1)]))) + " rows")
    print(f"  {db}.services: " + str(load_csv_table(srv, db, "services", _csv_text(
        ["service_id", "service_name", "description", "base_price", "estimated_hours"],
        [[i, r["service_name"], r["description"], r["base_price"], r["estimated_hours"]]
         for i, r in enumerate(svc, 1)]))) + " rows")
    print(f"  {db}.parts: " + str(load_csv_table(srv, db, "parts", _csv_text(
        ["part_id", "sku", "part_name", "description", "unit_price", "stock_qty", "reorder_level", "category"],
        [[i, r["sku"], r["product_name"], r["description"], r["unit_price"], r["stock_qty"], r["reorder_level"],
          r["category"]] for i, r in enumerate(prod, 1)]))) + " rows")
    print(f"  {db}.work_orders: " + str(load_csv_table(srv, db, "work_orders", _csv_text(
        ["work_order_id", "customer_id", "vehicle_id", "mechanic_id", "service_id", "status", "labor_cost",
         "parts_cost", "total_cost", "start_date", "completion_date"],
        [[w["id"], w["cust"], w["vid"], w["mid"], w["sid"], w["status"], w["labor"], w["parts"], w["total"],
          w["start"], w["done"] or ""] for w in works]))) + " rows")
    print(f"  {db}.work_order_parts: " + str(load_csv_table(srv, db, "work_order_parts", _csv_text(
        ["line_id", "work_order_id", "part_id", "quantity", "unit_price", "line_total"], lines))) + " rows")
    print(f"  {db}.payments: " + str(load_csv_table(srv, db, "payments", _csv_text(
        ["payment_id", "work_order_id", "amount", "tax", "payment_method", "payment_date", "transaction_reference"],
        pays))) + " rows")
    srv.psql(db, "ALTER TABLE mechanics ALTER hourly_rate TYPE numeric(8, 2) USING hourly_rate::numeric; "
                 "ALTER TABLE services ALTER base_price TYPE numeric(10, 2) USING base_price::numeric, ALTER estimated_hours TYPE numeric(5, 2) USING estimated_hours::numeric; "
                 "ALTER TABLE parts ALTER unit_price TYPE numeric(10, 2) USING unit_price::numeric; "
                 "ALTER TABLE work_orders ALTER labor_cost TYPE numeric(10, 2) USING labor_cost::numeric, ALTER parts_cost TYPE numeric(10, 2) USING parts_cost::numeric, "
                 "ALTER total_cost TYPE numeric(10, 2) USING total_cost::numeric; "
                 "ALTER TABLE work_order_parts ALTER unit_price TYPE numeric(10, 2) USING unit_price::numeric, "
                 "ALTER line_total TYPE numeric(10, 2) USING line_total::numeric; "
                 "ALTER TABLE payments ALTER amount TYPE numeric(10, 2) USING amount::numeric, ALTER tax TYPE numeric(10, 2) USING tax::numeric")
    add_keys(srv, db, [("managers", ["manager_id"]), ("customers", ["customer_id"]), ("vehicles", ["vehicle_id"]),
                       ("mechanics", ["mechanic_id"]), ("services", ["service_id"]), ("parts", ["part_id"]),
                       ("work_orders", ["work_order_id"]), ("work_order_parts", ["line_id"]),
                       ("payments", ["payment_id"])],
             [("vehicles", "customer_id", "customers", "customer_id"),
              ("mechanics", "managed_by", "managers", "manager_id"),
              ("work_orders", "customer_id", "customers", "customer_id"),
              ("work_orders", "vehicle_id", "vehicles", "vehicle_id"),
              ("work_orders", "mechanic_id", "mechanics", "mechanic_id"),
              ("work_orders", "service_id", "services", "service_id"),
              ("work_order_parts", "work_order_id", "work_orders", "work_order_id"),
              ("work_order_parts", "part_id", "parts", "part_id"),
              ("payments", "work_order_id", "work_orders", "work_order_id")])


def load_watamu_butterflies(srv, db, files):
    """A Rocha Kenya's butterfly transect counts at its conservation centre
    in Watamu, Kilifi County, Kenya, May 2020 to September 2021 (an
    entomologist's standardized survey, as the Darwin Core files its
    repository exports to GBIF; the files say CC0, the README CC BY-NC
    4.0): surveys (905 walks
    of the one transect, up to three a day at about 10:00, 13:00 and 15:30:
    survey_date, start_time, end_time, duration_minutes), species (133
    names as recorded: scientific_name, gbif_taxon_id, taxon_rank 'species'
    / 'genus' / 'family', authorship) and sightings (12603: one per survey
    and name, individual_count, remarks — the data manager's notes, 'RN:
    ...'). The events' constant fields (country, locality, coordinates,
    licence) and their ERA5 weather column are not loaded. Keys:
    surveys.survey_id, species.species_id, sightings.sighting_id;
    sightings -> surveys, species."""
    ev = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    oc = list(csv.DictReader(io.StringIO(files[1].lstrip("\ufeff"))))
    ev.sort(key=lambda r: (r["eventDate"], r["eventTime"]))
    sid = {r["eventID"]: i for i, r in enumerate(ev, 1)}
    surveys = []
    for r in ev:
        a, b = r["eventTime"].split("/")
        surveys.append([sid[r["eventID"]], r["eventDate"], a, b, r["sampleSizeValue"]])
    sp = {}
    for r in oc:
        n = " ".join(r["scientificName"].split())
        v = (r["taxonID"], r["taxonRank"], " ".join(r["scientificNameAuthorship"].replace("\xa0", " ").split()))
        sp.setdefault(n, v)
    names = sorted(sp)
    spid = {n: i for i, n in enumerate(names, 1)}
    occ = sorted(oc, key=lambda r: (sid[r["eventID"]], " ".join(r["scientificName"].split())))
    sights = [[i, sid[r["eventID"]], spid[" ".join(r["scientificName"].split())], r["individualCount"],
               r["occurrenceRemarks"].strip()] for i, r in enumerate(occ, 1)]
    print(f"  {db}.surveys: " + str(load_csv_table(srv, db, "surveys", _csv_text(
        ["survey_id", "survey_date", "start_time", "end_time", "duration_minutes"], surveys))) + " rows")
    print(f"  {db}.species: " + str(load_csv_table(srv, db, "species", _csv_text(
        ["species_id", "scientific_name", "gbif_taxon_id", "taxon_rank", "authorship"],
        [[spid[n], n, *sp[n]] for n in names]))) + " rows")
    print(f"  {db}.sightings: " + str(load_csv_table(srv, db, "sightings", _csv_text(
        ["sighting_id", "survey_id", "species_id", "individual_count", "remarks"], sights))) + " rows")
    srv.psql(db, "ALTER TABLE surveys ALTER start_time TYPE time USING start_time::time, "
                 "ALTER end_time TYPE time USING end_time::time")
    add_keys(srv, db, [("surveys", ["survey_id"]), ("species", ["species_id"]), ("sightings", ["sighting_id"])],
             [("sightings", "survey_id", "surveys", "survey_id"),
              ("sightings", "species_id", "species", "species_id")])


LOADERS.update(pcso_lotto_2022=load_pcso_lotto_2022, mechfleet_garage=load_mechfleet_garage,
               watamu_butterflies=load_watamu_butterflies)



DATASETS.update({
    "eurovision_votes": ("Spijkervet/eurovision-dataset", "78e662cac278a4f2a4715fea40158ca766d09837",
                         ["contestants.csv", "votes.csv"]),
    "us_tornadoes": ("adavisfoy/group_2_project", "ed22b4295794f1b362e416f4477c0597cdd42b01",
                     ["Database/2008-2020_tornadoes_EF_cleaned_db.csv", "Database/Population_cleaned_db.csv"]),
    "measles_surveillance": ("seaneff/data-science-basics-2024", "5e5a28909b15588a06d338784512f6caa8eefc5d",
                             ["course-datasets/countries.tsv", "course-datasets/measles_cases.tsv",
                              "course-datasets/measles_vaccine_coverage.tsv"]),
})


def load_eurovision_votes(srv, db, files):
    """The Eurovision Song Contest 1956-2019 (Janne Spijkervet's Eurovision
    dataset, scraped from the EurovisionWorld fan site; the last commit that
    holds its two CSV files, later removed from the repository for its
    releases): countries (52 by two-letter code, 'gb', 'yu' Yugoslavia, 'cs'
    Serbia & Montenegro), entries (1562 songs: year, country, performer,
    song, composers, lyricists, the semi-final it ran in — 'semi-final' in
    2004-2007, 'semi-final-1' / 'semi-final-2' since 2008 —, running order
    and place in it, running order and place in the final; NULL place_final
    when the entry did not reach the final) and votes (47007: one per year,
    round, giving country and receiving entry, total_points with
    televote_points and jury_points where published, since 2016; 0-point
    pairs included). The scraped names 'United KingdomUK' and 'North
    MacedoniaNorth MacedoniaN.Macedonia' are read as 'United Kingdom' and
    'North Macedonia'; 1956's places (all published as 2: only the winner
    was announced) are loaded as NULL; three songs named after their
    performers, published empty ('Dschinghis Khan' 1979, 'Love City Groove'
    1995, 'Copycat' 2009), are filled with the performer's name. Lyrics,
    YouTube links, the always-empty points_final / points_sf and the
    per-entry televote and jury columns (2016 on; votes holds them) are not
    loaded. Keys: countries.country_code, entries.entry_id, votes.vote_id;
    entries -> countries; votes -> countries (from_country_code,
    to_country_code) and -> entries (entry_id, the receiving entry: the
    year's entry of to_country_code)."""
    con = list(csv.DictReader(io.StringIO(files[0])))
    vot = list(csv.DictReader(io.StringIO(files[1])))
    fix = {"United KingdomUK": "United Kingdom", "North MacedoniaNorth MacedoniaN.Macedonia": "North Macedonia"}
    names = {}
    for r in con:
        names.setdefault(r["to_country_id"], fix.get(r["to_country"], r["to_country"]))
    for r in vot:
        names.setdefault(r["from_country_id"], fix.get(r["from_country"], r["from_country"]))
        names.setdefault(r["to_country_id"], fix.get(r["to_country"], r["to_country"]))
    as_int = lambda v: str(int(float(v))) if v != "" else ""
    rows, key = [], {}
    for i, r in enumerate(con, 1):
        y = int(r["year"])
        semi = ""
        if r["sf_num"] != "":
            semi = "semi-final" if y < 2008 else "semi-final-" + as_int(r["sf_num"])
        song = r["song"] or r["performer"]
        place = "" if y == 1956 else as_int(r["place_final"])
        rows.append([i, y, r["to_country_id"], r["performer"], song, r["composers"], r["lyricists"], semi,
                     as_int(r["running_sf"]), as_int(r["place_sf"]), as_int(r["running_final"]), place])
        if y > 1956:
            assert (y, r["to_country_id"]) not in key
            key[(y, r["to_country_id"])] = i
    votes = [[i, r["year"], r["round"], r["from_country_id"], r["to_country_id"],
              key[(int(r["year"]), r["to_country_id"])], r["total_points"], r["tele_points"], r["jury_points"]]
             for i, r in enumerate(vot, 1)]
    print(f"  {db}.countries: " + str(load_csv_table(srv, db, "countries", _csv_text(
        ["country_code", "country_name"], sorted(names.items())))) + " rows")
    print(f"  {db}.entries: " + str(load_csv_table(srv, db, "entries", _csv_text(
        ["entry_id", "year", "country_code", "performer", "song", "composers", "lyricists", "semi_final",
         "running_order_semi", "place_semi", "running_order_final", "place_final"], rows))) + " rows")
    print(f"  {db}.votes: " + str(load_csv_table(srv, db, "votes", _csv_text(
        ["vote_id", "year", "round", "from_country_code", "to_country_code", "entry_id", "total_points",
         "televote_points", "jury_points"], votes))) + " rows")
    srv.psql(db, "ALTER TABLE entries ALTER running_order_semi TYPE integer, ALTER place_semi TYPE integer, "
                 "ALTER running_order_final TYPE integer, ALTER place_final TYPE integer, ALTER semi_final TYPE text; "
                 "ALTER TABLE votes ALTER televote_points TYPE integer, ALTER jury_points TYPE integer")
    add_keys(srv, db, [("countries", ["country_code"]), ("entries", ["entry_id"]), ("votes", ["vote_id"])],
             [("entries", "country_code", "countries", "country_code"),
              ("votes", "from_country_code", "countries", "country_code"),
              ("votes", "to_country_code", "countries", "country_code"),
              ("votes", "entry_id", "entries", "entry_id")])


def load_us_tornadoes(srv, db, files):
    """US tornadoes 2008-2020 (NOAA's Storm Prediction Center tornado
    database, the EF-scale years, as a data-analytics bootcamp team cleaned
    it with county populations from the Census Bureau's 2010-2019
    estimates; the repository states no licence, both sources are US
    government public domain): states (51 with DC: state_fips, two-letter
    state_code, state_name), counties (3142: county_id = state FIPS x 1000
    + county FIPS, county_name as the Census writes it — 'Autauga County',
    'Orleans Parish', 'Richmond city'), county_populations (a row per
    county and year 2010-2019) and tornadoes (15683: one per tornado and
    state it touched, as SPC counts them, started_at in US Central time,
    the county where it began, ef_rating 0-5, injuries, fatalities,
    property_loss and crop_loss in dollars — NULL when not estimated;
    the team multiplied SPC's pre-2016 millions into dollars —,
    length_miles, width_yards, start and end latitude / longitude, NULL
    where published as 0). The published file also holds, for each of 208
    tornadoes that crossed a state line, its whole track once more with
    county 0 beside the per-state rows: those 208 rows are not loaded
    (every one has its per-state row with the same start). Keys:
    states.state_fips, counties.county_id, county_populations (county_id,
    year), tornadoes.tornado_id (the team's Torn_ID); counties -> states,
    county_populations -> counties, tornadoes -> states, counties."""
    import datetime
    tor = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    pop = list(csv.DictReader(io.StringIO(files[1].lstrip("\ufeff"))))
    codes = dict(zip(
        (1, 2, 4, 5, 6, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
         31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 44, 45, 46, 47, 48, 49, 50, 51, 53, 54, 55, 56),
        "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
        "OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()))
    states, counties, pops = [], [], []
    for r in pop:
        sf, cf = int(r["ST_FIPS"]), int(r["CNTY_FIPS"])
        if cf == 0:
            states.append([sf, codes[sf], r["State"]])
            continue
        counties.append([int(r["County_ID"]), sf, cf, r["County"]])
        pops += [[int(r["County_ID"]), y, r[f"Pop_{y}"]] for y in range(2010, 2020)]
    nz = lambda v: "" if v in ("", "0", "0.0") else v
    rows = []
    for r in tor:
        if r["CNTY_FIPS"] == "0":
            continue
        ts = datetime.datetime.strptime(r["Timestamp"], "%m/%d/%Y %H:%M")
        assert (ts.year, ts.month, ts.day) == (int(r["Year"]), int(r["Month"]), int(r["Day"]))
        rows.append([int(r["Torn_ID"]), ts.strftime("%Y-%m-%d %H:%M"), int(r["ST_FIPS"]), int(r["County_ID"]),
                     r["EF"], r["Injuries"], r["Fatalities"], r["Loss"], r["Crop_Loss"], r["Length"], r["Width"],
                     nz(r["Start_Lat"]), nz(r["Start_Lon"]), nz(r["End_Lat"]), nz(r["End_Lon"])])
    rows.sort(key=lambda x: x[0])
    print(f"  {db}.states: " + str(load_csv_table(srv, db, "states", _csv_text(
        ["state_fips", "state_code", "state_name"], sorted(states)))) + " rows")
    print(f"  {db}.counties: " + str(load_csv_table(srv, db, "counties", _csv_text(
        ["county_id", "state_fips", "county_fips", "county_name"], sorted(counties)))) + " rows")
    print(f"  {db}.county_populations: " + str(load_csv_table(srv, db, "county_populations", _csv_text(
        ["county_id", "year", "population"], sorted(pops)))) + " rows")
    print(f"  {db}.tornadoes: " + str(load_csv_table(srv, db, "tornadoes", _csv_text(
        ["tornado_id", "started_at", "state_fips", "county_id", "ef_rating", "injuries", "fatalities",
         "property_loss", "crop_loss", "length_miles", "width_yards", "start_lat", "start_lon", "end_lat",
         "end_lon"], rows))) + " rows")
    srv.psql(db, "ALTER TABLE tornadoes ALTER property_loss TYPE numeric(14, 2), ALTER crop_loss TYPE numeric(14, 2), "
                 "ALTER length_miles TYPE numeric(6, 2), ALTER width_yards TYPE integer USING width_yards::integer")
    add_keys(srv, db, [("states", ["state_fips"]), ("counties", ["county_id"]),
                       ("county_populations", ["county_id", "year"]), ("tornadoes", ["tornado_id"])],
             [("counties", "state_fips", "states", "state_fips"),
              ("county_populations", "county_id", "counties", "county_id"),
              ("tornadoes", "state_fips", "states", "state_fips"),
              ("tornadoes", "county_id", "counties", "county_id")])


def load_measles_surveillance(srv, db, files):
    """Measles surveillance and vaccination by country (a Georgetown
    University health-diplomacy course's datasets, built from the WHO's
    provisional monthly measles and rubella data of 22 March 2024, the
    WHO's MCV1 immunization coverage of 5 April 2024, the World Bank's 2024
    population and income groups and a measles vaccination policy list;
    the repository states no licence): who_regions (6), countries (194 WHO
    member states: iso_code 'AFG', country_name, region_id,
    world_bank_region, income_group — both NULL for the Cook Islands and
    Niue —, population and pct_rural of 2024, measles_vaccine_policy
    'required' / 'not required' / 'no data'), monthly_cases (21,756: a row
    per country and month reported, January 2011 to February 2024, cases as
    published — NULL months, not reported, are not loaded; 9 negative
    values are the WHO's corrections of earlier months) and
    vaccine_coverage (4443: mcv1_coverage, the percentage of children
    given a first dose of a measles-containing vaccine by age one, per
    country and year 2000-2022). The coverage file's 23 rows for the
    Palestinian territory (PSE), not in the countries file, are not
    loaded; its is_latest_year flag and the countries file's latest
    coverage column are not loaded (they repeat vaccine_coverage). Keys:
    who_regions.region_id, countries.iso_code, monthly_cases (iso_code,
    month), vaccine_coverage (iso_code, year); countries -> who_regions;
    monthly_cases, vaccine_coverage -> countries."""
    rd = lambda t: list(csv.DictReader(io.StringIO(t.lstrip("\ufeff")), delimiter="\t"))
    con, cas, cov = rd(files[0]), rd(files[1]), rd(files[2])
    na = lambda v: "" if v == "NA" else v
    regions = sorted({r["who_region"] for r in con})
    rid = {n: i for i, n in enumerate(regions, 1)}
    isos = {r["iso_code"] for r in con}
    countries = [[r["iso_code"], r["country"], rid[r["who_region"]], na(r["world_bank_region"]),
                  na(r["income_group"]), na(r["total_population"]),
                  na(r["pct_rural"]) and "%.3f" % float(r["pct_rural"]), r["measles_vaccine_policy"]]
                 for r in sorted(con, key=lambda r: r["iso_code"])]
    cases = sorted([[r["iso_code"], r["month"], r["measles_cases"]] for r in cas if r["measles_cases"] != "NA"])
    assert all(c[0] in isos for c in cases)
    cover = sorted([[r["iso_code"], int(r["year"]), r["mcv1_coverage"]] for r in cov if r["iso_code"] in isos])
    print(f"  {db}.who_regions: " + str(load_csv_table(srv, db, "who_regions", _csv_text(
        ["region_id", "region_name"], [[rid[n], n] for n in regions]))) + " rows")
    print(f"  {db}.countries: " + str(load_csv_table(srv, db, "countries", _csv_text(
        ["iso_code", "country_name", "region_id", "world_bank_region", "income_group", "population", "pct_rural",
         "measles_vaccine_policy"], countries))) + " rows")
    print(f"  {db}.monthly_cases: " + str(load_csv_table(srv, db, "monthly_cases", _csv_text(
        ["iso_code", "month", "cases"], cases))) + " rows")
    print(f"  {db}.vaccine_coverage: " + str(load_csv_table(srv, db, "vaccine_coverage", _csv_text(
        ["iso_code", "year", "mcv1_coverage"], cover))) + " rows")
    add_keys(srv, db, [("who_regions", ["region_id"]), ("countries", ["iso_code"]),
                       ("monthly_cases", ["iso_code", "month"]), ("vaccine_coverage", ["iso_code", "year"])],
             [("countries", "region_id", "who_regions", "region_id"),
              ("monthly_cases", "iso_code", "countries", "iso_code"),
              ("vaccine_coverage", "iso_code", "countries", "iso_code")])


LOADERS.update(eurovision_votes=load_eurovision_votes, us_tornadoes=load_us_tornadoes,
               measles_surveillance=load_measles_surveillance)
# Batch 107: a clinical-trials registry, a city jail's custody lists, a TV anime catalogue.
B107_JAIL_DAYS = []
_d = __import__("datetime").date(2026, 4, 1)
while _d <= __import__("datetime").date(2026, 6, 30):
    B107_JAIL_DAYS.append(_d.isoformat())
    _d += __import__("datetime").timedelta(days=1)
del _d

DATASETS.update({
    "covid_trials_2020": ("kaustcovid19/data", "6c26f309126fd122de26ff003047c428c891f908",
                          ["en/HealthCare/clinicalTrials/clinicalTrials-20201012.tsv"]),
    "nyc_jail_custody": ("CharlesFainLehman/Rikers-DIC", "f1f237cfef4708e5042d9c4cab5be8b4fc1bb78a",
                         [f"dat/via_github/DOC_Inmates_InCustody_Daily_{d.replace('-', '')}.csv"
                          for d in B107_JAIL_DAYS]),
    "mal_tv_anime": ("Ate329/anime-stats-tracker", "8fe3d0cb1f7f83786fa74808f204d5b602607884",
                     ["data/csv/all_anime.csv"]),
})


def _b107_table(srv, db, table, cols, rows):
    """CREATE TABLE with the given (name, type) columns and COPY the rows in
    (None as NULL); prints the row count as the other loaders do."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    for r in rows:
        w.writerow(["\\N" if v is None else v for v in r])
    ddl = ", ".join(f"{qi(c)} {t}" for c, t in cols)
    srv.psql(db, file_text=f"CREATE TABLE {qi(table)} ({ddl});\n"
             f"COPY {qi(table)} FROM STDIN WITH (FORMAT csv, NULL '\\N');\n" + out.getvalue() + "\\.\n")
    print(f"  {db}.{table}: {len(rows)} rows")


def load_covid_trials_2020(srv, db, files):
    """COVID-19 studies registered on ClinicalTrials.gov as of 12 October 2020
    (the registry's search export 'Download: TSV' for COVID-19, kept day by
    day by KAUST's COVID-19 data repository; ClinicalTrials.gov records are
    public US-government data): studies (3584, text key nct_id
    'NCT04372602': title, acronym, status, has_results, study_type, phase,
    enrollment, eligible_sex, min/max age in years, age_groups, funded_by,
    start / primary completion / completion dates, first_posted,
    last_update_posted, lead_sponsor_id), sponsors (one per distinct name in
    'Sponsor/Collaborators'), study_collaborators (the names after the
    first), conditions and study_conditions (the 'Conditions' list, names as
    registered: 'COVID-19', 'Covid19', 'SARS-CoV-2' ... are distinct
    conditions), interventions ('Drug: Hydroxychloroquine' split into type
    and name) and study_locations (one per site: its text without the
    country, and the country, the last comma part). Dates given as a month
    only ('September 2020') are the 1st of that month; 'Phase 1|Phase 2' is
    written 'Phase 1/Phase 2'; 'Expanded Access:...' study types are
    'Expanded Access'. Outcome measures, other ids, study designs, study
    documents and URLs are not loaded. Keys: studies.nct_id,
    sponsors.sponsor_id, study_collaborators (nct_id, sponsor_id),
    conditions.condition_id, study_conditions (nct_id, condition_id),
    interventions.intervention_id, study_locations.location_id; studies ->
    sponsors; study_collaborators, study_conditions, interventions,
    study_locations -> studies; study_collaborators -> sponsors;
    study_conditions -> conditions."""
    import datetime
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff")), delimiter="\t"))

    def day(s):
        s = s.strip()
        if not s:
            return None
        for f in ("%B %d, %Y", "%B %Y"):
            try:
                return datetime.datetime.strptime(s, f).date().isoformat()
            except ValueError:
                pass
        raise ValueError(s)

    unit = {"Year": 1, "Years": 1, "Month": 1 / 12, "Months": 1 / 12, "Week": 7 / 365.25, "Weeks": 7 / 365.25,
            "Day": 1 / 365.25, "Days": 1 / 365.25, "Hour": 1 / 8766, "Hours": 1 / 8766, "Minute": 1 / 525960,
            "Minutes": 1 / 525960}

    def age(s):
        s = " ".join(s.replace("\xa0", " ").split())
        m = re.match(r"^(.*?)\s*\(([^)]*)\)$", s)
        rng, groups = (m.group(1), m.group(2)) if m else ("", s)
        lo = hi = None
        a = re.match(r"^(\d+) (\w+) (?:and older|to (\d+) (\w+))$", rng)
        b = re.match(r"^up to (\d+) (\w+)$", rng)
        if a:
            lo = round(int(a.group(1)) * unit[a.group(2)], 2)
            if a.group(3):
                hi = round(int(a.group(3)) * unit[a.group(4)], 2)
        elif b:
            hi = round(int(b.group(1)) * unit[b.group(2)], 2)
        elif rng:
            raise ValueError(s)
        return lo, hi, groups or None

    sponsors, conds = {}, {}
    studies, collab, sc, inter, locs = [], [], [], [], []
    for r in rows:
        nct = r["NCT Number"]
        names = [x.strip() for x in r["Sponsor/Collaborators"].split("|") if x.strip()]
        for n in names:
            sponsors.setdefault(n, len(sponsors) + 1)
        lo, hi, groups = age(r["Age"])
        studies.append([nct, r["Title"].strip(), r["Acronym"].strip() or None, r["Status"],
                        r["Study Results"] == "Has Results", r["Study Type"].split(":")[0] or None,
                        r["Phases"].replace("|", "/") or None, int(r["Enrollment"]) if r["Enrollment"] else None,
                        r["Gender"] or None, lo, hi, groups, r["Funded Bys"].replace("|", ", ") or None,
                        day(r["Start Date"]), day(r["Primary Completion Date"]), day(r["Completion Date"]),
                        day(r["First Posted"]), day(r["Last Update Posted"]), sponsors[names[0]] if names else None])
        for n in dict.fromkeys(names[1:]):
            if n != names[0]:
                collab.append([nct, sponsors[n]])
        for c in dict.fromkeys(x.strip() for x in r["Conditions"].split("|") if x.strip()):
            conds.setdefault(c, len(conds) + 1)
            sc.append([nct, conds[c]])
        for i in (x.strip() for x in r["Interventions"].split("|") if x.strip()):
            t, _, n = i.partition(": ")
            inter.append([len(inter) + 1, nct, t, n.strip()])
        for l in (x.strip() for x in r["Locations"].split("|") if x.strip()):
            parts = [p.strip() for p in l.split(",")]
            locs.append([len(locs) + 1, nct, ", ".join(parts[:-1]) or None, parts[-1]])
    _b107_table(srv, db, "sponsors", [("sponsor_id", "integer"), ("sponsor_name", "text")],
                [[i, n] for n, i in sponsors.items()])
    _b107_table(srv, db, "studies", [
        ("nct_id", "text"), ("title", "text"), ("acronym", "text"), ("status", "text"), ("has_results", "boolean"),
        ("study_type", "text"), ("phase", "text"), ("enrollment", "integer"), ("eligible_sex", "text"),
        ("min_age_years", "numeric(6,2)"), ("max_age_years", "numeric(6,2)"), ("age_groups", "text"),
        ("funded_by", "text"), ("start_date", "date"), ("primary_completion_date", "date"),
        ("completion_date", "date"), ("first_posted", "date"), ("last_update_posted", "date"),
        ("lead_sponsor_id", "integer")], studies)
    _b107_table(srv, db, "study_collaborators", [("nct_id", "text"), ("sponsor_id", "integer")], collab)
    _b107_table(srv, db, "conditions", [("condition_id", "integer"), ("condition_name", "text")],
                [[i, n] for n, i in conds.items()])
    _b107_table(srv, db, "study_conditions", [("nct_id", "text"), ("condition_id", "integer")], sc)
    _b107_table(srv, db, "interventions", [("intervention_id", "integer"), ("nct_id", "text"),
                                           ("intervention_type", "text"), ("intervention_name", "text")], inter)
    _b107_table(srv, db, "study_locations", [("location_id", "integer"), ("nct_id", "text"), ("site", "text"),
                                             ("country", "text")], locs)
    add_keys(srv, db, [("sponsors", ["sponsor_id"]), ("studies", ["nct_id"]),
                       ("study_collaborators", ["nct_id", "sponsor_id"]), ("conditions", ["condition_id"]),
                       ("study_conditions", ["nct_id", "condition_id"]), ("interventions", ["intervention_id"]),
                       ("study_locations", ["location_id"])],
             [("studies", "lead_sponsor_id", "sponsors", "sponsor_id"),
              ("study_collaborators", "nct_id", "studies", "nct_id"),
              ("study_collaborators", "sponsor_id", "sponsors", "sponsor_id"),
              ("study_conditions", "nct_id", "studies", "nct_id"),
              ("study_conditions", "condition_id", "conditions", "condition_id"),
              ("interventions", "nct_id", "studies", "nct_id"),
              ("study_locations", "nct_id", "studies", "nct_id")])


B107_PENAL_ARTICLES = {
    105: "Conspiracy", 110: "Attempt", 115: "Criminal facilitation", 120: "Assault and related offenses",
    121: "Strangulation and related offenses", 125: "Homicide, abortion and related offenses",
    130: "Sex offenses", 135: "Kidnapping, coercion and related offenses", 140: "Burglary and related offenses",
    145: "Criminal mischief and related offenses", 150: "Arson", 155: "Larceny",
    156: "Offenses involving computers", 158: "Welfare fraud", 160: "Robbery",
    165: "Other offenses relating to theft", 170: "Forgery and related offenses",
    175: "Offenses involving false written statements", 176: "Insurance fraud", 190: "Other frauds",
    195: "Offenses against public administration", 200: "Bribery involving public servants",
    205: "Escape and other offenses relating to custody", 210: "Perjury and related offenses",
    215: "Other offenses relating to judicial and other proceedings", 220: "Controlled substances offenses",
    221: "Offenses involving marihuana", 225: "Gambling offenses", 230: "Prostitution offenses",
    235: "Obscenity and related offenses", 240: "Offenses against public order",
    245: "Offenses against public sensibilities", 250: "Offenses against the right to privacy",
    255: "Offenses affecting the marital relationship",
    260: "Offenses relating to children, disabled persons and vulnerable elderly persons",
    263: "Sexual performance by a child", 265: "Firearms and other dangerous weapons",
    270: "Other offenses relating to public safety", 460: "Enterprise corruption", 470: "Money laundering",
    485: "Hate crimes", 490: "Terrorism"}


def load_nyc_jail_custody(srv, db, files):
    """New York City Department of Correction's 'Daily Inmates In Custody'
    lists (NYC Open Data), one file a day as a researcher's repository
    archives them, read for the 91 days 1 April - 30 June 2026. People are
    identified only by the department's inmate number (no names). people
    (one per inmate number: gender and race code as last listed), stays
    (one per inmate number and admission timestamp: admitted_at, custody
    level MAX / MED / MIN, age, the status code, the top charge, the
    Brad H., security-risk-group and infraction flags as last listed, the
    first and last list dates that show the stay, and released_on — the date
    of the first daily list that no longer shows it, NULL when still listed
    on 30 June 2026: a discharge or transfer out of city custody), charges
    (each distinct top charge code: law 'Penal Law' for section numbers,
    '110-' prefixes as attempted = true with the attempted section,
    article and the article's title from the Penal Law's table of
    contents; other codes — 'VOP', 'FOA 900', 'VTL 1192', 'AC 999' — with
    no article) and daily_population (people listed on each day). The
    empty 'sealed' flag (always 'N') is not loaded. Keys: people.inmate_id,
    stays.stay_id, charges.charge_code, daily_population.list_date; stays ->
    people, charges."""
    import datetime
    stays, daily = {}, []
    for day, text in zip(B107_JAIL_DAYS, files):
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        daily.append([day, len(rows)])
        for r in rows:
            key = (int(r["inmateid"]), r["admitted_dt"])
            s = stays.setdefault(key, {"first": day})
            s.update(last=day, r=r)
    last_day = B107_JAIL_DAYS[-1]
    nxt = {d: B107_JAIL_DAYS[i + 1] for i, d in enumerate(B107_JAIL_DAYS[:-1])}
    people, charges, out = {}, {}, []
    for n, (key, s) in enumerate(sorted(stays.items(), key=lambda kv: (kv[0][1], kv[0][0])), 1):
        r = s["r"]
        people[key[0]] = (r["gender"] or None, r["race"] or None)
        code = r["top_charge"].strip() or None
        if code and code not in charges:
            m = re.fullmatch(r"(110-)?(\d{3})\.(\d+)", code)
            if m:
                art = int(m.group(2))
                charges[code] = [code, "Penal Law", m.group(2) + "." + m.group(3), bool(m.group(1)), art,
                                 B107_PENAL_ARTICLES.get(art)]
            elif code.startswith("VTL") or re.fullmatch(r"(1192|511|600)\b.*", code):
                charges[code] = [code, "Vehicle and Traffic Law", None, False, None, None]
            else:
                charges[code] = [code, None, None, False, None, None]
        at = datetime.datetime.fromisoformat(key[1].replace(".000", "")).isoformat(sep=" ")
        out.append([n, key[0], at, r["custody_level"] or None, int(float(r["age"])) if r["age"] else None,
                    r["inmate_status_code"] or None, code, r["bradh"] == "Y", r["srg_flg"] == "Y",
                    r["infraction"] == "Y", s["first"], s["last"],
                    nxt[s["last"]] if s["last"] != last_day else None])
    _b107_table(srv, db, "people", [("inmate_id", "integer"), ("gender", "text"), ("race", "text")],
                [[k, g, rc] for k, (g, rc) in sorted(people.items())])
    _b107_table(srv, db, "charges", [("charge_code", "text"), ("law", "text"), ("section", "text"),
                                     ("attempted", "boolean"), ("article", "integer"), ("article_title", "text")],
                sorted(charges.values()))
    _b107_table(srv, db, "stays", [
        ("stay_id", "integer"), ("inmate_id", "integer"), ("admitted_at", "timestamp"), ("custody_level", "text"),
        ("age", "integer"), ("status_code", "text"), ("top_charge", "text"), ("brad_h", "boolean"),
        ("security_risk_group", "boolean"), ("infraction", "boolean"), ("first_listed_on", "date"),
        ("last_listed_on", "date"), ("released_on", "date")], out)
    _b107_table(srv, db, "daily_population", [("list_date", "date"), ("people_in_custody", "integer")], daily)
    add_keys(srv, db, [("people", ["inmate_id"]), ("charges", ["charge_code"]), ("stays", ["stay_id"]),
                       ("daily_population", ["list_date"])],
             [("stays", "inmate_id", "people", "inmate_id"), ("stays", "top_charge", "charges", "charge_code")])


def load_mal_tv_anime(srv, db, files):
    """TV anime of MyAnimeList's seasonal charts, winter 2006 to 2026 (3922
    series as a fan site's weekly Jikan API crawl exports them to CSV;
    repository MIT): anime (mal_id as anime_id, title, title_english,
    year and season of the chart, episodes, status, age_rating, source
    material, episode_minutes from the duration text, aired_from /
    aired_to, score with scored_by, rank, popularity, members and
    favorites as crawled, demographic), studios / anime_studios,
    genres / anime_genres and themes / anime_themes from the pipe-separated
    lists (ids in name order). All rows are type 'TV'; the crawl's
    producers, licensors, synopses, trailer and image URLs and
    Japanese titles are not loaded. One series lists two demographics
    ('Kids|Shoujo'): written 'Kids, Shoujo'. Keys: anime.anime_id,
    studios.studio_id, genres.genre_id, themes.theme_id, anime_studios /
    anime_genres / anime_themes (anime_id, x_id) -> anime and their list."""
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))

    def minutes(s):
        h = re.search(r"(\d+) hr", s)
        m = re.search(r"(\d+) min", s)
        sec = re.search(r"(\d+) sec", s)
        if not (h or m or sec):
            return None
        return round((int(h.group(1)) * 60 if h else 0) + (int(m.group(1)) if m else 0)
                     + (int(sec.group(1)) / 60 if sec else 0), 1)

    lists = {k: sorted({x for r in rows for x in r[k].split("|") if x}) for k in ("studios", "genres", "themes")}
    ids = {k: {n: i for i, n in enumerate(v, 1)} for k, v in lists.items()}
    anime, links = [], {k: [] for k in lists}
    for r in rows:
        aid = int(r["mal_id"])
        anime.append([aid, r["title"], r["title_english"] or None, int(r["year"]), r["season"],
                      int(r["episodes"]) if r["episodes"] else None, r["status"], r["rating"] or None,
                      r["source"] or None, minutes(r["duration"]),
                      r["aired_from"][:10] or None, r["aired_to"][:10] or None,
                      r["score"] or None, int(r["scored_by"]) if r["scored_by"] else None,
                      int(r["rank"]) if r["rank"] else None, int(r["popularity"]) if r["popularity"] else None,
                      int(r["members"]) if r["members"] else None, int(r["favorites"]) if r["favorites"] else None,
                      r["demographics"].replace("|", ", ") or None])
        for k in lists:
            for n in dict.fromkeys(x for x in r[k].split("|") if x):
                links[k].append([aid, ids[k][n]])
    _b107_table(srv, db, "anime", [
        ("anime_id", "integer"), ("title", "text"), ("title_english", "text"), ("year", "integer"),
        ("season", "text"), ("episodes", "integer"), ("status", "text"), ("age_rating", "text"),
        ("source", "text"), ("episode_minutes", "numeric(5,1)"), ("aired_from", "date"), ("aired_to", "date"),
        ("score", "numeric(4,2)"), ("scored_by", "integer"), ("rank", "integer"), ("popularity", "integer"),
        ("members", "integer"), ("favorites", "integer"), ("demographic", "text")], anime)
    for k, one in (("studios", "studio"), ("genres", "genre"), ("themes", "theme")):
        _b107_table(srv, db, k, [(f"{one}_id", "integer"), (f"{one}_name", "text")],
                    [[i, n] for n, i in ids[k].items()])
        _b107_table(srv, db, f"anime_{k}", [("anime_id", "integer"), (f"{one}_id", "integer")], links[k])
    add_keys(srv, db, [("anime", ["anime_id"]), ("studios", ["studio_id"]), ("genres", ["genre_id"]),
                       ("themes", ["theme_id"]), ("anime_studios", ["anime_id", "studio_id"]),
                       ("anime_genres", ["anime_id", "genre_id"]), ("anime_themes", ["anime_id", "theme_id"])],
             [("anime_studios", "anime_id", "anime", "anime_id"), ("anime_studios", "studio_id", "studios", "studio_id"),
              ("anime_genres", "anime_id", "anime", "anime_id"), ("anime_genres", "genre_id", "genres", "genre_id"),
              ("anime_themes", "anime_id", "anime", "anime_id"), ("anime_themes", "theme_id", "themes", "theme_id")])


LOADERS.update(covid_trials_2020=load_covid_trials_2020, nyc_jail_custody=load_nyc_jail_custody,
               mal_tv_anime=load_mal_tv_anime)
DATASETS.update({
    "tirol_avalanches": ("thermaty/avalanches-tirol", "a0e16b4301c6a81c18669884cafa870e21c59210",
                         ["data/incidents_tirol.csv"]),
    "ontario_bridges": ("ssw9kong/Bridges", "6dc497de73cd324d5bf47b8188de597de9535035", ["bridge_data.csv"]),
    "chocolate_bars": ("kjyoder/tidytuesday", "c2af6242ebbb2be7dc42f2d1178bbe8713cefde5", ["data/chocolate.csv"]),
})


def load_tirol_avalanches(srv, db, files):
    """Avalanche incidents in Tyrol (Austria) reported to LAWIS, the
    avalanche warning services' incident database, 17 November 1992 to 29
    February 2024, as a student's thesis repository fetched them from the
    LAWIS API and joined Open-Meteo weather to each (the repository states
    no licence): subregions (38 EAWS micro-regions by their German names,
    'Weißkugelgruppe', 'Westl. Tuxer Alpen' ...), danger_levels (the
    European danger scale, 1 'low' ... 5 'very high'), avalanche_sizes (1
    'small' ... 5 'extremely large'), incidents (3,060: LAWIS id,
    incident_date, incident_time — NULL where the report gives no valid
    time or midnight —, location_name (a trailing ' -' of an empty detail
    dropped: 'Valzur -' is 'Valzur'), the subregion, coordinates,
    elevation_m (a published 0 read as unknown), slope_angle, aspect N ...
    NW, the day's danger_level as rated for the incident (NULL where not
    given or 'not assigned'), avalanche_problem, avalanche_type slab /
    loose / gliding, avalanche_size, release_type artificial /
    spontaneous, snow_moisture dry / wet, length_m, width_m,
    fracture_depth_cm, and the people: involved, dead, injured,
    uninjured, swept_along, fully_buried, partly_buried, not_buried —
    mostly blank in the early years —, standard_equipment and
    transceivers_on as booleans, airbags all / some / none, tour_phase
    ascent / descent / not moving) and incident_weather (one per
    incident: Open-Meteo's modelled air temperature and snow depth at the
    place and hour, and the previous three days' mean temperature,
    temperature change, rain, snowfall, mean wind speed and direction and
    radiation). Keys: subregions.subregion_id, danger_levels.danger_level,
    avalanche_sizes.avalanche_size, incidents.incident_id,
    incident_weather.incident_id; incidents -> subregions, danger_levels,
    avalanche_sizes; incident_weather -> incidents."""
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    rows.sort(key=lambda r: (r["date"], int(r["id"])))
    subs = sorted({r["location_subregion_text"].strip() for r in rows})
    sid = {n: i for i, n in enumerate(subs, 1)}
    levels = {"low": 1, "moderate": 2, "considerable": 3, "high": 4, "very high": 5}
    sizes = ["small", "medium", "large", "very large", "extremely large"]
    num = lambda v: "" if v == "" else ("%d" % float(v) if float(v) == int(float(v)) else v)
    yn = lambda v: {"yes": "true", "no": "false", "": ""}[v]
    inc, wx = [], []
    for r in rows:
        d, t = r["date"].split(" ")
        time = t[:5] if r["valid_time"] == "True" and t != "00:00:00" else ""
        lvl = r["danger_rating_level"]
        if lvl:
            assert levels[r["danger_rating_text"]] == int(float(lvl))
        size = r["avalanche_size_text"]
        if size:
            n, name = size.split(": ")
            assert sizes[int(n) - 1] + " avalanche" == name
        elev = num(r["location_elevation"])
        inc.append([r["id"], d, time, sid[r["location_subregion_text"].strip()], re.sub(r"\s*-$", "", r["location_name"].strip()),
                    r["location_latitude"], r["location_longitude"], "" if elev == "0" else elev,
                    num(r["location_slope_angle"]), r["location_aspect_text"], num(lvl) if lvl else "",
                    r["danger_problem_text"].replace("_", " "), r["avalanche_type_text"],
                    size.split(":")[0] if size else "", r["avalanche_release_text"], r["avalanche_humidity_text"],
                    num(r["avalanche_extent_length"]), num(r["avalanche_extent_width"]),
                    num(r["avalanche_breakheight"]),
                    *(num(r[c]) for c in ("involved_sum", "involved_dead", "involved_injured", "involved_uninjured",
                                          "involved_swept", "involved_buried_total", "involved_buried_partial",
                                          "involved_not_buried")),
                    yn(r["involved_equipment_standard_text"]), yn(r["involved_equipment_lvs_text"]),
                    r["involved_equipment_airbag_text"], r["involved_ascent_descent_text"].lower()])
        wx.append([r["id"]] + ["%.1f" % float(r[c]) for c in (
            "weather_temp", "weather_snow_depth", "weather_temp_mean", "weather_temp_diff", "weather_rain_sum",
            "weather_snow_sum", "weather_wind_speed_mean", "weather_wind_dir_mean", "weather_radiation_sum")])
        wx[-1][2] = "%.2f" % float(r["weather_snow_depth"])
    print(f"  {db}.subregions: " + str(load_csv_table(srv, db, "subregions", _csv_text(
        ["subregion_id", "subregion_name"], [[sid[n], n] for n in subs]))) + " rows")
    print(f"  {db}.danger_levels: " + str(load_csv_table(srv, db, "danger_levels", _csv_text(
        ["danger_level", "danger_name"], [[v, k] for k, v in levels.items()]))) + " rows")
    print(f"  {db}.avalanche_sizes: " + str(load_csv_table(srv, db, "avalanche_sizes", _csv_text(
        ["avalanche_size", "size_name"], [[i, n] for i, n in enumerate(sizes, 1)]))) + " rows")
    print(f"  {db}.incidents: " + str(load_csv_table(srv, db, "incidents", _csv_text(
        ["incident_id", "incident_date", "incident_time", "subregion_id", "location_name", "latitude", "longitude",
         "elevation_m", "slope_angle", "aspect", "danger_level", "avalanche_problem", "avalanche_type",
         "avalanche_size", "release_type", "snow_moisture", "length_m", "width_m", "fracture_depth_cm",
         "people_involved", "dead", "injured", "uninjured", "swept_along", "fully_buried", "partly_buried",
         "not_buried", "standard_equipment", "transceivers_on", "airbags", "tour_phase"], inc))) + " rows")
    print(f"  {db}.incident_weather: " + str(load_csv_table(srv, db, "incident_weather", _csv_text(
        ["incident_id", "air_temp_c", "snow_depth_m", "temp_mean_3d_c", "temp_change_3d_c", "rain_3d_mm",
         "snowfall_3d_cm", "wind_speed_3d_ms", "wind_direction_3d_deg", "radiation_3d_mj_m2"], wx))) + " rows")
    srv.psql(db, "ALTER TABLE incidents ALTER incident_time TYPE time USING incident_time::time, "
                 "ALTER standard_equipment TYPE boolean USING standard_equipment::boolean, "
                 "ALTER transceivers_on TYPE boolean USING transceivers_on::boolean")
    add_keys(srv, db, [("subregions", ["subregion_id"]), ("danger_levels", ["danger_level"]),
                       ("avalanche_sizes", ["avalanche_size"]), ("incidents", ["incident_id"]),
                       ("incident_weather", ["incident_id"])],
             [("incidents", "subregion_id", "subregions", "subregion_id"),
              ("incidents", "danger_level", "danger_levels", "danger_level"),
              ("incidents", "avalanche_size", "avalanche_sizes", "avalanche_size"),
              ("incident_weather", "incident_id", "incidents", "incident_id")])


def load_ontario_bridges(srv, db, files):
    """Bridges and culverts on Ontario's provincial highways with their
    Bridge Condition Index (BCI, 0-100) from the biennial inspections
    2000-2013 (the Ministry of Transportation's open data, in the trimmed
    copy a University of Toronto programming assignment hands out, as a
    student's repository keeps it; the repository states no licence):
    highways (167 highway names as published: '401', 'QEW' ...), bridges
    (2,780: site_number as published ('1 -  32/'), structure_name, the
    highway, coordinates, year_built, last_major_rehab and
    last_minor_rehab years, span_count, total_span_m and deck_length_m,
    last_inspection_date, current_bci), spans (one per span of SPAN
    DETAILS: span_number, length_m) and bci_ratings (one per bridge and
    year with an index; a published 0 is no rating and not loaded). One
    row repeated word for word in the file ('10 - 325/') is loaded once.
    Keys: highways.highway_id, bridges.bridge_id, spans (bridge_id,
    span_number), bci_ratings (bridge_id, rating_year); bridges ->
    highways; spans, bci_ratings -> bridges."""
    rows = list(csv.reader(io.StringIO(files[0].lstrip("\ufeff"), newline="")))
    head = rows[1]
    years = [int(h) for h in head[13:27]]
    body, seen = [], set()
    for r in rows[2:]:
        if not r or tuple(r) in seen:
            continue
        seen.add(tuple(r))
        body.append(r)
    hw = sorted({r[2].strip() for r in body}, key=lambda h: (not h.isdigit(), int(h) if h.isdigit() else 0, h))
    hid = {h: i for i, h in enumerate(hw, 1)}
    bridges, spans, bci = [], [], []
    for i, r in enumerate(body, 1):
        m = re.fullmatch(r"Total=([\d.]+);?\s+((?:\(\d+\)=[\d.]+;)+)", r[9].strip())
        assert m, r[9]
        for n, length in re.findall(r"\((\d+)\)=([\d.]+);", m.group(2)):
            spans.append([i, n, length])
        mm, dd, yy = r[11].split("/")
        bridges.append([i, r[0].strip(), r[1].strip(), hid[r[2].strip()], r[3], r[4], r[5], r[6].strip(),
                        r[7].strip(), r[8], m.group(1), r[10], f"{yy}-{mm}-{dd}",
                        "" if r[12] in ("", "0") else r[12]])
        for y, v in zip(years, r[13:27]):
            if v.strip() and float(v) != 0:
                bci.append([i, y, v.strip()])
    print(f"  {db}.highways: " + str(load_csv_table(srv, db, "highways", _csv_text(
        ["highway_id", "highway_name"], [[hid[h], h] for h in hw]))) + " rows")
    print(f"  {db}.bridges: " + str(load_csv_table(srv, db, "bridges", _csv_text(
        ["bridge_id", "site_number", "structure_name", "highway_id", "latitude", "longitude", "year_built",
         "last_major_rehab", "last_minor_rehab", "span_count", "total_span_m", "deck_length_m",
         "last_inspection_date", "current_bci"], bridges))) + " rows")
    print(f"  {db}.spans: " + str(load_csv_table(srv, db, "spans", _csv_text(
        ["bridge_id", "span_number", "length_m"], spans))) + " rows")
    print(f"  {db}.bci_ratings: " + str(load_csv_table(srv, db, "bci_ratings", _csv_text(
        ["bridge_id", "rating_year", "bci"], bci))) + " rows")
    srv.psql(db, "ALTER TABLE highways ALTER highway_name TYPE text; "
                 "ALTER TABLE bridges ALTER site_number TYPE text")
    add_keys(srv, db, [("highways", ["highway_id"]), ("bridges", ["bridge_id"]),
                       ("spans", ["bridge_id", "span_number"]), ("bci_ratings", ["bridge_id", "rating_year"])],
             [("bridges", "highway_id", "highways", "highway_id"), ("spans", "bridge_id", "bridges", "bridge_id"),
              ("bci_ratings", "bridge_id", "bridges", "bridge_id")])


CHOCOLATE_INGREDIENTS = [("B", "beans"), ("S", "sugar"), ("S*", "other sweetener"), ("C", "cocoa butter"),
                         ("V", "vanilla"), ("L", "lecithin"), ("Sa", "salt")]


def load_chocolate_bars(srv, db, files):
    """Dark chocolate bars rated by the Manhattan Chocolate Society's
    Flavors of Cacao reviews, 2006-2021 (Brady Brelinski's ratings as
    TidyTuesday published them on 2022-01-18, in a learner's TidyTuesday
    repository; the repository states no licence): countries (96 names
    as the reviews spell them, maker locations and bean origins alike:
    'U.S.A.', 'U.K.', 'Amsterdam', 'Sao Tome', 'Sulawesi' ...), makers
    (586: a maker name with its location as listed — six names appear
    with two locations and are two rows), ingredients (the reviews'
    codes: B beans, S sugar, S* other sweetener, C cocoa butter, V
    vanilla, L lecithin, Sa salt), tasting_notes (972 distinct "most
    memorable characteristics"), bars (2,530 reviewed bars: review_ref
    (the review batch number, shared by bars reviewed together),
    review_year, the maker, bean origin country (NULL for 'Blend', then
    is_blend true), bar_name (the specific bean origin or bar name),
    cocoa_percent, ingredient_count (NULL where the ingredients are 'NA'),
    rating 1-4 in quarter steps), bar_ingredients and bar_notes (each
    note with its position in the review). Keys: countries.country_id,
    makers.maker_id, ingredients.ingredient_code,
    tasting_notes.note_id, bars.bar_id, bar_ingredients (bar_id,
    ingredient_code), bar_notes (bar_id, position); makers -> countries;
    bars -> makers, countries; bar_ingredients -> bars, ingredients;
    bar_notes -> bars, tasting_notes."""
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    names = sorted({r["company_location"].strip() for r in rows}
                   | {r["country_of_bean_origin"].strip() for r in rows} - {"Blend"})
    cid = {n: i for i, n in enumerate(names, 1)}
    mk = sorted({(r["company_manufacturer"].strip(), r["company_location"].strip()) for r in rows},
                key=lambda x: (x[0].lower(), x[1]))
    mid = {m: i for i, m in enumerate(mk, 1)}
    notes = sorted({c.strip() for r in rows for c in r["most_memorable_characteristics"].split(",") if c.strip()})
    nid = {n: i for i, n in enumerate(notes, 1)}
    codes = {c for c, _ in CHOCOLATE_INGREDIENTS}
    bars, bing, bnotes = [], [], []
    for i, r in enumerate(rows, 1):
        bo = r["country_of_bean_origin"].strip()
        ing = r["ingredients"].strip()
        cnt = ""
        if ing != "NA":
            n, lst = ing.split("-", 1)
            parts = [x.strip() for x in lst.split(",")]
            assert int(n) == len(parts) and set(parts) <= codes, ing
            cnt = n.strip()
            bing += [[i, c] for c in parts]
        bars.append([i, r["ref"], r["review_date"], mid[(r["company_manufacturer"].strip(),
                                                        r["company_location"].strip())],
                     "" if bo == "Blend" else cid[bo], "true" if bo == "Blend" else "false",
                     r["specific_bean_origin_or_bar_name"].strip(), r["cocoa_percent"].rstrip("%"), cnt,
                     r["rating"]])
        pos = 0
        for c in r["most_memorable_characteristics"].split(","):
            if c.strip():
                pos += 1
                bnotes.append([i, pos, nid[c.strip()]])
    print(f"  {db}.countries: " + str(load_csv_table(srv, db, "countries", _csv_text(
        ["country_id", "country_name"], [[cid[n], n] for n in names]))) + " rows")
    print(f"  {db}.makers: " + str(load_csv_table(srv, db, "makers", _csv_text(
        ["maker_id", "maker_name", "country_id"], [[mid[m], m[0], cid[m[1]]] for m in mk]))) + " rows")
    print(f"  {db}.ingredients: " + str(load_csv_table(srv, db, "ingredients", _csv_text(
        ["ingredient_code", "ingredient_name"], CHOCOLATE_INGREDIENTS))) + " rows")
    print(f"  {db}.tasting_notes: " + str(load_csv_table(srv, db, "tasting_notes", _csv_text(
        ["note_id", "note"], [[nid[n], n] for n in notes]))) + " rows")
    print(f"  {db}.bars: " + str(load_csv_table(srv, db, "bars", _csv_text(
        ["bar_id", "review_ref", "review_year", "maker_id", "bean_origin_country_id", "is_blend", "bar_name",
         "cocoa_percent", "ingredient_count", "rating"], bars))) + " rows")
    print(f"  {db}.bar_ingredients: " + str(load_csv_table(srv, db, "bar_ingredients", _csv_text(
        ["bar_id", "ingredient_code"], bing))) + " rows")
    print(f"  {db}.bar_notes: " + str(load_csv_table(srv, db, "bar_notes", _csv_text(
        ["bar_id", "position", "note_id"], bnotes))) + " rows")
    srv.psql(db, "ALTER TABLE bars ALTER is_blend TYPE boolean USING is_blend::boolean, "
                 "ALTER cocoa_percent TYPE numeric(4, 1) USING cocoa_percent::numeric, "
                 "ALTER rating TYPE numeric(3, 2) USING rating::numeric; "
                 "ALTER TABLE makers ALTER maker_name TYPE text; ALTER TABLE tasting_notes ALTER note TYPE text")
    add_keys(srv, db, [("countries", ["country_id"]), ("makers", ["maker_id"]), ("ingredients", ["ingredient_code"]),
                       ("tasting_notes", ["note_id"]), ("bars", ["bar_id"]),
                       ("bar_ingredients", ["bar_id", "ingredient_code"]), ("bar_notes", ["bar_id", "position"])],
             [("makers", "country_id", "countries", "country_id"), ("bars", "maker_id", "makers", "maker_id"),
              ("bars", "bean_origin_country_id", "countries", "country_id"),
              ("bar_ingredients", "bar_id", "bars", "bar_id"),
              ("bar_ingredients", "ingredient_code", "ingredients", "ingredient_code"),
              ("bar_notes", "bar_id", "bars", "bar_id"), ("bar_notes", "note_id", "tasting_notes", "note_id")])


LOADERS.update(tirol_avalanches=load_tirol_avalanches, ontario_bridges=load_ontario_bridges,
               chocolate_bars=load_chocolate_bars)



DATASETS.update({
    "nj_shipwrecks": ("rical24/FinalProject", "60f8ade5a34e8307a7692ba9a619055c8471f985", ["ShipwreckDatabase.csv"]),
    "hk_horse_racing": ("minhengwu/HK_horse_race", "1568bbca84aca548ba85bcaca6961cfcae1bfbca",
                        ["race-result-race.csv", "race-result-horse.csv"]),
    "pga_tour_2021": ("castolo9/UCDPA_Darragh-Claffey", "3549631537d3de69dae0d419667549438e890f34",
                      ["ASA All PGA Raw Data - Tourn Level.csv"]),
})


def _b109_pick(names):
    """Case variants of one name ('Absecon Beach', 'Absecon beach') as one:
    the most frequent spelling, ties to the first in sort order."""
    by = {}
    for n, k in names.items():
        by.setdefault(n.lower(), []).append((-k, n))
    return {n: min(v)[1] for v in by.values() for _, n in v}


def _b109_num(v, integer=False):
    v = (v or "").strip()
    if not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", v):  # '15,378' a thousands comma; '11,4' not read
        return None
    v = v.replace(",", "")
    return str(int(float(v))) if integer and float(v) == int(float(v)) else (None if integer else v)


def _b109_dms(v):
    """'38-54-00 N', '40-27.18 N', '40 -00 -00 N' -> decimal degrees (S, W negative); a decimal as is."""
    v = (v or "").strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", v):
        return v
    m = re.fullmatch(r"(\d+)\s*-\s*(\d+(?:\.\d+)?)\s*(?:-\s*(\d+(?:\.\d+)?))?\s*-?\s*([NSEW])", v)
    if not m:
        return None
    d = int(m.group(1)) + float(m.group(2)) / 60 + float(m.group(3) or 0) / 3600
    return "%.5f" % (-d if m.group(4) in "SW" else d)


def _b109_money(v):
    v = (v or "").strip()
    m = re.fullmatch(r"\$([\d,]+)(\.\d\d)?", v)
    if m:
        return m.group(1).replace(",", "")
    m = re.fullmatch(r"\$(\d+) million", v)
    if m:
        return str(int(m.group(1)) * 1000000)
    return "0" if v == "0" else None


def load_nj_shipwrecks(srv, db, files):
    """Shipwrecks off New Jersey and its approaches, 1705-2020, as a New
    Jersey shipwreck database lists them (by its columns and places the
    New Jersey Maritime Museum's; the file as a CS230 programming course
    hands it out, in a student's final project repository, which states
    no licence; the source is not named in it): vessel_types
    (as listed: 'Schooner', 'Schooner 3 masted', 'Steamship', 'Brig' ...),
    ports (home, departure and destination places as written: 'New York,
    NY', 'Bath, ME', 'Fishing trip' ...), loss_locations (the place lost as
    written: 'Sandy Hook', 'Barnegat', 'Absecon bar' ..., with the
    database's reference coordinates of that place) and wrecks (4,593: name
    as listed, with a year added by the museum where names repeat: 'Alice B
    (1890)'; owner, year and place built, date lost (a date where the day
    is known; year and month as far as known), the location, the vessel's
    own coordinates where given, cause of loss as written ('Stranded',
    'Foundered', 'Collision w/ "Champion"' ...), hull material, flag,
    length, beam and draft in feet, gross and net tonnage, the three ports,
    master, crew, passengers, lives lost, ship and cargo value in dollars,
    cargo, the U.S. Life-Saving Service station, photo on file, notes).
    Case variants of a vessel type, port or location are merged. Keys:
    vessel_types.vessel_type_id, ports.port_id,
    loss_locations.location_id, wrecks.wreck_id; wrecks -> vessel_types,
    ports (three times), loss_locations."""
    import datetime
    from collections import Counter
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    ws = lambda v: re.sub(r"\s+", " ", (v or "").strip())
    vt = _b109_pick(Counter(ws(r["VESSEL TYPE"]) for r in rows if ws(r["VESSEL TYPE"])))
    pt = _b109_pick(Counter(ws(r[c]) for r in rows for c in ("HOME (HAILING) PORT", "DEPARTURE PORT",
                                                              "DESTINATION PORT") if ws(r[c])))
    lc = _b109_pick(Counter(ws(r["LOCATION LOST"]) for r in rows if ws(r["LOCATION LOST"])))
    vid = {n: i for i, n in enumerate(sorted(set(vt.values()), key=str.lower), 1)}
    pid = {n: i for i, n in enumerate(sorted(set(pt.values()), key=str.lower), 1)}
    lid = {n: i for i, n in enumerate(sorted(set(lc.values()), key=str.lower), 1)}
    lcoord = {}
    for r in rows:
        n = ws(r["LOCATION LOST"])
        if n and r["LATITUDE_BACKUP"].strip() not in ("", "-"):
            lcoord.setdefault(lc[n], (r["LATITUDE_BACKUP"].strip(), r["LONGITUDE_BACKUP"].strip()))
    wrecks = []
    for i, r in enumerate(rows, 1):
        d = re.sub(r"\s+", "", r["DATE LOST"])
        date, year, month = None, r["YEAR"].strip() or None, r["MNTH"].strip() or None
        m = re.fullmatch(r"~?(\d{1,2})/(\d{1,2})/(\d{4})", d)
        if m:
            try:
                date = datetime.date(int(m.group(3)), int(m.group(1)), int(m.group(2))).isoformat()
                year, month = m.group(3), m.group(1)
            except ValueError:
                pass
        else:
            m = re.fullmatch(r"~?(\d{1,2})/(\d{4})", d)
            if m:
                year, month = m.group(2), m.group(1)
        port = lambda c: pid[pt[ws(r[c])]] if ws(r[c]) else None
        photo = {"y": "true", "n": "false"}.get(r["PHOTO ON FILE"].strip().lower())
        yb = r["YEAR BUILT"].strip()
        wrecks.append([i, ws(r["SHIP'S NAME"]), ws(r["AKA"]) or None, ws(r["SHIP'S OWNER"]) or None,
                       vid[vt[ws(r["VESSEL TYPE"])]] if ws(r["VESSEL TYPE"]) else None,
                       yb if re.fullmatch(r"\d{4}", yb) else None, ws(r["WHERE BUILT"]) or None,
                       date, year, month, ws(r["DATE LOST"]) or None,
                       lid[lc[ws(r["LOCATION LOST"])]] if ws(r["LOCATION LOST"]) else None,
                       _b109_dms(r["LATITUDE"]), _b109_dms(r["LONGITUDE"]),
                       ws(r["CAUSE OF LOSS"]) or None, ws(r["CONSTRUCTION"]) or None, ws(r["FLAG"]) or None,
                       _b109_num(r["LENGTH"]), _b109_num(r["BEAM"]), _b109_num(r["DRAFT"]),
                       _b109_num(r["GROSS TONNAGE"]),
                       _b109_num(r["NET TONNAGE"]),
                       port("HOME (HAILING) PORT"), port("DEPARTURE PORT"), port("DESTINATION PORT"),
                       ws(r["MASTER"]) or None, _b109_num(r["# CREW"], True), _b109_num(r["# PASS"], True),
                       _b109_num(r["LIVES LOST"], True), _b109_money(r["SHIP VALUE"]), _b109_money(r["CARGO VALUE"]),
                       ws(r["NATURE OF CARGO"]) or None, ws(r["USLSS STATION NAME"]) or None, photo,
                       ws(r["MISC INFORMATION"]) or None])
    _b107_table(srv, db, "vessel_types", [("vessel_type_id", "integer"), ("vessel_type", "text")],
                [[v, n] for n, v in vid.items()])
    _b107_table(srv, db, "ports", [("port_id", "integer"), ("port_name", "text")], [[v, n] for n, v in pid.items()])
    _b107_table(srv, db, "loss_locations", [("location_id", "integer"), ("location_name", "text"),
                                            ("latitude", "numeric"), ("longitude", "numeric")],
                [[v, n, *lcoord.get(n, (None, None))] for n, v in lid.items()])
    _b107_table(srv, db, "wrecks", [
        ("wreck_id", "integer"), ("ship_name", "text"), ("also_known_as", "text"), ("owner", "text"),
        ("vessel_type_id", "integer"), ("year_built", "integer"), ("where_built", "text"), ("date_lost", "date"),
        ("year_lost", "integer"), ("month_lost", "integer"), ("date_lost_as_written", "text"),
        ("location_id", "integer"), ("latitude", "numeric"), ("longitude", "numeric"), ("cause_of_loss", "text"),
        ("hull_material", "text"), ("flag", "text"), ("length_ft", "numeric"), ("beam_ft", "numeric"),
        ("draft_ft", "numeric"), ("gross_tonnage", "numeric"), ("net_tonnage", "numeric"),
        ("home_port_id", "integer"), ("departure_port_id", "integer"), ("destination_port_id", "integer"),
        ("master", "text"), ("crew", "integer"), ("passengers", "integer"), ("lives_lost", "integer"),
        ("ship_value_usd", "integer"), ("cargo_value_usd", "integer"), ("cargo", "text"),
        ("lifesaving_station", "text"), ("photo_on_file", "boolean"), ("notes", "text")], wrecks)
    add_keys(srv, db, [("vessel_types", ["vessel_type_id"]), ("ports", ["port_id"]),
                       ("loss_locations", ["location_id"]), ("wrecks", ["wreck_id"])],
             [("wrecks", "vessel_type_id", "vessel_types", "vessel_type_id"),
              ("wrecks", "location_id", "loss_locations", "location_id"),
              ("wrecks", "home_port_id", "ports", "port_id"), ("wrecks", "departure_port_id", "ports", "port_id"),
              ("wrecks", "destination_port_id", "ports", "port_id")])


HK_RESULT_CODES = [("WV", "withdrawn on veterinary advice"), ("WV-A", "withdrawn on veterinary advice at the start"),
                   ("WX", "withdrawn by order of the stewards"),
                   ("WX-A", "withdrawn by order of the stewards at the start"),
                   ("PU", "pulled up"), ("UR", "unseated rider"), ("FE", "fell"), ("DNF", "did not finish"),
                   ("TNP", "took no part"), ("DISQ", "disqualified")]


def load_hk_horse_racing(srv, db, files):
    """Hong Kong Jockey Club race results of the 2014/15 and 2015/16
    seasons (14 September 2014 - 10 July 2016), as scraped from the club's
    result pages and published on Kaggle, in a student's repository (the
    repository states no licence): racecourses (Sha Tin, Happy Valley),
    races (1,561: race_id as the club numbers them in a season, '2014-001';
    date, racecourse, race number of the day, class ('Class 4', 'Group
    One' ...), distance in metres, going ('GOOD TO FIRM' ...), surface
    'Turf' or 'All Weather' and the turf course rail ('A', 'C+3'), race
    name, sectional times and the stewards' incident report), horses
    (1,747 by brand number, 'K019'), jockeys (88) and trainers (77) by name
    as printed ('J Moreira', 'A S Cruz'), runs (19,996 horse-in-race rows:
    horse number, jockey, trainer, draw, carried and declared weight in
    lb, finishing position (NULL for a horse that did not finish or was
    withdrawn, then result_code), dead heat, margin behind the winner as
    printed ('2-1/4', 'SH', 'N', '-' for the winner), finish time in
    seconds, win odds), running_positions (the horse's place at each
    call) and result_codes (the club's codes for not finishing). Keys:
    racecourses.racecourse_id, races.race_id, horses.horse_id,
    jockeys.jockey_id, trainers.trainer_id, result_codes.result_code,
    runs (race_id, horse_id), running_positions (race_id, horse_id,
    call_number); races -> racecourses; runs -> races, horses, jockeys,
    trainers, result_codes; running_positions -> runs."""
    def undo(m):  # UTF-8 bytes read as Latin-1: 'Club\u00e2\x80\x99s' -> 'Club\u2019s'
        try:
            return m.group(0).encode("latin-1").decode("utf-8")
        except UnicodeError:
            return m.group(0)

    def fix(s):
        s = re.sub(r"[\xc2-\xf4][\x80-\xbf]+", undo, s)
        return re.sub("\ufffd+", "\u2019", s).replace("\xa0", " ")
    races = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    runs = list(csv.DictReader(io.StringIO(files[1].lstrip("\ufeff"))))
    courses = {"Sha Tin": 1, "Happy Valley": 2}
    race_rows = []
    for r in races:
        tr = r["track"].strip()
        m = re.fullmatch(r'TURF - "([A-C](?:\+\d)?)" COURSE', tr)
        assert m or tr == "ALL WEATHER TRACK", tr
        rep = "\n".join(l.strip() for l in fix(r["incident_report"]).strip().splitlines() if l.strip())
        race_rows.append([r["race_id"], r["race_date"], courses[r["race_course"]], r["race_number"],
                          r["race_class"], r["race_distance"], r["track_condition"],
                          "Turf" if m else "All Weather", m.group(1) if m else None, r["race_name"].strip(),
                          r["sectional_time"].strip(), rep or None])
    race_rows.sort(key=lambda x: x[0])
    jk = {n: i for i, n in enumerate(sorted({r["jockey"] for r in runs}), 1)}
    tn = {n: i for i, n in enumerate(sorted({r["trainer"] for r in runs}), 1)}
    horses = sorted({(r["horse_id"], r["horse_name"]) for r in runs})
    codes = {c for c, _ in HK_RESULT_CODES}
    na = lambda v: None if v in ("NA", "---", "") else v
    run_rows, pos_rows = [], []
    for r in runs:
        fp = r["finishing_position"].strip()
        m = re.fullmatch(r"(\d+)( DH)?", fp)
        assert m or fp in codes or fp == "NA", fp
        t = na(r["finish_time"])
        if t:
            a, b, c = t.split(".")
            t = "%.2f" % (int(a) * 60 + int(b) + int(c) / 100)
        run_rows.append([r["race_id"], r["horse_id"], na(r["horse_number"]), jk[r["jockey"]], tn[r["trainer"]],
                         na(r["draw"]), na(r["actual_weight"]), na(r["declared_horse_weight"]),
                         m.group(1) if m else None, "true" if m and m.group(2) else "false",
                         fp if fp in codes else None, na(r["length_behind_winner"]), t, na(r["win_odds"])])
        for k in range(1, 7):
            p = na(r[f"running_position_{k}"])
            if p:
                pos_rows.append([r["race_id"], r["horse_id"], k, p])
    _b107_table(srv, db, "racecourses", [("racecourse_id", "integer"), ("racecourse_name", "text")],
                [[v, k] for k, v in courses.items()])
    _b107_table(srv, db, "races", [
        ("race_id", "text"), ("race_date", "date"), ("racecourse_id", "integer"), ("race_number", "integer"),
        ("race_class", "text"), ("distance_m", "integer"), ("going", "text"), ("surface", "text"),
        ("turf_course", "text"), ("race_name", "text"), ("sectional_times", "text"), ("incident_report", "text")],
        race_rows)
    _b107_table(srv, db, "horses", [("horse_id", "text"), ("horse_name", "text")], horses)
    _b107_table(srv, db, "jockeys", [("jockey_id", "integer"), ("jockey_name", "text")],
                [[v, k] for k, v in jk.items()])
    _b107_table(srv, db, "trainers", [("trainer_id", "integer"), ("trainer_name", "text")],
                [[v, k] for k, v in tn.items()])
    _b107_table(srv, db, "result_codes", [("result_code", "text"), ("meaning", "text")], HK_RESULT_CODES)
    _b107_table(srv, db, "runs", [
        ("race_id", "text"), ("horse_id", "text"), ("horse_number", "integer"), ("jockey_id", "integer"),
        ("trainer_id", "integer"), ("draw", "integer"), ("actual_weight_lb", "integer"),
        ("declared_weight_lb", "integer"), ("finishing_position", "integer"), ("dead_heat", "boolean"),
        ("result_code", "text"), ("margin_behind_winner", "text"), ("finish_time_s", "numeric"),
        ("win_odds", "numeric")], run_rows)
    _b107_table(srv, db, "running_positions", [("race_id", "text"), ("horse_id", "text"), ("call_number", "integer"),
                                               ("position", "integer")], pos_rows)
    add_keys(srv, db, [("racecourses", ["racecourse_id"]), ("races", ["race_id"]), ("horses", ["horse_id"]),
                       ("jockeys", ["jockey_id"]), ("trainers", ["trainer_id"]), ("result_codes", ["result_code"]),
                       ("runs", ["race_id", "horse_id"]),
                       ("running_positions", ["race_id", "horse_id", "call_number"])],
             [("races", "racecourse_id", "racecourses", "racecourse_id"), ("runs", "race_id", "races", "race_id"),
              ("runs", "horse_id", "horses", "horse_id"), ("runs", "jockey_id", "jockeys", "jockey_id"),
              ("runs", "trainer_id", "trainers", "trainer_id"),
              ("runs", "result_code", "result_codes", "result_code")])
    srv.psql(db, "ALTER TABLE running_positions ADD FOREIGN KEY (race_id, horse_id) REFERENCES runs (race_id, horse_id)")


def load_pga_tour_2021(srv, db, files):
    """PGA Tour results of the 2020-21 season (Safeway Open, September
    2020, to the Tour Championship, September 2021), one row per player
    and tournament, from Advanced Sports Analytics' tournament-level file
    as a student's data-analytics project keeps it (the repository states
    no licence): courses (45: course name, city, and state or country as
    listed: 'Augusta National Golf Club', 'Augusta', 'GA'), tournaments
    (47 by ESPN event id, 44 names: 'Masters Tournament' twice (November
    2020 and April 2021), also the U.S. Open and the Corales Puntacana;
    final-round date, course, purse in millions of dollars, season,
    no_cut),
    players (421 by ESPN player id: full name and the short 'J. Rahm')
    and results (5,687: rounds played, made the cut, finishing position
    (from the published finish text 'T9', 'CUT', 'WD', 'DQ', else the
    position column), the finish text as published, strokes, par of the
    holes played, and strokes gained putting, around the green, approach,
    off the tee, tee to green and total per round, where published). The
    fantasy-sports points columns and two unnamed rank columns are not
    loaded; of the one (tournament, player) pair published twice (Si Woo
    Kim at the CJ Cup) the row whose finish agrees with its position is
    kept. Keys: courses.course_id, tournaments.tournament_id,
    players.player_id, results (tournament_id, player_id); tournaments ->
    courses; results -> tournaments, players."""
    rows = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    na = lambda v: None if v.strip() in ("NA", "") else v.strip()
    seen, keep = {}, []
    for r in rows:
        k = (r["tournament id"], r["player id"])
        agrees = r["Finish"].lstrip("T") == r["pos"]
        if k in seen:
            if agrees and not seen[k][1]:
                keep[seen[k][0]] = r
                seen[k] = (seen[k][0], True)
            continue
        seen[k] = (len(keep), agrees)
        keep.append(r)
    cs = sorted({r["course"].strip() for r in keep})
    cid = {c: i for i, c in enumerate(cs, 1)}
    course_rows = []
    for c in cs:
        name, place = c.rsplit(" - ", 1)
        city, region = place.rsplit(", ", 1)
        course_rows.append([cid[c], name.strip(), city.strip(), region.strip()])
    tours, players, results = {}, {}, []
    for r in keep:
        d, m, y = r["date"].split("/")
        t = (r["tournament id"], r["tournament name"].strip(), cid[r["course"].strip()], f"{y}-{m}-{d}",
             r["purse"], r["season"], "true" if r["no_cut"] == "1" else "false")
        assert tours.setdefault(r["tournament id"], t) == t
        p = (r["player id"], r["player"].strip(), r["Player_initial_last"].strip())
        assert players.setdefault(r["player id"], p) == p
        fin = na(r["Finish"])
        pos = fin.lstrip("T") if fin and fin.lstrip("T").isdigit() else na(r["pos"])
        results.append([r["tournament id"], r["player id"], r["n_rounds"], "true" if r["made_cut"] == "1" else "false",
                        pos, fin, r["strokes"], r["hole_par"],
                        *(na(r[c]) for c in ("sg_putt", "sg_arg", "sg_app", "sg_ott", "sg_t2g", "sg_total"))])
    _b107_table(srv, db, "courses", [("course_id", "integer"), ("course_name", "text"), ("city", "text"),
                                     ("state_or_country", "text")], course_rows)
    _b107_table(srv, db, "tournaments", [("tournament_id", "integer"), ("tournament_name", "text"),
                                         ("course_id", "integer"), ("end_date", "date"),
                                         ("purse_million_usd", "numeric"), ("season", "integer"),
                                         ("no_cut", "boolean")], sorted(tours.values(), key=lambda t: (t[3], t[0])))
    _b107_table(srv, db, "players", [("player_id", "integer"), ("player_name", "text"), ("short_name", "text")],
                sorted(players.values(), key=lambda p: int(p[0])))
    _b107_table(srv, db, "results", [
        ("tournament_id", "integer"), ("player_id", "integer"), ("rounds_played", "integer"), ("made_cut", "boolean"),
        ("finish_position", "integer"), ("finish", "text"), ("strokes", "integer"), ("par", "integer"),
        ("sg_putting", "numeric"), ("sg_around_green", "numeric"), ("sg_approach", "numeric"),
        ("sg_off_tee", "numeric"), ("sg_tee_to_green", "numeric"), ("sg_total", "numeric")], results)
    add_keys(srv, db, [("courses", ["course_id"]), ("tournaments", ["tournament_id"]), ("players", ["player_id"]),
                       ("results", ["tournament_id", "player_id"])],
             [("tournaments", "course_id", "courses", "course_id"),
              ("results", "tournament_id", "tournaments", "tournament_id"),
              ("results", "player_id", "players", "player_id")])


LOADERS.update(nj_shipwrecks=load_nj_shipwrecks, hk_horse_racing=load_hk_horse_racing,
               pga_tour_2021=load_pga_tour_2021)
DATASETS.update({
    "sacramento_groundwater": ("r4wrds/r4wrds", "ff72fa2a2df32ec300c05fe9cb370aa9a62c192a",
                               [f"quarto-book/intermediate/data/gwl/county/{c}.csv"
                                for c in ("El Dorado", "Placer", "Sacramento")]
                               + ["quarto-book/intermediate/data/gwl/perforations.csv",
                                  "quarto-book/intermediate/data/gwl/measurements_sep.csv.zip"]),
    "ms_prison_population": ("bfeldman89/data", "e3a749a71f037eb77b5b44ec32fbfe7382af5e30",
                             ["mdoc/daily_pop/daily_inmate_pop.csv"]),
    "lancaster_fire_dispatch": ("mccright/emerg-call-data-review", "3ed617945e453dc098005c07de0a5d478f5d0fb8",
                                ["rawdata/rvfd-calls-for-service-2010-2020.zip", "EMD-Codes-2016.txt"]),
})


def load_sacramento_groundwater(srv, db, files):
    """Groundwater level monitoring wells of three California counties
    (Sacramento, Placer, El Dorado) and their periodic water-level
    measurements, November 1929 to September 2020 (the California
    Department of Water Resources' "Periodic Groundwater Level
    Measurements" open data, public domain, extracted 2020-09-22 and
    filtered to the three counties by the UC Davis course "R for Water
    Resources Data Science", whose repository keeps the files; software
    Apache 2.0): counties (3), basins (groundwater basins and subbasins by
    DWR's code, '5-021.64' North American ...), organizations (the
    agencies that took or supplied measurements, 17, DWR's ids),
    stations (723 wells: DWR's STN_ID as station_id, the 18-character
    site_code, the state well number and local well name where given,
    coordinates, county, basin, well_depth_ft, well_use, well_type, how
    the location was fixed and its accuracy), perforations (the screened
    intervals of 391 wells, top and bottom in feet below ground) and
    measurements (45,472: DWR's WLM_ID, the station, measured_at, the
    reference-point and ground-surface elevations, the two tape readings,
    water_surface_elev_ft, depth_below_rp_ft and depth_to_water_ft (feet
    below ground; NULL with the elevation when no measurement could be
    taken, then quality_issue says why: 'Pumping', 'Dry well' ...),
    method, accuracy, the collecting and the cooperating organization, a
    free-text comment). 'NA' is read as NULL everywhere. Keys:
    counties.county_id, basins.basin_code, organizations.org_id,
    stations.station_id, perforations (station_id, perforation_no),
    measurements.measurement_id; stations -> counties, basins;
    perforations -> stations; measurements -> stations, organizations
    (collecting_org_id, cooperating_org_id)."""
    import zipfile
    na = lambda v: None if v is None or v.strip() in ("", "NA") else v.strip()
    st = []
    for text in files[:3]:
        st += list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    counties = sorted({r["COUNTY_NAME"] for r in st})
    cid = {c: i for i, c in enumerate(counties, 1)}
    basins = sorted({(r["BASIN_CODE"], r["BASIN_NAME"]) for r in st if na(r["BASIN_CODE"])})
    assert len({b for b, _ in basins}) == len(basins)
    st.sort(key=lambda r: int(r["STN_ID"]))
    stations = [[int(r["STN_ID"]), r["SITE_CODE"], na(r["SWN"]), na(r["WELL_NAME"]), r["LATITUDE"], r["LONGITUDE"],
                 cid[r["COUNTY_NAME"]], na(r["BASIN_CODE"]), na(r["WELL_DEPTH"]), na(r["WELL_USE"]), na(r["WELL_TYPE"]),
                 na(r["WLM_METHOD"]), na(r["WLM_ACC"])] for r in st]
    sids = {s[0] for s in stations}
    perf, seq = [], {}
    for r in csv.DictReader(io.StringIO(files[3].lstrip("\ufeff"))):
        s = int(r["STN_ID"])
        if s in sids:
            seq[s] = seq.get(s, 0) + 1
            perf.append([s, seq[s], na(r["TOP_PRF"]), na(r["BOT_PRF"])])
    z = zipfile.ZipFile(io.BytesIO(files[4]))
    ms = list(csv.DictReader(io.StringIO(z.read("measurements_sep.csv").decode("utf-8").lstrip("\ufeff"))))
    orgs = {}
    for r in ms:
        for i, n in (("WLM_ORG_ID", "WLM_ORG_NAME"), ("COOP_AGENCY_ORG_ID", "COOP_ORG_NAME")):
            if na(r[i]):
                assert orgs.setdefault(int(r[i]), r[n].strip()) == r[n].strip()
    meas = []
    for r in ms:
        assert int(r["STN_ID"]) in sids
        ts = r["MSMT_DATE"]
        m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d):\d\dZ", ts)
        assert m, ts
        meas.append([int(r["WLM_ID"]), int(r["STN_ID"]), f"{m.group(1)} {m.group(2)}",
                     *(na(r[c]) for c in ("WLM_RPE", "WLM_GSE", "RDNG_WS", "RDNG_RP", "WSE", "RPE_WSE", "GSE_WSE",
                                          "WLM_QA_DESC", "WLM_DESC", "WLM_ACC_DESC", "WLM_ORG_ID",
                                          "COOP_AGENCY_ORG_ID", "MSMT_CMT"))])
    meas.sort(key=lambda x: x[0])
    print(f"  {db}.counties: " + str(load_csv_table(srv, db, "counties", _csv_text(
        ["county_id", "county_name"], [[cid[c], c] for c in counties]))) + " rows")
    print(f"  {db}.basins: " + str(load_csv_table(srv, db, "basins", _csv_text(
        ["basin_code", "basin_name"], basins))) + " rows")
    print(f"  {db}.organizations: " + str(load_csv_table(srv, db, "organizations", _csv_text(
        ["org_id", "org_name"], sorted(orgs.items())))) + " rows")
    print(f"  {db}.stations: " + str(load_csv_table(srv, db, "stations", _csv_text(
        ["station_id", "site_code", "state_well_number", "well_name", "latitude", "longitude", "county_id",
         "basin_code", "well_depth_ft", "well_use", "well_type", "location_method", "location_accuracy"],
        stations))) + " rows")
    print(f"  {db}.perforations: " + str(load_csv_table(srv, db, "perforations", _csv_text(
        ["station_id", "perforation_no", "top_ft", "bottom_ft"], perf))) + " rows")
    print(f"  {db}.measurements: " + str(load_csv_table(srv, db, "measurements", _csv_text(
        ["measurement_id", "station_id", "measured_at", "reference_point_elev_ft", "ground_surface_elev_ft",
         "reading_at_water_ft", "reading_at_reference_ft", "water_surface_elev_ft", "depth_below_rp_ft",
         "depth_to_water_ft", "quality_issue", "method", "accuracy", "collecting_org_id", "cooperating_org_id",
         "comment"], meas))) + " rows")
    srv.psql(db, "ALTER TABLE stations ALTER state_well_number TYPE text, ALTER well_name TYPE text, "
                 "ALTER well_depth_ft TYPE numeric USING well_depth_ft::numeric; "
                 "ALTER TABLE measurements ALTER comment TYPE text")
    add_keys(srv, db, [("counties", ["county_id"]), ("basins", ["basin_code"]), ("organizations", ["org_id"]),
                       ("stations", ["station_id"]), ("perforations", ["station_id", "perforation_no"]),
                       ("measurements", ["measurement_id"])],
             [("stations", "county_id", "counties", "county_id"), ("stations", "basin_code", "basins", "basin_code"),
              ("perforations", "station_id", "stations", "station_id"),
              ("measurements", "station_id", "stations", "station_id"),
              ("measurements", "collecting_org_id", "organizations", "org_id"),
              ("measurements", "cooperating_org_id", "organizations", "org_id")])


# the daily sheet's columns by section: the state prisons come first without a header, then one
# column each for state inmates in county jails, then sections whose header column is a published
# subtotal (not loaded); the last three columns are two special counts and the published total
MS_PRISON_TYPES = ["State prison", "County jail", "Community work center", "Regional correctional facility",
                   "Private prison", "Restitution center", "Transitional housing", "Other"]
MS_PRISON_SECTIONS = {"COMMUNITY WORK CENTERS": 3, "REGIONAL CORRECTIONAL FACILITIES": 4, "PRIVATE PRISONS": 5,
                      "RESTITUTION CENTERS": 6, "TRANSITIONAL HOUSING": 7}
# names as the department's own monthly sheets write them, where they differ from the daily columns
MS_PRISON_FULL_NAMES = {"MSP": "Mississippi State Penitentiary", "CMCF": "Central Mississippi Correctional Facility",
                        "SMCI": "South Mississippi Correctional Institution", "YOU": "Youthful Offender Unit",
                        "EMCF": "East Mississippi"}


def load_ms_prison_population(srv, db, files):
    """The Mississippi Department of Corrections' daily inmate population
    by facility, 1 May 2001 to 11 August 2020 (the department's daily
    population PDF sheets as a Mississippi journalist parsed them into
    one table in his data repository, CC BY-NC-SA 4.0; counts only, no
    people): facility_types (State prison, County jail, Community work
    center, Regional correctional facility, Private prison, Restitution
    center, Transitional housing, Other — the sheet's sections),
    facilities (67 columns of the sheet as named there: 'MSP', 'CMCF
    TVC', 'Alcorn Satellite Facility', 'Marshall County', 'Rankin/Flowood'
    ...; full_name where the department's monthly sheets spell a name
    out, 'Mississippi State Penitentiary'; 'COUNTY JAILS' is the state
    inmates held in county jails, one figure; "GOVERNOR'S MANSION" and
    'E-CODE' are the sheet's own two lines), daily_counts (one per day and
    facility with a published figure, zeros kept; a facility has no row
    on days the sheet leaves it blank — before it opened or after it
    closed) and daily_totals (the sheet's TOTALS line, 6,944 days; 37
    days have no sheet figures at all). The section subtotal columns are
    not loaded; the published total is not always the sum of the
    facilities (a line left out by the parsing or by the sheet). Keys:
    facility_types.type_id, facilities.facility_id, daily_counts
    (count_date, facility_id), daily_totals.count_date; facilities ->
    facility_types; daily_counts -> facilities."""
    rows = list(csv.reader(io.StringIO(files[0].lstrip("\ufeff"))))
    head = [h.strip() for h in rows[0]]
    assert head[0] == "date" and head[-1] == "TOTALS"
    facs, col_fac, t = [], {}, 1
    for i, h in enumerate(head[1:-1], 1):
        if h in MS_PRISON_SECTIONS:
            t = MS_PRISON_SECTIONS[h]
            continue
        if h == "COUNTY JAILS":
            ft = 2
        elif h in ("GOVERNOR'S MANSION", "E-CODE"):
            ft = 8
        else:
            ft = t
        facs.append([len(facs) + 1, h, MS_PRISON_FULL_NAMES.get(h), ft])
        col_fac[i] = len(facs)
    counts, totals = [], []
    for r in rows[1:]:
        if not r:
            continue
        d = r[0]
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", d), d
        for i, f in col_fac.items():
            v = r[i].strip() if i < len(r) else ""
            if v:
                counts.append([d, f, int(v.replace(",", ""))])
        v = r[len(head) - 1].strip() if len(r) >= len(head) else ""
        if v:
            totals.append([d, int(v.replace(",", ""))])
    print(f"  {db}.facility_types: " + str(load_csv_table(srv, db, "facility_types", _csv_text(
        ["type_id", "type_name"], [[i, n] for i, n in enumerate(MS_PRISON_TYPES, 1)]))) + " rows")
    print(f"  {db}.facilities: " + str(load_csv_table(srv, db, "facilities", _csv_text(
        ["facility_id", "facility_name", "full_name", "type_id"], facs))) + " rows")
    print(f"  {db}.daily_counts: " + str(load_csv_table(srv, db, "daily_counts", _csv_text(
        ["count_date", "facility_id", "inmates"], counts))) + " rows")
    print(f"  {db}.daily_totals: " + str(load_csv_table(srv, db, "daily_totals", _csv_text(
        ["count_date", "total_inmates"], totals))) + " rows")
    add_keys(srv, db, [("facility_types", ["type_id"]), ("facilities", ["facility_id"]),
                       ("daily_counts", ["count_date", "facility_id"]), ("daily_totals", ["count_date"])],
             [("facilities", "type_id", "facility_types", "type_id"),
              ("daily_counts", "facility_id", "facilities", "facility_id")])


# the EMD priority levels as the repository's EMD code list explains them
EMD_LEVELS = [("A", "Alpha", "Code 1", "Low Priority"),
              ("B", "Bravo", "Code 2", "Mid Priority (calls that may involve First Responders)"),
              ("C", "Charlie", "Code 3", "Possibly Life Threatening"),
              ("D", "Delta", "Code 3", "Life Threatening"),
              ("E", "Echo", "Code 3", "Full Arrest or Imminent Death"),
              ("O", "Omega", "Code 1", "Lowest Priority")]
DISPATCH_EVENTS = [("Unit_Dispatch_Times", "dispatched_at"), ("Unit_Enroute_Times", "enroute_at"),
                   ("Unit_Arrive_Times", "arrived_at"), ("Unit_At_Patient_Times", "at_patient_at"),
                   ("Unit_Enroute_To_Hospital_Times", "to_hospital_at"),
                   ("Unit_Arrive_At_Hospital_Times", "at_hospital_at"), ("Unit_Fire_Out_Times", "fire_out_at"),
                   ("Unit_Clear_Times", "cleared_at")]


def load_lancaster_fire_dispatch(srv, db, files):
    """Calls for service of the rural fire and rescue departments of
    Lancaster County, Nebraska (around Lincoln), dispatched by the
    Lincoln 911 centre, January 2010 to December 2020 (the raw CAD
    extract a volunteer analyst received, in his repository with the
    Medical Priority Dispatch System (EMD) code list he typed; MIT):
    emd_cards (the EMD protocol cards, 1 'Abdominal Pain / Problem' ...
    36), emd_levels (A Alpha ... E Echo, O Omega, with the response code
    and priority the list gives), call_types (599 codes as dispatched:
    EMD determinants such as '29D2P' split into emd_card, emd_level,
    determinant_no and suffix, with the determinant's description from
    the list where it has one; the department's own codes — 'GRASFIRE',
    'FIREA', 'ALS', 'STILL', 'MEDLE' ... — have NULLs there), units (207
    apparatus codes, 'WAVE1', 'M6', 'SW11', '8705'; agency_code the
    leading letters, NULL for numeric codes), incidents (19,513: the CAD
    incident number, incident_date (the extract gives no time of call),
    response_level as published (a one- or two-character code the file
    does not explain), call_type, disposition_remarks; 7 rows repeated
    with only the fdid changed are loaded once, fdid not loaded; test
    calls and 'STORED COMPLAINT DUP' duplicates kept as published) and
    unit_responses (one per incident and unit named in any time list:
    dispatched_at, enroute_at, arrived_at, at_patient_at, to_hospital_at,
    at_hospital_at, fire_out_at as the first time listed for the unit,
    cleared_at the last, time_in_service as published). The lists give
    clock times only: each is put on the incident date, or on the next
    day when it is more than 12 hours before the incident's first
    dispatch time (a call running past midnight). Keys: emd_cards.card_no,
    emd_levels.level_code, call_types.call_type, units.unit_code,
    incidents.incident_num, unit_responses (incident_num, unit_code);
    call_types -> emd_cards, emd_levels; incidents -> call_types;
    unit_responses -> incidents, units."""
    import datetime
    import zipfile
    z = zipfile.ZipFile(io.BytesIO(files[0]))
    text = z.read("rvfd-calls-for-service-2010-2020.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    codes = files[1].replace("\r", "")
    head, rest = codes.split("\n\n", 1)
    cards = []
    for line in head.splitlines()[2:]:
        m = re.fullmatch(r"(\d+) (.+)", line.strip())
        cards.append([int(m.group(1)), m.group(2).strip()])
    cardset = {c for c, _ in cards}
    desc = {}
    for line in rest.splitlines():
        for c, lv, n, d in re.findall(r"(\d{1,2})([ABCDEΩ])(\d{1,2}) (.+?)(?=\s+\d{1,2}[ABCDEΩ]\d{1,2} |$)", line):
            desc.setdefault((int(c), lv.replace("Ω", "O"), int(n)), d.strip())
    sec = lambda t: int(t[:2]) * 3600 + int(t[3:5]) * 60 + int(t[6:8])

    def pairs(v):
        v = v.strip()
        if v in ("", "NULL"):
            return []
        out = []
        for p in v.split(","):
            if p.strip():
                u, t = p.strip().split("=")
                assert re.fullmatch(r"\d\d:\d\d:\d\d", t), p
                out.append((u.strip(), t))
        return out
    incidents, responses, ctypes, units, seen = [], [], set(), set(), set()
    for r in rows:
        key = tuple(v for k, v in r.items() if k != "fdid")
        if key in seen:
            continue
        seen.add(key)
        num = int(r["incident_num"])
        m, d, y = r["incident_date"].split()[0].split("/")
        day = datetime.date(2000 + int(y), int(m), int(d))
        ct = r["call_type"].strip()
        ctypes.add(ct)
        incidents.append([num, day.isoformat(), r["response_level"].strip() or None, ct,
                          r["disposition_remarks"].strip() or None])
        lists = {c: pairs(r[c]) for c, _ in DISPATCH_EVENTS}
        tis = pairs(r["Time_In_Service"])
        first = (lists["Unit_Dispatch_Times"] or [p for c, _ in DISPATCH_EVENTS for p in lists[c]] or tis)
        if not first:
            continue
        anchor = sec(first[0][1])

        def stamp(t):
            dd = day + datetime.timedelta(days=1) if anchor - sec(t) > 12 * 3600 else day
            return f"{dd.isoformat()} {t}"
        order, per = [], {}
        for c, name in DISPATCH_EVENTS:
            for u, t in lists[c]:
                if u not in per:
                    per[u] = {}
                    order.append(u)
                if name == "cleared_at" or name not in per[u]:
                    per[u][name] = stamp(t)
        for u, t in tis:
            if u not in per:
                per[u] = {}
                order.append(u)
            per[u].setdefault("time_in_service", t)
        for u in order:
            units.add(u)
            responses.append([num, u] + [per[u].get(n) for _, n in DISPATCH_EVENTS] + [per[u].get("time_in_service")])
    assert len({i[0] for i in incidents}) == len(incidents)
    ct_rows = []
    for ct in sorted(ctypes):
        m = re.fullmatch(r"(\d{1,2})([ABCDEO])(\d{1,2})([A-Z]?)", ct)
        if m and int(m.group(1)) in cardset:
            c, lv, n = int(m.group(1)), m.group(2), int(m.group(3))
            ct_rows.append([ct, c, lv, n, m.group(4) or None, desc.get((c, lv, n))])
        else:
            ct_rows.append([ct, None, None, None, None, None])
    unit_rows = [[u, (re.match(r"[A-Z]+", u).group(0) if re.match(r"[A-Z]+", u) else None)] for u in sorted(units)]
    print(f"  {db}.emd_cards: " + str(load_csv_table(srv, db, "emd_cards", _csv_text(
        ["card_no", "card_name"], cards))) + " rows")
    print(f"  {db}.emd_levels: " + str(load_csv_table(srv, db, "emd_levels", _csv_text(
        ["level_code", "level_name", "response_code", "priority"], EMD_LEVELS))) + " rows")
    print(f"  {db}.call_types: " + str(load_csv_table(srv, db, "call_types", _csv_text(
        ["call_type", "emd_card", "emd_level", "determinant_no", "suffix", "description"], ct_rows))) + " rows")
    print(f"  {db}.units: " + str(load_csv_table(srv, db, "units", _csv_text(
        ["unit_code", "agency_code"], unit_rows))) + " rows")
    print(f"  {db}.incidents: " + str(load_csv_table(srv, db, "incidents", _csv_text(
        ["incident_num", "incident_date", "response_level", "call_type", "disposition_remarks"], incidents))) + " rows")
    print(f"  {db}.unit_responses: " + str(load_csv_table(srv, db, "unit_responses", _csv_text(
        ["incident_num", "unit_code"] + [n for _, n in DISPATCH_EVENTS] + ["time_in_service"], responses))) + " rows")
    srv.psql(db, "ALTER TABLE call_types ALTER call_type TYPE text, ALTER suffix TYPE text; "
                 "ALTER TABLE units ALTER unit_code TYPE text; "
                 "ALTER TABLE incidents ALTER response_level TYPE text, ALTER call_type TYPE text; "
                 "ALTER TABLE unit_responses ALTER unit_code TYPE text, "
                 "ALTER time_in_service TYPE interval USING time_in_service::interval")
    add_keys(srv, db, [("emd_cards", ["card_no"]), ("emd_levels", ["level_code"]), ("call_types", ["call_type"]),
                       ("units", ["unit_code"]), ("incidents", ["incident_num"]),
                       ("unit_responses", ["incident_num", "unit_code"])],
             [("call_types", "emd_card", "emd_cards", "card_no"),
              ("call_types", "emd_level", "emd_levels", "level_code"),
              ("incidents", "call_type", "call_types", "call_type"),
              ("unit_responses", "incident_num", "incidents", "incident_num"),
              ("unit_responses", "unit_code", "units", "unit_code")])


LOADERS.update(sacramento_groundwater=load_sacramento_groundwater, ms_prison_population=load_ms_prison_population,
               lancaster_fire_dispatch=load_lancaster_fire_dispatch)


DATASETS.update({
    "hockey_databank": ("rippinrobr/hockey-databank", "de5944312d2e64944cfd7f61459f4c24938a387b",
                        [f"{t}.csv" for t in ("abbrev", "Teams", "Master", "Scoring", "Goalies", "Coaches",
                                              "AwardsPlayers", "HOF", "SeriesPost")]),
    "pterosaur_fossils": ("CaGrether/Pterosaurs", "4bd96d11e6cffcc1d9fe814d324c23b1a866bc91", ["pbdb_data.csv"]),
    "fmcs_work_stoppages": ("labordata/fmcs-work-stoppage", "5221db0821ca49911f394257d81273258761c593",
                            ["work_stoppages.csv"]),
})

HOCKEY_LEAGUES = [("NHA", "National Hockey Association"), ("NHL", "National Hockey League"),
                  ("PCHA", "Pacific Coast Hockey Association"), ("WCHL", "Western Canada Hockey League"),
                  ("WHA", "World Hockey Association")]


def _b111_int(v):
    v = (v or "").strip()
    if v == "":
        return None
    f = float(v)
    assert f == int(f), v
    return int(f)


def _b111_text(v):
    v = re.sub(r"\s+", " ", (v or "").strip())
    return v or None


def load_hockey_databank(srv, db, files):
    """The Hockey Databank (version 12 of July 2017, updated by the
    repository's owner to the 2017-18 season; "The information used herein
    was obtained free of charge from and is copyrighted by the Hockey Databank
    project"), seasons of the "major" leagues 1909-10 to 2017-18: leagues
    (NHA, NHL, PCHA, WCHL, WHA with their names), conferences, divisions,
    playoff_results and playoff_rounds (the codes of abbrev.csv with their
    names), team_seasons (one per team and season: season is the starting
    year, 2005 for 2005-06; games, wins, losses, ties, overtime and shootout
    losses, points, goals for and against, penalty minutes, power play and
    penalty kill), people (players, coaches and Hall of Fame builders and
    officials of Master.csv, their ids kept as player_code / coach_code /
    hof_code; birth and death dates assembled where day, month and year are
    given; a death year 9999 means deceased at an unknown date), player_seasons
    (Scoring.csv: one per player, season and stint with a team, regular season
    and post_* playoff totals), goalie_seasons (Goalies.csv), coach_seasons
    (Coaches.csv), player_awards, hall_of_fame (the induction year, category
    and the name as the Hall lists it) and playoff_series (winner and loser
    team seasons, games won and lost, goals; note EX exhibition, ND no
    decision, TG total-goals series, DEF default). Coaches.csv's
    'bednaja01c' (Jared Bednar, 2016 and 2017) is Master.csv's 'bednaja02c';
    a coach row of Master.csv shifted by a column (John Hynes: height in
    the weight column, weight in shootCatch) is put back. Keys:
    leagues.league_id,
    conferences.conference_code, divisions.division_code,
    playoff_results.result_code, playoff_rounds.round_code,
    team_seasons.team_season_id, people.person_id, player_seasons (person_id,
    season, stint), goalie_seasons (person_id, season, stint), coach_seasons
    (person_id, season, stint), player_awards.award_id,
    hall_of_fame.person_id, playoff_series.series_id."""
    rd = lambda t: list(csv.DictReader(io.StringIO(t.lstrip("\ufeff"))))
    abbrev, teams, master, scoring, goalies, coaches, awards, hof, series = (rd(t) for t in files)
    lookups = {k: [(r["Code"], r["Fullname"]) for r in abbrev if r["Type"] == k]
               for k in ("Conference", "Division", "Playoffs", "Round")}
    _b107_table(srv, db, "leagues", [("league_id", "text"), ("league_name", "text")], HOCKEY_LEAGUES)
    _b107_table(srv, db, "conferences", [("conference_code", "text"), ("conference_name", "text")],
                lookups["Conference"])
    _b107_table(srv, db, "divisions", [("division_code", "text"), ("division_name", "text")], lookups["Division"])
    _b107_table(srv, db, "playoff_results", [("result_code", "text"), ("result", "text")], lookups["Playoffs"])
    _b107_table(srv, db, "playoff_rounds", [("round_code", "text"), ("round_name", "text")], lookups["Round"])
    teams.sort(key=lambda r: (int(r["year"]), r["lgID"], r["tmID"]))
    tsid = {}
    trows = []
    for i, r in enumerate(teams, 1):
        tsid[(r["year"], r["tmID"])] = i
        trows.append([i, int(r["year"]), r["lgID"], r["tmID"], r["franchID"], _b111_text(r["name"]),
                      _b111_text(r["confID"]), _b111_text(r["divID"]), _b111_int(r["rank"]), _b111_text(r["playoff"])]
                     + [_b111_int(r[c]) for c in ("G", "W", "L", "T", "OTL", "Pts", "SoW", "SoL", "GF", "GA", "PIM",
                                                  "BenchMinor", "PPG", "PPC", "SHA", "PKG", "PKC", "SHF")])
    _b107_table(srv, db, "team_seasons", [(c, t) for c, t in (
        ("team_season_id", "integer"), ("season", "integer"), ("league_id", "text"), ("team_code", "text"),
        ("franchise_code", "text"), ("team_name", "text"), ("conference_code", "text"), ("division_code", "text"),
        ("final_rank", "integer"), ("playoff_result_code", "text"), ("games", "integer"), ("wins", "integer"),
        ("losses", "integer"), ("ties", "integer"), ("overtime_losses", "integer"), ("points", "integer"),
        ("shootout_wins", "integer"), ("shootout_losses", "integer"), ("goals_for", "integer"),
        ("goals_against", "integer"), ("penalty_minutes", "integer"), ("bench_minor_minutes", "integer"),
        ("power_play_goals", "integer"), ("power_play_chances", "integer"), ("shorthanded_goals_against", "integer"),
        ("power_play_goals_against", "integer"), ("penalty_kill_chances", "integer"),
        ("shorthanded_goals_for", "integer"))], trows)
    pid, cid, hid, prows = {}, {}, {}, []

    def day(y, m, d):
        return f"{int(y):04d}-{int(m):02d}-{int(d):02d}" if y and m and d and y != "9999" else None
    for i, r in enumerate(master, 1):
        if r["shootCatch"].isdigit():  # one coach row is shifted a column: height in weight, weight in shootCatch
            assert not r["height"], r
            r["height"], r["weight"], r["shootCatch"] = r["weight"], r["shootCatch"], ""
        for k, d in (("playerID", pid), ("coachID", cid), ("hofID", hid)):
            if r[k]:
                d[r[k]] = i
        prows.append([i, _b111_text(r["playerID"]), _b111_text(r["coachID"]), _b111_text(r["hofID"]),
                      _b111_text(r["firstName"]), _b111_text(r["lastName"]), _b111_text(r["nameGiven"]),
                      _b111_text(r["nameNick"]), _b111_text(r["nameNote"]), _b111_int(r["height"]),
                      _b111_int(r["weight"]), _b111_text(r["shootCatch"]), _b111_text(r["pos"]),
                      _b111_int(r["firstNHL"]), _b111_int(r["lastNHL"]), _b111_int(r["firstWHA"]),
                      _b111_int(r["lastWHA"]), _b111_int(r["birthYear"]),
                      day(r["birthYear"], r["birthMon"], r["birthDay"]), _b111_text(r["birthCountry"]),
                      _b111_text(r["birthState"]), _b111_text(r["birthCity"]),
                      None if r["deathYear"] == "9999" else _b111_int(r["deathYear"]),
                      day(r["deathYear"], r["deathMon"], r["deathDay"]), _b111_text(r["deathCountry"]),
                      _b111_text(r["deathState"]), _b111_text(r["deathCity"]), "true" if r["deathYear"] else "false"])
    _b107_table(srv, db, "people", [
        ("person_id", "integer"), ("player_code", "text"), ("coach_code", "text"), ("hof_code", "text"),
        ("first_name", "text"), ("last_name", "text"), ("given_name", "text"), ("nickname", "text"),
        ("name_note", "text"), ("height_in", "integer"), ("weight_lb", "integer"), ("shoots_catches", "text"),
        ("position", "text"), ("first_nhl_season", "integer"), ("last_nhl_season", "integer"),
        ("first_wha_season", "integer"), ("last_wha_season", "integer"), ("birth_year", "integer"),
        ("birth_date", "date"), ("birth_country", "text"), ("birth_state", "text"), ("birth_city", "text"),
        ("death_year", "integer"), ("death_date", "date"), ("death_country", "text"), ("death_state", "text"),
        ("death_city", "text"), ("is_deceased", "boolean")], prows)
    srows = [[pid[r["playerID"]], int(r["year"]), int(r["stint"]), tsid[(r["year"], r["tmID"])], _b111_text(r["pos"])]
             + [_b111_int(r[c]) for c in ("GP", "G", "A", "Pts", "PIM", "+/-", "PPG", "PPA", "SHG", "SHA", "GWG",
                                          "GTG", "SOG", "PostGP", "PostG", "PostA", "PostPts", "PostPIM", "Post+/-",
                                          "PostPPG", "PostPPA", "PostSHG", "PostSHA", "PostGWG", "PostSOG")]
             for r in scoring]
    _b107_table(srv, db, "player_seasons", [("person_id", "integer"), ("season", "integer"), ("stint", "integer"),
                                            ("team_season_id", "integer"), ("position", "text")]
                + [(c, "integer") for c in (
                    "games_played", "goals", "assists", "points", "penalty_minutes", "plus_minus", "power_play_goals",
                    "power_play_assists", "shorthanded_goals", "shorthanded_assists", "game_winning_goals",
                    "game_tying_goals", "shots", "post_games_played", "post_goals", "post_assists", "post_points",
                    "post_penalty_minutes", "post_plus_minus", "post_power_play_goals", "post_power_play_assists",
                    "post_shorthanded_goals", "post_shorthanded_assists", "post_game_winning_goals", "post_shots")],
                srows)
    grows = [[pid[r["playerID"]], int(r["year"]), int(r["stint"]), tsid[(r["year"], r["tmID"])]]
             + [_b111_int(r[c]) for c in ("GP", "Min", "W", "L", "T/OL", "ENG", "SHO", "GA", "SA", "PostGP",
                                          "PostMin", "PostW", "PostL", "PostT", "PostENG", "PostSHO", "PostGA",
                                          "PostSA")] for r in goalies]
    _b107_table(srv, db, "goalie_seasons", [("person_id", "integer"), ("season", "integer"), ("stint", "integer"),
                                            ("team_season_id", "integer")]
                + [(c, "integer") for c in (
                    "games_played", "minutes", "wins", "losses", "ties_or_ot_losses", "empty_net_goals", "shutouts",
                    "goals_against", "shots_against", "post_games_played", "post_minutes", "post_wins", "post_losses",
                    "post_ties", "post_empty_net_goals", "post_shutouts", "post_goals_against", "post_shots_against")],
                grows)
    # Coaches.csv writes Jared Bednar (Colorado 2016-17, 2017-18) as bednaja01c, Master.csv as bednaja02c
    assert "bednaja01c" not in cid
    cid["bednaja01c"] = cid["bednaja02c"]
    crows = [[cid[r["coachID"]], int(r["year"]), int(r["stint"]), tsid[(r["year"], r["tmID"])], _b111_text(r["notes"])]
             + [_b111_int(r[c]) for c in ("g", "w", "l", "t", "otl", "postg", "postw", "postl", "postt")]
             for r in coaches]
    _b107_table(srv, db, "coach_seasons", [("person_id", "integer"), ("season", "integer"), ("stint", "integer"),
                                           ("team_season_id", "integer"), ("notes", "text")]
                + [(c, "integer") for c in ("games", "wins", "losses", "ties", "overtime_losses", "post_games",
                                            "post_wins", "post_losses", "post_ties")], crows)
    arows = [[i, pid[r["playerID"]], r["award"].strip(), int(r["year"]), r["lgID"], _b111_text(r["note"]),
              _b111_text(r["pos"])] for i, r in enumerate(awards, 1)]
    _b107_table(srv, db, "player_awards", [("award_id", "integer"), ("person_id", "integer"), ("award", "text"),
                                           ("season", "integer"), ("league_id", "text"), ("note", "text"),
                                           ("position", "text")], arows)
    _b107_table(srv, db, "hall_of_fame", [("person_id", "integer"), ("inducted_year", "integer"),
                                          ("inducted_as", "text"), ("category", "text")],
                [[hid[r["hofID"]], int(r["year"]), r["name"].strip(), r["category"]] for r in hof])
    _b107_table(srv, db, "playoff_series", [
        ("series_id", "integer"), ("season", "integer"), ("round_code", "text"), ("series_letter", "text"),
        ("winner_team_season_id", "integer"), ("loser_team_season_id", "integer"), ("winner_wins", "integer"),
        ("winner_losses", "integer"), ("ties", "integer"), ("winner_goals", "integer"), ("loser_goals", "integer"),
        ("note", "text")],
        [[i, int(r["year"]), r["round"], _b111_text(r["series"]), tsid[(r["year"], r["tmIDWinner"])],
          tsid[(r["year"], r["tmIDLoser"])]] + [_b111_int(r[c]) for c in ("W", "L", "T", "GoalsWinner", "GoalsLoser")]
         + [_b111_text(r["note"])] for i, r in enumerate(series, 1)])
    add_keys(srv, db, [("leagues", ["league_id"]), ("conferences", ["conference_code"]),
                       ("divisions", ["division_code"]), ("playoff_results", ["result_code"]),
                       ("playoff_rounds", ["round_code"]), ("team_seasons", ["team_season_id"]),
                       ("people", ["person_id"]), ("player_seasons", ["person_id", "season", "stint"]),
                       ("goalie_seasons", ["person_id", "season", "stint"]),
                       ("coach_seasons", ["person_id", "season", "stint"]), ("player_awards", ["award_id"]),
                       ("hall_of_fame", ["person_id"]), ("playoff_series", ["series_id"])],
             [("team_seasons", "league_id", "leagues", "league_id"),
              ("team_seasons", "conference_code", "conferences", "conference_code"),
              ("team_seasons", "division_code", "divisions", "division_code"),
              ("team_seasons", "playoff_result_code", "playoff_results", "result_code"),
              ("player_seasons", "person_id", "people", "person_id"),
              ("player_seasons", "team_season_id", "team_seasons", "team_season_id"),
              ("goalie_seasons", "person_id", "people", "person_id"),
              ("goalie_seasons", "team_season_id", "team_seasons", "team_season_id"),
              ("coach_seasons", "person_id", "people", "person_id"),
              ("coach_seasons", "team_season_id", "team_seasons", "team_season_id"),
              ("player_awards", "person_id", "people", "person_id"),
              ("player_awards", "league_id", "leagues", "league_id"),
              ("hall_of_fame", "person_id", "people", "person_id"),
              ("playoff_series", "round_code", "playoff_rounds", "round_code"),
              ("playoff_series", "winner_team_season_id", "team_seasons", "team_season_id"),
              ("playoff_series", "loser_team_season_id", "team_seasons", "team_season_id")])
    srv.psql(db, "CREATE UNIQUE INDEX ON people (player_code); CREATE UNIQUE INDEX ON people (coach_code); "
                 "CREATE UNIQUE INDEX ON people (hof_code); "
                 "CREATE UNIQUE INDEX ON team_seasons (season, team_code)")


PBDB_COUNTRIES = {
    "AA": "Antarctica", "AM": "Armenia", "AO": "Angola", "AR": "Argentina", "AT": "Austria", "AU": "Australia",
    "BO": "Bolivia", "BR": "Brazil", "CA": "Canada", "CD": "Democratic Republic of the Congo", "CH": "Switzerland",
    "CL": "Chile", "CM": "Cameroon", "CN": "China", "CO": "Colombia", "CU": "Cuba", "CZ": "Czech Republic",
    "DE": "Germany", "EG": "Egypt", "ES": "Spain", "FR": "France", "GL": "Greenland", "HU": "Hungary",
    "IL": "Israel", "IN": "India", "IT": "Italy", "JO": "Jordan", "JP": "Japan", "KE": "Kenya",
    "KG": "Kyrgyzstan", "KR": "South Korea", "KZ": "Kazakhstan", "LB": "Lebanon", "LU": "Luxembourg",
    "MA": "Morocco", "MG": "Madagascar", "MN": "Mongolia", "MX": "Mexico", "NE": "Niger", "NZ": "New Zealand",
    "PE": "Peru", "PK": "Pakistan", "PL": "Poland", "PS": "Palestinian Territories", "PT": "Portugal",
    "RO": "Romania", "RU": "Russia", "SN": "Senegal", "TH": "Thailand", "TJ": "Tajikistan", "TN": "Tunisia",
    "TZ": "Tanzania", "UA": "Ukraine", "UK": "United Kingdom", "US": "United States", "UY": "Uruguay",
    "UZ": "Uzbekistan", "VE": "Venezuela", "ZA": "South Africa"}

# the epochs the occurrences fall in, with the bounds (Ma) the Paleobiology Database uses in this file
PBDB_EPOCHS = [(1, "Late Triassic", "Triassic", 237, 201.4), (2, "Early Jurassic", "Jurassic", 201.4, 174.7),
               (3, "Middle Jurassic", "Jurassic", 174.7, 161.5), (4, "Late Jurassic", "Jurassic", 161.5, 145),
               (5, "Early Cretaceous", "Cretaceous", 145, 100.5), (6, "Late Cretaceous", "Cretaceous", 100.5, 66)]


def load_pterosaur_fossils(srv, db, files):
    """Every pterosaur fossil occurrence in the Paleobiology Database
    (PBDB, CC BY 4.0) as downloaded on 2024-04-12 with show=full (1,128
    occurrences in 804 collections), as a student's pterosaur repository
    keeps it: countries (59 PBDB country codes, names added by the loader;
    'UK' for the United Kingdom, 'AA' Antarctica), epochs (Late Triassic to
    Late Cretaceous with their periods and the bounds in Ma that PBDB uses),
    taxa (the accepted names: taxon_id is PBDB's accepted_no; rank species,
    genus, family, subfamily, superfamily, suborder or unranked clade;
    family and genus, NULL where PBDB gives none or 'NO_FAMILY_SPECIFIED'),
    publications (reference_no with its authors as PBDB abbreviates them,
    'Wang et al.', and the year), collections (a fossil locality as PBDB
    records it: name, also-known-as, country, state, county, coordinates and
    GPlates palaeo-coordinates, formation, group, member, lithology,
    depositional environment (PBDB's quotes around a lithology or an
    environment taken as the authors' term dropped: '"shale"' is 'shale'),
    preservation mode and quality, collection type and methods, collectors
    and collection dates as text), collection_museums (the museums holding a collection's specimens,
    PBDB's comma-separated codes: 'BMNH', 'IVPP', 'SMNS' ...) and
    occurrences (a taxon found in a collection: the name as identified, its
    rank and the accepted taxon, the interval names and the age range
    max_ma - min_ma, the epoch when the range falls inside one, abundance,
    the reference, PBDB's occurrence comments (often specimen numbers) and
    the entry and modification times). Keys: countries.country_code,
    epochs.epoch_id, taxa.taxon_id, publications.reference_id,
    collections.collection_id, collection_museums (collection_id,
    museum_code), occurrences.occurrence_id."""
    lines = files[0].lstrip("\ufeff").split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith('"occurrence_no"'))
    rows = list(csv.reader(io.StringIO("\n".join(lines[start:]))))
    head = rows[0]
    head = [h if not (h == "cc" and j > head.index("cc")) else "cc_again" for j, h in enumerate(head)]
    recs = [dict(zip(head, r)) for r in rows[1:] if r]
    t = _b111_text
    num = lambda v: None if v.strip() == "" else v.strip()
    taxa, refs, colls, museums, occs = {}, {}, {}, set(), []
    for r in recs:
        assert r["cc"] == r["cc_again"]
        taxa[int(r["accepted_no"])] = [int(r["accepted_no"]), r["accepted_name"], r["accepted_rank"],
                                       None if r["family"] in ("", "NO_FAMILY_SPECIFIED") else r["family"],
                                       t(r["genus"])]
        refs[int(r["reference_no"])] = [int(r["reference_no"]), t(r["ref_author"]), _b111_int(r["ref_pubyr"])]
        c = [int(r["collection_no"]), t(r["collection_name"]), t(r["collection_aka"]), r["cc"], t(r["state"]),
             t(r["county"]), num(r["lat"]), num(r["lng"]), num(r["paleolat"]), num(r["paleolng"]), t(r["geogscale"]),
             t(r["formation"]), t(r["stratgroup"]), t(r["member"]), t(r["lithology1"].strip('"')),
             t(r["environment"].strip('"')), t(r["pres_mode"]), t(r["preservation_quality"]), t(r["collection_type"]),
             t(r["collection_methods"]), t(r["collectors"]), t(r["collection_dates"]), t(r["protected"])]
        assert colls.setdefault(c[0], c) == c
        for m in r["museum"].split(","):
            if m.strip():
                museums.add((c[0], m.strip()))
        mx, mn = float(r["max_ma"]), float(r["min_ma"])
        ep = [e[0] for e in PBDB_EPOCHS if mx <= e[3] and mn >= e[4]]
        occs.append([int(r["occurrence_no"]), c[0], r["identified_name"], r["identified_rank"], int(r["accepted_no"]),
                     t(r["difference"]), r["early_interval"], t(r["late_interval"]), r["max_ma"], r["min_ma"],
                     ep[0] if ep else None, _b111_int(r["abund_value"]), t(r["abund_unit"]), int(r["reference_no"]),
                     t(r["occurrence_comments"].replace("\\r\\n", " ")), r["created"], r["modified"]])
    occs.sort()
    _b107_table(srv, db, "countries", [("country_code", "text"), ("country_name", "text")],
                sorted([k, PBDB_COUNTRIES[k]] for k in {r["cc"] for r in recs}))
    _b107_table(srv, db, "epochs", [("epoch_id", "integer"), ("epoch_name", "text"), ("period", "text"),
                                    ("start_ma", "numeric"), ("end_ma", "numeric")], PBDB_EPOCHS)
    _b107_table(srv, db, "taxa", [("taxon_id", "integer"), ("taxon_name", "text"), ("taxon_rank", "text"),
                                  ("family", "text"), ("genus", "text")], sorted(taxa.values()))
    _b107_table(srv, db, "publications", [("reference_id", "integer"), ("authors", "text"),
                                          ("publication_year", "integer")], sorted(refs.values()))
    _b107_table(srv, db, "collections", [
        ("collection_id", "integer"), ("collection_name", "text"), ("also_known_as", "text"),
        ("country_code", "text"), ("state", "text"), ("county", "text"), ("latitude", "numeric"),
        ("longitude", "numeric"), ("paleo_latitude", "numeric"), ("paleo_longitude", "numeric"),
        ("geographic_scale", "text"), ("formation", "text"), ("stratigraphic_group", "text"), ("member", "text"),
        ("lithology", "text"), ("environment", "text"), ("preservation_mode", "text"),
        ("preservation_quality", "text"), ("collection_type", "text"), ("collection_methods", "text"),
        ("collectors", "text"), ("collection_dates", "text"), ("protected_land", "text")], sorted(colls.values()))
    _b107_table(srv, db, "collection_museums", [("collection_id", "integer"), ("museum_code", "text")],
                sorted(museums))
    _b107_table(srv, db, "occurrences", [
        ("occurrence_id", "integer"), ("collection_id", "integer"), ("identified_name", "text"),
        ("identified_rank", "text"), ("taxon_id", "integer"), ("identification_note", "text"),
        ("early_interval", "text"), ("late_interval", "text"), ("max_ma", "numeric"), ("min_ma", "numeric"),
        ("epoch_id", "integer"), ("abundance", "integer"), ("abundance_unit", "text"), ("reference_id", "integer"),
        ("comments", "text"), ("entered_at", "timestamp"), ("modified_at", "timestamp")], occs)
    add_keys(srv, db, [("countries", ["country_code"]), ("epochs", ["epoch_id"]), ("taxa", ["taxon_id"]),
                       ("publications", ["reference_id"]), ("collections", ["collection_id"]),
                       ("collection_museums", ["collection_id", "museum_code"]), ("occurrences", ["occurrence_id"])],
             [("collections", "country_code", "countries", "country_code"),
              ("collection_museums", "collection_id", "collections", "collection_id"),
              ("occurrences", "collection_id", "collections", "collection_id"),
              ("occurrences", "taxon_id", "taxa", "taxon_id"), ("occurrences", "epoch_id", "epochs", "epoch_id"),
              ("occurrences", "reference_id", "publications", "reference_id")])


US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas",
    "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico", "VI": "U.S. Virgin Islands", "GU": "Guam"}


def load_fmcs_work_stoppages(srv, db, files):
    """Work stoppages (strikes and lockouts) that the US Federal Mediation
    and Conciliation Service tracked in its case management system, with a
    start from October 1981 to December 2020, as FMCS published them until
    2020 and the labordata project archived and standardised them
    (work_stoppages.csv; repository MIT): states (the postal codes with
    their names, added by the loader), cities (the published city names,
    spaces trimmed and all-capital names title-cased — 'SAINT LOUIS' is
    'Saint Louis', but 'St Louis' and 'St. Louis' stay as written; 31
    places without both a city and a state, 'Detroit, ' or 'Various, ',
    are none),
    industries (FMCS's industry names as published, two vocabularies over
    the years: 'Mining, Quarrying and Oil & Gas Extraction' and 'Mining and
    Oil & Gas Extraction'; 'Not Provided', 'Not Specified' and blanks are
    no industry), employers (distinct names as written) and work_stoppages
    (one per row: case_number, repeated in 99 cases that cover several
    stoppages at one employer — eight at Eden Medical Center in 2011-2013;
    the union as written ('IBT 705', 'USA 13058', 'SEIU Local
    121RN') and union_code, its leading abbreviation ('IBT', 'USA', 'SEIU');
    bargaining_unit_size and naics_sector, published from 2017 only;
    workers_idled; start_date and end_date — NULL when not ended or not
    given, and for 8 rows whose end precedes the start). The published
    Duration (end - start + 1 days, 2017-2020 only) and Union Local (the
    number again) are not loaded. Keys: states.state_code, cities.city_id,
    industries.industry_id, employers.employer_id,
    work_stoppages.stoppage_id; cities -> states; work_stoppages ->
    employers, industries, cities."""
    recs = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    t = _b111_text
    recs = [dict(r, _n=i) for i, r in enumerate(recs)]
    recs.sort(key=lambda r: (r["Start Date"], r["_n"]))

    def place(v):
        city, _, st = (v or "").rpartition(",")
        city, st = t(city), t(st)
        if city and city.isupper() and len(city) > 3:
            city = city.title()
        return (city, st) if city and st else None
    industries = sorted({t(r["Industry"]) for r in recs} - {None, "Not Provided", "Not Specified"})
    iid = {n: i for i, n in enumerate(industries, 1)}
    emps = sorted({t(r["Employer"]) for r in recs} - {None}, key=lambda e: (e.lower(), e))
    eid = {n: i for i, n in enumerate(emps, 1)}
    places = sorted({place(r["City, State"]) for r in recs} - {None}, key=lambda p: (p[1], p[0].lower(), p[0]))
    pid = {p: i for i, p in enumerate(places, 1)}
    rows = []
    for i, r in enumerate(recs, 1):
        u = t(r["Union"])
        m = re.match(r"([A-Za-z][A-Za-z&/]*)", u or "")
        code = m.group(1) if m and m.group(1).isupper() else None
        start, end = r["Start Date"], r["End Date"] or None
        if end and end < start:
            end = None
        rows.append([i, r["Case Number"].strip(), eid.get(t(r["Employer"])), u, code, _b111_int(r["BU"]),
                     _b111_int(r["NAICS"]), iid.get(t(r["Industry"])), pid.get(place(r["City, State"])),
                     _b111_int(r["# Idled"]), start, end])
    _b107_table(srv, db, "states", [("state_code", "text"), ("state_name", "text")],
                sorted([s, US_STATES[s]] for s in {p[1] for p in places}))
    _b107_table(srv, db, "cities", [("city_id", "integer"), ("city_name", "text"), ("state_code", "text")],
                [[pid[p], p[0], p[1]] for p in places])
    _b107_table(srv, db, "industries", [("industry_id", "integer"), ("industry_name", "text")],
                [[iid[n], n] for n in industries])
    _b107_table(srv, db, "employers", [("employer_id", "integer"), ("employer_name", "text")],
                [[eid[n], n] for n in emps])
    _b107_table(srv, db, "work_stoppages", [
        ("stoppage_id", "integer"), ("case_number", "text"), ("employer_id", "integer"), ("union_name", "text"),
        ("union_code", "text"), ("bargaining_unit_size", "integer"), ("naics_sector", "integer"),
        ("industry_id", "integer"), ("city_id", "integer"), ("workers_idled", "integer"), ("start_date", "date"),
        ("end_date", "date")], rows)
    add_keys(srv, db, [("states", ["state_code"]), ("cities", ["city_id"]), ("industries", ["industry_id"]),
                       ("employers", ["employer_id"]), ("work_stoppages", ["stoppage_id"])],
             [("cities", "state_code", "states", "state_code"),
              ("work_stoppages", "employer_id", "employers", "employer_id"),
              ("work_stoppages", "industry_id", "industries", "industry_id"),
              ("work_stoppages", "city_id", "cities", "city_id")])


LOADERS.update(hockey_databank=load_hockey_databank, pterosaur_fossils=load_pterosaur_fossils,
               fmcs_work_stoppages=load_fmcs_work_stoppages)


DATASETS.update({
    "nuclear_reactors": ("cristianst85/GeoNuclearData", "1bc8b4ac106af236902385b87e46c540b4864815",
                         [f"data/csv/raw/{f}.csv" for f in ("1-countries", "2-nuclear_power_plant_status_type",
                                                            "3-nuclear_reactor_type", "4-nuclear_power_plants")]),
    "astronaut_missions": ("etc5521-2020/assignment-1-quoll", "997823f47f97f1b0fb91e756dcf442c987f6d513",
                           ["data/astronauts.csv"]),
    "exoplanets": ("Menna-Allah-A/Predicting-Exoplanet-Habitability-Visualizing-Discoveries",
                   "4700626098ef5364909619bf840ec9c1a26d8795", ["PSCompPars.csv"]),
})


def _b112_plant(name):
    """'Arkansas Nuclear One-1 (ANO-1)' -> ('Arkansas Nuclear One', '1');
    'Chinon-B2' -> ('Chinon', 'B2'); 'Biblis-A' -> ('Biblis', 'A'); a name
    without a unit suffix, or whose prefix is a short code or whose number is
    a rating ('BR-3', 'G-2 (Marcoule)', 'THTR-300'), is a plant of its own."""
    base = re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()
    m = re.match(r"^(.*\S)-([A-Z]?\d+[A-Z]?|[A-Z]\d*)$", base)
    if m and len(m.group(1)) > 2 and not re.match(r"^\d{3,}$", m.group(2)):
        return m.group(1), m.group(2)
    return base, None


def load_nuclear_reactors(srv, db, files):
    """The world's nuclear power reactors as the GeoNuclearData project
    keeps them (Cristian Stoica, ODbL 1.0; compiled from the IAEA's PRIS, the
    World Nuclear Association and Wikipedia; dataset updated 2024-03-03):
    countries (every ISO 3166-1 alpha-2 code with its English name, with or
    without reactors), reactor_statuses (Planned, Under Construction,
    Operational, Shutdown ...), reactor_types (PWR, BWR, PHWR ... with the
    long name), plants (the loader's grouping of reactor units by name and
    country: 'Cattenom-3' is unit 3 of the plant 'Cattenom', 'Chinon-B2' unit
    B2 of 'Chinon'; a name without a unit suffix is a plant of its own;
    'Higashi Dori' is two plants, Tohoku's and Tokyo's, named with the
    operator) and reactors (one per published row: the unit name as
    published, its plant and unit, status, type, model, coordinates, the
    construction start, the commercial operation and permanent shutdown
    dates, design net capacity in MWe, the IAEA PRIS id, the sources and the
    time the row was last updated, as written with its UTC offset dropped).
    Keys: countries.country_code,
    reactor_statuses.status_id, reactor_types.reactor_type_id,
    plants.plant_id, reactors.reactor_id (the published Id); plants ->
    countries; reactors -> plants, reactor_statuses, reactor_types."""
    cty, sts, typ, rea = (list(csv.DictReader(io.StringIO(f.lstrip("\ufeff")))) for f in files)
    t = _b111_text
    num = lambda v: None if (v or "").strip() == "" else v.strip()
    split = {r["Id"]: _b112_plant(r["Name"].strip()) for r in rea}
    seen = {}
    for r in rea:
        k = (split[r["Id"]], r["CountryCode"])
        seen.setdefault(k, set()).add(re.sub(r"^.*\(([^)]*)\)\s*$", r"\1", r["Name"].strip()))
    pkeys = {}
    for r in rea:
        (plant, unit), cc = split[r["Id"]], r["CountryCode"]
        if unit and len(seen[((plant, unit), cc)]) > 1:  # two units of one name: two operators
            plant = plant + " (" + re.sub(r"^.*\(([^)]*)\)\s*$", r"\1", r["Name"].strip()) + ")"
        pkeys[r["Id"]] = (plant, cc, unit)
    plants = sorted({(p, cc) for p, cc, _ in pkeys.values()}, key=lambda x: (x[0].lower(), x[1]))
    pid = {p: i for i, p in enumerate(plants, 1)}
    rows = []
    for r in sorted(rea, key=lambda r: int(r["Id"])):
        p, cc, unit = pkeys[r["Id"]]
        upd = t(r["LastUpdatedAt"])
        rows.append([int(r["Id"]), r["Name"].strip(), pid[(p, cc)], unit, _b111_int(r["StatusId"]),
                     _b111_int(r["ReactorTypeId"]), t(r["ReactorModel"]), num(r["Latitude"]), num(r["Longitude"]),
                     t(r["ConstructionStartAt"]), t(r["OperationalFrom"]), t(r["OperationalTo"]),
                     _b111_int(r["Capacity"]), _b111_int(r["IAEAId"]), t(r["Source"]),
                     upd[:19].replace("T", " ") if upd else None])
    _b107_table(srv, db, "countries", [("country_code", "text"), ("country_name", "text")],
                sorted([r["Code"], r["Name"]] for r in cty))
    _b107_table(srv, db, "reactor_statuses", [("status_id", "integer"), ("status", "text")],
                [[int(r["Id"]), r["Type"]] for r in sts])
    _b107_table(srv, db, "reactor_types", [("reactor_type_id", "integer"), ("type_code", "text"),
                                           ("type_name", "text")],
                [[int(r["Id"]), r["Type"], r["Description"]] for r in typ])
    _b107_table(srv, db, "plants", [("plant_id", "integer"), ("plant_name", "text"), ("country_code", "text")],
                [[pid[p], p[0], p[1]] for p in plants])
    _b107_table(srv, db, "reactors", [
        ("reactor_id", "integer"), ("reactor_name", "text"), ("plant_id", "integer"), ("unit", "text"),
        ("status_id", "integer"), ("reactor_type_id", "integer"), ("reactor_model", "text"),
        ("latitude", "numeric"), ("longitude", "numeric"), ("construction_start", "date"),
        ("commercial_operation", "date"), ("permanent_shutdown", "date"), ("capacity_mwe", "integer"),
        ("iaea_id", "integer"), ("source", "text"), ("last_updated_at", "timestamp")], rows)
    add_keys(srv, db, [("countries", ["country_code"]), ("reactor_statuses", ["status_id"]),
                       ("reactor_types", ["reactor_type_id"]), ("plants", ["plant_id"]),
                       ("reactors", ["reactor_id"])],
             [("plants", "country_code", "countries", "country_code"),
              ("reactors", "plant_id", "plants", "plant_id"),
              ("reactors", "status_id", "reactor_statuses", "status_id"),
              ("reactors", "reactor_type_id", "reactor_types", "reactor_type_id")])


ASTRO_NATIONALITY_FIXES = {"Netherland": "Netherlands", "Hungry": "Hungary", "Malysia": "Malaysia"}
ASTRO_PROGRAMS = [("Vostok", "Vostok"), ("Voskhod", "Voskhod"), ("MA-", "Mercury"), ("Mercury", "Mercury"),
                  ("Gemini", "Gemini"), ("Apollo", "Apollo"), ("ASTP", "Apollo"), ("Skylab", "Skylab"),
                  ("Soyuz", "Soyuz"), ("STS", "Space Shuttle"), ("Shenzhou", "Shenzhou")]
ASTRO_LANDING_NOTES = {"explosion", "exploded", "aborted", "in space", "not completed yet"}


def _b112_flight(v):
    """A spacecraft flight's name as the astronaut database writes it, in one
    spelling: soft hyphens as hyphens, 'soyuz'/'Soyz' as 'Soyuz', 'STS 51-C',
    'STS-51C', 'STS-41 B' as 'STS-51-C' / 'STS-41-B', 'Soyuz T6', 'Soyuz
    TM13', 'Soyuz-TM21' as 'Soyuz T-6', 'Soyuz TM-13', 'Soyuz TM-21', an
    orbiter's name after an STS number dropped ('STS-40 Columbia')."""
    v = re.sub(r"\s+", " ", (v or "").replace("\xad", "-")).strip()
    if v in ("", "NA"):
        return None
    v = re.sub(r"(?i)^(soyuz|soyz)\b", "Soyuz", v)
    v = re.sub(r"(?i)^(gemini|apollo)\b", lambda m: m.group(1).title(), v)
    v = re.sub(r"(?i)^sts\b", "STS", v)
    m = re.match(r"^STS[ -]*(\d+)(?:[ -]*([A-Z]))?(?: (?:Columbia|Atlantis|Challenger|Discovery|Endeavour))?$", v)
    if m:
        return "STS-" + m.group(1) + ("-" + m.group(2) if m.group(2) else "")
    v = re.sub(r"^Soyuz TM-A(\d+M)$", r"Soyuz TMA-\1", v)
    m = re.match(r"^Soyuz[ -]*(T|TM|TMA|MS)[ -]*(\d+M?)$", v)
    if m:
        return f"Soyuz {m.group(1)}-{m.group(2)}"
    return v


def load_astronaut_missions(srv, db, files):
    """Every person who flew in space before 15 January 2020 and each of
    their flights (Stavnichuk and Corlett's astronaut database, Mendeley Data
    2020, CC BY 4.0, as TidyTuesday published it on 2020-07-14 and a Monash
    ETC5521 assignment keeps it): countries (the nationality as written —
    'U.S.', 'U.S.S.R/Russia', 'U.K./U.S.' — with three misspellings
    corrected: 'Netherland', 'Hungry', 'Malysia'), astronauts (one per
    person: name as written 'Armstrong, Neil A.', the name in the original
    language, sex, year of birth, nationality, military or civilian, the
    selection program and its year as on the person's first flight),
    flights (a spacecraft launching or landing a crew, in one spelling:
    'STS-51-C', 'Soyuz TMA-01M', 'Apollo 11'; program derived from the name:
    Vostok, Mercury, Gemini, Apollo, Soyuz, Space Shuttle, Shenzhou ...) and
    astronaut_flights (one per person and mission as published: the
    person's mission number, the mission year (a year only, no dates), the
    mission title as written (ISS and Mir expeditions are only a number,
    '42'), the occupation ('commander', 'pilot', 'flight engineer', 'MSP'
    mission specialist, 'PSP' payload specialist, 'space tourist'), the
    flight up, the station or spacecraft in orbit, the flight down (NULL
    with a landing_note for the published 'explosion', 'aborted', 'in
    space', 'not completed yet'), hours in space on the mission, EVAs and EVA
    hours). Published totals per person (missions, hours, EVA hours) are not
    loaded: they are sums of the rows. Keys: countries.country_id,
    astronauts.astronaut_id, flights.flight_id, astronaut_flights.record_id
    (the published id); astronauts -> countries; astronaut_flights ->
    astronauts, flights (ascent and descent)."""
    recs = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    t = _b111_text
    recs.sort(key=lambda r: int(r["id"]))
    nat = lambda r: ASTRO_NATIONALITY_FIXES.get(r["nationality"].strip(), r["nationality"].strip())
    countries = sorted({nat(r) for r in recs})
    cid = {c: i for i, c in enumerate(countries, 1)}
    people = {}
    for r in recs:
        k = (t(r["name"]), int(r["year_of_birth"]))
        if k not in people or int(r["mission_number"]) < people[k][0]:
            people[k] = (int(r["mission_number"]), int(r["id"]), r)
    order = sorted(people, key=lambda k: people[k][1])
    aid = {k: i for i, k in enumerate(order, 1)}
    flights = set()
    for r in recs:
        for c in ("ascend_shuttle", "descend_shuttle"):
            f = _b112_flight(r[c])
            if f and f.lower() not in ASTRO_LANDING_NOTES:
                flights.add(f)
    first_year = {}
    for r in recs:
        f = _b112_flight(r["ascend_shuttle"])
        if f:
            first_year[f] = min(first_year.get(f, 9999), int(r["year_of_mission"]))
    flights = sorted(flights, key=lambda f: (first_year.get(f, 9999), f))
    fid = {f: i for i, f in enumerate(flights, 1)}
    prog = lambda f: next((p for pre, p in ASTRO_PROGRAMS if f.startswith(pre)), None)

    def occupation(v):
        v = t(v)
        lv = v.lower()
        if "tourist" in lv:
            return "space tourist"
        if lv.startswith("other (") and lv.endswith(")"):
            return lv[7:-1]
        return v if v in ("MSP", "PSP") else lv
    rows = []
    for r in recs:
        up, down = _b112_flight(r["ascend_shuttle"]), _b112_flight(r["descend_shuttle"])
        note = None
        if down and down.lower() in ASTRO_LANDING_NOTES:
            note, down = ("explosion" if down.lower() == "exploded" else down.lower()), None
        orbit = t(r["in_orbit"].replace("\xad", "-"))
        rows.append([int(r["id"]), aid[(t(r["name"]), int(r["year_of_birth"]))], int(r["mission_number"]),
                     int(r["year_of_mission"]), t(r["mission_title"].replace("\xad", "-")), occupation(r["occupation"]),
                     fid.get(up), orbit, fid.get(down), note, r["hours_mission"], _b111_int(r["field21"]),
                     r["eva_hrs_mission"]])
    _b107_table(srv, db, "countries", [("country_id", "integer"), ("country_name", "text")],
                [[cid[c], c] for c in countries])
    arows = []
    for k in order:
        r = people[k][2]
        arows.append([aid[k], k[0], t(r["original_name"]), r["sex"], k[1], cid[nat(r)], r["military_civilian"],
                      t(r["selection"]), _b111_int(r["year_of_selection"])])
    _b107_table(srv, db, "astronauts", [
        ("astronaut_id", "integer"), ("name", "text"), ("original_name", "text"), ("sex", "text"),
        ("birth_year", "integer"), ("country_id", "integer"), ("military_civilian", "text"),
        ("selection", "text"), ("selection_year", "integer")], arows)
    _b107_table(srv, db, "flights", [("flight_id", "integer"), ("flight_name", "text"), ("program", "text")],
                [[fid[f], f, prog(f)] for f in flights])
    _b107_table(srv, db, "astronaut_flights", [
        ("record_id", "integer"), ("astronaut_id", "integer"), ("mission_number", "integer"),
        ("mission_year", "integer"), ("mission_title", "text"), ("occupation", "text"),
        ("ascent_flight_id", "integer"), ("in_orbit", "text"), ("descent_flight_id", "integer"),
        ("landing_note", "text"), ("mission_hours", "numeric"), ("eva_count", "integer"),
        ("eva_hours", "numeric")], rows)
    add_keys(srv, db, [("countries", ["country_id"]), ("astronauts", ["astronaut_id"]), ("flights", ["flight_id"]),
                       ("astronaut_flights", ["record_id"])],
             [("astronauts", "country_id", "countries", "country_id"),
              ("astronaut_flights", "astronaut_id", "astronauts", "astronaut_id"),
              ("astronaut_flights", "ascent_flight_id", "flights", "flight_id"),
              ("astronaut_flights", "descent_flight_id", "flights", "flight_id")])


def load_exoplanets(srv, db, files):
    """The confirmed exoplanets of the NASA Exoplanet Archive's Planetary
    Systems Composite Parameters table (PSCompPars, one row per planet, the
    archive's default columns; downloaded in August 2025 for a habitability
    project, which states no licence; the archive's data are public):
    discovery_methods (Transit, Radial Velocity, Microlensing ... 11),
    facilities (the discovery facility as the archive names it: 'Kepler',
    'Transiting Exoplanet Survey Satellite (TESS)', 'La Silla Observatory',
    'Multiple Observatories'), host_stars (one per host name: the number of
    stars and of planets in the system, right ascension and declination in
    degrees and as text, distance in parsecs, V, Ks and Gaia magnitudes; the
    spectral type, effective temperature, radius and mass in solar units,
    metallicity and its ratio label, surface gravity — for the 210 hosts
    whose planets' composite rows give different stellar values, those of
    the host's first planet in name order) and planets (name, host, letter
    (the final lower-case letter of the name; NULL for the 45
    candidate-style names 'KOI-1783.01', 'TOI-216.02'), discovery method,
    year and facility (as published, two names cut short: 'South African
    Radio Astronomy Observatory (SAR'), controversial flag, orbital period
    in days, semi-major axis in au, radius and mass in Earth and Jupiter
    units with the mass's provenance ('Mass', 'Msini', 'M-R relationship'),
    eccentricity, insolation in Earth flux, equilibrium temperature in K,
    transit timing variations flag). Uncertainties and limit flags are not
    loaded. Keys: discovery_methods.method_id, facilities.facility_id,
    host_stars.host_id, planets.planet_id; planets -> host_stars,
    discovery_methods, facilities."""
    lines = [l for l in files[0].lstrip("\ufeff").split("\n") if not l.startswith("#")]
    recs = list(csv.DictReader(io.StringIO("\n".join(lines))))
    t = _b111_text
    num = lambda v: None if (v or "").strip() == "" else v.strip()
    recs.sort(key=lambda r: r["pl_name"])
    methods = sorted({r["discoverymethod"] for r in recs})
    mid = {m: i for i, m in enumerate(methods, 1)}
    facs = sorted({t(r["disc_facility"]) for r in recs} - {None})
    fid = {f: i for i, f in enumerate(facs, 1)}
    hosts = {}
    for r in recs:
        hosts.setdefault(r["hostname"], r)  # first planet in name order
    sysk = ("sy_snum", "sy_pnum", "ra", "dec", "sy_dist")
    for r in recs:
        assert all(r[k] == hosts[r["hostname"]][k] for k in sysk), r["pl_name"]
    hnames = sorted(hosts)
    hid = {h: i for i, h in enumerate(hnames, 1)}
    hrows = []
    for h in hnames:
        r = hosts[h]
        hrows.append([hid[h], h, int(r["sy_snum"]), int(r["sy_pnum"]), t(r["st_spectype"]), num(r["st_teff"]),
                      num(r["st_rad"]), num(r["st_mass"]), num(r["st_met"]), t(r["st_metratio"]), num(r["st_logg"]),
                      t(r["rastr"]), num(r["ra"]), t(r["decstr"]), num(r["dec"]), num(r["sy_dist"]),
                      num(r["sy_vmag"]), num(r["sy_kmag"]), num(r["sy_gaiamag"])])
    prows = []
    for i, r in enumerate(recs, 1):
        name, host = r["pl_name"].strip(), r["hostname"]
        letter = re.search(r" ([a-z])$", name)
        prows.append([i, name, hid[host], letter.group(1) if letter else None, mid[r["discoverymethod"]],
                      int(r["disc_year"]),
                      fid.get(t(r["disc_facility"])), r["pl_controv_flag"] == "1", num(r["pl_orbper"]),
                      num(r["pl_orbsmax"]), num(r["pl_rade"]), num(r["pl_radj"]), num(r["pl_bmasse"]),
                      num(r["pl_bmassj"]), t(r["pl_bmassprov"]), num(r["pl_orbeccen"]), num(r["pl_insol"]),
                      num(r["pl_eqt"]), r["ttv_flag"] == "1"])
    _b107_table(srv, db, "discovery_methods", [("method_id", "integer"), ("method_name", "text")],
                [[mid[m], m] for m in methods])
    _b107_table(srv, db, "facilities", [("facility_id", "integer"), ("facility_name", "text")],
                [[fid[f], f] for f in facs])
    _b107_table(srv, db, "host_stars", [
        ("host_id", "integer"), ("host_name", "text"), ("number_of_stars", "integer"),
        ("number_of_planets", "integer"), ("spectral_type", "text"), ("effective_temperature_k", "numeric"),
        ("radius_solar", "numeric"), ("mass_solar", "numeric"), ("metallicity", "numeric"),
        ("metallicity_ratio", "text"), ("surface_gravity_log_g", "numeric"), ("ra_text", "text"),
        ("ra_deg", "numeric"), ("dec_text", "text"), ("dec_deg", "numeric"), ("distance_pc", "numeric"),
        ("v_magnitude", "numeric"), ("ks_magnitude", "numeric"), ("gaia_magnitude", "numeric")], hrows)
    _b107_table(srv, db, "planets", [
        ("planet_id", "integer"), ("planet_name", "text"), ("host_id", "integer"), ("letter", "text"),
        ("method_id", "integer"), ("discovery_year", "integer"), ("facility_id", "integer"),
        ("is_controversial", "boolean"), ("orbital_period_days", "numeric"), ("semi_major_axis_au", "numeric"),
        ("radius_earth", "numeric"), ("radius_jupiter", "numeric"), ("mass_earth", "numeric"),
        ("mass_jupiter", "numeric"), ("mass_provenance", "text"), ("eccentricity", "numeric"),
        ("insolation_flux", "numeric"), ("equilibrium_temperature_k", "numeric"),
        ("has_transit_timing_variations", "boolean")], prows)
    add_keys(srv, db, [("discovery_methods", ["method_id"]), ("facilities", ["facility_id"]),
                       ("host_stars", ["host_id"]), ("planets", ["planet_id"])],
             [("planets", "host_id", "host_stars", "host_id"),
              ("planets", "method_id", "discovery_methods", "method_id"),
              ("planets", "facility_id", "facilities", "facility_id")])


LOADERS.update(nuclear_reactors=load_nuclear_reactors, astronaut_missions=load_astronaut_missions,
               exoplanets=load_exoplanets)

DATASETS.update({
    "au_shark_incidents": ("cjabradshaw/AustralianSharkIncidentDatabase", "d87608e69b0defde09f8ee902d75d6b94e02459d",
                           ["data/locdat2.txt", "data/timedb2.txt"]),
    "poker_session_log": ("neostreet/poker_tables", "6659dd8f555676cf94cda75e465a071d1d786c5a",
                          ["poker_styles_data.sql", "poker_flavors_data.sql"]
                          + [f"poker_sessions_data_{y}.sql" for y in range(2009, 2027)]),
    "india_toll_plazas": ("geohacker/toll-plazas-india", "5acc392d3f93cdc2a2311158bcf3d3d80b493e75",
                          ["data/01-05-2021/raw.json", "data/01-05-2021/tolls-with-metadata.csv"]),
})

AU_STATES = {"NSW": "New South Wales", "QLD": "Queensland", "WA": "Western Australia", "SA": "South Australia",
             "VIC": "Victoria", "TAS": "Tasmania", "NT": "Northern Territory"}


def _b113_clean(v):
    """Trimmed text with the stray 0xCA bytes of the shark files (read as
    U+FFFD) and runs of spaces removed; '' is None."""
    v = re.sub(r"\s+", " ", (v or "").replace("\ufffd", " ").replace("\xca", " ")).strip()
    return v or None


def _b113_num(v, integer=False):
    v = (v or "").strip().replace(",", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", v):
        return None
    if integer:
        f = float(v)
        return str(int(f)) if f == int(f) else None
    return v


def load_au_shark_incidents(srv, db, files):
    """The Australian Shark-Incident Database (ASID, formerly the Australian
    Shark Attack File, kept by Taronga Conservation Society Australia with
    Flinders University and NSW DPI; Riley et al. 2022, Scientific Data 9:
    378; repository MIT): 1,196 shark bites in Australia from 1791 to
    early 2022, as the repository's figure files hold them (data/locdat2.txt:
    day, month, year, outcome, state, place, coordinates, shark, its length,
    provoked or not, number of sharks, activity, injured body parts,
    severity, victim's sex and age, time of day; data/timedb2.txt, the same
    rows in the same order, gives the scientific names). states (the 7
    state codes with names added by the loader), shark_species (common name
    as ASID writes it, lower case: 'white shark', 'wobbegong', 'whaler
    shark' -- a family -- with the scientific name; the one 'wobbeogong' is
    read as 'wobbegong'; 'unknown' and blanks are no species), incidents
    (one per row in file order: incident_date where the day is known --
    all but two: one without a day, one on 31 June 2016 --, year, month,
    state, location as written 'maroubra beach, sydney', latitude and
    longitude, species, shark_length_m, provoked (true/false, NULL for
    4), shark_count, victim_activity as written
    ('swimming', 'boarding', 'other: standing in water'), outcome
    ('injured', 'fatal' or 'uninjured'), injury_severity, victim_gender,
    victim_age, incident_time from '1530'); two rows of 2022 written one
    column to the left from the injured body part on (the sex in the
    severity column, the age in the sex column) are put back.
    incident_body_parts: the comma-separated injured parts ('arm, hand'),
    one row each ('other: uninjured' and a stray 'right' not kept; 'other:
    body not recovered' kept as written). Keys: states.state_code,
    shark_species.species_id, incidents.incident_id, incident_body_parts
    (incident_id, body_part); incidents -> states, shark_species;
    incident_body_parts -> incidents."""
    import datetime
    def rows_of(text):
        return [r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter="\t")
                if (r.get("Incident.year") or "").strip()]
    main, names = rows_of(files[0]), rows_of(files[1])
    assert len(main) == len(names), (len(main), len(names))
    t = _b113_clean

    def common(v):
        v = (t(v) or "").lower()
        v = {"wobbeogong": "wobbegong"}.get(v, v)
        return None if v in ("", "unknown") else v
    sci = {}
    for r, n in zip(main, names):
        assert (r["Incident.year"], r["Incident.month"], r["Incident.day"]) == \
            (n["Incident.year"], n["Incident.month"], n["Incident.day"])
        c, s = common(r["Shark.common.name"]), t(n["Shark.scientific.name"])
        if c and s and s.lower() != "unknown":
            assert sci.setdefault(c, s) == s, (c, s, sci[c])
    species = sorted({common(r["Shark.common.name"]) for r in main} - {None})
    sid = {c: i for i, c in enumerate(species, 1)}
    incidents, parts = [], []
    for i, r in enumerate(main, 1):
        loc, sev, sex, age = r["Injury.location"], r["Injury.severity"], r["Victim.gender"], r["Victim.age"]
        if (sex or "").strip().isdigit():  # the row is one column to the left from the body part on
            loc, sev, sex, age = "", loc, sev, sex
        y, m, d = (_b113_num(r[k], True) for k in ("Incident.year", "Incident.month", "Incident.day"))
        date = "%s-%02d-%02d" % (y, int(m), int(d)) if y and m and d else None
        try:
            datetime.date.fromisoformat(date or "")
        except ValueError:  # '31 June 2016' (one row): the day is not a date; year and month are kept
            date = None
        prov = (t(r["Provoked.unprovoked"]) or "").lower()
        tm = (t(r["Time.of.incident"]) or "").zfill(4) if t(r["Time.of.incident"]) else ""
        tm = "%s:%s" % (tm[:2], tm[2:]) if re.fullmatch(r"\d{4}", tm) and int(tm[:2]) < 24 and int(tm[2:]) < 60 else None
        incidents.append([i, date, y, m, r["State"].strip(), t(r["Location"]), _b113_num(t(r["Latitude"])),
                          _b113_num(t(r["Longitude"])), sid.get(common(r["Shark.common.name"])),
                          _b113_num(r["Shark.length.m"]), {"provoked": "true", "unprovoked": "false"}.get(prov),
                          _b113_num(r["No.sharks"], True), (t(r["Victim.activity"]) or "").lower() or None,
                          (t(r["Victim.injury"]) or "").lower() or None, (t(sev) or "").lower() or None,
                          (t(sex) or "").lower() or None, _b113_num(age, True), tm])
        seen = set()
        for p in (t(loc) or "").lower().split(","):
            p = p.strip()
            if p and p not in ("other: uninjured", "right") and p not in seen:
                seen.add(p)
                parts.append([i, p])
    _b107_table(srv, db, "states", [("state_code", "text"), ("state_name", "text")],
                sorted([k, v] for k, v in AU_STATES.items()))
    _b107_table(srv, db, "shark_species", [("species_id", "integer"), ("common_name", "text"),
                                           ("scientific_name", "text")],
                [[sid[c], c, sci.get(c)] for c in species])
    _b107_table(srv, db, "incidents", [
        ("incident_id", "integer"), ("incident_date", "date"), ("incident_year", "integer"),
        ("incident_month", "integer"), ("state_code", "text"), ("location", "text"), ("latitude", "numeric"),
        ("longitude", "numeric"), ("species_id", "integer"), ("shark_length_m", "numeric"), ("provoked", "boolean"),
        ("shark_count", "integer"), ("victim_activity", "text"), ("outcome", "text"), ("injury_severity", "text"),
        ("victim_gender", "text"), ("victim_age", "integer"), ("incident_time", "time")], incidents)
    _b107_table(srv, db, "incident_body_parts", [("incident_id", "integer"), ("body_part", "text")], parts)
    add_keys(srv, db, [("states", ["state_code"]), ("shark_species", ["species_id"]),
                       ("incidents", ["incident_id"]), ("incident_body_parts", ["incident_id", "body_part"])],
             [("incidents", "state_code", "states", "state_code"),
              ("incidents", "species_id", "shark_species", "species_id"),
              ("incident_body_parts", "incident_id", "incidents", "incident_id")])


def _b113_sql_inserts(text, table):
    """(columns, values) of each `insert into TABLE (cols) values (...);`
    of a MySQL script: numbers as text, quoted strings unquoted ('' is ')."""
    out = []
    for m in re.finditer(r"insert into %s \(\s*(.*?)\s*\)\s*values\s*\((.*?)\);" % table, text, re.S | re.I):
        cols = [c.strip() for c in m.group(1).split(",")]
        vals = [v.strip() for v in re.findall(r"'(?:[^']|'')*'|[^,]+", m.group(2))]
        vals = [v[1:-1].replace("''", "'") if v.startswith("'") else v for v in vals]
        assert len(cols) == len(vals), m.group(0)
        out.append(dict(zip(cols, vals)))
    return out


def load_poker_session_log(srv, db, files):
    """One online poker player's own log of every tournament and cash-game
    session played, January 2009 to January 2026, as the MySQL insert scripts
    of the neostreet/poker_tables repository keep it (no licence stated;
    amounts are the site's chips as logged -- a buy-in of 44,000 plus an
    entry fee of 6,000 --, no currency given). formats (the log's 9
    poker_styles: 'Cash game', 'Sit & Go', 'MTT', 'Spin & Go', 'KO poker',
    'Power up', 'MTT with rebuys', 'MTT with bounties', 'MTT with
    guaranteed prize pool' and their abbreviations), game_variants (the 17
    poker_flavors: 'No Limit Hold''em' NLHE, 'Pot Limit Omaha' PLO,
    '8-Game', 'HORSE' ...), tournaments (every logged session with a
    format: date played, day_letter -- 'a' for the day's first tournament,
    'b' the second --, format, variant, buy_in, entry_fee, starting_stack,
    table_size, starting_big_blind, entrants and places_paid where logged,
    finish_place (the log's 0, no place noted, read as NULL; all 381 won
    nothing), winnings, hands_played, the player's rebuys and add-on
    (true/false) and the tournament's total rebuys and add-ons for rebuy
    events, bounty, bounties_won and bounty_winnings for knockout events)
    and cash_sessions (the sessions without a format, all cash games:
    date, variant, big_blind where logged, buy_in -- the stake brought to
    the table --, table_size, hands_played, net_result (the log's delta),
    flops_seen, showdowns, pots won at and without showdown). Keys:
    formats.format_id, game_variants.variant_id,
    tournaments.tournament_id, cash_sessions.session_id (numbered by date,
    then file order); tournaments -> formats, game_variants; cash_sessions
    -> game_variants."""
    styles = _b113_sql_inserts(files[0], "poker_styles")
    flavors = _b113_sql_inserts(files[1], "poker_flavors")
    recs = [r for f in files[2:] for r in _b113_sql_inserts(f, "poker_sessions")]
    n = _b113_num
    recs = [dict(r, _n=i) for i, r in enumerate(recs)]
    recs.sort(key=lambda r: (r["poker_session_date"], r["_n"]))
    tours, cash = [], []
    for r in recs:
        g = r.get
        if g("poker_style") is not None:
            place = n(g("place"), True)
            ao = n(g("added_on"), True)
            tours.append([len(tours) + 1, r["poker_session_date"], g("tournament_letter"), n(g("poker_style"), True),
                          n(g("poker_flavor"), True), n(g("buy_in")), n(g("entry_fee")), n(g("initial_stake"), True),
                          n(g("num_players"), True), n(g("big_blind_amount"), True), n(g("num_entries"), True),
                          n(g("places_paid"), True), None if place in (None, "0") else place, n(g("winnings")),
                          n(g("num_hands"), True), n(g("num_rebuys"), True),
                          None if ao is None else ("true" if ao != "0" else "false"),
                          n(g("tournament_rebuys"), True), n(g("tournament_add_ons"), True), n(g("bounty")),
                          n(g("num_bounties"), True), n(g("bounties"))])
        else:
            cash.append([len(cash) + 1, r["poker_session_date"], n(g("poker_flavor"), True),
                         n(g("big_blind_amount"), True), n(g("initial_stake")), n(g("num_players"), True),
                         n(g("num_hands"), True), n(g("delta")), n(g("num_flops_seen"), True),
                         n(g("num_showdowns"), True), n(g("pots_won_at_showdown"), True),
                         n(g("pots_won_without_showdown"), True)])
    _b107_table(srv, db, "formats", [("format_id", "integer"), ("format_name", "text"), ("abbreviation", "text")],
                [[s["poker_style"], s["poker_style_descr"].strip(), s["poker_style_abbrev"].strip()] for s in styles])
    _b107_table(srv, db, "game_variants", [("variant_id", "integer"), ("variant_name", "text"),
                                           ("abbreviation", "text")],
                [[f["poker_flavor"], f["poker_flavor_descr"].strip(), f["poker_flavor_abbrev"].strip()]
                 for f in flavors])
    _b107_table(srv, db, "tournaments", [
        ("tournament_id", "integer"), ("played_on", "date"), ("day_letter", "text"), ("format_id", "integer"),
        ("variant_id", "integer"), ("buy_in", "numeric"), ("entry_fee", "numeric"), ("starting_stack", "integer"),
        ("table_size", "integer"), ("starting_big_blind", "integer"), ("entrants", "integer"),
        ("places_paid", "integer"), ("finish_place", "integer"), ("winnings", "numeric"),
        ("hands_played", "integer"), ("rebuys", "integer"), ("took_add_on", "boolean"),
        ("tournament_rebuys", "integer"), ("tournament_add_ons", "integer"), ("bounty", "numeric"),
        ("bounties_won", "integer"), ("bounty_winnings", "numeric")], tours)
    _b107_table(srv, db, "cash_sessions", [
        ("session_id", "integer"), ("played_on", "date"), ("variant_id", "integer"), ("big_blind", "integer"),
        ("buy_in", "numeric"), ("table_size", "integer"), ("hands_played", "integer"), ("net_result", "numeric"),
        ("flops_seen", "integer"), ("showdowns", "integer"), ("pots_won_at_showdown", "integer"),
        ("pots_won_without_showdown", "integer")], cash)
    add_keys(srv, db, [("formats", ["format_id"]), ("game_variants", ["variant_id"]),
                       ("tournaments", ["tournament_id"]), ("cash_sessions", ["session_id"])],
             [("tournaments", "format_id", "formats", "format_id"),
              ("tournaments", "variant_id", "game_variants", "variant_id"),
              ("cash_sessions", "variant_id", "game_variants", "variant_id")])


TOLL_VEHICLE_CLASSES = ["Car/Jeep/Van", "LCV", "Bus/Truck", "Upto 3 Axle Vehicle", "4 to 6 Axle", "HCM/EME",
                        "7 or more Axle"]


def load_india_toll_plazas(srv, db, files):
    """Toll plazas on India's national highways as the National Highways
    Authority of India's Toll Information System (tis.nhai.gov.in) showed
    them on 1 May 2021, scraped monthly by the geohacker/toll-plazas-india
    repository (NHAI data, Government Open Data License - India): raw.json
    (the map's 634 plazas with each plaza's popup: highway and state 'NH-44
    Of Haryana', chainage 'Km 91.500', fee effective date and the rate
    table) and tolls-with-metadata.csv (the plaza pages: capital cost and
    cumulative toll revenue in crore rupees, design capacity, traffic and
    target traffic in PCU a day, fee notification and commercial operation
    dates, concessionaire or OMT contractor). states (23, from the popups),
    contractors (distinct names as written, case variants as one -- 'MS
    Riddhi Siddhi Associates' and 'Ms Riddhi Siddhi Associates', the more
    frequent spelling kept; 'NA', 'na' and blanks are none), vehicle_classes (the 7 rows of NHAI's rate table), toll_plazas
    (one per TollPlazaID: name, state, highway as NHAI writes it ('NH-44',
    'NH-52 (Old 65)'), km, latitude/longitude (swapped where the latitude
    is over 40 -- 6 plazas -- and NULL for 0 or 1), project_type as
    published ('Public Funded', 'BOT (Toll)', 'OMT', 'BOT', 'Bridges', 'SPV';
    '0' is NULL), capital_cost_crore, cumulative_revenue_crore (the 95
    values over 100,000 crore, evidently rupees rather than crore, read as
    unknown),
    design_capacity_pcu, traffic_pcu_per_day, target_traffic_pcu_per_day,
    fee_effective_date, fee_notification_date, commercial_operation_date,
    contractor) and toll_rates (one per plaza and class: single_journey,
    return_journey, monthly_pass and local_commercial -- the fee for a
    commercial vehicle registered in the plaza's district, not published by
    21 plazas --, rupees, 'NA' is NULL). The contact names and telephone
    numbers, fee rules and concession periods are not loaded. Keys:
    states.state_id, contractors.contractor_id,
    vehicle_classes.class_id, toll_plazas.plaza_id, toll_rates (plaza_id,
    class_id); toll_plazas -> states, contractors; toll_rates ->
    toll_plazas, vehicle_classes."""
    import collections
    import html as _html
    raw = json.loads(files[0])["d"]
    meta = {r["id"]: r for r in csv.DictReader(io.StringIO(files[1].lstrip("\ufeff")))}
    assert len(meta) == len(raw)
    t = _b113_clean

    def cells(h):
        s = _html.unescape(re.sub(r"<[^>]+>", "\x00", h or ""))
        return [c for c in (re.sub(r"\s+", " ", x.replace("\xa0", " ")).strip() for x in s.split("\x00")) if c]

    def dmy(v, fmt="%d-%m-%Y"):
        import datetime
        try:
            return datetime.datetime.strptime((v or "").strip(), fmt).date().isoformat()
        except ValueError:
            return None
    plazas, rates, states, contractors = [], [], set(), set()
    for x in sorted(raw, key=lambda x: x["TollPlazaID"]):
        c = cells(x["HtmlPopup"])
        where = [s for s in c if " Of " in s][0]
        hw, _, st = where.partition(" Of ")
        km = [s for s in c if re.fullmatch(r"Km [\d.]+", s)]
        i = c.index("Type of vehicle")
        ncol = 4 if c[i + 4].startswith("Commercial") else 3
        pos = [k for k in range(i + 1 + ncol, len(c)) if c[k] in TOLL_VEHICLE_CLASSES]
        assert [c[k] for k in pos] == TOLL_VEHICLE_CLASSES, x["TollPlazaID"]
        for ci, k in enumerate(pos, 1):
            v = [_b113_num(s) for s in c[k + 1:k + 1 + ncol]] + [None] * (4 - ncol)
            rates.append([x["TollPlazaID"], ci] + v)
        m = meta[str(x["TollPlazaID"])]
        lat, lon = _b113_num(m["lat"]), _b113_num(m["lon"])
        if lat and lon and float(lat) > 40:
            lat, lon = lon, lat
        if lat and lon and (float(lat) < 5 or float(lon) < 60):
            lat = lon = None
        rev = _b113_num(m["cumulative_revenue"])
        if rev and float(rev) > 100000:
            rev = None
        con = t(m["contractor_name"])
        con = None if (con or "").lower() in ("", "na") else con
        if con:
            contractors.add(con)
        states.add(st.strip())
        ptype = t(x["ProjectType"])
        plazas.append([x["TollPlazaID"], t(x["TollName"]), st.strip(), t(hw), km[0][3:] if km else None, lat, lon,
                       None if ptype in (None, "0") else ptype, _b113_num(m["capital_cost"]), rev,
                       _b113_num(m["design_capacity"], True), _b113_num(m["traffic_per_day"], True),
                       _b113_num(m["target_traffic_per_day"], True), dmy(m["fee_effective_date"]),
                       dmy(m["date_fee_notification"]), dmy(m["date_commercial_operation"]), con])
    sid = {s: i for i, s in enumerate(sorted(states), 1)}
    pick = _b109_pick(collections.Counter(p[16] for p in plazas if p[16]))  # 'MS Riddhi Siddhi ...' = 'Ms Riddhi ...'
    names = sorted(set(pick.values()), key=lambda s: (s.lower(), s))
    cid = {s: i for i, s in enumerate(names, 1)}
    for p in plazas:
        p[2], p[16] = sid[p[2]], cid[pick[p[16]]] if p[16] else None
    _b107_table(srv, db, "states", [("state_id", "integer"), ("state_name", "text")],
                [[i, s] for s, i in sid.items()])
    _b107_table(srv, db, "contractors", [("contractor_id", "integer"), ("contractor_name", "text")],
                [[i, s] for s, i in cid.items()])
    _b107_table(srv, db, "vehicle_classes", [("class_id", "integer"), ("class_name", "text")],
                [[i, s] for i, s in enumerate(TOLL_VEHICLE_CLASSES, 1)])
    _b107_table(srv, db, "toll_plazas", [
        ("plaza_id", "integer"), ("plaza_name", "text"), ("state_id", "integer"), ("highway", "text"),
        ("km", "numeric"), ("latitude", "numeric"), ("longitude", "numeric"), ("project_type", "text"),
        ("capital_cost_crore", "numeric"), ("cumulative_revenue_crore", "numeric"),
        ("design_capacity_pcu", "integer"), ("traffic_pcu_per_day", "integer"),
        ("target_traffic_pcu_per_day", "integer"), ("fee_effective_date", "date"),
        ("fee_notification_date", "date"), ("commercial_operation_date", "date"), ("contractor_id", "integer")],
        plazas)
    _b107_table(srv, db, "toll_rates", [
        ("plaza_id", "integer"), ("class_id", "integer"), ("single_journey", "numeric"),
        ("return_journey", "numeric"), ("monthly_pass", "numeric"), ("local_commercial", "numeric")], rates)
    add_keys(srv, db, [("states", ["state_id"]), ("contractors", ["contractor_id"]),
                       ("vehicle_classes", ["class_id"]), ("toll_plazas", ["plaza_id"]),
                       ("toll_rates", ["plaza_id", "class_id"])],
             [("toll_plazas", "state_id", "states", "state_id"),
              ("toll_plazas", "contractor_id", "contractors", "contractor_id"),
              ("toll_rates", "plaza_id", "toll_plazas", "plaza_id"),
              ("toll_rates", "class_id", "vehicle_classes", "class_id")])


LOADERS.update(au_shark_incidents=load_au_shark_incidents, poker_session_log=load_poker_session_log,
               india_toll_plazas=load_india_toll_plazas)
# PSMSL station ids of rlr_annual/data/ at the commit loaded (one data and one authority file each)
PSMSL_ANNUAL_IDS = [int(i) for i in """
    1 2 3 5 7 8 9 10 11 12 13 14 15 16 17 18 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 37 39 41 42 43 44
    45 47 48 49 51 52 57 58 59 61 62 63 64 65 66 68 69 70 71 72 73 74 76 77 78 79 80 81 82 83 84 85 86 87
    88 89 90 91 94 95 96 97 98 99 100 101 102 103 104 105 106 107 108 109 111 112 113 118 119 120 121 122
    126 127 129 130 131 132 133 134 135 137 138 139 140 142 144 145 146 148 150 154 155 157 158 159 161 162
    163 164 165 166 167 168 169 170 172 173 174 175 176 179 180 181 183 185 188 189 190 192 193 194 195 196
    199 201 202 203 204 205 206 207 208 209 210 212 213 214 215 216 217 219 221 223 224 225 226 227 228 229
    230 231 233 234 235 236 237 238 239 240 245 246 247 248 249 252 253 255 256 257 258 259 260 265 266 267
    269 270 271 284 285 286 288 289 299 300 302 303 304 310 311 312 313 314 315 316 317 318 319 320 321 322
    323 330 331 332 333 334 335 336 350 351 352 353 359 360 361 362 363 364 365 366 367 368 369 373 374 375
    376 377 378 379 380 383 384 385 386 387 389 390 392 393 394 395 396 397 398 399 401 402 405 407 408 409
    410 411 412 413 414 415 417 418 420 421 425 426 427 428 429 430 431 432 433 434 435 436 437 438 439 440
    442 443 444 445 446 447 448 449 453 454 455 456 457 458 459 460 461 462 463 464 466 467 468 469 470 471
    473 474 475 476 477 481 483 484 485 486 487 488 489 490 491 492 493 495 496 497 498 499 500 501 503 506
    508 509 510 511 513 515 516 518 519 520 521 522 523 524 525 526 527 528 531 537 538 539 540 541 542 543
    544 545 546 547 548 549 552 554 555 556 557 558 559 561 562 563 564 565 566 567 568 569 571 572 574 575
    577 578 579 580 581 583 585 589 590 593 595 596 597 598 599 600 601 602 603 604 605 606 607 608 609 610
    611 612 613 614 615 616 617 618 619 620 621 622 627 630 631 634 635 636 637 638 639 640 641 642 643 644
    645 646 647 648 649 650 651 652 653 654 655 656 657 658 661 662 663 664 665 667 668 669 670 671 672 673
    674 677 679 680 681 682 683 684 685 686 687 688 689 690 692 693 695 696 699 701 703 704 707 708 709 710
    711 712 714 716 717 719 721 722 723 724 725 726 727 728 729 730 731 732 734 735 736 737 738 741 742 744
    745 746 747 749 752 753 754 755 756 757 758 759 760 761 762 763 764 765 766 767 768 770 771 772 775 776
    777 779 781 782 783 786 787 788 789 790 791 792 793 795 796 797 799 801 802 803 804 808 809 810 811 812
    813 814 815 816 817 818 819 820 821 822 823 824 825 826 827 828 829 830 831 832 833 834 835 836 837 838
    839 840 841 842 843 844 845 846 847 848 852 856 857 858 859 860 861 862 863 864 866 867 868 869 870 871
    872 873 874 875 876 877 879 880 881 882 883 886 887 897 910 911 912 913 914 916 917 918 919 920 921 922
    923 926 927 928 930 933 934 935 936 937 938 939 944 945 950 951 952 953 954 955 956 957 958 959 960 967
    970 971 972 973 978 979 980 981 982 983 984 985 986 987 988 990 993 994 996 997 998 999 1000 1001 1002
    1003 1004 1005 1006 1007 1009 1011 1012 1013 1015 1018 1019 1020 1023 1026 1027 1028 1029 1030 1031
    1032 1033 1034 1036 1037 1038 1044 1049 1051 1053 1054 1057 1060 1061 1062 1064 1065 1066 1067 1068
    1069 1070 1071 1072 1074 1075 1078 1080 1081 1082 1084 1087 1089 1090 1091 1093 1094 1095 1096 1097
    1098 1099 1100 1101 1102 1103 1104 1105 1106 1107 1108 1109 1110 1111 1112 1113 1114 1115 1116 1118
    1121 1122 1128 1132 1136 1137 1138 1140 1142 1143 1146 1147 1148 1149 1150 1151 1152 1153 1154 1155
    1156 1157 1158 1159 1160 1161 1162 1164 1179 1182 1183 1184 1187 1190 1191 1192 1193 1194 1195 1196
    1197 1199 1200 1201 1203 1209 1210 1211 1212 1213 1214 1215 1216 1217 1218 1219 1222 1223 1224 1229
    1230 1232 1233 1234 1236 1237 1238 1239 1240 1241 1242 1243 1244 1245 1246 1247 1248 1249 1250 1252
    1253 1254 1255 1257 1258 1259 1262 1263 1264 1265 1266 1267 1268 1269 1270 1271 1272 1273 1274 1275
    1277 1278 1279 1280 1281 1282 1284 1285 1293 1294 1295 1296 1297 1299 1300 1301 1302 1303 1304 1306
    1308 1309 1313 1318 1320 1321 1322 1323 1324 1325 1326 1327 1328 1329 1330 1332 1335 1336 1337 1338
    1341 1343 1344 1345 1346 1347 1349 1350 1351 1352 1353 1354 1355 1356 1357 1358 1361 1364 1365 1366
    1367 1368 1369 1370 1371 1372 1373 1374 1381 1383 1386 1387 1388 1389 1390 1391 1392 1393 1394 1395
    1397 1399 1402 1403 1404 1405 1406 1407 1408 1410 1411 1413 1420 1421 1422 1423 1424 1425 1426 1427
    1428 1430 1431 1437 1438 1440 1441 1442 1443 1444 1445 1446 1447 1448 1449 1450 1451 1452 1454 1455
    1456 1457 1460 1462 1468 1469 1470 1471 1473 1474 1475 1476 1482 1488 1489 1490 1491 1492 1493 1494
    1495 1496 1497 1501 1505 1506 1511 1513 1522 1523 1524 1526 1527 1530 1534 1537 1541 1542 1544 1545
    1546 1547 1548 1549 1550 1551 1555 1567 1568 1569 1571 1574 1577 1578 1579 1585 1586 1587 1588 1589
    1590 1591 1592 1593 1594 1595 1596 1597 1598 1600 1603 1604 1605 1607 1608 1609 1610 1613 1621 1627
    1628 1629 1630 1631 1632 1633 1634 1635 1636 1637 1638 1639 1640 1641 1642 1643 1644 1645 1646 1651
    1654 1663 1669 1670 1671 1672 1673 1674 1675 1676 1677 1678 1679 1680 1681 1685 1690 1695 1696 1698
    1699 1700 1701 1702 1703 1704 1705 1706 1707 1708 1709 1710 1711 1714 1715 1716 1717 1718 1719 1720
    1721 1730 1731 1732 1733 1734 1735 1736 1739 1740 1745 1746 1747 1748 1749 1750 1751 1752 1753 1754
    1758 1759 1760 1761 1762 1763 1764 1769 1771 1772 1773 1774 1775 1780 1783 1784 1785 1789 1790 1792
    1793 1794 1795 1796 1797 1798 1799 1800 1801 1802 1803 1804 1805 1806 1807 1808 1809 1810 1811 1812
    1813 1816 1817 1818 1819 1822 1825 1830 1831 1832 1833 1834 1835 1836 1838 1839 1840 1841 1842 1843
    1844 1845 1846 1849 1854 1855 1856 1857 1858 1859 1860 1861 1867 1871 1876 1877 1878 1879 1880 1883
    1884 1886 1887 1891 1892 1893 1894 1895 1896 1897 1898 1902 1903 1907 1908 1909 1910 1911 1914 1915
    1918 1919 1920 1921 1922 1923 1924 1925 1926 1927 1928 1929 1930 1931 1932 1933 1934 1935 1936 1937
    1938 1940 1941 1942 1943 1945 1963 1975 2009 2010 2011 2012 2020 2021 2024 2025 2026 2027 2028 2029
    2031 2032 2033 2034 2035 2039 2040 2042 2043 2044 2046 2047 2048 2049 2050 2051 2053 2054 2055 2056
    2057 2058 2059 2060 2061 2062 2063 2064 2065 2066 2067 2068 2069 2071 2072 2073 2074 2075 2076 2078
    2079 2080 2082 2083 2084 2086 2087 2089 2090 2092 2093 2094 2095 2096 2097 2098 2099 2100 2101 2102
    2103 2104 2105 2106 2107 2108 2109 2110 2111 2112 2113 2117 2118 2119 2120 2121 2122 2123 2125 2126
    2127 2128 2129 2130 2132 2133 2134 2135 2142 2144 2146 2147 2148 2149 2150 2151 2152 2153 2154 2155
    2156 2157 2158 2165 2167 2171 2172 2173 2174 2175 2176 2181 2182 2183 2185 2188 2189 2190 2192 2193
    2195 2196 2197 2198 2199 2200 2207 2208 2209 2214 2215 2216 2217 2218 2219 2220 2221 2228 2230 2233
    2234 2236 2237 2239 2242 2243 2244 2246 2250 2251 2252 2253 2255 2258 2259 2260 2261 2262 2263 2264
    2265 2267 2268 2269 2272 2273 2274 2276 2277 2278 2279 2280 2281 2282 2283 2284 2285 2286 2287 2288
    2289 2291 2292 2293 2294 2295 2296 2297 2298 2299 2300 2301 2302 2303 2304 2308 2310 2311 2312 2313
    2314 2315 2316 2319 2320 2321 2322 2323 2324 2325 2326 2327 2328 2329 2330 2331 2335 2336 2338 2352
    2353 2354 2356 2358 2359 2360 """.split()]

DATASETS.update({
    "asrs_drone_reports": ("YukeyYan/UAV-Accident-Forensics-HFACS-LLM", "e281194dfc2b10cb341db913dd52b0000a8d6232",
                           ["data/ASRS_DBOnline_Report.csv"]),
    "psmsl_tide_gauges": ("maeveupton/tide_gauge_data_PSMSL", "b159811045a59250362acc1c89b14f3eb4098dd9",
                          ["rlr_annual/filelist.txt", "rlr_annual/ellipsoidal_links.csv",
                           "rlr_annual/mtl_msl_corrections.csv"]
                          + [f"rlr_annual/data/{i}.rlrdata" for i in PSMSL_ANNUAL_IDS]
                          + [f"rlr_annual/docu/{i}_auth.txt" for i in PSMSL_ANNUAL_IDS]),
    "coal_mines_2013": ("jbwhit/coal-exploration", "4f66793902e8570e68553899673f5812feb32a7f",
                        ["data/cleaned_coalpublic2013.csv"]),
})


def _b114_num(v, integer=False):
    v = (v or "").strip()
    if v == "":
        return None
    f = float(v)
    if integer:
        assert f == int(f), v
        return int(f)
    return v


def _b114_parts(v):
    """The ';'-separated values of an ASRS multi-valued field, blanks dropped."""
    return [p.strip() for p in (v or "").split(";") if p.strip()]


def load_asrs_drone_reports(srv, db, files):
    """NASA's Aviation Safety Reporting System (ASRS): the 190 reports of an
    ASRS database online (DBOnline) export about unmanned aircraft (UAS,
    drones), events from 2005 to 2020, as the repository keeps it
    (data/ASRS_DBOnline_Report.csv, two header rows: the section — Time,
    Place, Environment, Aircraft 1, Component, Aircraft 2, Person 1,
    Person 2, Events, Assessments, Report 1 / 2 — and the field). Aircraft 1
    is the UAS in every report. ASRS de-identifies places: 'ZZZ' is a
    withheld facility and the state 'US' a withheld state (state_code NULL
    here; 'FO', foreign, also NULL with is_foreign true). The event date is
    published as a year and month only (event_year, event_month). Tables:
    states (the postal codes used, with names), reports (one per accession
    number ACN: time of day band, locale code and type split from 'MSP.Airport',
    relative position, altitudes AGL / MSL in feet, flight conditions,
    visibility in statute miles and the weather words beside it, light,
    ceiling in feet ('CLR' is sky_clear), the UAS's ATC facility, operator
    type, crew size, FAR part ('Other 107' and 'Other Part 107' read as
    'Part 107', 'Other 101' as 'Part 101'), flight plan, mission, flight
    phase, route, airspace and its class, detector and when detected as
    published (detector may list two, 'Person Flight Crew; Person Air Traffic
    Control'), primary problem, the miss distance split into horizontal and
    vertical feet, narrative, callback and synopsis; a second narrative or
    callback of Report 2 appended, ASRS's '[Report narrative contained no
    additional information]' left out), other_aircraft (the
    Aircraft 2 section, 28 reports), component_problems (the Component section,
    20 reports), reporters (Person 1 and, in 7 reports, Person 2: location,
    organization, function, qualification, experience, their own ACN),
    anomalies / report_anomalies, results / report_results,
    contributing_factors / report_contributing_factors and human_factors /
    reporter_human_factors (ASRS's ';'-separated multi-valued fields as link
    tables). Fields empty in every row (latitude/longitude, the UAS-specific
    waiver, weight and control fields, cabin and maintenance fields) and the
    make/model of Aircraft 1 ('UAV - Unpiloted Aerial Vehicle' in all) are
    not loaded. Keys: states.state_code, reports.acn, other_aircraft.acn,
    component_problems.acn, reporters.reporter_id, anomalies.anomaly_id,
    report_anomalies (acn, anomaly_id), results.result_id, report_results
    (acn, result_id), contributing_factors.factor_id,
    report_contributing_factors (acn, factor_id), human_factors.human_factor_id,
    reporter_human_factors (reporter_id, human_factor_id)."""
    rows = list(csv.reader(io.StringIO(files[0].lstrip("\ufeff"))))
    assert rows[1][0] == "ACN" and rows[1][124] == "Synopsis", rows[1][:3]
    body = [r for r in rows[2:] if any(x.strip() for x in r)]
    body.sort(key=lambda r: int(r[0]))
    t = _b111_text

    def far(v):
        v = t(v)
        return {"Other 107": "Part 107", "Other Part 107": "Part 107", "Other 101": "Part 101"}.get(v, v)

    def aclass(v):
        m = re.match(r"(Class [A-G]|Special Use|TFR)\b", v or "")
        return (m.group(1).replace("Class ", "") if m else None)

    def miss(v, axis):
        m = re.search(axis + r" (\d+)", v or "")
        return int(m.group(1)) if m else None

    def joined(*vals):
        vals = [t(v) for v in vals if t(v) and not t(v).startswith("[Report narrative contained no additional")]
        return "\n\n".join(vals) or None
    states, reports, other, comps, reporters = set(), [], [], [], []
    vocab = {k: {} for k in ("anomaly", "result", "factor", "human")}
    links = {k: [] for k in vocab}

    def link(kind, key, values):
        for v in dict.fromkeys(values):
            ids = vocab[kind]
            ids.setdefault(v, None)
            links[kind].append((key, v))
    for r in body:
        acn = int(r[0])
        d = r[1].strip()
        st = t(r[4])
        if st not in (None, "US", "FO"):
            states.add(st)
        loc = t(r[3])
        code, _, ltype = (loc or "").partition(".")
        vis, wx = None, []
        for p in _b114_parts(r[11]):
            if re.fullmatch(r"\d+(\.\d+)?", p):
                vis = p
            else:
                wx.append(p)
        ceil = t(r[14])
        reports.append([
            acn, int(d[:4]), int(d[4:6]), t(r[2]), code or None, ltype or None,
            st if st not in ("US", "FO") else None, st == "FO",
            _b114_num(r[5], True), _b114_num(r[6]), _b114_num(r[7], True), _b114_num(r[8], True),
            t(r[10]), vis, "; ".join(wx) or None, t(r[13]),
            None if ceil in (None, "CLR") else _b114_num(ceil, True), ceil == "CLR",
            t(r[16]), t(r[17]), _b114_num(r[20], True), far(r[21]), t(r[22]), t(r[23]), t(r[25]), t(r[26]),
            t(r[27]), aclass(r[27]), t(r[115]), t(r[116]), t(r[119]),
            miss(r[113], "Horizontal"), miss(r[113], "Vertical"),
            joined(r[120], r[122]), joined(r[121], r[123]), t(r[124])])
        if any(t(x) for x in r[55:90]):
            other.append([acn, t(r[57]), t(r[56]), _b114_num(r[59], True), far(r[60]), t(r[61]), t(r[62]),
                          t(r[64]), t(r[65]), t(r[66]), aclass(r[66]), t(r[55])])
        if t(r[51]):
            comps.append([acn, t(r[51]), t(r[54])])
        for n, base in ((1, 90), (2, 101)):
            if not any(t(x) for x in r[base:base + 11]):
                continue
            rid = len(reporters) + 1
            reporters.append([rid, acn, n, t(r[base]), t(r[base + 1]), t(r[base + 2]), t(r[base + 3]),
                              t(r[base + 4]), t(r[base + 5]), t(r[base + 8]), _b114_num(r[base + 10], True)])
            link("human", rid, _b114_parts(r[base + 7]))
        link("anomaly", acn, _b114_parts(r[112]))
        link("result", acn, _b114_parts(r[117]))
        link("factor", acn, _b114_parts(r[118]))
    for kind in vocab:
        vocab[kind] = {v: i for i, v in enumerate(sorted(vocab[kind]), 1)}
    _b107_table(srv, db, "states", [("state_code", "text"), ("state_name", "text")],
                sorted([s, US_STATES[s]] for s in states))
    _b107_table(srv, db, "reports", [
        ("acn", "integer"), ("event_year", "integer"), ("event_month", "integer"), ("time_of_day", "text"),
        ("locale_code", "text"), ("locale_type", "text"), ("state_code", "text"), ("is_foreign", "boolean"),
        ("radial_deg", "integer"), ("distance_nm", "numeric"), ("altitude_agl_ft", "integer"),
        ("altitude_msl_ft", "integer"), ("flight_conditions", "text"), ("visibility_sm", "numeric"),
        ("weather_elements", "text"), ("light", "text"), ("ceiling_ft", "integer"), ("sky_clear", "boolean"),
        ("atc_facility", "text"), ("operator_type", "text"), ("crew_size", "integer"), ("far_part", "text"),
        ("flight_plan", "text"), ("mission", "text"), ("flight_phase", "text"), ("route_in_use", "text"),
        ("airspace", "text"), ("airspace_class", "text"), ("detector", "text"), ("when_detected", "text"),
        ("primary_problem", "text"), ("miss_horizontal_ft", "integer"), ("miss_vertical_ft", "integer"),
        ("narrative", "text"), ("callback", "text"), ("synopsis", "text")], reports)
    _b107_table(srv, db, "other_aircraft", [
        ("acn", "integer"), ("make_model", "text"), ("operator_type", "text"), ("crew_size", "integer"),
        ("far_part", "text"), ("flight_plan", "text"), ("mission", "text"), ("flight_phase", "text"),
        ("route_in_use", "text"), ("airspace", "text"), ("airspace_class", "text"), ("atc_facility", "text")], other)
    _b107_table(srv, db, "component_problems", [("acn", "integer"), ("component", "text"), ("problem", "text")],
                comps)
    _b107_table(srv, db, "reporters", [
        ("reporter_id", "integer"), ("acn", "integer"), ("person_number", "integer"), ("location", "text"),
        ("location_in_aircraft", "text"), ("organization", "text"), ("function", "text"),
        ("qualification", "text"), ("experience", "text"), ("communication_breakdown", "text"),
        ("report_acn", "integer")], reporters)
    for kind, table, idc, namec, ltable, lkey in (
            ("anomaly", "anomalies", "anomaly_id", "anomaly", "report_anomalies", "acn"),
            ("result", "results", "result_id", "result", "report_results", "acn"),
            ("factor", "contributing_factors", "factor_id", "factor", "report_contributing_factors", "acn"),
            ("human", "human_factors", "human_factor_id", "human_factor", "reporter_human_factors",
             "reporter_id")):
        _b107_table(srv, db, table, [(idc, "integer"), (namec, "text")],
                    [[i, v] for v, i in vocab[kind].items()])
        _b107_table(srv, db, ltable, [(lkey, "integer"), (idc, "integer")],
                    [[k, vocab[kind][v]] for k, v in links[kind]])
    add_keys(srv, db, [("states", ["state_code"]), ("reports", ["acn"]), ("other_aircraft", ["acn"]),
                       ("component_problems", ["acn"]), ("reporters", ["reporter_id"]),
                       ("anomalies", ["anomaly_id"]), ("report_anomalies", ["acn", "anomaly_id"]),
                       ("results", ["result_id"]), ("report_results", ["acn", "result_id"]),
                       ("contributing_factors", ["factor_id"]), ("report_contributing_factors", ["acn", "factor_id"]),
                       ("human_factors", ["human_factor_id"]),
                       ("reporter_human_factors", ["reporter_id", "human_factor_id"])],
             [("reports", "state_code", "states", "state_code"),
              ("other_aircraft", "acn", "reports", "acn"),
              ("component_problems", "acn", "reports", "acn"),
              ("reporters", "acn", "reports", "acn"),
              ("report_anomalies", "acn", "reports", "acn"),
              ("report_anomalies", "anomaly_id", "anomalies", "anomaly_id"),
              ("report_results", "acn", "reports", "acn"),
              ("report_results", "result_id", "results", "result_id"),
              ("report_contributing_factors", "acn", "reports", "acn"),
              ("report_contributing_factors", "factor_id", "contributing_factors", "factor_id"),
              ("reporter_human_factors", "reporter_id", "reporters", "reporter_id"),
              ("reporter_human_factors", "human_factor_id", "human_factors", "human_factor_id")])


def load_psmsl_tide_gauges(srv, db, files):
    """The Permanent Service for Mean Sea Level's Revised Local Reference
    (RLR) annual mean sea levels, as extracted from the PSMSL database on 29
    November 2021 and kept in the repository (rlr_annual/: filelist.txt, one
    data file and one authority file per station, ellipsoidal_links.csv,
    mtl_msl_corrections.csv). Tables: authorities (the agency responsible
    for each gauge, from the first line of its docu/<id>_auth.txt, the
    address lines and the country on the block's last line, as PSMSL writes
    them: 'N.O.A.A. / N.O.S.', 'UNITED STATES'; the 15 gauges whose block
    starts with an address — '110B King Street', 'Rua Barao de Jaceguai,'
    — have an authority with no name), stations (1548 gauges: PSMSL id,
    name in capitals as published, 'NEW YORK (THE BATTERY)', latitude,
    longitude, the old coastline and station codes, PSMSL's quality flag
    as needs_attention, the authority), annual_means (one per station and
    year with a value: msl_mm the annual mean in mm above the station's RLR
    datum, defined about 7000 mm below mean sea level; missing_data PSMSL's
    'Y' flag — a month or at least 30 days missing —; mtl_flag the '010'
    flag, mean tide level adjusted to MSL; attention_flag the '001' flag;
    PSMSL's -99999 placeholders for years without a value are not loaded),
    gnss_links (ellipsoidal_links.csv: the GNSS station tied to the gauge,
    ellipsoidal height and its vertical rate) and mtl_corrections
    (mtl_msl_corrections.csv: periods of mean tide level data and the MTL-MSL
    difference applied, NULL where PSMSL has no estimate; the 7 rows of
    stations without an annual RLR file left out). Keys:
    authorities.authority_id, stations.station_id, annual_means (station_id,
    year), gnss_links.station_id, mtl_corrections (station_id,
    period_start); stations -> authorities; the others -> stations."""
    filelist, links_csv, mtl_csv = files[:3]
    t = _b111_text
    n = len(PSMSL_ANNUAL_IDS)
    data, auth = files[3:3 + n], files[3 + n:3 + 2 * n]
    stations, auth_ids, authorities, means = [], {}, [], []
    recs = [[p.strip() for p in l.split(";")] for l in filelist.splitlines() if l.strip()]
    assert [int(r[0]) for r in recs] == PSMSL_ANNUAL_IDS
    for r, text, atext in zip(recs, data, auth):
        sid = int(r[0])
        block = []
        for l in atext.replace("\r", "").split("\n"):
            if l.startswith("====") or (not l.strip() and block):
                break
            if l.strip():
                block.append(re.sub(r"\s+", " ", l.strip()))
        named = not re.match(r"(\d|Rua )", block[0])
        name = block[0] if named else None
        address = ", ".join(x.rstrip(",").strip() for x in block[1 if named else 0:-1])
        key = (name, block[-1], None if named else address)
        if key not in auth_ids:
            auth_ids[key] = len(authorities) + 1
            authorities.append([auth_ids[key], name, address or None, block[-1]])
        stations.append([sid, re.sub(r"\s+", " ", r[3]), r[1], r[2], int(r[4]), int(r[5]), r[6] == "Y",
                         auth_ids[key]])
        for l in text.splitlines():
            if not l.strip():
                continue
            y, v, miss, flag = [p.strip() for p in l.split(";")]
            if v == "-99999":
                continue
            means.append([sid, int(y), int(v), miss == "Y", flag[1] == "1", flag[2] == "1"])
    gl = list(csv.DictReader(io.StringIO(links_csv.lstrip("\ufeff"))))
    gnss = [[int(g["STATION"]), g["GPS"].strip()]
            + [_b114_num(g[c]) for c in ("HEIGHT (m)", "HEIGHT UNCERTAINTY (m)", "RATE (mm/yr)",
                                         "RATE UNCERTAINTY (mm/yr)", "EPOCH")]
            + [t(g["SOLUTION"]), t(g["START DATE"]), t(g["END DATE"])] for g in gl]
    mc = list(csv.DictReader(io.StringIO(mtl_csv.lstrip("\ufeff"))))
    mtl = [[int(m["STATION"]), int(m["PERIOD START"]), int(m["PERIOD END"]),
            None if m["MTL-MSL (MM)"].strip() == "-99999" else int(m["MTL-MSL (MM)"])] for m in mc
           if int(m["STATION"]) in set(PSMSL_ANNUAL_IDS)]
    _b107_table(srv, db, "authorities", [("authority_id", "integer"), ("authority_name", "text"),
                                         ("address", "text"), ("country", "text")], authorities)
    _b107_table(srv, db, "stations", [
        ("station_id", "integer"), ("station_name", "text"), ("latitude", "numeric"), ("longitude", "numeric"),
        ("coastline_code", "integer"), ("station_code", "integer"), ("needs_attention", "boolean"),
        ("authority_id", "integer")], stations)
    _b107_table(srv, db, "annual_means", [
        ("station_id", "integer"), ("year", "integer"), ("msl_mm", "integer"), ("missing_data", "boolean"),
        ("mtl_flag", "boolean"), ("attention_flag", "boolean")], means)
    _b107_table(srv, db, "gnss_links", [
        ("station_id", "integer"), ("gnss_station", "text"), ("height_m", "numeric"),
        ("height_uncertainty_m", "numeric"), ("rate_mm_per_year", "numeric"), ("rate_uncertainty_mm_per_year", "numeric"),
        ("epoch", "numeric"), ("solution", "text"), ("start_date", "date"), ("end_date", "date")], gnss)
    _b107_table(srv, db, "mtl_corrections", [
        ("station_id", "integer"), ("period_start", "integer"), ("period_end", "integer"),
        ("mtl_minus_msl_mm", "integer")], mtl)
    add_keys(srv, db, [("authorities", ["authority_id"]), ("stations", ["station_id"]),
                       ("annual_means", ["station_id", "year"]), ("gnss_links", ["station_id"]),
                       ("mtl_corrections", ["station_id", "period_start"])],
             [("stations", "authority_id", "authorities", "authority_id"),
              ("annual_means", "station_id", "stations", "station_id"),
              ("gnss_links", "station_id", "stations", "station_id"),
              ("mtl_corrections", "station_id", "stations", "station_id")])


def load_coal_mines_2013(srv, db, files):
    """US coal mines that produced coal in 2013, from the Energy Information
    Administration's coalpublic2013 file (form EIA-7A with MSHA's mine ids),
    as Jonathan Whitmore's coal-exploration cleaned it
    (data/cleaned_coalpublic2013.csv; MIT): the 1061 mines with a production
    above 0 (mines without production were removed there), company type
    'Indepedent' corrected there to 'Independent'. Tables: states (EIA's
    state names, 'Kentucky (East)' split into state 'Kentucky' and the part
    'East' kept on the mine as state_part; EIA's pseudo-state 'Refuse
    Recovery' — the 29 refuse mines — has no state: state_id NULL),
    supply_regions (EIA's coal supply regions), operators (the operating
    companies by name as EIA prints them, cut at 30 characters: 'James River
    Coal Service Compa'; spellings differ, 'Knight Hawk Coal, Llc' and
    'Knight Hawk Coal Llc' are two operators), mines (MSHA id, name, state,
    state part, county, status, type Surface / Underground / Refuse,
    operation type, operator, company type, the operator's address on the
    mine's record, union as published — NULL for the blank of non-union
    mines, 'UNIT' and 'INTE' as truncated codes beside full names —,
    supply region) and mine_production (one per mine for 2013: production in
    short tons, average employees, labor hours). The file's log_production
    column is not loaded. Keys: states.state_id, supply_regions.region_id,
    operators.operator_id, mines.msha_id, mine_production (msha_id, year);
    mines -> states, supply_regions, operators; mine_production -> mines."""
    recs = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    t = _b111_text

    def state(v):
        m = re.fullmatch(r"(.+?)(?: \((.+)\))?", t(v))
        return (None, None) if m.group(1) == "Refuse Recovery" else (m.group(1), m.group(2))
    states = sorted({state(r["Mine_State"])[0] for r in recs} - {None})
    sid = {s: i for i, s in enumerate(states, 1)}
    regions = sorted({t(r["Coal_Supply_Region"]) for r in recs})
    rid = {s: i for i, s in enumerate(regions, 1)}
    ops = sorted({t(r["Operating_Company"]) for r in recs}, key=lambda s: (s.lower(), s))
    oid = {s: i for i, s in enumerate(ops, 1)}
    mines, prod = [], []
    for r in sorted(recs, key=lambda r: int(r["MSHA ID"])):
        st, part = state(r["Mine_State"])
        mines.append([int(r["MSHA ID"]), t(r["Mine_Name"]), sid.get(st), part, t(r["Mine_County"]),
                      t(r["Mine_Status"]), t(r["Mine_Type"]), t(r["Operation_Type"]),
                      oid[t(r["Operating_Company"])], t(r["Company_Type"]), t(r["Operating_Company_Address"]),
                      t(r["Union_Code"]), rid[t(r["Coal_Supply_Region"])]])
        prod.append([int(r["MSHA ID"]), int(r["Year"]), _b114_num(r["Production_(short_tons)"], True),
                     _b114_num(r["Average_Employees"], True), _b114_num(r["Labor_Hours"], True)])
    _b107_table(srv, db, "states", [("state_id", "integer"), ("state_name", "text")],
                [[i, s] for s, i in sid.items()])
    _b107_table(srv, db, "supply_regions", [("region_id", "integer"), ("region_name", "text")],
                [[i, s] for s, i in rid.items()])
    _b107_table(srv, db, "operators", [("operator_id", "integer"), ("operator_name", "text")],
                [[i, s] for s, i in oid.items()])
    _b107_table(srv, db, "mines", [
        ("msha_id", "integer"), ("mine_name", "text"), ("state_id", "integer"), ("state_part", "text"),
        ("county", "text"), ("mine_status", "text"), ("mine_type", "text"), ("operation_type", "text"),
        ("operator_id", "integer"), ("company_type", "text"), ("operator_address", "text"), ("union_name", "text"),
        ("region_id", "integer")], mines)
    _b107_table(srv, db, "mine_production", [
        ("msha_id", "integer"), ("year", "integer"), ("production_short_tons", "bigint"),
        ("average_employees", "integer"), ("labor_hours", "integer")], prod)
    add_keys(srv, db, [("states", ["state_id"]), ("supply_regions", ["region_id"]), ("operators", ["operator_id"]),
                       ("mines", ["msha_id"]), ("mine_production", ["msha_id", "year"])],
             [("mines", "state_id", "states", "state_id"),
              ("mines", "region_id", "supply_regions", "region_id"),
              ("mines", "operator_id", "operators", "operator_id"),
              ("mine_production", "msha_id", "mines", "msha_id")])


LOADERS.update(asrs_drone_reports=load_asrs_drone_reports, psmsl_tide_gauges=load_psmsl_tide_gauges,
               coal_mines_2013=load_coal_mines_2013)


DATASETS.update({
    "us_ski_resorts": ("mrhaffner/on-the-snow-api", "9cb8baca31c3e0d9bbe5790348427137b9955f9f",
                       ["data_raw/resorts_raw.csv"]),
    "volcano_eruptions": ("ids-s1-20/project-x404_pagenotfound", "f139131cfc6c4568a5b4452e26e4a3d9e7a6ef1f",
                          ["data/volcano.csv", "data/eruptions.csv", "data/events.csv"]),
    "faa_bird_strikes": ("vanshi-jain/Airplane_Bird_Strikes", "b97eba73186af588094194fb54ff4236b5e55af4",
                         ["BirdStrikesData-V3.csv"]),
})


def _b115_int(v, zero_none=False):
    """An integer as written ('1,500' -> 1500); blank, 'NA' and 'Unknown' are
    None, and so is 0 when zero_none (GVP's month or day 0 means unknown)."""
    v = (v or "").strip().replace(",", "")
    if v in ("", "NA", "Unknown"):
        return None
    n = int(float(v))
    return None if zero_none and n == 0 else n


def _b115_date(y, m, d):
    """ISO date of a year, month and day when all three are known and the year
    is after 0 (GVP years before the common era are negative), else None."""
    import datetime
    if y is None or m is None or d is None or y < 1:
        return None
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


B115_LIFT_TYPES = [  # OnTheSnow's lift columns: (column, name, seats, high speed)
    ("trams", "Tram", None, False), ("fast_eights", "Fast eight", 8, True), ("fast_sixes", "Fast six", 6, True),
    ("fast_quads", "Fast quad", 4, True), ("quad", "Quad", 4, False), ("triple", "Triple", 3, False),
    ("double", "Double", 2, False), ("surface", "Surface lift", None, False)]


def load_us_ski_resorts(srv, db, files):
    """US ski resorts as OnTheSnow.com listed them (Kaggle's "onthesnow" set
    by Sijia Lai, scraped about 2019, kept by an OnTheSnow-clone project as
    data_raw/resorts_raw.csv): 331 resorts in 34 states. Tables: states (the
    state of each resort's OnTheSnow address, slug 'new-york' as 'New York',
    with the postal code; the file's state column says 'maryland' for the 11
    Massachusetts resorts, whose addresses say massachusetts: the address
    wins), resorts (name, state, summit and base elevation and vertical drop
    in feet, number of runs, terrain parks, longest run in miles, skiable and
    snowmaking acres, night skiing as a boolean and its acres — the file's
    mi_night_skiing —, days open last season, projected days open, years
    open, average snowfall in inches, the OnTheSnow address), lift_types
    (OnTheSnow's eight lift columns: tram, fast eight, fast six, fast quad,
    quad, triple, double, surface lift, with seats and high speed) and
    resort_lifts (how many lifts of each type a resort has, types with 0
    left out; the file's total is their sum for every resort, so it is not
    loaded). The sparse mi_pistes and mi_snow_making columns (13 and 14
    values) and the file's placeholder id 'a' are not loaded. Keys:
    states.state_id, resorts.resort_id, lift_types.lift_type_id,
    resort_lifts (resort_id, lift_type_id); resorts -> states; resort_lifts
    -> resorts, lift_types."""
    recs = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    t = _b111_text
    by_name = {v: k for k, v in US_STATES.items()}

    def slug(r):
        return re.search(r"onthesnow\.com/([^/]+)/", r["url"]).group(1)
    states = sorted({slug(r) for r in recs})
    names = {s: " ".join(w.capitalize() for w in s.split("-")) for s in states}
    sid = {s: i for i, s in enumerate(states, 1)}
    resorts, lifts = [], []
    for i, r in enumerate(recs, 1):
        n = _b115_int
        ns = n(r["night_skiing"])
        resorts.append([i, t(r["name"]), sid[slug(r)], n(r["summit"]), n(r["base"]), n(r["vertical_drop"]),
                        n(r["runs"]), n(r["terrain_parks"]), t(r["longest_run"]), n(r["skiable_terrain"]),
                        n(r["snow_making"]), ns == 1, n(r["mi_night_skiing"]), n(r["days_open_last_year"]),
                        n(r["projected_days_open"]), n(r["years_open"]), n(r["average_snowfall"]), t(r["url"])])
        for k, (col, _, _, _) in enumerate(B115_LIFT_TYPES, 1):
            if n(r[col]):
                lifts.append([i, k, n(r[col])])
        assert sum(n(r[c[0]]) for c in B115_LIFT_TYPES) == n(r["total"]), r["name"]
    _b107_table(srv, db, "states", [("state_id", "integer"), ("state_name", "text"), ("state_code", "text")],
                [[sid[s], names[s], by_name[names[s]]] for s in states])
    _b107_table(srv, db, "resorts", [
        ("resort_id", "integer"), ("resort_name", "text"), ("state_id", "integer"), ("summit_elevation_ft", "integer"),
        ("base_elevation_ft", "integer"), ("vertical_drop_ft", "integer"), ("runs", "integer"),
        ("terrain_parks", "integer"), ("longest_run_mi", "numeric"), ("skiable_acres", "integer"),
        ("snowmaking_acres", "integer"), ("night_skiing", "boolean"), ("night_skiing_acres", "integer"),
        ("days_open_last_season", "integer"), ("projected_days_open", "integer"), ("years_open", "integer"),
        ("average_snowfall_in", "integer"), ("onthesnow_url", "text")], resorts)
    _b107_table(srv, db, "lift_types", [("lift_type_id", "integer"), ("lift_type_name", "text"),
                                        ("seats", "integer"), ("high_speed", "boolean")],
                [[k, name, seats, fast] for k, (_, name, seats, fast) in enumerate(B115_LIFT_TYPES, 1)])
    _b107_table(srv, db, "resort_lifts", [("resort_id", "integer"), ("lift_type_id", "integer"),
                                          ("lift_count", "integer")], lifts)
    add_keys(srv, db, [("states", ["state_id"]), ("resorts", ["resort_id"]), ("lift_types", ["lift_type_id"]),
                       ("resort_lifts", ["resort_id", "lift_type_id"])],
             [("resorts", "state_id", "states", "state_id"),
              ("resort_lifts", "resort_id", "resorts", "resort_id"),
              ("resort_lifts", "lift_type_id", "lift_types", "lift_type_id")])


def load_volcano_eruptions(srv, db, files):
    """The Smithsonian Global Volcanism Program's Volcanoes of the World as
    TidyTuesday published it on 2020-05-12 (volcano.csv, eruptions.csv,
    events.csv), in a student project's data folder. Tables: countries (the
    volcano list's country as GVP writes it, border volcanoes under a joint
    name: 'Chile-Argentina', 'Japan - administered by Russia', 'Undersea
    Features'), regions and subregions (GVP's volcanic regions: 'South
    America', subregion 'Northern Chile, Bolivia and Argentina'), volcanoes
    (GVP volcano number, name as GVP writes it — 'Fournaise, Piton de la',
    'Azul, Cerro'; five names are shared by two volcanoes —, primary type as
    published: 'Stratovolcano', 'Stratovolcano(es)', 'Shield(s)', country,
    subregion, latitude, longitude, elevation in metres, tectonic setting
    and crust split from 'Subduction zone / Continental crust (>25 km)',
    evidence category, last eruption year — negative before the common era,
    NULL for 'Unknown' —, population within 5, 10, 30 and 100 km; the 242
    volcanoes that have eruptions but are not in TidyTuesday's 958-row list,
    Mayon and Redoubt among them and GVP's 'Unknown Source' of ice-core
    signals, are loaded with their name and position only), rock_types and
    volcano_rock_types (the major and minor rock columns, rank 1-5 kept),
    eruptions (eruption number, volcano, category 'Confirmed Eruption' /
    'Uncertain Eruption' / 'Discredited Eruption', area of activity, VEI,
    start and end year, month and day — GVP's 0 for an unknown month or day
    is NULL —, start_date and end_date where year, month and day are known
    and the year is after 0, dating evidence; eruption 21100 of Craters of
    the Moon appears three times with three start years, the first, -8290,
    is kept), event_types and events (each eruption's events: 'Explosion',
    'Lava flow(s)', 'Fatalities', 'Evacuations' ..., remarks, and the
    event's year, month, day where given). The eruptions' and events'
    repeated volcano names and coordinates are not loaded. Keys:
    countries.country_id, regions.region_id, subregions.subregion_id,
    volcanoes.volcano_number, rock_types.rock_type_id, volcano_rock_types
    (volcano_number, rock_type_id), eruptions.eruption_number,
    event_types.event_type_id, events.event_number; subregions -> regions;
    volcanoes -> countries, subregions; volcano_rock_types -> volcanoes,
    rock_types; eruptions -> volcanoes; events -> eruptions, event_types."""
    vol, eru, evs = (list(csv.DictReader(io.StringIO(f.lstrip("\ufeff")))) for f in files)
    t = _b111_text
    n = _b115_int

    def na(v):
        v = t((v or "").replace("\xa0", " "))
        return None if v in ("NA",) else v
    countries = sorted({na(v["country"]) for v in vol})
    cid = {c: i for i, c in enumerate(countries, 1)}
    regions = sorted({na(v["region"]) for v in vol})
    rid = {r: i for i, r in enumerate(regions, 1)}
    subs = sorted({(na(v["subregion"]), na(v["region"])) for v in vol})
    sid = {s: i for i, (s, _) in enumerate(subs, 1)}
    assert len(sid) == len(subs)
    rocks = sorted({na(v[f"{k}_rock_{i}"]) for v in vol for k in ("major", "minor") for i in range(1, 6)} - {None})
    rkid = {r: i for i, r in enumerate(rocks, 1)}
    volcanoes, vrocks = {}, []
    for v in vol:
        num = int(v["volcano_number"])
        ts = na(v["tectonic_settings"])
        setting, crust = (ts.split(" / ", 1) + [None])[:2] if ts and ts != "Unknown" else (None, None)
        if crust == "Crustal thickness unknown":
            crust = None
        volcanoes[num] = [num, na(v["volcano_name"]), na(v["primary_volcano_type"]), cid[na(v["country"])],
                          sid[na(v["subregion"])], na(v["latitude"]), na(v["longitude"]), n(v["elevation"]),
                          setting, crust, na(v["evidence_category"]), n(v["last_eruption_year"])] + \
                         [n(v[f"population_within_{k}_km"]) for k in (5, 10, 30, 100)]
        for role in ("major", "minor"):
            for i in range(1, 6):
                r = na(v[f"{role}_rock_{i}"])
                if r:
                    vrocks.append([num, rkid[r], role, i])
    eruptions, seen = [], set()
    for e in eru:
        num, vn = int(e["eruption_number"]), int(e["volcano_number"])
        if vn not in volcanoes:
            volcanoes[vn] = [vn, na(e["volcano_name"]), None, None, None, na(e["latitude"]), na(e["longitude"])] + \
                            [None] * 9
        if num in seen:  # eruption 21100 (Craters of the Moon) three times: the first kept
            continue
        seen.add(num)
        sy, sm, sd = n(e["start_year"]), n(e["start_month"], True), n(e["start_day"], True)
        ey, em, ed = n(e["end_year"]), n(e["end_month"], True), n(e["end_day"], True)
        eruptions.append([num, vn, na(e["eruption_category"]), na(e["area_of_activity"]), n(e["vei"]),
                          sy, sm, sd, _b115_date(sy, sm, sd), ey, em, ed, _b115_date(ey, em, ed),
                          na(e["evidence_method_dating"])])
    etypes = sorted({na(x["event_type"]) for x in evs})
    etid = {x: i for i, x in enumerate(etypes, 1)}
    events = [[int(x["event_number"]), int(x["eruption_number"]), etid[na(x["event_type"])], na(x["event_remarks"]),
               n(x["event_date_year"]), n(x["event_date_month"], True), n(x["event_date_day"], True)] for x in evs]
    _b107_table(srv, db, "countries", [("country_id", "integer"), ("country_name", "text")],
                [[i, c] for c, i in cid.items()])
    _b107_table(srv, db, "regions", [("region_id", "integer"), ("region_name", "text")],
                [[i, r] for r, i in rid.items()])
    _b107_table(srv, db, "subregions", [("subregion_id", "integer"), ("subregion_name", "text"),
                                        ("region_id", "integer")], [[sid[s], s, rid[r]] for s, r in subs])
    _b107_table(srv, db, "volcanoes", [
        ("volcano_number", "integer"), ("volcano_name", "text"), ("primary_volcano_type", "text"),
        ("country_id", "integer"), ("subregion_id", "integer"), ("latitude", "numeric"), ("longitude", "numeric"),
        ("elevation_m", "integer"), ("tectonic_setting", "text"), ("crust", "text"), ("evidence_category", "text"),
        ("last_eruption_year", "integer"), ("population_within_5_km", "integer"),
        ("population_within_10_km", "integer"), ("population_within_30_km", "integer"),
        ("population_within_100_km", "integer")], [volcanoes[k] for k in sorted(volcanoes)])
    _b107_table(srv, db, "rock_types", [("rock_type_id", "integer"), ("rock_type_name", "text")],
                [[i, r] for r, i in rkid.items()])
    _b107_table(srv, db, "volcano_rock_types", [("volcano_number", "integer"), ("rock_type_id", "integer"),
                                                ("rock_role", "text"), ("rock_rank", "integer")], vrocks)
    _b107_table(srv, db, "eruptions", [
        ("eruption_number", "integer"), ("volcano_number", "integer"), ("eruption_category", "text"),
        ("area_of_activity", "text"), ("vei", "integer"), ("start_year", "integer"), ("start_month", "integer"),
        ("start_day", "integer"), ("start_date", "date"), ("end_year", "integer"), ("end_month", "integer"),
        ("end_day", "integer"), ("end_date", "date"), ("evidence_method_dating", "text")], eruptions)
    _b107_table(srv, db, "event_types", [("event_type_id", "integer"), ("event_type_name", "text")],
                [[i, x] for x, i in etid.items()])
    _b107_table(srv, db, "events", [
        ("event_number", "integer"), ("eruption_number", "integer"), ("event_type_id", "integer"),
        ("event_remarks", "text"), ("event_year", "integer"), ("event_month", "integer"), ("event_day", "integer")],
        events)
    add_keys(srv, db, [("countries", ["country_id"]), ("regions", ["region_id"]), ("subregions", ["subregion_id"]),
                       ("volcanoes", ["volcano_number"]), ("rock_types", ["rock_type_id"]),
                       ("volcano_rock_types", ["volcano_number", "rock_type_id"]),
                       ("eruptions", ["eruption_number"]), ("event_types", ["event_type_id"]),
                       ("events", ["event_number"])],
             [("subregions", "region_id", "regions", "region_id"),
              ("volcanoes", "country_id", "countries", "country_id"),
              ("volcanoes", "subregion_id", "subregions", "subregion_id"),
              ("volcano_rock_types", "volcano_number", "volcanoes", "volcano_number"),
              ("volcano_rock_types", "rock_type_id", "rock_types", "rock_type_id"),
              ("eruptions", "volcano_number", "volcanoes", "volcano_number"),
              ("events", "eruption_number", "eruptions", "eruption_number"),
              ("events", "event_type_id", "event_types", "event_type_id")])


B115_CANADA = {"Alberta", "British Columbia", "Newfoundland and Labrador", "Ontario", "Prince Edward Island",
               "Quebec", "Saskatchewan"}


def load_faa_bird_strikes(srv, db, files):
    """Bird strikes reported to the FAA's National Wildlife Strike Database,
    2000-2011, in the 25,558-row version (BirdStrikesData-V3.csv) that
    Northeastern University's CS5200 course hands out for its practicum, as a
    student's repository keeps it. Tables: states (the 'origin' column: the
    state or province of the airport, 'DC' as written, Canadian provinces
    with country 'Canada', the rest 'United States' — Puerto Rico and the
    Virgin Islands included —; 'N/A' is no state), airports (one per name as
    the FAA writes it, 'DALLAS/FORT WORTH INTL ARPT', with its state; every
    airport has one state in the file), operators (the airline or operator
    as written: 'SOUTHWEST AIRLINES', and the FAA's categories 'BUSINESS',
    'PRIVATELY OWNED', 'GOVERNMENT', 'MILITARY'), aircraft_models ('B-737-700',
    with is_heavy from heavy_flag, the same on every row of a model) and
    strikes (one per record id: flight date, airport, operator, model,
    aircraft type 'Airplane', flight phase, impact on the flight as written —
    'None', 'Precautionary Landing', 'Aborted Take-off', 'Engine Shut Down',
    'Other' —, damage 'Damage' / 'No damage' / 'Loss', wildlife size
    'Small' / 'Medium' / 'Large', sky conditions, pilot_warned from Y/N,
    altitude in feet from '1,500'). 129 records (helicopters: 'BELL-206',
    'EC-135') have only a model, a state, damage and sky conditions: they are
    loaded without airport, and so without their state (the state is the
    airport's). The course's file has no species, number struck, time of
    day, cost or remarks: those are asked back. Keys: states.state_id,
    airports.airport_id, operators.operator_id, aircraft_models.model_id,
    strikes.strike_id; airports -> states; strikes -> airports, operators,
    aircraft_models."""
    recs = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    t = _b111_text

    def state(r):
        s = t(r["origin"])
        return None if s == "N/A" else s
    states = sorted({state(r) for r in recs} - {None})
    sid = {s: i for i, s in enumerate(states, 1)}
    aps = {}
    for r in recs:
        if t(r["airport"]):
            aps.setdefault(t(r["airport"]), set()).add(state(r))
    assert all(len(v) == 1 for v in aps.values())
    apid = {a: i for i, a in enumerate(sorted(aps), 1)}
    ops = sorted({t(r["airline"]) for r in recs} - {None})
    opid = {o: i for i, o in enumerate(ops, 1)}
    heavy = {}
    for r in recs:
        if t(r["heavy_flag"]):
            heavy.setdefault(t(r["model"]), set()).add(r["heavy_flag"].strip() == "Yes")
    assert all(len(v) == 1 for v in heavy.values())
    models = sorted({t(r["model"]) for r in recs})
    mid = {m: i for i, m in enumerate(models, 1)}
    strikes = []
    for r in sorted(recs, key=lambda r: int(r["rid"])):
        d = t(r["flight_date"])
        if d:
            mo, da, yr = d.split(" ")[0].split("/")
            d = f"{int(yr):04d}-{int(mo):02d}-{int(da):02d}"
        pw = t(r["pilot_warned_flag"])
        strikes.append([int(r["rid"]), d, apid.get(t(r["airport"])), opid.get(t(r["airline"])),
                        mid[t(r["model"])], t(r["aircraft"]), t(r["flight_phase"]), t(r["impact"]), t(r["damage"]),
                        t(r["wildlife_size"]), t(r["sky_conditions"]), None if pw is None else pw == "Y",
                        _b115_int(r["altitude_ft"])])
    _b107_table(srv, db, "states", [("state_id", "integer"), ("state_name", "text"), ("country", "text")],
                [[i, s, "Canada" if s in B115_CANADA else "United States"] for s, i in sid.items()])
    _b107_table(srv, db, "airports", [("airport_id", "integer"), ("airport_name", "text"), ("state_id", "integer")],
                [[i, a, sid.get(next(iter(aps[a])))] for a, i in apid.items()])
    _b107_table(srv, db, "operators", [("operator_id", "integer"), ("operator_name", "text")],
                [[i, o] for o, i in opid.items()])
    _b107_table(srv, db, "aircraft_models", [("model_id", "integer"), ("model_name", "text"), ("is_heavy", "boolean")],
                [[i, m, next(iter(heavy[m])) if m in heavy else None] for m, i in mid.items()])
    _b107_table(srv, db, "strikes", [
        ("strike_id", "integer"), ("flight_date", "date"), ("airport_id", "integer"), ("operator_id", "integer"),
        ("model_id", "integer"), ("aircraft_type", "text"), ("flight_phase", "text"), ("impact_to_flight", "text"),
        ("damage", "text"), ("wildlife_size", "text"), ("sky_conditions", "text"),
        ("pilot_warned", "boolean"), ("altitude_ft", "integer")], strikes)
    add_keys(srv, db, [("states", ["state_id"]), ("airports", ["airport_id"]), ("operators", ["operator_id"]),
                       ("aircraft_models", ["model_id"]), ("strikes", ["strike_id"])],
             [("airports", "state_id", "states", "state_id"),
              ("strikes", "airport_id", "airports", "airport_id"),
              ("strikes", "operator_id", "operators", "operator_id"),
              ("strikes", "model_id", "aircraft_models", "model_id")])


LOADERS.update(us_ski_resorts=load_us_ski_resorts, volcano_eruptions=load_volcano_eruptions,
               faa_bird_strikes=load_faa_bird_strikes)

DATASETS.update({
    "caltrans_traffic_counts": ("pretendhome/Traffic_Monsters", "a659092080c90813be68744e090e928bf82065fa",
                                ["AADT.csv"]),
    "pygmy_loris_studbook": ("Rich-Molecular-Health-Lab/bioinformatics_stats",
                             "eb857cbcd3fc68782e0a6de5e7e8042181084c27",
                             ["metadata/loris/Studbook/HistoricPop_2021.csv",
                              "metadata/loris/Studbook/HistoricInstitutions_2021.csv"]),
    "taskmaster_uk": ("silverdavi/taskmaster-paper", "946e5ccd08719f16b8f02996313b39161a7ca269",
                      ["data/raw/taskmaster_uk_episodes.csv", "data/raw/imdb_ratings.csv",
                       "data/raw/contestants.csv", "data/raw/taskmaster_UK_tasks.csv", "data/raw/scores.csv"]),
})


def load_caltrans_traffic_counts(srv, db, files):
    """Caltrans' traffic census of the California state highway system:
    annual average daily traffic (AADT) at the count locations along each
    state route for 2014, 2015, 2016 and 2017, as a data bootcamp project
    kept the yearly files in one CSV (AADT.csv; Caltrans' traffic volumes
    are public). Each count location is a postmile on a route in a county
    and a district, with the traffic on its 'back' side (towards the lower
    postmiles, where the route comes from) and its 'ahead' side: the peak
    hour volume, the peak month's average daily traffic and the AADT.
    Tables: routes (the route as Caltrans writes it, '5', '101', '5S' —
    leading zeros dropped, '005S' is '5S' —, with its number and letter
    suffix), count_locations (one per district, route, county code and
    postmile as published — 'R44.924', letters mark realignments —, with
    the numeric part, the description of its latest year — descriptions
    are respelled from year to year, 'COMPTCHE/UKIAH ROAD' / 'ROADS' — and
    the latitude and longitude of its south or west end that year) and
    annual_counts (one row per location and year as published: 11
    locations have two or three rows in one year, parallel alignments or
    the two halves of a county line; Caltrans' 0 is read as NULL, no
    traffic figure on that side — a route's start or end, the other half of
    a county line). In 2016 no figure reaches 100,000: the file lost that
    year's six-digit values before it was committed (0, so NULL here). The
    64 'BREAK IN ROUTE' rows (no traffic, placeholder
    coordinates) are not loaded. County codes ('LA', 'ORA', 'SF') and
    district numbers are as published; their names are not in the file.
    Keys: routes.route_id, count_locations.location_id,
    annual_counts.count_id; count_locations -> routes; annual_counts ->
    count_locations."""
    recs = list(csv.DictReader(io.StringIO(files[0].lstrip("\ufeff"))))
    t = _b111_text

    def route(v):
        m = re.fullmatch(r"0*(\d+)([A-Z]?)", t(v))
        return m.group(1) + m.group(2), int(m.group(1)), m.group(2) or None

    def num(v):
        v = int(t(v))
        return v or None
    recs = [r for r in recs if t(r["Descriptn"]) != "BREAK IN ROUTE"]
    routes = {}
    for r in recs:
        rid, n, suf = route(r["Route"])
        routes[rid] = (n, suf)
    locs = {}
    for r in sorted(recs, key=lambda r: int(r["YEAR"])):  # the latest year's description and position win
        key = (int(r["District"]), route(r["Route"])[0], t(r["County"]), t(r["Postmile"]))
        locs[key] = (t(r["Descriptn"]), float(r["Lat_S_or_W"]), float(r["Lon_S_or_W"]))
    lid = {k: i for i, k in enumerate(sorted(locs, key=lambda k: (routes[k[1]][0], k[1], k[2], k[3], k[0])), 1)}
    loc_rows = []
    for k, i in lid.items():
        m = re.fullmatch(r"([A-Z]?)(\d*\.?\d*)([A-Z]?)", k[3])
        loc_rows.append([i, k[0], k[1], k[2], k[3], m.group(1) or None, float(m.group(2)), locs[k][0],
                         locs[k][1], locs[k][2]])
    counts = []
    for n, r in enumerate(recs, 1):
        key = (int(r["District"]), route(r["Route"])[0], t(r["County"]), t(r["Postmile"]))
        counts.append([n, lid[key], int(r["YEAR"]), num(r["Back_pk_h"]), num(r["Back_pk_m"]), num(r["Back_AADT"]),
                       num(r["Ahead_pk_h"]), num(r["Ahead_pk_m"]), num(r["Ahead_AADT"])])
    _b107_table(srv, db, "routes", [("route_id", "text"), ("route_number", "integer"), ("route_suffix", "text")],
                [[k, n, s] for k, (n, s) in sorted(routes.items(), key=lambda kv: (kv[1][0], kv[0]))])
    _b107_table(srv, db, "count_locations", [
        ("location_id", "integer"), ("district", "integer"), ("route_id", "text"), ("county_code", "text"),
        ("postmile", "text"), ("postmile_prefix", "text"), ("postmile_value", "numeric"), ("description", "text"),
        ("latitude", "numeric"), ("longitude", "numeric")], sorted(loc_rows))
    _b107_table(srv, db, "annual_counts", [
        ("count_id", "integer"), ("location_id", "integer"), ("year", "integer"),
        ("back_peak_hour_volume", "integer"), ("back_peak_month_adt", "integer"), ("back_aadt", "integer"),
        ("ahead_peak_hour_volume", "integer"), ("ahead_peak_month_adt", "integer"), ("ahead_aadt", "integer")], counts)
    add_keys(srv, db, [("routes", ["route_id"]), ("count_locations", ["location_id"]), ("annual_counts", ["count_id"])],
             [("count_locations", "route_id", "routes", "route_id"),
              ("annual_counts", "location_id", "count_locations", "location_id")])


def _b116_studbook_date(v):
    """A date of the studbook export: '16-Mar-08' (two-digit years up to 21
    are 20xx), '01/Jan/1986 +/- 6 month' (estimated), '~ from 11/Mar/2021
    to 12/Mar/2021' (estimated, the first day), 'Undetermined' (None).
    Returns (ISO date or None, estimated)."""
    import datetime
    v = _b111_text(v) or "Undetermined"
    if v == "Undetermined":
        return None, False
    m = re.fullmatch(r"(\d{1,2})-([A-Za-z]{3})-(\d\d)", v)
    if m:
        y = int(m.group(3))
        y += 2000 if y <= 21 else 1900
        return datetime.datetime.strptime(f"{m.group(1)}-{m.group(2)}-{y}", "%d-%b-%Y").date().isoformat(), False
    m = re.search(r"(\d{1,2})/([A-Za-z]{3})/(\d{4})", v)
    assert m and ("+/-" in v or v.startswith("~")), v
    return datetime.datetime.strptime("-".join(m.groups()), "%d-%b-%Y").date().isoformat(), True


def load_pygmy_loris_studbook(srv, db, files):
    """The AZA regional studbook of the pygmy slow loris (Nycticebus
    pygmaeus) as exported from ZIMS for 2021 — every loris ever held by the
    North American programme's institutions, with its moves between them —
    and the studbook's list of institutions, as a primate microbiome lab
    keeps them beside its scripts (HistoricPop_2021.csv,
    HistoricInstitutions_2021.csv; the repository states no licence). One
    species' holdings across zoos, not one zoo's inventory. Tables:
    institutions (69: the studbook's mnemonic as key, 'CINCINNAT', 'DUKE
    PRIM', name, country as published — one 'Undetermined', one blank read
    as NULL —, current and historic holdings split from '14 (8.5.1)' into
    total, males, females and unknown sex), associations and
    institution_associations (the zoo associations each institution belongs
    to, 'AZA', 'WAZA', 'EAZA'), animals (343 lorises by studbook number: the
    current location and local id as the export writes them — for dead
    animals the place of death —, sex 'Male' / 'Female' / 'Undetermined',
    birth date and whether it is an estimate, birth type 'Captive
    Birth/Hatch' / 'Wild Birth/Hatch' / 'Undetermined', sire and dam as
    studbook numbers, NULL for 'WILD' and 'UND') and events (1057: birth or
    hatch, wild capture, transfer, death and 'GO LTF' — lost to follow-up —
    in the export's order per animal, with their date, whether it is an
    estimate, and the place: an institution's mnemonic, or a wild origin as
    published, 'VIETNAM~', 'Asia', 'Undetermined'). Dates: '16-Mar-08' with
    two-digit years up to 21 read as 20xx; '01/Jan/1986 +/- 6 month' and '~
    from 11/Mar/2021 to 12/Mar/2021' are estimates (the first day kept);
    'Undetermined' is NULL. The lab's file of institutional contacts is not
    loaded. The institution list's 'GARDENCT Y' and 'WORLDWID E' (a line
    break of the source PDF) are the studbook's 'GARDENCTY' and 'WORLDWIDE';
    its one row without a mnemonic is keyed by its name, the place the
    events write, 'SWITZRLND: Invalid use of GeoRef'. Keys:
    institutions.institution_code, associations.association_code,
    institution_associations (institution_code, association_code),
    animals.studbook_id, events (studbook_id, event_seq); animals ->
    animals (sire_id, dam_id), institutions (current_location); events ->
    animals, institutions (location_code: the wild origins — 'VIETNAM~',
    'Asia', 'Undetermined' — dangle, NOT VALID); institution_associations
    -> institutions, associations."""
    t = _b111_text
    pop = list(csv.reader(io.StringIO(files[0].lstrip("\ufeff"))))
    inst = list(csv.reader(io.StringIO(files[1].lstrip("\ufeff"))))
    animals, events, cur = [], [], None
    for r in pop[1:]:
        r = [t(x) for x in r] + [None] * (11 - len(r))
        if r[0]:
            born, est = _b116_studbook_date(r[4])
            ids = [None if (v or "").upper() in ("WILD", "UND", "UNK", "") else int(v) for v in (r[5], r[6])]
            cur = [int(r[0]), r[3], born, est, r[7], ids[0], ids[1], r[1], r[2]]
            animals.append(cur)
            seq = 0
        seq += 1
        d, dest = _b116_studbook_date(r[9])
        events.append([cur[0], seq, r[8], d, dest, r[10]])

    def holding(v):
        m = re.fullmatch(r"(\d+) \((\d+)\.(\d+)\.(\d+)\)", t(v))
        return [int(x) for x in m.groups()]
    insts, links, assoc = [], [], set()
    places = {e[5] for e in events} | {a[7] for a in animals}
    for r in inst[1:]:
        r = [t(x) for x in r]
        code, name = (r[1], r[0]) if r[1] else (r[0], None)  # one row has no mnemonic: its name is the events' place
        if code not in places and code.replace(" ", "") in places:  # 'GARDENCT Y': a line break of the source PDF
            code = code.replace(" ", "")
        insts.append([code, name, r[2]] + holding(r[4]) + holding(r[5]))
        for a in (r[3] or "").split(","):
            if a.strip():
                links.append([code, a.strip()])
                assoc.add(a.strip())
    _b107_table(srv, db, "institutions", [
        ("institution_code", "text"), ("institution_name", "text"), ("country", "text"),
        ("current_total", "integer"), ("current_males", "integer"), ("current_females", "integer"),
        ("current_unknown_sex", "integer"), ("historic_total", "integer"), ("historic_males", "integer"),
        ("historic_females", "integer"), ("historic_unknown_sex", "integer")], sorted(insts))
    _b107_table(srv, db, "associations", [("association_code", "text")], [[a] for a in sorted(assoc)])
    _b107_table(srv, db, "institution_associations", [("institution_code", "text"), ("association_code", "text")],
                sorted(links))
    _b107_table(srv, db, "animals", [
        ("studbook_id", "integer"), ("sex", "text"), ("birth_date", "date"), ("birth_date_estimated", "boolean"),
        ("birth_type", "text"), ("sire_id", "integer"), ("dam_id", "integer"), ("current_location", "text"),
        ("local_id", "text")], animals)
    _b107_table(srv, db, "events", [
        ("studbook_id", "integer"), ("event_seq", "integer"), ("event_type", "text"), ("event_date", "date"),
        ("date_estimated", "boolean"), ("location_code", "text")], events)
    add_keys(srv, db, [("institutions", ["institution_code"]), ("associations", ["association_code"]),
                       ("institution_associations", ["institution_code", "association_code"]),
                       ("animals", ["studbook_id"]), ("events", ["studbook_id", "event_seq"])],
             [("institution_associations", "institution_code", "institutions", "institution_code"),
              ("institution_associations", "association_code", "associations", "association_code"),
              ("animals", "sire_id", "animals", "studbook_id"),
              ("animals", "dam_id", "animals", "studbook_id"),
              ("animals", "current_location", "institutions", "institution_code"),
              ("events", "studbook_id", "animals", "studbook_id"),
              ("events", "location_code", "institutions", "institution_code")])


def load_taskmaster_uk(srv, db, files):
    """Taskmaster (the British comedy game show, Channel 4 / Dave): its series
    and specials, episodes, tasks and each contestant's points per task for
    series 1-18 (2015-2024), as a data analysis paper's repository scraped
    them from the fan site taskmaster.info, with IMDb ratings per episode and
    a contestant file compiled by the authors (data/raw/; the repository
    states no licence). Tables: series (28: taskmaster.info's season id,
    name as published, 'Series 7', 'Champion of Champions II', "New Year's
    Treat 2023", 'Edinburgh Does... Taskmaster', the series number, NULL for
    the specials, is_special), episodes (175 in air-date order: series,
    episode number — NULL for the one-off specials —, title, air date, the
    IMDb rating where the ratings file has one, 162), contestants (the 90 of
    series 1-18: the file's id, name, series, final placement 1-5 as the
    file has it — it puts Frank Skinner first in series 1, which Josh
    Widdicombe won —, gender, date of birth where the file gives a full
    date — 'June 1983', '1977 or 1978', 'Unknown' read as NULL —,
    nationality and birthplace as written, occupation; the file's
    descriptive columns — comedy style, notable moments, social media,
    tags — are not loaded), tasks (917: taskmaster.info's task id, episode,
    title, is_team, and taskmaster.info's classifications as booleans:
    prize task, filmed, live, homework, tiebreaker, creative, mental,
    physical, social, and the judgement 'objective' / 'subjective' /
    'combination', NULL for 15 with none) and task_scores (4330: points per
    contestant and task, negative for penalties, and whether the contestant
    won the task; series 1-18 only, specials and series 19 have none; the
    one row of Alex Horne, the host's assistant, is not loaded). Keys:
    series.series_id, episodes.episode_id, contestants.contestant_id,
    tasks.task_id, task_scores (task_id, contestant_id); episodes -> series;
    contestants -> series; tasks -> episodes; task_scores -> tasks,
    contestants."""
    ep_csv, imdb_csv, cont_csv, task_csv, score_csv = [list(csv.DictReader(io.StringIO(f.lstrip("\ufeff"))))
                                                       for f in files]
    t = _b111_text
    series, episodes, ep_by_site, ep_by_num = {}, [], {}, {}
    rating = {(int(r["series"]), int(r["episode"])): r["imdb_rating"] for r in imdb_csv}
    for r in sorted(ep_csv, key=lambda r: (r["date"], r["episode_url"])):
        sid = int(re.search(r"id=(\d+)", r["season_url"]).group(1))
        m = re.fullmatch(r"Series (\d+)", t(r["series"]))
        series.setdefault(sid, [sid, t(r["series"]), int(m.group(1)) if m else None, m is None])
        en = re.fullmatch(r"Episode (\d+)", t(r["episode_num"]))
        en = int(en.group(1)) if en else None
        eid = len(episodes) + 1
        imdb = rating.get((int(m.group(1)), en)) if m and en else None
        episodes.append([eid, sid, en, t(r["episode_title"]), r["date"], imdb])
        site = re.search(r"id=(\d+)", r["episode_url"] or "")
        if site:
            ep_by_site[site.group(1)] = eid
        if m:
            ep_by_num[(int(m.group(1)), en)] = eid
    series_by_num = {v[2]: k for k, v in series.items() if v[2]}
    conts, cid = [], {}
    for r in cont_csv:
        dob = t(r["date_of_birth"])
        cid[t(r["name"])] = int(r["contestant_id"])
        conts.append([int(r["contestant_id"]), t(r["name"]), series_by_num[int(r["series"])], int(r["placement"]),
                      t(r["gender"]), dob if dob and re.fullmatch(r"\d{4}-\d\d-\d\d", dob) else None,
                      t(r["nationality"]), t(r["birthplace"]), t(r["occupation"])])
    b = lambda v: {"True": True, "False": False}[v]
    tasks = []
    for r in task_csv:
        judged = [j for j in ("objective", "subjective", "combination") if b(r["is_" + j])]
        assert len(judged) <= 1
        tasks.append([int(r["task_id"]), ep_by_site[r["episode_id"]], t(r["task_title"]), b(r["is_team"])]
                     + [b(r["is_" + f]) for f in ("prize", "filmed", "live", "homework", "tiebreaker", "creative",
                                                   "mental", "physical", "social")]
                     + [judged[0] if judged else None])
    scores = []
    for r in score_csv:
        if t(r["contestant_name"]) == "Alex Horne":
            continue
        scores.append([int(r["task_id"]), cid[t(r["contestant_name"])], int(r["total_score"]), b(r["is_winner"])])
    _b107_table(srv, db, "series", [("series_id", "integer"), ("series_name", "text"), ("series_number", "integer"),
                                    ("is_special", "boolean")], sorted(series.values()))
    _b107_table(srv, db, "episodes", [
        ("episode_id", "integer"), ("series_id", "integer"), ("episode_number", "integer"), ("title", "text"),
        ("air_date", "date"), ("imdb_rating", "numeric")], episodes)
    _b107_table(srv, db, "contestants", [
        ("contestant_id", "integer"), ("name", "text"), ("series_id", "integer"), ("placement", "integer"),
        ("gender", "text"), ("date_of_birth", "date"), ("nationality", "text"), ("birthplace", "text"),
        ("occupation", "text")], sorted(conts))
    _b107_table(srv, db, "tasks", [
        ("task_id", "integer"), ("episode_id", "integer"), ("title", "text"), ("is_team", "boolean"),
        ("is_prize_task", "boolean"), ("is_filmed", "boolean"), ("is_live", "boolean"), ("is_homework", "boolean"),
        ("is_tiebreaker", "boolean"), ("is_creative", "boolean"), ("is_mental", "boolean"),
        ("is_physical", "boolean"), ("is_social", "boolean"), ("judgement", "text")], sorted(tasks))
    _b107_table(srv, db, "task_scores", [("task_id", "integer"), ("contestant_id", "integer"), ("points", "integer"),
                                         ("is_winner", "boolean")], scores)
    add_keys(srv, db, [("series", ["series_id"]), ("episodes", ["episode_id"]), ("contestants", ["contestant_id"]),
                       ("tasks", ["task_id"]), ("task_scores", ["task_id", "contestant_id"])],
             [("episodes", "series_id", "series", "series_id"),
              ("contestants", "series_id", "series", "series_id"),
              ("tasks", "episode_id", "episodes", "episode_id"),
              ("task_scores", "task_id", "tasks", "task_id"),
              ("task_scores", "contestant_id", "contestants", "contestant_id")])


LOADERS.update(caltrans_traffic_counts=load_caltrans_traffic_counts, pygmy_loris_studbook=load_pygmy_loris_studbook,
               taskmaster_uk=load_taskmaster_uk)


# batch 117: the KSEB reservoir bulletins scraped daily (one file per scrape day, 2025-04-06 to 2026-07-02;
# the scraper did not run from 2025-05-11 to 2025-05-18), the USA.gov Recalls API's CPSC answers (one file per
# search term of the widget's category list, and the 50 newest CPSC recalls) and the Himalayan Database files
def _b117_kseb_days():
    import datetime
    d, out = datetime.date(2025, 4, 6), []
    while d <= datetime.date(2026, 7, 2):
        if not datetime.date(2025, 5, 11) <= d <= datetime.date(2025, 5, 18):
            out.append(d.isoformat())
        d += datetime.timedelta(days=1)
    return out


KSEB_DAYS = _b117_kseb_days()

CPSC_QUERY_FILES = """Adapter+Power+Supply|Air+Cleaners+Purifiers|Air+Compressors|Air+Rifles+BB+Guns|All+Terrain+Vehicles|
Audio+Video+Systems|Baby+Seats+Non-Bath|Baby+Socks|Backpacks+Bags|Baseball+Softball|Bassinets+Baby+Hammocks|
Baths+Bath+Accessories|Beds+Cots|Bicycle+Child+Carriers|Bicycles+Accessories|Blankets|Blenders|Blinds+Shades+Cords|
Blowers|Booster+Seats|Bottles+Sports+Water|Bowls|Bunk+Beds|Cameras+Accessories|Candles+Candle+Holders|Carafes+Jars|
Carbon+Monoxide+Detectors|Chain+Saws|Chairs+Stools+Benches|Circular+Saws|Cleaners+Cleaning+Products|
Climbing+Equipment|Clothing+Adults|Clothing+Children|Coffeemakers+Teapots|Computer+Equipment|Cookers+Cookware|
Costume+Childrens+Jewelry|Cribs|Data+cable|Dehumidifiers|Dishes+Glassware+Utensils|Dishwashers|Drills+Bits|Dryers|
Electric+Heaters|Espresso+Cappuccino+Makers|Exercise+Machines|Extension+Cords+Power+Strips|Fans|
Fireplaces+Accessories|Food+Carriers|Food+Dehydrator+Processor|Freezers|Furnaces|Furniture+Children|
Furniture+Miscellaneous|Gas+Control+Valves|Gas+Propane+Tanks|Gas+Water+Heaters|Generators|Grills+Smokers|
Gun+Accessories|Hammocks|Heating+Cooling+Units|Helmets+Helmet|High+Chairs+Booster+Chairs|Hunting+Accessories|
Infant+Carriers+Slings|Knives+Cutters|Lamps|Lights+Accessories|Lights+Seasonal|Mattresses+Covers|Miter+Saws|
Motorcycles+Dirt+Bikes|Mowers+Accessories|Nailers|Ovens+Stoves+Microwaves|Pacifiers+Accessories|Paint+Coating+Items|
Playpens+Play+yards|Radios+Music+Players|Rattles|Refrigerators|Scooters+Mini+bikes|Scuba+Diving+Water+Activity|
Shoes+Sandals+Boots|Sippy+Tumbler+Cups|Skiing+Snowboarding|Snow+Blowers|Snowmobiles|Speakers|
Sports+Equipment+Accessories|Strollers+Accessories|Swimming+Pool+Items|Swing+Sets|Swings+Baby+Cradle|Switches|
Telephones+Cell+Phones|Televisions+Mounts+Antennas|Tents+Canopies|Thermostats+Thermometers|Toasters+Toaster+Ovens|
Toy+Animals+Stuffed|Toy+Balls|Toy+Cars|Toy+Dolls+Accessories|Toy+Figures|Toy+Guns|Toy+Infants+Cribs+Strollers|
Toy+Miscellaneous|Toy+Musical+Instruments|Toy+Play+Sets+Activity+Sets|Toy+Ride-on|Toy+Trucks|Toy+Vehicles|
Toys+Ride-On|Tractors|Trampolines|Utility+Off-Road+Vehicles|Washing+Machines|Weed+Trimmers|cpsc_recalls""".replace(
    "\n", "").split("|")

DATASETS.update({
    "kseb_reservoirs": ("4mjith/kerala_water_mon", "6e770034034f9d07ba6cde77bdaa988b29400074",
                        [f"{d[:4]}/{d[5:7]}/{d}.json" for d in KSEB_DAYS]),
    "himalayan_expeditions": ("dshetty100/Final-Project", "a4841ff415a0b35c4db207729b30c337c799e3e1",
                              ["peaks.csv", "expeditions.csv", "seg1_joined_data.zip"]),
    "cpsc_recalls": ("peggybustamante/python-samples", "a0e677398966b0837ce9a3335776706d87d15787",
                     [f"data/{n}.json" for n in CPSC_QUERY_FILES]),
})

KSEB_DISTRICTS = {"IDK": "Idukki", "EKM": "Ernakulam", "PTTA": "Pathanamthitta", "TSR": "Thrissur",
                  "WND": "Wayanad", "KKD": "Kozhikode"}


def _b117_num(v):
    """A number of the KSEB table: ' ft' and '%' dropped; blank and the dash '–' (nil) are NULL."""
    v = (v or "").replace("ft", "").replace("%", "").strip()
    if v in ("", "–", "-"):
        return None
    assert re.fullmatch(r"-?\d+(\.\d+)?", v), v
    return v


def load_kseb_reservoirs(srv, db, files):
    """The Kerala State Electricity Board's (KSEB) daily bulletin of the water
    levels of its 18 hydel reservoirs (dams.kseb.in, "Water level as on
    DD.MM.YYYY at 7.00 AM"), as a scraper kept one JSON file per day of
    scraping from 6 April 2025 to 2 July 2026 (4mjith/kerala_water_mon; no
    file for 11-18 May 2025). The site is not updated every day: the 445
    files hold 293 distinct bulletins, the same bulletin repeated on the
    following days. Each bulletin is dated by its caption (DD.MM.YYYY); where
    the caption has no date ('No caption found'), an impossible one
    ('14.77.2025') or a date after the scrape ('16.12.2025' scraped on 7
    December 2025), the day before the first scrape is used, the usual lag;
    a bulletin whose date an earlier, different bulletin already has (a
    caption not updated: 'No caption found' after the 5 June 2025 bulletin,
    '28.06.2025' on two bulletins) takes the next free day up to its scrape.
    Tables: districts (the six district codes of the bulletin with their
    names), reservoirs (18, names in capitals as published, spellings unified
    — 'KUTTIYADI(KAKKAYAM)' and 'KUTTIYADI (KAKKAYAM)', 'SENGULAM (PUMPING
    STORAGE DAM)' and 'SENGULAM', the Kakki and Banasurasagar variants —;
    district; level_unit 'ft' for IDUKKI and SHOLAYAR, whose levels KSEB
    gives in feet, 'm' for the others; full reservoir level (FRL), and the
    maximum water level, spillway crest level and live storage at FRL in
    million cubic metres where the bulletins of April-May 2025 gave them),
    bulletins (date, caption as published, KSEB page, first and last scrape
    day) and readings (one per reservoir and bulletin: water level, rule level
    and blue / orange / red alert levels in the reservoir's unit, live storage
    (MCM) and its percentage of the live storage at FRL, inflow (MCM),
    average inflow (cumecs), power house discharge (MCM), spill (MCM),
    spillway release (cumecs), total outflow (MCM), rainfall (mm), remarks).
    Blanks and the dash KSEB prints for nil are NULL. The April-May 2025
    bulletins give inflow, power house discharge and total outflow in cumecs
    only: their inflow is loaded as inflow_cumecs, the other two are not
    loaded (NULL), nor are their 'same day previous year' columns or the
    'Generation (MU)' of one bulletin. Keys: districts.district_code,
    reservoirs.reservoir_id, bulletins.bulletin_date, readings (reservoir_id,
    bulletin_date); reservoirs -> districts; readings -> reservoirs,
    bulletins."""
    import datetime
    import html as _html

    def norm(v):
        v = _html.unescape(v or "").replace("\xa0", " ")
        return re.sub(r"\s+", " ", re.sub(r"\s*\(\s*", " (", v)).strip()

    fields = [("name", r"Name of"), ("district", r"District"), ("frl", r"FRL"), ("mwl", r"MWL"),
              ("crest", r"Spillway Crest"), ("cap_frl", r"Live Storage at FRL"), ("rule", r"Rule level"),
              ("level", r"(Today.s Water level|Water level on date)"), ("blue", r"Blue"), ("orange", r"Orange"),
              ("red", r"Red"), ("prev", r"Same day previous year"), ("storage", r"(Today.s )?Live Storage \(MCM\)"),
              ("pct", r"% Storage"), ("inflow_cumecs", r"(Average )?Inflow \(cumecs\)"),
              ("inflow_mcm", r"Inflow \(MCM\)"), ("ph_mcm", r"Power House Discharge \(MCM\)"),
              ("ph_cumecs", r"Power House Discharge \(cumecs\)"), ("spill_cumecs", r"(Current )?Spillway release"),
              ("spill_mcm", r"Spill \(MCM\)"), ("out_mcm", r"Total Outflow \(MCM\)"),
              ("out_cumecs", r"Total Outflow \(cumecs\)"), ("rain", r"Rain ?fall"), ("remarks", r"Remarks"),
              ("sl", r"Sl\. ?No"), ("gen", r"Generation")]

    def field(k):
        for f, pat in fields:
            if re.match(pat + r"(?![A-Za-z])", k, re.I):
                return f
        raise AssertionError(k)

    def canon(name):
        first = re.match(r"[A-Z]+", name).group(0)
        return {"KUTTIYADI": "KUTTIYADI (KAKKAYAM)", "SENGULAM": "SENGULAM", "KAKKI": "KAKKI - ANATHODE",
                "BANASURASAGAR": "BANASURASAGAR (K A S)"}.get(first, name)
    bulletins, order, used = {}, {}, set()
    for day, text in zip(KSEB_DAYS, files):
        doc = json.loads(text)
        cap = norm(doc["metadata"]["caption"])
        rows = []
        for r in doc["data"]:
            r = {field(norm(k)): norm(v) for k, v in r.items()}
            r["name"] = canon(r["name"])
            rows.append(r)
        key = json.dumps(rows, sort_keys=True)
        scraped = datetime.date.fromisoformat(day)
        m = re.search(r"(\d\d)\.(\d\d)\.(\d{4})", cap)
        try:
            bdate = datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except (AttributeError, ValueError):
            bdate = None
        if bdate is None or bdate > scraped:
            bdate = scraped - datetime.timedelta(days=1)
        if key in bulletins:
            bulletins[key]["last"] = day
            continue
        while bdate in used:  # a new bulletin under an older bulletin's caption: the next free day
            bdate += datetime.timedelta(days=1)
        assert bdate <= scraped, (day, cap)
        used.add(bdate)
        bulletins[key] = {"date": bdate, "caption": cap, "url": doc["metadata"].get("source"), "first": day,
                          "last": day, "rows": rows}
        for r in rows:
            order[r["name"]] = int(r["sl"])
    dates = [b["date"] for b in bulletins.values()]
    assert len(dates) == len(set(dates)), "two bulletins on one date"
    names = sorted(order, key=lambda n: (order[n], n))
    rid = {n: i for i, n in enumerate(names, 1)}
    static = {n: {} for n in names}
    readings = []
    for b in sorted(bulletins.values(), key=lambda b: b["date"]):
        for r in b["rows"]:
            st = static[r["name"]]
            st.setdefault("district", r["district"])
            assert st["district"] == r["district"]
            if "ft" in (r.get("frl") or ""):
                st["unit"] = "ft"
            for f in ("frl", "mwl", "crest", "cap_frl"):
                if _b117_num(r.get(f)) is not None:
                    st.setdefault(f, {}).setdefault(float(_b117_num(r.get(f))), _b117_num(r.get(f)))
            readings.append([rid[r["name"]], b["date"].isoformat()] + [_b117_num(r.get(f)) for f in (
                "level", "rule", "blue", "orange", "red", "storage", "pct", "inflow_mcm", "inflow_cumecs", "ph_mcm",
                "spill_mcm", "spill_cumecs", "out_mcm", "rain")] + [r.get("remarks") or None])
    res = []
    for n in names:
        st = static[n]
        one = {}
        for f in ("frl", "mwl", "crest", "cap_frl"):
            vals = st.get(f, {})
            assert len(vals) <= 1, (n, f, vals)
            one[f] = next(iter(vals.values()), None)
        res.append([rid[n], n, st["district"], st.get("unit", "m"), one["frl"], one["mwl"], one["crest"],
                    one["cap_frl"]])
    _b107_table(srv, db, "districts", [("district_code", "text"), ("district_name", "text")],
                sorted([c, KSEB_DISTRICTS[c]] for c in {r[2] for r in res}))
    _b107_table(srv, db, "reservoirs", [
        ("reservoir_id", "integer"), ("reservoir_name", "text"), ("district_code", "text"), ("level_unit", "text"),
        ("full_reservoir_level", "numeric"), ("max_water_level", "numeric"), ("spillway_crest_level", "numeric"),
        ("live_storage_at_frl_mcm", "numeric")], res)
    _b107_table(srv, db, "bulletins", [("bulletin_date", "date"), ("caption", "text"), ("source_url", "text"),
                                       ("first_scraped", "date"), ("last_scraped", "date")],
                sorted([b["date"].isoformat(), b["caption"], b["url"], b["first"], b["last"]]
                       for b in bulletins.values()))
    _b107_table(srv, db, "readings", [
        ("reservoir_id", "integer"), ("bulletin_date", "date"), ("water_level", "numeric"), ("rule_level", "numeric"),
        ("blue_alert_level", "numeric"), ("orange_alert_level", "numeric"), ("red_alert_level", "numeric"),
        ("live_storage_mcm", "numeric"), ("storage_pct", "numeric"), ("inflow_mcm", "numeric"),
        ("inflow_cumecs", "numeric"), ("power_house_discharge_mcm", "numeric"), ("spill_mcm", "numeric"),
        ("spillway_release_cumecs", "numeric"), ("total_outflow_mcm", "numeric"), ("rainfall_mm", "numeric"),
        ("remarks", "text")], readings)
    add_keys(srv, db, [("districts", ["district_code"]), ("reservoirs", ["reservoir_id"]),
                       ("bulletins", ["bulletin_date"]), ("readings", ["reservoir_id", "bulletin_date"])],
             [("reservoirs", "district_code", "districts", "district_code"),
              ("readings", "reservoir_id", "reservoirs", "reservoir_id"),
              ("readings", "bulletin_date", "bulletins", "bulletin_date")])


def load_himalayan_expeditions(srv, db, files):
    """The Himalayan Database (Elizabeth Hawley's archive of expeditions to
    the peaks of the Nepal Himalaya, 1905 to spring 2019) as TidyTuesday
    cleaned it on 2020-09-22 (peaks, expeditions, members), kept by a
    bootcamp project: peaks.csv and expeditions.csv as published, and the
    members in the project's seg1_joined_data.zip (expeditions left-joined to
    the members and the peak height; its member columns are TidyTuesday's
    members.csv, read back from the join: one row per member_id). Tables:
    peaks (peak_id 'EVER', name, height in metres, climbing status, first
    ascent year and expedition), first_ascent_countries (one row per country
    of the 'Japan, Nepal' list of a peak's first ascent), trekking_agencies
    (the agencies named on expeditions; 'NA' and 'None' give no agency),
    expeditions (expedition_id 'EVER63101', peak, year, season, base camp /
    high point / termination dates, termination reason, highest point in
    metres, numbers of members and hired staff and their deaths, oxygen used,
    agency) and members (member_id 'EVER63101-01', expedition, sex 'M' / 'F',
    age, citizenship as recorded ('USA', 'UK', 'W Germany', 'S Korea'),
    expedition role, hired, highest point reached, success, solo, oxygen
    used, died with cause and height, injured with type and height). 'NA'
    is NULL; dates written 3/15/1960 are dates; 't' / 'f' and TRUE / FALSE
    are booleans. Keys: peaks.peak_id, first_ascent_countries (peak_id,
    country), trekking_agencies.agency_id, expeditions.expedition_id,
    members.member_id; expeditions -> peaks, trekking_agencies; members ->
    expeditions; first_ascent_countries -> peaks."""
    import datetime
    import zipfile
    pk, ex = (list(csv.DictReader(io.StringIO(f.lstrip("\ufeff")))) for f in files[:2])
    z = zipfile.ZipFile(io.BytesIO(files[2]))
    jd = list(csv.DictReader(io.StringIO(z.read("seg1_joined_data.csv").decode("utf-8"))))

    def t(v):
        v = (v or "").strip()
        return None if v in ("", "NA") else v

    def num(v):
        v = t(v)
        return None if v is None else int(float(v))

    def day(v):
        v = t(v)
        if v is None:
            return None
        m, d, y = (int(x) for x in v.split("/"))
        return datetime.date(y, m, d).isoformat()

    def flag(v):
        v = t(v)
        return None if v is None else {"t": True, "f": False, "TRUE": True, "FALSE": False}[v]
    peaks, fac = [], []
    for p in pk:
        peaks.append([p["peak_id"], t(p["peak_name"]), num(p["height_metres"]), t(p["climbing_status"]),
                      num(p["first_ascent_year"]), t(p["first_ascent_expedition_id"])])
        for c in dict.fromkeys(x.strip() for x in (t(p["first_ascent_country"]) or "").split(",") if x.strip()):
            fac.append([p["peak_id"], c])
    agencies = sorted({t(e["trekking_agency"]) for e in ex} - {None, "None"}, key=lambda s: (s.lower(), s))
    aid = {a: i for i, a in enumerate(agencies, 1)}
    exps = []
    for e in sorted(ex, key=lambda e: e["expedition_id"]):
        exps.append([e["expedition_id"], e["peak_id"], num(e["year"]), t(e["season"]), day(e["basecamp_date"]),
                     day(e["highpoint_date"]), day(e["termination_date"]), t(e["termination_reason"]),
                     num(e["highpoint_metres"]), num(e["members"]), num(e["member_deaths"]), num(e["hired_staff"]),
                     num(e["hired_staff_deaths"]), flag(e["oxygen_used"]), aid.get(t(e["trekking_agency"]))])
    mems = {}
    for r in jd:
        if t(r["member_id"]) is None:
            continue
        assert r["member_id"] not in mems, r["member_id"]
        mems[r["member_id"]] = [r["member_id"], r["expedition_id"], t(r["sex"]), num(r["age"]), t(r["citizenship"]),
                                t(r["expedition_role"]), flag(r["hired"]), num(r["highpoint_metres"]),
                                flag(r["success"]), flag(r["solo"]), flag(r["oxygen_used"]), flag(r["died"]),
                                t(r["death_cause"]), num(r["death_height"]), flag(r["injured"]),
                                t(r["injury_type"]), num(r["injury_height_metres"])]
    _b107_table(srv, db, "peaks", [("peak_id", "text"), ("peak_name", "text"), ("height_metres", "integer"),
                                   ("climbing_status", "text"), ("first_ascent_year", "integer"),
                                   ("first_ascent_expedition_id", "text")], peaks)
    _b107_table(srv, db, "first_ascent_countries", [("peak_id", "text"), ("country", "text")], fac)
    _b107_table(srv, db, "trekking_agencies", [("agency_id", "integer"), ("agency_name", "text")],
                [[i, a] for a, i in aid.items()])
    _b107_table(srv, db, "expeditions", [
        ("expedition_id", "text"), ("peak_id", "text"), ("year", "integer"), ("season", "text"),
        ("basecamp_date", "date"), ("highpoint_date", "date"), ("termination_date", "date"),
        ("termination_reason", "text"), ("highpoint_metres", "integer"), ("members", "integer"),
        ("member_deaths", "integer"), ("hired_staff", "integer"), ("hired_staff_deaths", "integer"),
        ("oxygen_used", "boolean"), ("agency_id", "integer")], exps)
    _b107_table(srv, db, "members", [
        ("member_id", "text"), ("expedition_id", "text"), ("sex", "text"), ("age", "integer"),
        ("citizenship", "text"), ("expedition_role", "text"), ("hired", "boolean"), ("highpoint_metres", "integer"),
        ("success", "boolean"), ("solo", "boolean"), ("oxygen_used", "boolean"), ("died", "boolean"),
        ("death_cause", "text"), ("death_height_metres", "integer"), ("injured", "boolean"), ("injury_type", "text"),
        ("injury_height_metres", "integer")], sorted(mems.values()))
    add_keys(srv, db, [("peaks", ["peak_id"]), ("first_ascent_countries", ["peak_id", "country"]),
                       ("trekking_agencies", ["agency_id"]), ("expeditions", ["expedition_id"]),
                       ("members", ["member_id"])],
             [("first_ascent_countries", "peak_id", "peaks", "peak_id"),
              ("expeditions", "peak_id", "peaks", "peak_id"),
              ("expeditions", "agency_id", "trekking_agencies", "agency_id"),
              ("members", "expedition_id", "expeditions", "expedition_id")])


def load_cpsc_recalls(srv, db, files):
    """US Consumer Product Safety Commission (CPSC) recalls as the USA.gov
    Recalls API (api.usa.gov/recalls/search.json, retired since) returned
    them to a news site's recalls widget in November 2013: for each of 123
    search terms of CPSC's product categories ('Cribs', 'Toy+Cars', ...) the
    50 most recent matching recalls (all of them where fewer matched), and
    the 50 most recent CPSC recalls, one JSON file each; the 3,153 distinct
    recalls of these answers, dated 1973 to 5 November 2013, most of them
    since 2000. A sample, not the whole CPSC list: categories with more than
    50 recalls keep only their newest. Tables: recalls (recall number as
    published, trailing spaces dropped, '14014'; recall date, NULL for 71;
    URL of the notice), firms and recall_firms (the API's 'manufacturers':
    the companies named by the recall, manufacturers, importers and
    retailers alike, 'Wal-Mart', 'Fisher-Price'), product_types and
    recall_product_types (CPSC's product categories, 'Cribs', 'Toy
    Miscellaneous'), products (one row per product description of a recall),
    hazards and recall_hazards (CPSC's hazard names, 'Choking', 'Fire &
    Fire-Related Burn'; the 5 lower-case or other-case spellings, 'choking',
    'Fire & Fire-related Burn', read as the usual one), countries and
    recall_countries (countries of manufacture as published, except 'China.'
    read as 'China', 'USA' and 'U.S.A.' as 'United States', 'China and
    Vietnam' as both, and 'Lead', a hazard, dropped) and recall_upcs (the
    UPC codes given, 128 recalls). Keys:
    recalls.recall_number, firms.firm_id, product_types.product_type_id,
    products.product_id, hazards.hazard_id, countries.country_id and the
    link tables' pairs; every link table -> recalls and its vocabulary,
    products -> recalls."""
    import collections
    recs = {}
    for text in files:
        for r in json.loads(text)["success"]["results"]:
            if r.get("organization") != "CPSC":
                continue
            n = r["recall_number"].strip()
            assert recs.get(n, r) == r or {k: v for k, v in recs[n].items() if k != "recall_number"} == {
                k: v for k, v in r.items() if k != "recall_number"}, n
            recs[n] = r
    t = _b111_text
    # hazards: one spelling per name ('choking', 'Fire & Fire-related Burn' are the usual ones); countries:
    # 'China.', 'USA' and 'U.S.A.' as the usual names, 'China and Vietnam' as two, 'Lead' (a hazard) dropped
    spell = collections.Counter(t(h) for r in recs.values() for h in (r.get("hazards") or []) if t(h))
    usual = {}
    for h, _ in spell.most_common():
        usual.setdefault(h.lower(), h)

    def clean(kind, v):
        if kind == "hazard":
            return [usual[v.lower()]]
        if kind == "country":
            v = {"China.": "China", "USA": "United States", "U.S.A.": "United States"}.get(v, v)
            return [] if v == "Lead" else v.split(" and ")
        return [v]
    vocab = {k: {} for k in ("firm", "type", "hazard", "country")}
    links = {k: [] for k in vocab}
    recalls, products, upcs = [], [], []
    for n in sorted(recs, key=lambda n: (len(n), n)):
        r = recs[n]
        recalls.append([n, r.get("recall_date") or None, t(r.get("recall_url"))])
        for kind, f in (("firm", "manufacturers"), ("type", "product_types"), ("hazard", "hazards"),
                        ("country", "countries")):
            for v in dict.fromkeys(c for x in (r.get(f) or []) if t(x) for c in clean(kind, t(x))):
                vocab[kind].setdefault(v, None)
                links[kind].append((n, v))
        for d in dict.fromkeys(t(x) for x in (r.get("descriptions") or []) if t(x)):
            products.append([len(products) + 1, n, d])
        for u in dict.fromkeys(t(x) for x in (r.get("upcs") or []) if t(x)):
            upcs.append([n, u])
    for kind in vocab:
        vocab[kind] = {v: i for i, v in enumerate(sorted(vocab[kind], key=lambda s: (s.lower(), s)), 1)}
    _b107_table(srv, db, "recalls", [("recall_number", "text"), ("recall_date", "date"), ("recall_url", "text")],
                recalls)
    for kind, table, idc, namec, ltable in (
            ("firm", "firms", "firm_id", "firm_name", "recall_firms"),
            ("type", "product_types", "product_type_id", "product_type", "recall_product_types"),
            ("hazard", "hazards", "hazard_id", "hazard", "recall_hazards"),
            ("country", "countries", "country_id", "country_name", "recall_countries")):
        _b107_table(srv, db, table, [(idc, "integer"), (namec, "text")], [[i, v] for v, i in vocab[kind].items()])
        _b107_table(srv, db, ltable, [("recall_number", "text"), (idc, "integer")],
                    [[n, vocab[kind][v]] for n, v in links[kind]])
    _b107_table(srv, db, "products", [("product_id", "integer"), ("recall_number", "text"),
                                      ("description", "text")], products)
    _b107_table(srv, db, "recall_upcs", [("recall_number", "text"), ("upc", "text")], upcs)
    add_keys(srv, db, [("recalls", ["recall_number"]), ("firms", ["firm_id"]), ("recall_firms", ["recall_number", "firm_id"]),
                       ("product_types", ["product_type_id"]),
                       ("recall_product_types", ["recall_number", "product_type_id"]),
                       ("hazards", ["hazard_id"]), ("recall_hazards", ["recall_number", "hazard_id"]),
                       ("countries", ["country_id"]), ("recall_countries", ["recall_number", "country_id"]),
                       ("products", ["product_id"]), ("recall_upcs", ["recall_number", "upc"])],
             [("recall_firms", "recall_number", "recalls", "recall_number"),
              ("recall_firms", "firm_id", "firms", "firm_id"),
              ("recall_product_types", "recall_number", "recalls", "recall_number"),
              ("recall_product_types", "product_type_id", "product_types", "product_type_id"),
              ("recall_hazards", "recall_number", "recalls", "recall_number"),
              ("recall_hazards", "hazard_id", "hazards", "hazard_id"),
              ("recall_countries", "recall_number", "recalls", "recall_number"),
              ("recall_countries", "country_id", "countries", "country_id"),
              ("products", "recall_number", "recalls", "recall_number"),
              ("recall_upcs", "recall_number", "recalls", "recall_number")])


LOADERS.update(kseb_reservoirs=load_kseb_reservoirs, himalayan_expeditions=load_himalayan_expeditions,
               cpsc_recalls=load_cpsc_recalls)


def main():
    args = sys.argv[1:]
    root = os.environ.get("DM_BENCH_PG", "/tmp/dm-bench-pg")
    if "--dir" in args:
        i = args.index("--dir")
        root = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    cmd = args[0] if args else "start"
    srv = Server(root)
    if cmd == "stop":
        srv.stop()
        return
    if cmd not in ("start", "status"):
        die(__doc__)
    if not PGBIN:
        die("no PostgreSQL under /usr/lib/postgresql/*/bin (set DM_PGBIN)")
    os.makedirs(root, exist_ok=True)
    # one loader at a time: a second `start` (run.py and check_gold.py call
    # it too) waits here instead of dropping a database the first is loading
    lock = open(os.path.join(root, "load.lock"), "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    srv.start()
    have = set(srv.psql("postgres", "SELECT datname FROM pg_database").split())
    for name, (repo, commit, paths) in DATASETS.items():
        marker = os.path.join(root, f"loaded-{name}")
        if name in have and os.path.exists(marker):
            continue
        print(f"loading {name} from {repo}@{commit}")
        files = [git_show(repo, commit, p) for p in paths]
        srv.psql("postgres", f"DROP DATABASE IF EXISTS {qi(name)}")
        srv.psql("postgres", f"CREATE DATABASE {qi(name)}")
        LOADERS[name](srv, name, files)
        srv.psql(name, "ANALYZE")
        open(marker, "w").close()
    info = {name: srv.conninfo(name) for name in DATASETS}
    with open(os.path.join(root, "conninfo.json"), "w") as f:
        json.dump(info, f, indent=1)
    print(json.dumps(info, indent=1))


if __name__ == "__main__":
    main()
