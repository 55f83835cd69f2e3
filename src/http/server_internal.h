/* server_internal.h — shared by the master (prefork.c) and worker.c only. */
#ifndef DM_SERVER_INTERNAL_H
#define DM_SERVER_INTERNAL_H

#include "http/http.h"

/* Run one worker's accept loop; returns the process exit code. */
int server_worker_main(int listen_fd, const server_opts_t *opts, const server_hooks_t *hooks);

#endif
