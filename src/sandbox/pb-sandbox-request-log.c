/* pb-sandbox-request-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-sandbox-request-log.h"

#include <string.h>

#include "pb-sandbox-reply.h"

/* Enough for any test; a long-running sandbox forgets the oldest. */
#define MAX_ENTRIES 10000

typedef struct
{
  guint64  number;
  gint64   time;          /* microseconds, wall clock */
  char    *method;
  char    *path;
  char    *endpoint;
  char    *authorization; /* the scheme only: "Bearer", "Basic" */
  char    *accept;
  char    *content_type;
  char    *if_match;
  char    *grant_type;
  guint    status;
} Entry;

struct _PbSandboxRequestLog
{
  GObject    parent_instance;

  GPtrArray *entries; /* Entry, oldest first */
  guint64    next_number;
};

G_DEFINE_FINAL_TYPE (PbSandboxRequestLog, pb_sandbox_request_log, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  g_free (entry->method);
  g_free (entry->path);
  g_free (entry->endpoint);
  g_free (entry->authorization);
  g_free (entry->accept);
  g_free (entry->content_type);
  g_free (entry->if_match);
  g_free (entry->grant_type);
  g_free (entry);
}

static void
pb_sandbox_request_log_finalize (GObject *object)
{
  PbSandboxRequestLog *self = PB_SANDBOX_REQUEST_LOG (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (pb_sandbox_request_log_parent_class)->finalize (object);
}

static void
pb_sandbox_request_log_class_init (PbSandboxRequestLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_sandbox_request_log_finalize;
}

static void
pb_sandbox_request_log_init (PbSandboxRequestLog *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
  self->next_number = 1;
}

PbSandboxRequestLog *
pb_sandbox_request_log_new (void)
{
  return g_object_new (PB_TYPE_SANDBOX_REQUEST_LOG, NULL);
}

/* Only the scheme, so the log can never leak a credential. */
static char *
dup_scheme (const char *authorization)
{
  const char *space;

  if (authorization == NULL)
    return NULL;

  space = strchr (authorization, ' ');
  return g_strndup (authorization, space != NULL ? (gsize)(space - authorization) : strlen (authorization));
}

guint64
pb_sandbox_request_log_add (PbSandboxRequestLog *self,
                            SoupServerMessage   *msg,
                            const char          *endpoint)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GHashTable) form = NULL;
  Entry *entry = g_new0 (Entry, 1);

  g_return_val_if_fail (PB_IS_SANDBOX_REQUEST_LOG (self), 0);

  entry->number = self->next_number++;
  entry->time = g_get_real_time ();
  entry->method = g_strdup (soup_server_message_get_method (msg));
  entry->path = g_strdup (g_uri_get_path (soup_server_message_get_uri (msg)));
  entry->endpoint = g_strdup (endpoint);
  entry->authorization = dup_scheme (soup_message_headers_get_one (headers, "Authorization"));
  entry->accept = g_strdup (soup_message_headers_get_one (headers, "Accept"));
  entry->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  entry->if_match = g_strdup (soup_message_headers_get_one (headers, "If-Match"));

  /* Which grant a token request used (refresh or not) is what tests ask;
   * the other form fields hold secrets. */
  form = pb_sandbox_decode_form (msg);
  if (form != NULL)
    entry->grant_type = g_strdup (g_hash_table_lookup (form, "grant_type"));

  if (self->entries->len >= MAX_ENTRIES)
    g_ptr_array_remove_index (self->entries, 0);
  g_ptr_array_add (self->entries, entry);

  return entry->number;
}

void
pb_sandbox_request_log_set_status (PbSandboxRequestLog *self,
                                   guint64              number,
                                   guint                status)
{
  g_return_if_fail (PB_IS_SANDBOX_REQUEST_LOG (self));

  /* Newest first: the request being answered is almost always the last. */
  for (guint i = self->entries->len; i > 0; i--)
    {
      Entry *entry = g_ptr_array_index (self->entries, i - 1);

      if (entry->number == number)
        {
          entry->status = status;
          return;
        }
      if (entry->number < number)
        return;
    }
}

void
pb_sandbox_request_log_clear (PbSandboxRequestLog *self)
{
  g_return_if_fail (PB_IS_SANDBOX_REQUEST_LOG (self));

  g_ptr_array_set_size (self->entries, 0);
}

static void
set_nullable_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

JsonNode *
pb_sandbox_request_log_to_json (PbSandboxRequestLog *self)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (PB_IS_SANDBOX_REQUEST_LOG (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      JsonObject *item = json_object_new ();
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (entry->time / G_USEC_PER_SEC);
      g_autoptr(GDateTime) precise = g_date_time_add (time, entry->time % G_USEC_PER_SEC);
      g_autofree char *time_text = g_date_time_format (precise, "%Y-%m-%dT%H:%M:%S.%fZ");

      json_object_set_int_member (item, "number", entry->number);
      json_object_set_string_member (item, "time", time_text);
      json_object_set_string_member (item, "method", entry->method);
      json_object_set_string_member (item, "path", entry->path);
      set_nullable_string (item, "endpoint", entry->endpoint);
      set_nullable_string (item, "authorization", entry->authorization);
      set_nullable_string (item, "accept", entry->accept);
      set_nullable_string (item, "contentType", entry->content_type);
      set_nullable_string (item, "ifMatch", entry->if_match);
      set_nullable_string (item, "grantType", entry->grant_type);
      if (entry->status != 0)
        json_object_set_int_member (item, "status", entry->status);
      else
        json_object_set_null_member (item, "status");
      json_array_add_object_element (array, item);
    }

  json_object_set_array_member (object, "requests", g_steal_pointer (&array));
  json_node_set_object (node, object);
  return node;
}
