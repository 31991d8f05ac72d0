/* pb-conflict-choice-row.h: one row of a conflict, mine or the platform's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_CONFLICT_CHOICE_ROW (pb_conflict_choice_row_get_type ())

G_DECLARE_FINAL_TYPE (PbConflictChoiceRow, pb_conflict_choice_row, PB, CONFLICT_CHOICE_ROW, GtkListBoxRow)

/* Shows @row (its label, what the base had, both versions) with two
 * toggles that follow and set its choice. */
GtkWidget     *pb_conflict_choice_row_new          (PbConflictRow       *row);
PbConflictRow *pb_conflict_choice_row_get_row      (PbConflictChoiceRow *self);
/* Focuses the version chosen (where the keyboard starts in a row). */
gboolean       pb_conflict_choice_row_focus_choice (PbConflictChoiceRow *self);

G_END_DECLS
