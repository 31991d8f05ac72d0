/* pb-cli-promote.c: promote, a configuration carried from one profile to another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-cli.h"

/* A profile's draft, refused when it has no lists: a promotion matches
 * against them (docs/cli.md). Prints why not and returns the exit code. */
static int
load_lists (PbStore          *store,
            const char       *name,
            PbProfile       **profile_out,
            PbConfiguration **draft_out)
{
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(PbConfiguration) draft = NULL;
  g_autoptr(GError) error = NULL;

  profile = pb_store_lookup_profile (store, name, &error);
  if (profile == NULL)
    return pb_cli_fail (NULL, error);

  draft = pb_store_load_draft (store, profile, &error);
  if (draft == NULL)
    return pb_cli_fail (NULL, error);

  if (!pb_promotion_has_lists (draft))
    {
      g_autofree char *escaped = pb_cli_escape (name);

      g_printerr ("presence-bridge-cli: ");
      /* Translators: %s is a profile name */
      g_printerr (_("profile “%s” has no agent states or presence statuses yet: “fetch” it (or import a file "
                    "into it) first"), escaped);
      g_printerr ("\n");
      return PB_EXIT_USAGE;
    }

  *profile_out = g_steal_pointer (&profile);
  *draft_out = g_steal_pointer (&draft);
  return PB_EXIT_OK;
}

int
pb_cli_promote (const PbCliCommand  *command,
                int                  argc,
                char               **argv)
{
  g_autofree char *from_name = NULL;
  g_autofree char *to_name = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_name, N_("The profile whose configuration is copied"), N_("NAME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_name, N_("The profile whose draft it becomes"), N_("NAME") },
    { NULL }
  };
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) from = NULL;
  g_autoptr(PbProfile) to = NULL;
  g_autoptr(PbConfiguration) from_draft = NULL;
  g_autoptr(PbConfiguration) to_draft = NULL;
  g_autoptr(PbPromotion) promotion = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from_escaped = NULL;
  g_autofree char *to_escaped = NULL;
  g_autofree char *comment = NULL;
  GListModel *unmatched;
  guint n_errors;
  guint revision;
  int status;

  if (!pb_cli_parse_options (command, entries, FALSE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc != 1)
    return pb_cli_usage_error (command, "%s", _("Unexpected argument"));
  if (from_name == NULL || to_name == NULL || *from_name == '\0' || *to_name == '\0')
    return pb_cli_usage_error (command, "%s", _("Give both --from NAME and --to NAME"));
  if (g_str_equal (from_name, to_name))
    return pb_cli_usage_error (command, "%s", _("--from and --to name the same profile"));

  store = pb_cli_open_store (&error);
  if (store == NULL)
    return pb_cli_fail (NULL, error);
  if ((status = load_lists (store, from_name, &from, &from_draft)) != PB_EXIT_OK ||
      (status = load_lists (store, to_name, &to, &to_draft)) != PB_EXIT_OK)
    return status;

  promotion = pb_promotion_new (from_draft, to_draft);
  unmatched = pb_promotion_get_unmatched (promotion);
  from_escaped = pb_cli_escape (from_name);
  to_escaped = pb_cli_escape (to_name);

  /* Translators: two profile names */
  g_print (_("Promoting profile “%s” to “%s”."), from_escaped, to_escaped);
  g_print ("\n");
  if (g_list_model_get_n_items (unmatched) == 0)
    g_print ("%s\n", _("Every presence status and agent state matched."));
  else
    {
      /* Translators: %s is a profile name */
      g_print (_("What did not match (“the target” is “%s”):"), to_escaped);
      g_print ("\n");
      pb_cli_print_changes (unmatched);
    }

  /* Translators: %s is a profile name */
  g_print (_("Changes to the draft of “%s”:"), to_escaped);
  g_print ("\n");
  changes = pb_diff_configurations (to_draft, pb_promotion_get_result (promotion));
  pb_cli_print_changes (changes);

  findings = pb_checks_run (pb_promotion_get_result (promotion));
  n_errors = pb_checks_count (findings, PB_SEVERITY_ERROR);
  if (n_errors > 0)
    {
      g_printerr ("presence-bridge-cli: ");
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "warning: the promoted configuration has %u error; run “validate” to see it",
                               "warning: the promoted configuration has %u errors; run “validate” to see them",
                               n_errors), n_errors);
      g_printerr ("\n");
    }

  /* Translators: the comment of the revision a promotion records; %s is a profile name */
  comment = g_strdup_printf (_("Promoted from “%s”"), from_name);
  revision = pb_store_save_revision (store, to, pb_promotion_get_result (promotion), PB_REVISION_SOURCE_PROMOTE,
                                     comment, NULL, &error);
  if (revision == 0)
    return pb_cli_fail (NULL, error);

  /* Translators: a revision number, then a profile name twice */
  g_print (_("Recorded as revision %u, the draft of “%s”; “push --profile %s” publishes it."),
           revision, to_escaped, to_escaped);
  g_print ("\n");

  return PB_EXIT_OK;
}
