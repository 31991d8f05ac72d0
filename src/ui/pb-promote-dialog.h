/* pb-promote-dialog.h: one profile's configuration carried to another's
 * lists, shown before it becomes that profile's draft
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pb-configuration.h"
#include "pb-diff-view.h"
#include "pb-profile.h"
#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_PROMOTE_DIALOG (pb_promote_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PbPromoteDialog, pb_promote_dialog, PB, PROMOTE_DIALOG, AdwWindow)

/* A modal window over @parent promoting @from_draft (the draft of @from,
 * copied now: later edits do not reach it) to another profile of @store,
 * chosen in the dialog, with the core's PbPromotion. It shows what did not
 * match and what changes in the target's draft; nothing is written until
 * Promote: then the result becomes the target's draft and a revision
 * (source "promote"), "promoted" (guint revision, const char *target_name)
 * is emitted and the dialog closes, or it explains the failure and stays.
 * Store work runs on the store's worker; "busy" is TRUE while any is
 * pending. */
GtkWidget  *pb_promote_dialog_new                (GtkWindow       *parent,
                                                  PbStore         *store,
                                                  PbProfile       *from,
                                                  PbConfiguration *from_draft);
gboolean    pb_promote_dialog_get_busy           (PbPromoteDialog *self);

/* For tests: the two lists it shows. */
PbDiffView *pb_promote_dialog_get_unmatched_view (PbPromoteDialog *self);
PbDiffView *pb_promote_dialog_get_changes_view   (PbPromoteDialog *self);

G_END_DECLS
