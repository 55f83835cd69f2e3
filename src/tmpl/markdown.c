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

/* A block ends: one line break, a blank line after a paragraph or heading
 * outside a list (so the PDF's paragraphs stay apart). */
static void text_block_end(buf_t *out, cmark_node *node)
{
    cmark_node *parent = cmark_node_parent(node);
    int in_item = parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM;
    if (out->len && out->data[out->len - 1] != '\n')
        buf_putc(out, '\n');
    if (!in_item)
        buf_putc(out, '\n');
}

char *tmpl_markdown_text(const char *md)
{
    cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_SAFE | CMARK_OPT_SMART);
    cmark_iter *it = cmark_iter_new(doc);
    buf_t out = {0};
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (ev == CMARK_EVENT_ENTER && t == CMARK_NODE_ITEM) {
            cmark_node *list = cmark_node_parent(n);
            if (cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
                int k = cmark_node_get_list_start(list);
                for (cmark_node *p = cmark_node_previous(n); p; p = cmark_node_previous(p))
                    k++;
                buf_printf(&out, "%d. ", k);
            } else {
                buf_puts(&out, "\xe2\x80\xa2 ");
            }
        } else if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)) {
            buf_puts(&out, cmark_node_get_literal(n));
        } else if (ev == CMARK_EVENT_ENTER && t == CMARK_NODE_CODE_BLOCK) {
            buf_puts(&out, cmark_node_get_literal(n));
            text_block_end(&out, n);
        } else if (t == CMARK_NODE_SOFTBREAK) {
            buf_putc(&out, ' ');
        } else if (t == CMARK_NODE_LINEBREAK) {
            buf_putc(&out, '\n');
        } else if (ev == CMARK_EVENT_EXIT && (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING)) {
            text_block_end(&out, n);
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    while (out.len && out.data[out.len - 1] == '\n')
        out.data[--out.len] = '\0';
    return buf_detach(&out);
}
