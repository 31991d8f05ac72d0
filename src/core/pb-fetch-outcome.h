/* pb-fetch-outcome.h: what recording a fetch did to a profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  PB_FETCH_DRAFT_TAKEN, /* the draft is the remote configuration now (a first fetch, or no local edits) */
  PB_FETCH_DRAFT_KEPT,  /* the draft kept its unpublished edits, on the fetched lists */
} PbFetchDraft;

#define PB_TYPE_FETCH_OUTCOME (pb_fetch_outcome_get_type ())

G_DECLARE_FINAL_TYPE (PbFetchOutcome, pb_fetch_outcome, PB, FETCH_OUTCOME, GObject)

PbFetchOutcome *pb_fetch_outcome_new               (GListModel     *list_changes,
                                                    PbFetchDraft    draft,
                                                    gboolean        conflict,
                                                    guint           revision);
/* PbChange items: agent states and presence statuses added, removed or
 * renamed since the previous fetch (or, at the first one, since the lists
 * the profile had). */
GListModel     *pb_fetch_outcome_get_list_changes  (PbFetchOutcome *self);
PbFetchDraft    pb_fetch_outcome_get_draft         (PbFetchOutcome *self);
/* The remote configuration changed since the draft's base while the draft
 * has edits of its own: publishing waits until it is resolved. */
gboolean        pb_fetch_outcome_get_conflict      (PbFetchOutcome *self);
/* The "fetch" revision recorded, 0 when the history did not change. */
guint           pb_fetch_outcome_get_revision      (PbFetchOutcome *self);

G_END_DECLS
