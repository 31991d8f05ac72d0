/* pb-test-remote.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-remote.h"

#include <string.h>

#define WAIT_SECONDS 60

void
pb_test_on_result (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static gboolean
on_too_long (gpointer user_data)
{
  g_error ("an operation did not finish within %d s", WAIT_SECONDS);
  return G_SOURCE_REMOVE;
}

GAsyncResult *
pb_test_wait (GAsyncResult **slot)
{
  guint timeout_id = g_timeout_add_seconds (WAIT_SECONDS, on_too_long, NULL);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (timeout_id);
  return *slot;
}

static gboolean
on_time_up (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
pb_test_run_for (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, on_time_up, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

guint
pb_test_free_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  return port;
}

void
pb_test_add_fault (PbTestSandbox *sandbox,
                   const char    *endpoint,
                   const char    *kind,
                   int            value,
                   int            count)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(PbTestResponse) response = NULL;

  g_string_printf (json, "{\"endpoint\":\"%s\",\"kind\":\"%s\"", endpoint, kind);
  if (value >= 0)
    g_string_append_printf (json, ",\"value\":%d", value);
  if (count >= 0)
    g_string_append_printf (json, ",\"count\":%d", count);
  g_string_append_c (json, '}');

  response = pb_test_sandbox_admin (sandbox, "POST", "/faults", json->str);
  g_assert_cmpuint (response->status, ==, 201);
}

guint
pb_test_count_requests (PbTestSandbox *sandbox,
                        const char    *endpoint,
                        const char    *method)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_admin (sandbox, "GET", "/requests", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *requests;
  guint count = 0;

  g_assert_cmpuint (response->status, ==, 200);
  root = pb_test_response_json (response);
  requests = json_object_get_array_member (json_node_get_object (root), "requests");

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *entry = json_array_get_object_element (requests, i);
      JsonNode *entry_endpoint = json_object_get_member (entry, "endpoint");

      if (JSON_NODE_HOLDS_VALUE (entry_endpoint) &&
          g_strcmp0 (json_node_get_string (entry_endpoint), endpoint) == 0 &&
          (method == NULL || g_strcmp0 (json_object_get_string_member (entry, "method"), method) == 0))
        count++;
    }

  return count;
}

void
pb_test_clear_requests (PbTestSandbox *sandbox)
{
  g_autoptr(PbTestResponse) response = pb_test_sandbox_admin (sandbox, "DELETE", "/requests", NULL);

  g_assert_cmpuint (response->status, ==, 204);
}

PbProfile *
pb_test_sandbox_profile (PbTestSandbox *sandbox,
                         const char    *name,
                         guint          callback_port)
{
  PbProfile *profile = pb_profile_new (name);

  pb_profile_set_platform_url (profile, sandbox->platform_url);
  pb_profile_set_auth_url (profile, sandbox->auth_url);
  pb_profile_set_client_id (profile, sandbox->platform_client_id);
  pb_profile_set_salesforce_login_url (profile, sandbox->salesforce_login_url);
  pb_profile_set_salesforce_client_id (profile, sandbox->salesforce_client_id);
  pb_profile_set_callback_port (profile, callback_port);

  return profile;
}

void
pb_test_use_file_keyring (const char *dir)
{
  g_autofree char *keyring = g_build_filename (dir, "keyring", NULL);

  /* A test setting only: never the product's default. */
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);
}

gboolean
pb_test_remote_is_signed_in (PbRemote *remote)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean signed_in = TRUE;

  pb_remote_is_signed_in_async (remote, NULL, pb_test_on_result, &result);
  g_assert_true (pb_remote_is_signed_in_finish (remote, pb_test_wait (&result), &signed_in, &error));
  g_assert_no_error (error);

  return signed_in;
}

gboolean
pb_test_remote_has_client_secret (PbRemote *remote)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_secret = TRUE;

  pb_remote_has_platform_client_secret_async (remote, NULL, pb_test_on_result, &result);
  g_assert_true (pb_remote_has_platform_client_secret_finish (remote, pb_test_wait (&result), &has_secret, &error));
  g_assert_no_error (error);

  return has_secret;
}

void
pb_test_assert_no_secrets (const GError       *error,
                           const char * const *secrets)
{
  g_assert_nonnull (error);

  for (guint i = 0; secrets != NULL && secrets[i] != NULL; i++)
    if (strstr (error->message, secrets[i]) != NULL)
      g_error ("the message “%s” shows the secret “%s”", error->message, secrets[i]);

  /* A URL's query may hold a token: no message shows one. */
  if (strstr (error->message, "?q=") != NULL || strstr (error->message, "?code=") != NULL ||
      strstr (error->message, "access_token") != NULL)
    g_error ("the message “%s” shows a query", error->message);
}

typedef struct
{
  guint *status;
  char **page;
} BrowserGet;

static void
on_browser_answer (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BrowserGet *get = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  gsize length;
  const char *data;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);

  data = g_bytes_get_data (body, &length);
  *get->page = g_strndup (data != NULL ? data : "", length);
  *get->status = soup_message_get_status (message);

  g_object_unref (source);
  g_free (get);
}

void
pb_test_browser_get_async (const char  *callback_url,
                           guint       *status,
                           char       **page)
{
  SoupSession *session = pb_test_sandbox_new_session (30);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", callback_url);
  BrowserGet *get = g_new0 (BrowserGet, 1);

  g_assert_nonnull (message);
  *status = 0;
  *page = NULL;
  get->status = status;
  get->page = page;

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_browser_answer, get);
}
