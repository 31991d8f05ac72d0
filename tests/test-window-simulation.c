/* test-window-simulation.c: the window's Simulation view
 *
 * The same steps as presence-bridge-cli simulate (the real binary, $PB_CLI,
 * on the window's own store), following edits, comparing with the saved
 * revision, going to the row a flag names, from the keyboard too; a bad
 * day file explained; hostile names shown as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pb-sim-line.h"
#include "pb-sim-row.h"
#include "pb-simulation-panel.h"
#include "pb-test-cli.h"
#include "pb-test-fixtures.h"
#include "pb-test-window.h"
#include "pb-ui-util.h"

static PbSimulationPanel *
panel_of (PbWindow *window)
{
  return PB_SIMULATION_PANEL (pb_test_window_child (window, "simulation_panel"));
}

/* The panel's parts, by their place: the controls' grid first, the
 * error under it, the timeline last (the drop-down has a list and a
 * button of its own). */
static GtkWidget *
content_of (PbWindow *window)
{
  GtkWidget *content = gtk_widget_get_first_child (GTK_WIDGET (panel_of (window)));

  g_assert_nonnull (content);
  return content;
}

static GtkWidget *
control_at (PbWindow *window,
            int       column,
            int       row)
{
  GtkWidget *controls = gtk_widget_get_first_child (content_of (window));

  return gtk_grid_get_child_at (GTK_GRID (controls), column, row);
}

static GtkWidget *
timeline_of (PbWindow *window)
{
  GtkWidget *scroller = gtk_widget_get_last_child (content_of (window));
  GtkWidget *list = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));

  g_assert_true (GTK_IS_LIST_VIEW (list));
  return list;
}

/* Until the timeline shows what is asked: a change to the draft reaches
 * the panel with the window's refresh, which then plays it (busy). */
static void
wait_updated (PbWindow *window)
{
  PbSimulationPanel *panel = panel_of (window);

  pb_window_refresh_now (window);
  PB_TEST_WAIT_UNTIL (panel, "notify::busy", !pb_simulation_panel_get_busy (panel));
  pb_test_wait_for_draw (GTK_WIDGET (window));
}

/* F9, and the timeline it shows, up to date. */
static void
show_simulation (PbWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-simulation", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pb_test_window_child (window, "side_stack"))), ==,
                   "simulation");
  wait_updated (window);
  g_assert_nonnull (pb_simulation_panel_get_steps (panel_of (window)));
}

static void
choose (PbChoiceButton *chooser,
        const char     *label)
{
  pb_choice_button_set_selected (chooser, pb_test_chooser_position (chooser, label));
}

/* The position of the line of flag @code on the step numbered @step
 * (from 1), or GTK_INVALID_LIST_POSITION. */
static guint
find_flag_line (PbWindow   *window,
                guint       step,
                const char *code,
                const char *subject_id)
{
  GListModel *lines = pb_simulation_panel_get_lines (panel_of (window));

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(PbSimLine) line = g_list_model_get_item (lines, i);
      PbFinding *flag = pb_sim_line_get_flag (line);

      if (flag != NULL && pb_sim_step_get_index (pb_sim_line_get_step (line)) + 1 == step &&
          g_strcmp0 (pb_finding_get_code (flag), code) == 0 &&
          g_strcmp0 (pb_finding_get_subject_id (flag), subject_id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* The row bound to @line in the timeline (the view builds the rows near
 * its view: the worked example's all fit). */
static PbSimRow *
row_of (PbWindow  *window,
        PbSimLine *line)
{
  GtkWidget *list = timeline_of (window);

  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);

      if (row != NULL && PB_IS_SIM_ROW (row) && pb_sim_row_get_line (PB_SIM_ROW (row)) == line)
        return PB_SIM_ROW (row);
    }

  return NULL;
}

/* The texts a row shows, in order, its hidden labels left out. */
static char *
row_text (PbSimRow *row)
{
  GString *text = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (row)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child))
      g_string_append_printf (text, "%s|", gtk_label_get_label (GTK_LABEL (child)));

  return g_string_free (text, FALSE);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_null_member (object, name) ? NULL : json_object_get_string_member (object, name);
}

/* Every field of `simulate --json`, step by step, against the steps the
 * panel played, and what the timeline's rows show against the same. */
static void
assert_same_as_cli (PbTestWindowFixture *fixture,
                    PbWindow            *window,
                    const char          *day)
{
  Fixture cli = { fixture->dir, fixture->store_path };
  GListModel *steps = pb_simulation_panel_get_steps (panel_of (window));
  GListModel *lines = pb_simulation_panel_get_lines (panel_of (window));
  g_autoptr(GEnumClass) subjects = g_type_class_ref (PB_TYPE_SUBJECT);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *json_steps;
  guint line_index = 0;

  /* The CLI reads the store: the window's writes go first. */
  pb_test_window_wait_idle (window);
  run_cli (&cli, &run, "simulate", "--profile", "Example", "--day", day, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  json_steps = json_object_get_array_member (json_node_get_object (root), "steps");

  g_assert_nonnull (steps);
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, json_array_get_length (json_steps));
  for (guint i = 0; i < json_array_get_length (json_steps); i++)
    {
      JsonObject *expected = json_array_get_object_element (json_steps, i);
      g_autoptr(PbSimStep) step = g_list_model_get_item (steps, i);
      g_autoptr(PbSimLine) line = g_list_model_get_item (lines, line_index++);
      JsonArray *explanation = json_object_get_array_member (expected, "explanation");
      JsonArray *flags = json_object_get_array_member (expected, "flags");
      const char * const *sentences = pb_sim_step_get_explanation (step);
      g_autofree char *shown = NULL;
      g_autofree char *expected_shown = NULL;

      g_assert_cmpstr (pb_sim_step_get_event_text (step), ==, member_string (expected, "event"));
      g_assert_cmpstr (pb_day_event_type_to_string (pb_sim_step_get_event_type (step)), ==,
                       member_string (expected, "eventType"));
      g_assert_cmpstr (pb_sim_step_get_event_subject (step), ==, member_string (expected, "eventSubject"));
      g_assert_cmpstr (pb_sim_step_get_state_id (step), ==, member_string (expected, "platformState"));
      g_assert_cmpstr (pb_sim_step_get_state_name (step), ==, member_string (expected, "platformStateName"));
      g_assert_cmpint (pb_sim_step_get_logged_in (step), ==, json_object_get_boolean_member (expected, "loggedIn"));
      g_assert_cmpstr (pb_sim_step_get_presence (step), ==, member_string (expected, "presence"));
      g_assert_cmpstr (pb_sim_step_get_presence_label (step), ==, member_string (expected, "presenceLabel"));
      g_assert_cmpint (pb_sim_step_get_presence_online (step), ==,
                       json_object_get_boolean_member (expected, "presenceOnline"));
      g_assert_cmpstr (pb_sim_step_get_rule (step), ==, member_string (expected, "rule"));
      g_assert_cmpuint (g_strv_length ((char **)sentences), ==, json_array_get_length (explanation));
      for (guint j = 0; j < json_array_get_length (explanation); j++)
        g_assert_cmpstr (sentences[j], ==, json_array_get_string_element (explanation, j));

      /* The line of the step, and the row that shows it. */
      g_assert_cmpint (pb_sim_line_get_kind (line), ==, PB_SIM_LINE_STEP);
      /* Lines that did not change are kept from the run before. */
      g_assert_cmpuint (pb_sim_step_get_index (pb_sim_line_get_step (line)), ==, i);
      g_assert_cmpstr (pb_sim_step_get_state_id (pb_sim_line_get_step (line)), ==, pb_sim_step_get_state_id (step));
      g_assert_cmpstr (pb_sim_step_get_presence (pb_sim_line_get_step (line)), ==, pb_sim_step_get_presence (step));
      if (row_of (window, line) != NULL)
        {
          shown = row_text (row_of (window, line));
          expected_shown = g_strdup_printf ("%u. %s|%s|%s|", i + 1, member_string (expected, "event"),
                                            member_string (expected, "platformStateName"),
                                            member_string (expected, "presenceLabel")
                                            ? member_string (expected, "presenceLabel") : "Offline");
          g_assert_cmpstr (shown, ==, expected_shown);
        }

      g_assert_cmpuint (pb_sim_step_get_n_flags (step), ==, json_array_get_length (flags));
      for (guint j = 0; j < json_array_get_length (flags); j++)
        {
          JsonObject *expected_flag = json_array_get_object_element (flags, j);
          PbFinding *flag = pb_sim_step_get_flag (step, j);
          g_autoptr(PbSimLine) flag_line = g_list_model_get_item (lines, line_index++);

          g_assert_cmpstr (pb_finding_get_code (flag), ==, member_string (expected_flag, "code"));
          g_assert_cmpstr (pb_severity_to_string (pb_finding_get_severity (flag)), ==,
                           member_string (expected_flag, "severity"));
          g_assert_cmpstr (pb_finding_get_message (flag), ==, member_string (expected_flag, "message"));
          g_assert_cmpstr (pb_finding_get_path (flag), ==, member_string (expected_flag, "path"));
          g_assert_cmpstr (g_enum_get_value (subjects, pb_finding_get_subject (flag))->value_nick, ==,
                           member_string (expected_flag, "subjectKind"));
          g_assert_cmpstr (pb_finding_get_subject_id (flag), ==, member_string (expected_flag, "subject"));

          /* Right under its step, its sentence as the row's text. */
          g_assert_cmpint (pb_sim_line_get_kind (flag_line), ==, PB_SIM_LINE_FLAG);
          g_assert_true (pb_finding_equal (pb_sim_line_get_flag (flag_line), flag));
          if (row_of (window, flag_line) != NULL)
            {
              g_autofree char *flag_shown = row_text (row_of (window, flag_line));
              g_autofree char *flag_expected = g_strdup_printf ("%s|", member_string (expected_flag, "message"));

              g_assert_cmpstr (flag_shown, ==, flag_expected);
            }
        }
    }
  g_assert_cmpuint (line_index, ==, g_list_model_get_n_items (lines));
}

/* Nothing is built or played before the page is first shown; then the
 * worked example's default day, as the CLI plays it, and its
 * every-status sweep too. */
static void
test_same_steps_as_cli (PbTestWindowFixture *fixture,
                        gconstpointer        user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbSimulationPanel *panel = panel_of (window);

  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (panel)));
  g_assert_null (pb_simulation_panel_get_steps (panel));

  show_simulation (window);
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (panel)));
  g_assert_null (pb_simulation_panel_get_error (panel));
  g_assert_cmpuint (g_list_model_get_n_items (pb_simulation_panel_get_steps (panel)), ==, 16);
  assert_same_as_cli (fixture, window, "default");
  pb_test_save_screenshot (GTK_WIDGET (window), "simulation");

  /* The worked example's four flags, where docs/simulation.md has them. */
  g_assert_cmpuint (find_flag_line (window, 5, PB_SIM_FLAG_CHOICE_OVERWRITTEN, "Ready_for_Chats"), !=,
                    GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (find_flag_line (window, 9, PB_SIM_FLAG_DOUBLE_ROUTING, "Taking_notes"), !=,
                    GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (find_flag_line (window, 9, PB_SIM_FLAG_CHOICE_OVERWRITTEN, "Taking_notes"), !=,
                    GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (find_flag_line (window, 10, PB_SIM_FLAG_CHOICE_OVERWRITTEN, "On_a_call"), !=,
                    GTK_INVALID_LIST_POSITION);

  pb_simulation_panel_set_day (panel, PB_SIMULATION_DAY_EVERY_STATUS);
  wait_updated (window);
  assert_same_as_cli (fixture, window, "every-status");
}

/* While the page is hidden an edit costs nothing here; shown again, the
 * timeline follows it. A busy status mapped to Ready is double routing
 * where the agent picks it, and the flag leads to the row. */
static void
test_edit_and_flag_activation (PbTestWindowFixture *fixture,
                               gconstpointer        user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbSimulationPanel *panel = panel_of (window);
  GListModel *before;
  GtkWidget *list;
  guint position;

  show_simulation (window);
  g_assert_cmpuint (find_flag_line (window, 10, PB_SIM_FLAG_DOUBLE_ROUTING, "On_a_call"), ==,
                    GTK_INVALID_LIST_POSITION);

  /* Hidden: the edit reaches the panel, which plays nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-problems", NULL));
  before = pb_simulation_panel_get_steps (panel);
  choose (pb_test_status_chooser (window, "On_a_call"), "Default (Ready)");
  pb_test_window_wait_refreshed (window);
  pb_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (pb_simulation_panel_get_steps (panel) == before);

  /* Shown: played again, with the edit. */
  show_simulation (window);
  g_assert_true (pb_simulation_panel_get_steps (panel) != before);
  position = find_flag_line (window, 10, PB_SIM_FLAG_DOUBLE_ROUTING, "On_a_call");
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  assert_same_as_cli (fixture, window, "default");

  /* A click or Enter on the flag: the focus on the row at fault. */
  list = timeline_of (window);
  g_signal_emit_by_name (list, "activate", position);
  pb_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window),
                                         pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, "On_a_call")));

  /* An edit while shown: the timeline follows, the flag goes. */
  choose (pb_test_status_chooser (window, "On_a_call"), "Away");
  wait_updated (window);
  g_assert_cmpuint (find_flag_line (window, 10, PB_SIM_FLAG_DOUBLE_ROUTING, "On_a_call"), ==,
                    GTK_INVALID_LIST_POSITION);
  assert_same_as_cli (fixture, window, "default");
}

/* The same day through the newest saved revision and through the draft:
 * what publishing would change for agents. */
static void
test_compare (PbTestWindowFixture *fixture,
              gconstpointer        user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbSimulationPanel *panel = panel_of (window);
  GListModel *lines = pb_simulation_panel_get_lines (panel);
  PbSimLine *differing = NULL;
  guint n_differing = 0;
  guint n_added = 0;
  guint n_removed = 0;

  show_simulation (window);
  pb_simulation_panel_set_compare (panel, TRUE);
  wait_updated (window);
  /* The draft is the saved revision: nothing differs. */
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(PbSimLine) line = g_list_model_get_item (lines, i);

      if (pb_sim_line_get_kind (line) == PB_SIM_LINE_STEP)
        g_assert_nonnull (pb_sim_line_get_saved_step (line));
      g_assert_cmpint (pb_sim_line_get_differences (line), ==, PB_SIM_DIFFERENCE_NONE);
      g_assert_cmpint (pb_sim_line_get_flag_change (line), ==, PB_SIM_FLAG_IN_BOTH);
    }

  /* Revert to last status on, and "Taking notes" to Wrap up: step 5
   * restores "Ready for chats" (its flag goes), step 9 keeps the agent
   * in Wrap up. */
  {
    GtkWidget *switches = pb_test_window_child (window, "account_switches");
    GtkWidget *revert = pb_test_find_widget (switches, GTK_TYPE_SWITCH);

    gtk_switch_set_active (GTK_SWITCH (revert), TRUE);
  }
  choose (pb_test_status_chooser (window, "Taking_notes"), "Wrap up");
  wait_updated (window);
  g_assert_true (pb_configuration_get_revert_to_last_status (pb_window_get_draft (window)));
  {
    guint position = find_flag_line (window, 5, PB_SIM_FLAG_CHOICE_OVERWRITTEN, "Ready_for_Chats");
    g_autoptr(PbSimLine) line = NULL;

    g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
    line = g_list_model_get_item (lines, position);
    g_assert_cmpint (pb_sim_line_get_flag_change (line), ==, PB_SIM_FLAG_REMOVED);
  }

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(PbSimLine) line = g_list_model_get_item (lines, i);

      if (pb_sim_line_get_kind (line) == PB_SIM_LINE_STEP && pb_sim_line_get_differences (line) != 0)
        {
          n_differing++;
          if (differing == NULL && (pb_sim_line_get_differences (line) & PB_SIM_DIFFERENCE_PRESENCE))
            differing = line;
        }
      if (pb_sim_line_get_flag_change (line) == PB_SIM_FLAG_ADDED)
        n_added++;
      if (pb_sim_line_get_flag_change (line) == PB_SIM_FLAG_REMOVED)
        n_removed++;
    }
  g_assert_cmpuint (n_differing, >=, 2);
  g_assert_cmpuint (n_removed, >=, 1);
  g_assert_nonnull (differing);

  /* Step 5: the presence differs; the row says how. */
  g_assert_cmpuint (pb_sim_step_get_index (pb_sim_line_get_step (differing)), ==, 4);
  g_assert_cmpstr (pb_sim_step_get_presence_label (pb_sim_line_get_saved_step (differing)), ==, "Ready for cases");
  g_assert_cmpstr (pb_sim_step_get_presence_label (pb_sim_line_get_step (differing)), ==, "Ready for chats");
  {
    PbSimRow *row = row_of (window, differing);
    g_autofree char *shown = NULL;

    g_assert_nonnull (row);
    shown = row_text (row);
    g_assert_nonnull (strstr (shown, "Saved: Ready, “Ready for cases” → Draft: Ready, “Ready for chats”"));
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "sim-differs"));
  }
  pb_test_save_screenshot (GTK_WIDGET (window), "simulation-compare");
  g_test_message ("%u steps differ, %u flags added, %u removed", n_differing, n_added, n_removed);

  /* Saved as a revision: the timeline compares with that one now, and
   * nothing differs. */
  {
    GtkWindow *dialog;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
    dialog = pb_window_get_dialog (window);
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Save Revision");
    pb_test_click_response (dialog, "_Save");
    PB_TEST_WAIT_UNTIL (window, "refreshed", pb_window_get_saved_revision (window) == 2);
    PB_TEST_WAIT_UNTIL (panel, "notify::busy", !pb_simulation_panel_get_busy (panel));
  }
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(PbSimLine) line = g_list_model_get_item (lines, i);

      g_assert_cmpint (pb_sim_line_get_differences (line), ==, PB_SIM_DIFFERENCE_NONE);
      g_assert_cmpint (pb_sim_line_get_flag_change (line), ==, PB_SIM_FLAG_IN_BOTH);
    }
}

/* A day file that cannot be played is said in a sentence, with where in
 * the file; a good one is played. */
static void
test_day_files (PbTestWindowFixture *fixture,
                gconstpointer        user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbSimulationPanel *panel = panel_of (window);
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.json", NULL);
  g_autofree char *foreign = g_build_filename (fixture->dir, "foreign.json", NULL);
  g_autofree char *good = g_build_filename (fixture->dir, "late-shift.json", NULL);
  g_autoptr(GFile) broken_file = g_file_new_for_path (broken);
  g_autoptr(GFile) foreign_file = g_file_new_for_path (foreign);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  GtkLabel *sentence;
  GtkLabel *details;
  GtkDropDown *dropdown;

  g_assert_true (g_file_set_contents (broken,
                                      "{\n  \"format\": \"presence-bridge-day\",\n  \"version\": 1,\n"
                                      "  \"events\": [{\"event\": \"log-in\"},]\n}\n", -1, NULL));
  g_assert_true (g_file_set_contents (foreign,
                                      "{\"format\": \"presence-bridge-day\", \"version\": 1, \"events\": ["
                                      "{\"event\": \"log-in\"}, {\"event\": \"pick-presence\", \"presence\": \"Ready_for_Chat\"}]}",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (good,
                                      "{\"format\": \"presence-bridge-day\", \"version\": 1, \"name\": \"Late shift\", "
                                      "\"events\": [{\"event\": \"log-in\"}, {\"event\": \"chat\"}, "
                                      "{\"event\": \"state-change\", \"state\": \"away.break\"}, {\"event\": \"go-offline\"}]}",
                                      -1, NULL));

  show_simulation (window);
  g_assert_null (pb_simulation_panel_get_error (panel));

  pb_simulation_panel_load_day_file (panel, broken_file);
  wait_updated (window);
  g_assert_cmpint (pb_simulation_panel_get_day (panel), ==, PB_SIMULATION_DAY_FILE);
  g_assert_cmpstr (pb_simulation_panel_get_error (panel), ==, "The file is not a day that Presence Bridge can play.");
  g_assert_cmpuint (g_list_model_get_n_items (pb_simulation_panel_get_lines (panel)), ==, 0);

  /* What the administrator reads: the sentence, the line and column
   * under it. */
  {
    GtkWidget *error_box = gtk_widget_get_next_sibling (gtk_widget_get_first_child (content_of (window)));

    g_assert_true (gtk_widget_get_visible (error_box));
    sentence = GTK_LABEL (gtk_widget_get_first_child (error_box));
    details = GTK_LABEL (gtk_widget_get_next_sibling (GTK_WIDGET (sentence)));
  }
  g_assert_cmpstr (gtk_label_get_label (sentence), ==, "The file is not a day that Presence Bridge can play.");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (details)));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (details), "line 4:"));
  g_assert_nonnull (strstr (gtk_label_get_label (details), "comma"));
  dropdown = GTK_DROP_DOWN (control_at (window, 1, 0));
  {
    g_autoptr(GtkStringObject) shown = gtk_drop_down_get_selected_item (dropdown)
                                       ? g_object_ref (gtk_drop_down_get_selected_item (dropdown)) : NULL;

    g_assert_nonnull (shown);
    g_assert_cmpstr (gtk_string_object_get_string (shown), ==, "broken.json");
  }
  pb_test_save_screenshot (GTK_WIDGET (window), "simulation-day-error");

  /* A day written for another org: the event at fault, by its path. */
  pb_simulation_panel_load_day_file (panel, foreign_file);
  wait_updated (window);
  g_assert_cmpstr (pb_simulation_panel_get_error (panel), ==,
                   "The day names a presence status or an agent state that this profile does not have.");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (details), "events[1].presence:"));

  /* A good one is played; the built-in days are a choice away. */
  pb_simulation_panel_load_day_file (panel, good_file);
  wait_updated (window);
  g_assert_null (pb_simulation_panel_get_error (panel));
  g_assert_cmpuint (g_list_model_get_n_items (pb_simulation_panel_get_steps (panel)), ==, 4);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (sentence))));
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_cmpint (pb_simulation_panel_get_day (panel), ==, PB_SIMULATION_DAY_DEFAULT);
  wait_updated (window);
  g_assert_cmpuint (g_list_model_get_n_items (pb_simulation_panel_get_steps (panel)), ==, 16);
}

static GtkWidget *
focused_item (PbWindow *window)
{
  GtkWidget *focus = pb_test_focus (window);

  g_assert_nonnull (focus);
  g_assert_true (PB_IS_SIM_ROW (gtk_widget_get_first_child (focus)));
  return focus;
}

/* From the keyboard alone: F9 into the timeline, the arrows through the
 * steps and flags, Enter on a flag to the row at fault, Tab out of the
 * list in one step; every control named, every row read as a sentence. */
static void
test_keyboard (PbTestWindowFixture *fixture,
               gconstpointer        user_data)
{
  PbWindow *window = pb_test_window_open_worked_example (fixture);
  PbSimulationPanel *panel = panel_of (window);
  GtkWidget *list;
  GtkWidget *item;
  GtkWidget *open_button;
  GtkWidget *compare_switch;
  GtkWidget *dropdown;
  PbSimLine *line;
  guint moves = 0;

  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);
  show_simulation (window);
  list = timeline_of (window);

  /* F9 when first shown: the focus waits on the Day drop-down for the
   * first run, then goes to the first step. */
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window), list));
  item = focused_item (window);
  line = pb_sim_row_get_line (PB_SIM_ROW (gtk_widget_get_first_child (item)));
  g_assert_cmpuint (pb_sim_step_get_index (pb_sim_line_get_step (line)), ==, 0);
  gtk_test_accessible_assert_property (item, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Step 1, Agent logs in to ContactPad: ContactPad now Ready, "
                                       "Omni-Channel now “Ready for cases”.");
  gtk_test_accessible_assert_property (item, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "• Agent logs in to ContactPad → Omni-Channel shows “Ready for cases” [log_in]");

  /* ↓ to the first flag: step 5's. */
  while (pb_sim_line_get_kind (line) != PB_SIM_LINE_FLAG)
    {
      g_assert_true (pb_test_activate_binding (list, GDK_KEY_Down, 0));
      item = focused_item (window);
      line = pb_sim_row_get_line (PB_SIM_ROW (gtk_widget_get_first_child (item)));
      moves++;
    }
  g_assert_cmpuint (moves, ==, 5);
  g_assert_cmpstr (pb_finding_get_subject_id (pb_sim_line_get_flag (line)), ==, "Ready_for_Chats");
  gtk_test_accessible_assert_property (item, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Warning: The agent picked “Ready for chats”, but Omni-Channel now shows "
                                       "“Ready for cases”, the status mapped to Ready: the agent's own choice is replaced");
  gtk_test_accessible_assert_property (item, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "presenceToState.Ready_for_Chats (choice_overwritten)");

  /* Enter: to the row at fault. */
  g_assert_true (pb_test_activate_binding (item, GDK_KEY_Return, 0));
  pb_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window),
                                         pb_window_lookup_row (window, PB_SUBJECT_PRESENCE, "Ready_for_Chats")));

  /* Back with F9; Tab leaves the list in one step, Shift+Tab comes back
   * the same way, and before it each control is one stop. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-simulation", NULL));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window), list));
  g_assert_true (pb_test_press_key (list, GDK_KEY_Tab, 0));
  g_assert_false (gtk_widget_is_ancestor (pb_test_focus (window), GTK_WIDGET (panel)));

  /* Before the list, each control is one stop: the switch, the file
   * button, the drop-down. */
  dropdown = control_at (window, 1, 0);
  open_button = control_at (window, 2, 0);
  compare_switch = control_at (window, 2, 1);
  g_assert_true (GTK_IS_DROP_DOWN (dropdown));
  g_assert_true (GTK_IS_BUTTON (open_button));
  g_assert_true (GTK_IS_SWITCH (compare_switch));
  gtk_widget_grab_focus (compare_switch);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window), list));
  g_assert_true (pb_test_press_key (list, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (pb_test_focus (window) == compare_switch);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (pb_test_focus (window) == open_button);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_widget_is_ancestor (pb_test_focus (window), dropdown));

  /* Named: the icon-only button, the drop-down, the switch, the list. */
  gtk_test_accessible_assert_property (open_button, GTK_ACCESSIBLE_PROPERTY_LABEL, "Choose a Day File");
  gtk_test_accessible_assert_property (gtk_widget_get_first_child (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, "Day");
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (compare_switch), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  gtk_test_accessible_assert_property (list, GTK_ACCESSIBLE_PROPERTY_LABEL, "Simulated day");
}

/* Names as hostile as an account can make them stay text, bounded, in
 * the steps, the flags and what a screen reader hears. */
static void
test_hostile_text (PbTestWindowFixture *fixture,
                   gconstpointer        user_data)
{
  g_autofree char *text = pb_test_hostile_text (10000, FALSE);
  g_autoptr(PbConfiguration) config = pb_test_worked_example_named (text);
  GListModel *lines;
  PbWindow *window;
  guint n_hostile = 0;

  {
    g_autoptr(PbStore) store = pb_store_open (fixture->store_path, NULL);

    g_assert_cmpuint (pb_store_import (store, "Hostile", config, NULL, NULL, NULL, NULL), ==, 1);
  }
  window = pb_test_window_open (fixture);
  show_simulation (window);
  lines = pb_simulation_panel_get_lines (panel_of (window));
  g_assert_cmpuint (g_list_model_get_n_items (lines), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(PbSimLine) line = g_list_model_get_item (lines, i);
      PbSimRow *row = row_of (window, line);
      g_autofree char *shown = NULL;

      if (row == NULL)
        continue;
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (row)); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          const char *label;

          if (!GTK_IS_LABEL (child))
            continue;
          label = gtk_label_get_label (GTK_LABEL (child));
          g_assert_false (gtk_label_get_use_markup (GTK_LABEL (child)));
          /* No raw control character, and each name cut to 200
           * characters however long it is. */
          for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
            g_assert_false (g_unichar_iscntrl (g_utf8_get_char (p)));
          g_assert_cmpuint (g_utf8_strlen (label, -1), <, 3 * PB_UI_DISPLAY_MAX_CHARS);
          if (strstr (label, "<b>bold?</b>") != NULL)
            {
              n_hostile++;
              /* The override is isolated, so it cannot turn the words around it. */
              g_assert_nonnull (strstr (label, "\u2068"));
              g_assert_nonnull (strstr (label, "\u2069"));
              g_assert_nonnull (strstr (label, "\u240A"));
            }
        }
      shown = row_text (row);
      g_assert_cmpuint (g_utf8_strlen (shown, -1), <, 6 * PB_UI_DISPLAY_MAX_CHARS);
    }
  g_assert_cmpuint (n_hostile, >, 0);
  pb_test_save_screenshot (GTK_WIDGET (window), "simulation-hostile");
}

/* A phone's width and the dark style: the panel covers the grids, the
 * columns still line up; the screenshots are for a person to look at. */
static void
test_narrow_and_dark (PbTestWindowFixture *fixture,
                      gconstpointer        user_data)
{
  GSettings *settings = pb_application_get_settings (pb_test_application);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  PbWindow *window;
  GtkWidget *list;

  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 720);
  window = pb_test_window_open_worked_example (fixture);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");

  g_assert_true (pb_window_get_narrow (window));
  show_simulation (window);
  pb_simulation_panel_set_compare (panel_of (window), TRUE);
  choose (pb_test_status_chooser (window, "On_a_call"), "Default (Ready)");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-simulation", NULL));
  wait_updated (window);
  list = timeline_of (window);
  g_assert_true (gtk_widget_get_mapped (list));
  pb_test_save_screenshot (GTK_WIDGET (window), "simulation-narrow");
  /* Inside the window, not cut off at its edge. */
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (list, GTK_WIDGET (window), &bounds));
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
    g_assert_cmpfloat (bounds.origin.x, >=, 0);
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window)));
  }

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  pb_test_save_screenshot (GTK_WIDGET (window), "simulation-narrow-dark");
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  pb_test_window_init (&argc, &argv);

  PB_TEST_WINDOW_ADD ("/window-simulation/same-steps-as-cli", test_same_steps_as_cli);
  PB_TEST_WINDOW_ADD ("/window-simulation/edit-and-flag-activation", test_edit_and_flag_activation);
  PB_TEST_WINDOW_ADD ("/window-simulation/compare", test_compare);
  PB_TEST_WINDOW_ADD ("/window-simulation/day-files", test_day_files);
  PB_TEST_WINDOW_ADD ("/window-simulation/keyboard", test_keyboard);
  PB_TEST_WINDOW_ADD ("/window-simulation/hostile-text", test_hostile_text);
  PB_TEST_WINDOW_ADD ("/window-simulation/narrow-and-dark", test_narrow_and_dark);

  return pb_test_window_run ();
}
