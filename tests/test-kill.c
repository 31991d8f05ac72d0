/* test-kill.c: SIGKILL the real programs at random points and prove the
 * store survives: after every kill it passes PRAGMA integrity_check and
 * holds exactly the state from before the operation or the state after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A case names how to bring a store to its "before" state, the command
 * whose run is cut short, and (optionally) what else must hold afterwards.
 * The harness runs the command once to the end to learn the "after" state
 * and how long a run takes, then, for each kill, copies the "before" store,
 * starts the command, waits a random time across the whole run, sends
 * SIGKILL and checks the store. New cases (the window during autosave and
 * save, the CLI during fetch and push against the sandbox) are one more
 * entry in the table at the end.
 *
 * PB_KILL_RUNS (default 100) and PB_KILL_SECONDS (default 20) bound each
 * case: it stops at whichever comes first. By hand, for example:
 *   PB_KILL_RUNS=2000 PB_KILL_SECONDS=3600 meson test -C _build test-kill -v
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>

#include "pb-test-fixtures.h"

#define MIN_RUNS 10

typedef struct _KillCase KillCase;

typedef struct
{
  const KillCase *kill_case;
  char *dir;
  char *before_store;   /* the "before" state, copied for each run */
  char *store;          /* the store a run works on */
  char *input;          /* a file the command reads, if any */
  GRand *rand;
} Fixture;

struct _KillCase
{
  const char *name;
  /* Creates fixture->before_store (and any input file). */
  void   (*prepare)     (Fixture *fixture);
  /* The command to start, NULL-terminated, run with
   * PRESENCE_BRIDGE_STORE=fixture->store. */
  GStrv  (*command)     (Fixture *fixture);
  /* What must hold besides "before or after"; @finished says whether the
   * process exited by itself before the kill. May be NULL. */
  void   (*check)       (Fixture *fixture,
                         gboolean finished);
};

static void
remove_store_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0)
        g_assert_cmpint (errno, ==, ENOENT);
    }
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, length, &error);
  g_assert_no_error (error);
}

/* A closed store is one file (SQLite checkpoints and removes its WAL on
 * the last close), so copying that file copies the store. */
static void
reset_store (Fixture *fixture)
{
  g_autofree char *wal = g_strconcat (fixture->before_store, "-wal", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  remove_store_files (fixture->store);
  copy_file (fixture->before_store, fixture->store);
}

/* Straight through SQLite, before the store code sees the file. */
static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  const char *result;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  result = (const char *)sqlite3_column_text (statement, 0);
  if (g_strcmp0 (result, "ok") != 0)
    g_error ("integrity_check of %s: %s", path, result);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Everything a user can see in the store, through the public store API:
 * profiles (and which is the default), each one's revisions (number,
 * source, comment, content) and its draft. Revision times are left out:
 * they differ between two runs of the same command. */
static char *
dup_store_state (const char *path)
{
  g_autoptr(GDateTime) fixed_time = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(GString) state = g_string_new (NULL);
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GListModel) profiles = NULL;
  g_autoptr(PbProfile) default_profile = NULL;
  g_autoptr(GError) error = NULL;

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  profiles = pb_store_list_profiles (store, &error);
  g_assert_no_error (error);
  default_profile = pb_store_get_default_profile (store, NULL);
  if (default_profile != NULL)
    g_string_append_printf (state, "default %s\n", pb_profile_get_name (default_profile));

  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(PbProfile) profile = g_list_model_get_item (profiles, i);
      g_autoptr(GListModel) revisions = pb_store_list_revisions (store, profile, &error);
      g_autoptr(PbConfiguration) draft = NULL;
      g_autofree char *draft_text = NULL;
      g_autofree char *draft_checksum = NULL;

      g_assert_no_error (error);
      g_string_append_printf (state, "profile %s\n", pb_profile_get_name (profile));
      for (guint r = 0; r < g_list_model_get_n_items (revisions); r++)
        {
          g_autoptr(PbRevision) revision = g_list_model_get_item (revisions, r);
          guint number = pb_revision_get_number (revision);
          g_autoptr(PbConfiguration) content = pb_store_load_revision (store, profile, number, &error);
          g_autofree char *text = NULL;
          g_autofree char *checksum = NULL;

          g_assert_no_error (error);
          text = pb_config_file_to_data (content, fixed_time, NULL);
          checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
          g_string_append_printf (state, "revision %u %s %s %s\n", number,
                                  pb_revision_get_source (revision),
                                  pb_revision_get_comment (revision) ? pb_revision_get_comment (revision) : "",
                                  checksum);
        }

      draft = pb_store_load_draft (store, profile, &error);
      g_assert_no_error (error);
      draft_text = pb_config_file_to_data (draft, fixed_time, NULL);
      draft_checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, draft_text, -1);
      g_string_append_printf (state, "draft %s\n", draft_checksum);
    }

  return g_string_free (g_steal_pointer (&state), FALSE);
}

static GSubprocess *
start_command (Fixture *fixture)
{
  g_auto(GStrv) argv = fixture->kill_case->command (fixture);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  const char *asan_options = g_getenv ("ASAN_OPTIONS");
  GSubprocess *process;

  g_subprocess_launcher_setenv (launcher, "PRESENCE_BRIDGE_STORE", fixture->store, TRUE);
  /* The "asan" setup unwinds every allocation fully, so that its leak
   * suppressions can match; a killed process never reports leaks, and one
   * that ends still does (with shorter stacks), at a tenth of the cost. */
  if (asan_options != NULL)
    {
      g_autofree char *fast = g_strconcat (asan_options, ":fast_unwind_on_malloc=1", NULL);

      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", fast, TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv, &error);
  g_assert_no_error (error);
  return process;
}

/* Exited by itself (successfully) or was killed; anything else is a bug. */
static gboolean
wait_for_end (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (process))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
      return FALSE;
    }

  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->kill_case = data;
  fixture->dir = pb_test_make_dir ("pb-kill-XXXXXX");
  fixture->before_store = g_build_filename (fixture->dir, "before.db", NULL);
  fixture->store = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->rand = g_rand_new_with_seed (g_test_rand_int ());
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->before_store);
  g_free (fixture->store);
  g_free (fixture->input);
  g_rand_free (fixture->rand);
}

static void
test_kill (Fixture       *fixture,
           gconstpointer  data)
{
  const KillCase *kill_case = data;
  guint max_runs = pb_test_env_uint ("PB_KILL_RUNS", 100);
  guint max_seconds = pb_test_env_uint ("PB_KILL_SECONDS", 20);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 start, duration, deadline;
  guint runs = 0, killed = 0, killed_before = 0, killed_after = 0, finished = 0;

  kill_case->prepare (fixture);
  before = dup_store_state (fixture->before_store);

  /* Runs to the end: the "after" state, and how long a run takes (the
   * fastest of three, so the kills fall within a run, not after it). */
  duration = G_MAXINT64;
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GSubprocess) reference = NULL;

      reset_store (fixture);
      start = g_get_monotonic_time ();
      reference = start_command (fixture);
      g_assert_true (wait_for_end (reference));
      duration = MIN (duration, g_get_monotonic_time () - start);
    }
  assert_integrity (fixture->store);
  after = dup_store_state (fixture->store);
  g_assert_cmpstr (before, !=, after);
  if (kill_case->check != NULL)
    kill_case->check (fixture, TRUE);

  /* At least MIN_RUNS however slow the build (sanitizers), then as many
   * as the budget allows. */
  deadline = g_get_monotonic_time () + (gint64)max_seconds * G_USEC_PER_SEC;
  while (runs < max_runs && (runs < MIN_RUNS || g_get_monotonic_time () < deadline))
    {
      g_autoptr(GSubprocess) process = NULL;
      g_autofree char *state = NULL;
      gboolean ended;

      reset_store (fixture);
      start = g_get_monotonic_time ();
      process = start_command (fixture);
      /* Anywhere in the run, start-up included. */
      g_usleep (g_rand_int_range (fixture->rand, 0, (gint32)MIN (duration, G_MAXINT32)));
      g_subprocess_send_signal (process, SIGKILL);
      ended = wait_for_end (process);
      runs++;
      /* A run that beat the kill was shorter than the range: the machine
       * got faster (a build beside the test ended), so narrow it. */
      if (ended)
        duration = MIN (duration, g_get_monotonic_time () - start);

      assert_integrity (fixture->store);
      state = dup_store_state (fixture->store);
      if (g_strcmp0 (state, before) != 0 && g_strcmp0 (state, after) != 0)
        g_error ("run %u of %s: the store holds neither the old nor the new state:\n%s\nold:\n%s\nnew:\n%s",
                 runs, kill_case->name, state, before, after);
      if (ended)
        {
          /* A run that ended by itself must have done all its work. */
          g_assert_cmpstr (state, ==, after);
          finished++;
        }
      else
        {
          killed++;
          if (g_str_equal (state, before))
            killed_before++;
          else
            killed_after++;
        }

      if (kill_case->check != NULL)
        kill_case->check (fixture, ended);
    }

  g_test_message ("%s: %u runs of up to %.0f ms: %u killed (%u left the old state, %u the new), %u finished first",
                  kill_case->name, runs, duration / 1000.0, killed, killed_before, killed_after, finished);
  /* Most runs were cut short, not over before the kill. */
  g_assert_cmpuint (killed, >=, runs / 2);
}

/* The CLI during an import of a large file into a profile that has a
 * revision: the import is one transaction over thousands of rows. */

static void
prepare_import (Fixture *fixture)
{
  g_autoptr(PbConfiguration) small = pb_test_worked_example ();
  g_autoptr(PbConfiguration) large = pb_generator_create (pb_test_env_uint ("PB_KILL_STATUSES", 3000),
                                                          pb_test_env_uint ("PB_KILL_STATES", 1000), 7);
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  fixture->input = g_build_filename (fixture->dir, "large.config.json", NULL);
  g_assert_true (pb_config_file_save_path (large, fixture->input, &error));
  g_assert_no_error (error);

  store = pb_store_open (fixture->before_store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_store_import (store, "Kill", small, "before", NULL, &profile, &error), ==, 1);
  g_assert_no_error (error);
}

static GStrv
import_command (Fixture *fixture)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add_many (builder, g_getenv ("PB_CLI"), "import", "--profile", "Kill", fixture->input, NULL);
  return g_strv_builder_end (builder);
}

static const KillCase kill_cases[] = {
  { "cli-import", prepare_import, import_command, NULL },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kill_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/kill/%s", kill_cases[i].name);

      g_test_add (path, Fixture, &kill_cases[i], fixture_set_up, test_kill, fixture_tear_down);
    }

  return g_test_run ();
}
