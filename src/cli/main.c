/* main.c: presence-bridge-cli, the window's companion for scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gprintf.h>
#include <locale.h>
#include <stdio.h>

#include "pb-cli.h"

static const PbCliCommand commands[] = {
  { "validate", N_("FILE"), N_("Run every check on a configuration file"), pb_cli_validate },
  { "explain", N_("[FILE]"), N_("Describe in plain words what a configuration does to agents"), pb_cli_explain },
  { "import", N_("FILE"), N_("Import a configuration file into a profile"), pb_cli_import },
  { "export", "", N_("Write a profile’s current configuration as a file"), pb_cli_export },
  { "history", "", N_("List a profile’s saved revisions, newest first"), pb_cli_history },
  { "diff", N_("REV_A REV_B"), N_("Show what changed between two revisions"), pb_cli_diff },
  { "restore", N_("REV"), N_("Make an old revision the draft again"), pb_cli_restore },
  { "profile", N_("list|add|set|remove|use [NAME]"), N_("Manage connection profiles"), pb_cli_profile },
  { "checks", "", N_("List every check, with what it means and how to fix it"), pb_cli_checks },
  { "simulate", N_("[FILE]"), N_("Play an agent’s day through a configuration, step by step"), pb_cli_simulate },
  { "login", "", N_("Sign in to Salesforce through the browser and keep the sign-in in the keyring"), pb_cli_login },
  { "fetch", "", N_("Fetch the account, agent states, presence statuses and the platform’s configuration"), pb_cli_fetch },
  { "push", "", N_("Publish the profile’s configuration to the platform"), pb_cli_push },
  { "resolve", "", N_("Settle a conflict with the platform’s configuration"), pb_cli_resolve },
  { "promote", "", N_("Copy a profile’s configuration to another profile’s lists"), pb_cli_promote },
};

/* Options every command takes, which may come before the command. */
static gboolean
takes_value (const char *arg)
{
  return g_str_equal (arg, "--store") || g_str_equal (arg, "--profile") || g_str_equal (arg, "-p");
}

static void
print_usage (FILE *stream)
{
  g_fprintf (stream, "%s\n\n", _("Usage: presence-bridge-cli [--store PATH] [--profile NAME] COMMAND [OPTION…]"));
  g_fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_fprintf (stream, "\n%s\n", _("Run “presence-bridge-cli COMMAND --help” for a command’s options."));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) rest = NULL;
  g_autofree char *escaped = NULL;
  const char *command_name = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("presence-bridge-cli");

  /* The command is the first argument that is not an option or the value
   * of a leading --store or --profile; everything else goes to the
   * command's parser. */
  rest = g_ptr_array_new ();
  for (int i = 1; i < argc; i++)
    {
      if (command_name == NULL && takes_value (argv[i]) && i + 1 < argc)
        {
          g_ptr_array_add (rest, argv[i]);
          g_ptr_array_add (rest, argv[++i]);
        }
      else if (command_name == NULL && argv[i][0] != '-')
        command_name = argv[i];
      else if (command_name == NULL && (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h")))
        {
          print_usage (stdout);
          return PB_EXIT_OK;
        }
      else if (command_name == NULL && g_str_equal (argv[i], "--version"))
        {
          g_print ("presence-bridge-cli %s\n", PACKAGE_VERSION);
          return PB_EXIT_OK;
        }
      else
        g_ptr_array_add (rest, argv[i]);
    }

  if (command_name == NULL)
    {
      print_usage (stderr);
      return PB_EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (commands[i].name, command_name))
        {
          g_autofree char *prgname = g_strdup_printf ("presence-bridge-cli %s", command_name);

          g_ptr_array_insert (rest, 0, prgname);
          g_ptr_array_add (rest, NULL);
          return commands[i].run (&commands[i], rest->len - 1, (char **)rest->pdata);
        }
    }

  escaped = pb_cli_escape (command_name);
  g_printerr (_("presence-bridge-cli: unknown command “%s”"), escaped);
  g_printerr ("\n");
  print_usage (stderr);
  return PB_EXIT_USAGE;
}
