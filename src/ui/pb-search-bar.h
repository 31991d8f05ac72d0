/* pb-search-bar.h: the search over both grids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PB_TYPE_SEARCH_BAR (pb_search_bar_get_type ())

G_DECLARE_FINAL_TYPE (PbSearchBar, pb_search_bar, PB, SEARCH_BAR, GtkWidget)

/* A search entry that shows when searching ("search-mode-enabled").
 * Emits ::search-changed with each new text (at once: no typing delay),
 * ::activate on Enter (to go to the results), and hides on Escape,
 * clearing the search. Typing in the window starts a search (see
 * pb_search_bar_set_key_capture_widget()). */
GtkWidget  *pb_search_bar_new                     (void);
void        pb_search_bar_set_key_capture_widget  (PbSearchBar *self,
                                                   GtkWidget   *widget);
gboolean    pb_search_bar_get_search_mode_enabled (PbSearchBar *self);
void        pb_search_bar_set_search_mode_enabled (PbSearchBar *self,
                                                   gboolean     enabled);
/* Shows the bar and puts the focus in its entry. */
void        pb_search_bar_start                   (PbSearchBar *self);
/* Empties the search (::search-changed follows). */
void        pb_search_bar_clear                   (PbSearchBar *self);
const char *pb_search_bar_get_text                (PbSearchBar *self);
/* The entry (for tests, which type into it). */
GtkWidget  *pb_search_bar_get_entry               (PbSearchBar *self);

G_END_DECLS
