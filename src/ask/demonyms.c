/* demonyms.c — "Icelandic airlines", "French customers": a country's
 * adjective read as its name when the name is a value of the schema and
 * the adjective is not ("read \"Icelandic\" as \"iceland\""), so it
 * filters like "airlines in Iceland" — not where a table or column holds
 * languages ("French films": in French?). Only one-word country names: a
 * token is replaced by one word. */
#include "ask/internal.h"

#include <string.h>

static const char *const demonyms[][2] = {
    {"icelandic", "iceland"}, {"french", "france"}, {"spanish", "spain"}, {"german", "germany"},
    {"italian", "italy"}, {"dutch", "netherlands"}, {"swedish", "sweden"}, {"norwegian", "norway"},
    {"danish", "denmark"}, {"finnish", "finland"}, {"polish", "poland"}, {"irish", "ireland"},
    {"portuguese", "portugal"}, {"greek", "greece"}, {"turkish", "turkey"}, {"russian", "russia"},
    {"chinese", "china"}, {"japanese", "japan"}, {"indian", "india"}, {"brazilian", "brazil"},
    {"mexican", "mexico"}, {"canadian", "canada"}, {"australian", "australia"}, {"swiss", "switzerland"},
    {"austrian", "austria"}, {"belgian", "belgium"}, {"egyptian", "egypt"}, {"israeli", "israel"},
    {"thai", "thailand"}, {"vietnamese", "vietnam"}, {"indonesian", "indonesia"}, {"peruvian", "peru"},
    {"chilean", "chile"}, {"colombian", "colombia"}, {"hungarian", "hungary"}, {"romanian", "romania"},
    {"nigerian", "nigeria"}, {"kenyan", "kenya"}, {"moroccan", "morocco"}, {"pakistani", "pakistan"},
    {"iranian", "iran"}, {"iraqi", "iraq"}, {"filipino", "philippines"}, {"malaysian", "malaysia"},
    {"singaporean", "singapore"}, {"ukrainian", "ukraine"}, {"croatian", "croatia"}, {"serbian", "serbia"},
    {"bulgarian", "bulgaria"}, {"scottish", "scotland"}, {"welsh", "wales"}, {"argentine", "argentina"},
    {"argentinian", "argentina"}, {"argentinean", "argentina"}, {"cuban", "cuba"}, {"venezuelan", "venezuela"},
    {"ethiopian", "ethiopia"}, {"ghanaian", "ghana"}, {"estonian", "estonia"}, {"latvian", "latvia"},
    {"lithuanian", "lithuania"}, {"slovak", "slovakia"}, {"slovenian", "slovenia"}, {"maltese", "malta"},
    {"cypriot", "cyprus"}, {"luxembourgish", "luxembourg"}, {"nepalese", "nepal"}, {"nepali", "nepal"},

};

/* A continent's adjective is no language: read wherever the continent is
 * a value ("a European country", "a South American country"). */
static const char *const regions[][2] = {
    {"european", "europe"}, {"antarctic", "antarctica"},  /* "african": africa, read by its -n */
};

/* 1 when the two words are a sampled value ("south america"). */
static int is_value_pair(const ask_schema_t *s, const char *a, const char *b)
{
    for (int p = 0; p < s->nph; p++)
        if (s->ph[p].kind == PH_VALUE && s->ph[p].nw == 2 && !strcmp(s->ph[p].w[0], a) &&
            !strcmp(s->ph[p].w[1], b))
            return 1;
    return 0;
}

/* 1 when word is a whole word of some sampled value of the schema. */
static int is_value_word(const ask_schema_t *s, const char *word)
{
    for (int p = 0; p < s->nph; p++)
        if (s->ph[p].kind == PH_VALUE && s->ph[p].nw == 1 && !strcmp(s->ph[p].w[0], word))
            return 1;
    return 0;
}

/* 1 when some table or column is about languages: "French" may be one. */
static int has_languages(const ask_schema_t *s)
{
    static const char *const lang[] = {"language", "lang", "tongue", NULL};
    for (int t = 0; t < s->ntables; t++) {
        for (int k = 0; k < s->tables[t].nw; k++)
            if (words_in(s->tables[t].w[k], lang))
                return 1;
        for (int c = 0; c < s->tables[t].ncols; c++)
            if (lexicon_col_has_word(&s->tables[t].cols[c], lang))
                return 1;
    }
    return 0;
}

static int read_regions(const ask_schema_t *s, ask_toks_t *tk, buf_t *notes)
{
    int read = 0;
    for (int i = 0; i < tk->n; i++)
        for (size_t k = 0; !tk->t[i].used && k < sizeof regions / sizeof *regions; k++) {
            if (strcmp(tk->t[i].low, regions[k][0]) || is_value_word(s, regions[k][0]) ||
                !(is_value_word(s, regions[k][1]) ||
                  (i > 0 && is_value_pair(s, tk->t[i - 1].low, regions[k][1]))))
                continue;
            buf_printf(notes, "%sread \"%s\" as \"%s\"", notes->len ? ", " : "", tk->t[i].raw, regions[k][1]);
            words_reread(&tk->t[i], regions[k][1]);
            read++;
        }
    return read;
}

int demonyms_read(const ask_schema_t *s, ask_toks_t *tk, buf_t *notes)
{
    int read = read_regions(s, tk, notes);
    if (has_languages(s))
        return read;
    for (int i = 0; i < tk->n; i++) {
        if (tk->t[i].used)
            continue;
        for (size_t k = 0; k < sizeof demonyms / sizeof *demonyms; k++)
            if (!strcmp(tk->t[i].low, demonyms[k][0]) && !is_value_word(s, demonyms[k][0]) &&
                is_value_word(s, demonyms[k][1])) {
                buf_printf(notes, "%sread \"%s\" as \"%s\"", notes->len ? ", " : "", tk->t[i].raw,
                           demonyms[k][1]);
                words_reread(&tk->t[i], demonyms[k][1]);
                tk->t[i].used = 1;  /* no typo of another name ("ireland") now */
                read++;
                break;
            }
    }
    return read;
}
