/* pb-remote-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An extended error domain: a PB_REMOTE_ERROR_REFUSED error carries the
 * platform's findings, so a caller gets them with the error itself and the
 * window can put each on the row it names.
 */
#include "config.h"

#include "pb-remote-error.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-http-client.h"
#include "pb-json-reader.h"

/* Answers nest three levels deep at most; anything far deeper is hostile. */
#define MAX_ANSWER_DEPTH 32

/* A server message longer than this is cut (at a character boundary). */
#define MAX_SERVER_TEXT_CHARS 400

typedef struct
{
  GPtrArray *findings;
} PbRemoteErrorPrivate;

static void
pb_remote_error_private_init (PbRemoteErrorPrivate *priv)
{
  priv->findings = NULL;
}

static void
pb_remote_error_private_copy (const PbRemoteErrorPrivate *src,
                              PbRemoteErrorPrivate       *dest)
{
  dest->findings = src->findings != NULL ? g_ptr_array_ref (src->findings) : NULL;
}

static void
pb_remote_error_private_clear (PbRemoteErrorPrivate *priv)
{
  g_clear_pointer (&priv->findings, g_ptr_array_unref);
}

G_DEFINE_EXTENDED_ERROR (PbRemoteError, pb_remote_error)

GPtrArray *
pb_remote_error_get_findings (const GError *error)
{
  if (error == NULL || error->domain != PB_REMOTE_ERROR)
    return NULL;

  return pb_remote_error_get_private (error)->findings;
}

/**
 * pb_remote_error_new_refused:
 * @findings: (element-type PbFinding): what the platform refused
 * @message: the error's message
 *
 * Returns: (transfer full): a PB_REMOTE_ERROR_REFUSED error holding a
 *   reference to @findings
 */
GError *
pb_remote_error_new_refused (GPtrArray  *findings,
                             const char *message)
{
  GError *error = g_error_new_literal (PB_REMOTE_ERROR, PB_REMOTE_ERROR_REFUSED, message);

  pb_remote_error_get_private (error)->findings = g_ptr_array_ref (findings);
  return error;
}

char *
pb_remote_uri_to_display (GUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);

  return g_uri_join (G_URI_FLAGS_ENCODED,
                     g_uri_get_scheme (uri), NULL,
                     g_uri_get_host (uri), g_uri_get_port (uri),
                     g_uri_get_path (uri), NULL, NULL);
}

char *
pb_remote_quote_server_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint n_chars = 0;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars++ == MAX_SERVER_TEXT_CHARS)
        {
          g_string_append (out, "…");
          break;
        }

      if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Shorter values could be ordinary words of the message. */
#define MIN_SECRET_LENGTH 6

char *
pb_remote_hide_secrets (const char         *text,
                        const char * const *secrets)
{
  GString *out;

  if (text == NULL)
    return NULL;

  out = g_string_new (text);
  for (guint i = 0; secrets != NULL && secrets[i] != NULL; i++)
    if (strlen (secrets[i]) >= MIN_SECRET_LENGTH)
      g_string_replace (out, secrets[i], "…", 0);

  return g_string_free (out, FALSE);
}

static char *
describe_request (SoupMessage *message)
{
  g_autofree char *url = pb_remote_uri_to_display (soup_message_get_uri (message));

  return g_strdup_printf ("%s %s", soup_message_get_method (message), url);
}

GError *
pb_remote_error_new_for_status (SoupMessage *message,
                                const char  *service,
                                const char  *server_message)
{
  g_autofree char *request = describe_request (message);
  g_autofree char *quoted = server_message != NULL ? pb_remote_quote_server_text (server_message) : NULL;
  guint status = soup_message_get_status (message);
  const char *reason = soup_message_get_reason_phrase (message);
  g_autofree char *safe_reason = pb_remote_quote_server_text (reason != NULL ? reason : "");

  g_return_val_if_fail (SOUP_IS_MESSAGE (message), NULL);
  g_return_val_if_fail (service != NULL, NULL);

  if (status == 429)
    {
      guint attempts = pb_http_client_get_attempts (message);
      gint64 wait = pb_http_client_get_retry_after (message);

      if (attempts > 1)
        return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_RATE_LIMITED,
                            /* Translators: the first %s is a service ("The platform"),
                             * the second a request ("GET https://…"), %u a count */
                            _("%s is still rate limiting requests (%s) after %u attempts: try again later"),
                            service, request, attempts);

      if (wait > 0)
        return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_RATE_LIMITED,
                            /* Translators: the first %s is a service ("The platform"),
                             * the second a request ("GET https://…"), %d seconds */
                            _("%s is rate limiting requests (%s) and asks to wait %d s: try again later"),
                            service, request, (int)MIN (wait, G_MAXINT));

      return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_RATE_LIMITED,
                          /* Translators: the first %s is a service ("The platform"),
                           * the second a request ("GET https://…") */
                          _("%s is rate limiting requests (%s): try again later"),
                          service, request);
    }

  if (status >= 500)
    {
      if (quoted != NULL && *quoted != '\0')
        return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_SERVER,
                            /* Translators: a service ("The platform"), a request
                             * ("GET https://…"), the HTTP status (500), then the
                             * server's own message */
                            _("%s could not answer %s (HTTP %u): %s"),
                            service, request, status, quoted);

      return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_SERVER,
                          /* Translators: a service ("The platform"), a request
                           * ("GET https://…"), the HTTP status (500) and its
                           * reason phrase ("Internal Server Error") */
                          _("%s could not answer %s (HTTP %u %s)"),
                          service, request, status, safe_reason);
    }

  if (quoted != NULL && *quoted != '\0')
    return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_SERVER,
                        /* Translators: a service ("The platform"), a request
                         * ("GET https://…"), the HTTP status (400), then the
                         * server's own message */
                        _("%s refused %s (HTTP %u): %s"),
                        service, request, status, quoted);

  return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_SERVER,
                      /* Translators: a service ("The platform"), a request
                       * ("GET https://…"), the HTTP status (400) and its
                       * reason phrase ("Bad Request") */
                      _("%s refused %s (HTTP %u %s)"),
                      service, request, status, safe_reason);
}

GError *
pb_remote_error_new_malformed (SoupMessage *message,
                               const char  *service,
                               const char  *reason)
{
  g_autofree char *request = describe_request (message);

  g_return_val_if_fail (SOUP_IS_MESSAGE (message), NULL);

  return g_error_new (PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED,
                      /* Translators: a service ("The platform"), a request
                       * ("GET https://…"), then what is wrong with the answer */
                      _("%s gave an answer to %s that Presence Bridge cannot read: %s"),
                      service, request, reason);
}

gboolean
pb_remote_propagate_malformed (GError **dest,
                               GError  *src)
{
  g_return_val_if_fail (src != NULL, FALSE);

  g_set_error_literal (dest, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED, src->message);
  g_error_free (src);
  return FALSE;
}

/**
 * pb_remote_parse_json:
 * @data: (array length=length): an answer's body
 * @length: its length
 * @type: what the root must be
 *
 * Returns: (transfer full): the root node, or %NULL with @error set
 */
JsonNode *
pb_remote_parse_json (const char    *data,
                      gsize          length,
                      JsonNodeType   type,
                      GError       **error)
{
  g_autoptr(JsonNode) root = NULL;
  GError *local_error = NULL;

  static const PbJsonFormat answer_format = {
    PB_JSON_DOCUMENT_ANSWER, NULL, 0, G_MAXSIZE, MAX_ANSWER_DEPTH,
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, length);

  root = pb_json_parse (bytes, &answer_format, &local_error);
  if (root == NULL)
    {
      pb_remote_propagate_malformed (error, local_error);
      return NULL;
    }

  if (JSON_NODE_TYPE (root) != type)
    {
      g_set_error_literal (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED,
                           type == JSON_NODE_ARRAY ? _("expected a JSON array") : _("expected a JSON object"));
      return NULL;
    }

  return g_steal_pointer (&root);
}
