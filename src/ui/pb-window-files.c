/* pb-window-files.c: win.import and win.export, what they do with files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-import-dialog.h"
#include "pb-ui-util.h"
#include "pb-window-private.h"

static char *
dup_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));

  return g_file_get_basename (file);
}

static GtkFileFilter *
json_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Configuration files (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");

  return filter;
}

/* The import dialog */

static void
imported_cb (PbWindow   *self,
             guint       revision_number,
             const char *profile_name,
             GtkWidget  *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  PbProfile *open = pb_window_get_profile (self);

  /* Into the open profile, the session has it already. */
  if ((open == NULL || g_strcmp0 (pb_profile_get_name (open), profile_name) != 0) &&
      !pb_window_open_profile (self, profile_name, &error))
    {
      _pb_window_show_error (self, _("The Profile Could Not Be Opened"), error->message);
      return;
    }

  /* Translators: "Imported into “Example” as revision 3". */
  message = g_strdup_printf (_("Imported into “%s” as revision %u"), profile_name, revision_number);
  _pb_window_toast (self, message);
}

GtkWidget *
_pb_window_present_import (PbWindow        *self,
                           PbConfiguration *imported,
                           const char      *file_display_name)
{
  PbProfile *profile = self->session ? pb_session_get_profile (self->session) : NULL;
  GtkWidget *dialog;

  dialog = pb_import_dialog_new (GTK_WINDOW (self), self->store, self->session,
                                 profile ? pb_profile_get_name (profile) : NULL,
                                 imported, file_display_name);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));

  return dialog;
}

/* win.import */

/* A sentence first; what the file loader found (a line and column, in
 * its words) under it, secondary and selectable, for a bug report or to
 * find the place in the file. */
static void
show_import_error (PbWindow     *self,
                   const char   *display_name,
                   const GError *error)
{
  /* Translators: a dialog heading; %s is a file name. */
  g_autofree char *heading = g_strdup_printf (_("Cannot Import “%s”"), display_name);
  g_autofree char *details = pb_ui_dup_display_text (error->message);
  const char *body;
  GtkWidget *dialog;
  GtkWidget *label;

  if (g_error_matches (error, PB_ERROR, PB_ERROR_UNSUPPORTED_VERSION))
    body = _("The file was written by a newer version of Presence Bridge. Nothing was imported.");
  else if (g_error_matches (error, PB_ERROR, PB_ERROR_INVALID_FILE))
    body = _("The file is not a configuration that Presence Bridge can read. Nothing was imported.");
  else
    body = _("The file could not be read. Nothing was imported.");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  label = gtk_label_new (details);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "dim-label");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));
}

static void
load_file_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PbWindow *self = PB_WINDOW (object);
  g_autoptr(GFile) file = user_data;
  g_autofree char *display_name = dup_display_name (file);
  g_autoptr(PbConfiguration) imported = NULL;
  g_autoptr(GError) error = NULL;

  imported = pb_ui_load_file_finish (result, &error);
  if (self->store == NULL)
    return;

  if (imported == NULL)
    {
      show_import_error (self, display_name, error);
      return;
    }

  _pb_window_present_import (self, imported, display_name);
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    PbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      pb_ui_load_file_async (self, file, (PbUiLoadPathFunc)pb_config_file_load_path,
                             _("Only local files can be imported"), NULL, load_file_done, file);
    }

  g_object_unref (chooser);
}

static void
pb_window_import_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = json_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import a Configuration"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GtkWidget *
pb_window_import_from_file (PbWindow  *self,
                            GFile     *file,
                            GError   **error)
{
  g_autoptr(PbConfiguration) imported = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (self->store == NULL)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_STORE_FAILED, _("No store is open"));
      return NULL;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_FILE, _("Only local files can be imported"));
      return NULL;
    }

  display_name = dup_display_name (file);
  imported = pb_config_file_load_path (path, &local_error);
  if (imported == NULL)
    {
      show_import_error (self, display_name, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return _pb_window_present_import (self, imported, display_name);
}

/* win.export */

static void
toast_exported (PbWindow *self,
                GFile    *file)
{
  g_autofree char *display_name = dup_display_name (file);
  /* Translators: a toast after exporting; %s is a file name. */
  g_autofree char *message = g_strdup_printf (_("Exported to %s"), display_name);

  _pb_window_toast (self, message);
}

typedef struct
{
  GFile           *file;
  PbConfiguration *configuration;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->file);
  g_clear_object (&job->configuration);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autofree char *path = g_file_get_path (job->file);
  GError *error = NULL;

  if (path == NULL)
    g_task_return_new_error (task, PB_ERROR, PB_ERROR_INVALID_FILE, "%s", _("Only local files can be written"));
  else if (!pb_config_file_save_path (job->configuration, path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PbWindow *self = PB_WINDOW (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->store != NULL)
        _pb_window_show_error (self, _("The Configuration Could Not Be Exported"), error->message);
      return;
    }

  if (self->store != NULL)
    toast_exported (self, job->file);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    PbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && pb_window_get_draft (self) != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, export_done, NULL);
      ExportJob *job = g_new0 (ExportJob, 1);

      job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      job->configuration = pb_configuration_copy (pb_window_get_draft (self));
      g_task_set_source_tag (task, export_response_cb);
      g_task_set_task_data (task, job, export_job_free);
      g_task_run_in_thread (task, export_thread);
    }

  g_object_unref (chooser);
}

static void
pb_window_export_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = json_filter_new ();
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export the Configuration"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* A file name cannot hold a slash; a profile name can. */
  name = g_strdup_printf ("%s.config.json", pb_profile_get_name (pb_window_get_profile (self)));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
pb_window_export_to_file (PbWindow  *self,
                          GFile     *file,
                          GError   **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (pb_window_get_draft (self) == NULL)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_NOT_FOUND, _("There is nothing to export"));
      return FALSE;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_INVALID_FILE, _("Only local files can be written"));
      return FALSE;
    }

  if (!pb_config_file_save_path (pb_window_get_draft (self), path, error))
    return FALSE;

  toast_exported (self, file);
  return TRUE;
}

void
_pb_window_class_files_init (PbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, pb_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, pb_window_export_action);
}
