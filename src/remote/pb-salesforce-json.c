/* pb-salesforce-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-salesforce-json.h"

#include <glib/gi18n.h>

#include "pb-json-reader.h"
#include "pb-remote-error.h"

void
pb_salesforce_token_free (PbSalesforceToken *token)
{
  if (token == NULL)
    return;

  g_free (token->access_token);
  g_free (token->refresh_token);
  g_free (token->instance_url);
  g_free (token->org_id);
  g_free (token);
}

void
pb_salesforce_page_free (PbSalesforcePage *page)
{
  if (page == NULL)
    return;

  g_free (page->next_records_url);
  g_clear_pointer (&page->records, g_ptr_array_unref);
  g_free (page);
}

/* The identity URL is https://login.salesforce.com/id/{org id}/{user id}. */
static char *
org_id_from_identity_url (const char *identity_url)
{
  g_autoptr(GUri) uri = g_uri_parse (identity_url, G_URI_FLAGS_ENCODED, NULL);
  g_auto(GStrv) segments = NULL;
  guint n;

  if (uri == NULL)
    return NULL;

  segments = g_strsplit (g_uri_get_path (uri), "/", -1);
  n = g_strv_length (segments);
  if (n < 3 || g_strcmp0 (segments[n - 3], "id") != 0 || *segments[n - 2] == '\0')
    return NULL;

  for (const char *p = segments[n - 2]; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return NULL;

  return g_strdup (segments[n - 2]);
}

/**
 * pb_salesforce_json_parse_token:
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
PbSalesforceToken *
pb_salesforce_json_parse_token (const char  *data,
                                gsize        length,
                                GError     **error)
{
  g_autoptr(JsonNode) root = pb_remote_parse_json (data, length, JSON_NODE_OBJECT, error);
  g_autoptr(PbSalesforceToken) token = NULL;
  const char *access_token, *refresh_token, *instance_url, *identity_url;
  GError *local_error = NULL;
  JsonObject *object;

  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  if (!pb_json_read_string (object, NULL, "access_token", PB_JSON_REQUIRED, PB_JSON_ID,
                            &access_token, &local_error) ||
      !pb_json_read_string (object, NULL, "refresh_token", PB_JSON_OPTIONAL, PB_JSON_ID,
                            &refresh_token, &local_error) ||
      !pb_json_read_string (object, NULL, "instance_url", PB_JSON_OPTIONAL, PB_JSON_ID,
                            &instance_url, &local_error) ||
      !pb_json_read_string (object, NULL, "id", PB_JSON_OPTIONAL, PB_JSON_ID,
                            &identity_url, &local_error))
    {
      pb_remote_propagate_malformed (error, local_error);
      return NULL;
    }

  token = g_new0 (PbSalesforceToken, 1);
  token->access_token = g_strdup (access_token);
  token->refresh_token = g_strdup (refresh_token);
  token->instance_url = g_strdup (instance_url);
  if (identity_url != NULL)
    {
      token->org_id = org_id_from_identity_url (identity_url);
      if (token->org_id == NULL)
        {
          g_set_error_literal (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED,
                               _("id: expected an identity URL ending in /id/{org id}/{user id}"));
          return NULL;
        }
    }

  return g_steal_pointer (&token);
}

gboolean
pb_salesforce_json_parse_oauth_error (const char  *data,
                                      gsize        length,
                                      char       **code,
                                      char       **description,
                                      GError     **error)
{
  g_autoptr(JsonNode) root = pb_remote_parse_json (data, length, JSON_NODE_OBJECT, error);
  const char *code_text, *description_text;
  GError *local_error = NULL;
  JsonObject *object;

  *code = NULL;
  *description = NULL;
  if (root == NULL)
    return FALSE;

  object = json_node_get_object (root);
  if (!pb_json_read_string (object, NULL, "error", PB_JSON_REQUIRED, PB_JSON_ID,
                            &code_text, &local_error) ||
      !pb_json_read_string (object, NULL, "error_description", PB_JSON_OPTIONAL, PB_JSON_STRING,
                            &description_text, &local_error))
    return pb_remote_propagate_malformed (error, local_error);

  *code = g_strdup (code_text);
  *description = g_strdup (description_text);
  return TRUE;
}

gboolean
pb_salesforce_json_parse_errors (const char  *data,
                                 gsize        length,
                                 char       **error_code,
                                 char       **message,
                                 GError     **error)
{
  g_autoptr(JsonNode) root = pb_remote_parse_json (data, length, JSON_NODE_ARRAY, error);
  g_autofree char *path = NULL;
  const char *code_text, *message_text;
  GError *local_error = NULL;
  JsonArray *array;
  JsonObject *entry;

  *error_code = NULL;
  *message = NULL;
  if (root == NULL)
    return FALSE;

  array = json_node_get_array (root);
  if (json_array_get_length (array) == 0)
    {
      g_set_error_literal (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED,
                           _("expected at least one error in the list"));
      return FALSE;
    }

  if (!pb_json_get_array_object (array, 0, "", &path, &entry, &local_error) ||
      !pb_json_read_string (entry, path, "errorCode", PB_JSON_OPTIONAL, PB_JSON_STRING,
                            &code_text, &local_error) ||
      !pb_json_read_string (entry, path, "message", PB_JSON_OPTIONAL, PB_JSON_STRING,
                            &message_text, &local_error))
    return pb_remote_propagate_malformed (error, local_error);

  *error_code = g_strdup (code_text);
  *message = g_strdup (message_text);
  return TRUE;
}

static gboolean
read_record (JsonArray           *records,
             guint                index,
             const char * const  *fields,
             GPtrArray           *out,
             GError             **error)
{
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autofree char *path = NULL;
  JsonObject *record;

  if (!pb_json_get_array_object (records, index, "records", &path, &record, error))
    return FALSE;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *value;

      if (!pb_json_read_string (record, path, fields[i], PB_JSON_REQUIRED, PB_JSON_STRING, &value, error))
        return FALSE;
      g_strv_builder_add (values, value);
    }

  g_ptr_array_add (out, g_strv_builder_end (values));
  return TRUE;
}

/**
 * pb_salesforce_json_parse_page:
 *
 * Returns: (transfer full): the page, or %NULL with @error set
 */
PbSalesforcePage *
pb_salesforce_json_parse_page (const char          *data,
                               gsize                length,
                               const char * const  *fields,
                               GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PbSalesforcePage) page = NULL;
  const char *next_records_url;
  GError *local_error = NULL;
  JsonObject *object;
  JsonNode *records_node;
  JsonArray *records;

  g_return_val_if_fail (fields != NULL && fields[0] != NULL, NULL);

  root = pb_remote_parse_json (data, length, JSON_NODE_OBJECT, error);
  if (root == NULL)
    return NULL;

  page = g_new0 (PbSalesforcePage, 1);
  page->records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);

  object = json_node_get_object (root);
  if (!pb_json_read_int (object, NULL, "totalSize", PB_JSON_OPTIONAL, 0, &page->total_size, &local_error) ||
      !pb_json_read_boolean (object, NULL, "done", PB_JSON_REQUIRED, &page->done, &local_error) ||
      !pb_json_read_string (object, NULL, "nextRecordsUrl",
                            page->done ? PB_JSON_OPTIONAL : PB_JSON_REQUIRED, PB_JSON_ID,
                            &next_records_url, &local_error) ||
      !pb_json_read_container (object, NULL, "records", PB_JSON_REQUIRED, JSON_NODE_ARRAY,
                               &records_node, &local_error))
    {
      pb_remote_propagate_malformed (error, local_error);
      return NULL;
    }

  records = json_node_get_array (records_node);
  for (guint i = 0; i < json_array_get_length (records); i++)
    if (!read_record (records, i, fields, page->records, &local_error))
      {
        pb_remote_propagate_malformed (error, local_error);
        return NULL;
      }

  /* A last page may still name a next one; it is never followed. */
  if (!page->done)
    page->next_records_url = g_strdup (next_records_url);

  return g_steal_pointer (&page);
}
