/* pb-cli-checks.c: checks, the list of every check the CLI and the window run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-cli.h"

int
pb_cli_checks (const PbCliCommand  *command,
               int                  argc,
               char               **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the checks as JSON"), NULL },
    { NULL }
  };
  const PbCheckInfo *checks;
  guint n;

  if (!pb_cli_parse_options (command, entries, FALSE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc != 1)
    return pb_cli_usage_error (command, "%s", _("Unexpected argument"));

  checks = pb_check_registry_get_all (&n);

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, checks[i].code);
          json_builder_set_member_name (builder, "severity");
          json_builder_add_string_value (builder, pb_severity_to_string (checks[i].severity));
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, pb_check_info_get_title (&checks[i]));
          json_builder_set_member_name (builder, "advice");
          json_builder_add_string_value (builder, pb_check_info_get_advice (&checks[i]));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      pb_cli_print_json (root);
      return PB_EXIT_OK;
    }

  for (guint i = 0; i < n; i++)
    {
      /* Translators: a check in `presence-bridge-cli checks`: its severity,
       * its stable code, its title; its advice follows on the next line */
      g_print (_("%s %s: %s"), pb_severity_to_string (checks[i].severity), checks[i].code,
               pb_check_info_get_title (&checks[i]));
      g_print ("\n    %s\n", pb_check_info_get_advice (&checks[i]));
    }

  return PB_EXIT_OK;
}
