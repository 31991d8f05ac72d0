/* pb-config-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading happens in three passes over an untrusted file:
 *
 *  1. the bytes: size, encoding (UTF-8, no NUL), with advice for files
 *     saved in another encoding;
 *  2. pb_json_parse(): strict RFC 8259 JSON, bounded nesting, no duplicate
 *     keys, every error with a line:column (see pb-json.c);
 *  3. the tree is read into a PbConfiguration, every type error naming its
 *     JSON path.
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
#include "pb-json.h"

#define READ_CHUNK_SIZE (64 * 1024)

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

/* File-level errors */

static gboolean
set_too_large_error (GError **error,
                     guint64  size)
{
  g_autofree char *size_text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limit_text = g_format_size_full (PB_CONFIG_FILE_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE,
               /* Translators: the first %s is the file's size, the second the limit, e.g. "16.0 MiB" */
               _("the file is too large (%s; a configuration file is at most %s)"),
               size_text, limit_text);
  return FALSE;
}

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
      return FALSE;

  return TRUE;
}

/* Pass 1: the bytes. On success *@text and *@length skip a UTF-8 BOM. */
static gboolean
check_encoding (const char **text,
                gsize       *length,
                GError     **error)
{
  const char *end = NULL;
  gsize bom_length = 0;

  if (*length >= 2 &&
      (((guchar)(*text)[0] == 0xFF && (guchar)(*text)[1] == 0xFE) ||
       ((guchar)(*text)[0] == 0xFE && (guchar)(*text)[1] == 0xFF)))
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                           _("the file is encoded in UTF-16; save it as UTF-8"));
      return FALSE;
    }

  /* Windows editors add a BOM; it carries no meaning in UTF-8. */
  if (*length >= 3 && memcmp (*text, "\xEF\xBB\xBF", 3) == 0)
    bom_length = 3;
  *text += bom_length;
  *length -= bom_length;

  if (!g_utf8_validate_len (*text, *length, &end))
    {
      gsize offset = end - *text;

      if (*end == '\0')
        return pb_json_set_error_at (error, *text, offset,
                                     /* Translators: %lu is a byte offset in the file */
                                     _("a NUL byte (at byte %lu): this is not a text file"),
                                     (gulong)(offset + bom_length));

      return pb_json_set_error_at (error, *text, offset,
                                   /* Translators: %lu is a byte offset in the file */
                                   _("not valid UTF-8 text (at byte %lu); save the file as UTF-8"),
                                   (gulong)(offset + bom_length));
    }

  return TRUE;
}

static gboolean
check_header (JsonObject  *root,
              GError     **error)
{
  JsonNode *node = json_object_get_member (root, "format");
  gint64 version;

  if (node == NULL || !pb_json_node_holds (node, G_TYPE_STRING) ||
      g_strcmp0 (json_node_get_string (node), PB_CONFIG_FILE_FORMAT) != 0)
    {
      g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                   /* Translators: %s is the format name, presence-bridge-config */
                   _("format: expected “%s”: this is not a Presence Bridge configuration file"),
                   PB_CONFIG_FILE_FORMAT);
      return FALSE;
    }

  node = json_object_get_member (root, "version");
  if (node == NULL)
    return pb_json_set_path_error (error, NULL, "version", _("missing"));
  if (!pb_json_node_holds (node, G_TYPE_INT64))
    return pb_json_set_path_error (error, NULL, "version", _("expected a whole number"));

  version = json_node_get_int (node);
  if (version < 1)
    return pb_json_set_path_error (error, NULL, "version", _("expected a whole number of 1 or more"));

  if (version > PB_CONFIG_FILE_VERSION)
    {
      g_autofree char *version_text = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      g_set_error (error, PB_ERROR, PB_ERROR_UNSUPPORTED_VERSION,
                   /* Translators: the first %s is the file's format version,
                    * %d the newest version this application reads */
                   _("version: the file was written by a newer version of Presence Bridge "
                     "(format version %s; this version reads up to %d); update Presence Bridge to read it"),
                   version_text, PB_CONFIG_FILE_VERSION);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_exported_at (JsonObject  *root,
                  GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;
  const char *text;

  if (!pb_json_read_string (root, NULL, "exportedAt", PB_JSON_OPTIONAL, PB_JSON_STRING, &text, error))
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
read_account_and_org (JsonObject       *root,
                      PbConfiguration  *configuration,
                      GError          **error)
{
  JsonNode *node;
  const char *id, *name;
  gboolean sandbox;

  if (!pb_json_read_container (root, NULL, "account", PB_JSON_OPTIONAL, JSON_NODE_OBJECT, &node, error))
    return FALSE;
  if (node != NULL)
    {
      JsonObject *account = json_node_get_object (node);

      if (!pb_json_read_string (account, "account", "id", PB_JSON_OPTIONAL, PB_JSON_STRING, &id, error) ||
          !pb_json_read_string (account, "account", "name", PB_JSON_OPTIONAL, PB_JSON_STRING, &name, error))
        return FALSE;
      pb_configuration_set_account (configuration, id, name);
    }

  if (!pb_json_read_container (root, NULL, "org", PB_JSON_OPTIONAL, JSON_NODE_OBJECT, &node, error))
    return FALSE;
  if (node != NULL)
    {
      JsonObject *org = json_node_get_object (node);

      if (!pb_json_read_string (org, "org", "id", PB_JSON_OPTIONAL, PB_JSON_STRING, &id, error) ||
          !pb_json_read_string (org, "org", "name", PB_JSON_OPTIONAL, PB_JSON_STRING, &name, error) ||
          !pb_json_read_boolean (org, "org", "sandbox", PB_JSON_OPTIONAL, &sandbox, error))
        return FALSE;
      pb_configuration_set_org (configuration, id, name, sandbox);
    }

  return TRUE;
}

static gboolean
read_agent_states (JsonObject       *root,
                   PbConfiguration  *configuration,
                   GError          **error)
{
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *node;
  JsonArray *array;

  if (!pb_json_read_container (root, NULL, "agentStates", PB_JSON_REQUIRED, JSON_NODE_ARRAY, &node, error))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *entry;
      const char *id, *name, *major;

      if (!pb_json_get_array_object (array, i, "agentStates", &path, &entry, error) ||
          !pb_json_read_string (entry, path, "id", PB_JSON_REQUIRED, PB_JSON_ID, &id, error) ||
          !pb_json_read_string (entry, path, "name", PB_JSON_REQUIRED, PB_JSON_STRING, &name, error) ||
          !pb_json_read_string (entry, path, "major", PB_JSON_REQUIRED, PB_JSON_STRING_OR_NULL, &major, error))
        return FALSE;

      g_ptr_array_add (states, pb_agent_state_new (id, name, major));
    }

  pb_configuration_set_agent_states (configuration, states);
  return TRUE;
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

  if (!pb_json_read_container (entry, entry_path, "channels", PB_JSON_REQUIRED, JSON_NODE_ARRAY, &node, error))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!pb_json_node_holds (element, G_TYPE_STRING))
        {
          g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);

          return pb_json_set_path_error (error, NULL, element_path, _("expected a string"));
        }

      g_strv_builder_add (channels, json_node_get_string (element));
    }

  return TRUE;
}

static gboolean
read_presence_statuses (JsonObject       *root,
                        PbConfiguration  *configuration,
                        GError          **error)
{
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *node;
  JsonArray *array;

  if (!pb_json_read_container (root, NULL, "presenceStatuses", PB_JSON_REQUIRED, JSON_NODE_ARRAY, &node, error))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) channels = NULL;
      g_autofree char *path = NULL;
      JsonObject *entry;
      const char *api_name, *label;

      if (!pb_json_get_array_object (array, i, "presenceStatuses", &path, &entry, error) ||
          !pb_json_read_string (entry, path, "apiName", PB_JSON_REQUIRED, PB_JSON_ID, &api_name, error) ||
          !pb_json_read_string (entry, path, "label", PB_JSON_REQUIRED, PB_JSON_STRING, &label, error) ||
          !read_channels (entry, path, builder, error))
        return FALSE;

      channels = g_strv_builder_end (builder);
      /* Record ids differ between orgs and are not part of the file. */
      g_ptr_array_add (statuses, pb_presence_status_new (api_name, label, NULL,
                                                         (const char * const *)channels));
    }

  pb_configuration_set_presence_statuses (configuration, statuses);
  return TRUE;
}

/* stateToPresence values may be null (offline); presenceToState values not:
 * leaving a presence out is how it gets the default. */
static gboolean
read_mapping (JsonObject       *root,
              const char       *key,
              gboolean          state_to_presence,
              PbConfiguration  *configuration,
              GError          **error)
{
  PbJsonStringKind value_kind = state_to_presence ? PB_JSON_STRING_OR_NULL : PB_JSON_STRING;
  g_autoptr(GList) members = NULL;
  JsonNode *node;
  JsonObject *mapping;

  if (!pb_json_read_container (root, NULL, key, PB_JSON_REQUIRED, JSON_NODE_OBJECT, &node, error))
    return FALSE;

  /* In file order, so the first error reported is the first in the file. */
  mapping = json_node_get_object (node);
  members = json_object_get_members (mapping);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *from = l->data;
      const char *to;

      if (!pb_json_check_string (json_object_get_member (mapping, from), value_kind, key, from, &to, error))
        return FALSE;

      if (state_to_presence)
        pb_configuration_set_state_mapping (configuration, from, to);
      else
        pb_configuration_set_presence_mapping (configuration, from, to);
    }

  return TRUE;
}

static gboolean
read_switches (JsonObject       *root,
               PbConfiguration  *configuration,
               GError          **error)
{
  gboolean revert;
  const char *post_call_state;

  if (!pb_json_read_boolean (root, NULL, "revertToLastStatus", PB_JSON_REQUIRED, &revert, error) ||
      !pb_json_read_string (root, NULL, "agentPostCallState", PB_JSON_REQUIRED, PB_JSON_STRING,
                            &post_call_state, error))
    return FALSE;

  pb_configuration_set_revert_to_last_status (configuration, revert);
  pb_configuration_set_agent_post_call_state (configuration, post_call_state);
  return TRUE;
}

static void
read_extra (JsonObject      *root,
            PbConfiguration *configuration)
{
  g_autoptr(GList) members = json_object_get_members (root);
  g_autoptr(JsonObject) extra = json_object_new ();

  for (const GList *l = members; l != NULL; l = l->next)
    if (!is_known_key (l->data))
      json_object_set_member (extra, l->data, json_node_copy (json_object_get_member (root, l->data)));

  pb_configuration_set_extra (configuration, extra);
}

static PbConfiguration *
configuration_from_root (JsonNode  *root_node,
                         GError   **error)
{
  g_autoptr(PbConfiguration) configuration = NULL;
  JsonObject *root;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                           _("top level: expected a JSON object"));
      return NULL;
    }
  root = json_node_get_object (root_node);

  /* The header first: a newer version may have changed everything else. */
  if (!check_header (root, error))
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
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = pb_config_file_parse_json (bytes, error);
  if (root == NULL)
    return NULL;

  return configuration_from_root (root, error);
}

/**
 * pb_config_file_parse_json:
 * @bytes: untrusted JSON text
 *
 * Passes 1 and 2 alone: strict, bounded JSON of any shape.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
JsonNode *
pb_config_file_parse_json (GBytes  *bytes,
                           GError **error)
{
  const char *text;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_bytes_get_data (bytes, &length);
  if (text == NULL)
    text = "";

  if (length > PB_CONFIG_FILE_MAX_SIZE)
    {
      set_too_large_error (error, length);
      return NULL;
    }

  if (!check_encoding (&text, &length, error))
    return NULL;

  if (is_blank (text, length))
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_FILE, _("the file is empty"));
      return NULL;
    }

  return pb_json_parse (text, length, PB_CONFIG_FILE_MAX_DEPTH, error);
}

static gboolean
set_read_error (GError **error,
                int      saved_errno)
{
  g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE,
               _("could not read the file: %s"), g_strerror (saved_errno));
  return FALSE;
}

/* Reads at most PB_CONFIG_FILE_MAX_SIZE bytes: the size is checked before
 * reading (a huge file is never loaded) and again while reading (a pipe or a
 * file growing meanwhile). */
static GBytes *
read_file_bounded (const char  *path,
                   GError     **error)
{
  g_autoptr(GByteArray) contents = NULL;
  struct stat info;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_read_error (error, errno);
      return NULL;
    }

  if (fstat (fd, &info) != 0)
    {
      set_read_error (error, errno);
      g_close (fd, NULL);
      return NULL;
    }

  if (S_ISDIR (info.st_mode))
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                           _("this is a folder, not a configuration file"));
      g_close (fd, NULL);
      return NULL;
    }

  if (S_ISREG (info.st_mode) && info.st_size > PB_CONFIG_FILE_MAX_SIZE)
    {
      set_too_large_error (error, info.st_size);
      g_close (fd, NULL);
      return NULL;
    }

  contents = g_byte_array_sized_new (S_ISREG (info.st_mode) ? info.st_size : READ_CHUNK_SIZE);
  for (;;)
    {
      guint old_length = contents->len;
      gssize n_read;

      if (contents->len > PB_CONFIG_FILE_MAX_SIZE)
        {
          set_too_large_error (error, contents->len);
          g_close (fd, NULL);
          return NULL;
        }

      g_byte_array_set_size (contents, old_length + READ_CHUNK_SIZE);
      n_read = read (fd, contents->data + old_length, READ_CHUNK_SIZE);
      if (n_read < 0 && errno == EINTR)
        {
          g_byte_array_set_size (contents, old_length);
          continue;
        }
      if (n_read < 0)
        {
          set_read_error (error, errno);
          g_close (fd, NULL);
          return NULL;
        }

      g_byte_array_set_size (contents, old_length + n_read);
      if (n_read == 0)
        break;
    }

  g_close (fd, NULL);
  return g_byte_array_free_to_bytes (g_steal_pointer (&contents));
}

PbConfiguration *
pb_config_file_load_path (const char  *path,
                          GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = read_file_bounded (path, error);
  if (bytes == NULL)
    return NULL;

  return pb_config_file_load_bytes (bytes, error);
}

/* Writing */

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
        default:
          if (c < 0x20)
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

static void
append_presence_status (GString  *out,
                        gpointer  item)
{
  PbPresenceStatus *status = item;
  const char * const *channels = pb_presence_status_get_channels (status);

  g_string_append (out, "\"apiName\": ");
  append_string (out, pb_presence_status_get_api_name (status));
  g_string_append (out, ", \"label\": ");
  append_string (out, pb_presence_status_get_label (status));
  g_string_append (out, ", \"channels\": [");
  for (guint c = 0; channels != NULL && channels[c] != NULL; c++)
    {
      if (c > 0)
        g_string_append (out, ", ");
      append_string (out, channels[c]);
    }
  g_string_append (out, "]");
}

static void
append_mapping_entries (GString         *out,
                        PbConfiguration *configuration,
                        GPtrArray       *keys,
                        gboolean         state_to_presence)
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
      else if (strcmp (key, PB_STATE_ID_LOGGED_OUT) == 0)
        {
          /* Logged out is always offline (docs/decisions.md). */
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
                          PbConfiguration *configuration)
{
  g_autoptr(GPtrArray) keys = pb_configuration_list_state_mappings (configuration);

  if (pb_configuration_lookup_state (configuration, PB_STATE_ID_LOGGED_OUT) != NULL &&
      !pb_configuration_get_state_mapping (configuration, PB_STATE_ID_LOGGED_OUT, NULL))
    {
      g_ptr_array_add (keys, (gpointer)PB_STATE_ID_LOGGED_OUT);
      g_ptr_array_sort (keys, pb_compare_strings);
    }

  append_mapping_entries (out, configuration, keys, TRUE);
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
  g_autoptr(GPtrArray) presence_keys = NULL;
  g_autoptr(GList) extra_keys = NULL;
  g_autofree char *stamp = NULL;
  JsonObject *extra;
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

  begin_member (out, &first, "presenceToState");
  presence_keys = pb_configuration_list_presence_mappings (configuration);
  append_mapping_entries (out, configuration, presence_keys, FALSE);
  begin_member (out, &first, "stateToPresence");
  append_state_to_presence (out, configuration);

  begin_member (out, &first, "revertToLastStatus");
  append_boolean (out, pb_configuration_get_revert_to_last_status (configuration));
  begin_member (out, &first, "agentPostCallState");
  append_string (out, pb_configuration_get_agent_post_call_state (configuration));

  extra = pb_configuration_get_extra (configuration);
  extra_keys = extra != NULL ? json_object_get_members (extra) : NULL;
  extra_keys = g_list_sort (extra_keys, (GCompareFunc)strcmp);
  for (const GList *l = extra_keys; l != NULL; l = l->next)
    {
      /* A known key set as extra in code would write a duplicate. */
      if (is_known_key (l->data))
        continue;

      begin_member (out, &first, l->data);
      append_node (out, json_object_get_member (extra, l->data), 2);
    }

  g_string_append (out, "\n}\n");

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}

gboolean
pb_config_file_save_path (PbConfiguration  *configuration,
                          const char       *path,
                          GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (PB_IS_CONFIGURATION (configuration), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = pb_config_file_to_data (configuration, NULL, &length);

  /* CONSISTENT: a crash leaves the old file or the new one, never half. */
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error))
    {
      g_set_error (error, PB_ERROR, PB_ERROR_FAILED,
                   /* Translators: the first %s is a file path, the second the reason */
                   _("%s: could not write the file: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}
