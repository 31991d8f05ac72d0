/* pb-state-row.h: one row of the "Agent state → presence" grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-choice-button.h"
#include "pb-choices.h"

G_BEGIN_DECLS

#define PB_TYPE_STATE_ROW (pb_state_row_get_type ())

G_DECLARE_FINAL_TYPE (PbStateRow, pb_state_row, PB, STATE_ROW, GtkWidget)

/* A recycled row of the state tree, bound to a GtkTreeListRow whose item is
 * a PbAgentState. Its drop-down's first entry is the row's own: "Not
 * mapped" for a major state, "Same as <major> (<presence>)" for a minor
 * one; the shared presence choices follow. Logged out shows its fixed
 * "Offline" instead. Picking an entry emits ::presence-chosen (state_id,
 * has_entry, presence api name or NULL for offline); the window applies it
 * and calls pb_state_row_update(). */
GtkWidget    *pb_state_row_new          (void);
void          pb_state_row_bind         (PbStateRow      *self,
                                         GtkTreeListRow  *row,
                                         PbConfiguration *configuration,
                                         PbChoices       *choices);
void          pb_state_row_unbind       (PbStateRow      *self);
void          pb_state_row_update       (PbStateRow      *self);
void          pb_state_row_set_choices  (PbStateRow      *self,
                                         PbChoices       *choices);
PbAgentState *pb_state_row_get_state    (PbStateRow      *self);
PbChoiceButton *pb_state_row_get_chooser  (PbStateRow      *self);
/* Moves the keyboard focus to what the row edits. */
void          pb_state_row_focus_editor (PbStateRow      *self);

G_END_DECLS
