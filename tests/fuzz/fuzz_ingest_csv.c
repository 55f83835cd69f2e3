/* fuzz_ingest_csv — CSV/TSV scan (pass 1) and rows (pass 2) from a buffer.
 * The first byte picks options (bit 0 skip_bad_lines, bits 1-2 header
 * sniff/yes/no, bit 3 MDY dates); the rest is the file. */
#include <stdint.h>

#include "fuzz_ingest_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t b = data[0];
    static const int hdr[4] = {0, 1, -1, 0};
    ingest_opts_t o = {.skip_bad_lines = b & 1,
                       .header = hdr[(b >> 1) & 3],
                       .date_order = (b >> 3) & 1 ? INGEST_MDY : INGEST_DMY,
                       .max_columns = 200,
                       .max_field_bytes = 4096};
    size--, data++;
    char *csv = malloc(size ? size : 1);
    memcpy(csv, data, size);
    char err[512];
    ingest_table_t *t = NULL;
    if (ingest_scan_csv_buffer(csv, size, &o, &t, err, sizeof err) == 0) {
        check_table(t);
        row_check_t rc = {t->ncols, 0};
        if (ingest_rows_buffer(csv, size, t, 0, &o, check_row, &rc, err, sizeof err) != 0)
            abort();
        if (rc.rows != t->rows)
            abort();
        ingest_tables_free(t, 1);
    } else if (!err[0]) {
        abort();
    }
    free(csv);
    return 0;
}
