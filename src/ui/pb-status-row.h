/* pb-status-row.h: one row of the "Presence status configuration" grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-choice-button.h"
#include "pb-choices.h"

G_BEGIN_DECLS

#define PB_TYPE_STATUS_ROW (pb_status_row_get_type ())

G_DECLARE_FINAL_TYPE (PbStatusRow, pb_status_row, PB, STATUS_ROW, GtkWidget)

/* A recycled row: bound to one presence status at a time. When the
 * administrator picks an entry it emits ::state-chosen (api_name, state_id
 * or NULL for the default) and changes nothing itself; the window applies
 * the edit (through the undo stack) and calls pb_status_row_update(). */
GtkWidget        *pb_status_row_new          (void);
void              pb_status_row_bind         (PbStatusRow      *self,
                                              PbPresenceStatus *status,
                                              PbConfiguration  *configuration,
                                              PbChoices        *choices);
void              pb_status_row_unbind       (PbStatusRow      *self);
/* Shows the configuration's current mapping (after an edit or undo). */
void              pb_status_row_update       (PbStatusRow      *self);
void              pb_status_row_set_choices  (PbStatusRow      *self,
                                              PbChoices        *choices);
PbPresenceStatus *pb_status_row_get_status   (PbStatusRow      *self);
PbChoiceButton   *pb_status_row_get_chooser  (PbStatusRow      *self);

G_END_DECLS
