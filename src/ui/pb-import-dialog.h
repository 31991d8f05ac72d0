/* pb-import-dialog.h: what an import would change, and the import itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-configuration.h"
#include "pb-diff-view.h"
#include "pb-session.h"

G_BEGIN_DECLS

#define PB_TYPE_IMPORT_DIALOG (pb_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PbImportDialog, pb_import_dialog, PB, IMPORT_DIALOG, AdwWindow)

/* A modal window over @parent showing what importing @imported (read from
 * the file @file_display_name) into the profile @profile_name would change;
 * NULL means the default profile, or a new one when the store has none.
 * The plan is the CLI's (PbImportPlan). Nothing is written until Import:
 * into @session's profile (may be NULL) through the session, undoable;
 * elsewhere, straight into the store. Then it emits "imported" (guint
 * revision, const char *profile_name) and closes, or explains the failure
 * and stays. "busy" is TRUE while the store works. */
GtkWidget  *pb_import_dialog_new           (GtkWindow       *parent,
                                            PbStore         *store,
                                            PbSession       *session,
                                            const char      *profile_name,
                                            PbConfiguration *imported,
                                            const char      *file_display_name);
gboolean    pb_import_dialog_get_busy      (PbImportDialog  *self);

/* For tests: the view of the differences, and what the Import button does. */
PbDiffView *pb_import_dialog_get_diff_view (PbImportDialog  *self);
void        pb_import_dialog_apply         (PbImportDialog  *self);

G_END_DECLS
