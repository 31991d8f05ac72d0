/* test-model.c: the configuration model and its resolution
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-core.h"
#include "pb-test-fixtures.h"

static void
count_changed (PbConfiguration *config,
               guint           *count)
{
  (*count)++;
}

static void
count_notify (PbConfiguration *config,
              GParamSpec      *pspec,
              guint           *count)
{
  (*count)++;
}

static void
test_minor_falls_back_to_major (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  const char *presence = "unset";

  g_assert_cmpint (pb_configuration_resolve_state (config, "away.lunch", &presence), ==, PB_RESOLUTION_INHERITED);
  g_assert_cmpstr (presence, ==, "Away_from_desk_temporary");

  g_assert_cmpint (pb_configuration_resolve_state (config, "busy.inbound", &presence), ==, PB_RESOLUTION_INHERITED);
  g_assert_cmpstr (presence, ==, "On_a_call");

  /* An own entry wins over the major's. */
  pb_configuration_set_state_mapping (config, "away.lunch", "Taking_notes");
  g_assert_cmpint (pb_configuration_resolve_state (config, "away.lunch", &presence), ==, PB_RESOLUTION_OWN);
  g_assert_cmpstr (presence, ==, "Taking_notes");

  /* An own entry of "offline" is an entry too, not a fallback. */
  pb_configuration_set_state_mapping (config, "away.lunch", NULL);
  presence = "unset";
  g_assert_cmpint (pb_configuration_resolve_state (config, "away.lunch", &presence), ==, PB_RESOLUTION_OWN);
  g_assert_null (presence);

  /* A major left unmapped gives its minors nothing either. */
  pb_configuration_unset_state_mapping (config, "away");
  presence = "unset";
  g_assert_cmpint (pb_configuration_resolve_state (config, "away", &presence), ==, PB_RESOLUTION_NONE);
  g_assert_null (presence);
  g_assert_cmpint (pb_configuration_resolve_state (config, "away.break", NULL), ==, PB_RESOLUTION_NONE);
}

static void
test_unmapped_presence_is_ready (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  gboolean is_default = FALSE;

  g_assert_cmpstr (pb_configuration_resolve_presence (config, "Ready_for_Chats", &is_default), ==, "ready");
  g_assert_true (is_default);
  g_assert_null (pb_configuration_get_presence_mapping (config, "Ready_for_Chats"));

  g_assert_cmpstr (pb_configuration_resolve_presence (config, "On_a_call", &is_default), ==, "away");
  g_assert_false (is_default);

  /* An explicit entry of Ready is not the default. */
  g_assert_cmpstr (pb_configuration_resolve_presence (config, "Ready_for_Cases", &is_default), ==, "ready");
  g_assert_false (is_default);

  /* Removing the entry brings the default back. */
  pb_configuration_set_presence_mapping (config, "On_a_call", NULL);
  g_assert_cmpstr (pb_configuration_resolve_presence (config, "On_a_call", &is_default), ==, "ready");
  g_assert_true (is_default);
}

static void
test_logged_out_is_offline (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  const char *presence = "unset";

  g_assert_cmpint (pb_configuration_resolve_state (config, "logged_out", &presence), ==, PB_RESOLUTION_FIXED);
  g_assert_null (presence);

  /* Neither an entry naming a status nor no entry at all changes that. */
  pb_configuration_set_state_mapping (config, "logged_out", "Ready_for_Cases");
  presence = "unset";
  g_assert_cmpint (pb_configuration_resolve_state (config, "logged_out", &presence), ==, PB_RESOLUTION_FIXED);
  g_assert_null (presence);

  pb_configuration_unset_state_mapping (config, "logged_out");
  g_assert_cmpint (pb_configuration_resolve_state (config, "logged_out", NULL), ==, PB_RESOLUTION_FIXED);
}

static void
test_display_names (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autofree char *major = pb_configuration_dup_state_display_name (config, "away");
  g_autofree char *minor = pb_configuration_dup_state_display_name (config, "away.break");
  g_autofree char *busy = pb_configuration_dup_state_display_name (config, "busy.inbound");
  g_autofree char *stale = pb_configuration_dup_state_display_name (config, "away.nap");

  g_assert_cmpstr (major, ==, "Away");
  g_assert_cmpstr (minor, ==, "Away › Break");
  g_assert_cmpstr (busy, ==, "Busy › Busy Inbound");
  /* A state that is not in the list is shown by its id. */
  g_assert_cmpstr (stale, ==, "away.nap");
}

static void
test_names_and_labels (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();

  g_assert_cmpstr (pb_configuration_get_state_name (config, "away.break"), ==, "Break");
  g_assert_cmpstr (pb_configuration_get_presence_label (config, "On_a_call"), ==, "On a call");
  /* An item the lists do not have is shown by its key. */
  g_assert_cmpstr (pb_configuration_get_state_name (config, "away.nap"), ==, "away.nap");
  g_assert_cmpstr (pb_configuration_get_presence_label (config, "Gone"), ==, "Gone");
}

static void
test_lists (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbAgentState) first = NULL;
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *minors;

  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_agent_states (config)), ==, 13);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_major_states (config)), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_presence_statuses (config)), ==, 5);

  minors = pb_configuration_get_minor_states (config, "away");
  g_assert_nonnull (minors);
  g_assert_cmpuint (g_list_model_get_n_items (minors), ==, 4);
  g_assert_null (pb_configuration_get_minor_states (config, "ready"));

  /* Duplicates are kept in the list; lookups return the first. */
  first = g_object_ref (pb_configuration_lookup_state (config, "away"));
  for (guint i = 0; i < 13; i++)
    g_ptr_array_add (states, g_list_model_get_item (pb_configuration_get_agent_states (config), i));
  g_ptr_array_add (states, pb_agent_state_new ("away", "Away again", NULL));
  pb_configuration_set_agent_states (config, states);

  g_assert_cmpuint (g_list_model_get_n_items (pb_configuration_get_agent_states (config)), ==, 14);
  g_assert_true (pb_configuration_lookup_state (config, "away") == first);
  g_assert_cmpstr (pb_agent_state_get_name (pb_configuration_lookup_state (config, "away")), ==, "Away");
}

static void
test_copy_and_equal (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbConfiguration) other = pb_test_worked_example ();
  g_autoptr(PbConfiguration) copy = pb_configuration_copy (config);
  const char *presence = NULL;

  g_assert_true (pb_configuration_equal (config, copy));
  g_assert_true (pb_configuration_equal (config, other));
  g_assert_true (pb_configuration_mapping_equal (config, copy));

  /* The copy is independent of the original. */
  pb_configuration_set_state_mapping (copy, "wrap", "Ready_for_Cases");
  g_assert_false (pb_configuration_equal (config, copy));
  g_assert_false (pb_configuration_mapping_equal (config, copy));
  g_assert_true (pb_configuration_get_state_mapping (config, "wrap", &presence));
  g_assert_cmpstr (presence, ==, "Taking_notes");

  pb_configuration_set_state_mapping (copy, "wrap", "Taking_notes");
  g_assert_true (pb_configuration_equal (config, copy));

  /* "offline" and "no entry" are different mappings. */
  pb_configuration_unset_state_mapping (copy, "logged_out");
  g_assert_false (pb_configuration_mapping_equal (config, copy));
  pb_configuration_set_state_mapping (copy, "logged_out", NULL);
  g_assert_true (pb_configuration_mapping_equal (config, copy));

  pb_configuration_set_revert_to_last_status (copy, TRUE);
  g_assert_false (pb_configuration_mapping_equal (config, copy));
  pb_configuration_set_revert_to_last_status (copy, FALSE);

  pb_configuration_set_agent_post_call_state (copy, "wrap");
  g_assert_false (pb_configuration_mapping_equal (config, copy));
  pb_configuration_set_agent_post_call_state (copy, "ready");
  g_assert_true (pb_configuration_equal (config, copy));

  /* The org is part of the configuration, but not of the mapping. */
  pb_configuration_set_org (copy, "00D000000000PROD", "Production", FALSE);
  g_assert_false (pb_configuration_equal (config, copy));
  g_assert_true (pb_configuration_mapping_equal (config, copy));
}

static void
test_equal_ignores_record_ids (void)
{
  static const char * const cases[] = { "sfdc_case", NULL };
  g_autoptr(PbPresenceStatus) sandbox = pb_presence_status_new ("Ready_for_Cases", "Ready for cases", "0N5SANDBOX", cases);
  g_autoptr(PbPresenceStatus) production = pb_presence_status_new ("Ready_for_Cases", "Ready for cases", "0N5PRODUCTION", cases);
  g_autoptr(PbPresenceStatus) relabelled = pb_presence_status_new ("Ready_for_Cases", "Cases", "0N5SANDBOX", cases);
  g_autoptr(PbPresenceStatus) busy = pb_presence_status_new ("Ready_for_Cases", "Ready for cases", "0N5SANDBOX", NULL);

  g_assert_true (pb_presence_status_equal (sandbox, production));
  g_assert_false (pb_presence_status_equal (sandbox, relabelled));
  g_assert_false (pb_presence_status_equal (sandbox, busy));
  g_assert_true (pb_presence_status_is_online (sandbox));
  g_assert_false (pb_presence_status_is_online (busy));
}

static void
test_changed_only_when_something_changes (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  guint changed = 0;
  guint notified = 0;

  g_signal_connect (config, "changed", G_CALLBACK (count_changed), &changed);
  g_signal_connect (config, "notify", G_CALLBACK (count_notify), &notified);

  /* The same values again: nothing happens. */
  pb_configuration_set_presence_mapping (config, "On_a_call", "away");
  pb_configuration_set_presence_mapping (config, "Ready_for_Chats", NULL);
  pb_configuration_set_state_mapping (config, "wrap", "Taking_notes");
  pb_configuration_set_state_mapping (config, "logged_out", NULL);
  pb_configuration_unset_state_mapping (config, "away.break");
  pb_configuration_set_revert_to_last_status (config, FALSE);
  pb_configuration_set_agent_post_call_state (config, "ready");
  g_assert_cmpuint (changed, ==, 0);
  g_assert_cmpuint (notified, ==, 0);

  pb_configuration_set_presence_mapping (config, "On_a_call", "busy");
  g_assert_cmpuint (changed, ==, 1);
  pb_configuration_set_presence_mapping (config, "On_a_call", NULL);
  g_assert_cmpuint (changed, ==, 2);

  /* Adding an "offline" entry where there was none is a change. */
  pb_configuration_set_state_mapping (config, "away.break", NULL);
  g_assert_cmpuint (changed, ==, 3);
  pb_configuration_set_state_mapping (config, "away.break", "Taking_notes");
  g_assert_cmpuint (changed, ==, 4);
  pb_configuration_unset_state_mapping (config, "away.break");
  g_assert_cmpuint (changed, ==, 5);

  pb_configuration_set_revert_to_last_status (config, TRUE);
  g_assert_cmpuint (changed, ==, 6);
  g_assert_cmpuint (notified, ==, 1);

  pb_configuration_set_agent_post_call_state (config, "wrap");
  g_assert_cmpuint (changed, ==, 7);
  g_assert_cmpuint (notified, ==, 2);

  /* NULL means Ready, the default post-call state. */
  pb_configuration_set_agent_post_call_state (config, NULL);
  g_assert_cmpstr (pb_configuration_get_agent_post_call_state (config), ==, "ready");
  g_assert_cmpuint (changed, ==, 8);
  pb_configuration_set_agent_post_call_state (config, "ready");
  g_assert_cmpuint (changed, ==, 8);
}

static void
test_classify (void)
{
  g_assert_cmpint (pb_agent_state_classify ("ready", "Ready"), ==, PB_STATE_KIND_READY);
  g_assert_cmpint (pb_agent_state_classify ("logged_out", "Logged out"), ==, PB_STATE_KIND_LOGGED_OUT);
  g_assert_cmpint (pb_agent_state_classify ("ready_offline", "Ready (Offline)"), ==, PB_STATE_KIND_READY_OFFLINE);
  g_assert_cmpint (pb_agent_state_classify ("r_off", "Ready (Offline)"), ==, PB_STATE_KIND_READY_OFFLINE);
  g_assert_cmpint (pb_agent_state_classify ("busy", "Busy"), ==, PB_STATE_KIND_BUSY);
  g_assert_cmpint (pb_agent_state_classify ("callback", "Busy Callback"), ==, PB_STATE_KIND_BUSY);
  g_assert_cmpint (pb_agent_state_classify ("wrap", "Wrap up"), ==, PB_STATE_KIND_WRAP);
  g_assert_cmpint (pb_agent_state_classify ("acw", "WRAP-UP"), ==, PB_STATE_KIND_WRAP);
  g_assert_cmpint (pb_agent_state_classify ("ext", "Extended Away"), ==, PB_STATE_KIND_AWAY);
  g_assert_cmpint (pb_agent_state_classify ("ready_outbound", "Ready for Outbound"), ==, PB_STATE_KIND_OTHER);
  g_assert_cmpint (pb_agent_state_classify ("x", NULL), ==, PB_STATE_KIND_OTHER);
}

static void
test_state_kind_follows_major (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();

  g_assert_cmpint (pb_configuration_get_state_kind (config, "ready"), ==, PB_STATE_KIND_READY);
  g_assert_cmpint (pb_configuration_get_state_kind (config, "ready_offline"), ==, PB_STATE_KIND_READY_OFFLINE);
  g_assert_cmpint (pb_configuration_get_state_kind (config, "wrap"), ==, PB_STATE_KIND_WRAP);
  g_assert_cmpint (pb_configuration_get_state_kind (config, "logged_out"), ==, PB_STATE_KIND_LOGGED_OUT);
  /* "Break" says nothing about routing; its major, Away, does. */
  g_assert_cmpint (pb_configuration_get_state_kind (config, "away.break"), ==, PB_STATE_KIND_AWAY);
  g_assert_cmpint (pb_configuration_get_state_kind (config, "busy.external"), ==, PB_STATE_KIND_BUSY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/model/resolve/minor-falls-back-to-major", test_minor_falls_back_to_major);
  g_test_add_func ("/model/resolve/unmapped-presence-is-ready", test_unmapped_presence_is_ready);
  g_test_add_func ("/model/resolve/logged-out-is-offline", test_logged_out_is_offline);
  g_test_add_func ("/model/display-names", test_display_names);
  g_test_add_func ("/model/names-and-labels", test_names_and_labels);
  g_test_add_func ("/model/lists", test_lists);
  g_test_add_func ("/model/copy-and-equal", test_copy_and_equal);
  g_test_add_func ("/model/equal-ignores-record-ids", test_equal_ignores_record_ids);
  g_test_add_func ("/model/changed-only-when-something-changes", test_changed_only_when_something_changes);
  g_test_add_func ("/model/kind/classify", test_classify);
  g_test_add_func ("/model/kind/follows-major", test_state_kind_follows_major);

  return g_test_run ();
}
