/* test-conflict.c: a conflict with the remote configuration, row by row —
 * the rows, their default choices, the merge, and the merge applied through
 * a session on a real store file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>

#include "pb-core.h"
#include "pb-test-fixtures.h"

/* What the platform answers: the mapping and the switch, no lists. */
static PbConfiguration *
mapping_only (PbConfiguration *configuration)
{
  PbConfiguration *mapping = pb_configuration_new ();

  pb_configuration_set_published (mapping, configuration);
  return mapping;
}

static PbConflictRow *
row_at (PbConflict *conflict,
        guint       position)
{
  PbConflictRow *row = g_list_model_get_item (G_LIST_MODEL (conflict), position);

  g_assert_nonnull (row);
  /* The model keeps its own reference: the row outlives this one. */
  g_object_unref (row);
  return row;
}

static void
assert_row (PbConflictRow     *row,
            PbConflictRowKind  kind,
            const char        *key,
            const char        *path,
            const char        *label,
            const char        *base_value,
            const char        *local_value,
            const char        *remote_value,
            PbConflictChanges  changes,
            PbConflictSide     choice)
{
  g_assert_cmpint (pb_conflict_row_get_kind (row), ==, kind);
  g_assert_cmpstr (pb_conflict_row_get_key (row), ==, key);
  g_assert_cmpstr (pb_conflict_row_get_path (row), ==, path);
  g_assert_cmpstr (pb_conflict_row_get_label (row), ==, label);
  g_assert_cmpstr (pb_conflict_row_get_base_value (row), ==, base_value);
  g_assert_cmpstr (pb_conflict_row_get_local_value (row), ==, local_value);
  g_assert_cmpstr (pb_conflict_row_get_remote_value (row), ==, remote_value);
  g_assert_cmpint (pb_conflict_row_get_changes (row), ==, changes);
  g_assert_cmpint (pb_conflict_row_get_choice (row), ==, choice);
}

/* The conflict of @local and @remote over the worked example as base,
 * the remote side and the base as the platform has them (no lists). */
static PbConflict *
conflict_with_example_base (PbConfiguration *local,
                            PbConfiguration *remote)
{
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(PbConfiguration) base = mapping_only (example);
  g_autoptr(PbConfiguration) remote_mapping = mapping_only (remote);
  PbConflict *conflict = pb_conflict_new (local, base, remote_mapping);

  /* Rows exactly when the store calls the two different. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (conflict)) == 0, ==,
                    pb_configuration_published_equal (local, remote));
  return conflict;
}

static void
test_only_local (void)
{
  g_autoptr(PbConfiguration) local = pb_test_worked_example ();
  g_autoptr(PbConfiguration) remote = pb_test_worked_example ();
  g_autoptr(PbConflict) conflict = NULL;

  pb_configuration_set_state_mapping (local, "busy", "Taking_notes");
  conflict = conflict_with_example_base (local, remote);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (conflict)), ==, 1);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (conflict)) == PB_TYPE_CONFLICT_ROW);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (conflict), 1));
  assert_row (row_at (conflict, 0), PB_CONFLICT_ROW_STATE, "busy", "stateToPresence.busy", "Busy",
              "On a call", "Taking notes", "On a call", PB_CONFLICT_CHANGED_LOCAL, PB_CONFLICT_SIDE_LOCAL);
  g_assert_cmpuint (pb_conflict_get_n_both (conflict), ==, 0);
}

static void
test_only_remote (void)
{
  g_autoptr(PbConfiguration) local = pb_test_worked_example ();
  g_autoptr(PbConfiguration) remote = pb_test_worked_example ();
  g_autoptr(PbConflict) conflict = NULL;

  pb_configuration_set_presence_mapping (remote, "On_a_call", "busy");
  pb_configuration_set_presence_mapping (remote, "Ready_for_Cases", NULL);
  conflict = conflict_with_example_base (local, remote);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (conflict)), ==, 2);
  assert_row (row_at (conflict, 0), PB_CONFLICT_ROW_PRESENCE, "Ready_for_Cases", "presenceToState.Ready_for_Cases",
              "Ready for cases", "Ready", "Ready", "Default (Ready)",
              PB_CONFLICT_CHANGED_REMOTE, PB_CONFLICT_SIDE_REMOTE);
  assert_row (row_at (conflict, 1), PB_CONFLICT_ROW_PRESENCE, "On_a_call", "presenceToState.On_a_call",
              "On a call", "Away", "Away", "Busy", PB_CONFLICT_CHANGED_REMOTE, PB_CONFLICT_SIDE_REMOTE);
  g_assert_cmpuint (pb_conflict_get_n_both (conflict), ==, 0);
}

/* Both sides made the same change: nothing to choose. Logged out is
 * offline whatever an entry says: an entry on one side only is no row. */
static void
test_same_change (void)
{
  g_autoptr(PbConfiguration) local = pb_test_worked_example ();
  g_autoptr(PbConfiguration) remote = pb_test_worked_example ();
  g_autoptr(PbConflict) conflict = NULL;

  pb_configuration_set_state_mapping (local, "wrap", NULL);
  pb_configuration_set_state_mapping (remote, "wrap", NULL);
  pb_configuration_set_presence_mapping (local, "Taking_notes", "wrap");
  pb_configuration_set_presence_mapping (remote, "Taking_notes", "wrap");
  pb_configuration_unset_state_mapping (remote, PB_STATE_ID_LOGGED_OUT);
  conflict = conflict_with_example_base (local, remote);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (conflict)), ==, 0);
  g_assert_cmpuint (pb_conflict_get_n_both (conflict), ==, 0);
}

static void
test_both_changed (void)
{
  g_autoptr(PbConfiguration) local = pb_test_worked_example ();
  g_autoptr(PbConfiguration) remote = pb_test_worked_example ();
  g_autoptr(PbConflict) conflict = NULL;

  pb_configuration_set_state_mapping (local, "busy", "Taking_notes");
  pb_configuration_set_state_mapping (remote, "busy", NULL);
  conflict = conflict_with_example_base (local, remote);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (conflict)), ==, 1);
  assert_row (row_at (conflict, 0), PB_CONFLICT_ROW_STATE, "busy", "stateToPresence.busy", "Busy",
              "On a call", "Taking notes", "Offline", PB_CONFLICT_CHANGED_BOTH, PB_CONFLICT_SIDE_LOCAL);
  g_assert_cmpuint (pb_conflict_get_n_both (conflict), ==, 1);
}

/* No base known (a draft made before the first fetch kept, say): every
 * difference counts as changed on both sides, and the draft keeps it. */
static void
test_no_base (void)
{
  g_autoptr(PbConfiguration) local = pb_test_worked_example ();
  g_autoptr(PbConfiguration) remote = pb_test_worked_example ();
  g_autoptr(PbConfiguration) remote_mapping = NULL;
  g_autoptr(PbConflict) conflict = NULL;

  pb_configuration_set_presence_mapping (remote, "On_a_call", "busy");
  pb_configuration_set_revert_to_last_status (remote, TRUE);
  remote_mapping = mapping_only (remote);
  conflict = pb_conflict_new (local, NULL, remote_mapping);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (conflict)), ==, 2);
  assert_row (row_at (conflict, 0), PB_CONFLICT_ROW_PRESENCE, "On_a_call", "presenceToState.On_a_call",
              "On a call", NULL, "Away", "Busy", PB_CONFLICT_CHANGED_BOTH, PB_CONFLICT_SIDE_LOCAL);
  assert_row (row_at (conflict, 1), PB_CONFLICT_ROW_REVERT, NULL, "revertToLastStatus",
              "Revert to last status", NULL, "Off", "On", PB_CONFLICT_CHANGED_BOTH, PB_CONFLICT_SIDE_LOCAL);
  g_assert_cmpuint (pb_conflict_get_n_both (conflict), ==, 2);
}

/* Rows follow the local lists' order, not the keys'; keys the lists do
 * not have come after them, sorted, named by themselves. */
static void
test_order_and_unknown_keys (void)
{
  g_autoptr(PbConfiguration) local = pb_test_worked_example ();
  g_autoptr(PbConfiguration) remote = pb_test_worked_example ();
  g_autoptr(PbConflict) conflict = NULL;
  static const char * const paths[] = {
    "presenceToState.Ready_for_Chats",
    "presenceToState.Taking_notes",
    "presenceToState.Alpha_status",
    "presenceToState.Zeta_status",
    "stateToPresence.ready_offline",
    "stateToPresence.away.lunch",
    "stateToPresence.busy.callback",
    "stateToPresence.zz_state",
  };

  pb_configuration_set_presence_mapping (remote, "Taking_notes", "wrap");
  pb_configuration_set_presence_mapping (local, "Ready_for_Chats", "busy.inbound");
  pb_configuration_set_presence_mapping (remote, "Zeta_status", "away");
  pb_configuration_set_presence_mapping (local, "Alpha_status", "busy.inbound");
  pb_configuration_set_state_mapping (local, "away.lunch", "Taking_notes");
  pb_configuration_set_state_mapping (remote, "ready_offline", NULL);
  pb_configuration_set_state_mapping (remote, "zz_state", "On_a_call");
  pb_configuration_set_state_mapping (remote, "busy.callback", "On_a_call");
  conflict = conflict_with_example_base (local, remote);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (conflict)), ==, G_N_ELEMENTS (paths));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    g_assert_cmpstr (pb_conflict_row_get_path (row_at (conflict, i)), ==, paths[i]);

  assert_row (row_at (conflict, 2), PB_CONFLICT_ROW_PRESENCE, "Alpha_status", "presenceToState.Alpha_status",
              "Alpha_status", "Default (Ready)", "Busy › Busy Inbound", "Default (Ready)",
              PB_CONFLICT_CHANGED_LOCAL, PB_CONFLICT_SIDE_LOCAL);
  assert_row (row_at (conflict, 3), PB_CONFLICT_ROW_PRESENCE, "Zeta_status", "presenceToState.Zeta_status",
              "Zeta_status", "Default (Ready)", "Default (Ready)", "Away",
              PB_CONFLICT_CHANGED_REMOTE, PB_CONFLICT_SIDE_REMOTE);
  assert_row (row_at (conflict, 6), PB_CONFLICT_ROW_STATE, "busy.callback", "stateToPresence.busy.callback",
              "busy.callback", "Not mapped", "Not mapped", "On a call",
              PB_CONFLICT_CHANGED_REMOTE, PB_CONFLICT_SIDE_REMOTE);
}

static void
test_revert (void)
{
  g_autoptr(PbConfiguration) local = pb_test_worked_example ();
  g_autoptr(PbConfiguration) remote = pb_test_worked_example ();
  g_autoptr(PbConflict) conflict = NULL;

  pb_configuration_set_revert_to_last_status (remote, TRUE);
  conflict = conflict_with_example_base (local, remote);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (conflict)), ==, 1);
  assert_row (row_at (conflict, 0), PB_CONFLICT_ROW_REVERT, NULL, "revertToLastStatus", "Revert to last status",
              "Off", "Off", "On", PB_CONFLICT_CHANGED_REMOTE, PB_CONFLICT_SIDE_REMOTE);
}

/* Minor states are named under their major, and a side without an entry
 * of its own shows what it inherits there, in the grid's words. */
static void
test_minor_labels (void)
{
  g_autoptr(PbConfiguration) local = pb_test_worked_example ();
  g_autoptr(PbConfiguration) remote = pb_test_worked_example ();
  g_autoptr(PbConflict) conflict = NULL;

  pb_configuration_set_state_mapping (local, "away.break", "Taking_notes");
  pb_configuration_unset_state_mapping (remote, "away");
  pb_configuration_set_state_mapping (remote, "busy.inbound", "Ready_for_Chats");
  conflict = conflict_with_example_base (local, remote);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (conflict)), ==, 3);
  assert_row (row_at (conflict, 0), PB_CONFLICT_ROW_STATE, "busy.inbound", "stateToPresence.busy.inbound",
              "Busy › Busy Inbound", "Same as Busy (On a call)", "Same as Busy (On a call)", "Ready for chats",
              PB_CONFLICT_CHANGED_REMOTE, PB_CONFLICT_SIDE_REMOTE);
  assert_row (row_at (conflict, 1), PB_CONFLICT_ROW_STATE, "away", "stateToPresence.away", "Away",
              "Away from desk (temporary)", "Away from desk (temporary)", "Not mapped",
              PB_CONFLICT_CHANGED_REMOTE, PB_CONFLICT_SIDE_REMOTE);
  assert_row (row_at (conflict, 2), PB_CONFLICT_ROW_STATE, "away.break", "stateToPresence.away.break",
              "Away › Break", "Same as Away (Away from desk (temporary))", "Taking notes",
              "Same as Away (not mapped)", PB_CONFLICT_CHANGED_LOCAL, PB_CONFLICT_SIDE_LOCAL);
}

/* A local side and a remote side with one row of each kind of change:
 * Ready_for_Chats local only, On_a_call remote only, busy both, revert
 * remote only; and what only the local configuration has (post-call
 * state, unknown keys, account) that no merge may lose. */
static void
make_sides (PbConfiguration **local_out,
            PbConfiguration **remote_out)
{
  PbConfiguration *local = pb_test_worked_example ();
  PbConfiguration *remote = pb_test_worked_example ();
  g_autoptr(JsonObject) extra = json_object_new ();

  json_object_set_string_member (extra, "x-team", "Support");
  pb_configuration_set_extra (local, extra);
  pb_configuration_set_agent_post_call_state (local, "wrap");

  pb_configuration_set_presence_mapping (local, "Ready_for_Chats", "ready");
  pb_configuration_set_state_mapping (local, "busy", "Taking_notes");
  pb_configuration_set_presence_mapping (remote, "On_a_call", "busy");
  pb_configuration_set_state_mapping (remote, "busy", NULL);
  pb_configuration_set_revert_to_last_status (remote, TRUE);

  *local_out = local;
  *remote_out = remote;
}

static void
test_merge_all_local (void)
{
  g_autoptr(PbConfiguration) local = NULL;
  g_autoptr(PbConfiguration) remote = NULL;
  g_autoptr(PbConflict) conflict = NULL;
  g_autoptr(PbConfiguration) merged = NULL;

  make_sides (&local, &remote);
  conflict = conflict_with_example_base (local, remote);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (conflict)), ==, 4);
  g_assert_cmpuint (pb_conflict_get_n_both (conflict), ==, 1);

  pb_conflict_choose_all (conflict, PB_CONFLICT_SIDE_LOCAL);
  merged = pb_conflict_build_merged (conflict);
  g_assert_true (pb_configuration_equal (merged, local));
  g_assert_true (merged != local);
}

static void
test_merge_all_remote (void)
{
  g_autoptr(PbConfiguration) local = NULL;
  g_autoptr(PbConfiguration) remote = NULL;
  g_autoptr(PbConflict) conflict = NULL;
  g_autoptr(PbConfiguration) merged = NULL;
  g_autoptr(PbConfiguration) expected = NULL;

  make_sides (&local, &remote);
  conflict = conflict_with_example_base (local, remote);
  pb_conflict_choose_all (conflict, PB_CONFLICT_SIDE_REMOTE);
  merged = pb_conflict_build_merged (conflict);

  /* Local's lists, account, post-call state and unknown keys; remote's
   * mapping and switch. */
  expected = pb_configuration_copy (local);
  pb_configuration_set_published (expected, remote);
  g_assert_true (pb_configuration_equal (merged, expected));
  g_assert_true (pb_configuration_published_equal (merged, remote));
  g_assert_cmpstr (pb_configuration_get_agent_post_call_state (merged), ==, "wrap");
  g_assert_cmpstr (json_object_get_string_member (pb_configuration_get_extra (merged), "x-team"), ==, "Support");
}

static void
count_cb (gpointer data)
{
  (*(guint *)data)++;
}

static void
test_merge_mixed (void)
{
  g_autoptr(PbConfiguration) local = NULL;
  g_autoptr(PbConfiguration) remote = NULL;
  g_autoptr(PbConflict) conflict = NULL;
  g_autoptr(PbConfiguration) merged = NULL;
  PbConflictRow *busy;
  const char *presence = "unchanged";
  guint notified = 0;

  make_sides (&local, &remote);
  conflict = conflict_with_example_base (local, remote);

  /* The defaults: each side's own change, and the draft where both moved. */
  busy = row_at (conflict, 2);
  g_assert_cmpstr (pb_conflict_row_get_key (busy), ==, "busy");
  g_assert_cmpint (pb_conflict_row_get_changes (busy), ==, PB_CONFLICT_CHANGED_BOTH);
  merged = pb_conflict_build_merged (conflict);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (merged, "Ready_for_Chats"), ==, "ready");
  g_assert_cmpstr (pb_configuration_get_presence_mapping (merged, "On_a_call"), ==, "busy");
  g_assert_true (pb_configuration_get_state_mapping (merged, "busy", &presence));
  g_assert_cmpstr (presence, ==, "Taking_notes");
  g_assert_true (pb_configuration_get_revert_to_last_status (merged));
  g_clear_object (&merged);

  /* The choice is a property: notified when it changes, only then. */
  g_signal_connect_swapped (busy, "notify::choice", G_CALLBACK (count_cb), &notified);
  pb_conflict_row_set_choice (busy, PB_CONFLICT_SIDE_LOCAL);
  g_assert_cmpuint (notified, ==, 0);
  g_object_set (busy, "choice", PB_CONFLICT_SIDE_REMOTE, NULL);
  g_assert_cmpuint (notified, ==, 1);
  pb_conflict_row_set_choice (row_at (conflict, 1), PB_CONFLICT_SIDE_LOCAL);

  merged = pb_conflict_build_merged (conflict);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (merged, "Ready_for_Chats"), ==, "ready");
  g_assert_cmpstr (pb_configuration_get_presence_mapping (merged, "On_a_call"), ==, "away");
  g_assert_true (pb_configuration_get_state_mapping (merged, "busy", &presence));
  g_assert_null (presence);
  g_assert_true (pb_configuration_get_revert_to_last_status (merged));
  g_assert_true (pb_configuration_lists_equal (merged, local));
  g_assert_cmpstr (pb_configuration_get_agent_post_call_state (merged), ==, "wrap");

  /* Choosing all notifies only the rows that change. */
  notified = 0;
  pb_conflict_choose_all (conflict, PB_CONFLICT_SIDE_REMOTE);
  g_assert_cmpuint (notified, ==, 0);
  pb_conflict_choose_all (conflict, PB_CONFLICT_SIDE_LOCAL);
  g_assert_cmpuint (notified, ==, 1);
  g_signal_handlers_disconnect_by_data (busy, &notified);
}

/* The conflict keeps copies: the draft may change under the window. */
static void
test_copies (void)
{
  g_autoptr(PbConfiguration) local = NULL;
  g_autoptr(PbConfiguration) remote = NULL;
  g_autoptr(PbConfiguration) before = NULL;
  g_autoptr(PbConflict) conflict = NULL;
  g_autoptr(PbConfiguration) merged = NULL;

  make_sides (&local, &remote);
  before = pb_configuration_copy (local);
  conflict = conflict_with_example_base (local, remote);
  pb_configuration_set_presence_mapping (local, "Taking_notes", "away.lunch");

  pb_conflict_choose_all (conflict, PB_CONFLICT_SIDE_LOCAL);
  merged = pb_conflict_build_merged (conflict);
  g_assert_true (pb_configuration_equal (merged, before));
}


/* Through a session, on a real store file */

typedef struct
{
  char *dir;
  char *path;
  PbStore *store;
  PbStore *other;   /* another program's connection, to read what is stored */
  PbProfile *profile;
  PbSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(PbFetchOutcome) outcome = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  f->dir = pb_test_make_dir ("pb-test-conflict-XXXXXX");
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->other = pb_store_open (f->path, &error);
  g_assert_no_error (error);

  /* A profile whose draft is based on a fetched remote configuration. */
  g_assert_cmpuint (pb_store_import (f->store, "Example", example, NULL, NULL, &f->profile, &error), ==, 1);
  outcome = pb_store_record_fetch (f->store, f->profile, example, "\"v1\"", 1, PB_AVAILABILITY_AVAILABLE,
                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outcome);

  f->session = pb_session_new (f->store, f->profile);
  pb_session_load_async (f->session, NULL, pb_test_result_cb, &slot);
  result = pb_test_wait_result (&slot);
  g_assert_true (pb_session_load_finish (f->session, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_session_get_base (f->session)), ==, "\"v1\"");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pb_test_finalize_soon (g_steal_pointer (&f->session));
  g_clear_object (&f->profile);
  pb_test_finalize_soon (g_steal_pointer (&f->store));
  pb_test_finalize_soon (g_steal_pointer (&f->other));
  pb_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

static gboolean
session_idle (gpointer data)
{
  PbSession *session = data;

  return !pb_session_get_busy (session) && pb_session_get_draft_status (session) == PB_DRAFT_STATUS_SAVED;
}

static void
wait_saved (Fixture *f)
{
  pb_test_wait_until (session_idle, f->session, "the draft to be saved");
}

static PbProfileState *
stored_state (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PbProfileState *state = pb_store_load_state (f->other, f->profile, &error);

  g_assert_no_error (error);
  return state;
}

/* The administrator's edits, then a fetch of a remote configuration that
 * changed too (make_sides' two sides): in conflict. */
static void
enter_conflict (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbConfiguration) local = NULL;
  g_autoptr(PbConfiguration) remote = NULL;
  g_autoptr(PbFetchOutcome) outcome = NULL;
  GAsyncResult *slot = NULL;

  make_sides (&local, &remote);
  pb_session_set_presence_mapping (f->session, "Ready_for_Chats", "ready");
  pb_session_set_state_mapping (f->session, "busy", "Taking_notes");
  wait_saved (f);

  pb_session_record_fetch_async (f->session, remote, "\"v2\"", 2, PB_AVAILABILITY_AVAILABLE, NULL,
                                 pb_test_result_cb, &slot);
  result = pb_test_wait_result (&slot);
  outcome = pb_session_record_fetch_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_fetch_outcome_get_draft (outcome), ==, PB_FETCH_DRAFT_KEPT);
  g_assert_true (pb_session_get_conflict (f->session));
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_session_get_base (f->session)), ==, "\"v1\"");
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_session_get_remote (f->session)), ==, "\"v2\"");
}

static PbConflict *
session_conflict (Fixture *f)
{
  return pb_conflict_new (pb_session_get_draft (f->session),
                          pb_remote_configuration_get_configuration (pb_session_get_base (f->session)),
                          pb_remote_configuration_get_configuration (pb_session_get_remote (f->session)));
}

/* The window's merge: the merged mapping as one edit, then "keep local"
 * (the merged draft re-based on the remote configuration), asked at once.
 * A save is under way, so the edit waits in the session, not yet on its
 * way to the store: the resolve must send it first. Undo brings the draft
 * from before the merge back. */
static void
test_session_merge (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbConflict) conflict = NULL;
  g_autoptr(PbConfiguration) merged = NULL;
  g_autoptr(PbConfiguration) before = NULL;
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  PbConfiguration *draft = pb_session_get_draft (f->session);
  GAsyncResult *slot = NULL;
  GAsyncResult *saved_slot = NULL;
  const char *presence = NULL;
  guint number;

  enter_conflict (f);
  before = pb_configuration_copy (draft);
  conflict = session_conflict (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (conflict)), ==, 4);
  g_assert_cmpuint (pb_conflict_get_n_both (conflict), ==, 1);
  pb_conflict_row_set_choice (row_at (conflict, 1), PB_CONFLICT_SIDE_LOCAL);
  pb_conflict_row_set_choice (row_at (conflict, 2), PB_CONFLICT_SIDE_REMOTE);
  merged = pb_conflict_build_merged (conflict);

  pb_session_save_async (f->session, "Before merging", NULL, pb_test_result_cb, &saved_slot);
  pb_session_replace_mapping (f->session, merged);
  g_assert_true (pb_configuration_equal (draft, merged));
  pb_session_resolve_conflict_async (f->session, TRUE, NULL, pb_test_result_cb, &slot);

  saved = pb_test_wait_result (&saved_slot);
  number = pb_session_save_finish (f->session, saved, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, >, 0);
  result = pb_test_wait_result (&slot);
  g_assert_true (pb_session_resolve_conflict_finish (f->session, result, &error));
  g_assert_no_error (error);

  /* Had the resolve run before the edit reached the store, reading the
   * store back would have made the draft the one before the merge. */
  g_assert_true (pb_configuration_equal (draft, merged));
  g_assert_false (pb_session_get_conflict (f->session));
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_session_get_base (f->session)), ==, "\"v2\"");
  wait_saved (f);

  state = stored_state (f);
  g_assert_false (pb_profile_state_get_conflict (state));
  g_assert_true (pb_configuration_equal (pb_profile_state_get_draft (state), merged));
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_profile_state_get_base (state)), ==, "\"v2\"");
  /* The revision has the draft as it was when Save was chosen. */
  g_assert_cmpuint (pb_profile_state_get_saved_number (state), ==, number);
  g_assert_true (pb_configuration_equal (pb_profile_state_get_saved (state), before));
  g_clear_object (&state);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (merged, "On_a_call"), ==, "away");
  g_assert_true (pb_configuration_get_state_mapping (merged, "busy", &presence));
  g_assert_null (presence);

  /* Undo: the draft before the merge, saved like any edit; the base
   * stays the remote configuration (the next publish replaces it). */
  g_assert_true (pb_session_undo (f->session));
  g_assert_true (pb_configuration_equal (draft, before));
  wait_saved (f);
  state = stored_state (f);
  g_assert_true (pb_configuration_equal (pb_profile_state_get_draft (state), before));
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_profile_state_get_base (state)), ==, "\"v2\"");
}

/* The store cannot take the merged draft (another program holds it):
 * keeping local is refused with the reason rather than re-basing a draft
 * without the merge; the merge is kept, and lands once the store is free. */
static void
test_session_merge_write_fails (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbConflict) conflict = NULL;
  g_autoptr(PbConfiguration) merged = NULL;
  g_autoptr(PbProfileState) state = NULL;
  GAsyncResult *slot = NULL;
  sqlite3 *holder = NULL;

  enter_conflict (f);
  conflict = session_conflict (f);
  merged = pb_conflict_build_merged (conflict);

  pb_store_set_busy_timeout (f->store, 50);
  g_assert_cmpint (sqlite3_open (f->path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  pb_session_replace_mapping (f->session, merged);
  pb_session_resolve_conflict_async (f->session, TRUE, NULL, pb_test_result_cb, &slot);
  result = pb_test_wait_result (&slot);
  g_assert_false (pb_session_resolve_conflict_finish (f->session, result, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_BUSY);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_true (pb_session_get_conflict (f->session));
  g_assert_true (pb_configuration_equal (pb_session_get_draft (f->session), merged));

  g_assert_cmpint (sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (holder);
  wait_saved (f);

  state = stored_state (f);
  g_assert_true (pb_profile_state_get_conflict (state));
  g_assert_true (pb_configuration_equal (pb_profile_state_get_draft (state), merged));
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_profile_state_get_base (state)), ==, "\"v1\"");

  pb_session_resolve_conflict_async (f->session, TRUE, NULL, pb_test_result_cb, &slot);
  result = pb_test_wait_result (&slot);
  g_assert_true (pb_session_resolve_conflict_finish (f->session, result, &error));
  g_assert_no_error (error);
  g_assert_false (pb_session_get_conflict (f->session));
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_session_get_base (f->session)), ==, "\"v2\"");
}

/* Before loading, edits are ignored, like the others. */
static void
test_session_not_loaded (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pb_test_make_dir ("pb-test-conflict-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  g_autoptr(PbProfile) profile = NULL;
  PbStore *store = pb_store_open (path, &error);
  PbSession *session;

  g_assert_no_error (error);
  g_assert_cmpuint (pb_store_import (store, "Example", example, NULL, NULL, &profile, &error), ==, 1);
  session = pb_session_new (store, profile);
  pb_session_replace_mapping (session, example);
  g_assert_true (pb_configuration_is_empty (pb_session_get_draft (session)));
  g_assert_false (pb_session_get_can_undo (session));
  g_assert_false (pb_session_get_busy (session));

  pb_test_finalize_soon (session);
  pb_test_finalize_soon (store);
  pb_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/conflict/rows/only-local", test_only_local);
  g_test_add_func ("/conflict/rows/only-remote", test_only_remote);
  g_test_add_func ("/conflict/rows/same-change", test_same_change);
  g_test_add_func ("/conflict/rows/both-changed", test_both_changed);
  g_test_add_func ("/conflict/rows/no-base", test_no_base);
  g_test_add_func ("/conflict/rows/order-and-unknown-keys", test_order_and_unknown_keys);
  g_test_add_func ("/conflict/rows/revert", test_revert);
  g_test_add_func ("/conflict/rows/minor-labels", test_minor_labels);
  g_test_add_func ("/conflict/merge/all-local", test_merge_all_local);
  g_test_add_func ("/conflict/merge/all-remote", test_merge_all_remote);
  g_test_add_func ("/conflict/merge/mixed", test_merge_mixed);
  g_test_add_func ("/conflict/merge/copies", test_copies);
  g_test_add_func ("/conflict/session/not-loaded", test_session_not_loaded);
  g_test_add ("/conflict/session/merge", Fixture, NULL, fixture_set_up, test_session_merge, fixture_tear_down);
  g_test_add ("/conflict/session/merge-write-fails", Fixture, NULL, fixture_set_up,
              test_session_merge_write_fails, fixture_tear_down);

  return g_test_run ();
}
