/* pb-test-cli.h: running presence-bridge-cli as scripts do, for the CLI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-core.h"

G_BEGIN_DECLS

/* A folder of its own and a store path in it (not created). */
typedef struct
{
  char *dir;
  char *store;
} Fixture;

/* What one run of the CLI gave. */
typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

void      run_clear         (Run           *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

void      fixture_set_up    (Fixture       *fixture,
                             gconstpointer  data);
void      fixture_tear_down (Fixture       *fixture,
                             gconstpointer  data);
/* Runs $PB_CLI (after $PB_CLI_WRAPPER's words: valgrind in the "valgrind"
 * test setup) with the fixture's store, no terminal and the C locale, the
 * way a script in CI would. NULL-terminated arguments. */
void      run_cli           (Fixture       *fixture,
                             Run           *run,
                             ...) G_GNUC_NULL_TERMINATED;
void      run_cli_valist    (Fixture            *fixture,
                             Run                *run,
                             va_list             args);
/* The same, with @child_setup run in the child before the CLI starts. */
void      run_cli_with_setup (Fixture              *fixture,
                              Run                  *run,
                              GSpawnChildSetupFunc  child_setup,
                              ...) G_GNUC_NULL_TERMINATED;
/* Starts $PB_CLI the same way, stdout and stderr piped, and returns at
 * once. */
GSubprocess *spawn_cli      (Fixture            *fixture,
                             const char * const *args);
/* A file in the fixture's folder; free the path. */
char     *write_file        (Fixture       *fixture,
                             const char    *name,
                             const char    *contents);
/* The worked example with one substitution, for broken variants. */
char     *write_variant     (Fixture       *fixture,
                             const char    *name,
                             const char    *find,
                             const char    *replace);
JsonNode *parse_json        (const char    *text);

G_END_DECLS
