/* pb-window-private.h: what pb-window.c and pb-window-actions.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-choice-popover.h"
#include "pb-choices.h"
#include "pb-store-queue.h"
#include "pb-window.h"

G_BEGIN_DECLS

struct _PbWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children */
  AdwWindowTitle     *window_title;
  GtkDropDown        *profile_dropdown;
  GtkButton          *fetch_button;
  GtkButton          *publish_button;
  GtkButton          *save_button;
  GtkToggleButton    *search_button;
  AdwToastOverlay    *toast_overlay;
  GtkStack           *main_stack;
  AdwStatusPage      *error_page;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  AdwFlap            *flap;
  GtkBox             *grids_box;
  GtkStack           *status_stack;
  GtkListView        *status_list;
  GtkStack           *state_stack;
  GtkListView        *state_list;
  GtkSwitch          *revert_switch;
  GtkLabel           *post_call_label;
  GtkLabel           *revert_explanation;
  GtkImage           *problems_icon;
  GtkLabel           *problems_summary;
  GtkStack           *problems_stack;
  GtkListView        *problems_list;
  GtkNoSelection     *problems_selection;
  GtkNoSelection     *preview_selection;

  /* Held while store writes are pending, so quitting waits for them. */
  GApplication       *application;

  /* The store and what is open in it */
  PbStore            *store;
  PbStoreQueue       *queue;
  GListModel         *profiles;
  PbProfile          *profile;
  PbProfile          *pending_profile;  /* chosen in the switcher */
  guint               switch_profile_source;
  PbConfiguration    *draft;
  PbConfiguration    *saved;          /* newest revision, NULL when none */
  guint               saved_number;
  PbUndoStack        *undo_stack;

  /* What the grids show */
  PbChoices          *state_choices;
  PbChoices          *presence_choices;
  GtkCustomFilter    *status_filter;
  GtkCustomFilter    *state_filter;
  GtkFilterListModel *status_model;
  GtkTreeListModel   *state_tree;
  GtkFilterListModel *state_model;
  char               *search_key;     /* casefolded; NULL when not searching */
  PbChoicePopover    *status_popover; /* the one popup of each grid */
  PbChoicePopover    *state_popover;
  GHashTable         *status_rows;    /* the bound PbStatusRows (a set) */
  GHashTable         *state_rows;     /* the bound PbStateRows (a set) */

  /* Live results. The panels' stores are updated in place, only where
   * something changed. */
  GListModel         *findings;        /* as the checks returned them */
  GListStore         *problem_groups;  /* PbProblemGroup: headings and checks */
  GtkTreeListModel   *problem_tree;
  GListModel         *preview;
  guint               refresh_source;

  /* Edits since the draft was loaded, and how many reached the store. */
  guint               n_jobs;         /* store writes not finished yet */
  guint64             generation;
  guint64             autosaved_generation;
  gboolean            has_unsaved_changes;

  gboolean            narrow;
  gboolean            folded;
  gboolean            close_confirmed;
  guint               updating;       /* the window moves its own widgets */
  GtkWindow          *dialog;         /* weak */

  char               *pending_focus_id;
  PbSubject           pending_focus_subject;
  guint               pending_focus_source;
  guint               pending_focus_tries;
};

void     _pb_window_class_actions_init (PbWindowClass   *klass);
void     _pb_window_actions_update     (PbWindow        *self);

void     _pb_window_toast              (PbWindow        *self,
                                        const char      *message);
void     _pb_window_present_dialog     (PbWindow        *self,
                                        GtkWindow       *dialog);
void     _pb_window_show_error         (PbWindow        *self,
                                        const char      *heading,
                                        const char      *message);
gboolean _pb_window_load_profile       (PbWindow        *self,
                                        PbProfile       *profile,
                                        GError         **error);
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
GtkWidget *_pb_window_present_import   (PbWindow        *self,
                                        PbConfiguration *imported,
                                        const char      *file_display_name);
void     _pb_window_hold               (PbWindow        *self);
void     _pb_window_release            (PbWindow        *self);

G_END_DECLS
