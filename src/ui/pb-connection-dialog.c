/* pb-connection-dialog.c: where a profile connects to, and its client secret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-connection-dialog.h"
#include "pb-dialog-util.h"
#include "pb-http-client.h"
#include "pb-remote.h"

struct _PbConnectionDialog
{
  AdwWindow parent_instance;

  PbSession *session;
  PbProfile *profile;     /* as the store had it when the dialog opened */
  PbProfile *edited;      /* what Save writes */
  GCancellable *cancellable;
  guint n_pending;

  AdwWindowTitle *window_title;
  GtkButton *save_button;
  GtkButton *cancel_button;
  GtkSpinner *spinner;
  AdwPreferencesPage *page;
  AdwEntryRow *platform_url_row;
  AdwEntryRow *auth_url_row;
  AdwEntryRow *client_id_row;
  AdwEntryRow *client_secret_row;
  GtkLabel *secret_label;
  GtkLabel *platform_error_label;
  AdwEntryRow *login_url_row;
  AdwEntryRow *salesforce_client_id_row;
  AdwActionRow *callback_port_row;
  GtkSpinButton *callback_port_spin;
  GtkSwitch *sandbox_org_switch;
  GtkLabel *salesforce_error_label;
};

G_DEFINE_FINAL_TYPE (PbConnectionDialog, pb_connection_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* An entry's text, NULL when empty: the store keeps "not set" as NULL. */
static char *
dup_entry_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
set_entry_text (AdwEntryRow *row,
                const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* Marks @row when its URL breaks the URL policy; returns the reason. */
static char *
check_url_row (AdwEntryRow *row,
               const char  *what)
{
  g_autofree char *url = dup_entry_text (row);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;

  if (url != NULL)
    uri = pb_http_client_parse_url (url, what, &error);

  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");

  return error != NULL ? g_strdup (error->message) : NULL;
}

static void
show_problem (GtkLabel   *label,
              const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static gboolean
has_secret_typed (PbConnectionDialog *self)
{
  return *gtk_editable_get_text (GTK_EDITABLE (self->client_secret_row)) != '\0';
}

/* The edited profile from the rows, and whether it can be saved: the
 * reasons it cannot are shown under the group they concern. */
static gboolean
update_edited (PbConnectionDialog *self)
{
  g_autofree char *platform_problem = NULL;
  g_autofree char *auth_problem = NULL;
  g_autofree char *login_problem = NULL;
  g_autofree char *platform_url = dup_entry_text (self->platform_url_row);
  g_autofree char *auth_url = dup_entry_text (self->auth_url_row);
  g_autofree char *client_id = dup_entry_text (self->client_id_row);
  g_autofree char *login_url = dup_entry_text (self->login_url_row);
  g_autofree char *salesforce_client_id = dup_entry_text (self->salesforce_client_id_row);
  g_autofree char *callback = NULL;
  guint port = (guint) gtk_spin_button_get_value_as_int (self->callback_port_spin);
  const char *secret_problem = NULL;

  pb_profile_set_platform_url (self->edited, platform_url);
  pb_profile_set_auth_url (self->edited, auth_url);
  pb_profile_set_client_id (self->edited, client_id);
  pb_profile_set_salesforce_login_url (self->edited, login_url);
  pb_profile_set_salesforce_client_id (self->edited, salesforce_client_id);
  pb_profile_set_callback_port (self->edited, port);
  pb_profile_set_sandbox_org (self->edited, gtk_switch_get_active (self->sandbox_org_switch));

  platform_problem = check_url_row (self->platform_url_row, _("The API URL"));
  auth_problem = check_url_row (self->auth_url_row, _("The token service URL"));
  login_problem = check_url_row (self->login_url_row, _("The login URL"));

  /* A secret is filed under the token service and the client id it
   * belongs to, so it cannot be kept without them. */
  if (has_secret_typed (self) && (platform_url == NULL || auth_url == NULL || client_id == NULL))
    secret_problem = _("A client secret is kept for one API URL, token service and client ID: fill those in first.");

  show_problem (self->platform_error_label,
                platform_problem != NULL ? platform_problem :
                auth_problem != NULL ? auth_problem : secret_problem);
  show_problem (self->salesforce_error_label, login_problem);

  /* Translators: %u is a port number; the connected app in Salesforce must list this URL */
  callback = g_strdup_printf (_("The connected app must accept http://localhost:%u/callback"), port);
  adw_action_row_set_subtitle (self->callback_port_row, callback);

  return platform_problem == NULL && auth_problem == NULL && login_problem == NULL && secret_problem == NULL;
}

static void
update_sensitivity (PbConnectionDialog *self)
{
  gboolean busy = self->n_pending > 0;
  gboolean valid = update_edited (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !busy && valid);
}

static void
changed_cb (PbConnectionDialog *self)
{
  update_sensitivity (self);
}

static void
hold (PbConnectionDialog *self)
{
  pb_dialog_hold (G_OBJECT (self), &self->n_pending, self->spinner, properties[PROP_BUSY]);
  update_sensitivity (self);
}

static void
release (PbConnectionDialog *self)
{
  pb_dialog_release (G_OBJECT (self), &self->n_pending, self->spinner, properties[PROP_BUSY]);
  update_sensitivity (self);
}

static void
finish_saving (PbConnectionDialog *self)
{
  g_signal_emit (self, signals[SAVED], 0, self->edited);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
secret_stored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PbConnectionDialog) self = pb_dialog_weak_take (user_data);
  g_autoptr(GError) error = NULL;
  gboolean stored;

  stored = pb_remote_store_platform_client_secret_finish (PB_REMOTE (source), result, &error);
  if (self == NULL)
    return;

  release (self);
  if (!stored)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The settings are saved; the secret can be typed again. */
      pb_dialog_show_error (GTK_WINDOW (self), _("The Client Secret Was Not Kept"), error);
      g_signal_emit (self, signals[SAVED], 0, self->edited);
      return;
    }

  finish_saving (self);
}

static void
profile_updated_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PbConnectionDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  release (self);
  if (!pb_session_update_profile_finish (PB_SESSION (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pb_dialog_show_error (GTK_WINDOW (self), _("The Connection Was Not Saved"), error);
      return;
    }

  if (has_secret_typed (self))
    {
      g_autoptr(PbRemote) remote = pb_remote_new (self->edited, PB_REMOTE_FLAGS_NONE);

      hold (self);
      pb_remote_store_platform_client_secret_async (remote,
                                                    gtk_editable_get_text (GTK_EDITABLE (self->client_secret_row)),
                                                    self->cancellable, secret_stored_cb, pb_dialog_weak_new (self));
      return;
    }

  finish_saving (self);
}

static void
save_clicked_cb (PbConnectionDialog *self)
{
  if (self->n_pending > 0 || !update_edited (self))
    return;

  hold (self);
  /* Through the session: the window's remote side follows at once. */
  pb_session_update_profile_async (self->session, self->edited, self->cancellable,
                                   profile_updated_cb, g_object_ref (self));
}

static void
has_secret_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PbConnectionDialog) self = pb_dialog_weak_take (user_data);
  g_autoptr(GError) error = NULL;
  gboolean has_secret = FALSE;
  gboolean known;

  known = pb_remote_has_platform_client_secret_finish (PB_REMOTE (source), result, &has_secret, &error);
  if (self == NULL)
    return;

  if (!known)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->secret_label, error->message);
      return;
    }

  gtk_label_set_text (self->secret_label,
                      has_secret ? _("A client secret is kept in the keyring. Type a new one to replace it.")
                                 : _("No client secret is kept yet. It goes to the keyring, never into the store or an export."));
}

static void
pb_connection_dialog_constructed (GObject *object)
{
  PbConnectionDialog *self = (PbConnectionDialog *)object;
  g_autoptr(PbRemote) remote = NULL;

  G_OBJECT_CLASS (pb_connection_dialog_parent_class)->constructed (object);

  self->profile = g_object_ref (pb_session_get_profile (self->session));
  self->edited = pb_profile_copy (self->profile);
  adw_window_title_set_subtitle (self->window_title, pb_profile_get_name (self->profile));

  set_entry_text (self->platform_url_row, pb_profile_get_platform_url (self->profile));
  set_entry_text (self->auth_url_row, pb_profile_get_auth_url (self->profile));
  set_entry_text (self->client_id_row, pb_profile_get_client_id (self->profile));
  set_entry_text (self->login_url_row, pb_profile_get_salesforce_login_url (self->profile));
  set_entry_text (self->salesforce_client_id_row, pb_profile_get_salesforce_client_id (self->profile));
  gtk_spin_button_set_value (self->callback_port_spin, pb_profile_get_callback_port (self->profile));
  gtk_switch_set_active (self->sandbox_org_switch, pb_profile_get_sandbox_org (self->profile));
  update_sensitivity (self);

  gtk_label_set_text (self->secret_label, _("Looking in the keyring…"));
  remote = pb_remote_new (self->profile, PB_REMOTE_FLAGS_NONE);
  pb_remote_has_platform_client_secret_async (remote, self->cancellable, has_secret_cb, pb_dialog_weak_new (self));
}

static gboolean
pb_connection_dialog_close_request (GtkWindow *window)
{
  PbConnectionDialog *self = PB_CONNECTION_DIALOG (window);

  return pb_dialog_close_request (window, GTK_WINDOW_CLASS (pb_connection_dialog_parent_class),
                                  self->n_pending > 0);
}

static void
pb_connection_dialog_dispose (GObject *object)
{
  PbConnectionDialog *self = (PbConnectionDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_CONNECTION_DIALOG);

  G_OBJECT_CLASS (pb_connection_dialog_parent_class)->dispose (object);
}

static void
pb_connection_dialog_finalize (GObject *object)
{
  PbConnectionDialog *self = (PbConnectionDialog *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->profile);
  g_clear_object (&self->edited);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pb_connection_dialog_parent_class)->finalize (object);
}

static void
pb_connection_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PbConnectionDialog *self = PB_CONNECTION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->n_pending > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PbConnectionDialog *self = PB_CONNECTION_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_dialog_class_init (PbConnectionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pb_connection_dialog_constructed;
  object_class->dispose = pb_connection_dialog_dispose;
  object_class->finalize = pb_connection_dialog_finalize;
  object_class->get_property = pb_connection_dialog_get_property;
  object_class->set_property = pb_connection_dialog_set_property;
  window_class->close_request = pb_connection_dialog_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PB_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Writing the store or the keyring: tests wait on its notification. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PB_TYPE_PROFILE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/presencebridge/PresenceBridge/pb-connection-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, page);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, platform_url_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, auth_url_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, client_secret_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, secret_label);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, platform_error_label);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, login_url_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, salesforce_client_id_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, callback_port_row);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, callback_port_spin);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, sandbox_org_switch);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionDialog, salesforce_error_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
}

static void
pb_connection_dialog_init (PbConnectionDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

PbConnectionDialog *
pb_connection_dialog_new (GtkWindow *parent,
                          PbSession *session)
{
  g_return_val_if_fail (PB_IS_SESSION (session), NULL);

  return g_object_new (PB_TYPE_CONNECTION_DIALOG,
                       "transient-for", parent,
                       "session", session,
                       NULL);
}
