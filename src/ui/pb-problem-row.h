/* pb-problem-row.h: one row of the Problems panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_PROBLEM_ROW (pb_problem_row_get_type ())

G_DECLARE_FINAL_TYPE (PbProblemRow, pb_problem_row, PB, PROBLEM_ROW, GtkWidget)

/* A recycled row of the problems tree: @row's item is a PbProblemGroup (a
 * check, with its count) or a PbFinding. The sentence is the text; the
 * check's code and the finding's place in the file are in the tooltip
 * and the accessible description. */
GtkWidget *pb_problem_row_new    (void);
void       pb_problem_row_bind   (PbProblemRow   *self,
                                  GtkTreeListRow *row);
void       pb_problem_row_unbind (PbProblemRow   *self);
GtkTreeListRow *pb_problem_row_get_list_row (PbProblemRow *self);

G_END_DECLS
