/* pb-sandbox-salesforce.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SOQL here is "SELECT field, … FROM object" for the three Omni-Channel
 * objects, nothing more: keywords, fields and objects are matched without
 * regard to case (as Salesforce does), whitespace is free, fields may come
 * in any order. What Salesforce would refuse gets its error: an unknown
 * object INVALID_TYPE, an unknown field INVALID_FIELD, anything else
 * MALFORMED_QUERY, each with Salesforce's "ERROR at Row:…:Column:…" text.
 *
 * A query's records are taken once, when it runs (Salesforce's cursor works
 * the same way), and handed out page by page behind an opaque locator.
 */
#include "pb-sandbox-salesforce.h"

#include <string.h>

#include "pb-presence-status.h"
#include "pb-sandbox-reply.h"

#define DATA_PATH              "/services/data/" PB_SANDBOX_SALESFORCE_API_VERSION
#define CURSOR_IDLE_SECONDS    (15 * 60)
#define MAX_CURSORS            64
#define MAX_QUERY_LENGTH       100000

typedef enum
{
  OBJECT_PRESENCE_STATUS,
  OBJECT_SERVICE_CHANNEL,
  OBJECT_SERVICE_CHANNEL_STATUS,
} ObjectType;

static const struct {
  const char        *name;
  const char * const fields[4];
} objects[] = {
  [OBJECT_PRESENCE_STATUS] = { "ServicePresenceStatus", { "Id", "DeveloperName", "MasterLabel", NULL } },
  [OBJECT_SERVICE_CHANNEL] = { "ServiceChannel", { "Id", "DeveloperName", "MasterLabel", NULL } },
  [OBJECT_SERVICE_CHANNEL_STATUS] = { "ServiceChannelStatus",
                                      { "Id", "ServicePresenceStatusId", "ServiceChannelId", NULL } },
};

typedef struct
{
  JsonArray *records;
  gint64     last_used;
} Cursor;

struct _PbSandboxSalesforce
{
  GObject          parent_instance;

  PbSandboxState  *state;
  PbSandboxFaults *faults;
  GArray          *page_sizes; /* guint */
  char            *base_url;
  GHashTable      *cursors;    /* locator → Cursor */
};

G_DEFINE_FINAL_TYPE (PbSandboxSalesforce, pb_sandbox_salesforce, G_TYPE_OBJECT)

static void
cursor_free (Cursor *cursor)
{
  json_array_unref (cursor->records);
  g_free (cursor);
}

static void
pb_sandbox_salesforce_finalize (GObject *object)
{
  PbSandboxSalesforce *self = PB_SANDBOX_SALESFORCE (object);

  g_clear_object (&self->state);
  g_clear_object (&self->faults);
  g_clear_pointer (&self->page_sizes, g_array_unref);
  g_free (self->base_url);
  g_clear_pointer (&self->cursors, g_hash_table_unref);

  G_OBJECT_CLASS (pb_sandbox_salesforce_parent_class)->finalize (object);
}

static void
pb_sandbox_salesforce_class_init (PbSandboxSalesforceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_sandbox_salesforce_finalize;
}

static void
pb_sandbox_salesforce_init (PbSandboxSalesforce *self)
{
  self->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)cursor_free);
}

PbSandboxSalesforce *
pb_sandbox_salesforce_new (PbSandboxState  *state,
                           PbSandboxFaults *faults,
                           GArray          *page_sizes)
{
  PbSandboxSalesforce *self = g_object_new (PB_TYPE_SANDBOX_SALESFORCE, NULL);

  g_return_val_if_fail (page_sizes->len > 0, self);

  self->state = g_object_ref (state);
  self->faults = g_object_ref (faults);
  self->page_sizes = g_array_ref (page_sizes);

  return self;
}

void
pb_sandbox_salesforce_set_base_url (PbSandboxSalesforce *self,
                                    const char          *base_url)
{
  g_return_if_fail (PB_IS_SANDBOX_SALESFORCE (self));

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *code,
             const char        *message)
{
  pb_sandbox_reply_error (msg, PB_SANDBOX_API_SALESFORCE, status, code, message);
}

static gboolean
check_session (PbSandboxSalesforce *self,
               SoupServerMessage   *msg)
{
  g_autofree char *token = pb_sandbox_dup_bearer_token (msg, TRUE);

  if (pb_sandbox_tokens_check (pb_sandbox_state_get_tokens (self->state), PB_SANDBOX_TOKEN_SALESFORCE_ACCESS,
                               NULL, token) == PB_SANDBOX_TOKEN_VALID)
    return TRUE;

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate", "Token");
  reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "INVALID_SESSION_ID", "Session expired or invalid");
  return FALSE;
}

/* Parsing */

typedef struct
{
  char  *text;
  guint  row;
  guint  column;
} Token;

static void
token_clear (Token *token)
{
  g_free (token->text);
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.';
}

/* Names, commas and any other single character, each with its row and
 * column (from 1, as Salesforce counts them). */
static GArray *
tokenize (const char *query)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  guint row = 1, column = 1;
  const char *p = query;

  g_array_set_clear_func (tokens, (GDestroyNotify)token_clear);

  while (*p != '\0')
    {
      Token token = { NULL, row, column };
      const char *start = p;

      if (*p == '\n')
        {
          row++;
          column = 1;
          p++;
          continue;
        }
      if (g_ascii_isspace (*p))
        {
          column++;
          p++;
          continue;
        }

      if (is_name_char (*p))
        while (is_name_char (*p))
          p++;
      else
        p = g_utf8_next_char (p);

      token.text = g_strndup (start, p - start);
      column += g_utf8_strlen (start, p - start);
      g_array_append_val (tokens, token);
    }

  return tokens;
}

/* Salesforce's way of pointing at a place in a query. */
static char *
format_query_error (const char *query,
                    guint       row,
                    guint       column,
                    const char *problem)
{
  g_auto(GStrv) lines = g_strsplit (query, "\n", -1);
  const char *line = row >= 1 && row <= g_strv_length (lines) ? lines[row - 1] : "";
  g_autofree char *pad = g_strnfill (column > 0 ? column - 1 : 0, ' ');

  return g_strdup_printf ("\n%s\n%s^\nERROR at Row:%u:Column:%u\n%s", line, pad, row, column, problem);
}

static void
reply_query_error (SoupServerMessage *msg,
                   const char        *code,
                   const char        *query,
                   const Token       *at,
                   const char        *problem)
{
  g_autofree char *message = format_query_error (query, at != NULL ? at->row : 1, at != NULL ? at->column : 1,
                                                 problem);

  reply_error (msg, SOUP_STATUS_BAD_REQUEST, code, message);
}

static void
reply_unexpected (SoupServerMessage *msg,
                  const char        *query,
                  GArray            *tokens,
                  guint              index)
{
  g_autofree char *problem = NULL;

  if (index < tokens->len)
    problem = g_strdup_printf ("unexpected token: '%s'", g_array_index (tokens, Token, index).text);
  else
    problem = g_strdup ("unexpected token: <EOF>");

  reply_query_error (msg, "MALFORMED_QUERY", query,
                     index < tokens->len ? &g_array_index (tokens, Token, index)
                                         : (tokens->len > 0 ? &g_array_index (tokens, Token, tokens->len - 1) : NULL),
                     problem);
}

static const char *
canonical_field (ObjectType  object,
                 const char *name)
{
  for (guint i = 0; objects[object].fields[i] != NULL; i++)
    if (g_ascii_strcasecmp (objects[object].fields[i], name) == 0)
      return objects[object].fields[i];

  return NULL;
}

/* Fills @object and @fields (canonical names) from @query, or answers the
 * error and returns FALSE. */
static gboolean
parse_query (PbSandboxSalesforce *self,
             SoupServerMessage   *msg,
             const char          *query,
             ObjectType          *object,
             GPtrArray           *fields)
{
  g_autoptr(GArray) tokens = tokenize (query);
  g_autoptr(GArray) field_tokens = g_array_new (FALSE, FALSE, sizeof (guint));
  guint i = 0;
  int found = -1;
  PbSandboxFaultKind kind;
  guint value;

  if (tokens->len == 0 || g_ascii_strcasecmp (g_array_index (tokens, Token, 0).text, "SELECT") != 0)
    {
      reply_unexpected (msg, query, tokens, 0);
      return FALSE;
    }

  for (i = 1;; i += 2)
    {
      if (i >= tokens->len || !is_name_char (g_array_index (tokens, Token, i).text[0]) ||
          g_ascii_strcasecmp (g_array_index (tokens, Token, i).text, "FROM") == 0)
        {
          reply_unexpected (msg, query, tokens, i);
          return FALSE;
        }
      g_array_append_val (field_tokens, i);

      if (i + 1 < tokens->len && g_str_equal (g_array_index (tokens, Token, i + 1).text, ","))
        continue;
      if (i + 1 < tokens->len && g_ascii_strcasecmp (g_array_index (tokens, Token, i + 1).text, "FROM") == 0)
        break;

      reply_unexpected (msg, query, tokens, i + 1);
      return FALSE;
    }

  i += 2;
  if (i >= tokens->len || !is_name_char (g_array_index (tokens, Token, i).text[0]))
    {
      reply_unexpected (msg, query, tokens, i);
      return FALSE;
    }
  if (i + 1 < tokens->len)
    {
      reply_unexpected (msg, query, tokens, i + 1);
      return FALSE;
    }

  for (guint o = 0; o < G_N_ELEMENTS (objects); o++)
    if (g_ascii_strcasecmp (objects[o].name, g_array_index (tokens, Token, i).text) == 0)
      found = o;
  if (found < 0)
    {
      g_autofree char *problem = g_strdup_printf ("sObject type '%s' is not supported. If you are attempting to use "
                                                  "a custom object, be sure to append the '__c' after the entity "
                                                  "name. Please reference your WSDL or the describe call for the "
                                                  "appropriate names.",
                                                  g_array_index (tokens, Token, i).text);

      reply_query_error (msg, "INVALID_TYPE", query, &g_array_index (tokens, Token, i), problem);
      return FALSE;
    }
  *object = found;

  for (guint f = 0; f < field_tokens->len; f++)
    {
      const Token *token = &g_array_index (tokens, Token, g_array_index (field_tokens, guint, f));
      const char *field = canonical_field (*object, token->text);
      gboolean hidden = FALSE;

      /* Without View DeveloperName, the field does not exist for the user
       * (Winter '22); the fault counts one query, not one field. */
      if (field != NULL && g_str_equal (field, "DeveloperName"))
        hidden = pb_sandbox_faults_take (self->faults, "query", PB_SANDBOX_FAULT_NO_DEVELOPERNAME, &kind, &value);

      if (field == NULL || hidden)
        {
          g_autofree char *problem = g_strdup_printf ("No such column '%s' on entity '%s'. If you are attempting to "
                                                      "use a custom field, be sure to append the '__c' after the "
                                                      "custom field name. Please reference your WSDL or the "
                                                      "describe call for the appropriate names.",
                                                      token->text, objects[*object].name);

          reply_query_error (msg, "INVALID_FIELD", query, token, problem);
          return FALSE;
        }

      for (guint seen = 0; seen < fields->len; seen++)
        if (g_str_equal (g_ptr_array_index (fields, seen), field))
          {
            g_autofree char *problem = g_strdup_printf ("duplicate field selected: %s", field);

            reply_query_error (msg, "MALFORMED_QUERY", query, token, problem);
            return FALSE;
          }

      g_ptr_array_add (fields, (gpointer)field);
    }

  return TRUE;
}

/* Records */

static JsonObject *
new_record (ObjectType  object,
            const char *id)
{
  JsonObject *record = json_object_new ();
  JsonObject *attributes = json_object_new ();
  g_autofree char *url = g_strdup_printf (DATA_PATH "/sobjects/%s/%s", objects[object].name, id);

  json_object_set_string_member (attributes, "type", objects[object].name);
  json_object_set_string_member (attributes, "url", url);
  json_object_set_object_member (record, "attributes", attributes);

  return record;
}

static void
add_fields (JsonObject *record,
            GPtrArray  *fields,
            const char *first_name,
            ...) G_GNUC_NULL_TERMINATED;

/* Sets the selected fields, in the order selected, from name/value pairs. */
static void
add_fields (JsonObject *record,
            GPtrArray  *fields,
            const char *first_name,
            ...)
{
  for (guint f = 0; f < fields->len; f++)
    {
      const char *name = first_name;
      va_list args;

      va_start (args, first_name);
      while (name != NULL)
        {
          const char *value = va_arg (args, const char *);

          if (g_str_equal (name, g_ptr_array_index (fields, f)))
            json_object_set_string_member (record, name, value);
          name = va_arg (args, const char *);
        }
      va_end (args);
    }
}

static JsonArray *
collect_records (PbSandboxSalesforce *self,
                 ObjectType           object,
                 GPtrArray           *fields)
{
  PbSandboxOrg *org = pb_sandbox_state_get_org (self->state);
  GPtrArray *statuses = pb_sandbox_org_get_presence_statuses (org);
  JsonArray *records = json_array_new ();

  if (object == OBJECT_SERVICE_CHANNEL)
    {
      g_autoptr(GPtrArray) channels = pb_sandbox_org_dup_channels (org);

      for (guint i = 0; i < channels->len; i++)
        {
          const char *name = g_ptr_array_index (channels, i);
          const char *id = pb_sandbox_org_get_channel_id (org, name);
          JsonObject *record = new_record (object, id);

          add_fields (record, fields, "Id", id, "DeveloperName", name,
                      "MasterLabel", pb_sandbox_org_get_channel_label (name), NULL);
          json_array_add_object_element (records, record);
        }
      return records;
    }

  for (guint i = 0; i < statuses->len; i++)
    {
      PbPresenceStatus *status = g_ptr_array_index (statuses, i);
      const char *status_id = pb_presence_status_get_record_id (status);
      const char *api_name = pb_presence_status_get_api_name (status);
      const char * const *channels = pb_presence_status_get_channels (status);

      if (object == OBJECT_PRESENCE_STATUS)
        {
          JsonObject *record = new_record (object, status_id);

          add_fields (record, fields, "Id", status_id, "DeveloperName", api_name,
                      "MasterLabel", pb_presence_status_get_label (status), NULL);
          json_array_add_object_element (records, record);
          continue;
        }

      for (guint c = 0; channels != NULL && channels[c] != NULL; c++)
        {
          const char *id = pb_sandbox_org_get_link_id (org, api_name, channels[c]);
          JsonObject *record = new_record (object, id);

          add_fields (record, fields, "Id", id, "ServicePresenceStatusId", status_id,
                      "ServiceChannelId", pb_sandbox_org_get_channel_id (org, channels[c]), NULL);
          json_array_add_object_element (records, record);
        }
    }

  return records;
}

/* Pages */

static guint
page_size_at (PbSandboxSalesforce *self,
              guint                offset)
{
  guint position = 0, page = 0;

  while (position < offset)
    position += g_array_index (self->page_sizes, guint, page++ % self->page_sizes->len);

  return g_array_index (self->page_sizes, guint, page % self->page_sizes->len);
}

static gboolean
is_idle (gpointer key,
         gpointer value,
         gpointer user_data)
{
  return ((Cursor *)value)->last_used + CURSOR_IDLE_SECONDS * G_USEC_PER_SEC < g_get_monotonic_time ();
}

static void
forget_oldest_cursor (PbSandboxSalesforce *self)
{
  GHashTableIter iter;
  const char *locator, *oldest = NULL;
  Cursor *cursor;
  gint64 oldest_time = G_MAXINT64;

  g_hash_table_iter_init (&iter, self->cursors);
  while (g_hash_table_iter_next (&iter, (gpointer *)&locator, (gpointer *)&cursor))
    if (cursor->last_used < oldest_time)
      {
        oldest = locator;
        oldest_time = cursor->last_used;
      }

  if (oldest != NULL)
    g_hash_table_remove (self->cursors, oldest);
}

/* A locator like Salesforce's ("01g" and 15 letters and digits). */
static char *
new_locator (void)
{
  g_autofree char *random = pb_sandbox_random_string (24);
  GString *locator = g_string_new ("01g");

  for (const char *p = random; *p != '\0' && locator->len < 18; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (locator, *p);

  return g_string_free (locator, FALSE);
}

static void
reply_page (PbSandboxSalesforce *self,
            SoupServerMessage   *msg,
            const char          *locator,
            JsonArray           *records,
            guint                offset)
{
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *page = json_array_new ();
  guint total = json_array_get_length (records);
  guint end = MIN (total, offset + page_size_at (self, offset));

  for (guint i = offset; i < end; i++)
    json_array_add_element (page, json_node_copy (json_array_get_element (records, i)));

  json_object_set_int_member (answer, "totalSize", total);
  json_object_set_boolean_member (answer, "done", end >= total);
  if (end < total)
    {
      g_autofree char *next = g_strdup_printf (DATA_PATH "/query/%s-%u", locator, end);

      json_object_set_string_member (answer, "nextRecordsUrl", next);
    }
  json_object_set_array_member (answer, "records", page);

  json_node_set_object (node, answer);
  pb_sandbox_reply_json (msg, SOUP_STATUS_OK, "application/json;charset=UTF-8", node);
}

static void
handle_query (PbSandboxSalesforce *self,
              SoupServerMessage   *msg,
              GHashTable          *query)
{
  const char *soql = query != NULL ? g_hash_table_lookup (query, "q") : NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(JsonArray) records = NULL;
  g_autofree char *locator = NULL;
  ObjectType object;
  Cursor *cursor;

  if (!check_session (self, msg))
    return;

  if (soql == NULL || *soql == '\0')
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "MALFORMED_QUERY", "A query string has to be specified");
      return;
    }
  if (strlen (soql) > MAX_QUERY_LENGTH || !g_utf8_validate (soql, -1, NULL))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "MALFORMED_QUERY", "The query is too long or not UTF-8");
      return;
    }

  if (!parse_query (self, msg, soql, &object, fields))
    return;

  records = collect_records (self, object, fields);
  locator = new_locator ();
  reply_page (self, msg, locator, records, 0);

  if (json_array_get_length (records) > page_size_at (self, 0))
    {
      g_hash_table_foreach_remove (self->cursors, is_idle, NULL);
      if (g_hash_table_size (self->cursors) >= MAX_CURSORS)
        forget_oldest_cursor (self);

      cursor = g_new0 (Cursor, 1);
      cursor->records = g_steal_pointer (&records);
      cursor->last_used = g_get_monotonic_time ();
      g_hash_table_insert (self->cursors, g_steal_pointer (&locator), cursor);
    }
}

static void
handle_query_more (PbSandboxSalesforce *self,
                   SoupServerMessage   *msg,
                   const char          *cursor_text)
{
  g_autofree char *locator = g_strdup (cursor_text);
  char *dash = strrchr (locator, '-');
  guint64 offset;
  Cursor *cursor;

  if (!check_session (self, msg))
    return;

  if (dash != NULL)
    *dash = '\0';
  g_hash_table_foreach_remove (self->cursors, is_idle, NULL);
  cursor = g_hash_table_lookup (self->cursors, locator);
  if (dash == NULL || cursor == NULL ||
      !g_ascii_string_to_unsigned (dash + 1, 10, 1, json_array_get_length (cursor->records) - 1, &offset, NULL))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "INVALID_QUERY_LOCATOR", "invalid query locator");
      return;
    }

  cursor->last_used = g_get_monotonic_time ();
  reply_page (self, msg, locator, cursor->records, offset);
}

static void
handle_identity (PbSandboxSalesforce  *self,
                 SoupServerMessage    *msg,
                 char                **params)
{
  PbSandboxOrg *org = pb_sandbox_state_get_org (self->state);
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *id = NULL;
  g_autofree char *query_url = NULL;
  JsonObject *urls;

  if (!check_session (self, msg))
    return;

  if (g_strv_length (params) != 2 || !g_str_equal (params[0], pb_sandbox_org_get_id (org)) ||
      !g_str_equal (params[1], pb_sandbox_org_get_user_id (org)))
    {
      reply_error (msg, SOUP_STATUS_NOT_FOUND, "NOT_FOUND", "The requested resource does not exist");
      return;
    }

  id = g_strdup_printf ("%s/id/%s/%s", self->base_url, params[0], params[1]);
  query_url = g_strdup_printf ("%s/services/data/v{version}/query/", self->base_url);
  answer = json_object_new ();
  urls = json_object_new ();
  json_object_set_string_member (urls, "query", query_url);
  json_object_set_string_member (answer, "id", id);
  json_object_set_boolean_member (answer, "asserted_user", TRUE);
  json_object_set_string_member (answer, "user_id", params[1]);
  json_object_set_string_member (answer, "organization_id", params[0]);
  json_object_set_string_member (answer, "username", pb_sandbox_org_get_username (org));
  json_object_set_string_member (answer, "nick_name", "sandbox.admin");
  json_object_set_string_member (answer, "display_name", "Sandbox Administrator");
  json_object_set_string_member (answer, "email", pb_sandbox_org_get_username (org));
  json_object_set_boolean_member (answer, "active", TRUE);
  json_object_set_string_member (answer, "user_type", "STANDARD");
  json_object_set_string_member (answer, "language", "en_US");
  json_object_set_string_member (answer, "locale", "en_US");
  json_object_set_object_member (answer, "urls", urls);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, answer);
  pb_sandbox_reply_json (msg, SOUP_STATUS_OK, "application/json;charset=UTF-8", node);
}

void
pb_sandbox_salesforce_handle (PbSandboxSalesforce  *self,
                              PbSandboxRouteId      route,
                              SoupServerMessage    *msg,
                              GHashTable           *query,
                              char                **params)
{
  g_return_if_fail (PB_IS_SANDBOX_SALESFORCE (self));

  switch (route)
    {
    case PB_SANDBOX_ROUTE_QUERY:
      handle_query (self, msg, query);
      break;
    case PB_SANDBOX_ROUTE_QUERY_MORE:
      handle_query_more (self, msg, params[0]);
      break;
    case PB_SANDBOX_ROUTE_IDENTITY:
      handle_identity (self, msg, params);
      break;
    default:
      g_assert_not_reached ();
    }
}
