/* pb-window-profiles.c: which profile the window has open, and
 * win.new-profile and win.load-example, which add one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-window-private.h"

#define WORKED_EXAMPLE_RESOURCE "/io/github/presencebridge/PresenceBridge/worked-example.config.json"

static void
profile_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(PbWindowDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  document = pb_window_document_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);
  _pb_window_release (self);

  if (document == NULL)
    {
      _pb_window_show_error (self, _("The Profile Could Not Be Opened"), error->message);
      return;
    }

  _pb_window_set_document (self, document);
  _pb_window_reload_profiles (self);

  settings = _pb_window_get_settings (self);
  if (settings != NULL)
    g_settings_set_string (settings, "last-profile", pb_profile_get_name (pb_window_document_get_profile (document)));
}

void
_pb_window_load_profile (PbWindow  *self,
                         PbProfile *profile)
{
  g_return_if_fail (PB_IS_PROFILE (profile));

  /* The edits of the profile being left reach the store first (the load
   * is queued after them). */
  if (self->document != NULL)
    {
      pb_window_document_ensure_refreshed (self->document);
      pb_window_document_autosave (self->document);
    }

  /* The last profile asked for is the one that opens. */
  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
      _pb_window_release (self);
    }

  self->load_cancellable = g_cancellable_new ();
  _pb_window_hold (self);
  pb_window_document_load_async (self->store, self->queue, profile, self->load_cancellable,
                                 profile_loaded_cb, g_object_ref (self));
}

gboolean
pb_window_open_profile (PbWindow    *self,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(PbProfile) profile = NULL;

  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, PB_ERROR, PB_ERROR_STORE_FAILED, _("No store is open"));
      return FALSE;
    }

  profile = pb_store_lookup_profile (self->store, name, error);
  if (profile == NULL)
    return FALSE;

  _pb_window_load_profile (self, profile);
  return TRUE;
}

void
_pb_window_reload_profiles (PbWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) profiles = NULL;

  if (self->store == NULL)
    return;

  profiles = pb_store_list_profiles (self->store, &error);
  if (profiles == NULL)
    {
      _pb_window_toast (self, error->message);
      return;
    }

  g_set_object (&self->profiles, profiles);
  pb_profile_switcher_set_profiles (self->profile_switcher, profiles);
}

static gboolean
switch_profile_cb (gpointer user_data)
{
  PbWindow *self = user_data;
  g_autoptr(PbProfile) profile = g_steal_pointer (&self->pending_profile);
  PbProfile *current = self->document ? pb_window_document_get_profile (self->document) : NULL;

  self->switch_profile_source = 0;

  if (profile != NULL && self->store != NULL &&
      (current == NULL || pb_profile_get_id (profile) != pb_profile_get_id (current)))
    _pb_window_load_profile (self, profile);

  return G_SOURCE_REMOVE;
}

/* Loading a profile refills the switcher itself: that waits until the
 * switcher is done handling the choice. */
void
_pb_window_profile_chosen_cb (PbWindow          *self,
                              PbProfile         *profile,
                              PbProfileSwitcher *switcher)
{
  g_set_object (&self->pending_profile, profile);
  if (self->switch_profile_source == 0)
    self->switch_profile_source = g_idle_add (switch_profile_cb, self);
}

/* The profile to open: the one asked for, else the store's default, else
 * the first: a store with profiles never opens on an empty window. */
PbProfile *
_pb_window_choose_profile (PbStore    *store,
                           const char *profile_name)
{
  g_autoptr(GListModel) profiles = NULL;
  PbProfile *profile = NULL;

  if (profile_name != NULL && profile_name[0] != '\0')
    profile = pb_store_lookup_profile (store, profile_name, NULL);
  if (profile == NULL)
    profile = pb_store_get_default_profile (store, NULL);
  if (profile == NULL)
    {
      profiles = pb_store_list_profiles (store, NULL);
      if (profiles != NULL && g_list_model_get_n_items (profiles) > 0)
        profile = g_list_model_get_item (profiles, 0);
    }

  return profile;
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
  if (added == NULL)
    {
      _pb_window_show_error (self, _("The Profile Could Not Be Created"), error->message);
      return;
    }
  _pb_window_load_profile (self, added);

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

  if (profile == NULL)
    {
      _pb_window_show_error (self, _("The Worked Example Could Not Be Loaded"), error->message);
      return;
    }
  _pb_window_load_profile (self, profile);

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

void
_pb_window_class_profiles_init (PbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-profile", NULL, pb_window_new_profile_action);
  gtk_widget_class_install_action (widget_class, "win.load-example", NULL, pb_window_load_example_action);
}
