/* pb-platform-json.h: the platform's answers and requests (pure, no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"

G_BEGIN_DECLS

/* Each parser takes any bytes and never crashes; on failure @error is
 * PB_REMOTE_ERROR_MALFORMED with "line L:C: …" or a JSON path. Fields
 * these do not know are ignored (platform-api.md). */

typedef struct
{
  char *access_token;
  gint64 expires_in; /* seconds; 0 when the answer does not say */
} PbPlatformToken;

void             pb_platform_token_free                  (PbPlatformToken   *token);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbPlatformToken, pb_platform_token_free)

typedef struct
{
  char *id;
  char *name;                      /* may be NULL */
  gboolean omnichannel;            /* features.omnichannel */
  gboolean revert_to_last_status;  /* features.revertToLastStatus */
  char *agent_post_call_state;     /* may be NULL */
} PbPlatformAccount;

void             pb_platform_account_free                (PbPlatformAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbPlatformAccount, pb_platform_account_free)

PbPlatformToken   *pb_platform_json_parse_token            (const char       *data,
                                                            gsize             length,
                                                            GError          **error);
PbPlatformAccount *pb_platform_json_parse_account          (const char       *data,
                                                            gsize             length,
                                                            GError          **error);
/* (element-type PbAgentState) */
GPtrArray         *pb_platform_json_parse_agent_states     (const char       *data,
                                                            gsize             length,
                                                            GError          **error);
/* (element-type PbPresenceStatus); *@fetched_at may be NULL when the
 * answer does not say. */
GPtrArray         *pb_platform_json_parse_presence_statuses (const char       *data,
                                                            gsize             length,
                                                            GDateTime       **fetched_at,
                                                            GError          **error);
/* The mapping and revertToLastStatus, in a configuration without lists. */
PbConfiguration   *pb_platform_json_parse_configuration    (const char       *data,
                                                            gsize             length,
                                                            gint64           *revision,
                                                            GError          **error);
/* {"errors":[{"code","message","path"}]} as error PbFindings, each about
 * the row its path names (stateToPresence.away → the state "away"); the
 * path is "" when the platform names no field. */
GPtrArray         *pb_platform_json_parse_errors           (const char       *data,
                                                            gsize             length,
                                                            GError          **error);

/* The body of PUT /omnichannel/configuration: the GET's shape without
 * the revision. */
GBytes            *pb_platform_json_build_configuration    (PbConfiguration  *configuration);

G_END_DECLS
