/* pb-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-session.h"

#include <glib/gi18n.h>

#include "pb-checks.h"
#include "pb-error.h"
#include "pb-preview.h"

/*
 * Writes. The session has at most one write on the store's worker at a
 * time, so each one is guarded by the generation the previous one
 * returned: a write refused with PB_ERROR_STORE_CHANGED means another
 * window or program wrote in between. Requests (save, restore, import,
 * resolve, flush) wait in a queue and go before the autosave; the autosave
 * is not queued but follows from `dirty`: whatever the edits were, one
 * write of the draft as it is then carries them all.
 *
 * Other writers. A poll reads the profile's generation every second. A new
 * one with nothing unsaved here reloads the draft (::reloaded); with
 * unsaved edits, the edits are kept aside — written to the store's
 * recoveries, not over what the other writer wrote — until the
 * administrator chooses (pb_session_resolve_async()).
 *
 * Checks and preview run on a copy of the draft in a thread of GLib's pool,
 * so an edit on a profile of thousands of statuses repaints at once and
 * the problems follow; a result older than the last edit is dropped.
 */

#define RETRY_FIRST_MS 500
#define RETRY_MAX_MS   30000

typedef enum
{
  OP_SAVE,
  OP_FLUSH,
  OP_RESTORE,
  OP_IMPORT,
  OP_RESOLVE,
  OP_RECORD_FETCH,
  OP_RECORD_PUBLISH,
  OP_RESOLVE_CONFLICT,
} OpKind;

typedef struct
{
  OpKind kind;
  GTask *task;
  char *comment;
  guint number;
  PbImportPlan *plan;
  PbSessionChoice choice;
  PbConfiguration *snapshot;  /* what Save records: the draft when asked; what was fetched or published */
  gboolean tried;             /* a flush that already forced a write */
  /* Fetch and publish */
  char *etag;
  gint64 remote_revision;
  PbAvailability availability;
  PbRemoteConfiguration *stored;
  gboolean keep_local;
  GObject *outcome;           /* what the request returns, besides a number */
} Op;

struct _PbSession
{
  GObject parent_instance;

  PbStore *store;
  PbProfile *profile;
  GCancellable *cancellable;  /* reads; cancelled by dispose */

  gboolean loaded;
  PbConfiguration *draft;
  PbUndoStack *undo_stack;
  PbConfiguration *saved;
  guint saved_number;
  guint64 generation;
  gboolean has_unsaved_changes;

  /* Checks and preview */
  GListStore *findings;
  GListStore *preview;
  guint n_errors;
  guint n_warnings;
  guint refresh_source;
  guint64 edit_serial;     /* +1 by every change of the draft (or of the revision it is compared with) */
  guint64 applied_serial;  /* the edit the lists show */
  gboolean refreshing;     /* a thread is working */

  /* Writes */
  GQueue ops;
  gboolean writing;        /* a store write is under way */
  gboolean writing_aside;  /* ... and it is the edits kept aside */
  gboolean dirty;          /* the draft changed since it was last sent */
  guint suppress_dirty;    /* the session itself makes the draft what the store has */
  guint autosave_source;
  PbDraftStatus status;
  GError *draft_error;
  guint retry_source;
  guint retry_delay_ms;
  PbProfileState *elsewhere;
  gboolean loading_elsewhere;

  /* The remote side, as the store last said */
  PbRemoteConfiguration *base;
  PbRemoteConfiguration *remote;
  gboolean conflict;
  PbAvailability revert_available;

  /* Other writers */
  guint poll_source;
  gboolean polling;
  guint64 write_serial;    /* +1 by every write sent: a poll older than one is stale */
};

G_DEFINE_FINAL_TYPE (PbSession, pb_session, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PbDraftStatus, pb_draft_status,
                    G_DEFINE_ENUM_VALUE (PB_DRAFT_STATUS_SAVED, "saved"),
                    G_DEFINE_ENUM_VALUE (PB_DRAFT_STATUS_SAVING, "saving"),
                    G_DEFINE_ENUM_VALUE (PB_DRAFT_STATUS_RETRYING, "retrying"),
                    G_DEFINE_ENUM_VALUE (PB_DRAFT_STATUS_KEPT_ASIDE, "kept-aside"))

G_DEFINE_ENUM_TYPE (PbSessionChoice, pb_session_choice,
                    G_DEFINE_ENUM_VALUE (PB_SESSION_KEEP_MINE, "keep-mine"),
                    G_DEFINE_ENUM_VALUE (PB_SESSION_TAKE_THEIRS, "take-theirs"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROFILE,
  PROP_LOADED,
  PROP_SAVED_NUMBER,
  PROP_HAS_UNSAVED_CHANGES,
  PROP_N_ERRORS,
  PROP_N_WARNINGS,
  PROP_DRAFT_STATUS,
  PROP_ELSEWHERE,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_BUSY,
  PROP_BASE,
  PROP_CONFLICT,
  N_PROPS
};

enum {
  REFRESHED,
  RELOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void run_next          (PbSession *self);
static void pb_session_constructed (GObject *object);
static void schedule_refresh  (PbSession *self);
static void enter_elsewhere   (PbSession *self);

static void
op_free (Op *op)
{
  g_clear_object (&op->task);
  g_free (op->comment);
  g_clear_object (&op->plan);
  g_clear_object (&op->snapshot);
  g_free (op->etag);
  g_clear_object (&op->stored);
  g_clear_object (&op->outcome);
  g_free (op);
}

static gboolean
differs_from_saved (PbConfiguration *draft,
                    PbConfiguration *saved)
{
  if (saved == NULL)
    return !pb_configuration_is_empty (draft);

  return !pb_configuration_equal (draft, saved);
}

gboolean
pb_session_get_busy (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), FALSE);
  return self->writing || self->dirty || !g_queue_is_empty (&self->ops);
}

/* Properties that follow from the write state, notified when they change. */
static void
set_status (PbSession     *self,
            PbDraftStatus  status)
{
  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT_STATUS]);
}

static void
update_busy (PbSession *self,
             gboolean   was_busy)
{
  if (was_busy != pb_session_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_saved (PbSession       *self,
           PbConfiguration *saved,
           guint            number)
{
  /* What the draft is compared with changed: the refresh is due too. */
  if (g_set_object (&self->saved, saved))
    self->edit_serial++;
  if (self->saved_number != number)
    {
      self->saved_number = number;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED_NUMBER]);
    }
  schedule_refresh (self);
}

static void
set_elsewhere (PbSession      *self,
               PbProfileState *state)
{
  if (self->elsewhere == state)
    return;

  g_set_object (&self->elsewhere, state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELSEWHERE]);
}

static void
set_remote (PbSession      *self,
            PbProfileState *state)
{
  PbRemoteConfiguration *base = pb_profile_state_get_base (state);
  gboolean conflict = pb_profile_state_get_conflict (state);

  g_set_object (&self->remote, pb_profile_state_get_remote (state));
  self->revert_available = pb_profile_state_get_revert_available (state);

  if (g_set_object (&self->base, base))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE]);
  if (self->conflict != conflict)
    {
      self->conflict = conflict;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT]);
    }
}

static void
clear_draft_error (PbSession *self)
{
  g_clear_error (&self->draft_error);
  self->retry_delay_ms = 0;
  g_clear_handle_id (&self->retry_source, g_source_remove);
}


/* Checks and preview */

typedef struct
{
  PbConfiguration *draft;
  PbConfiguration *saved;
  guint64 serial;
  GListModel *findings;
  GListModel *preview;
  gboolean unsaved;
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  g_clear_object (&refresh->draft);
  g_clear_object (&refresh->saved);
  g_clear_object (&refresh->findings);
  g_clear_object (&refresh->preview);
  g_free (refresh);
}

static void
refresh_compute (Refresh *refresh)
{
  refresh->findings = pb_checks_run (refresh->draft);
  refresh->preview = pb_preview_build (refresh->draft);
  refresh->unsaved = differs_from_saved (refresh->draft, refresh->saved);
}

static Refresh *
refresh_new (PbSession *self)
{
  Refresh *refresh = g_new0 (Refresh, 1);

  /* A copy shares the immutable items: cheap, and the thread reads it
   * while the draft goes on changing. */
  refresh->draft = pb_configuration_copy (self->draft);
  refresh->saved = self->saved ? g_object_ref (self->saved) : NULL;
  refresh->serial = self->edit_serial;
  return refresh;
}

/* Replaces only the part of @store that differs from @fresh: an edit
 * changes a few findings or events among thousands, and a view rebinds
 * only the rows that changed. */
static void
sync_store (GListStore *store,
            GListModel *fresh,
            GEqualFunc  equal)
{
  GListModel *old = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (old);
  guint n_new = g_list_model_get_n_items (fresh);
  guint prefix = 0;
  guint suffix = 0;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (; prefix < n_old && prefix < n_new; prefix++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (old, prefix);
      g_autoptr(GObject) b = g_list_model_get_item (fresh, prefix);

      if (!equal (a, b))
        break;
    }
  for (; suffix < n_old - prefix && suffix < n_new - prefix; suffix++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (old, n_old - 1 - suffix);
      g_autoptr(GObject) b = g_list_model_get_item (fresh, n_new - 1 - suffix);

      if (!equal (a, b))
        break;
    }

  for (guint i = prefix; i < n_new - suffix; i++)
    g_ptr_array_add (added, g_list_model_get_item (fresh, i));

  if (n_old - prefix - suffix > 0 || added->len > 0)
    g_list_store_splice (store, prefix, n_old - prefix - suffix, added->pdata, added->len);
}

static void
refresh_apply (PbSession *self,
               Refresh   *refresh)
{
  guint n_errors, n_warnings;

  /* Older than what is shown already (a synchronous refresh overtook it). */
  if (refresh->serial < self->applied_serial)
    return;

  self->applied_serial = refresh->serial;

  sync_store (self->findings, refresh->findings, (GEqualFunc)pb_finding_equal);
  sync_store (self->preview, refresh->preview, (GEqualFunc)pb_preview_event_equal);

  n_errors = pb_checks_count (refresh->findings, PB_SEVERITY_ERROR);
  n_warnings = pb_checks_count (refresh->findings, PB_SEVERITY_WARNING);
  if (n_errors != self->n_errors)
    {
      self->n_errors = n_errors;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
    }
  if (n_warnings != self->n_warnings)
    {
      self->n_warnings = n_warnings;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
    }
  if (refresh->unsaved != self->has_unsaved_changes)
    {
      self->has_unsaved_changes = refresh->unsaved;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_UNSAVED_CHANGES]);
    }

  if (self->applied_serial == self->edit_serial)
    g_signal_emit (self, signals[REFRESHED], 0);
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  refresh_compute (task_data);
  g_task_return_boolean (task, TRUE);
}

static void start_refresh (PbSession *self);

static void
refresh_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PbSession *self = PB_SESSION (object);

  self->refreshing = FALSE;
  if (g_task_propagate_boolean (G_TASK (result), NULL))
    refresh_apply (self, g_task_get_task_data (G_TASK (result)));

  /* Edits came in meanwhile. */
  if (self->applied_serial < self->edit_serial && self->refresh_source == 0)
    start_refresh (self);
}

static void
start_refresh (PbSession *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->refreshing)
    return;

  self->refreshing = TRUE;
  task = g_task_new (self, self->cancellable, refresh_done, NULL);
  g_task_set_source_tag (task, start_refresh);
  g_task_set_task_data (task, refresh_new (self), (GDestroyNotify)refresh_free);
  g_task_run_in_thread (task, refresh_thread);
}

static gboolean
refresh_cb (gpointer user_data)
{
  PbSession *self = user_data;

  self->refresh_source = 0;
  start_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Once per burst of edits, after the frame that shows them. */
static void
schedule_refresh (PbSession *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_cb, self, NULL);
}

void
pb_session_refresh_now (PbSession *self)
{
  Refresh *refresh;

  g_return_if_fail (PB_IS_SESSION (self));

  if (!self->loaded || self->applied_serial == self->edit_serial)
    return;

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  refresh = refresh_new (self);
  refresh_compute (refresh);
  refresh_apply (self, refresh);
  refresh_free (refresh);
}


/* The draft changing */

static void
draft_changed_cb (PbSession       *self,
                  PbConfiguration *draft)
{
  gboolean was_busy = pb_session_get_busy (self);

  self->edit_serial++;
  schedule_refresh (self);

  if (self->suppress_dirty > 0)
    return;

  self->dirty = TRUE;
  if (self->status == PB_DRAFT_STATUS_SAVED)
    set_status (self, PB_DRAFT_STATUS_SAVING);
  update_busy (self, was_busy);
  run_next (self);
}

/* Makes the draft what the store has, without writing it back. */
static void
take_stored (PbSession       *self,
             PbConfiguration *stored,
             gboolean         undoable)
{
  self->suppress_dirty++;
  if (undoable)
    pb_undo_stack_replace (self->undo_stack, stored);
  else
    pb_configuration_assign (self->draft, stored);
  self->suppress_dirty--;

  self->dirty = FALSE;
}

static void
take_state (PbSession      *self,
            PbProfileState *state,
            gboolean        undoable)
{
  PbProfile *profile = pb_profile_state_get_profile (state);

  if (!undoable)
    pb_undo_stack_clear (self->undo_stack);

  take_stored (self, pb_profile_state_get_draft (state), undoable);
  self->generation = pb_profile_state_get_generation (state);
  set_saved (self, pb_profile_state_get_saved (state), pb_profile_state_get_saved_number (state));
  set_remote (self, state);

  if (profile != self->profile)
    {
      g_set_object (&self->profile, profile);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
    }
}


/* Writes */

static void
finish_op (PbSession *self,
           Op        *op)
{
  gboolean was_busy = pb_session_get_busy (self);

  g_assert (g_queue_peek_head (&self->ops) == op);
  g_queue_pop_head (&self->ops);
  op_free (op);
  update_busy (self, was_busy);
}

static void
fail_op (PbSession *self,
         Op        *op,
         GError    *error)
{
  g_task_return_error (op->task, error);
  finish_op (self, op);
}

static void
begin_write (PbSession *self)
{
  g_assert (!self->writing);

  self->writing = TRUE;
  self->write_serial++;
}

static gboolean
retry_cb (gpointer user_data)
{
  PbSession *self = user_data;

  self->retry_source = 0;
  run_next (self);
  return G_SOURCE_REMOVE;
}

/* A write of the draft failed: the edits stay dirty, and are tried again
 * later (or now, by a flush). */
static void
write_failed (PbSession *self,
              GError    *error)
{
  self->dirty = TRUE;

  if (g_error_matches (error, PB_ERROR, PB_ERROR_STORE_CHANGED))
    {
      g_error_free (error);
      enter_elsewhere (self);
      return;
    }

  g_clear_error (&self->draft_error);
  self->draft_error = error;
  self->retry_delay_ms = self->retry_delay_ms == 0 ? RETRY_FIRST_MS
                                                   : MIN (self->retry_delay_ms * 2, RETRY_MAX_MS);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_source = g_timeout_add (self->retry_delay_ms, retry_cb, self);

  /* The error changes with the status, and listeners read both. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT_STATUS]);
  set_status (self, PB_DRAFT_STATUS_RETRYING);
}

static void
write_succeeded (PbSession *self)
{
  clear_draft_error (self);

  if (self->elsewhere != NULL)
    set_status (self, PB_DRAFT_STATUS_KEPT_ASIDE);
  else
    set_status (self, self->dirty ? PB_DRAFT_STATUS_SAVING : PB_DRAFT_STATUS_SAVED);
}

static void
autosave_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  gboolean was_busy = pb_session_get_busy (self);
  GError *error = NULL;
  gboolean ok;

  if (self->writing_aside)
    ok = pb_store_save_recovery_finish (self->store, result, &error);
  else
    ok = pb_store_save_draft_finish (self->store, result, &self->generation, &error);

  self->writing = FALSE;

  if (ok)
    write_succeeded (self);
  else
    write_failed (self, error);

  update_busy (self, was_busy);
  run_next (self);
}

static void
start_autosave (PbSession *self)
{
  begin_write (self);
  self->dirty = FALSE;
  self->writing_aside = self->elsewhere != NULL;

  /* The store copies the draft as the call is made: edits after it make
   * the session dirty again. Edits kept aside go to the recoveries, never
   * over what the other writer wrote. */
  if (self->writing_aside)
    pb_store_save_recovery_async (self->store, self->profile, self->draft, NULL,
                                  autosave_done, g_object_ref (self));
  else
    pb_store_save_draft_async (self->store, self->profile, self->draft, self->generation, NULL,
                               autosave_done, g_object_ref (self));
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  Op *op = g_queue_peek_head (&self->ops);
  GError *error = NULL;
  guint number;

  number = pb_store_save_revision_finish (self->store, result, &self->generation, &error);
  self->writing = FALSE;

  if (number == 0)
    {
      gboolean changed = g_error_matches (error, PB_ERROR, PB_ERROR_STORE_CHANGED);

      fail_op (self, op, error);
      if (changed)
        {
          self->dirty = TRUE;
          enter_elsewhere (self);
        }
      run_next (self);
      return;
    }

  /* The revision is the store's draft too: the draft is clean unless it
   * changed after Save was chosen. */
  self->dirty = !pb_configuration_equal (self->draft, op->snapshot);
  set_saved (self, op->snapshot, number);
  write_succeeded (self);

  g_task_return_int (op->task, number);
  finish_op (self, op);
  run_next (self);
}

static void
reload_own_write_done (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  g_autoptr(PbProfileState) state = NULL;
  Op *op = g_queue_peek_head (&self->ops);
  GError *error = NULL;

  state = pb_store_load_state_finish (self->store, result, &error);
  self->writing = FALSE;

  if (state == NULL)
    {
      fail_op (self, op, error);
      run_next (self);
      return;
    }

  /* What this session itself made the draft: undoable, not written again. */
  take_state (self, state, TRUE);
  write_succeeded (self);

  if (op->outcome != NULL)
    g_task_return_pointer (op->task, g_steal_pointer (&op->outcome), g_object_unref);
  else if (op->kind == OP_RESOLVE_CONFLICT)
    g_task_return_boolean (op->task, TRUE);
  else
    g_task_return_int (op->task, op->number);
  finish_op (self, op);
  run_next (self);
}

/* After a restore or an import: the store made the draft; read it back. */
static void
reload_own_write (PbSession *self,
                  Op        *op,
                  guint      number)
{
  op->number = number;
  pb_store_load_state_async (self->store, self->profile, NULL, reload_own_write_done, g_object_ref (self));
}

static void
restore_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  Op *op = g_queue_peek_head (&self->ops);
  GError *error = NULL;
  guint number;

  number = pb_store_restore_revision_finish (self->store, result, &self->generation, &error);
  if (number == 0)
    {
      self->writing = FALSE;
      fail_op (self, op, error);
      run_next (self);
      return;
    }

  reload_own_write (self, op, number);
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  Op *op = g_queue_peek_head (&self->ops);
  GError *error = NULL;
  guint number;

  number = pb_import_plan_apply_finish (op->plan, result, &self->generation, NULL, &error);
  if (number == 0)
    {
      self->writing = FALSE;
      fail_op (self, op, error);
      run_next (self);
      return;
    }

  reload_own_write (self, op, number);
}

static void
settled_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  Op *op = g_queue_peek_head (&self->ops);
  GError *error = NULL;

  self->writing = FALSE;

  /* The choice is made and written; edits left in the recoveries would
   * only come back at the next start, offered again. */
  if (!pb_store_clear_recovery_finish (self->store, result, &error))
    g_debug ("Clearing the edits kept aside for %s failed: %s", pb_profile_get_name (self->profile),
             error->message);
  g_clear_error (&error);

  set_elsewhere (self, NULL);
  write_succeeded (self);

  g_task_return_boolean (op->task, TRUE);
  finish_op (self, op);
  run_next (self);
}

/* The edits kept aside are settled either way: nothing left to keep. */
static void
settle (PbSession *self)
{
  begin_write (self);
  pb_store_clear_recovery_async (self->store, self->profile, NULL, settled_done, g_object_ref (self));
}

static void
keep_mine_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  Op *op = g_queue_peek_head (&self->ops);
  GError *error = NULL;
  guint64 generation;

  if (!pb_store_save_draft_finish (self->store, result, &generation, &error))
    {
      gboolean changed = g_error_matches (error, PB_ERROR, PB_ERROR_STORE_CHANGED);

      /* Written again meanwhile: the choice was made on an old version. */
      self->writing = FALSE;
      self->dirty = TRUE;
      fail_op (self, op, error);
      if (changed)
        enter_elsewhere (self);
      run_next (self);
      return;
    }

  self->writing = FALSE;
  self->generation = generation;
  set_saved (self, pb_profile_state_get_saved (self->elsewhere),
             pb_profile_state_get_saved_number (self->elsewhere));
  settle (self);
}

/* A remote write that failed: the store is as it was. */
static void
remote_write_failed (PbSession *self,
                     Op        *op,
                     GError    *error)
{
  gboolean changed = g_error_matches (error, PB_ERROR, PB_ERROR_STORE_CHANGED);

  self->writing = FALSE;
  fail_op (self, op, error);
  if (changed)
    enter_elsewhere (self);
  run_next (self);
}

static void
record_fetch_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  Op *op = g_queue_peek_head (&self->ops);
  GError *error = NULL;
  PbFetchOutcome *outcome;

  outcome = pb_store_record_fetch_finish (self->store, result, &self->generation, &error);
  if (outcome == NULL)
    {
      remote_write_failed (self, op, error);
      return;
    }

  op->outcome = G_OBJECT (outcome);
  reload_own_write (self, op, pb_fetch_outcome_get_revision (outcome));
}

static void
record_publish_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  Op *op = g_queue_peek_head (&self->ops);
  GError *error = NULL;
  guint number;

  number = pb_store_record_publish_finish (self->store, result, &self->generation, &error);
  if (number == 0)
    {
      remote_write_failed (self, op, error);
      return;
    }

  reload_own_write (self, op, number);
}

static void
resolve_conflict_done (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  Op *op = g_queue_peek_head (&self->ops);
  GError *error = NULL;
  guint number = 0;

  if (!pb_store_resolve_conflict_finish (self->store, result, &number, &self->generation, &error))
    {
      remote_write_failed (self, op, error);
      return;
    }

  reload_own_write (self, op, number);
}

/* Requests that decide from what the store's draft is: the edits here
 * must be there first, and not be kept aside. */
static gboolean
needs_draft_in_store (Op *op)
{
  return op->kind == OP_RECORD_FETCH || op->kind == OP_RECORD_PUBLISH || op->kind == OP_RESOLVE_CONFLICT;
}

static void
start_op (PbSession *self,
          Op        *op)
{
  if (needs_draft_in_store (op) && self->elsewhere != NULL)
    {
      fail_op (self, op, g_error_new (PB_ERROR, PB_ERROR_STORE_CHANGED,
                                      _("Profile “%s” was changed elsewhere: choose which version to keep "
                                        "first"),
                                      pb_profile_get_name (self->profile)));
      return;
    }

  switch (op->kind)
    {
    case OP_SAVE:
      if (self->elsewhere != NULL)
        {
          fail_op (self, op, g_error_new (PB_ERROR, PB_ERROR_STORE_CHANGED,
                                          _("Profile “%s” was changed elsewhere: choose which version to keep "
                                            "before saving"),
                                          pb_profile_get_name (self->profile)));
          return;
        }
      begin_write (self);
      pb_store_save_revision_async (self->store, self->profile, op->snapshot, PB_REVISION_SOURCE_SAVE,
                                    op->comment, self->generation, NULL, save_done, g_object_ref (self));
      return;

    case OP_RESTORE:
      begin_write (self);
      pb_store_restore_revision_async (self->store, self->profile, op->number, self->generation, NULL,
                                       restore_done, g_object_ref (self));
      return;

    case OP_IMPORT:
      begin_write (self);
      pb_import_plan_apply_async (op->plan, self->store, op->comment, self->generation, NULL,
                                  import_done, g_object_ref (self));
      return;

    case OP_RESOLVE:
      if (self->elsewhere == NULL)
        {
          g_task_return_boolean (op->task, TRUE);
          finish_op (self, op);
          return;
        }
      if (op->choice == PB_SESSION_KEEP_MINE)
        {
          begin_write (self);
          self->dirty = FALSE;
          pb_store_save_draft_async (self->store, self->profile, self->draft,
                                     pb_profile_state_get_generation (self->elsewhere), NULL,
                                     keep_mine_done, g_object_ref (self));
          return;
        }
      /* Theirs: already in the store. */
      take_state (self, self->elsewhere, TRUE);
      settle (self);
      return;

    case OP_RECORD_FETCH:
      begin_write (self);
      pb_store_record_fetch_async (self->store, self->profile, op->snapshot, op->etag, op->remote_revision,
                                   op->availability, self->generation, NULL, record_fetch_done,
                                   g_object_ref (self));
      return;

    case OP_RECORD_PUBLISH:
      begin_write (self);
      pb_store_record_publish_async (self->store, self->profile, op->snapshot, op->stored, op->comment,
                                     self->generation, NULL, record_publish_done, g_object_ref (self));
      return;

    case OP_RESOLVE_CONFLICT:
      begin_write (self);
      pb_store_resolve_conflict_async (self->store, self->profile, op->keep_local, self->generation, NULL,
                                       resolve_conflict_done, g_object_ref (self));
      return;

    case OP_FLUSH:
    default:
      g_assert_not_reached ();
    }
}

static void
run_next (PbSession *self)
{
  Op *op;

  if (!self->loaded || self->writing || self->loading_elsewhere)
    return;

  op = g_queue_peek_head (&self->ops);

  if (op != NULL && op->kind == OP_FLUSH)
    {
      /* Flushing forces a failing write to be tried now, once. */
      if (self->dirty && !op->tried)
        {
          op->tried = TRUE;
          g_clear_handle_id (&self->retry_source, g_source_remove);
          start_autosave (self);
          return;
        }

      if (self->dirty && self->draft_error != NULL)
        fail_op (self, op, g_error_copy (self->draft_error));
      else
        {
          g_task_return_boolean (op->task, TRUE);
          finish_op (self, op);
        }
      run_next (self);
      return;
    }

  /* Edits not yet in the store go there first. */
  if (op != NULL && needs_draft_in_store (op) && self->dirty && self->elsewhere == NULL)
    {
      g_clear_handle_id (&self->retry_source, g_source_remove);
      start_autosave (self);
      return;
    }

  if (op != NULL)
    {
      start_op (self, op);
      if (!self->writing)
        run_next (self);
      return;
    }

  /* A failing write waits for its retry. */
  if (self->dirty && self->retry_source == 0)
    start_autosave (self);
}

static void
queue_op (PbSession           *self,
          Op                  *op,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  gboolean was_busy = pb_session_get_busy (self);

  op->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (op->task, source_tag);
  g_queue_push_tail (&self->ops, op);

  update_busy (self, was_busy);
  run_next (self);
}


/* Other writers */

static void
elsewhere_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(GError) error = NULL;

  self->loading_elsewhere = FALSE;

  state = pb_store_load_state_finish (self->store, result, &error);
  if (state == NULL)
    {
      /* The edits stay dirty and are tried again: the next write says
       * what is wrong (a profile removed, a disk gone). */
      write_failed (self, g_steal_pointer (&error));
      run_next (self);
      return;
    }

  set_elsewhere (self, state);
  self->dirty = TRUE;
  set_status (self, PB_DRAFT_STATUS_KEPT_ASIDE);
  run_next (self);
}

/* Another writer was here and this session has edits of its own: read
 * what they wrote, and keep these edits aside until the administrator
 * chooses. */
static void
enter_elsewhere (PbSession *self)
{
  if (self->loading_elsewhere)
    return;

  self->loading_elsewhere = TRUE;
  pb_store_load_state_async (self->store, self->profile, self->cancellable,
                             elsewhere_loaded, g_object_ref (self));
}

static void
reloaded (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  g_autoptr(PbProfileState) state = NULL;
  g_autoptr(GError) error = NULL;

  self->loading_elsewhere = FALSE;

  state = pb_store_load_state_finish (self->store, result, &error);
  if (state == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Reloading profile %s failed: %s", pb_profile_get_name (self->profile), error->message);
      run_next (self);
      return;
    }

  /* Edited here while the reload was being read: these edits are not in
   * what was read, so they are kept aside rather than lost. */
  if (self->dirty)
    {
      set_elsewhere (self, state);
      set_status (self, PB_DRAFT_STATUS_KEPT_ASIDE);
    }
  else
    {
      take_state (self, state, FALSE);
      g_signal_emit (self, signals[RELOADED], 0);
    }

  run_next (self);
}

typedef struct
{
  PbSession *session;
  guint64 write_serial;
} Poll;

static void
poll_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Poll *poll = user_data;
  g_autoptr(PbSession) self = poll->session;
  g_autoptr(GError) error = NULL;
  guint64 serial = poll->write_serial;
  guint64 generation;
  guint64 known;

  g_free (poll);
  self->polling = FALSE;

  if (!pb_store_get_generation_finish (self->store, result, &generation, &error))
    return;

  /* A write of ours went out after the poll did: its own answer counts. */
  if (serial != self->write_serial || self->writing || self->loading_elsewhere)
    return;

  known = self->elsewhere != NULL ? pb_profile_state_get_generation (self->elsewhere) : self->generation;
  if (generation == known)
    return;

  if (self->elsewhere != NULL || self->dirty ||
      differs_from_saved (self->draft, self->saved))
    {
      enter_elsewhere (self);
      return;
    }

  self->loading_elsewhere = TRUE;
  pb_store_load_state_async (self->store, self->profile, self->cancellable, reloaded, g_object_ref (self));
}

static gboolean
poll_cb (gpointer user_data)
{
  PbSession *self = user_data;
  Poll *poll;

  if (!self->loaded || self->polling || self->writing || self->loading_elsewhere)
    return G_SOURCE_CONTINUE;

  poll = g_new0 (Poll, 1);
  poll->session = g_object_ref (self);
  poll->write_serial = self->write_serial;

  self->polling = TRUE;
  pb_store_get_generation_async (self->store, self->profile, self->cancellable, poll_done, poll);
  return G_SOURCE_CONTINUE;
}


/* The object */

static void
pb_session_dispose (GObject *object)
{
  PbSession *self = (PbSession *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->poll_source, g_source_remove);

  /* Every queued request holds a reference: none is left by now. */
  g_assert (g_queue_is_empty (&self->ops));

  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  if (self->undo_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_stack, self);

  g_clear_object (&self->undo_stack);
  g_clear_object (&self->draft);
  g_clear_object (&self->saved);
  g_clear_object (&self->elsewhere);
  g_clear_object (&self->base);
  g_clear_object (&self->remote);
  g_clear_object (&self->findings);
  g_clear_object (&self->preview);
  g_clear_object (&self->profile);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pb_session_parent_class)->dispose (object);
}

static void
pb_session_finalize (GObject *object)
{
  PbSession *self = (PbSession *)object;

  g_clear_error (&self->draft_error);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pb_session_parent_class)->finalize (object);
}

static void
pb_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PbSession *self = PB_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_SAVED_NUMBER:
      g_value_set_uint (value, self->saved_number);
      break;
    case PROP_HAS_UNSAVED_CHANGES:
      g_value_set_boolean (value, self->has_unsaved_changes);
      break;
    case PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, self->n_warnings);
      break;
    case PROP_DRAFT_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_ELSEWHERE:
      g_value_set_object (value, pb_session_get_elsewhere (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, pb_session_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, pb_session_get_can_redo (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, pb_session_get_busy (self));
      break;
    case PROP_BASE:
      g_value_set_object (value, self->base);
      break;
    case PROP_CONFLICT:
      g_value_set_boolean (value, self->conflict);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PbSession *self = PB_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_session_class_init (PbSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pb_session_constructed;
  object_class->dispose = pb_session_dispose;
  object_class->finalize = pb_session_finalize;
  object_class->get_property = pb_session_get_property;
  object_class->set_property = pb_session_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, PB_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVED_NUMBER] =
    g_param_spec_uint ("saved-number", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_UNSAVED_CHANGES] =
    g_param_spec_boolean ("has-unsaved-changes", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WARNINGS] =
    g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFT_STATUS] =
    g_param_spec_enum ("draft-status", NULL, NULL, PB_TYPE_DRAFT_STATUS, PB_DRAFT_STATUS_SAVED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ELSEWHERE] =
    g_param_spec_object ("elsewhere", NULL, NULL, PB_TYPE_CONFIGURATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PbSession:busy:
   *
   * Edits or requests have not reached the store yet. An application
   * stays alive while a session is busy, so closing a window right after
   * an edit still saves it.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BASE] =
    g_param_spec_object ("base", NULL, NULL, PB_TYPE_REMOTE_CONFIGURATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICT] =
    g_param_spec_boolean ("conflict", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbSession::refreshed:
   *
   * The findings and the preview show the draft as it is now.
   */
  signals[REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PbSession::reloaded:
   *
   * Another window or program wrote the profile while nothing was unsaved
   * here: the draft is now what they wrote.
   */
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pb_session_init (PbSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->draft = pb_configuration_new ();
  self->findings = g_list_store_new (PB_TYPE_FINDING);
  self->preview = g_list_store_new (PB_TYPE_PREVIEW_EVENT);
  g_queue_init (&self->ops);
}

static void
undo_stack_notify_cb (PbSession  *self,
                      GParamSpec *pspec)
{
  if (g_str_equal (pspec->name, "can-undo"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
pb_session_constructed (GObject *object)
{
  PbSession *self = PB_SESSION (object);

  G_OBJECT_CLASS (pb_session_parent_class)->constructed (object);

  self->undo_stack = pb_undo_stack_new (self->draft);
  g_signal_connect_object (self->draft, "changed", G_CALLBACK (draft_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_stack, "notify::can-undo", G_CALLBACK (undo_stack_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_stack, "notify::can-redo", G_CALLBACK (undo_stack_notify_cb),
                           self, G_CONNECT_SWAPPED);
}

PbSession *
pb_session_new (PbStore   *store,
                PbProfile *profile)
{
  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (PB_IS_PROFILE (profile), NULL);

  return g_object_new (PB_TYPE_SESSION, "store", store, "profile", profile, NULL);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbSession *self = g_task_get_source_object (task);
  g_autoptr(PbProfileState) state = NULL;
  GError *error = NULL;
  PbConfiguration *recovery;

  state = pb_store_load_state_finish (self->store, result, &error);
  if (state == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  take_state (self, state, FALSE);

  /* Edits kept aside by an earlier session (the window was closed, or
   * the machine went down, before the administrator chose): they come
   * back as this session's edits, kept aside again. */
  recovery = pb_profile_state_get_recovery (state);
  if (recovery != NULL)
    {
      take_stored (self, recovery, FALSE);
      set_elsewhere (self, state);
      set_status (self, PB_DRAFT_STATUS_KEPT_ASIDE);
    }

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);

  pb_session_refresh_now (self);
  self->poll_source = g_timeout_add (PB_SESSION_POLL_INTERVAL_MS, poll_cb, self);

  g_task_return_boolean (task, TRUE);
}

void
pb_session_load_async (PbSession           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PB_IS_SESSION (self));
  g_return_if_fail (!self->loaded);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_session_load_async);
  pb_store_load_state_async (self->store, self->profile, cancellable, load_done, task);
}

gboolean
pb_session_load_finish (PbSession     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}


/* Getters */

PbStore *
pb_session_get_store (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), NULL);
  return self->store;
}

PbProfile *
pb_session_get_profile (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), NULL);
  return self->profile;
}

gboolean
pb_session_get_loaded (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), FALSE);
  return self->loaded;
}

PbConfiguration *
pb_session_get_draft (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), NULL);
  return self->draft;
}

PbConfiguration *
pb_session_get_saved (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), NULL);
  return self->saved;
}

guint
pb_session_get_saved_number (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), 0);
  return self->saved_number;
}

gboolean
pb_session_get_has_unsaved_changes (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), FALSE);
  return self->has_unsaved_changes;
}

GListModel *
pb_session_get_findings (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->findings);
}

GListModel *
pb_session_get_preview (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->preview);
}

guint
pb_session_get_n_errors (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), 0);
  return self->n_errors;
}

guint
pb_session_get_n_warnings (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), 0);
  return self->n_warnings;
}

PbDraftStatus
pb_session_get_draft_status (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), PB_DRAFT_STATUS_SAVED);
  return self->status;
}

const GError *
pb_session_get_draft_error (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), NULL);
  return self->draft_error;
}

PbConfiguration *
pb_session_get_elsewhere (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), NULL);
  return self->elsewhere != NULL ? pb_profile_state_get_draft (self->elsewhere) : NULL;
}


/* Edits */

void
pb_session_set_presence_mapping (PbSession  *self,
                                 const char *api_name,
                                 const char *state_id)
{
  g_return_if_fail (PB_IS_SESSION (self));

  if (self->loaded)
    pb_undo_stack_set_presence_mapping (self->undo_stack, api_name, state_id);
}

void
pb_session_set_state_mapping (PbSession  *self,
                              const char *state_id,
                              const char *presence_api_name)
{
  g_return_if_fail (PB_IS_SESSION (self));

  if (self->loaded)
    pb_undo_stack_set_state_mapping (self->undo_stack, state_id, presence_api_name);
}

void
pb_session_unset_state_mapping (PbSession  *self,
                                const char *state_id)
{
  g_return_if_fail (PB_IS_SESSION (self));

  if (self->loaded)
    pb_undo_stack_unset_state_mapping (self->undo_stack, state_id);
}

void
pb_session_set_revert_to_last_status (PbSession *self,
                                      gboolean   revert)
{
  g_return_if_fail (PB_IS_SESSION (self));

  if (self->loaded)
    pb_undo_stack_set_revert_to_last_status (self->undo_stack, revert);
}

gboolean
pb_session_get_can_undo (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), FALSE);
  return self->undo_stack != NULL && pb_undo_stack_get_can_undo (self->undo_stack);
}

gboolean
pb_session_get_can_redo (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), FALSE);
  return self->undo_stack != NULL && pb_undo_stack_get_can_redo (self->undo_stack);
}

gboolean
pb_session_undo (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), FALSE);
  return self->loaded && pb_undo_stack_undo (self->undo_stack);
}

gboolean
pb_session_redo (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), FALSE);
  return self->loaded && pb_undo_stack_redo (self->undo_stack);
}


/* Requests */

static Op *
op_new (OpKind kind)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  return op;
}

void
pb_session_save_async (PbSession           *self,
                       const char          *comment,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  Op *op;

  g_return_if_fail (PB_IS_SESSION (self));

  /* Refused at once, with the reason: the checks as the draft is now. */
  pb_session_refresh_now (self);
  if (self->n_errors > 0)
    {
      g_task_report_new_error (self, callback, user_data, pb_session_save_async,
                               PB_ERROR, PB_ERROR_INVALID_CONFIGURATION,
                               ngettext ("The configuration has %u error: fix it before saving",
                                         "The configuration has %u errors: fix them before saving",
                                         self->n_errors),
                               self->n_errors);
      return;
    }

  op = op_new (OP_SAVE);
  op->comment = comment != NULL && *comment != '\0' ? g_strdup (comment) : NULL;
  op->snapshot = pb_configuration_copy (self->draft);
  queue_op (self, op, pb_session_save_async, cancellable, callback, user_data);
}

guint
pb_session_save_finish (PbSession     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  gssize number;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  number = g_task_propagate_int (G_TASK (result), error);
  return number > 0 ? number : 0;
}

void
pb_session_flush_async (PbSession           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (PB_IS_SESSION (self));

  queue_op (self, op_new (OP_FLUSH), pb_session_flush_async, cancellable, callback, user_data);
}

gboolean
pb_session_flush_finish (PbSession     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pb_session_restore_async (PbSession           *self,
                          guint                number,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Op *op;

  g_return_if_fail (PB_IS_SESSION (self));

  op = op_new (OP_RESTORE);
  op->number = number;
  queue_op (self, op, pb_session_restore_async, cancellable, callback, user_data);
}

guint
pb_session_restore_finish (PbSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  gssize number;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  number = g_task_propagate_int (G_TASK (result), error);
  return number > 0 ? number : 0;
}

void
pb_session_import_async (PbSession           *self,
                         PbImportPlan        *plan,
                         const char          *comment,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Op *op;

  g_return_if_fail (PB_IS_SESSION (self));
  g_return_if_fail (PB_IS_IMPORT_PLAN (plan));
  g_return_if_fail (g_strcmp0 (pb_import_plan_get_profile_name (plan), pb_profile_get_name (self->profile)) == 0);

  op = op_new (OP_IMPORT);
  op->plan = g_object_ref (plan);
  op->comment = g_strdup (comment);
  queue_op (self, op, pb_session_import_async, cancellable, callback, user_data);
}

guint
pb_session_import_finish (PbSession     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  gssize number;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  number = g_task_propagate_int (G_TASK (result), error);
  return number > 0 ? number : 0;
}

void
pb_session_resolve_async (PbSession           *self,
                          PbSessionChoice      choice,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Op *op;

  g_return_if_fail (PB_IS_SESSION (self));

  op = op_new (OP_RESOLVE);
  op->choice = choice;
  queue_op (self, op, pb_session_resolve_async, cancellable, callback, user_data);
}

gboolean
pb_session_resolve_finish (PbSession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}


/* The remote side */

PbRemoteConfiguration *
pb_session_get_base (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), NULL);
  return self->base;
}

PbRemoteConfiguration *
pb_session_get_remote (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), NULL);
  return self->remote;
}

gboolean
pb_session_get_conflict (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), FALSE);
  return self->conflict;
}

PbAvailability
pb_session_get_revert_available (PbSession *self)
{
  g_return_val_if_fail (PB_IS_SESSION (self), PB_AVAILABILITY_UNKNOWN);
  return self->revert_available;
}

void
pb_session_record_fetch_async (PbSession           *self,
                               PbConfiguration     *fetched,
                               const char          *etag,
                               gint64               remote_revision,
                               PbAvailability       revert_available,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Op *op;

  g_return_if_fail (PB_IS_SESSION (self));
  g_return_if_fail (PB_IS_CONFIGURATION (fetched));
  g_return_if_fail (etag != NULL);

  op = op_new (OP_RECORD_FETCH);
  op->snapshot = pb_configuration_copy (fetched);
  op->etag = g_strdup (etag);
  op->remote_revision = remote_revision;
  op->availability = revert_available;
  queue_op (self, op, pb_session_record_fetch_async, cancellable, callback, user_data);
}

PbFetchOutcome *
pb_session_record_fetch_finish (PbSession     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pb_session_record_publish_async (PbSession             *self,
                                 PbConfiguration       *published,
                                 PbRemoteConfiguration *stored,
                                 const char            *comment,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  Op *op;

  g_return_if_fail (PB_IS_SESSION (self));
  g_return_if_fail (PB_IS_CONFIGURATION (published));
  g_return_if_fail (PB_IS_REMOTE_CONFIGURATION (stored));

  op = op_new (OP_RECORD_PUBLISH);
  op->snapshot = pb_configuration_copy (published);
  op->stored = g_object_ref (stored);
  op->comment = g_strdup (comment);
  queue_op (self, op, pb_session_record_publish_async, cancellable, callback, user_data);
}

guint
pb_session_record_publish_finish (PbSession     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  gssize number;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  number = g_task_propagate_int (G_TASK (result), error);
  return number > 0 ? number : 0;
}

void
pb_session_resolve_conflict_async (PbSession           *self,
                                   gboolean             keep_local,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Op *op;

  g_return_if_fail (PB_IS_SESSION (self));

  op = op_new (OP_RESOLVE_CONFLICT);
  op->keep_local = keep_local;
  queue_op (self, op, pb_session_resolve_conflict_async, cancellable, callback, user_data);
}

gboolean
pb_session_resolve_conflict_finish (PbSession     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
