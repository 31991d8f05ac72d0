/* test-remote.c: PbRemote, one profile's whole remote side, against the
 * sandbox and a keyring in a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-secrets.h"
#include "pb-test-fixtures.h"
#include "pb-test-remote.h"

/* Under AddressSanitizer (the "asan" test setup): this program writes
 * libsecret's file backend, and GLib 2.74's GIO leaks a string on every
 * such write (tests/sanitizers/lsan-file-keyring.supp says more). */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libgio-2.0.so\n";
}

typedef struct
{
  PbTestSandbox *sandbox;
  guint port;
  PbProfile *profile;
  GPtrArray *waits;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char * const *extra = data;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = NULL;
  static guint n_profiles;

  f->port = pb_test_free_port ();
  g_ptr_array_add (args, g_strdup ("--salesforce-callback"));
  g_ptr_array_add (args, g_strdup_printf ("http://localhost:%u/callback", f->port));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (extra[i]));
  g_ptr_array_add (args, NULL);

  f->sandbox = pb_test_sandbox_start ((const char * const *)args->pdata);
  /* One keyring for the whole program: each test its own profile. */
  name = g_strdup_printf ("Profile %u", ++n_profiles);
  f->profile = pb_test_sandbox_profile (f->sandbox, name, f->port);
  f->waits = g_ptr_array_new_with_free_func (g_free);

  g_unsetenv (PB_ENV_PLATFORM_CLIENT_SECRET);
  g_unsetenv (PB_ENV_SALESFORCE_INSTANCE_URL);
  g_unsetenv (PB_ENV_SALESFORCE_ACCESS_TOKEN);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->profile);
  g_clear_pointer (&f->waits, g_ptr_array_unref);
  pb_test_sandbox_stop (f->sandbox);
}

static void
on_waiting (PbRemote   *remote,
            guint       seconds,
            const char *message,
            Fixture    *f)
{
  g_ptr_array_add (f->waits, g_strdup (message));
}

static PbRemote *
new_remote (Fixture       *f,
            PbRemoteFlags  flags)
{
  PbRemote *remote = pb_remote_new (f->profile, flags);

  g_signal_connect (remote, "waiting", G_CALLBACK (on_waiting), f);
  return remote;
}

static void
store_client_secret (Fixture *f)
{
  g_autoptr(PbRemote) remote = new_remote (f, PB_REMOTE_FLAGS_NONE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pb_remote_store_platform_client_secret_async (remote, f->sandbox->platform_client_secret, NULL,
                                                pb_test_on_result, &result);
  g_assert_true (pb_remote_store_platform_client_secret_finish (remote, pb_test_wait (&result), &error));
  g_assert_no_error (error);
}

static PbFetchResult *
fetch (PbRemote      *remote,
       GCancellable  *cancellable,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_remote_fetch_async (remote, cancellable, pb_test_on_result, &result);
  return pb_remote_fetch_finish (remote, pb_test_wait (&result), error);
}

static PbRemoteConfiguration *
publish (PbRemote         *remote,
         PbConfiguration  *configuration,
         const char       *etag,
         GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_remote_publish_async (remote, configuration, etag, NULL, pb_test_on_result, &result);
  return pb_remote_publish_finish (remote, pb_test_wait (&result), error);
}

typedef struct
{
  PbTestSandbox *sandbox;
  guint status;
  char *page;
} Browser;

/* The browser: approve on the sandbox's page, come back to the callback. */
static void
on_authorize (PbRemote   *remote,
              const char *url,
              Browser    *browser)
{
  g_autofree char *location = pb_test_sandbox_approve (browser->sandbox, url, TRUE);

  pb_test_browser_get_async (location, &browser->status, &browser->page);
}

static void
sign_in (Fixture *f)
{
  g_autoptr(PbRemote) remote = new_remote (f, PB_REMOTE_FLAGS_NONE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Browser browser = { f->sandbox, 0, NULL };

  g_signal_connect (remote, "authorize", G_CALLBACK (on_authorize), &browser);
  pb_remote_sign_in_async (remote, NULL, pb_test_on_result, &result);
  g_assert_true (pb_remote_sign_in_finish (remote, pb_test_wait (&result), &error));
  g_assert_no_error (error);

  while (browser.status == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (browser.status, ==, 200);
  g_free (browser.page);

  g_assert_true (pb_test_remote_is_signed_in (remote));
}

/* What the keyring holds for the profile's Salesforce sign-in. */
static char *
stored_refresh_token (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) login_url = pb_http_client_parse_url (f->sandbox->salesforce_login_url, "login", NULL);
  g_autofree char *key = pb_remote_uri_to_display (login_url);
  char *token;

  pb_secrets_lookup_async (pb_profile_get_name (f->profile), PB_SECRET_SALESFORCE_REFRESH_TOKEN, key,
                           f->sandbox->salesforce_client_id, NULL, pb_test_on_result, &result);
  token = pb_secrets_lookup_finish (pb_test_wait (&result), &error);
  g_assert_no_error (error);

  return token;
}

static void
test_not_configured (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbProfile) bare = pb_profile_new ("Bare");
  g_autoptr(PbRemote) remote = pb_remote_new (bare, PB_REMOTE_FLAGS_NONE);
  g_autoptr(PbRemote) without_secret = new_remote (f, PB_REMOTE_FLAGS_NONE);
  g_autoptr(PbFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = fetch (remote, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, "“Bare”"));
  g_assert_nonnull (strstr (error->message, "platform URL"));
  g_clear_error (&error);

  result = fetch (without_secret, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, PB_ENV_PLATFORM_CLIENT_SECRET));
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "platform-token", NULL), ==, 0);

  /* A sign-in needs the connected app. */
  g_clear_error (&error);
  pb_profile_set_salesforce_client_id (f->profile, NULL);
  {
    g_autoptr(PbRemote) no_app = new_remote (f, PB_REMOTE_FLAGS_NONE);
    g_autoptr(GAsyncResult) async_result = NULL;

    pb_remote_sign_in_async (no_app, NULL, pb_test_on_result, &async_result);
    g_assert_false (pb_remote_sign_in_finish (no_app, pb_test_wait (&async_result), &error));
    g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_NOT_CONFIGURED);
    g_assert_nonnull (strstr (error->message, "consumer key"));
  }
}

/* Not signed in to Salesforce: the platform fetches the statuses. */
static void
test_fetch_through_platform (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PbRemote) remote = new_remote (f, PB_REMOTE_FLAGS_NONE);
  g_autoptr(PbFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PbConfiguration *configuration;

  g_assert_false (pb_test_remote_has_client_secret (remote));
  store_client_secret (f);
  g_assert_true (pb_test_remote_has_client_secret (remote));
  g_assert_false (pb_test_remote_is_signed_in (remote));

  /* Filed under the auth URL and client id: another client id has none. */
  {
    g_autoptr(PbProfile) other = pb_profile_copy (f->profile);
    g_autoptr(PbRemote) other_remote = NULL;

    pb_profile_set_client_id (other, "another-client");
    other_remote = pb_remote_new (other, PB_REMOTE_FLAGS_NONE);
    g_assert_false (pb_test_remote_has_client_secret (other_remote));
  }

  result = fetch (remote, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_fetch_result_get_statuses_source (result), ==, PB_STATUS_SOURCE_PLATFORM);
  g_assert_nonnull (pb_fetch_result_get_statuses_fetched_at (result));
  g_assert_nonnull (pb_fetch_result_get_etag (result));
  g_assert_cmpint (pb_fetch_result_get_revision (result), >=, 1);

  configuration = pb_fetch_result_get_configuration (result);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_agent_states (configuration)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_presence_statuses (configuration)), >, 0);
  g_assert_nonnull (pb_configuration_get_account_id (configuration));
  g_assert_nonnull (pb_configuration_get_agent_post_call_state (configuration));
  g_assert_null (pb_configuration_get_org_id (configuration));
  g_assert_nonnull (pb_configuration_resolve_presence (configuration, "On_a_call", NULL));

  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "refresh", "POST"), ==, 1);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "query", NULL), ==, 0);
}

/* Signed in: the statuses come from Salesforce; a new PbRemote (a new CLI
 * run) finds the sign-in in the keyring; signing out forgets it. */
static void
test_sign_in_fetch_sign_out (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PbFetchResult) direct = NULL;
  g_autoptr(PbFetchResult) through_platform = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *refresh_token = NULL;
  g_autofree char *exported = NULL;
  PbConfiguration *configuration;

  store_client_secret (f);
  sign_in (f);
  refresh_token = stored_refresh_token (f);
  g_assert_nonnull (refresh_token);

  {
    g_autoptr(PbRemote) remote = new_remote (f, PB_REMOTE_FLAGS_NONE);

    pb_test_clear_requests (f->sandbox);
    direct = fetch (remote, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (pb_fetch_result_get_statuses_source (direct), ==, PB_STATUS_SOURCE_SALESFORCE);
  configuration = pb_fetch_result_get_configuration (direct);
  g_assert_nonnull (pb_configuration_get_org_id (configuration));
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "query", "GET"), ==, 3);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "refresh", NULL), ==, 0);

  /* What would be stored holds no secret. */
  exported = pb_config_file_to_data (configuration, NULL, NULL);
  g_assert_null (strstr (exported, refresh_token));
  g_assert_null (strstr (exported, f->sandbox->platform_client_secret));

  {
    g_autoptr(PbRemote) remote = new_remote (f, PB_REMOTE_FLAGS_NONE);

    pb_remote_sign_out_async (remote, NULL, pb_test_on_result, &result);
    g_assert_true (pb_remote_sign_out_finish (remote, pb_test_wait (&result), &error));
    g_assert_no_error (error);
    g_assert_false (pb_test_remote_is_signed_in (remote));

    pb_test_clear_requests (f->sandbox);
    through_platform = fetch (remote, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (pb_fetch_result_get_statuses_source (through_platform), ==, PB_STATUS_SOURCE_PLATFORM);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "query", NULL), ==, 0);
  g_assert_null (stored_refresh_token (f));

  /* The same lists either way. */
  g_assert_true (pb_configuration_lists_equal (pb_fetch_result_get_configuration (direct),
                                               pb_fetch_result_get_configuration (through_platform)));
}

/* A sign-in is filed under the login URL: a profile pointed at another
 * server does not hand it over. */
static void
test_sign_in_bound_to_server (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PbRemote) moved = NULL;
  g_autoptr(PbFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *elsewhere = g_strdup_printf ("http://localhost:%u", pb_test_free_port ());

  store_client_secret (f);
  sign_in (f);

  pb_profile_set_salesforce_login_url (f->profile, elsewhere);
  moved = new_remote (f, PB_REMOTE_FLAGS_NONE);
  g_assert_false (pb_test_remote_is_signed_in (moved));
  result = fetch (moved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_fetch_result_get_statuses_source (result), ==, PB_STATUS_SOURCE_PLATFORM);
}

static GBytes *
read_keyring (void)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_file_get_contents (g_getenv ("SECRET_FILE_TEST_PATH"), &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* The environment, for one run: used, never written. */
static void
test_environment (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PbRemote) remote = NULL;
  g_autoptr(PbRemote) ignoring = NULL;
  g_autoptr(PbFetchResult) result = NULL;
  g_autoptr(PbTestResponse) expired = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *access_token = NULL;
  g_autoptr(GBytes) keyring = NULL;
  g_autoptr(GBytes) keyring_after = NULL;

  /* An access token, as a script would have it: refreshed from a
   * sign-in, which is then forgotten. */
  store_client_secret (f);
  sign_in (f);
  {
    g_autofree char *url = g_strconcat (f->sandbox->salesforce_login_url, "/services/oauth2/token", NULL);
    g_autofree char *refresh_token = stored_refresh_token (f);
    g_autofree char *form = soup_form_encode ("grant_type", "refresh_token", "refresh_token", refresh_token,
                                              "client_id", f->sandbox->salesforce_client_id, NULL);
    g_autoptr(PbTestResponse) token = NULL;
    g_autoptr(JsonNode) answer = NULL;
    g_autoptr(PbRemote) signed_in = new_remote (f, PB_REMOTE_FLAGS_NONE);
    g_autoptr(GAsyncResult) async_result = NULL;

    token = pb_test_sandbox_request (f->sandbox, "POST", url, NULL, "application/x-www-form-urlencoded", form, -1);
    g_assert_cmpuint (token->status, ==, 200);
    answer = pb_test_response_json (token);
    access_token = g_strdup (json_object_get_string_member (json_node_get_object (answer), "access_token"));

    pb_remote_sign_out_async (signed_in, NULL, pb_test_on_result, &async_result);
    g_assert_true (pb_remote_sign_out_finish (signed_in, pb_test_wait (&async_result), NULL));
  }

  /* Another profile without a stored secret: only the environment has it. */
  g_object_unref (f->profile);
  f->profile = pb_test_sandbox_profile (f->sandbox, "Environment only", f->port);
  keyring = read_keyring ();

  g_setenv (PB_ENV_PLATFORM_CLIENT_SECRET, f->sandbox->platform_client_secret, TRUE);
  g_setenv (PB_ENV_SALESFORCE_INSTANCE_URL, f->sandbox->url, TRUE);
  g_setenv (PB_ENV_SALESFORCE_ACCESS_TOKEN, access_token, TRUE);

  ignoring = new_remote (f, PB_REMOTE_FLAGS_NONE);
  result = fetch (ignoring, NULL, &error);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_NOT_CONFIGURED);
  g_clear_error (&error);

  remote = new_remote (f, PB_REMOTE_FLAGS_USE_ENVIRONMENT);
  pb_test_clear_requests (f->sandbox);
  result = fetch (remote, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_fetch_result_get_statuses_source (result), ==, PB_STATUS_SOURCE_SALESFORCE);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "query", "GET"), ==, 3);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "salesforce-token", NULL), ==, 0);

  /* Nothing was written to the keyring. */
  keyring_after = read_keyring ();
  g_assert_true (g_bytes_equal (keyring, keyring_after));

  /* An expired token from the environment ends the run. */
  g_clear_object (&result);
  expired = pb_test_sandbox_admin (f->sandbox, "POST", "/expire-tokens", NULL);
  g_clear_object (&remote);
  remote = new_remote (f, PB_REMOTE_FLAGS_USE_ENVIRONMENT);
  result = fetch (remote, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_SIGN_IN_REQUIRED);
  pb_test_assert_no_secrets (error, (const char * const []) { access_token, f->sandbox->platform_client_secret,
                                                               NULL });
  g_clear_error (&error);

  /* One of the two Salesforce variables alone is a mistake, said. */
  g_unsetenv (PB_ENV_SALESFORCE_INSTANCE_URL);
  g_clear_object (&remote);
  remote = new_remote (f, PB_REMOTE_FLAGS_USE_ENVIRONMENT);
  result = fetch (remote, NULL, &error);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_NOT_CONFIGURED);
  g_assert_nonnull (strstr (error->message, PB_ENV_SALESFORCE_INSTANCE_URL));
  g_clear_error (&error);

  /* An instance URL from the environment follows the same policy. */
  g_setenv (PB_ENV_SALESFORCE_INSTANCE_URL, "http://192.0.2.1", TRUE);
  g_clear_object (&remote);
  remote = new_remote (f, PB_REMOTE_FLAGS_USE_ENVIRONMENT);
  result = fetch (remote, NULL, &error);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_INSECURE_URL);
  g_assert_nonnull (strstr (error->message, PB_ENV_SALESFORCE_INSTANCE_URL));
}

static void
test_publish (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PbRemote) remote = new_remote (f, PB_REMOTE_FLAGS_NONE);
  g_autoptr(PbFetchResult) fetched = NULL;
  g_autoptr(PbRemoteConfiguration) published = NULL;
  g_autoptr(PbRemoteConfiguration) conflict = NULL;
  g_autoptr(PbRemoteConfiguration) current = NULL;
  g_autoptr(PbRemoteConfiguration) again = NULL;
  g_autoptr(PbRemoteConfiguration) refused = NULL;
  g_autoptr(PbTestResponse) elsewhere = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  store_client_secret (f);
  fetched = fetch (remote, NULL, &error);
  g_assert_no_error (error);

  draft = pb_configuration_copy (pb_fetch_result_get_configuration (fetched));
  pb_configuration_set_presence_mapping (draft, "Taking_notes", "wrap");
  published = publish (remote, draft, pb_fetch_result_get_etag (fetched), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_remote_configuration_get_revision (published), ==, pb_fetch_result_get_revision (fetched) + 1);
  g_assert_true (pb_configuration_mapping_equal (pb_remote_configuration_get_configuration (published), draft));

  /* Changed elsewhere: refused, nothing published, and the current one
   * can be fetched to settle it. */
  elsewhere = pb_test_sandbox_admin (f->sandbox, "PUT", "/configuration", "{\"revertToLastStatus\":false}");
  g_assert_cmpuint (elsewhere->status, ==, 200);
  pb_configuration_set_presence_mapping (draft, "Taking_notes", "away");
  conflict = publish (remote, draft, pb_remote_configuration_get_etag (published), &error);
  g_assert_null (conflict);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_CONFLICT);
  g_clear_error (&error);

  pb_remote_get_remote_configuration_async (remote, NULL, pb_test_on_result, &result);
  current = pb_remote_get_remote_configuration_finish (remote, pb_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_remote_configuration_get_configuration (current),
                                                          "Taking_notes"), ==, "wrap");
  again = publish (remote, draft, pb_remote_configuration_get_etag (current), &error);
  g_assert_no_error (error);

  /* Refused with findings on the rows they name. */
  pb_configuration_unset_state_mapping (draft, "busy");
  refused = publish (remote, draft, pb_remote_configuration_get_etag (again), &error);
  g_assert_null (refused);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_REFUSED);
  g_assert_cmpstr (pb_finding_get_subject_id (g_ptr_array_index (pb_remote_error_get_findings (error), 0)), ==,
                   "busy");
  g_clear_error (&error);

  /* An account without the integration: said, and nothing is sent. */
  pb_test_clear_requests (f->sandbox);
  pb_test_add_fault (f->sandbox, "account", "feature-off", -1, 1);
  g_clear_object (&refused);
  refused = publish (remote, draft, pb_remote_configuration_get_etag (again), &error);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_FEATURE_DISABLED);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "configuration-put", NULL), ==, 0);
}

static void
test_feature_off (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PbRemote) remote = new_remote (f, PB_REMOTE_FLAGS_NONE);
  g_autoptr(PbFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  store_client_secret (f);
  pb_test_add_fault (f->sandbox, "account", "feature-off", -1, 1);
  result = fetch (remote, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_FEATURE_DISABLED);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "agent-states", NULL), ==, 0);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "configuration-get", NULL), ==, 0);
}

static void
test_waiting (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PbRemote) remote = new_remote (f, PB_REMOTE_FLAGS_NONE);
  g_autoptr(PbFetchResult) result = NULL;
  g_autoptr(GError) error = NULL;

  store_client_secret (f);
  pb_test_add_fault (f->sandbox, "refresh", "rate-limit", 1, 1);
  result = fetch (remote, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->waits->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (f->waits, 0), "trying again in 1 s"));
}

static void
test_cancelled_fetch (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PbRemote) remote = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbFetchResult) fetched = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cancelled_at;

  store_client_secret (f);
  sign_in (f);
  remote = new_remote (f, PB_REMOTE_FLAGS_NONE);

  pb_test_clear_requests (f->sandbox);
  pb_test_add_fault (f->sandbox, "query", "latency", 30, -1);
  pb_remote_fetch_async (remote, cancellable, pb_test_on_result, &result);
  while (pb_test_count_requests (f->sandbox, "query", NULL) < 3)
    pb_test_run_for (50);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  fetched = pb_remote_fetch_finish (remote, pb_test_wait (&result), &error);
  g_assert_null (fetched);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 2 * G_USEC_PER_SEC);
}

static const char * const no_args[] = { NULL };
static const char * const small_pages[] = { "--generate", "300,10", "--page-size", "1", NULL };

#define TEST(path, function, args) \
  g_test_add (path, Fixture, args, fixture_set_up, function, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = pb_test_make_dir ("pb-test-remote-XXXXXX");
  pb_test_use_file_keyring (dir);

  TEST ("/remote/not-configured", test_not_configured, no_args);
  TEST ("/remote/fetch-through-platform", test_fetch_through_platform, no_args);
  TEST ("/remote/sign-in-fetch-sign-out", test_sign_in_fetch_sign_out, no_args);
  TEST ("/remote/sign-in-bound-to-server", test_sign_in_bound_to_server, no_args);
  TEST ("/remote/environment", test_environment, no_args);
  TEST ("/remote/publish", test_publish, no_args);
  TEST ("/remote/feature-off", test_feature_off, no_args);
  TEST ("/remote/waiting", test_waiting, no_args);
  TEST ("/remote/cancelled-fetch", test_cancelled_fetch, small_pages);

  status = g_test_run ();
  pb_test_remove_tree (dir);
  return status;
}
