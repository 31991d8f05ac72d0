/* pb-window-sign-in.c: signing in to Salesforce and out, and the
 * profile's connection settings — the window's side of PbRemote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-connection-dialog.h"
#include "pb-window-private.h"

/* Signed in or not: the menu offers the other. */

static void
signed_in_known_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  gboolean signed_in = FALSE;

  if (!pb_remote_is_signed_in_finish (PB_REMOTE (object), result, &signed_in, NULL))
    signed_in = FALSE;
  _pb_window_release (self);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) ||
      self->sync == NULL || pb_profile_sync_get_remote (self->sync) != PB_REMOTE (object))
    return;

  self->signed_in = signed_in;
  _pb_window_remote_update (self);
}

/* The menu keeps what it offers until the keyring answers (a fetch
 * changing the profile's org must not hide Sign Out for a moment). */
static void
query_signed_in (PbWindow *self)
{
  if (self->sync == NULL)
    return;

  _pb_window_hold (self);
  pb_remote_is_signed_in_async (pb_profile_sync_get_remote (self->sync), NULL,
                                signed_in_known_cb, g_object_ref (self));
}

/* win.connection */

static void
connection_saved_cb (PbWindow           *self,
                     PbProfile          *profile,
                     PbConnectionDialog *dialog)
{
  g_autofree char *message = NULL;

  /* Translators: a toast; %s is a profile name */
  message = g_strdup_printf (_("Saved the connection of “%s”"), pb_profile_get_name (profile));
  _pb_window_toast (self, message);
  query_signed_in (self);
  _pb_window_remote_update (self);
}

static void
pb_window_connection_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  PbConnectionDialog *dialog;

  if (self->session == NULL)
    return;

  dialog = pb_connection_dialog_new (GTK_WINDOW (self), self->session);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (connection_saved_cb), self, G_CONNECT_SWAPPED);
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));
}

/* win.sign-in, win.sign-out */

/* No browser could show the page (none installed, a headless machine):
 * the address, to open by hand; the sign-in still waits for it. */
static void
uri_shown_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *url;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) || self->sign_in_dialog == NULL)
    return;

  url = g_object_get_data (G_OBJECT (self->sign_in_dialog), "pb-url");
  {
    g_autofree char *body = NULL;
    GtkWidget *label;

    body = g_strdup_printf (_("No web browser could open Salesforce’s sign-in page (%s). Open this address in "
                              "a browser on this computer; this window continues by itself."),
                            error->message);
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self->sign_in_dialog), body);
    label = gtk_label_new (url);
    gtk_label_set_selectable (GTK_LABEL (label), TRUE);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
    gtk_widget_add_css_class (label, "monospace");
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self->sign_in_dialog), label);
  }
}

static void
cancel_sign_in_cb (PbWindow *self)
{
  if (self->remote_cancellable != NULL)
    g_cancellable_cancel (self->remote_cancellable);
}

static void
authorize_cb (PbWindow      *self,
              const char    *url,
              PbProfileSync *sync)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Finish Signing In in Your Browser"),
                                   _("Salesforce’s sign-in page opened in your web browser. Sign in there and "
                                     "allow Presence Bridge; this window continues by itself."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel Sign-In"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response::cancel", G_CALLBACK (cancel_sign_in_cb), self, G_CONNECT_SWAPPED);
  if (self->sign_in_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->sign_in_dialog), (gpointer *)&self->sign_in_dialog);
  self->sign_in_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->sign_in_dialog);
  g_object_set_data_full (G_OBJECT (dialog), "pb-url", g_strdup (url), g_free);
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));

  gtk_show_uri_full (GTK_WINDOW (self), url, GDK_CURRENT_TIME, NULL, uri_shown_cb, g_object_ref (self));
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = pb_profile_sync_sign_in_finish (PB_PROFILE_SYNC (object), result, &error);
  if (self->sign_in_dialog != NULL)
    gtk_window_destroy (self->sign_in_dialog);
  if (!_pb_window_finish_remote (self, PB_PROFILE_SYNC (object)))
    return;

  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _pb_window_show_remote_error (self, _("The Sign-In Did Not Finish"), error, "sign-in");
      return;
    }

  self->signed_in = TRUE;
  _pb_window_remote_update (self);
  _pb_window_toast (self, _("Signed in to Salesforce: presence statuses come from there now"));
}

static void
pb_window_sign_in_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->sync == NULL)
    return;

  pb_profile_sync_sign_in_async (self->sync, _pb_window_start_remote (self), signed_in_cb, g_object_ref (self));
  _pb_window_remote_update (self);
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  _pb_window_release (self);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (!pb_remote_sign_out_finish (PB_REMOTE (object), result, &error))
    {
      _pb_window_show_remote_error (self, _("The Sign-Out Did Not Finish"), error, "sign-out");
      return;
    }

  self->signed_in = FALSE;
  _pb_window_remote_update (self);
  _pb_window_toast (self, _("Signed out of Salesforce: the sign-in was removed from the keyring"));
}

static void
pb_window_sign_out_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->sync == NULL)
    return;

  _pb_window_hold (self);
  pb_remote_sign_out_async (pb_profile_sync_get_remote (self->sync), NULL, signed_out_cb, g_object_ref (self));
}

/* A new session has its own sign-in, and its sync asks for the browser. */
void
_pb_window_sign_in_session_changed (PbWindow *self)
{
  if (self->sync != NULL)
    {
      g_signal_connect_object (self->sync, "authorize", G_CALLBACK (authorize_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "notify::profile", G_CALLBACK (query_signed_in),
                               self, G_CONNECT_SWAPPED);
    }
  /* Another profile: its own sign-in, once the keyring says. */
  self->signed_in = FALSE;
  query_signed_in (self);
}

void
_pb_window_class_sign_in_init (PbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.connection", NULL, pb_window_connection_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, pb_window_sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, pb_window_sign_out_action);
}
