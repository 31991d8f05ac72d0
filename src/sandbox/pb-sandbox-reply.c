/* pb-sandbox-reply.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-sandbox-reply.h"

#include <string.h>
#include <sys/random.h>

#include "pb-config-file.h"

void
pb_sandbox_reply_json (SoupServerMessage *msg,
                       guint              status,
                       const char        *content_type,
                       JsonNode          *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, text, length);
}

JsonObject *
pb_sandbox_error_new (const char *code,
                      const char *message,
                      const char *path)
{
  JsonObject *error = json_object_new ();

  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  if (path != NULL)
    json_object_set_string_member (error, "path", path);

  return error;
}

void
pb_sandbox_reply_errors (SoupServerMessage *msg,
                         PbSandboxApi       api,
                         guint              status,
                         JsonArray         *errors)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_array_member (body, "errors", errors);
  json_node_set_object (node, body);
  pb_sandbox_reply_json (msg, status,
                         api == PB_SANDBOX_API_PLATFORM ? PB_SANDBOX_PLATFORM_MEDIA_TYPE : "application/json",
                         node);
}

void
pb_sandbox_reply_html (SoupServerMessage *msg,
                       guint              status,
                       const char        *title,
                       const char        *body_html)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  char *page = g_strdup_printf ("<!DOCTYPE html>\n"
                                "<html lang=\"en\">\n"
                                "<head>\n"
                                "<meta charset=\"utf-8\">\n"
                                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                                "<title>%s — Presence Bridge Sandbox</title>\n"
                                "<style>body{font-family:sans-serif;max-width:34em;margin:3em auto;padding:0 1em;"
                                "line-height:1.5}.note{color:#555;font-size:90%%}"
                                "button{font-size:110%%;padding:.4em 1.2em;margin-right:.6em}</style>\n"
                                "</head>\n"
                                "<body>\n"
                                "<p class=\"note\">Presence Bridge Sandbox — a stand-in for Salesforce, "
                                "not Salesforce.</p>\n"
                                "<h1>%s</h1>\n"
                                "%s"
                                "</body>\n"
                                "</html>\n",
                                escaped_title, escaped_title, body_html);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  /* The approval page must not be framed by another page (clickjacking). */
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, page, strlen (page));
}

void
pb_sandbox_reply_error (SoupServerMessage *msg,
                        PbSandboxApi       api,
                        guint              status,
                        const char        *code,
                        const char        *message)
{
  switch (api)
    {
    case PB_SANDBOX_API_PLATFORM:
    case PB_SANDBOX_API_ADMIN:
      {
        JsonArray *errors = json_array_new ();

        json_array_add_object_element (errors, pb_sandbox_error_new (code, message, NULL));
        pb_sandbox_reply_errors (msg, api, status, errors);
      }
      break;

    case PB_SANDBOX_API_OAUTH:
      {
        g_autoptr(JsonObject) body = json_object_new ();
        g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

        json_object_set_string_member (body, "error", code);
        json_object_set_string_member (body, "error_description", message);
        json_node_set_object (node, body);
        pb_sandbox_reply_json (msg, status, "application/json;charset=UTF-8", node);
      }
      break;

    case PB_SANDBOX_API_SALESFORCE:
      {
        g_autoptr(JsonArray) body = json_array_new ();
        g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
        JsonObject *error = json_object_new ();

        json_object_set_string_member (error, "message", message);
        json_object_set_string_member (error, "errorCode", code);
        json_array_add_object_element (body, error);
        json_node_set_array (node, body);
        pb_sandbox_reply_json (msg, status, "application/json;charset=UTF-8", node);
      }
      break;

    case PB_SANDBOX_API_HTML:
      {
        g_autofree char *body = g_markup_printf_escaped ("<p><code>error=%s</code></p>\n<p>%s</p>\n", code, message);

        pb_sandbox_reply_html (msg, status, soup_status_get_phrase (status), body);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

void
pb_sandbox_reply_retry_after (SoupServerMessage *msg,
                              guint              seconds)
{
  g_autofree char *value = g_strdup_printf ("%u", seconds);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", value);
}

char *
pb_sandbox_dup_bearer_token (SoupServerMessage *msg,
                             gboolean           accept_oauth_scheme)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "Authorization");
  const char *token;
  gsize scheme_length;

  if (value == NULL)
    return NULL;

  if (g_ascii_strncasecmp (value, "Bearer ", strlen ("Bearer ")) == 0)
    scheme_length = strlen ("Bearer ");
  else if (accept_oauth_scheme && g_ascii_strncasecmp (value, "OAuth ", strlen ("OAuth ")) == 0)
    scheme_length = strlen ("OAuth ");
  else
    return NULL;

  token = value + scheme_length;
  while (*token == ' ')
    token++;
  if (*token == '\0')
    return NULL;

  return g_strstrip (g_strdup (token));
}

JsonNode *
pb_sandbox_parse_json_body (SoupServerMessage  *msg,
                            GError            **error)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  return pb_config_file_parse_json (body, error);
}

gboolean
pb_sandbox_has_content_type (SoupServerMessage *msg,
                             const char        *media_type)
{
  const char *content_type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                                    NULL);

  return content_type != NULL && g_ascii_strcasecmp (content_type, media_type) == 0;
}

GHashTable *
pb_sandbox_decode_form (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;
  gsize length;
  const char *data;

  if (!pb_sandbox_has_content_type (msg, "application/x-www-form-urlencoded"))
    return NULL;

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (body, &length);
  text = g_strndup (data != NULL ? data : "", length);

  return soup_form_decode (text);
}

static JsonNode *
get_value (JsonObject *object,
           const char *member,
           GType       type)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;

  return node;
}

const char *
pb_sandbox_json_get_string (JsonObject *object,
                            const char *member)
{
  JsonNode *node = get_value (object, member, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

gboolean
pb_sandbox_json_get_int (JsonObject *object,
                         const char *member,
                         gint64     *value)
{
  JsonNode *node = get_value (object, member, G_TYPE_INT64);

  if (node == NULL)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

gboolean
pb_sandbox_json_get_boolean (JsonObject *object,
                             const char *member,
                             gboolean   *value)
{
  JsonNode *node = get_value (object, member, G_TYPE_BOOLEAN);

  if (node == NULL)
    return FALSE;

  *value = json_node_get_boolean (node);
  return TRUE;
}

JsonObject *
pb_sandbox_json_get_object (JsonObject *object,
                            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
pb_sandbox_json_get_array (JsonObject *object,
                           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

char *
pb_sandbox_random_string (gsize n_bytes)
{
  g_autofree guchar *bytes = g_malloc (n_bytes);
  char *text;
  gsize filled = 0;

  while (filled < n_bytes)
    {
      gssize n = getrandom (bytes + filled, n_bytes - filled, 0);

      /* getrandom() only fails before the kernel's pool is ready, or
       * when interrupted; GLib's generator is good enough then. */
      if (n <= 0)
        {
          for (; filled < n_bytes; filled++)
            bytes[filled] = (guchar)g_random_int_range (0, 256);
          break;
        }
      filled += n;
    }

  text = g_base64_encode (bytes, n_bytes);
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  if (strchr (text, '=') != NULL)
    *strchr (text, '=') = '\0';

  return text;
}

char *
pb_sandbox_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

char *
pb_sandbox_sha256 (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}
