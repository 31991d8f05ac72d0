/* pb-window-actions.c: every win.* action, and when each can be used
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-history-dialog.h"
#include "pb-window-private.h"

#define WORKED_EXAMPLE_RESOURCE "/io/github/presencebridge/PresenceBridge/worked-example.config.json"

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

/* win.save */

static void
save_response_cb (PbWindow         *self,
                  const char       *response,
                  AdwMessageDialog *dialog)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  _pb_window_save_revision (self, gtk_editable_get_text (GTK_EDITABLE (entry)), FALSE);
}

static void
pb_window_save_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (_pb_window_refuse_save (self))
    return;

  body = g_strdup_printf (_("The draft of “%s” is recorded in its history as a new revision."),
                          pb_profile_get_name (self->profile));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Revision"), body);

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Comment (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comment"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response::save", G_CALLBACK (save_response_cb), self, G_CONNECT_SWAPPED);

  _pb_window_present_dialog (self, GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* win.undo, win.redo */

static void
pb_window_undo_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->undo_stack != NULL && pb_undo_stack_undo (self->undo_stack))
    pb_window_refresh_now (self);
}

static void
pb_window_redo_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->undo_stack != NULL && pb_undo_stack_redo (self->undo_stack))
    pb_window_refresh_now (self);
}

/* win.find */

static void
pb_window_find_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* win.import */

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  GError *error = NULL;
  PbConfiguration *imported;

  if (path == NULL)
    {
      g_task_return_new_error (task, PB_ERROR, PB_ERROR_INVALID_FILE, "%s",
                               _("Only local files can be imported"));
      return;
    }

  imported = pb_config_file_load_path (path, &error);
  if (imported == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, imported, g_object_unref);
}

static void
load_file_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PbWindow *self = PB_WINDOW (object);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autofree char *display_name = dup_display_name (file);
  g_autoptr(PbConfiguration) imported = NULL;
  g_autoptr(GError) error = NULL;

  imported = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->store == NULL)
    return;

  if (imported == NULL)
    {
      /* Translators: a dialog heading; %s is a file name. */
      g_autofree char *heading = g_strdup_printf (_("Cannot Import “%s”"), display_name);

      _pb_window_show_error (self, heading, error->message);
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
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GTask) task = g_task_new (self, NULL, load_file_done, NULL);

      g_task_set_source_tag (task, import_response_cb);
      g_task_set_task_data (task, g_steal_pointer (&file), g_object_unref);
      g_task_run_in_thread (task, load_file_thread);
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

  imported = pb_config_file_load_path (path, error);
  if (imported == NULL)
    return NULL;

  display_name = dup_display_name (file);
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
  if (response == GTK_RESPONSE_ACCEPT && self->draft != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, export_done, NULL);
      ExportJob *job = g_new0 (ExportJob, 1);

      job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      job->configuration = pb_configuration_copy (self->draft);
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
  name = g_strdup_printf ("%s.config.json", pb_profile_get_name (self->profile));
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

  if (self->draft == NULL)
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

  if (!pb_config_file_save_path (self->draft, path, error))
    return FALSE;

  toast_exported (self, file);
  return TRUE;
}

/* win.history */

static void
restored_cb (PbWindow  *self,
             guint      revision_number,
             GtkWidget *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autoptr(PbProfile) profile = NULL;

  if (self->profile == NULL)
    return;

  profile = g_object_ref (self->profile);
  if (!_pb_window_load_profile (self, profile, &error))
    {
      _pb_window_show_error (self, _("The Profile Could Not Be Opened"), error->message);
      return;
    }

  message = g_strdup_printf (_("Restored as revision %u"), revision_number);
  _pb_window_toast (self, message);
}

static void
pb_window_history_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkWidget *dialog;

  /* The dialog reads and restores revisions itself: our writes go first. */
  _pb_window_flush_draft (self);

  dialog = pb_history_dialog_new (GTK_WINDOW (self), self->store, self->profile);
  g_signal_connect_object (dialog, "restored", G_CALLBACK (restored_cb), self, G_CONNECT_SWAPPED);
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));
}

/* win.new-profile */

static gboolean
profile_name_is_free (PbWindow   *self,
                      const char *name)
{
  guint n = self->profiles ? g_list_model_get_n_items (self->profiles) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbProfile) profile = g_list_model_get_item (self->profiles, i);

      if (g_strcmp0 (pb_profile_get_name (profile), name) == 0)
        return FALSE;
    }

  return TRUE;
}

static void
new_profile_changed_cb (AdwMessageDialog *dialog,
                        GtkEditable      *entry)
{
  PbWindow *self = PB_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gboolean usable = name[0] != '\0' && profile_name_is_free (self, name);

  adw_message_dialog_set_response_enabled (dialog, "create", usable);
  if (name[0] != '\0' && !usable)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
new_profile_response_cb (PbWindow         *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(PbProfile) profile = pb_profile_new (name);
  g_autoptr(PbProfile) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  added = pb_store_add_profile (self->store, profile, &error);
  if (added == NULL || !_pb_window_load_profile (self, added, &error))
    {
      _pb_window_show_error (self, _("The Profile Could Not Be Created"), error->message);
      return;
    }

  message = g_strdup_printf (_("Created the profile “%s”"), name);
  _pb_window_toast (self, message);
}

static void
pb_window_new_profile_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Profile"),
                                   _("A profile holds one connection: a platform account and a Salesforce org, "
                                     "with its own draft and history."));

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name, for example “Production”"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Profile name"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_object (entry, "changed", G_CALLBACK (new_profile_changed_cb), dialog, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response::create", G_CALLBACK (new_profile_response_cb),
                           self, G_CONNECT_SWAPPED);

  _pb_window_present_dialog (self, GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* win.load-example */

typedef struct
{
  PbStore         *store;
  PbConfiguration *example;
} ExampleJob;

static void
example_job_free (gpointer data)
{
  ExampleJob *job = data;

  g_clear_object (&job->store);
  g_clear_object (&job->example);
  g_free (job);
}

static void
load_example_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ExampleJob *job = task_data;
  PbProfile *profile = NULL;
  GError *error = NULL;

  /* Translators: the name of the profile the worked example is loaded into. */
  if (pb_store_import (job->store, C_("profile name", "Example"), job->example,
                       _("The worked example"), NULL, &profile, &error) == 0)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, profile, g_object_unref);
}

static void
load_example_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PbWindow *self = PB_WINDOW (object);
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = g_task_propagate_pointer (G_TASK (result), &error);
  _pb_window_release (self);

  if (self->store == NULL)
    return;

  if (profile == NULL || !_pb_window_load_profile (self, profile, &error))
    {
      _pb_window_show_error (self, _("The Worked Example Could Not Be Loaded"), error->message);
      return;
    }

  _pb_window_toast (self, _("Loaded the worked example"));
}

static void
pb_window_load_example_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  ExampleJob *job;

  bytes = g_resources_lookup_data (WORKED_EXAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  job = g_new0 (ExampleJob, 1);
  job->example = bytes ? pb_config_file_load_bytes (bytes, &error) : NULL;
  if (job->example == NULL)
    {
      example_job_free (job);
      _pb_window_show_error (self, _("The Worked Example Could Not Be Loaded"), error->message);
      return;
    }
  job->store = g_object_ref (self->store);

  gtk_widget_action_set_enabled (widget, "win.load-example", FALSE);

  task = g_task_new (self, NULL, load_example_done, NULL);
  g_task_set_source_tag (task, pb_window_load_example_action);
  g_task_set_task_data (task, job, example_job_free);

  _pb_window_hold (self);
  pb_store_queue_run (self->queue, task, load_example_thread);
}

/* win.show-problems, win.focus-statuses, win.focus-states */

static void
pb_window_show_problems_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  if (self->findings != NULL && g_list_model_get_n_items (self->findings) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->problems_list));
}

static void
pb_window_focus_grid_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkWidget *list = g_str_equal (action_name, "win.focus-statuses") ? GTK_WIDGET (self->status_list)
                                                                    : GTK_WIDGET (self->state_list);

  if (self->folded)
    adw_flap_set_reveal_flap (self->flap, FALSE);
  gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD);
}

/* win.fetch, win.publish: the seams for the remote side. Until a platform
 * and an org can be connected they stay disabled; the buttons' tooltips
 * say why. */

static void
pb_window_remote_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  g_warn_if_reached ();
}

void
_pb_window_class_actions_init (PbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, pb_window_save_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, pb_window_undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, pb_window_redo_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, pb_window_find_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, pb_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, pb_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, pb_window_history_action);
  gtk_widget_class_install_action (widget_class, "win.new-profile", NULL, pb_window_new_profile_action);
  gtk_widget_class_install_action (widget_class, "win.load-example", NULL, pb_window_load_example_action);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, pb_window_show_problems_action);
  gtk_widget_class_install_action (widget_class, "win.focus-statuses", NULL, pb_window_focus_grid_action);
  gtk_widget_class_install_action (widget_class, "win.focus-states", NULL, pb_window_focus_grid_action);
  gtk_widget_class_install_action (widget_class, "win.fetch", NULL, pb_window_remote_action);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, pb_window_remote_action);
}

void
_pb_window_actions_update (PbWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_store = self->store != NULL;
  gboolean has_draft = self->draft != NULL && self->profile != NULL;
  guint errors = self->findings ? pb_checks_count (self->findings, PB_SEVERITY_ERROR) : 0;

  gtk_widget_action_set_enabled (widget, "win.save", has_draft && self->has_unsaved_changes);
  gtk_widget_action_set_enabled (widget, "win.undo",
                                 self->undo_stack != NULL && pb_undo_stack_get_can_undo (self->undo_stack));
  gtk_widget_action_set_enabled (widget, "win.redo",
                                 self->undo_stack != NULL && pb_undo_stack_get_can_redo (self->undo_stack));
  gtk_widget_action_set_enabled (widget, "win.find", has_draft);
  gtk_widget_action_set_enabled (widget, "win.import", has_store);
  gtk_widget_action_set_enabled (widget, "win.export", has_draft);
  gtk_widget_action_set_enabled (widget, "win.history", has_draft);
  gtk_widget_action_set_enabled (widget, "win.new-profile", has_store);
  gtk_widget_action_set_enabled (widget, "win.load-example", has_store);
  gtk_widget_action_set_enabled (widget, "win.show-problems", has_draft);
  gtk_widget_action_set_enabled (widget, "win.focus-statuses", has_draft);
  gtk_widget_action_set_enabled (widget, "win.focus-states", has_draft);
  gtk_widget_action_set_enabled (widget, "win.fetch", FALSE);
  gtk_widget_action_set_enabled (widget, "win.publish", FALSE);

  /* Save stays clickable with errors (it explains them); say so up front. */
  if (has_draft && errors > 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                                 _("The configuration has errors: fix them to save (see Problems)"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                                 _("Save the draft as a revision (Ctrl+S)"));
}
