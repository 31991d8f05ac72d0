/* test-undo-stack.c: undo and redo of mapping edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-fixtures.h"

static void
count_changed_cb (PbConfiguration *configuration,
                  guint           *count)
{
  (*count)++;
}

static void
test_presence_mapping (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbUndoStack) stack = pb_undo_stack_new (config);

  g_assert_false (pb_undo_stack_get_can_undo (stack));
  g_assert_false (pb_undo_stack_undo (stack));

  /* Map a status that had no entry, then change it, then remove it. */
  pb_undo_stack_set_presence_mapping (stack, "Ready_for_Chats", "busy.inbound");
  pb_undo_stack_set_presence_mapping (stack, "Ready_for_Chats", "away");
  pb_undo_stack_set_presence_mapping (stack, "On_a_call", NULL);
  g_assert_cmpuint (pb_undo_stack_get_n_undo (stack), ==, 3);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (config, "Ready_for_Chats"), ==, "away");
  g_assert_null (pb_configuration_get_presence_mapping (config, "On_a_call"));

  g_assert_true (pb_undo_stack_undo (stack));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (config, "On_a_call"), ==, "away");
  g_assert_true (pb_undo_stack_undo (stack));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (config, "Ready_for_Chats"), ==, "busy.inbound");
  g_assert_true (pb_undo_stack_undo (stack));
  g_assert_null (pb_configuration_get_presence_mapping (config, "Ready_for_Chats"));
  g_assert_false (pb_undo_stack_get_can_undo (stack));
  g_assert_true (pb_undo_stack_get_can_redo (stack));

  /* Back where we started: the mapping equals the worked example. */
  {
    g_autoptr(PbConfiguration) original = pb_test_worked_example ();
    g_assert_true (pb_configuration_mapping_equal (config, original));
  }

  g_assert_true (pb_undo_stack_redo (stack));
  g_assert_true (pb_undo_stack_redo (stack));
  g_assert_true (pb_undo_stack_redo (stack));
  g_assert_false (pb_undo_stack_redo (stack));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (config, "Ready_for_Chats"), ==, "away");
  g_assert_null (pb_configuration_get_presence_mapping (config, "On_a_call"));
}

static void
test_state_mapping (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbUndoStack) stack = pb_undo_stack_new (config);
  const char *presence = NULL;

  /* An entry with a NULL presence (offline) is not the same as no entry. */
  pb_undo_stack_set_state_mapping (stack, "away.break", NULL);
  g_assert_true (pb_configuration_get_state_mapping (config, "away.break", &presence));
  g_assert_null (presence);
  pb_undo_stack_set_state_mapping (stack, "away.break", "On_a_call");
  pb_undo_stack_unset_state_mapping (stack, "ready");

  g_assert_false (pb_configuration_get_state_mapping (config, "ready", NULL));
  g_assert_true (pb_undo_stack_undo (stack));
  g_assert_true (pb_configuration_get_state_mapping (config, "ready", &presence));
  g_assert_cmpstr (presence, ==, "Ready_for_Cases");

  g_assert_true (pb_undo_stack_undo (stack));
  g_assert_true (pb_configuration_get_state_mapping (config, "away.break", &presence));
  g_assert_null (presence);

  g_assert_true (pb_undo_stack_undo (stack));
  g_assert_false (pb_configuration_get_state_mapping (config, "away.break", NULL));
  g_assert_cmpint (pb_configuration_resolve_state (config, "away.break", &presence), ==, PB_RESOLUTION_INHERITED);
  g_assert_cmpstr (presence, ==, "Away_from_desk_temporary");
}

static void
test_switch_and_no_ops (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbUndoStack) stack = pb_undo_stack_new (config);
  guint changed = 0;

  g_signal_connect (config, "changed", G_CALLBACK (count_changed_cb), &changed);

  /* Edits that change nothing are not recorded and emit nothing. */
  pb_undo_stack_set_presence_mapping (stack, "On_a_call", "away");
  pb_undo_stack_set_state_mapping (stack, "wrap", "Taking_notes");
  pb_undo_stack_unset_state_mapping (stack, "away.lunch");
  pb_undo_stack_set_revert_to_last_status (stack, FALSE);
  g_assert_false (pb_undo_stack_get_can_undo (stack));
  g_assert_cmpuint (changed, ==, 0);

  pb_undo_stack_set_revert_to_last_status (stack, TRUE);
  g_assert_true (pb_configuration_get_revert_to_last_status (config));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (pb_undo_stack_undo (stack));
  g_assert_false (pb_configuration_get_revert_to_last_status (config));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (pb_undo_stack_redo (stack));
  g_assert_true (pb_configuration_get_revert_to_last_status (config));
}

static void
test_new_edit_forgets_redo (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbUndoStack) stack = pb_undo_stack_new (config);

  pb_undo_stack_set_presence_mapping (stack, "Taking_notes", "wrap");
  g_assert_true (pb_undo_stack_undo (stack));
  g_assert_true (pb_undo_stack_get_can_redo (stack));

  pb_undo_stack_set_presence_mapping (stack, "Taking_notes", "busy");
  g_assert_false (pb_undo_stack_get_can_redo (stack));
  g_assert_false (pb_undo_stack_redo (stack));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (config, "Taking_notes"), ==, "busy");

  pb_undo_stack_clear (stack);
  g_assert_false (pb_undo_stack_get_can_undo (stack));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (config, "Taking_notes"), ==, "busy");
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_notifications (void)
{
  g_autoptr(PbConfiguration) config = pb_test_worked_example ();
  g_autoptr(PbUndoStack) stack = pb_undo_stack_new (config);
  g_autoptr(GString) log = g_string_new (NULL);

  g_signal_connect (stack, "notify", G_CALLBACK (notify_cb), log);

  pb_undo_stack_set_presence_mapping (stack, "Taking_notes", "wrap");
  g_assert_cmpstr (log->str, ==, "can-undo;");
  g_string_truncate (log, 0);

  /* Still undoable: nothing to notify. */
  pb_undo_stack_set_presence_mapping (stack, "Taking_notes", "away");
  g_assert_cmpstr (log->str, ==, "");

  pb_undo_stack_undo (stack);
  g_assert_cmpstr (log->str, ==, "can-redo;");
  g_string_truncate (log, 0);

  pb_undo_stack_undo (stack);
  g_assert_cmpstr (log->str, ==, "can-undo;");
  g_string_truncate (log, 0);

  pb_undo_stack_clear (stack);
  g_assert_cmpstr (log->str, ==, "can-redo;");
}

static void
test_depth_is_bounded (void)
{
  g_autoptr(PbConfiguration) config = pb_generator_create (10, 20, 7);
  g_autoptr(PbUndoStack) stack = pb_undo_stack_new (config);
  guint undone = 0;

  for (guint i = 0; i < PB_UNDO_STACK_MAX_DEPTH + 10; i++)
    pb_undo_stack_set_presence_mapping (stack, "Status_00000", i % 2 ? "away" : "busy");

  g_assert_cmpuint (pb_undo_stack_get_n_undo (stack), ==, PB_UNDO_STACK_MAX_DEPTH);
  while (pb_undo_stack_undo (stack))
    undone++;
  g_assert_cmpuint (undone, ==, PB_UNDO_STACK_MAX_DEPTH);
}

static void
test_finalizes (void)
{
  PbConfiguration *config = pb_test_worked_example ();
  PbUndoStack *stack = pb_undo_stack_new (config);

  pb_undo_stack_set_presence_mapping (stack, "Taking_notes", "wrap");
  g_assert_true (pb_undo_stack_get_configuration (stack) == config);
  g_assert_finalize_object (stack);
  g_assert_finalize_object (config);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/undo-stack/presence-mapping", test_presence_mapping);
  g_test_add_func ("/undo-stack/state-mapping", test_state_mapping);
  g_test_add_func ("/undo-stack/switch-and-no-ops", test_switch_and_no_ops);
  g_test_add_func ("/undo-stack/new-edit-forgets-redo", test_new_edit_forgets_redo);
  g_test_add_func ("/undo-stack/notifications", test_notifications);
  g_test_add_func ("/undo-stack/depth-is-bounded", test_depth_is_bounded);
  g_test_add_func ("/undo-stack/finalizes", test_finalizes);

  return g_test_run ();
}
