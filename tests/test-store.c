/* test-store.c: the SQLite store, on real files in the test's own folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pb-core.h"
#include "pb-test-fixtures.h"

typedef struct
{
  char *dir;
  char *path;
  PbStore *store;
} Fixture;

/* Fixture data: leave the store closed, the test opens it itself. */
#define CLOSED GINT_TO_POINTER (1)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pb_test_make_dir ("pb-test-store-XXXXXX");
  f->path = g_build_filename (f->dir, "store.db", NULL);

  if (data != CLOSED)
    {
      f->store = pb_store_open (f->path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (f->store);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->store != NULL)
    g_assert_finalize_object (g_steal_pointer (&f->store));

  pb_test_remove_tree (f->dir);
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));

  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

/* A second, plain SQLite connection to look at the file from outside. */

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = raw_open (path);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);

  sqlite3_close (db);
}

static gint64
raw_query_int (const char *path,
               const char *sql)
{
  sqlite3 *db = raw_open (path);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
raw_query_text (const char *path,
                const char *sql)
{
  sqlite3 *db = raw_open (path);
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Every row of every table, to prove a failed operation changed nothing. */
static char *
dump_tables (const char *path)
{
  static const char * const queries[] = {
    "SELECT group_concat (id || name || ifnull (platform_url, '') || is_default, '|') FROM profiles",
    "SELECT group_concat (id || profile_id || source || ifnull (digest, ''), '|') FROM snapshots",
    "SELECT count (*) || '/' || total (position) FROM snapshot_agent_states",
    "SELECT count (*) || '/' || total (position) FROM snapshot_presence_statuses",
    "SELECT group_concat (profile_id || ifnull (snapshot_id, '-') || mapping_json || updated_at, '|') FROM drafts",
    "SELECT group_concat (profile_id || number || source || ifnull (comment, '-') || mapping_json, '|') FROM revisions",
  };
  GString *dump = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *part = raw_query_text (path, queries[i]);
      g_string_append_printf (dump, "%s\n", part ? part : "(none)");
    }

  return g_string_free (dump, FALSE);
}

static char *
file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}


/* Configurations */

static PbConfiguration *
worked_example_with_extra (void)
{
  PbConfiguration *config = pb_test_worked_example ();
  JsonObject *extra = json_object_new ();
  JsonObject *nested = json_object_new ();

  json_object_set_string_member (nested, "team", "EMEA");
  json_object_set_object_member (extra, "x-owner", nested);
  json_object_set_int_member (extra, "x-ticket", 4711);
  pb_configuration_set_extra (config, extra);
  json_object_unref (extra);

  pb_configuration_set_revert_to_last_status (config, TRUE);
  pb_configuration_set_agent_post_call_state (config, "wrap");

  return config;
}

/* The worked example's lists plus one status: different lists. */
static PbConfiguration *
worked_example_with_new_status (void)
{
  static const char * const channels[] = { "sfdc_messaging", NULL };
  PbConfiguration *config = pb_test_worked_example ();
  GListModel *statuses = pb_configuration_get_presence_statuses (config);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (statuses); i++)
    g_ptr_array_add (array, g_list_model_get_item (statuses, i));
  g_ptr_array_add (array, pb_presence_status_new ("Ready_for_Messaging", "Ready for messaging",
                                                  "0N55g000000MSGGGA0", channels));
  pb_configuration_set_presence_statuses (config, array);

  return config;
}

static PbConfiguration *
large_configuration (guint n_states,
                     guint n_statuses)
{
  static const char * const cases[] = { "sfdc_case", NULL };
  static const char * const both[] = { "sfdc_case", "sfdc_livechat", NULL };
  PbConfiguration *config = pb_configuration_new ();
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *major = NULL;

  g_ptr_array_add (states, pb_agent_state_new ("ready", "Ready", NULL));
  g_ptr_array_add (states, pb_agent_state_new ("logged_out", "Logged out", NULL));
  for (guint i = 2; i < n_states; i++)
    {
      g_autofree char *id = g_strdup_printf ("state-%u", i);
      g_autofree char *name = g_strdup_printf ("State %u", i);

      if (i % 10 == 2)
        {
          g_free (major);
          major = g_strdup (id);
          g_ptr_array_add (states, pb_agent_state_new (id, name, NULL));
        }
      else
        {
          g_ptr_array_add (states, pb_agent_state_new (id, name, major));
        }
    }

  for (guint i = 0; i < n_statuses; i++)
    {
      g_autofree char *api_name = g_strdup_printf ("Status_%u", i);
      g_autofree char *label = g_strdup_printf ("Status “%u”", i);
      g_autofree char *record_id = g_strdup_printf ("0N5%015u", i);

      g_ptr_array_add (statuses, pb_presence_status_new (api_name, label, record_id,
                                                         i % 3 == 0 ? both : i % 3 == 1 ? cases : NULL));
    }

  pb_configuration_set_account (config, "ACC-9", "Large Contact Centre");
  pb_configuration_set_org (config, "00D000000000LARGE", "Large Org", TRUE);
  pb_configuration_set_agent_states (config, states);
  pb_configuration_set_presence_statuses (config, statuses);

  for (guint i = 0; i < n_statuses; i++)
    {
      PbPresenceStatus *status = g_ptr_array_index (statuses, i);
      PbAgentState *state = g_ptr_array_index (states, i % states->len);

      pb_configuration_set_presence_mapping (config, pb_presence_status_get_api_name (status),
                                             pb_agent_state_get_id (state));
    }
  for (guint i = 0; i < states->len; i++)
    {
      PbAgentState *state = g_ptr_array_index (states, i);
      PbPresenceStatus *status = g_ptr_array_index (statuses, i % statuses->len);

      if (pb_agent_state_is_major (state))
        pb_configuration_set_state_mapping (config, pb_agent_state_get_id (state),
                                            pb_presence_status_get_api_name (status));
    }

  return config;
}

static PbProfile *
add_profile (PbStore    *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) profile = pb_profile_new (name);
  PbProfile *stored;

  stored = pb_store_add_profile (store, profile, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpint (pb_profile_get_id (stored), >, 0);

  return stored;
}

static void
assert_draft_equals (PbStore         *store,
                     PbProfile       *profile,
                     PbConfiguration *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) draft = pb_store_load_draft (store, profile, &error);

  g_assert_no_error (error);
  g_assert_nonnull (draft);
  g_assert_true (pb_configuration_equal (draft, expected));
}


/* Value objects */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_profile_properties (void)
{
  PbProfile *profile = pb_profile_new ("Production");
  PbProfile *copy = NULL;
  g_autofree char *platform_url = NULL;
  guint port = 0;
  guint notified = 0;

  g_assert_cmpuint (pb_profile_get_callback_port (profile), ==, PB_PROFILE_DEFAULT_CALLBACK_PORT);
  g_assert_cmpint (pb_profile_get_id (profile), ==, 0);

  g_signal_connect (profile, "notify", G_CALLBACK (count_notify), &notified);
  pb_profile_set_platform_url (profile, "https://platform.example.com");
  pb_profile_set_platform_url (profile, "https://platform.example.com");
  pb_profile_set_callback_port (profile, 1717);
  pb_profile_set_sandbox_org (profile, TRUE);
  pb_profile_set_sandbox_org (profile, TRUE);
  g_assert_cmpuint (notified, ==, 3);

  g_object_get (profile, "platform-url", &platform_url, "callback-port", &port, NULL);
  g_assert_cmpstr (platform_url, ==, "https://platform.example.com");
  g_assert_cmpuint (port, ==, 1717);

  /* A copy is equal field for field and independent of the original. */
  pb_profile_set_id (profile, 42);
  pb_profile_set_client_id (profile, "client");
  copy = pb_profile_copy (profile);
  g_assert_cmpstr (pb_profile_get_name (copy), ==, "Production");
  g_assert_cmpint (pb_profile_get_id (copy), ==, 42);
  g_assert_cmpstr (pb_profile_get_platform_url (copy), ==, "https://platform.example.com");
  g_assert_cmpstr (pb_profile_get_client_id (copy), ==, "client");
  g_assert_null (pb_profile_get_auth_url (copy));
  g_assert_cmpuint (pb_profile_get_callback_port (copy), ==, 1717);
  g_assert_true (pb_profile_get_sandbox_org (copy));
  pb_profile_set_client_id (copy, "other");
  g_assert_cmpstr (pb_profile_get_client_id (profile), ==, "client");
  g_assert_finalize_object (copy);

  g_assert_finalize_object (profile);
}

static void
test_revision_properties (void)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_iso8601 ("2026-11-24T13:00:00+01:00", NULL);
  PbRevision *revision = pb_revision_new (3, local, PB_REVISION_SOURCE_IMPORT, "From CI");
  g_autofree char *time_string = pb_revision_dup_time_string (revision);
  g_autofree char *source = NULL;
  guint number = 0;

  g_assert_cmpstr (time_string, ==, "2026-11-24T12:00:00Z");
  g_object_get (revision, "number", &number, "source", &source, NULL);
  g_assert_cmpuint (number, ==, 3);
  g_assert_cmpstr (source, ==, "import");
  g_assert_cmpstr (pb_revision_get_comment (revision), ==, "From CI");

  g_assert_finalize_object (revision);
}


/* Opening */

static void
test_default_path (void)
{
  g_autofree char *from_env = NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "presence-bridge", "store.db", NULL);

  g_setenv ("PRESENCE_BRIDGE_STORE", "/somewhere/else.db", TRUE);
  from_env = pb_store_dup_default_path ();
  g_assert_cmpstr (from_env, ==, "/somewhere/else.db");

  g_unsetenv ("PRESENCE_BRIDGE_STORE");
  fallback = pb_store_dup_default_path ();
  g_assert_cmpstr (fallback, ==, expected);
}

static void
test_open_creates (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "store.db", NULL);
  g_autofree char *folder = g_path_get_dirname (nested);
  g_autofree char *journal_mode = NULL;
  g_autoptr(PbStore) store = NULL;
  GStatBuf buf;

  store = pb_store_open (nested, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_store_get_path (store), ==, nested);

  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_stat (folder, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0700);

  g_assert_cmpint (raw_query_int (nested, "PRAGMA user_version"), ==, PB_STORE_SCHEMA_VERSION);
  journal_mode = raw_query_text (nested, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");

  /* Opening again finds the schema in place. */
  g_clear_object (&store);
  store = pb_store_open (nested, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_query_int (nested, "SELECT count (*) FROM profiles"), ==, 0);
}

static void
test_open_newer (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const journal_modes[] = { "PRAGMA journal_mode = DELETE", "PRAGMA journal_mode = WAL" };

  for (guint i = 0; i < G_N_ELEMENTS (journal_modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbStore) store = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

      g_remove (f->path);
      raw_exec (f->path, journal_modes[i]);
      raw_exec (f->path,
                "CREATE TABLE future (x TEXT);"
                "INSERT INTO future VALUES ('from version 99');"
                "PRAGMA user_version = 99;");
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      before = file_checksum (f->path);

      store = pb_store_open (f->path, &error);
      g_assert_error (error, PB_ERROR, PB_ERROR_STORE_NEWER);
      g_assert_null (store);
      g_assert_nonnull (strstr (error->message, f->path));

      after = file_checksum (f->path);
      g_assert_cmpstr (before, ==, after);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_cmpint (raw_query_int (f->path, "PRAGMA user_version"), ==, 99);
    }
}

static char *
corrupt_name_from_message (const char *message)
{
  g_autoptr(GRegex) regex = g_regex_new ("“([^”]*\\.corrupt-[0-9]{8}-[0-9]{6}[^”]*)”", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, message, 0, &match))
    return NULL;

  return g_match_info_fetch (match, 1);
}

static void
assert_moved_aside (Fixture    *f,
                    const char *expected_checksum,
                    char      **aside_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *checksum = NULL;

  store = pb_store_open (f->path, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_CORRUPT);
  g_assert_null (store);

  aside = corrupt_name_from_message (error->message);
  g_assert_nonnull (aside);
  g_assert_true (g_str_has_prefix (aside, f->path));
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  checksum = file_checksum (aside);
  g_assert_cmpstr (checksum, ==, expected_checksum);

  /* The name is free again: the next open makes a new, empty store. */
  g_clear_error (&error);
  store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&store);
  g_remove (f->path);

  if (aside_out != NULL)
    *aside_out = g_steal_pointer (&aside);
}

static void
test_open_corrupt_garbage (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_wal = NULL;
  g_autofree char *second = NULL;
  guchar garbage[8192];

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = g_rand_int_range (rand, 0, 256);

  g_file_set_contents (f->path, (const char *)garbage, sizeof garbage, &error);
  g_assert_no_error (error);
  g_file_set_contents (wal, "stale wal", -1, &error);
  g_assert_no_error (error);
  checksum = file_checksum (f->path);

  assert_moved_aside (f, checksum, &aside);

  /* The stale -wal went along, or SQLite would replay it into the new store. */
  aside_wal = g_strconcat (aside, "-wal", NULL);
  g_assert_true (g_file_test (aside_wal, G_FILE_TEST_IS_REGULAR));

  /* A second corrupt file in the same second gets a counter. Both
   * candidate stamps are taken so the test does not depend on the clock. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) next = g_date_time_add_seconds (now, 1);
    g_autofree char *stamp_now = g_date_time_format (now, "%Y%m%d-%H%M%S");
    g_autofree char *stamp_next = g_date_time_format (next, "%Y%m%d-%H%M%S");
    g_autofree char *taken_now = g_strdup_printf ("%s.corrupt-%s", f->path, stamp_now);
    g_autofree char *taken_next = g_strdup_printf ("%s.corrupt-%s", f->path, stamp_next);

    g_file_set_contents (taken_now, "taken", -1, &error);
    g_assert_no_error (error);
    g_file_set_contents (taken_next, "taken", -1, &error);
    g_assert_no_error (error);

    g_file_set_contents (f->path, "This is not an SQLite database, not even close to one, "
                         "but long enough to have a header.", -1, &error);
    g_assert_no_error (error);
    g_free (checksum);
    checksum = file_checksum (f->path);

    assert_moved_aside (f, checksum, &second);
    g_assert_true (g_str_has_suffix (second, "-2"));
  }
}

static void
test_open_corrupt_truncated (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) config = large_configuration (200, 3000);
  g_autoptr(PbProfile) profile = add_profile (f->store, "Production");
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  gsize length;

  pb_store_save_draft (f->store, profile, config, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);

  /* A clean close checkpoints everything into the file. */
  g_file_get_contents (f->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 64 * 1024);
  g_file_set_contents (f->path, contents, length / 2, &error);
  g_assert_no_error (error);
  checksum = file_checksum (f->path);

  assert_moved_aside (f, checksum, NULL);
}

/* A sound file whose header claims the last page, which is in use, as a
 * free page: SQLite reads it without error, only PRAGMA quick_check of the
 * whole file reports it, which an open runs when damage was reported
 * (a marker beside the store). */
static void
test_open_corrupt_structure (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) config = large_configuration (200, 3000);
  g_autoptr(PbProfile) profile = add_profile (f->store, "Production");
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *marker = g_strconcat (f->path, ".damaged", NULL);
  guint32 last_page, one = GUINT32_TO_BE (1);
  gsize length;

  pb_store_save_draft (f->store, profile, config, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);

  g_file_get_contents (f->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_query_int (f->path, "PRAGMA freelist_count"), ==, 0);
  last_page = GUINT32_TO_BE (length / raw_query_int (f->path, "PRAGMA page_size"));
  memcpy (contents + 32, &last_page, sizeof last_page);
  memcpy (contents + 36, &one, sizeof one);
  g_file_set_contents (f->path, contents, length, &error);
  g_assert_no_error (error);
  checksum = file_checksum (f->path);

  g_assert_true (g_file_set_contents (marker, "database disk image is malformed", -1, NULL));
  assert_moved_aside (f, checksum, NULL);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
}

/* Overwrites the page type of @table's root page: every read of it fails. */
static void
damage_root_page (const char *path,
                  const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT rootpage FROM sqlite_schema WHERE name = '%s'", table);
  g_autofree char *contents = NULL;
  gint64 root = raw_query_int (path, sql);
  gint64 page_size = raw_query_int (path, "PRAGMA page_size");
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (root, >, 1);
  contents[(root - 1) * page_size] = (char)0xFF;
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* A table every command reads is checked at every open. */
static void
test_open_corrupt_small_table (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(PbProfile) profile = add_profile (f->store, "Production");
  g_autofree char *checksum = NULL;

  g_clear_object (&f->store);
  damage_root_page (f->path, "profiles");
  checksum = file_checksum (f->path);

  assert_moved_aside (f, checksum, NULL);
}

/* Damage in the large tables is found when they are read: the call says
 * so and changes nothing, a marker is left, and the next open checks the
 * whole file and moves it aside. An open does not read the whole file
 * every time: a store of years of history opens as fast as a new one. */
static void
test_open_corrupt_found_in_use (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) config = large_configuration (200, 3000);
  g_autoptr(PbProfile) profile = add_profile (f->store, "Production");
  g_autoptr(PbConfiguration) draft = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *after = NULL;
  g_autofree char *marker = g_strconcat (f->path, ".damaged", NULL);

  pb_store_save_draft (f->store, profile, config, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);
  damage_root_page (f->path, "snapshot_presence_statuses");
  checksum = file_checksum (f->path);

  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  draft = pb_store_load_draft (f->store, profile, &error);
  g_assert_null (draft);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_CORRUPT);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_clear_object (&f->store);

  /* Nothing was written: the file is as the damage left it. */
  after = file_checksum (f->path);
  g_assert_cmpstr (after, ==, checksum);
  assert_moved_aside (f, checksum, NULL);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
}


/* Profiles */

static void
test_profiles_crud (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) production = pb_profile_new ("Production");
  g_autoptr(PbProfile) stored = NULL;
  g_autoptr(PbProfile) found = NULL;
  g_autoptr(PbProfile) duplicate = NULL;
  g_autoptr(PbProfile) sandbox = NULL;
  g_autoptr(GListModel) profiles = NULL;

  pb_profile_set_platform_url (production, "https://emea.platform.example.com");
  pb_profile_set_auth_url (production, "https://auth.platform.example.com");
  pb_profile_set_client_id (production, "client-1");
  pb_profile_set_salesforce_login_url (production, "https://login.salesforce.com");
  pb_profile_set_salesforce_client_id (production, "3MVG9-consumer-key");
  pb_profile_set_callback_port (production, 1717);

  stored = pb_store_add_profile (f->store, production, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_profile_get_id (stored), >, 0);
  g_assert_cmpstr (pb_profile_get_name (stored), ==, "Production");

  duplicate = pb_store_add_profile (f->store, production, &error);
  g_assert_error (error, PB_ERROR, PB_ERROR_EXISTS);
  g_assert_null (duplicate);
  g_assert_nonnull (strstr (error->message, "Production"));
  g_clear_error (&error);

  found = pb_store_lookup_profile (f->store, "Production", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_profile_get_id (found), ==, pb_profile_get_id (stored));
  g_assert_cmpstr (pb_profile_get_platform_url (found), ==, "https://emea.platform.example.com");
  g_assert_cmpstr (pb_profile_get_auth_url (found), ==, "https://auth.platform.example.com");
  g_assert_cmpstr (pb_profile_get_client_id (found), ==, "client-1");
  g_assert_cmpstr (pb_profile_get_salesforce_login_url (found), ==, "https://login.salesforce.com");
  g_assert_cmpstr (pb_profile_get_salesforce_client_id (found), ==, "3MVG9-consumer-key");
  g_assert_cmpuint (pb_profile_get_callback_port (found), ==, 1717);
  g_assert_false (pb_profile_get_sandbox_org (found));
  g_assert_false (pb_profile_get_is_default (found));

  g_assert_null (pb_store_lookup_profile (f->store, "Nowhere", &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Nowhere"));
  g_clear_error (&error);

  pb_profile_set_platform_url (found, NULL);
  pb_profile_set_salesforce_login_url (found, "https://test.salesforce.com");
  pb_profile_set_sandbox_org (found, TRUE);
  pb_profile_set_callback_port (found, 8718);
  g_assert_true (pb_store_update_profile (f->store, found, &error));
  g_assert_no_error (error);
  g_clear_object (&found);

  found = pb_store_lookup_profile (f->store, "Production", &error);
  g_assert_no_error (error);
  g_assert_null (pb_profile_get_platform_url (found));
  g_assert_cmpstr (pb_profile_get_salesforce_login_url (found), ==, "https://test.salesforce.com");
  g_assert_true (pb_profile_get_sandbox_org (found));
  g_assert_cmpuint (pb_profile_get_callback_port (found), ==, 8718);
  g_assert_cmpstr (pb_profile_get_client_id (found), ==, "client-1");

  sandbox = add_profile (f->store, "Acme Sandbox");
  profiles = pb_store_list_profiles (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 2);
  {
    g_autoptr(PbProfile) first = g_list_model_get_item (profiles, 0);
    g_autoptr(PbProfile) second = g_list_model_get_item (profiles, 1);

    g_assert_cmpstr (pb_profile_get_name (first), ==, "Acme Sandbox");
    g_assert_cmpstr (pb_profile_get_name (second), ==, "Production");
  }

  g_assert_true (pb_store_remove_profile (f->store, "Acme Sandbox", &error));
  g_assert_no_error (error);
  g_assert_false (pb_store_remove_profile (f->store, "Acme Sandbox", &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A removed profile cannot be written through a stale object. */
  g_assert_false (pb_store_update_profile (f->store, sandbox, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_object (&profiles);
  profiles = pb_store_list_profiles (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 1);
}

static void
test_profiles_remove_cascades (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) keep = add_profile (f->store, "Keep");
  g_autoptr(PbProfile) drop = add_profile (f->store, "Drop");
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbConfiguration) other = worked_example_with_new_status ();

  pb_store_save_revision (f->store, keep, config, PB_REVISION_SOURCE_SAVE, NULL, NULL, &error);
  g_assert_no_error (error);
  pb_store_save_revision (f->store, drop, config, PB_REVISION_SOURCE_SAVE, NULL, NULL, &error);
  g_assert_no_error (error);
  pb_store_save_revision (f->store, drop, other, PB_REVISION_SOURCE_SAVE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots"), ==, 3);

  g_assert_true (pb_store_remove_profile (f->store, "Drop", &error));
  g_assert_no_error (error);

  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM profiles"), ==, 1);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots"), ==, 1);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshot_agent_states"), ==, 13);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshot_presence_statuses"), ==, 5);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM drafts"), ==, 1);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM revisions"), ==, 1);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);

  assert_draft_equals (f->store, keep, config);
}

static void
test_profiles_default (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) none = NULL;
  g_autoptr(PbProfile) only = NULL;
  g_autoptr(PbProfile) alpha = NULL;
  g_autoptr(PbProfile) beta = NULL;
  g_autoptr(PbProfile) found = NULL;
  g_autofree char *no_profile_message = NULL;

  none = pb_store_get_default_profile (f->store, &error);
  g_assert_null (none);
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  no_profile_message = g_strdup (error->message);
  g_assert_nonnull (strstr (no_profile_message, "no profile yet"));
  g_clear_error (&error);

  alpha = add_profile (f->store, "Alpha");
  only = pb_store_get_default_profile (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (only), ==, "Alpha");

  beta = add_profile (f->store, "Beta");
  found = pb_store_get_default_profile (f->store, &error);
  g_assert_null (found);
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "--profile NAME"));
  g_assert_nonnull (strstr (error->message, "profile use NAME"));
  g_assert_cmpstr (error->message, !=, no_profile_message);
  g_clear_error (&error);

  g_assert_true (pb_store_set_default_profile (f->store, "Beta", &error));
  g_assert_no_error (error);
  found = pb_store_get_default_profile (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (found), ==, "Beta");
  g_assert_true (pb_profile_get_is_default (found));
  g_clear_object (&found);

  g_assert_true (pb_store_set_default_profile (f->store, "Alpha", &error));
  g_assert_no_error (error);
  found = pb_store_get_default_profile (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (found), ==, "Alpha");
  g_clear_object (&found);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM profiles WHERE is_default"), ==, 1);

  found = pb_store_lookup_profile (f->store, "Beta", &error);
  g_assert_no_error (error);
  g_assert_false (pb_profile_get_is_default (found));
  g_clear_object (&found);

  /* An unknown name changes nothing. */
  g_assert_false (pb_store_set_default_profile (f->store, "Gamma", &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Gamma"));
  g_clear_error (&error);
  found = pb_store_get_default_profile (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (found), ==, "Alpha");
  g_clear_object (&found);

  /* Adding a profile marked as default takes the mark over. */
  {
    g_autoptr(PbProfile) gamma = pb_profile_new ("Gamma");
    g_autoptr(PbProfile) stored = NULL;

    pb_profile_set_is_default (gamma, TRUE);
    stored = pb_store_add_profile (f->store, gamma, &error);
    g_assert_no_error (error);
    g_assert_true (pb_profile_get_is_default (stored));
  }
  found = pb_store_get_default_profile (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (found), ==, "Gamma");
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM profiles WHERE is_default"), ==, 1);
}


/* Drafts */

static void
test_draft_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) profile = add_profile (f->store, "Production");
  g_autoptr(PbProfile) by_name = pb_profile_new ("Production");
  g_autoptr(PbProfile) unknown = pb_profile_new ("Unknown");
  g_autoptr(PbConfiguration) empty = NULL;
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbConfiguration) with_extra = worked_example_with_extra ();
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autoptr(PbConfiguration) mapping_only = pb_configuration_new ();
  JsonObject *extra;

  empty = pb_store_load_draft (f->store, profile, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_agent_states (empty)), ==, 0);
  g_assert_true (pb_configuration_equal (empty, mapping_only));

  g_assert_true (pb_store_save_draft (f->store, profile, config, NULL, &error));
  g_assert_no_error (error);
  assert_draft_equals (f->store, profile, config);
  /* A profile object that only carries the name works as well. */
  assert_draft_equals (f->store, by_name, config);

  g_assert_true (pb_store_save_draft (f->store, profile, with_extra, NULL, &error));
  g_assert_no_error (error);
  loaded = pb_store_load_draft (f->store, profile, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (loaded, with_extra));
  g_assert_false (pb_configuration_equal (loaded, config));
  g_assert_true (pb_configuration_get_revert_to_last_status (loaded));
  g_assert_cmpstr (pb_configuration_get_agent_post_call_state (loaded), ==, "wrap");
  extra = pb_configuration_get_extra (loaded);
  g_assert_cmpint (json_object_get_int_member (extra, "x-ticket"), ==, 4711);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (extra, "x-owner"), "team"),
                   ==, "EMEA");
  {
    const char *offline = "not offline";

    g_assert_true (pb_configuration_get_state_mapping (loaded, "logged_out", &offline));
    g_assert_null (offline);
  }

  /* A mapping without lists needs no snapshot. */
  pb_configuration_set_state_mapping (mapping_only, "ready", "Ready_for_Cases");
  g_assert_true (pb_store_save_draft (f->store, profile, mapping_only, NULL, &error));
  g_assert_no_error (error);
  assert_draft_equals (f->store, profile, mapping_only);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM drafts WHERE snapshot_id IS NULL"), ==, 1);

  g_assert_false (pb_store_save_draft (f->store, unknown, config, NULL, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Unknown"));
  g_clear_error (&error);
  g_assert_null (pb_store_load_draft (f->store, unknown, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
}

static void
test_draft_survives_crash (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) expected = worked_example_with_extra ();
  g_autoptr(PbProfile) profile = add_profile (f->store, "Production");
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  int status = 0;
  pid_t pid;

  /* No connection may cross the fork. */
  g_clear_object (&f->store);
  fflush (stdout);
  fflush (stderr);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      PbStore *store = pb_store_open (f->path, NULL);

      if (store == NULL || !pb_store_save_draft (store, profile, expected, NULL, NULL))
        _exit (1);

      /* Dies with the connection open: no checkpoint, no close. */
      kill (getpid (), SIGKILL);
      _exit (2);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  assert_draft_equals (f->store, profile, expected);
}

static void
test_draft_snapshot_not_duplicated (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) profile = add_profile (f->store, "Production");
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbConfiguration) changed = worked_example_with_new_status ();

  for (guint i = 0; i < 5; i++)
    {
      pb_configuration_set_revert_to_last_status (config, i % 2);
      pb_configuration_set_presence_mapping (config, "Ready_for_Chats", i % 2 ? "ready" : "away");
      g_assert_true (pb_store_save_draft (f->store, profile, config, NULL, &error));
      g_assert_no_error (error);
      assert_draft_equals (f->store, profile, config);
    }

  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots"), ==, 1);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshot_agent_states"), ==, 13);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshot_presence_statuses"), ==, 5);

  /* A revision of the same lists reuses the snapshot as well. */
  pb_store_save_revision (f->store, profile, config, PB_REVISION_SOURCE_SAVE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots"), ==, 1);

  /* Different lists are a new snapshot; going back finds the old one. */
  g_assert_true (pb_store_save_draft (f->store, profile, changed, NULL, &error));
  g_assert_no_error (error);
  assert_draft_equals (f->store, profile, changed);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots"), ==, 2);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshot_presence_statuses"), ==, 11);

  g_assert_true (pb_store_save_draft (f->store, profile, config, NULL, &error));
  g_assert_no_error (error);
  assert_draft_equals (f->store, profile, config);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots"), ==, 2);

  /* A record id is part of the lists too. */
  {
    g_autoptr(PbConfiguration) with_ids = pb_test_worked_example ();
    g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (statuses, pb_presence_status_new ("Ready_for_Cases", "Ready for cases", "0N5XYZ", NULL));
    pb_configuration_set_presence_statuses (with_ids, statuses);
    g_assert_true (pb_store_save_draft (f->store, profile, with_ids, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots"), ==, 3);
  }
}

/* Rows damaged behind the store's back are reported, never half-loaded. */
static void
test_draft_damaged (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const damage[] = {
    "UPDATE snapshot_presence_statuses SET channels = '[1]' WHERE position = 2",
    "UPDATE snapshot_presence_statuses SET channels = '[\"sfdc_case\"' WHERE position = 2",
    "UPDATE drafts SET mapping_json = '{\"presenceToState\": {\"On_a_call\": 7}}'",
    "UPDATE drafts SET mapping_json = 'not json'",
  };
  g_autoptr(PbProfile) profile = add_profile (f->store, "Production");

  for (guint i = 0; i < G_N_ELEMENTS (damage); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PbConfiguration) config = pb_test_worked_example ();
      g_autoptr(PbConfiguration) loaded = NULL;
      g_autofree char *account_name = g_strdup_printf ("Round %u", i);

      /* Fresh lists each round, so the damaged snapshot is not reused. */
      pb_configuration_set_account (config, "ACC-1001", account_name);
      g_assert_true (pb_store_save_draft (f->store, profile, config, NULL, &error));
      g_assert_no_error (error);

      raw_exec (f->path, damage[i]);
      loaded = pb_store_load_draft (f->store, profile, &error);
      g_assert_null (loaded);
      g_assert_error (error, PB_ERROR, PB_ERROR_STORE_FAILED);
      g_assert_nonnull (strstr (error->message, f->path));
    }
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static void
test_draft_large (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) profile = add_profile (f->store, "Large");
  g_autoptr(PbConfiguration) config = large_configuration (1000, 5000);
  g_autoptr(PbConfiguration) loaded = NULL;
  double first_ms, autosave_ms = 0, load_ms;
  gint64 start;
  const guint rounds = 10;

  start = g_get_monotonic_time ();
  g_assert_true (pb_store_save_draft (f->store, profile, config, NULL, &error));
  first_ms = elapsed_ms (start);
  g_assert_no_error (error);

  for (guint i = 0; i < rounds; i++)
    {
      pb_configuration_set_presence_mapping (config, "Status_7", i % 2 ? "ready" : "state-2");
      start = g_get_monotonic_time ();
      g_assert_true (pb_store_save_draft (f->store, profile, config, NULL, &error));
      autosave_ms += elapsed_ms (start);
      g_assert_no_error (error);
    }

  start = g_get_monotonic_time ();
  loaded = pb_store_load_draft (f->store, profile, &error);
  load_ms = elapsed_ms (start);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (loaded, config));

  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots"), ==, 1);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshot_presence_statuses"), ==, 5000);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshot_agent_states"), ==, 1000);

  g_test_message ("5,000 statuses / 1,000 states: first save %.1f ms, autosave %.1f ms (mean of %u), load %.1f ms",
                  first_ms, autosave_ms / rounds, rounds, load_ms);
}


/* Revisions */

static void
test_revisions (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) profile = add_profile (f->store, "Production");
  g_autoptr(PbProfile) other = add_profile (f->store, "Other");
  g_autoptr(PbConfiguration) first = pb_test_worked_example ();
  g_autoptr(PbConfiguration) second = worked_example_with_extra ();
  g_autoptr(PbConfiguration) third = worked_example_with_new_status ();
  g_autoptr(PbConfiguration) loaded = NULL;
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(PbRevision) newest = NULL;
  g_autofree char *time_string = NULL;
  guint number;

  loaded = pb_store_load_latest_revision (f->store, profile, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  g_assert_cmpuint (pb_store_save_revision (f->store, profile, first, PB_REVISION_SOURCE_SAVE, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_store_save_revision (f->store, profile, second, PB_REVISION_SOURCE_SAVE, "Revert on", NULL, &error), ==, 2);
  g_assert_no_error (error);
  /* Numbers are per profile. */
  g_assert_cmpuint (pb_store_save_revision (f->store, other, first, PB_REVISION_SOURCE_SAVE, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_store_save_revision (f->store, profile, third, PB_REVISION_SOURCE_PUBLISH, "Messaging", NULL, &error), ==, 3);
  g_assert_no_error (error);

  /* Saving a revision makes it the draft. */
  assert_draft_equals (f->store, profile, third);

  revisions = pb_store_list_revisions (f->store, profile, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PbRevision) revision = g_list_model_get_item (revisions, i);
      g_assert_cmpuint (pb_revision_get_number (revision), ==, 3 - i);
    }
  newest = g_list_model_get_item (revisions, 0);
  g_assert_cmpstr (pb_revision_get_source (newest), ==, "publish");
  g_assert_cmpstr (pb_revision_get_comment (newest), ==, "Messaging");
  time_string = pb_revision_dup_time_string (newest);
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$", time_string, 0, 0));
  g_assert_cmpint (ABS (g_date_time_to_unix (pb_revision_get_time (newest)) - g_get_real_time () / G_USEC_PER_SEC), <, 60);
  {
    g_autoptr(PbRevision) oldest = g_list_model_get_item (revisions, 2);
    g_assert_cmpstr (pb_revision_get_source (oldest), ==, "save");
    g_assert_null (pb_revision_get_comment (oldest));
  }

  g_clear_object (&loaded);
  loaded = pb_store_load_revision (f->store, profile, 2, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (loaded, second));
  g_clear_object (&loaded);

  loaded = pb_store_load_latest_revision (f->store, profile, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (loaded, third));
  g_clear_object (&loaded);

  loaded = pb_store_load_revision (f->store, profile, 99, &error);
  g_assert_null (loaded);
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);

  /* Restore: the draft becomes revision 1 and that is recorded. */
  number = pb_store_restore_revision (f->store, profile, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 4);
  assert_draft_equals (f->store, profile, first);

  g_clear_object (&revisions);
  g_clear_object (&newest);
  revisions = pb_store_list_revisions (f->store, profile, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 4);
  newest = g_list_model_get_item (revisions, 0);
  g_assert_cmpuint (pb_revision_get_number (newest), ==, 4);
  g_assert_cmpstr (pb_revision_get_source (newest), ==, "restore");
  g_assert_cmpstr (pb_revision_get_comment (newest), ==, "Restored revision 1");

  loaded = pb_store_load_revision (f->store, profile, 4, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (loaded, first));
  g_clear_object (&loaded);

  /* Restoring copies no list. */
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots"), ==, 3);

  g_assert_cmpuint (pb_store_restore_revision (f->store, profile, 42, NULL, &error), ==, 0);
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM revisions"), ==, 5);
  assert_draft_equals (f->store, profile, first);
}


/* Import */

static void
test_import_no_profile (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) imported = worked_example_with_extra ();
  g_autoptr(PbConfiguration) prepared = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbProfile) by_default = NULL;
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(PbRevision) revision = NULL;
  guint number;

  prepared = pb_store_prepare_import (f->store, NULL, imported, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (prepared, imported));

  number = pb_store_import (f->store, NULL, imported, "From the sandbox", NULL, &profile, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 1);
  g_assert_cmpstr (pb_profile_get_name (profile), ==, "Example Org");
  g_assert_true (pb_profile_get_is_default (profile));

  by_default = pb_store_get_default_profile (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (by_default), ==, "Example Org");
  assert_draft_equals (f->store, profile, imported);

  revisions = pb_store_list_revisions (f->store, profile, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 1);
  revision = g_list_model_get_item (revisions, 0);
  g_assert_cmpstr (pb_revision_get_source (revision), ==, "import");
  g_assert_cmpstr (pb_revision_get_comment (revision), ==, "From the sandbox");

  /* Once a profile exists, a nameless import goes to the default one. */
  g_clear_object (&profile);
  number = pb_store_import (f->store, NULL, imported, NULL, NULL, &profile, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, 2);
  g_assert_cmpstr (pb_profile_get_name (profile), ==, "Example Org");
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM profiles"), ==, 1);
}

static void
test_import_no_org (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) imported = pb_test_worked_example ();
  g_autoptr(PbProfile) profile = NULL;

  pb_configuration_set_org (imported, NULL, NULL, FALSE);
  g_assert_cmpuint (pb_store_import (f->store, NULL, imported, NULL, NULL, &profile, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (profile), ==, "Default");
  g_assert_true (pb_profile_get_is_default (profile));
  assert_draft_equals (f->store, profile, imported);
}

static void
test_import_new_named_profile (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) existing = add_profile (f->store, "Production");
  g_autoptr(PbProfile) unsaved = pb_profile_new ("Staging");
  g_autoptr(PbConfiguration) imported = pb_test_worked_example ();
  g_autoptr(PbConfiguration) prepared = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbProfile) found = NULL;

  prepared = pb_store_prepare_import (f->store, unsaved, imported, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (prepared, imported));

  g_assert_cmpuint (pb_store_import (f->store, "Staging", imported, NULL, NULL, &profile, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (profile), ==, "Staging");

  found = pb_store_lookup_profile (f->store, "Staging", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_profile_get_id (found), ==, pb_profile_get_id (profile));
  assert_draft_equals (f->store, found, imported);

  /* Nothing landed in the other profile. */
  {
    g_autoptr(PbConfiguration) untouched = pb_store_load_draft (f->store, existing, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_presence_statuses (untouched)), ==, 0);
  }

  /* Two profiles, none the default: a nameless import is refused. */
  g_assert_cmpuint (pb_store_import (f->store, NULL, imported, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM revisions"), ==, 1);
}

static void
test_import_existing_fetched (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) profile = add_profile (f->store, "Production");
  g_autoptr(PbConfiguration) fetched = pb_test_worked_example ();
  g_autoptr(PbConfiguration) imported = worked_example_with_new_status ();
  g_autoptr(PbConfiguration) prepared = NULL;
  g_autoptr(PbConfiguration) expected = NULL;
  g_autoptr(PbProfile) target = NULL;
  JsonObject *extra = json_object_new ();

  pb_store_save_revision (f->store, profile, fetched, PB_REVISION_SOURCE_FETCH, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots WHERE source = 'fetch'"), ==, 1);

  /* The file has other lists, another mapping and an unknown key. */
  pb_configuration_set_account (imported, "ACC-OTHER", "Other account");
  pb_configuration_set_presence_mapping (imported, "Ready_for_Messaging", "busy");
  pb_configuration_set_state_mapping (imported, "away", "Taking_notes");
  pb_configuration_set_revert_to_last_status (imported, TRUE);
  json_object_set_string_member (extra, "x-note", "kept");
  pb_configuration_set_extra (imported, extra);
  json_object_unref (extra);

  /* Expected: the fetched lists (and account), the file's mapping. */
  expected = pb_test_worked_example ();
  pb_configuration_set_presence_mapping (expected, "Ready_for_Messaging", "busy");
  pb_configuration_set_state_mapping (expected, "away", "Taking_notes");
  pb_configuration_set_revert_to_last_status (expected, TRUE);
  pb_configuration_set_extra (expected, pb_configuration_get_extra (imported));

  prepared = pb_store_prepare_import (f->store, profile, imported, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (prepared, expected));
  g_assert_cmpstr (json_object_get_string_member (pb_configuration_get_extra (prepared), "x-note"), ==, "kept");
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_presence_statuses (prepared)), ==, 5);

  g_assert_cmpuint (pb_store_import (f->store, "Production", imported, NULL, NULL, &target, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (pb_profile_get_id (target), ==, pb_profile_get_id (profile));
  assert_draft_equals (f->store, profile, expected);

  /* The kept lists are still the fetched snapshot, so the next import
   * keeps them too. */
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots"), ==, 1);
  g_clear_object (&prepared);
  prepared = pb_store_prepare_import (f->store, profile, imported, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (prepared, expected));
}

static void
test_import_existing_imported (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) first = pb_test_worked_example ();
  g_autoptr(PbConfiguration) second = worked_example_with_new_status ();
  g_autoptr(PbConfiguration) prepared = NULL;
  g_autoptr(PbProfile) profile = NULL;

  g_assert_cmpuint (pb_store_import (f->store, "Production", first, NULL, NULL, &profile, &error), ==, 1);
  g_assert_no_error (error);

  /* Lists that came from a file are replaced by the next file's. */
  prepared = pb_store_prepare_import (f->store, profile, second, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (prepared, second));

  g_assert_cmpuint (pb_store_import (f->store, "Production", second, NULL, NULL, NULL, &error), ==, 2);
  g_assert_no_error (error);
  assert_draft_equals (f->store, profile, second);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots WHERE source = 'import'"), ==, 2);
}

static void
test_import_rollback (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) profile = add_profile (f->store, "Production");
  g_autoptr(PbProfile) missing = NULL;
  g_autoptr(PbConfiguration) draft = pb_test_worked_example ();
  g_autoptr(PbConfiguration) imported = worked_example_with_new_status ();
  g_autoptr(PbProfile) created = NULL;
  g_autofree char *before = NULL;

  pb_store_save_revision (f->store, profile, draft, PB_REVISION_SOURCE_SAVE, NULL, NULL, &error);
  g_assert_no_error (error);
  pb_configuration_set_revert_to_last_status (draft, TRUE);
  pb_store_save_draft (f->store, profile, draft, NULL, &error);
  g_assert_no_error (error);

  /* The last step of an import fails, after the profile, the snapshot and
   * the draft were written. */
  raw_exec (f->path,
            "CREATE TRIGGER fail_revisions BEFORE INSERT ON revisions "
            "BEGIN SELECT RAISE (ABORT, 'injected failure'); END;");
  before = dump_tables (f->path);

  g_assert_cmpuint (pb_store_import (f->store, "Fresh", imported, NULL, NULL, &created, &error), ==, 0);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_FAILED);
  g_assert_nonnull (strstr (error->message, "injected failure"));
  g_assert_null (created);
  g_clear_error (&error);
  {
    g_autofree char *after = dump_tables (f->path);
    g_assert_cmpstr (before, ==, after);
  }
  missing = pb_store_lookup_profile (f->store, "Fresh", &error);
  g_assert_null (missing);
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (pb_store_import (f->store, "Production", imported, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_FAILED);
  g_clear_error (&error);
  {
    g_autofree char *after = dump_tables (f->path);
    g_assert_cmpstr (before, ==, after);
  }
  assert_draft_equals (f->store, profile, draft);

  /* The store still works once the cause is gone. */
  raw_exec (f->path, "DROP TRIGGER fail_revisions");
  g_assert_cmpuint (pb_store_import (f->store, "Fresh", imported, NULL, NULL, &created, &error), ==, 1);
  g_assert_no_error (error);
  assert_draft_equals (f->store, created, imported);
}

static void
test_import_rollback_first_profile (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) imported = pb_test_worked_example ();
  g_autoptr(PbProfile) none = NULL;

  raw_exec (f->path,
            "CREATE TRIGGER fail_drafts BEFORE INSERT ON drafts "
            "BEGIN SELECT RAISE (ABORT, 'injected failure'); END;");

  g_assert_cmpuint (pb_store_import (f->store, NULL, imported, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_FAILED);
  g_clear_error (&error);

  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM profiles"), ==, 0);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots"), ==, 0);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshot_presence_statuses"), ==, 0);
  none = pb_store_get_default_profile (f->store, &error);
  g_assert_null (none);
  g_assert_error (error, PB_ERROR, PB_ERROR_NOT_FOUND);
}


/* Disk full: SQLite's page limit stands in for a full disk. The store's
 * connection is caught as SQLite opens it. */

static sqlite3 *caught_connection;

static int
catch_connection (sqlite3                      *db,
                  char                        **message,
                  const struct sqlite3_api_routines *api)
{
  caught_connection = db;
  return SQLITE_OK;
}

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbConfiguration) small = pb_test_worked_example ();
  g_autoptr(PbConfiguration) large = large_configuration (300, 3000);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  sqlite3_auto_extension ((void (*) (void))catch_connection);
  f->store = pb_store_open (f->path, &error);
  sqlite3_cancel_auto_extension ((void (*) (void))catch_connection);
  g_assert_no_error (error);
  g_assert_nonnull (caught_connection);

  profile = add_profile (f->store, "Production");
  g_assert_cmpuint (pb_store_save_revision (f->store, profile, small, PB_REVISION_SOURCE_SAVE, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
  before = dump_tables (f->path);

  /* The limit cannot go below the current size: it becomes "no more pages". */
  g_assert_cmpint (sqlite3_exec (caught_connection, "PRAGMA max_page_count = 1", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpuint (pb_store_save_revision (f->store, profile, large, PB_REVISION_SOURCE_SAVE, NULL, NULL, &error), ==, 0);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_FAILED);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);

  after = dump_tables (f->path);
  g_assert_cmpstr (before, ==, after);
  assert_draft_equals (f->store, profile, small);

  g_assert_cmpint (sqlite3_exec (caught_connection, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (pb_store_save_revision (f->store, profile, large, PB_REVISION_SOURCE_SAVE, NULL, NULL, &error), ==, 2);
  g_assert_no_error (error);
  assert_draft_equals (f->store, profile, large);
  caught_connection = NULL;
}


/* Migration */

static void
test_migration_from_v1 (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script_path = pb_test_data_path ("store/schema-v1.sql");
  g_autofree char *script = NULL;
  g_autoptr(PbProfile) production = NULL;
  g_autoptr(PbProfile) sandbox = NULL;
  g_autoptr(PbProfile) by_default = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(PbConfiguration) revision = NULL;
  g_autoptr(PbConfiguration) imported = NULL;
  g_autoptr(PbConfiguration) prepared = NULL;
  g_autoptr(GListModel) revisions = NULL;
  const char *presence = NULL;

  g_file_get_contents (script_path, &script, NULL, &error);
  g_assert_no_error (error);
  raw_exec (f->path, script);
  g_assert_cmpint (raw_query_int (f->path, "PRAGMA user_version"), ==, 1);

  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_query_int (f->path, "PRAGMA user_version"), ==, PB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM sqlite_schema WHERE name = 'settings'"), ==, 0);

  /* Profiles: data kept, new settings at their defaults, the default moved
   * over from the settings table. */
  production = pb_store_lookup_profile (f->store, "Production", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_platform_url (production), ==, "https://emea.platform.example.com");
  g_assert_cmpstr (pb_profile_get_client_id (production), ==, "prod-client");
  g_assert_null (pb_profile_get_auth_url (production));
  g_assert_null (pb_profile_get_salesforce_login_url (production));
  g_assert_null (pb_profile_get_salesforce_client_id (production));
  g_assert_cmpuint (pb_profile_get_callback_port (production), ==, PB_PROFILE_DEFAULT_CALLBACK_PORT);
  g_assert_false (pb_profile_get_sandbox_org (production));
  g_assert_false (pb_profile_get_is_default (production));

  sandbox = pb_store_lookup_profile (f->store, "Sandbox", &error);
  g_assert_no_error (error);
  g_assert_true (pb_profile_get_is_default (sandbox));
  by_default = pb_store_get_default_profile (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (by_default), ==, "Sandbox");

  /* The draft: lists and mapping. */
  draft = pb_store_load_draft (f->store, production, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_configuration_get_org_name (draft), ==, "Example Org");
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_agent_states (draft)), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_presence_statuses (draft)), ==, 4);
  g_assert_cmpstr (pb_presence_status_get_record_id (pb_configuration_lookup_presence (draft, "On_a_call")),
                   ==, "0N55g000000BBBBGA0");
  g_assert_true (pb_presence_status_is_online (pb_configuration_lookup_presence (draft, "Ready_for_Cases")));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (draft, "On_a_call"), ==, "away");
  g_assert_true (pb_configuration_get_state_mapping (draft, "wrap", &presence));
  g_assert_cmpstr (presence, ==, "Taking_notes");
  g_assert_true (pb_configuration_get_revert_to_last_status (draft));
  g_assert_cmpstr (pb_configuration_get_agent_post_call_state (draft), ==, "wrap");

  /* Revisions: numbered as before, source "save", no comment. */
  revisions = pb_store_list_revisions (f->store, production, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PbRevision) item = g_list_model_get_item (revisions, i);
      g_autofree char *time_string = pb_revision_dup_time_string (item);

      g_assert_cmpuint (pb_revision_get_number (item), ==, 2 - i);
      g_assert_cmpstr (pb_revision_get_source (item), ==, "save");
      g_assert_null (pb_revision_get_comment (item));
      g_assert_cmpstr (time_string, ==, i == 0 ? "2025-11-24T12:23:20Z" : "2025-11-24T12:06:40Z");
    }
  revision = pb_store_load_revision (f->store, production, 1, &error);
  g_assert_no_error (error);
  g_assert_null (pb_configuration_get_presence_mapping (revision, "On_a_call"));
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_agent_states (revision)), ==, 7);

  /* Snapshots got their digest: saving the same lists copies nothing. */
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots WHERE digest IS NULL"), ==, 0);
  pb_configuration_set_revert_to_last_status (draft, FALSE);
  g_assert_true (pb_store_save_draft (f->store, production, draft, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots"), ==, 1);

  /* Version 1's lists were fetched: an import keeps them. */
  imported = worked_example_with_new_status ();
  prepared = pb_store_prepare_import (f->store, production, imported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_presence_statuses (prepared)), ==, 4);
  g_assert_true (pb_configuration_mapping_equal (prepared, imported));

  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
}


static void
test_migration_from_v2 (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script_path = pb_test_data_path ("store/schema-v2.sql");
  g_autofree char *script = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(PbProfile) production = NULL;
  g_autoptr(PbProfile) startup = NULL;
  g_autoptr(PbConfiguration) first = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(PbProfileState) state = NULL;
  g_autofree char *exported = NULL;
  JsonObject *extra;
  JsonObject *team;
  const char *presence = NULL;

  g_file_get_contents (script_path, &script, NULL, &error);
  g_assert_no_error (error);
  raw_exec (f->path, script);
  g_assert_cmpint (raw_query_int (f->path, "PRAGMA user_version"), ==, 2);
  before = raw_query_text (f->path, "SELECT group_concat (number || source || ifnull (comment, '-'), '|') "
                                    "FROM revisions ORDER BY id");
  g_assert_nonnull (before);

  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_query_int (f->path, "PRAGMA user_version"), ==, PB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM sqlite_schema WHERE name = 'remote_configurations'"),
                   ==, 1);
  g_assert_cmpint (raw_query_int (f->path, "SELECT min (generation) FROM profiles"), ==, 1);

  /* Nothing else changed in the history. */
  after = raw_query_text (f->path, "SELECT group_concat (number || source || ifnull (comment, '-'), '|') "
                                   "FROM revisions ORDER BY id");
  g_assert_cmpstr (after, ==, before);

  /* The unknown keys, nested under "extra" by version 2, are top-level
   * members now, values (a null inside included) intact. */
  production = pb_store_lookup_profile (f->store, "Production", &error);
  g_assert_no_error (error);
  first = pb_store_load_revision (f->store, production, 1, &error);
  g_assert_no_error (error);
  extra = pb_configuration_get_extra (first);
  g_assert_nonnull (extra);
  g_assert_cmpuint (json_object_get_size (extra), ==, 2);
  team = json_object_get_object_member (extra, "x-team");
  g_assert_cmpstr (json_object_get_string_member (team, "owner"), ==, "Contact centre ops");
  g_assert_true (json_object_get_boolean_member (team, "reviewed"));
  g_assert_true (json_object_get_null_member (team, "notes"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (extra, "zz_extra_list")), ==, 3);
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM revisions WHERE mapping_json LIKE '%\"extra\"%'"),
                   ==, 0);
  exported = pb_config_file_to_data (first, NULL, NULL);
  g_assert_nonnull (strstr (exported, "\"x-team\""));

  /* The draft is the second import: busy shows Ready for cases there. */
  draft = pb_store_load_draft (f->store, production, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_get_state_mapping (draft, "busy", &presence));
  g_assert_cmpstr (presence, ==, "Ready_for_Cases");
  g_assert_true (pb_configuration_get_revert_to_last_status (draft));

  state = pb_store_load_state (f->store, production, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_profile_state_get_saved_number (state), ==, 2);
  g_assert_cmpuint (pb_profile_state_get_generation (state), ==, 1);
  g_assert_null (pb_profile_state_get_recovery (state));

  /* Opened by nobody yet: the window starts on the default. */
  startup = pb_store_get_startup_profile (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_name (startup), ==, "Sandbox");

  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM pragma_foreign_key_check"), ==, 0);
}

/* The newest revision as an editing session loads it: on the draft's own
 * snapshot only its mapping is read, and it is what loading the revision
 * gives, whether the draft's mapping is the same or not; on another
 * snapshot, the whole of it. */
static void
assert_saved_is_revision (Fixture   *f,
                          PbProfile *profile,
                          guint      number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfileState) state = pb_store_load_state (f->store, profile, &error);
  g_autoptr(PbConfiguration) revision = NULL;

  g_assert_no_error (error);
  revision = pb_store_load_revision (f->store, profile, number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_profile_state_get_saved_number (state), ==, number);
  g_assert_true (pb_configuration_equal (pb_profile_state_get_saved (state), revision));
}

static void
test_state_saved_revision (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PbProfile) profile = add_profile (f->store, "Production");
  g_autoptr(PbConfiguration) first = worked_example_with_extra ();
  g_autoptr(PbConfiguration) edited = NULL;
  g_autoptr(PbConfiguration) other_lists = worked_example_with_new_status ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (pb_store_save_revision (f->store, profile, first, PB_REVISION_SOURCE_SAVE, NULL, NULL, &error),
                    ==, 1);
  g_assert_no_error (error);
  assert_saved_is_revision (f, profile, 1);

  /* An unsaved edit, and unknown keys that differ. */
  edited = pb_configuration_copy (first);
  pb_configuration_set_state_mapping (edited, "busy", "Ready_for_Chats");
  pb_configuration_set_revert_to_last_status (edited, !pb_configuration_get_revert_to_last_status (first));
  pb_configuration_set_extra (edited, NULL);
  g_assert_true (pb_store_save_draft (f->store, profile, edited, NULL, &error));
  g_assert_no_error (error);
  assert_saved_is_revision (f, profile, 1);

  /* Other lists in the draft: the revision's own are read. */
  g_assert_true (pb_store_save_draft (f->store, profile, other_lists, NULL, &error));
  g_assert_no_error (error);
  assert_saved_is_revision (f, profile, 1);
}

static void
test_open_directory (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;

  g_assert_cmpint (g_mkdir (f->path, 0700), ==, 0);

  store = pb_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_FAILED);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "folder"));
}

/* Hold the write lock from another connection, as another process would. */
static void
test_open_busy (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbProfile) profile = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *holder;
  gint64 start;

  pb_store_import (f->store, "Example", config, NULL, NULL, &profile, &error);
  g_assert_no_error (error);
  before = dump_tables (f->path);

  holder = raw_open (f->path);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  pb_store_set_busy_timeout (f->store, 200);
  pb_configuration_set_revert_to_last_status (config, TRUE);
  start = g_get_monotonic_time ();
  g_assert_false (pb_store_save_draft (f->store, profile, config, NULL, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_BUSY);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000 - 10 * 1000);
  g_clear_error (&error);

  g_assert_cmpuint (pb_store_save_revision (f->store, profile, config, PB_REVISION_SOURCE_SAVE, NULL, NULL, &error),
                    ==, 0);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_BUSY);

  g_assert_cmpint (sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (holder);

  after = dump_tables (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* What another process reads from the store (it opens and closes it). */
static void
test_open_locks_lost_child (void)
{
  const char *path = g_getenv ("PB_TEST_LOCKS_LOST_STORE");

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /store/open/locks-lost");
      return;
    }

  g_print ("generation %" G_GINT64_FORMAT "\n", raw_query_int (path, "SELECT generation FROM profiles"));
}

/* Code of the same process opening and closing the store's files, as GTK's
 * file chooser does when it shows the store's folder, drops every lock of
 * the process on them (fcntl() locks are the process's): another process
 * closing the store then deletes the -wal this one writes to. The store
 * notices at its next write and opens the store again, so that write
 * reaches the store others read. */
static void
test_open_locks_lost (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbProfile) profile = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  pb_store_import (f->store, "Example", config, NULL, NULL, &profile, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);
      int fd = g_open (file, O_RDONLY, 0);

      g_assert_cmpint (fd, >=, 0);
      g_assert_true (g_close (fd, NULL));
    }

  g_setenv ("PB_TEST_LOCKS_LOST_STORE", f->path, TRUE);
  g_test_trap_subprocess ("/store/open/locks-lost/child", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("generation 2\n");
  /* The other process took the -wal and the -shm with it. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  pb_configuration_set_revert_to_last_status (config, TRUE);
  g_assert_true (pb_store_save_draft (f->store, profile, config, NULL, &error));
  g_assert_no_error (error);
  g_test_trap_subprocess ("/store/open/locks-lost/child", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("generation 3\n");
  assert_draft_equals (f->store, profile, config);
}

/* A store this user may only read, and a new store in a folder this user
 * may not write. As root every file is writable, so the test runs its
 * checks in a child that gives root up for "nobody". */
#define NOBODY 65534

static void
test_open_read_only_child (void)
{
  const char *dir = g_getenv ("PB_TEST_READ_ONLY_DIR");
  g_autofree char *path = g_build_filename (dir, "owned", "store.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *elsewhere = g_build_filename (dir, "locked", "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbConfiguration) draft = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /store/open/read-only");
      return;
    }

  if (getuid () == 0)
    g_assert_cmpint (setuid (NOBODY), ==, 0);

  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (pb_store_get_read_only (store));

  profile = pb_store_lookup_profile (store, "Example", &error);
  g_assert_no_error (error);
  draft = pb_store_load_draft (store, profile, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_agent_states (draft)), ==, 13);

  pb_configuration_set_revert_to_last_status (draft, TRUE);
  g_assert_false (pb_store_save_draft (store, profile, draft, NULL, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_false (pb_store_remove_profile (store, "Example", &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_READ_ONLY);
  g_clear_error (&error);

  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  /* Made writable again, it takes writes at once. */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (pb_store_get_read_only (store));
  g_assert_true (pb_store_save_draft (store, profile, draft, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* A new store where this user may not create one: the path and why. */
  store = pb_store_open (elsewhere, &error);
  g_assert_null (store);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_FAILED);
  g_assert_nonnull (strstr (error->message, elsewhere));
  g_assert_nonnull (strstr (error->message, g_strerror (EACCES)));
}

static void
test_open_read_only (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autofree char *owned = g_build_filename (f->dir, "owned", NULL);
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (owned, "store.db", NULL);
  g_autoptr(PbStore) store = NULL;
  uid_t owner = getuid () == 0 ? NOBODY : getuid ();

  g_assert_cmpint (g_mkdir (owned, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
  store = pb_store_open (path, &error);
  g_assert_no_error (error);
  pb_store_import (store, "Example", config, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));

  /* The child must reach the files, and own the store (to chmod it). */
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (chown (owned, owner, (gid_t)-1), ==, 0);
  g_assert_cmpint (chown (path, owner, (gid_t)-1), ==, 0);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);

  g_setenv ("PB_TEST_READ_ONLY_DIR", f->dir, TRUE);
  g_test_trap_subprocess ("/store/open/read-only/child", 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}


/* Another process writes the store and closes it while this one has it
 * open: it must not take itself for the last user (and checkpoint and
 * delete the -wal this process still writes to), and this process sees
 * its write. Opening reads the file's header itself: a descriptor closed
 * after SQLite took its POSIX lock would drop that lock. */
static void
test_open_another_process_child (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = pb_profile_new ("Elsewhere");
  g_autoptr(PbProfile) added = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /store/open/another-process");
      return;
    }

  store = pb_store_open (g_getenv ("PB_TEST_OTHER_PROCESS_STORE"), &error);
  g_assert_no_error (error);
  added = pb_store_add_profile (store, profile, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_open_another_process (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) here = pb_profile_new ("Here");
  g_autoptr(PbProfile) added = NULL;
  g_autoptr(GListModel) profiles = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  /* A store closed cleanly, opened again: no -wal beside it. */
  store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  profiles = pb_store_list_profiles (store, &error);
  g_assert_no_error (error);
  g_clear_object (&profiles);

  g_setenv ("PB_TEST_OTHER_PROCESS_STORE", f->path, TRUE);
  g_test_trap_subprocess ("/store/open/another-process/child", 30 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* Still in use here: the -wal stays, and the other write shows. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  added = pb_store_lookup_profile (store, "Elsewhere", &error);
  g_assert_no_error (error);
  g_clear_object (&added);

  /* A write here reaches the file others open. */
  added = pb_store_add_profile (store, here, &error);
  g_assert_no_error (error);
  g_clear_object (&added);
  g_assert_finalize_object (g_steal_pointer (&store));
  store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  profiles = pb_store_list_profiles (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (profiles), ==, 2);
}


/* Threads */

typedef struct
{
  const char *path;
  PbStore *shared;
  char *profile_name;
  guint rounds;
  PbConfiguration *last;
} Worker;

static gpointer
worker_run (gpointer data)
{
  Worker *worker = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbProfile) shared_profile = NULL;

  if (worker->shared != NULL)
    store = g_object_ref (worker->shared);
  else
    store = pb_store_open (worker->path, &error);
  g_assert_no_error (error);

  profile = pb_store_lookup_profile (store, worker->profile_name, &error);
  g_assert_no_error (error);
  shared_profile = pb_store_lookup_profile (store, "Shared", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < worker->rounds; i++)
    {
      g_autoptr(PbConfiguration) config = pb_test_worked_example ();

      pb_configuration_set_presence_mapping (config, "Ready_for_Chats", i % 2 ? "ready" : "away");
      pb_configuration_set_revert_to_last_status (config, i % 3 == 0);
      pb_configuration_set_agent_post_call_state (config, i % 2 ? "wrap" : "ready");

      g_assert_true (pb_store_save_draft (store, profile, config, NULL, &error));
      g_assert_no_error (error);

      if (i % 4 == 0)
        {
          g_assert_cmpuint (pb_store_save_revision (store, shared_profile, config,
                                                    PB_REVISION_SOURCE_SAVE, worker->profile_name, NULL, &error), >, 0);
          g_assert_no_error (error);
        }

      g_set_object (&worker->last, config);
    }

  return NULL;
}

static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) shared = add_profile (f->store, "Shared");
  g_autoptr(GListModel) revisions = NULL;
  Worker workers[6] = { { 0 } };
  GThread *threads[G_N_ELEMENTS (workers)];
  guint expected_revisions = 0;

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      g_autoptr(PbProfile) profile = NULL;

      workers[i].path = f->path;
      /* Four threads share one store; two open their own connection. */
      workers[i].shared = i < 4 ? f->store : NULL;
      workers[i].profile_name = g_strdup_printf ("Worker %u", i);
      workers[i].rounds = 20;
      profile = add_profile (f->store, workers[i].profile_name);
      expected_revisions += (workers[i].rounds + 3) / 4;
    }

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    threads[i] = g_thread_new ("store-worker", worker_run, &workers[i]);
  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    g_thread_join (threads[i]);

  for (guint i = 0; i < G_N_ELEMENTS (workers); i++)
    {
      g_autoptr(PbProfile) profile = pb_store_lookup_profile (f->store, workers[i].profile_name, &error);

      g_assert_no_error (error);
      assert_draft_equals (f->store, profile, workers[i].last);
      g_clear_object (&workers[i].last);
      g_free (workers[i].profile_name);
    }

  /* Concurrent revisions of one profile: numbered 1…N without a gap. */
  revisions = pb_store_list_revisions (f->store, shared, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, expected_revisions);
  for (guint i = 0; i < expected_revisions; i++)
    {
      g_autoptr(PbRevision) revision = g_list_model_get_item (revisions, i);
      g_assert_cmpuint (pb_revision_get_number (revision), ==, expected_revisions - i);
    }
  g_assert_cmpint (raw_query_int (f->path, "SELECT count (*) FROM snapshots"), ==, G_N_ELEMENTS (workers) + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/profile/properties", test_profile_properties);
  g_test_add_func ("/store/revision/properties", test_revision_properties);
  g_test_add_func ("/store/open/default-path", test_default_path);
  g_test_add_func ("/store/open/read-only/child", test_open_read_only_child);
  g_test_add_func ("/store/open/another-process/child", test_open_another_process_child);
  g_test_add_func ("/store/open/locks-lost/child", test_open_locks_lost_child);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/open/creates", test_open_creates, CLOSED);
  ADD ("/store/open/newer", test_open_newer, CLOSED);
  ADD ("/store/open/corrupt-garbage", test_open_corrupt_garbage, CLOSED);
  ADD ("/store/open/corrupt-truncated", test_open_corrupt_truncated, NULL);
  ADD ("/store/open/corrupt-structure", test_open_corrupt_structure, NULL);
  ADD ("/store/open/corrupt-small-table", test_open_corrupt_small_table, NULL);
  ADD ("/store/open/corrupt-found-in-use", test_open_corrupt_found_in_use, NULL);
  ADD ("/store/open/disk-full", test_disk_full, CLOSED);
  ADD ("/store/migration/v1", test_migration_from_v1, CLOSED);
  ADD ("/store/migration/v2", test_migration_from_v2, CLOSED);
  ADD ("/store/open/directory", test_open_directory, CLOSED);
  ADD ("/store/open/busy", test_open_busy, NULL);
  ADD ("/store/open/read-only", test_open_read_only, CLOSED);
  ADD ("/store/open/another-process", test_open_another_process, CLOSED);
  ADD ("/store/open/locks-lost", test_open_locks_lost, NULL);
  ADD ("/store/profiles/crud", test_profiles_crud, NULL);
  ADD ("/store/profiles/remove-cascades", test_profiles_remove_cascades, NULL);
  ADD ("/store/profiles/default", test_profiles_default, NULL);
  ADD ("/store/draft/round-trip", test_draft_round_trip, NULL);
  ADD ("/store/draft/survives-crash", test_draft_survives_crash, NULL);
  ADD ("/store/draft/snapshot-not-duplicated", test_draft_snapshot_not_duplicated, NULL);
  ADD ("/store/draft/damaged", test_draft_damaged, NULL);
  ADD ("/store/draft/large", test_draft_large, NULL);
  ADD ("/store/revisions", test_revisions, NULL);
  ADD ("/store/state/saved-revision", test_state_saved_revision, NULL);
  ADD ("/store/import/no-profile", test_import_no_profile, NULL);
  ADD ("/store/import/no-org", test_import_no_org, NULL);
  ADD ("/store/import/new-named-profile", test_import_new_named_profile, NULL);
  ADD ("/store/import/existing-fetched", test_import_existing_fetched, NULL);
  ADD ("/store/import/existing-imported", test_import_existing_imported, NULL);
  ADD ("/store/import/rollback", test_import_rollback, NULL);
  ADD ("/store/import/rollback-first-profile", test_import_rollback_first_profile, NULL);
  ADD ("/store/threads", test_threads, NULL);

#undef ADD

  return g_test_run ();
}
