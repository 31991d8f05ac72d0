/* pb-http-client.h: the one HTTP session both clients use, and its policy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define PB_HTTP_CLIENT_DEFAULT_TIMEOUT         30   /* seconds, per attempt */
#define PB_HTTP_CLIENT_DEFAULT_MAX_RETRIES     3
#define PB_HTTP_CLIENT_DEFAULT_MAX_RETRY_DELAY 60   /* seconds */
#define PB_HTTP_CLIENT_DEFAULT_MAX_BODY_SIZE   (64 * 1024 * 1024)

#define PB_TYPE_HTTP_CLIENT (pb_http_client_get_type ())

G_DECLARE_FINAL_TYPE (PbHttpClient, pb_http_client, PB, HTTP_CLIENT, GObject)

PbHttpClient *pb_http_client_new                (void);

/* Properties: "timeout" (seconds per attempt, the answer's body included),
 * "max-retries", "max-retry-delay" (seconds; a server asking to wait
 * longer is not waited for), "max-body-size" (bytes). */
guint         pb_http_client_get_timeout        (PbHttpClient  *self);
void          pb_http_client_set_timeout        (PbHttpClient  *self,
                                                 guint          seconds);
guint         pb_http_client_get_max_retries    (PbHttpClient  *self);
void          pb_http_client_set_max_retries    (PbHttpClient  *self,
                                                 guint          max_retries);
guint         pb_http_client_get_max_retry_delay (PbHttpClient *self);
void          pb_http_client_set_max_retry_delay (PbHttpClient *self,
                                                 guint          seconds);
gsize         pb_http_client_get_max_body_size  (PbHttpClient  *self);
void          pb_http_client_set_max_body_size  (PbHttpClient  *self,
                                                 gsize          max_body_size);

/* The URL policy: https://, or http:// to a loopback host (127.0.0.0/8,
 * localhost, [::1]); no user info. @what names the setting for the
 * message ("The platform URL"). Returns the parsed URL. */
GUri         *pb_http_client_parse_url          (const char    *url,
                                                 const char    *what,
                                                 GError       **error);

typedef enum
{
  PB_HTTP_FLAGS_NONE = 0,
  /* Repeating the request changes nothing (a GET, a token request). */
  PB_HTTP_FLAGS_IDEMPOTENT = 1 << 0,
  /* A redirect is an answer to read, not an error (it is never followed). */
  PB_HTTP_FLAGS_REDIRECT_IS_ANSWER = 1 << 1,
} PbHttpFlags;

/* @base's scheme, host and port, its path (without a trailing "/") then
 * @path (starting with "/"), and @query (encoded; may be NULL). */
GUri         *pb_http_client_build_uri          (GUri          *base,
                                                 const char    *path,
                                                 const char    *query);

/* Sends @method @uri with @headers (name/value pairs, NULL-terminated; may
 * be NULL) and @body (may be NULL) of @content_type, and reads the whole
 * answer. Refuses a URL the policy refuses before connecting.
 *
 * Retries, after the wait the server asks for (Retry-After) or a growing
 * back-off, and emits ::waiting before each wait: an answer 429 or 503
 * always (they guarantee that nothing was applied); an answer 502 or 504
 * only with PB_HTTP_FLAGS_IDEMPOTENT. Never after a timeout or any other
 * failure.
 *
 * Errors are transport failures only (PB_REMOTE_ERROR_NETWORK, _TLS,
 * _TIMEOUT, _INSECURE_URL, _REDIRECTED unless PB_HTTP_FLAGS_REDIRECT_IS_ANSWER,
 * _MALFORMED for an answer too large or cut short, G_IO_ERROR_CANCELLED);
 * any HTTP status is an answer, which finish returns with the message so
 * the caller can read its status and headers. */
void          pb_http_client_send_async         (PbHttpClient        *self,
                                                 const char          *method,
                                                 GUri                *uri,
                                                 const char * const  *headers,
                                                 const char          *content_type,
                                                 GBytes              *body,
                                                 PbHttpFlags          flags,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GBytes       *pb_http_client_send_finish        (PbHttpClient        *self,
                                                 GAsyncResult        *result,
                                                 SoupMessage        **message,
                                                 GError             **error);

/* How many times the request of @message was sent (1 without retries). */
guint         pb_http_client_get_attempts       (SoupMessage   *message);

/* Seconds of an answer's Retry-After header (delta-seconds or an HTTP
 * date), or -1 when it has none that reads. */
gint64        pb_http_client_get_retry_after    (SoupMessage   *message);

G_END_DECLS
