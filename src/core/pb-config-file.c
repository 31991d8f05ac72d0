/* pb-config-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read by pb-json-reader.c (size, encoding, strict JSON,
 * nesting, duplicate keys, all with line:column) into a PbJsonTree, which is
 * read into a PbConfiguration here, every type error naming its JSON path.
 *
 * See docs/config-format.md for the format and every decision taken here.
 */
#include "pb-util.h"
#include "pb-config-file.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pb-error.h"
#include "pb-json-reader.h"

static const PbJsonFormat config_format = {
  PB_JSON_DOCUMENT_CONFIGURATION,
  PB_CONFIG_FILE_FORMAT,
  PB_CONFIG_FILE_VERSION,
  PB_CONFIG_FILE_MAX_SIZE,
  PB_CONFIG_FILE_MAX_DEPTH,
};

static const char * const known_keys[] = {
  "format",
  "version",
  "exportedAt",
  "account",
  "org",
  "agentStates",
  "presenceStatuses",
  "presenceToState",
  "stateToPresence",
  "revertToLastStatus",
  "agentPostCallState",
};

static gboolean
is_known_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_keys); i++)
    if (strcmp (key, known_keys[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The tree */

static gboolean
read_exported_at (const PbJsonValue  *root,
                  GError            **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;
  const char *text;

  if (!pb_json_value_read_string (root, NULL, "exportedAt", PB_JSON_OPTIONAL, PB_JSON_STRING, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    return pb_json_set_path_error (error, NULL, "exportedAt",
                                   _("expected a date and time such as 2026-11-24T12:00:00Z"));

  return TRUE;
}

static gboolean
read_account_and_org (const PbJsonValue  *root,
                      PbConfiguration    *configuration,
                      GError            **error)
{
  const PbJsonValue *object;
  const char *id, *name;
  gboolean sandbox;

  if (!pb_json_value_read_container (root, NULL, "account", PB_JSON_OPTIONAL, PB_JSON_TYPE_OBJECT, &object, error))
    return FALSE;
  if (object != NULL)
    {
      if (!pb_json_value_read_string (object, "account", "id", PB_JSON_OPTIONAL, PB_JSON_STRING, &id, error) ||
          !pb_json_value_read_string (object, "account", "name", PB_JSON_OPTIONAL, PB_JSON_STRING, &name, error))
        return FALSE;
      pb_configuration_set_account (configuration, id, name);
    }

  if (!pb_json_value_read_container (root, NULL, "org", PB_JSON_OPTIONAL, PB_JSON_TYPE_OBJECT, &object, error))
    return FALSE;
  if (object != NULL)
    {
      if (!pb_json_value_read_string (object, "org", "id", PB_JSON_OPTIONAL, PB_JSON_STRING, &id, error) ||
          !pb_json_value_read_string (object, "org", "name", PB_JSON_OPTIONAL, PB_JSON_STRING, &name, error) ||
          !pb_json_value_read_boolean (object, "org", "sandbox", PB_JSON_OPTIONAL, &sandbox, error))
        return FALSE;
      pb_configuration_set_org (configuration, id, name, sandbox);
    }

  return TRUE;
}

static gboolean
read_agent_states (const PbJsonValue  *root,
                   PbConfiguration    *configuration,
                   GError            **error)
{
  g_autoptr(GPtrArray) states = NULL;
  const PbJsonValue *array;
  const PbJsonValue *entry;
  guint n;

  if (!pb_json_value_read_container (root, NULL, "agentStates", PB_JSON_REQUIRED, PB_JSON_TYPE_ARRAY, &array, error))
    return FALSE;

  n = pb_json_value_get_size (array);
  states = g_ptr_array_new_full (n, g_object_unref);
  entry = pb_json_value_get_first_child (array);
  for (guint i = 0; i < n; i++, entry = pb_json_value_get_next (entry))
    {
      g_autofree char *path = NULL;
      const char *id, *name, *major;

      if (!pb_json_value_check_element_object (entry, i, "agentStates", &path, error) ||
          !pb_json_value_read_string (entry, path, "id", PB_JSON_REQUIRED, PB_JSON_ID, &id, error) ||
          !pb_json_value_read_string (entry, path, "name", PB_JSON_REQUIRED, PB_JSON_STRING, &name, error) ||
          !pb_json_value_read_string (entry, path, "major", PB_JSON_REQUIRED, PB_JSON_STRING_OR_NULL, &major, error))
        return FALSE;

      g_ptr_array_add (states, pb_agent_state_new (id, name, major));
    }

  pb_configuration_set_agent_states (configuration, states);
  return TRUE;
}

/* *@channels is NULL-terminated and holds the tree's strings. */
static gboolean
read_channels (const PbJsonValue   *entry,
               const char          *entry_path,
               const char        ***channels,
               GError             **error)
{
  const PbJsonValue *array;
  const PbJsonValue *element;
  guint n;

  if (!pb_json_value_read_container (entry, entry_path, "channels", PB_JSON_REQUIRED, PB_JSON_TYPE_ARRAY,
                                     &array, error))
    return FALSE;

  n = pb_json_value_get_size (array);
  *channels = g_new (const char *, n + 1);
  element = pb_json_value_get_first_child (array);
  for (guint i = 0; i < n; i++, element = pb_json_value_get_next (element))
    {
      if (pb_json_value_get_value_type (element) != PB_JSON_TYPE_STRING)
        {
          g_autofree char *path = pb_json_join_path (entry_path, "channels");
          g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);

          g_clear_pointer (channels, g_free);
          return pb_json_set_path_error (error, NULL, element_path, _("expected a string"));
        }

      (*channels)[i] = pb_json_value_get_string (element);
    }
  (*channels)[n] = NULL;

  return TRUE;
}

static gboolean
read_presence_statuses (const PbJsonValue  *root,
                        PbConfiguration    *configuration,
                        GError            **error)
{
  g_autoptr(GPtrArray) statuses = NULL;
  const PbJsonValue *array;
  const PbJsonValue *entry;
  guint n;

  if (!pb_json_value_read_container (root, NULL, "presenceStatuses", PB_JSON_REQUIRED, PB_JSON_TYPE_ARRAY,
                                     &array, error))
    return FALSE;

  n = pb_json_value_get_size (array);
  statuses = g_ptr_array_new_full (n, g_object_unref);
  entry = pb_json_value_get_first_child (array);
  for (guint i = 0; i < n; i++, entry = pb_json_value_get_next (entry))
    {
      g_autofree const char **channels = NULL;
      g_autofree char *path = NULL;
      const char *api_name, *label;

      if (!pb_json_value_check_element_object (entry, i, "presenceStatuses", &path, error) ||
          !pb_json_value_read_string (entry, path, "apiName", PB_JSON_REQUIRED, PB_JSON_ID, &api_name, error) ||
          !pb_json_value_read_string (entry, path, "label", PB_JSON_REQUIRED, PB_JSON_STRING, &label, error) ||
          !read_channels (entry, path, &channels, error))
        return FALSE;

      /* Record ids differ between orgs and are not part of the file. */
      g_ptr_array_add (statuses, pb_presence_status_new (api_name, label, NULL, channels));
    }

  pb_configuration_set_presence_statuses (configuration, statuses);
  return TRUE;
}

/* stateToPresence values may be null (offline); presenceToState values not:
 * leaving a presence out is how it gets the default. */
static gboolean
read_mapping (const PbJsonValue  *root,
              const char         *key,
              gboolean            state_to_presence,
              PbConfiguration    *configuration,
              GError            **error)
{
  PbJsonStringKind value_kind = state_to_presence ? PB_JSON_STRING_OR_NULL : PB_JSON_STRING;
  const PbJsonValue *mapping;
  const PbJsonValue *member;
  guint n;

  if (!pb_json_value_read_container (root, NULL, key, PB_JSON_REQUIRED, PB_JSON_TYPE_OBJECT, &mapping, error))
    return FALSE;

  /* In file order, so the first error reported is the first in the file. */
  n = pb_json_value_get_size (mapping);
  member = pb_json_value_get_first_child (mapping);
  for (guint i = 0; i < n; i++, member = pb_json_value_get_next (member))
    {
      const char *from = pb_json_value_get_key (member);
      const char *to;

      if (!pb_json_value_check_string (member, value_kind, key, from, &to, error))
        return FALSE;

      if (state_to_presence)
        pb_configuration_set_state_mapping (configuration, from, to);
      else
        pb_configuration_set_presence_mapping (configuration, from, to);
    }

  return TRUE;
}

static gboolean
read_switches (const PbJsonValue  *root,
               PbConfiguration    *configuration,
               GError            **error)
{
  gboolean revert;
  const char *post_call_state;

  if (!pb_json_value_read_boolean (root, NULL, "revertToLastStatus", PB_JSON_REQUIRED, &revert, error) ||
      !pb_json_value_read_string (root, NULL, "agentPostCallState", PB_JSON_REQUIRED, PB_JSON_STRING,
                                  &post_call_state, error))
    return FALSE;

  pb_configuration_set_revert_to_last_status (configuration, revert);
  pb_configuration_set_agent_post_call_state (configuration, post_call_state);
  return TRUE;
}

static void
read_extra (const PbJsonValue *root,
            PbConfiguration   *configuration)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  const PbJsonValue *member = pb_json_value_get_first_child (root);
  guint n = pb_json_value_get_size (root);

  for (guint i = 0; i < n; i++, member = pb_json_value_get_next (member))
    if (!is_known_key (pb_json_value_get_key (member)))
      json_object_set_member (extra, pb_json_value_get_key (member), pb_json_value_dup_node (member));

  pb_configuration_set_extra (configuration, extra);
}

/* The top level, an object: "top level: expected a JSON object" otherwise. */
static const PbJsonValue *
get_root_object (PbJsonTree  *tree,
                 GError     **error)
{
  const PbJsonValue *root = pb_json_tree_get_root (tree);

  if (pb_json_value_get_value_type (root) != PB_JSON_TYPE_OBJECT)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                           _("top level: expected a JSON object"));
      return NULL;
    }

  return root;
}

static PbConfiguration *
configuration_from_tree (PbJsonTree  *tree,
                         GError     **error)
{
  g_autoptr(PbConfiguration) configuration = NULL;
  const PbJsonValue *root = get_root_object (tree, error);

  if (root == NULL)
    return NULL;

  /* The header first: a newer version may have changed everything else. */
  if (!pb_json_tree_check_header (root, &config_format, error))
    return NULL;

  configuration = pb_configuration_new ();
  if (!read_exported_at (root, error) ||
      !read_account_and_org (root, configuration, error) ||
      !read_agent_states (root, configuration, error) ||
      !read_presence_statuses (root, configuration, error) ||
      !read_mapping (root, "presenceToState", FALSE, configuration, error) ||
      !read_mapping (root, "stateToPresence", TRUE, configuration, error) ||
      !read_switches (root, configuration, error))
    return NULL;

  read_extra (root, configuration);

  return g_steal_pointer (&configuration);
}

/**
 * pb_config_file_load_bytes:
 * @bytes: the file's contents
 *
 * Reads a configuration file. Semantic problems (unknown ids, duplicates,
 * unmapped major states) are left to the checks; only a file that is not a
 * well-formed configuration file fails.
 *
 * Returns: (transfer full): the configuration, or %NULL with @error set
 */
PbConfiguration *
pb_config_file_load_bytes (GBytes  *bytes,
                           GError **error)
{
  g_autoptr(PbJsonTree) tree = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tree = pb_json_tree_parse (bytes, &config_format, error);
  if (tree == NULL)
    return NULL;

  return configuration_from_tree (tree, error);
}

/**
 * pb_config_file_parse_json:
 * @bytes: untrusted JSON text
 *
 * The file's strict, bounded JSON reading alone, for documents of any
 * shape (the sandbox's request bodies and state file).
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
JsonNode *
pb_config_file_parse_json (GBytes  *bytes,
                           GError **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return pb_json_parse (bytes, &config_format, error);
}

PbConfiguration *
pb_config_file_load_path (const char  *path,
                          GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = pb_json_read_file (path, &config_format, error);
  if (bytes == NULL)
    return NULL;

  return pb_config_file_load_bytes (bytes, error);
}

/* Writing */

/* Control characters (C0, DEL, C1) and bidirectional overrides and
 * isolates are written as \uXXXX: the value reads back the same, and a file
 * shown on a terminal (export to stdout, cat) cannot act on it. */
static void
append_string (GString    *out,
               const char *text)
{
  g_autofree char *valid = NULL;

  /* Whatever the model holds, the file must be one we can read back. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case 0xC2:
        case 0xE2:
          {
            gunichar u = g_utf8_get_char (p);

            if (pb_unichar_is_unsafe (u))
              {
                g_string_append_printf (out, "\\u%04x", u);
                p = g_utf8_next_char (p) - 1;
              }
            else
              g_string_append_c (out, c);
          }
          break;
        default:
          if (c < 0x20 || c == 0x7F)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_nullable_string (GString    *out,
                        const char *text)
{
  if (text == NULL)
    g_string_append (out, "null");
  else
    append_string (out, text);
}

static void
append_boolean (GString  *out,
                gboolean  value)
{
  g_string_append (out, value ? "true" : "false");
}

static void
append_indent (GString *out,
               guint    indent)
{
  for (guint i = 0; i < indent; i++)
    g_string_append_c (out, ' ');
}

static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* The pre-scan refuses what would overflow, but extras can be set in code. */
  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  g_ascii_dtostr (buffer, sizeof buffer, value);
  g_string_append (out, buffer);
  /* Keep it a floating-point number when read back. */
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

/* Any JSON value (extra keys), pretty-printed at @indent. */
static void
append_node (GString  *out,
             JsonNode *node,
             guint     indent)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        if (members == NULL)
          {
            g_string_append (out, "{}");
            break;
          }

        g_string_append (out, "{\n");
        for (const GList *l = members; l != NULL; l = l->next)
          {
            append_indent (out, indent + 2);
            append_string (out, l->data);
            g_string_append (out, ": ");
            append_node (out, json_object_get_member (object, l->data), indent + 2);
            g_string_append (out, l->next != NULL ? ",\n" : "\n");
          }
        append_indent (out, indent);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }

        g_string_append (out, "[\n");
        for (guint i = 0; i < n; i++)
          {
            append_indent (out, indent + 2);
            append_node (out, json_array_get_element (array, i), indent + 2);
            g_string_append (out, i + 1 < n ? ",\n" : "\n");
          }
        append_indent (out, indent);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_BOOLEAN:
          append_boolean (out, json_node_get_boolean (node));
          break;
        default:
          g_string_append (out, "null");
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

static void
begin_member (GString    *out,
              gboolean   *first,
              const char *key)
{
  g_string_append (out, *first ? "  " : ",\n  ");
  *first = FALSE;
  append_string (out, key);
  g_string_append (out, ": ");
}

typedef void (*AppendItemFunc) (GString  *out,
                                gpointer  item);

/* A list of objects written one a line, "[]" when empty. */
static void
append_object_list (GString        *out,
                    GListModel     *items,
                    AppendItemFunc  append_item)
{
  guint n = g_list_model_get_n_items (items);

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  g_string_append (out, "[\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      g_string_append (out, "    { ");
      append_item (out, item);
      g_string_append (out, i + 1 < n ? " },\n" : " }\n");
    }
  g_string_append (out, "  ]");
}

static void
append_agent_state (GString  *out,
                    gpointer  item)
{
  PbAgentState *state = item;

  g_string_append (out, "\"id\": ");
  append_string (out, pb_agent_state_get_id (state));
  g_string_append (out, ", \"name\": ");
  append_string (out, pb_agent_state_get_name (state));
  g_string_append (out, ", \"major\": ");
  append_nullable_string (out, pb_agent_state_get_major_id (state));
}

/**
 * pb_config_file_append_channels:
 *
 * A status's service channels as the file writes them, a JSON array; the
 * store keeps them the same way.
 */
void
pb_config_file_append_channels (GString            *out,
                                const char * const *channels)
{
  g_string_append_c (out, '[');
  for (guint c = 0; channels != NULL && channels[c] != NULL; c++)
    {
      if (c > 0)
        g_string_append (out, ", ");
      append_string (out, channels[c]);
    }
  g_string_append_c (out, ']');
}

static void
append_presence_status (GString  *out,
                        gpointer  item)
{
  PbPresenceStatus *status = item;

  g_string_append (out, "\"apiName\": ");
  append_string (out, pb_presence_status_get_api_name (status));
  g_string_append (out, ", \"label\": ");
  append_string (out, pb_presence_status_get_label (status));
  g_string_append (out, ", \"channels\": ");
  pb_config_file_append_channels (out, pb_presence_status_get_channels (status));
}

/* @as_file: Logged out is written as what it always is, offline
 * (docs/decisions.md); the store keeps the entries exactly as they are. */
static void
append_mapping_entries (GString         *out,
                        PbConfiguration *configuration,
                        GPtrArray       *keys,
                        gboolean         state_to_presence,
                        gboolean         as_file)
{
  if (keys->len == 0)
    {
      g_string_append (out, "{}");
      return;
    }

  g_string_append (out, "{\n");
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      g_string_append (out, "    ");
      append_string (out, key);
      g_string_append (out, ": ");

      if (!state_to_presence)
        {
          append_string (out, pb_configuration_get_presence_mapping (configuration, key));
        }
      else if (as_file && strcmp (key, PB_STATE_ID_LOGGED_OUT) == 0)
        {
          g_string_append (out, "null");
        }
      else
        {
          const char *presence = NULL;

          pb_configuration_get_state_mapping (configuration, key, &presence);
          append_nullable_string (out, presence);
        }

      g_string_append (out, i + 1 < keys->len ? ",\n" : "\n");
    }
  g_string_append (out, "  }");
}

static void
append_state_to_presence (GString         *out,
                          PbConfiguration *configuration,
                          gboolean         as_file)
{
  g_autoptr(GPtrArray) keys = pb_configuration_list_state_mappings (configuration);

  if (as_file &&
      pb_configuration_lookup_state (configuration, PB_STATE_ID_LOGGED_OUT) != NULL &&
      !pb_configuration_get_state_mapping (configuration, PB_STATE_ID_LOGGED_OUT, NULL))
    {
      g_ptr_array_add (keys, (gpointer)PB_STATE_ID_LOGGED_OUT);
      g_ptr_array_sort (keys, pb_compare_strings);
    }

  append_mapping_entries (out, configuration, keys, TRUE, as_file);
}

/* What the administrator edits, and the unknown keys: every member after
 * the lists, shared by the file and the store's copy of the mapping. */
static void
append_mapping_members (GString         *out,
                        gboolean        *first,
                        PbConfiguration *configuration,
                        gboolean         as_file)
{
  g_autoptr(GPtrArray) presence_keys = pb_configuration_list_presence_mappings (configuration);
  g_autoptr(GList) extra_keys = NULL;
  JsonObject *extra;

  begin_member (out, first, "presenceToState");
  append_mapping_entries (out, configuration, presence_keys, FALSE, as_file);
  begin_member (out, first, "stateToPresence");
  append_state_to_presence (out, configuration, as_file);

  begin_member (out, first, "revertToLastStatus");
  append_boolean (out, pb_configuration_get_revert_to_last_status (configuration));
  begin_member (out, first, "agentPostCallState");
  append_string (out, pb_configuration_get_agent_post_call_state (configuration));

  extra = pb_configuration_get_extra (configuration);
  extra_keys = extra != NULL ? json_object_get_members (extra) : NULL;
  extra_keys = g_list_sort (extra_keys, (GCompareFunc)strcmp);
  for (const GList *l = extra_keys; l != NULL; l = l->next)
    {
      /* A known key set as extra in code would write a duplicate. */
      if (is_known_key (l->data))
        continue;

      begin_member (out, first, l->data);
      append_node (out, json_object_get_member (extra, l->data), 2);
    }
}

/**
 * pb_config_file_to_data:
 * @exported_at: (nullable): the export time; %NULL for now
 * @length: (out) (optional): the length of the text
 *
 * The same configuration and time always give the same bytes: keys in the
 * format's order, mapping keys and extra keys sorted.
 *
 * Returns: (transfer full): the file's text, UTF-8, ending in a newline
 */
char *
pb_config_file_to_data (PbConfiguration *configuration,
                        GDateTime       *exported_at,
                        gsize           *length)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *stamp = NULL;
  GString *out;
  gboolean first = TRUE;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);

  utc = exported_at != NULL ? g_date_time_to_utc (exported_at) : g_date_time_new_now_utc ();
  stamp = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

  out = g_string_new ("{\n");

  begin_member (out, &first, "format");
  append_string (out, PB_CONFIG_FILE_FORMAT);
  begin_member (out, &first, "version");
  g_string_append_printf (out, "%d", PB_CONFIG_FILE_VERSION);
  begin_member (out, &first, "exportedAt");
  append_string (out, stamp);

  /* Unknown account or org: the key is left out (see docs/config-format.md). */
  if (pb_configuration_get_account_id (configuration) != NULL ||
      pb_configuration_get_account_name (configuration) != NULL)
    {
      begin_member (out, &first, "account");
      g_string_append (out, "{ \"id\": ");
      append_nullable_string (out, pb_configuration_get_account_id (configuration));
      g_string_append (out, ", \"name\": ");
      append_nullable_string (out, pb_configuration_get_account_name (configuration));
      g_string_append (out, " }");
    }

  if (pb_configuration_get_org_id (configuration) != NULL ||
      pb_configuration_get_org_name (configuration) != NULL ||
      pb_configuration_get_org_sandbox (configuration))
    {
      begin_member (out, &first, "org");
      g_string_append (out, "{ \"id\": ");
      append_nullable_string (out, pb_configuration_get_org_id (configuration));
      g_string_append (out, ", \"name\": ");
      append_nullable_string (out, pb_configuration_get_org_name (configuration));
      g_string_append (out, ", \"sandbox\": ");
      append_boolean (out, pb_configuration_get_org_sandbox (configuration));
      g_string_append (out, " }");
    }

  begin_member (out, &first, "agentStates");
  append_object_list (out, pb_configuration_get_agent_states (configuration), append_agent_state);
  begin_member (out, &first, "presenceStatuses");
  append_object_list (out, pb_configuration_get_presence_statuses (configuration), append_presence_status);

  append_mapping_members (out, &first, configuration, TRUE);

  g_string_append (out, "\n}\n");

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/* Where @path leads once its symbolic links are followed (a link to a
 * missing file leads to where that file would be). *@through_proc says
 * whether a link on the way lives in /proc, as /dev/stdout's
 * /proc/self/fd/1 does: such a link names an open file, not a place. */
static char *
follow_links (const char  *path,
              gboolean    *through_proc,
              GError     **error)
{
  g_autofree char *current = g_strdup (path);

  *through_proc = g_str_has_prefix (path, "/proc/");

  /* The kernel's own limit on links in a path. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *target = NULL;
      GStatBuf info;

      if (g_lstat (current, &info) != 0 || !S_ISLNK (info.st_mode))
        return g_steal_pointer (&current);

      target = g_file_read_link (current, error);
      if (target == NULL)
        return NULL;

      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, target, NULL);
        }
      else
        {
          g_free (current);
          current = g_steal_pointer (&target);
        }
      *through_proc = *through_proc || g_str_has_prefix (current, "/proc/");
    }

  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_LOOP, g_strerror (ELOOP));
  return NULL;
}

/* A FIFO, a device or an open file: written to as it is, never replaced.
 * Appending is what writing to an open file descriptor does: -o /dev/stdout
 * of "> file" fills the emptied file, of ">> file" adds to it. */
static gboolean
write_in_place (const char  *path,
                const char  *data,
                gsize        length,
                GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC, 0);
  int saved_errno;

  if (fd < 0)
    goto failed;

  while (length > 0)
    {
      gssize n_written = write (fd, data, length);

      if (n_written < 0 && errno == EINTR)
        continue;
      if (n_written < 0)
        {
          saved_errno = errno;
          g_close (fd, NULL);
          errno = saved_errno;
          goto failed;
        }
      data += n_written;
      length -= n_written;
    }

  /* Some errors (a full disk behind NFS) only show when closing. */
  if (close (fd) != 0)
    goto failed;

  return TRUE;

failed:
  saved_errno = errno;
  g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), g_strerror (saved_errno));
  return FALSE;
}

/**
 * pb_config_file_save_path:
 *
 * A regular file (or nothing) at @path is replaced atomically: the text is
 * written beside it and renamed over it, so a crash or a full disk leaves
 * the old file or the new one, never half of one, and the old file's
 * permissions are kept. A symbolic link is followed (the file it points
 * to is replaced, the link stays); anything else (a FIFO, a device,
 * /dev/stdout) is written to as it is, never replaced.
 */
gboolean
pb_config_file_save_path (PbConfiguration  *configuration,
                          const char       *path,
                          GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *target = NULL;
  gboolean through_proc = FALSE;
  gboolean written = FALSE;
  GStatBuf info;
  gsize length;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = pb_config_file_to_data (configuration, NULL, &length);

  target = follow_links (path, &through_proc, &local_error);
  if (target != NULL)
    {
      if (through_proc)
        written = write_in_place (path, data, length, &local_error);
      else if (g_stat (target, &info) != 0)
        written = g_file_set_contents_full (target, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                            0666, &local_error);
      else if (S_ISREG (info.st_mode) && !through_proc)
        written = g_file_set_contents_full (target, data, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                            info.st_mode & 07777, &local_error);
      else
        written = write_in_place (path, data, length, &local_error);
    }

  if (!written)
    {
      g_set_error (error, PB_ERROR, PB_ERROR_FAILED,
                   /* Translators: the first %s is a file path, the second the reason */
                   _("%s: could not write the file: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * pb_config_file_mapping_to_data:
 * @length: (out) (optional): the length of the text
 *
 * The mapping alone, in the file's own words: `presenceToState`,
 * `stateToPresence`, the two switches and the unknown top-level keys, with
 * no header and no lists. The store keeps drafts and revisions this way, so
 * there is one writer and one reader of a mapping in the project.
 *
 * Returns: (transfer full): a JSON object, UTF-8
 */
char *
pb_config_file_mapping_to_data (PbConfiguration *configuration,
                                gsize           *length)
{
  GString *out;
  gboolean first = TRUE;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), NULL);

  out = g_string_new ("{\n");
  append_mapping_members (out, &first, configuration, FALSE);
  g_string_append (out, "\n}");

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

/**
 * pb_config_file_load_mapping:
 * @configuration: where the mapping goes (its lists are left alone)
 *
 * Reads what pb_config_file_mapping_to_data() wrote, with the same checks
 * as a file. Errors are PB_ERROR_INVALID_FILE.
 */
gboolean
pb_config_file_load_mapping (PbConfiguration  *configuration,
                             const char       *data,
                             gsize             length,
                             GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PbJsonTree) tree = NULL;
  const PbJsonValue *root;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = g_bytes_new_static (data, length);
  tree = pb_json_tree_parse (bytes, &config_format, error);
  if (tree == NULL || (root = get_root_object (tree, error)) == NULL)
    return FALSE;

  if (!read_mapping (root, "presenceToState", FALSE, configuration, error) ||
      !read_mapping (root, "stateToPresence", TRUE, configuration, error) ||
      !read_switches (root, configuration, error))
    return FALSE;

  read_extra (root, configuration);
  return TRUE;
}
