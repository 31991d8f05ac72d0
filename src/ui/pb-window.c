/* pb-window.c: the window, made of its parts
 *
 * The parts (pb-window-private.h) each do one thing: the profile
 * switcher (the title), the search bar, the two mapping grids, the
 * problems panel and the preview panel. The data they show comes from
 * the core's PbSession for the open profile (its draft, checks and
 * preview, autosave and undo; pb-window-remote.c adds its PbProfileSync);
 * pb-window-session.c binds the parts to it, this file lays them out for
 * the window's width and routes the focus between them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pb-application.h"
#include "pb-ui-util.h"
#include "pb-window-private.h"

/* Below these widths the two grids stack (and the page scrolls as one),
 * and the side panel (problems and preview) folds away behind the
 * problems button. */
#define NARROW_WIDTH 720
#define FOLD_WIDTH   1100

G_DEFINE_FINAL_TYPE (PbWindow, pb_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers shared with pb-window-actions.c */

static void
toast_dismissed_cb (PbWindow *self,
                    AdwToast *toast)
{
  if (self->toast == toast)
    self->toast = NULL;
}

/* A toast says how the last thing done went: it replaces the one shown,
 * which AdwToastOverlay would otherwise show first, stale, for its whole
 * timeout. */
void
_pb_window_add_toast (PbWindow *self,
                      AdwToast *toast)
{
  AdwToast *shown = g_steal_pointer (&self->toast);

  if (shown != NULL)
    adw_toast_dismiss (shown);

  self->toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_pb_window_toast (PbWindow   *self,
                  const char *message)
{
  /* A toast's title is markup in libadwaita 1.2; messages hold names,
   * file names and server text, which must stay text. */
  g_autofree char *shown = pb_ui_dup_display_text (message);
  g_autofree char *escaped = g_markup_escape_text (shown, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 4);
  _pb_window_add_toast (self, toast);
}

void
pb_window_add_toast (PbWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  _pb_window_add_toast (self, toast);
}

void
_pb_window_present_dialog (PbWindow  *self,
                           GtkWindow *dialog)
{
  g_return_if_fail (GTK_IS_WINDOW (dialog));

  gtk_window_set_transient_for (dialog, GTK_WINDOW (self));
  gtk_window_set_modal (dialog, TRUE);
  /* Opened from the keyboard, its focus must show at once. */
  gtk_window_set_focus_visible (dialog, gtk_window_get_focus_visible (GTK_WINDOW (self)));

  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *)&self->dialog);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->dialog);

  gtk_window_present (dialog);
}

void
_pb_window_show_error (PbWindow   *self,
                       const char *heading,
                       const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  _pb_window_present_dialog (self, GTK_WINDOW (dialog));
}

/* Store writes keep the application alive until they are done, so closing
 * the window right after an edit still saves it: the session holds it for
 * its writes, the window for its own. */
void
_pb_window_update_busy (PbWindow *self)
{
  gboolean busy = pb_window_get_busy (self);

  if (busy == self->busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_pb_window_hold (PbWindow *self)
{
  if (self->application != NULL)
    g_application_hold (self->application);
  self->n_jobs++;
  _pb_window_update_busy (self);
}

void
_pb_window_release (PbWindow *self)
{
  g_assert (self->n_jobs > 0);
  self->n_jobs--;
  _pb_window_update_busy (self);
  if (self->application != NULL)
    g_application_release (self->application);
}

void
_pb_window_emit_refreshed (PbWindow *self)
{
  g_signal_emit (self, signals[REFRESHED], 0);
}

GSettings *
_pb_window_get_settings (PbWindow *self)
{
  if (!PB_IS_APPLICATION (self->application))
    return NULL;

  return pb_application_get_settings (PB_APPLICATION (self->application));
}

/* Edits from the parts */

static void
mapping_chosen_cb (PbWindow      *self,
                   const char    *subject_id,
                   gboolean       has_entry,
                   const char    *target,
                   PbMappingGrid *grid)
{
  if (self->session == NULL)
    return;

  if (pb_mapping_grid_get_subject (grid) == PB_SUBJECT_PRESENCE)
    pb_session_set_presence_mapping (self->session, subject_id, target);
  else if (has_entry)
    pb_session_set_state_mapping (self->session, subject_id, target);
  else
    pb_session_unset_state_mapping (self->session, subject_id);
}

static void
revert_changed_cb (PbWindow          *self,
                   gboolean           revert,
                   PbAccountSwitches *switches)
{
  if (self->session != NULL)
    pb_session_set_revert_to_last_status (self->session, revert);
}

/* Search */

static void
search_changed_cb (PbWindow    *self,
                   const char  *text,
                   PbSearchBar *search_bar)
{
  pb_mapping_grid_set_search (self->status_grid, text);
  pb_mapping_grid_set_search (self->state_grid, text);
}

/* Enter goes to the first result, statuses first. */
static void
search_activate_cb (PbWindow    *self,
                    PbSearchBar *search_bar)
{
  if (self->folded)
    adw_flap_set_reveal_flap (self->flap, FALSE);

  if (!pb_mapping_grid_focus (self->status_grid))
    pb_mapping_grid_focus (self->state_grid);
}

/* Focus */

gboolean
pb_window_focus_subject (PbWindow   *self,
                         PbSubject   subject,
                         const char *subject_id)
{
  PbMappingGrid *grid;

  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);

  if (self->session == NULL)
    return FALSE;

  /* In the folded layout the panel covers the grids. */
  if (self->folded)
    adw_flap_set_reveal_flap (self->flap, FALSE);

  if (subject == PB_SUBJECT_SWITCHES)
    return pb_account_switches_focus (self->account_switches);

  if (subject == PB_SUBJECT_PRESENCE)
    grid = self->status_grid;
  else if (subject == PB_SUBJECT_STATE)
    grid = self->state_grid;
  else
    return FALSE;

  if (pb_mapping_grid_focus_subject (grid, subject_id))
    return TRUE;

  /* Hidden by the search: the administrator asked for this row. */
  pb_search_bar_clear (self->search_bar);
  return pb_mapping_grid_focus_subject (grid, subject_id);
}

/* A problem, or a flag of the simulation: both name the row at fault. */
static void
finding_activated_cb (PbWindow  *self,
                      PbFinding *finding,
                      GtkWidget *panel)
{
  pb_window_focus_subject (self, pb_finding_get_subject (finding), pb_finding_get_subject_id (finding));
}

GtkWidget *
pb_window_lookup_row (PbWindow   *self,
                      PbSubject   subject,
                      const char *subject_id)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);

  if (subject == PB_SUBJECT_PRESENCE)
    return pb_mapping_grid_lookup_row (self->status_grid, subject_id);
  if (subject == PB_SUBJECT_STATE)
    return pb_mapping_grid_lookup_row (self->state_grid, subject_id);

  return NULL;
}

/* Layout */

static void
pb_window_update_layout (PbWindow *self,
                         int       width,
                         int       height)
{
  gboolean narrow = width < NARROW_WIDTH;
  gboolean folded = width < FOLD_WIDTH;
  /* Narrow, a grid is at most a screen of rows, and as tall as its rows
   * when they are fewer: the page scrolls, not a small box in it. */
  int list_height = narrow ? MAX (240, height - 160) : -1;

  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->grids_box),
                                      narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
      gtk_widget_set_vexpand (GTK_WIDGET (self->grids_box), !narrow);
      gtk_scrolled_window_set_policy (self->page_scroller, GTK_POLICY_NEVER,
                                      narrow ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
      _pb_window_remote_update (self);
      _pb_window_update_title (self);
      /* An icon on a phone: the title keeps the room to say which profile
       * and whether it is saved. */
      if (narrow)
        gtk_button_set_icon_name (self->save_button, "document-save-symbolic");
      else
        gtk_button_set_label (self->save_button, _("_Save"));
      pb_profile_switcher_set_compact (self->profile_switcher, narrow);
      if (narrow)
        gtk_widget_add_css_class (GTK_WIDGET (self), "narrow");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), "narrow");
    }

  if (list_height != self->list_height)
    {
      self->list_height = list_height;
      pb_mapping_grid_set_list_height (self->status_grid, list_height);
      pb_mapping_grid_set_list_height (self->state_grid, list_height);
    }

  if (folded != self->folded)
    {
      self->folded = folded;
      adw_flap_set_fold_policy (self->flap, folded ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                                   : ADW_FLAP_FOLD_POLICY_NEVER);
      adw_flap_set_reveal_flap (self->flap, !folded);
    }
}

static void
pb_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  PbWindow *self = PB_WINDOW (widget);

  /* Before the children are allocated, so they get the new layout now. */
  pb_window_update_layout (self, width, height);

  GTK_WIDGET_CLASS (pb_window_parent_class)->size_allocate (widget, width, height, baseline);
}

gboolean
pb_window_get_narrow (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);
  return self->narrow;
}

/* GObject */

static gboolean
pb_window_close_request (GtkWindow *window)
{
  if (_pb_window_ask_before_closing (PB_WINDOW (window)))
    return TRUE;

  return GTK_WINDOW_CLASS (pb_window_parent_class)->close_request (window);
}

static void
pb_window_dispose (GObject *object)
{
  PbWindow *self = (PbWindow *)object;

  g_clear_handle_id (&self->switch_profile_source, g_source_remove);
  g_clear_handle_id (&self->first_refresh_source, g_source_remove);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->first_refresh_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->first_refresh_tick);
      self->first_refresh_tick = 0;
    }
  g_clear_object (&self->pending_profile);

  if (self->remote_cancellable != NULL)
    g_cancellable_cancel (self->remote_cancellable);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (pb_session_get_draft (self->session), self);
    }

  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *)&self->dialog);
      self->dialog = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_WINDOW);

  g_clear_object (&self->sync);
  g_clear_object (&self->session);
  g_clear_object (&self->remote_cancellable);
  g_clear_object (&self->remote_findings);
  g_clear_object (&self->fetch_changes);
  g_clear_object (&self->publish_asked);
  g_clear_pointer (&self->publish_asked_etag, g_free);
  if (self->sign_in_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->sign_in_dialog), (gpointer *)&self->sign_in_dialog);
      self->sign_in_dialog = NULL;
    }
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->profiles);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pb_window_parent_class)->dispose (object);
}

static void
pb_window_finalize (GObject *object)
{
  PbWindow *self = (PbWindow *)object;

  g_clear_object (&self->application);

  G_OBJECT_CLASS (pb_window_parent_class)->finalize (object);
}

static void
pb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PbWindow *self = PB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, pb_window_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_window_class_init (PbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pb_window_dispose;
  object_class->finalize = pb_window_finalize;
  object_class->get_property = pb_window_get_property;
  widget_class->size_allocate = pb_window_size_allocate;
  window_class->close_request = pb_window_close_request;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PbWindow::refreshed:
   *
   * The problems, the preview, the switches and the title show the draft
   * as it is now (after each burst of edits, and after a profile opens).
   */
  signals[REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PB_TYPE_PROFILE_SWITCHER);
  g_type_ensure (PB_TYPE_ACCOUNT_SWITCHES);
  g_type_ensure (PB_TYPE_PROBLEMS_BUTTON);
  g_type_ensure (PB_TYPE_SEARCH_BAR);
  g_type_ensure (PB_TYPE_PROBLEMS_PANEL);
  g_type_ensure (PB_TYPE_PREVIEW_PANEL);
  g_type_ensure (PB_TYPE_BANNER);
  g_type_ensure (PB_TYPE_SIMULATION_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/presencebridge/PresenceBridge/pb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, profile_switcher);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, fetch_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, cancel_remote_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, sandbox_label);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, elsewhere_banner);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, conflict_banner);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, publish_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, page_scroller);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, grids_box);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, problems_button);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, account_switches);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, problems_panel);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, preview_panel);
  gtk_widget_class_bind_template_child (widget_class, PbWindow, simulation_panel);

  gtk_widget_class_bind_template_callback_full (widget_class, "profile_chosen_cb", G_CALLBACK (_pb_window_profile_chosen_cb));
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, revert_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, finding_activated_cb);

  _pb_window_class_actions_init (klass);
}

/* The main menu is built when first opened (F10 or a click), not with
 * the window. */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  PbWindow *self = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
pb_window_init (PbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->list_height = -1;
  self->status_grid = PB_MAPPING_GRID (pb_mapping_grid_new (PB_SUBJECT_PRESENCE));
  self->state_grid = PB_MAPPING_GRID (pb_mapping_grid_new (PB_SUBJECT_STATE));
  gtk_box_append (self->grids_box, GTK_WIDGET (self->status_grid));
  gtk_box_append (self->grids_box, GTK_WIDGET (self->state_grid));
  g_signal_connect_object (self->status_grid, "mapping-chosen", G_CALLBACK (mapping_chosen_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state_grid, "mapping-chosen", G_CALLBACK (mapping_chosen_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_primary_menu_cb, self, NULL);

  /* An icon is not a name: what a screen reader says of the menu button
   * (the toggle button inside it, in GTK 4.8). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->primary_menu_button))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"),
                                  -1);

  self->remote_findings = g_list_store_new (PB_TYPE_FINDING);
  _pb_window_remote_init (self);
  pb_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  _pb_window_update_title (self);
}

PbWindow *
pb_window_new (AdwApplication *application,
               PbStore        *store,
               const char     *profile_name)
{
  g_autoptr(PbProfile) profile = NULL;
  GSettings *settings;
  PbWindow *self;
  int width = 1200, height = 760;

  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || PB_IS_STORE (store), NULL);

  self = g_object_new (PB_TYPE_WINDOW, "application", application, NULL);
  self->application = g_object_ref (G_APPLICATION (application));

  settings = _pb_window_get_settings (self);
  if (settings != NULL)
    {
      width = g_settings_get_int (settings, "window-width");
      height = g_settings_get_int (settings, "window-height");
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  /* The layout for that size from the start: the first measure must not
   * ask for the room of a wider layout, or the window would open wider. */
  pb_window_update_layout (self, width, height);

  if (store == NULL)
    {
      _pb_window_update_main_page (self);
      _pb_window_actions_update (self);
      return self;
    }

  self->store = g_object_ref (store);
  _pb_window_reload_profiles (self);

  /* Read while the window builds itself and shows (nothing else here
   * asks the store from now on: it would wait for the read). */
  profile = _pb_window_choose_profile (store, profile_name);
  if (profile != NULL)
    _pb_window_load_profile (self, profile);

  _pb_window_update_main_page (self);
  _pb_window_actions_update (self);

  return self;
}

void
pb_window_show_store_error (PbWindow     *self,
                            const GError *error)
{
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (PB_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  /* A status page's description is markup: the message names a path and
   * quotes SQLite, both text. */
  escaped = g_markup_escape_text (error->message, -1);
  if (g_error_matches (error, PB_ERROR, PB_ERROR_STORE_NEWER))
    description = g_strdup_printf (_("%s\n\nUse a newer version of Presence Bridge. This one leaves the store untouched."),
                                   escaped);
  else
    description = g_steal_pointer (&escaped);

  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  _pb_window_show_error (self, _("The Store Cannot Be Opened"), error->message);
}

/* Getters */

PbStore *
pb_window_get_store (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->store;
}

PbProfile *
pb_window_get_profile (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->session ? pb_session_get_profile (self->session) : NULL;
}

PbConfiguration *
pb_window_get_draft (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->session ? pb_session_get_draft (self->session) : NULL;
}

gboolean
pb_window_get_has_unsaved_changes (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);
  return self->session != NULL && pb_session_get_has_unsaved_changes (self->session);
}

guint
pb_window_get_saved_revision (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), 0);
  return self->session ? pb_session_get_saved_number (self->session) : 0;
}

GListModel *
pb_window_get_findings (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->session != NULL && self->refreshed ? pb_session_get_findings (self->session) : NULL;
}

GListModel *
pb_window_get_preview (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return pb_preview_panel_get_events (self->preview_panel);
}

GListModel *
pb_window_get_status_model (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return pb_mapping_grid_get_model (self->status_grid);
}

GListModel *
pb_window_get_state_model (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return pb_mapping_grid_get_model (self->state_grid);
}

gboolean
pb_window_get_busy (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), FALSE);
  return self->n_jobs > 0 || (self->session != NULL && pb_session_get_busy (self->session));
}

GtkWindow *
pb_window_get_dialog (PbWindow *self)
{
  g_return_val_if_fail (PB_IS_WINDOW (self), NULL);
  return self->dialog;
}

void
pb_window_refresh_now (PbWindow *self)
{
  g_return_if_fail (PB_IS_WINDOW (self));

  if (self->session == NULL)
    return;

  /* Asked for now: the first frame need not come first. */
  self->first_frame = TRUE;
  g_clear_handle_id (&self->first_refresh_source, g_source_remove);
  pb_session_refresh_now (self->session);
  if (self->refresh_pending || !self->refreshed)
    _pb_window_apply_refresh (self);
}
