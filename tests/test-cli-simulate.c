/* test-cli-simulate.c: presence-bridge-cli simulate as scripts use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-cli.h"
#include "pb-test-fixtures.h"

#define DAY_HEAD "{\"format\":\"presence-bridge-day\",\"version\":1,\"events\":["

static JsonArray *
steps_of (JsonNode *root)
{
  return json_object_get_array_member (json_node_get_object (root), "steps");
}

static JsonObject *
step_of (JsonNode *root,
         guint     index)
{
  return json_array_get_object_element (steps_of (root), index);
}

static gboolean
step_has_flag (JsonObject *step,
               const char *code,
               const char *subject)
{
  JsonArray *flags = json_object_get_array_member (step, "flags");

  for (guint i = 0; i < json_array_get_length (flags); i++)
    {
      JsonObject *flag = json_array_get_object_element (flags, i);

      if (g_str_equal (json_object_get_string_member (flag, "code"), code) &&
          g_str_equal (json_object_get_string_member (flag, "subject"), subject))
        return TRUE;
    }

  return FALSE;
}

static void
test_worked_example (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const domain_lines[] = {
    "• Agent goes offline in Omni-Channel → logged out of ContactPad [go_offline]\n",
    "• Agent logs in to ContactPad → Omni-Channel shows “Ready for cases” [log_in]\n",
    "• Agent picks “On a call” → ContactPad state Away\n",
    "• Agent picks “Away from desk (temporary)” → ContactPad state Break\n",
    "• ContactPad state becomes Wrap up → Omni-Channel shows “Taking notes” [wrap_up]\n",
    "• Agent logs out of ContactPad → offline in Omni-Channel [log_out]\n",
  };
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_auto(Run) run = { 0 };

  run_cli (fixture, &run, "simulate", example, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (domain_lines); i++)
    if (strstr (run.out, domain_lines[i]) == NULL)
      g_error ("missing “%s” in:\n%s", domain_lines[i], run.out);

  /* One block per step: the event, both systems, the rule, the flags. */
  g_assert_nonnull (strstr (run.out,
                            "10. Agent picks “On a call”\n"
                            "   ContactPad: Away   Omni-Channel: “Away from desk (temporary)”\n"
                            "   • Agent picks “On a call” → ContactPad state Away\n"
                            "   • ContactPad state becomes Away → Omni-Channel shows “Away from desk (temporary)” [round_trip]\n"
                            "   warning: presenceToState.On_a_call: The agent picked “On a call”, but Omni-Channel now shows "
                            "“Away from desk (temporary)”, the status mapped to Away: the agent's own choice is replaced "
                            "[choice_overwritten]\n"));
  g_assert_nonnull (strstr (run.out, "16. Agent logs out of ContactPad\n   ContactPad: Logged out   Omni-Channel: offline\n"));
  g_assert_true (g_str_has_suffix (run.out, "\n16 steps, 4 flags\n"));
}

/* --json: exactly the keys, for every step, and the same steps as
 * the core plays (which the window shows). */
static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  static const char * const required[] = { "event", "platformState", "presence", "rule", "flags" };
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autoptr(PbConfiguration) config = NULL;
  g_autoptr(PbDayScript) script = NULL;
  g_autoptr(GListModel) steps = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonArray *array;

  run_cli (fixture, &run, "simulate", "--json", example, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "day"), ==, "default");
  g_assert_false (json_object_has_member (json_node_get_object (root), "compare"));

  config = pb_config_file_load_path (example, &error);
  g_assert_no_error (error);
  script = pb_day_script_new_default (config);
  steps = pb_simulation_run (config, script);

  array = steps_of (root);
  g_assert_cmpuint (json_array_get_length (array), ==, g_list_model_get_n_items (steps));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *step = json_array_get_object_element (array, i);
      g_autoptr(PbSimStep) core_step = g_list_model_get_item (steps, i);
      JsonArray *flags = json_object_get_array_member (step, "flags");

      for (guint k = 0; k < G_N_ELEMENTS (required); k++)
        g_assert_true (json_object_has_member (step, required[k]));

      g_assert_cmpstr (json_object_get_string_member (step, "event"), ==, pb_sim_step_get_event_text (core_step));
      g_assert_cmpstr (json_object_get_string_member (step, "platformState"), ==, pb_sim_step_get_state_id (core_step));
      g_assert_cmpstr (json_object_get_string_member_with_default (step, "presence", NULL), ==,
                       pb_sim_step_get_presence (core_step));
      g_assert_cmpstr (json_object_get_string_member (step, "rule"), ==, pb_sim_step_get_rule (core_step));
      g_assert_cmpuint (json_array_get_length (flags), ==, pb_sim_step_get_n_flags (core_step));
      for (guint f = 0; f < json_array_get_length (flags); f++)
        {
          JsonObject *flag = json_array_get_object_element (flags, f);
          PbFinding *core_flag = pb_sim_step_get_flag (core_step, f);

          g_assert_cmpstr (json_object_get_string_member (flag, "code"), ==, pb_finding_get_code (core_flag));
          g_assert_cmpstr (json_object_get_string_member (flag, "severity"), ==, "warning");
          g_assert_cmpstr (json_object_get_string_member (flag, "message"), ==, pb_finding_get_message (core_flag));
        }
    }

  /* Offline is null; logged out is Logged out's id. */
  g_assert_true (json_object_get_null_member (step_of (root, 15), "presence"));
  g_assert_cmpstr (json_object_get_string_member (step_of (root, 15), "platformState"), ==, "logged_out");
  g_assert_false (json_object_get_boolean_member (step_of (root, 15), "loggedIn"));
  g_assert_cmpstr (json_object_get_string_member (step_of (root, 9), "eventType"), ==, "pick-presence");
  g_assert_cmpstr (json_object_get_string_member (step_of (root, 9), "eventSubject"), ==, "On_a_call");
  g_assert_true (step_has_flag (step_of (root, 8), "double_routing", "Taking_notes"));
}

/* A busy status mapped to Ready: double routing at the pick, with the
 * every-status day, whatever comes before it. */
static void
test_every_status_double_routing (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *config = write_variant (fixture, "busy-ready.json",
                                           "\"On_a_call\": \"away\"", "\"On_a_call\": \"ready\"");
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) run = { 0 };
  gboolean found = FALSE;
  JsonArray *array;

  run_cli (fixture, &run, "simulate", config, "--day", "every-status", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "day"), ==, "every-status");

  array = steps_of (root);
  /* Log in, five statuses, twelve states, log out. */
  g_assert_cmpuint (json_array_get_length (array), ==, 19);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *step = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (step, "eventSubject", NULL), "On_a_call") == 0)
        {
          g_assert_true (step_has_flag (step, "double_routing", "On_a_call"));
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_configuration_errors (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *unmapped = write_variant (fixture, "unmapped.json",
                                             "\"away\": \"Away_from_desk_temporary\",", "");
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) run = { 0 };

  /* Simulated all the same; exit 1 as validate, one line on stderr. */
  run_cli (fixture, &run, "simulate", "--json", unmapped, NULL);
  g_assert_cmpint (run.status, ==, 1);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (steps_of (root)), ==, 16);
  g_assert_cmpstr (run.err, ==, "presence-bridge-cli: the configuration has 1 error; run “validate” to see it\n");
  /* The Away states have no presence: Omni-Channel keeps what it showed. */
  g_assert_cmpstr (json_object_get_string_member (step_of (root, 6), "platformState"), ==, "away.break");
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *bad_config = write_file (fixture, "bad.json", "{\"format\": \"presence-bridge-config\",");
  g_autofree char *bad_day = write_file (fixture, "bad-day.json",
                                         DAY_HEAD "\n  {\"event\": \"log-in\"},\n  {\"event\": \"lunch\"}\n]}");
  g_autofree char *stale_day = write_file (fixture, "stale-day.json",
                                           DAY_HEAD "{\"event\":\"log-in\"},{\"event\":\"pick-presence\",\"presence\":\"Gone\"}]}");
  g_autofree char *syntax_day = write_file (fixture, "syntax-day.json", DAY_HEAD "{\"event\":\"log-in\"},]}");
  g_autofree char *missing_day = g_build_filename (fixture->dir, "missing-day.json", NULL);
  g_auto(Run) config_run = { 0 };
  g_auto(Run) day_run = { 0 };
  g_auto(Run) stale_run = { 0 };
  g_auto(Run) syntax_run = { 0 };
  g_auto(Run) missing_run = { 0 };
  g_auto(Run) both_run = { 0 };
  g_auto(Run) two_files = { 0 };
  g_auto(Run) bad_rev = { 0 };
  g_auto(Run) no_profile = { 0 };

  run_cli (fixture, &config_run, "simulate", bad_config, NULL);
  g_assert_cmpint (config_run.status, ==, 2);
  g_assert_true (g_str_has_prefix (config_run.err, "presence-bridge-cli: "));
  g_assert_nonnull (strstr (config_run.err, "bad.json: line 1:"));

  run_cli (fixture, &day_run, "simulate", example, "--day", bad_day, NULL);
  g_assert_cmpint (day_run.status, ==, 2);
  g_assert_nonnull (strstr (day_run.err, "bad-day.json: events[1].event: unknown event “lunch”"));
  g_assert_cmpstr (day_run.out, ==, "");

  run_cli (fixture, &stale_run, "simulate", example, "--day", stale_day, NULL);
  g_assert_cmpint (stale_run.status, ==, 2);
  g_assert_nonnull (strstr (stale_run.err,
                            "stale-day.json: events[1].presence: “Gone” is not one of the configuration's presence statuses"));

  run_cli (fixture, &syntax_run, "simulate", example, "--day", syntax_day, NULL);
  g_assert_cmpint (syntax_run.status, ==, 2);
  g_assert_nonnull (strstr (syntax_run.err, "syntax-day.json: line 1:"));
  /* One line, whatever went wrong. */
  g_assert_cmpint (strchr (syntax_run.err, '\n') - syntax_run.err, ==, strlen (syntax_run.err) - 1);

  run_cli (fixture, &missing_run, "simulate", example, "--day", missing_day, NULL);
  g_assert_cmpint (missing_run.status, ==, 2);
  g_assert_nonnull (strstr (missing_run.err, "missing-day.json"));

  run_cli (fixture, &both_run, "simulate", example, "--profile", "Prod", NULL);
  g_assert_cmpint (both_run.status, ==, 2);
  run_cli (fixture, &two_files, "simulate", example, example, NULL);
  g_assert_cmpint (two_files.status, ==, 2);
  run_cli (fixture, &bad_rev, "simulate", example, "--compare", "latest", NULL);
  g_assert_cmpint (bad_rev.status, ==, 2);
  g_assert_nonnull (strstr (bad_rev.err, "history"));

  /* No store, no profile: nothing to compare with, nothing to simulate. */
  run_cli (fixture, &no_profile, "simulate", NULL);
  g_assert_cmpint (no_profile.status, ==, 2);
}

static void
test_day_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *day = write_file (fixture, "chat-day.json",
                                     "{\"format\":\"presence-bridge-day\",\"version\":1,\"name\":\"Chats\",\"events\":["
                                     "{\"event\":\"log-in\"},"
                                     "{\"event\":\"pick-presence\",\"presence\":\"Ready_for_Chats\",\"note\":\"chats only\"},"
                                     "{\"event\":\"chat\"},"
                                     "{\"event\":\"state-change\",\"state\":\"ready\"}]}");
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) run = { 0 };

  run_cli (fixture, &run, "simulate", example, "--day", day, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "day"), ==, "Chats");
  g_assert_cmpuint (json_array_get_length (steps_of (root)), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (step_of (root, 2), "platformState"), ==, "busy.inbound");
  g_assert_cmpstr (json_object_get_string_member (step_of (root, 2), "rule"), ==, "chat");
}

/* "What changes for agents if I publish this": the same day through a
 * saved revision and through the draft, in a real store. */
static void
test_compare (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *reverting = write_variant (fixture, "revert.json",
                                              "\"revertToLastStatus\": false", "\"revertToLastStatus\": true");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) file_root = NULL;
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) file_json = { 0 };
  g_auto(Run) missing_rev = { 0 };
  g_auto(Run) same = { 0 };
  JsonObject *compare;
  JsonArray *differences;
  JsonObject *difference;
  JsonArray *fields;

  run_cli (fixture, &first, "import", "--profile", "Prod", example, NULL);
  g_assert_cmpint (first.status, ==, 0);
  run_cli (fixture, &second, "import", "--profile", "Prod", reverting, NULL);
  g_assert_cmpint (second.status, ==, 0);

  /* The draft (revision 2, reverting) against revision 1. */
  run_cli (fixture, &text, "simulate", "--compare", "1", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out,
                            "≠ 5. Agent finishes an interaction\n"
                            "   revision 1:\n"
                            "      ContactPad: Ready   Omni-Channel: “Ready for cases”\n"
                            "      • Agent finishes an interaction → Omni-Channel shows “Ready for cases” (mapped to Ready) [post_call]\n"
                            "      warning: presenceToState.Ready_for_Chats: "));
  g_assert_nonnull (strstr (text.out,
                            "   this configuration:\n"
                            "      ContactPad: Ready   Omni-Channel: “Ready for chats”\n"
                            "      • Agent finishes an interaction → the presence the agent had before the interaction is restored [revert]\n"));
  g_assert_null (strstr (text.out, "≠ 4."));
  g_assert_true (g_str_has_suffix (text.out, "16 steps, 3 flags\n1 of 16 steps differs from revision 1\n"));

  run_cli (fixture, &json, "simulate", "--profile", "Prod", "--compare", "1", "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  compare = json_object_get_object_member (json_node_get_object (root), "compare");
  g_assert_cmpint (json_object_get_int_member (compare, "revision"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (compare, "steps")), ==, 16);
  differences = json_object_get_array_member (compare, "differences");
  g_assert_cmpuint (json_array_get_length (differences), ==, 1);
  difference = json_array_get_object_element (differences, 0);
  g_assert_cmpint (json_object_get_int_member (difference, "index"), ==, 4);
  fields = json_object_get_array_member (difference, "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (fields, 0), ==, "presence");
  g_assert_cmpstr (json_array_get_string_element (fields, 1), ==, "flags");
  g_assert_cmpstr (json_object_get_string_member (step_of (root, 4), "presence"), ==, "Ready_for_Chats");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (compare, "steps"), 4),
                                                  "presence"), ==, "Ready_for_Cases");

  /* A file against a revision of the default profile: the same answer. */
  run_cli (fixture, &file_json, "simulate", reverting, "--compare", "1", "--json", NULL);
  g_assert_cmpint (file_json.status, ==, 0);
  file_root = parse_json (file_json.out);
  g_assert_true (json_node_equal (root, file_root));

  run_cli (fixture, &same, "simulate", example, "--profile", "Prod", "--compare", "1", NULL);
  g_assert_cmpint (same.status, ==, 0);
  g_assert_true (g_str_has_suffix (same.out, "0 of 16 steps differ from revision 1\n"));
  g_assert_null (strstr (same.out, "≠"));

  run_cli (fixture, &missing_rev, "simulate", "--compare", "9", NULL);
  g_assert_cmpint (missing_rev.status, ==, 2);
  g_assert_nonnull (strstr (missing_rev.err, "9"));
}

/* Labels are the org's text: on a terminal they stay on their line and
 * change no colour; --json keeps them exactly. */
static void
test_hostile_labels (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *config = write_variant (fixture, "hostile.json",
                                           "\"label\": \"On a call\"",
                                           "\"label\": \"On \\u001b[31ma\\r\\ncall\\u009b\"");
  g_autoptr(JsonNode) root = NULL;
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };

  run_cli (fixture, &text, "simulate", config, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_null (strchr (text.out, '\033'));
  g_assert_null (strchr (text.out, '\r'));
  g_assert_null (strstr (text.out, "\xC2\x9B"));
  g_assert_nonnull (strstr (text.out, "10. Agent picks “On \\u001b[31ma\\u000d\\u000acall\\u009b”\n"));

  run_cli (fixture, &json, "simulate", config, "--json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  root = parse_json (json.out);
  g_assert_cmpstr (json_object_get_string_member (step_of (root, 9), "event"), ==,
                   "Agent picks “On \033[31ma\r\ncall\xC2\x9B”");
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Run) help = { 0 };
  g_auto(Run) usage = { 0 };

  run_cli (fixture, &help, "simulate", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--day"));
  g_assert_nonnull (strstr (help.out, "--compare"));
  run_cli (fixture, &usage, "--help", NULL);
  g_assert_nonnull (strstr (usage.out, "simulate"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/simulate/worked-example", test_worked_example);
  ADD ("/cli/simulate/json", test_json);
  ADD ("/cli/simulate/every-status-double-routing", test_every_status_double_routing);
  ADD ("/cli/simulate/configuration-errors", test_configuration_errors);
  ADD ("/cli/simulate/bad-input", test_bad_input);
  ADD ("/cli/simulate/day-file", test_day_file);
  ADD ("/cli/simulate/compare", test_compare);
  ADD ("/cli/simulate/hostile-labels", test_hostile_labels);
  ADD ("/cli/simulate/help", test_help);
#undef ADD

  return g_test_run ();
}
