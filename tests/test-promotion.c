/* test-promotion.c: the one promotion policy the CLI and the window share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pb-core.h"
#include "pb-test-fixtures.h"

/* The worked example as a sandbox org would have it, with a few more
 * mapping entries for the cases below. */
static PbConfiguration *
sandbox_org (void)
{
  PbConfiguration *config = pb_test_worked_example ();

  pb_configuration_set_presence_mapping (config, "Ready_for_Chats", "away.training");
  pb_configuration_set_presence_mapping (config, "Gone", "away");
  pb_configuration_set_state_mapping (config, "busy.outbound", "Taking_notes");
  pb_configuration_set_revert_to_last_status (config, TRUE);

  return config;
}

/* Production: other record Ids, no "Taking notes", a status and a state of
 * its own, Wrap up and Break under other ids, Training missing and two
 * minors called Lunch; its own mapping and Agent Post Call State. */
static PbConfiguration *
production_org (void)
{
  static const struct { const char *id, *name, *major; } states[] = {
    { "ready", "Ready", NULL },
    { "ready_offline", "Ready (Offline)", NULL },
    { "busy", "Busy", NULL },
    { "busy.inbound", "Busy Inbound", "busy" },
    { "busy.outbound", "Busy Outbound", "busy" },
    { "busy.external", "Busy External", "busy" },
    { "busy.callback", "Busy Callback", "busy" },
    { "wrapup", "WRAP UP", NULL },
    { "away", "Away", NULL },
    { "away_break", "Break", "away" },
    { "away.lunch1", "Lunch", "away" },
    { "away.lunch2", "Lunch", "away" },
    { "away.meeting", "Meeting", "away" },
    { "logged_out", "Logged out", NULL },
  };
  static const char * const cases[] = { "sfdc_case", NULL };
  static const char * const chats[] = { "sfdc_livechat", NULL };
  static const char * const messaging[] = { "sfdc_messaging", NULL };
  PbConfiguration *config = pb_configuration_new ();
  g_autoptr(GPtrArray) state_array = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) status_array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    g_ptr_array_add (state_array, pb_agent_state_new (states[i].id, states[i].name, states[i].major));
  g_ptr_array_add (status_array, pb_presence_status_new ("Ready_for_Cases", "Ready for cases", "0N5PROD00000000001", cases));
  g_ptr_array_add (status_array, pb_presence_status_new ("Ready_for_Chats", "Ready for chats", "0N5PROD00000000002", chats));
  g_ptr_array_add (status_array, pb_presence_status_new ("On_a_call", "On a call", "0N5PROD00000000003", NULL));
  g_ptr_array_add (status_array, pb_presence_status_new ("Away_from_desk_temporary", "Away from desk (temporary)",
                                                         "0N5PROD00000000004", NULL));
  g_ptr_array_add (status_array, pb_presence_status_new ("Ready_for_Messaging", "Ready for messaging",
                                                         "0N5PROD00000000005", messaging));
  pb_configuration_set_agent_states (config, state_array);
  pb_configuration_set_presence_statuses (config, status_array);
  pb_configuration_set_account (config, "ACC-PROD", "Production Contact Centre");
  pb_configuration_set_org (config, "00DPROD", "Production", FALSE);
  pb_configuration_set_agent_post_call_state (config, "wrapup");

  pb_configuration_set_presence_mapping (config, "On_a_call", "busy");
  pb_configuration_set_presence_mapping (config, "Ready_for_Messaging", "ready");
  pb_configuration_set_state_mapping (config, "ready", "Ready_for_Cases");
  pb_configuration_set_state_mapping (config, "busy.callback", "On_a_call");
  pb_configuration_set_state_mapping (config, "away.lunch1", "Away_from_desk_temporary");

  return config;
}

static const char *
state_mapping (PbConfiguration *config,
               const char      *state_id)
{
  const char *presence = NULL;

  g_assert_true (pb_configuration_get_state_mapping (config, state_id, &presence));
  return presence;
}

static void
test_identical (void)
{
  g_autoptr(PbConfiguration) from = pb_test_worked_example ();
  g_autoptr(PbConfiguration) to = pb_test_worked_example ();
  g_autoptr(PbPromotion) promotion = NULL;

  /* Another mapping on the same lists: the source's replaces it. */
  pb_configuration_set_presence_mapping (to, "On_a_call", "busy");
  pb_configuration_unset_state_mapping (to, "wrap");
  pb_configuration_set_state_mapping (to, "away.lunch", "Taking_notes");

  promotion = pb_promotion_new (from, to);
  g_assert_cmpuint (g_list_model_get_n_items (pb_promotion_get_unmatched (promotion)), ==, 0);
  g_assert_true (pb_configuration_equal (pb_promotion_get_result (promotion), from));
  g_assert_cmpuint (pb_promotion_get_n_matched_statuses (promotion), ==, 5);
  g_assert_cmpuint (pb_promotion_get_n_matched_states (promotion), ==, 13);

  /* Neither side is changed. */
  g_assert_cmpstr (pb_configuration_get_presence_mapping (to, "On_a_call"), ==, "busy");
  g_assert_false (pb_configuration_get_state_mapping (to, "wrap", NULL));
}

typedef struct
{
  PbChangeKind kind;
  const char *path;
  const char *words; /* in the description */
} Expected;

static void
test_across_orgs (void)
{
  g_autoptr(PbConfiguration) from = sandbox_org ();
  g_autoptr(PbConfiguration) to = production_org ();
  g_autoptr(PbConfiguration) to_before = pb_configuration_copy (to);
  g_autoptr(PbConfiguration) from_before = pb_configuration_copy (from);
  g_autoptr(PbPromotion) promotion = pb_promotion_new (from, to);
  PbConfiguration *result = pb_promotion_get_result (promotion);
  GListModel *unmatched = pb_promotion_get_unmatched (promotion);
  static const Expected expected[] = {
    { PB_CHANGE_REMOVED, "presenceToState.Ready_for_Chats", "Away › Training, which the target does not have" },
    { PB_CHANGE_REMOVED, "presenceStatuses[apiName=Taking_notes]", "no presence status “Taking notes”" },
    { PB_CHANGE_REMOVED, "presenceStatuses[apiName=Gone]", "its mapping to Away is not copied" },
    { PB_CHANGE_REMOVED, "stateToPresence.ready_offline", "left unmapped" },
    { PB_CHANGE_REMOVED, "stateToPresence.busy.outbound", "its major state’s mapping" },
    { PB_CHANGE_MODIFIED, "agentStates[id=wrap]", "“wrapup” in the target: matched by name" },
    { PB_CHANGE_REMOVED, "stateToPresence.wrapup", "Wrap up shows “Taking notes”" },
    { PB_CHANGE_MODIFIED, "agentStates[id=away.break]", "“away_break”" },
    { PB_CHANGE_REMOVED, "agentStates[id=away.lunch]", "Away › Lunch has the name of several agent states" },
    { PB_CHANGE_REMOVED, "agentStates[id=away.training]", "no agent state Away › Training" },
    { PB_CHANGE_ADDED, "presenceStatuses[apiName=Ready_for_Messaging]", "only in the target" },
    { PB_CHANGE_ADDED, "agentStates[id=busy.callback]", "Busy › Busy Callback is only in the target" },
    { PB_CHANGE_ADDED, "agentStates[id=away.lunch1]", "only in the target" },
    { PB_CHANGE_ADDED, "agentStates[id=away.lunch2]", "only in the target" },
  };

  for (guint i = 0; i < g_list_model_get_n_items (unmatched); i++)
    {
      g_autoptr(PbChange) change = g_list_model_get_item (unmatched, i);

      g_test_message ("%s: %s", pb_change_get_path (change), pb_change_get_description (change));
    }

  g_assert_cmpuint (g_list_model_get_n_items (unmatched), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PbChange) change = g_list_model_get_item (unmatched, i);

      g_assert_cmpint (pb_change_get_kind (change), ==, expected[i].kind);
      g_assert_cmpstr (pb_change_get_path (change), ==, expected[i].path);
      if (strstr (pb_change_get_description (change), expected[i].words) == NULL)
        g_error ("“%s” does not say “%s”", pb_change_get_description (change), expected[i].words);
    }
  g_assert_cmpuint (pb_promotion_count (promotion, PB_CHANGE_REMOVED), ==, 8);
  g_assert_cmpuint (pb_promotion_count (promotion, PB_CHANGE_MODIFIED), ==, 2);
  g_assert_cmpuint (pb_promotion_count (promotion, PB_CHANGE_ADDED), ==, 4);
  /* Taking notes is missing ("Gone" is no status of the source's lists);
   * Wrap up and Break matched by name, Lunch and Training not. */
  g_assert_cmpuint (pb_promotion_get_n_matched_statuses (promotion), ==, 4);
  g_assert_cmpuint (pb_promotion_get_n_matched_states (promotion), ==, 11);

  {
    g_autoptr(PbChange) by_name = g_list_model_get_item (unmatched, 7);

    g_assert_cmpstr (pb_change_get_before (by_name), ==, "away.break");
    g_assert_cmpstr (pb_change_get_after (by_name), ==, "away_break");
  }

  /* The target's lists, account, org and post-call state; the source's
   * switch. */
  g_assert_true (pb_configuration_lists_equal (result, to_before));
  g_assert_cmpstr (pb_presence_status_get_record_id (pb_configuration_lookup_presence (result, "On_a_call")), ==,
                   "0N5PROD00000000003");
  g_assert_cmpstr (pb_configuration_get_account_id (result), ==, "ACC-PROD");
  g_assert_cmpstr (pb_configuration_get_org_id (result), ==, "00DPROD");
  g_assert_cmpstr (pb_configuration_get_agent_post_call_state (result), ==, "wrapup");
  g_assert_true (pb_configuration_get_revert_to_last_status (result));

  /* Matched: the source's mapping, in the target's ids. */
  g_assert_cmpstr (pb_configuration_get_presence_mapping (result, "On_a_call"), ==, "away");
  g_assert_cmpstr (pb_configuration_get_presence_mapping (result, "Away_from_desk_temporary"), ==, "away_break");
  g_assert_cmpstr (pb_configuration_get_presence_mapping (result, "Ready_for_Cases"), ==, "ready");
  g_assert_cmpstr (state_mapping (result, "busy"), ==, "On_a_call");
  g_assert_cmpstr (state_mapping (result, "away"), ==, "Away_from_desk_temporary");
  g_assert_null (state_mapping (result, "logged_out"));
  /* Unmatched: the default, unmapped, or the major's. */
  g_assert_null (pb_configuration_get_presence_mapping (result, "Ready_for_Chats"));
  g_assert_false (pb_configuration_get_state_mapping (result, "ready_offline", NULL));
  g_assert_false (pb_configuration_get_state_mapping (result, "wrapup", NULL));
  g_assert_false (pb_configuration_get_state_mapping (result, "busy.outbound", NULL));
  g_assert_null (pb_configuration_get_presence_mapping (result, "Gone"));
  /* Only in the target: its own mapping. */
  g_assert_cmpstr (pb_configuration_get_presence_mapping (result, "Ready_for_Messaging"), ==, "ready");
  g_assert_cmpstr (state_mapping (result, "busy.callback"), ==, "On_a_call");
  g_assert_cmpstr (state_mapping (result, "away.lunch1"), ==, "Away_from_desk_temporary");

  /* Neither side is changed. */
  g_assert_true (pb_configuration_equal (to, to_before));
  g_assert_true (pb_configuration_equal (from, from_before));
}

/* An id the target has under another name is still the same state: ids
 * win over names, and a name never takes a state its id claims. */
static void
test_ids_before_names (void)
{
  g_autoptr(PbConfiguration) from = pb_test_worked_example ();
  g_autoptr(PbConfiguration) to = pb_test_worked_example ();
  g_autoptr(PbPromotion) promotion = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *source_states = pb_configuration_get_agent_states (from);

  /* In the target, "away.lunch" is called Break, and "away.break" Pause. */
  for (guint i = 0; i < g_list_model_get_n_items (source_states); i++)
    {
      g_autoptr(PbAgentState) state = g_list_model_get_item (source_states, i);
      const char *id = pb_agent_state_get_id (state);
      const char *name = g_str_equal (id, "away.lunch") ? "Break"
                         : g_str_equal (id, "away.break") ? "Pause"
                         : pb_agent_state_get_name (state);

      g_ptr_array_add (states, pb_agent_state_new (id, name, pb_agent_state_get_major_id (state)));
    }
  pb_configuration_set_agent_states (to, states);

  promotion = pb_promotion_new (from, to);
  g_assert_cmpuint (g_list_model_get_n_items (pb_promotion_get_unmatched (promotion)), ==, 0);
  g_assert_cmpuint (pb_promotion_get_n_matched_states (promotion), ==, 13);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_promotion_get_result (promotion),
                                                          "Away_from_desk_temporary"), ==, "away.break");
}

/* Empty lists on either side: everything is reported, nothing invented. */
static void
test_empty (void)
{
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(PbConfiguration) empty = pb_configuration_new ();
  g_autoptr(PbPromotion) into_empty = pb_promotion_new (example, empty);
  g_autoptr(PbPromotion) from_empty = pb_promotion_new (empty, example);

  g_assert_cmpuint (pb_promotion_count (into_empty, PB_CHANGE_REMOVED), ==, 5 + 13);
  g_assert_cmpuint (pb_promotion_count (into_empty, PB_CHANGE_ADDED), ==, 0);
  g_assert_true (pb_configuration_is_empty (pb_promotion_get_result (into_empty)));
  g_assert_cmpuint (pb_promotion_get_n_matched_statuses (into_empty), ==, 0);
  g_assert_cmpuint (pb_promotion_get_n_matched_states (into_empty), ==, 0);

  g_assert_cmpuint (pb_promotion_count (from_empty, PB_CHANGE_ADDED), ==, 5 + 13);
  g_assert_true (pb_configuration_mapping_equal (pb_promotion_get_result (from_empty), example));
}

/* What the CLI and the window refuse to promote from or to: a profile
 * with neither list (a mapping alone has nothing to match). */
static void
test_has_lists (void)
{
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(PbConfiguration) empty = pb_configuration_new ();
  g_autoptr(PbConfiguration) statuses_only = pb_configuration_new ();
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_true (pb_promotion_has_lists (example));
  g_assert_false (pb_promotion_has_lists (empty));
  pb_configuration_set_presence_mapping (empty, "On_a_call", "busy");
  g_assert_false (pb_promotion_has_lists (empty));

  g_ptr_array_add (statuses, pb_presence_status_new ("On_a_call", "On a call", NULL, NULL));
  pb_configuration_set_presence_statuses (statuses_only, statuses);
  g_assert_true (pb_promotion_has_lists (statuses_only));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/promotion/identical", test_identical);
  g_test_add_func ("/promotion/across-orgs", test_across_orgs);
  g_test_add_func ("/promotion/ids-before-names", test_ids_before_names);
  g_test_add_func ("/promotion/empty", test_empty);
  g_test_add_func ("/promotion/has-lists", test_has_lists);

  return g_test_run ();
}
