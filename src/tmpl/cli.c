/* cli.c — `datamind template render FILE [DATA.json] [--partials DIR]`,
 * for trying a template against some data without running the server. */
#include "tmpl/internal.h"

#include <stdio.h>
#include <string.h>

#define CLI_USAGE "usage: datamind template render FILE [DATA.json] [--partials DIR]\n"

typedef struct cli_args {
    const char *file, *data, *partials;
} cli_args_t;

static int cli_parse_args(int argc, char **argv, cli_args_t *a)
{
    memset(a, 0, sizeof *a);
    if (argc < 1 || strcmp(argv[0], "render") != 0)
        return -1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--partials") == 0) {
            if (++i >= argc || a->partials)
                return -1;
            a->partials = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return -1;
        } else if (!a->file) {
            a->file = argv[i];
        } else if (!a->data) {
            a->data = argv[i];
        } else {
            return -1;
        }
    }
    return a->file ? 0 : -1;
}

static json_t *cli_load_data(const char *path, char *err, size_t errlen)
{
    if (!path)
        return json_object();
    json_error_t jerr;
    json_t *data = json_load_file(path, JSON_DECODE_ANY, &jerr);
    if (!data)
        snprintf(err, errlen, "%s:%d: %s", path, jerr.line, jerr.text);
    return data;
}

static int cli_render(const cli_args_t *a, buf_t *out, char *err, size_t errlen)
{
    tmpl_set_t *set = tmpl_set_new();
    buf_t src = {0};
    json_t *data = NULL;
    int rc = -1;
    if (a->partials && tmpl_set_load_dir(set, a->partials, err, errlen) < 0)
        goto out;
    if (tmpl_read_file(a->file, &src, err, errlen) < 0)
        goto out;
    /* The file's path as its name: no partial name ends in ".mustache". */
    if (tmpl_set_add(set, a->file, buf_str(&src), src.len, a->file, err, errlen) < 0)
        goto out;
    if (!(data = cli_load_data(a->data, err, errlen)))
        goto out;
    rc = tmpl_set_render(set, a->file, data, out, err, errlen);
out:
    json_decref(data);
    buf_free(&src);
    tmpl_set_free(set);
    return rc;
}

int tmpl_cli(int argc, char **argv)
{
    cli_args_t a;
    char err[512];
    buf_t out = {0};
    int code = 1;
    if (cli_parse_args(argc, argv, &a) < 0) {
        fputs(CLI_USAGE, stderr);
        return 2;
    }
    if (cli_render(&a, &out, err, sizeof err) < 0) {
        fprintf(stderr, "datamind template: %s\n", err);
        goto out;
    }
    if (fwrite(buf_str(&out), 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
        fprintf(stderr, "datamind template: cannot write the output\n");
        goto out;
    }
    code = 0;
out:
    buf_free(&out);
    return code;
}
