/* test-profile-sync.c: Fetch and Publish of an editing session, against
 * the sandbox over HTTP on 127.0.0.1 and a store file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-profile-sync.h"
#include "pb-test-fixtures.h"
#include "pb-test-remote.h"

typedef struct
{
  PbTestSandbox *sandbox;
  char *dir;
  PbStore *store;
  PbSession *session;
  PbProfileSync *sync;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char * const *extra = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbProfile) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *path = NULL;

  f->sandbox = pb_test_sandbox_start (extra);
  f->dir = pb_test_make_dir ("pb-test-profile-sync-XXXXXX");
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = pb_store_open (path, &error);
  g_assert_no_error (error);

  profile = pb_test_sandbox_profile (f->sandbox, "Sandbox", pb_test_free_port ());
  stored = pb_store_add_profile (f->store, profile, &error);
  g_assert_no_error (error);

  /* The platform's secret for this run only, as a script passes it. */
  g_setenv (PB_ENV_PLATFORM_CLIENT_SECRET, f->sandbox->platform_client_secret, TRUE);

  f->session = pb_session_new (f->store, stored);
  pb_session_load_async (f->session, NULL, pb_test_on_result, &result);
  g_assert_true (pb_session_load_finish (f->session, pb_test_wait (&result), &error));
  g_assert_no_error (error);

  f->sync = pb_profile_sync_new (f->session, PB_REMOTE_FLAGS_USE_ENVIRONMENT);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_unsetenv (PB_ENV_PLATFORM_CLIENT_SECRET);
  pb_test_finalize_soon (g_steal_pointer (&f->sync));
  pb_test_finalize_soon (g_steal_pointer (&f->session));
  pb_test_finalize_soon (g_steal_pointer (&f->store));
  pb_test_sandbox_stop (f->sandbox);
  pb_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static PbFetchOutcome *
fetch (Fixture  *f,
       GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_profile_sync_fetch_async (f->sync, NULL, pb_test_on_result, &result);
  return pb_profile_sync_fetch_finish (f->sync, pb_test_wait (&result), error);
}

static guint
publish (Fixture     *f,
         const char  *comment,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_profile_sync_publish_async (f->sync, comment, NULL, pb_test_on_result, &result);
  return pb_profile_sync_publish_finish (f->sync, pb_test_wait (&result), error);
}

/* The platform's configuration as another client reads it. */
static JsonObject *
remote_configuration (Fixture *f)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_get_configuration (f->sandbox);
  g_autoptr(JsonNode) root = pb_test_response_json (response);

  return json_object_ref (json_node_get_object (root));
}

static void
test_fetch_and_publish (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbFetchOutcome) outcome = NULL;
  g_autoptr(JsonObject) remote = NULL;
  g_autofree char *first_etag = NULL;
  JsonObject *state_to_presence;
  guint number;

  outcome = fetch (f, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_fetch_outcome_get_draft (outcome), ==, PB_FETCH_DRAFT_TAKEN);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_presence_statuses (pb_session_get_draft (f->session))),
                    ==, 5);
  g_assert_nonnull (pb_session_get_base (f->session));
  first_etag = g_strdup (pb_remote_configuration_get_etag (pb_session_get_base (f->session)));
  g_assert_cmpint (pb_profile_sync_get_activity (f->sync), ==, PB_SYNC_ACTIVITY_IDLE);

  /* An edit, published at once: it reaches the store, then the platform. */
  pb_session_set_state_mapping (f->session, "wrap", "Away_from_desk_temporary");
  number = publish (f, "Wrap-up shows away", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, pb_session_get_saved_number (f->session));
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_session_get_base (f->session)), !=, first_etag);

  remote = remote_configuration (f);
  state_to_presence = json_object_get_object_member (remote, "stateToPresence");
  g_assert_cmpstr (json_object_get_string_member (state_to_presence, "wrap"), ==, "Away_from_desk_temporary");
}

/* Refusals before anything is sent: errors, and a profile never fetched. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbFetchOutcome) outcome = NULL;

  g_assert_cmpuint (publish (f, NULL, &error), ==, 0);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_PRECONDITION_REQUIRED);
  g_clear_error (&error);

  outcome = fetch (f, &error);
  g_assert_no_error (error);
  pb_test_clear_requests (f->sandbox);

  pb_session_unset_state_mapping (f->session, "wrap");
  g_assert_cmpuint (publish (f, NULL, &error), ==, 0);
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_CONFIGURATION);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "configuration-put", NULL), ==, 0);
}

/* Someone else saved on the platform meanwhile: nothing is published, the
 * remote configuration is fetched and the conflict is there to settle. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbFetchOutcome) outcome = NULL;
  g_autoptr(PbTestResponse) response = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) remote = NULL;

  outcome = fetch (f, &error);
  g_assert_no_error (error);

  response = pb_test_sandbox_admin (f->sandbox, "PUT", "/configuration",
                                    "{\"presenceToState\": {\"On_a_call\": \"busy\"}}");
  g_assert_cmpuint (response->status, ==, 200);

  pb_session_set_state_mapping (f->session, "wrap", "Away_from_desk_temporary");
  g_assert_cmpuint (publish (f, NULL, &error), ==, 0);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (pb_session_get_conflict (f->session));
  g_assert_nonnull (pb_session_get_remote (f->session));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (
                     pb_remote_configuration_get_configuration (pb_session_get_remote (f->session)), "On_a_call"),
                   ==, "busy");

  /* Publishing again is refused until it is settled. */
  g_assert_cmpuint (publish (f, NULL, &error), ==, 0);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_CONFLICT);
  g_clear_error (&error);

  pb_session_resolve_conflict_async (f->session, TRUE, NULL, pb_test_on_result, &result);
  g_assert_true (pb_session_resolve_conflict_finish (f->session, pb_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (publish (f, "Mine, deliberately", &error), >, 0);
  g_assert_no_error (error);

  /* Published over theirs, knowingly: On a call sets Away again. */
  remote = remote_configuration (f);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (remote, "presenceToState"),
                                                  "On_a_call"), ==, "away");
}

static const char * const refuse_args[] = { "--fault", "configuration-put:refuse*1", NULL };

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbFetchOutcome) outcome = fetch (f, &error);
  GPtrArray *findings;

  g_assert_no_error (error);
  pb_session_set_state_mapping (f->session, "wrap", "Away_from_desk_temporary");
  g_assert_cmpuint (publish (f, NULL, &error), ==, 0);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_REFUSED);
  findings = pb_remote_error_get_findings (error);
  g_assert_nonnull (findings);
  g_assert_cmpuint (findings->len, >, 0);
  g_assert_cmpint (pb_profile_sync_get_activity (f->sync), ==, PB_SYNC_ACTIVITY_IDLE);
}

static const char * const slow_args[] = { "--fault", "agent-states:latency=3000", NULL };

/* Cancelled mid-fetch: nothing recorded. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbFetchOutcome) outcome = NULL;

  pb_profile_sync_fetch_async (f->sync, cancellable, pb_test_on_result, &result);
  g_assert_cmpint (pb_profile_sync_get_activity (f->sync), ==, PB_SYNC_ACTIVITY_FETCHING);
  pb_test_run_for (200);
  g_cancellable_cancel (cancellable);

  outcome = pb_profile_sync_fetch_finish (f->sync, pb_test_wait (&result), &error);
  g_assert_null (outcome);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (pb_session_get_base (f->session));
  g_assert_cmpint (pb_profile_sync_get_activity (f->sync), ==, PB_SYNC_ACTIVITY_IDLE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring_dir = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Looking for a Salesforce sign-in reads the keyring: a file of its own. */
  keyring_dir = pb_test_make_dir ("pb-test-profile-sync-keyring-XXXXXX");
  pb_test_use_file_keyring (keyring_dir);

#define ADD(path, func, args) \
  g_test_add (path, Fixture, args, fixture_set_up, func, fixture_tear_down)

  ADD ("/profile-sync/fetch-and-publish", test_fetch_and_publish, NULL);
  ADD ("/profile-sync/refusals", test_refusals, NULL);
  ADD ("/profile-sync/conflict", test_conflict, NULL);
  ADD ("/profile-sync/refused", test_refused, refuse_args);
  ADD ("/profile-sync/cancel", test_cancel, slow_args);

#undef ADD

  status = g_test_run ();
  pb_test_remove_tree (keyring_dir);
  return status;
}
