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
profile_marked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;

  /* Not remembering it costs only the choice at the next start. */
  pb_store_mark_profile_opened_finish (PB_STORE (object), result, NULL);
  _pb_window_release (self);
}

static void
profile_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  PbSession *session = PB_SESSION (object);
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  loaded = pb_session_load_finish (session, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (session);
      return;
    }

  g_clear_object (&self->load_cancellable);
  _pb_window_release (self);

  if (!loaded)
    {
      _pb_window_show_error (self, _("The Profile Could Not Be Opened"), error->message);
      g_object_unref (session);
      _pb_window_update_main_page (self);
      return;
    }

  _pb_window_set_session (self, session);
  g_object_unref (session);
  _pb_window_reload_profiles (self);

  /* The store remembers which profile was open: the next start opens it
   * again, whatever GSettings can keep. */
  _pb_window_hold (self);
  pb_store_mark_profile_opened_async (self->store, pb_session_get_profile (self->session), NULL,
                                      profile_marked_cb, g_object_ref (self));
}

void
_pb_window_load_profile (PbWindow  *self,
                         PbProfile *profile)
{
  PbSession *session;

  g_return_if_fail (PB_IS_PROFILE (profile));

  /* The last profile asked for is the one that opens. */
  if (self->load_cancellable != NULL)
    {
      g_cancellable_cancel (self->load_cancellable);
      g_clear_object (&self->load_cancellable);
      _pb_window_release (self);
    }

  /* The session's reads are queued after every write the store was given
   * (the edits of the profile being left among them). */
  self->load_cancellable = g_cancellable_new ();
  _pb_window_hold (self);
  session = pb_session_new (self->store, profile);
  pb_session_load_async (session, self->load_cancellable, profile_loaded_cb, g_object_ref (self));
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
  PbProfile *current = self->session ? pb_session_get_profile (self->session) : NULL;

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

/* The profile to open: the one asked for, else the one open last (the
 * store keeps it), else the default, else the first: a store with
 * profiles never opens on an empty window. */
PbProfile *
_pb_window_choose_profile (PbStore    *store,
                           const char *profile_name)
{
  PbProfile *profile = NULL;

  if (profile_name != NULL && profile_name[0] != '\0')
    profile = pb_store_lookup_profile (store, profile_name, NULL);
  if (profile == NULL)
    profile = pb_store_get_startup_profile (store, NULL);

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

/* win.load-example: the import policy of the CLI and the import dialog
 * (PbImportPlan), into a profile named "Example". */

static void
example_applied_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(PbProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  pb_import_plan_apply_finish (PB_IMPORT_PLAN (object), result, NULL, &profile, &error);
  _pb_window_release (self);
  if (self->store == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (profile == NULL)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-example", TRUE);
      _pb_window_show_error (self, _("The Worked Example Could Not Be Loaded"), error->message);
      return;
    }

  _pb_window_load_profile (self, profile);
  _pb_window_toast (self, _("Loaded the worked example"));
}

static void
example_planned_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(PbImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = pb_import_plan_new_finish (result, &error);
  if (plan == NULL || self->store == NULL)
    {
      _pb_window_release (self);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-example", TRUE);
      if (error != NULL)
        _pb_window_show_error (self, _("The Worked Example Could Not Be Loaded"), error->message);
      return;
    }

  pb_import_plan_apply_async (plan, self->store, _("The worked example"), 0, NULL,
                              example_applied_cb, g_object_ref (self));
}

static void
pb_window_load_example_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConfiguration) example = NULL;

  bytes = g_resources_lookup_data (WORKED_EXAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  example = bytes ? pb_config_file_load_bytes (bytes, &error) : NULL;
  if (example == NULL)
    {
      _pb_window_show_error (self, _("The Worked Example Could Not Be Loaded"), error->message);
      return;
    }

  gtk_widget_action_set_enabled (widget, "win.load-example", FALSE);
  _pb_window_hold (self);
  /* Translators: the name of the profile the worked example is loaded into. */
  pb_import_plan_new_async (self->store, C_("profile name", "Example"), example, NULL,
                            example_planned_cb, g_object_ref (self));
}

void
_pb_window_class_profiles_init (PbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-profile", NULL, pb_window_new_profile_action);
  gtk_widget_class_install_action (widget_class, "win.load-example", NULL, pb_window_load_example_action);
}
