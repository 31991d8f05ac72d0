/* test-preview.c: what will happen to agents, in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-core.h"
#include "pb-test-fixtures.h"

static GPtrArray *
preview_lines (PbConfiguration *config)
{
  g_autoptr(GListModel) events = pb_preview_build (config);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (g_list_model_get_item_type (events) == PB_TYPE_PREVIEW_EVENT);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PbPreviewEvent) event = g_list_model_get_item (events, i);

      g_ptr_array_add (lines, pb_preview_event_to_string (event));
    }

  return lines;
}

static gboolean
has_line (GPtrArray  *lines,
          const char *line)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_strcmp0 (g_ptr_array_index (lines, i), line) == 0)
      return TRUE;

  return FALSE;
}

static void
assert_has_line (GPtrArray  *lines,
                 const char *line)
{
  if (!has_line (lines, line))
    {
      for (guint i = 0; i < lines->len; i++)
        g_test_message ("preview: %s", (const char *)g_ptr_array_index (lines, i));
      g_error ("missing from the preview: %s", line);
    }
}

/* The revert event is always the last one. */
static char *
revert_line (PbConfiguration *config)
{
  g_autoptr(GPtrArray) lines = preview_lines (config);

  return g_strdup (g_ptr_array_index (lines, lines->len - 1));
}

static void
test_worked_example_spec_lines (void)
{
  /* domain.md, "What the administrator should be able to read back". */
  static const char * const spec_lines[] = {
    "Agent goes offline in Omni-Channel → logged out of ContactPad",
    "Agent logs in to ContactPad → Omni-Channel shows “Ready for cases”",
    "Agent picks “On a call” → ContactPad state Away",
    "Agent picks “Away from desk (temporary)” → ContactPad state Break",
    "ContactPad state becomes Wrap up → Omni-Channel shows “Taking notes”",
    "Agent logs out of ContactPad → offline in Omni-Channel",
  };
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GPtrArray) lines = preview_lines (config);

  for (guint i = 0; i < G_N_ELEMENTS (spec_lines); i++)
    assert_has_line (lines, spec_lines[i]);
}

static void
test_worked_example_everything (void)
{
  static const char * const expected[] = {
    "Agent goes offline in Omni-Channel → logged out of ContactPad",
    "Agent logs in to ContactPad → Omni-Channel shows “Ready for cases”",
    "Agent logs out of ContactPad → offline in Omni-Channel",
    "Salesforce assigns a chat → ContactPad state Busy Inbound; nothing is routed by the platform while in it",
    "Agent picks “Ready for cases” → ContactPad state Ready",
    "Agent picks “Ready for chats” → ContactPad state Ready (default mapping)",
    "Agent picks “On a call” → ContactPad state Away",
    "Agent picks “Away from desk (temporary)” → ContactPad state Break",
    "Agent picks “Taking notes” → ContactPad state Ready (default mapping)",
    "ContactPad state becomes Ready → Omni-Channel shows “Ready for cases”",
    "ContactPad state becomes Ready (Offline) → Omni-Channel shows “Taking notes”",
    "ContactPad state becomes Busy → Omni-Channel shows “On a call”",
    "ContactPad state becomes Busy Inbound → Omni-Channel shows “On a call” (same as Busy)",
    "ContactPad state becomes Busy Outbound → Omni-Channel shows “On a call” (same as Busy)",
    "ContactPad state becomes Busy External → Omni-Channel shows “On a call” (same as Busy)",
    "ContactPad state becomes Wrap up → Omni-Channel shows “Taking notes”",
    "ContactPad state becomes Away → Omni-Channel shows “Away from desk (temporary)”",
    "ContactPad state becomes Break → Omni-Channel shows “Away from desk (temporary)” (same as Away)",
    "ContactPad state becomes Lunch → Omni-Channel shows “Away from desk (temporary)” (same as Away)",
    "ContactPad state becomes Meeting → Omni-Channel shows “Away from desk (temporary)” (same as Away)",
    "ContactPad state becomes Training → Omni-Channel shows “Away from desk (temporary)” (same as Away)",
    "ContactPad state becomes Logged out → offline in Omni-Channel (always)",
    "Agent finishes an interaction → Omni-Channel shows “Ready for cases” (mapped to Ready)",
  };
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GPtrArray) lines = preview_lines (config);

  g_assert_cmpuint (lines->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (lines, i), ==, expected[i]);
}

static void
test_kinds_and_subjects (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GListModel) events = pb_preview_build (config);
  guint counts[PB_PREVIEW_EVENT_REVERT + 1] = { 0, };
  PbPreviewEventKind previous = PB_PREVIEW_EVENT_FIXED;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PbPreviewEvent) event = g_list_model_get_item (events, i);
      PbPreviewEventKind kind = pb_preview_event_get_kind (event);

      /* Fixed behaviour, then presences, then states, then the revert rule. */
      g_assert_cmpint (kind, >=, previous);
      previous = kind;
      counts[kind]++;

      if (kind == PB_PREVIEW_EVENT_PRESENCE)
        g_assert_nonnull (pb_configuration_lookup_presence (config, pb_preview_event_get_subject_id (event)));
      else if (kind == PB_PREVIEW_EVENT_STATE)
        g_assert_nonnull (pb_configuration_lookup_state (config, pb_preview_event_get_subject_id (event)));
      else if (kind == PB_PREVIEW_EVENT_REVERT)
        g_assert_cmpstr (pb_preview_event_get_subject_id (event), ==, "ready");
    }

  g_assert_cmpuint (counts[PB_PREVIEW_EVENT_FIXED], ==, 4);
  g_assert_cmpuint (counts[PB_PREVIEW_EVENT_PRESENCE], ==, 5);
  g_assert_cmpuint (counts[PB_PREVIEW_EVENT_STATE], ==, 13);
  g_assert_cmpuint (counts[PB_PREVIEW_EVENT_REVERT], ==, 1);
}

static void
test_revert (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autofree char *off_ready = NULL;
  g_autofree char *on_ready = NULL;
  g_autofree char *on_ready_offline = NULL;
  g_autofree char *on_wrap = NULL;
  g_autofree char *off_wrap = NULL;
  g_autofree char *on_unmapped = NULL;

  off_ready = revert_line (config);
  g_assert_cmpstr (off_ready, ==, "Agent finishes an interaction → Omni-Channel shows “Ready for cases” (mapped to Ready)");

  pb_configuration_set_revert_to_last_status (config, TRUE);
  on_ready = revert_line (config);
  g_assert_cmpstr (on_ready, ==, "Agent finishes an interaction → the presence the agent had before the interaction is restored");

  pb_configuration_set_agent_post_call_state (config, "ready_offline");
  on_ready_offline = revert_line (config);
  g_assert_cmpstr (on_ready_offline, ==, on_ready);

  pb_configuration_set_agent_post_call_state (config, "wrap");
  on_wrap = revert_line (config);
  g_assert_cmpstr (on_wrap, ==,
                   "Agent finishes an interaction → Omni-Channel shows “Taking notes” (mapped to Wrap up); "
                   "Revert to last status has no effect because the post-call state is Wrap up");

  pb_configuration_set_revert_to_last_status (config, FALSE);
  off_wrap = revert_line (config);
  g_assert_cmpstr (off_wrap, ==, "Agent finishes an interaction → Omni-Channel shows “Taking notes” (mapped to Wrap up)");

  pb_configuration_set_revert_to_last_status (config, TRUE);
  pb_configuration_unset_state_mapping (config, "wrap");
  on_unmapped = revert_line (config);
  g_assert_cmpstr (on_unmapped, ==,
                   "Agent finishes an interaction → no presence mapped to Wrap up (the configuration cannot be saved); "
                   "Revert to last status has no effect because the post-call state is Wrap up");
}

static void
test_revert_offline (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autofree char *off = NULL;
  g_autofree char *on = NULL;

  pb_configuration_set_state_mapping (config, "away", NULL);
  pb_configuration_set_agent_post_call_state (config, "away.break");
  off = revert_line (config);
  g_assert_cmpstr (off, ==, "Agent finishes an interaction → offline in Omni-Channel (mapped to Break)");

  pb_configuration_set_revert_to_last_status (config, TRUE);
  on = revert_line (config);
  g_assert_cmpstr (on, ==,
                   "Agent finishes an interaction → offline in Omni-Channel (mapped to Break); "
                   "Revert to last status has no effect because the post-call state is Break");
}

static void
test_unmapped_and_offline_states (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GPtrArray) lines = NULL;

  pb_configuration_unset_state_mapping (config, "wrap");
  pb_configuration_set_state_mapping (config, "away", NULL);
  pb_configuration_set_state_mapping (config, "away.lunch", "Ready_for_Chats");
  pb_configuration_unset_state_mapping (config, "ready");
  lines = preview_lines (config);

  assert_has_line (lines, "ContactPad state becomes Wrap up → no presence mapped (the configuration cannot be saved)");
  assert_has_line (lines, "ContactPad state becomes Away → offline in Omni-Channel");
  assert_has_line (lines, "ContactPad state becomes Break → offline in Omni-Channel (same as Away)");
  assert_has_line (lines, "ContactPad state becomes Lunch → Omni-Channel shows “Ready for chats”");
  assert_has_line (lines, "Agent logs in to ContactPad → no presence mapped (the configuration cannot be saved)");
  g_assert_false (has_line (lines, "Agent logs in to ContactPad → Omni-Channel shows “Ready for cases”"));
}

static void
test_stale_and_duplicate (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) lines = NULL;
  GListModel *list = pb_configuration_get_agent_states (config);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (states, g_list_model_get_item (list, i));
  g_ptr_array_add (states, pb_agent_state_new ("away", "Away again", NULL));
  pb_configuration_set_agent_states (config, states);
  pb_configuration_set_presence_mapping (config, "On_a_call", "away.nap");
  lines = preview_lines (config);

  assert_has_line (lines, "Agent picks “On a call” → ContactPad state away.nap, which is not in the account's list of states");
  /* One event per state id: the duplicate is an error for the checks. */
  g_assert_cmpuint (lines->len, ==, 23);
  for (guint i = 0; i < lines->len; i++)
    g_assert_null (strstr (g_ptr_array_index (lines, i), "Away again"));
}

/* One event at a time, as the simulator asks for them: the same sentences
 * as the whole preview, and the outbound variant of the revert rule. */
static void
test_single_events (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbPreviewEvent) chat = pb_preview_build_fixed_event (config, PB_PREVIEW_FIXED_CHAT);
  g_autoptr(PbPreviewEvent) pick = pb_preview_build_presence_event (config, "Taking_notes");
  g_autoptr(PbPreviewEvent) lunch = pb_preview_build_state_event (config, "away.lunch");
  g_autoptr(PbPreviewEvent) inbound = NULL;
  g_autoptr(PbPreviewEvent) outbound = NULL;
  g_autoptr(PbPreviewEvent) outbound_off = NULL;
  g_autoptr(GPtrArray) lines = preview_lines (config);
  g_autofree char *chat_line = pb_preview_event_to_string (chat);
  g_autofree char *pick_line = pb_preview_event_to_string (pick);
  g_autofree char *lunch_line = pb_preview_event_to_string (lunch);
  g_autofree char *outbound_off_line = NULL;
  g_autofree char *inbound_line = NULL;
  g_autofree char *outbound_line = NULL;

  assert_has_line (lines, chat_line);
  assert_has_line (lines, pick_line);
  assert_has_line (lines, lunch_line);
  g_assert_cmpint (pb_preview_event_get_kind (pick), ==, PB_PREVIEW_EVENT_PRESENCE);
  g_assert_cmpstr (pb_preview_event_get_subject_id (lunch), ==, "away.lunch");

  /* Revert to last status off: inbound or not makes no difference. */
  outbound_off = pb_preview_build_revert_event (config, FALSE);
  outbound_off_line = pb_preview_event_to_string (outbound_off);
  g_assert_cmpstr (outbound_off_line, ==, g_ptr_array_index (lines, lines->len - 1));

  pb_configuration_set_revert_to_last_status (config, TRUE);
  inbound = pb_preview_build_revert_event (config, TRUE);
  outbound = pb_preview_build_revert_event (config, FALSE);
  inbound_line = pb_preview_event_to_string (inbound);
  outbound_line = pb_preview_event_to_string (outbound);
  g_assert_cmpstr (inbound_line, ==, "Agent finishes an interaction → the presence the agent had before the interaction is restored");
  g_assert_cmpstr (outbound_line, ==,
                   "Agent finishes an interaction → Omni-Channel shows “Ready for cases” (mapped to Ready); "
                   "Revert to last status applies after inbound interactions only");
}

static void
test_event (void)
{
  g_autoptr(PbPreviewEvent) event = pb_preview_event_new (PB_PREVIEW_EVENT_STATE,
                                                          "ContactPad state becomes Away",
                                                          "Omni-Channel shows “Away”",
                                                          "away");
  g_autofree char *line = pb_preview_event_to_string (event);
  g_autofree char *trigger = NULL;
  PbPreviewEventKind kind;

  g_assert_cmpstr (line, ==, "ContactPad state becomes Away → Omni-Channel shows “Away”");
  g_object_get (event, "trigger", &trigger, "kind", &kind, NULL);
  g_assert_cmpstr (trigger, ==, "ContactPad state becomes Away");
  g_assert_cmpint (kind, ==, PB_PREVIEW_EVENT_STATE);
  g_assert_cmpstr (pb_preview_event_get_subject_id (event), ==, "away");
  g_assert_finalize_object (g_steal_pointer (&event));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/preview/worked-example/spec-lines", test_worked_example_spec_lines);
  g_test_add_func ("/preview/worked-example/everything", test_worked_example_everything);
  g_test_add_func ("/preview/kinds-and-subjects", test_kinds_and_subjects);
  g_test_add_func ("/preview/revert", test_revert);
  g_test_add_func ("/preview/revert-offline", test_revert_offline);
  g_test_add_func ("/preview/unmapped-and-offline-states", test_unmapped_and_offline_states);
  g_test_add_func ("/preview/stale-and-duplicate", test_stale_and_duplicate);
  g_test_add_func ("/preview/single-events", test_single_events);
  g_test_add_func ("/preview/event", test_event);

  return g_test_run ();
}
