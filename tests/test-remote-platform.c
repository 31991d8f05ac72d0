/* test-remote-platform.c: the platform client against the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-platform-client.h"
#include "pb-test-fixtures.h"
#include "pb-test-remote.h"

typedef struct
{
  PbTestSandbox *sandbox;
  PbHttpClient *http;
  PbPlatformClient *client;
  GPtrArray *waits; /* "seconds: message" of each ::waiting */
} Fixture;

static void
on_waiting (PbHttpClient *http,
            guint         seconds,
            const char   *message,
            Fixture      *f)
{
  g_ptr_array_add (f->waits, g_strdup_printf ("%u: %s", seconds, message));
}

static PbPlatformClient *
new_client (Fixture    *f,
            const char *client_secret)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) platform_url = pb_http_client_parse_url (f->sandbox->platform_url, "platform", &error);
  g_autoptr(GUri) auth_url = pb_http_client_parse_url (f->sandbox->auth_url, "auth", &error);

  g_assert_no_error (error);
  return pb_platform_client_new (f->http, platform_url, auth_url, f->sandbox->platform_client_id, client_secret);
}

static void
start (Fixture            *f,
       const char * const *args)
{
  f->sandbox = pb_test_sandbox_start (args);
  f->http = pb_http_client_new ();
  f->waits = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->http, "waiting", G_CALLBACK (on_waiting), f);
  f->client = new_client (f, f->sandbox->platform_client_secret);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  start (f, data);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->client));
  g_assert_finalize_object (g_steal_pointer (&f->http));
  g_clear_pointer (&f->waits, g_ptr_array_unref);
  pb_test_sandbox_stop (f->sandbox);
}

/* Synchronous wrappers for the tests: the client itself is async only. */

static PbPlatformAccount *
get_account (Fixture  *f,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_platform_client_get_account_async (f->client, NULL, pb_test_on_result, &result);
  return pb_platform_client_get_account_finish (f->client, pb_test_wait (&result), error);
}

static GPtrArray *
get_agent_states (Fixture  *f,
                  GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_platform_client_get_agent_states_async (f->client, NULL, pb_test_on_result, &result);
  return pb_platform_client_get_agent_states_finish (f->client, pb_test_wait (&result), error);
}

static GPtrArray *
get_presence_statuses (Fixture     *f,
                       gboolean     refresh,
                       GDateTime  **fetched_at,
                       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_platform_client_get_presence_statuses_async (f->client, refresh, NULL, pb_test_on_result, &result);
  return pb_platform_client_get_presence_statuses_finish (f->client, pb_test_wait (&result), fetched_at, error);
}

static PbRemoteConfiguration *
get_configuration (Fixture  *f,
                   GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_platform_client_get_configuration_async (f->client, NULL, pb_test_on_result, &result);
  return pb_platform_client_get_configuration_finish (f->client, pb_test_wait (&result), error);
}

static PbRemoteConfiguration *
put_configuration (Fixture          *f,
                   PbConfiguration  *configuration,
                   const char       *etag,
                   GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_platform_client_put_configuration_async (f->client, configuration, etag, NULL, pb_test_on_result, &result);
  return pb_platform_client_put_configuration_finish (f->client, pb_test_wait (&result), error);
}

static void
assert_clean_error (Fixture      *f,
                    const GError *error)
{
  g_autofree char *token = pb_test_sandbox_platform_token (f->sandbox);

  g_test_message ("%s", error->message);
  pb_test_assert_no_secrets (error, (const char * const []) { f->sandbox->platform_client_secret, token, NULL });
}

/* Every request carries the vendor media type and a bearer token. */
static void
assert_requests_well_formed (Fixture *f)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_admin (f->sandbox, "GET", "/requests", NULL);
  g_autoptr(JsonNode) root = pb_test_response_json (response);
  JsonArray *requests = json_object_get_array_member (json_node_get_object (root), "requests");

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *entry = json_array_get_object_element (requests, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "endpoint"), "platform-token") == 0)
        continue;
      g_assert_cmpstr (json_object_get_string_member (entry, "authorization"), ==, "Bearer");
      g_assert_cmpstr (json_object_get_string_member (entry, "accept"), ==, PB_PLATFORM_ACCEPT);
    }
}

static void
test_read_everything (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PbPlatformAccount) account = NULL;
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GPtrArray) last = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GDateTime) last_at = NULL;
  g_autoptr(GDateTime) fresh_at = NULL;
  g_autoptr(PbRemoteConfiguration) remote = NULL;
  g_autoptr(GError) error = NULL;
  PbConfiguration *mapping;
  const char *presence = NULL;
  gboolean found_ready = FALSE;

  account = get_account (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account->id);
  g_assert_true (account->omnichannel);
  g_assert_nonnull (account->agent_post_call_state);

  states = get_agent_states (f, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < states->len; i++)
    found_ready |= g_strcmp0 (pb_agent_state_get_id (g_ptr_array_index (states, i)), PB_STATE_ID_READY) == 0;
  g_assert_true (found_ready);

  last = get_presence_statuses (f, FALSE, &last_at, &error);
  g_assert_no_error (error);
  fresh = get_presence_statuses (f, TRUE, &fresh_at, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fresh->len, >, 0);
  g_assert_nonnull (fresh_at);
  g_assert_nonnull (pb_presence_status_get_record_id (g_ptr_array_index (fresh, 0)));

  remote = get_configuration (f, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pb_remote_configuration_get_etag (remote), "\"") ||
                 g_str_has_prefix (pb_remote_configuration_get_etag (remote), "W/\""));
  g_assert_cmpint (pb_remote_configuration_get_revision (remote), >=, 1);
  mapping = pb_remote_configuration_get_configuration (remote);
  g_assert_true (pb_configuration_get_state_mapping (mapping, PB_STATE_ID_READY, &presence));
  g_assert_nonnull (presence);

  /* One token served every call. */
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "platform-token", "POST"), ==, 1);
  assert_requests_well_formed (f);
}

/* A token that expires is renewed before it is used again. */
static void
test_token_lifetime (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbPlatformAccount) first = NULL;
  g_autoptr(PbPlatformAccount) second = NULL;
  g_autoptr(GError) error = NULL;

  first = get_account (f, &error);
  g_assert_no_error (error);
  pb_test_run_for (2500);
  second = get_account (f, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "platform-token", "POST"), ==, 2);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "account", NULL), ==, 2);
}

/* 401 invalid_token: one new token, one retry; a second 401 is final. */
static void
test_invalid_token (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PbPlatformAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  pb_test_add_fault (f->sandbox, "account", "expired-token", -1, 1);
  account = get_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "platform-token", "POST"), ==, 2);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "account", NULL), ==, 2);
  g_clear_pointer (&account, pb_platform_account_free);

  pb_test_clear_requests (f->sandbox);
  pb_test_add_fault (f->sandbox, "account", "expired-token", -1, 2);
  account = get_account (f, &error);
  g_assert_null (account);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_AUTH_FAILED);
  assert_clean_error (f, error);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "account", NULL), ==, 2);
}

static void
test_bad_secret (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PbPlatformClient) wrong = new_client (f, "not-the-secret-4711");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbPlatformAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  pb_platform_client_get_account_async (wrong, NULL, pb_test_on_result, &result);
  account = pb_platform_client_get_account_finish (wrong, pb_test_wait (&result), &error);

  g_assert_null (account);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, f->sandbox->platform_client_id));
  pb_test_assert_no_secrets (error, (const char * const []) { "not-the-secret-4711", NULL });
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "account", NULL), ==, 0);
}

/* 429 with Retry-After: waited for, said, retried; bounded. */
static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PbPlatformAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  pb_test_add_fault (f->sandbox, "account", "rate-limit", 1, 1);
  account = get_account (f, &error);
  elapsed = g_get_monotonic_time () - start;

  g_assert_no_error (error);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "account", NULL), ==, 2);
  g_assert_cmpint (elapsed, >=, 900 * 1000);
  g_assert_cmpint (elapsed, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (f->waits->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (f->waits, 0), "1: "));
  g_assert_nonnull (strstr (g_ptr_array_index (f->waits, 0), "rate limiting"));
}

static void
test_rate_limited_bounded (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PbPlatformAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  pb_http_client_set_max_retries (f->http, 2);
  pb_test_add_fault (f->sandbox, "account", "rate-limit", 1, -1);
  account = get_account (f, &error);
  elapsed = g_get_monotonic_time () - start;

  g_assert_null (account);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_RATE_LIMITED);
  assert_clean_error (f, error);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "account", NULL), ==, 3);
  g_assert_cmpuint (f->waits->len, ==, 2);
  g_assert_cmpint (elapsed, >=, 1800 * 1000);
  g_assert_cmpint (elapsed, <, 15 * G_USEC_PER_SEC);
}

/* A server asking for more than the longest wait is not waited for. */
static void
test_rate_limit_too_long (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PbPlatformAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  pb_test_add_fault (f->sandbox, "account", "rate-limit", 600, 1);
  account = get_account (f, &error);

  g_assert_null (account);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "600 s"));
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "account", NULL), ==, 1);
  g_assert_cmpuint (f->waits->len, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* 503 for a GET and for the refresh POST: retried. */
static void
test_unavailable (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  pb_test_add_fault (f->sandbox, "agent-states", "unavailable", 1, 1);
  pb_test_add_fault (f->sandbox, "refresh", "unavailable", 0, 1);
  pb_test_add_fault (f->sandbox, "refresh", "status", 502, 1);

  states = get_agent_states (f, &error);
  g_assert_no_error (error);
  statuses = get_presence_statuses (f, TRUE, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "agent-states", NULL), ==, 2);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "refresh", "POST"), ==, 3);
  g_assert_cmpuint (f->waits->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (f->waits, 0), "unavailable"));
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GError) error = NULL;

  pb_test_add_fault (f->sandbox, "agent-states", "status", 500, 1);
  states = get_agent_states (f, &error);

  g_assert_null (states);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "HTTP 500"));
  g_assert_nonnull (strstr (error->message, "/omnichannel/agent-states"));
  assert_clean_error (f, error);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "agent-states", NULL), ==, 1);
}

/* A PUT is repeated only after 429 or 503, never after anything that may
 * have applied it. */
static void
test_put_retries (Fixture       *f,
                  gconstpointer  data)
{
  static const struct { const char *kind; int value; gboolean retried; int code; } cases[] = {
    { "rate-limit", 1, TRUE, 0 },
    { "unavailable", 1, TRUE, 0 },
    { "status", 500, FALSE, PB_REMOTE_ERROR_SERVER },
    { "status", 502, FALSE, PB_REMOTE_ERROR_SERVER },
    { "status", 504, FALSE, PB_REMOTE_ERROR_SERVER },
    { "latency", 3000, FALSE, PB_REMOTE_ERROR_TIMEOUT },
  };

  pb_http_client_set_timeout (f->http, 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PbRemoteConfiguration) remote = NULL;
      g_autoptr(PbRemoteConfiguration) stored = NULL;
      g_autoptr(GError) error = NULL;

      remote = get_configuration (f, &error);
      g_assert_no_error (error);

      pb_test_clear_requests (f->sandbox);
      pb_test_add_fault (f->sandbox, "configuration-put", cases[i].kind, cases[i].value, 1);
      stored = put_configuration (f, pb_remote_configuration_get_configuration (remote),
                                  pb_remote_configuration_get_etag (remote), &error);

      if (cases[i].retried)
        {
          g_assert_no_error (error);
          g_assert_cmpint (pb_remote_configuration_get_revision (stored), ==,
                           pb_remote_configuration_get_revision (remote) + 1);
          g_assert_cmpuint (pb_test_count_requests (f->sandbox, "configuration-put", "PUT"), ==, 2);
        }
      else
        {
          g_assert_null (stored);
          g_assert_error (error, PB_REMOTE_ERROR, cases[i].code);
          g_assert_cmpuint (pb_test_count_requests (f->sandbox, "configuration-put", "PUT"), ==, 1);
        }

      /* Let a delayed PUT land before the next case reads the ETag. */
      if (g_str_equal (cases[i].kind, "latency"))
        pb_test_run_for (2500);
    }
}

static void
test_put_conflict (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PbRemoteConfiguration) base = NULL;
  g_autoptr(PbRemoteConfiguration) refused = NULL;
  g_autoptr(PbRemoteConfiguration) current = NULL;
  g_autoptr(PbRemoteConfiguration) stored = NULL;
  g_autoptr(PbTestResponse) elsewhere = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(GError) error = NULL;

  base = get_configuration (f, &error);
  g_assert_no_error (error);
  draft = pb_configuration_copy (pb_remote_configuration_get_configuration (base));
  pb_configuration_set_presence_mapping (draft, "On_a_call", "busy");

  /* Someone saves in between. */
  elsewhere = pb_test_sandbox_admin (f->sandbox, "PUT", "/configuration", "{\"revertToLastStatus\":false}");
  g_assert_cmpuint (elsewhere->status, ==, 200);

  refused = put_configuration (f, draft, pb_remote_configuration_get_etag (base), &error);
  g_assert_null (refused);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "nothing was published"));
  g_clear_error (&error);

  current = get_configuration (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_remote_configuration_get_etag (current), !=, pb_remote_configuration_get_etag (base));

  stored = put_configuration (f, draft, pb_remote_configuration_get_etag (current), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_remote_configuration_get_revision (stored), ==,
                   pb_remote_configuration_get_revision (current) + 1);
  g_assert_cmpstr (pb_remote_configuration_get_etag (stored), !=, pb_remote_configuration_get_etag (current));
  g_assert_true (pb_configuration_mapping_equal (pb_remote_configuration_get_configuration (stored), draft));

  /* The injected conflict reads the same. */
  g_clear_object (&refused);
  pb_test_add_fault (f->sandbox, "configuration-put", "conflict", -1, 1);
  refused = put_configuration (f, draft, pb_remote_configuration_get_etag (stored), &error);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_CONFLICT);
}

static void
test_put_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PbRemoteConfiguration) base = NULL;
  g_autoptr(PbRemoteConfiguration) refused = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *findings;
  PbFinding *finding;

  base = get_configuration (f, &error);
  g_assert_no_error (error);
  draft = pb_configuration_copy (pb_remote_configuration_get_configuration (base));
  pb_configuration_unset_state_mapping (draft, "away");

  refused = put_configuration (f, draft, pb_remote_configuration_get_etag (base), &error);
  g_assert_null (refused);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_REFUSED);
  assert_clean_error (f, error);
  findings = pb_remote_error_get_findings (error);
  g_assert_nonnull (findings);
  g_assert_cmpuint (findings->len, ==, 1);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (pb_finding_get_code (finding), ==, "unmapped_major_state");
  g_assert_cmpstr (pb_finding_get_path (finding), ==, "stateToPresence.away");
  g_assert_cmpint (pb_finding_get_subject (finding), ==, PB_SUBJECT_STATE);
  g_assert_cmpstr (pb_finding_get_subject_id (finding), ==, "away");

  /* The findings travel with copies of the error. */
  {
    g_autoptr(GError) copy = g_error_copy (error);

    g_assert_true (pb_remote_error_get_findings (copy) == findings);
  }
  g_assert_null (pb_remote_error_get_findings (NULL));
}

static void
test_put_without_etag (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PbRemoteConfiguration) stored = NULL;
  g_autoptr(PbConfiguration) draft = pb_test_worked_example ();
  g_autoptr(GError) error = NULL;

  stored = put_configuration (f, draft, NULL, &error);
  g_assert_null (stored);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_PRECONDITION_REQUIRED);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "configuration-put", "PUT"), ==, 1);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PbPlatformAccount) account = NULL;
  g_autoptr(PbRemoteConfiguration) remote = NULL;
  g_autoptr(GError) error = NULL;

  pb_test_add_fault (f->sandbox, "account", "malformed", -1, 1);
  account = get_account (f, &error);
  g_assert_null (account);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "GET http://127.0.0.1:"));
  g_assert_nonnull (strstr (error->message, "/omnichannel/account"));
  g_assert_nonnull (strstr (error->message, "line 1:1"));
  assert_clean_error (f, error);
  g_clear_error (&error);

  pb_test_add_fault (f->sandbox, "configuration-get", "truncated", -1, 1);
  remote = get_configuration (f, &error);
  g_assert_null (remote);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED);
  assert_clean_error (f, error);

  /* Neither is retried: the server did answer. */
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "account", NULL), ==, 1);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "configuration-get", NULL), ==, 1);
}

static void
test_feature_off (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PbPlatformAccount) account = NULL;
  g_autoptr(PbRemoteConfiguration) remote = NULL;
  g_autoptr(GError) error = NULL;

  pb_test_add_fault (f->sandbox, "account", "feature-off", -1, 1);
  account = get_account (f, &error);
  g_assert_no_error (error);
  g_assert_false (account->omnichannel);

  pb_test_add_fault (f->sandbox, "configuration-get", "feature-off", -1, 1);
  remote = get_configuration (f, &error);
  g_assert_null (remote);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_FEATURE_DISABLED);
  assert_clean_error (f, error);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbPlatformAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled while the token is being fetched. */
  pb_test_add_fault (f->sandbox, "platform-token", "latency", 3000, 1);
  pb_platform_client_get_account_async (f->client, cancellable, pb_test_on_result, &result);
  pb_test_run_for (200);
  g_cancellable_cancel (cancellable);
  account = pb_platform_client_get_account_finish (f->client, pb_test_wait (&result), &error);
  g_assert_null (account);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "account", NULL), ==, 0);
}

static const char * const no_args[] = { NULL };
/* The sandbox counts expiry in whole seconds: a token of 2 s lives 1 to 2 s. */
static const char * const short_tokens[] = { "--token-lifetime", "2", NULL };

#define TEST(path, function, args) \
  g_test_add (path, Fixture, args, fixture_set_up, function, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  TEST ("/platform/read-everything", test_read_everything, no_args);
  TEST ("/platform/token-lifetime", test_token_lifetime, short_tokens);
  TEST ("/platform/invalid-token", test_invalid_token, no_args);
  TEST ("/platform/bad-secret", test_bad_secret, no_args);
  TEST ("/platform/rate-limited", test_rate_limited, no_args);
  TEST ("/platform/rate-limited-bounded", test_rate_limited_bounded, no_args);
  TEST ("/platform/rate-limit-too-long", test_rate_limit_too_long, no_args);
  TEST ("/platform/unavailable", test_unavailable, no_args);
  TEST ("/platform/server-error", test_server_error, no_args);
  TEST ("/platform/put-retries", test_put_retries, no_args);
  TEST ("/platform/put-conflict", test_put_conflict, no_args);
  TEST ("/platform/put-refused", test_put_refused, no_args);
  TEST ("/platform/put-without-etag", test_put_without_etag, no_args);
  TEST ("/platform/malformed", test_malformed, no_args);
  TEST ("/platform/feature-off", test_feature_off, no_args);
  TEST ("/platform/cancelled", test_cancelled, no_args);

  return g_test_run ();
}
