/* pb-platform-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-platform-json.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-finding.h"
#include "pb-json-reader.h"
#include "pb-remote-error.h"

void
pb_platform_token_free (PbPlatformToken *token)
{
  if (token == NULL)
    return;

  g_free (token->access_token);
  g_free (token);
}

void
pb_platform_account_free (PbPlatformAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->id);
  g_free (account->name);
  g_free (account->agent_post_call_state);
  g_free (account);
}

PbPlatformToken *
pb_platform_json_parse_token (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(JsonNode) root = pb_remote_parse_json (data, length, JSON_NODE_OBJECT, error);
  g_autoptr(PbPlatformToken) token = NULL;
  const char *access_token, *token_type;
  gint64 expires_in;
  GError *local_error = NULL;
  JsonObject *object;

  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  if (!pb_json_read_string (object, NULL, "access_token", PB_JSON_REQUIRED, PB_JSON_ID,
                            &access_token, &local_error) ||
      !pb_json_read_string (object, NULL, "token_type", PB_JSON_OPTIONAL, PB_JSON_STRING,
                            &token_type, &local_error) ||
      !pb_json_read_int (object, NULL, "expires_in", PB_JSON_OPTIONAL, 0, &expires_in, &local_error))
    {
      pb_remote_propagate_malformed (error, local_error);
      return NULL;
    }

  /* RFC 6749 §5.1: the type is case-insensitive; only bearer tokens are
   * what platform-api.md describes. */
  if (token_type != NULL && g_ascii_strcasecmp (token_type, "Bearer") != 0)
    {
      g_autofree char *quoted = pb_remote_quote_server_text (token_type);

      g_set_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED,
                   /* Translators: %s is a token type named by the server */
                   _("token_type: expected “Bearer”, not “%s”"), quoted);
      return NULL;
    }

  token = g_new0 (PbPlatformToken, 1);
  token->access_token = g_strdup (access_token);
  token->expires_in = expires_in;
  return g_steal_pointer (&token);
}

PbPlatformAccount *
pb_platform_json_parse_account (const char  *data,
                                gsize        length,
                                GError     **error)
{
  g_autoptr(JsonNode) root = pb_remote_parse_json (data, length, JSON_NODE_OBJECT, error);
  g_autoptr(PbPlatformAccount) account = NULL;
  const char *id, *name, *post_call_state;
  GError *local_error = NULL;
  JsonObject *object;
  JsonNode *features;

  if (root == NULL)
    return NULL;

  account = g_new0 (PbPlatformAccount, 1);
  object = json_node_get_object (root);
  if (!pb_json_read_string (object, NULL, "id", PB_JSON_REQUIRED, PB_JSON_ID, &id, &local_error) ||
      !pb_json_read_string (object, NULL, "name", PB_JSON_OPTIONAL, PB_JSON_STRING, &name, &local_error) ||
      !pb_json_read_container (object, NULL, "features", PB_JSON_REQUIRED, JSON_NODE_OBJECT,
                               &features, &local_error) ||
      !pb_json_read_boolean (json_node_get_object (features), "features", "omnichannel", PB_JSON_REQUIRED,
                             &account->omnichannel, &local_error) ||
      !pb_json_read_boolean (json_node_get_object (features), "features", "revertToLastStatus",
                             PB_JSON_OPTIONAL, &account->revert_to_last_status, &local_error) ||
      !pb_json_read_string (object, NULL, "agentPostCallState", PB_JSON_OPTIONAL, PB_JSON_ID,
                            &post_call_state, &local_error))
    {
      pb_remote_propagate_malformed (error, local_error);
      return NULL;
    }

  account->id = g_strdup (id);
  account->name = g_strdup (name);
  account->agent_post_call_state = g_strdup (post_call_state);
  return g_steal_pointer (&account);
}

/* The array @key of the answer's root object. */
static JsonArray *
read_list (JsonNode    *root,
           const char  *key,
           GError     **error)
{
  JsonNode *node;

  if (!pb_json_read_container (json_node_get_object (root), NULL, key, PB_JSON_REQUIRED,
                               JSON_NODE_ARRAY, &node, error))
    return NULL;

  return json_node_get_array (node);
}

GPtrArray *
pb_platform_json_parse_agent_states (const char  *data,
                                     gsize        length,
                                     GError     **error)
{
  g_autoptr(JsonNode) root = pb_remote_parse_json (data, length, JSON_NODE_OBJECT, error);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  GError *local_error = NULL;
  JsonArray *array;

  if (root == NULL)
    return NULL;

  array = read_list (root, "agentStates", &local_error);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *entry;
      const char *id, *name, *major;

      if (!pb_json_get_array_object (array, i, "agentStates", &path, &entry, &local_error) ||
          !pb_json_read_string (entry, path, "id", PB_JSON_REQUIRED, PB_JSON_ID, &id, &local_error) ||
          !pb_json_read_string (entry, path, "name", PB_JSON_REQUIRED, PB_JSON_STRING, &name, &local_error) ||
          !pb_json_read_string (entry, path, "major", PB_JSON_OPTIONAL, PB_JSON_ID, &major, &local_error))
        break;

      g_ptr_array_add (states, pb_agent_state_new (id, name, major));
    }

  if (local_error != NULL)
    {
      pb_remote_propagate_malformed (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&states);
}

static gboolean
read_channels (JsonObject    *entry,
               const char    *entry_path,
               GStrvBuilder  *channels,
               GError       **error)
{
  g_autofree char *path = pb_json_join_path (entry_path, "channels");
  JsonNode *node;
  JsonArray *array;

  if (!pb_json_read_container (entry, entry_path, "channels", PB_JSON_OPTIONAL, JSON_NODE_ARRAY, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);
      const char *channel;

      if (!pb_json_check_string_node (json_array_get_element (array, i), PB_JSON_ID, NULL, element_path,
                                 &channel, error))
        return FALSE;
      g_strv_builder_add (channels, channel);
    }

  return TRUE;
}

GPtrArray *
pb_platform_json_parse_presence_statuses (const char  *data,
                                          gsize        length,
                                          GDateTime  **fetched_at,
                                          GError     **error)
{
  g_autoptr(JsonNode) root = pb_remote_parse_json (data, length, JSON_NODE_OBJECT, error);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *time_text = NULL;
  GError *local_error = NULL;
  JsonArray *array;

  *fetched_at = NULL;
  if (root == NULL)
    return NULL;

  if (!pb_json_read_string (json_node_get_object (root), NULL, "fetchedAt", PB_JSON_OPTIONAL, PB_JSON_STRING,
                            &time_text, &local_error))
    {
      pb_remote_propagate_malformed (error, local_error);
      return NULL;
    }

  if (time_text != NULL)
    {
      time = g_date_time_new_from_iso8601 (time_text, utc);
      if (time == NULL)
        {
          g_set_error_literal (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED,
                               _("fetchedAt: expected a date and time such as 2026-11-24T12:00:00Z"));
          return NULL;
        }
    }

  array = read_list (root, "presenceStatuses", &local_error);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) channels = NULL;
      g_autofree char *path = NULL;
      JsonObject *entry;
      const char *id, *api_name, *label;

      if (!pb_json_get_array_object (array, i, "presenceStatuses", &path, &entry, &local_error) ||
          !pb_json_read_string (entry, path, "id", PB_JSON_OPTIONAL, PB_JSON_STRING, &id, &local_error) ||
          !pb_json_read_string (entry, path, "apiName", PB_JSON_REQUIRED, PB_JSON_ID, &api_name, &local_error) ||
          !pb_json_read_string (entry, path, "label", PB_JSON_REQUIRED, PB_JSON_STRING, &label, &local_error) ||
          !read_channels (entry, path, builder, &local_error))
        break;

      channels = g_strv_builder_end (builder);
      g_ptr_array_add (statuses, pb_presence_status_new (api_name, label, id, (const char * const *)channels));
    }

  if (local_error != NULL)
    {
      pb_remote_propagate_malformed (error, local_error);
      return NULL;
    }

  *fetched_at = g_steal_pointer (&time);
  return g_steal_pointer (&statuses);
}

/* presenceToState values are state ids; stateToPresence values API names
 * or null (offline). */
static gboolean
read_mapping (JsonObject       *root,
              const char       *key,
              gboolean          state_to_presence,
              PbConfiguration  *configuration,
              GError          **error)
{
  g_autoptr(GList) members = NULL;
  JsonNode *node;
  JsonObject *mapping;

  if (!pb_json_read_container (root, NULL, key, PB_JSON_REQUIRED, JSON_NODE_OBJECT, &node, error))
    return FALSE;

  mapping = json_node_get_object (node);
  members = json_object_get_members (mapping);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *from = l->data;
      const char *to;

      if (*from == '\0')
        return pb_json_set_path_error (error, key, from, _("expected a non-empty key"));

      if (!pb_json_check_string_node (json_object_get_member (mapping, from),
                                 state_to_presence ? PB_JSON_STRING_OR_NULL : PB_JSON_ID,
                                 key, from, &to, error))
        return FALSE;

      if (state_to_presence)
        pb_configuration_set_state_mapping (configuration, from, to);
      else
        pb_configuration_set_presence_mapping (configuration, from, to);
    }

  return TRUE;
}

PbConfiguration *
pb_platform_json_parse_configuration (const char  *data,
                                      gsize        length,
                                      gint64      *revision,
                                      GError     **error)
{
  g_autoptr(JsonNode) root = pb_remote_parse_json (data, length, JSON_NODE_OBJECT, error);
  g_autoptr(PbConfiguration) configuration = pb_configuration_new ();
  GError *local_error = NULL;
  gboolean revert;
  JsonObject *object;

  *revision = 0;
  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  if (!pb_json_read_int (object, NULL, "revision", PB_JSON_REQUIRED, 0, revision, &local_error) ||
      !read_mapping (object, "presenceToState", FALSE, configuration, &local_error) ||
      !read_mapping (object, "stateToPresence", TRUE, configuration, &local_error) ||
      !pb_json_read_boolean (object, NULL, "revertToLastStatus", PB_JSON_REQUIRED, &revert, &local_error))
    {
      pb_remote_propagate_malformed (error, local_error);
      return NULL;
    }

  pb_configuration_set_revert_to_last_status (configuration, revert);
  return g_steal_pointer (&configuration);
}

/* What row a platform path is about: "stateToPresence.away.break" is the
 * state "away.break" (ids hold dots, so the rest of the path is the id);
 * stateToPresence["odd key"] is read back as well. */
static PbSubject
subject_from_path (const char  *path,
                   char       **subject_id)
{
  static const struct { const char *prefix; PbSubject subject; } prefixes[] = {
    { "stateToPresence", PB_SUBJECT_STATE },
    { "presenceToState", PB_SUBJECT_PRESENCE },
  };

  *subject_id = NULL;
  if (path == NULL)
    return PB_SUBJECT_NONE;

  if (strcmp (path, "revertToLastStatus") == 0 || strcmp (path, "agentPostCallState") == 0)
    {
      *subject_id = g_strdup (path);
      return PB_SUBJECT_SWITCHES;
    }

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize prefix_length = strlen (prefixes[i].prefix);
      const char *rest = path + prefix_length;
      gsize rest_length;

      if (strncmp (path, prefixes[i].prefix, prefix_length) != 0)
        continue;

      rest_length = strlen (rest);
      if (rest[0] == '.' && rest[1] != '\0')
        {
          *subject_id = g_strdup (rest + 1);
          return prefixes[i].subject;
        }

      if (rest_length >= 5 && g_str_has_prefix (rest, "[\"") && g_str_has_suffix (rest, "\"]"))
        {
          g_autofree char *escaped = g_strndup (rest + 2, rest_length - 4);

          *subject_id = g_strcompress (escaped);
          return prefixes[i].subject;
        }
    }

  return PB_SUBJECT_NONE;
}

GPtrArray *
pb_platform_json_parse_errors (const char  *data,
                               gsize        length,
                               GError     **error)
{
  g_autoptr(JsonNode) root = pb_remote_parse_json (data, length, JSON_NODE_OBJECT, error);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  GError *local_error = NULL;
  JsonArray *array;

  if (root == NULL)
    return NULL;

  array = read_list (root, "errors", &local_error);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *entry_path = NULL;
      g_autofree char *subject_id = NULL;
      JsonObject *entry;
      const char *code, *message, *path;
      PbSubject subject;

      if (!pb_json_get_array_object (array, i, "errors", &entry_path, &entry, &local_error) ||
          !pb_json_read_string (entry, entry_path, "code", PB_JSON_REQUIRED, PB_JSON_ID, &code, &local_error) ||
          !pb_json_read_string (entry, entry_path, "message", PB_JSON_OPTIONAL, PB_JSON_STRING,
                                &message, &local_error) ||
          !pb_json_read_string (entry, entry_path, "path", PB_JSON_OPTIONAL, PB_JSON_STRING,
                                &path, &local_error))
        break;

      subject = subject_from_path (path, &subject_id);
      /* A finding always has a path: "" when the platform names no field. */
      g_ptr_array_add (findings, pb_finding_new (code, PB_SEVERITY_ERROR, path != NULL ? path : "",
                                                 message != NULL ? message : "", subject, subject_id));
    }

  if (local_error != NULL)
    {
      pb_remote_propagate_malformed (error, local_error);
      return NULL;
    }

  if (findings->len == 0)
    {
      g_set_error_literal (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_MALFORMED,
                           _("errors: expected at least one error in the list"));
      return NULL;
    }

  return g_steal_pointer (&findings);
}

/**
 * pb_platform_json_build_configuration:
 *
 * Returns: (transfer full): the JSON body, UTF-8
 */
GBytes *
pb_platform_json_build_configuration (PbConfiguration *configuration)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) presences = NULL;
  g_autoptr(GPtrArray) states = NULL;
  gsize length;
  char *text;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);

  presences = pb_configuration_list_presence_mappings (configuration);
  states = pb_configuration_list_state_mappings (configuration);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "presenceToState");
  json_builder_begin_object (builder);
  for (guint i = 0; i < presences->len; i++)
    {
      const char *api_name = g_ptr_array_index (presences, i);

      json_builder_set_member_name (builder, api_name);
      json_builder_add_string_value (builder, pb_configuration_get_presence_mapping (configuration, api_name));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "stateToPresence");
  json_builder_begin_object (builder);
  for (guint i = 0; i < states->len; i++)
    {
      const char *state_id = g_ptr_array_index (states, i);
      const char *api_name = NULL;

      pb_configuration_get_state_mapping (configuration, state_id, &api_name);
      json_builder_set_member_name (builder, state_id);
      if (api_name != NULL)
        json_builder_add_string_value (builder, api_name);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "revertToLastStatus");
  json_builder_add_boolean_value (builder, pb_configuration_get_revert_to_last_status (configuration));

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (text, length);
}
