/* pb-fetch-result.h: what one fetch brought back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"

G_BEGIN_DECLS

typedef enum
{
  PB_STATUS_SOURCE_SALESFORCE, /* queried directly, with the profile's sign-in or the environment's token */
  PB_STATUS_SOURCE_PLATFORM,   /* POST /omnichannel/presence-statuses/refresh */
} PbStatusSource;

#define PB_TYPE_FETCH_RESULT (pb_fetch_result_get_type ())

G_DECLARE_FINAL_TYPE (PbFetchResult, pb_fetch_result, PB, FETCH_RESULT, GObject)

/* Immutable. @configuration holds everything fetched: the agent states,
 * the presence statuses (record ids and channels), the account (id, name,
 * agentPostCallState), the org (id when Salesforce said it), the remote
 * mapping and revertToLastStatus. */
PbFetchResult   *pb_fetch_result_new                    (PbConfiguration *configuration,
                                                         const char      *etag,
                                                         gint64           revision,
                                                         gboolean         revert_to_last_status_available,
                                                         PbStatusSource   statuses_source,
                                                         GDateTime       *statuses_fetched_at);
PbConfiguration *pb_fetch_result_get_configuration      (PbFetchResult   *self);
/* The remote configuration's ETag (publish against it) and revision. */
const char      *pb_fetch_result_get_etag               (PbFetchResult   *self);
gint64           pb_fetch_result_get_revision           (PbFetchResult   *self);
/* features.revertToLastStatus: whether the account may switch it on. */
gboolean         pb_fetch_result_get_revert_to_last_status_available (PbFetchResult *self);
PbStatusSource   pb_fetch_result_get_statuses_source    (PbFetchResult   *self);
GDateTime       *pb_fetch_result_get_statuses_fetched_at (PbFetchResult  *self);

G_END_DECLS
