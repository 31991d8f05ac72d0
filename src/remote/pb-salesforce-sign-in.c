/* pb-salesforce-sign-in.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One run: listen on the loopback callback port, ask Salesforce (without
 * following anything) whether it accepts the client id and the callback,
 * so the commonest set-up mistake is said before a browser opens; hand the
 * authorize URL to whoever shows it; answer the browser's return once,
 * after the code exchange, with a page saying how it went; stop listening.
 */
#include "config.h"

#include "pb-salesforce-sign-in.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/random.h>

#include "pb-remote-error.h"
#include "pb-salesforce-client.h"

struct _PbSalesforceSignIn
{
  GObject parent_instance;

  PbHttpClient *http;
  GUri *login_url;
  char *client_id;
  guint port;
  char *redirect_uri;
  guint timeout;
};

G_DEFINE_FINAL_TYPE (PbSalesforceSignIn, pb_salesforce_sign_in, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  N_PROPS
};

enum {
  SIGNAL_AUTHORIZE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* PKCE */

char *
pb_salesforce_sign_in_base64url (const guint8 *data,
                                 gsize         length)
{
  char *text = g_base64_encode (data, length);
  char *end = text + strlen (text);

  while (end > text && end[-1] == '=')
    *--end = '\0';
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');

  return text;
}

char *
pb_salesforce_sign_in_challenge (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  g_checksum_update (checksum, (const guchar *)verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &length);

  return pb_salesforce_sign_in_base64url (digest, length);
}

/* 32 bytes from the kernel's generator (GRand is predictable), as 43
 * base64url characters: a verifier (RFC 7636 §4.1) or a state. */
static char *
random_token (void)
{
  guint8 bytes[32];
  gsize filled = 0;

  while (filled < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + filled, sizeof bytes - filled, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        g_error ("getrandom() failed: %s", g_strerror (errno));
      filled += n;
    }

  return pb_salesforce_sign_in_base64url (bytes, sizeof bytes);
}

/* One run */

typedef struct
{
  char *verifier;
  char *state;
  char *code;
  GUri *authorize_uri;
  SoupServer *server;
  GSource *timeout_source;
  GSource *cancel_source;
  SoupServerMessage *callback_message;
  PbSalesforceToken *token;
  GError *error;
  gboolean done;
} Run;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->verifier, g_free);
  g_clear_pointer (&run->state, g_free);
  g_clear_pointer (&run->code, g_free);
  g_clear_pointer (&run->authorize_uri, g_uri_unref);
  if (run->server != NULL)
    soup_server_disconnect (run->server);
  g_clear_object (&run->server);
  if (run->timeout_source != NULL)
    g_source_destroy (run->timeout_source);
  g_clear_pointer (&run->timeout_source, g_source_unref);
  if (run->cancel_source != NULL)
    g_source_destroy (run->cancel_source);
  g_clear_pointer (&run->cancel_source, g_source_unref);
  g_clear_object (&run->callback_message);
  g_clear_pointer (&run->token, pb_salesforce_token_free);
  g_clear_error (&run->error);
  g_free (run);
}

/* Ends the run with what it has (a token or an error) and stops
 * listening. The run's own reference to @task goes with it; callbacks
 * still pending hold theirs and find the run done. */
static void
complete (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->done)
    return;
  run->done = TRUE;

  if (run->server != NULL)
    {
      soup_server_remove_handler (run->server, NULL);
      soup_server_disconnect (run->server);
    }

  if (run->error != NULL)
    g_task_return_error (task, g_steal_pointer (&run->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&run->token), (GDestroyNotify)pb_salesforce_token_free);
  g_object_unref (task);
}

static void
fail (GTask  *task,
      GError *error)
{
  Run *run = g_task_get_task_data (task);

  g_clear_error (&run->error);
  run->error = error;
  complete (task);
}

static void
set_page (SoupServerMessage *message,
          guint              status,
          const char        *heading,
          const char        *text)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *page = NULL;

  page = g_markup_printf_escaped ("<!DOCTYPE html>\n"
                                  "<html><head><meta charset=\"utf-8\"><title>%s</title>\n"
                                  "<style>body{font-family:sans-serif;max-width:40em;margin:4em auto;"
                                  "padding:0 1em;line-height:1.5}</style></head>\n"
                                  "<body><h1>%s</h1><p>%s</p></body></html>\n",
                                  heading, heading, text);

  /* The callback's query holds the code: it must not travel further. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  /* One answer, then the port is closed: nothing to keep alive. */
  soup_message_headers_replace (headers, "Connection", "close");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_COPY, page, strlen (page));
}

static gboolean
complete_now (gpointer user_data)
{
  complete (user_data);
  return G_SOURCE_REMOVE;
}

/* Not from within libsoup's own signal: the server is torn down then. */
static void
on_callback_finished (SoupServerMessage *message,
                      GTask             *task)
{
  g_autoptr(GSource) idle = g_idle_source_new ();

  g_source_set_callback (idle, complete_now, g_object_ref (task), g_object_unref);
  g_source_attach (idle, g_task_get_context (task));
}

/* Answers the browser with how the sign-in went, and ends the run once
 * the page has been sent. */
static void
answer_browser (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->error == NULL)
    set_page (run->callback_message, SOUP_STATUS_OK, _("Signed In to Salesforce"),
              _("Presence Bridge can now fetch the presence statuses of this org. You can close this tab."));
  else
    set_page (run->callback_message, SOUP_STATUS_BAD_REQUEST, _("Sign-In Failed"), run->error->message);

  g_signal_connect (run->callback_message, "finished", G_CALLBACK (on_callback_finished), task);
}

static void
on_exchanged (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbSalesforceSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GUri) instance_url = NULL;
  GError *error = NULL;
  const char *data;
  gsize length;

  body = pb_http_client_send_finish (PB_HTTP_CLIENT (source), result, &message, &error);
  if (body != NULL)
    {
      data = g_bytes_get_data (body, &length);
      if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
        {
          error = pb_salesforce_client_token_error (message, body, self->client_id, self->redirect_uri,
                                                    (const char * const []) { run->code, run->verifier, NULL });
        }
      else
        {
          run->token = pb_salesforce_json_parse_token (data, length, &error);
          if (run->token == NULL)
            {
              GError *parse_error = error;

              error = pb_remote_error_new_malformed (message, _("Salesforce"), parse_error->message);
              g_error_free (parse_error);
            }
          else if (run->token->refresh_token == NULL)
            {
              error = g_error_new_literal (PB_REMOTE_ERROR, PB_REMOTE_ERROR_AUTH_FAILED,
                                           _("Salesforce signed in but gave no refresh token, so the sign-in "
                                             "would not last: add “Perform requests at any time (refresh_token, "
                                             "offline_access)” to the connected app's OAuth scopes"));
            }
          else if (run->token->instance_url == NULL)
            {
              error = pb_remote_error_new_malformed (message, _("Salesforce"), _("instance_url: missing"));
            }
          else
            {
              instance_url = pb_http_client_parse_url (run->token->instance_url,
                                                       _("The Salesforce instance URL"), &error);
            }
        }
    }

  if (error != NULL)
    {
      g_clear_pointer (&run->token, pb_salesforce_token_free);
      run->error = error;
    }

  soup_server_message_unpause (run->callback_message);
  answer_browser (task);
}

static void
exchange_code (GTask *task)
{
  PbSalesforceSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GUri) uri = pb_http_client_build_uri (self->login_url, "/services/oauth2/token", NULL);
  g_autoptr(GBytes) body = NULL;
  char *form;

  form = soup_form_encode ("grant_type", "authorization_code",
                           "code", run->code,
                           "client_id", self->client_id,
                           "redirect_uri", self->redirect_uri,
                           "code_verifier", run->verifier,
                           NULL);
  body = g_bytes_new_take (form, strlen (form));

  /* A code is good for one exchange: never repeated but after a 429 or
   * 503, which say it was not used. */
  pb_http_client_send_async (self->http, SOUP_METHOD_POST, uri,
                             (const char * const []) { "Accept", "application/json", NULL },
                             "application/x-www-form-urlencoded", body, PB_HTTP_FLAGS_NONE,
                             g_task_get_cancellable (task), on_exchanged, g_object_ref (task));
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  GTask *task = user_data;
  PbSalesforceSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  const char *state, *error_code, *code;

  if (g_strcmp0 (path, "/callback") != 0 || soup_server_message_get_method (message) != SOUP_METHOD_GET)
    {
      set_page (message, SOUP_STATUS_NOT_FOUND, _("Not Found"),
                _("This address only receives Salesforce's answer to a sign-in started in Presence Bridge."));
      return;
    }

  if (run->callback_message != NULL || run->done)
    {
      set_page (message, SOUP_STATUS_CONFLICT, _("Sign-In Already Answered"),
                _("Presence Bridge has already received the answer to this sign-in."));
      return;
    }

  run->callback_message = g_object_ref (message);
  state = query != NULL ? g_hash_table_lookup (query, "state") : NULL;
  error_code = query != NULL ? g_hash_table_lookup (query, "error") : NULL;
  code = query != NULL ? g_hash_table_lookup (query, "code") : NULL;

  /* First of all: an answer to a sign-in this run did not start (a stale
   * tab, or another page sending the browser here) is refused, whatever
   * it says. */
  if (g_strcmp0 (state, run->state) != 0)
    {
      run->error = g_error_new_literal (PB_REMOTE_ERROR, PB_REMOTE_ERROR_STATE_MISMATCH,
                                        _("The browser returned an answer that does not belong to the sign-in "
                                          "Presence Bridge started (its state does not match), so it was "
                                          "refused and nothing was changed: start the sign-in again"));
      answer_browser (task);
      return;
    }

  if (error_code != NULL)
    {
      run->error = pb_salesforce_client_oauth_error (error_code, g_hash_table_lookup (query, "error_description"),
                                                     self->client_id, self->redirect_uri);
      answer_browser (task);
      return;
    }

  if (code == NULL || *code == '\0')
    {
      run->error = g_error_new_literal (PB_REMOTE_ERROR, PB_REMOTE_ERROR_SIGN_IN_DENIED,
                                        _("The browser returned without an authorization code: start the "
                                          "sign-in again"));
      answer_browser (task);
      return;
    }

  soup_server_message_pause (message);
  run->code = g_strdup (code);
  exchange_code (task);
}

static gboolean
on_timeout (gpointer user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  PbSalesforceSignIn *self = g_task_get_source_object (task);

  g_clear_pointer (&run->timeout_source, g_source_unref);
  if (run->callback_message == NULL)
    fail (task, g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_TIMEOUT,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "The sign-in was not finished in the browser within %u minute: start it again",
                                          "The sign-in was not finished in the browser within %u minutes: start it again",
                                          (self->timeout + 59) / 60),
                             (self->timeout + 59) / 60));

  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  g_clear_pointer (&run->cancel_source, g_source_unref);

  /* An exchange under way fails with the same cancellable and answers
   * the browser; otherwise nobody is waiting for a page. */
  if (run->callback_message == NULL)
    fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The sign-in was cancelled")));

  return G_SOURCE_REMOVE;
}

static void
wait_for_browser (GTask *task)
{
  PbSalesforceSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autofree char *url = g_uri_to_string (run->authorize_uri);

  run->timeout_source = g_timeout_source_new_seconds (self->timeout);
  g_source_set_callback (run->timeout_source, on_timeout, task, NULL);
  g_source_attach (run->timeout_source, g_task_get_context (task));

  g_signal_emit (self, signals[SIGNAL_AUTHORIZE], 0, url);
}

/* Salesforce shows these errors on a page of its own rather than
 * returning to the callback: read them from where that page is. */
static const char *
find_authorize_error (SoupMessage *message,
                      GBytes      *body)
{
  static const char * const codes[] = { "redirect_uri_mismatch", "invalid_client_id" };
  guint status = soup_message_get_status (message);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message), "Location");

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *needle = g_strdup_printf ("error=%s", codes[i]);

      if (SOUP_STATUS_IS_REDIRECTION (status) && location != NULL && strstr (location, needle) != NULL)
        return codes[i];
      if (SOUP_STATUS_IS_CLIENT_ERROR (status) &&
          g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), codes[i]) != NULL)
        return codes[i];
    }

  return NULL;
}

static void
on_preflight (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbSalesforceSignIn *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  const char *code;

  body = pb_http_client_send_finish (PB_HTTP_CLIENT (source), result, &message, &error);
  if (run->done)
    {
      g_clear_error (&error);
      return;
    }
  if (body == NULL)
    {
      fail (task, error);
      return;
    }

  code = find_authorize_error (message, body);
  if (code != NULL)
    {
      fail (task, pb_salesforce_client_oauth_error (code, NULL, self->client_id, self->redirect_uri));
      return;
    }

  if (soup_message_get_status (message) >= 400)
    {
      fail (task, pb_remote_error_new_for_status (message, _("Salesforce"), NULL));
      return;
    }

  wait_for_browser (task);
}

static gboolean
listen (PbSalesforceSignIn  *self,
        Run                 *run,
        GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  if (soup_server_listen_local (run->server, self->port, 0, &local_error))
    return TRUE;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
    g_set_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_PORT_BUSY,
                 /* Translators: %u is a port number, %s the callback URL */
                 _("Port %u on this computer is in use by another program, so the sign-in cannot receive "
                   "Salesforce's answer at %s: close that program and sign in again, or choose another "
                   "callback port in the profile (and add its callback URL to the connected app)"),
                 self->port, self->redirect_uri);
  else
    g_set_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_NETWORK,
                 /* Translators: %u is a port number, %s the system's reason */
                 _("Cannot receive the sign-in's answer on port %u: %s"),
                 self->port, local_error->message);
  return FALSE;
}

void
pb_salesforce_sign_in_run_async (PbSalesforceSignIn  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *challenge = NULL;
  g_autofree char *query = NULL;
  GError *error = NULL;
  GTask *task;
  Run *run;

  g_return_if_fail (PB_IS_SALESFORCE_SIGN_IN (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_salesforce_sign_in_run_async);

  run = g_new0 (Run, 1);
  run->verifier = random_token ();
  run->state = random_token ();
  g_task_set_task_data (task, run, (GDestroyNotify)run_free);

  challenge = pb_salesforce_sign_in_challenge (run->verifier);
  query = soup_form_encode ("response_type", "code",
                            "client_id", self->client_id,
                            "redirect_uri", self->redirect_uri,
                            "code_challenge", challenge,
                            "code_challenge_method", "S256",
                            "state", run->state,
                            NULL);
  run->authorize_uri = pb_http_client_build_uri (self->login_url, "/services/oauth2/authorize", query);

  run->server = soup_server_new ("server-header", "PresenceBridge", NULL);
  soup_server_add_handler (run->server, NULL, on_request, task, NULL);
  if (!listen (self, run, &error))
    {
      fail (task, error);
      return;
    }

  if (cancellable != NULL)
    {
      run->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (run->cancel_source, G_SOURCE_FUNC (on_cancelled), task, NULL);
      g_source_attach (run->cancel_source, g_task_get_context (task));
    }

  pb_http_client_send_async (self->http, SOUP_METHOD_GET, run->authorize_uri, NULL, NULL, NULL,
                             PB_HTTP_FLAGS_IDEMPOTENT | PB_HTTP_FLAGS_REDIRECT_IS_ANSWER,
                             cancellable, on_preflight, g_object_ref (task));
}

/**
 * pb_salesforce_sign_in_run_finish:
 *
 * Returns: (transfer full): the tokens, with a refresh token and the
 *   instance URL, or %NULL with @error set
 */
PbSalesforceToken *
pb_salesforce_sign_in_run_finish (PbSalesforceSignIn  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (PB_IS_SALESFORCE_SIGN_IN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The object */

static void
pb_salesforce_sign_in_finalize (GObject *object)
{
  PbSalesforceSignIn *self = (PbSalesforceSignIn *)object;

  g_clear_object (&self->http);
  g_clear_pointer (&self->login_url, g_uri_unref);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->redirect_uri, g_free);

  G_OBJECT_CLASS (pb_salesforce_sign_in_parent_class)->finalize (object);
}

static void
pb_salesforce_sign_in_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  PbSalesforceSignIn *self = PB_SALESFORCE_SIGN_IN (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_salesforce_sign_in_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  PbSalesforceSignIn *self = PB_SALESFORCE_SIGN_IN (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      pb_salesforce_sign_in_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_salesforce_sign_in_class_init (PbSalesforceSignInClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_salesforce_sign_in_finalize;
  object_class->get_property = pb_salesforce_sign_in_get_property;
  object_class->set_property = pb_salesforce_sign_in_set_property;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT, PB_SALESFORCE_SIGN_IN_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbSalesforceSignIn::authorize:
   * @url: the page where the user signs in and allows access
   *
   * Emitted once per run, when the application should show @url in the
   * system browser.
   */
  signals[SIGNAL_AUTHORIZE] =
    g_signal_new ("authorize",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pb_salesforce_sign_in_init (PbSalesforceSignIn *self)
{
  self->timeout = PB_SALESFORCE_SIGN_IN_DEFAULT_TIMEOUT;
}

PbSalesforceSignIn *
pb_salesforce_sign_in_new (PbHttpClient *http,
                           GUri         *login_url,
                           const char   *client_id,
                           guint         port)
{
  PbSalesforceSignIn *self;

  g_return_val_if_fail (PB_IS_HTTP_CLIENT (http), NULL);
  g_return_val_if_fail (login_url != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (port > 0 && port <= 65535, NULL);

  self = g_object_new (PB_TYPE_SALESFORCE_SIGN_IN, NULL);
  self->http = g_object_ref (http);
  self->login_url = g_uri_ref (login_url);
  self->client_id = g_strdup (client_id);
  self->port = port;
  self->redirect_uri = g_strdup_printf ("http://localhost:%u/callback", port);

  return self;
}

const char *
pb_salesforce_sign_in_get_redirect_uri (PbSalesforceSignIn *self)
{
  g_return_val_if_fail (PB_IS_SALESFORCE_SIGN_IN (self), NULL);

  return self->redirect_uri;
}

guint
pb_salesforce_sign_in_get_timeout (PbSalesforceSignIn *self)
{
  g_return_val_if_fail (PB_IS_SALESFORCE_SIGN_IN (self), 0);

  return self->timeout;
}

void
pb_salesforce_sign_in_set_timeout (PbSalesforceSignIn *self,
                                   guint               seconds)
{
  g_return_if_fail (PB_IS_SALESFORCE_SIGN_IN (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}
