/* pb-window-private.h: what pb-window.c and pb-window-actions.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-account-switches.h"
#include "pb-mapping-grid.h"
#include "pb-preview-panel.h"
#include "pb-problems-button.h"
#include "pb-problems-panel.h"
#include "pb-profile-switcher.h"
#include "pb-banner.h"
#include "pb-profile-sync.h"
#include "pb-search-bar.h"
#include "pb-simulation-panel.h"
#include "pb-window.h"

G_BEGIN_DECLS

struct _PbWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children: the parts, and what holds them */
  AdwToastOverlay    *toast_overlay;
  PbProfileSwitcher  *profile_switcher;
  GtkButton          *fetch_button;
  GtkButton          *cancel_remote_button;
  GtkLabel           *sandbox_label;
  GtkButton          *publish_button;
  GtkButton          *save_button;
  GtkToggleButton    *search_button;
  GtkMenuButton      *primary_menu_button;
  GMenuModel         *primary_menu;
  GtkStack           *main_stack;
  AdwStatusPage      *error_page;
  PbSearchBar        *search_bar;
  AdwFlap            *flap;
  GtkScrolledWindow  *page_scroller;
  GtkBox             *grids_box;
  PbAccountSwitches  *account_switches;
  PbProblemsButton   *problems_button;
  GtkStack           *side_stack;
  PbProblemsPanel    *problems_panel;
  PbPreviewPanel     *preview_panel;
  PbSimulationPanel  *simulation_panel;
  PbMappingGrid      *status_grid;
  PbMappingGrid      *state_grid;
  PbBanner           *elsewhere_banner;
  PbBanner           *conflict_banner;
  AdwStatusPage      *empty_page;

  /* Held while the window's own store writes are pending. */
  GApplication       *application;
  guint               n_jobs;
  gboolean            busy;           /* as last notified */

  /* The store and what is open in it */
  PbStore            *store;
  GListModel         *profiles;
  PbSession          *session;        /* NULL: no profile open */
  PbProfileSync      *sync;           /* its remote side */
  GCancellable       *load_cancellable; /* while a profile is read */
  GCancellable       *remote_cancellable; /* while a fetch, publish or sign-in runs */
  PbProfile          *pending_profile;  /* chosen in the switcher */
  guint               switch_profile_source;
  guint               first_refresh_tick;
  guint               first_refresh_source;
  gboolean            first_frame;    /* drawn with the profile's grids */
  gboolean            refresh_pending; /* the session refreshed before that */
  gboolean            refreshed;      /* the panels show the session's lists */
  GListStore         *remote_findings; /* what the platform refused in the last publish */
  GListModel         *fetch_changes;  /* what the last fetch changed in the lists */
  /* What the Publish question counted: the draft, and the platform's
   * configuration (its ETag) it would replace. */
  PbConfiguration    *publish_asked;
  char               *publish_asked_etag;
  gboolean            signed_in;      /* the keyring holds a Salesforce sign-in */
  GtkWindow          *sign_in_dialog; /* weak: "finish in your browser" */

  gboolean            narrow;
  gboolean            folded;
  int                 list_height;
  gboolean            close_confirmed;
  GtkWindow          *dialog;         /* weak */
  AdwToast           *toast;          /* the one shown, until dismissed */
};

/* pb-window-actions.c installs every win.* action, those of
 * pb-window-files.c and pb-window-profiles.c through these. */
void     _pb_window_class_actions_init (PbWindowClass   *klass);
void     _pb_window_class_files_init   (PbWindowClass   *klass);
void     _pb_window_class_profiles_init (PbWindowClass  *klass);
void     _pb_window_actions_update     (PbWindow        *self);

void     _pb_window_toast              (PbWindow        *self,
                                        const char      *message);
/* Shows @toast (taking it) in place of the one shown. */
void     _pb_window_add_toast          (PbWindow        *self,
                                        AdwToast        *toast);
void     _pb_window_present_dialog     (PbWindow        *self,
                                        GtkWindow       *dialog);
void     _pb_window_show_error         (PbWindow        *self,
                                        const char      *heading,
                                        const char      *message);
/* A question with an optional comment (Save, Publish): @response_label
 * is the suggested and default response; @callback gets the comment,
 * "" when none was written. */
typedef void (*PbWindowCommentFunc)           (PbWindow        *self,
                                               const char      *comment);
void     _pb_window_ask_comment        (PbWindow            *self,
                                        const char          *heading,
                                        const char          *body,
                                        const char          *response_label,
                                        PbWindowCommentFunc  callback);
GSettings *_pb_window_get_settings     (PbWindow        *self);
/* Binds the parts to @session (NULL: no profile open). The session
 * being left is kept until its last edits reach the store. */
void     _pb_window_set_session        (PbWindow         *self,
                                        PbSession        *session);
/* pb-window-session.c: the title and subtitle for the session's state. */
void     _pb_window_update_title       (PbWindow         *self);
/* The session's findings and preview reach the panels (after the first
 * frame), and the window emits ::refreshed. */
void     _pb_window_apply_refresh      (PbWindow         *self);
void     _pb_window_emit_refreshed     (PbWindow         *self);
/* "busy" follows the session's writes and the window's own jobs. */
void     _pb_window_update_busy        (PbWindow         *self);
/* Which page the window shows: loading, welcome, empty, the editor. */
void     _pb_window_update_main_page   (PbWindow         *self);
/* The findings the panels show: the session's, then the platform's. */
void     _pb_window_update_findings    (PbWindow         *self);
/* The profile to open: @profile_name, else the store's default, else the
 * first: a store with profiles never opens on an empty window. */
PbProfile *_pb_window_choose_profile   (PbStore         *store,
                                        const char      *profile_name);
void     _pb_window_profile_chosen_cb  (PbWindow          *self,
                                        PbProfile         *profile,
                                        PbProfileSwitcher *switcher);
/* Reads @profile (in the store's worker thread) and opens it when it is
 * read; says so in a dialog when it cannot be. */
void     _pb_window_load_profile       (PbWindow        *self,
                                        PbProfile       *profile);
void     _pb_window_reload_profiles    (PbWindow        *self);
/* Saves the draft as a revision; @close_after closes the window once it
 * is saved. Refuses (with the reason) while there are errors. */
void     _pb_window_save_revision      (PbWindow        *self,
                                        const char      *comment,
                                        gboolean         close_after);
gboolean _pb_window_refuse_save        (PbWindow        *self);
/* What closing the window does first: the last edits reach the store;
 * with unsaved changes, TRUE and a question whether to save a revision
 * (the window closes once it is answered). */
gboolean _pb_window_ask_before_closing (PbWindow        *self);
GtkWidget *_pb_window_present_import   (PbWindow        *self,
                                        PbConfiguration *imported,
                                        const char      *file_display_name);
/* pb-window-remote.c: fetch, publish, sign in, the connection and
 * conflicts. */
void     _pb_window_class_remote_init  (PbWindowClass   *klass);
void     _pb_window_remote_init        (PbWindow        *self);
void     _pb_window_remote_update      (PbWindow        *self);
/* The open profile connects to a sandbox (a sandbox org, or a platform
 * on this computer): never production, and the header says so. */
gboolean _pb_window_is_sandbox         (PbWindow        *self);
/* A remote operation starts: its cancellable (win.cancel-remote cancels
 * it), and the window is held until _pb_window_finish_remote(), which is
 * FALSE when the answer is for a profile no longer open or a window being
 * destroyed. */
GCancellable *_pb_window_start_remote  (PbWindow        *self);
gboolean _pb_window_finish_remote      (PbWindow        *self,
                                        PbProfileSync   *sync);
/* @error said with what to do about it; @retry: the action to offer
 * again ("fetch", "publish", "sign-in", "sign-out"). */
void     _pb_window_show_remote_error  (PbWindow        *self,
                                        const char      *heading,
                                        const GError    *error,
                                        const char      *retry);
/* pb-window-sign-in.c: win.connection, win.sign-in, win.sign-out. */
void     _pb_window_class_sign_in_init (PbWindowClass   *klass);
void     _pb_window_sign_in_session_changed (PbWindow   *self);
/* Follows a new session's remote side (called by _pb_window_set_session). */
void     _pb_window_remote_session_changed (PbWindow    *self);
/* The window's own store writes (loading the worked example). */
void     _pb_window_hold               (PbWindow        *self);
void     _pb_window_release            (PbWindow        *self);

G_END_DECLS
