/* pb-cli-history.c: history, diff and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "pb-cli.h"

int
pb_cli_history (const PbCliCommand  *command,
                int                  argc,
                char               **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the revisions as JSON"), NULL },
    { NULL }
  };
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(GListModel) revisions = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  guint n;

  if (!pb_cli_parse_options (command, entries, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc != 1)
    return pb_cli_usage_error (command, "%s", _("Unexpected argument"));

  if ((status = pb_cli_open_profile (&store, &profile)) != PB_EXIT_OK)
    return status;

  revisions = pb_store_list_revisions (store, profile, &error);
  if (revisions == NULL)
    return pb_cli_fail (NULL, error);

  n = g_list_model_get_n_items (revisions);
  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PbRevision) revision = g_list_model_get_item (revisions, i);
          g_autofree char *time = pb_revision_dup_time_string (revision);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "revision");
          json_builder_add_int_value (builder, pb_revision_get_number (revision));
          json_builder_set_member_name (builder, "time");
          json_builder_add_string_value (builder, time);
          json_builder_set_member_name (builder, "source");
          json_builder_add_string_value (builder, pb_revision_get_source (revision));
          json_builder_set_member_name (builder, "comment");
          json_builder_add_string_value (builder, pb_revision_get_comment (revision) ? pb_revision_get_comment (revision) : "");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      pb_cli_print_json (root);
      return PB_EXIT_OK;
    }

  if (n == 0)
    {
      g_autofree char *name = pb_cli_escape (pb_profile_get_name (profile));

      /* Translators: %s is a profile name */
      g_print (_("Profile “%s” has no saved revisions yet."), name);
      g_print ("\n");
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbRevision) revision = g_list_model_get_item (revisions, i);
      g_autofree char *time = pb_revision_dup_time_string (revision);
      g_autofree char *source = pb_cli_escape (pb_revision_get_source (revision));
      g_autofree char *comment = pb_cli_escape (pb_revision_get_comment (revision));

      g_print ("%4u  %s  %-8s  %s\n", pb_revision_get_number (revision), time, source, comment);
    }

  return PB_EXIT_OK;
}

int
pb_cli_diff (const PbCliCommand  *command,
             int                  argc,
             char               **argv)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbConfiguration) before = NULL;
  g_autoptr(PbConfiguration) after = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GError) error = NULL;
  guint a, b;
  int status;

  if (!pb_cli_parse_options (command, NULL, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc != 3)
    return pb_cli_usage_error (command, "%s", _("Expected two revision numbers"));
  if (!pb_cli_parse_revision (argv[1], &a) || !pb_cli_parse_revision (argv[2], &b))
    return pb_cli_usage_error (command, "%s", _("A revision is a number from “history”"));

  if ((status = pb_cli_open_profile (&store, &profile)) != PB_EXIT_OK)
    return status;

  before = pb_store_load_revision (store, profile, a, &error);
  if (before == NULL)
    return pb_cli_fail (NULL, error);
  after = pb_store_load_revision (store, profile, b, &error);
  if (after == NULL)
    return pb_cli_fail (NULL, error);

  changes = pb_diff_configurations (before, after);
  pb_cli_print_changes (changes);

  return PB_EXIT_OK;
}

int
pb_cli_restore (const PbCliCommand  *command,
                int                  argc,
                char               **argv)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  guint number, recorded;
  int status;

  if (!pb_cli_parse_options (command, NULL, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc != 2)
    return pb_cli_usage_error (command, "%s", _("Expected one revision number"));
  if (!pb_cli_parse_revision (argv[1], &number))
    return pb_cli_usage_error (command, "%s", _("A revision is a number from “history”"));

  if ((status = pb_cli_open_profile (&store, &profile)) != PB_EXIT_OK)
    return status;

  recorded = pb_store_restore_revision (store, profile, number, NULL, &error);
  if (recorded == 0)
    return pb_cli_fail (NULL, error);

  /* Translators: both %u are revision numbers */
  g_print (_("Revision %u is the draft again (recorded as revision %u)."), number, recorded);
  g_print ("\n");

  return PB_EXIT_OK;
}
