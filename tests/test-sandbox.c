/* test-sandbox.c: presence-bridge-sandbox over real HTTP on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Black-box: every test starts the installed-to-be binary, reads the line
 * it prints, and talks to it with a plain SoupSession, as any client would.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "pb-test-fixtures.h"
#include "pb-test-sandbox.h"

#define MEDIA_TYPE "application/vnd.contactcentre.v1+json"
#define CALLBACK   "http://localhost:8717/callback"
#define CONFIGURATION_BODY \
  "{\"presenceToState\":{\"On_a_call\":\"away\"}," \
  "\"stateToPresence\":{\"ready\":\"Ready_for_Cases\",\"ready_offline\":\"Taking_notes\",\"busy\":\"On_a_call\"," \
  "\"wrap\":\"Taking_notes\",\"away\":\"Away_from_desk_temporary\",\"logged_out\":null}," \
  "\"revertToLastStatus\":true}"

/* Helpers */

static JsonObject *
object_of (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static char *
url_of (const char *base,
        const char *path)
{
  return g_strconcat (base, path, NULL);
}

static PbTestResponse *
platform_request (PbTestSandbox *sandbox,
                  const char    *method,
                  const char    *token,
                  const char    *path,
                  const char    *if_match,
                  const char    *body)
{
  g_autofree char *url = url_of (sandbox->platform_url, path);
  g_autofree char *authorization = token != NULL ? g_strconcat ("Bearer ", token, NULL) : NULL;
  const char *headers[7] = { "Accept", MEDIA_TYPE, NULL, NULL, NULL, NULL, NULL };
  guint n = 2;

  if (authorization != NULL)
    {
      headers[n++] = "Authorization";
      headers[n++] = authorization;
    }
  if (if_match != NULL)
    {
      headers[n++] = "If-Match";
      headers[n++] = if_match;
    }

  return pb_test_sandbox_request (sandbox, method, url, headers, "application/json", body, -1);
}

static void
assert_platform_error (PbTestResponse *response,
                       guint           status,
                       const char     *code)
{
  g_autoptr(JsonNode) body = pb_test_response_json (response);
  JsonArray *errors;

  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==, MEDIA_TYPE);
  errors = json_object_get_array_member (object_of (body), "errors");
  g_assert_cmpuint (json_array_get_length (errors), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "code"), ==, code);
  g_assert_true (json_object_has_member (json_array_get_object_element (errors, 0), "message"));
}

static gboolean
has_finding (PbTestResponse *response,
             const char     *code,
             const char     *path)
{
  g_autoptr(JsonNode) body = pb_test_response_json (response);
  JsonArray *errors = json_object_get_array_member (object_of (body), "errors");

  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *error = json_array_get_object_element (errors, i);

      if (g_str_equal (json_object_get_string_member (error, "code"), code) &&
          g_strcmp0 (json_object_get_string_member_with_default (error, "path", NULL), path) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
assert_salesforce_error (PbTestResponse *response,
                         guint           status,
                         const char     *code)
{
  g_autoptr(JsonNode) body = pb_test_response_json (response);
  JsonArray *errors;

  g_assert_cmpuint (response->status, ==, status);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (body));
  errors = json_node_get_array (body);
  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "errorCode"), ==, code);
  g_assert_true (json_object_has_member (json_array_get_object_element (errors, 0), "message"));
}

static void
assert_oauth_error (PbTestResponse *response,
                    guint           status,
                    const char     *error)
{
  g_autoptr(JsonNode) body = pb_test_response_json (response);

  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (json_object_get_string_member (object_of (body), "error"), ==, error);
  g_assert_true (json_object_has_member (object_of (body), "error_description"));
}

static char *
get_etag (PbTestSandbox *sandbox,
          const char    *token)
{
  g_autoptr(PbTestResponse) response = platform_request (sandbox, "GET", token, "/omnichannel/configuration",
                                                         NULL, NULL);

  g_assert_cmpuint (response->status, ==, 200);
  return g_strdup (soup_message_headers_get_one (response->headers, "ETag"));
}

static PbTestResponse *
form_post (PbTestSandbox *sandbox,
           const char    *url,
           const char    *form)
{
  return pb_test_sandbox_request (sandbox, "POST", url, NULL, "application/x-www-form-urlencoded", form, -1);
}

static char *
salesforce_token (PbTestSandbox *sandbox)
{
  g_autoptr(JsonNode) answer = pb_test_sandbox_salesforce_sign_in (sandbox, CALLBACK);

  return g_strdup (json_object_get_string_member (object_of (answer), "access_token"));
}

static PbTestResponse *
query (PbTestSandbox *sandbox,
       const char    *token,
       const char    *soql)
{
  g_autofree char *encoded = g_uri_escape_string (soql, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/services/data/v60.0/query?q=%s", sandbox->url, encoded);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  const char *headers[] = { "Authorization", authorization, NULL };

  return pb_test_sandbox_request (sandbox, "GET", url, headers, NULL, NULL, 0);
}

static PbTestResponse *
query_more (PbTestSandbox *sandbox,
            const char    *token,
            const char    *path)
{
  g_autofree char *url = url_of (sandbox->url, path);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  const char *headers[] = { "Authorization", authorization, NULL };

  return pb_test_sandbox_request (sandbox, "GET", url, headers, NULL, NULL, 0);
}

static JsonArray *
requests_log (PbTestSandbox *sandbox,
              JsonNode     **holder)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_admin (sandbox, "GET", "/requests", NULL);

  g_assert_cmpuint (response->status, ==, 200);
  *holder = pb_test_response_json (response);
  return json_object_get_array_member (object_of (*holder), "requests");
}

static void
add_fault (PbTestSandbox *sandbox,
           const char    *json)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_admin (sandbox, "POST", "/faults", json);

  g_assert_cmpuint (response->status, ==, 201);
}

/* Starting and stopping */

static void
test_start_line (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *platform = url_of (sandbox->url, "/platform");
  g_autofree char *admin = url_of (sandbox->url, "/_sandbox");

  g_assert_cmpstr (sandbox->platform_url, ==, platform);
  g_assert_cmpstr (sandbox->auth_url, ==, platform);
  g_assert_cmpstr (sandbox->salesforce_login_url, ==, sandbox->url);
  g_assert_cmpstr (sandbox->admin_url, ==, admin);
  g_assert_cmpstr (sandbox->platform_client_id, ==, "sandbox-platform");
  g_assert_cmpstr (sandbox->platform_client_secret, ==, "sandbox-secret");
  g_assert_cmpstr (sandbox->salesforce_client_id, ==, "sandbox-connected-app");

  pb_test_sandbox_stop (sandbox);
}

static void
test_stop_on_signal (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autoptr(GError) error = NULL;

  /* SIGTERM ends it as cleanly as the end of its input: exit 0. */
  g_subprocess_send_signal (sandbox->process, SIGTERM);
  g_subprocess_wait (sandbox->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (sandbox->process));
  g_assert_cmpint (g_subprocess_get_exit_status (sandbox->process), ==, 0);
  pb_test_sandbox_stop (sandbox);
}

static int
run_sandbox (const char * const *args,
             char              **out,
             char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *)g_getenv ("PB_SANDBOX"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static void
test_command_line (void)
{
  static const char * const list[] = { "--list-routes", NULL };
  static const char * const bad[][4] = {
    { "--fault", "query:latency", NULL },
    { "--fault", "nowhere:status=500", NULL },
    { "--fault", "account:conflict", NULL },
    { "--fault", "query:status=200", NULL },
    { "--page-size", "0", NULL },
    { "--page-size", "500,x", NULL },
    { "--generate", "10", NULL },
    { "--seed", "/nonexistent/seed.json", NULL },
    { "--token-lifetime", "0", NULL },
    { "--port", "70000", NULL },
    { "surplus", NULL },
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_sandbox (list, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "GET /platform/omnichannel/account account\n"));
  g_assert_nonnull (strstr (out, "GET /services/data/v60.0/query/{cursor} query\n"));
  g_assert_nonnull (strstr (out, "POST /_sandbox/reset -\n"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *bad_out = NULL;
      g_autofree char *bad_err = NULL;

      g_assert_cmpint (run_sandbox (bad[i], &bad_out, &bad_err), ==, 2);
      g_assert_cmpstr (bad_out, ==, "");
      g_assert_true (g_str_has_prefix (bad_err, "presence-bridge-sandbox: "));
    }
}

/* The platform */

static void
test_platform_token (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *url = url_of (sandbox->auth_url, "/connect/token");
  g_autofree char *basic = g_base64_encode ((const guchar *)"sandbox-platform:sandbox-secret", 31);
  g_autofree char *basic_header = g_strconcat ("Basic ", basic, NULL);
  const char *basic_headers[] = { "Authorization", basic_header, NULL };
  g_autoptr(PbTestResponse) ok = form_post (sandbox, url, "grant_type=client_credentials&client_id=sandbox-platform"
                                                          "&client_secret=sandbox-secret&scope=omnichannel-config");
  g_autoptr(PbTestResponse) with_basic = pb_test_sandbox_request (sandbox, "POST", url, basic_headers,
                                                                  "application/x-www-form-urlencoded",
                                                                  "grant_type=client_credentials", -1);
  g_autoptr(PbTestResponse) wrong = form_post (sandbox, url, "grant_type=client_credentials&client_id=sandbox-platform"
                                                             "&client_secret=nope");
  g_autoptr(PbTestResponse) grant = form_post (sandbox, url, "grant_type=password&client_id=sandbox-platform"
                                                             "&client_secret=sandbox-secret");
  g_autoptr(PbTestResponse) scope = form_post (sandbox, url, "grant_type=client_credentials&client_id=sandbox-platform"
                                                             "&client_secret=sandbox-secret&scope=admin");
  g_autoptr(PbTestResponse) not_form = pb_test_sandbox_request (sandbox, "POST", url, NULL, "application/json",
                                                                "{}", -1);
  g_autoptr(JsonNode) answer = pb_test_response_json (ok);

  g_assert_cmpuint (ok->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (ok->headers, "Cache-Control"), ==, "no-store");
  g_assert_cmpstr (json_object_get_string_member (object_of (answer), "token_type"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (object_of (answer), "expires_in"), ==, 3600);
  g_assert_cmpuint (strlen (json_object_get_string_member (object_of (answer), "access_token")), >=, 32);
  g_assert_cmpuint (with_basic->status, ==, 200);
  assert_oauth_error (wrong, 401, "invalid_client");
  assert_oauth_error (grant, 400, "unsupported_grant_type");
  assert_oauth_error (scope, 400, "invalid_scope");
  assert_oauth_error (not_form, 400, "invalid_request");

  pb_test_sandbox_stop (sandbox);
}

static void
test_platform_reads (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autoptr(PbTestResponse) account = platform_request (sandbox, "GET", token, "/omnichannel/account", NULL, NULL);
  g_autoptr(PbTestResponse) states = platform_request (sandbox, "GET", token, "/omnichannel/agent-states", NULL, NULL);
  g_autoptr(PbTestResponse) statuses = platform_request (sandbox, "GET", token, "/omnichannel/presence-statuses",
                                                         NULL, NULL);
  g_autoptr(JsonNode) account_json = pb_test_response_json (account);
  g_autoptr(JsonNode) states_json = pb_test_response_json (states);
  g_autoptr(JsonNode) statuses_json = pb_test_response_json (statuses);
  g_autoptr(GDateTime) fetched_at = NULL;
  JsonObject *features = json_object_get_object_member (object_of (account_json), "features");
  JsonArray *state_array = json_object_get_array_member (object_of (states_json), "agentStates");
  JsonArray *status_array = json_object_get_array_member (object_of (statuses_json), "presenceStatuses");
  JsonObject *first_status = json_array_get_object_element (status_array, 0);

  g_assert_cmpuint (account->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (account->headers, NULL), ==, MEDIA_TYPE);
  g_assert_cmpstr (json_object_get_string_member (object_of (account_json), "id"), ==, "ACC-1001");
  g_assert_cmpstr (json_object_get_string_member (object_of (account_json), "name"), ==, "Example Contact Centre");
  g_assert_true (json_object_get_boolean_member (features, "omnichannel"));
  g_assert_true (json_object_get_boolean_member (features, "revertToLastStatus"));
  g_assert_cmpstr (json_object_get_string_member (object_of (account_json), "agentPostCallState"), ==, "ready");

  g_assert_cmpuint (json_array_get_length (state_array), ==, 13);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (state_array, 8), "id"), ==,
                   "away.break");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (state_array, 8), "major"), ==,
                   "away");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (state_array, 0), "major"));

  g_assert_cmpuint (json_array_get_length (status_array), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (first_status, "apiName"), ==, "Ready_for_Cases");
  g_assert_cmpstr (json_object_get_string_member (first_status, "label"), ==, "Ready for cases");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (first_status, "id"), "0N5"));
  g_assert_cmpuint (strlen (json_object_get_string_member (first_status, "id")), ==, 18);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (first_status, "channels"), 0), ==,
                   "sfdc_case");
  fetched_at = g_date_time_new_from_iso8601 (json_object_get_string_member (object_of (statuses_json), "fetchedAt"),
                                             NULL);
  g_assert_nonnull (fetched_at);

  pb_test_sandbox_stop (sandbox);
}

static void
test_platform_auth_and_accept (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *url = url_of (sandbox->platform_url, "/omnichannel/account");
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  const char *json_accept[] = { "Authorization", authorization, "Accept", "application/json", NULL };
  const char *refused_accept[] = { "Authorization", authorization, "Accept", MEDIA_TYPE ";q=0", NULL };
  const char *listed_accept[] = { "Authorization", authorization, "Accept", "text/html, " MEDIA_TYPE ";q=0.9", NULL };
  g_autoptr(PbTestResponse) missing = platform_request (sandbox, "GET", NULL, "/omnichannel/account", NULL, NULL);
  g_autoptr(PbTestResponse) unknown = platform_request (sandbox, "GET", "not-a-token", "/omnichannel/account",
                                                        NULL, NULL);
  g_autoptr(PbTestResponse) not_acceptable = pb_test_sandbox_request (sandbox, "GET", url, json_accept, NULL, NULL, 0);
  g_autoptr(PbTestResponse) refused = pb_test_sandbox_request (sandbox, "GET", url, refused_accept, NULL, NULL, 0);
  g_autoptr(PbTestResponse) listed = pb_test_sandbox_request (sandbox, "GET", url, listed_accept, NULL, NULL, 0);

  assert_platform_error (missing, 401, "missing_token");
  assert_platform_error (unknown, 401, "invalid_token");
  g_assert_nonnull (strstr (soup_message_headers_get_one (unknown->headers, "WWW-Authenticate"), "invalid_token"));
  assert_platform_error (not_acceptable, 406, "not_acceptable");
  assert_platform_error (refused, 406, "not_acceptable");
  g_assert_cmpuint (listed->status, ==, 200);

  pb_test_sandbox_stop (sandbox);
}

static void
test_platform_refresh (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autoptr(PbTestResponse) change = pb_test_sandbox_admin (sandbox, "PUT", "/org",
                                                            "{\"presenceStatuses\":["
                                                            "{\"apiName\":\"Ready_for_Cases\",\"label\":\"Cases only\",\"channels\":[\"sfdc_case\"]},"
                                                            "{\"apiName\":\"Lunch_break\",\"label\":\"Lunch\",\"channels\":[]}]}");
  g_autoptr(PbTestResponse) before = NULL;
  g_autoptr(PbTestResponse) refreshed = NULL;
  g_autoptr(PbTestResponse) after = NULL;
  g_autoptr(JsonNode) before_json = NULL;
  g_autoptr(JsonNode) refreshed_json = NULL;
  g_autoptr(JsonNode) after_json = NULL;
  JsonArray *statuses;

  g_assert_cmpuint (change->status, ==, 200);

  /* The platform knows the org as it last fetched it. */
  before = platform_request (sandbox, "GET", token, "/omnichannel/presence-statuses", NULL, NULL);
  before_json = pb_test_response_json (before);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (before_json), "presenceStatuses")),
                    ==, 5);

  g_usleep (1100 * 1000);
  refreshed = platform_request (sandbox, "POST", token, "/omnichannel/presence-statuses/refresh", NULL, NULL);
  g_assert_cmpuint (refreshed->status, ==, 200);
  refreshed_json = pb_test_response_json (refreshed);
  statuses = json_object_get_array_member (object_of (refreshed_json), "presenceStatuses");
  g_assert_cmpuint (json_array_get_length (statuses), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (statuses, 0), "label"), ==,
                   "Cases only");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (statuses, 1), "apiName"), ==,
                   "Lunch_break");
  g_assert_cmpstr (json_object_get_string_member (object_of (refreshed_json), "fetchedAt"), >,
                   json_object_get_string_member (object_of (before_json), "fetchedAt"));

  /* A renamed status keeps its record Id, as in Salesforce. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (statuses, 0), "id"), ==,
                   json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (object_of (before_json), "presenceStatuses"), 0), "id"));

  after = platform_request (sandbox, "GET", token, "/omnichannel/presence-statuses", NULL, NULL);
  after_json = pb_test_response_json (after);
  g_assert_true (json_node_equal (after_json, refreshed_json));

  pb_test_sandbox_stop (sandbox);
}

static void
test_configuration_etag (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *etag = get_etag (sandbox, token);
  g_autoptr(PbTestResponse) no_if_match = platform_request (sandbox, "PUT", token, "/omnichannel/configuration",
                                                            NULL, CONFIGURATION_BODY);
  g_autoptr(PbTestResponse) wrong = platform_request (sandbox, "PUT", token, "/omnichannel/configuration",
                                                      "\"not-the-etag\"", CONFIGURATION_BODY);
  g_autoptr(PbTestResponse) weak = NULL;
  g_autoptr(PbTestResponse) saved = NULL;
  g_autoptr(PbTestResponse) stale = NULL;
  g_autoptr(PbTestResponse) read_back = NULL;
  g_autoptr(JsonNode) saved_json = NULL;
  g_autoptr(JsonNode) read_json = NULL;
  g_autofree char *weak_etag = NULL;
  const char *new_etag;

  g_assert_true (g_str_has_prefix (etag, "\"") && g_str_has_suffix (etag, "\"") && strlen (etag) > 2);
  assert_platform_error (no_if_match, 428, "precondition_required");
  assert_platform_error (wrong, 412, "revision_conflict");

  /* If-Match compares strongly: a weak tag never matches. */
  weak_etag = g_strconcat ("W/", etag, NULL);
  weak = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", weak_etag, CONFIGURATION_BODY);
  assert_platform_error (weak, 412, "revision_conflict");

  saved = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", etag, CONFIGURATION_BODY);
  g_assert_cmpuint (saved->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (saved->headers, NULL), ==, MEDIA_TYPE);
  new_etag = soup_message_headers_get_one (saved->headers, "ETag");
  g_assert_nonnull (new_etag);
  g_assert_cmpstr (new_etag, !=, etag);
  saved_json = pb_test_response_json (saved);
  g_assert_cmpint (json_object_get_int_member (object_of (saved_json), "revision"), ==, 2);
  g_assert_true (json_object_get_boolean_member (object_of (saved_json), "revertToLastStatus"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object_of (saved_json),
                                                                                  "presenceToState"), "On_a_call"),
                   ==, "away");

  /* Nothing changes on a conflict: the old ETag is refused now. */
  stale = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", etag, CONFIGURATION_BODY);
  assert_platform_error (stale, 412, "revision_conflict");

  read_back = platform_request (sandbox, "GET", token, "/omnichannel/configuration", NULL, NULL);
  read_json = pb_test_response_json (read_back);
  g_assert_cmpstr (soup_message_headers_get_one (read_back->headers, "ETag"), ==, new_etag);
  g_assert_true (json_node_equal (read_json, saved_json));

  pb_test_sandbox_stop (sandbox);
}

static void
test_configuration_findings (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *etag = get_etag (sandbox, token);
  g_autoptr(PbTestResponse) unmapped = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", etag,
                                                         "{\"presenceToState\":{},\"stateToPresence\":{\"ready\":\"Ready_for_Cases\"},"
                                                         "\"revertToLastStatus\":false}");
  g_autoptr(PbTestResponse) unknown = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", etag,
                                                        "{\"presenceToState\":{\"On_a_call\":\"away.nap\",\"Gone\":\"ready\"},"
                                                        "\"stateToPresence\":{\"ready\":\"Ready_for_Cases\",\"ready_offline\":null,"
                                                        "\"busy\":\"On_a_call\",\"wrap\":\"After_call_work\",\"away\":null},"
                                                        "\"revertToLastStatus\":false}");
  g_autoptr(PbTestResponse) shape = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", etag,
                                                      "{\"revision\":3,\"presenceToState\":{\"On_a_call\":null},"
                                                      "\"stateToPresence\":[],\"revertToLastStatus\":\"yes\"}");
  g_autoptr(PbTestResponse) not_object = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", etag,
                                                           "[1,2]");
  g_autoptr(PbTestResponse) malformed = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", etag,
                                                          "{\"presenceToState\":");
  g_autoptr(PbTestResponse) feature = NULL;
  g_autoptr(PbTestResponse) revert = NULL;
  g_autofree char *still = NULL;

  assert_platform_error (unmapped, 422, "unmapped_major_state");
  g_assert_true (has_finding (unmapped, "unmapped_major_state", "stateToPresence.wrap"));
  g_assert_true (has_finding (unmapped, "unmapped_major_state", "stateToPresence.away"));
  g_assert_false (has_finding (unmapped, "unmapped_major_state", "stateToPresence.logged_out"));

  g_assert_cmpuint (unknown->status, ==, 422);
  g_assert_true (has_finding (unknown, "unknown_state", "presenceToState.On_a_call"));
  g_assert_true (has_finding (unknown, "unknown_presence", "presenceToState.Gone"));
  g_assert_true (has_finding (unknown, "unknown_presence", "stateToPresence.wrap"));

  g_assert_cmpuint (shape->status, ==, 422);
  g_assert_true (has_finding (shape, "invalid_body", "revision"));
  g_assert_true (has_finding (shape, "invalid_body", "presenceToState.On_a_call"));
  g_assert_true (has_finding (shape, "invalid_body", "stateToPresence"));
  g_assert_true (has_finding (shape, "invalid_body", "revertToLastStatus"));
  assert_platform_error (not_object, 422, "invalid_body");
  assert_platform_error (malformed, 400, "invalid_json");

  /* Revert to last status needs the account feature. */
  feature = pb_test_sandbox_admin (sandbox, "PUT", "/account", "{\"features\":{\"revertToLastStatus\":false}}");
  g_assert_cmpuint (feature->status, ==, 200);
  revert = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", etag, CONFIGURATION_BODY);
  assert_platform_error (revert, 422, "feature_unavailable");
  g_assert_true (has_finding (revert, "feature_unavailable", "revertToLastStatus"));

  /* None of that changed anything. */
  still = get_etag (sandbox, token);
  g_assert_cmpstr (still, ==, etag);

  pb_test_sandbox_stop (sandbox);
}

static void
test_configuration_changed_elsewhere (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *etag = get_etag (sandbox, token);
  g_autoptr(PbTestResponse) elsewhere = pb_test_sandbox_admin (sandbox, "PUT", "/configuration",
                                                               "{\"revertToLastStatus\":true}");
  g_autoptr(PbTestResponse) refused = pb_test_sandbox_admin (sandbox, "PUT", "/configuration",
                                                             "{\"stateToPresence\":{}}");
  g_autoptr(PbTestResponse) put = NULL;
  g_autoptr(PbTestResponse) current = NULL;
  g_autoptr(JsonNode) elsewhere_json = pb_test_response_json (elsewhere);
  g_autoptr(JsonNode) current_json = NULL;

  g_assert_cmpuint (elsewhere->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (object_of (elsewhere_json), "revision"), ==, 2);
  g_assert_cmpstr (soup_message_headers_get_one (elsewhere->headers, "ETag"), !=, etag);
  g_assert_cmpuint (refused->status, ==, 422);

  put = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", etag, CONFIGURATION_BODY);
  assert_platform_error (put, 412, "revision_conflict");

  /* The other administrator's change, with the rest kept. */
  current = platform_request (sandbox, "GET", token, "/omnichannel/configuration", NULL, NULL);
  current_json = pb_test_response_json (current);
  g_assert_true (json_object_get_boolean_member (object_of (current_json), "revertToLastStatus"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object_of (current_json),
                                                                                  "stateToPresence"), "wrap"),
                   ==, "Taking_notes");

  pb_test_sandbox_stop (sandbox);
}

/* Salesforce sign-in */

static void
test_pkce (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *verifier = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *url = NULL;
  g_autofree char *location = NULL;
  g_autofree char *code = NULL;
  g_autofree char *state = NULL;
  g_autofree char *second_location = NULL;
  g_autofree char *second_code = NULL;
  g_autoptr(PbTestResponse) wrong = NULL;
  g_autoptr(PbTestResponse) reused = NULL;
  g_autoptr(PbTestResponse) right = NULL;
  g_autoptr(PbTestResponse) again = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *expected_id_prefix = NULL;
  JsonObject *tokens;

  pb_test_make_pkce (&verifier, &challenge);
  url = pb_test_sandbox_authorize_url (sandbox, sandbox->salesforce_client_id, CALLBACK, challenge, "S256", "state&value=1");
  location = pb_test_sandbox_approve (sandbox, url, TRUE);
  g_assert_true (g_str_has_prefix (location, CALLBACK "?"));
  code = pb_test_location_param (location, "code");
  state = pb_test_location_param (location, "state");
  g_assert_cmpstr (state, ==, "state&value=1");

  /* A wrong verifier is refused, and the code is used up by the try. */
  wrong = pb_test_sandbox_exchange_code (sandbox, code, CALLBACK, "a-verifier-that-does-not-match-the-challenge-at-all");
  assert_oauth_error (wrong, 400, "invalid_grant");
  reused = pb_test_sandbox_exchange_code (sandbox, code, CALLBACK, verifier);
  assert_oauth_error (reused, 400, "invalid_grant");

  second_location = pb_test_sandbox_approve (sandbox, url, TRUE);
  second_code = pb_test_location_param (second_location, "code");
  g_assert_cmpstr (second_code, !=, code);
  right = pb_test_sandbox_exchange_code (sandbox, second_code, CALLBACK, verifier);
  g_assert_cmpuint (right->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (right->headers, "Cache-Control"), ==, "no-store");
  answer = pb_test_response_json (right);
  tokens = object_of (answer);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (tokens, "access_token"), "00D"));
  g_assert_nonnull (json_object_get_string_member (tokens, "refresh_token"));
  g_assert_cmpstr (json_object_get_string_member (tokens, "instance_url"), ==, sandbox->url);
  g_assert_cmpstr (json_object_get_string_member (tokens, "token_type"), ==, "Bearer");
  g_assert_nonnull (json_object_get_string_member (tokens, "signature"));
  g_assert_nonnull (json_object_get_string_member (tokens, "scope"));
  expected_id_prefix = g_strconcat (sandbox->salesforce_login_url, "/id/00D", NULL);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (tokens, "id"), expected_id_prefix));
  /* Milliseconds since 1970, as a string, like Salesforce. */
  g_assert_cmpuint (strlen (json_object_get_string_member (tokens, "issued_at")), ==, 13);
  g_assert_cmpint (g_ascii_strtoll (json_object_get_string_member (tokens, "issued_at"), NULL, 10) / 1000, >=,
                   g_get_real_time () / G_USEC_PER_SEC - 60);

  /* Single use. */
  again = pb_test_sandbox_exchange_code (sandbox, second_code, CALLBACK, verifier);
  assert_oauth_error (again, 400, "invalid_grant");

  pb_test_sandbox_stop (sandbox);
}

static void
test_authorize_errors (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *verifier = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *mismatch_url = NULL;
  g_autofree char *client_url = NULL;
  g_autofree char *deny_url = NULL;
  g_autofree char *plain_url = NULL;
  g_autofree char *no_pkce_url = NULL;
  g_autofree char *denied = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *denied_error = NULL;
  g_autofree char *denied_state = NULL;
  g_autofree char *plain_error = NULL;
  g_autofree char *no_pkce = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *post_url = url_of (sandbox->salesforce_login_url, "/services/oauth2/authorize");
  g_autoptr(PbTestResponse) page = NULL;
  g_autoptr(PbTestResponse) stale = NULL;

  pb_test_make_pkce (&verifier, &challenge);

  /* A callback URL that is not registered exactly: an error page, never a
   * redirect, and the URI shown as text. */
  mismatch_url = pb_test_sandbox_authorize_url (sandbox, sandbox->salesforce_client_id, "http://localhost:8717/callback/<b>x</b>",
                                challenge, "S256", "s");
  g_assert_null (pb_test_sandbox_approve (sandbox, mismatch_url, TRUE));
  page = pb_test_sandbox_request (sandbox, "GET", mismatch_url, NULL, NULL, NULL, 0);
  page_text = pb_test_response_text (page);
  g_assert_cmpuint (page->status, ==, 400);
  g_assert_nonnull (strstr (page_text, "redirect_uri_mismatch"));
  g_assert_nonnull (strstr (page_text, "&lt;b&gt;x&lt;/b&gt;"));
  g_assert_null (strstr (page_text, "<b>x</b>"));
  g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (page->headers, NULL), "text/html"));

  client_url = pb_test_sandbox_authorize_url (sandbox, "someone-else", CALLBACK, challenge, "S256", "s");
  g_assert_null (pb_test_sandbox_approve (sandbox, client_url, TRUE));

  /* Deny goes back with access_denied and the state. */
  deny_url = pb_test_sandbox_authorize_url (sandbox, sandbox->salesforce_client_id, CALLBACK, challenge, "S256", "the-state");
  denied = pb_test_sandbox_approve (sandbox, deny_url, FALSE);
  denied_error = pb_test_location_param (denied, "error");
  denied_state = pb_test_location_param (denied, "state");
  g_assert_cmpstr (denied_error, ==, "access_denied");
  g_assert_cmpstr (denied_state, ==, "the-state");

  /* S256 only; and this connected app requires PKCE. */
  plain_url = pb_test_sandbox_authorize_url (sandbox, sandbox->salesforce_client_id, CALLBACK, challenge, "plain", "s");
  plain = pb_test_sandbox_approve (sandbox, plain_url, TRUE);
  plain_error = pb_test_location_param (plain, "error");
  g_assert_cmpstr (plain_error, ==, "invalid_request");
  {
    g_autofree char *query_text = soup_form_encode ("response_type", "code", "client_id", sandbox->salesforce_client_id,
                                                    "redirect_uri", CALLBACK, NULL);
    g_autofree char *error_value = NULL;

    no_pkce_url = g_strconcat (sandbox->salesforce_login_url, "/services/oauth2/authorize?", query_text, NULL);
    no_pkce = pb_test_sandbox_approve (sandbox, no_pkce_url, TRUE);
    error_value = pb_test_location_param (no_pkce, "error");
    g_assert_cmpstr (error_value, ==, "invalid_request");
  }

  /* A decision for no pending request (or a forged one) is refused. */
  stale = form_post (sandbox, post_url, "request=forged&decision=allow");
  g_assert_cmpuint (stale->status, ==, 400);
  g_assert_null (soup_message_headers_get_one (stale->headers, "Location"));

  pb_test_sandbox_stop (sandbox);
}

static void
test_refresh_token (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autoptr(JsonNode) answer = pb_test_sandbox_salesforce_sign_in (sandbox, CALLBACK);
  const char *refresh_token = json_object_get_string_member (object_of (answer), "refresh_token");
  g_autofree char *url = url_of (sandbox->salesforce_login_url, "/services/oauth2/token");
  g_autofree char *form = soup_form_encode ("grant_type", "refresh_token", "refresh_token", refresh_token,
                                            "client_id", sandbox->salesforce_client_id, NULL);
  g_autofree char *other_client = soup_form_encode ("grant_type", "refresh_token", "refresh_token", refresh_token,
                                                    "client_id", "someone-else", NULL);
  g_autoptr(PbTestResponse) refreshed = form_post (sandbox, url, form);
  g_autoptr(PbTestResponse) wrong_client = form_post (sandbox, url, other_client);
  g_autoptr(PbTestResponse) revoke = NULL;
  g_autoptr(PbTestResponse) revoked = NULL;
  g_autoptr(PbTestResponse) still_valid = NULL;
  g_autoptr(JsonNode) refreshed_json = pb_test_response_json (refreshed);
  const char *new_access = json_object_get_string_member (object_of (refreshed_json), "access_token");

  g_assert_cmpuint (refreshed->status, ==, 200);
  g_assert_false (json_object_has_member (object_of (refreshed_json), "refresh_token"));
  g_assert_cmpstr (new_access, !=, json_object_get_string_member (object_of (answer), "access_token"));
  assert_oauth_error (wrong_client, 400, "invalid_client_id");

  revoke = pb_test_sandbox_admin (sandbox, "POST", "/revoke-refresh-tokens", NULL);
  g_assert_cmpuint (revoke->status, ==, 204);
  revoked = form_post (sandbox, url, form);
  assert_oauth_error (revoked, 400, "invalid_grant");

  /* Revoking refresh tokens leaves access tokens until they expire. */
  still_valid = query (sandbox, new_access, "SELECT Id FROM ServiceChannel");
  g_assert_cmpuint (still_valid->status, ==, 200);

  pb_test_sandbox_stop (sandbox);
}

static void
test_token_expiry (void)
{
  static const char * const args[] = { "--token-lifetime", "2", NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autofree char *platform_token = pb_test_sandbox_platform_token (sandbox);
  g_autoptr(PbTestResponse) fresh = platform_request (sandbox, "GET", platform_token, "/omnichannel/account", NULL, NULL);
  g_autoptr(JsonNode) answer = pb_test_sandbox_salesforce_sign_in (sandbox, CALLBACK);
  const char *access = json_object_get_string_member (object_of (answer), "access_token");
  g_autoptr(PbTestResponse) fresh_query = query (sandbox, access, "SELECT Id FROM ServicePresenceStatus");
  g_autofree char *url = url_of (sandbox->salesforce_login_url, "/services/oauth2/token");
  g_autofree char *form = soup_form_encode ("grant_type", "refresh_token",
                                            "refresh_token", json_object_get_string_member (object_of (answer), "refresh_token"),
                                            "client_id", sandbox->salesforce_client_id, NULL);
  g_autoptr(PbTestResponse) expired = NULL;
  g_autoptr(PbTestResponse) expired_query = NULL;
  g_autoptr(PbTestResponse) refreshed = NULL;

  g_assert_cmpuint (fresh->status, ==, 200);
  g_assert_cmpuint (fresh_query->status, ==, 200);
  g_usleep (2500 * 1000);

  expired = platform_request (sandbox, "GET", platform_token, "/omnichannel/account", NULL, NULL);
  assert_platform_error (expired, 401, "invalid_token");
  expired_query = query (sandbox, access, "SELECT Id FROM ServicePresenceStatus");
  assert_salesforce_error (expired_query, 401, "INVALID_SESSION_ID");

  /* The refresh token outlives access tokens. */
  refreshed = form_post (sandbox, url, form);
  g_assert_cmpuint (refreshed->status, ==, 200);

  pb_test_sandbox_stop (sandbox);
}

static void
test_expire_tokens_hook (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *platform_token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *access = salesforce_token (sandbox);
  g_autoptr(PbTestResponse) expire = pb_test_sandbox_admin (sandbox, "POST", "/expire-tokens", NULL);
  g_autoptr(PbTestResponse) platform = platform_request (sandbox, "GET", platform_token, "/omnichannel/account",
                                                         NULL, NULL);
  g_autoptr(PbTestResponse) salesforce = query (sandbox, access, "SELECT Id FROM ServiceChannel");

  g_assert_cmpuint (expire->status, ==, 204);
  assert_platform_error (platform, 401, "invalid_token");
  assert_salesforce_error (salesforce, 401, "INVALID_SESSION_ID");

  pb_test_sandbox_stop (sandbox);
}

/* Salesforce queries */

static void
test_queries (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *token = salesforce_token (sandbox);
  g_autoptr(PbTestResponse) statuses = query (sandbox, token, "  select   id,developername ,  MASTERLABEL\n from servicepresencestatus ");
  g_autoptr(PbTestResponse) channels = query (sandbox, token, "SELECT Id, DeveloperName, MasterLabel FROM ServiceChannel");
  g_autoptr(PbTestResponse) links = query (sandbox, token,
                                           "SELECT ServicePresenceStatusId, ServiceChannelId FROM ServiceChannelStatus");
  g_autoptr(PbTestResponse) unknown_field = query (sandbox, token, "SELECT Id, Name FROM ServicePresenceStatus");
  g_autoptr(PbTestResponse) unknown_object = query (sandbox, token, "SELECT Id FROM Account");
  g_autoptr(PbTestResponse) where = query (sandbox, token, "SELECT Id FROM ServiceChannel WHERE Id != null");
  g_autoptr(PbTestResponse) garbage = query (sandbox, token, "DELETE everything");
  g_autoptr(PbTestResponse) no_token = query (sandbox, "nope", "SELECT Id FROM ServiceChannel");
  g_autofree char *no_q_url = url_of (sandbox->url, "/services/data/v60.0/query");
  g_autofree char *authorization = g_strconcat ("OAuth ", token, NULL);
  const char *headers[] = { "Authorization", authorization, NULL };
  g_autoptr(PbTestResponse) no_q = pb_test_sandbox_request (sandbox, "GET", no_q_url, headers, NULL, NULL, 0);
  g_autoptr(JsonNode) statuses_json = pb_test_response_json (statuses);
  g_autoptr(JsonNode) channels_json = pb_test_response_json (channels);
  g_autoptr(JsonNode) links_json = pb_test_response_json (links);
  g_autoptr(JsonNode) field_json = pb_test_response_json (unknown_field);
  JsonArray *records = json_object_get_array_member (object_of (statuses_json), "records");
  JsonObject *first = json_array_get_object_element (records, 0);
  JsonObject *attributes = json_object_get_object_member (first, "attributes");
  g_autofree char *record_url = g_strconcat ("/services/data/v60.0/sobjects/ServicePresenceStatus/",
                                             json_object_get_string_member (first, "Id"), NULL);
  JsonArray *channel_records = json_object_get_array_member (object_of (channels_json), "records");
  JsonArray *link_records = json_object_get_array_member (object_of (links_json), "records");
  const char *message;

  g_assert_cmpuint (statuses->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (object_of (statuses_json), "totalSize"), ==, 5);
  g_assert_true (json_object_get_boolean_member (object_of (statuses_json), "done"));
  g_assert_false (json_object_has_member (object_of (statuses_json), "nextRecordsUrl"));
  g_assert_cmpstr (json_object_get_string_member (attributes, "type"), ==, "ServicePresenceStatus");
  g_assert_cmpstr (json_object_get_string_member (attributes, "url"), ==, record_url);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (first, "Id"), "0N5"));
  g_assert_cmpstr (json_object_get_string_member (first, "DeveloperName"), ==, "Ready_for_Cases");
  g_assert_cmpstr (json_object_get_string_member (first, "MasterLabel"), ==, "Ready for cases");

  g_assert_cmpuint (json_array_get_length (channel_records), ==, 2);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (channel_records, 0), "Id"),
                                   "0N9"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (channel_records, 0), "DeveloperName"),
                   ==, "sfdc_case");

  /* Ready for cases and Ready for chats are online, each on one channel;
   * the others have none (busy). */
  g_assert_cmpuint (json_array_get_length (link_records), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (link_records, 0),
                                                  "ServicePresenceStatusId"),
                   ==, json_object_get_string_member (first, "Id"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (link_records, 0), "ServiceChannelId"),
                   ==, json_object_get_string_member (json_array_get_object_element (channel_records, 0), "Id"));

  assert_salesforce_error (unknown_field, 400, "INVALID_FIELD");
  message = json_object_get_string_member (json_array_get_object_element (json_node_get_array (field_json), 0), "message");
  g_assert_nonnull (strstr (message, "No such column 'Name' on entity 'ServicePresenceStatus'"));
  g_assert_nonnull (strstr (message, "ERROR at Row:1:Column:12"));
  assert_salesforce_error (unknown_object, 400, "INVALID_TYPE");
  assert_salesforce_error (where, 400, "MALFORMED_QUERY");
  assert_salesforce_error (garbage, 400, "MALFORMED_QUERY");
  assert_salesforce_error (no_token, 401, "INVALID_SESSION_ID");
  assert_salesforce_error (no_q, 400, "MALFORMED_QUERY");

  pb_test_sandbox_stop (sandbox);
}

static void
test_identity (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autoptr(JsonNode) answer = pb_test_sandbox_salesforce_sign_in (sandbox, CALLBACK);
  const char *id_url = json_object_get_string_member (object_of (answer), "id");
  g_autofree char *authorization = g_strconcat ("Bearer ", json_object_get_string_member (object_of (answer), "access_token"), NULL);
  const char *headers[] = { "Authorization", authorization, NULL };
  g_autofree char *wrong_url = url_of (sandbox->url, "/id/00D000000000000AAA/005000000000000AAA");
  g_autoptr(PbTestResponse) identity = pb_test_sandbox_request (sandbox, "GET", id_url, headers, NULL, NULL, 0);
  g_autoptr(PbTestResponse) wrong = pb_test_sandbox_request (sandbox, "GET", wrong_url, headers, NULL, NULL, 0);
  g_autoptr(JsonNode) identity_json = pb_test_response_json (identity);

  g_assert_cmpuint (identity->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (object_of (identity_json), "id"), ==, id_url);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object_of (identity_json), "user_id"), "005"));
  assert_salesforce_error (wrong, 404, "NOT_FOUND");

  pb_test_sandbox_stop (sandbox);
}

static void
test_pagination (void)
{
  static const char * const args[] = { "--generate", "4321,200", "--page-size", "500,173", NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autofree char *token = salesforce_token (sandbox);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(PbTestResponse) first = query (sandbox, token, "SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus");
  g_autoptr(JsonNode) page = pb_test_response_json (first);
  g_autoptr(PbTestResponse) bad = NULL;
  g_autoptr(PbTestResponse) links = NULL;
  g_autoptr(JsonNode) links_json = NULL;
  g_autofree char *first_next = NULL;
  guint n_pages = 0;
  guint expected_sizes[] = { 500, 173 };

  g_assert_cmpuint (first->status, ==, 200);
  for (;;)
    {
      JsonObject *object = object_of (page);
      JsonArray *records = json_object_get_array_member (object, "records");
      gboolean done = json_object_get_boolean_member (object, "done");
      g_autoptr(PbTestResponse) next = NULL;

      g_assert_cmpint (json_object_get_int_member (object, "totalSize"), ==, 4321);
      if (!done)
        g_assert_cmpuint (json_array_get_length (records), ==, expected_sizes[n_pages % 2]);
      for (guint i = 0; i < json_array_get_length (records); i++)
        {
          JsonObject *record = json_array_get_object_element (records, i);
          const char *id = json_object_get_string_member (record, "Id");

          g_assert_cmpuint (strlen (id), ==, 18);
          g_assert_true (g_hash_table_add (seen, g_strdup (id)));
        }
      n_pages++;
      if (done)
        {
          g_assert_false (json_object_has_member (object, "nextRecordsUrl"));
          break;
        }

      g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "nextRecordsUrl"),
                                       "/services/data/v60.0/query/01g"));
      if (first_next == NULL)
        first_next = g_strdup (json_object_get_string_member (object, "nextRecordsUrl"));
      next = query_more (sandbox, token, json_object_get_string_member (object, "nextRecordsUrl"));
      g_assert_cmpuint (next->status, ==, 200);
      g_clear_pointer (&page, json_node_unref);
      page = pb_test_response_json (next);
    }

  /* Every record exactly once, in 13 pages of 500 and 173 in turn. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, 4321);
  g_assert_cmpuint (n_pages, ==, 13);

  bad = query_more (sandbox, token, "/services/data/v60.0/query/01gnonexistent-500");
  assert_salesforce_error (bad, 400, "INVALID_QUERY_LOCATOR");

  /* A generated status has up to two channels. */
  links = query (sandbox, token, "SELECT ServicePresenceStatusId, ServiceChannelId FROM ServiceChannelStatus");
  links_json = pb_test_response_json (links);
  g_assert_cmpint (json_object_get_int_member (object_of (links_json), "totalSize"), >, 1000);

  pb_test_sandbox_stop (sandbox);
}

/* Faults */

static void
test_fault_latency (void)
{
  static const char * const args[] = { "--fault", "account:latency=300*1", NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(PbTestResponse) slow = platform_request (sandbox, "GET", token, "/omnichannel/account", NULL, NULL);
  gint64 slow_time = g_get_monotonic_time () - start;
  g_autoptr(PbTestResponse) fast = NULL;
  gint64 fast_time;

  g_assert_cmpuint (slow->status, ==, 200);
  g_assert_cmpint (slow_time, >=, 300 * 1000);

  start = g_get_monotonic_time ();
  fast = platform_request (sandbox, "GET", token, "/omnichannel/account", NULL, NULL);
  fast_time = g_get_monotonic_time () - start;
  g_assert_cmpuint (fast->status, ==, 200);
  g_assert_cmpint (fast_time, <, 300 * 1000);

  pb_test_sandbox_stop (sandbox);
}

static void
test_fault_latency_abandoned (void)
{
  static const char * const args[] = { "--fault", "agent-states:latency=2000", NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *url = url_of (sandbox->platform_url, "/omnichannel/agent-states");
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupSession) impatient = pb_test_sandbox_new_session (1);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbTestResponse) after = NULL;

  /* The client gives up while the answer is held back; the sandbox must
   * carry on. */
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", MEDIA_TYPE);
  body = soup_session_send_and_read (impatient, msg, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);

  after = platform_request (sandbox, "GET", token, "/omnichannel/account", NULL, NULL);
  g_assert_cmpuint (after->status, ==, 200);

  pb_test_sandbox_stop (sandbox);
}

static void
test_fault_status (void)
{
  static const char * const args[] = { "--fault", "any:status=503*1", "--fault", "query:status=500*1", NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autofree char *token = NULL;
  g_autofree char *access = NULL;
  g_autoptr(PbTestResponse) platform = NULL;
  g_autoptr(PbTestResponse) sf = NULL;
  g_autoptr(PbTestResponse) ok = NULL;
  g_autoptr(PbTestResponse) token_fault = NULL;
  g_autofree char *url = NULL;

  /* any:…*1 hits the very first request, the token request. */
  url = url_of (sandbox->auth_url, "/connect/token");
  token_fault = form_post (sandbox, url, "grant_type=client_credentials&client_id=sandbox-platform&client_secret=sandbox-secret");
  assert_oauth_error (token_fault, 503, "temporarily_unavailable");

  token = pb_test_sandbox_platform_token (sandbox);
  access = salesforce_token (sandbox);
  sf = query (sandbox, access, "SELECT Id FROM ServiceChannel");
  assert_salesforce_error (sf, 500, "UNKNOWN_EXCEPTION");
  ok = query (sandbox, access, "SELECT Id FROM ServiceChannel");
  g_assert_cmpuint (ok->status, ==, 200);

  add_fault (sandbox, "{\"endpoint\":\"account\",\"kind\":\"status\",\"value\":502,\"count\":1}");
  platform = platform_request (sandbox, "GET", token, "/omnichannel/account", NULL, NULL);
  assert_platform_error (platform, 502, "bad_gateway");

  pb_test_sandbox_stop (sandbox);
}

static void
test_fault_rate_limit (void)
{
  static const char * const args[] = { "--fault", "configuration-put:rate-limit=1*2", "--fault", "query:rate-limit=5*1",
                                       "--fault", "refresh:unavailable=7*1", NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *access = salesforce_token (sandbox);
  g_autofree char *etag = get_etag (sandbox, token);
  g_autoptr(PbTestResponse) sf = query (sandbox, access, "SELECT Id FROM ServiceChannel");
  g_autoptr(PbTestResponse) refresh = platform_request (sandbox, "POST", token, "/omnichannel/presence-statuses/refresh",
                                                        NULL, NULL);
  g_autoptr(JsonNode) holder = NULL;
  JsonArray *log;
  guint puts = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PbTestResponse) limited = platform_request (sandbox, "PUT", token, "/omnichannel/configuration",
                                                            etag, CONFIGURATION_BODY);

      assert_platform_error (limited, 429, "rate_limited");
      g_assert_cmpstr (soup_message_headers_get_one (limited->headers, "Retry-After"), ==, "1");
    }
  {
    g_autoptr(PbTestResponse) accepted = platform_request (sandbox, "PUT", token, "/omnichannel/configuration",
                                                           etag, CONFIGURATION_BODY);

    /* A 429 guarantees nothing was applied: the same ETag still works. */
    g_assert_cmpuint (accepted->status, ==, 200);
  }

  /* Salesforce's limit is a 403 without Retry-After. */
  assert_salesforce_error (sf, 403, "REQUEST_LIMIT_EXCEEDED");
  assert_platform_error (refresh, 503, "service_unavailable");
  g_assert_cmpstr (soup_message_headers_get_one (refresh->headers, "Retry-After"), ==, "7");

  /* The log shows the retries, with If-Match each time. */
  log = requests_log (sandbox, &holder);
  for (guint i = 0; i < json_array_get_length (log); i++)
    {
      JsonObject *entry = json_array_get_object_element (log, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "endpoint"), "configuration-put") != 0)
        continue;
      g_assert_cmpstr (json_object_get_string_member (entry, "ifMatch"), ==, etag);
      g_assert_cmpint (json_object_get_int_member (entry, "status"), ==, ++puts < 3 ? 429 : 200);
    }
  g_assert_cmpuint (puts, ==, 3);

  pb_test_sandbox_stop (sandbox);
}

static void
test_fault_malformed_truncated (void)
{
  static const char * const args[] = { "--fault", "agent-states:malformed*1", "--fault", "agent-states:truncated*1", NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autoptr(PbTestResponse) malformed = platform_request (sandbox, "GET", token, "/omnichannel/agent-states", NULL, NULL);
  g_autoptr(PbTestResponse) truncated = platform_request (sandbox, "GET", token, "/omnichannel/agent-states", NULL, NULL);
  g_autoptr(PbTestResponse) whole = platform_request (sandbox, "GET", token, "/omnichannel/agent-states", NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *malformed_text = pb_test_response_text (malformed);
  g_autofree char *truncated_text = pb_test_response_text (truncated);
  g_autofree char *whole_text = pb_test_response_text (whole);

  g_assert_cmpuint (malformed->status, ==, 200);
  g_assert_false (json_parser_load_from_data (parser, malformed_text, -1, NULL));

  g_assert_cmpuint (truncated->status, ==, 200);
  g_assert_cmpint (soup_message_headers_get_content_length (truncated->headers), ==, strlen (truncated_text));
  g_assert_cmpuint (strlen (truncated_text), >, 0);
  g_assert_cmpuint (strlen (truncated_text), <, strlen (whole_text));
  g_assert_true (g_str_has_prefix (whole_text, truncated_text));
  g_assert_false (json_parser_load_from_data (parser, truncated_text, -1, NULL));

  g_assert_cmpuint (whole->status, ==, 200);
  g_assert_true (json_parser_load_from_data (parser, whole_text, -1, NULL));

  pb_test_sandbox_stop (sandbox);
}

static void
test_fault_expired_token (void)
{
  static const char * const args[] = { "--fault", "account:expired-token*1", "--fault", "query:expired-token*1", NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *access = salesforce_token (sandbox);
  g_autoptr(PbTestResponse) platform = platform_request (sandbox, "GET", token, "/omnichannel/account", NULL, NULL);
  g_autoptr(PbTestResponse) platform_again = platform_request (sandbox, "GET", token, "/omnichannel/account", NULL, NULL);
  g_autoptr(PbTestResponse) sf = query (sandbox, access, "SELECT Id FROM ServiceChannel");

  assert_platform_error (platform, 401, "invalid_token");
  g_assert_cmpuint (platform_again->status, ==, 200);
  assert_salesforce_error (sf, 401, "INVALID_SESSION_ID");

  pb_test_sandbox_stop (sandbox);
}

static void
test_fault_conflict_refuse (void)
{
  static const char * const args[] = { "--fault", "configuration-put:conflict*1", NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *etag = get_etag (sandbox, token);
  g_autoptr(PbTestResponse) conflict = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", etag,
                                                         CONFIGURATION_BODY);
  g_autofree char *new_etag = get_etag (sandbox, token);
  g_autoptr(PbTestResponse) refused = NULL;
  g_autoptr(PbTestResponse) accepted = NULL;

  assert_platform_error (conflict, 412, "revision_conflict");
  g_assert_cmpstr (new_etag, !=, etag);

  add_fault (sandbox, "{\"endpoint\":\"configuration-put\",\"kind\":\"refuse\",\"count\":1}");
  refused = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", new_etag, CONFIGURATION_BODY);
  g_assert_cmpuint (refused->status, ==, 422);
  g_assert_true (has_finding (refused, "mapping_refused", "stateToPresence.ready"));

  accepted = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", new_etag, CONFIGURATION_BODY);
  g_assert_cmpuint (accepted->status, ==, 200);

  pb_test_sandbox_stop (sandbox);
}

static void
test_fault_feature_off (void)
{
  static const char * const args[] = { "--fault", "any:feature-off", NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autoptr(PbTestResponse) account = platform_request (sandbox, "GET", token, "/omnichannel/account", NULL, NULL);
  g_autoptr(PbTestResponse) get = platform_request (sandbox, "GET", token, "/omnichannel/configuration", NULL, NULL);
  g_autoptr(PbTestResponse) put = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", "*",
                                                    CONFIGURATION_BODY);
  g_autoptr(PbTestResponse) states = platform_request (sandbox, "GET", token, "/omnichannel/agent-states", NULL, NULL);
  g_autoptr(JsonNode) account_json = pb_test_response_json (account);

  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (object_of (account_json), "features"),
                                                  "omnichannel"));
  assert_platform_error (get, 403, "feature_disabled");
  assert_platform_error (put, 403, "feature_disabled");
  g_assert_cmpuint (states->status, ==, 200);

  pb_test_sandbox_stop (sandbox);
}

static void
test_fault_no_developername (void)
{
  static const char * const args[] = { "--fault", "query:no-developername*1", NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autofree char *token = salesforce_token (sandbox);
  g_autoptr(PbTestResponse) links = query (sandbox, token, "SELECT ServicePresenceStatusId, ServiceChannelId FROM ServiceChannelStatus");
  g_autoptr(PbTestResponse) hidden = query (sandbox, token, "SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus");
  g_autoptr(PbTestResponse) visible = query (sandbox, token, "SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus");
  g_autoptr(JsonNode) hidden_json = pb_test_response_json (hidden);
  const char *message = json_object_get_string_member (json_array_get_object_element (json_node_get_array (hidden_json), 0),
                                                       "message");

  /* A query without DeveloperName does not use the fault up. */
  g_assert_cmpuint (links->status, ==, 200);
  assert_salesforce_error (hidden, 400, "INVALID_FIELD");
  g_assert_nonnull (strstr (message, "No such column 'DeveloperName' on entity 'ServicePresenceStatus'."));
  g_assert_cmpuint (visible->status, ==, 200);

  pb_test_sandbox_stop (sandbox);
}

static void
test_faults_admin (void)
{
  static const char * const args[] = { "--fault", "account:status=500", NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autoptr(PbTestResponse) listed = pb_test_sandbox_admin (sandbox, "GET", "/faults", NULL);
  g_autoptr(PbTestResponse) bad_kind = pb_test_sandbox_admin (sandbox, "POST", "/faults",
                                                              "{\"endpoint\":\"account\",\"kind\":\"explode\"}");
  g_autoptr(PbTestResponse) bad_endpoint = pb_test_sandbox_admin (sandbox, "POST", "/faults",
                                                                  "{\"endpoint\":\"moon\",\"kind\":\"malformed\"}");
  g_autoptr(PbTestResponse) bad_count = pb_test_sandbox_admin (sandbox, "POST", "/faults",
                                                               "{\"endpoint\":\"query\",\"kind\":\"malformed\",\"count\":0}");
  g_autoptr(PbTestResponse) cleared = pb_test_sandbox_admin (sandbox, "DELETE", "/faults", NULL);
  g_autoptr(PbTestResponse) empty = pb_test_sandbox_admin (sandbox, "GET", "/faults", NULL);
  g_autoptr(JsonNode) listed_json = pb_test_response_json (listed);
  g_autoptr(JsonNode) empty_json = pb_test_response_json (empty);
  JsonObject *fault = json_array_get_object_element (json_object_get_array_member (object_of (listed_json), "faults"), 0);

  g_assert_cmpstr (json_object_get_string_member (fault, "endpoint"), ==, "account");
  g_assert_cmpstr (json_object_get_string_member (fault, "kind"), ==, "status");
  g_assert_cmpint (json_object_get_int_member (fault, "value"), ==, 500);
  g_assert_true (json_object_get_null_member (fault, "count"));
  g_assert_cmpuint (bad_kind->status, ==, 422);
  g_assert_cmpuint (bad_endpoint->status, ==, 422);
  g_assert_cmpuint (bad_count->status, ==, 422);
  g_assert_cmpuint (cleared->status, ==, 204);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (empty_json), "faults")), ==, 0);

  pb_test_sandbox_stop (sandbox);
}

/* The request log, state, reset */

static void
test_request_log (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autoptr(PbTestResponse) account = platform_request (sandbox, "GET", token, "/omnichannel/account", NULL, NULL);
  g_autoptr(PbTestResponse) raw = pb_test_sandbox_admin (sandbox, "GET", "/requests", NULL);
  g_autofree char *raw_text = pb_test_response_text (raw);
  g_autoptr(JsonNode) holder = NULL;
  g_autoptr(JsonNode) empty_holder = NULL;
  g_autoptr(PbTestResponse) cleared = NULL;
  JsonArray *log = requests_log (sandbox, &holder);
  JsonObject *token_entry = json_array_get_object_element (log, 0);
  JsonObject *account_entry = json_array_get_object_element (log, 1);

  /* Admin requests are not logged; tokens and secrets never are. */
  g_assert_cmpuint (json_array_get_length (log), ==, 2);
  g_assert_null (strstr (raw_text, token));
  g_assert_null (strstr (raw_text, "sandbox-secret"));
  g_assert_cmpstr (json_object_get_string_member (token_entry, "path"), ==, "/platform/connect/token");
  g_assert_cmpstr (json_object_get_string_member (token_entry, "grantType"), ==, "client_credentials");
  g_assert_cmpstr (json_object_get_string_member (account_entry, "method"), ==, "GET");
  g_assert_cmpstr (json_object_get_string_member (account_entry, "endpoint"), ==, "account");
  g_assert_cmpstr (json_object_get_string_member (account_entry, "authorization"), ==, "Bearer");
  g_assert_cmpstr (json_object_get_string_member (account_entry, "accept"), ==, MEDIA_TYPE);
  g_assert_cmpint (json_object_get_int_member (account_entry, "status"), ==, 200);

  cleared = pb_test_sandbox_admin (sandbox, "DELETE", "/requests", NULL);
  g_assert_cmpuint (cleared->status, ==, 204);
  g_assert_cmpuint (json_array_get_length (requests_log (sandbox, &empty_holder)), ==, 0);

  pb_test_sandbox_stop (sandbox);
}

static void
test_state_file (void)
{
  g_autofree char *dir = pb_test_make_dir ("pb-sandbox-state-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "state.json", NULL);
  const char * const args[] = { "--state", path, NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *etag = get_etag (sandbox, token);
  g_autoptr(JsonNode) signed_in = pb_test_sandbox_salesforce_sign_in (sandbox, CALLBACK);
  g_autofree char *refresh_token = g_strdup (json_object_get_string_member (object_of (signed_in), "refresh_token"));
  g_autoptr(PbTestResponse) saved = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", etag,
                                                      CONFIGURATION_BODY);
  g_autofree char *saved_etag = g_strdup (soup_message_headers_get_one (saved->headers, "ETag"));
  g_autoptr(PbTestResponse) renamed = pb_test_sandbox_admin (sandbox, "PUT", "/account", "{\"name\":\"Renamed\"}");
  g_autofree char *contents = NULL;
  g_autofree char *restarted_etag = NULL;
  g_autofree char *url = NULL;
  g_autofree char *form = NULL;
  g_autoptr(PbTestResponse) account = NULL;
  g_autoptr(PbTestResponse) refreshed = NULL;
  g_autoptr(JsonNode) account_json = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (saved->status, ==, 200);
  g_assert_cmpuint (renamed->status, ==, 200);
  pb_test_sandbox_stop (sandbox);

  /* The file holds no usable token. */
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (contents, token));
  g_assert_null (strstr (contents, refresh_token));

  sandbox = pb_test_sandbox_start (args);
  restarted_etag = get_etag (sandbox, token);
  g_assert_cmpstr (restarted_etag, ==, saved_etag);
  account = platform_request (sandbox, "GET", token, "/omnichannel/account", NULL, NULL);
  account_json = pb_test_response_json (account);
  g_assert_cmpstr (json_object_get_string_member (object_of (account_json), "name"), ==, "Renamed");

  url = url_of (sandbox->salesforce_login_url, "/services/oauth2/token");
  form = soup_form_encode ("grant_type", "refresh_token", "refresh_token", refresh_token,
                           "client_id", sandbox->salesforce_client_id, NULL);
  refreshed = form_post (sandbox, url, form);
  g_assert_cmpuint (refreshed->status, ==, 200);
  pb_test_sandbox_stop (sandbox);

  /* A damaged state file is refused, and left as it is. */
  g_file_set_contents (path, "{\"format\":\"presence-bridge-sandbox-state\",\"version\":1}", -1, &error);
  g_assert_no_error (error);
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *after = NULL;

    g_assert_cmpint (run_sandbox (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, path));
    g_file_get_contents (path, &after, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (after, ==, "{\"format\":\"presence-bridge-sandbox-state\",\"version\":1}");
  }

  pb_test_remove_tree (dir);
}

static void
test_reset (void)
{
  static const char * const args[] = { "--fault", "agent-states:status=500*1", NULL };
  PbTestSandbox *sandbox = pb_test_sandbox_start (args);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *etag = get_etag (sandbox, token);
  g_autoptr(PbTestResponse) saved = platform_request (sandbox, "PUT", token, "/omnichannel/configuration", etag,
                                                      CONFIGURATION_BODY);
  g_autoptr(PbTestResponse) used_fault = platform_request (sandbox, "GET", token, "/omnichannel/agent-states", NULL, NULL);
  g_autoptr(PbTestResponse) reset = pb_test_sandbox_admin (sandbox, "POST", "/reset", NULL);
  g_autoptr(PbTestResponse) old_token = platform_request (sandbox, "GET", token, "/omnichannel/account", NULL, NULL);
  g_autofree char *new_token = pb_test_sandbox_platform_token (sandbox);
  g_autoptr(PbTestResponse) configuration = platform_request (sandbox, "GET", new_token, "/omnichannel/configuration",
                                                              NULL, NULL);
  g_autoptr(PbTestResponse) fault_back = platform_request (sandbox, "GET", new_token, "/omnichannel/agent-states",
                                                           NULL, NULL);
  g_autoptr(JsonNode) configuration_json = pb_test_response_json (configuration);

  g_assert_cmpuint (saved->status, ==, 200);
  g_assert_cmpuint (used_fault->status, ==, 500);
  g_assert_cmpuint (reset->status, ==, 204);
  assert_platform_error (old_token, 401, "invalid_token");
  g_assert_cmpint (json_object_get_int_member (object_of (configuration_json), "revision"), ==, 1);
  /* Revision 1 again, but never the ETag a client may still hold. */
  g_assert_cmpstr (soup_message_headers_get_one (configuration->headers, "ETag"), !=, etag);
  g_assert_cmpuint (fault_back->status, ==, 500);

  pb_test_sandbox_stop (sandbox);
}

static void
test_admin_org (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *access = salesforce_token (sandbox);
  g_autoptr(PbTestResponse) changed = pb_test_sandbox_admin (sandbox, "PUT", "/org",
                                                             "{\"agentStates\":[{\"id\":\"ready\",\"name\":\"Ready\",\"major\":null},"
                                                             "{\"id\":\"logged_out\",\"name\":\"Logged out\",\"major\":null}],"
                                                             "\"presenceStatuses\":[{\"apiName\":\"Chat\",\"label\":\"Chat\","
                                                             "\"channels\":[\"sfdc_livechat\",\"sfdc_messaging\"]}]}");
  g_autoptr(PbTestResponse) bad = pb_test_sandbox_admin (sandbox, "PUT", "/org",
                                                         "{\"presenceStatuses\":[{\"apiName\":\"\"}],\"extra\":1}");
  g_autoptr(PbTestResponse) bad_account = pb_test_sandbox_admin (sandbox, "PUT", "/account",
                                                                 "{\"agentPostCallState\":\"nowhere\"}");
  g_autoptr(PbTestResponse) states = platform_request (sandbox, "GET", token, "/omnichannel/agent-states", NULL, NULL);
  g_autoptr(PbTestResponse) links = query (sandbox, access, "SELECT ServicePresenceStatusId, ServiceChannelId FROM ServiceChannelStatus");
  g_autoptr(PbTestResponse) org = pb_test_sandbox_admin (sandbox, "GET", "/org", NULL);
  g_autoptr(JsonNode) states_json = pb_test_response_json (states);
  g_autoptr(JsonNode) links_json = pb_test_response_json (links);

  g_assert_cmpuint (changed->status, ==, 200);
  g_assert_cmpuint (bad->status, ==, 422);
  g_assert_cmpuint (bad_account->status, ==, 422);
  g_assert_cmpuint (org->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (states_json), "agentStates")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object_of (links_json), "totalSize"), ==, 2);

  pb_test_sandbox_stop (sandbox);
}

/* Untrusted text and bad requests */

static void
test_hostile_text (void)
{
  g_autofree char *dir = pb_test_make_dir ("pb-sandbox-hostile-XXXXXX");
  g_autofree char *seed = g_build_filename (dir, "seed.json", NULL);
  g_autofree char *example_path = pb_test_data_path ("worked-example.config.json");
  g_autofree char *example = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  const char *hostile = "</title><script>alert(\\\"x\\\")</script> & 'quotes' \\u2028 ☎";
  const char *decoded = "</title><script>alert(\"x\")</script> & 'quotes' \u2028 ☎";
  const char * const args[] = { "--seed", seed, "--salesforce-client-id", "<img src=x onerror=alert(1)>", NULL };
  PbTestSandbox *sandbox;
  g_autofree char *token = NULL;
  g_autofree char *verifier = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page_text = NULL;
  g_autoptr(PbTestResponse) statuses = NULL;
  g_autoptr(PbTestResponse) page = NULL;
  g_autoptr(JsonNode) statuses_json = NULL;
  JsonArray *array;

  g_file_get_contents (example_path, &example, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (example);
  {
    g_autofree char *replacement = g_strdup_printf ("\"label\": \"%s\"", hostile);

    g_assert_cmpuint (g_string_replace (text, "\"label\": \"Ready for cases\"", replacement, 1), ==, 1);
  }
  g_file_set_contents (seed, text->str, -1, &error);
  g_assert_no_error (error);

  sandbox = pb_test_sandbox_start (args);
  token = pb_test_sandbox_platform_token (sandbox);

  /* Labels are data: the same text comes back, JSON-escaped. */
  statuses = platform_request (sandbox, "GET", token, "/omnichannel/presence-statuses", NULL, NULL);
  statuses_json = pb_test_response_json (statuses);
  array = json_object_get_array_member (object_of (statuses_json), "presenceStatuses");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "label"), ==, decoded);

  /* The connected app's name is text on the approval page. */
  pb_test_make_pkce (&verifier, &challenge);
  url = pb_test_sandbox_authorize_url (sandbox, "<img src=x onerror=alert(1)>", CALLBACK, challenge, "S256", "<script>");
  page = pb_test_sandbox_request (sandbox, "GET", url, NULL, NULL, NULL, 0);
  page_text = pb_test_response_text (page);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page_text, "&lt;img src=x onerror=alert(1)&gt;"));
  g_assert_null (strstr (page_text, "<img"));
  g_assert_null (strstr (page_text, "<script>"));
  g_assert_nonnull (soup_message_headers_get_one (page->headers, "Content-Security-Policy"));

  pb_test_sandbox_stop (sandbox);
  pb_test_remove_tree (dir);
}

static void
test_bad_requests (void)
{
  PbTestSandbox *sandbox = pb_test_sandbox_start (NULL);
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *nowhere = url_of (sandbox->platform_url, "/omnichannel/nowhere");
  g_autofree char *sf_nowhere = url_of (sandbox->url, "/services/data/v60.0/sobjects");
  g_autofree char *token_url = url_of (sandbox->salesforce_login_url, "/services/oauth2/token");
  g_autofree char *config_url = url_of (sandbox->platform_url, "/omnichannel/configuration");
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *etag = get_etag (sandbox, token);
  const char *put_headers[] = { "Authorization", authorization, "Accept", MEDIA_TYPE, "If-Match", etag, NULL };
  g_autoptr(GString) huge = g_string_new ("{\"presenceToState\":{");
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(PbTestResponse) not_found = pb_test_sandbox_request (sandbox, "GET", nowhere, NULL, NULL, NULL, 0);
  g_autoptr(PbTestResponse) sf_not_found = pb_test_sandbox_request (sandbox, "GET", sf_nowhere, NULL, NULL, NULL, 0);
  g_autoptr(PbTestResponse) method = pb_test_sandbox_request (sandbox, "DELETE", config_url, NULL, NULL, NULL, 0);
  g_autoptr(PbTestResponse) bad_form = form_post (sandbox, token_url, "%%%=&&=%zz&grant_type");
  g_autoptr(PbTestResponse) wrong_type = pb_test_sandbox_request (sandbox, "PUT", config_url, put_headers,
                                                                  "text/plain", CONFIGURATION_BODY, -1);
  g_autoptr(PbTestResponse) binary = pb_test_sandbox_request (sandbox, "PUT", config_url, put_headers,
                                                              "application/json", "{\"a\":\"\xff\xfe\"}", -1);
  g_autoptr(PbTestResponse) too_large = NULL;
  g_autoptr(PbTestResponse) too_deep = NULL;
  g_autoptr(PbTestResponse) alive = NULL;

  assert_platform_error (not_found, 404, "not_found");
  assert_salesforce_error (sf_not_found, 404, "NOT_FOUND");
  assert_platform_error (method, 405, "method_not_allowed");
  g_assert_cmpstr (soup_message_headers_get_one (method->headers, "Allow"), ==, "GET, PUT");
  assert_oauth_error (bad_form, 400, "unsupported_grant_type");
  assert_platform_error (wrong_type, 415, "unsupported_media_type");
  assert_platform_error (binary, 400, "invalid_json");

  while (huge->len < 5 * 1024 * 1024)
    g_string_append_printf (huge, "\"Status_%08u\":\"ready\",", (guint)huge->len);
  g_string_append (huge, "\"x\":\"ready\"},\"stateToPresence\":{},\"revertToLastStatus\":false}");
  too_large = pb_test_sandbox_request (sandbox, "PUT", config_url, put_headers, "application/json", huge->str, huge->len);
  assert_platform_error (too_large, 413, "payload_too_large");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  too_deep = pb_test_sandbox_request (sandbox, "PUT", config_url, put_headers, "application/json", deep->str, deep->len);
  assert_platform_error (too_deep, 400, "invalid_json");

  /* And it still answers. */
  alive = platform_request (sandbox, "GET", token, "/omnichannel/account", NULL, NULL);
  g_assert_cmpuint (alive->status, ==, 200);

  pb_test_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sandbox/start/line", test_start_line);
  g_test_add_func ("/sandbox/start/signal", test_stop_on_signal);
  g_test_add_func ("/sandbox/start/command-line", test_command_line);
  g_test_add_func ("/sandbox/platform/token", test_platform_token);
  g_test_add_func ("/sandbox/platform/reads", test_platform_reads);
  g_test_add_func ("/sandbox/platform/auth-and-accept", test_platform_auth_and_accept);
  g_test_add_func ("/sandbox/platform/refresh", test_platform_refresh);
  g_test_add_func ("/sandbox/platform/configuration-etag", test_configuration_etag);
  g_test_add_func ("/sandbox/platform/configuration-findings", test_configuration_findings);
  g_test_add_func ("/sandbox/platform/changed-elsewhere", test_configuration_changed_elsewhere);
  g_test_add_func ("/sandbox/salesforce/pkce", test_pkce);
  g_test_add_func ("/sandbox/salesforce/authorize-errors", test_authorize_errors);
  g_test_add_func ("/sandbox/salesforce/refresh-token", test_refresh_token);
  g_test_add_func ("/sandbox/salesforce/queries", test_queries);
  g_test_add_func ("/sandbox/salesforce/identity", test_identity);
  g_test_add_func ("/sandbox/salesforce/pagination", test_pagination);
  g_test_add_func ("/sandbox/tokens/expiry", test_token_expiry);
  g_test_add_func ("/sandbox/tokens/expire-hook", test_expire_tokens_hook);
  g_test_add_func ("/sandbox/faults/latency", test_fault_latency);
  g_test_add_func ("/sandbox/faults/latency-abandoned", test_fault_latency_abandoned);
  g_test_add_func ("/sandbox/faults/status", test_fault_status);
  g_test_add_func ("/sandbox/faults/rate-limit", test_fault_rate_limit);
  g_test_add_func ("/sandbox/faults/malformed-truncated", test_fault_malformed_truncated);
  g_test_add_func ("/sandbox/faults/expired-token", test_fault_expired_token);
  g_test_add_func ("/sandbox/faults/conflict-refuse", test_fault_conflict_refuse);
  g_test_add_func ("/sandbox/faults/feature-off", test_fault_feature_off);
  g_test_add_func ("/sandbox/faults/no-developername", test_fault_no_developername);
  g_test_add_func ("/sandbox/faults/admin", test_faults_admin);
  g_test_add_func ("/sandbox/admin/request-log", test_request_log);
  g_test_add_func ("/sandbox/admin/state-file", test_state_file);
  g_test_add_func ("/sandbox/admin/reset", test_reset);
  g_test_add_func ("/sandbox/admin/org", test_admin_org);
  g_test_add_func ("/sandbox/robustness/hostile-text", test_hostile_text);
  g_test_add_func ("/sandbox/robustness/bad-requests", test_bad_requests);

  return g_test_run ();
}
