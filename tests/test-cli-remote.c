/* test-cli-remote.c: login, fetch, push, resolve and promote as scripts use
 * them, against the real sandbox over HTTP on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Black-box: every test starts its own presence-bridge-sandbox, points a
 * profile at it with `profile add`, and runs the real CLI binary; the
 * sandbox's request log says what went over the wire. The keyring is
 * libsecret's file backend in the test's own folder.
 */
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "pb-remote.h"
#include "pb-secrets.h"
#include "pb-test-cli.h"
#include "pb-test-fixtures.h"
#include "pb-test-remote.h"

typedef struct
{
  Fixture cli;
  PbTestSandbox *sandbox;
  guint port;
  char *callback;
  /* What no output may ever show. */
  GPtrArray *secrets;
} RemoteFixture;

static void
add_profile (RemoteFixture *f,
             PbTestSandbox *sandbox,
             const char    *name)
{
  g_autofree char *port = g_strdup_printf ("%u", f->port);
  g_auto(Run) run = { 0 };

  run_cli (&f->cli, &run, "profile", "add", name,
           "--platform-url", sandbox->platform_url, "--auth-url", sandbox->auth_url,
           "--client-id", sandbox->platform_client_id,
           "--salesforce-login-url", sandbox->salesforce_login_url,
           "--salesforce-client-id", sandbox->salesforce_client_id,
           "--callback-port", port, NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static PbTestSandbox *
start_sandbox (RemoteFixture      *f,
               const char * const *extra)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (char *)"--salesforce-callback");
  g_ptr_array_add (args, f->callback);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, (char *)extra[i]);
  g_ptr_array_add (args, NULL);

  return pb_test_sandbox_start ((const char * const *)args->pdata);
}

static void
remote_fixture_set_up (RemoteFixture *f,
                       gconstpointer  data)
{
  fixture_set_up (&f->cli, data);
  f->port = pb_test_free_port ();
  f->callback = g_strdup_printf ("http://localhost:%u/callback", f->port);
  f->sandbox = start_sandbox (f, data);
  f->secrets = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (f->secrets, g_strdup (f->sandbox->platform_client_secret));

  /* Each test a keyring of its own, for the CLI's processes. */
  pb_test_use_file_keyring (f->cli.dir);
  g_setenv (PB_ENV_PLATFORM_CLIENT_SECRET, f->sandbox->platform_client_secret, TRUE);
  g_unsetenv (PB_ENV_SALESFORCE_INSTANCE_URL);
  g_unsetenv (PB_ENV_SALESFORCE_ACCESS_TOKEN);

  add_profile (f, f->sandbox, "Sandbox");
}

static void
remote_fixture_tear_down (RemoteFixture *f,
                          gconstpointer  data)
{
  pb_test_sandbox_stop (f->sandbox);
  g_clear_pointer (&f->secrets, g_ptr_array_unref);
  g_clear_pointer (&f->callback, g_free);
  g_unsetenv (PB_ENV_PLATFORM_CLIENT_SECRET);
  g_unsetenv (PB_ENV_SALESFORCE_INSTANCE_URL);
  g_unsetenv (PB_ENV_SALESFORCE_ACCESS_TOKEN);
  fixture_tear_down (&f->cli, data);
}

static void
assert_no_secrets (RemoteFixture *f,
                   const char    *text)
{
  for (guint i = 0; i < f->secrets->len; i++)
    if (strstr (text, g_ptr_array_index (f->secrets, i)) != NULL)
      g_error ("the output “%s” shows the secret “%s”", text, (char *)g_ptr_array_index (f->secrets, i));

  /* A URL's query may hold a token or a code. */
  g_assert_null (strstr (text, "?q="));
  g_assert_null (strstr (text, "code="));
  g_assert_null (strstr (text, "access_token"));
}

static void
assert_one_line_each (const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_true (lines[i][0] == '\0' || g_str_has_prefix (lines[i], "presence-bridge-cli"));
}

/* Runs the CLI (NULL-terminated arguments) and checks what every run must
 * hold: no secret in its output, and every error line its own. */
G_GNUC_NULL_TERMINATED static void
run (RemoteFixture *f,
     Run           *result,
     ...)
{
  va_list args;

  va_start (args, result);
  run_cli_valist (&f->cli, result, args);
  va_end (args);
  g_test_message ("exit %d\n%s%s", result->status, result->out, result->err);
  assert_no_secrets (f, result->out);
  assert_no_secrets (f, result->err);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not in:\n%s", part, text);
}

static void
admin (PbTestSandbox *sandbox,
       const char    *method,
       const char    *path,
       const char    *body)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_admin (sandbox, method, path, body);

  g_assert_cmpuint (response->status, <, 300);
}

static guint
n_requests (PbTestSandbox *sandbox)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_admin (sandbox, "GET", "/requests", NULL);
  g_autoptr(JsonNode) root = pb_test_response_json (response);

  return json_array_get_length (json_object_get_array_member (json_node_get_object (root), "requests"));
}

/* Every row of every table, as text: equal dumps, an unchanged store. */
static char *
dump_store (const char *path)
{
  g_autoptr(GString) dump = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *)g_ptr_array_index (tables, t));

      g_string_append_printf (dump, "[%s]\n", (char *)g_ptr_array_index (tables, t));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (dump, "%s|", (const char *)sqlite3_column_text (stmt, c));
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&dump), FALSE);
}

static JsonArray *
history (RemoteFixture *f,
         const char    *profile,
         JsonNode     **holder)
{
  g_auto(Run) history_run = { 0 };

  run (f, &history_run, "history", "--profile", profile, "--json", NULL);
  g_assert_cmpint (history_run.status, ==, 0);
  *holder = parse_json (history_run.out);
  return json_node_get_array (*holder);
}

static const char *
newest_source (RemoteFixture *f,
               const char    *profile)
{
  g_autoptr(JsonNode) holder = NULL;
  JsonArray *revisions = history (f, profile, &holder);
  static char source[32];

  g_assert_cmpuint (json_array_get_length (revisions), >, 0);
  g_strlcpy (source, json_object_get_string_member (json_array_get_object_element (revisions, 0), "source"),
             sizeof source);
  return source;
}

/* A local edit: the worked example with Wrap up showing "On a call". */
static void
import_local_edit (RemoteFixture *f)
{
  g_autofree char *edited = write_variant (&f->cli, "edited.json", "\"wrap\": \"Taking_notes\"",
                                           "\"wrap\": \"On_a_call\"");
  g_auto(Run) import = { 0 };

  run (f, &import, "import", edited, NULL);
  g_assert_cmpint (import.status, ==, 0);
}

static void
fetch_ok (RemoteFixture *f)
{
  g_auto(Run) fetch = { 0 };

  run (f, &fetch, "fetch", NULL);
  g_assert_cmpint (fetch.status, ==, 0);
}

/* Someone else saves on the platform. */
static void
change_remotely (RemoteFixture *f)
{
  admin (f->sandbox, "PUT", "/configuration", "{\"presenceToState\":{\"On_a_call\":\"busy\"}}");
}

static char *
remote_configuration (RemoteFixture *f)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_get_configuration (f->sandbox);

  return pb_test_response_text (response);
}

/* fetch */

static void
test_fetch (RemoteFixture *f,
            gconstpointer  data)
{
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) third = { 0 };

  run (f, &first, "fetch", NULL);
  g_assert_cmpint (first.status, ==, 0);
  assert_contains (first.out, "Fetched profile “Sandbox”: the platform’s configuration is at revision 1.");
  assert_contains (first.out, "Agent states: 13. Presence statuses: 5, read from Salesforce by the platform at ");
  assert_contains (first.out, "+ presenceStatuses[apiName=Ready_for_Cases]: Presence status “Ready for cases” added");
  assert_contains (first.out, "+ agentStates[id=away.break]: Agent state Away › Break added");
  assert_contains (first.out, "The draft is the platform’s configuration now (recorded as revision 1).");
  g_assert_cmpstr (first.err, ==, "");
  g_assert_cmpstr (newest_source (f, "Sandbox"), ==, "fetch");
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "refresh", "POST"), ==, 1);

  /* The org renames, adds and removes statuses. */
  admin (f->sandbox, "PUT", "/org",
         "{\"presenceStatuses\":["
         "{\"apiName\":\"Ready_for_Cases\",\"label\":\"Ready for cases\",\"channels\":[\"sfdc_case\"]},"
         "{\"apiName\":\"Ready_for_Chats\",\"label\":\"Ready for chats\",\"channels\":[\"sfdc_livechat\"]},"
         "{\"apiName\":\"On_a_call\",\"label\":\"On the phone\",\"channels\":[]},"
         "{\"apiName\":\"Away_from_desk_temporary\",\"label\":\"Away from desk (temporary)\",\"channels\":[]},"
         "{\"apiName\":\"Taking_notes\",\"label\":\"Taking notes\",\"channels\":[]},"
         "{\"apiName\":\"Ready_for_Messaging\",\"label\":\"Ready for messaging\",\"channels\":[\"sfdc_messaging\"]}"
         "]}");
  run (f, &second, "fetch", NULL);
  g_assert_cmpint (second.status, ==, 0);
  assert_contains (second.out, "Changes to the lists:\n");
  assert_contains (second.out, "~ presenceStatuses[apiName=On_a_call].label: Presence status “On a call” is now labelled “On the phone”");
  assert_contains (second.out, "+ presenceStatuses[apiName=Ready_for_Messaging]: Presence status “Ready for messaging” added");
  g_assert_null (strstr (second.out, "agentStates"));
  assert_contains (second.out, "(recorded as revision 2)");

  admin (f->sandbox, "PUT", "/org",
         "{\"presenceStatuses\":["
         "{\"apiName\":\"Ready_for_Cases\",\"label\":\"Ready for cases\",\"channels\":[\"sfdc_case\"]},"
         "{\"apiName\":\"On_a_call\",\"label\":\"On the phone\",\"channels\":[]},"
         "{\"apiName\":\"Away_from_desk_temporary\",\"label\":\"Away from desk (temporary)\",\"channels\":[]},"
         "{\"apiName\":\"Taking_notes\",\"label\":\"Taking notes\",\"channels\":[]},"
         "{\"apiName\":\"Ready_for_Messaging\",\"label\":\"Ready for messaging\",\"channels\":[\"sfdc_messaging\"]}"
         "]}");
  run (f, &third, "fetch", NULL);
  g_assert_cmpint (third.status, ==, 0);
  assert_contains (third.out, "- presenceStatuses[apiName=Ready_for_Chats]: Presence status “Ready for chats” removed");
  assert_contains (third.out, "(recorded as revision 3)");

  {
    g_auto(Run) again = { 0 };

    run (f, &again, "fetch", NULL);
    g_assert_cmpint (again.status, ==, 0);
    assert_contains (again.out, "The lists have not changed.");
    assert_contains (again.out, "The draft is the platform’s configuration; the history has it already.");
  }
}

/* push */

static void
test_push (RemoteFixture *f,
           gconstpointer  data)
{
  g_auto(Run) push = { 0 };
  g_auto(Run) again = { 0 };
  g_autoptr(JsonNode) holder = NULL;
  g_autofree char *published = NULL;
  JsonObject *newest;

  fetch_ok (f);
  import_local_edit (f);
  pb_test_clear_requests (f->sandbox);

  run (f, &push, "push", "--comment", "Wrap up shows On a call", NULL);
  g_assert_cmpint (push.status, ==, 0);
  assert_contains (push.out, "Published profile “Sandbox”: the platform’s configuration is at revision 2 "
                             "(recorded as revision 3).");
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "configuration-put", "PUT"), ==, 1);
  published = remote_configuration (f);
  assert_contains (published, "\"wrap\":\"On_a_call\"");

  newest = json_array_get_object_element (history (f, "Sandbox", &holder), 0);
  g_assert_cmpstr (json_object_get_string_member (newest, "source"), ==, "publish");
  g_assert_cmpstr (json_object_get_string_member (newest, "comment"), ==, "Wrap up shows On a call");

  /* Published already: nothing goes out. */
  pb_test_clear_requests (f->sandbox);
  run (f, &again, "push", NULL);
  g_assert_cmpint (again.status, ==, 0);
  assert_contains (again.out, "Nothing to publish");
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "configuration-put", NULL), ==, 0);
}

static void
test_push_errors (RemoteFixture *f,
                  gconstpointer  data)
{
  g_autofree char *broken = write_variant (&f->cli, "broken.json", "\"away\": \"Away_from_desk_temporary\",", "");
  g_auto(Run) import = { 0 };
  g_auto(Run) push = { 0 };
  g_auto(Run) never = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Never fetched: nothing to publish over. */
  run (f, &never, "push", NULL);
  g_assert_cmpint (never.status, ==, 3);
  assert_contains (never.err, "never been fetched");

  fetch_ok (f);
  run (f, &import, "import", broken, NULL);
  g_assert_cmpint (import.status, ==, 0);
  pb_test_clear_requests (f->sandbox);
  before = dump_store (f->cli.store);

  run (f, &push, "push", NULL);
  g_assert_cmpint (push.status, ==, 1);
  assert_contains (push.out, "error: stateToPresence.away: ");
  assert_contains (push.out, "[unmapped_major_state]");
  assert_contains (push.err, "the draft of “Sandbox” has 1 error: nothing was published");
  assert_one_line_each (push.err);

  /* Nothing was sent, nothing written. */
  g_assert_cmpuint (n_requests (f->sandbox), ==, 0);
  after = dump_store (f->cli.store);
  g_assert_cmpstr (before, ==, after);
}

/* Drafts, fetches and conflicts */

static void
make_conflict (RemoteFixture *f)
{
  g_auto(Run) fetch = { 0 };

  fetch_ok (f);
  import_local_edit (f);
  change_remotely (f);

  run (f, &fetch, "fetch", NULL);
  g_assert_cmpint (fetch.status, ==, 0);
  assert_contains (fetch.out, "The draft keeps its unpublished edits, and is in conflict with the platform’s "
                              "configuration.");
  assert_contains (fetch.err, "warning: profile “Sandbox” is in conflict");
  assert_contains (fetch.err, "“push” exits with 3 until “resolve --keep-local” or “resolve --take-remote”");
}

static void
push_refused_in_conflict (RemoteFixture *f)
{
  g_auto(Run) push = { 0 };

  pb_test_clear_requests (f->sandbox);
  run (f, &push, "push", NULL);
  g_assert_cmpint (push.status, ==, 3);
  assert_contains (push.err, "profile “Sandbox” is in conflict");
  assert_contains (push.err, "nothing was published");
  g_assert_cmpuint (n_requests (f->sandbox), ==, 0);
}

static void
test_conflict_keep_local (RemoteFixture *f,
                          gconstpointer  data)
{
  g_auto(Run) resolve = { 0 };
  g_auto(Run) push = { 0 };
  g_auto(Run) nothing = { 0 };
  g_autofree char *published = NULL;

  make_conflict (f);
  push_refused_in_conflict (f);

  run (f, &resolve, "resolve", "--keep-local", NULL);
  g_assert_cmpint (resolve.status, ==, 0);
  assert_contains (resolve.out, "Kept the draft of “Sandbox”, now based on the platform’s configuration at "
                                "revision 2: the next “push” replaces that configuration.");

  run (f, &push, "push", NULL);
  g_assert_cmpint (push.status, ==, 0);
  published = remote_configuration (f);
  /* Ours replaced theirs, deliberately. */
  assert_contains (published, "\"wrap\":\"On_a_call\"");
  assert_contains (published, "\"On_a_call\":\"away\"");

  run (f, &nothing, "resolve", "--take-remote", NULL);
  g_assert_cmpint (nothing.status, ==, 0);
  assert_contains (nothing.out, "Profile “Sandbox” is not in conflict with the platform’s configuration: "
                                "there is nothing to resolve.");
}

static void
test_conflict_take_remote (RemoteFixture *f,
                           gconstpointer  data)
{
  g_auto(Run) both = { 0 };
  g_auto(Run) neither = { 0 };
  g_auto(Run) resolve = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) push = { 0 };
  g_autoptr(JsonNode) holder = NULL;
  JsonArray *revisions;

  make_conflict (f);

  run (f, &both, "resolve", "--keep-local", "--take-remote", NULL);
  g_assert_cmpint (both.status, ==, 2);
  run (f, &neither, "resolve", NULL);
  g_assert_cmpint (neither.status, ==, 2);

  run (f, &resolve, "resolve", "--take-remote", NULL);
  g_assert_cmpint (resolve.status, ==, 0);
  assert_contains (resolve.out, "The draft of “Sandbox” is the platform’s configuration at revision 2 now "
                                "(recorded as revision 3); the edits it replaced are in the history.");

  run (f, &export, "export", NULL);
  g_assert_cmpint (export.status, ==, 0);
  assert_contains (export.out, "\"On_a_call\": \"busy\"");
  assert_contains (export.out, "\"wrap\": \"Taking_notes\"");

  /* The local edit is in the history (its import), the remote one on top. */
  revisions = history (f, "Sandbox", &holder);
  g_assert_cmpuint (json_array_get_length (revisions), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (revisions, 1), "source"), ==,
                   "import");

  run (f, &push, "push", NULL);
  g_assert_cmpint (push.status, ==, 0);
  assert_contains (push.out, "Nothing to publish");
}

/* 412: someone saved in between (the fault saves the same content again). */
static void
test_push_conflict_fault (RemoteFixture *f,
                          gconstpointer  data)
{
  g_auto(Run) push = { 0 };
  g_auto(Run) again = { 0 };

  fetch_ok (f);
  import_local_edit (f);
  pb_test_add_fault (f->sandbox, "configuration-put", "conflict", -1, 1);

  run (f, &push, "push", NULL);
  g_assert_cmpint (push.status, ==, 3);
  assert_contains (push.err, "The platform's configuration changed since it was fetched");
  assert_contains (push.err, "fetching the platform’s configuration as it is now");
  /* The same content: the draft keeps its edits, without a conflict. */
  assert_contains (push.out, "Fetched profile “Sandbox”: the platform’s configuration is at revision 2.");
  assert_contains (push.out, "The draft keeps its unpublished edits, on the fetched lists.");

  run (f, &again, "push", NULL);
  g_assert_cmpint (again.status, ==, 0);
  assert_contains (again.out, "at revision 3");
}

/* 412 from a real change elsewhere: the conflict is recorded and holds. */
static void
test_push_conflict_recorded (RemoteFixture *f,
                             gconstpointer  data)
{
  g_auto(Run) push = { 0 };

  fetch_ok (f);
  import_local_edit (f);
  change_remotely (f);

  run (f, &push, "push", NULL);
  g_assert_cmpint (push.status, ==, 3);
  assert_contains (push.err, "nothing was published");
  assert_contains (push.err, "warning: profile “Sandbox” is in conflict");
  assert_contains (push.out, "is in conflict with the platform’s configuration");
  assert_one_line_each (push.err);

  push_refused_in_conflict (f);
}

static void
test_push_refused (RemoteFixture *f,
                   gconstpointer  data)
{
  g_auto(Run) push = { 0 };
  g_auto(Run) feature_off = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fetch_ok (f);
  import_local_edit (f);
  before = dump_store (f->cli.store);
  pb_test_add_fault (f->sandbox, "configuration-put", "refuse", -1, 1);

  run (f, &push, "push", NULL);
  g_assert_cmpint (push.status, ==, 4);
  assert_contains (push.out, "error: stateToPresence.ready: ");
  assert_contains (push.out, "[mapping_refused]");
  assert_contains (push.out, "1 error, 0 warnings, 0 notes");
  assert_contains (push.err, "The platform refused the configuration");
  g_assert_cmpstr (newest_source (f, "Sandbox"), ==, "import");

  pb_test_clear_requests (f->sandbox);
  pb_test_add_fault (f->sandbox, "account", "feature-off", -1, 1);
  run (f, &feature_off, "push", NULL);
  g_assert_cmpint (feature_off.status, ==, 4);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "configuration-put", NULL), ==, 0);

  after = dump_store (f->cli.store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_feature_off (RemoteFixture *f,
                  gconstpointer  data)
{
  g_auto(Run) fetch = { 0 };

  pb_test_add_fault (f->sandbox, "account", "feature-off", -1, 1);
  run (f, &fetch, "fetch", NULL);
  g_assert_cmpint (fetch.status, ==, 4);
  assert_one_line_each (fetch.err);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "agent-states", NULL), ==, 0);

  {
    g_autoptr(JsonNode) holder = NULL;

    g_assert_cmpuint (json_array_get_length (history (f, "Sandbox", &holder)), ==, 0);
  }
}

/* The remote side failing in every way that is not the configuration's
 * fault: exit 5, one line saying what failed, and the store exactly as it
 * was. */
typedef struct
{
  const char *endpoint;
  const char *kind;
  int value;
} Fault;

static void
assert_fails_unchanged (RemoteFixture *f,
                        const char    *command,
                        const Fault   *faults,
                        guint          n_faults)
{
  for (guint i = 0; i < n_faults; i++)
    {
      g_auto(Run) failed = { 0 };
      g_autofree char *before = dump_store (f->cli.store);
      g_autofree char *after = NULL;

      pb_test_add_fault (f->sandbox, faults[i].endpoint, faults[i].kind, faults[i].value, 1);
      run (f, &failed, command, NULL);
      g_assert_cmpint (failed.status, ==, 5);
      g_assert_true (g_str_has_prefix (failed.err, "presence-bridge-cli: "));
      g_assert_cmpuint (strlen (failed.err), ==, strchr (failed.err, '\n') - failed.err + 1);
      after = dump_store (f->cli.store);
      g_assert_cmpstr (before, ==, after);
      admin (f->sandbox, "DELETE", "/faults", NULL);
    }
}

static void
test_remote_failures (RemoteFixture *f,
                      gconstpointer  data)
{
  static const Fault fetch_faults[] = {
    { "configuration-get", "status", 500 },
    { "agent-states", "malformed", -1 },
    { "refresh", "truncated", -1 },
    { "platform-token", "status", 500 },
    /* Asked to wait longer than the client ever waits. */
    { "account", "unavailable", 120 },
  };
  static const Fault push_faults[] = {
    { "configuration-put", "status", 500 },
    { "configuration-put", "truncated", -1 },
    { "account", "malformed", -1 },
  };
  g_auto(Run) fetch = { 0 };
  g_auto(Run) resolve = { 0 };

  fetch_ok (f);
  import_local_edit (f);
  /* What a successful fetch would record differs from what is stored. */
  change_remotely (f);
  admin (f->sandbox, "PUT", "/org",
         "{\"presenceStatuses\":[{\"apiName\":\"Only_one\",\"label\":\"Only one\",\"channels\":[]}]}");
  assert_fails_unchanged (f, "fetch", fetch_faults, G_N_ELEMENTS (fetch_faults));

  /* Publishable again (the statuses back, the conflict settled), then
   * every publish fails. */
  admin (f->sandbox, "POST", "/reset", NULL);
  change_remotely (f);
  run (f, &fetch, "fetch", NULL);
  g_assert_cmpint (fetch.status, ==, 0);
  run (f, &resolve, "resolve", "--keep-local", NULL);
  g_assert_cmpint (resolve.status, ==, 0);
  assert_fails_unchanged (f, "push", push_faults, G_N_ELEMENTS (push_faults));
}

static void
test_rate_limited (RemoteFixture *f,
                   gconstpointer  data)
{
  g_auto(Run) fetch = { 0 };
  gint64 start;

  pb_test_add_fault (f->sandbox, "refresh", "rate-limit", 1, 1);
  start = g_get_monotonic_time ();
  run (f, &fetch, "fetch", NULL);
  g_assert_cmpint (fetch.status, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  assert_contains (fetch.err, "trying again in 1 s");
  assert_one_line_each (fetch.err);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "refresh", "POST"), ==, 2);
}

/* Credentials */

static void
test_environment (RemoteFixture *f,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) tokens = pb_test_sandbox_salesforce_sign_in (f->sandbox, f->callback);
  JsonObject *answer = json_node_get_object (tokens);
  g_auto(Run) direct = { 0 };
  g_auto(Run) expired = { 0 };
  g_auto(Run) half = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_ptr_array_add (f->secrets, g_strdup (json_object_get_string_member (answer, "access_token")));
  g_ptr_array_add (f->secrets, g_strdup (json_object_get_string_member (answer, "refresh_token")));
  g_setenv (PB_ENV_SALESFORCE_INSTANCE_URL, f->sandbox->url, TRUE);
  g_setenv (PB_ENV_SALESFORCE_ACCESS_TOKEN, json_object_get_string_member (answer, "access_token"), TRUE);

  pb_test_clear_requests (f->sandbox);
  run (f, &direct, "fetch", NULL);
  g_assert_cmpint (direct.status, ==, 0);
  assert_contains (direct.out, "Presence statuses: 5, read from Salesforce.");
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "query", "GET"), ==, 3);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "refresh", NULL), ==, 0);
  /* The environment is used, never written. */
  g_assert_false (g_file_test (g_getenv ("SECRET_FILE_TEST_PATH"), G_FILE_TEST_EXISTS));

  admin (f->sandbox, "PUT", "/org",
         "{\"presenceStatuses\":[{\"apiName\":\"Only_one\",\"label\":\"Only one\",\"channels\":[]}]}");
  admin (f->sandbox, "POST", "/expire-tokens", NULL);
  before = dump_store (f->cli.store);
  run (f, &expired, "fetch", NULL);
  g_assert_cmpint (expired.status, ==, 5);
  assert_contains (expired.err, "Sign in to Salesforce again");
  assert_one_line_each (expired.err);
  after = dump_store (f->cli.store);
  g_assert_cmpstr (before, ==, after);

  g_unsetenv (PB_ENV_SALESFORCE_INSTANCE_URL);
  run (f, &half, "fetch", NULL);
  g_assert_cmpint (half.status, ==, 5);
  assert_contains (half.err, PB_ENV_SALESFORCE_INSTANCE_URL);
}

/* Scripts in CI have no keyring: the environment's secret is enough. */
static void
test_no_keyring (RemoteFixture *f,
                 gconstpointer  data)
{
  g_auto(Run) fetch = { 0 };
  g_auto(Run) without_secret = { 0 };
  g_autofree char *bus = g_strdup_printf ("unix:path=%s/no-bus", f->cli.dir);
  g_autofree char *session_bus = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

  g_setenv ("SECRET_BACKEND", "service", TRUE);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", bus, TRUE);

  run (f, &fetch, "fetch", NULL);
  g_assert_cmpint (fetch.status, ==, 0);
  assert_contains (fetch.out, "read from Salesforce by the platform");

  g_unsetenv (PB_ENV_PLATFORM_CLIENT_SECRET);
  run (f, &without_secret, "fetch", NULL);
  g_assert_cmpint (without_secret.status, ==, 5);
  assert_contains (without_secret.err, "keyring");

  if (session_bus != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", session_bus, TRUE);
  else
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_setenv ("SECRET_BACKEND", "file", TRUE);
}

static void
test_not_configured (RemoteFixture *f,
                     gconstpointer  data)
{
  g_auto(Run) add = { 0 };
  g_auto(Run) fetch = { 0 };
  g_auto(Run) extra = { 0 };

  run (f, &add, "profile", "add", "Bare", NULL);
  g_assert_cmpint (add.status, ==, 0);
  run (f, &fetch, "fetch", "--profile", "Bare", NULL);
  g_assert_cmpint (fetch.status, ==, 5);
  assert_contains (fetch.err, "The profile “Bare” has no platform URL");

  run (f, &extra, "fetch", "now", NULL);
  g_assert_cmpint (extra.status, ==, 2);
}

/* login: the test plays the browser */

static char *
read_line (GDataInputStream *stream)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (stream, NULL, NULL, &error);

  g_assert_no_error (error);
  return line;
}

static char *
read_all (GInputStream *stream)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (memory, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write (memory, "", 1, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
}

static char *
stored_refresh_token (RemoteFixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) login_url = pb_http_client_parse_url (f->sandbox->salesforce_login_url, "login", NULL);
  g_autofree char *key = pb_remote_uri_to_display (login_url);
  char *token;

  pb_secrets_lookup_async ("Sandbox", PB_SECRET_SALESFORCE_REFRESH_TOKEN, key,
                           f->sandbox->salesforce_client_id, NULL, pb_test_on_result, &result);
  token = pb_secrets_lookup_finish (pb_test_wait (&result), &error);
  g_assert_no_error (error);

  return token;
}

static char *saved_lsan_options;
static char *keyring_suppressions;

/* LeakSanitizer reads one suppressions file: lsan.supp and
 * lsan-file-keyring.supp together, for the child only. */
static void
with_keyring_suppressions (void)
{
  const char *options = g_getenv ("LSAN_OPTIONS");
  g_autofree char *dir = g_build_filename (g_getenv ("PB_SOURCE_ROOT"), "tests", "sanitizers", NULL);
  g_autofree char *general = g_build_filename (dir, "lsan.supp", NULL);
  g_autofree char *keyring = g_build_filename (dir, "lsan-file-keyring.supp", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *both = NULL;
  g_autofree char *combined = NULL;

  if (options == NULL || strstr (options, "suppressions=") == NULL)
    return;

  g_assert_true (g_file_get_contents (general, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (keyring, &b, NULL, NULL));
  both = g_strconcat (a, "\n", b, NULL);
  keyring_suppressions = g_build_filename (g_get_tmp_dir (), "pb-lsan-keyring.supp", NULL);
  g_assert_true (g_file_set_contents (keyring_suppressions, both, -1, NULL));

  saved_lsan_options = g_strdup (options);
  combined = g_strdup_printf ("%s:suppressions=%s", options, keyring_suppressions);
  g_setenv ("LSAN_OPTIONS", combined, TRUE);
}

static void
restore_suppressions (void)
{
  if (saved_lsan_options == NULL)
    return;

  g_setenv ("LSAN_OPTIONS", saved_lsan_options, TRUE);
  g_clear_pointer (&saved_lsan_options, g_free);
}

static void
test_login (RemoteFixture *f,
            gconstpointer  data)
{
  static const char * const args[] = { "login", NULL };
  g_autoptr(GSubprocess) process = NULL;

  /* The CLI writes libsecret's file backend: under AddressSanitizer it
   * needs the suppression of lsan-file-keyring.supp too. */
  with_keyring_suppressions ();
  process = spawn_cli (&f->cli, args);
  restore_suppressions ();
  g_autoptr(GDataInputStream) err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  g_autoptr(PbTestResponse) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *location = NULL;
  g_autofree char *out = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *refresh_token = NULL;
  g_autofree char *text = NULL;
  g_auto(Run) fetch = { 0 };

  /* The address is printed on a line of its own. */
  while (url == NULL)
    {
      g_autofree char *line = read_line (err);

      g_assert_nonnull (line);
      assert_no_secrets (f, line);
      if (g_str_has_prefix (line, f->sandbox->salesforce_login_url))
        url = g_steal_pointer (&line);
    }
  assert_contains (url, "/services/oauth2/authorize?");
  assert_contains (url, "code_challenge_method=S256");

  location = pb_test_sandbox_approve (f->sandbox, url, TRUE);
  g_assert_true (g_str_has_prefix (location, f->callback));
  page = pb_test_sandbox_request (f->sandbox, "GET", location, NULL, NULL, NULL, 0);
  g_assert_cmpuint (page->status, ==, 200);

  out = read_all (g_subprocess_get_stdout_pipe (process));
  rest = read_all (G_INPUT_STREAM (err));
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_test_message ("login: %s%s", out, rest);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  assert_contains (out, "Signed in to Salesforce for profile “Sandbox”.");
  assert_contains (rest, "Waiting for the browser… (Ctrl+C stops)\n");

  /* The keyring holds the sign-in; no output shows it. */
  refresh_token = stored_refresh_token (f);
  g_assert_nonnull (refresh_token);
  g_ptr_array_add (f->secrets, g_strdup (refresh_token));
  assert_no_secrets (f, out);
  assert_no_secrets (f, rest);
  text = pb_test_response_text (page);
  g_assert_null (strstr (text, refresh_token));

  /* The next fetch reads the statuses from Salesforce with it. */
  pb_test_clear_requests (f->sandbox);
  run (f, &fetch, "fetch", NULL);
  g_assert_cmpint (fetch.status, ==, 0);
  assert_contains (fetch.out, "read from Salesforce.");
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "query", "GET"), ==, 3);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "refresh", NULL), ==, 0);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "salesforce-token", "POST"), ==, 1);
}

/* Ctrl+C: the operation stops at once, nothing is written. */
static void
test_interrupted (RemoteFixture *f,
                  gconstpointer  data)
{
  static const char * const args[] = { "fetch", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 start;

  fetch_ok (f);
  admin (f->sandbox, "PUT", "/org",
         "{\"presenceStatuses\":[{\"apiName\":\"Only_one\",\"label\":\"Only one\",\"channels\":[]}]}");
  before = dump_store (f->cli.store);
  pb_test_clear_requests (f->sandbox);
  pb_test_add_fault (f->sandbox, "refresh", "latency", 8000, 1);

  process = spawn_cli (&f->cli, args);
  start = g_get_monotonic_time ();
  while (pb_test_count_requests (f->sandbox, "refresh", NULL) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
      pb_test_run_for (20);
    }

  start = g_get_monotonic_time ();
  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  assert_contains (err, "interrupted: nothing was fetched; the store is as it was");
  g_assert_cmpstr (out, ==, "");

  after = dump_store (f->cli.store);
  g_assert_cmpstr (before, ==, after);
}

/* Untrusted text from a server stays text on the terminal. */
static void
test_hostile_labels (RemoteFixture *f,
                     gconstpointer  data)
{
  g_auto(Run) fetch = { 0 };

  admin (f->sandbox, "PUT", "/org",
         "{\"presenceStatuses\":["
         "{\"apiName\":\"Ready_for_Cases\",\"label\":\"\\u001b[31mRed\\rover\\nwritten\\u009b\",\"channels\":[]}],"
         "\"agentStates\":["
         "{\"id\":\"ready\",\"name\":\"Ready\\u001b]0;title\\u0007\",\"major\":null},"
         "{\"id\":\"logged_out\",\"name\":\"Logged out\",\"major\":null}]}");

  run (f, &fetch, "fetch", NULL);
  g_assert_cmpint (fetch.status, ==, 0);
  assert_contains (fetch.out, "Presence status “\\u001b[31mRed\\u000dover\\u000awritten\\u009b” added");
  assert_contains (fetch.out, "Agent state Ready\\u001b]0;title\\u0007 added");
  g_assert_null (strchr (fetch.out, '\033'));
  g_assert_null (strchr (fetch.out, '\r'));
  g_assert_null (strchr (fetch.out, '\a'));
  g_assert_null (strstr (fetch.out, "\302\233"));
  g_assert_null (strchr (fetch.err, '\033'));
}

/* promote: a sandbox org's configuration onto production's lists */

static char *
production_seed (RemoteFixture *f)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (example, &contents, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (contents);
  /* Production has a status of its own (first, so every record Id
   * differs), no "Taking notes", and another org. */
  g_assert_cmpuint (g_string_replace (text, "\"channels\": [] },\n    { \"apiName\": \"Taking_notes\", "
                                            "\"label\": \"Taking notes\", \"channels\": [] }\n",
                                      "\"channels\": [] }\n", 0), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "\"presenceStatuses\": [\n",
                                      "\"presenceStatuses\": [\n    { \"apiName\": \"Ready_for_Messaging\", "
                                      "\"label\": \"Ready for messaging\", \"channels\": [\"sfdc_messaging\"] },\n",
                                      0), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "\"Taking_notes\"", "\"On_a_call\"", 0), ==, 2);
  g_assert_cmpuint (g_string_replace (text, "00D5g000000EXAMPLE", "00D5g000000PRODUC", 0), ==, 1);

  return write_file (&f->cli, "production.json", text->str);
}

/* The record Id of @api_name in the lists of @profile's draft. */
static char *
draft_record_id (RemoteFixture *f,
                 const char    *profile,
                 const char    *api_name)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->cli.store, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT s.record_id FROM snapshot_presence_statuses s "
                                       "JOIN drafts d ON d.snapshot_id = s.snapshot_id "
                                       "JOIN profiles p ON p.id = d.profile_id "
                                       "WHERE p.name = ?1 AND s.api_name = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, profile, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, api_name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return id;
}

/* The record Id the sandbox's org gave @api_name. */
static char *
org_record_id (PbTestSandbox *sandbox,
               const char    *api_name)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_admin (sandbox, "GET", "/org", NULL);
  g_autoptr(JsonNode) root = pb_test_response_json (response);
  JsonObject *org = json_object_get_object_member (json_node_get_object (root), "org");
  JsonArray *statuses = json_object_get_array_member (org, "presenceStatuses");

  for (guint i = 0; i < json_array_get_length (statuses); i++)
    {
      JsonObject *status = json_array_get_object_element (statuses, i);

      if (g_str_equal (json_object_get_string_member (status, "apiName"), api_name))
        return g_strdup (json_object_get_string_member (status, "id"));
    }
  return NULL;
}

static void
test_promote (RemoteFixture *f,
              gconstpointer  data)
{
  g_autofree char *seed = production_seed (f);
  const char *production_args[] = { "--seed", seed, NULL };
  PbTestSandbox *production = start_sandbox (f, production_args);
  g_auto(Run) use = { 0 };
  g_auto(Run) fetch = { 0 };
  g_auto(Run) promote = { 0 };
  g_auto(Run) same = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) empty = { 0 };
  g_auto(Run) add = { 0 };
  g_autoptr(JsonNode) holder = NULL;
  g_autofree char *sandbox_id = NULL;
  g_autofree char *production_id = NULL;
  g_autofree char *org_id = NULL;
  const char *changes;
  JsonObject *newest;

  add_profile (f, production, "Production");
  run (f, &use, "profile", "use", "Sandbox", NULL);
  g_assert_cmpint (use.status, ==, 0);
  fetch_ok (f);
  import_local_edit (f);
  run (f, &fetch, "fetch", "--profile", "Production", NULL);
  g_assert_cmpint (fetch.status, ==, 0);

  run (f, &promote, "promote", "--from", "Sandbox", "--to", "Production", NULL);
  g_assert_cmpint (promote.status, ==, 0);
  assert_contains (promote.out, "Promoting profile “Sandbox” to “Production”.\n"
                                "What did not match (“the target” is “Production”):\n");
  assert_contains (promote.out, "- presenceStatuses[apiName=Taking_notes]: The target has no presence status "
                                "“Taking notes”\n");
  assert_contains (promote.out, "- stateToPresence.ready_offline: Ready (Offline) shows “Taking notes”, which the "
                                "target does not have: it is left unmapped there\n");
  assert_contains (promote.out, "+ presenceStatuses[apiName=Ready_for_Messaging]: Presence status “Ready for "
                                "messaging” is only in the target: its mapping there is kept\n");
  changes = strstr (promote.out, "Changes to the draft of “Production”:\n");
  g_assert_nonnull (changes);
  assert_contains (changes, "\n- stateToPresence.ready_offline: ");
  assert_contains (promote.out, "Recorded as revision 2, the draft of “Production”; “push --profile Production” "
                                "publishes it.");
  /* Ready (Offline) is a major left unmapped: an error, said. */
  assert_contains (promote.err, "warning: the promoted configuration has 1 error");

  newest = json_array_get_object_element (history (f, "Production", &holder), 0);
  g_assert_cmpstr (json_object_get_string_member (newest, "source"), ==, "promote");
  g_assert_cmpstr (json_object_get_string_member (newest, "comment"), ==, "Promoted from “Sandbox”");

  /* The target keeps its own lists: production's record Ids. */
  sandbox_id = draft_record_id (f, "Sandbox", "On_a_call");
  production_id = draft_record_id (f, "Production", "On_a_call");
  g_assert_nonnull (sandbox_id);
  g_assert_cmpstr (sandbox_id, !=, production_id);
  org_id = org_record_id (production, "On_a_call");
  g_assert_cmpstr (production_id, ==, org_id);
  g_assert_null (draft_record_id (f, "Production", "Taking_notes"));

  /* Usage and profiles without lists. */
  run (f, &same, "promote", "--from", "Sandbox", "--to", "Sandbox", NULL);
  g_assert_cmpint (same.status, ==, 2);
  run (f, &missing, "promote", "--from", "Sandbox", "--to", "Nowhere", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  run (f, &add, "profile", "add", "Empty", NULL);
  run (f, &empty, "promote", "--from", "Sandbox", "--to", "Empty", NULL);
  g_assert_cmpint (empty.status, ==, 2);
  assert_contains (empty.err, "profile “Empty” has no agent states or presence statuses yet");

  pb_test_sandbox_stop (production);
}

static const char * const no_args[] = { NULL };

#define TEST(path, function) \
  g_test_add (path, RemoteFixture, no_args, remote_fixture_set_up, function, remote_fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  TEST ("/cli-remote/fetch", test_fetch);
  TEST ("/cli-remote/push", test_push);
  TEST ("/cli-remote/push/errors", test_push_errors);
  TEST ("/cli-remote/conflict/keep-local", test_conflict_keep_local);
  TEST ("/cli-remote/conflict/take-remote", test_conflict_take_remote);
  TEST ("/cli-remote/push/conflict-fault", test_push_conflict_fault);
  TEST ("/cli-remote/push/conflict-recorded", test_push_conflict_recorded);
  TEST ("/cli-remote/push/refused", test_push_refused);
  TEST ("/cli-remote/feature-off", test_feature_off);
  TEST ("/cli-remote/remote-failures", test_remote_failures);
  TEST ("/cli-remote/rate-limited", test_rate_limited);
  TEST ("/cli-remote/environment", test_environment);
  TEST ("/cli-remote/no-keyring", test_no_keyring);
  TEST ("/cli-remote/not-configured", test_not_configured);
  TEST ("/cli-remote/login", test_login);
  TEST ("/cli-remote/interrupted", test_interrupted);
  TEST ("/cli-remote/hostile-labels", test_hostile_labels);
  TEST ("/cli-remote/promote", test_promote);

  return g_test_run ();
}
