/* pb-window-document-store.c: the document's store jobs, each on the
 * store queue's worker thread, in order: reading the profile, reading its
 * newest revision, autosaving the draft, saving a revision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-window-document-private.h"

/* Store jobs */

typedef struct
{
  PbStore         *store;
  PbProfile       *profile;
  PbConfiguration *configuration;
  char            *comment;
} StoreJob;

static void
store_job_free (gpointer data)
{
  StoreJob *job = data;

  g_clear_object (&job->store);
  g_clear_object (&job->profile);
  g_clear_object (&job->configuration);
  g_free (job->comment);
  g_free (job);
}

static StoreJob *
store_job_new (PbWindowDocument *self)
{
  StoreJob *job = g_new0 (StoreJob, 1);

  job->store = g_object_ref (self->store);
  job->profile = g_object_ref (self->profile);
  job->configuration = pb_configuration_copy (self->draft);

  return job;
}

/* Autosave: every change reaches the store's draft, in order, off the
 * main thread. */

static void
save_draft_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  StoreJob *job = task_data;
  GError *error = NULL;

  if (pb_store_save_draft (job->store, job->profile, job->configuration, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_draft_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PbWindowDocument *self = PB_WINDOW_DOCUMENT (object);
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    _pb_window_document_set_autosave_error (self, NULL);
  else
    _pb_window_document_set_autosave_error (self, error->message);

  _pb_window_document_release (self);
}

void
pb_window_document_autosave (PbWindowDocument *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PB_IS_WINDOW_DOCUMENT (self));

  if (self->generation == self->autosaved_generation)
    return;

  self->autosaved_generation = self->generation;

  task = g_task_new (self, NULL, save_draft_done, NULL);
  g_task_set_source_tag (task, pb_window_document_autosave);
  g_task_set_task_data (task, store_job_new (self), store_job_free);

  _pb_window_document_hold (self);
  pb_store_queue_run (self->queue, task, save_draft_thread);
}

void
pb_window_document_flush (PbWindowDocument *self)
{
  g_return_if_fail (PB_IS_WINDOW_DOCUMENT (self));

  pb_window_document_ensure_refreshed (self);
  pb_window_document_autosave (self);
  pb_store_queue_wait (self->queue);
}

/* Reading the newest revision */

typedef struct
{
  PbStore         *store;
  PbProfile       *profile;
  PbConfiguration *saved;
  GError          *error;
} SavedJob;

static void
saved_job_free (gpointer data)
{
  SavedJob *job = data;

  g_clear_object (&job->store);
  g_clear_object (&job->profile);
  g_clear_object (&job->saved);
  g_clear_error (&job->error);
  g_free (job);
}

static void
load_saved_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  SavedJob *job = task_data;

  job->saved = pb_store_load_latest_revision (job->store, job->profile, &job->error);
  g_task_return_boolean (task, TRUE);
}

/* Takes what the reading found; the job is done (its callback ran, or
 * the queue was waited for). */
void
_pb_window_document_take_saved (PbWindowDocument *self)
{
  SavedJob *job = g_task_get_task_data (self->saved_task);

  if (job->error != NULL)
    g_warning ("Could not read the newest revision of “%s”: %s",
               pb_profile_get_name (self->profile), job->error->message);
  /* A revision saved meanwhile is newer than what was read. */
  if (self->saved_state != SAVED_KNOWN)
    g_set_object (&self->saved, job->saved);
  self->saved_state = SAVED_KNOWN;
  g_clear_object (&self->saved_task);
}

static void
load_saved_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PbWindowDocument *self = PB_WINDOW_DOCUMENT (object);

  _pb_window_document_release (self);
  if (self->saved_task != G_TASK (result))
    return;   /* taken already, by pb_window_document_ensure_refreshed() */

  _pb_window_document_take_saved (self);
  if (self->refresh_wanted)
    pb_window_document_refresh (self);
}

void
_pb_window_document_load_saved (PbWindowDocument *self)
{
  SavedJob *job;

  g_assert (self->saved_state == SAVED_UNKNOWN);

  job = g_new0 (SavedJob, 1);
  job->store = g_object_ref (self->store);
  job->profile = g_object_ref (self->profile);

  self->saved_state = SAVED_LOADING;
  self->saved_task = g_task_new (self, NULL, load_saved_done, NULL);
  g_task_set_source_tag (self->saved_task, _pb_window_document_load_saved);
  g_task_set_task_data (self->saved_task, job, saved_job_free);

  _pb_window_document_hold (self);
  pb_store_queue_run (self->queue, self->saved_task, load_saved_thread);
}

/* Saving a revision */

static void
save_revision_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  StoreJob *job = task_data;
  GError *error = NULL;
  guint number;

  number = pb_store_save_revision (job->store, job->profile, job->configuration,
                                   PB_REVISION_SOURCE_SAVE, job->comment, NULL, &error);
  if (number == 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, number);
}

static void
save_revision_done (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PbWindowDocument *self = PB_WINDOW_DOCUMENT (object);
  GTask *task = user_data;
  StoreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize number;

  number = g_task_propagate_int (G_TASK (result), &error);
  _pb_window_document_release (self);

  if (number <= 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* Saved what the draft was when Save was chosen; later edits stay unsaved. */
  _pb_window_document_set_saved (self, job->configuration, number);
  pb_window_document_refresh (self);

  g_task_return_int (task, number);
  g_object_unref (task);
}

void
pb_window_document_save_revision_async (PbWindowDocument    *self,
                                        const char          *comment,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) store_task = NULL;
  StoreJob *job;

  g_return_if_fail (PB_IS_WINDOW_DOCUMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_window_document_save_revision_async);

  /* The revision becomes the draft as well: nothing left to autosave. */
  pb_window_document_ensure_refreshed (self);
  self->autosaved_generation = self->generation;

  job = store_job_new (self);
  job->comment = comment != NULL && comment[0] != '\0' ? g_strdup (comment) : NULL;

  store_task = g_task_new (self, NULL, save_revision_done, task);
  g_task_set_source_tag (store_task, save_revision_thread);
  g_task_set_task_data (store_task, job, store_job_free);

  _pb_window_document_hold (self);
  pb_store_queue_run (self->queue, store_task, save_revision_thread);
}

guint
pb_window_document_save_revision_finish (PbWindowDocument  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  gssize number;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  number = g_task_propagate_int (G_TASK (result), error);
  return number > 0 ? (guint)number : 0;
}

/* Loading: off the main thread, while the window builds itself */

typedef struct
{
  PbStore         *store;
  PbStoreQueue    *queue;
  PbProfile       *profile;
  PbConfiguration *draft;
  guint            saved_number;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_clear_object (&job->store);
  g_clear_object (&job->queue);
  g_clear_object (&job->profile);
  g_clear_object (&job->draft);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(GListModel) revisions = NULL;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  job->draft = pb_store_load_draft (job->store, job->profile, &error);
  if (job->draft != NULL)
    revisions = pb_store_list_revisions (job->store, job->profile, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (revisions); i++)
    {
      g_autoptr(PbRevision) revision = g_list_model_get_item (revisions, i);

      job->saved_number = MAX (job->saved_number, pb_revision_get_number (revision));
    }

  g_task_return_boolean (task, TRUE);
}

void
pb_window_document_load_async (PbStore             *store,
                               PbStoreQueue        *queue,
                               PbProfile           *profile,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (PB_IS_STORE (store));
  g_return_if_fail (PB_IS_STORE_QUEUE (queue));
  g_return_if_fail (PB_IS_PROFILE (profile));

  job = g_new0 (LoadJob, 1);
  job->store = g_object_ref (store);
  job->queue = g_object_ref (queue);
  job->profile = g_object_ref (profile);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_window_document_load_async);
  g_task_set_task_data (task, job, load_job_free);
  /* In the queue, so that it reads the profile after every write queued
   * before it (the autosave of the profile just left, say). */
  pb_store_queue_run (queue, task, load_thread);
}

PbWindowDocument *
pb_window_document_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  LoadJob *job;
  PbWindowDocument *self;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  job = g_task_get_task_data (G_TASK (result));
  self = _pb_window_document_new (job->store, job->queue, job->profile, job->draft, job->saved_number);

  /* The checks and the preview are not run here: the window shows the
   * draft first and refreshes once its first frame is drawn. */
  return self;
}
