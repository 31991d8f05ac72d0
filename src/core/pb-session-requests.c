/* pb-session-requests.c: what callers ask of a session: save, flush, restore, import, fetch, publish, resolve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-session-private.h"

#include <glib/gi18n.h>

#include "pb-error.h"


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
  _pb_session_queue_op (self, op, pb_session_save_async, cancellable, callback, user_data);
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

  _pb_session_queue_op (self, op_new (OP_FLUSH), pb_session_flush_async, cancellable, callback, user_data);
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
  _pb_session_queue_op (self, op, pb_session_restore_async, cancellable, callback, user_data);
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
  _pb_session_queue_op (self, op, pb_session_import_async, cancellable, callback, user_data);
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
  _pb_session_queue_op (self, op, pb_session_resolve_async, cancellable, callback, user_data);
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
  _pb_session_queue_op (self, op, pb_session_record_fetch_async, cancellable, callback, user_data);
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
  _pb_session_queue_op (self, op, pb_session_record_publish_async, cancellable, callback, user_data);
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
  _pb_session_queue_op (self, op, pb_session_resolve_conflict_async, cancellable, callback, user_data);
}

gboolean
pb_session_resolve_conflict_finish (PbSession     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pb_session_update_profile_async (PbSession           *self,
                                 PbProfile           *edited,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Op *op;

  g_return_if_fail (PB_IS_SESSION (self));
  g_return_if_fail (PB_IS_PROFILE (edited));
  g_return_if_fail (pb_profile_get_id (edited) == pb_profile_get_id (self->profile));

  op = op_new (OP_UPDATE_PROFILE);
  op->profile = pb_profile_copy (edited);
  _pb_session_queue_op (self, op, pb_session_update_profile_async, cancellable, callback, user_data);
}

gboolean
pb_session_update_profile_finish (PbSession     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
