/* pb-store-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-store-queue.h"

struct _PbStoreQueue
{
  GObject parent_instance;

  GThreadPool *pool;
};

G_DEFINE_FINAL_TYPE (PbStoreQueue, pb_store_queue, G_TYPE_OBJECT)

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Job;

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;

  job->func (job->task,
             g_task_get_source_object (job->task),
             g_task_get_task_data (job->task),
             g_task_get_cancellable (job->task));

  g_object_unref (job->task);
  g_free (job);
}

static GThreadPool *
create_pool (void)
{
  /* One thread, not exclusive: it goes away when idle. */
  return g_thread_pool_new (run_job, NULL, 1, FALSE, NULL);
}

static void
pb_store_queue_finalize (GObject *object)
{
  PbStoreQueue *self = (PbStoreQueue *)object;

  g_thread_pool_free (self->pool, FALSE, TRUE);

  G_OBJECT_CLASS (pb_store_queue_parent_class)->finalize (object);
}

static void
pb_store_queue_class_init (PbStoreQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_store_queue_finalize;
}

static void
pb_store_queue_init (PbStoreQueue *self)
{
  self->pool = create_pool ();
}

PbStoreQueue *
pb_store_queue_new (void)
{
  return g_object_new (PB_TYPE_STORE_QUEUE, NULL);
}

void
pb_store_queue_run (PbStoreQueue    *self,
                    GTask           *task,
                    GTaskThreadFunc  func)
{
  Job *job;

  g_return_if_fail (PB_IS_STORE_QUEUE (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->task = g_object_ref (task);
  job->func = func;
  g_thread_pool_push (self->pool, job, NULL);
}

void
pb_store_queue_wait (PbStoreQueue *self)
{
  g_return_if_fail (PB_IS_STORE_QUEUE (self));

  g_thread_pool_free (self->pool, FALSE, TRUE);
  self->pool = create_pool ();
}
