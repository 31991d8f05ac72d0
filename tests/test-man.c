/* test-man.c: the manual page says what presence-bridge-cli does
 *
 * Reads the manual page (PB_MAN_PAGE) and compares it with what the CLI
 * (PB_CLI) prints for --help and for each command's --help, with the exit
 * codes of src/cli/pb-cli.h and the environment variables the sources read
 * (PB_SOURCE_ROOT), and with the contract's exit codes and variables
 * (cli.md and docs/cli.md), both ways: nothing the CLI has is missing from
 * the page, and nothing on the page is missing from the CLI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib.h>

/* cli.md's exit codes, and docs/cli.md's for a run a signal interrupted
 * (128 + SIGINT, 128 + SIGTERM); cli.md's environment variables. */
static const char * const contract_exit_codes[] = { "0", "1", "2", "3", "4", "5", "6", "7", "130", "143", NULL };
static const char * const contract_variables[] = {
  "PRESENCE_BRIDGE_STORE",
  "PRESENCE_BRIDGE_PLATFORM_CLIENT_SECRET",
  "PRESENCE_BRIDGE_SALESFORCE_INSTANCE_URL",
  "PRESENCE_BRIDGE_SALESFORCE_ACCESS_TOKEN",
  NULL
};
/* Options every command takes; the manual page lists them once. */
static const char * const global_options[] = { "--store", "--profile", "--help", "--version", NULL };

typedef struct
{
  /* section name → GPtrArray of the tags of its .TP items, in roff-free
   * text: "validate FILE [--json]", "--store PATH", "0" */
  GHashTable *tags;
  /* the whole page as text */
  char       *text;
} ManPage;

static ManPage page;

/* The text of a roff line: no font changes, plain hyphens. */
static char *
roff_text (const char *line)
{
  static const struct { const char *roff, *text; } escapes[] = {
    { "\\fB", "" }, { "\\fI", "" }, { "\\fR", "" }, { "\\fP", "" },
    { "\\-", "-" }, { "\\&", "" }, { "\\:", "" }, { "\\(dq", "\"" }, { "\\e", "\\" },
  };
  g_autoptr(GString) text = g_string_new (line);

  if (g_str_has_prefix (text->str, ".B ") || g_str_has_prefix (text->str, ".I "))
    g_string_erase (text, 0, 3);
  for (guint i = 0; i < G_N_ELEMENTS (escapes); i++)
    g_string_replace (text, escapes[i].roff, escapes[i].text, 0);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
read_man_page (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  const char *section = "";
  gboolean tag_next = FALSE;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  page.tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = roff_text (lines[i]);

      g_string_append_printf (text, "%s\n", line);
      if (g_str_has_prefix (lines[i], ".SH "))
        {
          g_autofree char *name = g_strstrip (g_strdup (lines[i] + 4));

          section = g_intern_string (name);
          g_hash_table_insert (page.tags, g_strdup (section), g_ptr_array_new_with_free_func (g_free));
          continue;
        }
      if (g_str_equal (lines[i], ".TP"))
        {
          tag_next = TRUE;
          continue;
        }
      if (tag_next && !g_str_has_prefix (lines[i], ".PD"))
        {
          GPtrArray *tags = g_hash_table_lookup (page.tags, section);

          g_assert_nonnull (tags);
          g_ptr_array_add (tags, g_strdup (line));
          tag_next = FALSE;
        }
    }

  page.text = g_string_free (g_steal_pointer (&text), FALSE);
}

static GPtrArray *
section_tags (const char *section)
{
  GPtrArray *tags = g_hash_table_lookup (page.tags, section);

  g_assert_nonnull (tags);
  g_assert_cmpuint (tags->len, >, 0);
  return tags;
}

/* What `presence-bridge-cli ARGUMENT… --help` prints, in the C locale. */
static char *
cli_help (const char *command)
{
  const char *argv[] = { g_getenv ("PB_CLI"), command ? command : "--help", command ? "--help" : NULL, NULL };
  g_auto(GStrv) envp = g_environ_unsetenv (g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE), "LANGUAGE");
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  return out;
}

/* The commands the CLI lists under "Commands:". */
static GPtrArray *
built_commands (void)
{
  g_autofree char *help = cli_help (NULL);
  g_auto(GStrv) lines = g_strsplit (help, "\n", -1);
  GPtrArray *commands = g_ptr_array_new_with_free_func (g_free);
  gboolean listing = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_equal (lines[i], "Commands:"))
        listing = TRUE;
      else if (listing && g_str_has_prefix (lines[i], "  "))
        {
          g_auto(GStrv) words = g_strsplit (g_strchug (lines[i]), " ", 2);

          g_ptr_array_add (commands, g_strdup (words[0]));
        }
      else if (listing)
        break;
    }

  g_assert_cmpuint (commands->len, >=, 8);
  return commands;
}

/* The long options in @text ("--json", "--dry-run"). */
static GPtrArray *
long_options (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("(?<![\\w-])--[a-z][a-z0-9-]*", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GPtrArray *options = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *option = g_match_info_fetch (match, 0);

      if (!g_ptr_array_find_with_equal_func (options, option, g_str_equal, NULL))
        g_ptr_array_add (options, g_steal_pointer (&option));
      g_match_info_next (match, NULL);
    }

  return options;
}

/* The tags of @section, one a line; with @first_word, only the tags that
 * start with it ("profile" gives "profile list [--json]", "profile add …"). */
static char *
section_text (const char *section,
              const char *first_word)
{
  GPtrArray *tags = section_tags (section);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      g_auto(GStrv) words = g_strsplit (tag, " ", 2);

      if (first_word == NULL || g_str_equal (words[0], first_word))
        g_string_append_printf (text, "%s\n", tag);
    }

  g_assert_cmpuint (text->len, >, 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Names every discrepancy, not only the first. */
static void G_GNUC_PRINTF (1, 2)
report (const char *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_test_message ("%s", message);
  g_test_fail ();
}

static gboolean
contains (GPtrArray  *strings,
          const char *string)
{
  return g_ptr_array_find_with_equal_func (strings, string, g_str_equal, NULL);
}

static void
test_commands (void)
{
  g_autoptr(GPtrArray) commands = built_commands ();
  GPtrArray *tags = section_tags ("COMMANDS");
  g_autoptr(GPtrArray) documented = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < tags->len; i++)
    {
      g_auto(GStrv) words = g_strsplit (g_ptr_array_index (tags, i), " ", 2);

      if (g_ascii_isalpha (words[0][0]) && !contains (documented, words[0]))
        g_ptr_array_add (documented, g_strdup (words[0]));
    }

  for (guint i = 0; i < commands->len; i++)
    {
      const char *command = g_ptr_array_index (commands, i);

      if (!contains (documented, command))
        report ("presence-bridge-cli --help lists “%s”, the manual page does not", command);
    }

  for (guint i = 0; i < documented->len; i++)
    {
      if (!contains (commands, g_ptr_array_index (documented, i)))
        report ("the manual page documents “%s”, presence-bridge-cli --help does not list it",
                (const char *)g_ptr_array_index (documented, i));
    }
}

/* A command's actions, from the usage line of its --help
 * ("list|add|set|remove|use [NAME]" gives list, add, set, remove, use),
 * against the page's tags for it ("profile set NAME …"). */
static void
test_actions (void)
{
  g_autofree char *help = cli_help ("profile");
  g_autoptr(GRegex) regex = g_regex_new ("\\] ([a-z]+(?:\\|[a-z]+)+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *listed = NULL;
  g_auto(GStrv) actions = NULL;
  GPtrArray *tags = section_tags ("COMMANDS");
  g_autoptr(GPtrArray) documented = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_regex_match (regex, help, 0, &match));
  listed = g_match_info_fetch (match, 1);
  actions = g_strsplit (listed, "|", -1);
  g_assert_cmpuint (g_strv_length (actions), >=, 5);

  for (guint i = 0; i < tags->len; i++)
    {
      g_auto(GStrv) words = g_strsplit (g_ptr_array_index (tags, i), " ", 3);

      if (g_str_equal (words[0], "profile") && words[1] != NULL)
        g_ptr_array_add (documented, g_strdup (words[1]));
    }

  for (guint i = 0; actions[i] != NULL; i++)
    {
      if (!contains (documented, actions[i]))
        report ("presence-bridge-cli profile --help lists “%s”, the manual page has no “profile %s”", actions[i], actions[i]);
    }
  for (guint i = 0; i < documented->len; i++)
    {
      const char *action = g_ptr_array_index (documented, i);

      if (!g_strv_contains ((const char * const *)actions, action))
        report ("the manual page has “profile %s”, presence-bridge-cli profile --help does not list it", action);
    }
}

static void
test_options (void)
{
  g_autoptr(GPtrArray) commands = built_commands ();
  g_autofree char *option_tags = section_text ("OPTIONS", NULL);
  g_autoptr(GPtrArray) globals = long_options (option_tags);

  for (guint i = 0; global_options[i] != NULL; i++)
    {
      if (!contains (globals, global_options[i]))
        report ("%s is not in OPTIONS", global_options[i]);
    }

  for (guint i = 0; i < commands->len; i++)
    {
      const char *command = g_ptr_array_index (commands, i);
      g_autofree char *help = cli_help (command);
      g_autoptr(GPtrArray) printed = long_options (help);
      g_autofree char *synopses = section_text ("COMMANDS", command);
      g_autoptr(GPtrArray) documented = long_options (synopses);

      g_assert_cmpuint (printed->len, >, 0);
      for (guint j = 0; j < printed->len; j++)
        {
          const char *option = g_ptr_array_index (printed, j);

          if (!contains (documented, option) && !g_strv_contains (global_options, option))
            report ("“presence-bridge-cli %s --help” prints %s, the manual page does not give it to %s",
                                command, option, command);
        }
      for (guint j = 0; j < documented->len; j++)
        {
          const char *option = g_ptr_array_index (documented, j);

          if (!contains (printed, option))
            report ("the manual page gives %s to %s, “presence-bridge-cli %s --help” does not print it",
                                option, command, command);
        }
    }
}

static gboolean
has_tag (const char *section,
         const char *tag)
{
  return contains (section_tags (section), tag);
}

static void
test_exit_codes (void)
{
  g_autofree char *header_path = g_build_filename (g_getenv ("PB_SOURCE_ROOT"), "src", "cli", "pb-cli.h", NULL);
  g_autofree char *header = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("PB_EXIT_[A-Z_]+ = ([0-9]+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  guint n_in_header = 0;

  for (guint i = 0; contract_exit_codes[i] != NULL; i++)
    {
      if (!has_tag ("EXIT STATUS", contract_exit_codes[i]))
        report ("exit status %s is not in EXIT STATUS", contract_exit_codes[i]);
    }
  for (guint i = 0; i < section_tags ("EXIT STATUS")->len; i++)
    {
      const char *code = g_ptr_array_index (section_tags ("EXIT STATUS"), i);

      if (!g_strv_contains (contract_exit_codes, code))
        report ("EXIT STATUS has %s, which no contract gives", code);
    }

  g_assert_true (g_file_get_contents (header_path, &header, NULL, &error));
  g_assert_no_error (error);
  g_regex_match (regex, header, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL), n_in_header++)
    {
      g_autofree char *code = g_match_info_fetch (match, 1);

      if (!has_tag ("EXIT STATUS", code))
        report ("src/cli/pb-cli.h has exit status %s, EXIT STATUS does not", code);
    }
  g_assert_cmpuint (n_in_header, >=, 7);
}

/* Every PRESENCE_BRIDGE_… string in the C sources below @dir. */
static void
find_variables (const char *dir,
                GPtrArray  *variables)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autoptr(GRegex) regex = g_regex_new ("\"(PRESENCE_BRIDGE_[A-Z_]+)\"", 0, 0, NULL);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          find_variables (path, variables);
          continue;
        }
      if (!g_str_has_suffix (name, ".c") || !g_file_get_contents (path, &contents, NULL, NULL))
        continue;

      g_regex_match (regex, contents, 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *variable = g_match_info_fetch (match, 1);

          if (!contains (variables, variable))
            g_ptr_array_add (variables, g_steal_pointer (&variable));
        }
    }
}

static void
test_environment (void)
{
  g_autofree char *sources = g_build_filename (g_getenv ("PB_SOURCE_ROOT"), "src", NULL);
  g_autoptr(GPtrArray) variables = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; contract_variables[i] != NULL; i++)
    g_ptr_array_add (variables, g_strdup (contract_variables[i]));
  find_variables (sources, variables);

  for (guint i = 0; i < variables->len; i++)
    {
      const char *variable = g_ptr_array_index (variables, i);

      if (!has_tag ("ENVIRONMENT", variable))
        report ("%s is not in ENVIRONMENT", variable);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("PB_CLI"));
  g_assert_nonnull (g_getenv ("PB_SOURCE_ROOT"));
  read_man_page (g_getenv ("PB_MAN_PAGE"));

  g_test_add_func ("/man/commands", test_commands);
  g_test_add_func ("/man/actions", test_actions);
  g_test_add_func ("/man/options", test_options);
  g_test_add_func ("/man/exit-codes", test_exit_codes);
  g_test_add_func ("/man/environment", test_environment);

  status = g_test_run ();

  g_hash_table_unref (page.tags);
  g_free (page.text);
  return status;
}
