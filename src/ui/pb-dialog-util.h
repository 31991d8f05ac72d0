/* pb-dialog-util.h: what the history and import dialogs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A message dialog over @parent showing @error under @heading. */
void      pb_dialog_show_error     (GtkWindow           *parent,
                                    const char          *heading,
                                    const GError        *error);

/* A dialog is busy while *@n_pending > 0: the first hold starts @spinner,
 * the last release stops it, and both notify @busy_pspec on @dialog. */
void      pb_dialog_hold           (GObject             *dialog,
                                    guint               *n_pending,
                                    GtkSpinner          *spinner,
                                    GParamSpec          *busy_pspec);
void      pb_dialog_release        (GObject             *dialog,
                                    guint               *n_pending,
                                    GtkSpinner          *spinner,
                                    GParamSpec          *busy_pspec);

/* Runs @thread_func in a worker thread with @task_data; @callback gets a
 * reference to @dialog as its user data, so that the dialog is only ever
 * released on the main thread. */
void      pb_dialog_run_in_thread  (GObject             *dialog,
                                    GCancellable        *cancellable,
                                    gpointer             source_tag,
                                    gpointer             task_data,
                                    GDestroyNotify       task_data_free,
                                    GTaskThreadFunc      thread_func,
                                    GAsyncReadyCallback  callback);

/* For the callback of something a dialog looks up for itself (the
 * keyring, say): the dialog does not live on for it. Pass the result of
 * pb_dialog_weak_new() as the callback's user data; the callback gets the
 * dialog back (a new reference) from pb_dialog_weak_take(), or NULL once
 * it is gone (its dispose cancelled the lookup). */
gpointer  pb_dialog_weak_new       (gpointer             dialog);
gpointer  pb_dialog_weak_take      (gpointer             weak);

/* A close request while @working is refused: the work is one short
 * transaction whose result must not be lost with the dialog. */
gboolean  pb_dialog_close_request  (GtkWindow           *window,
                                    GtkWindowClass      *parent_class,
                                    gboolean             working);

G_END_DECLS
