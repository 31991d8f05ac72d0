/* pb-window-actions.c: every win.* action, and when each can be used
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-history-dialog.h"
#include "pb-promote-dialog.h"
#include "pb-ui-util.h"
#include "pb-window-private.h"

/* win.save */

static void
show_first_error_cb (PbWindow         *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  GListModel *findings = pb_window_get_findings (self);
  guint n = findings ? g_list_model_get_n_items (findings) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);

      if (pb_finding_get_severity (finding) == PB_SEVERITY_ERROR)
        {
          pb_window_focus_subject (self, pb_finding_get_subject (finding),
                                   pb_finding_get_subject_id (finding));
          return;
        }
    }
}

gboolean
_pb_window_refuse_save (PbWindow *self)
{
  g_autoptr(GString) body = NULL;
  GListModel *findings;
  GtkWidget *dialog;
  guint errors;
  guint n;

  /* The checks of the draft as it is this moment. */
  pb_session_refresh_now (self->session);
  errors = pb_session_get_n_errors (self->session);
  if (errors == 0)
    return FALSE;

  body = g_string_new (ngettext ("The configuration has an error. Fix it before saving:",
                                 "The configuration has errors. Fix them before saving:", errors));
  g_string_append_c (body, '\n');

  findings = pb_session_get_findings (self->session);
  n = g_list_model_get_n_items (findings);
  for (guint i = 0, shown = 0; i < n && shown < 5; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *message = NULL;

      if (pb_finding_get_severity (finding) != PB_SEVERITY_ERROR)
        continue;
      message = pb_ui_dup_display_text (pb_finding_get_message (finding));
      g_string_append_printf (body, "\n• %s", message);
      shown++;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Save Yet"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "show", _("_Show the Problem"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "show", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "show");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response::show", G_CALLBACK (show_first_error_cb),
                           self, G_CONNECT_SWAPPED);
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));

  return TRUE;
}

typedef struct
{
  PbWindow *window;
  gboolean  close_after;
} SaveRequest;

static void
save_revision_done (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PbSession *session = PB_SESSION (object);
  SaveRequest *request = user_data;
  g_autoptr(PbWindow) self = request->window;
  gboolean close_after = request->close_after;
  g_autoptr(GError) error = NULL;
  guint number;

  g_free (request);
  number = pb_session_save_finish (session, result, &error);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (number == 0)
    {
      _pb_window_show_error (self, _("The Revision Could Not Be Saved"), error->message);
      return;
    }

  if (session == self->session)
    {
      g_autofree char *message = g_strdup_printf (_("Saved revision %u"), number);

      _pb_window_toast (self, message);
    }

  if (close_after)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

void
_pb_window_save_revision (PbWindow   *self,
                          const char *comment,
                          gboolean    close_after)
{
  SaveRequest *request;

  if (self->session == NULL || _pb_window_refuse_save (self))
    return;

  request = g_new0 (SaveRequest, 1);
  request->window = g_object_ref (self);
  request->close_after = close_after;
  pb_session_save_async (self->session, comment, NULL, save_revision_done, request);
}

static void
comment_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PbWindow         *self)
{
  PbWindowCommentFunc callback = g_object_get_data (G_OBJECT (dialog), "pb-comment-func");
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  callback (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

void
_pb_window_ask_comment (PbWindow            *self,
                        const char          *heading,
                        const char          *body,
                        const char          *response_label,
                        PbWindowCommentFunc  callback)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Comment (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comment"),
                                  -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "accept", response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "pb-comment-func", callback);
  g_signal_connect_object (dialog, "response::accept", G_CALLBACK (comment_response_cb), self, 0);

  _pb_window_present_dialog (self, GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
save_with_comment (PbWindow   *self,
                   const char *comment)
{
  _pb_window_save_revision (self, comment, FALSE);
}

static void
pb_window_save_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  g_autofree char *body = NULL;

  if (_pb_window_refuse_save (self))
    return;

  body = g_strdup_printf (_("The draft of “%s” is recorded in its history as a new revision."),
                          pb_profile_get_name (pb_window_get_profile (self)));
  _pb_window_ask_comment (self, _("Save Revision"), body, _("_Save"), save_with_comment);
}

/* win.undo, win.redo */

static void
pb_window_undo_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->session != NULL)
    pb_session_undo (self->session);
}

static void
pb_window_redo_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->session != NULL)
    pb_session_redo (self->session);
}

/* win.find */

static void
pb_window_find_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  pb_search_bar_start (self->search_bar);
}

/* Closing: every edit reaches the store's draft before the window goes;
 * the question is only whether to record a revision as well. */

static void
close_flushed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  _pb_window_release (self);
  if (!pb_session_flush_finish (PB_SESSION (object), result, &error))
    {
      g_autofree char *message = NULL;

      if (gtk_widget_in_destruction (GTK_WIDGET (self)))
        return;
      /* The edits are still here, and retried: closing now would lose
       * them. */
      gtk_widget_set_sensitive (adw_toast_overlay_get_child (self->toast_overlay), TRUE);
      if (self->toast != NULL)
        adw_toast_dismiss (self->toast);
      message = g_strdup_printf (_("%s\n\nThe edits are kept in this window and saved as soon as the store "
                                   "can take them. Close again to try once more."),
                                 error->message);
      _pb_window_show_error (self, _("The Draft Could Not Be Saved"), message);
      return;
    }

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* "Keep as Draft", and closing with nothing unsaved: once the draft is
 * written. */
static void
close_after_flush (PbWindow *self)
{
  /* An edit made now would come after the flush, and be lost with the
   * window: none until it closes (or cannot). */
  gtk_widget_set_sensitive (adw_toast_overlay_get_child (self->toast_overlay), FALSE);

  /* A store another program holds can take seconds to answer: say why
   * the window is still here. */
  if (pb_session_get_busy (self->session))
    {
      AdwToast *toast = adw_toast_new (_("Saving the draft: the window closes once the draft is saved"));

      adw_toast_set_timeout (toast, 0);
      _pb_window_add_toast (self, toast);
    }

  _pb_window_hold (self);
  pb_session_flush_async (self->session, NULL, close_flushed_cb, g_object_ref (self));
}

static gboolean
close_after_flush_cb (gpointer user_data)
{
  PbWindow *self = user_data;

  if (self->session != NULL)
    close_after_flush (self);
  return G_SOURCE_REMOVE;
}

static void
close_response_cb (PbWindow         *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  /* Once the dialog is gone: it is transient for this window, and would
   * otherwise outlive it (the criticals every quit printed). */
  if (g_strcmp0 (response, "keep") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_after_flush_cb, g_object_ref (self), g_object_unref);
  else if (g_strcmp0 (response, "save") == 0)
    {
      _pb_window_save_revision (self, NULL, TRUE);
    }
}

static void
save_window_state (PbWindow *self)
{
  GSettings *settings = _pb_window_get_settings (self);
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

gboolean
_pb_window_ask_before_closing (PbWindow *self)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->session == NULL || self->close_confirmed)
    {
      save_window_state (self);
      return FALSE;
    }

  /* What is unsaved is known only once the checks saw the last edit. */
  pb_session_refresh_now (self->session);

  if (!pb_session_get_has_unsaved_changes (self->session))
    {
      if (!pb_session_get_busy (self->session))
        {
          save_window_state (self);
          return FALSE;
        }
      close_after_flush (self);
      return TRUE;
    }

  body = g_strdup_printf (_("The draft of “%s” has changes that are not saved as a revision. "
                            "The draft itself is kept either way and opens again next time."),
                          pb_profile_get_name (pb_session_get_profile (self->session)));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save a Revision Before Closing?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep as Draft"),
                                    "save", _("_Save Revision"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, G_CONNECT_SWAPPED);
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));

  return TRUE;
}

/* win.history */

static void
restored_cb (PbWindow  *self,
             guint      revision_number,
             GtkWidget *dialog)
{
  g_autofree char *message = NULL;

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

  dialog = pb_history_dialog_new (GTK_WINDOW (self), self->session);
  g_signal_connect_object (dialog, "restored", G_CALLBACK (restored_cb), self, G_CONNECT_SWAPPED);
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));
}

/* win.promote */

static void
open_promoted_cb (PbWindow *self,
                  AdwToast *toast)
{
  g_autoptr(GError) error = NULL;

  if (!pb_window_open_profile (self, g_object_get_data (G_OBJECT (toast), "profile-name"), &error))
    _pb_window_show_error (self, _("The Profile Could Not Be Opened"), error->message);
}

static void
promoted_cb (PbWindow   *self,
             guint       revision_number,
             const char *target_name,
             GtkWidget  *dialog)
{
  g_autofree char *shown = pb_ui_dup_display_text (target_name);
  /* A toast's title is markup in libadwaita 1.2: the name is escaped. */
  g_autofree char *escaped = g_markup_escape_text (shown, -1);
  g_autofree char *message = g_strdup_printf (_("Promoted to “%s” as revision %u"), escaped, revision_number);
  AdwToast *toast = adw_toast_new (message);

  /* Shown at once, ahead of any older toast: it offers what to do next. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "profile-name", g_strdup (target_name), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_promoted_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
pb_window_promote_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  GtkWidget *dialog;

  dialog = pb_promote_dialog_new (GTK_WINDOW (self), pb_window_get_store (self), pb_window_get_profile (self),
                                  pb_window_get_draft (self));
  g_signal_connect_object (dialog, "promoted", G_CALLBACK (promoted_cb), self, G_CONNECT_SWAPPED);
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));
}

/* win.show-problems, win.show-preview, win.show-simulation, win.focus-statuses,
 * win.focus-states */

static void
pb_window_show_problems_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_stack_set_visible_child_name (self->side_stack, "problems");
  pb_problems_panel_focus (self->problems_panel);
}

static void
pb_window_show_preview_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_stack_set_visible_child_name (self->side_stack, "preview");
  gtk_widget_child_focus (GTK_WIDGET (self->preview_panel), GTK_DIR_TAB_FORWARD);
}

static void
pb_window_show_simulation_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_stack_set_visible_child_name (self->side_stack, "simulation");
  pb_simulation_panel_focus (self->simulation_panel);
}

static void
pb_window_focus_grid_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->folded)
    adw_flap_set_reveal_flap (self->flap, FALSE);
  pb_mapping_grid_focus (g_str_equal (action_name, "win.focus-statuses") ? self->status_grid : self->state_grid);
}

/* win.show-help-overlay: the shortcuts window is built when first asked
 * for, not with every window. */

static void
pb_window_show_help_overlay_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/presencebridge/PresenceBridge/pb-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_set_focus_visible (GTK_WINDOW (overlay), gtk_window_get_focus_visible (GTK_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (overlay));
}

void
_pb_window_class_actions_init (PbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  _pb_window_class_files_init (klass);
  _pb_window_class_profiles_init (klass);
  _pb_window_class_remote_init (klass);

  gtk_widget_class_install_action (widget_class, "win.save", NULL, pb_window_save_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, pb_window_undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, pb_window_redo_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, pb_window_find_action);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, pb_window_history_action);
  gtk_widget_class_install_action (widget_class, "win.promote", NULL, pb_window_promote_action);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, pb_window_show_problems_action);
  gtk_widget_class_install_action (widget_class, "win.show-preview", NULL, pb_window_show_preview_action);
  gtk_widget_class_install_action (widget_class, "win.show-simulation", NULL, pb_window_show_simulation_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, pb_window_show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.focus-statuses", NULL, pb_window_focus_grid_action);
  gtk_widget_class_install_action (widget_class, "win.focus-states", NULL, pb_window_focus_grid_action);
}

void
_pb_window_actions_update (PbWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_store = self->store != NULL;
  gboolean has_draft = self->session != NULL;
  GListModel *findings = has_draft && self->refreshed ? pb_session_get_findings (self->session) : NULL;
  guint errors = findings != NULL ? pb_checks_count (findings, PB_SEVERITY_ERROR) : 0;

  gtk_widget_action_set_enabled (widget, "win.save",
                                 has_draft && pb_session_get_has_unsaved_changes (self->session));
  gtk_widget_action_set_enabled (widget, "win.undo", has_draft && pb_session_get_can_undo (self->session));
  gtk_widget_action_set_enabled (widget, "win.redo", has_draft && pb_session_get_can_redo (self->session));
  gtk_widget_action_set_enabled (widget, "win.find", has_draft);
  gtk_widget_action_set_enabled (widget, "win.import", has_store);
  gtk_widget_action_set_enabled (widget, "win.export", has_draft);
  gtk_widget_action_set_enabled (widget, "win.history", has_draft);
  gtk_widget_action_set_enabled (widget, "win.promote", has_draft);
  gtk_widget_action_set_enabled (widget, "win.new-profile", has_store);
  gtk_widget_action_set_enabled (widget, "win.load-example", has_store);
  gtk_widget_action_set_enabled (widget, "win.show-problems", has_draft);
  gtk_widget_action_set_enabled (widget, "win.show-preview", has_draft);
  gtk_widget_action_set_enabled (widget, "win.show-simulation", has_draft);
  gtk_widget_action_set_enabled (widget, "win.focus-statuses", has_draft);
  gtk_widget_action_set_enabled (widget, "win.focus-states", has_draft);

  /* Save stays clickable with errors (it explains them); say so up front. */
  pb_ui_set_tooltip (GTK_WIDGET (self->save_button),
                     has_draft && errors > 0
                     ? _("The configuration has errors: fix them to save (see Problems)")
                     : _("Save the draft as a revision (Ctrl+S)"));
}
