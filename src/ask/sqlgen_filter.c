/* sqlgen_filter.c — one filter of a plan as a SQL condition: a value or a
 * list of values (= / IN, <> / NOT IN), an item of a column that holds
 * lists, a text match (LIKE as typed, else the dialect's case-blind one),
 * an empty text, the same value as another row's, a weekday, NULL tests
 * and numeric comparisons. Values are literals of the schema's dialect. */
#include "ask/sqljoin.h"

#include <ctype.h>
#include <string.h>

/* Text typed with a capital letter is matched as typed ("Express" is not
 * "EXPRESS"); all lower case matches any case — as smartcase search does. */
static int sqlgen_smartcase(const char *text)
{
    for (const char *c = text ? text : ""; *c; c++)
        if (isupper((unsigned char)*c))
            return 1;
    return 0;
}

/* text inside a LIKE pattern, its own %, _ and backslash literal */
static void put_like_text(buf_t *pat, const char *text)
{
    for (const char *c = text; *c; c++) {
        if (*c == '%' || *c == '_' || *c == '\\')
            buf_putc(pat, '\\');
        buf_putc(pat, *c);
    }
}

/* A value of a column that holds lists is one of its items: ', ' || col
 * || ', ' holds ', Japan, ' — "United States, Japan" is a title from Japan;
 * items of ", " are also found written with a bare comma ("Gujarat,India"). */
static void put_items(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_filter_t *f)
{
    const char *sep0 = s->tables[f->col.t].cols[f->col.c].list_sep, *ls = sep0;
    int both = !strcmp(sep0, ", ");
    buf_puts(b, f->op == OP_NOT_IN ? "NOT (" : "(");
    for (int i = 0; i < f->nvals * (both ? 2 : 1); i++) {
        ls = both && i % 2 ? "," : sep0;
        buf_t pat = {0};
        buf_printf(&pat, "%%%s", ls);
        put_like_text(&pat, f->vals[both ? i / 2 : i]);
        buf_printf(&pat, "%s%%", ls);
        buf_t col = {0}, sep = {0};
        sqljoin_put_col(s, &col, j, f->col.t, f->col.c);
        dialect_literal(s, &sep, ls);
        const char *parts[] = {buf_str(&sep), buf_str(&col), buf_str(&sep)};
        buf_puts(b, i ? " OR " : "");
        engine_concat(s->dialect, b, parts, 3);
        buf_puts(b, " LIKE ");
        dialect_literal(s, b, buf_str(&pat));
        buf_free(&pat);
        buf_free(&col);
        buf_free(&sep);
    }
    buf_putc(b, ')');
}

/* "col LIKE '%text%'" (as typed) or the dialect's case-blind match */
static void put_like(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_filter_t *f)
{
    buf_t pat = {0}, lit = {0}, col = {0};
    buf_puts(&pat, f->op == OP_STARTS ? "" : "%");
    put_like_text(&pat, f->nvals ? f->vals[0] : "");
    buf_puts(&pat, f->op == OP_ENDS ? "" : "%");
    dialect_literal(s, &lit, buf_str(&pat));
    sqljoin_put_col(s, &col, j, f->col.t, f->col.c);
    if (sqlgen_smartcase(f->vals[0]))
        buf_printf(b, "%s LIKE %s", buf_str(&col), buf_str(&lit));
    else
        s->dialect->ilike(b, buf_str(&col), buf_str(&lit));
    buf_free(&pat);
    buf_free(&lit);
    buf_free(&col);
}

/* "orders with a comment", "customers with no email": an empty text is no
 * value either — (c IS NULL OR c = '') / c <> '' (which holds no NULL). */
static void put_empty_text(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_filter_t *f)
{
    buf_t col = {0};
    sqljoin_put_col(s, &col, j, f->col.t, f->col.c);
    if (f->op == OP_NULL)
        buf_printf(b, "(%s IS NULL OR %s = '')", buf_str(&col), buf_str(&col));
    else
        buf_printf(b, "%s <> ''", buf_str(&col));
    buf_free(&col);
}

void sqlgen_filter(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_filter_t *f)
{
    static const char *const ops[] = {"", " > ", " >= ", " < ", " <= "};
    if ((f->op == OP_IN || f->op == OP_NOT_IN) && s->tables[f->col.t].cols[f->col.c].lists)
        return put_items(s, b, j, f);
    if (f->op >= OP_CONTAINS)  /* the text's own % _ \ literal */
        return put_like(s, b, j, f);
    if (f->op == OP_SAME) {  /* same.c: "in the same city as Adam Wayne" */
        buf_t col = {0}, r0 = {0}, r1 = {0};
        sqljoin_put_col(s, &col, j, f->col.t, f->col.c);
        sqljoin_put_col(s, &r0, j, f->col.t, f->ref[0]);
        if (f->nvals > 1)
            sqljoin_put_col(s, &r1, j, f->col.t, f->ref[1]);
        const char *refs[2] = {buf_str(&r0), buf_str(&r1)};
        same_sql(s, b, f, buf_str(&col), refs);
        buf_free(&col);
        buf_free(&r0);
        buf_free(&r1);
        return;
    }
    if (f->op == OP_CHILD_OF || f->op == OP_PARENT_OF) {  /* same.c: "who reports to Andrew Fuller" */
        buf_t key = {0}, target = {0};
        sqljoin_put_col(s, &key, j, f->col.t, f->col.c);
        sqljoin_put_col(s, &target, j, f->col.t, s->tables[f->col.t].cols[f->col.c].fk_col);
        same_link_sql(s, b, f, buf_str(&key), buf_str(&target));
        buf_free(&key);
        buf_free(&target);
        return;
    }
    if (f->op == OP_GT_COL || f->op == OP_LT_COL) {  /* colcmp.c: "shipped after the required date" */
        sqljoin_put_col(s, b, j, f->col.t, f->col.c);
        buf_puts(b, f->op == OP_GT_COL ? " > " : " < ");
        sqljoin_put_col(s, b, j, f->col.t, f->ref[0]);
        return;
    }
    if (f->op == OP_WEEKDAY) {
        buf_t col = {0};
        sqljoin_put_col(s, &col, j, f->col.t, f->col.c);
        weekday_sql(s->dialect, b, f, buf_str(&col));
        buf_free(&col);
        return;
    }
    if ((f->op == OP_NULL || f->op == OP_NOT_NULL) && s->tables[f->col.t].cols[f->col.c].kind == CK_TEXT)
        return put_empty_text(s, b, j, f);
    sqljoin_put_col(s, b, j, f->col.t, f->col.c);
    if (f->op == OP_NULL || f->op == OP_NOT_NULL) {
        buf_puts(b, f->op == OP_NULL ? " IS NULL" : " IS NOT NULL");
    } else if (f->op == OP_IN || f->op == OP_NOT_IN) {
        const char *neg = f->op == OP_NOT_IN ? "<>" : "=";
        if (f->nvals == 1) {
            buf_printf(b, " %s ", neg);
            dialect_literal(s, b, f->vals[0]);
            return;
        }
        buf_puts(b, f->op == OP_NOT_IN ? " NOT IN (" : " IN (");
        for (int i = 0; i < f->nvals; i++) {
            if (i)
                buf_puts(b, ", ");
            dialect_literal(s, b, f->vals[i]);
        }
        buf_putc(b, ')');
    } else if (f->op == OP_BETWEEN) {
        buf_printf(b, " BETWEEN %.15g AND %.15g", f->num[0], f->num[1]);
    } else {
        buf_printf(b, "%s%.15g", ops[f->op], f->num[0]);
    }
}
