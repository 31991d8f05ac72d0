/* pb-window-remote.c: fetch, publish, conflicts with the platform and
 * edits kept aside — the window's remote side (signing in and the
 * connection are in pb-window-sign-in.c)
 *
 * Everything here goes through the open profile's PbProfileSync (the
 * core's fetch and publish, GTK-free) and PbSession; this file only asks,
 * explains and shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-conflict-dialog.h"
#include "pb-diff-view.h"
#include "pb-remote-error.h"
#include "pb-ui-util.h"
#include "pb-window-private.h"

static gboolean
is_set (const char *value)
{
  return value != NULL && *value != '\0';
}

static gboolean
has_platform (PbProfile *profile)
{
  return is_set (pb_profile_get_platform_url (profile)) &&
         is_set (pb_profile_get_auth_url (profile)) &&
         is_set (pb_profile_get_client_id (profile));
}

/* A sandbox org, or a platform on this computer (the sandbox server). */
gboolean
_pb_window_is_sandbox (PbWindow *self)
{
  PbProfile *profile = self->session != NULL ? pb_session_get_profile (self->session) : NULL;
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (profile == NULL)
    return FALSE;
  if (pb_profile_get_sandbox_org (profile))
    return TRUE;
  if (!is_set (pb_profile_get_platform_url (profile)))
    return FALSE;

  uri = g_uri_parse (pb_profile_get_platform_url (profile), G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  {
    g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

    return address != NULL && g_inet_address_get_is_loopback (address);
  }
}

static PbSyncActivity
activity (PbWindow *self)
{
  return self->sync != NULL ? pb_profile_sync_get_activity (self->sync) : PB_SYNC_ACTIVITY_IDLE;
}

void
_pb_window_remote_update (PbWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PbProfile *profile = self->session ? pb_session_get_profile (self->session) : NULL;
  PbSyncActivity now = activity (self);
  gboolean open = profile != NULL;
  PbConfiguration *draft = open ? pb_session_get_draft (self->session) : NULL;
  gboolean has_lists = draft != NULL &&
                       (g_list_model_get_n_items (pb_configuration_get_presence_statuses (draft)) > 0 ||
                        g_list_model_get_n_items (pb_configuration_get_agent_states (draft)) > 0);
  gboolean working = now != PB_SYNC_ACTIVITY_IDLE;
  gboolean conflict = open && pb_session_get_conflict (self->session);
  gboolean kept_aside = open && pb_session_get_draft_status (self->session) == PB_DRAFT_STATUS_KEPT_ASIDE;
  const char *waiting = self->sync ? pb_profile_sync_get_waiting_message (self->sync) : NULL;
  const char *doing = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->fetch_button), open && !working && !self->narrow);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_remote_button), open && working);
  /* Nothing to publish before there are lists to map. */
  gtk_widget_set_visible (GTK_WIDGET (self->publish_button), has_lists && !self->narrow);
  /* Narrow, the title's subtitle says it instead (there is no room). */
  gtk_widget_set_visible (GTK_WIDGET (self->sandbox_label), _pb_window_is_sandbox (self) && !self->narrow);

  switch (now)
    {
    case PB_SYNC_ACTIVITY_FETCHING:
      doing = _("Fetching… (click to cancel)");
      break;
    case PB_SYNC_ACTIVITY_PUBLISHING:
      doing = _("Publishing… (click to cancel)");
      break;
    case PB_SYNC_ACTIVITY_SIGNING_IN:
      doing = _("Waiting for the sign-in in your browser… (click to cancel)");
      break;
    case PB_SYNC_ACTIVITY_IDLE:
    default:
      break;
    }
  if (doing != NULL)
    {
      g_autofree char *tooltip = waiting != NULL ? g_strdup_printf ("%s\n%s", doing, waiting) : g_strdup (doing);

      pb_ui_set_tooltip (GTK_WIDGET (self->cancel_remote_button), tooltip);
    }

  pb_ui_set_tooltip (GTK_WIDGET (self->publish_button),
                     conflict ? _("The platform’s configuration changed: resolve the conflict first")
                              : _("Send the draft to the platform"));

  gtk_widget_action_set_enabled (widget, "win.fetch", open && !working && !kept_aside);
  /* Edits kept aside are settled first: what would be published is not
   * decided yet. */
  gtk_widget_action_set_enabled (widget, "win.publish", has_lists && !working && !kept_aside);
  gtk_widget_action_set_enabled (widget, "win.cancel-remote", working);
  gtk_widget_action_set_enabled (widget, "win.connection", open && !working);
  gtk_widget_action_set_enabled (widget, "win.sign-in", open && !working && !self->signed_in);
  gtk_widget_action_set_enabled (widget, "win.sign-out", open && !working && self->signed_in);
  gtk_widget_action_set_enabled (widget, "win.resolve-conflict", conflict && !working && !kept_aside);
  gtk_widget_action_set_enabled (widget, "win.keep-mine", kept_aside);
  gtk_widget_action_set_enabled (widget, "win.take-theirs", kept_aside);

  if (kept_aside)
    {
      g_autofree char *title = NULL;

      /* Translators: %s is a profile name */
      title = g_strdup_printf (_("“%s” was changed elsewhere (another window, or presence-bridge-cli) "
                                 "while you edited it. Your edits are kept aside until you choose."),
                               pb_profile_get_name (profile));
      pb_banner_set_title (self->elsewhere_banner, title);
    }
  pb_banner_set_revealed (self->elsewhere_banner, kept_aside);
  pb_banner_set_revealed (self->conflict_banner, conflict && !kept_aside);
}

/* Errors, said with what to do about them */

/* A response is the name of the window action it runs ("fetch" runs
 * win.fetch), so a dialog's buttons and the menu do the same thing. */
static void
error_response_cb (PbWindow         *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  g_autofree char *action = NULL;

  if (response == NULL || g_str_equal (response, "close"))
    return;

  action = g_strconcat ("win.", response, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

/* A message dialog with @heading and @message and, after Close, the
 * steps that fix it: NULL-terminated pairs of an action name (without
 * "win.") and its label; the last is the default. */
static void
show_remote_error_steps (PbWindow   *self,
                         const char *heading,
                         const char *message,
                         ...)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  const char *default_response = "close";
  const char *response;
  va_list steps;

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");

  va_start (steps, message);
  while ((response = va_arg (steps, const char *)) != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), response, va_arg (steps, const char *));
      default_response = response;
    }
  va_end (steps);

  if (!g_str_equal (default_response, "close"))
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), default_response,
                                                ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), default_response);

  g_signal_connect_object (dialog, "response", G_CALLBACK (error_response_cb), self, G_CONNECT_SWAPPED);
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));
}

/* @error from a remote operation that @retry (an action name: "fetch",
 * "publish", "sign-in") runs again, explained with what to change and
 * where. The remote side's messages say what went wrong and, where it is
 * a setting, which; here is what the administrator does next. */
void
_pb_window_show_remote_error (PbWindow     *self,
                              const char   *heading,
                              const GError *error,
                              const char   *retry)
{
  g_autofree char *body = NULL;

  if (error->domain != PB_REMOTE_ERROR)
    {
      show_remote_error_steps (self, heading, error->message, NULL);
      return;
    }

  switch ((PbRemoteError) error->code)
    {
    case PB_REMOTE_ERROR_NOT_CONFIGURED:
    case PB_REMOTE_ERROR_INVALID_URL:
    case PB_REMOTE_ERROR_INSECURE_URL:
    case PB_REMOTE_ERROR_REDIRECTED:
    case PB_REMOTE_ERROR_AUTH_FAILED:
    case PB_REMOTE_ERROR_CALLBACK_MISMATCH:
    case PB_REMOTE_ERROR_PORT_BUSY:
      show_remote_error_steps (self, heading, error->message, "connection", _("_Connection…"), NULL);
      break;

    case PB_REMOTE_ERROR_SIGN_IN_REQUIRED:
      /* What the keyring holds no longer works: the menu offers Sign In. */
      self->signed_in = FALSE;
      _pb_window_remote_update (self);
      show_remote_error_steps (self, heading, error->message, "sign-in", _("_Sign In…"), NULL);
      break;

    case PB_REMOTE_ERROR_PRECONDITION_REQUIRED:
      show_remote_error_steps (self, heading, error->message, "fetch", _("_Fetch"), NULL);
      break;

    case PB_REMOTE_ERROR_NETWORK:
    case PB_REMOTE_ERROR_TLS:
    case PB_REMOTE_ERROR_MALFORMED:
      /* Translators: %s says what went wrong */
      body = g_strdup_printf (_("%s\n\nNothing was changed in this profile. Check the profile’s URLs in its "
                                "connection, and that this computer is online; if both are right, the service "
                                "may be down: try again in a few minutes."),
                              error->message);
      show_remote_error_steps (self, heading, body, "connection", _("_Connection…"),
                               retry, _("_Try Again"), NULL);
      break;

    case PB_REMOTE_ERROR_SERVER:
    case PB_REMOTE_ERROR_TIMEOUT:
    case PB_REMOTE_ERROR_RATE_LIMITED:
      /* Translators: %s says what went wrong */
      body = g_strdup_printf (_("%s\n\nNothing was changed in this profile. The service may be down or busy: "
                                "try again in a few minutes. If it keeps failing, the service’s status page or "
                                "its support can say why."),
                              error->message);
      show_remote_error_steps (self, heading, body, retry, _("_Try Again"), NULL);
      break;

    case PB_REMOTE_ERROR_FAILED:
    case PB_REMOTE_ERROR_PERMISSION:
    case PB_REMOTE_ERROR_FEATURE_DISABLED:
    case PB_REMOTE_ERROR_CONFLICT:
    case PB_REMOTE_ERROR_REFUSED:
    case PB_REMOTE_ERROR_SIGN_IN_DENIED:
    case PB_REMOTE_ERROR_STATE_MISMATCH:
    case PB_REMOTE_ERROR_KEYRING:
    default:
      show_remote_error_steps (self, heading, error->message, NULL);
      break;
    }
}

GCancellable *
_pb_window_start_remote (PbWindow *self)
{
  g_clear_object (&self->remote_cancellable);
  self->remote_cancellable = g_cancellable_new ();
  _pb_window_hold (self);
  return self->remote_cancellable;
}

/* FALSE when the answer is for a profile no longer open, or a window
 * being destroyed: nothing to show then. */
gboolean
_pb_window_finish_remote (PbWindow      *self,
                          PbProfileSync *sync)
{
  _pb_window_release (self);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || sync != self->sync)
    return FALSE;

  _pb_window_remote_update (self);
  return TRUE;
}

/* win.fetch */

static void
show_fetch_changes (PbWindow *self)
{
  GtkWidget *dialog;
  GtkWidget *view;
  GtkWidget *scroller;

  if (self->fetch_changes == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("What the Fetch Changed"),
                                   _("Agent states and presence statuses added, removed or renamed since the "
                                     "last fetch. Mappings that name what is gone show in Problems."));
  view = pb_diff_view_new ();
  pb_diff_view_set_changes (PB_DIFF_VIEW (view), self->fetch_changes);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 400);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));
}

static void
pb_window_show_fetch_changes_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  show_fetch_changes (PB_WINDOW (widget));
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(PbFetchOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) message = NULL;
  AdwToast *toast;
  guint n_changes;

  outcome = pb_profile_sync_fetch_finish (PB_PROFILE_SYNC (object), result, &error);
  if (!_pb_window_finish_remote (self, PB_PROFILE_SYNC (object)))
    return;

  if (outcome == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _pb_window_toast (self, _("Fetch cancelled: nothing was changed"));
      else
        _pb_window_show_remote_error (self, _("The Fetch Failed"), error, "fetch");
      return;
    }

  n_changes = g_list_model_get_n_items (pb_fetch_outcome_get_list_changes (outcome));
  g_set_object (&self->fetch_changes, pb_fetch_outcome_get_list_changes (outcome));

  message = g_string_new (NULL);
  if (n_changes == 0)
    g_string_append (message, _("Fetched: the lists did not change"));
  else
    g_string_append_printf (message,
                            g_dngettext (GETTEXT_PACKAGE, "Fetched: %u change to the lists",
                                         "Fetched: %u changes to the lists", n_changes),
                            n_changes);
  if (pb_fetch_outcome_get_conflict (outcome))
    g_string_append (message, _("; the platform’s configuration changed too"));
  else if (pb_fetch_outcome_get_draft (outcome) == PB_FETCH_DRAFT_TAKEN)
    g_string_append (message, _("; the draft is the platform’s configuration"));
  else
    g_string_append (message, _("; your edits are kept"));

  toast = adw_toast_new (message->str);
  adw_toast_set_timeout (toast, 6);
  if (n_changes > 0)
    {
      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_action_name (toast, "win.show-fetch-changes");
    }
  _pb_window_add_toast (self, toast);
}

static void
pb_window_fetch_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  PbProfile *profile;

  if (self->session == NULL || self->sync == NULL)
    return;

  profile = pb_session_get_profile (self->session);
  if (!has_platform (profile))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a profile name */
      message = g_strdup_printf (_("“%s” does not say where its platform is yet. Fetching needs the platform’s "
                                   "API URL, token service URL and client ID, in the profile’s connection."),
                                 pb_profile_get_name (profile));
      show_remote_error_steps (self, _("Connect the Profile First"), message, "connection", _("_Connection…"), NULL);
      return;
    }

  pb_profile_sync_fetch_async (self->sync, _pb_window_start_remote (self), fetched_cb, g_object_ref (self));
  _pb_window_remote_update (self);
}

/* win.publish */

static void
open_conflict_dialog (PbWindow *self);

/* A publish under way, and the ETag it was sent against. */
typedef struct
{
  PbWindow *window;
  char     *etag;
} PublishRequest;

static void
publish_request_free (PublishRequest *request)
{
  g_object_unref (request->window);
  g_free (request->etag);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PublishRequest, publish_request_free)

/* A 412: someone saved on the platform since the draft's base. The
 * window fetched what is there now; what to do depends on what it
 * found. */
static void
show_publish_conflict (PbWindow   *self,
                       const char *sent_etag)
{
  PbRemoteConfiguration *base = pb_session_get_base (self->session);
  AdwToast *toast;

  if (pb_session_get_conflict (self->session))
    {
      _pb_window_toast (self, _("Nothing was published: the platform’s configuration changed meanwhile"));
      open_conflict_dialog (self);
      return;
    }

  /* Saved again as it was (or as this draft has it): the draft is based
   * on the new version now, nothing to choose. */
  if (base != NULL && g_strcmp0 (pb_remote_configuration_get_etag (base), sent_etag) != 0)
    {
      toast = adw_toast_new (_("Nothing was published: the platform’s configuration was saved again meanwhile, "
                               "without changes to what you changed. Publish again to send yours."));
      adw_toast_set_button_label (toast, _("_Publish Again"));
      adw_toast_set_action_name (toast, "win.publish");
    }
  else
    {
      toast = adw_toast_new (_("Nothing was published: the platform’s configuration changed meanwhile, and it "
                               "could not be fetched to compare. Fetch, then publish."));
      adw_toast_set_button_label (toast, _("_Fetch"));
      adw_toast_set_action_name (toast, "win.fetch");
    }
  adw_toast_set_timeout (toast, 10);
  _pb_window_add_toast (self, toast);
}

static void
published_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PublishRequest) request = user_data;
  PbWindow *self = request->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  PbRemoteConfiguration *base;
  guint number;

  number = pb_profile_sync_publish_finish (PB_PROFILE_SYNC (object), result, &error);
  if (!_pb_window_finish_remote (self, PB_PROFILE_SYNC (object)))
    return;

  if (number == 0)
    {
      GPtrArray *findings = pb_remote_error_get_findings (error);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          _pb_window_toast (self, _("Publish cancelled"));
          return;
        }

      if (g_error_matches (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_CONFLICT))
        {
          show_publish_conflict (self, request->etag);
          return;
        }

      if (findings != NULL)
        {
          /* The platform's findings stand beside the checks, on the rows
           * they name, until the next publish. */
          g_list_store_remove_all (self->remote_findings);
          for (guint i = 0; i < findings->len; i++)
            g_list_store_append (self->remote_findings, g_ptr_array_index (findings, i));
          _pb_window_update_findings (self);
          show_remote_error_steps (self, _("The Platform Refused the Configuration"), error->message,
                                   "show-problems", _("_Show the Problems"), NULL);
          return;
        }

      if (g_error_matches (error, PB_ERROR, PB_ERROR_INVALID_CONFIGURATION))
        show_remote_error_steps (self, _("Cannot Publish Yet"), error->message,
                                 "show-problems", _("_Show the Problems"), NULL);
      else
        _pb_window_show_remote_error (self, _("The Configuration Was Not Published"), error, "publish");
      return;
    }

  g_list_store_remove_all (self->remote_findings);
  _pb_window_update_findings (self);

  base = pb_session_get_base (self->session);
  /* Translators: a toast; the platform's revision number, then ours */
  message = g_strdup_printf (_("Published: the platform is at revision %lld (recorded as revision %u)"),
                             base != NULL ? (long long) pb_remote_configuration_get_revision (base) : 0LL,
                             number);
  _pb_window_toast (self, message);
}

static void
publish_with_comment (PbWindow   *self,
                      const char *comment)
{
  g_autoptr(PbConfiguration) asked = g_steal_pointer (&self->publish_asked);
  g_autofree char *asked_etag = g_steal_pointer (&self->publish_asked_etag);
  PbRemoteConfiguration *base;
  PublishRequest *request;

  if (self->sync == NULL)
    return;

  base = pb_session_get_base (self->session);
  /* What goes out is what the question counted, or nothing: another
   * window, the command line or a fetch may have changed either side
   * while it was asked. */
  if (asked == NULL || base == NULL ||
      g_strcmp0 (asked_etag, pb_remote_configuration_get_etag (base)) != 0 ||
      !pb_configuration_published_equal (asked, pb_session_get_draft (self->session)))
    {
      _pb_window_show_error (self, _("Nothing Was Published"),
                             _("The draft or the platform’s configuration changed while you were asked (an "
                               "edit elsewhere, a fetch, another window or the command line). Look at the "
                               "changes, then publish again."));
      return;
    }
  request = g_new0 (PublishRequest, 1);
  request->window = g_object_ref (self);
  request->etag = base != NULL ? g_strdup (pb_remote_configuration_get_etag (base)) : NULL;
  pb_profile_sync_publish_async (self->sync, *comment != '\0' ? comment : NULL, _pb_window_start_remote (self),
                                 published_cb, request);
  _pb_window_remote_update (self);
}

/* What publishing changes for agents: the draft against what the platform
 * has (as last fetched), the mappings and the switch only. */
static guint
count_published_changes (PbConfiguration *draft,
                         PbConfiguration *remote)
{
  g_autoptr(PbConfiguration) would_be = pb_configuration_copy (draft);
  g_autoptr(GListModel) changes = NULL;

  pb_configuration_set_published (would_be, remote);
  changes = pb_diff_configurations (would_be, draft);
  return g_list_model_get_n_items (changes);
}

static void
pb_window_publish_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  PbRemoteConfiguration *base;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  PbProfile *profile;
  guint n_changes;

  if (self->session == NULL)
    return;

  profile = pb_session_get_profile (self->session);
  base = pb_session_get_base (self->session);

  if (pb_session_get_conflict (self->session))
    {
      open_conflict_dialog (self);
      return;
    }

  if (base == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a profile name */
      message = g_strdup_printf (_("“%s” has never been fetched. Publishing replaces the platform’s configuration "
                                   "as it was last fetched, so that nothing someone else published is "
                                   "overwritten unseen: fetch first."),
                                 pb_profile_get_name (profile));
      show_remote_error_steps (self, _("Fetch Before Publishing"), message, "fetch", _("_Fetch"), NULL);
      return;
    }

  if (_pb_window_refuse_save (self))
    return;

  n_changes = count_published_changes (pb_session_get_draft (self->session),
                                       pb_remote_configuration_get_configuration (base));
  if (n_changes == 0)
    {
      _pb_window_toast (self, _("Nothing to publish: the draft is the platform’s configuration"));
      return;
    }

  /* Translators: %s is a profile name */
  heading = g_strdup_printf (_("Publish “%s”?"), pb_profile_get_name (profile));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u change replaces the platform’s configuration (revision %lld). "
                                       "Agents see it at once.",
                                       "%u changes replace the platform’s configuration (revision %lld). "
                                       "Agents see them at once.",
                                       n_changes),
                          n_changes, (long long) pb_remote_configuration_get_revision (base));
  g_clear_object (&self->publish_asked);
  self->publish_asked = pb_configuration_copy (pb_session_get_draft (self->session));
  g_free (self->publish_asked_etag);
  self->publish_asked_etag = g_strdup (pb_remote_configuration_get_etag (base));
  _pb_window_ask_comment (self, heading, body, _("_Publish"), publish_with_comment);
}

/* win.cancel-remote */

static void
pb_window_cancel_remote_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);

  if (self->remote_cancellable != NULL)
    g_cancellable_cancel (self->remote_cancellable);
}

/* win.resolve-conflict */

static void
conflict_resolved_cb (PbWindow         *self,
                      PbConflictDialog *dialog)
{
  _pb_window_toast (self, _("Conflict resolved: the draft is based on the platform’s configuration now. "
                            "Publish to send it."));
}

static void
open_conflict_dialog (PbWindow *self)
{
  PbConflictDialog *dialog;

  if (self->session == NULL || pb_session_get_remote (self->session) == NULL ||
      !pb_session_get_conflict (self->session))
    return;

  dialog = pb_conflict_dialog_new (GTK_WINDOW (self), self->session);
  g_signal_connect_object (dialog, "resolved", G_CALLBACK (conflict_resolved_cb), self, G_CONNECT_SWAPPED);
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));
}

static void
pb_window_resolve_conflict_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  open_conflict_dialog (PB_WINDOW (widget));
}

/* win.keep-mine, win.take-theirs: edits kept aside when the profile
 * changed elsewhere */

static void
kept_aside_resolved_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  _pb_window_release (self);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (!pb_session_resolve_finish (PB_SESSION (object), result, &error))
    _pb_window_show_error (self, _("The Edits Kept Aside Were Not Settled"), error->message);
}

static void
pb_window_kept_aside_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  PbWindow *self = PB_WINDOW (widget);
  PbSessionChoice choice = g_str_equal (action_name, "win.keep-mine") ? PB_SESSION_KEEP_MINE
                                                                      : PB_SESSION_TAKE_THEIRS;

  if (self->session == NULL)
    return;

  _pb_window_hold (self);
  pb_session_resolve_async (self->session, choice, NULL, kept_aside_resolved_cb, g_object_ref (self));
}

/* Following the open profile */

/* The client waits before trying again (a platform rate limiting, or
 * unavailable for a while): said once, where it shows without hovering. */
static void
waiting_changed_cb (PbWindow *self)
{
  const char *waiting = self->sync != NULL ? pb_profile_sync_get_waiting_message (self->sync) : NULL;

  _pb_window_remote_update (self);
  if (waiting != NULL)
    _pb_window_toast (self, waiting);
}

PbProfileSync *
pb_window_get_sync (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->sync;
}

void
_pb_window_remote_session_changed (PbWindow *self)
{
  /* A new session has a new sync: follow it, and what it knows. */
  if (self->sync != NULL)
    {
      g_signal_connect_object (self->sync, "notify::activity", G_CALLBACK (_pb_window_remote_update),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sync, "notify::waiting-message", G_CALLBACK (waiting_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  g_clear_object (&self->fetch_changes);
  _pb_window_sign_in_session_changed (self);
  _pb_window_remote_update (self);
}

void
_pb_window_remote_init (PbWindow *self)
{
  pb_banner_set_button (self->elsewhere_banner, 0, _("Keep _Mine"), "win.keep-mine");
  pb_banner_set_button (self->elsewhere_banner, 1, _("_Take Theirs"), "win.take-theirs");
  gtk_widget_add_css_class (GTK_WIDGET (self->elsewhere_banner), "warning");
  pb_banner_set_title (self->conflict_banner,
                       _("The platform’s configuration changed since your draft was based on it. "
                         "Nothing can be published until you choose what to keep."));
  pb_banner_set_button (self->conflict_banner, 0, _("_Resolve…"), "win.resolve-conflict");
}

void
_pb_window_class_remote_init (PbWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.fetch", NULL, pb_window_fetch_action);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, pb_window_publish_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-remote", NULL, pb_window_cancel_remote_action);
  gtk_widget_class_install_action (widget_class, "win.resolve-conflict", NULL, pb_window_resolve_conflict_action);
  gtk_widget_class_install_action (widget_class, "win.keep-mine", NULL, pb_window_kept_aside_action);
  gtk_widget_class_install_action (widget_class, "win.take-theirs", NULL, pb_window_kept_aside_action);
  gtk_widget_class_install_action (widget_class, "win.show-fetch-changes", NULL, pb_window_show_fetch_changes_action);
}
