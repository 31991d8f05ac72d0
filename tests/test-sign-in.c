/* test-sign-in.c: the Salesforce sign-in, the test standing in for the browser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-remote-error.h"
#include "pb-salesforce-sign-in.h"
#include "pb-test-remote.h"

typedef struct
{
  PbTestSandbox *sandbox;
  guint port;
  char *callback;
  PbHttpClient *http;
  GUri *login_url;
  char *authorize_url;
} Fixture;

/* Fixture data: register a callback on another port than the one used. */
#define OTHER_CALLBACK GINT_TO_POINTER (1)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *registered = NULL;
  g_autoptr(GError) error = NULL;

  f->port = pb_test_free_port ();
  f->callback = g_strdup_printf ("http://localhost:%u/callback", f->port);
  registered = data == OTHER_CALLBACK ? g_strdup_printf ("http://localhost:%u/callback", f->port + 1)
                                      : g_strdup (f->callback);

  f->sandbox = pb_test_sandbox_start ((const char * const []) { "--salesforce-callback", registered, NULL });
  f->http = pb_http_client_new ();
  f->login_url = pb_http_client_parse_url (f->sandbox->salesforce_login_url, "login", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->http));
  g_clear_pointer (&f->login_url, g_uri_unref);
  g_clear_pointer (&f->callback, g_free);
  g_clear_pointer (&f->authorize_url, g_free);
  pb_test_sandbox_stop (f->sandbox);
}

static void
on_authorize (PbSalesforceSignIn *sign_in,
              const char         *url,
              Fixture            *f)
{
  g_assert_null (f->authorize_url);
  f->authorize_url = g_strdup (url);
}

static PbSalesforceSignIn *
new_sign_in (Fixture    *f,
             const char *client_id)
{
  PbSalesforceSignIn *sign_in = pb_salesforce_sign_in_new (f->http, f->login_url, client_id, f->port);

  g_signal_connect (sign_in, "authorize", G_CALLBACK (on_authorize), f);
  return sign_in;
}

static void
wait_for_authorize_url (Fixture       *f,
                        GAsyncResult **result)
{
  while (f->authorize_url == NULL && *result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (f->authorize_url);
}

/* Whether anything listens on the callback port now. */
static gboolean
port_is_free (guint port)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  gboolean free_port;

  free_port = g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                             NULL, NULL, NULL);
  g_socket_listener_close (listener);
  return free_port;
}

/* RFC 7636, appendix B */
static void
test_pkce (void)
{
  static const guint8 octets[] = {
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
    22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
  };
  g_autofree char *verifier = pb_salesforce_sign_in_base64url (octets, sizeof octets);
  g_autofree char *challenge = pb_salesforce_sign_in_challenge (verifier);

  g_assert_cmpstr (verifier, ==, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static GHashTable *
authorize_query (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  g_assert_nonnull (uri);
  return soup_form_decode (g_uri_get_query (uri));
}

static void
test_approved (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PbSalesforceSignIn) sign_in = new_sign_in (f, f->sandbox->salesforce_client_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbSalesforceToken) token = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autofree char *page = NULL;
  g_autofree char *stray_page = NULL;
  g_autofree char *favicon = g_strdup_printf ("http://localhost:%u/favicon.ico", f->port);
  guint status, stray_status;

  g_assert_true (port_is_free (f->port));
  g_assert_cmpstr (pb_salesforce_sign_in_get_redirect_uri (sign_in), ==, f->callback);

  pb_salesforce_sign_in_run_async (sign_in, NULL, pb_test_on_result, &result);
  wait_for_authorize_url (f, &result);
  g_assert_false (port_is_free (f->port));

  query = authorize_query (f->authorize_url);
  g_assert_true (g_str_has_prefix (f->authorize_url, f->sandbox->salesforce_login_url));
  g_assert_cmpstr (g_hash_table_lookup (query, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (query, "client_id"), ==, f->sandbox->salesforce_client_id);
  g_assert_cmpstr (g_hash_table_lookup (query, "redirect_uri"), ==, f->callback);
  g_assert_cmpstr (g_hash_table_lookup (query, "code_challenge_method"), ==, "S256");
  g_assert_cmpuint (strlen (g_hash_table_lookup (query, "code_challenge")), ==, 43);
  g_assert_cmpuint (strlen (g_hash_table_lookup (query, "state")), ==, 43);

  /* A stray request (the browser's icon) is answered and changes nothing. */
  pb_test_browser_get_async (favicon, &stray_status, &stray_page);
  while (stray_status == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (stray_status, ==, 404);
  g_assert_null (result);

  location = pb_test_sandbox_approve (f->sandbox, f->authorize_url, TRUE);
  g_assert_true (g_str_has_prefix (location, f->callback));
  pb_test_browser_get_async (location, &status, &page);

  token = pb_salesforce_sign_in_run_finish (sign_in, pb_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (token->access_token);
  g_assert_nonnull (token->refresh_token);
  g_assert_cmpstr (token->instance_url, ==, f->sandbox->url);
  g_assert_nonnull (token->org_id);

  while (status == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (page, "Signed In to Salesforce"));
  g_assert_null (strstr (page, token->access_token));

  /* It listens only while signing in. */
  g_assert_true (port_is_free (f->port));
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "salesforce-token", "POST"), ==, 1);
}

static void
test_denied (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PbSalesforceSignIn) sign_in = new_sign_in (f, f->sandbox->salesforce_client_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbSalesforceToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autofree char *page = NULL;
  guint status;

  pb_salesforce_sign_in_run_async (sign_in, NULL, pb_test_on_result, &result);
  wait_for_authorize_url (f, &result);

  location = pb_test_sandbox_approve (f->sandbox, f->authorize_url, FALSE);
  g_assert_nonnull (strstr (location, "error=access_denied"));
  pb_test_browser_get_async (location, &status, &page);

  token = pb_salesforce_sign_in_run_finish (sign_in, pb_test_wait (&result), &error);
  g_assert_null (token);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_SIGN_IN_DENIED);
  g_assert_nonnull (strstr (error->message, "end-user denied authorization"));

  while (status == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (status, ==, 400);
  g_assert_nonnull (strstr (page, "Sign-In Failed"));
  g_assert_nonnull (strstr (page, "end-user denied authorization"));
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "salesforce-token", NULL), ==, 0);
}

/* The browser comes back with a state this run did not send (a stale tab,
 * or a page trying to sign the app in to its own org). */
static void
test_state_mismatch (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbSalesforceSignIn) sign_in = new_sign_in (f, f->sandbox->salesforce_client_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbSalesforceToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autofree char *location = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *page = NULL;
  guint status;

  pb_salesforce_sign_in_run_async (sign_in, NULL, pb_test_on_result, &result);
  wait_for_authorize_url (f, &result);

  location = pb_test_sandbox_approve (f->sandbox, f->authorize_url, TRUE);
  query = authorize_query (location);
  forged = g_strdup_printf ("%s?code=%s&state=%s", f->callback, (char *)g_hash_table_lookup (query, "code"),
                            "forged-state-0123456789012345678901234567890");
  pb_test_browser_get_async (forged, &status, &page);

  token = pb_salesforce_sign_in_run_finish (sign_in, pb_test_wait (&result), &error);
  g_assert_null (token);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_STATE_MISMATCH);

  while (status == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (status, ==, 400);
  g_assert_nonnull (strstr (page, "does not belong"));

  /* The code was never exchanged. */
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "salesforce-token", NULL), ==, 0);
  g_assert_true (port_is_free (f->port));
}

/* The connected app lists another callback: said before any browser opens. */
static void
test_callback_mismatch (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PbSalesforceSignIn) sign_in = new_sign_in (f, f->sandbox->salesforce_client_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbSalesforceToken) token = NULL;
  g_autoptr(GError) error = NULL;

  pb_salesforce_sign_in_run_async (sign_in, NULL, pb_test_on_result, &result);
  token = pb_salesforce_sign_in_run_finish (sign_in, pb_test_wait (&result), &error);

  g_assert_null (token);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_CALLBACK_MISMATCH);
  g_assert_nonnull (strstr (error->message, f->callback));
  g_assert_nonnull (strstr (error->message, "Callback URL"));
  g_assert_null (f->authorize_url);
  g_assert_true (port_is_free (f->port));
}

static void
test_unknown_client (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbSalesforceSignIn) sign_in = new_sign_in (f, "3MVG9-not-a-connected-app");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbSalesforceToken) token = NULL;
  g_autoptr(GError) error = NULL;

  pb_salesforce_sign_in_run_async (sign_in, NULL, pb_test_on_result, &result);
  token = pb_salesforce_sign_in_run_finish (sign_in, pb_test_wait (&result), &error);

  g_assert_null (token);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "3MVG9-not-a-connected-app"));
  g_assert_null (f->authorize_url);
}

static void
test_port_busy (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PbSalesforceSignIn) sign_in = new_sign_in (f, f->sandbox->salesforce_client_id);
  g_autoptr(GSocketListener) squatter = g_socket_listener_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbSalesforceToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = g_strdup_printf ("Port %u", f->port);

  g_assert_true (g_socket_listener_add_inet_port (squatter, f->port, NULL, &error));
  g_assert_no_error (error);

  pb_salesforce_sign_in_run_async (sign_in, NULL, pb_test_on_result, &result);
  token = pb_salesforce_sign_in_run_finish (sign_in, pb_test_wait (&result), &error);

  g_assert_null (token);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_PORT_BUSY);
  g_assert_nonnull (strstr (error->message, port_text));
  g_assert_null (f->authorize_url);
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "authorize", NULL), ==, 0);

  g_socket_listener_close (squatter);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PbSalesforceSignIn) sign_in = new_sign_in (f, f->sandbox->salesforce_client_id);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbSalesforceToken) token = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  pb_salesforce_sign_in_set_timeout (sign_in, 1);
  pb_salesforce_sign_in_run_async (sign_in, NULL, pb_test_on_result, &result);
  token = pb_salesforce_sign_in_run_finish (sign_in, pb_test_wait (&result), &error);

  g_assert_null (token);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_TIMEOUT);
  g_assert_nonnull (f->authorize_url);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_true (port_is_free (f->port));
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PbSalesforceSignIn) sign_in = new_sign_in (f, f->sandbox->salesforce_client_id);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbSalesforceToken) token = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cancelled_at;

  pb_salesforce_sign_in_run_async (sign_in, cancellable, pb_test_on_result, &result);
  wait_for_authorize_url (f, &result);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  token = pb_salesforce_sign_in_run_finish (sign_in, pb_test_wait (&result), &error);

  g_assert_null (token);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 2 * G_USEC_PER_SEC);
  g_assert_true (port_is_free (f->port));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sign-in/pkce", test_pkce);
  g_test_add ("/sign-in/approved", Fixture, NULL, fixture_set_up, test_approved, fixture_tear_down);
  g_test_add ("/sign-in/denied", Fixture, NULL, fixture_set_up, test_denied, fixture_tear_down);
  g_test_add ("/sign-in/state-mismatch", Fixture, NULL, fixture_set_up, test_state_mismatch, fixture_tear_down);
  g_test_add ("/sign-in/callback-mismatch", Fixture, OTHER_CALLBACK, fixture_set_up, test_callback_mismatch,
              fixture_tear_down);
  g_test_add ("/sign-in/unknown-client", Fixture, NULL, fixture_set_up, test_unknown_client, fixture_tear_down);
  g_test_add ("/sign-in/port-busy", Fixture, NULL, fixture_set_up, test_port_busy, fixture_tear_down);
  g_test_add ("/sign-in/timeout", Fixture, NULL, fixture_set_up, test_timeout, fixture_tear_down);
  g_test_add ("/sign-in/cancelled", Fixture, NULL, fixture_set_up, test_cancelled, fixture_tear_down);

  return g_test_run ();
}
