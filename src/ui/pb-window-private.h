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
#include "pb-search-bar.h"
#include "pb-simulation-panel.h"
#include "pb-store-queue.h"
#include "pb-window-document.h"
#include "pb-window.h"

G_BEGIN_DECLS

struct _PbWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children: the parts, and what holds them */
  AdwToastOverlay    *toast_overlay;
  PbProfileSwitcher  *profile_switcher;
  GtkButton          *fetch_button;
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

  /* Held while the window's own store writes are pending. */
  GApplication       *application;
  guint               n_jobs;
  gboolean            busy;           /* as last notified */

  /* The store and what is open in it */
  PbStore            *store;
  PbStoreQueue       *queue;
  GListModel         *profiles;
  PbWindowDocument   *document;       /* NULL: no profile open */
  GCancellable       *load_cancellable; /* while a profile is read */
  PbProfile          *pending_profile;  /* chosen in the switcher */
  guint               switch_profile_source;
  guint               first_refresh_tick;
  guint               first_refresh_source;

  gboolean            narrow;
  gboolean            folded;
  int                 list_height;
  gboolean            close_confirmed;
  GtkWindow          *dialog;         /* weak */
};

/* pb-window-actions.c installs every win.* action, those of
 * pb-window-files.c and pb-window-profiles.c through these. */
void     _pb_window_class_actions_init (PbWindowClass   *klass);
void     _pb_window_class_files_init   (PbWindowClass   *klass);
void     _pb_window_class_profiles_init (PbWindowClass  *klass);
void     _pb_window_actions_update     (PbWindow        *self);

void     _pb_window_toast              (PbWindow        *self,
                                        const char      *message);
void     _pb_window_present_dialog     (PbWindow        *self,
                                        GtkWindow       *dialog);
void     _pb_window_show_error         (PbWindow        *self,
                                        const char      *heading,
                                        const char      *message);
GSettings *_pb_window_get_settings     (PbWindow        *self);
/* Binds the parts to @document (NULL: no profile open). */
void     _pb_window_set_document       (PbWindow         *self,
                                        PbWindowDocument *document);
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
/* Pushes every change to the store, then waits until the store has them
 * (before a dialog that writes the store itself). */
void     _pb_window_flush_draft        (PbWindow        *self);
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
/* The window's own store writes (loading the worked example). */
void     _pb_window_hold               (PbWindow        *self);
void     _pb_window_release            (PbWindow        *self);

G_END_DECLS
