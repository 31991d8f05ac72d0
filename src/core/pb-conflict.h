/* pb-conflict.h: a conflict with the remote configuration, row by row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"
#include "pb-conflict-row.h"

G_BEGIN_DECLS

#define PB_TYPE_CONFLICT (pb_conflict_get_type ())

G_DECLARE_FINAL_TYPE (PbConflict, pb_conflict, PB, CONFLICT, GObject)

/* A GListModel of PbConflictRow: one row per entry of what the platform
 * stores (the two mappings and Revert to last status; Logged out is
 * offline whatever its entry says, so it is never a row) where @local and
 * @remote differ, each with what @base had (NULL when unknown: every row
 * then counts as changed on both sides). Statuses first, in the order of
 * @local's list, then the ones it does not know, sorted; then the states
 * likewise; then the switch. Names and labels come from @local's lists
 * (a remote configuration may have none). The three are copied: later
 * changes to them do not reach the conflict. */
PbConflict      *pb_conflict_new          (PbConfiguration *local,
                                           PbConfiguration *base,
                                           PbConfiguration *remote);
/* The rows changed on both sides since the base: the ones to ask about. */
guint            pb_conflict_get_n_both   (PbConflict      *self);
void             pb_conflict_choose_all   (PbConflict      *self,
                                           PbConflictSide   side);
/* A copy of @local (lists, account, Agent Post Call State and unknown keys
 * included) with each row whose choice is REMOTE taken from @remote. */
PbConfiguration *pb_conflict_build_merged (PbConflict      *self);

G_END_DECLS
