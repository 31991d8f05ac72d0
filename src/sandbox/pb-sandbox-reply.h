/* pb-sandbox-reply.h: answers in the shapes each API uses, and small
 * request helpers shared by the sandbox's handlers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pb-sandbox-routes.h"

G_BEGIN_DECLS

#define PB_SANDBOX_PLATFORM_MEDIA_TYPE "application/vnd.contactcentre.v1+json"
/* Request bodies larger than this are refused with 413 before they are read
 * into memory (a configuration of 10,000 statuses is about 1 MiB). */
#define PB_SANDBOX_MAX_BODY_SIZE       (4 * 1024 * 1024)

void        pb_sandbox_reply_json           (SoupServerMessage  *msg,
                                             guint               status,
                                             const char         *content_type,
                                             JsonNode           *node);
/* One error, in @api's shape. */
void        pb_sandbox_reply_error          (SoupServerMessage  *msg,
                                             PbSandboxApi        api,
                                             guint               status,
                                             const char         *code,
                                             const char         *message);
/* {"errors":[…]} for the platform or the admin API (@errors is taken). */
void        pb_sandbox_reply_errors         (SoupServerMessage  *msg,
                                             PbSandboxApi        api,
                                             guint               status,
                                             JsonArray          *errors);
JsonObject *pb_sandbox_error_new            (const char         *code,
                                             const char         *message,
                                             const char         *path);
/* A complete page; @title is text, @body_html markup the caller escaped
 * (g_markup_printf_escaped). */
void        pb_sandbox_reply_html           (SoupServerMessage  *msg,
                                             guint               status,
                                             const char         *title,
                                             const char         *body_html);
void        pb_sandbox_reply_retry_after    (SoupServerMessage  *msg,
                                             guint               seconds);

/* The token of "Authorization: Bearer …" (also "OAuth …" when
 * @accept_oauth_scheme, as Salesforce takes both); NULL without one. */
char       *pb_sandbox_dup_bearer_token     (SoupServerMessage  *msg,
                                             gboolean            accept_oauth_scheme);
/* The request body as strict JSON (pb_config_file_parse_json). */
JsonNode   *pb_sandbox_parse_json_body      (SoupServerMessage  *msg,
                                             GError            **error);
/* Whether the request's Content-Type, without parameters, is @media_type. */
gboolean    pb_sandbox_has_content_type     (SoupServerMessage  *msg,
                                             const char         *media_type);
/* The form fields of an application/x-www-form-urlencoded body; NULL
 * when the body is not a form. */
GHashTable *pb_sandbox_decode_form          (SoupServerMessage  *msg);

/* Typed members of untrusted JSON: NULL (or FALSE) unless @member holds
 * a value of that type (json-glib's getters warn on other types). */
const char *pb_sandbox_json_get_string      (JsonObject         *object,
                                             const char         *member);
gboolean    pb_sandbox_json_get_int         (JsonObject         *object,
                                             const char         *member,
                                             gint64             *value);
gboolean    pb_sandbox_json_get_boolean     (JsonObject         *object,
                                             const char         *member,
                                             gboolean           *value);
JsonObject *pb_sandbox_json_get_object      (JsonObject         *object,
                                             const char         *member);
JsonArray  *pb_sandbox_json_get_array       (JsonObject         *object,
                                             const char         *member);

/* Unguessable text: @n_bytes random bytes, base64url without padding. */
char       *pb_sandbox_random_string        (gsize               n_bytes);
/* "2026-11-24T12:00:00Z" */
char       *pb_sandbox_format_time          (gint64              unix_seconds);
char       *pb_sandbox_sha256               (const char         *text);

G_END_DECLS
