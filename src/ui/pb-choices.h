/* pb-choices.h: the entries of the mapping drop-downs, shared by every row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_CHOICES (pb_choices_get_type ())

G_DECLARE_FINAL_TYPE (PbChoices, pb_choices, PB, CHOICES, GObject)

/* A GListModel of GtkStringObject (what a GtkDropDown shows) with the id
 * behind each entry. Built once per list change and shared by every row,
 * so 5,000 rows cost one model, not 5,000. Immutable once built: a list
 * change builds a new one. */

/* "Default (Ready)" (id NULL), then every agent state, each major followed
 * by its minors ("Away › Break"). */
PbChoices  *pb_choices_new_states           (PbConfiguration *configuration);
/* "Offline" (id NULL), then every presence status by label. */
PbChoices  *pb_choices_new_presences        (PbConfiguration *configuration);

/* The id of the entry at @position (NULL for the first entry). */
const char *pb_choices_get_id               (PbChoices       *self,
                                             guint            position);
/* The position of @id (NULL finds the first entry), or
 * GTK_INVALID_LIST_POSITION when it is not a choice (a stale mapping). */
guint       pb_choices_find                 (PbChoices       *self,
                                             const char      *id);
/* The text shown for @id, or NULL when it is not a choice. */
const char *pb_choices_get_label            (PbChoices       *self,
                                             const char      *id);

/* The text shown for the entry at @position, casefolded (for a search). */
const char *pb_choices_get_folded           (PbChoices       *self,
                                             guint            position);

G_END_DECLS
