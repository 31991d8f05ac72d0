/* test-remote-salesforce.c: the Salesforce client against the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-platform-client.h"
#include "pb-salesforce-client.h"
#include "pb-salesforce-sign-in.h"
#include "pb-test-remote.h"

typedef struct
{
  PbTestSandbox *sandbox;
  PbHttpClient *http;
  GUri *login_url;
  PbSalesforceToken *token;
  PbSalesforceClient *client;
} Fixture;

static void
on_authorize (PbSalesforceSignIn *sign_in,
              const char         *url,
              char              **authorize_url)
{
  *authorize_url = g_strdup (url);
}

/* Signs in as a user would, the test playing the browser. */
static PbSalesforceToken *
sign_in (Fixture *f,
         guint    port)
{
  g_autoptr(PbSalesforceSignIn) sign_in = pb_salesforce_sign_in_new (f->http, f->login_url,
                                                                     f->sandbox->salesforce_client_id, port);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *authorize_url = NULL;
  g_autofree char *location = NULL;
  g_autofree char *page = NULL;
  PbSalesforceToken *token;
  guint status;

  g_signal_connect (sign_in, "authorize", G_CALLBACK (on_authorize), &authorize_url);
  pb_salesforce_sign_in_run_async (sign_in, NULL, pb_test_on_result, &result);
  while (authorize_url == NULL)
    g_main_context_iteration (NULL, TRUE);

  location = pb_test_sandbox_approve (f->sandbox, authorize_url, TRUE);
  pb_test_browser_get_async (location, &status, &page);
  token = pb_salesforce_sign_in_run_finish (sign_in, pb_test_wait (&result), &error);
  g_assert_no_error (error);
  while (status == 0)
    g_main_context_iteration (NULL, TRUE);

  return token;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char * const *extra = data;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint port = pb_test_free_port ();

  g_ptr_array_add (args, g_strdup ("--salesforce-callback"));
  g_ptr_array_add (args, g_strdup_printf ("http://localhost:%u/callback", port));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (extra[i]));
  g_ptr_array_add (args, NULL);

  f->sandbox = pb_test_sandbox_start ((const char * const *)args->pdata);
  f->http = pb_http_client_new ();
  f->login_url = pb_http_client_parse_url (f->sandbox->salesforce_login_url, "login", &error);
  g_assert_no_error (error);

  f->token = sign_in (f, port);
  f->client = pb_salesforce_client_new_signed_in (f->http, f->login_url, f->sandbox->salesforce_client_id,
                                                  f->token->refresh_token, NULL);
  pb_test_clear_requests (f->sandbox);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->client));
  g_assert_finalize_object (g_steal_pointer (&f->http));
  g_clear_pointer (&f->login_url, g_uri_unref);
  g_clear_pointer (&f->token, pb_salesforce_token_free);
  pb_test_sandbox_stop (f->sandbox);
}

static GPtrArray *
fetch_statuses (Fixture             *f,
                PbSalesforceClient  *client,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_salesforce_client_fetch_presence_statuses_async (client, cancellable, pb_test_on_result, &result);
  return pb_salesforce_client_fetch_presence_statuses_finish (client, pb_test_wait (&result), error);
}

/* The same org's statuses, as the platform's own refresh sees them. */
static GPtrArray *
statuses_through_platform (Fixture *f)
{
  g_autoptr(GUri) platform_url = pb_http_client_parse_url (f->sandbox->platform_url, "platform", NULL);
  g_autoptr(GUri) auth_url = pb_http_client_parse_url (f->sandbox->auth_url, "auth", NULL);
  g_autoptr(PbPlatformClient) platform = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *statuses;

  platform = pb_platform_client_new (f->http, platform_url, auth_url, f->sandbox->platform_client_id,
                                     f->sandbox->platform_client_secret);
  pb_platform_client_get_presence_statuses_async (platform, TRUE, NULL, pb_test_on_result, &result);
  statuses = pb_platform_client_get_presence_statuses_finish (platform, pb_test_wait (&result), NULL, &error);
  g_assert_no_error (error);

  return statuses;
}

static void
assert_same_statuses (GPtrArray *a,
                      GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);

  for (guint i = 0; i < a->len; i++)
    {
      PbPresenceStatus *x = g_ptr_array_index (a, i);
      PbPresenceStatus *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (pb_presence_status_get_api_name (x), ==, pb_presence_status_get_api_name (y));
      g_assert_cmpstr (pb_presence_status_get_label (x), ==, pb_presence_status_get_label (y));
      g_assert_cmpstr (pb_presence_status_get_record_id (x), ==, pb_presence_status_get_record_id (y));
      g_assert_true (g_strv_equal ((const char * const *)pb_presence_status_get_channels (x),
                                   (const char * const *)pb_presence_status_get_channels (y)));
    }
}

static void
assert_clean_error (Fixture      *f,
                    const GError *error)
{
  g_test_message ("%s", error->message);
  pb_test_assert_no_secrets (error, (const char * const []) {
    f->token->refresh_token, f->token->access_token, NULL,
  });
}

static void
test_worked_example (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *instance = NULL;
  gboolean busy_found = FALSE, online_found = FALSE;

  g_assert_null (pb_salesforce_client_get_org_id (f->client));
  statuses = fetch_statuses (f, f->client, NULL, &error);
  g_assert_no_error (error);

  expected = statuses_through_platform (f);
  assert_same_statuses (statuses, expected);
  for (guint i = 0; i < statuses->len; i++)
    {
      if (pb_presence_status_is_online (g_ptr_array_index (statuses, i)))
        online_found = TRUE;
      else
        busy_found = TRUE;
    }
  g_assert_true (online_found && busy_found);

  /* The refresh said which org and where. */
  g_assert_cmpstr (pb_salesforce_client_get_org_id (f->client), ==, f->token->org_id);
  instance = g_uri_to_string (pb_salesforce_client_get_instance_url (f->client));
  g_assert_cmpstr (instance, ==, f->token->instance_url);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "salesforce-token", "POST"), ==, 1);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "query", "GET"), ==, 3);
}

/* Thousands of statuses in pages of changing, small sizes. */
static void
test_pagination (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint pages;

  statuses = fetch_statuses (f, f->client, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%u statuses in %.2f s", statuses->len, (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpuint (statuses->len, ==, 3000);

  pages = pb_test_count_requests (f->sandbox, "query", "GET");
  g_test_message ("%u query pages", pages);
  g_assert_cmpuint (pages, >, 3000 / 50);

  expected = statuses_through_platform (f);
  assert_same_statuses (statuses, expected);
}

/* An access token that expires mid-pagination is refreshed, once per
 * page that needs it. */
static void
test_token_expiry (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  guint refreshes;

  pb_test_add_fault (f->sandbox, "query", "latency", 40, -1);
  statuses = fetch_statuses (f, f->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statuses->len, ==, 200);

  refreshes = pb_test_count_requests (f->sandbox, "salesforce-token", "POST");
  g_test_message ("%u refreshes", refreshes);
  g_assert_cmpuint (refreshes, >=, 2);
}

static void
test_session_expired_once (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;

  first = fetch_statuses (f, f->client, NULL, &error);
  g_assert_no_error (error);

  pb_test_clear_requests (f->sandbox);
  pb_test_add_fault (f->sandbox, "query", "expired-token", -1, 1);
  second = fetch_statuses (f, f->client, NULL, &error);
  g_assert_no_error (error);
  assert_same_statuses (first, second);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "salesforce-token", "POST"), ==, 1);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "query", "GET"), ==, 4);
}

/* A revoked sign-in: the refresh fails, and the user must sign in again. */
static void
test_revoked (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PbTestResponse) revoked = pb_test_sandbox_admin (f->sandbox, "POST", "/revoke-refresh-tokens", NULL);
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (revoked->status, <, 300);
  statuses = fetch_statuses (f, f->client, NULL, &error);
  g_assert_null (statuses);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_SIGN_IN_REQUIRED);
  g_assert_nonnull (strstr (error->message, "Sign in to Salesforce again"));
  assert_clean_error (f, error);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "query", NULL), ==, 0);
}

/* An access token alone (the environment's): a 401 is final. */
static void
test_access_token_only (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GUri) instance_url = pb_http_client_parse_url (f->token->instance_url, "instance", NULL);
  g_autoptr(PbSalesforceClient) client = pb_salesforce_client_new_with_access_token (f->http, instance_url,
                                                                                      f->token->access_token);
  g_autoptr(PbTestResponse) expired = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  statuses = fetch_statuses (f, client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (statuses->len, >, 0);
  g_assert_null (pb_salesforce_client_get_refresh_token (client));
  g_clear_pointer (&statuses, g_ptr_array_unref);

  expired = pb_test_sandbox_admin (f->sandbox, "POST", "/expire-tokens", NULL);
  g_assert_cmpuint (expired->status, <, 300);
  statuses = fetch_statuses (f, client, NULL, &error);
  g_assert_null (statuses);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_SIGN_IN_REQUIRED);
  assert_clean_error (f, error);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "salesforce-token", NULL), ==, 0);
}

static void
test_no_developer_name (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  pb_test_add_fault (f->sandbox, "query", "no-developername", -1, 1);
  statuses = fetch_statuses (f, f->client, NULL, &error);
  g_assert_null (statuses);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "View Setup and Configuration"));
  g_assert_nonnull (strstr (error->message, "View DeveloperName"));
  g_assert_nonnull (strstr (error->message, "No such column"));
  assert_clean_error (f, error);
}

static void
test_request_limit (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;

  pb_test_add_fault (f->sandbox, "query", "rate-limit", 1, 1);
  statuses = fetch_statuses (f, f->client, NULL, &error);
  g_assert_null (statuses);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "TotalRequests Limit exceeded."));
  assert_clean_error (f, error);
  /* Salesforce's limit lasts: not retried. */
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "query", NULL), ==, 1);
}

static void
test_server_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) retried = NULL;
  g_autoptr(GError) error = NULL;

  pb_test_add_fault (f->sandbox, "query", "status", 500, 1);
  statuses = fetch_statuses (f, f->client, NULL, &error);
  g_assert_null (statuses);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "HTTP 500"));
  g_assert_nonnull (strstr (error->message, "ErrorId"));
  assert_clean_error (f, error);
  g_clear_error (&error);

  pb_test_add_fault (f->sandbox, "query", "unavailable", 1, 1);
  retried = fetch_statuses (f, f->client, NULL, &error);
  g_assert_no_error (error);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  static const char * const kinds[] = { "malformed", "truncated" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GPtrArray) statuses = NULL;
      g_autoptr(GError) error = NULL;

      pb_test_add_fault (f->sandbox, "query", kinds[i], -1, 1);
      statuses = fetch_statuses (f, f->client, NULL, &error);
      g_assert_null (statuses);
      g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "/services/data/v60.0/query"));
      assert_clean_error (f, error);
    }
}

/* Cancelled between two pages: promptly, and no page more is asked for. */
static void
test_cancelled_mid_pagination (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cancelled_at;
  guint pages_then, pages_later;

  pb_test_add_fault (f->sandbox, "query", "latency", 30, -1);
  pb_salesforce_client_fetch_presence_statuses_async (f->client, cancellable, pb_test_on_result, &result);
  while (pb_test_count_requests (f->sandbox, "query", NULL) < 5)
    pb_test_run_for (50);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  statuses = pb_salesforce_client_fetch_presence_statuses_finish (f->client, pb_test_wait (&result), &error);
  g_assert_null (statuses);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 2 * G_USEC_PER_SEC);

  pages_then = pb_test_count_requests (f->sandbox, "query", NULL);
  pb_test_run_for (300);
  pages_later = pb_test_count_requests (f->sandbox, "query", NULL);
  g_assert_cmpuint (pages_then, ==, pages_later);
  g_assert_cmpuint (pages_later, <, 50);
}

/* A server gone wrong: the sandbox follows the contract, so this one is
 * served here, on loopback, with answers no Salesforce would give. */

static void
on_hostile_query (SoupServer        *server,
                  SoupServerMessage *message,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  const char *answer = user_data;

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, answer, strlen (answer));
}

static void
test_hostile_pages (void)
{
  static const struct { const char *answer; const char *reason; } cases[] = {
    { "{\"done\":false,\"nextRecordsUrl\":\"https://elsewhere.example/services/data/v60.0/query/1?sid=s3cr3t\","
      "\"records\":[{\"Id\":\"1\",\"DeveloperName\":\"A\",\"MasterLabel\":\"A\"}]}",
      "nextRecordsUrl: expected a path" },
    { "{\"done\":false,\"nextRecordsUrl\":\"//elsewhere.example/x\","
      "\"records\":[{\"Id\":\"1\",\"DeveloperName\":\"A\",\"MasterLabel\":\"A\"}]}",
      "nextRecordsUrl: expected a path" },
    { "{\"done\":false,\"nextRecordsUrl\":\"/services/data/v60.0/query/again\",\"records\":[]}",
      "holds no records" },
  };
  g_autoptr(PbHttpClient) http = pb_http_client_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
      g_autoptr(PbSalesforceClient) client = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GUri) instance_url = NULL;
      g_autofree char *url = NULL;
      GSList *uris;

      soup_server_add_handler (server, NULL, on_hostile_query, (gpointer)cases[i].answer, NULL);
      soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
      g_assert_no_error (error);
      uris = soup_server_get_uris (server);
      url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
      g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

      instance_url = pb_http_client_parse_url (url, "instance", &error);
      g_assert_no_error (error);
      client = pb_salesforce_client_new_with_access_token (http, instance_url, "00D!access-token");
      pb_salesforce_client_query_async (client, "SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus",
                                        (const char * const []) { "Id", "DeveloperName", "MasterLabel", NULL },
                                        NULL, pb_test_on_result, &result);
      records = pb_salesforce_client_query_finish (client, pb_test_wait (&result), &error);

      g_assert_null (records);
      g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].reason));
      pb_test_assert_no_secrets (error, (const char * const []) { "s3cr3t", "00D!access-token", NULL });
      soup_server_disconnect (server);
    }
}

static const char * const no_args[] = { NULL };
static const char * const large_org[] = { "--generate", "3000,40", "--page-size", "7,13,1,50", NULL };
/* The sandbox counts expiry in whole seconds: a token of 2 s lives 1 to 2 s. */
static const char * const short_tokens[] = { "--generate", "200,10", "--page-size", "5", "--token-lifetime", "2", NULL };
static const char * const small_pages[] = { "--generate", "200,10", "--page-size", "1", NULL };

#define TEST(path, function, args) \
  g_test_add (path, Fixture, args, fixture_set_up, function, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/salesforce/hostile-pages", test_hostile_pages);
  TEST ("/salesforce/worked-example", test_worked_example, no_args);
  TEST ("/salesforce/pagination", test_pagination, large_org);
  TEST ("/salesforce/token-expiry", test_token_expiry, short_tokens);
  TEST ("/salesforce/session-expired-once", test_session_expired_once, no_args);
  TEST ("/salesforce/revoked", test_revoked, no_args);
  TEST ("/salesforce/access-token-only", test_access_token_only, no_args);
  TEST ("/salesforce/no-developer-name", test_no_developer_name, no_args);
  TEST ("/salesforce/request-limit", test_request_limit, no_args);
  TEST ("/salesforce/server-errors", test_server_errors, no_args);
  TEST ("/salesforce/malformed", test_malformed, no_args);
  TEST ("/salesforce/cancelled-mid-pagination", test_cancelled_mid_pagination, small_pages);

  return g_test_run ();
}
