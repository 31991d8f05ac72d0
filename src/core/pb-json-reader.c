/* pb-json-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading happens in three passes over an untrusted file:
 *
 *  1. the bytes: size, encoding (UTF-8, no NUL);
 *  2. a lexical pre-scan of our own: json-glib 1.6 has no nesting limit (it
 *     recurses, so a file of "[[[[…" overflows the stack) and it accepts far
 *     more than JSON (comments, single quotes, octal escapes that produce
 *     invalid UTF-8, unpaired surrogates, integers that silently wrap, a
 *     second document after the first). The pre-scan refuses all of that
 *     with a line:column, so json-glib only ever sees strict, shallow JSON;
 *  3. json-glib builds the tree (its errors carry line:column too), and the
 *     caller reads the tree with the member readers below, every type error
 *     naming its JSON path.
 *
 * The configuration file (pb-config-file.c) and the day script
 * (pb-day-script.c) are both read this way.
 */
#include "pb-json-reader.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pb-error.h"

#define READ_CHUNK_SIZE (64 * 1024)

/* Positions and file-level errors */

/* Line and column, both counted from 1, of @offset in valid UTF-8 @text; the
 * column counts characters, as text editors show it. */
static void
position_at (const char *text,
             gsize       offset,
             guint      *line,
             guint      *column)
{
  *line = 1;
  *column = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (text[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if ((text[i] & 0xC0) != 0x80)
        {
          (*column)++;
        }
    }
}

static gboolean G_GNUC_PRINTF (4, 5)
set_error_at (GError     **error,
              const char  *text,
              gsize        offset,
              const char  *format,
              ...)
{
  g_autofree char *problem = NULL;
  va_list args;
  guint line, column;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);

  position_at (text, offset, &line, &column);
  /* Translators: a position in the file (line:column), then what is wrong
   * there, for example "line 3:14: unexpected character “'”". */
  g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE, _("line %u:%u: %s"), line, column, problem);

  return FALSE;
}

static gboolean
set_too_large_error (GError             **error,
                     const PbJsonFormat  *format,
                     guint64              size)
{
  g_autofree char *size_text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limit_text = g_format_size_full (format->max_size, G_FORMAT_SIZE_IEC_UNITS);

  switch (format->document)
    {
    case PB_JSON_DOCUMENT_DAY_SCRIPT:
      g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                   /* Translators: the first %s is the file's size, the second the limit, e.g. "4.0 MiB" */
                   _("the file is too large (%s; a day script is at most %s)"),
                   size_text, limit_text);
      break;

    case PB_JSON_DOCUMENT_ANSWER:
      g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                   /* Translators: the first %s is the answer's size, the second the limit, e.g. "64.0 MiB" */
                   _("the answer is too large (%s; at most %s is read)"),
                   size_text, limit_text);
      break;

    case PB_JSON_DOCUMENT_CONFIGURATION:
    default:
      g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                   /* Translators: the first %s is the file's size, the second the limit, e.g. "16.0 MiB" */
                   _("the file is too large (%s; a configuration file is at most %s)"),
                   size_text, limit_text);
    }

  return FALSE;
}

char *
pb_json_escape (const char *text)
{
  char non_ascii[129];

  /* g_strescape() would escape UTF-8 as octal; keep it readable. */
  for (guint i = 0; i < 128; i++)
    non_ascii[i] = (char)(0x80 + i);
  non_ascii[128] = '\0';

  return g_strescape (text, non_ascii);
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
        return set_error_at (error, *text, offset,
                             /* Translators: %lu is a byte offset in the file */
                             _("a NUL byte (at byte %lu): this is not a text file"),
                             (gulong)(offset + bom_length));

      return set_error_at (error, *text, offset,
                           /* Translators: %lu is a byte offset in the file */
                           _("not valid UTF-8 text (at byte %lu); save the file as UTF-8"),
                           (gulong)(offset + bom_length));
    }

  return TRUE;
}

/* Pass 2: the lexical pre-scan (strict RFC 8259 tokens, depth limit) */

static gboolean
read_code_unit (const char *text,
                gsize       length,
                gsize       offset,
                gunichar   *unit)
{
  *unit = 0;

  if (length - offset < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (text[offset + i]))
        return FALSE;
      *unit = (*unit << 4) | g_ascii_xdigit_value (text[offset + i]);
    }

  return TRUE;
}

/* @offset is at the opening quote; leaves it after the closing one. */
static gboolean
scan_string (const char  *text,
             gsize        length,
             gsize       *offset,
             GError     **error)
{
  gsize start = *offset;
  gsize i = start + 1;

  while (i < length)
    {
      guchar c = text[i];

      if (c == '"')
        {
          *offset = i + 1;
          return TRUE;
        }

      if (c == '\n' || c == '\r')
        return set_error_at (error, text, start, _("string not closed before the end of the line"));

      if (c < 0x20)
        return set_error_at (error, text, i,
                             _("control character U+%04X in a string (write it as an escape such as \\t)"),
                             (guint)c);

      if (c != '\\')
        {
          i++;
          continue;
        }

      if (i + 1 >= length)
        break;

      switch (text[i + 1])
        {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          i += 2;
          break;

        case 'u':
          {
            gunichar unit, low;

            if (!read_code_unit (text, length, i + 2, &unit))
              return set_error_at (error, text, i, _("“\\u” must be followed by four hexadecimal digits"));

            /* json-glib would truncate the string at a NUL; a label or
             * an id never contains one. */
            if (unit == 0)
              return set_error_at (error, text, i, _("a string contains a NUL character (\\u0000)"));

            if (unit >= 0xDC00 && unit <= 0xDFFF)
              return set_error_at (error, text, i, _("unpaired UTF-16 surrogate \\u%04X in a string"), unit);

            if (unit >= 0xD800 && unit <= 0xDBFF)
              {
                if (i + 7 >= length || text[i + 6] != '\\' || text[i + 7] != 'u' ||
                    !read_code_unit (text, length, i + 8, &low) ||
                    low < 0xDC00 || low > 0xDFFF)
                  return set_error_at (error, text, i, _("unpaired UTF-16 surrogate \\u%04X in a string"), unit);
                i += 12;
              }
            else
              {
                i += 6;
              }
          }
          break;

        default:
          return set_error_at (error, text, i,
                               _("invalid escape sequence in a string (valid are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"));
        }
    }

  return set_error_at (error, text, start, _("string not closed before the end of the file"));
}

static gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

static gboolean
number_is_well_formed (const char *p,
                       const char *end,
                       gboolean   *is_integer)
{
  *is_integer = TRUE;

  if (p < end && *p == '-')
    p++;

  if (p < end && *p == '0')
    p++;
  else if (p < end && *p >= '1' && *p <= '9')
    while (p < end && g_ascii_isdigit (*p))
      p++;
  else
    return FALSE;

  if (p < end && *p == '.')
    {
      *is_integer = FALSE;
      p++;
      if (p == end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      *is_integer = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p == end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  return p == end;
}

/* json-glib wraps integers beyond 64 bits and turns huge doubles into
 * infinity, which the writer could not write back: refuse them. */
static gboolean
scan_number (const char  *text,
             gsize        length,
             gsize       *offset,
             GError     **error)
{
  gsize start = *offset;
  gsize end = start;
  g_autofree char *token = NULL;
  gboolean is_integer;

  while (end < length && is_number_char (text[end]))
    end++;

  if (!number_is_well_formed (text + start, text + end, &is_integer))
    return set_error_at (error, text, start, _("malformed number"));

  token = g_strndup (text + start, end - start);
  if (is_integer)
    {
      gint64 value;

      if (!g_ascii_string_to_signed (token, 10, G_MININT64, G_MAXINT64, &value, NULL))
        return set_error_at (error, text, start, _("number out of range"));
    }
  else if (!isfinite (g_ascii_strtod (token, NULL)))
    {
      return set_error_at (error, text, start, _("number out of range"));
    }

  *offset = end;
  return TRUE;
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$';
}

static gboolean
scan_word (const char  *text,
           gsize        length,
           gsize       *offset,
           GError     **error)
{
  gsize start = *offset;
  gsize end = start;
  gsize word_length;

  while (end < length && is_word_char (text[end]))
    end++;
  word_length = end - start;

  if ((word_length == 4 && memcmp (text + start, "true", 4) == 0) ||
      (word_length == 5 && memcmp (text + start, "false", 5) == 0) ||
      (word_length == 4 && memcmp (text + start, "null", 4) == 0))
    {
      *offset = end;
      return TRUE;
    }

  return set_error_at (error, text, start,
                       _("unexpected word “%.*s” (strings need double quotes; the only bare words are true, false and null)"),
                       (int)MIN (word_length, 32), text + start);
}

static gboolean
set_unexpected_character_error (GError     **error,
                                const char  *text,
                                gsize        offset)
{
  gunichar c = g_utf8_get_char (text + offset);

  if (g_unichar_isgraph (c))
    {
      char utf8[7] = { 0 };

      g_unichar_to_utf8 (c, utf8);
      return set_error_at (error, text, offset, _("unexpected character “%s”"), utf8);
    }

  return set_error_at (error, text, offset, _("unexpected character U+%04X"), c);
}

/* *@n_members counts the members of all objects (one ':' each), which the
 * tree then has unless a key appeared twice in an object. */
static gboolean
prescan (const char  *text,
         gsize        length,
         guint        max_depth,
         gsize       *n_members,
         GError     **error)
{
  gsize i = 0;
  guint depth = 0;
  gboolean seen_token = FALSE;
  gboolean document_closed = FALSE;
  gsize last_comma = 0;
  gboolean after_comma = FALSE;

  while (i < length)
    {
      char c = text[i];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          i++;
          continue;
        }

      if (document_closed)
        return set_error_at (error, text, i, _("unexpected text after the end of the JSON document"));
      seen_token = TRUE;

      /* The commonest slip when editing by hand; json-glib's own message
       * for it names the wrong bracket. */
      if (after_comma && (c == '}' || c == ']'))
        return set_error_at (error, text, last_comma,
                             _("comma before “%c” (JSON allows no comma after the last item)"), c);
      after_comma = c == ',';
      if (after_comma)
        last_comma = i;

      switch (c)
        {
        case '{':
        case '[':
          if (++depth > max_depth)
            return set_error_at (error, text, i, _("nested more than %d levels deep"),
                                 (int)max_depth);
          i++;
          break;

        case '}':
        case ']':
          /* A stray closer is json-glib's to report; it stops there. */
          if (depth > 0 && --depth == 0)
            document_closed = TRUE;
          i++;
          break;

        case ':':
          (*n_members)++;
          i++;
          break;

        case ',':
          i++;
          break;

        case '"':
          if (!scan_string (text, length, &i, error))
            return FALSE;
          document_closed = depth == 0;
          break;

        default:
          if (c == '-' || g_ascii_isdigit (c))
            {
              if (!scan_number (text, length, &i, error))
                return FALSE;
            }
          else if (g_ascii_isalpha (c) || c == '_' || c == '$')
            {
              if (!scan_word (text, length, &i, error))
                return FALSE;
            }
          else
            {
              return set_unexpected_character_error (error, text, i);
            }
          /* A scalar at the top is a whole document too: json-glib would
           * go on parsing what follows it, and leak it (json-glib 1.6). */
          document_closed = depth == 0;
        }
    }

  if (!seen_token)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_FILE, _("the file is empty"));
      return FALSE;
    }

  return TRUE;
}

/* Pass 3a: json-glib */

typedef struct
{
  GHashTable *member_counts;    /* JsonObject → members read so far */
  char       *duplicate_key;
  guint       duplicate_line;
  guint       duplicate_position;
  guint       error_line;
  guint       error_position;
} ParseState;

/* json-glib keeps the last of two equal keys silently; a member count that
 * does not grow means the key replaced an earlier one. */
static void
on_object_member (JsonParser *parser,
                  JsonObject *object,
                  const char *member_name,
                  ParseState *state)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (state->member_counts, object)) + 1;

  g_hash_table_insert (state->member_counts, object, GUINT_TO_POINTER (count));

  if (state->duplicate_key == NULL && json_object_get_size (object) != count)
    {
      state->duplicate_key = g_strdup (member_name);
      state->duplicate_line = json_parser_get_current_line (parser);
      state->duplicate_position = json_parser_get_current_pos (parser);
    }
}

static void
on_parse_error (JsonParser   *parser,
                const GError *error,
                ParseState   *state)
{
  state->error_line = json_parser_get_current_line (parser);
  state->error_position = json_parser_get_current_pos (parser);
}

/* json-glib counts bytes; convert its line and byte position to the offset
 * of the character it points at. */
static gsize
offset_of_position (const char *text,
                    gsize       length,
                    guint       line,
                    guint       byte_position)
{
  gsize offset = 0;
  gsize line_end;

  for (guint l = 1; l < line && offset < length; offset++)
    if (text[offset] == '\n')
      l++;

  line_end = offset;
  while (line_end < length && text[line_end] != '\n')
    line_end++;

  /* The position is just past the last byte read; point at that byte. */
  if (byte_position > 0)
    offset += byte_position - 1;
  offset = MIN (offset, line_end);
  while (offset > 0 && offset < length && (text[offset] & 0xC0) == 0x80)
    offset--;

  return offset;
}

/* With @find_duplicates, every member of every object goes through a
 * signal handler (a tenth of a large file's load): only done once a file
 * is known to have a duplicate, to say which key and where. */
static JsonNode *
parse_json (const char  *text,
            gsize        length,
            gboolean     find_duplicates,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) member_counts = g_hash_table_new (NULL, NULL);
  ParseState state = { member_counts, NULL, 0, 0, 0, 0 };
  JsonNode *root = NULL;

  if (find_duplicates)
    g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), &state);
  g_signal_connect (parser, "error", G_CALLBACK (on_parse_error), &state);

  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      g_autofree char *prefix = g_strdup_printf ("<data>:%u:%u: ", state.error_line, state.error_position);
      g_autofree char *detail = NULL;

      /* Keep json-glib's description, not its "<data>:line:pos" prefix. */
      if (g_str_has_prefix (local_error->message, prefix))
        detail = g_strdup (local_error->message + strlen (prefix));
      else
        detail = g_strdup (local_error->message);

      /* It quotes the offending token, decoded: keep the message one line. */
      for (char *p = detail; *p != '\0'; p++)
        if ((guchar)*p < 0x20)
          *p = ' ';

      if (state.error_line > 0)
        set_error_at (error, text,
                      offset_of_position (text, length, state.error_line, state.error_position),
                      "%s", detail);
      else
        g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE, _("not valid JSON: %s"), detail);
    }
  else if (state.duplicate_key != NULL)
    {
      g_autofree char *key = pb_json_escape (state.duplicate_key);

      set_error_at (error, text,
                    offset_of_position (text, length, state.duplicate_line, state.duplicate_position),
                    _("the key “%s” appears twice in the same object"), key);
    }
  else
    {
      root = json_parser_steal_root (parser);
    }

  g_free (state.duplicate_key);
  return root;
}

/* Members of all objects in the tree; the pre-scan has bounded its depth. */
static gsize
count_members (JsonNode *node)
{
  gsize count = 0;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, NULL, &member))
        count += 1 + count_members (member);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        count += count_members (json_array_get_element (array, i));
    }

  return count;
}

/* Pass 3b: the tree */

static gboolean
key_reads_as_path (const char *key)
{
  if (*key == '\0')
    return FALSE;

  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '.')
      return FALSE;

  return TRUE;
}

/* "presenceToState.On_a_call", or presenceToState["odd key"] for keys that
 * would not read as a path. */
char *
pb_json_join_path (const char *parent,
                   const char *key)
{
  g_autofree char *escaped = NULL;

  if (parent == NULL)
    return g_strdup (key);
  if (key_reads_as_path (key))
    return g_strdup_printf ("%s.%s", parent, key);

  escaped = pb_json_escape (key);
  return g_strdup_printf ("%s[\"%s\"]", parent, escaped);
}

gboolean
pb_json_set_path_error (GError     **error,
                        const char  *parent,
                        const char  *key,
                        const char  *problem)
{
  g_autofree char *path = pb_json_join_path (parent, key);

  /* Translators: a JSON path such as agentStates[3].major, then what is
   * wrong with it, for example "agentStates[3].major: expected a string". */
  g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE, _("%s: %s"), path, problem);
  return FALSE;
}

gboolean
pb_json_node_holds (JsonNode *node,
                    GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
pb_json_check_string_node (JsonNode          *node,
                           PbJsonStringKind   kind,
                           const char        *parent,
                           const char        *key,
                           const char       **value,
                           GError           **error)
{
  if (kind == PB_JSON_STRING_OR_NULL && JSON_NODE_HOLDS_NULL (node))
    {
      *value = NULL;
      return TRUE;
    }

  if (!pb_json_node_holds (node, G_TYPE_STRING))
    return pb_json_set_path_error (error, parent, key,
                                   kind == PB_JSON_STRING_OR_NULL ? _("expected a string or null") :
                                   kind == PB_JSON_ID ? _("expected a non-empty string") :
                                   _("expected a string"));

  *value = json_node_get_string (node);
  if (kind == PB_JSON_ID && **value == '\0')
    return pb_json_set_path_error (error, parent, key, _("expected a non-empty string"));

  return TRUE;
}

/* *@node is NULL when an optional member is missing or null. */
gboolean
pb_json_get_member (JsonObject      *object,
                    const char      *parent,
                    const char      *key,
                    PbJsonPresence   presence,
                    JsonNode       **node,
                    GError         **error)
{
  *node = json_object_get_member (object, key);

  if (*node == NULL && presence == PB_JSON_REQUIRED)
    return pb_json_set_path_error (error, parent, key, _("missing"));

  if (*node != NULL && presence == PB_JSON_OPTIONAL && JSON_NODE_HOLDS_NULL (*node))
    *node = NULL;

  return TRUE;
}

gboolean
pb_json_read_string (JsonObject        *object,
                     const char        *parent,
                     const char        *key,
                     PbJsonPresence     presence,
                     PbJsonStringKind   kind,
                     const char       **value,
                     GError           **error)
{
  JsonNode *node;

  *value = NULL;
  if (!pb_json_get_member (object, parent, key, presence, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  return pb_json_check_string_node (node, kind, parent, key, value, error);
}

gboolean
pb_json_read_boolean (JsonObject      *object,
                      const char      *parent,
                      const char      *key,
                      PbJsonPresence   presence,
                      gboolean        *value,
                      GError         **error)
{
  JsonNode *node;

  *value = FALSE;
  if (!pb_json_get_member (object, parent, key, presence, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!pb_json_node_holds (node, G_TYPE_BOOLEAN))
    return pb_json_set_path_error (error, parent, key, _("expected true or false"));

  *value = json_node_get_boolean (node);
  return TRUE;
}

gboolean
pb_json_read_int (JsonObject      *object,
                  const char      *parent,
                  const char      *key,
                  PbJsonPresence   presence,
                  gint64           minimum,
                  gint64          *value,
                  GError         **error)
{
  JsonNode *node;

  *value = minimum;
  if (!pb_json_get_member (object, parent, key, presence, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!pb_json_node_holds (node, G_TYPE_INT64) || json_node_get_int (node) < minimum)
    {
      g_autofree char *minimum_text = g_strdup_printf ("%" G_GINT64_FORMAT, minimum);
      g_autofree char *problem = NULL;

      /* Translators: %s is the smallest number allowed, e.g. 0 */
      problem = g_strdup_printf (_("expected a whole number of %s or more"), minimum_text);
      return pb_json_set_path_error (error, parent, key, problem);
    }

  *value = json_node_get_int (node);
  return TRUE;
}

gboolean
pb_json_read_container (JsonObject      *object,
                        const char      *parent,
                        const char      *key,
                        PbJsonPresence   presence,
                        JsonNodeType     type,
                        JsonNode       **node,
                        GError         **error)
{
  if (!pb_json_get_member (object, parent, key, presence, node, error))
    return FALSE;
  if (*node == NULL || JSON_NODE_TYPE (*node) == type)
    return TRUE;

  if (type == JSON_NODE_ARRAY)
    return pb_json_set_path_error (error, parent, key, _("expected an array"));
  if (presence == PB_JSON_OPTIONAL)
    return pb_json_set_path_error (error, parent, key, _("expected an object or null"));
  return pb_json_set_path_error (error, parent, key, _("expected an object"));
}

static gboolean
set_not_this_format_error (GError             **error,
                           const PbJsonFormat  *format)
{
  switch (format->document)
    {
    case PB_JSON_DOCUMENT_DAY_SCRIPT:
      g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                   /* Translators: %s is the format name, presence-bridge-day */
                   _("format: expected “%s”: this is not a Presence Bridge day script"),
                   format->format);
      break;

    case PB_JSON_DOCUMENT_CONFIGURATION:
    default:
      g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                   /* Translators: %s is the format name, presence-bridge-config */
                   _("format: expected “%s”: this is not a Presence Bridge configuration file"),
                   format->format);
    }

  return FALSE;
}

gboolean
pb_json_check_header (JsonObject          *root,
                      const PbJsonFormat  *format,
                      GError             **error)
{
  JsonNode *node = json_object_get_member (root, "format");
  gint64 version;

  if (node == NULL || !pb_json_node_holds (node, G_TYPE_STRING) ||
      g_strcmp0 (json_node_get_string (node), format->format) != 0)
    return set_not_this_format_error (error, format);

  node = json_object_get_member (root, "version");
  if (node == NULL)
    return pb_json_set_path_error (error, NULL, "version", _("missing"));
  if (!pb_json_node_holds (node, G_TYPE_INT64))
    return pb_json_set_path_error (error, NULL, "version", _("expected a whole number"));

  version = json_node_get_int (node);
  if (version < 1)
    return pb_json_set_path_error (error, NULL, "version", _("expected a whole number of 1 or more"));

  if (version > format->version)
    {
      g_autofree char *version_text = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      g_set_error (error, PB_ERROR, PB_ERROR_UNSUPPORTED_VERSION,
                   /* Translators: the first %s is the file's format version,
                    * %d the newest version this application reads */
                   _("version: the file was written by a newer version of Presence Bridge "
                     "(format version %s; this version reads up to %d); update Presence Bridge to read it"),
                   version_text, (int)format->version);
      return FALSE;
    }

  return TRUE;
}

gboolean
pb_json_get_array_object (JsonArray   *array,
                          guint        index,
                          const char  *array_path,
                          char       **entry_path,
                          JsonObject **entry,
                          GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  *entry_path = g_strdup_printf ("%s[%u]", array_path, index);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return pb_json_set_path_error (error, NULL, *entry_path, _("expected an object"));

  *entry = json_node_get_object (node);
  return TRUE;
}


static gboolean
set_read_error (GError **error,
                int      saved_errno)
{
  g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE,
               _("could not read the file: %s"), g_strerror (saved_errno));
  return FALSE;
}

/* The size is checked before reading (a huge file is never loaded) and again
 * while reading (a pipe or a file growing meanwhile). */
GBytes *
pb_json_read_file (const char          *path,
                   const PbJsonFormat  *format,
                   GError             **error)
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
      if (format->document == PB_JSON_DOCUMENT_DAY_SCRIPT)
        g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                             _("this is a folder, not a day script"));
      else
        g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_FILE,
                             _("this is a folder, not a configuration file"));
      g_close (fd, NULL);
      return NULL;
    }

  if (S_ISREG (info.st_mode) && (guint64)info.st_size > format->max_size)
    {
      set_too_large_error (error, format, info.st_size);
      g_close (fd, NULL);
      return NULL;
    }

  contents = g_byte_array_sized_new (S_ISREG (info.st_mode) ? info.st_size : READ_CHUNK_SIZE);
  for (;;)
    {
      guint old_length = contents->len;
      gssize n_read;

      if (contents->len > format->max_size)
        {
          set_too_large_error (error, format, contents->len);
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

JsonNode *
pb_json_parse (GBytes              *bytes,
               const PbJsonFormat  *format,
               GError             **error)
{
  JsonNode *root;
  const char *text;
  gsize length;
  gsize n_members = 0;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_bytes_get_data (bytes, &length);
  if (text == NULL)
    text = "";

  if (length > format->max_size)
    {
      set_too_large_error (error, format, length);
      return NULL;
    }

  if (!check_encoding (&text, &length, error) ||
      !prescan (text, length, format->max_depth, &n_members, error))
    return NULL;

  root = parse_json (text, length, FALSE, error);
  if (root == NULL)
    return NULL;

  /* json-glib keeps the last of two equal keys silently: fewer members in
   * the tree than in the text means a duplicate, which a second parse
   * finds and reports. */
  if (count_members (root) != n_members)
    {
      g_clear_pointer (&root, json_node_unref);
      root = parse_json (text, length, TRUE, error);
    }

  return root;
}
