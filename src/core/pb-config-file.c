/* pb-config-file.c
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
 *     tree is read into a PbConfiguration, every type error naming its JSON
 *     path.
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

/* A key from the file, fit for a one-line message: control characters and
 * quotes escaped, other text (UTF-8 included) as it is. */
static char *
escape_key (const char *key)
{
  char non_ascii[129];

  /* g_strescape() would escape UTF-8 as octal; keep it readable. */
  for (guint i = 0; i < 128; i++)
    non_ascii[i] = (char)(0x80 + i);
  non_ascii[128] = '\0';

  return g_strescape (key, non_ascii);
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
          if (++depth > PB_CONFIG_FILE_MAX_DEPTH)
            return set_error_at (error, text, i, _("nested more than %d levels deep"),
                                 PB_CONFIG_FILE_MAX_DEPTH);
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
      g_autofree char *key = escape_key (state.duplicate_key);

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
static char *
join_path (const char *parent,
           const char *key)
{
  g_autofree char *escaped = NULL;

  if (parent == NULL)
    return g_strdup (key);
  if (key_reads_as_path (key))
    return g_strdup_printf ("%s.%s", parent, key);

  escaped = escape_key (key);
  return g_strdup_printf ("%s[\"%s\"]", parent, escaped);
}

static gboolean
set_path_error (GError     **error,
                const char  *parent,
                const char  *key,
                const char  *problem)
{
  g_autofree char *path = join_path (parent, key);

  /* Translators: a JSON path such as agentStates[3].major, then what is
   * wrong with it, for example "agentStates[3].major: expected a string". */
  g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE, _("%s: %s"), path, problem);
  return FALSE;
}

static gboolean
node_holds_type (JsonNode *node,
                 GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

typedef enum
{
  MEMBER_REQUIRED,
  MEMBER_OPTIONAL,   /* missing and null both mean "not set" */
} MemberPresence;

typedef enum
{
  EXPECT_STRING,
  EXPECT_ID,             /* a non-empty string */
  EXPECT_STRING_OR_NULL,
} StringKind;

static gboolean
check_string_node (JsonNode    *node,
                   StringKind   kind,
                   const char  *parent,
                   const char  *key,
                   const char **value,
                   GError     **error)
{
  if (kind == EXPECT_STRING_OR_NULL && JSON_NODE_HOLDS_NULL (node))
    {
      *value = NULL;
      return TRUE;
    }

  if (!node_holds_type (node, G_TYPE_STRING))
    return set_path_error (error, parent, key,
                           kind == EXPECT_STRING_OR_NULL ? _("expected a string or null") :
                           kind == EXPECT_ID ? _("expected a non-empty string") :
                           _("expected a string"));

  *value = json_node_get_string (node);
  if (kind == EXPECT_ID && **value == '\0')
    return set_path_error (error, parent, key, _("expected a non-empty string"));

  return TRUE;
}

/* *@node is NULL when an optional member is missing or null. */
static gboolean
get_member (JsonObject      *object,
            const char      *parent,
            const char      *key,
            MemberPresence   presence,
            JsonNode       **node,
            GError         **error)
{
  *node = json_object_get_member (object, key);

  if (*node == NULL && presence == MEMBER_REQUIRED)
    return set_path_error (error, parent, key, _("missing"));

  if (*node != NULL && presence == MEMBER_OPTIONAL && JSON_NODE_HOLDS_NULL (*node))
    *node = NULL;

  return TRUE;
}

static gboolean
read_string (JsonObject      *object,
             const char      *parent,
             const char      *key,
             MemberPresence   presence,
             StringKind       kind,
             const char     **value,
             GError         **error)
{
  JsonNode *node;

  *value = NULL;
  if (!get_member (object, parent, key, presence, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  return check_string_node (node, kind, parent, key, value, error);
}

static gboolean
read_boolean (JsonObject      *object,
              const char      *parent,
              const char      *key,
              MemberPresence   presence,
              gboolean        *value,
              GError         **error)
{
  JsonNode *node;

  *value = FALSE;
  if (!get_member (object, parent, key, presence, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!node_holds_type (node, G_TYPE_BOOLEAN))
    return set_path_error (error, parent, key, _("expected true or false"));

  *value = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_container (JsonObject      *object,
                const char      *parent,
                const char      *key,
                MemberPresence   presence,
                JsonNodeType     type,
                JsonNode       **node,
                GError         **error)
{
  if (!get_member (object, parent, key, presence, node, error))
    return FALSE;
  if (*node == NULL || JSON_NODE_TYPE (*node) == type)
    return TRUE;

  if (type == JSON_NODE_ARRAY)
    return set_path_error (error, parent, key, _("expected an array"));
  if (presence == MEMBER_OPTIONAL)
    return set_path_error (error, parent, key, _("expected an object or null"));
  return set_path_error (error, parent, key, _("expected an object"));
}

static gboolean
check_header (JsonObject  *root,
              GError     **error)
{
  JsonNode *node = json_object_get_member (root, "format");
  gint64 version;

  if (node == NULL || !node_holds_type (node, G_TYPE_STRING) ||
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
    return set_path_error (error, NULL, "version", _("missing"));
  if (!node_holds_type (node, G_TYPE_INT64))
    return set_path_error (error, NULL, "version", _("expected a whole number"));

  version = json_node_get_int (node);
  if (version < 1)
    return set_path_error (error, NULL, "version", _("expected a whole number of 1 or more"));

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

  if (!read_string (root, NULL, "exportedAt", MEMBER_OPTIONAL, EXPECT_STRING, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    return set_path_error (error, NULL, "exportedAt",
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

  if (!read_container (root, NULL, "account", MEMBER_OPTIONAL, JSON_NODE_OBJECT, &node, error))
    return FALSE;
  if (node != NULL)
    {
      JsonObject *account = json_node_get_object (node);

      if (!read_string (account, "account", "id", MEMBER_OPTIONAL, EXPECT_STRING, &id, error) ||
          !read_string (account, "account", "name", MEMBER_OPTIONAL, EXPECT_STRING, &name, error))
        return FALSE;
      pb_configuration_set_account (configuration, id, name);
    }

  if (!read_container (root, NULL, "org", MEMBER_OPTIONAL, JSON_NODE_OBJECT, &node, error))
    return FALSE;
  if (node != NULL)
    {
      JsonObject *org = json_node_get_object (node);

      if (!read_string (org, "org", "id", MEMBER_OPTIONAL, EXPECT_STRING, &id, error) ||
          !read_string (org, "org", "name", MEMBER_OPTIONAL, EXPECT_STRING, &name, error) ||
          !read_boolean (org, "org", "sandbox", MEMBER_OPTIONAL, &sandbox, error))
        return FALSE;
      pb_configuration_set_org (configuration, id, name, sandbox);
    }

  return TRUE;
}

static gboolean
get_array_entry_object (JsonArray   *array,
                        guint        index,
                        const char  *array_path,
                        char       **entry_path,
                        JsonObject **entry,
                        GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  *entry_path = g_strdup_printf ("%s[%u]", array_path, index);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return set_path_error (error, NULL, *entry_path, _("expected an object"));

  *entry = json_node_get_object (node);
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

  if (!read_container (root, NULL, "agentStates", MEMBER_REQUIRED, JSON_NODE_ARRAY, &node, error))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *entry;
      const char *id, *name, *major;

      if (!get_array_entry_object (array, i, "agentStates", &path, &entry, error) ||
          !read_string (entry, path, "id", MEMBER_REQUIRED, EXPECT_ID, &id, error) ||
          !read_string (entry, path, "name", MEMBER_REQUIRED, EXPECT_STRING, &name, error) ||
          !read_string (entry, path, "major", MEMBER_REQUIRED, EXPECT_STRING_OR_NULL, &major, error))
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
  g_autofree char *path = join_path (entry_path, "channels");
  JsonNode *node;
  JsonArray *array;

  if (!read_container (entry, entry_path, "channels", MEMBER_REQUIRED, JSON_NODE_ARRAY, &node, error))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!node_holds_type (element, G_TYPE_STRING))
        {
          g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);

          return set_path_error (error, NULL, element_path, _("expected a string"));
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

  if (!read_container (root, NULL, "presenceStatuses", MEMBER_REQUIRED, JSON_NODE_ARRAY, &node, error))
    return FALSE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) channels = NULL;
      g_autofree char *path = NULL;
      JsonObject *entry;
      const char *api_name, *label;

      if (!get_array_entry_object (array, i, "presenceStatuses", &path, &entry, error) ||
          !read_string (entry, path, "apiName", MEMBER_REQUIRED, EXPECT_ID, &api_name, error) ||
          !read_string (entry, path, "label", MEMBER_REQUIRED, EXPECT_STRING, &label, error) ||
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
  StringKind value_kind = state_to_presence ? EXPECT_STRING_OR_NULL : EXPECT_STRING;
  g_autoptr(GList) members = NULL;
  JsonNode *node;
  JsonObject *mapping;

  if (!read_container (root, NULL, key, MEMBER_REQUIRED, JSON_NODE_OBJECT, &node, error))
    return FALSE;

  /* In file order, so the first error reported is the first in the file. */
  mapping = json_node_get_object (node);
  members = json_object_get_members (mapping);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *from = l->data;
      const char *to;

      if (!check_string_node (json_object_get_member (mapping, from), value_kind, key, from, &to, error))
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

  if (!read_boolean (root, NULL, "revertToLastStatus", MEMBER_REQUIRED, &revert, error) ||
      !read_string (root, NULL, "agentPostCallState", MEMBER_REQUIRED, EXPECT_STRING,
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
  const char *text;
  gsize length;
  gsize n_members = 0;

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

  if (!check_encoding (&text, &length, error) ||
      !prescan (text, length, &n_members, error))
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
      if (root == NULL)
        return NULL;
    }

  return configuration_from_root (root, error);
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
