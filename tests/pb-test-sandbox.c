/* pb-test-sandbox.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-sandbox.h"

#include <string.h>

#define EXIT_TIMEOUT_SECONDS 10

static char *
dup_member (JsonObject *object,
            const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  return g_strdup (json_object_get_string_member (object, member));
}

SoupSession *
pb_test_sandbox_new_session (guint timeout)
{
  g_autoptr(GProxyResolver) direct = g_simple_proxy_resolver_new (NULL, NULL);

  return soup_session_new_with_options ("timeout", timeout, "proxy-resolver", direct, NULL);
}

PbTestSandbox *
pb_test_sandbox_start (const char * const *extra_args)
{
  const char *binary = g_getenv ("PB_SANDBOX");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  PbTestSandbox *sandbox;
  JsonObject *fields;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (char *)binary);
  g_ptr_array_add (argv, (char *)"--port");
  g_ptr_array_add (argv, (char *)"0");
  g_ptr_array_add (argv, (char *)"--exit-with-stdin");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)extra_args[i]);
  g_ptr_array_add (argv, NULL);

  sandbox = g_new0 (PbTestSandbox, 1);
  sandbox->process = g_subprocess_newv ((const char * const *)argv->pdata,
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  fields = json_node_get_object (json_parser_get_root (parser));
  sandbox->url = dup_member (fields, "url");
  sandbox->platform_url = dup_member (fields, "platformUrl");
  sandbox->auth_url = dup_member (fields, "authUrl");
  sandbox->salesforce_login_url = dup_member (fields, "salesforceLoginUrl");
  sandbox->admin_url = dup_member (fields, "adminUrl");
  sandbox->platform_client_id = dup_member (fields, "platformClientId");
  sandbox->platform_client_secret = dup_member (fields, "platformClientSecret");
  sandbox->salesforce_client_id = dup_member (fields, "salesforceClientId");
  g_assert_true (g_str_has_prefix (sandbox->url, "http://127.0.0.1:"));

  sandbox->session = pb_test_sandbox_new_session (30);

  return sandbox;
}

static void
on_waited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static gboolean
on_wait_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

void
pb_test_sandbox_stop (PbTestSandbox *sandbox)
{
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE, timed_out = FALSE;
  guint timeout_id;

  g_clear_object (&sandbox->session);

  g_output_stream_close (g_subprocess_get_stdin_pipe (sandbox->process), NULL, &error);
  g_assert_no_error (error);

  g_subprocess_wait_async (sandbox->process, NULL, on_waited, &done);
  timeout_id = g_timeout_add_seconds (EXIT_TIMEOUT_SECONDS, on_wait_timeout, &timed_out);
  while (!done && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!done)
    {
      g_subprocess_force_exit (sandbox->process);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      g_error ("the sandbox did not exit when its standard input closed");
    }
  g_source_remove (timeout_id);

  g_assert_true (g_subprocess_get_if_exited (sandbox->process));
  g_assert_cmpint (g_subprocess_get_exit_status (sandbox->process), ==, 0);

  g_object_unref (sandbox->process);
  g_free (sandbox->url);
  g_free (sandbox->platform_url);
  g_free (sandbox->auth_url);
  g_free (sandbox->salesforce_login_url);
  g_free (sandbox->admin_url);
  g_free (sandbox->platform_client_id);
  g_free (sandbox->platform_client_secret);
  g_free (sandbox->salesforce_client_id);
  g_free (sandbox);
}

PbTestResponse *
pb_test_sandbox_request (PbTestSandbox      *sandbox,
                         const char         *method,
                         const char         *url,
                         const char * const *headers,
                         const char         *content_type,
                         const char         *body,
                         gssize              body_length)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  PbTestResponse *response;

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (msg), headers[i], headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_length >= 0 ? (gsize)body_length : strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }

  response = g_new0 (PbTestResponse, 1);
  response->body = soup_session_send_and_read (sandbox->session, msg, NULL, &error);
  g_assert_no_error (error);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  return response;
}

PbTestResponse *
pb_test_sandbox_admin (PbTestSandbox *sandbox,
                       const char    *method,
                       const char    *path,
                       const char    *body)
{
  g_autofree char *url = g_strconcat (sandbox->admin_url, path, NULL);

  return pb_test_sandbox_request (sandbox, method, url, NULL, "application/json", body, -1);
}

char *
pb_test_sandbox_platform_token (PbTestSandbox *sandbox)
{
  g_autofree char *url = g_strconcat (sandbox->auth_url, "/connect/token", NULL);
  g_autofree char *form = soup_form_encode ("grant_type", "client_credentials",
                                            "client_id", sandbox->platform_client_id,
                                            "client_secret", sandbox->platform_client_secret,
                                            "scope", "omnichannel-config", NULL);
  g_autoptr(PbTestResponse) response = pb_test_sandbox_request (sandbox, "POST", url, NULL,
                                                                "application/x-www-form-urlencoded", form, -1);
  g_autoptr(JsonNode) answer = NULL;

  g_assert_cmpuint (response->status, ==, 200);
  answer = pb_test_response_json (response);
  return g_strdup (json_object_get_string_member (json_node_get_object (answer), "access_token"));
}

PbTestResponse *
pb_test_sandbox_get_configuration (PbTestSandbox *sandbox)
{
  g_autofree char *token = pb_test_sandbox_platform_token (sandbox);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *url = g_strconcat (sandbox->platform_url, "/omnichannel/configuration", NULL);
  const char *headers[] = { "Authorization", authorization, "Accept", "application/vnd.contactcentre.v1+json", NULL };
  PbTestResponse *response = pb_test_sandbox_request (sandbox, "GET", url, headers, NULL, NULL, 0);

  g_assert_cmpuint (response->status, ==, 200);
  return response;
}

/* The value of the hidden "request" field of the approval form. */
static char *
find_approval_id (const char *page)
{
  const char *marker = "name=\"request\" value=\"";
  const char *start = strstr (page, marker);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (marker);
  end = strchr (start, '"');
  g_assert_nonnull (end);

  return g_strndup (start, end - start);
}

char *
pb_test_sandbox_approve (PbTestSandbox *sandbox,
                         const char    *authorize_url,
                         gboolean       allow)
{
  g_autoptr(PbTestResponse) page = pb_test_sandbox_request (sandbox, "GET", authorize_url, NULL, NULL, NULL, 0);
  g_autoptr(PbTestResponse) decision = NULL;
  g_autofree char *text = NULL;
  g_autofree char *approval_id = NULL;
  g_autofree char *form = NULL;
  g_autofree char *post_url = NULL;

  /* Errors before the approval page redirect at once. */
  if (page->status == 302)
    return g_strdup (soup_message_headers_get_one (page->headers, "Location"));

  text = pb_test_response_text (page);
  approval_id = find_approval_id (text);
  if (approval_id == NULL)
    {
      g_assert_cmpuint (page->status, ==, 400);
      g_assert_null (soup_message_headers_get_one (page->headers, "Location"));
      return NULL;
    }
  g_assert_cmpuint (page->status, ==, 200);

  form = soup_form_encode ("request", approval_id, "decision", allow ? "allow" : "deny", NULL);
  post_url = g_strconcat (sandbox->salesforce_login_url, "/services/oauth2/authorize", NULL);
  decision = pb_test_sandbox_request (sandbox, "POST", post_url, NULL, "application/x-www-form-urlencoded", form, -1);
  g_assert_cmpuint (decision->status, ==, 302);

  return g_strdup (soup_message_headers_get_one (decision->headers, "Location"));
}

void
pb_test_make_pkce (char **verifier,
                   char **challenge)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  char *encoded;

  *verifier = g_strdup_printf ("verifier-%08x%08x%08x%08x-0123456789abcdef", g_random_int (), g_random_int (),
                               g_random_int (), g_random_int ());
  g_checksum_update (checksum, (const guchar *)*verifier, -1);
  g_checksum_get_digest (checksum, digest, &length);
  encoded = g_base64_encode (digest, length);
  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  *strchr (encoded, '=') = '\0';
  *challenge = encoded;
}

char *
pb_test_sandbox_authorize_url (PbTestSandbox *sandbox,
                               const char    *client_id,
                               const char    *redirect_uri,
                               const char    *challenge,
                               const char    *method,
                               const char    *state)
{
  g_autofree char *query = soup_form_encode ("response_type", "code", "client_id", client_id,
                                             "redirect_uri", redirect_uri, "code_challenge", challenge,
                                             "code_challenge_method", method, "state", state, NULL);

  return g_strconcat (sandbox->salesforce_login_url, "/services/oauth2/authorize?", query, NULL);
}

char *
pb_test_location_param (const char *location,
                        const char *name)
{
  g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  g_assert_nonnull (g_uri_get_query (uri));
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);
  return g_strdup (g_hash_table_lookup (params, name));
}

PbTestResponse *
pb_test_sandbox_exchange_code (PbTestSandbox *sandbox,
                               const char    *code,
                               const char    *redirect_uri,
                               const char    *verifier)
{
  g_autofree char *url = g_strconcat (sandbox->salesforce_login_url, "/services/oauth2/token", NULL);
  g_autofree char *form = soup_form_encode ("grant_type", "authorization_code", "code", code,
                                            "client_id", sandbox->salesforce_client_id,
                                            "redirect_uri", redirect_uri, "code_verifier", verifier, NULL);

  return pb_test_sandbox_request (sandbox, "POST", url, NULL, "application/x-www-form-urlencoded", form, -1);
}

JsonNode *
pb_test_sandbox_salesforce_sign_in (PbTestSandbox *sandbox,
                                    const char    *redirect_uri)
{
  g_autofree char *verifier = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *url = NULL;
  g_autofree char *location = NULL;
  g_autofree char *code = NULL;
  g_autoptr(PbTestResponse) response = NULL;

  pb_test_make_pkce (&verifier, &challenge);
  url = pb_test_sandbox_authorize_url (sandbox, sandbox->salesforce_client_id, redirect_uri, challenge, "S256", "xyz");
  location = pb_test_sandbox_approve (sandbox, url, TRUE);
  g_assert_nonnull (location);
  code = pb_test_location_param (location, "code");
  response = pb_test_sandbox_exchange_code (sandbox, code, redirect_uri, verifier);
  g_assert_cmpuint (response->status, ==, 200);

  return pb_test_response_json (response);
}

JsonNode *
pb_test_response_json (PbTestResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (response->body, &length);

  json_parser_load_from_data (parser, data != NULL ? data : "", length, &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

char *
pb_test_response_text (PbTestResponse *response)
{
  gsize length;
  const char *data = g_bytes_get_data (response->body, &length);

  return g_strndup (data != NULL ? data : "", length);
}

void
pb_test_response_free (PbTestResponse *response)
{
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response);
}
