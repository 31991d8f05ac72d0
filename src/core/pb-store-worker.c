/* pb-store-worker.c: the store's worker thread and its asynchronous API
 *
 * One thread, fed by a queue, runs the calls in the order they were made
 * (as Epiphany's history service does): an older autosave can never land
 * after a newer one, and a window never waits on the disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-store-private.h"

typedef struct
{
  GTask *task;  /* NULL: the worker stops */
  GTaskThreadFunc func;
} Job;

/* What a call carries to the worker and, for @generation, back. */
typedef struct
{
  PbProfile *profile;
  PbConfiguration *configuration;
  PbRemoteConfiguration *remote;
  char *name;
  char *source;
  char *comment;
  guint number;
  gint64 remote_revision;
  PbAvailability availability;
  gboolean flag;
  guint64 generation;
} Call;

static void
call_free (gpointer data)
{
  Call *call = data;

  g_clear_object (&call->profile);
  g_clear_object (&call->configuration);
  g_clear_object (&call->remote);
  g_free (call->name);
  g_free (call->source);
  g_free (call->comment);
  g_free (call);
}

/* The task goes back to its caller's thread to be released, so that the
 * last reference to it (and to the store it holds) is dropped there, after
 * its callback, and never on the worker by chance. */
static gboolean
release_task_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static gpointer
worker_main (gpointer data)
{
  GAsyncQueue *jobs = data;

  for (;;)
    {
      Job *job = g_async_queue_pop (jobs);
      GTask *task = job->task;
      GTaskThreadFunc func = job->func;

      g_free (job);
      if (task == NULL)
        break;

      if (!g_task_return_error_if_cancelled (task))
        func (task, g_task_get_source_object (task), g_task_get_task_data (task),
              g_task_get_cancellable (task));

      g_main_context_invoke (g_task_get_context (task), release_task_cb, task);
    }

  g_async_queue_unref (jobs);
  return NULL;
}

void
_pb_store_stop_worker (PbStore *self)
{
  Job *stop;

  if (self->worker == NULL)
    return;

  stop = g_new0 (Job, 1);
  g_async_queue_push (self->jobs, stop);

  /* The last reference may go with a task the worker itself releases:
   * it then finishes on its own, after this. */
  if (g_thread_self () == self->worker)
    g_thread_unref (self->worker);
  else
    g_thread_join (self->worker);

  self->worker = NULL;
  g_clear_pointer (&self->jobs, g_async_queue_unref);
}

void
pb_store_run_in_worker (PbStore         *self,
                        GTask           *task,
                        GTaskThreadFunc  func)
{
  Job *job;

  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  /* Views call from the main thread only, so starting the worker needs no
   * lock of its own. */
  if (self->worker == NULL)
    {
      self->jobs = g_async_queue_new ();
      self->worker = g_thread_new ("pb-store", worker_main, g_async_queue_ref (self->jobs));
    }

  job = g_new0 (Job, 1);
  job->task = g_object_ref (task);
  job->func = func;
  g_async_queue_push (self->jobs, job);
}

static void
run_call (PbStore             *self,
          Call                *call,
          gpointer             source_tag,
          GTaskThreadFunc      func,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, call_free);
  pb_store_run_in_worker (self, task, func);
}

static Call *
call_new (PbProfile       *profile,
          PbConfiguration *configuration)
{
  Call *call = g_new0 (Call, 1);

  call->profile = profile ? g_object_ref (profile) : NULL;
  /* A copy: the caller goes on editing while the worker writes. */
  call->configuration = configuration ? pb_configuration_copy (configuration) : NULL;
  return call;
}

static void
return_pointer (GTask    *task,
                gpointer  result,
                GError   *error)
{
  if (result != NULL)
    g_task_return_pointer (task, result, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
return_boolean (GTask    *task,
                gboolean  ok,
                GError   *error)
{
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
return_number (GTask  *task,
               guint   number,
               GError *error)
{
  if (number != 0)
    g_task_return_int (task, number);
  else
    g_task_return_error (task, error);
}

static gpointer
finish_pointer (PbStore       *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
finish_boolean (PbStore       *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                guint64       *generation,
                GError       **error)
{
  Call *call;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  call = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (generation != NULL)
    *generation = call->generation;
  return TRUE;
}

static guint
finish_number (PbStore       *self,
               GAsyncResult  *result,
               gpointer       source_tag,
               guint64       *generation,
               GError       **error)
{
  Call *call;
  gssize number;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, 0);

  call = g_task_get_task_data (G_TASK (result));
  number = g_task_propagate_int (G_TASK (result), error);
  if (number <= 0)
    return 0;

  if (generation != NULL)
    *generation = call->generation;
  return number;
}


/* Profiles */

static void
list_profiles_job (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  gpointer result = pb_store_list_profiles (source_object, &error);

  return_pointer (task, result, error);
}

void
pb_store_list_profiles_async (PbStore             *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (PB_IS_STORE (self));

  run_call (self, call_new (NULL, NULL), pb_store_list_profiles_async, list_profiles_job,
            cancellable, callback, user_data);
}

GListModel *
pb_store_list_profiles_finish (PbStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_pointer (self, result, pb_store_list_profiles_async, error);
}

static void
add_profile_job (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gpointer result = pb_store_add_profile (source_object, call->profile, &error);

  return_pointer (task, result, error);
}

void
pb_store_add_profile_async (PbStore             *self,
                            PbProfile           *profile,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));

  run_call (self, call_new (profile, NULL), pb_store_add_profile_async, add_profile_job,
            cancellable, callback, user_data);
}

PbProfile *
pb_store_add_profile_finish (PbStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return finish_pointer (self, result, pb_store_add_profile_async, error);
}

static void
update_profile_job (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gboolean ok = pb_store_update_profile (source_object, call->profile, &error);

  return_boolean (task, ok, error);
}

void
pb_store_update_profile_async (PbStore             *self,
                               PbProfile           *profile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));

  run_call (self, call_new (profile, NULL), pb_store_update_profile_async, update_profile_job,
            cancellable, callback, user_data);
}

gboolean
pb_store_update_profile_finish (PbStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_boolean (self, result, pb_store_update_profile_async, NULL, error);
}

static void
remove_profile_job (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gboolean ok = pb_store_remove_profile (source_object, call->name, &error);

  return_boolean (task, ok, error);
}

void
pb_store_remove_profile_async (PbStore             *self,
                               const char          *name,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Call *call;

  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (name != NULL);

  call = call_new (NULL, NULL);
  call->name = g_strdup (name);
  run_call (self, call, pb_store_remove_profile_async, remove_profile_job,
            cancellable, callback, user_data);
}

gboolean
pb_store_remove_profile_finish (PbStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_boolean (self, result, pb_store_remove_profile_async, NULL, error);
}

static void
get_startup_profile_job (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;
  PbProfile *profile = pb_store_get_startup_profile (source_object, &error);

  /* No profile at all is an answer, not an error. */
  if (profile == NULL && error == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    return_pointer (task, profile, error);
}

void
pb_store_get_startup_profile_async (PbStore             *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (PB_IS_STORE (self));

  run_call (self, call_new (NULL, NULL), pb_store_get_startup_profile_async, get_startup_profile_job,
            cancellable, callback, user_data);
}

PbProfile *
pb_store_get_startup_profile_finish (PbStore       *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_pointer (self, result, pb_store_get_startup_profile_async, error);
}

static void
mark_profile_opened_job (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gboolean ok = pb_store_mark_profile_opened (source_object, call->profile, &error);

  return_boolean (task, ok, error);
}

void
pb_store_mark_profile_opened_async (PbStore             *self,
                                    PbProfile           *profile,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));

  run_call (self, call_new (profile, NULL), pb_store_mark_profile_opened_async, mark_profile_opened_job,
            cancellable, callback, user_data);
}

gboolean
pb_store_mark_profile_opened_finish (PbStore       *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish_boolean (self, result, pb_store_mark_profile_opened_async, NULL, error);
}

static void
get_generation_job (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gboolean ok = pb_store_get_generation (source_object, call->profile, &call->generation, &error);

  return_boolean (task, ok, error);
}

void
pb_store_get_generation_async (PbStore             *self,
                               PbProfile           *profile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));

  run_call (self, call_new (profile, NULL), pb_store_get_generation_async, get_generation_job,
            cancellable, callback, user_data);
}

gboolean
pb_store_get_generation_finish (PbStore       *self,
                                GAsyncResult  *result,
                                guint64       *generation,
                                GError       **error)
{
  return finish_boolean (self, result, pb_store_get_generation_async, generation, error);
}


/* Drafts and what is kept aside */

static void
load_state_job (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gpointer result = pb_store_load_state (source_object, call->profile, &error);

  return_pointer (task, result, error);
}

void
pb_store_load_state_async (PbStore             *self,
                           PbProfile           *profile,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));

  run_call (self, call_new (profile, NULL), pb_store_load_state_async, load_state_job,
            cancellable, callback, user_data);
}

PbProfileState *
pb_store_load_state_finish (PbStore       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return finish_pointer (self, result, pb_store_load_state_async, error);
}

static void
save_draft_job (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gboolean ok = pb_store_save_draft (source_object, call->profile, call->configuration,
                                     &call->generation, &error);

  return_boolean (task, ok, error);
}

void
pb_store_save_draft_async (PbStore             *self,
                           PbProfile           *profile,
                           PbConfiguration     *draft,
                           guint64              generation,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Call *call;

  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));
  g_return_if_fail (PB_IS_CONFIGURATION (draft));

  call = call_new (profile, draft);
  call->generation = generation;
  run_call (self, call, pb_store_save_draft_async, save_draft_job, cancellable, callback, user_data);
}

gboolean
pb_store_save_draft_finish (PbStore       *self,
                            GAsyncResult  *result,
                            guint64       *generation,
                            GError       **error)
{
  return finish_boolean (self, result, pb_store_save_draft_async, generation, error);
}

static void
save_recovery_job (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gboolean ok = pb_store_save_recovery (source_object, call->profile, call->configuration, &error);

  return_boolean (task, ok, error);
}

void
pb_store_save_recovery_async (PbStore             *self,
                              PbProfile           *profile,
                              PbConfiguration     *draft,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));
  g_return_if_fail (PB_IS_CONFIGURATION (draft));

  run_call (self, call_new (profile, draft), pb_store_save_recovery_async, save_recovery_job,
            cancellable, callback, user_data);
}

gboolean
pb_store_save_recovery_finish (PbStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_boolean (self, result, pb_store_save_recovery_async, NULL, error);
}

static void
clear_recovery_job (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gboolean ok = pb_store_clear_recovery (source_object, call->profile, &error);

  return_boolean (task, ok, error);
}

void
pb_store_clear_recovery_async (PbStore             *self,
                               PbProfile           *profile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));

  run_call (self, call_new (profile, NULL), pb_store_clear_recovery_async, clear_recovery_job,
            cancellable, callback, user_data);
}

gboolean
pb_store_clear_recovery_finish (PbStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_boolean (self, result, pb_store_clear_recovery_async, NULL, error);
}


/* History */

static void
save_revision_job (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  guint number;

  number = pb_store_save_revision (source_object, call->profile, call->configuration,
                                   call->source, call->comment, &call->generation, &error);
  return_number (task, number, error);
}

void
pb_store_save_revision_async (PbStore             *self,
                              PbProfile           *profile,
                              PbConfiguration     *configuration,
                              const char          *source,
                              const char          *comment,
                              guint64              generation,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Call *call;

  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));
  g_return_if_fail (PB_IS_CONFIGURATION (configuration));
  g_return_if_fail (source != NULL);

  call = call_new (profile, configuration);
  call->source = g_strdup (source);
  call->comment = g_strdup (comment);
  call->generation = generation;
  run_call (self, call, pb_store_save_revision_async, save_revision_job, cancellable, callback, user_data);
}

guint
pb_store_save_revision_finish (PbStore       *self,
                               GAsyncResult  *result,
                               guint64       *generation,
                               GError       **error)
{
  return finish_number (self, result, pb_store_save_revision_async, generation, error);
}

static void
list_revisions_job (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gpointer result = pb_store_list_revisions (source_object, call->profile, &error);

  return_pointer (task, result, error);
}

void
pb_store_list_revisions_async (PbStore             *self,
                               PbProfile           *profile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));

  run_call (self, call_new (profile, NULL), pb_store_list_revisions_async, list_revisions_job,
            cancellable, callback, user_data);
}

GListModel *
pb_store_list_revisions_finish (PbStore       *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_pointer (self, result, pb_store_list_revisions_async, error);
}

static void
load_revision_job (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gpointer result = pb_store_load_revision (source_object, call->profile, call->number, &error);

  return_pointer (task, result, error);
}

void
pb_store_load_revision_async (PbStore             *self,
                              PbProfile           *profile,
                              guint                number,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Call *call;

  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));

  call = call_new (profile, NULL);
  call->number = number;
  run_call (self, call, pb_store_load_revision_async, load_revision_job, cancellable, callback, user_data);
}

PbConfiguration *
pb_store_load_revision_finish (PbStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return finish_pointer (self, result, pb_store_load_revision_async, error);
}

static void
restore_revision_job (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  guint number;

  number = pb_store_restore_revision (source_object, call->profile, call->number, &call->generation, &error);
  return_number (task, number, error);
}

void
pb_store_restore_revision_async (PbStore             *self,
                                 PbProfile           *profile,
                                 guint                number,
                                 guint64              generation,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Call *call;

  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));

  call = call_new (profile, NULL);
  call->number = number;
  call->generation = generation;
  run_call (self, call, pb_store_restore_revision_async, restore_revision_job,
            cancellable, callback, user_data);
}

guint
pb_store_restore_revision_finish (PbStore       *self,
                                  GAsyncResult  *result,
                                  guint64       *generation,
                                  GError       **error)
{
  return finish_number (self, result, pb_store_restore_revision_async, generation, error);
}


/* The remote side */

static void
record_fetch_job (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gpointer result = pb_store_record_fetch (source_object, call->profile, call->configuration, call->source,
                                           call->remote_revision, call->availability, &call->generation,
                                           &error);

  return_pointer (task, result, error);
}

void
pb_store_record_fetch_async (PbStore             *self,
                             PbProfile           *profile,
                             PbConfiguration     *fetched,
                             const char          *etag,
                             gint64               remote_revision,
                             PbAvailability       revert_available,
                             guint64              generation,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Call *call;

  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));
  g_return_if_fail (PB_IS_CONFIGURATION (fetched));
  g_return_if_fail (etag != NULL);

  call = call_new (profile, fetched);
  call->source = g_strdup (etag);
  call->remote_revision = remote_revision;
  call->availability = revert_available;
  call->generation = generation;
  run_call (self, call, pb_store_record_fetch_async, record_fetch_job, cancellable, callback, user_data);
}

PbFetchOutcome *
pb_store_record_fetch_finish (PbStore       *self,
                              GAsyncResult  *result,
                              guint64       *generation,
                              GError       **error)
{
  Call *call;
  PbFetchOutcome *outcome;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_store_record_fetch_async, NULL);

  call = g_task_get_task_data (G_TASK (result));
  outcome = g_task_propagate_pointer (G_TASK (result), error);
  if (outcome != NULL && generation != NULL)
    *generation = call->generation;
  return outcome;
}

static void
record_publish_job (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  guint number = pb_store_record_publish (source_object, call->profile, call->configuration, call->remote,
                                          call->comment, &call->generation, &error);

  return_number (task, number, error);
}

void
pb_store_record_publish_async (PbStore               *self,
                               PbProfile             *profile,
                               PbConfiguration       *published,
                               PbRemoteConfiguration *stored,
                               const char            *comment,
                               guint64                generation,
                               GCancellable          *cancellable,
                               GAsyncReadyCallback    callback,
                               gpointer               user_data)
{
  Call *call;

  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));
  g_return_if_fail (PB_IS_CONFIGURATION (published));
  g_return_if_fail (PB_IS_REMOTE_CONFIGURATION (stored));

  call = call_new (profile, published);
  call->remote = g_object_ref (stored);
  call->comment = g_strdup (comment);
  call->generation = generation;
  run_call (self, call, pb_store_record_publish_async, record_publish_job, cancellable, callback, user_data);
}

guint
pb_store_record_publish_finish (PbStore       *self,
                                GAsyncResult  *result,
                                guint64       *generation,
                                GError       **error)
{
  return finish_number (self, result, pb_store_record_publish_async, generation, error);
}

static void
resolve_conflict_job (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  gboolean ok = pb_store_resolve_conflict (source_object, call->profile, call->flag, &call->number,
                                           &call->generation, &error);

  return_boolean (task, ok, error);
}

void
pb_store_resolve_conflict_async (PbStore             *self,
                                 PbProfile           *profile,
                                 gboolean             keep_local,
                                 guint64              generation,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Call *call;

  g_return_if_fail (PB_IS_STORE (self));
  g_return_if_fail (PB_IS_PROFILE (profile));

  call = call_new (profile, NULL);
  call->flag = keep_local;
  call->generation = generation;
  run_call (self, call, pb_store_resolve_conflict_async, resolve_conflict_job, cancellable, callback, user_data);
}

gboolean
pb_store_resolve_conflict_finish (PbStore       *self,
                                  GAsyncResult  *result,
                                  guint         *revision,
                                  guint64       *generation,
                                  GError       **error)
{
  Call *call = g_task_get_task_data (G_TASK (result));

  if (!finish_boolean (self, result, pb_store_resolve_conflict_async, generation, error))
    return FALSE;

  if (revision != NULL)
    *revision = call->number;
  return TRUE;
}
