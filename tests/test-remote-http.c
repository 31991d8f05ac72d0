/* test-remote-http.c: the HTTP client's policy, over real HTTP on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-http-client.h"
#include "pb-remote-error.h"
#include "pb-test-fixtures.h"
#include "pb-test-remote.h"

/* A documentation address (RFC 5737): nothing may ever be sent there. */
#define UNREACHABLE_URL "http://192.0.2.1/platform"

static void
test_url_policy (void)
{
  static const struct { const char *url; int code; } refused[] = {
    { "http://192.0.2.1/platform", PB_REMOTE_ERROR_INSECURE_URL },
    { "http://platform.example.com", PB_REMOTE_ERROR_INSECURE_URL },
    { "http://127.0.0.1.example.com/", PB_REMOTE_ERROR_INSECURE_URL },
    { "http://localhost.example.com/", PB_REMOTE_ERROR_INSECURE_URL },
    { "http://[::ffff:127.0.0.1]/", PB_REMOTE_ERROR_INSECURE_URL },
    { "http://[2001:db8::1]/", PB_REMOTE_ERROR_INSECURE_URL },
    { "ftp://example.com/", PB_REMOTE_ERROR_INVALID_URL },
    { "file:///etc/passwd", PB_REMOTE_ERROR_INVALID_URL },
    { "example.com/platform", PB_REMOTE_ERROR_INVALID_URL },
    { "https://user:pa55word@example.com/", PB_REMOTE_ERROR_INVALID_URL },
    { "https://example.com/?token=s3cr3t", PB_REMOTE_ERROR_INVALID_URL },
    { "https://example.com/#s3cr3t", PB_REMOTE_ERROR_INVALID_URL },
    { "https:///nohost", PB_REMOTE_ERROR_INVALID_URL },
    { "https://exa mple.com/?q=s3cr3t", PB_REMOTE_ERROR_INVALID_URL },
  };
  static const char * const accepted[] = {
    "https://platform.example.com",
    "https://example.my.salesforce.com/",
    "http://localhost:8080/platform",
    "http://LOCALHOST/",
    "http://127.0.0.1:1234",
    "http://127.45.6.7/",
    "http://[::1]:8080/x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GUri) uri = pb_http_client_parse_url (refused[i].url, "The platform URL", &error);

      g_assert_null (uri);
      g_assert_error (error, PB_REMOTE_ERROR, refused[i].code);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "The platform URL"));
      pb_test_assert_no_secrets (error, (const char * const []) { "s3cr3t", "pa55word", NULL });
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GUri) uri = pb_http_client_parse_url (accepted[i], "The platform URL", &error);

      g_assert_no_error (error);
      g_assert_nonnull (uri);
    }
}

static void
test_build_uri (void)
{
  g_autoptr(GUri) base = pb_http_client_parse_url ("https://example.com:8443/api/v1/", "x", NULL);
  g_autoptr(GUri) root = pb_http_client_parse_url ("https://example.com", "x", NULL);
  g_autoptr(GUri) endpoint = pb_http_client_build_uri (base, "/omnichannel/account", NULL);
  g_autoptr(GUri) query = pb_http_client_build_uri (root, "/services/data/v60.0/query", "q=SELECT+Id");
  g_autofree char *endpoint_text = g_uri_to_string (endpoint);
  g_autofree char *query_text = g_uri_to_string (query);
  g_autofree char *display = pb_remote_uri_to_display (query);

  g_assert_cmpstr (endpoint_text, ==, "https://example.com:8443/api/v1/omnichannel/account");
  g_assert_cmpstr (query_text, ==, "https://example.com/services/data/v60.0/query?q=SELECT+Id");
  g_assert_cmpstr (display, ==, "https://example.com/services/data/v60.0/query");
}

/* Refused before any connection: a connection to a documentation address
 * would hang until a timeout, this answers at once. */
static void
test_insecure_refused_before_connecting (void)
{
  g_autoptr(PbHttpClient) http = pb_http_client_new ();
  g_autoptr(GUri) uri = g_uri_parse (UNREACHABLE_URL "/omnichannel/account?token=s3cr3t", G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  pb_http_client_send_async (http, "GET", uri, NULL, NULL, NULL, PB_HTTP_FLAGS_IDEMPOTENT, NULL,
                             pb_test_on_result, &result);
  body = pb_http_client_send_finish (http, pb_test_wait (&result), NULL, &error);

  g_assert_null (body);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_INSECURE_URL);
  g_assert_nonnull (strstr (error->message, "http://192.0.2.1/platform/omnichannel/account"));
  pb_test_assert_no_secrets (error, (const char * const []) { "s3cr3t", NULL });
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_retry_after (void)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", "https://example.com/");
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

  g_assert_cmpint (pb_http_client_get_retry_after (message), ==, -1);
  soup_message_headers_replace (headers, "Retry-After", "7");
  g_assert_cmpint (pb_http_client_get_retry_after (message), ==, 7);
  soup_message_headers_replace (headers, "Retry-After", " 0 ");
  g_assert_cmpint (pb_http_client_get_retry_after (message), ==, 0);
  soup_message_headers_replace (headers, "Retry-After", "99999999999999999999");
  g_assert_cmpint (pb_http_client_get_retry_after (message), ==, -1);
  soup_message_headers_replace (headers, "Retry-After", "soon");
  g_assert_cmpint (pb_http_client_get_retry_after (message), ==, -1);
  soup_message_headers_replace (headers, "Retry-After", date);
  g_assert_cmpint (pb_http_client_get_retry_after (message), >=, 118);
  g_assert_cmpint (pb_http_client_get_retry_after (message), <=, 120);
  soup_message_headers_replace (headers, "Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
  g_assert_cmpint (pb_http_client_get_retry_after (message), ==, 0);
}

/* Against the sandbox */

typedef struct
{
  PbTestSandbox *sandbox;
  PbHttpClient *http;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->sandbox = pb_test_sandbox_start (NULL);
  f->http = pb_http_client_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->http));
  pb_test_sandbox_stop (f->sandbox);
}

static GBytes *
get (Fixture      *f,
     const char   *url,
     PbHttpFlags   flags,
     SoupMessage **message,
     GError      **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GAsyncResult) result = NULL;

  pb_http_client_send_async (f->http, "GET", uri, NULL, NULL, NULL, flags, NULL, pb_test_on_result, &result);
  return pb_http_client_send_finish (f->http, pb_test_wait (&result), message, error);
}

/* An error before the approval page is a redirect to the callback: the
 * client reads it as an error naming the target, and follows nothing. */
static void
test_redirect_not_followed (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("%s/services/oauth2/authorize?response_type=code&client_id=%s"
                                          "&redirect_uri=http://localhost:8717/callback&state=s3cr3t",
                                          f->sandbox->salesforce_login_url, f->sandbox->salesforce_client_id);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = get (f, url, PB_HTTP_FLAGS_IDEMPOTENT, NULL, &error);
  g_assert_null (body);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_REDIRECTED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "http://localhost:8717/callback"));
  pb_test_assert_no_secrets (error, (const char * const []) { "s3cr3t", NULL });
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "authorize", NULL), ==, 1);

  /* Read as an answer when asked to, still not followed. */
  g_clear_error (&error);
  g_clear_pointer (&body, g_bytes_unref);
  body = get (f, url, PB_HTTP_FLAGS_REDIRECT_IS_ANSWER, &message, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 302);
}

static void
test_body_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->sandbox->platform_url, "/omnichannel/account", NULL);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = get (f, url, PB_HTTP_FLAGS_IDEMPOTENT, &message, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (body), >, 40);

  g_clear_pointer (&body, g_bytes_unref);
  g_clear_object (&message);
  pb_http_client_set_max_body_size (f->http, 40);
  body = get (f, url, PB_HTTP_FLAGS_IDEMPOTENT, &message, &error);
  g_assert_null (body);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "too large"));
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->sandbox->platform_url, "/omnichannel/account", NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  pb_test_add_fault (f->sandbox, "account", "latency", 4000, 1);
  pb_http_client_set_timeout (f->http, 1);
  body = get (f, url, PB_HTTP_FLAGS_IDEMPOTENT, NULL, &error);

  g_assert_null (body);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_TIMEOUT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "within 1 s"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  /* A timeout is never retried. */
  g_assert_cmpuint (pb_test_count_requests (f->sandbox, "account", NULL), ==, 1);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *text = g_strconcat (f->sandbox->platform_url, "/omnichannel/account", NULL);
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cancelled_at;

  /* Cancelled while waiting to retry, and while waiting for an answer. */
  pb_test_add_fault (f->sandbox, "account", "unavailable", 30, 1);
  pb_http_client_send_async (f->http, "GET", uri, NULL, NULL, NULL, PB_HTTP_FLAGS_IDEMPOTENT, cancellable,
                             pb_test_on_result, &result);
  while (pb_test_count_requests (f->sandbox, "account", NULL) == 0)
    pb_test_run_for (20);
  pb_test_run_for (100);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  body = pb_http_client_send_finish (f->http, pb_test_wait (&result), NULL, &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 2 * G_USEC_PER_SEC);

  g_clear_error (&error);
  g_clear_object (&result);
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  pb_test_add_fault (f->sandbox, "account", "latency", 5000, 1);
  pb_http_client_send_async (f->http, "GET", uri, NULL, NULL, NULL, PB_HTTP_FLAGS_IDEMPOTENT, cancellable,
                             pb_test_on_result, &result);
  pb_test_run_for (200);
  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  body = pb_http_client_send_finish (f->http, pb_test_wait (&result), NULL, &error);
  g_assert_null (body);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 2 * G_USEC_PER_SEC);
}

/* TLS: a server whose certificate nobody vouches for is refused, with
 * the reasons in words, and nothing overrides that. */

static void
on_tls_request (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  *(gboolean *)user_data = TRUE;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static void
test_tls_refused_child (void)
{
  g_autofree char *pem = pb_test_data_path ("remote/tls-test.pem");
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(PbHttpClient) http = pb_http_client_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;
  gboolean answered = FALSE;
  GSList *uris;

  certificate = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, on_tls_request, &answered, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/omnichannel/account", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
  uri = pb_http_client_parse_url (url, "The platform URL", &error);
  g_assert_no_error (error);

  pb_http_client_send_async (http, "GET", uri, NULL, NULL, NULL, PB_HTTP_FLAGS_IDEMPOTENT, NULL,
                             pb_test_on_result, &result);
  body = pb_http_client_send_finish (http, pb_test_wait (&result), NULL, &error);

  g_assert_null (body);
  g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_TLS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_nonnull (strstr (error->message, "not signed by a known certificate authority"));
  g_assert_nonnull (strstr (error->message, "issued for another host name"));
  g_assert_false (answered);

  soup_server_disconnect (server);
}

/* TLS loads glib-networking (GnuTLS) as a module; LeakSanitizer's tracer
 * crashes scanning the thread-local storage of a module loaded that way
 * (the "asan" test setup), so this one test runs in a child without the
 * leak check. Everything else about it is checked as usual. */
static void
test_tls_refused (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("ASAN_OPTIONS"));
  g_autofree char *options = NULL;

  if (g_test_subprocess ())
    {
      test_tls_refused_child ();
      return;
    }

  options = g_strconcat (saved != NULL ? saved : "", ":detect_leaks=0", NULL);
  g_setenv ("ASAN_OPTIONS", options, TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (saved != NULL)
    g_setenv ("ASAN_OPTIONS", saved, TRUE);
  else
    g_unsetenv ("ASAN_OPTIONS");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/http/url-policy", test_url_policy);
  g_test_add_func ("/http/build-uri", test_build_uri);
  g_test_add_func ("/http/insecure-refused-before-connecting", test_insecure_refused_before_connecting);
  g_test_add_func ("/http/retry-after", test_retry_after);
  g_test_add_func ("/http/tls-refused", test_tls_refused);
  g_test_add ("/http/redirect-not-followed", Fixture, NULL, fixture_set_up, test_redirect_not_followed,
              fixture_tear_down);
  g_test_add ("/http/body-limit", Fixture, NULL, fixture_set_up, test_body_limit, fixture_tear_down);
  g_test_add ("/http/timeout", Fixture, NULL, fixture_set_up, test_timeout, fixture_tear_down);
  g_test_add ("/http/cancelled", Fixture, NULL, fixture_set_up, test_cancelled, fixture_tear_down);

  return g_test_run ();
}
