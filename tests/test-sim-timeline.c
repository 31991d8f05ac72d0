/* test-sim-timeline.c: the Simulation view's lines, off the main thread
 *
 * PbSimTimeline and PbSimLine need no display: the same runs as
 * presence-bridge-cli simulate, as lines; an update splices only the
 * steps that changed; a stale run is overtaken; the saved revision's run
 * is reused while it and the day stay the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-sim-line.h"
#include "pb-sim-timeline.h"
#include "pb-test-fixtures.h"

typedef struct
{
  PbSimTimeline *timeline;
  guint          n_updates;
  guint          n_changes;     /* items-changed of the lines */
  guint          n_removed;     /* lines they removed */
} Fixture;

static void
updated_cb (Fixture *fixture)
{
  fixture->n_updates++;
}

static void
items_changed_cb (Fixture    *fixture,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListModel *lines)
{
  fixture->n_changes++;
  fixture->n_removed += removed;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->timeline = pb_sim_timeline_new ();
  g_signal_connect_swapped (fixture->timeline, "updated", G_CALLBACK (updated_cb), fixture);
  g_signal_connect_swapped (pb_sim_timeline_get_lines (fixture->timeline), "items-changed",
                            G_CALLBACK (items_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->timeline);
}

static gboolean
idle_cb (gpointer data)
{
  return !pb_sim_timeline_get_busy (data);
}

static void
wait_idle (Fixture *fixture)
{
  pb_test_wait_until ((gboolean (*) (gpointer))idle_cb, fixture->timeline, "the timeline");
}

static void
play (Fixture         *fixture,
      PbConfiguration *draft,
      PbConfiguration *saved)
{
  g_autoptr(PbDayScript) day = pb_day_script_new_default (draft);

  pb_sim_timeline_play (fixture->timeline, draft, day, saved);
  g_assert_true (pb_sim_timeline_get_busy (fixture->timeline));
  wait_idle (fixture);
}

/* The lines are the steps of pb_simulation_run(), each followed by its
 * flags; the counts say the same. */
static void
test_lines_are_the_steps (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(PbDayScript) day = pb_day_script_new_default (example);
  g_autoptr(GListModel) expected = pb_simulation_run (example, day);
  GListModel *lines = pb_sim_timeline_get_lines (fixture->timeline);
  guint line = 0;

  play (fixture, example, NULL);
  g_assert_cmpuint (fixture->n_updates, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pb_sim_timeline_get_steps (fixture->timeline)), ==, 16);
  g_assert_null (pb_sim_timeline_get_comparisons (fixture->timeline));

  for (guint i = 0; i < g_list_model_get_n_items (expected); i++)
    {
      g_autoptr(PbSimStep) step = g_list_model_get_item (expected, i);
      g_autoptr(PbSimLine) step_line = g_list_model_get_item (lines, line++);

      g_assert_cmpint (pb_sim_line_get_kind (step_line), ==, PB_SIM_LINE_STEP);
      g_assert_cmpuint (pb_sim_step_get_index (pb_sim_line_get_step (step_line)), ==, i);
      g_assert_cmpstr (pb_sim_step_get_event_text (pb_sim_line_get_step (step_line)), ==,
                       pb_sim_step_get_event_text (step));
      g_assert_cmpstr (pb_sim_step_get_presence (pb_sim_line_get_step (step_line)), ==,
                       pb_sim_step_get_presence (step));
      for (guint j = 0; j < pb_sim_step_get_n_flags (step); j++)
        {
          g_autoptr(PbSimLine) flag_line = g_list_model_get_item (lines, line++);

          g_assert_cmpint (pb_sim_line_get_kind (flag_line), ==, PB_SIM_LINE_FLAG);
          g_assert_true (pb_finding_equal (pb_sim_line_get_flag (flag_line), pb_sim_step_get_flag (step, j)));
          g_assert_cmpint (pb_sim_line_get_flag_change (flag_line), ==, PB_SIM_FLAG_IN_BOTH);
        }
    }
  g_assert_cmpuint (line, ==, g_list_model_get_n_items (lines));
  /* Steps 5, 9 and 10 (docs/simulation.md), none an error. */
  g_assert_cmpuint (pb_sim_timeline_get_n_flagged (fixture->timeline), ==, 3);
  g_assert_cmpuint (pb_sim_timeline_get_n_errors (fixture->timeline), ==, 0);
}

/* An edit that changes one step replaces that step's lines only: the
 * others keep their objects (and a view its rows). */
static void
test_update_splices_what_changed (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(PbConfiguration) draft = pb_test_worked_example ();
  GListModel *lines = pb_sim_timeline_get_lines (fixture->timeline);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_kept = 0;
  guint n;

  play (fixture, draft, NULL);
  n = g_list_model_get_n_items (lines);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (before, g_list_model_get_item (lines, i));
  fixture->n_changes = fixture->n_removed = 0;

  /* "Taking notes" to Wrap up: the agent who picks it at step 9 stays in
   * Wrap up, without the two flags there. */
  pb_configuration_set_presence_mapping (draft, "Taking_notes", "wrap");
  play (fixture, draft, NULL);
  g_assert_cmpuint (fixture->n_updates, ==, 2);
  g_assert_cmpuint (fixture->n_changes, >=, 1);
  g_assert_cmpuint (fixture->n_removed, <, n / 2);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(PbSimLine) line = g_list_model_get_item (lines, i);

      if (g_ptr_array_find (before, line, NULL))
        n_kept++;
    }
  g_assert_cmpuint (n_kept, >, n / 2);

  /* Played again unchanged: nothing moves at all. */
  fixture->n_changes = 0;
  play (fixture, draft, NULL);
  g_assert_cmpuint (fixture->n_changes, ==, 0);
  g_assert_cmpuint (fixture->n_updates, ==, 3);
}

/* Three requests at once: the first two are overtaken, only the last
 * one is shown, once. */
static void
test_stale_runs_are_overtaken (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(PbConfiguration) draft = pb_test_worked_example ();
  g_autoptr(PbDayScript) day = pb_day_script_new_every_status (draft);
  g_autoptr(GListModel) expected = NULL;

  pb_sim_timeline_play (fixture->timeline, draft, day, NULL);
  pb_configuration_set_presence_mapping (draft, "On_a_call", NULL);
  pb_sim_timeline_play (fixture->timeline, draft, day, NULL);
  pb_configuration_set_presence_mapping (draft, "On_a_call", "busy");
  pb_sim_timeline_play (fixture->timeline, draft, day, NULL);
  wait_idle (fixture);

  g_assert_cmpuint (fixture->n_updates, ==, 1);
  expected = pb_simulation_run (draft, day);
  g_assert_cmpuint (g_list_model_get_n_items (pb_sim_timeline_get_steps (fixture->timeline)), ==,
                    g_list_model_get_n_items (expected));
  for (guint i = 0; i < g_list_model_get_n_items (expected); i++)
    {
      g_autoptr(PbSimStep) a = g_list_model_get_item (expected, i);
      g_autoptr(PbSimStep) b = g_list_model_get_item (pb_sim_timeline_get_steps (fixture->timeline), i);

      g_assert_cmpstr (pb_sim_step_get_state_id (a), ==, pb_sim_step_get_state_id (b));
      g_assert_cmpstr (pb_sim_step_get_presence (a), ==, pb_sim_step_get_presence (b));
      g_assert_cmpuint (pb_sim_step_get_n_flags (a), ==, pb_sim_step_get_n_flags (b));
    }

  /* A clear overtakes a run too. */
  pb_sim_timeline_play (fixture->timeline, draft, day, NULL);
  pb_sim_timeline_clear (fixture->timeline);
  g_assert_false (pb_sim_timeline_get_busy (fixture->timeline));
  g_assert_cmpuint (fixture->n_updates, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (pb_sim_timeline_get_lines (fixture->timeline)), ==, 0);
  g_assert_null (pb_sim_timeline_get_steps (fixture->timeline));
}

/* Compared: what differs, and the saved revision's run kept while it and
 * the day stay the same. */
static void
test_compare_reuses_the_saved_run (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(PbConfiguration) saved = pb_test_worked_example ();
  g_autoptr(PbConfiguration) draft = pb_test_worked_example ();
  g_autoptr(PbConfiguration) other_saved = pb_test_worked_example ();
  GListModel *comparisons;
  PbSimStep *saved_step;

  play (fixture, draft, saved);
  comparisons = pb_sim_timeline_get_comparisons (fixture->timeline);
  g_assert_nonnull (comparisons);
  g_assert_cmpuint (pb_sim_timeline_get_n_differing (fixture->timeline), ==, 0);
  {
    g_autoptr(PbSimComparison) first = g_list_model_get_item (comparisons, 0);

    saved_step = pb_sim_comparison_get_before (first);
  }

  /* Revert to last status: step 5 gives "Ready for chats" back. */
  pb_configuration_set_revert_to_last_status (draft, TRUE);
  play (fixture, draft, saved);
  comparisons = pb_sim_timeline_get_comparisons (fixture->timeline);
  g_assert_cmpuint (pb_sim_timeline_get_n_differing (fixture->timeline), ==, 1);
  {
    g_autoptr(PbSimComparison) first = g_list_model_get_item (comparisons, 0);
    g_autoptr(PbSimComparison) fifth = g_list_model_get_item (comparisons, 4);

    /* The same saved run, not played again. */
    g_assert_true (pb_sim_comparison_get_before (first) == saved_step);
    g_assert_cmpint (pb_sim_comparison_get_differences (fifth), ==,
                     PB_SIM_DIFFERENCE_PRESENCE | PB_SIM_DIFFERENCE_FLAGS);
  }
  {
    GListModel *lines = pb_sim_timeline_get_lines (fixture->timeline);
    guint n_removed_flags = 0;

    for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
      {
        g_autoptr(PbSimLine) line = g_list_model_get_item (lines, i);

        if (pb_sim_line_get_flag_change (line) == PB_SIM_FLAG_REMOVED)
          {
            n_removed_flags++;
            g_assert_cmpstr (pb_finding_get_subject_id (pb_sim_line_get_flag (line)), ==, "Ready_for_Chats");
          }
      }
    g_assert_cmpuint (n_removed_flags, ==, 1);
  }

  /* Another revision: played. */
  play (fixture, draft, other_saved);
  {
    g_autoptr(PbSimComparison) first = g_list_model_get_item (pb_sim_timeline_get_comparisons (fixture->timeline), 0);

    g_assert_true (pb_sim_comparison_get_before (first) != saved_step);
  }
}

/* The generated profile's sweep, as the window plays it: the same steps
 * as the core's run, every line there once. */
static void
test_large_sweep (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(PbConfiguration) draft = pb_generator_create (500, 100, 3);
  g_autoptr(PbDayScript) day = pb_day_script_new_every_status (draft);
  g_autoptr(GListModel) expected = pb_simulation_run (draft, day);
  guint n_flags = 0;

  pb_sim_timeline_play (fixture->timeline, draft, day, NULL);
  wait_idle (fixture);
  for (guint i = 0; i < g_list_model_get_n_items (expected); i++)
    {
      g_autoptr(PbSimStep) step = g_list_model_get_item (expected, i);

      n_flags += pb_sim_step_get_n_flags (step);
    }
  g_assert_cmpuint (g_list_model_get_n_items (pb_sim_timeline_get_lines (fixture->timeline)), ==,
                    g_list_model_get_n_items (expected) + n_flags);

  /* Edited: the lines are those of a fresh run of the edit. */
  pb_configuration_set_presence_mapping (draft, "Status_00001", NULL);
  pb_sim_timeline_play (fixture->timeline, draft, day, NULL);
  wait_idle (fixture);
  {
    g_autoptr(GListModel) edited = pb_simulation_run (draft, day);
    g_autoptr(GPtrArray) fresh = pb_sim_line_build_timeline (edited, NULL);
    GListModel *lines = pb_sim_timeline_get_lines (fixture->timeline);

    g_assert_cmpuint (g_list_model_get_n_items (lines), ==, fresh->len);
    for (guint i = 0; i < fresh->len; i++)
      {
        g_autoptr(PbSimLine) line = g_list_model_get_item (lines, i);

        g_assert_true (pb_sim_line_equal (line, g_ptr_array_index (fresh, i)));
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/sim-timeline/lines-are-the-steps", Fixture, NULL,
              fixture_set_up, test_lines_are_the_steps, fixture_tear_down);
  g_test_add ("/sim-timeline/update-splices-what-changed", Fixture, NULL,
              fixture_set_up, test_update_splices_what_changed, fixture_tear_down);
  g_test_add ("/sim-timeline/stale-runs-are-overtaken", Fixture, NULL,
              fixture_set_up, test_stale_runs_are_overtaken, fixture_tear_down);
  g_test_add ("/sim-timeline/compare-reuses-the-saved-run", Fixture, NULL,
              fixture_set_up, test_compare_reuses_the_saved_run, fixture_tear_down);
  g_test_add ("/sim-timeline/large-sweep", Fixture, NULL,
              fixture_set_up, test_large_sweep, fixture_tear_down);

  return g_test_run ();
}
