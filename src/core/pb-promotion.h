/* pb-promotion.h: one profile's configuration carried to another's lists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-change.h"
#include "pb-configuration.h"

G_BEGIN_DECLS

#define PB_TYPE_PROMOTION (pb_promotion_get_type ())

G_DECLARE_FINAL_TYPE (PbPromotion, pb_promotion, PB, PROMOTION, GObject)

/* The one promotion policy, for the CLI and the window alike
 * (docs/cli.md, "promote"): @from's mapping carried onto @to's lists.
 * Presence statuses match by API name (stable across orgs; record Ids are
 * not). Agent states match by id, else by name: a major by its name, a
 * minor by its name under the major its own major matched — when exactly
 * one state of the target fits. What only the target has keeps the
 * target's mapping; Revert to last status comes from @from; the account,
 * the org, Agent Post Call State and unknown keys stay @to's. Neither
 * argument is changed. */
PbPromotion     *pb_promotion_new            (PbConfiguration *from,
                                              PbConfiguration *to);

/* @to with @from's mapping: what becomes the target's draft. */
PbConfiguration *pb_promotion_get_result     (PbPromotion     *self);
/* PbChange items, what did not match as it is: REMOVED for a status, a
 * state or a mapping entry of @from that the target lacks (it is not
 * copied), MODIFIED for a state matched by name (before: its id in @from,
 * after: its id in @to), ADDED for what only the target has (its mapping
 * is kept). Statuses first, then states, then what only the target has;
 * each in list order. */
GListModel      *pb_promotion_get_unmatched  (PbPromotion     *self);
/* How many items of pb_promotion_get_unmatched() are of @kind. */
guint            pb_promotion_count          (PbPromotion     *self,
                                              PbChangeKind     kind);
/* How many presence statuses and agent states of @from's lists found
 * theirs in @to's (a state matched by name included). */
guint            pb_promotion_get_n_matched_statuses (PbPromotion *self);
guint            pb_promotion_get_n_matched_states   (PbPromotion *self);

/* Whether @configuration has lists to match against (fetched, or
 * imported): a promotion from or to a profile without any is refused,
 * since nothing could match. */
gboolean         pb_promotion_has_lists      (PbConfiguration *configuration);

G_END_DECLS
