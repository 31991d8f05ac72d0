/* pb-platform-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every call goes through call_async(): get a token if there is none
 * valid, send with the token and the vendor media type, renew the token
 * once on a 401 invalid_token, then hand the answer to the operation's
 * AnswerFunc, which reads a success or says what the refusal means.
 */
#include "config.h"

#include "pb-platform-client.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-finding.h"
#include "pb-json-reader.h"
#include "pb-remote-error.h"
#include "pb-secrets.h"

struct _PbPlatformClient
{
  GObject parent_instance;

  PbHttpClient *http;
  GUri *platform_url;
  GUri *auth_url;
  char *client_id;
  char *client_secret;

  char *token;
  gint64 token_expiry; /* monotonic time; 0: until the platform says otherwise */
};

G_DEFINE_FINAL_TYPE (PbPlatformClient, pb_platform_client, G_TYPE_OBJECT)

static const char *
service_name (void)
{
  return _("The platform");
}

/* Errors the platform explains */

GError *
pb_platform_client_feature_disabled_error (PbPlatformAccount *account)
{
  g_autofree char *name = NULL;

  if (account == NULL)
    return g_error_new_literal (PB_REMOTE_ERROR, PB_REMOTE_ERROR_FEATURE_DISABLED,
                                _("The platform account cannot use the Omni-Channel integration: nothing was "
                                  "configured. Ask the platform's support to enable the integration for the "
                                  "account"));

  name = pb_remote_quote_server_text (account->name != NULL ? account->name : account->id);
  return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_FEATURE_DISABLED,
                      /* Translators: %s is the account's name */
                      _("The platform account “%s” cannot use the Omni-Channel integration: nothing was "
                        "configured. Ask the platform's support to enable the integration for the account"),
                      name);
}

static char *read_any_server_message (GBytes  *body,
                                      char   **code);

/* The first entry of {"errors":[…]}, or of an OAuth {"error":…}, as text
 * for a message, never showing the secret or the token; NULL when the
 * body says nothing readable. */
static char *
read_server_message (PbPlatformClient  *self,
                     GBytes            *body,
                     char             **code)
{
  g_autofree char *text = read_any_server_message (body, code);

  return pb_remote_hide_secrets (text, (const char * const []) { self->client_secret, self->token, NULL });
}

static char *
read_any_server_message (GBytes  *body,
                         char   **code)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *data;
  gsize length;

  *code = NULL;
  data = g_bytes_get_data (body, &length);

  findings = pb_platform_json_parse_errors (data, length, NULL);
  if (findings != NULL)
    {
      PbFinding *first = g_ptr_array_index (findings, 0);
      const char *message = pb_finding_get_message (first);

      *code = g_strdup (pb_finding_get_code (first));
      return g_strdup (*message != '\0' ? message : pb_finding_get_code (first));
    }

  /* RFC 6749 §5.2, which a token endpoint may follow instead. */
  root = pb_remote_parse_json (data, length, JSON_NODE_OBJECT, NULL);
  if (root != NULL)
    {
      JsonObject *object = json_node_get_object (root);
      const char *error = NULL;
      const char *description = NULL;

      if (json_object_has_member (object, "error") &&
          pb_json_node_holds (json_object_get_member (object, "error"), G_TYPE_STRING))
        error = json_object_get_string_member (object, "error");
      if (json_object_has_member (object, "error_description") &&
          pb_json_node_holds (json_object_get_member (object, "error_description"), G_TYPE_STRING))
        description = json_object_get_string_member (object, "error_description");

      if (error != NULL)
        {
          *code = g_strdup (error);
          return g_strdup (description != NULL ? description : error);
        }
    }

  return NULL;
}

static GError *
answer_error (PbPlatformClient *self,
              SoupMessage      *message,
              GBytes           *body)
{
  g_autofree char *code = NULL;
  g_autofree char *server_message = read_server_message (self, body, &code);
  guint status = soup_message_get_status (message);

  if (g_strcmp0 (code, "feature_disabled") == 0)
    return pb_platform_client_feature_disabled_error (NULL);

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      g_autofree char *url = pb_remote_uri_to_display (soup_message_get_uri (message));
      g_autofree char *quoted = pb_remote_quote_server_text (server_message != NULL ? server_message : "");

      if (status == SOUP_STATUS_UNAUTHORIZED)
        return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_AUTH_FAILED,
                            /* Translators: the first %s is a request ("GET https://…"), the
                             * second the platform's message */
                            _("The platform did not accept the access token it had just issued for %s %s (%s): "
                              "try again later, or ask the platform's support"),
                            soup_message_get_method (message), url, quoted);

      return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_AUTH_FAILED,
                          /* Translators: the first %s is a request ("GET https://…"), the
                           * second the platform's message, the third the client id */
                          _("The platform refused %s %s (%s): check that the client “%s” may use the "
                            "Omni-Channel configuration (scope omnichannel-config)"),
                          soup_message_get_method (message), url, quoted, self->client_id);
    }

  return pb_remote_error_new_for_status (message, service_name (), server_message);
}

static gboolean
is_success (SoupMessage *message)
{
  return SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message));
}

/* The token */

static GUri *
token_uri (PbPlatformClient *self)
{
  return pb_http_client_build_uri (self->auth_url, "/connect/token", NULL);
}

static gboolean
token_is_valid (PbPlatformClient *self)
{
  return self->token != NULL && (self->token_expiry == 0 || g_get_monotonic_time () < self->token_expiry);
}

static void
on_token_answer (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbPlatformClient *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(PbPlatformToken) token = NULL;
  GError *error = NULL;
  guint status;

  body = pb_http_client_send_finish (PB_HTTP_CLIENT (source), result, &message, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_BAD_REQUEST || status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_autofree char *code = NULL;
      g_autofree char *server_message = read_server_message (self, body, &code);
      g_autofree char *quoted = pb_remote_quote_server_text (server_message != NULL ? server_message : "");
      g_autofree char *url = pb_remote_uri_to_display (soup_message_get_uri (message));

      g_task_return_new_error (task, PB_REMOTE_ERROR, PB_REMOTE_ERROR_AUTH_FAILED,
                               /* Translators: the first %s is a client id, the second a URL, the
                                * third the platform's reason */
                               _("The platform did not accept the client id “%s” and its client secret at %s "
                                 "(%s): check the profile's client id and the client secret (in the keyring, "
                                 "or PRESENCE_BRIDGE_PLATFORM_CLIENT_SECRET)"),
                               self->client_id, url, quoted);
      return;
    }

  if (!is_success (message))
    {
      g_autofree char *code = NULL;
      g_autofree char *server_message = read_server_message (self, body, &code);

      g_task_return_error (task, pb_remote_error_new_for_status (message, service_name (), server_message));
      return;
    }

  token = pb_platform_json_parse_token (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  if (token == NULL)
    {
      g_task_return_error (task, pb_remote_error_new_malformed (message, service_name (), error->message));
      g_error_free (error);
      return;
    }

  g_clear_pointer (&self->token, pb_secrets_free);
  self->token = g_steal_pointer (&token->access_token);
  /* Renew a little early, so a token never expires on its way. */
  self->token_expiry = token->expires_in > 0 ?
    g_get_monotonic_time () + (token->expires_in - MIN (token->expires_in / 10, 60)) * G_USEC_PER_SEC : 0;

  g_task_return_boolean (task, TRUE);
}

static void
fetch_token_async (PbPlatformClient    *self,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GUri) uri = token_uri (self);
  g_autoptr(GBytes) body = NULL;
  char *form;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fetch_token_async);

  form = soup_form_encode ("grant_type", "client_credentials",
                           "client_id", self->client_id,
                           "client_secret", self->client_secret,
                           "scope", "omnichannel-config",
                           NULL);
  body = g_bytes_new_with_free_func (form, strlen (form), (GDestroyNotify)pb_secrets_free, form);

  /* Asking for a token twice is harmless: retried like a GET. */
  pb_http_client_send_async (self->http, SOUP_METHOD_POST, uri,
                             (const char * const []) { "Accept", "application/json", NULL },
                             "application/x-www-form-urlencoded", body, PB_HTTP_FLAGS_IDEMPOTENT,
                             cancellable, on_token_answer, task);
}

static gboolean
fetch_token_finish (PbPlatformClient  *self,
                    GAsyncResult      *result,
                    GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Calls */

typedef gpointer (*AnswerFunc) (PbPlatformClient  *self,
                                SoupMessage       *message,
                                GBytes            *body,
                                GError           **error);

typedef struct
{
  char *method;
  GUri *uri;
  GBytes *body;
  char *if_match;
  gboolean idempotent;
  gboolean token_renewed;
  AnswerFunc answer;
  GDestroyNotify result_free;
} Call;

static void
call_free (Call *call)
{
  g_free (call->method);
  g_uri_unref (call->uri);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->if_match);
  g_free (call);
}

/* RFC 6750 §3.1 puts the code in WWW-Authenticate; platform-api.md in the
 * body. Either will do. */
static gboolean
is_invalid_token (SoupMessage *message,
                  GBytes      *body)
{
  const char *challenge;
  g_autofree char *code = NULL;
  g_autofree char *server_message = NULL;

  if (soup_message_get_status (message) != SOUP_STATUS_UNAUTHORIZED)
    return FALSE;

  challenge = soup_message_headers_get_one (soup_message_get_response_headers (message), "WWW-Authenticate");
  if (challenge != NULL && strstr (challenge, "invalid_token") != NULL)
    return TRUE;

  server_message = read_any_server_message (body, &code);
  return g_strcmp0 (code, "invalid_token") == 0;
}

static void call_authorize (GTask *task);

static void
on_call_answer (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbPlatformClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  gpointer answer;

  body = pb_http_client_send_finish (PB_HTTP_CLIENT (source), result, &message, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!call->token_renewed && is_invalid_token (message, body))
    {
      g_debug ("platform token refused: renewing it once");
      call->token_renewed = TRUE;
      g_clear_pointer (&self->token, pb_secrets_free);
      call_authorize (g_steal_pointer (&task));
      return;
    }

  answer = call->answer (self, message, body, &error);
  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, answer, call->result_free);
}

static void
call_send (GTask *task)
{
  PbPlatformClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", self->token);
  const char *headers[] = {
    "Authorization", authorization,
    "Accept", PB_PLATFORM_ACCEPT,
    call->if_match != NULL ? "If-Match" : NULL, call->if_match,
    NULL,
  };

  pb_http_client_send_async (self->http, call->method, call->uri, headers,
                             call->body != NULL ? "application/json" : NULL, call->body,
                             call->idempotent ? PB_HTTP_FLAGS_IDEMPOTENT : PB_HTTP_FLAGS_NONE,
                             g_task_get_cancellable (task), on_call_answer, task);
}

static void
on_call_token (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!fetch_token_finish (PB_PLATFORM_CLIENT (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  call_send (g_steal_pointer (&task));
}

static void
call_authorize (GTask *task)
{
  PbPlatformClient *self = g_task_get_source_object (task);

  if (token_is_valid (self))
    call_send (task);
  else
    fetch_token_async (self, g_task_get_cancellable (task), on_call_token, task);
}

static void
call_async (PbPlatformClient    *self,
            const char          *method,
            const char          *path,
            GBytes              *body,
            const char          *if_match,
            gboolean             idempotent,
            AnswerFunc           answer,
            GDestroyNotify       result_free,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);

  g_task_set_source_tag (task, source_tag);

  call->method = g_strdup (method);
  call->uri = pb_http_client_build_uri (self->platform_url, path, NULL);
  call->body = body != NULL ? g_bytes_ref (body) : NULL;
  call->if_match = g_strdup (if_match);
  call->idempotent = idempotent;
  call->answer = answer;
  call->result_free = result_free;
  g_task_set_task_data (task, call, (GDestroyNotify)call_free);

  call_authorize (task);
}

static gpointer
call_finish (PbPlatformClient  *self,
             GAsyncResult      *result,
             gpointer           source_tag,
             GError           **error)
{
  g_return_val_if_fail (PB_IS_PLATFORM_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reading answers */

static GError *
malformed (SoupMessage *message,
           GError      *parse_error)
{
  GError *error = pb_remote_error_new_malformed (message, service_name (), parse_error->message);

  g_error_free (parse_error);
  return error;
}

static gpointer
account_answer (PbPlatformClient  *self,
                SoupMessage       *message,
                GBytes            *body,
                GError           **error)
{
  GError *parse_error = NULL;
  PbPlatformAccount *account;

  if (!is_success (message))
    {
      g_propagate_error (error, answer_error (self, message, body));
      return NULL;
    }

  account = pb_platform_json_parse_account (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &parse_error);
  if (account == NULL)
    g_propagate_error (error, malformed (message, parse_error));

  return account;
}

static gpointer
agent_states_answer (PbPlatformClient  *self,
                     SoupMessage       *message,
                     GBytes            *body,
                     GError           **error)
{
  GError *parse_error = NULL;
  GPtrArray *states;

  if (!is_success (message))
    {
      g_propagate_error (error, answer_error (self, message, body));
      return NULL;
    }

  states = pb_platform_json_parse_agent_states (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                                &parse_error);
  if (states == NULL)
    g_propagate_error (error, malformed (message, parse_error));

  return states;
}

typedef struct
{
  GPtrArray *statuses;
  GDateTime *fetched_at;
} Statuses;

static void
statuses_free (Statuses *statuses)
{
  g_clear_pointer (&statuses->statuses, g_ptr_array_unref);
  g_clear_pointer (&statuses->fetched_at, g_date_time_unref);
  g_free (statuses);
}

static gpointer
presence_statuses_answer (PbPlatformClient  *self,
                          SoupMessage       *message,
                          GBytes            *body,
                          GError           **error)
{
  GError *parse_error = NULL;
  Statuses *statuses;

  if (!is_success (message))
    {
      g_propagate_error (error, answer_error (self, message, body));
      return NULL;
    }

  statuses = g_new0 (Statuses, 1);
  statuses->statuses = pb_platform_json_parse_presence_statuses (g_bytes_get_data (body, NULL),
                                                                 g_bytes_get_size (body),
                                                                 &statuses->fetched_at, &parse_error);
  if (statuses->statuses == NULL)
    {
      statuses_free (statuses);
      g_propagate_error (error, malformed (message, parse_error));
      return NULL;
    }

  return statuses;
}

/* A 2xx answer of GET or PUT /omnichannel/configuration. */
static PbRemoteConfiguration *
read_configuration (SoupMessage  *message,
                    GBytes       *body,
                    GError      **error)
{
  const char *etag = soup_message_headers_get_one (soup_message_get_response_headers (message), "ETag");
  g_autoptr(PbConfiguration) configuration = NULL;
  GError *parse_error = NULL;
  gint64 revision;

  if (etag == NULL || *etag == '\0')
    {
      g_propagate_error (error, pb_remote_error_new_malformed (message, service_name (),
                                                               _("the answer has no ETag header")));
      return NULL;
    }

  configuration = pb_platform_json_parse_configuration (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                                        &revision, &parse_error);
  if (configuration == NULL)
    {
      g_propagate_error (error, malformed (message, parse_error));
      return NULL;
    }

  return pb_remote_configuration_new (configuration, etag, revision);
}

static gpointer
configuration_answer (PbPlatformClient  *self,
                      SoupMessage       *message,
                      GBytes            *body,
                      GError           **error)
{
  if (!is_success (message))
    {
      g_propagate_error (error, answer_error (self, message, body));
      return NULL;
    }

  return read_configuration (message, body, error);
}

static GError *
refused_error (SoupMessage *message,
               GBytes      *body)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *text = NULL;
  GError *parse_error = NULL;

  findings = pb_platform_json_parse_errors (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &parse_error);
  if (findings == NULL)
    return malformed (message, parse_error);

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The platform refused the configuration (%u problem): nothing was published",
                                       "The platform refused the configuration (%u problems): nothing was published",
                                       findings->len),
                          findings->len);
  return pb_remote_error_new_refused (findings, text);
}

static gpointer
put_configuration_answer (PbPlatformClient  *self,
                          SoupMessage       *message,
                          GBytes            *body,
                          GError           **error)
{
  /* An unsigned switch: 428 (RFC 6585) has no SoupStatus name. */
  switch ((guint)soup_message_get_status (message))
    {
    case SOUP_STATUS_PRECONDITION_FAILED:
      g_set_error_literal (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_CONFLICT,
                           _("The platform's configuration changed since it was fetched (someone saved in "
                             "between): nothing was published. Fetch it, settle the differences, then publish "
                             "again"));
      return NULL;

    case 428:
      g_set_error_literal (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_PRECONDITION_REQUIRED,
                           _("The platform publishes only against the version of its configuration that was "
                             "fetched, and there is none: nothing was published. Fetch first, then publish"));
      return NULL;

    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
      g_propagate_error (error, refused_error (message, body));
      return NULL;

    default:
      return configuration_answer (self, message, body, error);
    }
}

/* The API */

void
pb_platform_client_get_account_async (PbPlatformClient    *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (PB_IS_PLATFORM_CLIENT (self));

  call_async (self, SOUP_METHOD_GET, "/omnichannel/account", NULL, NULL, TRUE,
              account_answer, (GDestroyNotify)pb_platform_account_free, pb_platform_client_get_account_async,
              cancellable, callback, user_data);
}

/**
 * pb_platform_client_get_account_finish:
 *
 * Returns: (transfer full): the account, or %NULL with @error set
 */
PbPlatformAccount *
pb_platform_client_get_account_finish (PbPlatformClient  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  return call_finish (self, result, pb_platform_client_get_account_async, error);
}

void
pb_platform_client_get_agent_states_async (PbPlatformClient    *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (PB_IS_PLATFORM_CLIENT (self));

  call_async (self, SOUP_METHOD_GET, "/omnichannel/agent-states", NULL, NULL, TRUE,
              agent_states_answer, (GDestroyNotify)g_ptr_array_unref, pb_platform_client_get_agent_states_async,
              cancellable, callback, user_data);
}

/**
 * pb_platform_client_get_agent_states_finish:
 *
 * Returns: (transfer container) (element-type PbAgentState): the states,
 *   or %NULL with @error set
 */
GPtrArray *
pb_platform_client_get_agent_states_finish (PbPlatformClient  *self,
                                            GAsyncResult      *result,
                                            GError           **error)
{
  return call_finish (self, result, pb_platform_client_get_agent_states_async, error);
}

void
pb_platform_client_get_presence_statuses_async (PbPlatformClient    *self,
                                                gboolean             refresh,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data)
{
  g_return_if_fail (PB_IS_PLATFORM_CLIENT (self));

  /* The refresh changes nothing but the platform's copy of the list: it
   * is retried like a GET (platform-api.md). */
  call_async (self,
              refresh ? SOUP_METHOD_POST : SOUP_METHOD_GET,
              refresh ? "/omnichannel/presence-statuses/refresh" : "/omnichannel/presence-statuses",
              NULL, NULL, TRUE,
              presence_statuses_answer, (GDestroyNotify)statuses_free,
              pb_platform_client_get_presence_statuses_async,
              cancellable, callback, user_data);
}

/**
 * pb_platform_client_get_presence_statuses_finish:
 * @fetched_at: (out) (optional) (transfer full) (nullable): when the
 *   platform fetched them, if it says
 *
 * Returns: (transfer container) (element-type PbPresenceStatus): the
 *   statuses, or %NULL with @error set
 */
GPtrArray *
pb_platform_client_get_presence_statuses_finish (PbPlatformClient  *self,
                                                 GAsyncResult      *result,
                                                 GDateTime        **fetched_at,
                                                 GError           **error)
{
  Statuses *statuses = call_finish (self, result, pb_platform_client_get_presence_statuses_async, error);
  GPtrArray *list;

  if (statuses == NULL)
    return NULL;

  list = g_steal_pointer (&statuses->statuses);
  if (fetched_at != NULL)
    *fetched_at = g_steal_pointer (&statuses->fetched_at);
  statuses_free (statuses);

  return list;
}

void
pb_platform_client_get_configuration_async (PbPlatformClient    *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (PB_IS_PLATFORM_CLIENT (self));

  call_async (self, SOUP_METHOD_GET, "/omnichannel/configuration", NULL, NULL, TRUE,
              configuration_answer, g_object_unref, pb_platform_client_get_configuration_async,
              cancellable, callback, user_data);
}

/**
 * pb_platform_client_get_configuration_finish:
 *
 * Returns: (transfer full): the configuration, or %NULL with @error set
 */
PbRemoteConfiguration *
pb_platform_client_get_configuration_finish (PbPlatformClient  *self,
                                             GAsyncResult      *result,
                                             GError           **error)
{
  return call_finish (self, result, pb_platform_client_get_configuration_async, error);
}

void
pb_platform_client_put_configuration_async (PbPlatformClient    *self,
                                            PbConfiguration     *configuration,
                                            const char          *etag,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (PB_IS_PLATFORM_CLIENT (self));
  g_return_if_fail (PB_IS_CONFIGURATION (configuration));

  body = pb_platform_json_build_configuration (configuration);
  call_async (self, SOUP_METHOD_PUT, "/omnichannel/configuration", body, etag, FALSE,
              put_configuration_answer, g_object_unref, pb_platform_client_put_configuration_async,
              cancellable, callback, user_data);
}

/**
 * pb_platform_client_put_configuration_finish:
 *
 * Returns: (transfer full): what the platform stored, with its new ETag
 *   and revision, or %NULL with @error set
 */
PbRemoteConfiguration *
pb_platform_client_put_configuration_finish (PbPlatformClient  *self,
                                             GAsyncResult      *result,
                                             GError           **error)
{
  return call_finish (self, result, pb_platform_client_put_configuration_async, error);
}

/* The object */

static void
pb_platform_client_finalize (GObject *object)
{
  PbPlatformClient *self = (PbPlatformClient *)object;

  g_clear_object (&self->http);
  g_clear_pointer (&self->platform_url, g_uri_unref);
  g_clear_pointer (&self->auth_url, g_uri_unref);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->client_secret, pb_secrets_free);
  g_clear_pointer (&self->token, pb_secrets_free);

  G_OBJECT_CLASS (pb_platform_client_parent_class)->finalize (object);
}

static void
pb_platform_client_class_init (PbPlatformClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_platform_client_finalize;
}

static void
pb_platform_client_init (PbPlatformClient *self)
{
}

PbPlatformClient *
pb_platform_client_new (PbHttpClient *http,
                        GUri         *platform_url,
                        GUri         *auth_url,
                        const char   *client_id,
                        const char   *client_secret)
{
  PbPlatformClient *self;

  g_return_val_if_fail (PB_IS_HTTP_CLIENT (http), NULL);
  g_return_val_if_fail (platform_url != NULL, NULL);
  g_return_val_if_fail (auth_url != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (client_secret != NULL, NULL);

  self = g_object_new (PB_TYPE_PLATFORM_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->platform_url = g_uri_ref (platform_url);
  self->auth_url = g_uri_ref (auth_url);
  self->client_id = g_strdup (client_id);
  self->client_secret = g_strdup (client_secret);

  return self;
}
