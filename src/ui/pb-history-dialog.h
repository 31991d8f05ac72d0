/* pb-history-dialog.h: a profile's saved revisions, compared and restored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-diff-view.h"
#include "pb-profile.h"
#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_HISTORY_DIALOG (pb_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PbHistoryDialog, pb_history_dialog, PB, HISTORY_DIALOG, AdwWindow)

/* A modal window over @parent. Emits "restored" (guint new_revision_number)
 * after a revision was restored as the draft, then closes. Store work runs
 * in a worker thread; the "busy" property is TRUE while any is pending. */
GtkWidget  *pb_history_dialog_new             (GtkWindow       *parent,
                                               PbStore         *store,
                                               PbProfile       *profile);
gboolean    pb_history_dialog_get_busy        (PbHistoryDialog *self);

/* For tests: select revision @number in the list (as a click would), and
 * the view showing its differences. */
void        pb_history_dialog_select_revision (PbHistoryDialog *self,
                                               guint            number);
PbDiffView *pb_history_dialog_get_diff_view   (PbHistoryDialog *self);

G_END_DECLS
