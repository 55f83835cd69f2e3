/* markdown.c — Markdown to HTML for text widgets, with cmark in its safe
 * mode: raw HTML is dropped and javascript:/vbscript:/file:/data: links are
 * refused by cmark itself; every link also gets rel="noopener noreferrer". */
#include "tmpl/tmpl.h"
#include "core/buf.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

char *tmpl_markdown(const char *md)
{
    char *html = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_SAFE | CMARK_OPT_SMART);
    buf_t out = {0};
    const char *p = html, *hit;
    while ((hit = strstr(p, "<a href=\"")) != NULL) {
        buf_append(&out, p, (size_t)(hit - p));
        buf_puts(&out, "<a rel=\"noopener noreferrer\" href=\"");
        p = hit + 9;
    }
    buf_puts(&out, p);
    free(html);
    return buf_detach(&out);
}
