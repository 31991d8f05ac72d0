/* pb-mapping-row.h: one row of a mapping grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-choice-button.h"
#include "pb-choices.h"
#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_MAPPING_ROW (pb_mapping_row_get_type ())

G_DECLARE_FINAL_TYPE (PbMappingRow, pb_mapping_row, PB, MAPPING_ROW, GtkWidget)

/* One row of either grid: what is mapped (a presence status, or an agent
 * state in its tree) in the first column, and the drop-down that maps it
 * in the second. The keyboard focus of a row is its drop-down: the list's
 * arrow keys land on something Space and Enter open. Choosing an entry
 * emits ::mapping-chosen; the row never edits the configuration itself. */
GtkWidget      *pb_mapping_row_new            (void);
/* @choices: the agent states a status can be mapped to. */
void            pb_mapping_row_bind_status    (PbMappingRow     *self,
                                               PbPresenceStatus *status,
                                               PbConfiguration  *configuration,
                                               PbChoices        *choices);
/* @row holds the PbAgentState; @choices: the presence statuses. */
void            pb_mapping_row_bind_state     (PbMappingRow     *self,
                                               GtkTreeListRow   *row,
                                               PbConfiguration  *configuration,
                                               PbChoices        *choices);
void            pb_mapping_row_unbind         (PbMappingRow     *self);
/* After the lists changed: the new choices of the row's kind. */
void            pb_mapping_row_set_choices    (PbMappingRow     *self,
                                               PbChoices        *choices);
/* Shows the mapping as the configuration has it now. */
void            pb_mapping_row_update         (PbMappingRow     *self);

/* PB_SUBJECT_PRESENCE or PB_SUBJECT_STATE; PB_SUBJECT_NONE unbound. */
PbSubject       pb_mapping_row_get_subject    (PbMappingRow     *self);
/* The API name or the state id, NULL unbound. */
const char     *pb_mapping_row_get_subject_id (PbMappingRow     *self);
PbChoiceButton *pb_mapping_row_get_chooser    (PbMappingRow     *self);
/* Expands or collapses a major state; FALSE when nothing changed. */
gboolean        pb_mapping_row_set_expanded   (PbMappingRow     *self,
                                               gboolean          expanded);

/* What a row shows as the value of @status or @state (the search matches
 * it, as it matches the name). */
char           *pb_mapping_dup_status_value   (PbConfiguration  *configuration,
                                               PbChoices        *choices,
                                               PbPresenceStatus *status);
char           *pb_mapping_dup_state_value    (PbConfiguration  *configuration,
                                               PbChoices        *choices,
                                               PbAgentState     *state);

G_END_DECLS
