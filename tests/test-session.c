/* test-session.c: the editing session without a display — autosave and its
 * retries, other writers, edits kept aside, requests, on real store files
 *
 * Tests wait for the session's own notifications (a property or a signal),
 * with a deadline that fails the test, never for a fixed time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pb-core.h"
#include "pb-test-fixtures.h"

typedef struct
{
  char *dir;
  char *path;
  PbStore *store;
  PbStore *other;   /* another program's connection to the same file */
  PbProfile *profile;
  PbSession *session;
} Fixture;

/* Runs the main loop until @done says so; @done is checked each time
 * something happened (a notification, a signal, a source), and the test
 * fails after 20 s. */
typedef gboolean (*Condition) (Fixture *f, gpointer data);

static gboolean
deadline_cb (gpointer data)
{
  g_error ("Timed out waiting for %s", (const char *)data);
  return G_SOURCE_REMOVE;
}

static void
wait_until (Fixture    *f,
            Condition   done,
            gpointer    data,
            const char *what)
{
  guint deadline = g_timeout_add_seconds (20, deadline_cb, (gpointer)what);

  while (!done (f, data))
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (deadline);
}

static gboolean
status_is (Fixture  *f,
           gpointer  data)
{
  return (int)pb_session_get_draft_status (f->session) == GPOINTER_TO_INT (data) &&
         (GPOINTER_TO_INT (data) != PB_DRAFT_STATUS_SAVED || !pb_session_get_busy (f->session));
}

static void
wait_for_status (Fixture       *f,
                 PbDraftStatus  status)
{
  wait_until (f, status_is, GINT_TO_POINTER (status), "draft-status");
}

static gboolean
flag_set (Fixture  *f,
          gpointer  data)
{
  return *(gboolean *)data;
}

static void
set_flag_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
}

/* Signals are watched from before the action that causes them: a test
 * starts watching, acts, then waits. */
typedef struct
{
  const char *signal;
  gboolean emitted;
  gulong id;
} Watch;

static void
watch_start (Fixture    *f,
             Watch      *watch,
             const char *signal)
{
  watch->signal = signal;
  watch->emitted = FALSE;
  watch->id = g_signal_connect_swapped (f->session, signal, G_CALLBACK (set_flag_cb), &watch->emitted);
}

static void
watch_wait (Fixture *f,
            Watch   *watch)
{
  wait_until (f, flag_set, &watch->emitted, watch->signal);
  g_signal_handler_disconnect (f->session, watch->id);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static gboolean
result_arrived (Fixture  *f,
                gpointer  data)
{
  return *(GAsyncResult **)data != NULL;
}

static GAsyncResult *
wait_for_result (Fixture       *f,
                 GAsyncResult **slot)
{
  wait_until (f, result_arrived, slot, "a result");
  return g_steal_pointer (slot);
}

static PbSession *
open_session (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  PbSession *session = pb_session_new (f->store, f->profile);

  pb_session_load_async (session, NULL, result_cb, &slot);
  result = wait_for_result (f, &slot);
  g_assert_true (pb_session_load_finish (session, result, &error));
  g_assert_no_error (error);
  g_assert_true (pb_session_get_loaded (session));

  return session;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();

  f->dir = pb_test_make_dir ("pb-test-session-XXXXXX");
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = pb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->other = pb_store_open (f->path, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (pb_store_import (f->store, "Example", example, NULL, NULL, &f->profile, &error), ==, 1);
  f->session = open_session (f);
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

static PbConfiguration *
stored_draft (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PbConfiguration *draft = pb_store_load_draft (f->other, f->profile, &error);

  g_assert_no_error (error);
  return draft;
}

static void
test_load_and_refresh (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PbConfiguration) example = pb_test_worked_example ();
  GListModel *findings = pb_session_get_findings (f->session);
  Watch refreshed;

  /* The checks of the draft just read are worked out in a thread too:
   * the draft is there at once, its findings once "refreshed" says so. */
  if (!pb_session_get_refreshed (f->session))
    {
      g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 0);
      watch_start (f, &refreshed, "refreshed");
      watch_wait (f, &refreshed);
    }
  g_assert_true (pb_configuration_equal (pb_session_get_draft (f->session), example));
  g_assert_cmpuint (pb_session_get_saved_number (f->session), ==, 1);
  g_assert_false (pb_session_get_has_unsaved_changes (f->session));
  g_assert_cmpuint (pb_session_get_n_errors (f->session), ==, 0);
  g_assert_cmpuint (pb_session_get_n_warnings (f->session), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 13);
  g_assert_cmpuint (g_list_model_get_n_items (pb_session_get_preview (f->session)), >, 6);
  g_assert_cmpint (pb_session_get_draft_status (f->session), ==, PB_DRAFT_STATUS_SAVED);
  g_assert_null (pb_session_get_elsewhere (f->session));

  /* An edit: the checks follow (off the main thread), and the store has
   * it once the status says so. */
  g_assert_true (pb_session_get_refreshed (f->session));
  watch_start (f, &refreshed, "refreshed");
  pb_session_set_state_mapping (f->session, "busy", "Ready_for_Chats");
  g_assert_cmpint (pb_session_get_draft_status (f->session), ==, PB_DRAFT_STATUS_SAVING);
  g_assert_false (pb_session_get_refreshed (f->session));
  watch_wait (f, &refreshed);
  g_assert_true (pb_session_get_refreshed (f->session));
  g_assert_true (pb_session_get_has_unsaved_changes (f->session));
  g_assert_cmpuint (pb_session_get_n_warnings (f->session), >, 4);
  wait_for_status (f, PB_DRAFT_STATUS_SAVED);
  {
    g_autoptr(PbConfiguration) stored = stored_draft (f);
    const char *presence = NULL;

    g_assert_true (pb_configuration_get_state_mapping (stored, "busy", &presence));
    g_assert_cmpstr (presence, ==, "Ready_for_Chats");
  }

  /* Undo and redo are edits like any other: autosaved. */
  g_assert_true (pb_session_get_can_undo (f->session));
  watch_start (f, &refreshed, "refreshed");
  g_assert_true (pb_session_undo (f->session));
  wait_for_status (f, PB_DRAFT_STATUS_SAVED);
  watch_wait (f, &refreshed);
  g_assert_false (pb_session_get_has_unsaved_changes (f->session));
  {
    g_autoptr(PbConfiguration) stored = stored_draft (f);

    g_assert_true (pb_configuration_equal (stored, example));
  }
  g_assert_true (pb_session_redo (f->session));
  g_assert_false (pb_session_get_can_redo (f->session));
  wait_for_status (f, PB_DRAFT_STATUS_SAVED);
}

static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) revisions = NULL;
  GAsyncResult *slot = NULL;

  /* Refused with the reason while errors remain, and nothing recorded. */
  pb_session_unset_state_mapping (f->session, "wrap");
  pb_session_save_async (f->session, "Broken", NULL, result_cb, &slot);
  result = wait_for_result (f, &slot);
  g_assert_cmpuint (pb_session_save_finish (f->session, result, &error), ==, 0);
  g_assert_error (error, PB_ERROR, PB_ERROR_INVALID_CONFIGURATION);
  g_assert_nonnull (strstr (error->message, "1 error"));
  g_clear_error (&error);
  g_clear_object (&result);

  pb_session_set_state_mapping (f->session, "wrap", NULL);
  pb_session_save_async (f->session, "Wrap up goes offline", NULL, result_cb, &slot);
  /* An edit after Save was chosen is not in the revision. */
  pb_session_set_revert_to_last_status (f->session, TRUE);
  result = wait_for_result (f, &slot);
  g_assert_cmpuint (pb_session_save_finish (f->session, result, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (pb_session_get_saved_number (f->session), ==, 2);
  g_assert_false (pb_configuration_get_revert_to_last_status (pb_session_get_saved (f->session)));

  wait_for_status (f, PB_DRAFT_STATUS_SAVED);
  {
    g_autoptr(PbConfiguration) stored = stored_draft (f);

    g_assert_true (pb_configuration_get_revert_to_last_status (stored));
  }
  revisions = pb_store_list_revisions (f->other, f->profile, &error);
  g_assert_cmpuint (g_list_model_get_n_items (revisions), ==, 2);
}

/* A store busy longer than the session waits: the status says so, with
 * the reason; the edit is tried again until it lands, and a flush (what
 * "Keep as Draft" waits for) reports the failure instead of pretending. */
static void
test_autosave_retries (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  sqlite3 *holder = NULL;

  pb_store_set_busy_timeout (f->store, 50);
  g_assert_cmpint (sqlite3_open (f->path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  pb_session_set_presence_mapping (f->session, "Taking_notes", "wrap");
  wait_for_status (f, PB_DRAFT_STATUS_RETRYING);
  g_assert_error ((GError *)pb_session_get_draft_error (f->session), PB_ERROR, PB_ERROR_STORE_BUSY);

  pb_session_flush_async (f->session, NULL, result_cb, &slot);
  result = wait_for_result (f, &slot);
  g_assert_false (pb_session_flush_finish (f->session, result, &error));
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_BUSY);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Another edit meanwhile: both land with the next try. */
  pb_session_set_revert_to_last_status (f->session, TRUE);
  g_assert_cmpint (sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (holder);

  wait_for_status (f, PB_DRAFT_STATUS_SAVED);
  g_assert_null (pb_session_get_draft_error (f->session));
  {
    g_autoptr(PbConfiguration) stored = stored_draft (f);

    g_assert_cmpstr (pb_configuration_get_presence_mapping (stored, "Taking_notes"), ==, "wrap");
    g_assert_true (pb_configuration_get_revert_to_last_status (stored));
  }

  pb_session_flush_async (f->session, NULL, result_cb, &slot);
  result = wait_for_result (f, &slot);
  g_assert_true (pb_session_flush_finish (f->session, result, &error));
  g_assert_no_error (error);
}

/* Another program imports while nothing is unsaved here: the session
 * shows what it wrote. */
static void
test_reload_when_clean (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) theirs = pb_test_worked_example ();
  Watch reloaded;

  watch_start (f, &reloaded, "reloaded");
  pb_configuration_set_presence_mapping (theirs, "Ready_for_Chats", "ready");
  g_assert_cmpuint (pb_store_import (f->other, "Example", theirs, "CLI", NULL, NULL, &error), ==, 2);
  watch_wait (f, &reloaded);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_session_get_draft (f->session), "Ready_for_Chats"),
                   ==, "ready");
  g_assert_cmpuint (pb_session_get_saved_number (f->session), ==, 2);
  g_assert_null (pb_session_get_elsewhere (f->session));
  g_assert_false (pb_session_get_can_undo (f->session));
}

/* Another program imports while this session has unsaved edits (the
 * issue's case: a CLI import, then one more click and Ctrl+S here). */
static void
enter_kept_aside (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) theirs = pb_test_worked_example ();
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pb_session_set_state_mapping (f->session, "busy", "Taking_notes");
  wait_for_status (f, PB_DRAFT_STATUS_SAVED);

  pb_configuration_set_presence_mapping (theirs, "Ready_for_Chats", "ready");
  g_assert_cmpuint (pb_store_import (f->other, "Example", theirs, "CLI", NULL, NULL, &error), ==, 2);

  wait_for_status (f, PB_DRAFT_STATUS_KEPT_ASIDE);
  g_assert_nonnull (pb_session_get_elsewhere (f->session));
  g_assert_true (pb_configuration_equal (pb_session_get_elsewhere (f->session), theirs));

  /* One more click: kept aside too, never over what the CLI wrote. */
  pb_session_set_revert_to_last_status (f->session, TRUE);
  wait_for_status (f, PB_DRAFT_STATUS_KEPT_ASIDE);
  pb_session_flush_async (f->session, NULL, result_cb, &slot);
  result = wait_for_result (f, &slot);
  g_assert_true (pb_session_flush_finish (f->session, result, &error));
  g_clear_object (&result);
  {
    g_autoptr(PbConfiguration) stored = stored_draft (f);
    g_autoptr(PbProfileState) state = pb_store_load_state (f->other, f->profile, &error);

    g_assert_true (pb_configuration_equal (stored, theirs));
    g_assert_nonnull (pb_profile_state_get_recovery (state));
    g_assert_true (pb_configuration_get_revert_to_last_status (pb_profile_state_get_recovery (state)));
  }

  /* Saving is refused until the administrator chooses. */
  pb_session_save_async (f->session, NULL, NULL, result_cb, &slot);
  result = wait_for_result (f, &slot);
  g_assert_cmpuint (pb_session_save_finish (f->session, result, &error), ==, 0);
  g_assert_error (error, PB_ERROR, PB_ERROR_STORE_CHANGED);
}

static void
resolve (Fixture         *f,
         PbSessionChoice  choice)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  pb_session_resolve_async (f->session, choice, NULL, result_cb, &slot);
  result = wait_for_result (f, &slot);
  g_assert_true (pb_session_resolve_finish (f->session, result, &error));
  g_assert_no_error (error);
  g_assert_null (pb_session_get_elsewhere (f->session));
}

static void
test_kept_aside_keep_mine (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(PbConfiguration) stored = NULL;
  const char *presence = NULL;

  enter_kept_aside (f);
  resolve (f, PB_SESSION_KEEP_MINE);
  wait_for_status (f, PB_DRAFT_STATUS_SAVED);

  /* Mine is the draft; theirs is revision 2, in the history. */
  stored = stored_draft (f);
  g_assert_true (pb_configuration_get_state_mapping (stored, "busy", &presence));
  g_assert_cmpstr (presence, ==, "Taking_notes");
  g_assert_true (pb_configuration_get_revert_to_last_status (stored));
  g_assert_cmpuint (pb_session_get_saved_number (f->session), ==, 2);
  state = pb_store_load_state (f->other, f->profile, &error);
  g_assert_null (pb_profile_state_get_recovery (state));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_profile_state_get_saved (state), "Ready_for_Chats"),
                   ==, "ready");
}

static void
test_kept_aside_take_theirs (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PbConfiguration) stored = NULL;
  const char *presence = NULL;

  enter_kept_aside (f);
  resolve (f, PB_SESSION_TAKE_THEIRS);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_session_get_draft (f->session), "Ready_for_Chats"),
                   ==, "ready");
  g_assert_false (pb_configuration_get_revert_to_last_status (pb_session_get_draft (f->session)));

  /* Undo brings mine back, and it is saved like any edit. */
  g_assert_true (pb_session_undo (f->session));
  g_assert_true (pb_configuration_get_revert_to_last_status (pb_session_get_draft (f->session)));
  wait_for_status (f, PB_DRAFT_STATUS_SAVED);
  stored = stored_draft (f);
  g_assert_true (pb_configuration_get_state_mapping (stored, "busy", &presence));
  g_assert_cmpstr (presence, ==, "Taking_notes");
}

/* Edits kept aside survive the session (a closed window, a crash): the
 * next session starts with them, still kept aside. */
static void
test_kept_aside_survives (Fixture       *f,
                          gconstpointer  data)
{
  enter_kept_aside (f);
  pb_test_finalize_soon (g_steal_pointer (&f->session));

  f->session = open_session (f);
  g_assert_cmpint (pb_session_get_draft_status (f->session), ==, PB_DRAFT_STATUS_KEPT_ASIDE);
  g_assert_true (pb_configuration_get_revert_to_last_status (pb_session_get_draft (f->session)));
  g_assert_nonnull (pb_session_get_elsewhere (f->session));

  resolve (f, PB_SESSION_KEEP_MINE);
  wait_for_status (f, PB_DRAFT_STATUS_SAVED);
}

/* Restore and import through the session: the store writes them, the
 * session shows them, and undo takes them back. */
static void
test_restore_and_import (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbConfiguration) file = pb_test_worked_example ();
  g_autoptr(PbImportPlan) plan = NULL;
  GAsyncResult *slot = NULL;

  pb_configuration_set_presence_mapping (file, "Taking_notes", "wrap");
  plan = pb_import_plan_new (f->store, "Example", file, &error);
  g_assert_no_error (error);
  pb_session_import_async (f->session, plan, "From a file", NULL, result_cb, &slot);
  result = wait_for_result (f, &slot);
  g_assert_cmpuint (pb_session_import_finish (f->session, result, &error), ==, 2);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_session_get_draft (f->session), "Taking_notes"),
                   ==, "wrap");
  g_assert_cmpuint (pb_session_get_saved_number (f->session), ==, 2);

  pb_session_restore_async (f->session, 1, NULL, result_cb, &slot);
  result = wait_for_result (f, &slot);
  g_assert_cmpuint (pb_session_restore_finish (f->session, result, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_null (pb_configuration_get_presence_mapping (pb_session_get_draft (f->session), "Taking_notes"));
  g_assert_cmpint (pb_session_get_draft_status (f->session), ==, PB_DRAFT_STATUS_SAVED);

  /* Nothing kept aside: these were this session's own writes. */
  g_assert_null (pb_session_get_elsewhere (f->session));

  g_assert_true (pb_session_undo (f->session));
  g_assert_cmpstr (pb_configuration_get_presence_mapping (pb_session_get_draft (f->session), "Taking_notes"),
                   ==, "wrap");
  wait_for_status (f, PB_DRAFT_STATUS_SAVED);
  {
    g_autoptr(PbConfiguration) stored = stored_draft (f);

    g_assert_cmpstr (pb_configuration_get_presence_mapping (stored, "Taking_notes"), ==, "wrap");
  }
}

/* The remote side through the session: an edit still on its way reaches
 * the store before a fetch decides from it; a conflict is shown and
 * settled; a publish becomes a revision and the new base. */
static void
test_remote (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PbConfiguration) remote = pb_test_worked_example ();
  g_autoptr(PbFetchOutcome) outcome = NULL;
  g_autoptr(PbRemoteConfiguration) stored = NULL;
  GAsyncResult *slot = NULL;
  guint number;

  pb_session_record_fetch_async (f->session, remote, "\"v1\"", 1, PB_AVAILABILITY_AVAILABLE, NULL,
                                 result_cb, &slot);
  result = wait_for_result (f, &slot);
  outcome = pb_session_record_fetch_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_fetch_outcome_get_draft (outcome), ==, PB_FETCH_DRAFT_TAKEN);
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_session_get_base (f->session)), ==, "\"v1\"");
  g_assert_false (pb_session_get_conflict (f->session));
  g_clear_object (&result);
  g_clear_object (&outcome);

  /* An edit, and at once a fetch of a changed remote configuration. */
  pb_session_set_state_mapping (f->session, "busy", "Taking_notes");
  pb_configuration_set_presence_mapping (remote, "On_a_call", "busy");
  pb_session_record_fetch_async (f->session, remote, "\"v2\"", 2, PB_AVAILABILITY_AVAILABLE, NULL,
                                 result_cb, &slot);
  result = wait_for_result (f, &slot);
  outcome = pb_session_record_fetch_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_fetch_outcome_get_draft (outcome), ==, PB_FETCH_DRAFT_KEPT);
  g_assert_true (pb_fetch_outcome_get_conflict (outcome));
  g_assert_true (pb_session_get_conflict (f->session));
  g_clear_object (&result);
  {
    const char *presence = NULL;

    g_assert_true (pb_configuration_get_state_mapping (pb_session_get_draft (f->session), "busy", &presence));
    g_assert_cmpstr (presence, ==, "Taking_notes");
  }

  pb_session_resolve_conflict_async (f->session, TRUE, NULL, result_cb, &slot);
  result = wait_for_result (f, &slot);
  g_assert_true (pb_session_resolve_conflict_finish (f->session, result, &error));
  g_assert_no_error (error);
  g_assert_false (pb_session_get_conflict (f->session));
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_session_get_base (f->session)), ==, "\"v2\"");
  g_clear_object (&result);

  stored = pb_remote_configuration_new (pb_session_get_draft (f->session), "\"v3\"", 3);
  pb_session_record_publish_async (f->session, pb_session_get_draft (f->session), stored, "Published", NULL,
                                   result_cb, &slot);
  result = wait_for_result (f, &slot);
  number = pb_session_record_publish_finish (f->session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (number, ==, pb_session_get_saved_number (f->session));
  g_assert_cmpstr (pb_remote_configuration_get_etag (pb_session_get_base (f->session)), ==, "\"v3\"");
  wait_for_status (f, PB_DRAFT_STATUS_SAVED);
  pb_session_refresh_now (f->session);
  g_assert_false (pb_session_get_has_unsaved_changes (f->session));
}

/* Connection settings go to the store behind the edits queued before,
 * then :profile follows; the draft and the generation are not touched. */
static void
test_update_profile (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PbProfile) edited = pb_profile_copy (pb_session_get_profile (f->session));
  g_autoptr(PbProfile) stored = NULL;
  g_autoptr(GAsyncResult) slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint64 before = 0, after = 0;
  gboolean notified = FALSE;

  g_assert_true (pb_store_get_generation (f->store, f->profile, &before, NULL));
  g_signal_connect_swapped (f->session, "notify::profile", G_CALLBACK (set_flag_cb), &notified);

  pb_session_set_state_mapping (f->session, "busy", "Ready_for_Chats");
  pb_profile_set_platform_url (edited, "https://platform.example.com/api");
  pb_profile_set_sandbox_org (edited, TRUE);
  pb_session_update_profile_async (f->session, edited, NULL, result_cb, &slot);
  result = wait_for_result (f, &slot);
  g_assert_true (pb_session_update_profile_finish (f->session, result, &error));
  g_assert_no_error (error);

  g_assert_true (notified);
  g_assert_cmpstr (pb_profile_get_platform_url (pb_session_get_profile (f->session)), ==,
                   "https://platform.example.com/api");
  stored = pb_store_lookup_profile (f->other, pb_profile_get_name (f->profile), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_profile_get_platform_url (stored), ==, "https://platform.example.com/api");
  g_assert_true (pb_profile_get_sandbox_org (stored));

  wait_for_status (f, PB_DRAFT_STATUS_SAVED);
  g_assert_true (pb_store_get_generation (f->store, f->profile, &after, NULL));
  /* The edit's autosave advanced it once; the settings did not. */
  g_assert_cmpuint (after, ==, before + 1);
  g_assert_cmpint (pb_session_get_draft_status (f->session), ==, PB_DRAFT_STATUS_SAVED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/session/load-and-refresh", test_load_and_refresh);
  ADD ("/session/save", test_save);
  ADD ("/session/autosave-retries", test_autosave_retries);
  ADD ("/session/reload-when-clean", test_reload_when_clean);
  ADD ("/session/kept-aside/keep-mine", test_kept_aside_keep_mine);
  ADD ("/session/kept-aside/take-theirs", test_kept_aside_take_theirs);
  ADD ("/session/kept-aside/survives", test_kept_aside_survives);
  ADD ("/session/restore-and-import", test_restore_and_import);
  ADD ("/session/remote", test_remote);
  ADD ("/session/update-profile", test_update_profile);

#undef ADD

  return g_test_run ();
}
