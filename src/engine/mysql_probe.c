/* mysql_probe.c — "Test connection" on MySQL / MariaDB: who are we, could
 * we write, and the statements that make a read-only user.
 *
 * can_write reads information_schema's privilege views, which list the
 * current user's own grants: any INSERT, UPDATE, DELETE, CREATE, DROP,
 * ALTER, FILE or SUPER (ALL PRIVILEGES is listed as each of them), on the
 * server, a schema or a table. (Privileges held only through a role are not
 * listed there: such a user reads as not writing; the READ ONLY
 * transaction is the boundary either way.) */
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "engine/internal.h"

#define READER "'datamind_reader'@'%'"
#define GRANTEE                                                                         \
    "CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''',"                    \
    " SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')"
#define WRITES "('INSERT','UPDATE','DELETE','CREATE','DROP','ALTER','FILE','SUPER')"

static const char probe_sql[] =
    "SELECT VERSION(), CURRENT_USER(), DATABASE(),"
    " (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()),"
    " EXISTS (SELECT 1 FROM information_schema.user_privileges"
    "          WHERE grantee = " GRANTEE " AND privilege_type IN " WRITES ")"
    " OR EXISTS (SELECT 1 FROM information_schema.schema_privileges"
    "             WHERE grantee = " GRANTEE " AND privilege_type IN " WRITES ")"
    " OR EXISTS (SELECT 1 FROM information_schema.table_privileges"
    "             WHERE grantee = " GRANTEE " AND privilege_type IN " WRITES "),"
    " EXISTS (SELECT 1 FROM information_schema.user_privileges"
    "          WHERE grantee = " GRANTEE " AND privilege_type = 'SUPER')";


static void script_build(const char *db, buf_t *b)
{
    char pw[25];
    engine_password_make(pw);
    buf_puts(b, "-- A read-only user for DataMind; run as an administrator.\n");
    buf_puts(b, "CREATE USER " READER " IDENTIFIED BY '");
    buf_puts(b, pw);
    buf_puts(b, "';\n");
    buf_puts(b, "GRANT SELECT, SHOW VIEW ON ");
    engine_mysql_quote_ident(b, db);
    buf_puts(b, ".* TO " READER ";\n");
}

int engine_mysql_probe(engine_conn_t *conn, json_t **info, char *err, size_t errlen)
{
    engine_mysql_conn_t *c = (engine_mysql_conn_t *)conn;
    MYSQL_RES *res = NULL;
    buf_t script = {0};
    *info = NULL;
    if (engine_mysql_rows(c, probe_sql, &res, err, errlen) != 0)
        return -1;
    MYSQL_ROW row = mysql_fetch_row(res);
    if (!row) {
        snprintf(err, errlen, "the server did not say who we are");
        mysql_free_result(res);
        return -1;
    }
    script_build(row[2] ? row[2] : "", &script);
    *info = json_pack("{s:s, s:s, s:b, s:b, s:I, s:s}", "server_version", row[0] ? row[0] : "",
                      "current_user", row[1] ? row[1] : "", "can_write",
                      row[4] && row[4][0] == '1', "superuser", row[5] && row[5][0] == '1',
                      "table_count", (json_int_t)(row[3] ? strtoll(row[3], NULL, 10) : 0),
                      "read_only_sql", buf_str(&script));
    mysql_free_result(res);
    buf_free(&script);
    if (!*info) {
        snprintf(err, errlen, "could not build the probe result");
        return -1;
    }
    return 0;
}
