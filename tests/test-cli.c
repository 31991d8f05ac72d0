/* test-cli.c: presence-bridge-cli as scripts use it: exit codes, output, JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Salesforce's limits are errors, and a label of any length gives short
 * lines. */
static void
test_validate_salesforce_limits (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GString) long_label = g_string_new ("\"");
  g_autofree char *path = NULL;
  g_autofree char *case_path = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) case_run = { 0 };

  for (guint i = 0; i < 100000; i++)
    g_string_append (long_label, "On a call ");
  g_string_append (long_label, "\"");
  path = write_variant (fixture, "long.json", "\"On a call\"", long_label->str);

  run_cli (fixture, &run, "validate", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "error: presenceStatuses[2].label: The label of On_a_call is longer than "
                                     "the 80 characters Salesforce allows: “On a call On a call"));
  g_assert_nonnull (strstr (run.out, "… (1000000 characters)” [label_too_long]"));
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpuint (strlen (lines[i]), <, 500);

  case_path = write_variant (fixture, "case.json", "\"apiName\": \"Taking_notes\"", "\"apiName\": \"ready_for_cases\"");
  run_cli (fixture, &case_run, "validate", "--json", case_path, NULL);
  g_assert_cmpint (case_run.status, ==, 1);
  {
    g_autoptr(JsonNode) root = parse_json (case_run.out);

    g_assert_true (array_has_finding (json_object_get_array_member (json_node_get_object (root), "errors"),
                                      "api_name_case_conflict", "presenceStatuses[4].apiName"));
  }
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
  g_auto(Run) set = { 0 };
  g_auto(Run) set_insecure = { 0 };
  g_auto(Run) set_both = { 0 };
  g_auto(Run) set_missing = { 0 };
  g_auto(Run) list_again = { 0 };
  g_auto(Run) remove = { 0 };
  g_auto(Run) missing = { 0 };
  g_autoptr(JsonNode) profiles = NULL;
  g_autoptr(JsonNode) profiles_again = NULL;
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

  /* set changes only what it is given; "" clears; a bad URL changes nothing. */
  run_cli (fixture, &set, "profile", "set", "Sandbox", "--platform-url", "https://platform.example",
           "--client-id", "", "--production-org", NULL);
  g_assert_cmpint (set.status, ==, 0);
  g_assert_nonnull (strstr (set.out, "Sandbox"));
  run_cli (fixture, &set_insecure, "profile", "set", "Sandbox", "--auth-url", "http://example.com", NULL);
  g_assert_cmpint (set_insecure.status, ==, 2);
  run_cli (fixture, &set_both, "profile", "set", "Sandbox", "--sandbox-org", "--production-org", NULL);
  g_assert_cmpint (set_both.status, ==, 2);
  run_cli (fixture, &set_missing, "profile", "set", "Nobody", "--client-id", "x", NULL);
  g_assert_cmpint (set_missing.status, ==, 2);
  g_assert_nonnull (strstr (set_missing.err, "Nobody"));
  run_cli (fixture, &list_again, "profile", "list", "--json", NULL);
  profiles_again = parse_json (list_again.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (profiles_again)), ==, 1);
  profile = json_array_get_object_element (json_node_get_array (profiles_again), 0);
  g_assert_cmpstr (json_object_get_string_member (profile, "platformUrl"), ==, "https://platform.example");
  g_assert_true (json_object_get_null_member (profile, "clientId"));
  g_assert_true (json_object_get_null_member (profile, "authUrl"));
  g_assert_cmpint (json_object_get_int_member (profile, "callbackPort"), ==, 1717);
  g_assert_false (json_object_get_boolean_member (profile, "sandboxOrg"));

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

/* The label of the issue that found control characters reaching the
 * terminal, as it is written in a file and as it is. */
#define HOSTILE_JSON "Ready\\u001b[31mRED\\u001b[0m\\u0007\\r\\nInjected line"
#define HOSTILE_TEXT "Ready\033[31mRED\033[0m\a\r\nInjected line"
#define HOSTILE_ESCAPED "Ready\\u001b[31mRED\\u001b[0m\\u0007\\u000d\\u000aInjected line"

/* Nothing a terminal would act on: no control character but the newline
 * that ends each line, no DEL, no C1 control, no bidi override. */
static void
assert_terminal_safe (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) ||
          (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        g_error ("U+%04X reaches the terminal in:\n%s", c, text);
    }
  g_assert_null (strstr (text, "\nInjected line"));
}

/* The worked example with the hostile text as a presence label and a state
 * name, in a file whose name carries an escape sequence too. */
static char *
write_hostile_variant (Fixture *fixture)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;

  g_assert_true (g_file_get_contents (example, &contents, NULL, NULL));
  text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (text, "\"Ready for chats\"", "\"" HOSTILE_JSON "\"", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "\"Break\"", "\"Break " HOSTILE_JSON "\"", 1), ==, 1);

  return write_file (fixture, "hostile\033[2J.json", text->str);
}

static void
test_escape_file_commands (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *hostile = write_hostile_variant (fixture);
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) validate = { 0 };
  g_auto(Run) validate_json = { 0 };
  g_auto(Run) explain = { 0 };
  g_auto(Run) dry = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) reimport = { 0 };
  g_auto(Run) explain_store = { 0 };
  g_auto(Run) history = { 0 };
  g_auto(Run) history_json = { 0 };
  g_auto(Run) diff = { 0 };
  gboolean found = FALSE;
  JsonArray *warnings;

  run_cli (fixture, &validate, "validate", hostile, NULL);
  g_assert_cmpint (validate.status, ==, 0);
  assert_terminal_safe (validate.out);
  g_assert_nonnull (strstr (validate.out, "“" HOSTILE_ESCAPED "”"));

  /* --json keeps the exact value. */
  run_cli (fixture, &validate_json, "validate", "--json", hostile, NULL);
  g_assert_cmpint (validate_json.status, ==, 0);
  assert_terminal_safe (validate_json.out);
  root = parse_json (validate_json.out);
  warnings = json_object_get_array_member (json_node_get_object (root), "warnings");
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    found = found || strstr (json_object_get_string_member (json_array_get_object_element (warnings, i), "message"),
                             "“" HOSTILE_TEXT "”") != NULL;
  g_assert_true (found);

  run_cli (fixture, &explain, "explain", hostile, NULL);
  g_assert_cmpint (explain.status, ==, 0);
  assert_terminal_safe (explain.out);
  g_assert_nonnull (strstr (explain.out, "• Agent picks “" HOSTILE_ESCAPED "” → ContactPad state Ready"));

  run_cli (fixture, &dry, "import", "--dry-run", hostile, NULL);
  g_assert_cmpint (dry.status, ==, 0);
  assert_terminal_safe (dry.out);
  g_assert_nonnull (strstr (dry.out, HOSTILE_ESCAPED));

  /* Into a profile that has the example: the differences quote the label. */
  run_cli (fixture, &import, "import", example, NULL);
  g_assert_cmpint (import.status, ==, 0);
  run_cli (fixture, &reimport, "import", hostile, NULL);
  g_assert_cmpint (reimport.status, ==, 0);
  assert_terminal_safe (reimport.out);
  assert_terminal_safe (reimport.err);
  g_assert_nonnull (strstr (reimport.out, "“" HOSTILE_ESCAPED "”"));

  /* Read back from the store. */
  run_cli (fixture, &explain_store, "explain", NULL);
  g_assert_cmpint (explain_store.status, ==, 0);
  assert_terminal_safe (explain_store.out);
  g_assert_cmpstr (explain_store.out, ==, explain.out);

  run_cli (fixture, &history, "history", NULL);
  g_assert_cmpint (history.status, ==, 0);
  assert_terminal_safe (history.out);
  g_assert_nonnull (strstr (history.out, "Imported from hostile\\u001b[2J.json"));

  run_cli (fixture, &history_json, "history", "--json", NULL);
  g_assert_cmpint (history_json.status, ==, 0);
  assert_terminal_safe (history_json.out);
  g_assert_nonnull (strstr (history_json.out, "Imported from hostile\\u001b[2J.json"));

  run_cli (fixture, &diff, "diff", "1", "2", NULL);
  g_assert_cmpint (diff.status, ==, 0);
  assert_terminal_safe (diff.out);
  g_assert_nonnull (strstr (diff.out, "is now labelled “" HOSTILE_ESCAPED "”"));
}

static void
test_escape_profiles_and_errors (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *missing = g_build_filename (fixture->dir, "gone\033[31m\r\n.json", NULL);
  g_autofree char *unwritable = g_build_filename (fixture->dir, "no\033]0;title\a", "out.json", NULL);
  g_autofree char *bad_key = write_variant (fixture, "bad-key.json", "\"Ready_for_Cases\": \"ready\"",
                                            "\"Ready_for_Cases\": \"ready\", \"Ready_for_Cases\": \"" HOSTILE_JSON "\"");
  g_autofree char *bad_type = write_variant (fixture, "bad-type.json", "\"On_a_call\": \"away\"",
                                             "\"On_a_call\\u001b[31m\\r\\n\": 7");
  g_autoptr(JsonNode) profiles = NULL;
  g_auto(Run) add = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) list_json = { 0 };
  g_auto(Run) use = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) history = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) read_error = { 0 };
  g_auto(Run) key_error = { 0 };
  g_auto(Run) type_error = { 0 };
  g_auto(Run) export_error = { 0 };
  g_auto(Run) usage = { 0 };
  g_auto(Run) command = { 0 };

  run_cli (fixture, &add, "profile", "add", HOSTILE_TEXT, NULL);
  g_assert_cmpint (add.status, ==, 0);
  assert_terminal_safe (add.out);
  g_assert_nonnull (strstr (add.out, "“" HOSTILE_ESCAPED "”"));

  run_cli (fixture, &list, "profile", "list", NULL);
  g_assert_cmpint (list.status, ==, 0);
  assert_terminal_safe (list.out);
  g_assert_cmpstr (list.out, ==, "* " HOSTILE_ESCAPED "\n");

  run_cli (fixture, &list_json, "profile", "list", "--json", NULL);
  assert_terminal_safe (list_json.out);
  profiles = parse_json (list_json.out);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (profiles), 0), "name"),
                   ==, HOSTILE_TEXT);

  run_cli (fixture, &use, "profile", "use", HOSTILE_TEXT, NULL);
  g_assert_cmpint (use.status, ==, 0);
  assert_terminal_safe (use.out);

  run_cli (fixture, &history, "history", NULL);
  g_assert_cmpint (history.status, ==, 0);
  assert_terminal_safe (history.out);
  g_assert_nonnull (strstr (history.out, HOSTILE_ESCAPED));

  run_cli (fixture, &import, "import", example, NULL);
  g_assert_cmpint (import.status, ==, 0);
  assert_terminal_safe (import.out);
  g_assert_nonnull (strstr (import.out, "“" HOSTILE_ESCAPED "” as revision 1"));

  /* Errors quote names, paths and the file's own text. */
  run_cli (fixture, &unknown, "profile", "remove", HOSTILE_TEXT "x", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  assert_terminal_safe (unknown.err);
  g_assert_nonnull (strstr (unknown.err, HOSTILE_ESCAPED "x"));

  run_cli (fixture, &read_error, "validate", missing, NULL);
  g_assert_cmpint (read_error.status, ==, 2);
  assert_terminal_safe (read_error.err);
  g_assert_nonnull (strstr (read_error.err, "gone\\u001b[31m\\u000d\\u000a.json"));

  run_cli (fixture, &key_error, "validate", bad_key, NULL);
  g_assert_cmpint (key_error.status, ==, 2);
  assert_terminal_safe (key_error.err);

  run_cli (fixture, &type_error, "import", bad_type, NULL);
  g_assert_cmpint (type_error.status, ==, 2);
  assert_terminal_safe (type_error.err);
  g_assert_nonnull (strstr (type_error.err, "On_a_call"));
  g_assert_cmpuint (strlen (type_error.err), ==, strcspn (type_error.err, "\n") + 1);

  run_cli (fixture, &export_error, "export", "-o", unwritable, NULL);
  g_assert_cmpint (export_error.status, ==, 2);
  assert_terminal_safe (export_error.err);
  g_assert_nonnull (strstr (export_error.err, "no\\u001b]0;title\\u0007"));

  run_cli (fixture, &usage, "profile", "frob\033[31m", "x", NULL);
  g_assert_cmpint (usage.status, ==, 2);
  assert_terminal_safe (usage.err);
  g_assert_nonnull (strstr (usage.err, "frob\\u001b[31m"));

  run_cli (fixture, &command, "frob\033[31m\r\n", NULL);
  g_assert_cmpint (command.status, ==, 2);
  assert_terminal_safe (command.err);
}

/* Every character pb_cli_escape() escapes, in two labels short enough to be
 * quoted whole: C0 controls in one, DEL, C1 and bidi controls in the other. */
static void
build_control_labels (GString *exact[2],
                      GString *json_text[2])
{
  for (guint i = 0; i < 2; i++)
    {
      exact[i] = g_string_new (i == 0 ? "C0" : "C1");
      json_text[i] = g_string_new (exact[i]->str);
    }

  for (gunichar c = 1; c < 0x20; c++)
    {
      g_string_append_unichar (exact[0], c);
      g_string_append_printf (json_text[0], "\\u%04x", c);
    }
  g_string_append (exact[0], "\\end");
  g_string_append (json_text[0], "\\\\end");

  for (gunichar c = 0x7F; c <= 0x9F; c++)
    g_string_append_unichar (exact[1], c);
  for (gunichar c = 0x202A; c <= 0x202E; c++)
    g_string_append_unichar (exact[1], c);
  for (gunichar c = 0x2066; c <= 0x2069; c++)
    g_string_append_unichar (exact[1], c);
  g_string_append (json_text[1], exact[1]->str + 2);
}

static gboolean
findings_quote (JsonArray  *findings,
                const char *text)
{
  g_autofree char *quoted = g_strdup_printf ("“%s”", text);

  for (guint i = 0; i < json_array_get_length (findings); i++)
    if (strstr (json_object_get_string_member (json_array_get_object_element (findings, i), "message"), quoted))
      return TRUE;

  return FALSE;
}

/* json-glib 1.6 writes U+001F, C1 controls and bidi controls raw; --json
 * output escapes them and still parses back to the exact value. */
static void
test_escape_json_every_control (Fixture       *fixture,
                                 gconstpointer  data)
{
  GString *exact[2];
  GString *json_text[2];
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) text_run = { 0 };
  g_auto(Run) exported = { 0 };
  JsonArray *info;

  build_control_labels (exact, json_text);
  {
    g_autofree char *example = pb_test_data_path ("worked-example.config.json");
    g_autofree char *contents = NULL;
    g_autoptr(GString) text = NULL;
    g_autofree char *chats = g_strdup_printf ("\"%s\"", json_text[0]->str);
    g_autofree char *notes = g_strdup_printf ("\"%s\"", json_text[1]->str);

    g_assert_true (g_file_get_contents (example, &contents, NULL, NULL));
    text = g_string_new (contents);
    g_assert_cmpuint (g_string_replace (text, "\"Ready for chats\"", chats, 1), ==, 1);
    g_assert_cmpuint (g_string_replace (text, "\"Taking notes\"", notes, 1), ==, 1);
    path = write_file (fixture, "controls.json", text->str);
  }

  run_cli (fixture, &run, "validate", "--json", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_terminal_safe (run.out);
  g_assert_null (strchr (run.out, '\037'));
  root = parse_json (run.out);
  info = json_object_get_array_member (json_node_get_object (root), "info");
  g_assert_true (findings_quote (info, exact[0]->str));
  g_assert_true (findings_quote (info, exact[1]->str));

  run_cli (fixture, &text_run, "validate", path, NULL);
  assert_terminal_safe (text_run.out);
  g_assert_nonnull (strstr (text_run.out, "“C0\\u0001\\u0002"));
  g_assert_nonnull (strstr (text_run.out, "\\u001e\\u001f\\\\end”"));
  g_assert_nonnull (strstr (text_run.out, "“C1\\u007f\\u0080"));
  g_assert_nonnull (strstr (text_run.out, "\\u009f\\u202a"));
  g_assert_nonnull (strstr (text_run.out, "\\u2069”"));

  /* An export to the terminal is a file too: safe, and read back exactly. */
  {
    g_auto(Run) import = { 0 };
    g_autoptr(PbConfiguration) configuration = NULL;
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;

    run_cli (fixture, &import, "import", path, NULL);
    g_assert_cmpint (import.status, ==, 0);
    run_cli (fixture, &exported, "export", NULL);
    g_assert_cmpint (exported.status, ==, 0);
    assert_terminal_safe (exported.out);
    bytes = g_bytes_new (exported.out, strlen (exported.out));
    configuration = pb_config_file_load_bytes (bytes, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (pb_configuration_get_presence_label (configuration, "Ready_for_Chats"), ==, exact[0]->str);
    g_assert_cmpstr (pb_configuration_get_presence_label (configuration, "Taking_notes"), ==, exact[1]->str);
  }

  for (guint i = 0; i < 2; i++)
    {
      g_string_free (exact[i], TRUE);
      g_string_free (json_text[i], TRUE);
    }
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
assert_valid_export (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(PbConfiguration) configuration = NULL;
  g_autoptr(GError) error = NULL;

  configuration = pb_config_file_load_bytes (bytes, &error);
  g_assert_no_error (error);
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A regular file is replaced atomically, with its permissions; a link is
 * followed and stays a link. */
static void
test_export_output_files (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *regular = write_file (fixture, "regular.json", "old");
  g_autofree char *target = write_file (fixture, "target.json", "old target");
  g_autofree char *link = g_build_filename (fixture->dir, "link.json", NULL);
  g_autofree char *dangling = g_build_filename (fixture->dir, "dangling.json", NULL);
  g_autofree char *dangling_target = g_build_filename (fixture->dir, "created.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *link_text = NULL;
  g_autofree char *created_text = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) to_regular = { 0 };
  g_auto(Run) to_link = { 0 };
  g_auto(Run) to_dangling = { 0 };
  GStatBuf info;

  run_cli (fixture, &import, "import", example, NULL);
  g_assert_cmpint (import.status, ==, 0);

  g_assert_cmpint (g_chmod (regular, 0640), ==, 0);
  run_cli (fixture, &to_regular, "export", "-o", regular, NULL);
  g_assert_cmpint (to_regular.status, ==, 0);
  text = read_text (regular);
  assert_valid_export (text);
  g_assert_cmpint (g_stat (regular, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0640);

  g_assert_cmpint (symlink ("target.json", link), ==, 0);
  run_cli (fixture, &to_link, "export", "-o", link, NULL);
  g_assert_cmpint (to_link.status, ==, 0);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  link_text = read_text (target);
  assert_valid_export (link_text);

  g_assert_cmpint (symlink ("created.json", dangling), ==, 0);
  run_cli (fixture, &to_dangling, "export", "-o", dangling, NULL);
  g_assert_cmpint (to_dangling.status, ==, 0);
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));
  created_text = read_text (dangling_target);
  assert_valid_export (created_text);

  /* Nothing left beside them (no temporary files). */
  g_assert_cmpuint (count_entries (fixture->dir), ==, 6);
}

/* A FIFO, /dev/stdout and a device are written to, never replaced. */
static void
test_export_output_special (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *fifo = g_build_filename (fixture->dir, "fifo", NULL);
  const char *args[] = { "export", "-o", fifo, NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fifo_text = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) to_stdout = { 0 };
  g_auto(Run) to_full = { 0 };
  GStatBuf info;

  run_cli (fixture, &import, "import", example, NULL);
  g_assert_cmpint (import.status, ==, 0);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  args[2] = fifo;
  process = spawn_cli (fixture, args);
  /* Blocks until the CLI opens the FIFO, then reads to its end. */
  fifo_text = read_text (fifo);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
  assert_valid_export (fifo_text);
  g_assert_cmpint (g_lstat (fifo, &info), ==, 0);
  g_assert_true (S_ISFIFO (info.st_mode));

  run_cli (fixture, &to_stdout, "export", "-o", "/dev/stdout", NULL);
  g_assert_cmpint (to_stdout.status, ==, 0);
  assert_valid_export (to_stdout.out);
  g_assert_cmpint (g_lstat ("/dev/stdout", &info), ==, 0);
  g_assert_true (S_ISLNK (info.st_mode));

  /* A device that cannot take it: the reason, exit 2, the device intact. */
  run_cli (fixture, &to_full, "export", "-o", "/dev/full", NULL);
  g_assert_cmpint (to_full.status, ==, 2);
  g_assert_nonnull (strstr (to_full.err, "/dev/full"));
  g_assert_nonnull (strstr (to_full.err, g_strerror (ENOSPC)));
  g_assert_cmpint (g_stat ("/dev/full", &info), ==, 0);
  g_assert_true (S_ISCHR (info.st_mode));
}

/* The file-size limit makes every write past 128 KiB of a file fail, as a
 * full disk would (SIGXFSZ ignored, so write() fails with EFBIG). Reading
 * the store writes only its shared-memory index (32 KiB), below it. */
#define FILE_SIZE_LIMIT (128 * 1024)

static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { FILE_SIZE_LIMIT, FILE_SIZE_LIMIT };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_export_output_failed_write (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(PbConfiguration) large = pb_generator_create (2000, 200, 1);
  g_autofree char *large_path = g_build_filename (fixture->dir, "large.json", NULL);
  g_autofree char *old = write_file (fixture, "old.json", "the old file");
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) failed = { 0 };
  g_auto(Run) to_stdout = { 0 };
  GStatBuf info;
  guint entries;

  /* An export larger than the limit. */
  g_assert_true (pb_config_file_save_path (large, large_path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (large_path, &info), ==, 0);
  g_assert_cmpint (info.st_size, >, FILE_SIZE_LIMIT);
  run_cli (fixture, &import, "import", large_path, NULL);
  g_assert_cmpint (import.status, ==, 0);
  entries = count_entries (fixture->dir);

  run_cli_with_setup (fixture, &failed, limit_file_size, "export", "-o", old, NULL);
  g_assert_cmpint (failed.status, ==, 2);
  g_assert_nonnull (strstr (failed.err, "old.json"));
  g_assert_nonnull (strstr (failed.err, g_strerror (EFBIG)));
  kept = read_text (old);
  g_assert_cmpstr (kept, ==, "the old file");
  g_assert_cmpuint (count_entries (fixture->dir), ==, entries);

  /* Standard output that cannot take it is reported too. */
  run_cli_with_setup (fixture, &to_stdout, limit_file_size, "export", "-o", "/dev/full", NULL);
  g_assert_cmpint (to_stdout.status, ==, 2);
  g_assert_nonnull (strstr (to_stdout.err, g_strerror (ENOSPC)));
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
  ADD ("/cli/validate/salesforce-limits", test_validate_salesforce_limits);
  ADD ("/cli/explain", test_explain);
  ADD ("/cli/import-export/round-trip", test_import_export_round_trip);
  ADD ("/cli/import/dry-run-diff-restore", test_import_dry_run_and_diff);
  ADD ("/cli/profiles", test_profiles);
  ADD ("/cli/store/unusable", test_store_unusable);
  ADD ("/cli/store/busy-and-paths", test_store_busy_and_paths);
  ADD ("/cli/checks", test_checks);
  ADD ("/cli/usage", test_usage);
  ADD ("/cli/options-before-command", test_options_before_command);
  ADD ("/cli/escape/file-commands", test_escape_file_commands);
  ADD ("/cli/escape/profiles-and-errors", test_escape_profiles_and_errors);
  ADD ("/cli/escape/json-every-control", test_escape_json_every_control);
  ADD ("/cli/export/output-files", test_export_output_files);
  ADD ("/cli/export/output-special", test_export_output_special);
  ADD ("/cli/export/output-failed-write", test_export_output_failed_write);
#undef ADD

  return g_test_run ();
}
