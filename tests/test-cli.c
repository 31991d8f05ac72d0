/* test-cli.c: presence-bridge-cli as scripts use it: exit codes, output, JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pb-test-cli.h"
#include "pb-test-fixtures.h"

static gboolean
array_has_finding (JsonArray  *array,
                   const char *code,
                   const char *path)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *finding = json_array_get_object_element (array, i);

      g_assert_true (json_object_has_member (finding, "message"));
      if (g_str_equal (json_object_get_string_member (finding, "code"), code) &&
          (path == NULL || g_str_equal (json_object_get_string_member (finding, "path"), path)))
        return TRUE;
    }
  return FALSE;
}

static void
test_validate_worked_example (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_auto(Run) run = { 0 };
  g_auto(Run) json_run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  run_cli (fixture, &run, "validate", example, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "round_trip_mismatch"));
  g_assert_nonnull (strstr (run.out, "0 errors"));

  run_cli (fixture, &json_run, "validate", "--json", example, NULL);
  g_assert_cmpint (json_run.status, ==, 0);
  root = parse_json (json_run.out);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "errors")), ==, 0);
  g_assert_true (array_has_finding (json_object_get_array_member (object, "warnings"),
                                    "round_trip_mismatch", "presenceToState.On_a_call"));
  g_assert_true (array_has_finding (json_object_get_array_member (object, "warnings"),
                                    "busy_presence_to_ready", "presenceToState.Taking_notes"));
  g_assert_true (array_has_finding (json_object_get_array_member (object, "info"),
                                    "minor_state_inherits", "stateToPresence.away.break"));
}

static void
test_validate_errors (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *unmapped = write_variant (fixture, "unmapped.json",
                                             "\"away\": \"Away_from_desk_temporary\",", "");
  g_autofree char *stale = write_variant (fixture, "stale.json",
                                          "\"On_a_call\": \"away\"", "\"On_a_call\": \"gone\"");
  g_auto(Run) run = { 0 };
  g_auto(Run) stale_run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) stale_root = NULL;

  run_cli (fixture, &run, "validate", "--json", unmapped, NULL);
  g_assert_cmpint (run.status, ==, 1);
  root = parse_json (run.out);
  g_assert_true (array_has_finding (json_object_get_array_member (json_node_get_object (root), "errors"),
                                    "unmapped_major_state", "stateToPresence.away"));

  run_cli (fixture, &stale_run, "validate", "--json", stale, NULL);
  g_assert_cmpint (stale_run.status, ==, 1);
  stale_root = parse_json (stale_run.out);
  g_assert_true (array_has_finding (json_object_get_array_member (json_node_get_object (stale_root), "errors"),
                                    "unknown_state", "presenceToState.On_a_call"));
}

static void
test_validate_unreadable (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *truncated = write_file (fixture, "truncated.json", "{\n  \"format\": \"presence-bridge-config\",\n  \"version\": 1,\n  \"agentStates\": [");
  g_autofree char *newer = write_variant (fixture, "newer.json", "\"version\": 1", "\"version\": 7");
  g_autofree char *wrong_type = write_variant (fixture, "type.json", "\"revertToLastStatus\": false", "\"revertToLastStatus\": \"no\"");
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.json", NULL);
  g_auto(Run) run = { 0 };
  g_auto(Run) newer_run = { 0 };
  g_auto(Run) type_run = { 0 };
  g_auto(Run) missing_run = { 0 };
  g_auto(Run) usage_run = { 0 };

  run_cli (fixture, &run, "validate", truncated, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "truncated.json"));
  g_assert_nonnull (strstr (run.err, "line"));
  {
    g_auto(GStrv) lines = g_strsplit (run.err, "\n", -1);
    /* One line, then the empty string after its newline. */
    g_assert_cmpuint (g_strv_length (lines), ==, 2);
  }

  run_cli (fixture, &newer_run, "validate", newer, NULL);
  g_assert_cmpint (newer_run.status, ==, 2);
  g_assert_nonnull (strstr (newer_run.err, "newer"));

  run_cli (fixture, &type_run, "validate", wrong_type, NULL);
  g_assert_cmpint (type_run.status, ==, 2);
  g_assert_nonnull (strstr (type_run.err, "revertToLastStatus"));

  run_cli (fixture, &missing_run, "validate", missing, NULL);
  g_assert_cmpint (missing_run.status, ==, 2);
  g_assert_nonnull (strstr (missing_run.err, "missing.json"));

  run_cli (fixture, &usage_run, "validate", NULL);
  g_assert_cmpint (usage_run.status, ==, 2);
}

static void
test_explain (Fixture       *fixture,
              gconstpointer  data)
{
  static const char * const spec_lines[] = {
    "Agent goes offline in Omni-Channel → logged out of ContactPad",
    "Agent logs in to ContactPad → Omni-Channel shows “Ready for cases”",
    "Agent picks “On a call” → ContactPad state Away",
    "Agent picks “Away from desk (temporary)” → ContactPad state Break",
    "ContactPad state becomes Wrap up → Omni-Channel shows “Taking notes”",
    "Agent logs out of ContactPad → offline in Omni-Channel",
  };
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_auto(Run) run = { 0 };
  g_auto(Run) from_store = { 0 };
  g_auto(Run) imported = { 0 };

  run_cli (fixture, &run, "explain", example, NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (spec_lines); i++)
    {
      g_autofree char *line = g_strdup_printf ("• %s\n", spec_lines[i]);
      if (strstr (run.out, line) == NULL)
        g_error ("missing “%s” in:\n%s", spec_lines[i], run.out);
    }

  /* The same preview from the store, after an import. */
  run_cli (fixture, &imported, "import", example, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  run_cli (fixture, &from_store, "explain", NULL);
  g_assert_cmpint (from_store.status, ==, 0);
  g_assert_cmpstr (from_store.out, ==, run.out);
}

static void
test_import_export_round_trip (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *exported = g_build_filename (fixture->dir, "exported.json", NULL);
  g_autoptr(PbConfiguration) original = NULL;
  g_autoptr(PbConfiguration) round_trip = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(JsonNode) profiles = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) stdout_export = { 0 };
  g_auto(Run) history_run = { 0 };
  g_auto(Run) profile_run = { 0 };
  g_auto(Run) again = { 0 };
  g_autofree char *exported_text = NULL;
  JsonObject *first;

  run_cli (fixture, &import, "import", example, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "revision 1"));

  /* An empty store gets a profile named after the org, made the default. */
  run_cli (fixture, &profile_run, "profile", "list", "--json", NULL);
  g_assert_cmpint (profile_run.status, ==, 0);
  profiles = parse_json (profile_run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (profiles)), ==, 1);
  first = json_array_get_object_element (json_node_get_array (profiles), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Example Org");
  g_assert_true (json_object_get_boolean_member (first, "default"));

  run_cli (fixture, &export, "export", "-o", exported, NULL);
  g_assert_cmpint (export.status, ==, 0);
  original = pb_config_file_load_path (example, &error);
  g_assert_no_error (error);
  round_trip = pb_config_file_load_path (exported, &error);
  g_assert_no_error (error);
  g_assert_true (pb_configuration_equal (original, round_trip));

  /* Standard output carries the same document. */
  run_cli (fixture, &stdout_export, "export", NULL);
  g_assert_cmpint (stdout_export.status, ==, 0);
  g_file_get_contents (exported, &exported_text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (stdout_export.out, "\"format\": \"presence-bridge-config\""));

  /* Importing the export again changes nothing but records a revision. */
  run_cli (fixture, &again, "import", exported, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "No differences."));

  run_cli (fixture, &history_run, "history", "--json", NULL);
  g_assert_cmpint (history_run.status, ==, 0);
  history = parse_json (history_run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (history)), ==, 2);
  first = json_array_get_object_element (json_node_get_array (history), 0);
  g_assert_cmpint (json_object_get_int_member (first, "revision"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (first, "source"), ==, "import");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (first, "time"), "Z"));
  g_assert_cmpstr (json_object_get_string_member (first, "comment"), ==, "Imported from exported.json");
}

static void
test_import_dry_run_and_diff (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *changed = write_variant (fixture, "changed.json",
                                            "\"wrap\": \"Taking_notes\"", "\"wrap\": \"On_a_call\"");
  g_auto(Run) import = { 0 };
  g_auto(Run) dry = { 0 };
  g_auto(Run) history_before = { 0 };
  g_auto(Run) history_after = { 0 };
  g_auto(Run) real = { 0 };
  g_auto(Run) diff = { 0 };
  g_auto(Run) bad_diff = { 0 };
  g_auto(Run) restore = { 0 };
  g_auto(Run) second = { 0 };

  run_cli (fixture, &import, "import", "--profile", "Prod", example, NULL);
  g_assert_cmpint (import.status, ==, 0);
  run_cli (fixture, &history_before, "history", "--json", NULL);

  run_cli (fixture, &dry, "import", "--dry-run", changed, NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "stateToPresence.wrap"));
  run_cli (fixture, &history_after, "history", "--json", NULL);
  g_assert_cmpstr (history_before.out, ==, history_after.out);

  run_cli (fixture, &real, "import", "--profile", "Prod", changed, NULL);
  g_assert_cmpint (real.status, ==, 0);

  run_cli (fixture, &diff, "diff", "1", "2", NULL);
  g_assert_cmpint (diff.status, ==, 0);
  g_assert_nonnull (strstr (diff.out, "stateToPresence.wrap"));
  g_assert_null (strstr (diff.out, "stateToPresence.away"));

  run_cli (fixture, &bad_diff, "diff", "1", "99", NULL);
  g_assert_cmpint (bad_diff.status, ==, 2);
  g_assert_nonnull (strstr (bad_diff.err, "99"));

  run_cli (fixture, &restore, "restore", "1", NULL);
  g_assert_cmpint (restore.status, ==, 0);
  g_assert_nonnull (strstr (restore.out, "revision 3"));

  /* A second profile: commands now need to know which one. */
  run_cli (fixture, &second, "import", "--profile", "Staging", example, NULL);
  g_assert_cmpint (second.status, ==, 0);
  {
    g_auto(Run) ambiguous = { 0 };
    g_auto(Run) use = { 0 };
    g_auto(Run) history = { 0 };

    run_cli (fixture, &ambiguous, "history", NULL);
    g_assert_cmpint (ambiguous.status, ==, 2);
    g_assert_nonnull (strstr (ambiguous.err, "--profile"));

    run_cli (fixture, &use, "profile", "use", "Prod", NULL);
    g_assert_cmpint (use.status, ==, 0);
    run_cli (fixture, &history, "history", "--json", NULL);
    g_assert_cmpint (history.status, ==, 0);
    g_assert_nonnull (strstr (history.out, "\"restore\""));
  }
}

static void
test_profiles (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(Run) add = { 0 };
  g_auto(Run) dup = { 0 };
  g_auto(Run) insecure = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) remove = { 0 };
  g_auto(Run) missing = { 0 };
  g_autoptr(JsonNode) profiles = NULL;
  JsonObject *profile;

  run_cli (fixture, &add, "profile", "add", "Sandbox", "--platform-url", "http://127.0.0.1:8080",
           "--client-id", "abc", "--callback-port", "1717", "--sandbox-org", NULL);
  g_assert_cmpint (add.status, ==, 0);

  run_cli (fixture, &dup, "profile", "add", "Sandbox", NULL);
  g_assert_cmpint (dup.status, ==, 2);

  run_cli (fixture, &insecure, "profile", "add", "Other", "--platform-url", "http://example.com", NULL);
  g_assert_cmpint (insecure.status, ==, 2);
  g_assert_nonnull (strstr (insecure.err, "https"));

  run_cli (fixture, &list, "profile", "list", "--json", NULL);
  profiles = parse_json (list.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (profiles)), ==, 1);
  profile = json_array_get_object_element (json_node_get_array (profiles), 0);
  g_assert_cmpstr (json_object_get_string_member (profile, "platformUrl"), ==, "http://127.0.0.1:8080");
  g_assert_cmpint (json_object_get_int_member (profile, "callbackPort"), ==, 1717);
  g_assert_true (json_object_get_boolean_member (profile, "sandboxOrg"));

  run_cli (fixture, &remove, "profile", "remove", "Sandbox", NULL);
  g_assert_cmpint (remove.status, ==, 0);
  run_cli (fixture, &missing, "profile", "remove", "Sandbox", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "Sandbox"));
}

static void
test_store_unusable (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  g_auto(Run) import = { 0 };
  g_auto(Run) newer = { 0 };
  g_auto(Run) corrupt = { 0 };
  sqlite3 *db = NULL;

  run_cli (fixture, &import, "import", example, NULL);
  g_assert_cmpint (import.status, ==, 0);

  /* A store from a newer version: refused, not a byte changed. */
  g_assert_cmpint (sqlite3_open (fixture->store, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (fixture->store, &before, &before_len, NULL));
  run_cli (fixture, &newer, "history", NULL);
  g_assert_cmpint (newer.status, ==, 6);
  g_assert_true (g_file_get_contents (fixture->store, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  /* A corrupt store: moved aside and named, never deleted. */
  g_assert_true (g_file_set_contents (fixture->store, "this is not a database, not at all", -1, NULL));
  run_cli (fixture, &corrupt, "history", NULL);
  g_assert_cmpint (corrupt.status, ==, 6);
  g_assert_nonnull (strstr (corrupt.err, "store.db.corrupt-"));
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;
    gboolean found = FALSE;

    while ((name = g_dir_read_name (dir)) != NULL)
      {
        if (g_str_has_prefix (name, "store.db.corrupt-") &&
            !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
          {
            g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
            g_autofree char *kept = NULL;

            g_assert_true (g_file_get_contents (path, &kept, NULL, NULL));
            g_assert_cmpstr (kept, ==, "this is not a database, not at all");
            g_assert_nonnull (strstr (corrupt.err, name));
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
}

/* Another process holds the write lock for longer than the CLI waits:
 * exit 7 ("busy, try again"), not 6 ("broken"), and nothing changed; a
 * folder as the store, and a store path in errors. */
static void
test_store_busy_and_paths (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *folder = g_build_filename (fixture->dir, "a-folder", NULL);
  g_auto(Run) import = { 0 };
  g_auto(Run) busy = { 0 };
  g_auto(Run) history = { 0 };
  g_auto(Run) directory = { 0 };
  sqlite3 *holder = NULL;

  run_cli (fixture, &import, "import", example, NULL);
  g_assert_cmpint (import.status, ==, 0);

  g_assert_cmpint (sqlite3_open (fixture->store, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  run_cli (fixture, &busy, "import", example, NULL);
  g_assert_cmpint (sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (holder);

  g_assert_cmpint (busy.status, ==, 7);
  g_assert_nonnull (strstr (busy.err, "busy"));
  g_assert_nonnull (strstr (busy.err, fixture->store));
  run_cli (fixture, &history, "history", "--json", NULL);
  g_assert_cmpint (history.status, ==, 0);
  g_assert_nonnull (strstr (history.out, "\"revision\" : 1"));
  g_assert_null (strstr (history.out, "\"revision\" : 2"));

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  run_cli (fixture, &directory, "--store", folder, "history", NULL);
  g_assert_cmpint (directory.status, ==, 6);
  g_assert_nonnull (strstr (directory.err, folder));
  g_assert_nonnull (strstr (directory.err, "folder"));
}

/* checks: the registry, for people and for scripts. */
static void
test_checks (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Run) human = { 0 };
  g_auto(Run) json = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  const PbCheckInfo *checks;
  guint n;

  checks = pb_check_registry_get_all (&n);

  run_cli (fixture, &human, "checks", NULL);
  g_assert_cmpint (human.status, ==, 0);
  g_assert_nonnull (strstr (human.out, "error unmapped_major_state: Major states without a presence"));

  run_cli (fixture, &json, "checks", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *check = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (check, "code"), ==, checks[i].code);
      g_assert_cmpstr (json_object_get_string_member (check, "severity"), ==,
                       pb_severity_to_string (checks[i].severity));
      g_assert_cmpstr (json_object_get_string_member (check, "title"), ==, checks[i].title);
      g_assert_cmpstr (json_object_get_string_member (check, "advice"), ==, checks[i].advice);
    }
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) help = { 0 };
  g_auto(Run) command_help = { 0 };
  g_auto(Run) remote = { 0 };
  g_auto(Run) bad_option = { 0 };

  run_cli (fixture, &none, NULL);
  g_assert_cmpint (none.status, ==, 2);
  run_cli (fixture, &unknown, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));
  run_cli (fixture, &help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "validate"));
  run_cli (fixture, &command_help, "import", "--help", NULL);
  g_assert_cmpint (command_help.status, ==, 0);
  g_assert_nonnull (strstr (command_help.out, "--dry-run"));
  /* A remote command with no profile to work on. */
  run_cli (fixture, &remote, "push", NULL);
  g_assert_cmpint (remote.status, ==, 2);
  g_assert_nonnull (strstr (remote.err, "no profile"));
  run_cli (fixture, &bad_option, "validate", "--frob", "x.json", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);
  /* One line per error, the hint included. */
  g_assert_cmpint (strchr (bad_option.err, '\n') - bad_option.err, ==, strlen (bad_option.err) - 1);
}

static void
test_options_before_command (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *other_store = g_build_filename (fixture->dir, "other.db", NULL);
  g_auto(Run) import = { 0 };
  g_auto(Run) history = { 0 };
  g_auto(Run) dry = { 0 };
  g_auto(Run) empty_profile = { 0 };

  run_cli (fixture, &import, "--store", other_store, "--profile", "Lab", "import", example, NULL);
  g_assert_cmpint (import.status, ==, 0);
  run_cli (fixture, &history, "--store", other_store, "-p", "Lab", "history", "--json", NULL);
  g_assert_cmpint (history.status, ==, 0);
  g_assert_nonnull (strstr (history.out, "\"revision\" : 1"));
  g_assert_false (g_file_test (fixture->store, G_FILE_TEST_EXISTS));

  /* A dry run into a store that does not exist creates nothing. */
  run_cli (fixture, &dry, "import", "--dry-run", example, NULL);
  g_assert_cmpint (dry.status, ==, 0);
  g_assert_nonnull (strstr (dry.out, "stateToPresence.wrap"));
  g_assert_false (g_file_test (fixture->store, G_FILE_TEST_EXISTS));

  run_cli (fixture, &empty_profile, "import", "--profile", "", example, NULL);
  g_assert_cmpint (empty_profile.status, ==, 2);
  g_assert_false (g_file_test (fixture->store, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/validate/worked-example", test_validate_worked_example);
  ADD ("/cli/validate/errors", test_validate_errors);
  ADD ("/cli/validate/unreadable", test_validate_unreadable);
  ADD ("/cli/explain", test_explain);
  ADD ("/cli/import-export/round-trip", test_import_export_round_trip);
  ADD ("/cli/import/dry-run-diff-restore", test_import_dry_run_and_diff);
  ADD ("/cli/profiles", test_profiles);
  ADD ("/cli/store/unusable", test_store_unusable);
  ADD ("/cli/store/busy-and-paths", test_store_busy_and_paths);
  ADD ("/cli/checks", test_checks);
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/options-before-command", test_options_before_command);
#undef ADD

  return g_test_run ();
}
