/* cli.h — subcommands that are more than one call: `datamind user add` (the
 * app database) and `datamind ask` (a database given by conninfo, answered
 * on the chat's path, chat/question.c). */
#ifndef DM_CLI_H
#define DM_CLI_H

/* `datamind user add --org SLUG --email E --name N --role R` (password on
 * stdin; config already loaded). argv[0] == "add". Returns exit code. */
int cli_user(int argc, char **argv);

/* `datamind ask --db CONNINFO [--json] [--vocabulary FILE] [--llm-sharing LEVEL] "question"`
 * (argv after "ask"). Returns the exit code. */
int cli_ask(int argc, char **argv);

/* `datamind org list` and `datamind org set-limits SLUG [--max-users N]
 * [--max-connections N]` (argv after "org"; config already loaded).
 * Returns the exit code. */
int cli_org(int argc, char **argv);

#endif
