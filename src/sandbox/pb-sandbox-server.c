/* pb-sandbox-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupServer on one loopback port serves both APIs and the admin API
 * (a real deployment has separate hosts; see docs/sandbox.md). A request
 * goes: size limit (before the body is read) → route → latency fault →
 * answer faults (a 5xx, 429, 503 or 401 instead of the real answer) →
 * the handler → faults that spoil the answer (not JSON, cut short).
 */
#include "pb-sandbox-server.h"

#include "config.h"
#include "pb-sandbox-reply.h"

typedef struct
{
  PbSandboxServer       *server; /* unowned: the server outlives its requests */
  SoupServerMessage     *msg;
  const PbSandboxRoute  *route;
  char                 **params;
  GHashTable            *query;
  guint64                log_number;
  guint                  timeout_id;
} Request;

struct _PbSandboxServer
{
  GObject              parent_instance;

  SoupServer          *soup_server;
  PbSandboxOAuth      *oauth;
  PbSandboxSalesforce *salesforce;
  PbSandboxPlatform   *platform;
  PbSandboxAdmin      *admin;
  PbSandboxFaults     *faults;
  PbSandboxRequestLog *log;
  char                *base_url;
  GHashTable          *delayed; /* Request set: waiting out a latency fault */
};

G_DEFINE_FINAL_TYPE (PbSandboxServer, pb_sandbox_server, G_TYPE_OBJECT)

static void
request_free (Request *request)
{
  if (request->timeout_id != 0)
    g_source_remove (request->timeout_id);
  g_signal_handlers_disconnect_by_data (request->msg, request);
  g_object_unref (request->msg);
  g_strfreev (request->params);
  g_clear_pointer (&request->query, g_hash_table_unref);
  g_free (request);
}

static void
pb_sandbox_server_dispose (GObject *object)
{
  PbSandboxServer *self = PB_SANDBOX_SERVER (object);

  if (self->soup_server != NULL)
    soup_server_disconnect (self->soup_server);
  g_clear_pointer (&self->delayed, g_hash_table_unref);
  g_clear_object (&self->soup_server);

  G_OBJECT_CLASS (pb_sandbox_server_parent_class)->dispose (object);
}

static void
pb_sandbox_server_finalize (GObject *object)
{
  PbSandboxServer *self = PB_SANDBOX_SERVER (object);

  g_clear_object (&self->oauth);
  g_clear_object (&self->salesforce);
  g_clear_object (&self->platform);
  g_clear_object (&self->admin);
  g_clear_object (&self->faults);
  g_clear_object (&self->log);
  g_free (self->base_url);

  G_OBJECT_CLASS (pb_sandbox_server_parent_class)->finalize (object);
}

static void
pb_sandbox_server_class_init (PbSandboxServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_sandbox_server_dispose;
  object_class->finalize = pb_sandbox_server_finalize;
}

static void
pb_sandbox_server_init (PbSandboxServer *self)
{
  self->delayed = g_hash_table_new_full (NULL, NULL, (GDestroyNotify)request_free, NULL);
}

/* Errors for any status, in each API's words */

static const char *
platform_code (guint status)
{
  switch (status)
    {
    case 400: return "bad_request";
    case 401: return "invalid_token";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 409: return "conflict";
    case 413: return "payload_too_large";
    case 429: return "rate_limited";
    case 500: return "internal_error";
    case 502: return "bad_gateway";
    case 503: return "service_unavailable";
    case 504: return "gateway_timeout";
    default: return status >= 500 ? "server_error" : "client_error";
    }
}

static const char *
salesforce_code (guint status)
{
  switch (status)
    {
    case 401: return "INVALID_SESSION_ID";
    case 403: return "REQUEST_LIMIT_EXCEEDED";
    case 404: return "NOT_FOUND";
    case 405: return "METHOD_NOT_ALLOWED";
    case 413: return "REQUEST_ENTITY_TOO_LARGE";
    case 503: return "SERVER_UNAVAILABLE";
    default: return "UNKNOWN_EXCEPTION";
    }
}

static void
reply_status (SoupServerMessage *msg,
              PbSandboxApi       api,
              guint              status,
              const char        *message)
{
  const char *code;

  switch (api)
    {
    case PB_SANDBOX_API_SALESFORCE:
      code = salesforce_code (status);
      break;
    case PB_SANDBOX_API_OAUTH:
      code = status == 503 || status == 429 ? "temporarily_unavailable" : status >= 500 ? "server_error" : "invalid_request";
      break;
    case PB_SANDBOX_API_PLATFORM:
    case PB_SANDBOX_API_ADMIN:
    case PB_SANDBOX_API_HTML:
    default:
      code = platform_code (status);
      break;
    }

  pb_sandbox_reply_error (msg, api, status, code, message);
}

/* Faults */

static void
reply_fault (Request            *request,
             PbSandboxFaultKind  kind,
             guint               value)
{
  SoupServerMessage *msg = request->msg;
  PbSandboxApi api = request->route->api;
  g_autofree char *message = NULL;

  switch (kind)
    {
    case PB_SANDBOX_FAULT_STATUS:
      if (api == PB_SANDBOX_API_SALESFORCE && value == 500)
        message = g_strdup ("An unexpected error occurred. Please include this ErrorId if you contact support: "
                            "1234567890-12345 (-1234567890)");
      else
        message = g_strdup_printf ("%u %s (a fault injected by the sandbox)", value, soup_status_get_phrase (value));
      reply_status (msg, api, value, message);
      break;

    case PB_SANDBOX_FAULT_RATE_LIMIT:
      /* Salesforce has no 429: its API limit is a 403 without Retry-After. */
      if (api == PB_SANDBOX_API_SALESFORCE)
        {
          reply_status (msg, api, SOUP_STATUS_FORBIDDEN, "TotalRequests Limit exceeded.");
          break;
        }
      pb_sandbox_reply_retry_after (msg, value);
      message = g_strdup_printf ("Too many requests; try again in %u seconds", value);
      reply_status (msg, api, 429, message);
      break;

    case PB_SANDBOX_FAULT_UNAVAILABLE:
      pb_sandbox_reply_retry_after (msg, value);
      message = g_strdup_printf ("The service is unavailable; try again in %u seconds", value);
      reply_status (msg, api, SOUP_STATUS_SERVICE_UNAVAILABLE,
                    api == PB_SANDBOX_API_SALESFORCE ? "Server temporarily unavailable" : message);
      break;

    case PB_SANDBOX_FAULT_EXPIRED_TOKEN:
      if (api == PB_SANDBOX_API_SALESFORCE)
        reply_status (msg, api, SOUP_STATUS_UNAUTHORIZED, "Session expired or invalid");
      else
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "WWW-Authenticate",
                                        "Bearer realm=\"platform\", error=\"invalid_token\", "
                                        "error_description=\"The access token expired\"");
          reply_status (msg, api, SOUP_STATUS_UNAUTHORIZED, "The access token expired");
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The answer was made; now it arrives broken, still as a 200. */
static void
spoil_answer (SoupServerMessage  *msg,
              PbSandboxFaultKind  kind)
{
  static const char not_json[] = "<html><head><title>Maintenance</title></head><body>Back soon.</body></html>\n";
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) original = soup_message_body_flatten (body);
  g_autofree char *content_type = g_strdup (soup_message_headers_get_one (soup_server_message_get_response_headers (msg),
                                                                          "Content-Type"));
  gsize length;
  const char *data = g_bytes_get_data (original, &length);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  /* set_response() appends to what the body holds. */
  soup_message_body_truncate (body);
  if (kind == PB_SANDBOX_FAULT_MALFORMED)
    soup_server_message_set_response (msg, content_type != NULL ? content_type : "application/json",
                                      SOUP_MEMORY_STATIC, not_json, sizeof not_json - 1);
  else
    soup_server_message_set_response (msg, content_type != NULL ? content_type : "application/json",
                                      SOUP_MEMORY_COPY, data, length / 2);
}

/* Handling */

static void
handle (Request *request)
{
  PbSandboxServer *self = request->server;
  SoupServerMessage *msg = request->msg;
  const PbSandboxRoute *route = request->route;
  PbSandboxFaultKind kind;
  guint value;

  if (pb_sandbox_faults_take (self->faults, route->endpoint, PB_SANDBOX_FAULTS_BEFORE, &kind, &value))
    {
      reply_fault (request, kind, value);
    }
  else
    {
      switch (route->api)
        {
        case PB_SANDBOX_API_PLATFORM:
          pb_sandbox_platform_handle (self->platform, route->id, msg);
          break;
        case PB_SANDBOX_API_ADMIN:
          pb_sandbox_admin_handle (self->admin, route->id, msg);
          break;
        case PB_SANDBOX_API_SALESFORCE:
          pb_sandbox_salesforce_handle (self->salesforce, route->id, msg, request->query, request->params);
          break;
        case PB_SANDBOX_API_OAUTH:
        case PB_SANDBOX_API_HTML:
        default:
          pb_sandbox_oauth_handle (self->oauth, route->id, msg, request->query);
          break;
        }

      if (pb_sandbox_faults_take (self->faults, route->endpoint, PB_SANDBOX_FAULTS_AFTER, &kind, &value))
        spoil_answer (msg, kind);
    }

  if (request->log_number != 0)
    pb_sandbox_request_log_set_status (self->log, request->log_number, soup_server_message_get_status (msg));
  g_debug ("%s %s → %u", soup_server_message_get_method (msg), route->path, soup_server_message_get_status (msg));
}

static gboolean
on_latency_elapsed (gpointer user_data)
{
  Request *request = user_data;

  request->timeout_id = 0;
  handle (request);
  soup_server_message_unpause (request->msg);
  g_hash_table_remove (request->server->delayed, request);

  return G_SOURCE_REMOVE;
}

/* The client gave up while the answer was held back. */
static void
on_delayed_gone (SoupServerMessage *msg,
                 Request           *request)
{
  g_hash_table_remove (request->server->delayed, request);
}

static void
reply_no_route (SoupServerMessage *msg,
                const char        *path,
                gboolean           path_known)
{
  PbSandboxApi api = pb_sandbox_routes_api_for_path (path);

  if (path_known)
    {
      g_autofree char *allowed = pb_sandbox_routes_dup_methods (path);
      g_autofree char *message = g_strdup_printf ("HTTP Method '%s' not allowed. Allowed are %s",
                                                  soup_server_message_get_method (msg), allowed);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allowed);
      reply_status (msg, api, SOUP_STATUS_METHOD_NOT_ALLOWED, message);
    }
  else
    {
      reply_status (msg, api, SOUP_STATUS_NOT_FOUND, "The requested resource does not exist");
    }
}

static void
on_request (SoupServer        *soup_server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  PbSandboxServer *self = user_data;
  g_auto(GStrv) params = NULL;
  const PbSandboxRoute *route;
  gboolean path_known;
  Request *request;
  PbSandboxFaultKind kind;
  guint latency;
  guint64 log_number = 0;

  route = pb_sandbox_routes_match (soup_server_message_get_method (msg), path, &params, &path_known);

  /* The admin API's own requests would only clutter what tests read. */
  if (pb_sandbox_routes_api_for_path (path) != PB_SANDBOX_API_ADMIN)
    log_number = pb_sandbox_request_log_add (self->log, msg, route != NULL ? route->endpoint : NULL);

  if (route == NULL)
    {
      reply_no_route (msg, path, path_known);
      if (log_number != 0)
        pb_sandbox_request_log_set_status (self->log, log_number, soup_server_message_get_status (msg));
      return;
    }

  request = g_new0 (Request, 1);
  request->server = self;
  request->msg = g_object_ref (msg);
  request->route = route;
  request->params = g_steal_pointer (&params);
  request->query = query != NULL ? g_hash_table_ref (query) : NULL;
  request->log_number = log_number;

  if (pb_sandbox_faults_take (self->faults, route->endpoint, PB_SANDBOX_FAULT_LATENCY, &kind, &latency))
    {
      soup_server_message_pause (msg);
      request->timeout_id = g_timeout_add (latency, on_latency_elapsed, request);
      g_signal_connect (msg, "disconnected", G_CALLBACK (on_delayed_gone), request);
      g_hash_table_add (self->delayed, request);
      return;
    }

  handle (request);
  request_free (request);
}

/* Refuses a body that is too large before it is read into memory. */
static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  gsize received = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), "pb-received")) + g_bytes_get_size (chunk);

  g_object_set_data (G_OBJECT (msg), "pb-received", GSIZE_TO_POINTER (received));
  if (received <= PB_SANDBOX_MAX_BODY_SIZE || soup_server_message_get_status (msg) != 0)
    return;

  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);
  reply_status (msg, pb_sandbox_routes_api_for_path (g_uri_get_path (soup_server_message_get_uri (msg))),
                SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "The request body is too large");
}

static void
on_early_request (SoupServer        *soup_server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > PB_SANDBOX_MAX_BODY_SIZE)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      reply_status (msg, pb_sandbox_routes_api_for_path (path), SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                    "The request body is too large");
      return;
    }

  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk), NULL);
}

PbSandboxServer *
pb_sandbox_server_new (PbSandboxOAuth      *oauth,
                       PbSandboxSalesforce *salesforce,
                       PbSandboxPlatform   *platform,
                       PbSandboxAdmin      *admin,
                       PbSandboxFaults     *faults,
                       PbSandboxRequestLog *log)
{
  PbSandboxServer *self = g_object_new (PB_TYPE_SANDBOX_SERVER, NULL);

  self->oauth = g_object_ref (oauth);
  self->salesforce = g_object_ref (salesforce);
  self->platform = g_object_ref (platform);
  self->admin = g_object_ref (admin);
  self->faults = g_object_ref (faults);
  self->log = g_object_ref (log);

  self->soup_server = soup_server_new ("server-header", "presence-bridge-sandbox/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (self->soup_server, NULL, on_early_request, self, NULL);
  soup_server_add_handler (self->soup_server, NULL, on_request, self, NULL);

  return self;
}

gboolean
pb_sandbox_server_listen (PbSandboxServer  *self,
                          guint             port,
                          GError          **error)
{
  GSList *uris;

  g_return_val_if_fail (PB_IS_SANDBOX_SERVER (self), FALSE);

  if (!soup_server_listen_local (self->soup_server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  uris = soup_server_get_uris (self->soup_server);
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  pb_sandbox_oauth_set_base_url (self->oauth, self->base_url);
  pb_sandbox_salesforce_set_base_url (self->salesforce, self->base_url);

  return TRUE;
}

const char *
pb_sandbox_server_get_base_url (PbSandboxServer *self)
{
  g_return_val_if_fail (PB_IS_SANDBOX_SERVER (self), NULL);
  return self->base_url;
}
