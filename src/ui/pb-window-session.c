/* pb-window-session.c: the open profile's PbSession shown by the parts —
 * the title, which page, the findings and the preview after the first
 * frame, and a session taken over from the one before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-ui-util.h"
#include "pb-window-private.h"

/* Showing the session */

void
_pb_window_update_title (PbWindow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  gboolean warning = FALSE;
  const char *name;

  if (self->session == NULL)
    {
      pb_profile_switcher_set_subtitle (self->profile_switcher, NULL, FALSE);
      gtk_window_set_title (GTK_WINDOW (self), _("Presence Bridge"));
      return;
    }

  /* Room for the draft's own state: not in the store yet. */
  switch (pb_session_get_draft_status (self->session))
    {
    case PB_DRAFT_STATUS_RETRYING:
      subtitle = g_strdup (_("Draft not saved yet"));
      warning = TRUE;
      break;

    case PB_DRAFT_STATUS_KEPT_ASIDE:
      subtitle = g_strdup (_("Changed elsewhere"));
      warning = TRUE;
      break;

    case PB_DRAFT_STATUS_SAVED:
    case PB_DRAFT_STATUS_SAVING:
    default:
      if (!self->refreshed)
        subtitle = g_strdup ("");
      /* What blocks Publish is the state worth the title's room. */
      else if (pb_session_get_conflict (self->session))
        {
          subtitle = g_strdup (_("In conflict with the platform"));
          warning = TRUE;
        }
      else if (pb_session_get_has_unsaved_changes (self->session))
        subtitle = g_strdup (_("Unsaved changes"));
      else if (pb_session_get_saved_number (self->session) > 0)
        subtitle = g_strdup_printf (_("Saved as revision %u"), pb_session_get_saved_number (self->session));
      else
        subtitle = g_strdup (_("No revisions yet"));
      break;
    }

  /* Narrow, the header has no room for the Sandbox badge as well: the
   * subtitle says it (the window's own title needs not). */
  if (self->narrow && _pb_window_is_sandbox (self))
    {
      g_autofree char *shown = NULL;

      /* Translators: the header's subtitle on a phone, for a sandbox profile: its state after the dot */
      shown = subtitle[0] != '\0' ? g_strdup_printf (_("Sandbox · %s"), subtitle) : g_strdup (_("Sandbox"));
      pb_profile_switcher_set_subtitle (self->profile_switcher, shown, warning);
    }
  else
    {
      pb_profile_switcher_set_subtitle (self->profile_switcher, subtitle, warning);
    }

  name = pb_profile_get_name (pb_session_get_profile (self->session));
  if (subtitle[0] == '\0')
    /* Translators: the window title while a profile opens: its name. */
    title = g_strdup_printf (_("%s – Presence Bridge"), name);
  else
    /* Translators: the window title: a profile name, then its state ("Unsaved changes"). */
    title = g_strdup_printf (_("%s (%s) – Presence Bridge"), name, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

void
_pb_window_update_main_page (PbWindow *self)
{
  PbConfiguration *draft = self->session ? pb_session_get_draft (self->session) : NULL;
  const char *page;

  if (self->store == NULL)
    page = "error";
  else if (draft == NULL && self->load_cancellable != NULL)
    page = "loading";
  else if (draft == NULL)
    page = "welcome";
  else if (g_list_model_get_n_items (pb_configuration_get_presence_statuses (draft)) == 0 &&
           g_list_model_get_n_items (pb_configuration_get_agent_states (draft)) == 0)
    page = "empty";
  else
    page = "editor";

  gtk_stack_set_visible_child_name (self->main_stack, page);

  /* The header shows what the page can use. */
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), self->session != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), g_str_equal (page, "editor"));
  _pb_window_remote_update (self);
}

void
_pb_window_update_findings (PbWindow *self)
{
  g_autoptr(GListStore) findings = NULL;
  GListModel *session_findings;
  guint n_remote;

  if (self->session == NULL || !self->refreshed)
    return;

  /* The platform's own refusals (a 422) stand beside the checks until the
   * next publish: the rows they name are where to look. */
  session_findings = pb_session_get_findings (self->session);
  n_remote = g_list_model_get_n_items (G_LIST_MODEL (self->remote_findings));
  if (n_remote == 0)
    {
      pb_problems_panel_set_findings (self->problems_panel, session_findings);
      pb_problems_button_set_findings (self->problems_button, session_findings);
      return;
    }

  findings = g_list_store_new (PB_TYPE_FINDING);
  for (guint i = 0; i < n_remote; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->remote_findings), i);

      g_list_store_append (findings, finding);
    }
  for (guint i = 0, n = g_list_model_get_n_items (session_findings); i < n; i++)
    {
      g_autoptr(PbFinding) finding = g_list_model_get_item (session_findings, i);

      g_list_store_append (findings, finding);
    }
  pb_problems_panel_set_findings (self->problems_panel, G_LIST_MODEL (findings));
  pb_problems_button_set_findings (self->problems_button, G_LIST_MODEL (findings));
}

/* The session's lists reach the panels; before the first frame with the
 * grids, they wait for it (building the problems and the preview is
 * what made opening slow, docs/benchmarks.md). */
void
_pb_window_apply_refresh (PbWindow *self)
{
  self->refresh_pending = FALSE;
  self->refreshed = TRUE;

  _pb_window_update_findings (self);
  pb_preview_panel_set_events (self->preview_panel, pb_session_get_preview (self->session));
  pb_simulation_panel_set_configurations (self->simulation_panel, pb_session_get_draft (self->session),
                                          pb_session_get_saved (self->session));
  _pb_window_update_title (self);
  _pb_window_actions_update (self);

  _pb_window_emit_refreshed (self);
}

/* A new revision (saved, restored, or read after the first frame): the
 * simulation compares with it. */
static void
session_saved_cb (PbWindow *self)
{
  if (self->refreshed)
    pb_simulation_panel_set_configurations (self->simulation_panel, pb_session_get_draft (self->session),
                                            pb_session_get_saved (self->session));
}

static void
session_refreshed_cb (PbWindow *self)
{
  if (!self->first_frame)
    {
      self->refresh_pending = TRUE;
      return;
    }

  _pb_window_apply_refresh (self);
}

static gboolean
first_refresh_cb (gpointer user_data)
{
  PbWindow *self = user_data;

  self->first_refresh_source = 0;
  self->first_frame = TRUE;
  if (self->session != NULL && self->refresh_pending)
    _pb_window_apply_refresh (self);

  return G_SOURCE_REMOVE;
}

/* A tick callback runs in a frame, before it is drawn; the idle it adds,
 * after. */
static gboolean
first_frame_tick_cb (GtkWidget     *widget,
                     GdkFrameClock *frame_clock,
                     gpointer       user_data)
{
  PbWindow *self = PB_WINDOW (widget);

  self->first_refresh_tick = 0;
  if (self->first_refresh_source == 0)
    self->first_refresh_source = g_idle_add (first_refresh_cb, self);

  return G_SOURCE_REMOVE;
}

static void
session_state_cb (PbWindow *self)
{
  _pb_window_update_title (self);
  _pb_window_actions_update (self);
  _pb_window_remote_update (self);
}

/* Another window or presence-bridge-cli wrote the profile while nothing
 * here was unsaved: the draft now shows what they wrote. */
static void
session_reloaded_cb (PbWindow *self)
{
  g_autofree char *message = NULL;

  /* Translators: a toast; %s is a profile name */
  message = g_strdup_printf (_("“%s” was changed elsewhere: it shows the new version"),
                             pb_profile_get_name (pb_session_get_profile (self->session)));
  _pb_window_toast (self, message);
}

static void
retired_session_flushed_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(PbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pb_session_flush_finish (PB_SESSION (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_autofree char *message = NULL;

      /* Translators: a toast; %s is a profile name, then the reason */
      message = g_strdup_printf (_("The last edits of “%s” could not be saved: %s"),
                                 pb_profile_get_name (pb_session_get_profile (PB_SESSION (object))),
                                 error->message);
      _pb_window_toast (self, message);
    }

  g_object_unref (object);
  _pb_window_release (self);
}

void
_pb_window_set_session (PbWindow  *self,
                        PbSession *session)
{
  PbConfiguration *draft = session ? pb_session_get_draft (session) : NULL;
  g_autoptr(PbSession) old = NULL;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (pb_session_get_draft (self->session), self);
    }
  if (self->remote_cancellable != NULL)
    g_cancellable_cancel (self->remote_cancellable);

  /* The session being left lives on until its last edits are in the
   * store: disposing it would cancel them. */
  old = g_steal_pointer (&self->session);
  if (old != NULL && old != session)
    {
      _pb_window_hold (self);
      pb_session_flush_async (old, NULL, retired_session_flushed_cb, g_object_ref (self));
      g_object_ref (old);
    }

  self->session = session ? g_object_ref (session) : NULL;
  g_clear_object (&self->sync);
  g_list_store_remove_all (self->remote_findings);
  self->refreshed = FALSE;
  self->refresh_pending = FALSE;

  pb_mapping_grid_set_configuration (self->status_grid, draft);
  pb_mapping_grid_set_configuration (self->state_grid, draft);
  pb_account_switches_set_configuration (self->account_switches, draft);
  pb_profile_switcher_set_profile (self->profile_switcher, session ? pb_session_get_profile (session) : NULL);

  if (session != NULL)
    {
      static const char * const state_properties[] = {
        "notify::has-unsaved-changes", "notify::saved-number", "notify::draft-status",
        "notify::can-undo", "notify::can-redo", "notify::n-errors", "notify::conflict",
        "notify::base", "notify::profile",
      };

      self->sync = pb_profile_sync_new (session, PB_REMOTE_FLAGS_USE_ENVIRONMENT);
      g_signal_connect_object (session, "refreshed", G_CALLBACK (session_refreshed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "reloaded", G_CALLBACK (session_reloaded_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::saved-number", G_CALLBACK (session_saved_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::busy", G_CALLBACK (_pb_window_update_busy),
                               self, G_CONNECT_SWAPPED);
      for (guint i = 0; i < G_N_ELEMENTS (state_properties); i++)
        g_signal_connect_object (session, state_properties[i], G_CALLBACK (session_state_cb),
                                 self, G_CONNECT_SWAPPED);
      g_signal_connect_object (draft, "lists-changed", G_CALLBACK (_pb_window_update_main_page), self, G_CONNECT_SWAPPED);
      pb_problems_button_set_findings (self->problems_button, NULL);

      /* Lists worked out already are shown at once after the first
       * frame; otherwise ::refreshed brings them. */
      self->refresh_pending = pb_session_get_refreshed (session);
      if (self->first_frame && self->refresh_pending)
        _pb_window_apply_refresh (self);
      else if (!self->first_frame && self->first_refresh_tick == 0 && self->first_refresh_source == 0)
        self->first_refresh_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), first_frame_tick_cb,
                                                                 NULL, NULL);
    }
  else
    {
      pb_problems_panel_set_findings (self->problems_panel, NULL);
      pb_preview_panel_set_events (self->preview_panel, NULL);
      pb_simulation_panel_set_configurations (self->simulation_panel, NULL, NULL);
    }

  _pb_window_remote_session_changed (self);
  _pb_window_update_title (self);
  _pb_window_actions_update (self);
  _pb_window_update_main_page (self);
  _pb_window_update_busy (self);
}
