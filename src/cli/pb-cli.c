/* pb-cli.c: options, store, profile and error reporting shared by commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-cli.h"
#include "pb-remote-error.h"
#include "pb-util.h"

#include <errno.h>
#include <stdio.h>

static char *store_option;
static char *profile_option;

static const GOptionEntry store_entries[] = {
  { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_option,
    N_("Use the store at PATH (default: $PRESENCE_BRIDGE_STORE, else the data folder)"), N_("PATH") },
  { NULL }
};

static const GOptionEntry profile_entries[] = {
  { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_option,
    N_("Use the profile NAME instead of the default one"), N_("NAME") },
  { NULL }
};

gboolean
pb_cli_parse_options (const PbCliCommand  *command,
                      const GOptionEntry  *entries,
                      gboolean             with_profile,
                      int                 *argc,
                      char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  /* gettext ("") returns the catalogue's header, not an empty string. */
  context = g_option_context_new (*command->parameter_string != '\0' ? _(command->parameter_string) : "");
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, store_entries, GETTEXT_PACKAGE);
  if (with_profile)
    g_option_context_add_main_entries (context, profile_entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      pb_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  /* Profile names are never empty; the store refuses one with a critical. */
  if (with_profile && profile_option != NULL && *profile_option == '\0')
    {
      pb_cli_usage_error (command, "%s", _("--profile needs a profile name"));
      return FALSE;
    }

  return TRUE;
}

const char *
pb_cli_get_profile_option (void)
{
  return profile_option;
}

char *
pb_cli_dup_store_path (void)
{
  return store_option ? g_strdup (store_option) : pb_store_dup_default_path ();
}

PbStore *
pb_cli_open_store (GError **error)
{
  g_autofree char *path = pb_cli_dup_store_path ();

  return pb_store_open (path, error);
}

int
pb_cli_open_profile (PbStore   **store_out,
                     PbProfile **profile_out)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = pb_cli_open_store (&error);
  if (store == NULL)
    return pb_cli_fail (NULL, error);

  *profile_out = pb_cli_find_profile (store, &error);
  if (*profile_out == NULL)
    return pb_cli_fail (NULL, error);

  *store_out = g_steal_pointer (&store);
  return PB_EXIT_OK;
}

PbProfile *
pb_cli_find_profile (PbStore  *store,
                     GError  **error)
{
  if (profile_option != NULL)
    return pb_store_lookup_profile (store, profile_option, error);

  return pb_store_get_default_profile (store, error);
}

int
pb_cli_exit_code_for (const GError *error)
{
  if (error == NULL)
    return PB_EXIT_OK;

  if (error->domain == PB_REMOTE_ERROR)
    {
      switch ((PbRemoteError)error->code)
        {
        case PB_REMOTE_ERROR_CONFLICT:
        case PB_REMOTE_ERROR_PRECONDITION_REQUIRED:
          return PB_EXIT_CONFLICT;
        case PB_REMOTE_ERROR_REFUSED:
        case PB_REMOTE_ERROR_FEATURE_DISABLED:
          return PB_EXIT_REFUSED;
        default:
          return PB_EXIT_REMOTE;
        }
    }

  if (error->domain != PB_ERROR)
    return PB_EXIT_USAGE;

  switch ((PbError)error->code)
    {
    case PB_ERROR_INVALID_CONFIGURATION:
      return PB_EXIT_CONFIGURATION_ERRORS;
    case PB_ERROR_STORE_NEWER:
    case PB_ERROR_STORE_CORRUPT:
    case PB_ERROR_STORE_FAILED:
    case PB_ERROR_STORE_READ_ONLY:
      return PB_EXIT_STORE;
    case PB_ERROR_STORE_BUSY:
    case PB_ERROR_STORE_CHANGED:
      return PB_EXIT_BUSY;
    case PB_ERROR_FAILED:
    case PB_ERROR_INVALID_FILE:
    case PB_ERROR_UNSUPPORTED_VERSION:
    case PB_ERROR_NOT_FOUND:
    case PB_ERROR_EXISTS:
    default:
      return PB_EXIT_USAGE;
    }
}

/* Where the run of text that goes out as it is ends: printable ASCII but
 * the backslash, and valid UTF-8 that is safe on a terminal. */
static const char *
end_of_safe_run (const char *p,
                 const char *end)
{
  while (p < end)
    {
      guchar byte = *p;
      gunichar c;

      if (byte >= 0x20 && byte < 0x7F && byte != '\\')
        {
          p++;
          continue;
        }

      if (byte < 0x80)
        break;
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar)-1 || c == (gunichar)-2 || pb_unichar_is_unsafe (c))
        break;
      p = g_utf8_next_char (p);
    }

  return p;
}

/* For JSON, @text is a generator's output: a raw newline is its layout
 * (it escapes one inside a string) and a backslash starts its escapes. */
static void
append_escaped (GString    *out,
                const char *text,
                gsize       length,
                gboolean    json)
{
  const char *end = text + length;
  const char *p = text;

  while (p < end)
    {
      const char *run = p;
      guchar byte;
      gunichar c;

      /* Runs go out at once: most text, a message's quotation marks and
       * names in any script included, is nothing else. */
      p = end_of_safe_run (p, end);
      g_string_append_len (out, run, p - run);
      if (p == end)
        break;

      byte = *p;
      if (byte < 0x80)
        {
          if (byte == '\\')
            g_string_append (out, json ? "\\" : "\\\\");
          else if (json && byte == '\n')
            g_string_append_c (out, '\n');
          else
            g_string_append_printf (out, "\\u%04x", byte);
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          /* JSON has no way to carry a stray byte. */
          if (json)
            g_string_append (out, "\\ufffd");
          else
            g_string_append_printf (out, "\\x%02x", byte);
          p++;
          continue;
        }

      g_string_append_printf (out, "\\u%04x", c);
      p = g_utf8_next_char (p);
    }
}

void
pb_cli_append_escaped (GString    *out,
                       const char *text)
{
  if (text != NULL)
    append_escaped (out, text, strlen (text), FALSE);
}

char *
pb_cli_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  pb_cli_append_escaped (out, text);
  return g_string_free (out, FALSE);
}

gboolean
pb_cli_write_stdout (const char *data,
                     gsize       length)
{
  int saved_errno;

  if (fwrite (data, 1, length, stdout) == length && fflush (stdout) == 0)
    return TRUE;

  saved_errno = errno;
  /* Translators: %s is the reason, such as “No space left on device” */
  g_printerr (_("presence-bridge-cli: could not write to standard output: %s"), g_strerror (saved_errno));
  g_printerr ("\n");
  return FALSE;
}

int
pb_cli_fail (const char   *context,
             const GError *error)
{
  /* Messages quote labels, files and servers: the whole line is escaped,
   * which also keeps it one line, as scripts parse stderr line by line. */
  g_autofree char *message = pb_cli_escape (error->message);

  if (context != NULL)
    {
      g_autofree char *escaped_context = pb_cli_escape (context);

      g_printerr ("presence-bridge-cli: %s: %s\n", escaped_context, message);
    }
  else
    g_printerr ("presence-bridge-cli: %s\n", message);

  return pb_cli_exit_code_for (error);
}

int
pb_cli_usage_error (const PbCliCommand *command,
                    const char         *format,
                    ...)
{
  g_autofree char *raw = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  raw = g_strdup_vprintf (format, args);
  va_end (args);
  /* Usage errors quote what was typed, which a script may have taken from
   * a file. */
  message = pb_cli_escape (raw);

  /* One line, like every other error: scripts read stderr line by line. */
  g_printerr ("presence-bridge-cli %s: ", command->name);
  /* Translators: %s is a message, then a command name such as “import” */
  g_printerr (_("%s (see “presence-bridge-cli %s --help”)"), message, command->name);
  g_printerr ("\n");

  return PB_EXIT_USAGE;
}

void
pb_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_autoptr(GString) escaped = NULL;
  gsize length;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  /* json-glib 1.6 leaves U+001F, C1 controls and bidi controls raw. */
  escaped = g_string_sized_new (length + 1);
  append_escaped (escaped, text, length, TRUE);
  g_string_append_c (escaped, '\n');
  pb_cli_write_stdout (escaped->str, escaped->len);
}

static const char *
change_marker (PbChangeKind kind)
{
  switch (kind)
    {
    case PB_CHANGE_ADDED:
      return "+";
    case PB_CHANGE_REMOVED:
      return "-";
    case PB_CHANGE_MODIFIED:
    default:
      return "~";
    }
}

void
pb_cli_print_changes (GListModel *changes)
{
  guint n = g_list_model_get_n_items (changes);
  g_autoptr(GString) out = NULL;

  if (n == 0)
    {
      g_print ("%s\n", _("No differences."));
      return;
    }

  /* One write: an import into an empty profile lists every state and
   * status, thousands of lines. */
  out = g_string_sized_new (n * 120);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbChange) change = g_list_model_get_item (changes, i);

      g_string_append (out, change_marker (pb_change_get_kind (change)));
      g_string_append_c (out, ' ');
      pb_cli_append_escaped (out, pb_change_get_path (change));
      g_string_append (out, ": ");
      pb_cli_append_escaped (out, pb_change_get_description (change));
      g_string_append_c (out, '\n');
    }
  pb_cli_write_stdout (out->str, out->len);
}

gboolean
pb_cli_parse_revision (const char *text,
                       guint      *number)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return FALSE;

  *number = (guint)value;
  return TRUE;
}

