/* test-kill.c: SIGKILL the real programs at random points and prove the
 * store survives: after every kill it passes PRAGMA integrity_check and
 * holds exactly the state from before the operation or the state after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A case names how to bring a store (and, for the remote commands, the
 * sandbox's platform) to its "before" state, the operation whose run is
 * cut short, and (optionally) what else must hold afterwards. The harness
 * runs the operation to the end to learn the "after" state and how long
 * it takes, then, for each kill, puts the "before" state back, starts the
 * operation, waits a random time across it, sends SIGKILL and checks the
 * store. A new case is one more entry in the table at the end.
 *
 * Two kinds of operation:
 *  - /kill/cli/…: a presence-bridge-cli command, from its start (start-up
 *    included) to its exit;
 *  - /kill/window/…: the window (presence-bridge), driven with real X key
 *    events (xdotool, as tests/keyboard.sh does) up to the key that starts
 *    the operation, then from that key until the store has its result (the
 *    profile's generation moved: every write of a profile's data moves it
 *    in the same transaction). The window never ends by itself: a run
 *    "finished before the kill" when the store had the result when the
 *    kill was sent. Skipped without a display or xdotool.
 *
 * PB_KILL_RUNS and PB_KILL_SECONDS bound each case (defaults in the table:
 * 60 kills or 6-8 s for each CLI case, 2-3 kills for each window case, so
 * the whole test takes about a minute); a case stops at whichever comes
 * first, after at least 10 runs (or its own runs, when fewer). By hand, for
 * example:
 *   PB_KILL_RUNS=2000 PB_KILL_SECONDS=3600 meson test -C _build test-kill -v
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sqlite3.h>
#include <string.h>

#include "pb-remote.h"
#include "pb-test-fixtures.h"
#include "pb-test-remote.h"

#define MIN_RUNS 10
/* The platform answers a fetch's GET or a publish's PUT this late, so that
 * kills land in the middle of the HTTP exchange too (docs/sandbox.md). */
#define LATENCY_MS 100
/* How large the sandbox's generated org is for the remote cases. */
#define REMOTE_ORG "1000,300"
/* Between two keys: time for a popup to map or a dialog to open. */
#define KEY_PAUSE_MS 250
#define WINDOW_TIMEOUT_SECONDS 30

typedef struct _KillCase KillCase;

typedef struct
{
  const KillCase *kill_case;
  char *dir;
  char *before_store;   /* the "before" state, copied for each run */
  char *store;          /* the store a run works on */
  char *input;          /* a file the operation reads, if any */
  char *input_dir;      /* a folder of its own for the window's input file */
  GRand *rand;

  /* The remote cases: one sandbox for the case, or, for a case that
   * changes the platform, one per run started from platform_before. */
  PbTestSandbox *sandbox;
  char *platform_before;
  char *platform_state;
  guint port;
  /* Kills after the platform took the PUT and before the store had
   * recorded it. */
  guint accepted_unrecorded;

  /* When the operation started: the CLI's start, or the window's last
   * key, which is still being sent (xdotool) as the run goes on. */
  gint64 started;
  GSubprocess *last_key;
  /* A client of the X server for as long as the case runs. */
  GSubprocess *x_client;
} Fixture;

typedef enum
{
  STEP_END,
  STEP_WAIT,        /* for a window of the process whose title matches */
  STEP_KEY,         /* xdotool key */
  STEP_TYPE,        /* xdotool type */
  STEP_TYPE_INPUT,  /* types fixture->input */
} StepKind;

typedef struct
{
  StepKind kind;
  const char *text;
} Step;

struct _KillCase
{
  const char *name;
  /* Creates fixture->before_store (and any input file, the sandbox). */
  void        (*prepare)  (Fixture *fixture);
  /* A CLI case: the command, NULL-terminated, run with
   * PRESENCE_BRIDGE_STORE=fixture->store. */
  GStrv       (*command)  (Fixture *fixture);
  /* A window case: what the keyboard does, the last step starting the
   * operation. The first STEP_WAIT finds the window and focuses it. */
  const Step   *steps;
  /* A window case killed only once the operation is in the store: "the
   * last autosaved edit is there". */
  gboolean      kill_when_stored;
  /* A window case: the title by which the window tells the operation is
   * done. The run to the end waits for it before its kill, so the "after"
   * state is what the window acknowledged. May be NULL (an autosave is
   * not shown unless it fails). */
  const char   *acknowledged;
  /* Puts back what the store alone does not hold (the platform). May be
   * NULL. */
  void        (*reset)    (Fixture *fixture);
  /* What must hold besides "before or after"; @finished says whether the
   * operation was over before the kill. May be NULL. */
  void        (*check)    (Fixture *fixture,
                           gboolean finished);
  /* The default budget: at most this many runs, or seconds. */
  guint         runs;
  guint         seconds;
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

/* The sum of the profiles' generations, read while the window has the
 * store open: it moves with every write of a profile's data. */
static guint64
read_generation (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  guint64 generation;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT coalesce (sum (generation), 0) FROM profiles", -1,
                                       &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  generation = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return generation;
}

static char *
dup_checksum (PbConfiguration *configuration)
{
  g_autoptr(GDateTime) fixed_time = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autofree char *text = pb_config_file_to_data (configuration, fixed_time, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static void
append_remote (GString               *state,
               const char            *what,
               PbRemoteConfiguration *remote)
{
  g_autofree char *checksum = NULL;

  if (remote == NULL)
    return;

  checksum = dup_checksum (pb_remote_configuration_get_configuration (remote));
  g_string_append_printf (state, "%s %s %" G_GINT64_FORMAT " %s\n", what,
                          pb_remote_configuration_get_etag (remote),
                          pb_remote_configuration_get_revision (remote), checksum);
}

/* Everything a user can see in the store, through the public store API:
 * profiles (and which is the default), each one's revisions (number,
 * source, comment, content) and its draft, edits kept aside, and what the
 * platform holds as last fetched or published (the draft's base and the
 * newest, their ETags, revisions and contents, a conflict). Times are left
 * out: they differ between two runs of the same operation. */
static char *
dup_store_state (const char *path)
{
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
      g_autoptr(PbProfileState) profile_state = NULL;
      g_autofree char *draft_checksum = NULL;

      g_assert_no_error (error);
      g_string_append_printf (state, "profile %s\n", pb_profile_get_name (profile));
      for (guint r = 0; r < g_list_model_get_n_items (revisions); r++)
        {
          g_autoptr(PbRevision) revision = g_list_model_get_item (revisions, r);
          guint number = pb_revision_get_number (revision);
          g_autoptr(PbConfiguration) content = pb_store_load_revision (store, profile, number, &error);
          g_autofree char *checksum = NULL;

          g_assert_no_error (error);
          checksum = dup_checksum (content);
          g_string_append_printf (state, "revision %u %s %s %s\n", number,
                                  pb_revision_get_source (revision),
                                  pb_revision_get_comment (revision) ? pb_revision_get_comment (revision) : "",
                                  checksum);
        }

      profile_state = pb_store_load_state (store, profile, &error);
      g_assert_no_error (error);
      draft_checksum = dup_checksum (pb_profile_state_get_draft (profile_state));
      g_string_append_printf (state, "draft %s\n", draft_checksum);
      if (pb_profile_state_get_recovery (profile_state) != NULL)
        {
          g_autofree char *checksum = dup_checksum (pb_profile_state_get_recovery (profile_state));

          g_string_append_printf (state, "kept aside %s\n", checksum);
        }
      append_remote (state, "base", pb_profile_state_get_base (profile_state));
      append_remote (state, "remote", pb_profile_state_get_remote (profile_state));
      if (pb_profile_state_get_conflict (profile_state))
        g_string_append (state, "conflict\n");
    }

  return g_string_free (g_steal_pointer (&state), FALSE);
}

/* A test that fails half-way (g_error) leaves no window or CLI behind. */
static void
die_with_test (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocessLauncher *
new_launcher (const char *store,
              gboolean    capture)
{
  GSubprocessLauncher *launcher;
  const char *asan_options = g_getenv ("ASAN_OPTIONS");

  launcher = g_subprocess_launcher_new (capture ? G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE
                                                : G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "PRESENCE_BRIDGE_STORE", store, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  /* The "asan" setup unwinds every allocation fully, so that its leak
   * suppressions can match; a killed process never reports leaks, and one
   * that ends still does (with shorter stacks), at a tenth of the cost. */
  if (asan_options != NULL)
    {
      g_autofree char *fast = g_strconcat (asan_options, ":fast_unwind_on_malloc=1", NULL);

      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", fast, TRUE);
    }

  return launcher;
}

/* Runs the CLI to its end on @store (NULL-terminated arguments): its exit
 * status, and its output in *@out and *@err when they are not NULL. */
G_GNUC_NULL_TERMINATED static int
run_cli (const char  *store,
         char       **out,
         char       **err,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (store, TRUE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *)g_getenv ("PB_CLI"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return g_subprocess_get_exit_status (process);
}

static void
window_log_message (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "window.log", NULL);
  g_autofree char *log = NULL;

  if (g_file_get_contents (path, &log, NULL, NULL))
    g_test_message ("the window's messages:\n%s", log);
}

/* Exited by itself (successfully) or was killed; anything else is a bug
 * (what a window said is in the test's log then). */
static gboolean
wait_for_end (Fixture     *fixture,
              GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (process) ? g_subprocess_get_term_sig (process) != SIGKILL
                                             : g_subprocess_get_exit_status (process) != 0)
    window_log_message (fixture);
  if (g_subprocess_get_if_signaled (process))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
      return FALSE;
    }

  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return TRUE;
}

/* The window, by keyboard */

static char *
xdotool (const char * const *args,
         int                *status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int wait_status;

  g_ptr_array_add (argv, (char *)"xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = wait_status;
  else if (!g_spawn_check_wait_status (wait_status, &error))
    g_error ("xdotool %s: %s", args[0], error->message);

  return g_steal_pointer (&out);
}

/* The id of a visible window of @process titled @pattern (a regular
 * expression, as xdotool takes it), once there is one. */
static char *
wait_for_window (Fixture     *fixture,
                 GSubprocess *process,
                 const char  *pattern)
{
  gint64 deadline = g_get_monotonic_time () + WINDOW_TIMEOUT_SECONDS * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      const char *pid = g_subprocess_get_identifier (process);
      const char *args[] = { "search", "--all", "--onlyvisible", "--pid", pid, "--name", pattern, NULL };
      g_autofree char *out = NULL;

      if (pid == NULL)
        {
          window_log_message (fixture);
          g_error ("the window ended before showing “%s”", pattern);
        }
      out = xdotool (args, &(int){ 0 });
      if (out != NULL && g_ascii_isdigit (out[0]))
        {
          *strchr (out, '\n') = '\0';
          return g_steal_pointer (&out);
        }
      g_usleep (50 * 1000);
    }

  window_log_message (fixture);
  g_error ("no window titled “%s” after %d s", pattern, WINDOW_TIMEOUT_SECONDS);
}

/* Starts the window on the run's store and plays the case's steps: returns
 * as the last one, a key that starts the operation, is being sent. */
static GSubprocess *
start_window (Fixture *fixture)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (fixture->store, FALSE);
  g_autofree char *log = g_build_filename (fixture->dir, "window.log", NULL);
  const char *argv[] = { g_getenv ("PB_WINDOW"), "--store", fixture->store, NULL };
  g_autoptr(GError) error = NULL;
  gboolean focused = FALSE;
  GSubprocess *process;

  static const char * const homes[] = { "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };

  /* As tests/keyboard.sh: folders of its own, and the system's data
   * folders, where GTK's file chooser finds its settings schema (the
   * test's isolated ones are empty). */
  for (guint i = 0; i < G_N_ELEMENTS (homes); i++)
    {
      g_autofree char *folder = g_build_filename (fixture->dir, "window", homes[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      g_subprocess_launcher_setenv (launcher, homes[i], folder, TRUE);
    }
  g_subprocess_launcher_unsetenv (launcher, "XDG_DATA_DIRS");
  g_subprocess_launcher_unsetenv (launcher, "XDG_CONFIG_DIRS");
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  for (const Step *step = fixture->kill_case->steps; step->kind != STEP_END; step++)
    {
      const char *text = step->kind == STEP_TYPE_INPUT ? fixture->input : step->text;

      switch (step->kind)
        {
        case STEP_WAIT:
          {
            g_autofree char *id = wait_for_window (fixture, process, text);

            if (!focused)
              {
                const char *args[] = { "windowfocus", "--sync", id, NULL };

                g_free (xdotool (args, NULL));
                focused = TRUE;
              }
          }
          break;

        case STEP_KEY:
          {
            const char *args[] = { "xdotool", "key", "--clearmodifiers", text, NULL };

            /* The last key starts the operation, which may be over before
             * xdotool has even returned: the run starts as it is sent. */
            if (step[1].kind == STEP_END)
              {
                fixture->started = g_get_monotonic_time ();
                fixture->last_key = g_subprocess_newv (args, G_SUBPROCESS_FLAGS_NONE, &error);
                g_assert_no_error (error);
              }
            else
              g_free (xdotool (args + 1, NULL));
          }
          break;

        case STEP_TYPE:
        case STEP_TYPE_INPUT:
          {
            const char *args[] = { "type", "--delay", "15", text, NULL };

            g_free (xdotool (args, NULL));
          }
          break;

        case STEP_END:
        default:
          g_assert_not_reached ();
        }

      if (step[1].kind != STEP_END)
        g_usleep (KEY_PAUSE_MS * 1000);
    }

  return process;
}

/* Until the generation moves away from @generation: the operation's
 * transaction is committed. */
static void
wait_for_write (Fixture *fixture,
                guint64  generation)
{
  gint64 deadline = g_get_monotonic_time () + WINDOW_TIMEOUT_SECONDS * G_USEC_PER_SEC;

  while (read_generation (fixture->store) == generation)
    {
      if (g_get_monotonic_time () > deadline)
        {
          window_log_message (fixture);
          g_error ("%s: nothing was written %d s after the last key", fixture->kill_case->name,
                   WINDOW_TIMEOUT_SECONDS);
        }
      g_usleep (2 * 1000);
    }
}

/* The harness */

static GSubprocess *
start_operation (Fixture *fixture)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  reset_store (fixture);
  if (fixture->kill_case->reset != NULL)
    fixture->kill_case->reset (fixture);

  if (fixture->kill_case->steps != NULL)
    return start_window (fixture);

  launcher = new_launcher (fixture->store, FALSE);
  argv = fixture->kill_case->command (fixture);
  fixture->started = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv, &error);
  g_assert_no_error (error);
  return process;
}

/* The end of a run: the window's last key sent. */
static void
end_operation (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  if (fixture->last_key == NULL)
    return;

  g_subprocess_wait_check (fixture->last_key, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->last_key);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->kill_case = data;
  fixture->dir = pb_test_make_dir ("pb-kill-XXXXXX");
  fixture->before_store = g_build_filename (fixture->dir, "before.db", NULL);
  fixture->store = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->platform_before = g_build_filename (fixture->dir, "platform-before.json", NULL);
  fixture->platform_state = g_build_filename (fixture->dir, "platform.json", NULL);
  fixture->rand = g_rand_new_with_seed (g_test_rand_int ());
  /* The CLI's and the window's keyring: a file of the case's own. */
  pb_test_use_file_keyring (fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->x_client != NULL)
    {
      g_subprocess_force_exit (fixture->x_client);
      g_subprocess_wait (fixture->x_client, NULL, NULL);
      g_clear_object (&fixture->x_client);
    }
  g_clear_pointer (&fixture->sandbox, pb_test_sandbox_stop);
  pb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  if (fixture->input_dir != NULL)
    pb_test_remove_tree (fixture->input_dir);
  g_free (fixture->input_dir);
  g_free (fixture->before_store);
  g_free (fixture->store);
  g_free (fixture->input);
  g_free (fixture->platform_before);
  g_free (fixture->platform_state);
  g_rand_free (fixture->rand);
}

static gboolean
can_drive_window (void)
{
  g_autofree char *program = NULL;

  if (g_getenv ("PB_WINDOW") == NULL)
    {
      g_test_skip ("built without the window (PB_WINDOW is not set)");
      return FALSE;
    }
  if (g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("no display: run the window's cases under xvfb-run, as build-aux/test.sh does");
      return FALSE;
    }
  program = g_find_program_in_path ("xdotool");
  if (program == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return FALSE;
    }

  return TRUE;
}

/* An X server resets when its last client leaves (xvfb-run starts Xvfb
 * without -noreset), and a window starting during the reset finds no
 * display: between two runs the killed window is often that last client.
 * An xdotool that sleeps keeps a connection open. */
static void
hold_x_server (Fixture *fixture)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  const char *argv[] = { "xdotool", "sleep", "86400", NULL };
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  fixture->x_client = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
}

static void
test_kill (Fixture       *fixture,
           gconstpointer  data)
{
  const KillCase *kill_case = data;
  gboolean window = kill_case->steps != NULL;
  guint max_runs = pb_test_env_uint ("PB_KILL_RUNS", kill_case->runs);
  guint max_seconds = pb_test_env_uint ("PB_KILL_SECONDS", kill_case->seconds);
  guint min_runs = MIN (MIN_RUNS, max_runs);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint64 before_generation = 0;
  gint64 duration, deadline;
  guint runs = 0, killed = 0, killed_before = 0, killed_after = 0, finished = 0;

  if (window && !can_drive_window ())
    return;
  if (window)
    hold_x_server (fixture);

  kill_case->prepare (fixture);
  before = dup_store_state (fixture->before_store);
  before_generation = read_generation (fixture->before_store);

  /* Runs to the end: the "after" state, and how long the operation takes
   * (the fastest of the runs, so the kills fall within a run, not after
   * it). A window takes seconds to start: one run of it. */
  duration = G_MAXINT64;
  for (guint i = 0; i < (window ? 1 : 3); i++)
    {
      g_autoptr(GSubprocess) reference = start_operation (fixture);

      if (window)
        {
          wait_for_write (fixture, before_generation);
          duration = MIN (duration, g_get_monotonic_time () - fixture->started);
          if (kill_case->acknowledged != NULL)
            g_free (wait_for_window (fixture, reference, kill_case->acknowledged));
          /* One transaction: nothing follows it. */
          g_usleep (500 * 1000);
          g_assert_cmpuint (read_generation (fixture->store), ==, before_generation + 1);
          g_subprocess_send_signal (reference, SIGKILL);
          g_assert_false (wait_for_end (fixture, reference));
        }
      else
        {
          g_assert_true (wait_for_end (fixture, reference));
          duration = MIN (duration, g_get_monotonic_time () - fixture->started);
        }
      end_operation (fixture);
    }
  assert_integrity (fixture->store);
  after = dup_store_state (fixture->store);
  g_assert_cmpstr (before, !=, after);
  if (kill_case->check != NULL)
    kill_case->check (fixture, TRUE);

  /* At least MIN_RUNS (or the case's runs, when fewer) however slow the
   * build (sanitizers), then as many as the budget allows. */
  deadline = g_get_monotonic_time () + (gint64)max_seconds * G_USEC_PER_SEC;
  while (runs < max_runs && (runs < min_runs || g_get_monotonic_time () < deadline))
    {
      g_autoptr(GSubprocess) process = start_operation (fixture);
      g_autofree char *state = NULL;
      gint64 start = fixture->started;
      gint64 elapsed;
      gboolean ended;
      gboolean done;

      if (kill_case->kill_when_stored)
        {
          wait_for_write (fixture, before_generation);
          start = g_get_monotonic_time ();
        }
      /* Anywhere in the run: for the CLI, start-up included. */
      g_usleep (g_rand_int_range (fixture->rand, 0, (gint32)MIN (MAX (duration, 1), G_MAXINT32)));
      /* The window never ends by itself: its operation is over when the
       * store has its result (read just before the kill). */
      elapsed = g_get_monotonic_time () - start;
      done = window && read_generation (fixture->store) != before_generation;
      g_subprocess_send_signal (process, SIGKILL);
      ended = wait_for_end (fixture, process);
      end_operation (fixture);
      g_assert_false (window && ended);
      done = done || ended;
      runs++;
      /* A run that beat the kill was shorter than the range: the machine
       * got faster (a build beside the test ended), so narrow it. */
      if (ended)
        duration = MIN (duration, g_get_monotonic_time () - start);
      else if (done && !kill_case->kill_when_stored)
        duration = MIN (duration, elapsed);

      assert_integrity (fixture->store);
      state = dup_store_state (fixture->store);
      if (g_strcmp0 (state, before) != 0 && g_strcmp0 (state, after) != 0)
        g_error ("run %u of %s: the store holds neither the old nor the new state:\n%s\nold:\n%s\nnew:\n%s",
                 runs, kill_case->name, state, before, after);
      if (done)
        {
          /* An operation over before the kill must have done all its work. */
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
        kill_case->check (fixture, done);
    }

  g_test_message ("%s: %u runs of up to %.0f ms: %u killed (%u left the old state, %u the new), "
                  "%u finished first",
                  kill_case->name, runs, duration / 1000.0, killed, killed_before, killed_after, finished);
  if (kill_case->reset != NULL)
    g_test_message ("%s: %u killed after the platform took the PUT and before the store recorded it",
                    kill_case->name, fixture->accepted_unrecorded);
  /* Most runs were cut short, not over before the kill. */
  if (!kill_case->kill_when_stored && runs >= MIN_RUNS)
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

/* The remote cases: the sandbox's generated org, on a port that stays the
 * same when the sandbox is started again, so the profile's URLs hold. */

static void
start_sandbox (Fixture    *fixture,
               const char *fault)
{
  g_autofree char *port = g_strdup_printf ("%u", fixture->port);
  /* Its own "--port 0" comes first: this one wins. */
  const char *args[] = { "--port", port, "--state", fixture->platform_state, "--generate", REMOTE_ORG,
                         "--fault", fault, NULL };

  fixture->sandbox = pb_test_sandbox_start (args);
}

static void
sandbox_admin (Fixture    *fixture,
               const char *method,
               const char *path,
               const char *body)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_admin (fixture->sandbox, method, path, body);

  if (response->status >= 300)
    {
      g_autofree char *text = pb_test_response_text (response);

      g_error ("%s /_sandbox%s: %u %s", method, path, response->status, text);
    }
}

/* A profile "Kill" on the sandbox, fetched once: the platform's
 * configuration at revision 1 is the draft. */
static void
prepare_remote_profile (Fixture    *fixture,
                        const char *fault)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  fixture->port = pb_test_free_port ();
  start_sandbox (fixture, fault);
  g_setenv (PB_ENV_PLATFORM_CLIENT_SECRET, fixture->sandbox->platform_client_secret, TRUE);

  g_assert_cmpint (run_cli (fixture->before_store, NULL, &err, "profile", "add", "Kill",
                            "--platform-url", fixture->sandbox->platform_url,
                            "--auth-url", fixture->sandbox->auth_url,
                            "--client-id", fixture->sandbox->platform_client_id,
                            "--salesforce-login-url", fixture->sandbox->salesforce_login_url,
                            "--salesforce-client-id", fixture->sandbox->salesforce_client_id,
                            NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  if (run_cli (fixture->before_store, &out, &err, "fetch", NULL) != 0)
    g_error ("the first fetch failed:\n%s%s", out, err);
  g_assert_true (strstr (out, "at revision 1.") != NULL);
}

/* The CLI during a fetch that brings a new configuration on new lists
 * (a status renamed): a snapshot of the lists, a remote configuration and
 * a "fetch" revision that becomes the draft, in one transaction. The
 * platform answers the configuration's GET late. */

static void
prepare_fetch (Fixture *fixture)
{
  g_autoptr(PbTestResponse) response = NULL;
  g_autoptr(JsonNode) lists = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *text = NULL;
  g_autofree char *mapping = NULL;
  JsonObject *org;
  JsonArray *statuses;
  JsonObject *first;

  prepare_remote_profile (fixture, "configuration-get:latency=" G_STRINGIFY (LATENCY_MS));

  /* Meanwhile, on the org and the platform. */
  response = pb_test_sandbox_admin (fixture->sandbox, "GET", "/org", NULL);
  g_assert_cmpuint (response->status, ==, 200);
  lists = pb_test_response_json (response);
  org = json_object_get_object_member (json_node_get_object (lists), "org");
  statuses = json_object_get_array_member (org, "presenceStatuses");
  first = json_array_get_object_element (statuses, 0);
  json_object_set_string_member (first, "label", "Renamed while the profile was away");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "presenceStatuses");
  json_builder_add_value (builder, json_node_copy (json_object_get_member (org, "presenceStatuses")));
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  text = json_to_string (body, FALSE);
  sandbox_admin (fixture, "PUT", "/org", text);

  mapping = g_strdup_printf ("{\"presenceToState\":{\"%s\":\"away\"}}",
                             json_object_get_string_member (first, "apiName"));
  sandbox_admin (fixture, "PUT", "/configuration", mapping);
}

static GStrv
fetch_command (Fixture *fixture)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add_many (builder, g_getenv ("PB_CLI"), "fetch", NULL);
  return g_strv_builder_end (builder);
}

/* The CLI during a push, and the window during a publish: the platform
 * is put back to revision 1 for each run (the sandbox is started again on
 * a copy of its state file), and answers the PUT late. */

static void
restart_platform (Fixture *fixture)
{
  g_clear_pointer (&fixture->sandbox, pb_test_sandbox_stop);
  copy_file (fixture->platform_before, fixture->platform_state);
  start_sandbox (fixture, "configuration-put:latency=" G_STRINGIFY (LATENCY_MS));
}

/* The store at @path, and its profile "Kill" in *@profile. */
static PbStore *
open_kill_profile (const char  *path,
                   PbProfile  **profile)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  *profile = pb_store_lookup_profile (store, "Kill", &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static PbProfileState *
load_kill_state (const char *path)
{
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbStore) store = open_kill_profile (path, &profile);
  g_autoptr(GError) error = NULL;
  PbProfileState *state;

  state = pb_store_load_state (store, profile, &error);
  g_assert_no_error (error);
  return state;
}

/* Maps @api_name (NULL: the first status) to @state in the draft of
 * "Kill", which did not map it so. */
static void
edit_draft (const char *path,
            const char *api_name,
            const char *state)
{
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbStore) store = open_kill_profile (path, &profile);
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(PbPresenceStatus) first = NULL;
  g_autoptr(GError) error = NULL;

  draft = pb_store_load_draft (store, profile, &error);
  g_assert_no_error (error);
  if (api_name == NULL)
    {
      first = g_list_model_get_item (pb_configuration_get_presence_statuses (draft), 0);
      api_name = pb_presence_status_get_api_name (first);
    }
  g_assert_cmpstr (pb_configuration_get_presence_mapping (draft, api_name), !=, state);
  pb_configuration_set_presence_mapping (draft, api_name, state);
  g_assert_true (pb_store_save_draft (store, profile, draft, NULL, &error));
  g_assert_no_error (error);
}

/* The profile fetched at revision 1, with an edit in its draft. */
static void
prepare_publish (Fixture *fixture)
{
  prepare_remote_profile (fixture, "configuration-put:latency=" G_STRINGIFY (LATENCY_MS));
  edit_draft (fixture->before_store, NULL, "away");

  /* What the platform holds now is what each run starts from. */
  g_clear_pointer (&fixture->sandbox, pb_test_sandbox_stop);
  copy_file (fixture->platform_state, fixture->platform_before);
}

static GStrv
push_command (Fixture *fixture)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add_many (builder, g_getenv ("PB_CLI"), "push", "--comment", "killed", NULL);
  return g_strv_builder_end (builder);
}

/* What the platform and the store say of each other after a kill: a store
 * that recorded the publish has it on the platform; a PUT the platform
 * took but the store never recorded leaves the store as it was, and the
 * next fetch shows the draft to be what the platform has — no conflict —
 * after which there is nothing to publish. */
static void
check_publish (Fixture  *fixture,
               gboolean  finished)
{
  g_autoptr(PbTestResponse) response = NULL;
  g_autoptr(JsonNode) platform = NULL;
  g_autoptr(PbProfileState) state = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  PbRemoteConfiguration *base;
  gint64 revision;
  gboolean recorded;

  /* A PUT held back by the latency fault is applied, or dropped with its
   * connection, by then. */
  g_usleep ((LATENCY_MS + 100) * 1000);
  response = pb_test_sandbox_get_configuration (fixture->sandbox);
  platform = pb_test_response_json (response);
  revision = json_object_get_int_member (json_node_get_object (platform), "revision");
  g_assert_cmpint (revision, >=, 1);
  g_assert_cmpint (revision, <=, 2);

  state = load_kill_state (fixture->store);
  base = pb_profile_state_get_base (state);
  recorded = pb_remote_configuration_get_revision (base) == 2;
  g_clear_object (&state);

  g_assert_true (!finished || recorded);
  if (recorded)
    {
      g_assert_cmpint (revision, ==, 2);
      return;
    }
  if (revision == 1)
    return;

  fixture->accepted_unrecorded++;
  if (run_cli (fixture->store, &out, &err, "fetch", NULL) != 0 || strstr (err, "conflict") != NULL)
    g_error ("the fetch after a publish the store had not recorded:\n%s%s", out, err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  state = load_kill_state (fixture->store);
  g_assert_false (pb_profile_state_get_conflict (state));
  base = pb_profile_state_get_base (state);
  g_assert_cmpint (pb_remote_configuration_get_revision (base), ==, 2);
  g_assert_true (pb_configuration_published_equal (pb_profile_state_get_draft (state),
                                                   pb_remote_configuration_get_configuration (base)));
  g_clear_object (&state);

  g_assert_cmpint (run_cli (fixture->store, &out, &err, "push", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Nothing to publish"));
}

/* The window. Its store: the worked example imported as "Kill" (revision
 * 1). The edit is tests/keyboard.sh's first: Ctrl+1 is on "Ready for
 * cases", ↓ on the drop-down of "Ready for chats", Space opens it, typing
 * searches it, Enter chooses Wrap up. */

#define EDIT_STEPS \
  { STEP_KEY, "ctrl+1" }, { STEP_KEY, "Down" }, { STEP_KEY, "space" }, { STEP_TYPE, "wrap" }, \
  { STEP_KEY, "Return" }

static void
prepare_window (Fixture *fixture)
{
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = pb_store_open (fixture->before_store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_store_import (store, "Kill", example, "before", NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (example, "Ready_for_Chats"), !=, "wrap");
}

/* The window during the autosave of that edit. */
static const Step autosave_steps[] = {
  { STEP_WAIT, "Saved as revision 1" },
  EDIT_STEPS,
  { STEP_END, NULL },
};

/* Once the edit is in the store, the CLI, opening the store after the
 * kill, finds it in the draft. */
static void
check_edit_kept (Fixture  *fixture,
                 gboolean  finished)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!finished)
    return;
  g_assert_cmpint (run_cli (fixture->store, &out, &err, "export", "--profile", "Kill", NULL), ==, 0);
  if (strstr (out, "\"Ready_for_Chats\": \"wrap\"") == NULL)
    g_error ("the autosaved edit is not in the draft:\n%s%s", out, err);
}

/* The window during a save (Ctrl+S, a comment, Enter) of a draft whose
 * edit is autosaved. */
static void
prepare_window_edited (Fixture *fixture)
{
  prepare_window (fixture);
  edit_draft (fixture->before_store, "Ready_for_Chats", "wrap");
}

/* Saved (or imported) and killed: the edit is revision 2 and the draft. */
static void
check_revision_kept (Fixture  *fixture,
                     gboolean  finished)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(GError) error = NULL;

  if (!finished)
    return;
  check_edit_kept (fixture, finished);
  store = open_kill_profile (fixture->store, &profile);
  revisions = pb_store_list_revisions (store, profile, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 2);
}

static const Step save_steps[] = {
  { STEP_WAIT, "Unsaved changes" },
  { STEP_KEY, "ctrl+s" },
  { STEP_WAIT, "Save Revision" },
  { STEP_TYPE, "by keyboard" },
  { STEP_KEY, "Return" },
  { STEP_END, NULL },
};

/* The window during a publish (Ctrl+Shift+P, Enter) of the edited draft
 * of a profile on the sandbox: prepare_publish's. */
static const Step publish_steps[] = {
  { STEP_WAIT, "Unsaved changes" },
  { STEP_KEY, "ctrl+shift+p" },
  { STEP_WAIT, "Publish" },
  { STEP_KEY, "Return" },
  { STEP_END, NULL },
};

/* The window during an import (Ctrl+O; GTK's own file chooser: Ctrl+L,
 * the path, Enter; the import dialog: Enter) of a file that maps "Ready
 * for chats" to Wrap up. */
static void
prepare_window_import (Fixture *fixture)
{
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(GError) error = NULL;

  prepare_window (fixture);
  pb_configuration_set_presence_mapping (example, "Ready_for_Chats", "wrap");
  /* Away from the store's folder, and not under it either: the file
   * chooser reads the files of each folder it shows (typing a path shows
   * the folders along it), and in the store's folder that drops the
   * window's locks on the store (docs/reliability.md, "What the kills
   * found"). */
  fixture->input_dir = g_dir_make_tmp ("pb-kill-input-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->input = g_build_filename (fixture->input_dir, "edited.config.json", NULL);
  g_assert_true (pb_config_file_save_path (example, fixture->input, &error));
  g_assert_no_error (error);
}

static const Step import_steps[] = {
  { STEP_WAIT, "Saved as revision 1" },
  { STEP_KEY, "ctrl+o" },
  { STEP_WAIT, "Import a Configuration" },
  { STEP_KEY, "ctrl+l" },
  { STEP_TYPE_INPUT, NULL },
  { STEP_KEY, "Return" },
  { STEP_WAIT, "^Import$" },
  { STEP_KEY, "Return" },
  { STEP_END, NULL },
};

static const KillCase kill_cases[] = {
  { .name = "cli/import", .prepare = prepare_import, .command = import_command, .runs = 60, .seconds = 6 },
  { .name = "cli/fetch", .prepare = prepare_fetch, .command = fetch_command, .runs = 60, .seconds = 6 },
  { .name = "cli/push", .prepare = prepare_publish, .command = push_command, .reset = restart_platform,
    .check = check_publish, .runs = 60, .seconds = 8 },
  { .name = "window/autosave", .prepare = prepare_window, .steps = autosave_steps, .check = check_edit_kept,
    .runs = 3, .seconds = 20 },
  { .name = "window/autosaved", .prepare = prepare_window, .steps = autosave_steps, .kill_when_stored = TRUE,
    .check = check_edit_kept, .runs = 2, .seconds = 20 },
  { .name = "window/save", .prepare = prepare_window_edited, .steps = save_steps,
    .acknowledged = "Saved as revision 2", .check = check_revision_kept, .runs = 3, .seconds = 20 },
  { .name = "window/publish", .prepare = prepare_publish, .steps = publish_steps,
    .acknowledged = "Saved as revision 2", .reset = restart_platform, .check = check_publish,
    .runs = 3, .seconds = 20 },
  { .name = "window/import", .prepare = prepare_window_import, .steps = import_steps,
    .acknowledged = "Saved as revision 2", .check = check_revision_kept, .runs = 3, .seconds = 20 },
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
