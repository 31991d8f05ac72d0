/* pb-cli.h: what every presence-bridge-cli command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-core.h"

G_BEGIN_DECLS

/* The exit codes of docs/cli.md: a contract with scripts. */
typedef enum
{
  PB_EXIT_OK = 0,
  PB_EXIT_CONFIGURATION_ERRORS = 1,
  PB_EXIT_USAGE = 2,
  PB_EXIT_CONFLICT = 3,
  PB_EXIT_REFUSED = 4,
  PB_EXIT_REMOTE = 5,
  PB_EXIT_STORE = 6,
  PB_EXIT_BUSY = 7,
} PbExit;

typedef struct _PbCliCommand PbCliCommand;

struct _PbCliCommand
{
  const char *name;
  const char *parameter_string;
  const char *summary;
  int       (*run) (const PbCliCommand *command,
                    int                 argc,
                    char              **argv);
};

/* Parses @argv with @entries plus the options every command takes (--store,
 * and --profile when @with_profile); prints usage errors itself. */
gboolean    pb_cli_parse_options      (const PbCliCommand  *command,
                                       const GOptionEntry  *entries,
                                       gboolean             with_profile,
                                       int                 *argc,
                                       char              ***argv);
const char *pb_cli_get_profile_option (void);

/* The store's path (--store, $PRESENCE_BRIDGE_STORE or the default). */
char       *pb_cli_dup_store_path     (void);
PbStore    *pb_cli_open_store         (GError            **error);
/* Opens the store and finds the profile (below), or prints why not and
 * returns the exit code. */
int         pb_cli_open_profile       (PbStore           **store_out,
                                       PbProfile         **profile_out);
/* --profile NAME, else the store's default profile. */
PbProfile  *pb_cli_find_profile       (PbStore            *store,
                                       GError            **error);

/* Prints "presence-bridge-cli: [context: ]message" on stderr and returns
 * the exit code @error stands for. */
int         pb_cli_fail               (const char         *context,
                                       const GError       *error);
int         pb_cli_usage_error        (const PbCliCommand *command,
                                       const char         *format,
                                       ...) G_GNUC_PRINTF (2, 3);
int         pb_cli_exit_code_for      (const GError       *error);

/* A revision number as "history" shows it (1 or more). */
gboolean    pb_cli_parse_revision     (const char         *text,
                                       guint              *number);
/* Untrusted text (labels, names, ids, paths, messages) made safe for a
 * terminal: C0 controls, DEL, C1 controls and bidirectional overrides and
 * isolates become \u001b-style escapes, a backslash becomes \\ and a byte
 * that is not UTF-8 \xNN, so what is printed can be read back unambiguously
 * and never recolours, rewrites or splits a line. */
char       *pb_cli_escape             (const char         *text);
void        pb_cli_append_escaped     (GString            *out,
                                       const char         *text);
/* Writes @text to stdout at once (large outputs are built first, not
 * printed line by line); says why on stderr and returns FALSE when stdout
 * cannot take it. */
gboolean    pb_cli_write_stdout       (const char         *data,
                                       gsize               length);

/* Pretty-printed JSON on stdout, for the --json options: the exact values,
 * with every character pb_cli_escape() escapes written as \uXXXX. */
void        pb_cli_print_json         (JsonNode           *node);
/* One line per change, as import, diff and the window's tooltips show it. */
void        pb_cli_print_changes      (GListModel         *changes);
/* One line per finding (SEVERITY: PATH: MESSAGE [CODE]), then a count
 * line, as validate prints them. */
guint       pb_cli_print_findings     (GListModel         *findings);

int         pb_cli_validate (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_explain (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_import (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_export (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_history (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_diff (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_restore (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_profile (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_checks (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_simulate (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_login (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_fetch (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_push (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_resolve (const PbCliCommand *command, int argc, char **argv);
int         pb_cli_promote (const PbCliCommand *command, int argc, char **argv);

G_END_DECLS
