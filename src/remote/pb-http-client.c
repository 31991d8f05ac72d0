/* pb-http-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Policy, in one place, for every request the application makes:
 *
 *  - only https://, or http:// to this computer, checked before connecting;
 *  - certificates are verified by GIO and a failure is never overridden
 *    (nothing connects to SoupMessage::accept-certificate); its reasons
 *    are said in words;
 *  - redirects are not followed: libsoup would carry the Authorization
 *    header along, and a credential must only go where the profile says;
 *  - a timeout per attempt that covers the answer's body as well, and a
 *    bound on the body's size, so a slow or hostile server can neither
 *    hang the application nor exhaust its memory;
 *  - bounded retries only where a retry cannot apply a change twice.
 */
#include "config.h"

#include "pb-http-client.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-remote-error.h"

#define READ_CHUNK_SIZE (64 * 1024)

struct _PbHttpClient
{
  GObject parent_instance;

  SoupSession *session;
  guint timeout;
  guint max_retries;
  guint max_retry_delay;
  gsize max_body_size;
};

G_DEFINE_FINAL_TYPE (PbHttpClient, pb_http_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_MAX_RETRIES,
  PROP_MAX_RETRY_DELAY,
  PROP_MAX_BODY_SIZE,
  N_PROPS
};

enum {
  SIGNAL_WAITING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* URL policy */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
check_uri_policy (GUri        *uri,
                  const char  *what,
                  GError     **error)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);
  g_autofree char *display = pb_remote_uri_to_display (uri);

  if (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0)
    {
      g_set_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_INVALID_URL,
                   /* Translators: the first %s names a setting ("The platform URL"), the second is the URL */
                   _("%s “%s” must start with https://"), what, display);
      return FALSE;
    }

  if (host == NULL || *host == '\0')
    {
      g_set_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_INVALID_URL,
                   /* Translators: the first %s names a setting ("The platform URL"), the second is the URL */
                   _("%s “%s” names no server"), what, display);
      return FALSE;
    }

  if (g_strcmp0 (scheme, "http") == 0 && !host_is_loopback (host))
    {
      g_set_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_INSECURE_URL,
                   /* Translators: the first %s names a setting ("The platform URL"), the second is the URL */
                   _("%s “%s” uses http://, which would send credentials unencrypted: use https:// "
                     "(plain http:// is allowed only to this computer: localhost, 127.0.0.1 or [::1])"),
                   what, display);
      return FALSE;
    }

  return TRUE;
}

/**
 * pb_http_client_parse_url:
 * @url: a URL from a setting or an answer
 * @what: the setting, for the message ("The platform URL")
 *
 * Returns: (transfer full): the URL, or %NULL with @error set
 *   (PB_REMOTE_ERROR_INVALID_URL or PB_REMOTE_ERROR_INSECURE_URL)
 */
GUri *
pb_http_client_parse_url (const char  *url,
                          const char  *what,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    {
      /* Never show what may follow a "?": it may hold a token. */
      g_autofree char *before_query = g_strndup (url, strcspn (url, "?#"));
      g_autofree char *quoted = pb_remote_quote_server_text (before_query);

      g_set_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_INVALID_URL,
                   /* Translators: the first %s names a setting ("The platform URL"), the second is the URL */
                   _("%s “%s” is not a valid URL"), what, quoted);
      return NULL;
    }

  if (!check_uri_policy (uri, what, error))
    return NULL;

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_autofree char *display = pb_remote_uri_to_display (uri);

      g_set_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_INVALID_URL,
                   /* Translators: the first %s names a setting ("The platform URL"), the second is the URL */
                   _("%s “%s” must not contain a user name or password"), what, display);
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_autofree char *display = pb_remote_uri_to_display (uri);

      g_set_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_INVALID_URL,
                   /* Translators: the first %s names a setting ("The platform URL"), the second is the URL */
                   _("%s “%s” must not have a query (?…) or a fragment (#…)"), what, display);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/**
 * pb_http_client_build_uri:
 *
 * Returns: (transfer full): the URL
 */
GUri *
pb_http_client_build_uri (GUri       *base,
                          const char *path,
                          const char *query)
{
  g_autofree char *base_path = NULL;
  g_autofree char *full_path = NULL;
  gsize length;

  g_return_val_if_fail (base != NULL, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  base_path = g_strdup (g_uri_get_path (base));
  length = strlen (base_path);
  while (length > 0 && base_path[length - 1] == '/')
    base_path[--length] = '\0';
  full_path = g_strconcat (base_path, path, NULL);

  return g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (base), NULL,
                      g_uri_get_host (base), g_uri_get_port (base), full_path, query, NULL);
}

#define ATTEMPTS_KEY "pb-http-client-attempts"

guint
pb_http_client_get_attempts (SoupMessage *message)
{
  g_return_val_if_fail (SOUP_IS_MESSAGE (message), 0);

  return MAX (1, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (message), ATTEMPTS_KEY)));
}

gint64
pb_http_client_get_retry_after (SoupMessage *message)
{
  const char *value;
  guint64 seconds;

  g_return_val_if_fail (SOUP_IS_MESSAGE (message), -1);

  value = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  if (value == NULL)
    return -1;

  while (g_ascii_isspace (*value))
    value++;

  if (g_ascii_isdigit (*value))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));

      if (!g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXINT32, &seconds, NULL))
        return -1;
      return seconds;
    }
  else
    {
      g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GTimeSpan span;

      if (when == NULL)
        return -1;

      span = g_date_time_difference (when, now);
      return span <= 0 ? 0 : (span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND;
    }
}

/* Sending */

typedef struct
{
  char *method;
  GUri *uri;
  GStrv headers;
  char *content_type;
  GBytes *body;
  PbHttpFlags flags;

  guint timeout;
  guint retries;
  SoupMessage *message;
  /* Cancelled by the caller's cancellable or by the timeout. */
  GCancellable *cancellable;
  gulong caller_cancelled_id;
  GSource *timeout_source;
  gboolean timed_out;
  gboolean reading_body;
  GInputStream *stream;
  GByteArray *buffer;
  GSource *wait_source;
  GSource *wait_cancel_source;
} SendData;

static void
send_data_clear_attempt (SendData *data)
{
  if (data->timeout_source != NULL)
    {
      g_source_destroy (data->timeout_source);
      g_clear_pointer (&data->timeout_source, g_source_unref);
    }
  if (data->wait_source != NULL)
    {
      g_source_destroy (data->wait_source);
      g_clear_pointer (&data->wait_source, g_source_unref);
    }
  if (data->wait_cancel_source != NULL)
    {
      g_source_destroy (data->wait_cancel_source);
      g_clear_pointer (&data->wait_cancel_source, g_source_unref);
    }
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  data->reading_body = FALSE;
}

static void
send_data_free (SendData *data)
{
  send_data_clear_attempt (data);

  g_clear_pointer (&data->method, g_free);
  g_clear_pointer (&data->uri, g_uri_unref);
  g_clear_pointer (&data->headers, g_strfreev);
  g_clear_pointer (&data->content_type, g_free);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_object (&data->message);
  g_clear_object (&data->cancellable);

  g_free (data);
}

static void
on_caller_cancelled (GCancellable *caller_cancellable,
                     GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static char *
describe_request (SendData *data)
{
  g_autofree char *url = pb_remote_uri_to_display (data->uri);

  return g_strdup_printf ("%s %s", data->method, url);
}

static char *
describe_tls_errors (GTlsCertificateFlags flags)
{
  static const struct { GTlsCertificateFlags flag; const char *reason; } reasons[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("it is not signed by a known certificate authority") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("it was issued for another host name") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("it is not valid yet") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("it has expired") },
    { G_TLS_CERTIFICATE_REVOKED, N_("it has been revoked") },
    { G_TLS_CERTIFICATE_INSECURE, N_("it uses an insecure algorithm") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("it could not be verified") },
  };
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (flags & reasons[i].flag)
      g_ptr_array_add (parts, (gpointer)_(reasons[i].reason));

  if (parts->len == 0)
    g_ptr_array_add (parts, (gpointer)_("it could not be verified"));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between reasons why a certificate is not trusted */
  return g_strjoinv (_("; "), (char **)parts->pdata);
}

/* A failure before or while reading the answer, in words. */
static GError *
transport_error (SendData     *data,
                 const GError *error)
{
  g_autofree char *request = describe_request (data);
  const char *host = g_uri_get_host (data->uri);
  int port = g_uri_get_port (data->uri);

  if (port < 0)
    port = g_strcmp0 (g_uri_get_scheme (data->uri), "https") == 0 ? 443 : 80;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && data->timed_out)
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_TIMEOUT,
                        /* Translators: %s is a request ("GET https://…"), %u seconds */
                        _("No answer to %s within %u s: the server or the network is too slow or not responding; try again later"),
                        request, data->timeout);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    {
      g_autofree char *reasons = describe_tls_errors (soup_message_get_tls_peer_certificate_errors (data->message));

      return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_TLS,
                          /* Translators: the first %s is a host name, the second the reasons
                           * ("it has expired; it was issued for another host name") */
                          _("The certificate of %s cannot be trusted: %s. Presence Bridge does not connect to a "
                            "server it cannot verify: check the URL, or ask the server's administrator to fix "
                            "its certificate"),
                          host, reasons);
    }

  if (error->domain == G_TLS_ERROR)
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_TLS,
                        /* Translators: the first %s is a host name, the second GIO's reason */
                        _("Could not make a secure connection to %s: %s"),
                        host, error->message);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_NETWORK,
                        /* Translators: %s is a host name */
                        _("Could not find the server %s: check the URL and the network connection"),
                        host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_NETWORK,
                        /* Translators: %s is a host name, %d a port number */
                        _("%s refused the connection on port %d: check the URL, and that the server is running"),
                        host, port);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_TIMEOUT,
                        /* Translators: %s is a request ("GET https://…"), the second GIO's reason */
                        _("No answer to %s: %s"),
                        request, error->message);

  if (data->reading_body)
    {
      g_autofree char *reason = g_strdup_printf (_("the answer was cut short (%s)"), error->message);

      return pb_remote_error_new_malformed (data->message, host, reason);
    }

  return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_NETWORK,
                      /* Translators: the first %s is a request ("GET https://…"), the second GIO's reason */
                      _("Could not send %s: %s"),
                      request, error->message);
}

static void start_attempt (GTask *task);

/* Every attempt ends here: @task holds the reference the attempts held. */
static void
complete (GTask  *task,
          GBytes *body,
          GError *error)
{
  SendData *data = g_task_get_task_data (task);

  send_data_clear_attempt (data);
  if (data->caller_cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), data->caller_cancelled_id);
      data->caller_cancelled_id = 0;
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, body, (GDestroyNotify)g_bytes_unref);
  g_object_unref (task);
}

static void
fail (GTask        *task,
      const GError *error)
{
  complete (task, NULL, transport_error (g_task_get_task_data (task), error));
}

static gboolean
on_wait_over (gpointer user_data)
{
  GTask *task = user_data;
  SendData *data = g_task_get_task_data (task);

  send_data_clear_attempt (data);
  data->retries++;
  start_attempt (task);

  return G_SOURCE_REMOVE;
}

static gboolean
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));

  fail (task, error);
  return G_SOURCE_REMOVE;
}

/* Whether to try again after this answer, and after how long. */
static gboolean
should_retry (PbHttpClient *self,
              SendData     *data,
              guint        *delay)
{
  guint status = soup_message_get_status (data->message);
  gint64 retry_after;

  if (data->retries >= self->max_retries)
    return FALSE;

  if (status != 429 && status != SOUP_STATUS_SERVICE_UNAVAILABLE &&
      !((data->flags & PB_HTTP_FLAGS_IDEMPOTENT) && (status == SOUP_STATUS_BAD_GATEWAY || status == SOUP_STATUS_GATEWAY_TIMEOUT)))
    return FALSE;

  retry_after = pb_http_client_get_retry_after (data->message);
  if (retry_after < 0)
    retry_after = (gint64)1 << MIN (data->retries, 16);

  if (retry_after > self->max_retry_delay)
    return FALSE;

  *delay = retry_after;
  return TRUE;
}

static void
schedule_retry (GTask *task,
                guint  delay)
{
  PbHttpClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  guint status = soup_message_get_status (data->message);
  const char *host = g_uri_get_host (data->uri);
  g_autofree char *message = NULL;

  if (status == 429)
    /* Translators: %s is a host name, %u seconds */
    message = g_strdup_printf (_("%s is rate limiting requests: trying again in %u s"), host, delay);
  else if (status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    /* Translators: %s is a host name, %u seconds */
    message = g_strdup_printf (_("%s is unavailable for a moment: trying again in %u s"), host, delay);
  else
    /* Translators: %s is a host name, %u seconds */
    message = g_strdup_printf (_("%s did not answer properly: trying again in %u s"), host, delay);

  g_debug ("%s %s: HTTP %u, retry %u in %u s", data->method, host, status, data->retries + 1, delay);
  g_signal_emit (self, signals[SIGNAL_WAITING], 0, delay, message);

  data->wait_source = g_timeout_source_new (delay * 1000);
  g_source_set_callback (data->wait_source, on_wait_over, task, NULL);
  g_source_attach (data->wait_source, g_task_get_context (task));

  data->wait_cancel_source = g_cancellable_source_new (data->cancellable);
  g_source_set_callback (data->wait_cancel_source, G_SOURCE_FUNC (on_wait_cancelled), task, NULL);
  g_source_attach (data->wait_cancel_source, g_task_get_context (task));
}

static void
answer_complete (GTask *task)
{
  PbHttpClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  GBytes *body;
  guint delay;

  if (should_retry (self, data, &delay))
    {
      send_data_clear_attempt (data);
      schedule_retry (task, delay);
      return;
    }

  body = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));
  complete (task, body, NULL);
}

static GError *
too_large_error (PbHttpClient *self,
                 SendData     *data,
                 guint64       size)
{
  g_autofree char *limit = g_format_size_full (self->max_body_size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *reason = NULL;

  if (size > 0)
    {
      g_autofree char *size_text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

      /* Translators: the first %s is a size ("70.0 MiB"), the second the limit ("64.0 MiB") */
      reason = g_strdup_printf (_("the answer is too large (%s; at most %s are read)"), size_text, limit);
    }
  else
    {
      /* Translators: %s is the limit ("64.0 MiB") */
      reason = g_strdup_printf (_("the answer is larger than %s"), limit);
    }

  return pb_remote_error_new_malformed (data->message, g_uri_get_host (data->uri), reason);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  PbHttpClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      fail (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      answer_complete (task);
      return;
    }

  if (data->buffer->len + g_bytes_get_size (chunk) > self->max_body_size)
    {
      complete (task, NULL, too_large_error (self, data, 0));
      return;
    }

  g_byte_array_append (data->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   data->cancellable, on_read, task);
}

static GError *
redirect_error (SendData *data)
{
  g_autofree char *request = describe_request (data);
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (data->message),
                                                       "Location");
  g_autoptr(GUri) target = location != NULL ? g_uri_parse_relative (data->uri, location,
                                                                     G_URI_FLAGS_ENCODED, NULL) : NULL;
  g_autofree char *target_text = target != NULL ? pb_remote_uri_to_display (target) : g_strdup ("?");

  return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_REDIRECTED,
                      /* Translators: the first %s is a request ("GET https://…"), %u the HTTP status,
                       * the second %s the URL it redirects to */
                      _("The server answered %s with a redirect (HTTP %u) to %s. Presence Bridge does not "
                        "follow redirects, so that credentials only go where the profile says: put the "
                        "right URL in the profile"),
                      request, soup_message_get_status (data->message), target_text);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  PbHttpClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;
  goffset length;

  data->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (data->stream == NULL)
    {
      fail (task, error);
      return;
    }

  status = soup_message_get_status (data->message);
  if (SOUP_STATUS_IS_REDIRECTION (status) && !(data->flags & PB_HTTP_FLAGS_REDIRECT_IS_ANSWER))
    {
      complete (task, NULL, redirect_error (data));
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (data->message));
  if (length > 0 && (guint64)length > self->max_body_size)
    {
      complete (task, NULL, too_large_error (self, data, length));
      return;
    }

  data->reading_body = TRUE;
  data->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   data->cancellable, on_read, task);
}

static gboolean
on_timeout (gpointer user_data)
{
  SendData *data = user_data;

  data->timed_out = TRUE;
  g_clear_pointer (&data->timeout_source, g_source_unref);
  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_REMOVE;
}

static void
start_attempt (GTask *task)
{
  PbHttpClient *self = g_task_get_source_object (task);
  SendData *data = g_task_get_task_data (task);
  SoupMessageHeaders *request_headers;

  g_clear_object (&data->message);
  data->message = soup_message_new_from_uri (data->method, data->uri);
  soup_message_set_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
  g_object_set_data (G_OBJECT (data->message), ATTEMPTS_KEY, GUINT_TO_POINTER (data->retries + 1));

  request_headers = soup_message_get_request_headers (data->message);
  for (guint i = 0; data->headers != NULL && data->headers[i] != NULL && data->headers[i + 1] != NULL; i += 2)
    soup_message_headers_replace (request_headers, data->headers[i], data->headers[i + 1]);

  if (data->body != NULL)
    soup_message_set_request_body_from_bytes (data->message, data->content_type, data->body);

  data->timeout_source = g_timeout_source_new_seconds (data->timeout);
  g_source_set_callback (data->timeout_source, on_timeout, data, NULL);
  g_source_attach (data->timeout_source, g_task_get_context (task));

  soup_session_send_async (self->session, data->message, G_PRIORITY_DEFAULT,
                           data->cancellable, on_sent, task);
}

void
pb_http_client_send_async (PbHttpClient        *self,
                           const char          *method,
                           GUri                *uri,
                           const char * const  *headers,
                           const char          *content_type,
                           GBytes              *body,
                           PbHttpFlags          flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SendData *data;

  g_return_if_fail (PB_IS_HTTP_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (uri != NULL);
  g_return_if_fail (body == NULL || content_type != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_http_client_send_async);

  if (!check_uri_policy (uri, _("The URL"), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (SendData, 1);
  data->method = g_strdup (method);
  data->uri = g_uri_ref (uri);
  data->headers = g_strdupv ((char **)headers);
  data->content_type = g_strdup (content_type);
  data->body = body != NULL ? g_bytes_ref (body) : NULL;
  data->flags = flags;
  data->timeout = self->timeout;
  data->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify)send_data_free);

  if (cancellable != NULL)
    data->caller_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                       g_object_ref (data->cancellable), g_object_unref);

  start_attempt (g_steal_pointer (&task));
}

/**
 * pb_http_client_send_finish:
 * @message: (out) (optional) (transfer full): the request, with the
 *   answer's status and headers
 *
 * Returns: (transfer full): the answer's body, or %NULL with @error set
 */
GBytes *
pb_http_client_send_finish (PbHttpClient  *self,
                            GAsyncResult  *result,
                            SoupMessage  **message,
                            GError       **error)
{
  GTask *task = G_TASK (result);
  SendData *data = g_task_get_task_data (task);
  GBytes *body;

  g_return_val_if_fail (PB_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  body = g_task_propagate_pointer (task, error);
  if (body != NULL && message != NULL)
    *message = g_object_ref (data->message);

  return body;
}

/* The object */

static void
pb_http_client_dispose (GObject *object)
{
  PbHttpClient *self = (PbHttpClient *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pb_http_client_parent_class)->dispose (object);
}

static void
pb_http_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PbHttpClient *self = PB_HTTP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;
    case PROP_MAX_RETRY_DELAY:
      g_value_set_uint (value, self->max_retry_delay);
      break;
    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->max_body_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_http_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PbHttpClient *self = PB_HTTP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      pb_http_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RETRIES:
      pb_http_client_set_max_retries (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RETRY_DELAY:
      pb_http_client_set_max_retry_delay (self, g_value_get_uint (value));
      break;
    case PROP_MAX_BODY_SIZE:
      pb_http_client_set_max_body_size (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_http_client_class_init (PbHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_http_client_dispose;
  object_class->get_property = pb_http_client_get_property;
  object_class->set_property = pb_http_client_set_property;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT, PB_HTTP_CLIENT_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL,
                       0, 16, PB_HTTP_CLIENT_DEFAULT_MAX_RETRIES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_RETRY_DELAY] =
    g_param_spec_uint ("max-retry-delay", NULL, NULL,
                       0, 3600, PB_HTTP_CLIENT_DEFAULT_MAX_RETRY_DELAY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL,
                         1, G_MAXSIZE, PB_HTTP_CLIENT_DEFAULT_MAX_BODY_SIZE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbHttpClient::waiting:
   * @seconds: how long the client waits
   * @message: why, for the administrator ("… is rate limiting requests:
   *   trying again in 5 s")
   *
   * Emitted before each wait between two attempts of a request.
   */
  signals[SIGNAL_WAITING] =
    g_signal_new ("waiting",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
}

static void
pb_http_client_init (PbHttpClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("PresenceBridge/%s", PACKAGE_VERSION);

  self->timeout = PB_HTTP_CLIENT_DEFAULT_TIMEOUT;
  self->max_retries = PB_HTTP_CLIENT_DEFAULT_MAX_RETRIES;
  self->max_retry_delay = PB_HTTP_CLIENT_DEFAULT_MAX_RETRY_DELAY;
  self->max_body_size = PB_HTTP_CLIENT_DEFAULT_MAX_BODY_SIZE;
  self->session = soup_session_new_with_options ("user-agent", user_agent, NULL);
}

PbHttpClient *
pb_http_client_new (void)
{
  return g_object_new (PB_TYPE_HTTP_CLIENT, NULL);
}

guint
pb_http_client_get_timeout (PbHttpClient *self)
{
  g_return_val_if_fail (PB_IS_HTTP_CLIENT (self), 0);

  return self->timeout;
}

void
pb_http_client_set_timeout (PbHttpClient *self,
                            guint         seconds)
{
  g_return_if_fail (PB_IS_HTTP_CLIENT (self));
  g_return_if_fail (seconds > 0);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
pb_http_client_get_max_retries (PbHttpClient *self)
{
  g_return_val_if_fail (PB_IS_HTTP_CLIENT (self), 0);

  return self->max_retries;
}

void
pb_http_client_set_max_retries (PbHttpClient *self,
                                guint         max_retries)
{
  g_return_if_fail (PB_IS_HTTP_CLIENT (self));

  if (self->max_retries == max_retries)
    return;

  self->max_retries = max_retries;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RETRIES]);
}

guint
pb_http_client_get_max_retry_delay (PbHttpClient *self)
{
  g_return_val_if_fail (PB_IS_HTTP_CLIENT (self), 0);

  return self->max_retry_delay;
}

void
pb_http_client_set_max_retry_delay (PbHttpClient *self,
                                    guint         seconds)
{
  g_return_if_fail (PB_IS_HTTP_CLIENT (self));

  if (self->max_retry_delay == seconds)
    return;

  self->max_retry_delay = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RETRY_DELAY]);
}

gsize
pb_http_client_get_max_body_size (PbHttpClient *self)
{
  g_return_val_if_fail (PB_IS_HTTP_CLIENT (self), 0);

  return self->max_body_size;
}

void
pb_http_client_set_max_body_size (PbHttpClient *self,
                                  gsize         max_body_size)
{
  g_return_if_fail (PB_IS_HTTP_CLIENT (self));
  g_return_if_fail (max_body_size > 0);

  if (self->max_body_size == max_body_size)
    return;

  self->max_body_size = max_body_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BODY_SIZE]);
}
