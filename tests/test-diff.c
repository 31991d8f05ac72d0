/* test-diff.c: what changed from one configuration to another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-core.h"
#include "pb-test-fixtures.h"

static GPtrArray *
states_of (PbConfiguration *config)
{
  GListModel *list = pb_configuration_get_agent_states (config);
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (array, g_list_model_get_item (list, i));

  return array;
}

static GPtrArray *
statuses_of (PbConfiguration *config)
{
  GListModel *list = pb_configuration_get_presence_statuses (config);
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (array, g_list_model_get_item (list, i));

  return array;
}

/* Replaces the item at @index, or removes it when @item is NULL (takes @item). */
static void
replace_state (PbConfiguration *config,
               guint            index,
               PbAgentState    *item)
{
  g_autoptr(GPtrArray) array = states_of (config);

  if (item != NULL)
    {
      g_object_unref (g_ptr_array_index (array, index));
      g_ptr_array_index (array, index) = item;
    }
  else
    {
      g_ptr_array_remove_index (array, index);
    }
  pb_configuration_set_agent_states (config, array);
}

static void
replace_status (PbConfiguration  *config,
                guint             index,
                PbPresenceStatus *item)
{
  g_autoptr(GPtrArray) array = statuses_of (config);

  if (item != NULL)
    {
      g_object_unref (g_ptr_array_index (array, index));
      g_ptr_array_index (array, index) = item;
    }
  else
    {
      g_ptr_array_remove_index (array, index);
    }
  pb_configuration_set_presence_statuses (config, array);
}

static void
assert_change (GListModel   *changes,
               guint         index,
               PbChangeKind  kind,
               const char   *path,
               const char   *before,
               const char   *after,
               const char   *description)
{
  g_autoptr(PbChange) change = g_list_model_get_item (changes, index);

  g_assert_nonnull (change);
  g_assert_cmpint (pb_change_get_kind (change), ==, kind);
  g_assert_cmpstr (pb_change_get_path (change), ==, path);
  g_assert_cmpstr (pb_change_get_before (change), ==, before);
  g_assert_cmpstr (pb_change_get_after (change), ==, after);
  g_assert_cmpstr (pb_change_get_description (change), ==, description);
}

static void
test_equal (void)
{
  g_autoptr(PbConfiguration) a = pb_test_worked_example ();
  g_autoptr(PbConfiguration) b = pb_test_worked_example ();
  g_autoptr(PbConfiguration) copy = pb_configuration_copy (a);
  g_autoptr(GListModel) same = pb_diff_configurations (a, a);
  g_autoptr(GListModel) equal = pb_diff_configurations (a, b);
  g_autoptr(GListModel) copied = pb_diff_configurations (a, copy);

  g_assert_true (g_list_model_get_item_type (same) == PB_TYPE_CHANGE);
  g_assert_cmpuint (g_list_model_get_n_items (same), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (equal), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (copied), ==, 0);
}

/* Record Ids differ between a sandbox and production, the account and org
 * say where a configuration lives: neither is a change of the mapping. */
static void
test_other_org (void)
{
  static const char * const cases[] = { "sfdc_case", NULL };
  g_autoptr(PbConfiguration) sandbox = pb_test_worked_example ();
  g_autoptr(PbConfiguration) production = pb_test_worked_example ();
  g_autoptr(GListModel) changes = NULL;

  replace_status (production, 0, pb_presence_status_new ("Ready_for_Cases", "Ready for cases", "0N5PROD000001", cases));
  pb_configuration_set_org (production, "00D000000000PROD", "Production", FALSE);
  pb_configuration_set_account (production, "ACC-2002", "Other");
  changes = pb_diff_configurations (sandbox, production);
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 0);
}

static void
test_agent_states (void)
{
  g_autoptr(PbConfiguration) before = pb_test_worked_example ();
  g_autoptr(PbConfiguration) after = pb_test_worked_example ();
  g_autoptr(GPtrArray) states = NULL;
  g_autoptr(GListModel) changes = NULL;

  /* away.lunch (9) removed, away.break (8) renamed, busy.external (5) moved
   * under Away, away.training (11) made a major, a new minor added. */
  replace_state (after, 11, pb_agent_state_new ("away.training", "Training", NULL));
  replace_state (after, 9, NULL);
  replace_state (after, 8, pb_agent_state_new ("away.break", "Coffee break", "away"));
  replace_state (after, 5, pb_agent_state_new ("busy.external", "Busy External", "away"));
  states = states_of (after);
  g_ptr_array_add (states, pb_agent_state_new ("away.nap", "Nap", "away"));
  pb_configuration_set_agent_states (after, states);

  changes = pb_diff_configurations (before, after);
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 5);
  assert_change (changes, 0, PB_CHANGE_REMOVED, "agentStates[id=away.lunch]",
                 "Away › Lunch", NULL, "Agent state Away › Lunch removed");
  assert_change (changes, 1, PB_CHANGE_MODIFIED, "agentStates[id=busy.external].major",
                 "Busy", "Away", "Agent state Busy External moved from Busy to Away");
  assert_change (changes, 2, PB_CHANGE_MODIFIED, "agentStates[id=away.break].name",
                 "Break", "Coffee break", "Agent state “Break” renamed to “Coffee break”");
  assert_change (changes, 3, PB_CHANGE_MODIFIED, "agentStates[id=away.training].major",
                 "Away", NULL, "Agent state Training is now a major state (it was under Away)");
  assert_change (changes, 4, PB_CHANGE_ADDED, "agentStates[id=away.nap]",
                 NULL, "Away › Nap", "Agent state Away › Nap added");

  /* And back: a major becoming a minor again. */
  g_clear_object (&changes);
  changes = pb_diff_configurations (after, before);
  assert_change (changes, 0, PB_CHANGE_REMOVED, "agentStates[id=away.nap]",
                 "Away › Nap", NULL, "Agent state Away › Nap removed");
  assert_change (changes, 4, PB_CHANGE_MODIFIED, "agentStates[id=away.training].major",
                 NULL, "Away", "Agent state Training is now a minor state of Away");
}

static void
test_presence_statuses (void)
{
  static const char * const chats[] = { "sfdc_livechat", "sfdc_messaging", NULL };
  static const char * const cases[] = { "sfdc_case", NULL };
  g_autoptr(PbConfiguration) before = pb_test_worked_example ();
  g_autoptr(PbConfiguration) after = pb_test_worked_example ();
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GListModel) changes = NULL;

  replace_status (after, 4, NULL);
  replace_status (after, 1, pb_presence_status_new ("Ready_for_Chats", "Ready for chats", NULL, chats));
  replace_status (after, 2, pb_presence_status_new ("On_a_call", "On the phone", NULL, cases));
  statuses = statuses_of (after);
  g_ptr_array_add (statuses, pb_presence_status_new ("Training", "In training", NULL, NULL));
  pb_configuration_set_presence_statuses (after, statuses);

  changes = pb_diff_configurations (before, after);
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 5);
  assert_change (changes, 0, PB_CHANGE_REMOVED, "presenceStatuses[apiName=Taking_notes]",
                 "Taking notes", NULL, "Presence status “Taking notes” removed");
  assert_change (changes, 1, PB_CHANGE_MODIFIED, "presenceStatuses[apiName=Ready_for_Chats].channels",
                 "sfdc_livechat", "sfdc_livechat, sfdc_messaging",
                 "Service channels of “Ready for chats” changed from sfdc_livechat to sfdc_livechat, sfdc_messaging");
  assert_change (changes, 2, PB_CHANGE_MODIFIED, "presenceStatuses[apiName=On_a_call].label",
                 "On a call", "On the phone", "Presence status “On a call” is now labelled “On the phone”");
  assert_change (changes, 3, PB_CHANGE_MODIFIED, "presenceStatuses[apiName=On_a_call].channels",
                 "none", "sfdc_case", "Service channels of “On the phone” changed from none to sfdc_case");
  assert_change (changes, 4, PB_CHANGE_ADDED, "presenceStatuses[apiName=Training]",
                 NULL, "In training", "Presence status “In training” added");
}

static void
test_presence_mappings (void)
{
  g_autoptr(PbConfiguration) before = pb_test_worked_example ();
  g_autoptr(PbConfiguration) after = pb_test_worked_example ();
  g_autoptr(GListModel) changes = NULL;

  pb_configuration_set_presence_mapping (after, "Ready_for_Chats", "ready_offline");
  pb_configuration_set_presence_mapping (after, "On_a_call", "busy");
  pb_configuration_set_presence_mapping (after, "Away_from_desk_temporary", NULL);

  changes = pb_diff_configurations (before, after);
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 3);
  /* By key, in byte order. */
  assert_change (changes, 0, PB_CHANGE_REMOVED, "presenceToState.Away_from_desk_temporary",
                 "Away › Break", NULL,
                 "“Away from desk (temporary)” no longer sets Away › Break and uses the default mapping, Ready");
  assert_change (changes, 1, PB_CHANGE_MODIFIED, "presenceToState.On_a_call",
                 "Away", "Busy", "“On a call” now sets the agent state Busy instead of Away");
  assert_change (changes, 2, PB_CHANGE_ADDED, "presenceToState.Ready_for_Chats",
                 NULL, "Ready (Offline)",
                 "“Ready for chats” now sets the agent state Ready (Offline) instead of the default Ready");
}

static void
test_state_mappings (void)
{
  g_autoptr(PbConfiguration) before = pb_test_worked_example ();
  g_autoptr(PbConfiguration) after = pb_test_worked_example ();
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GListModel) reverse = NULL;

  pb_configuration_set_state_mapping (after, "away.break", "Taking_notes");
  pb_configuration_set_state_mapping (after, "away.lunch", NULL);
  pb_configuration_set_state_mapping (after, "busy", NULL);
  pb_configuration_unset_state_mapping (after, "ready_offline");
  pb_configuration_set_state_mapping (after, "wrap", "Ready_for_Cases");

  changes = pb_diff_configurations (before, after);
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 5);
  assert_change (changes, 0, PB_CHANGE_ADDED, "stateToPresence.away.break",
                 NULL, "Taking notes", "Agent state Away › Break now shows “Taking notes”");
  assert_change (changes, 1, PB_CHANGE_ADDED, "stateToPresence.away.lunch",
                 NULL, "Offline", "Agent state Away › Lunch now goes offline");
  assert_change (changes, 2, PB_CHANGE_MODIFIED, "stateToPresence.busy",
                 "On a call", "Offline", "Agent state Busy now goes offline instead of showing “On a call”");
  assert_change (changes, 3, PB_CHANGE_REMOVED, "stateToPresence.ready_offline",
                 "Taking notes", NULL, "Agent state Ready (Offline) no longer has its own presence (it showed “Taking notes”)");
  assert_change (changes, 4, PB_CHANGE_MODIFIED, "stateToPresence.wrap",
                 "Taking notes", "Ready for cases", "Agent state Wrap up now shows “Ready for cases” instead of “Taking notes”");

  reverse = pb_diff_configurations (after, before);
  g_assert_cmpuint (g_list_model_get_n_items (reverse), ==, 5);
  assert_change (reverse, 1, PB_CHANGE_REMOVED, "stateToPresence.away.lunch",
                 "Offline", NULL, "Agent state Away › Lunch no longer has its own presence (it went offline)");
  assert_change (reverse, 2, PB_CHANGE_MODIFIED, "stateToPresence.busy",
                 "Offline", "On a call", "Agent state Busy now shows “On a call” instead of going offline");
}

static void
test_switches (void)
{
  g_autoptr(PbConfiguration) before = pb_test_worked_example ();
  g_autoptr(PbConfiguration) after = pb_test_worked_example ();
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GListModel) reverse = NULL;

  pb_configuration_set_revert_to_last_status (after, TRUE);
  pb_configuration_set_agent_post_call_state (after, "wrap");

  changes = pb_diff_configurations (before, after);
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 2);
  assert_change (changes, 0, PB_CHANGE_MODIFIED, "revertToLastStatus",
                 "Off", "On", "Revert to last status switched on");
  assert_change (changes, 1, PB_CHANGE_MODIFIED, "agentPostCallState",
                 "Ready", "Wrap up", "Agent Post Call State changed from Ready to Wrap up");

  reverse = pb_diff_configurations (after, before);
  assert_change (reverse, 0, PB_CHANGE_MODIFIED, "revertToLastStatus",
                 "On", "Off", "Revert to last status switched off");
}

static void
test_order (void)
{
  g_autoptr(PbConfiguration) before = pb_test_worked_example ();
  g_autoptr(PbConfiguration) after = pb_test_worked_example ();
  g_autoptr(GListModel) changes = NULL;
  static const char * const paths[] = {
    "agentStates[id=away.break].name",
    "presenceStatuses[apiName=Taking_notes].label",
    "presenceToState.On_a_call",
    "stateToPresence.wrap",
    "revertToLastStatus",
  };

  /* Made in the opposite order to the one the diff reports them in. */
  pb_configuration_set_revert_to_last_status (after, TRUE);
  pb_configuration_set_state_mapping (after, "wrap", "Ready_for_Cases");
  pb_configuration_set_presence_mapping (after, "On_a_call", "busy");
  replace_status (after, 4, pb_presence_status_new ("Taking_notes", "Notes", NULL, NULL));
  replace_state (after, 8, pb_agent_state_new ("away.break", "Pause", "away"));

  changes = pb_diff_configurations (before, after);
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, G_N_ELEMENTS (paths));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(PbChange) change = g_list_model_get_item (changes, i);

      g_assert_cmpstr (pb_change_get_path (change), ==, paths[i]);
    }
}

static void
test_change_properties (void)
{
  g_autoptr(PbChange) change = pb_change_new (PB_CHANGE_ADDED, "stateToPresence.away", NULL, "Away",
                                              "Agent state Away now shows “Away”");
  g_autofree char *after = NULL;
  g_autofree char *before = NULL;
  PbChangeKind kind;

  g_object_get (change, "kind", &kind, "before", &before, "after", &after, NULL);
  g_assert_cmpint (kind, ==, PB_CHANGE_ADDED);
  g_assert_null (before);
  g_assert_cmpstr (after, ==, "Away");
  g_assert_finalize_object (g_steal_pointer (&change));
}

static void
test_extra_keys (void)
{
  g_autoptr(PbConfiguration) before = pb_test_worked_example ();
  g_autoptr(PbConfiguration) after = pb_configuration_copy (before);
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GListModel) none = NULL;
  g_autoptr(PbChange) change = NULL;

  json_object_set_string_member (extra, "x-owner", "ops");
  pb_configuration_set_extra (after, extra);
  g_assert_false (pb_configuration_equal (before, after));
  g_assert_true (pb_configuration_mapping_equal (before, after));
  g_assert_true (pb_configuration_lists_equal (before, after));

  changes = pb_diff_configurations (before, after);
  g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 1);
  change = g_list_model_get_item (changes, 0);
  g_assert_cmpint (pb_change_get_kind (change), ==, PB_CHANGE_ADDED);
  g_assert_cmpstr (pb_change_get_path (change), ==, "x-owner");
  g_assert_cmpstr (pb_change_get_after (change), ==, "\"ops\"");

  {
    g_autoptr(PbConfiguration) same = pb_configuration_copy (after);

    none = pb_diff_configurations (after, same);
  }
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/diff/equal", test_equal);
  g_test_add_func ("/diff/other-org", test_other_org);
  g_test_add_func ("/diff/agent-states", test_agent_states);
  g_test_add_func ("/diff/presence-statuses", test_presence_statuses);
  g_test_add_func ("/diff/presence-mappings", test_presence_mappings);
  g_test_add_func ("/diff/state-mappings", test_state_mappings);
  g_test_add_func ("/diff/switches", test_switches);
  g_test_add_func ("/diff/order", test_order);
  g_test_add_func ("/diff/change-properties", test_change_properties);
  g_test_add_func ("/diff/extra-keys", test_extra_keys);

  return g_test_run ();
}
