/* table.c — what the worker runs, in one place. */
#include "tasks/tasks_internal.h"
#include "chat/chat.h"
#include "query/query.h"
#include "store/db.h"
#include "store/kv.h"
#include "uploads/uploads.h"

const jobs_task_t tasks_table[] = {
    {"upload.ingest", uploads_task_ingest},
    {"upload.sweep", uploads_task_sweep},
    {"schema.refresh", task_schema_refresh},
    {"widget.refresh", task_widget_refresh},
    {"alert.check", task_alert_check},
    {"query.run", task_query_run},
    {"widget.run", task_widget_run},
    {"export.file", task_export_file},
    {"connection.test", task_connection_test},
    {"chat.answer", task_chat_answer},
    {"notify.deliver", task_notify_deliver},
    {"report.send", task_report_send},
    {"history.purge", task_history_purge},
    {"chat.purge", task_chat_purge},
};
const size_t tasks_count = sizeof tasks_table / sizeof tasks_table[0];

const jobs_periodic_t tasks_periodic[] = {
    {"schema.refresh", 6 * 3600, periodic_schema_refresh},
    {"widget.refresh", 60, periodic_widget_refresh},
    {"alert.check", 60, periodic_alert_check},
    {"upload.sweep", 60, uploads_periodic_sweep},
    {"report.due", 60, periodic_report_due},
    {"history.purge", 60, periodic_history_purge},
    {"chat.purge", 60, periodic_chat_purge},
};
const size_t tasks_periodic_count = sizeof tasks_periodic / sizeof tasks_periodic[0];

int tasks_process_init(void)
{
    db_conn();
    kv_conn();
    return 0;
}

void tasks_process_done(void)
{
    query_pool_close();
    chat_cache_clear();
    tasks_chat_done();
    db_close();
    kv_close();
}
