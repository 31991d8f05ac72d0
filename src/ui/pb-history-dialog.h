/* pb-history-dialog.h: a profile's saved revisions, compared and restored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-diff-view.h"
#include "pb-session.h"

G_BEGIN_DECLS

#define PB_TYPE_HISTORY_DIALOG (pb_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PbHistoryDialog, pb_history_dialog, PB, HISTORY_DIALOG, AdwWindow)

/* A modal window over @parent showing @session's revisions. Restoring
 * goes through the session (undoable there); it emits "restored" (guint
 * new_revision_number), then closes. Reads use the store's asynchronous
 * calls; the "busy" property is TRUE while any is pending. */
GtkWidget  *pb_history_dialog_new             (GtkWindow       *parent,
                                               PbSession       *session);
gboolean    pb_history_dialog_get_busy        (PbHistoryDialog *self);

/* For tests: select revision @number in the list (as a click would), and
 * the view showing its differences. */
void        pb_history_dialog_select_revision (PbHistoryDialog *self,
                                               guint            number);
PbDiffView *pb_history_dialog_get_diff_view   (PbHistoryDialog *self);

G_END_DECLS
