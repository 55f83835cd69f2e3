/* test_ask_describe.c — the schema browser's sentences (describe.c) on an
 * inline schema: a fact table (its key, date, parent and the table that
 * refers to it, its row count), a link table, a code column with its
 * sampled values, money, a flag, a year, a key and a foreign key, a
 * vocabulary term, and a database comment said after the sentence. Every sentence is compared in full: they are deterministic. */
#include "ask/ask.h"
#include "check.h"

#include <jansson.h>
#include <string.h>

static const char schema_json[] =
    "{\"tables\":["
    "{\"schema\":\"public\",\"name\":\"customers\",\"type\":\"table\",\"row_estimate\":1234,"
    " \"columns\":["
    "  {\"name\":\"customer_id\",\"type\":\"integer\",\"pk\":true},"
    "  {\"name\":\"name\",\"type\":\"text\",\"n_distinct\":-1,\"samples\":[\"Ann\",\"Bob\",\"Cy\",\"Di\"]},"
    "  {\"name\":\"note\",\"type\":\"text\",\"n_distinct\":-0.9,"
    "   \"samples\":[\"Prefers deliveries before noon, never on Sundays, ring twice\",\"aééééééééééééééééééééééééé\",\"Ok\"]},"
    "  {\"name\":\"country\",\"type\":\"text\",\"n_distinct\":12,"
    "   \"samples\":[\"Germany\",\"France\",\"Spain\",\"Italy\",\"Peru\",\"Chile\",\"Japan\"]},"
    "  {\"name\":\"tier\",\"type\":\"text\",\"comment\":\"Loyalty tier set by the CRM\","
    "   \"n_distinct\":3,\"samples\":[\"gold\",\"silver\",\"bronze\"]}]},"
    "{\"schema\":\"public\",\"name\":\"orders\",\"type\":\"table\",\"row_estimate\":98765,"
    " \"columns\":["
    "  {\"name\":\"order_id\",\"type\":\"integer\",\"pk\":true},"
    "  {\"name\":\"customer_id\",\"type\":\"integer\","
    "   \"fk\":{\"schema\":\"public\",\"table\":\"customers\",\"column\":\"customer_id\"}},"
    "  {\"name\":\"order_date\",\"type\":\"date\",\"min\":\"1996-07-04\",\"max\":\"1998-05-06\"},"
    "  {\"name\":\"status\",\"type\":\"text\",\"n_distinct\":4,"
    "   \"samples\":[\"shipped\",\"pending\",\"cancelled\",\"returned\"]},"
    "  {\"name\":\"total_amount\",\"type\":\"numeric(10,2)\"},"
    "  {\"name\":\"is_gift\",\"type\":\"boolean\"},"
    "  {\"name\":\"fiscal_year\",\"type\":\"integer\"}]},"
    "{\"schema\":\"public\",\"name\":\"promotions\",\"type\":\"table\",\"row_estimate\":0,"
    " \"comment\":\"Marketing campaigns, one per season\","
    " \"columns\":[{\"name\":\"promotion_id\",\"type\":\"integer\",\"pk\":true}]},"
    "{\"schema\":\"public\",\"name\":\"order_promotions\",\"type\":\"table\",\"row_estimate\":-1,"
    " \"columns\":["
    "  {\"name\":\"order_id\",\"type\":\"integer\","
    "   \"fk\":{\"schema\":\"public\",\"table\":\"orders\",\"column\":\"order_id\"}},"
    "  {\"name\":\"promotion_id\",\"type\":\"integer\","
    "   \"fk\":{\"schema\":\"public\",\"table\":\"promotions\",\"column\":\"promotion_id\"}}]}"
    "]}";

static const char vocab_json[] =
    "[{\"term\":\"market\",\"description\":\"where the customer lives\",\"kind\":\"column\","
    "  \"table\":\"customers\",\"column\":\"country\"},"
    " {\"term\":\"gift rate\",\"description\":\"\",\"kind\":\"metric\",\"table\":\"orders\","
    "  \"expression\":\"avg(is_gift::int)\"}]";

static const char *sentence(const ask_description_t *d, size_t n, const char *table,
                            const char *column)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(d[i].table, table) &&
            (column ? d[i].column && !strcmp(d[i].column, column) : !d[i].column))
            return d[i].text;
    return NULL;
}

int main(void)
{
    json_t *disc = json_loads(schema_json, 0, NULL);
    json_t *voc = json_loads(vocab_json, 0, NULL);
    char err[256] = "";
    ask_schema_t *s = ask_schema_new(disc, voc, err, sizeof err);
    CHECK_STR(err, "");
    if (!s)
        return check_done("test_ask_describe");
    size_t n;
    ask_description_t *d = ask_describe(s, disc, &n);
    CHECK_INT(n, 4 + 5 + 7 + 1 + 2);
    CHECK_STR(d[0].table, "customers");
    CHECK(d[0].column == NULL);
    CHECK_STR(d[1].column, "customer_id");

    /* the fact table: its row, key, date, parent, the table that refers to it */
    CHECK_STR(sentence(d, n, "orders", NULL),
              "One row per order (order_id), dated by order_date; each belongs to one customer"
              " (customer_id); order promotions refer to it. Vocabulary: \"gift rate\"."
              " About 98,765 rows.");
    CHECK_STR(sentence(d, n, "customers", NULL),
              "One row per customer (customer_id), named by name; orders refer to it."
              " About 1,234 rows.");
    /* a link table */
    CHECK_STR(sentence(d, n, "order_promotions", NULL),
              "Links orders and promotions (order_id, promotion_id).");
    /* a comment follows the sentence, as the database's */
    CHECK(strstr(sentence(d, n, "promotions", NULL),
                 " The database's comment: Marketing campaigns, one per season.") != NULL);
    CHECK_STR(sentence(d, n, "customers", "tier"),
              "Text, one of gold, silver, bronze. The database's comment: Loyalty tier set by the CRM.");

    /* columns */
    CHECK_STR(sentence(d, n, "orders", "order_id"), "Whole number, the key: identifies each order.");
    CHECK_STR(sentence(d, n, "orders", "customer_id"),
              "Whole number, the customer each order belongs to (customers.customer_id).");
    CHECK_STR(sentence(d, n, "orders", "order_date"),
              "Date, the date that places each order in time, from 1996-07-04 to 1998-05-06.");
    CHECK_STR(sentence(d, n, "orders", "status"),
              "Text, one of shipped, pending, cancelled, returned.");
    CHECK_STR(sentence(d, n, "orders", "total_amount"), "Number, money.");
    CHECK_STR(sentence(d, n, "orders", "is_gift"), "Yes/no.");
    CHECK_STR(sentence(d, n, "orders", "fiscal_year"), "Whole number, a year.");
    CHECK_STR(sentence(d, n, "customers", "name"), "Text, names each customer, such as Ann, Bob, Cy.");
    /* a long value is cut, on a character's boundary */
    CHECK_STR(sentence(d, n, "customers", "note"),
              "Text, such as Prefers deliveries before noon, never on…, aééééééééééééééééééé…, Ok.");
    CHECK_STR(sentence(d, n, "customers", "country"),
              "Text, one of Germany, France, Spain, Italy, Peru, Chile, … (12 values);"
              " called \"market\" (where the customer lives).");
    CHECK_STR(sentence(d, n, "order_promotions", "promotion_id"),
              "Whole number, the promotion each order promotion belongs to"
              " (promotions.promotion_id).");

    /* the same schema, the same words */
    size_t n2;
    ask_description_t *d2 = ask_describe(s, disc, &n2);
    int same = n2 == n;
    for (size_t i = 0; same && i < n; i++)
        same = !strcmp(d[i].text, d2[i].text);
    CHECK(same);
    ask_descriptions_free(d2, n2);

    ask_descriptions_free(d, n);
    ask_schema_free(s);
    json_decref(disc);
    json_decref(voc);
    return check_done("test_ask_describe");
}
