/* pb-conflict-dialog.h: the draft against the platform's configuration, row by row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-core.h"

G_BEGIN_DECLS

#define PB_TYPE_CONFLICT_DIALOG (pb_conflict_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PbConflictDialog, pb_conflict_dialog, PB, CONFLICT_DIALOG, AdwWindow)

/* Shows where @session's draft and the platform's newest configuration
 * differ, with what the draft's base had, and lets the administrator keep
 * either version of each row. Apply makes the choice the draft, based on
 * the platform's configuration (nothing is published), emits ::resolved
 * and closes; undo in the window brings the draft back. */
PbConflictDialog *pb_conflict_dialog_new         (GtkWindow        *parent,
                                                  PbSession        *session);
PbConflict       *pb_conflict_dialog_get_conflict (PbConflictDialog *self);

G_END_DECLS
