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

/* The tree, built as the pre-scan reads the tokens */

struct _PbJsonValue
{
  PbJsonType  type;
  guint32     size;   /* members or elements */
  guint32     span;   /* values in this one's subtree, itself included */
  guint32     length; /* of a number's text */
  const char *key;    /* a member's key */
  union {
    const char *string; /* decoded */
    const char *number; /* its text in the document */
    gboolean    boolean;
  };
};

struct _PbJsonTree
{
  GBytes      *bytes;   /* numbers point into it */
  PbJsonValue *values;  /* in file order, each container before its children */
  char        *strings; /* the decoded strings and keys */
};

/* What the grammar allows next. */
typedef enum
{
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE, /* after "[" */
  EXPECT_KEY,            /* after "," in an object */
  EXPECT_KEY_OR_CLOSE,   /* after "{" */
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,
  EXPECT_END,
} Expect;

typedef struct
{
  GArray     *values;
  char       *strings;      /* room for every string: none decodes longer than its token */
  gsize       n_string_bytes;
  guint      *open;         /* the containers open, innermost last */
  guint       depth;
  Expect      expect;
  const char *key;          /* read, its value not yet */
  /* Grammar the pre-scan does not check, or a key twice in an object:
   * json-glib then finds the same and says it in its words. */
  gboolean    refused;
} TreeBuilder;

static void
tree_builder_init (TreeBuilder *builder,
                   gsize        length,
                   guint        max_depth)
{
  /* A value takes at least about this many bytes of a large file. */
  builder->values = g_array_sized_new (FALSE, FALSE, sizeof (PbJsonValue), length / 12 + 16);
  builder->strings = g_malloc (length + 1);
  builder->n_string_bytes = 0;
  builder->open = g_new (guint, max_depth);
  builder->depth = 0;
  builder->expect = EXPECT_VALUE;
  builder->key = NULL;
  builder->refused = FALSE;
}

static void
tree_builder_clear (TreeBuilder *builder)
{
  g_clear_pointer (&builder->values, g_array_unref);
  g_clear_pointer (&builder->strings, g_free);
  g_clear_pointer (&builder->open, g_free);
}

/* @start and @end delimit the text between the quotes, which the pre-scan
 * has checked: escapes are well-formed, surrogates paired, no NUL. */
static const char *
tree_builder_add_string (TreeBuilder *builder,
                         const char  *start,
                         const char  *end)
{
  char *decoded = builder->strings + builder->n_string_bytes;
  char *out = decoded;
  const char *p = start;

  while (p < end)
    {
      const char *backslash = memchr (p, '\\', end - p);
      gsize plain = (backslash != NULL ? backslash : end) - p;
      gunichar unit, low;

      memcpy (out, p, plain);
      out += plain;
      p += plain;
      if (p == end)
        break;

      switch (p[1])
        {
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'u':
          read_code_unit (p, 6, 2, &unit);
          if (unit >= 0xD800 && unit <= 0xDBFF)
            {
              read_code_unit (p, 12, 8, &low);
              unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
              p += 6;
            }
          out += g_unichar_to_utf8 (unit, out);
          p += 4;
          break;
        default: /* '"', '\\' and '/' stand for themselves */
          *out++ = p[1];
        }
      p += 2;
    }

  *out++ = '\0';
  builder->n_string_bytes = out - builder->strings;
  return decoded;
}

static PbJsonValue *
tree_builder_add (TreeBuilder *builder,
                  PbJsonType   type)
{
  PbJsonValue value = { .type = type, .span = 1, .key = builder->key };

  builder->key = NULL;
  if (builder->depth > 0)
    g_array_index (builder->values, PbJsonValue, builder->open[builder->depth - 1]).size++;
  g_array_append_val (builder->values, value);

  builder->expect = builder->depth > 0 ? EXPECT_COMMA_OR_CLOSE : EXPECT_END;
  return &g_array_index (builder->values, PbJsonValue, builder->values->len - 1);
}

/* Pairs for small objects (entries have three members), a set for the
 * mappings' thousands. */
static gboolean
object_has_duplicate_key (const PbJsonValue *object)
{
  g_autoptr(GHashTable) keys = NULL;
  const PbJsonValue *member = pb_json_value_get_first_child (object);

  if (object->size <= 8)
    {
      for (guint i = 0; i < object->size; i++, member = pb_json_value_get_next (member))
        for (const PbJsonValue *other = pb_json_value_get_next (member);
             other < object + object->span;
             other = pb_json_value_get_next (other))
          if (strcmp (member->key, other->key) == 0)
            return TRUE;

      return FALSE;
    }

  keys = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < object->size; i++, member = pb_json_value_get_next (member))
    if (!g_hash_table_add (keys, (gpointer)member->key))
      return TRUE;

  return FALSE;
}

static void
tree_builder_close (TreeBuilder *builder,
                    PbJsonType   type)
{
  guint index;
  PbJsonValue *container;

  if (builder->depth == 0)
    {
      builder->refused = TRUE;
      return;
    }

  index = builder->open[builder->depth - 1];
  container = &g_array_index (builder->values, PbJsonValue, index);
  if (container->type != type ||
      (builder->expect != EXPECT_COMMA_OR_CLOSE &&
       builder->expect != (type == PB_JSON_TYPE_OBJECT ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE)))
    {
      builder->refused = TRUE;
      return;
    }

  builder->depth--;
  container->span = builder->values->len - index;
  if (type == PB_JSON_TYPE_OBJECT && object_has_duplicate_key (container))
    builder->refused = TRUE;
  builder->expect = builder->depth > 0 ? EXPECT_COMMA_OR_CLOSE : EXPECT_END;
}

/* The token at @start, up to @end, which the pre-scan has checked. */
static void
tree_builder_take (TreeBuilder *builder,
                   const char  *text,
                   gsize        start,
                   gsize        end)
{
  gboolean wants_value = builder->expect == EXPECT_VALUE || builder->expect == EXPECT_VALUE_OR_CLOSE;
  PbJsonValue *value;

  if (builder->refused)
    return;

  switch (text[start])
    {
    case '{':
    case '[':
      if (!wants_value)
        break;
      tree_builder_add (builder, text[start] == '{' ? PB_JSON_TYPE_OBJECT : PB_JSON_TYPE_ARRAY);
      /* The pre-scan has refused anything deeper than the open stack. */
      builder->open[builder->depth++] = builder->values->len - 1;
      builder->expect = text[start] == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
      return;

    case '}':
      tree_builder_close (builder, PB_JSON_TYPE_OBJECT);
      return;

    case ']':
      tree_builder_close (builder, PB_JSON_TYPE_ARRAY);
      return;

    case ':':
      if (builder->expect != EXPECT_COLON)
        break;
      builder->expect = EXPECT_VALUE;
      return;

    case ',':
      if (builder->expect != EXPECT_COMMA_OR_CLOSE)
        break;
      builder->expect = g_array_index (builder->values, PbJsonValue,
                                       builder->open[builder->depth - 1]).type == PB_JSON_TYPE_OBJECT
                        ? EXPECT_KEY : EXPECT_VALUE;
      return;

    case '"':
      if (builder->expect == EXPECT_KEY || builder->expect == EXPECT_KEY_OR_CLOSE)
        {
          builder->key = tree_builder_add_string (builder, text + start + 1, text + end - 1);
          builder->expect = EXPECT_COLON;
          return;
        }
      if (!wants_value)
        break;
      value = tree_builder_add (builder, PB_JSON_TYPE_STRING);
      value->string = tree_builder_add_string (builder, text + start + 1, text + end - 1);
      return;

    case 't':
    case 'f':
      if (!wants_value)
        break;
      value = tree_builder_add (builder, PB_JSON_TYPE_BOOLEAN);
      value->boolean = text[start] == 't';
      return;

    case 'n':
      if (!wants_value)
        break;
      tree_builder_add (builder, PB_JSON_TYPE_NULL);
      return;

    default: /* a number */
      if (!wants_value)
        break;
      {
        gboolean is_integer;

        /* json-glib's rule too: a fraction or an exponent makes a double. */
        number_is_well_formed (text + start, text + end, &is_integer);
        value = tree_builder_add (builder, is_integer ? PB_JSON_TYPE_INTEGER : PB_JSON_TYPE_DOUBLE);
      }
      value->number = text + start;
      value->length = end - start;
      return;
    }

  builder->refused = TRUE;
}

/* *@n_members counts the members of all objects (one ':' each), which the
 * tree then has unless a key appeared twice in an object. With @builder,
 * every token also goes into its tree. */
static gboolean
prescan (const char   *text,
         gsize         length,
         guint         max_depth,
         gsize        *n_members,
         TreeBuilder  *builder,
         GError      **error)
{
  gsize i = 0;
  gsize start;
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
      start = i;

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

      if (builder != NULL)
        tree_builder_take (builder, text, start, i);
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

static gboolean
set_string_kind_error (GError           **error,
                       const char        *parent,
                       const char        *key,
                       PbJsonStringKind   kind)
{
  return pb_json_set_path_error (error, parent, key,
                                 kind == PB_JSON_STRING_OR_NULL ? _("expected a string or null") :
                                 kind == PB_JSON_ID ? _("expected a non-empty string") :
                                 _("expected a string"));
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
    return set_string_kind_error (error, parent, key, kind);

  *value = json_node_get_string (node);
  if (kind == PB_JSON_ID && **value == '\0')
    return set_string_kind_error (error, parent, key, kind);

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

static gboolean
set_container_error (GError         **error,
                     const char      *parent,
                     const char      *key,
                     PbJsonPresence   presence,
                     gboolean         array)
{
  if (array)
    return pb_json_set_path_error (error, parent, key, _("expected an array"));
  if (presence == PB_JSON_OPTIONAL)
    return pb_json_set_path_error (error, parent, key, _("expected an object or null"));
  return pb_json_set_path_error (error, parent, key, _("expected an object"));
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

  return set_container_error (error, parent, key, presence, type == JSON_NODE_ARRAY);
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

/* @format_value: "format" if a string; @version if an integer. */
static gboolean
check_header (const char          *format_value,
              gboolean             has_version,
              gboolean             version_is_integer,
              gint64               version,
              const PbJsonFormat  *format,
              GError             **error)
{
  if (g_strcmp0 (format_value, format->format) != 0)
    return set_not_this_format_error (error, format);

  if (!has_version)
    return pb_json_set_path_error (error, NULL, "version", _("missing"));
  if (!version_is_integer)
    return pb_json_set_path_error (error, NULL, "version", _("expected a whole number"));

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
pb_json_check_header (JsonObject          *root,
                      const PbJsonFormat  *format,
                      GError             **error)
{
  JsonNode *format_node = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  gboolean version_is_integer = version != NULL && pb_json_node_holds (version, G_TYPE_INT64);

  return check_header (format_node != NULL && pb_json_node_holds (format_node, G_TYPE_STRING)
                       ? json_node_get_string (format_node) : NULL,
                       version != NULL,
                       version_is_integer,
                       version_is_integer ? json_node_get_int (version) : 0,
                       format, error);
}

static gboolean
check_element_is_object (gboolean     is_object,
                         guint        index,
                         const char  *array_path,
                         char       **entry_path,
                         GError     **error)
{
  *entry_path = g_strdup_printf ("%s[%u]", array_path, index);
  if (!is_object)
    return pb_json_set_path_error (error, NULL, *entry_path, _("expected an object"));

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

  if (!check_element_is_object (JSON_NODE_HOLDS_OBJECT (node), index, array_path, entry_path, error))
    return FALSE;

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

/* Passes 1 and 2; *@text and *@length then skip a BOM. */
static gboolean
check_text (GBytes              *bytes,
            const PbJsonFormat  *format,
            TreeBuilder         *builder,
            const char         **text,
            gsize               *length,
            gsize               *n_members,
            GError             **error)
{
  *text = g_bytes_get_data (bytes, length);
  if (*text == NULL)
    *text = "";
  *n_members = 0;

  if (*length > format->max_size)
    return set_too_large_error (error, format, *length);

  return check_encoding (text, length, error) &&
         prescan (*text, *length, format->max_depth, n_members, builder, error);
}

/* Pass 3 by json-glib, on text the pre-scan has passed. */
static JsonNode *
parse_checked_text (const char  *text,
                    gsize        length,
                    gsize        n_members,
                    GError     **error)
{
  JsonNode *root = parse_json (text, length, FALSE, error);

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

JsonNode *
pb_json_parse (GBytes              *bytes,
               const PbJsonFormat  *format,
               GError             **error)
{
  const char *text;
  gsize length;
  gsize n_members;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (bytes, format, NULL, &text, &length, &n_members, error))
    return NULL;

  return parse_checked_text (text, length, n_members, error);
}

/**
 * pb_json_tree_parse:
 *
 * What pb_json_parse() reads, refused alike, as a #PbJsonTree: the tree is
 * built by the pre-scan's single pass. Only a document with an error the
 * pre-scan leaves to json-glib (its grammar, a key twice in an object) goes
 * through json-glib, for its message.
 */
PbJsonTree *
pb_json_tree_parse (GBytes              *bytes,
                    const PbJsonFormat  *format,
                    GError             **error)
{
  TreeBuilder builder;
  PbJsonTree *tree;
  const char *text;
  gsize length;
  gsize n_members;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tree_builder_init (&builder, g_bytes_get_size (bytes), format->max_depth);
  if (!check_text (bytes, format, &builder, &text, &length, &n_members, error))
    {
      tree_builder_clear (&builder);
      return NULL;
    }

  if (builder.refused || builder.expect != EXPECT_END)
    {
      JsonNode *root = parse_checked_text (text, length, n_members, error);

      /* The builder refuses what json-glib refuses; anything else is a bug
       * here, which the fuzzers stop at. */
      if (root != NULL)
        {
          g_critical ("A JSON document json-glib reads was refused");
          json_node_unref (root);
          g_set_error (error, PB_ERROR, PB_ERROR_INVALID_FILE, _("not valid JSON: %s"), "?");
        }
      tree_builder_clear (&builder);
      return NULL;
    }

  tree = g_new (PbJsonTree, 1);
  tree->bytes = g_bytes_ref (bytes);
  tree->values = (PbJsonValue *)g_array_free (g_steal_pointer (&builder.values), FALSE);
  tree->strings = g_steal_pointer (&builder.strings);
  tree_builder_clear (&builder);

  return tree;
}

void
pb_json_tree_free (PbJsonTree *tree)
{
  if (tree == NULL)
    return;

  g_bytes_unref (tree->bytes);
  g_free (tree->values);
  g_free (tree->strings);
  g_free (tree);
}

const PbJsonValue *
pb_json_tree_get_root (PbJsonTree *tree)
{
  g_return_val_if_fail (tree != NULL, NULL);
  return tree->values;
}

PbJsonType
pb_json_value_get_value_type (const PbJsonValue *value)
{
  return value->type;
}

guint
pb_json_value_get_size (const PbJsonValue *value)
{
  return value->size;
}

const PbJsonValue *
pb_json_value_get_first_child (const PbJsonValue *value)
{
  return value->size > 0 ? value + 1 : NULL;
}

const PbJsonValue *
pb_json_value_get_next (const PbJsonValue *value)
{
  return value + value->span;
}

const char *
pb_json_value_get_key (const PbJsonValue *value)
{
  return value->key;
}

const char *
pb_json_value_get_string (const PbJsonValue *value)
{
  g_return_val_if_fail (value->type == PB_JSON_TYPE_STRING, NULL);
  return value->string;
}

gint64
pb_json_value_get_int (const PbJsonValue *value)
{
  /* The pre-scan has checked the range: at most 20 characters. */
  char number[24];

  g_return_val_if_fail (value->type == PB_JSON_TYPE_INTEGER, 0);
  g_return_val_if_fail (value->length < sizeof number, 0);

  memcpy (number, value->number, value->length);
  number[value->length] = '\0';

  return g_ascii_strtoll (number, NULL, 10);
}

gboolean
pb_json_value_get_boolean (const PbJsonValue *value)
{
  g_return_val_if_fail (value->type == PB_JSON_TYPE_BOOLEAN, FALSE);
  return value->boolean;
}

const PbJsonValue *
pb_json_value_get_member (const PbJsonValue *object,
                          const char        *key)
{
  const PbJsonValue *member = pb_json_value_get_first_child (object);

  g_return_val_if_fail (object->type == PB_JSON_TYPE_OBJECT, NULL);

  for (guint i = 0; i < object->size; i++, member = pb_json_value_get_next (member))
    if (strcmp (member->key, key) == 0)
      return member;

  return NULL;
}

JsonNode *
pb_json_value_dup_node (const PbJsonValue *value)
{
  const PbJsonValue *child = pb_json_value_get_first_child (value);
  JsonNode *node;

  switch (value->type)
    {
    case PB_JSON_TYPE_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), value->boolean);

    case PB_JSON_TYPE_INTEGER:
      return json_node_init_int (json_node_alloc (), pb_json_value_get_int (value));

    case PB_JSON_TYPE_DOUBLE:
      {
        g_autofree char *number = g_strndup (value->number, value->length);

        return json_node_init_double (json_node_alloc (), g_ascii_strtod (number, NULL));
      }

    case PB_JSON_TYPE_STRING:
      return json_node_init_string (json_node_alloc (), value->string);

    case PB_JSON_TYPE_ARRAY:
      {
        JsonArray *array = json_array_sized_new (value->size);

        for (guint i = 0; i < value->size; i++, child = pb_json_value_get_next (child))
          json_array_add_element (array, pb_json_value_dup_node (child));
        node = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (node, array);
        return node;
      }

    case PB_JSON_TYPE_OBJECT:
      {
        JsonObject *object = json_object_new ();

        for (guint i = 0; i < value->size; i++, child = pb_json_value_get_next (child))
          json_object_set_member (object, child->key, pb_json_value_dup_node (child));
        node = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (node, object);
        return node;
      }

    case PB_JSON_TYPE_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

/* *@member is NULL when an optional member is missing or null. */
static gboolean
value_get_member (const PbJsonValue   *object,
                  const char          *parent,
                  const char          *key,
                  PbJsonPresence       presence,
                  const PbJsonValue  **member,
                  GError             **error)
{
  *member = pb_json_value_get_member (object, key);

  if (*member == NULL && presence == PB_JSON_REQUIRED)
    return pb_json_set_path_error (error, parent, key, _("missing"));

  if (*member != NULL && presence == PB_JSON_OPTIONAL && (*member)->type == PB_JSON_TYPE_NULL)
    *member = NULL;

  return TRUE;
}

gboolean
pb_json_value_check_string (const PbJsonValue  *value,
                            PbJsonStringKind    kind,
                            const char         *parent,
                            const char         *key,
                            const char        **string,
                            GError            **error)
{
  if (kind == PB_JSON_STRING_OR_NULL && value->type == PB_JSON_TYPE_NULL)
    {
      *string = NULL;
      return TRUE;
    }

  if (value->type != PB_JSON_TYPE_STRING)
    return set_string_kind_error (error, parent, key, kind);

  *string = value->string;
  if (kind == PB_JSON_ID && **string == '\0')
    return set_string_kind_error (error, parent, key, kind);

  return TRUE;
}

gboolean
pb_json_value_read_string (const PbJsonValue  *object,
                           const char         *parent,
                           const char         *key,
                           PbJsonPresence      presence,
                           PbJsonStringKind    kind,
                           const char        **string,
                           GError            **error)
{
  const PbJsonValue *member;

  *string = NULL;
  if (!value_get_member (object, parent, key, presence, &member, error))
    return FALSE;
  if (member == NULL)
    return TRUE;

  return pb_json_value_check_string (member, kind, parent, key, string, error);
}

gboolean
pb_json_value_read_boolean (const PbJsonValue  *object,
                            const char         *parent,
                            const char         *key,
                            PbJsonPresence      presence,
                            gboolean           *boolean,
                            GError            **error)
{
  const PbJsonValue *member;

  *boolean = FALSE;
  if (!value_get_member (object, parent, key, presence, &member, error))
    return FALSE;
  if (member == NULL)
    return TRUE;

  if (member->type != PB_JSON_TYPE_BOOLEAN)
    return pb_json_set_path_error (error, parent, key, _("expected true or false"));

  *boolean = member->boolean;
  return TRUE;
}

gboolean
pb_json_value_read_container (const PbJsonValue   *object,
                              const char          *parent,
                              const char          *key,
                              PbJsonPresence       presence,
                              PbJsonType           type,
                              const PbJsonValue  **container,
                              GError             **error)
{
  g_return_val_if_fail (type == PB_JSON_TYPE_ARRAY || type == PB_JSON_TYPE_OBJECT, FALSE);

  if (!value_get_member (object, parent, key, presence, container, error))
    return FALSE;
  if (*container == NULL || (*container)->type == type)
    return TRUE;

  return set_container_error (error, parent, key, presence, type == PB_JSON_TYPE_ARRAY);
}

gboolean
pb_json_value_check_element_object (const PbJsonValue  *element,
                                    guint               index,
                                    const char         *array_path,
                                    char              **entry_path,
                                    GError            **error)
{
  return check_element_is_object (element->type == PB_JSON_TYPE_OBJECT, index, array_path, entry_path, error);
}

gboolean
pb_json_tree_check_header (const PbJsonValue   *root,
                           const PbJsonFormat  *format,
                           GError             **error)
{
  const PbJsonValue *format_value = pb_json_value_get_member (root, "format");
  const PbJsonValue *version = pb_json_value_get_member (root, "version");

  return check_header (format_value != NULL && format_value->type == PB_JSON_TYPE_STRING
                       ? format_value->string : NULL,
                       version != NULL,
                       version != NULL && version->type == PB_JSON_TYPE_INTEGER,
                       version != NULL && version->type == PB_JSON_TYPE_INTEGER
                       ? pb_json_value_get_int (version) : 0,
                       format, error);
}
