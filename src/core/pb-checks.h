/* pb-checks.h: what makes a configuration risky
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"
#include "pb-finding.h"

G_BEGIN_DECLS

/* Stable codes (docs/checks.md). */
#define PB_CHECK_UNMAPPED_MAJOR_STATE           "unmapped_major_state"
#define PB_CHECK_UNKNOWN_STATE                  "unknown_state"
#define PB_CHECK_UNKNOWN_PRESENCE               "unknown_presence"
#define PB_CHECK_DUPLICATE_ID                   "duplicate_id"
#define PB_CHECK_INVALID_API_NAME               "invalid_api_name"
#define PB_CHECK_API_NAME_CASE_CONFLICT         "api_name_case_conflict"
#define PB_CHECK_LABEL_TOO_LONG                 "label_too_long"
#define PB_CHECK_REVERT_INEFFECTIVE             "revert_ineffective"
#define PB_CHECK_BUSY_PRESENCE_TO_READY         "busy_presence_to_ready"
#define PB_CHECK_ONLINE_PRESENCE_FOR_BUSY_STATE "online_presence_for_busy_state"
#define PB_CHECK_ROUND_TRIP_MISMATCH            "round_trip_mismatch"
#define PB_CHECK_DEFAULT_MAPPING_USED           "default_mapping_used"
#define PB_CHECK_MINOR_STATE_INHERITS           "minor_state_inherits"

/* Runs every check. Returns a GListModel of PbFinding ordered by severity
 * (errors first), then by path. */
GListModel *pb_checks_run        (PbConfiguration *configuration);
guint       pb_checks_count      (GListModel      *findings,
                                  PbSeverity       severity);
/* What pb_checks_count() says of pb_checks_run()'s errors, without
 * building the findings. */
guint       pb_checks_count_errors (PbConfiguration *configuration);

G_END_DECLS
