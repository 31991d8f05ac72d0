/* pb-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-session-private.h"

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

G_DEFINE_FINAL_TYPE (PbSession, pb_session, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PbDraftStatus, pb_draft_status,
                    G_DEFINE_ENUM_VALUE (PB_DRAFT_STATUS_SAVED, "saved"),
                    G_DEFINE_ENUM_VALUE (PB_DRAFT_STATUS_SAVING, "saving"),
                    G_DEFINE_ENUM_VALUE (PB_DRAFT_STATUS_RETRYING, "retrying"),
                    G_DEFINE_ENUM_VALUE (PB_DRAFT_STATUS_KEPT_ASIDE, "kept-aside"))

G_DEFINE_ENUM_TYPE (PbSessionChoice, pb_session_choice,
                    G_DEFINE_ENUM_VALUE (PB_SESSION_KEEP_MINE, "keep-mine"),
                    G_DEFINE_ENUM_VALUE (PB_SESSION_TAKE_THEIRS, "take-theirs"))

GParamSpec *_pb_session_properties[N_PROPS];
guint _pb_session_signals[N_SIGNALS];

static void pb_session_constructed (GObject *object);

void
_pb_session_op_free (Op *op)
{
  g_clear_object (&op->task);
  g_free (op->comment);
  g_clear_object (&op->plan);
  g_clear_object (&op->snapshot);
  g_free (op->etag);
  g_clear_object (&op->stored);
  g_clear_object (&op->outcome);
  g_clear_object (&op->profile);
  g_free (op);
}

gboolean
_pb_session_differs_from_saved (PbConfiguration *draft,
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
void
_pb_session_set_status (PbSession     *self,
            PbDraftStatus  status)
{
  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_DRAFT_STATUS]);
}

void
_pb_session_update_busy (PbSession *self,
             gboolean   was_busy)
{
  if (was_busy != pb_session_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_BUSY]);
}

void
_pb_session_set_saved (PbSession       *self,
           PbConfiguration *saved,
           guint            number)
{
  /* What the draft is compared with changed: the refresh is due too. */
  if (g_set_object (&self->saved, saved))
    self->edit_serial++;
  if (self->saved_number != number)
    {
      self->saved_number = number;
      g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_SAVED_NUMBER]);
    }
  _pb_session_schedule_refresh (self);
}

void
_pb_session_set_elsewhere (PbSession      *self,
               PbProfileState *state)
{
  if (self->elsewhere == state)
    return;

  g_set_object (&self->elsewhere, state);
  g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_ELSEWHERE]);
}

void
_pb_session_set_remote (PbSession      *self,
            PbProfileState *state)
{
  PbRemoteConfiguration *base = pb_profile_state_get_base (state);
  gboolean conflict = pb_profile_state_get_conflict (state);

  g_set_object (&self->remote, pb_profile_state_get_remote (state));
  self->revert_available = pb_profile_state_get_revert_available (state);

  if (g_set_object (&self->base, base))
    g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_BASE]);
  if (self->conflict != conflict)
    {
      self->conflict = conflict;
      g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_CONFLICT]);
    }
}

void
_pb_session_clear_draft_error (PbSession *self)
{
  g_clear_error (&self->draft_error);
  self->retry_delay_ms = 0;
  g_clear_handle_id (&self->retry_source, g_source_remove);
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

  _pb_session_properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  _pb_session_properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, PB_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  _pb_session_properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _pb_session_properties[PROP_SAVED_NUMBER] =
    g_param_spec_uint ("saved-number", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _pb_session_properties[PROP_HAS_UNSAVED_CHANGES] =
    g_param_spec_boolean ("has-unsaved-changes", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _pb_session_properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _pb_session_properties[PROP_N_WARNINGS] =
    g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _pb_session_properties[PROP_DRAFT_STATUS] =
    g_param_spec_enum ("draft-status", NULL, NULL, PB_TYPE_DRAFT_STATUS, PB_DRAFT_STATUS_SAVED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _pb_session_properties[PROP_ELSEWHERE] =
    g_param_spec_object ("elsewhere", NULL, NULL, PB_TYPE_CONFIGURATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _pb_session_properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _pb_session_properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PbSession:busy:
   *
   * Edits or requests have not reached the store yet. An application
   * stays alive while a session is busy, so closing a window right after
   * an edit still saves it.
   */
  _pb_session_properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  _pb_session_properties[PROP_BASE] =
    g_param_spec_object ("base", NULL, NULL, PB_TYPE_REMOTE_CONFIGURATION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _pb_session_properties[PROP_CONFLICT] =
    g_param_spec_boolean ("conflict", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, _pb_session_properties);

  /**
   * PbSession::refreshed:
   *
   * The findings and the preview show the draft as it is now.
   */
  _pb_session_signals[REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PbSession::reloaded:
   *
   * Another window or program wrote the profile while nothing was unsaved
   * here: the draft is now what they wrote.
   */
  _pb_session_signals[RELOADED] =
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
    g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_CAN_UNDO]);
  else
    g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_CAN_REDO]);
}

static void
pb_session_constructed (GObject *object)
{
  PbSession *self = PB_SESSION (object);

  G_OBJECT_CLASS (pb_session_parent_class)->constructed (object);

  self->undo_stack = pb_undo_stack_new (self->draft);
  g_signal_connect_object (self->draft, "changed", G_CALLBACK (_pb_session_draft_changed_cb), self, G_CONNECT_SWAPPED);
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

  _pb_session_take_state (self, state, FALSE);

  /* Edits kept aside by an earlier session (the window was closed, or
   * the machine went down, before the administrator chose): they come
   * back as this session's edits, kept aside again. */
  recovery = pb_profile_state_get_recovery (state);
  if (recovery != NULL)
    {
      _pb_session_take_stored (self, recovery, FALSE);
      _pb_session_set_elsewhere (self, state);
      _pb_session_set_status (self, PB_DRAFT_STATUS_KEPT_ASIDE);
    }

  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), _pb_session_properties[PROP_LOADED]);

  /* Worked out in a thread, as after an edit: a window shows the draft
   * first and its findings a frame later (pb_session_refresh_now() is
   * there for who needs them at once). */
  _pb_session_schedule_refresh (self);
  self->poll_source = g_timeout_add (PB_SESSION_POLL_INTERVAL_MS, _pb_session_poll_cb, self);

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

void
pb_session_replace_mapping (PbSession       *self,
                            PbConfiguration *with)
{
  g_autoptr(PbConfiguration) replaced = NULL;

  g_return_if_fail (PB_IS_SESSION (self));
  g_return_if_fail (PB_IS_CONFIGURATION (with));

  if (!self->loaded)
    return;

  replaced = pb_configuration_copy (self->draft);
  pb_configuration_set_published (replaced, with);
  pb_undo_stack_replace (self->undo_stack, replaced);
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

