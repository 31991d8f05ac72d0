/* pb-dialog-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-dialog-util.h"

void
pb_dialog_show_error (GtkWindow    *parent,
                      const char   *heading,
                      const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pb_dialog_hold (GObject    *dialog,
                guint      *n_pending,
                GtkSpinner *spinner,
                GParamSpec *busy_pspec)
{
  if ((*n_pending)++ == 0)
    {
      gtk_spinner_set_spinning (spinner, TRUE);
      g_object_notify_by_pspec (dialog, busy_pspec);
    }
}

void
pb_dialog_release (GObject    *dialog,
                   guint      *n_pending,
                   GtkSpinner *spinner,
                   GParamSpec *busy_pspec)
{
  g_assert (*n_pending > 0);

  if (--(*n_pending) == 0)
    {
      /* The template is gone once the dialog was destroyed. */
      if (spinner != NULL)
        gtk_spinner_set_spinning (spinner, FALSE);
      g_object_notify_by_pspec (dialog, busy_pspec);
    }
}

void
pb_dialog_run_in_thread (GObject             *dialog,
                         GCancellable        *cancellable,
                         gpointer             source_tag,
                         gpointer             task_data,
                         GDestroyNotify       task_data_free,
                         GTaskThreadFunc      thread_func,
                         GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (NULL, cancellable, callback, g_object_ref (dialog));
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, task_data, task_data_free);
  g_task_run_in_thread (task, thread_func);
}

gpointer
pb_dialog_weak_new (gpointer dialog)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, dialog);
  return weak;
}

gpointer
pb_dialog_weak_take (gpointer weak)
{
  gpointer dialog = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  return dialog;
}

gboolean
pb_dialog_close_request (GtkWindow      *window,
                         GtkWindowClass *parent_class,
                         gboolean        working)
{
  if (working)
    return TRUE;

  if (parent_class->close_request != NULL)
    return parent_class->close_request (window);

  return FALSE;
}
