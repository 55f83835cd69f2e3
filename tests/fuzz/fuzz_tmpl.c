/* fuzz_tmpl — compile arbitrary mustache source (tmpl_set_add) and render it
 * (tmpl_set_render) over a fixed context with two fixed partials; also the
 * markdown filter (tmpl_markdown) on the same bytes. Invariant: a template
 * that compiled renders without error, except that it may include itself
 * (the fuzz template is a partial too) and so nest too deep. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl/tmpl.h"

static json_t *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    ctx = json_loads("{\"title\":\"<b>T</b> & 'q'\",\"n\":3,\"x\":1.21,\"big\":1e300,"
                     "\"t\":true,\"f\":false,\"z\":null,\"s\":\"\",\"zero\":0,"
                     "\"items\":[{\"name\":\"a\",\"v\":1},{\"name\":\"b&<\",\"v\":2.5},"
                     "{\"name\":\"\",\"items\":[{\"name\":\"inner\"}]}],"
                     "\"empty\":[],\"list\":[1,\"two\",null,true,[3]],"
                     "\"obj\":{\"a\":{\"b\":\"deep\"},\"title\":\"shadow\"}}",
                     0, NULL);
    if (!ctx)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    tmpl_set_t *set = tmpl_set_new();
    static const char nav[] = "<nav>{{title}}</nav>\n  {{#items}}<i>{{name}}</i>\n{{/items}}";
    static const char row[] = "{{#obj}}{{a.b}}{{/obj}}|{{{title}}}|{{&x}}\n";
    if (tmpl_set_add(set, "partials/nav", nav, strlen(nav), NULL, err, sizeof err) != 0 ||
        tmpl_set_add(set, "row", row, strlen(row), NULL, err, sizeof err) != 0)
        abort();
    /* Sections over lists multiply: k nested ones repeat the inside 5^k times
     * (mustache semantics, not a bug; templates are ours, not users'). Render
     * only sources with at most 5 section/partial sigils to keep it fast. */
    size_t sigils = 0;
    for (size_t i = 0; i < size; i++)
        sigils += data[i] == '#' || data[i] == '>';
    if (tmpl_set_add(set, "\x01", (const char *)data, size, "fuzz.mustache", err, sizeof err) == 0) {
        if (!tmpl_set_has(set, "\x01"))
            abort();
        if (sigils > 5)
            goto done;
        buf_t out = {0};
        if (tmpl_set_render(set, "\x01", ctx, &out, err, sizeof err) != 0 &&
            !strstr(err, "nested more than"))
            abort();
        buf_reset(&out);
        if (tmpl_set_render(set, "\x01", NULL, &out, err, sizeof err) != 0 &&
            !strstr(err, "nested more than"))
            abort();
        buf_free(&out);
    } else if (tmpl_set_has(set, "\x01") || !err[0]) {
        abort(); /* a failed add leaves the set unchanged and says why */
    }
done:
    tmpl_set_free(set);

    if (size <= 4096) {
        char *md = malloc(size + 1);
        memcpy(md, data, size);
        md[size] = 0;
        char *html = tmpl_markdown(md);
        free(html);
        free(md);
    }
    return 0;
}
