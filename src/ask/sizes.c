/* sizes.c — which column a size word ranks by: "the smallest loan", "the
 * 3 largest classrooms", "the largest cities" (by population, where no
 * area is held), "the highest airport" (altitude — never for "biggest"). */
#include "ask/internal.h"

#include <string.h>

/* "the smallest loan", "the 3 largest classrooms", "the lowest airport":
 * a size word ranks by the table's one measure of size — its one column
 * named like one, else its one money column, else its one quantity ("the
 * largest batches"); "the cheapest product" by its one money column; -1
 * when none or several. */
int sizes_column(const ask_schema_t *s, const ask_parse_t *p, int t)
{
    static const char *const size_words[] = {"biggest", "largest", "smallest", "greatest",
        "lowest", "highest", NULL};
    static const char *const size_cols[] = {"amount", "capacity", "size", "area", "altitude",
        "elevation", "height", NULL};
    static const char *const heights[] = {"altitude", "elevation", "height", NULL};
    char w[32];
    size_t i = 0;
    for (; p->order_word[i] && i < sizeof w - 1; i++)
        w[i] = (char)(p->order_word[i] >= 'A' && p->order_word[i] <= 'Z' ? p->order_word[i] + 32
                                                                         : p->order_word[i]);
    w[i] = 0;
    if (!strcmp(w, "cheapest"))
        return roles_money_col(s, t);  /* "our cheapest product": its one money column */
    if (!words_in(w, size_words))
        return -1;
    int c = -1, n = 0, high = !strcmp(w, "highest") || !strcmp(w, "lowest");
    for (int k = 0; k < s->tables[t].ncols; k++)  /* "the biggest airport" is no altitude */
        if (lexicon_col_is_numeric(&s->tables[t].cols[k]) && !s->tables[t].cols[k].pk &&
            lexicon_col_has_word(&s->tables[t].cols[k], size_cols) &&
            (high || !lexicon_col_has_word(&s->tables[t].cols[k], heights)))
            c = k, n++;
    if (n != 0)
        return n == 1 ? c : -1;
    /* "the largest cities": by their population — not a country, which
     * has an area too (surfacearea: "area" inside a word) */
    int area = 0, people = strcmp(w, "highest") && strcmp(w, "lowest") ? lexicon_people_col(&s->tables[t]) : -1;
    for (int k = 0; k < s->tables[t].ncols; k++)
        area |= lexicon_col_is_numeric(&s->tables[t].cols[k]) && strstr(s->tables[t].cols[k].name, "area");
    if (people != -1)
        return people >= 0 && !area ? people : -1;
    static const char *const counts[] = {"quantity", "qty", NULL};
    int money = 0;
    for (int k = 0; k < s->tables[t].ncols; k++) {
        const ask_col_t *col = &s->tables[t].cols[k];
        money += lexicon_col_is_money(col) && !col->pk;
        if (lexicon_col_is_numeric(col) && !col->pk && lexicon_col_has_word(col, counts))
            c = k, n++;
    }
    return money ? roles_money_col(s, t) : n == 1 ? c : -1;
}
