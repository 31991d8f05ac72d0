/* pb-session-writes.c: one write at a time, each guarded by the generation the last one returned
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-session-private.h"

#include <glib/gi18n.h>

#include "pb-error.h"

#define RETRY_FIRST_MS 500
#define RETRY_MAX_MS   30000


/* The draft changing */

void
_pb_session_draft_changed_cb (PbSession       *self,
                  PbConfiguration *draft)
{
  gboolean was_busy = pb_session_get_busy (self);

  self->edit_serial++;
  _pb_session_schedule_refresh (self);

  if (self->suppress_dirty > 0)
    return;

  self->dirty = TRUE;
  if (self->status == PB_DRAFT_STATUS_SAVED)
    _pb_session_set_status (self, PB_DRAFT_STATUS_SAVING);
  _pb_session_update_busy (self, was_busy);
  _pb_session_run_next (self);
}

/* Makes the draft what the store has, without writing it back. */
void
_pb_session_take_stored (PbSession       *self,
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

void
_pb_session_take_state (PbSession      *self,
            PbProfileState *state,
            gboolean        undoable)
{
  PbProfile *profile = pb_profile_state_get_profile (state);

  if (!undoable)
    pb_undo_stack_clear (self->undo_stack);

  _pb_session_take_stored (self, pb_profile_state_get_draft (state), undoable);
  self->generation = pb_profile_state_get_generation (state);
  _pb_session_set_saved (self, pb_profile_state_get_saved (state), pb_profile_state_get_saved_number (state));
  _pb_session_set_remote (self, state);

  if (profile != self->profile)
    {
      g_set_object (&self->profile, profile);
      g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_PROFILE]);
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
  _pb_session_op_free (op);
  _pb_session_update_busy (self, was_busy);
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
  _pb_session_run_next (self);
  return G_SOURCE_REMOVE;
}

/* A write of the draft failed: the edits stay dirty, and are tried again
 * later (or now, by a flush). */
void
_pb_session_write_failed (PbSession *self,
              GError    *error)
{
  self->dirty = TRUE;

  if (g_error_matches (error, PB_ERROR, PB_ERROR_STORE_CHANGED))
    {
      g_error_free (error);
      _pb_session_enter_elsewhere (self);
      return;
    }

  g_clear_error (&self->draft_error);
  self->draft_error = error;
  self->retry_delay_ms = self->retry_delay_ms == 0 ? RETRY_FIRST_MS
                                                   : MIN (self->retry_delay_ms * 2, RETRY_MAX_MS);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_source = g_timeout_add (self->retry_delay_ms, retry_cb, self);

  /* The error changes with the status, and listeners read both. */
  g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_DRAFT_STATUS]);
  _pb_session_set_status (self, PB_DRAFT_STATUS_RETRYING);
}

static void
write_succeeded (PbSession *self)
{
  _pb_session_clear_draft_error (self);

  if (self->elsewhere != NULL)
    _pb_session_set_status (self, PB_DRAFT_STATUS_KEPT_ASIDE);
  else
    _pb_session_set_status (self, self->dirty ? PB_DRAFT_STATUS_SAVING : PB_DRAFT_STATUS_SAVED);
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
    _pb_session_write_failed (self, error);

  _pb_session_update_busy (self, was_busy);
  _pb_session_run_next (self);
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
          _pb_session_enter_elsewhere (self);
        }
      _pb_session_run_next (self);
      return;
    }

  /* The revision is the store's draft too: the draft is clean unless it
   * changed after Save was chosen. */
  self->dirty = !pb_configuration_equal (self->draft, op->snapshot);
  _pb_session_set_saved (self, op->snapshot, number);
  write_succeeded (self);

  g_task_return_int (op->task, number);
  finish_op (self, op);
  _pb_session_run_next (self);
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
      _pb_session_run_next (self);
      return;
    }

  /* What this session itself made the draft: undoable, not written again. */
  _pb_session_take_state (self, state, TRUE);
  write_succeeded (self);

  if (op->outcome != NULL)
    g_task_return_pointer (op->task, g_steal_pointer (&op->outcome), g_object_unref);
  else if (op->kind == OP_RESOLVE_CONFLICT)
    g_task_return_boolean (op->task, TRUE);
  else
    g_task_return_int (op->task, op->number);
  finish_op (self, op);
  _pb_session_run_next (self);
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
      _pb_session_run_next (self);
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
      _pb_session_run_next (self);
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

  _pb_session_set_elsewhere (self, NULL);
  write_succeeded (self);

  g_task_return_boolean (op->task, TRUE);
  finish_op (self, op);
  _pb_session_run_next (self);
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
        _pb_session_enter_elsewhere (self);
      _pb_session_run_next (self);
      return;
    }

  self->writing = FALSE;
  self->generation = generation;
  _pb_session_set_saved (self, pb_profile_state_get_saved (self->elsewhere),
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
    _pb_session_enter_elsewhere (self);
  _pb_session_run_next (self);
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

static void
update_profile_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PbSession) self = user_data;
  Op *op = g_queue_peek_head (&self->ops);
  GError *error = NULL;

  self->writing = FALSE;
  if (!pb_store_update_profile_finish (self->store, result, &error))
    {
      fail_op (self, op, error);
      _pb_session_run_next (self);
      return;
    }

  g_set_object (&self->profile, op->profile);
  g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_PROFILE]);

  g_task_return_boolean (op->task, TRUE);
  finish_op (self, op);
  _pb_session_run_next (self);
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
      _pb_session_take_state (self, self->elsewhere, TRUE);
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

    case OP_UPDATE_PROFILE:
      begin_write (self);
      pb_store_update_profile_async (self->store, op->profile, NULL, update_profile_done, g_object_ref (self));
      return;

    case OP_FLUSH:
    default:
      g_assert_not_reached ();
    }
}

void
_pb_session_run_next (PbSession *self)
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
      _pb_session_run_next (self);
      return;
    }

  /* Edits not yet in the store go there first, tried at once; when that
   * write fails too, the request fails with its reason rather than decide
   * on a draft without them (the edits stay, and are retried). */
  if (op != NULL && needs_draft_in_store (op) && self->dirty && self->elsewhere == NULL)
    {
      if (op->tried && self->draft_error != NULL)
        {
          fail_op (self, op, g_error_copy (self->draft_error));
          _pb_session_run_next (self);
          return;
        }
      op->tried = TRUE;
      g_clear_handle_id (&self->retry_source, g_source_remove);
      start_autosave (self);
      return;
    }

  if (op != NULL)
    {
      start_op (self, op);
      if (!self->writing)
        _pb_session_run_next (self);
      return;
    }

  /* A failing write waits for its retry. */
  if (self->dirty && self->retry_source == 0)
    start_autosave (self);
}

void
_pb_session_queue_op (PbSession           *self,
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

  _pb_session_update_busy (self, was_busy);
  _pb_session_run_next (self);
}
