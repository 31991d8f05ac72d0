/* pb-store-queue.h: store writes off the main thread, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PB_TYPE_STORE_QUEUE (pb_store_queue_get_type ())

G_DECLARE_FINAL_TYPE (PbStoreQueue, pb_store_queue, PB, STORE_QUEUE, GObject)

/* One worker thread that runs GTasks one after the other, in the order
 * they were queued. GTask's own thread pool runs tasks concurrently, so an
 * older autosave could land after a newer one; here the last write queued
 * is the last written. */
PbStoreQueue *pb_store_queue_new  (void);
/* Runs @func (which returns the task) in the worker, after every task
 * queued before. The task's callback runs in its own context as usual. */
void          pb_store_queue_run  (PbStoreQueue    *self,
                                   GTask           *task,
                                   GTaskThreadFunc  func);
/* Blocks until the worker has run every queued task (for shutdown). */
void          pb_store_queue_wait (PbStoreQueue    *self);

G_END_DECLS
