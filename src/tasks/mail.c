/* mail.c — the SMTP sender the alert e-mails and the scheduled reports
 * share: a whole RFC 5322 message handed to DATAMIND_SMTP_URL through
 * libcurl (which dot-stuffs it), from DATAMIND_SMTP_FROM. */
#include "tasks/tasks_internal.h"
#include "core/config.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct upload_ctx {
    const char *data;
    size_t len, pos;
} upload_ctx_t;

static size_t mail_read(char *p, size_t s, size_t n, void *u)
{
    upload_ctx_t *m = u;
    size_t k = s * n, left = m->len - m->pos;
    if (k > left)
        k = left;
    memcpy(p, m->data + m->pos, k);
    m->pos += k;
    return k;
}

void tasks_mail_headers(buf_t *m, const char *to, const char *subject)
{
    char date[64];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    buf_printf(m, "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\nMIME-Version: 1.0\r\n", date,
               cfg->smtp_from, to, subject);
}

int tasks_mail_send(const char *const *rcpt, size_t n, const char *msg, size_t len, char *err,
                    size_t errlen)
{
    if (!cfg->smtp_url || !*cfg->smtp_url) {
        snprintf(err, errlen, "e-mail is not set up (DATAMIND_SMTP_URL)");
        return -1;
    }
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(err, errlen, "e-mail failed: out of memory");
        return -1;
    }
    struct curl_slist *to = NULL;
    for (size_t i = 0; i < n; i++)
        to = curl_slist_append(to, rcpt[i]);
    upload_ctx_t u = {msg, len, 0};
    curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, cfg->smtp_from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, to);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, mail_read);
    curl_easy_setopt(c, CURLOPT_READDATA, &u);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 60000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(to);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) {
        snprintf(err, errlen, "e-mail failed: %s", curl_easy_strerror(rc));
        return -1;
    }
    return 0;
}
