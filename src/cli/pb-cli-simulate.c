/* pb-cli-simulate.c: simulate, an agent's day played through a configuration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-cli.h"

typedef struct
{
  PbConfiguration *configuration; /* the one simulated: a file or a draft */
  PbConfiguration *compared;      /* --compare REV, or NULL */
  guint revision;
  PbDayScript *day;
} Simulate;

static void
simulate_clear (Simulate *simulate)
{
  g_clear_object (&simulate->configuration);
  g_clear_object (&simulate->compared);
  g_clear_object (&simulate->day);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Simulate, simulate_clear)

/* JSON */

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_flag (JsonBuilder *builder,
          PbFinding   *flag)
{
  g_autoptr(GEnumClass) subjects = g_type_class_ref (PB_TYPE_SUBJECT);

  json_builder_begin_object (builder);
  add_string_member (builder, "code", pb_finding_get_code (flag));
  add_string_member (builder, "severity", pb_severity_to_string (pb_finding_get_severity (flag)));
  add_string_member (builder, "message", pb_finding_get_message (flag));
  add_string_member (builder, "path", pb_finding_get_path (flag));
  add_string_member (builder, "subjectKind", g_enum_get_value (subjects, pb_finding_get_subject (flag))->value_nick);
  add_string_member (builder, "subject", pb_finding_get_subject_id (flag));
  json_builder_end_object (builder);
}

static void
add_step (JsonBuilder *builder,
          PbSimStep   *step)
{
  const char * const *explanation = pb_sim_step_get_explanation (step);

  json_builder_begin_object (builder);
  add_string_member (builder, "event", pb_sim_step_get_event_text (step));
  add_string_member (builder, "eventType", pb_day_event_type_to_string (pb_sim_step_get_event_type (step)));
  add_string_member (builder, "eventSubject", pb_sim_step_get_event_subject (step));
  add_string_member (builder, "platformState", pb_sim_step_get_state_id (step));
  add_string_member (builder, "platformStateName", pb_sim_step_get_state_name (step));
  json_builder_set_member_name (builder, "loggedIn");
  json_builder_add_boolean_value (builder, pb_sim_step_get_logged_in (step));
  add_string_member (builder, "presence", pb_sim_step_get_presence (step));
  add_string_member (builder, "presenceLabel", pb_sim_step_get_presence_label (step));
  json_builder_set_member_name (builder, "presenceOnline");
  json_builder_add_boolean_value (builder, pb_sim_step_get_presence_online (step));
  add_string_member (builder, "rule", pb_sim_step_get_rule (step));

  json_builder_set_member_name (builder, "explanation");
  json_builder_begin_array (builder);
  for (guint i = 0; explanation != NULL && explanation[i] != NULL; i++)
    json_builder_add_string_value (builder, explanation[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "flags");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pb_sim_step_get_n_flags (step); i++)
    add_flag (builder, pb_sim_step_get_flag (step, i));
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

static void
add_steps (JsonBuilder *builder,
           GListModel  *steps)
{
  guint n = g_list_model_get_n_items (steps);

  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbSimStep) step = g_list_model_get_item (steps, i);
      add_step (builder, step);
    }
  json_builder_end_array (builder);
}

static void
add_differences (JsonBuilder *builder,
                 GListModel  *comparisons)
{
  static const struct {
    PbSimDifference difference;
    const char *field;
  } fields[] = {
    { PB_SIM_DIFFERENCE_STATE, "platformState" },
    { PB_SIM_DIFFERENCE_PRESENCE, "presence" },
    { PB_SIM_DIFFERENCE_FLAGS, "flags" },
  };
  guint n = g_list_model_get_n_items (comparisons);

  json_builder_set_member_name (builder, "differences");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbSimComparison) comparison = g_list_model_get_item (comparisons, i);
      PbSimDifference differences = pb_sim_comparison_get_differences (comparison);

      if (differences == PB_SIM_DIFFERENCE_NONE)
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, i);
      json_builder_set_member_name (builder, "fields");
      json_builder_begin_array (builder);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        if (differences & fields[f].difference)
          json_builder_add_string_value (builder, fields[f].field);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_json (Simulate   *simulate,
            GListModel *steps,
            GListModel *compared_steps,
            GListModel *comparisons)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string_member (builder, "day", pb_day_script_get_name (simulate->day));
  add_steps (builder, steps);
  if (comparisons != NULL)
    {
      json_builder_set_member_name (builder, "compare");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "revision");
      json_builder_add_int_value (builder, simulate->revision);
      add_steps (builder, compared_steps);
      add_differences (builder, comparisons);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  pb_cli_print_json (root);
}

/* Text */

/* Every string that carries a label, a name or an id is escaped on its way
 * to the terminal. */
static void
print_escaped_line (const char *indent,
                    const char *text)
{
  g_autofree char *escaped = pb_cli_escape (text);

  g_print ("%s%s\n", indent, escaped);
}

static void
print_sides (const char *indent,
             PbSimStep  *step)
{
  g_autofree char *presence = NULL;
  g_autofree char *line = NULL;

  if (pb_sim_step_get_presence_label (step) != NULL)
    /* Translators: a presence label, as the step shows it */
    presence = g_strdup_printf (_("“%s”"), pb_sim_step_get_presence_label (step));
  else
    presence = g_strdup (_("offline"));

  /* Translators: the two systems' view of the agent after a step: a state
   * name, then a presence label in quotes or “offline” */
  line = g_strdup_printf (_("ContactPad: %s   Omni-Channel: %s"), pb_sim_step_get_state_name (step), presence);
  print_escaped_line (indent, line);
}

static void
print_rule_and_flags (const char *indent,
                      PbSimStep  *step)
{
  const char * const *explanation = pb_sim_step_get_explanation (step);

  for (guint i = 0; explanation != NULL && explanation[i] != NULL; i++)
    {
      g_autofree char *line = NULL;

      if (explanation[i + 1] == NULL)
        line = g_strdup_printf ("• %s [%s]", explanation[i], pb_sim_step_get_rule (step));
      else
        line = g_strdup_printf ("• %s", explanation[i]);
      print_escaped_line (indent, line);
    }

  for (guint i = 0; i < pb_sim_step_get_n_flags (step); i++)
    {
      PbFinding *flag = pb_sim_step_get_flag (step, i);
      /* Translators: severity, JSON path, message, stable code, as validate prints a finding */
      g_autofree char *line = g_strdup_printf (_("%s: %s: %s [%s]"),
                                               pb_severity_to_string (pb_finding_get_severity (flag)),
                                               pb_finding_get_path (flag),
                                               pb_finding_get_message (flag),
                                               pb_finding_get_code (flag));

      print_escaped_line (indent, line);
    }
}

static void
print_step (PbSimStep *step)
{
  g_autofree char *heading = g_strdup_printf ("%u. %s", pb_sim_step_get_index (step) + 1,
                                              pb_sim_step_get_event_text (step));

  print_escaped_line ("", heading);
  print_sides ("   ", step);
  print_rule_and_flags ("   ", step);
}

/* Both runs of a step that differs, the compared revision first. */
static void
print_differing_step (Simulate        *simulate,
                      PbSimComparison *comparison)
{
  PbSimStep *before = pb_sim_comparison_get_before (comparison);
  PbSimStep *after = pb_sim_comparison_get_after (comparison);
  g_autofree char *heading = g_strdup_printf ("≠ %u. %s", pb_sim_step_get_index (after) + 1,
                                              pb_sim_step_get_event_text (after));

  print_escaped_line ("", heading);
  g_print ("   ");
  /* Translators: %u is a revision number; what follows is the step as
   * that revision plays it */
  g_print (_("revision %u:"), simulate->revision);
  g_print ("\n");
  print_sides ("      ", before);
  print_rule_and_flags ("      ", before);
  /* Translators: what follows is the step as the simulated configuration
   * (a file or the draft) plays it */
  g_print ("   %s\n", _("this configuration:"));
  print_sides ("      ", after);
  print_rule_and_flags ("      ", after);
}

static void
print_summary (GListModel *steps)
{
  guint n = g_list_model_get_n_items (steps);
  guint n_warnings = pb_simulation_count_flags (steps, PB_SEVERITY_WARNING);
  guint n_errors = pb_simulation_count_flags (steps, PB_SEVERITY_ERROR);
  guint n_info = pb_simulation_count_flags (steps, PB_SEVERITY_INFO);
  g_autofree char *step_text = NULL;
  g_autofree char *flag_text = NULL;

  step_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps", n), n);
  flag_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u flag", "%u flags", n_warnings + n_errors + n_info),
                               n_warnings + n_errors + n_info);
  /* Translators: "16 steps, 4 flags" */
  g_print (_("%s, %s"), step_text, flag_text);
  g_print ("\n");
}

static void
print_text (Simulate   *simulate,
            GListModel *steps,
            GListModel *comparisons)
{
  guint n = g_list_model_get_n_items (steps);
  guint n_differing = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbSimStep) step = g_list_model_get_item (steps, i);
      g_autoptr(PbSimComparison) comparison = comparisons ? g_list_model_get_item (comparisons, i) : NULL;

      if (i > 0)
        g_print ("\n");

      if (comparison != NULL && pb_sim_comparison_get_differences (comparison) != PB_SIM_DIFFERENCE_NONE)
        {
          print_differing_step (simulate, comparison);
          n_differing++;
        }
      else
        {
          print_step (step);
        }
    }

  g_print ("\n");
  print_summary (steps);
  if (comparisons != NULL)
    {
      /* Translators: the first %u is a number of steps, the second of all
       * steps, the third a revision number */
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "%u of %u steps differs from revision %u",
                            "%u of %u steps differ from revision %u", n_differing),
               n_differing, n, simulate->revision);
      g_print ("\n");
    }
}

/* Loading */

static int
load_compared (Simulate *simulate)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = pb_cli_open_profile (&store, &profile)) != PB_EXIT_OK)
    return status;

  simulate->compared = pb_store_load_revision (store, profile, simulate->revision, &error);
  if (simulate->compared == NULL)
    return pb_cli_fail (NULL, error);

  return PB_EXIT_OK;
}

static int
load_configuration (Simulate   *simulate,
                    const char *file)
{
  g_autoptr(PbStore) store = NULL;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (file != NULL)
    {
      simulate->configuration = pb_config_file_load_path (file, &error);
      if (simulate->configuration == NULL)
        return pb_cli_fail (file, error);
      return PB_EXIT_OK;
    }

  if ((status = pb_cli_open_profile (&store, &profile)) != PB_EXIT_OK)
    return status;

  simulate->configuration = pb_store_load_draft (store, profile, &error);
  if (simulate->configuration == NULL)
    return pb_cli_fail (NULL, error);

  return PB_EXIT_OK;
}

/* The built-in days are made from the simulated configuration's lists, and
 * played unchanged through the compared one. */
static int
load_day (Simulate   *simulate,
          const char *day)
{
  g_autoptr(GError) error = NULL;

  if (day == NULL || g_str_equal (day, PB_DAY_SCRIPT_DEFAULT))
    {
      simulate->day = pb_day_script_new_default (simulate->configuration);
      return PB_EXIT_OK;
    }

  if (g_str_equal (day, PB_DAY_SCRIPT_EVERY_STATUS))
    {
      simulate->day = pb_day_script_new_every_status (simulate->configuration);
      return PB_EXIT_OK;
    }

  simulate->day = pb_day_script_load_path (day, &error);
  if (simulate->day == NULL ||
      !pb_day_script_check_references (simulate->day, simulate->configuration, &error))
    return pb_cli_fail (day, error);

  return PB_EXIT_OK;
}

int
pb_cli_simulate (const PbCliCommand  *command,
                 int                  argc,
                 char               **argv)
{
  g_autofree char *day = NULL;
  g_autofree char *compare = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "day", 0, 0, G_OPTION_ARG_FILENAME, &day,
      N_("The day to play: default, every-status, or a day script FILE"), N_("DAY") },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &compare,
      N_("Also play the day through revision REV and show what differs"), N_("REV") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print the steps as JSON"), NULL },
    { NULL }
  };
  g_auto(Simulate) simulate = { 0 };
  g_autoptr(GListModel) steps = NULL;
  g_autoptr(GListModel) compared_steps = NULL;
  g_autoptr(GListModel) comparisons = NULL;
  g_autoptr(GListModel) findings = NULL;
  const char *file = NULL;
  guint n_errors;
  int status;

  if (!pb_cli_parse_options (command, entries, TRUE, &argc, &argv))
    return PB_EXIT_USAGE;
  if (argc > 2)
    return pb_cli_usage_error (command, "%s", _("Expected at most one FILE"));
  if (argc == 2)
    file = argv[1];
  /* With --compare, --profile says where REV is. */
  if (file != NULL && pb_cli_get_profile_option () != NULL && compare == NULL)
    return pb_cli_usage_error (command, "%s", _("Give either a FILE or --profile, not both"));
  if (compare != NULL && !pb_cli_parse_revision (compare, &simulate.revision))
    return pb_cli_usage_error (command, "%s", _("A revision is a number from “history”"));

  if ((status = load_configuration (&simulate, file)) != PB_EXIT_OK ||
      (compare != NULL && (status = load_compared (&simulate)) != PB_EXIT_OK) ||
      (status = load_day (&simulate, day)) != PB_EXIT_OK)
    return status;

  steps = pb_simulation_run (simulate.configuration, simulate.day);
  if (simulate.compared != NULL)
    {
      compared_steps = pb_simulation_run (simulate.compared, simulate.day);
      comparisons = pb_simulation_compare (compared_steps, steps);
    }

  if (as_json)
    print_json (&simulate, steps, compared_steps, comparisons);
  else
    print_text (&simulate, steps, comparisons);

  /* As validate: a configuration with errors is simulated all the same,
   * and the exit code says it cannot be saved or published. */
  findings = pb_checks_run (simulate.configuration);
  n_errors = pb_checks_count (findings, PB_SEVERITY_ERROR);
  if (n_errors > 0)
    {
      g_printerr ("presence-bridge-cli: ");
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "the configuration has %u error; run “validate” to see it",
                               "the configuration has %u errors; run “validate” to see them",
                               n_errors), n_errors);
      g_printerr ("\n");
      return PB_EXIT_CONFIGURATION_ERRORS;
    }

  return PB_EXIT_OK;
}
