/* pb-cli-config.c: validate, explain, import and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pb-cli.h"

static JsonNode *
findings_to_json (GListModel *findings)
{
  static const struct {
    PbSeverity severity;
    const char *key;
  } groups[] = {
    { PB_SEVERITY_ERROR, "errors" },
    { PB_SEVERITY_WARNING, "warnings" },
    { PB_SEVERITY_INFO, "info" },
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n = g_list_model_get_n_items (findings);

  json_builder_begin_object (builder);
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      json_builder_set_member_name (builder, groups[g].key);
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);

          if (pb_finding_get_severity (finding) != groups[g].severity)
            continue;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, pb_finding_get_code (finding));
          json_builder_set_member_name (builder, "path");
          json_builder_add_string_value (builder, pb_finding_get_path (finding));
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, pb_finding_get_message (finding));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Prints the findings, then their counts, and returns how many are errors.
 * Built in one buffer and written at once: a large profile has tens of
 * thousands. */
guint
pb_cli_print_findings (GListModel *findings)
{
  guint n = g_list_model_get_n_items (findings);
  /* About what a line takes: growing a buffer of megabytes costs copies. */
  g_autoptr(GString) out = g_string_sized_new (256 + n * 200);
  guint counts[PB_SEVERITY_INFO + 1] = { 0 };
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *info = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);
      PbSeverity severity = pb_finding_get_severity (finding);

      counts[severity]++;
      /* SEVERITY: PATH: MESSAGE [CODE], a layout scripts parse
       * (docs/cli.md): only the message is translated. */
      g_string_append (out, pb_severity_to_string (severity));
      g_string_append (out, ": ");
      pb_cli_append_escaped (out, pb_finding_get_path (finding));
      g_string_append (out, ": ");
      pb_cli_append_escaped (out, pb_finding_get_message (finding));
      g_string_append (out, " [");
      /* The platform's findings (push) are a server's text. */
      pb_cli_append_escaped (out, pb_finding_get_code (finding));
      g_string_append (out, "]\n");
    }

  errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", counts[PB_SEVERITY_ERROR]),
                            counts[PB_SEVERITY_ERROR]);
  warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", counts[PB_SEVERITY_WARNING]),
                              counts[PB_SEVERITY_WARNING]);
  info = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", counts[PB_SEVERITY_INFO]),
                          counts[PB_SEVERITY_INFO]);
  /* Translators: "2 errors, 1 warning, 3 notes" */
  g_string_append_printf (out, _("%s, %s, %s"), errors, warnings, info);
  g_string_append_c (out, '\n');
  pb_cli_write_stdout (out->str, out->len);

  return counts[PB_SEVERITY_ERROR];
}

int
pb_cli_validate (const PbCliCommand  *command,
                 int                  argc,
                 char               **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the findings as JSON"), NULL },
    { NULL }
  };
  g_autoptr(PbConfiguration) configuration = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;
  guint n_errors;

  if (!pb_cli_parse_options (command, entries, FALSE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc != 2)
    return pb_cli_usage_error (command, "%s", _("Expected exactly one FILE"));

  configuration = pb_config_file_load_path (argv[1], &error);
  if (configuration == NULL)
    return pb_cli_fail (argv[1], error);

  findings = pb_checks_run (configuration);
  if (as_json)
    {
      g_autoptr(JsonNode) node = findings_to_json (findings);

      pb_cli_print_json (node);
      n_errors = pb_checks_count (findings, PB_SEVERITY_ERROR);
    }
  else
    n_errors = pb_cli_print_findings (findings);

  return n_errors > 0 ? PB_EXIT_CONFIGURATION_ERRORS : PB_EXIT_OK;
}

/* The profile's draft: what the window shows and export writes. Prints
 * why not and returns the exit code on failure. */
static int
load_profile_draft (PbConfiguration **configuration_out)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = pb_cli_open_profile (&store, &profile)) != PB_EXIT_OK)
    return status;

  *configuration_out = pb_store_load_draft (store, profile, &error);
  if (*configuration_out == NULL)
    return pb_cli_fail (NULL, error);

  return PB_EXIT_OK;
}

int
pb_cli_explain (const PbCliCommand  *command,
                int                  argc,
                char               **argv)
{
  g_autoptr(PbConfiguration) configuration = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  if (!pb_cli_parse_options (command, NULL, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 2)
    return pb_cli_usage_error (command, "%s", _("Expected at most one FILE"));
  if (argc == 2 && pb_cli_get_profile_option () != NULL)
    return pb_cli_usage_error (command, "%s", _("Give either a FILE or --profile, not both"));

  if (argc == 2)
    {
      configuration = pb_config_file_load_path (argv[1], &error);
      if (configuration == NULL)
        return pb_cli_fail (argv[1], error);
    }
  else
    {
      int status = load_profile_draft (&configuration);

      if (status != PB_EXIT_OK)
        return status;
    }

  events = pb_preview_build (configuration);
  n = g_list_model_get_n_items (events);
  out = g_string_sized_new (n * 100);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbPreviewEvent) event = g_list_model_get_item (events, i);
      g_autofree char *line = pb_preview_event_to_string (event);

      g_string_append (out, "• ");
      pb_cli_append_escaped (out, line);
      g_string_append_c (out, '\n');
    }
  pb_cli_write_stdout (out->str, out->len);

  return PB_EXIT_OK;
}

int
pb_cli_import (const PbCliCommand  *command,
               int                  argc,
               char               **argv)
{
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Show the differences and write nothing"), NULL },
    { NULL }
  };
  g_autoptr(PbConfiguration) imported = NULL;
  g_autoptr(PbImportPlan) plan = NULL;
  g_autoptr(PbProfile) target = NULL;
  g_autoptr(PbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *escaped_name = NULL;
  guint n_errors;
  guint revision;

  if (!pb_cli_parse_options (command, entries, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc != 2)
    return pb_cli_usage_error (command, "%s", _("Expected exactly one FILE"));

  imported = pb_config_file_load_path (argv[1], &error);
  if (imported == NULL)
    return pb_cli_fail (argv[1], error);

  /* A dry run writes nothing, not even a new store: with no store yet it
   * compares against nothing. */
  store_path = pb_cli_dup_store_path ();
  if (dry_run && !g_file_test (store_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(PbConfiguration) empty = pb_configuration_new ();
      g_autoptr(GListModel) changes = pb_diff_configurations (empty, imported);

      pb_cli_print_changes (changes);
      return PB_EXIT_OK;
    }

  store = pb_store_open (store_path, &error);
  if (store == NULL)
    return pb_cli_fail (NULL, error);

  plan = pb_import_plan_new (store, pb_cli_get_profile_option (), imported, &error);
  if (plan == NULL)
    return pb_cli_fail (NULL, error);

  pb_cli_print_changes (pb_import_plan_get_changes (plan));

  /* A profile with fetched lists keeps them: say how the file's differ, as
   * every difference is shown before anything is written. */
  if (pb_import_plan_get_keeps_lists (plan))
    {
      g_print ("%s\n", _("The file’s lists differ from the profile’s, which are kept:"));
      pb_cli_print_changes (pb_import_plan_get_list_changes (plan));
    }

  n_errors = pb_import_plan_get_n_errors (plan);
  if (n_errors > 0)
    {
      g_printerr ("presence-bridge-cli: ");
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "warning: the imported configuration has %u error; run “validate” to see it",
                               "warning: the imported configuration has %u errors; run “validate” to see them",
                               n_errors), n_errors);
      g_printerr ("\n");
    }

  if (dry_run)
    return PB_EXIT_OK;

  basename = g_path_get_basename (argv[1]);
  /* Translators: the comment of the revision an import records; %s is a file name */
  comment = g_strdup_printf (_("Imported from %s"), basename);
  revision = pb_import_plan_apply (plan, store, comment, NULL, &target, &error);
  if (revision == 0)
    return pb_cli_fail (NULL, error);

  escaped_name = pb_cli_escape (pb_profile_get_name (target));
  /* Translators: first %s is a profile name, %u a revision number */
  g_print (_("Imported into profile “%s” as revision %u."), escaped_name, revision);
  g_print ("\n");

  return PB_EXIT_OK;
}

int
pb_cli_export (const PbCliCommand  *command,
               int                  argc,
               char               **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(PbConfiguration) configuration = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!pb_cli_parse_options (command, entries, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc != 1)
    return pb_cli_usage_error (command, "%s", _("Unexpected argument"));

  if ((status = load_profile_draft (&configuration)) != PB_EXIT_OK)
    return status;

  if (output != NULL)
    {
      /* The message names the file already. */
      if (!pb_config_file_save_path (configuration, output, &error))
        return pb_cli_fail (NULL, error);
    }
  else
    {
      gsize length = 0;
      g_autofree char *data = pb_config_file_to_data (configuration, NULL, &length);

      if (!pb_cli_write_stdout (data, length))
        return PB_EXIT_USAGE;
    }

  return PB_EXIT_OK;
}
