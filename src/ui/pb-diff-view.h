/* pb-diff-view.h: a list of the differences between two configurations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PB_TYPE_DIFF_VIEW (pb_diff_view_get_type ())

G_DECLARE_FINAL_TYPE (PbDiffView, pb_diff_view, PB, DIFF_VIEW, GtkWidget)

GtkWidget  *pb_diff_view_new         (void);
/* @changes: a GListModel of PbChange (as pb_diff_configurations() returns).
 * An empty model shows "No differences"; NULL (nothing compared yet) shows
 * nothing. */
GListModel *pb_diff_view_get_changes (PbDiffView *self);
void        pb_diff_view_set_changes (PbDiffView *self,
                                      GListModel *changes);

/* For tests: the number of changes the view lists. */
guint       pb_diff_view_get_n_rows  (PbDiffView *self);

G_END_DECLS
